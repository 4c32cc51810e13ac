//! `# drlint:ignore [reason]` and `# drlint:ignore=RULE[,RULE] [reason]` above a resource block.
//!
//! The loader hands over the comment lines right above each `resource` header (written with
//! `#`, `//` or `/* ... */`, in one contiguous run) and the `"//"` comments of JSON syntax;
//! the directives are read from those here.

use std::sync::OnceLock;

use regex::Regex;

use crate::finding::{Finding, Severity};
use crate::rules::builtin;
use drkit_terraform::ir::{Comment, Location, Resource};

/// A `# drlint:ignore` comment right above a resource block.
#[derive(Debug, Clone, PartialEq)]
pub struct Suppression {
    /// Empty means all rules.
    pub rules: Vec<String>,
    pub reason: Option<String>,
    pub location: Location,
}

fn directive() -> &'static Regex {
    static DIRECTIVE: OnceLock<Regex> = OnceLock::new();
    DIRECTIVE.get_or_init(|| {
        Regex::new(
            r"drlint:ignore(?:=(?P<rules>[^\s*]+))?(?:[ \t]+(?P<reason>.*?))?[ \t]*(?:\*/.*)?$",
        )
        .expect("the suppression pattern is a valid regex")
    })
}

/// The suppression one comment writes, if it is a directive.
pub fn parse_suppression(comment: &Comment) -> Option<Suppression> {
    if !comment.text.contains("drlint:ignore") {
        return None;
    }
    let captures = directive().captures(&comment.text)?;
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
    Some(Suppression {
        rules,
        reason,
        location: comment.location.clone(),
    })
}

/// The suppressions written above a resource, top to bottom.
pub fn suppressions(resource: &Resource) -> Vec<Suppression> {
    resource
        .leading_comments
        .iter()
        .filter_map(parse_suppression)
        .collect()
}

/// Removes the findings the resource's suppressions silence; a suppression that silences nothing
/// becomes a warning. Returns the findings left and how many were silenced.
pub fn apply(resource: &Resource, findings: Vec<Finding>) -> (Vec<Finding>, usize) {
    let suppressions = suppressions(resource);
    if suppressions.is_empty() {
        return (findings, 0);
    }
    let mut used = vec![false; suppressions.len()];
    let mut kept = Vec::new();
    let mut silenced = 0;
    for finding in findings {
        let matching = suppressions
            .iter()
            .position(|s| s.rules.is_empty() || s.rules.iter().any(|r| r == finding.rule));
        match matching {
            Some(i) => {
                used[i] = true;
                silenced += 1;
            }
            None => kept.push(finding),
        }
    }
    for (suppression, used) in suppressions.iter().zip(used) {
        if used {
            continue;
        }
        let what = if suppression.rules.is_empty() {
            "any finding".to_string()
        } else {
            format!("a finding of {}", suppression.rules.join(", "))
        };
        let unknown: Vec<&str> = suppression
            .rules
            .iter()
            .filter(|r| crate::rules::find(r).is_none())
            .map(String::as_str)
            .collect();
        let hint = if unknown.is_empty() {
            "remove the comment".to_string()
        } else {
            format!(
                "{} is not a rule name (see `drlint rules`)",
                unknown.join(", ")
            )
        };
        kept.push(Finding {
            rule: builtin::UNUSED_SUPPRESSION.name,
            severity: Severity::Warning,
            resource: Some(resource.address()),
            location: suppression.location.clone(),
            message: format!(
                "this drlint:ignore comment silences nothing: {} has no {what}; {hint}",
                resource.address()
            ),
            objective: None,
            source_line: None,
        });
    }
    (kept, silenced)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::lint_hcl_resources;

    fn parse(text: &str) -> Option<(Vec<String>, Option<String>)> {
        let comment = Comment {
            text: text.to_string(),
            location: Location::default(),
        };
        parse_suppression(&comment).map(|s| (s.rules, s.reason))
    }

    #[test]
    fn directive_forms() {
        assert_eq!(parse("# drlint:ignore"), Some((vec![], None)));
        assert_eq!(
            parse("# drlint:ignore=dr-rpo,dr-geo scratch account"),
            Some((
                vec!["dr-rpo".into(), "dr-geo".into()],
                Some("scratch account".into())
            ))
        );
        assert_eq!(
            parse("/* drlint:ignore=dr-rpo reason here */"),
            Some((vec!["dr-rpo".into()], Some("reason here".into())))
        );
        assert_eq!(parse("// drlint:ignore   "), Some((vec![], None)));
        assert_eq!(parse("# just a comment"), None);
    }

    #[test]
    fn suppressions_are_read_from_the_comments_above_each_resource() {
        let resources = lint_hcl_resources(
            "# drlint:ignore=far away\n\n# unrelated\n  // drlint:ignore=dr-rpo why not\n# drlint:ignore\nresource \"azurerm_cosmosdb_account\" \"a\" {}\n\n/*\n drlint:ignore=dr-geo legacy\n*/\nresource \"azurerm_cosmosdb_account\" \"b\" {}\n\n# drlint:ignore\nx = 1\nresource \"azurerm_cosmosdb_account\" \"c\" {}\n",
        );
        let found = suppressions(&resources[0]);
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].rules, vec!["dr-rpo".to_string()]);
        assert_eq!(found[0].reason.as_deref(), Some("why not"));
        assert_eq!((found[0].location.line, found[0].location.column), (4, 3));
        assert_eq!(found[1].rules, Vec::<String>::new());
        assert_eq!(found[1].location.line, 5);
        let found = suppressions(&resources[1]);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].rules, vec!["dr-geo".to_string()]);
        assert_eq!(found[0].location.line, 9);
        assert!(suppressions(&resources[2]).is_empty());
    }

    #[test]
    fn json_comment_suppressions() {
        let resources = crate::rules::testing::load_files(&[(
            "main.tf.json",
            r#"{"resource": {"azurerm_key_vault": {"kv": {"//": "drlint:ignore=dr-purge reason", "name": "x"}}}}"#,
        )]);
        let found = suppressions(&resources[0]);
        assert_eq!(found[0].rules, vec!["dr-purge".to_string()]);
        assert_eq!(found[0].reason.as_deref(), Some("reason"));
        assert_eq!(found[0].location, resources[0].location);
    }
}
