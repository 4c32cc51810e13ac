//! What the evaluations of `dr_backup_policy` and `dr_failover_group` share, so that both say
//! the same thing about the same mistake: resolving the tier (given, else the default tier),
//! reading duration arguments, and objectives that must not be looser than the tier's.

use crate::duration::Duration;
use crate::field::Field;
use crate::policy::PolicyPack;
use crate::problem::Problem;
use crate::tier::Tier;

/// The tier name to report and the tier itself (`Unknown` when the name is unknown or not in
/// the pack, so that nothing else is checked against a tier that is not there).
/// A known name must not be blank; `what` names the block in the message ("backup policy").
pub(crate) fn check_name(name: &Field<String>, what: &str, problems: &mut Vec<Problem>) {
    if let Field::Known(name) = name {
        if name.trim().is_empty() {
            problems.push(Problem::error(
                "name",
                format!("name is empty; give the {what} a name."),
            ));
        }
    }
}

pub(crate) fn resolve_tier<'a>(
    given: &Field<String>,
    pack: &'a PolicyPack,
    default_tier: &str,
    problems: &mut Vec<Problem>,
) -> (Field<String>, Field<&'a Tier>) {
    match given {
        Field::Unknown => (Field::Unknown, Field::Unknown),
        Field::Known(name) => match pack.tier(name) {
            Some(tier) => (Field::Known(name.clone()), Field::Known(tier)),
            None => {
                problems.push(Problem::error(
                    "tier",
                    format!("{}.", pack.unknown_tier_message(name)),
                ));
                (Field::Known(name.clone()), Field::Unknown)
            }
        },
        Field::Unset => match pack.tier(default_tier) {
            Some(tier) => (Field::Known(tier.name.clone()), Field::Known(tier)),
            None => {
                problems.push(Problem::error(
                    "tier",
                    format!(
                        "the default tier is an {}.",
                        pack.unknown_tier_message(default_tier)
                    ),
                ));
                (Field::Known(default_tier.to_string()), Field::Unknown)
            }
        },
    }
}

/// A tier objective: `Unknown` when the tier is, `Unset` when the tier states none.
pub(crate) fn from_tier(
    tier: &Field<&Tier>,
    objective: impl Fn(&Tier) -> Option<Duration>,
) -> Field<Duration> {
    tier.as_ref().and_then(|t| Field::from_option(objective(t)))
}

/// A duration argument; a bad one is an error on the argument and then counts as unknown, so
/// that it causes no further errors.
pub(crate) fn parse_duration(
    field: &Field<String>,
    attribute: &'static str,
    problems: &mut Vec<Problem>,
) -> Field<Duration> {
    match field {
        Field::Unset => Field::Unset,
        Field::Unknown => Field::Unknown,
        Field::Known(text) => match Duration::parse(text) {
            Ok(duration) => Field::Known(duration),
            Err(error) => {
                problems.push(Problem::error(attribute, format!("{attribute}: {error}.")));
                Field::Unknown
            }
        },
    }
}

/// An objective given on the policy must be at least as strict as the tier's.
pub(crate) fn check_not_looser(
    attribute: &'static str,
    objective: &str,
    given: &Field<Duration>,
    tier_objective: Field<Option<Duration>>,
    tier_name: &str,
    problems: &mut Vec<Problem>,
) {
    if let (Field::Known(given), Field::Known(Some(required))) = (given, tier_objective) {
        if *given > required {
            problems.push(Problem::error(
                attribute,
                format!(
                    "{objective} {given} is looser than the {required} the {tier_name} tier requires; set {attribute} to {required} or less, or choose a tier whose {objective} allows {given}."
                ),
            ));
        }
    }
}
