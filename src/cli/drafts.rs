//! `tianbiao drafts`: list, show, remove drafts, and say where they live.

use std::io::{BufRead, IsTerminal, Write};
use std::path::{Path, PathBuf};

use clap::Subcommand;
use unicode_width::UnicodeWidthStr;

use super::draft_form::{DraftFormError, form_of_draft};
use super::msg::drafts as s;
use super::{INVALID, OK, UNREADABLE};
use crate::draft::msg::path as show_path;
use crate::draft::store::RemoveError;
use crate::draft::{self, Draft, OpenError, Store};
use crate::form::{self, Answers, Cell, Form, Value};
use crate::lang::Lang;
use crate::sanitize::{for_terminal, for_terminal_with};

#[derive(Subcommand, Debug)]
pub enum DraftsCommand {
    /// List the drafts: name, form, last saved, how complete, how many problems (the default).
    List,
    /// Show one draft: its details, its problems and everything written in it.
    Show {
        #[arg(value_name = "NAME|PATH")]
        draft: std::ffi::OsString,
    },
    /// Remove a draft, keeping a recoverable copy (asks first unless --yes).
    Rm {
        #[arg(value_name = "NAME|PATH")]
        draft: std::ffi::OsString,
        /// Do not ask.
        #[arg(long, short = 'y')]
        yes: bool,
    },
    /// Print the directory where drafts live.
    Path,
}

/// The drafts store: `$TIANBIAO_DATA_DIR/drafts` or the user data directory.
pub fn store() -> Option<Store> {
    Store::default_location()
}

/// A `--draft`/`NAME|PATH` argument as a path: an existing file or a path as given, otherwise a
/// draft name in the drafts directory. `None` when there is no drafts directory to look in.
pub fn resolve_draft_arg(arg: &str) -> Option<PathBuf> {
    match store() {
        Some(s) => Some(s.resolve(arg)),
        None => {
            let p = Path::new(arg);
            (p.exists() || arg.contains('/') || arg.ends_with(".ron")).then(|| p.to_path_buf())
        }
    }
}

#[inline(never)] // out of the editor's start-up code: see `run` in cli/mod.rs
pub(super) fn cmd_drafts(
    lang: Lang,
    command: Option<DraftsCommand>,
    out: &mut impl Write,
    err: &mut impl Write,
) -> u8 {
    let Some(store) = store() else {
        let _ = writeln!(err, "{}", s::no_data_dir(lang));
        return UNREADABLE;
    };
    match command.unwrap_or(DraftsCommand::List) {
        DraftsCommand::List => list(lang, &store, out, err),
        DraftsCommand::Show { draft } => show(lang, &store, &draft, out, err),
        DraftsCommand::Rm { draft, yes } => rm(lang, &store, &draft, yes, out, err),
        DraftsCommand::Path => {
            let _ = writeln!(out, "{}", show_path(store.dir()));
            OK
        }
    }
}

/// The code for a draft that could not be opened: corrupt or of the wrong form is the user's to
/// fix (1); missing or unreadable is 2.
fn open_error_code(e: &OpenError) -> u8 {
    match e {
        OpenError::Corrupt { .. } | OpenError::WrongForm { .. } | OpenError::Locked { .. } => {
            INVALID
        }
        _ => UNREADABLE,
    }
}

fn form_of(d: &Draft) -> Result<Form, DraftFormError> {
    form_of_draft(d, None)
}

/// `2026-11-25 20:00` from an RFC 3339 time, or the text itself made safe.
fn short_time(t: &str) -> String {
    chrono::DateTime::parse_from_rfc3339(t).map_or_else(
        |_| for_terminal(t),
        |d| d.format("%Y-%m-%d %H:%M").to_string(),
    )
}

struct Summary {
    complete: String,
    problems: String,
}

fn summarize(lang: Lang, form: Option<&Form>, answers: &Answers) -> Summary {
    let Some(form) = form else {
        return Summary {
            complete: "—".into(),
            problems: "—".into(),
        };
    };
    let (done, total) = answers.completeness(form);
    let findings = form::validate(form, answers);
    let over = findings.iter().filter(|f| f.is_over_limit()).count();
    let required = findings.iter().filter(|f| f.is_required()).count();
    let other = findings.len() - over - required;
    Summary {
        complete: format!("{done}/{total}"),
        problems: s::problems(lang, over, required, other),
    }
}

fn form_cell(lang: Lang, d: &Draft, form: &Result<Form, DraftFormError>) -> String {
    let base = format!(
        "{} {}",
        for_terminal(&d.form_id),
        for_terminal(&d.form_version)
    );
    match form {
        Ok(_) => base,
        Err(e) => format!("{base} ({})", e.tag(lang)),
    }
}

