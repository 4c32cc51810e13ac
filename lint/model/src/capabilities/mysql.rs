//! `azurerm_mysql_flexible_server`.
//! <https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/mysql_flexible_server>

use super::IntRange;
use crate::duration::Duration;

/// "`backup_retention_days` ... Possible values are between `1` and `35` days. Defaults to
/// `7`."
pub const BACKUP_RETENTION_DAYS: IntRange = IntRange::new(1, 35);
pub const DEFAULT_BACKUP_RETENTION_DAYS: u64 = 7;
/// "`geo_redundant_backup_enabled` - (Optional) Should geo redundant backup enabled?
/// Defaults to `false`."
pub const DEFAULT_GEO_REDUNDANT_BACKUP_ENABLED: bool = false;
/// "Transaction log backups occur every five minutes."
/// <https://learn.microsoft.com/azure/mysql/flexible-server/concepts-backup-restore>
pub const POINT_IN_TIME_RPO: Duration = Duration::from_minutes(5);
