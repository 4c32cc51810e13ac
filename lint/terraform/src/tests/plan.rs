//! `terraform show -json` plans.

use super::*;
use crate::ir::{InstanceKey, LoadIssueKind};

#[test]
fn real_terraform_plan_with_child_modules_and_unknowns() {
    let path = fixture("plan/real_tf103_aws_null.json");
    let estate = load(&path, &LoadOptions::default()).unwrap();
    assert!(estate.issues.is_empty(), "{:?}", estate.issues);
    assert_eq!(
        addresses(&estate),
        vec![
            "aws_dynamodb_table.t",
            "aws_iam_policy.p",
            "aws_iam_role.r",
            "null_resource.a[0]",
            "null_resource.a[1]",
            "null_resource.b",
            "module.app[\"x\"].aws_dynamodb_table.m",
            "module.app[\"x\"].null_resource.c",
        ]
    );
    let table = resource(&estate, "aws_dynamodb_table.t");
    assert_eq!(table.location.file, crate::location::display_path(&path));
    assert_eq!(table.root_module, table.location.file);
    assert!(table.location.line > 1);
    assert_eq!(table.body.value("id"), Some(&Value::Unknown));
    assert_eq!(
        table.body.value("billing_mode"),
        Some(&s("PAY_PER_REQUEST"))
    );
    // Blocks are lists of objects in a plan; an empty list is an absent block.
    let pitr = table.body.block("point_in_time_recovery").unwrap();
    assert_eq!(pitr.body.value("enabled"), Some(&Value::Bool(true)));
    assert_eq!(
        pitr.body.value("recovery_period_in_days"),
        Some(&Value::Unknown)
    );
    assert!(table.body.block("replica").is_none());
    assert_eq!(
        table.body.value("tags"),
        Some(&Value::Map([("env".to_string(), s("prod"))].into()))
    );

    let a1 = resource(&estate, "null_resource.a[1]");
    assert_eq!(a1.key, Some(InstanceKey::Index(1)));
    let child = resource(&estate, "module.app[\"x\"].aws_dynamodb_table.m");
    assert_eq!(child.module_path, vec!["app[\"x\"]".to_string()]);
    assert_eq!(
        child
            .body
            .block("replica")
            .unwrap()
            .body
            .value("region_name"),
        Some(&s("us-west-2"))
    );
    // `tags = { refs = join(",", var.ids) }`: unknown, and refers (through var.ids) to the root table.
    assert_eq!(
        child.body.value("tags"),
        Some(&reference("aws_dynamodb_table.t", "arn"))
    );
    let c = resource(&estate, "module.app[\"x\"].null_resource.c");
    assert_eq!(
        c.body.value("triggers"),
        Some(&reference("module.app[\"x\"].aws_dynamodb_table.m", "id"))
    );
    let b = resource(&estate, "null_resource.b");
    assert_eq!(
        b.body.value("triggers"),
        Some(&Value::List(vec![
            Value::Ref {
                address: "null_resource.a".into(),
                attribute: None
            },
            reference("aws_dynamodb_table.t", "arn"),
        ]))
    );
    assert_eq!(estate.stats.files_read, 1);
}

