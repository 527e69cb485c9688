//! Untrusted text on its way into a file.
//!
//! - JSON keeps every character but writes the dangerous ones as `\uXXXX` escapes, because
//!   serde_json writes C1 controls (U+009B, an 8-bit CSI), U+2028 and bidi controls raw and a
//!   submission is often `cat` to a terminal or pasted into JavaScript.
//! - Documents (Markdown, text, docx) drop controls, bidi and invisible characters and turn
//!   U+2028/U+2029/CR into line breaks: XML cannot hold C0 controls at all, a printed form must
//!   not reorder or hide text, and marker text like `⟨U+202E⟩` has no place on a signed page.
//!   The export gate reports hidden characters as a finding; `--force` exports without them.
//! - Markdown additionally escapes everything that would make user text into structure:
//!   headings, HTML, links and autolinks, code spans and fences, emphasis, lists, tables.

use std::io;

use serde::Serialize;
use serde_json::ser::{Formatter, PrettyFormatter};

use crate::sanitize::classify;

/// Whether JSON must escape a character that serde_json writes raw.
fn json_escapes(c: char) -> bool {
    classify(c).is_some()
}

/// serde_json's pretty formatter, plus `\uXXXX` escapes for C1, DEL, bidi, line/paragraph
/// separators and invisible characters (surrogate pairs beyond the BMP).
pub(crate) struct SafeFormatter<'a>(PrettyFormatter<'a>);

impl SafeFormatter<'_> {
    pub(crate) fn new() -> Self {
        SafeFormatter(PrettyFormatter::with_indent(b"  "))
    }
}

impl Formatter for SafeFormatter<'_> {
    fn write_string_fragment<W: ?Sized + io::Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        let mut start = 0;
        for (i, c) in fragment.char_indices() {
            if json_escapes(c) {
                writer.write_all(&fragment.as_bytes()[start..i])?;
                let mut units = [0u16; 2];
                for u in c.encode_utf16(&mut units) {
                    write!(writer, "\\u{u:04x}")?;
                }
                start = i + c.len_utf8();
            }
        }
        writer.write_all(&fragment.as_bytes()[start..])
    }

    fn begin_array<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_array(w)
    }
    fn end_array<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_array(w)
    }
    fn begin_array_value<W: ?Sized + io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.0.begin_array_value(w, first)
    }
    fn end_array_value<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_array_value(w)
    }
    fn begin_object<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_object(w)
    }
    fn end_object<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object(w)
    }
    fn begin_object_key<W: ?Sized + io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.0.begin_object_key(w, first)
    }
    fn begin_object_value<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_object_value(w)
    }
    fn end_object_value<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object_value(w)
    }
}

/// Pretty JSON with the safe escapes, ending in a newline.
pub(crate) fn to_json_pretty<T: Serialize>(value: &T) -> String {
    let mut buf = Vec::new();
    let mut ser = serde_json::Serializer::with_formatter(&mut buf, SafeFormatter::new());
    // Serializing our own plain structs into memory cannot fail.
    value.serialize(&mut ser).expect("serialize to memory");
    buf.push(b'\n');
    String::from_utf8(buf).expect("serde_json writes UTF-8")
}

/// One JSON string literal with the safe escapes (for tests and tools).
pub fn json_string(s: &str) -> String {
    let mut buf = Vec::new();
    let mut ser = serde_json::Serializer::with_formatter(&mut buf, SafeFormatter::new());
    s.serialize(&mut ser).expect("serialize to memory");
    String::from_utf8(buf).expect("serde_json writes UTF-8")
}

/// Text for a printed document: line breaks normalised to `\n` (CR LF, CR, U+2028, U+2029),
/// tabs to a space, every other hidden character (controls, bidi, invisible) dropped.
pub(crate) fn doc_text(s: &str) -> String {
    doc_text_keep_tabs(s).replace('\t', " ")
}

