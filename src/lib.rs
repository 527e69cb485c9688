//! tianbiao (填表): a keyboard-driven terminal form filler for long Chinese application forms.
//!
//! Dependency direction (docs/design.md, kept by `tests/architecture.rs`):
//! `main → cli → tui → review → export → draft → form → {count, lang, sanitize}`, with `theme`
//! and `fsio` beside them. `count`, `form`, `lang`, `sanitize` and `paste` are pure: no terminal,
//! no file system.

pub mod cli;
pub mod count;
pub mod decode;
pub mod docx;
pub mod draft;
pub mod export;
pub mod form;
pub mod fsio;
pub mod lang;
pub mod paste;
pub mod plain;
pub mod review;
pub mod sanitize;
pub mod table;
pub mod text;
pub mod textfile;
pub mod theme;
pub mod tui;
