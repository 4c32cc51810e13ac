//! The Azure Backup settings that achieve a backup policy: Recovery Services vault policies
//! for virtual machines, file shares and SQL/SAP HANA workloads, Backup vault (Data
//! Protection) policies, and the vaults' redundancy. Each is what drlint's backup rules accept
//! for the same objective ([`crate::azure_backup`]); a setting that cannot honour the policy
//! is clamped to the nearest the service takes, with a warning that names the service.

use crate::azure_backup::schedule::{data_protection_period_for, repeating_interval};
use crate::azure_backup::{retention, RetentionCounts, Schedule};
use crate::capabilities::{data_protection, recovery_services};
use crate::duration::Duration;
use crate::facts::protection::Redundancy;
use crate::field::Field;
use crate::problem::Problem;

/// Values for the Azure Backup arguments that achieve the policy; `Unset` without the
/// objective they come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AzureBackupSettings {
    /// `Hourly` (Enhanced policy) when the interval is under a day, `Daily` under a week, else
    /// `Weekly`.
    pub vm_backup_frequency: Field<&'static str>,
    /// The largest of 4, 6, 8 and 12 hours not above the interval; unset unless hourly.
    pub vm_backup_hour_interval: Field<u64>,
    /// `V2` (Enhanced) when hourly, else `V1`.
    pub vm_backup_policy_type: Field<&'static str>,
    pub vm_retention_daily_count: Field<u64>,
    pub vm_retention_weekly_count: Field<u64>,
    pub vm_retention_monthly_count: Field<u64>,
    pub vm_retention_yearly_count: Field<u64>,
    /// `Hourly` when the interval is under a day, else `Daily`.
    pub file_share_backup_frequency: Field<&'static str>,
    /// The retention in days clamped to 1..200.
    pub file_share_retention_daily_count: Field<u64>,
    /// The largest allowed log backup frequency not above the interval (15 when shorter).
    pub workload_log_backup_frequency_in_minutes: Field<u64>,
    /// `R/2024-01-01T00:00:00+00:00/PT4H`: every 4, 8 or 12 hours, daily or weekly.
    pub data_protection_repeating_interval: Field<String>,
    /// The retention in ISO 8601: `P30D`, `P7Y`.
    pub data_protection_default_retention_duration: Field<String>,
    /// `GeoRedundant` when geo-redundant, else `ZoneRedundant`.
    pub recovery_services_storage_mode_type: Field<&'static str>,
    /// Geo-redundant with an RTO under 24 hours.
    pub recovery_services_cross_region_restore_enabled: Field<bool>,
    pub data_protection_redundancy: Field<&'static str>,
}

/// What the settings are computed from.
pub(super) struct BackupBasis<'a> {
    pub(super) interval: &'a Field<Duration>,
    pub(super) interval_attribute: &'static str,
    pub(super) retention: &'a Field<Duration>,
    pub(super) geo_redundant: &'a Field<bool>,
    pub(super) rto: &'a Field<Duration>,
}

