//! The `cosmosdb-geo-redundancy` rule.

use crate::rules::{Check, Facts, Rule};
use drkit_model::capabilities::cosmosdb::{self, BackupType, StorageRedundancy};
use drkit_model::facts::Observed;

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
        facts: [CosmosDb],
        requirement: GeoRedundancy,
    }
}

impl Rule for CosmosdbGeoRedundancy {
    fn check(&self, facts: &Facts, cx: &mut Check<'_>) {
        let Facts::CosmosDb(account) = facts else { return };
        if !cx.objective.geo_redundant {
            return;
        }
        let backup_type = &account.backup_type;
        match backup_type.observed {
            Observed::Unknown | Observed::Invalid => {
                cx.unknown(backup_type.at, "geo-redundant", backup_type.setting)
            }
            Observed::Known(BackupType::Continuous) | Observed::Default(BackupType::Continuous) => {
                let Some(regions) = account.regions.value() else {
                    return cx.unknown(backup_type.at, "geo-redundant", account.regions.setting);
                };
                if regions.len() >= 2 {
                    return;
                }
                let message = format!(
                    "continuous Cosmos DB backups stay in the account's regions and it has {} ({}), so the data is not geo-redundant as the {} requires; {}",
                    regions.len(),
                    if regions.is_empty() { "none declared".to_string() } else { regions.join(", ") },
                    cx.objective_source(),
                    account.phrases.add_region
                );
                cx.violation(backup_type.at, message);
            }
            _ => {
                let setting = &account.storage_redundancy;
                let Some(redundancy) = setting.value() else {
                    return cx.unknown(setting.at, "geo-redundant", setting.setting);
                };
                if cosmosdb::is_geo_redundant(redundancy) {
                    return;
                }
                let message = format!(
                    "periodic Cosmos DB backups use {} = {redundancy:?}, which stays in one region, but the {} requires geo-redundant backups; set {} = \"{}\"",
                    setting.leaf(),
                    cx.objective_source(),
                    setting.setting,
                    StorageRedundancy::Geo.as_str()
                );
                cx.violation(setting.at, message);
            }
        }
    }
}

#[cfg(test)]
use super::{cosmos, cosmos_plan};
#[cfg(test)]
use crate::rules::value_channels::*;
#[cfg(test)]
pub(super) const CHANNELS: crate::rules::value_channels::Case = crate::rules::value_channels::Case {
    rule: "cosmosdb-geo-redundancy",
    address: "azurerm_cosmosdb_account.db",
    pass: "\"Geo\"",
    fail: "\"Local\"",
    hcl: || cosmos("storage_redundancy", false),
    dynamic: Some(|| cosmos("storage_redundancy", true)),
    plan_to_create: None,
    plan: |v| {
        single(
            "azurerm_cosmosdb_account",
            "db",
            &cosmos_plan("60", "720", v),
        )
    },
};

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
