//! The values a Terraform expression evaluates to, as far as they can be known statically.

use std::collections::BTreeMap;
use std::fmt;

/// A statically evaluated Terraform value.
///
/// `Unknown` is anything Terraform itself would only know at apply time (a resource attribute, a
/// data source, a variable without default or value). `Ref` is an unknown value that is known to
/// come from a specific resource (`aws_instance.web.id`): its value is unknown, but a reader
/// can still tell which resource a list such as `depends_on`-like arguments names.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    Number(f64),
    String(String),
    /// Lists, sets and tuples.
    List(Vec<Value>),
    /// Maps and objects.
    Map(BTreeMap<String, Value>),
    Unknown,
    /// An unknown attribute of a managed resource: `address` is the full resource address,
    /// module path and instance key included (`module.app.aws_instance.web[0]`), and
    /// `attribute` the first attribute name after it (`id`), if any.
    Ref {
        address: String,
        attribute: Option<String>,
    },
}

impl Value {
    /// A JSON value taken literally (as in `.tfvars.json` and plan JSON): strings stay
    /// strings.
    pub fn from_json_literal(value: &serde_json::Value) -> Value {
        use serde_json::Value as Json;
        match value {
            Json::Null => Value::Null,
            Json::Bool(b) => Value::Bool(*b),
            Json::Number(n) => n.as_f64().map_or(Value::Unknown, Value::Number),
            Json::String(s) => Value::String(s.clone()),
            Json::Array(items) => Value::List(items.iter().map(Value::from_json_literal).collect()),
            Json::Object(map) => Value::Map(
                map.iter()
                    .map(|(k, v)| (k.clone(), Value::from_json_literal(v)))
                    .collect(),
            ),
        }
    }

    pub fn is_known(&self) -> bool {
        !matches!(self, Value::Unknown | Value::Ref { .. })
    }

    /// True when the value is unknown, or is a collection containing an unknown.
    pub fn contains_unknown(&self) -> bool {
        match self {
            Value::Unknown | Value::Ref { .. } => true,
            Value::List(items) => items.iter().any(Value::contains_unknown),
            Value::Map(map) => map.values().any(Value::contains_unknown),
            _ => false,
        }
    }

    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Value::Bool(b) => Some(*b),
            Value::String(s) if s == "true" => Some(true),
            Value::String(s) if s == "false" => Some(false),
            _ => None,
        }
    }

    pub fn as_f64(&self) -> Option<f64> {
        match self {
            Value::Number(n) => Some(*n),
            Value::String(s) => s.trim().parse().ok(),
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    /// Strings, numbers and bools in Terraform's string conversion.
    pub fn to_string_lossy(&self) -> Option<String> {
        match self {
            Value::String(s) => Some(s.clone()),
            Value::Number(n) => Some(format_number(*n)),
            Value::Bool(b) => Some(b.to_string()),
            _ => None,
        }
    }

    pub fn as_list(&self) -> Option<&[Value]> {
        match self {
            Value::List(items) => Some(items),
            _ => None,
        }
    }

    pub fn as_map(&self) -> Option<&BTreeMap<String, Value>> {
        match self {
            Value::Map(map) => Some(map),
            _ => None,
        }
    }

    /// Every resource address this value refers to, recursively.
    pub fn referenced_addresses(&self) -> Vec<&str> {
        let mut out = Vec::new();
        self.collect_refs(&mut out);
        out
    }

    fn collect_refs<'a>(&'a self, out: &mut Vec<&'a str>) {
        match self {
            Value::Ref { address, .. } => out.push(address),
            Value::List(items) => items.iter().for_each(|v| v.collect_refs(out)),
            Value::Map(map) => map.values().for_each(|v| v.collect_refs(out)),
            _ => {}
        }
    }
}

/// Terraform prints whole numbers without a fraction.
pub fn format_number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}

impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Null => f.write_str("null"),
            Value::Bool(b) => write!(f, "{b}"),
            Value::Number(n) => f.write_str(&format_number(*n)),
            Value::String(s) => write!(f, "{s:?}"),
            Value::List(items) => {
                f.write_str("[")?;
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    write!(f, "{item}")?;
                }
                f.write_str("]")
            }
            Value::Map(map) => {
                f.write_str("{")?;
                for (i, (k, v)) in map.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    write!(f, "{k} = {v}")?;
                }
                f.write_str("}")
            }
            Value::Unknown => f.write_str("(known after apply)"),
            Value::Ref { address, attribute } => match attribute {
                Some(a) => write!(f, "{address}.{a}"),
                None => f.write_str(address),
            },
        }
    }
}
