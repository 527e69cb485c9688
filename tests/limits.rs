//! The limits of docs/limits.md, one parser at a time: a file just over each limit is refused
//! with the file and the place named; 100,000 levels of nesting give a clean error; BOM and
//! CRLF are read as if absent; invalid UTF-8 is refused with its byte offset.

mod support;
use support::export as common;

use std::path::Path;

use tianbiao::draft::Draft;
use tianbiao::export::{self, Format, submission};
use tianbiao::form::limits::{self, Exceeded, Item};
use tianbiao::form::{self, ErrorKind, Value};
use tianbiao::lang::Lang;
use tianbiao::review::load::{FormSet, LoadError, load_bytes};
use tianbiao::review::notes;
use tianbiao::theme::{Styles, THEME_FILE_CAP};

const DEEP: usize = 100_000;

/// A one-section form whose fields are `fields` (RON text, one per line).
fn form_src(fields: &str) -> String {
    format!(
        "Form(id: \"f\", version: \"1\", title: \"t\", sections: [Section(id: \"s\", title: \"s\", fields: [\n{fields}])])"
    )
}

fn limit_error(src: &str) -> (usize, usize, Exceeded) {
    let errors = form::load_str(src).unwrap_err();
    assert_eq!(errors.len(), 1, "{errors:?}");
    match &errors[0].kind {
        ErrorKind::Limit(e) => (errors[0].line, errors[0].col, e.clone()),
        other => panic!("not a limit: {other:?}"),
    }
}

#[test]
fn form_counts_just_over_their_limits_are_refused_at_the_field() {
    // 1,001 options: refused at the field's id, naming it.
    let options: Vec<String> = (0..=limits::MAX_OPTIONS)
        .map(|i| format!("\"{i}\""))
        .collect();
    let src = form_src(&format!(
        "Field(id: \"a\", label: \"甲\", kind: Text()),\nField(id: \"many\", label: \"乙\", kind: Choice(options: [{}])),\n",
        options.join(",")
    ));
    let (line, col, e) = limit_error(&src);
    assert_eq!((line, col), (3, 7));
    assert_eq!(
        (e.what, e.place.as_str(), e.count),
        (Item::Options, "many", 1_001)
    );
    assert_eq!(
        e.describe(Lang::En),
        "'many': 1001 options, more than the limit of 1000"
    );
    assert_eq!(e.describe(Lang::Zh), "“many”的选项数为 1001，超过上限 1000");
    // Exactly at the limit is fine.
    let at: Vec<String> = (0..limits::MAX_OPTIONS)
        .map(|i| format!("\"{i}\""))
        .collect();
    let src = form_src(&format!(
        "Field(id: \"many\", label: \"乙\", kind: Choice(options: [{}])),\n",
        at.join(",")
    ));
    assert!(form::load_str(&src).is_ok());

    // 101 columns.
    let columns: Vec<String> = (0..=limits::MAX_COLUMNS)
        .map(|i| format!("(id: \"c{i}\", label: \"列\", kind: Text())"))
        .collect();
    let src = form_src(&format!(
        "Field(id: \"t\", label: \"表\", kind: Table(columns: [{}])),\n",
        columns.join(",")
    ));
    let (_, _, e) = limit_error(&src);
    assert_eq!((e.what, e.place.as_str()), (Item::Columns, "t"));

    // A label of 100,001 characters.
    let src = form_src(&format!(
        "Field(id: \"long\", label: \"{}\", kind: Text()),\n",
        "字".repeat(limits::MAX_FORM_TEXT_CHARS + 1)
    ));
    let (line, _, e) = limit_error(&src);
    assert_eq!(line, 2);
    assert_eq!(
        (e.what, e.place.as_str(), e.count),
        (Item::FormText, "long", 100_001)
    );

    // A regular expression of 1,001 characters.
    let src = form_src(&format!(
        "Field(id: \"p\", label: \"p\", kind: Pattern(regex: \"{}\", message: \"m\")),\n",
        "a".repeat(limits::MAX_REGEX_CHARS + 1)
    ));
    let (_, _, e) = limit_error(&src);
    assert_eq!((e.what, e.place.as_str()), (Item::Regex, "p"));
}

