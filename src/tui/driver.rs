//! The driver: the only code that touches the terminal and performs effects. It opens the
//! draft (with the resume / lock / corruption dialogs), runs the event loop, hands snapshots to
//! the saver thread, and makes sure every exit path saves first and gives the terminal back
//! (docs/design.md, "Terminal facts that matter").

use std::collections::VecDeque;
use std::io::{self, IsTerminal};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use super::action::{Action, Effect};
use super::app::{App, FileCheck, Level, Message, SaveState};
use super::choose::{self, Choice};
use super::events;
use super::terminal::{self, Term};
use super::update::{next_deadline, update};
use super::view;
use crate::draft::{
    self, EmergencyOutcome, Flush, OpenError, OpenMode, Opened, SaveEvent, Saver, Store,
};
use crate::form::Form;
use crate::lang::Lang;
use crate::theme::Styles;
use crate::tui::msg as s;

/// Set by the thread that saves on a signal or a hang-up, before it starts: from then on that
/// thread ends the process, and the main thread must not exit under it (a half-finished save
/// would be lost with the process).
static EMERGENCY: AtomicBool = AtomicBool::new(false);

/// Parks the calling thread for good when an emergency save is under way elsewhere.
fn yield_to_emergency() {
    while EMERGENCY.load(Ordering::SeqCst) {
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// Saves from a side thread and ends the process: for signals and hang-ups.
fn emergency_exit(em: &draft::EmergencySaver, code: i32, restore: bool, lang: Lang) -> ! {
    EMERGENCY.store(true, Ordering::SeqCst);
    let outcome = em.save_now(Duration::from_secs(2));
    // After a hang-up the terminal is gone: writing to it could block for ever.
    if restore {
        terminal::restore();
        if outcome != EmergencyOutcome::NothingToSave {
            eprintln!("{}", outcome.describe(lang));
        }
    }
    std::process::exit(code);
}

/// What `tianbiao fill` (or a bare `tianbiao`) was asked to do.
pub struct FillOptions {
    pub form: Form,
    /// `--draft NAME|PATH`.
    pub draft: Option<String>,
    pub lang: Lang,
    pub styles: Styles,
    /// `--read-only`: look without changing anything.
    pub read_only: bool,
}

/// How the editor ended: the exit code and lines to print once the terminal is restored.
pub struct Exit {
    pub code: u8,
    pub lines: Vec<String>,
}

impl Exit {
    fn ok(lines: Vec<String>) -> Exit {
        Exit { code: 0, lines }
    }
    /// An exit with one line to print.
    pub fn fail_line(code: u8, line: String) -> Exit {
        Exit::fail(code, line)
    }
    fn fail(code: u8, line: String) -> Exit {
        Exit {
            code,
            lines: vec![line],
        }
    }
}

/// Runs the editor. Never returns with the terminal in raw mode.
pub fn run(opts: FillOptions) -> Exit {
    let lang = opts.lang;
    if !io::stdout().is_terminal() || !io::stdin().is_terminal() {
        return Exit::fail(2, s::no_terminal(lang).into());
    }
    let Some(store) = Store::default_location() else {
        return Exit::fail(2, s::no_data_dir(lang).into());
    };
    terminal::install_restore_hook();
    let mut term = match terminal::enter() {
        Ok(t) => t,
        Err(e) => return Exit::fail(2, format!("terminal: {e}")),
    };
    let mut opts = opts;
    opts.styles = terminal::styles_for_background(opts.styles);
    let exit = match open_draft(&mut term, &opts, &store) {
        Ok(Some((opened, read_only))) => edit(&mut term, opts, opened, read_only),
        Ok(None) => Exit::ok(Vec::new()),
        Err(line) => Exit::fail(2, line),
    };
    yield_to_emergency();
    terminal::restore();
    exit
}

fn local_now() -> chrono::DateTime<chrono::FixedOffset> {
    chrono::Local::now().fixed_offset()
}

/// Picks the draft file and opens it, asking the user where a question must be asked.
/// `Ok(None)`: the user chose to leave.
fn open_draft(
    term: &mut Term,
    opts: &FillOptions,
    store: &Store,
) -> Result<Option<(Opened, bool)>, String> {
    let lang = opts.lang;
    let form = &opts.form;
    let path = match &opts.draft {
        Some(arg) => store.resolve(arg),
        None => {
            let entries = store.list_form(&form.id).unwrap_or_default();
            if entries.is_empty() {
                return create_new(store, form, lang).map(|o| Some((o, false)));
            }
            let mut options: Vec<String> = entries
                .iter()
                .map(|e| {
                    let (done, total) = e.draft.answers.completeness(form);
                    let updated = e.draft.updated.get(..16).unwrap_or(&e.draft.updated);
                    let line = s::resume_entry(
                        lang,
                        &e.draft.name,
                        &updated.replace('T', " "),
                        done,
                        total,
                    );
                    // Conflict and emergency copies carry the draft's name: show the file too.
                    let file = e.path.file_name().map(|f| f.to_string_lossy().into_owned());
                    match file {
                        Some(f) if f != draft::store::file_name_for(&e.draft.name) => {
                            format!("{line} — {f}")
                        }
                        _ => line,
                    }
                })
                .collect();
            options.push(s::start_new(lang).into());
            let body = s::resume_body(
                lang,
                entries.len(),
                &form.title,
                &store.dir().display().to_string(),
            );
            let mut c = Choice::new(lang, s::resume_title(lang), vec![body], options);
            match choose::run(term, &mut c, &opts.styles).map_err(|e| e.to_string())? {
                None => return Ok(None),
                Some(i) if i < entries.len() => entries[i].path.clone(),
                Some(_) => return create_new(store, form, lang).map(|o| Some((o, false))),
            }
        }
    };
    let mode = if opts.read_only {
        OpenMode::ReadOnly
    } else {
        OpenMode::Normal
    };
    if !path.exists() && path.symlink_metadata().is_err() {
        if opts.read_only {
            return Err(OpenError::NotFound { path }.describe(lang));
        }
        // `--draft PATH` that does not exist yet: a new draft there, no questions asked.
        let name = path
            .file_stem()
            .map_or_else(|| "draft".to_string(), |s| s.to_string_lossy().into_owned());
        return draft::create(&path, form, &name)
            .map(|o| Some((o, false)))
            .map_err(|e| e.describe(lang));
    }
    open_with_dialogs(term, &path, form, mode, opts)
}

fn create_new(store: &Store, form: &Form, lang: Lang) -> Result<Opened, String> {
    store.create_new(form).map_err(|e| e.describe(lang))
}

fn open_with_dialogs(
    term: &mut Term,
    path: &Path,
    form: &Form,
    mode: OpenMode,
    opts: &FillOptions,
) -> Result<Option<(Opened, bool)>, String> {
    let lang = opts.lang;
    match draft::open(path, form, mode) {
        Ok(o) => {
            let ro = o.session.is_read_only();
            Ok(Some((o, ro)))
        }
        Err(OpenError::Locked {
            holder, running, ..
        }) => {
            let who = format!(
                "{}@{}（pid {}，{}）",
                holder.user, holder.host, holder.pid, holder.started
            );
            let mut c = Choice::new(
                lang,
                s::locked_title(lang),
                vec![s::locked_body(lang, &who, running)],
                s::locked_options(lang),
            );
            match choose::run(term, &mut c, &opts.styles).map_err(|e| e.to_string())? {
                Some(0) => open_with_dialogs(term, path, form, OpenMode::ReadOnly, opts),
                Some(1) => open_with_dialogs(term, path, form, OpenMode::TakeOver, opts),
                _ => Ok(None),
            }
        }
        Err(e) if matches!(e, OpenError::Corrupt { .. }) => {
            let backup = match &e {
                OpenError::Corrupt { backup, .. } => backup.clone(),
                _ => None,
            };
            let mut options = Vec::new();
            if let Some(b) = &backup {
                options.push(s::recover_option(lang, &b.display().to_string()));
            }
            options.push(s::leave_unchanged(lang).into());
            let body = vec![e.describe(lang), s::corrupt_kept(lang).into()];
            let mut c = Choice::new(lang, s::corrupt_title(lang), body, options);
            match choose::run(term, &mut c, &opts.styles).map_err(|e| e.to_string())? {
                Some(0) if backup.is_some() => draft::recover_from_backup(path, form)
                    .map(|o| Some((o, false)))
                    .map_err(|e| e.describe(lang)),
                _ => Ok(None),
            }
        }
        Err(e) => Err(e.describe(lang)),
    }
}

/// Signals that stop or resume us, noticed by the loop.
struct Flags {
    tstp: Arc<AtomicBool>,
    cont: Arc<AtomicBool>,
    hangup: Arc<AtomicBool>,
}

/// Notices a terminal that went away even when SIGHUP is ignored (crossterm #793: its poll
/// then spins at 100% CPU and never returns an error): a thread polls the tty for POLLHUP.
fn spawn_hangup_watch(flag: Arc<AtomicBool>, em: draft::EmergencySaver, lang: Lang) {
    let _ = std::thread::Builder::new()
        .name("tianbiao-hangup".into())
        .spawn(move || {
            let fd = libc::STDIN_FILENO;
            loop {
                let mut p = libc::pollfd {
                    fd,
                    events: 0,
                    revents: 0,
                };
                // SAFETY: one valid pollfd, its length, a timeout; no other memory is touched.
                let n = unsafe { libc::poll(&mut p, 1, 250) };
                let gone =
                    n > 0 && (p.revents & (libc::POLLHUP | libc::POLLERR | libc::POLLNVAL)) != 0;
                if gone {
                    flag.store(true, Ordering::SeqCst);
                    // The loop may be stuck in crossterm's spinning poll or a blocked write:
                    // save from here and leave without touching the dead terminal.
                    emergency_exit(&em, 129, false, lang);
                }
            }
        });
}

fn edit(term: &mut Term, opts: FillOptions, opened: Opened, read_only: bool) -> Exit {
    let lang = opts.lang;
    let form = opts.form;
    let styles = opts.styles;
    let path = opened.session.path().to_path_buf();
    let notes: Vec<String> = opened.notes.iter().map(|n| n.describe(lang)).collect();
    let label = opened.draft.name.clone();
    let saver = match Saver::spawn(opened.session) {
        Ok(s) => s,
        Err(e) => return Exit::fail(2, format!("saver: {e}")),
    };
    let em = saver.emergency();
    // Hook order: the restore hook is already installed; this one wraps it, so a panic first
    // saves the newest text, then restores the terminal, then prints the message.
    em.install_panic_hook();
    {
        let em = em.clone();
        events::spawn_signal_thread(move |sig| {
            emergency_exit(&em, 128 + sig, sig != signal_hook::consts::SIGHUP, lang);
        });
    }
    let flags = Flags {
        tstp: Arc::new(AtomicBool::new(false)),
        cont: Arc::new(AtomicBool::new(false)),
        hangup: Arc::new(AtomicBool::new(false)),
    };
    let _ = signal_hook::flag::register(signal_hook::consts::SIGTSTP, flags.tstp.clone());
    let _ = signal_hook::flag::register(signal_hook::consts::SIGCONT, flags.cont.clone());
    spawn_hangup_watch(flags.hangup.clone(), em.clone(), lang);

    let mut app = App::new(form.clone(), opened.draft, lang, read_only, label);
    let found = terminal::found();
    if !notes.is_empty() {
        app.message = Some(Message {
            text: notes.join("；"),
            level: Level::Warn,
        });
    } else if let Some(text) = super::msg::startup_note(lang, found.ambiguous, found.detected) {
        app.message = Some(Message {
            text,
            level: Level::Info,
        });
    }
    if !read_only && app.save == SaveState::Unsaved {
        // Freshly opened: what is shown is what is on disk, or a new draft not written yet.
        app.save = if saver.with_session(|s| s.is_on_disk()) {
            SaveState::Saved(String::new())
        } else {
            SaveState::New
        };
    }
    let mut driver = Driver {
        saver,
        em,
        seqs: VecDeque::new(),
        acked: 0,
        last_generation: 0,
        path,
        quit_failed_once: false,
    };
    let exit = driver.run_loop(term, &mut app, &styles, &flags);
    yield_to_emergency();
    let (flush, session) = driver.saver.finish(Duration::from_secs(5));
    drop(session);
    let mut lines = exit.lines;
    if let Flush::Failed(e) = flush {
        lines.push(s::save_failed_detail(lang, &e.describe(lang)));
    }
    Exit {
        code: exit.code,
        lines,
    }
}

struct Driver {
    saver: Saver,
    em: draft::EmergencySaver,
    /// (saver sequence, app generation) of every snapshot handed over, oldest first.
    seqs: VecDeque<(u64, u64)>,
    /// The newest generation known to be safe.
    acked: u64,
    last_generation: u64,
    path: PathBuf,
    quit_failed_once: bool,
}

impl Driver {
    /// The app generation a saver sequence number stands for: the newest snapshot handed over
    /// with a sequence number at or below it.
    fn generation_of(&mut self, seq: u64) -> u64 {
        while let Some(&(s, g)) = self.seqs.front() {
            if s > seq {
                break;
            }
            self.acked = self.acked.max(g);
            self.seqs.pop_front();
        }
        self.acked
    }

    fn remember(&mut self, app: &App) {
        if app.read_only || app.generation == self.last_generation {
            return;
        }
        let snap = app.snapshot(&draft::session::rfc3339(&local_now()));
        let seq = self.saver.remember(snap);
        self.seqs.push_back((seq, app.generation));
        self.last_generation = app.generation;
    }

    fn save(&mut self, app: &App) {
        let snap = app.snapshot(&draft::session::rfc3339(&local_now()));
        let seq = self.saver.save(snap);
        self.seqs.push_back((seq, app.generation));
        self.last_generation = app.generation;
    }

    fn saver_events(&mut self, app: &mut App, now: Instant) -> bool {
        let mut any = false;
        while let Some(ev) = self.saver.try_event() {
            any = true;
            let action = match ev {
                SaveEvent::Saved { seq, at, .. } => Action::Saved {
                    generation: self.generation_of(seq),
                    at: at.format("%H:%M:%S").to_string(),
                },
                SaveEvent::Conflict { seq, copy, .. } => Action::SaveConflict {
                    generation: self.generation_of(seq),
                    copy: copy.display().to_string(),
                },
                SaveEvent::Failed { error, .. } => Action::SaveFailed {
                    generation: app.generation,
                    message: error.describe(app.lang),
                },
                SaveEvent::WorkerGone => Action::SaveFailed {
                    generation: app.generation,
                    message: "saver stopped".into(),
                },
            };
            update(app, action, now);
        }
        any
    }

    fn run_loop(&mut self, term: &mut Term, app: &mut App, styles: &Styles, flags: &Flags) -> Exit {
        let mut redraw = true;
        loop {
            if flags.cont.swap(false, Ordering::SeqCst) {
                app.needs_clear = true;
                redraw = true;
            }
            if flags.tstp.swap(false, Ordering::SeqCst) {
                let _ = terminal::suspend(term);
                redraw = true;
            }
            if app.needs_clear {
                let _ = terminal::full_redraw(term);
                app.needs_clear = false;
                redraw = true;
            }
            // While the last frame is still on its way over a slow link, keep reading keys and
            // draw the newest state once it has gone out: never more than one frame behind.
            let link_busy = redraw && terminal::output_pending() > 0;
            if redraw && !link_busy {
                if let Err(e) = term.draw(|f| view::draw(f, app, styles)) {
                    // The terminal is unusable: keep the text, leave.
                    let _ = self.em.save_now(Duration::from_secs(2));
                    return Exit::fail(2, format!("terminal: {e}"));
                }
                redraw = false;
            }
            let now = Instant::now();
            let wait = next_deadline(app)
                .map(|d| d.saturating_duration_since(now))
                .unwrap_or(Duration::from_millis(500))
                .min(if link_busy {
                    Duration::from_millis(10)
                } else if self.saver.has_unsaved() {
                    Duration::from_millis(100)
                } else {
                    Duration::from_millis(500)
                });
            let Ok(mut actions) = events::read_actions(app, wait) else {
                let _ = self.em.save_now(Duration::from_secs(2));
                return Exit::fail(2, "terminal input closed".into());
            };
            let now = Instant::now();
            if !actions.is_empty() {
                redraw = true;
            }
            actions.push(Action::Tick);
            let mut queue: VecDeque<Action> = actions.into();
            while let Some(a) = queue.pop_front() {
                let before = (
                    app.generation,
                    app.save.clone(),
                    app.message.clone(),
                    app.settle_pending,
                );
                let fx = update(app, a, now);
                let after = (
                    app.generation,
                    app.save.clone(),
                    app.message.clone(),
                    app.settle_pending,
                );
                if before != after {
                    redraw = true;
                }
                self.remember(app);
                for effect in fx {
                    redraw = true;
                    if let Some(exit) = self.perform(term, app, effect, now, &mut queue) {
                        return exit;
                    }
                }
            }
            if self.saver_events(app, now) {
                redraw = true;
            }
        }
    }

    /// Performs one effect; `Some(exit)` ends the editor.
    fn perform(
        &mut self,
        term: &mut Term,
        app: &mut App,
        effect: Effect,
        now: Instant,
        queue: &mut VecDeque<Action>,
    ) -> Option<Exit> {
        match effect {
            Effect::Save { .. } => {
                if !app.read_only {
                    self.save(app);
                }
                None
            }
            Effect::Quit => self.quit(app, now),
            Effect::Suspend => {
                let _ = terminal::suspend(term);
                app.needs_clear = true;
                None
            }
            Effect::CheckFile { path } => {
                queue.push_back(Action::FileChecked {
                    check: check_file(&self.path, &path),
                    path,
                });
                None
            }
            Effect::Export { format } => {
                queue.push_back(self.export(app, format));
                None
            }
            Effect::ExternalEditor { field, text } => {
                queue.push_back(self.external_editor(term, app, field, &text));
                None
            }
            // Review effects: the editor never has review state.
            Effect::SwitchFile { .. } | Effect::SaveNotes => None,
        }
    }

    /// Saves, writes the field's text to a private temp file, gives the terminal back while the
    /// user's editor runs, and takes it back. A hang-up meanwhile is handled by the signal
    /// thread, which saves the draft as usual.
    fn external_editor(&mut self, term: &mut Term, app: &App, field: String, text: &str) -> Action {
        use super::external::{self, Failure, Outcome};
        if !app.read_only {
            self.save(app);
            let _ = self.saver.flush(Duration::from_secs(5));
        }
        let path = match external::write_temp(&external::temp_dir(), &field, text) {
            Ok(p) => p,
            Err(e) => {
                return Action::EditorDone {
                    field,
                    outcome: Outcome::Failed {
                        failure: Failure::TempFile {
                            error: e.to_string(),
                        },
                        kept: None,
                    },
                };
            }
        };
        let editor = external::editor_command(|v| std::env::var(v).ok());
        terminal::restore();
        let outcome = external::edit(&editor, &path);
        let _ = terminal::reenter(term);
        let is_long = app.fields.iter().enumerate().any(|(i, f)| {
            matches!(f.editor, super::app::Editor::Long(_)) && app.field(i).id == field
        });
        let outcome = match outcome {
            Outcome::Edited(_) if !is_long => Outcome::Failed {
                failure: Failure::FieldGone,
                kept: Some(path),
            },
            Outcome::Edited(t) if t.chars().count() > super::update::FIELD_CAP_CHARS => {
                Outcome::Failed {
                    failure: Failure::TooLong {
                        chars: t.chars().count(),
                        cap: super::update::FIELD_CAP_CHARS,
                    },
                    kept: Some(path),
                }
            }
            Outcome::Edited(t) => {
                let _ = std::fs::remove_file(&path);
                Outcome::Edited(t)
            }
            failed => failed,
        };
        Action::EditorDone { field, outcome }
    }

    fn quit(&mut self, app: &mut App, now: Instant) -> Option<Exit> {
        let lang = app.lang;
        if app.read_only {
            return Some(Exit::ok(Vec::new()));
        }
        // A second Ctrl-Q after a failed save: put the text in an emergency copy and go.
        if self.quit_failed_once {
            let outcome = self.em.save_now(Duration::from_secs(2));
            let ok = !matches!(outcome, EmergencyOutcome::Failed { .. });
            if ok {
                return Some(Exit::ok(vec![outcome.describe(lang)]));
            }
            app.message = Some(Message {
                text: outcome.describe(lang),
                level: Level::Error,
            });
            return None;
        }
        match self.saver.flush(Duration::from_secs(5)) {
            Flush::Saved | Flush::NothingToSave => {
                if self.saver.with_session(|s| s.is_on_disk()) {
                    Some(Exit::ok(vec![saved_line(lang, &self.path)]))
                } else {
                    Some(Exit::ok(vec![s::nothing_written(lang).into()]))
                }
            }
            Flush::Conflict { copy, .. } => Some(Exit::ok(vec![s::conflict(
                lang,
                &copy.display().to_string(),
            )])),
            Flush::Failed(e) => {
                self.quit_failed_once = true;
                update(
                    app,
                    Action::SaveFailed {
                        generation: app.generation,
                        message: e.describe(lang),
                    },
                    now,
                );
                app.message = Some(Message {
                    text: s::quit_blocked(lang).into(),
                    level: Level::Error,
                });
                None
            }
            Flush::TimedOut => {
                // A hung disk: the emergency path writes elsewhere if it must.
                let outcome = self.em.save_now(Duration::from_secs(2));
                Some(Exit::ok(vec![outcome.describe(lang)]))
            }
        }
    }

    fn export(&mut self, app: &App, format: &'static str) -> Action {
        let lang = app.lang;
        let snap = app.snapshot(&draft::session::rfc3339(&local_now()));
        let Some(fmt) = crate::export::Format::parse(format) else {
            return Action::Exported {
                message: format!("unknown format {format}"),
                ok: false,
            };
        };
        let dir = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
        let out = unused_export_path(&dir, &snap.name, fmt.extension());
        let opts = crate::export::Options {
            force: false,
            lang,
            base_dir: self.path.parent().map(Path::to_path_buf),
        };
        match crate::export::write(&app.form, &snap, fmt, &out, &opts, &crate::export::now()) {
            Ok(_) => Action::Exported {
                message: s::exported(lang, &out.display().to_string()),
                ok: true,
            },
            Err(crate::export::ExportError::Invalid { findings }) => Action::Exported {
                message: s::export_refused(
                    lang,
                    findings.len(),
                    &findings.first().map_or_else(String::new, |f| {
                        crate::form::msg::finding_line(lang, &app.form, f)
                    }),
                ),
                ok: false,
            },
            Err(e) => Action::Exported {
                message: e.lines(lang, Some(&app.form)).join("；"),
                ok: false,
            },
        }
    }
}

fn saved_line(lang: Lang, path: &Path) -> String {
    s::draft_saved(lang, &path.display().to_string())
}

/// `DIR/NAME.EXT`, or `NAME-2.EXT`… when taken: an export from the editor never overwrites.
fn unused_export_path(dir: &Path, name: &str, ext: &str) -> PathBuf {
    let file = crate::draft::store::file_name_for(name);
    crate::fsio::unused_path(dir, file.trim_end_matches(".ron"), ext)
}

/// Whether an attachment path is a regular file; relative paths are relative to the draft's
/// folder (as export reads them).
fn check_file(draft_path: &Path, path: &str) -> FileCheck {
    let p = Path::new(path);
    let full = if p.is_absolute() {
        p.to_path_buf()
    } else {
        draft_path
            .parent()
            .map_or_else(|| p.to_path_buf(), |d| d.join(p))
    };
    match std::fs::metadata(&full) {
        Ok(m) if m.is_file() => FileCheck::Ok,
        Ok(_) => FileCheck::NotRegular,
        Err(_) => FileCheck::Missing,
    }
}
