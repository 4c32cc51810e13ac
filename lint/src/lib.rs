//! drlint: checks that Terraform-declared Azure resources can meet their disaster-recovery
//! objectives.
//!
//! - [`model`]: the DR model (durations, cron, regions, tiers, per-service capabilities), plain
//!   data and pure functions shared with `terraform-provider-dr`.
//! - [`terraform`]: loads Terraform modules and plan JSON into evaluated resources.
//! - [`rules`]: one rule per file, listed in a registry.

pub mod finding;
pub mod model;
pub mod terraform;
