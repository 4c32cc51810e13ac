//! Data sources: read-only lookups in the DR model, one module per Terraform type.

pub mod region_pair;
pub mod tier;
