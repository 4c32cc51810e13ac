use super::{Check, Rule, RuleInfo};
use drkit_model::Duration;

declare_rule! {
    /// ## What it checks
    /// PostgreSQL and MySQL flexible servers restore to any point in time from their continuous
    /// log backups: their RPO is about five minutes
    /// (<https://learn.microsoft.com/azure/postgresql/flexible-server/concepts-backup-restore>).
    /// `azurerm_mssql_database` restores to a point in time with an RPO of about ten minutes
    /// (<https://learn.microsoft.com/azure/azure-sql/database/automated-backups-overview>).
    /// An objective tighter than that cannot be met by backups alone.
    ///
    /// ## Why it matters for recovery
    /// An RPO of one minute stated for a database whose restore point lags by five is a promise
    /// no restore will keep; it needs synchronous replication (zone-redundant high availability)
    /// or a relaxed objective.
    ///
    /// ## How to fix
    /// Relax the objective to five minutes or more, or rely on high availability for the
    /// tighter one and say so:
    ///
    /// ```hcl
    /// tags = { dr_tier = "critical", dr_rpo = "5m" }
    /// ```
    pub struct PointInTimeRestoreRpo {
        name: "point-in-time-restore-rpo",
        summary: "Point-in-time restore (5 to 10 minutes behind) must meet the database's RPO.",
        resource_types: ["azurerm_postgresql_flexible_server", "azurerm_mysql_flexible_server", "azurerm_mssql_database"],
        requirement: Rpo,
    }
}

use drkit_model::capabilities::{mssql, mysql, postgresql};

/// How far behind a point-in-time restore can be, per service.
fn point_in_time_rpo(resource_type: &str) -> Duration {
    match resource_type {
        "azurerm_mssql_database" => mssql::POINT_IN_TIME_RPO,
        "azurerm_mysql_flexible_server" => mysql::POINT_IN_TIME_RPO,
        _ => postgresql::POINT_IN_TIME_RPO,
    }
}

impl Rule for PointInTimeRestoreRpo {
    fn info(&self) -> &'static RuleInfo {
        &Self::INFO
    }

    fn check(&self, cx: &mut Check<'_>) {
        let Some(rpo) = cx.objective.rpo else { return };
        let pitr = point_in_time_rpo(&cx.resource.resource_type);
        if pitr <= rpo {
            return;
        }
        let message = format!(
            "point-in-time restore of {} can lose up to {pitr} of writes, more than the {rpo} RPO of the {}; relax dr_rpo to {pitr} or more, or cover the gap with zone-redundant high availability",
            cx.resource.resource_type,
            cx.objective_source()
        );
        cx.violation(None, message);
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::*;

    const RULE: &str = "point-in-time-restore-rpo";

    #[test]
    fn tiers_are_met() {
        for ty in ["azurerm_postgresql_flexible_server", "azurerm_mysql_flexible_server", "azurerm_mssql_database"] {
            let src = format!("resource \"{ty}\" \"db\" {{ tags = {{ dr_tier = \"critical\" }} }}");
            assert_clean(&lint_hcl(&src), RULE);
        }
    }

    #[test]
    fn one_minute_rpo_tag_fails() {
        let src = "locals { tags = { dr_rpo = \"1m\" } }\nresource \"azurerm_postgresql_flexible_server\" \"db\" { tags = merge(local.tags, { owner = \"x\" }) }";
        assert_error(&lint_hcl(src), RULE, "azurerm_postgresql_flexible_server.db", &["1m RPO", "5m"]);
    }

    #[test]
    fn plan_json_values() {
        let plan = plan_json(&[("azurerm_mysql_flexible_server.db", "azurerm_mysql_flexible_server", "db", r#"{"tags": {"dr_rpo": "PT2M"}}"#)]);
        assert_error(&lint_plan(&plan), RULE, "azurerm_mysql_flexible_server.db", &["2m RPO"]);
    }
}
