//! The `backup-policy-objectives` rule.

use crate::rules::{Check, Facts, Rule};
use drkit_model::evaluate_backup_policy;

declare_rule! {
    /// ## What it checks
    /// A `dr_backup_policy` block must be able to keep its own promises, exactly as
    /// `terraform-provider-dr` validates it at plan time (both use the same DR model):
    /// durations and the cron `schedule` must parse; `interval` and `schedule` are exclusive;
    /// the interval, or the worst-case gap between two runs of the schedule, must not exceed the
    /// RPO; the policy's `rpo`, `rto` and `retention` must not be looser than its tier's, and the
    /// tier must exist. Settings that an Azure service cannot honour (a retention beyond
    /// PostgreSQL's 35 days, an interval under Redis's 15 minutes) are warnings naming the
    /// service. A policy without `tier` is judged under the `default_tier` of the
    /// `provider "dr"` block that configures it, with the tiers its `policy_file` adds, as the
    /// provider judges it.
    ///
    /// ## Why it matters for recovery
    /// A policy that says "RPO 1h" and schedules its backup at `0 2 * * *` promises an hour and
    /// delivers a day. Every resource that takes its objective from the policy inherits the
    /// broken promise.
    ///
    /// ## How to fix
    /// Make the schedule at least as frequent as the RPO, and keep the objectives within the
    /// tier (or choose a looser tier):
    ///
    /// ```hcl
    /// resource "dr_backup_policy" "orders" {
    ///   name      = "orders"
    ///   tier      = "production"
    ///   rpo       = "1h"
    ///   schedule  = "0 * * * *"   # hourly: worst-case gap 1h
    ///   retention = "30d"
    ///   targets   = [azurerm_cosmosdb_account.orders.id]
    /// }
    /// ```
    pub struct BackupPolicyObjectives {
        name: "backup-policy-objectives",
        summary: "A dr_backup_policy's schedule, RPO, RTO and retention must be consistent with each other and its tier.",
        facts: [BackupPolicy],
        requirement: Policy,
    }
}

impl Rule for BackupPolicyObjectives {
    fn check(&self, facts: &Facts, cx: &mut Check<'_>) {
        let Facts::BackupPolicy(block) = facts else { return };
        // The tier a policy without `tier` falls back to is the default the resolver chose for it.
        let default_tier = cx.objective.tier.clone();
        let evaluation = evaluate_backup_policy(&block.input, cx.pack(), &default_tier);
        cx.problems(block, evaluation.problems);
    }
}

