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

use serde::Serialize;

use super::docx_match::{DocxReport, msg as docx_msg};
use super::load::{FileKind, FormSet, LoadError, ReceivedFile, load_file};
use crate::count::Mode;
use crate::export::submission::AnyProblem;
use crate::export::{ATTACHMENT_CAP, FileFinding, FileProblem, Note};
use crate::form::{Finding, Form, Kind, Problem, Value, validate};
use crate::i18n::{self, Lang};
use crate::sanitize::hidden_chars;

/// The field holding the scenario's name (附件1 场景名称).
pub const SCENARIO_FIELD: &str = "scenario_name";
/// The field holding the applicant (附件1 申报单位).
pub const APPLICANT_FIELD: &str = "applicant_unit";

/// Options of a check.
#[derive(Clone, Debug, Default)]
pub struct CheckOptions {
    pub lang: Lang,
    /// Do not look for attachment files at all.
    pub skip_attachments: bool,
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
    /// For a Word document: the text measured apart (`另有文本框 22 字、脚注 21 字未计入`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub remark: Option<String>,
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

/// A finding with its message in the interface language.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ReportFinding {
    pub section: String,
    pub field: String,
    /// `(三) 应用效果: 523/500 字, 超出 23 字` (safe for a terminal).
    pub message: String,
    pub problem: AnyProblem,
}

/// The check of a file that could be read.
#[derive(Clone, Debug, PartialEq)]
pub struct Checked {
    pub kind: FileKind,
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
    pub findings: Vec<ReportFinding>,
    /// Remarks that do not fail the check (form version, unchecked attachments, hidden
    /// characters, a submission's claim that differs from ours).
    pub notes: Vec<Note>,
    pub file_hash: String,
    /// For a Word document: where each answer was found.
    pub docx: Option<std::sync::Arc<DocxReport>>,
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
    let result = load_file(path, forms).map(|rf| check_received(&rf, opts));
    CheckReport {
        path: path.to_path_buf(),
        result,
    }
}

