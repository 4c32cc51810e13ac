//! Fingerprints: a finding's identity across runs, for baselines and SARIF.
//!
//! A fingerprint identifies a finding by what it is about, not where it sits: the rule, the file
//! (as shown, the scanned root joined with the file), the resource address (or, for findings
//! about no resource, the message), and the finding's rank among findings with those same three
//! parts. Line and column are left out, so moving a resource block within its file, or editing
//! other blocks, keeps its fingerprints; a change of value that changes the message does not make
//! it new either. SARIF carries the same value in `partialFingerprints`.

use std::collections::HashMap;
use std::fmt::Write as _;

use sha2::{Digest, Sha256};

use crate::finding::Finding;

/// The key of drlint's fingerprint in SARIF `partialFingerprints`; the version changes when
/// the recipe does.
pub const SARIF_FINGERPRINT_KEY: &str = "drlintFingerprint/v1";

/// The fingerprints of `findings` (in order); `shown` turns a finding's file into the path a
/// person opens (the scanned root joined with it).
pub fn fingerprints(findings: &[Finding], shown: impl Fn(&str) -> String) -> Vec<String> {
    let mut seen: HashMap<(String, &str, &str), usize> = HashMap::new();
    findings
        .iter()
        .map(|f| {
            let path = shown(&f.location.file);
            let subject = f.resource.as_deref().unwrap_or(&f.message);
            let rank = seen.entry((path.clone(), f.rule, subject)).or_insert(0);
            let fingerprint = fingerprint(f.rule, &path, subject, *rank);
            *rank += 1;
            fingerprint
        })
        .collect()
}

fn fingerprint(rule: &str, path: &str, subject: &str, rank: usize) -> String {
    let mut hasher = Sha256::new();
    for part in [rule, path, subject, &rank.to_string()] {
        hasher.update(part.as_bytes());
        hasher.update([0]);
    }
    let digest = hasher.finalize();
    digest[..16]
        .iter()
        .fold(String::with_capacity(32), |mut hex, byte| {
            let _ = write!(hex, "{byte:02x}");
            hex
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Severity;
    use drkit_terraform::ir::Location;

    fn finding(rule: &'static str, resource: Option<&str>, line: usize, message: &str) -> Finding {
        Finding {
            rule,
            severity: Severity::Error,
            resource: resource.map(str::to_string),
            location: Location {
                file: "main.tf".into(),
                line,
                column: 3,
            },
            message: message.into(),
            objective: None,
            source_line: None,
        }
    }

    #[test]
    fn fingerprints_ignore_lines_and_messages_but_not_what_the_finding_is_about() {
        let root = |file: &str| format!("infra/{file}");
        let before = [
            finding("r", Some("azurerm_key_vault.a"), 10, "value 7"),
            finding("r", Some("azurerm_key_vault.b"), 30, "x"),
        ];
        let moved = [
            finding("r", Some("azurerm_key_vault.b"), 5, "x"),
            finding("r", Some("azurerm_key_vault.a"), 40, "value 8"),
        ];
        let a = fingerprints(&before, root);
        let b = fingerprints(&moved, root);
        assert_eq!(a[0], b[1]);
        assert_eq!(a[1], b[0]);
        assert_ne!(a[0], a[1]);
        assert_eq!(a[0].len(), 32);
        assert!(a[0].chars().all(|c| c.is_ascii_hexdigit()));
        let other_root = fingerprints(&before, |file: &str| format!("other/{file}"));
        assert_ne!(a[0], other_root[0]);
    }

    #[test]
    fn two_findings_of_one_rule_on_one_resource_differ_by_rank() {
        let same = [
            finding("r", Some("x.y"), 1, "m"),
            finding("r", Some("x.y"), 2, "n"),
        ];
        let f = fingerprints(&same, str::to_string);
        assert_ne!(f[0], f[1]);
    }

    #[test]
    fn findings_about_no_resource_are_told_apart_by_message() {
        let f = fingerprints(
            &[
                finding("parse-error", None, 1, "a"),
                finding("parse-error", None, 1, "b"),
            ],
            str::to_string,
        );
        assert_ne!(f[0], f[1]);
    }
}
