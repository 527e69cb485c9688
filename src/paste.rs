//! Normalising pasted text. Pure; used by the editor.
//!
//! Terminals send `\r` inside bracketed paste, PDFs give Kangxi radicals (⼯) for ideographs,
//! Word gives U+2028; the textarea only splits on `\n`. NFKC is never applied: it would turn
//! １２３ into 123 and “ into ".

use unicode_normalization::UnicodeNormalization;

/// What normalisation changed, so the status line can say so.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PasteReport {
    /// `\r\n`, `\r`, U+2028, U+2029 and U+0085 turned into `\n`.
    pub line_breaks: usize,
    /// Control characters removed (ESC, NUL, C1…; tab and newline are kept).
    pub controls: usize,
    /// Kangxi / CJK radicals replaced by the ideograph they stand for.
    pub radicals: usize,
    /// Whether NFC changed anything (e.g. decomposed Hangul or accents).
    pub nfc: bool,
    /// Newlines turned into spaces because the field takes one line.
    pub joined: usize,
}

impl PasteReport {
    pub fn changed(&self) -> bool {
        self.line_breaks + self.controls + self.radicals + self.joined > 0 || self.nfc
    }
}

/// The largest paste accepted at once, in characters: far above any real section, well below
/// what makes each keystroke slow in the textarea.
pub const PASTE_CAP_CHARS: usize = 200_000;

/// Normalises pasted text. `single_line` fields get spaces instead of line breaks.
pub fn normalize(s: &str, single_line: bool) -> (String, PasteReport) {
    let mut report = PasteReport::default();
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                report.line_breaks += 1;
                out.push('\n');
            }
            '\u{2028}' | '\u{2029}' | '\u{85}' => {
                report.line_breaks += 1;
                out.push('\n');
            }
            '\n' | '\t' => out.push(c),
            c if c.is_control() => report.controls += 1,
            c if is_radical(c) => match radical_to_ideograph(c) {
                Some(r) => {
                    report.radicals += 1;
                    out.push(r);
                }
                None => out.push(c),
            },
            c => out.push(c),
        }
    }
    let nfc: String = out.nfc().collect();
    report.nfc = nfc != out;
    let mut result = nfc;
    if single_line && result.contains('\n') {
        let trimmed = result.trim_matches('\n');
        report.joined = trimmed.matches('\n').count();
        result = trimmed.replace('\n', " ");
    }
    (result, report)
}

fn is_radical(c: char) -> bool {
    // CJK Radicals Supplement and Kangxi Radicals are adjacent blocks.
    matches!(c as u32, 0x2E80..=0x2FDF)
}

/// The unified ideograph a radical character stands for, when Unicode says so (its
/// compatibility decomposition is a single ideograph).
fn radical_to_ideograph(c: char) -> Option<char> {
    let mut it = std::iter::once(c).nfkc();
    let first = it.next()?;
    (it.next().is_none() && first != c && !is_radical(first)).then_some(first)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn carriage_returns_become_lines() {
        let (s, r) = normalize("第一行\r第二行\r\n第三行\n第四行", false);
        assert_eq!(s, "第一行\n第二行\n第三行\n第四行");
        assert_eq!(r.line_breaks, 2);
        assert!(r.changed());
    }

    #[test]
    fn controls_are_stripped_tabs_kept() {
        let (s, r) = normalize("a\u{1b}[31mb\u{0}c\u{9b}d\te", false);
        assert_eq!(s, "a[31mbcd\te");
        assert_eq!(r.controls, 3);
    }

    #[test]
    fn kangxi_radicals_from_pdfs_become_ideographs() {
        let (s, r) = normalize("\u{2F2F}业和信息化部", false);
        assert_eq!(s, "工业和信息化部");
        assert_eq!(r.radicals, 1);
    }

    #[test]
    fn nfc_but_never_nfkc() {
        // Decomposed Hangul 한 and e + acute are composed; full-width digits and quotes stay.
        let (s, r) = normalize("\u{1112}\u{1161}\u{11AB} e\u{301} １２３“”…", false);
        assert_eq!(s, "한 é １２３“”…");
        assert!(r.nfc);
        let (s, r) = normalize("普通文字", false);
        assert_eq!(s, "普通文字");
        assert!(!r.changed());
    }

    #[test]
    fn single_line_fields_join_lines() {
        let (s, r) = normalize("北京市\r\n海淀区\n", true);
        assert_eq!(s, "北京市 海淀区");
        assert_eq!(r.joined, 1);
    }
}
