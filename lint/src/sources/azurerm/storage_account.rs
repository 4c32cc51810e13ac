//! `azurerm_storage_account`
//! (<https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/storage_account>).

use drkit_model::capabilities::storage_account;
use drkit_model::facts::storage_account::StorageAccountPhrases;
use drkit_model::facts::{Facts, StorageAccount};
use drkit_terraform::ir::Resource;

use super::SOURCE;
use crate::sources::reading::{number_fact, string_fact, Places, Scope};
use crate::sources::ReadContext;

const PHRASES: StorageAccountPhrases = StorageAccountPhrases {
    blob_soft_delete: "delete_retention_policy",
    container_soft_delete: "container_delete_retention_policy",
    enable_blob_soft_delete: "blob_properties { delete_retention_policy { days = 30 } }",
    enable_container_soft_delete:
        "blob_properties { container_delete_retention_policy { days = 30 } }",
};

pub(super) fn read<'r>(
    resource: &'r Resource,
    _context: &ReadContext<'r>,
    places: &mut Places<'r>,
) -> Facts {
    let root = Scope::root(resource);
    let properties = root.block(places, "blob_properties");
    let blob_policy = properties.block(places, "delete_retention_policy");
    let container_policy = properties.block(places, "container_delete_retention_policy");
    // Soft delete is on when its policy block is written; `days` then defaults.
    let days_default = |policy: Scope<'_>| {
        policy
            .is_written()
            .then_some(storage_account::DEFAULT_SOFT_DELETE_RETENTION_DAYS as f64)
    };
    Facts::StorageAccount(StorageAccount {
        source: SOURCE,
        phrases: &PHRASES,
        replication_type: string_fact(places, root, &["account_replication_type"], None),
        blob_soft_delete_days: number_fact(
            places,
            blob_policy,
            &["blob_properties.delete_retention_policy.days"],
            days_default(blob_policy),
        ),
        container_soft_delete_days: number_fact(
            places,
            container_policy,
            &["blob_properties.container_delete_retention_policy.days"],
            days_default(container_policy),
        ),
    })
}
