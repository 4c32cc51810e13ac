//! Reading `dr_*` blocks into the model's inputs, shared by the policy rules.

use crate::model::Field;
use crate::terraform::ir::Body;

/// A string argument as the model sees it: unset (absent or null), unknown, or known.
pub fn string_field(body: &Body, name: &str) -> Field<String> {
    match body.value(name) {
        None => Field::Unset,
        Some(v) if !v.is_known() || v.contains_unknown() => Field::Unknown,
        Some(v) => v.to_string_lossy().map(Field::Known).unwrap_or(Field::Unknown),
    }
}

pub fn bool_field(body: &Body, name: &str) -> Field<bool> {
    match body.value(name) {
        None => Field::Unset,
        Some(v) => v.as_bool().map(Field::Known).unwrap_or(Field::Unknown),
    }
}
