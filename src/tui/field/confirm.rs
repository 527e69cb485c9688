//! Confirmation fields: a statement and a box the author ticks with Space. The answer lives in
//! the draft; the editor holds nothing.

use std::time::Instant;

use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use super::{Cx, FieldEditor, Keyed, Nav, View};
use crate::form::{Kind, Value};
use crate::theme::Styles;
use crate::tui::keymap::Ctx;
use crate::tui::msg as s;
use crate::tui::view::text::{clean_multiline, wrap};

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

    fn height(&self, v: &View, w: usize) -> usize {
        match &v.field().kind {
            Kind::Confirm { statement } => wrap(statement, w).len() + 1,
            _ => 1,
        }
    }

    fn draw(&self, frame: &mut Frame, v: &View, styles: &Styles, r: Rect) {
        let Kind::Confirm { statement } = &v.field().kind else {
            return;
        };
        let mut lines: Vec<Line> = wrap(&clean_multiline(statement), r.width as usize)
            .into_iter()
            .map(Line::raw)
            .collect();
        let on = matches!(v.answer(), Some(Value::Confirm(true)));
        let style = if v.current {
            styles.selected
        } else {
            Style::default()
        };
        lines.push(Line::styled(
            format!(
                "{} {}",
                if on { "[x]" } else { "[ ]" },
                s::confirm_box(v.app.lang)
            ),
            style,
        ));
        frame.render_widget(Paragraph::new(lines), r);
    }
}
