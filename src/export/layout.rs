//! The document model shared by Markdown, plain text and docx, so the three follow the same
//! order and headings (the template's): a cover (申报单位, 填报日期), then each section with its
//! part heading (二、详细情况) and title ((一) 场景简介); short fields as a label/value table
//! (一、基本情况), long texts as paragraphs, figures with captions, tables as tables.
//!
//! Text here is cleaned for documents (hidden characters made visible) but not escaped: each
//! renderer escapes for its own syntax.

use chrono::Datelike;

use super::Prepared;
use super::clean::{doc_text_keep_tabs, one_line, paragraphs};
use super::vocab as doc;
use crate::form::validate::parse_date;
use crate::form::{Cell, ColumnKind, Field, Form, Kind, Section, Value};

pub(crate) struct Doc {
    pub subtitle: Option<String>,
    pub title: String,
    /// `申报单位：XX 港口研究院`, as (label, value).
    pub cover: Vec<(String, String)>,
    pub blocks: Vec<Block>,
}

pub(crate) enum Block {
    /// A heading that groups sections (`二、详细情况`).
    Part(String),
    /// A section title; `in_part` when under a part heading.
    Section { title: String, in_part: bool },
    /// A label/value table.
    Rows(Vec<Row>),
    /// A field's label inside a section of long texts.
    Label(String),
    /// Paragraphs of user text.
    Paragraphs(Vec<String>),
    /// `（未填写）`.
    Blank,
    /// Figures and files with their captions.
    Figures(Vec<Figure>),
    /// A table field, or a tab-separated table in a long text: header labels and rows of cells,
    /// with the caption line written just above it (`表 1 …`), if any.
    Table {
        caption: Option<String>,
        header: Vec<String>,
        rows: Vec<Vec<String>>,
    },
}

/// One attachment in a document.
pub(crate) struct Figure {
    pub caption: String,
    /// The file name, for the caption.
    pub file: String,
    /// The picture to print in the text, when it is one (a figure the text illustrates, not a
    /// material sent as a separate file).
    pub image: Option<Image>,
}

/// The bytes of a picture read by [`super::check_files`], with its pixel size.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Image {
    pub bytes: std::sync::Arc<Vec<u8>>,
    pub kind: ImageKind,
    pub width: u32,
    pub height: u32,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ImageKind {
    Png,
    Jpeg,
}

impl ImageKind {
    pub fn extension(self) -> &'static str {
        match self {
            ImageKind::Png => "png",
            ImageKind::Jpeg => "jpeg",
        }
    }
}

impl Image {
    /// A PNG or JPEG picture, its size read from its header (nothing is decoded); `None` for
    /// anything else.
    pub fn sniff(bytes: Vec<u8>) -> Option<Image> {
        let kind = match imagesize::image_type(&bytes).ok()? {
            imagesize::ImageType::Png => ImageKind::Png,
            imagesize::ImageType::Jpeg => ImageKind::Jpeg,
            _ => return None,
        };
        let size = imagesize::blob_size(&bytes).ok()?;
        let (width, height) = (
            u32::try_from(size.width).ok()?,
            u32::try_from(size.height).ok()?,
        );
        (width > 0 && height > 0).then(|| Image {
            bytes: std::sync::Arc::new(bytes),
            kind,
            width,
            height,
        })
    }
}

/// The 真实性承诺 of the template: the statement, the signature line, the stamp and the date.
pub(crate) struct Pledge {
    pub statement: String,
    /// The signer's label (申报单位法定代表人), when the form asks for one.
    pub signer: Option<String>,
    /// The date line: the date or blanks to fill in by hand.
    pub date: String,
}

pub(crate) struct Row {
    pub label: String,
    pub lines: Vec<Line>,
    /// The lines are list items (joined with `；` on one line).
    pub list: bool,
    /// A confirmation with its signature block, for the printed form (the lines hold the same
    /// for reading copies).
    pub pledge: Option<Pledge>,
}

pub(crate) enum Line {
    Text(String),
    /// Right-aligned (the date under a signature).
    Right(String),
}

impl Line {
    pub fn text(&self) -> &str {
        match self {
            Line::Text(s) | Line::Right(s) => s,
        }
    }
}

