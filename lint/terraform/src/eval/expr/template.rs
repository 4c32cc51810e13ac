//! String templates and heredocs: literals, `${...}` interpolations, `%{if}` and `%{for}`
//! directives, with `~` whitespace stripping.

use hcl_edit::template::{Directive, Element, Template};

use super::{eval_hcl, for_items};
use crate::eval::ops::to_template_string;
use crate::eval::{invalid, EvalResult, Resolver, Scope};
use crate::value::Value;

/// A template that is a single interpolation yields the interpolated value itself (not its
/// string form), as in Terraform: `"${aws_x.y.id}"` is a reference, `"${[1]}"` a list.
pub(crate) fn eval_template(
    resolver: &dyn Resolver,
    scope: &Scope,
    template: &Template,
) -> EvalResult {
    if let Some(Element::Interpolation(interpolation)) = template.as_single_element() {
        return eval_hcl(resolver, scope, &interpolation.expr);
    }
    let mut out = String::new();
    match render(resolver, scope, template, &mut out)? {
        Rendered::Known => Ok(Value::String(out)),
        Rendered::Unknown => Ok(Value::Unknown),
    }
}

enum Rendered {
    Known,
    Unknown,
}

/// Appends the template's text to `out`; stops at the first unknown part.
fn render(
    resolver: &dyn Resolver,
    scope: &Scope,
    template: &Template,
    out: &mut String,
) -> Result<Rendered, crate::eval::EvalError> {
    let mut strip_next_leading = false;
    for element in template.iter() {
        match element {
            Element::Literal(literal) => {
                let text = literal.value().as_str();
                out.push_str(if strip_next_leading {
                    text.trim_start()
                } else {
                    text
                });
                strip_next_leading = false;
            }
            Element::Interpolation(interpolation) => {
                strip_before(out, interpolation.strip.strip_start());
                let value = eval_hcl(resolver, scope, &interpolation.expr)?;
                if !value.is_known() {
                    return Ok(Rendered::Unknown);
                }
                out.push_str(&to_template_string(&value)?);
                strip_next_leading = interpolation.strip.strip_end();
            }
            Element::Directive(directive) => {
                let (rendered, strip_after) = render_directive(resolver, scope, directive, out)?;
                if let Rendered::Unknown = rendered {
                    return Ok(Rendered::Unknown);
                }
                strip_next_leading = strip_after;
            }
        }
    }
    Ok(Rendered::Known)
}

fn strip_before(out: &mut String, strip: bool) {
    if strip {
        let kept = out.trim_end().len();
        out.truncate(kept);
    }
}

/// Renders a directive's inner template, applying the `~` markers on either side of it.
/// `None` means a part of it is unknown.
fn render_branch(
    resolver: &dyn Resolver,
    scope: &Scope,
    template: &Template,
    trim_start: bool,
    trim_end: bool,
) -> Result<Option<String>, crate::eval::EvalError> {
    let mut inner = String::new();
    if let Rendered::Unknown = render(resolver, scope, template, &mut inner)? {
        return Ok(None);
    }
    let mut text = inner.as_str();
    if trim_start {
        text = text.trim_start();
    }
    if trim_end {
        text = text.trim_end();
    }
    Ok(Some(text.to_string()))
}

