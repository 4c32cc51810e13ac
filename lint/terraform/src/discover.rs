//! Locating module directories and their files: walking the scanned directory, and listing the
//! directories that local module calls point to.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use super::ir::{LoadIssue, LoadIssueKind};
use super::location::{at, normalize};
use super::parse::{FileKind, FileToParse};

/// The files of one module directory.
#[derive(Debug, Default, Clone)]
pub(crate) struct DirFiles {
    /// `*.tf` and `*.tf.json`, sorted by file name (Terraform's order).
    pub module_files: Vec<FileToParse>,
    /// `terraform.tfvars`, `terraform.tfvars.json`, `*.auto.tfvars(.json)`, in precedence order.
    pub tfvars: Vec<FileToParse>,
}

/// How files are named in locations.
pub(crate) trait Namer: Sync {
    fn display(&self, path: &Path) -> String;
}

/// Directories skipped while walking: hidden folders, which include Terraform's own cache
/// (`.terraform`) and VCS data (`.git`).
fn is_skipped_dir(name: &str) -> bool {
    name.starts_with('.')
}

/// Terraform ignores hidden files and editor leftovers.
fn is_ignored_file(name: &str) -> bool {
    name.starts_with('.') || name.ends_with('~') || (name.starts_with('#') && name.ends_with('#'))
}

/// The tfvars files Terraform reads automatically, with their precedence rank.
fn tfvars_rank(name: &str) -> Option<u8> {
    match name {
        "terraform.tfvars" => Some(0),
        "terraform.tfvars.json" => Some(1),
        _ if name.ends_with(".auto.tfvars") || name.ends_with(".auto.tfvars.json") => Some(2),
        _ => None,
    }
}

fn file_kind_for_tfvars(name: &str) -> FileKind {
    if name.ends_with(".json") {
        FileKind::Json
    } else {
        FileKind::Hcl
    }
}

fn add_file(dirs: &mut BTreeMap<PathBuf, DirFiles>, path: &Path, namer: &dyn Namer) {
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
        return;
    };
    if is_ignored_file(name) {
        return;
    }
    let Some(dir) = path.parent() else { return };
    let dir = normalize(dir);
    if let Some(kind) = FileKind::of_module_file(path) {
        dirs.entry(dir).or_default().module_files.push(FileToParse {
            path: path.to_path_buf(),
            display: namer.display(path),
            kind,
        });
    } else if tfvars_rank(name).is_some() {
        dirs.entry(dir).or_default().tfvars.push(FileToParse {
            path: path.to_path_buf(),
            display: namer.display(path),
            kind: file_kind_for_tfvars(name),
        });
    }
}

fn sort_files(dirs: &mut BTreeMap<PathBuf, DirFiles>) {
    for files in dirs.values_mut() {
        files
            .module_files
            .sort_by(|a, b| a.path.file_name().cmp(&b.path.file_name()));
        files.tfvars.sort_by_key(|f| {
            let name = f
                .path
                .file_name()
                .and_then(|n| n.to_str())
                .unwrap_or_default()
                .to_string();
            (tfvars_rank(&name).unwrap_or(3), name)
        });
    }
    // Directories holding only tfvars files are not modules.
    dirs.retain(|_, files| !files.module_files.is_empty());
}

/// Walks `root` (absolute, normalised): every directory with module files, and an issue for
/// every entry that could not be read or that loops back through a symlink.
pub(crate) fn walk(
    root: &Path,
    namer: &dyn Namer,
) -> (BTreeMap<PathBuf, DirFiles>, Vec<LoadIssue>) {
    let mut dirs: BTreeMap<PathBuf, DirFiles> = BTreeMap::new();
    let mut issues = Vec::new();
    let walker = WalkDir::new(root)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|entry| {
            entry.depth() == 0
                || !entry.file_type().is_dir()
                || !entry.file_name().to_str().is_some_and(is_skipped_dir)
        });
    for entry in walker {
        match entry {
            Ok(entry) if entry.file_type().is_file() => add_file(&mut dirs, entry.path(), namer),
            Ok(_) => {}
            Err(err) => {
                let path = err
                    .path()
                    .map(Path::to_path_buf)
                    .unwrap_or_else(|| root.to_path_buf());
                let display = namer.display(&path);
                let issue = match err.loop_ancestor() {
                    Some(ancestor) => LoadIssue {
                        kind: LoadIssueKind::Unresolved,
                        message: format!(
                            "The directory {display} is a symbolic link back to its ancestor {}; it was not walked again.",
                            namer.display(ancestor)
                        ),
                        location: at(&display, 1, 1),
                        remote_module: None,
                    },
                    None => LoadIssue {
                        kind: LoadIssueKind::Parse,
                        message: format!(
                            "The path {display} cannot be read: {}.",
                            err.io_error().map_or_else(|| err.to_string(), ToString::to_string)
                        ),
                        location: at(&display, 1, 1),
                        remote_module: None,
                    },
                };
                issues.push(issue);
            }
        }
    }
    sort_files(&mut dirs);
    (dirs, issues)
}

