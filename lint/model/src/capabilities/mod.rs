//! What each Azure service can be configured to do, as data: allowed ranges, defaults and
//! fixed recovery points. Rules use these to read configurations (an absent setting takes its
//! default) and the provider uses them to turn an objective into a setting.
//!
//! Ranges and defaults are the azurerm provider's, the same in 3.x, 4.x and 5.x for everything
//! listed here (read at v3.117.1, v4.81.0 and v5.2.0); each constant names the page it comes
//! from. The Terraform Registry pages are
//! rendered from `website/docs/r/*.html.markdown` in hashicorp/terraform-provider-azurerm.

pub mod cosmosdb;
pub mod data_protection;
pub mod key_vault;
pub mod mssql;
pub mod mysql;
pub mod postgresql;
pub mod recovery_services;
pub mod redis;
pub mod site_recovery;
pub mod storage_account;

/// Values for a message: `"Geo" or "GeoZone"`.
pub fn quoted(values: &[&str], separator: &str) -> String {
    values
        .iter()
        .map(|value| format!("\"{value}\""))
        .collect::<Vec<_>>()
        .join(separator)
}

/// `"GZRS" (or GRS, RAGRS, RAGZRS)`: the value to suggest first, then the others that would do.
pub fn preferred_of(preferred: &str, acceptable: &[&str]) -> String {
    let others: Vec<&str> = acceptable
        .iter()
        .copied()
        .filter(|value| *value != preferred)
        .collect();
    format!("\"{preferred}\" (or {})", others.join(", "))
}

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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::duration::Duration;

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
