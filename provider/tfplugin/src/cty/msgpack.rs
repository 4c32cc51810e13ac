//! MessagePack encoding of cty values, the encoding of every `DynamicValue` Terraform sends.
//!
//! Rules (Terraform's object wire format): null is msgpack nil; an unknown value is the
//! extension type 0 (newer Terraform versions also send extension 12, an unknown carrying
//! refinements, which we read as plain unknown); numbers are integers, floats, or decimal
//! strings when too large; lists, sets and tuples are arrays; maps and objects are maps keyed by
//! string, an object carrying every attribute of its type.

use std::collections::BTreeMap;

use rmpv::Value as Msgpack;

use super::{Number, Type, Value};

/// Extension code cty uses for an unknown value.
const UNKNOWN_EXTENSION: i8 = 0;
/// Extension code newer cty versions use for an unknown value with refinements (for example
/// "not null"); this provider has no use for refinements and treats it as unknown.
const REFINED_UNKNOWN_EXTENSION: i8 = 12;

#[derive(Debug, thiserror::Error, PartialEq)]
pub enum MsgpackDecodeError {
    #[error("The value from Terraform is not valid MessagePack: {0}.")]
    Malformed(String),
    #[error("The value from Terraform has {0} unexpected byte(s) after its end.")]
    TrailingBytes(usize),
    #[error("The value from Terraform at {path} should be a {expected} but is the MessagePack value {found}.")]
    TypeMismatch {
        path: String,
        expected: String,
        found: String,
    },
    #[error("The value from Terraform has an attribute \"{name}\" at {path} that the schema does not define.")]
    UnexpectedAttribute { path: String, name: String },
}

#[derive(Debug, thiserror::Error, PartialEq)]
pub enum MsgpackEncodeError {
    #[error("The provider built a value at {path} that is not a {expected}: {found}.")]
    TypeMismatch {
        path: String,
        expected: String,
        found: String,
    },
    #[error("The provider could not serialise a value as MessagePack: {0}.")]
    Write(String),
}

/// Decodes `bytes` as a value of type `ty`.
pub fn decode_msgpack(bytes: &[u8], ty: &Type) -> Result<Value, MsgpackDecodeError> {
    let mut reader = bytes;
    let raw = rmpv::decode::read_value(&mut reader)
        .map_err(|error| MsgpackDecodeError::Malformed(error.to_string()))?;
    if !reader.is_empty() {
        return Err(MsgpackDecodeError::TrailingBytes(reader.len()));
    }
    from_msgpack(&raw, ty, &mut Vec::new())
}

/// Encodes `value` as type `ty`.
pub fn encode_msgpack(value: &Value, ty: &Type) -> Result<Vec<u8>, MsgpackEncodeError> {
    let raw = to_msgpack(value, ty, &mut Vec::new())?;
    let mut bytes = Vec::new();
    rmpv::encode::write_value(&mut bytes, &raw)
        .map_err(|error| MsgpackEncodeError::Write(error.to_string()))?;
    Ok(bytes)
}

/// Renders a path like Terraform does: `.settings.snapshot_minutes`, `.targets[2]`.
fn render_path(path: &[String]) -> String {
    if path.is_empty() {
        "the top level".to_owned()
    } else {
        path.concat()
    }
}

