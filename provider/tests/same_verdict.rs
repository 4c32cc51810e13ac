//! drlint and the provider share one DR model, so they must reject the same resources. This
//! runs both on `tests/provider/same_verdict/`: real `terraform plan` (Terraform 1.0.3 with the
//! built provider) and drlint as a library, and compares the addresses each rejects. The
//! configuration decides tiers through provider blocks, an alias, a `provider` argument, a
//! module `providers` map and implicit inheritance.

mod support;

use std::collections::BTreeSet;
use std::fs;

use drlint::config::Config;
use drlint::engine::{lint_path, LintOptions};
use drlint::finding::Severity;
use support::{workspace_root, Workspace};

/// (severity, resource address) of each diagnostic Terraform showed about a resource
/// (`with ADDRESS, on FILE line N` in the block).
fn terraform_verdicts(diagnostics: &[String]) -> BTreeSet<(&'static str, String)> {
    diagnostics
        .iter()
        .filter_map(|block| {
            let severity = if block.starts_with("Error: ") {
                "error"
            } else if block.starts_with("Warning: ") {
                "warning"
            } else {
                return None;
            };
            let address = block.split(" with ").skip(1).find_map(|after| {
                let (address, rest) = after.split_once(',')?;
                rest.starts_with(" on ").then_some(address)
            })?;
            Some((severity, address.to_owned()))
        })
        .collect()
}

#[test]
fn drlint_reports_exactly_the_errors_and_warnings_terraform_plan_shows() {
    let workspace = Workspace::new("same_verdict");
    let stack = workspace.path().join("stack");
    fs::create_dir(&stack).expect("create the module folder");
    fs::copy(
        workspace_root().join("tests/provider/same_verdict/stack/main.tf"),
        stack.join("main.tf"),
    )
    .expect("copy the module");
    let gold = fs::read_to_string(workspace.path().join("gold.hcl")).expect("the pack is copied");
    assert!(gold.contains("default_tier = \"gold\""));

    let report = lint_path(
        workspace.path(),
        &Config::builtin(),
        &LintOptions::default(),
    )
    .expect("drlint loads the configuration");
    let by_drlint: BTreeSet<(&'static str, String)> = report
        .findings
        .iter()
        .filter_map(|f| {
            let severity = match f.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info => return None,
            };
            Some((severity, f.resource.clone()?))
        })
        .collect();

    workspace.terraform(&["get"]).expect_success();
    let plan = workspace.plan();
    plan.expect_code(1);
    let by_terraform = terraform_verdicts(&plan.diagnostics());

    let rejected: BTreeSet<&str> = by_terraform
        .iter()
        .filter(|(severity, _)| *severity == "error")
        .map(|(_, address)| address.as_str())
        .collect();
    let expected = BTreeSet::from([
        // critical through the alias (rpo 4h > 15m; grace period 1h not below the RTO)
        "dr_backup_policy.uses_alias",
        "dr_failover_group.uses_alias",
        // gold, the default of the policy file's pack (retention 30d < 90d)
        "dr_backup_policy.gold_by_default",
        // gold is not a tier of the critical configuration's pack
        "dr_backup_policy.gold_by_name",
        // critical passed in a providers map
        "module.passed_critical.dr_backup_policy.stack",
        "module.passed_critical.dr_failover_group.stack",
    ]);
    assert_eq!(
        rejected,
        expected,
        "terraform plan showed:\n{}",
        plan.diagnostics().join("\n\n")
    );
    assert_eq!(
        by_drlint, by_terraform,
        "drlint found:\n{:#?}",
        report.findings
    );
}