/// A date as the template writes it: `2022 年 8 月 10 日`; blanks to fill in by hand when empty.
pub(crate) fn date_display(s: &str) -> String {
    if s.trim().is_empty() {
        return doc::BLANK_DATE.to_string();
    }
    match parse_date(s) {
        Some(d) => format!("{} 年 {} 月 {} 日", d.year(), d.month(), d.day()),
        None => one_line(s),
    }
}

/// Whether a field is the "请注明" text of a choice's other option: shown inside the choice.
fn specifies_other(form: &Form, field: &Field) -> bool {
    let Some(cond) = &field.visible_when else {
        return false;
    };
    matches!(
        form.field(&cond.field).map(|f| &f.kind),
        Some(Kind::Choice { other: Some(o), .. }) if *o == cond.equals
    )
}

fn is_long(kind: &Kind) -> bool {
    matches!(
        kind,
        Kind::LongText { .. } | Kind::Table { .. } | Kind::Attachments { .. }
    )
}

/// Builds the document of a prepared export.
pub(crate) fn build(p: &Prepared) -> Doc {
    let form = p.form;
    let mut doc = Doc {
        subtitle: form.subtitle.as_deref().map(one_line),
        title: one_line(&form.title),
        cover: Vec::new(),
        blocks: Vec::new(),
    };
    let mut part: Option<&str> = None;
    for (i, section) in form.sections.iter().enumerate() {
        let cover = i == 0 && section.part.is_none();
        if !cover {
            if let Some(pt) = section.part.as_deref()
                && part != Some(pt)
            {
                doc.blocks.push(Block::Part(one_line(pt)));
            }
            part = section.part.as_deref();
            doc.blocks.push(Block::Section {
                title: heading(&one_line(&section.title)),
                in_part: part.is_some(),
            });
        }
        section_blocks(p, section, cover, &mut doc);
    }
    let orphans: Vec<Row> = p
        .draft
        .answers
        .orphans(form)
        .map(|(id, v)| Row {
            label: one_line(id),
            lines: value_lines(v).into_iter().map(Line::Text).collect(),
            list: false,
            pledge: None,
        })
        .collect();
    if !orphans.is_empty() {
        doc.blocks.push(Block::Section {
            title: doc::ORPHANS.to_string(),
            in_part: false,
        });
        doc.blocks.push(Block::Rows(orphans));
    }
    doc
}

