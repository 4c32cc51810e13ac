//! Every rule, passing and failing, with the value that decides the verdict arriving through each
//! way Terraform can deliver it: a literal, a variable default, `terraform.tfvars`, `--var`, a
//! local, a module input, a `dynamic` block (for values inside nested blocks), and plan JSON.
//!
//! Each rule's own file tests its messages and edge cases; this matrix makes sure that no rule
//! reads a value only when it is written literally.

use serde_json::json;

use super::testing::{dump, lint_files, lint_plan, lint_with_vars, plan_json};
use crate::finding::{Finding, Severity};

/// One rule's decisive value, and where it goes.
struct Case {
    rule: &'static str,
    /// The resource the rule reports on (without a module prefix).
    address: &'static str,
    /// HCL literals (also valid JSON) that pass and fail the rule.
    pass: &'static str,
    fail: &'static str,
    /// The configuration, with the value's expression in place of `$V`.
    hcl: fn() -> String,
    /// The same with the value's block written as a `dynamic` block over `[$V]`, when the value
    /// sits in a nested block.
    dynamic: Option<fn() -> String>,
    /// The plan JSON of the configuration for a value (a JSON literal).
    plan: fn(&str) -> String,
    /// For a value that links two resources: the plan JSON when the resources are still to be
    /// created, so that their IDs are unknown and the plan's `configuration` says what refers to
    /// what (`plan` then shows resources that exist, with known IDs).
    plan_to_create: Option<fn(&str) -> String>,
}

fn single(ty: &'static str, name: &'static str, values: &str) -> String {
    plan_json(&[(&format!("{ty}.{name}"), ty, name, values)])
}

