//! The long-text editing buffer: paragraphs, caret and selection, undo by typed run, word
//! motions that work for Chinese, and the one layout (per-paragraph rows from [`super::wrap`])
//! that the caret, the terminal cursor, selection and over-limit marking all come from. Pure:
//! no terminal; the view tells it the size of its window.
//!
//! Why not the textarea crate used for one-line fields: it re-measures every line of the text
//! after each edit (even with its wrapping off), its undo records single characters, and its
//! word boundaries treat a Chinese paragraph as one word.

use std::cell::{Cell, RefCell};
use std::sync::Arc;
use std::time::{Duration, Instant};

use super::wrap::{self, Row, WidthFn};

/// A typed run ends after this long without a key.
pub const RUN_PAUSE: Duration = Duration::from_secs(1);
/// Undo steps kept.
const MAX_UNDO: usize = 500;

/// A caret position: paragraph index and byte offset in it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Pos {
    pub line: usize,
    pub byte: usize,
}

impl Pos {
    pub fn new(line: usize, byte: usize) -> Pos {
        Pos { line, byte }
    }
}

#[derive(Clone, Debug)]
struct Para {
    text: String,
    /// Rows at a width, valid while the text is unchanged (every edit clears it).
    rows: RefCell<Option<(usize, Arc<[Row]>)>>,
}

impl Para {
    fn new(text: String) -> Para {
        Para {
            text,
            rows: RefCell::new(None),
        }
    }
}

#[derive(Clone, Debug)]
struct Edit {
    at: Pos,
    removed: String,
    inserted: String,
    before: Pos,
    after: Pos,
}

#[derive(Clone, Debug)]
struct Group {
    edits: Vec<Edit>,
    typed: bool,
}

/// The window the text is shown in, as last drawn (cells). Kept in `Cell`s because views draw
/// from a shared reference.
#[derive(Clone, Copy, Debug)]
struct View {
    cols: usize,
    rows: usize,
    top: usize,
}

/// Caret moves. `Up`/`Down`/`PageUp`/`PageDown` go by screen rows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Move {
    Left,
    Right,
    Up,
    Down,
    RowStart,
    RowEnd,
    WordLeft,
    WordRight,
    Top,
    Bottom,
    PageUp,
    PageDown,
}

/// An editing operation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Op {
    /// A move; `true` extends the selection.
    Move(Move, bool),
    Char(char),
    Newline,
    Backspace,
    Delete,
    DeleteWordBack,
    DeleteWordForward,
    KillToEnd,
    KillToStart,
    Undo,
    Redo,
    Cut,
    Yank,
    SelectAll,
    CancelSelection,
}

/// What an operation did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Outcome {
    pub changed: bool,
    /// Text removed by a deletion command (for "删除了 N 字").
    pub deleted: String,
}

/// Word classes for word motions: a word is a run of one class.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Class {
    Space,
    Han,
    Latin,
    Digit,
    Punct,
}

fn class(unit: &str) -> Class {
    let c = unit.chars().next().unwrap_or(' ');
    if c.is_whitespace() || wrap::is_marker(unit) {
        Class::Space
    } else if c.is_ascii_digit() || ('０'..='９').contains(&c) {
        Class::Digit
    } else if is_han(c) {
        Class::Han
    } else if c.is_alphanumeric() {
        Class::Latin
    } else {
        Class::Punct
    }
}

fn is_han(c: char) -> bool {
    matches!(c as u32,
        0x2E80..=0x2FDF | 0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF
        | 0xAC00..=0xD7AF | 0xF900..=0xFAFF | 0x20000..=0x3FFFF)
}

/// The text being edited.
#[derive(Clone, Debug)]
pub struct LongText {
    paras: Vec<Para>,
    cursor: Pos,
    anchor: Option<Pos>,
    /// Screen column kept across Up/Down.
    goal: Option<usize>,
    undo: Vec<Group>,
    redo: Vec<Group>,
    /// When the open typed run last grew.
    typing: Option<Instant>,
    yank: String,
    view: Cell<View>,
    width: WidthFn,
}

