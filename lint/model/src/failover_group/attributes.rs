//! The attributes of `dr_failover_group`: one table for the provider's schema, plan and docs
//! and for drlint's reading of the block and of what the provider computes.

use super::{FailoverGroup, FailoverGroupInput};
use crate::attributes::{
    AttributeSpec, Equivalence, Mode, Planned, ResourceTable, Scalar, Source, ValueType,
};

const STRING: ValueType = ValueType::Scalar(Scalar::String);

pub static FAILOVER_GROUP: ResourceTable<FailoverGroupInput, FailoverGroup> = ResourceTable {
    type_name: "dr_failover_group",
    description: "A group of Azure regions a workload fails over between, checked against its \
                  DR tier at plan time.",
    attributes: &[
        AttributeSpec {
            name: "name",
            ty: STRING,
            mode: Mode::Required,
            description: "Name of the group, also its `id`. Must not be empty.",
            replace_on_change: true,
            equivalence: Equivalence::Exact,
            input: Some(|input, given| input.name = given.text()),
            value: Source::Configured,
        },
        AttributeSpec {
            name: "primary_region",
            ty: STRING,
            mode: Mode::Required,
            description: "The Azure region the workload runs in, as a programmatic name \
                          (`westeurope`) or a display name (`West Europe`). Case, spaces, `-` and \
                          `_` do not matter. Must be a known Azure public-cloud region.",
            replace_on_change: false,
            equivalence: Equivalence::Region,
            input: Some(|input, given| input.primary_region = given.text()),
            value: Source::Configured,
        },
        AttributeSpec {
            name: "secondary_regions",
            ty: ValueType::List(Scalar::String),
            mode: Mode::OptionalComputed,
            description: "The regions to fail over to, in priority order, spelled as for \
                          `primary_region`. Defaults to the Azure pair of the primary region: a \
                          one-element list of its programmatic name. A primary region without a \
                          pair (for example `italynorth`) needs this argument.",
            replace_on_change: false,
            equivalence: Equivalence::RegionList,
            input: Some(|input, given| input.secondary_regions = given.text_list()),
            value: Source::Computed(|group| Planned::text_list(group.secondary_regions.clone())),
        },
        AttributeSpec {
            name: "tier",
            ty: STRING,
            mode: Mode::OptionalComputed,
            description: "The DR tier, as for \
                          [`dr_backup_policy`](backup_policy.md#argument-reference). Defaults to \
                          the provider's `default_tier`, as the pack spells the tier's name.",
            replace_on_change: false,
            equivalence: Equivalence::CaseInsensitive,
            input: Some(|input, given| input.tier = given.text()),
            value: Source::Computed(|group| Planned::text(group.tier.clone())),
        },
        AttributeSpec {
            name: "rto",
            ty: STRING,
            mode: Mode::OptionalComputed,
            description: "Recovery time objective, a duration. Must not be longer than the tier's \
                          RTO. Defaults to the tier's RTO, normalised; null for a tier without an \
                          RTO.",
            replace_on_change: false,
            equivalence: Equivalence::Duration,
            input: Some(|input, given| input.rto = given.text()),
            value: Source::Computed(|group| Planned::duration(group.rto)),
        },
        AttributeSpec {
            name: "mode",
            ty: STRING,
            mode: Mode::OptionalComputed,
            description: "`\"automatic\"` or `\"manual\"`, in any case. Defaults to \
                          `\"automatic\"`. `\"manual\"` is an error under a tier that requires \
                          automatic failover (the built-in `critical` tier).",
            replace_on_change: false,
            equivalence: Equivalence::CaseInsensitive,
            input: Some(|input, given| input.mode = given.text()),
            value: Source::Computed(|group| Planned::text(group.mode.map(|mode| mode.as_str()))),
        },
        AttributeSpec {
            name: "grace_period",
            ty: STRING,
            mode: Mode::OptionalComputed,
            description: "How long an outage lasts before failover starts, a duration. Must be \
                          shorter than the RTO. Defaults to `\"1h\"`.",
            replace_on_change: false,
            equivalence: Equivalence::Duration,
            input: Some(|input, given| input.grace_period = given.text()),
            value: Source::Computed(|group| Planned::duration(group.grace_period)),
        },
        AttributeSpec {
            name: "members",
            ty: ValueType::List(Scalar::String),
            mode: Mode::Optional,
            description: "IDs of the resources that fail over together. The provider stores the \
                          list as given; drlint uses it to give those resources this group's \
                          objective.",
            replace_on_change: false,
            equivalence: Equivalence::Exact,
            input: None,
            value: Source::Configured,
        },
        AttributeSpec {
            name: "id",
            ty: STRING,
            mode: Mode::Computed,
            description: "The group's name.",
            replace_on_change: false,
            equivalence: Equivalence::Exact,
            input: None,
            value: Source::ConfiguredAs("name"),
        },
        AttributeSpec {
            name: "regions",
            ty: ValueType::List(Scalar::String),
            mode: Mode::Computed,
            description: "The primary region, then the secondary regions, all as programmatic \
                          names (`[\"westeurope\", \"northeurope\"]`).",
            replace_on_change: false,
            equivalence: Equivalence::Exact,
            input: None,
            value: Source::Computed(|group| Planned::text_list(group.regions.clone())),
        },
        AttributeSpec {
            name: "failover_priorities",
            ty: ValueType::Map(Scalar::Number),
            mode: Mode::Computed,
            description: "Each region of `regions` (programmatic name) mapped to its failover \
                          priority: 0 for the primary, then 1, 2, ... in the order of \
                          `secondary_regions`.",
            replace_on_change: false,
            equivalence: Equivalence::Exact,
            input: None,
            value: Source::Computed(|group| Planned::count_map(group.failover_priorities.clone())),
        },
        AttributeSpec {
            name: "grace_minutes",
            ty: ValueType::Scalar(Scalar::Number),
            mode: Mode::Computed,
            description: "`grace_period` in whole minutes, rounded down (`90s` gives `1`).",
            replace_on_change: false,
            equivalence: Equivalence::Exact,
            input: None,
            value: Source::Computed(|group| Planned::count(group.grace_minutes)),
        },
        AttributeSpec {
            name: "paired_region",
            ty: STRING,
            mode: Mode::Computed,
            description: "The published Azure pair of the primary region (programmatic name); \
                          null for a region without a pair.",
            replace_on_change: false,
            equivalence: Equivalence::Exact,
            input: None,
            value: Source::Computed(|group| Planned::text(group.paired_region)),
        },
    ],
};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::attributes::Given;
    use crate::Field;

    #[test]
    fn every_input_argument_reaches_the_model() {
        let input = FAILOVER_GROUP.input(|name, _| match name {
            "secondary_regions" => Given::TextList(vec![Field::Known("westus".into())]),
            "members" => Given::Unknown,
            other => Given::Text(format!("{other}!")),
        });
        assert_eq!(
            input,
            FailoverGroupInput {
                name: Field::Known("name!".into()),
                primary_region: Field::Known("primary_region!".into()),
                secondary_regions: Field::Known(vec![Field::Known("westus".into())]),
                tier: Field::Known("tier!".into()),
                rto: Field::Known("rto!".into()),
                mode: Field::Known("mode!".into()),
                grace_period: Field::Known("grace_period!".into()),
            }
        );
    }
}
