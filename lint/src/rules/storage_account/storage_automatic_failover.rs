//! The `storage-automatic-failover` rule.

use crate::rules::{Check, Facts, Rule};
use drkit_model::capabilities::{self, storage_account};

declare_rule! {
    /// ## What it checks
    /// Where the tier requires automatic failover, an `azurerm_storage_account` must use
    /// read-access geo-redundant replication, `account_replication_type` `RAGRS` or `RAGZRS`, so
    /// that readers switch to the secondary endpoint without waiting for an account failover
    /// (<https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/storage_account#account_replication_type>).
    ///
    /// ## Why it matters for recovery
    /// With GRS or GZRS, the secondary copy can be read only after an account failover that
    /// someone must start and that takes up to an hour; RA-GRS serves reads from the secondary
    /// endpoint the moment the primary is gone.
    ///
    /// ## How to fix
    /// ```hcl
    /// account_replication_type = "RAGZRS"
    /// ```
    pub struct StorageAutomaticFailover {
        name: "storage-automatic-failover",
        summary: "Storage accounts need RA-GRS/RA-GZRS where the tier requires automatic failover.",
        facts: [StorageAccount],
        requirement: Failover,
    }
}

impl Rule for StorageAutomaticFailover {
    fn check(&self, facts: &Facts, cx: &mut Check<'_>) {
        let Facts::StorageAccount(account) = facts else { return };
        if !cx.objective.automatic_failover {
            return;
        }
        let Some(kind) = super::replication_type(account, cx, "automatic failover") else {
            return;
        };
        let setting = &account.replication_type;
        if storage_account::has_read_access_secondary(kind) {
            return;
        }
        let message = format!(
            "{} = {kind:?} gives no read access to the secondary region before a manual account failover, but the {} requires automatic failover; set {} = {}",
            setting.setting,
            cx.objective_source(),
            setting.setting,
            capabilities::preferred_of(
                storage_account::SUGGESTED_READ_ACCESS.as_str(),
                &storage_account::READ_ACCESS_REPLICATION_TYPES
            )
        );
        cx.violation(setting.at, message);
    }
}

#[cfg(test)]
use crate::rules::value_channels::*;
#[cfg(test)]
pub(super) const CHANNELS: crate::rules::value_channels::Case = crate::rules::value_channels::Case {
    rule: "storage-automatic-failover",
    address: "azurerm_storage_account.st",
    pass: "\"RAGZRS\"",
    fail: "\"GZRS\"",
    hcl: || {
        "resource \"azurerm_storage_account\" \"st\" {\n  account_replication_type = $V\n  tags = { dr_tier = \"critical\" }\n}\n".into()
    },
    dynamic: None,
    plan_to_create: None,
    plan: |v| {
        single(
            "azurerm_storage_account",
            "st",
            &format!(
                r#"{{"account_replication_type": {v}, "tags": {{"dr_tier": "critical"}}}}"#
            ),
        )
    },
};

#[cfg(test)]
mod tests {
    use crate::rules::testing::*;

    const RULE: &str = "storage-automatic-failover";

    #[test]
    fn critical_needs_read_access() {
        let src = "resource \"azurerm_storage_account\" \"s\" {\n  account_replication_type = \"KIND\"\n  tags = { dr_tier = \"critical\" }\n}";
        assert_error(&lint_hcl(&src.replace("KIND", "GZRS")), RULE, "azurerm_storage_account.s", &["failover", "RAGZRS"]);
        assert_clean(&lint_hcl(&src.replace("KIND", "RAGZRS")), RULE);
        assert_clean(&lint_hcl(&src.replace("KIND", "RAGRS")), RULE);
    }

    #[test]
    fn production_does_not_require_it() {
        assert_clean(&lint_hcl(r#"resource "azurerm_storage_account" "s" { account_replication_type = "GRS" }"#), RULE);
    }

    #[test]
    fn plan_json_values() {
        let plan = plan_json(&[("azurerm_storage_account.s", "azurerm_storage_account", "s", r#"{"account_replication_type": "GRS", "tags": {"dr_tier": "critical"}}"#)]);
        assert_error(&lint_plan(&plan), RULE, "azurerm_storage_account.s", &["\"GRS\""]);
    }
}
