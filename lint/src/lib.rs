//! drlint: checks that Terraform-declared Azure resources can meet their disaster-recovery
//! objectives. Data flows one way: **sources -> facts -> rules -> findings**.
//!
//! - Terraform is loaded by `drkit-terraform` into evaluated resources; the DR model
//!   (durations, tiers, capabilities, facts) is `drkit-model`, shared with
//!   terraform-provider-dr.
//! - [`sources`]: readers that turn a resource into the facts of its service.
//! - [`rules`]: one rule per file, grouped by service, judging facts against the objective.
//! - [`engine`]: a run: objectives, reading, rules, suppressions, folding.
//! - [`config`]: `.drlint.hcl`; [`finding`]: what a run reports.
//! - [`run`], [`fingerprint`], [`baseline`]: the reports of one invocation, their stable
//!   identities, and baselines of accepted findings.
//! - [`output`]: one renderer per format; `cli` (feature `cli`): the command line.

pub mod baseline;
#[cfg(feature = "cli")]
pub mod cli;
pub mod config;
pub mod engine;
pub mod finding;
pub mod fingerprint;
pub mod output;
pub mod rules;
pub mod run;
pub mod sources;
