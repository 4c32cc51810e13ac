//! What terraform-provider-dr will compute for each `dr_backup_policy`, computed here with the
//! same model ([`evaluate_backup_policy`]), so that azurerm arguments set from
//! `dr_backup_policy.NAME.azure.*` (or `.retention_days`, `.interval_minutes`...) are checked
//! against the values the provider will give them, instead of being reported as unknown.
//!
//! Only a policy the provider would accept is used: one with a plan-time error (reported by the
//! `backup-policy-objectives` rule) leaves its references unknown. Links between resources and
//! policies are found before this step, on the references themselves.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};

use super::objective::ObjectiveResolver;
use crate::finding::Severity;
use crate::sources::dr::backup_policy_input;
use crate::sources::scoped;
use drkit_model::{evaluate_backup_policy, BackupPolicy, Duration, Field, SettingValue};
use drkit_terraform::ir::{Body, Resource};
use drkit_terraform::value::Value;

const BACKUP_POLICY: &str = "dr_backup_policy";

/// The attributes of every usable `dr_backup_policy`, by root-scoped address.
#[derive(Debug, Default)]
pub struct PolicyOutputs {
    by_address: HashMap<String, Value>,
}

impl PolicyOutputs {
    pub fn build(resources: &[Resource], resolver: &ObjectiveResolver<'_>) -> PolicyOutputs {
        let mut by_address = HashMap::new();
        for policy in resources
            .iter()
            .filter(|r| r.resource_type == BACKUP_POLICY)
        {
            // A policy without `tier` falls back to the tier drlint resolves for its block.
            let Ok(objective) = resolver.resolve(policy) else {
                continue;
            };
            let input = backup_policy_input(&policy.body);
            let evaluation = evaluate_backup_policy(
                &input,
                resolver.pack_for(policy),
                &objective.objective.tier,
            );
            if evaluation
                .problems
                .iter()
                .any(|p| p.severity == Severity::Error)
            {
                continue;
            }
            by_address.insert(
                scoped(policy, &policy.address()),
                attributes(&policy.body, &evaluation.policy),
            );
        }
        PolicyOutputs { by_address }
    }

    /// `resource` with every reference to a policy attribute replaced by its value.
    pub fn substitute<'r>(&self, resource: &'r Resource) -> Cow<'r, Resource> {
        if self.by_address.is_empty() || !self.refers_to_policy(resource, &resource.body) {
            return Cow::Borrowed(resource);
        }
        let mut owned = resource.clone();
        self.substitute_body(resource, &mut owned.body);
        Cow::Owned(owned)
    }

    fn refers_to_policy(&self, within: &Resource, body: &Body) -> bool {
        body.attributes.values().any(|a| {
            a.value
                .referenced_addresses()
                .iter()
                .any(|address| self.by_address.contains_key(&scoped(within, address)))
        }) || body
            .blocks
            .iter()
            .any(|b| self.refers_to_policy(within, &b.body))
    }

    fn substitute_body(&self, within: &Resource, body: &mut Body) {
        for attribute in body.attributes.values_mut() {
            self.substitute_value(within, &mut attribute.value);
        }
        for block in &mut body.blocks {
            self.substitute_body(within, &mut block.body);
        }
    }

    fn substitute_value(&self, within: &Resource, value: &mut Value) {
        match value {
            Value::Ref {
                address,
                attribute: Some(path),
            } => {
                let found = self
                    .by_address
                    .get(&scoped(within, address))
                    .and_then(|outputs| {
                        path.split('.')
                            .try_fold(outputs, |current, name| match current {
                                Value::Map(map) => map.get(name),
                                _ => None,
                            })
                    });
                if let Some(found) = found {
                    *value = found.clone();
                }
            }
            Value::List(items) => items
                .iter_mut()
                .for_each(|item| self.substitute_value(within, item)),
            Value::Map(map) => map
                .values_mut()
                .for_each(|item| self.substitute_value(within, item)),
            _ => {}
        }
    }
}

