//! Choice fields: the options with the one under the cursor, and the text of an "other" option
//! (其他（请注明）) when it is ticked and no separate field takes it. The ticks themselves live in
//! the draft; Space toggles the option under the cursor.

use std::time::Instant;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui_textarea::TextArea;

use super::textarea::{breaks_line, new_textarea, text_of, type_into};
use super::{Cx, FieldEditor, Keyed, Nav};
use crate::form::{Kind, Value};
use crate::tui::keymap::Ctx;

#[derive(Clone, Debug)]
pub struct Choice {
    /// The option under the cursor.
    pub cursor: usize,
    pub other: TextArea<'static>,
}

impl Choice {
    pub fn new(value: Option<&Value>) -> Choice {
        let other = match value {
            Some(Value::Choice { other, .. }) => other.as_str(),
            _ => "",
        };
        Choice {
            cursor: 0,
            other: new_textarea(other),
        }
    }

    /// Whether the cursor is on the "other" option and that option is ticked, so typing goes
    /// into its text.
    pub fn typing_other(&self, cx: &Cx) -> bool {
        let Kind::Choice {
            options,
            other: Some(other),
            ..
        } = &cx.field.kind
        else {
            return false;
        };
        // A separate "请注明" field takes the words instead.
        if cx.form.other_field(&cx.field.id).is_some() {
            return false;
        }
        options.get(self.cursor) == Some(other)
            && matches!(cx.answer, Some(Value::Choice { selected, .. }) if selected.contains(other))
    }
}

/// The ticked options of a choice answer.
fn selected(answer: Option<&Value>) -> Vec<String> {
    match answer {
        Some(Value::Choice { selected, .. }) => selected.clone(),
        _ => Vec::new(),
    }
}

impl FieldEditor for Choice {
    fn value(&self, cx: &Cx) -> Option<Value> {
        if !matches!(cx.field.kind, Kind::Choice { .. }) {
            return None;
        }
        Some(Value::Choice {
            selected: selected(cx.answer),
            other: text_of(&self.other),
        })
    }

    fn keys(&self, cx: &Cx) -> Ctx {
        if self.typing_other(cx) {
            Ctx::Text
        } else {
            Ctx::Choice
        }
    }

    fn key(&mut self, cx: &Cx, ev: KeyEvent, _now: Instant) -> Keyed {
        let mut out = Keyed::default();
        let typing_other = self.typing_other(cx);
        let n = match &cx.field.kind {
            Kind::Choice { options, .. } => options.len(),
            _ => 0,
        };
        let cursor = &mut self.cursor;
        match ev.code {
            KeyCode::Up if !ev.modifiers.contains(KeyModifiers::ALT) => {
                if *cursor == 0 {
                    out.nav = Some(Nav::Prev);
                } else {
                    *cursor -= 1;
                }
            }
            KeyCode::Down if !ev.modifiers.contains(KeyModifiers::ALT) => {
                if *cursor + 1 >= n {
                    out.nav = Some(Nav::Next);
                } else {
                    *cursor += 1;
                }
            }
            KeyCode::Left if !typing_other => *cursor = cursor.saturating_sub(1),
            KeyCode::Right if !typing_other => *cursor = (*cursor + 1).min(n.saturating_sub(1)),
            _ if typing_other && !breaks_line(&ev) => {
                type_into(&mut self.other, ev, cx.read_only, &mut out);
            }
            _ => {}
        }
        out
    }

    fn paste(&mut self, cx: &Cx, text: &str, _now: Instant) -> bool {
        if !self.typing_other(cx) {
            return false;
        }
        self.other.insert_str(text);
        true
    }

    fn toggle(&self, cx: &Cx) -> Option<Value> {
        let Kind::Choice {
            options, multiple, ..
        } = &cx.field.kind
        else {
            return None;
        };
        let opt = options.get(self.cursor)?.clone();
        let mut selected = selected(cx.answer);
        if let Some(pos) = selected.iter().position(|s| *s == opt) {
            selected.remove(pos);
        } else if *multiple {
            selected.push(opt);
            // Keep the form's order, whatever order options were ticked in.
            selected.sort_by_key(|s| options.iter().position(|o| o == s));
        } else {
            selected = vec![opt];
        }
        Some(Value::Choice {
            selected,
            other: text_of(&self.other),
        })
    }
}
