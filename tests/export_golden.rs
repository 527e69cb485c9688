//! Golden files of every text format from the shipped example draft, the example passing the
//! gate in every format through the command line, and the Word document holding every answer.
//!
//! Refresh the golden files after an intended change with
//! `UPDATE_GOLDEN=1 cargo test --test export_golden`, then review the diff of `tests/golden/`.

mod support;
use support::export as common;

use common::*;
use tianbiao::export::{self, Format};
use tianbiao::form::{Kind, Value};
use tianbiao::lang::Lang;

fn render(format: Format) -> Vec<u8> {
    let form = flagship();
    let draft = example();
    let files = export::check_files(&form, &draft.answers, Some(&root().join("docs/examples")));
    let p = export::prepare(&form, &draft, EXPORTED, files);
    export::render(&p, format, Lang::Zh)
}

fn golden(name: &str, actual: &[u8]) {
    let path = root().join("tests/golden").join(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read(&path).unwrap_or_else(|_| {
        panic!("missing {path:?}: run UPDATE_GOLDEN=1 cargo test --test export_golden")
    });
    assert_eq!(
        String::from_utf8_lossy(actual),
        String::from_utf8_lossy(&expected),
        "{name} differs from the golden file (UPDATE_GOLDEN=1 refreshes it; review the diff)"
    );
}

#[test]
fn golden_json() {
    golden("smart-port.json", &render(Format::Json));
}

#[test]
fn golden_ron() {
    golden("smart-port.ron", &render(Format::Ron));
}

#[test]
fn golden_markdown() {
    golden("smart-port.md", &render(Format::Markdown));
}

#[test]
fn golden_text() {
    golden("smart-port.txt", &render(Format::Text));
}

#[test]
fn the_example_is_complete_valid_and_made_from_the_current_form() {
    let form = flagship();
    let draft = example();
    assert_eq!(
        draft.form_hash,
        form.hash(),
        "regenerate the example's form_hash"
    );
    let files = export::check_files(&form, &draft.answers, Some(&root().join("docs/examples")));
    let p = export::prepare(&form, &draft, EXPORTED, files);
    assert!(p.valid(), "{:#?}", p.finding_lines(Lang::Zh));
    assert!(p.notes.is_empty());
    // Every field that takes an answer has one (其他（请注明） is hidden: 其他 is not picked).
    for (_, f) in form.fields() {
        if matches!(f.kind, Kind::Note { .. }) || !draft.answers.is_visible(&form, f) {
            continue;
        }
        assert!(
            draft.answers.get(&f.id).is_some_and(|v| !v.is_empty()),
            "{} is empty in the example",
            f.id
        );
    }
    let json: serde_json::Value = serde_json::from_slice(&render(Format::Json)).unwrap();
    assert_eq!(json["valid"], true);
    assert_eq!(json["format"], "tianbiao.submission/1");
    // The limited sections carry count, limit and mode, and are within their limits.
    let effect = &json["sections"][4]["fields"][0];
    assert_eq!(effect["id"], "effect");
    assert_eq!(effect["limit"], 500);
    assert_eq!(effect["counting"], "zishu");
    assert!(effect["count"].as_u64().unwrap() <= 500);
}

#[test]
fn the_example_exports_in_every_format_from_the_command_line() {
    let data = tempfile::tempdir().unwrap();
    for (format, file) in [
        ("json", "smart-port.json"),
        ("ron", "smart-port.ron"),
        ("md", "smart-port.md"),
        ("txt", "smart-port.txt"),
    ] {
        let out = tb(data.path())
            .arg("export")
            .arg(example_path())
            .args(["--format", format])
            .assert()
            .code(0)
            .get_output()
            .stdout
            .clone();
        golden(file, &out);
    }
    let docx = data.path().join("智慧港口.docx");
    tb(data.path())
        .arg("export")
        .arg(example_path())
        .args(["--format", "docx", "-o"])
        .arg(&docx)
        .assert()
        .code(0)
        .stderr(predicates::str::contains("已导出"));
    assert!(std::fs::metadata(&docx).unwrap().len() > 1000);
    // Default format is JSON.
    let out = tb(data.path())
        .arg("export")
        .arg(example_path())
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    golden("smart-port.json", &out);
}

/// Every piece of every answer, as it must appear in a document.
fn answer_pieces() -> Vec<String> {
    let form = flagship();
    let draft = example();
    let mut out = Vec::new();
    for (_, f) in form.fields() {
        // The printed declaration leaves the signature to the legal representative's hand.
        if f.id == "legal_rep" {
            continue;
        }
        let Some(v) = draft.answers.get(&f.id) else {
            continue;
        };
        match v {
            Value::Text(s) => out.extend(
                s.split(['\n', '\t'])
                    .map(str::trim)
                    .filter(|x| !x.is_empty())
                    .map(String::from),
            ),
            Value::Date(s) => {
                let d = tianbiao::form::validate::parse_date(s).unwrap();
                use chrono::Datelike;
                out.push(format!("{} 年 {} 月 {} 日", d.year(), d.month(), d.day()));
            }
            Value::List(items) => out.extend(items.iter().cloned()),
            Value::Choice { selected, .. } => out.extend(selected.iter().map(|s| format!("☑ {s}"))),
            Value::Confirm(true) => {
                if let Kind::Confirm { statement } = &f.kind {
                    out.push(statement.clone());
                }
            }
            Value::Attachments(files) => {
                for a in files {
                    out.push(a.caption.clone());
                    out.push(a.path.clone());
                }
            }
            other => panic!("unexpected answer {other:?}"),
        }
    }
    out
}

#[test]
fn the_word_document_holds_every_answer_and_the_template_layout() {
    let bytes = render(Format::Docx);
    let xml_text = docx_xml_text(&bytes);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("smart-port.docx");
    std::fs::write(&path, &bytes).unwrap();
    // The XML itself, and LibreOffice's reading when it is installed (the document must open).
    let soffice = soffice_text(&path);
    for text in std::iter::once(&xml_text).chain(soffice.as_ref()) {
        let flat = squash(text);
        for piece in answer_pieces() {
            assert!(
                flat.contains(&squash(&piece)),
                "the document lacks {piece:?}"
            );
        }
    }
    let text = soffice.unwrap_or_else(|| xml_text.clone());
    let flat = squash(&text);
    for fixed in [
        "附件1",
        "人工智能典型应用场景",
        "申报单位：XX 港口研究院",
        "填报日期：2022 年 8 月 10 日",
        "一、基本情况",
        "二、详细情况",
        "（一）场景简介",
        "（七）其他辅助材料",
        "☐ 制造",
        "（单位盖章）",
    ] {
        assert!(
            flat.contains(&squash(fixed)),
            "the document lacks {fixed:?}"
        );
    }
    // Order follows the template.
    let at = |s: &str| flat.find(&squash(s)).unwrap();
    assert!(at("申报单位：") < at("一、基本情况"));
    assert!(at("一、基本情况") < at("二、详细情况"));
    for w in [
        "（一）场景简介",
        "（二）人工智能应用内容",
        "（三）应用效果",
        "（四）场景推广应用前景",
        "（五）未来应用需求",
        "（六）支持举措",
        "（七）其他辅助材料",
    ]
    .windows(2)
    {
        assert!(at(w[0]) < at(w[1]), "{} before {}", w[0], w[1]);
    }
    // 一、基本情况 is a table, and so is 表 1 of (四).
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(&bytes)).unwrap();
    let mut xml = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("word/document.xml").unwrap(), &mut xml)
        .unwrap();
    assert_eq!(xml.matches("<w:tbl>").count(), 2, "two tables");
}

#[test]
fn the_format_document_shows_the_current_example() {
    let doc = std::fs::read_to_string(root().join("docs/submission-format.md")).unwrap();
    let json = String::from_utf8(render(Format::Json)).unwrap();
    assert!(
        doc.contains(&format!("```json\n{json}```")),
        "docs/submission-format.md: replace the example with tests/golden/smart-port.json"
    );
}
