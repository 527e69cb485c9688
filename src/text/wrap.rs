//! Line breaking of Chinese text by terminal cells (禁则). Pure: no terminal.
//!
//! Break opportunities come from UAX #14 (`unicode-linebreak`), then Chinese practice is laid
//! on top of it:
//! - closing punctuation never starts a row and opening punctuation never ends one;
//! - `——` and `……` are never split;
//! - a run of Latin letters, digits and their inner punctuation (`1:10`, `2.5`, `9.1%`,
//!   `GB/T 22239-2019`) stays whole unless it is wider than the row;
//! - curly quotes, which UAX #14 (Unicode 15.0) glues to both neighbours, may be broken before
//!   an opening and after a closing one, as in Chinese typesetting.
//!
//! When a closing mark does not fit at the end of a row, the character before it moves to the
//! next row with it (push-out). Hanging the mark into the spare column is not possible: the
//! editor keeps one spare cell for the caret, and full-width punctuation takes two.
//!
//! Widths come from a [`WidthFn`], so a terminal that draws ambiguous characters wide can plug
//! in its own measure. The unit of layout is a grapheme cluster, except that every hidden
//! character (zero-width, bidi control, BOM, soft hyphen…) is a unit of its own: the editor
//! draws it as a one-cell marker and the caret steps over it.

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// Cells a unit (a grapheme cluster or one hidden character) takes on screen.
pub type WidthFn = fn(&str) -> usize;

/// The cell laid out after an ambiguous character for a terminal that draws it two cells wide
/// (a private-use character, never printed): always part of the unit before it.
pub const FILLER: char = '\u{E000}';

/// Cells a tab is drawn in (tables pasted from Word arrive with tabs).
pub const TAB_CELLS: usize = 4;

/// Whether a character is drawn as a marker (it would be invisible or act on the terminal).
pub fn is_hidden(c: char) -> bool {
    c != '\t' && crate::sanitize::classify(c).is_some()
}

/// Characters the line-breaking rules look through: hidden ones and the filler.
fn looked_through(c: char) -> bool {
    c == FILLER || is_hidden(c)
}

/// Whether a unit is drawn as a one-cell marker instead of itself: a hidden character, or a
/// cluster that would take no cell at all (a lone combining mark).
pub fn is_marker(unit: &str) -> bool {
    let mut cs = unit.chars();
    match (cs.next(), cs.next()) {
        (Some(c), None) if is_hidden(c) => true,
        (Some('\t'), None) => false,
        _ => unit.width() == 0,
    }
}

/// The width of a unit on a terminal that draws East-Asian-ambiguous characters (“ ” … — ·)
/// one cell wide, as ratatui measures them.
pub fn cell_width(unit: &str) -> usize {
    if unit == "\t" {
        TAB_CELLS
    } else if is_marker(unit) {
        1
    } else {
        unit.width().min(2)
    }
}

/// The units of a paragraph as byte ranges: grapheme clusters, with hidden characters split
/// out as units of their own and a [`FILLER`] kept with the unit before it.
pub fn units(para: &str) -> Vec<(usize, usize)> {
    let mut out: Vec<(usize, usize)> = Vec::with_capacity(para.len() / 2);
    for (i, g) in para.grapheme_indices(true) {
        if g.starts_with(FILLER)
            && let Some(last) = out.last_mut()
            && last.1 == i
        {
            last.1 = i + g.len();
            continue;
        }
        if g.len() == 1 || !g.chars().any(is_hidden) {
            out.push((i, i + g.len()));
            continue;
        }
        let mut start = None;
        for (j, c) in g.char_indices() {
            if is_hidden(c) {
                if let Some(s) = start.take() {
                    out.push((i + s, i + j));
                }
                out.push((i + j, i + j + c.len_utf8()));
            } else if start.is_none() {
                start = Some(j);
            }
        }
        if let Some(s) = start {
            out.push((i + s, i + g.len()));
        }
    }
    out
}

