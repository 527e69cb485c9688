//! Answers written as lines of text — by plain mode and by `fill --set` — turned into typed
//! values, and new text merged with what a field already holds. Pure.
//!
//! Conventions (the same for both users): choices by number(s) or name, separated by `,` `，`
//! `、` or spaces between numbers, the "other" option as `其他：words`; lists one item per line;
//! table rows one per line with cells separated by `|` (or tabs), 序号 columns left out;
//! attachments `path | caption`; confirmations `y`/`是` or `n`/`否`.

use crate::form::validate::{format_date, half_width_answer, parse_date};
use crate::form::{Attachment, Cell, ColumnKind, Field, Kind, Row, Value};
use crate::paste;

/// Why an answer could not be read. Nothing is stored when this is returned.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AnswerError {
    /// A choice that is not one of the options.
    UnknownOption { given: String },
    /// An option number outside 1..=max.
    NumberOutOfRange { n: usize, max: usize },
    /// Several options for a single choice.
    OneOnly,
    /// Neither yes nor no.
    NotYesNo { given: String },
    /// A table row with more cells than the table has columns (rows counted from 1).
    TooManyCells { row: usize, want: usize, got: usize },
    /// A yes/no cell that is neither.
    NotYesNoCell {
        row: usize,
        column: String,
        given: String,
    },
    /// A read-only note takes no answer.
    NoAnswer,
}

/// How new text meets a field's existing answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Merge {
    Replace,
    /// After what is there: a new paragraph for long text, more items, rows or files.
    Append,
}

/// Whether a field takes its answer over several lines (ended by a line holding only `.`).
pub fn is_multiline(field: &Field) -> bool {
    matches!(
        field.kind,
        Kind::LongText { .. } | Kind::List { .. } | Kind::Table { .. } | Kind::Attachments { .. }
    )
}

/// Reads an answer to `field` from `lines`. `current` supplies what a partial answer keeps
/// (the words of "other" when only the options are given).
pub fn parse(
    field: &Field,
    lines: &[String],
    current: Option<&Value>,
) -> Result<Value, AnswerError> {
    let joined = lines.join("\n");
    let one = |s: &str| paste::normalize(s, true).0;
    match &field.kind {
        Kind::LongText { .. } => Ok(Value::Text(paste::normalize(&joined, false).0)),
        Kind::Email | Kind::Phone => {
            let s = one(&joined);
            Ok(Value::Text(half_width_answer(&field.kind, &s).unwrap_or(s)))
        }
        Kind::Text { .. } | Kind::Pattern { .. } => Ok(Value::Text(one(&joined))),
        Kind::Date => {
            let s = one(&joined);
            Ok(Value::Date(parse_date(&s).map_or(s, format_date)))
        }
        Kind::Choice {
            options,
            multiple,
            other,
            ..
        } => parse_choice(options, *multiple, other.as_deref(), &one(&joined), current),
        Kind::Confirm { .. } => parse_yes_no(&one(&joined))
            .map(Value::Confirm)
            .ok_or_else(|| AnswerError::NotYesNo {
                given: joined.trim().to_string(),
            }),
        Kind::List { .. } => Ok(Value::List(
            nonblank(lines).map(|l| one(l).trim().to_string()).collect(),
        )),
        Kind::Table { columns, .. } => {
            let cols: Vec<_> = columns
                .iter()
                .filter(|c| c.kind != ColumnKind::Serial)
                .collect();
            let mut rows = Vec::new();
            for (n, line) in nonblank(lines).enumerate() {
                let cells = split_cells(&one(line));
                if cells.len() > cols.len() {
                    return Err(AnswerError::TooManyCells {
                        row: n + 1,
                        want: cols.len(),
                        got: cells.len(),
                    });
                }
                let mut row = Row::new();
                for (i, col) in cols.iter().enumerate() {
                    let given = cells.get(i).map_or("", String::as_str);
                    let cell = if col.kind == ColumnKind::Bool {
                        let b = if given.is_empty() {
                            Some(false)
                        } else {
                            parse_yes_no(given)
                        };
                        Cell::Bool(b.ok_or_else(|| AnswerError::NotYesNoCell {
                            row: n + 1,
                            column: col.label.clone(),
                            given: given.to_string(),
                        })?)
                    } else {
                        Cell::Text(given.to_string())
                    };
                    row.insert(col.id.clone(), cell);
                }
                rows.push(row);
            }
            Ok(Value::Table(rows))
        }
        Kind::Attachments { .. } => Ok(Value::Attachments(
            nonblank(lines)
                .map(|l| {
                    let line = one(l);
                    let (path, caption) = line.split_once('|').unwrap_or((&line, ""));
                    Attachment {
                        path: path.trim().to_string(),
                        caption: caption.trim().to_string(),
                    }
                })
                .collect(),
        )),
        Kind::Note { .. } => Err(AnswerError::NoAnswer),
    }
}

