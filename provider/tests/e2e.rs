//! End-to-end tests: Terraform 1.0.3 drives the built provider over the real plugin protocol
//! (go-plugin handshake, AutoMTLS, msgpack values) against the configurations in
//! `tests/provider/` and the runnable example `examples/dr-only/`. They need Terraform; see
//! `support::terraform_binary`.

// The expected plan of a policy is one `json!` object with every `azure` field.
#![recursion_limit = "256"]

mod support;

use serde_json::json;
use support::Workspace;

#[test]
fn lifecycle_create_read_plan_update_replace_destroy() {
    let workspace = Workspace::new("lifecycle");
    let apply = workspace.apply();
    apply.expect_success();
    assert!(
        apply
            .stdout
            .contains("Apply complete! Resources: 3 added, 0 changed, 0 destroyed."),
        "{}",
        apply.text()
    );

    let orders = workspace.output("orders");
    assert_eq!(
        orders,
        json!({
            "id": "orders",
            "name": "orders",
            "tier": "production",
            "rpo": "60m",
            "rto": "4h",
            "interval": null,
            "schedule": "0 */1 * * *",
            "retention": "30d",
            "geo_redundant": true,
            "targets": ["/subscriptions/0000/resourceGroups/rg/providers/Microsoft.DocumentDB/databaseAccounts/orders"],
            "description": null,
            "effective_interval": "1h",
            "interval_minutes": 60,
            "retention_days": 30,
            "retention_hours": 720,
            "azure": {
                "cosmosdb_backup_type": "Periodic",
                "cosmosdb_interval_in_minutes": 60,
                "cosmosdb_retention_in_hours": 720,
                "cosmosdb_storage_redundancy": "Geo",
                "redis_rdb_backup_frequency": 60,
                "postgresql_backup_retention_days": 30,
                "postgresql_geo_redundant_backup_enabled": true,
                "mysql_backup_retention_days": 30,
                "mssql_short_term_retention_days": 30,
                "key_vault_soft_delete_retention_days": 30,
                "key_vault_purge_protection_enabled": true,
                "storage_account_replication_type": "GZRS",
                "vm_backup_frequency": "Hourly",
                "vm_backup_hour_interval": 4,
                "vm_backup_policy_type": "V2",
                "vm_retention_daily_count": 30,
                "vm_retention_weekly_count": null,
                "vm_retention_monthly_count": null,
                "vm_retention_yearly_count": null,
                "file_share_backup_frequency": "Hourly",
                "file_share_retention_daily_count": 30,
                "workload_log_backup_frequency_in_minutes": 60,
                "data_protection_repeating_interval": "R/2024-01-01T00:00:00+00:00/PT4H",
                "data_protection_default_retention_duration": "P30D",
                "recovery_services_storage_mode_type": "GeoRedundant",
                "recovery_services_cross_region_restore_enabled": true,
                "data_protection_redundancy": "GeoRedundant"
            }
        })
    );
    let defaults = workspace.output("defaults");
    assert_eq!(defaults["tier"], "production");
    assert_eq!(defaults["rpo"], "1h");
    assert_eq!(defaults["effective_interval"], "1h");
    assert_eq!(defaults["azure"], orders["azure"]);
    assert_eq!(
        workspace.output("app"),
        json!({
            "id": "app",
            "name": "app",
            "primary_region": "West Europe",
            "secondary_regions": ["northeurope"],
            "tier": "production",
            "rto": "4h",
            "mode": "automatic",
            "grace_period": "1h",
            "members": ["orders"],
            "regions": ["westeurope", "northeurope"],
            "failover_priorities": {"westeurope": 0, "northeurope": 1},
            "grace_minutes": 60,
            "paired_region": "northeurope"
        })
    );
    assert_eq!(workspace.output("west_us_3_pair"), "eastus");
    assert_eq!(
        workspace.output("critical"),
        json!({
            "name": "critical",
            "rpo": "15m",
            "rto": "1h",
            "retention": "30d",
            "geo_redundant": true,
            "automatic_failover": true,
            "deletion_protection": true
        })
    );

    // A second plan has nothing to do.
    workspace.plan_exit_code().expect_code(0);

    // Respelling a duration to an equal value is not a change.
    workspace.edit("rpo      = \"60m\"", "rpo      = \"PT1H\"");
    workspace.plan_exit_code().expect_code(0);

    // A real change is an in-place update.
    workspace.edit("rpo      = \"PT1H\"", "rpo      = \"30m\"");
    workspace.edit("schedule = \"0 */1 * * *\"", "schedule = \"*/30 * * * *\"");
    let plan = workspace.plan_exit_code();
    plan.expect_code(2);
    assert!(
        plan.stdout
            .contains("# dr_backup_policy.orders will be updated in-place"),
        "{}",
        plan.text()
    );
    assert!(
        plan.stdout
            .contains("Plan: 0 to add, 1 to change, 0 to destroy."),
        "{}",
        plan.text()
    );
    workspace.apply().expect_success();
    let orders = workspace.output("orders");
    assert_eq!(orders["rpo"], "30m");
    assert_eq!(orders["effective_interval"], "30m");
    assert_eq!(orders["interval_minutes"], 30);
    assert_eq!(orders["azure"]["cosmosdb_backup_type"], "Continuous");
    for periodic_only in [
        "cosmosdb_interval_in_minutes",
        "cosmosdb_retention_in_hours",
        "cosmosdb_storage_redundancy",
    ] {
        assert_eq!(
            orders["azure"][periodic_only],
            serde_json::Value::Null,
            "{periodic_only}"
        );
    }
    assert_eq!(orders["azure"]["redis_rdb_backup_frequency"], 30);
    workspace.plan_exit_code().expect_code(0);

    // Renaming is the one change that replaces the resource.
    workspace.edit("name     = \"orders\"", "name     = \"orders-v2\"");
    let plan = workspace.plan();
    plan.expect_success();
    assert!(
        plan.stdout
            .contains("# dr_backup_policy.orders must be replaced"),
        "{}",
        plan.text()
    );
    assert!(
        plan.stdout.contains("# forces replacement"),
        "{}",
        plan.text()
    );
    assert!(
        plan.stdout
            .contains("Plan: 1 to add, 1 to change, 1 to destroy."),
        "{}",
        plan.text()
    );
    workspace.apply().expect_success();
    assert_eq!(workspace.output("app")["members"], json!(["orders-v2"]));
    workspace.plan_exit_code().expect_code(0);

    let destroy = workspace.terraform(&["destroy", "-auto-approve", "-no-color", "-input=false"]);
    destroy.expect_success();
    assert!(
        destroy
            .stdout
            .contains("Destroy complete! Resources: 3 destroyed."),
        "{}",
        destroy.text()
    );
}