impl LongText {
    pub fn new(text: &str) -> LongText {
        LongText::with_width(text, wrap::cell_width)
    }

    /// A buffer measuring cells with `width` (e.g. ambiguous characters wide).
    pub fn with_width(text: &str, width: WidthFn) -> LongText {
        LongText {
            paras: text.split('\n').map(|p| Para::new(p.to_string())).collect(),
            cursor: Pos::default(),
            anchor: None,
            goal: None,
            undo: Vec::new(),
            redo: Vec::new(),
            typing: None,
            yank: String::new(),
            view: Cell::new(View {
                cols: 78,
                rows: 10,
                top: 0,
            }),
            width,
        }
    }

    pub fn width_fn(&self) -> WidthFn {
        self.width
    }

    /// The whole text, paragraphs joined by `\n`.
    pub fn text(&self) -> String {
        let mut s = String::with_capacity(self.paras.iter().map(|p| p.text.len() + 1).sum());
        for (i, p) in self.paras.iter().enumerate() {
            if i > 0 {
                s.push('\n');
            }
            s.push_str(&p.text);
        }
        s
    }

    pub fn is_empty(&self) -> bool {
        self.paras.len() == 1 && self.paras[0].text.is_empty()
    }

    pub fn line_count(&self) -> usize {
        self.paras.len()
    }

    pub fn line(&self, i: usize) -> &str {
        self.paras.get(i).map_or("", |p| p.text.as_str())
    }

    pub fn cursor(&self) -> Pos {
        self.cursor
    }

    /// Puts the caret at a position (clamped to the text).
    pub fn set_cursor(&mut self, p: Pos) {
        self.cursor = self.clamp(p);
        self.anchor = None;
        self.goal = None;
        self.typing = None;
    }

    /// The selected range, start first.
    pub fn selection(&self) -> Option<(Pos, Pos)> {
        let a = self.anchor?;
        (a != self.cursor).then(|| (a.min(self.cursor), a.max(self.cursor)))
    }

    /// The position of a byte offset of [`LongText::text`].
    pub fn pos_of_offset(&self, mut off: usize) -> Pos {
        for (i, p) in self.paras.iter().enumerate() {
            if off <= p.text.len() {
                return Pos::new(i, off);
            }
            off -= p.text.len() + 1;
        }
        self.end()
    }

    pub fn end(&self) -> Pos {
        let l = self.paras.len() - 1;
        Pos::new(l, self.paras[l].text.len())
    }

    fn clamp(&self, p: Pos) -> Pos {
        let line = p.line.min(self.paras.len() - 1);
        let t = &self.paras[line].text;
        let mut b = p.byte.min(t.len());
        while !t.is_char_boundary(b) {
            b -= 1;
        }
        Pos::new(line, b)
    }

    // ---- layout ----

    /// Rows of paragraph `i` at `cols` cells (cached until the paragraph changes).
    pub fn rows(&self, i: usize, cols: usize) -> Arc<[Row]> {
        let p = &self.paras[i];
        if let Some((c, rows)) = &*p.rows.borrow()
            && *c == cols
        {
            return rows.clone();
        }
        let rows: Arc<[Row]> = wrap::layout(&p.text, cols, self.width).into();
        *p.rows.borrow_mut() = Some((cols, rows.clone()));
        rows
    }

    /// Screen rows of the whole text at `cols`.
    pub fn row_count(&self, cols: usize) -> usize {
        (0..self.paras.len())
            .map(|i| self.rows(i, cols).len())
            .sum()
    }

    /// Tells the buffer the window it is drawn in; keeps the caret visible and the scroll
    /// clamped so the last row is never above the bottom while the text fills the window.
    pub fn set_view(&self, cols: usize, rows: usize) {
        let cols = cols.max(1);
        let rows = rows.max(1);
        let (caret_row, _) = self.screen_pos(self.cursor, cols);
        let total = self.row_count(cols);
        let mut top = self.view.get().top;
        if caret_row < top {
            top = caret_row;
        }
        if caret_row >= top + rows {
            top = caret_row + 1 - rows;
        }
        top = top.min(total.saturating_sub(rows));
        self.view.set(View { cols, rows, top });
    }