fn nonblank(lines: &[String]) -> impl Iterator<Item = &String> {
    lines.iter().filter(|l| !l.trim().is_empty())
}

fn split_cells(line: &str) -> Vec<String> {
    let sep = if line.contains('\t') { '\t' } else { '|' };
    line.split(sep).map(|c| c.trim().to_string()).collect()
}

/// `y`, `yes`, `是`, `同意`… → true; `n`, `no`, `否`… → false.
pub fn parse_yes_no(s: &str) -> Option<bool> {
    match s.trim().to_lowercase().as_str() {
        "y" | "yes" | "true" | "1" | "是" | "同意" | "确认" | "对" | "✓" | "√" => {
            Some(true)
        }
        "n" | "no" | "false" | "0" | "否" | "不同意" | "不" | "×" | "x" => Some(false),
        _ => None,
    }
}

fn parse_choice(
    options: &[String],
    multiple: bool,
    other: Option<&str>,
    input: &str,
    current: Option<&Value>,
) -> Result<Value, AnswerError> {
    let mut picked: Vec<usize> = Vec::new();
    let mut other_text = match current {
        Some(Value::Choice { other, .. }) => other.clone(),
        _ => String::new(),
    };
    for token in input.split([',', '，', '、', ';', '；']) {
        let token = token.trim();
        if token.is_empty() {
            continue;
        }
        // `其他：无人机巡检` picks "other" and gives its words.
        if let Some(o) = other
            && let Some(rest) = token.strip_prefix(o)
            && let Some(words) = rest.strip_prefix([':', '：'])
        {
            picked.extend(options.iter().position(|x| x == o));
            other_text = words.trim().to_string();
            continue;
        }
        if token
            .split_whitespace()
            .all(|t| t.bytes().all(|b| b.is_ascii_digit()))
        {
            for t in token.split_whitespace() {
                let n: usize = t.parse().unwrap_or(0);
                if n == 0 || n > options.len() {
                    return Err(AnswerError::NumberOutOfRange {
                        n,
                        max: options.len(),
                    });
                }
                picked.push(n - 1);
            }
            continue;
        }
        match options
            .iter()
            .position(|o| o == token || o.eq_ignore_ascii_case(token))
        {
            Some(i) => picked.push(i),
            None => {
                return Err(AnswerError::UnknownOption {
                    given: token.to_string(),
                });
            }
        }
    }
    picked.sort_unstable();
    picked.dedup();
    if !multiple && picked.len() > 1 {
        return Err(AnswerError::OneOnly);
    }
    let other_picked = other.is_some_and(|o| picked.iter().any(|&i| options[i] == o));
    if !other_picked {
        other_text.clear();
    }
    Ok(Value::Choice {
        selected: picked.into_iter().map(|i| options[i].clone()).collect(),
        other: other_text,
    })
}

/// Whether an answer holds anything (so replacing it needs a yes).
pub fn has_content(v: Option<&Value>) -> bool {
    v.is_some_and(|v| !v.is_empty())
}

