//! The reader of terraform-provider-dr's own blocks: `dr_backup_policy` and `dr_failover_group`
//! read into the model's inputs, exactly as the provider receives them (null is unset, a value
//! not known statically is unknown), with where each argument is written.

use drkit_model::attributes::{Given, Scalar, ValueType};
use drkit_model::backup_policy::BACKUP_POLICY;
use drkit_model::facts::{Facts, FactsKind, PolicyBlock};
use drkit_model::failover_group::FAILOVER_GROUP;
use drkit_model::{BackupPolicyInput, FailoverGroupInput, Field};
use drkit_terraform::ir::{Body, Resource};
use drkit_terraform::value::Value;

use super::reading::Places;
use super::{ReadContext, Reader};

pub(super) const READERS: &[(&str, FactsKind, Reader)] = &[
    (
        BACKUP_POLICY.type_name,
        FactsKind::BackupPolicy,
        read_backup_policy,
    ),
    (
        FAILOVER_GROUP.type_name,
        FactsKind::FailoverGroup,
        read_failover_group,
    ),
];

/// The arguments of a `dr_backup_policy` block, for the model.
pub fn backup_policy_input(body: &Body) -> BackupPolicyInput {
    BACKUP_POLICY.input(|name, ty| given(body, name, ty))
}

/// The arguments of a `dr_failover_group` block, for the model.
pub fn failover_group_input(body: &Body) -> FailoverGroupInput {
    FAILOVER_GROUP.input(|name, ty| given(body, name, ty))
}

/// An argument of a `dr_*` block as the provider will receive it: Terraform converts it to the
/// attribute's type (numbers to strings, `"true"` to a bool); null is unset; a value not known
/// statically, or that does not convert, is unknown.
pub fn given(body: &Body, name: &str, ty: ValueType) -> Given {
    let Some(value) = body.value(name) else {
        return Given::Unset;
    };
    match ty {
        ValueType::Scalar(Scalar::Bool) => value.as_bool().map_or(Given::Unknown, Given::Flag),
        ValueType::List(Scalar::String) => match value {
            Value::List(items) => Given::TextList(
                items
                    .iter()
                    .map(|item| match item {
                        Value::String(text) => Field::Known(text.clone()),
                        _ => Field::Unknown,
                    })
                    .collect(),
            ),
            _ => Given::Unknown,
        },
        _ if !value.is_known() || value.contains_unknown() => Given::Unknown,
        _ => value.to_string_lossy().map_or(Given::Unknown, Given::Text),
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
