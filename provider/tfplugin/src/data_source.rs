//! What the server needs from a data source: a read-only lookup with a schema.

use crate::cty::Value;
use crate::tfprotocol::{Diagnostics, Schema};

/// A data source of a provider whose configuration resolves to a `C`
/// ([`Provider::Context`](crate::Provider::Context)).
pub trait DataSource<C>: Send + Sync {
    /// The type name configurations use, prefixed with the provider's name.
    fn type_name(&self) -> &'static str;

    fn schema(&self) -> &Schema;

    /// Checks that need no provider configuration; errors only.
    fn validate(&self, config: &Value) -> Diagnostics;

    /// The data source's state for a known `config`.
    fn read(&self, context: &C, config: &Value) -> Result<Value, Diagnostics>;
}
