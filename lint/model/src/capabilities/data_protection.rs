//! Backup vaults (Azure Backup's Data Protection service): `azurerm_data_protection_backup_vault`
//! and its `azurerm_data_protection_backup_policy_*` policies.
//! <https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/data_protection_backup_vault>

use crate::duration::Duration;

/// `redundancy` (required): "Possible values are `GeoRedundant`, `LocallyRedundant` and
/// `ZoneRedundant`." `cross_region_restore_enabled` "can only be specified when `redundancy` is
/// specified for `GeoRedundant`. Once `cross_region_restore_enabled` is enabled, it cannot be
/// disabled."
pub const GEO_REDUNDANT: &str = "GeoRedundant";
/// `soft_delete`: "Possible values are `AlwaysOn`, `Off` and `On`. Defaults to `On`."
pub const DEFAULT_SOFT_DELETE: &str = "On";
/// The `soft_delete` value that turns it off.
pub const SOFT_DELETE_OFF: &str = "Off";
/// `immutability`: "Possible values are `Disabled`, `Locked` and `Unlocked`. Defaults to
/// `Disabled`."
pub const DEFAULT_IMMUTABILITY: &str = "Disabled";
/// `cross_region_restore_enabled`: azurerm states no default; unset, the vault is created
/// without Cross Region Restore ("Once `cross_region_restore_enabled` is enabled, it cannot be
/// disabled" implies it starts disabled).
pub const DEFAULT_CROSS_REGION_RESTORE: bool = false;

/// Hourly intervals every Backup vault datasource with sub-daily backups accepts. Disks take
/// 1, 2, 4, 6, 8 or 12 hours ("you can define the backup schedule with Hourly frequency of 1,
/// 2, 4, 6, 8, or 12 hours and Daily frequency",
/// <https://learn.microsoft.com/azure/backup/disk-backup-overview>); AKS clusters 4, 8 or 12
/// hours ("more frequent backups (in 4-hour, 8-hour, and 12-hour intervals)",
/// <https://learn.microsoft.com/azure/backup/azure-kubernetes-service-cluster-backup>).
pub const COMMON_HOUR_INTERVALS: [u64; 3] = [4, 8, 12];
/// PostgreSQL and MySQL flexible servers back up weekly only ("Currently, only Weekly backup
/// option is available",
/// <https://learn.microsoft.com/azure/backup/backup-azure-database-postgresql-flex>).
pub const FLEXIBLE_SERVER_PERIOD: Duration = Duration::from_days(7);
/// The start of the repeating intervals drkit computes: a fixed instant so that a plan never
/// changes by itself.
pub const INTERVAL_START: &str = "2024-01-01T00:00:00+00:00";

/// Disks: "Hourly frequency of 1, 2, 4, 6, 8, or 12 hours and Daily frequency"
/// (<https://learn.microsoft.com/azure/backup/disk-backup-overview>).
pub const DISK_HOUR_INTERVALS: [u64; 6] = [1, 2, 4, 6, 8, 12];
/// AKS clusters: "once-a-day backups ... more frequent backups (in 4-hour, 8-hour, and 12-hour
/// intervals)"
/// (<https://learn.microsoft.com/azure/backup/azure-kubernetes-service-cluster-backup>).
pub const KUBERNETES_HOUR_INTERVALS: [u64; 3] = COMMON_HOUR_INTERVALS;
/// Disk snapshots: "You can either set a maximum retention limit of 1 year or 450 disk
/// snapshots, whichever reaches first"
/// (<https://learn.microsoft.com/azure/backup/backup-managed-disks>).
pub const DISK_MAX_RETENTION: Duration = Duration::from_days(365);
/// AKS: "This solution allows you to retain your data for restore for up to 360 days."
pub const KUBERNETES_MAX_RETENTION: Duration = Duration::from_days(360);
/// Blob operational backup: "The backup policy can have a maximum retention of 360 days"
/// (<https://learn.microsoft.com/azure/backup/blob-backup-overview>).
pub const BLOB_OPERATIONAL_MAX_RETENTION: Duration = Duration::from_days(360);
/// Vaulted blobs, PostgreSQL and MySQL flexible servers: "up to 10 years" in the vault store.
pub const VAULT_MAX_RETENTION: Duration = Duration::from_days(3650);
