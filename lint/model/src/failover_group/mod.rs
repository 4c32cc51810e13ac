//! `dr_failover_group`: validation and computed values, shared by the provider resource and
//! drlint's rule for `dr_failover_group` blocks.
//!
//! - Regions are normalised (`East US` -> `eastus`); the primary comes first, then the
//!   secondaries, which default to the primary's Azure pair.
//! - Errors: an unknown region (with the nearest known name), a secondary equal to the
//!   primary, a region listed twice, a grace period not below the RTO, manual mode under a
//!   tier that requires automatic failover, an unknown tier or mode, an RTO looser than the
//!   tier's.
//! - Warning: no secondary is the primary's Azure pair (pairs get sequential platform updates
//!   and prioritised recovery after a geography-wide outage; see [`crate::region`]).

mod attributes;

use std::collections::BTreeMap;

pub use attributes::FAILOVER_GROUP;

use crate::duration::Duration;
use crate::evaluation::{check_name, check_not_looser, from_tier, parse_duration, resolve_tier};
use crate::field::Field;
use crate::policy::PolicyPack;
use crate::problem::Problem;
use crate::region;
use crate::tier::Tier;

/// The default grace period before an automatic failover starts.
pub const DEFAULT_GRACE_PERIOD: Duration = Duration::from_hours(1);

/// The arguments of a `dr_failover_group` as given.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FailoverGroupInput {
    pub name: Field<String>,
    pub primary_region: Field<String>,
    /// The list may be unknown as a whole, or hold unknown elements.
    pub secondary_regions: Field<Vec<Field<String>>>,
    pub tier: Field<String>,
    pub rto: Field<String>,
    pub mode: Field<String>,
    pub grace_period: Field<String>,
}

/// How failover is triggered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FailoverMode {
    Automatic,
    Manual,
}

impl FailoverMode {
    pub fn parse(text: &str) -> Option<FailoverMode> {
        match text.trim().to_ascii_lowercase().as_str() {
            "automatic" => Some(FailoverMode::Automatic),
            "manual" => Some(FailoverMode::Manual),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            FailoverMode::Automatic => "automatic",
            FailoverMode::Manual => "manual",
        }
    }
}

/// The failover group with every default applied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FailoverGroup {
    pub tier: Field<String>,
    pub rto: Field<Duration>,
    pub mode: Field<FailoverMode>,
    pub grace_period: Field<Duration>,
    /// The grace period in whole minutes, rounded down so that it stays below the RTO.
    pub grace_minutes: Field<u64>,
    /// Normalised primary region.
    pub primary_region: Field<String>,
    /// Normalised secondary regions (the primary's pair when none are given).
    pub secondary_regions: Field<Vec<String>>,
    /// Primary first, then the secondaries.
    pub regions: Field<Vec<String>>,
    /// Region -> failover priority: 0 for the primary, then 1, 2, ...
    pub failover_priorities: Field<BTreeMap<String, u64>>,
    /// The primary's Azure pair; `Unset` when it has none.
    pub paired_region: Field<&'static str>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FailoverGroupEvaluation {
    pub group: FailoverGroup,
    pub problems: Vec<Problem>,
}

/// Validates `input` against `pack`, taking `default_tier` when no tier is given.
pub fn evaluate_failover_group(
    input: &FailoverGroupInput,
    pack: &PolicyPack,
    default_tier: &str,
) -> FailoverGroupEvaluation {
    let mut problems = Vec::new();
    check_name(&input.name, "failover group", &mut problems);

    let (tier_name, tier) = resolve_tier(&input.tier, pack, default_tier, &mut problems);
    let tier_label = tier_name.known().cloned().unwrap_or_default();

    let given_rto = parse_duration(&input.rto, "rto", &mut problems);
    check_not_looser(
        "rto",
        "RTO",
        &given_rto,
        tier.as_ref().map(|t| t.rto),
        &tier_label,
        &mut problems,
    );
    let rto = given_rto.or(from_tier(&tier, |t| t.rto));
    let rto_source = if given_rto.is_unset() {
        format!("the {tier_label} tier")
    } else {
        "the rto argument".to_string()
    };

    let mode = read_mode(&input.mode, &tier, &tier_label, &mut problems);
    let grace_period = read_grace_period(&input.grace_period, &rto, &rto_source, &mut problems);

    let primary_region = read_primary(&input.primary_region, &mut problems);
    let paired_region = primary_region
        .as_ref()
        .and_then(|primary| Field::from_option(region::paired_region(primary)));
    let secondary_regions = read_secondaries(input, &primary_region, &mut problems);
    warn_when_pair_missing(&primary_region, &secondary_regions, &mut problems);

    let regions = match (&primary_region, &secondary_regions) {
        (Field::Known(primary), Field::Known(secondaries)) => {
            let mut all = vec![primary.clone()];
            all.extend(secondaries.iter().cloned());
            Field::Known(all)
        }
        (Field::Unset, _) | (_, Field::Unset) => Field::Unset,
        _ => Field::Unknown,
    };
    let failover_priorities = regions.as_ref().map(|regions| {
        regions
            .iter()
            .enumerate()
            .map(|(priority, region)| (region.clone(), priority as u64))
            .collect()
    });

    let group = FailoverGroup {
        tier: tier_name,
        rto,
        mode,
        grace_period,
        grace_minutes: grace_period.map(Duration::as_minutes_floor),
        primary_region,
        secondary_regions,
        regions,
        failover_priorities,
        paired_region,
    };
    FailoverGroupEvaluation { group, problems }
}

