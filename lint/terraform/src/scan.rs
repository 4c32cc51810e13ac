//! Byte-level scanning of HCL text without parsing it, for the passes that run before (or
//! instead of) the parser: the nesting pre-scan of [`super::source`] and the parse recovery of
//! [`super::recover`]. Both must skip heredoc bodies the same way, so that a bracket or a quote
//! inside one is never taken for code.

/// The offset of the first `needle` at or after `from`.
pub(crate) fn find(bytes: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    bytes
        .get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| p + from)
}

/// Where the heredoc that starts at `start` (`<<EOF` or `<<-EOF`) ends: the offset of the line
/// break after its closing delimiter line, or the end of the text when it is never closed.
/// `None` when the `<<` at `start` does not open a heredoc (no delimiter, or no line break
/// after it). A delimiter is an identifier: letters, digits, `_` and `-`.
pub(crate) fn heredoc_end(bytes: &[u8], start: usize) -> Option<usize> {
    let mut i = start + 2;
    if bytes.get(i) == Some(&b'-') {
        i += 1;
    }
    let ident_start = i;
    while i < bytes.len()
        && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'_' || bytes[i] == b'-')
    {
        i += 1;
    }
    if i == ident_start {
        return None;
    }
    let ident = &bytes[ident_start..i];
    let first_newline = find(bytes, i, b"\n")?;
    let mut line_start = first_newline + 1;
    while line_start < bytes.len() {
        let line_end = find(bytes, line_start, b"\n").unwrap_or(bytes.len());
        if bytes[line_start..line_end].trim_ascii() == ident {
            return Some(line_end);
        }
        line_start = line_end + 1;
    }
    Some(bytes.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_heredoc_ends_at_the_break_after_its_delimiter_line() {
        let text = b"a = <<EOT\n{ [ \"\nEOT\nb = 1\n";
        assert_eq!(heredoc_end(text, 4), Some(19));
        assert_eq!(text[19], b'\n');
        let indented = b"a = <<-my-doc\n  x\n  my-doc\nb = 1";
        assert_eq!(heredoc_end(indented, 4), Some(26));
    }

    #[test]
    fn an_unclosed_heredoc_runs_to_the_end_and_a_bare_shift_is_no_heredoc() {
        assert_eq!(heredoc_end(b"a = <<EOT\nno end", 4), Some(16));
        assert_eq!(heredoc_end(b"a = << 1", 4), None);
        assert_eq!(heredoc_end(b"a = <<EOT", 4), None);
    }

    #[test]
    fn find_starts_where_asked() {
        assert_eq!(find(b"a*/b*/", 3, b"*/"), Some(4));
        assert_eq!(find(b"ab", 5, b"b"), None);
    }
}
