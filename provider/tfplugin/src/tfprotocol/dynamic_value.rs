//! `DynamicValue` messages: MessagePack (or, rarely, JSON) bytes decoded against a schema.

use crate::cty::{self, Type, Value};
use crate::proto::tfplugin6 as proto;

#[derive(Debug, thiserror::Error)]
pub enum DynamicValueError {
    #[error(transparent)]
    Msgpack(#[from] cty::MsgpackDecodeError),
    #[error(transparent)]
    Json(#[from] cty::JsonDecodeError),
    #[error(transparent)]
    Encode(#[from] cty::MsgpackEncodeError),
}

/// Decodes a value Terraform sent; an absent or empty message is a null value (Terraform sends
/// none for, say, the prior state of a resource being created).
pub fn decode_dynamic_value(
    value: Option<&proto::DynamicValue>,
    ty: &Type,
) -> Result<Value, DynamicValueError> {
    let Some(value) = value else {
        return Ok(Value::Null);
    };
    if !value.msgpack.is_empty() {
        Ok(cty::decode_msgpack(&value.msgpack, ty)?)
    } else if !value.json.is_empty() {
        Ok(cty::decode_json(&value.json, ty)?)
    } else {
        Ok(Value::Null)
    }
}

/// Encodes a value for Terraform, always as MessagePack.
pub fn encode_dynamic_value(
    value: &Value,
    ty: &Type,
) -> Result<proto::DynamicValue, DynamicValueError> {
    Ok(proto::DynamicValue {
        msgpack: cty::encode_msgpack(value, ty)?,
        json: Vec::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn absent_and_empty_values_are_null() {
        assert_eq!(
            decode_dynamic_value(None, &Type::String).unwrap(),
            Value::Null
        );
        let empty = proto::DynamicValue::default();
        assert_eq!(
            decode_dynamic_value(Some(&empty), &Type::String).unwrap(),
            Value::Null
        );
    }

    #[test]
    fn msgpack_and_json_both_decode() {
        let ty = Type::object([("period", Type::String)]);
        let value = Value::object([("period", Value::from("1h"))]);
        let encoded = encode_dynamic_value(&value, &ty).unwrap();
        assert!(encoded.json.is_empty());
        assert_eq!(decode_dynamic_value(Some(&encoded), &ty).unwrap(), value);
        let json = proto::DynamicValue {
            msgpack: Vec::new(),
            json: br#"{"period":"1h"}"#.to_vec(),
        };
        assert_eq!(decode_dynamic_value(Some(&json), &ty).unwrap(), value);
    }
}
