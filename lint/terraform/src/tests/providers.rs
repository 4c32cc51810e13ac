//! Which `provider` block configures each resource, resolved as Terraform does: the module's
//! own blocks, the `provider` meta-argument, default configurations inherited by module calls
//! without `providers`, and exactly what a `providers` map passes.

use super::{load_dir, resource, s, write_tree};
use crate::value::Value;
use crate::Estate;

/// (provider block address, its default_tier) for a resource, or None without a block.
fn provider_of(estate: &Estate, address: &str) -> Option<(String, Option<Value>)> {
    resource(estate, address)
        .provider
        .as_ref()
        .map(|p| (p.address.clone(), p.body.value("default_tier").cloned()))
}

const CHILD: &str = "resource \"dr_backup_policy\" \"c\" {\n  name = \"c\"\n}\n";

#[test]
fn blocks_aliases_inheritance_and_providers_maps() {
    let dir = write_tree(&[
        (
            "main.tf",
            r#"variable "tier" {
  default = "staging"
}
provider "dr" {
  default_tier = var.tier
}
provider "dr" {
  alias        = "critical"
  default_tier = "critical"
  version      = "~> 0.1"
}
resource "dr_backup_policy" "a" {
  name = "a"
}
resource "dr_backup_policy" "b" {
  provider = dr.critical
  name     = "b"
}
resource "azurerm_key_vault" "kv" {
  name = "kv"
}
module "passed" {
  source    = "./child"
  providers = { dr = dr.critical }
}
module "inherited" {
  source = "./child"
}
module "nothing_passed" {
  source    = "./child"
  providers = {}
}
module "own_block" {
  source = "./own"
}
"#,
        ),
        ("child/main.tf", CHILD),
        (
            "own/main.tf",
            "provider \"dr\" {\n  default_tier = \"archive\"\n}\nresource \"dr_backup_policy\" \"o\" {\n  name = \"o\"\n}\n",
        ),
    ]);
    let estate = load_dir(dir.path());
    assert_eq!(
        provider_of(&estate, "dr_backup_policy.a"),
        Some(("dr".into(), Some(s("staging"))))
    );
    assert_eq!(
        provider_of(&estate, "dr_backup_policy.b"),
        Some(("dr.critical".into(), Some(s("critical"))))
    );
    let critical = resource(&estate, "dr_backup_policy.b")
        .provider
        .as_ref()
        .unwrap();
    assert_eq!(
        (critical.location.file.as_str(), critical.location.line),
        ("main.tf", 7)
    );
    assert!(
        critical.body.value("alias").is_none(),
        "alias is not an argument"
    );
    assert!(critical.body.value("version").is_none());
    assert_eq!(
        provider_of(&estate, "module.passed.dr_backup_policy.c"),
        Some(("dr.critical".into(), Some(s("critical"))))
    );
    assert_eq!(
        provider_of(&estate, "module.inherited.dr_backup_policy.c"),
        Some(("dr".into(), Some(s("staging"))))
    );
    assert_eq!(
        provider_of(&estate, "module.nothing_passed.dr_backup_policy.c"),
        None
    );
    assert_eq!(
        provider_of(&estate, "module.own_block.dr_backup_policy.o"),
        Some(("module.own_block.dr".into(), Some(s("archive"))))
    );
    // An azurerm resource uses the azurerm configuration, of which there is none here.
    assert_eq!(provider_of(&estate, "azurerm_key_vault.kv"), None);
}

#[test]
fn module_arguments_reach_a_provider_block_inside_the_module() {
    let dir = write_tree(&[
        (
            "main.tf",
            "module \"m\" {\n  source = \"./m\"\n  tier   = \"development\"\n}\nmodule \"n\" {\n  source = \"./m\"\n}\n",
        ),
        (
            "m/main.tf",
            "variable \"tier\" {\n  default = null\n}\nprovider \"dr\" {\n  default_tier = var.tier\n}\nresource \"dr_backup_policy\" \"p\" {\n  name = \"p\"\n}\n",
        ),
    ]);
    let estate = load_dir(dir.path());
    assert_eq!(
        provider_of(&estate, "module.m.dr_backup_policy.p"),
        Some(("module.m.dr".into(), Some(s("development"))))
    );
    // A null argument is an unset one.
    assert_eq!(
        provider_of(&estate, "module.n.dr_backup_policy.p"),
        Some(("module.n.dr".into(), None))
    );
}

#[test]
fn json_syntax_provider_blocks_and_maps() {
    let dir = write_tree(&[
        (
            "main.tf.json",
            r#"{
  "provider": {
    "dr": [
      {"default_tier": "staging"},
      {"alias": "gold", "default_tier": "critical"}
    ]
  },
  "resource": {
    "dr_backup_policy": {
      "x": {"provider": "dr.gold", "name": "x"}
    }
  },
  "module": {
    "m": {"source": "./child", "providers": {"dr": "dr.gold"}}
  }
}
"#,
        ),
        ("child/main.tf", CHILD),
    ]);
    let estate = load_dir(dir.path());
    assert_eq!(
        provider_of(&estate, "dr_backup_policy.x"),
        Some(("dr.gold".into(), Some(s("critical"))))
    );
    assert_eq!(
        provider_of(&estate, "module.m.dr_backup_policy.c"),
        Some(("dr.gold".into(), Some(s("critical"))))
    );
}
