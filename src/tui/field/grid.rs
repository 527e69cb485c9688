//! The cell grid under tables and attachment lists: rows of cells with a cell cursor, the keys
//! that move between cells and rows and edit a cell, and the row commands. `table` and `attach`
//! say what the columns are and what the answer looks like.

use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui_textarea::{DataCursor, TextArea};

use super::textarea::{
    breaks_line, caret_of, draw_line, new_textarea, plain, put_caret, text_of, type_into,
    typed_char,
};
use super::{Cx, Items, Keyed, Nav, Spot, View, swap};
use crate::theme::Styles;
use crate::tui::msg as s;
use crate::tui::view::text::{fit, pad};

/// One cell of a table or attachment row while editing.
#[derive(Clone, Debug)]
pub enum GridCell {
    Text(Box<TextArea<'static>>),
    Bool(bool),
    /// 序号: computed from the row position.
    Serial,
}

impl GridCell {
    pub fn text(text: &str) -> GridCell {
        GridCell::Text(Box::new(new_textarea(text)))
    }

    fn editable(&self) -> bool {
        !matches!(self, GridCell::Serial)
    }

    fn at_start(&self) -> bool {
        match self {
            GridCell::Text(t) => t.cursor() == DataCursor(0, 0),
            _ => true,
        }
    }

    fn at_end(&self) -> bool {
        match self {
            GridCell::Text(t) => {
                let DataCursor(r, c) = t.cursor();
                r + 1 >= t.lines().len() && c >= t.lines().last().map_or(0, |l| l.chars().count())
            }
            _ => true,
        }
    }

    fn is_blank(&self) -> bool {
        match self {
            GridCell::Text(t) => text_of(t).trim().is_empty(),
            GridCell::Bool(b) => !b,
            GridCell::Serial => true,
        }
    }
}

/// Rows of cells with a cell cursor.
#[derive(Clone, Debug)]
pub struct Grid {
    pub row: usize,
    pub col: usize,
    pub rows: Vec<Vec<GridCell>>,
    /// A new row, as added.
    blank: Vec<GridCell>,
    /// The column the cursor goes to in a new row.
    home: usize,
    /// A column whose text, when it does not fit, keeps its end (a path's file name).
    tail_column: Option<usize>,
}

impl Grid {
    pub fn new(rows: Vec<Vec<GridCell>>, blank: Vec<GridCell>, home: usize) -> Grid {
        Grid {
            row: 0,
            col: home,
            rows,
            blank,
            home,
            tail_column: None,
        }
    }

    /// Column `c` keeps its end when cut (see [`Grid::tail_column`]).
    pub fn with_tail_column(mut self, c: usize) -> Grid {
        self.tail_column = Some(c);
        self
    }

    /// A key in the grid. ↑↓ (and Enter) move between rows and off the ends, ←→ move to the
    /// neighbouring cell at the edge of a cell's text, Space ticks a box.
    pub fn key(&mut self, cx: &Cx, ev: KeyEvent) -> Keyed {
        let mut out = Keyed::default();
        let read_only = cx.read_only;
        let ncols = self.rows.first().map_or(0, Vec::len);
        if plain(&ev, KeyCode::Up) {
            if self.row == 0 {
                out.nav = Some(Nav::Prev);
            } else {
                self.row -= 1;
            }
        } else if plain(&ev, KeyCode::Down) || plain(&ev, KeyCode::Enter) {
            if self.row + 1 >= self.rows.len() {
                out.nav = Some(Nav::Next);
            } else {
                self.row += 1;
            }
        } else if let Some(row) = self.rows.get_mut(self.row) {
            let col = self.col.min(ncols.saturating_sub(1));
            if plain(&ev, KeyCode::Left) && row.get(col).is_some_and(GridCell::at_start) {
                if let Some(c) = (0..col).rev().find(|&c| row[c].editable()) {
                    self.col = c;
                }
            } else if plain(&ev, KeyCode::Right) && row.get(col).is_some_and(GridCell::at_end) {
                if let Some(c) = (col + 1..ncols).find(|&c| row[c].editable()) {
                    self.col = c;
                }
            } else {
                match row.get_mut(col) {
                    Some(GridCell::Bool(b)) if plain(&ev, KeyCode::Char(' ')) => {
                        if read_only {
                            out.refused = true;
                        } else {
                            *b = !*b;
                            out.changed = true;
                        }
                    }
                    Some(GridCell::Text(ta)) if !breaks_line(&ev) => {
                        type_into(ta, ev, read_only, &mut out);
                    }
                    _ => {}
                }
            }
        } else if typed_char(&ev) {
            // An empty table: typing starts the first row.
            out.start_row = true;
        }
        out
    }

    /// The cell under the cursor and the caret in it.
    pub fn spot(&self) -> Spot {
        let caret = match self.rows.get(self.row).and_then(|r| r.get(self.col)) {
            Some(GridCell::Text(ta)) => caret_of(ta),
            _ => 0,
        };
        Spot {
            item: self.row,
            column: self.col,
            caret,
        }
    }

    /// Back to a cell `spot` gave, if the table still has it.
    pub fn put_spot(&mut self, at: Spot) {
        let Some(cell) = self
            .rows
            .get_mut(at.item)
            .and_then(|r| r.get_mut(at.column))
        else {
            return;
        };
        if !cell.editable() {
            return;
        }
        if let GridCell::Text(ta) = cell {
            put_caret(ta, at.caret);
        }
        self.row = at.item;
        self.col = at.column;
    }

