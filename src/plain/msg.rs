//! Words of plain mode and of `fill --set`: prompts, the count after an answer, the state of
//! a field in `:list`, and why an answer was not taken. Text from the form or the draft is made
//! safe for a terminal here, because plain mode prints it raw.

use super::answer::AnswerError;
use crate::count::LimitState;
use crate::form::{Field, Finding, Form, Kind, Value};
use crate::lang::Lang;
use crate::sanitize::{for_terminal, for_terminal_with};
use crate::tui::msg as t;

fn zh(lang: Lang) -> bool {
    lang == Lang::Zh
}

/// `场景简介：386/400 字，还可输入 14 字` for a limited field, a short state otherwise.
pub fn count_line(lang: Lang, form: &Form, field: &Field, value: Option<&Value>) -> String {
    format!(
        "{}{}{}",
        for_terminal(&field.label),
        lang.pick("：", ": "),
        state(lang, form, field, value)
    )
}

/// What a field holds, in a few words.
pub fn state(lang: Lang, form: &Form, field: &Field, value: Option<&Value>) -> String {
    let empty = value.is_none_or(Value::is_empty);
    if let Some((limit, mode)) = form.limit_of(field) {
        let text = value.and_then(Value::as_text).unwrap_or("");
        let n = crate::count::count_mode(text, mode, form.count_options());
        let rest = match crate::count::limit_state(n, limit, field.warn_ratio()) {
            LimitState::Over { excess } => t::over_by(lang, excess, mode),
            LimitState::Near { remaining: 0 } => t::at_limit(lang).to_string(),
            LimitState::Ok { remaining } | LimitState::Near { remaining } => {
                t::remaining(lang, remaining, mode)
            }
        };
        return format!(
            "{}{}{rest}",
            t::counter(lang, n, limit, mode),
            lang.pick("，", ", ")
        );
    }
    if empty {
        return lang.pick("（空）", "(empty)").into();
    }
    match value {
        // A date, phone number or address is read back as it was taken (normalised), which is
        // what a listener needs to hear; a count of it would mean nothing.
        Some(Value::Date(s)) | Some(Value::Text(s))
            if matches!(value, Some(Value::Date(_)))
                || matches!(field.kind, Kind::Date | Kind::Phone | Kind::Email) =>
        {
            format!(
                "{}{}",
                lang.pick("已填写：", "filled in: "),
                for_terminal(s)
            )
        }
        Some(Value::Text(s)) | Some(Value::Date(s)) => {
            let n = crate::count::count(s, form.count_options()).zishu;
            if zh(lang) {
                format!("已填写（{n} 字）")
            } else {
                format!("filled in ({n} zi)")
            }
        }
        Some(Value::Choice { selected, other }) => {
            let mut names: Vec<String> = selected.iter().map(|s| for_terminal(s)).collect();
            if !other.trim().is_empty() {
                names.push(for_terminal(other));
            }
            format!(
                "{}{}",
                lang.pick("已选 ", "chosen: "),
                names.join(lang.pick("、", ", "))
            )
        }
        Some(Value::List(items)) => {
            let n = items.iter().filter(|i| !i.trim().is_empty()).count();
            if zh(lang) {
                format!("{n} 项")
            } else {
                format!("{n} items")
            }
        }
        Some(Value::Table(rows)) => {
            if zh(lang) {
                format!("{} 行", rows.len())
            } else {
                format!("{} rows", rows.len())
            }
        }
        Some(Value::Attachments(files)) => {
            if zh(lang) {
                format!("{} 个文件", files.len())
            } else {
                format!("{} files", files.len())
            }
        }
        Some(Value::Confirm(true)) => lang.pick("已同意", "accepted").into(),
        _ => lang.pick("（空）", "(empty)").into(),
    }
}

