use super::policy_input::string_field;
use super::{Check, Rule, RuleInfo};
use crate::finding::Severity;
use drkit_model::failover_group::{evaluate_failover_group, FailoverGroupInput};
use drkit_model::Field;
use drkit_terraform::value::Value;

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
        resource_types: ["dr_failover_group"],
        requirement: Policy,
    }
}

impl Rule for FailoverGroupObjectives {
    fn info(&self) -> &'static RuleInfo {
        &Self::INFO
    }

    fn check(&self, cx: &mut Check<'_>) {
        let body = cx.body();
        let secondary_regions = match body.value("secondary_regions") {
            None => Field::Unset,
            Some(Value::List(items)) => Field::Known(
                items
                    .iter()
                    .map(|v| match v {
                        Value::String(s) => Field::Known(s.clone()),
                        _ => Field::Unknown,
                    })
                    .collect(),
            ),
            Some(_) => Field::Unknown,
        };
        let input = FailoverGroupInput {
            name: string_field(body, "name"),
            primary_region: string_field(body, "primary_region"),
            secondary_regions,
            tier: string_field(body, "tier"),
            rto: string_field(body, "rto"),
            mode: string_field(body, "mode"),
            grace_period: string_field(body, "grace_period"),
        };
        let default_tier = cx.objective.tier.clone();
        let evaluation = evaluate_failover_group(&input, cx.pack(), &default_tier);
        for problem in evaluation.problems {
            let at = body.attr(problem.attribute).map(|a| &a.location);
            match problem.severity {
                Severity::Error => cx.violation(at, problem.message),
                Severity::Warning => cx.warning(at, problem.message),
                Severity::Info => {}
            }
        }
    }
}

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

