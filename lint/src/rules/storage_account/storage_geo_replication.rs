//! The `storage-geo-replication` rule.

use crate::rules::{Check, Facts, Rule};
use drkit_model::capabilities::{self, storage_account};

declare_rule! {
    /// ## What it checks
    /// Where the tier requires geo-redundancy, an `azurerm_storage_account` must replicate to a
    /// second region: `account_replication_type` `GRS`, `RAGRS`, `GZRS` or `RAGZRS`. `LRS` and
    /// `ZRS` keep every copy in one region
    /// (<https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/storage_account#account_replication_type>).
    ///
    /// ## Why it matters for recovery
    /// The seed plans keep backups and exports in storage accounts. Backups stored only in the
    /// region they protect are lost with it.
    ///
    /// ## How to fix
    /// ```hcl
    /// account_replication_type = "GZRS"   # or RAGZRS for read access in the secondary
    /// ```
    pub struct StorageGeoReplication {
        name: "storage-geo-replication",
        summary: "Storage accounts must replicate to another region where the tier requires geo-redundancy.",
        facts: [StorageAccount],
        requirement: GeoRedundancy,
    }
}

impl Rule for StorageGeoReplication {
    fn check(&self, facts: &Facts, cx: &mut Check<'_>) {
        let Facts::StorageAccount(account) = facts else { return };
        if !cx.objective.geo_redundant {
            return;
        }
        let Some(kind) = super::replication_type(account, cx, "geo-redundant") else {
            return;
        };
        let setting = &account.replication_type;
        if storage_account::is_geo_redundant(kind) {
            return;
        }
        let message = format!(
            "{} = {kind:?} keeps every copy in one region, but the {} requires geo-redundant storage; set {} = {}",
            setting.setting,
            cx.objective_source(),
            setting.setting,
            capabilities::preferred_of(
                storage_account::SUGGESTED_GEO_REDUNDANT.as_str(),
                &storage_account::GEO_REDUNDANT_REPLICATION_TYPES
            )
        );
        cx.violation(setting.at, message);
    }
}

#[cfg(test)]
use crate::rules::value_channels::*;
#[cfg(test)]
pub(super) const CHANNELS: crate::rules::value_channels::Case = crate::rules::value_channels::Case {
    rule: "storage-geo-replication",
    address: "azurerm_storage_account.st",
    pass: "\"GZRS\"",
    fail: "\"LRS\"",
    hcl: || {
        "resource \"azurerm_storage_account\" \"st\" {\n  account_replication_type = $V\n}\n"
            .into()
    },
    dynamic: None,
    plan_to_create: None,
    plan: |v| {
        single(
            "azurerm_storage_account",
            "st",
            &format!(r#"{{"account_replication_type": {v}}}"#),
        )
    },
};

#[cfg(test)]
mod tests {
    use crate::rules::testing::*;

    const RULE: &str = "storage-geo-replication";

    #[test]
    fn lrs_fails_production_grs_passes() {
        let f = lint_hcl(r#"resource "azurerm_storage_account" "s" { account_replication_type = "LRS" }"#);
        assert_error(&f, RULE, "azurerm_storage_account.s", &["\"LRS\"", "geo-redundant", "GZRS"]);
        for kind in ["GRS", "RAGRS", "GZRS", "RAGZRS"] {
            let src = format!("resource \"azurerm_storage_account\" \"s\" {{ account_replication_type = \"{kind}\" }}");
            assert_clean(&lint_hcl(&src), RULE);
        }
    }

    #[test]
    fn staging_may_use_zrs() {
        assert_clean(&lint_hcl(r#"resource "azurerm_storage_account" "s" {
  account_replication_type = "ZRS"
  tags = { Environment = "x", environment = "staging" }
}"#), RULE);
    }

    #[test]
    fn value_through_conditional_and_tfvars() {
        let files = [
            ("main.tf", "variable \"geo\" { default = true }\nresource \"azurerm_storage_account\" \"s\" { account_replication_type = var.geo ? \"GZRS\" : \"LRS\" }"),
            ("prod.auto.tfvars", "geo = false"),
        ];
        assert_error(&lint_files(&files), RULE, "azurerm_storage_account.s", &["\"LRS\""]);
    }

    #[test]
    fn plan_json_values() {
        let plan = plan_json(&[("azurerm_storage_account.s", "azurerm_storage_account", "s", r#"{"account_replication_type": "ZRS"}"#)]);
        assert_error(&lint_plan(&plan), RULE, "azurerm_storage_account.s", &["\"ZRS\""]);
    }
}
