//! The `check` report as text (a block per file, readable at 80 columns, no colour) and as JSON
//! (an array of per-file objects, with `\uXXXX` for every control, C1, bidi and invisible
//! character). Pure: both return strings.

use serde::Serialize;
use unicode_width::UnicodeWidthStr;

use super::check::{CheckReport, Checked, FieldCount, MissingField, Verdict};
use super::docx_match::DocxReport;
use super::load::FileKind;
use super::msg;
use crate::export::submission::NoteOut;
use crate::form::Problem;
use crate::lang::{self, Lang};
use crate::sanitize::for_terminal;

/// Widest a scenario name or applicant is shown in the text report.
const NAME_WIDTH: usize = 60;
/// Widest a finding or note line is shown in the text report (hostile files can hold megabytes
/// in one option name).
const LINE_WIDTH: usize = 240;
/// Widest a count label is padded to.
const LABEL_WIDTH: usize = 26;

/// Cuts a one-line string to `width` display columns, ending in `…` when cut.
pub fn clip(s: &str, width: usize) -> String {
    if s.width() <= width {
        return s.to_string();
    }
    let mut out = String::new();
    let mut w = 0;
    for c in s.chars() {
        let cw = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if w + cw + 1 > width {
            break;
        }
        out.push(c);
        w += cw;
    }
    out.push('…');
    out
}

fn pad(s: &str, width: usize) -> String {
    let w = s.width();
    if w >= width {
        format!("{s} ")
    } else {
        format!("{s}{}", " ".repeat(width - w))
    }
}

/// The path as shown: sanitised, one line.
pub fn path_display(p: &std::path::Path) -> String {
    for_terminal(&p.display().to_string())
}

/// The verdict line: `✓ 通过`, `✗ 不通过（3 个问题）`, `✗ 无法读取：…`.
pub fn verdict_line(lang: Lang, report: &CheckReport) -> String {
    match (&report.result, report.verdict()) {
        (Err(e), _) => msg::verdict_unreadable(lang, &clip(&e.describe(lang), LINE_WIDTH)),
        (_, Verdict::Fail(n)) => msg::verdict_fail(lang, n),
        _ => msg::verdict_pass(lang),
    }
}

/// One file's block of the text report, ending in a newline.
pub fn text_block(lang: Lang, report: &CheckReport) -> String {
    let mut s = String::new();
    let path = path_display(&report.path);
    let c = match &report.result {
        Err(_) => {
            s.push_str(&path);
            s.push('\n');
            s.push_str(&format!("  {}\n", verdict_line(lang, report)));
            return s;
        }
        Ok(c) => c,
    };
    s.push_str(&msg::file_heading(
        lang,
        &path,
        c.kind,
        &for_terminal(&c.form_id),
        &for_terminal(&c.form_version),
    ));
    s.push('\n');
    let name = |t: &str| {
        if t.is_empty() {
            msg::not_filled(lang).to_string()
        } else {
            clip(&for_terminal(t), NAME_WIDTH)
        }
    };
    if c.scenario.is_none() && c.applicant.is_none() {
        // Not an application form: its draft's own name says what it is.
        s.push_str(&format!(
            "  {}{}\n",
            msg::name_label(lang),
            name(&c.draft_name)
        ));
    }
    if let Some(t) = &c.scenario {
        s.push_str(&format!("  {}{}\n", msg::scenario_label(lang), name(t)));
    }
    if let Some(t) = &c.applicant {
        s.push_str(&format!("  {}{}\n", msg::applicant_label(lang), name(t)));
    }
    let width = c
        .counts
        .iter()
        .map(|f| clip(&f.label, LABEL_WIDTH).width())
        .max()
        .unwrap_or(0)
        + 2;
    for f in &c.counts {
        s.push_str(&format!(
            "  {}{}\n",
            pad(&clip(&f.label, LABEL_WIDTH), width),
            count_text(lang, f)
        ));
    }
    let missing = if c.missing.is_empty() {
        msg::none(lang).to_string()
    } else {
        clip(
            &c.missing
                .iter()
                .map(|m| m.label.as_str())
                .collect::<Vec<_>>()
                .join(msg::list_sep(lang)),
            LINE_WIDTH,
        )
    };
    s.push_str(&format!("  {}{missing}\n", msg::missing_label(lang)));
    if !c.findings.is_empty() {
        s.push_str(&format!("  {}\n", msg::findings_label(lang)));
        for f in &c.finding_lines(lang) {
            // A Word document's findings explain over several lines.
            for (i, line) in f.lines().enumerate() {
                let indent = if i == 0 { "    " } else { "      " };
                s.push_str(&format!("{indent}{}\n", clip(line, LINE_WIDTH)));
            }
        }
    }
    for n in &c.notes {
        let line = n.describe(lang, &c.form);
        s.push_str(&format!(
            "  {}\n",
            clip(&crate::export::msg::note(lang, &line), LINE_WIDTH)
        ));
    }
    s.push_str(&format!("  {}\n", verdict_line(lang, report)));
    s
}

