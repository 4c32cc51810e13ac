//! `# drlint:ignore [reason]` and `# drlint:ignore=RULE[,RULE] [reason]` above a resource block.

use crate::finding::{Finding, Severity};
use crate::rules::builtin;
use crate::terraform::ir::Resource;

/// Removes the findings the resource's suppressions silence; a suppression that silences nothing
/// becomes a warning. Returns the findings left and how many were silenced.
pub fn apply(resource: &Resource, findings: Vec<Finding>) -> (Vec<Finding>, usize) {
    if resource.suppressions.is_empty() {
        return (findings, 0);
    }
    let mut used = vec![false; resource.suppressions.len()];
    let mut kept = Vec::new();
    let mut silenced = 0;
    for finding in findings {
        let matching = resource
            .suppressions
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
    for (suppression, used) in resource.suppressions.iter().zip(used) {
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