/// [`doc_text`] with tabs kept, for long texts whose tab-separated lines are tables.
pub(crate) fn doc_text_keep_tabs(s: &str) -> String {
    let (s, _) = crate::sanitize::unify_line_breaks(s, false);
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\n' => out.push('\n'),
            // A printed page must neither obey nor show hidden characters: the gate reports
            // them, and `--force` exports without them.
            _ if classify(c).is_some() => {}
            _ => out.push(c),
        }
    }
    out
}

/// The non-empty lines of a text for a document, each trimmed at the end.
pub(crate) fn paragraphs(s: &str) -> Vec<String> {
    doc_text(s)
        .split('\n')
        .map(|l| l.trim_end().to_string())
        .filter(|l| !l.trim().is_empty())
        .collect()
}

/// A text on one line for a document (line breaks become spaces), trimmed.
pub(crate) fn one_line(s: &str) -> String {
    paragraphs(s).join(" ").trim().to_string()
}

/// Escapes one line of document text (see [`doc_text`]; no line breaks) so Markdown shows it
/// as plain text: no heading, quote, list, thematic break, table, HTML, entity, link, autolink,
/// image, code span or fence, emphasis or strikethrough can come out of it.
pub fn md_escape(line: &str) -> String {
    // Four leading spaces would make a code block; leading space means nothing in Markdown.
    let line = line.trim_start_matches([' ', '\t']);
    let mut out = String::with_capacity(line.len() + 8);
    let chars: Vec<char> = line.chars().collect();
    // An ordered-list marker (`1.` or `1)`) at the start: escape its punctuation.
    let digits = chars.iter().take_while(|c| c.is_ascii_digit()).count();
    let list_mark = (1..=9).contains(&digits)
        && matches!(chars.get(digits), Some('.') | Some(')'))
        && chars
            .get(digits + 1)
            .is_none_or(|c| *c == ' ' || *c == '\t');
    for (i, &c) in chars.iter().enumerate() {
        let escape = match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '~' | '!' | '&' | '@'
            | ':' | '$' => true,
            // A bullet, setext underline or thematic break at the start of the line.
            '-' | '+' | '=' => i == 0,
            '.' | ')' => {
                (list_mark && i == digits)
                    || (c == '.'
                        && i >= 3
                        && chars[i - 3..i]
                            .iter()
                            .collect::<String>()
                            .eq_ignore_ascii_case("www"))
            }
            _ => false,
        };
        if escape {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_escapes_what_serde_json_leaves_raw() {
        assert_eq!(
            json_string("a\u{9b}b\u{202e}c\u{2028}d\u{1b}e\u{7f}\u{e0001}"),
            r#""a\u009bb\u202ec\u2028d\u001be\u007f\udb40\udc01""#
        );
        assert_eq!(json_string("智慧港口“场景”👍"), "\"智慧港口“场景”👍\"");
    }

    #[test]
    fn documents_show_hidden_characters() {
        assert_eq!(
            doc_text("a\u{1b}[2Jb\r\nc\u{202e}d\u{200b}e\u{2028}f\tg"),
            "a[2Jb\ncde\nf g"
        );
        assert_eq!(paragraphs("\n第一段  \n\n 第二段\n"), ["第一段", " 第二段"]);
    }

    #[test]
    fn markdown_structure_cannot_come_from_text() {
        assert_eq!(md_escape("# 标题"), r"\# 标题");
        assert_eq!(md_escape("    code"), "code");
        assert_eq!(md_escape("1. 场景开放"), r"1\. 场景开放");
        assert_eq!(md_escape("2.5 小时"), "2.5 小时");
        assert_eq!(md_escape("- a"), r"\- a");
        assert_eq!(md_escape("==="), r"\===");
        assert_eq!(md_escape("<b>x</b>"), r"\<b\>x\</b\>");
        assert_eq!(md_escape("[a](http://x)"), r"\[a\](http\://x)");
        assert_eq!(md_escape("```rust"), r"\`\`\`rust");
        assert_eq!(md_escape("www.x.cn a@b.cn"), r"www\.x.cn a\@b.cn");
        assert_eq!(
            md_escape("a|b *c* _d_ ~~e~~ &amp;"),
            r"a\|b \*c\* \_d\_ \~\~e\~\~ \&amp;"
        );
    }
}
