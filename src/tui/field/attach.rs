//! Attachment fields: rows of a file path and a caption on the cell grid, a status column that
//! says whether the file is there, and the files to look at when the field is left.

use std::time::Instant;

use ratatui::crossterm::event::KeyEvent;

use super::grid::{Grid, GridCell};
use super::textarea::{new_textarea, text_of};
use super::{Cx, FieldEditor, Items, Keyed, Left};
use crate::form::{Attachment, Field, Kind, Value};
use crate::tui::keymap::Ctx;

#[derive(Clone, Debug)]
pub struct Attach(pub Grid);

/// A row of an attachment list: path, caption.
fn row(path: &str, caption: &str) -> Vec<GridCell> {
    vec![GridCell::text(path), GridCell::text(caption)]
}

impl Attach {
    pub fn new(value: Option<&Value>) -> Attach {
        let rows = match value {
            Some(Value::Attachments(files)) => {
                files.iter().map(|a| row(&a.path, &a.caption)).collect()
            }
            _ => Vec::new(),
        };
        Attach(Grid::new(rows, row("", ""), 0))
    }

    /// Puts the path the driver resolved in place of the one typed, in every row that has it;
    /// whether any changed.
    pub fn adopt(&mut self, typed: &str, resolved: &str) -> bool {
        let mut changed = false;
        for row in &mut self.0.rows {
            if let Some(GridCell::Text(ta)) = row.first_mut()
                && text_of(ta) == typed
            {
                **ta = new_textarea(resolved);
                changed = true;
            }
        }
        changed
    }
}

impl FieldEditor for Attach {
    fn value(&self, _cx: &Cx) -> Option<Value> {
        Some(Value::Attachments(
            self.0
                .rows
                .iter()
                .map(|cells| {
                    let t = |i: usize| match cells.get(i) {
                        Some(GridCell::Text(ta)) => text_of(ta),
                        _ => String::new(),
                    };
                    Attachment {
                        path: t(0),
                        caption: t(1),
                    }
                })
                .collect(),
        ))
    }

    fn keys(&self, _cx: &Cx) -> Ctx {
        Ctx::Grid
    }

    fn key(&mut self, cx: &Cx, ev: KeyEvent, _now: Instant) -> Keyed {
        self.0.key(cx, ev)
    }

    fn paste(&mut self, _cx: &Cx, text: &str, now: Instant) -> bool {
        self.0.paste(text, now)
    }

    fn items(&mut self) -> Option<&mut dyn Items> {
        Some(&mut self.0)
    }

    fn max_items(&self, field: &Field) -> Option<usize> {
        match &field.kind {
            Kind::Attachments { max, .. } => *max,
            _ => None,
        }
    }

    fn leave(&mut self, cx: &Cx) -> Vec<Left> {
        match cx.answer {
            Some(Value::Attachments(files)) => files
                .iter()
                .filter(|f| !f.path.trim().is_empty())
                .map(|f| Left::CheckFile(f.path.clone()))
                .collect(),
            _ => Vec::new(),
        }
    }
}
