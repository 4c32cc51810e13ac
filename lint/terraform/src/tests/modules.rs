//! Modules, variables, expressions and references over whole directories.

use super::*;
use crate::ir::{InstanceKey, LoadIssueKind};

#[test]
fn variables_follow_terraform_precedence() {
    let dir = write_tree(&[
        (
            "main.tf",
            r#"
variable "from_default" { default = "default" }
variable "from_tfvars" { default = "default" }
variable "from_tfvars_json" { default = "default" }
variable "from_auto" { default = "default" }
variable "from_var_file" { default = "default" }
variable "from_cli" {
  type    = number
  default = 1
}
variable "no_value" {}
resource "x_thing" "t" {
  a = var.from_default
  b = var.from_tfvars
  c = var.from_tfvars_json
  d = var.from_auto
  e = var.from_var_file
  f = var.from_cli
  g = var.no_value
}
"#,
        ),
        ("terraform.tfvars", "from_tfvars = \"tfvars\"\nfrom_tfvars_json = \"tfvars\"\nfrom_auto = \"tfvars\"\nfrom_var_file = \"tfvars\"\nfrom_cli = 2\n"),
        ("terraform.tfvars.json", r#"{"from_tfvars_json": "json", "from_auto": "json"}"#),
        ("a.auto.tfvars", "from_auto = \"auto-a\"\nfrom_var_file = \"auto-a\"\n"),
        ("b.auto.tfvars.json", r#"{"from_auto": "auto-b"}"#),
        ("extra.tfvars", "from_var_file = \"var-file\"\nfrom_cli = 3\n"),
    ]);
    let options = LoadOptions {
        var_files: vec![dir.path().join("extra.tfvars")],
        vars: vec![("from_cli".into(), "42".into())],
    };
    let estate = load(dir.path(), &options).unwrap();
    assert!(estate.issues.is_empty(), "{:?}", estate.issues);
    let body = &resource(&estate, "x_thing.t").body;
    assert_eq!(body.value("a"), Some(&s("default")));
    assert_eq!(body.value("b"), Some(&s("tfvars")));
    assert_eq!(body.value("c"), Some(&s("json")));
    assert_eq!(body.value("d"), Some(&s("auto-b")));
    assert_eq!(body.value("e"), Some(&s("var-file")));
    assert_eq!(body.value("f"), Some(&n(42.0)));
    assert_eq!(body.value("g"), Some(&Value::Unknown));
}

#[test]
fn an_unreadable_var_file_is_a_usage_error() {
    let dir = write_tree(&[("main.tf", ""), ("bad.tfvars", "a = [\n")]);
    let missing = LoadOptions {
        var_files: vec![dir.path().join("missing.tfvars")],
        vars: vec![],
    };
    let err = load(dir.path(), &missing).unwrap_err();
    assert!(err.to_string().contains("missing.tfvars"), "{err}");
    let bad = LoadOptions {
        var_files: vec![dir.path().join("bad.tfvars")],
        vars: vec![],
    };
    let err = load(dir.path(), &bad).unwrap_err();
    assert!(err.to_string().contains("cannot be parsed as HCL"), "{err}");
}

#[test]
fn a_missing_path_is_a_load_error() {
    let err = load(
        Path::new("/nonexistent/drlint/path"),
        &LoadOptions::default(),
    )
    .unwrap_err();
    assert!(
        err.to_string()
            .starts_with("The path /nonexistent/drlint/path cannot be read"),
        "{err}"
    );
}

#[test]
fn locals_chains_cycles_and_conditionals() {
    let dir = write_tree(&[(
        "main.tf",
        r#"
locals {
  c       = "${local.b}-c"
  a       = var.env
  b       = "${local.a}-b"
  is_prod = local.a == "prod"
  tier    = local.is_prod ? "production" : "development"
  loop1   = local.loop2
  loop2   = local.loop1
}
variable "env" { default = "prod" }
resource "x_thing" "t" {
  chain = local.c
  tier  = local.tier
  loop  = local.loop1
  days  = max(7, 30) * 2
}
"#,
    )]);
    let estate = load_dir(dir.path());
    let body = &resource(&estate, "x_thing.t").body;
    assert_eq!(body.value("chain"), Some(&s("prod-b-c")));
    assert_eq!(body.value("tier"), Some(&s("production")));
    assert_eq!(body.value("loop"), Some(&Value::Unknown));
    assert_eq!(body.value("days"), Some(&n(60.0)));
    assert!(
        estate.issues.iter().any(|i| i.message.contains("cycle")),
        "{:?}",
        estate.issues
    );
}

#[test]
fn long_local_chains_do_not_overflow_the_stack() {
    let mut text = String::from("locals {\n  l0 = 1\n");
    for i in 1..5000 {
        text.push_str(&format!("  l{i} = local.l{} + 1\n", i - 1));
    }
    text.push_str(
        "}\nresource \"x_thing\" \"t\" {\n  short = local.l100\n  long = local.l4999\n}\n",
    );
    let dir = write_tree(&[("main.tf", &text)]);
    let estate = load_dir(dir.path());
    let body = &resource(&estate, "x_thing.t").body;
    assert_eq!(body.value("short"), Some(&n(101.0)));
    assert_eq!(body.value("long"), Some(&Value::Unknown));
    assert!(
        estate
            .issues
            .iter()
            .any(|i| i.message.contains("references deep")),
        "{:?}",
        estate.issues
    );
}

#[test]
fn count_and_for_each_give_one_resource_per_instance() {
    let dir = write_tree(&[(
        "main.tf",
        r#"
variable "vaults" {
  default = { keep = 90, scratch = 7 }
}
variable "unknown" {}
resource "azurerm_key_vault" "kvs" {
  for_each                   = var.vaults
  name                       = "kv-${each.key}"
  soft_delete_retention_days = each.value
}
resource "azurerm_key_vault" "one" {
  count = 2
  name  = "kv-${count.index}"
}
resource "azurerm_key_vault" "none" {
  count = 0
}
resource "azurerm_key_vault" "empty" {
  for_each = toset([])
}
resource "azurerm_key_vault" "maybe" {
  count = var.unknown ? 1 : 0
  name  = "maybe-${count.index}"
}
resource "x_link" "l" {
  all    = [for k, v in azurerm_key_vault.kvs : v.id]
  first  = azurerm_key_vault.one[0].id
  splat  = azurerm_key_vault.one[*].id
  keyed  = azurerm_key_vault.kvs["keep"].id
  maybe  = azurerm_key_vault.maybe[0].id
}
"#,
    )]);
    let estate = load_dir(dir.path());
    assert_eq!(
        addresses(&estate),
        vec![
            "azurerm_key_vault.kvs[\"keep\"]",
            "azurerm_key_vault.kvs[\"scratch\"]",
            "azurerm_key_vault.one[0]",
            "azurerm_key_vault.one[1]",
            "azurerm_key_vault.maybe",
            "x_link.l",
        ]
    );
    let scratch = resource(&estate, "azurerm_key_vault.kvs[\"scratch\"]");
    assert_eq!(scratch.key, Some(InstanceKey::Key("scratch".into())));
    assert_eq!(
        scratch.body.value("soft_delete_retention_days"),
        Some(&n(7.0))
    );
    assert_eq!(scratch.body.value("name"), Some(&s("kv-scratch")));
    assert_eq!(
        resource(&estate, "azurerm_key_vault.one[1]")
            .body
            .value("name"),
        Some(&s("kv-1"))
    );
    let maybe = resource(&estate, "azurerm_key_vault.maybe");
    assert_eq!(maybe.key, None);
    assert_eq!(maybe.body.value("name"), Some(&Value::Unknown));
    let unresolved: Vec<_> = estate
        .issues
        .iter()
        .filter(|i| i.kind == LoadIssueKind::Unresolved)
        .collect();
    assert_eq!(unresolved.len(), 1, "{:?}", estate.issues);
    assert!(
        unresolved[0].message.contains("azurerm_key_vault.maybe"),
        "{}",
        unresolved[0].message
    );
    assert_eq!(unresolved[0].location.line, 21);

    let link = &resource(&estate, "x_link.l").body;
    assert_eq!(
        link.value("all"),
        Some(&Value::List(vec![
            reference("azurerm_key_vault.kvs[\"keep\"]", "id"),
            reference("azurerm_key_vault.kvs[\"scratch\"]", "id"),
        ]))
    );
    assert_eq!(
        link.value("first"),
        Some(&reference("azurerm_key_vault.one[0]", "id"))
    );
    assert_eq!(
        link.value("splat"),
        Some(&Value::List(vec![
            reference("azurerm_key_vault.one[0]", "id"),
            reference("azurerm_key_vault.one[1]", "id")
        ]))
    );
    assert_eq!(
        link.value("keyed"),
        Some(&reference("azurerm_key_vault.kvs[\"keep\"]", "id"))
    );
    assert_eq!(
        link.value("maybe"),
        Some(&reference("azurerm_key_vault.maybe[0]", "id"))
    );
}

#[test]
fn nested_local_modules_with_arguments_outputs_and_refs() {
    let dir = write_tree(&[
        (
            "env/prod/main.tf",
            r#"
module "app" {
  source = "../../modules/app"
  env    = "prod"
  extra_targets = [azurerm_redis_cache.root.id]
}
resource "azurerm_redis_cache" "root" {}
resource "dr_backup_policy" "p" {
  tier    = "critical"
  targets = concat([module.app.db_id], module.app.all_targets)
}
"#,
        ),
        (
            "modules/app/main.tf",
            r#"
variable "env" {}
variable "extra_targets" { default = [] }
variable "retention" { default = 14 }
module "data" {
  source    = "./data"
  name      = "db-${var.env}"
  retention = var.retention * 2
}
output "db_id" { value = module.data.id }
output "all_targets" { value = concat([module.data.id], var.extra_targets) }
"#,
        ),
        (
            "modules/app/data/main.tf",
            r#"
variable "name" {}
variable "retention" {}
resource "azurerm_cosmosdb_account" "this" {
  name = var.name
  backup {
    type                = "Periodic"
    retention_in_hours  = var.retention
  }
}
output "id" { value = azurerm_cosmosdb_account.this.id }
"#,
        ),
    ]);
    let estate = load_dir(dir.path());
    assert!(estate.issues.is_empty(), "{:?}", estate.issues);
    assert_eq!(
        addresses(&estate),
        vec![
            "azurerm_redis_cache.root",
            "dr_backup_policy.p",
            "module.app.module.data.azurerm_cosmosdb_account.this"
        ]
    );
    let db = resource(
        &estate,
        "module.app.module.data.azurerm_cosmosdb_account.this",
    );
    assert_eq!(db.module_path, vec!["app".to_string(), "data".to_string()]);
    assert_eq!(db.body.value("name"), Some(&s("db-prod")));
    assert_eq!(
        db.body
            .block("backup")
            .unwrap()
            .body
            .value("retention_in_hours"),
        Some(&n(28.0))
    );
    assert_eq!(db.location.file, "modules/app/data/main.tf");
    assert_eq!((db.location.line, db.location.column), (4, 1));
    assert_eq!(
        db.source_line.as_deref(),
        Some("resource \"azurerm_cosmosdb_account\" \"this\" {")
    );
    let policy = resource(&estate, "dr_backup_policy.p");
    assert_eq!(
        policy.body.value("targets"),
        Some(&Value::List(vec![
            reference("module.app.module.data.azurerm_cosmosdb_account.this", "id"),
            reference("module.app.module.data.azurerm_cosmosdb_account.this", "id"),
            reference("azurerm_redis_cache.root", "id"),
        ]))
    );
    assert_eq!(estate.stats.modules, 3);
    assert_eq!(estate.stats.module_instances, 3);
}

#[test]
fn module_instances_with_count_and_for_each() {
    let dir = write_tree(&[
        (
            "main.tf",
            r#"
module "regional" {
  source   = "./mod"
  for_each = { weu = "westeurope", neu = "northeurope" }
  location = each.value
}
module "copies" {
  source   = "./mod"
  count    = 2
  location = "copy-${count.index}"
}
output "ids" { value = [for m in module.regional : m.id] }
resource "x_link" "l" {
  ids   = [for m in module.regional : m.id]
  first = module.copies[0].id
}
"#,
        ),
        (
            "mod/main.tf",
            "variable \"location\" {}\nresource \"azurerm_storage_account\" \"sa\" {\n  location = var.location\n}\noutput \"id\" { value = azurerm_storage_account.sa.id }\n",
        ),
    ]);
    let estate = load_dir(dir.path());
    let sa = resource(
        &estate,
        "module.regional[\"weu\"].azurerm_storage_account.sa",
    );
    assert_eq!(sa.module_path, vec!["regional[\"weu\"]".to_string()]);
    assert_eq!(sa.body.value("location"), Some(&s("westeurope")));
    assert_eq!(
        resource(&estate, "module.copies[1].azurerm_storage_account.sa")
            .body
            .value("location"),
        Some(&s("copy-1"))
    );
    let link = &resource(&estate, "x_link.l").body;
    assert_eq!(
        link.value("ids"),
        Some(&Value::List(vec![
            reference("module.regional[\"neu\"].azurerm_storage_account.sa", "id"),
            reference("module.regional[\"weu\"].azurerm_storage_account.sa", "id"),
        ]))
    );
    assert_eq!(
        link.value("first"),
        Some(&reference(
            "module.copies[0].azurerm_storage_account.sa",
            "id"
        ))
    );
}

#[test]
fn called_modules_are_not_roots_and_remote_sources_are_unresolved() {
    let dir = write_tree(&[
        (
            "root/main.tf",
            "module \"m\" {\n  source = \"../shared\"\n}\nmodule \"remote\" {\n  source  = \"Azure/avm-res-keyvault-vault/azurerm\"\n  version = \"0.9.1\"\n}\nmodule \"gone\" {\n  source = \"./missing\"\n}\nresource \"x_thing\" \"t\" {\n  v = module.remote.id\n}\n",
        ),
        ("shared/main.tf", "resource \"azurerm_key_vault\" \"kv\" {}\n"),
        ("standalone/main.tf", "resource \"azurerm_key_vault\" \"solo\" {}\n"),
    ]);
    let estate = load_dir(dir.path());
    assert_eq!(
        addresses(&estate),
        vec![
            "x_thing.t",
            "module.m.azurerm_key_vault.kv",
            "azurerm_key_vault.solo"
        ]
    );
    let roots: Vec<&str> = estate
        .resources
        .iter()
        .map(|r| r.root_module.as_str())
        .collect();
    assert_eq!(roots, vec!["root", "root", "standalone"]);
    assert_eq!(
        resource(&estate, "x_thing.t").body.value("v"),
        Some(&Value::Unknown)
    );
    let messages: Vec<&str> = estate.issues.iter().map(|i| i.message.as_str()).collect();
    assert_eq!(estate.issues.len(), 2, "{messages:?}");
    assert!(estate
        .issues
        .iter()
        .all(|i| i.kind == LoadIssueKind::Unresolved));
    assert!(
        messages[0].contains("remote source \"Azure/avm-res-keyvault-vault/azurerm\""),
        "{}",
        messages[0]
    );
    assert_eq!(
        (
            estate.issues[0].location.file.as_str(),
            estate.issues[0].location.line
        ),
        ("root/main.tf", 4)
    );
    assert!(messages[1].contains("does not exist"), "{}", messages[1]);
}

#[test]
fn recursive_module_calls_stop() {
    let dir = write_tree(&[
        (
            "a/main.tf",
            "module \"b\" {\n  source = \"../b\"\n}\nresource \"x_a\" \"a\" {}\n",
        ),
        (
            "b/main.tf",
            "module \"a\" {\n  source = \"../a\"\n}\nresource \"x_b\" \"b\" {}\n",
        ),
    ]);
    let estate = load_dir(dir.path());
    assert_eq!(addresses(&estate), vec!["x_a.a", "module.b.x_b.b"]);
    assert!(
        estate
            .issues
            .iter()
            .any(|i| i.message.contains("recursively")),
        "{:?}",
        estate.issues
    );
}

#[test]
fn leading_comments_are_attached_to_resources_and_their_instances() {
    let dir = write_tree(&[(
        "main.tf",
        "# owner: team-a, scratch account\nresource \"azurerm_cosmosdb_account\" \"a\" {\n  count = 2\n}\n\n// note\nresource \"azurerm_cosmosdb_account\" \"b\" {}\n\nresource \"azurerm_cosmosdb_account\" \"c\" {}\n",
    )]);
    let estate = load_dir(dir.path());
    let a = resource(&estate, "azurerm_cosmosdb_account.a[1]");
    assert_eq!(a.leading_comments.len(), 1);
    assert_eq!(
        a.leading_comments[0].text,
        "# owner: team-a, scratch account"
    );
    assert_eq!(
        (
            a.leading_comments[0].location.line,
            a.leading_comments[0].location.column
        ),
        (1, 1)
    );
    assert_eq!(
        resource(&estate, "azurerm_cosmosdb_account.a[0]").leading_comments,
        a.leading_comments
    );
    assert_eq!(
        resource(&estate, "azurerm_cosmosdb_account.b").leading_comments[0].text,
        "// note"
    );
    assert!(resource(&estate, "azurerm_cosmosdb_account.c")
        .leading_comments
        .is_empty());
}

#[test]
fn a_single_file_is_a_module_of_that_file() {
    let dir = write_tree(&[
        (
            "main.tf",
            "resource \"x_a\" \"a\" {\n  p = path.module\n}\n",
        ),
        ("other.tf", "resource \"x_b\" \"b\" {}\n"),
    ]);
    let file = dir.path().join("main.tf");
    let estate = load(&file, &LoadOptions::default()).unwrap();
    assert_eq!(addresses(&estate), vec!["x_a.a"]);
    assert_eq!(
        estate.resources[0].location.file,
        crate::location::display_path(&file)
    );
    assert_eq!(estate.resources[0].body.value("p"), Some(&s(".")));
}

#[test]
fn terraform_json_syntax_modules() {
    let dir = write_tree(&[
        (
            "main.tf.json",
            r#"{
  "variable": {"env": {"default": "prod"}, "days": {"type": "number", "default": "30"}},
  "locals": {"prefix": "kv-${var.env}"},
  "module": {"db": {"source": "./db", "name": "${local.prefix}-db"}},
  "resource": {
    "azurerm_key_vault": {
      "main": {
        "name": "${local.prefix}",
        "soft_delete_retention_days": "${var.days}",
        "purge_protection_enabled": true,
        "tags": {"environment": "${var.env}"}
      }
    },
    "dr_backup_policy": {"p": {"targets": ["${azurerm_key_vault.main.id}", "${module.db.id}"]}}
  }
}"#,
        ),
        ("db/main.tf", "variable \"name\" {}\nresource \"azurerm_cosmosdb_account\" \"db\" {\n  name = var.name\n}\noutput \"id\" { value = azurerm_cosmosdb_account.db.id }\n"),
    ]);
    let estate = load_dir(dir.path());
    assert!(estate.issues.is_empty(), "{:?}", estate.issues);
    let kv = resource(&estate, "azurerm_key_vault.main");
    assert_eq!(kv.body.value("name"), Some(&s("kv-prod")));
    assert_eq!(kv.body.value("soft_delete_retention_days"), Some(&n(30.0)));
    assert_eq!(
        kv.body.value("purge_protection_enabled"),
        Some(&Value::Bool(true))
    );
    assert_eq!(kv.location.file, "main.tf.json");
    assert_eq!((kv.location.line, kv.location.column), (7, 7));
    assert_eq!(
        resource(&estate, "module.db.azurerm_cosmosdb_account.db")
            .body
            .value("name"),
        Some(&s("kv-prod-db"))
    );
    assert_eq!(
        resource(&estate, "dr_backup_policy.p")
            .body
            .value("targets"),
        Some(&Value::List(vec![
            reference("azurerm_key_vault.main", "id"),
            reference("module.db.azurerm_cosmosdb_account.db", "id"),
        ]))
    );
}

#[test]
fn dynamic_blocks_splats_and_functions_through_a_module() {
    let dir = write_tree(&[
        (
            "main.tf",
            r#"
module "cosmos" {
  source  = "./cosmos"
  regions = ["westeurope", "northeurope"]
  backup  = { interval = 60 }
}
"#,
        ),
        (
            "cosmos/main.tf",
            r#"
variable "regions" { type = list(string) }
variable "backup" {
  type = object({
    interval  = number
    retention = optional(number, 8)
    type      = optional(string, "Periodic")
  })
}
resource "azurerm_cosmosdb_account" "db" {
  dynamic "geo_location" {
    for_each = var.regions
    iterator = region
    content {
      location          = region.value
      failover_priority = region.key
    }
  }
  backup {
    type                = var.backup.type
    interval_in_minutes = var.backup.interval
    retention_in_hours  = var.backup.retention * 24
  }
  automatic_failover_enabled = length(var.regions) > 1
  tags = {
    regions = join(",", [for r in var.regions : upper(r)])
    first   = element(var.regions, 0)
    primary = one([for r in var.regions : r if startswith(r, "west")])
  }
}
"#,
        ),
    ]);
    let estate = load_dir(dir.path());
    let db = resource(&estate, "module.cosmos.azurerm_cosmosdb_account.db");
    let geo: Vec<_> = db.body.blocks("geo_location").collect();
    assert_eq!(geo.len(), 2);
    assert_eq!(geo[1].body.value("location"), Some(&s("northeurope")));
    assert_eq!(geo[1].body.value("failover_priority"), Some(&n(1.0)));
    let backup = db.body.block("backup").unwrap();
    assert_eq!(backup.body.value("type"), Some(&s("Periodic")));
    assert_eq!(backup.body.value("interval_in_minutes"), Some(&n(60.0)));
    assert_eq!(backup.body.value("retention_in_hours"), Some(&n(192.0)));
    assert_eq!(
        db.body.value("automatic_failover_enabled"),
        Some(&Value::Bool(true))
    );
    let tags = db.body.value("tags").and_then(Value::as_map).unwrap();
    assert_eq!(tags["regions"], s("WESTEUROPE,NORTHEUROPE"));
    assert_eq!(tags["first"], s("westeurope"));
    assert_eq!(tags["primary"], s("westeurope"));
}

#[test]
fn unknown_module_repetition_and_builtin_references() {
    let dir = write_tree(&[
        (
            "main.tf",
            r#"
variable "regions" {}
module "regional" {
  source   = "./m"
  for_each = var.regions
}
resource "x_thing" "t" {
  workspace = terraform.workspace
  module    = path.module
  root      = path.root
  data      = data.azurerm_client_config.current.tenant_id
  unknown   = module.regional
}
"#,
        ),
        ("m/main.tf", "resource \"azurerm_key_vault\" \"kv\" {\n  name = \"kv-${each.key}\"\n  root = path.root\n  here = path.module\n}\n"),
    ]);
    let estate = load_dir(dir.path());
    let kv = resource(&estate, "module.regional.azurerm_key_vault.kv");
    assert_eq!(kv.body.value("name"), Some(&Value::Unknown));
    assert_eq!(kv.body.value("root"), Some(&s(".")));
    assert_eq!(kv.body.value("here"), Some(&s("m")));
    let issue = estate
        .issues
        .iter()
        .find(|i| i.kind == LoadIssueKind::Unresolved)
        .unwrap();
    assert!(
        issue.message.contains("module.regional"),
        "{}",
        issue.message
    );
    assert!(issue.message.contains("`for_each`"), "{}", issue.message);
    let t = resource(&estate, "x_thing.t");
    assert_eq!(t.body.value("workspace"), Some(&s("default")));
    assert_eq!(t.body.value("module"), Some(&s(".")));
    assert_eq!(t.body.value("data"), Some(&Value::Unknown));
    assert_eq!(t.body.value("unknown"), Some(&Value::Unknown));
}

#[test]
fn override_files_merge_into_resources() {
    let dir = write_tree(&[
        ("main.tf", "resource \"azurerm_key_vault\" \"kv\" {\n  purge_protection_enabled = false\n  sku_name = \"standard\"\n}\n"),
        ("main_override.tf", "resource \"azurerm_key_vault\" \"kv\" {\n  purge_protection_enabled = true\n}\nresource \"azurerm_key_vault\" \"ghost\" {}\n"),
    ]);
    let estate = load_dir(dir.path());
    assert_eq!(addresses(&estate), vec!["azurerm_key_vault.kv"]);
    let kv = resource(&estate, "azurerm_key_vault.kv");
    assert_eq!(
        kv.body.value("purge_protection_enabled"),
        Some(&Value::Bool(true))
    );
    assert_eq!(kv.body.value("sku_name"), Some(&s("standard")));
    assert_eq!(kv.location.file, "main.tf");
}

#[test]
fn meta_arguments_are_not_attributes() {
    let dir = write_tree(&[(
        "main.tf",
        "resource \"azurerm_key_vault\" \"kv\" {\n  count = 1\n  provider = azurerm.dr\n  depends_on = [azurerm_resource_group.rg]\n  lifecycle {\n    prevent_destroy = true\n  }\n  provisioner \"local-exec\" {\n    command = \"echo\"\n  }\n}\n",
    )]);
    let estate = load_dir(dir.path());
    let kv = resource(&estate, "azurerm_key_vault.kv[0]");
    assert!(
        kv.body.attributes.is_empty(),
        "{:?}",
        kv.body.attributes.keys()
    );
    assert_eq!(
        kv.body
            .block("lifecycle")
            .unwrap()
            .body
            .value("prevent_destroy"),
        Some(&Value::Bool(true))
    );
    assert!(kv.body.block("provisioner").is_none());
}

#[test]
fn paths_are_those_terraform_gives_when_run_in_the_root_module() {
    // Terraform 1.0.3 run in envs/prod printed exactly these values.
    let dir = write_tree(&[
        (
            "envs/prod/main.tf",
            "module \"x\" {\n  source = \"../../modules/x\"\n}\nmodule \"l\" {\n  source = \"./local\"\n}\nresource \"x_r\" \"root\" {\n  p = [path.module, path.root, path.cwd]\n}\n",
        ),
        ("modules/x/main.tf", "resource \"x_r\" \"x\" {\n  p = [path.module, path.root]\n}\n"),
        ("envs/prod/local/main.tf", "resource \"x_r\" \"l\" {\n  p = [path.module, path.root]\n}\n"),
    ]);
    let estate = load_dir(dir.path());
    let paths = |address: &str| resource(&estate, address).body.value("p").cloned();
    let root_dir =
        crate::location::display_path(&dir.path().canonicalize().unwrap().join("envs/prod"));
    assert_eq!(
        paths("x_r.root"),
        Some(Value::List(vec![s("."), s("."), s(&root_dir)]))
    );
    assert_eq!(
        paths("module.x.x_r.x"),
        Some(Value::List(vec![s("../../modules/x"), s(".")]))
    );
    assert_eq!(
        paths("module.l.x_r.l"),
        Some(Value::List(vec![s("local"), s(".")]))
    );
}
