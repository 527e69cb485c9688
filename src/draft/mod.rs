//! Drafts: the file format and where drafts live; (T2) atomic saves, locks and recovery.

pub mod format;
pub mod store;

pub use format::{Draft, FieldSummary, ParseError};
