//! Render tests on `TestBackend`: what the author sees at 80×24 and 40×12, the counter's near and
//! over styles on the cells, the overflow marking, the caret, help, too-small, and a size sweep.

mod support;

use ratatui::crossterm::event::KeyCode;
use ratatui::style::{Color, Modifier};
use support::tui::*;
use tianbiao::lang::Lang;
use tianbiao::theme::Styles;
use tianbiao::tui::action::Action;

#[test]
fn first_screen_at_80x24_shows_title_overview_pane_and_hints() {
    let h = Harness::new(flagship_app(Lang::Zh));
    let t = render(&h.app, 80, 24);
    let s = screen(&t);
    let lines: Vec<&str> = s.lines().collect();
    assert!(lines[0].starts_with("附件1 人工智能典型应用场景 · 草稿 测试草稿"));
    assert!(s.contains("* 申报单位与填报日期"));
    assert!(s.contains("(一) 场景简介    0/400"), "{s}");
    assert!(s.contains("> 申报单位 *"));
    assert!(lines[23].starts_with("未保存 "), "{}", lines[23]);
    assert!(
        lines[23].contains("  Tab 下一项  PgDn 下一节  Ctrl-T 示例  F1 帮助  Ctrl-Q 退出"),
        "{}",
        lines[23]
    );
}

/// An autosave changes the save state's words, never where the key hints stand: over a slow
/// link it rewrites a few cells, not the status line.
#[test]
fn the_key_hints_stay_put_through_an_autosave() {
    let mut h = Harness::new(flagship_app(Lang::Zh));
    let hints_at = |h: &Harness, w: u16, h_: u16| {
        let s = screen(&render(&h.app, w, h_));
        let status = s.lines().last().unwrap().to_string();
        let at = status.find("Tab 下一项").expect(&status);
        (status[..at].chars().count(), status)
    };
    for (w, rows) in [(80, 24), (120, 30)] {
        let mut seen = Vec::new();
        seen.push(hints_at(&h, w, rows));
        h.press(KeyCode::Char('x'));
        seen.push(hints_at(&h, w, rows));
        h.act(Action::Command(tianbiao::tui::action::Command::Save));
        seen.push(hints_at(&h, w, rows));
        h.act(Action::Saved {
            generation: h.app.generation,
            at: "09:41:07".into(),
        });
        seen.push(hints_at(&h, w, rows));
        let states: Vec<&str> = seen.iter().map(|(_, s)| s.as_str()).collect();
        assert!(states[1].starts_with("未保存"), "{states:?}");
        assert!(states[2].starts_with("保存中…"), "{states:?}");
        assert!(states[3].starts_with("✓ 已保存 09:41:07"), "{states:?}");
        assert!(
            seen.iter().all(|(at, _)| *at == seen[0].0),
            "{w}: {states:#?}"
        );
    }
}

#[test]
fn a_long_text_hints_f9_and_import_at_80x24() {
    let mut h = Harness::new(flagship_app(Lang::Zh));
    h.focus_field("intro");
    let s = screen(&render(&h.app, 80, 24));
    let status = s.lines().nth(23).unwrap();
    assert!(status.contains("F9 编辑器"), "{status}");
    assert!(status.contains("Alt-I 导入"), "{status}");
    assert!(
        status.contains("F1 帮助") && status.contains("Ctrl-Q 退出"),
        "{status}"
    );
    // Saved: a longer status, and still F9 (the general hints give way first).
    h.act(Action::Saved {
        generation: h.app.generation,
        at: "12:34:56".into(),
    });
    let s = screen(&render(&h.app, 80, 24));
    let status = s.lines().nth(23).unwrap();
    assert!(status.starts_with("✓ 已保存 12:34:56"), "{status}");
    assert!(
        status.contains("F9 编辑器") && status.contains("F1 帮助"),
        "{status}"
    );
    // Not in a one-line field, where F9 has nothing to open.
    h.press(KeyCode::BackTab);
    let s = screen(&render(&h.app, 80, 24));
    assert!(!s.lines().nth(23).unwrap().contains("F9"), "{s}");
    // Nor where nothing may change.
    let f = tianbiao::form::builtin("ai-scenario").unwrap().unwrap();
    let d = tianbiao::draft::Draft::new(&f, "只读", "2026-11-25T20:00:00+08:00");
    let mut ro = Harness::new(app_with(d, true));
    ro.focus_field("intro");
    let s = screen(&render(&ro.app, 80, 24));
    assert!(!s.lines().nth(23).unwrap().contains("F9"), "{s}");
    // The help page lists both, from the same keymap.
    h.focus_field("intro");
    h.press(KeyCode::F(1));
    let mut seen = String::new();
    for _ in 0..6 {
        seen.push_str(&screen(&render(&h.app, 80, 24)));
        h.press(KeyCode::PageDown);
    }
    assert!(
        seen.contains("F9/Alt-E") && seen.contains("用自己的编辑器"),
        "{seen}"
    );
    assert!(
        seen.contains("Alt-I") && seen.contains("从文本文件导入长文本"),
        "{seen}"
    );
}

