//! One story part (document.xml, footnotes.xml, a header…) turned into blocks, in one pass over
//! the XML events with a stack of open elements. What each element does to the text is decided
//! here: which text is the document's (runs of `w:t`, field results, inserted text, checked
//! controls), which is kept apart (text boxes, deleted text, field codes, placeholders) and which
//! is dropped (`mc:Fallback` copies, hidden runs, property-change history).

use super::styles::{Counters, StyleSheet, run_font};
use super::xml::{Ev, Ns, PartReader, attr, on};
use super::{Block, Cell, CheckControl, ControlKind, DocxError, Limits, Note, Para, Row, Story};
use super::{Table, VMerge};

/// What one part yielded.
#[derive(Debug, Default)]
pub struct Parsed {
    pub blocks: Story,
    pub text_boxes: Vec<Story>,
    pub notes: Vec<Note>,
    pub images: usize,
    pub tracked: bool,
}

pub const CHECKED: char = '☑';
pub const UNCHECKED: char = '☐';

enum Container {
    Story(Story),
    Note(String, Story),
    TextBox(Story),
    Table(Table),
    Row(Row),
    Cell(Cell),
}

#[derive(Default)]
struct ParaB {
    para: Para,
    style_id: Option<String>,
    num: Option<(String, u8)>,
    outline: Option<u8>,
    props_done: bool,
    chars: usize,
    visible: usize,
    bold_chars: usize,
}

#[derive(Default, Clone)]
struct RunState {
    bold: bool,
    vanish: bool,
    font: Option<String>,
}

struct Field {
    code: String,
    in_code: bool,
    checkbox: Option<bool>,
    checkbox_default: Option<bool>,
}

#[derive(Default)]
struct Sdt {
    placeholder: bool,
    checkbox: Option<bool>,
}

/// How an open element changes the reading; undone when it closes.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Frame {
    Plain,
    /// Everything inside is ignored (fallback copies, change history).
    Opaque,
    Para,
    Run,
    RunProps,
    ParaProps,
    Text,
    DelText,
    InstrText,
    Deleted,
    Container,
    TextBox,
    SdtProps,
    SdtContent {
        placeholder: bool,
        checkbox: bool,
    },
    Sdt,
    Note,
}

