//! Values of the cty type system as the provider handles them: known, null or unknown.

use std::collections::BTreeMap;
use std::fmt;

/// A cty number. Terraform numbers are arbitrary-precision decimals; every number this provider
/// reads or writes is a whole count (minutes, hours, days, priorities) or a plain float, so an
/// exact 64-bit integer with a float fallback keeps every value we see exact.
#[derive(Debug, Clone, Copy)]
pub enum Number {
    Int(i64),
    Float(f64),
}

impl Number {
    pub fn as_f64(self) -> f64 {
        match self {
            Number::Int(int) => int as f64,
            Number::Float(float) => float,
        }
    }

    /// The number as an integer, when it is one exactly.
    pub fn as_i64(self) -> Option<i64> {
        match self {
            Number::Int(int) => Some(int),
            Number::Float(float) if float.fract() == 0.0 && float.abs() < 9.0e15 => {
                Some(float as i64)
            }
            Number::Float(_) => None,
        }
    }

    /// Parses cty's decimal string form, used for numbers too large for a float.
    pub fn parse(text: &str) -> Option<Number> {
        if let Ok(int) = text.parse::<i64>() {
            return Some(Number::Int(int));
        }
        text.parse::<f64>()
            .ok()
            .filter(|float| float.is_finite())
            .map(Number::Float)
    }
}

impl PartialEq for Number {
    fn eq(&self, other: &Number) -> bool {
        match (self, other) {
            (Number::Int(a), Number::Int(b)) => a == b,
            _ => self.as_f64() == other.as_f64(),
        }
    }
}

impl From<i64> for Number {
    fn from(int: i64) -> Number {
        Number::Int(int)
    }
}

impl fmt::Display for Number {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Number::Int(int) => write!(f, "{int}"),
            Number::Float(float) => write!(f, "{float}"),
        }
    }
}

/// A value that conforms to some [`Type`](super::Type). Null and unknown carry no type of their
/// own: the schema supplies it whenever the value is encoded.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Value {
    #[default]
    Null,
    /// Not known until apply (Terraform shows it as "known after apply").
    Unknown,
    Bool(bool),
    Number(Number),
    String(String),
    List(Vec<Value>),
    Set(Vec<Value>),
    Map(BTreeMap<String, Value>),
    Object(BTreeMap<String, Value>),
}

impl Value {
    pub fn string(text: impl Into<String>) -> Value {
        Value::String(text.into())
    }

    pub fn int(int: i64) -> Value {
        Value::Number(Number::Int(int))
    }

    /// An object with the given attributes.
    pub fn object<'a>(attributes: impl IntoIterator<Item = (&'a str, Value)>) -> Value {
        Value::Object(super::by_name(attributes))
    }

    pub fn is_null(&self) -> bool {
        matches!(self, Value::Null)
    }

    pub fn is_unknown(&self) -> bool {
        matches!(self, Value::Unknown)
    }

    /// True when neither this value nor anything inside it is unknown.
    pub fn is_wholly_known(&self) -> bool {
        match self {
            Value::Unknown => false,
            Value::List(items) | Value::Set(items) => items.iter().all(Value::is_wholly_known),
            Value::Map(entries) | Value::Object(entries) => {
                entries.values().all(Value::is_wholly_known)
            }
            _ => true,
        }
    }

    /// An attribute of an object: unknown inside an unknown object, null when the object is
    /// null or lacks it (which is how Terraform treats an attribute absent from an object).
    pub fn attr(&self, name: &str) -> &Value {
        const NULL: Value = Value::Null;
        const UNKNOWN: Value = Value::Unknown;
        match self {
            Value::Object(attributes) => attributes.get(name).unwrap_or(&NULL),
            Value::Unknown => &UNKNOWN,
            _ => &NULL,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(text) => Some(text),
            _ => None,
        }
    }

    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Value::Bool(flag) => Some(*flag),
            _ => None,
        }
    }

    pub fn as_number(&self) -> Option<Number> {
        match self {
            Value::Number(number) => Some(*number),
            _ => None,
        }
    }

    /// The elements of a list or set.
    pub fn as_elements(&self) -> Option<&[Value]> {
        match self {
            Value::List(items) | Value::Set(items) => Some(items),
            _ => None,
        }
    }
}

impl From<&str> for Value {
    fn from(text: &str) -> Value {
        Value::String(text.to_owned())
    }
}

impl From<String> for Value {
    fn from(text: String) -> Value {
        Value::String(text)
    }
}

impl From<bool> for Value {
    fn from(flag: bool) -> Value {
        Value::Bool(flag)
    }
}

impl From<i64> for Value {
    fn from(int: i64) -> Value {
        Value::int(int)
    }
}

impl<T: Into<Value>> From<Option<T>> for Value {
    fn from(option: Option<T>) -> Value {
        option.map_or(Value::Null, Into::into)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_compare_by_value_across_representations() {
        assert_eq!(Number::Int(60), Number::Float(60.0));
        assert_ne!(Number::Int(60), Number::Float(60.5));
    }

    #[test]
    fn whole_floats_convert_to_integers() {
        assert_eq!(Number::Float(1440.0).as_i64(), Some(1440));
        assert_eq!(Number::Float(1.5).as_i64(), None);
    }

    #[test]
    fn decimal_strings_parse_as_numbers() {
        assert_eq!(Number::parse("42"), Some(Number::Int(42)));
        assert_eq!(Number::parse("1e30"), Some(Number::Float(1e30)));
        assert_eq!(Number::parse("forty"), None);
    }

    #[test]
    fn objects_are_built_from_name_value_pairs() {
        assert_eq!(
            Value::object([("a", Value::from("x")), ("b", Value::Null)]),
            Value::Object(BTreeMap::from([
                ("a".to_owned(), Value::from("x")),
                ("b".to_owned(), Value::Null)
            ]))
        );
    }

    #[test]
    fn missing_attributes_read_as_null() {
        let object = Value::object([("a", Value::from("x"))]);
        assert_eq!(object.attr("a"), &Value::from("x"));
        assert!(object.attr("b").is_null());
        assert!(Value::Null.attr("a").is_null());
        assert!(Value::Unknown.attr("a").is_unknown());
    }

    #[test]
    fn unknown_anywhere_inside_makes_a_value_not_wholly_known() {
        let list = Value::List(vec![Value::from("a"), Value::Unknown]);
        assert!(!list.is_wholly_known());
        assert!(Value::List(vec![Value::from("a")]).is_wholly_known());
    }
}
