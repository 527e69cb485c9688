//! `--mouse` in a real pseudo-terminal: the terminal is asked for click reports (SGR) only
//! when the flag is given and told to stop on the way out; a click on a section's row in the
//! overview focuses that section, and what is typed next lands in its field.

mod support;

use std::time::Duration;

use support::pty::*;

/// The cell (column, row) where `text` starts on the screen, counting wide characters as two
/// cells, as the terminal does.
fn cell_of(t: &Pty, text: &str) -> Option<(u16, u16)> {
    let parser = t.parser.lock().unwrap();
    let screen = parser.screen();
    let (rows, cols) = screen.size();
    for row in 0..rows {
        let mut line = String::new();
        let mut starts = Vec::new();
        for col in 0..cols {
            let Some(cell) = screen.cell(row, col) else {
                continue;
            };
            if cell.is_wide_continuation() {
                continue;
            }
            let c = cell.contents();
            let c = if c.is_empty() { " " } else { c };
            for _ in c.chars() {
                starts.push(col);
            }
            line.push_str(c);
        }
        if let Some(b) = line.find(text) {
            return Some((starts[line[..b].chars().count()], row));
        }
    }
    None
}

fn raw(t: &Pty) -> Vec<u8> {
    t.raw.lock().unwrap().clone()
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

const ON: &[u8] = b"\x1b[?1000h\x1b[?1006h";
const OFF: &[u8] = b"\x1b[?1006l\x1b[?1000l";

#[test]
fn clicking_a_section_in_the_overview_focuses_it() {
    let dir = tempfile::tempdir().unwrap();
    let draft = dir.path().join("d.ron");
    let mut t = Pty::spawn(
        &["fill", "--mouse", "--draft", draft.to_str().unwrap()],
        dir.path(),
        100,
        30,
    );
    // The whole overview is drawn (the first lines can arrive before the rest).
    t.wait_text("(三) 应用效果");
    assert!(contains(&raw(&t), ON), "click reports were not asked for");
    let (col, row) = cell_of(&t, "(三) 应用效果").expect("the overview row");
    // A left click, pressed and released, 1-based coordinates.
    let click = format!("\x1b[<0;{x};{y}M\x1b[<0;{x};{y}m", x = col + 1, y = row + 1);
    t.send(click.as_bytes());
    t.wait_text("┌ 二、详细情况 (三) 应用效果");
    t.type_str("点击后输入");
    t.wait_text("5/500 字");
    t.send(b"\x11"); // Ctrl-Q
    assert_eq!(t.wait_exit(Duration::from_secs(10)), 0);
    let saved = draft_text(&draft);
    assert!(saved.contains("effect"), "{saved}");
    assert!(saved.contains("点击后输入"), "{saved}");
    // The last bytes the program wrote may still be on their way through the pty.
    let stopped_after_started = || {
        let out = raw(&t);
        let on_at = out.windows(ON.len()).rposition(|w| w == ON);
        let off_at = out.windows(OFF.len()).rposition(|w| w == OFF);
        matches!((on_at, off_at), (Some(on), Some(off)) if off > on)
    };
    assert!(
        support::drafts::wait_until(10, stopped_after_started),
        "the terminal was not told to stop reporting clicks"
    );
}

#[test]
fn without_the_flag_the_mouse_is_left_to_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let draft = dir.path().join("d.ron");
    let mut t = Pty::spawn(
        &["fill", "--draft", draft.to_str().unwrap()],
        dir.path(),
        100,
        30,
    );
    t.wait_text("申报单位");
    t.send(b"\x11");
    assert_eq!(t.wait_exit(Duration::from_secs(10)), 0);
    // Everything up to leaving the alternate screen, the last thing written.
    let left = || contains(&raw(&t), b"\x1b[?1049l");
    assert!(support::drafts::wait_until(10, left));
    let out = raw(&t);
    assert!(
        !contains(&out, b"\x1b[?1000h"),
        "mouse reporting was turned on"
    );
    assert!(!contains(&out, b"\x1b[?1006h"));
}
