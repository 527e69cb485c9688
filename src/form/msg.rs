//! The words of form files and of validation findings, in Chinese (default) and English.
//! Pure: the form module returns typed errors and findings, and these turn them into sentences.

use super::error::Expect;
use super::error::{RegexKind, RegexProblem};
use super::limits::{Exceeded, Item};
use super::{ErrorKind, Finding, Form, Problem};
use crate::lang::{Lang, list, q, unit};
use crate::sanitize::for_terminal;

fn expect(lang: Lang, e: Expect) -> &'static str {
    match e {
        Expect::Text => lang.pick("用英文双引号括起的文字", "text in double quotes"),
        Expect::Integer => lang.pick("一个整数", "a whole number"),
        Expect::Number => lang.pick("一个数字", "a number"),
        Expect::Bool => lang.pick("true 或 false", "true or false"),
        Expect::List => lang.pick("用 [ ] 括起的列表", "a list in [ ]"),
        Expect::ListEnd => lang.pick("逗号 , 或 ]", "`,` or `]`"),
        Expect::Comma => lang.pick("逗号 ,", "a comma `,`"),
        Expect::Colon => lang.pick("冒号 :", "a colon `:`"),
        Expect::GroupEnd => lang.pick("逗号 , 或 )", "`,` or `)`"),
        Expect::Group => lang.pick(
            "以 ( 开始的 键: 值 组",
            "`(` starting a group of `key: value`",
        ),
        Expect::KeyName => lang.pick("一个键名", "a key name"),
    }
}

fn inside(lang: Lang, p: &str) -> String {
    if p.is_empty() {
        return String::new();
    }
    match lang {
        Lang::Zh => format!("（在 {p} 中）"),
        Lang::En => format!(" in {p}"),
    }
}

