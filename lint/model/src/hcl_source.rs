//! Reading small HCL documents (policy packs, `.drlint.hcl`) with file:line:column errors.
//!
//! Both documents are declarative and static: only literals are accepted (strings, booleans,
//! lists and objects of them), so an unexpected expression is reported rather than guessed at.

use std::ops::Range;
use std::path::Path;

use hcl_edit::expr::{Expression, Object, ObjectKey};
use hcl_edit::structure::{Attribute, Block, BlockLabel, Body, Structure};
use hcl_edit::Span;
use thiserror::Error;

use crate::duration::Duration;

/// An error in a policy pack or project configuration file.
#[derive(Debug, Error)]
pub enum SourceError {
    /// The text is not valid; the location is 1-based.
    #[error("{file}:{line}:{column}: {message}")]
    Invalid {
        file: String,
        line: usize,
        column: usize,
        message: String,
    },
    #[error("cannot read {path}: {source}")]
    Read {
        path: String,
        #[source]
        source: std::io::Error,
    },
}

impl SourceError {
    /// The message without the location prefix.
    pub fn message(&self) -> String {
        match self {
            SourceError::Invalid { message, .. } => message.clone(),
            other => other.to_string(),
        }
    }
}

/// Reads a file to a string, turning failures (missing, unreadable, not UTF-8) into
/// [`SourceError::Read`].
pub fn read_file(path: &Path) -> Result<String, SourceError> {
    std::fs::read_to_string(path).map_err(|source| SourceError::Read {
        path: path.display().to_string(),
        source,
    })
}

/// One `key = "value"` entry of an object, with the key's position.
pub struct MapEntry {
    pub key: String,
    pub value: String,
    pub span: Option<Range<usize>>,
}

/// One HCL document being read: its text (for line numbers) and its name (for messages).
pub struct SourceDoc<'a> {
    pub file: &'a str,
    pub src: &'a str,
}

