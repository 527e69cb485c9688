//! The review screen: read-only, hidden characters revealed, notes per field, file switching.

mod support;

use ratatui::crossterm::event::KeyCode;
use support::tui::*;
use tianbiao::lang::Lang;
use tianbiao::review::{self as rv, CheckOptions, FormSet};
use tianbiao::tui::action::Effect;
use tianbiao::tui::app::{App, ReviewInfo};

fn fixture(name: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/received")
        .join(name)
}

fn review_app(name: &str) -> App {
    let forms = FormSet::builtin();
    let file = rv::load_file(&fixture(name), &forms).unwrap();
    let checked = rv::check_received(
        &file,
        &CheckOptions {
            skip_attachments: true,
            ..CheckOptions::default()
        },
    );
    let info = ReviewInfo {
        position: 0,
        count: 2,
        path: name.into(),
        hidden: Vec::new(),
        verdict: format!("{} 个问题", checked.findings.len()),
        ..ReviewInfo::default()
    };
    App::new_review((*file.form).clone(), file.draft.clone(), Lang::Zh, info)
}

#[test]
fn notes_open_take_text_and_close_with_esc() {
    let mut h = Harness::new(review_app("valid.ron"));
    h.press(KeyCode::Char('n'));
    assert!(h.app.review.as_ref().unwrap().note_editor.is_some());
    h.type_str("请补充\n第二行");
    let fx = h.press(KeyCode::Esc);
    assert!(fx.contains(&Effect::SaveNotes));
    let r = h.app.review.as_ref().unwrap();
    assert!(r.note_editor.is_none());
    assert_eq!(
        r.notes.get("applicant_unit").map(String::as_str),
        Some("请补充\n第二行")
    );
}

#[test]
fn hidden_characters_are_shown_as_markers_never_raw() {
    let mut app = review_app("hostile.ron");
    if let Some(r) = app.review.as_mut() {
        r.hidden = tianbiao::sanitize::hidden_chars("\u{1b}\u{202e}\u{200b}");
    }
    let t = render(&app, 100, 30);
    let s = screen(&t);
    assert!(s.contains("⟨ESC⟩]0;pwned⟨BEL⟩"), "{s}");
    assert!(s.contains("⟨U+009B⟩31m"), "{s}");
    assert!(s.contains("含 3 个隐藏字符"), "{s}");
    assert!(s.contains("隐藏字符 3（控制 1，双向 1，零宽 1）"), "{s}");
    assert!(s.contains("评审（只读）"));
    let buf = t.backend().buffer();
    for y in 0..30 {
        for x in 0..100 {
            let sym = buf[(x, y)].symbol();
            assert!(
                !sym.chars().any(|c| c.is_control()
                    || ('\u{202a}'..='\u{202e}').contains(&c)
                    || ('\u{2066}'..='\u{2069}').contains(&c)
                    || c == '\u{200b}'),
                "raw hidden character at {x},{y}: {sym:?}"
            );
        }
    }
    // The markers stand out.
    let (x, y) = find(buf, "⟨ESC⟩").unwrap();
    assert_eq!(
        buf[(x, y)].style(),
        buf[(x, y)]
            .style()
            .patch(tianbiao::theme::Styles::default_theme().hidden_char)
    );
}

#[test]
fn every_field_with_hidden_characters_says_so() {
    let mut h = Harness::new(review_app("hostile.ron"));
    let mut seen = 0;
    for _ in 0..h.app.fields.len() {
        let s = screen(&render(&h.app, 100, 40));
        if s.contains("个隐藏字符（已用 ⟨⟩ 标出）") {
            seen += 1;
        }
        h.press(KeyCode::Tab);
    }
    assert!(seen >= 3, "{seen}");
}

