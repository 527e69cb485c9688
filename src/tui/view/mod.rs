//! Drawing the editor from `&App`: header, overview, the active section's pane, status line,
//! overlays, and the "terminal too small" screen. Never mutates the app; never panics at any
//! size (every rectangle is clamped to the frame).

mod overview;
mod pane;
mod prompt;
pub mod text;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use super::app::{App, Level, Overlay, SaveState};
use super::keymap;
use super::mouse::Mouse;
use super::update::{EXPORT_FORMATS, context};
use crate::theme::Styles;
use crate::tui::msg as s;
use text::{clean, fit, width};

pub use super::app::{MIN_H, MIN_W};
/// From this width the overview sits beside the pane.
pub const SIDE_BY_SIDE_W: u16 = 72;

/// Draws the whole screen.
pub fn draw(frame: &mut Frame, app: &App, styles: &Styles) {
    let area = frame.area();
    if area.width < MIN_W || area.height < MIN_H {
        too_small(frame, app, styles, area);
        return;
    }
    let parts = split(app, area);
    draw_header(frame, app, styles, parts.header);
    draw_status(frame, app, styles, parts.status, parts.message);
    if let Some((r, full)) = parts.overview {
        overview::draw(frame, app, styles, r, full);
    }
    if let Some(r) = parts.pane {
        pane::draw(frame, app, styles, r);
    }
    let body = parts.body;
    match app.overlay {
        Overlay::Help { scroll } => draw_help(frame, app, styles, body, scroll),
        Overlay::Export { cursor } => draw_export(frame, app, styles, body, cursor),
        _ => {}
    }
    if let Some(p) = &app.import {
        prompt::draw(frame, app, p, styles, body);
        if let Some(ask) = &p.ask {
            super::choose::draw(frame, &ask.choice, styles);
        }
    }
}

/// Where the screen's parts go.
struct Parts {
    header: Rect,
    body: Rect,
    status: Rect,
    /// The status message's rows.
    message: StatusLayout,
    /// The overview, and whether it is the whole body (narrow terminals, F3).
    overview: Option<(Rect, bool)>,
    pane: Option<Rect>,
}

fn split(app: &App, area: Rect) -> Parts {
    let message = status_layout(app, area);
    let rows = message.rows.len().max(1) as u16;
    let [header, body, status] = rows_of(area, rows);
    let (overview, pane) = if app.overlay == Overlay::Overview {
        (Some((body, true)), None)
    } else if body.width >= SIDE_BY_SIDE_W {
        let side = (body.width * 32 / 100).clamp(24, 36);
        let [left, right] = columns_of(body, side);
        (Some((left, false)), Some(right))
    } else {
        (None, Some(body))
    };
    Parts {
        header,
        body,
        status,
        message,
        overview,
        pane,
    }
}

/// A header row, the body, and `rows` of status at the bottom: what
/// `Layout::vertical([Length(1), Min(1), Length(rows)])` gives, worked out directly where the
/// screen has room for all three (the constraint solver costs more than the rest of a first
/// frame's layout together).
fn rows_of(area: Rect, rows: u16) -> [Rect; 3] {
    if area.height < rows.saturating_add(2) {
        return Layout::vertical([
            Constraint::Length(1),
            Constraint::Min(1),
            Constraint::Length(rows),
        ])
        .areas(area);
    }
    let body_h = area.height - 1 - rows;
    [
        Rect::new(area.x, area.y, area.width, 1),
        Rect::new(area.x, area.y + 1, area.width, body_h),
        Rect::new(area.x, area.y + 1 + body_h, area.width, rows),
    ]
}

/// `side` columns on the left and the rest on the right, as
/// `Layout::horizontal([Length(side), Min(1)])` lays them out when both fit.
fn columns_of(area: Rect, side: u16) -> [Rect; 2] {
    if area.width < side.saturating_add(1) {
        return Layout::horizontal([Constraint::Length(side), Constraint::Min(1)]).areas(area);
    }
    [
        Rect::new(area.x, area.y, side, area.height),
        Rect::new(area.x + side, area.y, area.width - side, area.height),
    ]
}

