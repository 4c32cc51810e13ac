//! Evaluating HCL expressions (and Terraform JSON-syntax values) to [`Value`]s. String
//! templates are expressions too, evaluated by [`template`], which evaluates the expressions
//! inside them with this module.

mod template;

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::rc::Rc;

use hcl_edit::expr::{Expression, ForExpr, FuncCall, ObjectKey, Traversal, TraversalOperator};
use serde_json::Value as Json;

use super::functions;
use super::ops::{binary, get_attr, index, unary};
use super::{invalid, EvalError, EvalResult, Resolver, Scope};
use crate::syntax::{Expr, ExprNode};
use crate::value::Value;
use template::eval_template;

/// Evaluates an expression from either syntax.
pub(crate) fn eval(resolver: &dyn Resolver, scope: &Scope, expr: Expr<'_>) -> EvalResult {
    match expr.node {
        ExprNode::Hcl(e) => eval_hcl(resolver, scope, e),
        ExprNode::Json(j) => eval_json(resolver, scope, j),
    }
}

/// Evaluates an HCL native-syntax expression.
pub(crate) fn eval_hcl(resolver: &dyn Resolver, scope: &Scope, expr: &Expression) -> EvalResult {
    resolver
        .budget()
        .deeper(|| eval_inner(resolver, scope, expr))
}

fn eval_inner(resolver: &dyn Resolver, scope: &Scope, expr: &Expression) -> EvalResult {
    match expr {
        Expression::Null(_) => Ok(Value::Null),
        Expression::Bool(b) => Ok(Value::Bool(*b.value())),
        Expression::Number(n) => match n.value().as_f64() {
            Some(f) => Ok(Value::Number(f)),
            None => invalid(format!("the number {} is out of range", n.value())),
        },
        Expression::String(s) => Ok(Value::String(s.value().clone())),
        Expression::Array(items) => {
            let mut out = Vec::with_capacity(items.len());
            for item in items.iter() {
                out.push(eval_hcl(resolver, scope, item)?);
            }
            Ok(Value::List(out))
        }
        Expression::Object(object) => {
            let mut out = BTreeMap::new();
            for (key, value) in object.iter() {
                let key = match key {
                    ObjectKey::Ident(ident) => ident.as_str().to_string(),
                    ObjectKey::Expression(key_expr) => match eval_hcl(resolver, scope, key_expr)? {
                        v if !v.is_known() => return Ok(Value::Unknown),
                        v => match v.to_string_lossy() {
                            Some(k) => k,
                            None => {
                                return invalid(format!("an object key must be a string, not {v}"))
                            }
                        },
                    },
                };
                out.insert(key, eval_hcl(resolver, scope, value.expr())?);
            }
            Ok(Value::Map(out))
        }
        Expression::StringTemplate(template) => eval_template(resolver, scope, template),
        Expression::HeredocTemplate(heredoc) => eval_template(resolver, scope, &heredoc.template),
        Expression::Parenthesis(inner) => eval_hcl(resolver, scope, inner.inner()),
        Expression::Variable(name) => {
            resolve_root(resolver, scope, name.as_str(), &[]).map(|(v, _)| v.into_owned())
        }
        Expression::Conditional(cond) => {
            let condition = eval_hcl(resolver, scope, &cond.cond_expr)?;
            match condition {
                Value::Bool(true) => eval_hcl(resolver, scope, &cond.true_expr),
                Value::Bool(false) => eval_hcl(resolver, scope, &cond.false_expr),
                Value::String(ref s) if s == "true" => eval_hcl(resolver, scope, &cond.true_expr),
                Value::String(ref s) if s == "false" => eval_hcl(resolver, scope, &cond.false_expr),
                Value::Unknown | Value::Ref { .. } => {
                    // Either branch may apply: the result is known only when both agree.
                    let yes = eval_hcl(resolver, scope, &cond.true_expr);
                    let no = eval_hcl(resolver, scope, &cond.false_expr);
                    match (yes, no) {
                        (Ok(a), Ok(b)) if a == b && !a.contains_unknown() => Ok(a),
                        _ => Ok(Value::Unknown),
                    }
                }
                other => invalid(format!("a condition must be a bool, not {other}")),
            }
        }
        Expression::FuncCall(call) => eval_call(resolver, scope, call),
        Expression::Traversal(traversal) => eval_traversal(resolver, scope, traversal),
        Expression::UnaryOp(op) => {
            let value = eval_hcl(resolver, scope, &op.expr)?;
            unary(*op.operator.value(), &value)
        }
        Expression::BinaryOp(op) => {
            let lhs = eval_hcl(resolver, scope, &op.lhs_expr)?;
            let rhs = eval_hcl(resolver, scope, &op.rhs_expr)?;
            binary(*op.operator.value(), &lhs, &rhs)
        }
        Expression::ForExpr(for_expr) => eval_for(resolver, scope, for_expr),
    }
}

