//! The DR model: plain data and pure functions, shared by drlint and terraform-provider-dr so
//! that both give the same verdict.

pub mod duration;

pub mod cron;

pub use cron::{worst_case_gap, CronError, CronSchedule};
pub use duration::{Duration, DurationError};
