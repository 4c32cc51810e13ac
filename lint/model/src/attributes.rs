//! Attribute tables: one per `dr_*` resource, the single description of its attributes. Each
//! row says what the attribute is (name, type, who sets it, description), how it behaves
//! (replaced on change, which spellings are equal), how a configured value reaches the model's
//! input, and how the planned value is computed from the evaluation.
//!
//! terraform-provider-dr builds its schema, its plan and its documentation from these tables;
//! drlint reads `dr_*` blocks through them and computes what the provider will plan, so an
//! attribute added here is known to both, with nothing else to keep in step.

use std::collections::BTreeMap;

use crate::duration::Duration;
use crate::field::Field;
use crate::region;

/// A primitive type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scalar {
    String,
    Number,
    Bool,
}

/// An attribute's type.
#[derive(Clone, Copy)]
pub enum ValueType {
    Scalar(Scalar),
    List(Scalar),
    Map(Scalar),
    /// An object whose fields a table describes.
    Object(&'static dyn ObjectFields),
}

impl std::fmt::Debug for ValueType {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ValueType::Scalar(scalar) => write!(f, "{scalar:?}"),
            ValueType::List(scalar) => write!(f, "List({scalar:?})"),
            ValueType::Map(scalar) => write!(f, "Map({scalar:?})"),
            ValueType::Object(fields) => {
                let names: Vec<&str> = fields.fields().iter().map(|field| field.name).collect();
                write!(f, "Object({names:?})")
            }
        }
    }
}

/// Who sets an attribute.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// The configuration, always.
    Required,
    /// The configuration, or nobody (null).
    Optional,
    /// The configuration, else the provider.
    OptionalComputed,
    /// The provider only.
    Computed,
}

/// Which spellings of a configured value mean the same thing, so that respelling one is not a
/// change (`60m` and `1h`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Equivalence {
    /// Only the same value.
    Exact,
    /// Durations of the same length.
    Duration,
    /// Text equal but for case and surrounding blanks (tier names, failover modes).
    CaseInsensitive,
    /// Spellings of one Azure region (`West Europe`, `westeurope`).
    Region,
    /// Lists naming the same regions in the same order.
    RegionList,
}

impl Equivalence {
    /// Whether two written texts are equivalent (for [`Equivalence::RegionList`], two elements).
    pub fn same_text(self, a: &str, b: &str) -> bool {
        match self {
            Equivalence::Exact => a == b,
            Equivalence::Duration => {
                matches!((Duration::parse(a), Duration::parse(b)), (Ok(a), Ok(b)) if a == b)
            }
            Equivalence::CaseInsensitive => a.trim().eq_ignore_ascii_case(b.trim()),
            Equivalence::Region | Equivalence::RegionList => {
                match (region::lookup(a), region::lookup(b)) {
                    (Some(a), Some(b)) => a.name == b.name,
                    _ => false,
                }
            }
        }
    }
}

/// A configured value as the model reads it: Terraform has converted it to the attribute's
/// type; null is unset, and a value not known yet is unknown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Given {
    Unset,
    Unknown,
    Text(String),
    Flag(bool),
    /// A list of strings, each possibly unknown.
    TextList(Vec<Field<String>>),
}

impl Given {
    pub fn text(self) -> Field<String> {
        match self {
            Given::Unset => Field::Unset,
            Given::Text(text) => Field::Known(text),
            _ => Field::Unknown,
        }
    }

    pub fn flag(self) -> Field<bool> {
        match self {
            Given::Unset => Field::Unset,
            Given::Flag(flag) => Field::Known(flag),
            _ => Field::Unknown,
        }
    }

    pub fn text_list(self) -> Field<Vec<Field<String>>> {
        match self {
            Given::Unset => Field::Unset,
            Given::TextList(items) => Field::Known(items),
            _ => Field::Unknown,
        }
    }
}

