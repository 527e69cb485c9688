//! Words of importing a file from the editor: the prompt, the replace question, and what the
//! import did or why it did not.

use crate::fsio::ReadError;
use crate::lang::Lang;
use crate::sanitize::for_terminal;
use crate::textfile::{ImportError, Imported};

/// The prompt's title: ` 导入文本文件到「场景简介」 `.
pub fn title(lang: Lang, label: &str) -> String {
    match lang {
        Lang::Zh => format!(" 导入文本文件到「{}」 ", for_terminal(label)),
        Lang::En => format!(" Import a text file into 「{}」 ", for_terminal(label)),
    }
}

/// The line above the path: where a relative path starts.
pub fn relative_to(lang: Lang, dir: &str) -> String {
    match (lang, dir.is_empty()) {
        (Lang::Zh, true) => "文件路径（相对于启动 tianbiao 的目录）：".into(),
        (Lang::Zh, false) => format!("文件路径（相对于 {}）：", for_terminal(dir)),
        (Lang::En, true) => "File path (relative to where tianbiao was started):".into(),
        (Lang::En, false) => format!("File path (relative to {}):", for_terminal(dir)),
    }
}

/// The last line of the candidate list when not all of them fit.
pub fn more(lang: Lang, n: usize) -> String {
    match lang {
        Lang::Zh => format!("……还有 {n} 个"),
        Lang::En => format!("… {n} more"),
    }
}

pub fn only_long_text(lang: Lang) -> &'static str {
    lang.pick(
        "导入文件只用于长文本项（如场景简介）",
        "importing a file is for long-text fields (such as 场景简介)",
    )
}

pub fn no_path(lang: Lang) -> &'static str {
    lang.pick(
        "请输入要导入的文件路径（Tab 补全）",
        "type the path of the file to import (Tab completes)",
    )
}

/// No name in the directory starts with what was typed.
pub fn no_match(lang: Lang, typed: &str) -> String {
    match lang {
        Lang::Zh => format!("没有以“{}”开头的文件", for_terminal(typed)),
        Lang::En => format!("no file starts with '{}'", for_terminal(typed)),
    }
}

/// Several candidates: the second Tab lists them.
pub fn candidates(lang: Lang, n: usize) -> String {
    match lang {
        Lang::Zh => format!("有 {n} 个候选，再按 Tab 列出"),
        Lang::En => format!("{n} candidates; Tab again lists them"),
    }
}

pub fn no_dir(lang: Lang, dir: &str, error: &std::io::Error) -> String {
    let dir = if dir.is_empty() { "." } else { dir };
    match (lang, error.kind()) {
        (Lang::Zh, std::io::ErrorKind::NotFound) => {
            format!("目录 {} 不存在", for_terminal(dir))
        }
        (Lang::Zh, _) => format!("无法列出目录 {}（{error}）", for_terminal(dir)),
        (Lang::En, std::io::ErrorKind::NotFound) => {
            format!("no directory {}", for_terminal(dir))
        }
        (Lang::En, _) => format!("cannot list {} ({error})", for_terminal(dir)),
    }
}

/// The file could not be read: `未导入 简介.txt：文件不存在`.
pub fn unreadable(lang: Lang, path: &str, e: &ReadError) -> String {
    match lang {
        Lang::Zh => format!("未导入 {}：{}", for_terminal(path), e.describe(lang)),
        Lang::En => format!("not imported: {}: {}", for_terminal(path), e.describe(lang)),
    }
}

/// The file was read but refused (binary, garbled, too long).
pub fn refused(lang: Lang, path: &str, e: &ImportError) -> String {
    match lang {
        Lang::Zh => format!("{}：{}", for_terminal(path), e.describe(lang)),
        Lang::En => format!("{}: {}", for_terminal(path), e.describe(lang)),
    }
}

pub fn empty_file(lang: Lang, path: &str) -> String {
    match lang {
        Lang::Zh => format!("{} 里没有文字，未导入", for_terminal(path)),
        Lang::En => format!("{} holds no text; nothing imported", for_terminal(path)),
    }
}

pub fn ask_title(lang: Lang) -> &'static str {
    lang.pick("本项已有内容", "This field has text")
}

/// The question before replacing: what is there, what would come.
pub fn ask_body(
    lang: Lang,
    label: &str,
    have: usize,
    path: &str,
    imported: &Imported,
    comes: usize,
) -> String {
    let label = for_terminal(label);
    let path = for_terminal(path);
    let what = imported.describe(lang);
    match lang {
        Lang::Zh => format!(
            "「{label}」已有 {have} 字。{path}（{what}）有 {comes} 字。替换现有内容，还是追加到末尾？"
        ),
        Lang::En => format!(
            "「{label}」 already has {have} characters. {path} ({what}) has {comes}. Replace \
             what is there, or append to it?"
        ),
    }
}

pub fn ask_options(lang: Lang) -> Vec<String> {
    match lang {
        Lang::Zh => vec![
            "替换现有内容（Ctrl-U 可撤销）".into(),
            "追加到末尾".into(),
            "取消，不导入".into(),
        ],
        Lang::En => vec![
            "Replace what is there (Ctrl-U undoes)".into(),
            "Append at the end".into(),
            "Cancel, import nothing".into(),
        ],
    }
}

pub fn cancelled(lang: Lang) -> &'static str {
    lang.pick(
        "已取消导入，本项未改动",
        "import cancelled; the field is unchanged",
    )
}

pub fn unchanged(lang: Lang, path: &str) -> String {
    match lang {
        Lang::Zh => format!("{} 与本项内容相同，未改动", for_terminal(path)),
        Lang::En => format!(
            "{} is the same as the field; nothing changed",
            for_terminal(path)
        ),
    }
}

/// `已导入 简介.txt（GB18030 编码，已转换；移除 2 个控制字符）：+420 字`.
pub fn imported(lang: Lang, path: &str, imported: &Imported, delta: i64, unit: &str) -> String {
    let path = for_terminal(path);
    let what = imported.describe(lang);
    match lang {
        Lang::Zh => format!("已导入 {path}（{what}）：{delta:+} {unit}，Ctrl-U 撤销"),
        Lang::En => format!("imported {path} ({what}): {delta:+} {unit}; Ctrl-U undoes"),
    }
}
