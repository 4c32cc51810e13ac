//! `azurerm_redis_cache`
//! (<https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/redis_cache>),
//! and the `azurerm_redis_linked_server` resources that geo-replicate it.

use drkit_model::capabilities::redis;
use drkit_model::facts::redis::RedisPhrases;
use drkit_model::facts::{Facts, RedisCache};
use drkit_terraform::ir::Resource;

use crate::sources::reading::{bool_fact, number_fact, Places, Scope};
use crate::sources::ReadContext;

const LINKED_SERVER: &str = "azurerm_redis_linked_server";

const PHRASES: RedisPhrases = RedisPhrases {
    enable_aof: "redis_configuration { aof_backup_enabled = true }",
    geo_replication_link: LINKED_SERVER,
};

pub(super) fn read<'r>(
    resource: &'r Resource,
    context: &ReadContext<'r>,
    places: &mut Places<'r>,
) -> Facts {
    let configuration = Scope::root(resource).block(places, "redis_configuration");
    Facts::Redis(RedisCache {
        kind: "azurerm_redis_cache",
        phrases: &PHRASES,
        aof_backup_enabled: bool_fact(
            places,
            configuration,
            &["redis_configuration.aof_backup_enabled"],
            Some(redis::DEFAULT_AOF_BACKUP_ENABLED),
        ),
        rdb_backup_enabled: bool_fact(
            places,
            configuration,
            &["redis_configuration.rdb_backup_enabled"],
            Some(redis::DEFAULT_RDB_BACKUP_ENABLED),
        ),
        rdb_backup_frequency_minutes: number_fact(
            places,
            configuration,
            &["redis_configuration.rdb_backup_frequency"],
            None,
        ),
        geo_replication_links: context
            .links
            .referrers(resource, LINKED_SERVER)
            .iter()
            .map(|link| link.resource.address())
            .collect(),
    })
}
