//! Reading `dr_*` blocks into the model's inputs, shared by the policy rules.

use drkit_model::{BackupPolicyInput, Field};
use drkit_terraform::ir::Body;

/// A string argument as the model sees it: unset (absent or null), unknown, or known.
pub fn string_field(body: &Body, name: &str) -> Field<String> {
    match body.value(name) {
        None => Field::Unset,
        Some(v) if !v.is_known() || v.contains_unknown() => Field::Unknown,
        Some(v) => v
            .to_string_lossy()
            .map(Field::Known)
            .unwrap_or(Field::Unknown),
    }
}

pub fn bool_field(body: &Body, name: &str) -> Field<bool> {
    match body.value(name) {
        None => Field::Unset,
        Some(v) => v.as_bool().map(Field::Known).unwrap_or(Field::Unknown),
    }
}

/// The arguments of a `dr_backup_policy` block, for the model.
pub fn backup_policy_input(body: &Body) -> BackupPolicyInput {
    BackupPolicyInput {
        name: string_field(body, "name"),
        tier: string_field(body, "tier"),
        rpo: string_field(body, "rpo"),
        rto: string_field(body, "rto"),
        interval: string_field(body, "interval"),
        schedule: string_field(body, "schedule"),
        retention: string_field(body, "retention"),
        geo_redundant: bool_field(body, "geo_redundant"),
    }
}
