//! Backup schedules and their worst-case gap: the most data, in time, a restore from the
//! latest backup can lose.

use std::fmt;

use crate::capabilities::{data_protection, recovery_services};
use crate::duration::Duration;

const DAY: Duration = Duration::from_hours(24);
const WEEK: Duration = Duration::from_days(7);

/// A day of the week, as Azure Backup policies name it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Weekday {
    Monday,
    Tuesday,
    Wednesday,
    Thursday,
    Friday,
    Saturday,
    Sunday,
}

impl Weekday {
    pub const ALL: [Weekday; 7] = [
        Weekday::Monday,
        Weekday::Tuesday,
        Weekday::Wednesday,
        Weekday::Thursday,
        Weekday::Friday,
        Weekday::Saturday,
        Weekday::Sunday,
    ];

    /// Reads `Monday` (any case).
    pub fn parse(text: &str) -> Option<Weekday> {
        Weekday::ALL
            .into_iter()
            .find(|day| day.as_str().eq_ignore_ascii_case(text.trim()))
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Weekday::Monday => "Monday",
            Weekday::Tuesday => "Tuesday",
            Weekday::Wednesday => "Wednesday",
            Weekday::Thursday => "Thursday",
            Weekday::Friday => "Friday",
            Weekday::Saturday => "Saturday",
            Weekday::Sunday => "Sunday",
        }
    }

    fn index(self) -> u64 {
        self as u64
    }
}

/// When a Recovery Services policy backs up (`backup { frequency = ... }`), or a Backup vault
/// policy's combined repeating intervals, reduced to what decides the RPO.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Schedule {
    /// `Hourly`: every `interval_hours` within a window of `window_hours` that starts at the
    /// same time each day.
    Hourly {
        interval_hours: u64,
        window_hours: u64,
    },
    Daily,
    /// `Weekly` on the listed days (all seven when none is listed).
    Weekly {
        days: Vec<Weekday>,
    },
    /// Every `minutes` (workload log backups).
    EveryMinutes(u64),
    /// Backup vault repeating intervals as written, with the worst-case gap they leave.
    Intervals {
        gap: Duration,
        texts: Vec<String>,
    },
    /// Continuous (blob operational backup restores to any point in time).
    Continuous,
}

impl Schedule {
    /// The longest time between two backups.
    ///
    /// An hourly window holds `window / interval` backups, the first at the window's start: a
    /// window of 12 hours every 4 hours backs up at 0, 4 and 8 hours, then waits 16 hours for
    /// the next day's window. (A backup at the window's very end is not counted: Azure does not
    /// document whether it runs, and the RPO must hold either way.)
    pub fn gap(&self) -> Duration {
        match self {
            Schedule::Hourly {
                interval_hours,
                window_hours,
            } => {
                let interval = (*interval_hours).max(1);
                let backups = (window_hours / interval).max(1);
                let last = (backups - 1) * interval;
                let wait = 24u64.saturating_sub(last);
                Duration::from_hours(interval.max(wait))
            }
            Schedule::Daily => DAY,
            Schedule::Weekly { days } => weekly_gap(days),
            Schedule::EveryMinutes(minutes) => Duration::from_minutes(*minutes),
            Schedule::Intervals { gap, .. } => *gap,
            Schedule::Continuous => Duration::ZERO,
        }
    }

    /// The best schedule an `azurerm_backup_policy_vm` can run for `rpo`: hourly (Enhanced
    /// policy) every 4, 6, 8 or 12 hours over the whole day, else daily, else weekly. An RPO
    /// under 4 hours gets every 4 hours, which does not meet it ([`Schedule::gap`] tells).
    pub fn vm_for(rpo: Duration) -> Schedule {
        hourly_for(rpo, &recovery_services::VM_HOUR_INTERVALS)
    }

    /// The same for `azurerm_backup_policy_file_share` (hourly every 4, 6, 8 or 12 hours, or
    /// daily).
    pub fn file_share_for(rpo: Duration) -> Schedule {
        match hourly_for(rpo, &recovery_services::FILE_SHARE_HOUR_INTERVALS) {
            Schedule::Weekly { .. } => Schedule::Daily,
            schedule => schedule,
        }
    }

