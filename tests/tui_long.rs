//! Key-replay tests of the long-text editor: word motions and deletions on Chinese, mixed and
//! English text, undo by typed run, hidden characters, start/end of text, scrolling, and the
//! real cursor against the drawn text.

mod support;
use support::tui as tui_common;

use ratatui::crossterm::event::{KeyCode, KeyModifiers};
use tianbiao::lang::Lang;
use tianbiao::tui::action::Action;
use tianbiao::tui::app::Editor;
use tui_common::*;

const ALT: KeyModifiers = KeyModifiers::ALT;
const CTRL: KeyModifiers = KeyModifiers::CONTROL;

fn text(h: &Harness) -> String {
    h.app.draft.answers.text(&h.app.focused().id).to_string()
}

fn msg(h: &Harness) -> String {
    h.app
        .message
        .as_ref()
        .map(|m| m.text.clone())
        .unwrap_or_default()
}

fn harness_at(id: &str) -> Harness {
    let mut h = Harness::new(flagship_app(Lang::Zh));
    h.focus_field(id);
    h
}

fn paste(h: &mut Harness, s: &str) {
    h.act(Action::Paste(s.to_string()));
}

#[test]
fn ctrl_w_deletes_one_clause_of_chinese_at_a_time() {
    let mut h = harness_at("intro");
    h.type_str("智慧港口场景聚焦先导区特色行业领域，紧密结合人工智能、物联网等新一代信息技术");
    h.ctrl('w');
    assert_eq!(
        text(&h),
        "智慧港口场景聚焦先导区特色行业领域，紧密结合人工智能、"
    );
    h.ctrl('w');
    assert_eq!(
        text(&h),
        "智慧港口场景聚焦先导区特色行业领域，紧密结合人工智能"
    );
    h.ctrl('w');
    assert_eq!(text(&h), "智慧港口场景聚焦先导区特色行业领域，");
}

#[test]
fn word_motions_stop_at_script_changes_in_mixed_text() {
    let mut h = harness_at("intro");
    h.type_str("降低20%的整体运营成本，AI视频 platform");
    // Alt-B three times: before "platform", before "视频", before "AI".
    for _ in 0..3 {
        h.key(KeyCode::Char('b'), ALT);
    }
    h.key(KeyCode::Char('d'), ALT);
    assert_eq!(text(&h), "降低20%的整体运营成本，视频 platform");
    h.key(KeyCode::Char('f'), ALT);
    h.type_str("分析");
    assert_eq!(text(&h), "降低20%的整体运营成本，视频分析 platform");
    h.key(KeyCode::Home, CTRL);
    h.key(KeyCode::Char('f'), ALT);
    h.key(KeyCode::Char('d'), ALT);
    assert_eq!(text(&h), "降低%的整体运营成本，视频分析 platform");
}

#[test]
fn word_deletion_in_english_goes_word_by_word() {
    let mut h = harness_at("intro");
    h.type_str("open the data platform");
    h.ctrl('w');
    assert_eq!(text(&h), "open the data ");
    h.ctrl('w');
    assert_eq!(text(&h), "open the ");
    h.key(KeyCode::Home, CTRL);
    h.key(KeyCode::Char('d'), ALT);
    assert_eq!(text(&h), " the ");
}

#[test]
fn a_long_deletion_says_how_much_and_undo_brings_it_back() {
    let mut h = harness_at("effect");
    let clause = "港".repeat(215);
    paste(&mut h, &clause);
    h.ctrl('w');
    assert_eq!(text(&h), "");
    assert_eq!(msg(&h), "删除了 215 字，Ctrl-U 撤销");
    h.ctrl('u');
    assert_eq!(text(&h), clause);
    // A short deletion says nothing of the kind.
    h.type_str("，数据");
    h.app.message = None;
    h.ctrl('w');
    assert!(!msg(&h).contains("删除了"), "{}", msg(&h));
}

