//! The Word document is the template of 附件1: what an author prints, signs and stamps. These
//! tests read the parts of the exported .docx (and, where LibreOffice is installed, its PDF
//! rendering) and check what a reader of the printed pages sees: the figure printed where the
//! text cites it, 表 1 as a real table that repeats its header and does not split, full-width
//! headings, Chinese fonts and language, page numbers, the declaration box as worded by the
//! template, blanks instead of placeholder words, and no hidden-character markers.

mod support;
use support::export as common;

use std::io::Read;
use std::path::Path;

use common::*;
use tianbiao::export::{self, Format};
use tianbiao::form::{Attachment, Value};
use tianbiao::lang::Lang;

fn docx(draft: &tianbiao::draft::Draft, base: &Path) -> Vec<u8> {
    let form = flagship();
    let files = export::check_files(&form, &draft.answers, Some(base));
    let p = export::prepare(&form, draft, EXPORTED, files);
    export::render(&p, Format::Docx, Lang::Zh)
}

fn example_docx() -> Vec<u8> {
    docx(&example(), &root().join("docs/examples"))
}

fn part(bytes: &[u8], name: &str) -> Option<Vec<u8>> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip file");
    let mut f = zip.by_name(name).ok()?;
    let mut out = Vec::new();
    f.read_to_end(&mut out).unwrap();
    Some(out)
}

fn xml(bytes: &[u8], name: &str) -> String {
    String::from_utf8(part(bytes, name).unwrap_or_else(|| panic!("no {name}"))).unwrap()
}

fn names(bytes: &[u8]) -> Vec<String> {
    let zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    zip.file_names().map(String::from).collect()
}

/// The `<w:tbl>` elements of a document, in order.
fn tables(doc: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = doc;
    while let Some(start) = rest.find("<w:tbl>") {
        let end = rest[start..].find("</w:tbl>").unwrap() + start + "</w:tbl>".len();
        out.push(&rest[start..end]);
        rest = &rest[end..];
    }
    out
}

fn rows(table: &str) -> Vec<&str> {
    table.split("<w:tr>").skip(1).collect()
}

