//! Semantic equality: when a value stored in the state stands for the value now configured,
//! although it is spelled differently (`60m` and `1h`). An attribute that declares one keeps
//! its stored spelling on such a respelling, so that the plan is empty instead of a perpetual
//! diff; see [`crate::planning`].

use crate::cty::Value;

/// Whether `prior` (a stored value) means the same as `config` (a configured, known,
/// non-null value). Both are values of the attribute's type.
pub type SemanticEquality = fn(prior: &Value, config: &Value) -> bool;

/// Two strings that `same` deems equal; values of any other kind never are.
pub fn same_text(prior: &Value, config: &Value, same: impl Fn(&str, &str) -> bool) -> bool {
    matches!((prior, config), (Value::String(a), Value::String(b)) if same(a, b))
}

/// Two lists of the same length whose elements are pairwise equal by `same`, in order.
pub fn same_list(prior: &Value, config: &Value, same: impl Fn(&Value, &Value) -> bool) -> bool {
    match (prior, config) {
        (Value::List(stored), Value::List(given)) => {
            stored.len() == given.len()
                && stored
                    .iter()
                    .zip(given)
                    .all(|(stored, given)| same(stored, given))
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn same_letters(prior: &Value, config: &Value) -> bool {
        same_text(prior, config, |a, b| a.eq_ignore_ascii_case(b))
    }

    fn list(items: &[&str]) -> Value {
        Value::List(items.iter().map(|item| Value::from(*item)).collect())
    }

    #[test]
    fn texts_are_compared_only_as_strings() {
        assert!(same_letters(&Value::from("Alpha"), &Value::from("alpha")));
        assert!(!same_letters(&Value::from("alpha"), &Value::from("beta")));
        assert!(!same_letters(&Value::Bool(true), &Value::Bool(true)));
        assert!(!same_letters(&Value::from("alpha"), &Value::Unknown));
    }

    #[test]
    fn lists_are_compared_element_by_element_in_order() {
        let stored = list(&["Alpha", "beta"]);
        assert!(same_list(&stored, &list(&["alpha", "BETA"]), same_letters));
        assert!(!same_list(&stored, &list(&["beta", "alpha"]), same_letters));
        assert!(!same_list(&stored, &list(&["alpha"]), same_letters));
        assert!(!same_list(
            &stored,
            &Value::List(vec![Value::from("alpha"), Value::Unknown]),
            same_letters
        ));
        assert!(!same_list(&Value::Null, &list(&[]), same_letters));
    }
}
