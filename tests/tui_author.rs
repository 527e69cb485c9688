//! Key-replay and render tests of what a new author trips over in the editor: a terminal too
//! small to show the form, section markers, lists, problems, the grid, attachments, resuming.

mod support;

use ratatui::crossterm::event::{KeyCode, KeyModifiers};
use support::tui::*;
use tianbiao::lang::Lang;
use tianbiao::tui::action::Action;

fn text(h: &Harness, id: &str) -> String {
    h.app.draft.answers.text(id).to_string()
}

/// A flagship draft with every required field answered (validly).
fn complete_draft() -> tianbiao::draft::Draft {
    use tianbiao::form::{Kind, Value};
    let f = tianbiao::form::builtin("ai-scenario").unwrap().unwrap();
    let mut d = tianbiao::draft::Draft::new(&f, "测试草稿", "2026-11-25T20:00:00+08:00");
    for field in f.sections.iter().flat_map(|s| &s.fields) {
        if !field.required {
            continue;
        }
        let v = match &field.kind {
            Kind::Date => Value::Date("2026-12-01".into()),
            Kind::Email => Value::Text("wang@example.cn".into()),
            Kind::Phone => Value::Text("18210608622".into()),
            Kind::List { .. } => Value::List(vec!["江城智能科技".into()]),
            Kind::Choice { options, .. } => Value::Choice {
                selected: vec![options[0].clone()],
                other: String::new(),
            },
            Kind::Confirm { .. } => Value::Confirm(true),
            _ => Value::Text("江城".into()),
        };
        d.answers.set(field.id.clone(), v);
    }
    d
}

#[test]
fn keys_typed_on_the_too_small_screen_go_nowhere_and_it_says_so() {
    let mut h = Harness::new(flagship_app(Lang::Zh));
    h.focus_field("intro");
    h.act(Action::Resize {
        width: 30,
        height: 8,
    });
    h.type_str("测试");
    h.press(KeyCode::Tab);
    assert_eq!(text(&h, "intro"), "");
    assert_eq!(h.app.focused().id, "intro", "Tab moved the hidden focus");
    let s = screen(&render(&h.app, 30, 8)).replace('\n', "");
    assert!(s.contains("终端太小"), "{s}");
    assert!(s.contains("不会输入到表单（已忽略 3 个按键）"), "{s}");
    // Ctrl-Q still works there.
    let fx = h.ctrl('q');
    assert!(fx.contains(&tianbiao::tui::action::Effect::Quit), "{fx:?}");
    h.app.quit_requested = false;
    // Back to a usable size: the status line says what happened to those keys.
    h.act(Action::Resize {
        width: 80,
        height: 24,
    });
    let s = screen(&render(&h.app, 80, 24));
    assert!(s.contains("终端太小时按下的 3 个键未输入到表单"), "{s}");
    h.type_str("码头");
    assert_eq!(text(&h, "intro"), "码头");
    let _ = KeyModifiers::NONE;
}

#[test]
fn a_section_with_every_required_field_done_is_ticked_though_an_optional_one_is_empty() {
    use tianbiao::form::Value;
    let f = tianbiao::form::builtin("ai-scenario").unwrap().unwrap();
    let mut d = tianbiao::draft::Draft::new(&f, "测试草稿", "2026-11-25T20:00:00+08:00");
    let t = |s: &str| Value::Text(s.into());
    let a = &mut d.answers;
    a.set("scenario_name", t("智慧港口场景"));
    a.set("region", t("江城"));
    a.set("user_units", t("江城港务集团"));
    a.set("providers", Value::List(vec!["江城智能科技".into()]));
    a.set(
        "domains",
        Value::Choice {
            selected: vec!["交通运输".into()],
            other: String::new(),
        },
    );
    a.set("contact_name", t("王五"));
    a.set("contact_phone", t("18210608622"));
    a.set("contact_email", t("wang@example.cn"));
    a.set("pledge", Value::Confirm(true));
    // 申报单位法定代表人 and 承诺日期 are optional and left empty.
    let h = Harness::new(app_with(d, false));
    let s = screen(&render(&h.app, 80, 24));
    assert!(s.contains("✓ 一、基本情况"), "{s}");
    // A section with nothing in it still shows as untouched.
    assert!(
        s.contains("- (七) 其他辅助材料") || !s.contains("(七)"),
        "{s}"
    );
    // An empty required field still counts.
    let mut h = h;
    h.app.draft.answers.set("region", t(""));
    let s = screen(&render(&h.app, 80, 24));
    assert!(s.contains("* 一、基本情况"), "{s}");
}

