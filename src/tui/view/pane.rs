//! The active section's pane: its instruction, every visible field with its editor, counters,
//! validation messages, and the read-only 示例 panel. Places the real terminal cursor at the
//! caret so IME candidate windows follow it (docs/design.md, "Terminal facts that matter": IME).

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};
use ratatui_textarea::TextArea;

use super::text::{clean, fit, pad, width, wrap};
use crate::count::{self, LimitState};
use crate::form::{ColumnKind, Kind, Problem, Value};
use crate::text::buffer::LongText;
use crate::theme::Styles;
use crate::tui::app::{App, Editor, Overlay};
use crate::tui::field::grid::{Grid, GridCell};
use crate::tui::field::long;
use crate::tui::field::textarea::text_of;
use crate::tui::msg as s;

/// Rows a focused long-text box gets at least (text rows, without borders).
const MIN_LONG_ROWS: u16 = 3;

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

/// Option items of a choice laid out in rows: (row, x, text, option index).
fn choice_layout(app: &App, i: usize, w: usize) -> Vec<(usize, usize, String, usize)> {
    let field = app.field(i);
    let Kind::Choice {
        options, multiple, ..
    } = &field.kind
    else {
        return Vec::new();
    };
    let selected: Vec<String> = match app.draft.answers.get(&field.id) {
        Some(Value::Choice { selected, .. }) => selected.clone(),
        _ => Vec::new(),
    };
    let mut out = Vec::new();
    let (mut row, mut x) = (0, 0);
    for (k, opt) in options.iter().enumerate() {
        let on = selected.contains(opt);
        let boxed = match (multiple, on) {
            (true, true) => "[x]",
            (true, false) => "[ ]",
            (false, true) => "(*)",
            (false, false) => "( )",
        };
        let item = fit(&format!("{boxed} {}", clean(opt)), w);
        let iw = width(&item);
        if x > 0 && x + iw > w {
            row += 1;
            x = 0;
        }
        out.push((row, x, item, k));
        x += iw + 2;
    }
    out
}

fn other_line(app: &App, i: usize) -> bool {
    let field = app.field(i);
    let Kind::Choice {
        other: Some(other), ..
    } = &field.kind
    else {
        return false;
    };
    if app.form.other_field(&field.id).is_some() {
        return false;
    }
    matches!(app.draft.answers.get(&field.id), Some(Value::Choice { selected, .. }) if selected.contains(other))
}

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
            format!("✗ {}", s::problem(app.lang, &app.form, &finding))
        })
        .collect()
}

/// Review-mode lines under a field: its hidden characters and the reviewer's note.
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
fn block_height(app: &App, i: usize, w: usize, focused: bool) -> u16 {
    let field = app.field(i);
    let body: usize = match (&app.fields[i].editor, &field.kind) {
        (Editor::Line(_), _) => 1,
        (Editor::Long(_), _) if focused => MIN_LONG_ROWS as usize + 2 + 1,
        (Editor::Long(lt), _) => {
            if lt.is_empty() {
                1
            } else {
                lt.row_count(w.saturating_sub(2).max(1)).min(3)
            }
        }
        (Editor::Choice(_), _) => {
            choice_layout(app, i, w.saturating_sub(2))
                .last()
                .map_or(1, |l| l.0 + 1)
                + usize::from(other_line(app, i))
        }
        (Editor::Confirm(_), Kind::Confirm { statement }) => {
            wrap(statement, w.saturating_sub(2)).len() + 1
        }
        (Editor::Note(_), Kind::Note { text }) => wrap(text, w.saturating_sub(2)).len(),
        (Editor::List(l), _) => l.items.len().max(1),
        (Editor::Table(t), _) => 1 + t.0.rows.len().max(1),
        (Editor::Attach(a), _) => 1 + a.0.rows.len().max(1),
        _ => 1,
    };
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
    let mut heights: Vec<u16> = fields
        .iter()
        .map(|&i| block_height(app, i, w, i == app.focus))
        .collect();
    if let Some(fi) = fields.iter().position(|&i| i == app.focus)
        && matches!(app.fields[app.focus].editor, Editor::Long(_))
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
                &s::note_title(app.lang, &app.field(*i).label),
                area.width.saturating_sub(2) as usize,
            ),
            styles.title,
        ));
    let inner = block.inner(r);
    frame.render_widget(ratatui::widgets::Clear, r);
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
    let focused = i == app.focus && app.overlay == Overlay::None;
    let is_focus = i == app.focus;
    let w = r.width as usize;
    // Label line.
    let req = if field.required { " *" } else { "" };
    let prefix = if is_focus { "> " } else { "  " };
    let right: Option<Span> = match &app.fields[i].editor {
        Editor::Table(crate::tui::field::table::Table(g))
        | Editor::Attach(crate::tui::field::attach::Attach(g)) => {
            let max = match &field.kind {
                Kind::Table { max_rows, .. } => *max_rows,
                Kind::Attachments { max, .. } => *max,
                _ => None,
            };
            Some(Span::styled(
                s::rows_count(app.lang, g.rows.len(), max),
                styles.muted,
            ))
        }
        _ => counter_span(app, i, styles),
    };
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
    draw_body(frame, app, styles, i, body, focused);
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