#[test]
fn mistakes_found_without_a_tier_are_shown_on_their_argument_at_validation() {
    let workspace = Workspace::new("validate_errors");
    let plan = workspace.plan();
    plan.expect_code(1);
    plan.expect_diagnostic(
        "Error: Invalid value for rpo",
        "dr_backup_policy.bad_duration",
        "rpo = \"soon\"",
        "rpo: \"soon\" is not a duration",
    );
    plan.expect_diagnostic(
        "Error: Invalid value for schedule",
        "dr_backup_policy.bad_cron",
        "schedule = \"0 25 * * *\"",
        "\"25\"",
    );
    plan.expect_diagnostic(
        "Error: Invalid value for schedule",
        "dr_backup_policy.interval_and_schedule",
        "schedule = \"0 * * * *\"",
        "interval and schedule are both set",
    );
    plan.expect_diagnostic(
        "Error: Invalid value for interval",
        "dr_backup_policy.interval_above_rpo",
        "interval = \"2h\"",
        "interval 2h is longer than the 30m RPO (from the rpo argument)",
    );
    plan.expect_diagnostic(
        "Error: Invalid value for primary_region",
        "dr_failover_group.unknown_region",
        "primary_region = \"westeurop\"",
        "primary_region \"westeurop\" is not an Azure region; did you mean \"westeurope\"?",
    );
    plan.expect_diagnostic(
        "Error: Invalid value for secondary_regions",
        "dr_failover_group.secondary_is_primary",
        "secondary_regions = [\"East US\"]",
        "secondary region \"East US\" is the primary region",
    );
    plan.expect_diagnostic(
        "Error: Invalid value for secondary_regions",
        "dr_failover_group.duplicate_secondary",
        "secondary_regions = [\"westus\", \"West US\"]",
        "secondary_regions lists \"westus\" more than once",
    );
    plan.expect_diagnostic(
        "Error: Invalid value for mode",
        "dr_failover_group.bad_mode",
        "mode = \"sometimes\"",
        "mode \"sometimes\" is not a failover mode; use \"automatic\" or \"manual\".",
    );
    plan.expect_diagnostic(
        "Error: Invalid value for name",
        "dr_backup_policy.null_name",
        "name = null",
        "name is required and must not be null.",
    );
    assert_eq!(
        plan.diagnostics()
            .iter()
            .filter(|d| d.starts_with("Error:"))
            .count(),
        9,
        "{}",
        plan.text()
    );
}