fn section_blocks(p: &Prepared, section: &Section, cover: bool, doc: &mut Doc) {
    let form = p.form;
    let answers = &p.draft.answers;
    let shown: Vec<&Field> = section
        .fields
        .iter()
        .filter(|f| {
            !matches!(f.kind, Kind::Note { .. })
                && answers.is_visible(form, f)
                && !specifies_other(form, f)
        })
        .collect();
    let before = doc.blocks.len();
    let mut i = 0;
    while i < shown.len() {
        let field = shown[i];
        i += 1;
        if is_long(&field.kind) {
            long_field(p, section, field, shown.len() == 1, &mut doc.blocks);
            continue;
        }
        if cover {
            let value = match answers.get(&field.id) {
                Some(Value::Date(s)) => date_display(s),
                None if matches!(field.kind, Kind::Date) => date_display(""),
                Some(v) if !v.is_empty() => value_lines(v).join(" "),
                _ => doc::BLANK.to_string(),
            };
            doc.cover.push((one_line(&field.label), value));
            continue;
        }
        let mut row = Row {
            label: one_line(&field.label),
            lines: Vec::new(),
            list: matches!(field.kind, Kind::List { .. }),
            pledge: None,
        };
        match (&field.kind, answers.get(&field.id)) {
            (Kind::Choice { options, other, .. }, v) => {
                let (selected, other_text) = match v {
                    Some(Value::Choice { selected, other }) => (selected.as_slice(), other.trim()),
                    _ => (&[][..], ""),
                };
                row.lines.push(Line::Text(checks(
                    p,
                    field,
                    options,
                    other.as_deref(),
                    selected,
                    other_text,
                )));
            }
            (Kind::Confirm { statement }, v) => {
                let mark = if matches!(v, Some(Value::Confirm(true))) {
                    doc::CHECKED
                } else {
                    doc::UNCHECKED
                };
                row.lines
                    .push(Line::Text(format!("{mark} {}", one_line(statement))));
                // The fields after a confirmation (法定代表人, 日期) form its signature block.
                let mut name = None;
                let mut date = None;
                while i < shown.len() && !is_long(&shown[i].kind) {
                    let f = shown[i];
                    match (&f.kind, answers.get(&f.id)) {
                        (Kind::Date, v) if date.is_none() => {
                            let s = match v {
                                Some(Value::Date(s)) => s.as_str(),
                                _ => "",
                            };
                            date = Some(date_display(s));
                        }
                        (Kind::Text { .. }, v) if name.is_none() => {
                            let s = v.and_then(Value::as_text).map(one_line).unwrap_or_default();
                            name = Some((one_line(&f.label), s));
                        }
                        _ => break,
                    }
                    i += 1;
                }
                row.pledge = Some(Pledge {
                    statement: one_line(statement),
                    signer: name.as_ref().map(|(label, _)| label.clone()),
                    date: date.clone().unwrap_or_else(|| date_display("")),
                });
                if let Some((label, value)) = name {
                    let value = if value.is_empty() {
                        doc::BLANK.to_string()
                    } else {
                        value
                    };
                    row.lines.push(Line::Text(format!("{label}：{value}")));
                }
                row.lines.push(Line::Text(doc::SIGNATURE.to_string()));
                row.lines
                    .push(Line::Right(date.unwrap_or_else(|| date_display(""))));
            }
            (_, Some(v)) if !v.is_empty() => {
                let lines = match v {
                    Value::Date(s) => vec![date_display(s)],
                    Value::List(items) => items
                        .iter()
                        .map(|s| one_line(s))
                        .filter(|s| !s.is_empty())
                        .collect(),
                    _ => value_lines(v),
                };
                row.lines.extend(lines.into_iter().map(Line::Text));
            }
            (Kind::Date, _) => row.lines.push(Line::Text(date_display(""))),
            _ => row.lines.push(Line::Text(doc::BLANK.to_string())),
        }
        match doc.blocks.last_mut() {
            Some(Block::Rows(rows)) => rows.push(row),
            _ => doc.blocks.push(Block::Rows(vec![row])),
        }
    }
    if !cover && doc.blocks.len() == before {
        doc.blocks.push(Block::Blank);
    }
    place_figures(&mut doc.blocks, before);
}

/// A section heading as the template writes it: `（一）场景简介`, full-width brackets and no
/// space, whether the form writes `(一) 场景简介` or `（一）场景简介`.
fn heading(title: &str) -> String {
    let Some(rest) = title.strip_prefix('(').or_else(|| title.strip_prefix('（')) else {
        return title.to_string();
    };
    let Some(close) = rest.find([')', '）']) else {
        return title.to_string();
    };
    let number = &rest[..close];
    let numeral = |c: char| "一二三四五六七八九十百".contains(c) || c.is_ascii_digit();
    if number.is_empty() || number.chars().count() > 4 || !number.chars().all(numeral) {
        return title.to_string();
    }
    let after = rest[close..].chars().next().map_or(0, char::len_utf8);
    format!("（{number}）{}", rest[close + after..].trim_start())
}

/// The `图 N` a caption starts with (`图 1 智慧港口…` → `图 1`, also `图1`).
fn figure_number(caption: &str) -> Option<String> {
    let rest = caption.trim_start().strip_prefix('图')?;
    let digits: String = rest
        .trim_start()
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    (!digits.is_empty()).then_some(digits)
}

/// Whether a paragraph cites figure `n` (`图 1 为…`, `如图1所示`), and is not itself its caption.
fn cites(paragraph: &str, n: &str) -> bool {
    let mut rest = paragraph;
    while let Some(at) = rest.find('图') {
        let after = rest[at + '图'.len_utf8()..].trim_start_matches(' ');
        let digits: String = after.chars().take_while(char::is_ascii_digit).collect();
        if digits == n {
            return true;
        }
        rest = &rest[at + '图'.len_utf8()..];
    }
    false
}

