//! The model's attribute tables ([`drkit_model::attributes`]) in the plugin framework's terms:
//! each resource's schema, its input from a configuration and its computed values come from
//! its table, so that the provider, drlint and the docs read the same rows.

use crate::values::{given, value};
use drkit_model::attributes::{
    AttributeSpec, Equivalence, Mode, ResourceTable, Scalar, Source, ValueType,
};
use drkit_tfplugin::cty::{Type, Value};
use drkit_tfplugin::planning::ComputedValues;
use drkit_tfplugin::tfprotocol::{
    same_list, same_text, Attribute, AttributeMode, Schema, SemanticEquality,
};

/// The schema a table describes.
pub fn schema<Input, Evaluated>(table: &ResourceTable<Input, Evaluated>) -> Schema {
    Schema {
        version: 0,
        description: table.description,
        attributes: table.attributes.iter().map(attribute).collect(),
    }
}

fn attribute<Input, Evaluated>(spec: &AttributeSpec<Input, Evaluated>) -> Attribute {
    let mode = match spec.mode {
        Mode::Required => AttributeMode::Required,
        Mode::Optional => AttributeMode::Optional,
        Mode::OptionalComputed => AttributeMode::OptionalComputed,
        Mode::Computed => AttributeMode::Computed,
    };
    let mut attribute = Attribute::new(spec.name, cty_type(spec.ty), mode, spec.description);
    if spec.replace_on_change {
        attribute = attribute.requires_replace();
    }
    if let Some(equal) = semantic_equality(spec.equivalence) {
        attribute = attribute.semantic_equality(equal);
    }
    if let ValueType::Object(fields) = spec.ty {
        attribute = attribute.field_descriptions(
            fields
                .fields()
                .into_iter()
                .map(|field| (field.name, field.description))
                .collect(),
        );
    }
    attribute
}

fn scalar_type(scalar: Scalar) -> Type {
    match scalar {
        Scalar::String => Type::String,
        Scalar::Number => Type::Number,
        Scalar::Bool => Type::Bool,
    }
}

fn cty_type(ty: ValueType) -> Type {
    match ty {
        ValueType::Scalar(scalar) => scalar_type(scalar),
        ValueType::List(scalar) => Type::list(scalar_type(scalar)),
        ValueType::Map(scalar) => Type::map(scalar_type(scalar)),
        ValueType::Object(fields) => Type::object(
            fields
                .fields()
                .into_iter()
                .map(|field| (field.name, scalar_type(field.ty))),
        ),
    }
}

fn semantic_equality(equivalence: Equivalence) -> Option<SemanticEquality> {
    match equivalence {
        Equivalence::Exact => None,
        Equivalence::Duration => Some(same_duration),
        Equivalence::CaseInsensitive => Some(same_case_insensitive),
        Equivalence::Region => Some(same_region),
        Equivalence::RegionList => Some(same_regions),
    }
}

/// Two duration texts with the same length (`1h`, `60m`, `PT1H`).
pub fn same_duration(prior: &Value, config: &Value) -> bool {
    same_text(prior, config, |a, b| Equivalence::Duration.same_text(a, b))
}

/// Tier names and failover modes: the same but for case.
pub fn same_case_insensitive(prior: &Value, config: &Value) -> bool {
    same_text(prior, config, |a, b| {
        Equivalence::CaseInsensitive.same_text(a, b)
    })
}

/// Two spellings of one Azure region (`West Europe`, `westeurope`).
pub fn same_region(prior: &Value, config: &Value) -> bool {
    same_text(prior, config, |a, b| Equivalence::Region.same_text(a, b))
}

/// Lists naming the same regions in the same order.
pub fn same_regions(prior: &Value, config: &Value) -> bool {
    same_list(prior, config, same_region)
}

