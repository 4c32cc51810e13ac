//! The `flexible-server-backup-retention` rule.

use crate::rules::backup::reach_verdict;
use crate::rules::backup::verdicts::report;
use crate::rules::retention::RetentionCheck;
use drkit_model::azure_backup::retention;
use drkit_model::Duration;
use crate::rules::{Check, Facts, Rule};
use drkit_model::capabilities::{mysql, postgresql};
use drkit_model::facts::flexible_server::Engine;
use drkit_model::facts::Unit;

declare_rule! {
    /// ## What it checks
    /// `backup_retention_days` of an `azurerm_postgresql_flexible_server` (7 to 35, default 7:
    /// <https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/postgresql_flexible_server#backup_retention_days>)
    /// or `azurerm_mysql_flexible_server` (1 to 35, default 7:
    /// <https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/mysql_flexible_server#backup_retention_days>)
    /// must cover the tier's retention. Beyond 35 days the server cannot keep backups itself and
    /// a long-term backup is needed.
    ///
    /// ## Why it matters for recovery
    /// The seed plans keep database backups for 30 days. With the default 7, a corruption
    /// noticed in week two cannot be undone by a point-in-time restore.
    ///
    /// ## How to fix
    /// ```hcl
    /// resource "azurerm_postgresql_flexible_server" "main" {
    ///   # ...
    ///   backup_retention_days        = 35
    ///   geo_redundant_backup_enabled = true
    /// }
    /// ```
    /// For retention beyond 35 days (the archive tier), add an Azure Backup vault policy
    /// (`azurerm_data_protection_backup_policy_postgresql_flexible_server` or
    /// `..._mysql_flexible_server`) with long-term retention and a backup instance naming the
    /// server: its `default_retention_rule` / `retention_rule` `life_cycle.duration` then counts
    /// as the server's retention (PostgreSQL and MySQL keep vaulted backups "from seven days to
    /// 10 years", <https://learn.microsoft.com/azure/backup/backup-azure-database-postgresql-flex>).
    ///
    /// ```hcl
    /// resource "azurerm_data_protection_backup_policy_postgresql_flexible_server" "archive" {
    ///   # ...
    ///   backup_repeating_time_intervals = ["R/2024-01-07T02:00:00+00:00/P1W"]
    ///   default_retention_rule {
    ///     life_cycle {
    ///       data_store_type = "VaultStore"
    ///       duration        = "P7Y"
    ///     }
    ///   }
    /// }
    /// ```
    pub struct FlexibleServerBackupRetention {
        name: "flexible-server-backup-retention",
        summary: "PostgreSQL/MySQL flexible server backup retention must cover the tier's retention.",
        facts: [FlexibleServer],
        requirement: Retention,
    }
}

impl Rule for FlexibleServerBackupRetention {
    fn check(&self, facts: &Facts, cx: &mut Check<'_>) {
        let Facts::FlexibleServer(server) = facts else { return };
        let Some(required) = cx.objective.retention else { return };
        let max = match server.engine {
            Engine::PostgreSql => postgresql::BACKUP_RETENTION_DAYS.max,
            Engine::MySql => mysql::BACKUP_RETENTION_DAYS.max,
        };
        // A Backup vault policy protecting the server keeps long-term backups beyond the
        // server's own 35 days: one that reaches far enough is enough.
        let vaulted: Vec<_> = server
            .backups
            .iter()
            .filter(|backup| backup.is_active())
            .collect();
        if !vaulted.is_empty() {
            let own = server
                .backup_retention_days
                .value()
                .map_or(Duration::ZERO, |days| Unit::Days.duration(*days));
            if own >= required {
                return;
            }
            let address = cx.address();
            let verdicts = vaulted
                .into_iter()
                .map(|backup| (backup, reach_verdict(backup, required, &address)))
                .collect();
            report(cx, "retention", verdicts, |cx, backup, (reach, setting, at)| {
                let Some(policy) = &backup.policy else { return };
                let message = format!(
                    "the Backup vault policy {} keeps the backups of this {} for {reach} ({setting}) through {}, and the server itself for {own}: less than the {required} retention of the {}; set {}'s {setting} to \"{}\" or more",
                    policy.address,
                    server.engine.service(),
                    backup.link,
                    cx.objective_source(),
                    policy.address,
                    retention::iso8601(required),
                );
                cx.violation(at, message);
            });
            return;
        }
        let setting = &server.backup_retention_days;
        let hint = format!(
            "keep {} = {max} and add an Azure Backup vault policy with long-term retention",
            setting.setting
        );
        RetentionCheck {
            setting,
            unit: Unit::Days,
            source: server.source,
            service: server.engine.service(),
            service_max: Some(max as f64),
            long_term_hint: &hint,
        }
        .run(cx, required);
    }
}

