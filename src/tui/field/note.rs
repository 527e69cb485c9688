//! Notes: text of the form shown among the fields. Nothing to answer, so the focus passes by.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use super::{Cx, FieldEditor, View};
use crate::form::{Kind, Value};
use crate::theme::Styles;
use crate::tui::view::text::{clean_multiline, wrap};

#[derive(Clone, Debug)]
pub struct Note;

impl FieldEditor for Note {
    fn value(&self, _cx: &Cx) -> Option<Value> {
        None
    }

    fn focusable(&self) -> bool {
        false
    }

    fn height(&self, v: &View, w: usize) -> usize {
        match &v.field().kind {
            Kind::Note { text } => wrap(text, w).len(),
            _ => 1,
        }
    }

    fn draw(&self, frame: &mut Frame, v: &View, styles: &Styles, r: Rect) {
        if let Kind::Note { text } = &v.field().kind {
            let lines: Vec<Line> = wrap(&clean_multiline(text), r.width as usize)
                .into_iter()
                .map(|l| Line::styled(l, styles.muted))
                .collect();
            frame.render_widget(Paragraph::new(lines), r);
        }
    }
}
