//! The `vault-policy-objectives` rule.

use crate::rules::{Check, Facts, Rule};
use drkit_model::facts::Observed;
use drkit_model::Tier;

declare_rule! {
    /// ## What it checks
    /// A Recovery Services or Backup vault policy (`azurerm_backup_policy_vm`,
    /// `azurerm_backup_policy_vm_workload`, `azurerm_backup_policy_file_share`,
    /// `azurerm_data_protection_backup_policy_*`) has no tier of its own: what it protects is
    /// judged against each protected resource's objective. This rule looks at the policy alone,
    /// and warns when it can meet no tier of the policy pack in force: its worst-case gap
    /// between backups exceeds every tier's RPO, or its retention falls short of every tier's
    /// (tiers that state neither, such as `stateless`, do not count). PostgreSQL and MySQL
    /// flexible server policies are judged on retention only: they run weekly at most, and the
    /// server's own point-in-time restore gives its RPO. A policy that protects
    /// nothing is not a finding; a schedule or retention that cannot be read is a warning here
    /// and an error on every resource the policy protects.
    ///
    /// ## Why it matters for recovery
    /// Such a policy fails every resource anyone attaches to it: a weekly policy with one
    /// weekly backup kept serves no objective of the plans drkit's tiers come from. Catching it
    /// on the policy says so before the first resource is linked.
    ///
    /// ## How to fix
    /// Back up at least as often as the loosest tier's RPO and keep backups at least as long as
    /// its retention (`development`: 24 hours and 7 days in the built-in pack):
    ///
    /// ```hcl
    /// resource "azurerm_backup_policy_vm" "daily" {
    ///   # ...
    ///   backup {
    ///     frequency = "Daily"
    ///     time      = "23:00"
    ///   }
    ///   retention_daily {
    ///     count = 7
    ///   }
    /// }
    /// ```
    pub struct VaultPolicyObjectives {
        name: "vault-policy-objectives",
        summary: "A vault backup policy should be able to meet at least one tier.",
        facts: [VaultPolicy],
        requirement: Policy,
        severity: Warning,
    }
}

impl Rule for VaultPolicyObjectives {
    fn check(&self, facts: &Facts, cx: &mut Check<'_>) {
        let Facts::VaultPolicy(policy) = facts else { return };
        if let (Observed::Invalid, Some(error)) = (&policy.schedule.observed, &policy.schedule_error) {
            cx.warning(policy.schedule.at, format!("{} cannot back anything up on this schedule: {error}", policy.address));
            return;
        }
        if let Some((at, error)) = &policy.retention_error {
            cx.warning(*at, format!("{} cannot keep backups with this retention: {error}", policy.address));
            return;
        }
        let Some(schedule) = policy.schedule.known() else { return };
        if policy.retention.iter().any(|kept| kept.reach.is_unknown()) {
            return;
        }
        let gap = schedule.gap();
        let reach = policy.reach().map(|(reach, _)| reach);
        // A flexible server's RPO comes from its point-in-time restore: its vault policy only
        // keeps long-term backups.
        let judges_rpo = policy.datasource.sets_rpo();
        let meets = |tier: &Tier| {
            (!judges_rpo || tier.rpo.is_none_or(|rpo| gap <= rpo))
                && tier
                    .min_retention
                    .is_none_or(|retention| reach.is_some_and(|reach| reach >= retention))
        };
        let tiers: Vec<&Tier> = cx
            .pack()
            .tiers
            .iter()
            .filter(|tier| tier.rpo.is_some() || tier.min_retention.is_some())
            .collect();
        if tiers.is_empty() || tiers.iter().any(|tier| meets(tier)) {
            return;
        }
        let loosest = tiers
            .iter()
            .map(|tier| {
                let rpo = tier.rpo.map_or("no RPO".to_string(), |rpo| format!("an RPO of {rpo}"));
                let retention = tier
                    .min_retention
                    .map_or("no retention".to_string(), |retention| format!("a retention of {retention}"));
                format!("{} ({rpo}, {retention})", tier.name)
            })
            .collect::<Vec<_>>()
            .join(", ");
        let kept = match reach {
            Some(reach) => format!("keeps backups for {reach}"),
            None => "keeps no backups".to_string(),
        };
        let message = format!(
            "{} backs up {schedule}, up to {gap} between backups, and {kept}: it meets no tier of the policy pack ({loosest}), so every resource it protects fails its objective",
            policy.address,
        );
        cx.warning(policy.schedule.at, message);
    }
}

