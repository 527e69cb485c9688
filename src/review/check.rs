//! Checking a received file against its form: the scenario and applicant, each limited field's
//! count, the required fields missing, every finding and a verdict. The report is data; the
//! `check` command and the review screen render it.
//!
//! Attachments: a received file names files on the *sender's* machine. Only relative paths
//! that stay inside the received file's directory (a bundle folder, or images sent beside the
//! draft) are looked up, with `stat` alone (nothing is opened, so a FIFO or a device there
//! cannot hang us). Absolute paths, paths with `..`, and Windows paths are not looked up; a note
//! says so. A relative path that is missing, or is not a regular file, is a finding.

use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

use serde::Serialize;

use super::docx_match::{DocxNote, DocxReport, Excluded, SectionStatus};
use super::load::{FileKind, FormSet, Hashing, LoadError, ReceivedFile, load_file_with};
use crate::count::Mode;
use crate::export::{Note, attachment_problem, stat_attachment};
use crate::form::msg::place;
use crate::form::validate::Problem;
use crate::form::{Finding, Form, validate};
use crate::sanitize::hidden_chars;

/// The field holding the scenario's name (附件1 场景名称).
pub const SCENARIO_FIELD: &str = "scenario_name";
/// The field holding the applicant (附件1 申报单位).
pub const APPLICANT_FIELD: &str = "applicant_unit";

/// Options of a check.
#[derive(Clone, Debug, Default)]
pub struct CheckOptions {
    /// Do not look for attachment files at all.
    pub skip_attachments: bool,
    /// Hash Word documents' bytes too (the JSON report carries `sha256`; the text report does
    /// not, and hashing is most of the time spent on a document full of photos).
    pub hash_documents: bool,
}

/// One limited field's count.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FieldCount {
    pub field: String,
    /// Where it is, for people: `(三) 应用效果`.
    pub label: String,
    pub count: usize,
    pub limit: usize,
    pub mode: Mode,
    /// For a Word document: the text measured apart from the count (text boxes, footnotes…).
    #[serde(skip)]
    pub excluded: Option<Excluded>,
}

impl FieldCount {
    pub fn over(&self) -> bool {
        self.count > self.limit
    }
}

/// A required field that is not filled in.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct MissingField {
    pub field: String,
    /// The field's own label (`电子邮箱`), short enough for one line of several.
    pub label: String,
    /// Where it is (`一、基本情况 · 电子邮箱`), as findings say it.
    pub place: String,
}

/// The check of a file that could be read.
#[derive(Clone, Debug, PartialEq)]
pub struct Checked {
    pub kind: FileKind,
    /// The form the file was checked with (its findings and notes are worded against it).
    pub form: Arc<Form>,
    pub form_id: String,
    pub form_version: String,
    /// The draft's own name.
    pub draft_name: String,
    /// 场景名称 and 申报单位: `None` when the form has no such field, `""` when not filled in
    /// (raw text: sanitise before showing).
    pub scenario: Option<String>,
    pub applicant: Option<String>,
    /// Every visible limited field, in template order.
    pub counts: Vec<FieldCount>,
    pub missing: Vec<MissingField>,
    /// Form findings and attachment findings, in template order.
    pub findings: Vec<Finding>,
    /// Remarks that do not fail the check (form version, unchecked attachments, hidden
    /// characters, a submission's claim that differs from ours, how a Word document was read).
    pub notes: Vec<CheckNote>,
    /// Empty for a Word document checked without [`CheckOptions::hash_documents`].
    pub file_hash: String,
    /// For a Word document: where each answer was found.
    pub docx: Option<std::sync::Arc<DocxReport>>,
}

/// A remark of a check: one an export would make too, or one about reading a Word document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CheckNote {
    Export(Note),
    Docx(DocxNote),
}

impl CheckNote {
    /// The note's code on the wire.
    pub fn code(&self) -> &'static str {
        match self {
            CheckNote::Export(n) => n.code(),
            CheckNote::Docx(n) => n.code(),
        }
    }
}

impl Checked {
    pub fn pass(&self) -> bool {
        self.findings.is_empty()
    }
}

/// The result of checking one file.
#[derive(Debug)]
pub struct CheckReport {
    pub path: PathBuf,
    pub result: Result<Checked, LoadError>,
}

/// The outcome of one file, ordered by severity.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Verdict {
    Pass,
    /// With the number of findings.
    Fail(usize),
    Unreadable,
}

