//! Azure Backup schedules and retentions as pure functions: how long a Recovery Services or
//! Backup vault policy can leave between two backups, how far back its backups reach, and the
//! settings that meet an objective. drlint judges policies with them and
//! terraform-provider-dr computes `dr_backup_policy.azure.*` with them, so both agree.

pub mod retention;
pub mod schedule;

pub use retention::{RetentionCounts, Store};
pub use schedule::{Schedule, Weekday};
