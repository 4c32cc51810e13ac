//! Container registries: the regions their images are replicated to.

use super::Fact;

#[derive(Debug, Clone)]
pub struct ContainerRegistry {
    pub phrases: &'static ContainerRegistryPhrases,
    /// The registry's home region as written; absent when not stated.
    pub location: Fact<String>,
    /// The regions images are replicated to, normalised.
    pub replica_regions: Fact<Vec<String>>,
}

/// How the source writes the fixes the registry rules suggest.
#[derive(Debug, Clone)]
pub struct ContainerRegistryPhrases {
    /// What replicas are called: `georeplications`.
    pub replicas: &'static str,
    /// A replica in the region given (normalised name), or in a region to choose:
    /// `georeplications { location = "westus" }`.
    pub add_replica: fn(Option<&str>) -> String,
}
