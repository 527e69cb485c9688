//! Key-replay tests on the pure editor state machine: keys in, state and effects out.
//! No terminal, no disk, and a clock that only moves when the test says so.

mod support;

use ratatui::crossterm::event::{KeyCode, KeyModifiers};
use support::tui::*;
use tianbiao::draft::Draft;
use tianbiao::export::FileState;
use tianbiao::form::{self, Cell, Value};
use tianbiao::lang::Lang;
use tianbiao::tui::action::{Action, Effect, SaveReason};
use tianbiao::tui::app::{App, SaveState};

fn saves(fx: &[Effect]) -> Vec<SaveReason> {
    fx.iter()
        .filter_map(|e| match e {
            Effect::Save { reason, .. } => Some(*reason),
            _ => None,
        })
        .collect()
}

fn text(h: &Harness, id: &str) -> String {
    h.app.draft.answers.text(id).to_string()
}

#[test]
fn typing_chinese_updates_the_answer_and_the_counter() {
    let mut h = Harness::new(flagship_app(Lang::Zh));
    h.focus_field("intro");
    h.type_str("智慧港口场景聚焦AI视频分析。");
    assert_eq!(text(&h, "intro"), "智慧港口场景聚焦AI视频分析。");
    let (n, limit, _, _) = h.app.limit_info(h.app.focus).unwrap();
    // 8 ideographs + "AI" (one run) + 4 ideographs + "。"
    assert_eq!((n, limit), (14, 400));
    assert_eq!(h.app.save, SaveState::Unsaved);
}

#[test]
fn autosave_after_idle_not_before() {
    let mut h = Harness::new(flagship_app(Lang::Zh));
    h.focus_field("intro");
    h.effects.clear();
    h.type_str("甲乙丙");
    assert!(
        saves(&h.wait(600)).is_empty(),
        "no save while typing is fresh"
    );
    assert_eq!(saves(&h.wait(300)), [SaveReason::Idle]);
    assert_eq!(h.app.save, SaveState::Saving);
    // Nothing new: no second save.
    assert!(saves(&h.wait(5000)).is_empty());
}

#[test]
fn autosave_at_least_every_second_while_typing() {
    // A kill -9 must lose at most about 2 s of continuous typing.
    let mut h = Harness::new(flagship_app(Lang::Zh));
    h.focus_field("effect");
    h.effects.clear();
    let mut got = Vec::new();
    for _ in 0..25 {
        h.type_str("字");
        got.extend(saves(&h.wait(200)));
    }
    assert_eq!(got, [SaveReason::Interval; 5]);
}

#[test]
fn leaving_a_field_and_changing_section_save() {
    let mut h = Harness::new(flagship_app(Lang::Zh));
    h.focus_field("scenario_name");
    h.type_str("智慧港口场景");
    let fx = h.press(KeyCode::Tab);
    assert_eq!(saves(&fx), [SaveReason::LeaveField]);
    h.type_str("天津港");
    let fx = h.press(KeyCode::PageDown);
    assert_eq!(saves(&fx), [SaveReason::Section]);
    assert_eq!(h.app.focused().id, "intro");
}

#[test]
fn quit_saves_then_quits_and_ctrl_c_too() {
    for quit in ['q', 'c'] {
        let mut h = Harness::new(flagship_app(Lang::Zh));
        h.focus_field("intro");
        h.type_str("一段文字");
        let fx = h.ctrl(quit);
        assert_eq!(saves(&fx), [SaveReason::Quit]);
        assert_eq!(fx.last(), Some(&Effect::Quit));
        assert!(h.app.quit_requested);
    }
}

#[test]
fn saver_results_drive_the_status_line_truthfully() {
    let mut h = Harness::new(flagship_app(Lang::Zh));
    h.focus_field("intro");
    h.type_str("一");
    let generation = h.app.generation;
    h.wait(2000);
    // A save of an older generation does not make newer text "saved".
    h.type_str("二");
    h.act(Action::Saved {
        generation,
        at: "12:03:41".into(),
    });
    assert_eq!(h.app.save, SaveState::Unsaved);
    h.act(Action::Saved {
        generation: h.app.generation,
        at: "12:03:42".into(),
    });
    assert_eq!(h.app.save, SaveState::Saved("12:03:42".into()));
    assert!(!h.app.dirty());
}

