//! Policy packs: the tiers, the environment-tag map and the default tier, written in HCL.
//!
//! The built-in pack is `policies/builtin.hcl` (embedded at build time); its header documents
//! the syntax. Other packs (`.drlint.hcl`, `drlint --policy`, the provider's `policy_file`)
//! extend it: a tier with the same name replaces the built-in one as a whole, environment
//! entries are added or replaced one by one.

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::Path;
use std::sync::OnceLock;

use hcl_edit::structure::{Body, Structure};
use hcl_edit::Span;
use serde::Serialize;

use crate::hcl_source::{read_file, MapEntry, SourceDoc, SourceError};
use crate::tier::{parse_tier_block, Tier};

/// Errors in a policy pack carry `file:line:column`.
pub type PolicyError = SourceError;

const BUILTIN_SOURCE: &str = include_str!("../../../policies/builtin.hcl");
const BUILTIN_FILE: &str = "policies/builtin.hcl";

/// Top-level arguments and blocks of a policy pack.
const PACK_ATTRIBUTES: [&str; 2] = ["default_tier", "environments"];
const PACK_BLOCKS: [&str; 1] = ["tier"];

/// The built-in pack, parsed once.
fn builtin_pack() -> &'static PolicyPack {
    static BUILTIN: OnceLock<PolicyPack> = OnceLock::new();
    BUILTIN.get_or_init(|| {
        PolicyPack::parse(BUILTIN_SOURCE, BUILTIN_FILE)
            .unwrap_or_else(|error| panic!("the embedded {BUILTIN_FILE} is invalid: {error}"))
    })
}

/// Tiers in declaration order, the environment-tag map and the default tier.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Default)]
pub struct PolicyPack {
    pub tiers: Vec<Tier>,
    /// Lower-case environment tag value -> tier name.
    pub environments: BTreeMap<String, String>,
    pub default_tier: Option<String>,
}

/// A tier name used somewhere in a document, remembered so that it can be checked once every
/// pack is merged (an extension may refer to a built-in tier).
pub struct TierReference {
    pub name: String,
    pub span: Option<Range<usize>>,
    /// Where the name was used, for the message: `default_tier`, `environments.prod`...
    pub place: String,
}

/// The pack-level content of a document, before references are checked.
pub struct PackDocument {
    pub pack: PolicyPack,
    pub references: Vec<TierReference>,
}

impl PolicyPack {
    /// The built-in pack (see `policies/builtin.hcl`).
    pub fn builtin() -> PolicyPack {
        builtin_pack().clone()
    }

    /// Parses a self-contained pack: every tier it names must be declared in it.
    pub fn parse(src: &str, file_name: &str) -> Result<PolicyPack, PolicyError> {
        PolicyPack::default().extended(src, file_name)
    }

    /// This pack with the pack in `src` merged on top; tier names used in `src` may refer to
    /// tiers of either.
    pub fn extended(&self, src: &str, file_name: &str) -> Result<PolicyPack, PolicyError> {
        let doc = SourceDoc::new(src, file_name);
        let body = doc.parse_body()?;
        doc.check_keys(&body, "a policy pack", &PACK_ATTRIBUTES, &PACK_BLOCKS)?;
        let document = read_pack_document(&doc, &body)?;
        let mut merged = self.clone();
        merged.merge(document.pack);
        merged.check_references(&doc, &document.references)?;
        Ok(merged)
    }

    /// This pack extended with the pack in the file at `path`.
    pub fn extended_from_file(&self, path: &Path) -> Result<PolicyPack, PolicyError> {
        let src = read_file(path)?;
        self.extended(&src, &path.display().to_string())
    }

    /// Adds `other` on top of this pack: tiers replace same-named tiers (keeping their place)
    /// or are appended, environment entries are added or replaced, a default tier replaces
    /// this one.
    pub fn merge(&mut self, other: PolicyPack) {
        for tier in other.tiers {
            match self
                .tiers
                .iter_mut()
                .find(|existing| existing.name == tier.name)
            {
                Some(existing) => *existing = tier,
                None => self.tiers.push(tier),
            }
        }
        self.environments.extend(other.environments);
        if other.default_tier.is_some() {
            self.default_tier = other.default_tier;
        }
    }

    /// The tier called `name` (tier names are matched case-insensitively).
    pub fn tier(&self, name: &str) -> Option<&Tier> {
        let name = name.trim();
        self.tiers
            .iter()
            .find(|tier| tier.name.eq_ignore_ascii_case(name))
    }

    pub fn tier_names(&self) -> Vec<&str> {
        self.tiers.iter().map(|tier| tier.name.as_str()).collect()
    }

    /// The tier names for messages: `critical, production, staging`.
    pub fn known_tiers(&self) -> String {
        if self.tiers.is_empty() {
            return "(none declared)".to_string();
        }
        self.tier_names().join(", ")
    }

