//! Hostile text in a draft: control characters, C1 (U+009B), bidi overrides (U+202E), U+2028,
//! and Markdown/HTML syntax. JSON escapes them and keeps every character; documents (Markdown,
//! text, Word) leave them out; Markdown cannot be made to contain a heading, HTML, a link, code or
//! a list.

mod support;
use support::export as common;

use common::*;
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use tianbiao::export::{self, Format};
use tianbiao::form::Value;
use tianbiao::lang::Lang;

const HOSTILE: &str = "开头\u{1b}]52;c;ZXZpbA==\u{7}标题\u{1b}[2J\u{9b}31m红\u{202e}反向\u{2066}隔离\u{2069}\u{2028}换行\u{2029}段\u{7f}删\u{0}空\u{200b}零宽\r\n\
# 一级标题\n\
## 二级\n\
<script>alert(1)</script> <b>粗</b> &amp; &#x3C;\n\
[链接](http://evil.example) ![图](x.png) <http://evil.example> www.evil.example mail@evil.example\n\
```\n\
代码块\n\
```\n\
~~~\n\
    缩进代码\n\
`行内代码` *强调* **加粗** _下划_ ~~删除~~ $x^2$ [^1]\n\
1. 有序\n\
- 无序\n\
+ 加号\n\
* 星号\n\
> 引用\n\
| 表 | 头 |\n\
|---|---|\n\
- [ ] 任务\n\
标题下划线\n\
===\n\
---\n\
\\ 反斜杠 \\# 转义";

fn hostile_draft() -> tianbiao::draft::Draft {
    let mut d = example_moved();
    d.answers.set("intro", Value::Text(HOSTILE.into()));
    d.answers.set("scenario_name", Value::Text(HOSTILE.into()));
    d.answers.set(
        "providers",
        Value::List(vec![HOSTILE.into(), "# 标题".into()]),
    );
    d.name = "名字\u{9b}\u{202e}".into();
    d
}

fn render(d: &tianbiao::draft::Draft, format: Format) -> Vec<u8> {
    let form = flagship();
    let p = export::prepare(&form, d, EXPORTED, Default::default());
    export::render(&p, format, Lang::Zh)
}

const RAW: [char; 9] = [
    '\u{1b}', '\u{7}', '\u{9b}', '\u{202e}', '\u{2066}', '\u{2028}', '\u{2029}', '\u{7f}', '\u{0}',
];

#[test]
fn json_escapes_every_dangerous_character_and_keeps_the_text() {
    let d = hostile_draft();
    let json = String::from_utf8(render(&d, Format::Json)).unwrap();
    for c in RAW.iter().chain(['\u{200b}', '\r'].iter()) {
        assert!(!json.contains(*c), "raw U+{:04X} in JSON", *c as u32);
    }
    for esc in [
        r"\u001b", r"\u009b", r"\u202e", r"\u2066", r"\u2069", r"\u2028", r"\u2029", r"\u007f",
        r"\u0000", r"\u200b",
    ] {
        assert!(json.contains(esc), "{esc} missing");
    }
    // Nothing is lost: the text reads back exactly.
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["sections"][2]["fields"][0]["value"], HOSTILE);
    assert_eq!(v["draft"]["name"], "名字\u{9b}\u{202e}");
    // RON escapes them too.
    let ron = String::from_utf8(render(&d, Format::Ron)).unwrap();
    for c in RAW {
        assert!(!ron.contains(c), "raw U+{:04X} in RON", c as u32);
    }
}

