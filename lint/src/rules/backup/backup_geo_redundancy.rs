//! The `backup-geo-redundancy` rule.

use super::through;
use crate::rules::{Check, Facts, Rule};
use drkit_model::facts::protection::Redundancy;
use drkit_model::facts::Observed;

declare_rule! {
    /// ## What it checks
    /// Where the tier requires geo-redundancy, the backups protecting a virtual machine, file
    /// share, managed disk or AKS cluster must survive the loss of its region:
    ///
    /// - backups kept in the vault follow the vault's storage:
    ///   [`azurerm_recovery_services_vault`](https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/recovery_services_vault)
    ///   `storage_mode_type` ("Defaults to `GeoRedundant`") or
    ///   [`azurerm_data_protection_backup_vault`](https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/data_protection_backup_vault)
    ///   `redundancy` (required); `LocallyRedundant` and `ZoneRedundant` are errors;
    /// - backups kept only in the operational store stay with the source, in its region, and
    ///   never satisfy geo-redundancy: disk snapshots ("Azure Disk backup supports only
    ///   Operational Tier backup", <https://learn.microsoft.com/azure/backup/disk-backup-overview>),
    ///   blob operational backup, AKS operational tier (the only `data_store_type` azurerm
    ///   accepts for AKS policies) and file share snapshots (`backup_tier = "snapshot"`, the
    ///   default), which are as geo-redundant as the share's storage account.
    ///
    /// A virtual machine that Site Recovery replicates to another region is geo-redundant
    /// through the replication.
    ///
    /// ## Why it matters for recovery
    /// A regional outage takes a locally redundant vault, and every snapshot next to the disk,
    /// down with the resources they protect: the backup is there when it is not needed and gone
    /// when it is.
    ///
    /// ## How to fix
    /// Keep the backups in a geo-redundant vault (Azure lets the redundancy change only before
    /// the vault holds backups):
    ///
    /// ```hcl
    /// resource "azurerm_recovery_services_vault" "main" {
    ///   # ...
    ///   storage_mode_type            = "GeoRedundant"
    ///   cross_region_restore_enabled = true
    /// }
    /// ```
    pub struct BackupGeoRedundancy {
        name: "backup-geo-redundancy",
        summary: "The backups protecting a resource must be geo-redundant where its tier requires it.",
        facts: [VirtualMachine, FileShare, ManagedDisk, KubernetesCluster],
        requirement: GeoRedundancy,
    }
}

impl Rule for BackupGeoRedundancy {
    fn check(&self, facts: &Facts, cx: &mut Check<'_>) {
        let Some(protected) = facts.protected() else { return };
        if !cx.objective.geo_redundant || !protected.protections.replications.is_empty() {
            return;
        }
        for backup in &protected.protections.backups {
            let Some(policy) = &backup.policy else { continue };
            if !policy.keeps_in_vault() {
                match &protected.source_geo_redundant.observed {
                    Observed::Known(true) => continue,
                    Observed::Unknown => {
                        cx.unknown(protected.source_geo_redundant.at, "geo-redundancy", protected.source_geo_redundant.setting);
                        continue;
                    }
                    _ => {}
                }
                let message = format!(
                    "{} keeps the backups of this {} only in the operational store, next to it in its region, so they do not survive the region's loss; the {} requires geo-redundant backups: {}",
                    policy.address,
                    protected.noun,
                    cx.objective_source(),
                    policy.phrases.off_site,
                );
                cx.violation(policy.at, message);
                continue;
            }
            let Some(vault) = &policy.vault else {
                let message = format!(
                    "geo-redundancy could not be checked: the vault that {} names in {} is not in the scanned configuration; scan the folder that defines it too",
                    policy.address, policy.vault_setting
                );
                cx.note(policy.at, message);
                continue;
            };
            let redundancy = match &vault.redundancy.observed {
                Observed::Known(redundancy) | Observed::Default(redundancy) => *redundancy,
                Observed::Unknown => {
                    cx.unknown(vault.redundancy.at, "geo-redundancy", vault.redundancy.setting);
                    continue;
                }
                _ => continue,
            };
            if redundancy == Redundancy::GeoRedundant {
                continue;
            }
            let message = format!(
                "{} stores backups {} ({}), so the backups of this {} that {} makes {} are lost with the region; the {} requires geo-redundant backups; set {} (Azure lets the redundancy change only before the vault holds backups)",
                vault.address,
                redundancy.as_str(),
                vault.redundancy.setting,
                protected.noun,
                policy.address,
                through(backup),
                cx.objective_source(),
                vault.phrases.geo_redundant,
            );
            cx.violation(vault.redundancy.at, message);
        }
    }
}