    /// The tier an `environment` / `env` tag value maps to (case-insensitive).
    pub fn tier_for_environment(&self, value: &str) -> Option<&Tier> {
        let key = value.trim().to_lowercase();
        self.environments.get(&key).and_then(|name| self.tier(name))
    }

    /// The name of the tier a resource takes when nothing names one: the pack's
    /// `default_tier`, else the built-in pack's (which `policies/builtin.hcl` states; no other
    /// place spells it).
    pub fn default_tier_name(&self) -> String {
        match &self.default_tier {
            Some(name) => name.clone(),
            None => builtin_pack().default_tier.clone().unwrap_or_default(),
        }
    }

    /// The pack's default tier, when it names one.
    pub fn default_tier(&self) -> Option<&Tier> {
        self.default_tier
            .as_deref()
            .and_then(|name| self.tier(name))
    }

    /// "unknown tier "gold"; known tiers: ..." for any caller that resolves a tier name.
    pub fn unknown_tier_message(&self, name: &str) -> String {
        format!(
            "unknown tier \"{name}\"; known tiers: {}",
            self.known_tiers()
        )
    }

    pub fn check_references(
        &self,
        doc: &SourceDoc<'_>,
        references: &[TierReference],
    ) -> Result<(), PolicyError> {
        for reference in references {
            if self.tier(&reference.name).is_none() {
                return Err(doc.error(
                    reference.span.clone(),
                    format!(
                        "{} names an {}",
                        reference.place,
                        self.unknown_tier_message(&reference.name)
                    ),
                ));
            }
        }
        Ok(())
    }
}

