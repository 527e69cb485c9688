//! List fields: numbered one-line items with an item cursor. ↑↓ move between items and off the
//! ends, Enter adds an item (or leaves the list from an empty last one), Backspace on an empty
//! item removes it, typing into an empty list starts its first item.

use std::time::Instant;

use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::{Position, Rect};
use ratatui::text::Line;
use ratatui::widgets::Paragraph;
use ratatui_textarea::TextArea;

use super::textarea::{
    breaks_line, caret_of, draw_line, new_textarea, plain, put_caret, text_of, type_into,
    typed_char,
};
use super::{Cx, FieldEditor, Items, Keyed, Nav, Spot, View, swap};
use crate::form::{Field, Kind, Value};
use crate::theme::Styles;
use crate::tui::keymap::Ctx;
use crate::tui::msg as s;
use crate::tui::view::text::{fit, width};

#[derive(Clone, Debug)]
pub struct List {
    pub cursor: usize,
    pub items: Vec<TextArea<'static>>,
}

impl List {
    pub fn new(value: Option<&Value>) -> List {
        let items = match value {
            Some(Value::List(items)) => items.iter().map(|s| new_textarea(s)).collect(),
            _ => Vec::new(),
        };
        List { cursor: 0, items }
    }
}

/// What Enter does in a list.
#[derive(Debug, PartialEq, Eq)]
pub enum Enter {
    /// A new item below the filled one under the cursor.
    Add,
    /// The cursor went on to the next item.
    Next,
    /// The focus leaves the list; `removed` when the empty last item went with it.
    Leave { removed: bool },
}

impl List {
    /// Enter, as in a word processor's bullets: a new item below a filled one; on an empty last
    /// item, the item goes and the focus leaves the list (Enter after Enter never piles up empty
    /// items); on an empty item inside the list, the next item.
    pub fn enter(&mut self, read_only: bool) -> Enter {
        let on_empty = self
            .items
            .get(self.cursor)
            .is_some_and(|t| text_of(t).trim().is_empty());
        if !on_empty {
            return Enter::Add;
        }
        if self.cursor + 1 < self.items.len() {
            self.cursor += 1;
            return Enter::Next;
        }
        if read_only {
            return Enter::Leave { removed: false };
        }
        self.items.remove(self.cursor);
        self.cursor = self.cursor.saturating_sub(1);
        Enter::Leave { removed: true }
    }
}

impl FieldEditor for List {
    fn spot(&self) -> Spot {
        Spot {
            item: self.cursor,
            caret: self.items.get(self.cursor).map_or(0, caret_of),
            ..Spot::default()
        }
    }

    fn put_spot(&mut self, _cx: &Cx, at: Spot) {
        if let Some(ta) = self.items.get_mut(at.item) {
            self.cursor = at.item;
            put_caret(ta, at.caret);
        }
    }

    fn value(&self, _cx: &Cx) -> Option<Value> {
        Some(Value::List(self.items.iter().map(text_of).collect()))
    }

    fn keys(&self, _cx: &Cx) -> Ctx {
        Ctx::List
    }

    fn key(&mut self, cx: &Cx, ev: KeyEvent, _now: Instant) -> Keyed {
        let mut out = Keyed::default();
        let read_only = cx.read_only;
        let (cursor, items) = (&mut self.cursor, &mut self.items);
        if plain(&ev, KeyCode::Up) {
            if *cursor == 0 {
                out.nav = Some(Nav::Prev);
            } else {
                *cursor -= 1;
            }
        } else if plain(&ev, KeyCode::Down) {
            if *cursor + 1 >= items.len() {
                out.nav = Some(Nav::Next);
            } else {
                *cursor += 1;
            }
        } else if plain(&ev, KeyCode::Backspace)
            && !items.is_empty()
            && items.get(*cursor).is_some_and(|t| text_of(t).is_empty())
        {
            if read_only {
                out.refused = true;
            } else {
                items.remove(*cursor);
                *cursor = cursor.saturating_sub(1);
                out.changed = true;
            }
        } else if !breaks_line(&ev) {
            if items.is_empty() {
                if read_only {
                    out.refused = true;
                } else if typed_char(&ev) {
                    items.push(new_textarea(""));
                    *cursor = 0;
                }
            }
            if let Some(ta) = items.get_mut(*cursor) {
                type_into(ta, ev, read_only, &mut out);
            }
        }
        out
    }

    fn paste(&mut self, _cx: &Cx, text: &str, _now: Instant) -> bool {
        if self.items.is_empty() {
            self.items.push(new_textarea(""));
            self.cursor = 0;
        }
        self.items[self.cursor].insert_str(text);
        true
    }

    fn items(&mut self) -> Option<&mut dyn Items> {
        Some(self)
    }

    fn max_items(&self, field: &Field) -> Option<usize> {
        match &field.kind {
            Kind::List { max, .. } => *max,
            _ => None,
        }
    }

    fn height(&self, _v: &View, _w: usize) -> usize {
        self.items.len().max(1)
    }

    fn draw(&self, frame: &mut Frame, v: &View, styles: &Styles, r: Rect) {
        let (cursor, items) = (&self.cursor, &self.items);
        let lang = v.app.lang;
        if items.is_empty() {
            frame.render_widget(
                Paragraph::new(Line::styled(
                    fit(s::list_empty(lang), r.width as usize),
                    styles.muted,
                )),
                r,
            );
            if v.focused {
                frame.set_cursor_position(Position::new(r.x, r.y));
            }
            return;
        }
        let start = if *cursor >= r.height as usize {
            *cursor + 1 - r.height as usize
        } else {
            0
        };
        for (k, ta) in items.iter().enumerate().skip(start) {
            let y = r.y + (k - start) as u16;
            if y >= r.bottom() {
                break;
            }
            let num = format!("{}. ", k + 1);
            let nw = width(&num) as u16;
            frame.render_widget(
                Paragraph::new(Line::styled(num, styles.muted)),
                Rect::new(r.x, y, nw.min(r.width), 1),
            );
            draw_line(
                frame,
                ta,
                Rect::new(r.x + nw, y, r.width.saturating_sub(nw), 1),
                v.focused && k == *cursor,
                None,
                styles,
                s::empty_value(lang),
            );
        }
    }
}

impl Items for List {
    fn len(&self) -> usize {
        self.items.len()
    }

    fn cursor(&self) -> usize {
        self.cursor
    }

    fn is_blank(&self, at: usize) -> bool {
        self.items
            .get(at)
            .is_none_or(|t| text_of(t).trim().is_empty())
    }

    fn add(&mut self) {
        let at = if self.items.is_empty() {
            0
        } else {
            self.cursor + 1
        };
        self.items.insert(at, new_textarea(""));
        self.cursor = at;
    }

    fn remove(&mut self, at: usize) {
        self.items.remove(at);
        self.cursor = self.cursor.min(self.items.len().saturating_sub(1));
    }

    fn shift(&mut self, down: bool) -> bool {
        swap(&mut self.items, &mut self.cursor, down)
    }
}
