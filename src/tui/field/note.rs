//! Notes: text of the form shown among the fields. Nothing to answer, so the focus passes by.

use super::{Cx, FieldEditor};
use crate::form::Value;

#[derive(Clone, Debug)]
pub struct Note;

impl FieldEditor for Note {
    fn value(&self, _cx: &Cx) -> Option<Value> {
        None
    }

    fn focusable(&self) -> bool {
        false
    }
}
