//! A `dr_*` block read as the model's input, with where each argument is written, so that a
//! problem the model finds on an argument can point at it.

use super::Anchor;

#[derive(Debug, Clone, PartialEq)]
pub struct PolicyBlock<Input> {
    pub input: Input,
    /// Argument name -> where it is written; arguments not written point at the block.
    pub places: Vec<(String, Anchor)>,
}

impl<Input> PolicyBlock<Input> {
    /// Where the argument `attribute` is written, else the block.
    pub fn at(&self, attribute: &str) -> Anchor {
        self.places
            .iter()
            .find(|(name, _)| *name == attribute)
            .map_or(Anchor::RESOURCE, |(_, at)| *at)
    }
}
