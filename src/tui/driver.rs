//! The driver: the one event loop, and the only code that touches the terminal and performs
//! effects. Its states are the screens: a dialog (which draft to resume, a draft another
//! tianbiao holds, a damaged draft), the editor, and review. Every state runs under the same
//! exit guard (`guard`): signals and hang-ups save what the state holds and give the terminal
//! back, whichever screen is up (docs/design.md, "Terminal facts that matter"). The editor hands
//! snapshots to the saver thread; every exit path saves first and restores the terminal.

use std::collections::VecDeque;
use std::io::{self, IsTerminal};
use std::path::{Path, PathBuf};
use std::rc::Rc;
use std::time::{Duration, Instant};

use ratatui::Frame;
use ratatui::crossterm::event::{Event, KeyEventKind};

use super::action::{Action, Effect};
use super::app::{App, Level, Message};
use super::choose::{self, Choice, Outcome};
use super::events::{self, InputClosed};
use super::guard;
use super::msg;
use super::terminal::{self, Term};
use super::update::{next_deadline, update};
use super::view;
use crate::draft::{
    self, EmergencyOutcome, Flush, OpenError, OpenMode, Opened, SaveEvent, Saver, Store,
};
use crate::form::Form;
use crate::lang::Lang;
use crate::review::check::SCENARIO_FIELD;
use crate::theme::Styles;
use crate::tui::msg as s;

/// What `tianbiao fill` (or a bare `tianbiao`) was asked to do.
pub struct FillOptions {
    pub form: Form,
    /// `--draft NAME|PATH` (any bytes: file names need not be UTF-8).
    pub draft: Option<std::ffi::OsString>,
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

/// A state of the event loop.
pub(crate) enum Screen {
    Dialog(Dialog),
    Edit(Box<Editing>),
    Review(Box<super::review::Reviewing>),
}

/// A question before (or instead of) a screen, and what follows each answer (`None`: the user
/// left).
pub(crate) struct Dialog {
    pub choice: Choice,
    pub then: Option<Box<dyn FnOnce(Option<usize>) -> Next>>,
}

/// Where a state goes next.
pub(crate) enum Next {
    Go(Screen),
    Leave(Exit),
}

/// What one batch of input did.
#[derive(Default)]
pub(crate) struct Step {
    pub redraw: bool,
    /// Clear the screen and paint every cell (a new screen, Ctrl-L, after `fg`).
    pub repaint: bool,
    pub next: Option<Next>,
}

impl Screen {
    fn draw(&self, f: &mut Frame, styles: &Styles) {
        match self {
            Screen::Dialog(d) => choose::draw(f, &d.choice, styles),
            Screen::Edit(e) => {
                view::draw(f, &e.app, styles);
                if let Some(c) = &e.ask {
                    choose::draw(f, c, styles);
                }
            }
            Screen::Review(r) => view::draw(f, r.app(), styles),
        }
    }

    /// How long to wait for input before the state has something to do on its own.
    fn wait(&self) -> Duration {
        match self {
            Screen::Edit(e) => e.wait(),
            _ => Duration::from_millis(500),
        }
    }

    fn step(&mut self, term: &mut Term, events: Vec<Event>, now: Instant) -> Step {
        match self {
            Screen::Dialog(d) => d.step(events),
            Screen::Edit(e) => e.step(term, events, now),
            Screen::Review(r) => r.step(term, events, now),
        }
    }

    fn suspend_refused(&mut self) {
        match self {
            Screen::Edit(e) => e.act(Action::SuspendRefused, Instant::now()),
            Screen::Review(r) => r.act(Action::SuspendRefused, Instant::now()),
            Screen::Dialog(_) => {}
        }
    }

    /// The way out of a state: the editor waits for its last save.
    fn leave(self, exit: Exit) -> Exit {
        guard::leave();
        match self {
            Screen::Edit(e) => e.finish(exit),
            _ => exit,
        }
    }
}

impl Dialog {
    pub(crate) fn new(
        choice: Choice,
        then: impl FnOnce(Option<usize>) -> Next + 'static,
    ) -> Dialog {
        // Nothing to save while a question is asked.
        guard::set_rescue(None);
        Dialog {
            choice,
            then: Some(Box::new(then)),
        }
    }

