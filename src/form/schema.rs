//! The form description language: serde types for `forms/*.ron`.
//!
//! Strict on purpose: every struct denies unknown keys, so a typo in a form file is an error with
//! a line and column, never a silently ignored setting. Optional keys may be written bare
//! (`limit: 400`) because forms are parsed with RON's `implicit_some`.

use serde::{Deserialize, Serialize};

use crate::count::Mode;

/// A whole form: metadata shown to the author, the counting default, and sections in order.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Form {
    /// Stable identifier, used by drafts and on the command line (`ai-scenario`).
    pub id: String,
    /// Version of this description; drafts remember it.
    pub version: String,
    pub title: String,
    /// Where the form sits in its notice, e.g. `附件1`.
    #[serde(default)]
    pub subtitle: Option<String>,
    /// Who issued the call for applications.
    #[serde(default)]
    pub issuer: Option<String>,
    /// Document number such as `工科函〔2022〕520号`.
    #[serde(default)]
    pub doc_number: Option<String>,
    /// Deadline as the notice words it (`8月15日前`).
    #[serde(default)]
    pub deadline: Option<String>,
    /// Where and how to send the result.
    #[serde(default)]
    pub submit_to: Option<String>,
    /// Anything else the author should read first.
    #[serde(default)]
    pub notes: Option<String>,
    /// Counting mode for limits that do not name their own.
    #[serde(default)]
    pub counting: Mode,
    /// Count Chinese-style ambiguous punctuation (“” —— ……) as 字 (docs/design.md, "Counting 字").
    #[serde(default = "default_true")]
    pub zh_punct: bool,
    pub sections: Vec<Section>,
    /// Where the form was read from, when it is a file (an absolute path): drafts made from it
    /// remember it. Not part of the description (a form file cannot set it) nor of its hash.
    #[serde(skip)]
    pub file: Option<String>,
    /// The hash, once worked out ahead of need by [`Form::prime_hash`]; copies share it.
    #[serde(skip)]
    pub(crate) hash_memo: HashMemo,
}

/// A form's hash worked out ahead of need, shared by the copies of the form (the editor's copy
/// of a built-in form finds the hash a second thread is working out for the original). Never
/// part of what the form means: two forms are equal whether or not either has it.
#[derive(Clone, Debug, Default)]
pub(crate) struct HashMemo(pub(crate) std::sync::Arc<Memo>);

#[derive(Debug, Default)]
pub(crate) struct Memo {
    /// Someone is working the hash out (or has): wait for it rather than do it twice.
    pub(crate) started: std::sync::atomic::AtomicBool,
    pub(crate) hash: std::sync::OnceLock<String>,
}

impl PartialEq for HashMemo {
    fn eq(&self, _: &HashMemo) -> bool {
        true
    }
}

/// A titled group of fields; the editor shows one section per pane.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Section {
    pub id: String,
    pub title: String,
    /// A heading that groups consecutive sections, printed once (`二、详细情况`).
    #[serde(default)]
    pub part: Option<String>,
    /// The template's instruction for the section.
    #[serde(default)]
    pub help: Option<String>,
    /// Other titles a received Word document may give the section (matching only; left out of
    /// the form's hash when empty, so forms without it keep their hash).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    pub fields: Vec<Field>,
}

/// One question of the form.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Field {
    /// Unique across the whole form: answers are keyed by it.
    pub id: String,
    pub label: String,
    /// Other labels a received Word document may use for the field (matching only).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    pub kind: Kind,
    #[serde(default)]
    pub help: Option<String>,
    /// A worked example, shown read-only on request and never mixed into the answer.
    #[serde(default)]
    pub example: Option<String>,
    /// The example is knowingly longer than the limit (a template's own example can be: the
    /// notice's 示例 for (三) and (四) are). Without it the linter rejects such an example.
    #[serde(default)]
    pub example_over_limit: bool,
    #[serde(default)]
    pub placeholder: Option<String>,
    #[serde(default)]
    pub required: bool,
    /// Show (and check) this field only when another field has a given value.
    #[serde(default)]
    pub visible_when: Option<Condition>,
}

/// `visible_when: (field: "domains", equals: "其他")`: for a choice, "one of the selected options
/// is"; for a confirm, `"true"`/`"false"`; otherwise the text itself.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Condition {
    pub field: String,
    pub equals: String,
}

/// What a field holds and the rules on it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub enum Kind {
    /// One line of text, optionally limited.
    Text {
        #[serde(default)]
        limit: Option<usize>,
        #[serde(default)]
        counting: Option<Mode>,
    },
    /// A paragraph or more, with a live counter.
    LongText {
        #[serde(default)]
        limit: Option<usize>,
        #[serde(default)]
        counting: Option<Mode>,
        /// Warn from this share of the limit (default 0.9).
        #[serde(default)]
        warn_ratio: Option<f32>,
    },
    /// Options to pick from; `other` names an option that asks for the author's own words.
    Choice {
        options: Vec<String>,
        #[serde(default)]
        multiple: bool,
        #[serde(default)]
        other: Option<String>,
        #[serde(default)]
        min: Option<usize>,
        #[serde(default)]
        max: Option<usize>,
    },
    Date,
    Email,
    Phone,
    /// Free text that must match a regular expression; `message` says what is expected.
    Pattern {
        regex: String,
        message: String,
    },
    /// A list of one-line items (e.g. several provider units).
    List {
        #[serde(default)]
        min: Option<usize>,
        #[serde(default)]
        max: Option<usize>,
        #[serde(default)]
        item_label: Option<String>,
    },
    Table {
        columns: Vec<Column>,
        #[serde(default)]
        min_rows: Option<usize>,
        #[serde(default)]
        max_rows: Option<usize>,
        #[serde(default)]
        rules: Vec<TableRule>,
    },
    /// Files sent with the form (figures), each with a caption.
    Attachments {
        #[serde(default)]
        extensions: Vec<String>,
        #[serde(default = "default_true")]
        caption: bool,
        #[serde(default)]
        min: Option<usize>,
        #[serde(default)]
        max: Option<usize>,
    },
    /// A statement the author accepts.
    Confirm {
        statement: String,
    },
    /// Read-only text for the author.
    Note {
        text: String,
    },
}

