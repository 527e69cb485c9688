//! Plain mode: the form walked line by line, for screen readers, dumb terminals and scripts.
//! No cursor addressing, no colour, nothing but lines of text on stdout and answers read line
//! by line; every answer is saved before the next prompt through the same draft session the
//! editor uses. It owns the walk (order, visibility, commands, re-asking); `answer` turns lines
//! into values and `msg` has the words.
//!
//! Commands on the first line of an answer: `?` help, `<` back, `>` skip, `:list`,
//! `:goto FIELD` (id, label or number), `:q` save and quit; an empty line keeps the answer and
//! `-` clears it. Multi-line answers (long text, lists, tables, files) end with a line holding
//! only `.` — or at the end of input, which saves what was read.

pub mod answer;
pub mod msg;

use std::io::{BufRead, Write};

use crate::draft::Draft;
use crate::form::{Field, Finding, Form, Kind, Section, Value};
use crate::lang::Lang;

/// How a walk ended.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// The last field was passed, or `:q`.
    Done,
    /// Input ended; everything answered is saved.
    Eof,
    /// Input ended while the answer being asked for was rejected (invalid or unreadable).
    EofRejected,
    /// Saving failed; the message was printed.
    SaveFailed,
}

/// Where answers go: called after every change, before the next prompt. `Err` stops the walk.
pub type SaveFn<'a> = dyn FnMut(&Draft) -> Result<Option<String>, String> + 'a;

/// One line of input.
enum Line {
    Text(String),
    /// Not UTF-8.
    Invalid,
    Eof,
}

fn read_line(input: &mut dyn BufRead) -> Line {
    let mut buf = Vec::new();
    match input.read_until(b'\n', &mut buf) {
        Ok(0) | Err(_) => Line::Eof,
        Ok(_) => {
            while buf.last().is_some_and(|b| *b == b'\n' || *b == b'\r') {
                buf.pop();
            }
            String::from_utf8(buf).map_or(Line::Invalid, Line::Text)
        }
    }
}

/// The walk over one draft of one form.
pub struct Walk<'a> {
    form: &'a Form,
    pub draft: Draft,
    lang: Lang,
    input: &'a mut dyn BufRead,
    out: &'a mut dyn Write,
    save: &'a mut SaveFn<'a>,
    /// Every field with its section, in template order.
    fields: Vec<(&'a Section, &'a Field)>,
}

/// What to do after a field.
enum Next {
    Go(usize),
    Stop(Outcome),
}

