//! The zip package of a .docx: telling it from other files by content, refusing hostile
//! packages (bombs, unsafe names, too many entries) before anything is inflated, and reading
//! the few XML parts the reader needs through the relationships, each under a size cap. Media
//! parts (photos) are never opened.

use std::collections::HashMap;
use std::io::{Read, Seek};

use zip::ZipArchive;
use zip::result::ZipError;

use super::{DocxError, OtherPackage};

/// Caps on what a document may make us read. The defaults are far above any real application
/// form and far below what would hurt a reviewer's machine.
#[derive(Debug, Clone)]
pub struct Limits {
    /// Largest uncompressed size of one XML part.
    pub part: u64,
    /// Largest uncompressed size of all parts read together.
    pub total: u64,
    /// Largest inflation ratio for a part bigger than [`Limits::ratio_floor`].
    pub ratio: u64,
    /// Parts smaller than this are not ratio-checked (tiny parts compress well).
    pub ratio_floor: u64,
    /// Most zip entries.
    pub entries: usize,
    /// Deepest XML element nesting.
    pub depth: usize,
    /// Longest paragraph, in characters.
    pub paragraph: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            part: 64 * 1024 * 1024,
            total: 128 * 1024 * 1024,
            ratio: 200,
            ratio_floor: 4 * 1024 * 1024,
            entries: 10_000,
            depth: 256,
            paragraph: 1_000_000,
        }
    }
}

/// What the first bytes of a file say it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sniffed {
    /// `PK\x03\x04` (or an empty zip): an Office Open XML package, perhaps a .docx.
    Zip,
    /// `D0 CF 11 E0 A1 B1 1A E1`: an OLE compound file (.doc, .wps, encrypted .docx, .xls).
    Ole,
    /// Anything else (a draft, a submission, plain text).
    Other,
}

pub const OLE_MAGIC: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// Tells the file type from its first bytes.
pub fn sniff(head: &[u8]) -> Sniffed {
    if head.starts_with(b"PK\x03\x04") || head.starts_with(b"PK\x05\x06") {
        Sniffed::Zip
    } else if head.starts_with(&OLE_MAGIC) {
        Sniffed::Ole
    } else {
        Sniffed::Other
    }
}

/// Tells an encrypted Office file from a binary Word document, from the OLE directory names
/// (UTF-16): `EncryptedPackage` marks the first, anything else (`WordDocument`) the second.
pub fn classify_ole(bytes: &[u8]) -> DocxError {
    let needle: Vec<u8> = "EncryptedPackage"
        .encode_utf16()
        .flat_map(|u| u.to_le_bytes())
        .collect();
    if bytes.windows(needle.len()).any(|w| w == needle.as_slice()) {
        DocxError::Encrypted
    } else {
        DocxError::LegacyDoc
    }
}

/// The relationships the reader follows from the main document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rel {
    Styles,
    Numbering,
    Footnotes,
    Endnotes,
    Comments,
}

impl Rel {
    /// The last segment of the relationship type URI (the same in transitional and Strict).
    fn suffix(self) -> &'static str {
        match self {
            Rel::Styles => "/styles",
            Rel::Numbering => "/numbering",
            Rel::Footnotes => "/footnotes",
            Rel::Endnotes => "/endnotes",
            Rel::Comments => "/comments",
        }
    }

    fn fallback(self) -> &'static str {
        match self {
            Rel::Styles => "word/styles.xml",
            Rel::Numbering => "word/numbering.xml",
            Rel::Footnotes => "word/footnotes.xml",
            Rel::Endnotes => "word/endnotes.xml",
            Rel::Comments => "word/comments.xml",
        }
    }
}

/// An opened package.
pub struct Package<R: Read + Seek> {
    zip: ZipArchive<R>,
    limits: Limits,
    /// Lower-cased entry name → index (some writers vary the case).
    names: HashMap<String, usize>,
    read_total: u64,
    main: String,
    /// Relationships of the main part: (type URI, resolved target).
    rels: Vec<(String, String)>,
}

fn zip_error(e: ZipError) -> DocxError {
    match e {
        ZipError::UnsupportedArchive(what) => DocxError::Unsupported(what.to_string()),
        ZipError::CompressionMethodNotSupported(m) => {
            DocxError::Unsupported(format!("compression method {m}"))
        }
        ZipError::InvalidPassword => DocxError::Unsupported("password".into()),
        other => DocxError::BadZip(other.to_string()),
    }
}

/// An entry name that would climb out of the package if anyone extracted it.
fn unsafe_name(name: &str) -> bool {
    let n = name.replace('\\', "/");
    n.starts_with('/')
        || n.split('/').any(|seg| seg == "..")
        || n.as_bytes().get(1) == Some(&b':')
        || n.contains('\0')
}

