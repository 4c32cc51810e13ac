//! A thin view over the two syntaxes Terraform accepts (HCL native and JSON), so that the
//! evaluator handles expressions and bodies from either the same way.

use hcl_edit::expr::Expression;
use hcl_edit::structure::{Body as HclBody, Structure};
use hcl_edit::Span;
use serde_json::{Map, Value as Json};

use super::ir::Location;
use super::location::at;
use super::parse::SourceFile;

/// One expression in one file.
#[derive(Clone, Copy)]
pub(crate) struct Expr<'a> {
    pub file: &'a SourceFile,
    pub node: ExprNode<'a>,
    /// Where a JSON expression is reported (JSON values carry no spans).
    pub json_pos: JsonPos,
}

/// The 1-based line and column that stands for a JSON value, which carries no span of its own.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct JsonPos {
    pub line: usize,
    pub column: usize,
}

#[derive(Clone, Copy)]
pub(crate) enum ExprNode<'a> {
    Hcl(&'a Expression),
    /// A value in Terraform JSON syntax: strings are templates, arrays and objects hold
    /// expressions.
    Json(&'a Json),
}

impl<'a> Expr<'a> {
    fn json_location(&self) -> Location {
        at(&self.file.display, self.json_pos.line, self.json_pos.column)
    }

    pub(crate) fn location(&self) -> Location {
        match self.node {
            ExprNode::Hcl(expr) => match expr.span() {
                Some(span) => self.file.location(span.start),
                None => self.json_location(),
            },
            ExprNode::Json(_) => self.json_location(),
        }
    }

    /// The literal string this expression is, if it is one (`source = "./x"`).
    pub(crate) fn literal_string(&self) -> Option<&'a str> {
        match self.node {
            ExprNode::Hcl(expr) => match expr {
                Expression::String(s) => Some(s.value().as_str()),
                _ => None,
            },
            ExprNode::Json(Json::String(s)) if !s.contains("${") && !s.contains("%{") => Some(s),
            ExprNode::Json(_) => None,
        }
    }
}

impl Expr<'_> {
    /// A provider configuration reference: `aws` or `aws.west` (the `provider` argument of a
    /// resource, or either side of a `providers` map entry), or the same as a JSON string.
    pub(crate) fn provider_reference(&self) -> Option<String> {
        match self.node {
            ExprNode::Hcl(expr) => hcl_provider_reference(expr),
            ExprNode::Json(Json::String(s)) => valid_provider_reference(s),
            ExprNode::Json(_) => None,
        }
    }

    /// The entries of a module call's `providers` map: (name in the child, reference in the
    /// caller), each `aws` or `aws.alias`. Entries that are not references are skipped.
    pub(crate) fn provider_map(&self) -> Vec<(String, String)> {
        match self.node {
            ExprNode::Hcl(Expression::Object(object)) => object
                .iter()
                .filter_map(|(key, value)| {
                    let key = match key {
                        hcl_edit::expr::ObjectKey::Ident(ident) => ident.as_str().to_owned(),
                        hcl_edit::expr::ObjectKey::Expression(expr) => {
                            hcl_provider_reference(expr)?
                        }
                    };
                    Some((key, hcl_provider_reference(value.expr())?))
                })
                .collect(),
            ExprNode::Json(Json::Object(map)) => map
                .iter()
                .filter_map(|(key, value)| {
                    Some((
                        valid_provider_reference(key)?,
                        valid_provider_reference(value.as_str()?)?,
                    ))
                })
                .collect(),
            _ => Vec::new(),
        }
    }
}

fn hcl_provider_reference(expr: &Expression) -> Option<String> {
    match expr {
        Expression::Variable(name) => Some(name.as_str().to_owned()),
        Expression::Traversal(traversal) => {
            let Expression::Variable(name) = &traversal.expr else {
                return None;
            };
            match traversal.operators.as_slice() {
                [operator] => match operator.value() {
                    hcl_edit::expr::TraversalOperator::GetAttr(alias) => {
                        Some(format!("{}.{}", name.as_str(), alias.as_str()))
                    }
                    _ => None,
                },
                _ => None,
            }
        }
        _ => None,
    }
}

/// `aws` or `aws.alias`, as written in JSON syntax.
fn valid_provider_reference(text: &str) -> Option<String> {
    let valid = |part: &str| {
        !part.is_empty()
            && part
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
    };
    let mut parts = text.split('.');
    let name = parts.next()?;
    let alias = parts.next();
    (parts.next().is_none() && valid(name) && alias.is_none_or(valid)).then(|| text.to_owned())
}

/// One body (of a file, resource, or nested block) in one file.
#[derive(Clone, Copy)]
pub(crate) struct BodyRef<'a> {
    pub file: &'a SourceFile,
    pub node: BodyNode<'a>,
    /// Where items of a JSON body are reported.
    pub json_pos: JsonPos,
}

