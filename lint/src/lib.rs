//! drlint: checks that Terraform-declared Azure resources can meet their disaster-recovery
//! objectives.
//!
//! - [`model`]: the DR model (durations, cron, regions, tiers, per-service capabilities), plain
//!   data and pure functions shared with `terraform-provider-dr`.
//! - Terraform is loaded by the `drkit-terraform` crate into evaluated resources.
//! - [`lint`]: resolves each resource's objective and runs the [`rules`] on it.
//! - [`output`]: text and JSON renderers; [`cli`]: the command line.

pub mod baseline;
pub mod cli;
pub mod config;
pub mod finding;
pub mod lint;
pub mod output;
pub mod rules;
