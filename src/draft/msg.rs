//! Words about drafts (each in Chinese and English): why a file does not parse, why a save
//! was refused.

use super::format::{FORMAT, ParseProblem};
use crate::i18n::Lang;

impl ParseProblem {
    /// `缺少逗号 ,`, `不允许 RON 扩展属性`…, without the position (the caller places it).
    pub fn describe(&self, lang: Lang) -> String {
        match self {
            ParseProblem::Syntax(kind) => crate::i18n::form_error(lang, kind),
            ParseProblem::Attributes => lang
                .pick(
                    "草稿中不允许 RON 扩展属性（#![enable(...)]）",
                    "RON extension attributes are not allowed in drafts",
                )
                .into(),
            ParseProblem::Limit(e) => crate::form::msg::exceeded(lang, e),
            ParseProblem::NewerFormat { found } => match lang {
                Lang::Zh => {
                    format!("草稿格式 {found} 比本程序能读的（{FORMAT}）新，请更新 tianbiao")
                }
                Lang::En => format!(
                    "draft format {found} is newer than this tianbiao understands ({FORMAT}); update tianbiao"
                ),
            },
            ParseProblem::NotUtf8 { offset } => match lang {
                Lang::Zh => format!("不是 UTF-8 文本（第 {offset} 字节）"),
                Lang::En => format!("not UTF-8 text (byte {offset})"),
            },
        }
    }
}

/// A saved draft close to the draft file's size cap: saving stops past it.
pub fn near_cap(lang: Lang, size: u64, cap: u64) -> String {
    let mib = |b: u64| b as f64 / (1024.0 * 1024.0);
    let (size, cap) = (mib(size), mib(cap));
    match lang {
        Lang::Zh => format!(
            "草稿已有 {size:.1} MiB，接近草稿文件 {cap:.0} MiB 的上限：超过后无法保存，请删减长文本"
        ),
        Lang::En => format!(
            "the draft is {size:.1} MiB, close to the {cap:.0} MiB limit of a draft file: past it saving stops, shorten long texts"
        ),
    }
}

/// A save refused because the draft would be over the draft file's size cap.
pub fn too_large(lang: Lang, size: u64, cap: u64) -> String {
    match lang {
        Lang::Zh => format!(
            "未能保存：草稿有 {size} 字节，超过草稿文件 {cap} 字节的上限（超过上限的文件无法再打开）；文字仍在内存中，请删减长文本后再保存"
        ),
        Lang::En => format!(
            "not saved: the draft is {size} bytes, over the {cap}-byte limit of a draft file (a larger file could not be opened again); the text is kept in memory, shorten long texts to save"
        ),
    }
}