    /// Whether the schedule backs up more than once a day.
    pub fn is_hourly(&self) -> bool {
        matches!(self, Schedule::Hourly { .. })
    }

    /// `Hourly`, `Daily` or `Weekly`: the `frequency` a Recovery Services policy takes.
    pub fn frequency(&self) -> &'static str {
        match self {
            Schedule::Hourly { .. } | Schedule::EveryMinutes(_) | Schedule::Continuous => "Hourly",
            Schedule::Daily => "Daily",
            Schedule::Weekly { .. } => "Weekly",
            Schedule::Intervals { gap, .. } if *gap < DAY => "Hourly",
            Schedule::Intervals { gap, .. } if *gap < WEEK => "Daily",
            Schedule::Intervals { .. } => "Weekly",
        }
    }
}

/// The largest of `intervals` (hours) that meets `rpo`, over a 24-hour window; daily or weekly
/// when the RPO allows; the smallest interval when nothing meets it.
fn hourly_for(rpo: Duration, intervals: &[u64]) -> Schedule {
    if rpo >= WEEK {
        return Schedule::Weekly {
            days: vec![Weekday::Sunday],
        };
    }
    if rpo >= DAY {
        return Schedule::Daily;
    }
    let fitting = intervals
        .iter()
        .copied()
        .filter(|hours| Duration::from_hours(*hours) <= rpo)
        .max();
    Schedule::Hourly {
        interval_hours: fitting.unwrap_or(intervals[0]),
        window_hours: 24,
    }
}

/// The longest stretch between two listed weekdays, around the week.
fn weekly_gap(days: &[Weekday]) -> Duration {
    let mut indices: Vec<u64> = days.iter().map(|day| day.index()).collect();
    indices.sort_unstable();
    indices.dedup();
    if indices.len() <= 1 {
        return WEEK;
    }
    let wrap = indices[0] + 7 - indices[indices.len() - 1];
    let longest = indices
        .windows(2)
        .map(|pair| pair[1] - pair[0])
        .chain([wrap])
        .max()
        .unwrap_or(7);
    Duration::from_days(longest)
}

/// The repeating interval a Backup vault policy takes for `rpo`: every 4, 8 or 12 hours (what
/// disks and AKS clusters both accept), else daily, else weekly; every 4 hours when the RPO is
/// shorter.
pub fn data_protection_period_for(rpo: Duration) -> Duration {
    if rpo >= WEEK {
        return WEEK;
    }
    data_protection_period_hours(rpo, &data_protection::COMMON_HOUR_INTERVALS).unwrap_or(
        Duration::from_hours(data_protection::COMMON_HOUR_INTERVALS[0]),
    )
}

/// The longest of `hours` that meets `rpo`, or a day when the RPO allows one; `None` when no
/// interval is short enough.
pub fn data_protection_period_hours(rpo: Duration, hours: &[u64]) -> Option<Duration> {
    if rpo >= DAY {
        return Some(DAY);
    }
    hours
        .iter()
        .copied()
        .filter(|hours| Duration::from_hours(*hours) <= rpo)
        .max()
        .map(Duration::from_hours)
}

/// `R/2024-01-01T00:00:00+00:00/PT4H`: a repeating interval of `period` from drkit's fixed
/// start.
pub fn repeating_interval(period: Duration) -> String {
    format!(
        "R/{}/{}",
        data_protection::INTERVAL_START,
        period.to_iso8601()
    )
}

