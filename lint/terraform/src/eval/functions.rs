//! Terraform's built-in functions that matter for static evaluation. An unsupported function
//! yields an unknown value: a function that is not modelled never makes an error.
//!
//! Semantics follow https://developer.hashicorp.com/terraform/language/functions.

use std::collections::BTreeMap;

use super::ops::{kind_of, parse_number_text, to_template_string, values_equal};
use super::{invalid, EvalError, EvalResult};
use crate::value::{format_number, Value};

/// Calls `name` with evaluated arguments. `try` and `can` are handled by the evaluator, since
/// they need their arguments unevaluated.
pub(crate) fn call(name: &str, args: Vec<Value>) -> EvalResult {
    // Every function of Terraform's standard library returns unknown for an unknown argument;
    // unknowns nested in collections are handled by each function.
    if args.iter().any(|a| !a.is_known()) {
        return Ok(Value::Unknown);
    }
    match name {
        "min" | "max" => min_max(name, &args),
        "sum" => sum(&args),
        "abs" => number_fn(&args, name, f64::abs),
        "ceil" => number_fn(&args, name, f64::ceil),
        "floor" => number_fn(&args, name, f64::floor),
        "signum" => number_fn(&args, name, f64::signum),
        "pow" => {
            let [a, b] = exact::<2>(name, args)?;
            Ok(Value::Number(number(&a, name)?.powf(number(&b, name)?)))
        }
        "parseint" => parseint(args),
        "length" => length(args),
        "lower" => string_fn(args, name, |s| s.to_lowercase()),
        "upper" => string_fn(args, name, |s| s.to_uppercase()),
        "trimspace" => string_fn(args, name, |s| s.trim().to_string()),
        "chomp" => string_fn(args, name, |s| s.trim_end_matches(['\n', '\r']).to_string()),
        "title" => string_fn(args, name, title),
        "trimprefix" | "trimsuffix" | "trim" => trim(name, args),
        "startswith" | "endswith" => {
            let [s, affix] = exact::<2>(name, args)?;
            let (s, affix) = (string(&s, name)?, string(&affix, name)?);
            Ok(Value::Bool(if name == "startswith" {
                s.starts_with(&affix)
            } else {
                s.ends_with(&affix)
            }))
        }
        "substr" => substr(args),
        "join" => join(args),
        "split" => {
            let [sep, s] = exact::<2>(name, args)?;
            let (sep, s) = (string(&sep, name)?, string(&s, name)?);
            if s.is_empty() {
                return Ok(Value::List(Vec::new()));
            }
            Ok(Value::List(
                s.split(sep.as_str())
                    .map(|p| Value::String(p.to_string()))
                    .collect(),
            ))
        }
        "replace" => replace(args),
        "format" => format_fn(args),
        "tostring" => tostring(args),
        "tonumber" => tonumber(args),
        "tobool" => tobool(args),
        "tolist" => {
            let [v] = exact::<1>(name, args)?;
            match v {
                Value::List(_) | Value::Null => Ok(v),
                other => invalid(format!(
                    "tolist() needs a list or set, not {}",
                    kind_of(&other)
                )),
            }
        }
        "toset" => toset(args),
        "tomap" => {
            let [v] = exact::<1>(name, args)?;
            match v {
                Value::Map(_) | Value::Null => Ok(v),
                other => invalid(format!(
                    "tomap() needs a map or object, not {}",
                    kind_of(&other)
                )),
            }
        }
        "sensitive" | "nonsensitive" => {
            let [v] = exact::<1>(name, args)?;
            Ok(v)
        }
        "lookup" => lookup(args),
        "coalesce" => coalesce(args),
        "coalescelist" => Ok(args
            .into_iter()
            .find(|a| matches!(a, Value::List(items) if !items.is_empty()))
            .unwrap_or(Value::List(Vec::new()))),
        "concat" => concat(args),
        "merge" => merge(args),
        "keys" | "values" => keys_values(name, args),
        "contains" => contains(args),
        "flatten" => {
            let [v] = exact::<1>(name, args)?;
            let list = list(v, name)?;
            let mut out = Vec::new();
            flatten_into(list, &mut out)?;
            Ok(Value::List(out))
        }
        "element" => element(args),
        "slice" => slice(args),
        "reverse" => {
            let [v] = exact::<1>(name, args)?;
            let mut items = list(v, name)?;
            items.reverse();
            Ok(Value::List(items))
        }
        "distinct" => {
            let [v] = exact::<1>(name, args)?;
            let items = list(v, name)?;
            if items.iter().any(Value::contains_unknown) {
                return Ok(Value::Unknown);
            }
            let mut out: Vec<Value> = Vec::new();
            for item in items {
                if !out.iter().any(|o| values_equal(o, &item)) {
                    out.push(item);
                }
            }
            Ok(Value::List(out))
        }
        "sort" => sort(args),
        "compact" => {
            let [v] = exact::<1>(name, args)?;
            let items = list(v, name)?;
            let mut out = Vec::new();
            for item in items {
                match item {
                    Value::Null => {}
                    Value::String(ref s) if s.is_empty() => {}
                    v if !v.is_known() => return Ok(Value::Unknown),
                    v => out.push(Value::String(to_template_string(&v)?)),
                }
            }
            Ok(Value::List(out))
        }
        "one" => {
            let [v] = exact::<1>(name, args)?;
            let mut items = list(v, name)?;
            match items.len() {
                0 => Ok(Value::Null),
                1 => Ok(items.remove(0)),
                n => invalid(format!("one() needs at most one element, the list has {n}")),
            }
        }
        "range" => range(args),
        "zipmap" => zipmap(args),
        "alltrue" | "anytrue" => {
            let [v] = exact::<1>(name, args)?;
            let items = list(v, name)?;
            let want_all = name == "alltrue";
            let mut saw_unknown = false;
            for item in &items {
                match item.as_bool() {
                    Some(b) if b != want_all => return Ok(Value::Bool(!want_all)),
                    Some(_) => {}
                    None if !item.is_known() => saw_unknown = true,
                    None => return invalid(format!("{name}() needs a list of bools")),
                }
            }
            Ok(if saw_unknown {
                Value::Unknown
            } else {
                Value::Bool(want_all)
            })
        }
        "jsonencode" => {
            let [v] = exact::<1>(name, args)?;
            if v.contains_unknown() {
                return Ok(Value::Unknown);
            }
            Ok(Value::String(to_json(&v).to_string()))
        }
        "jsondecode" => {
            let [v] = exact::<1>(name, args)?;
            let text = string(&v, name)?;
            match serde_json::from_str::<serde_json::Value>(&text) {
                Ok(json) => Ok(Value::from_json_literal(&json)),
                Err(err) => invalid(format!("jsondecode() cannot parse \"{text}\": {err}")),
            }
        }
        // Apply-time, impure, or not modelled: unknown, never an error.
        _ => Ok(Value::Unknown),
    }
}

