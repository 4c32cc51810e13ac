//! The `redis-automatic-failover` rule.

use crate::rules::{Check, Facts, Rule};
use drkit_model::facts::Anchor;

declare_rule! {
    /// ## What it checks
    /// Where the tier requires automatic failover, an `azurerm_redis_cache` cannot meet it:
    /// passive geo-replication of Azure Cache for Redis (`azurerm_redis_linked_server`) has no
    /// automatic failover; failing over means unlinking and repointing clients by hand
    /// (<https://learn.microsoft.com/azure/azure-cache-for-redis/cache-how-to-geo-replication>).
    ///
    /// ## Why it matters for recovery
    /// A tier that promises automatic failover (critical) assumes no person in the loop. A Redis
    /// cache in that path makes the recovery time depend on someone being awake.
    ///
    /// ## How to fix
    /// Keep only rebuildable data in Redis and tag it `stateless`, or accept a manual failover
    /// by moving it to a tier that does not require automatic failover, and document why:
    ///
    /// ```hcl
    /// # drlint:ignore=redis-automatic-failover failover runbook RB-12, drilled quarterly
    /// resource "azurerm_redis_cache" "sessions" {
    ///   tags = { dr_tier = "production" }
    /// }
    /// ```
    pub struct RedisAutomaticFailover {
        name: "redis-automatic-failover",
        summary: "Redis has no automatic cross-region failover; say so where the tier requires it.",
        facts: [Redis],
        requirement: Failover,
    }
}

impl Rule for RedisAutomaticFailover {
    fn check(&self, facts: &Facts, cx: &mut Check<'_>) {
        let Facts::Redis(cache) = facts else { return };
        if !cx.objective.automatic_failover {
            return;
        }
        let message = format!(
            "automatic failover is not available for {} (geo-replication fails over only by hand), but the {} requires automatic failover; keep only rebuildable data in it and tag it dr_tier = \"stateless\", or choose a tier without automatic failover and a drilled manual failover runbook",
            cache.kind,
            cx.objective_source()
        );
        cx.violation(Anchor::RESOURCE, message);
    }
}

#[cfg(test)]
use crate::rules::value_channels::*;
#[cfg(test)]
pub(super) const CHANNELS: crate::rules::value_channels::Case = crate::rules::value_channels::Case {
    rule: "redis-automatic-failover",
    address: "azurerm_redis_cache.r",
    pass: "\"production\"",
    fail: "\"critical\"",
    hcl: || "resource \"azurerm_redis_cache\" \"r\" {\n  tags = { dr_tier = $V }\n}\n".into(),
    dynamic: None,
    plan_to_create: None,
    plan: |v| {
        single(
            "azurerm_redis_cache",
            "r",
            &format!(r#"{{"tags": {{"dr_tier": {v}}}}}"#),
        )
    },
};

#[cfg(test)]
mod tests {
    use crate::rules::testing::*;

    const RULE: &str = "redis-automatic-failover";

    #[test]
    fn critical_redis_is_flagged() {
        let f = lint_hcl(r#"resource "azurerm_redis_cache" "r" { tags = { dr_tier = "critical" } }"#);
        assert_error(&f, RULE, "azurerm_redis_cache.r", &["not available", "failover"]);
    }

    #[test]
    fn production_redis_is_not() {
        assert_clean(&lint_hcl(r#"resource "azurerm_redis_cache" "r" {}"#), RULE);
    }

    #[test]
    fn tier_through_tag_variable_and_plan() {
        let src = "variable \"tier\" { default = \"critical\" }\nresource \"azurerm_redis_cache\" \"r\" { tags = { dr_tier = var.tier } }";
        assert_error(&lint_hcl(src), RULE, "azurerm_redis_cache.r", &["critical"]);
        let plan = plan_json(&[("azurerm_redis_cache.r", "azurerm_redis_cache", "r", r#"{"tags": {"dr_tier": "staging"}}"#)]);
        assert_clean(&lint_plan(&plan), RULE);
    }
}