impl AzureBackupSettings {
    pub(super) fn compute(
        basis: &BackupBasis<'_>,
        problems: &mut Vec<Problem>,
    ) -> AzureBackupSettings {
        let interval = basis.interval;
        let vm_schedule = interval.map(Schedule::vm_for);
        // One warning for every Azure Backup schedule that cannot keep up: they share the limit.
        if let Field::Known(rpo) = interval {
            if vm_schedule
                .known()
                .is_some_and(|schedule| schedule.gap() > *rpo)
            {
                problems.push(Problem::warning(
                    basis.interval_attribute,
                    format!(
                        "Azure Backup runs at most every 4 hours for virtual machines (Enhanced policy), file shares and AKS clusters, so the azure.vm_*, file_share_* and data_protection_* schedules back up every 4 hours, which does not meet a {rpo} interval; replicate virtual machines with Site Recovery (recovery points every 5 minutes) and keep the backups for retention."
                    ),
                ));
            }
        }
        let hourly = |schedule: &Schedule| match schedule {
            Schedule::Hourly { interval_hours, .. } => Field::Known(*interval_hours),
            _ => Field::Unset,
        };
        let weekly = vm_schedule
            .known()
            .is_some_and(|schedule| schedule.frequency() == "Weekly");
        let counts = basis
            .retention
            .map(|retention| RetentionCounts::vm_for(retention, weekly));
        let count = |pick: fn(&RetentionCounts) -> Option<u64>| {
            counts
                .as_ref()
                .and_then(|counts| Field::from_option(pick(counts)))
        };

        let file_share_schedule = interval.map(Schedule::file_share_for);
        let retention_days = basis.retention.map(Duration::as_days_ceil);
        let file_share_retention_daily_count = retention_days.map(|days| {
            let range = recovery_services::FILE_SHARE_RETENTION_DAILY;
            if days > range.max {
                problems.push(Problem::warning(
                    "retention",
                    format!(
                        "Azure Files backup keeps at most {} daily backups; a {} retention needs weekly, monthly or yearly retention on azurerm_backup_policy_file_share (at most 10 years).",
                        range.max,
                        basis.retention.known().map(ToString::to_string).unwrap_or_default()
                    ),
                ));
            }
            range.clamp(days)
        });

        let workload_log_backup_frequency_in_minutes = interval.map(|interval| {
            let allowed = recovery_services::WORKLOAD_LOG_FREQUENCIES_MINUTES;
            let minutes = allowed
                .iter()
                .rev()
                .copied()
                .find(|minutes| Duration::from_minutes(*minutes) <= interval)
                .unwrap_or(allowed[0]);
            if Duration::from_minutes(minutes) > interval {
                problems.push(Problem::warning(
                    basis.interval_attribute,
                    format!(
                        "SQL Server and SAP HANA log backups run at most every 15 minutes; a {interval} interval cannot be met by Azure Backup for workloads."
                    ),
                ));
            }
            minutes
        });

        let data_protection_repeating_interval =
            interval.map(|interval| repeating_interval(data_protection_period_for(interval)));
        let data_protection_default_retention_duration = basis.retention.map(|kept| {
            if kept > data_protection::VAULT_MAX_RETENTION {
                problems.push(Problem::warning(
                    "retention",
                    format!(
                        "Backup vaults keep backups at most 10 years; a {kept} retention needs another archive."
                    ),
                ));
            } else if kept > data_protection::KUBERNETES_MAX_RETENTION {
                problems.push(Problem::warning(
                    "retention",
                    format!(
                        "Backup vault policies keep disk snapshots at most a year and AKS backups 360 days; a {kept} retention fits only blob, PostgreSQL and MySQL flexible server policies (vault store, up to 10 years)."
                    ),
                ));
            }
            retention::iso8601(kept)
        });

        let redundancy = basis.geo_redundant.map(|geo| {
            if geo {
                Redundancy::GeoRedundant.as_str()
            } else {
                Redundancy::ZoneRedundant.as_str()
            }
        });
        let recovery_services_cross_region_restore_enabled = match (basis.geo_redundant, basis.rto)
        {
            (Field::Known(false), _) => Field::Known(false),
            (Field::Known(true), Field::Known(rto)) => {
                Field::Known(*rto < recovery_services::DECLARED_OUTAGE_WAIT)
            }
            (Field::Known(true), Field::Unset) => Field::Known(false),
            (Field::Unset, _) => Field::Unset,
            _ => Field::Unknown,
        };

        AzureBackupSettings {
            vm_backup_frequency: vm_schedule.as_ref().map(Schedule::frequency),
            vm_backup_hour_interval: vm_schedule.as_ref().and_then(hourly),
            vm_backup_policy_type: vm_schedule.as_ref().map(|schedule| {
                if schedule.is_hourly() {
                    recovery_services::ENHANCED_VM_POLICY_TYPE
                } else {
                    recovery_services::DEFAULT_VM_POLICY_TYPE
                }
            }),
            vm_retention_daily_count: count(|counts| counts.daily),
            vm_retention_weekly_count: count(|counts| counts.weekly),
            vm_retention_monthly_count: count(|counts| counts.monthly),
            vm_retention_yearly_count: count(|counts| counts.yearly),
            file_share_backup_frequency: file_share_schedule.as_ref().map(Schedule::frequency),
            file_share_retention_daily_count,
            workload_log_backup_frequency_in_minutes,
            data_protection_repeating_interval,
            data_protection_default_retention_duration,
            recovery_services_storage_mode_type: redundancy,
            recovery_services_cross_region_restore_enabled,
            data_protection_redundancy: redundancy,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings(
        interval: &str,
        retention: &str,
        geo: bool,
        rto: &str,
    ) -> (AzureBackupSettings, Vec<Problem>) {
        let parse = |text: &str| {
            if text.is_empty() {
                Field::Unset
            } else {
                Field::Known(Duration::parse(text).unwrap())
            }
        };
        let mut problems = Vec::new();
        let settings = AzureBackupSettings::compute(
            &BackupBasis {
                interval: &parse(interval),
                interval_attribute: "rpo",
                retention: &parse(retention),
                geo_redundant: &Field::Known(geo),
                rto: &parse(rto),
            },
            &mut problems,
        );
        (settings, problems)
    }

    #[test]
    fn production_clamps_to_four_hours_with_warnings() {
        let (s, problems) = settings("1h", "30d", true, "4h");
        assert_eq!(s.vm_backup_frequency, Field::Known("Hourly"));
        assert_eq!(s.vm_backup_hour_interval, Field::Known(4));
        assert_eq!(s.vm_backup_policy_type, Field::Known("V2"));
        assert_eq!(s.vm_retention_daily_count, Field::Known(30));
        assert_eq!(s.vm_retention_yearly_count, Field::Unset);
        assert_eq!(s.workload_log_backup_frequency_in_minutes, Field::Known(60));
        assert_eq!(s.file_share_backup_frequency, Field::Known("Hourly"));
        assert_eq!(
            s.data_protection_repeating_interval,
            Field::Known("R/2024-01-01T00:00:00+00:00/PT4H".into())
        );
        assert_eq!(
            s.data_protection_default_retention_duration,
            Field::Known("P30D".into())
        );
        assert_eq!(
            s.recovery_services_storage_mode_type,
            Field::Known("GeoRedundant")
        );
        assert_eq!(
            s.recovery_services_cross_region_restore_enabled,
            Field::Known(true)
        );
        let messages: Vec<&str> = problems.iter().map(|p| p.message.as_str()).collect();
        assert_eq!(
            messages.len(),
            1,
            "one warning for every schedule: {messages:?}"
        );
        assert!(
            messages[0].contains("at most every 4 hours") && messages[0].contains("Site Recovery")
        );
    }

    #[test]
    fn archive_keeps_yearly_backups_without_cross_region_restore() {
        let (s, problems) = settings("24h", "7y", true, "72h");
        assert_eq!(s.vm_backup_frequency, Field::Known("Daily"));
        assert_eq!(s.vm_backup_hour_interval, Field::Unset);
        assert_eq!(s.vm_backup_policy_type, Field::Known("V1"));
        assert_eq!(
            (
                s.vm_retention_daily_count,
                s.vm_retention_monthly_count,
                s.vm_retention_yearly_count
            ),
            (Field::Known(30), Field::Known(12), Field::Known(7))
        );
        assert_eq!(s.file_share_retention_daily_count, Field::Known(200));
        assert_eq!(
            s.data_protection_default_retention_duration,
            Field::Known("P7Y".into())
        );
        assert_eq!(
            s.data_protection_repeating_interval,
            Field::Known("R/2024-01-01T00:00:00+00:00/P1D".into())
        );
        assert_eq!(
            s.recovery_services_cross_region_restore_enabled,
            Field::Known(false)
        );
        assert!(problems
            .iter()
            .any(|p| p.message.contains("at most 200 daily backups")));
        assert!(problems.iter().any(|p| p.message.contains("360 days")));
    }

    #[test]
    fn local_tiers_and_weekly_schedules() {
        let (s, problems) = settings("4h", "7d", false, "8h");
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(
            s.recovery_services_storage_mode_type,
            Field::Known("ZoneRedundant")
        );
        assert_eq!(
            s.recovery_services_cross_region_restore_enabled,
            Field::Known(false)
        );
        assert_eq!(s.file_share_backup_frequency, Field::Known("Hourly"));
        assert_eq!(s.vm_retention_daily_count, Field::Known(7));
        let (s, _) = settings("7d", "30d", false, "");
        assert_eq!(s.vm_backup_frequency, Field::Known("Weekly"));
        assert_eq!(s.vm_retention_daily_count, Field::Unset);
        assert_eq!(s.vm_retention_weekly_count, Field::Known(5));
        assert_eq!(s.file_share_backup_frequency, Field::Known("Daily"));
        let (s, _) = settings("", "", false, "");
        assert_eq!(s.vm_backup_frequency, Field::Unset);
        assert_eq!(s.data_protection_default_retention_duration, Field::Unset);
    }
}