/// One column of a table field.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Column {
    pub id: String,
    pub label: String,
    pub kind: ColumnKind,
    #[serde(default)]
    pub required: bool,
    #[serde(default)]
    pub help: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub enum ColumnKind {
    /// 序号: numbered automatically, never typed.
    Serial,
    Text {
        #[serde(default)]
        limit: Option<usize>,
    },
    Choice {
        options: Vec<String>,
        #[serde(default)]
        other: Option<String>,
    },
    /// A yes/no column (the key-domain column of 附件2).
    Bool,
    Date,
    Number,
}

/// Rules on a table's rows.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub enum TableRule {
    /// At least `count` rows have the `Bool` column `column` ticked (附件2: ≥10 key-domain rows).
    AtLeast {
        count: usize,
        column: String,
        #[serde(default)]
        message: Option<String>,
    },
}

fn default_true() -> bool {
    true
}

impl Kind {
    /// The name of the kind as written in form files.
    pub fn name(&self) -> &'static str {
        match self {
            Kind::Text { .. } => "Text",
            Kind::LongText { .. } => "LongText",
            Kind::Choice { .. } => "Choice",
            Kind::Date => "Date",
            Kind::Email => "Email",
            Kind::Phone => "Phone",
            Kind::Pattern { .. } => "Pattern",
            Kind::List { .. } => "List",
            Kind::Table { .. } => "Table",
            Kind::Attachments { .. } => "Attachments",
            Kind::Confirm { .. } => "Confirm",
            Kind::Note { .. } => "Note",
        }
    }

    /// Whether the answer is a plain string (typed on one line or many).
    pub fn is_textual(&self) -> bool {
        matches!(
            self,
            Kind::Text { .. }
                | Kind::LongText { .. }
                | Kind::Email
                | Kind::Phone
                | Kind::Pattern { .. }
        )
    }
}

impl Form {
    /// Counting mode and limit of a field that has a limit.
    pub fn limit_of(&self, field: &Field) -> Option<(usize, Mode)> {
        match &field.kind {
            Kind::Text {
                limit: Some(limit),
                counting,
            }
            | Kind::LongText {
                limit: Some(limit),
                counting,
                ..
            } => Some((*limit, counting.unwrap_or(self.counting))),
            _ => None,
        }
    }

    /// Counting options of this form.
    pub fn count_options(&self) -> crate::count::Options {
        crate::count::Options {
            zh_punct: self.zh_punct,
        }
    }

    /// Every field with the section it is in, in template order.
    pub fn fields(&self) -> impl Iterator<Item = (&Section, &Field)> {
        self.sections
            .iter()
            .flat_map(|s| s.fields.iter().map(move |f| (s, f)))
    }

    pub fn field(&self, id: &str) -> Option<&Field> {
        self.fields().map(|(_, f)| f).find(|f| f.id == id)
    }

    /// The field a person names: its id, or its label (spaces ignored), or the title of a
    /// section holding only that field (`(一) 场景简介`). Ids win over labels.
    pub fn find_field(&self, key: &str) -> Option<&Field> {
        let key = key.trim();
        if let Some(f) = self.field(key) {
            return Some(f);
        }
        let squash = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
        let want = squash(key);
        if want.is_empty() {
            return None;
        }
        self.fields()
            .map(|(_, f)| f)
            .find(|f| squash(&f.label) == want)
            .or_else(|| {
                self.sections
                    .iter()
                    .find(|s| s.fields.len() == 1 && squash(&s.title) == want)
                    .map(|s| &s.fields[0])
            })
    }

    /// The field that asks for the words of a choice's "other" option, when the form has one
    /// (`visible_when: (field: CHOICE, equals: OTHER)`); the choice then needs no text of its own.
    pub fn other_field(&self, choice_id: &str) -> Option<&Field> {
        let Some(Field {
            kind: Kind::Choice {
                other: Some(other), ..
            },
            ..
        }) = self.field(choice_id)
        else {
            return None;
        };
        self.fields().map(|(_, f)| f).find(|f| {
            f.visible_when
                .as_ref()
                .is_some_and(|c| c.field == choice_id && c.equals == *other)
        })
    }

    pub fn section_of(&self, field_id: &str) -> Option<&Section> {
        self.fields()
            .find(|(_, f)| f.id == field_id)
            .map(|(s, _)| s)
    }
}

impl Field {
    /// The warn ratio of a limited field (default 0.9).
    pub fn warn_ratio(&self) -> f32 {
        match self.kind {
            Kind::LongText {
                warn_ratio: Some(r),
                ..
            } => r,
            _ => 0.9,
        }
    }
}
