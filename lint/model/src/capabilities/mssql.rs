//! `azurerm_mssql_database`.
//! <https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/mssql_database>

use super::IntRange;
use crate::duration::Duration;

/// `short_term_retention_policy.retention_days`: "Point In Time Restore configuration.
/// Value has to be between `1` and `35`."
pub const SHORT_TERM_RETENTION_DAYS: IntRange = IntRange::new(1, 35);
/// Azure's default when no policy is set: "7 days by default, Up to 35 days".
/// <https://learn.microsoft.com/azure/azure-sql/database/automated-backups-overview>
pub const DEFAULT_SHORT_TERM_RETENTION_DAYS: u64 = 7;
/// "`storage_account_type` ... Possible values are `Geo`, `GeoZone`, `Local` and `Zone`.
/// Defaults to `Geo`."
pub const STORAGE_ACCOUNT_TYPES: [&str; 4] = ["Geo", "GeoZone", "Local", "Zone"];
pub const GEO_REDUNDANT_STORAGE_ACCOUNT_TYPES: [&str; 2] = ["Geo", "GeoZone"];
pub const DEFAULT_STORAGE_ACCOUNT_TYPE: &str = "Geo";
/// Point-in-time restore: "Recovery Point Objective (RPO): 10 minutes, based on compute
/// size and amount of database activity" (transaction log backups every 10 minutes).
/// <https://learn.microsoft.com/azure/azure-sql/database/automated-backups-overview>
pub const POINT_IN_TIME_RPO: Duration = Duration::from_minutes(10);
/// `azurerm_mssql_failover_group` `read_write_endpoint_failover_policy.mode`: "Possible
/// values are `Automatic` or `Manual`"; `grace_minutes` is "Required when `mode` is
/// `Automatic`".
/// <https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/mssql_failover_group>
pub const FAILOVER_MODES: [&str; 2] = ["Automatic", "Manual"];
pub const AUTOMATIC_FAILOVER_MODE: &str = FAILOVER_MODES[0];