impl<'a> SourceDoc<'a> {
    pub fn new(src: &'a str, file: &'a str) -> SourceDoc<'a> {
        SourceDoc { file, src }
    }

    pub fn parse_body(&self) -> Result<Body, SourceError> {
        hcl_edit::parser::parse_body(self.src).map_err(|error| SourceError::Invalid {
            file: self.file.to_string(),
            line: error.location().line(),
            column: error.location().column(),
            message: format!("this is not valid HCL: {}", error.message()),
        })
    }

    /// An error at the start of `span` (or at the top of the file when the span is unknown).
    pub fn error(&self, span: Option<Range<usize>>, message: impl Into<String>) -> SourceError {
        let offset = span.map_or(0, |range| range.start.min(self.src.len()));
        let before = self.src.get(..offset).unwrap_or(self.src);
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |index| index + 1);
        let column = before[line_start..].chars().count() + 1;
        SourceError::Invalid {
            file: self.file.to_string(),
            line,
            column,
            message: message.into(),
        }
    }

    /// Fails on any block whose identifier is not in `allowed_blocks` and any attribute not in
    /// `allowed_attributes`. (The parser already rejects an attribute set twice.)
    pub fn check_keys(
        &self,
        body: &Body,
        context: &str,
        allowed_attributes: &[&str],
        allowed_blocks: &[&str],
    ) -> Result<(), SourceError> {
        for structure in body.iter() {
            match structure {
                Structure::Attribute(attribute) => {
                    let key = attribute.key.as_str();
                    if !allowed_attributes.contains(&key) {
                        return Err(self.error(
                            attribute.span(),
                            format!(
                                "unknown argument \"{key}\" in {context}; expected {}",
                                describe_choices(allowed_attributes, allowed_blocks)
                            ),
                        ));
                    }
                }
                Structure::Block(block) => {
                    let ident = block.ident.as_str();
                    if !allowed_blocks.contains(&ident) {
                        return Err(self.error(
                            block.span(),
                            format!(
                                "unknown block \"{ident}\" in {context}; expected {}",
                                describe_choices(allowed_attributes, allowed_blocks)
                            ),
                        ));
                    }
                }
            }
        }
        Ok(())
    }

    /// The single label of `block`, or an error saying what the label names.
    pub fn single_label(&self, block: &Block, what: &str) -> Result<String, SourceError> {
        let ident = block.ident.as_str();
        match block.labels.as_slice() {
            [label] => {
                let text = match label {
                    BlockLabel::Ident(ident) => ident.as_str().to_string(),
                    BlockLabel::String(text) => text.value().clone(),
                };
                if text.trim().is_empty() {
                    return Err(self.error(label.span(), format!("the {ident} block needs a non-empty {what}")));
                }
                Ok(text)
            }
            labels => Err(self.error(
                block.span(),
                format!(
                    "a {ident} block takes exactly one label, the {what} (as in {ident} \"NAME\" {{ ... }}); found {}",
                    labels.len()
                ),
            )),
        }
    }

    /// A block that must have no labels.
    pub fn no_labels(&self, block: &Block) -> Result<(), SourceError> {
        if block.labels.is_empty() {
            Ok(())
        } else {
            let ident = block.ident.as_str();
            Err(self.error(block.span(), format!("a {ident} block takes no labels")))
        }
    }

    pub fn string(&self, attribute: &Attribute) -> Result<String, SourceError> {
        self.string_value(&attribute.value, attribute.key.as_str())
    }

    pub fn string_value(&self, expr: &Expression, what: &str) -> Result<String, SourceError> {
        match expr {
            Expression::String(text) => Ok(text.value().clone()),
            other => Err(self.error(
                other.span(),
                format!("{what} must be a quoted string, found {}", describe(other)),
            )),
        }
    }

    pub fn bool(&self, attribute: &Attribute) -> Result<bool, SourceError> {
        match &attribute.value {
            Expression::Bool(value) => Ok(*value.value()),
            other => Err(self.error(
                other.span(),
                format!(
                    "{} must be true or false, found {}",
                    attribute.key.as_str(),
                    describe(other)
                ),
            )),
        }
    }

    /// A duration string; a bad one is reported at the value with the parser's message.
    pub fn duration(&self, attribute: &Attribute) -> Result<Duration, SourceError> {
        let text = self.string(attribute)?;
        Duration::parse(&text).map_err(|error| {
            self.error(
                attribute.value.span(),
                format!("{}: {error}", attribute.key.as_str()),
            )
        })
    }

    /// A list of strings.
    pub fn string_list(&self, attribute: &Attribute) -> Result<Vec<String>, SourceError> {
        let what = attribute.key.as_str();
        match &attribute.value {
            Expression::Array(array) => array
                .iter()
                .map(|item| self.string_value(item, &format!("each item of {what}")))
                .collect(),
            other => Err(self.error(
                other.span(),
                format!(
                    "{what} must be a list of strings such as [\"a\", \"b\"], found {}",
                    describe(other)
                ),
            )),
        }
    }

    /// An object of string values, keyed by identifiers or strings, in source order, with the
    /// span of each entry (for later checks such as unknown tier names).
    pub fn string_map(&self, attribute: &Attribute) -> Result<Vec<MapEntry>, SourceError> {
        let what = attribute.key.as_str();
        let Expression::Object(object) = &attribute.value else {
            return Err(self.error(
                attribute.value.span(),
                format!(
                    "{what} must be an object such as {{ key = \"value\" }}, found {}",
                    describe(&attribute.value)
                ),
            ));
        };
        self.object_entries(object, what)
    }

    fn object_entries(&self, object: &Object, what: &str) -> Result<Vec<MapEntry>, SourceError> {
        let mut entries: Vec<MapEntry> = Vec::new();
        for (key, value) in object.iter() {
            let key_text = match key {
                ObjectKey::Ident(ident) => ident.as_str().to_string(),
                ObjectKey::Expression(Expression::String(text)) => text.value().clone(),
                ObjectKey::Expression(other) => {
                    return Err(self.error(
                        other.span(),
                        format!(
                            "the keys of {what} must be names or quoted strings, found {}",
                            describe(other)
                        ),
                    ))
                }
            };
            if entries.iter().any(|entry| entry.key == key_text) {
                return Err(self.error(
                    key.span(),
                    format!("the key \"{key_text}\" is set twice in {what}"),
                ));
            }
            let value_text = self.string_value(value.expr(), &format!("{what}.{key_text}"))?;
            entries.push(MapEntry {
                key: key_text,
                value: value_text,
                span: key.span(),
            });
        }
        Ok(entries)
    }
}

