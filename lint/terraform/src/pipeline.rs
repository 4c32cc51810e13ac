//! Loading Terraform modules from disk: walk, then for each directory in parallel parse it,
//! follow its local module calls, and evaluate it as a root with its variable values; pick the
//! real root modules once every directory is done.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use rayon::prelude::*;

use super::config::ModuleConfig;
use super::discover::{walk, DirFiles, Namer};
use super::ir::{Estate, LoadIssue, LoadStats};
use super::location::{display_path, normalize, relative_display};
use super::module::{dedup_issues, evaluate_root, RootResult, World};
use super::module_store::{ModuleStore, ParsedDir};
use super::parse::{FileToParse, SourceFile};
use super::tfvars::{root_inputs, CliInputs};

/// How file names are shown: relative to the scanned directory, or to the working directory
/// when a single file was given (so that it shows as given).
pub(crate) enum Naming {
    UnderRoot(PathBuf),
    FromCwd { cwd: PathBuf, absolute: bool },
}

impl Namer for Naming {
    fn display(&self, path: &Path) -> String {
        let path = normalize(path);
        match self {
            Naming::UnderRoot(root) => relative_display(root, &path),
            Naming::FromCwd { absolute: true, .. } => display_path(&path),
            Naming::FromCwd { cwd, .. } => relative_display(cwd, &path),
        }
    }
}

/// What to load.
pub(crate) enum Target {
    /// A directory tree (absolute, normalised).
    Tree(PathBuf),
    /// A single module file (absolute, normalised), shown as `display`.
    File {
        path: PathBuf,
        display: String,
        kind: super::parse::FileKind,
    },
}

pub(crate) fn load_modules(target: &Target, naming: &Naming, cli: &CliInputs) -> Estate {
    let started = Instant::now();
    let (walked_files, walk_issues, single_file_dir) = discover(target, naming);
    let walked: BTreeSet<PathBuf> = walked_files.keys().cloned().collect();
    let store = ModuleStore::new(walked_files, naming, single_file_dir);
    let eval_nanos = AtomicU64::new(0);
    let evaluate = |dir: &Path, parsed| {
        let result = evaluate_with_callees(&store, dir, parsed, cli);
        eval_nanos.fetch_add(result.1.as_nanos() as u64, Ordering::Relaxed);
        result.0
    };

    // Each walked directory is evaluated as a root right after it is parsed, and its trees are
    // dropped when that is done. Whether it really is a root is known only once every directory
    // is parsed: a directory that some module calls is skipped if the call was seen first, and
    // its evaluation as a root is discarded if the call turns up later.
    let speculative: HashMap<PathBuf, RootResult> = store
        .walked_dirs()
        .collect::<Vec<_>>()
        .into_par_iter()
        .filter_map(|dir| {
            if store.is_called(dir) {
                return None;
            }
            let parsed = store.load_walked(dir)?;
            Some((dir.clone(), evaluate(dir, parsed)))
        })
        .collect();

    let calls = store.call_graph();
    let roots = root_modules(&calls, &walked);
    let mut results = Vec::with_capacity(roots.len());
    let mut speculative = speculative;
    for root in &roots {
        match speculative.remove(root) {
            Some(result) => results.push(result),
            // Skipped as called, yet a root: it is called only from within a call cycle.
            None => {
                if let Some(parsed) = store.load_walked(root) {
                    results.push(evaluate(root, parsed));
                }
            }
        }
    }
    release_in_background(speculative);
    let (stats, store_issues) = store.finish();

    let mut estate = Estate {
        issues: walk_issues,
        ..Estate::default()
    };
    estate.issues.extend(store_issues);
    let mut module_instances = 0;
    for result in results {
        estate.resources.extend(result.resources);
        estate.issues.extend(result.issues);
        module_instances += result.instances;
    }
    estate.issues.sort_by(|a, b| {
        a.location
            .cmp(&b.location)
            .then_with(|| a.message.cmp(&b.message))
    });
    dedup_issues(&mut estate.issues);

    // Parsing and evaluation interleave on every thread; the load's wall time is split between
    // them in proportion to the time the threads spent in each.
    let wall = started.elapsed();
    let eval_sum = Duration::from_nanos(eval_nanos.into_inner());
    let total_sum = stats.parse_time + eval_sum;
    let eval_time = if total_sum.is_zero() {
        Duration::ZERO
    } else {
        wall.mul_f64(eval_sum.as_secs_f64() / total_sum.as_secs_f64())
    };
    estate.stats = LoadStats {
        files_read: stats.files_read,
        bytes_read: stats.bytes_read,
        modules: stats.modules,
        module_instances,
        parse_time: wall.saturating_sub(eval_time),
        eval_time,
    };
    estate
}

