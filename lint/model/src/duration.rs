//! Durations as DR objectives state them: `30s`, `15m`, `1h`, `4h30m`, `7d`, `2w`, `1y` (365
//! days) and ISO 8601 (`PT1H`, `P30D`, `P1Y`, `P2W`, `P1DT2H30M`).
//!
//! A duration is a whole number of seconds. Calendar months are rejected because a month has no
//! fixed length, and an objective must be comparable with a backup interval.
//!
//! [`Duration`]'s `Display` prints the normalised form that drlint reports and the provider
//! stores: units are filled greedily from the largest (`90m` -> `1h30m`, `24h` -> `1d`,
//! `720h` -> `30d`, `365d` -> `1y`); weeks are used only when that makes the text shorter
//! (`14d` -> `2w`, while `7d` and `30d` stay as they are).

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use thiserror::Error;

const MINUTE: u64 = 60;
const HOUR: u64 = 60 * MINUTE;
const DAY: u64 = 24 * HOUR;
const WEEK: u64 = 7 * DAY;
/// A year is 365 days: objectives such as "keep for 7 years" mean calendar-agnostic days.
const YEAR: u64 = 365 * DAY;

/// The units of the short syntax, largest first, with their length in seconds.
const UNITS: [(char, u64); 6] = [
    ('y', YEAR),
    ('w', WEEK),
    ('d', DAY),
    ('h', HOUR),
    ('m', MINUTE),
    ('s', 1),
];

/// A length of time in whole seconds.
#[derive(Copy, Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Duration {
    secs: u64,
}

/// Why a text is not a duration. The message quotes the text and says what is accepted.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("\"{text}\" is not a duration: {reason}; use s, m, h, d, w, y or ISO 8601 such as PT1H")]
pub struct DurationError {
    /// The text as given (not trimmed), so the user recognises it.
    pub text: String,
    pub reason: DurationErrorReason,
}

/// What exactly is wrong with a duration text.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum DurationErrorReason {
    #[error("it is empty")]
    Empty,
    #[error("unknown unit \"{0}\"")]
    UnknownUnit(String),
    #[error("the number {0} has no unit")]
    MissingUnit(String),
    #[error("the unit \"{0}\" has no number before it")]
    MissingNumber(char),
    #[error("the unit \"{later}\" comes after \"{earlier}\"; write units from the largest to the smallest, each once")]
    UnitOrder { earlier: char, later: char },
    #[error("a month has no fixed length; use days (P30D) or weeks instead")]
    Months,
    #[error("ISO 8601 durations look like P1DT2H30M; \"{0}\" is misplaced")]
    IsoSyntax(String),
    #[error("Azure Backup takes ISO 8601 durations only, such as P30D or P7Y")]
    NotIso8601,
    #[error("fractions are not supported; use a smaller unit")]
    Fraction,
    #[error("it is too large")]
    Overflow,
}

impl Duration {
    pub const ZERO: Duration = Duration { secs: 0 };

    pub const fn from_secs(secs: u64) -> Duration {
        Duration { secs }
    }

    /// Saturates at the largest representable duration rather than overflowing.
    pub const fn from_minutes(minutes: u64) -> Duration {
        Duration {
            secs: minutes.saturating_mul(MINUTE),
        }
    }

    pub const fn from_hours(hours: u64) -> Duration {
        Duration {
            secs: hours.saturating_mul(HOUR),
        }
    }

    pub const fn from_days(days: u64) -> Duration {
        Duration {
            secs: days.saturating_mul(DAY),
        }
    }

    pub const fn as_secs(self) -> u64 {
        self.secs
    }

    /// Whole minutes, rounded down.
    pub const fn as_minutes_floor(self) -> u64 {
        self.secs / MINUTE
    }

    /// Minutes, rounded up: the smallest whole number of minutes that covers this duration.
    pub const fn as_minutes_ceil(self) -> u64 {
        self.secs.div_ceil(MINUTE)
    }

    pub const fn as_hours_floor(self) -> u64 {
        self.secs / HOUR
    }

    pub const fn as_hours_ceil(self) -> u64 {
        self.secs.div_ceil(HOUR)
    }

    pub const fn as_days_floor(self) -> u64 {
        self.secs / DAY
    }

    pub const fn as_days_ceil(self) -> u64 {
        self.secs.div_ceil(DAY)
    }

    pub const fn is_zero(self) -> bool {
        self.secs == 0
    }

