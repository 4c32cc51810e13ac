//! The `azure` object of `dr_backup_policy`: one row per azurerm argument, with its
//! description and how its value comes from the computed [`AzureSettings`]. The provider's
//! schema and docs and drlint's reading of `dr_backup_policy.NAME.azure.*` all come from it.

use crate::attributes::{ObjectField, ObjectSpec, Planned, Scalar};
use crate::capabilities::cosmosdb::{BackupType, StorageRedundancy};
use crate::capabilities::storage_account::ReplicationType;

use super::AzureSettings;

/// The fields of the `azure` object: the azurerm argument each one is for, and its value. The
/// provider's `azure` attribute, its documentation and drlint's reading of
/// `dr_backup_policy.NAME.azure.*` all come from this table.
pub static AZURE_SETTINGS: ObjectSpec<AzureSettings> = ObjectSpec(&[
    ObjectField {
        name: "cosmosdb_backup_type",
        ty: Scalar::String,
        description: "[`azurerm_cosmosdb_account`](https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/cosmosdb_account#backup) `backup.type`: `\"Continuous\"` when the effective interval is under 60 minutes, else `\"Periodic\"`; null without an effective interval.",
        value: |s| Planned::text(s.cosmosdb_backup_type.map(BackupType::as_str)),
    },
    ObjectField {
        name: "cosmosdb_interval_in_minutes",
        ty: Scalar::Number,
        description: "`backup.interval_in_minutes`: `interval_minutes` clamped to 60..1440; null for `Continuous`.",
        value: |s| Planned::count(s.cosmosdb_interval_in_minutes),
    },
    ObjectField {
        name: "cosmosdb_retention_in_hours",
        ty: Scalar::Number,
        description: "`backup.retention_in_hours`: `retention_hours` clamped to 8..720; null for `Continuous`.",
        value: |s| Planned::count(s.cosmosdb_retention_in_hours),
    },
    ObjectField {
        name: "cosmosdb_storage_redundancy",
        ty: Scalar::String,
        description: "`backup.storage_redundancy`: `\"Geo\"` when geo-redundant, else `\"Zone\"`; null for `Continuous`.",
        value: |s| Planned::text(s.cosmosdb_storage_redundancy.map(StorageRedundancy::as_str)),
    },
    ObjectField {
        name: "redis_rdb_backup_frequency",
        ty: Scalar::Number,
        description: "[`azurerm_redis_cache`](https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/redis_cache#redis_configuration) `redis_configuration.rdb_backup_frequency`: the largest of 15, 30, 60, 360, 720 and 1440 minutes that is not longer than the effective interval; 15 when the interval is shorter than 15 minutes.",
        value: |s| Planned::count(s.redis_rdb_backup_frequency),
    },
    ObjectField {
        name: "postgresql_backup_retention_days",
        ty: Scalar::Number,
        description: "[`azurerm_postgresql_flexible_server`](https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/postgresql_flexible_server) `backup_retention_days`: `retention_days` clamped to 7..35.",
        value: |s| Planned::count(s.postgresql_backup_retention_days),
    },
    ObjectField {
        name: "postgresql_geo_redundant_backup_enabled",
        ty: Scalar::Bool,
        description: "`geo_redundant_backup_enabled`: `geo_redundant`.",
        value: |s| Planned::flag(s.postgresql_geo_redundant_backup_enabled),
    },
    ObjectField {
        name: "mysql_backup_retention_days",
        ty: Scalar::Number,
        description: "[`azurerm_mysql_flexible_server`](https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/mysql_flexible_server) `backup_retention_days`: `retention_days` clamped to 1..35.",
        value: |s| Planned::count(s.mysql_backup_retention_days),
    },
    ObjectField {
        name: "mssql_short_term_retention_days",
        ty: Scalar::Number,
        description: "[`azurerm_mssql_database`](https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/mssql_database) `short_term_retention_policy.retention_days`: `retention_days` clamped to 1..35.",
        value: |s| Planned::count(s.mssql_short_term_retention_days),
    },
    ObjectField {
        name: "key_vault_soft_delete_retention_days",
        ty: Scalar::Number,
        description: "[`azurerm_key_vault`](https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/key_vault) `soft_delete_retention_days`: `retention_days` clamped to 7..90.",
        value: |s| Planned::count(s.key_vault_soft_delete_retention_days),
    },
    ObjectField {
        name: "key_vault_purge_protection_enabled",
        ty: Scalar::Bool,
        description: "`purge_protection_enabled`: the tier's `deletion_protection`.",
        value: |s| Planned::flag(s.key_vault_purge_protection_enabled),
    },
    ObjectField {
        name: "storage_account_replication_type",
        ty: Scalar::String,
        description: "[`azurerm_storage_account`](https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/storage_account) `account_replication_type`: `\"RAGZRS\"` when the tier requires automatic failover, else `\"GZRS\"` when geo-redundant, else `\"ZRS\"`.",
        value: |s| Planned::text(s.storage_account_replication_type.map(ReplicationType::as_str)),
    },
    ObjectField {
        name: "vm_backup_frequency",
        ty: Scalar::String,
        description: "[`azurerm_backup_policy_vm`](https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/backup_policy_vm) `backup.frequency`: `\"Hourly\"` when the effective interval is under a day (Enhanced policy, every 4 hours at most often: a warning says when that does not meet the interval), `\"Daily\"` under a week, else `\"Weekly\"`.",
        value: |s| Planned::text(s.backup.vm_backup_frequency),
    },
    ObjectField {
        name: "vm_backup_hour_interval",
        ty: Scalar::Number,
        description: "`backup.hour_interval`: the largest of 4, 6, 8 and 12 hours not above the effective interval (4 when it is shorter), to use with `hour_duration = 24`; null unless `vm_backup_frequency` is `\"Hourly\"`. Also the `hourly.interval` of `azurerm_backup_policy_file_share`.",
        value: |s| Planned::count(s.backup.vm_backup_hour_interval),
    },
    ObjectField {
        name: "vm_backup_policy_type",
        ty: Scalar::String,
        description: "`policy_type`: `\"V2\"` (Enhanced) when hourly, else `\"V1\"`.",
        value: |s| Planned::text(s.backup.vm_backup_policy_type),
    },
    ObjectField {
        name: "vm_retention_daily_count",
        ty: Scalar::Number,
        description: "`retention_daily.count`: the retention in days (7..9999) up to a year; 30 beyond a year (with monthly and yearly backups); null for a weekly schedule.",
        value: |s| Planned::count(s.backup.vm_retention_daily_count),
    },
    ObjectField {
        name: "vm_retention_weekly_count",
        ty: Scalar::Number,
        description: "`retention_weekly.count`: for a weekly schedule, the retention in weeks up to a year, 5 beyond; else null.",
        value: |s| Planned::count(s.backup.vm_retention_weekly_count),
    },
    ObjectField {
        name: "vm_retention_monthly_count",
        ty: Scalar::Number,
        description: "`retention_monthly.count`: 12 when the retention is longer than a year, else null.",
        value: |s| Planned::count(s.backup.vm_retention_monthly_count),
    },
    ObjectField {
        name: "vm_retention_yearly_count",
        ty: Scalar::Number,
        description: "`retention_yearly.count`: the retention in years, rounded up, when it is longer than a year (`7` for 7 years), else null.",
        value: |s| Planned::count(s.backup.vm_retention_yearly_count),
    },
    ObjectField {
        name: "file_share_backup_frequency",
        ty: Scalar::String,
        description: "[`azurerm_backup_policy_file_share`](https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/backup_policy_file_share) `backup.frequency`: `\"Hourly\"` when the effective interval is under a day (use `vm_backup_hour_interval` for `hourly.interval`), else `\"Daily\"`.",
        value: |s| Planned::text(s.backup.file_share_backup_frequency),
    },
    ObjectField {
        name: "file_share_retention_daily_count",
        ty: Scalar::Number,
        description: "`retention_daily.count`: the retention in days clamped to 1..200 (a warning says when 200 is not enough).",
        value: |s| Planned::count(s.backup.file_share_retention_daily_count),
    },
    ObjectField {
        name: "workload_log_backup_frequency_in_minutes",
        ty: Scalar::Number,
        description: "[`azurerm_backup_policy_vm_workload`](https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/backup_policy_vm_workload) `protection_policy.backup.frequency_in_minutes` of the `Log` policy: the largest of 15, 30, 60, 120, 240, 480, 720 and 1440 not above the effective interval; 15 when it is shorter.",
        value: |s| Planned::count(s.backup.workload_log_backup_frequency_in_minutes),
    },
    ObjectField {
        name: "data_protection_repeating_interval",
        ty: Scalar::String,
        description: "`backup_repeating_time_intervals` of an `azurerm_data_protection_backup_policy_*` (use it as a one-element list): an ISO 8601 repeating interval from 2024-01-01T00:00:00+00:00 every 4, 8 or 12 hours (what disks and AKS clusters both accept; 4 when the interval is shorter), daily (`P1D`) or weekly (`P1W` as `P7D`).",
        value: |s| Planned::text(s.backup.data_protection_repeating_interval.clone()),
    },
    ObjectField {
        name: "data_protection_default_retention_duration",
        ty: Scalar::String,
        description: "`default_retention_duration` (disks) or `default_retention_rule.life_cycle.duration`: the retention in ISO 8601, in whole years (`P7Y`) or days (`P30D`). A warning says when disks (1 year) or AKS (360 days) cannot keep it.",
        value: |s| Planned::text(s.backup.data_protection_default_retention_duration.clone()),
    },
    ObjectField {
        name: "recovery_services_storage_mode_type",
        ty: Scalar::String,
        description: "[`azurerm_recovery_services_vault`](https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/recovery_services_vault) `storage_mode_type`: `\"GeoRedundant\"` when geo-redundant, else `\"ZoneRedundant\"`.",
        value: |s| Planned::text(s.backup.recovery_services_storage_mode_type),
    },
    ObjectField {
        name: "recovery_services_cross_region_restore_enabled",
        ty: Scalar::Bool,
        description: "`cross_region_restore_enabled` (Recovery Services and Backup vaults): `true` when geo-redundant with an RTO under 24 hours, since without it a restore in the paired region waits for Microsoft to declare an outage; else `false`.",
        value: |s| Planned::flag(s.backup.recovery_services_cross_region_restore_enabled),
    },
    ObjectField {
        name: "data_protection_redundancy",
        ty: Scalar::String,
        description: "[`azurerm_data_protection_backup_vault`](https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/data_protection_backup_vault) `redundancy`: `\"GeoRedundant\"` when geo-redundant, else `\"ZoneRedundant\"`.",
        value: |s| Planned::text(s.backup.data_protection_redundancy),
    },
]);