#[test]
fn a_failed_save_keeps_text_dirty_and_clears_once_saved_again() {
    let mut h = Harness::new(flagship_app(Lang::Zh));
    h.focus_field("intro");
    h.type_str("不会丢的字");
    assert_eq!(saves(&h.wait(1600)), [SaveReason::Idle]);
    h.act(Action::SaveFailed {
        generation: h.app.generation,
        message: "磁盘已满".into(),
    });
    assert!(matches!(h.app.save, SaveState::Failed(_)));
    assert!(h.app.dirty());
    assert_eq!(text(&h, "intro"), "不会丢的字");
    assert!(
        h.app
            .message
            .as_ref()
            .is_some_and(|m| m.text.contains("磁盘已满"))
    );
    // The saver retries on its own schedule: the editor asks for nothing more meanwhile.
    assert!(saves(&h.wait(5000)).is_empty());
    // The retry worked: no stale failure beside "saved".
    h.act(Action::Saved {
        generation: h.app.generation,
        at: "12:00:01".into(),
    });
    assert_eq!(h.app.save, SaveState::Saved("12:00:01".into()));
    assert!(h.app.message.is_none(), "{:?}", h.app.message);
    assert!(!h.app.dirty());
}

#[test]
fn a_failed_save_on_quit_does_not_quit_silently() {
    let mut h = Harness::new(flagship_app(Lang::Zh));
    h.focus_field("intro");
    h.type_str("字");
    h.ctrl('q');
    h.act(Action::SaveFailed {
        generation: h.app.generation,
        message: "只读文件系统".into(),
    });
    assert!(
        !h.app.quit_requested,
        "the driver must not exit on a failed save"
    );
}

#[test]
fn paste_with_carriage_returns_becomes_lines_in_one_piece() {
    let mut h = Harness::new(flagship_app(Lang::Zh));
    h.focus_field("ai_content");
    h.act(Action::Paste(
        "第一行\r第二行\r\n第三行\u{7}\u{1b}[31m".into(),
    ));
    assert_eq!(text(&h, "ai_content"), "第一行\n第二行\n第三行");
    let msg = h.app.message.clone().unwrap().text;
    assert!(
        msg.contains("统一 2 处换行")
            && msg.contains("移除 1 个控制字符")
            && msg.contains("去掉 1 段终端转义序列"),
        "{msg}"
    );
    // One undo step removes the whole paste.
    h.ctrl('u');
    assert_eq!(text(&h, "ai_content"), "");
}

#[test]
fn pasting_coloured_terminal_output_keeps_only_the_words() {
    let mut h = Harness::new(flagship_app(Lang::Zh));
    h.focus_field("ai_content");
    h.act(Action::Paste(
        "\u{1b}[31m红色\u{1b}[0m告警，\u{1b}[1;32m绿色\u{1b}[m正常".into(),
    ));
    assert_eq!(text(&h, "ai_content"), "红色告警，绿色正常");
    let msg = h.app.message.clone().unwrap().text;
    assert!(msg.contains("去掉 4 段终端转义序列"), "{msg}");
}

#[test]
fn paste_into_a_one_line_field_joins_lines() {
    let mut h = Harness::new(flagship_app(Lang::Zh));
    h.focus_field("region");
    h.act(Action::Paste("天津市\r\n滨海新区".into()));
    assert_eq!(text(&h, "region"), "天津市 滨海新区");
}

#[test]
fn a_huge_paste_is_refused_with_a_message_and_nothing_is_lost() {
    let mut h = Harness::new(flagship_app(Lang::Zh));
    h.focus_field("intro");
    h.type_str("原有文字");
    h.act(Action::Paste("字".repeat(300_000)));
    assert_eq!(text(&h, "intro"), "原有文字");
    assert!(h.app.message.clone().unwrap().text.contains("粘贴内容过大"));
}

#[test]
fn typing_past_the_limit_is_never_blocked_or_cut() {
    let mut h = Harness::new(flagship_app(Lang::Zh));
    h.focus_field("support");
    h.type_str(&"支".repeat(310));
    assert_eq!(text(&h, "support").chars().count(), 310);
    let (n, limit, state, _) = h.app.limit_info(h.app.focus).unwrap();
    assert_eq!((n, limit), (310, 300));
    assert_eq!(state, tianbiao::count::LimitState::Over { excess: 10 });
}

