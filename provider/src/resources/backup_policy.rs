//! `dr_backup_policy`: a backup policy (RPO, RTO, retention, geo-redundancy, backup period)
//! checked against its tier at plan time, with the settings each Azure service needs to meet it
//! in the computed `azure` object. Validation and every computed value come from
//! [`drkit_model::evaluate_backup_policy`], the same code drlint uses.
//!
//! Stored values: arguments keep the text the configuration gives (Terraform 1.0 requires a
//! configured value to be planned exactly as written). Respelling an argument to an equal value
//! (`60m` -> `1h`) keeps the stored text, so it is not a change: `tier` and the durations
//! declare their semantic equality on the schema, and the planning rules of `drkit_tfplugin`
//! apply it. Values the provider fills in (tier defaults, `effective_interval`) are normalised
//! (`90m` -> `1h30m`).
//!
//! The schema, the input and the computed values all come from the model's attribute table,
//! [`BACKUP_POLICY`], which drlint reads too.

use drkit_model::backup_policy::BACKUP_POLICY;
use drkit_model::{evaluate_backup_policy, BackupPolicy, BackupPolicyInput};

use super::table_resource::TableResource;

pub const TYPE_NAME: &str = BACKUP_POLICY.type_name;

/// The resource type: its attribute table and its evaluation.
pub static RESOURCE: TableResource<BackupPolicyInput, BackupPolicy> = TableResource::new(
    &BACKUP_POLICY,
    |input, pack, default_tier| {
        let evaluation = evaluate_backup_policy(input, pack, default_tier);
        (evaluation.policy, evaluation.problems)
    },
    |input| &mut input.tier,
);

#[cfg(test)]
mod tests {
    use drkit_model::Field;

    use super::*;
    use crate::configuration::ProviderContext;
    use crate::resources::testing::{config, messages, plan, plan_with};
    use drkit_tfplugin::cty::Value;
    use drkit_tfplugin::tfprotocol::Severity;
    use drkit_tfplugin::Resource;

