//! Loading Terraform the way Terraform does: modules, variables, locals, expressions, plan JSON.

pub mod ir;
pub mod value;
