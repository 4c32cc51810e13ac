//! Evaluating a resource body into an IR [`Body`]: attributes, nested blocks, and
//! `dynamic` blocks expanded into ordinary blocks.

use std::collections::BTreeMap;

use crate::eval::{eval, Resolver, Scope};
use crate::ir::{Attribute, Block, Body, Location};
use crate::syntax::{BodyItem, BodyRef, ExprNode};
use crate::value::Value;

/// Evaluates every attribute and block of `body` except those named in `skip`. An attribute
/// that cannot be evaluated is unknown.
pub(crate) fn eval_body(
    resolver: &dyn Resolver,
    scope: &Scope,
    body: BodyRef<'_>,
    skip: &[&str],
) -> Body {
    let mut out = Body::default();
    for item in body.items() {
        match item {
            BodyItem::Attribute {
                name,
                expr,
                location,
            } => {
                if skip.contains(&name) {
                    continue;
                }
                let value = eval(resolver, scope, expr).unwrap_or(Value::Unknown);
                out.attributes
                    .insert(name.to_string(), Attribute { value, location });
            }
            BodyItem::Block {
                kind,
                labels,
                body,
                location,
            } => {
                if skip.contains(&kind) {
                    continue;
                }
                if kind == "dynamic" {
                    expand_dynamic(resolver, scope, &labels, body, &location, &mut out.blocks);
                    continue;
                }
                out.blocks.push(Block {
                    kind: kind.to_string(),
                    labels,
                    body: eval_body(resolver, scope, body, &[]),
                    location,
                });
            }
        }
    }
    out
}

/// `dynamic "KIND" { for_each = ..., iterator = NAME, content { ... } }`: one `KIND` block per
/// element. When `for_each` is unknown, how many blocks exist is unknown, so none is produced.
fn expand_dynamic(
    resolver: &dyn Resolver,
    scope: &Scope,
    labels: &[String],
    body: BodyRef<'_>,
    location: &Location,
    out: &mut Vec<Block>,
) {
    let Some(kind) = labels.first() else { return };
    let Some(for_each) = body.attribute("for_each") else {
        return;
    };
    let elements: Vec<(Value, Value)> = match eval(resolver, scope, for_each) {
        Ok(Value::List(items)) => items
            .into_iter()
            .enumerate()
            .map(|(i, v)| (Value::Number(i as f64), v))
            .collect(),
        Ok(Value::Map(map)) => map
            .into_iter()
            .map(|(k, v)| (Value::String(k), v))
            .collect(),
        _ => return,
    };
    let iterator = body
        .attribute("iterator")
        .and_then(|expr| match expr.node {
            ExprNode::Hcl(hcl_edit::expr::Expression::Variable(name)) => {
                Some(name.as_str().to_string())
            }
            ExprNode::Json(serde_json::Value::String(name)) => Some(name.clone()),
            _ => None,
        })
        .unwrap_or_else(|| kind.clone());
    let Some(content) = body.blocks("content").into_iter().next() else {
        return;
    };
    let label_expr = body.attribute("labels");
    for (key, value) in elements {
        let iteration = Value::Map(BTreeMap::from([
            ("key".to_string(), key),
            ("value".to_string(), value),
        ]));
        let inner = scope.bind(&iterator, iteration);
        let labels = match label_expr.map(|e| eval(resolver, &inner, e)) {
            Some(Ok(Value::List(items))) => {
                items.iter().filter_map(Value::to_string_lossy).collect()
            }
            _ => Vec::new(),
        };
        out.push(Block {
            kind: kind.clone(),
            labels,
            body: eval_body(resolver, &inner, content, &[]),
            location: location.clone(),
        });
    }
}

