//! The `tfplugin6.Provider` gRPC service for any [`Provider`]: decodes each request against
//! the right schema, hands it to the resource or data source it names, and encodes the answer.
//! The protocol's bookkeeping (destroy plans, replacement, filling in unknowns at apply) lives
//! here, once; what a resource means lives in the provider's own crate.
//!
//! - this module: the service's state (the configured context) and request decoding;
//! - `rpc`: one handler per RPC.

mod rpc;

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, OnceLock, RwLock};

use crate::cty::Value;
use crate::data_source::DataSource;
use crate::proto::tfplugin6 as proto;
use crate::provider::Provider;
use crate::resource::Resource;
use crate::tfprotocol::{
    decode_dynamic_value, encode_dynamic_value, Diagnostic, Diagnostics, Schema,
};

pub struct ProviderService<P: Provider> {
    provider: P,
    /// Set by ConfigureProvider; until then (validation) the context's default applies.
    context: RwLock<Option<Arc<P::Context>>>,
    /// Set by StopProvider. The operations this server dispatches are computations with
    /// nothing remote to cancel, so it is only recorded.
    stop_requested: AtomicBool,
    /// GetProviderSchema's answer, built on first use: the schemas never change while the
    /// process runs.
    schemas: OnceLock<proto::get_provider_schema::Response>,
}

impl<P: Provider> ProviderService<P> {
    pub fn new(provider: P) -> ProviderService<P> {
        ProviderService {
            provider,
            context: RwLock::new(None),
            stop_requested: AtomicBool::new(false),
            schemas: OnceLock::new(),
        }
    }

    pub fn stop_requested(&self) -> bool {
        self.stop_requested.load(Ordering::Relaxed)
    }

    fn context(&self) -> Arc<P::Context> {
        let configured = self
            .context
            .read()
            .map(|guard| guard.clone())
            .unwrap_or_else(|poisoned| poisoned.into_inner().clone());
        configured.unwrap_or_default()
    }

    fn set_context(&self, context: P::Context) {
        let mut guard = self
            .context
            .write()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        *guard = Some(Arc::new(context));
    }

    fn resource(&self, type_name: &str) -> Result<&dyn Resource<P::Context>, Diagnostics> {
        self.provider
            .resources()
            .iter()
            .copied()
            .find(|resource| resource.type_name() == type_name)
            .ok_or_else(|| self.unsupported_type("resource type", type_name))
    }

    fn data_source(&self, type_name: &str) -> Result<&dyn DataSource<P::Context>, Diagnostics> {
        self.provider
            .data_sources()
            .iter()
            .copied()
            .find(|data_source| data_source.type_name() == type_name)
            .ok_or_else(|| self.unsupported_type("data source", type_name))
    }

    fn unsupported_type(&self, kind: &str, type_name: &str) -> Diagnostics {
        Diagnostic::error(
            format!("Unsupported {kind}"),
            format!(
                "The {} provider has no {kind} \"{type_name}\".",
                self.provider.identity().source()
            ),
        )
        .into()
    }
}

/// Decodes a value against a schema; a value that does not fit is reported, not a panic.
fn decode(value: Option<&proto::DynamicValue>, schema: &Schema) -> Result<Value, Diagnostics> {
    decode_dynamic_value(value, &schema.object_type()).map_err(|error| {
        Diagnostic::error("Invalid value from Terraform", error.to_string()).into()
    })
}

fn encode(value: &Value, schema: &Schema) -> Result<proto::DynamicValue, Diagnostics> {
    encode_dynamic_value(value, &schema.object_type()).map_err(|error| {
        Diagnostic::error("Provider produced an invalid value", error.to_string()).into()
    })
}

/// Collapses the two ways a handler reports trouble into the diagnostics list.
fn diagnostics_of<T>(result: Result<(T, Diagnostics), Diagnostics>) -> (Option<T>, Diagnostics) {
    match result {
        Ok((value, diagnostics)) => (Some(value), diagnostics),
        Err(diagnostics) => (None, diagnostics),
    }
}
