//! How serious something is, and a problem found while validating a `dr_*` block: the provider
//! turns a problem into a diagnostic on the argument, drlint into a finding at the argument's
//! line.

use serde::{Deserialize, Serialize};

/// How serious a problem or a finding is. Errors are reserved for a tier's requirements; other
/// advice is a warning; things that could not be checked are info.
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

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The argument the problem is about (`rpo`, `schedule`, `secondary_regions`...).
    pub attribute: &'static str,
    pub severity: Severity,
    /// A full sentence that quotes the value and says how to fix it.
    pub message: String,
}

impl Problem {
    pub fn error(attribute: &'static str, message: impl Into<String>) -> Problem {
        Problem {
            attribute,
            severity: Severity::Error,
            message: message.into(),
        }
    }

    pub fn warning(attribute: &'static str, message: impl Into<String>) -> Problem {
        Problem {
            attribute,
            severity: Severity::Warning,
            message: message.into(),
        }
    }
}

/// True when any problem is an error.
pub fn has_errors(problems: &[Problem]) -> bool {
    problems
        .iter()
        .any(|problem| problem.severity == Severity::Error)
}
