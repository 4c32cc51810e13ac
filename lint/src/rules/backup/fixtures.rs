//! Estates the backup rules' tests share: a virtual machine protected by a Recovery Services VM
//! policy, and resources protected through Backup vault policies, in HCL and as plan JSON.

use crate::rules::testing::plan_json;

/// A Linux VM (`azurerm_linux_virtual_machine.web`) protected through
/// `azurerm_backup_protected_vm.web` by `azurerm_backup_policy_vm.policy` in
/// `azurerm_recovery_services_vault.vault`, with the bodies given.
pub(crate) fn vm_estate(vault: &str, policy: &str, vm: &str) -> String {
    format!(
        r#"resource "azurerm_recovery_services_vault" "vault" {{
  name                = "rsv-prod"
  location            = "westeurope"
  resource_group_name = "rg"
  sku                 = "Standard"
{vault}
}}

resource "azurerm_backup_policy_vm" "policy" {{
  name                = "vm-policy"
  resource_group_name = "rg"
  recovery_vault_name = azurerm_recovery_services_vault.vault.name
{policy}
}}

resource "azurerm_linux_virtual_machine" "web" {{
  name     = "web"
  location = "westeurope"
{vm}
}}

resource "azurerm_backup_protected_vm" "web" {{
  resource_group_name = "rg"
  recovery_vault_name = azurerm_recovery_services_vault.vault.name
  source_vm_id        = azurerm_linux_virtual_machine.web.id
  backup_policy_id    = azurerm_backup_policy_vm.policy.id
}}
"#
    )
}

/// An hourly V2 policy body every 4 hours keeping 30 daily backups, with `extra` lines.
pub(crate) fn hourly_policy(extra: &str) -> String {
    format!(
        r#"  policy_type = "V2"
  backup {{
    frequency     = "Hourly"
    time          = "00:00"
    hour_interval = 4
    hour_duration = 24
  }}
  retention_daily {{
    count = 30
  }}
{extra}"#
    )
}

/// The same estate as plan JSON of resources that exist (known IDs), with the values given as
/// JSON object members.
pub(crate) fn vm_estate_plan(vault: &str, policy: &str, vm: &str) -> String {
    let join = |base: &str, extra: &str| {
        if extra.trim().is_empty() {
            format!("{{{base}}}")
        } else {
            format!("{{{base}, {extra}}}")
        }
    };
    plan_json(&[
        (
            "azurerm_recovery_services_vault.vault",
            "azurerm_recovery_services_vault",
            "vault",
            &join(
                r#""id": "/subscriptions/0/resourceGroups/rg/providers/Microsoft.RecoveryServices/vaults/rsv-prod", "name": "rsv-prod""#,
                vault,
            ),
        ),
        (
            "azurerm_backup_policy_vm.policy",
            "azurerm_backup_policy_vm",
            "policy",
            &join(
                r#""id": "/subscriptions/0/resourceGroups/rg/providers/Microsoft.RecoveryServices/vaults/rsv-prod/backupPolicies/vm-policy", "name": "vm-policy", "recovery_vault_name": "rsv-prod""#,
                policy,
            ),
        ),
        (
            "azurerm_linux_virtual_machine.web",
            "azurerm_linux_virtual_machine",
            "web",
            &join(
                r#""id": "/subscriptions/0/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/web", "name": "web""#,
                vm,
            ),
        ),
        (
            "azurerm_backup_protected_vm.web",
            "azurerm_backup_protected_vm",
            "web",
            r#"{"recovery_vault_name": "rsv-prod", "source_vm_id": "/subscriptions/0/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/web", "backup_policy_id": "/subscriptions/0/resourceGroups/rg/providers/Microsoft.RecoveryServices/vaults/rsv-prod/backupPolicies/vm-policy"}"#,
        ),
    ])
}

/// The plan JSON members of the hourly policy above.
pub(crate) const HOURLY_POLICY_JSON: &str = r#""policy_type": "V2", "backup": [{"frequency": "Hourly", "time": "00:00", "hour_interval": 4, "hour_duration": 24}], "retention_daily": [{"count": 30}]"#;