fn read_mode(
    given: &Field<String>,
    tier: &Field<&Tier>,
    tier_name: &str,
    problems: &mut Vec<Problem>,
) -> Field<FailoverMode> {
    let mode = match given {
        Field::Unset => Field::Known(FailoverMode::Automatic),
        Field::Unknown => Field::Unknown,
        Field::Known(text) => {
            match FailoverMode::parse(text) {
                Some(mode) => Field::Known(mode),
                None => {
                    problems.push(Problem::error(
                    "mode",
                    format!("mode \"{text}\" is not a failover mode; use \"automatic\" or \"manual\"."),
                ));
                    Field::Unknown
                }
            }
        }
    };
    if let (Field::Known(FailoverMode::Manual), Field::Known(tier)) = (&mode, tier) {
        if tier.automatic_failover {
            problems.push(Problem::error(
                "mode",
                format!(
                    "mode = \"manual\", but the {tier_name} tier requires automatic failover; set mode = \"automatic\" or choose a tier that allows a manual failover."
                ),
            ));
        }
    }
    mode
}

fn read_grace_period(
    given: &Field<String>,
    rto: &Field<Duration>,
    rto_source: &str,
    problems: &mut Vec<Problem>,
) -> Field<Duration> {
    let grace =
        parse_duration(given, "grace_period", problems).or(Field::Known(DEFAULT_GRACE_PERIOD));
    if let (Field::Known(grace), Field::Known(rto)) = (&grace, rto) {
        if grace >= rto {
            problems.push(Problem::error(
                "grace_period",
                format!(
                    "grace_period {grace} is not below the {rto} RTO (from {rto_source}): failover would only start once the RTO is spent; set grace_period below {rto}."
                ),
            ));
        }
    }
    grace
}

/// "unknown region "eastus3"; did you mean "eastus"?"
fn unknown_region_message(attribute: &str, name: &str) -> String {
    match region::suggest(name) {
        Some(suggestion) => format!("{attribute} \"{name}\" is not an Azure region; did you mean \"{suggestion}\"?"),
        None => format!(
            "{attribute} \"{name}\" is not an Azure region; use a region name such as \"eastus\" or \"West Europe\"."
        ),
    }
}

fn read_primary(given: &Field<String>, problems: &mut Vec<Problem>) -> Field<String> {
    match given {
        Field::Unset => Field::Unset,
        Field::Unknown => Field::Unknown,
        Field::Known(name) => match region::lookup(name) {
            Some(found) => Field::Known(found.name.to_string()),
            None => {
                problems.push(Problem::error(
                    "primary_region",
                    unknown_region_message("primary_region", name),
                ));
                Field::Unknown
            }
        },
    }
}

