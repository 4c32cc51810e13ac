//! Fingerprints and baselines: adopting drlint on a repository that already has findings.
//!
//! `--write-baseline FILE` records the fingerprint of every finding of today's run; a later run
//! with `--baseline FILE` reports only findings whose fingerprint the file does not hold.
//!
//! A fingerprint identifies a finding by what it is about, not where it sits: the rule, the file
//! (as shown, the scanned root joined with the file), the resource address (or, for findings
//! about no resource, the message), and the finding's rank among findings with those same three
//! parts. Line and column are left out, so moving a resource block within its file, or editing
//! other blocks, keeps its fingerprints; a change of value that changes the message does not make
//! it new either. SARIF carries the same value in `partialFingerprints`.

use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;
use std::path::Path;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::finding::Finding;
use crate::output::{Run, ScannedRoot};

/// The key of drlint's fingerprint in SARIF `partialFingerprints`; the version changes when
/// the recipe does.
pub const SARIF_FINGERPRINT_KEY: &str = "drlintFingerprint/v1";

/// The baseline file format version this drlint reads and writes.
pub const BASELINE_VERSION: u32 = 1;

/// The fingerprints of `findings` (in order), which were found under `root`.
pub fn fingerprints(root: &ScannedRoot, findings: &[Finding]) -> Vec<String> {
    let mut seen: HashMap<(String, &str, &str), usize> = HashMap::new();
    findings
        .iter()
        .map(|f| {
            let path = root.display(&f.location.file);
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

/// A baseline file: the fingerprints of accepted findings, with enough context for a reviewer
/// to see what each one is.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Baseline {
    pub drlint_baseline: u32,
    pub findings: Vec<BaselineEntry>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BaselineEntry {
    pub fingerprint: String,
    pub rule: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resource: Option<String>,
    pub file: String,
    pub message: String,
}

/// Why a baseline file cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum BaselineError {
    #[error("The baseline {path} cannot be read: {source}.")]
    Unreadable {
        path: String,
        source: std::io::Error,
    },
    #[error("The baseline {path} is not a drlint baseline: {reason} at {path}:{line}:{column}. Write one with --write-baseline.")]
    Invalid {
        path: String,
        line: usize,
        column: usize,
        reason: String,
    },
    #[error("The baseline {path} has format version {found}; this drlint reads version {BASELINE_VERSION}. Write it again with --write-baseline.")]
    Version { path: String, found: u32 },
    #[error("The baseline {path} cannot be written: {source}.")]
    Unwritable {
        path: String,
        source: std::io::Error,
    },
}

impl Baseline {
    /// Every finding of `run`.
    pub fn of_run(run: &Run) -> Baseline {
        let findings = run
            .findings()
            .map(|r| BaselineEntry {
                fingerprint: r.fingerprint.to_string(),
                rule: r.finding.rule.to_string(),
                resource: r.finding.resource.clone(),
                file: r.path(),
                message: r.finding.message.clone(),
            })
            .collect();
        Baseline {
            drlint_baseline: BASELINE_VERSION,
            findings,
        }
    }

    pub fn read(path: &Path) -> Result<Baseline, BaselineError> {
        let shown = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|source| BaselineError::Unreadable {
            path: shown.clone(),
            source,
        })?;
        let baseline: Baseline =
            serde_json::from_str(&text).map_err(|e| BaselineError::Invalid {
                path: shown.clone(),
                line: e.line(),
                column: e.column(),
                reason: e
                    .to_string()
                    .split(" at line ")
                    .next()
                    .unwrap_or_default()
                    .to_string(),
            })?;
        if baseline.drlint_baseline != BASELINE_VERSION {
            return Err(BaselineError::Version {
                path: shown,
                found: baseline.drlint_baseline,
            });
        }
        Ok(baseline)
    }

    pub fn write(&self, path: &Path) -> Result<(), BaselineError> {
        let mut text = serde_json::to_string_pretty(self).expect("a baseline serialises to JSON");
        text.push('\n');
        std::fs::write(path, text).map_err(|source| BaselineError::Unwritable {
            path: path.display().to_string(),
            source,
        })
    }

    /// Drops from `run` every finding this baseline holds; returns how many.
    pub fn apply(&self, run: &mut Run) -> usize {
        let known: HashSet<&str> = self
            .findings
            .iter()
            .map(|e| e.fingerprint.as_str())
            .collect();
        run.drop_baselined(|r| !known.contains(r.fingerprint))
    }
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
        let root = &ScannedRoot::new("infra".into());
        let before = [
            finding("r", Some("azurerm_key_vault.a"), 10, "value 7"),
            finding("r", Some("azurerm_key_vault.b"), 30, "x"),
        ];
        let moved = [
            finding("r", Some("azurerm_key_vault.b"), 5, "x"),
            finding("r", Some("azurerm_key_vault.a"), 40, "value 8"),
        ];
        let a = fingerprints(root, &before);
        let b = fingerprints(root, &moved);
        assert_eq!(a[0], b[1]);
        assert_eq!(a[1], b[0]);
        assert_ne!(a[0], a[1]);
        assert_eq!(a[0].len(), 32);
        assert!(a[0].chars().all(|c| c.is_ascii_hexdigit()));
        let other_root = fingerprints(&ScannedRoot::new("other".into()), &before);
        assert_ne!(a[0], other_root[0]);
    }

    #[test]
    fn two_findings_of_one_rule_on_one_resource_differ_by_rank() {
        let same = [
            finding("r", Some("x.y"), 1, "m"),
            finding("r", Some("x.y"), 2, "n"),
        ];
        let f = fingerprints(&ScannedRoot::new(".".into()), &same);
        assert_ne!(f[0], f[1]);
    }

    #[test]
    fn findings_about_no_resource_are_told_apart_by_message() {
        let f = fingerprints(
            &ScannedRoot::new(".".into()),
            &[
                finding("parse-error", None, 1, "a"),
                finding("parse-error", None, 1, "b"),
            ],
        );
        assert_ne!(f[0], f[1]);
    }

    #[test]
    fn bad_baselines_say_what_is_wrong() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("b.json");
        let missing = Baseline::read(&path).unwrap_err().to_string();
        assert!(
            missing.starts_with(&format!("The baseline {} cannot be read", path.display())),
            "{missing}"
        );
        std::fs::write(
            &path,
            "{\"drlint_baseline\": 1,\n \"findings\": [{\"fingerprint\": 3}]}",
        )
        .unwrap();
        let invalid = Baseline::read(&path).unwrap_err().to_string();
        assert!(
            invalid.contains("is not a drlint baseline: invalid type") && invalid.contains(":2:"),
            "{invalid}"
        );
        std::fs::write(&path, "{\"drlint_baseline\": 9, \"findings\": []}").unwrap();
        let version = Baseline::read(&path).unwrap_err().to_string();
        assert!(version.contains("format version 9"), "{version}");
    }
}
