//! `tianbiao fill` (and a bare `tianbiao`): answers from `--set`, then the editor, or plain
//! mode when asked for or when there is no usable terminal.

use std::io::{BufRead, IsTerminal, Write};
use std::path::PathBuf;

use super::draft_form::form_of_draft;
use super::{FillArgs, INVALID, OK, UNREADABLE, resolve_form, set};
use crate::draft::{self, SaveOk, Store};
use crate::form::{self, Form};
use crate::lang::Lang;
use crate::plain::{Outcome, Walk, answer::Merge, msg as pm};
use crate::tui::driver::{self, FillOptions};

pub(super) fn cmd_fill(lang: Lang, mut args: FillArgs, theme: Option<&str>) -> u8 {
    let err = &mut std::io::stderr();
    // A bad --theme is reported even where plain mode needs no colours. Read first: the
    // flagship form is still being parsed on the other core.
    let styles = match super::styles_for(lang, theme) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let form = match fill_form(lang, &args) {
        Ok(f) => f,
        Err((code, lines)) => {
            for line in lines {
                let _ = writeln!(err, "{line}");
            }
            return code;
        }
    };
    if !args.set.is_empty() {
        let how = if args.append {
            Some(Merge::Append)
        } else if args.force {
            Some(Merge::Replace)
        } else {
            None
        };
        let out = &mut std::io::stdout();
        match set::run(lang, &form, args.draft.as_deref(), &args.set, how, out, err) {
            Ok(_) if args.no_edit => return OK,
            Ok(path) => args.draft = Some(path.into_os_string()),
            Err(code) => return code,
        }
    }
    if wants_plain(&args) {
        return cmd_plain(lang, &form, &args);
    }
    let exit = driver::run(FillOptions {
        form,
        draft: args.draft,
        lang,
        styles,
        read_only: args.read_only,
    });
    for line in &exit.lines {
        let _ = writeln!(err, "{}", crate::sanitize::for_terminal_with(line, true));
    }
    exit.code
}

/// The form to fill: `--form`; else, for an existing `--draft`, the draft's own form (the file
/// it remembers or its built-in form); else the flagship. `Err`: exit code and lines to print.
fn fill_form(lang: Lang, args: &FillArgs) -> Result<Form, (u8, Vec<String>)> {
    if let Some(arg) = &args.form {
        return resolve_form(arg)
            .map(|(f, _)| f)
            .map_err(|e| (e.exit_code(), e.lines(lang)));
    }
    // A draft that cannot be read is reported when it is opened, with the flagship form.
    let own = args
        .draft
        .as_deref()
        .zip(Store::default_location())
        .and_then(|(a, store)| draft::read_draft(&store.resolve(a)).ok());
    match own {
        Some(d) => form_of_draft(&d, None).map_err(|e| (e.exit_code(), e.lines(lang))),
        None => resolve_form(form::FLAGSHIP)
            .map(|(f, _)| f)
            .map_err(|e| (e.exit_code(), e.lines(lang))),
    }
}

/// `--plain`, a dumb terminal, or no terminal on either side.
fn wants_plain(args: &FillArgs) -> bool {
    args.plain
        || std::env::var("TERM").is_ok_and(|t| t == "dumb")
        || !std::io::stdin().is_terminal()
        || !std::io::stdout().is_terminal()
}

