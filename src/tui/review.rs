//! The review driver (`tianbiao review FILE...`): received drafts and submissions shown
//! read-only in the editor's look, hidden characters revealed, problems listed, notes kept in the
//! reviewer's data directory. Nothing is ever written next to a reviewed file.

use std::io::{self, IsTerminal};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use super::action::Effect;
use super::app::{App, Level, Message, ReviewInfo};
use super::driver::Exit;
use super::events;
use super::terminal::{self, Term};
use super::update::update;
use super::view;
use crate::lang::Lang;
use crate::review::msg as rmsg;
use crate::review::notes::{self, Notes};
use crate::review::{self as rv, CheckOptions, Checked, FormSet, ReceivedFile};
use crate::sanitize::{self, for_terminal};
use crate::theme::Styles;
use crate::tui::msg as s;

/// What `tianbiao review` was asked to do.
pub struct ReviewOptions {
    pub files: Vec<PathBuf>,
    pub forms: FormSet,
    pub lang: Lang,
    pub styles: Styles,
    /// Where notes are kept (the user data directory).
    pub data_dir: PathBuf,
}

/// A loaded file with its check and notes.
struct Reviewed {
    file: ReceivedFile,
    checked: Checked,
    notes: Notes,
}

/// Hidden characters in every text of a draft, by kind.
fn hidden_in(file: &ReceivedFile) -> Vec<(sanitize::Hidden, usize)> {
    let mut all = String::new();
    for v in file.draft.answers.0.values() {
        for t in v.texts() {
            all.push_str(t);
        }
    }
    all.push_str(&file.draft.name);
    sanitize::hidden_chars(&all)
}

/// Loads every file; the unreadable ones come back as one line each.
fn load_all(opts: &ReviewOptions) -> (Vec<Reviewed>, Vec<String>) {
    let lang = opts.lang;
    let mut ok = Vec::new();
    let mut bad = Vec::new();
    let copts = CheckOptions {
        skip_attachments: false,
    };
    for path in rv::expand_inputs(&opts.files) {
        match rv::load_file(&path, &opts.forms) {
            Ok(file) => {
                let checked = rv::check_received(&file, &copts);
                let notes = notes::load(&opts.data_dir, &file.file_hash).unwrap_or_else(|e| {
                    bad.push(for_terminal(&e.to_string()));
                    Notes {
                        file_hash: file.file_hash.clone(),
                        ..Notes::default()
                    }
                });
                ok.push(Reviewed {
                    file,
                    checked,
                    notes,
                });
            }
            Err(e) => bad.push(rmsg::unreadable_line(lang, &path, &e)),
        }
    }
    (ok, bad)
}

fn make_app(r: &Reviewed, i: usize, n: usize, lang: Lang) -> App {
    let verdict = if r.checked.pass() {
        rmsg::verdict_pass(lang)
    } else {
        rmsg::verdict_fail(lang, r.checked.findings.len())
    };
    let info = ReviewInfo {
        position: i,
        count: n,
        path: for_terminal(&r.file.path.display().to_string()),
        hidden: hidden_in(&r.file),
        verdict,
        notes: r.notes.notes.clone(),
        note_editor: None,
    };
    App::new_review((*r.file.form).clone(), r.file.draft.clone(), lang, info)
}

/// Writes the current file's notes; returns the status message.
fn save_notes(data_dir: &Path, r: &mut Reviewed, app: &App) -> Message {
    let lang = app.lang;
    if let Some(info) = &app.review {
        r.notes.notes = info.notes.clone();
    }
    r.notes.file_hash = r.file.file_hash.clone();
    r.notes.path = r.file.path.display().to_string();
    r.notes.form_id = r.file.form.id.clone();
    r.notes.updated = chrono::Local::now().fixed_offset().to_rfc3339();
    match notes::save(data_dir, &r.notes) {
        Ok(p) => Message {
            text: s::notes_saved(lang, &p.display().to_string()),
            level: Level::Info,
        },
        Err(e) => Message {
            text: for_terminal(&e.to_string()),
            level: Level::Error,
        },
    }
}

