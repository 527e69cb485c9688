//! The small dialogs before editing starts: which draft to resume, what to do about a draft
//! another tianbiao is editing, or one that does not parse. One list of options, arrow keys or
//! digits to pick, Esc to leave.

use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use super::action::Command;
use super::keymap::{self, Ctx};
use super::view::text::{clean, fit, wrap};
use crate::lang::Lang;
use crate::theme::Styles;

/// A question with options.
#[derive(Clone, Debug)]
pub struct Choice {
    pub title: String,
    pub body: Vec<String>,
    pub options: Vec<String>,
    pub cursor: usize,
    /// The hint line under the options.
    pub hint: String,
}

/// What a key does to a choice.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    Pending,
    Picked(usize),
    Cancelled,
}

impl Choice {
    /// A question with the usual hint line, the first option under the cursor.
    pub fn new(lang: Lang, title: &str, body: Vec<String>, options: Vec<String>) -> Choice {
        Choice {
            title: title.to_string(),
            body,
            options,
            cursor: 0,
            hint: keymap::dialog_hint(lang),
        }
    }

    /// Applies one key, through the keymap.
    pub fn key(&mut self, ev: &KeyEvent) -> Outcome {
        let Some(cmd) = keymap::lookup(Ctx::Dialog, false, false, ev) else {
            return Outcome::Pending;
        };
        let n = self.options.len();
        match cmd {
            Command::OptionUp if n > 0 => self.cursor = (self.cursor + n - 1) % n,
            Command::OptionDown if n > 0 => self.cursor = (self.cursor + 1) % n,
            Command::Pick if n > 0 => return Outcome::Picked(self.cursor.min(n - 1)),
            Command::PickNumber => {
                if let KeyCode::Char(c @ '1'..='9') = ev.code {
                    let k = c as usize - '1' as usize;
                    if k < n {
                        return Outcome::Picked(k);
                    }
                }
            }
            Command::Cancel => return Outcome::Cancelled,
            _ => {}
        }
        Outcome::Pending
    }
}

/// Draws a choice centred on the screen.
pub fn draw(frame: &mut Frame, c: &Choice, styles: &Styles) {
    let area = frame.area();
    frame.render_widget(Clear, area);
    if area.width < 8 || area.height < 4 {
        frame.render_widget(
            Paragraph::new(fit(&clean(&c.title), area.width as usize)),
            area,
        );
        return;
    }
    let w = area.width.min(76);
    let inner_w = w.saturating_sub(4) as usize;
    let mut lines: Vec<Line> = Vec::new();
    for b in &c.body {
        for l in wrap(&clean(b), inner_w) {
            lines.push(Line::raw(l));
        }
    }
    lines.push(Line::raw(""));
    for (i, o) in c.options.iter().enumerate() {
        let text = fit(&format!("{}. {}", i + 1, clean(o)), inner_w);
        let style = if i == c.cursor {
            styles.selected
        } else {
            Style::default()
        };
        lines.push(Line::styled(text, style));
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled(fit(&c.hint, inner_w), styles.muted));
    let h = (lines.len() as u16 + 2).min(area.height);
    let r = Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    );
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(styles.focus_border)
        .title(fit(
            &format!(" {} ", clean(&c.title)),
            w.saturating_sub(2) as usize,
        ));
    let inner = block.inner(r);
    frame.render_widget(block, r);
    // Keep the options visible when the body is long: drop body lines from the top.
    let overflow = lines.len().saturating_sub(inner.height as usize);
    let inner = Rect::new(
        inner.x + 1,
        inner.y,
        inner.width.saturating_sub(1),
        inner.height,
    );
    frame.render_widget(
        Paragraph::new(lines.into_iter().skip(overflow).collect::<Vec<_>>()),
        inner,
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::crossterm::event::KeyModifiers;

    fn choice() -> Choice {
        Choice {
            title: "继续编辑哪份草稿？".into(),
            body: vec!["已有 2 份草稿".into()],
            options: vec!["智慧港口".into(), "新建草稿".into()],
            cursor: 0,
            hint: "↑↓ 选择  Enter 确定  Esc 退出".into(),
        }
    }

    fn k(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, mods)
    }

    #[test]
    fn arrows_digits_enter_and_escape() {
        let mut c = choice();
        assert_eq!(
            c.key(&k(KeyCode::Down, KeyModifiers::NONE)),
            Outcome::Pending
        );
        assert_eq!(
            c.key(&k(KeyCode::Enter, KeyModifiers::NONE)),
            Outcome::Picked(1)
        );
        assert_eq!(
            c.key(&k(KeyCode::Char('1'), KeyModifiers::NONE)),
            Outcome::Picked(0)
        );
        assert_eq!(
            c.key(&k(KeyCode::Char('9'), KeyModifiers::NONE)),
            Outcome::Pending
        );
        assert_eq!(
            c.key(&k(KeyCode::Esc, KeyModifiers::NONE)),
            Outcome::Cancelled
        );
        assert_eq!(
            c.key(&k(KeyCode::Char('c'), KeyModifiers::CONTROL)),
            Outcome::Cancelled
        );
    }

    #[test]
    fn renders_at_any_size() {
        use ratatui::backend::TestBackend;
        let c = choice();
        for w in 1..60 {
            for h in 1..20 {
                let mut t = ratatui::Terminal::new(TestBackend::new(w, h)).unwrap();
                t.draw(|f| draw(f, &c, &Styles::default_theme())).unwrap();
            }
        }
    }
}
