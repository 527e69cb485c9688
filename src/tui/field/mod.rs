//! The field editors, one module per kind of field: `line` (text, email, phone, pattern, date),
//! `long` (long text), `choice`, `list`, `table` and `attach` (both on the cell grid of `grid`),
//! `confirm` and `note`. Each kind owns its editing state, the conversion from and to its answer,
//! its keys and key context, paste, the commands it takes (toggle, items, tidying on leave, the
//! caret after F6, the mouse wheel, the place a resumed draft reopens at), and its height and
//! drawing in the pane (`view/pane.rs` lays out the label line, problems and scrolling around it).
//!
//! Shape: the kinds implement one trait, `FieldEditor`, whose methods have defaults, so a kind
//! writes only what it does. `Editor` is the closed enum of the kinds rather than a boxed trait
//! object, because that keeps the state plain data (`Clone`, `Debug`) and lets the few features
//! of one kind match on it (the external editor and file import take a long text, Enter is a list
//! command) without downcasting. `update` and the pane call the trait through `Editor::kind`.
//! Adding a kind is one module here, one arm in `Editor` (with its two lines in `kind`/`kind_mut`)
//! and one arm in `Editor::new`; the compiler points at each.

pub mod attach;
pub mod choice;
pub mod confirm;
pub mod grid;
pub mod line;
pub mod list;
pub mod long;
pub mod note;
pub mod table;
pub mod textarea;

use std::collections::HashMap;
use std::time::Instant;

use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;
use ratatui::text::Span;

use super::app::{App, Overlay};
use super::keymap::Ctx;
use crate::form::{Field, Form, Kind, Problem, Value};
use crate::text::buffer::LongText;
use crate::theme::Styles;
use attach::FileCheck;

/// What a kind may read while it handles a key or a command: the field's description, its
/// stored answer, the form (for a separate "请注明" field), and whether nothing may change.
pub struct Cx<'a> {
    pub field: &'a Field,
    pub answer: Option<&'a Value>,
    pub form: &'a Form,
    pub read_only: bool,
}

/// What a kind may read while it is measured or drawn.
pub struct View<'a> {
    pub app: &'a App,
    pub i: usize,
    /// The field is the focus.
    pub current: bool,
    /// It has the keys too: the focus, with nothing over it.
    pub focused: bool,
}

impl<'a> View<'a> {
    pub fn new(app: &'a App, i: usize) -> View<'a> {
        let current = i == app.focus;
        View {
            app,
            i,
            current,
            focused: current && app.overlay == Overlay::None,
        }
    }

    pub fn field(&self) -> &'a Field {
        self.app.field(self.i)
    }

    pub fn answer(&self) -> Option<&'a Value> {
        self.app.draft.answers.get(&self.field().id)
    }
}

/// Where a key moves the focus when it runs off the field's edge.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Nav {
    Next,
    Prev,
}

/// What a key did in a field.
#[derive(Debug, Default)]
pub struct Keyed {
    /// The answer changed.
    pub changed: bool,
    /// The key would have changed a read-only field.
    pub refused: bool,
    /// Text one key deleted (reported when it is long).
    pub deleted: String,
    /// The key left the field.
    pub nav: Option<Nav>,
    /// Typing into an empty table: a first row has to be added, then the key goes into it.
    pub start_row: bool,
}

/// What leaving a field tidied or asks for.
#[derive(Debug, PartialEq, Eq)]
pub enum Left {
    /// Full-width characters typed by an IME became half-width: the text now.
    HalfWidth(String),
    /// A date was rewritten as YYYY-MM-DD.
    Tidied,
    /// An attachment file to look at.
    CheckFile(String),
}

/// The rows of a list, a table or an attachment list, as the item commands see them.
pub trait Items {
    fn len(&self) -> usize;
    fn is_empty(&self) -> bool {
        self.len() == 0
    }
    /// The item under the cursor.
    fn cursor(&self) -> usize;
    /// Whether item `at` holds nothing worth a confirmation before removing it.
    fn is_blank(&self, at: usize) -> bool;
    /// Adds an empty item after the cursor (or the first one) and moves the cursor onto it.
    fn add(&mut self);
    fn remove(&mut self, at: usize);
    /// Swaps the item under the cursor with its neighbour; whether it moved.
    fn shift(&mut self, down: bool) -> bool;
}

/// Where the caret is inside a field: the item of a list, the row and column of a grid, the
/// option of a choice, and the caret in characters from the start of its text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Spot {
    pub item: usize,
    pub column: usize,
    pub caret: usize,
}

/// One kind of field editor. Every method but `value` and `draw` has a default: a kind that takes no
/// paste, no toggle, no items does nothing for them.
pub trait FieldEditor {
    /// The answer the editor holds, for the kinds whose editor is the source of truth (a choice
    /// keeps its ticks in the draft and takes only the "other" text from here; a confirmation
    /// and a note hold nothing).
    fn value(&self, cx: &Cx) -> Option<Value>;

    /// Whether the focus can rest here.
    fn focusable(&self) -> bool {
        true
    }

    /// The key context for the keymap.
    fn keys(&self, _cx: &Cx) -> Ctx {
        Ctx::Text
    }

    /// A key the keymap did not bind.
    fn key(&mut self, _cx: &Cx, _ev: KeyEvent, _now: Instant) -> Keyed {
        Keyed::default()
    }

