//! The `site-recovery-recovery-points` rule.

use crate::rules::{Check, Facts, Rule};
use drkit_model::capabilities::site_recovery;
use drkit_model::facts::{Observed, Unit};

declare_rule! {
    /// ## What it checks
    /// The replication policy
    /// ([`azurerm_site_recovery_replication_policy`](https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/site_recovery_replication_policy))
    /// of each Site Recovery replication of a virtual machine
    /// (`azurerm_site_recovery_replicated_vm`) against the machine's RPO:
    ///
    /// - `application_consistent_snapshot_frequency_in_minutes`, where set above 0, must not
    ///   exceed the RPO. Crash-consistent points every 5 minutes meet most RPOs, but an
    ///   application that needs app-consistent points (a database on the VM) can lose up to
    ///   the app-consistent frequency. Site Recovery takes them at most every 60 minutes.
    /// - `recovery_point_retention_in_minutes` must be at least the RPO: a failover can then go
    ///   back to a point from before a fault that replicated (corruption, a bad deploy) as far
    ///   as the RPO reaches. (This reading is drkit's: Azure states no rule.)
    ///
    /// ## Why it matters for recovery
    /// "Site Recovery automatically creates a crash-consistent recovery point every five
    /// minutes" and "can create app-consistent recovery points with a minimum frequency of one
    /// hour" (<https://learn.microsoft.com/azure/site-recovery/azure-to-azure-common-questions>).
    /// A policy taking app-consistent points every 4 hours for a VM with a 1 hour RPO restores
    /// a database that was consistent up to 4 hours ago.
    ///
    /// ## How to fix
    /// ```hcl
    /// resource "azurerm_site_recovery_replication_policy" "main" {
    ///   # ...
    ///   recovery_point_retention_in_minutes                  = 24 * 60
    ///   application_consistent_snapshot_frequency_in_minutes = 60
    /// }
    /// ```
    pub struct SiteRecoveryRecoveryPoints {
        name: "site-recovery-recovery-points",
        summary: "Site Recovery app-consistent points and retention must meet the VM's RPO.",
        facts: [VirtualMachine],
        requirement: Rpo,
    }
}

impl Rule for SiteRecoveryRecoveryPoints {
    fn check(&self, facts: &Facts, cx: &mut Check<'_>) {
        let Facts::VirtualMachine(vm) = facts else { return };
        let Some(rpo) = cx.objective.rpo else { return };
        for replication in &vm.protections.replications {
            let Some(policy) = &replication.policy else { continue };
            match policy.app_consistent_minutes.observed {
                Observed::Known(minutes) if minutes > 0.0 => {
                    let every = Unit::Minutes.duration(minutes);
                    if every > rpo {
                        let fix = if rpo >= site_recovery::MIN_APP_CONSISTENT_FREQUENCY {
                            format!("set {} = {} or less", policy.app_consistent_minutes.setting, rpo.as_minutes_floor())
                        } else {
                            format!(
                                "Site Recovery takes app-consistent points at most every {}: rely on crash-consistent points (every {}, set it to 0) or relax dr_rpo",
                                site_recovery::MIN_APP_CONSISTENT_FREQUENCY,
                                site_recovery::CRASH_CONSISTENT_INTERVAL
                            )
                        };
                        let message = format!(
                            "{} takes app-consistent recovery points every {} minutes ({every}), more than the {rpo} RPO of {} ({}), which {} replicates; {fix}",
                            policy.address,
                            cx.number(minutes),
                            cx.address(),
                            cx.objective_source(),
                            replication.link,
                        );
                        cx.violation(policy.app_consistent_minutes.at, message);
                    }
                }
                Observed::Unknown | Observed::Invalid => {
                    cx.unknown(policy.app_consistent_minutes.at, "the RPO", policy.app_consistent_minutes.setting);
                }
                _ => {}
            }
            match policy.retention_minutes.observed {
                Observed::Known(minutes) => {
                    let kept = Unit::Minutes.duration(minutes);
                    if kept < rpo {
                        let message = format!(
                            "{} keeps recovery points for {} minutes ({kept}), less than the {rpo} RPO of {} ({}), which {} replicates: a failover cannot go back to a point from before a fault that replicated; set {} = {} or more",
                            policy.address,
                            cx.number(minutes),
                            cx.address(),
                            cx.objective_source(),
                            replication.link,
                            policy.retention_minutes.setting,
                            rpo.as_minutes_ceil(),
                        );
                        cx.violation(policy.retention_minutes.at, message);
                    }
                }
                Observed::Unknown | Observed::Invalid => {
                    cx.unknown(policy.retention_minutes.at, "the RPO", policy.retention_minutes.setting);
                }
                _ => {}
            }
        }
    }
}

#[cfg(test)]
use crate::rules::site_recovery::fixtures::*;
#[cfg(test)]
pub(super) const CHANNELS: crate::rules::value_channels::Case = crate::rules::value_channels::Case {
    rule: "site-recovery-recovery-points",
    address: "azurerm_linux_virtual_machine.web",
    pass: "60",
    fail: "240",
    hcl: || {
        replicated_vm(
            "",
            "  recovery_point_retention_in_minutes                  = 1440\n  application_consistent_snapshot_frequency_in_minutes = $V",
            "",
        )
    },
    dynamic: None,
    plan: |v| {
        replicated_vm_plan(
            "",
            &format!(r#""recovery_point_retention_in_minutes": 1440, "application_consistent_snapshot_frequency_in_minutes": {v}"#),
            &[],
        )
    },
    plan_to_create: None,
};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::*;

    const RULE: &str = "site-recovery-recovery-points";
    const VM: &str = "azurerm_linux_virtual_machine.web";

    fn policy(retention: u32, app: u32) -> String {
        format!("  recovery_point_retention_in_minutes = {retention}\n  application_consistent_snapshot_frequency_in_minutes = {app}")
    }

    #[test]
    fn app_consistent_points_must_meet_the_rpo() {
        let f = lint_hcl(&replicated_vm("", &policy(1440, 240), ""));
        assert_error(&f, RULE, VM, &["azurerm_site_recovery_replication_policy.p takes app-consistent recovery points every 240 minutes (4h)", "1h RPO", "which azurerm_site_recovery_replicated_vm.web replicates", "= 60 or less"]);
        assert_clean(&lint_hcl(&replicated_vm("", &policy(1440, 0), "")), RULE);
        let f = lint_hcl(&replicated_vm("  tags = { dr_tier = \"critical\" }", &policy(1440, 60), ""));
        assert_error(&f, RULE, VM, &["15m RPO", "at most every 1h", "set it to 0"]);
    }

    #[test]
    fn retention_must_reach_the_rpo() {
        let f = lint_hcl(&replicated_vm("", &policy(30, 0), ""));
        assert_error(&f, RULE, VM, &["keeps recovery points for 30 minutes", "= 60 or more"]);
    }

    #[test]
    fn unknown_values_are_info() {
        let src = format!("variable \"m\" {{}}\n{}", replicated_vm("", "  recovery_point_retention_in_minutes = var.m\n  application_consistent_snapshot_frequency_in_minutes = 0", ""));
        let f = lint_hcl(&src);
        assert_clean(&f, RULE);
        assert_info(&f, RULE);
    }

    #[test]
    fn plan_json_values() {
        let plan = replicated_vm_plan("", r#""recovery_point_retention_in_minutes": 1440, "application_consistent_snapshot_frequency_in_minutes": 720"#, &[]);
        assert_error(&lint_plan(&plan), RULE, VM, &["720 minutes"]);
    }
}