/// Why an answer was not taken.
pub fn answer_error(lang: Lang, e: &AnswerError) -> String {
    match (e, zh(lang)) {
        (AnswerError::UnknownOption { given }, true) => {
            format!("没有这个选项：{}", for_terminal(given))
        }
        (AnswerError::UnknownOption { given }, false) => {
            format!("no such option: {}", for_terminal(given))
        }
        (AnswerError::NumberOutOfRange { n, max }, true) => {
            format!("没有第 {n} 个选项（可选 1–{max}）")
        }
        (AnswerError::NumberOutOfRange { n, max }, false) => {
            format!("there is no option {n} (choose 1–{max})")
        }
        (AnswerError::OneOnly, true) => "这一项只能选一个".into(),
        (AnswerError::OneOnly, false) => "choose only one option here".into(),
        (AnswerError::NotYesNo { given }, true) => {
            format!("请回答 是 或 否（y/n），而不是：{}", for_terminal(given))
        }
        (AnswerError::NotYesNo { given }, false) => {
            format!("answer yes or no (y/n), not: {}", for_terminal(given))
        }
        (AnswerError::TooManyCells { row, want, got }, true) => {
            format!("第 {row} 行有 {got} 格，表格只有 {want} 列")
        }
        (AnswerError::TooManyCells { row, want, got }, false) => {
            format!("row {row} has {got} cells; the table has {want} columns")
        }
        (AnswerError::NotYesNoCell { row, column, given }, true) => format!(
            "第 {row} 行“{}”一列请填 是 或 否，而不是：{}",
            for_terminal(column),
            for_terminal(given)
        ),
        (AnswerError::NotYesNoCell { row, column, given }, false) => format!(
            "row {row}, column '{}': yes or no, not: {}",
            for_terminal(column),
            for_terminal(given)
        ),
        (AnswerError::NoAnswer, true) => "这一项只是说明，不需要回答".into(),
        (AnswerError::NoAnswer, false) => "this is a note; it takes no answer".into(),
    }
}

/// A problem validation found, on one line.
pub fn problem(lang: Lang, form: &Form, finding: &Finding) -> String {
    crate::form::msg::problem(lang, form, finding)
}

/// The opening lines: the form, the draft, and the commands.
pub fn intro(lang: Lang, form: &Form, draft_path: &str, fields: usize) -> Vec<String> {
    let mut out = vec![for_terminal(&match &form.subtitle {
        Some(s) => format!("{s} {}", form.title),
        None => form.title.clone(),
    })];
    if zh(lang) {
        out.push(format!("草稿：{}", for_terminal(draft_path)));
        out.push(format!(
            "共 {fields} 项。每个回答都会立即保存。回车保留当前答案，- 清空，? 说明，\
             < 上一项，> 跳过，:list 列出各项，:goto 项名或编号，:q 保存并退出。"
        ));
    } else {
        out.push(format!("Draft: {}", for_terminal(draft_path)));
        out.push(format!(
            "{fields} fields. Every answer is saved at once. Enter keeps the current answer, \
             - clears it, ? help, < back, > skip, :list all fields, :goto NAME or number, \
             :q save and quit."
        ));
    }
    out
}

/// A section heading.
pub fn section(lang: Lang, part: Option<&str>, title: &str, help: Option<&str>) -> Vec<String> {
    let mut out = Vec::new();
    let head = match part {
        Some(p) => format!("{} {}", for_terminal(p), for_terminal(title)),
        None => for_terminal(title),
    };
    out.push(format!("== {head} =="));
    if let Some(h) = help {
        out.push(format!(
            "{}{}",
            lang.pick("要求：", "Asks for: "),
            one_line(h)
        ));
    }
    out
}

