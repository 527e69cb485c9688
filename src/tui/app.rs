//! The editor's state: the form, the draft being edited, one editor per field, focus, overlays
//! and the save status. Views read it (`&App`); `update` changes it, and the driver records the
//! outcome of the effects it performed (save status, messages).

use std::collections::HashMap;
use std::time::Instant;

use ratatui_textarea::TextArea;

pub use super::field::Editor;
pub use super::field::attach::FileCheck;
use super::field::{Cx, Spot};
use crate::count::{self, Counts, LimitState};
use crate::draft::Draft;
use crate::draft::format::Place;
use crate::form::{self, Attachment, Cell, Field, Form, Problem, Value};
use crate::lang::Lang;

/// One field of the form while editing.
#[derive(Clone, Debug)]
pub struct FieldState {
    pub section: usize,
    pub index: usize,
    pub editor: Editor,
    /// Left at least once: validation messages show from then on.
    pub touched: bool,
    /// Counts of a limited text field, kept current on every edit.
    pub counts: Option<Counts>,
    /// The counts the overview and the "还可输入" line show: `counts` once typing pauses, so a
    /// keystroke over a slow link redraws one counter, not three.
    pub settled: Option<Counts>,
}

/// What the status line says about saving. It never claims "saved" for what is not on disk.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SaveState {
    /// A new draft with nothing typed yet: nothing to save, nothing on disk.
    New,
    /// Everything is on disk as of this local time (HH:MM:SS).
    Saved(String),
    Unsaved,
    Saving,
    /// The last save failed; the text is only in memory. A retry is scheduled.
    Failed(String),
    /// Opened read-only: nothing is written.
    ReadOnly,
}

/// How serious a status message is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Level {
    Info,
    Warn,
    Error,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Message {
    pub text: String,
    pub level: Level,
}

/// What covers the editor, if anything.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Overlay {
    None,
    Help {
        scroll: u16,
    },
    /// The section overview on its own (narrow terminals).
    Overview,
    /// Choosing an export format.
    Export {
        cursor: usize,
    },
}

/// Review mode (`tianbiao review`): read-only, hidden characters shown as markers, and the
/// reviewer's notes per field.
#[derive(Clone, Debug, Default)]
pub struct ReviewInfo {
    /// Which of the reviewed files this is (0-based) and how many there are.
    pub position: usize,
    pub count: usize,
    /// The file, for the header (already safe to show).
    pub path: String,
    /// Hidden characters in the whole file, by kind.
    pub hidden: Vec<(crate::sanitize::Hidden, usize)>,
    /// The one-line verdict of the checks.
    pub verdict: String,
    /// Field id → note.
    pub notes: std::collections::BTreeMap<String, String>,
    /// Field id → what a Word document's count leaves out (`另有文本框 15 字未计入`), worded.
    pub remarks: std::collections::BTreeMap<String, String>,
    /// The note being written: (the field index, `None` for the overall note; its editor).
    pub note_editor: Option<(Option<usize>, TextArea<'static>)>,
}

/// Smallest usable terminal: below it the form is not drawn and keys do not reach it.
pub const MIN_W: u16 = 32;
pub const MIN_H: u16 = 10;

/// The whole editor.
pub struct App {
    pub form: Form,
    pub draft: Draft,
    pub lang: Lang,
    pub fields: Vec<FieldState>,
    pub focus: usize,
    pub overlay: Overlay,
    pub show_example: bool,
    pub example_scroll: u16,
    pub save: SaveState,
    pub message: Option<Message>,
    pub read_only: bool,
    /// Bumped on every change of the answers; the saver reports which one it wrote.
    pub generation: u64,
    pub saved_generation: u64,
    /// The newest generation handed to the saver.
    pub requested_generation: u64,
    /// A second F8 on the same non-empty item/row confirms its removal: (field, item).
    pub pending_removal: Option<(usize, usize)>,
    pub last_edit: Option<Instant>,
    /// Typing is under way: secondary counters wait for a pause.
    pub settle_pending: bool,
    pub unsaved_since: Option<Instant>,
    /// When a save was last asked for, so continuous typing saves every `MAX_UNSAVED`.
    pub last_save_request: Option<Instant>,
    pub quit_requested: bool,
    /// Quitting was refused because the save failed: the status keeps saying so (and what to
    /// do) until a save works, rather than the plain failure.
    pub quit_blocked: bool,
    pub file_checks: HashMap<String, FileCheck>,
    /// Where the draft lives, for the header.
    pub draft_label: String,
    /// The conflict copy saves go to since another program changed the draft file.
    pub writing_to: Option<String>,
    /// Set in review mode.
    pub review: Option<ReviewInfo>,
    /// The terminal's size as last reported (`None` until the driver says).
    pub screen: Option<(u16, u16)>,
    /// Keys that arrived while the terminal was too small to show the form: not typed anywhere.
    pub ignored_keys: usize,
    /// The path prompt of a file import, while it is open.
    pub import: Option<super::import::Prompt>,
    /// Where tianbiao was started (relative import paths start there), for the prompt; empty
    /// when unknown.
    pub start_dir: String,
}

impl App {
    /// An editor for a draft of a form. `read_only` drafts can be viewed but never written.
    pub fn new(form: Form, draft: Draft, lang: Lang, read_only: bool, draft_label: String) -> App {
        App::build(form, draft, lang, read_only, draft_label, None)
    }

