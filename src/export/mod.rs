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
mod msg;
pub mod submission;
pub mod text;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::draft::Draft;
use crate::form::{Finding, Form, Kind, Value, validate};
use crate::i18n::{self, Lang};

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

/// A problem export finds beyond the form's own validation: attachments it cannot find.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum FileProblem {
    AttachmentMissing {
        path: String,
    },
    AttachmentNotRegular {
        path: String,
    },
    AttachmentTooLarge {
        path: String,
        size: u64,
        limit: u64,
    },
    AttachmentUnreadable {
        path: String,
        error: String,
    },
    /// The file is there but is not the one the submission recorded (size or sha256 differ).
    AttachmentChanged {
        path: String,
    },
}

/// A file finding, placed like a form finding.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileFinding {
    pub section: String,
    pub field: String,
    pub problem: FileProblem,
}

/// A form finding or a file finding.
#[derive(Clone, Copy, Debug)]
pub enum AnyFinding<'a> {
    Form(&'a Finding),
    File(&'a FileFinding),
}

/// A remark that does not fail the gate (the draft was made from another form version).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Note {
    pub code: String,
    pub message: String,
}

/// Everything one export says, computed once and rendered into any format.
#[derive(Clone, Debug)]
pub struct Prepared<'a> {
    pub form: &'a Form,
    pub draft: &'a Draft,
    /// RFC 3339 time of the export.
    pub exported: String,
    pub lang: Lang,
    pub files: Files,
    pub findings: Vec<Finding>,
    pub file_findings: Vec<FileFinding>,
    pub notes: Vec<Note>,
}

impl Prepared<'_> {
    /// No finding at all: the submission passes the gate.
    pub fn valid(&self) -> bool {
        self.findings.is_empty() && self.file_findings.is_empty()
    }

    /// Form findings and file findings merged in template order (by field; a field's own
    /// findings first).
    pub fn ordered(&self) -> Vec<AnyFinding<'_>> {
        let position = |field: &str| self.form.fields().position(|(_, f)| f.id == field);
        let mut all: Vec<(Option<usize>, u8, AnyFinding)> = self
            .findings
            .iter()
            .map(|f| (position(&f.field), 0, AnyFinding::Form(f)))
            .chain(
                self.file_findings
                    .iter()
                    .map(|f| (position(&f.field), 1, AnyFinding::File(f))),
            )
            .collect();
        // Stable: findings of one field keep their order.
        all.sort_by_key(|(pos, kind, _)| (pos.unwrap_or(usize::MAX), *kind));
        all.into_iter().map(|(_, _, f)| f).collect()
    }

    /// Every finding as one line, in template order.
    pub fn finding_lines(&self) -> Vec<String> {
        self.ordered()
            .into_iter()
            .map(|f| match f {
                AnyFinding::Form(f) => i18n::finding_line(self.lang, self.form, f),
                AnyFinding::File(f) => i18n::export::file_finding_line(self.lang, self.form, f),
            })
            .collect()
    }
}