#[test]
fn english_interface_on_request() {
    let h = Harness::new(flagship_app(Lang::En));
    let s = screen(&render(&h.app, 80, 24));
    let status = s.lines().nth(23).unwrap();
    assert!(status.starts_with("unsaved "), "{s}");
    assert!(status.contains("  Tab next  PgDn section"), "{s}");
}

#[test]
fn counter_is_always_visible_and_near_style_from_90_percent() {
    let mut h = Harness::new(flagship_app(Lang::Zh));
    h.focus_field("intro");
    h.type_str(&"港".repeat(359));
    let t = render(&h.app, 80, 24);
    let s = screen(&t);
    assert!(s.contains("359/400 字"), "{s}");
    // The line under the box catches up once typing pauses (one counter per key over SSH).
    assert!(!s.contains("还可输入 41 字"), "{s}");
    h.wait(400);
    let s = screen(&render(&h.app, 80, 24));
    assert!(s.contains("还可输入 41 字"), "{s}");
    h.type_str("口");
    let t = render(&h.app, 80, 24);
    let buf = t.backend().buffer();
    let (x, y) = find(buf, "360/400 字").expect("counter");
    let styles = Styles::default_theme();
    assert_eq!(buf[(x, y)].fg, styles.warn.fg.unwrap());
    assert!(buf[(x, y)].modifier.contains(Modifier::BOLD));
    // Not only colour: a marker and words say it too.
    assert!(screen(&t).contains("~ 360/400 字"));
    assert!(screen(&t).contains("还可输入 40 字"));
    // The overview row shows the near marker.
    assert!(screen(&t).contains("~ (一) 场景简介"));
}

#[test]
fn over_limit_shows_excess_and_marks_the_overflowing_text() {
    let mut h = Harness::new(flagship_app(Lang::Zh));
    h.focus_field("support");
    h.type_str(&"甲".repeat(300));
    h.type_str("乙乙乙乙乙");
    // "超出 5 字" under the box is a secondary counter: it catches up when typing pauses.
    h.wait(400);
    let t = render(&h.app, 80, 24);
    let s = screen(&t);
    assert!(s.contains("! 305/300 字"), "{s}");
    assert!(s.contains("超出 5 字"));
    let buf = t.backend().buffer();
    let styles = Styles::default_theme();
    let (x, y) = find(buf, "超出 5 字").unwrap();
    assert_eq!(buf[(x, y)].fg, styles.over.fg.unwrap());
    // Every 乙 (beyond 300) is drawn in the overflow style; no 甲 is.
    let mut marked = 0;
    let mut wrongly = 0;
    for y in 0..24 {
        for x in 0..80 {
            let c = &buf[(x, y)];
            let over = c.bg == styles.overflow.bg.unwrap_or(Color::Reset)
                && c.modifier.contains(Modifier::UNDERLINED);
            match c.symbol() {
                "乙" if over => marked += 1,
                "甲" if over => wrongly += 1,
                _ => {}
            }
        }
    }
    assert_eq!((marked, wrongly), (5, 0));
    assert!(screen(&t).contains("! (六) 支持举措"));
}

#[test]
fn mono_theme_keeps_meaning_without_colour() {
    let mut h = Harness::new(flagship_app(Lang::Zh));
    h.focus_field("support");
    h.type_str(&"甲".repeat(305));
    h.wait(400);
    let mono = Styles::builtin("mono").unwrap();
    let t = render_with(&h.app, 80, 24, &mono);
    let buf = t.backend().buffer();
    for y in 0..24 {
        for x in 0..80 {
            let c = &buf[(x, y)];
            assert!(
                matches!(c.fg, Color::Reset) && matches!(c.bg, Color::Reset),
                "colour at {x},{y}"
            );
        }
    }
    let s = screen(&t);
    assert!(s.contains("! 305/300 字") && s.contains("超出 5 字"));
    let (x, y) = find(buf, "超出 5 字").unwrap();
    assert!(
        buf[(x, y)]
            .modifier
            .contains(Modifier::BOLD | Modifier::UNDERLINED)
    );
}

