//! A Word document laid out like 附件1, to print, sign and stamp: 附件1 in the corner, the
//! title, the 申报单位 and 填报日期 lines, 一、基本情况 as a two-column table (the 行业领域
//! checkboxes ☑/☐, the 真实性承诺 with its signature and stamp lines), 二、详细情况 with each
//! section as a heading and its text as indented paragraphs, figures listed with captions.
//! A4, 宋体 body, 黑体 headings. Text is cleaned first (XML cannot hold control characters).

use docx_rs::{
    AlignmentType, Docx, LineSpacing, PageMargin, Paragraph, Run, RunFonts, SpecialIndentType,
    Table, TableCell, TableRow, VAlignType, WidthType,
};

use super::Prepared;
use super::layout::{self, Block, Line};
use super::vocab as doc;

const SONG: &str = "宋体";
const HEI: &str = "黑体";
/// A4 in twips, with 2.5 cm side margins.
const PAGE_W: u32 = 11906;
const PAGE_H: u32 = 16838;
const MARGIN: i32 = 1417;
const TEXT_W: usize = (PAGE_W as usize) - 2 * (MARGIN as usize);
const LABEL_W: usize = 2268;
/// Body size in half-points (小四, 12 pt); two characters of first-line indent.
const BODY: usize = 24;
const INDENT: i32 = 480;

fn fonts(east_asia: &str) -> RunFonts {
    RunFonts::new()
        .east_asia(east_asia)
        .ascii("Times New Roman")
        .hi_ansi("Times New Roman")
}

fn run(text: &str) -> Run {
    Run::new().add_text(text)
}

fn spacing() -> LineSpacing {
    LineSpacing::new().line(360).before(0).after(0)
}

fn para(text: &str) -> Paragraph {
    Paragraph::new().add_run(run(text)).line_spacing(spacing())
}

fn body(text: &str) -> Paragraph {
    para(text).indent(None, Some(SpecialIndentType::FirstLine(INDENT)), None, None)
}

fn heading(text: &str, size: usize) -> Paragraph {
    Paragraph::new()
        .add_run(run(text).bold().size(size).fonts(fonts(HEI)))
        .line_spacing(LineSpacing::new().line(360).before(240).after(120))
        .keep_next(true)
}

fn cell(width: usize, paragraphs: Vec<Paragraph>) -> TableCell {
    let mut c = TableCell::new()
        .width(width, WidthType::Dxa)
        .vertical_align(VAlignType::Center);
    for p in paragraphs {
        c = c.add_paragraph(p);
    }
    c
}

/// A short line such as `表 1 全球集装箱吞吐量排名` or `图 2 …`: centred like the template's
/// captions.
fn is_caption(t: &str) -> bool {
    let mut rest = t.trim_start();
    if !(rest.starts_with('表') || rest.starts_with('图')) || t.chars().count() > 40 {
        return false;
    }
    rest = rest[3..].trim_start();
    rest.starts_with(|c: char| c.is_ascii_digit())
}

/// The .docx bytes of a prepared export.
pub fn render(p: &Prepared) -> Vec<u8> {
    let d = layout::build(p);
    let mut docx = Docx::new()
        .page_size(PAGE_W, PAGE_H)
        .page_margin(
            PageMargin::new()
                .top(1440)
                .bottom(1440)
                .left(MARGIN)
                .right(MARGIN),
        )
        .default_fonts(fonts(SONG))
        .default_size(BODY)
        .created_at(&p.exported)
        .updated_at(&p.exported);
    if let Some(sub) = &d.subtitle {
        docx = docx.add_paragraph(Paragraph::new().add_run(run(sub).size(32).fonts(fonts(HEI))));
    }
    docx = docx.add_paragraph(
        Paragraph::new()
            .add_run(run(&d.title).bold().size(36))
            .align(AlignmentType::Center)
            .line_spacing(LineSpacing::new().line(360).before(240).after(360)),
    );
    for (label, value) in &d.cover {
        docx = docx.add_paragraph(
            Paragraph::new()
                .add_run(run(&format!("{label}：")))
                .add_run(run(value))
                .line_spacing(spacing()),
        );
    }
    for b in &d.blocks {
        match b {
            Block::Part(t) => docx = docx.add_paragraph(heading(t, 32)),
            Block::Section { title, in_part } => {
                let size = if *in_part { 28 } else { 32 };
                docx = docx.add_paragraph(heading(title, size));
            }
            Block::Rows(rows) => {
                let rows = rows
                    .iter()
                    .map(|r| {
                        let label = cell(
                            LABEL_W,
                            vec![
                                Paragraph::new()
                                    .add_run(run(&r.label).bold())
                                    .align(AlignmentType::Center),
                            ],
                        );
                        let mut lines: Vec<Paragraph> = r
                            .lines
                            .iter()
                            .map(|l| match l {
                                Line::Text(t) => para(t),
                                Line::Right(t) => para(t).align(AlignmentType::Right),
                            })
                            .collect();
                        if lines.is_empty() {
                            lines.push(Paragraph::new());
                        }
                        TableRow::new(vec![label, cell(TEXT_W - LABEL_W, lines)]).cant_split()
                    })
                    .collect();
                docx = docx.add_table(
                    Table::new(rows)
                        .set_grid(vec![LABEL_W, TEXT_W - LABEL_W])
                        .width(TEXT_W, WidthType::Dxa),
                );
            }
            Block::Label(t) => {
                docx = docx.add_paragraph(
                    Paragraph::new()
                        .add_run(run(t).bold())
                        .line_spacing(spacing())
                        .keep_next(true),
                );
            }
            Block::Paragraphs(ps) => {
                for t in ps {
                    let p = if is_caption(t) {
                        para(t).align(AlignmentType::Center)
                    } else {
                        body(t)
                    };
                    docx = docx.add_paragraph(p);
                }
            }
            Block::Blank => docx = docx.add_paragraph(body(doc::BLANK)),
            Block::Figures(figs) => {
                for (caption, file) in figs {
                    docx = docx.add_paragraph(
                        Paragraph::new()
                            .add_run(run(caption).fonts(fonts(HEI)))
                            .add_run(run(&format!("（{}：{file}）", doc::FILE)).size(21))
                            .align(AlignmentType::Center)
                            .line_spacing(spacing()),
                    );
                }
            }
            Block::Table { header, rows } => {
                let n = header.len().max(1);
                let w = TEXT_W / n;
                let mut trs = vec![TableRow::new(
                    header
                        .iter()
                        .map(|h| {
                            cell(
                                w,
                                vec![
                                    Paragraph::new()
                                        .add_run(run(h).bold())
                                        .align(AlignmentType::Center),
                                ],
                            )
                        })
                        .collect(),
                )];
                for r in rows {
                    trs.push(TableRow::new(
                        r.iter().map(|c| cell(w, vec![para(c)])).collect(),
                    ));
                }
                docx = docx.add_table(
                    Table::new(trs)
                        .set_grid(vec![w; n])
                        .width(TEXT_W, WidthType::Dxa),
                );
            }
        }
    }
    let mut buf = std::io::Cursor::new(Vec::new());
    // Packing into memory has no IO to fail on.
    docx.build()
        .pack(&mut buf)
        .expect("packing a docx into memory");
    buf.into_inner()
}
