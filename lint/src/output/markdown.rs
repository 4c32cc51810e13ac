//! `--format markdown`: a summary fit for a pull-request comment.
//!
//! A table per tier: each checked resource, the objective it was judged against and where that
//! came from, and for each requirement (RPO, retention, geo-redundant, failover, deletion
//! protection) whether the configuration meets it: ok, violation, warning, unknown (a value only
//! known after apply), `—` when the objective does not ask for it, `n/a` when drlint has no check
//! of it for that service. Then the findings, infos folded away.
//!
//! A comment has a size limit (GitHub: 65,536 characters), so large estates list only the
//! resources with something to say, and at most [`MAX_FINDINGS`] findings.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write;

use crate::engine::assignment::Assignment;
use crate::engine::CheckedResource;
use crate::finding::{Finding, Severity};
use crate::rules::{self, Requirement};
use crate::sources;

use super::{Render, RenderOptions};
use crate::run::Run;

/// Above this many checked resources, compliant ones are counted rather than listed.
pub const MAX_LISTED_RESOURCES: usize = 150;
/// Findings listed in full; the rest are counted.
pub const MAX_FINDINGS: usize = 100;

/// A resource row: where it is, its objective, and the findings about it.
struct Row<'a> {
    resource: &'a CheckedResource,
    path: String,
    findings: Vec<&'a Finding>,
}

/// What a cell says about one requirement of one resource.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Status {
    NotRequired,
    NotApplicable,
    Ok,
    Unknown,
    Warning,
    Violation,
}

impl Status {
    fn cell(self) -> &'static str {
        match self {
            Status::NotRequired => "—",
            Status::NotApplicable => "n/a",
            Status::Ok => "✅ ok",
            Status::Unknown => "❔ unknown",
            Status::Warning => "⚠️ warning",
            Status::Violation => "❌ violation",
        }
    }
}

/// See the module's documentation.
pub struct Markdown;

impl Render for Markdown {
    fn render(&self, run: &Run, _options: &RenderOptions) -> String {
        render(run)
    }
}

fn render(run: &Run) -> String {
    let rows = rows(run);
    let summary = run.summary();
    let mut out = String::new();
    let verdict = if summary.errors > 0 {
        "❌"
    } else if summary.warnings > 0 {
        "⚠️"
    } else {
        "✅"
    };
    let _ = writeln!(
        out,
        "## {verdict} drlint: {} errors, {} warnings, {} infos in {} resources ({} files)\n",
        summary.errors, summary.warnings, summary.infos, summary.resources, summary.files
    );
    if summary.suppressed > 0 || summary.baselined > 0 {
        let _ = writeln!(
            out,
            "{} findings suppressed by `drlint:ignore` comments, {} left out by the baseline.\n",
            summary.suppressed, summary.baselined
        );
    }

    let columns = Requirement::COLUMNS;
    let list_all = rows.len() <= MAX_LISTED_RESOURCES;
    let mut by_tier: BTreeMap<(usize, String), Vec<&Row<'_>>> = BTreeMap::new();
    for row in &rows {
        let key = match &row.resource.objective {
            Some(assignment) => (0, format!("{} tier", assignment.objective.tier)),
            None => (1, "objective unknown".to_string()),
        };
        by_tier.entry(key).or_default().push(row);
    }
    for ((_, title), tier_rows) in &by_tier {
        let cells: Vec<Vec<Status>> = tier_rows
            .iter()
            .map(|row| columns.iter().map(|c| status(row, *c)).collect())
            .collect();
        let _ = writeln!(out, "### {title} ({} resources)\n", tier_rows.len());
        let _ = write!(out, "| resource | objective |");
        for column in columns {
            let _ = write!(out, " {} |", column.label());
        }
        let _ = writeln!(out, "\n|---|---|{}", "---|".repeat(columns.len()));
        let mut hidden = 0;
        for (row, cells) in tier_rows.iter().zip(&cells) {
            let clean = cells.iter().all(|s| *s <= Status::Ok);
            if !list_all && clean {
                hidden += 1;
                continue;
            }
            let _ = write!(
                out,
                "| `{}`<br>{}:{} | {} |",
                escape(&row.resource.address),
                escape(&row.path),
                row.resource.location.line,
                objective_cell(row.resource.objective.as_ref())
            );
            for cell in cells {
                let _ = write!(out, " {} |", cell.cell());
            }
            out.push('\n');
        }
        if hidden > 0 {
            let _ = writeln!(
                out,
                "\n{hidden} more resources meet every requirement of the {title}."
            );
        }
        out.push('\n');
    }
    if rows.is_empty() {
        out.push_str("No resource drlint checks was found.\n\n");
    }

    findings_section(run, &mut out);
    out
}

