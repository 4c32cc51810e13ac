//! Conversions between Terraform values and the DR model's [`Field`]s: null is `Unset`,
//! unknown is `Unknown`, anything else is `Known`.

use std::collections::BTreeMap;

use drkit_model::{Duration, Field};

use drkit_tfplugin::cty::Value;

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

/// The value to plan for an optional + computed attribute.
///
/// Terraform 1.0 accepts a planned value that differs from the configuration only when the
/// configuration leaves the attribute null, or when the planned value is the prior state's.
/// So a configured value is planned as written, except that a prior value the provider deems
/// equivalent (`equivalent(prior, config)`, e.g. `1h` and `60m`) is kept, which avoids a
/// perpetual diff when the user respells a value. A null configuration takes `computed`.
pub fn plan_optional_computed(
    config: &Value,
    prior: &Value,
    computed: Value,
    equivalent: impl Fn(&str, &str) -> bool,
) -> Value {
    match config {
        Value::Null => computed,
        Value::String(written) => match prior {
            Value::String(stored) if stored != written && equivalent(stored, written) => {
                prior.clone()
            }
            _ => config.clone(),
        },
        _ => config.clone(),
    }
}

/// Two duration texts with the same length (`1h`, `60m`, `PT1H`).
pub fn same_duration(a: &str, b: &str) -> bool {
    matches!((Duration::parse(a), Duration::parse(b)), (Ok(a), Ok(b)) if a == b)
}

#[cfg(test)]
mod tests {
    use super::*;

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

    #[test]
    fn configured_values_are_planned_as_written_unless_prior_is_equivalent() {
        let computed = Value::from("1h");
        // Unset in configuration: the computed value.
        assert_eq!(
            plan_optional_computed(&Value::Null, &Value::Null, computed.clone(), same_duration),
            computed
        );
        // Create: as written.
        assert_eq!(
            plan_optional_computed(
                &Value::from("60m"),
                &Value::Null,
                computed.clone(),
                same_duration
            ),
            Value::from("60m")
        );
        // Respelled: the prior text stays, so there is no diff.
        assert_eq!(
            plan_optional_computed(
                &Value::from("PT1H"),
                &Value::from("60m"),
                computed.clone(),
                same_duration
            ),
            Value::from("60m")
        );
        // Really changed: the new text.
        assert_eq!(
            plan_optional_computed(
                &Value::from("2h"),
                &Value::from("60m"),
                computed.clone(),
                same_duration
            ),
            Value::from("2h")
        );
        assert_eq!(
            plan_optional_computed(&Value::Unknown, &Value::from("1h"), computed, same_duration),
            Value::Unknown
        );
    }
}
