//! `tianbiao review` end to end: a hostile received draft in a real pty (nothing dangerous
//! reaches the terminal), notes kept in the data directory, and `--notes` documents.

mod support;

use std::time::Duration;

use assert_cmd::Command;
use predicates::prelude::*;
use support::pty::*;

fn fixture(name: &str) -> String {
    format!(
        "{}/tests/fixtures/received/{name}",
        env!("CARGO_MANIFEST_DIR")
    )
}

/// Checks raw terminal output: no OSC, DCS, APC/PM/SOS, no BEL, no C1 controls, no bidi or
/// zero-width characters; every ESC starts a CSI (`ESC [`) or a charset/keypad sequence.
fn assert_inert(raw: &[u8]) {
    // The program's own start-up questions to the terminal (cursor position, background
    // colour) are the one OSC it sends: take them out, then nothing else may remain.
    let queries = tianbiao::tui::probe::queries();
    let owned: Vec<u8>;
    let raw = match raw
        .windows(queries.len())
        .position(|w| w == queries.as_slice())
    {
        Some(at) => {
            owned = [&raw[..at], &raw[at + queries.len()..]].concat();
            &owned[..]
        }
        None => raw,
    };
    let text = String::from_utf8_lossy(raw);
    for (i, w) in raw.windows(2).enumerate() {
        if w[0] == 0x1b {
            assert!(
                matches!(w[1], b'[' | b'(' | b')' | b'=' | b'>' | b'7' | b'8'),
                "ESC {:?} at byte {i}",
                w[1] as char
            );
        }
        // C1 controls encoded in UTF-8: C2 80..C2 9F.
        assert!(
            !(w[0] == 0xc2 && (0x80..=0x9f).contains(&w[1])),
            "C1 at byte {i}"
        );
    }
    assert!(!raw.contains(&0x07), "BEL in the output");
    for c in text.chars() {
        assert!(
            !matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200b}' | '\u{feff}' | '\u{200e}' | '\u{200f}'),
            "hidden character {c:?} reached the terminal"
        );
    }
}

#[test]
fn a_hostile_draft_is_inert_on_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let f = fixture("hostile.ron");
    let folder = std::path::Path::new(&f).parent().unwrap().to_path_buf();
    let listing = || {
        let mut v: Vec<String> = std::fs::read_dir(&folder)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    };
    let before = listing();
    let mut t = Pty::spawn(&["review", &f], dir.path(), 100, 30);
    t.wait_text("⟨ESC⟩");
    t.wait_text("评审（只读）");
    // Visit every field and section so every value is drawn at least once: each key moves the
    // focus (wrapping around), so each is followed by a new screen before the next is sent.
    let keys = [&b"\t"[..]; 30]
        .into_iter()
        .chain([&b"\x1b[6~"[..]; 10])
        .chain([&b"\x1bOP"[..], &b"\x1b"[..]]); // F1 opens the help, Esc closes it
    for key in keys {
        let before = t.screen();
        t.send(key);
        t.wait_for("the screen to follow the key", |s| s != before);
    }
    t.wait_text("评审（只读）");
    t.send(b"\x11");
    assert_eq!(t.wait_exit(Duration::from_secs(10)), 0);
    let raw = t.raw.lock().unwrap().clone();
    assert_inert(&raw);
    // Nothing was written next to the reviewed file.
    assert_eq!(listing(), before);
}

