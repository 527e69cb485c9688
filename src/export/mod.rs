//! Export: a draft becomes a submission (JSON, or RON with the same
//! structure), a Markdown or plain-text document in the template's order, a Word document laid
//! out like 附件1, or a bundle folder with the attachments. No terminal code here.
//!
//! The pieces:
//! - [`check_files`] looks at the attachments on disk (the only IO before rendering);
//! - [`prepare`] gathers everything an export says (findings, counts, notes) — pure;
//! - [`render`] turns that into the bytes of one format — pure, used by the golden tests;
//! - [`write`] applies the validation gate and writes a file atomically; [`bundle::write_bundle`]
//!   writes a submission folder. The CLI and the editor call these.

pub mod bundle;
mod clean;
pub mod docx;
mod layout;
pub mod markdown;
pub mod msg;
pub mod submission;
pub mod summary_doc;
pub mod text;
pub mod vocab;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::draft::Draft;
use crate::form::{Finding, Form, Problem, validate};
use crate::lang::Lang;

pub use clean::{json_string, md_escape};
/// For other writers of untrusted text into files (review's summary table).
pub(crate) use clean::{one_line, to_json_pretty};
pub(crate) use layout::date_display;
pub use layout::{Image, ImageKind};
pub use submission::{FORMAT, Submission};

/// Largest attachment copied into a bundle or hashed (50 MiB).
pub const ATTACHMENT_CAP: u64 = 50 * 1024 * 1024;

/// The output formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    Json,
    Ron,
    Markdown,
    Text,
    Docx,
}

impl Format {
    pub const ALL: [Format; 5] = [
        Format::Json,
        Format::Ron,
        Format::Markdown,
        Format::Text,
        Format::Docx,
    ];

    /// `json`, `ron`, `md`, `txt`, `docx` (also `markdown`, `text`).
    pub fn parse(s: &str) -> Option<Format> {
        match s.to_ascii_lowercase().as_str() {
            "json" => Some(Format::Json),
            "ron" => Some(Format::Ron),
            "md" | "markdown" => Some(Format::Markdown),
            "txt" | "text" => Some(Format::Text),
            "docx" | "word" => Some(Format::Docx),
            _ => None,
        }
    }

    /// The usual file extension.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Json => "json",
            Format::Ron => "ron",
            Format::Markdown => "md",
            Format::Text => "txt",
            Format::Docx => "docx",
        }
    }

    /// Whether the format is text that may go to standard output.
    pub fn is_text(self) -> bool {
        self != Format::Docx
    }

    /// Whether the format is a document for people (printed or sent), which leaves hidden
    /// characters out; the submission formats keep every character (escaped).
    pub fn is_document(self) -> bool {
        matches!(self, Format::Markdown | Format::Text | Format::Docx)
    }
}

/// What is known about one attachment file on disk.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FileState {
    /// A regular file within the cap, with its size and `sha256:` digest.
    Ok {
        size: u64,
        sha256: String,
    },
    Missing,
    NotRegular,
    TooLarge {
        size: u64,
        cap: u64,
    },
    Unreadable(String),
}

/// One attachment as found on disk, keyed in [`Files`] by the path written in the draft.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileCheck {
    /// Where the file was looked for (a relative path resolved against the base directory).
    pub resolved: PathBuf,
    pub state: FileState,
    /// The file's name inside a bundle (`attachments/01-图1.png`), when bundling.
    pub bundled_as: Option<String>,
    /// The picture, when the file is a PNG or JPEG (printed in the Word document).
    pub image: Option<Image>,
}

/// Attachment checks by the path written in the draft. An empty map means "not checked" (pure
/// rendering in tests): nothing is reported about files then.
pub type Files = BTreeMap<String, FileCheck>;

/// A remark that does not fail the gate. Typed here; the writers word it (the submission
/// keeps `{code, message}` on the wire, `code` being this enum's tag).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum Note {
    /// The draft was made from another version of its form (read with the current one).
    FormChanged {
        form: String,
        draft_version: String,
        draft_hash: String,
        version: String,
        hash: String,
    },
    /// Answers for fields the form does not have, kept as they are.
    UnknownFields { ids: Vec<String> },
    /// Attachments outside the received file's folder, not looked up.
    AttachmentsNotChecked { paths: Vec<String> },
    /// Hidden or control characters in a field's text, by kind (control, bidi, invisible).
    HiddenCharacters {
        section: String,
        field: String,
        counts: [usize; 3],
    },
    /// A submission's own verdict differs from ours.
    ClaimDiffers { claimed_valid: bool, found: usize },
    /// A document exported with `force` left out this many hidden characters.
    HiddenDropped { count: usize },
    /// A table's "at least N rows" rule (附件2: 不少于 10 个) is not met: a warning with the
    /// count, never a refusal (`summary --strict` refuses).
    RowRule { finding: Finding },
}

