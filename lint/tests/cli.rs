//! The command-line contract, run through the real binary: exit codes, JSON shape, golden text
//! and JSON output for the example estate, `--explain` for every rule, bad input.
//!
//! Golden files live in tests/golden/; regenerate them with `DRLINT_BLESS=1 cargo test -p drlint --test cli`.

use std::path::Path;

mod support;

use support::{drlint, stdout, workspace};

fn golden(name: &str, actual: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(name);
    if std::env::var_os("DRLINT_BLESS").is_some() {
        std::fs::write(&path, actual).expect("write golden file");
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e}; run with DRLINT_BLESS=1 to create it",
            path.display()
        )
    });
    if expected != actual {
        let diff: Vec<String> = expected
            .lines()
            .zip(actual.lines())
            .enumerate()
            .filter(|(_, (e, a))| e != a)
            .take(5)
            .map(|(i, (e, a))| format!("line {}:\n  expected: {e}\n  actual:   {a}", i + 1))
            .collect();
        panic!(
            "{} differs from the output ({} vs {} lines); DRLINT_BLESS=1 regenerates it\n{}",
            path.display(),
            expected.lines().count(),
            actual.lines().count(),
            diff.join("\n")
        );
    }
}

#[test]
fn examples_text_output_is_pinned() {
    let out = drlint(&["--color", "never", "examples/"], &workspace());
    assert_eq!(
        out.status.code(),
        Some(1),
        "findings make exit code 1; stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    golden("examples.txt", &stdout(&out));
}

#[test]
fn examples_json_output_is_pinned_and_has_the_documented_shape() {
    let out = drlint(&["--format", "json", "examples/"], &workspace());
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    let doc: serde_json::Value =
        serde_json::from_str(&text).expect("exactly one JSON object on stdout");
    let findings = doc["findings"].as_array().expect("findings array");
    assert!(!findings.is_empty());
    for f in findings {
        for key in [
            "rule",
            "severity",
            "resource",
            "file",
            "line",
            "column",
            "message",
            "objective",
            "fingerprint",
        ] {
            assert!(f.get(key).is_some(), "finding lacks {key}: {f}");
        }
        assert!(["error", "warning", "info"].contains(&f["severity"].as_str().unwrap()));
        assert!(f["line"].as_u64().unwrap() >= 1);
        if let Some(o) = f["objective"].as_object() {
            for key in ["tier", "rpo", "rto", "source"] {
                assert!(o.contains_key(key), "objective lacks {key}: {f}");
            }
        }
    }
    for key in [
        "errors",
        "warnings",
        "infos",
        "resources",
        "files",
        "suppressed",
        "baselined",
    ] {
        assert!(doc["summary"][key].is_u64(), "summary lacks {key}");
    }
    golden("examples.json", &text);
}

#[test]
fn fail_on_controls_the_exit_code() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("main.tf"),
        "resource \"azurerm_key_vault\" \"kv\" {}\n",
    )
    .unwrap();
    let path = dir.path().to_str().unwrap();
    assert_eq!(drlint(&[path], dir.path()).status.code(), Some(1));
    assert_eq!(
        drlint(&["--fail-on", "never", path], dir.path())
            .status
            .code(),
        Some(0)
    );
    assert_eq!(
        drlint(&["--default-tier", "development", path], dir.path())
            .status
            .code(),
        Some(0)
    );
    std::fs::write(
        dir.path().join("main.tf"),
        "resource \"azurerm_key_vault\" \"kv\" {\n  purge_protection_enabled = true\n}\n",
    )
    .unwrap();
    assert_eq!(drlint(&[path], dir.path()).status.code(), Some(0));
}

#[test]
fn usage_errors_exit_2() {
    let root = workspace();
    let missing = drlint(&["no/such/dir"], &root);
    assert_eq!(missing.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("no/such/dir"));
    assert_eq!(
        drlint(&["--fail-on", "sometimes", "."], &root)
            .status
            .code(),
        Some(2)
    );
    assert_eq!(
        drlint(&["--explain", "no-such-rule"], &root).status.code(),
        Some(2)
    );
    assert_eq!(
        drlint(&["--default-tier", "platinum", "examples/"], &root)
            .status
            .code(),
        Some(2)
    );
}

#[test]
fn explain_prints_every_rule() {
    let root = workspace();
    let list = stdout(&drlint(&["rules"], &root));
    let names: Vec<&str> = list
        .lines()
        .filter_map(|l| l.split_whitespace().next())
        .collect();
    assert!(
        names.len() >= 20,
        "drlint rules lists {} rules",
        names.len()
    );
    for name in names {
        let out = drlint(&["--explain", name], &root);
        assert_eq!(out.status.code(), Some(0), "--explain {name}");
        let text = stdout(&out);
        for heading in [
            "## What it checks",
            "## Why it matters for recovery",
            "## How to fix",
        ] {
            assert!(text.contains(heading), "--explain {name} lacks {heading}");
        }
    }
}

