//! What the editor sends to the terminal, through the real backend into a byte buffer, read by a
//! strict screen model that keeps the orphaned halves of wide characters: after section
//! changes, overlays and resizes the screen equals a fresh full render, and a keystroke sends
//! only what changed.

mod support;
use support::term_model;
use support::tui as tui_common;

use ratatui::Terminal;
use ratatui::crossterm::event::KeyCode;
use term_model::Model;
use tianbiao::lang::Lang;
use tianbiao::theme::Styles;
use tianbiao::tui::app::App;
use tianbiao::tui::backend::{Ambiguous, TtyBackend};
use tianbiao::tui::view;
use tui_common::{Harness, flagship_app};

type T = Terminal<TtyBackend<Vec<u8>>>;
/// One thing a user does between two frames.
type Step = Box<dyn Fn(&mut Harness)>;

fn term(w: u16, h: u16, amb: Ambiguous) -> T {
    Terminal::new(TtyBackend::with_size(Vec::new(), w, h, amb)).unwrap()
}

/// Draws and returns the bytes sent for this frame.
fn draw(t: &mut T, app: &App, styles: &Styles) -> Vec<u8> {
    t.draw(|f| view::draw(f, app, styles)).unwrap();
    std::mem::take(t.backend_mut().writer_mut())
}

/// The screen a fresh terminal shows after one full render of `app`.
fn fresh(app: &App, w: u16, h: u16, styles: &Styles, amb: Ambiguous) -> Model {
    let mut t = term(w, h, amb);
    let mut m = Model::new(w as usize, h as usize, amb == Ambiguous::Wide);
    m.feed(&draw(&mut t, app, styles));
    m
}

#[test]
fn section_changes_overlays_and_resizes_leave_the_screen_a_fresh_render_would_show() {
    let styles = Styles::default_theme();
    let mut h = Harness::new(flagship_app(Lang::Zh));
    let (mut w, mut ht) = (80u16, 24u16);
    let mut t = term(w, ht, Ambiguous::Narrow);
    let mut m = Model::new(w as usize, ht as usize, false);
    m.feed(&draw(&mut t, &h.app, &styles));
    // Wide characters everywhere: text in the fields, then moving through sections, help,
    // export, the example panel, the overview and sizes that move every border.
    h.type_str("申报单位全称");
    let steps: Vec<Step> = vec![
        Box::new(|h| {
            h.press(KeyCode::PageDown);
        }),
        Box::new(|h| {
            h.press(KeyCode::PageDown);
        }),
        Box::new(|h| h.type_str("智慧港口“人工智能”——智能化……场景，我们建设了自动化码头。")),
        Box::new(|h| {
            h.press(KeyCode::F(2));
        }),
        Box::new(|h| {
            h.press(KeyCode::F(1));
        }),
        Box::new(|h| {
            h.press(KeyCode::Esc);
        }),
        Box::new(|h| {
            h.press(KeyCode::F(5));
        }),
        Box::new(|h| {
            h.press(KeyCode::Esc);
        }),
        Box::new(|h| {
            h.press(KeyCode::PageUp);
        }),
        Box::new(|h| {
            h.press(KeyCode::F(3));
        }),
        Box::new(|h| {
            h.press(KeyCode::F(3));
        }),
        Box::new(|h| {
            h.press(KeyCode::PageDown);
        }),
        Box::new(|h| {
            h.press(KeyCode::PageDown);
        }),
        Box::new(|h| {
            h.press(KeyCode::PageDown);
        }),
    ];
    let sizes = [(80, 24), (79, 24), (81, 23), (60, 20), (100, 30), (80, 24)];
    for (n, step) in steps.iter().enumerate() {
        step(&mut h);
        m.feed(&draw(&mut t, &h.app, &styles));
        let want = fresh(&h.app, w, ht, &styles, Ambiguous::Narrow);
        assert_eq!(m.text(), want.text(), "after step {n} at {w}x{ht}");
        assert_eq!(m.orphans(), 0, "after step {n}:\n{}", m.text());
        // Every other step the terminal is resized too.
        if n % 2 == 1 {
            (w, ht) = sizes[(n / 2) % sizes.len()];
            m.resize(w as usize, ht as usize);
            t.backend_mut().set_size(w, ht);
            m.feed(&draw(&mut t, &h.app, &styles));
            let want = fresh(&h.app, w, ht, &styles, Ambiguous::Narrow);
            assert_eq!(m.text(), want.text(), "after resizing to {w}x{ht}");
            assert_eq!(m.orphans(), 0, "after resizing to {w}x{ht}:\n{}", m.text());
        }
    }
}

