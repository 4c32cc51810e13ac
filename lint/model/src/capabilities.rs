//! What each Azure service can be configured to do, as data: allowed ranges, defaults and
//! fixed recovery points. Rules use these to read configurations (an absent setting takes its
//! default) and the provider uses them to turn an objective into a setting.
//!
//! Ranges and defaults are the azurerm provider's (the same in 3.x and 4.x for everything
//! listed here); each constant names the page it comes from. The Terraform Registry pages are
//! rendered from `website/docs/r/*.html.markdown` in hashicorp/terraform-provider-azurerm.

use crate::duration::Duration;

/// An inclusive range of whole numbers that an azurerm argument accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IntRange {
    pub min: u64,
    pub max: u64,
}

impl IntRange {
    pub const fn new(min: u64, max: u64) -> IntRange {
        IntRange { min, max }
    }

    pub const fn contains(self, value: u64) -> bool {
        value >= self.min && value <= self.max
    }

    /// The closest accepted value.
    pub fn clamp(self, value: u64) -> u64 {
        value.clamp(self.min, self.max)
    }
}

/// `azurerm_cosmosdb_account` `backup` block.
/// <https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/cosmosdb_account#backup>
pub mod cosmosdb {
    use super::{Duration, IntRange};

    /// "`interval_in_minutes` ... Possible values are between 60 and 1440. Defaults to `240`."
    pub const INTERVAL_MINUTES: IntRange = IntRange::new(60, 1440);
    pub const DEFAULT_INTERVAL_MINUTES: u64 = 240;
    /// "`retention_in_hours` ... Possible values are between 8 and 720. Defaults to `8`."
    pub const RETENTION_HOURS: IntRange = IntRange::new(8, 720);
    pub const DEFAULT_RETENTION_HOURS: u64 = 8;
    /// "`storage_redundancy` ... Possible values are `Geo`, `Local` and `Zone`. Defaults to
    /// `Geo`."
    pub const STORAGE_REDUNDANCIES: [&str; 3] = ["Geo", "Local", "Zone"];
    pub const DEFAULT_STORAGE_REDUNDANCY: &str = "Geo";
    /// "`type` ... Possible values are `Continuous` and `Periodic`." Without a `backup` block
    /// the account is Periodic with the defaults above.
    pub const BACKUP_TYPES: [&str; 2] = ["Continuous", "Periodic"];
    pub const DEFAULT_BACKUP_TYPE: &str = "Periodic";
    /// "`tier` - The continuous backup tier. Possible values are `Continuous7Days` and
    /// `Continuous30Days`", with the restore window each name states.
    pub const CONTINUOUS_TIERS: [(&str, Duration); 2] = [
        ("Continuous7Days", Duration::from_days(7)),
        ("Continuous30Days", Duration::from_days(30)),
    ];

    /// How far back a continuous tier can restore; `None` for an unknown tier name.
    pub fn continuous_tier_retention(tier: &str) -> Option<Duration> {
        CONTINUOUS_TIERS
            .iter()
            .find(|(name, _)| name.eq_ignore_ascii_case(tier.trim()))
            .map(|(_, retention)| *retention)
    }
}

/// `azurerm_redis_cache` `redis_configuration` block.
/// <https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/redis_cache#redis_configuration>
pub mod redis {
    /// "`rdb_backup_frequency` - (Optional) The Backup Frequency in Minutes. Only supported on
    /// Premium SKUs. Possible values are: `15`, `30`, `60`, `360`, `720` and `1440`."
    pub const RDB_BACKUP_FREQUENCIES_MINUTES: [u64; 6] = [15, 30, 60, 360, 720, 1440];
    /// "`rdb_backup_enabled` ... Defaults to `false`." and "`aof_backup_enabled` ... Defaults
    /// to `false`.": without either, a cache keeps no persistent copy.
    pub const DEFAULT_RDB_BACKUP_ENABLED: bool = false;
    pub const DEFAULT_AOF_BACKUP_ENABLED: bool = false;
}

/// `azurerm_postgresql_flexible_server`.
/// <https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/postgresql_flexible_server>
pub mod postgresql {
    use super::{Duration, IntRange};

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
}

/// `azurerm_mysql_flexible_server`.
/// <https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/mysql_flexible_server>
pub mod mysql {
    use super::{Duration, IntRange};

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
}

/// `azurerm_mssql_database`.
/// <https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/mssql_database>
pub mod mssql {
    use super::{Duration, IntRange};

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
}

/// `azurerm_key_vault`.
/// <https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/key_vault>
pub mod key_vault {
    use super::IntRange;

    /// "`soft_delete_retention_days` ... This value can be between `7` and `90` (the default)
    /// days."
    pub const SOFT_DELETE_RETENTION_DAYS: IntRange = IntRange::new(7, 90);
    pub const DEFAULT_SOFT_DELETE_RETENTION_DAYS: u64 = 90;
    /// "`purge_protection_enabled` - (Optional) Is Purge Protection enabled for this Key
    /// Vault?": an optional boolean with no default, so absent means off.
    pub const DEFAULT_PURGE_PROTECTION_ENABLED: bool = false;
}

