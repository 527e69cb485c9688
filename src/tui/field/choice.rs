//! Choice fields: the options with the one under the cursor, and the text of an "other" option
//! (其他（请注明）) when it is ticked and no separate field takes it. The ticks themselves live in
//! the draft; Space toggles the option under the cursor.

use std::time::Instant;

use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;
use ratatui_textarea::TextArea;

use super::textarea::{breaks_line, draw_line, new_textarea, text_of, type_into};
use super::{Cx, FieldEditor, Keyed, Nav, Spot, View};
use crate::form::{Kind, Value};
use crate::theme::Styles;
use crate::tui::keymap::Ctx;
use crate::tui::msg as s;
use crate::tui::view::text::{clean, fit, width};

#[derive(Clone, Debug)]
pub struct Choice {
    /// The option under the cursor.
    pub cursor: usize,
    pub other: TextArea<'static>,
}

impl Choice {
    pub fn new(value: Option<&Value>) -> Choice {
        let other = match value {
            Some(Value::Choice { other, .. }) => other.as_str(),
            _ => "",
        };
        Choice {
            cursor: 0,
            other: new_textarea(other),
        }
    }

    /// Whether the cursor is on the "other" option and that option is ticked, so typing goes
    /// into its text.
    pub fn typing_other(&self, cx: &Cx) -> bool {
        let Kind::Choice {
            options,
            other: Some(other),
            ..
        } = &cx.field.kind
        else {
            return false;
        };
        // A separate "请注明" field takes the words instead.
        if cx.form.other_field(&cx.field.id).is_some() {
            return false;
        }
        options.get(self.cursor) == Some(other)
            && matches!(cx.answer, Some(Value::Choice { selected, .. }) if selected.contains(other))
    }
}

/// Option items laid out in rows `w` cells wide: (row, x, text, option index).
fn layout(v: &View, w: usize) -> Vec<(usize, usize, String, usize)> {
    let Kind::Choice {
        options, multiple, ..
    } = &v.field().kind
    else {
        return Vec::new();
    };
    let selected = selected(v.answer());
    let mut out = Vec::new();
    let (mut row, mut x) = (0, 0);
    for (k, opt) in options.iter().enumerate() {
        let on = selected.contains(opt);
        let boxed = match (multiple, on) {
            (true, true) => "[x]",
            (true, false) => "[ ]",
            (false, true) => "(*)",
            (false, false) => "( )",
        };
        let item = fit(&format!("{boxed} {}", clean(opt)), w);
        let iw = width(&item);
        if x > 0 && x + iw > w {
            row += 1;
            x = 0;
        }
        out.push((row, x, item, k));
        x += iw + 2;
    }
    out
}

/// Whether the "other" text shows on a line of its own: its option is ticked and no separate
/// field takes the words.
fn other_line(v: &View) -> bool {
    let field = v.field();
    let Kind::Choice {
        other: Some(other), ..
    } = &field.kind
    else {
        return false;
    };
    if v.app.form.other_field(&field.id).is_some() {
        return false;
    }
    matches!(v.answer(), Some(Value::Choice { selected, .. }) if selected.contains(other))
}

/// The ticked options of a choice answer.
fn selected(answer: Option<&Value>) -> Vec<String> {
    match answer {
        Some(Value::Choice { selected, .. }) => selected.clone(),
        _ => Vec::new(),
    }
}

impl FieldEditor for Choice {
    fn spot(&self) -> Spot {
        Spot {
            item: self.cursor,
            ..Spot::default()
        }
    }

    fn put_spot(&mut self, cx: &Cx, at: Spot) {
        if let Kind::Choice { options, .. } = &cx.field.kind
            && at.item < options.len()
        {
            self.cursor = at.item;
        }
    }

    fn value(&self, cx: &Cx) -> Option<Value> {
        if !matches!(cx.field.kind, Kind::Choice { .. }) {
            return None;
        }
        Some(Value::Choice {
            selected: selected(cx.answer),
            other: text_of(&self.other),
        })
    }