struct Parser<'s, 'b> {
    sheet: &'s StyleSheet,
    counters: &'s mut Counters,
    limits: &'s Limits,
    part: String,
    frames: Vec<(Ns, &'b [u8], Frame)>,
    containers: Vec<Container>,
    paras: Vec<ParaB>,
    run: RunState,
    fields: Vec<Field>,
    sdts: Vec<Sdt>,
    opaque: usize,
    deleted: usize,
    placeholder: usize,
    control_content: usize,
    pending_glyph: Option<(char, CheckControl)>,
    out: Parsed,
}

/// Parses one story part. Footnotes, endnotes and comments come back in `notes` by id
/// (separators left out); any other story in `blocks`.
pub fn parse(
    part: &str,
    bytes: &[u8],
    sheet: &StyleSheet,
    counters: &mut Counters,
    limits: &Limits,
) -> Result<Parsed, DocxError> {
    let mut r = PartReader::new(part, bytes, limits.depth);
    let mut p = Parser {
        sheet,
        counters,
        limits,
        part: part.to_string(),
        frames: Vec::new(),
        containers: vec![Container::Story(Vec::new())],
        paras: Vec::new(),
        run: RunState::default(),
        fields: Vec::new(),
        sdts: Vec::new(),
        opaque: 0,
        deleted: 0,
        placeholder: 0,
        control_content: 0,
        pending_glyph: None,
        out: Parsed::default(),
    };
    loop {
        match r.next()? {
            Ev::Start(ns, local, e) => {
                let frame = if p.opaque > 0 {
                    Frame::Opaque
                } else {
                    p.start(ns, local, &e, false)?
                };
                if frame == Frame::Opaque {
                    p.opaque += 1;
                }
                p.frames.push((ns, local, frame));
            }
            Ev::Empty(ns, local, e) => {
                if p.opaque == 0 {
                    let frame = p.start(ns, local, &e, true)?;
                    p.end(frame, ns, local);
                }
            }
            Ev::End(..) => {
                if let Some((ns, local, frame)) = p.frames.pop() {
                    if frame == Frame::Opaque {
                        p.opaque -= 1;
                    } else if p.opaque == 0 {
                        p.end(frame, ns, local);
                    }
                }
            }
            Ev::Text(t) => p.text(&t)?,
            Ev::Eof => break,
        }
    }
    while !p.paras.is_empty() {
        p.end_para();
    }
    while p.containers.len() > 1 {
        p.close_container();
    }
    if let Some(Container::Story(blocks)) = p.containers.pop() {
        p.out.blocks = blocks;
    }
    Ok(p.out)
}

/// Unicode for a character of a symbol font (Wingdings, Wingdings 2, Symbol), by its code in
/// that font (private-use `F0xx` codes are taken as `xx`).
pub fn symbol_char(font: &str, code: u32) -> Option<char> {
    let code = if (0xF000..=0xF0FF).contains(&code) {
        code - 0xF000
    } else {
        code
    };
    let f = font.trim().to_ascii_lowercase();
    match f.as_str() {
        "wingdings" => match code {
            0xFE => Some(CHECKED),
            0xFD | 0x78 => Some('☒'),
            0xFC => Some('✓'),
            0xFB => Some('✗'),
            0xA8 | 0x6F | 0x71 => Some(UNCHECKED),
            0x6E => Some('■'),
            _ => None,
        },
        "wingdings 2" => match code {
            0x52 => Some(CHECKED),
            0x53 | 0x54 | 0x51 => Some('☒'),
            0x50 => Some('✓'),
            0x4F => Some('✗'),
            0xA3 | 0x2A => Some(UNCHECKED),
            _ => None,
        },
        "symbol" => match code {
            0xD6 => Some('√'),
            _ => None,
        },
        _ => None,
    }
}

fn is_symbol_font(font: &str) -> bool {
    matches!(
        font.trim().to_ascii_lowercase().as_str(),
        "wingdings" | "wingdings 2" | "symbol"
    )
}

impl<'b> Parser<'_, 'b> {
    fn parent_is(&self, local: &[u8]) -> bool {
        self.frames
            .last()
            .is_some_and(|(ns, l, _)| *ns == Ns::W && *l == local)
    }

    fn in_frame(&self, f: Frame) -> bool {
        self.frames.iter().any(|(_, _, fr)| *fr == f)
    }

