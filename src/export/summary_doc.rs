//! The 附件2 document (推荐汇总表) as the template prints it: `附件2`, the title,
//! `先导区名称：…（加盖公章）`, `填报日期：…`, and the table with the template's columns only
//! (序号, 应用场景名称, 所属领域, 申报单位). One shape, rendered to Markdown here and to Word in
//! [`super::docx::render_summary`], whether it comes from `tianbiao summary` over received files
//! or from a draft of the summary form: the office's own checks (重点领域, 核查, duplicates) are
//! never part of it.
//!
//! Documents are in Chinese, like the template.

use std::fmt::Write as _;

use super::clean::{md_escape, one_line};
use crate::form::{Answers, Cell, Form, Kind, Value};

/// Column ids of the summary form's table.
pub mod col {
    pub const TABLE: &str = "scenarios";
    pub const SEQ: &str = "seq";
    pub const NAME: &str = "name";
    pub const DOMAIN: &str = "domain";
    pub const APPLICANT: &str = "applicant";
    pub const KEY: &str = "key_domain";
}

/// Fixed words of the documents (Chinese, like the template).
pub mod doc {
    pub const ZONE: &str = "先导区名称";
    pub const STAMP: &str = "（加盖公章）";
    pub const DATE: &str = "填报日期";
    pub const CHECK: &str = "核查";
    pub const SOURCE: &str = "来源文件";
    pub const REVIEW_SHEET: &str = "核查（不报送）";
    pub const YES: &str = "是";
    pub const NO: &str = "否";
    pub const PASS: &str = "通过";
    /// Room to write the zone's name by hand when the draft has none.
    pub const BLANK_ZONE: &str = "　　　　　　　　　　";
}

/// The document: what the template prints, nothing else.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SummaryDoc {
    /// `附件2`.
    pub subtitle: Option<String>,
    pub title: String,
    /// The zone's name (blank space to write it in when empty).
    pub zone: String,
    /// `2022 年 8 月 15 日`, or blanks to fill in by hand.
    pub date: String,
    /// 序号, 应用场景名称, 所属领域, 申报单位 (the form's own labels).
    pub header: Vec<String>,
    /// One-line cells matching `header`.
    pub rows: Vec<Vec<String>>,
}

impl SummaryDoc {
    /// `先导区名称：江城人工智能创新应用先导区（加盖公章）`.
    pub fn zone_line(&self) -> String {
        let zone = if self.zone.trim().is_empty() {
            doc::BLANK_ZONE.to_string()
        } else {
            one_line(&self.zone)
        };
        format!("{}：{zone}{}", doc::ZONE, doc::STAMP)
    }

    /// `填报日期：2022 年 8 月 15 日`.
    pub fn date_line(&self) -> String {
        format!("{}：{}", doc::DATE, self.date)
    }
}

/// A column's label as the form names it, else the template's word.
pub fn column_label(form: &Form, id: &str, default: &str) -> String {
    match form.field(col::TABLE).map(|f| &f.kind) {
        Some(Kind::Table { columns, .. }) => columns
            .iter()
            .find(|c| c.id == id)
            .map_or_else(|| default.to_string(), |c| c.label.clone()),
        _ => default.to_string(),
    }
}

/// The template's header, with the form's labels.
pub fn header(form: &Form) -> Vec<String> {
    vec![
        column_label(form, col::SEQ, "序号"),
        column_label(form, col::NAME, "应用场景名称"),
        column_label(form, col::DOMAIN, "所属领域"),
        column_label(form, col::APPLICANT, "申报单位"),
    ]
}

/// Whether a form is shaped like 附件2: a `scenarios` table with the template's name, domain
/// and applicant columns. Its drafts export as this document.
pub fn is_summary_form(form: &Form) -> bool {
    match form.field(col::TABLE).map(|f| &f.kind) {
        Some(Kind::Table { columns, .. }) => [col::NAME, col::DOMAIN, col::APPLICANT]
            .iter()
            .all(|id| columns.iter().any(|c| c.id == *id)),
        _ => false,
    }
}

