//! Turning the `references` that a plan's `configuration` lists for an expression into
//! [`Value::Ref`]s with full addresses, following `var.*` into the calling module and
//! `module.*` outputs into the called one.

use serde_json::Value as Json;

use crate::value::Value;

/// Module calls may nest at most this deep while following references.
const MAX_FOLLOW_DEPTH: usize = 64;

/// One module of the plan's `configuration` tree.
pub(crate) struct ConfigModule<'j> {
    pub json: &'j Json,
}

impl<'j> ConfigModule<'j> {
    pub(crate) fn resources(&self) -> impl Iterator<Item = &'j Json> {
        self.json
            .get("resources")
            .and_then(Json::as_array)
            .into_iter()
            .flatten()
    }

    fn call(&self, name: &str) -> Option<&'j Json> {
        self.json.get("module_calls")?.get(name)
    }

    /// The configuration of the module called `name` from this one.
    pub(crate) fn child(&self, name: &str) -> Option<ConfigModule<'j>> {
        self.call(name)?
            .get("module")
            .map(|json| ConfigModule { json })
    }

    /// The `expressions` of the managed resource `TYPE.NAME` declared in this module.
    pub(crate) fn resource_expressions(&self, address: &str) -> Option<&'j Json> {
        self.resources()
            .find(|r| {
                r.get("address").and_then(Json::as_str) == Some(address)
                    && r.get("mode").and_then(Json::as_str) != Some("data")
            })
            .and_then(|r| r.get("expressions"))
    }
}

/// One step of a module path: the call name and, for an instance, its key text (`["x"]`).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Step {
    pub name: String,
    pub key: String,
}

impl Step {
    pub(crate) fn element(&self) -> String {
        format!("{}{}", self.name, self.key)
    }
}

/// Splits `module.a["x"].module.b.aws_x.y[0]` into its module steps and the rest.
pub(crate) fn split_module_path(address: &str) -> (Vec<Step>, &str) {
    let mut steps = Vec::new();
    let mut rest = address;
    while let Some(after) = rest.strip_prefix("module.") {
        let name_end = after.find(['.', '[']).unwrap_or(after.len());
        let name = &after[..name_end];
        let mut cursor = name_end;
        let mut key = String::new();
        if after[cursor..].starts_with('[') {
            let close = closing_bracket(&after[cursor..]).map_or(after.len(), |i| cursor + i + 1);
            key = after[cursor..close].to_string();
            cursor = close;
        }
        steps.push(Step {
            name: name.to_string(),
            key,
        });
        rest = after[cursor..]
            .strip_prefix('.')
            .unwrap_or(&after[cursor..]);
    }
    (steps, rest)
}

/// The offset of the `]` closing the `[` at the start of `text`, skipping quoted strings.
fn closing_bracket(text: &str) -> Option<usize> {
    let mut in_string = false;
    let mut escaped = false;
    for (i, c) in text.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' if in_string => escaped = true,
            '"' => in_string = !in_string,
            ']' if !in_string => return Some(i),
            _ => {}
        }
    }
    None
}

/// A reference split into `root.attr...` segments, each possibly indexed: `aws_x.y[0].id`.
fn segments(reference: &str) -> Vec<(&str, &str)> {
    let mut out = Vec::new();
    let mut rest = reference;
    while !rest.is_empty() {
        let name_end = rest.find(['.', '[']).unwrap_or(rest.len());
        let name = &rest[..name_end];
        let mut cursor = name_end;
        if rest[cursor..].starts_with('[') {
            cursor = closing_bracket(&rest[cursor..]).map_or(rest.len(), |i| cursor + i + 1);
        }
        out.push((name, &rest[name_end..cursor]));
        rest = rest[cursor..].strip_prefix('.').unwrap_or(&rest[cursor..]);
    }
    out
}

/// Where a reference list is evaluated: the module instance path and its configuration chain
/// from the root (`modules[0]` is the root module's configuration).
pub(crate) struct RefContext<'c, 'j> {
    pub steps: &'c [Step],
    pub modules: &'c [ConfigModule<'j>],
}

/// A resolved reference: the resource address (module path and key included) and attribute.
#[derive(Debug, Clone, PartialEq)]
struct Target {
    base: String,
    key: String,
    attribute: Option<String>,
}

/// The resources that an expression's `references` point to, as refs.
pub(crate) fn resolve_references(references: &Json, context: &RefContext<'_, '_>) -> Vec<Value> {
    let mut targets = Vec::new();
    collect_targets(references, context, &mut targets, 0);
    // Terraform lists `aws_x.y[0].id`, `aws_x.y[0]` and `aws_x.y` for one
    // reference: keep the most specific of each.
    let mut kept: Vec<Target> = Vec::new();
    for target in &targets {
        let more_specific_exists = targets.iter().any(|other| {
            other.base == target.base
                && other != target
                && ((target.key.is_empty() && !other.key.is_empty())
                    || (other.key == target.key
                        && target.attribute.is_none()
                        && other.attribute.is_some()))
        });
        if !more_specific_exists && !kept.contains(target) {
            kept.push(target.clone());
        }
    }
    kept.into_iter()
        .map(|t| Value::Ref {
            address: format!("{}{}", t.base, t.key),
            attribute: t.attribute,
        })
        .collect()
}