/// Plain mode: pick the draft (asking on stdin when there are several), walk the form, save
/// after every answer. 0 saved, 1 input ended on a rejected answer, 2 cannot read or write.
#[inline(never)] // out of the editor's start-up code: see `run` in cli/mod.rs
fn cmd_plain(lang: Lang, form: &Form, args: &FillArgs) -> u8 {
    let stdin = std::io::stdin();
    let mut input = stdin.lock();
    let mut out = std::io::stdout().lock();
    let Some(store) = Store::default_location() else {
        let _ = writeln!(out, "{}", crate::tui::msg::no_data_dir(lang));
        return UNREADABLE;
    };
    let path = match plain_draft(
        lang,
        form,
        &store,
        args.draft.as_deref(),
        &mut input,
        &mut out,
    ) {
        Ok(p) => p,
        Err(code) => return code,
    };
    if args.read_only {
        let Some(p) = path else {
            return OK;
        };
        return match draft::open(&p, form, draft::OpenMode::ReadOnly) {
            Ok(o) => {
                let mut save = |_: &draft::Draft| Ok(None);
                let mut none = std::io::empty();
                let mut w = Walk::new(form, o.draft, lang, &mut none, &mut out, &mut save);
                w.list_all();
                OK
            }
            Err(e) => {
                let _ = writeln!(out, "{}", e.describe(lang));
                UNREADABLE
            }
        };
    }
    let opened = match set::open_for_edit(&store, form, path.as_deref()) {
        Ok(o) => o,
        Err(e) => {
            let _ = writeln!(out, "{}", e.describe(lang));
            return UNREADABLE;
        }
    };
    for note in &opened.notes {
        let _ = writeln!(out, "{}", note.describe(lang));
    }
    let mut session = opened.session;
    let shown = session.path().display().to_string();
    let mut told_conflict = false;
    let mut save = |d: &draft::Draft| match session.save(d) {
        Ok(SaveOk::Saved { .. }) => Ok(None),
        Ok(SaveOk::Conflict { copy, .. }) if !told_conflict => {
            told_conflict = true;
            Ok(Some(pm::conflict(lang, &copy.display().to_string())))
        }
        Ok(SaveOk::Conflict { .. }) => Ok(None),
        Err(e) => {
            let mut line = pm::save_failed(lang, &e.describe(lang));
            if let Ok(p) = session.write_emergency_copy(d) {
                line.push_str(super::msg::fill::list_sep(lang));
                line.push_str(&pm::emergency(lang, &p.display().to_string()));
            }
            Err(line)
        }
    };
    let mut walk = Walk::new(form, opened.draft, lang, &mut input, &mut out, &mut save);
    match walk.run(&shown) {
        Outcome::Done | Outcome::Eof => OK,
        Outcome::EofRejected => INVALID,
        Outcome::SaveFailed => UNREADABLE,
    }
}

/// The draft plain mode works on. `Ok(None)`: a new draft.
fn plain_draft(
    lang: Lang,
    form: &Form,
    store: &Store,
    arg: Option<&std::ffi::OsStr>,
    input: &mut dyn BufRead,
    out: &mut dyn Write,
) -> Result<Option<PathBuf>, u8> {
    match set::draft_path(store, form, arg) {
        Ok(Some(p)) => {
            if arg.is_none() {
                let _ = writeln!(out, "{}", pm::resuming(lang, &p.display().to_string()));
            }
            Ok(Some(p))
        }
        Ok(None) => Ok(None),
        Err(set::SetError::WhichDraft { drafts }) => {
            let _ = writeln!(out, "{}", pm::pick_draft(lang, drafts.len()));
            for (i, p) in drafts.iter().enumerate() {
                let _ = writeln!(
                    out,
                    "  {}. {}",
                    i + 1,
                    crate::sanitize::for_terminal(&p.display().to_string())
                );
            }
            loop {
                let _ = write!(out, "{}", pm::pick_prompt(lang));
                let _ = out.flush();
                let mut line = String::new();
                if input.read_line(&mut line).unwrap_or(0) == 0 {
                    return Err(OK);
                }
                let t = line.trim();
                if t.eq_ignore_ascii_case("n") {
                    return Ok(None);
                }
                match t.parse::<usize>().ok().and_then(|n| n.checked_sub(1)) {
                    Some(k) if k < drafts.len() => return Ok(Some(drafts[k].clone())),
                    _ => {
                        let _ = writeln!(out, "{}", pm::bad_pick(lang));
                    }
                }
            }
        }
        Err(e) => {
            let _ = writeln!(out, "{}", e.describe(lang));
            Err(e.exit_code())
        }
    }
}