/// The model's input from a configuration: Terraform has converted each value to the
/// attribute's type, so a value of another type cannot reach us (it reads as unset).
pub fn input<Input: Default, Evaluated>(
    table: &ResourceTable<Input, Evaluated>,
    config: &Value,
) -> Input {
    table.input(|name, _| given(config.attr(name)))
}

/// The provider's values for every attribute it computes; the framework plans them with the
/// configuration and the prior state.
pub fn computed<Input, Evaluated>(
    table: &ResourceTable<Input, Evaluated>,
    evaluated: &Evaluated,
    config: &Value,
) -> ComputedValues {
    table
        .attributes
        .iter()
        .filter_map(|spec| match spec.value {
            Source::Configured => None,
            Source::ConfiguredAs(other) => Some((spec.name, config.attr(other).clone())),
            Source::Computed(compute) => Some((spec.name, value(compute(evaluated)))),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use drkit_model::backup_policy::BACKUP_POLICY;
    use drkit_model::failover_group::FAILOVER_GROUP;
    use drkit_tfplugin::planning::plan_attribute;

    #[test]
    fn equalities_follow_the_model() {
        assert!(same_duration(&Value::from("60m"), &Value::from("PT1H")));
        assert!(same_case_insensitive(
            &Value::from("Critical"),
            &Value::from("critical")
        ));
        assert!(same_regions(
            &Value::List(vec![Value::from("West Europe")]),
            &Value::List(vec![Value::from("westeurope")])
        ));
        assert!(!same_region(&Value::from("westeurope"), &Value::Bool(true)));
    }

    #[test]
    fn the_schemas_hold_every_row_in_order_with_its_behaviour() {
        let policy = schema(&BACKUP_POLICY);
        let names: Vec<&str> = policy.attributes.iter().map(|a| a.name).collect();
        let rows: Vec<&str> = BACKUP_POLICY.attributes.iter().map(|a| a.name).collect();
        assert_eq!(names, rows);
        let name = policy.attribute("name").unwrap();
        assert!(name.requires_replace && name.semantic_equality.is_none());
        assert!(policy.attribute("rpo").unwrap().semantic_equality.is_some());
        let azure = policy.attribute("azure").unwrap();
        let fields = drkit_model::backup_policy::AZURE_SETTINGS.0.len();
        assert!(matches!(&azure.ty, Type::Object(object) if object.len() == fields));
        assert_eq!(azure.field_descriptions.len(), fields);
        let group = schema(&FAILOVER_GROUP);
        assert_eq!(
            group.attribute("failover_priorities").unwrap().ty,
            Type::map(Type::Number)
        );
    }

    /// A duration argument as the resources declare one: optional, computed from the tier
    /// when unset, a respelling of the stored value not a change.
    fn duration_attribute() -> Attribute {
        Attribute::new("rpo", Type::String, AttributeMode::OptionalComputed, "")
            .semantic_equality(same_duration)
    }

    fn plan_optional_computed(config: &Value, prior: &Value, computed: Value) -> Value {
        plan_attribute(&duration_attribute(), config, prior, &computed)
    }

    #[test]
    fn configured_values_are_planned_as_written_unless_prior_is_equivalent() {
        let computed = Value::from("1h");
        // Unset in configuration: the computed value.
        assert_eq!(
            plan_optional_computed(&Value::Null, &Value::Null, computed.clone()),
            computed
        );
        // Create: as written.
        assert_eq!(
            plan_optional_computed(&Value::from("60m"), &Value::Null, computed.clone()),
            Value::from("60m")
        );
        // Respelled: the prior text stays, so there is no diff.
        assert_eq!(
            plan_optional_computed(&Value::from("PT1H"), &Value::from("60m"), computed.clone()),
            Value::from("60m")
        );
        // Really changed: the new text.
        assert_eq!(
            plan_optional_computed(&Value::from("2h"), &Value::from("60m"), computed.clone()),
            Value::from("2h")
        );
        assert_eq!(
            plan_optional_computed(&Value::Unknown, &Value::from("1h"), computed),
            Value::Unknown
        );
    }
}
