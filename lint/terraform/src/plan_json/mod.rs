//! Reading `terraform show -json` output: a saved plan (`planned_values`) or a state
//! (`values`). Values there are fully resolved, except those only known after apply, which
//! `resource_changes[].change.after_unknown` marks; where the plan's `configuration` says what
//! such a value refers to, it becomes a [`Value::Ref`] so that references between resources
//! still resolve.
//!
//! Format: https://developer.hashicorp.com/terraform/internals/json-format

mod references;

use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use std::sync::OnceLock;
use std::time::Instant;

use regex::Regex;
use serde_json::Value as Json;

use super::ir::{
    Attribute, Block, Body, Estate, InstanceKey, LoadIssue, LoadStats, Location, Resource,
};
use super::location::{at, LineIndex};
use super::parse::json_kind;
use super::source::{parse_issue, read_text};
use super::value::Value;
use references::{resolve_references, split_module_path, ConfigModule, RefContext, Step};

/// Loads the plan or state JSON in `path`, shown as `display`.
pub(crate) fn load_plan(path: &Path, display: &str) -> Estate {
    let start = Instant::now();
    let text = match read_text(path, display) {
        Ok(text) => text,
        Err(issue) => return with_issue(issue),
    };
    let json: Json = match serde_json::from_str(&text) {
        Ok(json) => json,
        Err(err) => {
            let (line, column) = (err.line().max(1), err.column().max(1));
            return with_issue(parse_issue(display, line, column, format!(
                "The plan file {display} cannot be parsed as JSON at line {line}, column {column}: {err}."
            )));
        }
    };
    let parse_time = start.elapsed();
    let eval_start = Instant::now();
    let mut estate = match plan_resources(&json, &text, display) {
        Ok(resources) => Estate {
            resources,
            ..Estate::default()
        },
        Err(issue) => with_issue(issue),
    };
    estate.stats = LoadStats {
        files_read: 1,
        bytes_read: text.len() as u64,
        modules: 0,
        module_instances: 0,
        parse_time,
        eval_time: eval_start.elapsed(),
    };
    estate
}

fn with_issue(issue: LoadIssue) -> Estate {
    Estate {
        issues: vec![issue],
        ..Estate::default()
    }
}

fn plan_resources(json: &Json, text: &str, display: &str) -> Result<Vec<Resource>, LoadIssue> {
    let root_module = json
        .get("planned_values")
        .or_else(|| json.get("values"))
        .and_then(|v| v.get("root_module"))
        .filter(|m| m.is_object());
    let Some(root_module) = root_module else {
        let what = match json {
            Json::Object(_) => {
                "an object without `planned_values.root_module` or `values.root_module`".to_string()
            }
            other => format!("a JSON {}", json_kind(other)),
        };
        return Err(parse_issue(display, 1, 1, format!(
            "The file {display} is {what}; plan files are read as `terraform show -json PLANFILE` writes them."
        )));
    };
    let after_unknown: HashMap<&str, &Json> = json
        .get("resource_changes")
        .and_then(Json::as_array)
        .into_iter()
        .flatten()
        .filter_map(|change| {
            let address = change.get("address")?.as_str()?;
            Some((address, change.get("change")?.get("after_unknown")?))
        })
        .collect();
    let empty = Json::Object(serde_json::Map::new());
    let configuration = json
        .get("configuration")
        .and_then(|c| c.get("root_module"))
        .unwrap_or(&empty);
    let reader = PlanReader {
        display,
        after_unknown,
        configuration: ConfigModule {
            json: configuration,
        },
        address_positions: address_positions(text),
    };
    let mut resources = Vec::new();
    reader.read_module(root_module, &mut resources, 0);
    Ok(resources)
}