    pub fn checked_add(self, other: Duration) -> Option<Duration> {
        self.secs.checked_add(other.secs).map(Duration::from_secs)
    }

    /// Parses the short syntax (`4h30m`) or ISO 8601 (`PT4H30M`); surrounding whitespace is
    /// ignored.
    pub fn parse(text: &str) -> Result<Duration, DurationError> {
        let fail = |reason| DurationError {
            text: text.to_string(),
            reason,
        };
        let trimmed = text.trim();
        if trimmed.is_empty() {
            return Err(fail(DurationErrorReason::Empty));
        }
        let result = if trimmed.starts_with(['P', 'p']) {
            parse_iso(&trimmed[1..])
        } else {
            parse_short(trimmed)
        };
        result.map(Duration::from_secs).map_err(fail)
    }

    /// Parses a retention as Azure Backup writes it: ISO 8601 only, where months are allowed
    /// (`P3M`, `P1Y6M`) and count as a twelfth of a year (30d10h), so that twelve months make a
    /// year as [`Duration`] counts it. Only for how long backups are kept, never for how often
    /// they are taken.
    pub fn parse_retention(text: &str) -> Result<Duration, DurationError> {
        let fail = |reason| DurationError {
            text: text.to_string(),
            reason,
        };
        let trimmed = text.trim();
        match trimmed.strip_prefix(['P', 'p']) {
            Some(iso) => parse_iso_with(iso, MONTH)
                .map(Duration::from_secs)
                .map_err(fail),
            None if trimmed.is_empty() => Err(fail(DurationErrorReason::Empty)),
            None => Err(fail(DurationErrorReason::NotIso8601)),
        }
    }

    /// The ISO 8601 text of this duration, in days and smaller units (`P30D`, `PT4H`,
    /// `P1DT2H30M`, `PT0S`): the form Azure Backup policies take.
    pub fn to_iso8601(self) -> String {
        let days = self.secs / DAY;
        let rest = self.secs % DAY;
        let mut text = String::from("P");
        if days > 0 {
            text.push_str(&format!("{days}D"));
        }
        if rest > 0 || days == 0 {
            text.push('T');
            let (hours, minutes, seconds) = (rest / HOUR, rest % HOUR / MINUTE, rest % MINUTE);
            if hours > 0 {
                text.push_str(&format!("{hours}H"));
            }
            if minutes > 0 {
                text.push_str(&format!("{minutes}M"));
            }
            if seconds > 0 || rest == 0 {
                text.push_str(&format!("{seconds}S"));
            }
        }
        text
    }

    /// The normalised text, as `Display` prints it.
    pub fn to_normalised_string(self) -> String {
        self.to_string()
    }
}

/// Reads the leading run of ASCII digits; returns it and the rest.
fn split_number(text: &str) -> (&str, &str) {
    let end = text
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(text.len());
    text.split_at(end)
}

fn accumulate(total: u64, digits: &str, unit_secs: u64) -> Result<u64, DurationErrorReason> {
    digits
        .parse::<u64>()
        .ok()
        .and_then(|count| count.checked_mul(unit_secs))
        .and_then(|secs| total.checked_add(secs))
        .ok_or(DurationErrorReason::Overflow)
}

fn parse_short(text: &str) -> Result<u64, DurationErrorReason> {
    let mut total = 0u64;
    let mut rest = text;
    // Index into UNITS of the last unit seen; the next one must come strictly later.
    let mut previous: Option<usize> = None;
    while !rest.is_empty() {
        rest = rest.trim_start();
        let (digits, after) = split_number(rest);
        let mut chars = after.chars();
        let Some(unit) = chars.next() else {
            return Err(DurationErrorReason::MissingUnit(digits.to_string()));
        };
        if digits.is_empty() {
            if unit == '.' || unit == ',' {
                return Err(DurationErrorReason::Fraction);
            }
            return match unit_index(unit) {
                Some(_) => Err(DurationErrorReason::MissingNumber(unit)),
                None => Err(DurationErrorReason::UnknownUnit(
                    leading_word(rest).to_string(),
                )),
            };
        }
        if unit == '.' || unit == ',' {
            return Err(DurationErrorReason::Fraction);
        }
        if unit.is_whitespace() {
            return Err(DurationErrorReason::MissingUnit(digits.to_string()));
        }
        let Some(index) = unit_index(unit) else {
            return Err(DurationErrorReason::UnknownUnit(
                leading_word(after).to_string(),
            ));
        };
        // A unit letter followed directly by more letters ("5min", "2hours") is an unknown unit.
        if chars.clone().next().is_some_and(|c| c.is_alphabetic()) {
            return Err(DurationErrorReason::UnknownUnit(
                leading_word(after).to_string(),
            ));
        }
        if let Some(previous) = previous {
            if index <= previous {
                return Err(DurationErrorReason::UnitOrder {
                    earlier: UNITS[previous].0,
                    later: UNITS[index].0,
                });
            }
        }
        previous = Some(index);
        total = accumulate(total, digits, UNITS[index].1)?;
        rest = chars.as_str();
    }
    Ok(total)
}

