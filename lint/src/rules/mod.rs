//! The rules, one per file and grouped by service, in the manner of ruff. Each rule judges
//! the [`Facts`] a source reader made of a resource, never the resource's attributes: the
//! same rule judges azurerm HCL, a plan, and whatever source comes next.
//!
//! A rule file holds the rule's doc comment (what it checks, why it matters for recovery, how
//! to fix, with an example: `drlint --explain`, `docs/rules.md` and SARIF help come from it),
//! its logic, its value-channel case ([`value_channels`]) and its tests. Adding a rule touches
//! its file plus one line of its group's [`register_rules!`]; `scripts/new-rule` writes both.

pub mod catalog;
mod check;
mod retention;
#[cfg(test)]
pub(crate) mod testing;
#[cfg(test)]
pub(crate) mod value_channels;

pub use check::Check;
pub use drkit_model::facts::{Facts, FactsKind};

use drkit_model::Severity;

/// Every group of rules, in the order `drlint rules` lists them.
const GROUPS: &[&[&dyn Rule]] = &[
    key_vault::RULES,
    cosmosdb::RULES,
    redis::RULES,
    database::RULES,
    storage_account::RULES,
    container_registry::RULES,
    backup::RULES,
    site_recovery::RULES,
    policy::RULES,
];

/// The value-channel case of every rule, group by group.
#[cfg(test)]
pub(crate) const CHANNEL_CASES: &[&[&value_channels::Case]] = &[
    key_vault::CHANNELS,
    cosmosdb::CHANNELS,
    redis::CHANNELS,
    database::CHANNELS,
    storage_account::CHANNELS,
    container_registry::CHANNELS,
    backup::CHANNELS,
    site_recovery::CHANNELS,
    policy::CHANNELS,
];

/// Every rule, in the order `drlint rules` lists them.
pub fn registry() -> impl Iterator<Item = &'static dyn Rule> {
    GROUPS.iter().flat_map(|group| group.iter().copied())
}

/// What `drlint rules` and `--explain` show of a rule.
#[derive(Debug)]
pub struct RuleInfo {
    /// The rule's name, used in findings, `--explain`, suppressions and configuration.
    pub name: &'static str,
    /// One line.
    pub summary: &'static str,
    /// The rule's doc comment: what it checks, why it matters for recovery, how to fix.
    pub doc: &'static str,
    /// The facts the rule judges; it runs on every resource a source reads into them.
    pub facts: &'static [FactsKind],
    /// The objective the rule judges, for per-requirement summaries.
    pub requirement: Requirement,
    /// The severity of what the rule reports when something is wrong (an unknown value is
    /// always info); SARIF's `defaultConfiguration.level`.
    pub default_severity: Severity,
}

/// What part of a DR objective a rule judges.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Requirement {
    Rpo,
    Retention,
    GeoRedundancy,
    Failover,
    DeletionProtection,
    /// The consistency of a `dr_*` policy block itself.
    Policy,
    /// Loading and bookkeeping (parse errors, suppressions).
    None,
}

impl Requirement {
    /// The columns of a per-resource summary, in order.
    pub const COLUMNS: [Requirement; 5] = [
        Requirement::Rpo,
        Requirement::Retention,
        Requirement::GeoRedundancy,
        Requirement::Failover,
        Requirement::DeletionProtection,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Requirement::Rpo => "RPO",
            Requirement::Retention => "retention",
            Requirement::GeoRedundancy => "geo-redundant",
            Requirement::Failover => "failover",
            Requirement::DeletionProtection => "deletion protection",
            Requirement::Policy => "policy",
            Requirement::None => "",
        }
    }
}

impl RuleInfo {
    /// The resource types the rule applies to: those whose facts it judges, in the order the
    /// sources list them.
    pub fn resource_types(&self) -> Vec<&'static str> {
        self.facts
            .iter()
            .flat_map(|kind| crate::sources::resource_types(*kind))
            .collect()
    }

    /// One `## Heading` section of the explanation, without its heading, trimmed.
    pub fn section(&self, heading: &str) -> Option<String> {
        let text = self.explanation();
        let start = text.find(&format!("## {heading}\n"))? + heading.len() + 4;
        let rest = &text[start..];
        let end = rest.find("\n## ").unwrap_or(rest.len());
        Some(rest[..end].trim().to_string())
    }

    /// The doc comment as written, without the one space `///` leaves at each line's start.
    pub fn explanation(&self) -> String {
        let mut out = String::new();
        for line in self.doc.lines() {
            out.push_str(line.strip_prefix(' ').unwrap_or(line));
            out.push('\n');
        }
        out
    }
}

/// Describes a rule; [`declare_rule!`] implements it from the rule's declaration.
pub trait Described {
    fn info(&self) -> &'static RuleInfo;
}

