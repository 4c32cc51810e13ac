//! drlint and the provider share one DR model, so they must reject the same resources. This
//! runs both on `tests/provider/same_verdict/`: real `terraform plan` (Terraform 1.0.3 with the
//! built provider) and drlint as a library, and compares the addresses each rejects. The
//! configuration decides tiers through provider blocks, an alias, a `provider` argument, a
//! module `providers` map and implicit inheritance.

mod support;

use std::collections::BTreeSet;
use std::fs;

use drlint::finding::Severity;
use drlint::lint::{lint_path, LintOptions};
use drlint::model::config::Config;
use support::{workspace_root, Workspace};

/// The resources Terraform showed an error for (`with ADDRESS,` in each error block).
fn rejected_by_terraform(diagnostics: &[String]) -> BTreeSet<String> {
    diagnostics
        .iter()
        .filter(|block| block.starts_with("Error: "))
        .filter_map(|block| {
            let after = block.split("with ").nth(1)?;
            Some(after.split(',').next()?.to_owned())
        })
        .collect()
}

#[test]
fn drlint_rejects_exactly_the_policies_terraform_plan_rejects() {
    let workspace = Workspace::new("same_verdict");
    let stack = workspace.path().join("stack");
    fs::create_dir(&stack).expect("create the module folder");
    fs::copy(
        workspace_root().join("tests/provider/same_verdict/stack/main.tf"),
        stack.join("main.tf"),
    )
    .expect("copy the module");

    let report = lint_path(
        workspace.path(),
        &Config::builtin(),
        &LintOptions::default(),
    )
    .expect("drlint loads the configuration");
    let by_drlint: BTreeSet<String> = report
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .filter_map(|f| f.resource.clone())
        .collect();

    workspace.terraform(&["get"]).expect_success();
    let plan = workspace.plan();
    plan.expect_code(1);
    let by_terraform = rejected_by_terraform(&plan.diagnostics());

    let expected: BTreeSet<String> = [
        "dr_backup_policy.uses_alias",
        "dr_failover_group.uses_alias",
        "module.passed_critical.dr_backup_policy.stack",
        "module.passed_critical.dr_failover_group.stack",
    ]
    .into_iter()
    .map(str::to_owned)
    .collect();
    assert_eq!(
        by_terraform,
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
