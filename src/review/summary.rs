//! The 附件2 summary table (推荐汇总表) built from received 附件1 files: 序号, 应用场景名称,
//! 所属领域, 申报单位, and 重点领域 when the zone's key domains are given; with duplicates and
//! files that fail `check` flagged. Rendering to CSV, Markdown and JSON is here (pure); XLSX is
//! in [`super::xlsx`]; [`to_draft`] makes a draft of the summary form to finish in the editor.
//!
//! Rows are in input order (the order of the command line; a directory's files sorted by name).
//! Documents are always in Chinese, like the form itself.

use std::path::PathBuf;
use std::sync::Arc;

use chrono::NaiveDate;
use serde::Serialize;
use unicode_normalization::UnicodeNormalization;

use super::check::{APPLICANT_FIELD, Checked, SCENARIO_FIELD};
use super::load::{FileKind, ReceivedFile};
use crate::draft::Draft;
use crate::export::one_line;
use crate::form::{Answers, Cell, ColumnKind, Form, Kind, Row, TableRule, Value};
use crate::lang::Lang;

/// The id of the summary form (附件2).
pub const SUMMARY_FORM: &str = "ai-scenario-summary";
/// The 附件1 field with the 所属行业领域 checkboxes.
pub const DOMAINS_FIELD: &str = "domains";
/// Rows of the summary table when the form does not say (the notice: 不超过 20 个).
pub const DEFAULT_MAX_ROWS: usize = 20;
/// Joins several domains in one cell.
pub const DOMAIN_SEP: &str = "、";

pub use crate::export::summary_doc::{col, doc};

/// One received 附件1 file, ready to become a row.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    pub path: PathBuf,
    pub kind: FileKind,
    pub file_hash: String,
    /// 场景名称, 申报单位 (raw text).
    pub name: String,
    pub applicant: String,
    /// The selected 所属行业领域 options, in the form's order.
    pub selected: Vec<String>,
    /// The words of the "其他" option, when picked.
    pub other: String,
    /// The "other" option's label (`其他`), when the form has one.
    pub other_label: Option<String>,
    /// The check's finding lines (empty when it passes).
    pub findings: Vec<String>,
}

impl Entry {
    /// 所属领域 as the table shows it: `交通运输、物流`, `其他（港航服务）`.
    pub fn domain_text(&self) -> String {
        self.selected
            .iter()
            .map(|s| {
                let other = self.other.trim();
                if Some(s) == self.other_label.as_ref() && !other.is_empty() {
                    format!("{s}（{other}）")
                } else {
                    s.clone()
                }
            })
            .collect::<Vec<_>>()
            .join(DOMAIN_SEP)
    }

    /// Whether any of the row's domains is one of the zone's key domains (an "other" domain
    /// matches by its words).
    pub fn is_key(&self, keys: &[String]) -> bool {
        self.selected.iter().any(|s| {
            if Some(s) == self.other_label.as_ref() {
                keys.iter().any(|k| k.trim() == self.other.trim())
            } else {
                keys.iter().any(|k| k.trim() == s)
            }
        })
    }
}

/// A file that is not an application (附件1) and cannot be a row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NotAnApplication {
    pub form_id: String,
}

/// The row material of a checked file.
pub fn entry(lang: Lang, rf: &ReceivedFile, checked: &Checked) -> Result<Entry, NotAnApplication> {
    let form = &rf.form;
    let not = || NotAnApplication {
        form_id: form.id.clone(),
    };
    if form.field(SCENARIO_FIELD).is_none() || form.field(APPLICANT_FIELD).is_none() {
        return Err(not());
    }
    let answers = &rf.draft.answers;
    let (selected, mut other, other_label) = match (
        form.field(DOMAINS_FIELD).map(|f| &f.kind),
        answers.get(DOMAINS_FIELD),
    ) {
        (
            Some(Kind::Choice {
                other: label,
                options,
                ..
            }),
            Some(Value::Choice { selected, other }),
        ) => {
            // In the form's order, whatever order the file stored them in.
            let mut selected = selected.clone();
            selected.sort_by_key(|s| options.iter().position(|o| o == s).unwrap_or(usize::MAX));
            selected.dedup();
            (selected, other.clone(), label.clone())
        }
        (Some(Kind::Choice { other: label, .. }), _) => (Vec::new(), String::new(), label.clone()),
        _ => (Vec::new(), String::new(), None),
    };
    if let Some(f) = form.other_field(DOMAINS_FIELD) {
        let t = answers.text(&f.id);
        if !t.trim().is_empty() {
            other = t.to_string();
        }
    }
    Ok(Entry {
        path: rf.path.clone(),
        kind: rf.kind,
        file_hash: rf.file_hash.clone(),
        name: answers.text(SCENARIO_FIELD).trim().to_string(),
        applicant: answers.text(APPLICANT_FIELD).trim().to_string(),
        selected,
        other,
        other_label,
        findings: checked.finding_lines(lang),
    })
}