    /// First visible screen row (after [`LongText::set_view`]).
    pub fn top(&self) -> usize {
        self.view.get().top
    }

    /// Global screen row and column of a position at `cols`.
    pub fn screen_pos(&self, p: Pos, cols: usize) -> (usize, usize) {
        let before: usize = (0..p.line).map(|i| self.rows(i, cols).len()).sum();
        let rows = self.rows(p.line, cols);
        let (r, c) = wrap::position(&self.paras[p.line].text, &rows, p.byte, self.width);
        (before + r, c)
    }

    /// Screen position of the caret in the window last set (row relative to the top).
    pub fn caret_in_view(&self) -> Option<(usize, usize)> {
        let v = self.view.get();
        let (r, c) = self.screen_pos(self.cursor, v.cols);
        (r >= v.top && r < v.top + v.rows).then(|| (r - v.top, c))
    }

    /// The visible rows from screen row `top`: (paragraph, row), at most `n`.
    pub fn rows_from(&self, top: usize, n: usize, cols: usize) -> Vec<(usize, Row)> {
        let mut out = Vec::with_capacity(n);
        let mut g = 0;
        for i in 0..self.paras.len() {
            let rows = self.rows(i, cols);
            if g + rows.len() <= top {
                g += rows.len();
                continue;
            }
            for (k, r) in rows.iter().enumerate() {
                if g + k >= top {
                    out.push((i, *r));
                    if out.len() == n {
                        return out;
                    }
                }
            }
            g += rows.len();
        }
        out
    }

    /// The position at global screen row `row`, column at most `col`.
    fn pos_at(&self, row: usize, col: usize, cols: usize) -> Pos {
        let mut g = 0;
        for i in 0..self.paras.len() {
            let rows = self.rows(i, cols);
            if row < g + rows.len() {
                let b = wrap::byte_at(&self.paras[i].text, &rows, row - g, col, self.width);
                return Pos::new(i, b);
            }
            g += rows.len();
        }
        self.end()
    }

    // ---- units ----

    fn prev_unit(&self, p: Pos) -> Option<(usize, usize)> {
        let t = &self.paras[p.line].text;
        wrap::units(&t[..p.byte]).last().copied()
    }

    fn next_unit(&self, p: Pos) -> Option<(usize, usize)> {
        let t = &self.paras[p.line].text;
        // Units split at hidden characters, so a unit never spans the caret.
        wrap::units(&t[p.byte..])
            .first()
            .map(|&(a, b)| (p.byte + a, p.byte + b))
    }

    fn left(&self, p: Pos) -> Pos {
        match self.prev_unit(p) {
            Some((a, _)) => Pos::new(p.line, a),
            None if p.line > 0 => Pos::new(p.line - 1, self.paras[p.line - 1].text.len()),
            None => p,
        }
    }

    fn right(&self, p: Pos) -> Pos {
        match self.next_unit(p) {
            Some((_, b)) => Pos::new(p.line, b),
            None if p.line + 1 < self.paras.len() => Pos::new(p.line + 1, 0),
            None => p,
        }
    }

    /// Start of the word before `p`: spaces skipped, then one run of a class (Han, Latin,
    /// digits, punctuation). At a paragraph start: the end of the previous paragraph.
    fn word_left(&self, p: Pos) -> Pos {
        let t = &self.paras[p.line].text;
        let us = wrap::units(&t[..p.byte]);
        let mut k = us.len();
        while k > 0 && class(&t[us[k - 1].0..us[k - 1].1]) == Class::Space {
            k -= 1;
        }
        if k == 0 {
            if us.is_empty() {
                return self.left(p);
            }
            return Pos::new(p.line, 0);
        }
        let c = class(&t[us[k - 1].0..us[k - 1].1]);
        while k > 0 && class(&t[us[k - 1].0..us[k - 1].1]) == c {
            k -= 1;
        }
        Pos::new(p.line, us.get(k).map_or(0, |u| u.0))
    }