impl Note {
    /// Splits the row rules (warnings) off a validation's findings: `(notes, findings)`.
    pub fn split_row_rules(findings: Vec<Finding>) -> (Vec<Note>, Vec<Finding>) {
        let (rules, rest): (Vec<Finding>, Vec<Finding>) = findings
            .into_iter()
            .partition(|f| matches!(f.problem, crate::form::Problem::RowRule { .. }));
        (
            rules
                .into_iter()
                .map(|finding| Note::RowRule { finding })
                .collect(),
            rest,
        )
    }

    /// The note's code on the wire (its serde tag).
    pub fn code(&self) -> &'static str {
        match self {
            Note::FormChanged { .. } => "form_changed",
            Note::UnknownFields { .. } => "unknown_fields",
            Note::AttachmentsNotChecked { .. } => "attachments_not_checked",
            Note::HiddenCharacters { .. } => "hidden_characters",
            Note::ClaimDiffers { .. } => "claim_differs",
            Note::HiddenDropped { .. } => "hidden_dropped",
            Note::RowRule { .. } => "row_rule",
        }
    }

    /// The note when `draft` was made from another version of `form` (hash `hash`).
    pub fn form_changed(draft: &Draft, form: &Form, hash: &str) -> Option<Note> {
        let same_form = draft.form_hash == hash || form.legacy_hash() == draft.form_hash;
        (!same_form || draft.form_version != form.version).then(|| Note::FormChanged {
            form: form.id.clone(),
            draft_version: draft.form_version.clone(),
            draft_hash: draft.form_hash.clone(),
            version: form.version.clone(),
            hash: hash.to_string(),
        })
    }

    /// The note when the answers hold fields the form does not have.
    pub fn unknown_fields(form: &Form, answers: &crate::form::Answers) -> Option<Note> {
        let ids: Vec<String> = answers.orphans(form).map(|(id, _)| id.clone()).collect();
        (!ids.is_empty()).then_some(Note::UnknownFields { ids })
    }
}

/// Everything one export says, computed once and rendered into any format.
#[derive(Clone, Debug)]
pub struct Prepared<'a> {
    pub form: &'a Form,
    pub draft: &'a Draft,
    /// RFC 3339 time of the export.
    pub exported: String,
    pub files: Files,
    /// Findings of the answers and of the attachment files, in template order.
    pub findings: Vec<Finding>,
    pub notes: Vec<Note>,
}

impl Prepared<'_> {
    /// No finding at all: the submission passes the gate.
    pub fn valid(&self) -> bool {
        self.findings.is_empty()
    }

    /// Every finding as one line, in template order.
    pub fn finding_lines(&self, lang: Lang) -> Vec<String> {
        crate::form::msg::finding_lines(lang, self.form, &self.findings)
    }
}

/// Checks every attachment of the visible fields on disk. Relative paths are resolved against
/// `base` (the draft file's directory), or the working directory without one.
pub fn check_files(form: &Form, answers: &crate::form::Answers, base: Option<&Path>) -> Files {
    let mut out = Files::new();
    for (_, _, a) in answers.visible_attachments(form) {
        if out.contains_key(&a.path) {
            continue;
        }
        let resolved = resolve_attachment(&a.path, base);
        let (state, image) = file_state(&resolved);
        out.insert(
            a.path.clone(),
            FileCheck {
                resolved,
                state,
                bundled_as: None,
                image,
            },
        );
    }
    out
}

/// Where an attachment path points: absolute as written, relative to `base` otherwise.
pub fn resolve_attachment(path: &str, base: Option<&Path>) -> PathBuf {
    let p = Path::new(path);
    match base {
        Some(b) if p.is_relative() => b.join(p),
        _ => p.to_path_buf(),
    }
}

/// Where a path the author typed points: `~` and `~/…` under `home`, a relative path under
/// `start` (the directory tianbiao was started in, where the author's shell was). Pure: the
/// caller looks up both; without them the path stays as typed.
pub fn resolve_typed(path: &str, home: Option<&Path>, start: Option<&Path>) -> PathBuf {
    let path = path.trim();
    if let Some(home) = home {
        if path == "~" {
            return home.to_path_buf();
        }
        if let Some(rest) = path.strip_prefix("~/") {
            return home.join(rest);
        }
    }
    resolve_attachment(path, start)
}

