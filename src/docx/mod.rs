//! Reading a received Word document (.docx) as hostile input: the package ([`package`]: zip
//! limits, part lookup, telling a .docx from an .xlsx, a .doc or an encrypted file), the styles
//! and numbering ([`styles`]: style names, outline levels, computed list labels such as `（一）`),
//! and the stories ([`story`]: paragraphs, tables, captions, and kept apart text boxes, notes,
//! comments, headers and footers). Pure: bytes or any `Read + Seek` in, a [`Document`] out; no
//! terminal, no file system, no knowledge of forms (matching a document to a form is done by
//! `review::docx_match`). Images are never read, let alone decoded.
//!
//! The text is the document as it reads with tracked changes accepted: inserted text kept,
//! deleted and moved-away text dropped (and counted apart), field results kept and field codes
//! dropped, hidden text skipped, content-control placeholders left out. Symbol-font glyphs
//! (Wingdings `þ`, a `w:sym` F0FE) read as the Unicode character they show (`☑`); a checked
//! `w14:checkbox` or legacy FORMCHECKBOX reads as `☑`, an unchecked one as `☐`. Typed glyphs are
//! left as typed: what a tick means is the matcher's business.

pub mod msg;
pub mod package;
pub mod story;
pub mod styles;
mod xml;

use std::io::{Read, Seek};

pub use package::{Limits, Sniffed, sniff};

/// Why a file could not be read as a Word document.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DocxError {
    /// An OLE compound file holding a Word 97–2003 (.doc) or Kingsoft WPS (.wps) document.
    #[error("legacy binary Word document")]
    LegacyDoc,
    /// An OLE compound file holding an encrypted (password-protected) Office document.
    #[error("encrypted document")]
    Encrypted,
    /// A zip package of another kind (an Excel workbook, a PowerPoint deck, an OpenDocument file).
    #[error("not a Word document but {0:?}")]
    OtherPackage(OtherPackage),
    /// Neither a zip nor an OLE file, or a zip without a main document part.
    #[error("not a .docx")]
    NotDocx,
    /// The zip structure is broken (truncated, bad headers).
    #[error("broken zip: {0}")]
    BadZip(String),
    /// A part's XML is not well formed; `part` names it.
    #[error("bad XML in {part}: {detail}")]
    BadXml { part: String, detail: String },
    /// A part larger than the per-part cap when uncompressed.
    #[error("part {part} too large")]
    PartTooLarge { part: String, cap: u64 },
    /// All parts read together exceed the total cap.
    #[error("document too large")]
    TotalTooLarge { cap: u64 },
    /// A part that inflates far more than real documents do (a zip bomb).
    #[error("part {part} compression ratio too high")]
    Ratio { part: String, ratio: u64 },
    /// More zip entries than any real document has.
    #[error("too many zip entries")]
    TooManyEntries { count: usize, cap: usize },
    /// An entry name that climbs out of the package (`../x`, `/etc/x`, `C:\x`).
    #[error("unsafe entry name")]
    UnsafeName(String),
    /// XML nested deeper than the cap.
    #[error("XML nested too deep in {part}")]
    TooDeep { part: String, cap: usize },
    /// One paragraph longer than the cap (characters).
    #[error("paragraph too long in {part}")]
    HugeParagraph { part: String, cap: usize },
    /// A document type declaration: Word never writes one, and entities are never expanded.
    #[error("DTD in {part}")]
    Dtd { part: String },
    /// The package is encrypted at the zip level or uses a compression method we do not read.
    #[error("unsupported zip feature: {0}")]
    Unsupported(String),
}

/// Zip packages that are Office files but not Word documents.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OtherPackage {
    Xlsx,
    Pptx,
    OpenDocument,
}

/// A whole document: the body in reading order and the stories kept apart from it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Document {
    /// The main story: paragraphs and tables, in order.
    pub body: Vec<Block>,
    /// Text boxes, in the order of their anchors; paragraphs point at them by index.
    pub text_boxes: Vec<Story>,
    pub footnotes: Vec<Note>,
    pub endnotes: Vec<Note>,
    pub comments: Vec<Note>,
    pub headers: Vec<Story>,
    pub footers: Vec<Story>,
    /// Images referenced (counted from the drawings; never read).
    pub images: usize,
    /// Tracked changes were present (and accepted in the text).
    pub tracked_changes: bool,
}

/// Paragraphs and tables of one story (a text box, a note, a header).
pub type Story = Vec<Block>;

/// A footnote, endnote or comment, by its id in the document.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Note {
    pub id: String,
    pub blocks: Story,
}

// Paragraphs are nearly every block: boxing them would cost an allocation each to save space
// only on the rare table.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    Para(Para),
    Table(Table),
}