#[test]
fn mistakes_against_the_tier_are_shown_on_their_argument_at_plan() {
    let workspace = Workspace::new("plan_errors");
    let plan = workspace.plan();
    plan.expect_code(1);
    plan.expect_diagnostic(
        "Error: Invalid value for interval",
        "dr_backup_policy.interval_above_tier_rpo",
        "interval = \"1h\"",
        "interval 1h is longer than the 15m RPO (from the critical tier)",
    );
    plan.expect_diagnostic(
        "Error: Invalid value for schedule",
        "dr_backup_policy.cron_gap_above_tier_rpo",
        "schedule = \"0 */6 * * *\"",
        "schedule \"0 */6 * * *\" leaves up to 6h between backups, longer than the 1h RPO (from the production tier)",
    );
    plan.expect_diagnostic(
        "Error: Invalid value for rpo",
        "dr_backup_policy.loose_rpo",
        "rpo = \"2h\"",
        "RPO 2h is looser than the 1h the production tier requires",
    );
    plan.expect_diagnostic(
        "Error: Invalid value for rto",
        "dr_backup_policy.loose_rto",
        "rto = \"1d\"",
        "RTO 1d is looser than the 8h the staging tier requires",
    );
    plan.expect_diagnostic(
        "Error: Invalid value for retention",
        "dr_backup_policy.short_retention",
        "retention = \"7d\"",
        "retention 7d is shorter than the 30d the production tier requires",
    );
    plan.expect_diagnostic(
        "Error: Invalid value for tier",
        "dr_backup_policy.unknown_tier",
        "tier = \"gold\"",
        "unknown tier \"gold\"; known tiers: critical, production, staging, development, archive, stateless.",
    );
    plan.expect_diagnostic(
        "Error: Invalid value for grace_period",
        "dr_failover_group.grace_not_below_rto",
        "grace_period = \"4h\"",
        "grace_period 4h is not below the 4h RTO (from the production tier)",
    );
    plan.expect_diagnostic(
        "Error: Invalid value for mode",
        "dr_failover_group.manual_under_critical",
        "mode = \"manual\"",
        "mode = \"manual\", but the critical tier requires automatic failover",
    );
    plan.expect_diagnostic(
        "Error: Invalid value for secondary_regions",
        "dr_failover_group.null_secondary",
        "secondary_regions = [data.dr_region_pair.italy_north.paired_region]",
        "secondary_regions holds a null entry",
    );
    plan.expect_diagnostic(
        "Warning: Secondary region \"uksouth\" is not the Azure pair of \"westeurope\"",
        "dr_failover_group.not_the_pair",
        "secondary_regions = [\"uksouth\"]",
        "secondary region \"uksouth\" is not the Azure pair of \"westeurope\" (its pair is \"northeurope\")",
    );
    // A setting clamped below the policy names the service; the argument is not in the
    // configuration, so Terraform points at the resource block.
    // Each service gets its own warning.
    for (summary, detail) in [
        (
            "Cosmos DB keeps backups at most 720 hours",
            "a 7y retention needs a long-term backup",
        ),
        (
            "PostgreSQL flexible server keeps at most 35 days of backups",
            "a 7y retention needs a long-term backup",
        ),
        ("MySQL flexible server", "7y retention"),
        ("Azure SQL Database", "7y retention"),
        ("Key Vault", "7y retention"),
    ] {
        plan.expect_diagnostic(
            &format!("Warning: {summary}"),
            "dr_backup_policy.archive",
            "resource \"dr_backup_policy\" \"archive\" {",
            detail,
        );
    }
    assert_eq!(
        plan.diagnostics()
            .iter()
            .filter(|d| d.starts_with("Error:"))
            .count(),
        9,
        "{}",
        plan.text()
    );
}

