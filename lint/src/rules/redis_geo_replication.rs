use super::{Check, Rule, RuleInfo};

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
        resource_types: ["azurerm_redis_cache"],
        requirement: GeoRedundancy,
    }
}

impl Rule for RedisGeoReplication {
    fn info(&self) -> &'static RuleInfo {
        &Self::INFO
    }

    fn check(&self, cx: &mut Check<'_>) {
        if !cx.objective.geo_redundant {
            return;
        }
        if !cx.links.referrers(cx.resource, "azurerm_redis_linked_server").is_empty() {
            return;
        }
        let message = format!(
            "no azurerm_redis_linked_server links this cache to another region, so it is not geo-redundant as the {} requires; add a secondary cache in the paired region and an azurerm_redis_linked_server",
            cx.objective_source()
        );
        cx.violation(None, message);
    }
}

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
