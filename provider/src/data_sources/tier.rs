//! `dr_tier`: the objectives of a tier of the provider's policy pack (the built-in tiers plus
//! those of `policy_file`).

use std::sync::OnceLock;

use drkit_model::{Field, Tier};
use drkit_tfplugin::cty::{Type, Value};
use drkit_tfplugin::tfprotocol::{
    Attribute, AttributeMode, AttributePath, Diagnostic, Diagnostics, Schema,
};
use drkit_tfplugin::DataSource;

use crate::configuration::ProviderContext;
use crate::values::value;
use drkit_model::attributes::Planned;

pub const TYPE_NAME: &str = "dr_tier";

/// The data source; its schema is built once per process, on first use.
pub struct TierDataSource;

pub fn schema() -> Schema {
    use AttributeMode::{Computed, Required};
    Schema {
        version: 0,
        description: "The objectives of a DR tier.",
        attributes: vec![
            Attribute::new(
                "name",
                Type::String,
                Required,
                "The tier's name, matched case-insensitively. The attribute holds the name as \
                 given (`\"Production\"` stays `\"Production\"`).",
            ),
            Attribute::new(
                "rpo",
                Type::String,
                Computed,
                "The recovery point objective, as a normalised duration (`\"15m\"`, `\"1d\"`); \
                 null when the tier states none.",
            ),
            Attribute::new(
                "rto",
                Type::String,
                Computed,
                "The recovery time objective, normalised (the archive tier's `72h` is `\"3d\"`); \
                 null when the tier states none.",
            ),
            Attribute::new(
                "retention",
                Type::String,
                Computed,
                "The minimum retention, normalised (`\"30d\"`, `\"7y\"`); null when the tier \
                 states none.",
            ),
            Attribute::new(
                "geo_redundant",
                Type::Bool,
                Computed,
                "Whether backups or replicas must survive the loss of a region.",
            ),
            Attribute::new(
                "automatic_failover",
                Type::Bool,
                Computed,
                "Whether failover to another region must happen without a person.",
            ),
            Attribute::new(
                "deletion_protection",
                Type::Bool,
                Computed,
                "Whether deleting the data must be reversible (soft delete, purge protection).",
            ),
        ],
    }
}

fn tier_value(name: &Value, tier: &Tier) -> Value {
    let duration = |objective: Option<_>| value(Planned::duration(Field::from_option(objective)));
    Value::object([
        ("name", name.clone()),
        ("rpo", duration(tier.rpo)),
        ("rto", duration(tier.rto)),
        ("retention", duration(tier.min_retention)),
        ("geo_redundant", Value::Bool(tier.geo_redundant)),
        ("automatic_failover", Value::Bool(tier.automatic_failover)),
        ("deletion_protection", Value::Bool(tier.deletion_protection)),
    ])
}

impl DataSource<ProviderContext> for TierDataSource {
    fn type_name(&self) -> &'static str {
        TYPE_NAME
    }

    fn schema(&self) -> &Schema {
        static SCHEMA: OnceLock<Schema> = OnceLock::new();
        SCHEMA.get_or_init(schema)
    }

    fn validate(&self, _config: &Value) -> Diagnostics {
        // Which tiers exist depends on the provider's policy_file: checked on read.
        Diagnostics::default()
    }

    fn read(&self, context: &ProviderContext, config: &Value) -> Result<Value, Diagnostics> {
        let name = config.attr("name");
        let Field::Known(pack) = &context.pack else {
            return Err(Diagnostic::error(
                "Policy pack not known",
                "dr_tier needs the provider's policy_file, which is not known yet; make the provider configuration independent of resources that are created in the same run.",
            )
            .into());
        };
        let text = name.as_str().unwrap_or_default();
        match pack.tier(text) {
            Some(tier) => Ok(tier_value(name, tier)),
            None => Err(Diagnostic::error(
                "Invalid value for name",
                format!("{}.", pack.unknown_tier_message(text)),
            )
            .at(AttributePath::attribute("name"))
            .into()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(name: &str) -> Result<Value, Diagnostics> {
        let config = Value::object([("name", Value::from(name))]);
        TierDataSource.read(&ProviderContext::default(), &config)
    }

    #[test]
    fn builtin_tiers_are_read_with_normalised_durations() {
        let critical = read("critical").unwrap();
        assert_eq!(critical.attr("rpo"), &Value::from("15m"));
        assert_eq!(critical.attr("rto"), &Value::from("1h"));
        assert_eq!(critical.attr("retention"), &Value::from("30d"));
        assert_eq!(critical.attr("geo_redundant"), &Value::Bool(true));
        assert_eq!(critical.attr("automatic_failover"), &Value::Bool(true));
        assert_eq!(critical.attr("deletion_protection"), &Value::Bool(true));
        let archive = read("archive").unwrap();
        assert_eq!(archive.attr("retention"), &Value::from("7y"));
        assert_eq!(archive.attr("rto"), &Value::from("3d"));
    }

    #[test]
    fn a_tier_without_objectives_reads_as_nulls() {
        let stateless = read("stateless").unwrap();
        assert!(stateless.attr("rpo").is_null());
        assert!(stateless.attr("retention").is_null());
        assert_eq!(stateless.attr("geo_redundant"), &Value::Bool(false));
    }

    #[test]
    fn an_unknown_tier_lists_the_known_ones() {
        let diagnostics = read("gold").unwrap_err();
        let diagnostic = &diagnostics.0[0];
        assert_eq!(diagnostic.attribute, Some(AttributePath::attribute("name")));
        assert_eq!(
            diagnostic.detail,
            "unknown tier \"gold\"; known tiers: critical, production, staging, development, archive, stateless."
        );
    }
}
