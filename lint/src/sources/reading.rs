//! Reading settings out of an evaluated Terraform body into [`Fact`]s: what every HCL-based
//! reader shares. A reader walks the resource's blocks with [`Scope`]s and asks for settings by
//! their full dotted name (`backup.interval_in_minutes`); the reader's [`Places`] remembers
//! where each fact was written, so that a rule can point at it without knowing the IR.

use drkit_model::facts::{Anchor, Fact, Observed};
use drkit_model::region;
use drkit_terraform::ir::{Body, Location, Resource};
use drkit_terraform::value::Value;

/// The places anchors stand for, for one resource: [`Anchor::RESOURCE`] is the resource's
/// header.
#[derive(Debug, Clone)]
pub struct Places<'r> {
    list: Vec<&'r Location>,
}

impl<'r> Places<'r> {
    pub fn new(resource: &'r Resource) -> Places<'r> {
        Places {
            list: vec![&resource.location],
        }
    }

    /// An anchor for `location` (a place in this resource or in one it is linked to).
    pub fn anchor(&mut self, location: &'r Location) -> Anchor {
        let index = self.list.len();
        self.list.push(location);
        Anchor(u32::try_from(index).unwrap_or(u32::MAX))
    }

    /// What an anchor stands for; an anchor of another resource's places reads as the
    /// resource.
    pub fn location(&self, anchor: Anchor) -> &'r Location {
        let index = usize::try_from(anchor.0).unwrap_or(usize::MAX);
        self.list.get(index).copied().unwrap_or(self.list[0])
    }
}

/// A block being read: its body when it is written, and where a setting that is not written
/// points (the block, else the innermost enclosing block that is written, else the resource).
#[derive(Debug, Clone, Copy)]
pub struct Scope<'r> {
    pub body: Option<&'r Body>,
    pub anchor: Anchor,
}

impl<'r> Scope<'r> {
    /// The resource's own arguments.
    pub fn root(resource: &'r Resource) -> Scope<'r> {
        Scope {
            body: Some(&resource.body),
            anchor: Anchor::RESOURCE,
        }
    }

    /// The arguments of another resource this one links to (its policy, its vault): settings
    /// read there point at that resource.
    pub fn linked(places: &mut Places<'r>, resource: &'r Resource) -> Scope<'r> {
        Scope {
            body: Some(&resource.body),
            anchor: places.anchor(&resource.location),
        }
    }

