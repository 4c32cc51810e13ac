//! Text output in the manner of rustc: `severity[rule]: message`, `--> file:line:col`, the source
//! line, then the resource, its objective and a help line.

use std::collections::HashMap;

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};

use crate::finding::{Finding, Severity};

use super::{Render, RenderOptions};
use crate::run::Run;

/// Every finding and a summary line; with `quiet`, only the findings at or above `fail_on`
/// (none when it is `None`) and no summary line.
pub struct Text;

impl Render for Text {
    fn render(&self, run: &Run, options: &RenderOptions) -> String {
        if options.quiet {
            return match options.fail_on {
                Some(threshold) => render_findings(run, options.color, Some(threshold)),
                None => String::new(),
            };
        }
        let mut out = render_findings(run, options.color, None);
        out.push_str(&summary_line(run));
        out.push('\n');
        out
    }
}

fn render_findings(run: &Run, color: bool, threshold: Option<Severity>) -> String {
    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    let mut sources = SourceCache::default();
    let mut out = String::new();
    for reported in run
        .findings()
        .filter(|r| threshold.is_none_or(|t| r.finding.severity >= t))
    {
        let finding = reported.finding;
        let path = reported.path();
        let line_text = sources
            .line(&path, finding.location.line)
            .or_else(|| finding.source_line.clone());
        out.push_str(&render_one(&renderer, finding, &path, line_text.as_deref()));
        out.push_str("\n\n");
    }
    out
}

fn render_one(renderer: &Renderer, f: &Finding, path: &str, line_text: Option<&str>) -> String {
    let level = match f.severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
        Severity::Info => Level::INFO,
    };
    let mut notes = Vec::new();
    if let Some(resource) = &f.resource {
        notes.push(format!("resource: {resource}"));
    }
    if let Some(o) = &f.objective {
        let mut parts = vec![format!("{} tier", o.tier)];
        if let Some(rpo) = &o.rpo {
            parts.push(format!("RPO {rpo}"));
        }
        if let Some(rto) = &o.rto {
            parts.push(format!("RTO {rto}"));
        }
        notes.push(format!(
            "objective: {}, from {}",
            parts.join(", "),
            o.source
        ));
    }
    let help = format!(
        "`drlint --explain {}` says what the rule checks and how to fix it",
        f.rule
    );

    let location = format!("{path}:{}:{}", f.location.line, f.location.column);
    let title = level.primary_title(f.message.as_str()).id(f.rule);
    let mut group = match line_text {
        Some(text) if f.location.line > 0 => {
            let span = annotation_span(text, f.location.column);
            title.element(
                Snippet::source(text)
                    .line_start(f.location.line)
                    .path(path)
                    .annotation(AnnotationKind::Primary.span(span)),
            )
        }
        _ => title.element(Level::NOTE.message(format!("at {location}"))),
    };
    for note in &notes {
        group = group.element(Level::NOTE.message(note.as_str()));
    }
    group = group.element(Level::HELP.message(help.as_str()));
    let report: [Group<'_>; 1] = [group];
    renderer.render(&report).to_string()
}

/// The byte range from the 1-based character `column` to the end of the trimmed line.
fn annotation_span(text: &str, column: usize) -> std::ops::Range<usize> {
    let start = text
        .char_indices()
        .nth(column.saturating_sub(1))
        .map(|(i, _)| i)
        .unwrap_or(0);
    let end = text.trim_end().len().max(start + 1).min(text.len());
    if start >= end {
        0..text.len()
    } else {
        start..end
    }
}

fn summary_line(run: &Run) -> String {
    let s = run.summary();
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    let mut line = format!(
        "drlint: {}, {}, {} in {} ({})",
        plural(s.errors, "error"),
        plural(s.warnings, "warning"),
        plural(s.infos, "info"),
        plural(s.resources, "resource"),
        plural(s.files, "file"),
    );
    if s.suppressed > 0 {
        line.push_str(&format!("; {} suppressed", s.suppressed));
    }
    if s.baselined > 0 {
        line.push_str(&format!("; {} in the baseline", s.baselined));
    }
    line
}

#[derive(Default)]
struct SourceCache {
    files: HashMap<String, Option<Vec<String>>>,
}

impl SourceCache {
    fn line(&mut self, path: &str, line: usize) -> Option<String> {
        let lines = self.files.entry(path.to_string()).or_insert_with(|| {
            let bytes = std::fs::read(path).ok()?;
            // Snippets are for reading; a huge file is not worth holding in memory.
            if bytes.len() > 16 * 1024 * 1024 {
                return None;
            }
            Some(
                String::from_utf8_lossy(&bytes)
                    .lines()
                    .map(str::to_string)
                    .collect(),
            )
        });
        lines.as_ref()?.get(line.checked_sub(1)?).cloned()
    }
}
