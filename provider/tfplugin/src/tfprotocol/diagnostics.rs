//! Diagnostics: the warnings and errors Terraform prints, optionally pointing at an attribute
//! so that Terraform quotes the offending configuration line.

use crate::proto::tfplugin6 as proto;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    Error,
    Warning,
}

/// One step into a value: an attribute, a map key or a list index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PathStep {
    Attribute(String),
    Key(String),
    Index(i64),
}

/// A path from the root of a resource's object to one of its values.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct AttributePath(pub Vec<PathStep>);

impl AttributePath {
    /// The path to a top-level attribute.
    pub fn attribute(name: &str) -> AttributePath {
        AttributePath(vec![PathStep::Attribute(name.to_owned())])
    }

    /// This path followed by a list index.
    pub fn index(mut self, index: i64) -> AttributePath {
        self.0.push(PathStep::Index(index));
        self
    }

    pub fn to_proto(&self) -> proto::AttributePath {
        use proto::attribute_path::step::Selector;
        let steps = self
            .0
            .iter()
            .map(|step| proto::attribute_path::Step {
                selector: Some(match step {
                    PathStep::Attribute(name) => Selector::AttributeName(name.clone()),
                    PathStep::Key(key) => Selector::ElementKeyString(key.clone()),
                    PathStep::Index(index) => Selector::ElementKeyInt(*index),
                }),
            })
            .collect();
        proto::AttributePath { steps }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// One line, shown after "Error:" / "Warning:".
    pub summary: String,
    /// Full sentences, shown below the quoted configuration.
    pub detail: String,
    pub attribute: Option<AttributePath>,
}

impl Diagnostic {
    pub fn error(summary: impl Into<String>, detail: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Error,
            summary: summary.into(),
            detail: detail.into(),
            attribute: None,
        }
    }

    pub fn warning(summary: impl Into<String>, detail: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(summary, detail)
        }
    }

    pub fn at(mut self, path: AttributePath) -> Diagnostic {
        self.attribute = Some(path);
        self
    }

    pub fn to_proto(&self) -> proto::Diagnostic {
        proto::Diagnostic {
            severity: match self.severity {
                Severity::Error => proto::diagnostic::Severity::Error,
                Severity::Warning => proto::diagnostic::Severity::Warning,
            } as i32,
            summary: self.summary.clone(),
            detail: self.detail.clone(),
            attribute: self.attribute.as_ref().map(AttributePath::to_proto),
        }
    }
}

/// The diagnostics of one RPC, in the order they were found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl Diagnostics {
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.0.push(diagnostic);
    }

    pub fn extend(&mut self, other: Diagnostics) {
        self.0.extend(other.0);
    }

    pub fn has_errors(&self) -> bool {
        self.0.iter().any(|d| d.severity == Severity::Error)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Only the errors (validation runs before the provider is configured and leaves warnings
    /// to planning, so that each warning is shown once).
    pub fn errors_only(self) -> Diagnostics {
        Diagnostics(
            self.0
                .into_iter()
                .filter(|d| d.severity == Severity::Error)
                .collect(),
        )
    }

    pub fn to_proto(&self) -> Vec<proto::Diagnostic> {
        self.0.iter().map(Diagnostic::to_proto).collect()
    }
}

impl From<Diagnostic> for Diagnostics {
    fn from(diagnostic: Diagnostic) -> Diagnostics {
        Diagnostics(vec![diagnostic])
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proto::attribute_path::step::Selector;

    #[test]
    fn attribute_paths_become_protocol_steps() {
        let path = AttributePath::attribute("fallback_zones").index(1);
        let steps: Vec<_> = path
            .to_proto()
            .steps
            .into_iter()
            .map(|step| step.selector.unwrap())
            .collect();
        assert_eq!(
            steps,
            [
                Selector::AttributeName("fallback_zones".to_owned()),
                Selector::ElementKeyInt(1)
            ]
        );
    }

    #[test]
    fn severities_map_to_protocol_values() {
        let error =
            Diagnostic::error("Invalid period", "bad").at(AttributePath::attribute("period"));
        let encoded = error.to_proto();
        assert_eq!(encoded.severity, proto::diagnostic::Severity::Error as i32);
        assert_eq!(encoded.summary, "Invalid period");
        assert!(encoded.attribute.is_some());
        let warning = Diagnostic::warning("Heads up", "detail").to_proto();
        assert_eq!(
            warning.severity,
            proto::diagnostic::Severity::Warning as i32
        );
        assert!(warning.attribute.is_none());
    }

    #[test]
    fn errors_only_drops_warnings() {
        let diagnostics = Diagnostics(vec![
            Diagnostic::warning("w", "w"),
            Diagnostic::error("e", "e"),
        ]);
        assert!(diagnostics.has_errors());
        let errors = diagnostics.errors_only();
        assert_eq!(errors.0.len(), 1);
        assert_eq!(errors.0[0].summary, "e");
    }
}
