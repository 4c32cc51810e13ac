//! The DR model: plain data and pure functions, shared by drlint and terraform-provider-dr so
//! that both give the same verdict.
//!
//! - [`duration`]: `1h30m` / `PT1H30M` durations, normalised.
//! - [`cron`]: five-field cron schedules and their worst-case gap between runs.
//! - [`region`]: Azure region names and the published region pairs.
//! - [`tier`], [`policy`]: tiers and the HCL policy packs that declare them.
//! - [`config`]: the project file `.drlint.hcl`.

pub mod config;
pub mod cron;
pub mod duration;
mod hcl_source;
pub mod policy;
pub mod region;
pub mod tier;

pub use config::{init_template, Config, ConfigError, PathRule, CONFIG_FILE_NAME};
pub use cron::{worst_case_gap, CronError, CronSchedule};
pub use duration::{Duration, DurationError};
pub use hcl_source::SourceError;
pub use policy::{PolicyError, PolicyPack};
pub use region::Region;
pub use tier::Tier;
