//! The active section's pane: its instruction, every visible field (label line with counter,
//! the editor its kind draws, validation messages), scrolled so the focus is on screen, the
//! read-only 示例 panel, and in review the note being written. The field kinds (`tui::field`)
//! draw their editors and place the real terminal cursor at the caret so IME candidate windows
//! follow it (docs/design.md, "Terminal facts that matter": IME).

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::text::{clean, clean_multiline, fit, width, wrap};
use crate::count::{self, LimitState};
use crate::form::Problem;
use crate::theme::Styles;
use crate::tui::app::App;
use crate::tui::field::View;
use crate::tui::field::textarea::caret;
use crate::tui::msg as s;

/// Rows of problems shown under a field (after the author has left it once), wrapped to `w`
/// columns: a long path must not push the rest of the message (the accepted types) off the row.
fn problem_rows(app: &App, i: usize, w: usize) -> Vec<String> {
    problem_lines(app, i)
        .iter()
        .flat_map(|p| wrap(p, w.max(1)))
        .collect()
}

fn problem_lines(app: &App, i: usize) -> Vec<String> {
    if !app.fields[i].touched {
        return Vec::new();
    }
    app.problems(i)
        .iter()
        .filter(|p| !matches!(p, Problem::OverLimit { .. }))
        .map(|p| {
            let finding = crate::form::Finding {
                section: String::new(),
                field: app.field(i).id.clone(),
                problem: p.clone(),
            };
            let lead = if matches!(p, Problem::RowRule { .. }) {
                s::reminder(app.lang)
            } else {
                "✗ "
            };
            format!("{lead}{}", s::problem(app.lang, &app.form, &finding))
        })
        .collect()
}

/// Review-mode lines under a field: its hidden characters, what a Word document's count left
/// out, and the reviewer's note.
fn review_lines(app: &App, i: usize, styles: &Styles) -> Vec<(String, Style)> {
    let Some(r) = &app.review else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let field = app.field(i);
    let hidden: usize = app
        .draft
        .answers
        .get(&field.id)
        .map(|v| {
            v.texts()
                .iter()
                .map(|t| {
                    crate::sanitize::hidden_chars(t)
                        .iter()
                        .map(|(_, n)| n)
                        .sum::<usize>()
                })
                .sum()
        })
        .unwrap_or(0);
    if hidden > 0 {
        out.push((s::field_hidden(app.lang, hidden), styles.warn));
    }
    if let Some(remark) = r.remarks.get(&field.id) {
        out.push((clean(remark), styles.hint));
    }
    if let Some(note) = r.notes.get(&field.id) {
        let first = note.lines().next().unwrap_or("");
        let more = if note.lines().count() > 1 {
            " ⏎…"
        } else {
            ""
        };
        out.push((
            format!("{}{}{more}", s::note_label(app.lang), clean(first)),
            styles.hint,
        ));
    }
    out
}

/// Height of a field's block (label line, body, status and problem lines).
fn block_height(app: &App, i: usize, w: usize) -> u16 {
    let view = View::new(app, i);
    let body = app.fields[i]
        .editor
        .kind()
        .height(&view, w.saturating_sub(2));
    let review = app.review.as_ref().map_or(0, |_| {
        review_lines(app, i, &crate::theme::Styles::plain()).len()
    });
    (1 + body + problem_rows(app, i, w.saturating_sub(2)).len() + review).min(u16::MAX as usize)
        as u16
}

/// Where the parts of the pane go.
struct Placed {
    inner: Rect,
    example_area: Option<Rect>,
    /// The section's instruction, a row each.
    help: Vec<(String, Rect)>,
    /// The fields on screen, by index, with their rectangles.
    fields: Vec<(usize, Rect)>,
}