#[test]
fn a_broken_file_never_stops_the_others() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("broken.tf"),
        "resource \"azurerm_key_vault\" \"kv\" {\n  name = \n}\n",
    )
    .unwrap();
    std::fs::create_dir(dir.path().join("other")).unwrap();
    std::fs::write(
        dir.path().join("other/main.tf"),
        "resource \"azurerm_storage_account\" \"s\" {\n  account_replication_type = \"LRS\"\n}\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("other/binary.tf"), [0xff, 0xfe, 0x00, 0x41]).unwrap();
    let out = drlint(&["--format", "json", "."], dir.path());
    assert_eq!(out.status.code(), Some(1));
    let doc: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let findings = doc["findings"].as_array().unwrap();
    let parse: Vec<&serde_json::Value> = findings
        .iter()
        .filter(|f| f["rule"] == "parse-error")
        .collect();
    assert!(
        parse
            .iter()
            .any(|f| f["file"] == "broken.tf" && f["line"].as_u64().unwrap() >= 2),
        "{findings:#?}"
    );
    assert!(
        parse.iter().any(|f| f["file"] == "other/binary.tf"),
        "{findings:#?}"
    );
    assert!(findings
        .iter()
        .any(|f| f["rule"] == "storage-geo-replication" && f["file"] == "other/main.tf"));
}

#[test]
fn deeply_nested_and_empty_files_do_not_crash() {
    let dir = tempfile::tempdir().unwrap();
    let deep = format!(
        "locals {{\n  x = {}1{}\n}}\n",
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    std::fs::write(dir.path().join("deep.tf"), deep).unwrap();
    std::fs::write(dir.path().join("empty.tf"), "").unwrap();
    let out = drlint(&["--format", "json", "."], dir.path());
    assert!(matches!(out.status.code(), Some(0) | Some(1)), "{:?}", out);
    let doc: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert!(doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f["rule"] == "parse-error" && f["file"] == "deep.tf"));
}

#[cfg(unix)]
#[test]
fn symlink_loops_do_not_hang() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("a")).unwrap();
    std::os::unix::fs::symlink(dir.path(), dir.path().join("a/loop")).unwrap();
    std::fs::write(
        dir.path().join("a/main.tf"),
        "resource \"azurerm_key_vault\" \"kv\" { purge_protection_enabled = true }\n",
    )
    .unwrap();
    let out = drlint(&["--format", "json", "."], dir.path());
    assert!(matches!(out.status.code(), Some(0) | Some(1)));
}

#[test]
fn suppressions_are_counted_and_unused_ones_warned() {
    let dir = tempfile::tempdir().unwrap();
    let src = r#"
# drlint:ignore=key-vault-purge-protection break-glass vault, recreated from code
resource "azurerm_key_vault" "kv" {}

// drlint:ignore=storage-geo-replication
resource "azurerm_storage_account" "s" {
  account_replication_type = "GZRS"
  blob_properties {
    delete_retention_policy { days = 30 }
    container_delete_retention_policy { days = 30 }
  }
}
"#;
    std::fs::write(dir.path().join("main.tf"), src).unwrap();
    let out = drlint(
        &["--format", "json", "--fail-on", "warning", "."],
        dir.path(),
    );
    let doc: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(doc["summary"]["suppressed"], 1, "{doc:#}");
    let findings = doc["findings"].as_array().unwrap();
    assert!(!findings
        .iter()
        .any(|f| f["rule"] == "key-vault-purge-protection"));
    let unused: Vec<_> = findings
        .iter()
        .filter(|f| f["rule"] == "unused-suppression")
        .collect();
    assert_eq!(unused.len(), 1, "{findings:#?}");
    assert_eq!(unused[0]["line"], 5);
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn jobs_and_timings() {
    let root = workspace();
    let one = drlint(
        &["--format", "json", "--jobs", "1", "--timings", "examples/"],
        &root,
    );
    let two = drlint(&["--format", "json", "-j", "2", "examples/"], &root);
    assert_eq!(one.status.code(), Some(1));
    assert_eq!(
        stdout(&one),
        stdout(&two),
        "the thread count never changes the report"
    );
    let stderr = String::from_utf8_lossy(&one.stderr);
    for line in [
        "drlint timings (1 thread):",
        "parse only",
        "lint: evaluate",
        "lint: rules",
        "x parse only",
    ] {
        assert!(stderr.contains(line), "--timings lacks {line:?}:\n{stderr}");
    }
    assert_eq!(
        drlint(&["--jobs", "0", "examples/"], &root).status.code(),
        Some(2)
    );
}
