//! The `backup-schedule-rpo` rule.

use super::through;
use super::verdicts::{judge_active, report, Verdict};
use crate::rules::{Check, Facts, Rule};
use drkit_model::capabilities::site_recovery;
use drkit_model::facts::protection::Backup;
use drkit_model::facts::Observed;
use drkit_model::Duration;

declare_rule! {
    /// ## What it checks
    /// The worst-case gap between two backups of the policy that protects a virtual machine,
    /// file share, managed disk or AKS cluster must not exceed that resource's RPO. The gap is
    /// the policy's:
    ///
    /// - [`azurerm_backup_policy_vm`](https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/backup_policy_vm)
    ///   `backup.frequency`: `Daily` is 24 hours, `Weekly` the longest stretch between the listed
    ///   `weekdays`, `Hourly` (Enhanced policy, `policy_type = "V2"`) every `hour_interval`
    ///   (4, 6, 8 or 12) hours within an `hour_duration` window, and then the wait until the next
    ///   day's window: every 4 hours over 12 hours leaves 16 hours between the day's last backup
    ///   and the next day's first. A backup at the very end of a window is not counted.
    /// - [`azurerm_backup_policy_file_share`](https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/backup_policy_file_share)
    ///   `backup.frequency` (`Hourly` every `hourly.interval` within `hourly.window_duration`, or
    ///   `Daily`).
    /// - `azurerm_data_protection_backup_policy_*` `backup_repeating_time_intervals`: ISO 8601
    ///   repeating intervals (`R/2024-01-01T02:00:00+00:00/PT4H`); several intervals combine, and
    ///   the gap is the longest stretch without a backup once all have started. An interval
    ///   that stops (`R5/...`) or cannot be read is an error.
    ///
    /// The error sits on the link (`azurerm_backup_protected_vm`,
    /// `azurerm_data_protection_backup_instance_*`) and names the protected resource, the policy
    /// and the gap. With several backups (a disk backed up on its own and with its VM), one
    /// that meets the RPO is enough; a backup whose link is stopped (`protection_state =
    /// "ProtectionStopped"` or `"BackupsSuspended"`) does not count. Schedules are taken in
    /// UTC (or the interval's offset): a policy's `time_zone` and daylight saving shift a
    /// backup by an hour at most, which this rule does not model. A virtual machine that Site Recovery replicates gets its RPO from the
    /// replication (crash-consistent recovery points every 5 minutes, judged by
    /// `site-recovery-recovery-points`), so its backup schedule is not held to the RPO.
    ///
    /// ## Why it matters for recovery
    /// A restore brings back the latest backup: with a daily policy, a production VM whose plan
    /// promises at most one hour of lost data can lose a whole day. Azure VM backup runs at most
    /// every 4 hours ("For hourly backup, the minimum RPO is 4 hours",
    /// <https://learn.microsoft.com/azure/backup/backup-support-matrix-iaas>), so an RPO under
    /// 4 hours needs replication, not a backup policy.
    ///
    /// ## How to fix
    /// Back up at least as often as the RPO asks, for example every 4 hours with an Enhanced
    /// policy:
    ///
    /// ```hcl
    /// resource "azurerm_backup_policy_vm" "every_4h" {
    ///   name                = "every-4h"
    ///   resource_group_name = azurerm_recovery_services_vault.main.resource_group_name
    ///   recovery_vault_name = azurerm_recovery_services_vault.main.name
    ///   policy_type         = "V2"
    ///   backup {
    ///     frequency     = "Hourly"
    ///     time          = "00:00"
    ///     hour_interval = 4
    ///     hour_duration = 24
    ///   }
    ///   retention_daily {
    ///     count = 30
    ///   }
    /// }
    /// ```
    ///
    /// For an RPO shorter than any policy runs, replicate the VM with Site Recovery
    /// (`azurerm_site_recovery_replicated_vm`) or relax `dr_rpo`.
    pub struct BackupScheduleRpo {
        name: "backup-schedule-rpo",
        summary: "The backup policy protecting a resource must back up at least as often as its RPO.",
        facts: [VirtualMachine, FileShare, ManagedDisk, KubernetesCluster],
        requirement: Rpo,
    }
}