    fn step(&mut self, events: Vec<Event>) -> Step {
        let mut step = Step::default();
        for ev in events {
            match ev {
                Event::Key(k) if k.kind != KeyEventKind::Release => {
                    step.redraw = true;
                    let answer = match self.choice.key(&k) {
                        Outcome::Pending => continue,
                        Outcome::Picked(i) => Some(i),
                        Outcome::Cancelled => None,
                    };
                    if let Some(then) = self.then.take() {
                        step.next = Some(then(answer));
                    }
                    return step;
                }
                Event::Resize(..) => step.redraw = true,
                _ => {}
            }
        }
        step
    }
}

/// Runs the event loop from `screen` until a state leaves. The terminal is entered and the exit
/// guard installed by the caller.
pub(crate) fn run_loop(term: &mut Term, mut screen: Screen, styles: &Styles) -> Exit {
    let mut redraw = true;
    let mut repaint = false;
    loop {
        if guard::take_continued() {
            repaint = true;
        }
        if guard::take_stop_request() {
            match guard::suspend(term) {
                Ok(()) => repaint = true,
                Err(guard::SuspendRefused::NoJobControl) => {
                    screen.suspend_refused();
                    redraw = true;
                }
            }
        }
        if repaint {
            let _ = guard::full_redraw(term);
            repaint = false;
            redraw = true;
        }
        // While the last frame is still on its way over a slow link, keep reading keys and draw
        // the newest state once it has gone out: never more than one frame behind.
        let link_busy = redraw && terminal::output_pending() > 0;
        if redraw && !link_busy {
            if let Err(e) = guard::draw(term, |f| screen.draw(f, styles)) {
                // The terminal is unusable: keep the text, leave.
                return screen.leave(Exit::fail(2, format!("terminal: {e}")));
            }
            redraw = false;
        }
        let wait = match link_busy {
            true => Duration::from_millis(10),
            false => screen.wait(),
        };
        let events = match events::read(wait) {
            Ok(events) => events,
            Err(InputClosed) => {
                return screen.leave(Exit::fail(2, "terminal input closed".into()));
            }
        };
        let step = screen.step(term, events, Instant::now());
        redraw |= step.redraw;
        repaint |= step.repaint;
        match step.next {
            None => {}
            Some(Next::Go(next)) => {
                screen = next;
                repaint = true;
            }
            Some(Next::Leave(exit)) => return screen.leave(exit),
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
    guard::install();
    terminal::install_restore_hook();
    // The draft records the form's hash: work it out on the second core while the terminal is
    // set up and answers its questions, not before the first screen.
    let entered = std::thread::scope(|s| {
        if !opts.form.hash_is_known() {
            s.spawn(|| opts.form.prime_hash());
        }
        terminal::enter()
    });
    let mut term = match entered {
        Ok(t) => t,
        Err(e) => return Exit::fail(2, format!("terminal: {e}")),
    };
    let mut opts = opts;
    opts.styles = terminal::styles_for_background(opts.styles);
    let styles = opts.styles.clone();
    let fill = Rc::new(Fill { opts, store });
    let exit = match start(&fill) {
        Next::Go(screen) => run_loop(&mut term, screen, &styles),
        Next::Leave(exit) => {
            guard::leave();
            exit
        }
    };
    // Dropping the terminal shows the cursor: do it before the restore, after which nothing
    // may be written.
    drop(term);
    guard::restore();
    exit
}

/// What the fill dialogs need to go on.
struct Fill {
    opts: FillOptions,
    store: Store,
}

fn local_now() -> chrono::DateTime<chrono::FixedOffset> {
    chrono::Local::now().fixed_offset()
}

/// Picks the draft file and opens it, asking the user where a question must be asked.
fn start(fill: &Rc<Fill>) -> Next {
    let opts = &fill.opts;
    let lang = opts.lang;
    let form = &opts.form;
    let store = &fill.store;
    let path = match &opts.draft {
        Some(arg) => store.resolve(arg),
        None => {
            let entries = store.list_form(&form.id).unwrap_or_default();
            if entries.is_empty() {
                return create_new(fill);
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
            let c = Choice::new(lang, s::resume_title(lang), vec![body], options);
            let paths: Vec<PathBuf> = entries.into_iter().map(|e| e.path).collect();
            let fill = fill.clone();
            return Next::Go(Screen::Dialog(Dialog::new(c, move |answer| match answer {
                None => Next::Leave(Exit::ok(Vec::new())),
                Some(i) if i < paths.len() => open_path(&fill, paths[i].clone()),
                Some(_) => create_new(&fill),
            })));
        }
    };
    if !path.exists() && path.symlink_metadata().is_err() {
        if opts.read_only {
            return Next::Leave(Exit::fail(2, OpenError::NotFound { path }.describe(lang)));
        }
        // `--draft PATH` that does not exist yet: a new draft there, no questions asked.
        let name = path
            .file_stem()
            .map_or_else(|| "draft".to_string(), |s| s.to_string_lossy().into_owned());
        return match draft::create(&path, form, &name) {
            Ok(o) => edit(fill, o, false),
            Err(e) => Next::Leave(Exit::fail(2, e.describe(lang))),
        };
    }
    open_path(fill, path)
}

fn open_path(fill: &Rc<Fill>, path: PathBuf) -> Next {
    let mode = if fill.opts.read_only {
        OpenMode::ReadOnly
    } else {
        OpenMode::Normal
    };
    open_with_dialogs(fill, path, mode)
}

fn create_new(fill: &Rc<Fill>) -> Next {
    let opts = &fill.opts;
    let lang = opts.lang;
    match fill.store.create_new(&opts.form) {
        Ok(o) => edit(fill, o, false),
        Err(e) => Next::Leave(Exit::fail(2, e.describe(lang))),
    }
}

fn open_with_dialogs(fill: &Rc<Fill>, path: PathBuf, mode: OpenMode) -> Next {
    let lang = fill.opts.lang;
    let form = &fill.opts.form;
    match draft::open(&path, form, mode) {
        Ok(o) => {
            let ro = o.session.is_read_only();
            edit(fill, o, ro)
        }
        Err(OpenError::Locked {
            holder, running, ..
        }) => {
            let who = s::lock_holder(lang, &holder);
            let c = Choice::new(
                lang,
                s::locked_title(lang),
                vec![s::locked_body(lang, &who, running)],
                s::locked_options(lang),
            );
            let fill = fill.clone();
            Next::Go(Screen::Dialog(Dialog::new(c, move |answer| match answer {
                Some(0) => open_with_dialogs(&fill, path, OpenMode::ReadOnly),
                Some(1) => open_with_dialogs(&fill, path, OpenMode::TakeOver),
                _ => Next::Leave(Exit::ok(Vec::new())),
            })))
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
            let c = Choice::new(lang, s::corrupt_title(lang), body, options);
            let fill = fill.clone();
            Next::Go(Screen::Dialog(Dialog::new(c, move |answer| match answer {
                Some(0) if backup.is_some() => {
                    match draft::recover_from_backup(&path, &fill.opts.form) {
                        Ok(o) => edit(&fill, o, false),
                        Err(e) => Next::Leave(Exit::fail(2, e.describe(lang))),
                    }
                }
                _ => Next::Leave(Exit::ok(Vec::new())),
            })))
        }
        Err(e) => Next::Leave(Exit::fail(2, e.describe(lang))),
    }
}

/// The editor state: the app, the saver that owns the session, and what the driver tracks about
/// saves.
pub(crate) struct Editing {
    app: App,
    saver: Saver,
    em: draft::EmergencySaver,
    /// (saver sequence, app generation) of every snapshot handed over, oldest first.
    seqs: VecDeque<(u64, u64)>,
    /// The newest generation known to be safe.
    acked: u64,
    last_generation: u64,
    path: PathBuf,
    /// The drafts folder: only drafts there are renamed after their scenario.
    store_dir: PathBuf,
    quit_failed_once: bool,
    /// The draft was said to be close to the size cap (since it last grew past the mark).
    size_warned: bool,
    /// A question over the editor (quitting when nothing can be saved).
    ask: Option<Choice>,
    /// Where tianbiao was started: relative paths typed for imports and attachments start here.
    start_dir: PathBuf,
}

/// What of the app a tick or a saver event can change without a key: a change redraws.
#[derive(PartialEq)]
struct Watched {
    generation: u64,
    save: super::app::SaveState,
    message: Option<Message>,
    settle_pending: bool,
}

impl Watched {
    fn of(app: &App) -> Watched {
        Watched {
            generation: app.generation,
            save: app.save.clone(),
            message: app.message.clone(),
            settle_pending: app.settle_pending,
        }
    }
}

/// What performing an effect asks of the loop.
enum Done {
    Stay,
    Repaint,
    Leave(Exit),
}

/// Starts editing an opened draft.
fn edit(fill: &Rc<Fill>, opened: Opened, read_only: bool) -> Next {
    let lang = fill.opts.lang;
    let form = fill.opts.form.clone();
    let path = opened.session.path().to_path_buf();
    let notes: Vec<String> = opened.notes.iter().map(|n| n.describe(lang)).collect();
    let label = opened.draft.name.clone();
    let saver = match Saver::spawn(opened.session) {
        Ok(s) => s,
        Err(e) => return Next::Leave(Exit::fail(2, format!("saver: {e}"))),
    };
    let em = saver.emergency();
    // Hook order: the restore hook is already installed; this one wraps it, so a panic first
    // saves the newest text, then restores the terminal, then prints the message.
    em.install_panic_hook();
    guard::set_rescue(Some(rescue(em.clone(), lang)));
    let mut app = App::new(form, opened.draft, lang, read_only, label);
    let start_dir = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
    app.start_dir = start_dir.display().to_string();
    let on_disk = saver.with_session(|s| s.is_on_disk());
    let found = terminal::found();
    let startup = match notes.is_empty() {
        true => msg::startup_note(lang, found.ambiguous, found.detected),
        false => None,
    };
    update(&mut app, Action::Opened { on_disk, notes }, Instant::now());
    if let Some(text) = startup {
        let note = Message {
            text,
            level: Level::Info,
        };
        update(&mut app, Action::Notice(note), Instant::now());
    }
    Next::Go(Screen::Edit(Box::new(Editing {
        app,
        saver,
        em,
        seqs: VecDeque::new(),
        acked: 0,
        last_generation: 0,
        path,
        store_dir: fill.store.dir().to_path_buf(),
        quit_failed_once: false,
        size_warned: false,
        ask: None,
        start_dir,
    })))
}

/// What a signal or a hang-up saves while editing: the newest text, through the draft if it
/// can, else in an emergency copy; the lock file goes once the draft holds the newest text.
/// When nothing at all can be written, the text itself is the line printed.
fn rescue(em: draft::EmergencySaver, lang: Lang) -> guard::Rescue {
    Box::new(move || {
        let outcome = em.save_now(Duration::from_secs(2));
        if matches!(
            outcome,
            EmergencyOutcome::NothingToSave
                | EmergencyOutcome::Saved { .. }
                | EmergencyOutcome::Conflict { .. }
        ) {
            em.release_lock(Duration::from_secs(1));
        }
        match outcome {
            EmergencyOutcome::NothingToSave => None,
            EmergencyOutcome::Failed { .. } => Some(format!(
                "{}\n{}\n{}",
                outcome.describe(lang),
                msg::unsaved_printed(lang),
                em.newest_text(Duration::from_secs(1)).unwrap_or_default()
            )),
            o => Some(o.describe(lang)),
        }
    })
}

impl Editing {
    fn wait(&self) -> Duration {
        let now = Instant::now();
        next_deadline(&self.app)
            .map(|d| d.saturating_duration_since(now))
            .unwrap_or(Duration::from_millis(500))
            .min(if self.saver.has_unsaved() {
                Duration::from_millis(100)
            } else {
                Duration::from_millis(500)
            })
    }

    /// Applies one action from the driver itself (not from a key).
    fn act(&mut self, action: Action, now: Instant) {
        let _ = update(&mut self.app, action, now);
    }

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

    fn remember(&mut self) {
        if self.app.read_only || self.app.generation == self.last_generation {
            return;
        }
        let snap = self.app.snapshot(&draft::session::rfc3339(&local_now()));
        let seq = self.saver.remember(snap);
        self.seqs.push_back((seq, self.app.generation));
        self.last_generation = self.app.generation;
    }

    fn save(&mut self) {
        let snap = self.app.snapshot(&draft::session::rfc3339(&local_now()));
        let seq = self.saver.save(snap);
        self.seqs.push_back((seq, self.app.generation));
        self.last_generation = self.app.generation;
    }

    fn saver_events(&mut self, now: Instant) -> bool {
        let mut any = false;
        while let Some(ev) = self.saver.try_event() {
            any = true;
            let lang = self.app.lang;
            let action = match ev {
                SaveEvent::Saved { seq, at, size, .. } => {
                    let saved = Action::Saved {
                        generation: self.generation_of(seq),
                        at: at.format("%H:%M:%S").to_string(),
                    };
                    update(&mut self.app, saved, now);
                    // Said once each time the draft grows past the mark, not on every save.
                    let near = size >= draft::session::SIZE_WARN;
                    let warn = near && !self.size_warned;
                    self.size_warned = near;
                    if !warn {
                        continue;
                    }
                    Action::Notice(Message {
                        text: draft::msg::near_cap(lang, size, crate::fsio::FILE_CAP),
                        level: Level::Warn,
                    })
                }
                SaveEvent::Conflict { seq, copy, .. } => Action::SaveConflict {
                    generation: self.generation_of(seq),
                    copy: copy.display().to_string(),
                },
                SaveEvent::Failed { error, .. } => Action::SaveFailed {
                    generation: self.app.generation,
                    message: error.describe(lang),
                },
                SaveEvent::WorkerGone => Action::SaveFailed {
                    generation: self.app.generation,
                    message: "saver stopped".into(),
                },
            };
            update(&mut self.app, action, now);
        }
        any
    }

    fn step(&mut self, term: &mut Term, events: Vec<Event>, now: Instant) -> Step {
        let mut step = Step::default();
        if self.ask.is_some() {
            return self.step_ask(events);
        }
        if let Some(a) = size_unknown(term, &self.app) {
            update(&mut self.app, a, now);
        }
        // Each event becomes an action only when its turn comes: a key right after Ctrl-O is
        // read in the export menu's context, even when both arrive in one batch.
        // Mouse events are placed on the screen as last drawn.
        let area = term.get_frame().area();
        let mut events: VecDeque<Event> = events.into();
        let mut queue: VecDeque<Action> = VecDeque::new();
        let mut ticked = false;
        loop {
            let a = if let Some(a) = queue.pop_front() {
                a
            } else if let Some(ev) = events.pop_front() {
                match events::to_action(&self.app, ev, area) {
                    Some(a) => {
                        step.redraw = true;
                        a
                    }
                    None => continue,
                }
            } else if !ticked {
                ticked = true;
                Action::Tick
            } else {
                break;
            };
            let before = Watched::of(&self.app);
            let fx = update(&mut self.app, a, now);
            if before != Watched::of(&self.app) {
                step.redraw = true;
            }
            self.remember();
            for effect in fx {
                step.redraw = true;
                match self.perform(term, effect, now, &mut queue) {
                    Done::Stay => {}
                    Done::Repaint => step.repaint = true,
                    Done::Leave(exit) => {
                        step.next = Some(Next::Leave(exit));
                        return step;
                    }
                }
            }
        }
        if self.saver_events(now) {
            step.redraw = true;
        }
        step
    }

    /// Keys while the "cannot save" question is up.
    fn step_ask(&mut self, events: Vec<Event>) -> Step {
        let mut step = Step::default();
        let lang = self.app.lang;
        for ev in events {
            let Event::Key(k) = ev else {
                step.redraw = true;
                continue;
            };
            if k.kind == KeyEventKind::Release {
                continue;
            }
            step.redraw = true;
            let Some(c) = self.ask.as_mut() else { break };
            match c.key(&k) {
                Outcome::Pending => {}
                Outcome::Picked(0) => {
                    let text = self
                        .em
                        .newest_text(Duration::from_secs(2))
                        .unwrap_or_default();
                    step.next = Some(Next::Leave(Exit {
                        code: 1,
                        lines: vec![msg::unsaved_printed(lang).into(), text],
                    }));
                    return step;
                }
                Outcome::Picked(1) => {
                    step.next = Some(Next::Leave(Exit::fail(1, msg::unsaved_lost(lang).into())));
                    return step;
                }
                Outcome::Picked(_) | Outcome::Cancelled => {
                    self.ask = None;
                    step.repaint = true;
                    return step;
                }
            }
        }
        step
    }

    /// Performs one effect.
    fn perform(
        &mut self,
        term: &mut Term,
        effect: Effect,
        now: Instant,
        queue: &mut VecDeque<Action>,
    ) -> Done {
        match effect {
            Effect::Save { .. } => {
                if !self.app.read_only {
                    self.save();
                }
                Done::Stay
            }
            Effect::Quit => self.quit(queue),
            Effect::Suspend => match guard::suspend(term) {
                Ok(()) => Done::Repaint,
                Err(guard::SuspendRefused::NoJobControl) => {
                    queue.push_back(Action::SuspendRefused);
                    Done::Stay
                }
            },
            Effect::Repaint => Done::Repaint,
            Effect::CheckFile { path } => {
                let resolved = self.locate(&path);
                queue.push_back(Action::FileChecked {
                    check: crate::export::stat_attachment(&resolved),
                    resolved: resolved.display().to_string(),
                    path,
                });
                Done::Stay
            }
            Effect::Export { format } => {
                queue.push_back(self.export(format));
                Done::Stay
            }
            Effect::ExternalEditor { field, text } => {
                queue.push_back(self.external_editor(term, field, &text));
                Done::Repaint
            }
            e @ (Effect::ListDir { .. } | Effect::ReadImport { .. }) => {
                queue.extend(import_io(&self.start_dir, e));
                Done::Stay
            }
            // Review effects: the editor never has review state.
            Effect::SwitchFile { .. } | Effect::SaveNotes => {
                let _ = now;
                Done::Stay
            }
        }
    }

    /// Saves, writes the field's text to a private temp file, gives the terminal back (through
    /// the exit guard) while the user's editor runs, and takes it back. A signal or hang-up
    /// meanwhile is handled by the guard, which saves the draft as usual.
    fn external_editor(&mut self, term: &mut Term, field: String, text: &str) -> Action {
        use super::external::{self, Failure, Outcome};
        if !self.app.read_only {
            self.save();
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
        let outcome = guard::hand_over(term, || external::edit(&editor, &path));
        let app = &self.app;
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

    fn quit(&mut self, queue: &mut VecDeque<Action>) -> Done {
        let lang = self.app.lang;
        if self.app.read_only {
            return Done::Leave(Exit::ok(Vec::new()));
        }
        // A second Ctrl-Q after a failed save: put the text in an emergency copy and go; when
        // that fails too, say so and offer to print the text.
        if self.quit_failed_once {
            let outcome = self.em.save_now(Duration::from_secs(2));
            if let EmergencyOutcome::Failed { reason } = &outcome {
                self.ask = Some(Choice::new(
                    lang,
                    msg::unsaved_title(lang),
                    vec![msg::unsaved_body(lang, reason)],
                    msg::unsaved_options(lang),
                ));
                return Done::Stay;
            }
            return Done::Leave(Exit::ok(vec![outcome.describe(lang)]));
        }
        let rename = self.name_after_answer();
        match self.saver.flush(Duration::from_secs(5)) {
            Flush::Saved | Flush::NothingToSave => {
                let copy = self
                    .saver
                    .with_session(|s| s.conflict_copy().map(Path::to_path_buf));
                if let Some(copy) = copy {
                    // The last text went to the copy, not to the draft file.
                    return Done::Leave(Exit::ok(vec![s::conflict(
                        lang,
                        &copy.display().to_string(),
                    )]));
                }
                if let Some(to) = rename
                    && self.saver.with_session(|s| s.rename_to(&to)).is_ok()
                {
                    self.path = to;
                }
                if self.saver.with_session(|s| s.is_on_disk()) {
                    Done::Leave(Exit::ok(vec![saved_line(lang, &self.path)]))
                } else {
                    Done::Leave(Exit::ok(vec![s::nothing_written(lang).into()]))
                }
            }
            Flush::Conflict { copy, .. } => Done::Leave(Exit::ok(vec![s::conflict(
                lang,
                &copy.display().to_string(),
            )])),
            Flush::Failed(e) => {
                self.quit_failed_once = true;
                queue.push_back(Action::QuitBlocked {
                    message: e.describe(lang),
                });
                Done::Stay
            }
            Flush::TimedOut => {
                // A hung disk: the emergency path writes elsewhere if it must.
                let outcome = self.em.save_now(Duration::from_secs(2));
                Done::Leave(Exit::ok(vec![outcome.describe(lang)]))
            }
        }
    }

    /// A draft in the drafts folder still called `附件1-20261201-1835` takes the name of its
    /// scenario once that is written: the name goes into the last save, and the file moves
    /// after it (in `quit`) to the returned path.
    fn name_after_answer(&mut self) -> Option<PathBuf> {
        let name = draft::store::name_from_answer(&self.app.form, &self.app.draft, SCENARIO_FIELD)?;
        if self.path.parent() != Some(self.store_dir.as_path()) {
            return None;
        }
        let stem = draft::store::file_name_for(&name);
        let to = crate::fsio::unused_path(&self.store_dir, stem.trim_end_matches(".ron"), "ron");
        self.app.draft.name = name;
        self.save();
        Some(to)
    }

    /// Waits for the last save and gives the session (and its lock) up.
    fn finish(self, exit: Exit) -> Exit {
        let lang = self.app.lang;
        let (flush, session) = self.saver.finish(Duration::from_secs(5));
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

    /// Where an attachment path the author typed points: `~` expanded, a relative path under
    /// the start directory. A relative path that is only found beside the draft (a draft
    /// written with its files next to it) keeps pointing there.
    fn locate(&self, path: &str) -> PathBuf {
        let typed = resolve_typed(&self.start_dir, path);
        if typed.is_relative() || typed.symlink_metadata().is_ok() || path.trim().starts_with('~') {
            return typed;
        }
        let beside = crate::export::resolve_attachment(path.trim(), self.path.parent());
        match beside.symlink_metadata() {
            Ok(_) => beside,
            Err(_) => typed,
        }
    }

    fn export(&self, format: &'static str) -> Action {
        let app = &self.app;
        let lang = app.lang;
        let snap = app.snapshot(&draft::session::rfc3339(&local_now()));
        let Some(fmt) = crate::export::Format::parse(format) else {
            return Action::Exported {
                message: format!("unknown format {format}"),
                ok: false,
            };
        };
        let dir = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
        let stem = draft::store::name_from_answer(&app.form, &snap, SCENARIO_FIELD)
            .unwrap_or_else(|| snap.name.clone());
        let base_dir = self.path.parent().map(Path::to_path_buf);
        let files = crate::export::check_files(&app.form, &snap.answers, base_dir.as_deref());
        let p = crate::export::prepare(&app.form, &snap, &crate::export::now(), files);
        let written = crate::export::gate(&p, false).and_then(|()| {
            let bytes = crate::export::render(&p, fmt, lang);
            write_export(&dir, &stem, fmt.extension(), &bytes)
        });
        match written {
            Ok((out, false)) => Action::Exported {
                message: s::exported(lang, &out.display().to_string()),
                ok: true,
            },
            Ok((out, true)) => Action::Exported {
                message: s::export_unchanged(lang, &out.display().to_string()),
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

/// The terminal's size for an app that has not been told it yet (a new editor or review file):
/// before the first key, so keys on a too-small screen never reach a hidden field.
pub(crate) fn size_unknown(term: &Term, app: &App) -> Option<Action> {
    if app.screen.is_some() {
        return None;
    }
    let size = term.size().ok()?;
    Some(Action::Resize {
        width: size.width,
        height: size.height,
    })
}

fn saved_line(lang: Lang, path: &Path) -> String {
    s::draft_saved(lang, &path.display().to_string())
}

/// Writes an export from the editor to `DIR/NAME.EXT`, or `NAME-2.EXT`… when taken: it never
/// overwrites, and a file that already holds these very bytes is named instead of copied
/// (`true`: nothing written).
fn write_export(
    dir: &Path,
    name: &str,
    ext: &str,
    bytes: &[u8],
) -> Result<(PathBuf, bool), crate::export::ExportError> {
    let file = crate::draft::store::file_name_for(name);
    let stem = file.trim_end_matches(".ron");
    for n in 1..1000 {
        let out = match n {
            1 => dir.join(format!("{stem}.{ext}")),
            n => dir.join(format!("{stem}-{n}.{ext}")),
        };
        match crate::export::write_file(&out, bytes, false) {
            Err(crate::export::ExportError::Exists(_)) => continue,
            r => return r.map(|unchanged| (out, unchanged)),
        }
    }
    let out = crate::fsio::unused_path(dir, stem, ext);
    crate::export::write_file(&out, bytes, false).map(|unchanged| (out, unchanged))
}

/// Performs the file effects of the import prompt (listing a directory for Tab, reading the
/// file), relative to `start` (where tianbiao was started), and says what came of them.
pub fn import_io(start: &Path, effect: Effect) -> Option<Action> {
    match effect {
        Effect::ListDir { dir } => Some(Action::DirListed {
            entries: list_dir(&resolve_typed(start, &dir)),
            dir,
        }),
        Effect::ReadImport { field, path } => {
            let file = resolve_typed(start, &path);
            let bytes = crate::fsio::read_capped(&file, crate::textfile::FILE_CAP_BYTES)
                .map_err(std::sync::Arc::new);
            Some(Action::ImportRead { field, path, bytes })
        }
        _ => None,
    }
}

/// A path typed in the import prompt, as a file: `~/` is the home directory, a relative path
/// starts where tianbiao was started.
fn resolve_typed(start: &Path, typed: &str) -> PathBuf {
    crate::export::resolve_typed(typed, home().as_deref(), Some(start))
}

fn home() -> Option<PathBuf> {
    std::env::var_os("HOME")
        .filter(|h| !h.is_empty())
        .map(PathBuf::from)
}

/// The entries of a directory for completion (names that are not UTF-8 cannot be typed, so
/// they are left out; a huge directory is cut short rather than read for ever).
fn list_dir(dir: &Path) -> Result<Vec<super::import::Entry>, std::sync::Arc<io::Error>> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir)
        .map_err(std::sync::Arc::new)?
        .take(10_000)
    {
        let Ok(entry) = entry else { continue };
        let Ok(name) = entry.file_name().into_string() else {
            continue;
        };
        // A link to a directory completes like a directory.
        let is_dir = std::fs::metadata(entry.path()).is_ok_and(|m| m.is_dir());
        out.push(super::import::Entry { name, dir: is_dir });
    }
    Ok(out)
}
