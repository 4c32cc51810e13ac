//! What the server needs from a managed resource type, and how a resource's plan is made. The
//! protocol's bookkeeping (decoding, destroy plans, replacement, apply) is shared in
//! [`crate::server`], its planning rules in [`crate::planning`]; a resource holds only its
//! schema and the values it computes.

use crate::cty::Value;
use crate::planning::{plan_object, ComputedValues};
use crate::tfprotocol::{Diagnostics, Schema};

/// A managed resource type of a provider whose configuration resolves to a `C`
/// ([`Provider::Context`](crate::Provider::Context)).
pub trait Resource<C>: Send + Sync {
    /// The type name configurations use, prefixed with the provider's name.
    fn type_name(&self) -> &'static str;

    fn schema(&self) -> &Schema;

    /// Checks that need no provider configuration. Errors only: validation runs before the
    /// provider is configured, and warnings come from [`compute`](Self::compute), so that each
    /// is shown once.
    fn validate(&self, config: &Value) -> Diagnostics;

    /// The values of the computed attributes for a non-null `config`, with what planning it
    /// found wrong or worth a warning. Values that depend on unknown inputs are unknown. The
    /// whole planned state is made from them by [`plan_resource`].
    fn compute(&self, context: &C, config: &Value) -> (ComputedValues, Diagnostics);

    /// The state `terraform import TYPE.NAME ID` starts from.
    fn import(&self, id: &str) -> Result<Value, Diagnostics>;
}

/// The planned state of `resource` for a non-null `config`, given the `prior` state (null on
/// create): its computed values, planned with the schema's rules ([`plan_object`]). Apply runs
/// it again, with everything known, to fill in what the plan left unknown.
pub fn plan_resource<C>(
    resource: &dyn Resource<C>,
    context: &C,
    config: &Value,
    prior: &Value,
) -> (Value, Diagnostics) {
    let (computed, mut diagnostics) = resource.compute(context, config);
    let (planned, planning_errors) = plan_object(resource.schema(), config, prior, &computed);
    diagnostics.extend(planning_errors);
    (planned, diagnostics)
}
