//! The azurerm reader: resources of the `hashicorp/azurerm` provider turned into service facts.
//! This folder is the only place that knows azurerm's argument names, including those that
//! changed between azurerm 3.x, 4.x and 5.x; every name a reader looks up is written here.

mod container_registry;
mod cosmosdb;
mod flexible_server;
mod key_vault;
mod mssql_database;
mod protected;
mod protection;
mod redis;
mod storage_account;

use drkit_model::facts::FactsKind;

use super::Reader;

/// How messages name this source ("the azurerm default").
pub(crate) const SOURCE: &str = "azurerm";

/// Every azurerm resource type drlint reads, with the facts it yields and its reader.
pub(super) const READERS: &[(&str, FactsKind, Reader)] = &[
    ("azurerm_key_vault", FactsKind::KeyVault, key_vault::read),
    (
        "azurerm_cosmosdb_account",
        FactsKind::CosmosDb,
        cosmosdb::read,
    ),
    ("azurerm_redis_cache", FactsKind::Redis, redis::read),
    (
        "azurerm_postgresql_flexible_server",
        FactsKind::FlexibleServer,
        flexible_server::read,
    ),
    (
        "azurerm_mysql_flexible_server",
        FactsKind::FlexibleServer,
        flexible_server::read,
    ),
    (
        "azurerm_mssql_database",
        FactsKind::MssqlDatabase,
        mssql_database::read,
    ),
    (
        "azurerm_storage_account",
        FactsKind::StorageAccount,
        storage_account::read,
    ),
    (
        "azurerm_container_registry",
        FactsKind::ContainerRegistry,
        container_registry::read,
    ),
    (
        "azurerm_linux_virtual_machine",
        FactsKind::VirtualMachine,
        protected::virtual_machine,
    ),
    (
        "azurerm_windows_virtual_machine",
        FactsKind::VirtualMachine,
        protected::virtual_machine,
    ),
    (
        "azurerm_virtual_machine",
        FactsKind::VirtualMachine,
        protected::virtual_machine,
    ),
    (
        "azurerm_storage_share",
        FactsKind::FileShare,
        protected::file_share,
    ),
    (
        "azurerm_managed_disk",
        FactsKind::ManagedDisk,
        protected::managed_disk,
    ),
    (
        "azurerm_kubernetes_cluster",
        FactsKind::KubernetesCluster,
        protected::kubernetes_cluster,
    ),
    (
        "azurerm_backup_policy_vm",
        FactsKind::VaultPolicy,
        protected::vault_policy,
    ),
    (
        "azurerm_backup_policy_vm_workload",
        FactsKind::VaultPolicy,
        protected::vault_policy,
    ),
    (
        "azurerm_backup_policy_file_share",
        FactsKind::VaultPolicy,
        protected::vault_policy,
    ),
    (
        "azurerm_data_protection_backup_policy_disk",
        FactsKind::VaultPolicy,
        protected::vault_policy,
    ),
    (
        "azurerm_data_protection_backup_policy_blob_storage",
        FactsKind::VaultPolicy,
        protected::vault_policy,
    ),
    (
        "azurerm_data_protection_backup_policy_postgresql_flexible_server",
        FactsKind::VaultPolicy,
        protected::vault_policy,
    ),
    (
        "azurerm_data_protection_backup_policy_mysql_flexible_server",
        FactsKind::VaultPolicy,
        protected::vault_policy,
    ),
    (
        "azurerm_data_protection_backup_policy_kubernetes_cluster",
        FactsKind::VaultPolicy,
        protected::vault_policy,
    ),
];