/// Punctuation that never starts a row.
pub fn no_start(c: char) -> bool {
    matches!(
        c,
        '，' | '。'
            | '、'
            | '；'
            | '：'
            | '？'
            | '！'
            | '）'
            | '】'
            | '》'
            | '」'
            | '』'
            | '〉'
            | '〕'
            | '〗'
            | '〙'
            | '〛'
            | '］'
            | '｝'
            | '〞'
            | '〟'
            | '｠'
            | '．'
            | '％'
            | '”'
            | '’'
            | '…'
            | '⋯'
            | '·'
            | '・'
            | '%'
            | '‰'
            | '℃'
            | ','
            | '.'
            | ';'
            | ':'
            | '?'
            | '!'
            | ')'
            | ']'
            | '}'
    )
}

/// Punctuation that never ends a row.
pub fn no_end(c: char) -> bool {
    matches!(
        c,
        '（' | '【'
            | '《'
            | '「'
            | '『'
            | '〈'
            | '〔'
            | '〖'
            | '〘'
            | '〚'
            | '［'
            | '｛'
            | '〝'
            | '｟'
            | '“'
            | '‘'
            | '('
            | '['
            | '{'
    )
}

fn is_dash(c: char) -> bool {
    matches!(c, '—' | '―')
}

fn is_ellipsis(c: char) -> bool {
    matches!(c, '…' | '⋯')
}

/// Part of a Latin/number run that stays whole: ASCII letters, digits and punctuation.
fn is_run_char(c: char) -> bool {
    c.is_ascii_graphic()
}

/// Where a row may start: `allowed[k]` says whether a break is allowed before unit `k`
/// (`allowed[0]` is false).
pub fn break_allowed(para: &str, units: &[(usize, usize)]) -> Vec<bool> {
    let mut allowed = vec![false; units.len()];
    if units.is_empty() {
        return allowed;
    }
    let mut uax = unicode_linebreak::linebreaks(para)
        .map(|(b, _)| b)
        .peekable();
    // Hidden characters are looked through: a ZWSP between 字 and ， allows no break.
    let first = |k: usize| {
        para[units[k].0..]
            .chars()
            .find(|&c| !looked_through(c))
            .unwrap_or(' ')
    };
    let last = |k: usize| {
        para[..units[k].1]
            .chars()
            .rev()
            .find(|&c| !looked_through(c))
            .unwrap_or(' ')
    };
    for k in 1..units.len() {
        let at = units[k].0;
        while uax.peek().is_some_and(|&b| b < at) {
            uax.next();
        }
        let mut ok = uax.peek() == Some(&at);
        let (prev, next) = (last(k - 1), first(k));
        // Curly quotes: break before an opening one and after a closing one (not inside an
        // English word such as it’s).
        if matches!(next, '“' | '‘') && !prev.is_ascii_alphanumeric() {
            ok = true;
        }
        if matches!(prev, '”' | '’') && !next.is_ascii_alphanumeric() {
            ok = true;
        }
        if no_start(next) || no_end(prev) {
            ok = false;
        }
        if (is_dash(prev) && is_dash(next)) || (is_ellipsis(prev) && is_ellipsis(next)) {
            ok = false;
        }
        if is_run_char(prev) && is_run_char(next) {
            ok = false;
        }
        if ok && prev == ' ' && designator_before_number(para, units[k - 1].0, at) {
            ok = false;
        }
        allowed[k] = ok;
    }
    allowed
}

/// `GB/T 22239`, `ISO 9001`: a standard's code and its number stay on one row. True when the
/// space ending at `at` follows a run of capitals (and `/`) and a digit comes after it.
fn designator_before_number(para: &str, space: usize, at: usize) -> bool {
    if !para[at..].starts_with(|c: char| c.is_ascii_digit()) {
        return false;
    }
    let before = &para[..space];
    let token: &str = before
        .rsplit(|c: char| !is_run_char(c))
        .next()
        .unwrap_or("");
    (2..=8).contains(&token.len())
        && token.chars().all(|c| c.is_ascii_uppercase() || c == '/')
        && token.chars().any(|c| c.is_ascii_uppercase())
}

/// One screen row of a paragraph: a byte range and its width in cells.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Row {
    pub start: usize,
    pub end: usize,
    pub width: usize,
}

