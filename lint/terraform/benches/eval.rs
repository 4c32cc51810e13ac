//! Loading one large module: reading and parsing its files alone, against the whole load
//! (parse, then evaluate variables, locals, count/for_each, dynamic blocks and templates). The
//! module is written to a temporary folder first, like the corpus of scripts/bench but as one
//! module with many resources.

use std::fs;
use std::hint::black_box;
use std::path::Path;

use criterion::{criterion_group, criterion_main, Criterion};
use drkit_terraform::{self as terraform, LoadOptions};

/// Files in the module, and the application stacks in each file.
const FILES: usize = 20;
const STACKS_PER_FILE: usize = 10;

const VARIABLES: &str = r#"
variable "environment" {
  type    = string
  default = "prod"
}

variable "regions" {
  type    = list(string)
  default = ["westeurope", "northeurope"]
}

variable "retention_days" {
  type    = number
  default = 14
}

locals {
  tags = {
    environment = var.environment
    owner       = "platform"
  }
  production = var.environment == "prod"
}
"#;

/// One application's resources; `@` is replaced by the stack's number.
const STACK: &str = r#"
resource "azurerm_key_vault" "kv_@" {
  name                       = "kv-app-@-${var.environment}"
  location                   = var.regions[0]
  resource_group_name        = "rg-app-@"
  tenant_id                  = "00000000-0000-0000-0000-000000000000"
  sku_name                   = "standard"
  soft_delete_retention_days = local.production ? 90 : 7
  purge_protection_enabled   = local.production
  tags                       = merge(local.tags, { app = "app-@" })
}

resource "azurerm_storage_account" "st_@" {
  for_each = { data = "GZRS", logs = "LRS" }

  name                     = "stapp@${each.key}"
  location                 = var.regions[0]
  resource_group_name      = "rg-app-@"
  account_tier             = "Standard"
  account_replication_type = each.value

  blob_properties {
    delete_retention_policy {
      days = var.retention_days
    }
    container_delete_retention_policy {
      days = var.retention_days
    }
  }

  tags = local.tags
}

resource "azurerm_cosmosdb_account" "db_@" {
  name                = "cosmos-app-@"
  location            = var.regions[0]
  resource_group_name = "rg-app-@"
  offer_type          = "Standard"

  consistency_policy {
    consistency_level = "Session"
  }

  backup {
    type                = "Periodic"
    interval_in_minutes = 60 * (@ % 4 + 1)
    retention_in_hours  = var.retention_days * 24
  }

  dynamic "geo_location" {
    for_each = var.regions
    content {
      location          = geo_location.value
      failover_priority = geo_location.key
    }
  }

  tags = local.tags
}

resource "azurerm_postgresql_flexible_server" "pg_@" {
  count = local.production ? 1 : 0

  name                         = "psql-app-@-${count.index}"
  location                     = var.regions[0]
  resource_group_name          = "rg-app-@"
  backup_retention_days        = min(var.retention_days * 2, 35)
  geo_redundant_backup_enabled = @ % 2 == 0
  tags                         = local.tags
}
"#;

fn write_module(dir: &Path) {
    fs::write(dir.join("variables.tf"), VARIABLES).expect("write variables.tf");
    for file in 0..FILES {
        let text: String = (0..STACKS_PER_FILE)
            .map(|stack| STACK.replace('@', &(file * STACKS_PER_FILE + stack).to_string()))
            .collect();
        fs::write(dir.join(format!("app_{file:02}.tf")), text).expect("write a module file");
    }
}

fn large_module(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    write_module(dir.path());
    let options = LoadOptions::default();
    let loader = terraform::Loader::new(0);
    let estate = loader.load(dir.path(), &options).expect("the module loads");
    assert!(estate.issues.is_empty(), "{:?}", estate.issues);
    assert_eq!(estate.resources.len(), FILES * STACKS_PER_FILE * 5);

    let mut group = c.benchmark_group(format!("one module, {} resources", estate.resources.len()));
    group.sample_size(20);
    group.bench_function("read and parse only", |b| {
        b.iter(|| black_box(loader.parse_only(dir.path()).expect("the files parse")))
    });
    group.bench_function("load (parse and evaluate)", |b| {
        b.iter(|| black_box(loader.load(dir.path(), &options).expect("the module loads")))
    });
    group.finish();
}

criterion_group!(benches, large_module);
criterion_main!(benches);
