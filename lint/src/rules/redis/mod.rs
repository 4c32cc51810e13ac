//! Rules for Azure Cache for Redis: persistence against the RPO, geo-replication and
//! automatic failover.

register_rules! {
    redis_persistence_rpo::RedisPersistenceRpo,
    redis_geo_replication::RedisGeoReplication,
    redis_automatic_failover::RedisAutomaticFailover,
}
