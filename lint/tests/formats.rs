//! The pipeline formats and flags, through the real binary on the example estate: SARIF read back
//! through the 2.1.0 model, JUnit parsed as XML, the Markdown summary, baselines, `--quiet`,
//! colour, `drlint init`.

use std::collections::{BTreeMap, HashSet};
use std::path::Path;
use std::process::{Command, Output};

use quick_xml::events::Event;
use quick_xml::Reader;
use serde_sarif::sarif::{ResultLevel, Sarif};

mod support;

use support::{drlint, stdout, workspace};

fn json_findings(args: &[&str], cwd: &Path) -> Vec<serde_json::Value> {
    let mut all = vec!["--format", "json"];
    all.extend_from_slice(args);
    let doc: serde_json::Value =
        serde_json::from_str(&stdout(&drlint(&all, cwd))).expect("one JSON object");
    doc["findings"].as_array().expect("findings").clone()
}

#[test]
fn sarif_reads_back_through_the_2_1_0_model_with_what_code_scanning_needs() {
    let root = workspace();
    let out = drlint(&["--format", "sarif", "examples/"], &root);
    assert_eq!(
        out.status.code(),
        Some(1),
        "findings still make exit code 1"
    );
    let text = stdout(&out);
    let log: Sarif =
        serde_json::from_str(&text).expect("SARIF deserialises into the serde-sarif model");
    assert_eq!(log.version, serde_json::json!("2.1.0"));
    assert!(log
        .schema
        .as_deref()
        .is_some_and(|s| s.contains("sarif-2.1.0")));
    assert_eq!(log.runs.len(), 1, "code scanning wants one run per tool");
    let run = &log.runs[0];
    let driver = &run.tool.driver;
    assert_eq!(driver.name, "drlint");
    assert!(driver.version.is_some() && driver.information_uri.is_some());

    let rules = driver.rules.as_ref().expect("tool.driver.rules");
    let listed = stdout(&drlint(&["rules"], &root));
    assert_eq!(
        rules.len(),
        listed.lines().count(),
        "every rule is described, fired or not"
    );
    for rule in rules {
        let id = rule.id.as_str();
        assert!(
            listed
                .lines()
                .any(|l| l.split_whitespace().next() == Some(id)),
            "{id}"
        );
        assert!(
            rule.name
                .as_deref()
                .is_some_and(|n| !n.is_empty() && !n.contains('-')),
            "{id}: name"
        );
        assert!(
            rule.short_description
                .as_ref()
                .is_some_and(|d| !d.text.is_empty()),
            "{id}: shortDescription"
        );
        let full = rule.full_description.as_ref().expect("fullDescription");
        assert!(
            full.text.len() > 40,
            "{id}: fullDescription is the rule's 'what it checks'"
        );
        let help = rule.help.as_ref().expect("help");
        assert!(
            help.text.contains("## How to fix") && help.markdown.is_some(),
            "{id}: help"
        );
        assert!(
            rule.help_uri
                .as_deref()
                .is_some_and(|u| u.starts_with("https://") && u.ends_with(&format!("#{id}"))),
            "{id}: helpUri"
        );
        let level = rule
            .default_configuration
            .as_ref()
            .and_then(|c| c.level.as_ref())
            .expect("default level");
        assert!(
            ["error", "warning", "note"].contains(&level.as_str().unwrap()),
            "{id}: {level}"
        );
    }

    let results = run.results.as_ref().expect("results");
    let json = json_findings(&["examples/"], &root);
    assert_eq!(results.len(), json.len(), "one result per finding");
    let mut fingerprints = HashSet::new();
    for (result, finding) in results.iter().zip(&json) {
        let rule_id = result.rule_id.as_deref().expect("ruleId");
        assert_eq!(rule_id, finding["rule"]);
        let index = result.rule_index.expect("ruleIndex") as usize;
        assert_eq!(rules[index].id, rule_id, "ruleIndex points at the rule");
        let expected_level = match finding["severity"].as_str().unwrap() {
            "error" => ResultLevel::Error,
            "warning" => ResultLevel::Warning,
            _ => ResultLevel::Note,
        };
        assert_eq!(result.level, Some(expected_level));
        assert_eq!(result.message.text.as_deref(), finding["message"].as_str());
        let locations = result.locations.as_ref().expect("locations");
        assert_eq!(locations.len(), 1);
        let physical = locations[0]
            .physical_location
            .as_ref()
            .expect("physicalLocation");
        let artifact = physical
            .artifact_location
            .as_ref()
            .expect("artifactLocation");
        let uri = artifact.uri.as_deref().expect("uri");
        assert!(
            root.join(uri).is_file(),
            "{uri} is relative to the working directory"
        );
        assert_eq!(
            uri,
            format!("examples/{}", finding["file"].as_str().unwrap())
        );
        assert_eq!(artifact.uri_base_id.as_deref(), Some("%SRCROOT%"));
        let region = physical.region.as_ref().expect("region");
        assert_eq!(region.start_line, finding["line"].as_i64());
        assert_eq!(region.start_column, finding["column"].as_i64());
        let fingerprint = &result
            .partial_fingerprints
            .as_ref()
            .expect("partialFingerprints")["drlintFingerprint/v1"];
        assert_eq!(fingerprint, finding["fingerprint"].as_str().unwrap());
        assert!(
            fingerprints.insert(fingerprint.clone()),
            "fingerprints are unique: {fingerprint}"
        );
    }
}

