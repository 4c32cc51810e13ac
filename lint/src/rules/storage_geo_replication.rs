use super::check::{string_setting, Setting};
use super::{Check, Rule, RuleInfo};

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
        resource_types: ["azurerm_storage_account"],
        requirement: GeoRedundancy,
    }
}


impl Rule for StorageGeoReplication {
    fn info(&self) -> &'static RuleInfo {
        &Self::INFO
    }

    fn check(&self, cx: &mut Check<'_>) {
        if !cx.objective.geo_redundant {
            return;
        }
        let setting = string_setting(cx.body(), &["account_replication_type"]);
        let at = setting.location();
        let kind = match setting {
            Setting::Known(kind, _) => kind,
            Setting::Absent => return, // Required by azurerm: Terraform itself rejects the block.
            _ => return cx.unknown(at, "geo-redundant", "account_replication_type"),
        };
        if drkit_model::capabilities::storage_account::is_geo_redundant(kind) {
            return;
        }
        let message = format!(
            "account_replication_type = {kind:?} keeps every copy in one region, but the {} requires geo-redundant storage; set account_replication_type = \"GZRS\" (or GRS, RAGRS, RAGZRS)",
            cx.objective_source()
        );
        cx.violation(at, message);
    }
}

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
