//! The provider-facing side of the protocol: schemas, diagnostics and dynamic values, each
//! with its conversion to the generated protobuf messages. Nothing here knows about DR.

pub mod diagnostics;
pub mod dynamic_value;
pub mod equality;
pub mod schema;

pub use diagnostics::{AttributePath, Diagnostic, Diagnostics, Severity};
pub use dynamic_value::{decode_dynamic_value, encode_dynamic_value, DynamicValueError};
pub use equality::{same_list, same_text, SemanticEquality};
pub use schema::{Attribute, AttributeMode, Schema};
