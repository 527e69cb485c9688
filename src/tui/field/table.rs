//! Table fields: rows of the form's columns on the cell grid (text, date, a tick box, a computed
//! 序号), with the answer as rows of cells by column id.

use std::time::Instant;

use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;
use ratatui::text::Span;

use super::grid::{Grid, GridCell};
use super::textarea::text_of;
use super::{Cx, FieldEditor, Items, Keyed, View};
use crate::form::{Cell, Column, ColumnKind, Field, Kind, Value};
use crate::theme::Styles;
use crate::tui::keymap::Ctx;
use crate::tui::view::text::{clean, width};

#[derive(Clone, Debug)]
pub struct Table(pub Grid);

/// The first column a cursor may rest on (序号 is computed, never edited).
fn first_editable_col(columns: &[Column]) -> usize {
    columns
        .iter()
        .position(|c| c.kind != ColumnKind::Serial)
        .unwrap_or(0)
}

/// A new, empty row.
fn empty_row(columns: &[Column]) -> Vec<GridCell> {
    columns
        .iter()
        .map(|c| match c.kind {
            ColumnKind::Serial => GridCell::Serial,
            ColumnKind::Bool => GridCell::Bool(false),
            _ => GridCell::text(""),
        })
        .collect()
}

impl Table {
    pub fn new(columns: &[Column], value: Option<&Value>) -> Table {
        let rows = match value {
            Some(Value::Table(rows)) => rows
                .iter()
                .map(|r| {
                    columns
                        .iter()
                        .map(|c| match (&c.kind, r.get(&c.id)) {
                            (ColumnKind::Serial, _) => GridCell::Serial,
                            (ColumnKind::Bool, Some(Cell::Bool(b))) => GridCell::Bool(*b),
                            (ColumnKind::Bool, _) => GridCell::Bool(false),
                            (_, Some(Cell::Text(t))) => GridCell::text(t),
                            (_, _) => GridCell::text(""),
                        })
                        .collect()
                })
                .collect(),
            _ => Vec::new(),
        };
        Table(Grid::new(
            rows,
            empty_row(columns),
            first_editable_col(columns),
        ))
    }
}

impl FieldEditor for Table {
    fn spot(&self) -> super::Spot {
        self.0.spot()
    }

    fn put_spot(&mut self, _cx: &Cx, at: super::Spot) {
        self.0.put_spot(at);
    }

    fn value(&self, cx: &Cx) -> Option<Value> {
        let Kind::Table { columns, .. } = &cx.field.kind else {
            return None;
        };
        Some(Value::Table(
            self.0
                .rows
                .iter()
                .map(|cells| {
                    columns
                        .iter()
                        .zip(cells)
                        .filter_map(|(c, cell)| match cell {
                            GridCell::Serial => None,
                            GridCell::Bool(b) => Some((c.id.clone(), Cell::Bool(*b))),
                            GridCell::Text(ta) => Some((c.id.clone(), Cell::Text(text_of(ta)))),
                        })
                        .collect()
                })
                .collect(),
        ))
    }

    fn keys(&self, _cx: &Cx) -> Ctx {
        Ctx::Grid
    }

    fn key(&mut self, cx: &Cx, ev: KeyEvent, _now: Instant) -> Keyed {
        // Space in a choice column steps through its options (an "other" option, if any, lets
        // the cell be typed in instead).
        if let Kind::Table { columns, .. } = &cx.field.kind
            && let Some(ColumnKind::Choice {
                options,
                other: None,
            }) = columns.get(self.0.col).map(|c| &c.kind)
            && !options.is_empty()
            && ev.code == ratatui::crossterm::event::KeyCode::Char(' ')
            && ev.modifiers.is_empty()
            && let Some(GridCell::Text(ta)) = self
                .0
                .rows
                .get_mut(self.0.row)
                .and_then(|r| r.get_mut(self.0.col))
        {
            let mut out = Keyed::default();
            if cx.read_only {
                out.refused = true;
                return out;
            }
            let now = text_of(ta);
            let next = match options.iter().position(|o| o.trim() == now.trim()) {
                Some(i) => &options[(i + 1) % options.len()],
                None => &options[0],
            };
            **ta = super::textarea::new_textarea(next);
            // The caret after the option, so → goes on to the next cell.
            ta.move_cursor(ratatui_textarea::CursorMove::End);
            out.changed = true;
            return out;
        }
        self.0.key(cx, ev)
    }

    fn paste(&mut self, _cx: &Cx, text: &str, _now: Instant) -> bool {
        self.0.paste(text)
    }

    fn items(&mut self) -> Option<&mut dyn Items> {
        Some(&mut self.0)
    }

    fn max_items(&self, field: &Field) -> Option<usize> {
        match &field.kind {
            Kind::Table { max_rows, .. } => *max_rows,
            _ => None,
        }
    }

    fn height(&self, _v: &View, _w: usize) -> usize {
        self.0.height()
    }

    fn badge(&self, v: &View, styles: &Styles) -> Option<Span<'static>> {
        Some(self.0.badge(v, styles, self.max_items(v.field())))
    }

    fn draw(&self, frame: &mut Frame, v: &View, styles: &Styles, r: Rect) {
        let Kind::Table { columns, .. } = &v.field().kind else {
            return;
        };
        let cols: Vec<(String, Option<usize>)> = columns
            .iter()
            .map(|c| {
                let fixed = match c.kind {
                    ColumnKind::Serial => Some(width(&c.label).max(3) + 1),
                    ColumnKind::Bool => Some(width(&c.label).max(3) + 1),
                    ColumnKind::Date => Some(11),
                    _ => None,
                };
                (clean(&c.label), fixed)
            })
            .collect();
        self.0.draw(frame, v, styles, r, &cols, &|_| None);
    }
}