#[test]
fn the_real_cursor_sits_after_the_last_typed_character() {
    let mut h = Harness::new(flagship_app(Lang::Zh));
    h.focus_field("intro");
    h.type_str("智慧港口");
    let mut t = render(&h.app, 80, 24);
    let buf = t.backend().buffer().clone();
    let (x, y) = find(&buf, "智慧港口").unwrap();
    let pos = t.get_cursor_position().unwrap();
    assert_eq!((pos.x, pos.y), (x + 8, y));
}

#[test]
fn caret_is_visible_on_an_exactly_full_row() {
    let mut h = Harness::new(flagship_app(Lang::Zh));
    h.focus_field("intro");
    // At 80 columns the text box has an inner width of 49 cells, of which 48 are used for text
    // (one spare column): 24 ideographs fill a row exactly.
    h.type_str(&"满".repeat(24));
    let mut t = render(&h.app, 80, 24);
    let buf = t.backend().buffer().clone();
    let (x, y) = find(&buf, "满满").unwrap();
    let pos = t.get_cursor_position().unwrap();
    assert_eq!((pos.x, pos.y), (x + 48, y), "caret in the spare column");
    assert_eq!(buf[(x + 46, y)].symbol(), "满");
    // The next character wraps to the next row, and the caret follows it.
    h.type_str("满");
    let mut t = render(&h.app, 80, 24);
    let pos = t.get_cursor_position().unwrap();
    assert_eq!((pos.x, pos.y), (x + 2, y + 1));
}

#[test]
fn help_overlay_is_generated_from_the_keymap() {
    let mut h = Harness::new(flagship_app(Lang::Zh));
    h.press(KeyCode::F(1));
    let s = screen(&render(&h.app, 80, 24));
    assert!(s.contains("帮助：按键（Esc 关闭）"));
    assert!(s.contains("Tab") && s.contains("下一项"));
    assert!(s.contains("Ctrl-T/F2") && s.contains("显示/隐藏本项的示例"));
    h.press(KeyCode::Esc);
    assert!(!screen(&render(&h.app, 80, 24)).contains("帮助：按键"));
}

#[test]
fn the_help_box_covers_the_body_with_whole_borders_at_80x24_and_100x30() {
    for (w, hgt) in [(80u16, 24u16), (100, 30)] {
        let mut h = Harness::new(flagship_app(Lang::Zh));
        h.press(KeyCode::F(1));
        let t = render(&h.app, w, hgt);
        let buf = t.backend().buffer();
        // Between the header and the status line every row is the box: its border in the first
        // and the last column, nothing of the pane or the overview beside it.
        for y in 2..hgt - 2 {
            assert_eq!(
                buf[(0, y)].symbol(),
                "│",
                "{w}x{hgt} row {y}:\n{}",
                screen(&t)
            );
            assert_eq!(
                buf[(w - 1, y)].symbol(),
                "│",
                "{w}x{hgt} row {y}:\n{}",
                screen(&t)
            );
        }
    }
}

#[test]
fn example_is_shown_read_only_below_the_editor() {
    let mut h = Harness::new(flagship_app(Lang::Zh));
    h.focus_field("effect");
    h.ctrl('t');
    let s = screen(&render(&h.app, 80, 24));
    assert!(s.contains("示例（只读，不会计入答案）"));
    assert!(
        s.contains("注意：模板示例本身"),
        "the notice's own example is over 500: {s}"
    );
    assert_eq!(h.app.draft.answers.text("effect"), "");
}

#[test]
fn narrow_40x12_is_usable() {
    let mut h = Harness::new(flagship_app(Lang::Zh));
    h.focus_field("intro");
    h.type_str("智慧港口场景");
    let mut t = render(&h.app, 40, 12);
    let s = screen(&t);
    assert!(s.contains("场景简介"), "{s}");
    assert!(s.contains("6/400 字"), "{s}");
    assert!(s.contains("智慧港口场景"));
    assert!(t.get_cursor_position().is_ok());
    // The overview opens on its own there.
    h.press(KeyCode::F(3));
    let s = screen(&render(&h.app, 40, 12));
    assert!(s.contains("总览") && s.contains("(一) 场景简介"), "{s}");
}

#[test]
fn too_small_terminal_says_so() {
    let h = Harness::new(flagship_app(Lang::Zh));
    let s = screen(&render(&h.app, 20, 6));
    assert!(s.contains("终端太小"), "{s}");
    assert!(s.contains("20×6"));
}