impl Rule for BackupScheduleRpo {
    fn check(&self, facts: &Facts, cx: &mut Check<'_>) {
        let Some(protected) = facts.protected() else { return };
        let Some(rpo) = cx.objective.rpo else { return };
        let replicated_within_rpo = !protected.protections.replications.is_empty()
            && site_recovery::CRASH_CONSISTENT_INTERVAL <= rpo;
        if replicated_within_rpo {
            return;
        }
        let address = cx.address();
        let verdicts = judge_active(&protected.protections.backups, |backup| {
            verdict(backup, rpo, &address)
        });
        report(cx, "the RPO", verdicts, |cx, backup, gap| {
            let Some(policy) = &backup.policy else { return };
            let Some(schedule) = policy.schedule.known() else { return };
            let fix = match (policy.phrases.schedule_for)(rpo) {
                Some(settings) => format!("set {settings}"),
                None => {
                    let shortest = policy.datasource.shortest_gap();
                    let mut others = Vec::new();
                    if let Some(replication) = protected.phrases.replication {
                        others.push(format!(
                            "replicate it with {replication} (recovery points every {})",
                            site_recovery::CRASH_CONSISTENT_INTERVAL
                        ));
                    }
                    if backup.through.is_some() {
                        others.push(format!("back it up on its own: {}", protected.phrases.add_backup));
                    }
                    others.push(format!("relax dr_rpo to {shortest} or more"));
                    format!(
                        "{} backs up at most every {shortest}, so {}",
                        policy.kind,
                        others.join(", or ")
                    )
                }
            };
            let message = format!(
                "{} backs up {schedule}, up to {gap} between backups, more than the {rpo} RPO of {} ({}), which it protects {}; {fix}",
                policy.address,
                cx.address(),
                cx.objective_source(),
                through(backup),
            );
            cx.violation(backup.at, message);
        });
    }
}

/// Whether one backup's policy backs up often enough.
fn verdict(backup: &Backup, rpo: Duration, address: &str) -> Verdict<Duration> {
    let Some(policy) = &backup.policy else {
        return Verdict::policy_outside(backup, "RPO", address);
    };
    match &policy.schedule.observed {
        Observed::Known(schedule) if schedule.gap() <= rpo => Verdict::Meets,
        Observed::Known(schedule) => Verdict::Fails(schedule.gap()),
        Observed::Invalid => match &policy.schedule_error {
            Some(error) => Verdict::Invalid(
                policy.schedule.at,
                format!(
                    "{}, which protects {address} {}, has a schedule that cannot be used: {error}",
                    policy.address,
                    through(backup)
                ),
            ),
            None => Verdict::Unknown(policy.schedule.setting, policy.schedule.at),
        },
        Observed::Unknown => Verdict::Unknown(policy.schedule.setting, policy.schedule.at),
        // The policy states no schedule: azurerm refuses it before anything is backed up.
        _ => Verdict::Meets,
    }
}

