//! The words of checking received files: load errors, the check report's labels, verdicts and
//! notes, in Chinese (default) and English.

use crate::export::msg::Context;
use crate::export::submission::ImportError;
use crate::form::Form;
use crate::lang::Lang;
use crate::review::check::{CheckNote, Checked, FieldCount};
use crate::review::docx_match::msg::{excluded_remark, missing_field, missing_section};
use crate::review::load::{FileKind, LoadError};
use crate::review::notes::NotesParseError;
use crate::sanitize::for_terminal;

/// Widest a piece of a file's text is shown in a message (a hostile file can make a parser quote
/// megabytes).
const QUOTE_WIDTH: usize = 200;

/// Untrusted text for a message: sanitised and cut to [`QUOTE_WIDTH`] columns.
pub(crate) fn short(s: &str) -> String {
    crate::review::render::clip(&for_terminal(s), QUOTE_WIDTH)
}

pub(crate) fn qs(s: &str) -> String {
    format!("'{}'", short(s))
}

pub(crate) fn path(p: &std::path::Path) -> String {
    for_terminal(&p.display().to_string())
}

/// serde_json ends its messages with ` at line L column C`; we say where ourselves.
fn strip_position(m: &str) -> &str {
    match m.rfind(" at line ") {
        Some(i)
            if m[i + 9..]
                .split(" column ")
                .all(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit())) =>
        {
            &m[..i]
        }
        _ => m,
    }
}

/// Why a received file cannot be checked, on one line.
fn load_error(lang: Lang, e: &LoadError) -> String {
    let zh = lang == Lang::Zh;
    match e {
        LoadError::Read(r) => r.describe(lang),
        LoadError::Docx(e) => e.describe(lang),
        LoadError::NoForm => crate::review::docx_match::msg::no_form(lang),
        LoadError::SeveralApplications { starts } => {
            crate::review::docx_match::msg::several_applications(lang, starts)
        }
        LoadError::NotUtf8 { offset } => {
            if zh {
                format!("不是 UTF-8 文本（第 {offset} 字节处编码无效）")
            } else {
                format!("not UTF-8 text (invalid at byte {offset})")
            }
        }
        LoadError::Empty => lang.pick("文件是空的", "the file is empty").into(),
        LoadError::Draft(p) => {
            let m = short(&p.message.describe(lang));
            if zh {
                format!("不是有效的草稿：第 {} 行第 {} 列：{m}", p.line, p.col)
            } else {
                format!("not a valid draft: line {}, column {}: {m}", p.line, p.col)
            }
        }
        LoadError::Submission(ImportError::Parse { line, col, message }) => {
            let m = short(strip_position(message));
            if zh {
                format!("不是有效的提交文件：第 {line} 行第 {col} 列：{m}")
            } else {
                format!("not a valid submission: line {line}, column {col}: {m}")
            }
        }
        LoadError::Submission(ImportError::Format(f)) if f.is_empty() => lang
            .pick(
                "不是 tianbiao 的草稿或提交文件（JSON 中没有 \"format\": \"tianbiao.submission/1\"）",
                "not a tianbiao draft or submission (the JSON has no \"format\": \"tianbiao.submission/1\")",
            )
            .into(),
        LoadError::Submission(ImportError::Format(f)) => {
            if zh {
                format!(
                    "提交文件格式 {} 不受支持（应为 {}）",
                    qs(f),
                    crate::export::FORMAT
                )
            } else {
                format!(
                    "submission format {} is not supported (expected {})",
                    qs(f),
                    crate::export::FORMAT
                )
            }
        }
        LoadError::Submission(ImportError::Value { field, message }) => {
            if zh {
                format!(
                    "不是有效的提交文件：字段 {}：{}",
                    qs(field),
                    short(message)
                )
            } else {
                format!(
                    "not a valid submission: field {}: {}",
                    qs(field),
                    short(message)
                )
            }
        }
        LoadError::UnknownForm(id) => {
            if zh {
                format!(
                    "未知的表单 {}：不是内置表单（可用 --form 文件 指定表单描述文件）",
                    qs(id)
                )
            } else {
                format!(
                    "unknown form {}: not a built-in form (name a form file with --form FILE)",
                    qs(id)
                )
            }
        }
    }
}