    /// End of the word after `p` (the mirror of [`Self::word_left`]).
    fn word_right(&self, p: Pos) -> Pos {
        let t = &self.paras[p.line].text;
        let us = wrap::units(&t[p.byte..]);
        let s = &t[p.byte..];
        let mut k = 0;
        while k < us.len() && class(&s[us[k].0..us[k].1]) == Class::Space {
            k += 1;
        }
        if k == us.len() {
            if us.is_empty() {
                return self.right(p);
            }
            return Pos::new(p.line, t.len());
        }
        let c = class(&s[us[k].0..us[k].1]);
        while k < us.len() && class(&s[us[k].0..us[k].1]) == c {
            k += 1;
        }
        Pos::new(p.line, p.byte + us.get(k).map_or(s.len(), |u| u.0))
    }

    fn moved(&self, m: Move, p: Pos) -> (Pos, Option<usize>) {
        let v = self.view.get();
        let vertical = |rows: isize| {
            let (r, c) = self.screen_pos(p, v.cols);
            let goal = self.goal.unwrap_or(c);
            let total = self.row_count(v.cols) as isize;
            let to = r as isize + rows;
            if to < 0 {
                return (Pos::new(0, 0), None);
            }
            if to >= total {
                return (self.end(), None);
            }
            (self.pos_at(to as usize, goal, v.cols), Some(goal))
        };
        match m {
            Move::Left => (self.left(p), None),
            Move::Right => (self.right(p), None),
            Move::Up => vertical(-1),
            Move::Down => vertical(1),
            Move::PageUp => vertical(-(v.rows.saturating_sub(1).max(1) as isize)),
            Move::PageDown => vertical(v.rows.saturating_sub(1).max(1) as isize),
            Move::RowStart => {
                let (r, _) = self.screen_pos(p, v.cols);
                (self.pos_at(r, 0, v.cols), None)
            }
            Move::RowEnd => {
                let (r, _) = self.screen_pos(p, v.cols);
                (self.pos_at(r, usize::MAX, v.cols), None)
            }
            Move::WordLeft => (self.word_left(p), None),
            Move::WordRight => (self.word_right(p), None),
            Move::Top => (Pos::new(0, 0), None),
            Move::Bottom => (self.end(), None),
        }
    }

    // ---- editing ----

    fn slice(&self, a: Pos, b: Pos) -> String {
        if a.line == b.line {
            return self.paras[a.line].text[a.byte..b.byte].to_string();
        }
        let mut s = self.paras[a.line].text[a.byte..].to_string();
        for p in &self.paras[a.line + 1..b.line] {
            s.push('\n');
            s.push_str(&p.text);
        }
        s.push('\n');
        s.push_str(&self.paras[b.line].text[..b.byte]);
        s
    }

    /// Replaces `a..b` with `text`; returns the end of the inserted text. No history.
    fn splice(&mut self, a: Pos, b: Pos, text: &str) -> Pos {
        if a.line == b.line && !text.contains('\n') {
            let p = &mut self.paras[a.line];
            p.text.replace_range(a.byte..b.byte, text);
            *p.rows.borrow_mut() = None;
            return Pos::new(a.line, a.byte + text.len());
        }
        let head = &self.paras[a.line].text[..a.byte];
        let tail = &self.paras[b.line].text[b.byte..];
        let joined = format!("{head}{text}{tail}");
        let end_line = a.line + text.matches('\n').count();
        let last_len = match text.rfind('\n') {
            Some(i) => text.len() - i - 1,
            None => a.byte + text.len(),
        };
        let new: Vec<Para> = joined
            .split('\n')
            .map(|s| Para::new(s.to_string()))
            .collect();
        let _old: Vec<Para> = self.paras.splice(a.line..=b.line, new).collect();
        Pos::new(end_line, last_len)
    }

