//! Bad input: every problem is an issue at its file and line, and every other file loads.

use super::*;
use crate::ir::LoadIssueKind;
use crate::Loader;

const GOOD: &str =
    "resource \"azurerm_key_vault\" \"good\" {\n  purge_protection_enabled = true\n}\n";

fn issue_for<'e>(estate: &'e Estate, file: &str) -> &'e crate::ir::LoadIssue {
    estate
        .issues
        .iter()
        .find(|i| i.location.file == file)
        .unwrap_or_else(|| panic!("no issue for {file}; have {:?}", estate.issues))
}

#[test]
fn a_parse_error_is_reported_and_other_files_still_load() {
    let dir = write_tree(&[
        ("good.tf", GOOD),
        (
            "broken.tf",
            "resource \"azurerm_key_vault\" \"bad\" {\n  name = \n}\n",
        ),
        ("broken.tf.json", "{\"resource\": \n"),
    ]);
    let estate = load_dir(dir.path());
    assert_eq!(addresses(&estate), vec!["azurerm_key_vault.good"]);
    let hcl = issue_for(&estate, "broken.tf");
    assert_eq!(hcl.kind, LoadIssueKind::Parse);
    assert!(hcl.location.line >= 2, "{:?}", hcl.location);
    assert!(
        hcl.message
            .starts_with("The file broken.tf cannot be parsed as HCL at line"),
        "{}",
        hcl.message
    );
    let json = issue_for(&estate, "broken.tf.json");
    assert!(
        json.message.contains("cannot be parsed as JSON"),
        "{}",
        json.message
    );
}

#[test]
fn non_utf8_empty_and_huge_files() {
    let dir = write_tree(&[("good.tf", GOOD), ("empty.tf", ""), ("blank.tf.json", "\n")]);
    fs::write(
        dir.path().join("latin1.tf"),
        b"# caf\xe9\nresource \"x\" \"y\" {}\n",
    )
    .unwrap();
    let huge = fs::File::create(dir.path().join("huge.tf")).unwrap();
    huge.set_len(crate::source::MAX_FILE_BYTES + 1).unwrap();
    let estate = load_dir(dir.path());
    assert_eq!(addresses(&estate), vec!["azurerm_key_vault.good"]);
    assert_eq!(estate.issues.len(), 2, "{:?}", estate.issues);
    let latin1 = issue_for(&estate, "latin1.tf");
    assert_eq!((latin1.location.line, latin1.location.column), (1, 6));
    assert!(
        latin1.message.contains("not valid UTF-8"),
        "{}",
        latin1.message
    );
    let huge = issue_for(&estate, "huge.tf");
    assert!(
        huge.message.contains("larger than the 16777216-byte limit"),
        "{}",
        huge.message
    );
}

#[test]
fn deeply_nested_input_is_rejected_without_overflowing() {
    let deep = format!(
        "locals {{\n  x = {}1{}\n}}\n",
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    let deep_json = format!(
        "{{\"locals\": {{\"x\": {}1{}}}}}",
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    let mid_json = format!(
        "{{\"locals\": {{\"x\": {}1{}}}}}",
        "[".repeat(150),
        "]".repeat(150)
    );
    let dir = write_tree(&[
        ("good.tf", GOOD),
        ("deep.tf", &deep),
        ("deep.tf.json", &deep_json),
        ("mid.tf.json", &mid_json),
    ]);
    let estate = load_dir(dir.path());
    assert_eq!(addresses(&estate), vec!["azurerm_key_vault.good"]);
    let deep = issue_for(&estate, "deep.tf");
    assert_eq!(deep.location.line, 2);
    assert!(
        deep.message.contains("more than 200 levels"),
        "{}",
        deep.message
    );
    assert!(issue_for(&estate, "deep.tf.json")
        .message
        .contains("more than 200 levels"));
    // Below drlint's own limit, serde_json's recursion limit answers.
    assert!(issue_for(&estate, "mid.tf.json")
        .message
        .contains("cannot be parsed as JSON"));
}

#[cfg(unix)]
#[test]
fn unreadable_entries_and_symlink_loops_are_issues() {
    let dir = write_tree(&[("good.tf", GOOD), ("m/main.tf", "")]);
    std::os::unix::fs::symlink(
        dir.path().join("nowhere.tf"),
        dir.path().join("dangling.tf"),
    )
    .unwrap();
    std::os::unix::fs::symlink(dir.path(), dir.path().join("m/loop")).unwrap();
    let estate = load_dir(dir.path());
    assert_eq!(addresses(&estate), vec!["azurerm_key_vault.good"]);
    let dangling = issue_for(&estate, "dangling.tf");
    assert_eq!(dangling.kind, LoadIssueKind::Parse);
    assert!(
        dangling.message.contains("cannot be read"),
        "{}",
        dangling.message
    );
    let looped = issue_for(&estate, "m/loop");
    assert!(
        looped.message.contains("symbolic link back"),
        "{}",
        looped.message
    );
}

#[test]
fn parse_only_reads_and_parses_every_file() {
    let dir = write_tree(&[
        ("good.tf", GOOD),
        ("m/x.tf.json", "{}"),
        ("bad.tf", "x = [\n"),
        ("terraform.tfvars", "a = 1\n"),
    ]);
    let stats = Loader::new(0).parse_only(dir.path()).unwrap();
    assert_eq!(stats.files, 4);
    assert_eq!(stats.failed, 1);
    assert_eq!(stats.bytes, (GOOD.len() + 2 + 6) as u64);
    let plan = Loader::new(0)
        .parse_only(&fixture("plan/azurerm_estate.json"))
        .unwrap();
    assert_eq!((plan.files, plan.failed), (1, 0));
    assert!(Loader::new(0)
        .parse_only(Path::new("/nonexistent/dir"))
        .is_err());
}