impl fmt::Display for Schedule {
    /// How messages describe a schedule: `Daily`, `Hourly every 4h over 12h a day`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Schedule::Hourly {
                interval_hours,
                window_hours,
            } => write!(
                f,
                "Hourly every {interval_hours}h over {window_hours}h a day"
            ),
            Schedule::Daily => f.write_str("Daily"),
            Schedule::Weekly { days } if days.is_empty() => f.write_str("Weekly"),
            Schedule::Weekly { days } => {
                let names: Vec<&str> = days.iter().map(|day| day.as_str()).collect();
                write!(f, "Weekly on {}", names.join(", "))
            }
            Schedule::EveryMinutes(minutes) => write!(f, "log backups every {minutes} minutes"),
            Schedule::Intervals { texts, .. } => {
                let quoted: Vec<String> = texts.iter().map(|text| format!("\"{text}\"")).collect();
                write!(f, "on {}", quoted.join(", "))
            }
            Schedule::Continuous => f.write_str("continuous"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hourly(interval_hours: u64, window_hours: u64) -> Schedule {
        Schedule::Hourly {
            interval_hours,
            window_hours,
        }
    }

    #[test]
    fn hourly_gaps_include_the_wait_for_the_next_window() {
        assert_eq!(hourly(4, 24).gap().to_string(), "4h");
        assert_eq!(hourly(8, 24).gap().to_string(), "8h");
        assert_eq!(hourly(12, 24).gap().to_string(), "12h");
        assert_eq!(hourly(4, 12).gap().to_string(), "16h");
        assert_eq!(hourly(6, 12).gap().to_string(), "18h");
        assert_eq!(hourly(4, 4).gap().to_string(), "1d");
        assert_eq!(
            hourly(6, 20).gap().to_string(),
            "12h",
            "three backups: 0, 6, 12"
        );
    }

    #[test]
    fn weekly_gaps_are_the_longest_stretch_between_listed_days() {
        use Weekday::*;
        assert_eq!(
            Schedule::Weekly { days: vec![Sunday] }.gap().to_string(),
            "7d"
        );
        assert_eq!(Schedule::Weekly { days: vec![] }.gap().to_string(), "7d");
        assert_eq!(
            Schedule::Weekly {
                days: vec![Monday, Thursday]
            }
            .gap()
            .to_string(),
            "4d"
        );
        assert_eq!(
            Schedule::Weekly {
                days: Weekday::ALL.to_vec()
            }
            .gap()
            .to_string(),
            "1d"
        );
        assert_eq!(Weekday::parse("saturday"), Some(Saturday));
        assert_eq!(Weekday::parse("Sat"), None);
    }

    #[test]
    fn the_best_vm_schedule_for_an_rpo() {
        assert_eq!(Schedule::vm_for(Duration::from_hours(1)), hourly(4, 24));
        assert_eq!(Schedule::vm_for(Duration::from_hours(4)), hourly(4, 24));
        assert_eq!(Schedule::vm_for(Duration::from_hours(7)), hourly(6, 24));
        assert_eq!(Schedule::vm_for(Duration::from_hours(12)), hourly(12, 24));
        assert_eq!(Schedule::vm_for(Duration::from_hours(24)), Schedule::Daily);
        assert_eq!(
            Schedule::vm_for(Duration::from_days(30)).frequency(),
            "Weekly"
        );
        assert_eq!(
            Schedule::file_share_for(Duration::from_days(30)),
            Schedule::Daily
        );
        for hours in [4, 5, 6, 8, 11, 12, 20, 24, 48] {
            let rpo = Duration::from_hours(hours);
            assert!(Schedule::vm_for(rpo).gap() <= rpo, "{hours}h");
        }
    }

    #[test]
    fn data_protection_intervals() {
        assert_eq!(
            data_protection_period_for(Duration::from_hours(1)).to_string(),
            "4h"
        );
        assert_eq!(
            data_protection_period_for(Duration::from_hours(6)).to_string(),
            "4h"
        );
        assert_eq!(
            data_protection_period_for(Duration::from_hours(8)).to_string(),
            "8h"
        );
        assert_eq!(
            data_protection_period_for(Duration::from_hours(24)).to_string(),
            "1d"
        );
        assert_eq!(
            data_protection_period_for(Duration::from_days(8)).to_string(),
            "7d"
        );
        assert_eq!(
            repeating_interval(Duration::from_hours(4)),
            "R/2024-01-01T00:00:00+00:00/PT4H"
        );
    }

    #[test]
    fn schedules_describe_themselves() {
        assert_eq!(hourly(4, 12).to_string(), "Hourly every 4h over 12h a day");
        assert_eq!(
            Schedule::Weekly {
                days: vec![Weekday::Sunday, Weekday::Wednesday]
            }
            .to_string(),
            "Weekly on Sunday, Wednesday"
        );
        assert_eq!(Schedule::EveryMinutes(15).gap().to_string(), "15m");
        assert_eq!(Schedule::Continuous.gap(), Duration::ZERO);
    }
}