#[cfg(test)]
use crate::rules::value_channels::*;
#[cfg(test)]
pub(super) const CHANNELS: crate::rules::value_channels::Case = crate::rules::value_channels::Case {
    rule: "vault-policy-objectives",
    address: "azurerm_backup_policy_vm.p",
    pass: "\"Daily\"",
    fail: "\"Weekly\"",
    hcl: || {
        "resource \"azurerm_backup_policy_vm\" \"p\" {\n  backup {\n    frequency = $V\n    weekdays  = [\"Sunday\"]\n  }\n  retention_daily {\n    count = 7\n  }\n}\n".into()
    },
    dynamic: Some(|| {
        "resource \"azurerm_backup_policy_vm\" \"p\" {\n  dynamic \"backup\" {\n    for_each = [$V]\n    content {\n      frequency = backup.value\n      weekdays  = [\"Sunday\"]\n    }\n  }\n  retention_daily {\n    count = 7\n  }\n}\n".into()
    }),
    plan: |v| {
        single(
            "azurerm_backup_policy_vm",
            "p",
            &format!(r#"{{"backup": [{{"frequency": {v}, "weekdays": ["Sunday"]}}], "retention_daily": [{{"count": 7}}]}}"#),
        )
    },
    plan_to_create: None,
};

#[cfg(test)]
mod tests {
    use crate::rules::testing::*;

    const RULE: &str = "vault-policy-objectives";

    #[test]
    fn a_policy_protecting_nothing_is_judged_on_its_own() {
        let f = lint_hcl("resource \"azurerm_backup_policy_vm\" \"p\" {\n  backup {\n    frequency = \"Weekly\"\n    weekdays = [\"Sunday\"]\n  }\n  retention_weekly {\n    count = 1\n    weekdays = [\"Sunday\"]\n  }\n}");
        let warnings = find(&f, RULE, "azurerm_backup_policy_vm.p");
        assert_eq!(warnings.len(), 1, "{}", dump(&f));
        for needle in ["backs up Weekly on Sunday", "up to 7d", "keeps backups for 7d", "meets no tier", "development (an RPO of 1d, a retention of 7d)"] {
            assert!(warnings[0].message.contains(needle), "{needle}: {}", warnings[0].message);
        }
    }

    #[test]
    fn a_policy_fit_for_some_tier_is_clean() {
        let f = lint_hcl("resource \"azurerm_data_protection_backup_policy_disk\" \"p\" {\n  backup_repeating_time_intervals = [\"R/2024-01-01T00:00:00Z/P1D\"]\n  default_retention_duration = \"P7D\"\n}");
        assert_clean(&f, RULE);
        let f = lint_hcl("resource \"azurerm_backup_policy_vm_workload\" \"sql\" {\n  workload_type = \"SQLDataBase\"\n  protection_policy {\n    policy_type = \"Full\"\n    backup {\n      frequency = \"Daily\"\n      time = \"15:00\"\n    }\n    retention_daily {\n      count = 30\n    }\n  }\n  protection_policy {\n    policy_type = \"Log\"\n    backup {\n      frequency_in_minutes = 15\n    }\n    simple_retention {\n      count = 8\n    }\n  }\n}");
        assert_clean(&f, RULE);
    }

    #[test]
    fn flexible_server_and_blob_policies_are_not_held_to_an_rpo_they_do_not_set() {
        let f = lint_hcl("resource \"azurerm_data_protection_backup_policy_postgresql_flexible_server\" \"p\" {\n  backup_repeating_time_intervals = [\"R/2024-01-07T02:00:00+00:00/P1W\"]\n  default_retention_rule {\n    life_cycle {\n      data_store_type = \"VaultStore\"\n      duration = \"P7Y\"\n    }\n  }\n}");
        assert_clean(&f, RULE);
        let f = lint_hcl("resource \"azurerm_data_protection_backup_policy_blob_storage\" \"p\" {\n  operational_default_retention_duration = \"P30D\"\n  backup_repeating_time_intervals = [\"R/2024-01-07T02:00:00+00:00/P1W\"]\n  vault_default_retention_duration = \"P1Y\"\n}");
        assert_clean(&f, RULE);
    }

    #[test]
    fn a_workload_policy_with_a_known_log_backup_is_judged_on_it() {
        let f = lint_hcl("variable \"t\" {}\nresource \"azurerm_backup_policy_vm_workload\" \"sql\" {\n  protection_policy {\n    policy_type = var.t\n  }\n  protection_policy {\n    policy_type = \"Log\"\n    backup {\n      frequency_in_minutes = 1440\n    }\n    simple_retention {\n      count = 7\n    }\n  }\n}");
        assert!(find(&f, RULE, "azurerm_backup_policy_vm_workload.sql").is_empty(), "{}", dump(&f));
        let f = lint_hcl("resource \"azurerm_backup_policy_vm_workload\" \"sql\" {\n  protection_policy {\n    policy_type = \"Snapshot\"\n  }\n}");
        assert!(find(&f, RULE, "azurerm_backup_policy_vm_workload.sql")[0].message.contains("is not Full, Differential, Incremental or Log"), "{}", dump(&f));
    }

    #[test]
    fn unreadable_schedules_and_retentions_are_warnings() {
        let f = lint_hcl("resource \"azurerm_data_protection_backup_policy_disk\" \"p\" {\n  backup_repeating_time_intervals = [\"every four hours\"]\n  default_retention_duration = \"P7D\"\n}");
        assert!(find(&f, RULE, "azurerm_data_protection_backup_policy_disk.p")[0].message.contains("not an ISO 8601 repeating interval"), "{}", dump(&f));
        let f = lint_hcl("resource \"azurerm_data_protection_backup_policy_disk\" \"p\" {\n  backup_repeating_time_intervals = [\"R/2024-01-01T00:00:00Z/P1D\"]\n  default_retention_duration = \"a week\"\n}");
        assert!(find(&f, RULE, "azurerm_data_protection_backup_policy_disk.p")[0].message.contains("default_retention_duration"), "{}", dump(&f));
    }

    #[test]
    fn unknown_values_say_nothing() {
        let f = lint_hcl("variable \"f\" {}\nresource \"azurerm_backup_policy_vm\" \"p\" {\n  backup {\n    frequency = var.f\n  }\n  retention_daily {\n    count = 7\n  }\n}");
        assert!(find(&f, RULE, "azurerm_backup_policy_vm.p").is_empty(), "{}", dump(&f));
    }
}