fn read_secondaries(
    input: &FailoverGroupInput,
    primary: &Field<String>,
    problems: &mut Vec<Problem>,
) -> Field<Vec<String>> {
    const ATTRIBUTE: &str = "secondary_regions";
    let given = match &input.secondary_regions {
        Field::Unknown => return Field::Unknown,
        Field::Unset => {
            return match primary {
                Field::Known(primary) => match region::paired_region(primary) {
                    Some(pair) => Field::Known(vec![pair.to_string()]),
                    None => {
                        problems.push(Problem::error(
                            ATTRIBUTE,
                            format!("\"{primary}\" has no Azure pair, so secondary_regions must name at least one region to fail over to."),
                        ));
                        Field::Unknown
                    }
                },
                Field::Unset => Field::Unset,
                Field::Unknown => Field::Unknown,
            };
        }
        Field::Known(list) => list,
    };
    if given.is_empty() {
        problems.push(Problem::error(
            ATTRIBUTE,
            "secondary_regions is empty; name at least one region to fail over to, or remove it to use the primary's Azure pair.",
        ));
        return Field::Unknown;
    }
    let mut secondaries = Vec::new();
    let mut all_known = true;
    for entry in given {
        let name = match entry {
            Field::Known(name) => name,
            // Known at apply: checked then.
            Field::Unknown => {
                all_known = false;
                continue;
            }
            // A null entry never becomes a region, so it must not be left for apply to fill
            // in. It typically comes from the paired_region of a region that has no pair.
            Field::Unset => {
                problems.push(Problem::error(
                    ATTRIBUTE,
                    "secondary_regions holds a null entry; every entry must name a region (a dr_region_pair's paired_region is null for a region without an Azure pair).",
                ));
                all_known = false;
                continue;
            }
        };
        let Some(found) = region::lookup(name) else {
            problems.push(Problem::error(
                ATTRIBUTE,
                unknown_region_message("secondary region", name),
            ));
            all_known = false;
            continue;
        };
        if primary.known().map(String::as_str) == Some(found.name) {
            problems.push(Problem::error(
                ATTRIBUTE,
                format!("secondary region \"{name}\" is the primary region; a failover group needs a different region to fail over to."),
            ));
            all_known = false;
            continue;
        }
        if secondaries.contains(&found.name.to_string()) {
            problems.push(Problem::error(
                ATTRIBUTE,
                format!(
                    "secondary_regions lists \"{}\" more than once; list each region once.",
                    found.name
                ),
            ));
            continue;
        }
        secondaries.push(found.name.to_string());
    }
    if all_known {
        Field::Known(secondaries)
    } else {
        Field::Unknown
    }
}

