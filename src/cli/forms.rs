//! `tianbiao forms`, `form check` and `form show`: listing, checking and outlining forms.

use std::io::Write;
use std::path::PathBuf;

use super::{OK, load_form_file, resolve_form};
use crate::form::{self, Form};
use crate::lang::{self, Lang};
use crate::sanitize::for_terminal;

#[inline(never)] // out of the editor's start-up code: see `run` in cli/mod.rs
pub(super) fn cmd_forms(out: &mut impl Write) -> u8 {
    for (id, _, _) in form::BUILTIN {
        match form::builtin(id) {
            Some(Ok(f)) => {
                let sub = f.subtitle.as_deref().unwrap_or("");
                let _ = writeln!(out, "{id}\t{}\t{}\t{sub}", f.version, f.title);
            }
            _ => {
                let _ = writeln!(out, "{id}\t?\t(invalid built-in form)");
            }
        }
    }
    OK
}

#[inline(never)] // out of the editor's start-up code: see `run` in cli/mod.rs
pub(super) fn cmd_form_check(
    lang: Lang,
    files: &[PathBuf],
    out: &mut impl Write,
    err: &mut impl Write,
) -> u8 {
    let mut worst = OK;
    for path in files {
        match load_form_file(path) {
            Ok(f) => {
                let _ = writeln!(
                    out,
                    "{}: {} ({} {}, {})",
                    for_terminal(&path.display().to_string()),
                    super::msg::forms::valid(lang),
                    for_terminal(&f.id),
                    for_terminal(&f.version),
                    for_terminal(&f.title)
                );
            }
            Err(e) => {
                for line in e.lines(lang) {
                    let _ = writeln!(err, "{line}");
                }
                worst = worst.max(e.exit_code());
            }
        }
    }
    worst
}

#[inline(never)] // out of the editor's start-up code: see `run` in cli/mod.rs
pub(super) fn cmd_outline(lang: Lang, arg: &str, out: &mut impl Write, err: &mut impl Write) -> u8 {
    let form = match resolve_form(arg) {
        Ok((f, _)) => f,
        Err(e) => {
            for line in e.lines(lang) {
                let _ = writeln!(err, "{line}");
            }
            return e.exit_code();
        }
    };
    let _ = write!(out, "{}", outline(lang, &form));
    OK
}

/// A plain-text outline of a form: metadata, then every section and field with its kind,
/// limit and required mark.
pub fn outline(lang: Lang, form: &Form) -> String {
    use std::fmt::Write as _;
    let t = |s: &str| for_terminal(s);
    let mut s = String::new();
    let _ = writeln!(
        s,
        "{} {}",
        t(form.subtitle.as_deref().unwrap_or("")),
        t(&form.title)
    );
    let labels = super::msg::forms::metadata_labels(lang);
    for (label, value) in labels.into_iter().zip([
        &form.issuer,
        &form.doc_number,
        &form.deadline,
        &form.submit_to,
    ]) {
        if let Some(v) = value {
            let _ = writeln!(s, "{label}: {}", t(v));
        }
    }
    let _ = writeln!(s, "{}", super::msg::show::counting_rule(lang, form));
    if let Some(notes) = &form.notes {
        let _ = writeln!(s, "{}", super::msg::show::notes_label(lang));
        for line in notes.lines() {
            let _ = writeln!(s, "  {}", t(line));
        }
    }
    let mut part = None;
    for section in &form.sections {
        if section.part.is_some() && section.part != part {
            let _ = writeln!(s, "\n{}", t(section.part.as_deref().unwrap_or("")));
            part.clone_from(&section.part);
        }
        let _ = writeln!(s, "\n{}", t(&section.title));
        for field in &section.fields {
            let req = if field.required { " *" } else { "" };
            let limit = form
                .limit_of(field)
                .map(|(l, m)| format!("  ≤{l} {}", lang::unit(lang, m)))
                .unwrap_or_default();
            let _ = writeln!(
                s,
                "  - {}{req}  [{}]{limit}",
                t(&field.label),
                field.kind.name()
            );
            for line in super::msg::show::field_details(lang, form, field) {
                let _ = writeln!(s, "      {line}");
            }
        }
    }
    s
}
