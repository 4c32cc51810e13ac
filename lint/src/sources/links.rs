//! Which resources refer to which: `azurerm_redis_linked_server.linked_redis_cache_id`,
//! `azurerm_mssql_failover_group.databases` and the like, found through `Value::Ref`s (and
//! known IDs and names, see [`Identities`]), in both directions.

use std::collections::HashMap;

use drkit_terraform::ir::{Body, Resource};
use drkit_terraform::value::Value;

use super::references::Identities;

/// Addresses are unique within one root module only: two roots may both hold `azurerm_x.y`.
/// This key tells them apart.
pub fn scoped(within: &Resource, address: &str) -> String {
    format!("{}\u{0}{address}", within.root_module)
}

/// References between the estate's resources: for each resource address, the resources whose
/// attributes name it; and for an attribute, the resources it names.
#[derive(Debug)]
pub struct Links<'a> {
    referrers: HashMap<String, Vec<Referrer<'a>>>,
    /// Every resource by its scoped instance address and block address.
    by_address: HashMap<String, Vec<&'a Resource>>,
    identities: &'a Identities,
}

/// A resource that refers to another through one of its attributes.
#[derive(Debug, Clone, Copy)]
pub struct Referrer<'a> {
    pub resource: &'a Resource,
    /// The attribute holding the reference, dotted through nested blocks: `databases`.
    pub attribute: &'a str,
}

impl<'a> Links<'a> {
    pub fn build(
        resources: impl IntoIterator<Item = &'a Resource>,
        identities: &'a Identities,
    ) -> Links<'a> {
        let mut links = Links {
            referrers: HashMap::new(),
            by_address: HashMap::new(),
            identities,
        };
        for resource in resources {
            links.index_body(resource, &resource.body);
            let address = resource.address();
            let block = resource.block_address();
            if block != address {
                links
                    .by_address
                    .entry(scoped(resource, &block))
                    .or_default()
                    .push(resource);
            }
            links
                .by_address
                .entry(scoped(resource, &address))
                .or_default()
                .push(resource);
        }
        links
    }

    fn index_body(&mut self, resource: &'a Resource, body: &'a Body) {
        let identities = self.identities;
        for (name, attr) in &body.attributes {
            for address in identities.named_by(resource, name, &attr.value) {
                let list = self.referrers.entry(scoped(resource, address)).or_default();
                if !list
                    .iter()
                    .any(|r| std::ptr::eq(r.resource, resource) && r.attribute == name)
                {
                    list.push(Referrer {
                        resource,
                        attribute: name,
                    });
                }
            }
        }
        for block in &body.blocks {
            self.index_body(resource, &block.body);
        }
    }

    /// The resources of one of `types` that `value`, the argument `attribute` of `within`,
    /// names, in the order `types` lists them.
    pub fn named_by(
        &self,
        within: &Resource,
        attribute: &str,
        value: &Value,
        types: &[&str],
    ) -> Vec<&'a Resource> {
        let mut out: Vec<&'a Resource> = Vec::new();
        for address in self.identities.named_by(within, attribute, value) {
            for resource in self
                .by_address
                .get(&scoped(within, address))
                .into_iter()
                .flatten()
            {
                if types.contains(&resource.resource_type.as_str())
                    && !out.iter().any(|known| std::ptr::eq(*known, *resource))
                {
                    out.push(resource);
                }
            }
        }
        out.sort_by_key(|resource| {
            types
                .iter()
                .position(|ty| *ty == resource.resource_type)
                .unwrap_or(usize::MAX)
        });
        out
    }

    /// Resources of type `referrer_type` that name `target` (by instance or block address).
    pub fn referrers(&self, target: &Resource, referrer_type: &str) -> Vec<Referrer<'a>> {
        let mut out: Vec<Referrer<'a>> = Vec::new();
        let mut addresses = vec![target.address()];
        if target.key.is_some() {
            addresses.push(target.block_address());
        }
        for address in addresses {
            for r in self
                .referrers
                .get(&scoped(target, &address))
                .into_iter()
                .flatten()
            {
                if r.resource.resource_type == referrer_type
                    && !out
                        .iter()
                        .any(|o| std::ptr::eq(o.resource, r.resource) && o.attribute == r.attribute)
                {
                    out.push(*r);
                }
            }
        }
        out
    }
}
