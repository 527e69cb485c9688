//! The one-line text editor every kind builds on (a line field, a choice's "other" text, list
//! items, table and attachment cells): how it is configured, and which keys it takes.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::style::Style;
use ratatui_textarea::{Input, Key, TextArea, WrapMode};

/// A text editor configured the way every field uses it: soft wrap for unspaced Chinese, no
/// drawn caret line, and the real terminal cursor placed by the view.
pub fn new_textarea(text: &str) -> TextArea<'static> {
    let lines: Vec<String> = if text.is_empty() {
        vec![String::new()]
    } else {
        text.split('\n').map(str::to_string).collect()
    };
    let mut ta = TextArea::new(lines);
    ta.set_wrap_mode(WrapMode::Glyph);
    ta.set_cursor_line_style(Style::default());
    // The real terminal cursor marks the caret (the view places it): no second, drawn caret.
    ta.set_cursor_style(Style::default());
    ta.set_tab_length(4);
    ta.set_max_histories(200);
    ta
}

/// The text in an editor, lines joined with `\n`.
pub fn text_of(ta: &TextArea<'_>) -> String {
    ta.lines().join("\n")
}

/// The key without Ctrl or Alt.
pub fn plain(ev: &KeyEvent, code: KeyCode) -> bool {
    ev.code == code
        && !ev
            .modifiers
            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
}

/// A character typed without Ctrl or Alt.
pub fn typed_char(ev: &KeyEvent) -> bool {
    matches!(ev.code, KeyCode::Char(_))
        && !ev
            .modifiers
            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
}

/// Keys that would put a line break into a one-line text.
pub fn breaks_line(ev: &KeyEvent) -> bool {
    let ctrl = ev.modifiers.contains(KeyModifiers::CONTROL);
    matches!(ev.code, KeyCode::Enter)
        || (ctrl && matches!(ev.code, KeyCode::Char('m')))
        || matches!(ev.code, KeyCode::Char('\n' | '\r'))
}

/// Keys that only move or select, allowed in read-only mode.
fn is_navigation(input: &Input) -> bool {
    match input.key {
        Key::Left
        | Key::Right
        | Key::Up
        | Key::Down
        | Key::Home
        | Key::End
        | Key::PageUp
        | Key::PageDown => true,
        Key::Char(c) if input.ctrl => matches!(c, 'a' | 'e' | 'f' | 'b' | 'p' | 'n' | 'v'),
        Key::Char(c) if input.alt => matches!(c, 'f' | 'b' | 'v' | '<' | '>' | '[' | ']'),
        _ => false,
    }
}

/// Sends a key to a textarea; whether the text changed. `Err` when a read-only editor was asked
/// for more than moving.
fn edit_text(ta: &mut TextArea<'static>, ev: KeyEvent, read_only: bool) -> Result<bool, ()> {
    let input = Input::from(ev);
    if read_only && !is_navigation(&input) {
        return Err(());
    }
    Ok(ta.input(input))
}

/// A key into a textarea, recorded in `out`.
pub fn type_into(
    ta: &mut TextArea<'static>,
    ev: KeyEvent,
    read_only: bool,
    out: &mut super::Keyed,
) {
    match edit_text(ta, ev, read_only) {
        Ok(c) => out.changed = c,
        Err(()) => out.refused = true,
    }
}
