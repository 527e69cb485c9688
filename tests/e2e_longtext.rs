//! End-to-end: pasting the notice's (三) 示例 into the real binary at 80×24 and reading the
//! screen through vt100: no row of the text box starts with closing punctuation.

mod support;
use support::pty as pty_common;

use std::time::Duration;

use pty_common::*;

const PGDN: &[u8] = b"\x1b[6~";
const CTRL_HOME: &[u8] = b"\x1b[1;5H";

fn example_effect() -> String {
    let f = tianbiao::form::builtin("ai-scenario").unwrap().unwrap();
    let ex = f
        .sections
        .iter()
        .flat_map(|s| s.fields.iter())
        .find(|fl| fl.id == "effect")
        .and_then(|fl| fl.example.clone())
        .unwrap();
    ex.lines()
        .map(str::trim)
        .collect::<Vec<_>>()
        .join("\n")
        .trim()
        .to_string()
}

/// The rows of the text box: what lies between its left border and its right border, which
/// stand right inside the pane's borders (`││text…││`).
fn box_rows(screen: &str) -> Vec<String> {
    screen
        .lines()
        .filter_map(|l| {
            let body = l.strip_suffix("││")?;
            let start = body.rfind("││")? + "││".len();
            Some(body[start..].to_string())
        })
        .collect()
}

fn assert_no_row_starts_with_closing(screen: &str) {
    let rows = box_rows(screen);
    assert!(rows.len() >= 5, "text box not found:\n{screen}");
    for r in &rows {
        assert!(
            !r.starts_with(['，', '。', '、', '；', '：', '）']),
            "row {r:?}\n{screen}"
        );
    }
}

#[test]
fn pasting_the_effect_example_breaks_rows_by_the_chinese_rules() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("d.ron");
    let mut t = Pty::spawn(
        &["fill", "--draft", p.to_str().unwrap()],
        dir.path(),
        80,
        24,
    );
    t.wait_text("申报单位");
    for _ in 0..4 {
        t.send(PGDN);
    }
    // The overview lists every section: wait for the pane to show the field focused.
    t.wait_text("> 应用效果");
    t.paste(&example_effect());
    t.wait_text("已粘贴");
    assert_no_row_starts_with_closing(&t.screen());
    t.send(CTRL_HOME);
    t.wait_for("the start of the text", |s| s.contains("1. 场景开放带动"));
    assert_no_row_starts_with_closing(&t.screen());
    t.send(b"\x11");
    assert_eq!(t.wait_exit(Duration::from_secs(10)), 0);
}
