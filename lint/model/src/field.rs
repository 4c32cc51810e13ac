//! A value that may be absent or not yet known, as Terraform sees arguments at plan time and
//! as drlint sees expressions it cannot evaluate statically.

/// An argument's value: not set, set but unknown until apply (or not statically known), or
/// known. An unknown value never produces an error; checks that depend on it are skipped and
/// values computed from it are unknown too.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Field<T> {
    #[default]
    Unset,
    Unknown,
    Known(T),
}

impl<T> Field<T> {
    /// `Some(value)` becomes `Known`, `None` becomes `Unset`.
    pub fn from_option(value: Option<T>) -> Field<T> {
        match value {
            Some(value) => Field::Known(value),
            None => Field::Unset,
        }
    }

    pub fn known(&self) -> Option<&T> {
        match self {
            Field::Known(value) => Some(value),
            _ => None,
        }
    }

    pub fn into_known(self) -> Option<T> {
        match self {
            Field::Known(value) => Some(value),
            _ => None,
        }
    }

    pub fn is_unset(&self) -> bool {
        matches!(self, Field::Unset)
    }

    pub fn is_unknown(&self) -> bool {
        matches!(self, Field::Unknown)
    }

    pub fn is_known(&self) -> bool {
        matches!(self, Field::Known(_))
    }

    pub fn as_ref(&self) -> Field<&T> {
        match self {
            Field::Unset => Field::Unset,
            Field::Unknown => Field::Unknown,
            Field::Known(value) => Field::Known(value),
        }
    }

    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Field<U> {
        match self {
            Field::Unset => Field::Unset,
            Field::Unknown => Field::Unknown,
            Field::Known(value) => Field::Known(f(value)),
        }
    }

    /// Like [`Field::map`] for a function that may find nothing (which gives `Unset`).
    pub fn and_then<U>(self, f: impl FnOnce(T) -> Field<U>) -> Field<U> {
        match self {
            Field::Unset => Field::Unset,
            Field::Unknown => Field::Unknown,
            Field::Known(value) => f(value),
        }
    }

    /// This value when set (known or unknown), else `fallback`.
    pub fn or(self, fallback: Field<T>) -> Field<T> {
        match self {
            Field::Unset => fallback,
            set => set,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn combinators_keep_unknown_and_unset_apart() {
        assert_eq!(Field::Known(2).map(|v| v * 2), Field::Known(4));
        assert_eq!(Field::<i32>::Unknown.map(|v| v * 2), Field::Unknown);
        assert_eq!(Field::<i32>::Unset.map(|v| v * 2), Field::Unset);
        assert_eq!(Field::Unset.or(Field::Known(1)), Field::Known(1));
        assert_eq!(Field::Unknown.or(Field::Known(1)), Field::Unknown);
        assert_eq!(
            Field::Known(3).and_then(|_| Field::<i32>::Unset),
            Field::Unset
        );
        assert_eq!(Field::from_option(Some(1)), Field::Known(1));
        assert_eq!(Field::<i32>::from_option(None), Field::Unset);
        assert_eq!(Field::Known(5).known(), Some(&5));
        assert!(Field::<i32>::default().is_unset());
    }
}