#[test]
fn enter_in_a_one_line_field_moves_on_and_inserts_nothing() {
    let mut h = Harness::new(flagship_app(Lang::Zh));
    h.focus_field("scenario_name");
    h.type_str("智慧港口场景");
    h.press(KeyCode::Enter);
    assert_eq!(text(&h, "scenario_name"), "智慧港口场景");
    assert_eq!(h.app.focused().id, "region");
    h.ctrl('m');
    assert_eq!(text(&h, "region"), "");
}

#[test]
fn enter_in_long_text_is_a_new_line() {
    let mut h = Harness::new(flagship_app(Lang::Zh));
    h.focus_field("intro");
    h.type_str("第一段\n第二段");
    assert_eq!(text(&h, "intro"), "第一段\n第二段");
    assert_eq!(h.app.focused().id, "intro");
}

#[test]
fn choices_toggle_and_other_reveals_its_field() {
    let mut h = Harness::new(flagship_app(Lang::Zh));
    h.focus_field("domains");
    for _ in 0..5 {
        h.press(KeyCode::Right);
    }
    h.press(KeyCode::Char(' ')); // 交通运输
    assert_eq!(
        h.app.draft.answers.get("domains"),
        Some(&Value::Choice {
            selected: vec!["交通运输".into()],
            other: String::new()
        })
    );
    let other = h
        .app
        .fields
        .iter()
        .position(|f| h.app.form.sections[f.section].fields[f.index].id == "domain_other")
        .unwrap();
    assert!(!h.app.focusable(other));
    for _ in 0..20 {
        h.press(KeyCode::Right);
    }
    h.press(KeyCode::Enter); // 其他
    assert!(h.app.focusable(other));
    h.press(KeyCode::Tab);
    assert_eq!(h.app.focused().id, "domain_other");
    h.type_str("港航服务");
    assert_eq!(text(&h, "domain_other"), "港航服务");
}

#[test]
fn lists_add_edit_reorder_and_remove_items() {
    let mut h = Harness::new(flagship_app(Lang::Zh));
    h.focus_field("providers");
    h.type_str("甲公司");
    h.press(KeyCode::Enter);
    h.type_str("乙公司");
    h.key(KeyCode::Up, KeyModifiers::ALT);
    assert_eq!(
        h.app.draft.answers.get("providers"),
        Some(&Value::List(vec!["乙公司".into(), "甲公司".into()]))
    );
    // Removing an item with text needs a second F8.
    h.press(KeyCode::F(8));
    assert_eq!(
        h.app.draft.answers.get("providers"),
        Some(&Value::List(vec!["乙公司".into(), "甲公司".into()]))
    );
    h.press(KeyCode::F(8));
    assert_eq!(
        h.app.draft.answers.get("providers"),
        Some(&Value::List(vec!["甲公司".into()]))
    );
    // Backspace on an empty item removes it.
    h.press(KeyCode::Enter);
    h.press(KeyCode::Backspace);
    assert_eq!(
        h.app.draft.answers.get("providers"),
        Some(&Value::List(vec!["甲公司".into()]))
    );
}

#[test]
fn tables_add_rows_edit_cells_toggle_and_cap_rows() {
    let f = form::builtin("ai-scenario-summary").unwrap().unwrap();
    let d = Draft::new(&f, "汇总", "2026-11-25T20:00:00+08:00");
    let mut h = Harness::new(App::new(f, d, Lang::Zh, false, "汇总".into()));
    h.focus_field("scenarios");
    h.ctrl('n');
    h.type_str("智慧港口场景");
    h.press(KeyCode::Right); // at the end of the cell: next column
    h.type_str("交通运输");
    h.press(KeyCode::Right);
    h.type_str("XX 港口研究院");
    h.press(KeyCode::Right);
    h.press(KeyCode::Char(' '));
    let Some(Value::Table(rows)) = h.app.draft.answers.get("scenarios") else {
        panic!()
    };
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0]["name"], Cell::Text("智慧港口场景".into()));
    assert_eq!(rows[0]["domain"], Cell::Text("交通运输".into()));
    assert_eq!(rows[0]["applicant"], Cell::Text("XX 港口研究院".into()));
    assert_eq!(rows[0]["key_domain"], Cell::Bool(true));
    for _ in 0..25 {
        h.ctrl('n');
    }
    let Some(Value::Table(rows)) = h.app.draft.answers.get("scenarios") else {
        panic!()
    };
    assert_eq!(rows.len(), 20);
    assert!(h.app.message.clone().unwrap().text.contains("最多 20"));
}

