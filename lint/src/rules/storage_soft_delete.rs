use super::check::{days, number_setting, Setting};
use super::support::RetentionCheck;
use super::{Check, Rule, RuleInfo};

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
        resource_types: ["azurerm_storage_account"],
        requirement: DeletionProtection,
    }
}

/// azurerm's `days` when a `delete_retention_policy` block omits it.
const DEFAULT_POLICY_DAYS: f64 = 7.0;
/// Blob soft delete keeps deleted data at most 365 days.
const MAX_POLICY_DAYS: f64 = 365.0;

impl Rule for StorageSoftDelete {
    fn info(&self) -> &'static RuleInfo {
        &Self::INFO
    }

    fn check(&self, cx: &mut Check<'_>) {
        let properties = cx.body().block("blob_properties");
        let blob_policy = properties.and_then(|p| p.body.block("delete_retention_policy"));
        let container_policy = properties.and_then(|p| p.body.block("container_delete_retention_policy"));
        let anchor = properties.map(|p| &p.location);

        if cx.objective.deletion_protection {
            let mut missing = Vec::new();
            if blob_policy.is_none() {
                missing.push("delete_retention_policy");
            }
            if container_policy.is_none() {
                missing.push("container_delete_retention_policy");
            }
            if !missing.is_empty() {
                let blocks: Vec<String> = missing.iter().map(|m| format!("blob_properties {{ {m} {{ days = 30 }} }}")).collect();
                let message = format!(
                    "deleted {} cannot be recovered (no {}), but the {} requires deletion protection; add {}",
                    if missing.len() == 2 { "blobs and containers" } else if blob_policy.is_none() { "blobs" } else { "containers" },
                    missing.join(" or "),
                    cx.objective_source(),
                    blocks.join(" and ")
                );
                cx.violation(anchor, message);
            }
        }

        let Some(required) = cx.objective.retention else { return };
        // Without a blob policy there is no retention at all; deletion protection above already
        // says so where the tier requires it, otherwise the retention check does.
        if blob_policy.is_none() && cx.objective.deletion_protection {
            return;
        }
        let setting = match blob_policy {
            None => Setting::Absent,
            Some(p) => number_setting(&p.body, &["days"]),
        };
        RetentionCheck {
            setting,
            default: blob_policy.map(|_| DEFAULT_POLICY_DAYS),
            unit: days,
            unit_name: "days",
            attribute: "blob_properties.delete_retention_policy.days",
            service: "blob soft delete",
            service_max: Some(MAX_POLICY_DAYS),
            long_term_hint: "add an immutability (time-based retention) policy or an Azure Backup vault for blobs",
        }
        .run(cx, required, blob_policy.map(|p| &p.location).or(anchor));
    }
}

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
