//! The process's exit guard, shared by every screen of the event loop (the dialogs before
//! editing, the editor, review): the fatal signals, the terminal hang-up watcher, the rule that
//! only one emergency exit runs, the rule that no frame is drawn once the terminal was given
//! back, and whether Ctrl-Z may stop the process.
//!
//! ```text
//! signal thread (HUP TERM INT QUIT) ─┐
//!                                    ├─► emergency_exit: first caller only ─► rescue() ─► restore
//! hang-up watcher (POLLHUP on tty) ──┘   (the other parks)                    (the screen's save)
//! ```
//!
//! The current screen says what must be saved with [`set_rescue`]. Frames are drawn only through
//! [`draw`], under the lock the emergency exit takes to restore the terminal and then keeps until
//! the process ends.

use std::io;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

use ratatui::Frame;

use super::terminal::{self, Term};
use crate::draft::saver::lock_within;

/// Saves what the current screen must not lose; returns a line to print once the terminal is
/// restored (where the text went), if any. Runs on the signal or watcher thread.
pub type Rescue = Box<dyn Fn() -> Option<String> + Send>;

struct Shared {
    rescue: Mutex<Option<Rescue>>,
    /// Set by whoever ends the process first (an emergency exit or the normal way out).
    leaving: AtomicBool,
    /// Held while drawing; `true` once the terminal was given back for good.
    restored: Mutex<bool>,
    tstp: Arc<AtomicBool>,
    cont: Arc<AtomicBool>,
}

static SHARED: OnceLock<Shared> = OnceLock::new();

fn shared() -> &'static Shared {
    SHARED.get_or_init(|| Shared {
        rescue: Mutex::new(None),
        leaving: AtomicBool::new(false),
        restored: Mutex::new(false),
        tstp: Arc::new(AtomicBool::new(false)),
        cont: Arc::new(AtomicBool::new(false)),
    })
}

/// Starts the signal thread and the hang-up watcher (once per process) before the terminal is
/// taken: from then on every screen is covered.
pub fn install() {
    static STARTED: AtomicBool = AtomicBool::new(false);
    if STARTED.swap(true, Ordering::SeqCst) {
        return;
    }
    let sh = shared();
    let _ = signal_hook::flag::register(signal_hook::consts::SIGTSTP, sh.tstp.clone());
    let _ = signal_hook::flag::register(signal_hook::consts::SIGCONT, sh.cont.clone());
    if let Ok(mut signals) = signal_hook::iterator::Signals::new([
        signal_hook::consts::SIGHUP,
        signal_hook::consts::SIGTERM,
        signal_hook::consts::SIGINT,
        signal_hook::consts::SIGQUIT,
    ]) {
        let _ = std::thread::Builder::new()
            .name("tianbiao-signals".into())
            .spawn(move || {
                if let Some(sig) = signals.forever().next() {
                    emergency_exit(128 + sig);
                }
            });
    }
    // With SIGHUP ignored or blocked no signal comes when the terminal goes away, and crossterm's
    // poll then spins at 100% CPU without ever returning an error: watch the tty for POLLHUP.
    let _ = std::thread::Builder::new()
        .name("tianbiao-hangup".into())
        .spawn(|| {
            loop {
                if hung_up(250) {
                    emergency_exit(129);
                }
            }
        });
}

/// Whether the terminal on stdin has gone away, waiting up to `ms` for news.
fn hung_up(ms: i32) -> bool {
    let mut p = libc::pollfd {
        fd: libc::STDIN_FILENO,
        events: 0,
        revents: 0,
    };
    // SAFETY: one valid pollfd, its length, a timeout; no other memory is touched.
    let n = unsafe { libc::poll(&mut p, 1, ms) };
    n > 0 && (p.revents & (libc::POLLHUP | libc::POLLERR | libc::POLLNVAL)) != 0
}

/// What must be saved if the process is ended now (`None`: nothing).
pub fn set_rescue(rescue: Option<Rescue>) {
    *shared().rescue.lock().unwrap_or_else(|p| p.into_inner()) = rescue;
}