/// A check of one resource's facts against its objective.
pub trait Rule: Described + Sync + Send {
    /// Judges `facts` (of one of the kinds the rule declares) and reports through `cx`.
    fn check(&self, facts: &Facts, cx: &mut Check<'_>);
}

/// Declares a rule struct whose doc comment becomes its `--explain` text. A rule reports errors
/// unless it declares `severity: Warning` (advice rather than a tier requirement).
macro_rules! declare_rule {
    (
        $(#[doc = $doc:literal])+
        pub struct $rule:ident {
            name: $name:literal,
            summary: $summary:literal,
            facts: [$($kind:ident),+ $(,)?],
            requirement: $requirement:ident $(,)?
        }
    ) => {
        declare_rule! {
            $(#[doc = $doc])+
            pub struct $rule {
                name: $name,
                summary: $summary,
                facts: [$($kind),+],
                requirement: $requirement,
                severity: Error,
            }
        }
    };
    (
        $(#[doc = $doc:literal])+
        pub struct $rule:ident {
            name: $name:literal,
            summary: $summary:literal,
            facts: [$($kind:ident),+ $(,)?],
            requirement: $requirement:ident,
            severity: $severity:ident $(,)?
        }
    ) => {
        $(#[doc = $doc])+
        pub struct $rule;

        impl $rule {
            pub const INFO: $crate::rules::RuleInfo = $crate::rules::RuleInfo {
                name: $name,
                summary: $summary,
                doc: concat!($($doc, "\n"),+),
                facts: &[$($crate::rules::FactsKind::$kind),+],
                requirement: $crate::rules::Requirement::$requirement,
                default_severity: drkit_model::Severity::$severity,
            };
        }

        impl $crate::rules::Described for $rule {
            fn info(&self) -> &'static $crate::rules::RuleInfo {
                &Self::INFO
            }
        }
    };
}

/// Declares the rule modules of a group and lists them: one line per rule. Each rule module
/// holds the rule and, for the tests, its value-channel case `CHANNELS`.
macro_rules! register_rules {
    ($($module:ident :: $rule:ident),+ $(,)?) => {
        $(mod $module;)+

        /// The group's rules, in the order `drlint rules` lists them.
        pub(super) const RULES: &[&dyn $crate::rules::Rule] = &[$(&$module::$rule),+];

        /// The group's value-channel cases.
        #[cfg(test)]
        pub(super) const CHANNELS: &[&$crate::rules::value_channels::Case] =
            &[$(&$module::CHANNELS),+];
    };
}

// The groups come after the macros they use.
pub(crate) mod backup;
mod container_registry;
mod cosmosdb;
mod database;
mod key_vault;
mod policy;
mod redis;
mod site_recovery;
mod storage_account;

/// Findings that come from loading rather than from a rule; listed so `--explain` covers them.
pub mod builtin {
    use super::RuleInfo;
    use drkit_model::Severity;

    pub const PARSE_ERROR: RuleInfo = RuleInfo {
        name: "parse-error",
        summary: "A file could not be read or parsed.",
        doc: " ## What it checks\n A file that cannot be read, is not UTF-8, is too large or too deeply nested, or is not valid HCL or JSON.\n\n ## Why it matters for recovery\n Terraform refuses such a file, and drlint cannot check what it cannot read: every resource in it goes unchecked.\n\n ## How to fix\n Fix the syntax at the reported line (`terraform validate` shows the same error), or remove the file from the scanned tree:\n\n ```hcl\n resource \"azurerm_key_vault\" \"main\" {\n   name = \"kv-main\"   # an attribute needs a value after `=`\n }\n ```\n",
        facts: &[],
        requirement: super::Requirement::None,
        default_severity: Severity::Error,
    };

    pub const UNRESOLVED: RuleInfo = RuleInfo {
        name: "unresolved",
        summary: "Something could not be followed statically (remote module, unknown count).",
        doc: " ## What it checks\n Module sources drlint does not fetch (registry, git, http), `count`/`for_each` values that are only known at apply time, and objectives that cannot be determined.\n\n ## Why it matters for recovery\n Whatever drlint cannot see is not checked; this info finding says so instead of passing silently.\n\n ## How to fix\n Nothing is wrong with the configuration. To check it anyway, lint a plan, where Terraform has resolved every value:\n\n ```sh\n terraform plan -out tfplan\n terraform show -json tfplan > plan.json\n drlint plan.json\n ```\n",
        facts: &[],
        requirement: super::Requirement::None,
        default_severity: Severity::Info,
    };

    pub const UNUSED_SUPPRESSION: RuleInfo = RuleInfo {
        name: "unused-suppression",
        summary: "A `# drlint:ignore` comment silences nothing.",
        doc: " ## What it checks\n A `# drlint:ignore` or `# drlint:ignore=RULE` comment above a resource that has no finding of the named rules.\n\n ## Why it matters for recovery\n A stale suppression outlives the problem it excused and will silently hide the next one.\n\n ## How to fix\n Delete the comment, or narrow it to the rule that still fires:\n\n ```hcl\n # drlint:ignore=redis-automatic-failover cache only, rebuilt from PostgreSQL\n resource \"azurerm_redis_cache\" \"sessions\" { ... }\n ```\n",
        facts: &[],
        requirement: super::Requirement::None,
        default_severity: Severity::Warning,
    };

    pub const ALL: [&RuleInfo; 3] = [&PARSE_ERROR, &UNRESOLVED, &UNUSED_SUPPRESSION];
}

/// Finds a rule (or built-in finding kind) by name.
pub fn find(name: &str) -> Option<&'static RuleInfo> {
    all_infos().find(|info| info.name == name)
}

/// Every rule name, registry first.
pub fn all_infos() -> impl Iterator<Item = &'static RuleInfo> {
    registry().map(|r| r.info()).chain(builtin::ALL)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_has_a_three_part_explanation() {
        for info in all_infos() {
            let text = info.explanation();
            for heading in [
                "## What it checks",
                "## Why it matters for recovery",
                "## How to fix",
            ] {
                assert!(
                    text.contains(heading),
                    "{} lacks {heading:?}:\n{text}",
                    info.name
                );
            }
            assert!(
                text.contains("```"),
                "{} has no example in its explanation",
                info.name
            );
        }
    }

    #[test]
    fn rule_names_are_unique_kebab_case() {
        let mut seen = std::collections::HashSet::new();
        for info in all_infos() {
            assert!(seen.insert(info.name), "duplicate rule name {}", info.name);
            assert!(
                info.name
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c == '-'),
                "{}",
                info.name
            );
        }
    }
}
