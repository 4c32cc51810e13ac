//! `azurerm_cosmosdb_account` `backup` block.
//! <https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/cosmosdb_account#backup>

use super::IntRange;
use crate::duration::Duration;

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

/// A backup `type`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BackupType {
    /// A full backup every interval, kept for a retention.
    Periodic,
    /// Restores to any point in time within the continuous tier's window.
    Continuous,
}

impl BackupType {
    /// The value as azurerm (and ARM) spell it.
    pub fn as_str(self) -> &'static str {
        match self {
            BackupType::Periodic => "Periodic",
            BackupType::Continuous => "Continuous",
        }
    }

    /// How the service reads a written type: `Continuous` (any case) is continuous, anything
    /// else is the default periodic backup.
    pub fn of(written: &str) -> BackupType {
        if written
            .trim()
            .eq_ignore_ascii_case(BackupType::Continuous.as_str())
        {
            BackupType::Continuous
        } else {
            BackupType::Periodic
        }
    }
}

/// A periodic backup's `storage_redundancy`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum StorageRedundancy {
    Geo,
    Zone,
    Local,
}

impl StorageRedundancy {
    pub fn as_str(self) -> &'static str {
        match self {
            StorageRedundancy::Geo => "Geo",
            StorageRedundancy::Zone => "Zone",
            StorageRedundancy::Local => "Local",
        }
    }
}

/// Whether a written `storage_redundancy` keeps backups in another region.
pub fn is_geo_redundant(storage_redundancy: &str) -> bool {
    storage_redundancy
        .trim()
        .eq_ignore_ascii_case(StorageRedundancy::Geo.as_str())
}

/// The continuous tier of an account that names none. azurerm states no default for `tier`;
/// continuous backup kept 30 days before the 7-day tier existed ("The retention period for the
/// backups is either 30 day or ... up to the resource creation time",
/// <https://learn.microsoft.com/training/modules/implement-backup-restore-for-azure-cosmos-db-sql-api/3-configure-continuous-backup-recovery>),
/// so drlint assumes the 30-day window; a 7-day account must name `Continuous7Days`.
pub const DEFAULT_CONTINUOUS_TIER: &str = "Continuous30Days";
/// "`automatic_failover_enabled` - (Optional) Enable automatic failover for this Cosmos DB
/// account." The docs state no default; the provider schema defaults it to `false` (4.x, 5.x),
/// so absent means off (as it did for 3.x's `enable_automatic_failover`).
pub const DEFAULT_AUTOMATIC_FAILOVER_ENABLED: bool = false;

/// The continuous tier that keeps the most, and how long.
pub const LONGEST_CONTINUOUS_TIER: (&str, Duration) = CONTINUOUS_TIERS[1];

/// The continuous tier names, for messages: `"Continuous7Days" or "Continuous30Days"`.
pub fn continuous_tier_names() -> String {
    let names: Vec<&str> = CONTINUOUS_TIERS.iter().map(|(name, _)| *name).collect();
    super::quoted(&names, " or ")
}

/// How far back a continuous tier can restore; `None` for an unknown tier name.
pub fn continuous_tier_retention(tier: &str) -> Option<Duration> {
    CONTINUOUS_TIERS
        .iter()
        .find(|(name, _)| name.eq_ignore_ascii_case(tier.trim()))
        .map(|(_, retention)| *retention)
}
