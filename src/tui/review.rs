//! The review screen (`tianbiao review FILE...`), a state of the driver's event loop: received
//! drafts and submissions shown read-only in the editor's look, hidden characters revealed,
//! problems listed, notes kept in the reviewer's data directory. Nothing is ever written next to
//! a reviewed file.

use std::io::{self, IsTerminal};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Instant;

use ratatui::crossterm::event::Event;

use super::action::{Action, Effect};
use super::app::{App, Level, Message, ReviewInfo};
use super::choose::Choice;
use super::driver::{self, Dialog, Exit, Next, Screen, Step};
use super::events;
use super::guard;
use super::terminal::{self, Term};
use super::update::update;
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
        hash_documents: true,
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
    review_app(&r.file, &r.checked, &r.notes, (i, n), lang)
}

/// The review screen's app for a loaded and checked file: file `position.0` of `position.1`.
/// A Word document's counts carry what they leave out (text boxes, footnotes…) beside them.
pub fn review_app(
    file: &ReceivedFile,
    checked: &Checked,
    notes: &Notes,
    position: (usize, usize),
    lang: Lang,
) -> App {
    let verdict = if checked.pass() {
        rmsg::verdict_pass(lang)
    } else {
        rmsg::verdict_fail(lang, checked.findings.len())
    };
    let remarks = checked
        .counts
        .iter()
        .filter_map(|c| Some((c.field.clone(), c.remark(lang)?)))
        .collect();
    let info = ReviewInfo {
        position: position.0,
        count: position.1,
        path: for_terminal(&file.path.display().to_string()),
        hidden: hidden_in(file),
        verdict,
        notes: notes.notes.clone(),
        remarks,
        note_editor: None,
    };
    App::new_review((*file.form).clone(), file.draft.clone(), lang, info)
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
    let (files, bad) = load_all(&opts);
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
    guard::install();
    terminal::install_restore_hook();
    let mut term = match terminal::enter() {
        Ok(t) => t,
        Err(e) => return Exit::fail_line(2, format!("terminal: {e}")),
    };
    let mut opts = opts;
    opts.styles = terminal::styles_for_background(opts.styles);
    let n = files.len();
    let app = make_app(&files[0], 0, n, lang);
    // Notes being written when a signal arrives are saved first.
    let pending: Arc<Mutex<Option<Notes>>> = Arc::new(Mutex::new(None));
    let styles = opts.styles.clone();
    let reviewing = Reviewing {
        app,
        files,
        index: 0,
        data_dir: opts.data_dir,
        pending,
    };
    let screen = if bad.is_empty() {
        reviewing.start()
    } else {
        // Which files could not be read, and why, before the first one that could.
        let choice = Choice::new(
            lang,
            s::review_unreadable_title(lang, bad.len()),
            unreadable_body(lang, &bad),
            s::review_unreadable_options(lang, n),
        );
        Screen::Dialog(Dialog::new(choice, move |answer| match answer {
            Some(0) => Next::Go(reviewing.start()),
            _ => Next::Leave(Exit {
                code: 0,
                lines: Vec::new(),
            }),
        }))
    };
    let exit = driver::run_loop(&mut term, screen, &styles);
    // Dropping the terminal shows the cursor: before the restore, after which nothing is written.
    drop(term);
    guard::restore();
    let mut lines = bad;
    lines.extend(exit.lines);
    Exit {
        code: exit.code,
        lines,
    }
}

/// The lines of the unreadable-files question: one per file (its path and why), the first
/// `UNREADABLE_SHOWN`; every one is printed on leaving too.
fn unreadable_body(lang: Lang, bad: &[String]) -> Vec<String> {
    let mut body: Vec<String> = bad.iter().take(UNREADABLE_SHOWN).cloned().collect();
    if bad.len() > UNREADABLE_SHOWN {
        body.push(s::review_unreadable_more(
            lang,
            bad.len() - UNREADABLE_SHOWN,
        ));
    }
    body
}

