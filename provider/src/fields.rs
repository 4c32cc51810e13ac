//! Conversions between Terraform values and the DR model's [`Field`]s (null is `Unset`,
//! unknown is `Unknown`, anything else is `Known`) for the provider block and data sources;
//! resources convert through their attribute tables ([`crate::resources::table`]).

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

/// A duration in its normalised text (`90m` -> `1h30m`).
pub fn duration_value(field: Field<Duration>) -> Value {
    match field {
        Field::Unset => Value::Null,
        Field::Unknown => Value::Unknown,
        Field::Known(duration) => Value::String(duration.to_string()),
    }
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
    }

    #[test]
    fn durations_are_normalised() {
        assert_eq!(
            duration_value(Field::Known(Duration::parse("90m").unwrap())),
            Value::from("1h30m")
        );
        assert_eq!(duration_value(Field::Unknown), Value::Unknown);
        assert_eq!(duration_value(Field::Unset), Value::Null);
    }
}
