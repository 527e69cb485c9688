//! The submission: a self-describing, versioned structure (JSON, or RON with the same layout)
//! that a reader can use without the form file, and [`import`] back into a draft.
//! The format is documented in `docs/submission-format.md`.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value as Json};

use super::msg::Context;
use super::{FileState, Note, Prepared};
use crate::count::Mode;
use crate::draft::Draft;
use crate::draft::format::outline_of;
use crate::form::{Answers, Attachment, Cell, Field, Finding, Form, Kind, Problem, Value};
use crate::lang::Lang;

/// The format tag of this layout. A reader refuses other major versions.
pub const FORMAT: &str = "tianbiao.submission/1";

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Submission {
    /// Always [`FORMAT`].
    pub format: String,
    pub form: FormInfo,
    pub draft: DraftInfo,
    /// When the export was made (RFC 3339, UTC).
    pub exported: String,
    /// `tianbiao 0.1.0`.
    pub generator: String,
    /// No finding at all.
    pub valid: bool,
    /// Every section and field in the template's order.
    pub sections: Vec<SectionOut>,
    pub findings: Vec<FindingOut>,
    /// Remarks that do not fail validation (the draft was made from another form version).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<NoteOut>,
    /// Answers kept in the draft for fields the form does not have (never dropped).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub other_answers: Vec<OtherAnswer>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FormInfo {
    pub id: String,
    pub version: String,
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subtitle: Option<String>,
    /// `Form::hash()` of the form used for the export.
    pub hash: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DraftInfo {
    pub name: String,
    pub created: String,
    pub updated: String,
    /// The form version and hash the draft was made from.
    pub form_version: String,
    pub form_hash: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SectionOut {
    pub id: String,
    pub title: String,
    /// The heading that groups consecutive sections (`二、详细情况`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub part: Option<String>,
    pub fields: Vec<FieldOut>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FieldOut {
    pub id: String,
    pub label: String,
    /// The field kind as form files name it: `Text`, `LongText`, `Choice`, `Date`, `Email`,
    /// `Phone`, `Pattern`, `List`, `Table`, `Attachments`, `Confirm`, `Note`.
    pub kind: String,
    pub required: bool,
    /// Not shown (and not checked) because of its `visible_when` condition.
    #[serde(default, skip_serializing_if = "is_false")]
    pub hidden: bool,
    /// Choice: the options in order, and the one that asks for the author's words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub options: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub other_option: Option<String>,
    /// Table: the columns (id and label) in order.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub columns: Option<Vec<ColumnOut>>,
    /// Confirm: the statement accepted; Note: its text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub statement: Option<String>,
    /// The answer, `null` when not answered (see the format document for each kind's shape).
    pub value: Option<Json>,
    /// Set only when the stored answer does not have the kind's shape: its own shape.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stored_as: Option<String>,
    /// Limited fields: the count, the limit and the counting mode.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub count: Option<usize>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limit: Option<usize>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub counting: Option<Mode>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ColumnOut {
    pub id: String,
    pub label: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FindingOut {
    pub section: String,
    pub field: String,
    pub problem: Problem,
    /// The finding as people read it: `(三) 应用效果: 523/500 字, 超出 23 字`.
    pub message: String,
}

impl FindingOut {
    /// A finding on the wire, worded in `lang`.
    pub fn new(lang: Lang, form: &Form, f: &Finding) -> FindingOut {
        FindingOut {
            section: f.section.clone(),
            field: f.field.clone(),
            problem: f.problem.clone(),
            message: crate::form::msg::finding_line(lang, form, f),
        }
    }
}

/// A note on the wire: its code and its words in the language of the export or check.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NoteOut {
    pub code: String,
    pub message: String,
}

impl NoteOut {
    pub fn new(lang: Lang, form: &Form, n: &Note, context: Context) -> NoteOut {
        NoteOut {
            code: n.code().to_string(),
            message: n.describe(lang, form, context),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OtherAnswer {
    pub id: String,
    pub value: Json,
    pub stored_as: String,
}

fn is_false(b: &bool) -> bool {
    !*b
}

/// The name of an answer's shape.
fn shape(v: &Value) -> &'static str {
    match v {
        Value::Text(_) => "Text",
        Value::Choice { .. } => "Choice",
        Value::Date(_) => "Date",
        Value::List(_) => "List",
        Value::Table(_) => "Table",
        Value::Attachments(_) => "Attachments",
        Value::Confirm(_) => "Confirm",
    }
}

/// An answer as plain JSON: text and dates as strings, a choice as
/// `{"selected": [...], "other": "..."}`, a list as strings, a table as objects by column id,
/// attachments as objects with path and caption (and size, sha256, bundled file when known),
/// a confirmation as a boolean.
fn value_json(v: &Value, p: Option<&Prepared>) -> Json {
    match v {
        Value::Text(s) | Value::Date(s) => Json::String(s.clone()),
        Value::Choice { selected, other } => {
            let mut m = Map::new();
            m.insert("selected".into(), Json::from(selected.clone()));
            if !other.is_empty() {
                m.insert("other".into(), Json::String(other.clone()));
            }
            Json::Object(m)
        }
        Value::List(items) => Json::from(items.clone()),
        Value::Table(rows) => Json::Array(
            rows.iter()
                .map(|r| {
                    Json::Object(
                        r.iter()
                            .map(|(k, c)| {
                                let v = match c {
                                    Cell::Text(t) => Json::String(t.clone()),
                                    Cell::Bool(b) => Json::Bool(*b),
                                };
                                (k.clone(), v)
                            })
                            .collect(),
                    )
                })
                .collect(),
        ),
        Value::Attachments(files) => Json::Array(
            files
                .iter()
                .map(|a| {
                    let mut m = Map::new();
                    let check = p.and_then(|p| p.files.get(&a.path));
                    let bundled = check.and_then(|c| c.bundled_as.as_deref());
                    m.insert("path".into(), Json::String(portable_path(&a.path, bundled)));
                    m.insert("caption".into(), Json::String(a.caption.clone()));
                    if let Some(check) = check {
                        if let FileState::Ok { size, sha256 } = &check.state {
                            m.insert("size".into(), Json::from(*size));
                            m.insert("sha256".into(), Json::String(sha256.clone()));
                        }
                        if let Some(b) = &check.bundled_as {
                            m.insert("file".into(), Json::String(b.clone()));
                        }
                    }
                    Json::Object(m)
                })
                .collect(),
        ),
        Value::Confirm(b) => Json::Bool(*b),
    }
}

/// An attachment's path as a submission may carry it to someone else: in a bundle, the copy's
/// path inside the bundle (where `check` and `import` find it); otherwise the path as written
/// when it is relative and stays below the draft's folder, and only the file name when it is
/// absolute or climbs out with `..` (it would show the author's folders and mean nothing to
/// the recipient).
pub fn portable_path(path: &str, bundled_as: Option<&str>) -> String {
    use std::path::{Component, Path};
    if let Some(b) = bundled_as {
        return b.to_string();
    }
    let p = Path::new(path);
    let private = p.components().any(|c| {
        matches!(
            c,
            Component::RootDir | Component::Prefix(_) | Component::ParentDir
        )
    }) || path.starts_with('~');
    if !private {
        return path.to_string();
    }
    p.file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned())
}

/// The shape a field kind's answers have.
fn kind_shape(kind: &Kind) -> Option<&'static str> {
    match kind {
        Kind::Choice { .. } => Some("Choice"),
        Kind::Date => Some("Date"),
        Kind::List { .. } => Some("List"),
        Kind::Table { .. } => Some("Table"),
        Kind::Attachments { .. } => Some("Attachments"),
        Kind::Confirm { .. } => Some("Confirm"),
        Kind::Note { .. } => None,
        _ => Some("Text"),
    }
}

impl Submission {
    /// The submission of a prepared export, its findings and notes worded in `lang`.
    pub fn build(p: &Prepared, lang: Lang) -> Submission {
        let form = p.form;
        let answers = &p.draft.answers;
        let sections = form
            .sections
            .iter()
            .map(|s| SectionOut {
                id: s.id.clone(),
                title: s.title.clone(),
                part: s.part.clone(),
                fields: s.fields.iter().map(|f| field_out(p, f)).collect(),
            })
            .collect();
        // Findings name attachments by the path the submission carries, never the author's own.
        let findings = p
            .findings
            .iter()
            .map(|f| {
                let mut f = f.clone();
                if let Some(path) = f.problem.path_mut() {
                    let bundled = p
                        .files
                        .get(path.as_str())
                        .and_then(|c| c.bundled_as.as_deref());
                    *path = portable_path(path, bundled);
                }
                FindingOut::new(lang, form, &f)
            })
            .collect();
        let other_answers = answers
            .orphans(form)
            .map(|(id, v)| OtherAnswer {
                id: id.clone(),
                value: value_json(v, None),
                stored_as: shape(v).to_string(),
            })
            .collect();
        Submission {
            format: FORMAT.to_string(),
            form: FormInfo {
                id: form.id.clone(),
                version: form.version.clone(),
                title: form.title.clone(),
                subtitle: form.subtitle.clone(),
                hash: form.hash(),
            },
            draft: DraftInfo {
                name: p.draft.name.clone(),
                created: p.draft.created.clone(),
                updated: p.draft.updated.clone(),
                form_version: p.draft.form_version.clone(),
                form_hash: p.draft.form_hash.clone(),
            },
            exported: p.exported.clone(),
            generator: format!("tianbiao {}", env!("CARGO_PKG_VERSION")),
            valid: p.valid(),
            sections,
            findings,
            notes: p
                .notes
                .iter()
                .map(|n| NoteOut::new(lang, form, n, Context::Export))
                .collect(),
            other_answers,
        }
    }
}

fn field_out(p: &Prepared, f: &Field) -> FieldOut {
    let form = p.form;
    let answers = &p.draft.answers;
    let value = answers.get(&f.id);
    let stored_as = value
        .filter(|v| kind_shape(&f.kind) != Some(shape(v)))
        .map(|v| shape(v).to_string());
    let (options, other_option) = match &f.kind {
        Kind::Choice { options, other, .. } => (Some(options.clone()), other.clone()),
        _ => (None, None),
    };
    let columns = match &f.kind {
        Kind::Table { columns, .. } => Some(
            columns
                .iter()
                .map(|c| ColumnOut {
                    id: c.id.clone(),
                    label: c.label.clone(),
                })
                .collect(),
        ),
        _ => None,
    };
    let statement = match &f.kind {
        Kind::Confirm { statement } => Some(statement.clone()),
        Kind::Note { text } => Some(text.clone()),
        _ => None,
    };
    let counted = crate::form::validate::field_count(form, f, answers);
    FieldOut {
        id: f.id.clone(),
        label: f.label.clone(),
        kind: f.kind.name().to_string(),
        required: f.required,
        hidden: !answers.is_visible(form, f),
        options,
        other_option,
        columns,
        statement,
        value: value.map(|v| value_json(v, Some(p))),
        stored_as,
        count: counted.map(|c| c.0),
        limit: counted.map(|c| c.1),
        counting: counted.map(|c| c.2),
    }
}

/// The JSON text of a submission: pretty, with `\uXXXX` for every control, C1, bidi, line
/// separator and invisible character.
pub fn to_json(s: &Submission) -> String {
    super::clean::to_json_pretty(s)
}

/// The RON text of a submission (same structure; RON escapes controls itself).
pub fn to_ron(s: &Submission) -> String {
    let config = ron::ser::PrettyConfig::new()
        .indentor("  ".to_string())
        .struct_names(false);
    let body = ron::ser::to_string_pretty(s, config).unwrap_or_default();
    format!("// {FORMAT}\n{body}\n")
}

/// Why a submission file cannot be imported.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ImportError {
    /// Not JSON of this layout; line and column of the problem.
    #[error("{line}:{col}: {message}")]
    Parse {
        line: usize,
        col: usize,
        message: String,
    },
    /// Another layout or a newer major version.
    #[error("unsupported format {0}")]
    Format(String),
    /// A field's value does not have the shape its kind needs.
    #[error("field {field}: {message}")]
    Value { field: String, message: String },
}

/// Parses a submission's JSON text strictly: unknown keys are errors, nesting is bounded, a BOM
/// is accepted.
pub fn parse_json(text: &str) -> Result<Submission, ImportError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    // Check the format tag first, so another layout gets a clear message rather than the
    // first unknown key.
    #[derive(Deserialize)]
    struct Tag {
        format: Option<Json>,
    }
    let mut de = serde_json::Deserializer::from_str(text);
    let tag = Tag::deserialize(&mut de).map_err(json_error)?;
    match tag.format {
        Some(Json::String(f)) if f == FORMAT => {}
        Some(Json::String(f)) => return Err(ImportError::Format(f)),
        _ => return Err(ImportError::Format(String::new())),
    }
    // serde_json keeps its default nesting limit of 128 levels.
    serde_json::from_str(text).map_err(json_error)
}

fn json_error(e: serde_json::Error) -> ImportError {
    ImportError::Parse {
        line: e.line(),
        col: e.column(),
        message: crate::sanitize::for_terminal(&e.to_string()),
    }
}

/// Turns a submission back into a draft of `form` (whose id the caller checked). The draft keeps
/// the submission's name, times and form version/hash, so exporting it again gives the same
/// submission. Values for fields the form does not have are kept as such.
pub fn to_draft(s: &Submission, form: &Form, name: &str) -> Result<Draft, ImportError> {
    let mut answers = Answers::default();
    for section in &s.sections {
        for f in &section.fields {
            let Some(json) = &f.value else { continue };
            let shape = match (&f.stored_as, form.field(&f.id)) {
                (Some(s), _) => s.clone(),
                (None, Some(field)) => kind_shape(&field.kind).unwrap_or("Text").to_string(),
                (None, None) => guess_shape(&f.kind),
            };
            answers.set(f.id.clone(), value_from(json, &shape, &f.id)?);
        }
    }
    for o in &s.other_answers {
        answers.set(o.id.clone(), value_from(&o.value, &o.stored_as, &o.id)?);
    }
    crate::form::limits::check_answers(&answers).map_err(|e| ImportError::Value {
        field: crate::sanitize::for_terminal(&e.place),
        message: e.english(),
    })?;
    Ok(Draft {
        format: crate::draft::format::FORMAT,
        name: name.to_string(),
        form_id: s.form.id.clone(),
        form_version: s.draft.form_version.clone(),
        form_hash: s.draft.form_hash.clone(),
        form_file: form.file.clone(),
        created: s.draft.created.clone(),
        updated: s.draft.updated.clone(),
        outline: outline_of(form),
        answers,
        place: None,
    })
}

/// The shape of a kind named in a submission, for a field the form no longer has.
fn guess_shape(kind: &str) -> String {
    match kind {
        "Choice" | "Date" | "List" | "Table" | "Attachments" | "Confirm" => kind.to_string(),
        _ => "Text".to_string(),
    }
}

fn value_from(json: &Json, shape: &str, field: &str) -> Result<Value, ImportError> {
    let bad = |what: &str| ImportError::Value {
        field: crate::sanitize::for_terminal(field),
        message: format!("expected {what}"),
    };
    let string = |j: &Json| j.as_str().map(str::to_string);
    let strings = |j: &Json| -> Option<Vec<String>> {
        j.as_array()?
            .iter()
            .map(|x| x.as_str().map(str::to_string))
            .collect()
    };
    Ok(match shape {
        "Text" => Value::Text(string(json).ok_or_else(|| bad("a string"))?),
        "Date" => Value::Date(string(json).ok_or_else(|| bad("a string"))?),
        "Confirm" => Value::Confirm(json.as_bool().ok_or_else(|| bad("true or false"))?),
        "List" => Value::List(strings(json).ok_or_else(|| bad("a list of strings"))?),
        "Choice" => {
            let m = json
                .as_object()
                .filter(|m| m.keys().all(|k| k == "selected" || k == "other"))
                .ok_or_else(|| bad("{\"selected\": [...], \"other\": \"...\"}"))?;
            let selected = m
                .get("selected")
                .and_then(strings)
                .ok_or_else(|| bad("\"selected\" as a list of strings"))?;
            let other = match m.get("other") {
                None => String::new(),
                Some(o) => string(o).ok_or_else(|| bad("\"other\" as a string"))?,
            };
            Value::Choice { selected, other }
        }
        "Table" => {
            let rows = json.as_array().ok_or_else(|| bad("a list of rows"))?;
            let mut out = Vec::with_capacity(rows.len());
            for r in rows {
                let m = r.as_object().ok_or_else(|| bad("each row as an object"))?;
                let mut row = BTreeMap::new();
                for (k, v) in m {
                    let cell = match v {
                        Json::String(t) => Cell::Text(t.clone()),
                        Json::Bool(b) => Cell::Bool(*b),
                        _ => return Err(bad("cells as strings or booleans")),
                    };
                    row.insert(k.clone(), cell);
                }
                out.push(row);
            }
            Value::Table(out)
        }
        "Attachments" => {
            let files = json.as_array().ok_or_else(|| bad("a list of files"))?;
            let mut out = Vec::with_capacity(files.len());
            for f in files {
                let m = f
                    .as_object()
                    .filter(|m| {
                        m.keys().all(|k| {
                            matches!(k.as_str(), "path" | "caption" | "size" | "sha256" | "file")
                        })
                    })
                    .ok_or_else(|| bad("files as {\"path\", \"caption\"}"))?;
                let path = m
                    .get("path")
                    .and_then(string)
                    .ok_or_else(|| bad("\"path\" as a string"))?;
                let caption = match m.get("caption") {
                    None => String::new(),
                    Some(c) => string(c).ok_or_else(|| bad("\"caption\" as a string"))?,
                };
                out.push(Attachment { path, caption });
            }
            Value::Attachments(out)
        }
        other => {
            return Err(ImportError::Value {
                field: crate::sanitize::for_terminal(field),
                message: format!("unknown stored_as {}", crate::sanitize::for_terminal(other)),
            });
        }
    })
}

#[cfg(test)]
mod tests {
    use super::portable_path;

    #[test]
    fn a_submission_carries_no_path_from_the_authors_machine() {
        for (path, carried) in [
            ("图/架构图.png", "图/架构图.png"),
            ("/home/张三/架构图.png", "架构图.png"),
            ("~/现场照片.png", "现场照片.png"),
            ("~.C/照片.png", "照片.png"),
            ("../外面/表.xlsx", "表.xlsx"),
        ] {
            assert_eq!(portable_path(path, None), carried, "{path}");
        }
        assert_eq!(
            portable_path("/abs/a.png", Some("files/a.png")),
            "files/a.png"
        );
    }
}
