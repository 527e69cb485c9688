//! File bytes → text, the same way for every file the program reads (forms, drafts,
//! submissions, themes, notes): UTF-8 only, a leading BOM dropped, CRLF line ends read as LF,
//! invalid UTF-8 refused with the byte offset (and line and column) of the first bad byte. Pure.

use std::borrow::Cow;

mod msg;

/// The first byte that is not UTF-8.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[error("not UTF-8 text (byte {offset})")]
pub struct NotUtf8 {
    /// 0-based byte offset into the file as given (a BOM included).
    pub offset: usize,
    /// 1-based line and column (in characters) of that byte.
    pub line: usize,
    pub col: usize,
}

/// Decodes a file's bytes: see the module documentation.
pub fn text(bytes: &[u8]) -> Result<Cow<'_, str>, NotUtf8> {
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(normalize(s)),
        Err(e) => {
            let offset = e.valid_up_to();
            // Valid by construction: from_utf8 checked every byte before `offset`.
            let good = std::str::from_utf8(&bytes[..offset]).unwrap_or("");
            let line = good.matches('\n').count() + 1;
            let col = good.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
            Err(NotUtf8 { offset, line, col })
        }
    }
}

/// Text as a file may hold it: without a leading BOM, with CRLF read as LF.
pub fn normalize(s: &str) -> Cow<'_, str> {
    let s = s.strip_prefix('\u{feff}').unwrap_or(s);
    if s.contains("\r\n") {
        Cow::Owned(s.replace("\r\n", "\n"))
    } else {
        Cow::Borrowed(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bom_and_crlf_are_read_as_if_absent() {
        assert_eq!(text(b"\xef\xbb\xbfa\r\nb\r\n").unwrap(), "a\nb\n");
        assert_eq!(text("甲\n乙".as_bytes()).unwrap(), "甲\n乙");
        // A lone CR is text, not a line end: the parser decides what to make of it.
        assert_eq!(text(b"a\rb").unwrap(), "a\rb");
    }

    #[test]
    fn invalid_bytes_are_placed() {
        let mut bytes = "第一行\n第二行  ".as_bytes().to_vec();
        bytes.push(0xff);
        assert_eq!(
            text(&bytes).unwrap_err(),
            NotUtf8 {
                offset: 21,
                line: 2,
                col: 6
            }
        );
        // A surrogate encoded as UTF-8 (CESU-8) is refused at its first byte.
        assert_eq!(text(b"ab\xed\xa0\x80").unwrap_err().offset, 2);
        // UTF-16 with its BOM is not UTF-8.
        assert_eq!(text(b"\xff\xfea\x00").unwrap_err().offset, 0);
    }
}