#[test]
fn two_hundred_resources_with_parallelism_ten() {
    let workspace = Workspace::new("many");
    let plan = workspace.terraform(&["plan", "-parallelism=10", "-no-color", "-input=false"]);
    plan.expect_success();
    assert!(
        plan.stdout
            .contains("Plan: 200 to add, 0 to change, 0 to destroy."),
        "{}",
        plan.text()
    );
    let apply = workspace.terraform(&[
        "apply",
        "-parallelism=10",
        "-auto-approve",
        "-no-color",
        "-input=false",
    ]);
    apply.expect_success();
    assert!(
        apply
            .stdout
            .contains("Apply complete! Resources: 200 added, 0 changed, 0 destroyed."),
        "{}",
        apply.text()
    );
    assert_eq!(workspace.output("policy_count"), 150);
    // group-49: 49 % 6 = 1 -> northeurope, paired with westeurope.
    assert_eq!(
        workspace.output("last_group_regions"),
        json!(["northeurope", "westeurope"])
    );
    workspace
        .terraform(&[
            "plan",
            "-parallelism=10",
            "-detailed-exitcode",
            "-no-color",
            "-input=false",
        ])
        .expect_code(0);
}

#[test]
fn policy_file_and_default_tier_come_from_the_provider_block() {
    let workspace = Workspace::new("policy_file");
    workspace.apply().expect_success();
    let payments = workspace.output("payments");
    assert_eq!(payments["tier"], "gold");
    assert_eq!(payments["rpo"], "5m");
    assert_eq!(payments["rto"], "30m");
    assert_eq!(payments["retention"], "90d");
    assert_eq!(payments["effective_interval"], "5m");
    assert_eq!(payments["azure"]["cosmosdb_backup_type"], "Continuous");
    assert_eq!(
        payments["azure"]["storage_account_replication_type"],
        "RAGZRS"
    );
    assert_eq!(
        payments["azure"]["key_vault_soft_delete_retention_days"],
        90
    );
    assert_eq!(workspace.output("gold")["automatic_failover"], true);

    workspace.edit("default_tier = \"gold\"", "default_tier = \"platinum\"");
    let plan = workspace.plan();
    plan.expect_code(1);
    plan.expect_diagnostic(
        "Error: Invalid default_tier",
        "provider[\"registry.terraform.io/drkit/dr\"]",
        "default_tier = \"platinum\"",
        "unknown tier \"platinum\"; known tiers: critical, production, staging, development, archive, stateless, gold.",
    );
}

#[test]
fn values_that_depend_on_unknowns_are_known_after_apply() {
    let workspace = Workspace::new("unknowns");
    let plan = workspace.plan();
    plan.expect_success();
    for attribute in [
        "tier",
        "rpo",
        "rto",
        "retention",
        "effective_interval",
        "interval_minutes",
    ] {
        let line = format!("+ {attribute}");
        let shown = plan
            .stdout
            .lines()
            .any(|l| l.trim_start().starts_with(&line) && l.contains("(known after apply)"));
        assert!(
            shown,
            "{attribute} should be (known after apply):\n{}",
            plan.stdout
        );
    }
    workspace.apply().expect_success();
    let later = workspace.output("later");
    assert_eq!(later["tier"], "critical");
    assert_eq!(later["rpo"], "15m");
    assert_eq!(later["azure"]["storage_account_replication_type"], "RAGZRS");
}

