//! `azurerm_key_vault`
//! (<https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/key_vault>).

use drkit_model::capabilities::key_vault;
use drkit_model::facts::{Facts, KeyVault};
use drkit_terraform::ir::Resource;

use super::SOURCE;
use crate::sources::reading::{bool_fact, number_fact, Places, Scope};
use crate::sources::ReadContext;

pub(super) fn read<'r>(
    resource: &'r Resource,
    _context: &ReadContext<'r>,
    places: &mut Places<'r>,
) -> Facts {
    let root = Scope::root(resource);
    Facts::KeyVault(KeyVault {
        source: SOURCE,
        purge_protection: bool_fact(
            places,
            root,
            &["purge_protection_enabled"],
            Some(key_vault::DEFAULT_PURGE_PROTECTION_ENABLED),
        ),
        soft_delete_retention_days: number_fact(
            places,
            root,
            &["soft_delete_retention_days"],
            Some(key_vault::DEFAULT_SOFT_DELETE_RETENTION_DAYS as f64),
        ),
    })
}
