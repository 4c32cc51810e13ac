//! `azurerm_storage_account`.
//! <https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/storage_account>

use super::IntRange;

/// "`account_replication_type` ... Valid options are `LRS`, `GRS`, `RAGRS`, `ZRS`, `GZRS`
/// and `RAGZRS`."
pub const REPLICATION_TYPES: [&str; 6] = ["LRS", "GRS", "RAGRS", "ZRS", "GZRS", "RAGZRS"];
/// Types that keep a copy in the paired region.
pub const GEO_REDUNDANT_REPLICATION_TYPES: [&str; 4] = ["GRS", "RAGRS", "GZRS", "RAGZRS"];
/// Types whose secondary can be read, so that clients fail over to it on their own.
pub const READ_ACCESS_REPLICATION_TYPES: [&str; 2] = ["RAGRS", "RAGZRS"];
/// What to suggest for geo-redundancy: the paired region and zones in the primary.
pub const SUGGESTED_GEO_REDUNDANT: ReplicationType = ReplicationType::Gzrs;
/// What to suggest for automatic failover: as above, with a readable secondary.
pub const SUGGESTED_READ_ACCESS: ReplicationType = ReplicationType::Ragzrs;

/// An `account_replication_type`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ReplicationType {
    Lrs,
    Zrs,
    Grs,
    Ragrs,
    Gzrs,
    Ragzrs,
}

impl ReplicationType {
    pub fn as_str(self) -> &'static str {
        match self {
            ReplicationType::Lrs => "LRS",
            ReplicationType::Zrs => "ZRS",
            ReplicationType::Grs => "GRS",
            ReplicationType::Ragrs => "RAGRS",
            ReplicationType::Gzrs => "GZRS",
            ReplicationType::Ragzrs => "RAGZRS",
        }
    }
}

/// `blob_properties.delete_retention_policy.days` and
/// `blob_properties.container_delete_retention_policy.days`: "Specifies the number of days that
/// the blob should be retained, between `1` and `365` days. Defaults to `7`." (and the same
/// for containers).
pub const SOFT_DELETE_RETENTION_DAYS: IntRange = IntRange::new(1, 365);
pub const DEFAULT_SOFT_DELETE_RETENTION_DAYS: u64 = 7;

pub fn is_geo_redundant(replication_type: &str) -> bool {
    GEO_REDUNDANT_REPLICATION_TYPES
        .iter()
        .any(|t| t.eq_ignore_ascii_case(replication_type.trim()))
}

pub fn has_read_access_secondary(replication_type: &str) -> bool {
    READ_ACCESS_REPLICATION_TYPES
        .iter()
        .any(|t| t.eq_ignore_ascii_case(replication_type.trim()))
}
