//! A DR tier: the objectives a class of resources must meet.

use hcl_edit::structure::{Block, Structure};
use hcl_edit::Span;
use serde::Serialize;

use crate::duration::Duration;
use crate::hcl_source::{SourceDoc, SourceError};

/// The objectives of one tier. `None` means the tier states no objective (tier `stateless`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Tier {
    pub name: String,
    /// Recovery point objective: the most data, in time, that may be lost.
    pub rpo: Option<Duration>,
    /// Recovery time objective: the longest the service may be down.
    pub rto: Option<Duration>,
    /// How far back backups must reach.
    pub min_retention: Option<Duration>,
    /// Backups or replicas must survive the loss of a region.
    pub geo_redundant: bool,
    /// Failover to another region must happen without a person.
    pub automatic_failover: bool,
    /// Deleting the data (or its vault) must be reversible (soft delete, purge protection).
    pub deletion_protection: bool,
}

impl Tier {
    /// A tier with no objectives at all.
    pub fn without_objectives(name: impl Into<String>) -> Tier {
        Tier {
            name: name.into(),
            rpo: None,
            rto: None,
            min_retention: None,
            geo_redundant: false,
            automatic_failover: false,
            deletion_protection: false,
        }
    }

    /// True when the tier asks nothing of a resource.
    pub fn has_no_objectives(&self) -> bool {
        self.rpo.is_none()
            && self.rto.is_none()
            && self.min_retention.is_none()
            && !self.geo_redundant
            && !self.automatic_failover
            && !self.deletion_protection
    }
}

/// The arguments a `tier "NAME" { ... }` block accepts.
pub(crate) const TIER_ATTRIBUTES: [&str; 6] = [
    "rpo",
    "rto",
    "min_retention",
    "geo_redundant",
    "automatic_failover",
    "deletion_protection",
];

/// Reads a `tier "NAME" { ... }` block. Omitted durations mean no objective; omitted booleans
/// mean not required.
pub(crate) fn parse_tier_block(doc: &SourceDoc<'_>, block: &Block) -> Result<Tier, SourceError> {
    let name = doc.single_label(block, "tier name")?;
    if !is_valid_tier_name(&name) {
        return Err(doc.error(
            block.labels.first().and_then(|label| label.span()),
            format!("the tier name \"{name}\" may only hold letters, digits, \"-\" and \"_\""),
        ));
    }
    let context = format!("tier \"{name}\"");
    doc.check_keys(&block.body, &context, &TIER_ATTRIBUTES, &[])?;
    let mut tier = Tier::without_objectives(name);
    for structure in block.body.iter() {
        let Structure::Attribute(attribute) = structure else {
            continue;
        };
        match attribute.key.as_str() {
            "rpo" => tier.rpo = Some(doc.duration(attribute)?),
            "rto" => tier.rto = Some(doc.duration(attribute)?),
            "min_retention" => tier.min_retention = Some(doc.duration(attribute)?),
            "geo_redundant" => tier.geo_redundant = doc.bool(attribute)?,
            "automatic_failover" => tier.automatic_failover = doc.bool(attribute)?,
            "deletion_protection" => tier.deletion_protection = doc.bool(attribute)?,
            // check_keys has rejected every other key.
            _ => {}
        }
    }
    Ok(tier)
}

fn is_valid_tier_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(src: &str) -> Result<Tier, String> {
        let doc = SourceDoc::new(src, "t.hcl");
        let body = doc.parse_body().map_err(|e| e.to_string())?;
        let block = body.blocks().next().expect("a block");
        parse_tier_block(&doc, block).map_err(|e| e.to_string())
    }

    #[test]
    fn reads_a_full_tier() {
        let tier = parse(
            "tier \"gold\" {\n rpo = \"15m\"\n rto = \"PT1H\"\n min_retention = \"30d\"\n geo_redundant = true\n automatic_failover = true\n deletion_protection = false\n}\n",
        )
        .unwrap();
        assert_eq!(tier.name, "gold");
        assert_eq!(tier.rpo, Some(Duration::from_minutes(15)));
        assert_eq!(tier.rto, Some(Duration::from_hours(1)));
        assert_eq!(tier.min_retention, Some(Duration::from_days(30)));
        assert!(tier.geo_redundant && tier.automatic_failover && !tier.deletion_protection);
        assert!(!tier.has_no_objectives());
    }

    #[test]
    fn omitted_values_mean_no_objective() {
        let tier = parse("tier \"none\" {}\n").unwrap();
        assert_eq!(tier, Tier::without_objectives("none"));
        assert!(tier.has_no_objectives());
    }

    #[test]
    fn rejects_bad_tiers_with_locations() {
        let cases: &[(&str, &str)] = &[
            (
                "tier \"a\" {\n  rpo = \"4x\"\n}\n",
                "t.hcl:2:9: rpo: \"4x\" is not a duration: unknown unit \"x\"",
            ),
            (
                "tier \"a\" {\n  colour = \"red\"\n}\n",
                "t.hcl:2:3: unknown argument \"colour\" in tier \"a\"",
            ),
            (
                "tier \"a\" {\n  geo_redundant = \"yes\"\n}\n",
                "t.hcl:2:19: geo_redundant must be true or false",
            ),
            (
                "tier \"a\" {\n  rpo = 60\n}\n",
                "rpo must be a quoted string, found a number",
            ),
            (
                "tier {\n}\n",
                "t.hcl:1:1: a tier block takes exactly one label",
            ),
            ("tier \"a\" \"b\" {\n}\n", "found 2"),
            (
                "tier \"a b\" {\n}\n",
                "t.hcl:1:6: the tier name \"a b\" may only hold",
            ),
            (
                "tier \"a\" {\n  backup {}\n}\n",
                "t.hcl:2:3: unknown block \"backup\"",
            ),
        ];
        for (src, expected) in cases {
            let error = parse(src).expect_err(src);
            assert!(error.contains(expected), "{src}: {error}");
        }
    }
}
