//! Answers checked against the flagship form's rules, with the messages people see.

use std::collections::BTreeMap;

use tianbiao::form::msg;
use tianbiao::form::{self, Answers, Attachment, Cell, Problem, Value, validate};
use tianbiao::lang::Lang;

fn flagship() -> form::Form {
    form::builtin("ai-scenario").unwrap().unwrap()
}

fn text(s: &str) -> Value {
    Value::Text(s.to_string())
}

#[test]
fn an_empty_draft_lists_every_required_field() {
    let f = flagship();
    let findings = validate(&f, &Answers::default());
    let required: Vec<&str> = findings
        .iter()
        .filter(|x| x.is_required())
        .map(|x| x.field.as_str())
        .collect();
    // 其他（请注明） is hidden until 其他 is picked, so it is not asked for.
    assert_eq!(
        required,
        [
            "applicant_unit",
            "filled_date",
            "scenario_name",
            "region",
            "user_units",
            "providers",
            "domains",
            "contact_name",
            "contact_phone",
            "contact_email",
            "pledge",
            "intro",
            "ai_content",
            "effect",
            "prospect",
            "needs",
            "support"
        ]
    );
}

#[test]
fn over_limit_message_names_section_count_limit_and_excess() {
    let f = flagship();
    let mut a = Answers::default();
    a.set("effect", text(&"智".repeat(523)));
    let findings = validate(&f, &a);
    let over: Vec<_> = findings.iter().filter(|x| x.is_over_limit()).collect();
    assert_eq!(over.len(), 1);
    assert_eq!(
        msg::finding_line(Lang::Zh, &f, over[0]),
        "(三) 应用效果: 523/500 字, 超出 23 字"
    );
    assert_eq!(
        msg::finding_line(Lang::En, &f, over[0]),
        "(三) 应用效果: 523/500 zi, 23 over"
    );
    // Exactly at the limit is fine.
    a.set("effect", text(&"智".repeat(500)));
    assert!(!validate(&f, &a).iter().any(|x| x.is_over_limit()));
}

#[test]
fn other_domain_must_be_specified_once_picked() {
    let f = flagship();
    let mut a = Answers::default();
    a.set(
        "domains",
        Value::Choice {
            selected: vec!["交通运输".into(), "其他".into()],
            other: String::new(),
        },
    );
    let problems: Vec<(String, Problem)> = validate(&f, &a)
        .into_iter()
        .filter(|x| x.field.starts_with("domain"))
        .map(|x| (x.field, x.problem))
        .collect();
    // The words go into the separate 其他（请注明） field, so only that one is reported.
    assert_eq!(problems, [("domain_other".to_string(), Problem::Required)]);
    let other = f.field("domain_other").unwrap();
    assert!(a.is_visible(&f, other));
    a.set(
        "domains",
        Value::Choice {
            selected: vec!["交通运输".into()],
            other: String::new(),
        },
    );
    assert!(!a.is_visible(&f, other));
}

#[test]
fn contact_fields_are_validated() {
    let f = flagship();
    let mut a = Answers::default();
    a.set("contact_phone", text("12345"));
    a.set("contact_email", text("not-an-email"));
    a.set("filled_date", Value::Date("2022-02-30".into()));
    let p: Vec<Problem> = validate(&f, &a)
        .into_iter()
        .filter(|x| !x.is_required())
        .map(|x| x.problem)
        .collect();
    assert_eq!(
        p,
        [
            Problem::InvalidDate,
            Problem::InvalidPhone,
            Problem::InvalidEmail
        ]
    );
    a.set("contact_phone", text("010-68205250"));
    a.set("contact_email", text("fanzhenrui@cstc.org.cn"));
    a.set("filled_date", Value::Date("2022年8月10日".into()));
    assert!(validate(&f, &a).iter().all(|x| x.is_required()));
}

#[test]
fn attachments_need_accepted_types_and_captions() {
    let f = flagship();
    let mut a = Answers::default();
    a.set(
        "figures",
        Value::Attachments(vec![
            Attachment {
                path: "图1.png".into(),
                caption: "图 1 架构".into(),
            },
            Attachment {
                path: "table.xlsx".into(),
                caption: String::new(),
            },
        ]),
    );
    let p: Vec<Problem> = validate(&f, &a)
        .into_iter()
        .filter(|x| x.field == "figures")
        .map(|x| x.problem)
        .collect();
    assert_eq!(p.len(), 2);
    assert!(matches!(&p[0], Problem::BadExtension { path, .. } if path == "table.xlsx"));
    assert!(matches!(&p[1], Problem::CaptionMissing { path } if path == "table.xlsx"));
}

#[test]
fn summary_table_caps_rows_and_counts_key_domains() {
    let f = form::builtin("ai-scenario-summary").unwrap().unwrap();
    let row = |i: usize, key: bool| {
        let mut r = BTreeMap::new();
        r.insert("name".into(), Cell::Text(format!("场景{i}")));
        r.insert("domain".into(), Cell::Text("制造".into()));
        r.insert("applicant".into(), Cell::Text("某单位".into()));
        r.insert("key_domain".into(), Cell::Bool(key));
        r
    };
    let mut a = Answers::default();
    a.set("zone", text("北京"));
    a.set("filled_date", Value::Date("2022-08-10".into()));
    a.set(
        "scenarios",
        Value::Table((1..=21).map(|i| row(i, i <= 9)).collect()),
    );
    let lines: Vec<String> = validate(&f, &a)
        .iter()
        .map(|x| msg::finding_line(Lang::Zh, &f, x))
        .collect();
    assert_eq!(
        lines,
        [
            "推荐汇总表 · 推荐场景: 最多 20 行，现有 21 行",
            "推荐汇总表 · 推荐场景: “重点领域”为是的行至少 10 个，现有 9 个（与先导区创建批复中明确的重点应用领域相关场景不少于 10 个）"
        ]
    );
    a.set(
        "scenarios",
        Value::Table((1..=20).map(|i| row(i, i <= 10)).collect()),
    );
    assert_eq!(validate(&f, &a), []);
}

#[test]
fn a_value_of_the_wrong_shape_is_reported_not_trusted() {
    let f = flagship();
    let mut a = Answers::default();
    a.set("intro", Value::Confirm(true));
    let p = validate(&f, &a);
    assert!(
        p.iter()
            .any(|x| x.field == "intro" && x.problem == Problem::WrongShape)
    );
}

#[test]
fn completeness_counts_visible_answerable_fields() {
    let f = flagship();
    let mut a = Answers::default();
    let (done, total) = a.completeness(&f);
    assert_eq!((done, total), (0, 21));
    a.set("intro", text("简介"));
    a.set("pledge", Value::Confirm(true));
    assert_eq!(a.completeness(&f), (2, 21));
}