/// The value a root name stands for: a local binding, or a (memoised, shared) value from the
/// resolver. Traversals navigate into it by reference, so that `local.settings.a.b` does not
/// copy all of `local.settings`.
enum Root<'v> {
    Bound(&'v Value),
    Resolved(Rc<Value>),
}

impl Root<'_> {
    fn value(&self) -> &Value {
        match self {
            Root::Bound(v) => v,
            Root::Resolved(rc) => rc,
        }
    }

    fn into_owned(self) -> Value {
        match self {
            Root::Bound(v) => v.clone(),
            Root::Resolved(rc) => Rc::unwrap_or_clone(rc),
        }
    }
}

/// A root name: a local binding first, then whatever the resolver knows. Returns the value and
/// how many of `attrs` were used.
fn resolve_root<'v>(
    resolver: &dyn Resolver,
    scope: &'v Scope,
    name: &str,
    attrs: &[&str],
) -> Result<(Root<'v>, usize), EvalError> {
    if let Some(bound) = scope.lookup(name) {
        return Ok((Root::Bound(bound), 0));
    }
    let (value, used) = resolver.resolve(name, attrs);
    Ok((Root::Resolved(value?), used))
}

fn eval_traversal(resolver: &dyn Resolver, scope: &Scope, traversal: &Traversal) -> EvalResult {
    let ops: Vec<&TraversalOperator> = traversal.operators.iter().map(|op| op.value()).collect();
    match &traversal.expr {
        Expression::Variable(root) => {
            let attrs: Vec<&str> = ops
                .iter()
                .map_while(|op| match op {
                    TraversalOperator::GetAttr(name) => Some(name.as_str()),
                    _ => None,
                })
                .collect();
            let (value, used) = resolve_root(resolver, scope, root.as_str(), &attrs)?;
            apply_operators(
                resolver,
                scope,
                Cow::Borrowed(value.value()),
                &ops[used.min(ops.len())..],
            )
        }
        other => apply_operators(
            resolver,
            scope,
            Cow::Owned(eval_hcl(resolver, scope, other)?),
            &ops,
        ),
    }
}

/// Applies traversal operators, navigating by reference and cloning only the result.
fn apply_operators(
    resolver: &dyn Resolver,
    scope: &Scope,
    base: Cow<'_, Value>,
    ops: &[&TraversalOperator],
) -> EvalResult {
    let mut current: Cow<'_, Value> = base;
    for (i, op) in ops.iter().enumerate() {
        match op {
            TraversalOperator::GetAttr(name) => {
                current = match current {
                    Cow::Borrowed(Value::Map(map)) => match map.get(name.as_str()) {
                        Some(v) => Cow::Borrowed(v),
                        None => {
                            return invalid(format!(
                                "the object has no attribute \"{}\"",
                                name.as_str()
                            ))
                        }
                    },
                    other => Cow::Owned(get_attr(&other, name.as_str())?),
                };
            }
            TraversalOperator::Index(key_expr) => {
                let key = eval_hcl(resolver, scope, key_expr)?;
                current = navigate_index(current, &key)?;
            }
            TraversalOperator::LegacyIndex(n) => {
                current = navigate_index(current, &Value::Number(*n.value() as f64))?;
            }
            TraversalOperator::AttrSplat(_) | TraversalOperator::FullSplat(_) => {
                let full = matches!(op, TraversalOperator::FullSplat(_));
                let rest = &ops[i + 1..];
                // An attribute splat applies only the attribute accesses right after it to each
                // element; a full splat applies everything that follows.
                let per_element = if full {
                    rest.len()
                } else {
                    rest.iter()
                        .take_while(|o| matches!(o, TraversalOperator::GetAttr(_)))
                        .count()
                };
                let (each_ops, after) = rest.split_at(per_element);
                let splatted = splat(resolver, scope, current, each_ops)?;
                return apply_operators(resolver, scope, Cow::Owned(splatted), after);
            }
        }
    }
    Ok(current.into_owned())
}

