//! What the server needs from a managed resource type. The protocol's bookkeeping (decoding,
//! destroy plans, replacement, apply) is shared in [`crate::server`]; a resource holds only
//! its schema and its own logic.

use crate::cty::Value;
use crate::tfprotocol::{Diagnostics, Schema};

/// A managed resource type of a provider whose configuration resolves to a `C`
/// ([`Provider::Context`](crate::Provider::Context)).
pub trait Resource<C>: Send + Sync {
    /// The type name configurations use, prefixed with the provider's name.
    fn type_name(&self) -> &'static str;

    fn schema(&self) -> &Schema;

    /// Checks that need no provider configuration. Errors only: validation runs before the
    /// provider is configured, and warnings come from [`plan`](Self::plan), so that each is
    /// shown once.
    fn validate(&self, config: &Value) -> Diagnostics;

    /// The planned state for a non-null `config`, given the `prior` state (null on create).
    /// Values that depend on unknown inputs are unknown.
    fn plan(&self, context: &C, config: &Value, prior: &Value) -> (Value, Diagnostics);

    /// Attributes whose change cannot be made in place.
    fn requires_replace(&self) -> &'static [&'static str];

    /// The state `terraform import TYPE.NAME ID` starts from.
    fn import(&self, id: &str) -> Result<Value, Diagnostics>;
}