/// What a mouse event at cell (x, y) of a screen of `area` lands on, as drawn from the same
/// layout: a click on an overview row or a field in the pane, the wheel over either. Nothing
/// while help, the export menu or the import prompt covers them.
pub fn hit(app: &App, area: Rect, x: u16, y: u16, wheel: Option<bool>) -> Option<Mouse> {
    if area.width < MIN_W || area.height < MIN_H || app.import.is_some() {
        return None;
    }
    if !matches!(app.overlay, Overlay::None | Overlay::Overview) {
        return None;
    }
    let parts = split(app, area);
    let at = ratatui::layout::Position::new(x, y);
    if !parts.body.contains(at) {
        return None;
    }
    if let Some(down) = wheel {
        return Some(Mouse::Wheel { down });
    }
    if let Some((r, full)) = parts.overview
        && r.contains(at)
    {
        return overview::target_at(app, r, full, x, y);
    }
    let r = parts.pane?;
    pane::field_at(app, r, x, y).map(Mouse::Field)
}

fn too_small(frame: &mut Frame, app: &App, styles: &Styles, area: Rect) {
    let msg = s::too_small(app.lang, area.width, area.height, MIN_W, MIN_H);
    let keys = super::msg::too_small_keys(app.lang, app.ignored_keys);
    let mut lines: Vec<Line> = text::wrap(&msg, area.width as usize)
        .into_iter()
        .map(|l| Line::styled(l, styles.warn))
        .collect();
    lines.extend(
        text::wrap(&keys, area.width as usize)
            .into_iter()
            .map(|l| Line::styled(l, styles.muted)),
    );
    frame.render_widget(Clear, area);
    frame.render_widget(Paragraph::new(lines), area);
}

fn draw_header(frame: &mut Frame, app: &App, styles: &Styles, area: Rect) {
    let mut spans = Vec::new();
    if area.width < SIDE_BY_SIDE_W {
        // Without the overview beside it, say where in the form the pane is, first.
        let n = app.form.sections.len();
        spans.push(Span::styled(
            format!("({}/{n}) ", app.section() + 1),
            styles.hint,
        ));
    }
    if let Some(sub) = &app.form.subtitle {
        spans.push(Span::styled(format!("{} ", clean(sub)), styles.muted));
    }
    if let Some(r) = &app.review {
        // Before the path, which is long and cut first.
        if r.notes
            .get(crate::review::notes::OVERALL)
            .is_some_and(|n| !n.trim().is_empty())
        {
            spans.push(Span::styled(
                format!("[{}] ", s::has_overall_note(app.lang)),
                styles.warn,
            ));
        }
        spans.push(Span::styled(
            s::review_header(app.lang, r.position, r.count, &r.path),
            styles.title,
        ));
        spans.push(Span::styled(format!(" · {}", r.verdict), styles.muted));
        if !r.hidden.is_empty() {
            spans.push(Span::styled(
                format!(" · {}", s::hidden_summary(app.lang, &r.hidden)),
                styles.warn,
            ));
        }
        frame.render_widget(
            Paragraph::new(Line::from(fit_spans(spans, area.width))),
            area,
        );
        return;
    }
    if let Some(copy) = &app.writing_to {
        // Before the title, which may be cut: where the text goes matters more.
        spans.push(Span::styled(
            format!("{} ", s::writing_to(app.lang, &file_name(copy))),
            styles.warn,
        ));
    }
    spans.push(Span::styled(clean(&app.form.title), styles.title));
    spans.push(Span::styled(
        format!(
            " · {} {}",
            s::draft_label(app.lang),
            clean(&app.draft_label)
        ),
        styles.muted,
    ));
    if app.read_only {
        spans.push(Span::styled(
            format!(" [{}]", s::read_only(app.lang)),
            styles.warn,
        ));
    }
    frame.render_widget(
        Paragraph::new(Line::from(fit_spans(spans, area.width))),
        area,
    );
}

