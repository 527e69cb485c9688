//! The path prompt of a file import: where relative paths start, the path with its caret, the
//! candidates a second Tab listed, and the prompt's keys.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Paragraph};

use super::text::{clean, fit, width, wrap};
use crate::theme::Styles;
use crate::tui::app::App;
use crate::tui::import::{Prompt, msg as im};
use crate::tui::keymap::{self, Ctx};

/// At most this many rows of candidates.
const LIST_ROWS: usize = 6;

/// Candidates packed into rows of `w` cells, two spaces apart; when they take more than
/// `LIST_ROWS` rows, the last row says how many are not shown.
fn pack(names: &[String], w: usize, lang: crate::lang::Lang) -> Vec<String> {
    // (row text, names in it)
    let mut rows: Vec<(String, usize)> = Vec::new();
    for n in names {
        let n = fit(&clean(n), w);
        match rows.last_mut() {
            Some((row, k)) if width(row) + 2 + width(&n) <= w => {
                row.push_str("  ");
                row.push_str(&n);
                *k += 1;
            }
            _ => rows.push((n, 1)),
        }
    }
    if rows.len() > LIST_ROWS {
        rows.truncate(LIST_ROWS - 1);
        let shown: usize = rows.iter().map(|(_, k)| k).sum();
        rows.push((im::more(lang, names.len() - shown), 0));
    }
    rows.into_iter().map(|(r, _)| r).collect()
}

pub fn draw(frame: &mut Frame, app: &App, p: &Prompt, styles: &Styles, area: Rect) {
    let lang = app.lang;
    let w = area.width.min(76);
    if w < 8 || area.height < 4 {
        return;
    }
    let inner_w = w.saturating_sub(4) as usize;
    let mut lines: Vec<Line> = wrap(&im::relative_to(lang, &app.start_dir), inner_w)
        .into_iter()
        .map(|l| Line::styled(l, styles.muted))
        .collect();
    // The path, its tail when it is longer than the line: the caret stays in view.
    let chars: Vec<char> = p.path.chars().collect();
    let cursor = p.cursor.min(chars.len());
    let room = inner_w.saturating_sub(3).max(1);
    let mut start = 0;
    while start < cursor && width(&clean(&chars[start..cursor].iter().collect::<String>())) >= room
    {
        start += 1;
    }
    let shown: String = chars[start..].iter().collect();
    let before = clean(&chars[start..cursor].iter().collect::<String>());
    let path_row = lines.len();
    lines.push(Line::styled(
        format!("> {}", fit(&clean(&shown), room)),
        styles.focus,
    ));
    if let Some(names) = &p.listing {
        for row in pack(names, inner_w, lang) {
            lines.push(Line::raw(row));
        }
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled(
        fit(&keymap::overlay_hint(lang, Ctx::Prompt), inner_w),
        styles.muted,
    ));
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
            &im::title(lang, &p.label),
            w.saturating_sub(2) as usize,
        ));
    let inner = block.inner(r);
    super::clear_over(frame, r);
    frame.render_widget(block, r);
    let inner = Rect::new(
        inner.x + 1,
        inner.y,
        inner.width.saturating_sub(1),
        inner.height,
    );
    frame.render_widget(Paragraph::new(lines), inner);
    if (path_row as u16) < inner.height {
        let x = inner.x + 2 + width(&before).min(room) as u16;
        frame.set_cursor_position(Position::new(
            x.min(inner.right().saturating_sub(1)),
            inner.y + path_row as u16,
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::Lang;

    #[test]
    fn candidates_are_packed_and_the_rest_counted() {
        let names: Vec<String> = (0..40).map(|i| format!("简介-{i:02}.txt")).collect();
        let rows = pack(&names, 40, Lang::Zh);
        assert_eq!(rows.len(), LIST_ROWS);
        assert!(rows.iter().all(|r| width(r) <= 40), "{rows:?}");
        assert!(rows.last().unwrap().contains("还有"), "{rows:?}");
        let few = pack(&names[..3], 76, Lang::Zh);
        assert_eq!(few, ["简介-00.txt  简介-01.txt  简介-02.txt"]);
    }
}