/// The message of a form-file problem (without the `FILE:LINE:COL: ` prefix).
pub fn form_error(lang: Lang, kind: &ErrorKind) -> String {
    use ErrorKind as K;
    let zh = lang == Lang::Zh;
    match kind {
        K::NotUtf8 { offset } => not_utf8(lang, *offset),
        K::EmptyFile => empty_file(lang),
        K::Unclosed { open, line, col } => unclosed(lang, *open, *line, *col),
        K::UnknownKey {
            key,
            place: p,
            expected,
        } => {
            if zh {
                format!(
                    "未知的键 {}{}；可用的键：{}",
                    q(key),
                    inside(lang, p),
                    list(expected)
                )
            } else {
                format!(
                    "unknown key {}{}; expected one of: {}",
                    q(key),
                    inside(lang, p),
                    list(expected)
                )
            }
        }
        K::MissingKey { key, place: p } => {
            if zh {
                format!("缺少必填的键 {}{}", q(key), inside(lang, p))
            } else {
                format!("missing key {}{}", q(key), inside(lang, p))
            }
        }
        K::UnknownVariant {
            found,
            place: p,
            expected,
        } => {
            if zh {
                format!(
                    "未知的取值 {}{}；可用的取值：{}",
                    q(found),
                    inside(lang, p),
                    list(expected)
                )
            } else {
                format!(
                    "unknown value {}{}; expected one of: {}",
                    q(found),
                    inside(lang, p),
                    list(expected)
                )
            }
        }
        K::DuplicateKey { key, place: p } => {
            if zh {
                format!("键 {} 写了两次{}", q(key), inside(lang, p))
            } else {
                format!("key {} is written twice{}", q(key), inside(lang, p))
            }
        }
        K::WrongType { expected, found } => {
            if zh {
                format!(
                    "类型不对：这里应是 {}，实际是 {}",
                    for_terminal(expected),
                    for_terminal(found)
                )
            } else {
                format!(
                    "wrong type: expected {}, found {}",
                    for_terminal(expected),
                    for_terminal(found)
                )
            }
        }
        K::Expected(e) => {
            if zh {
                format!("这里应是{}", expect(lang, *e))
            } else {
                format!("expected {} here", expect(lang, *e))
            }
        }
        K::UnclosedString => lang
            .pick(
                "字符串没有结束：缺少右双引号 \"",
                "unclosed text: a closing \" is missing",
            )
            .into(),
        K::UnexpectedEnd => lang
            .pick(
                "文件提前结束：有括号或引号没有闭合",
                "the file ends too early: a bracket or quote is not closed",
            )
            .into(),
        K::TooDeep => lang
            .pick(
                "嵌套层数过深（上限 128 层），文件可能已损坏",
                "nested too deeply (limit 128 levels); the file is probably damaged",
            )
            .into(),
        K::Trailing => lang
            .pick(
                "表单结束的 ) 之后还有多余内容",
                "extra text after the form's closing parenthesis",
            )
            .into(),
        K::Syntax(m) => {
            if zh {
                format!("语法错误：{}", for_terminal(m))
            } else {
                format!("syntax error: {}", for_terminal(m))
            }
        }
        K::BadId { id } => {
            if zh {
                format!(
                    "id {} 无效：只能用英文字母、数字、_ 和 -，且不能为空",
                    q(id)
                )
            } else {
                format!("invalid id {}: use letters, digits, _ and - only", q(id))
            }
        }
        K::DuplicateId { id, what } => {
            let what_zh = match *what {
                "section" => "分节",
                "column" => "列",
                _ => "字段",
            };
            if zh {
                format!("{what_zh} id {} 重复", q(id))
            } else {
                format!("duplicate {what} id {}", q(id))
            }
        }
        K::ZeroLimit { field } => {
            if zh {
                format!("字段 {} 的上限为 0，任何内容都会超限", q(field))
            } else {
                format!(
                    "field {} has a limit of 0: any answer would exceed it",
                    q(field)
                )
            }
        }
        K::NoOptions { field } => {
            if zh {
                format!("选择题 {} 没有任何选项", q(field))
            } else {
                format!("choice {} has no options", q(field))
            }
        }
        K::DuplicateOption { field, option } => {
            if zh {
                format!("{} 的选项 {} 重复", q(field), q(option))
            } else {
                format!("option {} of {} is listed twice", q(option), q(field))
            }
        }
        K::OtherNotAnOption { field, other } => {
            if zh {
                format!("{} 的 other {} 不在 options 中", q(field), q(other))
            } else {
                format!(
                    "other {} of {} is not one of its options",
                    q(other),
                    q(field)
                )
            }
        }
        K::MissingField { field, target } => {
            if zh {
                format!("{} 的显示条件引用了不存在的字段 {}", q(field), q(target))
            } else {
                format!(
                    "the condition of {} names a field that does not exist: {}",
                    q(field),
                    q(target)
                )
            }
        }
        K::ConditionValue {
            field,
            target,
            value,
        } => {
            if zh {
                format!(
                    "{} 的显示条件取值 {} 不是字段 {} 可能的值",
                    q(field),
                    q(value),
                    q(target)
                )
            } else {
                format!(
                    "the condition of {} waits for {}, which field {} can never hold",
                    q(field),
                    q(value),
                    q(target)
                )
            }
        }
        K::MissingColumn { field, column } => {
            if zh {
                format!("表格 {} 的规则引用了不存在的列 {}", q(field), q(column))
            } else {
                format!(
                    "a rule of table {} names a column that does not exist: {}",
                    q(field),
                    q(column)
                )
            }
        }
        K::RuleNotBool { field, column } => {
            if zh {
                format!(
                    "表格 {} 的 AtLeast 规则要求列 {} 是 Bool（是/否）列",
                    q(field),
                    q(column)
                )
            } else {
                format!(
                    "the AtLeast rule of table {} needs column {} to be Bool",
                    q(field),
                    q(column)
                )
            }
        }
        K::RuleOverMax { field, count, max } => {
            if zh {
                format!(
                    "表格 {} 的规则要求至少 {count} 行，但最多只允许 {max} 行",
                    q(field)
                )
            } else {
                format!(
                    "a rule of table {} needs {count} rows but at most {max} are allowed",
                    q(field)
                )
            }
        }
        K::ExampleOverLimit {
            field,
            count,
            limit,
            unit: u,
        } => {
            if zh {
                format!(
                    "字段 {} 的示例本身 {count} {u}，超过上限 {limit} {u}（若照录原文，请加 example_over_limit: true）",
                    q(field)
                )
            } else {
                format!(
                    "the example of field {} is {count}, over its own limit of {limit} (if it is quoted from the source on purpose, add example_over_limit: true)",
                    q(field)
                )
            }
        }
        K::ExampleWithinLimit {
            field,
            count,
            limit,
        } => {
            if zh {
                format!(
                    "字段 {} 标了 example_over_limit，但示例 {count} 未超过上限 {limit}，请删去该键",
                    q(field)
                )
            } else {
                format!(
                    "field {} says example_over_limit but its example ({count}) is within the limit {limit}; remove the key",
                    q(field)
                )
            }
        }
        K::BadRegex { field, problem } => {
            let why = regex_problem(lang, problem);
            if zh {
                format!("{} 的正则表达式无效：{why}", q(field))
            } else {
                format!("the regex of {} is invalid: {why}", q(field))
            }
        }
        K::MinOverMax { field, min, max } => {
            if zh {
                format!("{} 的最小值 {min} 大于最大值 {max}", q(field))
            } else {
                format!("{}: min {min} is greater than max {max}", q(field))
            }
        }
        K::BadWarnRatio { field } => {
            if zh {
                format!("{} 的 warn_ratio 应在 0 到 1 之间（如 0.9）", q(field))
            } else {
                format!(
                    "warn_ratio of {} must be between 0 and 1 (e.g. 0.9)",
                    q(field)
                )
            }
        }
        K::EmptySection { section } => {
            if zh {
                format!("分节 {} 没有任何字段", q(section))
            } else {
                format!("section {} has no fields", q(section))
            }
        }
        K::NoSections => lang
            .pick("表单没有任何分节", "the form has no sections")
            .into(),
        K::NoColumns { field } => {
            if zh {
                format!("表格 {} 没有任何列", q(field))
            } else {
                format!("table {} has no columns", q(field))
            }
        }
        K::RequiredNote { field } => {
            if zh {
                format!("说明文字 {} 不能设为必填", q(field))
            } else {
                format!("note {} cannot be required", q(field))
            }
        }
        K::ConditionCycle { fields } => condition_cycle(lang, fields),
        K::Limit(e) => e.describe(lang),
    }
}