/// Checks a loaded file.
pub fn check_received(rf: &ReceivedFile, opts: &CheckOptions) -> Checked {
    let lang = opts.lang;
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
                remark: rf.docx.as_ref().and_then(|d| {
                    let hit = d
                        .sections
                        .iter()
                        .find(|h| h.field.as_deref() == Some(field.id.as_str()))?;
                    docx_msg::excluded_remark(lang, &hit.excluded)
                }),
            });
        }
    }

    let form_findings = validate(form, answers);
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
        let mut found = attachment_findings(form, answers, &rf.base_dir(), lang, &mut notes);
        if let Some(claim) = &rf.claim {
            found.extend(recorded_findings(
                &claim.attachments,
                &rf.base_dir(),
                &found,
            ));
        }
        found
    };

    let findings = ordered(form, &form_findings, &file_findings)
        .into_iter()
        .map(|f| match f {
            Either::Form(f) => ReportFinding {
                section: f.section.clone(),
                field: f.field.clone(),
                message: i18n::finding_line(lang, form, f),
                problem: AnyProblem::Form(f.problem.clone()),
            },
            Either::File(f) => ReportFinding {
                section: f.section.clone(),
                field: f.field.clone(),
                message: i18n::export::file_finding_line(lang, form, f),
                problem: AnyProblem::File(f.problem.clone()),
            },
        })
        .collect::<Vec<_>>();
    let mut findings = findings;

    if let Some(d) = &rf.docx {
        // A missing section's finding says where it was looked for and how to fix it in Word.
        for hit in &d.sections {
            let Some(text) = docx_msg::missing_section(lang, form, hit) else {
                continue;
            };
            match findings
                .iter_mut()
                .find(|f| Some(&f.field) == hit.field.as_ref())
            {
                Some(f) => f.message = format!("{}\n{text}", f.message),
                None => notes.push(Note {
                    code: "docx_section_missing".into(),
                    message: text,
                }),
            }
        }
        for (code, message) in docx_msg::notes(lang, form, d) {
            notes.push(Note {
                code: code.into(),
                message,
            });
        }
    }

    if rf.form_changed() && rf.docx.is_none() {
        notes.insert(
            0,
            Note {
                code: "form_changed".into(),
                message: i18n::review::form_changed(lang, &rf.draft, form, &rf.form_hash),
            },
        );
    }
    let orphans: Vec<&str> = answers.orphans(form).map(|(id, _)| id.as_str()).collect();
    if !orphans.is_empty() {
        notes.push(Note {
            code: "unknown_fields".into(),
            message: i18n::export::orphans_note(lang, &orphans),
        });
    }
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
            notes.push(Note {
                code: "hidden_characters".into(),
                message: i18n::review::hidden_note(
                    lang,
                    &place(form, &section.id, &field.id),
                    totals,
                ),
            });
        }
    }
    if let Some(claim) = &rf.claim
        && claim.valid != findings.is_empty()
    {
        notes.push(Note {
            code: "claim_differs".into(),
            message: i18n::review::claim_differs(lang, claim.valid, findings.len()),
        });
    }

    Checked {
        kind: rf.kind,
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

/// Where a field is, for people (`(三) 应用效果`, `一、基本情况 · 联系电话`); safe for a terminal.
pub fn place(form: &Form, section: &str, field: &str) -> String {
    i18n::finding_place(
        form,
        &Finding {
            section: section.to_string(),
            field: field.to_string(),
            problem: Problem::Required,
        },
    )
}

enum Either<'a> {
    Form(&'a Finding),
    File(&'a FileFinding),
}

/// Form and file findings merged in template order; a field's own findings first.
fn ordered<'a>(form: &Form, findings: &'a [Finding], files: &'a [FileFinding]) -> Vec<Either<'a>> {
    let position = |field: &str| form.fields().position(|(_, f)| f.id == field);
    let mut all: Vec<(Option<usize>, u8, Either)> = findings
        .iter()
        .map(|f| (position(&f.field), 0, Either::Form(f)))
        .chain(
            files
                .iter()
                .map(|f| (position(&f.field), 1, Either::File(f))),
        )
        .collect();
    all.sort_by_key(|(pos, kind, _)| (pos.unwrap_or(usize::MAX), *kind));
    all.into_iter().map(|(_, _, f)| f).collect()
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
    already: &[FileFinding],
) -> Vec<FileFinding> {
    let mut out = Vec::new();
    for r in recorded {
        if !attachment_is_local(&r.path)
            || already.iter().any(|f| problem_path(&f.problem) == r.path)
        {
            continue;
        }
        let path = base.join(&r.path);
        let changed = match crate::fsio::read_capped(&path, ATTACHMENT_CAP) {
            Ok(bytes) => bytes.len() as u64 != r.size || crate::export::sha256(&bytes) != r.sha256,
            // Missing or unreadable files are reported by the path check.
            Err(_) => continue,
        };
        if changed {
            out.push(FileFinding {
                section: r.section.clone(),
                field: r.field.clone(),
                problem: FileProblem::AttachmentChanged {
                    path: r.path.clone(),
                },
            });
        }
    }
    out
}

fn problem_path(p: &FileProblem) -> &str {
    match p {
        FileProblem::AttachmentMissing { path }
        | FileProblem::AttachmentNotRegular { path }
        | FileProblem::AttachmentTooLarge { path, .. }
        | FileProblem::AttachmentUnreadable { path, .. }
        | FileProblem::AttachmentChanged { path } => path,
    }
}

pub fn attachment_findings(
    form: &Form,
    answers: &crate::form::Answers,
    base: &Path,
    lang: Lang,
    notes: &mut Vec<Note>,
) -> Vec<FileFinding> {
    let mut out = Vec::new();
    let mut skipped = Vec::new();
    for (section, field) in form.fields() {
        if !matches!(field.kind, Kind::Attachments { .. }) || !answers.is_visible(form, field) {
            continue;
        }
        let Some(Value::Attachments(list)) = answers.get(&field.id) else {
            continue;
        };
        for a in list {
            if !attachment_is_local(&a.path) {
                if !skipped.contains(&a.path) {
                    skipped.push(a.path.clone());
                }
                continue;
            }
            let path = a.path.clone();
            let problem = match std::fs::metadata(base.join(&a.path)) {
                Ok(m) if !m.is_file() => FileProblem::AttachmentNotRegular { path },
                Ok(m) if m.len() > ATTACHMENT_CAP => FileProblem::AttachmentTooLarge {
                    path,
                    size: m.len(),
                    limit: ATTACHMENT_CAP,
                },
                Ok(_) => continue,
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                    FileProblem::AttachmentMissing { path }
                }
                Err(e) => FileProblem::AttachmentUnreadable {
                    path,
                    error: e.to_string(),
                },
            };
            out.push(FileFinding {
                section: section.id.clone(),
                field: field.id.clone(),
                problem,
            });
        }
    }
    if !skipped.is_empty() {
        notes.push(Note {
            code: "attachments_not_checked".into(),
            message: i18n::review::attachments_not_checked(lang, &skipped),
        });
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