fn one_line(s: &str) -> String {
    for_terminal(&s.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// The lines asking for one field.
pub fn prompt(
    lang: Lang,
    form: &Form,
    field: &Field,
    number: usize,
    total: usize,
    value: Option<&Value>,
) -> Vec<String> {
    let mut out = Vec::new();
    let req = if field.required {
        lang.pick("（必填）", " (required)")
    } else {
        ""
    };
    out.push(if zh(lang) {
        format!(
            "第 {number}/{total} 项：{}{req}",
            for_terminal(&field.label)
        )
    } else {
        format!(
            "Field {number}/{total}: {}{req}",
            for_terminal(&field.label)
        )
    });
    if let Some(h) = &field.help {
        out.push(format!("{}{}", lang.pick("说明：", "Help: "), one_line(h)));
    }
    if let Some((limit, mode)) = form.limit_of(field) {
        out.push(if zh(lang) {
            format!("限 {limit} {}。", crate::lang::unit(lang, mode))
        } else {
            format!("Limit: {limit} {}.", crate::lang::unit(lang, mode))
        });
    }
    out.extend(how_to_answer(lang, field));
    out.extend(current(lang, form, field, value));
    out
}

fn how_to_answer(lang: Lang, field: &Field) -> Vec<String> {
    let z = zh(lang);
    let end = lang.pick(
        "单独一行 . 结束。",
        "End with a line holding only a dot (.).",
    );
    match &field.kind {
        Kind::LongText { .. } => vec![format!(
            "{}{end}",
            lang.pick("可输入多行，", "Several lines allowed. ")
        )],
        Kind::Date => vec![
            lang.pick("日期，如 2022-08-10。", "A date, e.g. 2022-08-10.")
                .into(),
        ],
        Kind::Email => vec![lang.pick("电子邮箱。", "An email address.").into()],
        Kind::Phone => vec![lang.pick("电话号码。", "A phone number.").into()],
        Kind::Pattern { message, .. } => vec![one_line(message)],
        Kind::Choice {
            options, multiple, ..
        } => {
            let mut v = vec![
                if *multiple {
                    lang.pick(
                        "可多选：输入编号或名称，用逗号分隔，如 6,8。",
                        "Choose one or more by number or name, separated by commas, e.g. 6,8.",
                    )
                } else {
                    lang.pick("单选：输入编号或名称。", "Choose one by number or name.")
                }
                .to_string(),
            ];
            for (i, o) in options.iter().enumerate() {
                v.push(format!("  {}. {}", i + 1, for_terminal(o)));
            }
            v
        }
        Kind::List { item_label, .. } => {
            let what = item_label.as_deref().map(for_terminal);
            vec![match (z, what) {
                (true, Some(w)) => format!("每行一个{w}，{end}"),
                (true, None) => format!("每行一项，{end}"),
                (false, Some(w)) => format!("One {w} per line. {end}"),
                (false, None) => format!("One item per line. {end}"),
            }]
        }
        Kind::Table { columns, .. } => {
            let cols: Vec<String> = columns
                .iter()
                .filter(|c| c.kind != crate::form::ColumnKind::Serial)
                .map(|c| for_terminal(&c.label))
                .collect();
            vec![if z {
                format!("每行一行，各格用 | 分隔：{}。{end}", cols.join(" | "))
            } else {
                format!(
                    "One row per line, cells separated by |: {}. {end}",
                    cols.join(" | ")
                )
            }]
        }
        Kind::Attachments { .. } => vec![if z {
            format!("每行一个文件：路径 | 图题。{end}")
        } else {
            format!("One file per line: path | caption. {end}")
        }],
        Kind::Confirm { statement } => vec![
            for_terminal(statement),
            lang.pick(
                "同意请输入 y（是），否则 n。",
                "Type y to accept, n to decline.",
            )
            .into(),
        ],
        Kind::Text { .. } | Kind::Note { .. } => Vec::new(),
    }
}

/// The current answer, shown before asking.
fn current(lang: Lang, form: &Form, field: &Field, value: Option<&Value>) -> Vec<String> {
    let label = lang.pick("当前：", "Now: ");
    match value {
        None => vec![format!("{label}{}", lang.pick("（空）", "(empty)"))],
        Some(v) if v.is_empty() => vec![format!("{label}{}", lang.pick("（空）", "(empty)"))],
        Some(Value::Text(s) | Value::Date(s)) if !s.contains('\n') => {
            vec![format!("{label}{}", for_terminal(s))]
        }
        Some(Value::Text(s)) => {
            let mut v = vec![format!("{label}{}", state(lang, form, field, value))];
            v.extend(for_terminal_with(s, true).lines().map(|l| format!("  {l}")));
            v
        }
        Some(Value::List(items)) => {
            let mut v = vec![label.trim_end().to_string()];
            v.extend(items.iter().map(|i| format!("  {}", for_terminal(i))));
            v
        }
        Some(v) => vec![format!("{label}{}", state(lang, form, field, Some(v)))],
    }
}

/// The answer prompt itself.
pub fn ask(lang: Lang) -> &'static str {
    lang.pick("回答> ", "answer> ")
}

pub fn ask_other(lang: Lang, label: &str) -> String {
    if zh(lang) {
        format!("“{}”的具体内容> ", for_terminal(label))
    } else {
        format!("Words for '{}'> ", for_terminal(label))
    }
}

pub fn reask(lang: Lang) -> &'static str {
    lang.pick(
        "请重新回答（> 跳过，< 返回）。",
        "Please answer again (> to skip, < to go back).",
    )
}