impl CheckReport {
    pub fn verdict(&self) -> Verdict {
        match &self.result {
            Ok(c) if c.pass() => Verdict::Pass,
            Ok(c) => Verdict::Fail(c.findings.len()),
            Err(_) => Verdict::Unreadable,
        }
    }
}

/// Reads, parses and checks one file. The draft is dropped afterwards: checking hundreds of
/// files keeps only the reports.
pub fn check_path(path: &Path, forms: &FormSet, opts: &CheckOptions) -> CheckReport {
    let hashing = if opts.hash_documents {
        Hashing::Full
    } else {
        Hashing::Skip
    };
    let result = load_file_with(path, forms, hashing).map(|rf| check_received(&rf, opts));
    CheckReport {
        path: path.to_path_buf(),
        result,
    }
}

/// Checks a loaded file.
pub fn check_received(rf: &ReceivedFile, opts: &CheckOptions) -> Checked {
    let form: &Form = &rf.form;
    let answers = &rf.draft.answers;
    // None: the form has no such field; "": not filled in.
    let text_of = |id: &str| {
        form.field(id)?;
        Some(answers.text(id).trim().to_string())
    };

    let mut counts = Vec::new();
    for (section, field) in form.fields() {
        if !answers.is_visible(form, field) {
            continue;
        }
        if !answers.get(&field.id).is_none_or(|v| v.fits(&field.kind)) {
            continue;
        }
        if let Some((count, limit, mode)) = crate::form::validate::field_count(form, field, answers)
        {
            counts.push(FieldCount {
                field: field.id.clone(),
                label: place(form, &section.id, &field.id),
                count,
                limit,
                mode,
                excluded: rf.docx.as_ref().and_then(|d| {
                    let hit = d
                        .sections
                        .iter()
                        .find(|h| h.field.as_deref() == Some(field.id.as_str()))?;
                    Some(hit.excluded.clone())
                }),
            });
        }
    }

    let (row_rules, form_findings) = Note::split_row_rules(validate(form, answers));
    let missing = form_findings
        .iter()
        .filter(|f| f.is_required())
        .map(|f| MissingField {
            field: f.field.clone(),
            label: crate::sanitize::for_terminal(
                form.field(&f.field)
                    .map_or(f.field.as_str(), |x| x.label.as_str()),
            ),
            place: place(form, &f.section, &f.field),
        })
        .collect();

    let mut notes = Vec::new();
    let file_findings = if opts.skip_attachments {
        Vec::new()
    } else {
        let mut found = attachment_findings(form, answers, &rf.base_dir(), &mut notes);
        if let Some(claim) = &rf.claim {
            found.extend(recorded_findings(
                &claim.attachments,
                &rf.base_dir(),
                &found,
            ));
        }
        found
    };

    let findings = crate::form::validate::in_template_order(form, form_findings, file_findings);
    let mut notes: Vec<CheckNote> = notes
        .into_iter()
        .chain(row_rules)
        .map(CheckNote::Export)
        .collect();

    if let Some(d) = &rf.docx {
        // A missing section is explained by its field's finding; without one, by a note.
        for hit in &d.sections {
            if matches!(hit.status, SectionStatus::Missing { .. })
                && !findings
                    .iter()
                    .any(|f| Some(&f.field) == hit.field.as_ref())
            {
                notes.push(CheckNote::Docx(DocxNote::SectionMissing(Box::new(
                    hit.clone(),
                ))));
            }
        }
        notes.extend(d.notes().into_iter().map(CheckNote::Docx));
    }

    if rf.docx.is_none()
        && let Some(n) = Note::form_changed(&rf.draft, form, &rf.form_hash)
    {
        notes.insert(0, CheckNote::Export(n));
    }
    notes.extend(Note::unknown_fields(form, answers).map(CheckNote::Export));
    for (section, field) in form.fields() {
        let Some(v) = answers.get(&field.id) else {
            continue;
        };
        let mut totals = [0usize; 3];
        for t in v.texts() {
            for (kind, n) in hidden_chars(t) {
                totals[kind as usize] += n;
            }
        }
        if totals.iter().any(|n| *n > 0) {
            notes.push(CheckNote::Export(Note::HiddenCharacters {
                section: section.id.clone(),
                field: field.id.clone(),
                counts: totals,
            }));
        }
    }
    if let Some(claim) = &rf.claim
        && claim.valid != findings.is_empty()
    {
        notes.push(CheckNote::Export(Note::ClaimDiffers {
            claimed_valid: claim.valid,
            found: findings.len(),
        }));
    }

    Checked {
        kind: rf.kind,
        form: Arc::clone(&rf.form),
        form_id: form.id.clone(),
        form_version: form.version.clone(),
        draft_name: rf.draft.name.clone(),
        scenario: text_of(SCENARIO_FIELD),
        applicant: text_of(APPLICANT_FIELD),
        counts,
        missing,
        findings,
        notes,
        file_hash: rf.file_hash.clone(),
        docx: rf.docx.clone(),
    }
}

