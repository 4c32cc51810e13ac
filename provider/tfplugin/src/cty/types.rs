//! cty types and their JSON encoding, which is how a schema tells Terraform an attribute's type.

use std::collections::BTreeMap;

use serde_json::Value as Json;

use super::by_name;

/// A cty type. The provider's schemas only need primitives, collections and objects; the
/// dynamic pseudo-type is deliberately absent because no attribute of ours is untyped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Type {
    String,
    Number,
    Bool,
    List(Box<Type>),
    Set(Box<Type>),
    Map(Box<Type>),
    Object(BTreeMap<String, Type>),
}

impl Type {
    pub fn list(element: Type) -> Type {
        Type::List(Box::new(element))
    }

    pub fn set(element: Type) -> Type {
        Type::Set(Box::new(element))
    }

    pub fn map(element: Type) -> Type {
        Type::Map(Box::new(element))
    }

    pub fn object<'a>(attributes: impl IntoIterator<Item = (&'a str, Type)>) -> Type {
        Type::Object(by_name(attributes))
    }

    /// The JSON form Terraform expects in `Schema.Attribute.type`: `"string"`,
    /// `["list","string"]`, `["object",{"a":"number"}]`.
    pub fn to_json(&self) -> Json {
        match self {
            Type::String => Json::from("string"),
            Type::Number => Json::from("number"),
            Type::Bool => Json::from("bool"),
            Type::List(element) => Json::Array(vec!["list".into(), element.to_json()]),
            Type::Set(element) => Json::Array(vec!["set".into(), element.to_json()]),
            Type::Map(element) => Json::Array(vec!["map".into(), element.to_json()]),
            Type::Object(attributes) => {
                let attributes = attributes
                    .iter()
                    .map(|(name, ty)| (name.clone(), ty.to_json()))
                    .collect::<serde_json::Map<_, _>>();
                Json::Array(vec!["object".into(), Json::Object(attributes)])
            }
        }
    }

    /// `to_json` serialised to bytes, as the protocol carries it.
    pub fn to_json_bytes(&self) -> Vec<u8> {
        self.to_json().to_string().into_bytes()
    }

    /// A short name for error messages, in Terraform's own spelling (`list of string`).
    pub fn friendly_name(&self) -> String {
        match self {
            Type::String => "string".to_owned(),
            Type::Number => "number".to_owned(),
            Type::Bool => "bool".to_owned(),
            Type::List(element) => format!("list of {}", element.friendly_name()),
            Type::Set(element) => format!("set of {}", element.friendly_name()),
            Type::Map(element) => format!("map of {}", element.friendly_name()),
            Type::Object(_) => "object".to_owned(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn primitive_types_encode_as_bare_strings() {
        assert_eq!(Type::String.to_json_bytes(), br#""string""#);
        assert_eq!(Type::Number.to_json_bytes(), br#""number""#);
        assert_eq!(Type::Bool.to_json_bytes(), br#""bool""#);
    }

    #[test]
    fn collection_types_encode_as_kind_and_element() {
        assert_eq!(
            Type::list(Type::String).to_json_bytes(),
            br#"["list","string"]"#
        );
        assert_eq!(Type::set(Type::Bool).to_json_bytes(), br#"["set","bool"]"#);
        assert_eq!(
            Type::map(Type::list(Type::Number)).to_json_bytes(),
            br#"["map",["list","number"]]"#
        );
    }

    #[test]
    fn object_types_encode_attributes_by_name() {
        let ty = Type::object([("b", Type::Bool), ("a", Type::Number)]);
        assert_eq!(
            ty.to_json_bytes(),
            br#"["object",{"a":"number","b":"bool"}]"#
        );
    }

    #[test]
    fn friendly_names_read_like_terraform() {
        assert_eq!(Type::list(Type::String).friendly_name(), "list of string");
        assert_eq!(Type::map(Type::Number).friendly_name(), "map of number");
    }
}