#[test]
fn nothing_can_be_edited_in_review() {
    let mut h = Harness::new(review_app("valid.ron"));
    let before = h.app.draft.answers.clone();
    h.focus_field("intro");
    h.type_str("改");
    h.act(tianbiao::tui::action::Action::Paste("粘贴".into()));
    h.press(KeyCode::Backspace);
    assert_eq!(h.app.draft.answers, before);
    assert!(h.app.message.clone().unwrap().text.contains("评审模式"));
    assert!(
        h.ctrl('s')
            .iter()
            .all(|e| !matches!(e, Effect::Save { .. }))
    );
}

#[test]
fn brackets_switch_files_and_f6_finds_problems() {
    let mut h = Harness::new(review_app("over-limit.ron"));
    assert_eq!(
        h.press(KeyCode::Char(']')),
        [Effect::SwitchFile { delta: 1 }]
    );
    assert_eq!(
        h.press(KeyCode::Char('[')),
        [Effect::SwitchFile { delta: -1 }]
    );
    h.press(KeyCode::F(6));
    let i = h.app.focus;
    assert!(!h.app.problems(i).is_empty());
}

#[test]
fn a_note_shows_under_its_field() {
    let mut h = Harness::new(review_app("valid.ron"));
    h.focus_field("intro");
    h.press(KeyCode::Char('n'));
    h.type_str("开放性体现不足");
    h.press(KeyCode::Esc);
    let s = screen(&render(&h.app, 80, 24));
    assert!(s.contains("批注：开放性体现不足"), "{s}");
}

/// `tianbiao review FILE.docx`: a received Word document opens like a draft, at 80×24: its
/// header and verdict, its sections with their answers and counts, and beside a count what the
/// document has that Word's 字数 leaves out.
#[test]
fn a_word_document_opens_like_a_draft_with_counts_and_what_they_leave_out() {
    let forms = FormSet::builtin();
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/docx/controls.docx");
    let file = rv::load_file(&path, &forms).unwrap();
    let checked = rv::check_received(
        &file,
        &CheckOptions {
            skip_attachments: true,
            ..CheckOptions::default()
        },
    );
    let notes = tianbiao::review::notes::Notes::default();
    let app = tianbiao::tui::review::review_app(&file, &checked, &notes, (0, 1), Lang::Zh);
    let s = screen(&render(&app, 80, 24));
    assert!(s.contains("评审 1/1"), "{s}");
    assert!(s.contains("controls.docx"), "{s}");
    assert!(s.contains("✗ 不通过"), "{s}");
    assert!(s.contains("XX港口研究院"), "{s}");
    assert!(
        s.contains("(一) 场景简介   90/400"),
        "the sections and their counts: {s}"
    );
    assert!(
        s.contains("* 电子邮箱"),
        "the e-mail's placeholder is no answer: {s}"
    );
    let mut h = Harness::new(app);
    h.focus_field("ai_content");
    let s = screen(&render(&h.app, 80, 24));
    assert!(s.contains("(二) 人工智能应用内容"), "{s}");
    assert!(s.contains("场景采用机器视觉与深度学习技术"), "{s}");
    assert!(s.contains("73/500"), "{s}");
    assert!(s.contains("另有文本框 15 字未计入"), "{s}");
    assert!(
        !s.contains("文本框中的说明文字"),
        "the text box is not in the answer: {s}"
    );
    h.focus_field("effect");
    let s = screen(&render(&h.app, 80, 24));
    assert!(s.contains("(三) 应用效果"), "{s}");
    assert!(s.contains("另有脚注 12 字未计入"), "{s}");
    // A draft's fields carry no such remark.
    let draft_app = review_app("valid.ron");
    assert!(draft_app.review.as_ref().unwrap().remarks.is_empty());
}

