//! Loading Terraform the way Terraform does: modules, variables, locals, expressions, plan JSON.
//!
//! [`Loader::load`] turns a path into an [`Estate`]: every managed resource instance, evaluated as far as
//! it can be known before apply, with its source location. Anything that could not be read,
//! parsed or followed is a [`LoadIssue`] in the estate; only an unusable top-level path or
//! `--var-file` is a [`LoadError`].

mod comments;
mod config;
mod discover;
pub mod eval;
pub mod ir;
mod location;
mod module;
mod module_store;
mod parse;
mod pipeline;
mod plan_json;
mod recover;
mod scan;
mod source;
mod syntax;
mod tfvars;
pub mod value;

#[cfg(test)]
mod tests;

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use rayon::prelude::*;

pub use ir::{Estate, LoadStats};
pub use location::normalize as normalize_path;

use location::{display_path, normalize};
use parse::{parse_file, FileKind, FileToParse};
use pipeline::{load_modules, Naming, Target};
use tfvars::{assignments, CliInputs, CliVar};

/// Values given on the command line.
#[derive(Debug, Clone, Default)]
pub struct LoadOptions {
    /// `--var-file` paths, in the order given.
    pub var_files: Vec<PathBuf>,
    /// `--var NAME=VALUE` pairs, in the order given.
    pub vars: Vec<(String, String)>,
}

/// A usage error: the path to scan or a `--var-file` cannot be used at all.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("The path {path} cannot be read: {source}.")]
    Unreadable { path: String, source: io::Error },
    #[error("The variables file {path} cannot be used: {reason}")]
    VarFile { path: String, reason: String },
}

/// What [`Loader::parse_only`] did: the cost of reading and parsing alone.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ParseStats {
    pub files: usize,
    pub bytes: u64,
    /// Files that could not be read or parsed.
    pub failed: usize,
    pub duration: Duration,
}

/// Stack size of the loader's threads. Parsing is bounded by hcl-edit's nesting limit and
/// evaluation by [`eval::MAX_EVAL_DEPTH`]; this leaves ample room for both.
const LOADER_STACK_BYTES: usize = 256 * 1024 * 1024;

/// Loads Terraform on a thread pool of its own (large stacks for deep expressions). One loader
/// serves any number of loads; the caller can run its own parallel work on the same threads
/// with [`Loader::install`], so that one `--jobs` setting bounds everything.
pub struct Loader {
    /// `None` when the pool could not be built: work then runs on the calling thread.
    pool: Option<rayon::ThreadPool>,
}

impl Loader {
    /// A loader with `threads` threads; 0 lets rayon decide (`RAYON_NUM_THREADS`, else one per
    /// core).
    pub fn new(threads: usize) -> Loader {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .stack_size(LOADER_STACK_BYTES)
            .thread_name(|i| format!("terraform-loader-{i}"))
            .build()
            .ok();
        Loader { pool }
    }

    /// How many threads the loader runs on.
    pub fn threads(&self) -> usize {
        self.pool
            .as_ref()
            .map_or(1, rayon::ThreadPool::current_num_threads)
    }

    /// Runs `f` on the loader's threads: rayon's parallel iterators inside it use them.
    pub fn install<T: Send>(&self, f: impl FnOnce() -> T + Send) -> T {
        match &self.pool {
            Some(pool) => pool.install(f),
            None => f(),
        }
    }

    /// Loads `path`: a directory of Terraform modules, a single `.tf` / `.tf.json` file, or a
    /// `terraform show -json` plan (`.json`).
    pub fn load(&self, path: &Path, options: &LoadOptions) -> Result<Estate, LoadError> {
        self.install(|| load_on_pool(path, options))
    }

    /// Reads and parses every file [`Loader::load`] would, without evaluating anything.
    pub fn parse_only(&self, path: &Path) -> Result<ParseStats, LoadError> {
        self.install(|| parse_only_on_pool(path))
    }
}

/// Loads `path` with a loader of one thread per core (see [`Loader::load`]).
pub fn load(path: &Path, options: &LoadOptions) -> Result<Estate, LoadError> {
    Loader::new(0).load(path, options)
}

