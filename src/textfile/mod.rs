//! Text files brought into a field: which encoding they are in, decoding, refusing what is not
//! text, and normalising the result like a paste. Pure: bytes in, text and a report out; callers
//! read the file (through `fsio`) and apply the text.
//!
//! Recognised: UTF-8 with or without a BOM, UTF-16 LE/BE with a BOM, and, for the rest, what
//! `chardetng` guesses with a `.cn` hint — GB18030/GBK (what Windows Notepad and many offices
//! still save) or Big5. `encoding_rs` does the decoding, strictly: a byte sequence that is not
//! valid in the detected encoding refuses the file instead of turning into U+FFFD.

pub mod msg;

use encoding_rs::{BIG5, Encoding, GB18030, UTF_16BE, UTF_16LE};

use crate::paste::{self, PasteReport};

/// The largest file read for a field, in bytes: well above the field cap in any encoding
/// (200,000 characters of Chinese are 600 KB in UTF-8), small enough to refuse a disk image.
pub const FILE_CAP_BYTES: u64 = 4 * 1024 * 1024;

/// The encoding a file was found to be in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Detected {
    Utf8,
    /// UTF-8 starting with a byte-order mark (which is dropped).
    Utf8Bom,
    Utf16Le,
    Utf16Be,
    /// GB18030, a superset of GBK and GB2312.
    Gb18030,
    Big5,
}

impl Detected {
    /// The usual name of the encoding.
    pub fn name(self) -> &'static str {
        match self {
            Detected::Utf8 | Detected::Utf8Bom => "UTF-8",
            Detected::Utf16Le => "UTF-16LE",
            Detected::Utf16Be => "UTF-16BE",
            Detected::Gb18030 => "GB18030",
            Detected::Big5 => "Big5",
        }
    }

    /// Whether the bytes had to be converted (anything but UTF-8).
    pub fn converted(self) -> bool {
        !matches!(self, Detected::Utf8 | Detected::Utf8Bom)
    }
}

/// A file's text, decoded and normalised.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Imported {
    pub text: String,
    pub encoding: Detected,
    /// What normalising like a paste changed.
    pub changes: PasteReport,
}

/// Why a file's bytes were refused. Nothing is changed when a file is refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ImportError {
    /// NUL bytes outside UTF-16: an image, a Word document, an archive…
    Binary,
    /// The bytes are not valid in the encoding they were detected as (a damaged file, or a
    /// UTF-16 file whose length is odd).
    Malformed { encoding: Detected },
    /// Not UTF-8 and not a Chinese encoding; `guess` is what the detector thought.
    UnknownEncoding { guess: &'static str },
    /// It decodes, but mostly to control, private-use or replacement characters.
    Garbage { encoding: Detected },
    /// More characters than a field may hold.
    TooLong { chars: usize, cap: usize },
}

/// Decodes a file's bytes for a field. `single_line` fields get spaces for line breaks.
pub fn decode(bytes: &[u8], single_line: bool, cap_chars: usize) -> Result<Imported, ImportError> {
    let (raw, encoding) = decode_raw(bytes)?;
    if looks_garbled(&raw) {
        return Err(ImportError::Garbage { encoding });
    }
    let (text, changes) = paste::normalize(&raw, single_line);
    let chars = text.chars().count();
    if chars > cap_chars {
        return Err(ImportError::TooLong {
            chars,
            cap: cap_chars,
        });
    }
    Ok(Imported {
        text,
        encoding,
        changes,
    })
}

fn decode_raw(bytes: &[u8]) -> Result<(String, Detected), ImportError> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return utf8(rest, Detected::Utf8Bom);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        return strict(UTF_16LE, rest, Detected::Utf16Le);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return strict(UTF_16BE, rest, Detected::Utf16Be);
    }
    if bytes.contains(&0) {
        return Err(ImportError::Binary);
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Ok((s.to_string(), Detected::Utf8));
    }
    let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    det.feed(bytes, true);
    let guess = det.guess(Some(b"cn"), chardetng::Utf8Detection::Deny);
    // GBK is what the detector calls the family; GB18030 decodes all of it and more.
    if guess == GB18030 || guess == encoding_rs::GBK {
        strict(GB18030, bytes, Detected::Gb18030)
    } else if guess == BIG5 {
        strict(BIG5, bytes, Detected::Big5)
    } else {
        Err(ImportError::UnknownEncoding {
            guess: guess.name(),
        })
    }
}

fn utf8(bytes: &[u8], as_: Detected) -> Result<(String, Detected), ImportError> {
    match std::str::from_utf8(bytes) {
        Ok(s) if !s.contains('\0') => Ok((s.to_string(), as_)),
        Ok(_) => Err(ImportError::Binary),
        Err(_) => Err(ImportError::Malformed { encoding: as_ }),
    }
}