fn exact<const N: usize>(name: &str, args: Vec<Value>) -> Result<[Value; N], EvalError> {
    let count = args.len();
    args.try_into()
        .map_err(|_| EvalError::Invalid(format!("{name}() takes {N} argument(s), not {count}")))
}

fn number(value: &Value, name: &str) -> Result<f64, EvalError> {
    match value {
        Value::Number(n) => Ok(*n),
        Value::String(s) => parse_number_text(s)
            .ok_or_else(|| EvalError::Invalid(format!("{name}() needs a number, not \"{s}\""))),
        other => invalid(format!("{name}() needs a number, not {}", kind_of(other))),
    }
}

fn string(value: &Value, name: &str) -> Result<String, EvalError> {
    match value {
        Value::String(s) => Ok(s.clone()),
        Value::Number(_) | Value::Bool(_) => Ok(value.to_string_lossy().unwrap_or_default()),
        other => invalid(format!("{name}() needs a string, not {}", kind_of(other))),
    }
}

fn list(value: Value, name: &str) -> Result<Vec<Value>, EvalError> {
    match value {
        Value::List(items) => Ok(items),
        other => invalid(format!("{name}() needs a list, not {}", kind_of(&other))),
    }
}

fn number_fn(args: &[Value], name: &str, f: fn(f64) -> f64) -> EvalResult {
    match args {
        [v] => Ok(Value::Number(f(number(v, name)?))),
        _ => invalid(format!("{name}() takes exactly one argument")),
    }
}

fn string_fn(args: Vec<Value>, name: &str, f: impl Fn(&str) -> String) -> EvalResult {
    let [v] = exact::<1>(name, args)?;
    Ok(Value::String(f(&string(&v, name)?)))
}

fn title(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut at_word_start = true;
    for c in s.chars() {
        if at_word_start && c.is_alphabetic() {
            out.extend(c.to_uppercase());
        } else {
            out.push(c);
        }
        at_word_start = !c.is_alphanumeric();
    }
    out
}

