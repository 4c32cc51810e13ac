//! The comments written right above a block header, handed to the loader's users as they are
//! written (tools read their own directives from them).
//!
//! In native syntax these are the contiguous comment lines (`#`, `//`, or the lines of a
//! `/* ... */` comment) that end on the line above the header; a blank line or a line of code
//! ends the run. In JSON syntax, Terraform's `"//"` comment property plays that part.

use std::sync::Arc;

use super::ir::{Comment, Location};
use super::location::at;
use super::parse::SourceFile;

/// The comment lines right above `header_line` (1-based), top to bottom.
pub(crate) fn comments_above(file: &SourceFile, header_line: usize) -> Arc<[Comment]> {
    let mut found = Vec::new();
    let mut in_block_comment = false;
    let mut line = header_line;
    while line > 1 {
        line -= 1;
        let Some(text) = file.line_text(line) else {
            break;
        };
        let trimmed = text.trim();
        let is_comment = if in_block_comment {
            // Inside a multi-line block comment, walking up: it starts on the line with `/*`.
            if trimmed.contains("/*") {
                in_block_comment = false;
            }
            true
        } else if trimmed.starts_with('#') || trimmed.starts_with("//") || trimmed.starts_with("/*")
        {
            true
        } else if trimmed.ends_with("*/") {
            // The last line of a multi-line block comment: keep walking up to its start.
            in_block_comment = !trimmed.contains("/*");
            true
        } else {
            false
        };
        if !is_comment {
            break;
        }
        let start = comment_start(text);
        found.push(Comment {
            text: text[start..].to_string(),
            location: at(&file.display, line, text[..start].chars().count() + 1),
        });
    }
    found.reverse();
    found.into()
}

/// The byte offset where the comment starts on its line: its first marker, else (a line inside
/// a block comment) its first non-blank character.
fn comment_start(line: &str) -> usize {
    ["#", "//", "/*"]
        .iter()
        .filter_map(|marker| line.find(marker))
        .min()
        .unwrap_or_else(|| line.len() - line.trim_start().len())
}

/// The `"//"` comments of a block in JSON syntax, placed at the block.
pub(crate) fn json_comments<'t>(
    texts: impl IntoIterator<Item = &'t str>,
    location: &Location,
) -> Arc<[Comment]> {
    texts
        .into_iter()
        .map(|text| Comment {
            text: text.to_string(),
            location: location.clone(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::{parse_text, FileKind};

    fn file(text: &str) -> SourceFile {
        parse_text(text.to_string(), "s.tf", FileKind::Hcl).unwrap()
    }

    fn texts_and_places(comments: &[Comment]) -> Vec<(&str, usize, usize)> {
        comments
            .iter()
            .map(|c| (c.text.as_str(), c.location.line, c.location.column))
            .collect()
    }

    #[test]
    fn contiguous_comment_run_above_the_header() {
        let f = file(
            "# far away\n\n# unrelated\n  // indented, why not\n# last\nresource \"a\" \"b\" {}\n",
        );
        assert_eq!(
            texts_and_places(&comments_above(&f, 6)),
            [
                ("# unrelated", 3, 1),
                ("// indented, why not", 4, 3),
                ("# last", 5, 1)
            ]
        );
    }

    #[test]
    fn multi_line_block_comment() {
        let f = file("/*\n legacy\n*/\nresource \"a\" \"b\" {}\n");
        assert_eq!(
            texts_and_places(&comments_above(&f, 4)),
            [("/*", 1, 1), ("legacy", 2, 2), ("*/", 3, 1)]
        );
    }

    #[test]
    fn code_line_between_stops_the_run() {
        let f = file("# a comment\nx = 1\nresource \"a\" \"b\" {}\n");
        assert!(comments_above(&f, 3).is_empty());
    }

    #[test]
    fn json_comments_sit_at_their_block() {
        let location = at("main.tf.json", 3, 5);
        let comments = json_comments(["first", "second"], &location);
        assert_eq!(
            texts_and_places(&comments),
            [("first", 3, 5), ("second", 3, 5)]
        );
    }
}