    /// A read-only reviewer's view of a received file: every hidden character is shown as a
    /// visible marker (⟨U+202E⟩), every problem is shown without waiting for the field to be left.
    pub fn new_review(form: Form, draft: Draft, lang: Lang, info: ReviewInfo) -> App {
        let label = draft.name.clone();
        let mut app = App::build(form, draft, lang, true, label, Some(info));
        for f in &mut app.fields {
            f.touched = true;
        }
        app
    }

    fn build(
        form: Form,
        draft: Draft,
        lang: Lang,
        read_only: bool,
        draft_label: String,
        review: Option<ReviewInfo>,
    ) -> App {
        let reveal = review.is_some();
        let mut fields = Vec::new();
        for (si, section) in form.sections.iter().enumerate() {
            for (fi, field) in section.fields.iter().enumerate() {
                let value = draft.answers.get(&field.id);
                let editor = if reveal {
                    Editor::new(field, value.map(revealed).as_ref())
                } else {
                    Editor::new(field, value)
                };
                fields.push(FieldState {
                    section: si,
                    index: fi,
                    editor,
                    touched: false,
                    counts: None,
                    settled: None,
                });
            }
        }
        let mut app = App {
            form,
            draft,
            lang,
            fields,
            focus: 0,
            overlay: Overlay::None,
            show_example: false,
            example_scroll: 0,
            save: if read_only {
                SaveState::ReadOnly
            } else {
                SaveState::Unsaved
            },
            message: None,
            read_only,
            generation: 0,
            saved_generation: 0,
            requested_generation: 0,
            pending_removal: None,
            last_edit: None,
            settle_pending: false,
            unsaved_since: None,
            last_save_request: None,
            quit_requested: false,
            quit_blocked: false,
            file_checks: HashMap::new(),
            draft_label,
            writing_to: None,
            review,
            screen: None,
            ignored_keys: 0,
            import: None,
            start_dir: String::new(),
        };
        for i in 0..app.fields.len() {
            app.recount(i);
        }
        app.focus = app.first_focusable().unwrap_or(0);
        if !reveal {
            app.restore_place();
            // The place on disk from now on (see `update`: moving alone saves only on quit).
            app.draft.place = Some(app.place());
        }
        app
    }

    /// Where the author is: section, field, item or row, column, caret.
    pub fn place(&self) -> Place {
        let spot = self
            .fields
            .get(self.focus)
            .map_or_else(Spot::default, |f| f.editor.kind().spot());
        Place {
            section: self
                .form
                .sections
                .get(self.section())
                .map_or_else(String::new, |s| s.id.clone()),
            field: self.focused().id.clone(),
            item: spot.item,
            column: spot.column,
            caret: spot.caret,
        }
    }

    /// Reopens where the draft was left: the field (or, when it is gone or hidden, the first
    /// field of its section), the item or row, the caret. What no longer exists is skipped.
    fn restore_place(&mut self) {
        let Some(p) = self.draft.place.clone() else {
            return;
        };
        let by_field = (0..self.fields.len()).find(|&i| self.field(i).id == p.field);
        let exact = by_field.filter(|&i| self.focusable(i));
        let in_section = || {
            let si = self.form.sections.iter().position(|s| s.id == p.section)?;
            self.section_fields(si).find(|&i| self.focusable(i))
        };
        let Some(i) = exact.or_else(in_section) else {
            return;
        };
        self.focus = i;
        if exact.is_none() {
            return;
        }
        let (editor, cx) = self.editor_mut(i);
        editor.kind_mut().put_spot(
            &cx,
            Spot {
                item: p.item,
                column: p.column,
                caret: p.caret,
            },
        );
    }

