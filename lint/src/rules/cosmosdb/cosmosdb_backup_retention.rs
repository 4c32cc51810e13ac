//! The `cosmosdb-backup-retention` rule.

use crate::rules::retention::RetentionCheck;
use crate::rules::{Check, Facts, Rule};
use drkit_model::capabilities::cosmosdb::{self, BackupType};
use drkit_model::facts::{Observed, Unit};

declare_rule! {
    /// ## What it checks
    /// How long an `azurerm_cosmosdb_account` keeps its backups must cover the tier's retention.
    /// Periodic backups keep `retention_in_hours` (8 to 720, default 8); without a `backup` block
    /// the account is Periodic with 8 hours. Continuous backups keep 7 days (`tier =
    /// "Continuous7Days"`) or 30 days (`Continuous30Days`, the default)
    /// (<https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/cosmosdb_account#backup>).
    ///
    /// ## Why it matters for recovery
    /// Corruption is often found days after it happened. With 8 hours of backups, a bad
    /// deployment discovered the next morning can no longer be rolled back: every backup left
    /// already contains the damage.
    ///
    /// ## How to fix
    /// Raise `retention_in_hours` to the tier's retention (at most 720 hours, 30 days) or use
    /// continuous backup with the 30-day tier; beyond 30 days, export data on a schedule:
    ///
    /// ```hcl
    /// backup {
    ///   type                = "Periodic"
    ///   interval_in_minutes = 60
    ///   retention_in_hours  = 720
    /// }
    /// ```
    pub struct CosmosdbBackupRetention {
        name: "cosmosdb-backup-retention",
        summary: "Cosmos DB backup retention must cover the tier's retention.",
        facts: [CosmosDb],
        requirement: Retention,
    }
}

impl Rule for CosmosdbBackupRetention {
    fn check(&self, facts: &Facts, cx: &mut Check<'_>) {
        let Facts::CosmosDb(account) = facts else { return };
        let Some(required) = cx.objective.retention else { return };
        let backup_type = &account.backup_type;
        match backup_type.observed {
            Observed::Unknown | Observed::Invalid => {
                cx.unknown(backup_type.at, "retention", backup_type.setting)
            }
            Observed::Known(BackupType::Continuous) | Observed::Default(BackupType::Continuous) => {
                let tier = &account.continuous_tier;
                let Some(tier_name) = tier.value() else {
                    return cx.unknown(tier.at, "retention", tier.setting);
                };
                let Some(kept) = cosmosdb::continuous_tier_retention(tier_name) else {
                    let message = format!(
                        "{} = {tier_name:?} is not a continuous backup tier; use {}",
                        tier.setting,
                        cosmosdb::continuous_tier_names()
                    );
                    return cx.warning(tier.at, message);
                };
                if kept >= required {
                    return;
                }
                let (longest, longest_keeps) = cosmosdb::LONGEST_CONTINUOUS_TIER;
                let fix = if required <= longest_keeps {
                    format!("set {} = \"{longest}\"", tier.setting)
                } else {
                    format!("continuous backup keeps at most 30 days, so a {required} retention needs a scheduled export of the data to geo-redundant storage")
                };
                let message = format!(
                    "continuous Cosmos DB backup ({tier_name}) keeps {kept}, less than the {required} retention of the {}; {fix}",
                    cx.objective_source()
                );
                cx.violation(tier.at, message);
            }
            _ => {
                let hint = format!(
                    "use {} for 30 days, and a scheduled export of the data beyond that",
                    account.phrases.continuous_backup
                );
                RetentionCheck {
                    setting: &account.retention_hours,
                    unit: Unit::Hours,
                    source: account.source,
                    service: "periodic Cosmos DB backup",
                    service_max: Some(cosmosdb::RETENTION_HOURS.max as f64),
                    long_term_hint: &hint,
                }
                .run(cx, required);
            }
        }
    }
}

#[cfg(test)]
use super::{cosmos, cosmos_plan};
#[cfg(test)]
use crate::rules::value_channels::*;
#[cfg(test)]
pub(super) const CHANNELS: crate::rules::value_channels::Case = crate::rules::value_channels::Case {
    rule: "cosmosdb-backup-retention",
    address: "azurerm_cosmosdb_account.db",
    pass: "720",
    fail: "8",
    hcl: || cosmos("retention_in_hours", false),
    dynamic: Some(|| cosmos("retention_in_hours", true)),
    plan_to_create: None,
    plan: |v| {
        single(
            "azurerm_cosmosdb_account",
            "db",
            &cosmos_plan("60", v, "\"Geo\""),
        )
    },
};

#[cfg(test)]
mod tests {
    use crate::rules::testing::*;

    const RULE: &str = "cosmosdb-backup-retention";

    #[test]
    fn default_eight_hours_fails_production() {
        let f = lint_hcl(r#"resource "azurerm_cosmosdb_account" "db" {}"#);
        assert_error(&f, RULE, "azurerm_cosmosdb_account.db", &["8 hours", "30d", "retention_in_hours = 720"]);
    }

    #[test]
    fn thirty_days_of_hours_passes() {
        let f = lint_hcl(r#"resource "azurerm_cosmosdb_account" "db" {
  backup {
    type               = "Periodic"
    retention_in_hours = 720
  }
}"#);
        assert_clean(&f, RULE);
    }

    #[test]
    fn continuous_seven_days_fails_thirty_day_retention() {
        let f = lint_hcl(r#"resource "azurerm_cosmosdb_account" "db" {
  backup {
    type = "Continuous"
    tier = "Continuous7Days"
  }
}"#);
        assert_error(&f, RULE, "azurerm_cosmosdb_account.db", &["Continuous7Days", "Continuous30Days"]);
        let f = lint_hcl(r#"resource "azurerm_cosmosdb_account" "db" {
  backup { type = "Continuous" }
}"#);
        assert_clean(&f, RULE);
    }

    #[test]
    fn archive_retention_needs_export() {
        let f = lint_hcl(r#"resource "azurerm_cosmosdb_account" "db" {
  backup {
    type               = "Periodic"
    retention_in_hours = 720
  }
  tags = { dr_tier = "archive" }
}"#);
        assert_error(&f, RULE, "azurerm_cosmosdb_account.db", &["at most 720 hours", "export"]);
    }

    #[test]
    fn retention_through_tfvars_json_and_var_file() {
        let files = [
            ("main.tf", "variable \"hours\" { default = 720 }\nresource \"azurerm_cosmosdb_account\" \"db\" {\n  backup {\n    type = \"Periodic\"\n    retention_in_hours = var.hours\n  }\n}"),
            ("terraform.tfvars.json", "{\"hours\": 24}"),
        ];
        assert_error(&lint_files(&files), RULE, "azurerm_cosmosdb_account.db", &["24 hours"]);
    }

    #[test]
    fn plan_json_values() {
        let plan = plan_json(&[("azurerm_cosmosdb_account.db", "azurerm_cosmosdb_account", "db", r#"{"backup": [{"type": "Periodic", "interval_in_minutes": 60, "retention_in_hours": 720, "storage_redundancy": "Geo"}]}"#)]);
        assert_clean(&lint_plan(&plan), RULE);
    }
}