fn strict(
    enc: &'static Encoding,
    bytes: &[u8],
    as_: Detected,
) -> Result<(String, Detected), ImportError> {
    match enc.decode_without_bom_handling_and_without_replacement(bytes) {
        Some(s) if !s.contains('\0') => Ok((s.into_owned(), as_)),
        Some(_) => Err(ImportError::Binary),
        None => Err(ImportError::Malformed { encoding: as_ }),
    }
}

/// More than one character in twenty — and more than a few stray ones — is a control (other
/// than line breaks and tabs), a private-use character or a replacement character: not a text
/// anyone wrote.
fn looks_garbled(s: &str) -> bool {
    let mut total = 0usize;
    let mut bad = 0usize;
    for c in s.chars() {
        total += 1;
        let odd = match c {
            '\n' | '\r' | '\t' | '\u{c}' => false,
            '\u{FFFD}' => true,
            c if c.is_control() => true,
            c => matches!(c as u32, 0xE000..=0xF8FF | 0xF0000..=0x10FFFF),
        };
        if odd {
            bad += 1;
        }
    }
    bad > 16 && bad * 20 > total
}

#[cfg(test)]
mod tests {
    use super::*;

    const CAP: usize = 200_000;
    const TEXT: &str =
        "智慧港口场景聚焦先导区特色行业领域，紧密结合人工智能。\n第二段：AI 视频分析。";

    fn utf16(text: &str, le: bool) -> Vec<u8> {
        let mut v = if le {
            vec![0xFF, 0xFE]
        } else {
            vec![0xFE, 0xFF]
        };
        for u in text.encode_utf16() {
            v.extend(if le { u.to_le_bytes() } else { u.to_be_bytes() });
        }
        v
    }

    #[test]
    fn utf8_with_and_without_bom() {
        let r = decode(TEXT.as_bytes(), false, CAP).unwrap();
        assert_eq!((r.text.as_str(), r.encoding), (TEXT, Detected::Utf8));
        assert!(!r.changes.changed());
        let mut bom = b"\xEF\xBB\xBF".to_vec();
        bom.extend_from_slice(TEXT.as_bytes());
        let r = decode(&bom, false, CAP).unwrap();
        assert_eq!((r.text.as_str(), r.encoding), (TEXT, Detected::Utf8Bom));
    }

    #[test]
    fn utf16_both_orders_with_bom() {
        for (le, want) in [(true, Detected::Utf16Le), (false, Detected::Utf16Be)] {
            let r = decode(&utf16(TEXT, le), false, CAP).unwrap();
            assert_eq!((r.text.as_str(), r.encoding), (TEXT, want));
        }
        // A truncated UTF-16 file (odd length) is refused, not patched.
        let mut bad = utf16(TEXT, true);
        bad.pop();
        assert_eq!(
            decode(&bad, false, CAP),
            Err(ImportError::Malformed {
                encoding: Detected::Utf16Le
            })
        );
    }

    #[test]
    fn gbk_from_notepad_is_read_as_gb18030() {
        let crlf = TEXT.replace('\n', "\r\n");
        let (bytes, _, _) = GB18030.encode(&crlf);
        assert!(std::str::from_utf8(&bytes).is_err());
        let r = decode(&bytes, false, CAP).unwrap();
        assert_eq!(r.encoding, Detected::Gb18030);
        assert_eq!(r.text, TEXT);
        assert_eq!(r.changes.line_breaks, 1);
    }

    #[test]
    fn controls_are_removed_and_counted() {
        let r = decode("甲\u{7}乙\u{1b}丙".as_bytes(), false, CAP).unwrap();
        assert_eq!(r.text, "甲乙丙");
        assert_eq!((r.changes.controls, r.changes.escapes), (1, 1));
    }

    #[test]
    fn binary_and_garbage_are_refused() {
        let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01\0";
        assert_eq!(decode(png, false, CAP), Err(ImportError::Binary));
        // Bytes that look like no text: a pseudo-random stream without NULs.
        let mut x: u32 = 12345;
        let noise: Vec<u8> = (0..4000)
            .map(|_| {
                x = x.wrapping_mul(1_103_515_245).wrapping_add(12345);
                ((x >> 16) as u8).max(1)
            })
            .collect();
        assert!(decode(&noise, false, CAP).is_err());
    }

    #[test]
    fn over_the_cap_is_refused() {
        let long = "字".repeat(11);
        assert_eq!(
            decode(long.as_bytes(), false, 10),
            Err(ImportError::TooLong { chars: 11, cap: 10 })
        );
    }

    #[test]
    fn single_line_fields_get_spaces() {
        let r = decode("北京市\r\n海淀区\r\n".as_bytes(), true, CAP).unwrap();
        assert_eq!(r.text, "北京市 海淀区");
    }
}
