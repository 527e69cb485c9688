//! The start-up questions to the terminal, in a real pseudo-terminal where the test plays the
//! terminal: how wide it draws ambiguous characters (cursor-position report) and what colour
//! its background is (OSC 11). Answered as an ambiguous-wide terminal, the editor lays out for
//! it and a screen model drawing those characters two cells wide shows everything intact;
//! unanswered, start-up waits no longer than its budget and stays narrow.

mod support;
use support::pty as pty_common;
use support::term_model;

use std::time::{Duration, Instant};

use pty_common::Pty;
use term_model::Model;

fn raw(p: &Pty) -> Vec<u8> {
    p.raw.lock().unwrap().clone()
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// Waits until the program has written `needle`; returns when it did.
fn wait_bytes(p: &Pty, needle: &[u8]) -> Instant {
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        if find(&raw(p), needle).is_some() {
            return Instant::now();
        }
        assert!(
            Instant::now() < deadline,
            "the program never sent {needle:?}"
        );
        std::thread::sleep(Duration::from_millis(2));
    }
}

/// Waits until the model of everything written satisfies `pred`.
fn wait_model(p: &Pty, wide: bool, what: &str, pred: impl Fn(&Model) -> bool) -> Model {
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        let mut m = Model::new(80, 24, wide);
        m.feed(&raw(p));
        if pred(&m) {
            return m;
        }
        assert!(
            Instant::now() < deadline,
            "timed out waiting for {what}:\n{}",
            m.text()
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn start(dir: &std::path::Path, env: &[(&str, &str)]) -> Pty {
    let draft = dir.join("d.ron");
    Pty::spawn_env(
        &pty_common::bin(),
        &["fill", "--draft", draft.to_str().unwrap()],
        dir,
        80,
        24,
        env,
    )
}

#[test]
fn answered_as_an_ambiguous_wide_terminal_the_screen_lines_up() {
    let dir = tempfile::tempdir().unwrap();
    let mut p = start(dir.path(), &[]);
    wait_bytes(&p, b"\x1b[6n");
    // The probe character (one ambiguous quote at column 1) moved the cursor two cells.
    p.send(b"\x1b[1;3R\x1b[?62;22c");
    let header = |m: &Model| m.rows()[0].contains("草稿");
    let m = wait_model(&p, true, "the first screen", header);
    let text = m.text();
    assert!(
        text.contains("两格"),
        "the status line says which mode:\n{text}"
    );
    // Every overview row that fits is on screen (no row lost to a misdrawn border), the rest
    // announced on its last line, and the header's separators are there.
    for row in ["(一)", "(二)", "(三)"] {
        assert!(text.contains(row), "{row} missing:\n{text}");
    }
    assert!(
        text.contains("(四)") || text.contains("下面还有"),
        "(四) neither shown nor announced:\n{text}"
    );
    assert!(m.rows()[0].contains("· 草稿"), "{}", m.rows()[0]);
    // Into (一) 场景简介 and type quotes, dashes and ellipses.
    p.send(b"\x1b[6~\x1b[6~");
    wait_model(&p, true, "场景简介", |m| m.text().contains("场景简介"));
    p.type_str("“人工智能”——智能化……");
    let m = wait_model(&p, true, "the typed text", |m| m.text().contains("智能化"));
    let text = m.text();
    assert!(text.contains("人工智能"), "{text}");
    assert_eq!(m.orphans(), 0, "{text}");
    // Each row fills the screen's width exactly: nothing spilled into the next row.
    for (y, row) in m.rows().iter().enumerate() {
        let w: usize = unicode_segmentation::UnicodeSegmentation::graphemes(row.as_str(), true)
            .map(|g| unicode_width::UnicodeWidthStr::width_cjk(g).clamp(1, 2))
            .sum();
        assert_eq!(w, 80, "row {y} is {w} cells wide: {row}\n{text}");
    }
    // The text is kept as typed.
    p.send(b"\x11");
    p.wait_exit(Duration::from_secs(10));
    let saved = std::fs::read_to_string(dir.path().join("d.ron")).unwrap();
    assert!(saved.contains("“人工智能”——智能化……"), "{saved}");
}

#[test]
fn unanswered_start_up_waits_at_most_the_budget_and_stays_narrow() {
    let dir = tempfile::tempdir().unwrap();
    let p = start(dir.path(), &[]);
    let asked = wait_bytes(&p, b"\x1b[6n");
    // Nobody answers. The first screen follows within the budget (plus slack for a busy
    // machine), laid out for a narrow terminal: box-drawing borders, no note about width.
    let m = wait_model(&p, false, "the first screen", |m| {
        m.rows()[0].contains("草稿")
    });
    let waited = asked.elapsed();
    assert!(waited < Duration::from_millis(1500), "{waited:?}");
    let text = m.text();
    assert!(text.contains('│') && !text.contains("两格"), "{text}");
}

#[test]
fn the_background_colour_picks_the_theme() {
    // xterm's palette: the default theme's warnings are yellow (33), the light theme's dark
    // orange (38;5;130).
    for (answer, light) in [
        (&b"\x1b]11;rgb:ffff/ffff/ffff\x1b\\"[..], true),
        (&b"\x1b]11;rgb:0000/0000/0000\x07"[..], false),
        (&b""[..], false),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let mut p = start(dir.path(), &[]);
        wait_bytes(&p, b"\x1b]11;?");
        let mut reply = answer.to_vec();
        reply.extend_from_slice(b"\x1b[1;2R\x1b[?62;22c");
        p.send(&reply);
        // A limited field near its limit shows the warning colour.
        p.wait_text("草稿");
        p.send(b"\x1b[6~\x1b[6~");
        p.wait_text("场景简介");
        p.paste(&"智".repeat(380));
        p.wait_text("还可输入");
        let bytes = raw(&p);
        let uses_light = find(&bytes, b"38;5;130").is_some();
        assert_eq!(uses_light, light, "answer {answer:?}");
    }
    // COLORFGBG says light when the terminal does not answer.
    let dir = tempfile::tempdir().unwrap();
    let mut p = start(dir.path(), &[("COLORFGBG", "0;15")]);
    p.wait_text("草稿");
    p.send(b"\x1b[6~\x1b[6~");
    p.wait_text("场景简介");
    p.paste(&"智".repeat(380));
    p.wait_text("还可输入");
    assert!(find(&raw(&p), b"38;5;130").is_some());
}