#[test]
fn dates_are_tidied_when_leaving_the_field() {
    let mut h = Harness::new(flagship_app(Lang::Zh));
    h.focus_field("filled_date");
    h.type_str("2022年8月10日");
    h.press(KeyCode::Tab);
    assert_eq!(
        h.app.draft.answers.get("filled_date"),
        Some(&Value::Date("2022-08-10".into()))
    );
}

#[test]
fn validation_shows_after_leaving_not_while_typing() {
    let mut h = Harness::new(flagship_app(Lang::Zh));
    h.focus_field("contact_phone");
    h.type_str("123");
    let i = h.app.focus;
    assert!(!h.app.fields[i].touched);
    h.press(KeyCode::Tab);
    assert!(h.app.fields[i].touched);
    assert!(!h.app.problems(i).is_empty());
}

#[test]
fn confirm_toggles_with_space() {
    let mut h = Harness::new(flagship_app(Lang::Zh));
    h.focus_field("pledge");
    h.press(KeyCode::Char(' '));
    assert_eq!(
        h.app.draft.answers.get("pledge"),
        Some(&Value::Confirm(true))
    );
}

#[test]
fn tab_wraps_and_skips_hidden_fields() {
    let mut h = Harness::new(flagship_app(Lang::Zh));
    let mut seen = vec![h.app.focused().id.clone()];
    for _ in 0..100 {
        h.press(KeyCode::Tab);
        if h.app.focused().id == seen[0] {
            break;
        }
        seen.push(h.app.focused().id.clone());
    }
    // 22 fields, of which 其他（请注明） is hidden until 其他 is ticked: Tab wraps after 21.
    assert_eq!(seen.len(), 21, "{seen:?}");
    assert!(!seen.contains(&"domain_other".to_string()));
    h.key(KeyCode::BackTab, KeyModifiers::SHIFT);
    assert_eq!(h.app.focused().id, "materials");
}

#[test]
fn f6_visits_problems() {
    let mut h = Harness::new(flagship_app(Lang::Zh));
    h.focus_field("support");
    h.type_str(&"超".repeat(301));
    h.focus_field("applicant_unit");
    h.press(KeyCode::F(6));
    // The next problem after 申报单位 is 填报日期 (required, empty).
    assert_eq!(h.app.focused().id, "filled_date");
}

#[test]
fn read_only_drafts_refuse_edits_and_never_save() {
    let f = form::builtin("ai-scenario").unwrap().unwrap();
    let mut d = Draft::new(&f, "别人的", "2026-11-25T20:00:00+08:00");
    d.answers.set("intro", Value::Text("原文".into()));
    let mut h = Harness::new(app_with(d, true));
    h.focus_field("intro");
    h.type_str("改");
    h.act(Action::Paste("粘贴".into()));
    assert_eq!(text(&h, "intro"), "原文");
    assert!(saves(&h.ctrl('s')).is_empty());
    assert!(saves(&h.wait(20_000)).is_empty());
    assert_eq!(h.app.save, SaveState::ReadOnly);
    // Moving around still works.
    h.press(KeyCode::Left);
    h.press(KeyCode::Tab);
}

#[test]
fn attachments_are_checked_when_leaving_the_field() {
    let mut h = Harness::new(flagship_app(Lang::Zh));
    h.focus_field("figures");
    h.ctrl('n');
    h.type_str("/tmp/图1.png");
    h.press(KeyCode::Right);
    h.type_str("图 1 架构");
    let fx = h.press(KeyCode::Tab);
    assert!(fx.contains(&Effect::CheckFile {
        path: "/tmp/图1.png".into()
    }));
    h.act(Action::FileChecked {
        path: "/tmp/图1.png".into(),
        resolved: "/tmp/图1.png".into(),
        check: Err(FileState::Missing),
    });
    let i = h
        .app
        .fields
        .iter()
        .position(|f| h.app.form.sections[f.section].fields[f.index].id == "figures")
        .unwrap();
    assert!(!h.app.problems(i).is_empty());
}

#[test]
fn export_menu_saves_then_asks_the_driver_to_export() {
    let mut h = Harness::new(flagship_app(Lang::Zh));
    h.focus_field("intro");
    h.type_str("字");
    h.ctrl('o');
    h.press(KeyCode::Down);
    let fx = h.press(KeyCode::Enter);
    assert_eq!(saves(&fx), [SaveReason::Manual]);
    assert!(fx.contains(&Effect::Export { format: "docx" }));
}