/// Why a row is flagged as a duplicate of an earlier one (rows counted from 1).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Duplicate {
    /// Byte-for-byte the same file.
    SameFile { of: usize },
    /// The same 场景名称 (ignoring spaces, hidden characters, case and Unicode form).
    SameName { of: usize },
}

/// One row of the table.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SummaryRow {
    pub seq: usize,
    pub name: String,
    pub domain: String,
    pub applicant: String,
    /// `None` when the zone's key domains were not given.
    pub key_domain: Option<bool>,
    pub source: Source,
    /// The check's findings (empty: passes).
    pub findings: Vec<String>,
    pub duplicate: Option<Duplicate>,
}

/// Where a row came from.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Source {
    #[serde(serialize_with = "lossy_path")]
    pub path: PathBuf,
    pub kind: FileKind,
    pub sha256: String,
}

fn lossy_path<S: serde::Serializer>(p: &std::path::Path, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&p.to_string_lossy())
}

impl SummaryRow {
    pub fn passes(&self) -> bool {
        self.findings.is_empty()
    }

    pub fn flagged(&self) -> bool {
        !self.passes() || self.duplicate.is_some()
    }

    /// The 核查 cell: `通过`, `不通过（3 个问题）；与第 1 行场景名称相同`.
    pub fn check_text(&self) -> String {
        let mut parts = Vec::new();
        if !self.passes() {
            parts.push(format!("不通过（{} 个问题）", self.findings.len()));
        }
        match self.duplicate {
            Some(Duplicate::SameFile { of }) => parts.push(format!("与第 {of} 行文件相同")),
            Some(Duplicate::SameName { of }) => parts.push(format!("与第 {of} 行场景名称相同")),
            None => {}
        }
        if parts.is_empty() {
            doc::PASS.to_string()
        } else {
            parts.join("；")
        }
    }
}

/// What the table is made with.
#[derive(Clone, Debug)]
pub struct SummaryOptions {
    /// 先导区名称.
    pub zone: String,
    /// 填报日期.
    pub date: NaiveDate,
    /// The zone's key domains (`--key-domains`); `None`: no 重点领域 in the review sheet.
    pub key_domains: Option<Vec<String>>,
    /// Leave failing and duplicate rows out of the ministry copy (`--exclude-failing`).
    pub exclude_failing: bool,
}

/// The summary table.
#[derive(Clone, Debug)]
pub struct Summary {
    /// The summary form (附件2): title, column labels, the row limit and the key-domain rule.
    pub form: Arc<Form>,
    pub zone: String,
    pub date: NaiveDate,
    pub key_domains: Option<Vec<String>>,
    pub rows: Vec<SummaryRow>,
    /// The ministry copy leaves failing and duplicate rows out.
    pub exclude_failing: bool,
}

/// Refused: more rows than the form allows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TooManyRows {
    pub count: usize,
    pub max: usize,
}

/// The row limit of the summary form's table.
pub fn max_rows(form: &Form) -> usize {
    match form.field(col::TABLE).map(|f| &f.kind) {
        Some(Kind::Table {
            max_rows: Some(m), ..
        }) => *m,
        _ => DEFAULT_MAX_ROWS,
    }
}

