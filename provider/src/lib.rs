//! terraform-provider-dr: a Terraform provider (plugin protocol 6) for disaster-recovery
//! objectives, built on the DR model of `drkit-model`, the one drlint uses.
//!
//! - [`plugin`]: go-plugin process plumbing (handshake, AutoMTLS, controller, shutdown).
//! - [`tfprotocol`], [`cty`]: schemas, diagnostics and values as the protocol carries them.
//! - [`provider`]: the `tfplugin6.Provider` service, dispatching to resources and data sources.
//! - [`resources`], [`data_sources`]: one module per Terraform type, with its schema and logic.

pub mod cty;
pub mod data_sources;
pub mod fields;
pub mod plugin;
pub mod proto;
pub mod provider;
pub mod resources;
pub mod tfprotocol;