/// The pane's layout: the instruction, then the fields scrolled so the focused one is on
/// screen (a focused long text takes every row the others leave), the example below.
fn place(app: &App, area: Rect) -> Option<Placed> {
    let si = app.section();
    let section = app.form.sections.get(si)?;
    let inner = Block::default().borders(Borders::ALL).inner(area);
    if inner.width < 4 || inner.height < 2 {
        return None;
    }
    let example = if app.show_example {
        app.focused().example.as_deref()
    } else {
        None
    };
    let (main, example_area) = match example {
        Some(_) if inner.height >= 8 => {
            let eh = inner.height * 45 / 100;
            (
                Rect::new(inner.x, inner.y, inner.width, inner.height - eh),
                Some(Rect::new(
                    inner.x,
                    inner.y + inner.height - eh,
                    inner.width,
                    eh,
                )),
            )
        }
        _ => (inner, None),
    };
    let w = main.width as usize;
    let mut y = main.y;
    let bottom = main.bottom();
    let mut help = Vec::new();
    // The instruction, at most three lines (it is also in the help of each field).
    if let Some(text) = &section.help {
        let max = if main.height >= 14 { 3 } else { 1 };
        for l in wrap(&clean_multiline(text), w).into_iter().take(max) {
            if y >= bottom {
                break;
            }
            help.push((l, Rect::new(main.x, y, main.width, 1)));
            y += 1;
        }
    }
    let fields: Vec<usize> = app.section_fields(si).filter(|&i| app.visible(i)).collect();
    let avail = bottom.saturating_sub(y);
    let mut heights: Vec<u16> = fields.iter().map(|&i| block_height(app, i, w)).collect();
    if let Some(fi) = fields.iter().position(|&i| i == app.focus)
        && app.fields[app.focus].editor.kind().fills()
    {
        let others: u16 = heights
            .iter()
            .enumerate()
            .filter(|(k, _)| *k != fi)
            .map(|(_, h)| *h)
            .sum();
        let min = heights[fi];
        heights[fi] = avail.saturating_sub(others).max(min).min(avail.max(min));
    }
    let fi = fields.iter().position(|&i| i == app.focus).unwrap_or(0);
    let mut start = 0;
    while start < fi
        && heights[start..=fi]
            .iter()
            .map(|&h| h as usize)
            .sum::<usize>()
            > avail as usize
    {
        start += 1;
    }
    let mut placed = Vec::new();
    for (k, &i) in fields.iter().enumerate().skip(start) {
        if y >= bottom {
            break;
        }
        let h = heights[k].min(bottom - y);
        placed.push((i, Rect::new(main.x, y, main.width, h)));
        y += h;
    }
    Some(Placed {
        inner,
        example_area,
        help,
        fields: placed,
    })
}

/// The field drawn at a cell of the pane, if any.
pub fn field_at(app: &App, area: Rect, x: u16, y: u16) -> Option<usize> {
    let p = place(app, area)?;
    let at = Position::new(x, y);
    p.fields
        .iter()
        .find(|(_, r)| r.contains(at))
        .map(|(i, _)| *i)
}

/// Draws the pane of the focused section.
pub fn draw(frame: &mut Frame, app: &App, styles: &Styles, area: Rect) {
    let si = app.section();
    let Some(section) = app.form.sections.get(si) else {
        return;
    };
    let title = match &section.part {
        Some(p) => format!(" {} {} ", clean(p), clean(&section.title)),
        None => format!(" {} ", clean(&section.title)),
    };
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(styles.border)
        .title(Span::styled(
            fit(&title, area.width.saturating_sub(2) as usize),
            styles.title,
        ));
    frame.render_widget(block, area);
    let Some(placed) = place(app, area) else {
        return;
    };
    for (l, r) in placed.help {
        frame.render_widget(Paragraph::new(Line::styled(l, styles.muted)), r);
    }
    for (i, r) in placed.fields {
        draw_field(frame, app, styles, i, r);
    }
    let example = app
        .focused()
        .example
        .as_deref()
        .filter(|_| app.show_example);
    if let (Some(ex), Some(r)) = (example, placed.example_area) {
        draw_example(frame, app, styles, ex, r);
    }
    let inner = placed.inner;
    if app.review.is_some() {
        let main = Rect::new(
            inner.x,
            inner.y,
            inner.width,
            placed.example_area.map_or(inner.height, |e| e.y - inner.y),
        );
        style_markers(frame, main, styles.hidden_char);
        draw_note_editor(frame, app, styles, inner);
    }
}

/// Gives the `⟨U+202E⟩` markers of hidden characters their own style (review mode; the text of
/// the marker carries the meaning, the style only makes it easier to spot).
fn style_markers(frame: &mut Frame, area: Rect, style: Style) {
    let buf = frame.buffer_mut();
    for y in area.top()..area.bottom() {
        let mut inside = false;
        for x in area.left()..area.right() {
            let Some(cell) = buf.cell_mut(Position::new(x, y)) else {
                continue;
            };
            let sym = cell.symbol().to_string();
            if sym == "⟨" {
                inside = true;
            }
            if inside {
                cell.set_style(style);
            }
            if sym == "⟩" {
                inside = false;
            }
        }
    }
}

