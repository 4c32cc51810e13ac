//! Which resources refer to which: `azurerm_redis_linked_server.linked_redis_cache_id`,
//! `azurerm_mssql_failover_group.databases` and the like, found through `Value::Ref`s.

use std::collections::HashMap;

use drkit_terraform::ir::{Body, Resource};

use super::references::Identities;

/// Addresses are unique within one root module only: two roots may both hold `azurerm_x.y`.
/// This key tells them apart.
pub fn scoped(within: &Resource, address: &str) -> String {
    format!("{}\u{0}{address}", within.root_module)
}

/// Reverse references: for each resource address, the resources whose attributes name it.
#[derive(Debug, Default)]
pub struct Links<'a> {
    referrers: HashMap<String, Vec<Referrer<'a>>>,
}

/// A resource that refers to another through one of its attributes.
#[derive(Debug, Clone, Copy)]
pub struct Referrer<'a> {
    pub resource: &'a Resource,
    /// The attribute holding the reference, dotted through nested blocks: `databases`.
    pub attribute: &'a str,
}

impl<'a> Links<'a> {
    pub fn build(resources: &'a [Resource], identities: &Identities) -> Links<'a> {
        let mut links = Links::default();
        for resource in resources {
            links.index_body(resource, &resource.body, identities);
        }
        links
    }

    fn index_body(&mut self, resource: &'a Resource, body: &'a Body, identities: &Identities) {
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
            self.index_body(resource, &block.body, identities);
        }
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
