//! The `mssql-database-backup-retention` rule.

use crate::rules::retention::RetentionCheck;
use crate::rules::{Check, Facts, Rule};
use drkit_model::capabilities::mssql;
use drkit_model::facts::{MssqlDatabase, Observed, Unit};
use drkit_model::Duration;

declare_rule! {
    /// ## What it checks
    /// An `azurerm_mssql_database` keeps point-in-time backups for
    /// `short_term_retention_policy.retention_days` (1 to 35, default 7:
    /// <https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/mssql_database#retention_days>).
    /// That must cover the tier's retention; beyond 35 days, a `long_term_retention_policy`
    /// (`weekly_retention`, `monthly_retention` or `yearly_retention`, ISO 8601 such as `P7Y`)
    /// must keep backups at least that long.
    ///
    /// ## Why it matters for recovery
    /// With the default 7 days, a bad migration found in the second week can no longer be rolled
    /// back, and an archive tier's seven years cannot rest on short-term backups at all.
    ///
    /// ## How to fix
    /// ```hcl
    /// short_term_retention_policy {
    ///   retention_days = 35
    /// }
    /// long_term_retention_policy {
    ///   yearly_retention = "P7Y"
    ///   week_of_year     = 1
    /// }
    /// ```
    pub struct MssqlDatabaseBackupRetention {
        name: "mssql-database-backup-retention",
        summary: "Azure SQL database backup retention must cover the tier's retention.",
        facts: [MssqlDatabase],
        requirement: Retention,
    }
}

/// Point-in-time restore keeps backups at most this many days.
const MAX_SHORT_TERM_DAYS: f64 = mssql::SHORT_TERM_RETENTION_DAYS.max as f64;

impl Rule for MssqlDatabaseBackupRetention {
    fn check(&self, facts: &Facts, cx: &mut Check<'_>) {
        let Facts::MssqlDatabase(database) = facts else { return };
        let Some(required) = cx.objective.retention else { return };
        if required > Unit::Days.duration(MAX_SHORT_TERM_DAYS) {
            return check_long_term(database, cx, required);
        }
        let setting = &database.short_term_retention_days;
        let hint = format!("add a {}", database.phrases.long_term_retention);
        RetentionCheck {
            setting,
            unit: Unit::Days,
            source: database.source,
            service: "Azure SQL point-in-time restore",
            service_max: Some(MAX_SHORT_TERM_DAYS),
            long_term_hint: &hint,
        }
        .run(cx, required);
    }
}

/// Retention beyond 35 days rests on long-term retention backups.
fn check_long_term(database: &MssqlDatabase, cx: &mut Check<'_>, required: Duration) {
    let mut longest: Option<Duration> = None;
    for retention in [
        &database.weekly_retention,
        &database.monthly_retention,
        &database.yearly_retention,
    ] {
        match &retention.observed {
            Observed::Known(text) => match Duration::parse(text) {
                Ok(d) => longest = longest.max(Some(d)),
                Err(e) => cx.warning(
                    retention.at,
                    format!("{} cannot be read: {e}", retention.leaf()),
                ),
            },
            Observed::Unknown | Observed::Invalid => {
                return cx.unknown(retention.at, "retention", retention.setting)
            }
            Observed::Default(_) | Observed::Absent => {}
        }
    }
    if longest.is_some_and(|l| l >= required) {
        return;
    }
    let found = match longest {
        Some(l) => format!("long-term retention keeps backups for {l}"),
        None => format!(
            "there is no long-term retention and short-term backups last at most {} days",
            cx.number(MAX_SHORT_TERM_DAYS)
        ),
    };
    let years = required.as_secs().div_ceil(365 * 86400);
    let message = format!(
        "{found}, less than the {required} retention of the {}; add {}",
        cx.objective_source(),
        (database.phrases.add_yearly_retention)(years)
    );
    cx.violation(database.long_term_retention_at, message);
}

#[cfg(test)]
use crate::rules::value_channels::*;
#[cfg(test)]
pub(super) const CHANNELS: crate::rules::value_channels::Case = crate::rules::value_channels::Case {
    rule: "mssql-database-backup-retention",
    address: "azurerm_mssql_database.db",
    pass: "30",
    fail: "7",
    hcl: || {
        "resource \"azurerm_mssql_database\" \"db\" {\n  short_term_retention_policy {\n    retention_days = $V\n  }\n}\n".into()
    },
    dynamic: Some(|| {
        "resource \"azurerm_mssql_database\" \"db\" {\n  dynamic \"short_term_retention_policy\" {\n    for_each = [$V]\n    content {\n      retention_days = short_term_retention_policy.value\n    }\n  }\n}\n".into()
    }),
    plan_to_create: None,
    plan: |v| {
        single(
            "azurerm_mssql_database",
            "db",
            &format!(r#"{{"short_term_retention_policy": [{{"retention_days": {v}}}]}}"#),
        )
    },
};

#[cfg(test)]
mod tests {
    use crate::rules::testing::*;

    const RULE: &str = "mssql-database-backup-retention";

    #[test]
    fn default_seven_days_fails_production() {
        let f = lint_hcl(r#"resource "azurerm_mssql_database" "db" {}"#);
        assert_error(&f, RULE, "azurerm_mssql_database.db", &["7 days", "retention_days = 30"]);
    }

    #[test]
    fn thirty_days_passes() {
        let f = lint_hcl(r#"resource "azurerm_mssql_database" "db" {
  short_term_retention_policy { retention_days = 30 }
}"#);
        assert_clean(&f, RULE);
    }

    #[test]
    fn archive_needs_long_term_retention() {
        let src = r#"resource "azurerm_mssql_database" "db" {
  tags = { dr_tier = "archive" }
  LTR
}"#;
        assert_error(&lint_hcl(&src.replace("LTR", "")), RULE, "azurerm_mssql_database.db", &["no long-term retention", "P7Y"]);
        assert_error(&lint_hcl(&src.replace("LTR", "long_term_retention_policy { yearly_retention = \"P5Y\" }")), RULE, "azurerm_mssql_database.db", &["5y"]);
        assert_clean(&lint_hcl(&src.replace("LTR", "long_term_retention_policy { yearly_retention = \"P7Y\" }")), RULE);
    }

    #[test]
    fn retention_through_dynamic_block() {
        let src = r#"
variable "short_term" { default = [14] }
resource "azurerm_mssql_database" "db" {
  dynamic "short_term_retention_policy" {
    for_each = var.short_term
    content { retention_days = short_term_retention_policy.value }
  }
}"#;
        assert_error(&lint_hcl(src), RULE, "azurerm_mssql_database.db", &["14 days"]);
    }

    #[test]
    fn plan_json_values() {
        let plan = plan_json(&[("azurerm_mssql_database.db", "azurerm_mssql_database", "db", r#"{"short_term_retention_policy": [{"retention_days": 35, "backup_interval_in_hours": 12}], "storage_account_type": "Geo"}"#)]);
        assert_clean(&lint_plan(&plan), RULE);
    }
}
