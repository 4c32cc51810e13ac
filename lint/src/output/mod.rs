//! Renderers for a run's findings: rustc-like text and one JSON object.

pub mod json;
pub mod timings;
pub mod text;

use std::path::PathBuf;

use crate::finding::Finding;
use crate::lint::{Report, Summary};

/// The reports of one invocation, one per path given on the command line.
#[derive(Debug, Default)]
pub struct Run {
    pub reports: Vec<(PathBuf, Report)>,
}

impl Run {
    pub fn findings(&self) -> impl Iterator<Item = (&PathBuf, &Finding)> {
        self.reports.iter().flat_map(|(root, r)| r.findings.iter().map(move |f| (root, f)))
    }

    /// The summaries of every report added up.
    pub fn summary(&self) -> Summary {
        let mut total = Summary::default();
        for (_, r) in &self.reports {
            let s = &r.summary;
            total.files += s.files;
            total.resources += s.resources;
            total.errors += s.errors;
            total.warnings += s.warnings;
            total.infos += s.infos;
            total.suppressed += s.suppressed;
        }
        total
    }
}
