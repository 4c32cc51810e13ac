//! Reading one source file safely: size limit, UTF-8, and a nesting pre-scan that rejects
//! pathologically deep input before any recursive parser sees it.

use std::fs;
use std::io::Read;
use std::path::Path;

use super::ir::{LoadIssue, LoadIssueKind};
use super::location::{at, LineIndex};
use super::scan::{find, heredoc_end};

/// Files larger than this are not read: no real Terraform file comes close, and reading one
/// would cost memory and time out of proportion.
pub(crate) const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// Deeper bracket nesting than this is rejected before parsing.
pub(crate) const MAX_NESTING_DEPTH: usize = 200;

/// Reads `path` as UTF-8 text, or explains at which line and column it cannot be used.
pub(crate) fn read_text(path: &Path, display: &str) -> Result<String, LoadIssue> {
    let file = fs::File::open(path).map_err(|err| {
        parse_issue(
            display,
            1,
            1,
            format!("The file {display} cannot be read: {err}."),
        )
    })?;
    let size = file.metadata().map(|m| m.len()).unwrap_or(0);
    if size > MAX_FILE_BYTES {
        return Err(parse_issue(display, 1, 1, format!(
            "The file {display} is {size} bytes, larger than the {MAX_FILE_BYTES}-byte limit; it was not read."
        )));
    }
    let mut bytes = Vec::with_capacity(size as usize);
    // `take` guards against files that grow while being read (or lie about their size).
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|err| {
            parse_issue(
                display,
                1,
                1,
                format!("The file {display} cannot be read: {err}."),
            )
        })?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(parse_issue(
            display,
            1,
            1,
            format!(
            "The file {display} is larger than the {MAX_FILE_BYTES}-byte limit; it was not read."
        ),
        ));
    }
    let text = String::from_utf8(bytes).map_err(|err| {
        let valid = err.utf8_error().valid_up_to();
        let bytes = err.as_bytes();
        let line = 1 + bytes[..valid].iter().filter(|b| **b == b'\n').count();
        let line_start = bytes[..valid].iter().rposition(|b| *b == b'\n').map_or(0, |i| i + 1);
        let column = 1 + String::from_utf8_lossy(&bytes[line_start..valid]).chars().count();
        parse_issue(display, line, column, format!(
            "The file {display} is not valid UTF-8 (invalid byte 0x{:02x} at line {line}, column {column}); Terraform files must be UTF-8.",
            bytes[valid]
        ))
    })?;
    check_nesting(&text, display)?;
    Ok(text)
}

pub(crate) fn parse_issue(file: &str, line: usize, column: usize, message: String) -> LoadIssue {
    LoadIssue {
        kind: LoadIssueKind::Parse,
        message,
        location: at(file, line, column),
        remote_module: None,
    }
}

/// Rejects text whose brackets nest deeper than [`MAX_NESTING_DEPTH`]. Comments, quoted strings
/// and heredoc bodies are skipped, so brackets inside them do not count; template
/// interpolations (`${ ... }`) inside strings do count, as they hold expressions.
pub(crate) fn check_nesting(text: &str, display: &str) -> Result<(), LoadIssue> {
    match deepest_nesting(text) {
        Some(offset) => {
            let (line, column) = LineIndex::new(text).position(text, offset);
            Err(parse_issue(display, line, column, format!(
                "The file {display} nests brackets more than {MAX_NESTING_DEPTH} levels deep at line {line}, column {column}; it was not parsed."
            )))
        }
        None => Ok(()),
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Mode {
    Code,
    String,
}

/// The byte offset where nesting first exceeds the limit, if it does.
fn deepest_nesting(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    // Each entry is the mode to return to when the bracket or interpolation closes.
    let mut stack: Vec<Mode> = Vec::new();
    let mut mode = Mode::Code;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        match mode {
            Mode::String => match b {
                b'\\' => i += 1,
                b'"' => mode = Mode::Code,
                b'$' | b'%' if bytes.get(i + 1) == Some(&b'{') => {
                    stack.push(Mode::String);
                    mode = Mode::Code;
                    i += 1;
                    if stack.len() > MAX_NESTING_DEPTH {
                        return Some(i);
                    }
                }
                b'\n' => mode = Mode::Code,
                _ => {}
            },
            Mode::Code => match b {
                b'"' => mode = Mode::String,
                b'#' => i = skip_line(bytes, i),
                b'/' if bytes.get(i + 1) == Some(&b'/') => i = skip_line(bytes, i),
                b'/' if bytes.get(i + 1) == Some(&b'*') => {
                    i = find(bytes, i + 2, b"*/").map_or(bytes.len(), |end| end + 1);
                }
                b'<' if bytes.get(i + 1) == Some(&b'<') => {
                    // Onto the line break after the heredoc (or past the `<<` of a shift).
                    i = heredoc_end(bytes, i).map_or(i + 1, |end| end - 1);
                }
                b'{' | b'[' | b'(' => {
                    stack.push(Mode::Code);
                    if stack.len() > MAX_NESTING_DEPTH {
                        return Some(i);
                    }
                }
                b'}' | b']' | b')' => {
                    if let Some(back) = stack.pop() {
                        mode = back;
                    }
                }
                _ => {}
            },
        }
        i += 1;
    }
    None
}

fn skip_line(bytes: &[u8], from: usize) -> usize {
    find(bytes, from, b"\n").map_or(bytes.len(), |nl| nl.saturating_sub(1).max(from))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nesting_below_the_limit_is_accepted() {
        let text = format!("a = {}1{}", "[".repeat(150), "]".repeat(150));
        assert!(check_nesting(&text, "x.tf").is_ok());
    }

    #[test]
    fn nesting_above_the_limit_is_rejected_with_its_position() {
        let text = format!("a = 1\nb = {}1{}", "[".repeat(500), "]".repeat(500));
        let issue = check_nesting(&text, "deep.tf").unwrap_err();
        assert_eq!(issue.location.line, 2);
        assert_eq!(issue.location.column, 5 + MAX_NESTING_DEPTH);
        assert!(
            issue.message.contains("more than 200 levels"),
            "{}",
            issue.message
        );
    }

    #[test]
    fn brackets_in_strings_comments_and_heredocs_do_not_count() {
        let deep = "[".repeat(300);
        let text = format!(
            "a = \"{deep}\"\n# {deep}\n// {deep}\n/* {deep} */\nb = <<EOT\n{deep}\nEOT\nc = <<-X\n  {deep}\n  X\nd = 1\n"
        );
        assert!(check_nesting(&text, "x.tf").is_ok());
    }

    #[test]
    fn interpolations_inside_strings_count() {
        let text = format!("a = \"{}\"", "${[".repeat(150));
        assert!(check_nesting(&text, "x.tf").is_err());
    }

    #[test]
    fn non_utf8_is_reported_with_its_position() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("bad.tf");
        fs::write(&path, b"a = 1\nb = \"\xff\"\n").unwrap();
        let issue = read_text(&path, "bad.tf").unwrap_err();
        assert_eq!((issue.location.line, issue.location.column), (2, 6));
        assert!(
            issue.message.contains("not valid UTF-8"),
            "{}",
            issue.message
        );
    }

    #[test]
    fn missing_file_is_an_issue_not_a_panic() {
        let issue = read_text(Path::new("/nonexistent/drlint/x.tf"), "x.tf").unwrap_err();
        assert_eq!(issue.kind, LoadIssueKind::Parse);
        assert!(
            issue.message.contains("cannot be read"),
            "{}",
            issue.message
        );
    }
}
