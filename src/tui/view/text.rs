//! Text helpers for drawing: display width, fitting and wrapping by terminal cells (CJK is two
//! cells), and cleaning form strings before they reach a `Span`.

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// Display width in cells of a single-line string.
pub fn width(s: &str) -> usize {
    s.graphemes(true).map(grapheme_width).sum()
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
    crate::sanitize::for_terminal(s)
}

/// Cuts a string to at most `w` cells, ending in `…` when cut.
pub fn fit(s: &str, w: usize) -> String {
    if width(s) <= w {
        return s.to_string();
    }
    if w == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for g in s.graphemes(true) {
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

/// Wraps text to lines of at most `w` cells, breaking anywhere between graphemes (Chinese has
/// no spaces to break at) and at every `\n`.
pub fn wrap(s: &str, w: usize) -> Vec<String> {
    let w = w.max(1);
    let mut out = Vec::new();
    for para in s.split('\n') {
        let mut line = String::new();
        let mut used = 0;
        for g in para.graphemes(true) {
            let gw = grapheme_width(g);
            if used + gw > w && !line.is_empty() {
                out.push(std::mem::take(&mut line));
                used = 0;
            }
            line.push_str(g);
            used += gw;
        }
        out.push(line);
    }
    out
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
}