#[derive(Clone, Copy)]
pub(crate) enum BodyNode<'a> {
    Hcl(&'a HclBody),
    Json(&'a Map<String, Json>),
}

/// An attribute or block of a body, in source order.
pub(crate) enum BodyItem<'a> {
    Attribute {
        name: &'a str,
        expr: Expr<'a>,
        location: Location,
    },
    Block {
        kind: &'a str,
        labels: Vec<String>,
        body: BodyRef<'a>,
        location: Location,
    },
}

impl<'a> BodyRef<'a> {
    pub(crate) fn json_location(&self) -> Location {
        at(&self.file.display, self.json_pos.line, self.json_pos.column)
    }

    pub(crate) fn expr(&self, node: ExprNode<'a>) -> Expr<'a> {
        Expr {
            file: self.file,
            node,
            json_pos: self.json_pos,
        }
    }

    fn body(&self, node: BodyNode<'a>) -> BodyRef<'a> {
        BodyRef {
            file: self.file,
            node,
            json_pos: self.json_pos,
        }
    }

    /// The expression of attribute `name`, if the body has one.
    pub(crate) fn attribute(&self, name: &str) -> Option<Expr<'a>> {
        match self.node {
            BodyNode::Hcl(body) => body
                .get_attribute(name)
                .map(|a| self.expr(ExprNode::Hcl(&a.value))),
            BodyNode::Json(map) => map.get(name).map(|v| self.expr(ExprNode::Json(v))),
        }
    }

    /// Every attribute and block, in source order.
    ///
    /// JSON syntax cannot tell a nested block from an attribute holding an object without the
    /// provider schema, so an object (or array of objects) is reported as both: readers look
    /// blocks up by kind and attributes by name, and each finds what it expects.
    pub(crate) fn items(&self) -> Vec<BodyItem<'a>> {
        match self.node {
            BodyNode::Hcl(body) => body
                .iter()
                .map(|structure| self.hcl_item(structure))
                .collect(),
            BodyNode::Json(map) => {
                let mut items = Vec::with_capacity(map.len());
                for (name, value) in map {
                    if name == "//" {
                        continue;
                    }
                    if name == "dynamic" {
                        self.json_dynamic_items(value, &mut items);
                        continue;
                    }
                    items.push(BodyItem::Attribute {
                        name,
                        expr: self.expr(ExprNode::Json(value)),
                        location: self.json_location(),
                    });
                    for object in json_objects(value) {
                        items.push(BodyItem::Block {
                            kind: name,
                            labels: Vec::new(),
                            body: self.body(BodyNode::Json(object)),
                            location: self.json_location(),
                        });
                    }
                }
                items
            }
        }
    }

    fn hcl_item(&self, structure: &'a Structure) -> BodyItem<'a> {
        match structure {
            Structure::Attribute(attr) => BodyItem::Attribute {
                name: attr.key.as_str(),
                expr: self.expr(ExprNode::Hcl(&attr.value)),
                location: self.span_location(attr.key.span()),
            },
            Structure::Block(block) => BodyItem::Block {
                kind: block.ident.as_str(),
                labels: block
                    .labels
                    .iter()
                    .map(|l| l.as_str().to_string())
                    .collect(),
                body: self.body(BodyNode::Hcl(&block.body)),
                location: self.span_location(block.ident.span()),
            },
        }
    }

    /// `"dynamic": {"KIND": {"for_each": ..., "content": {...}}}` becomes a `dynamic "KIND"`
    /// block, as in HCL.
    fn json_dynamic_items(&self, value: &'a Json, items: &mut Vec<BodyItem<'a>>) {
        for object in json_objects(value) {
            for (kind, spec) in object {
                for spec in json_objects(spec) {
                    items.push(BodyItem::Block {
                        kind: "dynamic",
                        labels: vec![kind.clone()],
                        body: self.body(BodyNode::Json(spec)),
                        location: self.json_location(),
                    });
                }
            }
        }
    }

    fn span_location(&self, span: Option<std::ops::Range<usize>>) -> Location {
        match span {
            Some(span) => self.file.location(span.start),
            None => self.json_location(),
        }
    }

    /// The nested blocks of `kind` (used for `dynamic` blocks' `content`).
    pub(crate) fn blocks(&self, kind: &str) -> Vec<BodyRef<'a>> {
        self.items()
            .into_iter()
            .filter_map(|item| match item {
                BodyItem::Block { kind: k, body, .. } if k == kind => Some(body),
                _ => None,
            })
            .collect()
    }
}

/// A JSON value that is an object, or each object of an array of objects.
pub(crate) fn json_objects(value: &Json) -> Vec<&Map<String, Json>> {
    match value {
        Json::Object(map) => vec![map],
        Json::Array(items) if !items.is_empty() && items.iter().all(Json::is_object) => {
            items.iter().filter_map(Json::as_object).collect()
        }
        _ => Vec::new(),
    }
}
