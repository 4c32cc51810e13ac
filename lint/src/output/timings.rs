//! `--timings`: where a run's time went, against the cost of parsing the same files alone.
//! Printed on stderr so that it never mixes with a machine-read report on stdout.

use std::fmt::Write;
use std::time::Duration;

use drkit_terraform::ParseStats;

use crate::run::Run;

/// What `--timings` measured.
pub struct Measured<'a> {
    /// A separate pass that only reads and parses every file.
    pub parse_only: &'a ParseStats,
    pub run: &'a Run,
    /// The whole lint after the parse-only pass: load, evaluate, rules.
    pub total: Duration,
    /// The threads that loaded and checked.
    pub threads: usize,
}

pub fn render(m: &Measured<'_>) -> String {
    let mut load = drkit_terraform::LoadStats::default();
    let mut rules = Duration::ZERO;
    for (_, report) in m.run.reports() {
        load.add(&report.timings.load);
        rules += report.timings.rules;
    }
    let threads = m.threads;
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let mut out = String::new();
    let plural = if threads == 1 { "" } else { "s" };
    let _ = writeln!(out, "drlint timings ({threads} thread{plural}):");
    let _ = writeln!(
        out,
        "  parse only      {:>10.1} ms  {} files, {} bytes{}",
        ms(m.parse_only.duration),
        m.parse_only.files,
        m.parse_only.bytes,
        if m.parse_only.failed > 0 {
            format!(", {} unparseable", m.parse_only.failed)
        } else {
            String::new()
        }
    );
    let _ = writeln!(
        out,
        "  lint: read+parse{:>10.1} ms  {} modules",
        ms(load.parse_time),
        load.modules
    );
    let _ = writeln!(
        out,
        "  lint: evaluate  {:>10.1} ms  {} module instances",
        ms(load.eval_time),
        load.module_instances
    );
    let _ = writeln!(out, "  lint: rules     {:>10.1} ms", ms(rules));
    let ratio = if m.parse_only.duration.is_zero() {
        String::new()
    } else {
        format!(
            "  {:.2}x parse only",
            m.total.as_secs_f64() / m.parse_only.duration.as_secs_f64()
        )
    };
    let _ = writeln!(out, "  lint: total     {:>10.1} ms{ratio}", ms(m.total));
    out
}
