//! The reader of terraform-provider-dr's own blocks: `dr_backup_policy` and `dr_failover_group`
//! read into the model's inputs, exactly as the provider receives them (null is unset, a value
//! not known statically is unknown), with where each argument is written.

use drkit_model::facts::{Facts, FactsKind, PolicyBlock};
use drkit_model::{BackupPolicyInput, FailoverGroupInput, Field};
use drkit_terraform::ir::{Body, Resource};
use drkit_terraform::value::Value;

use super::reading::Places;
use super::{ReadContext, Reader};

pub(super) const READERS: &[(&str, FactsKind, Reader)] = &[
    (
        "dr_backup_policy",
        FactsKind::BackupPolicy,
        read_backup_policy,
    ),
    (
        "dr_failover_group",
        FactsKind::FailoverGroup,
        read_failover_group,
    ),
];

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

/// The arguments of a `dr_failover_group` block, for the model.
pub fn failover_group_input(body: &Body) -> FailoverGroupInput {
    let secondary_regions = match body.value("secondary_regions") {
        None => Field::Unset,
        Some(Value::List(items)) => Field::Known(
            items
                .iter()
                .map(|item| match item {
                    Value::String(name) => Field::Known(name.clone()),
                    _ => Field::Unknown,
                })
                .collect(),
        ),
        Some(_) => Field::Unknown,
    };
    FailoverGroupInput {
        name: string_field(body, "name"),
        primary_region: string_field(body, "primary_region"),
        secondary_regions,
        tier: string_field(body, "tier"),
        rto: string_field(body, "rto"),
        mode: string_field(body, "mode"),
        grace_period: string_field(body, "grace_period"),
    }
}

fn read_backup_policy<'r>(
    resource: &'r Resource,
    _context: &ReadContext<'r>,
    places: &mut Places<'r>,
) -> Facts {
    Facts::BackupPolicy(PolicyBlock {
        input: backup_policy_input(&resource.body),
        places: argument_places(resource, places),
    })
}

fn read_failover_group<'r>(
    resource: &'r Resource,
    _context: &ReadContext<'r>,
    places: &mut Places<'r>,
) -> Facts {
    Facts::FailoverGroup(PolicyBlock {
        input: failover_group_input(&resource.body),
        places: argument_places(resource, places),
    })
}

/// Where each argument of the block is written.
fn argument_places<'r>(
    resource: &'r Resource,
    places: &mut Places<'r>,
) -> Vec<(String, drkit_model::facts::Anchor)> {
    resource
        .body
        .attributes
        .iter()
        .map(|(name, attribute)| (name.clone(), places.anchor(&attribute.location)))
        .collect()
}

/// A string argument as the model sees it: unset (absent or null), unknown, or known.
fn string_field(body: &Body, name: &str) -> Field<String> {
    match body.value(name) {
        None => Field::Unset,
        Some(v) if !v.is_known() || v.contains_unknown() => Field::Unknown,
        Some(v) => v
            .to_string_lossy()
            .map(Field::Known)
            .unwrap_or(Field::Unknown),
    }
}

fn bool_field(body: &Body, name: &str) -> Field<bool> {
    match body.value(name) {
        None => Field::Unset,
        Some(v) => v.as_bool().map(Field::Known).unwrap_or(Field::Unknown),
    }
}