fn load_on_pool(path: &Path, options: &LoadOptions) -> Result<Estate, LoadError> {
    let target = resolve_target(path)?;
    if let Target::File {
        path: file,
        display,
        ..
    } = &target
    {
        if is_plan_file(file) {
            return Ok(plan_json::load_plan(file, display));
        }
    }
    let cli = read_cli_inputs(options)?;
    let naming = naming_for(path, &target);
    Ok(load_modules(&target, &naming, &cli))
}

fn parse_only_on_pool(path: &Path) -> Result<ParseStats, LoadError> {
    {
        let start = Instant::now();
        let target = resolve_target(path)?;
        let naming = naming_for(path, &target);
        let files: Vec<FileToParse> = match &target {
            Target::Tree(root) => {
                let (dirs, _) = discover::walk(root, &naming);
                dirs.into_values()
                    .flat_map(|d| d.module_files.into_iter().chain(d.tfvars))
                    .collect()
            }
            Target::File {
                path,
                display,
                kind,
            } => {
                vec![FileToParse {
                    path: path.clone(),
                    display: display.clone(),
                    kind: *kind,
                }]
            }
        };
        let results: Vec<Option<u64>> = files
            .par_iter()
            .map(|f| {
                if is_plan_file(&f.path) {
                    fs::read_to_string(&f.path)
                        .ok()
                        .filter(|text| serde_json::from_str::<serde_json::Value>(text).is_ok())
                        .map(|text| text.len() as u64)
                } else {
                    parse_file(f).ok().map(|parsed| parsed.text.len() as u64)
                }
            })
            .collect();
        Ok(ParseStats {
            files: results.len(),
            bytes: results.iter().flatten().sum(),
            failed: results.iter().filter(|r| r.is_none()).count(),
            duration: start.elapsed(),
        })
    }
}

fn unreadable(path: &Path, source: io::Error) -> LoadError {
    LoadError::Unreadable {
        path: display_path(path),
        source,
    }
}

fn absolute(path: &Path) -> Result<PathBuf, LoadError> {
    std::path::absolute(path)
        .map(|p| normalize(&p))
        .map_err(|e| unreadable(path, e))
}

/// Checks that `path` can be read and decides how to load it.
fn resolve_target(path: &Path) -> Result<Target, LoadError> {
    let metadata = fs::metadata(path).map_err(|e| unreadable(path, e))?;
    let absolute = absolute(path)?;
    if metadata.is_dir() {
        fs::read_dir(path).map_err(|e| unreadable(path, e))?;
        return Ok(Target::Tree(absolute));
    }
    fs::File::open(path).map_err(|e| unreadable(path, e))?;
    let kind = FileKind::of_module_file(path).unwrap_or(FileKind::Hcl);
    Ok(Target::File {
        path: absolute,
        display: display_path(path),
        kind,
    })
}

/// A `.json` file that is not Terraform JSON syntax (`.tf.json`) is a plan.
fn is_plan_file(path: &Path) -> bool {
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default();
    name.ends_with(".json") && !name.ends_with(".tf.json") && !name.ends_with(".tfvars.json")
}

fn naming_for(given: &Path, target: &Target) -> Naming {
    match target {
        Target::Tree(root) => Naming::UnderRoot(root.clone()),
        Target::File { .. } => Naming::FromCwd {
            cwd: std::env::current_dir()
                .map(|d| normalize(&d))
                .unwrap_or_default(),
            absolute: given.is_absolute(),
        },
    }
}

fn read_cli_inputs(options: &LoadOptions) -> Result<CliInputs, LoadError> {
    let mut cli = CliInputs::default();
    for path in &options.var_files {
        let display = display_path(path);
        let kind = if display.ends_with(".json") {
            FileKind::Json
        } else {
            FileKind::Hcl
        };
        let file = FileToParse {
            path: path.clone(),
            display: display.clone(),
            kind,
        };
        let parsed = parse_file(&file).map_err(|issue| LoadError::VarFile {
            path: display.clone(),
            reason: issue.message,
        })?;
        let (values, issues) = assignments(&parsed);
        if let Some(issue) = issues.into_iter().next() {
            return Err(LoadError::VarFile {
                path: display,
                reason: issue.message,
            });
        }
        cli.var_files.push(values);
    }
    cli.vars = options
        .vars
        .iter()
        .map(|(name, text)| CliVar::new(name, text))
        .collect();
    Ok(cli)
}
