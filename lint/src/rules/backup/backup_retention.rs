//! The `backup-retention` rule.

use super::through;
use super::verdicts::{judge_active, report, Verdict};
use crate::rules::{Check, Facts, Rule};
use drkit_model::facts::protection::Backup;
use drkit_model::facts::Anchor;
use drkit_model::Duration;

declare_rule! {
    /// ## What it checks
    /// How far back the backups of the policy protecting a virtual machine, file share, managed
    /// disk or AKS cluster reach must cover that resource's tier retention. The reach is the
    /// longest of:
    ///
    /// - Recovery Services policies: `retention_daily.count` days, `retention_weekly.count` weeks,
    ///   `retention_monthly.count` months (a twelfth of a 365-day year) and
    ///   `retention_yearly.count` years; for workload policies also `simple_retention.count` days
    ///   of log backups
    ///   ([`azurerm_backup_policy_vm`](https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/backup_policy_vm):
    ///   daily 7 to 9999, weekly, monthly and yearly 1 to 9999;
    ///   [`azurerm_backup_policy_file_share`](https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/backup_policy_file_share):
    ///   daily 1 to 200, monthly 1 to 120, yearly 1 to 10);
    /// - Backup vault policies: `default_retention_duration`, `default_retention_rule` and
    ///   `retention_rule` `life_cycle.duration` (ISO 8601, `P30D`, `P7Y`, `P3M`).
    ///
    /// An archive tier's 7 years needs `retention_yearly.count = 7` or more (or 84 monthly
    /// backups). With several backups, one that reaches far enough is enough. A retention that
    /// cannot be read (not ISO 8601) is an error; one known only at apply time is an info.
    ///
    /// ## Why it matters for recovery
    /// Corruption, ransomware and mistakes are often found weeks later. A policy that keeps 7
    /// daily backups cannot restore the state of last month, whatever the plan promises; a
    /// 7-year compliance archive kept for 30 days is not an archive.
    ///
    /// ## How to fix
    /// Keep daily backups for the tier's retention, and yearly ones for an archive:
    ///
    /// ```hcl
    /// resource "azurerm_backup_policy_vm" "archive" {
    ///   # ...
    ///   retention_daily {
    ///     count = 30
    ///   }
    ///   retention_yearly {
    ///     count    = 7
    ///     weekdays = ["Sunday"]
    ///     weeks    = ["Last"]
    ///     months   = ["December"]
    ///   }
    /// }
    /// ```
    pub struct BackupRetention {
        name: "backup-retention",
        summary: "The backups protecting a resource must be kept for its tier's retention.",
        facts: [VirtualMachine, FileShare, ManagedDisk, KubernetesCluster],
        requirement: Retention,
    }
}

impl Rule for BackupRetention {
    fn check(&self, facts: &Facts, cx: &mut Check<'_>) {
        let Some(protected) = facts.protected() else { return };
        let Some(required) = cx.objective.retention else { return };
        let address = cx.address();
        let verdicts = judge_active(&protected.protections.backups, |backup| {
            reach_verdict(backup, required, &address)
        });
        report(cx, "retention", verdicts, |cx, backup, (reach, setting, at)| {
            let Some(policy) = &backup.policy else { return };
            let fix = match (policy.phrases.retention_for)(required) {
                Some(settings) => format!("set {settings}"),
                None => format!(
                    "{} cannot keep backups for {required}: add a second backup that keeps them that long (a Recovery Services vault policy with yearly retention), or relax the tier's retention",
                    policy.kind
                ),
            };
            let message = format!(
                "{} keeps backups for {reach} ({setting}), less than the {required} retention of {} ({}), which it protects {}; {fix}",
                policy.address,
                cx.address(),
                cx.objective_source(),
                through(backup),
            );
            cx.violation(at, message);
        });
    }
}

/// Whether one backup's policy keeps backups long enough: when it does not, how far back it
/// reaches and the setting that decides.
pub(in crate::rules) fn reach_verdict(
    backup: &Backup,
    required: Duration,
    address: &str,
) -> Verdict<(Duration, &'static str, Anchor)> {
    let Some(policy) = &backup.policy else {
        return Verdict::policy_outside(backup, "retention", address);
    };
    if let Some((at, error)) = &policy.retention_error {
        return Verdict::Invalid(
            *at,
            format!(
                "{}, which protects {address} {}, has a retention that cannot be used: {error}",
                policy.address,
                through(backup)
            ),
        );
    }
    if let Some(unknown) = policy.retention.iter().find(|kept| kept.reach.is_unknown()) {
        return Verdict::Unknown(unknown.reach.setting, unknown.reach.at);
    }
    match policy.reach() {
        Some((reach, _)) if reach >= required => Verdict::Meets,
        Some((reach, kept)) => Verdict::Fails((reach, kept.reach.setting, kept.reach.at)),
        // The policy keeps nothing it states: azurerm requires a retention.
        None => Verdict::Meets,
    }
}