/// The attributes of each element named `name`, in document order.
fn elements(xml: &str, name: &str) -> Vec<BTreeMap<String, String>> {
    let mut reader = Reader::from_str(xml);
    let mut found = Vec::new();
    loop {
        match reader.read_event().expect("well-formed XML") {
            Event::Start(e) | Event::Empty(e) if e.name().as_ref() == name => {
                let attributes = e
                    .attributes()
                    .map(|a| {
                        let a = a.expect("well-formed attribute");
                        let value = a
                            .normalized_value(quick_xml::XmlVersion::Explicit1_0)
                            .expect("escaped value")
                            .into_owned();
                        (a.key.as_ref().to_string(), value)
                    })
                    .collect();
                found.push(attributes);
            }
            Event::Eof => break,
            _ => {}
        }
    }
    found
}

#[test]
fn junit_parses_with_a_suite_per_file_and_a_case_per_resource() {
    let root = workspace();
    let out = drlint(&["--format", "junit", "examples/"], &root);
    assert_eq!(out.status.code(), Some(1));
    let xml = stdout(&out);
    assert!(xml.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"));
    let suites = elements(&xml, "testsuite");
    let cases = elements(&xml, "testcase");
    let failures = elements(&xml, "failure");
    let top = &elements(&xml, "testsuites")[0];

    let json = json_findings(&["examples/"], &root);
    let files: HashSet<String> = json
        .iter()
        .map(|f| format!("examples/{}", f["file"].as_str().unwrap()))
        .collect();
    let suite_names: HashSet<String> = suites.iter().map(|s| s["name"].clone()).collect();
    assert!(
        files.is_subset(&suite_names),
        "every file with findings has a suite: {suite_names:?}"
    );
    assert_eq!(top["tests"], cases.len().to_string());
    let declared: usize = suites
        .iter()
        .map(|s| s["tests"].parse::<usize>().unwrap())
        .sum();
    assert_eq!(declared, cases.len());

    // A failing testcase per resource with an error; its text carries every message.
    let failing: HashSet<&str> = json
        .iter()
        .filter(|f| f["severity"] == "error")
        .map(|f| f["resource"].as_str().unwrap())
        .collect();
    assert_eq!(failures.len(), failing.len());
    assert_eq!(top["failures"], failing.len().to_string());
    for f in json.iter().filter(|f| f["severity"] == "error") {
        assert!(
            xml.contains(&quick_xml::escape::escape(f["message"].as_str().unwrap()).to_string()),
            "{f}"
        );
    }
    let names: HashSet<&str> = cases.iter().map(|c| c["name"].as_str()).collect();
    assert!(failing.is_subset(&names));
    assert!(
        names.contains("module.staging_data.azurerm_cosmosdb_account.sessions"),
        "clean resources are passing testcases"
    );
    for case in &cases {
        assert!(
            case["classname"].ends_with(".tf") && case["line"].parse::<usize>().unwrap() >= 1,
            "{case:?}"
        );
    }

    // --fail-on warning makes no difference here (no warnings); --fail-on never fails nothing.
    let never = stdout(&drlint(
        &["--format", "junit", "--fail-on", "never", "examples/"],
        &root,
    ));
    assert!(elements(&never, "failure").is_empty());
    assert_eq!(elements(&never, "testcase").len(), cases.len());
}

#[test]
fn markdown_has_a_table_per_tier_and_the_findings() {
    let root = workspace();
    let out = drlint(&["--format", "markdown", "examples/"], &root);
    assert_eq!(out.status.code(), Some(1));
    let md = stdout(&out);
    assert!(md.starts_with("## ❌ drlint: 13 errors"), "{md}");
    for heading in [
        "### production tier",
        "### staging tier",
        "### archive tier",
        "### Findings",
    ] {
        assert!(md.contains(heading), "lacks {heading}:\n{md}");
    }
    let header = "| resource | objective | RPO | retention | geo-redundant | failover | deletion protection |";
    assert_eq!(md.matches(header).count(), 3, "one table per tier");
    let row = |address: &str| {
        md.lines()
            .find(|l| l.starts_with(&format!("| `{address}`")))
            .unwrap_or_else(|| panic!("no row for {address}:\n{md}"))
    };
    let cells = |line: &str| {
        line.split(" | ")
            .skip(2)
            .map(|c| c.trim_end_matches(" |").to_string())
            .collect::<Vec<_>>()
    };
    assert_eq!(
        cells(row("module.data.azurerm_cosmosdb_account.sessions")),
        ["❌ violation", "❌ violation", "✅ ok", "—", "n/a"]
    );
    assert_eq!(cells(row("azurerm_key_vault.main"))[4], "❌ violation");
    assert_eq!(
        cells(row("module.staging_data.azurerm_cosmosdb_account.sessions")),
        ["✅ ok", "✅ ok", "—", "—", "—"]
    );
    assert!(row("azurerm_key_vault.main").contains("from tag environment = \"prod\""));
    assert!(
        !md.contains("| `dr_backup_policy"),
        "policy blocks state objectives; they get no row"
    );
    assert!(
        !md.contains("| `azurerm_backup_policy_vm"),
        "vault backup policies have no tier of their own; they get no row"
    );
    assert_eq!(
        cells(row("azurerm_linux_virtual_machine.worker")),
        ["❌ violation", "✅ ok", "✅ ok", "—", "✅ ok"]
    );
    let errors = md.lines().filter(|l| l.starts_with("- **error**")).count();
    assert_eq!(errors, 13);
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

#[test]
fn baseline_round_trips_and_survives_moves_and_unrelated_edits() {
    let dir = tempfile::tempdir().unwrap();
    let estate = dir.path().join("estate");
    copy_dir(&workspace().join("examples/azure-estate"), &estate);
    let cwd = dir.path();

    let before = json_findings(&["estate"], cwd);
    assert!(!before.is_empty());
    let written = drlint(
        &[
            "--write-baseline",
            "baseline.json",
            "--format",
            "json",
            "estate",
        ],
        cwd,
    );
    assert_eq!(
        written.status.code(),
        Some(1),
        "writing a baseline reports as usual"
    );
    let baseline: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(cwd.join("baseline.json")).unwrap()).unwrap();
    assert_eq!(baseline["drlint_baseline"], 1);
    assert_eq!(baseline["findings"].as_array().unwrap().len(), before.len());

    let clean = drlint(
        &["--baseline", "baseline.json", "--format", "json", "estate"],
        cwd,
    );
    assert_eq!(clean.status.code(), Some(0), "{}", stdout(&clean));
    let doc: serde_json::Value = serde_json::from_str(&stdout(&clean)).unwrap();
    assert_eq!(doc["findings"].as_array().unwrap().len(), 0);
    assert_eq!(doc["summary"]["baselined"], before.len());

    // Move the Key Vault block to the end of its file and add an unrelated resource on top.
    let main = estate.join("main.tf");
    let src = std::fs::read_to_string(&main).unwrap();
    let start = src.find("resource \"azurerm_key_vault\"").unwrap();
    let end = start + src[start..].find("\n}\n").unwrap() + 3;
    let moved = format!(
        "resource \"azurerm_resource_group\" \"extra\" {{\n  name     = \"rg-extra\"\n  location = \"eastus\"\n}}\n\n{}{}\n{}",
        &src[..start],
        &src[end..],
        &src[start..end]
    );
    std::fs::write(&main, moved).unwrap();
    let after_move = json_findings(&["estate"], cwd);
    let kv_line = |findings: &[serde_json::Value]| {
        findings
            .iter()
            .find(|f| f["rule"] == "key-vault-purge-protection")
            .map(|f| f["line"].as_u64().unwrap())
            .unwrap()
    };
    assert_ne!(kv_line(&before), kv_line(&after_move), "the block moved");
    let out = drlint(
        &["--baseline", "baseline.json", "--format", "json", "estate"],
        cwd,
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "moving a block makes nothing new: {}",
        stdout(&out)
    );

    // A new violation is reported, alone.
    std::fs::write(
        estate.join("new.tf"),
        "resource \"azurerm_key_vault\" \"new\" {\n  tags = { environment = \"prod\" }\n}\n",
    )
    .unwrap();
    let new = json_findings(&["--baseline", "baseline.json", "estate"], cwd);
    assert_eq!(new.len(), 1, "{new:#?}");
    assert_eq!(new[0]["resource"], "azurerm_key_vault.new");

    // A file that is not a baseline is a usage error naming it.
    std::fs::write(cwd.join("bad.json"), "[1, 2]").unwrap();
    let bad = drlint(&["--baseline", "bad.json", "estate"], cwd);
    assert_eq!(bad.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&bad.stderr).contains("bad.json is not a drlint baseline"),
        "{bad:?}"
    );
}