    pub fn field(&self, i: usize) -> &Field {
        let s = &self.fields[i];
        &self.form.sections[s.section].fields[s.index]
    }

    pub fn focused(&self) -> &Field {
        self.field(self.focus)
    }

    /// What the editor of field `i` may read about it.
    pub fn cx(&self, i: usize) -> Cx<'_> {
        let field = self.field(i);
        Cx {
            field,
            answer: self.draft.answers.get(&field.id),
            form: &self.form,
            read_only: self.read_only,
        }
    }

    /// The editor of field `i`, to change, with what it may read.
    pub fn editor_mut(&mut self, i: usize) -> (&mut Editor, Cx<'_>) {
        let state = &mut self.fields[i];
        let field = &self.form.sections[state.section].fields[state.index];
        let cx = Cx {
            field,
            answer: self.draft.answers.get(&field.id),
            form: &self.form,
            read_only: self.read_only,
        };
        (&mut state.editor, cx)
    }

    /// The section the focus is in.
    pub fn section(&self) -> usize {
        self.fields.get(self.focus).map_or(0, |f| f.section)
    }

    /// Whether field `i` is shown (its `visible_when` holds).
    pub fn visible(&self, i: usize) -> bool {
        self.draft.answers.is_visible(&self.form, self.field(i))
    }

    /// Whether field `i` can take the focus.
    pub fn focusable(&self, i: usize) -> bool {
        self.fields[i].editor.kind().focusable() && self.visible(i)
    }

    pub fn first_focusable(&self) -> Option<usize> {
        (0..self.fields.len()).find(|&i| self.focusable(i))
    }

    /// Fields of a section, as indexes into `fields`.
    pub fn section_fields(&self, section: usize) -> impl Iterator<Item = usize> + '_ {
        (0..self.fields.len()).filter(move |&i| self.fields[i].section == section)
    }

    /// Recomputes the counts of field `i` from its answer.
    pub fn recount(&mut self, i: usize) {
        let field = self.field(i);
        let counts = self.form.limit_of(field).map(|_| {
            count::count(
                self.draft.answers.text(&field.id),
                self.form.count_options(),
            )
        });
        self.fields[i].counts = counts;
        if !self.settle_pending {
            self.fields[i].settled = counts;
        }
    }

    /// Brings every secondary counter up to date; whether any changed.
    pub fn settle(&mut self) -> bool {
        self.settle_pending = false;
        let mut changed = false;
        for f in &mut self.fields {
            if f.settled != f.counts {
                f.settled = f.counts;
                changed = true;
            }
        }
        changed
    }

    /// `limit_info` as the secondary counters show it (see `FieldState::settled`).
    pub fn settled_limit_info(&self, i: usize) -> Option<(usize, usize, LimitState, count::Mode)> {
        let field = self.field(i);
        let (limit, mode) = self.form.limit_of(field)?;
        let n = self.fields[i].settled?.get(mode);
        Some((
            n,
            limit,
            count::limit_state(n, limit, field.warn_ratio()),
            mode,
        ))
    }

    /// `(count, limit, state, mode)` of a limited field.
    pub fn limit_info(&self, i: usize) -> Option<(usize, usize, LimitState, count::Mode)> {
        let field = self.field(i);
        let (limit, mode) = self.form.limit_of(field)?;
        let n = self.fields[i].counts?.get(mode);
        Some((
            n,
            limit,
            count::limit_state(n, limit, field.warn_ratio()),
            mode,
        ))
    }

    /// The problems of field `i`, including attachment files the driver found missing.
    pub fn problems(&self, i: usize) -> Vec<Problem> {
        let field = self.field(i);
        if !self.visible(i) {
            return Vec::new();
        }
        let known = self.limit_info(i).map(|(n, ..)| n);
        let mut problems =
            form::validate::check_field_counted(&self.form, field, &self.draft.answers, known);
        let editor = self.fields[i].editor.kind();
        problems.extend(editor.file_problems(&self.cx(i), &self.file_checks));
        problems
    }

    /// Whether the terminal is too small to show the form (keys then go nowhere).
    pub fn too_small(&self) -> bool {
        self.screen.is_some_and(|(w, h)| w < MIN_W || h < MIN_H)
    }

    /// Whether there is anything not yet on disk.
    pub fn dirty(&self) -> bool {
        self.generation != self.saved_generation
    }

    /// The draft as it should be saved now. Empty list items are an editing state (the item
    /// just added), not an answer: they are not saved.
    pub fn snapshot(&self, now_rfc3339: &str) -> Draft {
        let mut d = self.draft.clone();
        d.updated = now_rfc3339.to_string();
        d.place = Some(self.place());
        for f in self.form.sections.iter().flat_map(|s| &s.fields) {
            if let Some(Value::List(items)) = d.answers.get(&f.id)
                && items.iter().any(|t| t.trim().is_empty())
            {
                let kept = items
                    .iter()
                    .filter(|t| !t.trim().is_empty())
                    .cloned()
                    .collect();
                d.answers.set(f.id.clone(), Value::List(kept));
            }
        }
        d
    }
}

