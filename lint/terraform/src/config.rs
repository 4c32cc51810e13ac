//! The declarations of one module (a directory of `.tf` / `.tf.json` files): variables,
//! locals, outputs, resources and module calls, each pointing into its parsed file.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use hcl_edit::structure::{Block as HclBlock, Structure};
use hcl_edit::Span;
use serde_json::{Map, Value as Json};

use super::comments::{comments_above, json_comments};
use super::ir::{Comment, Location};
use super::location::normalize;
use super::parse::{SourceFile, Syntax};
use super::syntax::{json_objects, BodyNode, BodyRef, Expr, ExprNode, JsonPos};

pub(crate) struct VariableDecl<'a> {
    pub default: Option<Expr<'a>>,
    pub type_expr: Option<Expr<'a>>,
    /// `nullable = false`: a null argument takes the default instead.
    pub nullable: bool,
}

pub(crate) struct ResourceDecl<'a> {
    pub resource_type: String,
    pub name: String,
    pub body: BodyRef<'a>,
    /// Bodies of the same resource in override files, applied in order on top of `body`.
    pub overrides: Vec<BodyRef<'a>>,
    pub count: Option<Expr<'a>>,
    pub for_each: Option<Expr<'a>>,
    pub location: Location,
    pub source_line: Option<String>,
    pub leading_comments: std::sync::Arc<[Comment]>,
    /// The `provider` meta-argument (`aws.west`), when given.
    pub provider: Option<String>,
}

impl ResourceDecl<'_> {
    /// The provider configuration this resource uses, as its module names it: the `provider`
    /// argument, else the resource type's prefix (`aws` for `aws_instance`), as in Terraform.
    pub(crate) fn provider_key(&self) -> &str {
        match &self.provider {
            Some(reference) => reference,
            None => self
                .resource_type
                .split('_')
                .next()
                .unwrap_or(&self.resource_type),
        }
    }
    pub(crate) fn key(&self) -> String {
        format!("{}.{}", self.resource_type, self.name)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum ModuleSource {
    /// A directory on disk (absolute, normalised).
    Local(PathBuf),
    /// A registry, git, http or other non-local source, as written.
    Remote(String),
    /// No literal `source` attribute.
    Missing,
}

pub(crate) struct ModuleCall<'a> {
    pub name: String,
    pub source: ModuleSource,
    pub body: BodyRef<'a>,
    pub count: Option<Expr<'a>>,
    pub for_each: Option<Expr<'a>>,
    pub location: Location,
    /// The `providers` map: (name in the called module, reference in the caller). `None`
    /// without the argument, in which case the module inherits every default configuration.
    pub providers: Option<Vec<(String, String)>>,
}

/// A `provider` block.
pub(crate) struct ProviderDecl<'a> {
    /// `aws`, or `aws.west` for a block with `alias = "west"`.
    pub key: String,
    pub body: BodyRef<'a>,
    pub location: Location,
}

/// Arguments of a `provider` block that configure Terraform, not the provider.
pub(crate) const PROVIDER_META: &[&str] = &["alias", "version"];

/// Attributes of a `module` block that are not arguments for the module's variables.
pub(crate) const MODULE_META: &[&str] = &[
    "source",
    "version",
    "count",
    "for_each",
    "providers",
    "depends_on",
];

/// Attributes and blocks of a `resource` block that configure Terraform, not the resource.
pub(crate) const RESOURCE_META: &[&str] = &[
    "count",
    "for_each",
    "depends_on",
    "provider",
    "provisioner",
    "connection",
];

pub(crate) struct ModuleConfig<'a> {
    /// The module directory, absolute and normalised.
    pub dir: PathBuf,
    /// The directory as `path.module` shows it: relative to the scanned root.
    pub display: String,
    /// Where issues about the module as a whole are reported: the start of its first file.
    pub location: Location,
    pub variables: BTreeMap<String, VariableDecl<'a>>,
    pub locals: HashMap<String, Expr<'a>>,
    pub outputs: HashMap<String, Expr<'a>>,
    pub resources: Vec<ResourceDecl<'a>>,
    pub resource_index: HashMap<String, usize>,
    pub module_calls: Vec<ModuleCall<'a>>,
    pub module_call_index: HashMap<String, usize>,
    /// `provider` blocks, in source order; the first of each key is the one Terraform uses.
    pub providers: Vec<ProviderDecl<'a>>,
}

