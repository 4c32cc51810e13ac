//! terraform-provider-dr: a Terraform provider (plugin protocol 6) for disaster-recovery
//! objectives, built on the DR model of the `drlint` library.

pub mod cty;
pub mod proto;
