//! How far back a policy's backups reach, and the retention counts that reach an objective.

use std::fmt;

use crate::capabilities::recovery_services as rsv;
use crate::capabilities::IntRange;
use crate::duration::Duration;

const DAY: u64 = 86_400;
const YEAR: u64 = 365 * DAY;

/// A retention as a Backup vault policy writes it: whole years as `P7Y`, else whole days
/// (`P30D`, rounded up).
pub fn iso8601(retention: Duration) -> String {
    if !retention.is_zero() && retention.as_secs().is_multiple_of(YEAR) {
        format!("P{}Y", retention.as_secs() / YEAR)
    } else {
        format!("P{}D", retention.as_days_ceil())
    }
}

/// Where a policy keeps a backup.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Store {
    /// With the protected resource, in its region: disk snapshots, blob operational backup,
    /// AKS operational tier, file share snapshots.
    Operational,
    /// In the vault, whose storage redundancy decides whether it survives a region.
    Vault,
}

/// `retention_daily/weekly/monthly/yearly` counts of a Recovery Services policy, each absent
/// when the policy does not keep that kind of backup.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct RetentionCounts {
    pub daily: Option<u64>,
    pub weekly: Option<u64>,
    pub monthly: Option<u64>,
    pub yearly: Option<u64>,
}

impl RetentionCounts {
    /// How far back the oldest kept backup goes: the longest of `daily` days, `weekly` weeks,
    /// `monthly` months (a twelfth of a 365-day year) and `yearly` years of 365 days.
    pub fn reach(&self) -> Duration {
        let secs = [
            self.daily.map(|n| n.saturating_mul(DAY)),
            self.weekly.map(|n| n.saturating_mul(7 * DAY)),
            self.monthly.map(|n| n.saturating_mul(YEAR / 12)),
            self.yearly.map(|n| n.saturating_mul(YEAR)),
        ]
        .into_iter()
        .flatten()
        .max()
        .unwrap_or(0);
        Duration::from_secs(secs)
    }

    /// The counts a Recovery Services VM policy keeps for `retention`, and whether they reach
    /// it. Up to a year, daily backups cover it (weekly ones for a weekly schedule); beyond, 30
    /// daily (or 5 weekly), 12 monthly and enough yearly backups.
    pub fn vm_for(retention: Duration, weekly_schedule: bool) -> RetentionCounts {
        counts_for(
            retention,
            weekly_schedule,
            [
                rsv::VM_RETENTION_DAILY,
                rsv::VM_RETENTION_WEEKLY,
                rsv::VM_RETENTION_MONTHLY,
                rsv::VM_RETENTION_YEARLY,
            ],
        )
    }

    /// The same for full backups of a SQL Server or SAP HANA workload policy.
    pub fn workload_for(retention: Duration, weekly_schedule: bool) -> RetentionCounts {
        counts_for(
            retention,
            weekly_schedule,
            [
                rsv::WORKLOAD_RETENTION_DAILY,
                rsv::WORKLOAD_RETENTION_WEEKLY,
                rsv::WORKLOAD_RETENTION_MONTHLY,
                rsv::WORKLOAD_RETENTION_YEARLY,
            ],
        )
    }

    /// The same for a file share policy (at most 200 daily and 10 yearly backups).
    pub fn file_share_for(retention: Duration) -> RetentionCounts {
        counts_for(
            retention,
            false,
            [
                rsv::FILE_SHARE_RETENTION_DAILY,
                rsv::FILE_SHARE_RETENTION_WEEKLY,
                rsv::FILE_SHARE_RETENTION_MONTHLY,
                rsv::FILE_SHARE_RETENTION_YEARLY,
            ],
        )
    }
}

