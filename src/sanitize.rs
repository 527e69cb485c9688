//! The one sanitiser for untrusted text. Pure.
//!
//! A received draft, a form file or a file name can hold escape sequences (title changes,
//! clipboard writes, a terminal reset), C1 controls, bidi overrides and invisible characters.
//! One classification ([`classify`]) serves every boundary:
//! - text on its way to a terminal (stdout, stderr, error messages, clap's messages, panic
//!   messages, TUI cells) goes through [`for_terminal`]: each hidden character becomes a visible
//!   marker such as `⟨U+202E⟩`, so a reviewer sees it;
//! - text on its way into a document meant to be printed or sent (Markdown, text, docx, xlsx,
//!   csv, the review notes) goes through [`for_document`]: hidden characters are dropped (a
//!   printed page must neither obey nor show them; the gate or the notes say how many went).
//!
//! In the TUI, [`hidden_chars`] finds what review mode must show as markers.

/// What kind of character is hidden or dangerous in displayed text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Hidden {
    /// C0 (except tab and newline), DEL and C1 controls: can drive the terminal.
    Control,
    /// Bidi embedding/override/isolate controls: reorder what is displayed (Trojan Source).
    Bidi,
    /// Zero-width and other invisible characters: make different texts look the same.
    Invisible,
}

/// Line breaks as `\n`: CR LF, CR, U+2028 and U+2029, and U+0085 (NEL) when `nel`. Returns the
/// text and how many breaks were changed. Pasted text and printed documents both go through it.
pub fn unify_line_breaks(s: &str, nel: bool) -> (String, usize) {
    let mut out = String::with_capacity(s.len());
    let mut changed = 0;
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                changed += 1;
                out.push('\n');
            }
            '\u{2028}' | '\u{2029}' => {
                changed += 1;
                out.push('\n');
            }
            '\u{85}' if nel => {
                changed += 1;
                out.push('\n');
            }
            c => out.push(c),
        }
    }
    (out, changed)
}

/// A file name made from untrusted text (a draft's name, an attachment's name): no path
/// separators, controls or hidden characters (each becomes `_`), no leading dot (no hidden
/// files, no `..`), at most `max_bytes` bytes, and `fallback` when nothing is left.
pub fn file_name(name: &str, max_bytes: usize, fallback: &str) -> String {
    let mut s: String = name
        .chars()
        .map(|c| {
            if c == '/' || c == '\\' || c.is_control() || classify(c).is_some() {
                '_'
            } else {
                c
            }
        })
        .collect();
    while s.starts_with('.') {
        s.replace_range(..1, "_");
    }
    while s.len() > max_bytes {
        s.pop();
    }
    if s.is_empty() {
        fallback.to_string()
    } else {
        s
    }
}

/// Classifies a character that must not reach a terminal raw, or that is invisible.
/// Tab and newline are ordinary text; ZWJ and variation selectors are part of emoji and
/// are left alone.
pub fn classify(c: char) -> Option<Hidden> {
    let u = c as u32;
    match u {
        0x09 | 0x0A => None,
        0x00..=0x1F | 0x7F..=0x9F => Some(Hidden::Control),
        0x061C | 0x200E | 0x200F | 0x202A..=0x202E | 0x2066..=0x2069 => Some(Hidden::Bidi),
        0x00AD
        | 0x115F
        | 0x1160
        | 0x180E
        | 0x200B
        | 0x200C
        | 0x2028
        | 0x2029
        | 0x2060..=0x2064
        | 0x206A..=0x206F
        | 0x3164
        | 0xFEFF
        | 0xFFA0
        | 0xFFF9..=0xFFFB
        | 0xE0000..=0xE007F => Some(Hidden::Invisible),
        _ => None,
    }
}

