//! Operators and element access on values, with Terraform's unknown-value rules.

use hcl_edit::expr::{BinaryOperator, UnaryOperator};

use super::{invalid, EvalResult};
use crate::value::{format_number, Value};

/// `value.name`.
pub(crate) fn get_attr(value: &Value, name: &str) -> EvalResult {
    match value {
        Value::Map(map) => match map.get(name) {
            Some(v) => Ok(v.clone()),
            None => invalid(format!("the object has no attribute \"{name}\"")),
        },
        Value::Unknown => Ok(Value::Unknown),
        Value::Ref { address, attribute } => Ok(Value::Ref {
            address: address.clone(),
            attribute: Some(attribute_path(attribute.as_deref(), name)),
        }),
        Value::Null => invalid(format!("cannot read attribute \"{name}\" of null")),
        other => invalid(format!(
            "cannot read attribute \"{name}\" of {}",
            kind_of(other)
        )),
    }
}

/// `settings` + `size` -> `settings.size`: a reference keeps the path of attributes it reads,
/// so that a reader who knows more about the referenced resource than the loader does can look
/// the value up.
fn attribute_path(path: Option<&str>, name: &str) -> String {
    match path {
        Some(path) => format!("{path}.{name}"),
        None => name.to_string(),
    }
}

/// `value[key]`.
pub(crate) fn index(value: &Value, key: &Value) -> EvalResult {
    if !key.is_known() {
        return Ok(match value {
            Value::Ref { address, .. } => Value::Ref {
                address: address.clone(),
                attribute: None,
            },
            _ => Value::Unknown,
        });
    }
    match value {
        Value::List(items) => {
            let Some(i) = key.as_f64() else {
                return invalid(format!("a list index must be a number, not {key}"));
            };
            if i < 0.0 || i.fract() != 0.0 || i as usize >= items.len() {
                return invalid(format!(
                    "index {} is out of range for a list of {} elements",
                    format_number(i),
                    items.len()
                ));
            }
            Ok(items[i as usize].clone())
        }
        Value::Map(map) => {
            let Some(k) = key.to_string_lossy() else {
                return invalid(format!("a map key must be a string, not {key}"));
            };
            match map.get(&k) {
                Some(v) => Ok(v.clone()),
                None => invalid(format!("the map has no element for the key \"{k}\"")),
            }
        }
        Value::Unknown => Ok(Value::Unknown),
        Value::Ref {
            address,
            attribute: None,
        } => Ok(Value::Ref {
            address: format!("{address}{}", index_text(key)),
            attribute: None,
        }),
        // `x.azure["key"]` is `x.azure.key`; a position in a list attribute is not followed.
        Value::Ref {
            address,
            attribute: Some(path),
        } => Ok(match key {
            Value::String(name) => Value::Ref {
                address: address.clone(),
                attribute: Some(attribute_path(Some(path), name)),
            },
            _ => value.clone(),
        }),
        Value::Null => invalid("cannot index null"),
        other => invalid(format!("cannot index {}", kind_of(other))),
    }
}

/// An index in Terraform's address form: `[0]` or `["key"]`.
pub(crate) fn index_text(key: &Value) -> String {
    match key {
        Value::Number(n) => format!("[{}]", format_number(*n)),
        other => {
            let text = other.to_string_lossy().unwrap_or_default();
            format!("[{}]", serde_json::Value::String(text))
        }
    }
}

pub(crate) fn kind_of(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a bool",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::List(_) => "a list",
        Value::Map(_) => "an object",
        Value::Unknown | Value::Ref { .. } => "an unknown value",
    }
}

/// Parses a number the way Terraform converts a string to a number.
pub(crate) fn parse_number_text(text: &str) -> Option<f64> {
    let t = text.trim();
    if t.is_empty() || t.eq_ignore_ascii_case("nan") || t.to_ascii_lowercase().contains("inf") {
        return None;
    }
    t.parse::<f64>().ok()
}

