//! The protocol's values in the DR model's terms and back: a configured value as the model
//! reads it ([`Given`]), a planned one as the protocol carries it (from [`Planned`]).

use drkit_model::attributes::{Given, Planned};
use drkit_model::Field;
use drkit_tfplugin::cty::Value;

/// A configured value as the model reads it (null is unset).
pub fn given(value: &Value) -> Given {
    match value {
        Value::Unknown => Given::Unknown,
        Value::String(text) => Given::Text(text.clone()),
        Value::Bool(flag) => Given::Flag(*flag),
        Value::List(items) | Value::Set(items) => Given::TextList(
            items
                .iter()
                .map(|item| match item {
                    Value::Unknown => Field::Unknown,
                    Value::String(text) => Field::Known(text.clone()),
                    _ => Field::Unset,
                })
                .collect(),
        ),
        _ => Given::Unset,
    }
}

/// A planned value as the protocol carries it. Counts beyond `i64` cannot occur in practice
/// (a `u64` of minutes is longer than the age of the universe) and saturate.
pub fn value(planned: Planned) -> Value {
    match planned {
        Planned::Null => Value::Null,
        Planned::Unknown => Value::Unknown,
        Planned::Text(text) => Value::String(text),
        Planned::Count(count) => Value::int(i64::try_from(count).unwrap_or(i64::MAX)),
        Planned::Flag(flag) => Value::Bool(flag),
        Planned::List(items) => Value::List(items.into_iter().map(value).collect()),
        Planned::Map(entries) => Value::Map(
            entries
                .into_iter()
                .map(|(key, planned)| (key, value(planned)))
                .collect(),
        ),
        Planned::Object(fields) => Value::Object(
            fields
                .into_iter()
                .map(|(name, planned)| (name.to_owned(), value(planned)))
                .collect(),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn configured_values_are_given_by_kind() {
        assert_eq!(given(&Value::Null).text(), Field::Unset);
        assert_eq!(given(&Value::Unknown).text(), Field::Unknown);
        assert_eq!(
            given(&Value::from("1h")).text(),
            Field::Known("1h".to_owned())
        );
        assert_eq!(given(&Value::Bool(true)).flag(), Field::Known(true));
        assert_eq!(
            given(&Value::List(vec![Value::from("a"), Value::Unknown])).text_list(),
            Field::Known(vec![Field::Known("a".to_owned()), Field::Unknown])
        );
        assert_eq!(
            given(&Value::Set(vec![Value::from("b")])).text_list(),
            Field::Known(vec![Field::Known("b".to_owned())])
        );
    }

    #[test]
    fn durations_are_planned_normalised() {
        assert_eq!(
            value(Planned::duration(Field::Known(
                drkit_model::Duration::from_minutes(90)
            ))),
            Value::from("1h30m")
        );
        assert_eq!(value(Planned::duration(Field::Unknown)), Value::Unknown);
        assert_eq!(value(Planned::duration(Field::Unset)), Value::Null);
    }

    #[test]
    fn planned_values_convert() {
        assert_eq!(value(Planned::Count(60)), Value::int(60));
        assert_eq!(value(Planned::Count(u64::MAX)), Value::int(i64::MAX));
        assert_eq!(
            value(Planned::Object(vec![("a", Planned::Null)])),
            Value::Object([("a".to_owned(), Value::Null)].into())
        );
    }
}