/// A value the provider plans, in terms both tools turn into their own values.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Planned {
    Null,
    Unknown,
    Text(String),
    Count(u64),
    Flag(bool),
    List(Vec<Planned>),
    Map(BTreeMap<String, Planned>),
    /// Fields in table order.
    Object(Vec<(&'static str, Planned)>),
}

impl Planned {
    fn of<T>(field: Field<T>, known: impl FnOnce(T) -> Planned) -> Planned {
        match field {
            Field::Unset => Planned::Null,
            Field::Unknown => Planned::Unknown,
            Field::Known(value) => known(value),
        }
    }

    pub fn text(field: Field<impl Into<String>>) -> Planned {
        Planned::of(field, |text| Planned::Text(text.into()))
    }

    pub fn count(field: Field<u64>) -> Planned {
        Planned::of(field, Planned::Count)
    }

    pub fn flag(field: Field<bool>) -> Planned {
        Planned::of(field, Planned::Flag)
    }

    /// A duration in its normalised text (`90m` -> `1h30m`).
    pub fn duration(field: Field<Duration>) -> Planned {
        Planned::of(field, |duration| Planned::Text(duration.to_string()))
    }

    pub fn text_list(field: Field<Vec<String>>) -> Planned {
        Planned::of(field, |items| {
            Planned::List(items.into_iter().map(Planned::Text).collect())
        })
    }

    pub fn count_map(field: Field<BTreeMap<String, u64>>) -> Planned {
        Planned::of(field, |entries| {
            Planned::Map(
                entries
                    .into_iter()
                    .map(|(key, count)| (key, Planned::Count(count)))
                    .collect(),
            )
        })
    }
}

/// Where an attribute's planned value comes from.
pub enum Source<Evaluated: 'static> {
    /// The configured value, as written (Terraform requires a configured value to be planned
    /// exactly as given, or as the prior state when equivalent).
    Configured,
    /// Another attribute's configured value (`id` is the `name`).
    ConfiguredAs(&'static str),
    /// Computed from the evaluation. For an optional and computed attribute, only when the
    /// configuration leaves it null.
    Computed(fn(&Evaluated) -> Planned),
}

/// One row of a resource's attribute table.
pub struct AttributeSpec<Input: 'static, Evaluated: 'static> {
    pub name: &'static str,
    pub ty: ValueType,
    pub mode: Mode,
    /// Markdown; the schema sends it to Terraform and the docs list it.
    pub description: &'static str,
    /// Changing the value replaces the resource instead of updating it.
    pub replace_on_change: bool,
    pub equivalence: Equivalence,
    /// How a configured value enters the model's input; `None` for an argument the model does
    /// not read (free text, lists drlint reads itself) and for computed attributes.
    pub input: Option<fn(&mut Input, Given)>,
    pub value: Source<Evaluated>,
}

/// A resource's table, with the resource's one-line description.
pub struct ResourceTable<Input: 'static, Evaluated: 'static> {
    pub type_name: &'static str,
    pub description: &'static str,
    pub attributes: &'static [AttributeSpec<Input, Evaluated>],
}

impl<Input: Default, Evaluated> ResourceTable<Input, Evaluated> {
    /// The model's input from the configured value of each attribute (`given(name, type)`).
    pub fn input(&self, mut given: impl FnMut(&'static str, ValueType) -> Given) -> Input {
        let mut input = Input::default();
        for attribute in self.attributes {
            if let Some(read) = attribute.input {
                read(&mut input, given(attribute.name, attribute.ty));
            }
        }
        input
    }

    pub fn attribute(&self, name: &str) -> Option<&'static AttributeSpec<Input, Evaluated>> {
        self.attributes
            .iter()
            .find(|attribute| attribute.name == name)
    }
}

/// One field of a computed object: its type, its description, and its value.
pub struct ObjectField<Of: 'static> {
    pub name: &'static str,
    pub ty: Scalar,
    /// Markdown, for the docs.
    pub description: &'static str,
    pub value: fn(&Of) -> Planned,
}

/// The fields of an object type, whatever they are computed from.
pub trait ObjectFields: Sync {
    fn fields(&self) -> Vec<FieldDoc>;
}

/// What a field is, for schemas and docs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FieldDoc {
    pub name: &'static str,
    pub ty: Scalar,
    pub description: &'static str,
}

/// The table of a computed object's fields.
pub struct ObjectSpec<Of: 'static>(pub &'static [ObjectField<Of>]);

impl<Of> ObjectSpec<Of> {
    /// The object computed from `of`, fields in table order.
    pub fn planned(&self, of: &Of) -> Planned {
        Planned::Object(
            self.0
                .iter()
                .map(|field| (field.name, (field.value)(of)))
                .collect(),
        )
    }
}

impl<Of> ObjectFields for ObjectSpec<Of> {
    fn fields(&self) -> Vec<FieldDoc> {
        self.0
            .iter()
            .map(|field| FieldDoc {
                name: field.name,
                ty: field.ty,
                description: field.description,
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equivalences() {
        assert!(Equivalence::Duration.same_text("60m", "PT1H"));
        assert!(!Equivalence::Duration.same_text("60m", "2h"));
        assert!(!Equivalence::Duration.same_text("soon", "soon"));
        assert!(Equivalence::CaseInsensitive.same_text(" Critical", "critical"));
        assert!(Equivalence::Region.same_text("West Europe", "westeurope"));
        assert!(!Equivalence::Region.same_text("westeurope", "northeurope"));
        assert!(!Equivalence::Exact.same_text("a", "A"));
    }

    #[test]
    fn given_values_become_fields() {
        assert_eq!(Given::Unset.text(), Field::Unset);
        assert_eq!(Given::Unknown.flag(), Field::Unknown);
        assert_eq!(
            Given::Text("1h".into()).text(),
            Field::Known("1h".to_string())
        );
        assert_eq!(Given::Flag(true).text(), Field::Unknown);
        assert_eq!(
            Given::TextList(vec![Field::Unknown]).text_list(),
            Field::Known(vec![Field::Unknown])
        );
    }

    #[test]
    fn planned_values_from_fields() {
        assert_eq!(Planned::count(Field::Unset), Planned::Null);
        assert_eq!(Planned::flag(Field::Unknown), Planned::Unknown);
        assert_eq!(
            Planned::duration(Field::Known(Duration::from_minutes(90))),
            Planned::Text("1h30m".into())
        );
        assert_eq!(
            Planned::count_map(Field::Known(BTreeMap::from([("eastus".to_string(), 0)]))),
            Planned::Map(BTreeMap::from([("eastus".to_string(), Planned::Count(0))]))
        );
    }
}