    /// Replaces `a..b` with `text` as a step of history. `typed` runs may merge.
    fn replace(&mut self, a: Pos, b: Pos, text: &str, typed: bool, now: Instant) -> Edit {
        let removed = self.slice(a, b);
        let before = self.cursor;
        let after = self.splice(a, b, text);
        self.cursor = after;
        self.anchor = None;
        self.goal = None;
        self.redo.clear();
        let edit = Edit {
            at: a,
            removed,
            inserted: text.to_string(),
            before,
            after,
        };
        let merge = typed
            && self
                .typing
                .is_some_and(|t| now.saturating_duration_since(t) < RUN_PAUSE)
            && self
                .undo
                .last()
                .is_some_and(|g| g.typed && g.edits.last().is_some_and(|e| e.after == a && a == b));
        if merge {
            if let Some(e) = self.undo.last_mut().and_then(|g| g.edits.last_mut()) {
                e.inserted.push_str(text);
                e.after = after;
            }
        } else {
            self.undo.push(Group {
                edits: vec![edit.clone()],
                typed,
            });
            if self.undo.len() > MAX_UNDO {
                self.undo.remove(0);
            }
        }
        self.typing = typed.then_some(now);
        edit
    }

    fn delete_range(&mut self, a: Pos, b: Pos, now: Instant) -> Outcome {
        if a == b {
            return Outcome::default();
        }
        let e = self.replace(a, b, "", false, now);
        Outcome {
            changed: true,
            deleted: e.removed,
        }
    }

    /// Inserts text (a paste) as one undo step, replacing the selection.
    pub fn insert_str(&mut self, s: &str, now: Instant) -> bool {
        let (a, b) = self.selection().unwrap_or((self.cursor, self.cursor));
        if s.is_empty() && a == b {
            return false;
        }
        self.replace(a, b, s, false, now);
        self.typing = None;
        true
    }

    /// Replaces the whole text (one undo step), keeping the caret near where it was.
    pub fn set_text(&mut self, s: &str, cursor_offset: usize, now: Instant) {
        let end = self.end();
        self.replace(Pos::default(), end, s, false, now);
        self.typing = None;
        self.cursor = self.clamp(self.pos_of_offset(cursor_offset));
    }

    /// Turns the text into `new` touching only what differs (one undo step), so an append,
    /// the usual edit made elsewhere, undoes as one insertion. The caret goes after the change.
    pub fn replace_changed(&mut self, new: &str, now: Instant) -> bool {
        let old = self.text();
        if old == new {
            return false;
        }
        let mut prefix = old
            .bytes()
            .zip(new.bytes())
            .take_while(|(a, b)| a == b)
            .count();
        while !old.is_char_boundary(prefix) || !new.is_char_boundary(prefix) {
            prefix -= 1;
        }
        let max_suffix = old.len().min(new.len()) - prefix;
        let mut suffix = old
            .bytes()
            .rev()
            .zip(new.bytes().rev())
            .take(max_suffix)
            .take_while(|(a, b)| a == b)
            .count();
        while !old.is_char_boundary(old.len() - suffix) || !new.is_char_boundary(new.len() - suffix)
        {
            suffix -= 1;
        }
        let a = self.pos_of_offset(prefix);
        let b = self.pos_of_offset(old.len() - suffix);
        self.anchor = None;
        self.replace(a, b, &new[prefix..new.len() - suffix], false, now);
        self.typing = None;
        true
    }

    /// Byte offset of a position in [`LongText::text`].
    pub fn offset_of(&self, p: Pos) -> usize {
        self.paras[..p.line]
            .iter()
            .map(|x| x.text.len() + 1)
            .sum::<usize>()
            + p.byte
    }

    fn apply_group(&mut self, g: &Group, undo: bool) {
        if undo {
            for e in g.edits.iter().rev() {
                let end = self.end_of(e.at, &e.inserted);
                self.splice(e.at, end, &e.removed);
                self.cursor = e.before;
            }
        } else {
            for e in &g.edits {
                let end = self.end_of(e.at, &e.removed);
                self.splice(e.at, end, &e.inserted);
                self.cursor = e.after;
            }
        }
        self.cursor = self.clamp(self.cursor);
        self.anchor = None;
        self.goal = None;
        self.typing = None;
    }

    fn end_of(&self, at: Pos, text: &str) -> Pos {
        match text.rfind('\n') {
            Some(i) => Pos::new(at.line + text.matches('\n').count(), text.len() - i - 1),
            None => Pos::new(at.line, at.byte + text.len()),
        }
    }

