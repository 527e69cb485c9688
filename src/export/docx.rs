//! A Word document that is the template of 附件1, to print, sign and stamp: 附件1 in the corner,
//! the title, the 申报单位 and 填报日期 lines, 一、基本情况 as the template's table (the 行业领域
//! checkboxes in even columns, the 申报单位联系人 row with 姓名/联系电话/电子邮箱, the 真实性承诺
//! box worded as the template with room for the seal), 二、详细情况 with full-width headings
//! (`（一）场景简介`), text as indented paragraphs, tables as real tables (header repeated on every
//! page, rows never split, the caption kept with the table), figures printed where the text cites
//! them, page numbers in the footer. A4, 宋体 body, 黑体 headings, language zh-CN.
//!
//! The parts are written here on `zip`: WordprocessingML needs only a few of them, and the
//! library we used could not declare the language or repeat a table's header row. Hidden
//! characters never reach the page: the layout's text has none (the export gate reports them).

use std::fmt::Write as _;
use std::io::Write as _;

use super::Prepared;
use super::layout::{self, Block, Figure, Line, Row};
use super::vocab as doc;

const SONG: &str = "宋体";
const HEI: &str = "黑体";
/// A4 in twips, with 2.5 cm side margins.
const PAGE_W: u32 = 11906;
const PAGE_H: u32 = 16838;
const MARGIN: u32 = 1417;
const MARGIN_V: u32 = 1440;
const TEXT_W: u32 = PAGE_W - 2 * MARGIN;
const TEXT_H: u32 = PAGE_H - 2 * MARGIN_V;
/// The 基本情况 label column: eight characters of 小四 and the cell margins.
const LABEL_W: u32 = 2268;
/// Body size in half-points (小四, 12 pt); a character is 240 twips wide.
const BODY: u32 = 24;
const CHAR_W: u32 = 240;
/// Twips to EMU (pictures are sized in EMU).
const EMU_PER_TWIP: u64 = 635;
/// Checkbox options per line in the 行业领域 cell.
const OPTION_COLUMNS: u32 = 4;

/// The .docx bytes of a prepared export.
pub fn render(p: &Prepared) -> Vec<u8> {
    let d = layout::build(p);
    let mut w = Writer::default();
    if let Some(sub) = &d.subtitle {
        w.para(&Para::new().run(Run::new(sub).size(32).font(HEI)));
    }
    w.para(
        &Para::new()
            .run(Run::new(&d.title).size(36).font(HEI))
            .center()
            .space(240, 360),
    );
    for (label, value) in &d.cover {
        w.para(
            &Para::new()
                .run(Run::new(&format!("{label}：")))
                .run(Run::new(&blank_if_placeholder(value))),
        );
    }
    let blocks = &d.blocks;
    for (i, b) in blocks.iter().enumerate() {
        let next_is_table = matches!(blocks.get(i + 1), Some(Block::Table { .. }));
        match b {
            Block::Part(t) => w.para(&heading(t, 32)),
            Block::Section { title, in_part } => {
                w.para(&heading(title, if *in_part { 28 } else { 32 }));
            }
            Block::Rows(rows) => w.basic_table(rows),
            Block::Label(t) => w.para(&Para::new().run(Run::new(t).font(HEI)).keep_next()),
            Block::Paragraphs(ps) => {
                for (j, t) in ps.iter().enumerate() {
                    let last = j + 1 == ps.len();
                    let para = if layout::is_caption(t) {
                        Para::new().run(Run::new(t).font(HEI)).center()
                    } else {
                        body(t)
                    };
                    w.para(&if last && next_is_table {
                        para.keep_next()
                    } else {
                        para
                    });
                }
            }
            // Room to write by hand, not a placeholder word.
            Block::Blank => {
                for _ in 0..3 {
                    w.para(&Para::new());
                }
            }
            Block::Figures(figs) => {
                for f in figs {
                    w.figure(f);
                }
            }
            Block::Table {
                caption,
                header,
                rows,
            } => {
                if let Some(c) = caption {
                    w.para(
                        &Para::new()
                            .run(Run::new(c).font(HEI))
                            .center()
                            .space(120, 60)
                            .keep_next(),
                    );
                }
                w.text_table(header, rows);
                // A line of space before the text goes on.
                w.para(&Para::new());
            }
        }
    }
    w.finish(&p.exported)
}

