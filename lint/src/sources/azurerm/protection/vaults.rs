//! `azurerm_recovery_services_vault`
//! (<https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/recovery_services_vault>)
//! and `azurerm_data_protection_backup_vault`
//! (<https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/data_protection_backup_vault>),
//! read where a policy names them.

use drkit_model::capabilities::{data_protection, recovery_services};
use drkit_model::facts::protection::{Immutability, Redundancy, Vault, VaultPhrases};
use drkit_model::facts::Fact;
use drkit_terraform::ir::Resource;
use drkit_terraform::value::Value;

use crate::sources::reading::{bool_fact, fact, Places, Scope};

pub(super) const RECOVERY_SERVICES_VAULT: &str = "azurerm_recovery_services_vault";
pub(super) const BACKUP_VAULT: &str = "azurerm_data_protection_backup_vault";

const RECOVERY_SERVICES_PHRASES: VaultPhrases = VaultPhrases {
    geo_redundant: "storage_mode_type = \"GeoRedundant\"",
    cross_region_restore: "cross_region_restore_enabled = true",
    soft_delete:
        "soft_delete_enabled = true (or remove the argument: azurerm 5.x keeps soft delete on)",
    immutability: "immutability = \"Unlocked\" (\"Locked\" cannot be undone)",
};

const BACKUP_VAULT_PHRASES: VaultPhrases = VaultPhrases {
    geo_redundant: "redundancy = \"GeoRedundant\"",
    cross_region_restore: "cross_region_restore_enabled = true",
    soft_delete: "soft_delete = \"On\" (or \"AlwaysOn\")",
    immutability: "immutability = \"Unlocked\" (\"Locked\" cannot be undone)",
};

/// Reads a vault of either kind.
pub(super) fn read<'r>(vault: &'r Resource, places: &mut Places<'r>) -> Vault {
    let root = Scope::linked(places, vault);
    let recovery_services = vault.resource_type == RECOVERY_SERVICES_VAULT;
    let redundancy = |places: &mut Places<'r>, name: &'static str, default: Option<Redundancy>| {
        fact(places, root, &[name], default, |value: &Value| {
            value.as_str().and_then(Redundancy::parse)
        })
    };
    if recovery_services {
        Vault {
            kind: RECOVERY_SERVICES_VAULT,
            address: vault.address(),
            at: root.anchor,
            redundancy: redundancy(
                places,
                "storage_mode_type",
                Redundancy::parse(recovery_services::DEFAULT_STORAGE_MODE_TYPE),
            ),
            cross_region_restore: bool_fact(
                places,
                root,
                &["cross_region_restore_enabled"],
                Some(recovery_services::DEFAULT_CROSS_REGION_RESTORE),
            ),
            soft_delete: bool_fact(
                places,
                root,
                &["soft_delete_enabled"],
                Some(recovery_services::DEFAULT_SOFT_DELETE),
            ),
            // azurerm documents no default; Azure creates vaults with immutability disabled.
            immutability: immutability(places, root),
            phrases: &RECOVERY_SERVICES_PHRASES,
        }
    } else {
        Vault {
            kind: BACKUP_VAULT,
            address: vault.address(),
            at: root.anchor,
            redundancy: redundancy(places, "redundancy", None),
            cross_region_restore: bool_fact(
                places,
                root,
                &["cross_region_restore_enabled"],
                Some(data_protection::DEFAULT_CROSS_REGION_RESTORE),
            ),
            soft_delete: soft_delete(places, root),
            immutability: immutability(places, root),
            phrases: &BACKUP_VAULT_PHRASES,
        }
    }
}

/// `immutability = "Disabled" | "Unlocked" | "Locked"`, `Disabled` when not set (the Backup
/// vault's documented default, and what Azure creates a Recovery Services vault with).
fn immutability<'r>(places: &mut Places<'r>, root: Scope<'r>) -> Fact<Immutability> {
    fact(
        places,
        root,
        &["immutability"],
        Immutability::parse(data_protection::DEFAULT_IMMUTABILITY),
        |value: &Value| value.as_str().and_then(Immutability::parse),
    )
}

/// `soft_delete = "On" | "AlwaysOn" | "Off"` as whether it is on.
fn soft_delete<'r>(places: &mut Places<'r>, root: Scope<'r>) -> Fact<bool> {
    fact(
        places,
        root,
        &["soft_delete"],
        Some(data_protection::DEFAULT_SOFT_DELETE != data_protection::SOFT_DELETE_OFF),
        |value: &Value| match value.as_str()? {
            "On" | "AlwaysOn" => Some(true),
            "Off" => Some(false),
            _ => None,
        },
    )
}
