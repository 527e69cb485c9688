//! The draft file: a versioned RON document with the form's identity and the answers.
//! Parsing is strict and bounded, because drafts also arrive from other people.

use serde::{Deserialize, Serialize};

use crate::form::limits::{self, Exceeded, Item};
use crate::form::{Answers, Form, Kind};

/// Version of the draft file layout. Bump it when the layout changes incompatibly.
pub const FORMAT: u32 = 1;

/// Nesting limit for untrusted drafts, stated explicitly.
const RECURSION_LIMIT: usize = 128;

/// One draft.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Draft {
    pub format: u32,
    /// A human name ("智慧港口").
    pub name: String,
    pub form_id: String,
    pub form_version: String,
    /// `Form::hash()` of the form the draft was made from.
    pub form_hash: String,
    /// The form file the draft was made from (absolute), so later commands find it without
    /// `--form`; absent for a built-in form and in drafts written before it was recorded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub form_file: Option<String>,
    /// RFC 3339 times with offset.
    pub created: String,
    pub updated: String,
    /// The fields of the form at the time, so a newer form version can say what changed.
    #[serde(default)]
    pub outline: Vec<FieldSummary>,
    pub answers: Answers,
    /// Where the author was at the last save, so the editor reopens there; absent in drafts
    /// never opened in the editor.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<Place>,
}

/// A place in the form: section, field, and within it the item or row, the column and the
/// caret. Only a hint: whatever no longer exists is ignored on opening.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Place {
    pub section: String,
    pub field: String,
    /// The item of a list, the row of a table or attachment list, the option of a choice.
    #[serde(default)]
    pub item: usize,
    /// The column of a table or attachment row.
    #[serde(default)]
    pub column: usize,
    /// The caret, in characters from the start of the text (of the item or cell).
    #[serde(default)]
    pub caret: usize,
}

/// What a draft remembers of each field of its form.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FieldSummary {
    pub id: String,
    pub label: String,
    pub kind: String,
    #[serde(default)]
    pub limit: Option<usize>,
}

/// Where a draft file does not parse.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{line}:{col}: {message}")]
pub struct ParseError {
    pub line: usize,
    pub col: usize,
    pub message: ParseProblem,
}

/// Why a draft file does not parse; worded in `draft::msg`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ParseProblem {
    /// The RON grammar or the draft's shape, as for form files.
    Syntax(crate::form::ErrorKind),
    /// `#![enable(...)]` in front of the draft.
    Attributes,
    /// More than a draft may hold.
    Limit(crate::form::limits::Exceeded),
    /// Written by a newer tianbiao.
    NewerFormat { found: u32 },
    /// Not UTF-8 from this byte on.
    NotUtf8 { offset: usize },
}

/// The outline of a form as a draft stores it.
pub fn outline_of(form: &Form) -> Vec<FieldSummary> {
    form.fields()
        .filter(|(_, f)| !matches!(f.kind, Kind::Note { .. }))
        .map(|(_, f)| FieldSummary {
            id: f.id.clone(),
            label: f.label.clone(),
            kind: f.kind.name().to_string(),
            limit: form.limit_of(f).map(|(l, _)| l),
        })
        .collect()
}

impl Draft {
    /// A new, empty draft of a form.
    pub fn new(form: &Form, name: &str, now: &str) -> Draft {
        Draft::with_form_hash(form, &form.hash(), name, now)
    }

    /// [`Draft::new`] when `form.hash()` is already known.
    pub fn with_form_hash(form: &Form, form_hash: &str, name: &str, now: &str) -> Draft {
        Draft {
            format: FORMAT,
            name: name.to_string(),
            form_id: form.id.clone(),
            form_version: form.version.clone(),
            form_hash: form_hash.to_string(),
            form_file: form.file.clone(),
            created: now.to_string(),
            updated: now.to_string(),
            outline: outline_of(form),
            answers: Answers::default(),
            place: None,
        }
    }

    /// The file text. RON escapes every control, C1 and bidi character, so a draft is safe to
    /// `cat`.
    pub fn to_ron(&self) -> String {
        self.try_to_ron().unwrap_or_default()
    }

    /// [`Draft::to_ron`], failing instead of returning an empty text (saving uses this, so a
    /// serialization failure can never be written as a draft).
    pub fn try_to_ron(&self) -> Result<String, ron::Error> {
        let config = ron::ser::PrettyConfig::new()
            .indentor("  ".to_string())
            .struct_names(true);
        let body = ron::ser::to_string_pretty(self, config)?;
        Ok(format!(
            "// tianbiao draft (草稿). Edit with tianbiao; the file is checked when loaded.\n{body}\n"
        ))
    }

    /// Parses a draft file's text (BOM and CRLF accepted). Refuses RON extension attributes
    /// (`#![enable(...)]`), which would let a received file change how it is read.
    pub fn from_ron(text: &str) -> Result<Draft, ParseError> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let text = if text.contains('\r') {
            std::borrow::Cow::Owned(text.replace("\r\n", "\n"))
        } else {
            std::borrow::Cow::Borrowed(text)
        };
        // Attributes can only come before the value; answers may contain `#![` freely.
        let at = head_end(&text);
        if text[at..].starts_with("#!") {
            let (line, col) = crate::form::lint::line_col(&text, at);
            return Err(ParseError {
                line,
                col,
                message: ParseProblem::Attributes,
            });
        }
        let options = ron::Options::default().with_recursion_limit(RECURSION_LIMIT);
        let draft: Draft = options.from_str(&text).map_err(|e| ParseError {
            line: e.span.start.line,
            col: e.span.start.col,
            message: ParseProblem::Syntax(crate::form::load::ron_error_kind(&e.code)),
        })?;
        if let Err(e) = draft.check_limits() {
            let (line, col) = answer_place(&text, &e.place);
            return Err(ParseError {
                line,
                col,
                message: ParseProblem::Limit(e),
            });
        }
        if draft.format > FORMAT {
            return Err(ParseError {
                line: 1,
                col: 1,
                message: ParseProblem::NewerFormat {
                    found: draft.format,
                },
            });
        }
        Ok(draft)
    }
}

