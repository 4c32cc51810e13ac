use super::check::{days, number_setting, string_setting, Setting};
use super::support::RetentionCheck;
use super::{Check, Rule, RuleInfo};
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
        resource_types: ["azurerm_mssql_database"],
        requirement: Retention,
    }
}

use drkit_model::capabilities::mssql;

const MAX_SHORT_TERM_DAYS: f64 = mssql::SHORT_TERM_RETENTION_DAYS.max as f64;

impl Rule for MssqlDatabaseBackupRetention {
    fn info(&self) -> &'static RuleInfo {
        &Self::INFO
    }

    fn check(&self, cx: &mut Check<'_>) {
        let Some(required) = cx.objective.retention else { return };
        if required > days(MAX_SHORT_TERM_DAYS) {
            return check_long_term(cx, required);
        }
        let policy = cx.body().block("short_term_retention_policy");
        let setting = match policy {
            None => Setting::Absent,
            Some(p) => number_setting(&p.body, &["retention_days"]),
        };
        RetentionCheck {
            setting,
            default: Some(mssql::DEFAULT_SHORT_TERM_RETENTION_DAYS as f64),
            unit: days,
            unit_name: "days",
            attribute: "short_term_retention_policy.retention_days",
            service: "Azure SQL point-in-time restore",
            service_max: Some(MAX_SHORT_TERM_DAYS),
            long_term_hint: "add a long_term_retention_policy",
        }
        .run(cx, required, policy.map(|p| &p.location));
    }
}

/// Retention beyond 35 days rests on long-term retention backups.
fn check_long_term(cx: &mut Check<'_>, required: Duration) {
    let policy = cx.body().block("long_term_retention_policy");
    let mut longest: Option<Duration> = None;
    if let Some(p) = policy {
        for attr in ["weekly_retention", "monthly_retention", "yearly_retention"] {
            match string_setting(&p.body, &[attr]) {
                Setting::Known(text, at) => match Duration::parse(text) {
                    Ok(d) => longest = longest.max(Some(d)),
                    Err(e) => cx.warning(at, format!("{attr} cannot be read: {e}")),
                },
                Setting::Unknown(at) | Setting::Invalid(_, at) => {
                    return cx.unknown(at, "retention", &format!("long_term_retention_policy.{attr}"))
                }
                Setting::Absent => {}
            }
        }
    }
    if longest.is_some_and(|l| l >= required) {
        return;
    }
    let found = match longest {
        Some(l) => format!("long-term retention keeps backups for {l}"),
        None => "there is no long-term retention and short-term backups last at most 35 days".to_string(),
    };
    let years = required.as_secs().div_ceil(365 * 86400);
    let message = format!(
        "{found}, less than the {required} retention of the {}; add long_term_retention_policy {{ yearly_retention = \"P{years}Y\" }}",
        cx.objective_source()
    );
    cx.violation(policy.map(|p| &p.location), message);
}

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
