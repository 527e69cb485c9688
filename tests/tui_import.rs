//! Importing a text file into a long text from the editor (Alt-I): the path prompt and its Tab
//! completion, every encoding the importer detects, refusals that change nothing, the question
//! before words already there are replaced, and one undo step. Keys are replayed on the app;
//! the file effects `update` returns are performed by the driver's own `import_io`, relative to
//! a temp dir standing for the directory tianbiao was started in.

mod support;

use std::collections::VecDeque;
use std::path::Path;

use ratatui::crossterm::event::{KeyCode, KeyModifiers};
use support::tui::*;
use tianbiao::lang::Lang;
use tianbiao::tui::action::Effect;
use tianbiao::tui::driver::import_io;

const TEXT: &str = "智慧港口场景聚焦先导区特色行业领域，紧密结合人工智能。\n第二段：AI 视频分析。";

fn utf16(text: &str, le: bool) -> Vec<u8> {
    let mut v = if le {
        vec![0xFF, 0xFE]
    } else {
        vec![0xFE, 0xFF]
    };
    for u in text.encode_utf16() {
        v.extend(if le { u.to_le_bytes() } else { u.to_be_bytes() });
    }
    v
}

/// The fixtures, one per encoding, plus a binary file.
fn fixtures(dir: &Path) {
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend_from_slice(TEXT.as_bytes());
    // Notepad: GBK with CRLF line ends.
    let crlf = TEXT.replace('\n', "\r\n");
    let (gbk, _, _) = encoding_rs::GB18030.encode(&crlf);
    let files: [(&str, Vec<u8>); 6] = [
        ("utf8.txt", TEXT.as_bytes().to_vec()),
        ("bom.txt", bom),
        ("le.txt", utf16(TEXT, true)),
        ("be.txt", utf16(TEXT, false)),
        ("gbk.txt", gbk.into_owned()),
        (
            "image.png",
            b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01\0\0\0".to_vec(),
        ),
    ];
    for (name, bytes) in files {
        std::fs::write(dir.join(name), bytes).unwrap();
    }
}

/// Performs the effects like the driver does, feeding what came of them back to `update`.
fn run(h: &mut Harness, dir: &Path, fx: Vec<Effect>) {
    let mut queue: VecDeque<Effect> = fx.into();
    while let Some(e) = queue.pop_front() {
        if let Some(a) = import_io(dir, e) {
            queue.extend(h.act(a));
        }
    }
}

fn press(h: &mut Harness, dir: &Path, code: KeyCode) {
    let fx = h.press(code);
    run(h, dir, fx);
}

fn alt_i(h: &mut Harness) {
    let fx = h.key(KeyCode::Char('i'), KeyModifiers::ALT);
    assert!(fx.is_empty(), "opening the prompt touches no file: {fx:?}");
    assert!(h.app.import.is_some(), "Alt-I opens the path prompt");
}

/// Alt-I, the path, Enter.
fn import(h: &mut Harness, dir: &Path, path: &str) {
    alt_i(h);
    h.type_str(path);
    press(h, dir, KeyCode::Enter);
}

fn message(h: &Harness) -> String {
    h.app
        .message
        .as_ref()
        .map(|m| m.text.clone())
        .unwrap_or_default()
}

fn intro(h: &Harness) -> String {
    h.app.draft.answers.text("intro").to_string()
}

#[test]
fn every_encoding_is_imported_into_an_empty_field_as_one_undo_step() {
    let dir = tempfile::tempdir().unwrap();
    fixtures(dir.path());
    for (file, says) in [
        ("utf8.txt", "UTF-8 编码"),
        ("bom.txt", "UTF-8 编码（带 BOM，已去掉）"),
        ("le.txt", "UTF-16LE 编码，已转换"),
        ("be.txt", "UTF-16BE 编码，已转换"),
        ("gbk.txt", "GB18030 编码，已转换；统一 1 处换行"),
    ] {
        let mut h = Harness::new(flagship_app(Lang::Zh));
        h.focus_field("intro");
        import(&mut h, dir.path(), file);
        assert_eq!(intro(&h), TEXT, "{file}");
        assert!(h.app.import.is_none(), "{file}: the prompt closes");
        let m = message(&h);
        assert!(
            m.contains(&format!("已导入 {file}（{says}）")),
            "{file}: {m}"
        );
        assert!(m.contains("+"), "{m}");
        // The counts follow at once.
        assert!(h.app.limit_info(h.app.focus).unwrap().0 > 0);
        // One Ctrl-U takes the whole import back.
        h.ctrl('u');
        assert_eq!(intro(&h), "", "{file}");
    }
}

