//! Module directories parsed on demand, for a loader that evaluates each root as soon as it is
//! parsed and then drops its syntax trees.
//!
//! Syntax trees are most of a load's memory (about 28 bytes per byte of HCL), so the loader does
//! not hold every tree of a large scan at once. A directory's trees live as long as the
//! evaluation that needs them, with one exception: a module that a second caller asks for is
//! kept for the rest of the load, since a module shared by many roots would otherwise be parsed
//! once per root. The store also records every local module call it sees, which is how the
//! loader tells root modules from called ones once all directories are done.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

use rayon::prelude::*;

use super::config::local_module_dirs;
use super::discover::{list_dir, DirFiles, Namer};
use super::ir::LoadIssue;
use super::parse::{parse_file, SourceFile};
use super::tfvars::{assignments, Assignments};

/// One module directory, parsed.
pub(crate) struct ParsedDir {
    /// The directory as `path.module` shows it.
    pub display: String,
    /// Its `.tf` and `.tf.json` files that parsed, in Terraform's order.
    pub files: Vec<SourceFile>,
    /// Its variable files, in precedence order (used only when it is a root).
    pub tfvars: Vec<Assignments>,
}

/// What the store counted, for `LoadStats`.
#[derive(Default)]
pub(crate) struct StoreStats {
    /// Distinct directories loaded.
    pub modules: usize,
    /// Files attempted and bytes read, each directory counted once however often it is parsed.
    pub files_read: usize,
    pub bytes_read: u64,
    /// Time spent reading and parsing, summed over threads.
    pub parse_time: Duration,
}

#[derive(Default)]
struct Shared {
    /// Local module calls: caller directory -> directories it calls (loaded, not itself).
    calls: BTreeMap<PathBuf, BTreeSet<PathBuf>>,
    /// Directories some loaded module calls.
    called: HashSet<PathBuf>,
    /// How many times a caller asked for each directory, to spot shared modules.
    requests: HashMap<PathBuf, usize>,
    /// Shared modules, kept until the load is over.
    kept: HashMap<PathBuf, Arc<ParsedDir>>,
    /// Directories already counted in the statistics.
    counted: HashSet<PathBuf>,
    issues: Vec<LoadIssue>,
    stats: StoreStats,
}

pub(crate) struct ModuleStore<'n> {
    /// The walked directories and their files.
    walked: BTreeMap<PathBuf, DirFiles>,
    namer: &'n dyn Namer,
    /// When a single file was given: its directory, whose `path.module` is always ".".
    single_file_dir: Option<PathBuf>,
    shared: Mutex<Shared>,
}

impl<'n> ModuleStore<'n> {
    pub(crate) fn new(
        walked: BTreeMap<PathBuf, DirFiles>,
        namer: &'n dyn Namer,
        single_file_dir: Option<PathBuf>,
    ) -> Self {
        ModuleStore {
            walked,
            namer,
            single_file_dir,
            shared: Mutex::default(),
        }
    }

    pub(crate) fn walked_dirs(&self) -> impl Iterator<Item = &PathBuf> {
        self.walked.keys()
    }

    /// Whether some module loaded so far calls `dir`.
    pub(crate) fn is_called(&self, dir: &Path) -> bool {
        self.lock().called.contains(dir)
    }

    /// A walked directory, parsed for evaluation as a root.
    pub(crate) fn load_walked(&self, dir: &Path) -> Option<Arc<ParsedDir>> {
        if let Some(kept) = self.lock().kept.get(dir) {
            return Some(Arc::clone(kept));
        }
        let files = self.walked.get(dir)?;
        Some(Arc::new(self.parse(dir, files)))
    }

    /// `root` (first) and every directory its local module calls reach, transitively, each once.
    pub(crate) fn closure(
        &self,
        root: &Path,
        root_parsed: Arc<ParsedDir>,
    ) -> Vec<(PathBuf, Arc<ParsedDir>)> {
        let mut loaded = vec![(root.to_path_buf(), root_parsed)];
        let mut index = 0;
        while index < loaded.len() {
            let (dir, parsed) = (loaded[index].0.clone(), Arc::clone(&loaded[index].1));
            let mut callees = BTreeSet::new();
            for target in parsed
                .files
                .iter()
                .flat_map(|file| local_module_dirs(file, &dir))
            {
                if target == dir || callees.contains(&target) {
                    continue;
                }
                let known = loaded.iter().find(|(d, _)| *d == target);
                let callee = match known {
                    Some((_, parsed)) => Some(Arc::clone(parsed)),
                    None => self.load_called(&target),
                };
                if let Some(callee) = callee {
                    if known.is_none() {
                        loaded.push((target.clone(), callee));
                    }
                    callees.insert(target);
                }
            }
            let mut shared = self.lock();
            shared.called.extend(callees.iter().cloned());
            shared.calls.entry(dir).or_insert(callees);
            index += 1;
        }
        loaded
    }