/// A managed disk (`azurerm_managed_disk.data`) and an AKS cluster
/// (`azurerm_kubernetes_cluster.aks`) backed up into `azurerm_data_protection_backup_vault.vault`
/// through disk and Kubernetes policies, with the bodies given.
pub(crate) fn backup_vault_estate(vault: &str, disk_policy: &str, aks_policy: &str) -> String {
    format!(
        r#"resource "azurerm_data_protection_backup_vault" "vault" {{
  name                = "bv-prod"
  resource_group_name = "rg"
  location            = "westeurope"
  datastore_type      = "VaultStore"
{vault}
}}

resource "azurerm_data_protection_backup_policy_disk" "disk" {{
  name     = "disk-policy"
  vault_id = azurerm_data_protection_backup_vault.vault.id
{disk_policy}
}}

resource "azurerm_managed_disk" "data" {{
  name                 = "data"
  storage_account_type = "Premium_ZRS"
  create_option        = "Empty"
  disk_size_gb         = 128
}}

resource "azurerm_data_protection_backup_instance_disk" "data" {{
  name                         = "data"
  location                     = "westeurope"
  vault_id                     = azurerm_data_protection_backup_vault.vault.id
  disk_id                      = azurerm_managed_disk.data.id
  snapshot_resource_group_name = "rg-snapshots"
  backup_policy_id             = azurerm_data_protection_backup_policy_disk.disk.id
}}

resource "azurerm_data_protection_backup_policy_kubernetes_cluster" "aks" {{
  name                = "aks-policy"
  resource_group_name = "rg"
  vault_name          = azurerm_data_protection_backup_vault.vault.name
{aks_policy}
}}

resource "azurerm_kubernetes_cluster" "aks" {{
  name = "aks"
}}

resource "azurerm_data_protection_backup_instance_kubernetes_cluster" "aks" {{
  name                         = "aks"
  location                     = "westeurope"
  vault_id                     = azurerm_data_protection_backup_vault.vault.id
  kubernetes_cluster_id        = azurerm_kubernetes_cluster.aks.id
  snapshot_resource_group_name = "rg-snapshots"
  backup_policy_id             = azurerm_data_protection_backup_policy_kubernetes_cluster.aks.id
}}
"#
    )
}

/// The VM estate as plan JSON of resources still to be created: IDs unknown, the links'
/// arguments known only through the plan's `configuration` references.
pub(crate) fn vm_estate_plan_to_create(policy: &str, vm: &str) -> String {
    use crate::rules::value_channels::{json, to_create};
    let object = |extra: &str| {
        if extra.trim().is_empty() {
            "{}".to_string()
        } else {
            format!("{{{extra}}}")
        }
    };
    let plan = plan_json(&[
        (
            "azurerm_recovery_services_vault.vault",
            "azurerm_recovery_services_vault",
            "vault",
            r#"{"name": "rsv-prod"}"#,
        ),
        (
            "azurerm_backup_policy_vm.policy",
            "azurerm_backup_policy_vm",
            "policy",
            &object(policy),
        ),
        (
            "azurerm_linux_virtual_machine.web",
            "azurerm_linux_virtual_machine",
            "web",
            &object(vm),
        ),
        (
            "azurerm_backup_protected_vm.web",
            "azurerm_backup_protected_vm",
            "web",
            "{}",
        ),
    ]);
    let reference =
        |to: &str, attribute: &str| json!({"references": [format!("{to}.{attribute}"), to]});
    to_create(
        &plan,
        &[
            (
                "azurerm_backup_policy_vm.policy",
                json!({"recovery_vault_name": true}),
            ),
            (
                "azurerm_backup_protected_vm.web",
                json!({"source_vm_id": true, "backup_policy_id": true, "recovery_vault_name": true}),
            ),
        ],
        json!({"root_module": {"resources": [
            {
                "address": "azurerm_backup_policy_vm.policy", "mode": "managed", "type": "azurerm_backup_policy_vm", "name": "policy",
                "expressions": {"recovery_vault_name": reference("azurerm_recovery_services_vault.vault", "name")}
            },
            {
                "address": "azurerm_backup_protected_vm.web", "mode": "managed", "type": "azurerm_backup_protected_vm", "name": "web",
                "expressions": {
                    "recovery_vault_name": reference("azurerm_recovery_services_vault.vault", "name"),
                    "source_vm_id": reference("azurerm_linux_virtual_machine.web", "id"),
                    "backup_policy_id": reference("azurerm_backup_policy_vm.policy", "id")
                }
            }
        ]}}),
    )
}