/// An attachment as its metadata shows it, without opening it (a FIFO or a device there cannot
/// hang the caller): the size of a regular file within [`ATTACHMENT_CAP`], or what is wrong.
/// The editor, export and the check of received files all look at attachments through this.
pub fn stat_attachment(path: &Path) -> Result<u64, FileState> {
    match std::fs::metadata(path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Err(FileState::Missing),
        Err(e) => Err(FileState::Unreadable(e.to_string())),
        Ok(m) if !m.is_file() => Err(FileState::NotRegular),
        Ok(m) if m.len() > ATTACHMENT_CAP => Err(FileState::TooLarge {
            size: m.len(),
            cap: ATTACHMENT_CAP,
        }),
        Ok(m) => Ok(m.len()),
    }
}

/// The problem an attachment in `state` has (`None` when it is fine).
pub fn attachment_problem(path: &str, state: &FileState) -> Option<Problem> {
    let path = path.to_string();
    Some(match state {
        FileState::Ok { .. } => return None,
        FileState::Missing => Problem::AttachmentMissing { path },
        FileState::NotRegular => Problem::AttachmentNotRegular { path },
        FileState::TooLarge { size, cap } => Problem::AttachmentTooLarge {
            path,
            size: *size,
            limit: *cap,
        },
        FileState::Unreadable(e) => Problem::AttachmentUnreadable {
            path,
            error: e.clone(),
        },
    })
}

fn file_state(path: &Path) -> (FileState, Option<Image>) {
    use crate::fsio::ReadError;
    if let Err(state) = stat_attachment(path) {
        return (state, None);
    }
    let state = match crate::fsio::read_capped(path, ATTACHMENT_CAP) {
        Ok(bytes) => {
            let state = FileState::Ok {
                size: bytes.len() as u64,
                sha256: sha256(&bytes),
            };
            return (state, Image::sniff(bytes));
        }
        Err(ReadError::NotRegular) => FileState::NotRegular,
        Err(ReadError::TooLarge { size, cap }) => FileState::TooLarge { size, cap },
        Err(ReadError::Io(e)) if e.kind() == std::io::ErrorKind::NotFound => FileState::Missing,
        Err(ReadError::Io(e)) => FileState::Unreadable(e.to_string()),
    };
    (state, None)
}

/// `sha256:` and 64 hex digits.
pub fn sha256(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    format!("sha256:{:x}", Sha256::digest(bytes))
}

/// Adds a finding for every visible field whose text holds hidden characters, after the field's
/// own findings (template order is kept).
fn with_hidden_characters(form: &Form, draft: &Draft, findings: Vec<Finding>) -> Vec<Finding> {
    let mut hidden = Vec::new();
    for (section, field) in form.fields() {
        if !draft.answers.is_visible(form, field) {
            continue;
        }
        let Some(v) = draft.answers.get(&field.id) else {
            continue;
        };
        let mut totals = [0usize; 3];
        for t in v.texts() {
            for (kind, n) in crate::sanitize::hidden_chars(t) {
                totals[kind as usize] += n;
            }
        }
        if totals.iter().any(|n| *n > 0) {
            hidden.push(Finding {
                section: section.id.clone(),
                field: field.id.clone(),
                problem: crate::form::Problem::HiddenCharacters {
                    control: totals[0],
                    bidi: totals[1],
                    invisible: totals[2],
                },
            });
        }
    }
    if hidden.is_empty() {
        return findings;
    }
    let position = |id: &str| form.fields().position(|(_, f)| f.id == id);
    let mut all: Vec<Finding> = findings.into_iter().chain(hidden).collect();
    all.sort_by_key(|f| position(&f.field).unwrap_or(usize::MAX));
    all
}

/// How many hidden characters the findings report (what a document export leaves out).
pub fn hidden_total(p: &Prepared) -> usize {
    p.findings
        .iter()
        .map(|f| match f.problem {
            crate::form::Problem::HiddenCharacters {
                control,
                bidi,
                invisible,
            } => control + bidi + invisible,
            _ => 0,
        })
        .sum()
}

