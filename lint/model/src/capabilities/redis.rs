//! `azurerm_redis_cache` `redis_configuration` block.
//! <https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/redis_cache#redis_configuration>

/// "`rdb_backup_frequency` - (Optional) The Backup Frequency in Minutes. Only supported on
/// Premium SKUs. Possible values are: `15`, `30`, `60`, `360`, `720` and `1440`."
pub const RDB_BACKUP_FREQUENCIES_MINUTES: [u64; 6] = [15, 30, 60, 360, 720, 1440];
/// "`rdb_backup_enabled` ... Defaults to `false`." and "`aof_backup_enabled` ... Defaults
/// to `false`.": without either, a cache keeps no persistent copy.
pub const DEFAULT_RDB_BACKUP_ENABLED: bool = false;
pub const DEFAULT_AOF_BACKUP_ENABLED: bool = false;
