//! The reports of one invocation, one per path given on the command line, with a stable
//! fingerprint for every finding: what the output formats render and baselines filter.

use std::path::{Component, PathBuf};

use crate::engine::{Report, Summary};
use crate::finding::{Finding, Severity};
use crate::fingerprint::fingerprints;

/// The reports of one invocation, one per path given on the command line, with the fingerprint
/// of every finding (computed once, over all findings, so that filtering never changes them).
#[derive(Debug, Default)]
pub struct Run {
    reports: Vec<RootReport>,
}

#[derive(Debug)]
struct RootReport {
    root: ScannedRoot,
    report: Report,
    /// One per `report.findings`, in the same order.
    fingerprints: Vec<String>,
}

/// A finding as the renderers see it: where it was found, as a person opens it, and its
/// stable identity.
#[derive(Debug, Clone, Copy)]
pub struct Reported<'a> {
    /// The path given on the command line.
    pub root: &'a ScannedRoot,
    pub finding: &'a Finding,
    /// See [`crate::fingerprint::fingerprints`].
    pub fingerprint: &'a str,
}

impl Reported<'_> {
    /// The scanned root joined with the finding's file: the path a person (or GitHub) opens.
    pub fn path(&self) -> String {
        self.root.display(&self.finding.location.file)
    }
}

impl Run {
    /// Adds the report of one path given on the command line.
    pub fn add(&mut self, root: PathBuf, report: Report) {
        let root = ScannedRoot::new(root);
        let fingerprints = fingerprints(&report.findings, |file| root.display(file));
        self.reports.push(RootReport {
            root,
            report,
            fingerprints,
        });
    }

    pub fn findings(&self) -> impl Iterator<Item = Reported<'_>> {
        self.reports.iter().flat_map(|r| {
            r.report
                .findings
                .iter()
                .zip(&r.fingerprints)
                .map(move |(finding, fingerprint)| Reported {
                    root: &r.root,
                    finding,
                    fingerprint,
                })
        })
    }

    /// Every report with the path it was made for.
    pub fn reports(&self) -> impl Iterator<Item = (&ScannedRoot, &Report)> {
        self.reports.iter().map(|r| (&r.root, &r.report))
    }

    /// Keeps the findings `keep` accepts and counts the others as baselined; returns how many
    /// were dropped.
    pub fn drop_baselined(&mut self, mut keep: impl FnMut(&Reported<'_>) -> bool) -> usize {
        let mut dropped = 0;
        for r in &mut self.reports {
            let mut kept_findings = Vec::with_capacity(r.report.findings.len());
            let mut kept_fingerprints = Vec::with_capacity(r.fingerprints.len());
            for (finding, fingerprint) in r.report.findings.drain(..).zip(r.fingerprints.drain(..))
            {
                let reported = Reported {
                    root: &r.root,
                    finding: &finding,
                    fingerprint: &fingerprint,
                };
                if keep(&reported) {
                    kept_findings.push(finding);
                    kept_fingerprints.push(fingerprint);
                } else {
                    dropped += 1;
                    r.report.summary.baselined += 1;
                }
            }
            r.report.findings = kept_findings;
            r.fingerprints = kept_fingerprints;
            r.report.recount();
        }
        dropped
    }

    /// The summaries of every report added up.
    pub fn summary(&self) -> Summary {
        let mut total = Summary::default();
        for r in &self.reports {
            let s = &r.report.summary;
            total.files += s.files;
            total.resources += s.resources;
            total.errors += s.errors;
            total.warnings += s.warnings;
            total.infos += s.infos;
            total.suppressed += s.suppressed;
            total.baselined += s.baselined;
        }
        total
    }

    /// Whether some finding is at or above `threshold` (`None`: never).
    pub fn fails(&self, threshold: Option<Severity>) -> bool {
        threshold.is_some_and(|t| self.findings().any(|r| r.finding.severity >= t))
    }
}

/// A path given on the command line. Whether it is a file is asked of the file system once, not
/// for every finding shown.
#[derive(Debug, Clone)]
pub struct ScannedRoot {
    pub path: PathBuf,
    is_file: bool,
}

impl ScannedRoot {
    pub fn new(path: PathBuf) -> ScannedRoot {
        let is_file = path.is_file();
        ScannedRoot { path, is_file }
    }

    /// The path a person can open: this root joined with a finding's relative file, without
    /// `./` components. Files of a single-file root are already named as given.
    pub fn display(&self, file: &str) -> String {
        if file.is_empty() {
            return self.path.display().to_string();
        }
        if self.is_file {
            return file.to_string();
        }
        let joined = self.path.join(file);
        let cleaned: PathBuf = joined
            .components()
            .filter(|c| !matches!(c, Component::CurDir))
            .collect();
        cleaned.to_string_lossy().replace('\\', "/")
    }
}