#[cfg(test)]
use crate::rules::backup::fixtures::*;
#[cfg(test)]
pub(super) const CHANNELS: crate::rules::value_channels::Case = crate::rules::value_channels::Case {
    rule: "backup-retention",
    address: "azurerm_linux_virtual_machine.web",
    pass: "30",
    fail: "7",
    hcl: || {
        vm_estate(
            "",
            "  backup {\n    frequency = \"Daily\"\n    time      = \"23:00\"\n  }\n  retention_daily {\n    count = $V\n  }",
            "",
        )
    },
    dynamic: Some(|| {
        vm_estate(
            "",
            "  backup {\n    frequency = \"Daily\"\n    time      = \"23:00\"\n  }\n  dynamic \"retention_daily\" {\n    for_each = [$V]\n    content {\n      count = retention_daily.value\n    }\n  }",
            "",
        )
    }),
    plan: |v| {
        vm_estate_plan(
            "",
            &format!(r#""backup": [{{"frequency": "Daily", "time": "23:00"}}], "retention_daily": [{{"count": {v}}}]"#),
            "",
        )
    },
    plan_to_create: Some(|v| {
        vm_estate_plan_to_create(
            &format!(r#""backup": [{{"frequency": "Daily", "time": "23:00"}}], "retention_daily": [{{"count": {v}}}]"#),
            "",
        )
    }),
};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::*;

    const RULE: &str = "backup-retention";
    const VM: &str = "azurerm_linux_virtual_machine.web";

    #[test]
    fn seven_daily_backups_fail_production() {
        let f = lint_hcl(&vm_estate("", &hourly_policy("").replace("count = 30", "count = 7"), ""));
        assert_error(&f, RULE, VM, &["keeps backups for 7d (retention_daily.count)", "30d retention", "production tier", "set retention_daily.count = 30"]);
    }

    #[test]
    fn an_archive_needs_yearly_backups() {
        let archive = "  tags = { dr_tier = \"archive\" }";
        let f = lint_hcl(&vm_estate("", &hourly_policy(""), archive));
        assert_error(&f, RULE, VM, &["30d", "7y retention", "archive tier", "retention_yearly.count = 7"]);
        let yearly = "  retention_yearly {\n    count = 7\n    weekdays = [\"Sunday\"]\n    weeks = [\"Last\"]\n    months = [\"December\"]\n  }";
        assert_clean(&lint_hcl(&vm_estate("", &hourly_policy(yearly), archive)), RULE);
        let monthly = "  retention_monthly {\n    count = 84\n    weekdays = [\"Sunday\"]\n    weeks = [\"Last\"]\n  }";
        assert_clean(&lint_hcl(&vm_estate("", &hourly_policy(monthly), archive)), RULE);
    }

    #[test]
    fn backup_vault_durations_are_read_with_months_and_checked() {
        let disk = |duration: &str| backup_vault_estate(
            "  redundancy = \"GeoRedundant\"",
            &format!("  backup_repeating_time_intervals = [\"R/2024-01-01T00:00:00+00:00/PT1H\"]\n  default_retention_duration = \"{duration}\""),
            "",
        );
        assert_clean(&lint_hcl(&disk("P1M")), RULE);
        let f = lint_hcl(&disk("P7D"));
        assert_error(&f, RULE, "azurerm_managed_disk.data", &["7d (default_retention_duration)", "30d retention", "default_retention_duration = \"P30D\""]);
        let f = lint_hcl(&disk("seven days"));
        assert_error(&f, RULE, "azurerm_managed_disk.data", &["cannot be used", "default_retention_duration"]);
        let f = lint_hcl(&disk("P30D").replace("  name                 = \"data\"\n", "  name                 = \"data\"\n  tags = { dr_tier = \"archive\" }\n"));
        assert_error(&f, RULE, "azurerm_managed_disk.data", &["cannot keep backups for 7y"]);
    }

    #[test]
    fn retentions_must_be_iso_8601() {
        let disk = backup_vault_estate(
            "  redundancy = \"GeoRedundant\"",
            "  backup_repeating_time_intervals = [\"R/2024-01-01T00:00:00+00:00/PT1H\"]\n  default_retention_duration = \"30d\"",
            "",
        );
        assert_error(&lint_hcl(&disk), RULE, "azurerm_managed_disk.data", &["ISO 8601 durations only"]);
    }

    #[test]
    fn unknown_retention_is_info() {
        let src = format!("variable \"days\" {{}}\n{}", vm_estate("", &hourly_policy("").replace("count = 30", "count = var.days"), ""));
        let f = lint_hcl(&src);
        assert_clean(&f, RULE);
        assert_info(&f, RULE);
    }

    #[test]
    fn plan_json_values() {
        let plan = vm_estate_plan("", r#""backup": [{"frequency": "Daily"}], "retention_daily": [{"count": 10}], "retention_weekly": [{"count": 2, "weekdays": ["Sunday"]}]"#, "");
        assert_error(&lint_plan(&plan), RULE, VM, &["2w (retention_weekly.count)"]);
    }
}
