//! The `redis-geo-replication` rule.

use crate::rules::{Check, Facts, Rule};
use drkit_model::facts::Anchor;

declare_rule! {
    /// ## What it checks
    /// Where the tier requires geo-redundancy, an `azurerm_redis_cache` must be geo-replicated:
    /// an `azurerm_redis_linked_server` links it (as `linked_redis_cache_id` or through
    /// `target_redis_cache_name`) to a cache in another region
    /// (<https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/redis_linked_server>).
    ///
    /// ## Why it matters for recovery
    /// RDB and AOF files live in a storage account of the cache's region; when the region goes,
    /// the cache and its persistence go with it. Only a linked secondary keeps a copy elsewhere.
    ///
    /// ## How to fix
    /// Create a Premium cache in the paired region and link it:
    ///
    /// ```hcl
    /// resource "azurerm_redis_linked_server" "sessions" {
    ///   target_redis_cache_name     = azurerm_redis_cache.primary.name
    ///   resource_group_name         = azurerm_redis_cache.primary.resource_group_name
    ///   linked_redis_cache_id       = azurerm_redis_cache.secondary.id
    ///   linked_redis_cache_location = azurerm_redis_cache.secondary.location
    ///   server_role                 = "Secondary"
    /// }
    /// ```
    pub struct RedisGeoReplication {
        name: "redis-geo-replication",
        summary: "Redis must be linked to a cache in another region where the tier requires geo-redundancy.",
        facts: [Redis],
        requirement: GeoRedundancy,
    }
}

impl Rule for RedisGeoReplication {
    fn check(&self, facts: &Facts, cx: &mut Check<'_>) {
        let Facts::Redis(cache) = facts else { return };
        if !cx.objective.geo_redundant || !cache.geo_replication_links.is_empty() {
            return;
        }
        let link = cache.phrases.geo_replication_link;
        let message = format!(
            "no {link} links this cache to another region, so it is not geo-redundant as the {} requires; add a secondary cache in the paired region and an {link}",
            cx.objective_source()
        );
        cx.violation(Anchor::RESOURCE, message);
    }
}

#[cfg(test)]
use crate::rules::value_channels::*;
#[cfg(test)]
pub(super) const CHANNELS: crate::rules::value_channels::Case = crate::rules::value_channels::Case {
    rule: "redis-geo-replication",
    address: "azurerm_redis_cache.r",
    pass: "1",
    fail: "0",
    hcl: || {
        r#"resource "azurerm_redis_cache" "r" {
  redis_configuration {
aof_backup_enabled = true
  }
}
resource "azurerm_redis_cache" "s" {
  location = "westus"
}
resource "azurerm_redis_linked_server" "link" {
  count                   = $V
  target_redis_cache_name = azurerm_redis_cache.r.name
  linked_redis_cache_id   = azurerm_redis_cache.s.id
  server_role             = "Secondary"
}
"#
        .into()
    },
    dynamic: None,
    plan: |v| {
        let mut resources = vec![
            (
                "azurerm_redis_cache.r",
                "azurerm_redis_cache",
                "r",
                r#"{"id": "/subscriptions/0/resourceGroups/rg/providers/Microsoft.Cache/Redis/redis-r", "name": "redis-r", "redis_configuration": [{"aof_backup_enabled": true}]}"#,
            ),
            (
                "azurerm_redis_cache.s",
                "azurerm_redis_cache",
                "s",
                r#"{"id": "/subscriptions/0/resourceGroups/rg/providers/Microsoft.Cache/Redis/redis-s", "name": "redis-s", "location": "westus"}"#,
            ),
        ];
        if v != "0" {
            resources.push(("azurerm_redis_linked_server.link[0]", "azurerm_redis_linked_server", "link", r#"{"server_role": "Secondary", "target_redis_cache_name": "redis-r", "linked_redis_cache_id": "/subscriptions/0/resourceGroups/rg/providers/Microsoft.Cache/Redis/redis-s"}"#));
        }
        plan_json(&resources)
    },
    plan_to_create: Some(|v| {
        let mut resources = vec![
            (
                "azurerm_redis_cache.r",
                "azurerm_redis_cache",
                "r",
                r#"{"redis_configuration": [{"aof_backup_enabled": true}]}"#,
            ),
            (
                "azurerm_redis_cache.s",
                "azurerm_redis_cache",
                "s",
                r#"{"location": "westus"}"#,
            ),
        ];
        let mut unknown = Vec::new();
        if v != "0" {
            resources.push((
                "azurerm_redis_linked_server.link[0]",
                "azurerm_redis_linked_server",
                "link",
                r#"{"server_role": "Secondary"}"#,
            ));
            unknown.push((
                "azurerm_redis_linked_server.link[0]",
                json!({"target_redis_cache_name": true, "linked_redis_cache_id": true}),
            ));
        }
        to_create(
            &plan_json(&resources),
            &unknown,
            json!({"root_module": {"resources": [{
                "address": "azurerm_redis_linked_server.link", "mode": "managed", "type": "azurerm_redis_linked_server", "name": "link",
                "expressions": {
                    "target_redis_cache_name": {"references": ["azurerm_redis_cache.r.name", "azurerm_redis_cache.r"]},
                    "linked_redis_cache_id": {"references": ["azurerm_redis_cache.s.id", "azurerm_redis_cache.s"]}
                }
            }]}}),
        )
    }),
};

#[cfg(test)]
mod tests {
    use crate::rules::testing::*;

    const RULE: &str = "redis-geo-replication";

    #[test]
    fn unlinked_cache_fails_production() {
        assert_error(&lint_hcl(r#"resource "azurerm_redis_cache" "r" {}"#), RULE, "azurerm_redis_cache.r", &["geo-redundant", "azurerm_redis_linked_server"]);
    }

    #[test]
    fn linked_caches_pass() {
        let src = r#"
resource "azurerm_redis_cache" "primary" {}
resource "azurerm_redis_cache" "secondary" {}
resource "azurerm_redis_linked_server" "link" {
  target_redis_cache_name = azurerm_redis_cache.primary.name
  linked_redis_cache_id   = azurerm_redis_cache.secondary.id
}"#;
        assert_clean(&lint_hcl(src), RULE);
    }

    #[test]
    fn link_through_module_output() {
        let files = [
            ("main.tf", "module \"cache\" { source = \"./cache\" }\nresource \"azurerm_redis_cache\" \"dr\" {}\nresource \"azurerm_redis_linked_server\" \"link\" {\n  target_redis_cache_name = module.cache.name\n  linked_redis_cache_id = azurerm_redis_cache.dr.id\n}"),
            ("cache/main.tf", "resource \"azurerm_redis_cache\" \"this\" {}\noutput \"name\" { value = azurerm_redis_cache.this.name }"),
        ];
        assert_clean(&lint_files(&files), RULE);
    }

    #[test]
    fn development_does_not_require_it() {
        assert_clean(&lint_hcl(r#"resource "azurerm_redis_cache" "r" { tags = { environment = "qa" } }"#), RULE);
    }

    #[test]
    fn plan_json_without_link_fails() {
        let plan = plan_json(&[("azurerm_redis_cache.r", "azurerm_redis_cache", "r", r#"{"redis_configuration": [{"aof_backup_enabled": true}]}"#)]);
        assert_error(&lint_plan(&plan), RULE, "azurerm_redis_cache.r", &["linked"]);
    }
}