/// As many unreadable files as an 80×24 question shows with their reasons.
const UNREADABLE_SHOWN: usize = 6;

/// The review state of the event loop.
pub(crate) struct Reviewing {
    app: App,
    files: Vec<Reviewed>,
    index: usize,
    data_dir: PathBuf,
    /// What the exit guard saves on a signal: the notes of the current file as being written.
    pending: Arc<Mutex<Option<Notes>>>,
}

impl Reviewing {
    /// The review screen, with the exit guard saving the notes being written.
    fn start(self) -> Screen {
        let pending = self.pending.clone();
        let data_dir = self.data_dir.clone();
        guard::set_rescue(Some(Box::new(move || {
            if let Ok(guard) = pending.try_lock()
                && let Some(n) = guard.as_ref()
            {
                let _ = notes::save(&data_dir, n);
            }
            None
        })));
        Screen::Review(Box::new(self))
    }

    pub(crate) fn app(&self) -> &App {
        &self.app
    }

    /// Applies one action from the driver itself (not from a key).
    pub(crate) fn act(&mut self, action: Action, now: Instant) {
        let _ = update(&mut self.app, action, now);
    }

    pub(crate) fn step(&mut self, term: &mut Term, events: Vec<Event>, now: Instant) -> Step {
        let mut step = Step::default();
        // Mouse events are placed on the screen as last drawn.
        let area = term.get_frame().area();
        let lang = self.app.lang;
        if let Some(a) = driver::size_unknown(term, &self.app) {
            let _ = update(&mut self.app, a, now);
        }
        // Each event becomes an action only when its turn comes (its context may have changed).
        for ev in events {
            let Some(a) = events::to_action(&self.app, ev, area) else {
                continue;
            };
            step.redraw = true;
            let fx = update(&mut self.app, a, now);
            self.keep_pending();
            for effect in fx {
                match effect {
                    Effect::SaveNotes => {
                        let m = save_notes(&self.data_dir, &mut self.files[self.index], &self.app);
                        let _ = update(&mut self.app, Action::Notice(m), now);
                    }
                    Effect::SwitchFile { delta } => {
                        let n = self.files.len() as i32;
                        self.index = ((self.index as i32 + delta).rem_euclid(n)) as usize;
                        self.app =
                            make_app(&self.files[self.index], self.index, self.files.len(), lang);
                        step.repaint = true;
                    }
                    Effect::Quit => {
                        step.next = Some(Next::Leave(Exit {
                            code: 0,
                            lines: Vec::new(),
                        }));
                        return step;
                    }
                    Effect::Suspend => match guard::suspend(term) {
                        Ok(()) => step.repaint = true,
                        Err(guard::SuspendRefused::NoJobControl) => {
                            let _ = update(&mut self.app, Action::SuspendRefused, now);
                        }
                    },
                    Effect::Repaint => step.repaint = true,
                    Effect::Export { .. } => {
                        let m = Message {
                            text: s::review_no_export(lang).into(),
                            level: Level::Info,
                        };
                        let _ = update(&mut self.app, Action::Notice(m), now);
                    }
                    Effect::Save { .. }
                    | Effect::CheckFile { .. }
                    | Effect::ExternalEditor { .. }
                    | Effect::ListDir { .. }
                    | Effect::ReadImport { .. } => {}
                }
            }
        }
        step
    }

    /// Keeps what is being written where the exit guard can save it.
    fn keep_pending(&mut self) {
        let (Ok(mut p), Some(info)) = (self.pending.lock(), &self.app.review) else {
            return;
        };
        let file = &self.files[self.index];
        let mut n = file.notes.clone();
        n.notes = info.notes.clone();
        if let Some((i, ta)) = &info.note_editor {
            let id = match i {
                Some(i) => self.app.field(*i).id.clone(),
                None => notes::OVERALL.to_string(),
            };
            n.notes.insert(id, super::field::textarea::text_of(ta));
        }
        n.file_hash = file.file.file_hash.clone();
        *p = Some(n);
    }
}