fn min_max(name: &str, args: &[Value]) -> EvalResult {
    if args.is_empty() {
        return invalid(format!("{name}() needs at least one argument"));
    }
    let mut numbers = Vec::with_capacity(args.len());
    for arg in args {
        numbers.push(number(arg, name)?);
    }
    let pick = if name == "min" { f64::min } else { f64::max };
    Ok(Value::Number(
        numbers.into_iter().reduce(pick).unwrap_or(f64::NAN),
    ))
}

fn sum(args: &[Value]) -> EvalResult {
    let [Value::List(items)] = args else {
        return invalid("sum() needs one list of numbers");
    };
    if items.is_empty() {
        return invalid("sum() cannot sum an empty list");
    }
    let mut total = 0.0;
    for item in items {
        if !item.is_known() {
            return Ok(Value::Unknown);
        }
        total += number(item, "sum")?;
    }
    Ok(Value::Number(total))
}

fn parseint(args: Vec<Value>) -> EvalResult {
    let [text, base] = exact::<2>("parseint", args)?;
    let text = string(&text, "parseint")?;
    let base = number(&base, "parseint")?;
    if !(2.0..=62.0).contains(&base) || base.fract() != 0.0 {
        return invalid(format!(
            "parseint() base must be a whole number from 2 to 62, not {}",
            format_number(base)
        ));
    }
    match i64::from_str_radix(&text, base as u32) {
        Ok(n) => Ok(Value::Number(n as f64)),
        Err(_) => invalid(format!(
            "parseint() cannot read \"{text}\" in base {}",
            format_number(base)
        )),
    }
}

fn length(args: Vec<Value>) -> EvalResult {
    let [v] = exact::<1>("length", args)?;
    match v {
        Value::String(s) => Ok(Value::Number(s.chars().count() as f64)),
        Value::List(items) => Ok(Value::Number(items.len() as f64)),
        Value::Map(map) => Ok(Value::Number(map.len() as f64)),
        other => invalid(format!(
            "length() needs a string or collection, not {}",
            kind_of(&other)
        )),
    }
}

fn trim(name: &str, args: Vec<Value>) -> EvalResult {
    let [s, affix] = exact::<2>(name, args)?;
    let (s, affix) = (string(&s, name)?, string(&affix, name)?);
    let out = match name {
        "trimprefix" => s.strip_prefix(affix.as_str()).unwrap_or(&s).to_string(),
        "trimsuffix" => s.strip_suffix(affix.as_str()).unwrap_or(&s).to_string(),
        _ => s.trim_matches(|c| affix.contains(c)).to_string(),
    };
    Ok(Value::String(out))
}

fn substr(args: Vec<Value>) -> EvalResult {
    let [s, offset, len] = exact::<3>("substr", args)?;
    let chars: Vec<char> = string(&s, "substr")?.chars().collect();
    let total = chars.len() as i64;
    let mut offset = number(&offset, "substr")? as i64;
    let len = number(&len, "substr")? as i64;
    if offset < 0 {
        offset += total;
    }
    if offset < 0 || offset > total {
        return invalid(format!(
            "substr() offset {offset} is outside a string of {total} characters"
        ));
    }
    let end = if len < 0 {
        total
    } else {
        (offset + len).min(total)
    };
    Ok(Value::String(
        chars[offset as usize..end as usize].iter().collect(),
    ))
}

fn join(args: Vec<Value>) -> EvalResult {
    let mut args = args.into_iter();
    let Some(sep) = args.next() else {
        return invalid("join() needs a separator and at least one list");
    };
    let sep = string(&sep, "join")?;
    let mut parts = Vec::new();
    for list_value in args {
        for item in list(list_value, "join")? {
            if !item.is_known() {
                return Ok(Value::Unknown);
            }
            parts.push(to_template_string(&item)?);
        }
    }
    Ok(Value::String(parts.join(&sep)))
}

fn replace(args: Vec<Value>) -> EvalResult {
    let [s, search, replacement] = exact::<3>("replace", args)?;
    let (s, search, replacement) = (
        string(&s, "replace")?,
        string(&search, "replace")?,
        string(&replacement, "replace")?,
    );
    if search.len() > 1 && search.starts_with('/') && search.ends_with('/') {
        let pattern = &search[1..search.len() - 1];
        return match regex::Regex::new(pattern) {
            Ok(re) => Ok(Value::String(
                re.replace_all(&s, replacement.as_str()).into_owned(),
            )),
            Err(err) => invalid(format!(
                "replace() pattern \"{pattern}\" is not a valid regular expression: {err}"
            )),
        };
    }
    Ok(Value::String(s.replace(&search, &replacement)))
}