#[test]
fn a_form_with_too_many_fields_is_refused_before_linting() {
    let fields: String = (0..=limits::MAX_FIELDS)
        .map(|i| format!("Field(id: \"f{i}\", label: \"l\", kind: Text(limit: 0)),\n"))
        .collect();
    // Every field has a defect, but the form is refused as a whole: one error, not 10,001.
    let (line, col, e) = limit_error(&form_src(&fields));
    assert_eq!((line, col), (1, 1));
    assert_eq!((e.what, e.count, e.limit), (Item::Fields, 10_001, 10_000));

    let sections: String = (0..=limits::MAX_SECTIONS)
        .map(|i| format!("Section(id: \"s{i}\", title: \"t\", fields: [Field(id: \"f{i}\", label: \"l\", kind: Text())]),"))
        .collect();
    let src = format!("Form(id: \"f\", version: \"1\", title: \"t\", sections: [{sections}])");
    let (_, _, e) = limit_error(&src);
    assert_eq!(e.what, Item::Sections);
}

#[test]
fn form_files_name_the_file_and_place_on_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let options: Vec<String> = (0..=limits::MAX_OPTIONS)
        .map(|i| format!("\"{i}\""))
        .collect();
    let path = dir.path().join("many.ron");
    std::fs::write(
        &path,
        form_src(&format!(
            "Field(id: \"many\", label: \"乙\", kind: Choice(options: [{}])),\n",
            options.join(",")
        )),
    )
    .unwrap();
    let out = common::tb(dir.path())
        .args(["form", "check"])
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(
        err,
        format!(
            "{}:2:7: “many”的选项数为 1001，超过上限 1000\n",
            path.display()
        )
    );

    // One byte over the 8 MiB file cap: refused from its size, naming the file.
    let big = dir.path().join("big.ron");
    let f = std::fs::File::create(&big).unwrap();
    f.set_len(tianbiao::fsio::FILE_CAP + 1).unwrap();
    let out = common::tb(dir.path())
        .args(["--lang", "en", "form", "check"])
        .arg(&big)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.starts_with(&format!("{}: file too large (8388609 bytes", big.display())),
        "{err}"
    );
}

#[test]
fn invalid_utf8_in_a_form_is_placed_with_its_byte_offset() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("gbk.ron");
    let mut bytes = b"Form(\n  id: \"".to_vec();
    bytes.extend([0xb1, 0xed]); // 表 in GBK
    bytes.extend(b"\",\n)");
    std::fs::write(&path, &bytes).unwrap();
    let out = common::tb(dir.path())
        .args(["--lang", "en", "form", "check"])
        .arg(&path)
        .output()
        .unwrap();
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(
        err,
        format!(
            "{}:2:8: the file is not UTF-8 text (from byte 13; save it as UTF-8)\n",
            path.display()
        )
    );
}

fn example() -> Draft {
    common::example()
}

#[test]
fn draft_answers_just_over_their_limits_are_refused_naming_the_field() {
    let mut d = example();
    d.answers.set(
        "intro",
        Value::Text("字".repeat(limits::MAX_ANSWER_CHARS + 1)),
    );
    let text = d.to_ron();
    let e = Draft::from_ron(&text).unwrap_err();
    let line = text
        .lines()
        .position(|l| l.trim_start().starts_with("\"intro\":"))
        .unwrap()
        + 1;
    assert_eq!(e.line, line);
    assert_eq!(
        e.message.to_string(),
        "'intro': 1000001 answer length (characters), more than the limit of 1000000"
    );
    assert_eq!(
        e.message.describe(Lang::Zh),
        "“intro”的填写内容长度（字符）为 1000001，超过上限 1000000"
    );
    // At the limit it reads back.
    d.answers
        .set("intro", Value::Text("字".repeat(limits::MAX_ANSWER_CHARS)));
    assert_eq!(Draft::from_ron(&d.to_ron()).unwrap(), d);

    let mut d = example();
    d.answers.set(
        "providers",
        Value::List(vec!["单位".into(); limits::MAX_ITEMS + 1]),
    );
    let e = Draft::from_ron(&d.to_ron()).unwrap_err();
    assert!(
        e.message
            .to_string()
            .starts_with("'providers': 10001 rows or items"),
        "{e:?}"
    );
}

