//! The planned state of a resource, attribute by attribute, from the schema: the rules of
//! Terraform's protocol live here once, and a resource only computes its values.
//!
//! Terraform 1.0 accepts a planned value that differs from the configuration only when the
//! configuration leaves the attribute null (and the attribute is computed), or when the planned
//! value is the prior state's. So a configured value is planned as written, except that a
//! prior value the attribute's [semantic equality](crate::tfprotocol::SemanticEquality) deems
//! the same (`1h` and `60m`) is kept, which avoids a perpetual diff when the user respells a
//! value.

use std::collections::BTreeMap;

use crate::cty::Value;
use crate::tfprotocol::{Attribute, AttributeMode, Diagnostic, Diagnostics, Schema};

/// The values a resource computes for one plan, by attribute name: one for each `Computed`
/// and `OptionalComputed` attribute of its schema (unknown where they depend on values not
/// known yet). Values given for other attributes are not used.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ComputedValues(BTreeMap<&'static str, Value>);

impl ComputedValues {
    pub fn get(&self, name: &str) -> Option<&Value> {
        self.0.get(name)
    }
}

impl FromIterator<(&'static str, Value)> for ComputedValues {
    fn from_iter<I: IntoIterator<Item = (&'static str, Value)>>(values: I) -> ComputedValues {
        ComputedValues(values.into_iter().collect())
    }
}

/// The planned value of one attribute, by its mode:
/// - `Required`, `Optional`: the configured value, or the prior one when semantically equal;
/// - `OptionalComputed`: the computed value when the configuration is null, else as above;
/// - `Computed`: the computed value.
pub fn plan_attribute(
    attribute: &Attribute,
    config: &Value,
    prior: &Value,
    computed: &Value,
) -> Value {
    match attribute.mode {
        AttributeMode::Computed => computed.clone(),
        AttributeMode::OptionalComputed if config.is_null() => computed.clone(),
        AttributeMode::Required | AttributeMode::Optional | AttributeMode::OptionalComputed => {
            as_configured(attribute, config, prior)
        }
    }
}

/// The configured value, unless the prior one means the same. Equality is asked only about a
/// configured value that is wholly known: an unknown part may turn out to be anything.
fn as_configured(attribute: &Attribute, config: &Value, prior: &Value) -> Value {
    match attribute.semantic_equality {
        Some(equal)
            if !config.is_null()
                && !prior.is_null()
                && config.is_wholly_known()
                && equal(prior, config) =>
        {
            prior.clone()
        }
        _ => config.clone(),
    }
}

/// The planned state for a non-null `config`: every attribute of `schema` planned with
/// [`plan_attribute`] from `config`, `prior` (null on create) and the resource's `computed`
/// values. A computed attribute the resource gave no value for is planned as null, with an
/// error: Terraform must not apply a state the provider did not finish.
pub fn plan_object(
    schema: &Schema,
    config: &Value,
    prior: &Value,
    computed: &ComputedValues,
) -> (Value, Diagnostics) {
    let mut diagnostics = Diagnostics::default();
    let planned = Value::object(schema.attributes.iter().map(|attribute| {
        let computed = match (attribute.mode, computed.get(attribute.name)) {
            (AttributeMode::Computed | AttributeMode::OptionalComputed, None) => {
                diagnostics.push(missing_computed_value(attribute));
                &Value::Null
            }
            (_, value) => value.unwrap_or(&Value::Null),
        };
        let value = plan_attribute(
            attribute,
            config.attr(attribute.name),
            prior.attr(attribute.name),
            computed,
        );
        (attribute.name, value)
    }));
    (planned, diagnostics)
}

fn missing_computed_value(attribute: &Attribute) -> Diagnostic {
    Diagnostic::error(
        "Provider computed no value",
        format!(
            "The provider computed no value for the attribute {}, which its schema marks as computed. This is a bug in the provider; please report it to its authors.",
            attribute.name
        ),
    )
}