#[test]
fn enter_on_an_empty_last_list_item_leaves_the_list_and_empty_items_are_not_saved() {
    use tianbiao::form::Value;
    let mut h = Harness::new(flagship_app(Lang::Zh));
    h.focus_field("providers");
    // Enter three times, as a new user does: one item to type in, then out of the list.
    h.press(KeyCode::Enter);
    h.press(KeyCode::Enter);
    assert_eq!(h.app.focused().id, "domains");
    assert_eq!(
        h.app.draft.answers.get("providers"),
        Some(&Value::List(vec![]))
    );
    h.focus_field("providers");
    h.type_str("甲公司\n乙公司\n\n");
    assert_eq!(h.app.focused().id, "domains");
    assert_eq!(
        h.app.draft.answers.get("providers"),
        Some(&Value::List(vec!["甲公司".into(), "乙公司".into()]))
    );
    // Ctrl-N still adds an item where asked; an empty one is not written to the draft file.
    h.focus_field("providers");
    h.ctrl('n');
    h.ctrl('n');
    let snap = h.app.snapshot("2026-12-01T18:40:00+08:00");
    assert_eq!(
        snap.answers.get("providers"),
        Some(&Value::List(vec!["甲公司".into(), "乙公司".into()]))
    );
}

#[test]
fn f6_lands_on_the_first_character_over_the_limit_and_counts_the_problems() {
    use tianbiao::form::Value;
    let mut d = complete_draft();
    d.answers.set("region", Value::Text(String::new()));
    d.answers.set("contact_email", Value::Text("wang@".into()));
    let support = format!("{}{}", "甲".repeat(300), "乙".repeat(5));
    d.answers.set("support", Value::Text(support));
    let mut h = Harness::new(app_with(d, false));
    assert_eq!(h.app.focused().id, "applicant_unit");
    h.press(KeyCode::F(6));
    assert_eq!(h.app.focused().id, "region");
    assert!(
        h.app
            .message
            .as_ref()
            .unwrap()
            .text
            .starts_with("问题 1/3：实施区域：必填")
    );
    h.press(KeyCode::F(6));
    assert_eq!(h.app.focused().id, "contact_email");
    let m = &h.app.message.as_ref().unwrap().text;
    assert!(m.starts_with("问题 2/3：电子邮箱：电子邮箱格式不对"), "{m}");
    h.press(KeyCode::F(6));
    assert_eq!(h.app.focused().id, "support");
    let m = &h.app.message.as_ref().unwrap().text;
    assert!(
        m.starts_with("问题 3/3：") && m.contains("超出 5 字"),
        "{m}"
    );
    // The caret is on the first 乙, the first character over the limit, and the terminal
    // cursor is drawn there.
    let t = render(&h.app, 100, 30);
    let buf = t.backend().buffer();
    let pos = t.backend().cursor_position();
    assert_eq!(buf[(pos.x, pos.y)].symbol(), "乙", "{}", screen(&t));
    match &h.app.fields[h.app.focus].editor {
        tianbiao::tui::app::Editor::Long(lt) => {
            assert_eq!(lt.offset_of(lt.cursor()), "甲".len() * 300)
        }
        _ => panic!("support is a long text"),
    }
    // Wherever the caret was left, F6 goes back to the same place.
    h.ctrl('a');
    h.press(KeyCode::F(6));
    h.press(KeyCode::F(6));
    h.press(KeyCode::F(6));
    assert_eq!(h.app.focused().id, "support");
    let t = render(&h.app, 100, 30);
    let pos = t.backend().cursor_position();
    assert_eq!(t.backend().buffer()[(pos.x, pos.y)].symbol(), "乙");
}