#[test]
fn the_figure_is_printed_in_section_two_after_the_paragraph_citing_it() {
    let bytes = example_docx();
    let media: Vec<String> = names(&bytes)
        .into_iter()
        .filter(|n| n.starts_with("word/media/"))
        .collect();
    assert_eq!(
        media,
        ["word/media/image1.png"],
        "one picture: (七) only lists its files"
    );
    let picture = std::fs::read(root().join("docs/examples/smart-port-fig1.png")).unwrap();
    assert_eq!(
        part(&bytes, &media[0]).unwrap(),
        picture,
        "the picture itself"
    );
    let rels = xml(&bytes, "word/_rels/document.xml.rels");
    assert!(rels.contains(r#"Target="media/image1.png""#));
    assert!(xml(&bytes, "[Content_Types].xml").contains(r#"Extension="png""#));

    let doc = xml(&bytes, "word/document.xml");
    assert_eq!(doc.matches("<pic:pic>").count(), 1);
    let pic = doc.find("<pic:pic>").unwrap();
    let two = doc.find("（二）人工智能应用内容").unwrap();
    let three = doc.find("（三）应用效果").unwrap();
    assert!(two < pic && pic < three, "the picture is in (二)");
    // Right after the paragraph that cites 图 1, before the text that follows it.
    let cite = doc.find("图 1 为智慧港口").expect("the example cites 图 1");
    assert!(cite < pic);
    let after = &doc[pic..three];
    let caption = after
        .find("图 1 智慧港口场景机器视觉应用方案架构")
        .expect("caption below the picture");
    let para_start = after[..caption].rfind("<w:p>").unwrap();
    assert!(after[para_start..caption].contains(r#"<w:jc w:val="center"/>"#));
    assert!(
        after[caption..].contains("二是"),
        "the text goes on after the figure"
    );
    // As wide as the text (9072 twips = 5760720 EMU), aspect 160:90 kept.
    let extent = regex::Regex::new(r#"<wp:extent cx="(\d+)" cy="(\d+)"/>"#).unwrap();
    let c = extent.captures(&doc).unwrap();
    let (cx, cy): (u64, u64) = (c[1].parse().unwrap(), c[2].parse().unwrap());
    assert_eq!(cx, 9072 * 635);
    assert_eq!(cy, cx * 90 / 160);
    // (七) lists its materials with their captions and file names.
    let seven = doc.find("（七）其他辅助材料").unwrap();
    let text = &doc[seven..];
    assert!(text.contains("图 1 智慧港口场景机器视觉应用方案架构（电子版）"));
    assert!(text.contains("smart-port-fig1.png"));
}

#[test]
fn a_jpeg_figure_is_embedded_as_jpeg_and_an_uncited_one_ends_its_section() {
    let dir = tempfile::tempdir().unwrap();
    // A baseline JPEG header (SOI, SOF0 of 120x80, EOI): enough to be sized, never decoded.
    let jpeg: &[u8] = &[
        0xFF, 0xD8, 0xFF, 0xC0, 0x00, 0x11, 0x08, 0x00, 0x50, 0x00, 0x78, 0x03, 0x01, 0x22, 0x00,
        0x02, 0x11, 0x01, 0x03, 0x11, 0x01, 0xFF, 0xD9,
    ];
    std::fs::write(dir.path().join("现场.jpg"), jpeg).unwrap();
    let mut d = example();
    d.answers.set(
        "figures",
        Value::Attachments(vec![Attachment {
            path: "现场.jpg".into(),
            caption: "图 2 港区现场".into(),
        }]),
    );
    let bytes = docx(&d, dir.path());
    assert!(names(&bytes).contains(&"word/media/image1.jpeg".to_string()));
    assert_eq!(part(&bytes, "word/media/image1.jpeg").unwrap(), jpeg);
    assert!(xml(&bytes, "[Content_Types].xml").contains(r#"ContentType="image/jpeg""#));
    let doc = xml(&bytes, "word/document.xml");
    // No paragraph cites 图 2: the picture closes (二).
    let pic = doc.find("<pic:pic>").unwrap();
    let caption = pic + doc[pic..].find("图 2 港区现场").unwrap();
    let three = doc.find("（三）应用效果").unwrap();
    assert!(doc.find("二是").unwrap() < pic && pic < caption && caption < three);
    let c = regex::Regex::new(r#"<wp:extent cx="(\d+)" cy="(\d+)"/>"#)
        .unwrap()
        .captures(&doc)
        .unwrap();
    let (cx, cy): (u64, u64) = (c[1].parse().unwrap(), c[2].parse().unwrap());
    assert_eq!(cy, cx * 80 / 120);
}

#[test]
fn chinese_is_declared_with_song_for_the_body_and_hei_for_headings() {
    let bytes = example_docx();
    let styles = xml(&bytes, "word/styles.xml");
    assert!(styles.contains(r#"w:eastAsia="zh-CN""#), "{styles}");
    assert!(styles.contains(r#"<w:lang "#));
    assert!(styles.contains(r#"w:eastAsia="宋体""#));
    let doc = xml(&bytes, "word/document.xml");
    let heading = doc.find("（一）场景简介").unwrap();
    let run = doc[..heading].rfind("<w:r>").unwrap();
    assert!(doc[run..heading].contains(r#"w:eastAsia="黑体""#));
}

#[test]
fn section_headings_are_full_width_as_in_the_template() {
    let doc = xml(&example_docx(), "word/document.xml");
    for h in [
        "（一）场景简介",
        "（二）人工智能应用内容",
        "（三）应用效果",
        "（四）场景推广应用前景",
        "（五）未来应用需求",
        "（六）支持举措",
        "（七）其他辅助材料",
    ] {
        assert!(doc.contains(h), "{h}");
    }
    assert!(!doc.contains("(一)") && !doc.contains("(七) "));
}

#[test]
fn the_table_in_the_text_repeats_its_header_keeps_its_caption_and_rows_whole() {
    let doc = xml(&example_docx(), "word/document.xml");
    let all = tables(&doc);
    assert_eq!(all.len(), 2, "一、基本情况 and 表 1");
    let t1 = all[1];
    let rs = rows(t1);
    assert_eq!(rs.len(), 11, "header and ten ports");
    assert!(rs[0].contains("<w:tblHeader/>") && rs[0].contains("万 TEU"));
    assert!(rs[1..].iter().all(|r| !r.contains("<w:tblHeader/>")));
    assert!(rs.iter().all(|r| r.contains("<w:cantSplit/>")));
    // Cells hold the text without separators.
    assert!(rs[10].contains(">巴生<") && !t1.contains('|'));
    // The caption is kept with the table.
    let at = doc.find(t1).unwrap();
    let cap = doc[..at].rfind("表 1 全球集装箱吞吐量排名").unwrap();
    let start = doc[..cap].rfind("<w:p>").unwrap();
    assert!(doc[start..cap].contains("<w:keepNext/>"));
    // Columns fit their content: 港口 names are wider than 排名.
    let grid: Vec<u32> = regex::Regex::new(r#"<w:gridCol w:w="(\d+)"/>"#)
        .unwrap()
        .captures_iter(t1)
        .map(|c| c[1].parse().unwrap())
        .collect();
    assert_eq!(grid.len(), 5);
    assert_eq!(grid.iter().sum::<u32>(), 9072);
}

#[test]
fn pages_are_numbered_in_the_footer() {
    let bytes = example_docx();
    let footer = xml(&bytes, "word/footer1.xml");
    assert!(footer.contains(" PAGE "));
    let doc = xml(&bytes, "word/document.xml");
    assert!(doc.contains(r#"<w:footerReference w:type="default" r:id="rIdFooter"/>"#));
    assert!(xml(&bytes, "word/_rels/document.xml.rels").contains(r#"Target="footer1.xml""#));
}

#[test]
fn the_basic_table_is_laid_out_as_the_template() {
    let doc = xml(&example_docx(), "word/document.xml");
    let basic = tables(&doc)[0];
    // 申报单位联系人 | 姓名 | value | 联系电话 | value, then 电子邮箱 | value.
    let contact = rows(basic)
        .into_iter()
        .find(|r| r.contains(">申报单位联系人<"))
        .expect("the contact row");
    let cells: Vec<&str> = contact.split("<w:tc>").skip(1).collect();
    assert_eq!(cells.len(), 5, "{contact}");
    assert!(cells[1].contains(">姓名<") && cells[3].contains(">联系电话<"));
    let email = rows(basic)
        .into_iter()
        .find(|r| r.contains(">电子邮箱<"))
        .unwrap();
    assert!(
        email.contains("<w:vMerge/>"),
        "under the merged 申报单位联系人"
    );
    // Option names are whole, in tab-aligned columns of four.
    let domains = rows(basic)
        .into_iter()
        .find(|r| r.contains(">所属行业领域<"))
        .unwrap();
    for o in ["☑ 交通运输", "☐ 政务服务", "☐ 医疗健康"] {
        assert!(domains.contains(&format!(">{o}<")), "{o} in one piece");
    }
    assert!(domains.contains("<w:tabs>"));
    // The declaration box as the template words it.
    let pledge = rows(basic)
        .into_iter()
        .find(|r| r.contains(">真实性承诺<"))
        .unwrap();
    assert!(pledge.contains(">我单位承诺以上申报材料真实可靠，并对内容真实性承担法律责任。<"));
    assert!(pledge.contains(">申报单位法定代表人签字：<"));
    assert!(pledge.contains(">（单位盖章）<"));
    assert!(pledge.contains(">2022 年 8 月 10 日<"));
    assert!(
        !pledge.contains("☑"),
        "no invented checkbox before the statement"
    );
    // Room for the seal: empty lines between the signature and the stamp.
    let sig = pledge.find("签字：").unwrap();
    let stamp = pledge.find("（单位盖章）").unwrap();
    assert!(pledge[sig..stamp].matches("<w:p>").count() >= 3);
}

#[test]
fn empty_answers_leave_blank_space_not_placeholder_words() {
    let mut d = example();
    for id in ["applicant_unit", "legal_rep", "pledge_date", "region"] {
        d.answers.0.remove(id);
    }
    d.answers.set("needs", Value::Text(String::new()));
    let text = docx_xml_text(&docx(&d, &root().join("docs/examples")));
    assert!(!text.contains("未填写"), "{text}");
    assert!(text.contains("申报单位："));
    assert!(text.contains("申报单位法定代表人签字："));
}

#[test]
fn hidden_characters_never_print_as_markers() {
    let mut d = example();
    d.answers.set(
        "intro",
        Value::Text("智慧\u{202e}港口\u{1b}[2J场景\u{200b}建设\u{9b}31m".into()),
    );
    d.answers.set(
        "scenario_name",
        Value::Text("智慧\u{2066}港口\u{2069}".into()),
    );
    let bytes = docx(&d, &root().join("docs/examples"));
    let doc = xml(&bytes, "word/document.xml");
    assert!(!doc.contains('⟨'), "no marker text");
    assert!(
        !doc.chars()
            .any(|c| tianbiao::sanitize::classify(c).is_some())
    );
    assert!(doc.contains("智慧港口[2J场景建设31m"));
    assert!(doc.contains(">智慧港口<"));
}

/// The example rendered by LibreOffice, where it is installed: the pages a reader holds.
#[test]
fn libreoffice_prints_the_example_on_five_pages_with_table_one_whole() {
    let Some(pages) = pdf_pages(&example_docx()) else {
        return;
    };
    assert_eq!(pages.len(), 5, "page count");
    let header = pages
        .iter()
        .position(|p| p.contains("全球集装箱吞吐量排名"))
        .unwrap();
    let last_row = pages.iter().position(|p| p.contains("巴生")).unwrap();
    assert_eq!(header, last_row, "表 1 does not split across pages");
    assert!(pages[header].contains("万 TEU"));
    // The footer numbers the pages.
    for (i, p) in pages.iter().enumerate() {
        assert!(
            squash(p).contains(&format!("—{}—", i + 1)),
            "page {} number",
            i + 1
        );
    }
}
