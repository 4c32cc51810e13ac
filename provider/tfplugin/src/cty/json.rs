//! JSON decoding of cty values: the form Terraform stores state in, and hands to
//! UpgradeResourceState as the raw state. JSON has no unknowns (state never holds any).

use std::collections::BTreeMap;

use serde_json::Value as Json;

use super::{Number, Type, Value};

#[derive(Debug, thiserror::Error, PartialEq)]
pub enum JsonDecodeError {
    #[error("The stored state is not valid JSON: {0}.")]
    Malformed(String),
    #[error("The stored state at {path} should be a {expected} but is {found}.")]
    TypeMismatch {
        path: String,
        expected: String,
        found: String,
    },
}

/// Decodes `bytes` as a value of type `ty`. Object attributes the type does not define are
/// dropped: they come from an older shape of the resource, which is what upgrading is for.
pub fn decode_json(bytes: &[u8], ty: &Type) -> Result<Value, JsonDecodeError> {
    let json: Json = serde_json::from_slice(bytes)
        .map_err(|error| JsonDecodeError::Malformed(error.to_string()))?;
    from_json(&json, ty, &mut Vec::new())
}

fn from_json(json: &Json, ty: &Type, path: &mut Vec<String>) -> Result<Value, JsonDecodeError> {
    let mismatch = |path: &[String]| JsonDecodeError::TypeMismatch {
        path: if path.is_empty() {
            "the top level".to_owned()
        } else {
            path.concat()
        },
        expected: ty.friendly_name(),
        found: json.to_string(),
    };
    match (json, ty) {
        (Json::Null, _) => Ok(Value::Null),
        (Json::Bool(flag), Type::Bool) => Ok(Value::Bool(*flag)),
        (Json::String(text), Type::String) => Ok(Value::String(text.clone())),
        (Json::Number(number), Type::Number) => Ok(Value::Number(match number.as_i64() {
            Some(int) => Number::Int(int),
            None => Number::Float(number.as_f64().ok_or_else(|| mismatch(path))?),
        })),
        // cty's JSON encoding writes numbers too precise for a float as strings.
        (Json::String(text), Type::Number) => Number::parse(text)
            .map(Value::Number)
            .ok_or_else(|| mismatch(path)),
        (Json::Array(items), Type::List(element) | Type::Set(element)) => {
            let mut values = Vec::with_capacity(items.len());
            for (index, item) in items.iter().enumerate() {
                path.push(format!("[{index}]"));
                values.push(from_json(item, element, path)?);
                path.pop();
            }
            Ok(if matches!(ty, Type::Set(_)) {
                Value::Set(values)
            } else {
                Value::List(values)
            })
        }
        (Json::Object(entries), Type::Map(element)) => {
            let mut values = BTreeMap::new();
            for (key, item) in entries {
                path.push(format!("[{key:?}]"));
                values.insert(key.clone(), from_json(item, element, path)?);
                path.pop();
            }
            Ok(Value::Map(values))
        }
        (Json::Object(entries), Type::Object(attribute_types)) => {
            let mut values = BTreeMap::new();
            for (name, attribute_type) in attribute_types {
                path.push(format!(".{name}"));
                let value = match entries.get(name) {
                    Some(item) => from_json(item, attribute_type, path)?,
                    None => Value::Null,
                };
                path.pop();
                values.insert(name.clone(), value);
            }
            Ok(Value::Object(values))
        }
        _ => Err(mismatch(path)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn state_type() -> Type {
        Type::object([
            ("id", Type::String),
            ("interval_minutes", Type::Number),
            ("targets", Type::list(Type::String)),
            (
                "settings",
                Type::object([("snapshot_minutes", Type::Number)]),
            ),
        ])
    }

    #[test]
    fn stored_state_decodes_against_the_schema() {
        let json = br#"{"id":"orders","interval_minutes":60,"targets":["a"],
                        "settings":{"snapshot_minutes":60}}"#;
        let value = decode_json(json, &state_type()).unwrap();
        assert_eq!(value.attr("id"), &Value::from("orders"));
        assert_eq!(value.attr("interval_minutes"), &Value::int(60));
        assert_eq!(value.attr("targets"), &Value::List(vec![Value::from("a")]));
        assert_eq!(
            value.attr("settings").attr("snapshot_minutes"),
            &Value::int(60)
        );
    }

    #[test]
    fn attributes_missing_from_old_state_are_null_and_removed_ones_are_dropped() {
        let value = decode_json(br#"{"id":"x","legacy":true}"#, &state_type()).unwrap();
        assert!(value.attr("targets").is_null());
        assert!(value.attr("legacy").is_null());
    }

    #[test]
    fn wrong_types_and_bad_json_are_errors() {
        let error = decode_json(br#"{"interval_minutes":true}"#, &state_type()).unwrap_err();
        assert_eq!(
            error.to_string(),
            "The stored state at .interval_minutes should be a number but is true."
        );
        assert!(matches!(
            decode_json(b"{", &state_type()),
            Err(JsonDecodeError::Malformed(_))
        ));
    }
}