pub fn kept(lang: Lang) -> &'static str {
    lang.pick("保留原答案。", "Kept.")
}

pub fn cleared(lang: Lang) -> &'static str {
    lang.pick("已清空。", "Cleared.")
}

pub fn not_utf8(lang: Lang) -> &'static str {
    lang.pick(
        "这一行不是 UTF-8 文字，未采用。",
        "That line is not UTF-8 text; not used.",
    )
}

pub fn no_such_field(lang: Lang, key: &str) -> String {
    if zh(lang) {
        format!("没有这一项：{}（:list 列出各项）", for_terminal(key))
    } else {
        format!("no such field: {} (:list shows them)", for_terminal(key))
    }
}

pub fn first_field(lang: Lang) -> &'static str {
    lang.pick("已是第一项。", "This is the first field.")
}

pub fn not_applicable(lang: Lang) -> &'static str {
    lang.pick("（不适用）", "(not applicable)")
}

pub fn list_title(lang: Lang) -> &'static str {
    lang.pick("各项：", "Fields:")
}

pub fn required_missing(lang: Lang) -> &'static str {
    lang.pick("必填未填", "required, empty")
}

pub fn help_title(lang: Lang) -> &'static str {
    lang.pick("说明", "Help")
}

pub fn example(lang: Lang) -> &'static str {
    lang.pick("示例：", "Example:")
}

pub fn no_help(lang: Lang) -> &'static str {
    lang.pick("这一项没有更多说明。", "No more help for this field.")
}

/// The closing lines: where the draft is and what is still open.
pub fn done(lang: Lang, path: &str, filled: usize, total: usize, problems: usize) -> String {
    if zh(lang) {
        let rest = if problems > 0 {
            format!("，还有 {problems} 个问题（:list 查看）")
        } else {
            String::new()
        };
        format!(
            "已保存到 {}：已填 {filled}/{total} 项{rest}。",
            for_terminal(path)
        )
    } else {
        let rest = if problems > 0 {
            format!("; {problems} problems left (:list shows them)")
        } else {
            String::new()
        };
        format!(
            "Saved to {}: {filled}/{total} fields filled in{rest}.",
            for_terminal(path)
        )
    }
}

pub fn end_reached(lang: Lang) -> &'static str {
    lang.pick("已到最后一项。", "That was the last field.")
}

pub fn save_failed(lang: Lang, why: &str) -> String {
    if zh(lang) {
        format!("保存失败：{why}")
    } else {
        format!("saving failed: {why}")
    }
}

pub fn emergency(lang: Lang, path: &str) -> String {
    if zh(lang) {
        format!("答案已另存到 {}", for_terminal(path))
    } else {
        format!("the answers were written to {}", for_terminal(path))
    }
}

pub fn conflict(lang: Lang, copy: &str) -> String {
    t::conflict(lang, copy)
}

pub fn pick_draft(lang: Lang, n: usize) -> String {
    if zh(lang) {
        format!("这个表有 {n} 份草稿。输入编号继续，n 新建：")
    } else {
        format!("This form has {n} drafts. Type a number to resume one, n for a new one:")
    }
}

pub fn resuming(lang: Lang, name: &str) -> String {
    if zh(lang) {
        format!("继续草稿：{}", for_terminal(name))
    } else {
        format!("Resuming draft: {}", for_terminal(name))
    }
}

pub fn pick_prompt(lang: Lang) -> &'static str {
    lang.pick("编号> ", "number> ")
}

pub fn bad_pick(lang: Lang) -> &'static str {
    lang.pick(
        "请输入列表中的编号，或 n。",
        "Type a number from the list, or n.",
    )
}