fn tostring(args: Vec<Value>) -> EvalResult {
    let [v] = exact::<1>("tostring", args)?;
    match v {
        Value::Null => Ok(Value::Null),
        Value::String(_) | Value::Number(_) | Value::Bool(_) => {
            Ok(Value::String(v.to_string_lossy().unwrap_or_default()))
        }
        other => invalid(format!("tostring() cannot convert {}", kind_of(&other))),
    }
}

fn tonumber(args: Vec<Value>) -> EvalResult {
    let [v] = exact::<1>("tonumber", args)?;
    match v {
        Value::Null => Ok(Value::Null),
        other => Ok(Value::Number(number(&other, "tonumber")?)),
    }
}

fn tobool(args: Vec<Value>) -> EvalResult {
    let [v] = exact::<1>("tobool", args)?;
    match v {
        Value::Null => Ok(Value::Null),
        other => match other.as_bool() {
            Some(b) => Ok(Value::Bool(b)),
            None => invalid(format!("tobool() cannot convert {other}")),
        },
    }
}

/// Terraform orders sets of strings lexically and sets of numbers numerically.
pub(crate) fn toset(args: Vec<Value>) -> EvalResult {
    let [v] = exact::<1>("toset", args)?;
    let items = match v {
        Value::Null => return Ok(Value::Null),
        other => list(other, "toset")?,
    };
    let mut out: Vec<Value> = Vec::with_capacity(items.len());
    for item in items {
        if !out.iter().any(|o| values_equal(o, &item)) {
            out.push(item);
        }
    }
    if out.iter().all(|v| matches!(v, Value::String(_))) {
        out.sort_by(|a, b| a.as_str().cmp(&b.as_str()));
    } else if out.iter().all(|v| matches!(v, Value::Number(_))) {
        out.sort_by(|a, b| {
            a.as_f64()
                .partial_cmp(&b.as_f64())
                .unwrap_or(std::cmp::Ordering::Equal)
        });
    }
    Ok(Value::List(out))
}

fn lookup(args: Vec<Value>) -> EvalResult {
    let count = args.len();
    let mut args = args.into_iter();
    let (Some(map), Some(key)) = (args.next(), args.next()) else {
        return invalid(format!("lookup() takes 2 or 3 arguments, not {count}"));
    };
    let default = args.next();
    let key = string(&key, "lookup")?;
    match map {
        Value::Map(mut map) => match (map.remove(&key), default) {
            (Some(v), _) => Ok(v),
            (None, Some(d)) => Ok(d),
            (None, None) => invalid(format!(
                "lookup() found no key \"{key}\" and has no default"
            )),
        },
        other => invalid(format!("lookup() needs a map, not {}", kind_of(&other))),
    }
}

fn coalesce(args: Vec<Value>) -> EvalResult {
    for arg in args {
        match arg {
            Value::Null => {}
            Value::String(ref s) if s.is_empty() => {}
            other => return Ok(other),
        }
    }
    invalid("coalesce() found no non-null, non-empty argument")
}

fn concat(args: Vec<Value>) -> EvalResult {
    let mut out = Vec::new();
    for arg in args {
        out.extend(list(arg, "concat")?);
    }
    Ok(Value::List(out))
}

fn merge(args: Vec<Value>) -> EvalResult {
    let mut out = BTreeMap::new();
    for arg in args {
        match arg {
            Value::Null => {}
            Value::Map(map) => out.extend(map),
            other => {
                return invalid(format!(
                    "merge() needs maps or objects, not {}",
                    kind_of(&other)
                ))
            }
        }
    }
    Ok(Value::Map(out))
}

fn keys_values(name: &str, args: Vec<Value>) -> EvalResult {
    let [v] = exact::<1>(name, args)?;
    match v {
        Value::Map(map) if name == "keys" => {
            Ok(Value::List(map.into_keys().map(Value::String).collect()))
        }
        Value::Map(map) => Ok(Value::List(map.into_values().collect())),
        other => invalid(format!(
            "{name}() needs a map or object, not {}",
            kind_of(&other)
        )),
    }
}

fn contains(args: Vec<Value>) -> EvalResult {
    let [collection, wanted] = exact::<2>("contains", args)?;
    let items = list(collection, "contains")?;
    if wanted.contains_unknown() {
        return Ok(Value::Unknown);
    }
    let mut saw_unknown = false;
    for item in &items {
        if item.contains_unknown() {
            saw_unknown = true;
        } else if values_equal(item, &wanted) {
            return Ok(Value::Bool(true));
        }
    }
    Ok(if saw_unknown {
        Value::Unknown
    } else {
        Value::Bool(false)
    })
}