#[test]
fn quiet_prints_only_what_fails() {
    let root = workspace();
    let quiet = stdout(&drlint(
        &["--quiet", "--color", "never", "examples/"],
        &root,
    ));
    assert_eq!(quiet.matches("error[").count(), 13);
    assert!(
        !quiet.contains("info[") && !quiet.contains("drlint: 13 errors"),
        "{quiet}"
    );
    let nothing = drlint(&["-q", "--fail-on", "never", "examples/"], &root);
    assert_eq!(nothing.status.code(), Some(0));
    assert!(nothing.stdout.is_empty());
}

#[test]
fn colour_follows_the_flags_and_no_color() {
    let root = workspace();
    let esc = |o: &Output| o.stdout.contains(&0x1b);
    assert!(esc(&drlint(&["--color", "always", "examples/"], &root)));
    assert!(!esc(&drlint(
        &["--color", "always", "--no-color", "examples/"],
        &root
    )));
    assert!(
        !esc(&drlint(&["examples/"], &root)),
        "not a terminal: no colour"
    );
    let no_color = Command::new(env!("CARGO_BIN_EXE_drlint"))
        .args(["--color", "auto", "examples/"])
        .current_dir(&root)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert!(!esc(&no_color));
}

#[test]
fn init_writes_a_config_drlint_reads_and_never_overwrites() {
    let dir = tempfile::tempdir().unwrap();
    let out = drlint(&["init"], dir.path());
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let config = dir.path().join(".drlint.hcl");
    let text = std::fs::read_to_string(&config).unwrap();
    assert!(text.contains("default_tier") && text.contains("path \"modules/legacy/**\""));
    std::fs::write(
        dir.path().join("main.tf"),
        "resource \"azurerm_key_vault\" \"kv\" {\n  purge_protection_enabled = true\n}\n",
    )
    .unwrap();
    assert_eq!(
        drlint(&["."], dir.path()).status.code(),
        Some(0),
        "the template is a valid configuration"
    );
    let again = drlint(&["init"], dir.path());
    assert_eq!(again.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&again.stderr).contains("already exists; pass --force"));
    assert_eq!(
        drlint(&["init", "--force"], dir.path()).status.code(),
        Some(0)
    );
}

#[test]
fn config_errors_name_the_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join(".drlint.hcl"),
        "default_tier = \"production\"\nretention = \"7d\"\n",
    )
    .unwrap();
    let out = drlint(&["."], dir.path());
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(".drlint.hcl:2:1: unknown argument \"retention\""),
        "{stderr}"
    );
}
