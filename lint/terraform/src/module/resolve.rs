//! Resolving references inside one module instance: `var.*`, `local.*`, `module.*`,
//! managed resources (as [`Value::Ref`]s with full addresses), `data.*`, `path.*`,
//! `terraform.workspace`.

use crate::location::{display_path, relative_display};
use std::collections::BTreeMap;
use std::rc::Rc;

use super::{ChildExpansion, Evaluation, Expansion, InstanceId, Origin, Repetition, Slot};
use crate::config::MODULE_META;
use crate::eval::types::TypeConstraint;
use crate::eval::{eval, invalid, Budget, EvalError, Resolver, Scope};
use crate::ir::{InstanceKey, LoadIssueKind};
use crate::syntax::{Expr, ExprNode};
use crate::value::Value;

type Resolved = (Result<Rc<Value>, EvalError>, usize);

/// A resolver for one instance of an [`Evaluation`].
pub(crate) struct At<'e, 'a> {
    pub evaluation: &'e Evaluation<'a>,
    pub id: InstanceId,
}

impl Resolver for At<'_, '_> {
    fn resolve(&self, root: &str, attrs: &[&str]) -> Resolved {
        let first = attrs.first().copied();
        match (root, first) {
            ("var", Some(name)) => (self.variable(name), 1),
            ("local", Some(name)) => (self.local(name), 1),
            ("module", Some(name)) => self.module(name, attrs.get(1).copied()),
            ("path", Some(which)) => (self.path(which), 1),
            ("terraform", Some("workspace")) => (Ok(Rc::new(Value::String("default".into()))), 1),
            // Data sources are read at plan time from the real world: unknown statically.
            ("data", _) => (Ok(Rc::new(Value::Unknown)), attrs.len().min(2)),
            ("self", _) => (Ok(Rc::new(Value::Unknown)), 0),
            ("count" | "each", _) => (
                invalid(format!("`{root}` is only available in blocks that use it")),
                0,
            ),
            (resource_type, Some(name)) if resource_type.contains('_') => {
                (Ok(Rc::new(self.resource(resource_type, name))), 1)
            }
            _ => (invalid(format!("`{root}` is not a known reference")), 0),
        }
    }

    fn budget(&self) -> &Budget {
        &self.evaluation.budget
    }
}

/// Runs `compute` once per name and instance; a name met again while being computed is a cycle,
/// and is unknown.
fn memoised(
    slots: &std::cell::RefCell<std::collections::HashMap<String, Slot>>,
    name: &str,
    on_cycle: impl FnOnce(),
    compute: impl FnOnce() -> Value,
) -> Rc<Value> {
    match slots.borrow().get(name) {
        Some(Slot::Done(value)) => return Rc::clone(value),
        Some(Slot::InProgress) => {
            on_cycle();
            return Rc::new(Value::Unknown);
        }
        None => {}
    }
    slots
        .borrow_mut()
        .insert(name.to_string(), Slot::InProgress);
    let value = Rc::new(compute());
    slots
        .borrow_mut()
        .insert(name.to_string(), Slot::Done(Rc::clone(&value)));
    value
}

