//! ISO 8601 repeating intervals, the schedules of Azure Backup vaults (Data Protection):
//! `R/2024-01-01T02:00:00+00:00/PT4H` is a backup every four hours from 2 a.m. UTC on
//! 1 January 2024. A policy may list several; together they give the worst-case gap between two
//! backups, which is what an RPO is judged against.
//!
//! `R` repeats forever; `R5` repeats five times and then stops, which no RPO survives. The start
//! is an RFC 3339 date and time with its offset; the period is an ISO 8601 duration without
//! months (a month has no fixed length).

use std::fmt;

use thiserror::Error;
use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

use crate::duration::{Duration, DurationError};

/// One repeating interval.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RepeatingInterval {
    /// `None`: repeats forever (`R/...`); `Some(n)`: `n` repetitions (`Rn/...`).
    pub repetitions: Option<u64>,
    /// The first backup, as seconds since the Unix epoch (UTC).
    pub start: i64,
    pub period: Duration,
}

/// Why a repeating interval (or a set of them) cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum IntervalError {
    #[error("\"{text}\" is not an ISO 8601 repeating interval such as \"R/2024-01-01T02:00:00+00:00/PT4H\": {reason}")]
    Syntax { text: String, reason: String },
    #[error("\"{text}\" has a period of zero; backups need a period such as PT4H or P1D")]
    ZeroPeriod { text: String },
    #[error("\"{text}\" stops after {repetitions} backups (R{repetitions}); use \"R/\" to repeat without end")]
    Ends { text: String, repetitions: u64 },
    #[error("no repeating interval is given")]
    Empty,
}

impl RepeatingInterval {
    pub fn parse(text: &str) -> Result<RepeatingInterval, IntervalError> {
        let syntax = |reason: String| IntervalError::Syntax {
            text: text.to_string(),
            reason,
        };
        let parts: Vec<&str> = text.trim().split('/').collect();
        let [repeat, start, period] = parts[..] else {
            return Err(syntax(format!(
                "it has {} part(s) separated by \"/\"; expected three: R, the start and the period",
                parts.len()
            )));
        };
        let count = repeat
            .strip_prefix(['R', 'r'])
            .ok_or_else(|| syntax(format!("it starts with \"{repeat}\", not R")))?;
        let repetitions = if count.is_empty() {
            None
        } else {
            Some(count.parse::<u64>().map_err(|_| {
                syntax(format!(
                    "the repetition count \"{count}\" is not a whole number"
                ))
            })?)
        };
        let start = OffsetDateTime::parse(start, &Rfc3339)
            .map_err(|error| {
                syntax(format!(
                    "the start \"{start}\" is not an RFC 3339 date and time with an offset ({error})"
                ))
            })?
            .unix_timestamp();
        let period = Duration::parse(period)
            .map_err(|error: DurationError| syntax(format!("the period {error}")))?;
        if period.is_zero() {
            return Err(IntervalError::ZeroPeriod {
                text: text.to_string(),
            });
        }
        Ok(RepeatingInterval {
            repetitions,
            start,
            period,
        })
    }
}

/// The schedule several repeating intervals make together.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IntervalSchedule {
    pub intervals: Vec<RepeatingInterval>,
}

/// The longest stretch examined when the periods have no small common multiple: long enough for
/// any mix of hourly, daily and weekly schedules to repeat.
const LONGEST_WINDOW: u64 = 8 * 7 * 24 * 3600;

/// The most backups listed to find the gap (a few megabytes).
const MAX_LISTED_BACKUPS: u64 = 200_000;

impl IntervalSchedule {
    /// Parses every interval; the first one that cannot be read is the error.
    pub fn parse<'a>(
        texts: impl IntoIterator<Item = &'a str>,
    ) -> Result<IntervalSchedule, IntervalError> {
        let intervals = texts
            .into_iter()
            .map(RepeatingInterval::parse)
            .collect::<Result<Vec<_>, _>>()?;
        if intervals.is_empty() {
            return Err(IntervalError::Empty);
        }
        Ok(IntervalSchedule { intervals })
    }

    /// The longest time between two backups once every interval has started. An interval that
    /// stops after a number of repetitions is an error: after its last backup there is none.
    pub fn worst_case_gap(&self, texts: &[&str]) -> Result<Duration, IntervalError> {
        if let Some((index, interval)) = self
            .intervals
            .iter()
            .enumerate()
            .find(|(_, interval)| interval.repetitions.is_some())
        {
            return Err(IntervalError::Ends {
                text: texts.get(index).map(|t| t.to_string()).unwrap_or_default(),
                repetitions: interval.repetitions.unwrap_or_default(),
            });
        }
        let periods: Vec<u64> = self.intervals.iter().map(|i| i.period.as_secs()).collect();
        let longest = periods.iter().copied().max().unwrap_or(0);
        // Once every interval has started, the pattern repeats with the least common multiple
        // of the periods; a window that long (or LONGEST_WINDOW) holds every gap.
        let window = periods
            .iter()
            .try_fold(1u64, |lcm, &period| {
                let next = lcm / gcd(lcm, period) * period;
                (next <= LONGEST_WINDOW).then_some(next)
            })
            .unwrap_or(LONGEST_WINDOW)
            .max(longest);
        // Any one interval alone leaves at most its period between backups, so the shortest
        // period bounds the gap. When listing every backup of the window would take too many
        // (a period of seconds beside one of years), that bound is the answer: it is never
        // shorter than the real gap, and no backup schedule is that fine.
        let shortest = periods.iter().copied().min().unwrap_or(0).max(1);
        let events: u64 = periods
            .iter()
            .map(|period| (window + longest) / period.max(&1))
            .fold(0u64, u64::saturating_add);
        if events > MAX_LISTED_BACKUPS {
            return Ok(Duration::from_secs(shortest));
        }
        let from = self.intervals.iter().map(|i| i.start).max().unwrap_or(0);
        // Times are taken relative to `from`, over one window plus the longest period so that
        // the gap that wraps around the window's end is seen too.
        let horizon = window + longest;
        let mut times: Vec<u64> = Vec::new();
        for interval in &self.intervals {
            let period = interval.period.as_secs();
            let behind = u64::try_from(from - interval.start).unwrap_or(0);
            let mut at = (period - behind % period) % period;
            while at <= horizon {
                times.push(at);
                at += period;
            }
        }
        times.sort_unstable();
        times.dedup();
        let gap = times
            .windows(2)
            .filter(|pair| pair[0] < window)
            .map(|pair| pair[1] - pair[0])
            .max()
            .unwrap_or(longest);
        Ok(Duration::from_secs(gap))
    }
}