fn navigate_index<'v>(current: Cow<'v, Value>, key: &Value) -> Result<Cow<'v, Value>, EvalError> {
    if let Cow::Borrowed(value) = current {
        match (value, key) {
            (Value::List(items), Value::Number(n))
                if *n >= 0.0 && n.fract() == 0.0 && (*n as usize) < items.len() =>
            {
                return Ok(Cow::Borrowed(&items[*n as usize]));
            }
            (Value::Map(map), Value::String(k)) => {
                if let Some(v) = map.get(k) {
                    return Ok(Cow::Borrowed(v));
                }
            }
            _ => {}
        }
    }
    Ok(Cow::Owned(index(&current, key)?))
}

fn splat(
    resolver: &dyn Resolver,
    scope: &Scope,
    value: Cow<'_, Value>,
    ops: &[&TraversalOperator],
) -> EvalResult {
    match value.as_ref() {
        Value::Null => Ok(Value::List(Vec::new())),
        Value::Unknown => Ok(Value::Unknown),
        // Which instances a reference stands for is unknown; keep it linkable.
        Value::Ref { .. } => apply_operators(resolver, scope, value, ops),
        Value::List(items) => {
            let mut out = Vec::with_capacity(items.len());
            for item in items {
                out.push(apply_operators(resolver, scope, Cow::Borrowed(item), ops)?);
            }
            Ok(Value::List(out))
        }
        // A splat over a single value treats it as a one-element list.
        _ => Ok(Value::List(vec![apply_operators(
            resolver, scope, value, ops,
        )?])),
    }
}

/// What a `for` (expression or template directive) iterates over: (index or key, element)
/// pairs, or `None` while the collection is not known. `what` names the construct in errors.
pub(super) fn for_items(
    collection: Value,
    what: &str,
) -> Result<Option<Vec<(Value, Value)>>, EvalError> {
    match collection {
        Value::List(items) => Ok(Some(
            items
                .into_iter()
                .enumerate()
                .map(|(i, v)| (Value::Number(i as f64), v))
                .collect(),
        )),
        Value::Map(map) => Ok(Some(
            map.into_iter()
                .map(|(k, v)| (Value::String(k), v))
                .collect(),
        )),
        v if !v.is_known() => Ok(None),
        other => invalid(format!("{what} cannot iterate over {other}")),
    }
}

