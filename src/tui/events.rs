//! Reading the terminal's input for the event loop: every event already waiting comes back in
//! one batch (a resize storm or a fast typist becomes one redraw), and keys become actions for
//! the editor and review screens.

use std::io;
use std::time::Duration;

use ratatui::crossterm::event::{self, Event, KeyEventKind, MouseButton, MouseEventKind};
use ratatui::layout::Rect;

use super::action::Action;
use super::app::App;
use super::update;
use super::view;

/// The terminal's input went away (a hang-up the kernel reported as an error).
pub struct InputClosed;

/// Waits up to `wait` for input and returns every event already waiting. Interrupted system
/// calls are not errors.
pub fn read(wait: Duration) -> Result<Vec<Event>, InputClosed> {
    let mut events = Vec::new();
    match event::poll(wait) {
        Ok(true) => {}
        Ok(false) => return Ok(events),
        Err(e) if e.kind() == io::ErrorKind::Interrupted => return Ok(events),
        Err(_) => return Err(InputClosed),
    }
    loop {
        match event::read() {
            Ok(ev) => {
                test_panic_key(&ev);
                events.push(ev);
            }
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(_) => return Err(InputClosed),
        }
        if events.len() > 256 || !matches!(event::poll(Duration::ZERO), Ok(true)) {
            return Ok(events);
        }
    }
}

/// Debug builds only: lets the end-to-end tests check what a crash does to the draft and the
/// terminal. Release builds have no such key.
fn test_panic_key(ev: &Event) {
    #[cfg(debug_assertions)]
    if let Event::Key(k) = ev
        && k.code == ratatui::crossterm::event::KeyCode::F(12)
        && std::env::var_os("TIANBIAO_TEST_PANIC_KEY").is_some()
    {
        panic!("test panic requested with F12");
    }
    #[cfg(not(debug_assertions))]
    let _ = ev;
}

/// What an event means to the editor or the review screen drawn in `area` (mouse events
/// arrive only with `--mouse`).
pub fn to_action(app: &App, ev: Event, area: Rect) -> Option<Action> {
    match ev {
        Event::Key(k) if k.kind != KeyEventKind::Release => update::action_for_key(app, k),
        Event::Paste(text) => Some(Action::Paste(text)),
        Event::Resize(width, height) => Some(Action::Resize { width, height }),
        Event::Mouse(m) => {
            let wheel = match m.kind {
                MouseEventKind::Down(MouseButton::Left) => None,
                MouseEventKind::ScrollDown => Some(true),
                MouseEventKind::ScrollUp => Some(false),
                _ => return None,
            };
            view::hit(app, area, m.column, m.row, wheel).map(Action::Mouse)
        }
        _ => None,
    }
}
