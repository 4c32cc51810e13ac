//! drkit-tfplugin: the Terraform plugin protocol (version 6) for providers written in Rust.
//! A provider crate implements [`Provider`], [`Resource`] and [`DataSource`] and calls
//! [`plugin::run`]; everything between Terraform and those traits lives here, and nothing here
//! knows what a particular provider manages.
//!
//! - [`plugin`]: go-plugin process plumbing (handshake, AutoMTLS, controller, shutdown).
//! - [`server`]: the `tfplugin6.Provider` gRPC service, dispatching to the provider's types.
//! - [`tfprotocol`], [`cty`]: schemas, diagnostics and values as the protocol carries them.
//! - [`planning`]: the protocol's rules for planned values, replacement and apply.
//! - [`docs`]: Registry documentation pages rendered from templates and the schemas.
//! - [`proto`]: the messages and services generated from the workspace's `proto/`.

pub mod cty;
pub mod data_source;
pub mod docs;
pub mod identity;
pub mod planning;
pub mod plugin;
pub mod proto;
pub mod provider;
pub mod resource;
pub mod server;
pub mod tfprotocol;

pub use data_source::DataSource;
pub use identity::ProviderIdentity;
pub use provider::Provider;
pub use resource::{plan_resource, Resource};