/// Text that was made for a terminal (with [`marker`]s) turned back into text for a document:
/// every marker is dropped, as [`for_document`] drops the characters themselves. For messages
/// that were worded for the screen and then go into a document sent to someone.
pub fn drop_markers(s: &str) -> String {
    const NAMED: [&str; 6] = ["⟨ESC⟩", "⟨CR⟩", "⟨NUL⟩", "⟨BEL⟩", "⟨BS⟩", "⟨DEL⟩"];
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(at) = rest.find('⟨') {
        out.push_str(&rest[..at]);
        let tail = &rest[at..];
        let named = NAMED.iter().find(|m| tail.starts_with(*m)).map(|m| m.len());
        let coded = tail.strip_prefix("⟨U+").and_then(|t| {
            let hex = t.chars().take_while(|c| c.is_ascii_hexdigit()).count();
            ((4..=6).contains(&hex) && t[hex..].starts_with('⟩'))
                .then(|| "⟨U+".len() + hex + '⟩'.len_utf8())
        });
        match named.or(coded) {
            Some(len) => rest = &tail[len..],
            None => {
                out.push('⟨');
                rest = &tail['⟨'.len_utf8()..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// A visible marker for a hidden character, e.g. `⟨U+202E⟩`, `⟨ESC⟩`.
pub fn marker(c: char) -> String {
    match c {
        '\u{1b}' => "⟨ESC⟩".to_string(),
        '\r' => "⟨CR⟩".to_string(),
        '\0' => "⟨NUL⟩".to_string(),
        '\u{7}' => "⟨BEL⟩".to_string(),
        '\u{8}' => "⟨BS⟩".to_string(),
        '\u{7f}' => "⟨DEL⟩".to_string(),
        _ => format!("⟨U+{:04X}⟩", c as u32),
    }
}

/// Text made safe for a terminal: every hidden character becomes a visible marker. Newlines and
/// tabs are kept when `multiline`, otherwise they become markers too (one-line messages).
pub fn for_terminal_with(s: &str, multiline: bool) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if !multiline && (c == '\n' || c == '\t') {
            out.push_str(if c == '\n' { "⏎" } else { " " });
        } else if classify(c).is_some() {
            out.push_str(&marker(c));
        } else {
            out.push(c);
        }
    }
    out
}

/// One-line form of [`for_terminal_with`], for error messages and table cells.
pub fn for_terminal(s: &str) -> String {
    for_terminal_with(s, false)
}

/// Text for a printed or sent document: every hidden character (controls other than tab and
/// newline, bidi controls, invisible characters) is dropped; everything else is kept as it is.
pub fn for_document(s: &str) -> String {
    if !s.chars().any(|c| classify(c).is_some()) {
        return s.to_string();
    }
    s.chars().filter(|c| classify(*c).is_none()).collect()
}

/// Whether a character may never reach a terminal or a document raw: ESC and every other C0
/// control but tab and newline, DEL, C1 controls and bidi controls. The property every sanitised
/// output keeps.
pub fn is_forbidden_raw(c: char) -> bool {
    matches!(classify(c), Some(Hidden::Control | Hidden::Bidi))
}

/// Counts of hidden characters in a text, by kind.
pub fn hidden_chars(s: &str) -> Vec<(Hidden, usize)> {
    let mut counts = [0usize; 3];
    for c in s.chars() {
        match classify(c) {
            Some(Hidden::Control) => counts[0] += 1,
            Some(Hidden::Bidi) => counts[1] += 1,
            Some(Hidden::Invisible) => counts[2] += 1,
            None => {}
        }
    }
    [Hidden::Control, Hidden::Bidi, Hidden::Invisible]
        .into_iter()
        .zip(counts)
        .filter(|(_, n)| *n > 0)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_become_visible_markers() {
        let s = "a\u{1b}]52;c;ZWNobw==\u{7}b\u{9b}31mc\u{202e}d\u{200b}e";
        let out = for_terminal(s);
        assert_eq!(
            out,
            "a⟨ESC⟩]52;c;ZWNobw==⟨BEL⟩b⟨U+009B⟩31mc⟨U+202E⟩d⟨U+200B⟩e"
        );
        assert!(!out.chars().any(|c| c.is_control()));
    }

    #[test]
    fn chinese_text_and_emoji_pass_unchanged() {
        let s = "智慧港口“场景”——👨‍👩‍👧 ❤️";
        assert_eq!(for_terminal(s), s);
    }

    #[test]
    fn newlines_kept_only_in_multiline_mode() {
        assert_eq!(for_terminal_with("a\nb\r\n", true), "a\nb⟨CR⟩\n");
        // Back to a document: markers go, other angle brackets stay.
        let shown = for_terminal("a\u{1b}]0;x\u{7}b\u{202e}c⟨注⟩d⟨U+12⟩");
        assert_eq!(drop_markers(&shown), "a]0;xbc⟨注⟩d⟨U+12⟩");
        assert_eq!(for_terminal("a\nb"), "a⏎b");
    }

    #[test]
    fn documents_drop_hidden_characters_and_keep_the_rest() {
        let s = "恶意\u{1b}]0;PWNED\u{7}\u{9b}6n\u{202e}场景\u{200b}名\n第二行\t表格";
        assert_eq!(for_document(s), "恶意]0;PWNED6n场景名\n第二行\t表格");
        assert!(!for_document(s).chars().any(is_forbidden_raw));
        assert_eq!(for_document("智慧港口“场景”👨‍👩‍👧"), "智慧港口“场景”👨‍👩‍👧");
    }

    #[test]
    fn terminal_text_never_holds_a_forbidden_character() {
        let all: String = (0u32..0x3000).filter_map(char::from_u32).collect();
        assert!(!for_terminal(&all).chars().any(is_forbidden_raw));
        assert!(!for_terminal_with(&all, true).chars().any(is_forbidden_raw));
        assert!(!for_document(&all).chars().any(is_forbidden_raw));
    }

    #[test]
    fn hidden_counts_by_kind() {
        let s = "6222\u{202e}8809\u{202c}a\u{200b}b\u{1b}";
        assert_eq!(
            hidden_chars(s),
            vec![
                (Hidden::Control, 1),
                (Hidden::Bidi, 2),
                (Hidden::Invisible, 1)
            ]
        );
        assert!(hidden_chars("正常文本").is_empty());
    }
}