/// The document of a draft of a form shaped like 附件2 (see [`is_summary_form`]); `None` for
/// any other form. Rows with nothing in them are left out; 序号 counts the rows printed.
pub fn from_draft(form: &Form, answers: &Answers) -> Option<SummaryDoc> {
    if !is_summary_form(form) {
        return None;
    }
    let text = |row: &crate::form::Row, id: &str| match row.get(id) {
        Some(Cell::Text(t)) => one_line(t),
        _ => String::new(),
    };
    let rows: Vec<Vec<String>> = match answers.get(col::TABLE) {
        Some(Value::Table(rows)) => rows
            .iter()
            .map(|r| {
                [
                    text(r, col::NAME),
                    text(r, col::DOMAIN),
                    text(r, col::APPLICANT),
                ]
            })
            .filter(|cells| cells.iter().any(|c| !c.is_empty()))
            .enumerate()
            .map(|(i, [n, d, a])| vec![(i + 1).to_string(), n, d, a])
            .collect(),
        _ => Vec::new(),
    };
    let date = match answers.get("filled_date") {
        Some(Value::Date(d) | Value::Text(d)) => super::layout::date_display(d),
        _ => super::layout::date_display(""),
    };
    Some(SummaryDoc {
        subtitle: form.subtitle.clone(),
        title: form.title.clone(),
        zone: answers.text("zone").to_string(),
        date,
        header: header(form),
        rows,
    })
}

/// The document in Markdown: the head lines, then the table.
pub fn markdown(d: &SummaryDoc) -> String {
    let mut out = String::new();
    if let Some(sub) = &d.subtitle {
        let _ = writeln!(out, "{}\n", md_escape(sub));
    }
    let _ = writeln!(out, "# {}\n", md_escape(&d.title));
    let _ = writeln!(out, "{}\n", md_escape(&d.zone_line()));
    let _ = writeln!(out, "{}\n", md_escape(&d.date_line()));
    let row = |cells: &[String]| {
        let cells: Vec<String> = cells.iter().map(|c| md_escape(c)).collect();
        format!("| {} |", cells.join(" | "))
    };
    let _ = writeln!(out, "{}", row(&d.header));
    let _ = writeln!(out, "|{}", " --- |".repeat(d.header.len()));
    for r in &d.rows {
        let _ = writeln!(out, "{}", row(r));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::form::Row;

    fn summary_form() -> Form {
        crate::form::builtin("ai-scenario-summary")
            .unwrap()
            .unwrap()
    }

    #[test]
    fn a_summary_draft_prints_the_template_columns_and_numbers_its_rows() {
        let form = summary_form();
        assert!(is_summary_form(&form));
        let flagship = crate::form::builtin(crate::form::FLAGSHIP)
            .unwrap()
            .unwrap();
        assert!(!is_summary_form(&flagship));
        let mut a = Answers::default();
        a.set("zone", Value::Text("江城先导区".into()));
        a.set("filled_date", Value::Date("2022-08-15".into()));
        let row = |name: &str, key: bool| {
            let mut r = Row::new();
            r.insert(col::NAME.into(), Cell::Text(name.into()));
            r.insert(col::DOMAIN.into(), Cell::Text("交通运输".into()));
            r.insert(col::APPLICANT.into(), Cell::Text("港务集团".into()));
            r.insert(col::KEY.into(), Cell::Bool(key));
            r
        };
        a.set(
            col::TABLE,
            Value::Table(vec![
                row("智慧港口", true),
                Row::new(),
                row("智能理货", false),
            ]),
        );
        let d = from_draft(&form, &a).unwrap();
        assert_eq!(d.header, ["序号", "应用场景名称", "所属领域", "申报单位"]);
        assert_eq!(
            d.rows,
            [
                ["1", "智慧港口", "交通运输", "港务集团"],
                ["2", "智能理货", "交通运输", "港务集团"]
            ]
        );
        assert_eq!(d.zone_line(), "先导区名称：江城先导区（加盖公章）");
        assert_eq!(d.date_line(), "填报日期：2022 年 8 月 15 日");
        let md = markdown(&d);
        assert!(
            md.starts_with("附件2\n\n# 国家人工智能创新应用先导区"),
            "{md}"
        );
        assert!(!md.contains("重点领域"), "{md}");
    }

    #[test]
    fn an_empty_zone_leaves_room_to_write_it() {
        let d = from_draft(&summary_form(), &Answers::default()).unwrap();
        assert_eq!(
            d.zone_line(),
            format!("先导区名称：{}（加盖公章）", doc::BLANK_ZONE)
        );
        assert!(d.rows.is_empty());
    }
}