/// `azurerm_storage_account`.
/// <https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/storage_account>
pub mod storage_account {
    /// "`account_replication_type` ... Valid options are `LRS`, `GRS`, `RAGRS`, `ZRS`, `GZRS`
    /// and `RAGZRS`."
    pub const REPLICATION_TYPES: [&str; 6] = ["LRS", "GRS", "RAGRS", "ZRS", "GZRS", "RAGZRS"];
    /// Types that keep a copy in the paired region.
    pub const GEO_REDUNDANT_REPLICATION_TYPES: [&str; 4] = ["GRS", "RAGRS", "GZRS", "RAGZRS"];
    /// Types whose secondary can be read, so that clients fail over to it on their own.
    pub const READ_ACCESS_REPLICATION_TYPES: [&str; 2] = ["RAGRS", "RAGZRS"];

    pub fn is_geo_redundant(replication_type: &str) -> bool {
        GEO_REDUNDANT_REPLICATION_TYPES
            .iter()
            .any(|t| t.eq_ignore_ascii_case(replication_type.trim()))
    }

    pub fn has_read_access_secondary(replication_type: &str) -> bool {
        READ_ACCESS_REPLICATION_TYPES
            .iter()
            .any(|t| t.eq_ignore_ascii_case(replication_type.trim()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_lie_within_their_ranges() {
        assert!(cosmosdb::INTERVAL_MINUTES.contains(cosmosdb::DEFAULT_INTERVAL_MINUTES));
        assert!(cosmosdb::RETENTION_HOURS.contains(cosmosdb::DEFAULT_RETENTION_HOURS));
        assert!(cosmosdb::STORAGE_REDUNDANCIES.contains(&cosmosdb::DEFAULT_STORAGE_REDUNDANCY));
        assert!(cosmosdb::BACKUP_TYPES.contains(&cosmosdb::DEFAULT_BACKUP_TYPE));
        assert!(
            postgresql::BACKUP_RETENTION_DAYS.contains(postgresql::DEFAULT_BACKUP_RETENTION_DAYS)
        );
        assert!(mysql::BACKUP_RETENTION_DAYS.contains(mysql::DEFAULT_BACKUP_RETENTION_DAYS));
        assert!(mssql::SHORT_TERM_RETENTION_DAYS.contains(mssql::DEFAULT_SHORT_TERM_RETENTION_DAYS));
        assert!(mssql::STORAGE_ACCOUNT_TYPES.contains(&mssql::DEFAULT_STORAGE_ACCOUNT_TYPE));
        assert!(key_vault::SOFT_DELETE_RETENTION_DAYS
            .contains(key_vault::DEFAULT_SOFT_DELETE_RETENTION_DAYS));
    }

    #[test]
    fn documented_values() {
        assert_eq!(cosmosdb::INTERVAL_MINUTES, IntRange::new(60, 1440));
        assert_eq!(cosmosdb::RETENTION_HOURS, IntRange::new(8, 720));
        assert_eq!(
            redis::RDB_BACKUP_FREQUENCIES_MINUTES,
            [15, 30, 60, 360, 720, 1440]
        );
        assert_eq!(postgresql::BACKUP_RETENTION_DAYS, IntRange::new(7, 35));
        assert_eq!(mysql::BACKUP_RETENTION_DAYS, IntRange::new(1, 35));
        assert_eq!(key_vault::SOFT_DELETE_RETENTION_DAYS, IntRange::new(7, 90));
        assert_eq!(postgresql::POINT_IN_TIME_RPO.to_string(), "5m");
    }

    #[test]
    fn clamps_to_the_range() {
        let range = IntRange::new(60, 1440);
        assert_eq!(range.clamp(15), 60);
        assert_eq!(range.clamp(240), 240);
        assert_eq!(range.clamp(10_000), 1440);
        assert!(
            !range.contains(59)
                && range.contains(60)
                && range.contains(1440)
                && !range.contains(1441)
        );
    }

    #[test]
    fn continuous_tiers_and_replication_types() {
        assert_eq!(
            cosmosdb::continuous_tier_retention("Continuous7Days"),
            Some(Duration::from_days(7))
        );
        assert_eq!(
            cosmosdb::continuous_tier_retention("continuous30days"),
            Some(Duration::from_days(30))
        );
        assert_eq!(
            cosmosdb::continuous_tier_retention("Continuous90Days"),
            None
        );
        assert!(storage_account::is_geo_redundant("ragzrs"));
        assert!(!storage_account::is_geo_redundant("ZRS"));
        assert!(storage_account::has_read_access_secondary("RAGRS"));
        assert!(!storage_account::has_read_access_secondary("GZRS"));
    }
}
