//! Attachment fields: rows of a file path and a caption on the cell grid, a status column that
//! says whether the file is there, the files to look at when the field is left, and the problems
//! those looks found.

use std::collections::HashMap;
use std::time::Instant;

use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;
use ratatui::text::Span;

use super::grid::{Grid, GridCell};
use super::textarea::{new_textarea, text_of};
use super::{Cx, FieldEditor, Items, Keyed, Left, View};
use crate::form::{Attachment, Field, Kind, Problem, Value};
use crate::theme::Styles;
use crate::tui::keymap::Ctx;
use crate::tui::msg as s;

/// What a look at an attachment path found (done by the driver with
/// `export::stat_attachment`, the check export and review use too): the size of a file that is
/// fine, or what is wrong.
pub type FileCheck = Result<u64, crate::export::FileState>;

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
        Attach(Grid::new(rows, row("", ""), 0).with_tail_column(0))
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
    fn spot(&self) -> super::Spot {
        self.0.spot()
    }

    fn put_spot(&mut self, _cx: &Cx, at: super::Spot) {
        self.0.put_spot(at);
    }

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

    fn paste(&mut self, _cx: &Cx, text: &str, _now: Instant) -> bool {
        self.0.paste(text)
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

    fn height(&self, _v: &View, _w: usize) -> usize {
        self.0.height()
    }

    fn badge(&self, v: &View, styles: &Styles) -> Option<Span<'static>> {
        Some(self.0.badge(v, styles, self.max_items(v.field())))
    }

    fn draw(&self, frame: &mut Frame, v: &View, styles: &Styles, r: Rect) {
        let (p, c) = s::attachment_headers(v.app.lang);
        let cols = [
            (p.to_string(), None),
            (c.to_string(), None),
            (String::new(), Some(3)),
        ];
        // The status column, once the file was looked at: ✗ whenever a line under the field
        // names this file (missing, wrong type, no caption), so the mark and the message never
        // disagree.
        let status = |cells: &[GridCell]| {
            let Some(GridCell::Text(p)) = cells.first() else {
                return None;
            };
            let path = text_of(p);
            let named = v.app.problems(v.i).iter().any(|p| p.path() == Some(&path));
            Some(match v.app.file_checks.get(&path) {
                Some(Ok(_)) if !named => Span::styled("✓", styles.ok),
                Some(_) => Span::styled("✗", styles.error),
                None => Span::raw(""),
            })
        };
        self.0.draw(frame, v, styles, r, &cols, &status);
    }

    fn file_problems(&self, cx: &Cx, checks: &HashMap<String, FileCheck>) -> Vec<Problem> {
        let Some(Value::Attachments(files)) = cx.answer else {
            return Vec::new();
        };
        files
            .iter()
            .filter(|f| !f.path.trim().is_empty())
            .filter_map(|f| match checks.get(&f.path) {
                Some(Err(state)) => crate::export::attachment_problem(&f.path, state),
                _ => None,
            })
            .collect()
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
