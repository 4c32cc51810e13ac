//! The `drkit/dr` provider as the protocol sees it: its name, its provider block, and the
//! resource types and data sources it serves.

use std::sync::OnceLock;

use drkit_tfplugin::cty::Value;
use drkit_tfplugin::tfprotocol::{Diagnostics, Schema};
use drkit_tfplugin::{DataSource, Provider, ProviderIdentity, Resource};

use crate::configuration::{provider_schema, ProviderContext};
use crate::data_sources::{region_pair::RegionPairDataSource, tier::TierDataSource};
use crate::resources::{backup_policy, failover_group};

/// Every managed resource type the provider serves.
static RESOURCES: &[&dyn Resource<ProviderContext>] =
    &[&backup_policy::RESOURCE, &failover_group::RESOURCE];

/// Every data source the provider serves.
static DATA_SOURCES: &[&dyn DataSource<ProviderContext>] =
    &[&RegionPairDataSource, &TierDataSource];

/// The provider; it holds nothing itself (the provider block's context is the server's).
#[derive(Debug, Clone, Copy, Default)]
pub struct DrProvider;

impl Provider for DrProvider {
    type Context = ProviderContext;

    fn identity(&self) -> ProviderIdentity {
        ProviderIdentity {
            namespace: "drkit",
            name: "dr",
            version: env!("CARGO_PKG_VERSION"),
        }
    }

    fn schema(&self) -> &Schema {
        static SCHEMA: OnceLock<Schema> = OnceLock::new();
        SCHEMA.get_or_init(provider_schema)
    }

    fn configure(&self, config: &Value) -> Result<ProviderContext, Diagnostics> {
        ProviderContext::configure(config)
    }

    fn resources(&self) -> &[&dyn Resource<ProviderContext>] {
        RESOURCES
    }

    fn data_sources(&self) -> &[&dyn DataSource<ProviderContext>] {
        DATA_SOURCES
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_type_is_named_after_the_provider() {
        let provider = DrProvider;
        let prefix = format!("{}_", provider.identity().name);
        let names: Vec<&str> = provider
            .resources()
            .iter()
            .map(|resource| resource.type_name())
            .chain(provider.data_sources().iter().map(|data| data.type_name()))
            .collect();
        assert_eq!(
            names,
            [
                "dr_backup_policy",
                "dr_failover_group",
                "dr_region_pair",
                "dr_tier"
            ]
        );
        assert!(names.iter().all(|name| name.starts_with(&prefix)));
    }
}