fn warn_when_pair_missing(
    primary: &Field<String>,
    secondaries: &Field<Vec<String>>,
    problems: &mut Vec<Problem>,
) {
    let (Field::Known(primary), Field::Known(secondaries)) = (primary, secondaries) else {
        return;
    };
    let Some(pair) = region::paired_region(primary) else {
        return;
    };
    if secondaries.iter().any(|secondary| secondary == pair) {
        return;
    }
    let listed = secondaries
        .iter()
        .map(|s| format!("\"{s}\""))
        .collect::<Vec<_>>()
        .join(", ");
    problems.push(Problem::warning(
        "secondary_regions",
        format!(
            "secondary region {listed} is not the Azure pair of \"{primary}\" (its pair is \"{pair}\"); paired regions get staggered platform updates and prioritised recovery after a geography-wide outage, so consider failing over to \"{pair}\"."
        ),
    ));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::problem::Severity;

    fn known(text: &str) -> Field<String> {
        Field::Known(text.to_string())
    }

    fn list(items: &[&str]) -> Field<Vec<Field<String>>> {
        Field::Known(items.iter().map(|item| known(item)).collect())
    }

    fn evaluate(input: FailoverGroupInput) -> FailoverGroupEvaluation {
        evaluate_failover_group(&input, &PolicyPack::builtin(), "production")
    }

    fn problems(
        evaluation: &FailoverGroupEvaluation,
        severity: Severity,
    ) -> Vec<(&'static str, String)> {
        evaluation
            .problems
            .iter()
            .filter(|p| p.severity == severity)
            .map(|p| (p.attribute, p.message.clone()))
            .collect()
    }

    #[test]
    fn defaults_to_the_azure_pair() {
        let evaluation = evaluate(FailoverGroupInput {
            name: known("app"),
            primary_region: known("East US"),
            ..Default::default()
        });
        assert!(evaluation.problems.is_empty(), "{:?}", evaluation.problems);
        let group = &evaluation.group;
        assert_eq!(group.primary_region, known("eastus"));
        assert_eq!(
            group.secondary_regions,
            Field::Known(vec!["westus".to_string()])
        );
        assert_eq!(
            group.regions,
            Field::Known(vec!["eastus".to_string(), "westus".to_string()])
        );
        let priorities = group.failover_priorities.known().unwrap();
        assert_eq!(priorities.get("eastus"), Some(&0));
        assert_eq!(priorities.get("westus"), Some(&1));
        assert_eq!(group.paired_region, Field::Known("westus"));
        assert_eq!(group.mode, Field::Known(FailoverMode::Automatic));
        assert_eq!(group.grace_period, Field::Known(Duration::from_hours(1)));
        assert_eq!(group.grace_minutes, Field::Known(60));
        assert_eq!(group.tier, known("production"));
        assert_eq!(group.rto, Field::Known(Duration::from_hours(4)));
    }

    #[test]
    fn one_way_pairs_are_followed() {
        let evaluation = evaluate(FailoverGroupInput {
            primary_region: known("westus3"),
            ..Default::default()
        });
        assert_eq!(evaluation.group.paired_region, Field::Known("eastus"));
        assert_eq!(
            evaluation.group.regions,
            Field::Known(vec!["westus3".to_string(), "eastus".to_string()])
        );
    }

    #[test]
    fn several_secondaries_get_increasing_priorities() {
        let evaluation = evaluate(FailoverGroupInput {
            primary_region: known("westeurope"),
            secondary_regions: list(&["North Europe", "swedencentral"]),
            mode: known("Manual"),
            grace_period: known("30m"),
            ..Default::default()
        });
        assert!(evaluation.problems.is_empty(), "{:?}", evaluation.problems);
        let priorities = evaluation
            .group
            .failover_priorities
            .known()
            .unwrap()
            .clone();
        assert_eq!(
            priorities.into_iter().collect::<Vec<_>>(),
            vec![
                ("northeurope".to_string(), 1),
                ("swedencentral".to_string(), 2),
                ("westeurope".to_string(), 0)
            ]
        );
        assert_eq!(evaluation.group.mode, Field::Known(FailoverMode::Manual));
        assert_eq!(evaluation.group.grace_minutes, Field::Known(30));
    }

    #[test]
    fn reports_each_error_on_its_argument() {
        let cases: Vec<(FailoverGroupInput, &str, &str)> = vec![
            (
                FailoverGroupInput { primary_region: known("eastus3"), ..Default::default() },
                "primary_region",
                "primary_region \"eastus3\" is not an Azure region; did you mean \"eastus\"?",
            ),
            (
                FailoverGroupInput { primary_region: known("mars"), ..Default::default() },
                "primary_region",
                "primary_region \"mars\" is not an Azure region; use a region name such as",
            ),
            (
                FailoverGroupInput { primary_region: known("eastus"), secondary_regions: list(&["westeuorpe"]), ..Default::default() },
                "secondary_regions",
                "secondary region \"westeuorpe\" is not an Azure region; did you mean \"westeurope\"?",
            ),
            (
                FailoverGroupInput { primary_region: known("eastus"), secondary_regions: list(&["East US"]), ..Default::default() },
                "secondary_regions",
                "secondary region \"East US\" is the primary region",
            ),
            (
                FailoverGroupInput { primary_region: known("eastus"), secondary_regions: list(&["westus", "West US"]), ..Default::default() },
                "secondary_regions",
                "secondary_regions lists \"westus\" more than once",
            ),
            (
                FailoverGroupInput { primary_region: known("eastus"), secondary_regions: list(&[]), ..Default::default() },
                "secondary_regions",
                "secondary_regions is empty",
            ),
            (
                FailoverGroupInput {
                    primary_region: known("italynorth"),
                    secondary_regions: Field::Known(vec![Field::Unset]),
                    ..Default::default()
                },
                "secondary_regions",
                "secondary_regions holds a null entry",
            ),
            (
                FailoverGroupInput { primary_region: known("italynorth"), ..Default::default() },
                "secondary_regions",
                "\"italynorth\" has no Azure pair",
            ),
            (
                FailoverGroupInput { primary_region: known("eastus"), grace_period: known("4h"), ..Default::default() },
                "grace_period",
                "grace_period 4h is not below the 4h RTO (from the production tier)",
            ),
            (
                FailoverGroupInput { primary_region: known("eastus"), rto: known("2h"), grace_period: known("3h"), ..Default::default() },
                "grace_period",
                "grace_period 3h is not below the 2h RTO (from the rto argument)",
            ),
            (
                FailoverGroupInput { primary_region: known("eastus"), grace_period: known("soon"), ..Default::default() },
                "grace_period",
                "grace_period: \"soon\" is not a duration",
            ),
            (
                FailoverGroupInput { primary_region: known("eastus"), tier: known("critical"), mode: known("manual"), grace_period: known("30m"), ..Default::default() },
                "mode",
                "mode = \"manual\", but the critical tier requires automatic failover",
            ),
            (
                FailoverGroupInput { primary_region: known("eastus"), mode: known("auto"), ..Default::default() },
                "mode",
                "mode \"auto\" is not a failover mode; use \"automatic\" or \"manual\".",
            ),
            (
                FailoverGroupInput { primary_region: known("eastus"), tier: known("gold"), ..Default::default() },
                "tier",
                "unknown tier \"gold\"; known tiers: critical, production",
            ),
            (
                FailoverGroupInput { primary_region: known("eastus"), rto: known("8h"), ..Default::default() },
                "rto",
                "RTO 8h is looser than the 4h the production tier requires",
            ),
        ];
        for (input, attribute, expected) in cases {
            let evaluation = evaluate(input.clone());
            let errors = problems(&evaluation, Severity::Error);
            assert_eq!(errors.len(), 1, "{input:?}: {errors:?}");
            assert_eq!(errors[0].0, attribute, "{input:?}");
            assert!(errors[0].1.contains(expected), "{input:?}: {}", errors[0].1);
        }
    }

    #[test]
    fn a_secondary_that_is_not_the_pair_is_a_warning() {
        let evaluation = evaluate(FailoverGroupInput {
            primary_region: known("eastus"),
            secondary_regions: list(&["centralus"]),
            ..Default::default()
        });
        assert!(problems(&evaluation, Severity::Error).is_empty());
        let warnings = problems(&evaluation, Severity::Warning);
        assert_eq!(warnings.len(), 1);
        assert_eq!(warnings[0].0, "secondary_regions");
        assert!(warnings[0].1.starts_with("secondary region \"centralus\" is not the Azure pair of \"eastus\" (its pair is \"westus\")"));
        // Listing the pair among several secondaries is fine; so is an unpaired primary.
        let evaluation = evaluate(FailoverGroupInput {
            primary_region: known("eastus"),
            secondary_regions: list(&["centralus", "westus"]),
            ..Default::default()
        });
        assert!(evaluation.problems.is_empty(), "{:?}", evaluation.problems);
        let evaluation = evaluate(FailoverGroupInput {
            primary_region: known("italynorth"),
            secondary_regions: list(&["westeurope"]),
            ..Default::default()
        });
        assert!(evaluation.problems.is_empty(), "{:?}", evaluation.problems);
    }

    #[test]
    fn unknown_values_never_produce_errors() {
        let evaluation = evaluate(FailoverGroupInput {
            name: Field::Unknown,
            primary_region: Field::Unknown,
            secondary_regions: Field::Known(vec![Field::Unknown, known("westus")]),
            tier: Field::Unknown,
            rto: Field::Unknown,
            mode: Field::Unknown,
            grace_period: Field::Unknown,
        });
        assert!(evaluation.problems.is_empty(), "{:?}", evaluation.problems);
        assert_eq!(evaluation.group.regions, Field::Unknown);
        assert_eq!(evaluation.group.failover_priorities, Field::Unknown);
        assert_eq!(evaluation.group.paired_region, Field::Unknown);
        assert_eq!(evaluation.group.grace_minutes, Field::Unknown);

        let evaluation = evaluate(FailoverGroupInput {
            primary_region: known("eastus"),
            secondary_regions: Field::Unknown,
            ..Default::default()
        });
        assert!(evaluation.problems.is_empty());
        assert_eq!(evaluation.group.paired_region, Field::Known("westus"));
        assert_eq!(evaluation.group.regions, Field::Unknown);
    }

    #[test]
    fn stateless_tier_has_no_rto_to_check_the_grace_period_against() {
        let evaluation = evaluate(FailoverGroupInput {
            primary_region: known("uksouth"),
            tier: known("stateless"),
            grace_period: known("1d"),
            ..Default::default()
        });
        assert!(evaluation.problems.is_empty(), "{:?}", evaluation.problems);
        assert_eq!(evaluation.group.rto, Field::Unset);
        assert_eq!(evaluation.group.grace_minutes, Field::Known(1440));
    }
}
