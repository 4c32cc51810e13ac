//! Findings: what a rule (or the loader) reports about one resource.

use serde::{Deserialize, Serialize};

/// How serious a finding is. Errors are reserved for a tier's requirements; other advice is a
/// warning; things that could not be checked are info.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    pub fn parse(text: &str) -> Option<Severity> {
        match text.to_ascii_lowercase().as_str() {
            "info" => Some(Severity::Info),
            "warning" | "warn" => Some(Severity::Warning),
            "error" => Some(Severity::Error),
            _ => None,
        }
    }
}

impl std::fmt::Display for Severity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

use crate::terraform::ir::Location;

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