/// `new` merged into the answer `current` of `field` as `how` says.
pub fn merge(field: &Field, current: Option<&Value>, new: Value, how: Merge) -> Value {
    let Some(old) = current.filter(|v| !v.is_empty()) else {
        return new;
    };
    if how == Merge::Replace {
        return new;
    }
    match (old.clone(), new) {
        (Value::Text(a), Value::Text(b)) => {
            // A long text gets a new paragraph; a one-line text a space.
            let sep = if matches!(field.kind, Kind::LongText { .. }) {
                "\n"
            } else {
                " "
            };
            Value::Text(format!("{}{sep}{b}", a.trim_end_matches('\n')))
        }
        (Value::List(mut a), Value::List(b)) => {
            a.extend(b);
            Value::List(a)
        }
        (Value::Table(mut a), Value::Table(b)) => {
            a.extend(b);
            Value::Table(a)
        }
        (Value::Attachments(mut a), Value::Attachments(b)) => {
            a.extend(b);
            Value::Attachments(a)
        }
        (
            Value::Choice {
                selected: mut a,
                other: oa,
            },
            Value::Choice {
                selected: b,
                other: ob,
            },
        ) => {
            for s in b {
                if !a.contains(&s) {
                    a.push(s);
                }
            }
            Value::Choice {
                selected: a,
                other: if ob.is_empty() { oa } else { ob },
            }
        }
        (_, new) => new,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::form;

    fn flagship() -> form::Form {
        form::builtin("ai-scenario").unwrap().unwrap()
    }

    fn lines(s: &[&str]) -> Vec<String> {
        s.iter().map(|l| l.to_string()).collect()
    }

    #[test]
    fn choices_by_number_name_and_other() {
        let f = flagship();
        let domains = f.field("domains").unwrap();
        let v = parse(domains, &lines(&["6,8"]), None).unwrap();
        assert_eq!(
            v,
            Value::Choice {
                selected: vec!["交通运输".into(), "物流".into()],
                other: String::new()
            }
        );
        let v = parse(domains, &lines(&["物流、交通运输，其他：无人机巡检"]), None).unwrap();
        assert_eq!(
            v,
            Value::Choice {
                selected: vec!["交通运输".into(), "物流".into(), "其他".into()],
                other: "无人机巡检".into()
            }
        );
        assert_eq!(
            parse(domains, &lines(&["16"]), None),
            Err(AnswerError::NumberOutOfRange { n: 16, max: 15 })
        );
        assert_eq!(
            parse(domains, &lines(&["航天"]), None),
            Err(AnswerError::UnknownOption {
                given: "航天".into()
            })
        );
    }

    #[test]
    fn dates_lists_confirm() {
        let f = flagship();
        let d = parse(
            f.field("filled_date").unwrap(),
            &lines(&["2022年8月10日"]),
            None,
        );
        assert_eq!(d, Ok(Value::Date("2022-08-10".into())));
        let l = parse(
            f.field("providers").unwrap(),
            &lines(&["甲公司", "", "乙公司 "]),
            None,
        );
        assert_eq!(l, Ok(Value::List(vec!["甲公司".into(), "乙公司".into()])));
        let pledge = f.field("pledge").unwrap();
        assert_eq!(
            parse(pledge, &lines(&["是"]), None),
            Ok(Value::Confirm(true))
        );
        assert!(matches!(
            parse(pledge, &lines(&["也许"]), None),
            Err(AnswerError::NotYesNo { .. })
        ));
    }

    #[test]
    fn tables_by_rows_of_cells() {
        let f = form::builtin("ai-scenario-summary").unwrap().unwrap();
        let (_, table) = f
            .fields()
            .find(|(_, fl)| matches!(fl.kind, Kind::Table { .. }))
            .unwrap();
        let Kind::Table { columns, .. } = &table.kind else {
            unreachable!()
        };
        let n = columns
            .iter()
            .filter(|c| c.kind != ColumnKind::Serial)
            .count();
        let too_many = vec!["x".to_string(); n + 1].join(" | ");
        assert!(matches!(
            parse(table, &[too_many], None),
            Err(AnswerError::TooManyCells { row: 1, .. })
        ));
    }

    #[test]
    fn append_adds_a_paragraph_and_replace_replaces() {
        let f = flagship();
        let intro = f.field("intro").unwrap();
        let region = f.field("region").unwrap();
        let old = Value::Text("第一段。\n".into());
        let new = Value::Text("第二段。".into());
        assert_eq!(
            merge(intro, Some(&old), new.clone(), Merge::Append),
            Value::Text("第一段。\n第二段。".into())
        );
        assert_eq!(
            merge(
                region,
                Some(&Value::Text("上海".into())),
                Value::Text("浦东".into()),
                Merge::Append
            ),
            Value::Text("上海 浦东".into())
        );
        assert_eq!(merge(intro, Some(&old), new.clone(), Merge::Replace), new);
        assert_eq!(merge(intro, None, new.clone(), Merge::Append), new);
    }

    #[test]
    fn fields_by_id_label_or_section_title() {
        let f = flagship();
        assert_eq!(f.find_field("intro").unwrap().id, "intro");
        assert_eq!(f.find_field("场景简介").unwrap().id, "intro");
        assert_eq!(
            f.find_field("申报单位联系人姓名").unwrap().id,
            "contact_name"
        );
        assert_eq!(f.find_field("(六) 支持举措").unwrap().id, "support");
        assert!(f.find_field("不存在").is_none());
    }
}