/// Where a finding is, for people: the section title, and the field label when it adds to it.
/// "(三) 应用效果" for the main text of that section, "一、基本情况 · 联系电话" otherwise.
pub fn finding_place(form: &Form, finding: &Finding) -> String {
    place(form, &finding.section, &finding.field)
}

/// Where a field is, for people (`(三) 应用效果`, `一、基本情况 · 联系电话`); safe for a terminal.
pub fn place(form: &Form, section: &str, field: &str) -> String {
    let section = form
        .sections
        .iter()
        .find(|s| s.id == section)
        .map_or(section, |s| s.title.as_str());
    let label = form.field(field).map_or(field, |f| f.label.as_str());
    if section.contains(label) {
        for_terminal(section)
    } else {
        for_terminal(&format!("{section} · {label}"))
    }
}

/// What is wrong, e.g. `523/500 字, 超出 23 字`.
pub fn problem(lang: Lang, form: &Form, finding: &Finding) -> String {
    use Problem as P;
    let zh = lang == Lang::Zh;
    let column = |id: &str| {
        form.field(&finding.field)
            .and_then(|f| match &f.kind {
                crate::form::Kind::Table { columns, .. } => {
                    columns.iter().find(|c| c.id == id).map(|c| c.label.clone())
                }
                _ => None,
            })
            .unwrap_or_else(|| id.to_string())
    };
    match &finding.problem {
        P::Required => lang
            .pick("必填，尚未填写", "required, not filled in")
            .into(),
        P::OverLimit { count, limit, mode } => {
            let u = unit(lang, *mode);
            if zh {
                format!("{count}/{limit} {u}, 超出 {} {u}", count - limit)
            } else {
                format!("{count}/{limit} {u}, {} over", count - limit)
            }
        }
        P::InvalidEmail => lang
            .pick(
                "电子邮箱格式不对，应如 zhangsan@example.cn",
                "not a valid email address; expected e.g. zhangsan@example.cn",
            )
            .into(),
        P::InvalidPhone => lang
            .pick(
                "联系电话格式不对，应为手机号（如 138-0000-0000）或带区号的座机（如 010-68205250）",
                "not a valid phone number; expected a mobile (e.g. 138-0000-0000) or a landline with area code (e.g. 010-68205250)",
            )
            .into(),
        P::InvalidDate => lang
            .pick(
                "日期无效（如 2022-08-15）",
                "not a valid date (e.g. 2022-08-15)",
            )
            .into(),
        P::Pattern { message } => for_terminal(message),
        P::OtherEmpty => lang
            .pick(
                "选了“其他”但没有注明",
                "\"other\" is picked but not specified",
            )
            .into(),
        P::UnknownOption { option } => {
            if zh {
                format!("选项 {} 不在表单的选项中", q(option))
            } else {
                format!("option {} is not offered by the form", q(option))
            }
        }
        P::TooFewItems { min, got } => {
            if zh {
                format!("至少 {min} 项，现有 {got} 项")
            } else {
                format!("at least {min} needed, {got} given")
            }
        }
        P::TooManyItems { max, got } => {
            if zh {
                format!("最多 {max} 项，现有 {got} 项")
            } else {
                format!("at most {max} allowed, {got} given")
            }
        }
        P::TooFewRows { min, got } => {
            if zh {
                format!("至少 {min} 行，现有 {got} 行")
            } else {
                format!("at least {min} rows needed, {got} given")
            }
        }
        P::TooManyRows { max, got } => {
            if zh {
                format!("最多 {max} 行，现有 {got} 行")
            } else {
                format!("at most {max} rows allowed, {got} given")
            }
        }
        P::CellRequired { row, column: c } => {
            if zh {
                format!("第 {row} 行“{}”未填写", for_terminal(&column(c)))
            } else {
                format!("row {row}: '{}' is empty", for_terminal(&column(c)))
            }
        }
        P::CellInvalid { row, column: c } => {
            let kind = form.field(&finding.field).and_then(|f| match &f.kind {
                crate::form::Kind::Table { columns, .. } => {
                    columns.iter().find(|col| col.id == *c).map(|col| &col.kind)
                }
                _ => None,
            });
            let expected = cell_expected(lang, kind);
            if zh {
                format!(
                    "第 {row} 行“{}”的内容无效{expected}",
                    for_terminal(&column(c))
                )
            } else {
                format!(
                    "row {row}: '{}' is not valid{expected}",
                    for_terminal(&column(c))
                )
            }
        }
        P::RowRule {
            column: c,
            need,
            got,
            message,
        } => {
            let base = if zh {
                format!(
                    "“{}”为是的行至少 {need} 个，现有 {got} 个",
                    for_terminal(&column(c))
                )
            } else {
                format!(
                    "at least {need} rows need '{}', {got} have it",
                    for_terminal(&column(c))
                )
            };
            match message {
                Some(m) => format!("{base}（{}）", for_terminal(m)),
                None => base,
            }
        }
        P::BadExtension { path, allowed } => {
            if zh {
                format!("文件 {} 的类型不被接受（可用：{}）", q(path), list(allowed))
            } else {
                format!(
                    "file {} has a type not accepted ({})",
                    q(path),
                    list(allowed)
                )
            }
        }
        P::CaptionMissing { path } => {
            if zh {
                format!("文件 {} 缺少图题/说明", q(path))
            } else {
                format!("file {} has no caption", q(path))
            }
        }
        P::WrongShape => lang
            .pick(
                "保存的答案与字段类型不符",
                "the stored answer does not fit the field's kind",
            )
            .into(),
        P::HiddenCharacters {
            control,
            bidi,
            invisible,
        } => {
            let n = control + bidi + invisible;
            if zh {
                format!(
                    "含 {n} 个不可见或控制字符（控制 {control}、双向 {bidi}、不可见 {invisible}），打印件中无法显示；请删除，或用 --force 导出时去掉"
                )
            } else {
                format!(
                    "holds {n} hidden characters (control {control}, bidi {bidi}, invisible {invisible}) that a printed page cannot show; remove them, or export with --force to drop them"
                )
            }
        }
        P::AttachmentMissing { path } => {
            if zh {
                format!("文件 {} 不存在", q(path))
            } else {
                format!("file {} does not exist", q(path))
            }
        }
        P::AttachmentNotRegular { path } => {
            if zh {
                format!("{} 不是普通文件", q(path))
            } else {
                format!("{} is not a regular file", q(path))
            }
        }
        P::AttachmentTooLarge { path, size, limit } => {
            if zh {
                format!("文件 {} 过大（{size} 字节，上限 {limit} 字节）", q(path))
            } else {
                format!(
                    "file {} is too large ({size} bytes, limit {limit})",
                    q(path)
                )
            }
        }
        P::AttachmentUnreadable { path, error } => {
            if zh {
                format!("文件 {} 无法读取（{}）", q(path), for_terminal(error))
            } else {
                format!("cannot read file {} ({})", q(path), for_terminal(error))
            }
        }
        P::AttachmentChanged { path } => {
            if zh {
                format!(
                    "文件 {} 与提交文件记录的不一致（大小或 sha256 不同），导出后被改动或替换过",
                    q(path)
                )
            } else {
                format!(
                    "file {} is not the one the submission recorded (size or sha256 differ): changed or replaced since the export",
                    q(path)
                )
            }
        }
    }
}

