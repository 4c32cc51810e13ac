//! The azurerm settings that achieve a backup policy, clamped to what each service accepts (see
//! [`crate::capabilities`]); a clamp that cannot honour the policy is a warning naming the
//! service.

use crate::capabilities::cosmosdb::{self, BackupType, StorageRedundancy};
use crate::capabilities::storage_account::ReplicationType;
use crate::capabilities::{key_vault, mssql, mysql, postgresql, redis};
use crate::duration::Duration;
use crate::field::Field;
use crate::problem::Problem;

use super::azure_backup::{AzureBackupSettings, BackupBasis};

/// Values for azurerm arguments that achieve the policy. `Unset` means "no value needed"
/// (for example no interval for a continuous Cosmos DB backup, or no retention objective).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AzureSettings {
    /// `Continuous` when the interval is under 60 minutes, else `Periodic`.
    pub cosmosdb_backup_type: Field<BackupType>,
    /// The interval clamped to 60..1440; unset for a continuous backup.
    pub cosmosdb_interval_in_minutes: Field<u64>,
    /// The retention in hours clamped to 8..720; unset for a continuous backup.
    pub cosmosdb_retention_in_hours: Field<u64>,
    /// `Geo` when geo-redundant, else `Zone`; unset for a continuous backup.
    pub cosmosdb_storage_redundancy: Field<StorageRedundancy>,
    /// The largest allowed frequency not above the interval (15 when the interval is shorter).
    pub redis_rdb_backup_frequency: Field<u64>,
    pub postgresql_backup_retention_days: Field<u64>,
    pub postgresql_geo_redundant_backup_enabled: Field<bool>,
    pub mysql_backup_retention_days: Field<u64>,
    pub mssql_short_term_retention_days: Field<u64>,
    pub key_vault_soft_delete_retention_days: Field<u64>,
    /// The tier's deletion protection.
    pub key_vault_purge_protection_enabled: Field<bool>,
    /// `RAGZRS` with automatic failover, `GZRS` when geo-redundant, else `ZRS`.
    pub storage_account_replication_type: Field<ReplicationType>,
    /// Recovery Services and Backup vault policies and vaults.
    pub backup: AzureBackupSettings,
}

/// The effective values the Azure settings are computed from.
pub(super) struct SettingsBasis {
    pub(super) effective_interval: Field<Duration>,
    pub(super) interval_minutes: Field<u64>,
    pub(super) retention: Field<Duration>,
    pub(super) retention_days: Field<u64>,
    pub(super) retention_hours: Field<u64>,
    pub(super) geo_redundant: Field<bool>,
    pub(super) automatic_failover: Field<bool>,
    pub(super) deletion_protection: Field<bool>,
    pub(super) rto: Field<Duration>,
    /// The argument the interval came from, for warnings about it.
    pub(super) interval_attribute: &'static str,
}

const CONTINUOUS_BELOW: Duration = Duration::from_minutes(60);