#[test]
fn received_drafts_over_a_limit_are_refused_by_check_with_the_file_named() {
    let dir = tempfile::tempdir().unwrap();
    let mut d = example();
    d.answers.set(
        "intro",
        Value::Text("字".repeat(limits::MAX_ANSWER_CHARS + 1)),
    );
    let path = dir.path().join("huge-answer.ron");
    std::fs::write(&path, d.to_ron()).unwrap();
    let out = common::tb(dir.path())
        .args(["--lang", "en", "check"])
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let all = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(all.contains("huge-answer.ron"), "{all}");
    assert!(all.contains("'intro': 1000001 answer length"), "{all}");
}

fn submission_json(d: &Draft) -> String {
    let form = common::flagship();
    let p = export::prepare(&form, d, common::EXPORTED, Default::default());
    String::from_utf8(export::render(&p, Format::Json, Lang::Zh)).unwrap()
}

#[test]
fn submissions_over_a_limit_are_refused_naming_the_field() {
    let mut d = example();
    d.answers.set(
        "effect",
        Value::Text("字".repeat(limits::MAX_ANSWER_CHARS + 1)),
    );
    let sub = submission::parse_json(&submission_json(&d)).unwrap();
    let e = submission::to_draft(&sub, &common::flagship(), "x").unwrap_err();
    assert_eq!(
        e.to_string(),
        "field effect: 'effect': 1000001 answer length (characters), more than the limit of 1000000"
    );
    // The same file as `check` reads it.
    let forms = FormSet::builtin();
    let json = submission_json(&d);
    let e = load_bytes(Path::new("x.json"), json.as_bytes(), &forms).unwrap_err();
    assert!(matches!(e, LoadError::Submission(_)), "{e:?}");
}

#[test]
fn every_parser_refuses_100k_deep_nesting_cleanly() {
    // Forms.
    let deep = format!(
        "Form(id: \"x\", version: \"1\", title: \"t\", sections: {}",
        "[".repeat(DEEP)
    );
    // No form type nests, so the parser stops at the first bracket that is not a section,
    // placed, long before any depth matters.
    let errors = form::load_str(&deep).unwrap_err();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!((errors[0].line, errors[0].col), (1, 52), "{errors:?}");
    // Drafts, also inside an answer.
    let deep = format!(
        "Draft(format: 1, name: \"n\", answers: {{\"a\": {}",
        "Some(".repeat(DEEP)
    );
    let e = Draft::from_ron(&deep).unwrap_err();
    assert_eq!((e.line, e.col), (1, 44), "{e:?}");
    // Submissions (JSON), in a known key and in an unknown one.
    let forms = FormSet::builtin();
    for json in [
        format!(
            "{{\"format\": \"tianbiao.submission/1\", \"sections\": {}",
            "[".repeat(DEEP)
        ),
        format!(
            "{{\"format\": \"tianbiao.submission/1\", \"x\": {}",
            "{\"a\":".repeat(DEEP)
        ),
    ] {
        assert!(load_bytes(Path::new("d.json"), json.as_bytes(), &forms).is_err());
    }
    // Themes.
    let deep = format!("(base: {}", "(".repeat(DEEP));
    let e = Styles::from_bytes("deep.ron", deep.as_bytes()).unwrap_err();
    assert_eq!(e.to_string(), "deep.ron: 1:9: expected a key name here");
    // Reviewer notes.
    let deep = format!("(file_hash: \"h\", notes: {}", "{".repeat(DEEP));
    let e = notes::parse(deep.as_bytes()).unwrap_err();
    assert_eq!(
        e.describe(Lang::En),
        "1:26: not a notes file (Expected string)"
    );
}

