//! Entering and leaving the terminal's editing mode, on every exit path (docs/design.md,
//! "Terminal facts that matter"): raw mode, the alternate screen, bracketed paste, the cursor,
//! and mouse reporting when `--mouse` asked for it.
//! Each restore step runs even when an earlier one fails, so a half-broken terminal is still
//! given back. Entering also asks the terminal, once, how wide it draws ambiguous characters and
//! how light its background is (when the command line left those to us). Only `guard` calls the
//! drawing and restoring functions here once the event loop runs.

use std::io::{self, Write};
use std::sync::OnceLock;

use ratatui::backend::Backend;
use ratatui::crossterm::cursor::Show;
use ratatui::crossterm::event::{DisableBracketedPaste, EnableBracketedPaste};
use ratatui::crossterm::style::ResetColor;
use ratatui::crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::crossterm::{execute, queue};
use ratatui::layout::Rect;
use ratatui::{Terminal, TerminalOptions, Viewport};

use super::backend::{Ambiguous, TtyBackend};
use super::probe::{self, Background, Probed};
use crate::theme::Styles;

pub type Term = Terminal<TtyBackend<io::Stdout>>;

/// `--ambiguous`: how wide the terminal draws East Asian Ambiguous characters.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum AmbiguousSetting {
    /// Ask the terminal at start-up.
    #[default]
    Auto,
    Narrow,
    Wide,
}

impl AmbiguousSetting {
    pub fn parse(s: &str) -> Option<AmbiguousSetting> {
        match s.trim().to_ascii_lowercase().as_str() {
            "auto" => Some(AmbiguousSetting::Auto),
            "narrow" | "1" => Some(AmbiguousSetting::Narrow),
            "wide" | "2" => Some(AmbiguousSetting::Wide),
            _ => None,
        }
    }
}

/// What the command line decided about the terminal before it is entered.
#[derive(Clone, Debug, Default)]
pub struct Setup {
    pub ambiguous: AmbiguousSetting,
    /// No `--theme` and no `NO_COLOR`: pick dark or light from the terminal's background.
    pub auto_theme: bool,
    /// `--mouse`: report clicks and the wheel. Off by default, so the terminal's own selection
    /// (copying text with the mouse) keeps working.
    pub mouse: bool,
}

/// Clicks (with the wheel, which terminals send as buttons 4 and 5) in the SGR encoding, which
/// has no limit on the column. Not motion tracking: a moved mouse sends nothing over the link.
const MOUSE_ON: &[u8] = b"\x1b[?1000h\x1b[?1006h";
const MOUSE_OFF: &[u8] = b"\x1b[?1006l\x1b[?1000l";

fn mouse_wanted() -> bool {
    SETUP.get().is_some_and(|s| s.mouse)
}

/// What entering the terminal found out.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Found {
    pub ambiguous: Ambiguous,
    /// The ambiguous width was detected rather than given.
    pub detected: bool,
    pub background: Option<Background>,
    pub auto_theme: bool,
}

static SETUP: OnceLock<Setup> = OnceLock::new();
static FOUND: OnceLock<Found> = OnceLock::new();

/// Records the command line's terminal settings (once, before `enter`).
pub fn configure(setup: Setup) {
    let _ = SETUP.set(setup);
}

/// What the first `enter` found (defaults before that).
pub fn found() -> Found {
    FOUND.get().copied().unwrap_or_default()
}

/// The styles to draw with: the given ones, or the light theme when the theme was left to us and
/// the terminal's background is light.
pub fn styles_for_background(given: Styles) -> Styles {
    let f = found();
    if f.auto_theme && f.background == Some(Background::Light) {
        Styles::builtin("light").unwrap_or(given)
    } else {
        given
    }
}

/// Whether probing makes sense: a terminal that can answer.
fn probe_allowed() -> bool {
    !matches!(std::env::var("TERM").as_deref(), Ok("dumb") | Ok(""))
}

fn discover(setup: &Setup, out: &mut io::Stdout) -> Found {
    let want_amb = setup.ambiguous == AmbiguousSetting::Auto;
    let probed = if (want_amb || setup.auto_theme) && probe_allowed() {
        probe::run(out, libc::STDIN_FILENO, probe::BUDGET).unwrap_or_default()
    } else {
        Probed::default()
    };
    let ambiguous = match setup.ambiguous {
        AmbiguousSetting::Narrow => Ambiguous::Narrow,
        AmbiguousSetting::Wide => Ambiguous::Wide,
        AmbiguousSetting::Auto => probed.ambiguous.unwrap_or_default(),
    };
    let background = probed
        .background
        .or_else(|| probe::colorfgbg_hint(std::env::var("COLORFGBG").ok().as_deref()));
    Found {
        ambiguous,
        detected: want_amb && probed.ambiguous.is_some(),
        background,
        auto_theme: setup.auto_theme,
    }
}

pub use super::backend::{MAX_COLS, MAX_ROWS};

/// The terminal's size, clamped to what we draw.
fn clamped(term: &Term) -> io::Result<Rect> {
    let size = term.backend().size()?;
    Ok(Rect::new(
        0,
        0,
        size.width.min(MAX_COLS),
        size.height.min(MAX_ROWS),
    ))
}

/// Follows a change of the terminal's size (clamped). The viewport is fixed, so ratatui never
/// allocates for the unclamped size on its own.
pub fn fit(term: &mut Term) -> io::Result<()> {
    let area = clamped(term)?;
    if area != term.get_frame().area() {
        term.resize(area)?;
    }
    Ok(())
}