impl<R: Read + Seek> Package<R> {
    /// Opens the zip, checks every entry name and count, and finds the main document part.
    pub fn open(reader: R, limits: &Limits) -> Result<Package<R>, DocxError> {
        let zip = ZipArchive::new(reader).map_err(zip_error)?;
        if zip.len() > limits.entries {
            return Err(DocxError::TooManyEntries {
                count: zip.len(),
                cap: limits.entries,
            });
        }
        let mut names = HashMap::new();
        for i in 0..zip.len() {
            if let Some(name) = zip.name_for_index(i) {
                if unsafe_name(name) {
                    return Err(DocxError::UnsafeName(name.to_string()));
                }
                names.insert(name.to_lowercase(), i);
            }
        }
        let mut pkg = Package {
            zip,
            limits: limits.clone(),
            names,
            read_total: 0,
            main: String::new(),
            rels: Vec::new(),
        };
        pkg.main = pkg.find_main()?;
        let rels_name = rels_path(&pkg.main);
        if let Some(bytes) = pkg.read_if_present(&rels_name)? {
            pkg.rels = parse_rels(&rels_name, &bytes, &pkg.main)?;
        }
        Ok(pkg)
    }

    fn find_main(&mut self) -> Result<String, DocxError> {
        let mut main = None;
        if let Some(bytes) = self.read_if_present("_rels/.rels")? {
            for (ty, target) in parse_rels("_rels/.rels", &bytes, "")? {
                if ty.ends_with("/officeDocument") {
                    main = Some(target);
                    break;
                }
            }
        }
        let main = main
            .filter(|m| self.names.contains_key(&m.to_lowercase()))
            .or_else(|| {
                self.names
                    .contains_key("word/document.xml")
                    .then(|| "word/document.xml".to_string())
            });
        match main {
            Some(m) if m.to_lowercase().ends_with(".xml") && !m.starts_with("xl/") => Ok(m),
            _ => Err(self.not_docx()),
        }
    }

    /// What this zip is, given that it is not a Word document.
    fn not_docx(&self) -> DocxError {
        if self.names.contains_key("xl/workbook.xml") {
            DocxError::OtherPackage(OtherPackage::Xlsx)
        } else if self.names.contains_key("ppt/presentation.xml") {
            DocxError::OtherPackage(OtherPackage::Pptx)
        } else if self.names.contains_key("mimetype") && self.names.contains_key("content.xml") {
            DocxError::OtherPackage(OtherPackage::OpenDocument)
        } else {
            DocxError::NotDocx
        }
    }

    /// The main document part: its name and bytes.
    pub fn main_part(&mut self) -> Result<(String, Vec<u8>), DocxError> {
        let name = self.main.clone();
        match self.read_if_present(&name)? {
            Some(b) => Ok((name, b)),
            None => Err(DocxError::NotDocx),
        }
    }

    /// The part a relationship of the main document points to, if the package has it.
    pub fn optional_part(&mut self, rel: Rel) -> Result<Option<(String, Vec<u8>)>, DocxError> {
        let target = self
            .rels
            .iter()
            .find(|(ty, _)| ty.ends_with(rel.suffix()))
            .map(|(_, t)| t.clone())
            .unwrap_or_else(|| rel.fallback().to_string());
        Ok(self.read_if_present(&target)?.map(|b| (target, b)))
    }

    /// Every header and footer part: (name, bytes, is a header).
    pub fn headers_footers(&mut self) -> Result<Vec<(String, Vec<u8>, bool)>, DocxError> {
        let mut wanted: Vec<(String, bool)> = self
            .rels
            .iter()
            .filter_map(|(ty, t)| {
                if ty.ends_with("/header") {
                    Some((t.clone(), true))
                } else if ty.ends_with("/footer") {
                    Some((t.clone(), false))
                } else {
                    None
                }
            })
            .collect();
        wanted.dedup();
        let mut out = Vec::new();
        for (name, is_header) in wanted {
            if let Some(b) = self.read_if_present(&name)? {
                out.push((name, b, is_header));
            }
        }
        Ok(out)
    }

