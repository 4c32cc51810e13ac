//! Names bound while evaluating: `for` variables, `each`, `count`, `dynamic` iterators.

use crate::value::Value;

/// A chain of bindings; the innermost binding of a name wins.
pub(crate) enum Scope<'s> {
    Empty,
    Bind {
        parent: &'s Scope<'s>,
        name: &'s str,
        value: Value,
    },
}

impl<'s> Scope<'s> {
    pub(crate) fn bind(&'s self, name: &'s str, value: Value) -> Scope<'s> {
        Scope::Bind {
            parent: self,
            name,
            value,
        }
    }

    pub(crate) fn lookup(&self, wanted: &str) -> Option<&Value> {
        let mut scope = self;
        loop {
            match scope {
                Scope::Empty => return None,
                Scope::Bind {
                    parent,
                    name,
                    value,
                } => {
                    if *name == wanted {
                        return Some(value);
                    }
                    scope = parent;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn innermost_binding_wins() {
        let root = Scope::Empty;
        let outer = root.bind("x", Value::Number(1.0));
        let inner = outer.bind("x", Value::Number(2.0));
        let other = inner.bind("y", Value::Bool(true));
        assert_eq!(other.lookup("x"), Some(&Value::Number(2.0)));
        assert_eq!(outer.lookup("x"), Some(&Value::Number(1.0)));
        assert_eq!(other.lookup("z"), None);
    }
}