impl AzureSettings {
    pub(super) fn compute(basis: &SettingsBasis, problems: &mut Vec<Problem>) -> AzureSettings {
        let cosmosdb_backup_type = basis.effective_interval.map(|interval| {
            if interval < CONTINUOUS_BELOW {
                BackupType::Continuous
            } else {
                BackupType::Periodic
            }
        });
        let cosmosdb_interval_in_minutes = match cosmosdb_backup_type {
            Field::Known(BackupType::Periodic) => basis
                .interval_minutes
                .map(|m| cosmosdb::INTERVAL_MINUTES.clamp(m)),
            Field::Known(_) | Field::Unset => Field::Unset,
            Field::Unknown => Field::Unknown,
        };

        let retention_text = basis
            .retention
            .known()
            .map(ToString::to_string)
            .unwrap_or_default();
        let cosmosdb_retention_in_hours = basis.retention_hours.map(|hours| {
            if hours > cosmosdb::RETENTION_HOURS.max {
                problems.push(Problem::warning(
                    "retention",
                    format!(
                        "Cosmos DB keeps backups at most 720 hours (30d) with periodic backup and 30d with Continuous30Days; a {retention_text} retention needs a long-term backup (Azure Backup vault)."
                    ),
                ));
            }
            cosmosdb::RETENTION_HOURS.clamp(hours)
        });
        let redis_rdb_backup_frequency = basis.effective_interval.map(|interval| {
            let frequency = redis_frequency_for(interval);
            if Duration::from_minutes(frequency) > interval {
                problems.push(Problem::warning(
                    basis.interval_attribute,
                    format!(
                        "Azure Cache for Redis takes RDB backups at most every 15 minutes; a {interval} interval needs AOF persistence (aof_backup_enabled = true) to meet the RPO."
                    ),
                ));
            }
            frequency
        });
        let mut retention_days_for = |service: &str,
                                      range: crate::capabilities::IntRange,
                                      remedy: &str| {
            basis.retention_days.map(|days| {
                if days > range.max {
                    problems.push(Problem::warning(
                        "retention",
                        format!(
                            "{service} keeps at most {} days of backups; a {retention_text} retention needs {remedy}.",
                            range.max
                        ),
                    ));
                }
                range.clamp(days)
            })
        };
        let postgresql_backup_retention_days = retention_days_for(
            "PostgreSQL flexible server",
            postgresql::BACKUP_RETENTION_DAYS,
            "a long-term backup (Azure Backup vault)",
        );
        let mysql_backup_retention_days = retention_days_for(
            "MySQL flexible server",
            mysql::BACKUP_RETENTION_DAYS,
            "a long-term backup (Azure Backup vault)",
        );
        let mssql_short_term_retention_days = retention_days_for(
            "Azure SQL Database point-in-time restore",
            mssql::SHORT_TERM_RETENTION_DAYS,
            "a long-term retention policy (long_term_retention_policy on azurerm_mssql_database)",
        );
        let key_vault_soft_delete_retention_days = basis.retention_days.map(|days| {
            if days > key_vault::SOFT_DELETE_RETENTION_DAYS.max {
                problems.push(Problem::warning(
                    "retention",
                    format!(
                        "Key Vault keeps deleted secrets, keys and certificates at most 90 days (soft delete); a {retention_text} retention needs regular backups of the vault's contents."
                    ),
                ));
            }
            key_vault::SOFT_DELETE_RETENTION_DAYS.clamp(days)
        });
        let storage_account_replication_type = match (basis.automatic_failover, basis.geo_redundant)
        {
            (Field::Known(true), _) => Field::Known(ReplicationType::Ragzrs),
            (Field::Known(false), Field::Known(true)) => Field::Known(ReplicationType::Gzrs),
            (Field::Known(false), Field::Known(false)) => Field::Known(ReplicationType::Zrs),
            _ => Field::Unknown,
        };
        let backup = AzureBackupSettings::compute(
            &BackupBasis {
                interval: &basis.effective_interval,
                interval_attribute: basis.interval_attribute,
                retention: &basis.retention,
                geo_redundant: &basis.geo_redundant,
                rto: &basis.rto,
            },
            problems,
        );
        AzureSettings {
            cosmosdb_backup_type,
            cosmosdb_interval_in_minutes,
            cosmosdb_retention_in_hours: periodic_only(
                cosmosdb_backup_type,
                cosmosdb_retention_in_hours,
            ),
            cosmosdb_storage_redundancy: periodic_only(
                cosmosdb_backup_type,
                basis.geo_redundant.map(|geo| {
                    if geo {
                        StorageRedundancy::Geo
                    } else {
                        StorageRedundancy::Zone
                    }
                }),
            ),
            redis_rdb_backup_frequency,
            postgresql_backup_retention_days,
            postgresql_geo_redundant_backup_enabled: basis.geo_redundant,
            mysql_backup_retention_days,
            mssql_short_term_retention_days,
            key_vault_soft_delete_retention_days,
            key_vault_purge_protection_enabled: basis.deletion_protection,
            storage_account_replication_type,
            backup,
        }
    }
}

/// A Cosmos DB `backup` setting that azurerm accepts only for a periodic backup: it rejects
/// `retention_in_hours` and `storage_redundancy` on a new account whose backup type is
/// Continuous ("can not be set when `type` in `backup` is `Continuous`"). Without a backup
/// type (no interval objective) the account is Periodic, azurerm's default, and keeps them.
fn periodic_only<T>(backup_type: Field<BackupType>, setting: Field<T>) -> Field<T> {
    match backup_type {
        Field::Known(BackupType::Continuous) => Field::Unset,
        Field::Unknown => Field::Unknown,
        Field::Known(_) | Field::Unset => setting,
    }
}

/// The largest Redis RDB frequency (minutes) not above `interval`; the smallest one when the
/// interval is shorter than all of them.
pub fn redis_frequency_for(interval: Duration) -> u64 {
    let allowed = redis::RDB_BACKUP_FREQUENCIES_MINUTES;
    allowed
        .iter()
        .rev()
        .copied()
        .find(|minutes| Duration::from_minutes(*minutes) <= interval)
        .unwrap_or(allowed[0])
}
