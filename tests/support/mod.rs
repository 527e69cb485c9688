//! Helpers shared by the integration tests, one module per area: `export` (the example draft, a
//! hermetic `tianbiao` command, the text of an exported .docx), `drafts` (drafts on the flagship
//! form, child processes, fault injection; also used by the save benchmark), `review` (received
//! fixtures and golden files), `tui` (an editor on a `TestBackend`) and `pty` (the real binary in
//! a pseudo-terminal, read through a terminal emulator). Every helper keeps tests hermetic: temp
//! directories, `TIANBIAO_DATA_DIR` set, fixed terminal sizes.
#![allow(dead_code)]

pub mod drafts;
pub mod export;
pub mod pty;
pub mod review;
pub mod term_model;
pub mod tui;