    fn keys(&self, cx: &Cx) -> Ctx {
        if self.typing_other(cx) {
            Ctx::Text
        } else {
            Ctx::Choice
        }
    }

    fn key(&mut self, cx: &Cx, ev: KeyEvent, _now: Instant) -> Keyed {
        let mut out = Keyed::default();
        let typing_other = self.typing_other(cx);
        let n = match &cx.field.kind {
            Kind::Choice { options, .. } => options.len(),
            _ => 0,
        };
        let cursor = &mut self.cursor;
        match ev.code {
            KeyCode::Up if !ev.modifiers.contains(KeyModifiers::ALT) => {
                if *cursor == 0 {
                    out.nav = Some(Nav::Prev);
                } else {
                    *cursor -= 1;
                }
            }
            KeyCode::Down if !ev.modifiers.contains(KeyModifiers::ALT) => {
                if *cursor + 1 >= n {
                    out.nav = Some(Nav::Next);
                } else {
                    *cursor += 1;
                }
            }
            KeyCode::Left if !typing_other => *cursor = cursor.saturating_sub(1),
            KeyCode::Right if !typing_other => *cursor = (*cursor + 1).min(n.saturating_sub(1)),
            _ if typing_other && !breaks_line(&ev) => {
                type_into(&mut self.other, ev, cx.read_only, &mut out);
            }
            _ => {}
        }
        out
    }

    fn paste(&mut self, cx: &Cx, text: &str, _now: Instant) -> bool {
        if !self.typing_other(cx) {
            return false;
        }
        self.other.insert_str(text);
        true
    }

    fn toggle(&self, cx: &Cx) -> Option<Value> {
        let Kind::Choice {
            options, multiple, ..
        } = &cx.field.kind
        else {
            return None;
        };
        let opt = options.get(self.cursor)?.clone();
        let mut selected = selected(cx.answer);
        if let Some(pos) = selected.iter().position(|s| *s == opt) {
            selected.remove(pos);
        } else if *multiple {
            selected.push(opt);
            // Keep the form's order, whatever order options were ticked in.
            selected.sort_by_key(|s| options.iter().position(|o| o == s));
        } else {
            selected = vec![opt];
        }
        Some(Value::Choice {
            selected,
            other: text_of(&self.other),
        })
    }

    fn height(&self, v: &View, w: usize) -> usize {
        layout(v, w).last().map_or(1, |l| l.0 + 1) + usize::from(other_line(v))
    }

    fn draw(&self, frame: &mut Frame, v: &View, styles: &Styles, r: Rect) {
        let (cursor, other) = (&self.cursor, &self.other);
        let lang = v.app.lang;
        let items = layout(v, r.width as usize);
        let mut last_row = 0;
        for (row, x, text, k) in &items {
            last_row = *row;
            if *row as u16 >= r.height {
                continue;
            }
            let style = if v.current && k == cursor {
                styles.selected
            } else {
                Style::default()
            };
            let rect = Rect::new(r.x + *x as u16, r.y + *row as u16, width(text) as u16, 1)
                .intersection(r);
            frame.render_widget(Paragraph::new(Line::styled(text.clone(), style)), rect);
        }
        if other_line(v) {
            let y = r.y + last_row as u16 + 1;
            if y < r.bottom() {
                let label = format!("{}：", s::other_specify(lang));
                let lw = width(&label) as u16;
                frame.render_widget(
                    Paragraph::new(Line::styled(label, styles.muted)),
                    Rect::new(r.x, y, lw.min(r.width), 1),
                );
                let typing = v.focused
                    && matches!(&v.field().kind, Kind::Choice { options, other: Some(o), .. }
                        if options.get(*cursor) == Some(o));
                draw_line(
                    frame,
                    other,
                    Rect::new(r.x + lw, y, r.width.saturating_sub(lw), 1),
                    typing,
                    None,
                    styles,
                    s::empty_value(lang),
                );
            }
        }
    }
}
