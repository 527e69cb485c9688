//! The interface language and the few words every module shares: [`Lang`], [`Lang::pick`],
//! quoting a value from a file, and the names of counting units and modes. A leaf: it knows
//! nothing of forms, drafts or terminals; each module's own words live in its `msg.rs`.

use crate::count::Mode;
use crate::sanitize::for_terminal;

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

    /// The Chinese or the English of a fixed message; both stay side by side at the call.
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
pub fn q(s: &str) -> String {
    format!("'{}'", for_terminal(s))
}

/// Items of a message joined for reading: `a, b, c`.
pub fn list(items: &[String]) -> String {
    items.join(", ")
}