/// Pictures of a section go right after the paragraph that first cites them (`图 1`), where the
/// template puts them; those no paragraph cites stay at the section's end. Materials without a
/// picture to print (listed with their captions) stay where they are.
fn place_figures(blocks: &mut Vec<Block>, from: usize) {
    let mut out: Vec<Block> = Vec::new();
    let mut pictures: Vec<Figure> = Vec::new();
    for b in blocks.drain(from..) {
        match b {
            Block::Figures(figs) if figs.iter().all(|f| f.image.is_some()) => pictures.extend(figs),
            b => out.push(b),
        }
    }
    let mut rest: Vec<Figure> = Vec::new();
    for fig in pictures {
        let spot = figure_number(&fig.caption).and_then(|n| {
            out.iter().enumerate().find_map(|(bi, b)| match b {
                Block::Paragraphs(ps) => ps.iter().position(|p| cites(p, &n)).map(|pi| (bi, pi)),
                _ => None,
            })
        });
        let Some((bi, pi)) = spot else {
            rest.push(fig);
            continue;
        };
        if let Block::Paragraphs(ps) = &mut out[bi] {
            let tail = ps.split_off(pi + 1);
            out.insert(bi + 1, Block::Figures(vec![fig]));
            if !tail.is_empty() {
                out.insert(bi + 2, Block::Paragraphs(tail));
            }
        }
    }
    if !rest.is_empty() {
        out.push(Block::Figures(rest));
    }
    blocks.extend(out);
}

/// The checkbox row of a choice, as the template prints it:
/// `☐ 制造　☐ 农业 … ☑ 交通运输 … ☐ 其他（请注明）`.
fn checks(
    p: &Prepared,
    field: &Field,
    options: &[String],
    other: Option<&str>,
    selected: &[String],
    other_text: &str,
) -> String {
    // The other option's words: in the answer itself, or in a "请注明" field shown for it.
    let mut specify = other_text.to_string();
    if specify.is_empty() {
        for (_, f) in p.form.fields() {
            if specifies_other(p.form, f)
                && f.visible_when.as_ref().is_some_and(|c| c.field == field.id)
            {
                specify = one_line(p.draft.answers.text(&f.id));
            }
        }
    }
    let mut parts = Vec::new();
    for o in options {
        let on = selected.contains(o);
        let mark = if on { doc::CHECKED } else { doc::UNCHECKED };
        let mut s = format!("{mark} {}", one_line(o));
        if Some(o.as_str()) == other {
            if on && !specify.is_empty() {
                s.push_str(&format!("（{}：{}）", doc::SPECIFY, one_line(&specify)));
            } else {
                s.push_str(&format!("（{}）", doc::SPECIFY));
            }
        }
        parts.push(s);
    }
    // Selected values the form does not offer are still shown, never dropped.
    for s in selected.iter().filter(|s| !options.contains(s)) {
        parts.push(format!("{} {}", doc::CHECKED, one_line(s)));
    }
    parts.join("　")
}

/// Lines of any answer for a document (used for short fields and orphaned answers).
fn value_lines(v: &Value) -> Vec<String> {
    match v {
        Value::Text(s) => paragraphs(s),
        Value::Date(s) => vec![date_display(s)],
        Value::Choice { selected, other } => {
            let mut v: Vec<String> = selected.iter().map(|s| one_line(s)).collect();
            if !other.trim().is_empty() {
                v.push(one_line(other));
            }
            vec![v.join("、")]
        }
        Value::List(items) => items.iter().map(|s| one_line(s)).collect(),
        Value::Table(rows) => rows
            .iter()
            .map(|r| {
                r.iter()
                    .map(|(k, c)| match c {
                        Cell::Text(t) => format!("{}：{}", one_line(k), one_line(t)),
                        Cell::Bool(b) => format!("{}：{}", one_line(k), yes_no(*b)),
                    })
                    .collect::<Vec<_>>()
                    .join("；")
            })
            .collect(),
        Value::Attachments(files) => files
            .iter()
            .map(|a| format!("{} {}", one_line(&a.caption), file_name(&a.path)))
            .collect(),
        Value::Confirm(b) => vec![if *b { doc::CHECKED } else { doc::UNCHECKED }.to_string()],
    }
}

fn yes_no(b: bool) -> &'static str {
    if b { doc::YES } else { doc::NO }
}

/// The file name of an attachment path, for captions.
pub(crate) fn file_name(path: &str) -> String {
    let name = path.rsplit(['/', '\\']).next().unwrap_or(path);
    one_line(if name.is_empty() { path } else { name })
}