fn from_msgpack(
    raw: &Msgpack,
    ty: &Type,
    path: &mut Vec<String>,
) -> Result<Value, MsgpackDecodeError> {
    let mismatch = |path: &[String]| MsgpackDecodeError::TypeMismatch {
        path: render_path(path),
        expected: ty.friendly_name(),
        found: raw.to_string(),
    };
    match (raw, ty) {
        (Msgpack::Nil, _) => Ok(Value::Null),
        (Msgpack::Ext(UNKNOWN_EXTENSION | REFINED_UNKNOWN_EXTENSION, _), _) => Ok(Value::Unknown),
        (Msgpack::Boolean(flag), Type::Bool) => Ok(Value::Bool(*flag)),
        (Msgpack::String(text), Type::String) => text
            .as_str()
            .map(Value::string)
            .ok_or_else(|| mismatch(path)),
        (Msgpack::Integer(int), Type::Number) => Ok(Value::Number(match int.as_i64() {
            Some(int) => Number::Int(int),
            None => Number::Float(int.as_f64().ok_or_else(|| mismatch(path))?),
        })),
        (Msgpack::F32(float), Type::Number) => Ok(Value::Number(Number::Float(f64::from(*float)))),
        (Msgpack::F64(float), Type::Number) => Ok(Value::Number(Number::Float(*float))),
        (Msgpack::String(text), Type::Number) => text
            .as_str()
            .and_then(Number::parse)
            .map(Value::Number)
            .ok_or_else(|| mismatch(path)),
        (Msgpack::Array(items), Type::List(element) | Type::Set(element)) => {
            let mut values = Vec::with_capacity(items.len());
            for (index, item) in items.iter().enumerate() {
                path.push(format!("[{index}]"));
                values.push(from_msgpack(item, element, path)?);
                path.pop();
            }
            Ok(if matches!(ty, Type::Set(_)) {
                Value::Set(values)
            } else {
                Value::List(values)
            })
        }
        (Msgpack::Map(entries), Type::Map(element)) => {
            let mut values = BTreeMap::new();
            for (key, item) in entries {
                let key = key.as_str().ok_or_else(|| mismatch(path))?;
                path.push(format!("[{key:?}]"));
                values.insert(key.to_owned(), from_msgpack(item, element, path)?);
                path.pop();
            }
            Ok(Value::Map(values))
        }
        (Msgpack::Map(entries), Type::Object(attribute_types)) => {
            let mut values = BTreeMap::new();
            for (key, item) in entries {
                let name = key.as_str().ok_or_else(|| mismatch(path))?;
                let attribute_type = attribute_types.get(name).ok_or_else(|| {
                    MsgpackDecodeError::UnexpectedAttribute {
                        path: render_path(path),
                        name: name.to_owned(),
                    }
                })?;
                path.push(format!(".{name}"));
                values.insert(name.to_owned(), from_msgpack(item, attribute_type, path)?);
                path.pop();
            }
            for name in attribute_types.keys() {
                values.entry(name.clone()).or_insert(Value::Null);
            }
            Ok(Value::Object(values))
        }
        _ => Err(mismatch(path)),
    }
}