/// The findings about the attachment files of the visible fields, from what [`check_files`]
/// found on disk (nothing when the files were not checked).
pub fn file_findings(form: &Form, answers: &crate::form::Answers, files: &Files) -> Vec<Finding> {
    answers
        .visible_attachments(form)
        .filter_map(|(section, field, a)| {
            let problem = attachment_problem(&a.path, &files.get(&a.path)?.state)?;
            Some(Finding {
                section: section.id.clone(),
                field: field.id.clone(),
                problem,
            })
        })
        .collect()
}

/// Gathers findings and notes. Pure.
pub fn prepare<'a>(form: &'a Form, draft: &'a Draft, exported: &str, files: Files) -> Prepared<'a> {
    let (warnings, found) = Note::split_row_rules(validate(form, &draft.answers));
    let findings = crate::form::validate::in_template_order(
        form,
        with_hidden_characters(form, draft, found),
        file_findings(form, &draft.answers, &files),
    );
    let notes = Note::form_changed(draft, form, &form.hash())
        .into_iter()
        .chain(Note::unknown_fields(form, &draft.answers))
        .chain(warnings)
        .collect();
    Prepared {
        form,
        draft,
        exported: exported.to_string(),
        files,
        findings,
        notes,
    }
}

/// The bytes of one format, worded in `lang` where the format carries messages (the
/// submission's findings and notes). Pure.
///
/// A draft of a form shaped like 附件2 prints as the template's summary table (the same
/// document `tianbiao summary` writes), in Markdown and Word.
pub fn render(p: &Prepared, format: Format, lang: Lang) -> Vec<u8> {
    let summary = || summary_doc::from_draft(p.form, &p.draft.answers);
    match format {
        Format::Json => submission::to_json(&Submission::build(p, lang)).into_bytes(),
        Format::Ron => submission::to_ron(&Submission::build(p, lang)).into_bytes(),
        Format::Markdown => match summary() {
            Some(d) => summary_doc::markdown(&d).into_bytes(),
            None => markdown::render(p).into_bytes(),
        },
        Format::Text => text::render(p).into_bytes(),
        Format::Docx => match summary() {
            Some(d) => docx::render_summary(&d, &p.exported),
            None => docx::render(p),
        },
    }
}

/// The export time: `SOURCE_DATE_EPOCH` (seconds, for reproducible output) when set and valid,
/// else the clock; RFC 3339 in UTC.
pub fn now() -> String {
    let secs = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok());
    let t = secs
        .and_then(|s| chrono::DateTime::from_timestamp(s, 0))
        .unwrap_or_else(chrono::Utc::now);
    t.format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

/// What [`write`] did.
#[derive(Clone, Debug)]
pub struct ExportReport {
    pub path: PathBuf,
    pub format: Format,
    pub bytes: usize,
    pub valid: bool,
    /// The findings (exported anyway with `force`), in template order.
    pub findings: Vec<Finding>,
    pub notes: Vec<Note>,
    /// The file already held exactly these bytes; nothing was written.
    pub unchanged: bool,
}

/// Why an export did not happen. Nothing was written in any of these cases.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// The validation gate: every finding, in template order.
    #[error("the draft does not pass validation")]
    Invalid { findings: Vec<Finding> },
    /// The output file exists with other content and `force` was not given.
    #[error("{0} exists")]
    Exists(PathBuf),
    /// A bundle directory exists and is not empty.
    #[error("{0} is not empty")]
    NotEmpty(PathBuf),
    #[error("cannot write {0}: {1}")]
    Write(PathBuf, std::io::Error),
    /// An attachment could not be copied into a bundle.
    #[error("cannot copy {0}: {1}")]
    Copy(PathBuf, String),
    /// An attachment is not copied into a bundle: its path leaves the draft's folder.
    #[error("not copying {0}: {1:?}")]
    Refused(PathBuf, bundle::Refusal),
}

impl ExportError {
    /// Exit code: 1 for the gate, 2 for everything that is about the output or the disk.
    pub fn exit_code(&self) -> u8 {
        match self {
            ExportError::Invalid { .. } => 1,
            _ => 2,
        }
    }

    /// Lines for people, in the interface language; `form` places the findings of the gate
    /// (an error of writing alone needs none).
    pub fn lines(&self, lang: Lang, form: Option<&Form>) -> Vec<String> {
        msg::error_lines(lang, form, self)
    }
}

/// Refuses an export with findings unless forced.
pub fn gate(p: &Prepared, force: bool) -> Result<(), ExportError> {
    if p.valid() || force {
        Ok(())
    } else {
        Err(ExportError::Invalid {
            findings: p.findings.clone(),
        })
    }
}