#[test]
fn undo_takes_back_a_typed_run_an_ime_commit_or_a_paste_at_once() {
    let mut h = harness_at("intro");
    h.type_str("此外还需要加强数据安全");
    h.ctrl('u');
    assert_eq!(text(&h), "");
    // A pause ends a run.
    h.type_str("甲乙");
    h.wait(1500);
    h.type_str("丙丁");
    h.ctrl('u');
    assert_eq!(text(&h), "甲乙");
    // A cursor move ends a run.
    h.type_str("丙");
    h.press(KeyCode::Left);
    h.type_str("戊");
    h.ctrl('u');
    assert_eq!(text(&h), "甲乙丙");
    // A paste is one step, apart from the typing before it.
    h.wait(1500);
    h.key(KeyCode::End, CTRL);
    paste(&mut h, "人工智能\n技术");
    h.ctrl('u');
    assert_eq!(text(&h), "甲乙丙");
    h.ctrl('r');
    assert_eq!(text(&h), "甲乙丙人工智能\n技术");
}

#[test]
fn hidden_characters_are_counted_on_paste_stepped_over_and_removed_by_one_key() {
    let mut h = harness_at("intro");
    paste(&mut h, "数据\u{200b}安全\u{202e}规范\u{feff}");
    assert!(msg(&h).contains("含 3 个不可见字符"), "{}", msg(&h));
    // They do not count.
    assert_eq!(h.app.limit_info(h.app.focus).unwrap().0, 6);
    // Each is one visible cell the caret steps over.
    h.key(KeyCode::Home, CTRL);
    let mut t = render(&h.app, 80, 24);
    let start = t.get_cursor_position().unwrap();
    let mut xs = Vec::new();
    for _ in 0..4 {
        h.press(KeyCode::Right);
        xs.push(render(&h.app, 80, 24).get_cursor_position().unwrap().x - start.x);
    }
    // 数 据 · 安: 2, 4, 5, 7 cells.
    assert_eq!(xs, [2, 4, 5, 7]);
    let s = screen(&t);
    assert!(s.contains("数据·安全·规范·"), "{s}");
    h.key(KeyCode::Char('h'), ALT);
    assert_eq!(text(&h), "数据安全规范");
    assert_eq!(msg(&h), "已删除 3 个不可见字符，Ctrl-U 撤销");
    h.ctrl('u');
    assert_eq!(text(&h), "数据\u{200b}安全\u{202e}规范\u{feff}");
    // The key is in the help.
    assert!(
        tianbiao::tui::keymap::help_lines(Lang::Zh, false)
            .iter()
            .any(|(k, d)| k == "Alt-H" && d.contains("不可见字符"))
    );
}

#[test]
fn ctrl_home_and_ctrl_end_go_to_the_start_and_end_of_the_text() {
    let mut h = harness_at("effect");
    paste(&mut h, "第一段\n第二段\n第三段");
    h.key(KeyCode::Home, CTRL);
    h.type_str("甲");
    h.key(KeyCode::End, CTRL);
    h.type_str("乙");
    assert_eq!(text(&h), "甲第一段\n第二段\n第三段乙");
}

fn long_text(h: &Harness) -> &tianbiao::text::buffer::LongText {
    match &h.app.fields[h.app.focus].editor {
        Editor::Long(lt) => lt,
        _ => panic!("not a long text"),
    }
}