fn collect_targets(
    references: &Json,
    context: &RefContext<'_, '_>,
    out: &mut Vec<Target>,
    depth: usize,
) {
    if depth > MAX_FOLLOW_DEPTH {
        return;
    }
    let Some(references) = references.as_array() else {
        return;
    };
    let prefix: String = context
        .steps
        .iter()
        .map(|s| format!("module.{}.", s.element()))
        .collect();
    for reference in references.iter().filter_map(Json::as_str) {
        let parts = segments(reference);
        match parts.as_slice() {
            [("var", ""), (name, _), ..] => follow_variable(name, context, out, depth),
            [("module", ""), (call, key), (output, _), ..] => {
                follow_output(call, key, output, context, out, depth)
            }
            [(
                "module" | "local" | "data" | "count" | "each" | "path" | "terraform" | "self"
                | "var",
                _,
            ), ..] => {}
            [(resource_type, ""), (name, key), rest @ ..] if resource_type.contains('_') => out
                .push(Target {
                    base: format!("{prefix}{resource_type}.{name}"),
                    key: key.to_string(),
                    attribute: rest.first().map(|(attr, _)| attr.to_string()),
                }),
            _ => {}
        }
    }
}

/// `var.NAME` inside a called module: what the caller passed for it.
fn follow_variable(name: &str, context: &RefContext<'_, '_>, out: &mut Vec<Target>, depth: usize) {
    let (Some(step), Some(parent_count)) =
        (context.steps.last(), context.modules.len().checked_sub(1))
    else {
        return;
    };
    if parent_count == 0 {
        return;
    }
    let parent = &context.modules[parent_count - 1];
    let Some(references) = parent
        .call(&step.name)
        .and_then(|c| c.get("expressions"))
        .and_then(|e| e.get(name))
        .and_then(|e| e.get("references"))
    else {
        return;
    };
    let outer = RefContext {
        steps: &context.steps[..context.steps.len() - 1],
        modules: &context.modules[..parent_count],
    };
    collect_targets(references, &outer, out, depth + 1);
}

/// `module.CALL.OUTPUT`: what the called module's output refers to.
fn follow_output(
    call: &str,
    key: &str,
    output: &str,
    context: &RefContext<'_, '_>,
    out: &mut Vec<Target>,
    depth: usize,
) {
    let Some(current) = context.modules.last() else {
        return;
    };
    let Some(child) = current.child(call) else {
        return;
    };
    let Some(references) = child
        .json
        .get("outputs")
        .and_then(|o| o.get(output))
        .and_then(|o| o.get("expression"))
        .and_then(|e| e.get("references"))
    else {
        return;
    };
    let mut steps = context.steps.to_vec();
    steps.push(Step {
        name: call.to_string(),
        key: key.to_string(),
    });
    let mut modules: Vec<ConfigModule<'_>> = context
        .modules
        .iter()
        .map(|m| ConfigModule { json: m.json })
        .collect();
    modules.push(child);
    collect_targets(
        references,
        &RefContext {
            steps: &steps,
            modules: &modules,
        },
        out,
        depth + 1,
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn module_paths_split_with_keys() {
        let (steps, rest) =
            split_module_path("module.app[\"x.y\"].module.db[0].azurerm_x.y[\"k\"]");
        assert_eq!(
            steps.iter().map(Step::element).collect::<Vec<_>>(),
            vec!["app[\"x.y\"]", "db[0]"]
        );
        assert_eq!(steps[0].name, "app");
        assert_eq!(rest, "azurerm_x.y[\"k\"]");
        let (steps, rest) = split_module_path("azurerm_x.y");
        assert!(steps.is_empty());
        assert_eq!(rest, "azurerm_x.y");
    }

    #[test]
    fn references_keep_the_most_specific_form() {
        let root = serde_json::json!({});
        let modules = [ConfigModule { json: &root }];
        let context = RefContext {
            steps: &[],
            modules: &modules,
        };
        let refs = resolve_references(
            &serde_json::json!([
                "azurerm_cosmosdb_account.db.id",
                "azurerm_cosmosdb_account.db",
                "azurerm_x.y[0].id",
                "azurerm_x.y[0]",
                "azurerm_x.y",
                "local.z",
                "data.a.b.id"
            ]),
            &context,
        );
        assert_eq!(
            refs,
            vec![
                Value::Ref {
                    address: "azurerm_cosmosdb_account.db".into(),
                    attribute: Some("id".into())
                },
                Value::Ref {
                    address: "azurerm_x.y[0]".into(),
                    attribute: Some("id".into())
                },
            ]
        );
    }

    #[test]
    fn variables_and_outputs_are_followed_across_modules() {
        let root = serde_json::json!({
            "resources": [],
            "module_calls": {
                "app": {
                    "expressions": {"targets": {"references": ["azurerm_redis_cache.main.id", "azurerm_redis_cache.main"]}},
                    "module": {
                        "outputs": {"db": {"expression": {"references": ["azurerm_cosmosdb_account.db.id", "azurerm_cosmosdb_account.db"]}}}
                    }
                }
            }
        });
        let root_module = ConfigModule { json: &root };
        let app = root_module.child("app").unwrap();
        let modules = [ConfigModule { json: &root }, app];
        let steps = [Step {
            name: "app".into(),
            key: "[0]".into(),
        }];
        let inside_app = RefContext {
            steps: &steps,
            modules: &modules,
        };
        assert_eq!(
            resolve_references(&serde_json::json!(["var.targets"]), &inside_app),
            vec![Value::Ref {
                address: "azurerm_redis_cache.main".into(),
                attribute: Some("id".into())
            }]
        );
        let at_root = RefContext {
            steps: &[],
            modules: &modules[..1],
        };
        assert_eq!(
            resolve_references(
                &serde_json::json!(["module.app[1].db", "module.app"]),
                &at_root
            ),
            vec![Value::Ref {
                address: "module.app[1].azurerm_cosmosdb_account.db".into(),
                attribute: Some("id".into())
            }]
        );
    }
}
