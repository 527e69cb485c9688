//! The section overview: every section and field with its marker and count/limit; the focused
//! one highlighted; scrolled so the focus is always visible.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::text::{clean, fit, width};
use crate::theme::Styles;
use crate::tui::app::{App, Mark};
use crate::tui::mouse::Mouse;
use crate::tui::msg as s;

fn mark_style(styles: &Styles, m: Mark) -> Style {
    match m {
        Mark::Empty => styles.muted,
        Mark::Ok => styles.ok,
        Mark::Near => styles.warn,
        Mark::Over => styles.over,
        Mark::MissingRequired => styles.warn,
        Mark::Invalid => styles.error,
    }
}

/// One overview row: text, marker, count, and whether it is the focus.
struct Row {
    indent: usize,
    label: String,
    mark: Mark,
    count: String,
    focused: bool,
    /// In review: the reviewer wrote a note on the row's field (or on one of its section's).
    noted: bool,
    /// What a click on the row focuses.
    target: Mouse,
}

fn rows(app: &App) -> Vec<Row> {
    let noted = |i: usize| {
        app.review.as_ref().is_some_and(|r| {
            r.notes
                .get(&app.field(i).id)
                .is_some_and(|n| !n.trim().is_empty())
        })
    };
    let mut out = Vec::new();
    for (si, section) in app.form.sections.iter().enumerate() {
        let fields: Vec<usize> = app
            .section_fields(si)
            .filter(|&i| app.focusable(i))
            .collect();
        // A section whose main field is named by its title shows as one row.
        let single = fields.len() == 1 && section.title.contains(&app.field(fields[0]).label);
        let main = fields
            .iter()
            .copied()
            .find(|&i| section.title.contains(&app.field(i).label));
        let count_of = |i: usize| {
            app.settled_limit_info(i)
                .map(|(n, l, _, _)| format!("{n}/{l}"))
                .unwrap_or_default()
        };
        out.push(Row {
            indent: 0,
            label: clean(&section.title),
            mark: if single {
                app.mark(fields[0])
            } else {
                app.section_mark(si)
            },
            // A multi-field section shows counts on its field rows only.
            count: if single {
                main.map(count_of).unwrap_or_default()
            } else {
                String::new()
            },
            focused: single && app.focus == fields[0],
            noted: fields.iter().any(|&i| noted(i)),
            target: Mouse::Section(si),
        });
        if single {
            continue;
        }
        for &i in &fields {
            out.push(Row {
                indent: 2,
                label: clean(&app.field(i).label),
                mark: app.mark(i),
                count: count_of(i),
                focused: app.focus == i,
                noted: noted(i),
                target: Mouse::Field(i),
            });
        }
    }
    out
}

/// What of the list `h` rows show: the rows `start..start + shown`, scrolled so the focused row
/// is on screen, and whether a line above or below says how many more there are (a list cut
/// without a word would hide that (六) and (七) exist).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Window {
    start: usize,
    shown: usize,
    above: bool,
    below: bool,
}

fn window(rows: &[Row], h: usize) -> Window {
    let n = rows.len();
    if n <= h || h < 3 {
        let focus_row = rows.iter().position(|r| r.focused).unwrap_or(0);
        let start = if focus_row >= h { focus_row + 1 - h } else { 0 };
        return Window {
            start,
            shown: h.min(n),
            above: false,
            below: false,
        };
    }
    let focus_row = rows.iter().position(|r| r.focused).unwrap_or(0);
    // First with a "more below" line only, then with both lines if the focus is further down.
    let room = h - 1;
    if focus_row < room {
        return Window {
            start: 0,
            shown: room,
            above: false,
            below: true,
        };
    }
    // Near the end: a "more above" line only.
    let end_start = n - room;
    if focus_row >= end_start {
        return Window {
            start: end_start,
            shown: room,
            above: true,
            below: false,
        };
    }
    let room = h - 2;
    Window {
        start: focus_row + 1 - room,
        shown: room,
        above: true,
        below: true,
    }
}

