//! The DR model: plain data and pure functions, shared by drlint and terraform-provider-dr so
//! that both give the same verdict.

pub mod duration;

pub use duration::{Duration, DurationError};