/// One paragraph.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Para {
    /// The text as it reads (tabs as `\t`, breaks as `\n`), check marks made uniform.
    pub text: String,
    /// Style name (`heading 2`, `Caption`, or the id when the style has no name).
    pub style: Option<String>,
    /// Outline level 0–8 from the paragraph or its style (`heading 1` is 0).
    pub outline: Option<u8>,
    /// The list label Word shows in front of the text, computed from numbering.xml (`（一）`).
    pub label: Option<String>,
    /// Every visible character is bold.
    pub bold: bool,
    /// A caption (Caption style or a SEQ field).
    pub caption: bool,
    /// Text of content-control placeholders shown in this paragraph (not part of `text`).
    pub placeholder: Option<String>,
    /// Indexes into [`Document::text_boxes`] anchored here.
    pub text_boxes: Vec<usize>,
    /// Ids of footnotes, endnotes and comments referenced here.
    pub footnote_refs: Vec<String>,
    pub endnote_refs: Vec<String>,
    pub comment_refs: Vec<String>,
    /// Deleted or moved-away text of tracked changes (not part of `text`).
    pub deleted: String,
    /// Field codes (`SEQ 图 \* ARABIC`, `PAGE`), never part of `text`.
    pub field_codes: Vec<String>,
    /// Check boxes that were controls or fields rather than typed glyphs.
    pub controls: Vec<CheckControl>,
}

/// A check box that is a content control or a legacy form field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CheckControl {
    pub kind: ControlKind,
    pub checked: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ControlKind {
    /// `w14:checkbox` content control.
    ContentControl,
    /// Legacy `FORMCHECKBOX` field.
    FormField,
}

/// A table: rows of cells; merged cells keep their merge marks.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Table {
    pub rows: Vec<Row>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Row {
    pub cells: Vec<Cell>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Cell {
    pub blocks: Story,
    /// Grid columns spanned (`gridSpan`), at least 1.
    pub span: u32,
    pub vmerge: VMerge,
}

/// Vertical merge state of a cell.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum VMerge {
    #[default]
    None,
    /// The first cell of a vertical merge.
    Restart,
    /// A cell covered by the one above (its content is empty in Word's view).
    Continue,
}

impl Cell {
    /// The cell's text: its paragraphs joined by newlines (nested tables row by row).
    pub fn text(&self) -> String {
        story_text(&self.blocks)
    }
}

impl Block {
    /// Every paragraph of the block, in order, nested tables included.
    pub fn paras(&self) -> Vec<&Para> {
        let mut out = Vec::new();
        collect_paras(self, &mut out);
        out
    }
}

fn collect_paras<'a>(b: &'a Block, out: &mut Vec<&'a Para>) {
    match b {
        Block::Para(p) => out.push(p),
        Block::Table(t) => {
            for cell in t.rows.iter().flat_map(|r| &r.cells) {
                for b in &cell.blocks {
                    collect_paras(b, out);
                }
            }
        }
    }
}

/// The text of a story, paragraphs joined by newlines.
pub fn story_text(blocks: &[Block]) -> String {
    let mut parts = Vec::new();
    for b in blocks {
        for p in b.paras() {
            parts.push(p.text.as_str());
        }
    }
    parts.join("\n")
}

impl Document {
    /// The text of a footnote by id (empty when unknown).
    pub fn footnote_text(&self, id: &str) -> String {
        note_text(&self.footnotes, id)
    }

    pub fn endnote_text(&self, id: &str) -> String {
        note_text(&self.endnotes, id)
    }

    pub fn comment_text(&self, id: &str) -> String {
        note_text(&self.comments, id)
    }
}

fn note_text(notes: &[Note], id: &str) -> String {
    notes
        .iter()
        .find(|n| n.id == id)
        .map(|n| story_text(&n.blocks))
        .unwrap_or_default()
}

/// Reads a document from an open file or a byte cursor, within `limits`.
pub fn read<R: Read + Seek>(reader: R, limits: &Limits) -> Result<Document, DocxError> {
    let mut pkg = package::Package::open(reader, limits)?;
    let styles_xml = pkg.optional_part(package::Rel::Styles)?;
    let numbering_xml = pkg.optional_part(package::Rel::Numbering)?;
    let sheet = styles::StyleSheet::parse(
        styles_xml.as_ref().map(|(n, b)| (n.as_str(), b.as_slice())),
        numbering_xml
            .as_ref()
            .map(|(n, b)| (n.as_str(), b.as_slice())),
        limits,
    )?;
    let (main_name, main) = pkg.main_part()?;
    let mut doc = Document::default();
    let mut numbering = styles::Counters::default();
    let body = story::parse(&main_name, &main, &sheet, &mut numbering, limits)?;
    doc.body = body.blocks;
    doc.text_boxes = body.text_boxes;
    doc.images = body.images;
    doc.tracked_changes = body.tracked;
    for rel in [
        package::Rel::Footnotes,
        package::Rel::Endnotes,
        package::Rel::Comments,
    ] {
        if let Some((name, bytes)) = pkg.optional_part(rel)? {
            let parsed = story::parse(&name, &bytes, &sheet, &mut numbering, limits)?;
            doc.tracked_changes |= parsed.tracked;
            match rel {
                package::Rel::Footnotes => doc.footnotes = parsed.notes,
                package::Rel::Endnotes => doc.endnotes = parsed.notes,
                _ => doc.comments = parsed.notes,
            }
        }
    }
    for (name, bytes, is_header) in pkg.headers_footers()? {
        let parsed = story::parse(&name, &bytes, &sheet, &mut numbering, limits)?;
        let mut blocks = parsed.blocks;
        for tb in parsed.text_boxes {
            blocks.extend(tb);
        }
        if is_header {
            doc.headers.push(blocks);
        } else {
            doc.footers.push(blocks);
        }
    }
    Ok(doc)
}

/// [`read`] on bytes in memory.
pub fn read_bytes(bytes: &[u8], limits: &Limits) -> Result<Document, DocxError> {
    read(std::io::Cursor::new(bytes), limits)
}
