//! One-line fields: text, email, phone, pattern and date. Enter and ↓ go to the next field, ↑ to
//! the previous one, a line break has nowhere to go; leaving a phone, email or date field makes
//! what an IME typed full-width half-width, and a date becomes YYYY-MM-DD.

use std::time::Instant;

use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::Rect;
use ratatui_textarea::TextArea;

use super::textarea::{
    breaks_line, caret_of, draw_line, new_textarea, plain, put_caret, text_of, type_into,
};
use super::{Cx, FieldEditor, Keyed, Left, Nav, Spot, View};
use crate::form::validate::{format_date, half_width_answer, parse_date};
use crate::form::{Kind, Value};
use crate::text::wrap;
use crate::theme::Styles;
use crate::tui::msg as s;

#[derive(Clone, Debug)]
pub struct Line(pub TextArea<'static>);

impl Line {
    pub fn new(value: Option<&Value>) -> Line {
        let text = match value {
            Some(Value::Text(s) | Value::Date(s)) => s.as_str(),
            _ => "",
        };
        // A one-line field holding line breaks (an edited file) keeps them as spaces on
        // screen; the stored text is only changed when the author edits it.
        Line(new_textarea(&text.replace('\n', " ")))
    }
}

impl FieldEditor for Line {
    fn spot(&self) -> Spot {
        Spot {
            caret: caret_of(&self.0),
            ..Spot::default()
        }
    }

    fn put_spot(&mut self, _cx: &Cx, at: Spot) {
        put_caret(&mut self.0, at.caret);
    }

    fn value(&self, cx: &Cx) -> Option<Value> {
        let text = text_of(&self.0);
        Some(if cx.field.kind == Kind::Date {
            Value::Date(text)
        } else {
            Value::Text(text)
        })
    }

    fn key(&mut self, cx: &Cx, ev: KeyEvent, _now: Instant) -> Keyed {
        let mut out = Keyed::default();
        if plain(&ev, KeyCode::Enter) || plain(&ev, KeyCode::Down) {
            out.nav = Some(Nav::Next);
        } else if plain(&ev, KeyCode::Up) {
            out.nav = Some(Nav::Prev);
        } else if breaks_line(&ev) {
            // A one-line field: a line break has nowhere to go.
        } else {
            type_into(&mut self.0, ev, cx.read_only, &mut out);
        }
        out
    }

    fn paste(&mut self, _cx: &Cx, text: &str, _now: Instant) -> bool {
        self.0.insert_str(text);
        true
    }

    fn strip_hidden(&mut self, _now: Instant) -> usize {
        let text = text_of(&self.0);
        let n = text.chars().filter(|&c| wrap::is_hidden(c)).count();
        if n > 0 {
            let clean: String = text.chars().filter(|&c| !wrap::is_hidden(c)).collect();
            self.0 = new_textarea(&clean);
            self.0.move_cursor(ratatui_textarea::CursorMove::End);
        }
        n
    }

    fn cancel_selection(&mut self, _now: Instant) {
        self.0.cancel_selection();
    }

    fn land(&mut self, overflow: &dyn Fn(&str) -> Option<usize>) {
        let text = text_of(&self.0);
        match overflow(&text) {
            Some(b) => {
                let col = text[..b].chars().count().min(u16::MAX as usize) as u16;
                self.0
                    .move_cursor(ratatui_textarea::CursorMove::Jump(0, col));
            }
            None => self.0.move_cursor(ratatui_textarea::CursorMove::End),
        }
    }

    fn leave(&mut self, cx: &Cx) -> Vec<Left> {
        let mut out = Vec::new();
        let kind = &cx.field.kind;
        if cx.read_only || !matches!(kind, Kind::Phone | Kind::Email | Kind::Date) {
            return out;
        }
        let text = text_of(&self.0);
        let half = half_width_answer(kind, &text).unwrap_or_default();
        if half != text {
            self.0 = new_textarea(&half);
            out.push(Left::HalfWidth(half));
        }
        if *kind == Kind::Date {
            let text = text_of(&self.0);
            if let Some(d) = parse_date(&text) {
                let iso = format_date(d);
                if iso != text {
                    self.0 = new_textarea(&iso);
                    out.push(Left::Tidied);
                }
            }
        }
        out
    }

    fn draw(&self, frame: &mut Frame, v: &View, styles: &Styles, r: Rect) {
        let placeholder = v.field().placeholder.as_deref();
        let empty = s::empty_value(v.app.lang);
        draw_line(frame, &self.0, r, v.focused, placeholder, styles, empty);
    }
}