/// Runs the review screen.
pub fn run(opts: ReviewOptions) -> Exit {
    let lang = opts.lang;
    let (mut files, bad) = load_all(&opts);
    if files.is_empty() {
        let mut lines = bad;
        lines.push(s::review_nothing(lang).to_string());
        return Exit { code: 2, lines };
    }
    if !io::stdout().is_terminal() || !io::stdin().is_terminal() {
        return Exit {
            code: 2,
            lines: vec![s::review_no_terminal(lang).into()],
        };
    }
    // Notes being written when a signal arrives are saved first.
    let pending: Arc<Mutex<Option<Notes>>> = Arc::new(Mutex::new(None));
    {
        let pending = pending.clone();
        let data_dir = opts.data_dir.clone();
        events::spawn_signal_thread(move |sig| {
            if let Ok(guard) = pending.try_lock()
                && let Some(n) = guard.as_ref()
            {
                let _ = notes::save(&data_dir, n);
            }
            // After a hang-up the terminal is gone: writing to it could block for ever.
            if sig != signal_hook::consts::SIGHUP {
                terminal::restore();
            }
            std::process::exit(128 + sig);
        });
    }
    terminal::install_restore_hook();
    let mut term = match terminal::enter() {
        Ok(t) => t,
        Err(e) => return Exit::fail_line(2, format!("terminal: {e}")),
    };
    let mut opts = opts;
    opts.styles = terminal::styles_for_background(opts.styles);
    let n = files.len();
    let mut index = 0;
    let mut app = make_app(&files[0], 0, n, lang);
    if !bad.is_empty() {
        app.message = Some(Message {
            text: s::review_unreadable(lang, bad.len()),
            level: Level::Warn,
        });
    }
    let exit = event_loop(&mut term, &mut app, &opts, &mut files, &mut index, &pending);
    terminal::restore();
    let mut lines = bad;
    lines.extend(exit.lines);
    Exit {
        code: exit.code,
        lines,
    }
}

fn event_loop(
    term: &mut Term,
    app: &mut App,
    opts: &ReviewOptions,
    files: &mut [Reviewed],
    index: &mut usize,
    pending: &Arc<Mutex<Option<Notes>>>,
) -> Exit {
    let styles = &opts.styles;
    let lang = opts.lang;
    let mut redraw = true;
    loop {
        if app.needs_clear {
            let _ = terminal::full_redraw(term);
            app.needs_clear = false;
            redraw = true;
        }
        if redraw {
            if let Err(e) = term.draw(|f| view::draw(f, app, styles)) {
                return Exit::fail_line(2, format!("terminal: {e}"));
            }
            redraw = false;
        }
        let Ok(actions) = events::read_actions(app, Duration::from_millis(500)) else {
            return Exit::fail_line(2, "terminal input closed".into());
        };
        if actions.is_empty() {
            continue;
        }
        redraw = true;
        let now = Instant::now();
        for a in actions {
            let fx = update(app, a, now);
            // Keep what is being written where the signal thread can save it.
            if let (Ok(mut p), Some(info)) = (pending.lock(), &app.review) {
                let mut n = files[*index].notes.clone();
                n.notes = info.notes.clone();
                if let Some((i, ta)) = &info.note_editor {
                    let id = app.field(*i).id.clone();
                    n.notes.insert(id, super::app::text_of(ta));
                }
                n.file_hash = files[*index].file.file_hash.clone();
                *p = Some(n);
            }
            for effect in fx {
                match effect {
                    Effect::SaveNotes => {
                        let m = save_notes(&opts.data_dir, &mut files[*index], app);
                        app.message = Some(m);
                    }
                    Effect::SwitchFile { delta } => {
                        let n = files.len() as i32;
                        *index = ((*index as i32 + delta).rem_euclid(n)) as usize;
                        *app = make_app(&files[*index], *index, files.len(), lang);
                        app.needs_clear = true;
                    }
                    Effect::Quit => {
                        return Exit {
                            code: 0,
                            lines: Vec::new(),
                        };
                    }
                    Effect::Suspend => {
                        let _ = terminal::suspend(term);
                        app.needs_clear = true;
                    }
                    Effect::Export { .. } => {
                        app.message = Some(Message {
                            text: s::review_no_export(lang).into(),
                            level: Level::Info,
                        });
                    }
                    Effect::Save { .. }
                    | Effect::CheckFile { .. }
                    | Effect::ExternalEditor { .. } => {}
                }
            }
        }
    }
}
