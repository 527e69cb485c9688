//! Words about drafts that are not yet in `crate::i18n::drafts`.

use crate::i18n::Lang;

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
