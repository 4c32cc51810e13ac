//! The loader evaluates each walked directory as soon as it is parsed, before it knows whether
//! some other module calls it. Whatever order the threads take the directories in, the estate
//! must be the one Terraform's rules give: called modules only through their callers, each
//! file's issues once, each file counted once.

use std::path::Path;

use super::{addresses, load_dir, write_tree};
use crate::ir::LoadIssueKind;
use crate::Estate;

fn load_with_threads(threads: usize, dir: &Path) -> Estate {
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .expect("a thread pool")
        .install(|| load_dir(dir))
}

fn roots(estate: &Estate) -> Vec<(String, String)> {
    estate
        .resources
        .iter()
        .map(|r| (r.root_module.clone(), r.address()))
        .collect()
}

#[test]
fn a_module_walked_before_its_caller_is_only_evaluated_through_it() {
    // One thread takes directories in sorted order: `a-module` is parsed and evaluated as a
    // root before `z-stack` calls it, and that evaluation must be dropped.
    let dir = write_tree(&[
        (
            "a-module/main.tf",
            "variable \"name\" {}\nresource \"azurerm_key_vault\" \"kv\" {\n  name = var.name\n}\n",
        ),
        (
            "z-stack/main.tf",
            "module \"vault\" {\n  source = \"../a-module\"\n  name   = \"kv-prod\"\n}\n",
        ),
    ]);
    let estate = load_with_threads(1, dir.path());
    assert_eq!(
        roots(&estate),
        vec![(
            "z-stack".to_string(),
            "module.vault.azurerm_key_vault.kv".to_string()
        )]
    );
    assert_eq!(estate.stats.modules, 2);
    assert_eq!(estate.stats.module_instances, 2);
    assert!(estate.issues.is_empty(), "{:?}", estate.issues);
}

#[test]
fn a_module_walked_after_its_caller_is_not_evaluated_on_its_own() {
    let dir = write_tree(&[
        (
            "stack/main.tf",
            "module \"vault\" {\n  source = \"./modules/vault\"\n  name   = \"kv-prod\"\n}\n",
        ),
        (
            "stack/modules/vault/main.tf",
            "variable \"name\" {}\nresource \"azurerm_key_vault\" \"kv\" {\n  name = var.name\n}\n",
        ),
    ]);
    for threads in [1, 2] {
        let estate = load_with_threads(threads, dir.path());
        assert_eq!(
            roots(&estate),
            vec![(
                "stack".to_string(),
                "module.vault.azurerm_key_vault.kv".to_string()
            )]
        );
        assert_eq!(estate.stats.modules, 2);
        assert_eq!(estate.stats.files_read, 2);
    }
}

#[test]
fn a_module_shared_by_many_roots_is_read_counted_and_reported_once() {
    let mut files: Vec<(String, String)> =
        vec![
        (
            "modules/vault/main.tf".into(),
            "variable \"name\" {}\nresource \"azurerm_key_vault\" \"kv\" {\n  name = var.name\n}\n"
                .into(),
        ),
        ("modules/vault/broken.tf".into(), "resource \"x\" {\n".into()),
    ];
    for stack in 0..6 {
        files.push((
            format!("stacks/s{stack}/main.tf"),
            format!(
                "module \"vault\" {{\n  source = \"../../modules/vault\"\n  name   = \"kv-{stack}\"\n}}\n"
            ),
        ));
    }
    let borrowed: Vec<(&str, &str)> = files
        .iter()
        .map(|(p, t)| (p.as_str(), t.as_str()))
        .collect();
    let dir = write_tree(&borrowed);
    let bytes: u64 = files
        .iter()
        .filter(|(path, _)| !path.ends_with("broken.tf"))
        .map(|(_, text)| text.len() as u64)
        .sum();
    for threads in [1, 2] {
        let estate = load_with_threads(threads, dir.path());
        assert_eq!(estate.resources.len(), 6, "{:?}", addresses(&estate));
        let names: Vec<String> = estate
            .resources
            .iter()
            .map(|r| format!("{}", r.body.value("name").expect("a name")))
            .collect();
        assert_eq!(
            names,
            (0..6).map(|i| format!("\"kv-{i}\"")).collect::<Vec<_>>()
        );
        let parse_errors: Vec<_> = estate
            .issues
            .iter()
            .filter(|i| i.kind == LoadIssueKind::Parse)
            .collect();
        assert_eq!(parse_errors.len(), 1, "{:?}", estate.issues);
        assert_eq!(parse_errors[0].location.file, "modules/vault/broken.tf");
        assert_eq!(estate.stats.modules, 7);
        assert_eq!(estate.stats.files_read, 8);
        assert_eq!(estate.stats.bytes_read, bytes);
    }
}

#[test]
fn call_cycles_give_the_same_roots_whatever_the_thread_order() {
    // Pairs that call each other, with every `a` directory sorted before every `b`: on two
    // threads the second half (the `b`s) is often taken first, so the root each cycle must
    // report (its first directory in sorted order) has sometimes been skipped as called.
    let mut files = Vec::new();
    for pair in 0..24 {
        files.push((
            format!("a{pair:02}/main.tf"),
            format!(
                "module \"b\" {{\n  source = \"../b{pair:02}\"\n}}\nresource \"x_a\" \"a\" {{}}\n"
            ),
        ));
        files.push((
            format!("b{pair:02}/main.tf"),
            format!(
                "module \"a\" {{\n  source = \"../a{pair:02}\"\n}}\nresource \"x_b\" \"b\" {{}}\n"
            ),
        ));
    }
    let borrowed: Vec<(&str, &str)> = files
        .iter()
        .map(|(p, t)| (p.as_str(), t.as_str()))
        .collect();
    let dir = write_tree(&borrowed);
    let sequential = load_with_threads(1, dir.path());
    let expected: Vec<(String, String)> = (0..24)
        .flat_map(|pair| {
            let root = format!("a{pair:02}");
            [
                (root.clone(), "x_a.a".to_string()),
                (root, "module.b.x_b.b".to_string()),
            ]
        })
        .collect();
    assert_eq!(roots(&sequential), expected);
    for _ in 0..5 {
        let parallel = load_with_threads(2, dir.path());
        assert_eq!(roots(&parallel), expected);
        assert_eq!(parallel.issues, sequential.issues);
        assert_eq!(parallel.stats.modules, 48);
    }
}
