//! The one-line text editor every kind builds on (a line field, a choice's "other" text, list
//! items, table and attachment cells): how it is configured, which keys it takes, and how it is
//! drawn with the real terminal cursor at its caret (docs/design.md, "Terminal facts that
//! matter": IME).

use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;
use ratatui_textarea::{Input, Key, TextArea, WrapMode};

use crate::theme::Styles;
use crate::tui::view::text::fit;

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

/// The caret in characters from the start (a line break counts as one).
pub fn caret_of(ta: &TextArea<'_>) -> usize {
    let ratatui_textarea::DataCursor(row, col) = ta.cursor();
    ta.lines()
        .iter()
        .take(row)
        .map(|l| l.chars().count() + 1)
        .sum::<usize>()
        + col
}

/// Puts the caret `caret` characters from the start (at the end when the text is shorter).
pub fn put_caret(ta: &mut TextArea<'_>, mut caret: usize) {
    let lines = ta.lines().to_vec();
    for (row, line) in lines.iter().enumerate() {
        let n = line.chars().count();
        if caret <= n || row + 1 == lines.len() {
            let at = |v: usize| v.min(u16::MAX as usize) as u16;
            ta.move_cursor(ratatui_textarea::CursorMove::Jump(
                at(row),
                at(caret.min(n)),
            ));
            return;
        }
        caret -= n + 1;
    }
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

/// Where the terminal cursor goes for a textarea drawn in `rect` (after it was drawn).
pub fn caret(ta: &TextArea<'_>, rect: Rect) -> Option<Position> {
    if rect.width == 0 || rect.height == 0 {
        return None;
    }
    let sc = ta.screen_cursor();
    let (top, left) = ta.scroll_offset();
    let row = sc.row.checked_sub(top as usize)?;
    let col = sc.col.checked_sub(left as usize)?;
    let x = rect.x as usize + col;
    let y = rect.y as usize + row;
    // x may equal rect.right(): that is the spare column kept for a caret after a full row.
    (y < rect.bottom() as usize && x <= rect.right() as usize)
        .then(|| Position::new(x as u16, y as u16))
}

/// One line of a textarea-backed value: the live editor when focused, plain text otherwise.
pub fn draw_line(
    frame: &mut Frame,
    ta: &TextArea<'_>,
    r: Rect,
    focused: bool,
    placeholder: Option<&str>,
    styles: &Styles,
    empty: &str,
) {
    if r.width == 0 || r.height == 0 {
        return;
    }
    if focused && ta.lines().len() == 1 {
        // One column narrower than the space: the caret after a full row stays visible. A text
        // wider than that shows the caret's neighbourhood, with … where it is cut.
        let (line, x) = caret_window(&ta.lines()[0], ta.cursor().1, r.width.saturating_sub(1));
        frame.render_widget(Paragraph::new(Line::raw(line)), r);
        frame.set_cursor_position(Position::new(r.x + x, r.y));
    } else if focused {
        let er = Rect::new(r.x, r.y, r.width.saturating_sub(1), 1);
        frame.render_widget(ta, er);
        if let Some(p) = caret(ta, er) {
            frame.set_cursor_position(p);
        }
    } else {
        let t = text_of(ta);
        let line = if t.is_empty() {
            Line::styled(
                fit(placeholder.unwrap_or(empty), r.width as usize),
                styles.muted,
            )
        } else {
            Line::raw(fit(&t.replace('\n', " "), r.width as usize))
        };
        frame.render_widget(Paragraph::new(line), r);
    }
}

/// The part of a one-line `text` shown in `avail` columns around the caret (at character
/// `caret`), with `…` where it is cut, and the caret's column in it.
pub fn caret_window(text: &str, caret: usize, avail: u16) -> (String, u16) {
    let avail = avail as usize;
    let chars: Vec<char> = text.chars().collect();
    let w: Vec<usize> = chars
        .iter()
        .map(|c| crate::tui::view::text::width(&c.to_string()))
        .collect();
    let caret = caret.min(chars.len());
    let total: usize = w.iter().sum();
    if total <= avail || avail < 3 {
        let x: usize = w[..caret].iter().sum();
        return (text.to_string(), x.min(avail) as u16);
    }
    // Room for the text between two markers; grow from the caret, leftwards first to half of it.
    let room = avail - 2;
    let (mut start, mut end, mut used) = (caret, caret, 0);
    while start > 0 && used + w[start - 1] <= room / 2 {
        start -= 1;
        used += w[start];
    }
    while end < chars.len() && used + w[end] <= room {
        used += w[end];
        end += 1;
    }
    while start > 0 && used + w[start - 1] <= room {
        start -= 1;
        used += w[start];
    }
    let mut out = String::new();
    if start > 0 {
        out.push('…');
    }
    out.extend(&chars[start..end]);
    if end < chars.len() {
        out.push('…');
    }
    let x = usize::from(start > 0) + w[start..caret].iter().sum::<usize>();
    (out, x as u16)
}

#[cfg(test)]
mod window_tests {
    use super::caret_window;

    #[test]
    fn a_long_line_shows_the_caret_with_markers_where_it_is_cut() {
        // Fits: as it is.
        assert_eq!(caret_window("智慧港口", 4, 10), ("智慧港口".into(), 8));
        let t = "基于人工智能的智慧港口集装箱码头无人化作业典型应用场景";
        // Caret at the end: the tail, a marker before it.
        let (s, x) = caret_window(t, t.chars().count(), 12);
        assert!(s.starts_with('…') && s.ends_with("应用场景"), "{s}");
        assert_eq!(x as usize, crate::tui::view::text::width(&s));
        // Caret at the start: the head, a marker after it.
        let (s, x) = caret_window(t, 0, 12);
        assert!(s.starts_with("基于") && s.ends_with('…'), "{s}");
        assert_eq!(x, 0);
        // In the middle: markers on both sides, the caret inside.
        let (s, x) = caret_window(t, 12, 12);
        assert!(s.starts_with('…') && s.ends_with('…'), "{s}");
        assert!(x > 0 && (x as usize) < crate::tui::view::text::width(&s));
        assert!(crate::tui::view::text::width(&s) <= 12);
    }
}
