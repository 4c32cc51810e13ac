//! The `failover-group-objectives` rule.

use crate::rules::{Check, Facts, Rule};
use drkit_model::evaluate_failover_group;

declare_rule! {
    /// ## What it checks
    /// A `dr_failover_group` block must describe a failover that can happen, exactly as
    /// `terraform-provider-dr` validates it at plan time: known Azure regions (with a
    /// suggestion for a misspelt one), no secondary equal to the primary, no duplicates, a
    /// `grace_period` below the RTO, no `mode = "manual"` under a tier that requires automatic
    /// failover, and a tier that exists. A secondary region that is not the Azure pair of the
    /// primary is a warning. A group without `tier` is judged under the `default_tier` of the
    /// `provider "dr"` block that configures it, with the tiers its `policy_file` adds, as the
    /// provider judges it.
    ///
    /// ## Why it matters for recovery
    /// A grace period of one hour under a one-hour RTO spends the whole recovery budget waiting.
    /// A failover target outside the region pair misses Azure's sequential-update and
    /// prioritised-recovery guarantees for paired regions.
    ///
    /// ## How to fix
    /// ```hcl
    /// resource "dr_failover_group" "orders" {
    ///   name              = "orders"
    ///   tier              = "critical"
    ///   primary_region    = "eastus"
    ///   secondary_regions = ["westus"]   # the Azure pair of eastus
    ///   mode              = "automatic"
    ///   grace_period      = "15m"        # below the 1h RTO
    ///   members           = [azurerm_cosmosdb_account.orders.id]
    /// }
    /// ```
    pub struct FailoverGroupObjectives {
        name: "failover-group-objectives",
        summary: "A dr_failover_group's regions, mode and grace period must be able to meet its RTO.",
        facts: [FailoverGroup],
        requirement: Policy,
    }
}

impl Rule for FailoverGroupObjectives {
    fn check(&self, facts: &Facts, cx: &mut Check<'_>) {
        let Facts::FailoverGroup(block) = facts else { return };
        let default_tier = cx.objective.tier.clone();
        let evaluation = evaluate_failover_group(&block.input, cx.pack(), &default_tier);
        cx.problems(block, evaluation.problems);
    }
}

#[cfg(test)]
use crate::rules::value_channels::*;
#[cfg(test)]
pub(super) const CHANNELS: crate::rules::value_channels::Case = crate::rules::value_channels::Case {
    rule: "failover-group-objectives",
    address: "dr_failover_group.g",
    pass: "\"30m\"",
    fail: "\"4h\"",
    hcl: || {
        "resource \"dr_failover_group\" \"g\" {\n  name           = \"g\"\n  primary_region = \"westeurope\"\n  grace_period   = $V\n}\n".into()
    },
    dynamic: None,
    plan_to_create: None,
    plan: |v| {
        single(
            "dr_failover_group",
            "g",
            &format!(r#"{{"name": "g", "primary_region": "westeurope", "grace_period": {v}}}"#),
        )
    },
};

#[cfg(test)]
mod tests {
    use crate::rules::testing::*;

    const RULE: &str = "failover-group-objectives";

    fn group(args: &str) -> String {
        format!("resource \"dr_failover_group\" \"g\" {{\n  name = \"g\"\n{args}\n}}")
    }

    #[test]
    fn paired_automatic_group_passes() {
        assert_clean(&lint_hcl(&group("  primary_region = \"eastus\"\n  secondary_regions = [\"westus\"]\n  tier = \"critical\"\n  grace_period = \"15m\"")), RULE);
        assert_clean(&lint_hcl(&group("  primary_region = \"East US\"")), RULE);
    }

    #[test]
    fn errors_from_the_model() {
        assert_error(&lint_hcl(&group("  primary_region = \"eastus2x\"")), RULE, "dr_failover_group.g", &["eastus2"]);
        assert_error(&lint_hcl(&group("  primary_region = \"eastus\"\n  secondary_regions = [\"eastus\"]")), RULE, "dr_failover_group.g", &["primary"]);
        assert_error(&lint_hcl(&group("  primary_region = \"eastus\"\n  tier = \"critical\"\n  grace_period = \"1h\"")), RULE, "dr_failover_group.g", &["grace_period"]);
        assert_error(&lint_hcl(&group("  primary_region = \"eastus\"\n  tier = \"critical\"\n  grace_period = \"15m\"\n  mode = \"manual\"")), RULE, "dr_failover_group.g", &["automatic"]);
    }

    #[test]
    fn unpaired_secondary_is_a_warning() {
        let f = lint_hcl(&group("  primary_region = \"eastus\"\n  secondary_regions = [\"northeurope\"]"));
        assert_clean(&f.iter().filter(|f| f.severity == crate::finding::Severity::Error).cloned().collect::<Vec<_>>(), RULE);
        assert!(f.iter().any(|f| f.rule == RULE && f.severity == crate::finding::Severity::Warning), "{}", dump(&f));
    }

    #[test]
    fn values_through_variables_and_plan() {
        let src = format!("variable \"regions\" {{ default = [\"westus\", \"westus\"] }}\n{}", group("  primary_region = \"eastus\"\n  secondary_regions = var.regions"));
        assert_error(&lint_hcl(&src), RULE, "dr_failover_group.g", &["westus"]);
        let plan = plan_json(&[("dr_failover_group.g", "dr_failover_group", "g", r#"{"name": "g", "primary_region": "eastus", "secondary_regions": ["westus"], "mode": "automatic", "grace_period": "1h"}"#)]);
        assert_clean(&lint_plan(&plan), RULE);
    }

    #[test]
    fn the_tier_of_a_group_without_one_comes_from_its_provider_block() {
        // A 1h grace period is below the production RTO (4h) but not below critical's (1h).
        let src = format!(
            "provider \"dr\" {{\n  default_tier = \"critical\"\n}}\n{}",
            group("  primary_region = \"eastus\"\n  secondary_regions = [\"westus\"]\n  grace_period = \"1h\"")
        );
        assert_error(&lint_hcl(&src), RULE, "dr_failover_group.g", &["grace_period"]);
        assert_clean(&lint_hcl(&src.replace("critical", "production")), RULE);
    }
}