#[test]
fn a_typed_character_sends_only_what_changed() {
    let styles = Styles::default_theme();
    let mut h = Harness::new(flagship_app(Lang::Zh));
    h.press(KeyCode::PageDown);
    h.press(KeyCode::PageDown);
    let mut t = term(80, 24, Ambiguous::Narrow);
    let mut m = Model::new(80, 24, false);
    m.feed(&draw(&mut t, &h.app, &styles));
    h.type_str("智");
    m.feed(&draw(&mut t, &h.app, &styles));
    let mut sizes = Vec::new();
    for c in "慧港口场景聚焦".chars() {
        h.type_str(&c.to_string());
        let bytes = draw(&mut t, &h.app, &styles);
        m.feed(&bytes);
        let s = String::from_utf8_lossy(&bytes).into_owned();
        // No colour reset at the frame's end (the pen carries over to the next frame), no
        // show-cursor for a cursor already shown.
        assert!(
            !s.contains("\x1b[39m\x1b[49m") && !s.contains("\x1b[59m"),
            "{s:?}"
        );
        assert!(!s.ends_with('m'), "{s:?}");
        assert!(!s.contains("\x1b[?25h"), "{s:?}");
        // No 256-colour code for a named colour.
        assert!(!s.contains("38;5;"), "{s:?}");
        assert!(s.contains(c), "{s:?}");
        sizes.push(bytes.len());
    }
    // The screen still shows what a full render does, and the cursor sits after the text.
    let want = fresh(&h.app, 80, 24, &styles, Ambiguous::Narrow);
    assert_eq!(m.text(), want.text());
    assert!(m.text().contains("智慧港口场景聚焦"));
    // A keystroke costs a small part of the screen (a full frame here is thousands of bytes).
    assert!(sizes.iter().all(|&n| n < 200), "{sizes:?}");
}

#[test]
fn ambiguous_wide_terminals_get_a_screen_that_lines_up() {
    let styles = Styles::default_theme();
    let mut h = Harness::new(flagship_app(Lang::Zh));
    h.press(KeyCode::PageDown);
    h.press(KeyCode::PageDown);
    h.type_str("“人工智能”——智能化……");
    let m = fresh(&h.app, 80, 24, &styles, Ambiguous::Wide);
    let narrow = fresh(&h.app, 80, 24, &styles, Ambiguous::Narrow);
    let text = m.text();
    // Every row is exactly as wide as the screen: nothing spilled into the next row.
    for (y, row) in m.rows().iter().enumerate() {
        let w: usize = unicode_segmentation::UnicodeSegmentation::graphemes(row.as_str(), true)
            .map(|g| unicode_width::UnicodeWidthStr::width_cjk(g).clamp(1, 2))
            .sum();
        assert_eq!(w, 80, "row {y} is {w} cells: {row}\n{text}");
    }
    assert_eq!(m.orphans(), 0, "{text}");
    // The typed text keeps every character (quotes, dashes and ellipses drawn so they fit).
    assert!(text.contains("人工智能"), "{text}");
    assert!(text.contains("智能化"), "{text}");
    // The same rows of Chinese appear as in narrow mode.
    for word in ["申报", "场景"] {
        assert_eq!(
            text.matches(word).count(),
            narrow.text().matches(word).count(),
            "{word}:\n{text}\n---\n{}",
            narrow.text()
        );
    }
}

#[test]
fn mono_marks_an_over_limit_box_with_reverse_and_never_underlines_a_border() {
    use ratatui::style::Modifier;
    let mono = Styles::builtin("mono").unwrap();
    let mut h = Harness::new(flagship_app(Lang::Zh));
    h.focus_field("support");
    h.type_str(&"甲".repeat(310));
    h.wait(1000);
    let t = tui_common::render_with(&h.app, 80, 24, &mono);
    let buf = t.backend().buffer();
    let mut reversed_border = 0;
    for y in 0..24 {
        for x in 0..80 {
            let c = &buf[(x, y)];
            if "│─┌┐└┘".contains(c.symbol()) {
                assert!(
                    !c.modifier.contains(Modifier::UNDERLINED),
                    "underlined border at {x},{y}"
                );
                if c.modifier.contains(Modifier::REVERSED) {
                    reversed_border += 1;
                }
            }
        }
    }
    assert!(reversed_border > 10, "the over-limit box is not marked");
    // The words saying so are underlined (text may be).
    let (x, y) = tui_common::find(buf, "超出 10 字").expect("over message");
    assert!(buf[(x, y)].modifier.contains(Modifier::UNDERLINED));
}
