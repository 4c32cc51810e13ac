//! `dr_failover_group`: the regions a workload fails over between, checked at plan time
//! (known regions, no duplicates, a grace period below the RTO, automatic failover where the
//! tier requires it), with the computed region order and priorities. Validation and computed
//! values come from [`drkit_model::evaluate_failover_group`], the same code drlint uses.
//!
//! Stored values follow the rule of `dr_backup_policy`: configured arguments keep their
//! text, respelling to an equal value is not a change, and values the provider fills in
//! (`secondary_regions` from the Azure pair, `regions`) are normalised region names.

use std::sync::OnceLock;

use drkit_model::{evaluate_failover_group, region, FailoverGroupEvaluation, FailoverGroupInput};
use drkit_tfplugin::cty::{Type, Value};
use drkit_tfplugin::planning::ComputedValues;
use drkit_tfplugin::tfprotocol::{
    same_list, same_text, Attribute, AttributeMode, Diagnostics, Schema,
};
use drkit_tfplugin::Resource;

use super::{imported_state, problems_to_diagnostics, same_tier, tier_context, validation_context};
use crate::configuration::ProviderContext;
use crate::fields::{
    count_map_value, count_value, duration_value, field_value, same_duration, string_field,
    string_list_field, string_list_value,
};

pub const TYPE_NAME: &str = "dr_failover_group";

/// The resource type; its schema is built once per process, on first use.
pub struct FailoverGroupResource;

pub fn schema() -> Schema {
    use AttributeMode::{Computed, Optional, OptionalComputed, Required};
    Schema {
        version: 0,
        description: "A group of Azure regions a workload fails over between, checked against its \
                      DR tier at plan time.",
        attributes: vec![
            Attribute::new(
                "name",
                Type::String,
                Required,
                "Name of the group, also its `id`. Must not be empty.",
            )
            .requires_replace(),
            Attribute::new(
                "primary_region",
                Type::String,
                Required,
                "The Azure region the workload runs in, as a programmatic name (`westeurope`) or a \
                 display name (`West Europe`). Case, spaces, `-` and `_` do not matter. Must be a \
                 known Azure public-cloud region.",
            )
            .semantic_equality(same_region),
            Attribute::new(
                "secondary_regions",
                Type::list(Type::String),
                OptionalComputed,
                "The regions to fail over to, in priority order, spelled as for `primary_region`. \
                 Defaults to the Azure pair of the primary region: a one-element list of its \
                 programmatic name. A primary region without a pair (for example `italynorth`) \
                 needs this argument.",
            )
            .semantic_equality(same_regions),
            Attribute::new(
                "tier",
                Type::String,
                OptionalComputed,
                "The DR tier, as for [`dr_backup_policy`](backup_policy.md#argument-reference). \
                 Defaults to the provider's `default_tier`, as the pack spells the tier's name.",
            )
            .semantic_equality(same_tier),
            Attribute::new(
                "rto",
                Type::String,
                OptionalComputed,
                "Recovery time objective, a duration. Must not be longer than the tier's RTO. \
                 Defaults to the tier's RTO, normalised; null for a tier without an RTO.",
            )
            .semantic_equality(same_duration),
            Attribute::new(
                "mode",
                Type::String,
                OptionalComputed,
                "`\"automatic\"` or `\"manual\"`, in any case. Defaults to `\"automatic\"`. \
                 `\"manual\"` is an error under a tier that requires automatic failover (the \
                 built-in `critical` tier).",
            )
            .semantic_equality(same_mode),
            Attribute::new(
                "grace_period",
                Type::String,
                OptionalComputed,
                "How long an outage lasts before failover starts, a duration. Must be shorter than \
                 the RTO. Defaults to `\"1h\"`.",
            )
            .semantic_equality(same_duration),
            Attribute::new(
                "members",
                Type::list(Type::String),
                Optional,
                "IDs of the resources that fail over together. The provider stores the list as \
                 given; drlint uses it to give those resources this group's objective.",
            ),
            Attribute::new(
                "id",
                Type::String,
                Computed,
                "The group's name.",
            ),
            Attribute::new(
                "regions",
                Type::list(Type::String),
                Computed,
                "The primary region, then the secondary regions, all as programmatic names \
                 (`[\"westeurope\", \"northeurope\"]`).",
            ),
            Attribute::new(
                "failover_priorities",
                Type::map(Type::Number),
                Computed,
                "Each region of `regions` (programmatic name) mapped to its failover priority: 0 \
                 for the primary, then 1, 2, ... in the order of `secondary_regions`.",
            ),
            Attribute::new(
                "grace_minutes",
                Type::Number,
                Computed,
                "`grace_period` in whole minutes, rounded down (`90s` gives `1`).",
            ),
            Attribute::new(
                "paired_region",
                Type::String,
                Computed,
                "The published Azure pair of the primary region (programmatic name); null for a \
                 region without a pair.",
            ),
        ],
    }
}

