//! The `flexible-server-geo-backup` rule.

use crate::rules::{Check, Facts, Rule};
use drkit_model::facts::Observed;

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
        facts: [FlexibleServer],
        requirement: GeoRedundancy,
    }
}

impl Rule for FlexibleServerGeoBackup {
    fn check(&self, facts: &Facts, cx: &mut Check<'_>) {
        let Facts::FlexibleServer(server) = facts else { return };
        if !cx.objective.geo_redundant {
            return;
        }
        let setting = &server.geo_redundant_backup;
        match setting.observed {
            Observed::Known(true) | Observed::Default(true) => {}
            Observed::Known(false) | Observed::Default(false) | Observed::Absent => {
                let found = if setting.is_written() {
                    format!("{} = false", setting.setting)
                } else {
                    format!(
                        "{} is not set (the {} default is false)",
                        setting.setting, server.source
                    )
                };
                let message = format!(
                    "backups stay in the server's region ({found}), but the {} requires geo-redundant backups; set {} = true (this recreates the server)",
                    cx.objective_source(),
                    setting.setting
                );
                cx.violation(setting.at, message);
            }
            Observed::Unknown | Observed::Invalid => {
                cx.unknown(setting.at, "geo-redundant", setting.setting)
            }
        }
    }
}

#[cfg(test)]
use crate::rules::value_channels::*;
#[cfg(test)]
pub(super) const CHANNELS: crate::rules::value_channels::Case = crate::rules::value_channels::Case {
    rule: "flexible-server-geo-backup",
    address: "azurerm_mysql_flexible_server.my",
    pass: "true",
    fail: "false",
    hcl: || {
        "resource \"azurerm_mysql_flexible_server\" \"my\" {\n  geo_redundant_backup_enabled = $V\n}\n".into()
    },
    dynamic: None,
    plan_to_create: None,
    plan: |v| {
        single(
            "azurerm_mysql_flexible_server",
            "my",
            &format!(r#"{{"geo_redundant_backup_enabled": {v}}}"#),
        )
    },
};

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
