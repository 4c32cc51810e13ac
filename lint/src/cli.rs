//! The `drlint` command line. Exit codes: 0 nothing at or above `--fail-on`, 1 findings at or
//! above it, 2 usage error or unreadable path.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use clap::{Parser, Subcommand, ValueEnum};

use crate::baseline::Baseline;
use crate::config::{init_template, Config, CONFIG_FILE_NAME};
use crate::engine::{LintOptions, Linter};
use crate::finding::Severity;
use crate::output::{self, Format, RenderOptions};
use crate::rules;
use crate::run::Run;
use drkit_terraform::{LoadOptions, ParseStats};

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

    /// Output format: text for people, json for scripts, sarif for GitHub code scanning, junit
    /// for CI dashboards, markdown for a pull-request comment.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,

    /// Leave out the findings this baseline file holds (see --write-baseline).
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,

    /// Record the fingerprints of this run's findings in FILE, to pass to --baseline later.
    #[arg(long, value_name = "FILE")]
    pub write_baseline: Option<PathBuf>,

    /// Text output: print only findings at or above --fail-on, and no summary line.
    #[arg(long, short = 'q')]
    pub quiet: bool,

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
    /// Write a commented `.drlint.hcl` showing every setting.
    Init {
        /// The folder to write it in.
        #[arg(default_value = ".")]
        dir: PathBuf,
        /// Replace an existing `.drlint.hcl`.
        #[arg(long)]
        force: bool,
    },
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
        Some((name, value)) if !name.trim().is_empty() => {
            Ok((name.trim().to_string(), value.to_string()))
        }
        _ => Err(format!("{text:?} is not NAME=VALUE")),
    }
}

/// Why a run could not complete: printed as one sentence, exit code 2.
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    /// A bad argument, an unreadable path or configuration.
    #[error("{0}")]
    Usage(String),
    #[error("cannot write the report: {0}")]
    Output(#[source] std::io::Error),
}

/// Runs the command line; returns the process exit code.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(&cli, &mut std::io::stdout().lock()) {
        Ok(code) => ExitCode::from(code),
        // The reader went away (`drlint | head`): nothing more to say, and nobody to say it to.
        Err(CliError::Output(e)) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::from(2),
        Err(e) => {
            eprintln!("drlint: {e}");
            ExitCode::from(2)
        }
    }
}