#[test]
fn paging_down_stops_with_the_box_full() {
    let mut h = harness_at("effect");
    let para = "智慧港口场景中，开放人工智能解决方案集成，为数百家企业提供解决方案试验验证服务。";
    paste(&mut h, &[para; 12].join("\n"));
    h.key(KeyCode::Home, CTRL);
    render(&h.app, 80, 24);
    for _ in 0..30 {
        h.ctrl('v');
        render(&h.app, 80, 24);
    }
    let lt = long_text(&h);
    let mut t = render(&h.app, 80, 24);
    let pos = t.get_cursor_position().unwrap();
    // The caret is on the last row of the text, and the rows above it are all text.
    assert_eq!(lt.cursor(), lt.end());
    let s = screen(&t);
    let rows: Vec<&str> = s.lines().collect();
    let filled = rows[..pos.y as usize]
        .iter()
        .rev()
        .take_while(|l| l.contains("智") || l.contains("。") || l.contains("务"))
        .count();
    assert!(
        filled >= 3,
        "only {filled} rows of text above the caret:\n{s}"
    );
    // Down at the end stays at the end; Up moves one screen row.
    h.press(KeyCode::Up);
    let up = render(&h.app, 80, 24).get_cursor_position().unwrap();
    assert_eq!(up.y + 1, pos.y);
}

#[test]
fn the_real_cursor_is_on_the_caret_for_every_position() {
    let mut h = harness_at("effect");
    let f = tianbiao::form::builtin("ai-scenario").unwrap().unwrap();
    let example = f
        .sections
        .iter()
        .flat_map(|s| s.fields.iter())
        .find(|fl| fl.id == "effect")
        .and_then(|fl| fl.example.clone())
        .unwrap();
    let para: String = example
        .lines()
        .map(str::trim)
        .find(|l| l.starts_with("具体而言"))
        .unwrap()
        .to_string();
    paste(&mut h, &format!("{para}\u{200b}（AI）"));
    h.key(KeyCode::Home, CTRL);
    let chars: Vec<char> = text(&h).chars().collect();
    for (k, c) in chars.iter().enumerate() {
        let mut t = render(&h.app, 80, 24);
        let p = t.get_cursor_position().unwrap();
        let sym = t.backend().buffer()[(p.x, p.y)].symbol().to_string();
        let want = if *c == '\u{200b}' {
            "·".to_string()
        } else {
            c.to_string()
        };
        assert_eq!(sym, want, "caret before character {k} ({c})");
        h.press(KeyCode::Right);
    }
    // No row of the box starts with closing punctuation.
    let mut h2 = harness_at("effect");
    paste(&mut h2, &para);
    h2.key(KeyCode::Home, CTRL);
    let s = screen(&render(&h2.app, 80, 24));
    let rows: Vec<&str> = s
        .lines()
        .filter_map(|l| {
            let body = l.strip_suffix("││")?;
            Some(&body[body.rfind("││")? + "││".len()..])
        })
        .collect();
    assert!(rows.len() >= 3, "{s}");
    for r in rows {
        assert!(!r.starts_with(['，', '。', '、', '）']), "{r}\n{s}");
    }
}

#[test]
fn on_an_ambiguous_wide_terminal_quotes_take_two_cells_and_the_cursor_follows() {
    use tianbiao::tui::backend::{Ambiguous, FILLER};
    tianbiao::tui::view::text::set_ambiguous(Ambiguous::Wide);
    let mut h = harness_at("effect");
    paste(&mut h, "他说：“我们要做的是……把事情做好。”随后签署了协议。");
    h.key(KeyCode::Home, CTRL);
    let chars: Vec<char> = text(&h).chars().collect();
    let mut last_x = None;
    for (k, c) in chars.iter().enumerate() {
        let mut t = render(&h.app, 80, 24);
        let p = t.get_cursor_position().unwrap();
        let buf = t.backend().buffer();
        assert_eq!(
            buf[(p.x, p.y)].symbol(),
            c.to_string(),
            "caret before {k} ({c})"
        );
        // “ ” and … are ambiguous: the layout keeps their second cell with the filler.
        if matches!(c, '“' | '”' | '…') {
            assert_eq!(
                buf[(p.x + 1, p.y)].symbol(),
                FILLER.to_string(),
                "after {c}"
            );
        }
        if let Some((x, y)) = last_x
            && y == p.y
        {
            assert_eq!(p.x, x + 2, "every character of this text is two cells wide");
        }
        last_x = Some((p.x, p.y));
        h.press(KeyCode::Right);
    }
}
