//! The `backup-vault-deletion-protection` rule.

use super::{backups, through};
use crate::rules::{Check, Facts, Rule};
use drkit_model::facts::protection::Immutability;
use drkit_model::facts::Observed;
use drkit_model::Duration;

/// From this retention on, a tier keeps backups as an archive and immutability is worth a note.
const ARCHIVE_RETENTION: Duration = Duration::from_days(365);

declare_rule! {
    /// ## What it checks
    /// Where the tier requires deletion protection, the vault holding the backups of a virtual
    /// machine, file share, managed disk, AKS cluster or flexible server must keep deleted
    /// backups recoverable:
    ///
    /// - [`azurerm_recovery_services_vault`](https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/recovery_services_vault)
    ///   `soft_delete_enabled = false` is an error (azurerm 3.x, "Defaults to `true`"; deprecated
    ///   in 4.x; removed in 5.0, where soft delete is always on);
    /// - [`azurerm_data_protection_backup_vault`](https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/data_protection_backup_vault)
    ///   `soft_delete = "Off"` is an error ("Defaults to `On`").
    ///
    /// For a tier that keeps backups a year or more (`archive`), a vault whose `immutability` is
    /// `Disabled` (the default) gets a note: immutability (`Unlocked`, or `Locked`, which cannot
    /// be undone) stops anyone deleting a recovery point before it expires.
    ///
    /// ## Why it matters for recovery
    /// Ransomware and disgruntled admins delete backups first. Soft delete keeps deleted backup
    /// data for 14 days so that it can be undeleted; an immutable vault refuses the deletion
    /// outright, which is what compliance archives need.
    ///
    /// ## How to fix
    /// ```hcl
    /// resource "azurerm_data_protection_backup_vault" "main" {
    ///   # ...
    ///   soft_delete  = "On"
    ///   immutability = "Unlocked"
    /// }
    /// ```
    pub struct BackupVaultDeletionProtection {
        name: "backup-vault-deletion-protection",
        summary: "The vault holding a resource's backups must keep deleted backups recoverable.",
        facts: [VirtualMachine, FileShare, ManagedDisk, KubernetesCluster, FlexibleServer],
        requirement: DeletionProtection,
    }
}

impl Rule for BackupVaultDeletionProtection {
    fn check(&self, facts: &Facts, cx: &mut Check<'_>) {
        let Some((backups, _)) = backups(facts) else { return };
        if !cx.objective.deletion_protection {
            return;
        }
        let archive = cx
            .objective
            .retention
            .is_some_and(|retention| retention >= ARCHIVE_RETENTION);
        for backup in backups.iter().filter(|backup| backup.is_active()) {
            let Some(policy) = &backup.policy else { continue };
            let Some(vault) = &policy.vault else { continue };
            match vault.soft_delete.observed {
                Observed::Known(false) => {
                    let message = format!(
                        "{} has soft delete turned off ({}), so a deleted backup of {} ({} {}) is gone at once; the {} requires deletion protection; set {}",
                        vault.address,
                        vault.soft_delete.setting,
                        cx.address(),
                        policy.address,
                        through(backup),
                        cx.objective_source(),
                        vault.phrases.soft_delete,
                    );
                    cx.violation(vault.soft_delete.at, message);
                }
                Observed::Unknown => {
                    cx.unknown(vault.soft_delete.at, "deletion protection", vault.soft_delete.setting);
                }
                _ => {}
            }
            if archive && vault.immutability.value() == Some(&Immutability::Disabled) {
                let message = format!(
                    "{} is not immutable, so the backups of {} ({} {}) that the {} keeps for {} can be deleted before they expire; consider {}",
                    vault.address,
                    cx.address(),
                    policy.address,
                    through(backup),
                    cx.objective_source(),
                    cx.objective.retention.unwrap_or(ARCHIVE_RETENTION),
                    vault.phrases.immutability,
                );
                cx.note(vault.immutability.at, message);
            }
        }
    }
}

#[cfg(test)]
use crate::rules::backup::fixtures::*;
#[cfg(test)]
pub(super) const CHANNELS: crate::rules::value_channels::Case = crate::rules::value_channels::Case {
    rule: "backup-vault-deletion-protection",
    address: "azurerm_linux_virtual_machine.web",
    pass: "true",
    fail: "false",
    hcl: || vm_estate("  soft_delete_enabled = $V", &hourly_policy(""), ""),
    dynamic: None,
    plan: |v| vm_estate_plan(&format!(r#""soft_delete_enabled": {v}"#), HOURLY_POLICY_JSON, ""),
    plan_to_create: None,
};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::*;

    const RULE: &str = "backup-vault-deletion-protection";

    #[test]
    fn soft_delete_off_fails_production_not_staging() {
        let f = lint_hcl(&vm_estate("  soft_delete_enabled = false", &hourly_policy(""), ""));
        assert_error(&f, RULE, "azurerm_linux_virtual_machine.web", &["soft delete turned off (soft_delete_enabled)", "production tier", "soft_delete_enabled = true"]);
        let f = lint_hcl(&vm_estate("  soft_delete_enabled = false", &hourly_policy(""), "  tags = { env = \"dev\" }"));
        assert_clean(&f, RULE);
    }

    #[test]
    fn backup_vaults_and_flexible_servers() {
        let src = format!(
            r#"resource "azurerm_data_protection_backup_vault" "v" {{
  redundancy  = "GeoRedundant"
  soft_delete = "Off"
}}
resource "azurerm_data_protection_backup_policy_postgresql_flexible_server" "p" {{
  vault_id = azurerm_data_protection_backup_vault.v.id
  backup_repeating_time_intervals = ["R/2024-01-07T02:00:00+00:00/P1W"]
  default_retention_rule {{
    life_cycle {{
      data_store_type = "VaultStore"
      duration        = "P7Y"
    }}
  }}
}}
resource "azurerm_postgresql_flexible_server" "db" {{
  backup_retention_days = 35
  {}
}}
resource "azurerm_data_protection_backup_instance_postgresql_flexible_server" "db" {{
  vault_id         = azurerm_data_protection_backup_vault.v.id
  server_id        = azurerm_postgresql_flexible_server.db.id
  backup_policy_id = azurerm_data_protection_backup_policy_postgresql_flexible_server.p.id
}}
"#,
            "tags = { dr_tier = \"archive\" }"
        );
        let f = lint_hcl(&src);
        assert_error(&f, RULE, "azurerm_postgresql_flexible_server.db", &["soft delete turned off (soft_delete)", "azurerm_postgresql_flexible_server.db (azurerm_data_protection_backup_policy_postgresql_flexible_server.p through azurerm_data_protection_backup_instance_postgresql_flexible_server.db)", "soft_delete = \"On\""]);
        let notes: Vec<_> = find(&f, RULE, "azurerm_postgresql_flexible_server.db").into_iter().filter(|x| x.severity == crate::finding::Severity::Info).collect();
        assert_eq!(notes.len(), 1, "{}", dump(&f));
        assert!(notes[0].message.contains("not immutable") && notes[0].message.contains("7y"), "{}", notes[0].message);
        let locked = src.replace("soft_delete = \"Off\"", "immutability = \"Locked\"");
        assert!(find(&lint_hcl(&locked), RULE, "azurerm_postgresql_flexible_server.db").is_empty());
    }

    #[test]
    fn plan_json_values() {
        let plan = vm_estate_plan(r#""soft_delete_enabled": false"#, HOURLY_POLICY_JSON, "");
        assert_error(&lint_plan(&plan), RULE, "azurerm_linux_virtual_machine.web", &["soft delete turned off"]);
    }
}