fn gcd(a: u64, b: u64) -> u64 {
    if b == 0 {
        a
    } else {
        gcd(b, a % b)
    }
}

impl fmt::Display for RepeatingInterval {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.repetitions {
            Some(n) => write!(f, "R{n}, every {}", self.period),
            None => write!(f, "every {}", self.period),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gap(texts: &[&str]) -> Result<String, IntervalError> {
        IntervalSchedule::parse(texts.iter().copied())?
            .worst_case_gap(texts)
            .map(|d| d.to_string())
    }

    #[test]
    fn one_interval_is_its_period() {
        assert_eq!(gap(&["R/2024-01-01T02:00:00+00:00/PT4H"]).unwrap(), "4h");
        assert_eq!(gap(&["R/2021-05-23T02:30:00+00:00/P1W"]).unwrap(), "7d");
        assert_eq!(gap(&["r/2024-01-01T02:00:00Z/P1D"]).unwrap(), "1d");
    }

    #[test]
    fn intervals_combine() {
        // Daily at 02:00 and at 14:00: every 12 hours.
        assert_eq!(
            gap(&[
                "R/2024-01-01T02:00:00+00:00/P1D",
                "R/2024-01-01T14:00:00+00:00/P1D"
            ])
            .unwrap(),
            "12h"
        );
        // Daily at 02:00 and at 06:00: the worst gap is 20 hours.
        assert_eq!(
            gap(&[
                "R/2024-01-01T02:00:00+00:00/P1D",
                "R/2024-01-01T06:00:00+00:00/P1D"
            ])
            .unwrap(),
            "20h"
        );
        // Offsets are honoured: 02:00+02:00 is midnight UTC, 12 hours from noon UTC.
        assert_eq!(
            gap(&[
                "R/2024-01-01T02:00:00+02:00/P1D",
                "R/2024-01-01T12:00:00Z/P1D"
            ])
            .unwrap(),
            "12h"
        );
        // Weekly plus a daily: the daily decides.
        assert_eq!(
            gap(&[
                "R/2024-01-01T02:00:00+00:00/P1W",
                "R/2024-01-02T03:00:00+00:00/P1D"
            ])
            .unwrap(),
            "1d"
        );
    }

    #[test]
    fn absurd_mixes_stay_cheap_and_bounded() {
        let start = std::time::Instant::now();
        assert_eq!(
            gap(&[
                "R/2024-01-01T00:00:00Z/PT1S",
                "R/2024-01-01T00:00:00Z/P3650D"
            ])
            .unwrap(),
            "1s"
        );
        assert_eq!(
            gap(&[
                "R/2024-01-01T00:00:00Z/PT4H",
                "R/2024-01-01T00:00:00Z/P3650D"
            ])
            .unwrap(),
            "4h"
        );
        assert!(start.elapsed() < std::time::Duration::from_secs(2));
    }

    #[test]
    fn bad_intervals_say_why() {
        let error = gap(&["2024-01-01T02:00:00+00:00/PT4H"])
            .unwrap_err()
            .to_string();
        assert!(error.contains("expected three"), "{error}");
        let error = gap(&["X/2024-01-01T02:00:00+00:00/PT4H"])
            .unwrap_err()
            .to_string();
        assert!(error.contains("not R"), "{error}");
        let error = gap(&["R/2024-01-01 02:00/PT4H"]).unwrap_err().to_string();
        assert!(error.contains("RFC 3339"), "{error}");
        let error = gap(&["R/2024-01-01T02:00:00Z/P1M"])
            .unwrap_err()
            .to_string();
        assert!(error.contains("a month has no fixed length"), "{error}");
        let error = gap(&["R/2024-01-01T02:00:00Z/PT0H"])
            .unwrap_err()
            .to_string();
        assert!(error.contains("period of zero"), "{error}");
        let error = gap(&["R3/2024-01-01T02:00:00Z/PT4H"])
            .unwrap_err()
            .to_string();
        assert!(error.contains("stops after 3 backups"), "{error}");
        assert_eq!(gap(&[]).unwrap_err(), IntervalError::Empty);
    }
}
