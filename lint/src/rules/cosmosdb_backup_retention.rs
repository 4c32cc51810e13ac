use super::check::{days, hours, number_setting, string_setting, Setting};
use super::support::RetentionCheck;
use super::{Check, Rule, RuleInfo};

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
        resource_types: ["azurerm_cosmosdb_account"],
        requirement: Retention,
    }
}

use drkit_model::capabilities::cosmosdb;

impl Rule for CosmosdbBackupRetention {
    fn info(&self) -> &'static RuleInfo {
        &Self::INFO
    }

    fn check(&self, cx: &mut Check<'_>) {
        let Some(required) = cx.objective.retention else { return };
        let backup = cx.body().block("backup");
        let backup_type = match backup {
            None => Setting::Absent,
            Some(b) => string_setting(&b.body, &["type"]),
        };
        match backup_type {
            Setting::Unknown(at) | Setting::Invalid(_, at) => cx.unknown(at, "retention", "backup.type"),
            Setting::Known(t, _) if t.eq_ignore_ascii_case("continuous") => {
                let body = &backup.expect("a known type comes from a backup block").body;
                let tier = string_setting(body, &["tier"]);
                let at = tier.location().or(Some(&backup.expect("backup block").location));
                let Some(tier_name) = tier.or_default("Continuous30Days") else {
                    return cx.unknown(at, "retention", "backup.tier");
                };
                let Some(kept) = cosmosdb::continuous_tier_retention(tier_name) else {
                    let message = format!("backup.tier = {tier_name:?} is not a continuous backup tier; use \"Continuous7Days\" or \"Continuous30Days\"");
                    return cx.warning(at, message);
                };
                if kept >= required {
                    return;
                }
                let fix = if required <= days(30.0) {
                    "set backup.tier = \"Continuous30Days\"".to_string()
                } else {
                    format!("continuous backup keeps at most 30 days, so a {required} retention needs a scheduled export of the data to geo-redundant storage")
                };
                let message = format!(
                    "continuous Cosmos DB backup ({tier_name}) keeps {kept}, less than the {required} retention of the {}; {fix}",
                    cx.objective_source()
                );
                cx.violation(at, message);
            }
            _ => {
                let setting = match backup {
                    None => Setting::Absent,
                    Some(b) => number_setting(&b.body, &["retention_in_hours"]),
                };
                RetentionCheck {
                    setting,
                    default: Some(cosmosdb::DEFAULT_RETENTION_HOURS as f64),
                    unit: hours,
                    unit_name: "hours",
                    attribute: "backup.retention_in_hours",
                    service: "periodic Cosmos DB backup",
                    service_max: Some(cosmosdb::RETENTION_HOURS.max as f64),
                    long_term_hint: "use backup { type = \"Continuous\" } for 30 days, and a scheduled export of the data beyond that",
                }
                .run(cx, required, backup.map(|b| &b.location));
            }
        }
    }
}

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