#[test]
fn example_toggles_only_where_there_is_one() {
    let mut h = Harness::new(flagship_app(Lang::Zh));
    h.focus_field("intro");
    h.ctrl('t');
    assert!(h.app.show_example);
    h.press(KeyCode::Esc);
    assert!(!h.app.show_example);
    h.focus_field("region");
    h.press(KeyCode::F(2));
    assert!(!h.app.show_example);
    assert!(h.app.message.clone().unwrap().text.contains("没有示例"));
    // The example never becomes part of the answer.
    assert_eq!(text(&h, "region"), "");
}

#[test]
fn the_readme_documents_every_key() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    for b in tianbiao::tui::keymap::BINDINGS {
        let keys = tianbiao::tui::keymap::keys_text(b);
        assert!(readme.contains(&keys), "README lacks the keys {keys}");
    }
}

fn message(h: &Harness) -> String {
    h.app
        .message
        .as_ref()
        .map(|m| m.text.clone())
        .unwrap_or_default()
}

#[test]
fn full_width_phone_email_and_date_become_half_width_on_leaving_with_a_message() {
    let mut h = Harness::new(flagship_app(Lang::Zh));
    h.focus_field("contact_phone");
    h.type_str("０２７－８６５５１２３４");
    h.press(KeyCode::Tab);
    assert_eq!(text(&h, "contact_phone"), "027-86551234");
    assert_eq!(
        message(&h),
        "「联系电话」的全角字符已改为半角：027-86551234"
    );
    // An IME in Chinese mode types 。 for the dots of a domain.
    h.focus_field("contact_email");
    h.type_str("ｆａｎ＠ｃｓｔｃ。ｏｒｇ。ｃｎ");
    h.press(KeyCode::Tab);
    assert_eq!(text(&h, "contact_email"), "fan@cstc.org.cn");
    h.focus_field("filled_date");
    h.type_str("２０２２－０８－１０");
    h.press(KeyCode::Tab);
    assert_eq!(
        h.app.draft.answers.get("filled_date"),
        Some(&Value::Date("2022-08-10".into()))
    );
    // What was normalised passes the checks; a grouped mobile does too.
    let f = form::builtin("ai-scenario").unwrap().unwrap();
    let mut answers = h.app.draft.answers.clone();
    answers.set("contact_phone", Value::Text("138-0000-0000".into()));
    let wrong: Vec<_> = form::validate::validate(&f, &answers)
        .into_iter()
        .filter(|x| !x.is_required())
        .filter(|x| ["contact_phone", "contact_email", "filled_date"].contains(&x.field.as_str()))
        .collect();
    assert!(wrong.is_empty(), "{wrong:?}");
}

#[test]
fn a_pattern_field_keeps_exactly_what_was_typed() {
    let src = "Form(id: \"f\", version: \"1\", title: \"t\", sections: [Section(id: \"s\", \
               title: \"s\", fields: [Field(id: \"code\", label: \"代码\", \
               kind: Pattern(regex: \"^.+$\", message: \"m\"))])])";
    let f = form::load_str(src).unwrap();
    let d = Draft::new(&f, "草稿", "2026-11-25T20:00:00+08:00");
    let mut h = Harness::new(App::new(f, d, Lang::Zh, false, "草稿".into()));
    h.focus_field("code");
    h.type_str("ＡＢ－１２");
    h.press(KeyCode::Tab);
    assert_eq!(text(&h, "code"), "ＡＢ－１２");
    assert!(!message(&h).contains("半角"), "{}", message(&h));
}

#[test]
fn after_another_program_changed_the_draft_the_header_and_status_name_the_copy() {
    let mut h = Harness::new(flagship_app(Lang::Zh));
    h.app.screen = Some((80, 24));
    h.focus_field("intro");
    h.type_str("一");
    let copy = "/home/张三/草稿/测试草稿.conflict-20261201-183512.ron";
    h.act(Action::SaveConflict {
        generation: h.app.generation,
        copy: copy.into(),
    });
    let first = h.app.message.clone().expect("the conflict is said");
    assert!(first.text.contains(copy), "{}", first.text);
    let shown = screen(&render(&h.app, 80, 24));
    let rows: Vec<&str> = shown.lines().collect();
    assert!(
        rows[0].contains("→ 写入 测试草稿.conflict-20261201-183512.ron"),
        "{}",
        rows[0]
    );
    // The status row starts with the save state; the long warning wraps below it.
    let status = rows
        .iter()
        .find(|r| r.starts_with("✓ 已存到"))
        .unwrap_or_else(|| panic!("{shown}"));
    assert!(
        status.contains("✓ 已存到 测试草稿.conflict-20261201-183512.ron"),
        "{status}"
    );
    assert!(!status.contains("已保存"), "{status}");
    // Later saves to the same copy do not say it again over what the author is reading.
    h.app.message = None;
    h.type_str("二");
    h.act(Action::SaveConflict {
        generation: h.app.generation,
        copy: copy.into(),
    });
    assert!(h.app.message.is_none(), "{:?}", h.app.message);
    // Saved to the draft file again: the mark goes.
    h.act(Action::Saved {
        generation: h.app.generation,
        at: "18:40:00".into(),
    });
    let shown = screen(&render(&h.app, 80, 24));
    assert!(!shown.contains("写入"), "{shown}");
    assert!(shown.contains("已保存"), "{shown}");
}

