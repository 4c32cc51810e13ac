//! `dr_backup_policy`: validation and the settings each Azure service needs to meet it. Both
//! the provider resource and drlint's rule for `dr_backup_policy` blocks call
//! [`evaluate_backup_policy`], so they agree on every verdict.
//!
//! - The tier is the given one or the default tier; `rpo`, `rto`, `retention` and
//!   `geo_redundant` default to the tier's values, and must not be looser than them.
//! - The effective interval is `interval`, or the worst-case gap of the cron `schedule`, or the
//!   RPO when neither is set; it must not be longer than the RPO.
//! - [`AzureSettings`] turns the policy into the values azurerm arguments accept (see
//!   [`crate::capabilities`]); a value that cannot honour the policy is a warning naming the
//!   service.

mod attributes;
mod azure;
mod azure_backup;
mod azure_fields;
mod schedule;

pub use attributes::BACKUP_POLICY;
pub use azure::{redis_frequency_for, AzureSettings};
pub use azure_backup::AzureBackupSettings;
pub use azure_fields::AZURE_SETTINGS;

use crate::duration::Duration;
use crate::evaluation::{check_name, check_not_looser, from_tier, parse_duration, resolve_tier};
use crate::field::Field;
use crate::policy::PolicyPack;
use crate::problem::Problem;
use crate::tier::Tier;
use azure::SettingsBasis;
use schedule::BackupSchedule;

/// The arguments of a `dr_backup_policy` as given (durations as text).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BackupPolicyInput {
    pub name: Field<String>,
    pub tier: Field<String>,
    pub rpo: Field<String>,
    pub rto: Field<String>,
    pub interval: Field<String>,
    pub schedule: Field<String>,
    pub retention: Field<String>,
    pub geo_redundant: Field<bool>,
}

/// The policy with every default applied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BackupPolicy {
    /// The tier as given, or the default tier's name.
    pub tier: Field<String>,
    pub rpo: Field<Duration>,
    pub rto: Field<Duration>,
    pub retention: Field<Duration>,
    pub geo_redundant: Field<bool>,
    /// `interval`, the schedule's worst-case gap, or the RPO.
    pub effective_interval: Field<Duration>,
    /// The effective interval in whole minutes, rounded down (more frequent backups still
    /// meet the RPO).
    pub interval_minutes: Field<u64>,
    /// The retention in whole days and hours, rounded up (keeping longer still meets it).
    pub retention_days: Field<u64>,
    pub retention_hours: Field<u64>,
    pub automatic_failover: Field<bool>,
    pub deletion_protection: Field<bool>,
    pub azure: AzureSettings,
}

/// The effective policy and every problem found, in argument order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BackupPolicyEvaluation {
    pub policy: BackupPolicy,
    pub problems: Vec<Problem>,
}

