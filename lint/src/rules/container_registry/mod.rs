//! Rules for container registries: replication of images to another region.

register_rules! {
    container_registry_geo_replication::ContainerRegistryGeoReplication,
}
