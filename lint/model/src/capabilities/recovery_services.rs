//! Recovery Services vaults and their Azure Backup policies: `azurerm_recovery_services_vault`,
//! `azurerm_backup_policy_vm`, `azurerm_backup_policy_vm_workload` and
//! `azurerm_backup_policy_file_share`. Ranges and defaults are azurerm's (3.x, 4.x, 5.x), each
//! quoted from the page it comes from; what azurerm leaves to Azure is quoted from Microsoft
//! Learn.

use super::IntRange;
use crate::duration::Duration;

/// `azurerm_backup_policy_vm` `backup.hour_interval`: "Possible values are `4`, `6`, `8` and
/// `12`." <https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/backup_policy_vm#hour_interval>
/// Learn: "For hourly backup, the minimum RPO is 4 hours and the maximum is 24 hours"
/// (<https://learn.microsoft.com/azure/backup/backup-support-matrix-iaas>).
pub const VM_HOUR_INTERVALS: [u64; 4] = [4, 6, 8, 12];
/// `azurerm_backup_protected_vm` `protection_state` values that stop new backups
/// (azurerm 4.31 and later: `Protected`, `BackupsSuspended`, `ProtectionStopped`; before,
/// also `ProtectionPaused`).
pub const STOPPED_PROTECTION_STATES: [&str; 3] =
    ["BackupsSuspended", "ProtectionStopped", "ProtectionPaused"];
/// `policy_type`: "Type of the Backup Policy. Possible values are `V1` and `V2` where `V2`
/// stands for the Enhanced Policy. Defaults to `V1`." Hourly backups need the Enhanced policy
/// (Learn: "Multiple backups per day ... Supported through Enhanced policy").
pub const DEFAULT_VM_POLICY_TYPE: &str = "V1";
/// The Enhanced policy type, the only one that backs up more than once a day.
pub const ENHANCED_VM_POLICY_TYPE: &str = "V2";
/// `retention_daily.count`: "The number of daily backups to keep. Must be between `7` and
/// `9999`."
pub const VM_RETENTION_DAILY: IntRange = IntRange::new(7, 9999);
/// `retention_weekly.count`, `retention_monthly.count`, `retention_yearly.count`: "Must be
/// between `1` and `9999`".
pub const VM_RETENTION_WEEKLY: IntRange = IntRange::new(1, 9999);
pub const VM_RETENTION_MONTHLY: IntRange = IntRange::new(1, 9999);
pub const VM_RETENTION_YEARLY: IntRange = IntRange::new(1, 9999);

/// `azurerm_backup_policy_vm_workload` `protection_policy.backup.frequency_in_minutes`: "Possible
/// values are `15`, `30`, `60`, `120`, `240`, `480`, `720` and `1440`" (log backups only).
/// Learn: "Log backups can occur as often as every 15 minutes"
/// (<https://learn.microsoft.com/azure/backup/backup-sql-server-database-azure-vms>).
/// <https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/backup_policy_vm_workload>
pub const WORKLOAD_LOG_FREQUENCIES_MINUTES: [u64; 8] = [15, 30, 60, 120, 240, 480, 720, 1440];
/// `retention_daily.count` "between `7` and `9999`", `retention_weekly.count` "between `1` and
/// `5163`", `retention_monthly.count` "between `1` and `1188`", `retention_yearly.count`
/// "between `1` and `99`".
pub const WORKLOAD_RETENTION_DAILY: IntRange = IntRange::new(7, 9999);
pub const WORKLOAD_RETENTION_WEEKLY: IntRange = IntRange::new(1, 5163);
pub const WORKLOAD_RETENTION_MONTHLY: IntRange = IntRange::new(1, 1188);
pub const WORKLOAD_RETENTION_YEARLY: IntRange = IntRange::new(1, 99);

/// `azurerm_backup_policy_file_share` `backup.frequency`: "Possible values are `Daily` and
/// `Hourly`"; `hourly.interval`: "Possible values are `4`, `6`, `8` and `12`".
/// <https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/backup_policy_file_share>
pub const FILE_SHARE_HOUR_INTERVALS: [u64; 4] = [4, 6, 8, 12];
/// `retention_daily.count`: "Must be between `1` and `200` (inclusive)"; weekly `1` to `200`,
/// monthly `1` to `120`, yearly `1` to `10`. "The maximum number of snapshots that Azure Files
/// can retain is 200."
pub const FILE_SHARE_RETENTION_DAILY: IntRange = IntRange::new(1, 200);
pub const FILE_SHARE_RETENTION_WEEKLY: IntRange = IntRange::new(1, 200);
pub const FILE_SHARE_RETENTION_MONTHLY: IntRange = IntRange::new(1, 120);
pub const FILE_SHARE_RETENTION_YEARLY: IntRange = IntRange::new(1, 10);
/// `backup_tier`: "Possible values are `vault-standard` and `snapshot`. Defaults to
/// `snapshot`." (azurerm 4.58 and later; before, file share backups were snapshots only).
/// Snapshots stay in the file share's storage account.
pub const DEFAULT_FILE_SHARE_BACKUP_TIER: &str = "snapshot";
/// The file share backup tier that copies backups into the vault.
pub const FILE_SHARE_VAULT_TIER: &str = "vault-standard";

/// `azurerm_recovery_services_vault` `storage_mode_type`: "Possible values are
/// `GeoRedundant`, `LocallyRedundant` and `ZoneRedundant`. Defaults to `GeoRedundant`."
/// <https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/recovery_services_vault>
pub const DEFAULT_STORAGE_MODE_TYPE: &str = "GeoRedundant";
/// `cross_region_restore_enabled`: "Is cross region restore enabled for this Vault? Only can be
/// `true`, when `storage_mode_type` is `GeoRedundant`. Defaults to `false`."
pub const DEFAULT_CROSS_REGION_RESTORE: bool = false;
/// `soft_delete_enabled` (3.x and 4.x; removed in 5.0): "Is soft delete enable for this Vault?
/// Defaults to `true`."
pub const DEFAULT_SOFT_DELETE: bool = true;
/// Learn: without Cross Region Restore, "the backups in the secondary region become accessible
/// only when Microsoft declares an outage in the primary region"; with it, "secondary region
/// RPO is 36 hours" (<https://learn.microsoft.com/azure/backup/backup-create-recovery-services-vault>,
/// <https://learn.microsoft.com/azure/reliability/reliability-backup>).
pub const CROSS_REGION_RESTORE_RPO: Duration = Duration::from_hours(36);
/// An RTO shorter than this cannot wait for Microsoft to declare a regional outage before a
/// restore in the paired region can start.
pub const DECLARED_OUTAGE_WAIT: Duration = Duration::from_hours(24);
