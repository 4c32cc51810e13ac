use super::check::string_setting;
use super::{Check, Rule, RuleInfo};

declare_rule! {
    /// ## What it checks
    /// Where the tier requires geo-redundancy, an `azurerm_mssql_database` must keep its backups
    /// in geo-redundant storage: `storage_account_type` `Geo` (the default) or `GeoZone`; `Local`
    /// and `Zone` keep them in one region
    /// (<https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/mssql_database#storage_account_type>).
    ///
    /// ## Why it matters for recovery
    /// Geo-restore, the way back after a regional outage without a failover group, needs
    /// geo-redundant backup storage.
    ///
    /// ## How to fix
    /// ```hcl
    /// storage_account_type = "GeoZone"
    /// ```
    pub struct MssqlDatabaseGeoBackup {
        name: "mssql-database-geo-backup",
        summary: "Azure SQL database backups must be geo-redundant where the tier requires it.",
        resource_types: ["azurerm_mssql_database"],
        requirement: GeoRedundancy,
    }
}

impl Rule for MssqlDatabaseGeoBackup {
    fn info(&self) -> &'static RuleInfo {
        &Self::INFO
    }

    fn check(&self, cx: &mut Check<'_>) {
        if !cx.objective.geo_redundant {
            return;
        }
        let setting = string_setting(cx.body(), &["storage_account_type"]);
        let at = setting.location();
        let Some(kind) = setting.or_default(drkit_model::capabilities::mssql::DEFAULT_STORAGE_ACCOUNT_TYPE) else {
            return cx.unknown(at, "geo-redundant", "storage_account_type");
        };
        if drkit_model::capabilities::mssql::GEO_REDUNDANT_STORAGE_ACCOUNT_TYPES.iter().any(|t| t.eq_ignore_ascii_case(kind)) {
            return;
        }
        let message = format!(
            "backups use storage_account_type = {kind:?}, which stays in one region, but the {} requires geo-redundant backups; set storage_account_type = \"Geo\" or \"GeoZone\"",
            cx.objective_source()
        );
        cx.violation(at, message);
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::*;

    const RULE: &str = "mssql-database-geo-backup";

    #[test]
    fn default_geo_passes_local_fails() {
        assert_clean(&lint_hcl(r#"resource "azurerm_mssql_database" "db" {}"#), RULE);
        assert_clean(&lint_hcl(r#"resource "azurerm_mssql_database" "db" { storage_account_type = "GeoZone" }"#), RULE);
        let f = lint_hcl(r#"resource "azurerm_mssql_database" "db" { storage_account_type = "Local" }"#);
        assert_error(&f, RULE, "azurerm_mssql_database.db", &["\"Local\"", "geo-redundant"]);
    }

    #[test]
    fn value_through_template_and_local() {
        let src = "locals { redundancy = \"Zone\" }\nresource \"azurerm_mssql_database\" \"db\" { storage_account_type = \"${local.redundancy}\" }";
        assert_error(&lint_hcl(src), RULE, "azurerm_mssql_database.db", &["\"Zone\""]);
    }

    #[test]
    fn plan_json_values() {
        let plan = plan_json(&[("azurerm_mssql_database.db", "azurerm_mssql_database", "db", r#"{"storage_account_type": "Zone"}"#)]);
        assert_error(&lint_plan(&plan), RULE, "azurerm_mssql_database.db", &["\"Zone\""]);
    }
}