fn describe_choices(attributes: &[&str], blocks: &[&str]) -> String {
    let mut parts: Vec<String> = attributes.iter().map(|a| format!("\"{a}\"")).collect();
    parts.extend(blocks.iter().map(|b| format!("a \"{b}\" block")));
    match parts.len() {
        0 => "nothing here".to_string(),
        _ => format!("one of {}", parts.join(", ")),
    }
}

/// A short description of an expression for "found ..." messages.
fn describe(expr: &Expression) -> &'static str {
    match expr {
        Expression::Null(_) => "null",
        Expression::Bool(_) => "a boolean",
        Expression::Number(_) => "a number",
        Expression::String(_) => "a string",
        Expression::Array(_) => "a list",
        Expression::Object(_) => "an object",
        Expression::StringTemplate(_) | Expression::HeredocTemplate(_) => {
            "a string template (only plain strings are allowed)"
        }
        Expression::Variable(_) => "a bare name (put it in quotes)",
        _ => "an expression (only literal values are allowed)",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locates_errors_by_line_and_column() {
        let src = "a = 1\nbb = \"x\"\n  ccc = true\n";
        let doc = SourceDoc::new(src, "f.hcl");
        let offset = src.find("ccc").unwrap();
        let error = doc.error(Some(offset..offset + 3), "bad");
        assert_eq!(error.to_string(), "f.hcl:3:3: bad");
        assert_eq!(doc.error(None, "top").to_string(), "f.hcl:1:1: top");
    }

    #[test]
    fn reports_parse_errors_with_location() {
        let doc = SourceDoc::new("a = \"x\"\nb = {\n", "p.hcl");
        let error = doc.parse_body().unwrap_err().to_string();
        assert!(error.starts_with("p.hcl:"), "{error}");
        assert!(error.contains("this is not valid HCL"), "{error}");
    }

    #[test]
    fn reads_literals_and_rejects_expressions() {
        let src = "s = \"x\"\nb = true\nl = [\"a\", \"b\"]\nm = { k = \"v\", \"q r\" = \"w\" }\nv = var.x\nt = \"${x}\"\n";
        let doc = SourceDoc::new(src, "f.hcl");
        let body = doc.parse_body().unwrap();
        let get = |key: &str| body.get_attribute(key).unwrap();
        assert_eq!(doc.string(get("s")).unwrap(), "x");
        assert!(doc.bool(get("b")).unwrap());
        assert_eq!(doc.string_list(get("l")).unwrap(), vec!["a", "b"]);
        let entries = doc.string_map(get("m")).unwrap();
        assert_eq!(entries[1].key, "q r");
        assert_eq!(entries[1].value, "w");
        let error = doc.string(get("v")).unwrap_err().to_string();
        assert!(
            error.starts_with("f.hcl:5:5: v must be a quoted string"),
            "{error}"
        );
        let error = doc.string(get("t")).unwrap_err().to_string();
        assert!(error.contains("string template"), "{error}");
        let error = doc.bool(get("s")).unwrap_err().to_string();
        assert!(
            error.contains("s must be true or false, found a string"),
            "{error}"
        );
    }

    #[test]
    fn rejects_unknown_and_repeated_keys() {
        let doc = SourceDoc::new("a = 1\nzz = 2\n", "f.hcl");
        let body = doc.parse_body().unwrap();
        let error = doc
            .check_keys(&body, "the file", &["a"], &["tier"])
            .unwrap_err()
            .to_string();
        assert_eq!(
            error,
            "f.hcl:2:1: unknown argument \"zz\" in the file; expected one of \"a\", a \"tier\" block"
        );
        // The parser itself rejects a repeated attribute, at the repetition.
        let doc = SourceDoc::new("a = 1\na = 2\n", "f.hcl");
        let error = doc.parse_body().unwrap_err().to_string();
        assert!(error.starts_with("f.hcl:2:"), "{error}");
        assert!(error.contains("redefined attribute"), "{error}");
    }
}