/// Puts the terminal into editing mode and returns a ratatui terminal on stdout.
pub fn enter() -> io::Result<Term> {
    enable_raw_mode()?;
    let mut out = io::stdout();
    if let Err(e) = execute!(out, EnterAlternateScreen) {
        restore();
        return Err(e);
    }
    // Bracketed paste is not supported everywhere (legacy Windows consoles); pasting then
    // arrives as keys, which still works.
    let _ = execute!(out, EnableBracketedPaste);
    if mouse_wanted() {
        let _ = out.write_all(MOUSE_ON).and_then(|()| out.flush());
    }
    let found = *FOUND.get_or_init(|| discover(SETUP.get_or_init(Setup::default), &mut out));
    super::view::text::set_ambiguous(found.ambiguous);
    let backend = TtyBackend::new(io::stdout(), found.ambiguous);
    let area = match backend.size() {
        Ok(s) => Rect::new(0, 0, s.width.min(MAX_COLS), s.height.min(MAX_ROWS)),
        Err(e) => {
            restore();
            return Err(e);
        }
    };
    let options = TerminalOptions {
        viewport: Viewport::Fixed(area),
    };
    match Terminal::with_options(backend, options) {
        Ok(t) => Ok(t),
        Err(e) => {
            restore();
            Err(e)
        }
    }
}

/// Bytes written to the terminal that it has not read yet (a slow link): the driver waits for
/// them to go out before it draws the newest state, so frames never pile up in the tty.
pub fn output_pending() -> usize {
    let mut n: libc::c_int = 0;
    // SAFETY: TIOCOUTQ writes one int through the pointer we pass; nothing else is touched.
    let r = unsafe { libc::ioctl(libc::STDOUT_FILENO, libc::TIOCOUTQ, &mut n) };
    if r == 0 { n.max(0) as usize } else { 0 }
}

/// Gives the terminal back: paste mode off, colours reset, cursor shown, main screen, cooked
/// mode. Safe to call more than once and from a panic hook; ignores every error.
pub fn restore() {
    let mut out = io::stdout();
    if mouse_wanted() {
        let _ = out.write_all(MOUSE_OFF);
    }
    let _ = queue!(out, DisableBracketedPaste);
    let _ = queue!(out, ResetColor);
    let _ = queue!(out, Show);
    let _ = queue!(out, LeaveAlternateScreen);
    let _ = out.flush();
    let _ = disable_raw_mode();
}

/// Ctrl-Z: restore the terminal, stop the whole process group (as a shell's job control
/// expects), and on `fg` take the terminal back. The caller redraws everything afterwards.
pub fn suspend(term: &mut Term) -> io::Result<()> {
    restore();
    // SIGSTOP cannot be caught, so our own SIGTSTP handling does not get in the way.
    // SAFETY: kill(2) with pid 0 and a valid signal number has no memory effects.
    unsafe {
        libc::kill(0, libc::SIGSTOP);
    }
    reenter(term)
}

/// Takes the terminal back after [`restore`] (a resume, an external editor) and makes the next
/// draw repaint everything.
pub fn reenter(term: &mut Term) -> io::Result<()> {
    // Each step runs even if one before it failed: better a half-set terminal we can draw on
    // than none.
    let raw = enable_raw_mode();
    let mut out = io::stdout();
    let alt = execute!(out, EnterAlternateScreen);
    let _ = execute!(out, EnableBracketedPaste);
    if mouse_wanted() {
        let _ = out.write_all(MOUSE_ON).and_then(|()| out.flush());
    }
    let redraw = full_redraw(term);
    raw.and(alt).and(redraw)
}

/// Clears the screen and makes the next draw repaint every cell. Unlike `Terminal::clear`, it
/// does not ask the terminal where the cursor is (a round trip on a slow link, and a 2 s stall
/// with terminals that never answer).
pub fn full_redraw(term: &mut Term) -> io::Result<()> {
    term.backend_mut().forget();
    let area = clamped(term)?;
    term.resize(area)
}

/// Installs a panic hook that restores the terminal before the panic message is printed (so the
/// message is readable and at column 0). Install it *before* the emergency-save hook, which then
/// runs first: save, restore, report.
///
/// The message is printed through the sanitiser instead of by the default hook: a panic's
/// payload can quote received text.
pub fn install_restore_hook() {
    std::panic::set_hook(Box::new(move |info| {
        super::guard::restore();
        let text = crate::sanitize::for_terminal_with(&panic_text(info), true);
        let _ = writeln!(io::stderr().lock(), "{text}");
    }));
}

/// What the default hook would print: where, what, and a backtrace when `RUST_BACKTRACE` asks.
pub(crate) fn panic_text(info: &std::panic::PanicHookInfo<'_>) -> String {
    let payload = info
        .payload()
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| info.payload().downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "Box<dyn Any>".to_string());
    let thread = std::thread::current();
    let name = thread.name().unwrap_or("<unnamed>");
    let place = info
        .location()
        .map(|l| format!(" at {}:{}:{}", l.file(), l.line(), l.column()))
        .unwrap_or_default();
    let backtrace = std::backtrace::Backtrace::capture();
    let trace = match backtrace.status() {
        std::backtrace::BacktraceStatus::Captured => format!("\n{backtrace}"),
        _ => String::new(),
    };
    format!("thread '{name}' panicked{place}:\n{payload}{trace}")
}