    /// Pasted text goes into the text cell under the cursor.
    pub fn paste(&mut self, text: &str) -> bool {
        match self
            .rows
            .get_mut(self.row)
            .and_then(|r| r.get_mut(self.col))
        {
            Some(GridCell::Text(ta)) => {
                ta.insert_str(text);
                true
            }
            _ => false,
        }
    }

    /// Rows the grid takes: its header and a row each (one for "empty").
    pub fn height(&self) -> usize {
        1 + self.rows.len().max(1)
    }

    /// "N 行" (of the most allowed), for the label line.
    pub fn badge(&self, v: &View, styles: &Styles, max: Option<usize>) -> Span<'static> {
        Span::styled(
            s::rows_count(v.app.lang, self.rows.len(), max),
            styles.muted,
        )
    }

    /// Draws the header and the rows in view. `cols` are (header, fixed width or `None` for a
    /// share of the rest); a column past a row's cells is drawn by `status` from the row.
    pub fn draw(
        &self,
        frame: &mut Frame,
        v: &View,
        styles: &Styles,
        r: Rect,
        cols: &[(String, Option<usize>)],
        status: &dyn Fn(&[GridCell]) -> Option<Span<'static>>,
    ) {
        let g = self;
        let w = r.width as usize;
        let fixed: usize = cols.iter().filter_map(|c| c.1).sum();
        let flex = cols.iter().filter(|c| c.1.is_none()).count().max(1);
        let each = w.saturating_sub(fixed) / flex;
        let widths: Vec<usize> = cols.iter().map(|c| c.1.unwrap_or(each)).collect();
        let mut x = r.x;
        for (k, (label, _)) in cols.iter().enumerate() {
            let cw = widths[k] as u16;
            frame.render_widget(
                Paragraph::new(Line::styled(
                    pad(label, widths[k].saturating_sub(1)),
                    styles.muted,
                )),
                Rect::new(x, r.y, cw.min(r.right().saturating_sub(x)), 1),
            );
            x += cw;
        }
        if g.rows.is_empty() {
            if r.height > 1 {
                frame.render_widget(
                    Paragraph::new(Line::styled(
                        fit(s::grid_empty(v.app.lang), w),
                        styles.muted,
                    )),
                    Rect::new(r.x, r.y + 1, r.width, 1),
                );
            }
            return;
        }
        let rows_h = r.height.saturating_sub(1) as usize;
        let start = if g.row >= rows_h {
            g.row + 1 - rows_h
        } else {
            0
        };
        for (ri, cells) in g.rows.iter().enumerate().skip(start) {
            let y = r.y + 1 + (ri - start) as u16;
            if y >= r.bottom() {
                break;
            }
            let mut x = r.x;
            for (ci, cw) in widths.iter().enumerate() {
                let cw16 = (*cw as u16).min(r.right().saturating_sub(x));
                if cw16 == 0 {
                    break;
                }
                let rect = Rect::new(x, y, cw16, 1);
                let here = v.current && ri == g.row && ci == g.col;
                match cells.get(ci) {
                    Some(GridCell::Serial) => {
                        frame.render_widget(Paragraph::new(format!("{}", ri + 1)), rect);
                    }
                    Some(GridCell::Bool(b)) => {
                        let t = if *b { "[x]" } else { "[ ]" };
                        let style = if here {
                            styles.selected
                        } else {
                            Style::default()
                        };
                        frame.render_widget(Paragraph::new(Line::styled(t, style)), rect);
                    }
                    Some(GridCell::Text(ta)) => {
                        let cell_rect = Rect::new(x, y, cw16.saturating_sub(1), 1);
                        if here && v.focused {
                            draw_line(frame, ta, cell_rect, true, None, styles, "");
                        } else {
                            let style = if here {
                                styles.selected
                            } else {
                                Style::default()
                            };
                            let text = text_of(ta).replace('\n', " ");
                            let shown = if g.tail_column == Some(ci) {
                                crate::tui::view::text::fit_tail(&text, cell_rect.width as usize)
                            } else {
                                fit(&text, cell_rect.width as usize)
                            };
                            frame.render_widget(
                                Paragraph::new(Line::styled(shown, style)),
                                cell_rect,
                            );
                        }
                    }
                    None => {
                        if let Some(mark) = status(cells) {
                            frame.render_widget(Paragraph::new(Line::from(mark)), rect);
                        }
                    }
                }
                x += cw16;
            }
        }
    }
}

impl Items for Grid {
    fn len(&self) -> usize {
        self.rows.len()
    }

    fn cursor(&self) -> usize {
        self.row
    }

    fn is_blank(&self, at: usize) -> bool {
        self.rows
            .get(at)
            .is_none_or(|r| r.iter().all(GridCell::is_blank))
    }

    fn add(&mut self) {
        let at = if self.rows.is_empty() {
            0
        } else {
            self.row + 1
        };
        self.rows.insert(at, self.blank.clone());
        self.row = at;
        self.col = self.home;
    }

    fn remove(&mut self, at: usize) {
        self.rows.remove(at);
        self.row = self.row.min(self.rows.len().saturating_sub(1));
    }

    fn shift(&mut self, down: bool) -> bool {
        let mut row = self.row;
        let moved = swap(&mut self.rows, &mut row, down);
        self.row = row;
        moved
    }
}
