//! Azure SQL databases: short- and long-term backup retention, backup storage redundancy and
//! the failover groups that list the database.

use super::{Anchor, Fact};

#[derive(Debug, Clone)]
pub struct MssqlDatabase {
    /// The source's name, in messages: `azurerm`.
    pub source: &'static str,
    /// The source's resource type, in messages: `azurerm_mssql_database`.
    pub kind: &'static str,
    pub phrases: &'static MssqlPhrases,
    /// Days of point-in-time restore.
    pub short_term_retention_days: Fact<f64>,
    /// Long-term retention: where it is configured (the resource when it is not).
    pub long_term_retention_at: Anchor,
    /// ISO 8601 durations as written (`P1Y`), each absent when not configured.
    pub weekly_retention: Fact<String>,
    pub monthly_retention: Fact<String>,
    pub yearly_retention: Fact<String>,
    /// Backup storage redundancy as written (`Geo`, `GeoZone`, `Zone`, `Local`).
    pub backup_storage_redundancy: Fact<String>,
    /// The failover groups that refer to this database.
    pub failover_groups: Vec<SqlFailoverGroup>,
}

/// A failover group that refers to the database.
#[derive(Debug, Clone)]
pub struct SqlFailoverGroup {
    /// Its address, in messages.
    pub address: String,
    /// Whether it lists the database among the databases it fails over (rather than naming it
    /// some other way).
    pub lists_database: bool,
    /// The read-write failover mode as written (`Automatic`, `Manual`); absent when the group
    /// states no read-write failover policy.
    pub mode: Fact<String>,
    /// Minutes an outage lasts before an automatic failover starts.
    pub grace_minutes: Fact<f64>,
}

/// How the source writes the fixes the Azure SQL rules suggest.
#[derive(Debug, Clone)]
pub struct MssqlPhrases {
    /// The resource that makes a failover group: `azurerm_mssql_failover_group`.
    pub failover_group: &'static str,
    /// An automatic read-write failover policy.
    pub automatic_failover_policy: &'static str,
    /// Where long-term retention is configured: `long_term_retention_policy`.
    pub long_term_retention: &'static str,
    /// Long-term retention keeping yearly backups for that many years.
    pub add_yearly_retention: fn(u64) -> String,
}