fn eval_for(resolver: &dyn Resolver, scope: &Scope, for_expr: &ForExpr) -> EvalResult {
    let collection = eval_hcl(resolver, scope, &for_expr.intro.collection_expr)?;
    let Some(items) = for_items(collection, "a for expression")? else {
        return Ok(Value::Unknown);
    };
    let key_var = for_expr.intro.key_var.as_ref().map(|k| k.as_str());
    let value_var = for_expr.intro.value_var.as_str();
    let mut list = Vec::new();
    let mut map: BTreeMap<String, Value> = BTreeMap::new();
    for (key, value) in items {
        let with_key;
        let inner_scope = match key_var {
            Some(name) => {
                with_key = scope.bind(name, key);
                with_key.bind(value_var, value)
            }
            None => scope.bind(value_var, value),
        };
        if let Some(cond) = &for_expr.cond {
            match eval_hcl(resolver, &inner_scope, &cond.expr)? {
                Value::Bool(true) => {}
                Value::Bool(false) => continue,
                v if !v.is_known() => return Ok(Value::Unknown),
                other => {
                    return invalid(format!(
                        "a for expression's `if` must be a bool, not {other}"
                    ))
                }
            }
        }
        let element = eval_hcl(resolver, &inner_scope, &for_expr.value_expr)?;
        match &for_expr.key_expr {
            None => list.push(element),
            Some(key_expr) => {
                let key = eval_hcl(resolver, &inner_scope, key_expr)?;
                if !key.is_known() {
                    return Ok(Value::Unknown);
                }
                let Some(key) = key.to_string_lossy() else {
                    return invalid(format!(
                        "a for expression's key must be a string, not {key}"
                    ));
                };
                if for_expr.grouping {
                    match map.entry(key).or_insert_with(|| Value::List(Vec::new())) {
                        Value::List(group) => group.push(element),
                        _ => return invalid("grouped for expression values must be lists"),
                    }
                } else if map.insert(key.clone(), element).is_some() {
                    return invalid(format!(
                        "the for expression produces the key \"{key}\" twice; add `...` to group"
                    ));
                }
            }
        }
    }
    Ok(if for_expr.key_expr.is_some() {
        Value::Map(map)
    } else {
        Value::List(list)
    })
}

fn eval_call(resolver: &dyn Resolver, scope: &Scope, call: &FuncCall) -> EvalResult {
    if call.name.is_namespaced() {
        // Provider-defined functions (`provider::x::f`) run inside providers.
        return Ok(Value::Unknown);
    }
    let name = call.name.name.as_str();
    let arg_exprs: Vec<&Expression> = call.args.iter().collect();
    match name {
        "try" => return eval_try(resolver, scope, &arg_exprs),
        "can" => {
            let [arg] = arg_exprs.as_slice() else {
                return invalid("can() takes exactly one argument");
            };
            return match eval_hcl(resolver, scope, arg) {
                Ok(v) if v.contains_unknown() => Ok(Value::Unknown),
                Ok(_) => Ok(Value::Bool(true)),
                Err(EvalError::Invalid(_)) => Ok(Value::Bool(false)),
                Err(e) => Err(e),
            };
        }
        _ => {}
    }
    let mut args = Vec::with_capacity(arg_exprs.len());
    for arg in &arg_exprs {
        args.push(eval_hcl(resolver, scope, arg)?);
    }
    if call.args.expand_final() {
        match args.pop() {
            Some(Value::List(items)) => args.extend(items),
            Some(Value::Unknown | Value::Ref { .. }) => return Ok(Value::Unknown),
            Some(other) => return invalid(format!("`...` expands lists only, not {other}")),
            None => {}
        }
    }
    functions::call(name, args)
}

/// `try(a, b, ...)`: the first argument that evaluates without error. An argument that is not
/// wholly known might still fail at apply time, so the result is then unknown.
fn eval_try(resolver: &dyn Resolver, scope: &Scope, args: &[&Expression]) -> EvalResult {
    if args.is_empty() {
        return invalid("try() needs at least one argument");
    }
    let mut last_error = None;
    for arg in args {
        match eval_hcl(resolver, scope, arg) {
            Ok(v) if v.contains_unknown() && !matches!(v, Value::List(_) | Value::Map(_)) => {
                return Ok(Value::Unknown)
            }
            Ok(v) => return Ok(v),
            Err(EvalError::Invalid(message)) => last_error = Some(message),
            Err(e) => return Err(e),
        }
    }
    invalid(format!(
        "no argument of try() could be evaluated: {}",
        last_error.unwrap_or_default()
    ))
}

