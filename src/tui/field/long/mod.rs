//! Long-text fields: the editor is the buffer of `crate::text::buffer`. This module says which
//! key is which editing operation on it, what a deletion or paste says on the status line, and
//! draws the buffer's one layout with caret, selection, hidden-character markers and over-limit
//! marking (`view`). Only a long text goes to the external editor.

pub mod msg;
pub mod view;

use std::time::Instant;

use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::{Cx, FieldEditor, Keyed, Spot, View};
use crate::count::{self, LimitState};
use crate::form::Value;
use crate::text::buffer::{LongText, Move, Op};
use crate::text::wrap;
use crate::theme::Styles;
use crate::tui::keymap::Ctx;
use crate::tui::msg as s;

/// Rows a focused long-text box gets at least (text rows, without borders).
const MIN_ROWS: usize = 3;

/// The buffer of a long-text field, filled from its answer.
pub fn new(value: Option<&Value>) -> LongText {
    let text = match value {
        Some(Value::Text(s) | Value::Date(s)) => s.as_str(),
        _ => "",
    };
    LongText::with_width(text, cells)
}

impl FieldEditor for LongText {
    fn spot(&self) -> Spot {
        let text = self.text();
        let at = self.offset_of(self.cursor()).min(text.len());
        Spot {
            caret: text.get(..at).map_or(0, |t| t.chars().count()),
            ..Spot::default()
        }
    }

    fn put_spot(&mut self, _cx: &Cx, at: Spot) {
        let text = self.text();
        let byte = text
            .char_indices()
            .nth(at.caret)
            .map_or(text.len(), |(b, _)| b);
        let pos = self.pos_of_offset(byte);
        self.set_cursor(pos);
    }

    fn value(&self, _cx: &Cx) -> Option<Value> {
        Some(Value::Text(self.text()))
    }

    fn keys(&self, _cx: &Cx) -> Ctx {
        Ctx::Long
    }

    fn key(&mut self, cx: &Cx, ev: KeyEvent, now: Instant) -> Keyed {
        let mut out = Keyed::default();
        match op_for_key(&ev) {
            Some(op) if cx.read_only && !is_navigation(op) => out.refused = true,
            Some(op) => {
                let done = self.apply(op, now);
                out.changed = done.changed;
                out.deleted = done.deleted;
            }
            None => {}
        }
        out
    }

    fn multiline(&self) -> bool {
        true
    }

    fn paste(&mut self, _cx: &Cx, text: &str, now: Instant) -> bool {
        self.insert_str(text, now) || text.is_empty()
    }

    fn strip_hidden(&mut self, now: Instant) -> usize {
        LongText::strip_hidden(self, now)
    }

    fn cancel_selection(&mut self, now: Instant) {
        self.apply(Op::CancelSelection, now);
    }

    fn land(&mut self, overflow: &dyn Fn(&str) -> Option<usize>) {
        let at = overflow(&self.text()).map_or_else(|| self.end(), |b| self.pos_of_offset(b));
        self.set_cursor(at);
    }

    fn height(&self, v: &View, w: usize) -> usize {
        if v.current {
            MIN_ROWS + 2 + 1
        } else if self.is_empty() {
            1
        } else {
            self.row_count(w.max(1)).min(3)
        }
    }

    fn fills(&self) -> bool {
        true
    }

    fn draw(&self, frame: &mut Frame, v: &View, styles: &Styles, r: Rect) {
        if v.focused || v.current {
            draw_box(frame, v, styles, self, r);
        } else if self.is_empty() {
            let empty = s::empty_value(v.app.lang);
            frame.render_widget(Paragraph::new(Line::styled(empty, styles.muted)), r);
        } else {
            let look = view::Look {
                focused: false,
                overflow: None,
            };
            view::draw(frame, self, r, styles, &look);
        }
    }

    fn wheel(&mut self, down: bool, now: Instant) -> bool {
        let mv = if down { Move::Down } else { Move::Up };
        for _ in 0..3 {
            self.apply(Op::Move(mv, false), now);
        }
        true
    }
}

