//! A problem found while validating a `dr_*` block: the provider turns it into a diagnostic on
//! the argument, drlint into a finding at the argument's line.

use crate::finding::Severity;

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
