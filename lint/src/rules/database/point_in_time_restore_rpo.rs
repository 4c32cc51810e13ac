//! The `point-in-time-restore-rpo` rule.

use crate::rules::{Check, Facts, Rule};
use drkit_model::capabilities::{mssql, mysql, postgresql};
use drkit_model::facts::flexible_server::Engine;
use drkit_model::facts::Anchor;

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
        facts: [FlexibleServer, MssqlDatabase],
        requirement: Rpo,
    }
}

impl Rule for PointInTimeRestoreRpo {
    fn check(&self, facts: &Facts, cx: &mut Check<'_>) {
        // How far behind a point-in-time restore can be, per service.
        let (kind, pitr) = match facts {
            Facts::FlexibleServer(server) => match server.engine {
                Engine::PostgreSql => (server.kind, postgresql::POINT_IN_TIME_RPO),
                Engine::MySql => (server.kind, mysql::POINT_IN_TIME_RPO),
            },
            Facts::MssqlDatabase(database) => (database.kind, mssql::POINT_IN_TIME_RPO),
            _ => return,
        };
        let Some(rpo) = cx.objective.rpo else { return };
        if pitr <= rpo {
            return;
        }
        let message = format!(
            "point-in-time restore of {kind} can lose up to {pitr} of writes, more than the {rpo} RPO of the {}; relax dr_rpo to {pitr} or more, or cover the gap with zone-redundant high availability",
            cx.objective_source()
        );
        cx.violation(Anchor::RESOURCE, message);
    }
}

#[cfg(test)]
use crate::rules::value_channels::*;
#[cfg(test)]
pub(super) const CHANNELS: crate::rules::value_channels::Case = crate::rules::value_channels::Case {
    rule: "point-in-time-restore-rpo",
    address: "azurerm_postgresql_flexible_server.pg",
    pass: "\"1h\"",
    fail: "\"1m\"",
    hcl: || {
        "resource \"azurerm_postgresql_flexible_server\" \"pg\" {\n  tags = { dr_rpo = $V }\n}\n".into()
    },
    dynamic: None,
    plan_to_create: None,
    plan: |v| {
        single(
            "azurerm_postgresql_flexible_server",
            "pg",
            &format!(r#"{{"tags": {{"dr_rpo": {v}}}}}"#),
        )
    },
};

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
