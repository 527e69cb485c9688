//! The form module's own words (each in Chinese and English).

use super::limits::{Exceeded, Item};
use super::load::{RegexKind, RegexProblem};
use crate::i18n::Lang;
use crate::sanitize::for_terminal;

fn item(lang: Lang, what: Item) -> &'static str {
    match what {
        Item::Sections => lang.pick("部分数", "sections"),
        Item::Fields => lang.pick("字段数", "fields"),
        Item::Options => lang.pick("选项数", "options"),
        Item::Columns => lang.pick("列数", "columns"),
        Item::Rules => lang.pick("规则数", "rules"),
        Item::FormText => lang.pick("文字长度（字符）", "text length (characters)"),
        Item::Regex => lang.pick(
            "正则表达式长度（字符）",
            "regular expression length (characters)",
        ),
        Item::Answers => lang.pick("填写项数", "answers"),
        Item::AnswerText => lang.pick("填写内容长度（字符）", "answer length (characters)"),
        Item::AnswerItems => lang.pick("行数或条目数", "rows or items"),
        Item::Cells => lang.pick("单元格数", "cells in a row"),
    }
}

/// A limit passed: `字段 intro 的填写内容长度（字符）为 250000，超过上限 200000`.
pub fn exceeded(lang: Lang, e: &Exceeded) -> String {
    let what = item(lang, e.what);
    let (count, limit) = (e.count, e.limit);
    match (lang, e.place.is_empty()) {
        (Lang::Zh, true) => format!("{what}为 {count}，超过上限 {limit}"),
        (Lang::Zh, false) => format!(
            "“{}”的{what}为 {count}，超过上限 {limit}",
            for_terminal(&e.place)
        ),
        (Lang::En, true) => format!("{count} {what}, more than the limit of {limit}"),
        (Lang::En, false) => format!(
            "'{}': {count} {what}, more than the limit of {limit}",
            for_terminal(&e.place)
        ),
    }
}

/// A form file that is not UTF-8 from byte `offset` on.
pub fn not_utf8(lang: Lang, offset: usize) -> String {
    match lang {
        Lang::Zh => format!("文件不是 UTF-8 编码的文本（第 {offset} 字节起；请以 UTF-8 保存）"),
        Lang::En => format!("the file is not UTF-8 text (from byte {offset}; save it as UTF-8)"),
    }
}

/// Fields whose display conditions go round in a circle.
pub fn condition_cycle(lang: Lang, fields: &[String]) -> String {
    let chain = fields
        .iter()
        .map(|f| for_terminal(f))
        .collect::<Vec<_>>()
        .join(" → ");
    match lang {
        Lang::Zh => format!("显示条件 visible_when 循环依赖（{chain}）：这些字段永远不会显示"),
        Lang::En => format!(
            "the visible_when conditions go round in a circle ({chain}): these fields could never be shown"
        ),
    }
}

/// A form file with nothing in it.
pub fn empty_file(lang: Lang) -> String {
    lang.pick(
        "文件为空：表单描述应以 Form( 开始",
        "the file is empty: a form description starts with Form(",
    )
    .to_string()
}

/// `缺少 ]（第 2 行第 18 列的 [ 没有闭合）`.
pub fn unclosed(lang: Lang, open: char, line: usize, col: usize) -> String {
    let close = super::scan::closer(open);
    match lang {
        Lang::Zh => format!("缺少 {close}（第 {line} 行第 {col} 列的 {open} 没有闭合）"),
        Lang::En => format!("missing {close} (the {open} at {line}:{col} is not closed)"),
    }
}

/// Why a regular expression is invalid: `第 3 个字符处：缺少 )`.
pub fn regex_problem(lang: Lang, p: &RegexProblem) -> String {
    match p {
        RegexProblem::TooBig => lang
            .pick("表达式太大，无法使用", "it is too big to use")
            .to_string(),
        RegexProblem::Other(e) => for_terminal(e),
        RegexProblem::At { kind, at } => {
            let what = match kind {
                RegexKind::UnclosedGroup => lang
                    .pick("( 没有闭合，缺少 )", "a ( that is never closed")
                    .to_string(),
                RegexKind::UnopenedGroup => {
                    lang.pick("多了一个 )", "a ) without its (").to_string()
                }
                RegexKind::UnclosedClass => lang
                    .pick("[ 没有闭合，缺少 ]", "a [ that is never closed")
                    .to_string(),
                RegexKind::BadRange => lang
                    .pick(
                        "字符范围写法有误（起点须不大于终点）",
                        "an invalid character range",
                    )
                    .to_string(),
                RegexKind::NothingToRepeat => lang
                    .pick(
                        "重复符号（* + ? {}）前面没有可重复的内容",
                        "a repetition (* + ? {}) with nothing before it",
                    )
                    .to_string(),
                RegexKind::BadCount => lang
                    .pick(
                        "重复次数 {m,n} 写法有误",
                        "an invalid repetition count {m,n}",
                    )
                    .to_string(),
                RegexKind::BadEscape => lang
                    .pick(
                        "无法识别的转义（\\ 后的字符）",
                        "an unknown escape after \\",
                    )
                    .to_string(),
                RegexKind::Other(e) => for_terminal(e),
            };
            match lang {
                Lang::Zh => format!("第 {at} 个字符处：{what}"),
                Lang::En => format!("at character {at}: {what}"),
            }
        }
    }
}
