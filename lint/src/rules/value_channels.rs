//! Every rule, passing and failing, with the value that decides the verdict arriving through each
//! way Terraform can deliver it: a literal, a variable default, `terraform.tfvars`, `--var`, a
//! local, a module input, a `dynamic` block (for values inside nested blocks), and plan JSON.
//!
//! Each rule declares its case in its own file (`CHANNELS`, which [`register_rules!`] collects
//! and the compiler requires); this module turns a case into every channel and checks that no
//! rule reads a value only when it is written literally.

pub(crate) use serde_json::json;

pub(crate) use super::testing::plan_json;
use super::testing::{dump, lint_files, lint_plan, lint_with_vars};
use super::{registry, CHANNEL_CASES};
use crate::finding::{Finding, Severity};

/// One rule's decisive value, and where it goes.
pub(crate) struct Case {
    pub rule: &'static str,
    /// The resource the rule reports on (without a module prefix).
    pub address: &'static str,
    /// HCL literals (also valid JSON) that pass and fail the rule.
    pub pass: &'static str,
    pub fail: &'static str,
    /// The configuration, with the value's expression in place of `$V`.
    pub hcl: fn() -> String,
    /// The same with the value's block written as a `dynamic` block over `[$V]`, when the value
    /// sits in a nested block.
    pub dynamic: Option<fn() -> String>,
    /// The plan JSON of the configuration for a value (a JSON literal).
    pub plan: fn(&str) -> String,
    /// For a value that links two resources: the plan JSON when the resources are still to be
    /// created, so that their IDs are unknown and the plan's `configuration` says what refers to
    /// what (`plan` then shows resources that exist, with known IDs).
    pub plan_to_create: Option<fn(&str) -> String>,
}

/// The plan JSON of one resource `ty.name` with `values`.
pub(crate) fn single(ty: &'static str, name: &'static str, values: &str) -> String {
    plan_json(&[(&format!("{ty}.{name}"), ty, name, values)])
}

/// A plan whose `unknown` attributes are only known after apply (`after_unknown`), with the
/// `configuration` that says which resources they come from.
pub(crate) fn to_create(
    plan: &str,
    unknown: &[(&str, serde_json::Value)],
    configuration: serde_json::Value,
) -> String {
    let mut doc: serde_json::Value = serde_json::from_str(plan).expect("plan JSON");
    doc["resource_changes"] = unknown
        .iter()
        .map(|(address, after_unknown)| json!({"address": address, "change": {"actions": ["create"], "after_unknown": after_unknown}}))
        .collect();
    doc["configuration"] = configuration;
    doc.to_string()
}

/// The ways a value reaches the rule: a name and the findings of linting it.
fn channels(case: &Case, value: &str) -> Vec<(&'static str, String, Vec<Finding>)> {
    let hcl = (case.hcl)();
    let with = |expr: &str| hcl.replace("$V", expr);
    let root = case.address.to_string();
    let mut out = vec![
        (
            "literal",
            root.clone(),
            lint_files(&[("main.tf", &with(value))]),
        ),
        (
            "variable default",
            root.clone(),
            lint_files(&[(
                "main.tf",
                &format!(
                    "variable \"v\" {{\n  default = {value}\n}}\n{}",
                    with("var.v")
                ),
            )]),
        ),
        (
            "terraform.tfvars",
            root.clone(),
            lint_files(&[
                (
                    "main.tf",
                    &format!("variable \"v\" {{}}\n{}", with("var.v")),
                ),
                ("terraform.tfvars", &format!("v = {value}\n")),
            ]),
        ),
        (
            "--var",
            root.clone(),
            lint_with_vars(
                &[(
                    "main.tf",
                    &format!("variable \"v\" {{}}\n{}", with("var.v")),
                )],
                &[("v", value.trim_matches('"'))],
            ),
        ),
        (
            "local",
            root.clone(),
            lint_files(&[(
                "main.tf",
                &format!("locals {{\n  v = {value}\n}}\n{}", with("local.v")),
            )]),
        ),
        (
            "module input",
            format!("module.m.{root}"),
            lint_files(&[
                (
                    "main.tf",
                    &format!("module \"m\" {{\n  source = \"./m\"\n  v      = {value}\n}}\n"),
                ),
                (
                    "m/main.tf",
                    &format!("variable \"v\" {{}}\n{}", with("var.v")),
                ),
            ]),
        ),
        ("plan JSON", root.clone(), lint_plan(&(case.plan)(value))),
    ];
    if let Some(plan) = case.plan_to_create {
        out.push((
            "plan JSON of resources to create",
            root.clone(),
            lint_plan(&plan(value)),
        ));
    }
    if let Some(dynamic) = case.dynamic {
        out.push((
            "dynamic block",
            root,
            lint_files(&[("main.tf", &dynamic().replace("$V", value))]),
        ));
    }
    out
}

/// Resource addresses differ only by the module prefix or an instance key in a plan.
fn about(finding: &Finding, address: &str) -> bool {
    finding
        .resource
        .as_deref()
        .is_some_and(|r| r == address || r.starts_with(&format!("{address}[")))
}

#[test]
fn every_rule_decides_on_values_from_every_channel() {
    let mut failures = Vec::new();
    for case in CHANNEL_CASES.iter().flat_map(|group| group.iter()) {
        // The same configuration fails with the other value (below), so a pass is not vacuous.
        for (channel, _, findings) in channels(case, case.pass) {
            let bad: Vec<&Finding> = findings
                .iter()
                .filter(|f| f.rule == case.rule && f.severity >= Severity::Warning)
                .collect();
            if !bad.is_empty() {
                failures.push(format!(
                    "{} passes with {} through {channel}, but:\n{}",
                    case.rule,
                    case.pass,
                    dump(&findings)
                ));
            }
        }
        // A rule that gives advice fails with a warning, the others with an error.
        let severity = super::find(case.rule).map_or(Severity::Error, |info| info.default_severity);
        for (channel, address, findings) in channels(case, case.fail) {
            let errors = findings
                .iter()
                .filter(|f| f.rule == case.rule && f.severity == severity && about(f, &address))
                .count();
            if errors == 0 {
                failures.push(format!(
                    "{} fails with {} through {channel}, expected {severity} on {address}, got:\n{}",
                    case.rule,
                    case.fail,
                    dump(&findings)
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} problems:\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}

#[test]
fn every_rule_has_its_own_case() {
    // Each rule module must define CHANNELS (the compiler sees to that); here, that each case
    // is about the rule it sits beside.
    let rules: Vec<&str> = registry().map(|rule| rule.info().name).collect();
    let cases: Vec<&str> = CHANNEL_CASES
        .iter()
        .flat_map(|group| group.iter().map(|case| case.rule))
        .collect();
    assert_eq!(rules, cases);
}
