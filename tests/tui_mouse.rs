//! `--mouse` without a terminal: what the view says is under a cell (the same layout it draws),
//! and what a click or the wheel then does to the app.

mod support;

use ratatui::crossterm::event::{KeyCode, KeyModifiers};
use ratatui::layout::Rect;
use support::tui::*;
use tianbiao::lang::Lang;
use tianbiao::tui::action::Action;
use tianbiao::tui::mouse::Mouse;
use tianbiao::tui::view;

const AREA: Rect = Rect {
    x: 0,
    y: 0,
    width: 80,
    height: 24,
};

fn click(h: &mut Harness, text: &str) {
    let t = render(&h.app, 80, 24);
    let (x, y) = find(t.backend().buffer(), text).unwrap_or_else(|| panic!("{text} on screen"));
    let m = view::hit(&h.app, AREA, x, y, None).unwrap_or_else(|| panic!("nothing at {text}"));
    h.act(Action::Mouse(m));
}

#[test]
fn a_click_on_a_section_row_or_a_field_focuses_it() {
    let mut h = Harness::new(flagship_app(Lang::Zh));
    click(&mut h, "(三) 应用效果");
    assert_eq!(h.app.focused().id, "effect");
    // A field row of a section with several fields.
    click(&mut h, "联系电话");
    assert_eq!(h.app.focused().label, "联系电话");
    // A field in the pane.
    click(&mut h, "* 申报单位联系人 姓名");
    let s = screen(&render(&h.app, 80, 24));
    assert!(s.contains("> 申报单位联系人 姓名"), "{s}");
    // The header and the status line are not targets.
    assert_eq!(view::hit(&h.app, AREA, 3, 0, None), None);
    assert_eq!(view::hit(&h.app, AREA, 3, 23, None), None);
}

#[test]
fn the_wheel_scrolls_a_long_text_or_steps_through_fields() {
    let mut h = Harness::new(flagship_app(Lang::Zh));
    let first = h.app.focus;
    let wheel = view::hit(&h.app, AREA, 50, 10, Some(true));
    assert_eq!(wheel, Some(Mouse::Wheel { down: true }));
    h.act(Action::Mouse(Mouse::Wheel { down: true }));
    assert_ne!(h.app.focus, first);
    h.act(Action::Mouse(Mouse::Wheel { down: false }));
    assert_eq!(h.app.focus, first);
    h.focus_field("intro");
    h.type_str(&"第一行\n".repeat(10));
    let top = h.app.focus;
    for _ in 0..3 {
        h.act(Action::Mouse(Mouse::Wheel { down: false }));
    }
    assert_eq!(
        h.app.focus, top,
        "inside a long text the wheel moves the text"
    );
    let s = screen(&render(&h.app, 80, 24));
    assert!(s.contains("第一行"), "{s}");
}

#[test]
fn the_import_prompt_and_help_take_no_clicks() {
    let mut h = Harness::new(flagship_app(Lang::Zh));
    h.press(KeyCode::F(1));
    assert_eq!(view::hit(&h.app, AREA, 3, 5, None), None);
    h.press(KeyCode::Esc);
    h.focus_field("intro");
    h.key(KeyCode::Char('i'), KeyModifiers::ALT);
    assert!(h.app.import.is_some());
    assert_eq!(view::hit(&h.app, AREA, 3, 5, None), None);
    // A click that reaches `update` anyway changes nothing while the prompt is open.
    let focus = h.app.focus;
    h.act(Action::Mouse(Mouse::Section(0)));
    assert_eq!(h.app.focus, focus);
}