/// The focused long text: a box, the over-limit part marked, and a status line under it.
fn draw_box(frame: &mut Frame, v: &View, styles: &Styles, lt: &LongText, r: Rect) {
    let (app, i, focused) = (v.app, v.i, v.focused);
    let info = app.limit_info(i);
    let status_h = u16::from(info.is_some() && r.height > 3);
    let box_rect = Rect::new(r.x, r.y, r.width, r.height - status_h);
    let border = match info {
        Some((_, _, LimitState::Over { .. }, _)) => styles.over_border,
        _ if focused => styles.focus_border,
        _ => styles.border,
    };
    let block = Block::default().borders(Borders::ALL).border_style(border);
    let inner = block.inner(box_rect);
    frame.render_widget(block, box_rect);
    // One column narrower than the space: a caret after an exactly full row stays visible.
    let er = Rect::new(
        inner.x,
        inner.y,
        inner.width.saturating_sub(1),
        inner.height,
    );
    let overflow = match info {
        Some((_, limit, LimitState::Over { .. }, mode)) => {
            let text = lt.text();
            count::overflow_start(&text, mode, app.form.count_options(), limit)
                .map(|byte| lt.pos_of_offset(byte))
        }
        _ => None,
    };
    let look = view::Look {
        focused: v.current,
        overflow,
    };
    let cursor = view::draw(frame, lt, er, styles, &look);
    if focused && let Some(p) = cursor {
        frame.set_cursor_position(p);
    }
    // The line under the box is a secondary counter: it catches up when typing pauses.
    if status_h == 1
        && let Some((n, limit, state, mode)) = app.settled_limit_info(i)
    {
        let (text, style) = match state {
            LimitState::Over { excess } => (s::over_by(app.lang, excess, mode), styles.over),
            LimitState::Near { remaining: 0 } => (s::at_limit(app.lang).to_string(), styles.warn),
            LimitState::Near { remaining } => {
                (s::remaining(app.lang, remaining, mode), styles.warn)
            }
            LimitState::Ok { remaining } => (s::remaining(app.lang, remaining, mode), styles.muted),
        };
        let mut spans = vec![Span::styled(text, style)];
        if let Some(c) = app.fields[i].settled
            && mode == count::Mode::Zishu
            && c.chars != n
        {
            spans.push(Span::styled(
                format!(" · {}", s::chars_note(app.lang, c.chars)),
                styles.muted,
            ));
        }
        let _ = limit;
        frame.render_widget(
            Paragraph::new(Line::from(spans)),
            Rect::new(r.x, r.bottom() - 1, r.width, 1),
        );
    }
}

/// Cells a unit of long text takes on this terminal: ambiguous characters (“ ” … —) two
/// where the terminal draws them so, hidden characters and tabs as the layout draws them.
pub fn cells(unit: &str) -> usize {
    if unit == "\t" || wrap::is_marker(unit) {
        wrap::cell_width(unit)
    } else {
        crate::tui::view::text::terminal_width(unit)
    }
}

/// A deletion by one key longer than this (in 字) is reported on the status line.
pub const REPORT_DELETION_OVER: usize = 20;

/// The editing operation of a key in the long-text editor, if it has one.
pub fn op_for_key(ev: &KeyEvent) -> Option<Op> {
    let ctrl = ev.modifiers.contains(KeyModifiers::CONTROL);
    let alt = ev.modifiers.contains(KeyModifiers::ALT);
    let shift = ev.modifiers.contains(KeyModifiers::SHIFT);
    let mv = |m| Some(Op::Move(m, shift));
    match ev.code {
        KeyCode::Char(c) if ctrl && !alt => match c.to_ascii_lowercase() {
            'b' => mv(Move::Left),
            'f' => mv(Move::Right),
            'p' => mv(Move::Up),
            'n' => mv(Move::Down),
            'a' => mv(Move::RowStart),
            'e' => mv(Move::RowEnd),
            'v' => mv(Move::PageDown),
            'h' => Some(Op::Backspace),
            'd' => Some(Op::Delete),
            'k' => Some(Op::KillToEnd),
            'j' => Some(Op::KillToStart),
            'w' => Some(Op::DeleteWordBack),
            'u' => Some(Op::Undo),
            'r' => Some(Op::Redo),
            'x' => Some(Op::Cut),
            'y' => Some(Op::Yank),
            'm' => Some(Op::Newline),
            _ => None,
        },
        KeyCode::Char(c) if alt && !ctrl => match c.to_ascii_lowercase() {
            'b' => mv(Move::WordLeft),
            'f' => mv(Move::WordRight),
            'v' => mv(Move::PageUp),
            'd' => Some(Op::DeleteWordForward),
            '<' => mv(Move::Top),
            '>' => mv(Move::Bottom),
            _ => None,
        },
        KeyCode::Char(c) if !ctrl && !alt => Some(Op::Char(c)),
        KeyCode::Left if ctrl || alt => mv(Move::WordLeft),
        KeyCode::Right if ctrl || alt => mv(Move::WordRight),
        KeyCode::Left => mv(Move::Left),
        KeyCode::Right => mv(Move::Right),
        KeyCode::Up => mv(Move::Up),
        KeyCode::Down => mv(Move::Down),
        KeyCode::Home if ctrl => mv(Move::Top),
        KeyCode::End if ctrl => mv(Move::Bottom),
        KeyCode::Home => mv(Move::RowStart),
        KeyCode::End => mv(Move::RowEnd),
        KeyCode::PageUp => mv(Move::PageUp),
        KeyCode::PageDown => mv(Move::PageDown),
        KeyCode::Backspace if alt || ctrl => Some(Op::DeleteWordBack),
        KeyCode::Delete if alt || ctrl => Some(Op::DeleteWordForward),
        KeyCode::Backspace => Some(Op::Backspace),
        KeyCode::Delete => Some(Op::Delete),
        KeyCode::Enter => Some(Op::Newline),
        _ => None,
    }
}

/// Operations allowed on a read-only text: they only move or select.
pub fn is_navigation(op: Op) -> bool {
    matches!(op, Op::Move(..) | Op::SelectAll | Op::CancelSelection)
}
