//! Cosmos DB accounts: their backup (periodic or continuous), the regions they replicate to and
//! automatic failover between them.

use super::Fact;
use crate::capabilities::cosmosdb::BackupType;

#[derive(Debug, Clone)]
pub struct CosmosDbAccount {
    /// The source's name, in messages: `azurerm`.
    pub source: &'static str,
    pub phrases: &'static CosmosDbPhrases,
    /// Whether the source configures the backup at all (else the service's default periodic
    /// backup applies).
    pub backup_configured: bool,
    pub backup_type: Fact<BackupType>,
    /// Periodic backup: minutes between backups.
    pub interval_minutes: Fact<f64>,
    /// Periodic backup: hours a backup is kept.
    pub retention_hours: Fact<f64>,
    /// Periodic backup: where backups are stored (`Geo`, `Zone`, `Local`), as written.
    pub storage_redundancy: Fact<String>,
    /// Continuous backup: the tier name as written (`Continuous7Days`, `Continuous30Days`).
    pub continuous_tier: Fact<String>,
    /// The account's regions, normalised, without duplicates.
    pub regions: Fact<Vec<String>>,
    pub automatic_failover: Fact<bool>,
}

/// How the source writes the fixes the Cosmos DB rules suggest.
#[derive(Debug, Clone)]
pub struct CosmosDbPhrases {
    /// Switching to continuous backup: `backup { type = "Continuous" }`.
    pub continuous_backup: &'static str,
    /// What applies when no backup is configured: `no backup block: the default periodic backup`.
    pub default_backup: &'static str,
    /// Adding a region: `add a second geo_location region`.
    pub add_region: &'static str,
    /// Turning automatic failover on.
    pub enable_automatic_failover: &'static str,
}
