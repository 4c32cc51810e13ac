//! `azurerm_container_registry`
//! (<https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/container_registry>):
//! replicas are `georeplications` blocks (azurerm 3.x to 5.x), and the `georeplication_locations`
//! list of azurerm 2.x ("The deprecated field `georeplication_locations` will be removed in
//! favour of the `georeplications` property", 3.0 upgrade guide).

use drkit_model::facts::container_registry::ContainerRegistryPhrases;
use drkit_model::facts::{Anchor, ContainerRegistry, Fact, Facts, Observed};
use drkit_model::region;
use drkit_terraform::ir::Resource;
use drkit_terraform::value::Value;

use crate::sources::reading::{block_regions, string_fact, Places, Scope};
use crate::sources::ReadContext;

const PHRASES: ContainerRegistryPhrases = ContainerRegistryPhrases {
    replicas: "georeplications",
    add_replica: |region| match region {
        Some(region) => format!("georeplications {{ location = \"{region}\" }}"),
        None => "georeplications { location = <paired region> }".to_string(),
    },
};

pub(super) fn read<'r>(
    resource: &'r Resource,
    _context: &ReadContext<'r>,
    places: &mut Places<'r>,
) -> Facts {
    let root = Scope::root(resource);
    Facts::ContainerRegistry(ContainerRegistry {
        phrases: &PHRASES,
        location: string_fact(places, root, &["location"], None),
        replica_regions: replica_regions(resource, root),
    })
}

fn replica_regions(resource: &Resource, root: Scope<'_>) -> Fact<Vec<String>> {
    let blocks = block_regions(
        root,
        "georeplications",
        "location",
        "a georeplications location",
    );
    let Observed::Known(mut regions) = blocks.observed else {
        return blocks;
    };
    let unknown = || {
        Fact::new(
            Observed::Unknown,
            "georeplication_locations",
            Anchor::RESOURCE,
        )
    };
    match resource.body.value("georeplication_locations") {
        Some(Value::List(items)) => {
            for item in items {
                match item.as_str() {
                    Some(name) => regions.push(region::normalise(name)),
                    None => return unknown(),
                }
            }
        }
        Some(_) => return unknown(),
        None => {}
    }
    Fact::new(Observed::Known(regions), blocks.setting, Anchor::RESOURCE)
}
