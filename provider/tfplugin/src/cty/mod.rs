//! The subset of Terraform's type system (cty) that the provider's schemas use, and the two
//! wire encodings Terraform exchanges values in: MessagePack for every DynamicValue and JSON
//! for stored state handed to UpgradeResourceState.
//!
//! Encoding rules follow the protocol's object wire format
//! (<https://github.com/hashicorp/terraform/blob/main/docs/plugin-protocol/object-wire-format.md>).

mod json;
mod msgpack;
mod types;
mod value;

pub use json::{decode_json, JsonDecodeError};
pub use msgpack::{decode_msgpack, encode_msgpack, MsgpackDecodeError, MsgpackEncodeError};
pub use types::Type;
pub use value::{Number, Value};

use std::collections::BTreeMap;

/// An object's attributes (of a type or a value) keyed by their owned names.
fn by_name<'a, T>(attributes: impl IntoIterator<Item = (&'a str, T)>) -> BTreeMap<String, T> {
    attributes
        .into_iter()
        .map(|(name, item)| (name.to_owned(), item))
        .collect()
}
