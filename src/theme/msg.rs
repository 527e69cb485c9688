//! The words of a theme that cannot be used, in Chinese (default) and English.

use super::{ThemeError, ThemeProblem};
use crate::lang::Lang;

impl std::fmt::Display for ThemeProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.describe(Lang::En))
    }
}

impl ThemeProblem {
    pub fn describe(&self, lang: Lang) -> String {
        match self {
            ThemeProblem::Syntax { line, col, kind } => {
                format!("{line}:{col}: {}", crate::form::msg::form_error(lang, kind))
            }
            ThemeProblem::BadColour { key, which, value } => {
                let value = crate::sanitize::for_terminal(value);
                match lang {
                    Lang::Zh => format!(
                        "{key}.{which}：未知的颜色 '{value}'（请用 yellow、light-red 这样的名称、0-255 的数字或 #rrggbb）"
                    ),
                    Lang::En => format!(
                        "{key}.{which}: unknown colour '{value}' (use a name like yellow, light-red, a number 0-255 or #rrggbb)"
                    ),
                }
            }
            ThemeProblem::NotUtf8(e) => e.describe(lang),
            ThemeProblem::Read(e) => e.describe(lang),
            ThemeProblem::NoSuchBuiltin => lang
                .pick(
                    "没有这个内置主题（可用 dark、light、high-contrast、mono）",
                    "no such built-in theme (dark, light, high-contrast, mono)",
                )
                .into(),
        }
    }
}

impl ThemeError {
    /// `FILE: what is wrong`, in the interface language.
    pub fn describe(&self, lang: Lang) -> String {
        let (ThemeError::Invalid { file, message } | ThemeError::Unreadable { file, message }) =
            self;
        let sep = lang.pick("：", ": ");
        format!("{file}{sep}{}", message.describe(lang))
    }
}
