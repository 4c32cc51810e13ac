//! The workspace's architecture, checked: who may depend on whom (ARCHITECTURE.md says why).
//!
//! - No module cycles inside a crate: among the children of any module, the "uses" relation
//!   (a path into a sibling, in non-test code) has no cycle.
//! - The Terraform loader and the plugin framework carry no DR or drlint vocabulary.
//! - The provider's normal dependencies hold none of drlint's CLI and output crates, and
//!   drkit-model depends on no other crate of the workspace.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("lint/ sits in the workspace")
        .to_path_buf()
}

/// The source folders of the workspace's crates, by crate name.
fn crates() -> Vec<(&'static str, PathBuf)> {
    let root = workspace();
    [
        ("drkit-model", "lint/model/src"),
        ("drkit-terraform", "lint/terraform/src"),
        ("drlint", "lint/src"),
        ("drkit-tfplugin", "provider/tfplugin/src"),
        ("terraform-provider-dr", "provider/src"),
    ]
    .into_iter()
    .map(|(name, dir)| (name, root.join(dir)))
    .filter(|(_, dir)| dir.is_dir())
    .collect()
}

/// Every `.rs` file under `dir` with its module path (`rules::cosmosdb::cosmosdb_backup_rpo`);
/// `lib.rs`/`main.rs` are the crate root (empty path), `x/mod.rs` is `x`.
fn modules(dir: &Path) -> Vec<(Vec<String>, PathBuf)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(folder) = stack.pop() {
        for entry in std::fs::read_dir(&folder).expect("read a source folder") {
            let path = entry.expect("a folder entry").path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            if path.extension().and_then(|e| e.to_str()) != Some("rs") {
                continue;
            }
            let relative = path.strip_prefix(dir).expect("under the source folder");
            let mut parts: Vec<String> = relative
                .iter()
                .map(|p| p.to_string_lossy().trim_end_matches(".rs").to_string())
                .collect();
            match parts.last().map(String::as_str) {
                Some("mod") => {
                    parts.pop();
                }
                Some("lib" | "main") if parts.len() == 1 => parts.clear(),
                _ => {}
            }
            out.push((parts, path));
        }
    }
    out.sort();
    out
}

/// The text of a file without its test-only items (`#[cfg(test)]` and what it annotates).
fn non_test_code(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(at) = rest.find("#[cfg(test)]") {
        out.push_str(&rest[..at]);
        let item = &rest[at + "#[cfg(test)]".len()..];
        // The annotated item ends at its `;` or at the `}` closing its first `{`.
        let mut depth = 0usize;
        let mut end = item.len();
        for (i, c) in item.char_indices() {
            match c {
                '{' => depth += 1,
                '}' => {
                    depth = depth.saturating_sub(1);
                    if depth == 0 {
                        end = i + 1;
                        break;
                    }
                }
                ';' if depth == 0 => {
                    end = i + 1;
                    break;
                }
                _ => {}
            }
        }
        rest = &item[end..];
    }
    out.push_str(rest);
    // Comments name other modules freely.
    out.lines()
        .filter(|line| !line.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The module paths a file's code refers to: `crate::a::b`, `crate::{a, b::c}`, `super::x`.
fn references(module: &[String], code: &str) -> BTreeSet<Vec<String>> {
    let mut found = BTreeSet::new();
    let ident = |s: &str| -> Vec<String> {
        s.split("::")
            .map(|p| p.trim().to_string())
            .take_while(|p| {
                !p.is_empty()
                    && p.chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
            })
            .collect()
    };
    let mut i = 0;
    let bytes = code.as_bytes();
    loop {
        let next = [code[i..].find("crate::"), code[i..].find("super::")]
            .into_iter()
            .flatten()
            .min();
        let Some(offset) = next else { break };
        let start = i + offset;
        let (base, after) = if code[start..].starts_with("crate::") {
            (Vec::new(), start + "crate::".len())
        } else {
            // `super` is the parent module (a `mod.rs` file is its folder's module).
            let mut base = module.to_vec();
            base.pop();
            (base, start + "super::".len())
        };
        // A word boundary before `crate::`/`super::` (not `my_crate::`).
        if start > 0 && (bytes[start - 1].is_ascii_alphanumeric() || bytes[start - 1] == b'_') {
            i = after;
            continue;
        }
        let rest = &code[after..];
        if let Some(group) = rest.strip_prefix('{') {
            for path in group_paths(group) {
                let path = ident(&path);
                if !path.is_empty() {
                    found.insert([base.clone(), path].concat());
                }
            }
        } else {
            let path = ident(
                rest.split(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':'))
                    .next()
                    .unwrap_or(""),
            );
            if !path.is_empty() {
                found.insert([base, path].concat());
            }
        }
        i = after;
    }
    found
}

/// Modules declared `#[cfg(test)] mod name;`: test code, like `#[cfg(test)] mod tests {}`.
fn test_only_children(module: &[String], text: &str) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(at) = rest.find("#[cfg(test)]") {
        rest = &rest[at + "#[cfg(test)]".len()..];
        let item = rest.trim_start();
        let item = item
            .strip_prefix("pub(crate) ")
            .or_else(|| item.strip_prefix("pub(super) "))
            .or_else(|| item.strip_prefix("pub "))
            .unwrap_or(item);
        if let Some(declaration) = item.strip_prefix("mod ") {
            let name: String = declaration
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            if declaration[name.len()..].trim_start().starts_with(';') {
                out.push([module.to_vec(), vec![name]].concat());
            }
        }
    }
    out
}

