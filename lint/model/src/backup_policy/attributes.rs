//! The attributes of `dr_backup_policy`: one table for the provider's schema, plan and docs
//! and for drlint's reading of the block and of what the provider computes.

use super::{BackupPolicy, BackupPolicyInput, AZURE_SETTINGS};
use crate::attributes::{
    AttributeSpec, Equivalence, Mode, Planned, ResourceTable, Scalar, Source, ValueType,
};

const STRING: ValueType = ValueType::Scalar(Scalar::String);
const NUMBER: ValueType = ValueType::Scalar(Scalar::Number);
const BOOL: ValueType = ValueType::Scalar(Scalar::Bool);

pub static BACKUP_POLICY: ResourceTable<BackupPolicyInput, BackupPolicy> = ResourceTable {
    type_name: "dr_backup_policy",
    description: "A backup policy checked against its DR tier at plan time, with the Azure \
                  settings that achieve it.",
    attributes: &[
        AttributeSpec {
            name: "name",
            ty: STRING,
            mode: Mode::Required,
            description: "Name of the policy, also its `id`. Must not be empty.",
            replace_on_change: true,
            equivalence: Equivalence::Exact,
            input: Some(|input, given| input.name = given.text()),
            value: Source::Configured,
        },
        AttributeSpec {
            name: "tier",
            ty: STRING,
            mode: Mode::OptionalComputed,
            description: "The DR tier the policy is held to: a built-in tier (`critical`, \
                          `production`, `staging`, `development`, `archive`, `stateless`) or one \
                          from the provider's `policy_file`, matched case-insensitively. Defaults \
                          to the provider's `default_tier`, as the pack spells the tier's name.",
            replace_on_change: false,
            equivalence: Equivalence::CaseInsensitive,
            input: Some(|input, given| input.tier = given.text()),
            value: Source::Computed(|policy| Planned::text(policy.tier.clone())),
        },
        AttributeSpec {
            name: "rpo",
            ty: STRING,
            mode: Mode::OptionalComputed,
            description: "Recovery point objective, a duration: the most data, in time, that may \
                          be lost. Must not be longer than the tier's RPO. Defaults to the tier's \
                          RPO, normalised; null when the tier states no RPO (`stateless`).",
            replace_on_change: false,
            equivalence: Equivalence::Duration,
            input: Some(|input, given| input.rpo = given.text()),
            value: Source::Computed(|policy| Planned::duration(policy.rpo)),
        },
        AttributeSpec {
            name: "rto",
            ty: STRING,
            mode: Mode::OptionalComputed,
            description: "Recovery time objective, a duration. Must not be longer than the tier's \
                          RTO. Defaults to the tier's RTO, normalised; null when the tier states \
                          no RTO (`stateless`).",
            replace_on_change: false,
            equivalence: Equivalence::Duration,
            input: Some(|input, given| input.rto = given.text()),
            value: Source::Computed(|policy| Planned::duration(policy.rto)),
        },
        AttributeSpec {
            name: "interval",
            ty: STRING,
            mode: Mode::Optional,
            description: "Time between two backups, a duration. Must be above zero and not longer \
                          than the RPO. Conflicts with `schedule`.",
            replace_on_change: false,
            equivalence: Equivalence::Exact,
            input: Some(|input, given| input.interval = given.text()),
            value: Source::Configured,
        },
        AttributeSpec {
            name: "schedule",
            ty: STRING,
            mode: Mode::Optional,
            description: "When backups run, as a five-field cron expression or a macro such as \
                          `@hourly` (see [Schedules](../index.md#schedules)). Its worst-case gap \
                          between two runs must not be longer than the RPO. Conflicts with \
                          `interval`.",
            replace_on_change: false,
            equivalence: Equivalence::Exact,
            input: Some(|input, given| input.schedule = given.text()),
            value: Source::Configured,
        },
        AttributeSpec {
            name: "retention",
            ty: STRING,
            mode: Mode::OptionalComputed,
            description: "How long backups are kept, a duration. Must not be shorter than the \
                          tier's minimum retention. Defaults to the tier's minimum retention, \
                          normalised; null when the tier states none (`stateless`).",
            replace_on_change: false,
            equivalence: Equivalence::Duration,
            input: Some(|input, given| input.retention = given.text()),
            value: Source::Computed(|policy| Planned::duration(policy.retention)),
        },
        AttributeSpec {
            name: "geo_redundant",
            ty: BOOL,
            mode: Mode::OptionalComputed,
            description: "Whether backups must survive the loss of a region. Defaults to the \
                          tier's `geo_redundant`. `false` under a tier that requires \
                          geo-redundancy is a warning, not an error.",
            replace_on_change: false,
            equivalence: Equivalence::Exact,
            input: Some(|input, given| input.geo_redundant = given.flag()),
            value: Source::Computed(|policy| Planned::flag(policy.geo_redundant)),
        },
        AttributeSpec {
            name: "targets",
            ty: ValueType::List(Scalar::String),
            mode: Mode::Optional,
            description: "IDs of the resources the policy covers. The provider stores the list as \
                          given; drlint uses it to give those resources this policy's objectives.",
            replace_on_change: false,
            equivalence: Equivalence::Exact,
            input: None,
            value: Source::Configured,
        },
        AttributeSpec {
            name: "description",
            ty: STRING,
            mode: Mode::Optional,
            description: "Free text, stored as given.",
            replace_on_change: false,
            equivalence: Equivalence::Exact,
            input: None,
            value: Source::Configured,
        },
        AttributeSpec {
            name: "id",
            ty: STRING,
            mode: Mode::Computed,
            description: "The policy's name.",
            replace_on_change: false,
            equivalence: Equivalence::Exact,
            input: None,
            value: Source::ConfiguredAs("name"),
        },
        AttributeSpec {
            name: "effective_interval",
            ty: STRING,
            mode: Mode::Computed,
            description: "The backup period the policy promises: `interval`, else the worst-case \
                          gap of `schedule`, else the RPO. Normalised (`90m` is `1h30m`); null \
                          under a tier without an RPO when neither `interval` nor `schedule` is \
                          set.",
            replace_on_change: false,
            equivalence: Equivalence::Exact,
            input: None,
            value: Source::Computed(|policy| Planned::duration(policy.effective_interval)),
        },
        AttributeSpec {
            name: "interval_minutes",
            ty: NUMBER,
            mode: Mode::Computed,
            description:
                "`effective_interval` in whole minutes, rounded down (backing up a little \
                          more often still meets the RPO): `90s` gives `1`.",
            replace_on_change: false,
            equivalence: Equivalence::Exact,
            input: None,
            value: Source::Computed(|policy| Planned::count(policy.interval_minutes)),
        },
        AttributeSpec {
            name: "retention_days",
            ty: NUMBER,
            mode: Mode::Computed,
            description: "The retention in whole days, rounded up (keeping a little longer still \
                          meets it): `7d12h` gives `8`.",
            replace_on_change: false,
            equivalence: Equivalence::Exact,
            input: None,
            value: Source::Computed(|policy| Planned::count(policy.retention_days)),
        },
        AttributeSpec {
            name: "retention_hours",
            ty: NUMBER,
            mode: Mode::Computed,
            description: "The retention in whole hours, rounded up: `7d12h` gives `180`.",
            replace_on_change: false,
            equivalence: Equivalence::Exact,
            input: None,
            value: Source::Computed(|policy| Planned::count(policy.retention_hours)),
        },
        AttributeSpec {
            name: "azure",
            ty: ValueType::Object(&AZURE_SETTINGS),
            mode: Mode::Computed,
            description: "The value of each azurerm argument that achieves the policy (see \
                          [Azure settings](#azure-settings)). A value is null where the policy \
                          needs none (no retention objective, or an argument that does not apply \
                          to the backup type).",
            replace_on_change: false,
            equivalence: Equivalence::Exact,
            input: None,
            value: Source::Computed(|policy| AZURE_SETTINGS.planned(&policy.azure)),
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
        let input = BACKUP_POLICY.input(|name, _| match name {
            "geo_redundant" => Given::Flag(false),
            "targets" | "description" => Given::Unknown,
            other => Given::Text(format!("{other}!")),
        });
        assert_eq!(
            input,
            BackupPolicyInput {
                name: Field::Known("name!".into()),
                tier: Field::Known("tier!".into()),
                rpo: Field::Known("rpo!".into()),
                rto: Field::Known("rto!".into()),
                interval: Field::Known("interval!".into()),
                schedule: Field::Known("schedule!".into()),
                retention: Field::Known("retention!".into()),
                geo_redundant: Field::Known(false),
            }
        );
    }

    #[test]
    fn names_are_unique_and_computed_attributes_compute() {
        let mut names: Vec<&str> = BACKUP_POLICY.attributes.iter().map(|a| a.name).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), BACKUP_POLICY.attributes.len());
        for attribute in BACKUP_POLICY.attributes {
            let computed = matches!(attribute.value, Source::Computed(_));
            let settable = attribute.mode != Mode::Computed;
            assert!(
                computed || settable || matches!(attribute.value, Source::ConfiguredAs(_)),
                "{} is computed by the provider but has no computation",
                attribute.name
            );
            assert!(
                !(attribute.mode == Mode::Optional && computed),
                "{} is optional without being computed, yet has a computation",
                attribute.name
            );
        }
    }
}
