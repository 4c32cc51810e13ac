//! A schema's attributes as the Registry's reference lists: the arguments a configuration
//! sets, and the attributes the provider computes, each with its type, whether it is required,
//! its description and, for a resource, whether changing it forces a new resource.

use crate::cty::Type;
use crate::tfprotocol::{Attribute, AttributeMode, Schema};

/// The sentence the Registry's provider docs use for an argument declared
/// [`requires_replace`](Attribute::requires_replace).
pub const FORCES_NEW_RESOURCE: &str = "Changing this forces a new resource.";

/// One bullet per argument (`Required`, `Optional` and `OptionalComputed` attributes, in
/// schema order): ``* `name` - (Required, string) Description.``. With `replacement`, an
/// argument declared `requires_replace` ends with [`FORCES_NEW_RESOURCE`].
pub fn arguments(schema: &Schema, replacement: bool) -> String {
    bullets(schema.attributes.iter().filter_map(|attribute| {
        let presence = match attribute.mode {
            AttributeMode::Required => "Required",
            AttributeMode::Optional | AttributeMode::OptionalComputed => "Optional",
            AttributeMode::Computed => return None,
        };
        let mut text = bullet(attribute, &format!("{presence}, "));
        if replacement && attribute.requires_replace {
            text.push(' ');
            text.push_str(FORCES_NEW_RESOURCE);
        }
        Some(text)
    }))
}

/// One bullet per attribute only the provider sets (`Computed`), in schema order:
/// ``* `id` - (string) Description.``.
pub fn computed_attributes(schema: &Schema) -> String {
    bullets(
        schema
            .attributes
            .iter()
            .filter(|attribute| attribute.mode == AttributeMode::Computed)
            .map(|attribute| bullet(attribute, "")),
    )
}

/// `* `NAME` - (PREFIXTYPE) DESCRIPTION`, a multi-line description indented under its bullet,
/// then a nested bullet for each described field of an object.
fn bullet(attribute: &Attribute, prefix: &str) -> String {
    let description = attribute.description.trim().replace('\n', "\n  ");
    let mut text = format!(
        "* `{}` - ({prefix}{}) {description}",
        attribute.name,
        attribute.ty.friendly_name()
    );
    for (field, field_description) in &attribute.field_descriptions {
        let ty = match &attribute.ty {
            Type::Object(fields) => fields.get(*field).map(Type::friendly_name),
            _ => None,
        };
        let ty = ty.map(|ty| format!("({ty}) ")).unwrap_or_default();
        let field_description = field_description.trim().replace('\n', "\n    ");
        text.push_str(&format!("\n  * `{field}` - {ty}{field_description}"));
    }
    text
}

fn bullets(items: impl Iterator<Item = String>) -> String {
    items.collect::<Vec<_>>().join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cty::Type;
    use AttributeMode::{Computed, Optional, OptionalComputed, Required};

    fn schema() -> Schema {
        Schema {
            version: 0,
            description: "A thing.",
            attributes: vec![
                Attribute::new("name", Type::String, Required, "The thing's name.")
                    .requires_replace(),
                Attribute::new("size", Type::Number, Optional, "How big it is."),
                Attribute::new(
                    "labels",
                    Type::list(Type::String),
                    OptionalComputed,
                    "Labels.\nDefaults to none.",
                ),
                Attribute::new("id", Type::String, Computed, "The thing's `name`."),
            ],
        }
    }

    #[test]
    fn arguments_show_presence_type_description_and_replacement() {
        assert_eq!(
            arguments(&schema(), true),
            "* `name` - (Required, string) The thing's name. Changing this forces a new resource.\n\
             * `size` - (Optional, number) How big it is.\n\
             * `labels` - (Optional, list of string) Labels.\n  Defaults to none."
        );
        // Data sources and provider blocks are never replaced.
        assert!(!arguments(&schema(), false).contains(FORCES_NEW_RESOURCE));
    }

    #[test]
    fn described_object_fields_are_nested_under_their_attribute() {
        let schema = Schema {
            version: 0,
            description: "A thing.",
            attributes: vec![Attribute::new(
                "size",
                Type::object([("width", Type::Number), ("unit", Type::String)]),
                Computed,
                "Its size.",
            )
            .field_descriptions(vec![("width", "How wide."), ("unit", "In what.")])],
        };
        assert_eq!(
            computed_attributes(&schema),
            "* `size` - (object) Its size.\n  * `width` - (number) How wide.\n  * `unit` - (string) In what."
        );
    }

    #[test]
    fn computed_attributes_are_listed_apart() {
        assert_eq!(
            computed_attributes(&schema()),
            "* `id` - (string) The thing's `name`."
        );
    }
}