/// The form's "at least N key-domain rows" rule, when it has one.
pub fn key_rule(form: &Form) -> Option<(usize, Option<String>)> {
    match form.field(col::TABLE).map(|f| &f.kind) {
        Some(Kind::Table { rules, .. }) => rules.iter().find_map(|r| match r {
            TableRule::AtLeast {
                count,
                column,
                message,
            } if column == col::KEY => Some((*count, message.clone())),
            _ => None,
        }),
        _ => None,
    }
}

/// A name as compared for duplicates.
fn name_key(s: &str) -> String {
    s.nfc()
        .filter(|c| !c.is_whitespace() && crate::sanitize::classify(*c).is_none())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Builds the table: rows in the entries' order, 序号 from 1, duplicates and failing files
/// flagged. Refuses more rows than the form allows.
pub fn build(
    form: Arc<Form>,
    entries: Vec<Entry>,
    opts: &SummaryOptions,
) -> Result<Summary, TooManyRows> {
    let max = max_rows(&form);
    if entries.len() > max {
        return Err(TooManyRows {
            count: entries.len(),
            max,
        });
    }
    let mut rows: Vec<SummaryRow> = Vec::with_capacity(entries.len());
    let mut seen_files: Vec<(String, usize)> = Vec::new();
    let mut seen_names: Vec<(String, usize)> = Vec::new();
    for (i, e) in entries.into_iter().enumerate() {
        let seq = i + 1;
        let key = name_key(&e.name);
        let duplicate = if let Some((_, of)) = seen_files.iter().find(|(h, _)| *h == e.file_hash) {
            Some(Duplicate::SameFile { of: *of })
        } else if let Some((_, of)) = seen_names
            .iter()
            .find(|(n, _)| !key.is_empty() && *n == key)
        {
            Some(Duplicate::SameName { of: *of })
        } else {
            None
        };
        if !seen_files.iter().any(|(h, _)| *h == e.file_hash) {
            seen_files.push((e.file_hash.clone(), seq));
        }
        if !seen_names.iter().any(|(n, _)| *n == key) {
            seen_names.push((key, seq));
        }
        rows.push(SummaryRow {
            seq,
            name: e.name.clone(),
            domain: e.domain_text(),
            applicant: e.applicant.clone(),
            key_domain: opts.key_domains.as_ref().map(|k| e.is_key(k)),
            source: Source {
                path: e.path.clone(),
                kind: e.kind,
                sha256: e.file_hash.clone(),
            },
            findings: e.findings,
            duplicate,
        });
    }
    Ok(Summary {
        form,
        zone: opts.zone.clone(),
        date: opts.date,
        key_domains: opts.key_domains.clone(),
        rows,
        exclude_failing: opts.exclude_failing,
    })
}

impl Summary {
    /// Accepted rows (they pass the check and are no duplicate) whose 重点领域 is 是, when the
    /// key domains were given: the count the "不少于 10 个" rule is about.
    pub fn key_count(&self) -> Option<usize> {
        self.key_domains.as_ref()?;
        Some(
            self.rows
                .iter()
                .filter(|r| r.key_domain == Some(true) && !r.flagged())
                .count(),
        )
    }

    /// Whether any row is flagged (fails the check, or is a duplicate).
    pub fn flagged(&self) -> bool {
        self.rows.iter().any(SummaryRow::flagged)
    }

    /// Whether the review sheet has a 重点领域 column: the form has it and the key domains were
    /// given.
    pub fn has_key_column(&self) -> bool {
        self.key_domains.is_some() && self.column_label(col::KEY).is_some()
    }

    /// A column's label from the form.
    pub fn column_label(&self, id: &str) -> Option<String> {
        match self.form.field(col::TABLE).map(|f| &f.kind) {
            Some(Kind::Table { columns, .. }) => {
                columns.iter().find(|c| c.id == id).map(|c| c.label.clone())
            }
            _ => None,
        }
    }

    fn label(&self, id: &str, default: &str) -> String {
        self.column_label(id).unwrap_or_else(|| default.to_string())
    }

    /// The rows of the ministry copy with the 序号 they are printed under: every row, or with
    /// `exclude_failing` only the accepted ones, numbered again from 1.
    pub fn ministry_rows(&self) -> Vec<(usize, &SummaryRow)> {
        self.rows
            .iter()
            .filter(|r| !(self.exclude_failing && r.flagged()))
            .enumerate()
            .map(|(i, r)| (i + 1, r))
            .collect()
    }

    /// The ministry copy's header: the template's columns only (序号, 应用场景名称, 所属领域,
    /// 申报单位). The office's own checks are in the review sheet.
    pub fn header(&self) -> Vec<String> {
        vec![
            self.label(col::SEQ, "序号"),
            self.label(col::NAME, "应用场景名称"),
            self.label(col::DOMAIN, "所属领域"),
            self.label(col::APPLICANT, "申报单位"),
        ]
    }

    /// A ministry row's cells, matching [`Summary::header`], as one-line document text.
    pub fn cells(&self, seq: usize, row: &SummaryRow) -> Vec<String> {
        vec![
            seq.to_string(),
            one_line(&row.name),
            one_line(&row.domain),
            one_line(&row.applicant),
        ]
    }

    /// The review sheet's header (for the office, not the ministry): 序号 as received,
    /// 应用场景名称, 重点领域 when known, 核查, 来源文件.
    pub fn review_header(&self) -> Vec<String> {
        let mut h = vec![
            self.label(col::SEQ, "序号"),
            self.label(col::NAME, "应用场景名称"),
        ];
        if self.has_key_column() {
            h.push(self.label(col::KEY, "重点领域"));
        }
        h.push(doc::CHECK.to_string());
        h.push(doc::SOURCE.to_string());
        h
    }

    /// A row of the review sheet, matching [`Summary::review_header`].
    pub fn review_cells(&self, row: &SummaryRow) -> Vec<String> {
        let mut c = vec![row.seq.to_string(), one_line(&row.name)];
        if self.has_key_column() {
            c.push(
                match row.key_domain {
                    Some(true) => doc::YES,
                    _ => doc::NO,
                }
                .to_string(),
            );
        }
        c.push(row.check_text());
        c.push(one_line(&row.source.path.display().to_string()));
        c
    }

    /// `先导区名称：XX（加盖公章）`.
    pub fn zone_line(&self) -> String {
        format!("{}：{}{}", doc::ZONE, one_line(&self.zone), doc::STAMP)
    }

    /// The document sent on (see [`crate::export::summary_doc`]): the ministry copy's rows.
    pub fn doc(&self) -> crate::export::summary_doc::SummaryDoc {
        crate::export::summary_doc::SummaryDoc {
            subtitle: self.form.subtitle.clone(),
            title: self.form.title.clone(),
            zone: self.zone.clone(),
            date: crate::export::date_display(&crate::form::validate::format_date(self.date)),
            header: self.header(),
            rows: self
                .ministry_rows()
                .into_iter()
                .map(|(seq, r)| self.cells(seq, r))
                .collect(),
        }
    }

    /// `填报日期：2022 年 8 月 15 日`.
    pub fn date_line(&self) -> String {
        format!(
            "{}：{}",
            doc::DATE,
            crate::export::date_display(&crate::form::validate::format_date(self.date))
        )
    }

    /// `重点领域相关场景 10 个（要求不少于 10 个；只计通过核查且不重复的）`, for the review sheet,
    /// when the key domains were given.
    pub fn key_line(&self) -> Option<String> {
        let n = self.key_count()?;
        Some(match key_rule(&self.form) {
            Some((need, _)) => {
                format!("重点领域相关场景 {n} 个（要求不少于 {need} 个；只计通过核查且不重复的）")
            }
            None => format!("重点领域相关场景 {n} 个（只计通过核查且不重复的）"),
        })
    }
}

/// Neutralises a spreadsheet formula: a cell starting with `=`, `+`, `-` or `@` gets a leading
/// `'` (OWASP "CSV injection").
pub fn defuse_formula(cell: &str) -> String {
    if cell.starts_with(['=', '+', '-', '@']) {
        format!("'{cell}")
    } else {
        cell.to_string()
    }
}

/// RFC 4180 quoting: a field with a comma, a quote or a line break is quoted, quotes doubled.
fn csv_field(cell: &str) -> String {
    let cell = defuse_formula(cell);
    if cell.contains([',', '"', '\r', '\n']) {
        format!("\"{}\"", cell.replace('"', "\"\""))
    } else {
        cell
    }
}

/// The table as CSV: UTF-8 with a BOM (so Excel reads the Chinese), CRLF line ends, the header
/// row and one row per scenario (the title, zone and date are in the xlsx and Markdown forms).
pub fn to_csv(s: &Summary) -> String {
    let mut out = String::from("\u{feff}");
    let line = |cells: Vec<String>| {
        cells
            .iter()
            .map(|c| csv_field(c))
            .collect::<Vec<_>>()
            .join(",")
    };
    out.push_str(&line(s.header()));
    out.push_str("\r\n");
    for (seq, r) in s.ministry_rows() {
        out.push_str(&line(s.cells(seq, r)));
        out.push_str("\r\n");
    }
    out
}

/// The table as Markdown, laid out like the template: 附件2, the title, 先导区名称, 填报日期,
/// the table; then the key-domain count. Every cell is escaped (no structure from user text).
pub fn to_markdown(s: &Summary) -> String {
    crate::export::summary_doc::markdown(&s.doc())
}

/// The layout tag of the JSON summary.
pub const JSON_FORMAT: &str = "tianbiao.summary/1";

#[derive(Serialize)]
struct JsonSummary<'a> {
    format: &'static str,
    form: JsonForm<'a>,
    zone: &'a str,
    date: String,
    key_domains: Option<&'a [String]>,
    key_domain_count: Option<usize>,
    key_domain_needed: Option<usize>,
    rows: &'a [SummaryRow],
}

