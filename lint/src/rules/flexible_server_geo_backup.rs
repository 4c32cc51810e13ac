use super::check::{bool_setting, Setting};
use super::{Check, Rule, RuleInfo};

declare_rule! {
    /// ## What it checks
    /// Where the tier requires geo-redundancy, an `azurerm_postgresql_flexible_server` or
    /// `azurerm_mysql_flexible_server` must set `geo_redundant_backup_enabled = true` (default
    /// `false`; it can only be chosen when the server is created:
    /// <https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/postgresql_flexible_server#geo_redundant_backup_enabled>).
    ///
    /// ## Why it matters for recovery
    /// Locally redundant backups share the fate of the region. Geo-redundant backups allow a
    /// geo-restore into the paired region, the seed plans' answer to a regional outage.
    ///
    /// ## How to fix
    /// ```hcl
    /// geo_redundant_backup_enabled = true   # forces a new server: plan the migration
    /// ```
    pub struct FlexibleServerGeoBackup {
        name: "flexible-server-geo-backup",
        summary: "PostgreSQL/MySQL flexible server backups must be geo-redundant where the tier requires it.",
        resource_types: ["azurerm_postgresql_flexible_server", "azurerm_mysql_flexible_server"],
        requirement: GeoRedundancy,
    }
}

impl Rule for FlexibleServerGeoBackup {
    fn info(&self) -> &'static RuleInfo {
        &Self::INFO
    }

    fn check(&self, cx: &mut Check<'_>) {
        if !cx.objective.geo_redundant {
            return;
        }
        let setting = bool_setting(cx.body(), &["geo_redundant_backup_enabled"]);
        let at = setting.location();
        match setting {
            Setting::Known(true, _) => {}
            Setting::Absent | Setting::Known(false, _) => {
                let found = if matches!(setting, Setting::Absent) {
                    "geo_redundant_backup_enabled is not set (the azurerm default is false)"
                } else {
                    "geo_redundant_backup_enabled = false"
                };
                let message = format!(
                    "backups stay in the server's region ({found}), but the {} requires geo-redundant backups; set geo_redundant_backup_enabled = true (this recreates the server)",
                    cx.objective_source()
                );
                cx.violation(at, message);
            }
            _ => cx.unknown(at, "geo-redundant", "geo_redundant_backup_enabled"),
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::*;

    const RULE: &str = "flexible-server-geo-backup";

    #[test]
    fn default_fails_production() {
        let f = lint_hcl(r#"resource "azurerm_mysql_flexible_server" "db" {}"#);
        assert_error(&f, RULE, "azurerm_mysql_flexible_server.db", &["geo-redundant", "geo_redundant_backup_enabled = true"]);
    }

    #[test]
    fn enabled_passes_and_dev_is_exempt() {
        assert_clean(&lint_hcl(r#"resource "azurerm_postgresql_flexible_server" "db" { geo_redundant_backup_enabled = true }"#), RULE);
        assert_clean(&lint_hcl(r#"resource "azurerm_postgresql_flexible_server" "db" { tags = { env = "sandbox" } }"#), RULE);
    }

    #[test]
    fn value_through_lookup_on_map_variable() {
        let src = "variable \"geo\" { default = { prod = true, dev = false } }\nvariable \"env\" { default = \"dev\" }\nresource \"azurerm_postgresql_flexible_server\" \"db\" {\n  geo_redundant_backup_enabled = lookup(var.geo, var.env, false)\n  tags = { dr_tier = \"production\" }\n}";
        assert_error(&lint_hcl(src), RULE, "azurerm_postgresql_flexible_server.db", &["= false"]);
    }

    #[test]
    fn plan_json_values() {
        let plan = plan_json(&[("azurerm_postgresql_flexible_server.db", "azurerm_postgresql_flexible_server", "db", r#"{"backup_retention_days": 35, "geo_redundant_backup_enabled": true}"#)]);
        assert_clean(&lint_plan(&plan), RULE);
    }
}
