//! The `flexible-server-automatic-failover` rule.

use crate::rules::{Check, Facts, Rule};
use drkit_model::facts::Anchor;

declare_rule! {
    /// ## What it checks
    /// Where the tier requires automatic failover, an `azurerm_postgresql_flexible_server` or
    /// `azurerm_mysql_flexible_server` cannot meet it across regions: `high_availability` fails
    /// over automatically only between zones of one region, and cross-region read replicas are
    /// promoted by hand
    /// (<https://learn.microsoft.com/azure/postgresql/flexible-server/concepts-read-replicas>).
    ///
    /// ## Why it matters for recovery
    /// The seed plans promote the geo-replica by hand (`az postgres server replica promote`). A
    /// tier that promises automatic failover hides that manual step from the RTO.
    ///
    /// ## How to fix
    /// Choose a tier without automatic failover and keep a drilled promotion runbook, or record
    /// the exception:
    ///
    /// ```hcl
    /// # drlint:ignore=flexible-server-automatic-failover replica promotion runbook, drilled in Q2
    /// resource "azurerm_postgresql_flexible_server" "main" { ... }
    /// ```
    pub struct FlexibleServerAutomaticFailover {
        name: "flexible-server-automatic-failover",
        summary: "Flexible servers have no automatic cross-region failover; say so where the tier requires it.",
        facts: [FlexibleServer],
        requirement: Failover,
    }
}

impl Rule for FlexibleServerAutomaticFailover {
    fn check(&self, facts: &Facts, cx: &mut Check<'_>) {
        let Facts::FlexibleServer(server) = facts else { return };
        if !cx.objective.automatic_failover {
            return;
        }
        let message = format!(
            "automatic failover is not available across regions for {} (high availability fails over between zones only; replicas are promoted by hand), but the {} requires automatic failover; choose a tier without automatic failover and drill the replica promotion",
            server.kind,
            cx.objective_source()
        );
        cx.violation(Anchor::RESOURCE, message);
    }
}

#[cfg(test)]
use crate::rules::value_channels::*;
#[cfg(test)]
pub(super) const CHANNELS: crate::rules::value_channels::Case = crate::rules::value_channels::Case {
    rule: "flexible-server-automatic-failover",
    address: "azurerm_postgresql_flexible_server.pg",
    pass: "\"production\"",
    fail: "\"critical\"",
    hcl: || {
        "resource \"azurerm_postgresql_flexible_server\" \"pg\" {\n  tags = { dr_tier = $V }\n}\n".into()
    },
    dynamic: None,
    plan_to_create: None,
    plan: |v| {
        single(
            "azurerm_postgresql_flexible_server",
            "pg",
            &format!(r#"{{"tags": {{"dr_tier": {v}}}}}"#),
        )
    },
};

#[cfg(test)]
mod tests {
    use crate::rules::testing::*;

    const RULE: &str = "flexible-server-automatic-failover";

    #[test]
    fn critical_is_flagged_production_is_not() {
        let f = lint_hcl(r#"resource "azurerm_postgresql_flexible_server" "db" { tags = { dr_tier = "critical" } }"#);
        assert_error(&f, RULE, "azurerm_postgresql_flexible_server.db", &["not available across regions"]);
        assert_clean(&lint_hcl(r#"resource "azurerm_mysql_flexible_server" "db" {}"#), RULE);
    }

    #[test]
    fn plan_json_values() {
        let plan = plan_json(&[("azurerm_mysql_flexible_server.db", "azurerm_mysql_flexible_server", "db", r#"{"tags": {"dr_tier": "critical"}}"#)]);
        assert_error(&lint_plan(&plan), RULE, "azurerm_mysql_flexible_server.db", &["failover"]);
    }
}