fn unit_index(unit: char) -> Option<usize> {
    let lower = unit.to_ascii_lowercase();
    // Upper-case M is ambiguous (minutes or months); only lower-case units are short syntax.
    if unit != lower {
        return None;
    }
    UNITS.iter().position(|(letter, _)| *letter == lower)
}

/// The run of non-digit, non-space characters at the start of `text`, for error messages.
fn leading_word(text: &str) -> &str {
    let end = text
        .find(|c: char| c.is_ascii_digit() || c.is_whitespace())
        .unwrap_or(text.len());
    if end == 0 {
        &text[..text.chars().next().map_or(0, char::len_utf8)]
    } else {
        &text[..end]
    }
}

/// A month where a retention allows one: a twelfth of a year.
const MONTH: u64 = YEAR / 12;

/// Parses the part after `P`: `[nY][nW][nD][T[nH][nM][nS]]`.
fn parse_iso(text: &str) -> Result<u64, DurationErrorReason> {
    parse_iso_with(text, 0)
}

/// Parses the part after `P`, with months of `month` seconds (0: months are an error).
fn parse_iso_with(text: &str, month: u64) -> Result<u64, DurationErrorReason> {
    let upper = text.to_ascii_uppercase();
    let (date, time) = match upper.split_once('T') {
        Some((date, time)) => {
            if time.is_empty() {
                return Err(DurationErrorReason::IsoSyntax("T".to_string()));
            }
            (date, Some(time))
        }
        None => (upper.as_str(), None),
    };
    if date.is_empty() && time.is_none() {
        return Err(DurationErrorReason::IsoSyntax("P".to_string()));
    }
    let mut total = iso_part(
        date,
        &[('Y', YEAR), ('M', month), ('W', WEEK), ('D', DAY)],
        0,
    )?;
    if let Some(time) = time {
        total = iso_part(time, &[('H', HOUR), ('M', MINUTE), ('S', 1)], total)?;
    }
    Ok(total)
}

/// Reads designators of one ISO part in order. A unit of 0 seconds marks the month designator.
fn iso_part(text: &str, units: &[(char, u64)], mut total: u64) -> Result<u64, DurationErrorReason> {
    let mut rest = text;
    let mut next_allowed = 0;
    while !rest.is_empty() {
        let (digits, after) = split_number(rest);
        let mut chars = after.chars();
        let Some(designator) = chars.next() else {
            return Err(DurationErrorReason::MissingUnit(digits.to_string()));
        };
        if designator == '.' || designator == ',' {
            return Err(DurationErrorReason::Fraction);
        }
        if digits.is_empty() {
            return Err(DurationErrorReason::IsoSyntax(designator.to_string()));
        }
        let position = units[next_allowed..]
            .iter()
            .position(|(letter, _)| *letter == designator)
            .map(|offset| offset + next_allowed);
        let Some(index) = position else {
            return if units.iter().any(|(letter, _)| *letter == designator) {
                Err(DurationErrorReason::IsoSyntax(designator.to_string()))
            } else {
                Err(DurationErrorReason::UnknownUnit(designator.to_string()))
            };
        };
        let unit_secs = units[index].1;
        if unit_secs == 0 {
            return Err(DurationErrorReason::Months);
        }
        total = accumulate(total, digits, unit_secs)?;
        next_allowed = index + 1;
        rest = chars.as_str();
    }
    Ok(total)
}

/// Greedy decomposition of `secs` into the given units, as text (`1h30m`).
fn greedy_text(mut secs: u64, units: impl Iterator<Item = (char, u64)>) -> String {
    let mut text = String::new();
    for (letter, size) in units {
        let count = secs / size;
        if count > 0 {
            text.push_str(&count.to_string());
            text.push(letter);
            secs -= count * size;
        }
    }
    text
}