#[test]
fn binary_missing_and_oversized_files_change_nothing() {
    let dir = tempfile::tempdir().unwrap();
    fixtures(dir.path());
    let huge = "字".repeat(tianbiao::tui::update::FIELD_CAP_CHARS + 1);
    std::fs::write(dir.path().join("huge.txt"), huge).unwrap();
    let mut h = Harness::new(flagship_app(Lang::Zh));
    h.focus_field("intro");
    h.type_str("原有文字");
    let generation = h.app.generation;
    for (path, says) in [
        ("image.png", "看起来是二进制文件"),
        ("nothere.txt", "未导入 nothere.txt：文件不存在"),
        ("huge.txt", "文本过长"),
        (".", "不是普通文件"),
    ] {
        import(&mut h, dir.path(), path);
        let m = message(&h);
        assert!(m.contains(says), "{path}: {m}");
        assert_eq!(intro(&h), "原有文字", "{path}");
        assert_eq!(h.app.generation, generation, "{path}: nothing changed");
        // The prompt stays open to correct the path; Esc leaves it.
        assert!(h.app.import.is_some(), "{path}");
        h.press(KeyCode::Esc);
        assert!(h.app.import.is_none());
    }
}

#[test]
fn update_only_asks_the_driver_to_read() {
    let mut h = Harness::new(flagship_app(Lang::Zh));
    h.focus_field("intro");
    alt_i(&mut h);
    h.type_str("utf8.txt");
    let fx = h.press(KeyCode::Enter);
    assert_eq!(
        fx,
        [Effect::ReadImport {
            field: "intro".into(),
            path: "utf8.txt".into()
        }]
    );
    assert_eq!(intro(&h), "");
    let fx = h.press(KeyCode::Tab);
    assert_eq!(fx, [Effect::ListDir { dir: String::new() }]);
}

#[test]
fn tab_completes_the_common_prefix_and_a_second_tab_lists() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("简介-一.txt"), "第一稿").unwrap();
    std::fs::write(d.join("简介-二.txt"), "第二稿").unwrap();
    std::fs::create_dir(d.join("资料")).unwrap();
    std::fs::write(d.join("资料").join("附件说明.txt"), TEXT).unwrap();
    let mut h = Harness::new(flagship_app(Lang::Zh));
    h.focus_field("intro");
    alt_i(&mut h);
    h.type_str("简");
    press(&mut h, d, KeyCode::Tab);
    assert_eq!(h.app.import.as_ref().unwrap().path, "简介-");
    assert!(
        message(&h).contains("有 2 个候选，再按 Tab 列出"),
        "{}",
        message(&h)
    );
    let s = screen(&render(&h.app, 80, 24));
    assert!(s.contains("> 简介-"), "{s}");
    assert!(!s.contains("简介-一.txt"), "{s}");
    press(&mut h, d, KeyCode::Tab);
    let s = screen(&render(&h.app, 80, 24));
    assert!(s.contains("简介-一.txt  简介-二.txt"), "{s}");
    assert!(s.contains("Tab 补全  Enter 导入  Esc 取消"), "{s}");
    // Typing again hides the list; a unique name completes in full.
    h.type_str("二");
    assert!(h.app.import.as_ref().unwrap().listing.is_none());
    press(&mut h, d, KeyCode::Tab);
    assert_eq!(h.app.import.as_ref().unwrap().path, "简介-二.txt");
    // Into a directory, then inside it.
    h.ctrl('u');
    h.type_str("资");
    press(&mut h, d, KeyCode::Tab);
    assert_eq!(h.app.import.as_ref().unwrap().path, "资料/");
    press(&mut h, d, KeyCode::Tab);
    assert_eq!(h.app.import.as_ref().unwrap().path, "资料/附件说明.txt");
    h.ctrl('w');
    h.type_str("无");
    press(&mut h, d, KeyCode::Tab);
    assert!(
        message(&h).contains("没有以“无”开头的文件"),
        "{}",
        message(&h)
    );
    h.ctrl('w');
    h.type_str("附");
    press(&mut h, d, KeyCode::Tab);
    press(&mut h, d, KeyCode::Enter);
    assert_eq!(intro(&h), TEXT);
}

