//! Storage accounts: replication across regions and soft delete of blobs and containers.

use super::Fact;

#[derive(Debug, Clone, PartialEq)]
pub struct StorageAccount {
    /// The source's name, in messages: `azurerm`.
    pub source: &'static str,
    /// The replication type as written (`LRS`, `ZRS`, `GRS`, `RAGRS`, `GZRS`, `RAGZRS`).
    pub replication_type: Fact<String>,
    /// Days deleted blobs are kept; absent when blob soft delete is off.
    pub blob_soft_delete_days: Fact<f64>,
    /// Days deleted containers are kept; absent when container soft delete is off.
    pub container_soft_delete_days: Fact<f64>,
}
