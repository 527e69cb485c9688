//! How much a form description and a set of answers may hold. Pure.
//!
//! Files from other people are read with these bounds so a hostile or broken file is refused
//! with a clear message instead of making the program slow or huge. They are far above any real
//! form or application; docs/limits.md lists them with the file size and nesting limits.

use super::answers::{Answers, Value};
use super::schema::{ColumnKind, Form, Kind};

/// Sections in a form.
pub const MAX_SECTIONS: usize = 1_000;
/// Fields in a form, all sections together.
pub const MAX_FIELDS: usize = 10_000;
/// Options of one choice (or choice column).
pub const MAX_OPTIONS: usize = 1_000;
/// Columns of one table.
pub const MAX_COLUMNS: usize = 100;
/// Rules of one table.
pub const MAX_RULES: usize = 100;
/// Characters of one text of a form description (a title, a label, a help text, an example…).
pub const MAX_FORM_TEXT_CHARS: usize = 100_000;
/// Characters of a pattern field's regular expression.
pub const MAX_REGEX_CHARS: usize = 1_000;

/// Answers in a draft or submission (answers for fields a newer form dropped are kept too).
pub const MAX_ANSWERS: usize = 20_000;
/// Characters of one answer text (a long text, a list item, a table cell…). The editor warns
/// from 200,000; this leaves room so a draft the editor wrote is always read back.
pub const MAX_ANSWER_CHARS: usize = 1_000_000;
/// Rows of a table, items of a list, files of an attachments field, options selected.
pub const MAX_ITEMS: usize = 10_000;
/// Cells of one table row.
pub const MAX_CELLS: usize = MAX_COLUMNS;

/// What a limit is about, for messages.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Item {
    Sections,
    Fields,
    Options,
    Columns,
    Rules,
    /// A text of the form description.
    FormText,
    Regex,
    Answers,
    /// One answer's text.
    AnswerText,
    /// Rows, items, files or selected options of one answer.
    AnswerItems,
    Cells,
}

/// A limit that was passed: what, where (an id, or empty for the whole file), how many, the limit.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Exceeded {
    pub what: Item,
    /// The section, field or answer id it is in (empty: the file as a whole).
    pub place: String,
    pub count: usize,
    pub limit: usize,
}

fn over(what: Item, place: &str, count: usize, limit: usize) -> Result<(), Exceeded> {
    if count > limit {
        Err(Exceeded {
            what,
            place: place.to_string(),
            count,
            limit,
        })
    } else {
        Ok(())
    }
}

fn text(place: &str, s: &str, what: Item, limit: usize) -> Result<(), Exceeded> {
    // Cheap first: a text of fewer bytes than the limit has fewer characters too.
    if s.len() <= limit {
        return Ok(());
    }
    over(what, place, s.chars().count(), limit)
}

/// The first limit a form description passes, in file order.
pub fn check_form(form: &Form) -> Result<(), Exceeded> {
    over(Item::Sections, "", form.sections.len(), MAX_SECTIONS)?;
    let fields: usize = form.sections.iter().map(|s| s.fields.len()).sum();
    over(Item::Fields, "", fields, MAX_FIELDS)?;
    let t = |place: &str, s: &str| text(place, s, Item::FormText, MAX_FORM_TEXT_CHARS);
    for s in [&form.title]
        .into_iter()
        .chain(form.subtitle.iter())
        .chain(form.issuer.iter())
        .chain(form.doc_number.iter())
        .chain(form.deadline.iter())
        .chain(form.submit_to.iter())
        .chain(form.notes.iter())
    {
        t("", s)?;
    }
    for section in &form.sections {
        let p = section.id.as_str();
        for s in [&section.title]
            .into_iter()
            .chain(section.part.iter())
            .chain(section.help.iter())
        {
            t(p, s)?;
        }
        for field in &section.fields {
            let p = field.id.as_str();
            for s in [&field.label]
                .into_iter()
                .chain(field.help.iter())
                .chain(field.example.iter())
                .chain(field.placeholder.iter())
            {
                t(p, s)?;
            }
            match &field.kind {
                Kind::Choice { options, .. } => {
                    over(Item::Options, p, options.len(), MAX_OPTIONS)?;
                    options.iter().try_for_each(|o| t(p, o))?;
                }
                Kind::Pattern { regex, message } => {
                    text(p, regex, Item::Regex, MAX_REGEX_CHARS)?;
                    t(p, message)?;
                }
                Kind::Confirm { statement } => t(p, statement)?,
                Kind::Note { text } => t(p, text)?,
                Kind::Table { columns, rules, .. } => {
                    over(Item::Columns, p, columns.len(), MAX_COLUMNS)?;
                    over(Item::Rules, p, rules.len(), MAX_RULES)?;
                    for c in columns {
                        t(p, &c.label)?;
                        if let ColumnKind::Choice { options, .. } = &c.kind {
                            over(Item::Options, p, options.len(), MAX_OPTIONS)?;
                            options.iter().try_for_each(|o| t(p, o))?;
                        }
                    }
                }
                _ => {}
            }
        }
    }
    Ok(())
}

/// The first limit a set of answers passes (answers in id order).
pub fn check_answers(answers: &Answers) -> Result<(), Exceeded> {
    over(Item::Answers, "", answers.0.len(), MAX_ANSWERS)?;
    for (id, value) in &answers.0 {
        let t = |s: &str| text(id, s, Item::AnswerText, MAX_ANSWER_CHARS);
        let items = |n: usize| over(Item::AnswerItems, id, n, MAX_ITEMS);
        t(id)?;
        match value {
            Value::Text(s) | Value::Date(s) => t(s)?,
            Value::Confirm(_) => {}
            Value::Choice { selected, other } => {
                items(selected.len())?;
                selected.iter().try_for_each(|s| t(s))?;
                t(other)?;
            }
            Value::List(list) => {
                items(list.len())?;
                list.iter().try_for_each(|s| t(s))?;
            }
            Value::Table(rows) => {
                items(rows.len())?;
                for row in rows {
                    over(Item::Cells, id, row.len(), MAX_CELLS)?;
                    for (k, cell) in row {
                        t(k)?;
                        if let super::answers::Cell::Text(s) = cell {
                            t(s)?;
                        }
                    }
                }
            }
            Value::Attachments(files) => {
                items(files.len())?;
                for f in files {
                    t(&f.path)?;
                    t(&f.caption)?;
                }
            }
        }
    }
    Ok(())
}
