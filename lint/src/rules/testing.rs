//! Test helpers for rules: lint HCL sources or plan JSON through the whole pipeline (loader,
//! objective resolution, rules, suppressions) with the built-in policy pack.

use std::path::Path;

use crate::config::Config;
use crate::engine::{lint_path, LintOptions};
use crate::finding::{Finding, Severity};
use drkit_terraform::LoadOptions;

/// Lints one `main.tf`.
pub fn lint_hcl(source: &str) -> Vec<Finding> {
    lint_files(&[("main.tf", source)])
}

/// Lints a directory made of `(relative path, content)` files.
pub fn lint_files(files: &[(&str, &str)]) -> Vec<Finding> {
    lint_with_vars(files, &[])
}

/// Lints with `--var name=value` arguments.
pub fn lint_with_vars(files: &[(&str, &str)], vars: &[(&str, &str)]) -> Vec<Finding> {
    let dir = write_files(files);
    let options = LintOptions {
        default_tier: None,
        load: LoadOptions {
            vars: vars
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
            ..LoadOptions::default()
        },
        jobs: 0,
    };
    run(dir.path(), &options)
}

/// Lints a directory with a project configuration (`.drlint.hcl` text) in force.
pub fn lint_with_config(files: &[(&str, &str)], config: &str) -> Vec<Finding> {
    let dir = write_files(files);
    let config = Config::parse(config, ".drlint.hcl").expect("the test configuration parses");
    lint_path(dir.path(), &config, &LintOptions::default())
        .expect("lint runs")
        .findings
}

/// Loads a directory made of `(relative path, content)` files: the resources, in source order.
pub fn load_files(files: &[(&str, &str)]) -> Vec<drkit_terraform::ir::Resource> {
    let dir = write_files(files);
    drkit_terraform::load(dir.path(), &LoadOptions::default())
        .expect("load runs")
        .resources
}

/// Loads one `main.tf`: its resources, in source order.
pub fn lint_hcl_resources(source: &str) -> Vec<drkit_terraform::ir::Resource> {
    load_files(&[("main.tf", source)])
}

fn write_files(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temporary directory");
    for (name, content) in files {
        let path = dir.path().join(name);
        std::fs::create_dir_all(path.parent().expect("file has a parent")).expect("create folder");
        std::fs::write(&path, content).expect("write file");
    }
    dir
}

/// Lints a `terraform show -json` document.
pub fn lint_plan(json: &str) -> Vec<Finding> {
    let dir = tempfile::tempdir().expect("temporary directory");
    let path = dir.path().join("plan.json");
    std::fs::write(&path, json).expect("write plan");
    run(&path, &LintOptions::default())
}

fn run(path: &Path, options: &LintOptions) -> Vec<Finding> {
    lint_path(path, &Config::builtin(), options)
        .expect("lint runs")
        .findings
}

/// A minimal plan JSON with the given `(address, type, name, values JSON)` resources, child
/// modules taken from the address.
pub fn plan_json(resources: &[(&str, &str, &str, &str)]) -> String {
    use serde_json::{json, Value};
    let mut root = json!({"resources": [], "child_modules": []});
    for (address, ty, name, values) in resources {
        let values: Value = serde_json::from_str(values).expect("values are JSON");
        let resource = json!({
            "address": address, "mode": "managed", "type": ty, "name": name,
            "provider_name": "registry.terraform.io/hashicorp/azurerm", "schema_version": 0,
            "values": values, "sensitive_values": {}
        });
        let parts: Vec<&str> = address.split('.').collect();
        let mut module_address = String::new();
        let mut node = &mut root;
        let mut i = 0;
        while i + 1 < parts.len() && parts[i] == "module" {
            if !module_address.is_empty() {
                module_address.push('.');
            }
            module_address.push_str(&format!("module.{}", parts[i + 1]));
            let children = node["child_modules"].as_array_mut().expect("array");
            let pos = match children
                .iter()
                .position(|c| c["address"] == module_address.as_str())
            {
                Some(p) => p,
                None => {
                    children.push(
                        json!({"address": module_address, "resources": [], "child_modules": []}),
                    );
                    children.len() - 1
                }
            };
            node = &mut node["child_modules"][pos];
            i += 2;
        }
        node["resources"]
            .as_array_mut()
            .expect("array")
            .push(resource);
    }
    serde_json::to_string_pretty(&json!({
        "format_version": "0.2", "terraform_version": "1.0.3",
        "planned_values": {"root_module": root},
        "resource_changes": [], "configuration": {"root_module": {}}
    }))
    .expect("serialise")
}

/// Findings of `rule` about `resource`.
pub fn find<'a>(findings: &'a [Finding], rule: &str, resource: &str) -> Vec<&'a Finding> {
    findings
        .iter()
        .filter(|f| f.rule == rule && f.resource.as_deref() == Some(resource))
        .collect()
}

/// Asserts exactly one error of `rule` on `resource` whose message holds every `needle`.
#[track_caller]
pub fn assert_error(findings: &[Finding], rule: &str, resource: &str, needles: &[&str]) {
    let errors: Vec<&Finding> = find(findings, rule, resource)
        .into_iter()
        .filter(|f| f.severity == Severity::Error)
        .collect();
    assert_eq!(
        errors.len(),
        1,
        "expected one {rule} error on {resource}, got:\n{}",
        dump(findings)
    );
    for needle in needles {
        assert!(
            errors[0].message.contains(needle),
            "message lacks {needle:?}: {}",
            errors[0].message
        );
    }
}

/// Asserts `rule` reported no error and no warning.
#[track_caller]
pub fn assert_clean(findings: &[Finding], rule: &str) {
    let bad: Vec<&Finding> = findings
        .iter()
        .filter(|f| f.rule == rule && f.severity != Severity::Info)
        .collect();
    assert!(
        bad.is_empty(),
        "expected no {rule} error or warning, got:\n{}",
        dump(findings)
    );
}

/// Asserts `rule` reported an info finding (something it could not check).
#[track_caller]
pub fn assert_info(findings: &[Finding], rule: &str) {
    assert!(
        findings
            .iter()
            .any(|f| f.rule == rule && f.severity == Severity::Info),
        "expected a {rule} info finding, got:\n{}",
        dump(findings)
    );
}

pub fn dump(findings: &[Finding]) -> String {
    findings
        .iter()
        .map(|f| {
            format!(
                "  {} {} {:?} {}:{} {}",
                f.severity, f.rule, f.resource, f.location.file, f.location.line, f.message
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}