fn flatten_into(items: Vec<Value>, out: &mut Vec<Value>) -> Result<(), EvalError> {
    for item in items {
        match item {
            Value::List(inner) => flatten_into(inner, out)?,
            other => out.push(other),
        }
    }
    Ok(())
}

fn element(args: Vec<Value>) -> EvalResult {
    let [collection, index] = exact::<2>("element", args)?;
    let mut items = list(collection, "element")?;
    if items.is_empty() {
        return invalid("element() cannot use an empty list");
    }
    let index = number(&index, "element")?;
    if index < 0.0 {
        return invalid("element() needs a non-negative index");
    }
    let at = (index as usize) % items.len();
    Ok(items.swap_remove(at))
}

fn slice(args: Vec<Value>) -> EvalResult {
    let [collection, start, end] = exact::<3>("slice", args)?;
    let items = list(collection, "slice")?;
    let (start, end) = (number(&start, "slice")?, number(&end, "slice")?);
    if start < 0.0 || end < start || end as usize > items.len() {
        return invalid(format!(
            "slice() indexes {} to {} are outside a list of {} elements",
            format_number(start),
            format_number(end),
            items.len()
        ));
    }
    Ok(Value::List(items[start as usize..end as usize].to_vec()))
}

fn sort(args: Vec<Value>) -> EvalResult {
    let [v] = exact::<1>("sort", args)?;
    let items = list(v, "sort")?;
    let mut strings = Vec::with_capacity(items.len());
    for item in &items {
        if !item.is_known() {
            return Ok(Value::Unknown);
        }
        strings.push(to_template_string(item)?);
    }
    strings.sort();
    Ok(Value::List(
        strings.into_iter().map(Value::String).collect(),
    ))
}

fn range(args: Vec<Value>) -> EvalResult {
    let numbers: Vec<f64> = args
        .iter()
        .map(|a| number(a, "range"))
        .collect::<Result<_, _>>()?;
    let (start, limit, step) = match numbers.as_slice() {
        [limit] => (0.0, *limit, 1.0),
        [start, limit] => (*start, *limit, if start <= limit { 1.0 } else { -1.0 }),
        [start, limit, step] => (*start, *limit, *step),
        _ => return invalid("range() takes 1 to 3 arguments"),
    };
    if step == 0.0 || (step > 0.0) != (limit >= start) && limit != start {
        return invalid("range() step must move from the start towards the limit");
    }
    let count = ((limit - start) / step).ceil().max(0.0);
    if count > 1_000_000.0 {
        return invalid("range() would produce more than 1000000 elements");
    }
    Ok(Value::List(
        (0..count as usize)
            .map(|i| Value::Number(start + step * i as f64))
            .collect(),
    ))
}

fn zipmap(args: Vec<Value>) -> EvalResult {
    let [keys, values] = exact::<2>("zipmap", args)?;
    let (keys, values) = (list(keys, "zipmap")?, list(values, "zipmap")?);
    if keys.len() != values.len() {
        return invalid(format!(
            "zipmap() has {} keys but {} values",
            keys.len(),
            values.len()
        ));
    }
    let mut out = BTreeMap::new();
    for (key, value) in keys.into_iter().zip(values) {
        if !key.is_known() {
            return Ok(Value::Unknown);
        }
        out.insert(to_template_string(&key)?, value);
    }
    Ok(Value::Map(out))
}

/// Terraform's `jsonencode`: whole numbers without a fraction, object keys sorted.
fn to_json(value: &Value) -> serde_json::Value {
    match value {
        Value::Null | Value::Unknown | Value::Ref { .. } => serde_json::Value::Null,
        Value::Bool(b) => serde_json::Value::Bool(*b),
        Value::Number(n) if n.fract() == 0.0 && n.abs() < 9.0e15 => {
            serde_json::Value::from(*n as i64)
        }
        Value::Number(n) => serde_json::Number::from_f64(*n)
            .map_or(serde_json::Value::Null, serde_json::Value::Number),
        Value::String(s) => serde_json::Value::String(s.clone()),
        Value::List(items) => serde_json::Value::Array(items.iter().map(to_json).collect()),
        Value::Map(map) => {
            serde_json::Value::Object(map.iter().map(|(k, v)| (k.clone(), to_json(v))).collect())
        }
    }
}