impl Draft {
    /// The first size limit the draft passes (docs/limits.md): the answers', and the outline's
    /// and name's against the same bounds.
    pub fn check_limits(&self) -> Result<(), Exceeded> {
        limits::check_answers(&self.answers)?;
        if self.outline.len() > limits::MAX_FIELDS {
            return Err(Exceeded {
                what: Item::Fields,
                place: String::new(),
                count: self.outline.len(),
                limit: limits::MAX_FIELDS,
            });
        }
        let place: (&str, &str) = match &self.place {
            Some(p) => (&p.section, &p.field),
            None => ("", ""),
        };
        for s in [
            &self.name,
            &self.form_id,
            &self.form_version,
            &self.form_hash,
            self.form_file.as_deref().unwrap_or_default(),
            place.0,
            place.1,
            &self.created,
            &self.updated,
        ] {
            let n = s.chars().count();
            if n > limits::MAX_ANSWER_CHARS {
                return Err(Exceeded {
                    what: Item::AnswerText,
                    place: String::new(),
                    count: n,
                    limit: limits::MAX_ANSWER_CHARS,
                });
            }
        }
        Ok(())
    }
}

/// Line and column of an answer's key (`"intro":`) in a draft's text, or 1:1.
fn answer_place(text: &str, id: &str) -> (usize, usize) {
    if id.is_empty() {
        return (1, 1);
    }
    let start = text.find("answers").unwrap_or(0);
    let quoted = ron::to_string(&id).unwrap_or_default();
    text[start..]
        .find(&quoted)
        .map_or((1, 1), |at| crate::form::lint::line_col(text, start + at))
}

/// Where the document's value (or an attribute) starts: after whitespace and comments.
fn head_end(text: &str) -> usize {
    let mut i = 0;
    loop {
        let rest = &text[i..];
        let trimmed = rest.trim_start();
        i += rest.len() - trimmed.len();
        if trimmed.starts_with("//") {
            i += trimmed.find('\n').map_or(trimmed.len(), |n| n + 1);
        } else if trimmed.starts_with("/*") {
            // RON block comments nest.
            let mut depth = 0usize;
            let mut j = 0;
            let b = trimmed.as_bytes();
            while j < b.len() {
                if b[j..].starts_with(b"/*") {
                    depth += 1;
                    j += 2;
                } else if b[j..].starts_with(b"*/") {
                    depth -= 1;
                    j += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    j += 1;
                }
            }
            i += j;
        } else {
            return i;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::form::Value;

    #[test]
    fn round_trip_keeps_every_character() {
        let form = crate::form::builtin("ai-scenario").unwrap().unwrap();
        let mut d = Draft::new(&form, "智慧港口", "2026-11-25T20:00:00+08:00");
        d.answers.set(
            "intro",
            Value::Text("第一行\n“引号” \u{1b}[2J \u{9b} \u{202e} 👨‍👩‍👧 \t末尾 ".into()),
        );
        let text = d.to_ron();
        assert!(!text.contains('\u{1b}') && !text.contains('\u{9b}') && !text.contains('\u{202e}'));
        // An answer may contain what looks like a RON attribute.
        let mut d2 = d.clone();
        d2.answers.set(
            "needs",
            Value::Text("#![enable(implicit_some)] /* 注释".into()),
        );
        assert_eq!(Draft::from_ron(&d2.to_ron()).unwrap(), d2);
        assert_eq!(Draft::from_ron(&text).unwrap(), d);
        assert_eq!(
            Draft::from_ron(&format!("\u{feff}{}", text.replace('\n', "\r\n"))).unwrap(),
            d
        );
    }

    #[test]
    fn the_form_file_is_kept_and_drafts_without_it_still_read() {
        let mut form = crate::form::builtin("ai-scenario").unwrap().unwrap();
        let d = Draft::new(&form, "x", "2026-01-01T00:00:00Z");
        let old = d.to_ron();
        assert!(!old.contains("form_file"));
        assert_eq!(Draft::from_ron(&old).unwrap().form_file, None);
        form.file = Some("/home/张三/表单/xm.ron".into());
        let d = Draft::new(&form, "x", "2026-01-01T00:00:00Z");
        let back = Draft::from_ron(&d.to_ron()).unwrap();
        assert_eq!(back.form_file.as_deref(), Some("/home/张三/表单/xm.ron"));
    }

    #[test]
    fn extension_attributes_and_newer_formats_are_refused() {
        let e = Draft::from_ron("#![enable(implicit_some)]\nDraft()").unwrap_err();
        assert_eq!((e.line, e.col), (1, 1));
        let e =
            Draft::from_ron("// c\n/* a /* nested */ b */\n  #![enable(unwrap_newtypes)]\nDraft()")
                .unwrap_err();
        assert_eq!((e.line, e.col), (3, 3));
        assert!(e.message.to_string().contains("attributes"));
        let form = crate::form::builtin("ai-scenario").unwrap().unwrap();
        let mut d = Draft::new(&form, "x", "2026-01-01T00:00:00Z");
        d.format = FORMAT + 1;
        assert!(
            Draft::from_ron(&d.to_ron())
                .unwrap_err()
                .message
                .to_string()
                .contains("newer")
        );
    }
}