/// The attributes declared [`requires_replace`](Attribute::requires_replace) whose planned
/// value differs from the prior state's (none on create).
pub fn replaced_attributes(schema: &Schema, prior: &Value, planned: &Value) -> Vec<&'static str> {
    if prior.is_null() {
        return Vec::new();
    }
    schema
        .attributes
        .iter()
        .filter(|attribute| attribute.requires_replace)
        .filter(|attribute| prior.attr(attribute.name) != planned.attr(attribute.name))
        .map(|attribute| attribute.name)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cty::Type;
    use crate::tfprotocol::same_text;
    use AttributeMode::{Computed, Optional, OptionalComputed, Required};

    fn same_letters(prior: &Value, config: &Value) -> bool {
        same_text(prior, config, |a, b| a.eq_ignore_ascii_case(b))
    }

    fn schema() -> Schema {
        Schema {
            version: 0,
            description: "A test schema.",
            attributes: vec![
                Attribute::new("name", Type::String, Required, "").requires_replace(),
                Attribute::new("label", Type::String, Optional, "").semantic_equality(same_letters),
                Attribute::new("level", Type::String, OptionalComputed, "")
                    .semantic_equality(same_letters),
                Attribute::new("id", Type::String, Computed, ""),
            ],
        }
    }

    fn attribute(name: &str) -> Attribute {
        schema()
            .attribute(name)
            .cloned()
            .expect("the test schema has the attribute")
    }

    #[test]
    fn configured_values_are_planned_as_written_unless_prior_is_equivalent() {
        let level = attribute("level");
        let computed = Value::from("low");
        let plan = |config: &str, prior: Value| {
            plan_attribute(&level, &Value::from(config), &prior, &computed)
        };
        // Create: as written.
        assert_eq!(plan("HIGH", Value::Null), Value::from("HIGH"));
        // Respelled: the prior text stays, so there is no diff.
        assert_eq!(plan("HIGH", Value::from("high")), Value::from("high"));
        // Really changed: the new text.
        assert_eq!(plan("medium", Value::from("high")), Value::from("medium"));
        // Unknown: unknown, whatever was stored.
        assert_eq!(
            plan_attribute(&level, &Value::Unknown, &Value::from("high"), &computed),
            Value::Unknown
        );
    }

    #[test]
    fn each_mode_takes_its_value_from_config_or_computation() {
        let computed = Value::from("computed");
        let stored = Value::from("stored");
        let plan = |name: &str, config: &Value| {
            plan_attribute(&attribute(name), config, &stored, &computed)
        };
        // Unset in configuration: null, or the computed value where the provider may choose.
        assert_eq!(plan("label", &Value::Null), Value::Null);
        assert_eq!(plan("level", &Value::Null), computed);
        // Set: the configured value, also where the provider could compute one.
        assert_eq!(plan("name", &Value::from("given")), Value::from("given"));
        assert_eq!(plan("level", &Value::from("given")), Value::from("given"));
        // Computed only: the computed value, whatever the configuration says.
        assert_eq!(plan("id", &Value::Null), computed);
    }

    #[test]
    fn a_whole_object_is_planned_from_the_schema() {
        let config = Value::object([
            ("name", Value::from("a")),
            ("label", Value::from("Blue")),
            ("level", Value::Null),
            ("id", Value::Null),
        ]);
        let prior = Value::object([
            ("name", Value::from("a")),
            ("label", Value::from("blue")),
            ("level", Value::from("high")),
            ("id", Value::from("a")),
        ]);
        let computed: ComputedValues = [("level", Value::from("low")), ("id", Value::from("a"))]
            .into_iter()
            .collect();
        let (planned, diagnostics) = plan_object(&schema(), &config, &prior, &computed);
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        assert_eq!(
            planned,
            Value::object([
                ("name", Value::from("a")),
                ("label", Value::from("blue")),
                ("level", Value::from("low")),
                ("id", Value::from("a")),
            ])
        );
    }

    #[test]
    fn a_computed_value_the_resource_left_out_is_an_error() {
        let config = Value::object([("name", Value::from("a"))]);
        let computed: ComputedValues = [("level", Value::from("low"))].into_iter().collect();
        let (planned, diagnostics) = plan_object(&schema(), &config, &Value::Null, &computed);
        assert!(planned.attr("id").is_null());
        let [error] = &diagnostics.0[..] else {
            panic!("one error expected: {diagnostics:?}")
        };
        assert_eq!(error.summary, "Provider computed no value");
        assert!(error.detail.contains("attribute id"), "{}", error.detail);
    }

    #[test]
    fn only_a_changed_name_forces_replacement() {
        let schema = schema();
        let prior = Value::object([("name", Value::from("a")), ("label", Value::from("x"))]);
        let renamed = Value::object([("name", Value::from("b")), ("label", Value::from("x"))]);
        let relabelled = Value::object([("name", Value::from("a")), ("label", Value::from("y"))]);
        assert_eq!(replaced_attributes(&schema, &prior, &renamed), ["name"]);
        assert!(replaced_attributes(&schema, &prior, &relabelled).is_empty());
        assert!(replaced_attributes(&schema, &Value::Null, &renamed).is_empty());
    }
}