/// The resource's attributes as the provider plans them: arguments as written (Terraform keeps
/// a configured value exactly), the tier's values where they are unset, and the computed ones.
fn attributes(body: &Body, policy: &BackupPolicy) -> Value {
    let given = |name: &str| body.value(name).cloned();
    let or_computed = |name: &str, computed: Value| given(name).unwrap_or(computed);
    let duration =
        |field: Field<Duration>| field_value(field.map(|d| Value::String(d.to_string())));
    let count = |field: Field<u64>| field_value(field.map(|n| Value::Number(n as f64)));
    let azure: BTreeMap<String, Value> = policy
        .azure
        .entries()
        .into_iter()
        .map(|(name, setting)| {
            let value = field_value(setting.map(|s| match s {
                SettingValue::Text(text) => Value::String(text.to_string()),
                SettingValue::Count(n) => Value::Number(n as f64),
                SettingValue::Flag(flag) => Value::Bool(flag),
            }));
            (name.to_string(), value)
        })
        .collect();
    let name = given("name").unwrap_or(Value::Unknown);
    let entries = [
        ("id", name.clone()),
        ("name", name),
        (
            "tier",
            or_computed("tier", field_value(policy.tier.clone().map(Value::String))),
        ),
        ("rpo", or_computed("rpo", duration(policy.rpo))),
        ("rto", or_computed("rto", duration(policy.rto))),
        ("interval", given("interval").unwrap_or(Value::Null)),
        ("schedule", given("schedule").unwrap_or(Value::Null)),
        (
            "retention",
            or_computed("retention", duration(policy.retention)),
        ),
        (
            "geo_redundant",
            or_computed(
                "geo_redundant",
                field_value(policy.geo_redundant.map(Value::Bool)),
            ),
        ),
        ("targets", given("targets").unwrap_or(Value::Null)),
        ("description", given("description").unwrap_or(Value::Null)),
        ("effective_interval", duration(policy.effective_interval)),
        ("interval_minutes", count(policy.interval_minutes)),
        ("retention_days", count(policy.retention_days)),
        ("retention_hours", count(policy.retention_hours)),
        ("azure", Value::Map(azure)),
    ];
    Value::Map(
        entries
            .into_iter()
            .map(|(k, v)| (k.to_string(), v))
            .collect(),
    )
}

fn field_value(field: Field<Value>) -> Value {
    match field {
        Field::Unset => Value::Null,
        Field::Unknown => Value::Unknown,
        Field::Known(value) => value,
    }
}

#[cfg(test)]
mod tests {
    use crate::finding::Severity;
    use crate::rules::testing::*;

    const POLICY: &str = r#"
resource "dr_backup_policy" "orders" {
  name      = "orders"
  tier      = "production"
  schedule  = "0 * * * *"
  retention = "30d"
}
"#;

    fn with_policy(resources: &str) -> String {
        format!("{POLICY}\n{resources}")
    }

