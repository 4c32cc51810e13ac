//! The rules, one per file, in the manner of ruff: each file holds one rule with its doc comment
//! (what it checks, why it matters for recovery, how to fix) and its tests. `drlint --explain`
//! prints the doc comment. Adding a rule touches its own file plus one line of [`register_rules!`].

pub mod catalog;
mod check;
pub(crate) mod policy_input;
mod support;
#[cfg(test)]
pub(crate) mod testing;
#[cfg(test)]
mod value_channels;

pub use check::Check;

use crate::finding::Severity;

/// What `drlint rules` and `--explain` show of a rule.
#[derive(Debug)]
pub struct RuleInfo {
    /// The rule's name, used in findings, `--explain`, suppressions and configuration.
    pub name: &'static str,
    /// One line.
    pub summary: &'static str,
    /// The rule's doc comment: what it checks, why it matters for recovery, how to fix.
    pub doc: &'static str,
    /// Resource types the rule looks at.
    pub resource_types: &'static [&'static str],
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

/// A check of one resource against its objective.
pub trait Rule: Sync + Send {
    fn info(&self) -> &'static RuleInfo;
    fn check(&self, cx: &mut Check<'_>);
}

/// Declares a rule struct whose doc comment becomes its `--explain` text.
macro_rules! declare_rule {
    (
        $(#[doc = $doc:literal])+
        pub struct $rule:ident {
            name: $name:literal,
            summary: $summary:literal,
            resource_types: [$($ty:literal),+ $(,)?],
            requirement: $requirement:ident $(,)?
        }
    ) => {
        $(#[doc = $doc])+
        pub struct $rule;

        impl $rule {
            pub const INFO: $crate::rules::RuleInfo = $crate::rules::RuleInfo {
                name: $name,
                summary: $summary,
                doc: concat!($($doc, "\n"),+),
                resource_types: &[$($ty),+],
                requirement: $crate::rules::Requirement::$requirement,
                default_severity: $crate::finding::Severity::Error,
            };
        }
    };
}

/// Declares each rule module and lists it in [`REGISTRY`]: one line per rule.
macro_rules! register_rules {
    ($($module:ident :: $rule:ident),+ $(,)?) => {
        $(mod $module;)+

        /// Every rule, in the order `drlint rules` lists them.
        pub static REGISTRY: &[&dyn Rule] = &[$(&$module::$rule),+];
    };
}

register_rules! {
    key_vault_purge_protection::KeyVaultPurgeProtection,
    key_vault_soft_delete_retention::KeyVaultSoftDeleteRetention,
    cosmosdb_backup_rpo::CosmosdbBackupRpo,
    cosmosdb_backup_retention::CosmosdbBackupRetention,
    cosmosdb_geo_redundancy::CosmosdbGeoRedundancy,
    cosmosdb_automatic_failover::CosmosdbAutomaticFailover,
    redis_persistence_rpo::RedisPersistenceRpo,
    redis_geo_replication::RedisGeoReplication,
    redis_automatic_failover::RedisAutomaticFailover,
    point_in_time_restore_rpo::PointInTimeRestoreRpo,
    flexible_server_backup_retention::FlexibleServerBackupRetention,
    flexible_server_geo_backup::FlexibleServerGeoBackup,
    flexible_server_automatic_failover::FlexibleServerAutomaticFailover,
    mssql_database_backup_retention::MssqlDatabaseBackupRetention,
    mssql_database_geo_backup::MssqlDatabaseGeoBackup,
    mssql_database_automatic_failover::MssqlDatabaseAutomaticFailover,
    storage_geo_replication::StorageGeoReplication,
    storage_automatic_failover::StorageAutomaticFailover,
    storage_soft_delete::StorageSoftDelete,
    container_registry_geo_replication::ContainerRegistryGeoReplication,
    backup_policy_objectives::BackupPolicyObjectives,
    failover_group_objectives::FailoverGroupObjectives,
}

/// Findings that come from loading rather than from a rule; listed so `--explain` covers them.
pub mod builtin {
    use super::RuleInfo;
    use crate::finding::Severity;

    pub const PARSE_ERROR: RuleInfo = RuleInfo {
        name: "parse-error",
        summary: "A file could not be read or parsed.",
        doc: " ## What it checks\n A file that cannot be read, is not UTF-8, is too large or too deeply nested, or is not valid HCL or JSON.\n\n ## Why it matters for recovery\n Terraform refuses such a file, and drlint cannot check what it cannot read: every resource in it goes unchecked.\n\n ## How to fix\n Fix the syntax at the reported line (`terraform validate` shows the same error), or remove the file from the scanned tree:\n\n ```hcl\n resource \"azurerm_key_vault\" \"main\" {\n   name = \"kv-main\"   # an attribute needs a value after `=`\n }\n ```\n",
        resource_types: &[],
        requirement: super::Requirement::None,
        default_severity: Severity::Error,
    };

    pub const UNRESOLVED: RuleInfo = RuleInfo {
        name: "unresolved",
        summary: "Something could not be followed statically (remote module, unknown count).",
        doc: " ## What it checks\n Module sources drlint does not fetch (registry, git, http), `count`/`for_each` values that are only known at apply time, and objectives that cannot be determined.\n\n ## Why it matters for recovery\n Whatever drlint cannot see is not checked; this info finding says so instead of passing silently.\n\n ## How to fix\n Nothing is wrong with the configuration. To check it anyway, lint a plan, where Terraform has resolved every value:\n\n ```sh\n terraform plan -out tfplan\n terraform show -json tfplan > plan.json\n drlint plan.json\n ```\n",
        resource_types: &[],
        requirement: super::Requirement::None,
        default_severity: Severity::Info,
    };

    pub const UNUSED_SUPPRESSION: RuleInfo = RuleInfo {
        name: "unused-suppression",
        summary: "A `# drlint:ignore` comment silences nothing.",
        doc: " ## What it checks\n A `# drlint:ignore` or `# drlint:ignore=RULE` comment above a resource that has no finding of the named rules.\n\n ## Why it matters for recovery\n A stale suppression outlives the problem it excused and will silently hide the next one.\n\n ## How to fix\n Delete the comment, or narrow it to the rule that still fires:\n\n ```hcl\n # drlint:ignore=redis-automatic-failover cache only, rebuilt from PostgreSQL\n resource \"azurerm_redis_cache\" \"sessions\" { ... }\n ```\n",
        resource_types: &[],
        requirement: super::Requirement::None,
        default_severity: Severity::Warning,
    };

    pub const ALL: [&RuleInfo; 3] = [&PARSE_ERROR, &UNRESOLVED, &UNUSED_SUPPRESSION];
}

/// Finds a rule (or built-in finding kind) by name.
pub fn find(name: &str) -> Option<&'static RuleInfo> {
    REGISTRY
        .iter()
        .map(|r| r.info())
        .chain(builtin::ALL)
        .find(|info| info.name == name)
}

/// Every rule name, registry first.
pub fn all_infos() -> impl Iterator<Item = &'static RuleInfo> {
    REGISTRY.iter().map(|r| r.info()).chain(builtin::ALL)
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