/// Validates `input` against `pack`, taking `default_tier` when no tier is given.
pub fn evaluate_backup_policy(
    input: &BackupPolicyInput,
    pack: &PolicyPack,
    default_tier: &str,
) -> BackupPolicyEvaluation {
    let mut problems = Vec::new();

    check_name(&input.name, "backup policy", &mut problems);

    let (tier_name, tier) = resolve_tier(&input.tier, pack, default_tier, &mut problems);
    let tier_label = tier_name.known().cloned().unwrap_or_default();

    let given_rpo = parse_duration(&input.rpo, "rpo", &mut problems);
    let given_rto = parse_duration(&input.rto, "rto", &mut problems);
    let given_retention = parse_duration(&input.retention, "retention", &mut problems);

    check_not_looser(
        "rpo",
        "RPO",
        &given_rpo,
        tier.as_ref().map(|t| t.rpo),
        &tier_label,
        &mut problems,
    );
    check_not_looser(
        "rto",
        "RTO",
        &given_rto,
        tier.as_ref().map(|t| t.rto),
        &tier_label,
        &mut problems,
    );
    check_retention(&given_retention, &tier, &tier_label, &mut problems);
    check_geo_redundancy(&input.geo_redundant, &tier, &tier_label, &mut problems);

    let rpo = given_rpo.or(from_tier(&tier, |t| t.rpo));
    let rto = given_rto.or(from_tier(&tier, |t| t.rto));
    let retention = given_retention.or(from_tier(&tier, |t| t.min_retention));
    let geo_redundant = input
        .geo_redundant
        .or(tier.as_ref().map(|t| t.geo_redundant));
    let automatic_failover = tier.as_ref().map(|t| t.automatic_failover);
    let deletion_protection = tier.as_ref().map(|t| t.deletion_protection);

    let rpo_source = if given_rpo.is_unset() {
        format!("the {tier_label} tier")
    } else {
        "the rpo argument".to_string()
    };
    let schedule = BackupSchedule::read(input, &mut problems);
    schedule.check_against_rpo(&rpo, &rpo_source, &mut problems);
    let effective_interval = schedule.gap.or(rpo);
    let interval_attribute = schedule.attribute().unwrap_or("rpo");

    let interval_minutes = effective_interval.map(Duration::as_minutes_floor);
    let retention_days = retention.map(Duration::as_days_ceil);
    let retention_hours = retention.map(Duration::as_hours_ceil);

    let azure = AzureSettings::compute(
        &SettingsBasis {
            effective_interval,
            interval_minutes,
            retention,
            retention_days,
            retention_hours,
            geo_redundant,
            automatic_failover,
            deletion_protection,
            rto,
            interval_attribute,
        },
        &mut problems,
    );

    let policy = BackupPolicy {
        tier: tier_name,
        rpo,
        rto,
        retention,
        geo_redundant,
        effective_interval,
        interval_minutes,
        retention_days,
        retention_hours,
        automatic_failover,
        deletion_protection,
        azure,
    };
    BackupPolicyEvaluation { policy, problems }
}

fn check_retention(
    given: &Field<Duration>,
    tier: &Field<&Tier>,
    tier_name: &str,
    problems: &mut Vec<Problem>,
) {
    if let (Field::Known(given), Field::Known(tier)) = (given, tier) {
        if let Some(required) = tier.min_retention {
            if *given < required {
                problems.push(Problem::error(
                    "retention",
                    format!(
                        "retention {given} is shorter than the {required} the {tier_name} tier requires; set retention to {required} or more."
                    ),
                ));
            }
        }
    }
}

