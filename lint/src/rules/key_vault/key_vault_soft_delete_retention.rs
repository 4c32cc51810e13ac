//! The `key-vault-soft-delete-retention` rule.

use crate::rules::retention::RetentionCheck;
use crate::rules::{Check, Facts, Rule};
use drkit_model::capabilities::key_vault;
use drkit_model::facts::Unit;

declare_rule! {
    /// ## What it checks
    /// An `azurerm_key_vault` keeps deleted keys, secrets and certificates for
    /// `soft_delete_retention_days` (7 to 90, default 90:
    /// <https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/key_vault#soft_delete_retention_days>).
    /// That window must cover the tier's minimum retention, up to the 90 days Key Vault allows.
    ///
    /// ## Why it matters for recovery
    /// Soft delete is the only way back from a deleted secret or key. A 7-day window means a
    /// deletion noticed in the second week (after a holiday, a quarterly drill, a slow audit) is
    /// final, and so is the data encrypted with that key.
    ///
    /// ## How to fix
    /// Leave `soft_delete_retention_days` at its default of 90 or set it to at least the tier's
    /// retention (capped at 90):
    ///
    /// ```hcl
    /// resource "azurerm_key_vault" "main" {
    ///   # ...
    ///   soft_delete_retention_days = 90
    /// }
    /// ```
    pub struct KeyVaultSoftDeleteRetention {
        name: "key-vault-soft-delete-retention",
        summary: "Key Vault soft-delete retention must cover the tier's retention (up to 90 days).",
        facts: [KeyVault],
        requirement: Retention,
    }
}

/// Key Vault keeps deleted vaults at most this many days.
const KEY_VAULT_MAX_SOFT_DELETE_DAYS: f64 = key_vault::SOFT_DELETE_RETENTION_DAYS.max as f64;

impl Rule for KeyVaultSoftDeleteRetention {
    fn check(&self, facts: &Facts, cx: &mut Check<'_>) {
        let Facts::KeyVault(vault) = facts else { return };
        let Some(required) = cx.objective.retention else { return };
        // Key Vault cannot keep more than 90 days; asking for the rest would flag every vault
        // of a long-retention tier for something no setting can give.
        let capped = required.min(Unit::Days.duration(KEY_VAULT_MAX_SOFT_DELETE_DAYS));
        RetentionCheck {
            setting: &vault.soft_delete_retention_days,
            unit: Unit::Days,
            source: vault.source,
            service: "Key Vault soft delete",
            service_max: Some(KEY_VAULT_MAX_SOFT_DELETE_DAYS),
            long_term_hint: "",
        }
        .run(cx, capped);
    }
}

#[cfg(test)]
use crate::rules::value_channels::*;
#[cfg(test)]
pub(super) const CHANNELS: crate::rules::value_channels::Case = crate::rules::value_channels::Case {
    rule: "key-vault-soft-delete-retention",
    address: "azurerm_key_vault.kv",
    pass: "30",
    fail: "14",
    hcl: || {
        "resource \"azurerm_key_vault\" \"kv\" {\n  soft_delete_retention_days = $V\n}\n".into()
    },
    dynamic: None,
    plan_to_create: None,
    plan: |v| {
        single(
            "azurerm_key_vault",
            "kv",
            &format!(r#"{{"soft_delete_retention_days": {v}}}"#),
        )
    },
};

#[cfg(test)]
mod tests {
    use crate::rules::testing::*;

    const RULE: &str = "key-vault-soft-delete-retention";

    #[test]
    fn default_90_days_passes() {
        assert_clean(&lint_hcl(r#"resource "azurerm_key_vault" "kv" { purge_protection_enabled = true }"#), RULE);
    }

    #[test]
    fn seven_days_fails_30_day_production_retention() {
        let f = lint_hcl(r#"resource "azurerm_key_vault" "kv" { soft_delete_retention_days = 7 }"#);
        assert_error(&f, RULE, "azurerm_key_vault.kv", &["retention", "7 days", "30d", "soft_delete_retention_days = 30"]);
    }

    #[test]
    fn archive_tier_is_capped_at_90() {
        let f = lint_hcl(r#"resource "azurerm_key_vault" "kv" {
  soft_delete_retention_days = 90
  tags = { dr_tier = "archive" }
}"#);
        assert_clean(&f, RULE);
        let f = lint_hcl(r#"resource "azurerm_key_vault" "kv" {
  soft_delete_retention_days = 60
  tags = { dr_tier = "archive" }
}"#);
        assert_error(&f, RULE, "azurerm_key_vault.kv", &["soft_delete_retention_days = 90"]);
    }

    #[test]
    fn value_through_for_each_instances_with_different_verdicts() {
        let src = r#"
variable "vaults" {
  default = { main = 90, scratch = 7 }
}
resource "azurerm_key_vault" "kvs" {
  for_each                   = var.vaults
  soft_delete_retention_days = each.value
}"#;
        let f = lint_hcl(src);
        assert_error(&f, RULE, "azurerm_key_vault.kvs[\"scratch\"]", &["7 days"]);
        assert!(find(&f, RULE, "azurerm_key_vault.kvs[\"main\"]").is_empty());
    }

    #[test]
    fn plan_json_values() {
        let plan = plan_json(&[("azurerm_key_vault.kv", "azurerm_key_vault", "kv", r#"{"purge_protection_enabled": true, "soft_delete_retention_days": 14}"#)]);
        assert_error(&lint_plan(&plan), RULE, "azurerm_key_vault.kv", &["14 days"]);
    }
}
