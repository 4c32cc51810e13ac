//! Loading Terraform modules from disk: walk, parse in parallel, follow local module calls,
//! pick the root modules, and evaluate each root with its variable values.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::time::Instant;

use rayon::prelude::*;

use super::config::{local_module_dirs, ModuleConfig, ModuleSource};
use super::discover::{list_dir, walk, DirFiles, Namer};
use super::ir::{Estate, LoadIssue, LoadStats};
use super::location::{display_path, normalize, relative_display};
use super::module::{dedup_issues, evaluate_root, World};
use super::parse::{parse_file, FileToParse, SourceFile};
use super::tfvars::{assignments, root_inputs, Assignments, CliInputs};

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

/// One module directory, parsed.
struct ParsedDir {
    display: String,
    files: Vec<SourceFile>,
    tfvars: Vec<Assignments>,
}

/// Everything read from disk.
struct Parsed {
    dirs: BTreeMap<PathBuf, ParsedDir>,
    /// Directories found by walking (candidates for root modules), as opposed to directories
    /// reached only through module calls.
    walked: BTreeSet<PathBuf>,
    issues: Vec<LoadIssue>,
    files_read: usize,
    bytes_read: u64,
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
    let parse_start = Instant::now();
    let mut parsed = read_everything(target, naming);
    let parse_time = parse_start.elapsed();

    let eval_start = Instant::now();
    let configs: HashMap<PathBuf, ModuleConfig<'_>> = parsed
        .dirs
        .iter()
        .map(|(dir, parsed_dir)| {
            let files: Vec<&SourceFile> = parsed_dir.files.iter().collect();
            (
                dir.clone(),
                ModuleConfig::build(dir, parsed_dir.display.clone(), &files),
            )
        })
        .collect();
    let roots = root_modules(&configs, &parsed.walked);
    let cwd = match target {
        Target::Tree(root) => root.clone(),
        Target::File { path, .. } => path.parent().map(Path::to_path_buf).unwrap_or_default(),
    };
    let world = World {
        modules: configs,
        cwd: display_path(&cwd),
    };
    let results: Vec<_> = roots
        .par_iter()
        .map(|dir| {
            let config = &world.modules[dir];
            let tfvars = parsed
                .dirs
                .get(dir)
                .map(|d| d.tfvars.as_slice())
                .unwrap_or_default();
            evaluate_root(&world, dir, root_inputs(config, tfvars, cli))
        })
        .collect();
    let eval_time = eval_start.elapsed();

    let mut estate = Estate {
        issues: std::mem::take(&mut parsed.issues),
        ..Estate::default()
    };
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
    estate.stats = LoadStats {
        files_read: parsed.files_read,
        bytes_read: parsed.bytes_read,
        modules: world.modules.len(),
        module_instances,
        parse_time,
        eval_time,
    };
    drop(world);
    release_in_background(parsed.dirs);
    estate
}

/// Freeing every syntax tree takes a noticeable share of a large load; nothing waits for it,
/// so it happens on its own thread (inline if no thread can be started).
fn release_in_background(dirs: BTreeMap<PathBuf, ParsedDir>) {
    let _ = std::thread::Builder::new()
        .name("drlint-release".into())
        .spawn(move || drop(dirs));
}

/// Root modules: walked directories that no loaded module calls. Directories that are only
/// called in a cycle (so never reached from a root) are roots too, so that nothing walked is
/// silently skipped.
fn root_modules(
    configs: &HashMap<PathBuf, ModuleConfig<'_>>,
    walked: &BTreeSet<PathBuf>,
) -> Vec<PathBuf> {
    let callees = |dir: &PathBuf| -> Vec<PathBuf> {
        configs.get(dir).map_or_else(Vec::new, |config| {
            config
                .module_calls
                .iter()
                .filter_map(|call| match &call.source {
                    ModuleSource::Local(target)
                        if configs.contains_key(target) && target != dir =>
                    {
                        Some(target.clone())
                    }
                    _ => None,
                })
                .collect()
        })
    };
    let called: BTreeSet<PathBuf> = configs.keys().flat_map(callees).collect();
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

fn read_everything(target: &Target, naming: &Naming) -> Parsed {
    let (mut pending, mut issues, single_file_dir): (
        BTreeMap<PathBuf, DirFiles>,
        Vec<LoadIssue>,
        Option<PathBuf>,
    ) = match target {
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
    };
    let walked: BTreeSet<PathBuf> = pending.keys().cloned().collect();
    let mut dirs: BTreeMap<PathBuf, ParsedDir> = BTreeMap::new();
    let files_attempted = std::sync::atomic::AtomicUsize::new(0);
    let mut bytes_read = 0;
    // Parse the walked directories, then the directories their local module calls reach
    // outside the tree, until no new directory turns up.
    while !pending.is_empty() {
        let batch: Vec<(PathBuf, DirFiles)> = std::mem::take(&mut pending).into_iter().collect();
        let parsed: Vec<(PathBuf, ParsedDir, Vec<LoadIssue>)> = batch
            .into_par_iter()
            .map(|(dir, files)| {
                let (mut parsed_dir, issues) = parse_dir(&dir, &files, naming);
                files_attempted.fetch_add(
                    files.module_files.len() + files.tfvars.len(),
                    std::sync::atomic::Ordering::Relaxed,
                );
                if single_file_dir.as_ref() == Some(&dir) {
                    // `path.module` of the root module is always ".".
                    parsed_dir.display = ".".to_string();
                }
                (dir, parsed_dir, issues)
            })
            .collect();
        for (dir, parsed_dir, dir_issues) in parsed {
            issues.extend(dir_issues);
            bytes_read += parsed_dir
                .files
                .iter()
                .map(|f| f.text.len() as u64)
                .sum::<u64>();
            for file in &parsed_dir.files {
                for target in local_module_dirs(file, &dir) {
                    if !dirs.contains_key(&target)
                        && !pending.contains_key(&target)
                        && target != dir
                    {
                        let (listed, list_issues) = list_dir(&target, naming);
                        issues.extend(list_issues);
                        if let Some(listed) = listed {
                            pending.insert(
                                target,
                                DirFiles {
                                    tfvars: Vec::new(),
                                    ..listed
                                },
                            );
                        }
                    }
                }
            }
            dirs.insert(dir, parsed_dir);
        }
        pending.retain(|dir, _| !dirs.contains_key(dir));
    }
    Parsed {
        dirs,
        walked,
        issues,
        files_read: files_attempted.into_inner(),
        bytes_read,
    }
}

fn parse_dir(dir: &Path, files: &DirFiles, naming: &Naming) -> (ParsedDir, Vec<LoadIssue>) {
    let mut issues = Vec::new();
    let results: Vec<_> = files.module_files.par_iter().map(parse_file).collect();
    let mut parsed = Vec::with_capacity(results.len());
    for result in results {
        match result {
            Ok(file) => parsed.push(file),
            Err(issue) => issues.push(issue),
        }
    }
    let mut tfvars = Vec::new();
    for file in &files.tfvars {
        match parse_file(file) {
            Ok(source) => {
                let (values, value_issues) = assignments(&source);
                issues.extend(value_issues);
                tfvars.push(values);
            }
            Err(issue) => issues.push(issue),
        }
    }
    (
        ParsedDir {
            display: naming.display(dir),
            files: parsed,
            tfvars,
        },
        issues,
    )
}
