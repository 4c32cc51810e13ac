//! The `storage-soft-delete` rule.

use crate::rules::retention::RetentionCheck;
use crate::rules::{Check, Facts, Rule};
use drkit_model::capabilities::storage_account;
use drkit_model::facts::Unit;

declare_rule! {
    /// ## What it checks
    /// Where the tier requires deletion protection, an `azurerm_storage_account` must soft-delete
    /// both blobs and containers: `blob_properties` with a `delete_retention_policy` and a
    /// `container_delete_retention_policy`. The blob policy's `days` (1 to 365, default 7 when the
    /// block is present; no block means no soft delete) must also cover the tier's retention
    /// (<https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/storage_account#delete_retention_policy>).
    ///
    /// ## Why it matters for recovery
    /// A script that deletes the wrong container, or ransomware that deletes blobs, is the most
    /// common way to lose backups. Soft delete is what brings them back.
    ///
    /// ## How to fix
    /// ```hcl
    /// blob_properties {
    ///   delete_retention_policy {
    ///     days = 30
    ///   }
    ///   container_delete_retention_policy {
    ///     days = 30
    ///   }
    /// }
    /// ```
    pub struct StorageSoftDelete {
        name: "storage-soft-delete",
        summary: "Storage accounts must soft-delete blobs and containers for the tier's retention.",
        facts: [StorageAccount],
        requirement: DeletionProtection,
    }
}

/// Blob soft delete keeps deleted data at most this many days.
const MAX_POLICY_DAYS: f64 = storage_account::SOFT_DELETE_RETENTION_DAYS.max as f64;

impl Rule for StorageSoftDelete {
    fn check(&self, facts: &Facts, cx: &mut Check<'_>) {
        let Facts::StorageAccount(account) = facts else { return };
        let blobs = &account.blob_soft_delete_days;
        let containers = &account.container_soft_delete_days;

        if cx.objective.deletion_protection {
            let phrases = account.phrases;
            let mut missing = Vec::new();
            if blobs.is_absent() {
                missing.push((phrases.blob_soft_delete, phrases.enable_blob_soft_delete));
            }
            if containers.is_absent() {
                missing.push((
                    phrases.container_soft_delete,
                    phrases.enable_container_soft_delete,
                ));
            }
            if !missing.is_empty() {
                let what = match (blobs.is_absent(), containers.is_absent()) {
                    (true, true) => "blobs and containers",
                    (true, false) => "blobs",
                    _ => "containers",
                };
                let names: Vec<&str> = missing.iter().map(|(name, _)| *name).collect();
                let fixes: Vec<&str> = missing.iter().map(|(_, fix)| *fix).collect();
                let message = format!(
                    "deleted {what} cannot be recovered (no {}), but the {} requires deletion protection; add {}",
                    names.join(" or "),
                    cx.objective_source(),
                    fixes.join(" and ")
                );
                // Both point at the innermost block written around the missing policies.
                let at = if blobs.is_absent() { blobs.at } else { containers.at };
                cx.violation(at, message);
            }
        }

        let Some(required) = cx.objective.retention else { return };
        // Without a blob policy there is no retention at all; deletion protection above already
        // says so where the tier requires it, otherwise the retention check does.
        if blobs.is_absent() && cx.objective.deletion_protection {
            return;
        }
        RetentionCheck {
            setting: blobs,
            unit: Unit::Days,
            source: account.source,
            service: "blob soft delete",
            service_max: Some(MAX_POLICY_DAYS),
            long_term_hint: "add an immutability (time-based retention) policy or an Azure Backup vault for blobs",
        }
        .run(cx, required);
    }
}