/// The figures field with one row `path` / `caption`, left once (so its problems show), and the
/// driver's look at it reported back.
fn figure_checked(typed: &str, resolved: &str, check: tianbiao::tui::app::FileCheck) -> Harness {
    use tianbiao::tui::action::Effect;
    let mut h = Harness::new(flagship_app(Lang::Zh));
    h.focus_field("figures");
    h.ctrl('n');
    h.type_str(typed);
    h.press(KeyCode::Right);
    h.type_str("图 1 架构");
    let fx = h.press(KeyCode::Tab);
    assert!(
        fx.contains(&Effect::CheckFile { path: typed.into() }),
        "{fx:?}"
    );
    h.act(Action::FileChecked {
        path: typed.into(),
        resolved: resolved.into(),
        check,
    });
    h.press(KeyCode::BackTab);
    assert_eq!(h.app.focused().id, "figures");
    h
}

fn figure_paths(h: &Harness) -> Vec<String> {
    match h.app.draft.answers.get("figures") {
        Some(tianbiao::form::Value::Attachments(files)) => {
            files.iter().map(|f| f.path.clone()).collect()
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn the_draft_keeps_the_path_the_driver_resolved_and_the_message_names_it() {
    use tianbiao::export::FileState;
    let tried = "/home/作者/申报/架构图.png";
    let h = figure_checked("架构图.png", tried, Err(FileState::Missing));
    assert_eq!(figure_paths(&h), [tried]);
    assert!(h.app.dirty(), "the resolved path is an edit to save");
    let s = screen(&render(&h.app, 80, 24));
    assert!(
        s.contains(&format!("✗ 文件不存在：{tried}")),
        "the message says which path was tried:\n{s}"
    );
    let row = s.lines().find(|l| l.contains("/home/作者")).expect(&s);
    assert!(row.contains('✗') && !row.contains('✓'), "{s}");
}

#[test]
fn a_rejected_file_type_marks_its_row_and_the_message_keeps_the_accepted_types() {
    let path = "/home/作者/申报材料/二〇二六年第一批/典型应用场景架构说明.txt";
    let h = figure_checked(path, path, Ok(12));
    let t = render(&h.app, 80, 24);
    let s = screen(&t);
    let row = s.lines().find(|l| l.contains("/home/作者")).expect(&s);
    assert!(
        row.contains('✗') && !row.contains('✓'),
        "the row must not say ✓ under a refusal:\n{s}"
    );
    assert!(
        s.contains("✗ 不接受此类型（可用：png、jpg、jpeg）："),
        "the accepted types stay in sight:\n{s}"
    );
    // The long path wraps instead of being cut: its file name is on screen too.
    assert!(s.contains("架构说明.txt"), "{s}");
    // With an accepted type and the file there, the row says ✓.
    let ok = figure_checked("/tmp/图1.png", "/tmp/图1.png", Ok(12));
    let s = screen(&render(&ok.app, 80, 24));
    let row = s.lines().find(|l| l.contains("/tmp/")).expect(&s);
    assert!(row.contains('✓'), "{s}");
}

/// The draft as a resume reads it: saved, written out and parsed back.
fn reopened(h: &Harness) -> Harness {
    let text = h.app.snapshot("2026-12-01T18:40:00+08:00").to_ron();
    let back = tianbiao::draft::Draft::from_ron(&text).unwrap();
    Harness::new(app_with(back, false))
}

#[test]
fn a_resumed_draft_reopens_at_the_section_field_and_caret_it_was_left_at() {
    let mut h = Harness::new(flagship_app(Lang::Zh));
    h.focus_field("effect");
    h.type_str("港口吞吐量提升");
    h.press(KeyCode::Left);
    h.press(KeyCode::Left);
    let mut again = reopened(&h);
    assert_eq!(again.app.focused().id, "effect");
    let t = render(&again.app, 80, 24);
    let s = screen(&t);
    assert!(
        s.contains("(三) 应用效果"),
        "the pane shows the section:\n{s}"
    );
    let pos = t.backend().cursor_position();
    assert_eq!(t.backend().buffer()[(pos.x, pos.y)].symbol(), "提", "{s}");
    again.type_str("大幅");
    assert_eq!(text(&again, "effect"), "港口吞吐量大幅提升");

    // A list item, and the caret inside it.
    let mut h = Harness::new(flagship_app(Lang::Zh));
    h.focus_field("providers");
    h.type_str("甲公司");
    h.press(KeyCode::Enter);
    h.type_str("乙公司");
    h.press(KeyCode::Left);
    let mut again = reopened(&h);
    assert_eq!(again.app.focused().id, "providers");
    again.type_str("分");
    assert_eq!(
        again.app.draft.answers.get("providers"),
        Some(&tianbiao::form::Value::List(vec![
            "甲公司".into(),
            "乙公分司".into()
        ]))
    );
}

#[test]
fn only_moving_saves_the_place_on_quit_but_never_creates_a_draft() {
    use tianbiao::tui::action::{Effect, SaveReason};
    let quit_saves = |on_disk: bool| {
        let mut h = Harness::new(flagship_app(Lang::Zh));
        h.act(Action::Opened {
            on_disk,
            notes: Vec::new(),
        });
        h.press(KeyCode::PageDown);
        h.ctrl('q').iter().any(|e| {
            matches!(
                e,
                Effect::Save {
                    reason: SaveReason::Quit,
                    ..
                }
            )
        })
    };
    assert!(quit_saves(true), "a draft on disk learns where it was left");
    assert!(!quit_saves(false), "a new, empty draft stays unwritten");
    // Not moving: nothing to write.
    let mut h = Harness::new(flagship_app(Lang::Zh));
    h.act(Action::Opened {
        on_disk: true,
        notes: Vec::new(),
    });
    assert!(!h.ctrl('q').iter().any(|e| matches!(e, Effect::Save { .. })));
}

/// The status rows: everything below the pane's bottom border.
fn status_rows(t: &ratatui::Terminal<ratatui::backend::TestBackend>) -> Vec<String> {
    let all = lines(t.backend().buffer());
    let border = all.iter().rposition(|l| l.contains('┘')).expect("pane");
    all[border + 1..].to_vec()
}

fn squeezed(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

#[test]
fn a_status_message_longer_than_the_line_wraps_instead_of_being_cut() {
    let mut h = Harness::new(flagship_app(Lang::Zh));
    h.focus_field("intro");
    // Text from a PDF: line ends, radicals, a control and a zero-width space, all reported.
    h.act(Action::Paste("港口\r\n⼯业⼈⼯智能\u{7}\u{200b}".repeat(3)));
    let said = h.app.message.clone().unwrap().text;
    for (w, hgt) in [(80, 24), (100, 30)] {
        let t = render(&h.app, w, hgt);
        let rows = status_rows(&t);
        assert!(rows.len() >= 2, "{}", screen(&t));
        assert!(
            squeezed(&rows.concat()).contains(&squeezed(&said)),
            "the whole message is on screen at {w}×{hgt}:\n{}",
            screen(&t)
        );
    }
    // The export refusal with its first problem, at 80×24.
    let refused = "未导出：有 2 个问题（F6 逐个查看）。首个：二、详细情况 · (三) 应用效果：超出 23 字（上限 500 字）";
    h.act(Action::Exported {
        message: refused.into(),
        ok: false,
    });
    let t = render(&h.app, 80, 24);
    let rows = status_rows(&t);
    assert!(rows[0].starts_with("未保存  未导出"), "{rows:?}");
    assert!(
        squeezed(&rows.concat()).contains(&squeezed(refused)),
        "{rows:?}"
    );
    // A short message keeps the one status row.
    h.act(Action::Exported {
        message: "已导出：智慧港口.json".into(),
        ok: true,
    });
    let t = render(&h.app, 80, 24);
    assert_eq!(status_rows(&t).len(), 1, "{}", screen(&t));
}

#[test]
fn the_pledge_says_it_is_required_on_leaving_not_on_first_focus() {
    let mut h = Harness::new(flagship_app(Lang::Zh));
    h.focus_field("pledge");
    let s = screen(&render(&h.app, 80, 24));
    let at = s.find("> 真实性承诺").expect(&s);
    assert!(!s[at..].contains("必填，尚未填写"), "{s}");
    h.press(KeyCode::Tab);
    let s = screen(&render(&h.app, 80, 24));
    let at = s.find("真实性承诺 *").expect(&s);
    assert!(s[at..].contains("必填，尚未填写"), "{s}");
}

#[test]
fn the_overview_says_what_is_below_and_above_when_it_is_cut() {
    let mut h = Harness::new(flagship_app(Lang::Zh));
    let s = screen(&render(&h.app, 80, 24));
    assert!(s.contains("下面还有"), "{s}");
    assert!(!s.contains("上面还有"), "{s}");
    // At the last field the top is cut instead, and (七) is shown.
    h.focus_field("materials");
    let s = screen(&render(&h.app, 80, 24));
    assert!(s.contains("上面还有"), "{s}");
    assert!(s.contains("(七)"), "{s}");
    // Tall enough for everything: no such line.
    let s = screen(&render(&h.app, 100, 60));
    assert!(!s.contains("上面还有") && !s.contains("下面还有"), "{s}");
}

#[test]
fn an_attachment_cell_that_does_not_fit_shows_its_file_name() {
    let f = tianbiao::form::builtin("ai-scenario").unwrap().unwrap();
    let mut d = tianbiao::draft::Draft::new(&f, "草稿", "2026-11-25T20:00:00+08:00");
    d.answers.set(
        "figures",
        tianbiao::form::Value::Attachments(vec![tianbiao::form::Attachment {
            path: "/home/zhangsan/申报材料/二〇二二年人工智能典型应用场景/架构图.png".into(),
            caption: "图 1 架构".into(),
        }]),
    );
    let mut h = Harness::new(tianbiao::tui::app::App::new(
        f,
        d,
        Lang::Zh,
        false,
        "草稿".into(),
    ));
    h.focus_field("ai_content");
    let s = screen(&render(&h.app, 80, 24));
    let row = s
        .lines()
        .find(|l| l.contains("图 1 架构"))
        .unwrap_or_else(|| panic!("{s}"));
    assert!(row.contains("…") && row.contains("架构图.png"), "{row}");
    assert!(!row.contains("/home/zh"), "{row}");
}

#[test]
fn a_long_list_item_being_typed_shows_a_marker_where_it_is_cut() {
    let mut h = Harness::new(flagship_app(Lang::Zh));
    h.focus_field("providers");
    let item =
        "XX 智能科技有限公司与 YY 视觉技术有限公司联合体（牵头单位：XX 港口研究院人工智能实验室）";
    h.type_str(item);
    let t = render(&h.app, 80, 24);
    let s = screen(&t);
    let row = s
        .lines()
        .find(|l| l.contains("实验室）"))
        .unwrap_or_else(|| panic!("{s}"));
    // The end being typed is shown, a … says the start is cut off, and the caret is after it.
    assert!(row.contains("…"), "{row}");
    assert!(!row.contains("XX 智能科技"), "{row}");
    let pos = t.backend().cursor_position();
    let before = t.backend().buffer()[(pos.x - 1, pos.y)]
        .symbol()
        .to_string();
    let before2 = t.backend().buffer()[(pos.x - 2, pos.y)]
        .symbol()
        .to_string();
    assert!(
        before == "）" || before2 == "）",
        "caret after the last character: {row}"
    );
}