fn counts_for(
    retention: Duration,
    weekly_schedule: bool,
    ranges: [IntRange; 4],
) -> RetentionCounts {
    let [daily, weekly, monthly, yearly] = ranges;
    let secs = retention.as_secs();
    let daily_only = if weekly_schedule {
        weekly.max.saturating_mul(7 * DAY)
    } else {
        daily.max.saturating_mul(DAY)
    };
    if secs <= YEAR.min(daily_only) {
        return if weekly_schedule {
            RetentionCounts {
                weekly: Some(weekly.clamp(secs.div_ceil(7 * DAY))),
                ..RetentionCounts::default()
            }
        } else {
            RetentionCounts {
                daily: Some(daily.clamp(secs.div_ceil(DAY))),
                ..RetentionCounts::default()
            }
        };
    }
    let (daily, weekly) = if weekly_schedule {
        (None, Some(weekly.clamp(5)))
    } else {
        (Some(daily.clamp(30)), None)
    };
    RetentionCounts {
        daily,
        weekly,
        monthly: Some(monthly.clamp(12)),
        yearly: Some(yearly.clamp(secs.div_ceil(YEAR))),
    }
}

impl fmt::Display for RetentionCounts {
    /// `30 daily, 12 monthly and 7 yearly backups`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let parts: Vec<String> = [
            (self.daily, "daily"),
            (self.weekly, "weekly"),
            (self.monthly, "monthly"),
            (self.yearly, "yearly"),
        ]
        .into_iter()
        .filter_map(|(count, kind)| count.map(|n| format!("{n} {kind}")))
        .collect();
        match parts.as_slice() {
            [] => f.write_str("no backups"),
            [only] => write!(f, "{only} backups"),
            [rest @ .., last] => write!(f, "{} and {last} backups", rest.join(", ")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reach_is_the_longest_kind() {
        let counts = RetentionCounts {
            daily: Some(30),
            weekly: Some(12),
            monthly: Some(84),
            yearly: None,
        };
        assert_eq!(counts.reach().to_string(), "7y", "84 months are 7 years");
        let counts = RetentionCounts {
            daily: Some(30),
            yearly: Some(7),
            ..RetentionCounts::default()
        };
        assert_eq!(counts.reach().to_string(), "7y");
        assert_eq!(RetentionCounts::default().reach(), Duration::ZERO);
        assert_eq!(counts.to_string(), "30 daily and 7 yearly backups");
    }

    #[test]
    fn retentions_in_iso_8601() {
        assert_eq!(iso8601(Duration::parse("7y").unwrap()), "P7Y");
        assert_eq!(iso8601(Duration::parse("30d").unwrap()), "P30D");
        assert_eq!(iso8601(Duration::parse("7d12h").unwrap()), "P8D");
        assert_eq!(iso8601(Duration::ZERO), "P0D");
    }

    #[test]
    fn counts_reach_the_retention_asked() {
        for (retention, weekly) in [
            ("7d", false),
            ("30d", false),
            ("1y", false),
            ("7y", false),
            ("30d", true),
            ("10y", true),
        ] {
            let retention = Duration::parse(retention).unwrap();
            let counts = RetentionCounts::vm_for(retention, weekly);
            assert!(counts.reach() >= retention, "{retention} {counts:?}");
        }
        let counts = RetentionCounts::vm_for(Duration::from_days(3), false);
        assert_eq!(
            counts.daily,
            Some(7),
            "azurerm keeps at least 7 daily backups"
        );
        let counts = RetentionCounts::file_share_for(Duration::from_days(365));
        assert_eq!(
            (counts.daily, counts.yearly),
            (Some(30), Some(1)),
            "200 daily at most"
        );
        assert!(
            RetentionCounts::file_share_for(Duration::parse("11y").unwrap()).reach()
                < Duration::parse("11y").unwrap()
        );
        assert_eq!(
            RetentionCounts::workload_for(Duration::parse("7y").unwrap(), false).yearly,
            Some(7)
        );
        let counts = RetentionCounts::vm_for(Duration::parse("7y").unwrap(), false);
        assert_eq!(
            (counts.daily, counts.monthly, counts.yearly),
            (Some(30), Some(12), Some(7))
        );
    }
}
