//! `--format json`: exactly one JSON object, `{"findings": [...], "summary": {...}}`.

use serde::Serialize;

use crate::engine::Summary;
use crate::finding::{ObjectiveSummary, Severity};

use super::{Render, RenderOptions};
use crate::run::Run;

#[derive(Serialize)]
struct Document<'a> {
    findings: Vec<JsonFinding<'a>>,
    summary: Summary,
}

#[derive(Serialize)]
struct JsonFinding<'a> {
    rule: &'a str,
    severity: Severity,
    resource: Option<&'a str>,
    file: &'a str,
    line: usize,
    column: usize,
    message: &'a str,
    objective: Option<&'a ObjectiveSummary>,
    /// Stable across unrelated edits and moves within the file; what `--baseline` records.
    fingerprint: &'a str,
}

/// See the module's documentation.
pub struct Json;

impl Render for Json {
    fn render(&self, run: &Run, _options: &RenderOptions) -> String {
        render(run)
    }
}

fn render(run: &Run) -> String {
    let findings = run
        .findings()
        .map(|reported| (reported.finding, reported.fingerprint))
        .map(|(f, fingerprint)| JsonFinding {
            rule: f.rule,
            severity: f.severity,
            resource: f.resource.as_deref(),
            file: &f.location.file,
            line: f.location.line,
            column: f.location.column,
            message: &f.message,
            objective: f.objective.as_ref(),
            fingerprint,
        })
        .collect();
    let doc = Document {
        findings,
        summary: run.summary(),
    };
    let mut out = serde_json::to_string_pretty(&doc).expect("findings serialise to JSON");
    out.push('\n');
    out
}