/// `FILE: why`, the line printed on standard error for a file that cannot be checked.
pub fn unreadable_line(lang: Lang, p: &std::path::Path, e: &LoadError) -> String {
    format!("{}: {}", path(p), load_error(lang, e))
}

pub fn verdict_pass(lang: Lang) -> String {
    lang.pick("✓ 通过", "✓ pass").into()
}

pub fn verdict_fail(lang: Lang, n: usize) -> String {
    if lang == Lang::Zh {
        format!("✗ 不通过（{n} 个问题）")
    } else {
        format!("✗ fail ({n} problem{})", if n == 1 { "" } else { "s" })
    }
}

pub fn verdict_unreadable(lang: Lang, why: &str) -> String {
    if lang == Lang::Zh {
        format!("✗ 无法读取：{why}")
    } else {
        format!("✗ cannot read: {why}")
    }
}

/// `smart-port.ron（草稿，ai-scenario 1.0）`; `path`, `id` and `version` already sanitised.
pub fn file_heading(lang: Lang, path: &str, kind: FileKind, id: &str, version: &str) -> String {
    match (lang, kind) {
        (Lang::Zh, FileKind::Draft) => format!("{path}（草稿，{id} {version}）"),
        (Lang::Zh, FileKind::Submission) => format!("{path}（提交文件，{id} {version}）"),
        (Lang::En, FileKind::Draft) => format!("{path} (draft, {id} {version})"),
        (Lang::En, FileKind::Submission) => format!("{path} (submission, {id} {version})"),
        (_, FileKind::Docx) => {
            crate::review::docx_match::msg::file_heading(lang, path, id, version)
        }
    }
}

pub fn scenario_label(lang: Lang) -> &'static str {
    lang.pick("场景名称：", "Scenario: ")
}

pub fn name_label(lang: Lang) -> &'static str {
    lang.pick("名称：", "Name: ")
}

pub fn applicant_label(lang: Lang) -> &'static str {
    lang.pick("申报单位：", "Applicant: ")
}

pub fn missing_label(lang: Lang) -> &'static str {
    lang.pick("缺少必填：", "Missing required: ")
}

pub fn findings_label(lang: Lang) -> &'static str {
    lang.pick("问题：", "Problems:")
}

pub fn not_filled(lang: Lang) -> &'static str {
    lang.pick("（未填写）", "(not filled in)")
}

pub fn none(lang: Lang) -> &'static str {
    lang.pick("无", "none")
}

pub fn list_sep(lang: Lang) -> &'static str {
    lang.pick("、", ", ")
}

/// `✗ 超出 23 字`.
pub fn over_by(lang: Lang, n: usize, unit: &str) -> String {
    if lang == Lang::Zh {
        format!("✗ 超出 {n} {unit}")
    } else {
        format!("✗ {n} over")
    }
}

/// `共 5 个文件：2 个通过，2 个不通过，1 个无法读取`.
pub fn total(lang: Lang, pass: usize, fail: usize, unreadable: usize) -> String {
    let n = pass + fail + unreadable;
    if lang == Lang::Zh {
        format!("共 {n} 个文件：{pass} 个通过，{fail} 个不通过，{unreadable} 个无法读取")
    } else {
        format!("{n} files: {pass} pass, {fail} fail, {unreadable} cannot be read")
    }
}

/// The words of the review notes document (`tianbiao review --notes`); row labels carry their
/// colon, since English puts a space after it and Chinese does not.
pub(crate) struct NotesWords {
    pub title: &'static str,
    pub reviewer: &'static str,
    pub date: &'static str,
    pub unreadable: &'static str,
    pub scenario: &'static str,
    pub applicant: &'static str,
    pub file_hash: &'static str,
    pub verdict: &'static str,
    pub pass: &'static str,
    pub fail: &'static str,
    pub problem: &'static str,
    pub note: &'static str,
    pub overall: &'static str,
    pub remark: &'static str,
    pub nothing: &'static str,
}