#[derive(Serialize)]
struct JsonForm<'a> {
    id: &'a str,
    version: &'a str,
    title: &'a str,
}

/// The table as JSON (`tianbiao.summary/1`): the zone, the date, each row with its source file
/// and check, with `\uXXXX` for every dangerous character.
pub fn to_json(s: &Summary) -> String {
    crate::export::to_json_pretty(&JsonSummary {
        format: JSON_FORMAT,
        form: JsonForm {
            id: &s.form.id,
            version: &s.form.version,
            title: &s.form.title,
        },
        zone: &s.zone,
        date: crate::form::validate::format_date(s.date),
        key_domains: s.key_domains.as_deref(),
        key_domain_count: s.key_count(),
        key_domain_needed: s.key_domains.as_ref().and(key_rule(&s.form).map(|r| r.0)),
        rows: &s.rows,
    })
}

/// A draft of the summary form holding the table, to finish in the editor. Cells keep the
/// received text as it is (the draft format escapes everything); 重点领域 is false where unknown.
pub fn to_draft(s: &Summary, name: &str, now: &str) -> Draft {
    let mut d = Draft::new(&s.form, name, now);
    let mut answers = Answers::default();
    answers.set("zone", Value::Text(s.zone.clone()));
    answers.set(
        "filled_date",
        Value::Date(crate::form::validate::format_date(s.date)),
    );
    let stored: Vec<(String, ColumnKind)> = match s.form.field(col::TABLE).map(|f| &f.kind) {
        Some(Kind::Table { columns, .. }) => columns
            .iter()
            .filter(|c| crate::form::answers::column_is_stored(&c.kind))
            .map(|c| (c.id.clone(), c.kind.clone()))
            .collect(),
        _ => Vec::new(),
    };
    let rows: Vec<Row> = s
        .rows
        .iter()
        .map(|r| {
            let mut row = Row::new();
            for (id, kind) in &stored {
                let cell = match id.as_str() {
                    col::NAME => Cell::Text(r.name.clone()),
                    col::DOMAIN => Cell::Text(r.domain.clone()),
                    col::APPLICANT => Cell::Text(r.applicant.clone()),
                    col::KEY => Cell::Bool(r.key_domain.unwrap_or(false)),
                    _ if *kind == ColumnKind::Bool => Cell::Bool(false),
                    _ => Cell::Text(String::new()),
                };
                row.insert(id.clone(), cell);
            }
            row
        })
        .collect();
    answers.set(col::TABLE, Value::Table(rows));
    d.answers = answers;
    d
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(name: &str, domains: &[&str], other: &str, hash: &str) -> Entry {
        Entry {
            path: PathBuf::from(format!("{name}.ron")),
            kind: FileKind::Draft,
            file_hash: hash.into(),
            name: name.into(),
            applicant: "XX 研究院".into(),
            selected: domains.iter().map(|s| s.to_string()).collect(),
            other: other.into(),
            other_label: Some("其他".into()),
            findings: Vec::new(),
        }
    }

    fn form() -> Arc<Form> {
        Arc::new(crate::form::builtin(SUMMARY_FORM).unwrap().unwrap())
    }

    fn opts(keys: Option<&[&str]>) -> SummaryOptions {
        SummaryOptions {
            zone: "XX 先导区".into(),
            date: NaiveDate::from_ymd_opt(2022, 8, 15).unwrap(),
            key_domains: keys.map(|k| k.iter().map(|s| s.to_string()).collect()),
            exclude_failing: false,
        }
    }

    #[test]
    fn domains_and_key_domains() {
        let e = entry("a", &["交通运输", "物流", "其他"], "港航服务", "h");
        assert_eq!(e.domain_text(), "交通运输、物流、其他（港航服务）");
        assert!(e.is_key(&["物流".into()]));
        assert!(e.is_key(&["港航服务".into()]));
        assert!(!e.is_key(&["制造".into(), "其他".into()]));
        assert_eq!(entry("b", &["其他"], "", "h").domain_text(), "其他");
    }

    #[test]
    fn duplicates_by_file_and_by_name() {
        let entries = vec![
            entry("智慧港口场景", &["交通运输"], "", "h1"),
            entry("智慧 港口场景\u{200b}", &["交通运输"], "", "h2"),
            entry("其他场景", &["制造"], "", "h1"),
        ];
        let s = build(form(), entries.clone(), &opts(Some(&["交通运输"]))).unwrap();
        assert_eq!(s.rows[0].duplicate, None);
        assert_eq!(s.rows[1].duplicate, Some(Duplicate::SameName { of: 1 }));
        assert_eq!(s.rows[2].duplicate, Some(Duplicate::SameFile { of: 1 }));
        // Two rows are in a key domain; the duplicate does not count.
        assert_eq!(s.key_count(), Some(1));
        assert_eq!(s.rows[1].check_text(), "与第 1 行场景名称相同");
        // The ministry copy has the template's columns only; the checks are in the review sheet.
        assert_eq!(s.header(), ["序号", "应用场景名称", "所属领域", "申报单位"]);
        assert_eq!(
            s.review_header(),
            ["序号", "应用场景名称", "重点领域", "核查", "来源文件"]
        );
        assert_eq!(s.ministry_rows().len(), 3);
        // --exclude-failing: the duplicates leave the ministry copy, which is numbered again.
        let mut o = opts(Some(&["交通运输"]));
        o.exclude_failing = true;
        let s = build(form(), entries, &o).unwrap();
        let sent: Vec<Vec<String>> = s
            .ministry_rows()
            .into_iter()
            .map(|(seq, r)| s.cells(seq, r))
            .collect();
        assert_eq!(sent, [["1", "智慧港口场景", "交通运输", "XX 研究院"]]);
        assert_eq!(s.doc().rows, sent);
        assert_eq!(s.rows.len(), 3, "the review sheet keeps every row");
    }

    #[test]
    fn more_rows_than_the_form_allows_are_refused() {
        let many = (0..21)
            .map(|i| entry(&format!("场景{i}"), &["制造"], "", &format!("h{i}")))
            .collect();
        assert_eq!(
            build(form(), many, &opts(None)).unwrap_err(),
            TooManyRows { count: 21, max: 20 }
        );
    }

    #[test]
    fn csv_quotes_and_defuses_formulas() {
        assert_eq!(csv_field("=1+2"), "'=1+2");
        assert_eq!(csv_field("-3"), "'-3");
        assert_eq!(csv_field("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_field("+\"x\",y"), "\"'+\"\"x\"\",y\"");
        assert_eq!(csv_field("智慧港口"), "智慧港口");
    }
}
