//! Normalising pasted text (docs/design.md, "Terminal facts that matter": paste). Pure; used by the editor.
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
    /// Control characters removed (NUL, BEL, C1…; tab and newline are kept).
    pub controls: usize,
    /// Terminal escape sequences removed whole (colours from `ls --color`, titles, queries), so
    /// that no `[31m` is left behind in the text.
    pub escapes: usize,
    /// Kangxi / CJK radicals replaced by the ideograph they stand for.
    pub radicals: usize,
    /// Whether NFC changed anything (e.g. decomposed Hangul or accents).
    pub nfc: bool,
    /// Newlines turned into spaces because the field takes one line.
    pub joined: usize,
}

impl PasteReport {
    pub fn changed(&self) -> bool {
        self.line_breaks + self.controls + self.escapes + self.radicals + self.joined > 0
            || self.nfc
    }
}

/// The largest paste accepted at once, in characters: far above any real section, well below
/// what makes each keystroke slow in the textarea (docs/design.md, "Terminal facts that matter").
pub const PASTE_CAP_CHARS: usize = 200_000;

/// Normalises pasted text. `single_line` fields get spaces instead of line breaks.
pub fn normalize(s: &str, single_line: bool) -> (String, PasteReport) {
    let (s, line_breaks) = crate::sanitize::unify_line_breaks(s, true);
    let mut report = PasteReport {
        line_breaks,
        ..PasteReport::default()
    };
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\n' | '\t' => out.push(c),
            '\u{1b}' | '\u{9b}' | '\u{9d}' | '\u{90}' | '\u{98}' | '\u{9e}' | '\u{9f}' => {
                skip_escape(c, &mut chars);
                report.escapes += 1;
            }
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

/// Skips the rest of an escape sequence that starts with `first` (ESC, or a C1 introducer):
/// CSI (`ESC [` … final byte), OSC, DCS, SOS, PM and APC strings (up to BEL or the string
/// terminator), and the short `ESC` + intermediates + final forms (`ESC c`, `ESC ( 0`). An
/// unfinished sequence ends at the end of the text or at a line break, which is kept.
fn skip_escape(first: char, chars: &mut std::iter::Peekable<std::str::Chars<'_>>) {
    let kind = match first {
        '\u{1b}' => match chars.peek() {
            Some('[') => {
                chars.next();
                '['
            }
            Some(c @ (']' | 'P' | 'X' | '^' | '_')) => {
                let c = *c;
                chars.next();
                if c == ']' { ']' } else { 'P' }
            }
            _ => 'e',
        },
        '\u{9b}' => '[',
        '\u{9d}' => ']',
        _ => 'P',
    };
    match kind {
        '[' => {
            // Parameters and intermediates, then one final byte.
            while let Some(&c) = chars.peek() {
                if ('\u{30}'..='\u{3f}').contains(&c) || ('\u{20}'..='\u{2f}').contains(&c) {
                    chars.next();
                } else {
                    if ('\u{40}'..='\u{7e}').contains(&c) {
                        chars.next();
                    }
                    break;
                }
            }
        }
        ']' | 'P' => {
            // A string: ends at BEL (OSC only), ESC \ or the C1 string terminator.
            while let Some(&c) = chars.peek() {
                match c {
                    '\u{7}' if kind == ']' => {
                        chars.next();
                        break;
                    }
                    '\u{9c}' => {
                        chars.next();
                        break;
                    }
                    '\u{1b}' => {
                        chars.next();
                        if chars.peek() == Some(&'\\') {
                            chars.next();
                        }
                        break;
                    }
                    '\n' | '\r' => break,
                    _ => {
                        chars.next();
                    }
                }
            }
        }
        _ => {
            while let Some(&c) = chars.peek() {
                if ('\u{20}'..='\u{2f}').contains(&c) {
                    chars.next();
                } else {
                    if ('\u{30}'..='\u{7e}').contains(&c) {
                        chars.next();
                    }
                    break;
                }
            }
        }
    }
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
    fn coloured_terminal_output_loses_whole_escape_sequences() {
        // `ls --color`, `grep --color`: SGR colours around words.
        let (s, r) = normalize("\u{1b}[31m红色\u{1b}[0m 和 \u{1b}[1;32m绿色\u{1b}[m", false);
        assert_eq!(s, "红色 和 绿色");
        assert_eq!((r.escapes, r.controls), (4, 0));
        // A title (OSC, BEL- and ST-terminated), a C1 CSI, a charset switch, a reset, a DCS query.
        let (s, r) = normalize(
            "甲\u{1b}]0;PWNED\u{7}乙\u{1b}]2;x\u{1b}\\丙\u{9b}6n丁\u{1b}(0戊\u{1b}c己\u{1b}P+q544e\u{1b}\\庚",
            false,
        );
        assert_eq!(s, "甲乙丙丁戊己庚");
        assert_eq!(r.escapes, 6);
        // An unfinished sequence stops at the line break, which stays.
        let (s, _) = normalize("前\u{1b}]0;title\n后", false);
        assert_eq!(s, "前\n后");
        // A lone ESC at the end.
        let (s, r) = normalize("末尾\u{1b}", false);
        assert_eq!((s.as_str(), r.escapes), ("末尾", 1));
    }

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
        // A C1 CSI takes its final byte with it, as a terminal would.
        assert_eq!(s, "abc\te");
        assert_eq!((r.controls, r.escapes), (1, 2));
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