#[test]
fn help_in_review_lists_only_keys_that_work_there() {
    let mut h = Harness::new(review_app("valid.ron"));
    h.press(KeyCode::F(1));
    // The whole page, scrolled through at 80×24.
    let mut seen = String::new();
    for _ in 0..6 {
        seen.push_str(&screen(&render(&h.app, 80, 24)));
        h.press(KeyCode::PageDown);
    }
    for review_key in ["评审：下一份文件", "评审：给当前项写批注", "下一个问题"]
    {
        assert!(seen.contains(review_key), "{review_key} missing:\n{seen}");
    }
    assert!(seen.contains("退出评审"), "{seen}");
    for editing_key in [
        "Ctrl-N",
        "F8",
        "Ctrl-S",
        "Ctrl-O",
        "F9/Alt-E",
        "Alt-I",
        "Alt-H",
        "删除字符",
        "撤销",
        "保存并退出",
    ] {
        assert!(!seen.contains(editing_key), "{editing_key} listed:\n{seen}");
    }
    // The editor's help still lists them.
    let editor = tianbiao::tui::keymap::help_lines(Lang::Zh, false);
    assert!(editor.iter().any(|(k, _)| k == "Ctrl-S"));
    assert!(editor.iter().any(|(k, _)| k.starts_with("Ctrl-N")));
}

#[test]
fn the_overview_marks_fields_with_a_note() {
    let mut h = Harness::new(review_app("valid.ron"));
    // The overview row of `label`: from its marker to the overview's border.
    let row_of = |s: &str, label: &str| -> String {
        s.lines()
            .flat_map(|l| l.split(['│', '┌']))
            .find(|cell| {
                cell.trim_start()
                    .starts_with(['✓', '-', '*', '~', '!', '✗'])
                    && cell.contains(label)
            })
            .unwrap_or_default()
            .to_string()
    };
    let s = screen(&render(&h.app, 100, 30));
    assert!(!row_of(&s, "(一) 场景简介").contains('批'), "{s}");
    h.focus_field("intro");
    h.press(KeyCode::Char('n'));
    h.type_str("开放性体现不足");
    h.press(KeyCode::Esc);
    let s = screen(&render(&h.app, 100, 30));
    assert!(row_of(&s, "(一) 场景简介").contains('批'), "{s}");
    assert!(!row_of(&s, "(二) 人工智能应用内容").contains('批'), "{s}");
    // At 80×24 the overview is F3's, with the same mark.
    h.press(KeyCode::F(3));
    let s = screen(&render(&h.app, 80, 24));
    assert!(row_of(&s, "(一) 场景简介").contains('批'), "{s}");
    // And F1 says what it means.
    h.press(KeyCode::Esc);
    h.press(KeyCode::F(1));
    let mut seen = String::new();
    for _ in 0..6 {
        seen.push_str(&screen(&render(&h.app, 80, 24)));
        h.press(KeyCode::PageDown);
    }
    // The legend may wrap between a mark and its meaning.
    let flat: String = seen
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '│')
        .collect();
    assert!(flat.contains("批有批注"), "{seen}");
}

#[test]
fn an_overall_note_is_written_with_o_and_shown_in_the_header() {
    let mut h = Harness::new(review_app("valid.ron"));
    h.focus_field("intro");
    h.press(KeyCode::Char('o'));
    let s = screen(&render(&h.app, 80, 24));
    assert!(s.contains("总体意见：整份文件"), "{s}");
    h.type_str("材料齐全，建议推荐");
    let fx = h.press(KeyCode::Esc);
    assert!(fx.contains(&Effect::SaveNotes));
    let r = h.app.review.as_ref().unwrap();
    assert_eq!(
        r.notes
            .get(tianbiao::review::notes::OVERALL)
            .map(String::as_str),
        Some("材料齐全，建议推荐")
    );
    // Not a note on the focused field.
    assert!(!r.notes.contains_key("intro"));
    let s = screen(&render(&h.app, 80, 24));
    assert!(s.lines().next().unwrap().contains("有总体意见"), "{s}");
    // Opened again, it holds what was written; emptied, it goes.
    h.press(KeyCode::Char('o'));
    h.press(KeyCode::End);
    for _ in 0.."材料齐全，建议推荐".chars().count() {
        h.press(KeyCode::Backspace);
    }
    h.press(KeyCode::Esc);
    assert!(h.app.review.as_ref().unwrap().notes.is_empty());
}
