//! The `container-registry-geo-replication` rule.

use crate::rules::{Check, Facts, Rule};
use drkit_model::facts::{Anchor, Observed};
use drkit_model::region;

declare_rule! {
    /// ## What it checks
    /// Where the tier requires geo-redundancy or automatic failover, an
    /// `azurerm_container_registry` must replicate to another region: a `georeplications` block
    /// whose `location` differs from the registry's own `location` (Premium SKU only; azurerm 3.x,
    /// 4.x and 5.x). The `georeplication_locations` list that azurerm 3.0 removed is read too,
    /// for configurations written for 2.x
    /// (<https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/container_registry#georeplications>).
    ///
    /// ## Why it matters for recovery
    /// When the registry's region fails, nothing can pull images: every redeploy, scale-out or
    /// node replacement in the surviving region fails too. A geo-replica keeps serving pulls and
    /// Azure routes to it automatically.
    ///
    /// ## How to fix
    /// ```hcl
    /// resource "azurerm_container_registry" "main" {
    ///   location = "eastus"
    ///   sku      = "Premium"
    ///   georeplications {
    ///     location                = "westus"
    ///     zone_redundancy_enabled = true
    ///   }
    /// }
    /// ```
    pub struct ContainerRegistryGeoReplication {
        name: "container-registry-geo-replication",
        summary: "Container registries must geo-replicate where the tier requires geo-redundancy or failover.",
        facts: [ContainerRegistry],
        requirement: GeoRedundancy,
    }
}

impl Rule for ContainerRegistryGeoReplication {
    fn check(&self, facts: &Facts, cx: &mut Check<'_>) {
        let Facts::ContainerRegistry(registry) = facts else { return };
        let needs = match (cx.objective.geo_redundant, cx.objective.automatic_failover) {
            (false, false) => return,
            (_, true) => "geo-redundancy and automatic failover",
            (true, false) => "geo-redundancy",
        };
        let Some(replicas) = registry.replica_regions.value() else {
            return cx.unknown(Anchor::RESOURCE, "geo-redundant", registry.replica_regions.setting);
        };
        let location = &registry.location;
        let home = match &location.observed {
            Observed::Known(home) | Observed::Default(home) => Some(region::normalise(home)),
            Observed::Absent => None,
            Observed::Unknown | Observed::Invalid if replicas.is_empty() => None,
            Observed::Unknown | Observed::Invalid => {
                return cx.unknown(location.at, "geo-redundant", location.setting)
            }
        };
        if replicas.iter().any(|r| Some(r) != home.as_ref()) {
            return;
        }
        let found = if replicas.is_empty() {
            format!("the registry has no {}", registry.phrases.replicas)
        } else {
            "its only georeplication is in the registry's own region".to_string()
        };
        let paired = home.as_deref().and_then(region::paired_region);
        let message = format!(
            "{found}, so image pulls stop with its region, but the {} requires {needs}; add {} (Premium SKU)",
            cx.objective_source(),
            (registry.phrases.add_replica)(paired)
        );
        cx.violation(Anchor::RESOURCE, message);
    }
}

#[cfg(test)]
use crate::rules::value_channels::*;
#[cfg(test)]
pub(super) const CHANNELS: crate::rules::value_channels::Case = crate::rules::value_channels::Case {
    rule: "container-registry-geo-replication",
    address: "azurerm_container_registry.acr",
    pass: "\"westus\"",
    fail: "\"East US\"",
    hcl: || {
        "resource \"azurerm_container_registry\" \"acr\" {\n  location = \"eastus\"\n  georeplications {\n    location = $V\n  }\n}\n".into()
    },
    dynamic: Some(|| {
        "resource \"azurerm_container_registry\" \"acr\" {\n  location = \"eastus\"\n  dynamic \"georeplications\" {\n    for_each = [$V]\n    content {\n      location = georeplications.value\n    }\n  }\n}\n".into()
    }),
    plan_to_create: None,
    plan: |v| {
        single(
            "azurerm_container_registry",
            "acr",
            &format!(r#"{{"location": "eastus", "georeplications": [{{"location": {v}}}]}}"#),
        )
    },
};

#[cfg(test)]
mod tests {
    use crate::rules::testing::*;

    const RULE: &str = "container-registry-geo-replication";

    #[test]
    fn unreplicated_registry_fails_production() {
        let f = lint_hcl(r#"resource "azurerm_container_registry" "acr" {
  location = "East US"
  sku      = "Premium"
}"#);
        assert_error(&f, RULE, "azurerm_container_registry.acr", &["no georeplications", "geo-redundancy", "westus"]);
    }

    #[test]
    fn replica_in_other_region_passes_same_region_fails() {
        let src = "resource \"azurerm_container_registry\" \"acr\" {\n  location = \"eastus\"\n  georeplications { location = \"REGION\" }\n}";
        assert_clean(&lint_hcl(&src.replace("REGION", "westus")), RULE);
        assert_error(&lint_hcl(&src.replace("REGION", "East US")), RULE, "azurerm_container_registry.acr", &["own region"]);
    }

    #[test]
    fn dev_registry_needs_nothing() {
        assert_clean(&lint_hcl(r#"resource "azurerm_container_registry" "acr" { tags = { environment = "development" } }"#), RULE);
    }

    #[test]
    fn replicas_through_dynamic_block_and_variable() {
        let src = r#"
variable "replicas" { default = ["westeurope"] }
resource "azurerm_container_registry" "acr" {
  location = "northeurope"
  dynamic "georeplications" {
    for_each = toset(var.replicas)
    content { location = georeplications.value }
  }
}"#;
        assert_clean(&lint_hcl(src), RULE);
        let f = lint_with_vars(&[("main.tf", src)], &[("replicas", "[]")]);
        assert_error(&f, RULE, "azurerm_container_registry.acr", &["no georeplications"]);
    }

    #[test]
    fn plan_json_values() {
        let plan = plan_json(&[("azurerm_container_registry.acr", "azurerm_container_registry", "acr", r#"{"location": "eastus", "georeplications": [{"location": "westus"}]}"#)]);
        assert_clean(&lint_plan(&plan), RULE);
    }
}