#[cfg(test)]
use crate::rules::backup::fixtures::*;
#[cfg(test)]
pub(super) const CHANNELS: crate::rules::value_channels::Case = crate::rules::value_channels::Case {
    rule: "backup-geo-redundancy",
    address: "azurerm_linux_virtual_machine.web",
    pass: "\"GeoRedundant\"",
    fail: "\"LocallyRedundant\"",
    hcl: || vm_estate("  storage_mode_type = $V", &hourly_policy(""), ""),
    dynamic: None,
    plan: |v| vm_estate_plan(&format!(r#""storage_mode_type": {v}"#), HOURLY_POLICY_JSON, ""),
    plan_to_create: None,
};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::*;

    const RULE: &str = "backup-geo-redundancy";
    const VM: &str = "azurerm_linux_virtual_machine.web";

    #[test]
    fn the_default_vault_is_geo_redundant() {
        assert_clean(&lint_hcl(&vm_estate("", &hourly_policy(""), "")), RULE);
    }

    #[test]
    fn a_zone_redundant_vault_fails_production_and_passes_staging() {
        let f = lint_hcl(&vm_estate("  storage_mode_type = \"ZoneRedundant\"", &hourly_policy(""), ""));
        assert_error(&f, RULE, VM, &["azurerm_recovery_services_vault.vault stores backups ZoneRedundant", "azurerm_backup_policy_vm.policy", "through azurerm_backup_protected_vm.web", "production tier", "storage_mode_type = \"GeoRedundant\""]);
        assert_eq!(find(&f, RULE, VM)[0].location.line, 6, "{}", dump(&f));
        let f = lint_hcl(&vm_estate("  storage_mode_type = \"ZoneRedundant\"", &hourly_policy(""), "  tags = { env = \"stage\" }"));
        assert_clean(&f, RULE);
    }

    #[test]
    fn operational_only_backups_are_never_geo_redundant() {
        let src = backup_vault_estate(
            "  redundancy = \"GeoRedundant\"",
            "  backup_repeating_time_intervals = [\"R/2024-01-01T00:00:00+00:00/PT1H\"]\n  default_retention_duration = \"P30D\"",
            "  backup_repeating_time_intervals = [\"R/2024-01-01T00:00:00+00:00/PT4H\"]\n  default_retention_rule {\n    life_cycle {\n      data_store_type = \"OperationalStore\"\n      duration = \"P30D\"\n    }\n  }",
        );
        let f = lint_hcl(&src);
        assert_error(&f, RULE, "azurerm_managed_disk.data", &["only in the operational store", "disk snapshots never leave"]);
        assert_error(&f, RULE, "azurerm_kubernetes_cluster.aks", &["operational store", "dr_backup"]);
    }

    #[test]
    fn file_share_snapshots_follow_the_storage_account() {
        let share = |replication: &str, tier: &str| format!(
            r#"resource "azurerm_storage_account" "sa" {{
  name = "sa"
  account_replication_type = "{replication}"
}}
resource "azurerm_storage_share" "share" {{
  name               = "share"
  storage_account_id = azurerm_storage_account.sa.id
}}
resource "azurerm_recovery_services_vault" "vault" {{
  name = "rsv"
}}
resource "azurerm_backup_policy_file_share" "p" {{
  recovery_vault_name = azurerm_recovery_services_vault.vault.name
  {tier}
  backup {{
    frequency = "Daily"
  }}
  retention_daily {{
    count = 30
  }}
}}
resource "azurerm_backup_protected_file_share" "share" {{
  recovery_vault_name       = azurerm_recovery_services_vault.vault.name
  source_storage_account_id = azurerm_storage_account.sa.id
  source_file_share_name    = azurerm_storage_share.share.name
  backup_policy_id          = azurerm_backup_policy_file_share.p.id
}}
"#
        );
        let f = lint_hcl(&share("ZRS", ""));
        assert_error(&f, RULE, "azurerm_storage_share.share", &["operational store", "backup_tier = \"vault-standard\""]);
        assert_clean(&lint_hcl(&share("GZRS", "")), RULE);
        assert_clean(&lint_hcl(&share("ZRS", "backup_tier = \"vault-standard\"")), RULE);
    }

    #[test]
    fn plan_json_values() {
        let plan = vm_estate_plan(r#""storage_mode_type": "LocallyRedundant""#, HOURLY_POLICY_JSON, "");
        assert_error(&lint_plan(&plan), RULE, VM, &["LocallyRedundant"]);
    }
}
