//! Which resources an attribute names.
//!
//! In HCL, and in a plan for resources still to be created, a reference is a [`Value::Ref`]: the
//! loader knows the value comes from `azurerm_mssql_database.db.id`. In a plan of resources that
//! already exist the same argument holds the known ID string, so a string equal to another
//! resource's `id` names that resource too; and an argument called `*_name`
//! (`target_redis_cache_name`) names the resource whose `name` it equals.

use std::collections::HashMap;

use drkit_terraform::ir::Resource;
use drkit_terraform::value::Value;

/// Known `id` and `name` strings of every resource, by root module (addresses are unique within
/// one root only), so that a lookup borrows the string instead of building a key.
#[derive(Debug, Default)]
pub struct Identities {
    by_id: HashMap<String, HashMap<String, Vec<String>>>,
    by_name: HashMap<String, HashMap<String, Vec<String>>>,
}

impl Identities {
    pub fn build(resources: &[Resource]) -> Identities {
        let mut identities = Identities::default();
        for resource in resources {
            for (attribute, index) in [
                ("id", &mut identities.by_id),
                ("name", &mut identities.by_name),
            ] {
                if let Some(Value::String(text)) = resource.body.value(attribute) {
                    if !text.is_empty() {
                        let root = index.entry(resource.root_module.clone()).or_default();
                        root.entry(text.clone())
                            .or_default()
                            .push(resource.address());
                    }
                }
            }
        }
        identities
    }

    /// The addresses `value`, the argument `attribute` of `within`, names.
    pub fn named_by<'v>(
        &'v self,
        within: &Resource,
        attribute: &str,
        value: &'v Value,
    ) -> Vec<&'v str> {
        let mut out = value.referenced_addresses();
        if self.by_id.is_empty() && self.by_name.is_empty() {
            return out;
        }
        let ids = self.by_id.get(&within.root_module);
        let names = if attribute.ends_with("_name") {
            self.by_name.get(&within.root_module)
        } else {
            None
        };
        if ids.is_none() && names.is_none() {
            return out;
        }
        let mut strings = Vec::new();
        known_strings(value, &mut strings);
        let mut own = None;
        for text in strings {
            let named = ids
                .and_then(|ids| ids.get(text))
                .into_iter()
                .chain(names.and_then(|names| names.get(text)));
            for address in named.flatten() {
                let own = own.get_or_insert_with(|| within.address());
                if address != own && !out.contains(&address.as_str()) {
                    out.push(address);
                }
            }
        }
        out
    }
}

fn known_strings<'v>(value: &'v Value, out: &mut Vec<&'v str>) {
    match value {
        Value::String(text) => out.push(text),
        Value::List(items) => items.iter().for_each(|item| known_strings(item, out)),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::*;

    #[test]
    fn a_shared_name_is_not_a_link_but_a_known_id_is() {
        // The failover group is named like the database, and lists another database by ID.
        let plan = plan_json(&[
            (
                "azurerm_mssql_database.a",
                "azurerm_mssql_database",
                "a",
                r#"{"id": "/db/a", "name": "orders", "tags": {"dr_tier": "critical"}}"#,
            ),
            (
                "azurerm_mssql_database.b",
                "azurerm_mssql_database",
                "b",
                r#"{"id": "/db/b", "name": "other", "tags": {"dr_tier": "critical"}}"#,
            ),
            (
                "azurerm_mssql_failover_group.fg",
                "azurerm_mssql_failover_group",
                "fg",
                r#"{"name": "orders", "databases": ["/db/b"], "read_write_endpoint_failover_policy": [{"mode": "Automatic", "grace_minutes": 30}]}"#,
            ),
        ]);
        let findings = lint_plan(&plan);
        assert_error(
            &findings,
            "mssql-database-automatic-failover",
            "azurerm_mssql_database.a",
            &["no azurerm_mssql_failover_group lists"],
        );
        assert!(
            find(
                &findings,
                "mssql-database-automatic-failover",
                "azurerm_mssql_database.b"
            )
            .is_empty(),
            "{}",
            dump(&findings)
        );
    }

    #[test]
    fn policy_targets_by_known_id() {
        let plan = plan_json(&[
            (
                "azurerm_key_vault.kv",
                "azurerm_key_vault",
                "kv",
                r#"{"id": "/vaults/kv", "purge_protection_enabled": false}"#,
            ),
            (
                "dr_backup_policy.dev",
                "dr_backup_policy",
                "dev",
                r#"{"name": "dev", "tier": "development", "targets": ["/vaults/kv"]}"#,
            ),
        ]);
        assert_clean(&lint_plan(&plan), "key-vault-purge-protection");
    }
}
