//! The scenario suite in tests/drlint/: each folder is a configuration with the exact set of
//! errors and warnings drlint must report for it (see tests/drlint/README.md).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

fn scenarios() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/drlint");
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(&root)
        .expect("tests/drlint exists")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.join("expect.txt").is_file())
        .collect();
    dirs.sort();
    dirs
}

/// `(args, expected "severity rule resource" lines)` from expect.txt.
fn expectations(dir: &Path) -> (Vec<String>, BTreeSet<String>) {
    let text = std::fs::read_to_string(dir.join("expect.txt")).expect("read expect.txt");
    let mut args = Vec::new();
    let mut expected = BTreeSet::new();
    for line in text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
    {
        match line.strip_prefix("args:") {
            Some(rest) => args.extend(rest.split_whitespace().map(str::to_string)),
            None => {
                expected.insert(line.split_whitespace().collect::<Vec<_>>().join(" "));
            }
        }
    }
    (args, expected)
}

#[test]
fn every_scenario_reports_exactly_its_expected_findings() {
    let mut failures = Vec::new();
    let all = scenarios();
    assert!(all.len() >= 15, "only {} scenarios found", all.len());
    for dir in all {
        let (args, expected) = expectations(&dir);
        let target = if dir.join("plan.json").is_file() {
            "plan.json"
        } else {
            "."
        };
        let out = Command::new(env!("CARGO_BIN_EXE_drlint"))
            .args(["--format", "json", "--fail-on", "never"])
            .args(&args)
            .arg(target)
            .current_dir(&dir)
            .output()
            .expect("drlint runs");
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}: {}",
            dir.display(),
            String::from_utf8_lossy(&out.stderr)
        );
        let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON output");
        let actual: BTreeSet<String> = doc["findings"]
            .as_array()
            .expect("findings")
            .iter()
            .filter(|f| f["severity"] != "info")
            .map(|f| {
                format!(
                    "{} {} {}",
                    f["severity"].as_str().unwrap(),
                    f["rule"].as_str().unwrap(),
                    f["resource"].as_str().unwrap_or("-")
                )
            })
            .collect();
        if actual != expected {
            let messages: Vec<String> = doc["findings"]
                .as_array()
                .unwrap()
                .iter()
                .map(|f| {
                    format!(
                        "    {} {} {}: {}",
                        f["severity"], f["rule"], f["resource"], f["message"]
                    )
                })
                .collect();
            failures.push(format!(
                "{}:\n  missing: {:?}\n  unexpected: {:?}\n  all findings:\n{}",
                dir.file_name().unwrap().to_string_lossy(),
                expected.difference(&actual).collect::<Vec<_>>(),
                actual.difference(&expected).collect::<Vec<_>>(),
                messages.join("\n")
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
