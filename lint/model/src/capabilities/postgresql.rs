//! `azurerm_postgresql_flexible_server`.
//! <https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/postgresql_flexible_server>

use super::IntRange;
use crate::duration::Duration;

/// "`backup_retention_days` ... Possible values are between `7` and `35` days."
pub const BACKUP_RETENTION_DAYS: IntRange = IntRange::new(7, 35);
/// azurerm leaves it to Azure: "The default backup retention period is 7 days, but you can
/// extend the period to a maximum of 35 days."
/// <https://learn.microsoft.com/azure/postgresql/flexible-server/concepts-backup-restore>
pub const DEFAULT_BACKUP_RETENTION_DAYS: u64 = 7;
/// "`geo_redundant_backup_enabled` ... Defaults to `false`."
pub const DEFAULT_GEO_REDUNDANT_BACKUP_ENABLED: bool = false;
/// "In general, the delay (recovery point objective, or RPO) can be up to 5 minutes."
/// <https://learn.microsoft.com/azure/postgresql/flexible-server/concepts-backup-restore>
pub const POINT_IN_TIME_RPO: Duration = Duration::from_minutes(5);