/// Cuts a line of spans to a width (by display cells).
fn fit_spans(spans: Vec<Span<'static>>, w: u16) -> Vec<Span<'static>> {
    let mut left = w as usize;
    let mut out = Vec::new();
    for sp in spans {
        if left == 0 {
            break;
        }
        // Separators and labels too take two cells per ambiguous character where the terminal
        // draws them so.
        let sp = Span::styled(text::widen(&sp.content), sp.style);
        let wd = width(&sp.content);
        if wd <= left {
            left -= wd;
            out.push(sp);
        } else {
            out.push(Span::styled(fit(&sp.content, left), sp.style));
            break;
        }
    }
    out
}

/// A message too long for the status line wraps onto more rows (the body gives them up) rather
/// than being cut: below the save state, hanging under the message's first row, or at full
/// width when the save state leaves too little room beside it. At most a quarter of the screen
/// (two rows at least); only a longer message is cut, with `…`.
struct StatusLayout {
    /// Cells before the message on every row.
    indent: usize,
    rows: Vec<String>,
}

/// Narrower than this beside the save state, a message starts on a row of its own.
const MIN_MESSAGE_W: usize = 16;

/// The message's rows on a screen of `area` (the whole screen: its height sets the most rows).
fn status_layout(app: &App, area: Rect) -> StatusLayout {
    let Some(m) = &app.message else {
        return StatusLayout {
            indent: 0,
            rows: Vec::new(),
        };
    };
    let w = area.width as usize;
    // Beside a message the save state is never padded (see `steady_label`).
    let used = width(&save_label(app, &Styles::plain()).0) + 2;
    let text = clean(&m.text);
    let max_rows = (area.height / 4).max(2) as usize;
    let beside = w.saturating_sub(used);
    let (indent, mut rows) = if width(&text) <= beside || beside >= MIN_MESSAGE_W {
        (used, text::wrap(&text, beside.max(1)))
    } else {
        let mut rows = vec![String::new()];
        rows.extend(text::wrap(&text, w.max(1)));
        (0, rows)
    };
    if rows.len() > max_rows {
        let rest = rows.split_off(max_rows - 1).concat();
        rows.push(fit(&rest, w.saturating_sub(indent)));
    }
    StatusLayout { indent, rows }
}

/// From this width on, the save state keeps one width as it changes (see [`steady_label`]).
const STEADY_LABEL_W: u16 = 60;

/// The save state padded to the width of the widest state an autosave goes through (new,
/// unsaved, saving, saved at a time), so that an autosave rewrites the label's few cells and
/// never moves the key hints after it: on a slow link that is a handful of bytes instead of the
/// whole status line. Narrow screens keep the room for hints instead, and a message the room
/// for its words.
///
/// The label, its style, and the blank cells (unstyled) that follow it.
fn steady_label(app: &App, styles: &Styles, screen_w: u16) -> (String, Style, usize) {
    let (text, style) = save_label(app, styles);
    // A message beside the label needs the room more than it needs to stay put.
    if screen_w < STEADY_LABEL_W || app.message.is_some() {
        return (text, style, 0);
    }
    let lang = app.lang;
    let steady = [
        width(s::new_draft(lang)),
        width(s::unsaved(lang)),
        width(s::saving(lang)),
        width(&format!("✓ {}", s::saved_at(lang, "00:00:00"))),
    ]
    .into_iter()
    .max()
    .unwrap_or(0);
    let pad = steady.saturating_sub(width(&text));
    (text, style, pad)
}

/// What the status line says about saving, and how it looks.
fn save_label(app: &App, styles: &Styles) -> (String, Style) {
    let lang = app.lang;
    match &app.save {
        SaveState::New => (s::new_draft(lang).to_string(), styles.muted),
        SaveState::Saved(_) if app.writing_to.is_some() => (
            format!(
                "✓ {}",
                s::saved_to_copy(lang, &file_name(app.writing_to.as_deref().unwrap_or("")))
            ),
            styles.warn,
        ),
        SaveState::Saved(t) => (format!("✓ {}", s::saved_at(lang, t)), styles.ok),
        SaveState::Unsaved => (s::unsaved(lang).to_string(), styles.warn),
        SaveState::Saving => (s::saving(lang).to_string(), styles.muted),
        SaveState::Failed(_) => (format!("✗ {}", s::save_failed(lang)), styles.error),
        SaveState::ReadOnly if app.review.is_some() => {
            (s::review_status(lang).to_string(), styles.warn)
        }
        SaveState::ReadOnly => (s::read_only(lang).to_string(), styles.warn),
    }
}

fn draw_status(frame: &mut Frame, app: &App, styles: &Styles, area: Rect, layout: StatusLayout) {
    let lang = app.lang;
    let (save_text, save_style, pad) = steady_label(app, styles, area.width);
    let mut spans = vec![Span::styled(save_text, save_style)];
    let used = width(&spans[0].content) + pad + 2;
    let avail = (area.width as usize).saturating_sub(used);
    let ctx = context(app);
    // The path prompt and its question show their own keys.
    let own_keys = matches!(ctx, keymap::Ctx::Prompt | keymap::Ctx::Dialog);
    let hints = keymap::fit_hints(
        keymap::hints(lang, app.review.is_some(), ctx)
            .into_iter()
            // F9 and Alt-I change the field: not offered where nothing may change.
            .filter(|h| !(app.read_only && h.for_field))
            .collect(),
        // Each hint is preceded by two spaces; the first one's are in `used`.
        avail + 2,
        |h| width(&h.keys) + 1 + width(h.text),
    );
    if let Some(m) = &app.message {
        let style = match m.level {
            Level::Info => styles.hint,
            Level::Warn => styles.warn,
            Level::Error => styles.error,
        };
        let mut lines = Vec::new();
        for (k, row) in layout.rows.into_iter().enumerate() {
            let mut line = if k == 0 {
                let mut first = std::mem::take(&mut spans);
                first.push(Span::raw(
                    " ".repeat(layout.indent.saturating_sub(width(&first[0].content))),
                ));
                first
            } else {
                vec![Span::raw(" ".repeat(layout.indent))]
            };
            line.push(Span::styled(row, style));
            lines.push(Line::from(fit_spans(line, area.width)));
        }
        frame.render_widget(Paragraph::new(lines), area);
        return;
    } else if own_keys {
    } else if let Some(hints) = hints {
        spans.push(Span::raw(" ".repeat(pad)));
        for h in &hints {
            spans.push(Span::raw("  "));
            spans.push(Span::styled(h.keys.clone(), styles.key));
            spans.push(Span::styled(format!(" {}", h.text), styles.muted));
        }
    } else {
        // Narrow: the one hint everyone needs.
        let h = format!("F1 {}", s::help_word(lang));
        if width(&h) <= avail {
            spans.push(Span::raw("  "));
            spans.push(Span::styled(h, styles.muted));
        }
    }
    frame.render_widget(
        Paragraph::new(Line::from(fit_spans(spans, area.width))),
        area,
    );
}

/// The last part of a path, cleaned for the screen (the folder is the draft's own).
fn file_name(path: &str) -> String {
    let name = std::path::Path::new(path)
        .file_name()
        .map_or_else(|| path.to_string(), |n| n.to_string_lossy().into_owned());
    clean(&name)
}

/// A centred rectangle inside `area`, at most `w`×`h`.
/// Clears `r` for an overlay so that no half of a wide character is left at its edges: a
/// character starting just left of `r` would be drawn by the terminal over the overlay's left
/// border, and one whose right half lay under `r`'s right edge would leave that half standing.
pub(crate) fn clear_over(frame: &mut Frame, r: Rect) {
    frame.render_widget(Clear, r);
    let buf = frame.buffer_mut();
    let area = buf.area;
    for y in r.top()..r.bottom() {
        if r.left() > area.left()
            && let Some(c) = buf.cell_mut((r.left() - 1, y))
            && unicode_width::UnicodeWidthStr::width(c.symbol()) > 1
        {
            c.set_symbol(" ");
        }
        if r.right() < area.right()
            && let Some(c) = buf.cell_mut((r.right(), y))
            && c.symbol().is_empty()
        {
            c.set_symbol(" ");
        }
    }
}

fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    )
}