    fn start(
        &mut self,
        ns: Ns,
        local: &[u8],
        e: &quick_xml::events::BytesStart<'_>,
        empty: bool,
    ) -> Result<Frame, DocxError> {
        match ns {
            Ns::Mc if local == b"Fallback" => return Ok(Frame::Opaque),
            Ns::W14 => {
                match local {
                    b"checkbox" if self.in_frame(Frame::SdtProps) => {
                        if let Some(s) = self.sdts.last_mut() {
                            s.checkbox.get_or_insert(false);
                        }
                    }
                    b"checked" if self.in_frame(Frame::SdtProps) => {
                        if let Some(s) = self.sdts.last_mut() {
                            s.checkbox =
                                Some(matches!(attr(e, b"val").as_deref(), Some("1" | "true")));
                        }
                    }
                    _ => {}
                }
                return Ok(Frame::Plain);
            }
            Ns::Drawing if local == b"blip" => {
                self.out.images += 1;
                return Ok(Frame::Plain);
            }
            Ns::V if local == b"imagedata" => {
                self.out.images += 1;
                return Ok(Frame::Plain);
            }
            Ns::W => {}
            _ => return Ok(Frame::Plain),
        }
        if self.in_frame(Frame::SdtProps) {
            if local == b"showingPlcHdr"
                && on(e)
                && let Some(s) = self.sdts.last_mut()
            {
                s.placeholder = true;
            }
            return Ok(Frame::Plain);
        }
        let frame = match local {
            b"rPrChange" | b"pPrChange" | b"sectPrChange" | b"tblPrChange" | b"tcPrChange"
            | b"trPrChange" | b"tblGridChange" | b"numberingChange" => {
                self.out.tracked = true;
                Frame::Opaque
            }
            b"footnote" | b"endnote" | b"comment" => {
                let kind = attr(e, b"type").unwrap_or_default();
                if kind.contains("eparator") || kind == "continuationNotice" {
                    Frame::Opaque
                } else {
                    let id = attr(e, b"id").unwrap_or_default();
                    self.containers.push(Container::Note(id, Vec::new()));
                    Frame::Note
                }
            }
            b"p" => {
                let mut b = ParaB {
                    style_id: self.sheet.default_para().map(str::to_string),
                    ..ParaB::default()
                };
                if let Some((g, c)) = self.pending_glyph.take() {
                    b.para.text.push(g);
                    b.para.controls.push(c);
                }
                self.paras.push(b);
                Frame::Para
            }
            b"pPr" if self.parent_is(b"p") => Frame::ParaProps,
            b"pStyle" if self.parent_is(b"pPr") => {
                if let Some(b) = self.paras.last_mut() {
                    b.style_id = attr(e, b"val");
                }
                Frame::Plain
            }
            b"numId" if self.in_frame(Frame::ParaProps) => {
                if let Some(b) = self.paras.last_mut() {
                    let id = attr(e, b"val").unwrap_or_default();
                    let lvl = b.num.as_ref().map(|n| n.1).unwrap_or(0);
                    b.num = Some((id, lvl));
                }
                Frame::Plain
            }
            b"ilvl" if self.in_frame(Frame::ParaProps) => {
                if let Some(b) = self.paras.last_mut() {
                    let lvl = attr(e, b"val").and_then(|v| v.parse().ok()).unwrap_or(0);
                    let id = b.num.take().map(|n| n.0).unwrap_or_default();
                    b.num = Some((id, lvl));
                }
                Frame::Plain
            }
            b"outlineLvl" if self.parent_is(b"pPr") => {
                if let Some(b) = self.paras.last_mut() {
                    b.outline = attr(e, b"val").and_then(|v| v.parse().ok());
                }
                Frame::Plain
            }
            b"r" => {
                self.finish_props();
                let style = self.para_style();
                self.run = RunState {
                    bold: style.bold,
                    vanish: style.vanish,
                    font: style.font,
                };
                Frame::Run
            }
            b"rPr" if self.parent_is(b"r") => Frame::RunProps,
            b"rStyle" if self.parent_is(b"rPr") && self.in_frame(Frame::RunProps) => {
                let s = self.sheet.resolve(attr(e, b"val").as_deref());
                self.run.bold |= s.bold;
                self.run.vanish |= s.vanish;
                if s.font.is_some() {
                    self.run.font = s.font;
                }
                Frame::Plain
            }
            b"b" if self.parent_is(b"rPr") && self.in_frame(Frame::RunProps) => {
                self.run.bold = on(e);
                Frame::Plain
            }
            b"vanish" | b"specVanish"
                if self.parent_is(b"rPr") && self.in_frame(Frame::RunProps) =>
            {
                self.run.vanish = on(e);
                Frame::Plain
            }
            b"rFonts" if self.parent_is(b"rPr") && self.in_frame(Frame::RunProps) => {
                if let Some(f) = run_font(e) {
                    self.run.font = Some(f);
                }
                Frame::Plain
            }
            b"t" if !empty => Frame::Text,
            b"delText" if !empty => Frame::DelText,
            b"instrText" | b"delInstrText" if !empty => Frame::InstrText,
            b"tab" if self.parent_is(b"r") => {
                self.push_text("\t");
                Frame::Plain
            }
            b"br" | b"cr" if self.parent_is(b"r") => {
                self.push_text("\n");
                Frame::Plain
            }
            b"noBreakHyphen" if self.parent_is(b"r") => {
                self.push_text("-");
                Frame::Plain
            }
            b"sym" if self.parent_is(b"r") => {
                let font = attr(e, b"font").unwrap_or_default();
                let code = attr(e, b"char").and_then(|c| u32::from_str_radix(&c, 16).ok());
                if let Some(c) = code.and_then(|c| symbol_char(&font, c)) {
                    self.push_text(&c.to_string());
                } else if let Some(c) = code.and_then(char::from_u32) {
                    self.push_text(&c.to_string());
                }
                Frame::Plain
            }
            b"ins" | b"moveTo" => {
                self.out.tracked = true;
                Frame::Plain
            }
            b"del" | b"moveFrom" if !self.parent_is(b"rPr") && !self.parent_is(b"trPr") => {
                self.out.tracked = true;
                if empty { Frame::Plain } else { Frame::Deleted }
            }
            b"fldChar" => {
                match attr(e, b"fldCharType").as_deref() {
                    Some("begin") => self.fields.push(Field {
                        code: String::new(),
                        in_code: true,
                        checkbox: None,
                        checkbox_default: None,
                    }),
                    Some("separate") => {
                        if let Some(f) = self.fields.last_mut() {
                            f.in_code = false;
                        }
                    }
                    Some("end") => self.end_field(),
                    _ => {}
                }
                Frame::Plain
            }
            b"default" if self.in_checkbox_ffdata() => {
                if let Some(f) = self.fields.last_mut() {
                    f.checkbox_default = Some(on(e));
                }
                Frame::Plain
            }
            b"checked" if self.in_checkbox_ffdata() => {
                if let Some(f) = self.fields.last_mut() {
                    f.checkbox = Some(on(e));
                }
                Frame::Plain
            }
            b"fldSimple" => {
                let code = attr(e, b"instr").unwrap_or_default();
                self.note_field_code(code.trim());
                Frame::Plain
            }
            b"footnoteReference" | b"endnoteReference" | b"commentReference" => {
                let id = attr(e, b"id").unwrap_or_default();
                if let Some(b) = self.paras.last_mut() {
                    match local {
                        b"footnoteReference" => b.para.footnote_refs.push(id),
                        b"endnoteReference" => b.para.endnote_refs.push(id),
                        _ => b.para.comment_refs.push(id),
                    }
                }
                Frame::Plain
            }
            b"txbxContent" => {
                self.containers.push(Container::TextBox(Vec::new()));
                Frame::TextBox
            }
            b"tbl" => {
                self.containers.push(Container::Table(Table::default()));
                Frame::Container
            }
            b"tr" if matches!(self.containers.last(), Some(Container::Table(_))) => {
                self.containers.push(Container::Row(Row::default()));
                Frame::Container
            }
            b"tc" if matches!(self.containers.last(), Some(Container::Row(_))) => {
                self.containers.push(Container::Cell(Cell {
                    span: 1,
                    ..Cell::default()
                }));
                Frame::Container
            }
            b"gridSpan" if self.parent_is(b"tcPr") => {
                if let Some(Container::Cell(c)) = self.containers.last_mut() {
                    c.span = attr(e, b"val")
                        .and_then(|v| v.parse().ok())
                        .unwrap_or(1)
                        .max(1);
                }
                Frame::Plain
            }
            b"vMerge" if self.parent_is(b"tcPr") => {
                if let Some(Container::Cell(c)) = self.containers.last_mut() {
                    c.vmerge = match attr(e, b"val").as_deref() {
                        Some("restart") => VMerge::Restart,
                        _ => VMerge::Continue,
                    };
                }
                Frame::Plain
            }
            b"sdt" => {
                self.sdts.push(Sdt::default());
                Frame::Sdt
            }
            b"sdtPr" => Frame::SdtProps,
            b"sdtContent" => {
                let (placeholder, checkbox) = match self.sdts.last() {
                    Some(s) => (s.placeholder && s.checkbox.is_none(), s.checkbox),
                    None => (false, None),
                };
                if let Some(checked) = checkbox {
                    let glyph = if checked { CHECKED } else { UNCHECKED };
                    let control = CheckControl {
                        kind: ControlKind::ContentControl,
                        checked,
                    };
                    if self.visible_now() {
                        if self.paras.is_empty() {
                            self.pending_glyph = Some((glyph, control));
                        } else {
                            self.push_text(&glyph.to_string());
                            if let Some(b) = self.paras.last_mut() {
                                b.para.controls.push(control);
                            }
                        }
                    }
                    self.control_content += 1;
                }
                if placeholder {
                    self.placeholder += 1;
                }
                Frame::SdtContent {
                    placeholder,
                    checkbox: checkbox.is_some(),
                }
            }
            _ => Frame::Plain,
        };
        if frame == Frame::Deleted {
            self.deleted += 1;
        }
        Ok(frame)
    }