fn render_directive(
    resolver: &dyn Resolver,
    scope: &Scope,
    directive: &Directive,
    out: &mut String,
) -> Result<(Rendered, bool), crate::eval::EvalError> {
    match directive {
        Directive::If(if_directive) => {
            let if_expr = &if_directive.if_expr;
            let endif_strip = if_directive.endif_expr.strip;
            strip_before(out, if_expr.strip.strip_start());
            let condition = eval_hcl(resolver, scope, &if_expr.cond_expr)?;
            let branch = match (condition.as_bool(), &if_directive.else_expr) {
                (Some(true), else_expr) => {
                    let trim_end = else_expr
                        .as_ref()
                        .map_or(endif_strip.strip_start(), |e| e.strip.strip_start());
                    Some((&if_expr.template, if_expr.strip.strip_end(), trim_end))
                }
                (Some(false), Some(else_expr)) => Some((
                    &else_expr.template,
                    else_expr.strip.strip_end(),
                    endif_strip.strip_start(),
                )),
                (Some(false), None) => None,
                (None, _) if !condition.is_known() => return Ok((Rendered::Unknown, false)),
                (None, _) => {
                    return invalid(format!(
                        "a template `if` condition must be a bool, not {condition}"
                    ))
                }
            };
            if let Some((template, trim_start, trim_end)) = branch {
                match render_branch(resolver, scope, template, trim_start, trim_end)? {
                    Some(text) => out.push_str(&text),
                    None => return Ok((Rendered::Unknown, false)),
                }
            }
            Ok((Rendered::Known, endif_strip.strip_end()))
        }
        Directive::For(for_directive) => {
            let for_expr = &for_directive.for_expr;
            let endfor_strip = for_directive.endfor_expr.strip;
            strip_before(out, for_expr.strip.strip_start());
            let collection = eval_hcl(resolver, scope, &for_expr.collection_expr)?;
            let Some(items) = for_items(collection, "a template `for`")? else {
                return Ok((Rendered::Unknown, false));
            };
            for (key, value) in items {
                let with_key;
                let inner_scope = match &for_expr.key_var {
                    Some(name) => {
                        with_key = scope.bind(name.as_str(), key);
                        with_key.bind(for_expr.value_var.as_str(), value)
                    }
                    None => scope.bind(for_expr.value_var.as_str(), value),
                };
                let text = render_branch(
                    resolver,
                    &inner_scope,
                    &for_expr.template,
                    for_expr.strip.strip_end(),
                    endfor_strip.strip_start(),
                )?;
                match text {
                    Some(text) => out.push_str(&text),
                    None => return Ok((Rendered::Unknown, false)),
                }
            }
            Ok((Rendered::Known, endfor_strip.strip_end()))
        }
    }
}

#[cfg(test)]
mod tests {
    use std::rc::Rc;

    use super::*;
    use crate::eval::{Budget, EvalError};

    struct Vars(Budget);
    impl Resolver for Vars {
        fn resolve(&self, root: &str, attrs: &[&str]) -> (Result<Rc<Value>, EvalError>, usize) {
            match (root, attrs) {
                ("var", ["env", ..]) => (Ok(Rc::new(Value::String("prod".into()))), 1),
                ("var", ["names", ..]) => (
                    Ok(Rc::new(Value::List(vec![
                        Value::String("a".into()),
                        Value::String("b".into()),
                    ]))),
                    1,
                ),
                _ => (Ok(Rc::new(Value::Unknown)), 1),
            }
        }
        fn budget(&self) -> &Budget {
            &self.0
        }
    }

    fn eval_text(text: &str) -> Value {
        let expr = hcl_edit::parser::parse_expr(text).expect("test template parses");
        eval_hcl(&Vars(Budget::default()), &Scope::Empty, &expr).expect("test template evaluates")
    }

    #[test]
    fn interpolation_and_directives() {
        assert_eq!(
            eval_text("\"kv-${var.env}-01\""),
            Value::String("kv-prod-01".into())
        );
        assert_eq!(
            eval_text("\"%{ if var.env == \"prod\" }P%{ else }D%{ endif }\""),
            Value::String("P".into())
        );
        assert_eq!(
            eval_text("\"%{ for n in var.names }${n},%{ endfor }\""),
            Value::String("a,b,".into())
        );
        assert_eq!(eval_text("\"x ${var.other}\""), Value::Unknown);
    }

    #[test]
    fn heredocs_and_strip_markers() {
        let text = "<<-EOT\n    hello ${var.env}\n    %{~ for n in var.names ~}\n    ${n}\n    %{~ endfor ~}\n    EOT";
        assert_eq!(eval_text(text), Value::String("hello prodab".into()));
    }
}
