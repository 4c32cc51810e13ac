//! Fingerprints and baselines: adopting drlint on a repository that already has findings.
//!
//! `--write-baseline FILE` records the fingerprint of every finding of today's run; a later run
//! with `--baseline FILE` reports only findings whose fingerprint the file does not hold.
//!
//! Findings are matched by their fingerprints ([`crate::fingerprint`]).

use std::collections::HashSet;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::run::Run;

/// The baseline file format version this drlint reads and writes.
pub const BASELINE_VERSION: u32 = 1;

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