fn draw_help(frame: &mut Frame, app: &App, styles: &Styles, area: Rect, scroll: u16) {
    // The whole body: a narrower box would leave the pane's border and cut overview rows beside it.
    let r = area;
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(styles.focus_border)
        .title(s::help_title(app.lang));
    let inner = block.inner(r);
    clear_over(frame, r);
    frame.render_widget(block, r);
    let lines_src = keymap::help_lines(app.lang, app.review.is_some());
    let key_w = lines_src
        .iter()
        .map(|(k, _)| width(k))
        .max()
        .unwrap_or(0)
        .min(inner.width as usize / 2);
    let mut lines: Vec<Line> = Vec::new();
    for (k, d) in &lines_src {
        let desc_w = (inner.width as usize).saturating_sub(key_w + 2);
        for (n, part) in text::wrap(d, desc_w.max(1)).into_iter().enumerate() {
            let key_col = if n == 0 { fit(k, key_w) } else { String::new() };
            let pad = key_w.saturating_sub(width(&key_col));
            lines.push(Line::from(vec![
                Span::styled(format!("{key_col}{}", " ".repeat(pad)), styles.key),
                Span::raw("  "),
                Span::raw(part),
            ]));
        }
    }
    lines.push(Line::raw(""));
    let legend = if app.review.is_some() {
        s::help_markers_review(app.lang)
    } else {
        s::help_markers(app.lang)
    };
    for l in text::wrap(legend, inner.width as usize) {
        lines.push(Line::styled(l, styles.muted));
    }
    let max_scroll = lines.len().saturating_sub(inner.height as usize);
    let start = (scroll as usize).min(max_scroll);
    let visible: Vec<Line> = lines.into_iter().skip(start).collect();
    frame.render_widget(Paragraph::new(visible), inner);
}

