//! `count` and `for_each`: which instances a resource or module call has.

use std::collections::BTreeMap;

use crate::eval::{eval, Resolver, Scope};
use crate::ir::InstanceKey;
use crate::syntax::Expr;
use crate::value::Value;

/// The name bound while evaluating one instance (`count` or `each`) and its value.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Binding {
    pub name: &'static str,
    pub value: Value,
}

impl Binding {
    fn count(index: Value) -> Binding {
        Binding {
            name: "count",
            value: Value::Map(BTreeMap::from([("index".to_string(), index)])),
        }
    }

    fn each(key: Value, value: Value) -> Binding {
        Binding {
            name: "each",
            value: Value::Map(BTreeMap::from([
                ("key".to_string(), key),
                ("value".to_string(), value),
            ])),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Repetition {
    Count,
    ForEach,
}

impl Repetition {
    pub(crate) fn argument(self) -> &'static str {
        match self {
            Repetition::Count => "count",
            Repetition::ForEach => "for_each",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Expansion {
    /// Neither `count` nor `for_each`.
    Single,
    /// The known instances, in Terraform's order (count index, or for_each key order).
    Instances(Repetition, Vec<(InstanceKey, Binding)>),
    /// `count`/`for_each` could not be evaluated: one stand-in instance with unknown bindings.
    Unknown(Repetition, Binding),
}

/// Evaluates `count` / `for_each` (Terraform rejects a block with both; `count` wins here).
pub(crate) fn expand(
    resolver: &dyn Resolver,
    count: Option<Expr<'_>>,
    for_each: Option<Expr<'_>>,
) -> Expansion {
    if let Some(count) = count {
        let unknown = || Expansion::Unknown(Repetition::Count, Binding::count(Value::Unknown));
        return match eval(resolver, &Scope::Empty, count) {
            Ok(value) => match value.as_f64() {
                Some(n) if n >= 0.0 && n.fract() == 0.0 && n <= 1_000_000.0 => {
                    Expansion::Instances(
                        Repetition::Count,
                        (0..n as usize)
                            .map(|i| {
                                (
                                    InstanceKey::Index(i),
                                    Binding::count(Value::Number(i as f64)),
                                )
                            })
                            .collect(),
                    )
                }
                _ => unknown(),
            },
            Err(_) => unknown(),
        };
    }
    let Some(for_each) = for_each else {
        return Expansion::Single;
    };
    let unknown = || {
        Expansion::Unknown(
            Repetition::ForEach,
            Binding::each(Value::Unknown, Value::Unknown),
        )
    };
    let instances = match eval(resolver, &Scope::Empty, for_each) {
        // Keys are what matters: a map with unknown values still has known instances.
        Ok(Value::Map(map)) => map
            .into_iter()
            .map(|(k, v)| {
                (
                    InstanceKey::Key(k.clone()),
                    Binding::each(Value::String(k), v),
                )
            })
            .collect(),
        Ok(Value::List(items)) => {
            let mut keys: Vec<String> = Vec::with_capacity(items.len());
            for item in items {
                if !item.is_known() {
                    return unknown();
                }
                match item.to_string_lossy() {
                    Some(key) => keys.push(key),
                    None => return unknown(),
                }
            }
            // A set of strings: Terraform orders it lexically and drops duplicates.
            keys.sort();
            keys.dedup();
            keys.into_iter()
                .map(|k| {
                    (
                        InstanceKey::Key(k.clone()),
                        Binding::each(Value::String(k.clone()), Value::String(k)),
                    )
                })
                .collect()
        }
        _ => return unknown(),
    };
    Expansion::Instances(Repetition::ForEach, instances)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::eval::NoReferences;
    use crate::parse::{parse_text, FileKind, Syntax};
    use crate::syntax::{ExprNode, JsonPos};

    fn expand_text(argument: &str, text: &str) -> Expansion {
        let file = parse_text(format!("{argument} = {text}\n"), "t.tf", FileKind::Hcl).unwrap();
        let Syntax::Hcl(body) = &file.syntax else {
            unreachable!("HCL text parses to HCL")
        };
        let attr = body.get_attribute(argument).unwrap();
        let expr = Expr {
            file: &file,
            node: ExprNode::Hcl(&attr.value),
            json_pos: JsonPos::default(),
        };
        let resolver = NoReferences::default();
        if argument == "count" {
            expand(&resolver, Some(expr), None)
        } else {
            expand(&resolver, None, Some(expr))
        }
    }

    #[test]
    fn count_instances() {
        let Expansion::Instances(Repetition::Count, items) = expand_text("count", "1 + 1") else {
            panic!("count = 2 has two instances")
        };
        assert_eq!(items.len(), 2);
        assert_eq!(items[1].0, InstanceKey::Index(1));
        assert_eq!(
            expand_text("count", "0"),
            Expansion::Instances(Repetition::Count, vec![])
        );
        assert!(matches!(
            expand_text("count", "var.n"),
            Expansion::Unknown(Repetition::Count, _)
        ));
        assert!(matches!(
            expand_text("count", "-1"),
            Expansion::Unknown(Repetition::Count, _)
        ));
    }

    #[test]
    fn for_each_maps_and_sets() {
        let Expansion::Instances(Repetition::ForEach, items) =
            expand_text("for_each", "{ b = 1, a = 2 }")
        else {
            panic!("a map has instances")
        };
        let keys: Vec<_> = items.iter().map(|(k, _)| k.to_string()).collect();
        assert_eq!(keys, vec!["[\"a\"]", "[\"b\"]"]);
        let Expansion::Instances(_, items) =
            expand_text("for_each", "toset([\"y\", \"x\", \"y\"])")
        else {
            panic!("a set has instances")
        };
        assert_eq!(items.len(), 2);
        assert_eq!(
            items[0].1.value,
            Value::Map(BTreeMap::from([
                ("key".to_string(), Value::String("x".into())),
                ("value".to_string(), Value::String("x".into()))
            ]))
        );
        assert_eq!(
            expand_text("for_each", "{}"),
            Expansion::Instances(Repetition::ForEach, vec![])
        );
        assert!(matches!(
            expand_text("for_each", "var.m"),
            Expansion::Unknown(Repetition::ForEach, _)
        ));
    }
}
