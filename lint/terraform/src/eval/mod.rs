//! Static evaluation of Terraform expressions: what Terraform itself would know at plan time
//! before any resource exists. Anything only known at apply time is `Value::Unknown` (or a
//! `Value::Ref` when it is known to come from a specific resource).

mod expr;
mod functions;
mod ops;
mod scope;
pub(crate) mod types;

use std::cell::Cell;
use std::rc::Rc;

pub(crate) use expr::{eval, eval_hcl};
pub(crate) use ops::parse_number_text;
pub(crate) use scope::Scope;

use super::value::Value;

/// Why an expression has no value. Evaluation errors are not reported: the loader cannot tell a
/// real Terraform error from a construct it does not model, so the value becomes unknown. They
/// matter for `try` and `can`, which turn errors into alternatives.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum EvalError {
    /// Terraform would reject this (wrong type, missing key, bad function argument...).
    Invalid(String),
    /// Evaluation went deeper than [`MAX_EVAL_DEPTH`] levels (long or cyclic reference chains).
    TooDeep,
}

pub(crate) type EvalResult = Result<Value, EvalError>;

pub(crate) fn invalid<T>(message: impl Into<String>) -> Result<T, EvalError> {
    Err(EvalError::Invalid(message.into()))
}

/// How deep expression evaluation may nest, counting every sub-expression and every reference
/// followed. The loader runs on a thread with a large stack; this keeps recursion well inside it.
pub(crate) const MAX_EVAL_DEPTH: usize = 1500;

/// The evaluation depth shared by everything evaluated for one root module.
#[derive(Debug, Default)]
pub(crate) struct Budget {
    depth: Cell<usize>,
    exceeded: Cell<bool>,
}

impl Budget {
    /// Runs `f` one level deeper, or fails without running it when too deep.
    pub(crate) fn deeper<T>(
        &self,
        f: impl FnOnce() -> Result<T, EvalError>,
    ) -> Result<T, EvalError> {
        let depth = self.depth.get();
        if depth >= MAX_EVAL_DEPTH {
            self.exceeded.set(true);
            return Err(EvalError::TooDeep);
        }
        self.depth.set(depth + 1);
        let result = f();
        self.depth.set(depth);
        result
    }

    /// Whether evaluation ever hit the depth limit.
    pub(crate) fn was_exceeded(&self) -> bool {
        self.exceeded.get()
    }
}

/// What a reference that is not a local binding (`var.x`, `local.y`, `module.m.o`,
/// `aws_x.y`, `path.module`...) refers to.
pub(crate) trait Resolver {
    /// Resolves the reference rooted at `root`, followed by the attribute names `attrs` (the
    /// attribute accesses directly after the root, possibly none). Returns the value and how many
    /// of `attrs` it used; the evaluator applies the rest of the traversal.
    fn resolve(&self, root: &str, attrs: &[&str]) -> (Result<Rc<Value>, EvalError>, usize);

    fn budget(&self) -> &Budget;
}

/// A resolver for contexts where no reference is allowed (tfvars files, `--var` values, type
/// defaults): every reference is invalid.
#[derive(Default)]
pub(crate) struct NoReferences {
    budget: Budget,
}

impl Resolver for NoReferences {
    fn resolve(&self, root: &str, _attrs: &[&str]) -> (Result<Rc<Value>, EvalError>, usize) {
        (
            invalid(format!("references such as `{root}` are not allowed here")),
            0,
        )
    }

    fn budget(&self) -> &Budget {
        &self.budget
    }
}