#[cfg(test)]
use crate::rules::value_channels::*;
#[cfg(test)]
pub(super) const CHANNELS: crate::rules::value_channels::Case = crate::rules::value_channels::Case {
    rule: "flexible-server-backup-retention",
    address: "azurerm_postgresql_flexible_server.pg",
    pass: "30",
    fail: "7",
    hcl: || {
        "resource \"azurerm_postgresql_flexible_server\" \"pg\" {\n  backup_retention_days = $V\n}\n".into()
    },
    dynamic: None,
    plan_to_create: None,
    plan: |v| {
        single(
            "azurerm_postgresql_flexible_server",
            "pg",
            &format!(r#"{{"backup_retention_days": {v}}}"#),
        )
    },
};

#[cfg(test)]
mod tests {
    use crate::rules::testing::*;

    const RULE: &str = "flexible-server-backup-retention";

    #[test]
    fn default_seven_days_fails_production() {
        let f = lint_hcl(r#"resource "azurerm_postgresql_flexible_server" "db" {}"#);
        assert_error(&f, RULE, "azurerm_postgresql_flexible_server.db", &["7 days", "azurerm default", "backup_retention_days = 30"]);
        let f = lint_hcl(r#"resource "azurerm_mysql_flexible_server" "db" { backup_retention_days = 14 }"#);
        assert_error(&f, RULE, "azurerm_mysql_flexible_server.db", &["MySQL", "14 days"]);
    }

    #[test]
    fn thirty_five_days_passes_production_and_fails_archive() {
        assert_clean(&lint_hcl(r#"resource "azurerm_postgresql_flexible_server" "db" { backup_retention_days = 35 }"#), RULE);
        let f = lint_hcl(r#"resource "azurerm_postgresql_flexible_server" "db" {
  backup_retention_days = 35
  tags = { dr_tier = "archive" }
}"#);
        assert_error(&f, RULE, "azurerm_postgresql_flexible_server.db", &["at most 35 days", "long-term backup"]);
    }

    #[test]
    fn staging_seven_days_passes() {
        assert_clean(&lint_hcl(r#"resource "azurerm_postgresql_flexible_server" "db" { tags = { environment = "uat" } }"#), RULE);
    }

    #[test]
    fn retention_through_count_and_var_cli() {
        let src = "variable \"days\" { default = 35 }\nresource \"azurerm_postgresql_flexible_server\" \"db\" {\n  count = 2\n  backup_retention_days = var.days\n}";
        assert_clean(&lint_hcl(src), RULE);
        let f = lint_with_vars(&[("main.tf", src)], &[("days", "10")]);
        assert_error(&f, RULE, "azurerm_postgresql_flexible_server.db", &["10 days"]);
    }

    #[test]
    fn a_backup_vault_policy_gives_long_term_retention() {
        let estate = |duration: &str| format!(
            r#"resource "azurerm_data_protection_backup_vault" "v" {{
  redundancy = "GeoRedundant"
}}
resource "azurerm_data_protection_backup_policy_mysql_flexible_server" "p" {{
  vault_id = azurerm_data_protection_backup_vault.v.id
  backup_repeating_time_intervals = ["R/2024-01-07T02:00:00+00:00/P1W"]
  default_retention_rule {{
    life_cycle {{
      data_store_type = "VaultStore"
      duration        = "{duration}"
    }}
  }}
}}
resource "azurerm_mysql_flexible_server" "db" {{
  backup_retention_days = 35
  tags = {{ dr_tier = "archive" }}
}}
resource "azurerm_data_protection_backup_instance_mysql_flexible_server" "db" {{
  vault_id         = azurerm_data_protection_backup_vault.v.id
  server_id        = azurerm_mysql_flexible_server.db.id
  backup_policy_id = azurerm_data_protection_backup_policy_mysql_flexible_server.p.id
}}
"#
        );
        assert_clean(&lint_hcl(&estate("P7Y")), RULE);
        assert_error(&lint_hcl(&estate("P7X")), RULE, "azurerm_mysql_flexible_server.db", &["cannot be used"]);
        assert_clean(&lint_hcl(&estate("P84M")), RULE);
        let f = lint_hcl(&estate("P1Y"));
        assert_error(&f, RULE, "azurerm_mysql_flexible_server.db", &["Backup vault policy azurerm_data_protection_backup_policy_mysql_flexible_server.p keeps the backups of this MySQL flexible server for 1y", "7y retention", "P7Y"]);
        assert_eq!(find(&f, RULE, "azurerm_mysql_flexible_server.db")[0].location.line, 10, "{}", dump(&f));
    }

    #[test]
    fn plan_json_values() {
        let plan = plan_json(&[("azurerm_postgresql_flexible_server.db", "azurerm_postgresql_flexible_server", "db", r#"{"backup_retention_days": 7, "geo_redundant_backup_enabled": true}"#)]);
        assert_error(&lint_plan(&plan), RULE, "azurerm_postgresql_flexible_server.db", &["7 days"]);
    }
}
