//! `dr_region_pair`: the published Azure pair of a region (`region` -> `paired_region`), from
//! the region table of the DR model ([`drkit_model::region`]).

use std::sync::OnceLock;

use drkit_model::region;
use drkit_tfplugin::cty::{Type, Value};
use drkit_tfplugin::tfprotocol::{
    Attribute, AttributeMode, AttributePath, Diagnostic, Diagnostics, Schema,
};
use drkit_tfplugin::DataSource;

use crate::configuration::ProviderContext;

pub const TYPE_NAME: &str = "dr_region_pair";

/// The data source; its schema is built once per process, on first use.
pub struct RegionPairDataSource;

pub fn schema() -> Schema {
    Schema {
        version: 0,
        description: "The published Azure paired region of a region.",
        attributes: vec![
            Attribute::new(
                "region",
                Type::String,
                AttributeMode::Required,
                "An Azure public-cloud region, as a programmatic name (`westeurope`) or a display \
                 name (`West Europe`). Case, spaces, `-` and `_` do not matter. The attribute \
                 holds the region as given (not normalised).",
            ),
            Attribute::new(
                "paired_region",
                Type::String,
                AttributeMode::Computed,
                "The region's published pair, as a programmatic name (`northeurope`). Null for a \
                 region without a pair, such as `italynorth`, `polandcentral` or `israelcentral`. \
                 Some pairs are one-way: `westus3` gives `eastus`, while `eastus` gives `westus`.",
            ),
        ],
    }
}

/// The region's entry, or an error on `region` suggesting the nearest name.
fn lookup(name: &str) -> Result<&'static region::Region, Diagnostics> {
    region::lookup(name).ok_or_else(|| {
        let hint = match region::suggest(name) {
            Some(suggestion) => format!("did you mean \"{suggestion}\"?"),
            None => "use a region name such as \"eastus\" or \"West Europe\".".to_owned(),
        };
        Diagnostic::error(
            "Invalid value for region",
            format!("region \"{name}\" is not an Azure region; {hint}"),
        )
        .at(AttributePath::attribute("region"))
        .into()
    })
}

impl DataSource<ProviderContext> for RegionPairDataSource {
    fn type_name(&self) -> &'static str {
        TYPE_NAME
    }

    fn schema(&self) -> &Schema {
        static SCHEMA: OnceLock<Schema> = OnceLock::new();
        SCHEMA.get_or_init(schema)
    }

    fn validate(&self, config: &Value) -> Diagnostics {
        match config.attr("region").as_str().map(lookup) {
            Some(Err(diagnostics)) => diagnostics,
            _ => Diagnostics::default(),
        }
    }

    fn read(&self, _context: &ProviderContext, config: &Value) -> Result<Value, Diagnostics> {
        let given = config.attr("region");
        let name = given.as_str().unwrap_or_default();
        let found = lookup(name)?;
        Ok(Value::object([
            ("region", given.clone()),
            ("paired_region", Value::from(found.paired_region)),
        ]))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn data_source() -> &'static RegionPairDataSource {
        &RegionPairDataSource
    }

    fn config(region: &str) -> Value {
        Value::object([
            ("region", Value::from(region)),
            ("paired_region", Value::Null),
        ])
    }

    fn read(region: &str) -> Result<Value, Diagnostics> {
        data_source().read(&ProviderContext::default(), &config(region))
    }

    #[test]
    fn pairs_come_from_the_published_table() {
        assert_eq!(
            read("westeurope").unwrap().attr("paired_region"),
            &Value::from("northeurope")
        );
        let display_name = read("East US 2").unwrap();
        assert_eq!(display_name.attr("region"), &Value::from("East US 2"));
        assert_eq!(
            display_name.attr("paired_region"),
            &Value::from("centralus")
        );
        // One-way pair.
        assert_eq!(
            read("westus3").unwrap().attr("paired_region"),
            &Value::from("eastus")
        );
        assert_eq!(
            read("eastus").unwrap().attr("paired_region"),
            &Value::from("westus")
        );
    }

    #[test]
    fn an_unknown_region_is_an_error_with_a_suggestion() {
        let diagnostics = read("westeurop").unwrap_err();
        let diagnostic = &diagnostics.0[0];
        assert_eq!(
            diagnostic.attribute,
            Some(AttributePath::attribute("region"))
        );
        assert_eq!(
            diagnostic.detail,
            "region \"westeurop\" is not an Azure region; did you mean \"westeurope\"?"
        );
        assert_eq!(data_source().validate(&config("westeurop")), diagnostics);
        assert!(data_source().validate(&config("westeurope")).is_empty());
    }
}