/// Where each `"address": "..."` is first written in the text (planned values come first).
fn address_positions(text: &str) -> HashMap<String, Location> {
    static ADDRESS: OnceLock<Regex> = OnceLock::new();
    let pattern = ADDRESS.get_or_init(|| {
        Regex::new(r#""address"\s*:\s*("(?:[^"\\]|\\.)*")"#)
            .expect("the address pattern is a valid regex")
    });
    let lines = LineIndex::new(text);
    let mut positions = HashMap::new();
    for captures in pattern.captures_iter(text) {
        let Some(quoted) = captures.get(1) else {
            continue;
        };
        let Ok(address) = serde_json::from_str::<String>(quoted.as_str()) else {
            continue;
        };
        positions.entry(address).or_insert_with(|| {
            let (line, column) = lines.position(text, captures.get(0).map_or(0, |m| m.start()));
            at("", line, column)
        });
    }
    positions
}

/// Child modules nest at most this deep in a plan.
const MAX_MODULE_DEPTH: usize = 64;

struct PlanReader<'j> {
    display: &'j str,
    after_unknown: HashMap<&'j str, &'j Json>,
    configuration: ConfigModule<'j>,
    address_positions: HashMap<String, Location>,
}

impl<'j> PlanReader<'j> {
    fn read_module(&self, module: &'j Json, out: &mut Vec<Resource>, depth: usize) {
        if depth > MAX_MODULE_DEPTH {
            return;
        }
        for resource in module
            .get("resources")
            .and_then(Json::as_array)
            .into_iter()
            .flatten()
        {
            if let Some(resource) = self.read_resource(resource) {
                out.push(resource);
            }
        }
        for child in module
            .get("child_modules")
            .and_then(Json::as_array)
            .into_iter()
            .flatten()
        {
            self.read_module(child, out, depth + 1);
        }
    }

    fn read_resource(&self, resource: &'j Json) -> Option<Resource> {
        if resource.get("mode").and_then(Json::as_str) != Some("managed") {
            return None;
        }
        let address = resource.get("address")?.as_str()?;
        let resource_type = resource.get("type")?.as_str()?.to_string();
        let name = resource.get("name")?.as_str()?.to_string();
        let key = match resource.get("index") {
            Some(Json::Number(n)) => n.as_u64().map(|i| InstanceKey::Index(i as usize)),
            Some(Json::String(k)) => Some(InstanceKey::Key(k.clone())),
            _ => None,
        };
        let (steps, _) = split_module_path(address);
        let location = match self.address_positions.get(address) {
            Some(position) => at(self.display, position.line, position.column),
            None => at(self.display, 1, 1),
        };
        // A resource whose values are all unknown has no `values` at all.
        let empty = Json::Object(serde_json::Map::new());
        let planned = resource.get("values").unwrap_or(&empty);
        let values = overlay(Some(planned), self.after_unknown.get(address).copied())
            .unwrap_or(Value::Map(BTreeMap::new()));
        let modules = self.config_chain(&steps);
        let expressions = modules
            .last()
            .and_then(|m| m.resource_expressions(&format!("{resource_type}.{name}")));
        let context = RefContext {
            steps: &steps,
            modules: &modules,
        };
        let body = match values {
            Value::Map(map) => to_body(map, expressions, &context, &location),
            _ => Body::default(),
        };
        Some(Resource {
            resource_type,
            name,
            module_path: steps.iter().map(Step::element).collect(),
            root_module: self.display.to_string(),
            key,
            body,
            location,
            source_line: None,
            leading_comments: Vec::new().into(),
            // The plan's values already hold what the provider made of its configuration.
            provider: None,
        })
    }

    /// The configuration modules from the root to the module of `steps` (shorter when the
    /// configuration does not describe them).
    fn config_chain(&self, steps: &[Step]) -> Vec<ConfigModule<'j>> {
        let mut chain = vec![ConfigModule {
            json: self.configuration.json,
        }];
        for step in steps {
            match chain.last().and_then(|m| m.child(&step.name)) {
                Some(child) => chain.push(child),
                None => break,
            }
        }
        if chain.len() != steps.len() + 1 {
            // Without the full chain, references cannot be placed in the right module.
            chain.clear();
        }
        chain
    }
}