    /// Whether pasted line breaks stay (else they become spaces).
    fn multiline(&self) -> bool {
        false
    }

    /// Inserts pasted, already normalised text; whether there was a place for it.
    fn paste(&mut self, _cx: &Cx, _text: &str, _now: Instant) -> bool {
        false
    }

    /// The answer after the toggle key (Space), if the kind has something to toggle.
    fn toggle(&self, _cx: &Cx) -> Option<Value> {
        None
    }

    /// The items, for the kinds made of them.
    fn items(&mut self) -> Option<&mut dyn Items> {
        None
    }

    /// The most items the field allows.
    fn max_items(&self, _field: &Field) -> Option<usize> {
        None
    }

    /// Removes every hidden character as one undo step; how many there were.
    fn strip_hidden(&mut self, _now: Instant) -> usize {
        0
    }

    /// Esc: drops the selection.
    fn cancel_selection(&mut self, _now: Instant) {}

    /// After F6 landed here: the caret on the byte `overflow` gives for the text (the first
    /// character over the limit), else at the end, where a fix is typed.
    fn land(&mut self, _overflow: &dyn Fn(&str) -> Option<usize>) {}

    /// Rows the editor takes under the label, drawn `w` cells wide.
    fn height(&self, _v: &View, _w: usize) -> usize {
        1
    }

    /// Draws the editor into `r` (under the label, indented; never empty). A focused editor
    /// puts the terminal cursor at its caret.
    fn draw(&self, frame: &mut Frame, v: &View, styles: &Styles, r: Rect);

    /// What the label line shows on the right instead of the counter.
    fn badge(&self, _v: &View, _styles: &Styles) -> Option<Span<'static>> {
        None
    }

    /// Whether the focused editor takes every row the other fields leave.
    fn fills(&self) -> bool {
        false
    }

    /// The mouse wheel over the focused field; whether the field scrolled (else the focus moves).
    fn wheel(&mut self, _down: bool, _now: Instant) -> bool {
        false
    }

    /// Where the caret is, for reopening the draft there.
    fn spot(&self) -> Spot {
        Spot::default()
    }

    /// Puts the caret back where `spot` said; what no longer exists is skipped.
    fn put_spot(&mut self, _cx: &Cx, _at: Spot) {}

    /// Problems the driver's look at files found, beyond what validation sees in the answer.
    fn file_problems(&self, _cx: &Cx, _checks: &HashMap<String, FileCheck>) -> Vec<Problem> {
        Vec::new()
    }

    /// Leaving the field: what was tidied (in order) and what to check.
    fn leave(&mut self, _cx: &Cx) -> Vec<Left> {
        Vec::new()
    }
}

/// The editing state of one field, by kind.
#[derive(Clone, Debug)]
pub enum Editor {
    Line(line::Line),
    /// Long text: paragraphs, in a buffer laid out by the Chinese line-breaking rules.
    Long(Box<LongText>),
    Choice(choice::Choice),
    List(list::List),
    Table(table::Table),
    Attach(attach::Attach),
    Confirm(confirm::Confirm),
    Note(note::Note),
}

impl Editor {
    /// The editor of a field, filled from its stored answer.
    pub fn new(field: &Field, value: Option<&Value>) -> Editor {
        match &field.kind {
            Kind::LongText { .. } => Editor::Long(Box::new(long::new(value))),
            Kind::Text { .. } | Kind::Email | Kind::Phone | Kind::Pattern { .. } | Kind::Date => {
                Editor::Line(line::Line::new(value))
            }
            Kind::Choice { .. } => Editor::Choice(choice::Choice::new(value)),
            Kind::List { .. } => Editor::List(list::List::new(value)),
            Kind::Table { columns, .. } => Editor::Table(table::Table::new(columns, value)),
            Kind::Attachments { .. } => Editor::Attach(attach::Attach::new(value)),
            Kind::Confirm { .. } => Editor::Confirm(confirm::Confirm),
            Kind::Note { .. } => Editor::Note(note::Note),
        }
    }

    pub fn kind(&self) -> &dyn FieldEditor {
        match self {
            Editor::Line(e) => e,
            Editor::Long(e) => e.as_ref(),
            Editor::Choice(e) => e,
            Editor::List(e) => e,
            Editor::Table(e) => e,
            Editor::Attach(e) => e,
            Editor::Confirm(e) => e,
            Editor::Note(e) => e,
        }
    }

    pub fn kind_mut(&mut self) -> &mut dyn FieldEditor {
        match self {
            Editor::Line(e) => e,
            Editor::Long(e) => e.as_mut(),
            Editor::Choice(e) => e,
            Editor::List(e) => e,
            Editor::Table(e) => e,
            Editor::Attach(e) => e,
            Editor::Confirm(e) => e,
            Editor::Note(e) => e,
        }
    }
}

/// Moves the item under `cursor` one place up or down; whether it moved.
pub(crate) fn swap<T>(v: &mut [T], cursor: &mut usize, down: bool) -> bool {
    let to = if down {
        *cursor + 1
    } else {
        match cursor.checked_sub(1) {
            Some(t) => t,
            None => return false,
        }
    };
    if to >= v.len() || *cursor >= v.len() {
        return false;
    }
    v.swap(*cursor, to);
    *cursor = to;
    true
}