fn to_number(value: &Value, op: &str) -> Result<f64, super::EvalError> {
    match value {
        Value::Number(n) => Ok(*n),
        Value::String(s) => match parse_number_text(s) {
            Some(n) => Ok(n),
            None => invalid(format!("\"{s}\" is not a number, so `{op}` cannot use it")),
        },
        other => invalid(format!("`{op}` needs numbers, not {}", kind_of(other))),
    }
}

fn to_bool(value: &Value, op: &str) -> Result<bool, super::EvalError> {
    match value.as_bool() {
        Some(b) => Ok(b),
        None => invalid(format!("`{op}` needs bools, not {}", kind_of(value))),
    }
}

pub(crate) fn unary(op: UnaryOperator, value: &Value) -> EvalResult {
    if !value.is_known() {
        return Ok(Value::Unknown);
    }
    match op {
        UnaryOperator::Neg => Ok(Value::Number(-to_number(value, "-")?)),
        UnaryOperator::Not => Ok(Value::Bool(!to_bool(value, "!")?)),
    }
}

pub(crate) fn binary(op: BinaryOperator, lhs: &Value, rhs: &Value) -> EvalResult {
    let symbol = op.as_str();
    match op {
        // A known false (true) decides `&&` (`||`) even when the other side is unknown.
        BinaryOperator::And | BinaryOperator::Or => {
            let decisive = op == BinaryOperator::Or;
            let l = if lhs.is_known() {
                Some(to_bool(lhs, symbol)?)
            } else {
                None
            };
            let r = if rhs.is_known() {
                Some(to_bool(rhs, symbol)?)
            } else {
                None
            };
            match (l, r) {
                (Some(a), Some(b)) => Ok(Value::Bool(if decisive { a || b } else { a && b })),
                (Some(x), None) | (None, Some(x)) if x == decisive => Ok(Value::Bool(decisive)),
                _ => Ok(Value::Unknown),
            }
        }
        BinaryOperator::Eq | BinaryOperator::NotEq => {
            if lhs.contains_unknown() || rhs.contains_unknown() {
                return Ok(Value::Unknown);
            }
            let equal = values_equal(lhs, rhs);
            Ok(Value::Bool(if op == BinaryOperator::Eq {
                equal
            } else {
                !equal
            }))
        }
        _ => {
            if !lhs.is_known() || !rhs.is_known() {
                return Ok(Value::Unknown);
            }
            let a = to_number(lhs, symbol)?;
            let b = to_number(rhs, symbol)?;
            Ok(match op {
                BinaryOperator::Less => Value::Bool(a < b),
                BinaryOperator::LessEq => Value::Bool(a <= b),
                BinaryOperator::Greater => Value::Bool(a > b),
                BinaryOperator::GreaterEq => Value::Bool(a >= b),
                BinaryOperator::Plus => Value::Number(a + b),
                BinaryOperator::Minus => Value::Number(a - b),
                BinaryOperator::Mul => Value::Number(a * b),
                BinaryOperator::Div => {
                    if b == 0.0 {
                        return invalid("division by zero");
                    }
                    Value::Number(a / b)
                }
                BinaryOperator::Mod => {
                    if b == 0.0 {
                        return invalid("modulo by zero");
                    }
                    Value::Number(a % b)
                }
                _ => unreachable_operator(op),
            })
        }
    }
}

fn unreachable_operator(op: BinaryOperator) -> Value {
    // Every operator is matched above; keep a value rather than panicking if hcl-edit grows one.
    let _ = op;
    Value::Unknown
}

/// Terraform's `==`: same type and same value (no string/number conversion).
pub(crate) fn values_equal(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x == y,
        (Value::List(x), Value::List(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(a, b)| values_equal(a, b))
        }
        (Value::Map(x), Value::Map(y)) => {
            x.len() == y.len()
                && x.iter()
                    .zip(y)
                    .all(|((ka, va), (kb, vb))| ka == kb && values_equal(va, vb))
        }
        _ => a == b,
    }
}

