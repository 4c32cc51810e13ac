//! What terraform-provider-dr will compute for each `dr_backup_policy` and `dr_failover_group`,
//! computed here with the same model and the same attribute tables
//! ([`drkit_model::attributes`]), so that azurerm arguments set from
//! `dr_backup_policy.NAME.azure.*` (or `.retention_days`, `dr_failover_group.NAME.regions`...)
//! are checked against the values the provider will give them, instead of being reported as
//! unknown.
//!
//! Only a block the provider would accept is used: one with a plan-time error (reported by the
//! `backup-policy-objectives` or `failover-group-objectives` rule) leaves its references
//! unknown. Links between resources and policies are found before this step, on the references
//! themselves.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};

use super::objective::ObjectiveResolver;
use crate::finding::Severity;
use crate::sources::dr::given;
use crate::sources::scoped;
use drkit_model::attributes::{Mode, Planned, ResourceTable, Source};
use drkit_model::backup_policy::BACKUP_POLICY;
use drkit_model::failover_group::FAILOVER_GROUP;
use drkit_model::{evaluate_backup_policy, evaluate_failover_group, PolicyPack, Problem};
use drkit_terraform::ir::{Body, Resource};
use drkit_terraform::value::Value;

/// The attributes of every usable `dr_*` block, by root-scoped address.
#[derive(Debug, Default)]
pub struct PolicyOutputs {
    by_address: HashMap<String, Value>,
}

impl PolicyOutputs {
    pub fn build(resources: &[Resource], resolver: &ObjectiveResolver<'_>) -> PolicyOutputs {
        let mut by_address = HashMap::new();
        for block in resources {
            let outputs = if block.resource_type == BACKUP_POLICY.type_name {
                outputs(&BACKUP_POLICY, block, resolver, |input, pack, tier| {
                    let evaluation = evaluate_backup_policy(input, pack, tier);
                    (evaluation.policy, evaluation.problems)
                })
            } else if block.resource_type == FAILOVER_GROUP.type_name {
                outputs(&FAILOVER_GROUP, block, resolver, |input, pack, tier| {
                    let evaluation = evaluate_failover_group(input, pack, tier);
                    (evaluation.group, evaluation.problems)
                })
            } else {
                continue;
            };
            if let Some(outputs) = outputs {
                by_address.insert(scoped(block, &block.address()), outputs);
            }
        }
        PolicyOutputs { by_address }
    }

    /// The attributes the provider will plan for the `dr_*` block `block`, when it would
    /// accept it.
    pub fn of(&self, block: &Resource) -> Option<&Value> {
        self.by_address.get(&scoped(block, &block.address()))
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

/// The block's attributes as the provider plans them, when it would accept the block.
fn outputs<Input: Default, Evaluated>(
    table: &ResourceTable<Input, Evaluated>,
    block: &Resource,
    resolver: &ObjectiveResolver<'_>,
    evaluate: impl Fn(&Input, &PolicyPack, &str) -> (Evaluated, Vec<Problem>),
) -> Option<Value> {
    // A block without `tier` falls back to the tier drlint resolves for it.
    let assignment = resolver.resolve(block).ok()?;
    let input = table.input(|name, ty| given(&block.body, name, ty));
    let (evaluated, problems) =
        evaluate(&input, resolver.pack_for(block), &assignment.objective.tier);
    if problems.iter().any(|p| p.severity == Severity::Error) {
        return None;
    }
    Some(attributes(table, &block.body, &evaluated))
}

/// The attributes as the provider plans them: arguments as written (Terraform keeps a
/// configured value exactly), computed values where the configuration leaves them null. A
/// required argument that is not written is unknown (Terraform would not plan the block).
fn attributes<Input, Evaluated>(
    table: &ResourceTable<Input, Evaluated>,
    body: &Body,
    evaluated: &Evaluated,
) -> Value {
    let configured = |name: &str| body.value(name).cloned();
    let missing = |mode: Mode| {
        if mode == Mode::Required {
            Value::Unknown
        } else {
            Value::Null
        }
    };
    let entries = table.attributes.iter().map(|spec| {
        let value = match spec.value {
            Source::Configured => configured(spec.name).unwrap_or_else(|| missing(spec.mode)),
            Source::ConfiguredAs(other) => configured(other).unwrap_or(Value::Unknown),
            Source::Computed(compute) => match configured(spec.name) {
                Some(written) if spec.mode != Mode::Computed => written,
                _ => value(compute(evaluated)),
            },
        };
        (spec.name.to_string(), value)
    });
    Value::Map(entries.collect())
}

/// A planned value as the loader's values hold it.
fn value(planned: Planned) -> Value {
    match planned {
        Planned::Null => Value::Null,
        Planned::Unknown => Value::Unknown,
        Planned::Text(text) => Value::String(text),
        Planned::Count(count) => Value::Number(count as f64),
        Planned::Flag(flag) => Value::Bool(flag),
        Planned::List(items) => Value::List(items.into_iter().map(value).collect()),
        Planned::Map(entries) => Value::Map(
            entries
                .into_iter()
                .map(|(key, planned)| (key, value(planned)))
                .collect(),
        ),
        Planned::Object(fields) => Value::Map(
            fields
                .into_iter()
                .map(|(name, planned)| (name.to_string(), value(planned)))
                .collect::<BTreeMap<_, _>>(),
        ),
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
                // The policy's own warning that Azure Backup cannot back up hourly is about
                // services this estate does not use.
                .any(|f| f.severity >= Severity::Info
                    && f.rule != "cosmosdb-automatic-failover"
                    && !f
                        .message
                        .starts_with("Azure Backup runs at most every 4 hours")),
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
