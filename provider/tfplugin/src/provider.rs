//! What a provider is to the protocol: a name, a provider block that configures it, and the
//! resource types and data sources it serves.

use crate::cty::Value;
use crate::data_source::DataSource;
use crate::identity::ProviderIdentity;
use crate::resource::Resource;
use crate::tfprotocol::{Diagnostics, Schema};

pub trait Provider: Send + Sync + 'static {
    /// What ConfigureProvider makes of the provider block, handed to every resource and data
    /// source. Its `Default` is what they see until then: Terraform validates configurations
    /// before it configures the provider.
    type Context: Default + Send + Sync + 'static;

    fn identity(&self) -> ProviderIdentity;

    /// The schema of the provider block.
    fn schema(&self) -> &Schema;

    /// Reads the provider block. Errors should point at the argument at fault.
    fn configure(&self, config: &Value) -> Result<Self::Context, Diagnostics>;

    /// Every managed resource type the provider serves.
    fn resources(&self) -> &[&dyn Resource<Self::Context>];

    /// Every data source the provider serves.
    fn data_sources(&self) -> &[&dyn DataSource<Self::Context>];
}