impl<'a> At<'_, 'a> {
    fn eval_here(&self, expr: Expr<'_>, scope: &Scope) -> Value {
        match eval(self, scope, expr) {
            Ok(value) => value,
            Err(_) => Value::Unknown,
        }
    }

    fn cycle_issue(&self, what: String, expr: Option<Expr<'_>>) {
        let instance = self.evaluation.instance(self.id);
        let location = expr.map_or_else(|| instance.config.location.clone(), |e| e.location());
        self.evaluation.issue(LoadIssueKind::Unresolved, location, format!(
            "{what} in {} refers to itself through a cycle of references; its value is treated as unknown.",
            if instance.prefix.is_empty() { instance.config.display.clone() } else { instance.prefix.trim_end_matches('.').to_string() }
        ));
    }

    fn variable(&self, name: &str) -> Result<Rc<Value>, EvalError> {
        let instance = self.evaluation.instance(self.id);
        let Some(decl) = instance.config.variables.get(name) else {
            return invalid(format!("no variable named \"{name}\" is declared"));
        };
        Ok(memoised(
            &instance.vars,
            name,
            || self.cycle_issue(format!("var.{name}"), decl.default),
            || {
                let given = match &instance.origin {
                    Origin::Root(values) => values.get(name).cloned(),
                    Origin::Call {
                        parent,
                        call,
                        binding,
                    } => {
                        let parent_at = At {
                            evaluation: self.evaluation,
                            id: *parent,
                        };
                        let parent_instance = self.evaluation.instance(*parent);
                        let call = &parent_instance.config.module_calls[*call];
                        // Meta-arguments (`source`, `count`...) are never variable values.
                        let argument = if MODULE_META.contains(&name) {
                            None
                        } else {
                            call.body.attribute(name)
                        };
                        argument.map(|expr| {
                            let root = Scope::Empty;
                            let scope = match binding {
                                Some(b) => root.bind(b.name, b.value.clone()),
                                None => Scope::Empty,
                            };
                            parent_at.eval_here(expr, &scope)
                        })
                    }
                };
                let value = match given {
                    Some(Value::Null) if !decl.nullable => None,
                    other => other,
                };
                let value = match value {
                    Some(v) => v,
                    None => match decl.default {
                        Some(default) => self.eval_here(default, &Scope::Empty),
                        // Terraform would ask for it; statically it is unknown.
                        None => Value::Unknown,
                    },
                };
                match decl.type_expr.map(type_of) {
                    Some(ty) => ty.convert(value),
                    None => value,
                }
            },
        ))
    }

    fn local(&self, name: &str) -> Result<Rc<Value>, EvalError> {
        let instance = self.evaluation.instance(self.id);
        let Some(expr) = instance.config.locals.get(name).copied() else {
            return invalid(format!("no local value named \"{name}\" is declared"));
        };
        Ok(memoised(
            &instance.locals,
            name,
            || self.cycle_issue(format!("local.{name}"), Some(expr)),
            || self.eval_here(expr, &Scope::Empty),
        ))
    }

    /// The value of output `name` of instance `id`.
    fn output(&self, name: &str) -> Result<Rc<Value>, EvalError> {
        let instance = self.evaluation.instance(self.id);
        let Some(expr) = instance.config.outputs.get(name).copied() else {
            return invalid(format!("the module has no output named \"{name}\""));
        };
        Ok(memoised(
            &instance.outputs,
            name,
            || self.cycle_issue(format!("output {name}"), Some(expr)),
            || self.eval_here(expr, &Scope::Empty),
        ))
    }

    /// All outputs of instance `id`, as an object.
    fn all_outputs(&self) -> Value {
        let instance = self.evaluation.instance(self.id);
        let mut names: Vec<&String> = instance.config.outputs.keys().collect();
        names.sort();
        Value::Map(
            names
                .into_iter()
                .map(|n| {
                    (
                        n.clone(),
                        self.output(n).map_or(Value::Unknown, Rc::unwrap_or_clone),
                    )
                })
                .collect(),
        )
    }

    fn module(&self, call_name: &str, output: Option<&str>) -> Resolved {
        let instance = self.evaluation.instance(self.id);
        let Some(&index) = instance.config.module_call_index.get(call_name) else {
            return (invalid(format!("no module call named \"{call_name}\"")), 1);
        };
        let children = self.evaluation.children(self.id, index);
        let child_at = |id| At {
            evaluation: self.evaluation,
            id,
        };
        let single = children.instances.first().map(|(_, id)| *id);
        match (children.expansion, output, single) {
            (ChildExpansion::Single, Some(output), Some(child)) => {
                (child_at(child).output(output), 2)
            }
            (ChildExpansion::Single, _, Some(child)) => {
                (Ok(Rc::new(child_at(child).all_outputs())), 1)
            }
            // A remote, missing or recursive module (no instance), or unknown instances: nothing
            // is known about its outputs.
            (ChildExpansion::Single, _, None) => (Ok(Rc::new(Value::Unknown)), 1),
            (ChildExpansion::Unknown, _, _) => (Ok(Rc::new(Value::Unknown)), 1),
            (ChildExpansion::Repeated(Repetition::Count), _, _) => (
                Ok(Rc::new(Value::List(
                    children
                        .instances
                        .iter()
                        .map(|(_, c)| child_at(*c).all_outputs())
                        .collect(),
                ))),
                1,
            ),
            (ChildExpansion::Repeated(Repetition::ForEach), _, _) => {
                let map: BTreeMap<String, Value> = children
                    .instances
                    .iter()
                    .filter_map(|(key, c)| match key {
                        Some(InstanceKey::Key(k)) => Some((k.clone(), child_at(*c).all_outputs())),
                        _ => None,
                    })
                    .collect();
                (Ok(Rc::new(Value::Map(map))), 1)
            }
        }
    }

    fn path(&self, which: &str) -> Result<Rc<Value>, EvalError> {
        let instance = self.evaluation.instance(self.id);
        // As Terraform gives them when run in the root module's directory: `path.module`
        // relative to it, `path.root` always ".", `path.cwd` that directory in full.
        let root_dir = self.evaluation.root_dir();
        let text = match which {
            "module" => relative_display(root_dir, &instance.config.dir),
            "root" => ".".to_owned(),
            "cwd" => display_path(root_dir),
            other => return invalid(format!("`path.{other}` is not a Terraform path")),
        };
        Ok(Rc::new(Value::String(text)))
    }

    /// `TYPE.NAME` of a managed resource: a reference per instance, with the full address.
    fn resource(&self, resource_type: &str, name: &str) -> Value {
        let instance = self.evaluation.instance(self.id);
        let address = format!("{}{resource_type}.{name}", instance.prefix);
        let reference = |address: String| Value::Ref {
            address,
            attribute: None,
        };
        let key = format!("{resource_type}.{name}");
        let Some(&index) = instance.config.resource_index.get(&key) else {
            // Not declared here (perhaps in a file that failed to parse): still linkable.
            return reference(address);
        };
        match &*self.evaluation.resource_expansion(self.id, index) {
            Expansion::Single | Expansion::Unknown(..) => reference(address),
            Expansion::Instances(Repetition::Count, items) => Value::List(
                items
                    .iter()
                    .map(|(k, _)| reference(format!("{address}{k}")))
                    .collect(),
            ),
            Expansion::Instances(Repetition::ForEach, items) => Value::Map(
                items
                    .iter()
                    .filter_map(|(k, _)| match k {
                        InstanceKey::Key(key) => {
                            Some((key.clone(), reference(format!("{address}{k}"))))
                        }
                        InstanceKey::Index(_) => None,
                    })
                    .collect(),
            ),
        }
    }
}

/// The declared type of a variable, from HCL (`list(string)`) or JSON (`"list(string)"`).
fn type_of(expr: Expr<'_>) -> TypeConstraint {
    match expr.node {
        ExprNode::Hcl(e) => TypeConstraint::from_expr(e),
        ExprNode::Json(serde_json::Value::String(text)) => TypeConstraint::from_text(text),
        ExprNode::Json(_) => TypeConstraint::Any,
    }
}
