//! Rules for storage accounts: geo-replication, automatic failover and blob soft delete.

register_rules! {
    storage_geo_replication::StorageGeoReplication,
    storage_automatic_failover::StorageAutomaticFailover,
    storage_soft_delete::StorageSoftDelete,
}