/// `246/400 字`, `523/500 字  ✗ 超出 23 字`.
fn count_text(lang: Lang, f: &FieldCount) -> String {
    let u = lang::unit(lang, f.mode);
    let base = if f.over() {
        format!(
            "{}/{} {u}  {}",
            f.count,
            f.limit,
            msg::over_by(lang, f.count - f.limit, u)
        )
    } else {
        format!("{}/{} {u}", f.count, f.limit)
    };
    match f.remark(lang) {
        Some(r) => format!("{base}  （{r}）"),
        None => base,
    }
}

/// Counts of the verdicts of a run: (pass, fail, unreadable).
pub fn tally<'a>(reports: impl IntoIterator<Item = &'a Verdict>) -> (usize, usize, usize) {
    let mut t = (0, 0, 0);
    for v in reports {
        match v {
            Verdict::Pass => t.0 += 1,
            Verdict::Fail(_) => t.1 += 1,
            Verdict::Unreadable => t.2 += 1,
        }
    }
    t
}

/// The last line of the text report.
pub fn total_line(lang: Lang, pass: usize, fail: usize, unreadable: usize) -> String {
    msg::total(lang, pass, fail, unreadable)
}

#[derive(Serialize)]
struct JsonForm<'a> {
    id: &'a str,
    version: &'a str,
}

/// One file in the JSON report. Every key is always present (`null` or `[]` when it does not
/// apply), so a reader can rely on the shape.
#[derive(Serialize)]
struct JsonReport<'a> {
    path: String,
    readable: bool,
    kind: Option<FileKind>,
    form: Option<JsonForm<'a>>,
    name: Option<&'a str>,
    scenario: Option<&'a str>,
    applicant: Option<&'a str>,
    counts: Vec<JsonCount<'a>>,
    missing: &'a [MissingField],
    findings: Vec<JsonFinding<'a>>,
    notes: Vec<NoteOut>,
    sha256: Option<&'a str>,
    error: Option<String>,
    pass: bool,
    /// Only for Word documents: where each answer was found.
    #[serde(skip_serializing_if = "Option::is_none")]
    docx: Option<&'a DocxReport>,
}

#[derive(Serialize)]
struct JsonCount<'a> {
    #[serde(flatten)]
    count: &'a FieldCount,
    /// For a Word document: the text measured apart (`另有文本框 22 字、脚注 21 字未计入`).
    #[serde(skip_serializing_if = "Option::is_none")]
    remark: Option<String>,
    over: bool,
}

/// A finding in the JSON report, worded in the interface language.
#[derive(Serialize)]
struct JsonFinding<'a> {
    section: &'a str,
    field: &'a str,
    message: String,
    problem: &'a Problem,
}

const EMPTY_MISSING: &[MissingField] = &[];

fn json_report<'a>(lang: Lang, r: &'a CheckReport) -> JsonReport<'a> {
    let path = r.path.to_string_lossy().into_owned();
    match &r.result {
        Err(e) => JsonReport {
            path,
            readable: false,
            kind: None,
            form: None,
            name: None,
            scenario: None,
            applicant: None,
            counts: Vec::new(),
            missing: EMPTY_MISSING,
            findings: Vec::new(),
            notes: Vec::new(),
            sha256: None,
            error: Some(e.describe(lang)),
            pass: false,
            docx: None,
        },
        Ok(c) => {
            let Checked {
                kind,
                form,
                form_id,
                form_version,
                draft_name,
                scenario,
                applicant,
                counts,
                missing,
                findings,
                notes,
                file_hash,
                docx,
            } = c;
            JsonReport {
                path,
                readable: true,
                kind: Some(*kind),
                form: Some(JsonForm {
                    id: form_id,
                    version: form_version,
                }),
                name: Some(draft_name),
                scenario: scenario.as_deref(),
                applicant: applicant.as_deref(),
                counts: counts
                    .iter()
                    .map(|f| JsonCount {
                        count: f,
                        remark: f.remark(lang),
                        over: f.over(),
                    })
                    .collect(),
                missing,
                findings: findings
                    .iter()
                    .zip(c.finding_lines(lang))
                    .map(|(f, message)| JsonFinding {
                        section: &f.section,
                        field: &f.field,
                        message,
                        problem: &f.problem,
                    })
                    .collect(),
                notes: notes
                    .iter()
                    .map(|n| NoteOut {
                        code: n.code().to_string(),
                        message: n.describe(lang, form),
                    })
                    .collect(),
                sha256: (!file_hash.is_empty()).then_some(file_hash.as_str()),
                error: None,
                pass: c.pass(),
                docx: docx.as_deref(),
            }
        }
    }
}

/// The JSON report of a run: an array of per-file objects, pretty, ending in a newline.
pub fn json(lang: Lang, reports: &[CheckReport]) -> String {
    let all: Vec<JsonReport> = reports.iter().map(|r| json_report(lang, r)).collect();
    crate::export::to_json_pretty(&all)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clipping_counts_columns() {
        assert_eq!(clip("智慧港口场景", 20), "智慧港口场景");
        assert_eq!(clip("智慧港口场景", 7), "智慧港…");
        assert_eq!(clip("abcdef", 4), "abc…");
        assert_eq!(pad("应用效果", 10), "应用效果  ");
    }
}