impl fmt::Display for Duration {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.secs == 0 {
            return f.write_str("0s");
        }
        let without_weeks =
            greedy_text(self.secs, UNITS.iter().copied().filter(|(l, _)| *l != 'w'));
        let with_weeks = greedy_text(self.secs, UNITS.iter().copied());
        // Weeks only when strictly shorter: `7d` reads better than `1w`, `14d` is `2w`.
        if with_weeks.len() < without_weeks.len() {
            f.write_str(&with_weeks)
        } else {
            f.write_str(&without_weeks)
        }
    }
}

impl std::str::FromStr for Duration {
    type Err = DurationError;

    fn from_str(text: &str) -> Result<Duration, DurationError> {
        Duration::parse(text)
    }
}

impl Serialize for Duration {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Duration {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Duration, D::Error> {
        let text = String::deserialize(deserializer)?;
        Duration::parse(&text).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn secs(text: &str) -> u64 {
        Duration::parse(text)
            .unwrap_or_else(|e| panic!("{text}: {e}"))
            .as_secs()
    }

    #[test]
    fn parses_short_syntax() {
        let cases: &[(&str, u64)] = &[
            ("30s", 30),
            ("15m", 15 * 60),
            ("1h", 3600),
            ("4h30m", 4 * 3600 + 30 * 60),
            ("7d", 7 * 86400),
            ("2w", 14 * 86400),
            ("1y", 365 * 86400),
            (
                "1y2w3d4h5m6s",
                365 * 86400 + 14 * 86400 + 3 * 86400 + 4 * 3600 + 5 * 60 + 6,
            ),
            ("  1h  ", 3600),
            ("\t90m\n", 90 * 60),
            ("1h 30m", 5400),
            ("0s", 0),
            ("0m", 0),
            ("720h", 720 * 3600),
        ];
        for (text, expected) in cases {
            assert_eq!(secs(text), *expected, "{text}");
        }
    }

    #[test]
    fn parses_iso_8601() {
        let cases: &[(&str, u64)] = &[
            ("PT1H", 3600),
            ("P30D", 30 * 86400),
            ("P1Y", 365 * 86400),
            ("P2W", 14 * 86400),
            ("P1DT2H30M", 86400 + 2 * 3600 + 30 * 60),
            ("PT15M", 900),
            ("PT30S", 30),
            ("pt1h", 3600),
            (" P7D ", 7 * 86400),
            ("P1Y2DT3S", 365 * 86400 + 2 * 86400 + 3),
        ];
        for (text, expected) in cases {
            assert_eq!(secs(text), *expected, "{text}");
        }
    }

    #[test]
    fn normalises_to_the_canonical_form() {
        let cases: &[(&str, &str)] = &[
            ("90m", "1h30m"),
            ("24h", "1d"),
            ("720h", "30d"),
            ("365d", "1y"),
            ("60m", "1h"),
            ("0s", "0s"),
            ("0h", "0s"),
            ("7d", "7d"),
            ("1w", "7d"),
            ("14d", "2w"),
            ("30d", "30d"),
            ("P30D", "30d"),
            ("PT1H", "1h"),
            ("3600s", "1h"),
            ("61s", "1m1s"),
            ("2555d", "7y"),
            ("366d", "1y1d"),
            ("1y14d", "1y2w"),
            ("25h", "1d1h"),
            ("4h30m", "4h30m"),
            ("1440m", "1d"),
        ];
        for (text, normalised) in cases {
            assert_eq!(
                Duration::parse(text).unwrap().to_string(),
                *normalised,
                "{text}"
            );
        }
    }

    #[test]
    fn normalised_text_parses_back_to_the_same_duration() {
        for secs in [
            1, 59, 60, 61, 3599, 3600, 86399, 86400, 604800, 1209600, 31536000, 31536001,
        ] {
            let duration = Duration::from_secs(secs);
            assert_eq!(Duration::parse(&duration.to_string()).unwrap(), duration);
        }
    }