#[test]
fn import_adopts_a_policy_and_the_next_apply_updates_it_in_place() {
    let workspace = Workspace::new("import");
    let import = workspace.terraform(&[
        "import",
        "-no-color",
        "-input=false",
        "dr_backup_policy.adopted",
        "adopted",
    ]);
    import.expect_success();
    assert!(
        import.stdout.contains("Import successful!"),
        "{}",
        import.text()
    );
    let plan = workspace.plan_exit_code();
    plan.expect_code(2);
    assert!(
        plan.stdout
            .contains("# dr_backup_policy.adopted will be updated in-place"),
        "{}",
        plan.text()
    );
    workspace.apply().expect_success();
    assert_eq!(workspace.output("adopted")["rpo"], "4h");
    workspace.plan_exit_code().expect_code(0);
}

#[test]
fn terraform_init_installs_the_provider_from_the_implied_local_mirror() {
    let workspace = Workspace::with_implied_local_mirror("import");
    let init = workspace.terraform(&["init", "-no-color", "-input=false"]);
    init.expect_success();
    assert!(
        init.stdout.contains(&format!(
            "Installed drkit/dr v{} (unauthenticated)",
            env!("CARGO_PKG_VERSION")
        )),
        "{}",
        init.text()
    );
    let apply = workspace.apply();
    apply.expect_success();
    assert!(
        apply.stdout.contains("Apply complete! Resources: 1 added"),
        "{}",
        apply.text()
    );
    assert_eq!(workspace.output("adopted")["tier"], "staging");
}

#[test]
fn the_dr_only_example_applies_offline_and_plans_clean() {
    let workspace = Workspace::from_example("dr-only");
    let apply = workspace.apply();
    apply.expect_success();
    assert!(
        apply
            .stdout
            .contains("Apply complete! Resources: 6 added, 0 changed, 0 destroyed."),
        "{}",
        apply.text()
    );
    // The example is meant to be clean: besides Terraform's own warning about dev_overrides,
    // the only advice is that Azure Backup (VMs, file shares, AKS) backs up every 4 hours at
    // most, which the policies with a shorter interval (payments, orders, sandbox...) cannot
    // get from it. Terraform folds the similar warnings into the first of each summary.
    let diagnostics = apply.diagnostics();
    let warnings: Vec<&String> = diagnostics
        .iter()
        .filter(|d| d.starts_with("Warning:") && !d.contains("development overrides"))
        .collect();
    assert!(!warnings.is_empty(), "{}", apply.text());
    for warning in &warnings {
        assert!(
            warning.contains("Azure Backup runs at most every 4 hours"),
            "{warning}"
        );
    }
    assert!(
        warnings
            .iter()
            .any(|w| w.contains("dr_backup_policy.payments")),
        "{warnings:#?}"
    );

    assert_eq!(
        workspace.output("payments_backup"),
        json!({
            "effective_interval": "15m",
            "cosmosdb_backup": "Continuous",
            "redis_frequency": 15,
            "storage": "RAGZRS"
        })
    );
    let orders = workspace.output("orders");
    assert_eq!(orders["rpo"], "60m", "configured text is kept");
    assert_eq!(orders["retention"], "720h", "configured text is kept");
    assert_eq!(
        orders["effective_interval"], "1h",
        "computed values are normalised"
    );
    assert_eq!(orders["retention_days"], 30);
    assert_eq!(orders["azure"]["cosmosdb_interval_in_minutes"], 60);
    assert_eq!(orders["azure"]["postgresql_backup_retention_days"], 30);
    assert_eq!(workspace.output("reports")["cosmosdb_interval"], 240);
    assert_eq!(workspace.output("sandbox_tier"), "production");
    assert_eq!(
        workspace.output("payments_failover_priorities"),
        json!({"westeurope": 0, "northeurope": 1})
    );
    assert_eq!(
        workspace.output("orders_regions"),
        json!(["westeurope", "northeurope"])
    );
    assert_eq!(workspace.output("paired_region"), "northeurope");
    assert_eq!(workspace.output("archive_tier")["retention"], "7y");

    workspace.plan_exit_code().expect_code(0);

    let destroy = workspace.terraform(&["destroy", "-auto-approve", "-no-color", "-input=false"]);
    destroy.expect_success();
    assert!(
        destroy
            .stdout
            .contains("Destroy complete! Resources: 6 destroyed."),
        "{}",
        destroy.text()
    );
}
