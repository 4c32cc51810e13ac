//! Module instances: one per root module and per (local) module call instance. Each instance
//! evaluates its variables, locals and outputs lazily and once, and turns its resources into
//! [`Resource`]s with full addresses.

mod body;
mod expand;
mod resolve;

use std::cell::RefCell;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::rc::Rc;
use std::sync::Arc;

pub(crate) use body::eval_body;
pub(crate) use expand::{expand, Binding, Expansion, Repetition};

use super::config::{
    ModuleCall, ModuleConfig, ModuleSource, ResourceDecl, PROVIDER_META, RESOURCE_META,
};
use super::eval::{Budget, Scope, MAX_EVAL_DEPTH};
use super::ir::{
    InstanceKey, LoadIssue, LoadIssueKind, Location, ProviderConfig, RemoteModule, Resource,
};
use super::value::Value;

/// Module calls may nest this deep; deeper is almost certainly a mistake and is not followed.
pub(crate) const MAX_MODULE_DEPTH: usize = 32;

/// Everything loaded: the module configurations by directory.
pub(crate) struct World<'a> {
    pub modules: HashMap<PathBuf, ModuleConfig<'a>>,
}

pub(crate) type InstanceId = usize;

/// A memoised value: `InProgress` marks a reference cycle.
enum Slot {
    InProgress,
    Done(Rc<Value>),
}

/// Where an instance's variables come from.
enum Origin {
    /// A root module: values from tfvars files and the command line, by name.
    Root(HashMap<String, Value>),
    /// A module call instance: arguments evaluated in the calling instance.
    Call {
        parent: InstanceId,
        call: usize,
        binding: Option<Binding>,
    },
}

/// The instances of one module call.
pub(crate) struct Children {
    pub expansion: ChildExpansion,
    pub instances: Vec<(Option<InstanceKey>, InstanceId)>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum ChildExpansion {
    Single,
    Repeated(Repetition),
    Unknown,
}

pub(crate) struct Instance<'a> {
    pub config: &'a ModuleConfig<'a>,
    /// `["app", "data[0]"]`.
    pub module_path: Vec<String>,
    /// `module.app.module.data[0].` (empty for a root module).
    pub prefix: String,
    origin: Origin,
    /// Directories of this instance and its callers, for recursion detection.
    ancestors: Vec<&'a Path>,
    vars: RefCell<HashMap<String, Slot>>,
    locals: RefCell<HashMap<String, Slot>>,
    outputs: RefCell<HashMap<String, Slot>>,
    expansions: RefCell<HashMap<usize, Option<Rc<Expansion>>>>,
    children: RefCell<HashMap<usize, Option<Rc<Children>>>>,
    /// The provider configurations this instance's resources can use, by the name the module
    /// uses (`aws`, `aws.west`).
    providers: ProviderMap,
}

/// Provider configuration names -> the block that configures each: the module instance that
/// holds it and its index among that module's `provider` blocks.
type ProviderMap = HashMap<String, (InstanceId, usize)>;

/// The evaluation of one root module and everything it calls.
pub(crate) struct Evaluation<'a> {
    world: &'a World<'a>,
    /// The root module's directory as locations show it.
    root_display: String,
    root_dir: &'a Path,
    instances: RefCell<Vec<Rc<Instance<'a>>>>,
    budget: Budget,
    issues: RefCell<Vec<LoadIssue>>,
    /// Each provider block evaluated once per module instance.
    provider_configs: RefCell<HashMap<(InstanceId, usize), Arc<ProviderConfig>>>,
}

/// What evaluating a root module produced.
pub(crate) struct RootResult {
    pub resources: Vec<Resource>,
    pub issues: Vec<LoadIssue>,
    pub instances: usize,
}

