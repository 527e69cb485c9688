//! Plain mode (`fill --plain`, or no usable terminal): the form walked line by line from
//! standard input, saved after every answer, with the same draft as the editor makes.

mod support;
use support::export as common;
use support::pty as pty_common;
use support::tui as tui_common;

use std::path::Path;
use std::time::Duration;

use common::tb;
use ratatui::crossterm::event::KeyCode;
use tianbiao::draft::Draft;
use tianbiao::form::Value;
use tianbiao::lang::Lang;
use tui_common::{Harness, flagship_app};

fn read(path: &Path) -> Draft {
    Draft::from_ron(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// Runs plain mode on `draft` with `stdin`; returns (exit code, stdout).
fn plain(data: &Path, draft: &Path, stdin: &str) -> (i32, String) {
    let out = tb(data)
        .arg("fill")
        .arg("--plain")
        .arg("--draft")
        .arg(draft)
        .write_stdin(stdin.to_string())
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

const INTRO: &str = "智慧港口场景聚焦先导区特色行业领域。\n后续可在其他港口进行推广应用。";
const AI: &str = "一是搭建 AI 视频智能分析平台。\n\n二是运用深度学习算法。";
const EFFECT: &str = "港口规划时间由 2.5 小时缩短为 8 秒。";
const PROSPECT: &str = "可复制推广能力强，适用于 95% 的传统码头。";
const NEEDS: &str = "建设开放协同的港口生态。";
const SUPPORT: &str = "先导区设立专项资金，支持场景建设。";

#[test]
fn plain_mode_fills_the_whole_form_like_the_editor() {
    let script = format!(
        "XX 港口研究院\n2022-08-10\n智慧港口场景\n上海市浦东新区\n上海港集团\n\
         甲公司\n乙公司\n.\n6,15\n港航服务\n张三\n18210608622\nzhangsan@example.com\ny\n李四\n\
         2022-08-11\n{INTRO}\n.\n{AI}\n.\n/tmp/图1.png | 图 1 智慧港口架构\n.\n{EFFECT}\n.\n\
         {PROSPECT}\n.\n{NEEDS}\n.\n{SUPPORT}\n.\n/tmp/现场.jpg | 现场照片\n.\n"
    );
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("plain.ron");
    let (code, stdout) = plain(tmp.path(), &path, &script);
    assert_eq!(code, 0, "{stdout}");
    assert!(stdout.contains("已到最后一项"), "{stdout}");
    assert!(!stdout.contains('\u{1b}'));
    let by_plain = read(&path).answers;

    // The same answers typed into the editor, key by key.
    let mut h = Harness::new(flagship_app(Lang::Zh));
    for (id, text) in [
        ("applicant_unit", "XX 港口研究院"),
        ("filled_date", "2022-08-10"),
        ("scenario_name", "智慧港口场景"),
        ("region", "上海市浦东新区"),
        ("user_units", "上海港集团"),
    ] {
        h.focus_field(id);
        h.type_str(text);
    }
    h.focus_field("providers");
    h.type_str("甲公司");
    h.press(KeyCode::Enter);
    h.type_str("乙公司");
    h.focus_field("domains");
    for _ in 0..5 {
        h.press(KeyCode::Right);
    }
    h.press(KeyCode::Char(' ')); // 交通运输
    for _ in 0..9 {
        h.press(KeyCode::Right);
    }
    h.press(KeyCode::Char(' ')); // 其他
    for (id, text) in [
        ("domain_other", "港航服务"),
        ("contact_name", "张三"),
        ("contact_phone", "18210608622"),
        ("contact_email", "zhangsan@example.com"),
    ] {
        h.focus_field(id);
        h.type_str(text);
    }
    h.focus_field("pledge");
    h.press(KeyCode::Char(' '));
    for (id, text) in [
        ("legal_rep", "李四"),
        ("pledge_date", "2022-08-11"),
        ("intro", INTRO),
        ("ai_content", AI),
    ] {
        h.focus_field(id);
        h.type_str(text);
    }
    h.focus_field("figures");
    h.ctrl('n');
    h.type_str("/tmp/图1.png");
    h.press(KeyCode::Right);
    h.type_str("图 1 智慧港口架构");
    for (id, text) in [
        ("effect", EFFECT),
        ("prospect", PROSPECT),
        ("needs", NEEDS),
        ("support", SUPPORT),
    ] {
        h.focus_field(id);
        h.type_str(text);
    }
    h.focus_field("materials");
    h.ctrl('n');
    h.type_str("/tmp/现场.jpg");
    h.press(KeyCode::Right);
    h.type_str("现场照片");
    h.press(KeyCode::Tab);

    assert_eq!(by_plain, h.app.draft.answers);
    let (done, total) = by_plain.completeness(&h.app.form);
    assert_eq!(done, total, "every field answered");
}

#[test]
fn without_a_terminal_plain_mode_is_chosen_by_itself() {
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("auto.ron");
    let out = tb(tmp.path())
        .arg("fill")
        .arg("--draft")
        .arg(&path)
        .write_stdin("XX 港口研究院\n:q\n")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("第 1/22 项：申报单位（必填）"), "{stdout}");
    assert!(stdout.contains("申报单位：已填写（"), "{stdout}");
    assert_eq!(read(&path).answers.text("applicant_unit"), "XX 港口研究院");
}

#[test]
fn a_rejected_answer_is_asked_again_with_the_reason() {
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("d.ron");
    let (code, stdout) = plain(
        tmp.path(),
        &path,
        "XX 港口研究院\n2022-13-45\n2022年8月10日\n场景\n上海\n用户\n甲公司\n.\n航天\n6\n张三\n12345\n:q\n",
    );
    assert_eq!(code, 0, "{stdout}");
    // The bad date is refused with its reason and asked for again; the written-out date kept.
    let after_date = &stdout[stdout.find("第 2/22 项").unwrap()..];
    assert!(after_date.contains("请重新回答"), "{after_date}");
    assert!(stdout.contains("没有这个选项：航天"), "{stdout}");
    assert!(stdout.contains("联系电话"), "{stdout}");
    let d = read(&path);
    assert_eq!(
        d.answers.get("filled_date"),
        Some(&Value::Date("2022-08-10".into()))
    );
    assert_eq!(
        d.answers.get("domains"),
        Some(&Value::Choice {
            selected: vec!["交通运输".into()],
            other: String::new()
        })
    );
    // The rejected phone number is kept in the draft (text is never thrown away)…
    assert_eq!(d.answers.text("contact_phone"), "12345");
    // …and input that runs out while it is rejected exits 1.
    let (code, _) = plain(tmp.path(), &path, ":goto contact_phone\n54321\n");
    assert_eq!(code, 1);
}

#[test]
fn back_goto_list_and_help() {
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("d.ron");
    let (code, stdout) = plain(
        tmp.path(),
        &path,
        "甲单位\n<\n乙单位\n:goto 场景简介\n?\n简介文字。\n.\n:goto 3\n场景A\n:list\n:goto 没有\n:q\n",
    );
    assert_eq!(code, 0, "{stdout}");
    let d = read(&path);
    assert_eq!(d.answers.text("applicant_unit"), "乙单位");
    assert_eq!(d.answers.text("intro"), "简介文字。");
    assert_eq!(d.answers.text("scenario_name"), "场景A");
    assert!(
        stdout.contains("场景简介：5/400 字，还可输入 395 字"),
        "{stdout}"
    );
    // `?` shows the template's instruction and example.
    assert!(stdout.contains("示例："), "{stdout}");
    assert!(
        stdout.contains("智慧港口场景聚焦先导区特色行业领域"),
        "{stdout}"
    );
    // `:list` shows every field with its state.
    assert!(stdout.contains("1. 申报单位 — 已填写（3 字）"), "{stdout}");
    assert!(stdout.contains("2. 填报日期 — 必填未填"), "{stdout}");
    assert!(
        stdout.contains("8. 其他（请注明） — （不适用）"),
        "{stdout}"
    );
    assert!(stdout.contains("没有这一项：没有"), "{stdout}");
}

#[test]
fn end_of_input_in_the_middle_saves_what_was_answered() {
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("d.ron");
    let (code, stdout) = plain(tmp.path(), &path, "甲单位\n2022-08-10\n");
    assert_eq!(code, 0, "{stdout}");
    let d = read(&path);
    assert_eq!(d.answers.text("applicant_unit"), "甲单位");
    assert_eq!(
        d.answers.get("filled_date"),
        Some(&Value::Date("2022-08-10".into()))
    );
    // A multi-line answer cut off before its "." is kept too; `-` clears; Enter keeps.
    let (code, _) = plain(tmp.path(), &path, ":goto intro\n第一段。\n第二段没写完");
    assert_eq!(code, 0);
    assert_eq!(read(&path).answers.text("intro"), "第一段。\n第二段没写完");
    let (code, _) = plain(tmp.path(), &path, "-\n\n");
    assert_eq!(code, 0);
    let d = read(&path);
    assert_eq!(d.answers.text("applicant_unit"), "");
    assert_eq!(
        d.answers.get("filled_date"),
        Some(&Value::Date("2022-08-10".into()))
    );
}

#[test]
fn under_term_dumb_in_a_terminal_no_escape_byte_is_written() {
    let tmp = tempfile::tempdir().unwrap();
    let mut p = pty_common::Pty::spawn_env(
        &pty_common::bin(),
        &["fill", "--draft", "dumb.ron"],
        tmp.path(),
        80,
        24,
        &[("TERM", "dumb")],
    );
    p.wait_text("回答>");
    p.type_str("XX 港口研究院\r");
    p.wait_text("申报单位：已填写");
    p.type_str("?\r");
    p.wait_text("[说明]");
    p.type_str(":list\r");
    p.wait_text("22. 图片文件");
    p.type_str(":q\r");
    assert_eq!(p.wait_exit(Duration::from_secs(10)), 0);
    let raw = p.raw.lock().unwrap().clone();
    assert!(!raw.is_empty());
    assert!(
        !raw.contains(&0x1b),
        "an escape byte reached the dumb terminal: {}",
        String::from_utf8_lossy(&raw)
    );
    let d = read(&tmp.path().join("dumb.ron"));
    assert_eq!(d.answers.text("applicant_unit"), "XX 港口研究院");
}

#[test]
fn a_date_phone_or_email_is_read_back_as_taken_not_counted() {
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("d.ron");
    let (code, stdout) = plain(
        tmp.path(),
        &path,
        "甲单位\n２０２２－０８－１０\n:goto contact_phone\n０２７－８６５５１２３４\n:list\n:q\n",
    );
    assert_eq!(code, 0, "{stdout}");
    assert!(stdout.contains("填报日期：已填写：2022-08-10"), "{stdout}");
    assert!(
        stdout.contains("联系电话：已填写：027-86551234"),
        "{stdout}"
    );
    assert!(
        stdout.contains("2. 填报日期 — 已填写：2022-08-10"),
        "{stdout}"
    );
    assert!(!stdout.contains("（1 字）"), "{stdout}");
}