impl<'a> Walk<'a> {
    pub fn new(
        form: &'a Form,
        draft: Draft,
        lang: Lang,
        input: &'a mut dyn BufRead,
        out: &'a mut dyn Write,
        save: &'a mut SaveFn<'a>,
    ) -> Walk<'a> {
        Walk {
            form,
            draft,
            lang,
            input,
            out,
            save,
            fields: form.fields().collect(),
        }
    }

    fn say(&mut self, line: &str) {
        let _ = writeln!(self.out, "{line}");
    }

    fn prompt(&mut self, p: &str) {
        let _ = write!(self.out, "{p}");
        let _ = self.out.flush();
    }

    /// Fields that take an answer, numbered from 1 in `:list` and `:goto`.
    fn answerable(&self) -> Vec<usize> {
        (0..self.fields.len())
            .filter(|&i| !matches!(self.fields[i].1.kind, Kind::Note { .. }))
            .collect()
    }

    fn number_of(&self, i: usize) -> usize {
        self.answerable()
            .iter()
            .position(|&j| j == i)
            .map_or(0, |p| p + 1)
    }

    fn visible(&self, i: usize) -> bool {
        self.draft.answers.is_visible(self.form, self.fields[i].1)
    }

    /// Runs the walk from the first field. `draft_path` is shown at the start and the end.
    pub fn run(&mut self, draft_path: &str) -> Outcome {
        let total = self.answerable().len();
        for l in msg::intro(self.lang, self.form, draft_path, total) {
            self.say(&l);
        }
        let mut i = 0;
        let mut shown_section: Option<usize> = None;
        let outcome = loop {
            if i >= self.fields.len() {
                self.say(msg::end_reached(self.lang));
                break Outcome::Done;
            }
            if !self.visible(i) {
                i += 1;
                continue;
            }
            let (section, field) = self.fields[i];
            let si = self
                .form
                .sections
                .iter()
                .position(|s| std::ptr::eq(s, section));
            if si != shown_section {
                shown_section = si;
                let lines = msg::section(
                    self.lang,
                    section.part.as_deref(),
                    &section.title,
                    section.help.as_deref(),
                );
                for l in lines {
                    self.say(&l);
                }
            }
            if let Kind::Note { text } = &field.kind {
                let t = crate::sanitize::for_terminal_with(text, true);
                self.say(&t);
                i += 1;
                continue;
            }
            match self.field(i) {
                Next::Go(n) => i = n,
                Next::Stop(o) => break o,
            }
        };
        if outcome != Outcome::SaveFailed {
            let (filled, total) = self.draft.answers.completeness(self.form);
            let problems = crate::form::validate(self.form, &self.draft.answers).len();
            let line = msg::done(self.lang, draft_path, filled, total, problems);
            self.say(&line);
        }
        outcome
    }

    fn prev_visible(&self, i: usize) -> Option<usize> {
        (0..i)
            .rev()
            .find(|&j| self.visible(j) && !matches!(self.fields[j].1.kind, Kind::Note { .. }))
    }

    fn problems(&self, i: usize) -> Vec<Finding> {
        let (section, field) = self.fields[i];
        crate::form::validate::check_field(self.form, field, &self.draft.answers)
            .into_iter()
            .map(|problem| Finding {
                section: section.id.clone(),
                field: field.id.clone(),
                problem,
            })
            .collect()
    }

    fn store(&mut self, i: usize, value: Option<Value>) -> Result<(), Outcome> {
        let id = self.fields[i].1.id.clone();
        match value {
            Some(v) => self.draft.answers.set(id, v),
            None => {
                self.draft.answers.0.remove(&id);
            }
        }
        match (self.save)(&self.draft) {
            Ok(Some(note)) => {
                self.say(&note);
                Ok(())
            }
            Ok(None) => Ok(()),
            Err(e) => {
                self.say(&e);
                Err(Outcome::SaveFailed)
            }
        }
    }

    /// Asks for field `i` until it is answered acceptably, skipped or left.
    fn field(&mut self, i: usize) -> Next {
        let lang = self.lang;
        let field = self.fields[i].1;
        let total = self.answerable().len();
        let number = self.number_of(i);
        let lines = msg::prompt(
            lang,
            self.form,
            field,
            number,
            total,
            self.draft.answers.get(&field.id),
        );
        for l in lines {
            self.say(&l);
        }
        let mut rejected = false;
        loop {
            self.prompt(msg::ask(lang));
            let first = match read_line(self.input) {
                Line::Eof => {
                    self.say("");
                    return Next::Stop(if rejected {
                        Outcome::EofRejected
                    } else {
                        Outcome::Eof
                    });
                }
                Line::Invalid => {
                    self.say(msg::not_utf8(lang));
                    rejected = true;
                    continue;
                }
                Line::Text(t) => t,
            };
            let cmd = first.trim();
            match cmd {
                "?" => {
                    self.help(i);
                    continue;
                }
                "<" => match self.prev_visible(i) {
                    Some(p) => return Next::Go(p),
                    None => {
                        self.say(msg::first_field(lang));
                        continue;
                    }
                },
                ">" => return Next::Go(i + 1),
                ":q" => return Next::Stop(Outcome::Done),
                ":list" => {
                    self.list();
                    continue;
                }
                _ => {}
            }
            if let Some(key) = cmd.strip_prefix(":goto") {
                match self.goto_target(key.trim()) {
                    Some(j) => return Next::Go(j),
                    None => {
                        let m = msg::no_such_field(lang, key.trim());
                        self.say(&m);
                        continue;
                    }
                }
            }
            let current = self.draft.answers.get(&field.id).cloned();
            if cmd.is_empty() && first.is_empty() {
                // Keep what is there (checked like any answer).
                let problems = self.problems(i);
                if problems.is_empty() {
                    self.say(msg::kept(lang));
                    return Next::Go(i + 1);
                }
                self.report(&problems);
                rejected = true;
                continue;
            }
            if cmd == "-" {
                if let Err(o) = self.store(i, None) {
                    return Next::Stop(o);
                }
                self.say(msg::cleared(lang));
                return Next::Go(i + 1);
            }
            let mut lines = vec![first];
            let mut eof = false;
            if answer::is_multiline(field) {
                loop {
                    match read_line(self.input) {
                        Line::Text(t) if t.trim_end() == "." => break,
                        Line::Text(t) => lines.push(t),
                        Line::Invalid => {
                            self.say(msg::not_utf8(lang));
                        }
                        Line::Eof => {
                            eof = true;
                            break;
                        }
                    }
                }
            }
            let mut value = match answer::parse(field, &lines, current.as_ref()) {
                Ok(v) => v,
                Err(e) => {
                    let m = msg::answer_error(lang, &e);
                    self.say(&m);
                    if eof {
                        return Next::Stop(Outcome::EofRejected);
                    }
                    self.say(msg::reask(lang));
                    rejected = true;
                    continue;
                }
            };
            if !eof && let Some(v) = self.ask_other_words(field, value.clone()) {
                value = v;
            }
            if let Err(o) = self.store(i, Some(value)) {
                return Next::Stop(o);
            }
            let line = msg::count_line(lang, self.form, field, self.draft.answers.get(&field.id));
            self.say(&line);
            let problems = self.problems(i);
            if problems.is_empty() {
                if eof {
                    return Next::Stop(Outcome::Eof);
                }
                return Next::Go(i + 1);
            }
            self.report(&problems);
            if eof {
                return Next::Stop(Outcome::EofRejected);
            }
            rejected = true;
        }
    }

    /// A choice whose "other" option was picked, in a form without a field for its words:
    /// asks for them on one line.
    fn ask_other_words(&mut self, field: &Field, value: Value) -> Option<Value> {
        let Kind::Choice {
            other: Some(other_label),
            ..
        } = &field.kind
        else {
            return None;
        };
        let Value::Choice { selected, other } = value else {
            return None;
        };
        if !selected.contains(other_label)
            || !other.trim().is_empty()
            || self.form.other_field(&field.id).is_some()
        {
            return None;
        }
        self.prompt(&msg::ask_other(self.lang, other_label));
        match read_line(self.input) {
            Line::Text(t) => Some(Value::Choice {
                selected,
                other: crate::paste::normalize(&t, true).0,
            }),
            _ => None,
        }
    }

    fn report(&mut self, problems: &[Finding]) {
        for f in problems {
            let p = msg::problem(self.lang, self.form, f);
            self.say(&p);
        }
        self.say(msg::reask(self.lang));
    }

    fn help(&mut self, i: usize) {
        let lang = self.lang;
        let (section, field) = self.fields[i];
        self.say(&format!("[{}]", msg::help_title(lang)));
        let mut any = false;
        for h in [section.help.as_deref(), field.help.as_deref()]
            .into_iter()
            .flatten()
        {
            self.say(&crate::sanitize::for_terminal_with(h.trim(), true));
            any = true;
        }
        if let Some(ex) = &field.example {
            self.say(msg::example(lang));
            self.say(&crate::sanitize::for_terminal_with(ex.trim(), true));
            any = true;
        }
        if !any {
            self.say(msg::no_help(lang));
        }
    }

    /// Every field with its state (`:list`), on its own: for read-only looks.
    pub fn list_all(&mut self) {
        self.list();
    }

    fn list(&mut self) {
        let lang = self.lang;
        self.say(msg::list_title(lang));
        for (n, i) in self.answerable().into_iter().enumerate() {
            let field = self.fields[i].1;
            let state = if !self.visible(i) {
                msg::not_applicable(lang).to_string()
            } else {
                let problems = self.problems(i);
                let value = self.draft.answers.get(&field.id);
                if problems.iter().any(|f| f.is_required()) {
                    msg::required_missing(lang).to_string()
                } else if let Some(f) = problems.first() {
                    msg::problem(lang, self.form, f)
                } else {
                    msg::state(lang, self.form, field, value)
                }
            };
            let label = crate::sanitize::for_terminal(&field.label);
            self.say(&format!("  {}. {label} — {state}", n + 1));
        }
    }

    fn goto_target(&self, key: &str) -> Option<usize> {
        let answerable = self.answerable();
        if let Ok(n) = key.parse::<usize>() {
            return n.checked_sub(1).and_then(|k| answerable.get(k).copied());
        }
        let f = self.form.find_field(key)?;
        self.fields.iter().position(|(_, g)| g.id == f.id)
    }
}
