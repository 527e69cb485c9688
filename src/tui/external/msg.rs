//! Words for editing a field in an external editor.

use std::path::Path;

use super::Failure;
use crate::lang::Lang;
use crate::sanitize::for_terminal;

/// `已从编辑器更新：+120 字` (or `-3 字`, or "unchanged").
pub fn updated(lang: Lang, delta: i64, unit: &str, changes: &[String]) -> String {
    let mut s = match (lang, delta) {
        (Lang::Zh, 0) => "已从编辑器返回：字数未变".to_string(),
        (Lang::Zh, d) => format!("已从编辑器更新：{d:+} {unit}"),
        (Lang::En, 0) => "back from the editor: same length".to_string(),
        (Lang::En, d) => format!("updated from the editor: {d:+} {unit}"),
    };
    if !changes.is_empty() {
        s.push_str(lang.pick("；已", "; "));
        s.push_str(&changes.join(lang.pick("、", ", ")));
    }
    s
}

pub fn unchanged(lang: Lang) -> &'static str {
    lang.pick(
        "已从编辑器返回：内容未变",
        "back from the editor: nothing changed",
    )
}

pub fn only_long_text(lang: Lang) -> &'static str {
    lang.pick(
        "外部编辑器只用于长文本项（如场景简介）",
        "the external editor is for long-text fields (such as 场景简介)",
    )
}

/// Why the editor's text was not used; names the kept file.
pub fn failed(lang: Lang, failure: &Failure, kept: Option<&Path>) -> String {
    let zh = lang == Lang::Zh;
    let why = match failure {
        Failure::TempFile { error } => {
            if zh {
                format!("无法创建临时文件（{}）", for_terminal(error))
            } else {
                format!("cannot create the temp file ({})", for_terminal(error))
            }
        }
        Failure::Spawn { editor, error } => {
            if zh {
                format!(
                    "无法启动编辑器 {}（{}）",
                    for_terminal(editor),
                    for_terminal(error)
                )
            } else {
                format!(
                    "cannot start the editor {} ({})",
                    for_terminal(editor),
                    for_terminal(error)
                )
            }
        }
        Failure::Exit { editor, code } => {
            if zh {
                format!("编辑器 {} 异常退出（代码 {code}）", for_terminal(editor))
            } else {
                format!(
                    "the editor {} failed (exit code {code})",
                    for_terminal(editor)
                )
            }
        }
        Failure::Signal { editor, signal } => {
            if zh {
                format!("编辑器 {} 被信号 {signal} 终止", for_terminal(editor))
            } else {
                format!(
                    "the editor {} was killed by signal {signal}",
                    for_terminal(editor)
                )
            }
        }
        Failure::Unreadable { error } => {
            if zh {
                format!("读不回编辑后的文件（{}）", for_terminal(error))
            } else {
                format!("cannot read the edited file back ({})", for_terminal(error))
            }
        }
        Failure::TooLong { chars, cap } => {
            if zh {
                format!("编辑后的文本过长（{chars} 个字符，上限 {cap}）")
            } else {
                format!("the edited text is too long ({chars} characters, limit {cap})")
            }
        }
        Failure::FieldGone => lang
            .pick("原来的项已不是长文本", "the field is no longer a long text")
            .to_string(),
        Failure::NotUtf8 => lang
            .pick(
                "编辑后的文件不是 UTF-8 编码（可能被存成了 GBK）",
                "the edited file is no longer UTF-8 (saved as GBK?)",
            )
            .to_string(),
    };
    let kept = kept.map(|p| for_terminal(&p.display().to_string()));
    // The kept file first: a narrow status line cuts the end of a message.
    match (zh, kept) {
        (true, Some(k)) => format!("本项未改动，编辑的内容保存在 {k}：{why}"),
        (true, None) => format!("本项未改动：{why}"),
        (false, Some(k)) => format!("field unchanged; the edited text is kept in {k}: {why}"),
        (false, None) => format!("field unchanged: {why}"),
    }
}
