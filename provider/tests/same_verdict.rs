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

/// drlint's view of what the provider computes, as JSON: numbers as numbers, unknowns left out
/// (as Terraform leaves them out of `planned_values`).
fn as_json(value: &drkit_terraform::value::Value) -> Option<serde_json::Value> {
    use drkit_terraform::value::Value;
    Some(match value {
        Value::Null => serde_json::Value::Null,
        Value::Bool(flag) => serde_json::Value::Bool(*flag),
        Value::Number(number) => serde_json::json!(number),
        Value::String(text) => serde_json::Value::String(text.clone()),
        Value::List(items) => items.iter().map(as_json).collect::<Option<_>>()?,
        Value::Map(entries) => serde_json::Value::Object(
            entries
                .iter()
                .map(|(key, value)| Some((key.clone(), as_json(value)?)))
                .collect::<Option<_>>()?,
        ),
        Value::Unknown | Value::Ref { .. } => return None,
    })
}

/// Numbers compare as numbers (`60` and `60.0`).
fn normalised(value: serde_json::Value) -> serde_json::Value {
    match value {
        serde_json::Value::Number(number) => serde_json::json!(number.as_f64()),
        serde_json::Value::Array(items) => items.into_iter().map(normalised).collect(),
        serde_json::Value::Object(entries) => entries
            .into_iter()
            .map(|(key, value)| (key, normalised(value)))
            .collect(),
        other => other,
    }
}

/// Every `values` of a `planned_values` module and its children, by address.
fn planned_resources(
    module: &serde_json::Value,
    out: &mut std::collections::BTreeMap<String, serde_json::Value>,
) {
    for resource in module["resources"].as_array().into_iter().flatten() {
        let address = resource["address"].as_str().expect("an address").to_owned();
        out.insert(address, normalised(resource["values"].clone()));
    }
    for child in module["child_modules"].as_array().into_iter().flatten() {
        planned_resources(child, out);
    }
}

#[test]
fn drlint_computes_every_attribute_the_provider_plans() {
    let workspace = Workspace::new("same_plan");
    let policies = workspace.path().join("policies");
    fs::create_dir(&policies).expect("create the module folder");
    fs::copy(
        workspace_root().join("tests/provider/same_plan/policies/main.tf"),
        policies.join("main.tf"),
    )
    .expect("copy the module");

    let by_drlint = drlint::engine::provider_plans(
        workspace.path(),
        &Config::builtin(),
        &LintOptions::default(),
    )
    .expect("drlint loads the configuration");

    workspace.terraform(&["get"]).expect_success();
    workspace
        .terraform(&["plan", "-no-color", "-input=false", "-out=tfplan"])
        .expect_success();
    let shown = workspace.terraform(&["show", "-json", "tfplan"]);
    shown.expect_success();
    let plan: serde_json::Value = serde_json::from_str(&shown.text()).expect("plan JSON");
    let mut by_terraform = std::collections::BTreeMap::new();
    planned_resources(&plan["planned_values"]["root_module"], &mut by_terraform);

    let computed: std::collections::BTreeMap<String, serde_json::Value> = by_drlint
        .iter()
        .map(|(address, value)| {
            let json = as_json(value)
                .unwrap_or_else(|| panic!("drlint left a value of {address} unknown: {value:?}"));
            (address.clone(), normalised(json))
        })
        .collect();
    assert_eq!(
        computed.keys().collect::<Vec<_>>(),
        by_terraform.keys().collect::<Vec<_>>(),
        "drlint and terraform plan the same blocks"
    );
    for (address, planned) in &by_terraform {
        assert_eq!(
            &computed[address], planned,
            "{address}: drlint (left) and terraform plan (right) differ"
        );
    }
}