#[cfg(test)]
use crate::rules::value_channels::*;
#[cfg(test)]
pub(super) const CHANNELS: crate::rules::value_channels::Case = crate::rules::value_channels::Case {
    rule: "backup-policy-objectives",
    address: "dr_backup_policy.p",
    pass: "\"4h\"",
    fail: "\"8h\"",
    hcl: || {
        "resource \"dr_backup_policy\" \"p\" {\n  name     = \"p\"\n  tier     = \"staging\"\n  rpo      = \"4h\"\n  interval = $V\n}\n".into()
    },
    dynamic: None,
    plan_to_create: None,
    plan: |v| {
        single(
            "dr_backup_policy",
            "p",
            &format!(r#"{{"name": "p", "tier": "staging", "rpo": "4h", "interval": {v}}}"#),
        )
    },
};

#[cfg(test)]
mod tests {
    use crate::rules::testing::*;

    const RULE: &str = "backup-policy-objectives";

    fn policy(args: &str) -> String {
        format!("resource \"dr_backup_policy\" \"p\" {{\n  name = \"p\"\n{args}\n}}")
    }

    #[test]
    fn consistent_policy_passes() {
        assert_clean(&lint_hcl(&policy("  tier = \"staging\"\n  rpo = \"4h\"\n  schedule = \"0 */4 * * *\"\n  retention = \"30d\"")), RULE);
    }

    #[test]
    fn an_hourly_policy_warns_that_azure_backup_runs_every_4_hours_at_most() {
        // The same warning terraform-provider-dr shows at plan time.
        let f = lint_hcl(&policy("  tier = \"production\"\n  rpo = \"1h\"\n  schedule = \"0 * * * *\"\n  retention = \"30d\""));
        let warnings = find(&f, RULE, "dr_backup_policy.p");
        assert_eq!(warnings.len(), 1, "{}", dump(&f));
        assert_eq!(warnings[0].severity, crate::finding::Severity::Warning);
        assert!(warnings[0].message.starts_with("Azure Backup runs at most every 4 hours"));
        assert_eq!(warnings[0].location.line, 5, "points at the schedule that sets the interval");
    }

    #[test]
    fn daily_schedule_breaks_hourly_rpo() {
        let f = lint_hcl(&policy("  rpo = \"1h\"\n  schedule = \"0 2 * * *\""));
        assert_error(&f, RULE, "dr_backup_policy.p", &["RPO"]);
        let e = f.iter().find(|f| f.rule == RULE && f.severity == crate::finding::Severity::Error).unwrap();
        assert_eq!(e.location.line, 4, "points at the schedule argument");
    }

    #[test]
    fn looser_than_tier_fails() {
        let f = lint_hcl(&policy("  tier = \"critical\"\n  rpo = \"2h\""));
        assert_error(&f, RULE, "dr_backup_policy.p", &["2h", "15m"]);
    }

    #[test]
    fn unparseable_duration_and_unknown_tier() {
        assert_error(&lint_hcl(&policy("  rpo = \"4x\"")), RULE, "dr_backup_policy.p", &["\"4x\""]);
        assert_error(&lint_hcl(&policy("  tier = \"gold\"")), RULE, "dr_backup_policy.p", &["gold", "production"]);
    }

    #[test]
    fn interval_and_schedule_together_fail() {
        assert_error(&lint_hcl(&policy("  interval = \"1h\"\n  schedule = \"0 * * * *\"")), RULE, "dr_backup_policy.p", &["schedule"]);
    }

    #[test]
    fn values_through_variables_and_unknowns() {
        let src = format!("variable \"rpo\" {{ default = \"4h\" }}\nvariable \"unknown\" {{ type = string }}\n{}", policy("  tier = \"production\"\n  rpo = var.rpo\n  interval = var.unknown"));
        assert_error(&lint_hcl(&src), RULE, "dr_backup_policy.p", &["4h"]);
        let src = format!("variable \"unknown\" {{ type = string }}\n{}", policy("  rpo = var.unknown\n  interval = \"2h\""));
        let f = lint_hcl(&src);
        assert!(!f.iter().any(|f| f.rule == RULE && f.severity == crate::finding::Severity::Error), "{}", dump(&f));
    }

    #[test]
    fn plan_json_values() {
        let plan = plan_json(&[("dr_backup_policy.p", "dr_backup_policy", "p", r#"{"name": "p", "tier": "production", "rpo": "1h", "interval": "4h"}"#)]);
        assert_error(&lint_plan(&plan), RULE, "dr_backup_policy.p", &["RPO"]);
    }

    #[test]
    fn the_tier_of_a_policy_without_one_comes_from_its_provider_block() {
        // What the provider itself does at plan time: `rpo = "4h"` is fine under staging and
        // an error under critical, whichever way the critical configuration reaches the policy.
        let src = format!(
            "provider \"dr\" {{\n  default_tier = \"critical\"\n}}\n{}",
            policy("  rpo = \"4h\"")
        );
        let f = lint_hcl(&src);
        assert_error(&f, RULE, "dr_backup_policy.p", &["4h", "15m", "critical"]);
        let source = &find(&f, RULE, "dr_backup_policy.p")[0]
            .objective
            .as_ref()
            .expect("an objective")
            .source;
        assert!(source.contains("default_tier of provider dr at main.tf:1"), "{source}");

        let aliased = format!(
            "provider \"dr\" {{\n  default_tier = \"staging\"\n}}\nprovider \"dr\" {{\n  alias = \"gold\"\n  default_tier = \"critical\"\n}}\n{}",
            policy("  provider = dr.gold\n  rpo = \"4h\"")
        );
        assert_error(&lint_hcl(&aliased), RULE, "dr_backup_policy.p", &["15m"]);
        let unaliased = aliased.replace("  provider = dr.gold\n", "");
        assert_clean(&lint_hcl(&unaliased), RULE);
    }

    #[test]
    fn a_policy_tier_and_a_provider_block_without_default_tier_come_first() {
        let src = format!(
            "provider \"dr\" {{\n  default_tier = \"critical\"\n}}\n{}",
            policy("  tier = \"staging\"\n  rpo = \"4h\"")
        );
        assert_clean(&lint_hcl(&src), RULE);
        // No default_tier in the block: drlint's own default tier (production, RPO 1h) applies.
        let src = format!("provider \"dr\" {{}}\n{}", policy("  rpo = \"4h\""));
        assert_error(&lint_hcl(&src), RULE, "dr_backup_policy.p", &["1h", "production"]);
    }

    #[test]
    fn an_unknown_provider_default_tier_is_never_an_error() {
        let src = format!(
            "variable \"tier\" {{\n  type = string\n}}\nprovider \"dr\" {{\n  default_tier = var.tier\n}}\n{}",
            policy("  rpo = \"4h\"")
        );
        let f = lint_hcl(&src);
        assert_clean(&f, RULE);
        assert!(
            f.iter().any(|f| f.message.contains("default_tier of provider dr is not known statically")),
            "{}",
            dump(&f)
        );
    }
}