fn draw_export(frame: &mut Frame, app: &App, styles: &Styles, area: Rect, cursor: usize) {
    let h = EXPORT_FORMATS.len() as u16 + 2;
    let r = centered(area, 44, h);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(styles.focus_border)
        .title(s::export_title(app.lang));
    let inner = block.inner(r);
    clear_over(frame, r);
    frame.render_widget(block, r);
    let lines: Vec<Line> = EXPORT_FORMATS
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let label = format!("{f:<5} {}", s::export_format_name(app.lang, f));
            let style = if i == cursor {
                styles.selected
            } else {
                Style::default()
            };
            Line::styled(fit(&label, inner.width as usize), style)
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}

#[cfg(test)]
mod overlay_tests {
    use super::*;
    use ratatui::backend::TestBackend;

    #[test]
    fn an_overlay_leaves_no_half_of_a_wide_character_at_its_edges() {
        let mut t = ratatui::Terminal::new(TestBackend::new(10, 1)).unwrap();
        t.draw(|f| {
            f.render_widget(Paragraph::new("中文中文中"), f.area());
            // Starts on the right half of 文 (x 3) and ends on the left half of 中 (x 6).
            clear_over(f, Rect::new(3, 0, 4, 1));
        })
        .unwrap();
        let b = t.backend().buffer();
        let row: Vec<&str> = (0..10).map(|x| b[(x, 0)].symbol()).collect();
        // 文 at x 2 would be drawn over x 3: blanked. The right half of 中 at x 7: a space.
        assert_eq!(row[2], " ");
        assert_eq!(row[7], " ");
        assert_eq!(row[0], "中");
        assert_eq!(row[8], "中");
    }
}

#[cfg(test)]
mod split_tests {
    use super::*;

    /// The screen is cut exactly where the layout solver would cut it, at every size.
    #[test]
    fn rows_and_columns_match_the_layout_solver() {
        for h in 0..40u16 {
            for rows in 0..5u16 {
                let area = Rect::new(2, 3, 30, h);
                let want: [Rect; 3] = Layout::vertical([
                    Constraint::Length(1),
                    Constraint::Min(1),
                    Constraint::Length(rows),
                ])
                .areas(area);
                assert_eq!(rows_of(area, rows), want, "height {h}, {rows} status rows");
            }
        }
        for w in 0..120u16 {
            for side in [24u16, 30, 36] {
                let area = Rect::new(0, 1, w, 20);
                let want: [Rect; 2] =
                    Layout::horizontal([Constraint::Length(side), Constraint::Min(1)]).areas(area);
                assert_eq!(columns_of(area, side), want, "width {w}, side {side}");
            }
        }
    }
}