    #[test]
    fn rejects_bad_text_with_a_quoted_message() {
        let cases: &[(&str, &str)] = &[
            ("4x", "\"4x\" is not a duration: unknown unit \"x\"; use s, m, h, d, w, y or ISO 8601 such as PT1H"),
            ("", "\"\" is not a duration: it is empty; use s, m, h, d, w, y or ISO 8601 such as PT1H"),
            ("   ", "it is empty"),
            ("30", "the number 30 has no unit"),
            ("h", "the unit \"h\" has no number before it"),
            ("30m1h", "the unit \"h\" comes after \"m\""),
            ("1h1h", "the unit \"h\" comes after \"h\""),
            ("5min", "unknown unit \"min\""),
            ("2 hours", "the number 2 has no unit"),
            ("1.5h", "fractions are not supported"),
            ("P1M", "a month has no fixed length"),
            ("P1Y2M", "a month has no fixed length"),
            ("P", "ISO 8601 durations look like P1DT2H30M"),
            ("P1DT", "ISO 8601 durations look like P1DT2H30M"),
            ("PT1D", "unknown unit \"D\""),
            ("P1H", "unknown unit \"H\""),
            ("P1D1Y", "\"Y\" is misplaced"),
            ("PT1.5H", "fractions are not supported"),
            ("1H", "unknown unit \"H\""),
            ("-1h", "unknown unit \"-\""),
            ("99999999999999999999s", "it is too large"),
            ("600000000000y", "it is too large"),
            ("P600000000000Y", "it is too large"),
        ];
        for (text, expected) in cases {
            let error = Duration::parse(text).expect_err(text).to_string();
            assert!(error.contains(expected), "{text}: {error}");
            assert!(error.starts_with(&format!("\"{text}\"")), "{text}: {error}");
        }
    }

    #[test]
    fn odd_text_is_an_error_not_a_panic() {
        for text in [
            "ĥ", "1ĥ", "٣h", "1h\u{0}", "P", "PT", "P-1D", "1h-", "h1", "1hh", "1 h", "∞", "1e3s",
            "P1Y1Y",
        ] {
            assert!(Duration::parse(text).is_err(), "{text:?}");
        }
        assert_eq!(Duration::parse("pt1h").unwrap(), Duration::from_hours(1));
    }

    #[test]
    fn rounds_when_converting() {
        let d = Duration::parse("90s").unwrap();
        assert_eq!(d.as_minutes_floor(), 1);
        assert_eq!(d.as_minutes_ceil(), 2);
        let d = Duration::parse("25h").unwrap();
        assert_eq!(d.as_hours_ceil(), 25);
        assert_eq!(d.as_days_floor(), 1);
        assert_eq!(d.as_days_ceil(), 2);
        assert_eq!(Duration::from_days(1).as_hours_floor(), 24);
        assert_eq!(Duration::from_hours(2), Duration::from_minutes(120));
        assert_eq!(Duration::from_minutes(u64::MAX).as_secs(), u64::MAX);
    }

    #[test]
    fn retentions_allow_months() {
        assert_eq!(
            Duration::parse_retention("P3M").unwrap(),
            Duration::from_secs(3 * MONTH)
        );
        assert_eq!(Duration::parse_retention("P12M").unwrap().to_string(), "1y");
        assert_eq!(
            Duration::parse_retention("P1Y6M").unwrap(),
            Duration::from_secs(YEAR + 6 * MONTH)
        );
        assert_eq!(
            Duration::parse_retention("P30D").unwrap().to_string(),
            "30d"
        );
        assert!(Duration::parse_retention("30d")
            .unwrap_err()
            .to_string()
            .contains("ISO 8601 durations only"));
        assert!(Duration::parse_retention("P1X").is_err());
        assert!(
            Duration::parse("P3M").is_err(),
            "objectives still refuse months"
        );
    }

    #[test]
    fn iso_8601_text_round_trips() {
        for (text, iso) in [
            ("30d", "P30D"),
            ("4h", "PT4H"),
            ("1d2h30m", "P1DT2H30M"),
            ("0s", "PT0S"),
            ("1w", "P7D"),
            ("90s", "PT1M30S"),
        ] {
            let duration = Duration::parse(text).unwrap();
            assert_eq!(duration.to_iso8601(), iso);
            assert_eq!(Duration::parse(iso).unwrap(), duration);
        }
    }

    #[test]
    fn orders_by_length() {
        assert!(Duration::parse("59m").unwrap() < Duration::parse("1h").unwrap());
        assert!(Duration::parse("P1D").unwrap() > Duration::parse("23h59m59s").unwrap());
    }

    #[test]
    fn serialises_as_the_normalised_string() {
        let d = Duration::parse("60m").unwrap();
        assert_eq!(serde_json::to_string(&d).unwrap(), "\"1h\"");
        let back: Duration = serde_json::from_str("\"PT90M\"").unwrap();
        assert_eq!(back.to_string(), "1h30m");
        assert!(serde_json::from_str::<Duration>("\"4x\"").is_err());
    }
}