/// Checks every attachment of the visible fields on disk. Relative paths are resolved against
/// `base` (the draft file's directory), or the working directory without one.
pub fn check_files(form: &Form, answers: &crate::form::Answers, base: Option<&Path>) -> Files {
    let mut out = Files::new();
    for (_, field) in form.fields() {
        if !matches!(field.kind, Kind::Attachments { .. }) || !answers.is_visible(form, field) {
            continue;
        }
        let Some(Value::Attachments(list)) = answers.get(&field.id) else {
            continue;
        };
        for a in list {
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

fn file_state(path: &Path) -> (FileState, Option<Image>) {
    use crate::fsio::ReadError;
    match std::fs::metadata(path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return (FileState::Missing, None),
        Err(e) => return (FileState::Unreadable(e.to_string()), None),
        Ok(m) if !m.is_file() => return (FileState::NotRegular, None),
        Ok(m) if m.len() > ATTACHMENT_CAP => {
            let state = FileState::TooLarge {
                size: m.len(),
                cap: ATTACHMENT_CAP,
            };
            return (state, None);
        }
        Ok(_) => {}
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
    let digest = Sha256::digest(bytes);
    let mut out = String::with_capacity(71);
    out.push_str("sha256:");
    for b in digest {
        out.push_str(&format!("{b:02x}"));
    }
    out
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

/// Gathers findings, file findings and notes. Pure.
pub fn prepare<'a>(
    form: &'a Form,
    draft: &'a Draft,
    exported: &str,
    lang: Lang,
    files: Files,
) -> Prepared<'a> {
    let findings = validate(form, &draft.answers);
    let mut file_findings = Vec::new();
    for (section, field) in form.fields() {
        if !matches!(field.kind, Kind::Attachments { .. }) || !draft.answers.is_visible(form, field)
        {
            continue;
        }
        let Some(Value::Attachments(list)) = draft.answers.get(&field.id) else {
            continue;
        };
        for a in list {
            let path = a.path.clone();
            let problem = match files.get(&a.path).map(|c| &c.state) {
                None | Some(FileState::Ok { .. }) => continue,
                Some(FileState::Missing) => FileProblem::AttachmentMissing { path },
                Some(FileState::NotRegular) => FileProblem::AttachmentNotRegular { path },
                Some(FileState::TooLarge { size, cap }) => FileProblem::AttachmentTooLarge {
                    path,
                    size: *size,
                    limit: *cap,
                },
                Some(FileState::Unreadable(e)) => FileProblem::AttachmentUnreadable {
                    path,
                    error: e.clone(),
                },
            };
            file_findings.push(FileFinding {
                section: section.id.clone(),
                field: field.id.clone(),
                problem,
            });
        }
    }
    let findings = with_hidden_characters(form, draft, findings);
    let mut notes = Vec::new();
    let hash = form.hash();
    if draft.form_hash != hash || draft.form_version != form.version {
        notes.push(Note {
            code: "form_changed".into(),
            message: i18n::export::form_changed(lang, draft, form, &hash),
        });
    }
    if draft.answers.orphans(form).next().is_some() {
        notes.push(Note {
            code: "unknown_fields".into(),
            message: i18n::export::orphans_note(
                lang,
                &draft
                    .answers
                    .orphans(form)
                    .map(|(id, _)| id.as_str())
                    .collect::<Vec<_>>(),
            ),
        });
    }
    Prepared {
        form,
        draft,
        exported: exported.to_string(),
        lang,
        files,
        findings,
        file_findings,
        notes,
    }
}

/// The bytes of one format. Pure.
pub fn render(p: &Prepared, format: Format) -> Vec<u8> {
    match format {
        Format::Json => submission::to_json(&Submission::build(p)).into_bytes(),
        Format::Ron => submission::to_ron(&Submission::build(p)).into_bytes(),
        Format::Markdown => markdown::render(p).into_bytes(),
        Format::Text => text::render(p).into_bytes(),
        Format::Docx => docx::render(p),
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
    /// The findings, one line each (exported anyway with `force`).
    pub findings: Vec<String>,
    pub notes: Vec<String>,
    /// The file already held exactly these bytes; nothing was written.
    pub unchanged: bool,
}

/// Why an export did not happen. Nothing was written in any of these cases.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// The validation gate: every finding, one line each.
    #[error("the draft does not pass validation")]
    Invalid { findings: Vec<String> },
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
}

impl ExportError {
    /// Exit code: 1 for the gate, 2 for everything that is about the output or the disk.
    pub fn exit_code(&self) -> u8 {
        match self {
            ExportError::Invalid { .. } => 1,
            _ => 2,
        }
    }

    /// Lines for people, in the interface language.
    pub fn lines(&self, lang: Lang) -> Vec<String> {
        i18n::export::error_lines(lang, self)
    }
}

/// Refuses an export with findings unless forced.
pub fn gate(p: &Prepared, force: bool) -> Result<(), ExportError> {
    if p.valid() || force {
        Ok(())
    } else {
        Err(ExportError::Invalid {
            findings: p.finding_lines(),
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
    let p = prepare(form, draft, now, opts.lang, files);
    gate(&p, opts.force)?;
    let bytes = render(&p, format);
    let unchanged = write_file(path, &bytes, opts.force)?;
    let mut notes: Vec<String> = p.notes.iter().map(|n| n.message.clone()).collect();
    let dropped = hidden_total(&p);
    if dropped > 0 && format.is_document() {
        notes.push(i18n::export::hidden_dropped(opts.lang, dropped));
    }
    Ok(ExportReport {
        path: path.to_path_buf(),
        format,
        bytes: bytes.len(),
        valid: p.valid(),
        findings: p.finding_lines(),
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
