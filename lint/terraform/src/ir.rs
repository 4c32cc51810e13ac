//! What the loader hands on: evaluated resource instances with their source locations.
//!
//! This is the contract between [`crate::Loader`] (HCL modules, plan and state JSON) and the
//! tools that read what it loaded.

use std::collections::BTreeMap;

use super::value::Value;

/// A position in a source file: 1-based line and column. `file` is relative to the scanned root
/// (the path given on the command line), with `/` separators.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Location {
    pub file: String,
    pub line: usize,
    pub column: usize,
}

/// An evaluated attribute.
#[derive(Debug, Clone, PartialEq)]
pub struct Attribute {
    pub value: Value,
    pub location: Location,
}

/// An evaluated nested block (`ebs_block_device { ... }`); `dynamic` blocks are expanded into these.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Block {
    pub kind: String,
    pub labels: Vec<String>,
    pub body: Body,
    pub location: Location,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Body {
    pub attributes: BTreeMap<String, Attribute>,
    pub blocks: Vec<Block>,
}

impl Body {
    pub fn attr(&self, name: &str) -> Option<&Attribute> {
        self.attributes.get(name)
    }

    /// The value of an attribute, `None` when it is absent or null (absent and null both mean
    /// "the provider default" in Terraform).
    pub fn value(&self, name: &str) -> Option<&Value> {
        self.attributes
            .get(name)
            .map(|a| &a.value)
            .filter(|v| !matches!(v, Value::Null))
    }

    pub fn blocks<'a>(&'a self, kind: &'a str) -> impl Iterator<Item = &'a Block> + 'a {
        self.blocks.iter().filter(move |b| b.kind == kind)
    }

    pub fn block(&self, kind: &str) -> Option<&Block> {
        self.blocks.iter().find(|b| b.kind == kind)
    }
}

/// The instance key of a resource with `count` or `for_each`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum InstanceKey {
    Index(usize),
    Key(String),
}

impl std::fmt::Display for InstanceKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            InstanceKey::Index(i) => write!(f, "[{i}]"),
            InstanceKey::Key(k) => write!(f, "[{}]", serde_json::Value::String(k.clone())),
        }
    }
}

/// A comment line right above a block header, as written from its marker on (`# note`,
/// `// note`, a line of a `/* ... */` comment), or one `"//"` comment of a block in JSON syntax.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comment {
    pub text: String,
    pub location: Location,
}

/// One instance of a managed resource (`resource` block), fully evaluated.
#[derive(Debug, Clone, PartialEq)]
pub struct Resource {
    /// `aws_instance`
    pub resource_type: String,
    /// `main`
    pub name: String,
    /// Module call names from the root: `["app", "data"]` for `module.app.module.data.*`.
    pub module_path: Vec<String>,
    /// The root module this instance was evaluated from, as a path relative to the scanned
    /// directory (`.` or `envs/prod`), or the plan file. Two root modules calling the same
    /// module yield resources with the same address and location; this tells them apart.
    pub root_module: String,
    /// `None` without `count`/`for_each`.
    pub key: Option<InstanceKey>,
    pub body: Body,
    /// The `resource` block header.
    pub location: Location,
    /// The source line of `location` (for snippets), when the resource came from HCL.
    pub source_line: Option<String>,
    /// The comments right above the `resource` block header, shared by every instance.
    pub leading_comments: std::sync::Arc<[Comment]>,
    /// The `provider` block that configures this resource's provider, evaluated, when the
    /// scanned code has one (HCL only: a plan already holds what the provider computed).
    pub provider: Option<std::sync::Arc<ProviderConfig>>,
}

/// A `provider` block as a resource sees it: through its module's own blocks, a `provider`
/// meta-argument, and what module calls pass down (implicitly or in a `providers` map).
#[derive(Debug, Clone, PartialEq)]
pub struct ProviderConfig {
    /// `aws` or `aws.west`, after the path of the module that holds the block:
    /// `module.app.aws.west`.
    pub address: String,
    /// The block's arguments (without `alias` and `version`).
    pub body: Body,
    /// The `provider` block header.
    pub location: Location,
    /// The root module's directory, where Terraform runs: relative paths in the block's
    /// arguments are relative to it.
    pub working_dir: std::path::PathBuf,
}

impl Resource {
    /// `module.app.aws_instance.web` (no instance key).
    pub fn block_address(&self) -> String {
        let mut out = String::new();
        for m in &self.module_path {
            out.push_str("module.");
            out.push_str(m);
            out.push('.');
        }
        out.push_str(&self.resource_type);
        out.push('.');
        out.push_str(&self.name);
        out
    }

    /// `module.app.aws_instance.web["x"]`.
    pub fn address(&self) -> String {
        match &self.key {
            Some(k) => format!("{}{k}", self.block_address()),
            None => self.block_address(),
        }
    }
}

/// Something the loader could not do, handed on with the estate rather than aborting it.
#[derive(Debug, Clone, PartialEq)]
pub struct LoadIssue {
    pub kind: LoadIssueKind,
    pub message: String,
    pub location: Location,
    /// For a module call that was not followed because its source is remote: what it is, so
    /// that a tool can say what it does about remote modules in its own words.
    pub remote_module: Option<RemoteModule>,
}

/// A module call whose source is a registry, git or HTTP address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RemoteModule {
    /// `module.network`, within its calling module instance.
    pub address: String,
    /// The source as written.
    pub source: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LoadIssueKind {
    /// The file could not be parsed or read: what it declares is missing.
    Parse,
    /// Something could not be followed (remote module source, unknown count): what it
    /// would have declared is missing, and nothing is wrong with the configuration.
    Unresolved,
}

/// Everything loaded from the given paths.
#[derive(Debug, Clone, Default)]
pub struct Estate {
    pub resources: Vec<Resource>,
    pub issues: Vec<LoadIssue>,
    /// What loading cost, for `--timings`.
    pub stats: LoadStats,
}

/// Counters and durations of one load.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct LoadStats {
    /// Files read: module files, tfvars files, plan files.
    pub files_read: usize,
    pub bytes_read: u64,
    /// Module directories loaded (roots and called modules).
    pub modules: usize,
    /// Module instances evaluated (roots and every module call instance).
    pub module_instances: usize,
    /// Walking, reading and parsing.
    pub parse_time: std::time::Duration,
    /// Evaluating modules into resources.
    pub eval_time: std::time::Duration,
}

impl LoadStats {
    /// Adds the counters and durations of `other` (loads of several paths).
    pub fn add(&mut self, other: &LoadStats) {
        self.files_read += other.files_read;
        self.bytes_read += other.bytes_read;
        self.modules += other.modules;
        self.module_instances += other.module_instances;
        self.parse_time += other.parse_time;
        self.eval_time += other.eval_time;
    }
}