/// Evaluates a value in Terraform's JSON syntax: strings are templates.
fn eval_json(resolver: &dyn Resolver, scope: &Scope, value: &Json) -> EvalResult {
    resolver.budget().deeper(|| match value {
        Json::String(s) if s.contains("${") || s.contains("%{") => {
            match hcl_edit::parser::parse_template(s) {
                Ok(template) => eval_template(resolver, scope, &template),
                Err(err) => invalid(format!(
                    "the template \"{s}\" cannot be parsed: {}",
                    err.message()
                )),
            }
        }
        Json::Array(items) => {
            let mut out = Vec::with_capacity(items.len());
            for item in items {
                out.push(eval_json(resolver, scope, item)?);
            }
            Ok(Value::List(out))
        }
        Json::Object(map) => {
            let mut out = BTreeMap::new();
            for (key, item) in map {
                let key = if key.contains("${") {
                    match eval_json(resolver, scope, &Json::String(key.clone()))?.to_string_lossy()
                    {
                        Some(k) => k,
                        None => return Ok(Value::Unknown),
                    }
                } else {
                    key.clone()
                };
                out.insert(key, eval_json(resolver, scope, item)?);
            }
            Ok(Value::Map(out))
        }
        other => Ok(Value::from_json_literal(other)),
    })
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;
    use std::rc::Rc;

    use super::*;
    use crate::eval::Budget;

    /// A resolver with a fixed set of `var.*` values, and `azurerm_*` resources as refs.
    struct Fixed {
        vars: HashMap<String, Value>,
        budget: Budget,
    }

    impl Resolver for Fixed {
        fn resolve(&self, root: &str, attrs: &[&str]) -> (Result<Rc<Value>, EvalError>, usize) {
            match (root, attrs) {
                ("var", [name, ..]) => match self.vars.get(*name) {
                    Some(v) => (Ok(Rc::new(v.clone())), 1),
                    None => (invalid(format!("no var {name}")), 1),
                },
                (t, [_name, ..]) if t.starts_with("azurerm_") => (
                    Ok(Rc::new(Value::Ref {
                        address: format!("{t}.{}", attrs[0]),
                        attribute: None,
                    })),
                    1,
                ),
                _ => (Ok(Rc::new(Value::Unknown)), 0),
            }
        }
        fn budget(&self) -> &Budget {
            &self.budget
        }
    }

    fn eval_text(text: &str) -> EvalResult {
        let resolver = Fixed {
            vars: HashMap::from([
                ("n".to_string(), Value::Number(3.0)),
                ("s".to_string(), Value::String("Ab".into())),
                (
                    "m".to_string(),
                    Value::Map(BTreeMap::from([
                        ("a".to_string(), Value::Number(1.0)),
                        ("b".to_string(), Value::Number(2.0)),
                    ])),
                ),
                (
                    "objs".to_string(),
                    Value::List(vec![
                        Value::Map(BTreeMap::from([(
                            "name".to_string(),
                            Value::String("x".into()),
                        )])),
                        Value::Map(BTreeMap::from([(
                            "name".to_string(),
                            Value::String("y".into()),
                        )])),
                    ]),
                ),
                ("u".to_string(), Value::Unknown),
            ]),
            budget: Budget::default(),
        };
        let expr = hcl_edit::parser::parse_expr(text).expect("test expression parses");
        eval_hcl(&resolver, &Scope::Empty, &expr)
    }

    fn n(x: f64) -> Value {
        Value::Number(x)
    }
    fn s(x: &str) -> Value {
        Value::String(x.into())
    }

    #[test]
    fn arithmetic_and_conditionals() {
        assert_eq!(eval_text("var.n * 2 + 1").unwrap(), n(7.0));
        assert_eq!(
            eval_text("var.n > 2 ? \"big\" : \"small\"").unwrap(),
            s("big")
        );
        assert_eq!(eval_text("var.u ? 1 : 2").unwrap(), Value::Unknown);
        assert_eq!(eval_text("var.u ? 1 : 1").unwrap(), n(1.0));
        assert_eq!(eval_text("!(var.n == 3)").unwrap(), Value::Bool(false));
    }

    #[test]
    fn for_expressions() {
        assert_eq!(
            eval_text("[for x in [1, 2, 3] : x * 2 if x != 2]").unwrap(),
            Value::List(vec![n(2.0), n(6.0)])
        );
        assert_eq!(
            eval_text("{for k, v in var.m : upper(k) => v + 10}").unwrap(),
            Value::Map(BTreeMap::from([
                ("A".into(), n(11.0)),
                ("B".into(), n(12.0))
            ]))
        );
        assert_eq!(
            eval_text("{for o in var.objs : \"all\" => o.name...}").unwrap(),
            Value::Map(BTreeMap::from([(
                "all".into(),
                Value::List(vec![s("x"), s("y")])
            )]))
        );
        assert_eq!(eval_text("[for x in var.u : x]").unwrap(), Value::Unknown);
        assert!(eval_text("{for x in [1, 1] : x => x}").is_err());
    }

    #[test]
    fn splats_and_indexes() {
        assert_eq!(
            eval_text("var.objs[*].name").unwrap(),
            Value::List(vec![s("x"), s("y")])
        );
        assert_eq!(
            eval_text("var.objs.*.name").unwrap(),
            Value::List(vec![s("x"), s("y")])
        );
        // A full splat applies everything after it to each element; an attribute splat only
        // the attribute accesses.
        assert!(eval_text("var.objs[*].name[1]").is_err());
        assert_eq!(eval_text("(var.objs[*].name)[1]").unwrap(), s("y"));
        assert_eq!(eval_text("var.objs.*.name[1]").unwrap(), s("y"));
        assert_eq!(eval_text("var.objs[1].name").unwrap(), s("y"));
        assert_eq!(eval_text("var.m[\"b\"]").unwrap(), n(2.0));
        assert_eq!(eval_text("var.objs.0.name").unwrap(), s("x"));
        assert_eq!(eval_text("null[*]").unwrap(), Value::List(vec![]));
    }

    #[test]
    fn resource_references_are_refs() {
        assert_eq!(
            eval_text("azurerm_cosmosdb_account.db.id").unwrap(),
            Value::Ref {
                address: "azurerm_cosmosdb_account.db".into(),
                attribute: Some("id".into())
            }
        );
        assert_eq!(
            eval_text("[azurerm_x.y[\"k\"].id]").unwrap(),
            Value::List(vec![Value::Ref {
                address: "azurerm_x.y[\"k\"]".into(),
                attribute: Some("id".into())
            }])
        );
        assert_eq!(
            eval_text("\"${azurerm_x.y.id}\"").unwrap(),
            Value::Ref {
                address: "azurerm_x.y".into(),
                attribute: Some("id".into())
            }
        );
    }

    #[test]
    fn try_and_can() {
        assert_eq!(eval_text("try(var.m.c, var.m.a)").unwrap(), n(1.0));
        assert_eq!(
            eval_text("try(var.missing, \"fallback\")").unwrap(),
            s("fallback")
        );
        assert_eq!(eval_text("can(var.m.c)").unwrap(), Value::Bool(false));
        assert_eq!(eval_text("can(var.m.a)").unwrap(), Value::Bool(true));
        assert_eq!(eval_text("can(var.u)").unwrap(), Value::Unknown);
        assert_eq!(eval_text("try(var.u, 1)").unwrap(), Value::Unknown);
        assert!(eval_text("try(var.x, var.y)").is_err());
    }

    #[test]
    fn expand_final_argument() {
        assert_eq!(eval_text("max([1, 5, 2]...)").unwrap(), n(5.0));
        assert_eq!(
            eval_text("provider::azurerm::parse_resource_id(\"x\")").unwrap(),
            Value::Unknown
        );
    }

    #[test]
    fn json_values_are_templates() {
        let resolver = Fixed {
            vars: HashMap::from([("n".to_string(), n(2.0))]),
            budget: Budget::default(),
        };
        let json: Json =
            serde_json::json!({"a": "${var.n + 1}", "b": ["x-${var.n}", 4], "c": "plain $"});
        let value = eval_json(&resolver, &Scope::Empty, &json).unwrap();
        assert_eq!(
            value,
            Value::Map(BTreeMap::from([
                ("a".into(), n(3.0)),
                ("b".into(), Value::List(vec![s("x-2"), n(4.0)])),
                ("c".into(), s("plain $")),
            ]))
        );
    }
}