fn pad(cell: &str, width: usize) -> String {
    let w = UnicodeWidthStr::width(cell);
    format!("{cell}{}", " ".repeat(width.saturating_sub(w)))
}

fn list(lang: Lang, store: &Store, out: &mut impl Write, err: &mut impl Write) -> u8 {
    let listing = match store.list() {
        Ok(l) => l,
        Err(e) => {
            let _ = writeln!(
                err,
                "{}: {}",
                show_path(store.dir()),
                for_terminal(&e.to_string())
            );
            return UNREADABLE;
        }
    };
    let mut code = OK;
    if listing.entries.is_empty() && listing.skipped.is_empty() {
        let _ = writeln!(out, "{}", s::no_drafts(lang, &show_path(store.dir())));
    } else if !listing.entries.is_empty() {
        let mut rows: Vec<[String; 5]> = vec![s::headers(lang).map(String::from)];
        for e in &listing.entries {
            let form = form_of(&e.draft);
            let sum = summarize(lang, form.as_ref().ok(), &e.draft.answers);
            rows.push([
                for_terminal(&e.draft.name),
                form_cell(lang, &e.draft, &form),
                short_time(&e.draft.updated),
                sum.complete,
                sum.problems,
            ]);
        }
        let mut widths = [0usize; 5];
        for r in &rows {
            for (w, c) in widths.iter_mut().zip(r) {
                *w = (*w).max(UnicodeWidthStr::width(c.as_str()));
            }
        }
        for r in &rows {
            let line: Vec<String> = r
                .iter()
                .zip(widths)
                .enumerate()
                .map(|(i, (c, w))| if i == 4 { c.clone() } else { pad(c, w) })
                .collect();
            let _ = writeln!(out, "{}", line.join("  ").trim_end());
        }
    }
    for sk in &listing.skipped {
        let _ = writeln!(err, "{} ({})", sk.error.describe(lang), s::skipped(lang));
        code = code.max(open_error_code(&sk.error));
    }
    if !listing.corrupt_kept.is_empty() {
        let _ = writeln!(err, "{}", s::corrupt_kept(lang, listing.corrupt_kept.len()));
    }
    code
}

fn value_lines(lang: Lang, v: &Value) -> Vec<String> {
    let t = |x: &str| for_terminal(x);
    match v {
        Value::Text(x) => for_terminal_with(x, true)
            .lines()
            .map(String::from)
            .collect(),
        Value::Date(x) => vec![t(x)],
        Value::Choice { selected, other } => {
            let mut line: Vec<String> = selected.iter().map(|x| t(x)).collect();
            if !other.trim().is_empty() {
                line.push(format!("（{}）", t(other)));
            }
            vec![line.join("、")]
        }
        Value::List(items) => items.iter().map(|i| format!("- {}", t(i))).collect(),
        Value::Table(rows) => rows
            .iter()
            .enumerate()
            .map(|(i, row)| {
                let cells: Vec<String> = row
                    .iter()
                    .map(|(k, c)| match c {
                        Cell::Text(x) => format!("{}: {}", t(k), t(x)),
                        Cell::Bool(b) => {
                            format!("{}: {}", t(k), if *b { s::yes(lang) } else { s::no(lang) })
                        }
                    })
                    .collect();
                format!("{}. {}", i + 1, cells.join("; "))
            })
            .collect(),
        Value::Attachments(files) => files
            .iter()
            .map(|a| {
                if a.caption.is_empty() {
                    t(&a.path)
                } else {
                    format!("{} — {}", t(&a.path), t(&a.caption))
                }
            })
            .collect(),
        Value::Confirm(b) => vec![if *b { s::yes(lang) } else { s::no(lang) }.to_string()],
    }
}