/// Terraform's `format`: `%s`, `%d`, `%f`, `%v`, `%q`, `%t`, `%%`, with flags, width and
/// precision.
fn format_fn(args: Vec<Value>) -> EvalResult {
    let mut args = args.into_iter();
    let Some(spec) = args.next() else {
        return invalid("format() needs a format string");
    };
    let spec = string(&spec, "format")?;
    let mut out = String::new();
    let mut chars = spec.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '%' {
            out.push(c);
            continue;
        }
        if chars.peek() == Some(&'%') {
            chars.next();
            out.push('%');
            continue;
        }
        let mut flags = String::new();
        while let Some(&f) = chars.peek() {
            if "-+ 0#".contains(f) {
                flags.push(f);
                chars.next();
            } else {
                break;
            }
        }
        let width = take_digits(&mut chars);
        let precision = if chars.peek() == Some(&'.') {
            chars.next();
            Some(take_digits(&mut chars).unwrap_or(0))
        } else {
            None
        };
        let Some(verb) = chars.next() else {
            return invalid(format!(
                "format() string \"{spec}\" ends in the middle of a verb"
            ));
        };
        let Some(arg) = args.next() else {
            return invalid(format!(
                "format() string \"{spec}\" has more verbs than arguments"
            ));
        };
        let text = match verb {
            's' => to_template_string(&arg)?,
            'q' => serde_json::Value::String(to_template_string(&arg)?).to_string(),
            'v' => match &arg {
                Value::String(_) | Value::Number(_) | Value::Bool(_) => to_template_string(&arg)?,
                other => to_json(other).to_string(),
            },
            't' => match arg.as_bool() {
                Some(b) => b.to_string(),
                None => return invalid(format!("format() %t needs a bool, not {arg}")),
            },
            'd' => {
                let n = number(&arg, "format")?;
                if n.fract() != 0.0 {
                    return invalid(format!(
                        "format() %d needs a whole number, not {}",
                        format_number(n)
                    ));
                }
                let sign = if flags.contains('+') && n >= 0.0 {
                    "+"
                } else {
                    ""
                };
                format!("{sign}{}", n as i64)
            }
            'f' | 'e' | 'g' => {
                let n = number(&arg, "format")?;
                match verb {
                    'f' => format!("{n:.*}", precision.unwrap_or(6)),
                    'e' => format!("{n:.*e}", precision.unwrap_or(6)),
                    _ => format_number(n),
                }
            }
            other => return invalid(format!("format() does not support the verb %{other}")),
        };
        let text = if verb == 's' {
            match precision {
                Some(p) => text.chars().take(p).collect(),
                None => text,
            }
        } else {
            text
        };
        out.push_str(&pad(
            &text,
            width.unwrap_or(0),
            &flags,
            matches!(verb, 'd' | 'f' | 'e' | 'g'),
        ));
    }
    Ok(Value::String(out))
}

fn take_digits(chars: &mut std::iter::Peekable<std::str::Chars>) -> Option<usize> {
    let mut digits = String::new();
    while let Some(&d) = chars.peek() {
        if d.is_ascii_digit() {
            digits.push(d);
            chars.next();
        } else {
            break;
        }
    }
    digits.parse().ok()
}

