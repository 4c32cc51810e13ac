//! How apply completes a plan: the values the plan left unknown are filled in, and nothing
//! else changes.

use crate::cty::Value;

/// `planned` with each unknown part taken from `fresh`. Known planned values are kept as they
/// are: Terraform rejects an apply result that contradicts the plan.
pub fn fill_unknowns(planned: &Value, fresh: &Value) -> Value {
    match (planned, fresh) {
        (Value::Unknown, _) => fresh.clone(),
        (Value::Object(planned), Value::Object(fresh)) => Value::Object(
            planned
                .iter()
                .map(|(name, value)| {
                    (
                        name.clone(),
                        fill_unknowns(value, fresh.get(name).unwrap_or(&Value::Null)),
                    )
                })
                .collect(),
        ),
        (Value::Map(planned), Value::Map(fresh)) => Value::Map(
            planned
                .iter()
                .map(|(key, value)| {
                    (
                        key.clone(),
                        fill_unknowns(value, fresh.get(key).unwrap_or(&Value::Null)),
                    )
                })
                .collect(),
        ),
        (Value::List(planned), Value::List(fresh)) if planned.len() == fresh.len() => Value::List(
            planned
                .iter()
                .zip(fresh)
                .map(|(p, f)| fill_unknowns(p, f))
                .collect(),
        ),
        _ => planned.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn object(entries: &[(&str, Value)]) -> Value {
        Value::Object(
            entries
                .iter()
                .map(|(k, v)| (k.to_string(), v.clone()))
                .collect(),
        )
    }

    #[test]
    fn apply_fills_unknowns_and_keeps_planned_values() {
        let planned = object(&[
            ("level", Value::Unknown),
            ("period", Value::from("60m")),
            (
                "settings",
                object(&[("zone", Value::Unknown), ("days", Value::int(30))]),
            ),
            (
                "zones",
                Value::List(vec![Value::from("east"), Value::Unknown]),
            ),
        ]);
        let fresh = object(&[
            ("level", Value::from("high")),
            ("period", Value::from("1h")),
            (
                "settings",
                object(&[("zone", Value::from("wide")), ("days", Value::int(31))]),
            ),
            (
                "zones",
                Value::List(vec![Value::from("east"), Value::from("west")]),
            ),
        ]);
        let applied = fill_unknowns(&planned, &fresh);
        assert_eq!(applied.attr("level"), &Value::from("high"));
        assert_eq!(applied.attr("period"), &Value::from("60m"));
        assert_eq!(applied.attr("settings").attr("zone"), &Value::from("wide"));
        assert_eq!(applied.attr("settings").attr("days"), &Value::int(30));
        assert_eq!(
            applied.attr("zones"),
            &Value::List(vec![Value::from("east"), Value::from("west")])
        );
    }
}
