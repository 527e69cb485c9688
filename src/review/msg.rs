//! The review module's own words (each in Chinese and English).

use super::notes::NotesParseError;
use crate::i18n::Lang;

/// A notes file that does not parse: where, and why.
pub fn notes_parse_error(lang: Lang, e: &NotesParseError) -> String {
    match (e, lang) {
        (NotesParseError::NotUtf8(n), _) => n.describe(lang),
        (NotesParseError::Limit(e), _) => e.describe(lang),
        (NotesParseError::Syntax { line, col, message }, Lang::Zh) => {
            format!("第 {line} 行第 {col} 列：批注文件格式错误（{message}）")
        }
        (NotesParseError::Syntax { line, col, message }, Lang::En) => {
            format!("{line}:{col}: not a notes file ({message})")
        }
    }
}
