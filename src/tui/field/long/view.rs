//! Draws a long text from its buffer's layout: the rows in the window, hidden characters as a
//! one-cell `·`, the selection, the part over the limit, and the caret as the real terminal
//! cursor (so an IME's candidate window follows it).

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use unicode_width::UnicodeWidthStr;

use crate::text::buffer::{LongText, Pos};
use crate::text::wrap;
use crate::theme::Styles;

/// How a long text is drawn.
pub struct Look {
    /// Draw the caret (as the terminal cursor) and scroll to keep it in view.
    pub focused: bool,
    /// Where the text goes over its limit, if it does.
    pub overflow: Option<Pos>,
}

/// Draws `lt` into `r` and returns where the terminal cursor goes (when focused). The caller
/// keeps a spare column right of `r` for a caret after an exactly full row.
pub fn draw(
    frame: &mut Frame,
    lt: &LongText,
    r: Rect,
    styles: &Styles,
    look: &Look,
) -> Option<Position> {
    if r.width == 0 || r.height == 0 {
        return None;
    }
    let cols = r.width as usize;
    let top = if look.focused {
        lt.set_view(cols, r.height as usize);
        lt.top()
    } else {
        0
    };
    let sel = if look.focused { lt.selection() } else { None };
    let width = lt.width_fn();
    let buf = frame.buffer_mut();
    for (dy, (line, row)) in lt
        .rows_from(top, r.height as usize, cols)
        .into_iter()
        .enumerate()
    {
        let text = lt.line(line);
        let y = r.y + dy as u16;
        let mut x = r.x;
        let seg = &text[row.start..row.end];
        for (a, b) in wrap::units(seg) {
            let unit = &seg[a..b];
            let w = width(unit);
            if x as usize + w > r.right() as usize {
                break;
            }
            let at = Pos::new(line, row.start + a);
            let mut style = Style::default();
            if look.overflow.is_some_and(|o| at >= o) {
                style = style.patch(styles.overflow);
            }
            if sel.is_some_and(|(s, e)| at >= s && at < e) {
                style = style.patch(styles.selected);
            }
            if unit == "\t" {
                buf.set_stringn(x, y, " ".repeat(w), w, style);
            } else if wrap::is_marker(unit) {
                buf.set_stringn(x, y, "·", 1, style.patch(styles.hidden_char));
            } else if w > unit.width() {
                // Ambiguous-wide terminal: the filler reserves the character's second cell.
                let wide = format!("{unit}{}", wrap::FILLER);
                buf.set_stringn(x, y, wide, w, style);
            } else {
                buf.set_stringn(x, y, unit, w, style);
            }
            x += w as u16;
        }
    }
    if !look.focused {
        return None;
    }
    let (row, col) = lt.caret_in_view()?;
    let x = r.x as usize + col;
    (x <= r.right() as usize).then(|| Position::new(x as u16, r.y + row as u16))
}
