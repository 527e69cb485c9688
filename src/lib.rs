//! tianbiao (填表): a keyboard-driven terminal form filler for long Chinese application forms.
//!
//! Dependency direction (DESIGN.md §7): `cli → tui → {draft, export, theme} → form → count`.
//! `count` and `form` are pure: no terminal, no file system.

pub mod count;
