//! Azure Cache for Redis: persistence (AOF, RDB snapshots) and geo-replication links.

use super::Fact;

#[derive(Debug, Clone)]
pub struct RedisCache {
    /// The source's resource type, in messages: `azurerm_redis_cache`.
    pub kind: &'static str,
    pub phrases: &'static RedisPhrases,
    /// Append-only-file persistence: every write is logged.
    pub aof_backup_enabled: Fact<bool>,
    /// RDB snapshots at a fixed frequency.
    pub rdb_backup_enabled: Fact<bool>,
    /// Minutes between RDB snapshots.
    pub rdb_backup_frequency_minutes: Fact<f64>,
    /// The links that replicate this cache to a cache elsewhere (their addresses).
    pub geo_replication_links: Vec<String>,
}

/// How the source writes the fixes the Redis rules suggest.
#[derive(Debug, Clone)]
pub struct RedisPhrases {
    /// Turning AOF persistence on: `redis_configuration { aof_backup_enabled = true }`.
    pub enable_aof: &'static str,
    /// The resource that links a cache to a secondary: `azurerm_redis_linked_server`.
    pub geo_replication_link: &'static str,
}
