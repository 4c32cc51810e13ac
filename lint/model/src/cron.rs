//! Five-field cron schedules and the worst-case gap between two consecutive runs, which is the
//! data a schedule can lose: a backup every 6 hours cannot meet a 1 hour RPO.
//!
//! Fields: minute (0-59), hour (0-23), day of month (1-31), month (1-12 or jan-dec), day of
//! week (0-7 or sun-sat, 0 and 7 are Sunday). Each field takes `*`, `?` (same as `*`), numbers,
//! ranges `a-b`, lists `a,b`, and steps `*/n`, `a-b/n`, `a/n` (from a to the field's end).
//! Macros: `@hourly`, `@daily`, `@midnight`, `@weekly`, `@monthly`, `@yearly`, `@annually`.
//!
//! Day matching follows standard (Vixie) cron: when both day fields are restricted (neither
//! starts with `*` or `?`), a day runs if EITHER matches; otherwise both must match.
//!
//! Times are taken as UTC wall-clock (no daylight-saving shifts). The calendar from 1901 to
//! 2099 repeats every 28 years (every fourth year is a leap year and 28 years is a whole number
//! of weeks), so scanning 2001-2028 and wrapping around gives the exact worst case for any run
//! in that range. The non-leap year 2100 is deliberately out of scope.

use thiserror::Error;

use crate::duration::Duration;

const MINUTES_PER_DAY: u64 = 24 * 60;
const FIRST_YEAR: u32 = 2001;
const CYCLE_YEARS: u32 = 28;
/// 2001-01-01 was a Monday (Sunday = 0).
const FIRST_WEEKDAY: u32 = 1;

const MONTH_NAMES: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];
const DAY_NAMES: [&str; 7] = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];

/// Why a cron expression cannot be used. Messages quote the expression and name the field.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum CronError {
    #[error("the cron expression \"{expr}\" has {count} fields; expected 5: minute hour day-of-month month day-of-week")]
    FieldCount { expr: String, count: usize },
    #[error("the {field} field \"{text}\" of the cron expression \"{expr}\" is invalid: {reason}")]
    Field {
        expr: String,
        field: &'static str,
        text: String,
        reason: String,
    },
    #[error("the cron macro \"{0}\" has no fixed schedule; use @hourly, @daily, @midnight, @weekly, @monthly, @yearly or @annually")]
    UnknownMacro(String),
    #[error("the cron expression \"{expr}\" never runs: no date matches its day-of-month, month and day-of-week fields")]
    NeverRuns { expr: String },
}

/// One field's name, range and optional names (index = value - min).
struct FieldSpec {
    name: &'static str,
    min: u32,
    max: u32,
    names: &'static [&'static str],
}

const MINUTE: FieldSpec = FieldSpec {
    name: "minute",
    min: 0,
    max: 59,
    names: &[],
};
const HOUR: FieldSpec = FieldSpec {
    name: "hour",
    min: 0,
    max: 23,
    names: &[],
};
const DAY_OF_MONTH: FieldSpec = FieldSpec {
    name: "day-of-month",
    min: 1,
    max: 31,
    names: &[],
};
const MONTH: FieldSpec = FieldSpec {
    name: "month",
    min: 1,
    max: 12,
    names: &MONTH_NAMES,
};
// 7 is accepted as Sunday and folded onto 0 after parsing.
const DAY_OF_WEEK: FieldSpec = FieldSpec {
    name: "day-of-week",
    min: 0,
    max: 7,
    names: &DAY_NAMES,
};

/// A parsed field: bit `v` set when value `v` matches, and whether the field restricts at all
/// (it does not start with `*` or `?`), which decides how the two day fields combine.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct FieldSet {
    bits: u64,
    restricted: bool,
}

impl FieldSet {
    fn contains(self, value: u32) -> bool {
        self.bits & (1u64 << value) != 0
    }
}

/// A parsed five-field cron schedule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CronSchedule {
    expr: String,
    minutes: FieldSet,
    hours: FieldSet,
    days_of_month: FieldSet,
    months: FieldSet,
    days_of_week: FieldSet,
}