/// Terraform's conversion of a value to a string for templates and string functions.
pub(crate) fn to_template_string(value: &Value) -> Result<String, super::EvalError> {
    match value {
        Value::String(s) => Ok(s.clone()),
        Value::Number(n) => Ok(format_number(*n)),
        Value::Bool(b) => Ok(b.to_string()),
        Value::Null => invalid("a null value cannot be used in a string template"),
        other => invalid(format!(
            "{} cannot be used in a string template",
            kind_of(other)
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(v: &str) -> Value {
        Value::String(v.into())
    }

    #[test]
    fn refs_gain_keys_and_attributes() {
        let r = Value::Ref {
            address: "azurerm_x.y".into(),
            attribute: None,
        };
        let indexed = index(&r, &Value::Number(0.0)).unwrap();
        assert_eq!(
            indexed,
            Value::Ref {
                address: "azurerm_x.y[0]".into(),
                attribute: None
            }
        );
        let keyed = index(&r, &s("a\"b")).unwrap();
        assert_eq!(
            keyed,
            Value::Ref {
                address: "azurerm_x.y[\"a\\\"b\"]".into(),
                attribute: None
            }
        );
        let attr = get_attr(&indexed, "id").unwrap();
        assert_eq!(
            attr,
            Value::Ref {
                address: "azurerm_x.y[0]".into(),
                attribute: Some("id".into())
            }
        );
        let path = Value::Ref {
            address: "azurerm_x.y[0]".into(),
            attribute: Some("id.more".into()),
        };
        assert_eq!(get_attr(&attr, "more").unwrap(), path);
        assert_eq!(index(&attr, &s("more")).unwrap(), path);
        assert_eq!(
            index(&attr, &Value::Number(1.0)).unwrap(),
            attr,
            "list positions are not followed"
        );
    }

    #[test]
    fn list_and_map_access() {
        let list = Value::List(vec![s("a"), s("b")]);
        assert_eq!(index(&list, &Value::Number(1.0)).unwrap(), s("b"));
        assert_eq!(index(&list, &s("0")).unwrap(), s("a"));
        assert!(index(&list, &Value::Number(2.0)).is_err());
        let map = Value::Map(std::collections::BTreeMap::from([(
            "k".to_string(),
            s("v"),
        )]));
        assert_eq!(get_attr(&map, "k").unwrap(), s("v"));
        assert_eq!(index(&map, &s("k")).unwrap(), s("v"));
        assert!(get_attr(&map, "missing").is_err());
        assert_eq!(index(&map, &Value::Unknown).unwrap(), Value::Unknown);
    }

    #[test]
    fn arithmetic_comparison_logic() {
        let n = |x: f64| Value::Number(x);
        assert_eq!(
            binary(BinaryOperator::Plus, &n(1.0), &s("2")).unwrap(),
            n(3.0)
        );
        assert_eq!(
            binary(BinaryOperator::Mod, &n(7.0), &n(4.0)).unwrap(),
            n(3.0)
        );
        assert_eq!(
            binary(BinaryOperator::Less, &n(1.0), &n(2.0)).unwrap(),
            Value::Bool(true)
        );
        assert_eq!(
            binary(BinaryOperator::Eq, &s("1"), &n(1.0)).unwrap(),
            Value::Bool(false)
        );
        assert_eq!(
            binary(BinaryOperator::Eq, &n(1.0), &Value::Unknown).unwrap(),
            Value::Unknown
        );
        assert_eq!(
            binary(BinaryOperator::And, &Value::Bool(false), &Value::Unknown).unwrap(),
            Value::Bool(false)
        );
        assert_eq!(
            binary(BinaryOperator::Or, &Value::Unknown, &Value::Bool(true)).unwrap(),
            Value::Bool(true)
        );
        assert_eq!(
            binary(BinaryOperator::And, &Value::Bool(true), &Value::Unknown).unwrap(),
            Value::Unknown
        );
        assert!(binary(BinaryOperator::Div, &n(1.0), &n(0.0)).is_err());
        assert!(binary(BinaryOperator::Plus, &s("x"), &n(1.0)).is_err());
        assert_eq!(
            unary(UnaryOperator::Not, &Value::Bool(true)).unwrap(),
            Value::Bool(false)
        );
        assert_eq!(unary(UnaryOperator::Neg, &n(2.0)).unwrap(), n(-2.0));
    }
}