/// Terraform's override files (`override.tf`, `*_override.tf`, and their `.json` forms) are
/// merged into the declarations of the other files instead of adding new ones.
pub(crate) fn is_override_file(display: &str) -> bool {
    let name = display.rsplit('/').next().unwrap_or(display);
    let stem = name
        .strip_suffix(".tf.json")
        .or_else(|| name.strip_suffix(".tf"))
        .unwrap_or(name);
    stem == "override" || stem.ends_with("_override")
}

impl<'a> ModuleConfig<'a> {
    /// Collects the declarations of `files` (already in Terraform's lexical order).
    pub(crate) fn build(dir: &Path, display: String, files: &[&'a SourceFile]) -> ModuleConfig<'a> {
        let mut config = ModuleConfig {
            dir: dir.to_path_buf(),
            location: files
                .first()
                .map_or_else(|| super::location::at(&display, 1, 1), |f| f.start()),
            display,
            variables: BTreeMap::new(),
            locals: HashMap::new(),
            outputs: HashMap::new(),
            resources: Vec::new(),
            resource_index: HashMap::new(),
            module_calls: Vec::new(),
            module_call_index: HashMap::new(),
            providers: Vec::new(),
        };
        let (overrides, primary): (Vec<&SourceFile>, Vec<&SourceFile>) =
            files.iter().partition(|f| is_override_file(&f.display));
        for file in primary {
            config.add_file(file, false);
        }
        for file in overrides {
            config.add_file(file, true);
        }
        config
    }

    fn add_file(&mut self, file: &'a SourceFile, is_override: bool) {
        match &file.syntax {
            Syntax::Hcl(body) => {
                for structure in body.iter() {
                    if let Structure::Block(block) = structure {
                        self.add_hcl_block(file, block, is_override);
                    }
                }
            }
            Syntax::Json(root) => {
                if let Some(root) = root.as_object() {
                    self.add_json_root(file, root, is_override);
                }
            }
        }
    }

    fn add_hcl_block(&mut self, file: &'a SourceFile, block: &'a HclBlock, is_override: bool) {
        let body = BodyRef {
            file,
            node: BodyNode::Hcl(&block.body),
            json_pos: JsonPos::default(),
        };
        let labels: Vec<&str> = block.labels.iter().map(|l| l.as_str()).collect();
        let offset = block.ident.span().map_or(0, |s| s.start);
        let location = file.location(offset);
        match (block.ident.as_str(), labels.as_slice()) {
            ("variable", [name]) => self.add_variable(name, body, is_override),
            ("locals", []) => {
                for item in block.body.attributes() {
                    self.locals
                        .insert(item.key.to_string(), body.expr(ExprNode::Hcl(&item.value)));
                }
            }
            ("output", [name]) => {
                if let Some(value) = body.attribute("value") {
                    self.outputs.insert((*name).to_string(), value);
                }
            }
            ("resource", [resource_type, name]) => {
                let source_line = file.line_text(location.line).map(str::to_string);
                let leading_comments = comments_above(file, location.line);
                self.add_resource(
                    resource_type,
                    name,
                    body,
                    location,
                    source_line,
                    leading_comments,
                    is_override,
                );
            }
            ("module", [name]) => self.add_module_call(name, body, location, is_override),
            ("provider", [name]) => self.add_provider(name, body, location, is_override),
            _ => {}
        }
    }

    fn add_variable(&mut self, name: &str, body: BodyRef<'a>, is_override: bool) {
        let decl = VariableDecl {
            default: body.attribute("default"),
            type_expr: body.attribute("type"),
            nullable: !matches!(
                body.attribute("nullable").map(|e| e.node),
                Some(ExprNode::Hcl(hcl_edit::expr::Expression::Bool(b))) if !*b.value()
            ) && !matches!(
                body.attribute("nullable").map(|e| e.node),
                Some(ExprNode::Json(Json::Bool(false)))
            ),
        };
        match self.variables.get_mut(name) {
            Some(existing) if is_override => {
                existing.default = decl.default.or(existing.default);
                existing.type_expr = decl.type_expr.or(existing.type_expr);
            }
            Some(_) => {}
            None => {
                self.variables.insert(name.to_string(), decl);
            }
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn add_resource(
        &mut self,
        resource_type: &str,
        name: &str,
        body: BodyRef<'a>,
        location: Location,
        source_line: Option<String>,
        leading_comments: std::sync::Arc<[Comment]>,
        is_override: bool,
    ) {
        let key = format!("{resource_type}.{name}");
        if let Some(&index) = self.resource_index.get(&key) {
            if is_override {
                let existing = &mut self.resources[index];
                existing.overrides.push(body);
                if let Some(count) = body.attribute("count") {
                    existing.count = Some(count);
                }
                if let Some(for_each) = body.attribute("for_each") {
                    existing.for_each = Some(for_each);
                }
            }
            // A duplicate declaration is a Terraform error; the first one is the one checked.
            return;
        }
        if is_override {
            // Terraform rejects an override of a resource that does not exist.
            return;
        }
        self.resource_index.insert(key, self.resources.len());
        self.resources.push(ResourceDecl {
            resource_type: resource_type.to_string(),
            name: name.to_string(),
            count: body.attribute("count"),
            for_each: body.attribute("for_each"),
            provider: body
                .attribute("provider")
                .and_then(|e| e.provider_reference()),
            body,
            overrides: Vec::new(),
            location,
            source_line,
            leading_comments,
        });
    }

    fn add_provider(
        &mut self,
        name: &str,
        body: BodyRef<'a>,
        location: Location,
        is_override: bool,
    ) {
        let key = match body.attribute("alias").and_then(|e| e.literal_string()) {
            Some(alias) => format!("{name}.{alias}"),
            None => name.to_owned(),
        };
        // Terraform rejects a duplicate configuration; overrides of provider blocks are rare
        // enough to leave to Terraform too. The first block of a key is the one used.
        if is_override || self.providers.iter().any(|p| p.key == key) {
            return;
        }
        self.providers.push(ProviderDecl {
            key,
            body,
            location,
        });
    }

    fn add_module_call(
        &mut self,
        name: &str,
        body: BodyRef<'a>,
        location: Location,
        is_override: bool,
    ) {
        if is_override || self.module_call_index.contains_key(name) {
            return;
        }
        let source = match body.attribute("source").and_then(|e| e.literal_string()) {
            Some(source) => classify_source(&self.dir, source),
            None => ModuleSource::Missing,
        };
        self.module_call_index
            .insert(name.to_string(), self.module_calls.len());
        self.module_calls.push(ModuleCall {
            name: name.to_string(),
            source,
            count: body.attribute("count"),
            for_each: body.attribute("for_each"),
            providers: body.attribute("providers").map(|e| e.provider_map()),
            body,
            location,
        });
    }

    fn add_json_root(
        &mut self,
        file: &'a SourceFile,
        root: &'a Map<String, Json>,
        is_override: bool,
    ) {
        let mut search = JsonSearch::new(file);
        for (key, value) in root {
            match key.as_str() {
                "variable" => {
                    for (name, body, _) in search.labelled_blocks(key, value) {
                        self.add_variable(name, body, is_override);
                    }
                }
                "locals" => {
                    for locals in json_objects(value) {
                        for (name, expr) in locals {
                            let pos = search.key_pos(&["locals", name]);
                            let expr = Expr {
                                file,
                                node: ExprNode::Json(expr),
                                json_pos: pos,
                            };
                            self.locals.insert(name.clone(), expr);
                        }
                    }
                }
                "output" => {
                    for (name, decl) in json_named(value) {
                        let pos = search.key_pos(&["output", name]);
                        for decl in json_objects(decl) {
                            if let Some(v) = decl.get("value") {
                                self.outputs.insert(
                                    name.to_string(),
                                    Expr {
                                        file,
                                        node: ExprNode::Json(v),
                                        json_pos: pos,
                                    },
                                );
                            }
                        }
                    }
                }
                "resource" => {
                    for (resource_type, by_name) in json_named(value) {
                        for (name, decl) in json_named(by_name) {
                            let pos = search.key_pos(&["resource", resource_type, name]);
                            let location = super::location::at(&file.display, pos.line, pos.column);
                            for decl in json_objects(decl) {
                                let leading_comments = json_comments(
                                    decl.get("//").into_iter().flat_map(json_strings),
                                    &location,
                                );
                                let body = BodyRef {
                                    file,
                                    node: BodyNode::Json(decl),
                                    json_pos: pos,
                                };
                                let line = file.line_text(pos.line).map(str::to_string);
                                self.add_resource(
                                    resource_type,
                                    name,
                                    body,
                                    location.clone(),
                                    line,
                                    leading_comments,
                                    is_override,
                                );
                            }
                        }
                    }
                }
                "provider" => {
                    for (name, body, location) in search.labelled_blocks(key, value) {
                        self.add_provider(name, body, location, is_override);
                    }
                }
                "module" => {
                    for (name, body, location) in search.labelled_blocks(key, value) {
                        self.add_module_call(name, body, location, is_override);
                    }
                }
                _ => {}
            }
        }
    }
}

/// The `"NAME": {...}` entries of a JSON block-type object (or an array of such objects).
fn json_named(value: &Json) -> Vec<(&str, &Json)> {
    json_objects(value)
        .into_iter()
        .flat_map(|map| map.iter().map(|(k, v)| (k.as_str(), v)))
        .collect()
}

fn json_strings(value: &Json) -> Vec<&str> {
    match value {
        Json::String(s) => vec![s.as_str()],
        Json::Array(items) => items.iter().filter_map(Json::as_str).collect(),
        _ => Vec::new(),
    }
}

/// Finds where a declaration's key is written in JSON text, cheaply: each key of the path is
/// searched for as a quoted string after the previous one. Falls back to line 1.
struct JsonSearch<'f> {
    file: &'f SourceFile,
}

impl<'f> JsonSearch<'f> {
    fn new(file: &'f SourceFile) -> Self {
        JsonSearch { file }
    }

    /// The declarations of a block type with one label (`"module": {"NAME": {...}}`, or an
    /// array of such objects per name): name, body and where the name is written.
    fn labelled_blocks(
        &mut self,
        kind: &str,
        value: &'f Json,
    ) -> Vec<(&'f str, BodyRef<'f>, Location)> {
        let mut found = Vec::new();
        for (name, decl) in json_named(value) {
            let pos = self.key_pos(&[kind, name]);
            let location = super::location::at(&self.file.display, pos.line, pos.column);
            for decl in json_objects(decl) {
                let body = BodyRef {
                    file: self.file,
                    node: BodyNode::Json(decl),
                    json_pos: pos,
                };
                found.push((name, body, location.clone()));
            }
        }
        found
    }

    fn key_pos(&mut self, path: &[&str]) -> JsonPos {
        let text = &self.file.text;
        let mut from = 0;
        let mut found = None;
        for key in path {
            let quoted = serde_json::to_string(key).unwrap_or_default();
            match text.get(from..).and_then(|rest| rest.find(&quoted)) {
                Some(pos) => {
                    found = Some(from + pos);
                    from += pos + quoted.len();
                }
                None => return JsonPos { line: 1, column: 1 },
            }
        }
        let (line, column) = self.file.lines.position(text, found.unwrap_or(0));
        JsonPos { line, column }
    }
}

/// The directories that the local module calls of `file` point to (for locating modules that
/// live outside the scanned tree before the module configurations are built).
pub(crate) fn local_module_dirs(file: &SourceFile, module_dir: &Path) -> Vec<PathBuf> {
    let mut sources: Vec<&str> = Vec::new();
    match &file.syntax {
        Syntax::Hcl(body) => {
            for block in body.get_blocks("module") {
                if let Some(hcl_edit::expr::Expression::String(s)) =
                    block.body.get_attribute("source").map(|a| &a.value)
                {
                    sources.push(s.value().as_str());
                }
            }
        }
        Syntax::Json(root) => {
            if let Some(modules) = root.get("module") {
                for (_, decl) in json_named(modules) {
                    for decl in json_objects(decl) {
                        if let Some(Json::String(s)) = decl.get("source") {
                            sources.push(s);
                        }
                    }
                }
            }
        }
    }
    sources
        .into_iter()
        .filter_map(|s| match classify_source(module_dir, s) {
            ModuleSource::Local(dir) => Some(dir),
            _ => None,
        })
        .collect()
}

/// Local paths start with `./` or `../` (as Terraform decides); anything else is fetched remotely.
pub(crate) fn classify_source(module_dir: &Path, source: &str) -> ModuleSource {
    let is_local = source.starts_with("./")
        || source.starts_with("../")
        || source.starts_with(".\\")
        || source.starts_with("..\\");
    if is_local {
        ModuleSource::Local(normalize(&module_dir.join(source.replace('\\', "/"))))
    } else {
        ModuleSource::Remote(source.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::{parse_text, FileKind};

    #[test]
    fn sources_are_classified_like_terraform() {
        let dir = Path::new("/r/env/prod");
        assert_eq!(
            classify_source(dir, "../../modules/db"),
            ModuleSource::Local(PathBuf::from("/r/modules/db"))
        );
        assert_eq!(
            classify_source(dir, "./app"),
            ModuleSource::Local(PathBuf::from("/r/env/prod/app"))
        );
        assert_eq!(
            classify_source(dir, "Azure/avm-res-keyvault-vault/azurerm"),
            ModuleSource::Remote("Azure/avm-res-keyvault-vault/azurerm".into())
        );
        assert!(matches!(
            classify_source(dir, "git::https://x/y.git"),
            ModuleSource::Remote(_)
        ));
    }

    #[test]
    fn override_file_names() {
        assert!(is_override_file("m/override.tf"));
        assert!(is_override_file("m/db_override.tf.json"));
        assert!(!is_override_file("m/overrides.tf"));
    }

    #[test]
    fn hcl_declarations_are_collected() {
        let file = parse_text(
            r#"
variable "a" { default = 1 }
variable "b" {
  type     = string
  nullable = false
}
locals { x = 1 }
output "o" { value = local.x }
# owner: team-a
resource "azurerm_key_vault" "kv" {
  count = 2
}
module "m" { source = "./m" }
module "r" { source = "hashicorp/x/azurerm" }
"#
            .into(),
            "main.tf",
            FileKind::Hcl,
        )
        .unwrap();
        let config = ModuleConfig::build(Path::new("/r"), ".".into(), &[&file]);
        assert_eq!(config.variables.len(), 2);
        assert!(config.variables["a"].default.is_some());
        assert!(!config.variables["b"].nullable);
        assert!(config.locals.contains_key("x"));
        assert!(config.outputs.contains_key("o"));
        let kv = &config.resources[0];
        assert_eq!(kv.key(), "azurerm_key_vault.kv");
        assert_eq!((kv.location.line, kv.location.column), (10, 1));
        assert_eq!(
            kv.source_line.as_deref(),
            Some(r#"resource "azurerm_key_vault" "kv" {"#)
        );
        assert_eq!(kv.leading_comments.len(), 1);
        assert_eq!(kv.leading_comments[0].text, "# owner: team-a");
        assert!(kv.count.is_some());
        assert_eq!(
            config.module_calls[0].source,
            ModuleSource::Local(PathBuf::from("/r/m"))
        );
        assert!(matches!(
            config.module_calls[1].source,
            ModuleSource::Remote(_)
        ));
    }

    #[test]
    fn json_declarations_are_collected_with_positions() {
        let file = parse_text(
            r#"{
  "variable": {"a": {"default": 1}},
  "resource": {
    "azurerm_key_vault": {
      "kv": {
        "//": "owner: team-b",
        "name": "x"
      }
    }
  },
  "module": {"m": {"source": "./m"}}
}"#
            .into(),
            "main.tf.json",
            FileKind::Json,
        )
        .unwrap();
        let config = ModuleConfig::build(Path::new("/r"), ".".into(), &[&file]);
        assert!(config.variables.contains_key("a"));
        let kv = &config.resources[0];
        assert_eq!((kv.location.line, kv.location.column), (5, 7));
        assert_eq!(kv.leading_comments[0].text, "owner: team-b");
        assert_eq!(kv.leading_comments[0].location, kv.location);
        assert_eq!(
            config.module_calls[0].source,
            ModuleSource::Local(PathBuf::from("/r/m"))
        );
    }
}
