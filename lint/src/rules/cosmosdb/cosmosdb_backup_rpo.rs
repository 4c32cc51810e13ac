//! The `cosmosdb-backup-rpo` rule.

use crate::rules::{Check, Facts, Rule};
use drkit_model::capabilities::cosmosdb::{self, BackupType};
use drkit_model::facts::{Observed, Unit};

declare_rule! {
    /// ## What it checks
    /// The backup of an `azurerm_cosmosdb_account` must be at least as frequent as the resource's
    /// RPO. Without a `backup` block, Cosmos DB takes a Periodic backup every 240 minutes.
    /// A Periodic `backup` takes `interval_in_minutes` (60 to 1440, default 240); a Continuous one
    /// restores to any point in time
    /// (<https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/cosmosdb_account#backup>).
    ///
    /// ## Why it matters for recovery
    /// The RPO is how much recent data the business accepts to lose. With a periodic backup every
    /// 240 minutes, a corruption or accidental delete just before the next backup loses up to four
    /// hours of writes: a 1h RPO is then a promise the configuration cannot keep.
    ///
    /// ## How to fix
    /// Lower `interval_in_minutes` to the RPO or below, or switch to continuous backup (the only
    /// choice for an RPO under 60 minutes, the shortest periodic interval):
    ///
    /// ```hcl
    /// resource "azurerm_cosmosdb_account" "main" {
    ///   # ...
    ///   backup {
    ///     type = "Continuous"
    ///     tier = "Continuous30Days"
    ///   }
    /// }
    /// ```
    pub struct CosmosdbBackupRpo {
        name: "cosmosdb-backup-rpo",
        summary: "Cosmos DB backups must be at least as frequent as the RPO.",
        facts: [CosmosDb],
        requirement: Rpo,
    }
}

impl Rule for CosmosdbBackupRpo {
    fn check(&self, facts: &Facts, cx: &mut Check<'_>) {
        let Facts::CosmosDb(account) = facts else { return };
        let Some(rpo) = cx.objective.rpo else { return };
        let backup_type = &account.backup_type;
        match backup_type.observed {
            Observed::Known(BackupType::Continuous) | Observed::Default(BackupType::Continuous) => {
                return
            }
            Observed::Unknown | Observed::Invalid => {
                return cx.unknown(backup_type.at, "RPO", backup_type.setting)
            }
            _ => {}
        }
        let interval = &account.interval_minutes;
        let Some(&found) = interval.value() else {
            return cx.unknown(interval.at, "RPO", interval.setting);
        };
        let every = Unit::Minutes.duration(found);
        if every <= rpo {
            return;
        }
        let how = if !account.backup_configured {
            format!(" ({})", account.phrases.default_backup)
        } else if interval.is_default() {
            format!(" ({} defaults to {})", interval.leaf(), cosmosdb::DEFAULT_INTERVAL_MINUTES)
        } else {
            String::new()
        };
        let rpo_minutes = rpo.as_secs() / 60;
        let fix = if rpo_minutes < cosmosdb::INTERVAL_MINUTES.min {
            format!(
                "periodic backups cannot run more often than every {} min, so use {}",
                cosmosdb::INTERVAL_MINUTES.min,
                account.phrases.continuous_backup
            )
        } else {
            format!(
                "set {} <= {rpo_minutes} or use {} = \"{}\"",
                interval.setting,
                backup_type.leaf(),
                BackupType::Continuous.as_str()
            )
        };
        let message = format!(
            "a periodic Cosmos DB backup every {} min{how} cannot meet the {rpo} RPO of the {}; {fix}",
            cx.number(found),
            cx.objective_source(),
        );
        cx.violation(interval.at, message);
    }
}

#[cfg(test)]
use super::{cosmos, cosmos_plan};
#[cfg(test)]
use crate::rules::value_channels::*;
#[cfg(test)]
pub(super) const CHANNELS: crate::rules::value_channels::Case = crate::rules::value_channels::Case {
    rule: "cosmosdb-backup-rpo",
    address: "azurerm_cosmosdb_account.db",
    pass: "60",
    fail: "240",
    hcl: || cosmos("interval_in_minutes", false),
    dynamic: Some(|| cosmos("interval_in_minutes", true)),
    plan_to_create: None,
    plan: |v| {
        single(
            "azurerm_cosmosdb_account",
            "db",
            &cosmos_plan(v, "720", "\"Geo\""),
        )
    },
};

