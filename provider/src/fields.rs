//! Conversions between Terraform values and the DR model's [`Field`]s (null is `Unset`,
//! unknown is `Unknown`, anything else is `Known`), and the semantic equality of durations.

use std::collections::BTreeMap;

use drkit_model::{Duration, Field};

use drkit_tfplugin::cty::Value;
use drkit_tfplugin::tfprotocol::same_text;

/// A string argument. A value of another type cannot reach us (Terraform converts
/// configuration values to the schema's type before sending them), so it reads as unset.
pub fn string_field(value: &Value) -> Field<String> {
    match value {
        Value::Unknown => Field::Unknown,
        Value::String(text) => Field::Known(text.clone()),
        _ => Field::Unset,
    }
}

pub fn bool_field(value: &Value) -> Field<bool> {
    match value {
        Value::Unknown => Field::Unknown,
        Value::Bool(flag) => Field::Known(*flag),
        _ => Field::Unset,
    }
}

/// A list of strings whose elements may each be unknown.
pub fn string_list_field(value: &Value) -> Field<Vec<Field<String>>> {
    match value {
        Value::Unknown => Field::Unknown,
        Value::List(items) | Value::Set(items) => {
            Field::Known(items.iter().map(string_field).collect())
        }
        _ => Field::Unset,
    }
}

pub fn field_value<T: Into<Value>>(field: Field<T>) -> Value {
    match field {
        Field::Unset => Value::Null,
        Field::Unknown => Value::Unknown,
        Field::Known(value) => value.into(),
    }
}

/// A whole number for a number attribute; counts beyond `i64` cannot occur in practice
/// (a `u64` of minutes is longer than the age of the universe) and saturate.
pub fn count_value(field: Field<u64>) -> Value {
    field_value(field.map(|count| i64::try_from(count).unwrap_or(i64::MAX)))
}

/// A duration in its normalised text (`90m` -> `1h30m`).
pub fn duration_value(field: Field<Duration>) -> Value {
    field_value(field.map(|duration| duration.to_string()))
}

pub fn string_list_value(field: Field<Vec<String>>) -> Value {
    field_value(field.map(|items| Value::List(items.into_iter().map(Value::String).collect())))
}

pub fn count_map_value(field: Field<BTreeMap<String, u64>>) -> Value {
    field_value(field.map(|entries| {
        Value::Map(
            entries
                .into_iter()
                .map(|(key, count)| (key, count_value(Field::Known(count))))
                .collect(),
        )
    }))
}

/// Two duration texts with the same length (`1h`, `60m`, `PT1H`): the semantic equality of
/// every duration argument.
pub fn same_duration(prior: &Value, config: &Value) -> bool {
    same_text(
        prior,
        config,
        |a, b| matches!((Duration::parse(a), Duration::parse(b)), (Ok(a), Ok(b)) if a == b),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use drkit_tfplugin::cty::Type;
    use drkit_tfplugin::planning::plan_attribute;
    use drkit_tfplugin::tfprotocol::{Attribute, AttributeMode};

    #[test]
    fn null_unknown_and_known_map_to_field_states() {
        assert_eq!(string_field(&Value::Null), Field::Unset);
        assert_eq!(string_field(&Value::Unknown), Field::Unknown);
        assert_eq!(
            string_field(&Value::from("1h")),
            Field::Known("1h".to_owned())
        );
        assert_eq!(bool_field(&Value::Bool(true)), Field::Known(true));
        assert_eq!(
            string_list_field(&Value::List(vec![Value::from("a"), Value::Unknown])),
            Field::Known(vec![Field::Known("a".to_owned()), Field::Unknown])
        );
    }

    #[test]
    fn fields_map_back_to_values() {
        assert_eq!(count_value(Field::Known(60)), Value::int(60));
        assert_eq!(count_value(Field::Unset), Value::Null);
        assert_eq!(
            duration_value(Field::Known(Duration::parse("90m").unwrap())),
            Value::from("1h30m")
        );
        assert_eq!(duration_value(Field::Unknown), Value::Unknown);
        assert_eq!(
            count_map_value(Field::Known(BTreeMap::from([("eastus".to_owned(), 0)]))),
            Value::Map(BTreeMap::from([("eastus".to_owned(), Value::int(0))]))
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
