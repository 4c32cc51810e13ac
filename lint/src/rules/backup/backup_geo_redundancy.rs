//! The `backup-geo-redundancy` rule.

use super::through;
use super::verdicts::{judge_active, report, Verdict};
use crate::rules::{Check, Facts, Rule};
use drkit_model::facts::protection::{Backup, Protected, Redundancy};
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
    /// through the replication; a replication whose source and target fabrics
    /// (`azurerm_site_recovery_fabric`) are both in the same `location` (zone to zone) is not.
    /// With several backups, one that survives the region is enough.
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
        if !cx.objective.geo_redundant {
            return;
        }
        // Site Recovery to another region keeps a copy of the machine there.
        let replicated_away = protected
            .protections
            .replications
            .iter()
            .any(|replication| !replication.same_region);
        if replicated_away {
            return;
        }
        let address = cx.address();
        let verdicts = judge_active(&protected.protections.backups, |backup| {
            verdict(backup, protected, &address)
        });
        report(cx, "geo-redundancy", verdicts, |cx, backup, failure| {
            let Some(policy) = &backup.policy else { return };
            match failure {
                Failure::OperationalOnly => {
                    let message = format!(
                        "{} keeps the backups of {} only in the operational store, next to it in its region, so they do not survive the region's loss; the {} requires geo-redundant backups: {}",
                        policy.address,
                        cx.address(),
                        cx.objective_source(),
                        policy.phrases.off_site,
                    );
                    cx.violation(policy.at, message);
                }
                Failure::Vault(redundancy) => {
                    let Some(vault) = &policy.vault else { return };
                    let message = format!(
                        "{} stores backups {} ({}), so the backups of {} that {} makes {} are lost with the region; the {} requires geo-redundant backups; set {} (Azure lets the redundancy change only before the vault holds backups)",
                        vault.address,
                        redundancy.as_str(),
                        vault.redundancy.setting,
                        cx.address(),
                        policy.address,
                        through(backup),
                        cx.objective_source(),
                        vault.phrases.geo_redundant,
                    );
                    cx.violation(vault.redundancy.at, message);
                }
            }
        });
    }
}

/// Why a backup is not geo-redundant.
enum Failure {
    /// Kept only with the source, in its region.
    OperationalOnly,
    /// In a vault whose storage stays in the region.
    Vault(Redundancy),
}

fn verdict(backup: &Backup, protected: &Protected, address: &str) -> Verdict<Failure> {
    let Some(policy) = &backup.policy else {
        return Verdict::policy_outside(backup, "geo-redundancy", address);
    };
    if !policy.keeps_in_vault() {
        let source = &protected.source_geo_redundant;
        return match source.observed {
            Observed::Known(true) => Verdict::Meets,
            Observed::Unknown | Observed::Invalid => Verdict::Unknown(source.setting, source.at),
            _ => Verdict::Fails(Failure::OperationalOnly),
        };
    }
    let Some(vault) = &policy.vault else {
        return Verdict::Outside(
            policy.at,
            format!(
                "the geo-redundancy of {address} could not be checked: the vault that {} names in {} is not in the scanned configuration; scan the folder that defines it too",
                policy.address, policy.vault_setting
            ),
        );
    };
    match vault.redundancy.observed {
        Observed::Known(Redundancy::GeoRedundant) | Observed::Default(Redundancy::GeoRedundant) => {
            Verdict::Meets
        }
        Observed::Known(redundancy) | Observed::Default(redundancy) => {
            Verdict::Fails(Failure::Vault(redundancy))
        }
        Observed::Unknown => Verdict::Unknown(vault.redundancy.setting, vault.redundancy.at),
        // Not set or not a value azurerm accepts: azurerm refuses the vault.
        Observed::Absent | Observed::Invalid => Verdict::Meets,
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
    fn zone_to_zone_replication_is_not_geo_redundant() {
        let replicated = |target: &str| format!(
            r#"{}
resource "azurerm_site_recovery_fabric" "source" {{
  location = "westeurope"
}}
resource "azurerm_site_recovery_fabric" "target" {{
  location = "{target}"
}}
resource "azurerm_site_recovery_replicated_vm" "web" {{
  source_vm_id              = azurerm_linux_virtual_machine.web.id
  source_recovery_fabric_id = azurerm_site_recovery_fabric.source.id
  target_recovery_fabric_id = azurerm_site_recovery_fabric.target.id
}}
"#,
            vm_estate("  storage_mode_type = \"ZoneRedundant\"", &hourly_policy(""), "")
        );
        assert_error(&lint_hcl(&replicated("West Europe")), RULE, VM, &["ZoneRedundant"]);
        assert_clean(&lint_hcl(&replicated("northeurope")), RULE);
    }

    #[test]
    fn a_share_in_an_account_outside_the_scan_cannot_be_judged() {
        let src = r#"data "azurerm_storage_account" "sa" {
  name                = "shared"
  resource_group_name = "rg"
}
resource "azurerm_storage_share" "share" {
  name               = "share"
  storage_account_id = data.azurerm_storage_account.sa.id
}
resource "azurerm_recovery_services_vault" "vault" {
  name = "rsv"
}
resource "azurerm_backup_policy_file_share" "p" {
  recovery_vault_name = azurerm_recovery_services_vault.vault.name
  backup {
    frequency = "Daily"
  }
  retention_daily {
    count = 30
  }
}
resource "azurerm_backup_protected_file_share" "share" {
  source_file_share_name = azurerm_storage_share.share.name
  backup_policy_id       = azurerm_backup_policy_file_share.p.id
}
"#;
        let f = lint_hcl(src);
        assert_clean(&f, RULE);
        assert_info(&f, RULE);
    }

    #[test]
    fn plan_json_values() {
        let plan = vm_estate_plan(r#""storage_mode_type": "LocallyRedundant""#, HOURLY_POLICY_JSON, "");
        assert_error(&lint_plan(&plan), RULE, VM, &["LocallyRedundant"]);
    }
}