fn pad(text: &str, width: usize, flags: &str, numeric: bool) -> String {
    let len = text.chars().count();
    if len >= width {
        return text.to_string();
    }
    let fill = width - len;
    if flags.contains('-') {
        format!("{text}{}", " ".repeat(fill))
    } else if flags.contains('0') && numeric {
        let (sign, digits) = match text.strip_prefix(['-', '+']) {
            Some(rest) => (&text[..1], rest),
            None => ("", text),
        };
        format!("{sign}{}{digits}", "0".repeat(fill))
    } else {
        format!("{}{text}", " ".repeat(fill))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(v: &str) -> Value {
        Value::String(v.into())
    }
    fn n(v: f64) -> Value {
        Value::Number(v)
    }
    fn l(items: Vec<Value>) -> Value {
        Value::List(items)
    }
    fn m(entries: &[(&str, Value)]) -> Value {
        Value::Map(
            entries
                .iter()
                .map(|(k, v)| (k.to_string(), v.clone()))
                .collect(),
        )
    }
    fn r(address: &str) -> Value {
        Value::Ref {
            address: address.into(),
            attribute: Some("id".into()),
        }
    }

    #[test]
    fn numeric_functions() {
        assert_eq!(call("min", vec![n(3.0), s("2"), n(5.0)]).unwrap(), n(2.0));
        assert_eq!(call("max", vec![n(3.0), n(5.0)]).unwrap(), n(5.0));
        assert_eq!(call("sum", vec![l(vec![n(1.0), n(2.5)])]).unwrap(), n(3.5));
        assert_eq!(call("abs", vec![n(-4.0)]).unwrap(), n(4.0));
        assert_eq!(call("ceil", vec![n(4.1)]).unwrap(), n(5.0));
        assert_eq!(call("floor", vec![n(4.9)]).unwrap(), n(4.0));
        assert_eq!(call("parseint", vec![s("ff"), n(16.0)]).unwrap(), n(255.0));
        assert_eq!(
            call("range", vec![n(3.0)]).unwrap(),
            l(vec![n(0.0), n(1.0), n(2.0)])
        );
        assert_eq!(
            call("range", vec![n(1.0), n(7.0), n(3.0)]).unwrap(),
            l(vec![n(1.0), n(4.0)])
        );
        assert!(call("min", vec![s("x")]).is_err());
    }

    #[test]
    fn string_functions() {
        assert_eq!(call("lower", vec![s("AbC")]).unwrap(), s("abc"));
        assert_eq!(call("upper", vec![s("abc")]).unwrap(), s("ABC"));
        assert_eq!(call("trimspace", vec![s("  x \n")]).unwrap(), s("x"));
        assert_eq!(
            call(
                "join",
                vec![s("-"), l(vec![s("a"), n(1.0)]), l(vec![s("b")])]
            )
            .unwrap(),
            s("a-1-b")
        );
        assert_eq!(
            call("split", vec![s(","), s("a,b")]).unwrap(),
            l(vec![s("a"), s("b")])
        );
        assert_eq!(
            call("replace", vec![s("a-b-c"), s("-"), s("_")]).unwrap(),
            s("a_b_c")
        );
        assert_eq!(
            call("replace", vec![s("a1b22"), s("/[0-9]+/"), s("#")]).unwrap(),
            s("a#b#")
        );
        assert_eq!(
            call("substr", vec![s("héllo"), n(1.0), n(3.0)]).unwrap(),
            s("éll")
        );
        assert_eq!(
            call("substr", vec![s("hello"), n(-3.0), n(-1.0)]).unwrap(),
            s("llo")
        );
        assert_eq!(
            call("startswith", vec![s("prod-1"), s("prod")]).unwrap(),
            Value::Bool(true)
        );
        assert_eq!(
            call("endswith", vec![s("prod-1"), s("prod")]).unwrap(),
            Value::Bool(false)
        );
        assert_eq!(call("length", vec![s("héllo")]).unwrap(), n(5.0));
        assert_eq!(
            call("title", vec![s("hello world")]).unwrap(),
            s("Hello World")
        );
        assert_eq!(
            call("trimprefix", vec![s("kv-prod"), s("kv-")]).unwrap(),
            s("prod")
        );
    }

    #[test]
    fn format_verbs() {
        assert_eq!(
            call(
                "format",
                vec![s("%s-%d-%v"), s("kv"), n(7.0), Value::Bool(true)]
            )
            .unwrap(),
            s("kv-7-true")
        );
        assert_eq!(
            call("format", vec![s("%q"), s("a\"b")]).unwrap(),
            s("\"a\\\"b\"")
        );
        assert_eq!(
            call(
                "format",
                vec![s("%.2f|%03d|%-4s|%5s"), n(1.5), n(7.0), s("ab"), s("cd")]
            )
            .unwrap(),
            s("1.50|007|ab  |   cd")
        );
        assert_eq!(call("format", vec![s("100%%")]).unwrap(), s("100%"));
        assert!(call("format", vec![s("%d"), n(1.5)]).is_err());
        assert!(call("format", vec![s("%s %s"), s("x")]).is_err());
    }

    #[test]
    fn collection_functions() {
        let map = m(&[("a", n(1.0)), ("b", n(2.0))]);
        assert_eq!(
            call("keys", vec![map.clone()]).unwrap(),
            l(vec![s("a"), s("b")])
        );
        assert_eq!(
            call("values", vec![map.clone()]).unwrap(),
            l(vec![n(1.0), n(2.0)])
        );
        assert_eq!(call("lookup", vec![map.clone(), s("b")]).unwrap(), n(2.0));
        assert_eq!(
            call("lookup", vec![map.clone(), s("z"), n(9.0)]).unwrap(),
            n(9.0)
        );
        assert!(call("lookup", vec![map.clone(), s("z")]).is_err());
        assert_eq!(
            call("merge", vec![map, m(&[("b", n(3.0))]), Value::Null]).unwrap(),
            m(&[("a", n(1.0)), ("b", n(3.0))])
        );
        assert_eq!(
            call("concat", vec![l(vec![r("x.a")]), l(vec![r("x.b")])]).unwrap(),
            l(vec![r("x.a"), r("x.b")])
        );
        assert_eq!(
            call(
                "flatten",
                vec![l(vec![l(vec![n(1.0), l(vec![n(2.0)])]), n(3.0)])]
            )
            .unwrap(),
            l(vec![n(1.0), n(2.0), n(3.0)])
        );
        assert_eq!(
            call("element", vec![l(vec![s("a"), s("b")]), n(3.0)]).unwrap(),
            s("b")
        );
        assert_eq!(
            call("contains", vec![l(vec![s("a")]), s("a")]).unwrap(),
            Value::Bool(true)
        );
        assert_eq!(
            call("contains", vec![l(vec![r("x.a")]), s("a")]).unwrap(),
            Value::Unknown
        );
        assert_eq!(
            call("distinct", vec![l(vec![s("a"), s("b"), s("a")])]).unwrap(),
            l(vec![s("a"), s("b")])
        );
        assert_eq!(
            call("toset", vec![l(vec![s("b"), s("a"), s("b")])]).unwrap(),
            l(vec![s("a"), s("b")])
        );
        assert_eq!(
            call("sort", vec![l(vec![s("b"), s("a")])]).unwrap(),
            l(vec![s("a"), s("b")])
        );
        assert_eq!(
            call("reverse", vec![l(vec![n(1.0), n(2.0)])]).unwrap(),
            l(vec![n(2.0), n(1.0)])
        );
        assert_eq!(
            call(
                "slice",
                vec![l(vec![n(1.0), n(2.0), n(3.0)]), n(1.0), n(3.0)]
            )
            .unwrap(),
            l(vec![n(2.0), n(3.0)])
        );
        assert_eq!(
            call("compact", vec![l(vec![s("a"), s(""), Value::Null])]).unwrap(),
            l(vec![s("a")])
        );
        assert_eq!(call("one", vec![l(vec![])]).unwrap(), Value::Null);
        assert_eq!(call("one", vec![l(vec![s("x")])]).unwrap(), s("x"));
        assert!(call("one", vec![l(vec![s("x"), s("y")])]).is_err());
        assert_eq!(
            call("zipmap", vec![l(vec![s("k")]), l(vec![n(1.0)])]).unwrap(),
            m(&[("k", n(1.0))])
        );
        assert_eq!(
            call("coalescelist", vec![l(vec![]), l(vec![n(1.0)])]).unwrap(),
            l(vec![n(1.0)])
        );
        assert_eq!(
            call("coalesce", vec![Value::Null, s(""), s("x")]).unwrap(),
            s("x")
        );
        assert_eq!(
            call("length", vec![l(vec![r("x.a"), Value::Unknown])]).unwrap(),
            n(2.0)
        );
    }

    #[test]
    fn conversions_and_json() {
        assert_eq!(call("tostring", vec![n(5.0)]).unwrap(), s("5"));
        assert_eq!(call("tonumber", vec![s("5.5")]).unwrap(), n(5.5));
        assert_eq!(call("tobool", vec![s("true")]).unwrap(), Value::Bool(true));
        assert!(call("tonumber", vec![s("x")]).is_err());
        let encoded = call(
            "jsonencode",
            vec![m(&[("b", n(1.0)), ("a", l(vec![s("x")]))])],
        )
        .unwrap();
        assert_eq!(encoded, s("{\"a\":[\"x\"],\"b\":1}"));
        assert_eq!(
            call("jsondecode", vec![encoded]).unwrap(),
            m(&[("a", l(vec![s("x")])), ("b", n(1.0))])
        );
        assert!(call("jsondecode", vec![s("{")]).is_err());
    }

    #[test]
    fn unknown_arguments_and_unsupported_functions() {
        assert_eq!(call("upper", vec![Value::Unknown]).unwrap(), Value::Unknown);
        assert_eq!(
            call("join", vec![s(","), l(vec![r("x.a")])]).unwrap(),
            Value::Unknown
        );
        assert_eq!(call("timestamp", vec![]).unwrap(), Value::Unknown);
        assert_eq!(
            call("no_such_function", vec![n(1.0)]).unwrap(),
            Value::Unknown
        );
    }
}