/// Reads `default_tier`, `tier` blocks and `environments` from `body`; other keys are left to
/// the caller (which has checked them).
pub fn read_pack_document(doc: &SourceDoc<'_>, body: &Body) -> Result<PackDocument, PolicyError> {
    let mut pack = PolicyPack::default();
    let mut references = Vec::new();
    for structure in body.iter() {
        match structure {
            Structure::Block(block) if block.ident.as_str() == "tier" => {
                let tier = parse_tier_block(doc, block)?;
                if pack.tier(&tier.name).is_some() {
                    return Err(doc.error(
                        block.span(),
                        format!("the tier \"{}\" is declared twice in this file", tier.name),
                    ));
                }
                pack.tiers.push(tier);
            }
            Structure::Attribute(attribute) if attribute.key.as_str() == "default_tier" => {
                let name = doc.string(attribute)?;
                references.push(TierReference {
                    name: name.clone(),
                    span: attribute.value.span(),
                    place: "default_tier".to_string(),
                });
                pack.default_tier = Some(name);
            }
            Structure::Attribute(attribute) if attribute.key.as_str() == "environments" => {
                for MapEntry {
                    key,
                    value: tier_name,
                    span,
                } in doc.string_map(attribute)?
                {
                    let lower = key.trim().to_lowercase();
                    if pack.environments.contains_key(&lower) {
                        return Err(doc.error(
                            span,
                            format!("the environment \"{key}\" is mapped twice (environment names ignore case)"),
                        ));
                    }
                    references.push(TierReference {
                        name: tier_name.clone(),
                        span,
                        place: format!("environments.{key}"),
                    });
                    pack.environments.insert(lower, tier_name);
                }
            }
            _ => {}
        }
    }
    Ok(PackDocument { pack, references })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::duration::Duration;

    fn d(text: &str) -> Option<Duration> {
        Some(Duration::parse(text).unwrap())
    }

    #[test]
    fn builtin_pack_parses_and_holds_the_issue_table() {
        let pack =
            PolicyPack::parse(BUILTIN_SOURCE, BUILTIN_FILE).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(pack, PolicyPack::builtin());
        assert_eq!(
            pack.tier_names(),
            vec![
                "critical",
                "production",
                "staging",
                "development",
                "archive",
                "stateless"
            ]
        );
        // name, rpo, rto, retention, geo, automatic failover, deletion protection
        type Row = (
            &'static str,
            Option<&'static str>,
            Option<&'static str>,
            Option<&'static str>,
            bool,
            bool,
            bool,
        );
        let table: [Row; 6] = [
            (
                "critical",
                Some("15m"),
                Some("1h"),
                Some("30d"),
                true,
                true,
                true,
            ),
            (
                "production",
                Some("1h"),
                Some("4h"),
                Some("30d"),
                true,
                false,
                true,
            ),
            (
                "staging",
                Some("4h"),
                Some("8h"),
                Some("7d"),
                false,
                false,
                false,
            ),
            (
                "development",
                Some("24h"),
                Some("24h"),
                Some("7d"),
                false,
                false,
                false,
            ),
            (
                "archive",
                Some("24h"),
                Some("72h"),
                Some("7y"),
                true,
                false,
                true,
            ),
            ("stateless", None, None, None, false, false, false),
        ];
        for (name, rpo, rto, retention, geo, failover, deletion) in table {
            let tier = pack.tier(name).unwrap();
            assert_eq!(tier.rpo, rpo.and_then(d), "{name} rpo");
            assert_eq!(tier.rto, rto.and_then(d), "{name} rto");
            assert_eq!(
                tier.min_retention,
                retention.and_then(d),
                "{name} retention"
            );
            assert_eq!(
                (
                    tier.geo_redundant,
                    tier.automatic_failover,
                    tier.deletion_protection
                ),
                (geo, failover, deletion),
                "{name}"
            );
        }
        assert_eq!(
            pack.default_tier().map(|t| t.name.as_str()),
            Some("production")
        );
    }

    #[test]
    fn builtin_environment_map() {
        let pack = PolicyPack::builtin();
        let cases = [
            ("prod", "production"),
            ("production", "production"),
            ("PRD", "production"),
            ("staging", "staging"),
            ("Stage", "staging"),
            ("stg", "staging"),
            ("uat", "staging"),
            ("preprod", "staging"),
            ("dev", "development"),
            ("development", "development"),
            ("test", "development"),
            ("QA", "development"),
            ("sandbox", "development"),
            (" prod ", "production"),
        ];
        for (value, tier) in cases {
            assert_eq!(
                pack.tier_for_environment(value).map(|t| t.name.as_str()),
                Some(tier),
                "{value}"
            );
        }
        assert_eq!(pack.environments.len(), 13);
        assert!(pack.tier_for_environment("live").is_none());
    }

    #[test]
    fn looks_tiers_up_case_insensitively() {
        let pack = PolicyPack::builtin();
        assert_eq!(pack.tier("Production").unwrap().name, "production");
        assert!(pack.tier("gold").is_none());
        assert_eq!(
            pack.unknown_tier_message("gold"),
            "unknown tier \"gold\"; known tiers: critical, production, staging, development, archive, stateless"
        );
    }

    #[test]
    fn extension_replaces_tiers_and_adds_environments() {
        let src = r#"
default_tier = "gold"
tier "production" {
  rpo = "30m"
  rto = "2h"
}
tier "gold" {
  rpo = "5m"
}
environments = {
  Live = "gold"
  prod = "critical"
}
"#;
        let pack = PolicyPack::builtin().extended(src, "extra.hcl").unwrap();
        assert_eq!(
            pack.tier_names()[1],
            "production",
            "a replaced tier keeps its place"
        );
        let production = pack.tier("production").unwrap();
        assert_eq!(production.rpo, d("30m"));
        assert_eq!(
            production.min_retention, None,
            "a tier is replaced as a whole"
        );
        assert!(!production.geo_redundant);
        assert_eq!(pack.tier_names().last(), Some(&"gold"));
        assert_eq!(pack.tier_for_environment("live").unwrap().name, "gold");
        assert_eq!(pack.tier_for_environment("prod").unwrap().name, "critical");
        assert_eq!(pack.tier_for_environment("stg").unwrap().name, "staging");
        assert_eq!(pack.default_tier().unwrap().name, "gold");
    }

    #[test]
    fn merge_keeps_the_default_when_the_other_has_none() {
        let mut pack = PolicyPack::builtin();
        pack.merge(PolicyPack::default());
        assert_eq!(pack, PolicyPack::builtin());
    }

    #[test]
    fn rejects_bad_packs_with_locations() {
        let cases: &[(&str, &str)] = &[
            ("tiers = {}\n", "p.hcl:1:1: unknown argument \"tiers\" in a policy pack; expected one of \"default_tier\", \"environments\", a \"tier\" block"),
            ("path \"x\" {\n}\n", "p.hcl:1:1: unknown block \"path\" in a policy pack"),
            ("default_tier = \"gold\"\n", "p.hcl:1:16: default_tier names an unknown tier \"gold\"; known tiers: "),
            ("tier \"a\" {}\nenvironments = {\n  live = \"b\"\n}\n", "p.hcl:3:3: environments.live names an unknown tier \"b\"; known tiers: a"),
            ("tier \"a\" {}\ntier \"a\" {}\n", "p.hcl:2:1: the tier \"a\" is declared twice"),
            ("tier \"a\" {}\nenvironments = {\n  x = \"a\"\n  X = \"a\"\n}\n", "p.hcl:4:3: the environment \"X\" is mapped twice"),
            ("environments = [\"a\"]\n", "p.hcl:1:16: environments must be an object"),
            ("tier \"a\" {\n  rto = \"P1M\"\n}\n", "p.hcl:2:9: rto: \"P1M\" is not a duration: a month has no fixed length"),
            ("tier \"a\" {\n", "p.hcl:"),
        ];
        for (src, expected) in cases {
            let error = PolicyPack::parse(src, "p.hcl").expect_err(src).to_string();
            assert!(error.starts_with(expected), "{src}: {error}");
        }
    }

    #[test]
    fn reports_unreadable_files() {
        let error = PolicyPack::builtin()
            .extended_from_file(Path::new("/nonexistent/drkit/policy.hcl"))
            .unwrap_err()
            .to_string();
        assert!(
            error.starts_with("cannot read /nonexistent/drkit/policy.hcl: "),
            "{error}"
        );
    }
}