const CASES: &[Case] = &[
    Case {
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
    },
    Case {
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
    },
    Case {
        rule: "cosmosdb-backup-rpo",
        address: "azurerm_cosmosdb_account.db",
        pass: "60",
        fail: "240",
        hcl: || cosmos("interval_in_minutes", false),
        dynamic: Some(|| cosmos("interval_in_minutes", true)),
        plan_to_create: None,
        plan: |v| {
            single(
                "azurerm_cosmosdb_account",
                "db",
                &cosmos_plan(v, "720", "\"Geo\""),
            )
        },
    },
    Case {
        rule: "cosmosdb-backup-retention",
        address: "azurerm_cosmosdb_account.db",
        pass: "720",
        fail: "8",
        hcl: || cosmos("retention_in_hours", false),
        dynamic: Some(|| cosmos("retention_in_hours", true)),
        plan_to_create: None,
        plan: |v| {
            single(
                "azurerm_cosmosdb_account",
                "db",
                &cosmos_plan("60", v, "\"Geo\""),
            )
        },
    },
    Case {
        rule: "cosmosdb-geo-redundancy",
        address: "azurerm_cosmosdb_account.db",
        pass: "\"Geo\"",
        fail: "\"Local\"",
        hcl: || cosmos("storage_redundancy", false),
        dynamic: Some(|| cosmos("storage_redundancy", true)),
        plan_to_create: None,
        plan: |v| {
            single(
                "azurerm_cosmosdb_account",
                "db",
                &cosmos_plan("60", "720", v),
            )
        },
    },
    Case {
        rule: "cosmosdb-automatic-failover",
        address: "azurerm_cosmosdb_account.db",
        pass: "true",
        fail: "false",
        hcl: || {
            r#"resource "azurerm_cosmosdb_account" "db" {
  automatic_failover_enabled = $V
  geo_location {
    location          = "eastus"
    failover_priority = 0
  }
  geo_location {
    location          = "westus"
    failover_priority = 1
  }
  backup {
    type = "Continuous"
    tier = "Continuous30Days"
  }
  tags = { dr_tier = "critical" }
}
"#
            .into()
        },
        dynamic: None,
        plan_to_create: None,
        plan: |v| {
            single(
                "azurerm_cosmosdb_account",
                "db",
                &format!(
                    r#"{{"automatic_failover_enabled": {v}, "tags": {{"dr_tier": "critical"}}, "backup": [{{"type": "Continuous", "tier": "Continuous30Days"}}],
                    "geo_location": [{{"location": "eastus", "failover_priority": 0}}, {{"location": "westus", "failover_priority": 1}}]}}"#
                ),
            )
        },
    },
    Case {
        rule: "redis-persistence-rpo",
        address: "azurerm_redis_cache.r",
        pass: "60",
        fail: "360",
        hcl: || {
            "resource \"azurerm_redis_cache\" \"r\" {\n  redis_configuration {\n    rdb_backup_enabled   = true\n    rdb_backup_frequency = $V\n  }\n}\n".into()
        },
        dynamic: Some(|| {
            "resource \"azurerm_redis_cache\" \"r\" {\n  dynamic \"redis_configuration\" {\n    for_each = [$V]\n    content {\n      rdb_backup_enabled   = true\n      rdb_backup_frequency = redis_configuration.value\n    }\n  }\n}\n".into()
        }),
        plan_to_create: None,
        plan: |v| {
            single(
                "azurerm_redis_cache",
                "r",
                &format!(
                    r#"{{"redis_configuration": [{{"rdb_backup_enabled": true, "rdb_backup_frequency": {v}}}]}}"#
                ),
            )
        },
    },
    Case {
        rule: "redis-geo-replication",
        address: "azurerm_redis_cache.r",
        pass: "1",
        fail: "0",
        hcl: || {
            r#"resource "azurerm_redis_cache" "r" {
  redis_configuration {
    aof_backup_enabled = true
  }
}
resource "azurerm_redis_cache" "s" {
  location = "westus"
}
resource "azurerm_redis_linked_server" "link" {
  count                   = $V
  target_redis_cache_name = azurerm_redis_cache.r.name
  linked_redis_cache_id   = azurerm_redis_cache.s.id
  server_role             = "Secondary"
}
"#
            .into()
        },
        dynamic: None,
        plan: |v| {
            let mut resources = vec![
                (
                    "azurerm_redis_cache.r",
                    "azurerm_redis_cache",
                    "r",
                    r#"{"id": "/subscriptions/0/resourceGroups/rg/providers/Microsoft.Cache/Redis/redis-r", "name": "redis-r", "redis_configuration": [{"aof_backup_enabled": true}]}"#,
                ),
                (
                    "azurerm_redis_cache.s",
                    "azurerm_redis_cache",
                    "s",
                    r#"{"id": "/subscriptions/0/resourceGroups/rg/providers/Microsoft.Cache/Redis/redis-s", "name": "redis-s", "location": "westus"}"#,
                ),
            ];
            if v != "0" {
                resources.push(("azurerm_redis_linked_server.link[0]", "azurerm_redis_linked_server", "link", r#"{"server_role": "Secondary", "target_redis_cache_name": "redis-r", "linked_redis_cache_id": "/subscriptions/0/resourceGroups/rg/providers/Microsoft.Cache/Redis/redis-s"}"#));
            }
            plan_json(&resources)
        },
        plan_to_create: Some(|v| {
            let mut resources = vec![
                (
                    "azurerm_redis_cache.r",
                    "azurerm_redis_cache",
                    "r",
                    r#"{"redis_configuration": [{"aof_backup_enabled": true}]}"#,
                ),
                (
                    "azurerm_redis_cache.s",
                    "azurerm_redis_cache",
                    "s",
                    r#"{"location": "westus"}"#,
                ),
            ];
            let mut unknown = Vec::new();
            if v != "0" {
                resources.push((
                    "azurerm_redis_linked_server.link[0]",
                    "azurerm_redis_linked_server",
                    "link",
                    r#"{"server_role": "Secondary"}"#,
                ));
                unknown.push((
                    "azurerm_redis_linked_server.link[0]",
                    json!({"target_redis_cache_name": true, "linked_redis_cache_id": true}),
                ));
            }
            to_create(
                &plan_json(&resources),
                &unknown,
                json!({"root_module": {"resources": [{
                    "address": "azurerm_redis_linked_server.link", "mode": "managed", "type": "azurerm_redis_linked_server", "name": "link",
                    "expressions": {
                        "target_redis_cache_name": {"references": ["azurerm_redis_cache.r.name", "azurerm_redis_cache.r"]},
                        "linked_redis_cache_id": {"references": ["azurerm_redis_cache.s.id", "azurerm_redis_cache.s"]}
                    }
                }]}}),
            )
        }),
    },
    Case {
        rule: "redis-automatic-failover",
        address: "azurerm_redis_cache.r",
        pass: "\"production\"",
        fail: "\"critical\"",
        hcl: || "resource \"azurerm_redis_cache\" \"r\" {\n  tags = { dr_tier = $V }\n}\n".into(),
        dynamic: None,
        plan_to_create: None,
        plan: |v| {
            single(
                "azurerm_redis_cache",
                "r",
                &format!(r#"{{"tags": {{"dr_tier": {v}}}}}"#),
            )
        },
    },
    Case {
        rule: "point-in-time-restore-rpo",
        address: "azurerm_postgresql_flexible_server.pg",
        pass: "\"1h\"",
        fail: "\"1m\"",
        hcl: || {
            "resource \"azurerm_postgresql_flexible_server\" \"pg\" {\n  tags = { dr_rpo = $V }\n}\n".into()
        },
        dynamic: None,
        plan_to_create: None,
        plan: |v| {
            single(
                "azurerm_postgresql_flexible_server",
                "pg",
                &format!(r#"{{"tags": {{"dr_rpo": {v}}}}}"#),
            )
        },
    },
    Case {
        rule: "flexible-server-backup-retention",
        address: "azurerm_postgresql_flexible_server.pg",
        pass: "30",
        fail: "7",
        hcl: || {
            "resource \"azurerm_postgresql_flexible_server\" \"pg\" {\n  backup_retention_days = $V\n}\n".into()
        },
        dynamic: None,
        plan_to_create: None,
        plan: |v| {
            single(
                "azurerm_postgresql_flexible_server",
                "pg",
                &format!(r#"{{"backup_retention_days": {v}}}"#),
            )
        },
    },
    Case {
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
    },
    Case {
        rule: "flexible-server-automatic-failover",
        address: "azurerm_postgresql_flexible_server.pg",
        pass: "\"production\"",
        fail: "\"critical\"",
        hcl: || {
            "resource \"azurerm_postgresql_flexible_server\" \"pg\" {\n  tags = { dr_tier = $V }\n}\n".into()
        },
        dynamic: None,
        plan_to_create: None,
        plan: |v| {
            single(
                "azurerm_postgresql_flexible_server",
                "pg",
                &format!(r#"{{"tags": {{"dr_tier": {v}}}}}"#),
            )
        },
    },
    Case {
        rule: "mssql-database-backup-retention",
        address: "azurerm_mssql_database.db",
        pass: "30",
        fail: "7",
        hcl: || {
            "resource \"azurerm_mssql_database\" \"db\" {\n  short_term_retention_policy {\n    retention_days = $V\n  }\n}\n".into()
        },
        dynamic: Some(|| {
            "resource \"azurerm_mssql_database\" \"db\" {\n  dynamic \"short_term_retention_policy\" {\n    for_each = [$V]\n    content {\n      retention_days = short_term_retention_policy.value\n    }\n  }\n}\n".into()
        }),
        plan_to_create: None,
        plan: |v| {
            single(
                "azurerm_mssql_database",
                "db",
                &format!(r#"{{"short_term_retention_policy": [{{"retention_days": {v}}}]}}"#),
            )
        },
    },
    Case {
        rule: "mssql-database-geo-backup",
        address: "azurerm_mssql_database.db",
        pass: "\"Geo\"",
        fail: "\"Local\"",
        hcl: || {
            "resource \"azurerm_mssql_database\" \"db\" {\n  storage_account_type = $V\n}\n".into()
        },
        dynamic: None,
        plan_to_create: None,
        plan: |v| {
            single(
                "azurerm_mssql_database",
                "db",
                &format!(r#"{{"storage_account_type": {v}}}"#),
            )
        },
    },
    Case {
        rule: "mssql-database-automatic-failover",
        address: "azurerm_mssql_database.db",
        pass: "30",
        fail: "120",
        hcl: || {
            r#"resource "azurerm_mssql_database" "db" {
  tags = { dr_tier = "critical" }
}
resource "azurerm_mssql_failover_group" "fg" {
  databases = [azurerm_mssql_database.db.id]
  read_write_endpoint_failover_policy {
    mode          = "Automatic"
    grace_minutes = $V
  }
}
"#
            .into()
        },
        dynamic: Some(|| {
            r#"resource "azurerm_mssql_database" "db" {
  tags = { dr_tier = "critical" }
}
resource "azurerm_mssql_failover_group" "fg" {
  databases = [azurerm_mssql_database.db.id]
  dynamic "read_write_endpoint_failover_policy" {
    for_each = [$V]
    content {
      mode          = "Automatic"
      grace_minutes = read_write_endpoint_failover_policy.value
    }
  }
}
"#
            .into()
        }),
        plan: |v| {
            let group = format!(
                r#"{{"databases": ["/subscriptions/0/resourceGroups/rg/providers/Microsoft.Sql/servers/sql/databases/db"], "read_write_endpoint_failover_policy": [{{"mode": "Automatic", "grace_minutes": {v}}}]}}"#
            );
            plan_json(&[
                (
                    "azurerm_mssql_database.db",
                    "azurerm_mssql_database",
                    "db",
                    r#"{"id": "/subscriptions/0/resourceGroups/rg/providers/Microsoft.Sql/servers/sql/databases/db", "name": "db", "tags": {"dr_tier": "critical"}}"#,
                ),
                (
                    "azurerm_mssql_failover_group.fg",
                    "azurerm_mssql_failover_group",
                    "fg",
                    &group,
                ),
            ])
        },
        plan_to_create: Some(|v| {
            let group = format!(
                r#"{{"read_write_endpoint_failover_policy": [{{"mode": "Automatic", "grace_minutes": {v}}}]}}"#
            );
            to_create(
                &plan_json(&[
                    (
                        "azurerm_mssql_database.db",
                        "azurerm_mssql_database",
                        "db",
                        r#"{"tags": {"dr_tier": "critical"}}"#,
                    ),
                    (
                        "azurerm_mssql_failover_group.fg",
                        "azurerm_mssql_failover_group",
                        "fg",
                        &group,
                    ),
                ]),
                &[(
                    "azurerm_mssql_failover_group.fg",
                    json!({"databases": true}),
                )],
                json!({"root_module": {"resources": [{
                    "address": "azurerm_mssql_failover_group.fg", "mode": "managed", "type": "azurerm_mssql_failover_group", "name": "fg",
                    "expressions": {"databases": {"references": ["azurerm_mssql_database.db.id", "azurerm_mssql_database.db"]}}
                }]}}),
            )
        }),
    },
    Case {
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
    },
    Case {
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
    },
    Case {
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
    },
    Case {
        rule: "container-registry-geo-replication",
        address: "azurerm_container_registry.acr",
        pass: "\"westus\"",
        fail: "\"East US\"",
        hcl: || {
            "resource \"azurerm_container_registry\" \"acr\" {\n  location = \"eastus\"\n  georeplications {\n    location = $V\n  }\n}\n".into()
        },
        dynamic: Some(|| {
            "resource \"azurerm_container_registry\" \"acr\" {\n  location = \"eastus\"\n  dynamic \"georeplications\" {\n    for_each = [$V]\n    content {\n      location = georeplications.value\n    }\n  }\n}\n".into()
        }),
        plan_to_create: None,
        plan: |v| {
            single(
                "azurerm_container_registry",
                "acr",
                &format!(r#"{{"location": "eastus", "georeplications": [{{"location": {v}}}]}}"#),
            )
        },
    },
    Case {
        rule: "backup-policy-objectives",
        address: "dr_backup_policy.p",
        pass: "\"1h\"",
        fail: "\"4h\"",
        hcl: || {
            "resource \"dr_backup_policy\" \"p\" {\n  name     = \"p\"\n  rpo      = \"1h\"\n  interval = $V\n}\n".into()
        },
        dynamic: None,
        plan_to_create: None,
        plan: |v| {
            single(
                "dr_backup_policy",
                "p",
                &format!(r#"{{"name": "p", "rpo": "1h", "interval": {v}}}"#),
            )
        },
    },
    Case {
        rule: "failover-group-objectives",
        address: "dr_failover_group.g",
        pass: "\"30m\"",
        fail: "\"4h\"",
        hcl: || {
            "resource \"dr_failover_group\" \"g\" {\n  name           = \"g\"\n  primary_region = \"westeurope\"\n  grace_period   = $V\n}\n".into()
        },
        dynamic: None,
        plan_to_create: None,
        plan: |v| {
            single(
                "dr_failover_group",
                "g",
                &format!(r#"{{"name": "g", "primary_region": "westeurope", "grace_period": {v}}}"#),
            )
        },
    },
];

/// A periodic Cosmos DB account with the value in `knob` (interval 60, retention 720, redundancy
/// Geo otherwise), in a `backup` block or a `dynamic "backup"` block over `[$V]`.
fn cosmos(knob: &str, dynamic: bool) -> String {
    let settings = [
        ("interval_in_minutes", "60"),
        ("retention_in_hours", "720"),
        ("storage_redundancy", "\"Geo\""),
    ];
    let value_of = if dynamic { "backup.value" } else { "$V" };
    let lines: Vec<String> = settings
        .iter()
        .map(|(name, fixed)| format!("{name} = {}", if *name == knob { value_of } else { fixed }))
        .collect();
    let geo =
        "  geo_location {\n    location          = \"eastus\"\n    failover_priority = 0\n  }\n";
    let body = lines.join("\n      ");
    if dynamic {
        format!("resource \"azurerm_cosmosdb_account\" \"db\" {{\n{geo}  dynamic \"backup\" {{\n    for_each = [$V]\n    content {{\n      type = \"Periodic\"\n      {body}\n    }}\n  }}\n}}\n")
    } else {
        format!("resource \"azurerm_cosmosdb_account\" \"db\" {{\n{geo}  backup {{\n      type = \"Periodic\"\n      {body}\n  }}\n}}\n")
    }
}

fn cosmos_plan(interval: &str, retention: &str, redundancy: &str) -> String {
    format!(
        r#"{{"geo_location": [{{"location": "eastus", "failover_priority": 0}}],
        "backup": [{{"type": "Periodic", "interval_in_minutes": {interval}, "retention_in_hours": {retention}, "storage_redundancy": {redundancy}}}]}}"#
    )
}

/// A plan whose `unknown` attributes are only known after apply (`after_unknown`), with the
/// `configuration` that says which resources they come from.
fn to_create(
    plan: &str,
    unknown: &[(&str, serde_json::Value)],
    configuration: serde_json::Value,
) -> String {
    let mut doc: serde_json::Value = serde_json::from_str(plan).expect("plan JSON");
    doc["resource_changes"] = unknown
        .iter()
        .map(|(address, after_unknown)| json!({"address": address, "change": {"actions": ["create"], "after_unknown": after_unknown}}))
        .collect();
    doc["configuration"] = configuration;
    doc.to_string()
}

/// The ways a value reaches the rule: a name and the findings of linting it.
fn channels(case: &Case, value: &str) -> Vec<(&'static str, String, Vec<Finding>)> {
    let hcl = (case.hcl)();
    let with = |expr: &str| hcl.replace("$V", expr);
    let root = case.address.to_string();
    let mut out = vec![
        (
            "literal",
            root.clone(),
            lint_files(&[("main.tf", &with(value))]),
        ),
        (
            "variable default",
            root.clone(),
            lint_files(&[(
                "main.tf",
                &format!(
                    "variable \"v\" {{\n  default = {value}\n}}\n{}",
                    with("var.v")
                ),
            )]),
        ),
        (
            "terraform.tfvars",
            root.clone(),
            lint_files(&[
                (
                    "main.tf",
                    &format!("variable \"v\" {{}}\n{}", with("var.v")),
                ),
                ("terraform.tfvars", &format!("v = {value}\n")),
            ]),
        ),
        (
            "--var",
            root.clone(),
            lint_with_vars(
                &[(
                    "main.tf",
                    &format!("variable \"v\" {{}}\n{}", with("var.v")),
                )],
                &[("v", value.trim_matches('"'))],
            ),
        ),
        (
            "local",
            root.clone(),
            lint_files(&[(
                "main.tf",
                &format!("locals {{\n  v = {value}\n}}\n{}", with("local.v")),
            )]),
        ),
        (
            "module input",
            format!("module.m.{root}"),
            lint_files(&[
                (
                    "main.tf",
                    &format!("module \"m\" {{\n  source = \"./m\"\n  v      = {value}\n}}\n"),
                ),
                (
                    "m/main.tf",
                    &format!("variable \"v\" {{}}\n{}", with("var.v")),
                ),
            ]),
        ),
        ("plan JSON", root.clone(), lint_plan(&(case.plan)(value))),
    ];
    if let Some(plan) = case.plan_to_create {
        out.push((
            "plan JSON of resources to create",
            root.clone(),
            lint_plan(&plan(value)),
        ));
    }
    if let Some(dynamic) = case.dynamic {
        out.push((
            "dynamic block",
            root,
            lint_files(&[("main.tf", &dynamic().replace("$V", value))]),
        ));
    }
    out
}

/// Resource addresses differ only by the module prefix or an instance key in a plan.
fn about(finding: &Finding, address: &str) -> bool {
    finding
        .resource
        .as_deref()
        .is_some_and(|r| r == address || r.starts_with(&format!("{address}[")))
}

#[test]
fn every_rule_decides_on_values_from_every_channel() {
    let mut failures = Vec::new();
    for case in CASES {
        // The same configuration fails with the other value (below), so a pass is not vacuous.
        for (channel, _, findings) in channels(case, case.pass) {
            let bad: Vec<&Finding> = findings
                .iter()
                .filter(|f| f.rule == case.rule && f.severity >= Severity::Warning)
                .collect();
            if !bad.is_empty() {
                failures.push(format!(
                    "{} passes with {} through {channel}, but:\n{}",
                    case.rule,
                    case.pass,
                    dump(&findings)
                ));
            }
        }
        for (channel, address, findings) in channels(case, case.fail) {
            let errors = findings
                .iter()
                .filter(|f| {
                    f.rule == case.rule && f.severity == Severity::Error && about(f, &address)
                })
                .count();
            if errors == 0 {
                failures.push(format!(
                    "{} fails with {} through {channel}, expected an error on {address}, got:\n{}",
                    case.rule,
                    case.fail,
                    dump(&findings)
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} problems:\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}

#[test]
fn every_rule_has_a_case() {
    for rule in super::REGISTRY {
        let name = rule.info().name;
        assert!(
            CASES.iter().any(|c| c.rule == name),
            "{name} has no value-channel case"
        );
    }
}
