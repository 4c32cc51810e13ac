//! Page templates: Markdown with `{{ .Field }}` placeholders, the syntax tfplugindocs'
//! templates use, each replaced with the text of that field. No other template logic: the
//! prose of a page is written in its template, the reference lists come from the schema.

/// A template that cannot be filled in. Lines are counted from 1.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TemplateError {
    #[error(
        "line {line} has the placeholder {{{{ {placeholder} }}}}, which is not one of {}; use one of those, or write the text into the template.",
        .known.join(", ")
    )]
    UnknownPlaceholder {
        placeholder: String,
        line: usize,
        known: Vec<String>,
    },
    #[error("line {line} opens a placeholder with {{{{ that is never closed with }}}}; close it on the same line.")]
    Unclosed { line: usize },
}

/// `template` with each `{{ .Field }}` replaced by `field(".Field")`; `known` lists the fields
/// `field` answers, for the error about any other.
pub fn fill(
    template: &str,
    known: &[&str],
    field: impl Fn(&str) -> Option<String>,
) -> Result<String, TemplateError> {
    let mut filled = String::with_capacity(template.len());
    for (index, line) in template.split_inclusive('\n').enumerate() {
        let mut rest = line;
        while let Some(open) = rest.find("{{") {
            filled.push_str(&rest[..open]);
            let after = &rest[open + 2..];
            let close = after
                .find("}}")
                .ok_or(TemplateError::Unclosed { line: index + 1 })?;
            let placeholder = after[..close].trim();
            let text = field(placeholder).ok_or_else(|| TemplateError::UnknownPlaceholder {
                placeholder: placeholder.to_owned(),
                line: index + 1,
                known: known
                    .iter()
                    .map(|name| format!("{{{{ {name} }}}}"))
                    .collect(),
            })?;
            filled.push_str(&text);
            rest = &after[close + 2..];
        }
        filled.push_str(rest);
    }
    Ok(filled)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field(name: &str) -> Option<String> {
        (name == ".Name").then(|| "widget".to_owned())
    }

    #[test]
    fn placeholders_are_replaced_and_the_rest_kept() {
        assert_eq!(
            fill(
                "# {{ .Name }} ({{.Name}})\n\nno placeholder\n",
                &[".Name"],
                field
            )
            .unwrap(),
            "# widget (widget)\n\nno placeholder\n"
        );
    }

    #[test]
    fn an_unclosed_placeholder_is_an_error_on_its_line() {
        assert_eq!(
            fill("# {{ .Name }}\n\ntext {{ .Name }\n", &[".Name"], field),
            Err(TemplateError::Unclosed { line: 3 })
        );
    }

    #[test]
    fn an_unknown_placeholder_names_the_known_ones() {
        let error = fill("a\n{{ .Nmae }}\n", &[".Name"], field).unwrap_err();
        assert_eq!(
            error.to_string(),
            "line 2 has the placeholder {{ .Nmae }}, which is not one of {{ .Name }}; use one of those, or write the text into the template."
        );
    }
}