#[test]
fn documents_drop_hidden_characters_and_keep_the_visible_text() {
    let d = hostile_draft();
    for format in [Format::Markdown, Format::Text] {
        let s = String::from_utf8(render(&d, format)).unwrap();
        for c in RAW.iter().chain(['\u{200b}', '\r'].iter()) {
            assert!(!s.contains(*c), "raw U+{:04X} in {format:?}", *c as u32);
        }
        assert!(!s.contains('⟨'), "no marker text in {format:?}");
        assert!(
            s.contains("31m红反向隔离"),
            "{format:?} keeps the visible text"
        );
    }
    // The printed Word document is valid XML and carries neither the hidden characters nor
    // markers for them (the gate reports them); the visible text is all there.
    let docx = render(&d, Format::Docx);
    let text = docx_xml_text(&docx);
    assert!(!text.chars().any(|c| c.is_control() && c != '\n'));
    assert!(!text.contains('⟨'));
    assert!(text.contains("31m红反向隔离") && text.contains("<script>"));
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("hostile.docx");
    std::fs::write(&path, &docx).unwrap();
    if let Some(t) = soffice_text(&path) {
        assert!(t.contains("31m红反向"), "LibreOffice opens it");
    }
}

/// The headings the flagship's Markdown has, and nothing else.
const HEADINGS: [&str; 10] = [
    "人工智能典型应用场景",
    "一、基本情况",
    "二、详细情况",
    "（一）场景简介",
    "（二）人工智能应用内容",
    "（三）应用效果",
    "（四）场景推广应用前景",
    "（五）未来应用需求",
    "（六）支持举措",
    "（七）其他辅助材料",
];

#[test]
fn markdown_text_cannot_create_structure() {
    let md = String::from_utf8(render(&hostile_draft(), Format::Markdown)).unwrap();
    let mut headings = Vec::new();
    let mut in_heading = None::<String>;
    let mut lists = 0;
    let mut tables = 0;
    let mut text = String::new();
    for event in Parser::new_ext(&md, Options::all()) {
        match event {
            Event::Start(Tag::Heading { .. }) => in_heading = Some(String::new()),
            Event::End(TagEnd::Heading(_)) => headings.push(in_heading.take().unwrap()),
            Event::Text(t) => {
                if let Some(h) = in_heading.as_mut() {
                    h.push_str(&t);
                }
                text.push_str(&t);
            }
            Event::Start(Tag::List(_)) => lists += 1,
            Event::Start(Tag::Table(_)) => tables += 1,
            Event::Start(Tag::Item | Tag::TableHead | Tag::TableRow | Tag::TableCell)
            | Event::End(_)
            | Event::Start(Tag::Paragraph)
            | Event::SoftBreak => {}
            other => panic!("user text made Markdown structure: {other:?}"),
        }
    }
    assert_eq!(headings, HEADINGS);
    // Our own: the figure lists of (二) and (七), the table of 一、基本情况 and 表 1 of (四)
    // (rows written with | in a long text are shown as a table, cells escaped).
    assert_eq!(lists, 2);
    assert_eq!(tables, 2);
    // Every visible character of the text survives as text.
    for piece in [
        "# 一级标题",
        "<script>alert(1)</script>",
        "[链接](http://evil.example)",
        "```",
        "`行内代码` *强调* **加粗** _下划_ ~~删除~~ $x^2$ [^1]",
        "1. 有序",
        "- 无序",
        "> 引用",
        "| 表 | 头 |",
        "&amp; &#x3C;",
        "\\ 反斜杠 \\# 转义",
        "www.evil.example mail@evil.example",
    ] {
        assert!(text.contains(piece), "{piece:?} not shown as text");
    }
    // No raw HTML can reach a renderer: every < is escaped.
    assert!(!md.contains(" <") && !md.starts_with('<'));
    for (i, line) in md.lines().enumerate() {
        assert!(
            !line.starts_with(' ') && !line.starts_with('\t'),
            "line {i} indented"
        );
    }
}

#[test]
fn escaping_through_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let draft = write_draft(dir.path(), "hostile.ron", &hostile_draft());
    let out = tb(dir.path())
        .arg("export")
        .arg(&draft)
        .arg("--force")
        .assert()
        .code(0)
        .get_output()
        .clone();
    let json = String::from_utf8(out.stdout).unwrap();
    assert!(json.contains(r"\u009b31m") && !json.contains('\u{9b}'));
    // Messages on the terminal never carry the raw characters either.
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(!err.chars().any(|c| c.is_control() && c != '\n'));
}
