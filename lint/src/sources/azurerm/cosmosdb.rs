//! `azurerm_cosmosdb_account`
//! (<https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/cosmosdb_account>).
//! azurerm 3.x took `enable_automatic_failover` (deprecated) beside `automatic_failover_enabled`;
//! 4.0 removed it ("The deprecated `enable_automatic_failover` property has been removed in
//! favour of the `automatic_failover_enabled` property", 4.0 upgrade guide). Both are read.

use drkit_model::capabilities::cosmosdb::{self, BackupType};
use drkit_model::facts::cosmosdb::CosmosDbPhrases;
use drkit_model::facts::{CosmosDbAccount, Facts};
use drkit_terraform::ir::Resource;

use super::SOURCE;
use crate::sources::reading::{block_regions, bool_fact, number_fact, string_fact, Places, Scope};
use crate::sources::ReadContext;

const PHRASES: CosmosDbPhrases = CosmosDbPhrases {
    continuous_backup: "backup { type = \"Continuous\" }",
    default_backup: "no backup block: the default periodic backup",
    add_region: "add a second geo_location region",
    enable_automatic_failover:
        "set automatic_failover_enabled = true (enable_automatic_failover in azurerm 3.x)",
};

pub(super) fn read<'r>(
    resource: &'r Resource,
    _context: &ReadContext<'r>,
    places: &mut Places<'r>,
) -> Facts {
    let root = Scope::root(resource);
    let backup = root.block(places, "backup");
    let backup_type = string_fact(
        places,
        backup,
        &["backup.type"],
        Some(cosmosdb::DEFAULT_BACKUP_TYPE),
    )
    .map(|written| BackupType::of(&written));
    Facts::CosmosDb(CosmosDbAccount {
        source: SOURCE,
        phrases: &PHRASES,
        backup_configured: backup.is_written(),
        backup_type,
        interval_minutes: number_fact(
            places,
            backup,
            &["backup.interval_in_minutes"],
            Some(cosmosdb::DEFAULT_INTERVAL_MINUTES as f64),
        ),
        retention_hours: number_fact(
            places,
            backup,
            &["backup.retention_in_hours"],
            Some(cosmosdb::DEFAULT_RETENTION_HOURS as f64),
        ),
        storage_redundancy: string_fact(
            places,
            backup,
            &["backup.storage_redundancy"],
            Some(cosmosdb::DEFAULT_STORAGE_REDUNDANCY),
        ),
        continuous_tier: string_fact(
            places,
            backup,
            &["backup.tier"],
            Some(cosmosdb::DEFAULT_CONTINUOUS_TIER),
        ),
        regions: block_regions(
            root,
            "geo_location",
            "location",
            "a geo_location's location",
        ),
        automatic_failover: bool_fact(
            places,
            root,
            &["automatic_failover_enabled", "enable_automatic_failover"],
            Some(cosmosdb::DEFAULT_AUTOMATIC_FAILOVER_ENABLED),
        ),
    })
}