#[test]
fn azurerm_plan_links_objectives_through_references() {
    let estate = load(
        &fixture("plan/azurerm_estate.json"),
        &LoadOptions::default(),
    )
    .unwrap();
    assert!(estate.issues.is_empty(), "{:?}", estate.issues);
    assert!(
        !addresses(&estate)
            .iter()
            .any(|a| a.contains("azurerm_data_factory")),
        "data sources are skipped"
    );

    let cosmos = resource(&estate, "azurerm_cosmosdb_account.db");
    let backup = cosmos.body.block("backup").unwrap();
    assert_eq!(backup.body.value("type"), Some(&s("Continuous")));
    assert_eq!(
        backup.body.value("interval_in_minutes"),
        Some(&Value::Unknown)
    );
    assert_eq!(cosmos.body.blocks("geo_location").count(), 2);
    assert!(cosmos.body.block("capabilities").is_none());
    assert_eq!((cosmos.location.line, cosmos.location.column), (8, 11));

    let kv1 = resource(&estate, "azurerm_key_vault.kv[1]");
    assert_eq!(
        kv1.body.value("purge_protection_enabled"),
        Some(&Value::Bool(false))
    );

    let policy = resource(&estate, "dr_backup_policy.db");
    assert_eq!(
        policy.body.value("targets"),
        Some(&Value::List(vec![reference(
            "azurerm_cosmosdb_account.db",
            "id"
        )]))
    );
    let group = resource(&estate, "dr_failover_group.sql");
    assert_eq!(
        group.body.value("members"),
        Some(&reference(
            "module.data[\"weu\"].azurerm_mssql_database.db",
            "id"
        ))
    );
    let fg = resource(
        &estate,
        "module.data[\"weu\"].azurerm_mssql_failover_group.fg",
    );
    assert_eq!(
        fg.body.value("databases"),
        Some(&reference(
            "module.data[\"weu\"].azurerm_mssql_database.db",
            "id"
        ))
    );
    let policy = fg
        .body
        .block("read_write_endpoint_failover_policy")
        .unwrap();
    assert_eq!(policy.body.value("grace_minutes"), Some(&n(60.0)));
    let link = resource(
        &estate,
        "module.data[\"weu\"].azurerm_redis_linked_server.link",
    );
    assert_eq!(
        link.body.value("linked_redis_cache_id"),
        Some(&reference("azurerm_redis_cache.primary", "id"))
    );
    let sa = resource(&estate, "module.data[\"weu\"].azurerm_storage_account.sa");
    let blob = sa.body.block("blob_properties").unwrap();
    assert_eq!(
        blob.body
            .block("delete_retention_policy")
            .unwrap()
            .body
            .value("days"),
        Some(&n(14.0))
    );
    assert_eq!(
        blob.body
            .block("container_delete_retention_policy")
            .unwrap()
            .body
            .value("days"),
        Some(&n(7.0))
    );
}

#[test]
fn broken_plans_are_issues() {
    let dir = write_tree(&[
        (
            "bad.json",
            "{\"planned_values\": {\n  \"root_module\": [\n}",
        ),
        ("other.json", "{\"hello\": 1}"),
        ("array.json", "[1, 2]"),
    ]);
    let bad = load(&dir.path().join("bad.json"), &LoadOptions::default()).unwrap();
    assert_eq!(bad.issues.len(), 1);
    assert_eq!(bad.issues[0].kind, LoadIssueKind::Parse);
    assert_eq!(bad.issues[0].location.line, 3);
    assert!(
        bad.issues[0].message.contains("cannot be parsed as JSON"),
        "{}",
        bad.issues[0].message
    );
    let other = load(&dir.path().join("other.json"), &LoadOptions::default()).unwrap();
    assert!(
        other.issues[0].message.contains("terraform show -json"),
        "{}",
        other.issues[0].message
    );
    let array = load(&dir.path().join("array.json"), &LoadOptions::default()).unwrap();
    assert!(
        array.issues[0].message.contains("a JSON array"),
        "{}",
        array.issues[0].message
    );
}

#[test]
fn state_json_is_read_from_values() {
    let dir = write_tree(&[(
        "state.json",
        r#"{"format_version": "0.2", "values": {"root_module": {"resources": [
            {"address": "azurerm_key_vault.kv", "mode": "managed", "type": "azurerm_key_vault", "name": "kv",
             "values": {"purge_protection_enabled": true}}]}}}"#,
    )]);
    let estate = load(&dir.path().join("state.json"), &LoadOptions::default()).unwrap();
    assert_eq!(addresses(&estate), vec!["azurerm_key_vault.kv"]);
    assert_eq!(
        estate.resources[0].body.value("purge_protection_enabled"),
        Some(&Value::Bool(true))
    );
}