fn long_field(p: &Prepared, section: &Section, field: &Field, only: bool, out: &mut Vec<Block>) {
    let answers = &p.draft.answers;
    let value = answers.get(&field.id);
    let titled = section.title.contains(field.label.as_str());
    match (&field.kind, value) {
        (Kind::Attachments { .. }, Some(Value::Attachments(files))) if !files.is_empty() => {
            // Figures beside a text are printed in it; a section of materials only lists them
            // (they are sent as separate files).
            out.push(Block::Figures(
                files
                    .iter()
                    .map(|a| Figure {
                        caption: one_line(&a.caption),
                        file: file_name(&a.path),
                        image: (!only)
                            .then(|| p.files.get(&a.path).and_then(|c| c.image.clone()))
                            .flatten(),
                    })
                    .collect(),
            ));
        }
        (Kind::Attachments { .. }, _) => {
            if only || field.required {
                out.push(Block::Blank);
            }
        }
        (Kind::Table { columns, .. }, Some(Value::Table(rows))) if !rows.is_empty() => {
            if !titled {
                out.push(Block::Label(one_line(&field.label)));
            }
            let header = columns.iter().map(|c| one_line(&c.label)).collect();
            let rows = rows
                .iter()
                .enumerate()
                .map(|(n, r)| {
                    columns
                        .iter()
                        .map(|c| match (&c.kind, r.get(&c.id)) {
                            (ColumnKind::Serial, _) => (n + 1).to_string(),
                            (_, Some(Cell::Text(t))) => one_line(t),
                            (_, Some(Cell::Bool(b))) => yes_no(*b).to_string(),
                            (_, None) => String::new(),
                        })
                        .collect()
                })
                .collect();
            out.push(Block::Table {
                caption: None,
                header,
                rows,
            });
        }
        (_, v) => {
            if !titled {
                out.push(Block::Label(one_line(&field.label)));
            }
            let paras = match v {
                Some(Value::Text(s)) => table_lines(s),
                Some(v) if !v.is_empty() => value_lines(v),
                _ => Vec::new(),
            };
            if paras.is_empty() {
                out.push(Block::Blank);
            } else {
                text_blocks(paras, out);
            }
        }
    }
}

/// The non-empty lines of a long text for a document, tabs kept (they make tables).
fn table_lines(s: &str) -> Vec<String> {
    doc_text_keep_tabs(s)
        .split('\n')
        .map(|l| {
            l.trim_end_matches(|c: char| c.is_whitespace() && c != '\t')
                .to_string()
        })
        .filter(|l| !l.trim().is_empty())
        .collect()
}

/// A short line such as `表 1 全球集装箱吞吐量排名` or `图 2 …`: a caption, centred like the
/// template's, and kept with the table under it.
pub(crate) fn is_caption(t: &str) -> bool {
    let t = t.trim_start();
    let Some(rest) = t.strip_prefix('表').or_else(|| t.strip_prefix('图')) else {
        return false;
    };
    t.chars().count() <= 40 && rest.trim_start().starts_with(|c: char| c.is_ascii_digit())
}

/// Paragraphs of a long text; tab-separated lines (a table pasted from Word or WPS, the 表 1 of
/// the template's (四)) become a table, the first line its header, the caption line above it
/// kept with it. Tabs elsewhere are spaces.
fn text_blocks(paras: Vec<String>, out: &mut Vec<Block>) {
    let mut text: Vec<String> = Vec::new();
    for piece in crate::table::pieces(paras.iter().map(String::as_str)) {
        match piece {
            crate::table::Piece::Line(l) => text.push(l.replace('\t', " ")),
            crate::table::Piece::Table(mut rows) => {
                let caption = text.pop_if(|t| is_caption(t));
                if !text.is_empty() {
                    out.push(Block::Paragraphs(std::mem::take(&mut text)));
                }
                let own = |r: Vec<&str>| r.into_iter().map(String::from).collect::<Vec<_>>();
                let header = own(rows.remove(0));
                out.push(Block::Table {
                    caption,
                    header,
                    rows: rows.into_iter().map(own).collect(),
                });
            }
        }
    }
    if !text.is_empty() {
        out.push(Block::Paragraphs(text));
    }
}
