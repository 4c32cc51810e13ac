//! The `backup-cross-region-restore` rule.

use super::through;
use crate::rules::{Check, Facts, Rule};
use drkit_model::capabilities::recovery_services;
use drkit_model::facts::protection::Redundancy;

declare_rule! {
    /// ## What it checks
    /// Where the tier requires geo-redundancy and its RTO is shorter than 24 hours, the
    /// geo-redundant vault holding the backups of a virtual machine, file share, managed disk or
    /// AKS cluster should allow Cross Region Restore:
    /// [`azurerm_recovery_services_vault`](https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/recovery_services_vault)
    /// or [`azurerm_data_protection_backup_vault`](https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/data_protection_backup_vault)
    /// `cross_region_restore_enabled` ("Defaults to `false`"; only with `GeoRedundant`). This is
    /// a warning: the backups do survive the region, but restoring them there may take longer
    /// than the RTO allows. A virtual machine that Site Recovery replicates fails over through
    /// the replication and is not held to this.
    ///
    /// ## Why it matters for recovery
    /// Without Cross Region Restore, "the backups in the secondary region become accessible only
    /// when Microsoft declares an outage in the primary region"
    /// (<https://learn.microsoft.com/azure/reliability/reliability-backup>): the restore waits
    /// for a declaration that can take many hours, while the plan promises service back within
    /// its RTO. With it, a restore in the paired region can start at once (from points that lag
    /// up to 36 hours) and can be rehearsed in drills.
    ///
    /// ## How to fix
    /// ```hcl
    /// resource "azurerm_recovery_services_vault" "main" {
    ///   # ...
    ///   storage_mode_type            = "GeoRedundant"
    ///   cross_region_restore_enabled = true
    /// }
    /// ```
    /// Once enabled on a Backup vault it cannot be disabled.
    pub struct BackupCrossRegionRestore {
        name: "backup-cross-region-restore",
        summary: "A geo-redundant vault should allow Cross Region Restore when the RTO is under 24 hours.",
        facts: [VirtualMachine, FileShare, ManagedDisk, KubernetesCluster],
        requirement: GeoRedundancy,
        severity: Warning,
    }
}

impl Rule for BackupCrossRegionRestore {
    fn check(&self, facts: &Facts, cx: &mut Check<'_>) {
        let Some(protected) = facts.protected() else { return };
        let Some(rto) = cx.objective.rto else { return };
        let replicated_away = protected
            .protections
            .replications
            .iter()
            .any(|replication| !replication.same_region);
        if !cx.objective.geo_redundant
            || rto >= recovery_services::DECLARED_OUTAGE_WAIT
            || replicated_away
        {
            return;
        }
        for backup in protected.protections.backups.iter().filter(|b| b.is_active()) {
            let Some(policy) = &backup.policy else { continue };
            let Some(vault) = &policy.vault else { continue };
            if !policy.keeps_in_vault()
                || vault.redundancy.value() != Some(&Redundancy::GeoRedundant)
            {
                continue;
            }
            if vault.cross_region_restore.is_unknown() {
                cx.unknown(vault.cross_region_restore.at, "cross-region restore", vault.cross_region_restore.setting);
                continue;
            }
            if vault.cross_region_restore.value() != Some(&false) {
                continue;
            }
            let shown = if vault.cross_region_restore.is_default() {
                " (not set)"
            } else {
                ""
            };
            let message = format!(
                "{} is GeoRedundant but {} is false{shown}: the backups of {} that {} makes {} can be restored in the paired region only after Microsoft declares an outage of the primary region, which does not fit the {rto} RTO of the {}; set {} (restores there then lag up to {})",
                vault.address,
                vault.cross_region_restore.setting,
                cx.address(),
                policy.address,
                through(backup),
                cx.objective_source(),
                vault.phrases.cross_region_restore,
                recovery_services::CROSS_REGION_RESTORE_RPO,
            );
            cx.warning(vault.cross_region_restore.at, message);
        }
    }
}

#[cfg(test)]
use crate::rules::backup::fixtures::*;
#[cfg(test)]
pub(super) const CHANNELS: crate::rules::value_channels::Case = crate::rules::value_channels::Case {
    rule: "backup-cross-region-restore",
    address: "azurerm_linux_virtual_machine.web",
    pass: "true",
    fail: "false",
    hcl: || vm_estate("  cross_region_restore_enabled = $V", &hourly_policy(""), ""),
    dynamic: None,
    plan: |v| vm_estate_plan(&format!(r#""storage_mode_type": "GeoRedundant", "cross_region_restore_enabled": {v}"#), HOURLY_POLICY_JSON, ""),
    plan_to_create: None,
};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::*;

    const RULE: &str = "backup-cross-region-restore";
    const VM: &str = "azurerm_linux_virtual_machine.web";

    #[test]
    fn the_default_is_a_warning_for_production() {
        let f = lint_hcl(&vm_estate("", &hourly_policy(""), ""));
        let found = find(&f, RULE, VM);
        assert_eq!(found.len(), 1, "{}", dump(&f));
        assert_eq!(found[0].severity, crate::finding::Severity::Warning);
        for needle in ["cross_region_restore_enabled is false (not set)", "declares an outage", "4h RTO", "1d12h"] {
            assert!(found[0].message.contains(needle), "{needle}: {}", found[0].message);
        }
    }

    #[test]
    fn long_rtos_and_local_tiers_do_not_need_it() {
        let archive = "  tags = { dr_tier = \"archive\" }";
        assert!(find(&lint_hcl(&vm_estate("", &hourly_policy(""), archive)), RULE, VM).is_empty());
        let staging = "  tags = { dr_tier = \"staging\" }";
        assert!(find(&lint_hcl(&vm_estate("", &hourly_policy(""), staging)), RULE, VM).is_empty());
        let local = lint_hcl(&vm_estate("  storage_mode_type = \"LocallyRedundant\"", &hourly_policy(""), ""));
        assert!(find(&local, RULE, VM).is_empty(), "the geo rule reports that one");
    }

    #[test]
    fn plan_json_values() {
        let plan = vm_estate_plan(r#""cross_region_restore_enabled": false"#, HOURLY_POLICY_JSON, "");
        assert!(!find(&lint_plan(&plan), RULE, VM).is_empty());
    }
}
