//! Byte offsets to 1-based line/column positions, and file names as the user sees them.

use std::path::{Component, Path, PathBuf};

use super::ir::Location;

/// The start offset of every line of a text, for offset -> line/column conversion.
#[derive(Debug, Clone, Default)]
pub(crate) struct LineIndex {
    line_starts: Vec<usize>,
}

impl LineIndex {
    pub(crate) fn new(text: &str) -> LineIndex {
        let mut line_starts = vec![0];
        line_starts.extend(memchr_newlines(text.as_bytes()));
        LineIndex { line_starts }
    }

    /// 1-based line and column of a byte offset; the column counts characters, not bytes.
    pub(crate) fn position(&self, text: &str, offset: usize) -> (usize, usize) {
        let offset = offset.min(text.len());
        let line = self.line_starts.partition_point(|&start| start <= offset);
        let start = self.line_starts[line - 1];
        let column = text
            .get(start..offset)
            .map_or(offset - start, |prefix| prefix.chars().count())
            + 1;
        (line, column)
    }

    /// The text of a 1-based line without its line ending.
    pub(crate) fn line_text<'t>(&self, text: &'t str, line: usize) -> Option<&'t str> {
        let start = *self.line_starts.get(line.checked_sub(1)?)?;
        let end = self
            .line_starts
            .get(line)
            .map_or(text.len(), |next| next - 1);
        let raw = text.get(start..end.max(start))?;
        Some(raw.strip_suffix('\r').unwrap_or(raw))
    }
}

fn memchr_newlines(bytes: &[u8]) -> impl Iterator<Item = usize> + '_ {
    bytes
        .iter()
        .enumerate()
        .filter(|(_, b)| **b == b'\n')
        .map(|(i, _)| i + 1)
}

/// A location in a file for `line` and `column`.
pub(crate) fn at(file: &str, line: usize, column: usize) -> Location {
    Location {
        file: file.to_string(),
        line,
        column,
    }
}

/// Resolves `.` and `..` without touching the file system, so that module directories reached
/// through different relative paths compare equal.
pub fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                let can_pop = matches!(out.components().next_back(), Some(Component::Normal(_)));
                if can_pop {
                    out.pop();
                } else if !out.has_root() {
                    out.push("..");
                }
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}

/// `path` relative to `base` (both absolute and normalised), with `/` separators; `..` steps
/// out of `base` when needed. The empty relative path is `.`.
pub(crate) fn relative_display(base: &Path, path: &Path) -> String {
    let base: Vec<Component> = base.components().collect();
    let target: Vec<Component> = path.components().collect();
    let common = base.iter().zip(&target).take_while(|(a, b)| a == b).count();
    let mut parts: Vec<String> = Vec::new();
    for _ in common..base.len() {
        parts.push("..".to_string());
    }
    for component in &target[common..] {
        parts.push(component.as_os_str().to_string_lossy().into_owned());
    }
    if parts.is_empty() {
        ".".to_string()
    } else {
        parts.join("/")
    }
}

/// A path as given on the command line, with `/` separators.
pub(crate) fn display_path(path: &Path) -> String {
    let text = path.to_string_lossy();
    if std::path::MAIN_SEPARATOR == '/' {
        text.into_owned()
    } else {
        text.replace(std::path::MAIN_SEPARATOR, "/")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_characters_not_bytes() {
        let text = "a = 1\nbé = \"x\"\n\nlast";
        let index = LineIndex::new(text);
        assert_eq!(index.position(text, 0), (1, 1));
        assert_eq!(index.position(text, 6), (2, 1));
        // "bé = " is 6 bytes but 5 characters.
        assert_eq!(index.position(text, text.find('"').unwrap()), (2, 6));
        assert_eq!(index.position(text, text.find("last").unwrap()), (4, 1));
        assert_eq!(index.line_text(text, 2), Some("bé = \"x\""));
        assert_eq!(index.line_text(text, 3), Some(""));
        assert_eq!(index.line_text(text, 4), Some("last"));
        assert_eq!(index.line_text(text, 5), None);
    }

    #[test]
    fn crlf_line_text_has_no_carriage_return() {
        let text = "a = 1\r\nb = 2\r\n";
        let index = LineIndex::new(text);
        assert_eq!(index.line_text(text, 1), Some("a = 1"));
        assert_eq!(index.position(text, 7), (2, 1));
    }

    #[test]
    fn normalize_and_relative_paths() {
        assert_eq!(
            normalize(Path::new("/a/b/./c/../d")),
            PathBuf::from("/a/b/d")
        );
        assert_eq!(normalize(Path::new("a/../../b")), PathBuf::from("../b"));
        assert_eq!(
            relative_display(Path::new("/r"), Path::new("/r/m/x.tf")),
            "m/x.tf"
        );
        assert_eq!(
            relative_display(Path::new("/r/env"), Path::new("/r/mod/x.tf")),
            "../mod/x.tf"
        );
        assert_eq!(relative_display(Path::new("/r"), Path::new("/r")), ".");
    }
}