/// The module files of one directory outside the walked tree (a `source = "../x"` target).
/// `None` when it does not exist or holds no module files.
pub(crate) fn list_dir(dir: &Path, namer: &dyn Namer) -> (Option<DirFiles>, Vec<LoadIssue>) {
    let mut dirs = BTreeMap::new();
    let mut issues = Vec::new();
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(_) => return (None, issues),
    };
    for entry in entries {
        match entry {
            Ok(entry) => {
                let path = entry.path();
                // `metadata` follows symlinks, as Terraform does for module files.
                if fs::metadata(&path).is_ok_and(|m| m.is_file()) {
                    add_file(&mut dirs, &path, namer);
                }
            }
            Err(err) => {
                let display = namer.display(dir);
                issues.push(LoadIssue {
                    kind: LoadIssueKind::Parse,
                    message: format!("An entry of the directory {display} cannot be read: {err}."),
                    location: at(&display, 1, 1),
                    remote_module: None,
                });
            }
        }
    }
    sort_files(&mut dirs);
    (dirs.into_values().next(), issues)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::location::relative_display;

    struct Relative(PathBuf);
    impl Namer for Relative {
        fn display(&self, path: &Path) -> String {
            relative_display(&self.0, &normalize(path))
        }
    }

    #[test]
    fn walk_finds_modules_and_skips_hidden_dirs() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        fs::create_dir_all(root.join("a/b")).unwrap();
        fs::create_dir_all(root.join(".terraform/modules/x")).unwrap();
        fs::create_dir_all(root.join(".hidden")).unwrap();
        fs::create_dir_all(root.join("vars-only")).unwrap();
        fs::write(root.join("main.tf"), "").unwrap();
        fs::write(root.join("z.tf.json"), "{}").unwrap();
        fs::write(root.join("b.auto.tfvars"), "").unwrap();
        fs::write(root.join("terraform.tfvars"), "").unwrap();
        fs::write(root.join("a.auto.tfvars.json"), "{}").unwrap();
        fs::write(root.join("terraform.tfvars.json"), "{}").unwrap();
        fs::write(root.join(".#main.tf"), "").unwrap();
        fs::write(root.join("main.tf~"), "").unwrap();
        fs::write(root.join("a/b/x.tf"), "").unwrap();
        fs::write(root.join(".terraform/modules/x/m.tf"), "").unwrap();
        fs::write(root.join(".hidden/h.tf"), "").unwrap();
        fs::write(root.join("vars-only/terraform.tfvars"), "").unwrap();
        let root = normalize(root);
        let (dirs, issues) = walk(&root, &Relative(root.clone()));
        assert!(issues.is_empty(), "{issues:?}");
        let names: Vec<String> = dirs.keys().map(|d| relative_display(&root, d)).collect();
        assert_eq!(names, vec![".".to_string(), "a/b".to_string()]);
        let top = &dirs[&root];
        let files: Vec<&str> = top
            .module_files
            .iter()
            .map(|f| f.display.as_str())
            .collect();
        assert_eq!(files, vec!["main.tf", "z.tf.json"]);
        let tfvars: Vec<&str> = top.tfvars.iter().map(|f| f.display.as_str()).collect();
        assert_eq!(
            tfvars,
            vec![
                "terraform.tfvars",
                "terraform.tfvars.json",
                "a.auto.tfvars.json",
                "b.auto.tfvars"
            ]
        );
    }

    #[cfg(unix)]
    #[test]
    fn symlink_loops_are_issues_not_hangs() {
        let dir = tempfile::tempdir().unwrap();
        let root = normalize(dir.path());
        fs::create_dir_all(root.join("m")).unwrap();
        fs::write(root.join("m/main.tf"), "").unwrap();
        std::os::unix::fs::symlink(&root, root.join("m/loop")).unwrap();
        let (dirs, issues) = walk(&root, &Relative(root.clone()));
        assert_eq!(dirs.len(), 1);
        assert_eq!(issues.len(), 1, "{issues:?}");
        assert!(
            issues[0].message.contains("symbolic link back"),
            "{}",
            issues[0].message
        );
        assert_eq!(issues[0].location.file, "m/loop");
    }

    #[test]
    fn list_dir_of_missing_directory_is_none() {
        let (files, issues) = list_dir(
            Path::new("/nonexistent/drlint/dir"),
            &Relative(PathBuf::from("/")),
        );
        assert!(files.is_none());
        assert!(issues.is_empty());
    }
}