/// The 附件2 document as the template prints it (see [`super::summary_doc`]): A4 landscape,
/// `附件2`, the title, the zone (to be stamped) and the date, then the table with its header
/// repeated on every page and no row split. Single-spaced rows at 五号 (10.5 pt) in columns as
/// wide as their content: 20 rows and the head fit on one page.
pub fn render_summary(d: &super::summary_doc::SummaryDoc, exported: &str) -> Vec<u8> {
    let mut w = Writer {
        landscape: true,
        ..Writer::default()
    };
    if let Some(sub) = &d.subtitle {
        w.para(&Para::new().run(Run::new(sub).size(32).font(HEI)).single());
    }
    w.para(
        &Para::new()
            .run(Run::new(&d.title).size(36).font(HEI))
            .center()
            .single()
            .space(60, 180),
    );
    w.para(
        &Para::new()
            .run(Run::new(&d.zone_line()))
            .single()
            .space(0, 60),
    );
    w.para(
        &Para::new()
            .run(Run::new(&d.date_line()))
            .single()
            .space(0, 120),
    );
    let text_w = PAGE_H - 2 * MARGIN;
    let n = d.header.len().max(1);
    let need = |i: usize| {
        std::iter::once(&d.header)
            .chain(&d.rows)
            .map(|r| r.get(i).map_or(0, |c| display_twips(c)))
            .max()
            .unwrap_or(0)
            + 216
    };
    let grid = widths(&(0..n).map(need).collect::<Vec<_>>(), text_w);
    let cell = |i: usize, t: &str, head: bool| {
        let run = Run::new(t).size(21);
        let run = if head { run.font(HEI) } else { run };
        let para = Para::new().run(run).single().space(0, 0);
        // 序号 and the header centred, names as they read.
        let para = if head || i == 0 { para.center() } else { para };
        Td::new(grid[i], vec![para])
    };
    let mut rows = vec![
        (0..n)
            .map(|i| cell(i, d.header.get(i).map_or("", String::as_str), true))
            .collect::<Vec<_>>(),
    ];
    for r in &d.rows {
        rows.push(
            (0..n)
                .map(|i| cell(i, r.get(i).map_or("", String::as_str), false))
                .collect(),
        );
    }
    w.table(&grid, rows, 1, false);
    w.finish(exported)
}

/// The layout writes `（未填写）` for an empty answer in reading copies; the printed form leaves
/// the space blank to fill in by hand.
fn blank_if_placeholder(s: &str) -> String {
    if s == doc::BLANK {
        String::new()
    } else {
        s.to_string()
    }
}

fn heading(text: &str, size: u32) -> Para {
    Para::new()
        .run(Run::new(text).size(size).font(HEI))
        .space(240, 120)
        .keep_next()
}

fn body(text: &str) -> Para {
    Para::new().run(Run::new(text)).first_line(2 * CHAR_W)
}

/// XML text: the five special characters escaped. Hidden characters were removed before.
fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            // XML 1.0 cannot hold other C0 controls at all; a marker would print.
            c if (c as u32) < 0x20 && c != '\t' && c != '\n' => {}
            c => out.push(c),
        }
    }
    out
}

#[derive(Clone, Default)]
struct Run {
    text: String,
    size: Option<u32>,
    font: Option<&'static str>,
    bold: bool,
    /// Tabs before the text (the checkbox columns).
    tab_before: bool,
}

