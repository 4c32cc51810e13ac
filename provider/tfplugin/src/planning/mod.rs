//! The protocol's rules for the values of a managed resource, shared by every resource:
//!
//! - [`plan`]: the planned state, attribute by attribute from the schema and the resource's
//!   computed values, and which changes force replacement;
//! - [`apply`]: how apply completes a plan.

pub mod apply;
pub mod plan;

pub use apply::fill_unknowns;
pub use plan::{plan_attribute, plan_object, replaced_attributes, ComputedValues};