#[test]
fn every_size_from_1x1_to_100x40_renders_without_panicking() {
    let mut apps = Vec::new();
    let mut h = Harness::new(flagship_app(Lang::Zh));
    apps.push(flagship_app(Lang::Zh));
    h.focus_field("domains");
    h.press(KeyCode::Char(' '));
    h.focus_field("providers");
    h.type_str("甲公司");
    h.focus_field("effect");
    h.type_str(&"效".repeat(520));
    h.ctrl('t');
    apps.push(h.app);
    let mut h2 = Harness::new(flagship_app(Lang::En));
    h2.press(KeyCode::F(1));
    apps.push(h2.app);
    let mut h3 = Harness::new(flagship_app(Lang::Zh));
    h3.focus_field("figures");
    h3.ctrl('n');
    h3.type_str("图.png");
    h3.act(Action::Paste("超长的说明".repeat(50)));
    apps.push(h3.app);
    // Every size for the busiest screen; a coarser grid for the others (debug builds are slow).
    for (k, app) in apps.iter().enumerate() {
        let step = if k == 1 { 1 } else { 3 };
        for w in (1..=100u16).step_by(step) {
            for hgt in (1..=40u16).step_by(step) {
                let _ = render(app, w, hgt);
            }
        }
    }
}

#[test]
fn hostile_labels_and_answers_never_reach_the_screen_raw() {
    let mut h = Harness::new(flagship_app(Lang::Zh));
    h.focus_field("scenario_name");
    h.act(Action::Paste("a\u{202e}b\u{1b}]52;c;QUJD\u{7}".into()));
    h.focus_field("intro");
    let t = render(&h.app, 80, 24);
    for y in 0..24 {
        for x in 0..80 {
            let sym = t.backend().buffer()[(x, y)].symbol();
            assert!(
                !sym.chars()
                    .any(|c| c.is_control() || ('\u{202a}'..='\u{202e}').contains(&c)),
                "raw control at {x},{y}: {sym:?}"
            );
        }
    }
}

#[test]
fn arrows_move_in_the_domain_grid_as_it_is_drawn_and_end_reaches_the_last() {
    let mut h = Harness::new(flagship_app(Lang::Zh));
    h.focus_field("domains");
    let options: Vec<String> = match &h.app.focused().kind {
        tianbiao::form::Kind::Choice { options, .. } => options.clone(),
        _ => panic!("domains is a choice"),
    };
    let t = render(&h.app, 80, 24);
    let at: Vec<(u16, u16)> = options
        .iter()
        .map(|o| find(t.backend().buffer(), &format!("[ ] {o}")).expect(o))
        .collect();
    assert!(at.iter().any(|p| p.1 != at[0].1), "the options take rows");
    let ticked = |h: &Harness| match h.app.draft.answers.get("domains") {
        Some(tianbiao::form::Value::Choice { selected, .. }) => selected.clone(),
        _ => Vec::new(),
    };
    // Down: the option drawn below the first, not the second option.
    let below = (0..options.len())
        .filter(|&k| at[k].1 == at[0].1 + 1)
        .min_by_key(|&k| at[k].0.abs_diff(at[0].0))
        .unwrap();
    assert_ne!(below, 1);
    h.press(KeyCode::Down);
    h.press(KeyCode::Char(' '));
    assert_eq!(ticked(&h), vec![options[below].clone()]);
    h.press(KeyCode::Char(' '));
    // Up goes back; Right steps along the row.
    h.press(KeyCode::Up);
    h.press(KeyCode::Right);
    h.press(KeyCode::Char(' '));
    assert_eq!(ticked(&h), vec![options[1].clone()]);
    h.press(KeyCode::Char(' '));
    // End: the last option; Home: the first.
    h.press(KeyCode::End);
    h.press(KeyCode::Char(' '));
    assert_eq!(ticked(&h), vec![options[options.len() - 1].clone()]);
    h.press(KeyCode::Char(' '));
    h.press(KeyCode::Home);
    h.press(KeyCode::Char(' '));
    assert_eq!(ticked(&h), vec![options[0].clone()]);
    // Down from the last row leaves the grid for the next field.
    let _ = render(&h.app, 80, 24);
    let rows = at
        .iter()
        .map(|p| p.1)
        .collect::<std::collections::BTreeSet<_>>();
    for _ in 0..rows.len() {
        h.press(KeyCode::Down);
    }
    assert_ne!(h.app.focused().id, "domains");
    // F1 says how to move.
    h.press(KeyCode::F(1));
    let mut seen = String::new();
    for _ in 0..8 {
        seen.push_str(&screen(&render(&h.app, 80, 24)));
        h.press(KeyCode::PageDown);
    }
    assert!(seen.contains("↑↓ 到上一行/下一行的选项"), "{seen}");
}
