//! go-plugin process plumbing: everything between "Terraform starts the binary" and "gRPC
//! requests reach the provider service". Nothing here knows what the provider serves.
//!
//! - [`handshake`]: magic cookie, protocol negotiation, the stdout handshake line.
//! - [`tls`]: AutoMTLS (our certificate, the pinned client certificate).
//! - [`connection`]: accepted TCP / TLS connections.
//! - [`controller`]: go-plugin's `GRPCController.Shutdown`.
//! - [`serve`]: puts it together on a single-threaded runtime and runs until Terraform is done.

pub mod connection;
pub mod controller;
pub mod handshake;
pub mod serve;
pub mod tls;

pub use serve::{run, Mode};
