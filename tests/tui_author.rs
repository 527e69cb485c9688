//! Key-replay and render tests of what a new author trips over in the editor: a terminal too
//! small to show the form, section markers, lists, problems, the grid, attachments, resuming.

mod support;

use ratatui::crossterm::event::{KeyCode, KeyModifiers};
use tianbiao::lang::Lang;
use tianbiao::tui::action::Action;
use support::tui::*;

fn text(h: &Harness, id: &str) -> String {
    h.app.draft.answers.text(id).to_string()
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