/// Evaluates the root module in `dir` with `inputs` as its variable values.
pub(crate) fn evaluate_root(
    world: &World<'_>,
    dir: &Path,
    inputs: HashMap<String, Value>,
) -> RootResult {
    let Some(config) = world.modules.get(dir) else {
        return RootResult {
            resources: Vec::new(),
            issues: Vec::new(),
            instances: 0,
        };
    };
    let evaluation = Evaluation {
        world,
        root_display: config.display.clone(),
        root_dir: &config.dir,
        instances: RefCell::new(Vec::new()),
        budget: Budget::default(),
        issues: RefCell::new(Vec::new()),
        provider_configs: RefCell::default(),
    };
    // The root instance is the first one added: its own blocks are all it can use.
    let root_id = 0;
    let providers = own_providers(config, root_id, ProviderMap::new());
    let root = evaluation.add_instance(Instance {
        config,
        module_path: Vec::new(),
        prefix: String::new(),
        origin: Origin::Root(inputs),
        ancestors: vec![config.dir.as_path()],
        vars: RefCell::default(),
        locals: RefCell::default(),
        outputs: RefCell::default(),
        expansions: RefCell::default(),
        children: RefCell::default(),
        providers,
    });
    debug_assert_eq!(root, root_id);
    let mut resources = Vec::new();
    evaluation.collect(root, &mut resources);
    if evaluation.budget.was_exceeded() {
        evaluation.issue(LoadIssueKind::Unresolved, config.location.clone(), format!(
            "Evaluating the module in {} went more than {MAX_EVAL_DEPTH} references deep (a very long or cyclic chain of locals, variables or outputs); the values involved are treated as unknown.",
            config.display
        ));
    }
    let instances = evaluation.instances.borrow().len();
    let mut issues = evaluation.issues.into_inner();
    dedup_issues(&mut issues);
    RootResult {
        resources,
        issues,
        instances,
    }
}

/// Drops repeated issues (the same module reached through several calls reports once).
pub(crate) fn dedup_issues(issues: &mut Vec<LoadIssue>) {
    let mut seen = std::collections::HashSet::new();
    issues.retain(|issue| seen.insert((issue.location.clone(), issue.message.clone())));
}

impl<'a> Evaluation<'a> {
    fn add_instance(&self, instance: Instance<'a>) -> InstanceId {
        let mut instances = self.instances.borrow_mut();
        instances.push(Rc::new(instance));
        instances.len() - 1
    }