/// Evaluates `dir` as a root module with the modules it calls; returns the result and the time
/// the evaluation took (without any parsing of called modules).
fn evaluate_with_callees(
    store: &ModuleStore<'_>,
    dir: &Path,
    parsed: Arc<ParsedDir>,
    cli: &CliInputs,
) -> (RootResult, Duration) {
    // The root comes first in its closure.
    let closure = store.closure(dir, parsed);
    let started = Instant::now();
    let world = World {
        modules: closure
            .iter()
            .map(|(dir, parsed)| {
                let files: Vec<&SourceFile> = parsed.files.iter().collect();
                (
                    dir.clone(),
                    ModuleConfig::build(dir, parsed.display.clone(), &files),
                )
            })
            .collect(),
    };
    let inputs = root_inputs(&world.modules[dir], &closure[0].1.tfvars, cli);
    let result = evaluate_root(&world, dir, inputs);
    (result, started.elapsed())
}

/// Freeing the evaluations of directories that turned out not to be roots: nothing waits for it.
fn release_in_background(unused: HashMap<PathBuf, RootResult>) {
    if unused.is_empty() {
        return;
    }
    let _ = std::thread::Builder::new()
        .name("terraform-loader-release".into())
        .spawn(move || drop(unused));
}

/// Root modules: walked directories that no loaded module calls. Directories that are only
/// called in a cycle (so never reached from a root) are roots too, so that nothing walked is
/// silently skipped.
fn root_modules(
    calls: &BTreeMap<PathBuf, BTreeSet<PathBuf>>,
    walked: &BTreeSet<PathBuf>,
) -> Vec<PathBuf> {
    let callees = |dir: &PathBuf| -> Vec<PathBuf> {
        calls
            .get(dir)
            .map_or_else(Vec::new, |callees| callees.iter().cloned().collect())
    };
    let called: BTreeSet<PathBuf> = calls.values().flatten().cloned().collect();
    let mut roots: Vec<PathBuf> = walked
        .iter()
        .filter(|d| !called.contains(*d))
        .cloned()
        .collect();
    let mut reached: BTreeSet<PathBuf> = BTreeSet::new();
    let mut stack = roots.clone();
    while let Some(dir) = stack.pop() {
        if reached.insert(dir.clone()) {
            stack.extend(callees(&dir));
        }
    }
    for dir in walked {
        if !reached.contains(dir) {
            roots.push(dir.clone());
            let mut stack = vec![dir.clone()];
            while let Some(d) = stack.pop() {
                if reached.insert(d.clone()) {
                    stack.extend(callees(&d));
                }
            }
        }
    }
    roots.sort();
    roots
}

/// The directories to load as root candidates, with their files: the walked tree, or the one
/// given file's directory with that file alone (whose `path.module` is then ".").
fn discover(
    target: &Target,
    naming: &Naming,
) -> (BTreeMap<PathBuf, DirFiles>, Vec<LoadIssue>, Option<PathBuf>) {
    match target {
        Target::Tree(root) => {
            let (dirs, issues) = walk(root, naming);
            (dirs, issues, None)
        }
        Target::File {
            path,
            display,
            kind,
        } => {
            let dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
            let files = DirFiles {
                module_files: vec![FileToParse {
                    path: path.clone(),
                    display: display.clone(),
                    kind: *kind,
                }],
                tfvars: Vec::new(),
            };
            (
                BTreeMap::from([(dir.clone(), files)]),
                Vec::new(),
                Some(dir),
            )
        }
    }
}