#[cfg(test)]
mod tests {
    use crate::rules::testing::*;

    const RULE: &str = "cosmosdb-backup-rpo";

    #[test]
    fn default_periodic_backup_fails_production() {
        let f = lint_hcl(r#"resource "azurerm_cosmosdb_account" "db" { name = "db" }"#);
        assert_error(&f, RULE, "azurerm_cosmosdb_account.db", &["every 240 min", "1h RPO", "interval_in_minutes <= 60"]);
    }

    #[test]
    fn hourly_periodic_meets_production_but_not_critical() {
        let src = r#"resource "azurerm_cosmosdb_account" "db" {
  backup {
    type                = "Periodic"
    interval_in_minutes = 60
  }
  tags = { dr_tier = TIER }
}"#;
        assert_clean(&lint_hcl(&src.replace("TIER", "\"production\"")), RULE);
        assert_error(&lint_hcl(&src.replace("TIER", "\"critical\"")), RULE, "azurerm_cosmosdb_account.db", &["15m RPO", "Continuous"]);
    }

    #[test]
    fn continuous_meets_any_rpo() {
        let f = lint_hcl(r#"resource "azurerm_cosmosdb_account" "db" {
  backup { type = "Continuous" }
  tags = { dr_tier = "critical" }
}"#);
        assert_clean(&f, RULE);
    }

    #[test]
    fn staging_tier_accepts_four_hours() {
        let f = lint_hcl(r#"resource "azurerm_cosmosdb_account" "db" { tags = { env = "stg" } }"#);
        assert_clean(&f, RULE);
    }

    #[test]
    fn interval_through_dynamic_block_and_locals() {
        let src = r#"
locals { backups = [{ type = "Periodic", every = 120 }] }
resource "azurerm_cosmosdb_account" "db" {
  dynamic "backup" {
    for_each = local.backups
    content {
      type                = backup.value.type
      interval_in_minutes = backup.value.every
    }
  }
}"#;
        assert_error(&lint_hcl(src), RULE, "azurerm_cosmosdb_account.db", &["every 120 min"]);
    }

    #[test]
    fn backup_policy_target_overrides_tier() {
        let src = r#"
resource "dr_backup_policy" "orders" {
  name    = "orders"
  tier    = "staging"
  targets = [azurerm_cosmosdb_account.db.id]
}
resource "azurerm_cosmosdb_account" "db" {
  tags = { dr_tier = "critical" }
}"#;
        assert_clean(&lint_hcl(src), RULE);
    }

    #[test]
    fn unknown_interval_is_info() {
        let src = r#"
variable "every" { type = number }
resource "azurerm_cosmosdb_account" "db" {
  backup {
    type                = "Periodic"
    interval_in_minutes = var.every
  }
}"#;
        let f = lint_hcl(src);
        assert_clean(&f, RULE);
        assert_info(&f, RULE);
    }

    #[test]
    fn plan_json_values() {
        let plan = plan_json(&[("module.data.azurerm_cosmosdb_account.db", "azurerm_cosmosdb_account", "db", r#"{"backup": [{"type": "Periodic", "interval_in_minutes": 240, "retention_in_hours": 8, "storage_redundancy": "Geo"}], "geo_location": [{"location": "eastus", "failover_priority": 0}]}"#)]);
        assert_error(&lint_plan(&plan), RULE, "module.data.azurerm_cosmosdb_account.db", &["every 240 min"]);
    }

    #[test]
    fn a_policy_without_tier_judges_its_targets_under_the_provider_default_tier() {
        let src = r#"
provider "dr" {
  default_tier = "critical"
}
resource "dr_backup_policy" "orders" {
  name    = "orders"
  targets = [azurerm_cosmosdb_account.db.id]
}
resource "azurerm_cosmosdb_account" "db" {
  backup {
    type                = "Periodic"
    interval_in_minutes = 60
    retention_in_hours  = 720
    storage_redundancy  = "Geo"
  }
}"#;
        assert_error(&lint_hcl(src), RULE, "azurerm_cosmosdb_account.db", &["every 60 min", "15m"]);
        assert_clean(&lint_hcl(&src.replace("\"critical\"", "\"production\"")), RULE);
    }
}

