//! The `drlint` command line. Exit codes: 0 nothing at or above `--fail-on`, 1 findings at or
//! above it, 2 usage error or unreadable path.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use clap::{Parser, Subcommand, ValueEnum};

use crate::finding::Severity;
use crate::lint::{lint_path, LintOptions};
use crate::model::config::Config;
use crate::output::{self, Run};
use crate::rules;
use crate::terraform::{self, LoadOptions};

#[derive(Debug, Parser)]
#[command(
    name = "drlint",
    version,
    about = "Checks that Terraform-declared Azure resources can meet their disaster-recovery objectives.",
    after_help = "Exit codes: 0 no finding at or above --fail-on, 1 findings at or above it, 2 usage error or unreadable path.",
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,

    /// Directories (walked for modules), .tf files, or `terraform show -json` plan files.
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,

    /// Tier for resources nothing else assigns a tier to (default: production).
    #[arg(long, value_name = "TIER")]
    pub default_tier: Option<String>,

    /// An extra policy pack (HCL) merged over the built-in one and `.drlint.hcl`.
    #[arg(long, value_name = "FILE")]
    pub policy: Option<PathBuf>,

    /// A tfvars file applied to every root module, after terraform.tfvars and *.auto.tfvars.
    #[arg(long = "var-file", value_name = "FILE")]
    pub var_files: Vec<PathBuf>,

    /// A variable value, `name=value`, applied last.
    #[arg(long = "var", value_name = "NAME=VALUE", value_parser = parse_var)]
    pub vars: Vec<(String, String)>,

    /// Lowest severity that makes the exit code 1.
    #[arg(long, value_enum, default_value_t = FailOn::Error)]
    pub fail_on: FailOn,

    /// Print what a rule checks, why it matters for recovery and how to fix it.
    #[arg(long, value_name = "RULE")]
    pub explain: Option<String>,

    /// When to colour text output.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,

    /// Same as --color never.
    #[arg(long)]
    pub no_color: bool,

    /// Threads to use for loading and checking (default: one per core).
    #[arg(long, short = 'j', value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub jobs: Option<u16>,

    /// Also time a parse-only pass over the same files and print where the time went (stderr).
    #[arg(long)]
    pub timings: bool,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List every rule.
    Rules {
        /// Print the full catalog in Markdown (docs/rules.md) instead of one line per rule.
        #[arg(long)]
        markdown: bool,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Text,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    Error,
    Warning,
    Never,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

fn parse_var(text: &str) -> Result<(String, String), String> {
    match text.split_once('=') {
        Some((name, value)) if !name.trim().is_empty() => Ok((name.trim().to_string(), value.to_string())),
        _ => Err(format!("{text:?} is not NAME=VALUE")),
    }
}

/// A usage problem: printed as one sentence, exit code 2.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct UsageError(pub String);

/// Runs the command line; returns the process exit code.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(&cli, &mut std::io::stdout().lock()) {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            eprintln!("drlint: {e}");
            ExitCode::from(2)
        }
    }
}

/// Runs a parsed command line, writing the report to `out`.
pub fn run(cli: &Cli, out: &mut dyn Write) -> Result<u8, UsageError> {
    let io = |e: std::io::Error| UsageError(format!("cannot write the report: {e}"));
    if let Some(Command::Rules { markdown }) = cli.command {
        if markdown {
            out.write_all(rules::catalog::markdown().as_bytes()).map_err(io)?;
            return Ok(0);
        }
        for info in rules::all_infos() {
            writeln!(out, "{:<40} {}", info.name, info.summary).map_err(io)?;
        }
        return Ok(0);
    }
    if let Some(name) = &cli.explain {
        let info = rules::find(name).ok_or_else(|| {
            let known: Vec<&str> = rules::all_infos().map(|i| i.name).collect();
            UsageError(format!("there is no rule named {name:?}; known rules: {}", known.join(", ")))
        })?;
        write!(out, "# {}\n\n{}\n\n{}", info.name, info.summary, info.explanation()).map_err(io)?;
        return Ok(0);
    }

    let paths = if cli.paths.is_empty() { vec![PathBuf::from(".")] } else { cli.paths.clone() };
    if let Some(jobs) = cli.jobs {
        set_threads(usize::from(jobs));
    }
    let parse_only = if cli.timings { Some(time_parse_only(&paths)?) } else { None };
    let started = Instant::now();
    let options = LintOptions {
        default_tier: cli.default_tier.clone(),
        load: LoadOptions { var_files: cli.var_files.clone(), vars: cli.vars.clone() },
    };

    let mut run = Run::default();
    for path in &paths {
        let mut config = config_for(path)?;
        if let Some(file) = &cli.policy {
            config.pack = config.pack.extended_from_file(file).map_err(|e| UsageError(e.to_string()))?;
        }
        if let Some(tier) = &cli.default_tier {
            if config.pack.tier(tier).is_none() {
                return Err(UsageError(format!(
                    "--default-tier {tier:?} is not a tier; known tiers are {}",
                    config.pack.tier_names().join(", ")
                )));
            }
        }
        let report = lint_path(path, &config, &options).map_err(|e| UsageError(e.to_string()))?;
        run.reports.push((path.clone(), report));
    }

    if let Some(parse_only) = &parse_only {
        let measured = output::timings::Measured { parse_only, run: &run, total: started.elapsed() };
        eprint!("{}", output::timings::render(&measured));
    }

    let rendered = match cli.format {
        Format::Text => output::text::render(&run, use_color(cli)),
        Format::Json => output::json::render(&run),
    };
    out.write_all(rendered.as_bytes()).map_err(io)?;

    let threshold = match cli.fail_on {
        FailOn::Error => Some(Severity::Error),
        FailOn::Warning => Some(Severity::Warning),
        FailOn::Never => None,
    };
    let failed = threshold.is_some_and(|t| run.findings().any(|(_, f)| f.severity >= t));
    Ok(u8::from(failed))
}

/// `--jobs`: the loader's pool and rayon's global pool (the rules) get the same size.
fn set_threads(jobs: usize) {
    terraform::set_threads(jobs);
    // Fails only when the global pool already exists (a second run in one process): keep it.
    let _ = rayon::ThreadPoolBuilder::new().num_threads(jobs).build_global();
}

/// The parse phase alone over every path, for `--timings`.
fn time_parse_only(paths: &[PathBuf]) -> Result<terraform::ParseStats, UsageError> {
    let mut total = terraform::ParseStats::default();
    for path in paths {
        let stats = terraform::parse_only(path).map_err(|e| UsageError(e.to_string()))?;
        total.files += stats.files;
        total.bytes += stats.bytes;
        total.failed += stats.failed;
        total.duration += stats.duration;
    }
    Ok(total)
}

/// `.drlint.hcl` at the scanned root (the directory given, or the folder of a file given).
fn config_for(path: &Path) -> Result<Config, UsageError> {
    let root = if path.is_dir() { path } else { path.parent().unwrap_or(Path::new(".")) };
    Config::discover(root).map_err(|e| UsageError(e.to_string()))
}

fn use_color(cli: &Cli) -> bool {
    if cli.no_color {
        return false;
    }
    match cli.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) && std::io::stdout().is_terminal()
        }
    }
}
