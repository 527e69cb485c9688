//! Words of `fill --set`.

use std::path::Path;

use super::SetError;
use crate::form::{Field, Form, Value};
use crate::lang::Lang;
use crate::sanitize::for_terminal;

fn show(p: &Path) -> String {
    for_terminal(&p.display().to_string())
}

/// `场景简介 ← 简介.txt（GB18030 编码，已转换）：386/400 字，还可输入 14 字`.
pub fn applied(
    lang: Lang,
    form: &Form,
    field: &Field,
    value: Option<&Value>,
    from: Option<(&Path, &str)>,
) -> String {
    let state = crate::plain::msg::state(lang, form, field, value);
    let label = for_terminal(&field.label);
    match (from, lang) {
        (Some((p, note)), Lang::Zh) => format!("{label} ← {}（{note}）：{state}", show(p)),
        (Some((p, note)), Lang::En) => format!("{label} ← {} ({note}): {state}", show(p)),
        (None, Lang::Zh) => format!("{label}：{state}"),
        (None, Lang::En) => format!("{label}: {state}"),
    }
}

pub fn saved(lang: Lang, path: &Path) -> String {
    match lang {
        Lang::Zh => format!("草稿已保存：{}", show(path)),
        Lang::En => format!("draft saved: {}", show(path)),
    }
}

pub fn conflict(lang: Lang, copy: &Path) -> String {
    crate::tui::msg::conflict(lang, &copy.display().to_string())
}

impl SetError {
    /// One line saying what went wrong; it always ends with "nothing changed".
    pub fn describe(&self, lang: Lang) -> String {
        let zh = lang == Lang::Zh;
        let unchanged = lang.pick("草稿未改动。", "The draft was not changed.");
        let what = match self {
            SetError::NoDataDir => crate::tui::msg::no_data_dir(lang).to_string(),
            SetError::WhichDraft { drafts } => {
                let list: Vec<String> = drafts.iter().map(|p| show(p)).collect();
                if zh {
                    format!(
                        "这个表有 {} 份草稿，请用 --draft 指明写入哪一份：{}",
                        drafts.len(),
                        list.join("、")
                    )
                } else {
                    format!(
                        "this form has {} drafts; say which one with --draft: {}",
                        drafts.len(),
                        list.join(", ")
                    )
                }
            }
            SetError::Open(e) => e.describe(lang),
            SetError::UnknownField { key } => {
                if zh {
                    format!(
                        "表中没有“{}”这一项（可用字段 id 或名称；tianbiao form show 列出各项）",
                        for_terminal(key)
                    )
                } else {
                    format!(
                        "the form has no field '{}' (use a field id or label; \
                         tianbiao form show lists them)",
                        for_terminal(key)
                    )
                }
            }
            SetError::NotAnswerable { label } => {
                if zh {
                    format!("“{}”只是说明，不能填写", for_terminal(label))
                } else {
                    format!("'{}' is a note and takes no answer", for_terminal(label))
                }
            }
            SetError::Unreadable { path, error } => {
                format!("{}: {}", show(path), error.describe(lang))
            }
            SetError::Refused { path, error } => {
                format!("{}: {}", show(path), error.describe(lang))
            }
            SetError::BadAnswer { label, error } => format!(
                "{}{}{}",
                for_terminal(label),
                lang.pick("：", ": "),
                crate::plain::msg::answer_error(lang, error)
            ),
            SetError::AlreadyAnswered { label } => {
                if zh {
                    format!(
                        "“{}”已有内容，未替换：用 --force 替换，或 --append 追加在后面",
                        for_terminal(label)
                    )
                } else {
                    format!(
                        "'{}' already has an answer; not replaced: --force replaces it, \
                         --append adds to it",
                        for_terminal(label)
                    )
                }
            }
            SetError::Save(e) => e.describe(lang),
        };
        format!("{what}{}{unchanged}", lang.pick("；", "; "))
    }
}
