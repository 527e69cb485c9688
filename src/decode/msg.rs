//! The words of a file that is not UTF-8.

use super::NotUtf8;
use crate::lang::Lang;

impl NotUtf8 {
    /// `第 L 行第 C 列（第 N 字节）：不是 UTF-8 文本`, in the interface language.
    pub fn describe(&self, lang: Lang) -> String {
        let NotUtf8 { offset, line, col } = *self;
        match lang {
            Lang::Zh => format!("第 {line} 行第 {col} 列（第 {offset} 字节）：不是 UTF-8 文本"),
            Lang::En => format!("{line}:{col}: not UTF-8 text (byte {offset})"),
        }
    }

    /// The line in English, for an error that keeps its message as text.
    pub fn english(&self) -> String {
        self.describe(Lang::En)
    }
}