/// An answer with every hidden character replaced by a visible marker, for review.
fn revealed(v: &Value) -> Value {
    let r = |s: &String| crate::sanitize::for_terminal_with(s, true);
    match v {
        Value::Text(s) => Value::Text(r(s)),
        Value::Date(s) => Value::Date(r(s)),
        Value::Choice { selected, other } => Value::Choice {
            selected: selected.clone(),
            other: r(other),
        },
        Value::List(items) => Value::List(items.iter().map(r).collect()),
        Value::Table(rows) => Value::Table(
            rows.iter()
                .map(|row| {
                    row.iter()
                        .map(|(k, c)| {
                            let c = match c {
                                Cell::Text(t) => Cell::Text(r(t)),
                                other => other.clone(),
                            };
                            (k.clone(), c)
                        })
                        .collect()
                })
                .collect(),
        ),
        Value::Attachments(files) => Value::Attachments(
            files
                .iter()
                .map(|a| Attachment {
                    path: r(&a.path),
                    caption: r(&a.caption),
                })
                .collect(),
        ),
        Value::Confirm(b) => Value::Confirm(*b),
    }
}

/// The state marker of a field in the overview. Colour is never the only signal: each has a
/// character too.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mark {
    Empty,
    Ok,
    Near,
    Over,
    MissingRequired,
    Invalid,
}

impl Mark {
    pub fn symbol(self) -> &'static str {
        match self {
            Mark::Empty => "-",
            Mark::Ok => "✓",
            Mark::Near => "~",
            Mark::Over => "!",
            Mark::MissingRequired => "*",
            Mark::Invalid => "✗",
        }
    }

    /// Which mark wins when a section sums up its fields.
    fn rank(self) -> u8 {
        match self {
            Mark::Ok => 0,
            Mark::Empty => 1,
            Mark::Near => 2,
            Mark::MissingRequired => 3,
            Mark::Invalid => 4,
            Mark::Over => 5,
        }
    }
}

impl App {
    /// The marker of field `i`.
    pub fn mark(&self, i: usize) -> Mark {
        // A table's row rule (附件2's 不少于 10 个) is a reminder, never a ✗.
        let problems: Vec<Problem> = self
            .problems(i)
            .into_iter()
            .filter(|p| !matches!(p, Problem::RowRule { .. }))
            .collect();
        if problems
            .iter()
            .any(|p| matches!(p, Problem::OverLimit { .. }))
        {
            return Mark::Over;
        }
        if problems.iter().any(|p| matches!(p, Problem::Required)) {
            return Mark::MissingRequired;
        }
        if !problems.is_empty() {
            return Mark::Invalid;
        }
        if let Some((_, _, LimitState::Near { .. }, _)) = self.limit_info(i) {
            return Mark::Near;
        }
        let empty = self
            .draft
            .answers
            .get(&self.field(i).id)
            .is_none_or(Value::is_empty);
        if empty { Mark::Empty } else { Mark::Ok }
    }

    /// The worst marker among a section's visible fields. An empty optional field does not
    /// make a section with answers look untouched: only a section with nothing in it is `-`.
    pub fn section_mark(&self, section: usize) -> Mark {
        let marks: Vec<(bool, Mark)> = self
            .section_fields(section)
            .filter(|&i| self.focusable(i))
            .map(|i| (self.field(i).required, self.mark(i)))
            .collect();
        let started = marks.iter().any(|&(_, m)| m != Mark::Empty);
        marks
            .into_iter()
            .filter(|&(required, m)| !(started && !required && m == Mark::Empty))
            .map(|(_, m)| m)
            .max_by_key(|m| m.rank())
            .unwrap_or(Mark::Ok)
    }
}
