//! Container registries: the regions their images are replicated to.

use super::Fact;

#[derive(Debug, Clone, PartialEq)]
pub struct ContainerRegistry {
    pub phrases: &'static ContainerRegistryPhrases,
    /// The registry's home region as written; absent when not stated.
    pub location: Fact<String>,
    /// The regions images are replicated to, normalised.
    pub replica_regions: Fact<Vec<String>>,
}

/// How the source writes the fixes the registry rules suggest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContainerRegistryPhrases {
    /// The block that adds a replica: `georeplications`.
    pub replica_block: &'static str,
}
