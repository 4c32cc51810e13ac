//! Schemas of the provider block, resources and data sources, and their protocol encoding.

use super::diagnostics::{AttributePath, Diagnostic, Diagnostics};
use super::equality::SemanticEquality;
use crate::cty::{Type, Value};
use crate::proto::tfplugin6 as proto;

/// Descriptions are Markdown: the generated documentation pages (see [`crate::docs`]) show
/// them as written, so they may use code spans and links, and Terraform is told so.
const DESCRIPTION_KIND: proto::StringKind = proto::StringKind::Markdown;

/// Who sets an attribute: the configuration, the provider, or either.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AttributeMode {
    /// Must be set in the configuration.
    Required,
    /// May be set in the configuration; null otherwise.
    Optional,
    /// May be set in the configuration; the provider chooses a value otherwise.
    OptionalComputed,
    /// Set by the provider only.
    Computed,
}

/// One attribute of a schema, with the behaviours the server applies to it when planning
/// (in the manner of terraform-plugin-framework's plan modifiers).
#[derive(Debug, Clone)]
pub struct Attribute {
    pub name: &'static str,
    pub ty: Type,
    pub mode: AttributeMode,
    pub description: &'static str,
    /// A change of the planned value cannot be made in place: Terraform replaces the resource.
    pub requires_replace: bool,
    /// When a stored value stands for the configured one, so that it is kept as stored.
    pub semantic_equality: Option<SemanticEquality>,
    /// For an object-typed attribute: what each of its fields means, for the documentation
    /// (the protocol carries only the object's type).
    pub field_descriptions: Vec<(&'static str, &'static str)>,
}

impl Attribute {
    pub fn new(
        name: &'static str,
        ty: Type,
        mode: AttributeMode,
        description: &'static str,
    ) -> Attribute {
        Attribute {
            name,
            ty,
            mode,
            description,
            requires_replace: false,
            semantic_equality: None,
            field_descriptions: Vec::new(),
        }
    }

    /// Declares that changing this attribute replaces the resource.
    pub fn requires_replace(mut self) -> Attribute {
        self.requires_replace = true;
        self
    }

    /// Declares when a stored value means the same as the configured one (`60m` and `1h`):
    /// the plan then keeps the stored value, and a respelling is not a change.
    pub fn semantic_equality(mut self, equal: SemanticEquality) -> Attribute {
        self.semantic_equality = Some(equal);
        self
    }

    /// Describes the fields of an object-typed attribute, `(field, Markdown description)`, for
    /// the documentation.
    pub fn field_descriptions(mut self, fields: Vec<(&'static str, &'static str)>) -> Attribute {
        self.field_descriptions = fields;
        self
    }

    fn to_proto(&self) -> proto::schema::Attribute {
        let (required, optional, computed) = match self.mode {
            AttributeMode::Required => (true, false, false),
            AttributeMode::Optional => (false, true, false),
            AttributeMode::OptionalComputed => (false, true, true),
            AttributeMode::Computed => (false, false, true),
        };
        proto::schema::Attribute {
            name: self.name.to_owned(),
            r#type: self.ty.to_json_bytes(),
            nested_type: None,
            description: self.description.to_owned(),
            required,
            optional,
            computed,
            sensitive: false,
            description_kind: DESCRIPTION_KIND as i32,
            deprecated: false,
        }
    }
}

/// A flat schema: attributes only, no nested blocks (nested values are object-typed
/// attributes, which Terraform 1.0 handles like any other attribute).
#[derive(Debug, Clone)]
pub struct Schema {
    /// Stored with each resource's state; bump it when the stored shape changes.
    pub version: i64,
    pub description: &'static str,
    pub attributes: Vec<Attribute>,
}

impl Schema {
    /// The object type of a whole value of this schema.
    pub fn object_type(&self) -> Type {
        Type::object(self.attributes.iter().map(|a| (a.name, a.ty.clone())))
    }

    pub fn attribute(&self, name: &str) -> Option<&Attribute> {
        self.attributes.iter().find(|a| a.name == name)
    }

    /// A whole value of this schema: the `given` attributes, every other attribute null
    /// (names the schema lacks are left out).
    pub fn object_with(&self, given: &[(&str, Value)]) -> Value {
        Value::object(self.attributes.iter().map(|attribute| {
            let value = given
                .iter()
                .find(|(name, _)| *name == attribute.name)
                .map_or(Value::Null, |(_, value)| value.clone());
            (attribute.name, value)
        }))
    }