    /// Every nested block `kind` of this one, in source order.
    pub fn blocks(&self, places: &mut Places<'r>, kind: &str) -> Vec<Scope<'r>> {
        self.body
            .into_iter()
            .flat_map(|body| body.blocks.iter())
            .filter(|block| block.kind == kind)
            .map(|block| Scope {
                body: Some(&block.body),
                anchor: places.anchor(&block.location),
            })
            .collect()
    }

    /// The first nested block `kind` of this one.
    pub fn block(&self, places: &mut Places<'r>, kind: &str) -> Scope<'r> {
        match self.body.and_then(|body| body.block(kind)) {
            Some(block) => Scope {
                body: Some(&block.body),
                anchor: places.anchor(&block.location),
            },
            None => Scope {
                body: None,
                anchor: self.anchor,
            },
        }
    }

    /// Whether the block is written.
    pub fn is_written(&self) -> bool {
        self.body.is_some()
    }
}

/// A setting of `scope`: the first of `names` that is written and not null (several names
/// where a provider renamed the argument between major versions; each name is the full dotted
/// path, looked up by its last part). Not written, it takes `default` (the service's), else it
/// is absent. `convert` turns a known value into the fact's type; `None` makes it invalid.
pub fn fact<'r, T>(
    places: &mut Places<'r>,
    scope: Scope<'r>,
    names: &[&'static str],
    default: Option<T>,
    convert: impl Fn(&'r Value) -> Option<T>,
) -> Fact<T> {
    let first = names.first().copied().unwrap_or_default();
    if let Some(body) = scope.body {
        for name in names {
            let Some(attribute) = body.attr(drkit_model::facts::leaf(name)) else {
                continue;
            };
            let value = &attribute.value;
            if matches!(value, Value::Null) {
                continue;
            }
            let at = places.anchor(&attribute.location);
            let observed = if !value.is_known() || value.contains_unknown() {
                Observed::Unknown
            } else {
                match convert(value) {
                    Some(converted) => Observed::Known(converted),
                    None => Observed::Invalid,
                }
            };
            return Fact::new(observed, name, at);
        }
    }
    let observed = match default {
        Some(default) => Observed::Default(default),
        None => Observed::Absent,
    };
    Fact::new(observed, first, scope.anchor)
}

pub fn bool_fact<'r>(
    places: &mut Places<'r>,
    scope: Scope<'r>,
    names: &[&'static str],
    default: Option<bool>,
) -> Fact<bool> {
    fact(places, scope, names, default, Value::as_bool)
}

pub fn number_fact<'r>(
    places: &mut Places<'r>,
    scope: Scope<'r>,
    names: &[&'static str],
    default: Option<f64>,
) -> Fact<f64> {
    fact(places, scope, names, default, Value::as_f64)
}

pub fn string_fact<'r>(
    places: &mut Places<'r>,
    scope: Scope<'r>,
    names: &[&'static str],
    default: Option<&str>,
) -> Fact<String> {
    fact(
        places,
        scope,
        names,
        default.map(str::to_string),
        |value: &Value| value.as_str().map(str::to_string),
    )
}

/// A list of strings (a set of weekdays, repeating intervals).
pub fn strings_fact<'r>(
    places: &mut Places<'r>,
    scope: Scope<'r>,
    names: &[&'static str],
) -> Fact<Vec<String>> {
    fact(places, scope, names, None, |value: &Value| match value {
        Value::List(items) => items
            .iter()
            .map(|item| item.as_str().map(str::to_string))
            .collect(),
        _ => None,
    })
}

/// The regions named by the argument `location` of every `kind` block of `scope`, normalised
/// and without duplicates; unknown when one of them is. `what` says what was gathered, for
/// messages. The fact points at the resource: rules choose what to point at.
pub fn block_regions(
    scope: Scope<'_>,
    kind: &str,
    location: &str,
    what: &'static str,
) -> Fact<Vec<String>> {
    let mut regions: Vec<String> = Vec::new();
    for block in scope.body.into_iter().flat_map(|body| body.blocks(kind)) {
        match block.body.value(location) {
            Some(Value::String(name)) => {
                let name = region::normalise(name);
                if !regions.contains(&name) {
                    regions.push(name);
                }
            }
            Some(_) => return Fact::new(Observed::Unknown, what, Anchor::RESOURCE),
            None => {}
        }
    }
    Fact::new(Observed::Known(regions), what, Anchor::RESOURCE)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::lint_hcl_resources;

    #[test]
    fn settings_are_known_default_absent_unknown_or_invalid() {
        let resources = lint_hcl_resources(
            r#"variable "v" {}
resource "x" "a" {
  flag   = true
  number = var.v
  text   = true
  backup {
    old_name = 5
  }
}"#,
        );
        let resource = &resources[0];
        let mut places = Places::new(resource);
        let root = Scope::root(resource);
        let flag = bool_fact(&mut places, root, &["flag"], Some(false));
        assert_eq!(flag.observed, Observed::Known(true));
        assert_eq!(places.location(flag.at).line, 3);
        let number = number_fact(&mut places, root, &["number"], None);
        assert_eq!(number.observed, Observed::Unknown);
        let text = string_fact(&mut places, root, &["text"], None);
        assert_eq!(text.observed, Observed::Invalid);
        let missing = number_fact(&mut places, root, &["missing"], Some(7.0));
        assert_eq!(missing.observed, Observed::Default(7.0));
        assert_eq!(missing.at, Anchor::RESOURCE);
        let backup = root.block(&mut places, "backup");
        assert!(backup.is_written());
        let renamed = number_fact(
            &mut places,
            backup,
            &["backup.new_name", "backup.old_name"],
            None,
        );
        assert_eq!(
            (renamed.observed, renamed.setting),
            (Observed::Known(5.0), "backup.old_name")
        );
        let absent = number_fact(&mut places, backup, &["backup.new_name"], None);
        assert!(absent.is_absent());
        assert_eq!(places.location(absent.at).line, 6);
        let none = root.block(&mut places, "none");
        assert!(!none.is_written());
        assert_eq!(none.anchor, Anchor::RESOURCE);
    }

    #[test]
    fn regions_are_normalised_and_deduplicated() {
        let resources = lint_hcl_resources(
            r#"variable "v" {}
resource "x" "a" {
  geo_location { location = "West Europe" }
  geo_location { location = "westeurope" }
  geo_location { location = "northeurope" }
}
resource "x" "b" {
  geo_location { location = var.v }
}"#,
        );
        let regions = block_regions(
            Scope::root(&resources[0]),
            "geo_location",
            "location",
            "a region",
        );
        assert_eq!(
            regions.observed,
            Observed::Known(vec!["westeurope".to_string(), "northeurope".to_string()])
        );
        let unknown = block_regions(
            Scope::root(&resources[1]),
            "geo_location",
            "location",
            "a region",
        );
        assert!(unknown.is_unknown());
    }
}