/// The paths of a `use` group (the text after its `{`), nested groups flattened:
/// `a::{b, c}, d}` gives `a::b`, `a::c` and `d`.
fn group_paths(group: &str) -> Vec<String> {
    let mut paths = Vec::new();
    let mut prefixes: Vec<String> = vec![String::new()];
    let mut current = String::new();
    for c in group.chars() {
        match c {
            '{' => {
                let prefix = format!(
                    "{}{}",
                    prefixes.last().map_or("", String::as_str),
                    current.trim()
                );
                prefixes.push(prefix);
                current.clear();
            }
            ',' | '}' => {
                if !current.trim().is_empty() {
                    paths.push(format!(
                        "{}{}",
                        prefixes.last().map_or("", String::as_str),
                        current.trim()
                    ));
                }
                current.clear();
                if c == '}' {
                    prefixes.pop();
                    if prefixes.is_empty() {
                        break;
                    }
                }
            }
            _ => current.push(c),
        }
    }
    paths
}

#[test]
fn no_module_cycles_inside_a_crate() {
    let mut problems = Vec::new();
    for (name, dir) in crates() {
        let mut files = modules(&dir);
        let mut test_only = Vec::new();
        for (module, path) in &files {
            let text = std::fs::read_to_string(path).expect("read a source file");
            test_only.extend(test_only_children(module, &text));
        }
        files.retain(|(module, _)| !test_only.iter().any(|t| module.starts_with(t)));
        let known: BTreeSet<Vec<String>> = files.iter().map(|(m, _)| m.clone()).collect();
        // For each module, the "uses" edges among its children: parent -> child -> {children}.
        let mut graphs: BTreeMap<Vec<String>, BTreeMap<String, BTreeSet<String>>> = BTreeMap::new();
        let mut witness: BTreeMap<(Vec<String>, String, String), String> = BTreeMap::new();
        for (module, path) in &files {
            let text = std::fs::read_to_string(path).expect("read a source file");
            for target in references(module, &non_test_code(&text)) {
                // The deepest module the path names (the rest is an item inside it).
                let mut target = target;
                while !target.is_empty() && !known.contains(&target) {
                    target.pop();
                }
                let common = module
                    .iter()
                    .zip(&target)
                    .take_while(|(a, b)| a == b)
                    .count();
                if common == module.len() || common == target.len() {
                    continue; // a module and its own ancestor or descendant
                }
                let parent = module[..common].to_vec();
                let (from, to) = (module[common].clone(), target[common].clone());
                graphs
                    .entry(parent.clone())
                    .or_default()
                    .entry(from.clone())
                    .or_default()
                    .insert(to.clone());
                witness
                    .entry((parent, from, to))
                    .or_insert_with(|| path.display().to_string());
            }
        }
        for (parent, graph) in &graphs {
            if let Some(cycle) = find_cycle(graph) {
                let steps: Vec<String> = cycle
                    .windows(2)
                    .map(|pair| {
                        let file = &witness[&(parent.clone(), pair[0].clone(), pair[1].clone())];
                        format!("{} -> {} (in {file})", pair[0], pair[1])
                    })
                    .collect();
                problems.push(format!(
                    "{name}: a module cycle among the children of `{}`: {}",
                    if parent.is_empty() {
                        "crate".to_string()
                    } else {
                        parent.join("::")
                    },
                    steps.join(", ")
                ));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// A cycle in a directed graph, as its nodes with the first repeated at the end.
fn find_cycle(graph: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn visit(
        node: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(at) = path.iter().position(|n| n == node) {
            let mut cycle = path[at..].to_vec();
            cycle.push(node.to_string());
            return Some(cycle);
        }
        if done.contains(node) {
            return None;
        }
        path.push(node.to_string());
        for next in graph.get(node).into_iter().flatten() {
            if let Some(cycle) = visit(next, graph, path, done) {
                return Some(cycle);
            }
        }
        path.pop();
        done.insert(node.to_string());
        None
    }
    let mut done = BTreeSet::new();
    for node in graph.keys() {
        if let Some(cycle) = visit(node, graph, &mut Vec::new(), &mut done) {
            return Some(cycle);
        }
    }
    None
}

#[test]
fn the_cycle_finder_finds_cycles() {
    let graph: BTreeMap<String, BTreeSet<String>> = [
        ("a".to_string(), BTreeSet::from(["b".to_string()])),
        ("b".to_string(), BTreeSet::from(["c".to_string()])),
        ("c".to_string(), BTreeSet::from(["a".to_string()])),
    ]
    .into();
    assert_eq!(find_cycle(&graph).map(|c| c.len()), Some(4));
    let acyclic: BTreeMap<String, BTreeSet<String>> =
        [("a".to_string(), BTreeSet::from(["b".to_string()]))].into();
    assert_eq!(find_cycle(&acyclic), None);
    let module = vec!["rules".to_string(), "cosmosdb".to_string()];
    let refs = references(
        &module,
        "use crate::{engine::Linter, finding};\nuse super::check::Check;\nfn f() { crate::sources::read(); }",
    );
    let path = |parts: &[&str]| parts.iter().map(|p| p.to_string()).collect::<Vec<_>>();
    assert_eq!(
        refs,
        BTreeSet::from([
            // Paths stop at the first item name (`Linter`): what matters is the module.
            path(&["engine"]),
            path(&["finding"]),
            path(&["rules", "check"]),
            path(&["sources", "read"]),
        ])
    );
    assert_eq!(
        group_paths("a::{b, c::{d}}, e} trailing"),
        ["a::b", "a::c::d", "e"]
    );
    let stripped = non_test_code("use a;\n#[cfg(test)]\nmod tests {\n use crate::x;\n}\nfn b() {}\n#[cfg(test)]\nuse crate::y;\n");
    assert!(!stripped.contains("crate::x") && !stripped.contains("crate::y"));
    assert!(stripped.contains("fn b()"));
}

/// Words that belong to DR or to drlint, not to a Terraform loader or a plugin framework.
/// (`drkit` is the project's name, which every crate carries; it is not DR vocabulary.)
const DR_WORDS: &[&str] = &[
    "drlint",
    "tier",
    "tiers",
    "rpo",
    "rto",
    "azurerm",
    "objective",
    "objectives",
    "failover",
    "finding",
    "findings",
    "backup",
    "backups",
    "suppression",
    "suppressions",
];

/// Whether a lower-case word belongs to DR or drlint: one of [`DR_WORDS`], or an identifier
/// of theirs (`dr_backup_policy`, `azurerm_key_vault`, `drlint_ignore`).
fn is_dr_word(word: &str) -> bool {
    DR_WORDS.contains(&word)
        || ["dr_", "azurerm_", "drlint"]
            .iter()
            .any(|prefix| word.starts_with(prefix))
}

#[test]
fn the_loader_and_the_plugin_framework_speak_no_dr() {
    let mut problems = Vec::new();
    for (name, dir) in crates() {
        if name != "drkit-terraform" && name != "drkit-tfplugin" {
            continue;
        }
        for (_, path) in modules(&dir) {
            let relative = path.strip_prefix(&dir).expect("under the folder");
            if relative.starts_with("tests") {
                continue;
            }
            let text = std::fs::read_to_string(&path).expect("read a source file");
            // Comments count here: a doc comment that talks DR is a leak too.
            let code = match text.find("#[cfg(test)]\nmod tests") {
                Some(at) => &text[..at],
                None => &text[..],
            };
            for (number, line) in code.lines().enumerate() {
                let lower = line.to_ascii_lowercase();
                for word in lower.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_')) {
                    if is_dr_word(word) {
                        problems.push(format!(
                            "{}:{}: {word:?} in {line:?}",
                            path.display(),
                            number + 1
                        ));
                    }
                }
            }
        }
    }
    assert!(
        problems.is_empty(),
        "DR vocabulary outside the DR crates:\n{}",
        problems.join("\n")
    );
}

fn normal_dependencies(package: &str) -> Vec<String> {
    let output = Command::new(env!("CARGO"))
        .current_dir(workspace())
        .args([
            "tree",
            "--offline",
            "--locked",
            "-e",
            "normal",
            "--prefix",
            "none",
            "-p",
            package,
        ])
        .output()
        .expect("cargo tree runs");
    assert!(
        output.status.success(),
        "cargo tree -p {package}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .skip(1)
        .filter_map(|line| line.split_whitespace().next().map(str::to_string))
        .collect()
}

#[test]
fn the_provider_does_not_link_the_linter_and_the_model_is_a_leaf() {
    let provider = normal_dependencies("terraform-provider-dr");
    for unwanted in [
        "drlint",
        "clap",
        "rayon",
        "walkdir",
        "globset",
        "serde-sarif",
        "quick-xml",
        "annotate-snippets",
        "mimalloc",
        "libmimalloc-sys",
    ] {
        assert!(
            !provider.iter().any(|d| d == unwanted),
            "terraform-provider-dr depends on {unwanted}"
        );
    }
    let model = normal_dependencies("drkit-model");
    let members = [
        "drlint",
        "drkit-terraform",
        "drkit-tfplugin",
        "terraform-provider-dr",
    ];
    for member in members {
        assert!(
            !model.iter().any(|d| d == member),
            "drkit-model depends on {member}"
        );
    }
}
