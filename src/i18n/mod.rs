//! Every user-facing string of the command line and of shared messages, in Chinese (default) and
//! English. Pure. The TUI's own strings live in `tui::strings`, which follows the same pattern.

pub mod tui;

use crate::count::Mode;
use crate::form::load::Expect;
use crate::form::{ErrorKind, Finding, Form, Problem};
use crate::sanitize::for_terminal;

pub mod drafts;
pub mod export;
pub mod review;

/// The language of the interface.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    Zh,
    En,
}

impl Lang {
    /// `--lang` wins; otherwise an English locale (`LC_ALL`, `LC_MESSAGES`, `LANG`, first one set)
    /// gives English; everything else, including no locale, gives Chinese.
    pub fn detect(flag: Option<&str>, env: impl Fn(&str) -> Option<String>) -> Lang {
        if let Some(f) = flag {
            return Lang::parse(f).unwrap_or_default();
        }
        for var in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            if let Some(v) = env(var).filter(|v| !v.is_empty()) {
                return if v.starts_with("en") {
                    Lang::En
                } else {
                    Lang::Zh
                };
            }
        }
        Lang::Zh
    }

    pub fn parse(s: &str) -> Option<Lang> {
        match s.to_ascii_lowercase().as_str() {
            "zh" | "zh-cn" | "zh_cn" | "cn" | "chinese" => Some(Lang::Zh),
            "en" | "en-us" | "en_us" | "english" => Some(Lang::En),
            _ => None,
        }
    }

    pub fn pick(self, zh: &'static str, en: &'static str) -> &'static str {
        match self {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }
}

/// The unit shown after a count: 字 / 字符 in Chinese, "zi" / "chars" in English.
pub fn unit(lang: Lang, mode: Mode) -> &'static str {
    match (lang, mode) {
        (Lang::Zh, Mode::Zishu) => "字",
        (Lang::Zh, _) => "字符",
        (Lang::En, Mode::Zishu) => "zi",
        (Lang::En, _) => "chars",
    }
}

/// Name of a counting mode as Word shows it.
pub fn mode_name(lang: Lang, mode: Mode) -> &'static str {
    match mode {
        Mode::Zishu => lang.pick("字数", "zishu (Word words)"),
        Mode::Chars => lang.pick("字符数(不计空格)", "characters (no spaces)"),
        Mode::CharsWithSpaces => lang.pick("字符数(计空格)", "characters (with spaces)"),
    }
}

/// A value from a file in quotes, made safe for a terminal.
pub(crate) fn q(s: &str) -> String {
    format!("'{}'", for_terminal(s))
}

/// Whether a note is about an exported draft or a checked received file.
#[derive(Clone, Copy)]
pub(crate) enum VersionNote {
    Exported,
    Checked,
}

/// The note when a draft or file was made from another version of its form.
pub(crate) fn form_version_note(
    lang: Lang,
    draft: &crate::draft::Draft,
    form: &Form,
    hash: &str,
    which: VersionNote,
) -> String {
    let short = |h: &str| for_terminal(h.get(..15).unwrap_or(h));
    let (id, old_v, old_h, new_v, new_h) = (
        q(&form.id),
        for_terminal(&draft.form_version),
        short(&draft.form_hash),
        for_terminal(&form.version),
        short(hash),
    );
    match (lang, which) {
        (Lang::Zh, VersionNote::Exported) => format!(
            "草稿基于表单 {id} 版本 {old_v}（{old_h}），与当前表单版本 {new_v}（{new_h}）不同；已按当前表单导出"
        ),
        (Lang::Zh, VersionNote::Checked) => format!(
            "该文件基于表单 {id} 版本 {old_v}（{old_h}），与当前表单版本 {new_v}（{new_h}）不同；已按当前表单检查"
        ),
        (Lang::En, VersionNote::Exported) => format!(
            "the draft was made from form {id} version {old_v} ({old_h}), not the current version {new_v} ({new_h}); exported with the current form"
        ),
        (Lang::En, VersionNote::Checked) => format!(
            "the file was made from form {id} version {old_v} ({old_h}), not the current version {new_v} ({new_h}); checked with the current form"
        ),
    }
}

fn list(items: &[String]) -> String {
    items.join(", ")
}

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

fn place(lang: Lang, p: &str) -> String {
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
        K::NotUtf8 { offset } => crate::form::msg::not_utf8(lang, *offset),
        K::EmptyFile => crate::form::msg::empty_file(lang),
        K::Unclosed { open, line, col } => crate::form::msg::unclosed(lang, *open, *line, *col),
        K::UnknownKey {
            key,
            place: p,
            expected,
        } => {
            if zh {
                format!(
                    "未知的键 {}{}；可用的键：{}",
                    q(key),
                    place(lang, p),
                    list(expected)
                )
            } else {
                format!(
                    "unknown key {}{}; expected one of: {}",
                    q(key),
                    place(lang, p),
                    list(expected)
                )
            }
        }
        K::MissingKey { key, place: p } => {
            if zh {
                format!("缺少必填的键 {}{}", q(key), place(lang, p))
            } else {
                format!("missing key {}{}", q(key), place(lang, p))
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
                    place(lang, p),
                    list(expected)
                )
            } else {
                format!(
                    "unknown value {}{}; expected one of: {}",
                    q(found),
                    place(lang, p),
                    list(expected)
                )
            }
        }
        K::DuplicateKey { key, place: p } => {
            if zh {
                format!("键 {} 写了两次{}", q(key), place(lang, p))
            } else {
                format!("key {} is written twice{}", q(key), place(lang, p))
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
            let why = crate::form::msg::regex_problem(lang, problem);
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
        K::ConditionCycle { fields } => crate::form::msg::condition_cycle(lang, fields),
        K::Limit(e) => e.describe(lang),
    }
}

/// Where a finding is, for people: the section title, and the field label when it adds to it.
/// "(三) 应用效果" for the main text of that section, "一、基本情况 · 联系电话" otherwise.
pub fn finding_place(form: &Form, finding: &Finding) -> String {
    let section = form
        .sections
        .iter()
        .find(|s| s.id == finding.section)
        .map_or(finding.section.as_str(), |s| s.title.as_str());
    let label = form
        .field(&finding.field)
        .map_or(finding.field.as_str(), |f| f.label.as_str());
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
            if zh {
                format!("第 {row} 行“{}”的内容无效", for_terminal(&column(c)))
            } else {
                format!("row {row}: '{}' is not valid", for_terminal(&column(c)))
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
