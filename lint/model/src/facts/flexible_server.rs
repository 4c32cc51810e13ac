//! Azure Database for PostgreSQL and MySQL flexible servers: backup retention and geo-redundant
//! backups.

use super::protection::Backup;
use super::Fact;

/// The database engine of a flexible server.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Engine {
    PostgreSql,
    MySql,
}

impl Engine {
    /// The service's name in messages.
    pub fn service(self) -> &'static str {
        match self {
            Engine::PostgreSql => "PostgreSQL flexible server",
            Engine::MySql => "MySQL flexible server",
        }
    }
}

#[derive(Debug, Clone)]
pub struct FlexibleServer {
    /// The source's name, in messages: `azurerm`.
    pub source: &'static str,
    /// The source's resource type, in messages: `azurerm_postgresql_flexible_server`.
    pub kind: &'static str,
    pub engine: Engine,
    /// Days backups are kept (point-in-time restore window).
    pub backup_retention_days: Fact<f64>,
    /// Whether backups are copied to the paired region.
    pub geo_redundant_backup: Fact<bool>,
    /// Backup vault (Data Protection) backups of the server: its long-term retention.
    pub backups: Vec<Backup>,
}