/// Turning geo-redundancy off under a tier that requires it is advice, not a plan-time error:
/// the tier's hard limits are RPO, RTO and retention.
fn check_geo_redundancy(
    given: &Field<bool>,
    tier: &Field<&Tier>,
    tier_name: &str,
    problems: &mut Vec<Problem>,
) {
    if let (Field::Known(false), Field::Known(tier)) = (given, tier) {
        if tier.geo_redundant {
            problems.push(Problem::warning(
                "geo_redundant",
                format!(
                    "geo_redundant = false, but the {tier_name} tier requires geo-redundant backups that survive the loss of a region; remove geo_redundant or set it to true."
                ),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::capabilities::cosmosdb::{BackupType, StorageRedundancy};
    use crate::capabilities::storage_account::ReplicationType;
    use crate::problem::Severity;

    fn known(text: &str) -> Field<String> {
        Field::Known(text.to_string())
    }

    fn evaluate(input: BackupPolicyInput) -> BackupPolicyEvaluation {
        evaluate_backup_policy(&input, &PolicyPack::builtin(), "production")
    }

    fn d(text: &str) -> Field<Duration> {
        Field::Known(Duration::parse(text).unwrap())
    }

    fn messages(evaluation: &BackupPolicyEvaluation, severity: Severity) -> Vec<(String, String)> {
        evaluation
            .problems
            .iter()
            .filter(|p| p.severity == severity)
            .map(|p| (p.attribute.to_string(), p.message.clone()))
            .collect()
    }

    /// The problems other than Azure Backup's schedule limit (every 4 hours at most), which
    /// every interval under 4 hours meets.
    fn beyond_azure_backup(evaluation: &BackupPolicyEvaluation) -> Vec<&Problem> {
        evaluation
            .problems
            .iter()
            .filter(|p| {
                !p.message
                    .starts_with("Azure Backup runs at most every 4 hours")
            })
            .collect()
    }

    #[test]
    fn defaults_come_from_the_default_tier() {
        let evaluation = evaluate(BackupPolicyInput {
            name: known("orders"),
            ..Default::default()
        });
        // Only Azure Backup cannot honour a 1h RPO: VM, file share and AKS backups run every
        // 4 hours at most.
        let warnings = messages(&evaluation, Severity::Warning);
        assert_eq!(warnings.len(), 1, "{:?}", evaluation.problems);
        assert!(
            warnings[0]
                .1
                .starts_with("Azure Backup runs at most every 4 hours"),
            "{warnings:?}"
        );
        assert_eq!(warnings[0].0, "rpo");
        let policy = &evaluation.policy;
        assert_eq!(policy.tier, known("production"));
        assert_eq!(policy.rpo, d("1h"));
        assert_eq!(policy.rto, d("4h"));
        assert_eq!(policy.retention, d("30d"));
        assert_eq!(policy.geo_redundant, Field::Known(true));
        assert_eq!(policy.effective_interval, d("1h"));
        assert_eq!(policy.interval_minutes, Field::Known(60));
        assert_eq!(policy.retention_days, Field::Known(30));
        assert_eq!(policy.retention_hours, Field::Known(720));
        assert_eq!(policy.automatic_failover, Field::Known(false));
        assert_eq!(policy.deletion_protection, Field::Known(true));
        let azure = &policy.azure;
        assert_eq!(
            azure.cosmosdb_backup_type,
            Field::Known(BackupType::Periodic)
        );
        assert_eq!(azure.cosmosdb_interval_in_minutes, Field::Known(60));
        assert_eq!(azure.cosmosdb_retention_in_hours, Field::Known(720));
        assert_eq!(
            azure.cosmosdb_storage_redundancy,
            Field::Known(StorageRedundancy::Geo)
        );
        assert_eq!(azure.redis_rdb_backup_frequency, Field::Known(60));
        assert_eq!(azure.postgresql_backup_retention_days, Field::Known(30));
        assert_eq!(
            azure.postgresql_geo_redundant_backup_enabled,
            Field::Known(true)
        );
        assert_eq!(azure.mysql_backup_retention_days, Field::Known(30));
        assert_eq!(azure.mssql_short_term_retention_days, Field::Known(30));
        assert_eq!(azure.key_vault_soft_delete_retention_days, Field::Known(30));
        assert_eq!(azure.key_vault_purge_protection_enabled, Field::Known(true));
        assert_eq!(
            azure.storage_account_replication_type,
            Field::Known(ReplicationType::Gzrs)
        );
    }

    #[test]
    fn critical_tier_is_continuous_with_automatic_failover() {
        let evaluation = evaluate(BackupPolicyInput {
            tier: known("critical"),
            ..Default::default()
        });
        let warnings = messages(&evaluation, Severity::Warning);
        assert_eq!(warnings.len(), 1, "{:?}", evaluation.problems);
        assert!(
            warnings[0].1.contains("does not meet a 15m interval"),
            "{warnings:?}"
        );
        let azure = &evaluation.policy.azure;
        assert_eq!(evaluation.policy.effective_interval, d("15m"));
        assert_eq!(
            azure.cosmosdb_backup_type,
            Field::Known(BackupType::Continuous)
        );
        // azurerm rejects the periodic-only settings on a continuous backup.
        assert_eq!(azure.cosmosdb_interval_in_minutes, Field::Unset);
        assert_eq!(azure.cosmosdb_retention_in_hours, Field::Unset);
        assert_eq!(azure.cosmosdb_storage_redundancy, Field::Unset);
        assert_eq!(azure.redis_rdb_backup_frequency, Field::Known(15));
        assert_eq!(
            azure.storage_account_replication_type,
            Field::Known(ReplicationType::Ragzrs)
        );
    }

    #[test]
    fn development_tier_is_local() {
        let evaluation = evaluate(BackupPolicyInput {
            tier: known("development"),
            ..Default::default()
        });
        assert!(
            beyond_azure_backup(&evaluation).is_empty(),
            "{:?}",
            evaluation.problems
        );
        let azure = &evaluation.policy.azure;
        assert_eq!(azure.cosmosdb_interval_in_minutes, Field::Known(1440));
        assert_eq!(azure.cosmosdb_retention_in_hours, Field::Known(168));
        assert_eq!(
            azure.cosmosdb_storage_redundancy,
            Field::Known(StorageRedundancy::Zone)
        );
        assert_eq!(azure.redis_rdb_backup_frequency, Field::Known(1440));
        assert_eq!(azure.postgresql_backup_retention_days, Field::Known(7));
        assert_eq!(azure.mysql_backup_retention_days, Field::Known(7));
        assert_eq!(
            azure.key_vault_purge_protection_enabled,
            Field::Known(false)
        );
        assert_eq!(
            azure.storage_account_replication_type,
            Field::Known(ReplicationType::Zrs)
        );
    }

    #[test]
    fn stateless_tier_has_no_settings_to_compute() {
        let evaluation = evaluate(BackupPolicyInput {
            tier: known("stateless"),
            ..Default::default()
        });
        assert!(
            beyond_azure_backup(&evaluation).is_empty(),
            "{:?}",
            evaluation.problems
        );
        let policy = &evaluation.policy;
        assert_eq!(policy.rpo, Field::Unset);
        assert_eq!(policy.effective_interval, Field::Unset);
        assert_eq!(policy.retention_days, Field::Unset);
        assert_eq!(policy.azure.cosmosdb_backup_type, Field::Unset);
        assert_eq!(policy.azure.cosmosdb_interval_in_minutes, Field::Unset);
        assert_eq!(policy.azure.postgresql_backup_retention_days, Field::Unset);
        assert_eq!(
            policy.azure.storage_account_replication_type,
            Field::Known(ReplicationType::Zrs)
        );
    }

    #[test]
    fn interval_and_schedule_set_the_effective_interval() {
        let evaluation = evaluate(BackupPolicyInput {
            interval: known("30m"),
            ..Default::default()
        });
        assert!(
            beyond_azure_backup(&evaluation).is_empty(),
            "{:?}",
            evaluation.problems
        );
        assert_eq!(evaluation.policy.effective_interval, d("30m"));
        assert_eq!(evaluation.policy.interval_minutes, Field::Known(30));
        assert_eq!(
            evaluation.policy.azure.cosmosdb_backup_type,
            Field::Known(BackupType::Continuous)
        );
        assert_eq!(
            evaluation.policy.azure.redis_rdb_backup_frequency,
            Field::Known(30)
        );

        let evaluation = evaluate(BackupPolicyInput {
            tier: known("staging"),
            schedule: known("0 */4 * * *"),
            ..Default::default()
        });
        assert!(
            beyond_azure_backup(&evaluation).is_empty(),
            "{:?}",
            evaluation.problems
        );
        assert_eq!(evaluation.policy.effective_interval, d("4h"));
        assert_eq!(
            evaluation.policy.azure.cosmosdb_interval_in_minutes,
            Field::Known(240)
        );
        assert_eq!(
            evaluation.policy.azure.redis_rdb_backup_frequency,
            Field::Known(60)
        );
    }

    #[test]
    fn interval_or_schedule_longer_than_the_rpo_is_an_error() {
        let evaluation = evaluate(BackupPolicyInput {
            interval: known("4h"),
            ..Default::default()
        });
        assert_eq!(
            messages(&evaluation, Severity::Error),
            vec![(
                "interval".to_string(),
                "interval 4h is longer than the 1h RPO (from the production tier): a backup every 4h can lose up to 4h of data; set interval to 1h or less.".to_string()
            )]
        );
        let evaluation = evaluate(BackupPolicyInput {
            rpo: known("30m"),
            schedule: known("0 */6 * * *"),
            ..Default::default()
        });
        assert_eq!(
            messages(&evaluation, Severity::Error),
            vec![(
                "schedule".to_string(),
                "schedule \"0 */6 * * *\" leaves up to 6h between backups, longer than the 30m RPO (from the rpo argument); run it at least every 30m.".to_string()
            )]
        );
    }

    #[test]
    fn objectives_looser_than_the_tier_are_errors() {
        let evaluation = evaluate(BackupPolicyInput {
            rpo: known("2h"),
            rto: known("8h"),
            retention: known("7d"),
            ..Default::default()
        });
        let errors = messages(&evaluation, Severity::Error);
        assert_eq!(errors.len(), 3, "{errors:?}");
        assert_eq!(errors[0].0, "rpo");
        assert!(
            errors[0].1.starts_with(
                "RPO 2h is looser than the 1h the production tier requires; set rpo to 1h or less"
            ),
            "{}",
            errors[0].1
        );
        assert_eq!(errors[1].0, "rto");
        assert!(
            errors[1]
                .1
                .starts_with("RTO 8h is looser than the 4h the production tier requires"),
            "{}",
            errors[1].1
        );
        assert_eq!(errors[2].0, "retention");
        assert_eq!(errors[2].1, "retention 7d is shorter than the 30d the production tier requires; set retention to 30d or more.");
        // Stricter values are fine and flow through.
        let evaluation = evaluate(BackupPolicyInput {
            rpo: known("PT30M"),
            rto: known("2h"),
            retention: known("720h"),
            ..Default::default()
        });
        assert!(
            beyond_azure_backup(&evaluation).is_empty(),
            "{:?}",
            evaluation.problems
        );
        assert_eq!(evaluation.policy.rpo, d("30m"));
        assert_eq!(evaluation.policy.retention, d("30d"));
        assert_eq!(
            evaluation.policy.azure.postgresql_backup_retention_days,
            Field::Known(30)
        );
    }

    #[test]
    fn bad_input_is_reported_on_its_argument() {
        let cases: Vec<(BackupPolicyInput, &str, &str)> = vec![
            (BackupPolicyInput { rpo: known("4x"), ..Default::default() }, "rpo", "rpo: \"4x\" is not a duration: unknown unit \"x\""),
            (BackupPolicyInput { rto: known("P1M"), ..Default::default() }, "rto", "a month has no fixed length"),
            (BackupPolicyInput { retention: known("forever"), ..Default::default() }, "retention", "\"forever\" is not a duration"),
            (BackupPolicyInput { interval: known("0s"), ..Default::default() }, "interval", "interval \"0s\" is zero"),
            (BackupPolicyInput { interval: known("1 hour"), ..Default::default() }, "interval", "interval: \"1 hour\" is not a duration"),
            (BackupPolicyInput { schedule: known("0 25 * * *"), ..Default::default() }, "schedule", "the hour field \"25\""),
            (BackupPolicyInput { schedule: known("0 0 30 2 *"), ..Default::default() }, "schedule", "never runs"),
            (
                BackupPolicyInput { interval: known("1h"), schedule: known("0 * * * *"), ..Default::default() },
                "schedule",
                "interval and schedule are both set",
            ),
            (
                BackupPolicyInput { tier: known("gold"), ..Default::default() },
                "tier",
                "unknown tier \"gold\"; known tiers: critical, production, staging, development, archive, stateless.",
            ),
            (BackupPolicyInput { name: known(" "), ..Default::default() }, "name", "name is empty"),
        ];
        for (input, attribute, expected) in cases {
            let evaluation = evaluate(input.clone());
            let errors = messages(&evaluation, Severity::Error);
            assert_eq!(errors.len(), 1, "{input:?}: {errors:?}");
            assert_eq!(errors[0].0, attribute, "{input:?}");
            assert!(errors[0].1.contains(expected), "{input:?}: {}", errors[0].1);
        }
    }

    #[test]
    fn unknown_values_never_produce_errors() {
        let evaluation = evaluate(BackupPolicyInput {
            name: Field::Unknown,
            tier: Field::Unknown,
            rpo: Field::Unknown,
            rto: Field::Unknown,
            interval: Field::Unknown,
            schedule: Field::Unknown,
            retention: Field::Unknown,
            geo_redundant: Field::Unknown,
        });
        assert!(
            beyond_azure_backup(&evaluation).is_empty(),
            "{:?}",
            evaluation.problems
        );
        let policy = &evaluation.policy;
        assert_eq!(policy.tier, Field::Unknown);
        assert_eq!(policy.rpo, Field::Unknown);
        assert_eq!(policy.effective_interval, Field::Unknown);
        assert_eq!(policy.azure.cosmosdb_backup_type, Field::Unknown);
        assert_eq!(policy.azure.cosmosdb_interval_in_minutes, Field::Unknown);
        assert_eq!(
            policy.azure.storage_account_replication_type,
            Field::Unknown
        );
        assert_eq!(
            policy.azure.key_vault_purge_protection_enabled,
            Field::Unknown
        );

        // A known schedule next to an unknown interval is still checked on its own.
        let evaluation = evaluate(BackupPolicyInput {
            interval: Field::Unknown,
            schedule: known("0 0 30 2 *"),
            ..Default::default()
        });
        assert_eq!(messages(&evaluation, Severity::Error).len(), 1);
        assert_eq!(evaluation.policy.effective_interval, Field::Unknown);

        // A known interval checked against an unknown RPO is not an error either.
        let evaluation = evaluate(BackupPolicyInput {
            rpo: Field::Unknown,
            interval: known("1y"),
            ..Default::default()
        });
        assert!(
            beyond_azure_backup(&evaluation).is_empty(),
            "{:?}",
            evaluation.problems
        );
        assert_eq!(evaluation.policy.effective_interval, d("1y"));
    }

    #[test]
    fn clamps_that_cannot_honour_the_policy_are_warnings_naming_the_service() {
        let evaluation = evaluate(BackupPolicyInput {
            tier: known("archive"),
            ..Default::default()
        });
        assert!(messages(&evaluation, Severity::Error).is_empty());
        let warnings = messages(&evaluation, Severity::Warning);
        let text: Vec<&str> = warnings.iter().map(|(_, m)| m.as_str()).collect();
        assert_eq!(warnings.len(), 7, "{text:#?}");
        assert!(warnings
            .iter()
            .all(|(attribute, _)| attribute == "retention"));
        for service in [
            "Cosmos DB",
            "PostgreSQL flexible server",
            "MySQL flexible server",
            "Azure SQL Database",
            "Key Vault",
            "Azure Files backup",
            "Backup vault policies",
        ] {
            assert!(
                text.iter()
                    .any(|m| m.starts_with(service) && m.contains("7y retention")),
                "{service}: {text:#?}"
            );
        }
        assert!(text.contains(&"PostgreSQL flexible server keeps at most 35 days of backups; a 7y retention needs a long-term backup (Azure Backup vault)."));
        let azure = &evaluation.policy.azure;
        assert_eq!(azure.cosmosdb_retention_in_hours, Field::Known(720));
        assert_eq!(azure.postgresql_backup_retention_days, Field::Known(35));
        assert_eq!(azure.mysql_backup_retention_days, Field::Known(35));
        assert_eq!(azure.mssql_short_term_retention_days, Field::Known(35));
        assert_eq!(azure.key_vault_soft_delete_retention_days, Field::Known(90));
        assert_eq!(evaluation.policy.retention_days, Field::Known(2555));
    }

    #[test]
    fn a_short_interval_warns_about_redis() {
        let evaluation = evaluate(BackupPolicyInput {
            tier: known("critical"),
            interval: known("5m"),
            ..Default::default()
        });
        let warnings: Vec<(String, String)> = messages(&evaluation, Severity::Warning)
            .into_iter()
            .filter(|(_, message)| message.contains("Redis"))
            .collect();
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert_eq!(warnings[0].0, "interval");
        assert!(warnings[0].1.starts_with("Azure Cache for Redis takes RDB backups at most every 15 minutes; a 5m interval needs AOF persistence"));
        assert_eq!(
            evaluation.policy.azure.redis_rdb_backup_frequency,
            Field::Known(15)
        );
        assert_eq!(evaluation.policy.interval_minutes, Field::Known(5));
    }

    #[test]
    fn turning_geo_redundancy_off_under_a_geo_tier_is_a_warning() {
        let evaluation = evaluate(BackupPolicyInput {
            geo_redundant: Field::Known(false),
            ..Default::default()
        });
        let warnings: Vec<(String, String)> = messages(&evaluation, Severity::Warning)
            .into_iter()
            .filter(|(attribute, _)| attribute == "geo_redundant")
            .collect();
        assert_eq!(warnings.len(), 1);
        assert_eq!(warnings[0].0, "geo_redundant");
        assert!(warnings[0].1.contains("geo-redundant"));
        assert_eq!(
            evaluation.policy.azure.cosmosdb_storage_redundancy,
            Field::Known(StorageRedundancy::Zone)
        );
        assert_eq!(
            evaluation.policy.azure.storage_account_replication_type,
            Field::Known(ReplicationType::Zrs)
        );
        assert_eq!(
            evaluation
                .policy
                .azure
                .postgresql_geo_redundant_backup_enabled,
            Field::Known(false)
        );
    }

    #[test]
    fn redis_frequency_is_the_largest_allowed_not_above_the_interval() {
        let cases = [
            ("1m", 15),
            ("15m", 15),
            ("29m", 15),
            ("30m", 30),
            ("59m", 30),
            ("1h", 60),
            ("5h", 60),
            ("6h", 360),
            ("12h", 720),
            ("1d", 1440),
            ("7d", 1440),
        ];
        for (interval, expected) in cases {
            assert_eq!(
                redis_frequency_for(Duration::parse(interval).unwrap()),
                expected,
                "{interval}"
            );
        }
    }

    #[test]
    fn rounding_of_minutes_days_and_hours() {
        let evaluation = evaluate(BackupPolicyInput {
            tier: known("development"),
            interval: known("90s"),
            retention: known("36h30m"),
            ..Default::default()
        });
        let errors = messages(&evaluation, Severity::Error);
        assert_eq!(errors.len(), 1, "retention shorter than 7d: {errors:?}");
        assert_eq!(evaluation.policy.interval_minutes, Field::Known(1));
        assert_eq!(evaluation.policy.retention_days, Field::Known(2));
        assert_eq!(evaluation.policy.retention_hours, Field::Known(37));
    }

    #[test]
    fn an_unknown_default_tier_is_an_error_on_tier() {
        let evaluation = evaluate_backup_policy(
            &BackupPolicyInput::default(),
            &PolicyPack::builtin(),
            "gold",
        );
        let errors = messages(&evaluation, Severity::Error);
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].0, "tier");
        assert!(errors[0]
            .1
            .starts_with("the default tier is an unknown tier \"gold\""));
    }
}