/// Lays a paragraph (no `\n` inside) out in rows of at most `cols` cells. An empty paragraph
/// is one empty row. A single unit wider than the row gets a row of its own.
pub fn layout(para: &str, cols: usize, width: WidthFn) -> Vec<Row> {
    let cols = cols.max(1);
    let us = units(para);
    if us.is_empty() {
        return vec![Row {
            start: 0,
            end: 0,
            width: 0,
        }];
    }
    let ws: Vec<usize> = us.iter().map(|&(a, b)| width(&para[a..b])).collect();
    let allowed = break_allowed(para, &us);
    let kinsoku_ok = |k: usize| {
        let next = para[us[k].0..].chars().find(|&c| !looked_through(c));
        let prev = para[..us[k - 1].1]
            .chars()
            .rev()
            .find(|&c| !looked_through(c));
        !next.is_some_and(no_start) && !prev.is_some_and(no_end)
    };
    // Inside a word or number, a dash or an ellipsis.
    let glued = |k: usize| {
        let next = para[us[k].0..].chars().find(|&c| !looked_through(c));
        let prev = para[..us[k - 1].1]
            .chars()
            .rev()
            .find(|&c| !looked_through(c));
        match (prev, next) {
            (Some(a), Some(b)) => {
                (is_run_char(a) && is_run_char(b))
                    || (a == ' ' && designator_before_number(para, us[k - 1].0, us[k].0))
                    || (b == ' ' && designator_before_number(para, us[k].0, us[k].1))
                    || (is_dash(a) && is_dash(b))
                    || (is_ellipsis(a) && is_ellipsis(b))
            }
            _ => false,
        }
    };
    let mut rows = Vec::new();
    let mut row_start = 0usize;
    let mut row_w = 0usize;
    let push = |rows: &mut Vec<Row>, a: usize, b: usize, w: usize| {
        rows.push(Row {
            start: us[a].0,
            end: us[b - 1].1,
            width: w,
        });
    };
    let mut seg = 0usize;
    while seg < us.len() {
        let mut end = seg + 1;
        while end < us.len() && !allowed[end] {
            end += 1;
        }
        let sw: usize = ws[seg..end].iter().sum();
        if row_w + sw <= cols {
            row_w += sw;
            seg = end;
            continue;
        }
        if row_w > 0 {
            push(&mut rows, row_start, seg, row_w);
            row_start = seg;
            row_w = 0;
        }
        if sw <= cols {
            row_w = sw;
            seg = end;
            continue;
        }
        // A run wider than the row: cut it between units, where 禁则 allows if it can.
        for k in seg..end {
            if row_w + ws[k] > cols && row_w > 0 {
                // Best a place inside the row where only a rule that UAX #14 adds forbade a
                // break (`（ GB/T…`: no break after an opening bracket and its space), so words
                // and numbers still stay whole; then 禁则 within four units; then anywhere.
                let fits = |c: usize| ws[c..=k].iter().sum::<usize>() <= cols;
                let soft = (row_start + 1..=k)
                    .rev()
                    .find(|&c| fits(c) && kinsoku_ok(c) && !glued(c));
                let mut cut = k;
                let mut back = k;
                while back > row_start + 1 && k - back < 4 {
                    if kinsoku_ok(back) {
                        break;
                    }
                    back -= 1;
                }
                if let Some(c) = soft {
                    cut = c;
                } else if back > row_start && kinsoku_ok(back) {
                    cut = back;
                }
                let w: usize = ws[row_start..cut].iter().sum();
                push(&mut rows, row_start, cut, w);
                row_start = cut;
                row_w = ws[cut..k].iter().sum();
            }
            row_w += ws[k];
        }
        seg = end;
    }
    push(&mut rows, row_start, us.len(), row_w);
    rows
}

/// Width in cells of `s` measured unit by unit.
pub fn str_width(s: &str, width: WidthFn) -> usize {
    units(s).iter().map(|&(a, b)| width(&s[a..b])).sum()
}

/// The row and column of a caret at byte `at` of a laid-out paragraph. A caret between two
/// rows is at the start of the later one; at the end of the paragraph it may sit one cell past
/// a full row (the editor keeps that column spare).
pub fn position(para: &str, rows: &[Row], at: usize, width: WidthFn) -> (usize, usize) {
    let r = match rows.iter().position(|row| at < row.end) {
        Some(r) if at >= rows[r].start => r,
        Some(r) => r.saturating_sub(1),
        None => rows.len().saturating_sub(1),
    };
    let row = rows.get(r).copied().unwrap_or(Row {
        start: 0,
        end: 0,
        width: 0,
    });
    let at = at.clamp(row.start, row.end);
    (r, str_width(&para[row.start..at], width))
}

