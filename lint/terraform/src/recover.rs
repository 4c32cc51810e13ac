//! A recovery for a gap in hcl-edit 0.10: inside an object `for` expression Terraform ignores
//! newlines (so `{ for k in x : k => a &&\n b }` is valid Terraform), but hcl-edit rejects a
//! value expression that continues on the next line. When a file fails to parse, the loader
//! retries with those newlines (and the line comments before them) turned into spaces.
//!
//! hcl-edit also rejects an object constructor that defines a key twice, which Terraform
//! accepts (the last definition wins). The retry then renames both definitions to fresh keys,
//! so that the key reads as missing (unknown) rather than failing the whole file.
//!
//! Every replacement keeps the byte length, so every span of the retried parse is also a
//! valid offset in the original text, and positions are reported against the original.

use super::scan::{find, heredoc_end};

/// What an open bracket is, for deciding whether a newline inside it matters.
#[derive(Clone, Copy, PartialEq)]
enum Frame {
    /// `{ for ... }`: newlines are insignificant (Terraform ignores them).
    ObjectFor,
    /// `{ ... }` object constructor: newlines separate items and must stay.
    Object,
    /// `[` or `(`: left alone, hcl-edit already handles newlines there.
    Other,
    /// `${ ... }` or `%{ ... }` inside a quoted string: its `}` returns to the string.
    Interpolation,
}

/// The text with newlines inside object `for` expressions replaced, or `None` when there is
/// nothing to replace.
pub(crate) fn join_object_for_lines(text: &str) -> Option<String> {
    let mut bytes = text.as_bytes().to_vec();
    let mut stack: Vec<Frame> = Vec::new();
    let mut in_string = false;
    let mut changed = false;
    let mut i = 0;
    while i < bytes.len() {
        if in_string {
            match bytes[i] {
                b'\\' => i += 1,
                b'"' | b'\n' => in_string = false,
                // `$${` and `%%{` are escapes for a literal `${` / `%{`.
                b'$' | b'%'
                    if bytes.get(i + 1) == Some(&bytes[i]) && bytes.get(i + 2) == Some(&b'{') =>
                {
                    i += 2
                }
                b'$' | b'%' if bytes.get(i + 1) == Some(&b'{') => {
                    stack.push(Frame::Interpolation);
                    in_string = false;
                    i += 1;
                }
                _ => {}
            }
            i += 1;
            continue;
        }
        let in_for = stack.last() == Some(&Frame::ObjectFor);
        match bytes[i] {
            b'"' => in_string = true,
            b'#' => {
                i = comment_to_line_end(&mut bytes, i, in_for, &mut changed);
                continue;
            }
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                i = comment_to_line_end(&mut bytes, i, in_for, &mut changed);
                continue;
            }
            b'/' if bytes.get(i + 1) == Some(&b'*') => {
                i = find(&bytes, i + 2, b"*/").map_or(bytes.len(), |end| end + 2);
                continue;
            }
            b'<' if bytes.get(i + 1) == Some(&b'<') => {
                // Past the heredoc, line break included (it ends the heredoc, not a `for` line),
                // or past the `<<` of a shift.
                i = heredoc_end(&bytes, i).map_or(i + 2, |end| (end + 1).min(bytes.len()));
                continue;
            }
            b'{' => stack.push(if starts_for(&bytes[i + 1..]) {
                Frame::ObjectFor
            } else {
                Frame::Object
            }),
            b'[' | b'(' => stack.push(Frame::Other),
            // Closing an interpolation returns to its string.
            b'}' | b']' | b')' => in_string = stack.pop() == Some(Frame::Interpolation),
            b'\n' | b'\r' if in_for => {
                bytes[i] = b' ';
                changed = true;
            }
            _ => {}
        }
        i += 1;
    }
    if !changed {
        return None;
    }
    // Only ASCII bytes were replaced by ASCII spaces, so the text is still UTF-8.
    String::from_utf8(bytes).ok()
}

