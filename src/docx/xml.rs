//! Shared XML plumbing for the parts: namespace classes (transitional and Strict alike), attribute
//! access by local name, and the guards every part gets (no DTD, nesting depth).

use std::borrow::Cow;

use quick_xml::NsReader;
use quick_xml::events::{BytesStart, Event};
use quick_xml::name::ResolveResult;

use super::DocxError;

/// The namespaces the reader cares about; everything else is `Other`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ns {
    /// WordprocessingML main (transitional or Strict).
    W,
    /// Word 2010 extensions (`w14:checkbox`).
    W14,
    /// Markup compatibility (`mc:AlternateContent`).
    Mc,
    /// VML (`v:textbox`, `v:imagedata`), legacy drawings.
    V,
    /// DrawingML pictures and wordprocessing drawings.
    Drawing,
    Other,
}

pub fn classify(ns: &ResolveResult) -> Ns {
    let ResolveResult::Bound(n) = ns else {
        return Ns::Other;
    };
    match n.as_ref() {
        b"http://schemas.openxmlformats.org/wordprocessingml/2006/main"
        | b"http://purl.oclc.org/ooxml/wordprocessingml/main" => Ns::W,
        b"http://schemas.microsoft.com/office/word/2010/wordml" => Ns::W14,
        b"http://schemas.openxmlformats.org/markup-compatibility/2006" => Ns::Mc,
        b"urn:schemas-microsoft-com:vml" => Ns::V,
        b"http://schemas.openxmlformats.org/drawingml/2006/picture"
        | b"http://purl.oclc.org/ooxml/drawingml/picture"
        | b"http://schemas.openxmlformats.org/drawingml/2006/main"
        | b"http://purl.oclc.org/ooxml/drawingml/main" => Ns::Drawing,
        _ => Ns::Other,
    }
}

/// The value of the attribute with this local name (any prefix), unescaped.
pub fn attr(e: &BytesStart, local: &[u8]) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == local)
        .map(|a| attr_value(&a.value))
}

/// An attribute's raw bytes as text, entities and character references resolved.
pub fn attr_value(raw: &[u8]) -> String {
    let s = String::from_utf8_lossy(raw);
    match quick_xml::escape::unescape(&s) {
        Ok(v) => v.into_owned(),
        Err(_) => s.into_owned(),
    }
}

/// An on/off property (`<w:b/>`, `<w:b w:val="0"/>`): on unless its value says off.
pub fn on(e: &BytesStart) -> bool {
    !matches!(
        attr(e, b"val").as_deref(),
        Some("0" | "false" | "off" | "none")
    )
}

/// One event, namespace-resolved, borrowing from the part's bytes: the element's class and
/// local name, and the event itself. Nothing is copied per event (a document has tens of
/// thousands of them, and checking a folder reads every one).
pub enum Ev<'a> {
    Start(Ns, &'a [u8], BytesStart<'a>),
    Empty(Ns, &'a [u8], BytesStart<'a>),
    End(Ns, &'a [u8]),
    Text(Cow<'a, str>),
    Eof,
}

/// A namespace-aware reader over one part with the depth and DTD guards.
pub struct PartReader<'a> {
    reader: NsReader<&'a [u8]>,
    bytes: &'a [u8],
    part: String,
    depth: usize,
    max_depth: usize,
}

impl<'a> PartReader<'a> {
    pub fn new(part: &str, bytes: &'a [u8], max_depth: usize) -> PartReader<'a> {
        let mut reader = NsReader::from_reader(bytes);
        reader.config_mut().check_end_names = true;
        PartReader {
            reader,
            bytes,
            part: part.to_string(),
            depth: 0,
            max_depth,
        }
    }

    /// `sub`, a name the reader borrowed from the part, as a slice of the part itself (so it
    /// outlives the event it came with).
    fn in_part(&self, sub: &[u8]) -> Result<&'a [u8], DocxError> {
        let base = self.bytes.as_ptr() as usize;
        let at = (sub.as_ptr() as usize).wrapping_sub(base);
        self.bytes
            .get(at..at.wrapping_add(sub.len()))
            .filter(|own| *own == sub)
            .ok_or_else(|| bad(&self.part, "tag copied"))
    }

    pub fn next(&mut self) -> Result<Ev<'a>, DocxError> {
        loop {
            let (ns, ev) = self
                .reader
                .read_resolved_event()
                .map_err(|e| DocxError::BadXml {
                    part: self.part.clone(),
                    detail: e.to_string(),
                })?;
            let class = classify(&ns);
            return match ev {
                Event::Start(e) => {
                    self.depth += 1;
                    if self.depth > self.max_depth {
                        return Err(DocxError::TooDeep {
                            part: self.part.clone(),
                            cap: self.max_depth,
                        });
                    }
                    let local = self.in_part(e.local_name().as_ref())?;
                    Ok(Ev::Start(class, local, e))
                }
                Event::Empty(e) => {
                    let local = self.in_part(e.local_name().as_ref())?;
                    Ok(Ev::Empty(class, local, e))
                }
                Event::End(e) => {
                    self.depth = self.depth.saturating_sub(1);
                    Ok(Ev::End(class, self.in_part(e.local_name().as_ref())?))
                }
                Event::Text(t) => Ok(Ev::Text(t.xml10_content().map_err(|e| bad(&self.part, e))?)),
                Event::CData(t) => Ok(Ev::Text(Cow::Owned(
                    String::from_utf8_lossy(&t.into_inner()).into_owned(),
                ))),
                Event::GeneralRef(r) => {
                    let text = match r.resolve_char_ref() {
                        Ok(Some(c)) => c.to_string(),
                        Ok(None) => match r.decode().map_err(|e| bad(&self.part, e))?.as_ref() {
                            "amp" => "&".into(),
                            "lt" => "<".into(),
                            "gt" => ">".into(),
                            "quot" => "\"".into(),
                            "apos" => "'".into(),
                            // No DTD is ever read, so no other entity has a meaning.
                            _ => continue,
                        },
                        Err(e) => return Err(bad(&self.part, e)),
                    };
                    Ok(Ev::Text(Cow::Owned(text)))
                }
                Event::DocType(_) => Err(DocxError::Dtd {
                    part: self.part.clone(),
                }),
                Event::Eof => Ok(Ev::Eof),
                _ => continue,
            };
        }
    }
}

fn bad(part: &str, detail: impl std::fmt::Display) -> DocxError {
    DocxError::BadXml {
        part: part.to_string(),
        detail: detail.to_string(),
    }
}