    /// Every local module call seen so far: caller directory -> the directories it calls.
    pub(crate) fn call_graph(&self) -> BTreeMap<PathBuf, BTreeSet<PathBuf>> {
        self.lock().calls.clone()
    }

    /// What the store counted and the issues it met; the shared modules it kept are dropped.
    pub(crate) fn finish(&self) -> (StoreStats, Vec<LoadIssue>) {
        let mut shared = self.lock();
        shared.kept.clear();
        (
            std::mem::take(&mut shared.stats),
            std::mem::take(&mut shared.issues),
        )
    }

    /// A directory a module call asks for: kept if it was asked for before, else parsed.
    fn load_called(&self, dir: &Path) -> Option<Arc<ParsedDir>> {
        let asked_before = {
            let mut shared = self.lock();
            if let Some(kept) = shared.kept.get(dir) {
                return Some(Arc::clone(kept));
            }
            let requests = shared.requests.entry(dir.to_path_buf()).or_insert(0);
            *requests += 1;
            *requests > 1
        };
        let parsed = match self.walked.get(dir) {
            Some(files) => self.parse(dir, files),
            None => {
                let (listed, issues) = list_dir(dir, self.namer);
                self.lock().issues.extend(issues);
                let listed = listed?;
                // A called module's variable files are not Terraform's to read.
                let files = DirFiles {
                    tfvars: Vec::new(),
                    ..listed
                };
                self.parse(dir, &files)
            }
        };
        let parsed = Arc::new(parsed);
        if asked_before {
            self.lock()
                .kept
                .entry(dir.to_path_buf())
                .or_insert_with(|| Arc::clone(&parsed));
        }
        Some(parsed)
    }

    fn parse(&self, dir: &Path, files: &DirFiles) -> ParsedDir {
        let started = Instant::now();
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
        let display = if self.single_file_dir.as_deref() == Some(dir) {
            // `path.module` of the root module is always ".".
            ".".to_string()
        } else {
            self.namer.display(dir)
        };
        let elapsed = started.elapsed();

        let mut shared = self.lock();
        shared.stats.parse_time += elapsed;
        if shared.counted.insert(dir.to_path_buf()) {
            shared.stats.modules += 1;
            shared.stats.files_read += files.module_files.len() + files.tfvars.len();
            shared.stats.bytes_read += parsed.iter().map(|f| f.text.len() as u64).sum::<u64>();
            // A directory parsed again reports the same issues; they are reported once.
            shared.issues.extend(issues);
        }
        ParsedDir {
            display,
            files: parsed,
            tfvars,
        }
    }

    fn lock(&self) -> MutexGuard<'_, Shared> {
        // Nothing panics while holding the lock; if something did, the data is still usable.
        self.shared.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::discover::walk;
    use crate::pipeline::Naming;
    use crate::tests::write_tree;

    fn callee_of(store: &ModuleStore<'_>, root: &Path) -> Arc<ParsedDir> {
        let parsed = store.load_walked(root).expect("a walked directory");
        let closure = store.closure(root, parsed);
        assert_eq!(closure.len(), 2);
        Arc::clone(&closure[1].1)
    }

    #[test]
    fn a_module_is_kept_from_its_second_caller_on_and_dropped_at_the_end() {
        let dir = write_tree(&[
            ("m/main.tf", "resource \"x_y\" \"z\" {}\n"),
            ("r1/main.tf", "module \"m\" {\n  source = \"../m\"\n}\n"),
            ("r2/main.tf", "module \"m\" {\n  source = \"../m\"\n}\n"),
            ("r3/main.tf", "module \"m\" {\n  source = \"../m\"\n}\n"),
        ]);
        let root = dir.path().canonicalize().unwrap();
        let naming = Naming::UnderRoot(root.clone());
        let (walked, _) = walk(&root, &naming);
        let store = ModuleStore::new(walked, &naming, None);

        let first = callee_of(&store, &root.join("r1"));
        assert!(
            store.lock().kept.is_empty(),
            "one caller so far: nothing kept"
        );
        let second = callee_of(&store, &root.join("r2"));
        let third = callee_of(&store, &root.join("r3"));
        assert!(!Arc::ptr_eq(&first, &second));
        assert!(
            Arc::ptr_eq(&second, &third),
            "the third caller reuses the kept tree"
        );
        assert!(store.is_called(&root.join("m")));
        assert_eq!(
            store.call_graph().get(&root.join("r3")),
            Some(&BTreeSet::from([root.join("m")]))
        );

        let (stats, issues) = store.finish();
        assert!(store.lock().kept.is_empty());
        assert_eq!(stats.modules, 4);
        assert!(issues.is_empty());
    }
}
