//! Code generated at build time from `proto/` (see `build.rs`).

/// Terraform plugin protocol 6.0: the `Provider` service and its messages.
#[allow(clippy::all, missing_docs)]
pub mod tfplugin6 {
    tonic::include_proto!("tfplugin6");
}

/// go-plugin's `GRPCController` service.
#[allow(clippy::all, missing_docs)]
pub mod go_plugin {
    tonic::include_proto!("plugin");
}
