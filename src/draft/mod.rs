//! Drafts: the file format, and (T2) the store, atomic saves, locks and recovery.

pub mod format;

pub use format::{Draft, FieldSummary, ParseError};