#[test]
fn a_choice_column_cycles_its_options_and_bad_cells_say_what_they_expect() {
    let src = "Form(id: \"f\", version: \"1\", title: \"t\", sections: [Section(id: \"s\", \
               title: \"s\", fields: [Field(id: \"team\", label: \"团队\", kind: Table(columns: [\
               Column(id: \"title\", label: \"职称\", kind: Choice(options: [\"正高\", \"副高\", \"中级\"])), \
               Column(id: \"born\", label: \"出生日期\", kind: Date)]))])])";
    let f = form::load_str(src).unwrap();
    let d = Draft::new(&f, "草稿", "2026-11-25T20:00:00+08:00");
    let mut h = Harness::new(App::new(f.clone(), d, Lang::Zh, false, "草稿".into()));
    h.focus_field("team");
    // Typing starts a row; a title that is not an option is refused with the options named.
    h.type_str("教授");
    h.press(KeyCode::Tab);
    let problems = |h: &Harness| {
        form::validate::validate(&f, &h.app.draft.answers)
            .iter()
            .map(|x| form::msg::finding_line(Lang::Zh, &f, x))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        problems(&h),
        ["s · 团队: 第 1 行“职称”的内容无效：可选 正高、副高、中级（空格键依次切换）"]
    );
    // Space steps through the options: from a wrong text to the first, then on.
    h.focus_field("team");
    h.press(KeyCode::Char(' '));
    let cell = |h: &Harness, col: &str| match h.app.draft.answers.get("team") {
        Some(Value::Table(rows)) => match rows[0].get(col) {
            Some(tianbiao::form::Cell::Text(t)) => t.clone(),
            other => format!("{other:?}"),
        },
        other => format!("{other:?}"),
    };
    assert_eq!(cell(&h, "title"), "正高");
    h.press(KeyCode::Char(' '));
    assert_eq!(cell(&h, "title"), "副高");
    h.press(KeyCode::Char(' '));
    h.press(KeyCode::Char(' '));
    assert_eq!(cell(&h, "title"), "正高", "wraps around");
    // A date cell says what a date looks like.
    h.press(KeyCode::Right);
    h.type_str("去年");
    h.press(KeyCode::Tab);
    assert_eq!(
        problems(&h),
        ["s · 团队: 第 1 行“出生日期”的内容无效：应为日期，如 2022-08-15"]
    );
}

#[test]
fn the_summary_tables_ten_rule_is_a_reminder_not_a_cross() {
    let f = form::builtin("ai-scenario-summary").unwrap().unwrap();
    let d = Draft::new(&f, "汇总", "2026-11-25T20:00:00+08:00");
    let mut h = Harness::new(App::new(f, d, Lang::Zh, false, "汇总".into()));
    h.focus_field("scenarios");
    h.ctrl('n');
    h.type_str("智慧港口场景");
    h.press(KeyCode::Right);
    h.type_str("交通运输");
    h.press(KeyCode::Right);
    h.type_str("XX 港口研究院");
    h.press(KeyCode::Right);
    h.press(KeyCode::Char(' '));
    h.press(KeyCode::Tab);
    h.focus_field("scenarios");
    let i = h.app.focus;
    // One key-domain row of the ten the notice asks for: said with the count, never a ✗.
    assert_eq!(h.app.mark(i), tianbiao::tui::app::Mark::Ok);
    let s = screen(&render(&h.app, 100, 30));
    assert!(
        s.contains("注意：“重点领域”为是的行至少 10 个，现有 1 个"),
        "{s}"
    );
    assert!(!s.contains("✗ “重点领域”"), "{s}");
}
