//! Confirmation fields: a statement and a box the author ticks with Space. The answer lives in
//! the draft; the editor holds nothing.

use std::time::Instant;

use ratatui::crossterm::event::{KeyCode, KeyEvent};

use super::{Cx, FieldEditor, Keyed, Nav};
use crate::form::Value;
use crate::tui::keymap::Ctx;

#[derive(Clone, Debug)]
pub struct Confirm;

impl FieldEditor for Confirm {
    fn value(&self, _cx: &Cx) -> Option<Value> {
        None
    }

    fn keys(&self, _cx: &Cx) -> Ctx {
        Ctx::Confirm
    }

    fn key(&mut self, _cx: &Cx, ev: KeyEvent, _now: Instant) -> Keyed {
        let nav = match ev.code {
            KeyCode::Up => Some(Nav::Prev),
            KeyCode::Down => Some(Nav::Next),
            _ => None,
        };
        Keyed {
            nav,
            ..Keyed::default()
        }
    }

    fn toggle(&self, cx: &Cx) -> Option<Value> {
        let on = matches!(cx.answer, Some(Value::Confirm(true)));
        Some(Value::Confirm(!on))
    }
}
