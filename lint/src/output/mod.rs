//! Renderers for a run's findings, one file per format behind one [`Render`] trait: rustc-like
//! text, one JSON object, SARIF 2.1.0, JUnit XML and a Markdown summary for pull requests.
//! Adding a format is one file implementing [`Render`] and one [`Format`] entry.

pub mod json;
pub mod junit;
pub mod markdown;
pub mod sarif;
pub mod text;
pub mod timings;

use crate::finding::Severity;
use crate::run::Run;

/// The formats drlint writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "cli", derive(clap::ValueEnum))]
pub enum Format {
    Text,
    Json,
    Sarif,
    Junit,
    Markdown,
}

impl Format {
    /// The renderer of this format.
    pub fn renderer(self) -> &'static dyn Render {
        match self {
            Format::Text => &text::Text,
            Format::Json => &json::Json,
            Format::Sarif => &sarif::Sarif,
            Format::Junit => &junit::Junit,
            Format::Markdown => &markdown::Markdown,
        }
    }
}

/// What a renderer may take into account beyond the run itself.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RenderOptions {
    /// ANSI styling (text).
    pub color: bool,
    /// The lowest severity that fails the run (`--fail-on`; `None`: never): text `--quiet`
    /// shows only these, JUnit makes them failures.
    pub fail_on: Option<Severity>,
    /// Only the findings that fail the run, no summary (text).
    pub quiet: bool,
}

/// Turns a run into one output format.
pub trait Render: Sync {
    fn render(&self, run: &Run, options: &RenderOptions) -> String;
}