#[test]
fn a_field_with_text_asks_replace_append_or_cancel() {
    let dir = tempfile::tempdir().unwrap();
    fixtures(dir.path());
    let start = |h: &mut Harness| {
        h.focus_field("intro");
        h.type_str("原有一段。");
        import(h, dir.path(), "gbk.txt");
        assert!(h.app.import.as_ref().is_some_and(|p| p.ask.is_some()));
        assert_eq!(intro(h), "原有一段。", "nothing changes before the answer");
    };
    // Append (by its number).
    let mut h = Harness::new(flagship_app(Lang::Zh));
    start(&mut h);
    let s = screen(&render(&h.app, 80, 24));
    assert!(s.contains("本项已有内容"), "{s}");
    assert!(s.contains("「场景简介」已有 5 字"), "{s}");
    assert!(s.contains("GB18030 编码，已转换"), "{s}");
    assert!(
        s.contains("1. 替换现有内容") && s.contains("2. 追加到末尾"),
        "{s}"
    );
    h.press(KeyCode::Char('2'));
    assert_eq!(intro(&h), format!("原有一段。\n{TEXT}"));
    assert!(h.app.import.is_none());
    h.ctrl('u');
    assert_eq!(
        intro(&h),
        "原有一段。",
        "one undo step takes the append back"
    );
    // Replace (the first option, with Enter).
    let mut h = Harness::new(flagship_app(Lang::Zh));
    start(&mut h);
    h.press(KeyCode::Enter);
    assert_eq!(intro(&h), TEXT);
    h.ctrl('u');
    assert_eq!(intro(&h), "原有一段。");
    // Cancel.
    let mut h = Harness::new(flagship_app(Lang::Zh));
    start(&mut h);
    let generation = h.app.generation;
    h.press(KeyCode::Esc);
    assert_eq!(intro(&h), "原有一段。");
    assert_eq!(h.app.generation, generation);
    assert!(h.app.import.is_none());
    assert!(message(&h).contains("已取消导入"), "{}", message(&h));
}

#[test]
fn one_line_fields_and_read_only_drafts_refuse_with_a_reason() {
    let mut h = Harness::new(flagship_app(Lang::Zh));
    assert_ne!(h.app.focused().id, "intro");
    h.key(KeyCode::Char('i'), KeyModifiers::ALT);
    assert!(h.app.import.is_none());
    assert!(
        message(&h).contains("导入文件只用于长文本项"),
        "{}",
        message(&h)
    );
    let f = tianbiao::form::builtin("ai-scenario").unwrap().unwrap();
    let d = tianbiao::draft::Draft::new(&f, "只读", "2026-11-25T20:00:00+08:00");
    let mut h = Harness::new(app_with(d, true));
    h.focus_field("intro");
    h.key(KeyCode::Char('i'), KeyModifiers::ALT);
    assert!(h.app.import.is_none());
}

#[test]
fn english_prompt() {
    let dir = tempfile::tempdir().unwrap();
    fixtures(dir.path());
    let mut h = Harness::new(flagship_app(Lang::En));
    h.focus_field("intro");
    alt_i(&mut h);
    let s = screen(&render(&h.app, 80, 24));
    assert!(s.contains("Import a text file into"), "{s}");
    assert!(s.contains("Tab complete  Enter import  Esc cancel"), "{s}");
    h.type_str("le.txt");
    press(&mut h, dir.path(), KeyCode::Enter);
    assert!(
        message(&h).contains("imported le.txt (UTF-16LE encoding, converted)"),
        "{}",
        message(&h)
    );
}