/// Terraform's override merge: attributes of the override replace the original's; blocks of a
/// kind the override has replace all the original's blocks of that kind.
pub(crate) fn merge_override(base: &mut Body, over: Body) {
    let kinds: Vec<String> = over.blocks.iter().map(|b| b.kind.clone()).collect();
    base.blocks.retain(|b| !kinds.contains(&b.kind));
    base.blocks.extend(over.blocks);
    base.attributes.extend(over.attributes);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::eval::NoReferences;
    use crate::parse::{parse_text, FileKind, Syntax};
    use crate::syntax::{BodyNode, JsonPos};

    fn body_of(text: &str, kind: FileKind) -> Body {
        let file = parse_text(text.to_string(), "b.tf", kind).unwrap();
        let node = match &file.syntax {
            Syntax::Hcl(body) => BodyNode::Hcl(body),
            Syntax::Json(json) => BodyNode::Json(json.as_object().unwrap()),
        };
        let body = BodyRef {
            file: &file,
            node,
            json_pos: JsonPos { line: 1, column: 1 },
        };
        eval_body(&NoReferences::default(), &Scope::Empty, body, &["count"])
    }

    #[test]
    fn attributes_blocks_and_skipped_meta_arguments() {
        let body = body_of(
            "count = 2\nname = \"a\"\nbackup {\n  type = \"Periodic\"\n}\n",
            FileKind::Hcl,
        );
        assert!(body.attr("count").is_none());
        assert_eq!(body.value("name"), Some(&Value::String("a".into())));
        let backup = body.block("backup").unwrap();
        assert_eq!(
            backup.body.value("type"),
            Some(&Value::String("Periodic".into()))
        );
        assert_eq!((backup.location.line, backup.location.column), (3, 1));
        assert_eq!((body.attr("name").unwrap().location.line), 2);
    }

    #[test]
    fn dynamic_blocks_expand_with_iterators() {
        let body = body_of(
            r#"
dynamic "geo_location" {
  for_each = ["westeurope", "northeurope"]
  content {
    location          = geo_location.value
    failover_priority = geo_location.key
  }
}
dynamic "georeplications" {
  for_each = { a = "eastus" }
  iterator = r
  labels   = [r.key]
  content {
    location = r.value
  }
}
dynamic "never" {
  for_each = var.unknown
  content {}
}
"#,
            FileKind::Hcl,
        );
        let geo: Vec<_> = body.blocks("geo_location").collect();
        assert_eq!(geo.len(), 2);
        assert_eq!(
            geo[1].body.value("location"),
            Some(&Value::String("northeurope".into()))
        );
        assert_eq!(
            geo[1].body.value("failover_priority"),
            Some(&Value::Number(1.0))
        );
        let rep = body.block("georeplications").unwrap();
        assert_eq!(rep.labels, vec!["a".to_string()]);
        assert_eq!(
            rep.body.value("location"),
            Some(&Value::String("eastus".into()))
        );
        assert!(body.block("never").is_none());
        assert!(body.block("dynamic").is_none());
    }

    #[test]
    fn json_objects_are_blocks_and_attributes() {
        let body = body_of(
            r#"{"name": "x", "backup": {"type": "Continuous"}, "geo_location": [{"location": "a"}, {"location": "b"}],
               "dynamic": {"georeplications": {"for_each": ["eastus"], "content": {"location": "${georeplications.value}"}}}}"#,
            FileKind::Json,
        );
        assert_eq!(
            body.block("backup").unwrap().body.value("type"),
            Some(&Value::String("Continuous".into()))
        );
        assert!(body.value("backup").is_some());
        assert_eq!(body.blocks("geo_location").count(), 2);
        assert_eq!(
            body.block("georeplications")
                .unwrap()
                .body
                .value("location"),
            Some(&Value::String("eastus".into()))
        );
    }

    #[test]
    fn overrides_replace_attributes_and_block_kinds() {
        let mut base = body_of(
            "a = 1\nb = 2\nx {\n  v = 1\n}\nx {\n  v = 2\n}\ny {}\n",
            FileKind::Hcl,
        );
        let over = body_of("b = 3\nx {\n  v = 9\n}\n", FileKind::Hcl);
        merge_override(&mut base, over);
        assert_eq!(base.value("a"), Some(&Value::Number(1.0)));
        assert_eq!(base.value("b"), Some(&Value::Number(3.0)));
        let xs: Vec<_> = base.blocks("x").collect();
        assert_eq!(xs.len(), 1);
        assert_eq!(xs[0].body.value("v"), Some(&Value::Number(9.0)));
        assert!(base.block("y").is_some());
    }
}