fn input_from(config: &Value) -> FailoverGroupInput {
    FailoverGroupInput {
        name: string_field(config.attr("name")),
        primary_region: string_field(config.attr("primary_region")),
        secondary_regions: string_list_field(config.attr("secondary_regions")),
        tier: string_field(config.attr("tier")),
        rto: string_field(config.attr("rto")),
        mode: string_field(config.attr("mode")),
        grace_period: string_field(config.attr("grace_period")),
    }
}

fn evaluate(context: &ProviderContext, config: &Value) -> FailoverGroupEvaluation {
    let mut input = input_from(config);
    let (pack, default_tier) = tier_context(context, &mut input.tier);
    evaluate_failover_group(&input, pack, default_tier)
}

/// Two spellings of one Azure region (`West Europe`, `westeurope`).
fn same_region(prior: &Value, config: &Value) -> bool {
    same_text(prior, config, |a, b| {
        match (region::lookup(a), region::lookup(b)) {
            (Some(a), Some(b)) => a.name == b.name,
            _ => false,
        }
    })
}

/// A list of regions that names the same regions in the same order, so that a configured list
/// keeps its stored spelling.
fn same_regions(prior: &Value, config: &Value) -> bool {
    same_list(prior, config, same_region)
}

/// Failover modes are matched case-insensitively by the model.
fn same_mode(prior: &Value, config: &Value) -> bool {
    same_text(prior, config, |a, b| {
        a.trim().eq_ignore_ascii_case(b.trim())
    })
}

