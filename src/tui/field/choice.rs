//! Choice fields: the options with the one under the cursor, and the text of an "other" option
//! (其他（请注明）) when it is ticked and no separate field takes it. The ticks themselves live in
//! the draft; Space toggles the option under the cursor.

use std::cell::Cell;
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
    /// The width the options were last drawn at, so ↑↓ move by the rows on screen.
    drawn_w: Cell<usize>,
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
            drawn_w: Cell::new(0),
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
    options
        .iter()
        .map(|opt| {
            let on = selected.contains(opt);
            let boxed = match (multiple, on) {
                (true, true) => "[x]",
                (true, false) => "[ ]",
                (false, true) => "(*)",
                (false, false) => "( )",
            };
            fit(&format!("{boxed} {}", clean(opt)), w)
        })
        .zip(places(options, w))
        .enumerate()
        .map(|(k, (item, (row, x, _)))| (row, x, item, k))
        .collect()
}

/// Where each option goes in rows `w` cells wide: (row, x, width). Every box (`[x]`, `( )`)
/// is as wide as the others, so the places do not change as options are ticked.
fn places(options: &[String], w: usize) -> Vec<(usize, usize, usize)> {
    let (mut row, mut x) = (0, 0);
    options
        .iter()
        .map(|opt| {
            let iw = width(&fit(&format!("[ ] {}", clean(opt)), w));
            if x > 0 && x + iw > w {
                row += 1;
                x = 0;
            }
            let at = (row, x, iw);
            x += iw + 2;
            at
        })
        .collect()
}

/// The option in the row `down` (±1) from `from` that lies under its middle (or the nearest
/// one), or `None` past the first or last row.
fn vertical(places: &[(usize, usize, usize)], from: usize, down: bool) -> Option<usize> {
    let &(row, x, w) = places.get(from)?;
    let target = if down { row + 1 } else { row.checked_sub(1)? };
    let mid = x + w / 2;
    places
        .iter()
        .enumerate()
        .filter(|(_, p)| p.0 == target)
        .min_by_key(|(_, p)| {
            if (p.1..p.1 + p.2.max(1)).contains(&mid) {
                0
            } else {
                mid.abs_diff(p.1 + p.2 / 2)
            }
        })
        .map(|(k, _)| k)
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
        let options: &[String] = match &cx.field.kind {
            Kind::Choice { options, .. } => options,
            _ => &[],
        };
        let n = options.len();
        // Before the first draw, one option a row (as a narrow pane shows them).
        let places = places(options, self.drawn_w.get().max(1));
        let cursor = &mut self.cursor;
        match ev.code {
            KeyCode::Up | KeyCode::Down if !ev.modifiers.contains(KeyModifiers::ALT) => {
                let down = ev.code == KeyCode::Down;
                match vertical(&places, *cursor, down) {
                    Some(k) => *cursor = k,
                    None if down => out.nav = Some(Nav::Next),
                    None => out.nav = Some(Nav::Prev),
                }
            }
            KeyCode::Left if !typing_other => *cursor = cursor.saturating_sub(1),
            KeyCode::Right if !typing_other => *cursor = (*cursor + 1).min(n.saturating_sub(1)),
            KeyCode::Home if !typing_other => *cursor = 0,
            KeyCode::End if !typing_other => *cursor = n.saturating_sub(1),
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
        self.drawn_w.set(r.width as usize);
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
