//! Shared helpers for TUI tests: building an editor on the flagship form, replaying keys, and
//! rendering into a fixed-size `TestBackend`.
#![allow(dead_code)]

use std::time::{Duration, Instant};

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use tianbiao::draft::Draft;
use tianbiao::form;
use tianbiao::lang::Lang;
use tianbiao::theme::Styles;
use tianbiao::tui::action::{Action, Effect};
use tianbiao::tui::app::App;
use tianbiao::tui::update::{action_for_key, update};
use tianbiao::tui::view;

pub fn flagship_app(lang: Lang) -> App {
    let f = form::builtin("ai-scenario").unwrap().unwrap();
    let d = Draft::new(&f, "测试草稿", "2026-11-25T20:00:00+08:00");
    App::new(f, d, lang, false, "测试草稿".into())
}

pub fn app_with(draft: Draft, read_only: bool) -> App {
    let f = form::builtin(&draft.form_id).unwrap().unwrap();
    let name = draft.name.clone();
    App::new(f, draft, Lang::Zh, read_only, name)
}

/// A driver stand-in: a clock that moves only when told to.
pub struct Harness {
    pub app: App,
    pub now: Instant,
    pub effects: Vec<Effect>,
}

impl Harness {
    pub fn new(app: App) -> Self {
        Harness {
            app,
            now: Instant::now(),
            effects: Vec::new(),
        }
    }

    pub fn act(&mut self, a: Action) -> Vec<Effect> {
        let fx = update(&mut self.app, a, self.now);
        self.effects.extend(fx.clone());
        fx
    }

    pub fn key(&mut self, code: KeyCode, mods: KeyModifiers) -> Vec<Effect> {
        let ev = KeyEvent::new(code, mods);
        match action_for_key(&self.app, ev) {
            Some(a) => self.act(a),
            None => Vec::new(),
        }
    }

    pub fn press(&mut self, code: KeyCode) -> Vec<Effect> {
        self.key(code, KeyModifiers::NONE)
    }

    pub fn ctrl(&mut self, c: char) -> Vec<Effect> {
        self.key(KeyCode::Char(c), KeyModifiers::CONTROL)
    }

    /// Types text one character at a time, as an IME commits it.
    pub fn type_str(&mut self, s: &str) {
        for c in s.chars() {
            if c == '\n' {
                self.press(KeyCode::Enter);
            } else {
                self.press(KeyCode::Char(c));
            }
        }
    }

    pub fn wait(&mut self, ms: u64) -> Vec<Effect> {
        self.now += Duration::from_millis(ms);
        self.act(Action::Tick)
    }

    /// Moves focus to the field with this id using Tab only, like a user.
    pub fn focus_field(&mut self, id: &str) {
        for _ in 0..self.app.fields.len() * 2 {
            if self.app.focused().id == id {
                return;
            }
            self.press(KeyCode::Tab);
        }
        panic!("field {id} not reachable with Tab");
    }
}

pub fn render(app: &App, w: u16, h: u16) -> Terminal<TestBackend> {
    render_with(app, w, h, &Styles::default_theme())
}

pub fn render_with(app: &App, w: u16, h: u16, styles: &Styles) -> Terminal<TestBackend> {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| view::draw(f, app, styles)).unwrap();
    t
}

/// The screen as text lines (wide characters followed by their blank second cell removed).
pub fn lines(buf: &Buffer) -> Vec<String> {
    let area = buf.area;
    (0..area.height)
        .map(|y| {
            let mut s = String::new();
            let mut skip = 0;
            for x in 0..area.width {
                if skip > 0 {
                    skip -= 1;
                    continue;
                }
                let sym = buf[(x, y)].symbol();
                s.push_str(sym);
                let w = unicode_width::UnicodeWidthStr::width(sym);
                if w > 1 {
                    skip = w - 1;
                }
            }
            s.trim_end().to_string()
        })
        .collect()
}

pub fn screen(t: &Terminal<TestBackend>) -> String {
    lines(t.backend().buffer()).join("\n")
}

/// Where a text first appears on screen: (x, y) of its first cell.
pub fn find(buf: &Buffer, needle: &str) -> Option<(u16, u16)> {
    let area = buf.area;
    for y in 0..area.height {
        let mut row = String::new();
        let mut xs = Vec::new();
        let mut skip = 0;
        for x in 0..area.width {
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let sym = buf[(x, y)].symbol();
            for _ in sym.chars() {
                xs.push(x);
            }
            row.push_str(sym);
            let w = unicode_width::UnicodeWidthStr::width(sym);
            if w > 1 {
                skip = w - 1;
            }
        }
        if let Some(pos) = row.find(needle) {
            let idx = row[..pos].chars().count();
            return Some((xs[idx], y));
        }
    }
    None
}