fn show(
    lang: Lang,
    store: &Store,
    arg: &std::ffi::OsStr,
    out: &mut impl Write,
    err: &mut impl Write,
) -> u8 {
    let path = store.resolve(arg);
    let d = match draft::read_draft(&path) {
        Ok(d) => d,
        Err(e) => {
            let _ = writeln!(err, "{}", e.describe(lang));
            return open_error_code(&e);
        }
    };
    let found = form_of(&d);
    let sum = summarize(lang, found.as_ref().ok(), &d.answers);
    let labels = s::show_labels(lang);
    let title = found
        .as_ref()
        .map(|f| format!("  {}", for_terminal(&f.title)))
        .unwrap_or_default();
    let file = d
        .form_file
        .as_deref()
        .map(|f| format!("  {}", show_path(Path::new(f))))
        .unwrap_or_default();
    let values = [
        for_terminal(&d.name),
        show_path(&path),
        format!("{}{title}{file}", form_cell(lang, &d, &found)),
        short_time(&d.created),
        short_time(&d.updated),
        sum.complete,
        sum.problems,
    ];
    let w = labels
        .iter()
        .map(|l| UnicodeWidthStr::width(*l))
        .max()
        .unwrap_or(0);
    for (l, v) in labels.iter().zip(&values) {
        let _ = writeln!(out, "{}  {v}", pad(l, w));
    }
    let form = match found {
        Ok(f) => f,
        Err(e) => {
            for line in e.lines(lang) {
                let _ = writeln!(err, "{line}");
            }
            let _ = writeln!(out, "\n{}", s::answers_heading(lang));
            for (id, v) in &d.answers.0 {
                let _ = writeln!(out, "【{}】", for_terminal(id));
                for line in value_lines(lang, v) {
                    let _ = writeln!(out, "  {line}");
                }
            }
            return OK;
        }
    };
    let findings = form::validate(&form, &d.answers);
    for f in &findings {
        let _ = writeln!(out, "  {}", crate::form::msg::finding_line(lang, &form, f));
    }
    let _ = writeln!(out, "\n{}", s::answers_heading(lang));
    for (_, field) in form.fields() {
        let Some(v) = d.answers.get(&field.id) else {
            continue;
        };
        if v.is_empty() && !matches!(v, Value::Confirm(_)) {
            continue;
        }
        let _ = writeln!(out, "【{}】", for_terminal(&field.label));
        for line in value_lines(lang, v) {
            let _ = writeln!(out, "  {line}");
        }
    }
    let orphans: Vec<_> = d.answers.orphans(&form).collect();
    if !orphans.is_empty() {
        let _ = writeln!(out, "\n{}", s::orphans_heading(lang));
        for (id, v) in orphans {
            let label = d
                .outline
                .iter()
                .find(|f| &f.id == id)
                .map_or(id.as_str(), |f| f.label.as_str());
            let _ = writeln!(out, "【{}】", for_terminal(label));
            for line in value_lines(lang, v) {
                let _ = writeln!(out, "  {line}");
            }
        }
    }
    OK
}

fn rm(
    lang: Lang,
    store: &Store,
    arg: &std::ffi::OsStr,
    yes: bool,
    out: &mut impl Write,
    err: &mut impl Write,
) -> u8 {
    let path = store.resolve(arg);
    if std::fs::symlink_metadata(&path).is_err() {
        let e = OpenError::NotFound { path };
        let _ = writeln!(err, "{}", e.describe(lang));
        return UNREADABLE;
    }
    let name = draft::read_draft(&path).map_or_else(
        |_| {
            path.file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default()
        },
        |d| d.name,
    );
    if !yes {
        let stdin = std::io::stdin();
        if !stdin.is_terminal() {
            let _ = writeln!(err, "{}", s::rm_needs_yes(lang));
            return INVALID;
        }
        let _ = write!(
            err,
            "{}",
            s::rm_confirm(lang, &for_terminal(&name), &show_path(&path))
        );
        let _ = err.flush();
        let mut answer = String::new();
        let _ = stdin.lock().read_line(&mut answer);
        let a = answer.trim().to_lowercase();
        if !matches!(a.as_str(), "y" | "yes" | "是" | "好") {
            let _ = writeln!(err, "{}", s::rm_cancelled(lang));
            return INVALID;
        }
    }
    let stamp = draft::session::file_stamp(&chrono::Local::now().fixed_offset());
    match store.remove(&path, &stamp) {
        Ok(r) => {
            let _ = writeln!(
                out,
                "{}",
                s::rm_done(lang, &show_path(&path), &show_path(&r.kept))
            );
            OK
        }
        Err(RemoveError::NotFound(p)) => {
            let _ = writeln!(err, "{}", OpenError::NotFound { path: p }.describe(lang));
            UNREADABLE
        }
        Err(RemoveError::Locked { path, holder }) => {
            let h = crate::draft::msg::holder(lang, &holder, true);
            let _ = writeln!(err, "{}", s::rm_locked(lang, &show_path(&path), &h));
            INVALID
        }
        Err(RemoveError::Io { path, error }) => {
            let e = OpenError::Io { path, error };
            let _ = writeln!(err, "{}", e.describe(lang));
            UNREADABLE
        }
    }
}