    /// An error on each required attribute that `config` sets to null. Terraform 1.0 rejects
    /// a required argument that is left out, but passes on one written as null (`name =
    /// null`, or a reference to a null value); without this check a resource whose `name` is
    /// null would be applied without an id.
    pub fn null_required_attributes(&self, config: &Value) -> Diagnostics {
        Diagnostics(
            self.attributes
                .iter()
                .filter(|a| a.mode == AttributeMode::Required && config.attr(a.name).is_null())
                .map(|a| {
                    Diagnostic::error(
                        format!("Invalid value for {}", a.name),
                        format!("{} is required and must not be null.", a.name),
                    )
                    .at(AttributePath::attribute(a.name))
                })
                .collect(),
        )
    }

    pub fn to_proto(&self) -> proto::Schema {
        proto::Schema {
            version: self.version,
            block: Some(proto::schema::Block {
                version: self.version,
                attributes: self.attributes.iter().map(Attribute::to_proto).collect(),
                block_types: Vec::new(),
                description: self.description.to_owned(),
                description_kind: DESCRIPTION_KIND as i32,
                deprecated: false,
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn schema() -> Schema {
        Schema {
            version: 0,
            description: "A test schema.",
            attributes: vec![
                Attribute::new("name", Type::String, AttributeMode::Required, "The name."),
                Attribute::new(
                    "level",
                    Type::String,
                    AttributeMode::OptionalComputed,
                    "The level.",
                ),
                Attribute::new(
                    "settings",
                    Type::object([("zone", Type::String)]),
                    AttributeMode::Computed,
                    "Settings.",
                ),
            ],
        }
    }

    #[test]
    fn modes_set_the_protocol_flags() {
        let encoded = schema().to_proto();
        let block = encoded.block.unwrap();
        let flags: Vec<_> = block
            .attributes
            .iter()
            .map(|a| (a.name.as_str(), a.required, a.optional, a.computed))
            .collect();
        assert_eq!(
            flags,
            [
                ("name", true, false, false),
                ("level", false, true, true),
                ("settings", false, false, true)
            ]
        );
    }

    #[test]
    fn attribute_types_are_cty_json() {
        let block = schema().to_proto().block.unwrap();
        assert_eq!(block.attributes[0].r#type, br#""string""#);
        assert_eq!(
            block.attributes[2].r#type,
            br#"["object",{"zone":"string"}]"#
        );
        assert_eq!(block.description, "A test schema.");
        let markdown = proto::StringKind::Markdown as i32;
        assert_eq!(block.description_kind, markdown);
        assert!(block
            .attributes
            .iter()
            .all(|attribute| attribute.description_kind == markdown));
    }

    #[test]
    fn a_null_required_attribute_is_an_error_on_it() {
        let config = |name: Value| {
            Value::Object(
                [
                    ("name".to_owned(), name),
                    ("level".to_owned(), Value::Null),
                    ("settings".to_owned(), Value::Null),
                ]
                .into(),
            )
        };
        let diagnostics = schema().null_required_attributes(&config(Value::Null));
        let [error] = &diagnostics.0[..] else {
            panic!("one error expected: {diagnostics:?}")
        };
        assert_eq!(error.summary, "Invalid value for name");
        assert_eq!(error.detail, "name is required and must not be null.");
        assert_eq!(error.attribute, Some(AttributePath::attribute("name")));
        // Unknown is not null: it is checked once known. Null optional attributes are fine.
        assert!(schema()
            .null_required_attributes(&config(Value::Unknown))
            .is_empty());
        assert!(schema()
            .null_required_attributes(&config(Value::from("orders")))
            .is_empty());
    }

    #[test]
    fn objects_of_the_schema_fill_in_nulls() {
        assert_eq!(
            schema().object_with(&[("name", Value::from("a")), ("other", Value::from("b"))]),
            Value::object([
                ("name", Value::from("a")),
                ("level", Value::Null),
                ("settings", Value::Null),
            ])
        );
    }

    #[test]
    fn object_type_lists_every_attribute() {
        assert_eq!(
            schema().object_type(),
            Type::object([
                ("name", Type::String),
                ("level", Type::String),
                ("settings", Type::object([("zone", Type::String)])),
            ])
        );
    }
}
