//! The editor: app state, actions and effects, the keymap, the pure update, views, and the
//! driver, which is the only code that touches the terminal.

pub mod action;
pub mod app;
pub mod backend;
pub mod choose;
pub mod driver;
pub mod events;
pub mod external;
pub mod field;
pub mod guard;
pub mod import;
pub mod keymap;
pub mod mouse;
pub mod msg;
pub mod probe;
pub mod review;
pub mod terminal;
pub mod update;
pub mod view;