    /// The root module's directory: where Terraform runs, so what `path.*` is relative to.
    pub(crate) fn root_dir(&self) -> &'a Path {
        self.root_dir
    }

    pub(crate) fn instance(&self, id: InstanceId) -> Rc<Instance<'a>> {
        Rc::clone(&self.instances.borrow()[id])
    }

    fn issue(&self, kind: LoadIssueKind, location: Location, message: String) {
        self.issues.borrow_mut().push(LoadIssue {
            kind,
            message,
            location,
            remote_module: None,
        });
    }

    /// Appends the resources of instance `id` and of every module it calls.
    fn collect(&self, id: InstanceId, out: &mut Vec<Resource>) {
        let instance = self.instance(id);
        let at = self.at(id);
        for (index, decl) in instance.config.resources.iter().enumerate() {
            match &*self.resource_expansion(id, index) {
                Expansion::Single => out.push(self.resource(&instance, &at, decl, None, None)),
                Expansion::Instances(_, items) => {
                    for (key, binding) in items {
                        out.push(self.resource(
                            &instance,
                            &at,
                            decl,
                            Some(key.clone()),
                            Some(binding),
                        ));
                    }
                }
                Expansion::Unknown(repetition, binding) => {
                    self.issue(LoadIssueKind::Unresolved, decl.location.clone(), format!(
                        "The instances of {}{} cannot be known statically because its `{}` depends on values only known at apply time; it is checked once, as if it had a single instance.",
                        instance.prefix,
                        decl.key(),
                        repetition.argument()
                    ));
                    out.push(self.resource(&instance, &at, decl, None, Some(binding)));
                }
            }
        }
        for (index, call) in instance.config.module_calls.iter().enumerate() {
            self.report_unfollowed_call(&instance, call);
            let children = self.children(id, index);
            for (_, child) in &children.instances {
                self.collect(*child, out);
            }
        }
    }

    fn report_unfollowed_call(&self, instance: &Instance<'a>, call: &ModuleCall<'a>) {
        let address = format!("{}module.{}", instance.prefix, call.name);
        let message = match &call.source {
            ModuleSource::Remote(source) => {
                let message = format!(
                    "The module {address} comes from the remote source \"{source}\", which is not downloaded (only local module sources are read); its resources are not loaded."
                );
                self.issues.borrow_mut().push(LoadIssue {
                    kind: LoadIssueKind::Unresolved,
                    message,
                    location: call.location.clone(),
                    remote_module: Some(RemoteModule {
                        address,
                        source: source.clone(),
                    }),
                });
                return;
            }
            ModuleSource::Missing => format!(
                "The module {address} has no literal `source` string; its resources are not checked."
            ),
            ModuleSource::Local(dir) if !self.world.modules.contains_key(dir) => format!(
                "The module {address} refers to the directory {}, which does not exist or holds no .tf files; its resources are not checked.",
                super::location::display_path(dir)
            ),
            ModuleSource::Local(_) => return,
        };
        self.issue(LoadIssueKind::Unresolved, call.location.clone(), message);
    }

    fn resource(
        &self,
        instance: &Instance<'a>,
        at: &resolve::At<'_, 'a>,
        decl: &ResourceDecl<'a>,
        key: Option<InstanceKey>,
        binding: Option<&Binding>,
    ) -> Resource {
        let root = Scope::Empty;
        let scope = match binding {
            Some(b) => root.bind(b.name, b.value.clone()),
            None => Scope::Empty,
        };
        let mut body = eval_body(at, &scope, decl.body, RESOURCE_META);
        for over in &decl.overrides {
            body::merge_override(&mut body, eval_body(at, &scope, *over, RESOURCE_META));
        }
        Resource {
            resource_type: decl.resource_type.clone(),
            name: decl.name.clone(),
            module_path: instance.module_path.clone(),
            root_module: self.root_display.clone(),
            key,
            body,
            location: decl.location.clone(),
            source_line: decl.source_line.clone(),
            leading_comments: decl.leading_comments.clone(),
            provider: self.provider_config(instance, decl.provider_key()),
        }
    }

    /// The evaluated provider block that `key` names in `instance`, if there is one.
    fn provider_config(&self, instance: &Instance<'a>, key: &str) -> Option<Arc<ProviderConfig>> {
        let &(owner, index) = instance.providers.get(key)?;
        if let Some(config) = self.provider_configs.borrow().get(&(owner, index)) {
            return Some(Arc::clone(config));
        }
        let holder = self.instance(owner);
        let decl = &holder.config.providers[index];
        let body = eval_body(&self.at(owner), &Scope::Empty, decl.body, PROVIDER_META);
        let config = Arc::new(ProviderConfig {
            address: format!("{}{}", holder.prefix, decl.key),
            body,
            location: decl.location.clone(),
            working_dir: self.root_dir.to_path_buf(),
        });
        self.provider_configs
            .borrow_mut()
            .insert((owner, index), Arc::clone(&config));
        Some(config)
    }

    /// The instances of resource `index` of instance `id` (memoised; a cycle is unknown).
    fn resource_expansion(&self, id: InstanceId, index: usize) -> Rc<Expansion> {
        let instance = self.instance(id);
        if let Some(state) = instance.expansions.borrow().get(&index) {
            return match state {
                Some(expansion) => Rc::clone(expansion),
                None => Rc::new(Expansion::Unknown(
                    Repetition::Count,
                    unknown_binding(Repetition::Count),
                )),
            };
        }
        instance.expansions.borrow_mut().insert(index, None);
        let decl = &instance.config.resources[index];
        let expansion = Rc::new(expand(&self.at(id), decl.count, decl.for_each));
        instance
            .expansions
            .borrow_mut()
            .insert(index, Some(Rc::clone(&expansion)));
        expansion
    }

    /// The instances of module call `index` of instance `id`, created once.
    pub(crate) fn children(&self, id: InstanceId, index: usize) -> Rc<Children> {
        let instance = self.instance(id);
        if let Some(state) = instance.children.borrow().get(&index) {
            return match state {
                Some(children) => Rc::clone(children),
                // The call's count/for_each refers to the call's own outputs.
                None => Rc::new(Children {
                    expansion: ChildExpansion::Unknown,
                    instances: Vec::new(),
                }),
            };
        }
        instance.children.borrow_mut().insert(index, None);
        let children = Rc::new(self.create_children(id, &instance, index));
        instance
            .children
            .borrow_mut()
            .insert(index, Some(Rc::clone(&children)));
        children
    }

    fn create_children(&self, id: InstanceId, instance: &Instance<'a>, index: usize) -> Children {
        let none = Children {
            expansion: ChildExpansion::Unknown,
            instances: Vec::new(),
        };
        let call = &instance.config.module_calls[index];
        let ModuleSource::Local(dir) = &call.source else {
            return none;
        };
        let Some(config) = self.world.modules.get(dir) else {
            return none;
        };
        let address = format!("{}module.{}", instance.prefix, call.name);
        if instance.ancestors.contains(&config.dir.as_path()) {
            self.issue(LoadIssueKind::Unresolved, call.location.clone(), format!(
                "The module {address} calls the directory {} recursively (it is already one of its callers); it is not followed again.",
                config.display
            ));
            return none;
        }
        if instance.ancestors.len() >= MAX_MODULE_DEPTH {
            self.issue(LoadIssueKind::Unresolved, call.location.clone(), format!(
                "The module {address} is nested more than {MAX_MODULE_DEPTH} module calls deep; it is not followed."
            ));
            return none;
        }
        let (expansion, items): (ChildExpansion, Vec<ChildSeed>) = match expand(
            &self.at(id),
            call.count,
            call.for_each,
        ) {
            Expansion::Single => (ChildExpansion::Single, vec![(None, None)]),
            Expansion::Instances(repetition, items) => (
                ChildExpansion::Repeated(repetition),
                items.into_iter().map(|(k, b)| (Some(k), Some(b))).collect(),
            ),
            Expansion::Unknown(repetition, binding) => {
                self.issue(LoadIssueKind::Unresolved, call.location.clone(), format!(
                        "The instances of {address} cannot be known statically because its `{}` depends on values only known at apply time; its resources are checked once, as if it had a single instance.",
                        repetition.argument()
                    ));
                (ChildExpansion::Unknown, vec![(None, Some(binding))])
            }
        };
        let mut ancestors = instance.ancestors.clone();
        ancestors.push(config.dir.as_path());
        let passed = passed_providers(&instance.providers, call);
        let instances = items
            .into_iter()
            .map(|(key, binding)| {
                let element = match &key {
                    Some(k) => format!("{}{k}", call.name),
                    None => call.name.clone(),
                };
                let mut module_path = instance.module_path.clone();
                module_path.push(element.clone());
                let child_id = self.instances.borrow().len();
                let child = self.add_instance(Instance {
                    config,
                    prefix: format!("{}module.{element}.", instance.prefix),
                    module_path,
                    origin: Origin::Call {
                        parent: id,
                        call: index,
                        binding,
                    },
                    ancestors: ancestors.clone(),
                    vars: RefCell::default(),
                    locals: RefCell::default(),
                    outputs: RefCell::default(),
                    expansions: RefCell::default(),
                    children: RefCell::default(),
                    providers: own_providers(config, child_id, passed.clone()),
                });
                debug_assert_eq!(child, child_id);
                (key, child)
            })
            .collect();
        Children {
            expansion,
            instances,
        }
    }

    pub(crate) fn at(&self, id: InstanceId) -> resolve::At<'_, 'a> {
        resolve::At {
            evaluation: self,
            id,
        }
    }
}