/// Parses `text` with hcl-edit, retrying with the recoveries above when it fails. The error is
/// the one for the original text.
pub(crate) fn parse_with_recovery(
    text: &str,
) -> Result<hcl_edit::structure::Body, hcl_edit::parser::Error> {
    let original = match hcl_edit::parser::parse_body(text) {
        Ok(body) => return Ok(body),
        Err(err) => err,
    };
    let mut current = join_object_for_lines(text).unwrap_or_else(|| text.to_string());
    // Each retry fixes one duplicate key; a file with more is not worth the cost.
    for _ in 0..MAX_DUPLICATE_KEY_RETRIES {
        match hcl_edit::parser::parse_body(&current) {
            Ok(body) => return Ok(body),
            Err(err) if err.message().contains("redefined object key") => {
                match rename_duplicate_key(&current, err.location().offset()) {
                    Some(renamed) => current = renamed,
                    None => break,
                }
            }
            Err(_) => break,
        }
    }
    Err(original)
}

const MAX_DUPLICATE_KEY_RETRIES: usize = 16;

/// Renames the key defined again at `offset` and its closest earlier definition.
fn rename_duplicate_key(text: &str, offset: usize) -> Option<String> {
    let bytes = text.as_bytes();
    let rest = bytes.get(offset..)?;
    let quoted = rest.first() == Some(&b'"');
    let key_len = if quoted {
        1 + rest[1..].iter().position(|b| *b == b'"')? + 1
    } else {
        rest.iter()
            .position(|b| !(b.is_ascii_alphanumeric() || *b == b'_' || *b == b'-'))?
    };
    if key_len == 0 {
        return None;
    }
    let key = &bytes[offset..offset + key_len];
    let earlier = (0..offset).rev().find(|&start| {
        bytes[start..].starts_with(key)
            && (start == 0 || !is_ident_byte(bytes[start - 1]))
            && starts_object_item(&bytes[..start])
            && bytes[start + key_len..]
                .iter()
                .find(|b| !b.is_ascii_whitespace() || **b == b'\n')
                .is_some_and(|b| *b == b'=' || *b == b':')
    })?;
    let mut out = text.to_string();
    for start in [earlier, offset] {
        let fresh = fresh_key(&out, key_len, quoted)?;
        out.replace_range(start..start + key_len, &fresh);
    }
    Some(out)
}

/// Whether a key can start right after `before`: at the start of a line, or after `{` or `,`.
fn starts_object_item(before: &[u8]) -> bool {
    match before.iter().rev().find(|b| **b != b' ' && **b != b'\t') {
        None | Some(b'\n' | b'{' | b',') => true,
        Some(_) => false,
    }
}

fn is_ident_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b == b'-'
}

/// A key of `len` bytes that does not occur as a word in `text`.
fn fresh_key(text: &str, len: usize, quoted: bool) -> Option<String> {
    let inner = if quoted { len.checked_sub(2)? } else { len };
    if inner == 0 {
        return None;
    }
    const LETTERS: &[u8] = b"_abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    (0..100_000usize).find_map(|mut n| {
        let mut body = vec![b'_'; inner];
        for slot in body.iter_mut().rev() {
            *slot = LETTERS[n % LETTERS.len()];
            n /= LETTERS.len();
        }
        if n > 0 {
            return None;
        }
        let body = String::from_utf8(body).ok()?;
        let candidate = if quoted { format!("\"{body}\"") } else { body };
        (!contains_word(text, &candidate)).then_some(candidate)
    })
}

fn contains_word(text: &str, word: &str) -> bool {
    let bytes = text.as_bytes();
    text.match_indices(word).any(|(start, _)| {
        let end = start + word.len();
        (start == 0 || !is_ident_byte(bytes[start - 1]))
            && (end >= bytes.len() || !is_ident_byte(bytes[end]))
    })
}