/// The caret position (byte) on row `r` closest to column `col` without passing it; the end
/// of a row that is not the paragraph's last is the start of the next, so the caret stops one
/// unit before it.
pub fn byte_at(para: &str, rows: &[Row], r: usize, col: usize, width: WidthFn) -> usize {
    let Some(row) = rows.get(r) else {
        return para.len();
    };
    let text = &para[row.start..row.end];
    let mut x = 0;
    let last_row = r + 1 == rows.len();
    let us = units(text);
    for (k, &(a, b)) in us.iter().enumerate() {
        let w = width(&text[a..b]);
        if x + w > col || (!last_row && k + 1 == us.len()) {
            return row.start + a;
        }
        x += w;
    }
    row.end
}

/// Text wrapped to rows of at most `cols` cells, paragraph by paragraph (every `\n` ends a
/// row). For read-only text: the 示例 panel, help, instructions and review.
pub fn wrap_lines(text: &str, cols: usize, width: WidthFn) -> Vec<String> {
    let mut out = Vec::new();
    for para in text.split('\n') {
        for row in layout(para, cols, width) {
            out.push(para[row.start..row.end].to_string());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(s: &str, w: usize) -> Vec<String> {
        wrap_lines(s, w, cell_width)
    }

    #[test]
    fn closing_punctuation_never_starts_a_row() {
        // Glyph wrapping gives 今天天气很好 / ，我们去公园 / 。 here.
        assert_eq!(
            rows("今天天气很好，我们去公园。", 12),
            ["今天天气很", "好，我们去公", "园。"]
        );
    }

    #[test]
    fn opening_punctuation_never_ends_a_row() {
        let r = rows("提供了一个“练兵场”。", 12);
        assert_eq!(r, ["提供了一个", "“练兵场”。"]);
    }

    #[test]
    fn numbers_and_words_stay_whole() {
        assert_eq!(
            rows("比例由1:1变成1:10甚至更少", 16),
            ["比例由1:1变成", "1:10甚至更少"]
        );
        assert_eq!(rows("成本下降到9.1%左右", 13), ["成本下降到", "9.1%左右"]);
        assert_eq!(
            rows("符合GB/T 22239-2019的要求", 16),
            ["符合", "GB/T 22239-2019", "的要求"]
        );
        // Longer than the row: cut, but only then.
        assert_eq!(
            rows("internationalization", 8),
            ["internat", "ionaliza", "tion"]
        );
    }

    #[test]
    fn dashes_and_ellipses_stay_whole() {
        // A dash may start a row, but goes whole; an ellipsis never starts one.
        assert_eq!(rows("一二三四——五六", 9), ["一二三四", "——五六"]);
        assert_eq!(rows("一二三四……五六", 9), ["一二三", "四……五六"]);
    }

    #[test]
    fn hidden_characters_are_one_cell_units() {
        let s = "a\u{200b}b\u{202e}\u{200c}";
        let u: Vec<&str> = units(s).iter().map(|&(a, b)| &s[a..b]).collect();
        assert_eq!(u, ["a", "\u{200b}", "b", "\u{202e}", "\u{200c}"]);
        assert_eq!(str_width(s, cell_width), 5);
        // Emoji sequences are one unit.
        assert_eq!(units("👨‍👩‍👧").len(), 1);
    }

    #[test]
    fn caret_positions_follow_rows() {
        let p = "今天天气很好，我们去公园。";
        let rs = layout(p, 12, cell_width);
        assert_eq!(position(p, &rs, 0, cell_width), (0, 0));
        // The boundary between rows belongs to the later row.
        assert_eq!(position(p, &rs, rs[0].end, cell_width), (1, 0));
        assert_eq!(position(p, &rs, p.len(), cell_width), (2, 4));
        assert_eq!(byte_at(p, &rs, 1, 3, cell_width), rs[1].start + 3);
        // Not past the end of a row that continues.
        assert!(byte_at(p, &rs, 0, 100, cell_width) < rs[0].end);
        assert_eq!(byte_at(p, &rs, 2, 100, cell_width), p.len());
    }
}
