//! Loader tests over whole directories and files: modules, variables, references, plan JSON,
//! bad input.

mod bad_input;
mod load_order;
mod modules;
mod plan;
mod providers;

use std::fs;
use std::path::{Path, PathBuf};

use super::ir::Resource;
use super::value::Value;
use super::{load, Estate, LoadOptions};

pub(super) fn write_tree(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temporary directory");
    for (path, text) in files {
        let path = dir.path().join(path);
        fs::create_dir_all(path.parent().expect("files live in a directory")).expect("create dirs");
        fs::write(path, text).expect("write file");
    }
    dir
}

pub(super) fn load_dir(dir: &Path) -> Estate {
    load(dir, &LoadOptions::default()).expect("the directory loads")
}

pub(super) fn resource<'e>(estate: &'e Estate, address: &str) -> &'e Resource {
    estate
        .resources
        .iter()
        .find(|r| r.address() == address)
        .unwrap_or_else(|| panic!("no resource {address}; have {:?}", addresses(estate)))
}

pub(super) fn addresses(estate: &Estate) -> Vec<String> {
    estate.resources.iter().map(Resource::address).collect()
}

pub(super) fn fixture(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(path)
}

pub(super) fn s(text: &str) -> Value {
    Value::String(text.into())
}

pub(super) fn n(x: f64) -> Value {
    Value::Number(x)
}

pub(super) fn reference(address: &str, attribute: &str) -> Value {
    Value::Ref {
        address: address.into(),
        attribute: Some(attribute.into()),
    }
}