/// Planned values with `after_unknown` laid over them: `true` there means unknown (and absent
/// from the planned values). `None`: absent and not unknown.
fn overlay(value: Option<&Json>, unknown: Option<&Json>) -> Option<Value> {
    if unknown == Some(&Json::Bool(true)) {
        return Some(Value::Unknown);
    }
    match (value, unknown) {
        (Some(Json::Object(map)), unknown) => {
            let unknown_map = unknown.and_then(Json::as_object);
            let mut out = BTreeMap::new();
            for (key, item) in map {
                if let Some(v) = overlay(Some(item), unknown_map.and_then(|u| u.get(key))) {
                    out.insert(key.clone(), v);
                }
            }
            for (key, marker) in unknown_map.into_iter().flatten() {
                if !map.contains_key(key) && marker == &Json::Bool(true) {
                    out.insert(key.clone(), Value::Unknown);
                }
            }
            Some(Value::Map(out))
        }
        (Some(Json::Array(items)), unknown) => {
            let unknown_items = unknown.and_then(Json::as_array);
            Some(Value::List(
                items
                    .iter()
                    .enumerate()
                    .map(|(i, item)| {
                        overlay(Some(item), unknown_items.and_then(|u| u.get(i)))
                            .unwrap_or(Value::Null)
                    })
                    .collect(),
            ))
        }
        (Some(other), _) => Some(Value::from_json_literal(other)),
        (None, _) => None,
    }
}

/// Builds a body: a list of objects is how a plan writes nested blocks (an empty list: no
/// block); anything else is an attribute. Unknown values take the references that the
/// configuration lists for them.
fn to_body(
    map: BTreeMap<String, Value>,
    expressions: Option<&Json>,
    context: &RefContext<'_, '_>,
    location: &Location,
) -> Body {
    let mut body = Body::default();
    for (name, value) in map {
        let expression = expressions.and_then(|e| e.get(&name));
        match value {
            Value::List(items)
                if !items.is_empty() && items.iter().all(|i| matches!(i, Value::Map(_))) =>
            {
                for (i, item) in items.into_iter().enumerate() {
                    let Value::Map(fields) = item else { continue };
                    let nested = expression.and_then(|e| e.get(i));
                    body.blocks.push(Block {
                        kind: name.clone(),
                        labels: Vec::new(),
                        body: to_body(fields, nested, context, location),
                        location: location.clone(),
                    });
                }
            }
            value => {
                let value = with_references(value, expression, context);
                body.attributes.insert(
                    name,
                    Attribute {
                        value,
                        location: location.clone(),
                    },
                );
            }
        }
    }
    body
}

fn with_references(value: Value, expression: Option<&Json>, context: &RefContext<'_, '_>) -> Value {
    if !value.contains_unknown() || context.modules.is_empty() {
        return value;
    }
    let Some(references) = expression.and_then(|e| e.get("references")) else {
        return value;
    };
    let refs = resolve_references(references, context);
    if refs.is_empty() {
        return value;
    }
    match value {
        Value::List(items) => {
            let mut known: Vec<Value> = items
                .into_iter()
                .filter(|v| !v.contains_unknown())
                .collect();
            known.extend(refs);
            Value::List(known)
        }
        _ if refs.len() == 1 => refs.into_iter().next().unwrap_or(Value::Unknown),
        _ => Value::List(refs),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overlay_marks_unknowns() {
        let values = serde_json::json!({"a": 1, "list": [null, "x"], "blocks": [{"k": "v"}]});
        let unknown = serde_json::json!({"id": true, "list": [true, false], "blocks": [{"computed": true}], "a": false});
        let merged = overlay(Some(&values), Some(&unknown)).unwrap();
        let Value::Map(map) = merged else {
            panic!("an object overlays to a map")
        };
        assert_eq!(map["id"], Value::Unknown);
        assert_eq!(map["a"], Value::Number(1.0));
        assert_eq!(
            map["list"],
            Value::List(vec![Value::Unknown, Value::String("x".into())])
        );
        let Value::List(blocks) = &map["blocks"] else {
            panic!("blocks stay a list")
        };
        assert_eq!(blocks[0].as_map().unwrap()["computed"], Value::Unknown);
    }

    #[test]
    fn addresses_are_located_by_their_first_occurrence() {
        let text = "{\n  \"a\": {\n    \"address\": \"module.x[\\\"k\\\"].y_z.w\"\n  },\n  \"address\" : \"y_z.v\"\n}";
        let positions = address_positions(text);
        assert_eq!(positions["module.x[\"k\"].y_z.w"].line, 3);
        assert_eq!(positions["y_z.v"].line, 5);
    }
}