fn findings_section(run: &Run, out: &mut String) {
    let line = |r: &crate::run::Reported<'_>| {
        let f = r.finding;
        let resource = f
            .resource
            .as_deref()
            .map(|a| format!(" `{}`", escape(a)))
            .unwrap_or_default();
        format!(
            "- **{}** `{}`{resource} at `{}:{}`: {}\n",
            f.severity,
            f.rule,
            r.path(),
            f.location.line,
            escape(&f.message)
        )
    };
    let serious: Vec<String> = run
        .findings()
        .filter(|r| r.finding.severity > Severity::Info)
        .map(|r| line(&r))
        .collect();
    let infos: Vec<String> = run
        .findings()
        .filter(|r| r.finding.severity == Severity::Info)
        .map(|r| line(&r))
        .collect();
    if !serious.is_empty() {
        out.push_str("### Findings\n\n");
        push_capped(out, &serious);
        out.push('\n');
    }
    if !infos.is_empty() {
        let _ = writeln!(
            out,
            "<details><summary>{} info findings: what could not be checked statically</summary>\n",
            infos.len()
        );
        push_capped(out, &infos);
        out.push_str("\n</details>\n");
    }
}

fn push_capped(out: &mut String, lines: &[String]) {
    for line in lines.iter().take(MAX_FINDINGS) {
        out.push_str(line);
    }
    if lines.len() > MAX_FINDINGS {
        let _ = writeln!(
            out,
            "- … and {} more: run drlint locally for the full list",
            lines.len() - MAX_FINDINGS
        );
    }
}

/// Every checked resource with its findings; a finding folded under a block address belongs to
/// each of the block's instances.
fn rows(run: &Run) -> Vec<Row<'_>> {
    let mut rows = Vec::new();
    for (root, report) in run.reports() {
        let mut by_address: HashMap<&str, Vec<usize>> = HashMap::new();
        // Policies (dr_backup_policy, dr_failover_group, vault backup policies) are not
        // resources with objectives of their own: their findings are listed below the tables.
        for checked in report.checked.iter().filter(|c| !c.is_policy) {
            let index = rows.len();
            by_address
                .entry(checked.address.as_str())
                .or_default()
                .push(index);
            if checked.block_address != checked.address {
                by_address
                    .entry(checked.block_address.as_str())
                    .or_default()
                    .push(index);
            }
            rows.push(Row {
                resource: checked,
                path: root.display(&checked.location.file),
                findings: Vec::new(),
            });
        }
        for finding in &report.findings {
            let Some(address) = finding.resource.as_deref() else {
                continue;
            };
            let candidates = by_address
                .get(address)
                .map(Vec::as_slice)
                .unwrap_or_default();
            // Root modules can share an address: the finding's file tells them apart when it can.
            let in_same_file: Vec<usize> = candidates
                .iter()
                .copied()
                .filter(|&i| rows[i].resource.location.file == finding.location.file)
                .collect();
            let targets = if in_same_file.is_empty() {
                candidates.to_vec()
            } else {
                in_same_file
            };
            for index in targets {
                rows[index].findings.push(finding);
            }
        }
    }
    rows
}

fn status(row: &Row<'_>, requirement: Requirement) -> Status {
    let Some(Assignment { objective, .. }) = &row.resource.objective else {
        return Status::Unknown;
    };
    let required = match requirement {
        Requirement::Rpo => objective.rpo.is_some(),
        Requirement::Retention => objective.retention.is_some(),
        Requirement::GeoRedundancy => objective.geo_redundant,
        Requirement::Failover => objective.automatic_failover,
        Requirement::DeletionProtection => objective.deletion_protection,
        Requirement::Policy | Requirement::None => false,
    };
    let kind = sources::kind_of(&row.resource.resource_type);
    let checked_here = rules::registry().any(|rule| {
        let info = rule.info();
        info.requirement == requirement && kind.is_some_and(|kind| info.facts.contains(&kind))
    });
    let worst = row
        .findings
        .iter()
        .filter(|f| rules::find(f.rule).is_some_and(|info| info.requirement == requirement))
        .map(|f| f.severity)
        .max();
    match worst {
        Some(Severity::Error) => Status::Violation,
        Some(Severity::Warning) => Status::Warning,
        Some(Severity::Info) => Status::Unknown,
        None if !required => Status::NotRequired,
        None if !checked_here => Status::NotApplicable,
        None => Status::Ok,
    }
}

fn objective_cell(assignment: Option<&Assignment>) -> String {
    let Some(assignment) = assignment else {
        return "could not be determined".to_string();
    };
    let o = &assignment.objective;
    let mut parts = Vec::new();
    if let Some(rpo) = o.rpo {
        parts.push(format!("RPO {rpo}"));
    }
    if let Some(rto) = o.rto {
        parts.push(format!("RTO {rto}"));
    }
    if let Some(retention) = o.retention {
        parts.push(format!("retention {retention}"));
    }
    if parts.is_empty() {
        parts.push("no RPO or RTO".to_string());
    }
    format!(
        "{}<br>from {}",
        parts.join(", "),
        escape(&assignment.source.to_string())
    )
}

/// Table cells and list items: `|` would end a cell, `<` could open a tag.
fn escape(text: &str) -> String {
    text.replace('|', "\\|")
        .replace('<', "&lt;")
        .replace('\n', " ")
}
