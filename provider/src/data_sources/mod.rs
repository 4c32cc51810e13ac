//! Data sources: read-only lookups in the DR model.

pub mod region_pair;
pub mod tier;

use crate::cty::Value;
use crate::provider::ProviderContext;
use crate::tfprotocol::{Diagnostics, Schema};

pub trait DataSource: Send + Sync {
    fn type_name(&self) -> &'static str;

    fn schema(&self) -> &Schema;

    /// Checks that need no provider configuration; errors only.
    fn validate(&self, config: &Value) -> Diagnostics;

    /// The data source's state for a known `config`.
    fn read(&self, context: &ProviderContext, config: &Value) -> Result<Value, Diagnostics>;
}