pub(crate) fn notes_words(lang: Lang) -> NotesWords {
    NotesWords {
        title: lang.pick("评审意见", "Review notes"),
        reviewer: lang.pick("评审单位：", "Reviewer: "),
        date: lang.pick("日期：", "Date: "),
        unreadable: lang.pick("无法读取：", "Could not be read: "),
        scenario: lang.pick("场景名称：", "Scenario: "),
        applicant: lang.pick("申报单位：", "Applicant: "),
        file_hash: lang.pick("文件指纹：", "File hash: "),
        verdict: lang.pick("结论：", "Verdict: "),
        pass: lang.pick("通过形式审查", "passes the checks"),
        fail: lang.pick("未通过形式审查", "does not pass the checks"),
        problem: lang.pick("问题：", "Problem: "),
        note: lang.pick("批注：", "Note:"),
        overall: lang.pick("总体意见", "Overall"),
        remark: lang.pick("注意：", "Remark: "),
        nothing: lang.pick(
            "（没有问题，也没有批注。）\n",
            "(No problems and no notes.)\n",
        ),
    }
}

/// `收到的文件：5 个（1 个无法读取）`, the count line of the notes document's head.
pub(crate) fn files_received(lang: Lang, files: usize, unreadable: usize) -> String {
    match lang {
        Lang::Zh if unreadable > 0 => format!("收到的文件：{files} 个（{unreadable} 个无法读取）"),
        Lang::Zh => format!("收到的文件：{files} 个"),
        Lang::En if unreadable > 0 => {
            format!("Files received: {files} ({unreadable} could not be read)")
        }
        Lang::En => format!("Files received: {files}"),
    }
}

impl FieldCount {
    /// For a Word document, the text measured apart from the count, as a remark beside it.
    pub fn remark(&self, lang: Lang) -> Option<String> {
        excluded_remark(lang, self.excluded.as_ref()?)
    }
}

impl CheckNote {
    /// The note in words, safe for a terminal; `form` is the form the file was checked with.
    pub fn describe(&self, lang: Lang, form: &Form) -> String {
        match self {
            CheckNote::Export(n) => n.describe(lang, form, Context::Check),
            CheckNote::Docx(n) => n.describe(lang, form),
        }
    }
}

impl Checked {
    /// Every finding in words, in order. A Word document's missing section adds, to the first
    /// finding of its field, where the section was looked for and how to fix it (more lines).
    pub fn finding_lines(&self, lang: Lang) -> Vec<String> {
        let mut out: Vec<String> = self
            .findings
            .iter()
            .map(|f| crate::form::msg::finding_line(lang, &self.form, f))
            .collect();
        if let Some(d) = &self.docx {
            for hit in &d.sections {
                let Some(text) = missing_section(lang, &self.form, hit) else {
                    continue;
                };
                if let Some(i) = self
                    .findings
                    .iter()
                    .position(|f| Some(&f.field) == hit.field.as_ref())
                {
                    out[i] = format!("{}\n{text}", out[i]);
                }
            }
            for (i, f) in self.findings.iter().enumerate() {
                if f.is_required()
                    && let Some(text) = missing_field(lang, &self.form, d, &f.field)
                {
                    out[i] = format!("{}\n{text}", out[i]);
                }
            }
        }
        out
    }
}

impl LoadError {
    /// One line for people, in the interface language, safe for a terminal.
    pub fn describe(&self, lang: Lang) -> String {
        load_error(lang, self)
    }
}

impl NotesParseError {
    /// One line in the interface language, safe for a terminal.
    pub fn describe(&self, lang: Lang) -> String {
        notes_parse_error(lang, self)
    }

    /// The line in English, for an error that keeps its message as text.
    pub fn english(&self) -> String {
        notes_parse_error(Lang::En, self)
    }
}

/// A notes file that does not parse: where, and why.
fn notes_parse_error(lang: Lang, e: &NotesParseError) -> String {
    match (e, lang) {
        (NotesParseError::NotUtf8(n), _) => n.describe(lang),
        (NotesParseError::Limit(e), _) => e.describe(lang),
        (NotesParseError::Syntax { line, col, message }, Lang::Zh) => {
            format!("第 {line} 行第 {col} 列：批注文件格式错误（{message}）")
        }
        (NotesParseError::Syntax { line, col, message }, Lang::En) => {
            format!("{line}:{col}: not a notes file ({message})")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serde_json_positions_are_stripped() {
        assert_eq!(
            strip_position("unknown field `x`, expected `a` at line 3 column 20"),
            "unknown field `x`, expected `a`"
        );
        assert_eq!(strip_position("EOF while parsing"), "EOF while parsing");
        assert_eq!(strip_position("at line x"), "at line x");
    }
}
