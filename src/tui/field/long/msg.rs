//! Words of the long-text editor (Chinese first, English on request).

use crate::lang::Lang;

/// A deletion by one key that took more than a few words.
pub fn deleted(lang: Lang, n: usize) -> String {
    match lang {
        Lang::Zh => format!("删除了 {n} 字，Ctrl-U 撤销"),
        Lang::En => format!("deleted {n} characters, Ctrl-U undoes"),
    }
}

/// Appended to the paste message when the pasted text holds hidden characters.
pub fn pasted_hidden(lang: Lang, n: usize) -> String {
    match lang {
        Lang::Zh => format!("；含 {n} 个不可见字符（显示为 ·，Alt-H 删除）"),
        Lang::En => format!("; {n} invisible characters (shown as ·, Alt-H removes them)"),
    }
}

/// After the remove-hidden-characters key.
pub fn stripped(lang: Lang, n: usize) -> String {
    match (lang, n) {
        (Lang::Zh, 0) => "本项没有不可见字符".to_string(),
        (Lang::Zh, n) => format!("已删除 {n} 个不可见字符，Ctrl-U 撤销"),
        (Lang::En, 0) => "no invisible characters in this field".to_string(),
        (Lang::En, n) => format!("removed {n} invisible characters, Ctrl-U undoes"),
    }
}

/// A phone, date or email field typed in full width was turned into half width on leaving.
pub fn half_width(lang: Lang, label: &str, now: &str) -> String {
    let (label, now) = (
        crate::sanitize::for_terminal(label),
        crate::sanitize::for_terminal(now),
    );
    match lang {
        Lang::Zh => format!("「{label}」的全角字符已改为半角：{now}"),
        Lang::En => format!("{label}: full-width characters changed to half width: {now}"),
    }
}
