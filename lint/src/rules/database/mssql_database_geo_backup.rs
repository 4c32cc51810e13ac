//! The `mssql-database-geo-backup` rule.

use crate::rules::{Check, Facts, Rule};
use drkit_model::capabilities::{self, mssql};

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
        facts: [MssqlDatabase],
        requirement: GeoRedundancy,
    }
}

impl Rule for MssqlDatabaseGeoBackup {
    fn check(&self, facts: &Facts, cx: &mut Check<'_>) {
        let Facts::MssqlDatabase(database) = facts else { return };
        if !cx.objective.geo_redundant {
            return;
        }
        let setting = &database.backup_storage_redundancy;
        let Some(kind) = setting.value() else {
            return cx.unknown(setting.at, "geo-redundant", setting.setting);
        };
        if mssql::GEO_REDUNDANT_STORAGE_ACCOUNT_TYPES
            .iter()
            .any(|t| t.eq_ignore_ascii_case(kind))
        {
            return;
        }
        let message = format!(
            "backups use {} = {kind:?}, which stays in one region, but the {} requires geo-redundant backups; set {} = {}",
            setting.setting,
            cx.objective_source(),
            setting.setting,
            capabilities::quoted(&mssql::GEO_REDUNDANT_STORAGE_ACCOUNT_TYPES, " or ")
        );
        cx.violation(setting.at, message);
    }
}

#[cfg(test)]
use crate::rules::value_channels::*;
#[cfg(test)]
pub(super) const CHANNELS: crate::rules::value_channels::Case = crate::rules::value_channels::Case {
    rule: "mssql-database-geo-backup",
    address: "azurerm_mssql_database.db",
    pass: "\"Geo\"",
    fail: "\"Local\"",
    hcl: || {
        "resource \"azurerm_mssql_database\" \"db\" {\n  storage_account_type = $V\n}\n".into()
    },
    dynamic: None,
    plan_to_create: None,
    plan: |v| {
        single(
            "azurerm_mssql_database",
            "db",
            &format!(r#"{{"storage_account_type": {v}}}"#),
        )
    },
};

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