/// The largest gap between two consecutive runs of `expr`.
///
/// Walking the 28-year calendar cycle takes tens of microseconds, and an estate repeats the same
/// few schedules across many policies: each thread remembers the answers it has computed.
pub fn worst_case_gap(expr: &str) -> Result<Duration, CronError> {
    thread_local! {
        static GAPS: std::cell::RefCell<std::collections::HashMap<String, Result<Duration, CronError>>> =
            std::cell::RefCell::new(std::collections::HashMap::new());
    }
    if let Some(known) = GAPS.with(|gaps| gaps.borrow().get(expr).cloned()) {
        return known;
    }
    let gap = CronSchedule::parse(expr).and_then(|schedule| schedule.worst_case_gap());
    GAPS.with(|gaps| {
        let mut gaps = gaps.borrow_mut();
        // Bounded: a generated estate with a distinct schedule per policy must not grow it forever.
        if gaps.len() >= 4096 {
            gaps.clear();
        }
        gaps.insert(expr.to_string(), gap.clone());
    });
    gap
}

impl CronSchedule {
    pub fn parse(expr: &str) -> Result<CronSchedule, CronError> {
        let trimmed = expr.trim();
        let expanded = if trimmed.starts_with('@') {
            expand_macro(trimmed)?
        } else {
            trimmed
        };
        let fields: Vec<&str> = expanded.split_whitespace().collect();
        if fields.len() != 5 {
            return Err(CronError::FieldCount {
                expr: expr.to_string(),
                count: fields.len(),
            });
        }
        let mut days_of_week = parse_field(expr, fields[4], &DAY_OF_WEEK)?;
        if days_of_week.contains(7) {
            days_of_week.bits = (days_of_week.bits & !(1 << 7)) | 1;
        }
        Ok(CronSchedule {
            expr: expr.to_string(),
            minutes: parse_field(expr, fields[0], &MINUTE)?,
            hours: parse_field(expr, fields[1], &HOUR)?,
            days_of_month: parse_field(expr, fields[2], &DAY_OF_MONTH)?,
            months: parse_field(expr, fields[3], &MONTH)?,
            days_of_week,
        })
    }

    /// The expression as given.
    pub fn expr(&self) -> &str {
        &self.expr
    }

    fn runs_on(&self, month: u32, day: u32, weekday: u32) -> bool {
        if !self.months.contains(month) {
            return false;
        }
        let by_month_day = self.days_of_month.contains(day);
        let by_weekday = self.days_of_week.contains(weekday);
        if self.days_of_month.restricted && self.days_of_week.restricted {
            by_month_day || by_weekday
        } else {
            by_month_day && by_weekday
        }
    }

    /// The minutes of the day at which the schedule runs, ascending. Never empty: every field
    /// parses to at least one value.
    fn times_of_day(&self) -> Vec<u64> {
        let mut times = Vec::new();
        for hour in (0..24).filter(|h| self.hours.contains(*h)) {
            for minute in (0..60).filter(|m| self.minutes.contains(*m)) {
                times.push(u64::from(hour) * 60 + u64::from(minute));
            }
        }
        times
    }

    /// Day numbers (0 = 2001-01-01) within one 28-year cycle on which the schedule runs.
    fn run_days(&self) -> (Vec<u64>, u64) {
        let mut days = Vec::new();
        let mut index = 0u64;
        let mut weekday = FIRST_WEEKDAY;
        for year in FIRST_YEAR..FIRST_YEAR + CYCLE_YEARS {
            for month in 1..=12 {
                for day in 1..=days_in_month(year, month) {
                    if self.runs_on(month, day, weekday) {
                        days.push(index);
                    }
                    index += 1;
                    weekday = (weekday + 1) % 7;
                }
            }
        }
        (days, index)
    }

    /// The exact largest gap between consecutive runs. The times within a day are the same on
    /// every run day, so the gap is either inside a day or from a day's last run to the next
    /// run day's first.
    pub fn worst_case_gap(&self) -> Result<Duration, CronError> {
        let times = self.times_of_day();
        let (days, cycle_days) = self.run_days();
        let (Some(&first_time), Some(&last_time), Some(&first_day)) =
            (times.first(), times.last(), days.first())
        else {
            return Err(CronError::NeverRuns {
                expr: self.expr.clone(),
            });
        };
        let within_day = times.windows(2).map(|w| w[1] - w[0]).max().unwrap_or(0);
        let next_days = days.iter().skip(1).copied().chain([first_day + cycle_days]);
        let across_days = days
            .iter()
            .zip(next_days)
            .map(|(day, next)| (next - day) * MINUTES_PER_DAY + first_time - last_time)
            .max()
            .unwrap_or(0);
        Ok(Duration::from_minutes(within_day.max(across_days)))
    }
}

