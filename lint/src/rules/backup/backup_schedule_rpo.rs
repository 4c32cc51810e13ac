//! The `backup-schedule-rpo` rule.

use super::through;
use crate::rules::{Check, Facts, Rule};
use drkit_model::capabilities::site_recovery;
use drkit_model::facts::Observed;

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
    /// and the gap. A virtual machine that Site Recovery replicates gets its RPO from the
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
        if !protected.protections.replications.is_empty()
            && site_recovery::CRASH_CONSISTENT_INTERVAL <= rpo
        {
            return;
        }
        for backup in &protected.protections.backups {
            let Some(policy) = &backup.policy else {
                let message = format!(
                    "the RPO could not be checked: the policy that {} names in {} is not in the scanned configuration; scan the folder that defines it too",
                    backup.link, backup.policy_setting
                );
                cx.note(backup.policy_at, message);
                continue;
            };
            let schedule = match &policy.schedule.observed {
                Observed::Known(schedule) => schedule,
                Observed::Invalid => {
                    if let Some(error) = &policy.schedule_error {
                        let message = format!(
                            "{}, which protects this {} {}, has a schedule that cannot be used: {error}",
                            policy.address,
                            protected.noun,
                            through(backup)
                        );
                        cx.violation(policy.schedule.at, message);
                    }
                    continue;
                }
                Observed::Unknown => {
                    cx.unknown(policy.schedule.at, "the RPO", policy.schedule.setting);
                    continue;
                }
                _ => continue,
            };
            let gap = schedule.gap();
            if gap <= rpo {
                continue;
            }
            let fix = match (policy.phrases.schedule_for)(rpo) {
                Some(settings) => format!("set {settings}"),
                None => {
                    let shortest = policy.datasource.shortest_gap();
                    let replicate = match protected.phrases.replication {
                        Some(replication) => format!("replicate it with {replication} (recovery points every {}) or ", site_recovery::CRASH_CONSISTENT_INTERVAL),
                        None => String::new(),
                    };
                    format!("{} backs up at most every {shortest}, so {replicate}relax dr_rpo to {shortest} or more", policy.kind)
                }
            };
            let message = format!(
                "{} backs up {schedule}, up to {gap} between backups, more than the {rpo} RPO of this {} ({}) that it protects {}; {fix}",
                policy.address,
                protected.noun,
                cx.objective_source(),
                through(backup),
            );
            cx.violation(backup.at, message);
        }
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
    plan_to_create: None,
};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::*;

    const RULE: &str = "backup-schedule-rpo";
    const VM: &str = "azurerm_linux_virtual_machine.web";

    fn policy(backup: &str) -> String {
        format!("  backup {{\n{backup}\n  }}\n  retention_daily {{\n    count = 30\n  }}")
    }

    #[test]
    fn a_daily_policy_fails_a_production_vm_on_the_link() {
        let f = lint_hcl(&vm_estate("", &policy("    frequency = \"Daily\"\n    time = \"23:00\""), ""));
        assert_error(&f, RULE, VM, &["azurerm_backup_policy_vm.policy backs up Daily", "up to 1d", "1h RPO of this virtual machine", "production tier", "through azurerm_backup_protected_vm.web", "at most every 4h", "azurerm_site_recovery_replicated_vm", "relax dr_rpo to 4h"]);
        let error = find(&f, RULE, VM)[0];
        assert_eq!(error.location.line, 28, "on the link: {}", dump(&f));
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
        assert_error(&f, RULE, "azurerm_managed_disk.data", &["on one repeating interval, up to 1d", "1h RPO", "through azurerm_data_protection_backup_instance_disk.data", "PT1H"]);
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
        assert_error(&f, RULE, "azurerm_managed_disk.data", &["on 2 repeating intervals", "up to 20h"]);
        let f = lint_hcl(&disk("\"R3/2024-01-01T00:00:00Z/PT4H\""));
        assert_error(&f, RULE, "azurerm_managed_disk.data", &["cannot be used", "stops after 3 backups"]);
    }

    #[test]
    fn plan_json_values() {
        let plan = vm_estate_plan("", r#""backup": [{"frequency": "Daily", "time": "23:00"}], "retention_daily": [{"count": 30}]"#, "");
        assert_error(&lint_plan(&plan), RULE, VM, &["Daily", "1h RPO"]);
    }
}