impl Resource<ProviderContext> for FailoverGroupResource {
    fn type_name(&self) -> &'static str {
        TYPE_NAME
    }

    fn schema(&self) -> &Schema {
        static SCHEMA: OnceLock<Schema> = OnceLock::new();
        SCHEMA.get_or_init(schema)
    }

    fn validate(&self, config: &Value) -> Diagnostics {
        let mut input = input_from(config);
        let (pack, default_tier) = validation_context(&mut input.tier);
        let evaluation = evaluate_failover_group(&input, pack, default_tier);
        problems_to_diagnostics(&evaluation.problems).errors_only()
    }

    fn compute(&self, context: &ProviderContext, config: &Value) -> (ComputedValues, Diagnostics) {
        let evaluation = evaluate(context, config);
        let group = evaluation.group;
        let computed = [
            ("id", config.attr("name").clone()),
            (
                "secondary_regions",
                string_list_value(group.secondary_regions),
            ),
            ("tier", field_value(group.tier)),
            ("rto", duration_value(group.rto)),
            ("mode", field_value(group.mode.map(|mode| mode.as_str()))),
            ("grace_period", duration_value(group.grace_period)),
            ("regions", string_list_value(group.regions)),
            (
                "failover_priorities",
                count_map_value(group.failover_priorities),
            ),
            ("grace_minutes", count_value(group.grace_minutes)),
            ("paired_region", field_value(group.paired_region)),
        ];
        (
            computed.into_iter().collect(),
            problems_to_diagnostics(&evaluation.problems),
        )
    }

    fn import(&self, id: &str) -> Result<Value, Diagnostics> {
        imported_state(self.schema(), TYPE_NAME, id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::resources::testing::{messages, plan, plan_with, strings};
    use drkit_tfplugin::tfprotocol::Severity;

    fn resource() -> &'static FailoverGroupResource {
        &FailoverGroupResource
    }

    fn base() -> Vec<(&'static str, Value)> {
        vec![
            ("name", Value::from("app")),
            ("primary_region", Value::from("West Europe")),
        ]
    }

    fn with(extra: &[(&'static str, Value)]) -> Vec<(&'static str, Value)> {
        let mut given = base();
        given.extend(extra.iter().cloned());
        given
    }

    #[test]
    fn secondaries_default_to_the_azure_pair() {
        let (planned, diagnostics) = plan(resource(), &base());
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        assert_eq!(planned.attr("id"), &Value::from("app"));
        assert_eq!(planned.attr("primary_region"), &Value::from("West Europe"));
        assert_eq!(
            planned.attr("secondary_regions"),
            &strings(&["northeurope"])
        );
        assert_eq!(
            planned.attr("regions"),
            &strings(&["westeurope", "northeurope"])
        );
        assert_eq!(
            planned.attr("failover_priorities"),
            &Value::Map(
                [
                    ("westeurope".to_owned(), Value::int(0)),
                    ("northeurope".to_owned(), Value::int(1))
                ]
                .into()
            )
        );
        assert_eq!(planned.attr("paired_region"), &Value::from("northeurope"));
        assert_eq!(planned.attr("mode"), &Value::from("automatic"));
        assert_eq!(planned.attr("grace_period"), &Value::from("1h"));
        assert_eq!(planned.attr("grace_minutes"), &Value::int(60));
        assert_eq!(planned.attr("tier"), &Value::from("production"));
        assert_eq!(planned.attr("rto"), &Value::from("4h"));
    }

    #[test]
    fn plan_time_errors_land_on_their_attribute() {
        // (arguments, attribute at fault, part of the message)
        type Case = (Vec<(&'static str, Value)>, &'static str, &'static str);
        let cases: [Case; 7] = [
            (
                vec![
                    ("name", Value::from("app")),
                    ("primary_region", Value::from("westeurop")),
                ],
                "primary_region",
                "did you mean \"westeurope\"?",
            ),
            (
                with(&[("secondary_regions", strings(&["westeurope"]))]),
                "secondary_regions",
                "is the primary region",
            ),
            (
                with(&[(
                    "secondary_regions",
                    strings(&["northeurope", "North Europe"]),
                )]),
                "secondary_regions",
                "more than once",
            ),
            (
                with(&[("grace_period", Value::from("4h"))]),
                "grace_period",
                "grace_period 4h is not below the 4h RTO",
            ),
            (
                with(&[
                    ("tier", Value::from("critical")),
                    ("mode", Value::from("manual")),
                    ("grace_period", Value::from("30m")),
                ]),
                "mode",
                "requires automatic failover",
            ),
            (
                with(&[("secondary_regions", strings(&["northeurope", "uksouht"]))]),
                "secondary_regions",
                "did you mean \"uksouth\"?",
            ),
            // A null entry (the paired_region of an unpaired region) is an error, not a
            // value left unknown for apply, which could never fill it in.
            (
                with(&[("secondary_regions", Value::List(vec![Value::Null]))]),
                "secondary_regions",
                "secondary_regions holds a null entry",
            ),
        ];
        for (given, attribute, expected) in cases {
            let (_, diagnostics) = plan(resource(), &given);
            let errors = messages(&diagnostics, Severity::Error);
            assert_eq!(errors.len(), 1, "{given:?}: {errors:?}");
            assert_eq!(errors[0].0, attribute, "{given:?}");
            assert!(errors[0].1.contains(expected), "{given:?}: {}", errors[0].1);
        }
    }

    #[test]
    fn a_secondary_that_is_not_the_pair_is_a_warning() {
        let (planned, diagnostics) = plan(
            resource(),
            &with(&[("secondary_regions", strings(&["uksouth"]))]),
        );
        assert!(messages(&diagnostics, Severity::Error).is_empty());
        let warnings = messages(&diagnostics, Severity::Warning);
        assert_eq!(warnings.len(), 1);
        assert_eq!(warnings[0].0, "secondary_regions");
        assert!(
            warnings[0].1.contains("its pair is \"northeurope\""),
            "{}",
            warnings[0].1
        );
        assert_eq!(
            planned.attr("regions"),
            &strings(&["westeurope", "uksouth"])
        );
    }

    #[test]
    fn respelled_regions_are_not_a_change() {
        let first = with(&[("secondary_regions", strings(&["North Europe"]))]);
        let (before, _) = plan(resource(), &first);
        let respelled = vec![
            ("name", Value::from("app")),
            ("primary_region", Value::from("westeurope")),
            ("secondary_regions", strings(&["northeurope"])),
        ];
        let (after, _) = plan_with(resource(), &ProviderContext::default(), &respelled, &before);
        assert_eq!(after, before);
    }

    #[test]
    fn unknown_regions_leave_the_computed_regions_unknown() {
        let (planned, diagnostics) = plan(
            resource(),
            &with(&[("secondary_regions", Value::List(vec![Value::Unknown]))]),
        );
        assert!(diagnostics.is_empty());
        assert!(planned.attr("regions").is_unknown());
        assert!(planned.attr("failover_priorities").is_unknown());
        assert_eq!(planned.attr("paired_region"), &Value::from("northeurope"));
    }

    #[test]
    fn validation_skips_tier_checks() {
        let config = crate::resources::testing::config(
            resource(),
            &with(&[
                ("tier", Value::from("critical")),
                ("mode", Value::from("manual")),
            ]),
        );
        assert!(resource().validate(&config).is_empty());
        let config = crate::resources::testing::config(
            resource(),
            &with(&[("mode", Value::from("sometimes"))]),
        );
        assert_eq!(
            messages(&resource().validate(&config), Severity::Error)[0].0,
            "mode"
        );
    }
}
