//! Variable type constraints (`type = list(object({ days = optional(number, 7) }))`) and the
//! conversions Terraform applies to a variable's value: numbers from strings, strings from
//! numbers, sets deduplicated, and `optional(...)` attribute defaults filled in.

use std::collections::BTreeMap;

use hcl_edit::expr::{Expression, ObjectKey};

use super::{eval_hcl, functions, NoReferences, Scope};
use crate::value::Value;

/// What a `variable` block's `type` accepts, as written: with `any`, tuples and
/// `optional(...)` attributes with defaults. It describes a constraint to convert a value to,
/// not the type of a value (which the plugin protocol's cty types describe).
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum TypeConstraint {
    Any,
    String,
    Number,
    Bool,
    List(Box<TypeConstraint>),
    Set(Box<TypeConstraint>),
    Map(Box<TypeConstraint>),
    Tuple(Vec<TypeConstraint>),
    Object(Vec<ObjectAttr>),
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ObjectAttr {
    pub name: String,
    pub ty: TypeConstraint,
    pub optional: bool,
    pub default: Option<Value>,
}

impl TypeConstraint {
    /// Whether `--var` text for this type is parsed as an expression (Terraform passes it on
    /// verbatim only for `string`).
    pub(crate) fn parses_cli_text(&self) -> bool {
        !matches!(self, TypeConstraint::String | TypeConstraint::Any)
    }

    /// Reads a type constraint expression; anything unrecognised is `any`.
    pub(crate) fn from_expr(expr: &Expression) -> TypeConstraint {
        match expr {
            Expression::Variable(name) => match name.as_str() {
                "string" => TypeConstraint::String,
                "number" => TypeConstraint::Number,
                "bool" => TypeConstraint::Bool,
                _ => TypeConstraint::Any,
            },
            Expression::FuncCall(call) if !call.name.is_namespaced() => {
                let args: Vec<&Expression> = call.args.iter().collect();
                let inner = || {
                    args.first()
                        .map_or(TypeConstraint::Any, |a| TypeConstraint::from_expr(a))
                };
                match call.name.name.as_str() {
                    "list" => TypeConstraint::List(Box::new(inner())),
                    "set" => TypeConstraint::Set(Box::new(inner())),
                    "map" => TypeConstraint::Map(Box::new(inner())),
                    "tuple" => match args.first() {
                        Some(Expression::Array(items)) => TypeConstraint::Tuple(
                            items.iter().map(TypeConstraint::from_expr).collect(),
                        ),
                        _ => TypeConstraint::Any,
                    },
                    "object" => match args.first() {
                        Some(Expression::Object(object)) => TypeConstraint::Object(
                            object
                                .iter()
                                .filter_map(|(key, value)| object_attr(key, value.expr()))
                                .collect(),
                        ),
                        _ => TypeConstraint::Any,
                    },
                    _ => TypeConstraint::Any,
                }
            }
            Expression::Parenthesis(inner) => TypeConstraint::from_expr(inner.inner()),
            _ => TypeConstraint::Any,
        }
    }

    /// Reads a type written as a string (`"list(string)"` in Terraform JSON syntax).
    pub(crate) fn from_text(text: &str) -> TypeConstraint {
        match hcl_edit::parser::parse_expr(text) {
            Ok(expr) => TypeConstraint::from_expr(&expr),
            Err(_) => TypeConstraint::Any,
        }
    }

    /// Converts `value` to this type as far as Terraform would; values that do not fit are
    /// returned unchanged (Terraform would reject them; the loader keeps what it has).
    pub(crate) fn convert(&self, value: Value) -> Value {
        if !value.is_known() || value == Value::Null {
            return value;
        }
        match (self, value) {
            (TypeConstraint::String, v @ (Value::Number(_) | Value::Bool(_))) => {
                Value::String(v.to_string_lossy().unwrap_or_default())
            }
            (TypeConstraint::Number, Value::String(s)) => match super::parse_number_text(&s) {
                Some(n) => Value::Number(n),
                None => Value::String(s),
            },
            (TypeConstraint::Bool, Value::String(s)) if s == "true" || s == "false" => {
                Value::Bool(s == "true")
            }
            (TypeConstraint::List(inner), Value::List(items)) => {
                Value::List(items.into_iter().map(|v| inner.convert(v)).collect())
            }
            (TypeConstraint::Set(inner), Value::List(items)) => {
                let items = Value::List(items.into_iter().map(|v| inner.convert(v)).collect());
                functions::toset(vec![items.clone()]).unwrap_or(items)
            }
            (TypeConstraint::Map(inner), Value::Map(map)) => Value::Map(
                map.into_iter()
                    .map(|(k, v)| (k, inner.convert(v)))
                    .collect(),
            ),
            (TypeConstraint::Tuple(types), Value::List(items)) if types.len() == items.len() => {
                Value::List(
                    items
                        .into_iter()
                        .zip(types)
                        .map(|(v, t)| t.convert(v))
                        .collect(),
                )
            }
            (TypeConstraint::Object(attrs), Value::Map(mut map)) => {
                let mut out = BTreeMap::new();
                for attr in attrs {
                    let value = match map.remove(&attr.name) {
                        Some(Value::Null) | None if attr.optional => {
                            attr.default.clone().unwrap_or(Value::Null)
                        }
                        Some(v) => v,
                        None => continue,
                    };
                    out.insert(attr.name.clone(), attr.ty.convert(value));
                }
                // Terraform drops attributes the type does not declare.
                Value::Map(out)
            }
            (_, v) => v,
        }
    }
}

fn object_attr(key: &ObjectKey, value: &Expression) -> Option<ObjectAttr> {
    let name = match key {
        ObjectKey::Ident(ident) => ident.as_str().to_string(),
        ObjectKey::Expression(Expression::String(s)) => s.value().clone(),
        ObjectKey::Expression(Expression::Variable(v)) => v.as_str().to_string(),
        ObjectKey::Expression(_) => return None,
    };
    if let Expression::FuncCall(call) = value {
        if call.name.name.as_str() == "optional" && !call.name.is_namespaced() {
            let args: Vec<&Expression> = call.args.iter().collect();
            let ty = args
                .first()
                .map_or(TypeConstraint::Any, |a| TypeConstraint::from_expr(a));
            let default = args
                .get(1)
                .and_then(|d| eval_hcl(&NoReferences::default(), &Scope::Empty, d).ok());
            let default = default.map(|d| ty.convert(d));
            return Some(ObjectAttr {
                name,
                ty,
                optional: true,
                default,
            });
        }
    }
    Some(ObjectAttr {
        name,
        ty: TypeConstraint::from_expr(value),
        optional: false,
        default: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ty(text: &str) -> TypeConstraint {
        TypeConstraint::from_text(text)
    }

    #[test]
    fn primitive_conversions() {
        assert_eq!(
            ty("number").convert(Value::String("30".into())),
            Value::Number(30.0)
        );
        assert_eq!(
            ty("string").convert(Value::Number(30.0)),
            Value::String("30".into())
        );
        assert_eq!(
            ty("bool").convert(Value::String("true".into())),
            Value::Bool(true)
        );
        assert_eq!(
            ty("number").convert(Value::String("x".into())),
            Value::String("x".into())
        );
        assert_eq!(
            ty("any").convert(Value::String("1".into())),
            Value::String("1".into())
        );
    }

    #[test]
    fn optional_defaults_fill_objects() {
        let t = ty(
            "list(object({ name = string, days = optional(number, 7), tier = optional(string) }))",
        );
        let value = Value::List(vec![Value::Map(BTreeMap::from([
            ("name".to_string(), Value::String("a".into())),
            ("extra".to_string(), Value::Bool(true)),
        ]))]);
        assert_eq!(
            t.convert(value),
            Value::List(vec![Value::Map(BTreeMap::from([
                ("name".to_string(), Value::String("a".into())),
                ("days".to_string(), Value::Number(7.0)),
                ("tier".to_string(), Value::Null),
            ]))])
        );
    }

    #[test]
    fn sets_are_deduplicated_and_ordered() {
        let value = Value::List(vec![
            Value::String("b".into()),
            Value::String("a".into()),
            Value::String("b".into()),
        ]);
        assert_eq!(
            ty("set(string)").convert(value),
            Value::List(vec![Value::String("a".into()), Value::String("b".into())])
        );
    }

    #[test]
    fn cli_text_parsing_depends_on_type() {
        assert!(!ty("string").parses_cli_text());
        assert!(ty("number").parses_cli_text());
        assert!(ty("map(string)").parses_cli_text());
        assert!(!TypeConstraint::Any.parses_cli_text());
    }
}
