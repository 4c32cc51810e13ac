//! Parsing one file: HCL native syntax with hcl-edit (which keeps spans), JSON syntax with
//! serde_json.

use std::path::{Path, PathBuf};

use hcl_edit::structure::Body as HclBody;
use serde_json::Value as Json;

use super::ir::{LoadIssue, Location};
use super::location::{at, LineIndex};
use super::recover::parse_with_recovery;
use super::source::{parse_issue, read_text};

/// A parsed source file with what is needed to report positions in it.
#[derive(Debug)]
pub(crate) struct SourceFile {
    /// The file name as locations show it.
    pub display: String,
    pub text: String,
    pub lines: LineIndex,
    pub syntax: Syntax,
}

#[derive(Debug)]
pub(crate) enum Syntax {
    Hcl(HclBody),
    /// Terraform's JSON syntax (`*.tf.json`): always an object at the top.
    Json(Json),
}

impl SourceFile {
    pub(crate) fn location(&self, offset: usize) -> Location {
        let (line, column) = self.lines.position(&self.text, offset);
        at(&self.display, line, column)
    }

    pub(crate) fn line_text(&self, line: usize) -> Option<&str> {
        self.lines.line_text(&self.text, line)
    }

    pub(crate) fn start(&self) -> Location {
        at(&self.display, 1, 1)
    }
}

/// Which syntax a file name implies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum FileKind {
    Hcl,
    Json,
}

impl FileKind {
    /// `*.tf` and `*.tf.json` are module files; everything else is not.
    pub(crate) fn of_module_file(path: &Path) -> Option<FileKind> {
        let name = path.file_name()?.to_str()?;
        if name.ends_with(".tf.json") {
            Some(FileKind::Json)
        } else if name.ends_with(".tf") {
            Some(FileKind::Hcl)
        } else {
            None
        }
    }
}

/// A file to parse: where it is and how it is shown.
#[derive(Debug, Clone)]
pub(crate) struct FileToParse {
    pub path: PathBuf,
    pub display: String,
    pub kind: FileKind,
}

/// Reads and parses one file. Every failure is a `LoadIssue` at the failing position.
pub(crate) fn parse_file(file: &FileToParse) -> Result<SourceFile, LoadIssue> {
    let text = read_text(&file.path, &file.display)?;
    parse_text(text, &file.display, file.kind)
}

pub(crate) fn parse_text(
    text: String,
    display: &str,
    kind: FileKind,
) -> Result<SourceFile, LoadIssue> {
    let lines = LineIndex::new(&text);
    let syntax = match kind {
        FileKind::Hcl => Syntax::Hcl(parse_hcl(&text, display)?),
        FileKind::Json => Syntax::Json(parse_json(&text, display)?),
    };
    Ok(SourceFile {
        display: display.to_string(),
        text,
        lines,
        syntax,
    })
}

fn parse_hcl(text: &str, display: &str) -> Result<HclBody, LoadIssue> {
    // Valid Terraform that hcl-edit rejects is retried; the recovered text has the same offsets.
    parse_with_recovery(text).map_err(|err| {
        let location = err.location();
        let line = location.line();
        // hcl-edit counts the column in bytes; locations count characters.
        let column = column_in_chars(text, location.offset(), location.column());
        parse_issue(
            display,
            line,
            column,
            format!(
                "The file {display} cannot be parsed as HCL at line {line}, column {column}: {}.",
                err.message().trim_end_matches('.')
            ),
        )
    })
}

fn column_in_chars(text: &str, offset: usize, fallback: usize) -> usize {
    if offset > text.len() || !text.is_char_boundary(offset) {
        return fallback;
    }
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    text[line_start..offset].chars().count() + 1
}

fn parse_json(text: &str, display: &str) -> Result<Json, LoadIssue> {
    if text.trim().is_empty() {
        return Ok(Json::Object(serde_json::Map::new()));
    }
    let value: Json = serde_json::from_str(text).map_err(|err| {
        let (line, column) = (err.line().max(1), err.column().max(1));
        parse_issue(
            display,
            line,
            column,
            format!(
            "The file {display} cannot be parsed as JSON at line {line}, column {column}: {err}."
        ),
        )
    })?;
    if !value.is_object() {
        return Err(parse_issue(display, 1, 1, format!(
            "The file {display} holds a JSON {} where Terraform's JSON syntax needs an object at the top.",
            json_kind(&value)
        )));
    }
    Ok(value)
}

pub(crate) fn json_kind(value: &Json) -> &'static str {
    match value {
        Json::Null => "null",
        Json::Bool(_) => "boolean",
        Json::Number(_) => "number",
        Json::String(_) => "string",
        Json::Array(_) => "array",
        Json::Object(_) => "object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hcl_parse_error_reports_position_and_message() {
        let err = parse_text("a = 1\nb = [1,\n".into(), "bad.tf", FileKind::Hcl).unwrap_err();
        assert_eq!(err.location.file, "bad.tf");
        assert!(err.location.line >= 2, "{:?}", err.location);
        assert!(
            err.message
                .starts_with("The file bad.tf cannot be parsed as HCL at line"),
            "{}",
            err.message
        );
    }

    #[test]
    fn empty_files_parse_to_nothing() {
        let hcl = parse_text(String::new(), "e.tf", FileKind::Hcl).unwrap();
        assert!(matches!(hcl.syntax, Syntax::Hcl(ref b) if b.is_empty()));
        let json = parse_text("  \n".into(), "e.tf.json", FileKind::Json).unwrap();
        assert!(matches!(json.syntax, Syntax::Json(ref j) if j.as_object().unwrap().is_empty()));
    }

    #[test]
    fn json_errors_and_non_objects_are_issues() {
        let err = parse_text("{\n  \"a\": ,\n}".into(), "x.tf.json", FileKind::Json).unwrap_err();
        assert_eq!(err.location.line, 2);
        let err = parse_text("[1]".into(), "x.tf.json", FileKind::Json).unwrap_err();
        assert!(err.message.contains("JSON array"), "{}", err.message);
    }

    #[test]
    fn hcl_parser_nesting_guard_is_an_issue() {
        // Below drlint's pre-scan limit but above hcl-edit's own guard.
        let text = format!("a = {}1{}", "[".repeat(100), "]".repeat(100));
        let err = parse_text(text, "n.tf", FileKind::Hcl).unwrap_err();
        assert!(
            err.message.contains("cannot be parsed as HCL"),
            "{}",
            err.message
        );
    }

    #[test]
    fn multi_line_object_for_values_parse() {
        let text = "locals {\n  m = { for k in [\"a\"] : k => k == \"a\" &&\n    true }\n}\nresource \"x\" \"y\" {}\n";
        let file = parse_text(text.to_string(), "f.tf", FileKind::Hcl).unwrap();
        let Syntax::Hcl(body) = &file.syntax else {
            panic!("HCL parses to HCL")
        };
        let resource = body.get_blocks("resource").next().unwrap();
        let offset = hcl_edit::Span::span(&resource.ident).unwrap().start;
        assert_eq!(file.location(offset).line, 5);
    }

    #[test]
    fn module_file_kinds() {
        assert_eq!(
            FileKind::of_module_file(Path::new("a/main.tf")),
            Some(FileKind::Hcl)
        );
        assert_eq!(
            FileKind::of_module_file(Path::new("a/x.tf.json")),
            Some(FileKind::Json)
        );
        assert_eq!(
            FileKind::of_module_file(Path::new("a/terraform.tfvars")),
            None
        );
        assert_eq!(FileKind::of_module_file(Path::new("a/plan.json")), None);
    }
}
