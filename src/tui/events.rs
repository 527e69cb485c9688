//! What the editor and the review screen share at the terminal's edge: reading events into
//! actions, and the thread that handles fatal signals.

use std::io;
use std::time::Duration;

use ratatui::crossterm::event::{self, Event, KeyEventKind};

use super::action::Action;
use super::app::App;
use super::update;

/// The terminal's input went away (a hang-up the kernel reported as an error).
pub struct InputClosed;

/// Waits up to `wait` for input and returns every event already waiting as actions: a resize
/// storm or a fast typist becomes one redraw. Interrupted system calls are not errors.
pub fn read_actions(app: &App, wait: Duration) -> Result<Vec<Action>, InputClosed> {
    let mut actions = Vec::new();
    match event::poll(wait) {
        Ok(true) => {}
        Ok(false) => return Ok(actions),
        Err(e) if e.kind() == io::ErrorKind::Interrupted => return Ok(actions),
        Err(_) => return Err(InputClosed),
    }
    loop {
        match event::read() {
            Ok(ev) => actions.extend(to_action(app, ev)),
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(_) => return Err(InputClosed),
        }
        if actions.len() > 256 || !matches!(event::poll(Duration::ZERO), Ok(true)) {
            return Ok(actions);
        }
    }
}

fn to_action(app: &App, ev: Event) -> Option<Action> {
    // Debug builds only: lets the end-to-end tests check what a crash does to the draft and
    // the terminal. Release builds have no such key.
    #[cfg(debug_assertions)]
    if let Event::Key(k) = &ev
        && k.code == ratatui::crossterm::event::KeyCode::F(12)
        && std::env::var_os("TIANBIAO_TEST_PANIC_KEY").is_some()
    {
        panic!("test panic requested with F12");
    }
    match ev {
        Event::Key(k) if k.kind != KeyEventKind::Release => update::action_for_key(app, k),
        Event::Paste(text) => Some(Action::Paste(text)),
        Event::Resize(..) => Some(Action::Resize),
        _ => None,
    }
}

/// Starts the thread that handles SIGHUP, SIGTERM, SIGINT and SIGQUIT: `on_signal(signal)` saves
/// what must be saved and ends the process. It runs on its own thread because after a hang-up
/// the main thread may be stuck writing to a dead terminal.
pub fn spawn_signal_thread(on_signal: impl FnOnce(i32) + Send + 'static) {
    let Ok(mut signals) = signal_hook::iterator::Signals::new([
        signal_hook::consts::SIGHUP,
        signal_hook::consts::SIGTERM,
        signal_hook::consts::SIGINT,
        signal_hook::consts::SIGQUIT,
    ]) else {
        return;
    };
    let _ = std::thread::Builder::new()
        .name("tianbiao-signals".into())
        .spawn(move || {
            if let Some(sig) = signals.forever().next() {
                on_signal(sig);
            }
        });
}