    fn in_checkbox_ffdata(&self) -> bool {
        self.parent_is(b"checkBox")
            && self
                .frames
                .iter()
                .any(|(ns, l, _)| *ns == Ns::W && *l == b"ffData")
    }

    fn end(&mut self, frame: Frame, _ns: Ns, _local: &[u8]) {
        match frame {
            Frame::Para => self.end_para(),
            Frame::Run => self.run = RunState::default(),
            Frame::ParaProps => self.finish_props(),
            Frame::Container | Frame::TextBox | Frame::Note => self.close_container(),
            Frame::Deleted => self.deleted = self.deleted.saturating_sub(1),
            Frame::Sdt => {
                self.sdts.pop();
            }
            Frame::SdtContent {
                placeholder,
                checkbox,
            } => {
                if placeholder {
                    self.placeholder = self.placeholder.saturating_sub(1);
                }
                if checkbox {
                    self.control_content = self.control_content.saturating_sub(1);
                }
            }
            _ => {}
        }
    }

    fn para_style(&self) -> super::styles::Resolved {
        let id = self.paras.last().and_then(|b| b.style_id.as_deref());
        self.sheet.resolve(id)
    }

    /// Settles the paragraph's style, outline level and list label (once, in document order).
    fn finish_props(&mut self) {
        let Some(b) = self.paras.last() else {
            return;
        };
        if b.props_done {
            return;
        }
        let style = self.sheet.resolve(b.style_id.as_deref());
        let b = self.paras.last_mut().expect("checked above");
        b.props_done = true;
        b.para.style = style.name.clone();
        let outline = b.outline.or(style.outline).filter(|l| *l < 9);
        b.para.outline = outline;
        let name = style.name.as_deref().unwrap_or("").to_lowercase();
        if name == "caption" || name == "题注" {
            b.para.caption = true;
        }
        let num = match &b.num {
            Some((id, lvl)) if !id.is_empty() => Some((id.clone(), *lvl)),
            Some(_) | None => style.num.clone(),
        };
        if let Some((id, lvl)) = num {
            let label = self.sheet.next_label(self.counters, &id, lvl);
            if let Some(b) = self.paras.last_mut() {
                b.para.label = label.filter(|l| !l.is_empty());
            }
        }
    }