#[test]
fn bom_and_crlf_are_accepted_by_every_parser() {
    let bom_crlf = |s: &str| format!("\u{feff}{}", s.replace('\n', "\r\n"));
    // Forms.
    let form_text = std::fs::read_to_string(common::root().join("forms/ai-scenario.ron")).unwrap();
    assert_eq!(
        form::load_str(&bom_crlf(&form_text)).unwrap(),
        common::flagship()
    );
    // Drafts.
    let d = example();
    assert_eq!(Draft::from_ron(&bom_crlf(&d.to_ron())).unwrap(), d);
    // Submissions.
    let forms = FormSet::builtin();
    let json = bom_crlf(&submission_json(&d));
    let rf = load_bytes(Path::new("s.json"), json.as_bytes(), &forms).unwrap();
    assert_eq!(rf.draft.answers, d.answers);
    // Themes.
    let theme = std::fs::read_to_string(common::root().join("themes/high-contrast.ron")).unwrap();
    assert_eq!(
        Styles::from_bytes("t.ron", bom_crlf(&theme).as_bytes()).unwrap(),
        Styles::from_bytes("t.ron", theme.as_bytes()).unwrap()
    );
    // Reviewer notes (multi-line notes keep their line breaks as LF).
    let mut n = notes::Notes {
        file_hash: "sha256:00".into(),
        ..Default::default()
    };
    n.notes.insert("intro".into(), "第一行\n第二行".into());
    let text = notes::to_ron(&n).unwrap();
    assert!(text.contains('\n'));
    assert_eq!(notes::parse(bom_crlf(&text).as_bytes()).unwrap(), n);
}

#[test]
fn invalid_utf8_is_refused_with_its_byte_offset_by_every_parser() {
    let mut bad = "(file_hash: \"第".as_bytes().to_vec();
    bad.push(0xff);
    // Notes: line, column and byte.
    let e = notes::parse(&bad).unwrap_err();
    assert_eq!(e.describe(Lang::En), "1:15: not UTF-8 text (byte 16)");
    assert_eq!(
        e.describe(Lang::Zh),
        "第 1 行第 15 列（第 16 字节）：不是 UTF-8 文本"
    );
    // Themes.
    let e = Styles::from_bytes("t.ron", &bad).unwrap_err();
    assert_eq!(e.to_string(), "t.ron: 1:15: not UTF-8 text (byte 16)");
    // Received drafts and submissions.
    let forms = FormSet::builtin();
    let e = load_bytes(Path::new("r.ron"), &bad, &forms).unwrap_err();
    assert!(matches!(e, LoadError::NotUtf8 { offset: 16 }), "{e:?}");
    // Forms.
    let e = form::decode(&bad).unwrap_err();
    assert_eq!(e.kind, ErrorKind::NotUtf8 { offset: 16 });
}

#[test]
fn files_over_the_theme_and_notes_caps_are_refused_naming_them() {
    let dir = tempfile::tempdir().unwrap();
    let theme = dir.path().join("huge-theme.ron");
    std::fs::File::create(&theme)
        .unwrap()
        .set_len(THEME_FILE_CAP + 1)
        .unwrap();
    let e = Styles::load(theme.to_str().unwrap()).unwrap_err();
    let msg = e.to_string();
    assert!(msg.starts_with(&theme.display().to_string()), "{msg}");
    assert!(msg.contains("too large (1048577 bytes"), "{msg}");

    let hash = format!("sha256:{}", "ab".repeat(32));
    let path = notes::notes_path(dir.path(), &hash);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::File::create(&path)
        .unwrap()
        .set_len(notes::NOTES_FILE_CAP + 1)
        .unwrap();
    let e = notes::load(dir.path(), &hash).unwrap_err();
    let msg = e.to_string();
    assert!(msg.starts_with(&path.display().to_string()), "{msg}");
    assert!(msg.contains("too large"), "{msg}");

    // Notes just over their counts.
    let mut n = notes::Notes {
        file_hash: hash.clone(),
        ..Default::default()
    };
    n.notes
        .insert("intro".into(), "注".repeat(limits::MAX_ANSWER_CHARS + 1));
    let e = notes::parse(notes::to_ron(&n).unwrap().as_bytes()).unwrap_err();
    assert_eq!(
        e.describe(Lang::En),
        "'intro': 1000001 answer length (characters), more than the limit of 1000000"
    );
}