impl Run {
    fn new(text: &str) -> Run {
        Run {
            text: text.to_string(),
            ..Run::default()
        }
    }
    fn size(mut self, half_points: u32) -> Run {
        self.size = Some(half_points);
        self
    }
    fn font(mut self, f: &'static str) -> Run {
        self.font = Some(f);
        self
    }
    fn tab(mut self) -> Run {
        self.tab_before = true;
        self
    }
    fn xml(&self, out: &mut String) {
        out.push_str("<w:r>");
        if self.size.is_some() || self.font.is_some() || self.bold {
            out.push_str("<w:rPr>");
            if let Some(f) = self.font {
                let _ = write!(
                    out,
                    r#"<w:rFonts w:ascii="{f}" w:hAnsi="{f}" w:eastAsia="{f}"/>"#
                );
            }
            if self.bold {
                out.push_str("<w:b/>");
            }
            if let Some(s) = self.size {
                let _ = write!(out, r#"<w:sz w:val="{s}"/><w:szCs w:val="{s}"/>"#);
            }
            out.push_str("</w:rPr>");
        }
        if self.tab_before {
            out.push_str("<w:tab/>");
        }
        let _ = write!(
            out,
            r#"<w:t xml:space="preserve">{}</w:t>"#,
            esc(&self.text)
        );
        out.push_str("</w:r>");
    }
}

#[derive(Clone, Default)]
struct Para {
    runs: Vec<Run>,
    /// Raw run XML (a picture).
    raw: String,
    align: Option<&'static str>,
    first_line: Option<u32>,
    keep_next: bool,
    /// Single line spacing instead of the body's 1.5 (the summary table's rows).
    single: bool,
    before: u32,
    after: u32,
    tabs: Vec<u32>,
}

impl Para {
    fn new() -> Para {
        Para::default()
    }
    fn run(mut self, r: Run) -> Para {
        self.runs.push(r);
        self
    }
    fn center(mut self) -> Para {
        self.align = Some("center");
        self
    }
    fn right(mut self) -> Para {
        self.align = Some("right");
        self
    }
    fn first_line(mut self, twips: u32) -> Para {
        self.first_line = Some(twips);
        self
    }
    fn keep_next(mut self) -> Para {
        self.keep_next = true;
        self
    }
    fn single(mut self) -> Para {
        self.single = true;
        self
    }
    fn space(mut self, before: u32, after: u32) -> Para {
        self.before = before;
        self.after = after;
        self
    }
    fn xml(&self, out: &mut String) {
        out.push_str("<w:p><w:pPr>");
        if self.keep_next {
            out.push_str("<w:keepNext/>");
        }
        if !self.tabs.is_empty() {
            out.push_str("<w:tabs>");
            for t in &self.tabs {
                let _ = write!(out, r#"<w:tab w:val="left" w:pos="{t}"/>"#);
            }
            out.push_str("</w:tabs>");
        }
        let _ = write!(
            out,
            r#"<w:spacing w:before="{}" w:after="{}" w:line="{}" w:lineRule="auto"/>"#,
            self.before,
            self.after,
            if self.single { 240 } else { 360 }
        );
        if let Some(f) = self.first_line {
            let _ = write!(out, r#"<w:ind w:firstLine="{f}"/>"#);
        }
        if let Some(a) = self.align {
            let _ = write!(out, r#"<w:jc w:val="{a}"/>"#);
        }
        out.push_str("</w:pPr>");
        for r in &self.runs {
            r.xml(out);
        }
        out.push_str(&self.raw);
        out.push_str("</w:p>");
    }
}

/// One table cell: its width in twips, paragraphs, and how it spans.
struct Td {
    width: u32,
    paras: Vec<Para>,
    span: u32,
    /// `Some(true)` starts a vertical merge, `Some(false)` continues one.
    vmerge: Option<bool>,
}

impl Td {
    fn new(width: u32, paras: Vec<Para>) -> Td {
        Td {
            width,
            paras,
            span: 1,
            vmerge: None,
        }
    }
    fn text(width: u32, text: &str) -> Td {
        Td::new(width, vec![Para::new().run(Run::new(text))])
    }
    fn label(width: u32, text: &str) -> Td {
        Td::new(width, label_lines(text, width))
    }
}

/// A label as centred lines that break only where the template's do: before a bracketed
/// remark (`技术产品提供单位` / `（可填写多个）`), never inside a word (`姓/名`).
fn label_lines(text: &str, width: u32) -> Vec<Para> {
    let fits = |s: &str| s.chars().count() as u32 * CHAR_W + 2 * 108 <= width;
    let mut lines = vec![text.to_string()];
    if !fits(text)
        && let Some(at) = text.find(['（', '('])
        && at > 0
    {
        lines = vec![text[..at].trim().to_string(), text[at..].trim().to_string()];
    }
    lines
        .iter()
        .map(|l| Para::new().run(Run::new(l)).center().space(0, 0))
        .collect()
}

#[derive(Default)]
struct Writer {
    body: String,
    /// Pictures: (relationship id, part name, bytes).
    media: Vec<(String, String, std::sync::Arc<Vec<u8>>)>,
    /// A4 landscape (附件2) instead of portrait.
    landscape: bool,
}

impl Writer {
    fn para(&mut self, p: &Para) {
        p.xml(&mut self.body);
    }

    /// A table with a fixed grid. `header` rows repeat on every page; no row splits.
    fn table(&mut self, grid: &[u32], rows: Vec<Vec<Td>>, header: usize, keep_together: bool) {
        let b = &mut self.body;
        let total: u32 = grid.iter().sum();
        let _ = write!(
            b,
            r#"<w:tbl><w:tblPr><w:tblW w:w="{total}" w:type="dxa"/><w:jc w:val="center"/><w:tblBorders>"#
        );
        for side in ["top", "left", "bottom", "right", "insideH", "insideV"] {
            let _ = write!(
                b,
                r#"<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>"#
            );
        }
        b.push_str(r#"</w:tblBorders><w:tblLayout w:type="fixed"/><w:tblCellMar><w:left w:w="108" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr><w:tblGrid>"#);
        for g in grid {
            let _ = write!(b, r#"<w:gridCol w:w="{g}"/>"#);
        }
        b.push_str("</w:tblGrid>");
        let n = rows.len();
        for (ri, row) in rows.into_iter().enumerate() {
            b.push_str("<w:tr><w:trPr><w:cantSplit/>");
            if ri < header {
                b.push_str("<w:tblHeader/>");
            }
            b.push_str("</w:trPr>");
            for td in row {
                let _ = write!(
                    b,
                    r#"<w:tc><w:tcPr><w:tcW w:w="{}" w:type="dxa"/>"#,
                    td.width
                );
                if td.span > 1 {
                    let _ = write!(b, r#"<w:gridSpan w:val="{}"/>"#, td.span);
                }
                match td.vmerge {
                    Some(true) => b.push_str(r#"<w:vMerge w:val="restart"/>"#),
                    Some(false) => b.push_str("<w:vMerge/>"),
                    None => {}
                }
                b.push_str(r#"<w:vAlign w:val="center"/></w:tcPr>"#);
                let mut paras = td.paras;
                if paras.is_empty() {
                    paras.push(Para::new());
                }
                for mut p in paras {
                    // Keeping every row with the next keeps a short table on one page.
                    if keep_together && ri + 1 < n {
                        p.keep_next = true;
                    }
                    p.xml(b);
                }
                b.push_str("</w:tc>");
            }
            b.push_str("</w:tr>");
        }
        b.push_str("</w:tbl>");
    }

    /// 一、基本情况: label and value, the contact row and the declaration box as the template.
    fn basic_table(&mut self, rows: &[Row]) {
        let value_w = TEXT_W - LABEL_W;
        // The contact row's inner columns: 姓名 | value | 联系电话 | value.
        // One character more than 联系电话 needs: LibreOffice wraps a label that fits exactly.
        let sub_w = 5 * CHAR_W + 216;
        let val_w = (value_w - 2 * sub_w) / 2;
        let last_w = value_w - 2 * sub_w - val_w;
        let grid = [LABEL_W, sub_w, val_w, sub_w, last_w];
        let mut out: Vec<Vec<Td>> = Vec::new();
        let mut i = 0;
        while i < rows.len() {
            let r = &rows[i];
            i += 1;
            // `申报单位联系人 姓名` followed by 联系电话 and 电子邮箱: one labelled group.
            if let Some((group, first)) = r.label.split_once(' ')
                && !group.is_empty()
                && !first.trim().is_empty()
            {
                let mut members = vec![(first.trim().to_string(), row_text(r))];
                while members.len() < 3
                    && i < rows.len()
                    && rows[i].pledge.is_none()
                    && !rows[i].list
                    && rows[i].lines.len() <= 1
                    && !rows[i].label.contains(' ')
                {
                    members.push((rows[i].label.clone(), row_text(&rows[i])));
                    i += 1;
                }
                let mut first_row = true;
                for pair in members.chunks(2) {
                    let mut tds = vec![Td {
                        vmerge: (members.len() > 2).then_some(first_row),
                        ..if first_row {
                            Td::label(LABEL_W, group)
                        } else {
                            Td::new(LABEL_W, vec![])
                        }
                    }];
                    tds.push(Td::label(sub_w, &pair[0].0));
                    if let Some((l2, v2)) = pair.get(1) {
                        tds.push(Td::text(val_w, &pair[0].1));
                        tds.push(Td::label(sub_w, l2));
                        tds.push(Td::text(last_w, v2));
                    } else {
                        tds.push(Td {
                            span: 3,
                            ..Td::text(value_w - sub_w, &pair[0].1)
                        });
                    }
                    out.push(tds);
                    first_row = false;
                }
                continue;
            }
            let paras = if let Some(pl) = &r.pledge {
                pledge_paras(pl)
            } else if r.lines.iter().any(|l| l.text().starts_with(doc::UNCHECKED))
                || r.lines.iter().any(|l| l.text().starts_with(doc::CHECKED))
            {
                r.lines
                    .iter()
                    .flat_map(|l| option_lines(l.text()))
                    .collect()
            } else {
                r.lines
                    .iter()
                    .map(|l| {
                        let t = blank_if_placeholder(l.text());
                        match l {
                            Line::Text(_) => Para::new().run(Run::new(&t)).space(0, 0),
                            Line::Right(_) => Para::new().run(Run::new(&t)).right(),
                        }
                    })
                    .collect()
            };
            out.push(vec![
                Td::label(LABEL_W, &r.label),
                Td {
                    span: 4,
                    ..Td::new(value_w, paras)
                },
            ]);
        }
        self.table(&grid, out, 0, false);
    }

    /// A table of a long text or a table field: columns as wide as their content needs (within
    /// the text width), the header row repeated on every page.
    fn text_table(&mut self, header: &[String], rows: &[Vec<String>]) {
        let n = header
            .len()
            .max(rows.iter().map(Vec::len).max().unwrap_or(0))
            .max(1);
        let need = |i: usize| {
            std::iter::once(header)
                .chain(rows.iter().map(Vec::as_slice))
                .map(|r| r.get(i).map_or(0, |c| display_twips(c)))
                .max()
                .unwrap_or(0)
                + 216
        };
        let grid = widths(&(0..n).map(need).collect::<Vec<_>>(), TEXT_W);
        let cell = |i: usize, t: &str, head: bool| {
            let run = Run::new(t);
            let run = if head { run.font(HEI) } else { run };
            Td::new(grid[i], vec![Para::new().run(run).center().space(0, 0)])
        };
        let mut out = vec![
            (0..n)
                .map(|i| cell(i, header.get(i).map_or("", String::as_str), true))
                .collect::<Vec<_>>(),
        ];
        for r in rows {
            out.push(
                (0..n)
                    .map(|i| cell(i, r.get(i).map_or("", String::as_str), false))
                    .collect(),
            );
        }
        // Tables that fit on a page stay on one page.
        let keep = rows.len() < 25;
        self.table(&grid, out, 1, keep);
    }

    /// A picture as wide as the text (aspect kept, at most most of a page high), its caption
    /// centred below; a file that is not a picture is listed with its caption.
    fn figure(&mut self, f: &Figure) {
        let Some(img) = &f.image else {
            let line = if f.caption.is_empty() {
                f.file.clone()
            } else {
                format!("{}（{}：{}）", f.caption, doc::FILE, f.file)
            };
            let mut p = Para::new().run(Run::new(&line)).first_line(2 * CHAR_W);
            // Justified, a long file name stretches the caption's spaces across the line.
            p.align = Some("left");
            self.para(&p);
            return;
        };
        let n = self.media.len() + 1;
        let rid = format!("rIdImg{n}");
        let part = format!("media/image{n}.{}", img.kind.extension());
        self.media.push((rid.clone(), part, img.bytes.clone()));
        let max_w = u64::from(TEXT_W) * EMU_PER_TWIP;
        let max_h = u64::from(TEXT_H) * EMU_PER_TWIP * 3 / 5;
        let (w, h) = (u64::from(img.width), u64::from(img.height));
        let (mut cx, mut cy) = (max_w, max_w * h / w);
        if cy > max_h {
            cy = max_h;
            cx = max_h * w / h;
        }
        let name = esc(&f.file);
        let descr = esc(&f.caption);
        let raw = format!(
            concat!(
                r#"<w:r><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0">"#,
                r#"<wp:extent cx="{cx}" cy="{cy}"/><wp:docPr id="{n}" name="{name}" descr="{descr}"/>"#,
                r#"<wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect="1"/></wp:cNvGraphicFramePr>"#,
                r#"<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">"#,
                r#"<pic:pic><pic:nvPicPr><pic:cNvPr id="{n}" name="{name}"/><pic:cNvPicPr/></pic:nvPicPr>"#,
                r#"<pic:blipFill><a:blip r:embed="{rid}"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>"#,
                r#"<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm>"#,
                r#"<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic>"#,
                r#"</a:graphicData></a:graphic></wp:inline></w:drawing></w:r>"#
            ),
            cx = cx,
            cy = cy,
            n = n,
            name = name,
            descr = descr,
            rid = rid
        );
        self.para(&Para {
            raw,
            ..Para::new().center().space(120, 0).keep_next()
        });
        self.para(
            &Para::new()
                .run(Run::new(&f.caption).font(HEI))
                .center()
                .space(60, 120),
        );
    }

    fn finish(self, exported: &str) -> Vec<u8> {
        let mut doc = String::from(concat!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
            r#"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" "#,
            r#"xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" "#,
            r#"xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" "#,
            r#"xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" "#,
            r#"xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"><w:body>"#
        ));
        doc.push_str(&self.body);
        // 附件2's twenty rows and head need the room of 2 cm margins.
        let margin_v = if self.landscape { 1134 } else { MARGIN_V };
        let _ = write!(
            doc,
            concat!(
                r#"<w:sectPr><w:footerReference w:type="default" r:id="rIdFooter"/>"#,
                r#"<w:pgSz w:w="{}" w:h="{}"{}/>"#,
                r#"<w:pgMar w:top="{}" w:right="{}" w:bottom="{}" w:left="{}" w:header="851" w:footer="850" w:gutter="0"/>"#,
                r#"</w:sectPr></w:body></w:document>"#
            ),
            if self.landscape { PAGE_H } else { PAGE_W },
            if self.landscape { PAGE_W } else { PAGE_H },
            if self.landscape {
                r#" w:orient="landscape""#
            } else {
                ""
            },
            margin_v,
            MARGIN,
            margin_v,
            MARGIN
        );
        let mut rels = String::from(concat!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
            r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#,
            r#"<Relationship Id="rIdStyles" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>"#,
            r#"<Relationship Id="rIdSettings" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/>"#,
            r#"<Relationship Id="rIdFooter" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/>"#
        ));
        for (rid, part, _) in &self.media {
            let _ = write!(
                rels,
                r#"<Relationship Id="{rid}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="{part}"/>"#
            );
        }
        rels.push_str("</Relationships>");
        let core = format!(
            concat!(
                r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
                r#"<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" "#,
                r#"xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" "#,
                r#"xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">"#,
                r#"<dc:language>zh-CN</dc:language>"#,
                r#"<dcterms:created xsi:type="dcterms:W3CDTF">{t}</dcterms:created>"#,
                r#"<dcterms:modified xsi:type="dcterms:W3CDTF">{t}</dcterms:modified>"#,
                r#"</cp:coreProperties>"#
            ),
            t = esc(exported)
        );
        let parts: Vec<(String, Vec<u8>)> = vec![
            ("[Content_Types].xml".into(), CONTENT_TYPES.into()),
            ("_rels/.rels".into(), ROOT_RELS.into()),
            ("docProps/core.xml".into(), core.into_bytes()),
            ("word/document.xml".into(), doc.into_bytes()),
            ("word/_rels/document.xml.rels".into(), rels.into_bytes()),
            ("word/styles.xml".into(), styles().into_bytes()),
            ("word/settings.xml".into(), SETTINGS.into()),
            ("word/footer1.xml".into(), footer().into_bytes()),
        ];
        let media: Vec<(String, &[u8])> = self
            .media
            .iter()
            .map(|(_, part, bytes)| (format!("word/{part}"), bytes.as_slice()))
            .collect();
        zip_package(
            parts
                .iter()
                .map(|(name, bytes)| (name.as_str(), bytes.as_slice(), true))
                .chain(
                    media
                        .iter()
                        .map(|(name, bytes)| (name.as_str(), *bytes, false)),
                ),
        )
    }
}

/// An Office package in memory: each part deflated, or stored when `deflate` is false (pictures,
/// which are compressed already). Writing into memory has no IO to fail on.
pub fn zip_package<'a>(parts: impl IntoIterator<Item = (&'a str, &'a [u8], bool)>) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let deflated = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, bytes, deflate) in parts {
        let opts = if deflate {
            deflated
        } else {
            deflated.compression_method(zip::CompressionMethod::Stored)
        };
        zip.start_file(name, opts).expect("zip entry in memory");
        zip.write_all(bytes).expect("zip write in memory");
    }
    zip.finish().expect("zip in memory").into_inner()
}

/// The text of a value row on one line (blank when empty).
fn row_text(r: &Row) -> String {
    blank_if_placeholder(&r.lines.iter().map(Line::text).collect::<Vec<_>>().join(" "))
}

/// The 行业领域 checkboxes in even columns, so an option name never breaks (`交/通运输`).
fn option_lines(line: &str) -> Vec<Para> {
    let opts: Vec<&str> = line.split('　').filter(|s| !s.is_empty()).collect();
    let col = (TEXT_W - LABEL_W - 216) / OPTION_COLUMNS;
    opts.chunks(OPTION_COLUMNS as usize)
        .map(|chunk| {
            let mut p = Para::new().space(0, 0);
            p.tabs = (1..OPTION_COLUMNS).map(|k| k * col).collect();
            for (k, o) in chunk.iter().enumerate() {
                let r = Run::new(o);
                p = p.run(if k == 0 { r } else { r.tab() });
            }
            p
        })
        .collect()
}

/// The declaration box as the template words it, with about four lines of room for the seal.
fn pledge_paras(pl: &layout::Pledge) -> Vec<Para> {
    let mut out = vec![
        Para::new()
            .run(Run::new(&pl.statement))
            .first_line(2 * CHAR_W)
            .space(120, 0),
    ];
    let signer = pl.signer.as_deref().unwrap_or(doc::LEGAL_REP);
    out.push(
        Para::new()
            .space(240, 0)
            .run(Run::new(&format!("{signer}签字："))),
    );
    for _ in 0..3 {
        out.push(Para::new());
    }
    out.push(Para::new().run(Run::new(doc::STAMP)).right());
    out.push(
        Para::new()
            .run(Run::new(&blank_if_placeholder(&pl.date)))
            .right()
            .space(0, 120),
    );
    out
}

/// Display width in twips: a CJK character is one 小四 character, others half.
fn display_twips(s: &str) -> u32 {
    use unicode_width::UnicodeWidthStr;
    s.width() as u32 * CHAR_W / 2
}

/// Column widths that sum to `total`: each column gets what its content needs when everything
/// fits; otherwise the narrow columns keep their need and the wide ones share the rest.
pub(crate) fn widths(need: &[u32], total: u32) -> Vec<u32> {
    let n = need.len().max(1) as u32;
    let sum: u32 = need.iter().sum();
    let mut out: Vec<u32> = if sum <= total {
        // Spread the spare room in proportion, so the table spans the text width.
        need.iter()
            .map(|w| w + (total - sum) * w / sum.max(1))
            .collect()
    } else {
        let fair = total / n;
        let small: u32 = need.iter().filter(|w| **w <= fair).sum();
        let big: u32 = need.iter().filter(|w| **w > fair).sum();
        let room = total - small.min(total);
        need.iter()
            .map(|w| {
                if *w <= fair {
                    *w
                } else {
                    (u64::from(room) * u64::from(*w) / u64::from(big.max(1))) as u32
                }
            })
            .collect()
    };
    let used: u32 = out.iter().sum();
    if let Some(last) = out.last_mut() {
        *last += total.saturating_sub(used);
    }
    out
}

fn styles() -> String {
    format!(
        concat!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
            r#"<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">"#,
            r#"<w:docDefaults><w:rPrDefault><w:rPr>"#,
            r#"<w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="{song}" w:cs="Times New Roman"/>"#,
            r#"<w:kern w:val="2"/><w:sz w:val="{body}"/><w:szCs w:val="{body}"/>"#,
            r#"<w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/>"#,
            r#"</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:jc w:val="both"/></w:pPr></w:pPrDefault></w:docDefaults>"#,
            r#"<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/>"#,
            r#"<w:pPr><w:widowControl w:val="0"/></w:pPr></w:style>"#,
            r#"<w:style w:type="paragraph" w:styleId="Footer"><w:name w:val="footer"/><w:basedOn w:val="Normal"/>"#,
            r#"<w:rPr><w:sz w:val="18"/><w:szCs w:val="18"/></w:rPr></w:style>"#,
            r#"<w:style w:type="paragraph" w:styleId="Heading"><w:name w:val="heading"/><w:basedOn w:val="Normal"/>"#,
            r#"<w:rPr><w:rFonts w:ascii="{hei}" w:hAnsi="{hei}" w:eastAsia="{hei}"/></w:rPr></w:style>"#,
            r#"</w:styles>"#
        ),
        song = SONG,
        hei = HEI,
        body = BODY
    )
}

/// `— 1 —` centred at the foot of every page.
fn footer() -> String {
    String::from(concat!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
        r#"<w:ftr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">"#,
        r#"<w:p><w:pPr><w:pStyle w:val="Footer"/><w:jc w:val="center"/></w:pPr>"#,
        r#"<w:r><w:t xml:space="preserve">— </w:t></w:r>"#,
        r#"<w:r><w:fldChar w:fldCharType="begin"/></w:r>"#,
        r#"<w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>"#,
        r#"<w:r><w:fldChar w:fldCharType="separate"/></w:r>"#,
        r#"<w:r><w:t>1</w:t></w:r>"#,
        r#"<w:r><w:fldChar w:fldCharType="end"/></w:r>"#,
        r#"<w:r><w:t xml:space="preserve"> —</w:t></w:r></w:p></w:ftr>"#
    ))
}

const CONTENT_TYPES: &str = concat!(
    r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
    r#"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">"#,
    r#"<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>"#,
    r#"<Default Extension="xml" ContentType="application/xml"/>"#,
    r#"<Default Extension="png" ContentType="image/png"/>"#,
    r#"<Default Extension="jpeg" ContentType="image/jpeg"/>"#,
    r#"<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>"#,
    r#"<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>"#,
    r#"<Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>"#,
    r#"<Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>"#,
    r#"<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>"#,
    r#"</Types>"#
);

const ROOT_RELS: &str = concat!(
    r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
    r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#,
    r#"<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>"#,
    r#"<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>"#,
    r#"</Relationships>"#
);

const SETTINGS: &str = concat!(
    r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
    r#"<w:settings xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">"#,
    r#"<w:defaultTabStop w:val="420"/><w:characterSpacingControl w:val="compressPunctuation"/>"#,
    r#"<w:themeFontLang w:val="en-US" w:eastAsia="zh-CN"/>"#,
    r#"<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>"#,
    r#"</w:settings>"#
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_widths_fit_content_and_the_text_width() {
        // Everything fits: proportional, summing to the total.
        let w = widths(&[1000, 3000], 8000);
        assert_eq!(w.iter().sum::<u32>(), 8000);
        assert_eq!(w, [2000, 6000]);
        // Too wide: the narrow column (序号) keeps its need.
        let w = widths(&[800, 9000, 3000, 9000], 13000);
        assert_eq!(w[0], 800);
        assert_eq!(w.iter().sum::<u32>(), 13000);
        assert!(w[1] > w[2]);
    }

    #[test]
    fn labels_break_only_before_a_bracketed_remark() {
        let lines = |t: &str| label_lines(t, LABEL_W).len();
        assert_eq!(lines("申报单位联系人"), 1);
        assert_eq!(lines("技术产品提供单位（可填写多个）"), 2);
    }
}