    /// Applies an operation at time `now` (typed runs end after a pause).
    pub fn apply(&mut self, op: Op, now: Instant) -> Outcome {
        if !matches!(op, Op::Char(_)) {
            self.typing = None;
        }
        let sel = self.selection();
        match op {
            Op::Move(m, select) => {
                if select {
                    self.anchor.get_or_insert(self.cursor);
                } else if let Some((a, b)) = sel
                    && matches!(m, Move::Left | Move::Right)
                {
                    // An arrow collapses a selection to its side.
                    self.cursor = if m == Move::Left { a } else { b };
                    self.anchor = None;
                    return Outcome::default();
                } else {
                    self.anchor = None;
                }
                let (p, goal) = self.moved(m, self.cursor);
                self.cursor = p;
                self.goal = goal;
                Outcome::default()
            }
            Op::Char(c) => {
                let (a, b) = sel.unwrap_or((self.cursor, self.cursor));
                let mut buf = [0u8; 4];
                self.replace(a, b, c.encode_utf8(&mut buf), true, now);
                Outcome {
                    changed: true,
                    deleted: String::new(),
                }
            }
            Op::Newline => {
                let (a, b) = sel.unwrap_or((self.cursor, self.cursor));
                self.replace(a, b, "\n", false, now);
                Outcome {
                    changed: true,
                    deleted: String::new(),
                }
            }
            Op::Backspace | Op::Delete | Op::DeleteWordBack | Op::DeleteWordForward
                if sel.is_some() =>
            {
                let (a, b) = sel.unwrap_or_default();
                self.delete_range(a, b, now)
            }
            Op::Backspace => {
                let a = self.left(self.cursor);
                self.delete_range(a, self.cursor, now)
            }
            Op::Delete => {
                let b = self.right(self.cursor);
                self.delete_range(self.cursor, b, now)
            }
            Op::DeleteWordBack => {
                let a = self.word_left(self.cursor);
                self.delete_range(a, self.cursor, now)
            }
            Op::DeleteWordForward => {
                let b = self.word_right(self.cursor);
                self.delete_range(self.cursor, b, now)
            }
            Op::KillToEnd => {
                let p = self.cursor;
                let len = self.paras[p.line].text.len();
                let b = if p.byte < len {
                    Pos::new(p.line, len)
                } else {
                    self.right(p)
                };
                let o = self.delete_range(p, b, now);
                if o.changed {
                    self.yank = o.deleted.clone();
                }
                o
            }
            Op::KillToStart => {
                let p = self.cursor;
                let a = if p.byte > 0 {
                    Pos::new(p.line, 0)
                } else {
                    self.left(p)
                };
                let o = self.delete_range(a, p, now);
                if o.changed {
                    self.yank = o.deleted.clone();
                }
                o
            }
            Op::Cut => match sel {
                Some((a, b)) => {
                    let o = self.delete_range(a, b, now);
                    self.yank = o.deleted.clone();
                    o
                }
                None => Outcome::default(),
            },
            Op::Yank => {
                let y = self.yank.clone();
                Outcome {
                    changed: !y.is_empty() && self.insert_str(&y, now),
                    deleted: String::new(),
                }
            }
            Op::Undo => match self.undo.pop() {
                Some(g) => {
                    self.apply_group(&g, true);
                    self.redo.push(g);
                    Outcome {
                        changed: true,
                        deleted: String::new(),
                    }
                }
                None => Outcome::default(),
            },
            Op::Redo => match self.redo.pop() {
                Some(g) => {
                    self.apply_group(&g, false);
                    self.undo.push(g);
                    Outcome {
                        changed: true,
                        deleted: String::new(),
                    }
                }
                None => Outcome::default(),
            },
            Op::SelectAll => {
                self.anchor = Some(Pos::default());
                self.cursor = self.end();
                Outcome::default()
            }
            Op::CancelSelection => {
                self.anchor = None;
                Outcome::default()
            }
        }
    }