fn to_msgpack(
    value: &Value,
    ty: &Type,
    path: &mut Vec<String>,
) -> Result<Msgpack, MsgpackEncodeError> {
    let mismatch = |path: &[String]| MsgpackEncodeError::TypeMismatch {
        path: render_path(path),
        expected: ty.friendly_name(),
        found: format!("{value:?}"),
    };
    match (value, ty) {
        (Value::Null, _) => Ok(Msgpack::Nil),
        (Value::Unknown, _) => Ok(Msgpack::Ext(UNKNOWN_EXTENSION, vec![0])),
        (Value::Bool(flag), Type::Bool) => Ok(Msgpack::Boolean(*flag)),
        (Value::String(text), Type::String) => Ok(Msgpack::from(text.as_str())),
        (Value::Number(Number::Int(int)), Type::Number) => Ok(Msgpack::from(*int)),
        (Value::Number(Number::Float(float)), Type::Number) => Ok(Msgpack::F64(*float)),
        (Value::List(items), Type::List(element)) | (Value::Set(items), Type::Set(element)) => {
            let mut encoded = Vec::with_capacity(items.len());
            for (index, item) in items.iter().enumerate() {
                path.push(format!("[{index}]"));
                encoded.push(to_msgpack(item, element, path)?);
                path.pop();
            }
            Ok(Msgpack::Array(encoded))
        }
        (Value::Map(entries), Type::Map(element)) => {
            let mut encoded = Vec::with_capacity(entries.len());
            for (key, item) in entries {
                path.push(format!("[{key:?}]"));
                encoded.push((
                    Msgpack::from(key.as_str()),
                    to_msgpack(item, element, path)?,
                ));
                path.pop();
            }
            Ok(Msgpack::Map(encoded))
        }
        (Value::Object(attributes), Type::Object(attribute_types)) => {
            if let Some(name) = attributes
                .keys()
                .find(|name| !attribute_types.contains_key(*name))
            {
                path.push(format!(".{name}"));
                let error = MsgpackEncodeError::TypeMismatch {
                    path: render_path(path),
                    expected: "attribute of the schema".to_owned(),
                    found: format!("an attribute \"{name}\" the schema does not define"),
                };
                path.pop();
                return Err(error);
            }
            let mut encoded = Vec::with_capacity(attribute_types.len());
            for (name, attribute_type) in attribute_types {
                path.push(format!(".{name}"));
                let item = attributes.get(name).unwrap_or(&Value::Null);
                encoded.push((
                    Msgpack::from(name.as_str()),
                    to_msgpack(item, attribute_type, path)?,
                ));
                path.pop();
            }
            Ok(Msgpack::Map(encoded))
        }
        _ => Err(mismatch(path)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn policy_type() -> Type {
        Type::object([
            ("name", Type::String),
            ("minutes", Type::Number),
            ("geo", Type::Bool),
            ("targets", Type::list(Type::String)),
            ("priorities", Type::map(Type::Number)),
        ])
    }

    fn object(entries: Vec<(&str, Value)>) -> Value {
        Value::Object(
            entries
                .into_iter()
                .map(|(k, v)| (k.to_owned(), v))
                .collect(),
        )
    }

    #[test]
    fn values_survive_a_round_trip() {
        let value = object(vec![
            ("name", Value::from("orders")),
            ("minutes", Value::int(60)),
            ("geo", Value::Bool(true)),
            (
                "targets",
                Value::List(vec![Value::from("a"), Value::Unknown]),
            ),
            (
                "priorities",
                Value::Map(BTreeMap::from([("westeurope".to_owned(), Value::int(0))])),
            ),
        ]);
        let bytes = encode_msgpack(&value, &policy_type()).unwrap();
        assert_eq!(decode_msgpack(&bytes, &policy_type()).unwrap(), value);
    }

    #[test]
    fn unknown_is_extension_zero_as_cty_writes_it() {
        let bytes = encode_msgpack(&Value::Unknown, &Type::String).unwrap();
        assert_eq!(bytes, [0xd4, 0x00, 0x00]);
        assert_eq!(
            decode_msgpack(&bytes, &Type::String).unwrap(),
            Value::Unknown
        );
    }

    #[test]
    fn refined_unknowns_from_newer_terraform_read_as_unknown() {
        // fixext1, code 12, one byte of refinement data.
        let bytes = [0xd4, 0x0c, 0x01];
        assert_eq!(
            decode_msgpack(&bytes, &Type::String).unwrap(),
            Value::Unknown
        );
    }

    #[test]
    fn null_is_nil_for_any_type() {
        assert_eq!(
            encode_msgpack(&Value::Null, &policy_type()).unwrap(),
            [0xc0]
        );
        assert_eq!(
            decode_msgpack(&[0xc0], &policy_type()).unwrap(),
            Value::Null
        );
    }

    #[test]
    fn objects_are_written_with_every_attribute() {
        let value = object(vec![("name", Value::from("x"))]);
        let bytes = encode_msgpack(&value, &policy_type()).unwrap();
        let raw = rmpv::decode::read_value(&mut &bytes[..]).unwrap();
        let keys: Vec<_> = raw
            .as_map()
            .unwrap()
            .iter()
            .map(|(k, _)| k.as_str().unwrap().to_owned())
            .collect();
        assert_eq!(keys, ["geo", "minutes", "name", "priorities", "targets"]);
    }

    #[test]
    fn numbers_decode_from_every_cty_number_form() {
        assert_eq!(
            decode_msgpack(&[0x3c], &Type::Number).unwrap(),
            Value::Number(Number::Int(60))
        );
        let mut float = Vec::new();
        rmpv::encode::write_value(&mut float, &Msgpack::F64(1.5)).unwrap();
        assert_eq!(
            decode_msgpack(&float, &Type::Number).unwrap(),
            Value::Number(Number::Float(1.5))
        );
        let mut text = Vec::new();
        rmpv::encode::write_value(&mut text, &Msgpack::from("12345678901234567890123")).unwrap();
        assert_eq!(
            decode_msgpack(&text, &Type::Number).unwrap(),
            Value::Number(Number::Float(1.2345678901234568e22))
        );
    }

    #[test]
    fn mismatched_types_name_the_path() {
        let mut bytes = Vec::new();
        let raw = Msgpack::Map(vec![(Msgpack::from("minutes"), Msgpack::from("soon"))]);
        rmpv::encode::write_value(&mut bytes, &raw).unwrap();
        let error = decode_msgpack(&bytes, &policy_type()).unwrap_err();
        assert_eq!(
            error.to_string(),
            "The value from Terraform at .minutes should be a number but is the MessagePack value \"soon\"."
        );
    }

    #[test]
    fn attributes_outside_the_schema_are_rejected() {
        let mut bytes = Vec::new();
        let raw = Msgpack::Map(vec![(Msgpack::from("colour"), Msgpack::from("red"))]);
        rmpv::encode::write_value(&mut bytes, &raw).unwrap();
        assert_eq!(
            decode_msgpack(&bytes, &policy_type()).unwrap_err(),
            MsgpackDecodeError::UnexpectedAttribute {
                path: "the top level".to_owned(),
                name: "colour".to_owned()
            }
        );
    }

    #[test]
    fn truncated_and_padded_input_is_an_error_not_a_panic() {
        assert!(matches!(
            decode_msgpack(&[0x92, 0x01], &Type::list(Type::Number)),
            Err(MsgpackDecodeError::Malformed(_))
        ));
        assert_eq!(
            decode_msgpack(&[0xc0, 0xc0], &Type::String),
            Err(MsgpackDecodeError::TrailingBytes(1))
        );
        assert!(decode_msgpack(&[], &Type::String).is_err());
    }

    #[test]
    fn encoding_a_value_of_the_wrong_shape_is_an_error() {
        let error = encode_msgpack(&Value::from("x"), &Type::list(Type::String)).unwrap_err();
        assert!(matches!(error, MsgpackEncodeError::TypeMismatch { .. }));
    }
}
