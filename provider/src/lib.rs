//! terraform-provider-dr: a Terraform provider (plugin protocol 6) for disaster-recovery
//! objectives, built on the DR model of `drkit-model`, the one drlint uses, and served by the
//! protocol plumbing of `drkit-tfplugin`.
//!
//! - [`provider`]: the `drkit/dr` provider: its name, its block, its types.
//! - [`configuration`]: the provider block (`default_tier`, `policy_file`) and what it
//!   resolves to.
//! - [`resources`], [`data_sources`]: one module per Terraform type, with its schema and logic.
//! - [`values`]: the protocol's values in the DR model's terms and back.

pub mod configuration;
pub mod data_sources;
pub mod provider;
pub mod resources;
pub mod values;

pub use provider::DrProvider;
