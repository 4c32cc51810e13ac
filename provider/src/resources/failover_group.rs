//! `dr_failover_group`: the regions a workload fails over between, checked at plan time
//! (known regions, no duplicates, a grace period below the RTO, automatic failover where the
//! tier requires it), with the computed region order and priorities. Validation and computed
//! values come from [`drkit_model::evaluate_failover_group`], the same code drlint uses.
//!
//! Stored values follow the rule of `dr_backup_policy`: configured arguments keep their
//! text, respelling to an equal value is not a change, and values the provider fills in
//! (`secondary_regions` from the Azure pair, `regions`) are normalised region names.
//!
//! The schema, the input and the computed values all come from the model's attribute table,
//! [`FAILOVER_GROUP`], which drlint reads too.

use drkit_model::failover_group::FAILOVER_GROUP;
use drkit_model::{evaluate_failover_group, FailoverGroup, FailoverGroupInput};

use super::table_resource::TableResource;

pub const TYPE_NAME: &str = FAILOVER_GROUP.type_name;

/// The resource type: its attribute table and its evaluation.
pub static RESOURCE: TableResource<FailoverGroupInput, FailoverGroup> = TableResource::new(
    &FAILOVER_GROUP,
    |input, pack, default_tier| {
        let evaluation = evaluate_failover_group(input, pack, default_tier);
        (evaluation.group, evaluation.problems)
    },
    |input| &mut input.tier,
);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::configuration::ProviderContext;
    use crate::resources::testing::{messages, plan, plan_with, strings};
    use drkit_tfplugin::cty::Value;
    use drkit_tfplugin::tfprotocol::Severity;
    use drkit_tfplugin::Resource;

    fn resource() -> &'static TableResource<FailoverGroupInput, FailoverGroup> {
        &RESOURCE
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