/// Saves (through the rescue), gives the terminal back unless it is gone, and ends the process.
/// Only the first caller does this; a second (the watcher after the signal thread, or the
/// reverse) parks until the process ends, so there is one emergency save.
pub fn emergency_exit(code: i32) -> ! {
    let sh = shared();
    if sh.leaving.swap(true, Ordering::SeqCst) {
        park();
    }
    let line =
        lock_within(&sh.rescue, Duration::from_secs(2)).and_then(|r| r.as_ref().and_then(|f| f()));
    // Only a real hang-up justifies leaving the terminal as it is: after `kill -HUP` with the
    // terminal still there, raw mode must still be undone.
    if !hung_up(0) {
        match lock_within(&sh.restored, Duration::from_secs(1)) {
            Some(mut restored) => {
                if !*restored {
                    terminal::restore();
                    *restored = true;
                }
                if let Some(l) = line {
                    eprintln!("{}", crate::sanitize::for_terminal_with(&l, true));
                }
                // The lock is kept until the end: no frame after the restore.
                std::process::exit(code);
            }
            // The main thread is stuck writing a frame (the output is not read): writing more
            // would block too, but cooked mode does not need the output.
            None => {
                let _ = ratatui::crossterm::terminal::disable_raw_mode();
            }
        }
    }
    std::process::exit(code);
}

fn park() -> ! {
    loop {
        std::thread::park();
    }
}

/// The normal way out begins: from now on a signal does not start a second save. If an
/// emergency exit is already under way this never returns (that thread ends the process).
pub fn leave() {
    if shared().leaving.swap(true, Ordering::SeqCst) {
        park();
    }
}

/// Draws one frame, unless the terminal was given back. Keeps the size within what the
/// buffers can hold (a client can claim 20000×20000).
pub fn draw(term: &mut Term, render: impl FnOnce(&mut Frame)) -> io::Result<()> {
    let restored = shared().restored.lock().unwrap_or_else(|p| p.into_inner());
    if *restored {
        return Ok(());
    }
    terminal::fit(term)?;
    term.draw(render).map(|_| ())
}

/// Clears the screen and makes the next frame repaint every cell.
pub fn full_redraw(term: &mut Term) -> io::Result<()> {
    let restored = shared().restored.lock().unwrap_or_else(|p| p.into_inner());
    if *restored {
        return Ok(());
    }
    terminal::full_redraw(term)
}

/// Gives the terminal to another program (the user's editor) while `run` runs, then takes it
/// back. A signal meanwhile ends the process through the emergency exit as usual; once the
/// terminal was given back for good it is not taken again.
pub fn hand_over<T>(term: &mut Term, run: impl FnOnce() -> T) -> T {
    {
        let restored = shared().restored.lock().unwrap_or_else(|p| p.into_inner());
        if !*restored {
            terminal::restore();
        }
    }
    let out = run();
    let restored = shared().restored.lock().unwrap_or_else(|p| p.into_inner());
    if !*restored {
        let _ = terminal::reenter(term);
    }
    out
}

/// Gives the terminal back for good (the normal exit, and the panic hook).
pub fn restore() {
    // A panic inside `draw` holds the lock on this very thread: restore anyway.
    match lock_within(&shared().restored, Duration::from_millis(200)) {
        Some(mut restored) => {
            terminal::restore();
            *restored = true;
        }
        None => terminal::restore(),
    }
}

/// Why Ctrl-Z did not stop the process.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SuspendRefused {
    /// Nothing in this session can resume a stopped process (`ssh -t host tianbiao`,
    /// `xterm -e tianbiao`): stopping would lose the text for good.
    NoJobControl,
}

/// Whether a shell with job control could bring us back with `fg`: not when we (or our process
/// group) are the session's leader, since job-control shells put each job in its own group.
pub fn job_control() -> bool {
    // SAFETY: getsid, getpgrp and getpid only read process attributes.
    let (sid, pgrp) = unsafe { (libc::getsid(0), libc::getpgrp()) };
    sid >= 0 && pgrp != sid
}

/// Ctrl-Z or SIGTSTP: give the terminal back, stop, and take it again on `fg` (the caller
/// repaints). Refused when nothing could resume the process.
pub fn suspend(term: &mut Term) -> Result<(), SuspendRefused> {
    if !job_control() {
        return Err(SuspendRefused::NoJobControl);
    }
    let restored = shared().restored.lock().unwrap_or_else(|p| p.into_inner());
    if *restored {
        return Ok(());
    }
    let _ = terminal::suspend(term);
    drop(restored);
    Ok(())
}

/// A SIGTSTP came from outside (`kill -TSTP`) since the last call.
pub fn take_stop_request() -> bool {
    shared().tstp.swap(false, Ordering::SeqCst)
}

/// The process was continued (SIGCONT) since the last call: repaint.
pub fn take_continued() -> bool {
    shared().cont.swap(false, Ordering::SeqCst)
}
