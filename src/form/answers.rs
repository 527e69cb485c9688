//! The answers model: what an author typed, per field, typed by field kind. Drafts store it,
//! the editor edits it, export and review read it. Pure data.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::schema::{ColumnKind, Field, Form, Kind, Section};

/// One field's answer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Value {
    /// Text, long text, email, phone and pattern fields.
    Text(String),
    /// Selected options in the form's order; `other` is the text of the "other, specify" option.
    Choice {
        selected: Vec<String>,
        #[serde(default)]
        other: String,
    },
    /// A date as the author wrote it; valid dates are stored as `YYYY-MM-DD`.
    Date(String),
    List(Vec<String>),
    Table(Vec<Row>),
    Attachments(Vec<Attachment>),
    Confirm(bool),
}

/// One table row: cell values by column id. Serial columns are never stored.
pub type Row = BTreeMap<String, Cell>;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Cell {
    Text(String),
    Bool(bool),
}

/// A file sent with the form, with its caption (图1 …).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Attachment {
    pub path: String,
    #[serde(default)]
    pub caption: String,
}

/// All answers of one draft, keyed by field id. A missing entry means "not answered".
/// Entries whose field no longer exists in the form are kept (a newer form version may have
/// removed it); nothing here ever drops text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(transparent)]
pub struct Answers(pub BTreeMap<String, Value>);

impl Value {
    /// An empty answer of the right shape for a field.
    pub fn empty_for(kind: &Kind) -> Value {
        match kind {
            Kind::Choice { .. } => Value::Choice {
                selected: Vec::new(),
                other: String::new(),
            },
            Kind::Date => Value::Date(String::new()),
            Kind::List { .. } => Value::List(Vec::new()),
            Kind::Table { .. } => Value::Table(Vec::new()),
            Kind::Attachments { .. } => Value::Attachments(Vec::new()),
            Kind::Confirm { .. } => Value::Confirm(false),
            _ => Value::Text(String::new()),
        }
    }

    /// Whether the answer counts as "not filled in" for a required field.
    pub fn is_empty(&self) -> bool {
        match self {
            Value::Text(s) | Value::Date(s) => s.trim().is_empty(),
            Value::Choice { selected, .. } => selected.is_empty(),
            Value::List(items) => items.iter().all(|i| i.trim().is_empty()),
            Value::Table(rows) => rows.iter().all(row_is_empty),
            Value::Attachments(files) => files.is_empty(),
            Value::Confirm(accepted) => !accepted,
        }
    }

    /// Whether this value has the shape the field kind expects.
    pub fn fits(&self, kind: &Kind) -> bool {
        matches!(
            (self, kind),
            (Value::Choice { .. }, Kind::Choice { .. })
                | (Value::Date(_), Kind::Date)
                | (Value::List(_), Kind::List { .. })
                | (Value::Table(_), Kind::Table { .. })
                | (Value::Attachments(_), Kind::Attachments { .. })
                | (Value::Confirm(_), Kind::Confirm { .. })
        ) || (matches!(self, Value::Text(_)) && kind.is_textual())
    }

    /// The text of a textual answer.
    pub fn as_text(&self) -> Option<&str> {
        match self {
            Value::Text(s) => Some(s),
            _ => None,
        }
    }

    /// Every piece of free text in the answer, for scans such as hidden-character checks.
    pub fn texts(&self) -> Vec<&str> {
        match self {
            Value::Text(s) | Value::Date(s) => vec![s],
            Value::Choice { selected, other } => {
                let mut v: Vec<&str> = selected.iter().map(String::as_str).collect();
                v.push(other);
                v
            }
            Value::List(items) => items.iter().map(String::as_str).collect(),
            Value::Table(rows) => rows
                .iter()
                .flat_map(|r| r.iter())
                .flat_map(|(k, c)| match c {
                    Cell::Text(t) => vec![k.as_str(), t.as_str()],
                    Cell::Bool(_) => vec![k.as_str()],
                })
                .collect(),
            Value::Attachments(files) => files
                .iter()
                .flat_map(|a| [a.path.as_str(), a.caption.as_str()])
                .collect(),
            Value::Confirm(_) => Vec::new(),
        }
    }
}

fn row_is_empty(row: &Row) -> bool {
    row.values().all(|c| match c {
        Cell::Text(t) => t.trim().is_empty(),
        Cell::Bool(b) => !b,
    })
}

impl Answers {
    pub fn get(&self, id: &str) -> Option<&Value> {
        self.0.get(id)
    }

    pub fn set(&mut self, id: impl Into<String>, value: Value) {
        self.0.insert(id.into(), value);
    }

    /// The text of a textual field, or "" when unanswered.
    pub fn text(&self, id: &str) -> &str {
        self.get(id).and_then(Value::as_text).unwrap_or("")
    }

    /// The attachments of the visible attachment fields, in template order, each with the
    /// section and field it belongs to (a path listed twice comes twice).
    pub fn visible_attachments<'a>(
        &'a self,
        form: &'a Form,
    ) -> impl Iterator<Item = (&'a Section, &'a Field, &'a Attachment)> + 'a {
        form.fields()
            .filter(|(_, f)| matches!(f.kind, Kind::Attachments { .. }) && self.is_visible(form, f))
            .filter_map(|(s, f)| match self.get(&f.id) {
                Some(Value::Attachments(list)) => Some((s, f, list)),
                _ => None,
            })
            .flat_map(|(s, f, list)| list.iter().map(move |a| (s, f, a)))
    }

    /// Whether a field is shown, given its `visible_when` condition and the current answers.
    pub fn is_visible(&self, form: &Form, field: &Field) -> bool {
        // A field hidden behind a hidden field is hidden too; the depth bound guards cycles.
        self.is_visible_depth(form, field, 8)
    }

    fn is_visible_depth(&self, form: &Form, field: &Field, depth: u8) -> bool {
        if depth == 0 {
            return false;
        }
        let Some(cond) = &field.visible_when else {
            return true;
        };
        let Some(other) = form.field(&cond.field) else {
            return true;
        };
        self.is_visible_depth(form, other, depth - 1)
            && match self.get(&cond.field) {
                Some(Value::Choice { selected, .. }) => selected.contains(&cond.equals),
                Some(Value::Confirm(b)) => b.to_string() == cond.equals,
                Some(Value::Text(s) | Value::Date(s)) => s.trim() == cond.equals,
                Some(Value::List(items)) => items.iter().any(|i| i.trim() == cond.equals),
                _ => false,
            }
    }

    /// Answers kept for ids the form does not have (e.g. removed in a newer form version).
    pub fn orphans<'a>(&'a self, form: &'a Form) -> impl Iterator<Item = (&'a String, &'a Value)> {
        self.0.iter().filter(|(id, _)| form.field(id).is_none())
    }

    /// (answered, total) over the visible fields that take an answer.
    pub fn completeness(&self, form: &Form) -> (usize, usize) {
        let mut done = 0;
        let mut total = 0;
        for (_, field) in form.fields() {
            if matches!(field.kind, Kind::Note { .. }) || !self.is_visible(form, field) {
                continue;
            }
            total += 1;
            if self.get(&field.id).is_some_and(|v| !v.is_empty()) {
                done += 1;
            }
        }
        (done, total)
    }
}

/// Whether a table column is stored per row (serial numbers are derived from the position).
pub fn column_is_stored(kind: &ColumnKind) -> bool {
    !matches!(kind, ColumnKind::Serial)
}
