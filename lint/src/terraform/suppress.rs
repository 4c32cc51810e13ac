//! `# drlint:ignore[=RULE,...] [reason]` comments directly above a `resource` block.
//!
//! The comment may be written with `#`, `//` or `/* ... */`, and may be one line of a contiguous
//! run of comment lines that ends right above the block header (a blank line ends the run).

use std::sync::OnceLock;

use regex::Regex;

use super::ir::{Location, Suppression};
use super::location::at;
use super::parse::SourceFile;

fn directive() -> &'static Regex {
    static DIRECTIVE: OnceLock<Regex> = OnceLock::new();
    DIRECTIVE.get_or_init(|| {
        Regex::new(
            r"drlint:ignore(?:=(?P<rules>[^\s*]+))?(?:[ \t]+(?P<reason>.*?))?[ \t]*(?:\*/.*)?$",
        )
        .expect("the suppression pattern is a valid regex")
    })
}

/// Parses the text of one comment line (markers included) into its rules and reason.
pub(crate) fn parse_directive(comment: &str) -> Option<(Vec<String>, Option<String>)> {
    let captures = directive().captures(comment)?;
    let rules = captures
        .name("rules")
        .map(|m| {
            m.as_str()
                .split(',')
                .map(str::trim)
                .filter(|r| !r.is_empty())
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default();
    let reason = captures
        .name("reason")
        .map(|m| m.as_str().trim().to_string())
        .filter(|r| !r.is_empty());
    Some((rules, reason))
}

/// The suppressions written in the comment lines right above `header_line` (1-based).
pub(crate) fn suppressions_above(file: &SourceFile, header_line: usize) -> Vec<Suppression> {
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
        if let Some((rules, reason)) = parse_directive(text) {
            let column = comment_column(text);
            found.push(Suppression {
                rules,
                reason,
                location: at(&file.display, line, column),
            });
        }
    }
    found.reverse();
    found
}

/// The column (1-based, in characters) where the comment starts on its line.
fn comment_column(line: &str) -> usize {
    let start = ["#", "//", "/*"]
        .iter()
        .filter_map(|marker| line.find(marker))
        .min()
        .unwrap_or_else(|| line.len() - line.trim_start().len());
    line[..start].chars().count() + 1
}

/// A suppression written as a `"//"` comment property of a resource in Terraform JSON syntax.
pub(crate) fn json_comment_suppression(comment: &str, location: &Location) -> Option<Suppression> {
    let (rules, reason) = parse_directive(comment)?;
    Some(Suppression {
        rules,
        reason,
        location: location.clone(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::terraform::parse::{parse_text, FileKind};

    fn file(text: &str) -> SourceFile {
        parse_text(text.to_string(), "s.tf", FileKind::Hcl).unwrap()
    }

    #[test]
    fn directive_forms() {
        assert_eq!(parse_directive("# drlint:ignore"), Some((vec![], None)));
        assert_eq!(
            parse_directive("# drlint:ignore=dr-rpo,dr-geo scratch account"),
            Some((
                vec!["dr-rpo".into(), "dr-geo".into()],
                Some("scratch account".into())
            ))
        );
        assert_eq!(
            parse_directive("/* drlint:ignore=dr-rpo reason here */"),
            Some((vec!["dr-rpo".into()], Some("reason here".into())))
        );
        assert_eq!(parse_directive("// drlint:ignore   "), Some((vec![], None)));
        assert_eq!(parse_directive("# just a comment"), None);
    }

    #[test]
    fn contiguous_comment_run_above_the_header() {
        let f = file(
            "# drlint:ignore=far away\n\n# unrelated\n  // drlint:ignore=dr-rpo why not\n# drlint:ignore\nresource \"a\" \"b\" {}\n",
        );
        let found = suppressions_above(&f, 6);
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].rules, vec!["dr-rpo".to_string()]);
        assert_eq!(found[0].reason.as_deref(), Some("why not"));
        assert_eq!((found[0].location.line, found[0].location.column), (4, 3));
        assert_eq!(found[1].rules, Vec::<String>::new());
        assert_eq!(found[1].location.line, 5);
    }

    #[test]
    fn multi_line_block_comment() {
        let f = file("/*\n drlint:ignore=dr-geo legacy\n*/\nresource \"a\" \"b\" {}\n");
        let found = suppressions_above(&f, 4);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].rules, vec!["dr-geo".to_string()]);
        assert_eq!(found[0].location.line, 2);
    }

    #[test]
    fn code_line_between_stops_the_run() {
        let f = file("# drlint:ignore\nx = 1\nresource \"a\" \"b\" {}\n");
        assert!(suppressions_above(&f, 3).is_empty());
    }
}