/// Runs a parsed command line, writing the report to `out`.
pub fn run(cli: &Cli, out: &mut dyn Write) -> Result<u8, CliError> {
    let io = CliError::Output;
    match &cli.command {
        Some(Command::Rules { markdown: true }) => {
            out.write_all(rules::catalog::markdown().as_bytes())
                .map_err(io)?;
            return Ok(0);
        }
        Some(Command::Rules { markdown: false }) => {
            for info in rules::all_infos() {
                writeln!(out, "{:<40} {}", info.name, info.summary).map_err(io)?;
            }
            return Ok(0);
        }
        Some(Command::Init { dir, force }) => {
            let path = init(dir, *force)?;
            writeln!(
                out,
                "wrote {}; edit it, then run drlint {}",
                path.display(),
                dir.display()
            )
            .map_err(io)?;
            return Ok(0);
        }
        None => {}
    }
    if let Some(name) = &cli.explain {
        let info = rules::find(name).ok_or_else(|| {
            let known: Vec<&str> = rules::all_infos().map(|i| i.name).collect();
            CliError::Usage(format!(
                "there is no rule named {name:?}; known rules: {}",
                known.join(", ")
            ))
        })?;
        write!(
            out,
            "# {}\n\n{}\n\n{}",
            info.name,
            info.summary,
            info.explanation()
        )
        .map_err(io)?;
        return Ok(0);
    }

    let paths = if cli.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        cli.paths.clone()
    };
    let options = LintOptions {
        default_tier: cli.default_tier.clone(),
        load: LoadOptions {
            var_files: cli.var_files.clone(),
            vars: cli.vars.clone(),
        },
        jobs: cli.jobs.map_or(0, usize::from),
    };
    let linter = Linter::new(options);
    let parse_only = if cli.timings {
        Some(time_parse_only(&linter, &paths)?)
    } else {
        None
    };
    let started = Instant::now();

    let mut run = Run::default();
    for path in &paths {
        let mut config = config_for(path)?;
        if let Some(file) = &cli.policy {
            config.pack = config
                .pack
                .extended_from_file(file)
                .map_err(|e| CliError::Usage(e.to_string()))?;
        }
        if let Some(tier) = &cli.default_tier {
            if config.pack.tier(tier).is_none() {
                return Err(CliError::Usage(format!(
                    "--default-tier {tier:?} is not a tier; known tiers are {}",
                    config.pack.tier_names().join(", ")
                )));
            }
        }
        let report = linter
            .lint_path(path, &config)
            .map_err(|e| CliError::Usage(e.to_string()))?;
        run.add(path.clone(), report);
    }
    if let Some(file) = &cli.write_baseline {
        Baseline::of_run(&run)
            .write(file)
            .map_err(|e| CliError::Usage(e.to_string()))?;
    }
    if let Some(file) = &cli.baseline {
        Baseline::read(file)
            .map_err(|e| CliError::Usage(e.to_string()))?
            .apply(&mut run);
    }
    let threshold = match cli.fail_on {
        FailOn::Error => Some(Severity::Error),
        FailOn::Warning => Some(Severity::Warning),
        FailOn::Never => None,
    };

    if let Some(parse_only) = &parse_only {
        let measured = output::timings::Measured {
            parse_only,
            run: &run,
            total: started.elapsed(),
            threads: linter.threads(),
        };
        eprint!("{}", output::timings::render(&measured));
    }

    let options = RenderOptions {
        color: use_color(cli),
        fail_on: threshold,
        quiet: cli.quiet,
    };
    let rendered = cli.format.renderer().render(&run, &options);
    out.write_all(rendered.as_bytes()).map_err(io)?;
    Ok(u8::from(run.fails(threshold)))
}

/// `drlint init`: writes the commented configuration template; never overwrites unless asked.
fn init(dir: &Path, force: bool) -> Result<PathBuf, CliError> {
    if !dir.is_dir() {
        return Err(CliError::Usage(format!(
            "{} is not a folder; create it first or name another",
            dir.display()
        )));
    }
    let path = dir.join(CONFIG_FILE_NAME);
    if path.exists() && !force {
        return Err(CliError::Usage(format!(
            "{} already exists; pass --force to replace it",
            path.display()
        )));
    }
    std::fs::write(&path, init_template())
        .map_err(|e| CliError::Usage(format!("cannot write {}: {e}", path.display())))?;
    Ok(path)
}

/// The parse phase alone over every path, for `--timings`.
fn time_parse_only(linter: &Linter, paths: &[PathBuf]) -> Result<ParseStats, CliError> {
    let mut total = ParseStats::default();
    for path in paths {
        let stats = linter
            .parse_only(path)
            .map_err(|e| CliError::Usage(e.to_string()))?;
        total.files += stats.files;
        total.bytes += stats.bytes;
        total.failed += stats.failed;
        total.duration += stats.duration;
    }
    Ok(total)
}

/// `.drlint.hcl` at the scanned root (the directory given, or the folder of a file given).
fn config_for(path: &Path) -> Result<Config, CliError> {
    let root = if path.is_dir() {
        path
    } else {
        path.parent().unwrap_or(Path::new("."))
    };
    Config::discover(root).map_err(|e| CliError::Usage(e.to_string()))
}

fn use_color(cli: &Cli) -> bool {
    if cli.no_color {
        return false;
    }
    match cli.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                && std::io::stdout().is_terminal()
        }
    }
}