/// Whether an attachment path is looked up: relative, inside the base directory, not a
/// Windows path (`C:\…`, `\\server\…`).
pub fn attachment_is_local(path: &str) -> bool {
    if path.trim().is_empty() || path.contains('\\') || path.contains('\0') {
        return false;
    }
    let bytes = path.as_bytes();
    if bytes.len() >= 2 && bytes[1] == b':' && bytes[0].is_ascii_alphabetic() {
        return false;
    }
    Path::new(path)
        .components()
        .all(|c| matches!(c, Component::Normal(_) | Component::CurDir))
}

/// Findings for the attachments of the visible fields, looked up beside the received file
/// (see the module documentation); notes for those not looked up.
/// Attachments that are present but differ from what the submission recorded. Files already
/// found missing or unreadable are not reported twice.
pub fn recorded_findings(
    recorded: &[crate::review::load::Recorded],
    base: &Path,
    already: &[Finding],
) -> Vec<Finding> {
    let mut out = Vec::new();
    for r in recorded {
        if !attachment_is_local(&r.path)
            || already.iter().any(|f| problem_path(&f.problem) == r.path)
        {
            continue;
        }
        let path = base.join(&r.path);
        let changed = match crate::fsio::read_capped(&path, crate::export::ATTACHMENT_CAP) {
            Ok(bytes) => bytes.len() as u64 != r.size || crate::export::sha256(&bytes) != r.sha256,
            // Missing or unreadable files are reported by the path check.
            Err(_) => continue,
        };
        if changed {
            out.push(Finding {
                section: r.section.clone(),
                field: r.field.clone(),
                problem: Problem::AttachmentChanged {
                    path: r.path.clone(),
                },
            });
        }
    }
    out
}

fn problem_path(p: &Problem) -> &str {
    match p {
        Problem::AttachmentMissing { path }
        | Problem::AttachmentNotRegular { path }
        | Problem::AttachmentTooLarge { path, .. }
        | Problem::AttachmentUnreadable { path, .. }
        | Problem::AttachmentChanged { path } => path,
        _ => "",
    }
}

pub fn attachment_findings(
    form: &Form,
    answers: &crate::form::Answers,
    base: &Path,
    notes: &mut Vec<Note>,
) -> Vec<Finding> {
    let mut out = Vec::new();
    let mut skipped = Vec::new();
    for (section, field, a) in answers.visible_attachments(form) {
        if !attachment_is_local(&a.path) {
            if !skipped.contains(&a.path) {
                skipped.push(a.path.clone());
            }
            continue;
        }
        if let Err(state) = stat_attachment(&base.join(&a.path))
            && let Some(problem) = attachment_problem(&a.path, &state)
        {
            out.push(Finding {
                section: section.id.clone(),
                field: field.id.clone(),
                problem,
            });
        }
    }
    if !skipped.is_empty() {
        notes.push(Note::AttachmentsNotChecked { paths: skipped });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_local_relative_attachments_are_looked_up() {
        for ok in ["fig1.png", "./a/fig.png", "图/图1.jpg"] {
            assert!(attachment_is_local(ok), "{ok}");
        }
        for no in [
            "/home/x/fig1.png",
            "../fig.png",
            "a/../../b.png",
            "C:\\Users\\x\\图1.png",
            "c:/x.png",
            "\\\\server\\share\\x.png",
            "",
            " ",
        ] {
            assert!(!attachment_is_local(no), "{no}");
        }
    }

    #[test]
    fn verdicts_are_ordered_by_severity() {
        assert!(Verdict::Pass < Verdict::Fail(1));
        assert!(Verdict::Fail(100) < Verdict::Unreadable);
    }
}
