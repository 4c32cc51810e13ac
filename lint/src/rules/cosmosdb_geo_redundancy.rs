use super::check::{string_setting, Setting};
use super::support::block_locations;
use super::{Check, Rule, RuleInfo};

declare_rule! {
    /// ## What it checks
    /// Where the tier requires geo-redundancy, an `azurerm_cosmosdb_account` must keep a copy of
    /// its data outside its region. Periodic backups do so with `storage_redundancy = "Geo"`
    /// (the default; `Local` and `Zone` stay in the region). Continuous backups are stored in the
    /// account's own regions, so the account needs two or more `geo_location` regions
    /// (<https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/cosmosdb_account#storage_redundancy>).
    ///
    /// ## Why it matters for recovery
    /// A regional outage takes down the account and every backup stored only in that region. The
    /// seed plans' regional-outage scenario depends on data that survives the region.
    ///
    /// ## How to fix
    /// Keep periodic backups geo-redundant, or add a second region:
    ///
    /// ```hcl
    /// geo_location {
    ///   location          = "eastus"
    ///   failover_priority = 0
    /// }
    /// geo_location {
    ///   location          = "westus"
    ///   failover_priority = 1
    /// }
    /// ```
    pub struct CosmosdbGeoRedundancy {
        name: "cosmosdb-geo-redundancy",
        summary: "Cosmos DB data must survive a regional outage where the tier requires geo-redundancy.",
        resource_types: ["azurerm_cosmosdb_account"],
        requirement: GeoRedundancy,
    }
}

impl Rule for CosmosdbGeoRedundancy {
    fn info(&self) -> &'static RuleInfo {
        &Self::INFO
    }

    fn check(&self, cx: &mut Check<'_>) {
        if !cx.objective.geo_redundant {
            return;
        }
        let backup = cx.body().block("backup");
        let backup_type = match backup {
            None => Setting::Absent,
            Some(b) => string_setting(&b.body, &["type"]),
        };
        match backup_type {
            Setting::Unknown(at) | Setting::Invalid(_, at) => cx.unknown(at, "geo-redundant", "backup.type"),
            Setting::Known(t, at) if t.eq_ignore_ascii_case("continuous") => {
                let Some(regions) = block_locations(cx.body(), "geo_location") else {
                    return cx.unknown(at, "geo-redundant", "a geo_location's location");
                };
                if regions.len() >= 2 {
                    return;
                }
                let message = format!(
                    "continuous Cosmos DB backups stay in the account's regions and it has {} ({}), so the data is not geo-redundant as the {} requires; add a second geo_location region",
                    regions.len(),
                    if regions.is_empty() { "none declared".to_string() } else { regions.join(", ") },
                    cx.objective_source()
                );
                cx.violation(at, message);
            }
            _ => {
                let setting = match backup {
                    None => Setting::Absent,
                    Some(b) => string_setting(&b.body, &["storage_redundancy"]),
                };
                let at = setting.location().or(backup.map(|b| &b.location));
                let Some(redundancy) = setting.or_default("Geo") else {
                    return cx.unknown(at, "geo-redundant", "backup.storage_redundancy");
                };
                if redundancy.eq_ignore_ascii_case("geo") {
                    return;
                }
                let message = format!(
                    "periodic Cosmos DB backups use storage_redundancy = {redundancy:?}, which stays in one region, but the {} requires geo-redundant backups; set backup.storage_redundancy = \"Geo\"",
                    cx.objective_source()
                );
                cx.violation(at, message);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::*;

    const RULE: &str = "cosmosdb-geo-redundancy";

    #[test]
    fn default_geo_storage_passes() {
        assert_clean(&lint_hcl(r#"resource "azurerm_cosmosdb_account" "db" {}"#), RULE);
    }

    #[test]
    fn local_redundancy_fails_production() {
        let f = lint_hcl(r#"resource "azurerm_cosmosdb_account" "db" {
  backup {
    type               = "Periodic"
    storage_redundancy = "Local"
  }
}"#);
        assert_error(&f, RULE, "azurerm_cosmosdb_account.db", &["geo-redundant", "\"Local\"", "storage_redundancy = \"Geo\""]);
        let f = lint_hcl(r#"resource "azurerm_cosmosdb_account" "db" {
  backup {
    type               = "Periodic"
    storage_redundancy = "Local"
  }
  tags = { environment = "Staging" }
}"#);
        assert_clean(&f, RULE);
    }

    #[test]
    fn continuous_needs_two_regions_through_dynamic_block() {
        let src = r#"
variable "regions" { default = ["eastus"] }
resource "azurerm_cosmosdb_account" "db" {
  backup { type = "Continuous" }
  dynamic "geo_location" {
    for_each = var.regions
    content {
      location          = geo_location.value
      failover_priority = geo_location.key
    }
  }
}"#;
        assert_error(&lint_hcl(src), RULE, "azurerm_cosmosdb_account.db", &["second geo_location"]);
        let two = src.replace("[\"eastus\"]", "[\"eastus\", \"westus\"]");
        assert_clean(&lint_hcl(&two), RULE);
    }

    #[test]
    fn plan_json_values() {
        let plan = plan_json(&[("azurerm_cosmosdb_account.db", "azurerm_cosmosdb_account", "db", r#"{"backup": [{"type": "Periodic", "interval_in_minutes": 60, "retention_in_hours": 720, "storage_redundancy": "Zone"}]}"#)]);
        assert_error(&lint_plan(&plan), RULE, "azurerm_cosmosdb_account.db", &["\"Zone\""]);
    }
}