/// Options of [`write`].
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// Export despite findings, and replace an existing different output file.
    pub force: bool,
    pub lang: Lang,
    /// Directory that relative attachment paths are resolved against (the draft's directory).
    pub base_dir: Option<PathBuf>,
}

/// The whole export of one draft to one file: check attachments, validate, gate, render, write
/// atomically. An existing file is replaced only with `force` or when it already holds exactly
/// these bytes.
pub fn write(
    form: &Form,
    draft: &Draft,
    format: Format,
    path: &Path,
    opts: &Options,
    now: &str,
) -> Result<ExportReport, ExportError> {
    let files = check_files(form, &draft.answers, opts.base_dir.as_deref());
    let p = prepare(form, draft, now, files);
    gate(&p, opts.force)?;
    let bytes = render(&p, format, opts.lang);
    let unchanged = write_file(path, &bytes, opts.force)?;
    let mut notes = p.notes.clone();
    let dropped = hidden_total(&p);
    if dropped > 0 && format.is_document() {
        notes.push(Note::HiddenDropped { count: dropped });
    }
    Ok(ExportReport {
        path: path.to_path_buf(),
        format,
        bytes: bytes.len(),
        valid: p.valid(),
        findings: p.findings,
        notes,
        unchanged,
    })
}

/// Writes `bytes` to `path` atomically (write, fsync, rename, fsync dir). An existing file is
/// kept unless `force` or it already holds these bytes (then nothing is written: `Ok(true)`).
/// A new file gets mode 0644; an existing file keeps its mode; a symbolic link is replaced, never
/// written through; a FIFO or device is refused even with `force` (see `fsio::write_atomic`).
pub fn write_file(path: &Path, bytes: &[u8], force: bool) -> Result<bool, ExportError> {
    match std::fs::symlink_metadata(path) {
        Ok(m) if m.is_dir() => {
            return Err(ExportError::Write(
                path.to_path_buf(),
                std::io::Error::from(std::io::ErrorKind::IsADirectory),
            ));
        }
        Ok(m) => {
            let same = m.is_file()
                && m.len() == bytes.len() as u64
                && crate::fsio::read_capped(path, bytes.len() as u64).is_ok_and(|b| b == bytes);
            if same {
                return Ok(true);
            }
            if !force {
                return Err(ExportError::Exists(path.to_path_buf()));
            }
        }
        Err(_) => {}
    }
    crate::fsio::write_atomic(path, bytes, 0o644)
        .map_err(|e| ExportError::Write(path.to_path_buf(), e))?;
    Ok(false)
}

#[cfg(test)]
mod tests {
    use super::Note;

    #[test]
    fn a_notes_code_on_the_wire_is_its_serde_tag() {
        let all = [
            Note::FormChanged {
                form: "f".into(),
                draft_version: "0.9".into(),
                draft_hash: "sha256:00".into(),
                version: "1.0".into(),
                hash: "sha256:11".into(),
            },
            Note::UnknownFields { ids: vec![] },
            Note::AttachmentsNotChecked { paths: vec![] },
            Note::HiddenCharacters {
                section: "s".into(),
                field: "f".into(),
                counts: [1, 0, 0],
            },
            Note::ClaimDiffers {
                claimed_valid: true,
                found: 2,
            },
            Note::HiddenDropped { count: 3 },
        ];
        for n in all {
            assert_eq!(serde_json::to_value(&n).unwrap()["code"], n.code());
        }
    }

    #[test]
    fn a_typed_path_is_the_authors_shells() {
        use super::resolve_typed;
        use std::path::Path;
        let home = Some(Path::new("/home/王"));
        let start = Some(Path::new("/work/申报"));
        let r = |p| resolve_typed(p, home, start);
        assert_eq!(r("架构图.png"), Path::new("/work/申报/架构图.png"));
        assert_eq!(r("图/1.png"), Path::new("/work/申报/图/1.png"));
        assert_eq!(r("~/现场照片.png"), Path::new("/home/王/现场照片.png"));
        assert_eq!(r("~"), Path::new("/home/王"));
        assert_eq!(r("/tmp/a.png"), Path::new("/tmp/a.png"));
        // `~user` is not ours to guess; without a home `~` stays as typed.
        assert_eq!(r("~li/a.png"), Path::new("/work/申报/~li/a.png"));
        assert_eq!(resolve_typed("~/a.png", None, None), Path::new("~/a.png"));
    }
}
