//! drkit-model: the DR model, plain data and pure functions, shared by drlint and
//! terraform-provider-dr so that both give the same verdict. It depends on no other crate of
//! the workspace, reads no Terraform and knows no output format.
//!
//! - [`duration`]: `1h30m` / `PT1H30M` durations, normalised.
//! - [`cron`]: five-field cron schedules and their worst-case gap between runs;
//!   [`repeating_interval`]: ISO 8601 repeating intervals (Backup vault schedules) and theirs.
//! - [`region`]: Azure region names and the published region pairs.
//! - [`tier`], [`policy`]: tiers and the HCL policy packs that declare them; [`hcl_source`]
//!   reads those documents (and drlint's `.drlint.hcl`) with `file:line:column` errors.
//! - [`capabilities`]: what each Azure service accepts (ranges, defaults), from the docs.
//! - [`azure_backup`]: Azure Backup schedules, retentions and the settings that meet an
//!   objective.
//! - [`backup_policy`]: validation and Azure settings for `dr_backup_policy`.
//! - [`failover_group`]: validation and computed regions for `dr_failover_group`.
//! - [`field`], [`problem`]: possibly-unknown values, severities and validation problems.
//! - [`objective`]: what a resource must achieve; [`facts`]: what a resource is configured to
//!   do for recovery, per service, as sources read it and rules judge it.
//! - [`attributes`]: the attribute tables of the `dr_*` resources, from which the provider's
//!   schema, plan and docs and drlint's reading of those blocks all come.

pub mod attributes;
pub mod azure_backup;
pub mod backup_policy;
pub mod capabilities;
pub mod cron;
pub mod duration;
mod evaluation;
pub mod facts;
pub mod failover_group;
pub mod field;
pub mod hcl_source;
pub mod objective;
pub mod policy;
pub mod problem;
pub mod region;
pub mod repeating_interval;
pub mod tier;

pub use backup_policy::{
    evaluate_backup_policy, AzureSettings, BackupPolicy, BackupPolicyEvaluation, BackupPolicyInput,
};
pub use cron::{worst_case_gap, CronError, CronSchedule};
pub use duration::{Duration, DurationError};
pub use failover_group::{
    evaluate_failover_group, FailoverGroup, FailoverGroupEvaluation, FailoverGroupInput,
    FailoverMode,
};
pub use field::Field;
pub use hcl_source::SourceError;
pub use objective::Objective;
pub use policy::{PolicyError, PolicyPack};
pub use problem::{Problem, Severity};
pub use region::Region;
pub use tier::Tier;
