//! Sources: readers that turn a loaded resource into the facts of its service, the first step
//! of **sources -> facts -> rules -> findings**. A reader is the only code that knows how its
//! source names a setting; rules see [`Facts`] only.
//!
//! - [`azurerm`]: `hashicorp/azurerm` resources (3.x, 4.x and 5.x names);
//! - [`dr`]: terraform-provider-dr's own `dr_*` blocks;
//! - [`reading`]: reading settings out of evaluated Terraform bodies;
//! - [`links`], [`references`]: which resources name which (linked Redis caches, failover
//!   groups), for readers whose facts span resources.

pub mod azurerm;
pub mod dr;
pub mod links;
pub mod reading;
pub mod references;

use drkit_model::facts::{Anchor, Facts, FactsKind};
use drkit_terraform::ir::{Location, Resource};

pub use links::{scoped, Links, Referrer};
pub use reading::Places;
pub use references::Identities;

/// What a reader needs beyond the resource itself: the links between the estate's resources.
pub struct ReadContext<'r> {
    pub links: &'r Links<'r>,
}

/// Reads one resource type into its facts; anchors go into the places given.
pub type Reader = for<'r> fn(&'r Resource, &ReadContext<'r>, &mut Places<'r>) -> Facts;

/// A resource's facts, with the places their anchors stand for.
#[derive(Debug, Clone)]
pub struct Reading<'r> {
    pub facts: Facts,
    places: Places<'r>,
}

impl<'r> Reading<'r> {
    /// Where an anchor of these facts points.
    pub fn location(&self, anchor: Anchor) -> &'r Location {
        self.places.location(anchor)
    }
}

/// Every reader of every source.
fn readers() -> impl Iterator<Item = &'static (&'static str, FactsKind, Reader)> {
    azurerm::READERS.iter().chain(dr::READERS)
}

/// The kind of facts a resource type yields, when a reader reads it.
pub fn kind_of(resource_type: &str) -> Option<FactsKind> {
    readers()
        .find(|(name, _, _)| *name == resource_type)
        .map(|(_, kind, _)| *kind)
}

/// The resource types whose facts are of `kind`, in the order the readers list them.
pub fn resource_types(kind: FactsKind) -> impl Iterator<Item = &'static str> {
    readers()
        .filter(move |(_, of, _)| *of == kind)
        .map(|(name, _, _)| *name)
}

/// The facts of `resource`, when a reader reads its type.
pub fn read<'r>(resource: &'r Resource, context: &ReadContext<'r>) -> Option<Reading<'r>> {
    let (_, _, reader) = readers().find(|(name, _, _)| *name == resource.resource_type)?;
    let mut places = Places::new(resource);
    let facts = reader(resource, context, &mut places);
    Some(Reading { facts, places })
}
