//! Storage accounts: replication across regions and soft delete of blobs and containers.

use super::Fact;

#[derive(Debug, Clone)]
pub struct StorageAccount {
    /// The source's name, in messages: `azurerm`.
    pub source: &'static str,
    pub phrases: &'static StorageAccountPhrases,
    /// The replication type as written (`LRS`, `ZRS`, `GRS`, `RAGRS`, `GZRS`, `RAGZRS`).
    pub replication_type: Fact<String>,
    /// Days deleted blobs are kept; absent when blob soft delete is off.
    pub blob_soft_delete_days: Fact<f64>,
    /// Days deleted containers are kept; absent when container soft delete is off.
    pub container_soft_delete_days: Fact<f64>,
}

/// How the source names and writes soft delete, for the messages of the storage rules.
#[derive(Debug, Clone)]
pub struct StorageAccountPhrases {
    /// The setting that turns blob soft delete on: `delete_retention_policy`.
    pub blob_soft_delete: &'static str,
    /// The setting that turns container soft delete on: `container_delete_retention_policy`.
    pub container_soft_delete: &'static str,
    /// Turning blob soft delete on for 30 days.
    pub enable_blob_soft_delete: &'static str,
    /// Turning container soft delete on for 30 days.
    pub enable_container_soft_delete: &'static str,
}