    /// Hidden characters (zero-width, bidi, BOM, soft hyphen…) in the text.
    pub fn hidden_count(&self) -> usize {
        self.paras
            .iter()
            .map(|p| p.text.chars().filter(|&c| wrap::is_hidden(c)).count())
            .sum()
    }

    /// Removes every hidden character as one undo step; returns how many.
    pub fn strip_hidden(&mut self, now: Instant) -> usize {
        let n = self.hidden_count();
        if n == 0 {
            return 0;
        }
        let text = self.text();
        let caret = self.offset_of(self.cursor);
        let removed_before: usize = text[..caret]
            .chars()
            .filter(|&c| wrap::is_hidden(c))
            .map(char::len_utf8)
            .sum();
        let clean: String = text.chars().filter(|&c| !wrap::is_hidden(c)).collect();
        self.set_text(&clean, caret - removed_before, now);
        n
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed(t: &mut LongText, s: &str, now: Instant) {
        for c in s.chars() {
            t.apply(Op::Char(c), now);
        }
    }

    #[test]
    fn a_typed_run_is_one_undo_step() {
        let now = Instant::now();
        let mut t = LongText::new("");
        typed(&mut t, "此外还需要加强数据安全", now);
        t.apply(Op::Undo, now);
        assert_eq!(t.text(), "");
        t.apply(Op::Redo, now);
        assert_eq!(t.text(), "此外还需要加强数据安全");
    }

    #[test]
    fn a_pause_a_move_or_a_newline_ends_the_run() {
        let now = Instant::now();
        let mut t = LongText::new("");
        typed(&mut t, "第一", now);
        typed(&mut t, "第二", now + Duration::from_secs(2));
        t.apply(Op::Undo, now);
        assert_eq!(t.text(), "第一");
        typed(&mut t, "段", now);
        t.apply(Op::Newline, now);
        typed(&mut t, "下", now);
        t.apply(Op::Undo, now);
        assert_eq!(t.text(), "第一段\n");
        t.apply(Op::Undo, now);
        assert_eq!(t.text(), "第一段");
        t.apply(Op::Move(Move::Left, false), now);
        typed(&mut t, "X", now);
        t.apply(Op::Undo, now);
        assert_eq!(t.text(), "第一段");
    }

    #[test]
    fn word_deletion_stops_at_punctuation_and_script() {
        let now = Instant::now();
        let text = "降低20%的整体运营成本，AI平台";
        let mut t = LongText::new(text);
        t.apply(Op::Move(Move::Bottom, false), now);
        let steps: Vec<String> = (0..7)
            .map(|_| t.apply(Op::DeleteWordBack, now).deleted)
            .collect();
        assert_eq!(
            steps,
            ["平台", "AI", "，", "的整体运营成本", "%", "20", "降低"]
        );
    }

    #[test]
    fn hidden_characters_are_stepped_over_and_removed_in_one_step() {
        let now = Instant::now();
        let mut t = LongText::new("数\u{200b}据\u{202e}");
        t.apply(Op::Move(Move::Right, false), now);
        t.apply(Op::Move(Move::Right, false), now);
        assert_eq!(t.cursor(), Pos::new(0, 6));
        assert_eq!(t.strip_hidden(now), 2);
        assert_eq!(t.text(), "数据");
        assert_eq!(t.cursor(), Pos::new(0, 3));
        t.apply(Op::Undo, now);
        assert_eq!(t.text(), "数\u{200b}据\u{202e}");
    }

    #[test]
    fn multi_line_edits_undo_exactly() {
        let now = Instant::now();
        let mut t = LongText::new("一二\n三四");
        t.set_cursor(Pos::new(0, 3));
        t.insert_str("甲\n乙\n丙", now);
        assert_eq!(t.text(), "一甲\n乙\n丙二\n三四");
        t.apply(Op::Move(Move::Top, false), now);
        t.apply(Op::Move(Move::Bottom, true), now);
        t.apply(Op::Cut, now);
        assert_eq!(t.text(), "");
        t.apply(Op::Undo, now);
        t.apply(Op::Undo, now);
        assert_eq!(t.text(), "一二\n三四");
    }
}