/// What a module call passes down: the entries its `providers` map names, else (without the
/// argument) every default configuration of the caller, as Terraform does.
fn passed_providers(caller: &ProviderMap, call: &ModuleCall<'_>) -> ProviderMap {
    match &call.providers {
        Some(entries) => entries
            .iter()
            .filter_map(|(child_key, caller_key)| {
                Some((child_key.clone(), *caller.get(caller_key)?))
            })
            .collect(),
        None => caller
            .iter()
            .filter(|(key, _)| !key.contains('.'))
            .map(|(key, slot)| (key.clone(), *slot))
            .collect(),
    }
}

/// `inherited`, with the module's own `provider` blocks (held by instance `id`) taking over.
fn own_providers(
    config: &ModuleConfig<'_>,
    id: InstanceId,
    mut inherited: ProviderMap,
) -> ProviderMap {
    for (index, decl) in config.providers.iter().enumerate() {
        inherited.insert(decl.key.clone(), (id, index));
    }
    inherited
}

/// The key and `count`/`each` binding of a module call instance about to be created.
type ChildSeed = (Option<InstanceKey>, Option<Binding>);

fn unknown_binding(repetition: Repetition) -> Binding {
    match repetition {
        Repetition::Count => Binding {
            name: "count",
            value: Value::Unknown,
        },
        Repetition::ForEach => Binding {
            name: "each",
            value: Value::Unknown,
        },
    }
}
