//! Variable values for root modules, in Terraform's precedence: defaults < terraform.tfvars <
//! terraform.tfvars.json < *.auto.tfvars(.json) in lexical order < -var-file and -var in the
//! order given. See
//! https://developer.hashicorp.com/terraform/language/values/variables#variable-definition-precedence

use std::collections::HashMap;

use super::config::ModuleConfig;
use super::eval::types::TypeConstraint;
use super::eval::{eval_hcl, NoReferences, Scope};
use super::ir::LoadIssue;
use super::parse::{SourceFile, Syntax};
use super::source::parse_issue;
use super::syntax::ExprNode;
use super::value::Value;

/// The assignments of one tfvars file, in file order.
pub(crate) type Assignments = Vec<(String, Value)>;

/// Reads the assignments of a parsed tfvars file. An assignment Terraform would reject (one
/// that refers to anything) is an issue and is skipped.
pub(crate) fn assignments(file: &SourceFile) -> (Assignments, Vec<LoadIssue>) {
    let mut out = Vec::new();
    let mut issues = Vec::new();
    match &file.syntax {
        Syntax::Hcl(body) => {
            for attr in body.attributes() {
                match eval_hcl(&NoReferences::default(), &Scope::Empty, &attr.value) {
                    Ok(value) => out.push((attr.key.as_str().to_string(), value)),
                    Err(err) => {
                        let location =
                            file.location(hcl_edit::Span::span(&attr.key).map_or(0, |s| s.start));
                        let reason = match err {
                            super::eval::EvalError::Invalid(m) => m,
                            super::eval::EvalError::TooDeep => "it nests too deeply".to_string(),
                        };
                        issues.push(parse_issue(
                            &file.display,
                            location.line,
                            location.column,
                            format!(
                                "The value of {} in {} cannot be evaluated: {reason}.",
                                attr.key.as_str(),
                                file.display
                            ),
                        ));
                    }
                }
            }
        }
        // tfvars.json values are literal: strings are not templates.
        Syntax::Json(json) => {
            if let Some(map) = json.as_object() {
                out.extend(
                    map.iter()
                        .map(|(k, v)| (k.clone(), Value::from_json_literal(v))),
                );
            }
        }
    }
    (out, issues)
}

/// A `--var NAME=TEXT` value: the raw text, and the text parsed as an expression if it is one.
#[derive(Debug, Clone)]
pub(crate) struct CliVar {
    pub name: String,
    pub text: String,
    parsed: Option<Value>,
}

impl CliVar {
    pub(crate) fn new(name: &str, text: &str) -> CliVar {
        let parsed = hcl_edit::parser::parse_expr(text)
            .ok()
            .and_then(|expr| eval_hcl(&NoReferences::default(), &Scope::Empty, &expr).ok());
        CliVar {
            name: name.to_string(),
            text: text.to_string(),
            parsed,
        }
    }

    /// The value for a variable of type `ty` (`None`: no declared type). A `string` variable
    /// takes the text verbatim; a collection, number or bool variable takes the parsed value;
    /// an untyped one takes the parsed value only when the text is a collection, number or bool
    /// literal.
    pub(crate) fn value_for(&self, ty: Option<&TypeConstraint>) -> Value {
        let text = || Value::String(self.text.clone());
        match (ty, &self.parsed) {
            (Some(TypeConstraint::String), _) => text(),
            (Some(t), Some(parsed)) if t.parses_cli_text() => parsed.clone(),
            (
                _,
                Some(parsed @ (Value::List(_) | Value::Map(_) | Value::Number(_) | Value::Bool(_))),
            ) => parsed.clone(),
            _ => text(),
        }
    }
}

/// Values given on the command line, applied to every root module.
#[derive(Debug, Clone, Default)]
pub(crate) struct CliInputs {
    /// Each `--var-file`, already read, in the order given.
    pub var_files: Vec<Assignments>,
    pub vars: Vec<CliVar>,
}

/// The values of a root module's variables, by name, from its own tfvars files (already in
/// precedence order) and the command line. Defaults are applied later, by the module.
pub(crate) fn root_inputs(
    config: &ModuleConfig<'_>,
    tfvars: &[Assignments],
    cli: &CliInputs,
) -> HashMap<String, Value> {
    let mut values = HashMap::new();
    for assignments in tfvars.iter().chain(&cli.var_files) {
        for (name, value) in assignments {
            if config.variables.contains_key(name) {
                values.insert(name.clone(), value.clone());
            }
        }
    }
    for var in &cli.vars {
        if let Some(decl) = config.variables.get(&var.name) {
            let ty = decl.type_expr.map(|e| match e.node {
                ExprNode::Hcl(expr) => TypeConstraint::from_expr(expr),
                ExprNode::Json(serde_json::Value::String(text)) => TypeConstraint::from_text(text),
                ExprNode::Json(_) => TypeConstraint::Any,
            });
            values.insert(var.name.clone(), var.value_for(ty.as_ref()));
        }
    }
    values
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::{parse_text, FileKind};

    #[test]
    fn hcl_and_json_tfvars() {
        let file = parse_text(
            "a = 1\nb = [\"x\"]\nc = \"${upper(\"q\")}\"\nd = var.x\n".into(),
            "t.tfvars",
            FileKind::Hcl,
        )
        .unwrap();
        let (values, issues) = assignments(&file);
        assert_eq!(values.len(), 3);
        assert_eq!(values[2], ("c".to_string(), Value::String("Q".into())));
        assert_eq!(issues.len(), 1);
        assert_eq!(issues[0].location.line, 4);
        let json = parse_text(
            "{\"a\": \"${x}\", \"b\": 2}".into(),
            "t.tfvars.json",
            FileKind::Json,
        )
        .unwrap();
        let (values, _) = assignments(&json);
        assert_eq!(values[0], ("a".to_string(), Value::String("${x}".into())));
    }

    #[test]
    fn cli_values_follow_the_declared_type() {
        let n = CliVar::new("n", "30");
        assert_eq!(n.value_for(None), Value::Number(30.0));
        assert_eq!(
            n.value_for(Some(&TypeConstraint::String)),
            Value::String("30".into())
        );
        assert_eq!(
            n.value_for(Some(&TypeConstraint::Number)),
            Value::Number(30.0)
        );
        let list = CliVar::new("l", "[\"a\", \"b\"]");
        assert_eq!(
            list.value_for(None),
            Value::List(vec![Value::String("a".into()), Value::String("b".into())])
        );
        let word = CliVar::new("w", "prod");
        assert_eq!(word.value_for(None), Value::String("prod".into()));
        assert_eq!(
            word.value_for(Some(&TypeConstraint::List(Box::new(
                TypeConstraint::String
            )))),
            Value::String("prod".into())
        );
        let quoted = CliVar::new("q", "\"x\"");
        assert_eq!(quoted.value_for(None), Value::String("\"x\"".into()));
        assert_eq!(
            CliVar::new("b", "true").value_for(Some(&TypeConstraint::Bool)),
            Value::Bool(true)
        );
    }
}