#[cfg(test)]
use crate::rules::value_channels::*;
#[cfg(test)]
pub(super) const CHANNELS: crate::rules::value_channels::Case = crate::rules::value_channels::Case {
    rule: "storage-soft-delete",
    address: "azurerm_storage_account.st",
    pass: "30",
    fail: "7",
    hcl: || {
        "resource \"azurerm_storage_account\" \"st\" {\n  blob_properties {\n    delete_retention_policy {\n      days = $V\n    }\n    container_delete_retention_policy {\n      days = 30\n    }\n  }\n}\n".into()
    },
    dynamic: Some(|| {
        "resource \"azurerm_storage_account\" \"st\" {\n  blob_properties {\n    dynamic \"delete_retention_policy\" {\n      for_each = [$V]\n      content {\n        days = delete_retention_policy.value\n      }\n    }\n    container_delete_retention_policy {\n      days = 30\n    }\n  }\n}\n".into()
    }),
    plan_to_create: None,
    plan: |v| {
        single(
            "azurerm_storage_account",
            "st",
            &format!(
                r#"{{"blob_properties": [{{"delete_retention_policy": [{{"days": {v}}}], "container_delete_retention_policy": [{{"days": 30}}]}}]}}"#
            ),
        )
    },
};

#[cfg(test)]
mod tests {
    use crate::rules::testing::*;

    const RULE: &str = "storage-soft-delete";

    const PROTECTED: &str = r#"resource "azurerm_storage_account" "s" {
  account_replication_type = "GZRS"
  blob_properties {
    delete_retention_policy { days = DAYS }
    container_delete_retention_policy { days = 30 }
  }
}"#;

    #[test]
    fn no_soft_delete_fails_production() {
        let f = lint_hcl(r#"resource "azurerm_storage_account" "s" { account_replication_type = "GZRS" }"#);
        assert_error(&f, RULE, "azurerm_storage_account.s", &["deletion protection", "delete_retention_policy", "container_delete_retention_policy"]);
    }

    #[test]
    fn both_policies_with_enough_days_pass() {
        assert_clean(&lint_hcl(&PROTECTED.replace("DAYS", "30")), RULE);
    }

    #[test]
    fn short_blob_retention_fails() {
        let f = lint_hcl(&PROTECTED.replace("DAYS", "7"));
        assert_error(&f, RULE, "azurerm_storage_account.s", &["7 days", "30d", "days = 30"]);
    }

    #[test]
    fn development_needs_only_retention_when_a_policy_exists() {
        let src = "resource \"azurerm_storage_account\" \"s\" {\n  account_replication_type = \"LRS\"\n  tags = { env = \"dev\" }\n}";
        let f = lint_hcl(src);
        assert_error(&f, RULE, "azurerm_storage_account.s", &["keeps no deleted data", "7d"]);
    }

    #[test]
    fn days_through_module_and_dynamic_block() {
        let files = [
            ("main.tf", "module \"st\" {\n  source = \"./st\"\n  soft_delete_days = [3]\n}"),
            ("st/main.tf", "variable \"soft_delete_days\" {}\nresource \"azurerm_storage_account\" \"this\" {\n  account_replication_type = \"GZRS\"\n  blob_properties {\n    dynamic \"delete_retention_policy\" {\n      for_each = var.soft_delete_days\n      content { days = delete_retention_policy.value }\n    }\n    container_delete_retention_policy {}\n  }\n}"),
        ];
        assert_error(&lint_files(&files), RULE, "module.st.azurerm_storage_account.this", &["3 days"]);
    }

    #[test]
    fn plan_json_values() {
        let plan = plan_json(&[("azurerm_storage_account.s", "azurerm_storage_account", "s", r#"{"account_replication_type": "GZRS", "blob_properties": [{"delete_retention_policy": [{"days": 30}], "container_delete_retention_policy": [{"days": 30}]}]}"#)]);
        assert_clean(&lint_plan(&plan), RULE);
        let plan = plan_json(&[("azurerm_storage_account.s", "azurerm_storage_account", "s", r#"{"account_replication_type": "GZRS", "blob_properties": []}"#)]);
        assert_error(&lint_plan(&plan), RULE, "azurerm_storage_account.s", &["deletion protection"]);
    }
}
