//! Text helpers for drawing: display width, fitting and wrapping by terminal cells (CJK is two
//! cells), and cleaning form strings before they reach a `Span`. On a terminal that draws East
//! Asian Ambiguous characters two cells wide, cleaned text carries a filler cell after each of
//! them, so every layout built on it (wrapping, fitting, ratatui's own) gives them two cells;
//! the backend never prints the filler.

use std::cell::Cell;

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

use crate::tui::backend::{self, Ambiguous};

thread_local! {
    /// How the terminal this thread draws on measures ambiguous characters.
    static AMBIGUOUS: Cell<Ambiguous> = const { Cell::new(Ambiguous::Narrow) };
}

/// Tells the layout on this thread how the terminal measures ambiguous characters (set once,
/// where the terminal is entered).
pub fn set_ambiguous(amb: Ambiguous) {
    AMBIGUOUS.with(|a| a.set(amb));
}

/// How the terminal this thread draws on measures ambiguous characters.
pub fn ambiguous() -> Ambiguous {
    AMBIGUOUS.with(Cell::get)
}

/// Cells a grapheme takes on this thread's terminal (for layouts that place graphemes
/// themselves).
pub fn terminal_width(g: &str) -> usize {
    if g.chars().any(char::is_control) {
        0
    } else {
        backend::terminal_width(g, ambiguous())
    }
}

/// Text laid out for this thread's terminal: in ambiguous-wide mode a filler cell follows each
/// ambiguous character.
pub fn widen(s: &str) -> String {
    if ambiguous() == Ambiguous::Narrow || !s.graphemes(true).any(backend::is_ambiguous) {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len() + 8);
    // Units keep a filler already there with its character: widening twice changes nothing.
    for g in units(s) {
        out.push_str(g);
        let bare = !g.ends_with(backend::FILLER) && !g.chars().any(char::is_control);
        if bare && backend::is_ambiguous(g) {
            out.push(backend::FILLER);
        }
    }
    out
}

/// Display width in cells of a single-line string.
pub fn width(s: &str) -> usize {
    units(s).map(grapheme_width).sum()
}

/// Graphemes, each with the filler that follows it (they are never parted).
fn units(s: &str) -> impl Iterator<Item = &str> {
    let mut rest = s;
    std::iter::from_fn(move || {
        let g = rest.graphemes(true).next()?;
        let mut end = g.len();
        if rest[end..].starts_with(backend::FILLER) {
            end += backend::FILLER.len_utf8();
        }
        let (unit, tail) = rest.split_at(end);
        rest = tail;
        Some(unit)
    })
}

fn grapheme_width(g: &str) -> usize {
    if g.chars().any(char::is_control) {
        0
    } else {
        g.width().min(2)
    }
}

/// Text from a form or draft, safe inside a `Span`: control, bidi and zero-width characters
/// become visible markers (ratatui passes bidi controls through spans raw).
pub fn clean(s: &str) -> String {
    widen(&crate::sanitize::for_terminal(s))
}

/// Cuts a string to at most `w` cells, ending in `…` when cut.
/// [`fit`] keeping the end: `…/材料/架构图.png`, for a path whose file name matters most.
pub fn fit_tail(s: &str, w: usize) -> String {
    if width(s) <= w {
        return s.to_string();
    }
    if w == 0 {
        return String::new();
    }
    let parts: Vec<&str> = units(s).collect();
    let mut kept: Vec<&str> = Vec::new();
    let mut used = 0;
    for g in parts.iter().rev() {
        let gw = grapheme_width(g);
        if used + gw > w.saturating_sub(1) {
            break;
        }
        kept.push(g);
        used += gw;
    }
    kept.reverse();
    format!("…{}", kept.concat())
}

pub fn fit(s: &str, w: usize) -> String {
    if width(s) <= w {
        return s.to_string();
    }
    if w == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for g in units(s) {
        let gw = grapheme_width(g);
        if used + gw > w.saturating_sub(1) {
            break;
        }
        out.push_str(g);
        used += gw;
    }
    out.push('…');
    out
}

/// Pads a string with spaces to exactly `w` cells (cutting it when longer).
pub fn pad(s: &str, w: usize) -> String {
    let f = fit(s, w);
    let fw = width(&f);
    format!("{f}{}", " ".repeat(w.saturating_sub(fw)))
}

/// Wraps text to lines of at most `w` cells by the Chinese line-breaking rules (no row starts
/// with closing punctuation, numbers and words stay whole; see `crate::text::wrap`), and at
/// every `\n`.
pub fn wrap(s: &str, w: usize) -> Vec<String> {
    crate::text::wrap::wrap_lines(s, w.max(1), grapheme_width)
}

/// A multi-line form string made safe for the terminal, its line breaks kept.
pub fn clean_multiline(s: &str) -> String {
    crate::sanitize::for_terminal_with(s, true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_and_wrapping_count_cjk_as_two_cells() {
        assert_eq!(width("中文ab"), 6);
        assert_eq!(wrap("中文中文", 5), ["中文", "中文"]);
        assert_eq!(wrap("a\nb", 10), ["a", "b"]);
        assert_eq!(fit("人工智能应用", 7), "人工智…");
        assert_eq!(pad("中", 4), "中  ");
        assert_eq!(wrap("", 3), [""]);
    }

    #[test]
    fn ambiguous_characters_take_two_cells_on_an_ambiguous_wide_terminal() {
        assert_eq!(width(&clean("“智能”")), 6);
        set_ambiguous(Ambiguous::Wide);
        let w = clean("“智能”……");
        assert_eq!(width(&w), 12);
        assert_eq!(widen(&w), w);
        assert_eq!(terminal_width("—"), 2);
        // Wrapping never separates a character from its filler.
        let rows = wrap(&w, 5);
        assert_eq!(rows.concat(), w);
        assert!(
            rows.iter().all(|r| !r.starts_with(backend::FILLER)),
            "{rows:?}"
        );
        assert!(rows.iter().all(|r| width(r) <= 5), "{rows:?}");
        set_ambiguous(Ambiguous::Narrow);
        assert_eq!(terminal_width("—"), 1);
    }
}