fn expand_macro(text: &str) -> Result<&'static str, CronError> {
    match text.to_ascii_lowercase().as_str() {
        "@hourly" => Ok("0 * * * *"),
        "@daily" | "@midnight" => Ok("0 0 * * *"),
        "@weekly" => Ok("0 0 * * 0"),
        "@monthly" => Ok("0 0 1 * *"),
        "@yearly" | "@annually" => Ok("0 0 1 1 *"),
        _ => Err(CronError::UnknownMacro(text.to_string())),
    }
}

fn is_leap_year(year: u32) -> bool {
    (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400)
}

fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        2 if is_leap_year(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

fn parse_field(expr: &str, text: &str, spec: &FieldSpec) -> Result<FieldSet, CronError> {
    let fail = |reason: String| CronError::Field {
        expr: expr.to_string(),
        field: spec.name,
        text: text.to_string(),
        reason,
    };
    let mut bits = 0u64;
    for item in text.split(',') {
        bits |= parse_item(item, spec).map_err(fail)?;
    }
    Ok(FieldSet {
        bits,
        restricted: !text.starts_with(['*', '?']),
    })
}

/// One list item: `*`, `v`, `a-b`, each optionally followed by `/step`.
fn parse_item(item: &str, spec: &FieldSpec) -> Result<u64, String> {
    if item.is_empty() {
        return Err("a list item is empty".to_string());
    }
    let (base, step) = match item.split_once('/') {
        Some((base, step_text)) => {
            let step: u32 = step_text
                .parse()
                .map_err(|_| format!("the step \"{step_text}\" is not a whole number"))?;
            if step == 0 {
                return Err("a step must be at least 1".to_string());
            }
            (base, Some(step))
        }
        None => (item, None),
    };
    let (start, end) = if base == "*" || base == "?" {
        (spec.min, spec.max)
    } else if let Some((from, to)) = base.split_once('-') {
        let (from, mut to) = (parse_value(from, spec)?, parse_value(to, spec)?);
        // `fri-sun`: Sunday ends a weekday range as 7 so the range does not run backwards.
        if spec.name == DAY_OF_WEEK.name && to == 0 && from > 0 {
            to = 7;
        }
        if from > to {
            return Err(format!("the range {base} runs backwards"));
        }
        (from, to)
    } else {
        let value = parse_value(base, spec)?;
        // `a/n` runs from a to the end of the field; a bare value is just itself.
        (value, if step.is_some() { spec.max } else { value })
    };
    let step = step.unwrap_or(1);
    let mut bits = 0u64;
    let mut value = start;
    while value <= end {
        bits |= 1u64 << value;
        // A huge step must end the loop, not overflow.
        match value.checked_add(step) {
            Some(next) => value = next,
            None => break,
        }
    }
    Ok(bits)
}

fn parse_value(text: &str, spec: &FieldSpec) -> Result<u32, String> {
    if text.is_empty() {
        return Err("a range is missing a value".to_string());
    }
    let lower = text.to_ascii_lowercase();
    if let Some(index) = spec.names.iter().position(|name| *name == lower) {
        return Ok(spec.min + index as u32);
    }
    let value: u32 = text.parse().map_err(|_| {
        if spec.names.is_empty() {
            format!("\"{text}\" is not a number")
        } else {
            format!(
                "\"{text}\" is neither a number nor a name ({}-{})",
                spec.names[0],
                spec.names[spec.names.len() - 1]
            )
        }
    })?;
    if value < spec.min || value > spec.max {
        return Err(format!("{value} is outside {}-{}", spec.min, spec.max));
    }
    Ok(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gap(expr: &str) -> String {
        worst_case_gap(expr)
            .unwrap_or_else(|e| panic!("{expr}: {e}"))
            .to_string()
    }

    #[test]
    fn computes_worst_case_gaps() {
        let cases: &[(&str, &str)] = &[
            ("0 */6 * * *", "6h"),
            ("0 2 * * *", "1d"),
            ("*/15 * * * *", "15m"),
            ("* * * * *", "1m"),
            ("0 * * * *", "1h"),
            ("0 0,12 * * *", "12h"),
            ("0 1,2 * * *", "23h"),
            ("30 2 * * 1-5", "3d"),
            ("0 0 * * mon-fri", "3d"),
            ("0 0 * * 0", "7d"),
            ("0 0 * * 7", "7d"),
            ("0 0 * * SUN", "7d"),
            ("0 0 1 * *", "31d"),
            ("0 0 1 1 *", "1y1d"),
            ("0 0 1 jan,jul *", "184d"),
            ("0 0 29 2 *", "4y1d"),
            ("0 0 31 * *", "61d"),
            ("1-30/5 * * * *", "35m"),
            ("5/15 * * * *", "15m"),
            ("10/20 * * * *", "20m"),
            ("0 9-17 * * *", "16h"),
            ("0 0 ? * *", "1d"),
            ("@hourly", "1h"),
            ("@daily", "1d"),
            ("@midnight", "1d"),
            ("@weekly", "7d"),
            ("@monthly", "31d"),
            ("@yearly", "1y1d"),
            ("@ANNUALLY", "1y1d"),
            ("  0 */6 * * *  ", "6h"),
            ("1/4294967295 * * * *", "1h"),
        ];
        for (expr, expected) in cases {
            assert_eq!(gap(expr), *expected, "{expr}");
        }
    }

    #[test]
    fn both_restricted_day_fields_match_either() {
        // The 1st of the month OR any Monday: never more than 7 days apart.
        assert_eq!(gap("0 0 1 * mon"), "7d");
        // A star-led day-of-month means "AND": odd days that are also Mondays.
        let and_gap = worst_case_gap("0 0 */2 * mon").unwrap();
        assert!(and_gap > Duration::from_days(14), "{and_gap}");
        // The 13th OR any Friday: Fridays alone are 7 days apart, the 13th can only shorten it.
        assert_eq!(gap("0 0 13 * fri"), "7d");
        // The 1st or the 15th OR any Sunday.
        assert_eq!(gap("0 0 1,15 * sun"), "7d");
    }

    #[test]
    fn friday_the_13th_only_when_day_of_month_is_star_led() {
        // "*/13" is star-led, so it combines with AND: days 1, 14, 27 that are Fridays.
        let gap = worst_case_gap("0 0 */13 * fri").unwrap();
        assert!(gap > Duration::from_days(60), "{gap}");
    }

    #[test]
    fn rejects_bad_expressions_naming_the_field() {
        let cases: &[(&str, &str)] = &[
            ("", "has 0 fields; expected 5"),
            ("0 * * *", "the cron expression \"0 * * *\" has 4 fields"),
            ("0 0 * * * *", "has 6 fields"),
            ("60 * * * *", "the minute field \"60\" of the cron expression \"60 * * * *\" is invalid: 60 is outside 0-59"),
            ("0 24 * * *", "the hour field \"24\""),
            ("0 0 0 * *", "the day-of-month field \"0\""),
            ("0 0 * 13 *", "the month field \"13\""),
            ("0 0 * foo *", "\"foo\" is neither a number nor a name (jan-dec)"),
            ("0 0 * * 8", "the day-of-week field \"8\""),
            ("0 0 * * funday", "(sun-sat)"),
            ("*/0 * * * *", "a step must be at least 1"),
            ("*/x * * * *", "the step \"x\" is not a whole number"),
            ("5-3 * * * *", "the range 5-3 runs backwards"),
            ("1,,2 * * * *", "a list item is empty"),
            ("1- * * * *", "a range is missing a value"),
            ("x * * * *", "\"x\" is not a number"),
            ("-1 * * * *", "a range is missing a value"),
            ("@reboot", "the cron macro \"@reboot\" has no fixed schedule"),
            ("0 0 30 2 *", "the cron expression \"0 0 30 2 *\" never runs"),
            ("0 0 31 4,6,9,11 *", "never runs"),
        ];
        for (expr, expected) in cases {
            let error = worst_case_gap(expr).expect_err(expr).to_string();
            assert!(error.contains(expected), "{expr}: {error}");
        }
    }

    #[test]
    fn parses_names_case_insensitively() {
        assert_eq!(
            CronSchedule::parse("0 0 * JAN-Mar Mon").unwrap().months,
            CronSchedule::parse("0 0 * 1-3 1").unwrap().months
        );
        assert_eq!(gap("0 0 * * sat-sun"), gap("0 0 * * 6,0"));
        assert_eq!(gap("0 0 * * fri-sun"), "5d");
        assert_eq!(gap("0 0 * * 5-7"), "5d");
    }

    #[test]
    fn cycle_is_a_whole_number_of_weeks() {
        let (_, days) = CronSchedule::parse("* * * * *").unwrap().run_days();
        assert_eq!(days % 7, 0);
        assert_eq!(days, 28 * 365 + 7);
    }
}