/// Whether the text after `{` starts with the `for` keyword.
fn starts_for(rest: &[u8]) -> bool {
    let trimmed = rest.trim_ascii_start();
    trimmed.starts_with(b"for") && trimmed.get(3).is_some_and(|b| b.is_ascii_whitespace())
}

/// Blanks a line comment and the newline ending it when inside an object `for` expression.
fn comment_to_line_end(bytes: &mut [u8], start: usize, in_for: bool, changed: &mut bool) -> usize {
    let end = find(bytes, start, b"\n").unwrap_or(bytes.len());
    if in_for {
        for b in &mut bytes[start..end] {
            *b = b' ';
        }
        if end < bytes.len() {
            bytes[end] = b' ';
        }
        *changed = true;
    }
    end + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn newlines_inside_object_for_become_spaces() {
        let text = "a = {\n  for k in x :\n  k => k &&\n  true # why\n}\nb = 1\n";
        let fixed = join_object_for_lines(text).unwrap();
        assert_eq!(fixed.len(), text.len());
        assert_eq!(
            fixed,
            "a = {   for k in x :   k => k &&   true       }\nb = 1\n"
        );
    }

    #[test]
    fn nested_objects_strings_and_heredocs_are_kept() {
        // Newlines of a nested object constructor separate its items and stay.
        let text = "a = { for k in x : k => {\n  n = \"}\\n\"\n  m = <<EOT\n{ for\nEOT\n} }\n";
        assert_eq!(join_object_for_lines(text), None);
        let text = "a = { for k in x : k => merge({\n  n = \"}\\n\"\n}, y)\n}\n";
        assert_eq!(
            join_object_for_lines(text).unwrap(),
            "a = { for k in x : k => merge({\n  n = \"}\\n\"\n}, y) }\n"
        );
        assert_eq!(join_object_for_lines("a = [\n for x in y : x\n]\n"), None);
        assert_eq!(join_object_for_lines("a = { format = 1\n}\n"), None);
    }

    #[test]
    fn strings_with_interpolations_are_skipped_whole() {
        let text =
            "a = { for l in x :\n  l => try(q,\n  \"${p}-c-${l}$${lit}}\")\n}\nb = {\n  c = 1\n}\n";
        let fixed = join_object_for_lines(text).unwrap();
        assert_eq!(
            fixed,
            "a = { for l in x :   l => try(q,\n  \"${p}-c-${l}$${lit}}\") }\nb = {\n  c = 1\n}\n"
        );
    }

    #[test]
    fn duplicate_object_keys_become_unknown_instead_of_failing() {
        let text = "a = {\n  k = 1\n  j = 2\n  k = 3\n}\nb = { \"q\" = 1, \"q\" = 2 }\n";
        let body = parse_with_recovery(text).unwrap();
        let a = body.get_attribute("a").unwrap().value.as_object().unwrap();
        assert_eq!(a.len(), 3);
        assert!(!a
            .iter()
            .any(|(key, _)| key.as_ident().is_some_and(|k| k.as_str() == "k")));
        assert!(a
            .iter()
            .any(|(key, _)| key.as_ident().is_some_and(|k| k.as_str() == "j")));
        assert!(body.get_attribute("b").is_some());
    }

    #[test]
    fn unrecoverable_errors_are_the_original_ones() {
        let direct =
            hcl_edit::parser::parse_body("a = { for k in x : k => k &&\n }\nb = [\n").unwrap_err();
        let err = parse_with_recovery("a = { for k in x : k => k &&\n }\nb = [\n").unwrap_err();
        assert_eq!(err, direct);
    }

    #[test]
    fn recovered_text_parses_where_the_original_does_not() {
        let text = "a = { for x in y : x => x ?\n 1 :\n 2 }\nb = { for k, v in m : k => v.enabled &&\n anytrue([true]) }\n";
        assert!(hcl_edit::parser::parse_body(text).is_err());
        let fixed = join_object_for_lines(text).unwrap();
        assert!(hcl_edit::parser::parse_body(&fixed).is_ok());
    }
}
