//! tianbiao (填表): a keyboard-driven terminal form filler for long Chinese application forms.
//!
//! Dependency direction: `cli → tui → {draft, export, theme} → form → count`.
//! `count`, `form`, `sanitize` and `i18n` are pure: no terminal, no file system.

pub mod cli;
pub mod count;
pub mod decode;
pub mod docx;
pub mod draft;
pub mod export;
pub mod form;
pub mod fsio;
pub mod i18n;
pub mod paste;
pub mod plain;
pub mod review;
pub mod sanitize;
pub mod table;
pub mod text;
pub mod textfile;
pub mod theme;
pub mod tui;