/// One line of a textarea-backed value: the live editor when focused, plain text otherwise.
fn draw_line_editor(
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
    if focused {
        // One column narrower than the space: the caret after a full row stays visible.
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

fn draw_body(frame: &mut Frame, app: &App, styles: &Styles, i: usize, r: Rect, focused: bool) {
    if r.height == 0 || r.width == 0 {
        return;
    }
    let field = app.field(i);
    let w = r.width as usize;
    let empty = s::empty_value(app.lang);
    match &app.fields[i].editor {
        Editor::Line(line) => {
            draw_line_editor(
                frame,
                &line.0,
                r,
                focused,
                field.placeholder.as_deref(),
                styles,
                empty,
            );
        }
        Editor::Long(lt) => {
            if focused || i == app.focus {
                draw_long(frame, app, styles, i, lt, r, focused);
            } else if lt.is_empty() {
                frame.render_widget(Paragraph::new(Line::styled(empty, styles.muted)), r);
            } else {
                let look = long::view::Look {
                    focused: false,
                    overflow: None,
                };
                long::view::draw(frame, lt, r, styles, &look);
            }
        }
        Editor::Choice(crate::tui::field::choice::Choice { cursor, other }) => {
            let items = choice_layout(app, i, w);
            let mut last_row = 0;
            for (row, x, text, k) in &items {
                last_row = *row;
                if *row as u16 >= r.height {
                    continue;
                }
                let style = if i == app.focus && k == cursor {
                    styles.selected
                } else {
                    Style::default()
                };
                let rect = Rect::new(r.x + *x as u16, r.y + *row as u16, width(text) as u16, 1)
                    .intersection(r);
                frame.render_widget(Paragraph::new(Line::styled(text.clone(), style)), rect);
            }
            if other_line(app, i) {
                let y = r.y + last_row as u16 + 1;
                if y < r.bottom() {
                    let label = format!("{}：", s::other_specify(app.lang));
                    let lw = width(&label) as u16;
                    frame.render_widget(
                        Paragraph::new(Line::styled(label, styles.muted)),
                        Rect::new(r.x, y, lw.min(r.width), 1),
                    );
                    let typing = focused
                        && matches!(&field.kind, Kind::Choice { options, other: Some(o), .. }
                            if options.get(*cursor) == Some(o));
                    draw_line_editor(
                        frame,
                        other,
                        Rect::new(r.x + lw, y, r.width.saturating_sub(lw), 1),
                        typing,
                        None,
                        styles,
                        empty,
                    );
                }
            }
        }
        Editor::Confirm(_) => {
            let Kind::Confirm { statement } = &field.kind else {
                return;
            };
            let mut lines: Vec<Line> = wrap(&clean_multiline(statement), w)
                .into_iter()
                .map(Line::raw)
                .collect();
            let on = matches!(app.draft.answers.get(&field.id), Some(Value::Confirm(true)));
            let style = if i == app.focus {
                styles.selected
            } else {
                Style::default()
            };
            lines.push(Line::styled(
                format!(
                    "{} {}",
                    if on { "[x]" } else { "[ ]" },
                    s::confirm_box(app.lang)
                ),
                style,
            ));
            frame.render_widget(Paragraph::new(lines), r);
        }
        Editor::Note(_) => {
            if let Kind::Note { text } = &field.kind {
                let lines: Vec<Line> = wrap(&clean_multiline(text), w)
                    .into_iter()
                    .map(|l| Line::styled(l, styles.muted))
                    .collect();
                frame.render_widget(Paragraph::new(lines), r);
            }
        }
        Editor::List(crate::tui::field::list::List { cursor, items }) => {
            if items.is_empty() {
                frame.render_widget(
                    Paragraph::new(Line::styled(fit(s::list_empty(app.lang), w), styles.muted)),
                    r,
                );
                if focused {
                    frame.set_cursor_position(Position::new(r.x, r.y));
                }
                return;
            }
            let start = if *cursor >= r.height as usize {
                *cursor + 1 - r.height as usize
            } else {
                0
            };
            for (k, ta) in items.iter().enumerate().skip(start) {
                let y = r.y + (k - start) as u16;
                if y >= r.bottom() {
                    break;
                }
                let num = format!("{}. ", k + 1);
                let nw = width(&num) as u16;
                frame.render_widget(
                    Paragraph::new(Line::styled(num, styles.muted)),
                    Rect::new(r.x, y, nw.min(r.width), 1),
                );
                draw_line_editor(
                    frame,
                    ta,
                    Rect::new(r.x + nw, y, r.width.saturating_sub(nw), 1),
                    focused && k == *cursor,
                    None,
                    styles,
                    empty,
                );
            }
        }
        Editor::Table(t) => draw_grid(frame, app, styles, i, &t.0, r, focused),
        Editor::Attach(a) => draw_grid(frame, app, styles, i, &a.0, r, focused),
    }
}

fn draw_long(
    frame: &mut Frame,
    app: &App,
    styles: &Styles,
    i: usize,
    lt: &LongText,
    r: Rect,
    focused: bool,
) {
    let info = app.limit_info(i);
    let status_h = u16::from(info.is_some() && r.height > 3);
    let box_rect = Rect::new(r.x, r.y, r.width, r.height - status_h);
    let border = match info {
        Some((_, _, LimitState::Over { .. }, _)) => styles.over_border,
        _ if focused => styles.focus_border,
        _ => styles.border,
    };
    let block = Block::default().borders(Borders::ALL).border_style(border);
    let inner = block.inner(box_rect);
    frame.render_widget(block, box_rect);
    // One column narrower than the space: a caret after an exactly full row stays visible.
    let er = Rect::new(
        inner.x,
        inner.y,
        inner.width.saturating_sub(1),
        inner.height,
    );
    let overflow = match info {
        Some((_, limit, LimitState::Over { .. }, mode)) => {
            let text = lt.text();
            count::overflow_start(&text, mode, app.form.count_options(), limit)
                .map(|byte| lt.pos_of_offset(byte))
        }
        _ => None,
    };
    let look = long::view::Look {
        focused: i == app.focus,
        overflow,
    };
    let cursor = long::view::draw(frame, lt, er, styles, &look);
    if focused && let Some(p) = cursor {
        frame.set_cursor_position(p);
    }
    // The line under the box is a secondary counter: it catches up when typing pauses.
    if status_h == 1
        && let Some((n, limit, state, mode)) = app.settled_limit_info(i)
    {
        let (text, style) = match state {
            LimitState::Over { excess } => (s::over_by(app.lang, excess, mode), styles.over),
            LimitState::Near { remaining: 0 } => (s::at_limit(app.lang).to_string(), styles.warn),
            LimitState::Near { remaining } => {
                (s::remaining(app.lang, remaining, mode), styles.warn)
            }
            LimitState::Ok { remaining } => (s::remaining(app.lang, remaining, mode), styles.muted),
        };
        let mut spans = vec![Span::styled(text, style)];
        if let Some(c) = app.fields[i].settled
            && mode == count::Mode::Zishu
            && c.chars != n
        {
            spans.push(Span::styled(
                format!(" · {}", s::chars_note(app.lang, c.chars)),
                styles.muted,
            ));
        }
        let _ = limit;
        frame.render_widget(
            Paragraph::new(Line::from(spans)),
            Rect::new(r.x, r.bottom() - 1, r.width, 1),
        );
    }
}

fn draw_grid(
    frame: &mut Frame,
    app: &App,
    styles: &Styles,
    i: usize,
    g: &Grid,
    r: Rect,
    focused: bool,
) {
    let field = app.field(i);
    let w = r.width as usize;
    // (header, fixed width or None for flexible)
    let cols: Vec<(String, Option<usize>)> = match &field.kind {
        Kind::Table { columns, .. } => columns
            .iter()
            .map(|c| {
                let fixed = match c.kind {
                    ColumnKind::Serial => Some(width(&c.label).max(3) + 1),
                    ColumnKind::Bool => Some(width(&c.label).max(3) + 1),
                    ColumnKind::Date => Some(11),
                    _ => None,
                };
                (clean(&c.label), fixed)
            })
            .collect(),
        Kind::Attachments { .. } => {
            let (p, c) = s::attachment_headers(app.lang);
            vec![
                (p.to_string(), None),
                (c.to_string(), None),
                (String::new(), Some(3)),
            ]
        }
        _ => return,
    };
    let fixed: usize = cols.iter().filter_map(|c| c.1).sum();
    let flex = cols.iter().filter(|c| c.1.is_none()).count().max(1);
    let each = w.saturating_sub(fixed) / flex;
    let widths: Vec<usize> = cols.iter().map(|c| c.1.unwrap_or(each)).collect();
    let mut x = r.x;
    for (k, (label, _)) in cols.iter().enumerate() {
        let cw = widths[k] as u16;
        frame.render_widget(
            Paragraph::new(Line::styled(
                pad(label, widths[k].saturating_sub(1)),
                styles.muted,
            )),
            Rect::new(x, r.y, cw.min(r.right().saturating_sub(x)), 1),
        );
        x += cw;
    }
    if g.rows.is_empty() {
        if r.height > 1 {
            frame.render_widget(
                Paragraph::new(Line::styled(fit(s::grid_empty(app.lang), w), styles.muted)),
                Rect::new(r.x, r.y + 1, r.width, 1),
            );
        }
        return;
    }
    let rows_h = r.height.saturating_sub(1) as usize;
    let start = if g.row >= rows_h {
        g.row + 1 - rows_h
    } else {
        0
    };
    for (ri, cells) in g.rows.iter().enumerate().skip(start) {
        let y = r.y + 1 + (ri - start) as u16;
        if y >= r.bottom() {
            break;
        }
        let mut x = r.x;
        for (ci, cw) in widths.iter().enumerate() {
            let cw16 = (*cw as u16).min(r.right().saturating_sub(x));
            if cw16 == 0 {
                break;
            }
            let rect = Rect::new(x, y, cw16, 1);
            let here = i == app.focus && ri == g.row && ci == g.col;
            match cells.get(ci) {
                Some(GridCell::Serial) => {
                    frame.render_widget(Paragraph::new(format!("{}", ri + 1)), rect);
                }
                Some(GridCell::Bool(b)) => {
                    let t = if *b { "[x]" } else { "[ ]" };
                    let style = if here {
                        styles.selected
                    } else {
                        Style::default()
                    };
                    frame.render_widget(Paragraph::new(Line::styled(t, style)), rect);
                }
                Some(GridCell::Text(ta)) => {
                    let cell_rect = Rect::new(x, y, cw16.saturating_sub(1), 1);
                    if here && focused {
                        draw_line_editor(frame, ta, cell_rect, true, None, styles, "");
                    } else {
                        let style = if here {
                            styles.selected
                        } else {
                            Style::default()
                        };
                        frame.render_widget(
                            Paragraph::new(Line::styled(
                                fit(&text_of(ta).replace('\n', " "), cell_rect.width as usize),
                                style,
                            )),
                            cell_rect,
                        );
                    }
                }
                None => {
                    // The status column of an attachment row, once the file was looked at: ✗
                    // whenever a line under the field names this file (missing, wrong type, no
                    // caption), so the mark and the message never disagree.
                    if let Some(GridCell::Text(p)) = cells.first() {
                        let path = text_of(p);
                        let named = app.problems(i).iter().any(|p| p.path() == Some(&path));
                        let mark = match app.file_checks.get(&path) {
                            Some(Ok(_)) if !named => Span::styled("✓", styles.ok),
                            Some(_) => Span::styled("✗", styles.error),
                            None => Span::raw(""),
                        };
                        frame.render_widget(Paragraph::new(Line::from(mark)), rect);
                    }
                }
            }
            x += cw16;
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

fn clean_multiline(s: &str) -> String {
    crate::sanitize::for_terminal_with(s, true)
}