fn inner_of(area: Rect, full: bool) -> Rect {
    let borders = if full { Borders::ALL } else { Borders::RIGHT };
    Block::default().borders(borders).inner(area)
}

/// What the row at screen row `y` of the overview drawn in `area` stands for.
pub fn target_at(app: &App, area: Rect, full: bool, x: u16, y: u16) -> Option<Mouse> {
    let inner = inner_of(area, full);
    if inner.width < 4 || !inner.contains(ratatui::layout::Position::new(x, y)) {
        return None;
    }
    let rows = rows(app);
    let win = window(&rows, inner.height as usize);
    let at = (y - inner.y) as usize;
    let at = if win.above { at.checked_sub(1)? } else { at };
    if at >= win.shown {
        return None;
    }
    rows.get(win.start + at).map(|r| r.target)
}

/// Draws the overview into `area`; `full` when it is the whole body (narrow terminals).
pub fn draw(frame: &mut Frame, app: &App, styles: &Styles, area: Rect, full: bool) {
    let mut block = Block::default()
        .borders(Borders::RIGHT)
        .border_style(styles.border);
    if full {
        block = Block::default()
            .borders(Borders::ALL)
            .border_style(styles.focus_border)
            .title(s::overview_title(app.lang));
    }
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let w = inner.width as usize;
    if w < 4 || inner.height == 0 {
        return;
    }
    let rows = rows(app);
    let h = inner.height as usize;
    let win = window(&rows, h);
    let more = |n: usize, below: bool| {
        Line::from(Span::styled(
            fit(&s::overview_more(app.lang, n, below), w),
            styles.muted,
        ))
    };
    let mut lines: Vec<Line> = Vec::new();
    if win.above {
        lines.push(more(win.start, false));
    }
    let body: Vec<Line> = rows
        .iter()
        .skip(win.start)
        .take(win.shown)
        .map(|r| {
            let count_w = width(&r.count);
            let note = if r.noted {
                format!(" {}", s::noted_mark())
            } else {
                String::new()
            };
            let note_w = width(&note);
            let label_w =
                w.saturating_sub(r.indent + 2 + note_w + count_w + usize::from(count_w > 0));
            let label = fit(&r.label, label_w);
            let gap = w.saturating_sub(r.indent + 2 + width(&label) + note_w + count_w);
            let base = if r.focused {
                styles.focus
            } else if r.indent == 0 {
                styles.title
            } else {
                Style::default()
            };
            Line::from(vec![
                Span::raw(" ".repeat(r.indent)),
                Span::styled(r.mark.symbol(), mark_style(styles, r.mark)),
                Span::raw(" "),
                Span::styled(label, base),
                Span::styled(note, styles.warn),
                Span::raw(" ".repeat(gap)),
                Span::styled(r.count.clone(), mark_style(styles, r.mark)),
            ])
        })
        .collect();
    lines.extend(body);
    if win.below {
        lines.push(more(rows.len() - win.start - win.shown, true));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows_with_focus(n: usize, focus: usize) -> Vec<Row> {
        (0..n)
            .map(|i| Row {
                indent: 0,
                mark: Mark::Empty,
                label: format!("{i}"),
                count: String::new(),
                focused: i == focus,
                noted: false,
                target: Mouse::Section(i),
            })
            .collect()
    }

    #[test]
    fn a_cut_list_says_how_many_rows_are_above_and_below_and_keeps_the_focus_shown() {
        // Everything fits: no line about more.
        assert_eq!(
            window(&rows_with_focus(5, 4), 5),
            Window {
                start: 0,
                shown: 5,
                above: false,
                below: false
            }
        );
        for focus in 0..30 {
            let w = window(&rows_with_focus(30, focus), 10);
            let used = w.shown + usize::from(w.above) + usize::from(w.below);
            assert_eq!(used, 10, "{focus}: {w:?}");
            assert!(
                w.start <= focus && focus < w.start + w.shown,
                "{focus}: {w:?}"
            );
            assert_eq!(w.above, w.start > 0, "{focus}: {w:?}");
            assert_eq!(w.below, w.start + w.shown < 30, "{focus}: {w:?}");
        }
    }
}