    fn end_para(&mut self) {
        self.finish_props();
        let Some(b) = self.paras.pop() else {
            return;
        };
        let mut para = b.para;
        para.bold = b.visible > 0 && b.bold_chars == b.visible;
        self.add_block(Block::Para(para));
    }

    fn add_block(&mut self, block: Block) {
        match self.containers.last_mut() {
            Some(Container::Story(v))
            | Some(Container::Note(_, v))
            | Some(Container::TextBox(v)) => v.push(block),
            Some(Container::Cell(c)) => c.blocks.push(block),
            // Text directly in a table or row is not valid WordprocessingML; Word drops it too.
            _ => {}
        }
    }

    fn close_container(&mut self) {
        let Some(c) = self.containers.pop() else {
            return;
        };
        match c {
            Container::Story(v) => self.containers.push(Container::Story(v)),
            Container::Note(id, blocks) => self.out.notes.push(Note { id, blocks }),
            Container::TextBox(v) => {
                let idx = self.out.text_boxes.len();
                self.out.text_boxes.push(v);
                if let Some(b) = self.paras.last_mut() {
                    b.para.text_boxes.push(idx);
                }
            }
            Container::Table(t) => self.add_block(Block::Table(t)),
            Container::Row(r) => {
                if let Some(Container::Table(t)) = self.containers.last_mut() {
                    t.rows.push(r);
                }
            }
            Container::Cell(cell) => {
                if let Some(Container::Row(r)) = self.containers.last_mut() {
                    r.cells.push(cell);
                }
            }
        }
    }