/// What a table cell of this kind should hold, for the message of an invalid cell.
fn cell_expected(lang: Lang, kind: Option<&crate::form::ColumnKind>) -> String {
    use crate::form::ColumnKind as C;
    let zh = lang == Lang::Zh;
    match kind {
        Some(C::Date) if zh => "：应为日期，如 2022-08-15".into(),
        Some(C::Date) => ": a date is expected, e.g. 2022-08-15".into(),
        Some(C::Number) if zh => "：应为数字，如 12 或 3.5".into(),
        Some(C::Number) => ": a number is expected, e.g. 12 or 3.5".into(),
        Some(C::Choice { options, .. }) if zh => format!(
            "：可选 {}（空格键依次切换）",
            for_terminal(&options.join("、"))
        ),
        Some(C::Choice { options, .. }) => format!(
            ": one of {} (Space cycles through them)",
            for_terminal(&options.join(", "))
        ),
        Some(C::Text { limit: Some(l) }) if zh => format!("：超过 {l} 字"),
        Some(C::Text { limit: Some(l) }) => format!(": over {l}"),
        Some(C::Bool) if zh => "：应为是或否".into(),
        Some(C::Bool) => ": yes or no is expected".into(),
        _ => String::new(),
    }
}

/// One finding on one line: `(三) 应用效果: 523/500 字, 超出 23 字`.
pub fn finding_line(lang: Lang, form: &Form, finding: &Finding) -> String {
    format!(
        "{}: {}",
        finding_place(form, finding),
        problem(lang, form, finding)
    )
}

/// Every finding on its own line, in the order given.
pub fn finding_lines(lang: Lang, form: &Form, findings: &[Finding]) -> Vec<String> {
    findings
        .iter()
        .map(|f| finding_line(lang, form, f))
        .collect()
}

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

impl Exceeded {
    /// One line in the interface language (the place is sanitised).
    pub fn describe(&self, lang: Lang) -> String {
        exceeded(lang, self)
    }

    /// The line in English, for an error that keeps its message as text.
    pub fn english(&self) -> String {
        exceeded(Lang::En, self)
    }
}

/// A limit passed: `字段 intro 的填写内容长度（字符）为 250000，超过上限 200000`.
fn exceeded(lang: Lang, e: &Exceeded) -> String {
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
                RegexKind::UnicodeClass => lang
                    .pick(
                        "不支持 Unicode 属性类 \\p{…}，请改用字符范围，例如汉字写作 [\\u4e00-\\u9fff]",
                        "Unicode property classes \\p{…} are not supported; use a range instead, e.g. [\\u4e00-\\u9fff] for Chinese characters",
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
