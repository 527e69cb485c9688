//! Reviewing received files (the batch half): read a draft or a submission someone
//! sent as hostile input ([`load`]), check it against its form ([`check`]), report it
//! ([`render`]), and build the 附件2 summary table from many of them ([`summary`], [`xlsx`]).
//! Reviewer notes are kept per file hash in the reviewer's data directory ([`notes`]).
//! No terminal code: the `check`/`summary` commands and the review screen share all of it.

pub mod check;
pub mod docx_match;
pub mod load;
pub mod msg;
pub mod notes;
pub mod render;
pub mod summary;
pub mod xlsx;

pub use check::{CheckOptions, CheckReport, Checked, Verdict, check_path, check_received};
pub use load::{
    FileKind, FormSet, Hashing, LoadError, ReceivedFile, expand_inputs, load_bytes, load_file,
    load_file_with,
};
