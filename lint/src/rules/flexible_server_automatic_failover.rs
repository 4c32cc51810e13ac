use super::{Check, Rule, RuleInfo};

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
        resource_types: ["azurerm_postgresql_flexible_server", "azurerm_mysql_flexible_server"],
        requirement: Failover,
    }
}

impl Rule for FlexibleServerAutomaticFailover {
    fn info(&self) -> &'static RuleInfo {
        &Self::INFO
    }

    fn check(&self, cx: &mut Check<'_>) {
        if !cx.objective.automatic_failover {
            return;
        }
        let message = format!(
            "automatic failover is not available across regions for {} (high availability fails over between zones only; replicas are promoted by hand), but the {} requires automatic failover; choose a tier without automatic failover and drill the replica promotion",
            cx.resource.resource_type,
            cx.objective_source()
        );
        cx.violation(None, message);
    }
}

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
