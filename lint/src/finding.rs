//! Findings: what a rule (or the loader) reports about one resource.

use serde::Serialize;

pub use drkit_model::Severity;

use drkit_terraform::ir::Location;

/// The objective a finding was judged against, as shown in output.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ObjectiveSummary {
    pub tier: String,
    pub rpo: Option<String>,
    pub rto: Option<String>,
    pub source: String,
}

/// One thing drlint reports.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    /// The rule's name, e.g. `cosmosdb-backup-rpo`.
    pub rule: &'static str,
    pub severity: Severity,
    /// The Terraform address of the resource, when the finding is about one.
    pub resource: Option<String>,
    pub location: Location,
    pub message: String,
    pub objective: Option<ObjectiveSummary>,
    /// The source text of `location.line`, for snippets.
    pub source_line: Option<String>,
}
