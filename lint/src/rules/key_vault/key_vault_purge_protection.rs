//! The `key-vault-purge-protection` rule.

use crate::rules::{Check, Facts, Rule};
use drkit_model::facts::Observed;

declare_rule! {
    /// ## What it checks
    /// An `azurerm_key_vault` whose tier requires deletion protection must set
    /// `purge_protection_enabled = true`. Not set, it is off (azurerm 3.x, 4.x and 5.x:
    /// <https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/key_vault#purge_protection_enabled>).
    ///
    /// ## Why it matters for recovery
    /// Without purge protection, anyone who can delete the vault can also purge it from soft
    /// delete: keys, secrets and certificates are then gone for good, and every database or
    /// storage account encrypted with those keys becomes unrecoverable with them. Purge
    /// protection cannot be turned off once on, which is exactly the guarantee a recovery plan
    /// needs.
    ///
    /// ## How to fix
    /// Turn purge protection on for vaults in tiers with deletion protection (critical,
    /// production, archive in the built-in pack):
    ///
    /// ```hcl
    /// resource "azurerm_key_vault" "main" {
    ///   # ...
    ///   purge_protection_enabled   = true
    ///   soft_delete_retention_days = 90
    /// }
    /// ```
    pub struct KeyVaultPurgeProtection {
        name: "key-vault-purge-protection",
        summary: "Key Vault purge protection must be on where the tier requires deletion protection.",
        facts: [KeyVault],
        requirement: DeletionProtection,
    }
}

impl Rule for KeyVaultPurgeProtection {
    fn check(&self, facts: &Facts, cx: &mut Check<'_>) {
        let Facts::KeyVault(vault) = facts else { return };
        if !cx.objective.deletion_protection {
            return;
        }
        let setting = &vault.purge_protection;
        match setting.observed {
            Observed::Known(true) | Observed::Default(true) => {}
            Observed::Default(false) | Observed::Known(false) | Observed::Absent => {
                let found = if setting.is_written() {
                    format!("purge protection is off ({} = false)", setting.setting)
                } else {
                    format!(
                        "purge protection is off ({} is not set; the {} default is false)",
                        setting.setting, vault.source
                    )
                };
                let message = format!(
                    "{found}, but the {} requires deletion protection: a deleted vault can be purged with every key and secret; set {} = true",
                    cx.objective_source(),
                    setting.setting
                );
                cx.violation(setting.at, message);
            }
            Observed::Unknown | Observed::Invalid => cx.unknown(
                setting.at,
                "deletion protection (purge protection)",
                setting.setting,
            ),
        }
    }
}

#[cfg(test)]
use crate::rules::value_channels::*;
#[cfg(test)]
pub(super) const CHANNELS: crate::rules::value_channels::Case = crate::rules::value_channels::Case {
    rule: "key-vault-purge-protection",
    address: "azurerm_key_vault.kv",
    pass: "true",
    fail: "false",
    hcl: || {
        "resource \"azurerm_key_vault\" \"kv\" {\n  purge_protection_enabled = $V\n}\n".into()
    },
    dynamic: None,
    plan_to_create: None,
    plan: |v| {
        single(
            "azurerm_key_vault",
            "kv",
            &format!(r#"{{"purge_protection_enabled": {v}}}"#),
        )
    },
};

#[cfg(test)]
mod tests {
    use crate::rules::testing::*;

    const RULE: &str = "key-vault-purge-protection";

    #[test]
    fn absent_purge_protection_fails_in_production() {
        let f = lint_hcl(r#"resource "azurerm_key_vault" "kv" { name = "kv" }"#);
        assert_error(&f, RULE, "azurerm_key_vault.kv", &["deletion protection", "purge_protection_enabled = true", "production"]);
    }

    #[test]
    fn enabled_purge_protection_passes() {
        let f = lint_hcl(r#"resource "azurerm_key_vault" "kv" { purge_protection_enabled = true }"#);
        assert_clean(&f, RULE);
    }

    #[test]
    fn development_tier_does_not_require_it() {
        let f = lint_hcl(r#"resource "azurerm_key_vault" "kv" {
  tags = { environment = "dev" }
}"#);
        assert_clean(&f, RULE);
    }

    #[test]
    fn value_through_variable_and_tfvars() {
        let files = [
            ("main.tf", "variable \"purge\" { default = true }\nresource \"azurerm_key_vault\" \"kv\" { purge_protection_enabled = var.purge }"),
            ("terraform.tfvars", "purge = false"),
        ];
        assert_error(&lint_files(&files), RULE, "azurerm_key_vault.kv", &["purge_protection_enabled = false"]);
    }

    #[test]
    fn value_through_locals_and_module() {
        let files = [
            ("main.tf", "locals { protect = true }\nmodule \"vault\" {\n  source = \"./modules/vault\"\n  protect = !local.protect\n}"),
            ("modules/vault/main.tf", "variable \"protect\" {}\nresource \"azurerm_key_vault\" \"this\" { purge_protection_enabled = var.protect }"),
        ];
        assert_error(&lint_files(&files), RULE, "module.vault.azurerm_key_vault.this", &["purge protection"]);
    }

    #[test]
    fn unknown_value_is_info_not_error() {
        let f = lint_hcl("variable \"purge\" { type = bool }\nresource \"azurerm_key_vault\" \"kv\" { purge_protection_enabled = var.purge }");
        assert_clean(&f, RULE);
        assert_info(&f, RULE);
    }

    #[test]
    fn plan_json_values() {
        let plan = plan_json(&[("azurerm_key_vault.kv", "azurerm_key_vault", "kv", r#"{"purge_protection_enabled": false, "soft_delete_retention_days": 90, "tags": {"environment": "prod"}}"#)]);
        assert_error(&lint_plan(&plan), RULE, "azurerm_key_vault.kv", &["purge_protection_enabled = false"]);
        let plan = plan_json(&[("azurerm_key_vault.kv", "azurerm_key_vault", "kv", r#"{"purge_protection_enabled": true, "soft_delete_retention_days": 90}"#)]);
        assert_clean(&lint_plan(&plan), RULE);
    }
}