#[cfg(test)]
use crate::rules::backup::fixtures::*;
#[cfg(test)]
pub(super) const CHANNELS: crate::rules::value_channels::Case = crate::rules::value_channels::Case {
    rule: "backup-schedule-rpo",
    address: "azurerm_linux_virtual_machine.web",
    pass: "4",
    fail: "8",
    hcl: || {
        vm_estate(
            "",
            "  policy_type = \"V2\"\n  backup {\n    frequency     = \"Hourly\"\n    time          = \"00:00\"\n    hour_interval = $V\n    hour_duration = 24\n  }\n  retention_daily {\n    count = 30\n  }",
            "  tags = { environment = \"staging\" }",
        )
    },
    dynamic: Some(|| {
        vm_estate(
            "",
            "  policy_type = \"V2\"\n  dynamic \"backup\" {\n    for_each = [$V]\n    content {\n      frequency     = \"Hourly\"\n      time          = \"00:00\"\n      hour_interval = backup.value\n      hour_duration = 24\n    }\n  }\n  retention_daily {\n    count = 30\n  }",
            "  tags = { environment = \"staging\" }",
        )
    }),
    plan: |v| {
        vm_estate_plan(
            "",
            &format!(r#""policy_type": "V2", "backup": [{{"frequency": "Hourly", "time": "00:00", "hour_interval": {v}, "hour_duration": 24}}], "retention_daily": [{{"count": 30}}]"#),
            r#""tags": {"environment": "staging"}"#,
        )
    },
    plan_to_create: Some(|v| {
        vm_estate_plan_to_create(
            &format!(r#""policy_type": "V2", "backup": [{{"frequency": "Hourly", "time": "00:00", "hour_interval": {v}, "hour_duration": 24}}], "retention_daily": [{{"count": 30}}]"#),
            r#""tags": {"environment": "staging"}"#,
        )
    }),
};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::*;

    const RULE: &str = "backup-schedule-rpo";
    const VM: &str = "azurerm_linux_virtual_machine.web";

    fn policy(backup: &str) -> String {
        format!("  policy_type = \"V2\"\n  backup {{\n{backup}\n  }}\n  retention_daily {{\n    count = 30\n  }}")
    }

    #[test]
    fn a_daily_policy_fails_a_production_vm_on_the_link() {
        let f = lint_hcl(&vm_estate("", &policy("    frequency = \"Daily\"\n    time = \"23:00\""), ""));
        assert_error(&f, RULE, VM, &["azurerm_backup_policy_vm.policy backs up Daily", "up to 1d", "1h RPO of azurerm_linux_virtual_machine.web", "production tier", "through azurerm_backup_protected_vm.web", "at most every 4h", "azurerm_site_recovery_replicated_vm", "relax dr_rpo to 4h"]);
        let error = find(&f, RULE, VM)[0];
        assert_eq!(error.location.line, 29, "on the link: {}", dump(&f));
    }

    #[test]
    fn hourly_windows_count_the_wait_for_the_next_day() {
        let staging = "  tags = { environment = \"staging\" }";
        let f = lint_hcl(&vm_estate("", &policy("    frequency = \"Hourly\"\n    time = \"08:00\"\n    hour_interval = 4\n    hour_duration = 12"), staging));
        assert_error(&f, RULE, VM, &["Hourly every 4h over 12h a day", "up to 16h", "4h RPO", "backup.hour_interval = 4, backup.hour_duration = 24"]);
        let f = lint_hcl(&vm_estate("", &policy("    frequency = \"Hourly\"\n    time = \"08:00\"\n    hour_interval = 4\n    hour_duration = 24"), staging));
        assert_clean(&f, RULE);
    }

    #[test]
    fn weekly_policies_fail_daily_rpos_and_pass_weekly_ones() {
        let dev = "  tags = { environment = \"dev\" }";
        let f = lint_hcl(&vm_estate("", &policy("    frequency = \"Weekly\"\n    weekdays = [\"Sunday\", \"Wednesday\"]"), dev));
        assert_error(&f, RULE, VM, &["Weekly on Sunday, Wednesday", "up to 4d", "1d RPO", "backup.frequency = \"Daily\""]);
        let f = lint_hcl(&vm_estate("", &policy("    frequency = \"Weekly\"\n    weekdays = [\"Sunday\"]"), "  tags = { dr_rpo = \"7d\" }"));
        assert_clean(&f, RULE);
    }

    #[test]
    fn an_unknown_or_outside_policy_is_an_info_not_an_error() {
        let src = vm_estate("", &policy("    frequency = var.frequency"), "").replace("resource \"azurerm_recovery_services_vault\"", "variable \"frequency\" {}\nresource \"azurerm_recovery_services_vault\"");
        let f = lint_hcl(&src);
        assert_clean(&f, RULE);
        assert_info(&f, RULE);
        let src = vm_estate("", "", "").replace("azurerm_backup_policy_vm.policy.id", "\"/subscriptions/0/resourceGroups/rg/providers/Microsoft.RecoveryServices/vaults/rsv/backupPolicies/other\"");
        let f = lint_hcl(&src);
        assert_clean(&f, RULE);
        assert!(find(&f, RULE, VM).iter().any(|x| x.message.contains("not in the scanned configuration")), "{}", dump(&f));
    }

    #[test]
    fn site_recovery_gives_a_vm_its_rpo() {
        let src = format!(
            "{}\nresource \"azurerm_site_recovery_replicated_vm\" \"web\" {{\n  source_vm_id = azurerm_linux_virtual_machine.web.id\n}}\n",
            vm_estate("", &policy("    frequency = \"Daily\""), "")
        );
        assert_clean(&lint_hcl(&src), RULE);
    }

    #[test]
    fn backup_vault_intervals_are_judged_on_disks_and_clusters() {
        let interval = |period: &str| format!("  backup_repeating_time_intervals = [\"R/2024-01-01T02:00:00+00:00/{period}\"]");
        let src = backup_vault_estate(
            "  redundancy = \"GeoRedundant\"",
            &format!("{}\n  default_retention_duration = \"P30D\"", interval("P1D")),
            &format!("{}\n  default_retention_rule {{\n    life_cycle {{\n      data_store_type = \"OperationalStore\"\n      duration = \"P30D\"\n    }}\n  }}", interval("PT12H")),
        );
        let f = lint_hcl(&src);
        assert_error(&f, RULE, "azurerm_managed_disk.data", &["on \"R/2024-01-01T02:00:00+00:00/P1D\", up to 1d", "1h RPO", "through azurerm_data_protection_backup_instance_disk.data", "PT1H"]);
        assert_error(&f, RULE, "azurerm_kubernetes_cluster.aks", &["12h", "at most every 4h", "relax dr_rpo"]);
    }

    #[test]
    fn several_intervals_combine_and_bad_ones_are_errors() {
        let disk = |intervals: &str| backup_vault_estate(
            "  redundancy = \"GeoRedundant\"",
            &format!("  backup_repeating_time_intervals = [{intervals}]\n  default_retention_duration = \"P7D\""),
            "",
        ).replace("  name                 = \"data\"\n", "  name                 = \"data\"\n  tags = { environment = \"staging\" }\n");
        let f = lint_hcl(&disk("\"R/2024-01-01T00:00:00Z/PT8H\", \"R/2024-01-01T04:00:00Z/PT8H\""));
        assert!(find(&f, RULE, "azurerm_managed_disk.data").is_empty(), "{}", dump(&f));
        let f = lint_hcl(&disk("\"R/2024-01-01T00:00:00Z/P1D\", \"R/2024-01-01T04:00:00Z/P1D\""));
        assert_error(&f, RULE, "azurerm_managed_disk.data", &["on \"R/2024-01-01T00:00:00Z/P1D\", \"R/2024-01-01T04:00:00Z/P1D\"", "up to 20h"]);
        let f = lint_hcl(&disk("\"R3/2024-01-01T00:00:00Z/PT4H\""));
        assert_error(&f, RULE, "azurerm_managed_disk.data", &["cannot be used", "stops after 3 backups"]);
    }

    #[test]
    fn hourly_needs_the_enhanced_policy_and_a_window() {
        let staging = "  tags = { environment = \"staging\" }";
        let v1 = "  backup {\n    frequency = \"Hourly\"\n    hour_interval = 4\n    hour_duration = 24\n  }\n  retention_daily {\n    count = 30\n  }";
        let f = lint_hcl(&vm_estate("", v1, staging));
        assert_error(&f, RULE, VM, &["cannot be used", "needs policy_type = \"V2\""]);
        let no_window = policy("    frequency = \"Hourly\"\n    hour_interval = 4");
        let f = lint_hcl(&vm_estate("", &no_window, staging));
        assert_error(&f, RULE, VM, &["an Hourly backup needs backup.hour_duration"]);
        let unknown = format!("variable \"i\" {{}}\n{}", vm_estate("", &policy("    frequency = \"Hourly\"\n    hour_interval = var.i\n    hour_duration = 24"), staging));
        let f = lint_hcl(&unknown);
        assert_clean(&f, RULE);
        assert!(find(&f, RULE, VM).iter().any(|x| x.message.contains("backup.hour_interval is not known")), "{}", dump(&f));
    }

    #[test]
    fn one_backup_that_meets_the_rpo_is_enough() {
        // The disk is snapshotted every hour and also backed up with its VM every 4 hours.
        let src = format!(
            "{}\n{}\nresource \"azurerm_virtual_machine_data_disk_attachment\" \"data\" {{\n  managed_disk_id    = azurerm_managed_disk.data.id\n  virtual_machine_id = azurerm_linux_virtual_machine.web.id\n  lun = 0\n}}\n",
            vm_estate("", &hourly_policy(""), ""),
            backup_vault_estate(
                "  redundancy = \"GeoRedundant\"",
                "  backup_repeating_time_intervals = [\"R/2024-01-01T00:00:00+00:00/PT1H\"]\n  default_retention_duration = \"P7D\"",
                "",
            ).replace("resource \"azurerm_data_protection_backup_vault\" \"vault\"", "resource \"azurerm_data_protection_backup_vault\" \"bv\"").replace("azurerm_data_protection_backup_vault.vault", "azurerm_data_protection_backup_vault.bv"),
        );
        let f = lint_hcl(&src);
        assert!(find(&f, RULE, "azurerm_managed_disk.data").is_empty(), "{}", dump(&f));
        assert!(find(&f, "backup-retention", "azurerm_managed_disk.data").is_empty(), "the VM backup keeps 30 days: {}", dump(&f));
        assert!(find(&f, "backup-geo-redundancy", "azurerm_managed_disk.data").is_empty(), "the VM backup is in a GeoRedundant vault: {}", dump(&f));
    }

    #[test]
    fn plan_json_values() {
        let plan = vm_estate_plan("", r#""backup": [{"frequency": "Daily", "time": "23:00"}], "retention_daily": [{"count": 30}]"#, "");
        assert_error(&lint_plan(&plan), RULE, VM, &["Daily", "1h RPO"]);
    }
}