    #[test]
    fn settings_taken_from_the_policy_are_checked_and_pass() {
        let src = with_policy(
            r#"
resource "azurerm_postgresql_flexible_server" "db" {
  backup_retention_days        = dr_backup_policy.orders.azure.postgresql_backup_retention_days
  geo_redundant_backup_enabled = dr_backup_policy.orders.azure.postgresql_geo_redundant_backup_enabled
}
resource "azurerm_key_vault" "kv" {
  soft_delete_retention_days = dr_backup_policy.orders.azure["key_vault_soft_delete_retention_days"]
  purge_protection_enabled   = dr_backup_policy.orders.azure.key_vault_purge_protection_enabled
}
resource "azurerm_cosmosdb_account" "db" {
  geo_location {
    location          = "eastus"
    failover_priority = 0
  }
  backup {
    type                = dr_backup_policy.orders.azure.cosmosdb_backup_type
    interval_in_minutes = dr_backup_policy.orders.azure.cosmosdb_interval_in_minutes
    retention_in_hours  = dr_backup_policy.orders.azure.cosmosdb_retention_in_hours
    storage_redundancy  = dr_backup_policy.orders.azure.cosmosdb_storage_redundancy
  }
}
resource "azurerm_storage_account" "s" {
  account_replication_type = dr_backup_policy.orders.azure.storage_account_replication_type
  blob_properties {
    delete_retention_policy { days = dr_backup_policy.orders.retention_days }
    container_delete_retention_policy { days = dr_backup_policy.orders.retention_days }
  }
}"#,
        );
        let findings = lint_hcl(&src);
        assert!(
            !findings
                .iter()
                .any(|f| f.severity >= Severity::Info && f.rule != "cosmosdb-automatic-failover"),
            "every value is known and meets the policy:\n{}",
            dump(&findings)
        );
    }

    #[test]
    fn a_policy_value_that_misses_another_tier_is_an_error() {
        // A critical policy covers the vault; the value it borrows comes from a development one.
        let src = r#"
resource "dr_backup_policy" "critical" {
  name    = "critical"
  tier    = "critical"
  targets = [azurerm_key_vault.kv.id]
}
resource "dr_backup_policy" "dev" {
  name = "dev"
  tier = "development"
}
resource "azurerm_key_vault" "kv" {
  purge_protection_enabled = dr_backup_policy.dev.azure.key_vault_purge_protection_enabled
}"#;
        let findings = lint_hcl(src);
        assert_error(
            &findings,
            "key-vault-purge-protection",
            "azurerm_key_vault.kv",
            &["purge protection is off"],
        );
    }

    #[test]
    fn a_policy_the_provider_would_reject_leaves_its_values_unknown() {
        let src = r#"
resource "dr_backup_policy" "bad" {
  name     = "bad"
  rpo      = "1h"
  interval = "4h"
}
resource "azurerm_postgresql_flexible_server" "db" {
  backup_retention_days = dr_backup_policy.bad.azure.postgresql_backup_retention_days
}"#;
        let findings = lint_hcl(src);
        assert_error(
            &findings,
            "backup-policy-objectives",
            "dr_backup_policy.bad",
            &["RPO"],
        );
        assert_info(&findings, "flexible-server-backup-retention");
    }

    #[test]
    fn unknown_policy_arguments_stay_unknown() {
        let src = r#"
variable "days" { type = string }
resource "dr_backup_policy" "p" {
  name      = "p"
  retention = var.days
}
resource "azurerm_postgresql_flexible_server" "db" {
  backup_retention_days = dr_backup_policy.p.azure.postgresql_backup_retention_days
}"#;
        let findings = lint_hcl(src);
        assert_clean(&findings, "flexible-server-backup-retention");
        assert!(
            findings.iter().any(|f| f.severity == Severity::Info
                && f.resource.as_deref() == Some("azurerm_postgresql_flexible_server.db")),
            "{}",
            dump(&findings)
        );
    }

    #[test]
    fn values_through_a_module_output() {
        // The policy lives in the root; a module takes its retention as a variable.
        let root = format!("{POLICY}\nmodule \"db\" {{\n  source    = \"./db\"\n  retention = dr_backup_policy.orders.azure.postgresql_backup_retention_days\n}}\n");
        let module = "variable \"retention\" {}\nresource \"azurerm_postgresql_flexible_server\" \"db\" {\n  backup_retention_days        = var.retention\n  geo_redundant_backup_enabled = true\n}\n";
        let findings = lint_files(&[("main.tf", &root), ("db/main.tf", module)]);
        assert_clean(&findings, "flexible-server-backup-retention");
        assert!(
            !findings
                .iter()
                .any(|f| f.rule == "flexible-server-backup-retention"),
            "{}",
            dump(&findings)
        );
    }
}
