//! Where a backup policy's period comes from: `interval`, the worst-case gap of the cron
//! `schedule`, or neither; and whether that period meets the RPO.

use super::BackupPolicyInput;
use crate::cron::worst_case_gap;
use crate::duration::Duration;
use crate::field::Field;
use crate::problem::Problem;

/// Where the backup period comes from: `interval`, `schedule`, or neither.
pub(super) struct BackupSchedule {
    pub(super) gap: Field<Duration>,
    source: ScheduleSource,
}

enum ScheduleSource {
    Interval,
    Cron(String),
    None,
}

impl BackupSchedule {
    /// Validates both arguments (each on its own) and takes the interval when it is set.
    pub(super) fn read(input: &BackupPolicyInput, problems: &mut Vec<Problem>) -> BackupSchedule {
        let interval = match &input.interval {
            Field::Unset => Field::Unset,
            Field::Unknown => Field::Unknown,
            Field::Known(text) => {
                match Duration::parse(text) {
                    Ok(duration) if duration.is_zero() => {
                        problems.push(Problem::error(
                        "interval",
                        format!("interval \"{text}\" is zero; backups need a period such as \"15m\"."),
                    ));
                        Field::Unknown
                    }
                    Ok(duration) => Field::Known(duration),
                    Err(error) => {
                        problems.push(Problem::error("interval", format!("interval: {error}.")));
                        Field::Unknown
                    }
                }
            }
        };
        let cron_gap = match &input.schedule {
            Field::Unset => Field::Unset,
            Field::Unknown => Field::Unknown,
            Field::Known(expr) => match worst_case_gap(expr) {
                Ok(gap) => Field::Known(gap),
                Err(error) => {
                    problems.push(Problem::error("schedule", format!("{error}.")));
                    Field::Unknown
                }
            },
        };
        if let (Field::Known(_), Field::Known(_)) = (&input.interval, &input.schedule) {
            problems.push(Problem::error(
                "schedule",
                "interval and schedule are both set; keep only one: interval for a fixed period such as \"1h\", or schedule for a cron expression.",
            ));
        }
        if !input.interval.is_unset() {
            return BackupSchedule {
                gap: interval,
                source: ScheduleSource::Interval,
            };
        }
        match &input.schedule {
            Field::Unset => BackupSchedule {
                gap: Field::Unset,
                source: ScheduleSource::None,
            },
            schedule => {
                let expr = schedule.known().cloned().unwrap_or_default();
                BackupSchedule {
                    gap: cron_gap,
                    source: ScheduleSource::Cron(expr),
                }
            }
        }
    }

    pub(super) fn attribute(&self) -> Option<&'static str> {
        match self.source {
            ScheduleSource::Interval => Some("interval"),
            ScheduleSource::Cron(_) => Some("schedule"),
            ScheduleSource::None => None,
        }
    }

    pub(super) fn check_against_rpo(
        &self,
        rpo: &Field<Duration>,
        rpo_source: &str,
        problems: &mut Vec<Problem>,
    ) {
        let (Field::Known(gap), Field::Known(rpo)) = (&self.gap, rpo) else {
            return;
        };
        if gap <= rpo {
            return;
        }
        match &self.source {
            ScheduleSource::Interval => problems.push(Problem::error(
                "interval",
                format!(
                    "interval {gap} is longer than the {rpo} RPO (from {rpo_source}): a backup every {gap} can lose up to {gap} of data; set interval to {rpo} or less."
                ),
            )),
            ScheduleSource::Cron(expr) => problems.push(Problem::error(
                "schedule",
                format!(
                    "schedule \"{expr}\" leaves up to {gap} between backups, longer than the {rpo} RPO (from {rpo_source}); run it at least every {rpo}."
                ),
            )),
            ScheduleSource::None => {}
        }
    }
}
