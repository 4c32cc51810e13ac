//! Rules for Azure Backup: what protects virtual machines, file shares, managed disks and AKS
//! clusters (coverage), and whether the Recovery Services or Backup vault policy behind each
//! protection meets the protected resource's RPO, retention, geo-redundancy and deletion
//! protection. A policy has no tier of its own: each finding is about the protected resource,
//! and names the policy and the link that protect it.

use drkit_model::facts::protection::Backup;
use drkit_model::facts::Facts;

register_rules! {
    backup_coverage::BackupCoverage,
    backup_schedule_rpo::BackupScheduleRpo,
    backup_retention::BackupRetention,
    backup_geo_redundancy::BackupGeoRedundancy,
    backup_cross_region_restore::BackupCrossRegionRestore,
    backup_vault_deletion_protection::BackupVaultDeletionProtection,
    vault_policy_objectives::VaultPolicyObjectives,
}

pub(in crate::rules) mod verdicts;

/// The vault backups of a resource and how messages name it.
pub(super) fn backups(facts: &Facts) -> Option<(&[Backup], &'static str)> {
    match facts {
        Facts::FlexibleServer(server) => Some((&server.backups, server.engine.service())),
        _ => facts
            .protected()
            .map(|protected| (protected.protections.backups.as_slice(), protected.noun)),
    }
}

/// `through azurerm_backup_protected_vm.web` (`, which backs up azurerm_linux_virtual_machine.vm,
/// to which it is attached`).
pub(super) fn through(backup: &Backup) -> String {
    match &backup.through {
        Some(holder) => format!(
            "through {}, which backs up {holder}, the virtual machine it is attached to",
            backup.link
        ),
        None => format!("through {}", backup.link),
    }
}

#[cfg(test)]
pub(crate) mod fixtures;

pub(in crate::rules) use backup_retention::reach_verdict;