    /// Reads a part under the caps; `None` when the package has no such entry.
    fn read_if_present(&mut self, name: &str) -> Result<Option<Vec<u8>>, DocxError> {
        let Some(&index) = self.names.get(&name.to_lowercase()) else {
            return Ok(None);
        };
        let limits = self.limits.clone();
        let remaining = limits.total.saturating_sub(self.read_total);
        let mut file = self.zip.by_index(index).map_err(zip_error)?;
        let part = file.name().to_string();
        let declared = file.size();
        let compressed = file.compressed_size().max(1);
        if declared > limits.part {
            return Err(DocxError::PartTooLarge {
                part,
                cap: limits.part,
            });
        }
        if declared > remaining {
            return Err(DocxError::TotalTooLarge { cap: limits.total });
        }
        if declared > limits.ratio_floor && declared / compressed > limits.ratio {
            return Err(DocxError::Ratio {
                part,
                ratio: declared / compressed,
            });
        }
        // The declared size may lie: read at most one byte past the caps and check again.
        let cap = limits.part.min(remaining);
        let mut buf = Vec::with_capacity(declared.min(cap) as usize);
        (&mut file)
            .take(cap + 1)
            .read_to_end(&mut buf)
            .map_err(|e| DocxError::BadZip(format!("{part}: {e}")))?;
        let got = buf.len() as u64;
        if got > cap {
            return Err(if cap == limits.part {
                DocxError::PartTooLarge {
                    part,
                    cap: limits.part,
                }
            } else {
                DocxError::TotalTooLarge { cap: limits.total }
            });
        }
        if got > limits.ratio_floor && got / compressed > limits.ratio {
            return Err(DocxError::Ratio {
                part,
                ratio: got / compressed,
            });
        }
        self.read_total += got;
        Ok(Some(buf))
    }
}

/// `word/document.xml` → `word/_rels/document.xml.rels`.
fn rels_path(part: &str) -> String {
    match part.rsplit_once('/') {
        Some((dir, file)) => format!("{dir}/_rels/{file}.rels"),
        None => format!("_rels/{part}.rels"),
    }
}

/// Resolves a relationship target against the directory of its source part.
fn resolve_target(source: &str, target: &str) -> String {
    if let Some(abs) = target.strip_prefix('/') {
        return abs.to_string();
    }
    let mut parts: Vec<&str> = match source.rsplit_once('/') {
        Some((dir, _)) => dir.split('/').collect(),
        None => Vec::new(),
    };
    for seg in target.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    parts.join("/")
}

/// The (type, resolved target) of every internal relationship in a .rels part.
fn parse_rels(name: &str, bytes: &[u8], source: &str) -> Result<Vec<(String, String)>, DocxError> {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_reader(bytes);
    let mut buf = Vec::new();
    let mut out = Vec::new();
    loop {
        let ev = reader
            .read_event_into(&mut buf)
            .map_err(|e| DocxError::BadXml {
                part: name.to_string(),
                detail: e.to_string(),
            })?;
        match ev {
            Event::DocType(_) => {
                return Err(DocxError::Dtd {
                    part: name.to_string(),
                });
            }
            Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == b"Relationship" => {
                let mut ty = String::new();
                let mut target = String::new();
                let mut external = false;
                for a in e.attributes().flatten() {
                    let v = super::xml::attr_value(&a.value);
                    match a.key.local_name().as_ref() {
                        b"Type" => ty = v,
                        b"Target" => target = v,
                        b"TargetMode" => external = v == "External",
                        _ => {}
                    }
                }
                if !external && !target.is_empty() {
                    out.push((ty, resolve_target(source, &target)));
                }
            }
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_resolve_against_the_source_directory() {
        assert_eq!(
            resolve_target("word/document.xml", "styles.xml"),
            "word/styles.xml"
        );
        assert_eq!(
            resolve_target("word/document.xml", "../customXml/item1.xml"),
            "customXml/item1.xml"
        );
        assert_eq!(
            resolve_target("", "/word/document.xml"),
            "word/document.xml"
        );
        assert_eq!(
            rels_path("word/document.xml"),
            "word/_rels/document.xml.rels"
        );
    }

    #[test]
    fn unsafe_names_are_recognised() {
        for n in [
            "../evil.xml",
            "/etc/passwd",
            "word/../../x",
            "C:\\x",
            "a\\..\\..\\b",
        ] {
            assert!(unsafe_name(n), "{n}");
        }
        for n in [
            "word/document.xml",
            "word/media/image1..png",
            "[Content_Types].xml",
        ] {
            assert!(!unsafe_name(n), "{n}");
        }
    }

    #[test]
    fn files_are_told_by_their_first_bytes() {
        assert_eq!(sniff(b"PK\x03\x04rest"), Sniffed::Zip);
        assert_eq!(sniff(&OLE_MAGIC), Sniffed::Ole);
        assert_eq!(sniff(b"Draft("), Sniffed::Other);
        assert_eq!(sniff(b""), Sniffed::Other);
    }
}