    fn end_field(&mut self) {
        let Some(f) = self.fields.pop() else {
            return;
        };
        let code = f.code.trim().to_string();
        self.note_field_code(&code);
        if code.split_whitespace().next() == Some("FORMCHECKBOX") && self.visible_now() {
            let checked = f.checkbox.or(f.checkbox_default).unwrap_or(false);
            self.push_text(&(if checked { CHECKED } else { UNCHECKED }).to_string());
            if let Some(b) = self.paras.last_mut() {
                b.para.controls.push(CheckControl {
                    kind: ControlKind::FormField,
                    checked,
                });
            }
        }
    }

    fn note_field_code(&mut self, code: &str) {
        if code.is_empty() {
            return;
        }
        if let Some(b) = self.paras.last_mut() {
            if code.split_whitespace().next() == Some("SEQ") {
                b.para.caption = true;
            }
            b.para.field_codes.push(code.to_string());
        }
    }

    /// Whether text reached now belongs to the document's visible text (not deleted, not a
    /// field code, not a placeholder, not a control's own glyph).
    fn visible_now(&self) -> bool {
        self.deleted == 0
            && self.placeholder == 0
            && self.control_content == 0
            && !self.fields.iter().any(|f| f.in_code)
    }

    fn text(&mut self, t: &str) -> Result<(), DocxError> {
        if self.opaque > 0 {
            return Ok(());
        }
        let Some(&(_, _, frame)) = self.frames.last() else {
            return Ok(());
        };
        match frame {
            Frame::InstrText => {
                if let Some(f) = self.fields.last_mut()
                    && f.code.len() < 4096
                {
                    f.code.push_str(t);
                }
            }
            Frame::DelText => {
                if let Some(b) = self.paras.last_mut() {
                    b.para.deleted.push_str(t);
                }
            }
            Frame::Text => {
                if self.deleted > 0 {
                    if let Some(b) = self.paras.last_mut() {
                        b.para.deleted.push_str(t);
                    }
                } else if self.placeholder > 0 {
                    if let Some(b) = self.paras.last_mut() {
                        b.para
                            .placeholder
                            .get_or_insert_with(String::new)
                            .push_str(t);
                    }
                } else if self.visible_now() && !self.run.vanish {
                    let mapped;
                    let text = match self.run.font.as_deref() {
                        Some(font) if is_symbol_font(font) => {
                            mapped = t
                                .chars()
                                .map(|c| symbol_char(font, c as u32).unwrap_or(c))
                                .collect::<String>();
                            mapped.as_str()
                        }
                        _ => t,
                    };
                    self.push_text(text);
                }
            }
            _ => return Ok(()),
        }
        self.check_size()
    }

    fn push_text(&mut self, t: &str) {
        if !self.visible_now() || self.run.vanish {
            return;
        }
        let bold = self.run.bold;
        if let Some(b) = self.paras.last_mut() {
            b.para.text.push_str(t);
            let n = t.chars().count();
            b.chars += n;
            let visible = t.chars().filter(|c| !c.is_whitespace()).count();
            b.visible += visible;
            if bold {
                b.bold_chars += visible;
            }
        }
    }

    fn check_size(&self) -> Result<(), DocxError> {
        if let Some(b) = self.paras.last()
            && (b.chars > self.limits.paragraph
                || b.para.deleted.len() > self.limits.paragraph * 4
                || b.para
                    .placeholder
                    .as_ref()
                    .is_some_and(|p| p.len() > self.limits.paragraph * 4))
        {
            return Err(DocxError::HugeParagraph {
                part: self.part.clone(),
                cap: self.limits.paragraph,
            });
        }
        Ok(())
    }
}