/// The note being written, over the lower part of the pane.
fn draw_note_editor(frame: &mut Frame, app: &App, styles: &Styles, area: Rect) {
    let Some((i, ta)) = app.review.as_ref().and_then(|r| r.note_editor.as_ref()) else {
        return;
    };
    let h = (area.height / 2).max(4).min(area.height);
    let r = Rect::new(area.x, area.bottom() - h, area.width, h);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(styles.focus_border)
        .title(Span::styled(
            fit(
                &match i {
                    Some(i) => s::note_title(app.lang, &app.field(*i).label),
                    None => s::overall_note_title(app.lang).to_string(),
                },
                area.width.saturating_sub(2) as usize,
            ),
            styles.title,
        ));
    let inner = block.inner(r);
    super::clear_over(frame, r);
    frame.render_widget(block, r);
    let er = Rect::new(
        inner.x,
        inner.y,
        inner.width.saturating_sub(1),
        inner.height,
    );
    frame.render_widget(ta, er);
    if let Some(p) = caret(ta, er) {
        frame.set_cursor_position(p);
    }
}

fn counter_span(app: &App, i: usize, styles: &Styles) -> Option<Span<'static>> {
    let (n, limit, state, mode) = app.limit_info(i)?;
    let style = match state {
        LimitState::Ok { .. } => styles.muted,
        LimitState::Near { .. } => styles.warn,
        LimitState::Over { .. } => styles.over,
    };
    let marker = match state {
        LimitState::Over { .. } => "! ",
        LimitState::Near { .. } => "~ ",
        LimitState::Ok { .. } => "",
    };
    Some(Span::styled(
        format!("{marker}{}", s::counter(app.lang, n, limit, mode)),
        style,
    ))
}

fn draw_field(frame: &mut Frame, app: &App, styles: &Styles, i: usize, r: Rect) {
    if r.height == 0 {
        return;
    }
    let field = app.field(i).clone();
    let is_focus = i == app.focus;
    let w = r.width as usize;
    // Label line.
    let req = if field.required { " *" } else { "" };
    let prefix = if is_focus { "> " } else { "  " };
    let right: Option<Span> = app.fields[i]
        .editor
        .kind()
        .badge(&View::new(app, i), styles)
        .or_else(|| counter_span(app, i, styles));
    let right_w = right.as_ref().map_or(0, |sp| width(&sp.content));
    let label = fit(
        &format!("{prefix}{}{req}", clean(&field.label)),
        w.saturating_sub(right_w + 1),
    );
    let gap = w.saturating_sub(width(&label) + right_w);
    let label_style = if is_focus {
        styles.focus_border
    } else {
        styles.title
    };
    let mut spans = vec![Span::styled(label, label_style), Span::raw(" ".repeat(gap))];
    spans.extend(right);
    frame.render_widget(
        Paragraph::new(Line::from(spans)),
        Rect::new(r.x, r.y, r.width, 1),
    );
    let mut problems: Vec<(String, Style)> = problem_rows(app, i, w.saturating_sub(2))
        .into_iter()
        .map(|p| (p, styles.error))
        .collect();
    problems.extend(review_lines(app, i, styles));
    let body_h = r.height.saturating_sub(1 + problems.len() as u16);
    let body = Rect::new(r.x + 2, r.y + 1, r.width.saturating_sub(2), body_h);
    if body.width > 0 && body.height > 0 {
        let view = View::new(app, i);
        app.fields[i].editor.kind().draw(frame, &view, styles, body);
    }
    for (k, (p, style)) in problems.iter().enumerate() {
        let y = r.y + 1 + body_h + k as u16;
        if y < r.bottom() {
            frame.render_widget(
                Paragraph::new(Line::styled(fit(p, w.saturating_sub(2)), *style)),
                Rect::new(r.x + 2, y, r.width.saturating_sub(2), 1),
            );
        }
    }
}

fn draw_example(frame: &mut Frame, app: &App, styles: &Styles, example: &str, r: Rect) {
    let block = Block::default()
        .borders(Borders::TOP)
        .border_style(styles.border)
        .title(Span::styled(s::example_title(app.lang), styles.hint));
    let inner = block.inner(r);
    frame.render_widget(block, r);
    let mut lines: Vec<Line> = Vec::new();
    let field = app.focused();
    if let Some((limit, mode)) = app.form.limit_of(field) {
        let n = count::count_mode(example, mode, app.form.count_options());
        if n > limit {
            lines.push(Line::styled(
                s::example_over_limit(app.lang, n, limit, mode),
                styles.warn,
            ));
        }
    }
    lines.extend(
        wrap(&clean_multiline(example), inner.width as usize)
            .into_iter()
            .map(|l| Line::styled(l, styles.muted)),
    );
    let max = lines.len().saturating_sub(inner.height as usize);
    let skip = (app.example_scroll as usize).min(max);
    frame.render_widget(
        Paragraph::new(lines.into_iter().skip(skip).collect::<Vec<_>>()),
        inner,
    );
}