    fn resource() -> &'static TableResource<BackupPolicyInput, BackupPolicy> {
        &RESOURCE
    }

    fn name() -> (&'static str, Value) {
        ("name", Value::from("orders"))
    }

    #[test]
    fn an_empty_policy_takes_the_default_tier() {
        let (planned, diagnostics) = plan(resource(), &[name()]);
        // Only Azure Backup cannot meet the production tier's 1h RPO.
        let diagnostics = &diagnostics.0;
        assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
        assert!(
            diagnostics[0]
                .detail
                .contains("Azure Backup runs at most every 4 hours"),
            "{diagnostics:?}"
        );
        assert_eq!(planned.attr("id"), &Value::from("orders"));
        assert_eq!(planned.attr("tier"), &Value::from("production"));
        assert_eq!(planned.attr("rpo"), &Value::from("1h"));
        assert_eq!(planned.attr("rto"), &Value::from("4h"));
        assert_eq!(planned.attr("retention"), &Value::from("30d"));
        assert_eq!(planned.attr("geo_redundant"), &Value::Bool(true));
        assert_eq!(planned.attr("effective_interval"), &Value::from("1h"));
        assert_eq!(planned.attr("interval_minutes"), &Value::int(60));
        assert_eq!(planned.attr("retention_days"), &Value::int(30));
        assert_eq!(planned.attr("retention_hours"), &Value::int(720));
        let azure = planned.attr("azure");
        assert_eq!(azure.attr("cosmosdb_backup_type"), &Value::from("Periodic"));
        assert_eq!(azure.attr("cosmosdb_interval_in_minutes"), &Value::int(60));
        assert_eq!(azure.attr("cosmosdb_retention_in_hours"), &Value::int(720));
        assert_eq!(
            azure.attr("cosmosdb_storage_redundancy"),
            &Value::from("Geo")
        );
        assert_eq!(azure.attr("redis_rdb_backup_frequency"), &Value::int(60));
        assert_eq!(
            azure.attr("postgresql_backup_retention_days"),
            &Value::int(30)
        );
        assert_eq!(
            azure.attr("postgresql_geo_redundant_backup_enabled"),
            &Value::Bool(true)
        );
        assert_eq!(
            azure.attr("key_vault_purge_protection_enabled"),
            &Value::Bool(true)
        );
        assert_eq!(
            azure.attr("storage_account_replication_type"),
            &Value::from("GZRS")
        );
    }

    #[test]
    fn a_short_interval_under_a_critical_tier_is_continuous() {
        let (planned, diagnostics) = plan(
            resource(),
            &[
                name(),
                ("tier", Value::from("critical")),
                ("interval", Value::from("15m")),
            ],
        );
        assert!(
            messages(&diagnostics, Severity::Error).is_empty(),
            "{diagnostics:?}"
        );
        let azure = planned.attr("azure");
        assert_eq!(
            azure.attr("cosmosdb_backup_type"),
            &Value::from("Continuous")
        );
        // Settings azurerm accepts only for a periodic backup are null.
        assert!(azure.attr("cosmosdb_interval_in_minutes").is_null());
        assert!(azure.attr("cosmosdb_retention_in_hours").is_null());
        assert!(azure.attr("cosmosdb_storage_redundancy").is_null());
        assert_eq!(azure.attr("redis_rdb_backup_frequency"), &Value::int(15));
        assert_eq!(
            azure.attr("storage_account_replication_type"),
            &Value::from("RAGZRS")
        );
        assert_eq!(planned.attr("effective_interval"), &Value::from("15m"));
        assert_eq!(planned.attr("interval"), &Value::from("15m"));
    }

    #[test]
    fn configured_durations_stay_as_written_and_computed_ones_are_normalised() {
        let (planned, _) = plan(
            resource(),
            &[
                name(),
                ("rpo", Value::from("60m")),
                ("schedule", Value::from("0 */1 * * *")),
            ],
        );
        assert_eq!(planned.attr("rpo"), &Value::from("60m"));
        assert_eq!(planned.attr("effective_interval"), &Value::from("1h"));
        // Respelling 60m as 1h (or PT1H) later is not a change.
        let (respelled, _) = plan_with(
            resource(),
            &ProviderContext::default(),
            &[
                name(),
                ("rpo", Value::from("PT1H")),
                ("schedule", Value::from("0 */1 * * *")),
            ],
            &planned,
        );
        assert_eq!(respelled, planned);
    }

    #[test]
    fn plan_time_errors_land_on_their_attribute() {
        // (arguments, attribute at fault, part of the message)
        type Case<'a> = (&'a [(&'a str, Value)], &'a str, &'a str);
        let cases: [Case; 7] = [
            (&[("rpo", Value::from("soon"))], "rpo", "\"soon\" is not a duration"),
            (&[("schedule", Value::from("0 0 31 2 *"))], "schedule", "never runs"),
            (&[("interval", Value::from("2h"))], "interval", "interval 2h is longer than the 1h RPO"),
            (&[("rto", Value::from("1d"))], "rto", "RTO 1d is looser than the 4h the production tier requires"),
            (&[("retention", Value::from("7d"))], "retention", "retention 7d is shorter than the 30d"),
            (&[("tier", Value::from("gold"))], "tier", "unknown tier \"gold\"; known tiers: critical, production, staging, development, archive, stateless."),
            (
                &[("interval", Value::from("1h")), ("schedule", Value::from("0 * * * *"))],
                "schedule",
                "interval and schedule are both set",
            ),
        ];
        for (given, attribute, expected) in cases {
            let mut given = given.to_vec();
            given.push(name());
            let (_, diagnostics) = plan(resource(), &given);
            let errors = messages(&diagnostics, Severity::Error);
            assert_eq!(errors.len(), 1, "{given:?}: {errors:?}");
            assert_eq!(errors[0].0, attribute, "{given:?}");
            assert!(errors[0].1.contains(expected), "{given:?}: {}", errors[0].1);
        }
    }

    #[test]
    fn validation_reports_syntax_errors_but_leaves_tier_checks_and_warnings_to_the_plan() {
        let validate = |given: &[(&str, Value)]| resource().validate(&config(resource(), given));
        let errors = validate(&[name(), ("interval", Value::from("1 hour"))]);
        assert_eq!(messages(&errors, Severity::Error)[0].0, "interval");
        // Needs the tier (which may come from policy_file): not a validation error.
        assert!(validate(&[name(), ("tier", Value::from("gold"))]).is_empty());
        assert!(validate(&[name(), ("rpo", Value::from("2h"))]).is_empty());
        // A warning in the plan, not in validation.
        let geo_off = [name(), ("geo_redundant", Value::Bool(false))];
        assert!(validate(&geo_off).is_empty());
        let (_, diagnostics) = plan(resource(), &geo_off);
        assert_eq!(
            messages(&diagnostics, Severity::Warning)[0].0,
            "geo_redundant"
        );
    }

    #[test]
    fn clamped_settings_warn_naming_the_service() {
        let (planned, diagnostics) = plan(resource(), &[name(), ("tier", Value::from("archive"))]);
        assert!(messages(&diagnostics, Severity::Error).is_empty());
        let warnings = messages(&diagnostics, Severity::Warning);
        assert!(warnings
            .iter()
            .any(|(attribute, message)| attribute == "retention"
                && message.starts_with("PostgreSQL flexible server keeps at most 35 days")));
        assert_eq!(
            planned
                .attr("azure")
                .attr("postgresql_backup_retention_days"),
            &Value::int(35)
        );
    }

    #[test]
    fn unknown_inputs_make_dependent_values_unknown() {
        let (planned, diagnostics) = plan(resource(), &[name(), ("tier", Value::Unknown)]);
        assert!(diagnostics.is_empty());
        assert!(planned.attr("tier").is_unknown());
        assert!(planned.attr("rpo").is_unknown());
        assert!(planned.attr("effective_interval").is_unknown());
        assert!(planned
            .attr("azure")
            .attr("cosmosdb_backup_type")
            .is_unknown());
        let (planned, _) = plan(
            resource(),
            &[("name", Value::Unknown), ("rpo", Value::from("30m"))],
        );
        assert!(planned.attr("id").is_unknown());
        assert_eq!(planned.attr("effective_interval"), &Value::from("30m"));
        // A provider block that is not known yet leaves the tier unknown.
        let unknown_context = ProviderContext {
            default_tier: Field::Unknown,
            ..ProviderContext::default()
        };
        let (planned, _) = plan_with(resource(), &unknown_context, &[name()], &Value::Null);
        assert!(planned.attr("rpo").is_unknown());
        let (planned, _) = plan_with(
            resource(),
            &unknown_context,
            &[name(), ("tier", Value::from("staging"))],
            &Value::Null,
        );
        assert_eq!(planned.attr("rpo"), &Value::from("4h"));
    }

    #[test]
    fn a_changed_tier_recomputes_defaults_in_place() {
        let (before, _) = plan(resource(), &[name()]);
        let (after, _) = plan_with(
            resource(),
            &ProviderContext::default(),
            &[name(), ("tier", Value::from("critical"))],
            &before,
        );
        assert_eq!(after.attr("rpo"), &Value::from("15m"));
        assert_eq!(after.attr("id"), before.attr("id"));
    }

    #[test]
    fn import_starts_from_the_name() {
        let state = resource().import("orders").unwrap();
        assert_eq!(state.attr("id"), &Value::from("orders"));
        assert_eq!(state.attr("name"), &Value::from("orders"));
        assert!(state.attr("rpo").is_null());
        assert!(resource().import(" ").is_err());
    }
}