#[test]
fn notes_written_in_review_are_kept_by_file_hash_and_exported() {
    let dir = tempfile::tempdir().unwrap();
    let f = fixture("over-limit.ron");
    let mut t = Pty::spawn(&["review", &f], dir.path(), 80, 24);
    t.wait_text("评审（只读）");
    t.send(b"\x1b[17~"); // F6: first problem
    t.send(b"n");
    t.wait_text("批注");
    t.type_str("请压缩到 500 字以内");
    t.send(b"\x1b");
    // The message names the notes file, so it may wrap onto a second status row.
    t.wait_for("notes saved", |s| {
        s.split_whitespace()
            .collect::<String>()
            .contains("批注已保存")
    });
    t.send(b"o");
    t.wait_text("总体意见");
    t.type_str("篇幅需压缩后再报");
    t.send(b"\x1b");
    t.wait_text("有总体意见");
    t.send(b"\x11");
    assert_eq!(t.wait_exit(Duration::from_secs(10)), 0);
    let reviews: Vec<_> = std::fs::read_dir(dir.path().join("reviews"))
        .unwrap()
        .collect();
    assert_eq!(reviews.len(), 1);
    let out = dir.path().join("notes.md");
    Command::cargo_bin("tianbiao")
        .unwrap()
        .env("TIANBIAO_DATA_DIR", dir.path())
        .env_remove("LANG")
        .args(["review", "--notes", &f, "-o"])
        .arg(&out)
        .assert()
        .success();
    let doc = std::fs::read_to_string(&out).unwrap();
    assert!(doc.starts_with("# 评审意见"), "{doc}");
    assert!(doc.contains("请压缩到 500 字以内"), "{doc}");
    assert!(
        doc.contains("### 总体意见\n\n  > 篇幅需压缩后再报"),
        "{doc}"
    );
    assert!(
        doc.contains("超出"),
        "the problem is listed beside the note: {doc}"
    );
}

#[test]
fn notes_document_for_files_without_notes_and_unreadable_files() {
    let dir = tempfile::tempdir().unwrap();
    Command::cargo_bin("tianbiao")
        .unwrap()
        .env("TIANBIAO_DATA_DIR", dir.path())
        .env_remove("LANG")
        .args(["review", "--notes", &fixture("valid.ron")])
        .assert()
        .success()
        .stdout(predicate::str::contains("没有问题，也没有批注"));
    Command::cargo_bin("tianbiao")
        .unwrap()
        .env("TIANBIAO_DATA_DIR", dir.path())
        .env_remove("LANG")
        .args([
            "review",
            "--notes",
            &fixture("corrupt.ron"),
            &fixture("missing-required.ron"),
        ])
        .assert()
        .code(2)
        .stdout(predicate::str::contains("必填"))
        .stderr(predicate::str::contains("corrupt.ron"));
}

#[test]
fn a_hostile_draft_is_inert_while_editing() {
    let data = tempfile::tempdir().unwrap();
    let work = tempfile::tempdir().unwrap();
    let copy = work.path().join("hostile.ron");
    std::fs::copy(fixture("hostile.ron"), &copy).unwrap();
    let mut t = Pty::spawn(
        &["fill", "--draft", copy.to_str().unwrap()],
        data.path(),
        100,
        30,
    );
    t.wait_text("申报单位");
    // Visit every field and section so every value is drawn at least once, then the example
    // panel and the help.
    for _ in 0..30 {
        t.send(b"\t");
    }
    for _ in 0..10 {
        t.send(b"\x1b[6~");
    }
    t.send(b"\x1bOP");
    t.wait_text("按键");
    // F1 again closes the help (an Esc right before Ctrl-Q would read as Alt-Ctrl-Q).
    t.send(b"\x1bOP");
    t.wait_for("the help closed", |s| !s.contains("按键"));
    t.send(b"\x11");
    assert_eq!(t.wait_exit(Duration::from_secs(10)), 0);
    let raw = t.raw.lock().unwrap().clone();
    assert_inert(&raw);
}

#[test]
fn an_unreadable_file_is_named_with_its_reason_before_review_starts() {
    let dir = tempfile::tempdir().unwrap();
    let mut t = Pty::spawn(
        &[
            "review",
            &fixture("corrupt.ron"),
            &fixture("missing-required.ron"),
        ],
        dir.path(),
        80,
        24,
    );
    t.wait_text("有文件无法读取");
    let s = t.screen();
    assert!(s.contains("corrupt.ron"), "{s}");
    assert!(s.contains("评审其余 1 个文件"), "{s}");
    // Why, as `review --notes` and the exit lines say it: where the draft stops parsing.
    assert!(s.contains("不是有效的草稿"), "{s}");
    assert!(s.contains("缺少右双引号"), "{s}");
    t.send(b"\r");
    t.wait_text("评审（只读）");
    assert!(
        t.screen().contains("missing-required.ron"),
        "{}",
        t.screen()
    );
    t.send(b"\x11");
    assert_eq!(t.wait_exit(Duration::from_secs(10)), 0);
    t.wait_for("the exit lines list it too", |s| s.contains("corrupt.ron"));
}
