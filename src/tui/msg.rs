//! Words of the terminal layer: what start-up found out about the terminal, and the event
//! loop's own words (the driver's questions and exit lines). Other editor strings are still in
//! `crate::i18n::tui` until they move here.

use super::backend::Ambiguous;
use crate::i18n::Lang;

/// Said once on the status line when the terminal draws ambiguous characters two cells wide:
/// which mode is on and how to change it.
pub fn ambiguous_wide(lang: Lang, detected: bool) -> String {
    match (lang, detected) {
        (Lang::Zh, true) => {
            "检测到终端把“”—…等歧义宽度字符画成两格：已按两格排版，边框改用 ASCII；\
                             可在终端设置里改为窄（单格），或用 --ambiguous narrow"
                .into()
        }
        (Lang::Zh, false) => "按 --ambiguous wide 排版：歧义宽度字符占两格，边框改用 ASCII".into(),
        (_, true) => "This terminal draws ambiguous-width characters (“ ” — …) two cells wide: \
                      laid out for that, ASCII borders; set it to narrow in the terminal, or \
                      use --ambiguous narrow"
            .into(),
        (_, false) => {
            "Laid out for --ambiguous wide: ambiguous characters take two cells, ASCII borders"
                .into()
        }
    }
}

/// The start-up note for a mode, if it needs one (narrow is the normal case: nothing to say).
pub fn startup_note(lang: Lang, amb: Ambiguous, detected: bool) -> Option<String> {
    (amb == Ambiguous::Wide).then(|| ambiguous_wide(lang, detected))
}

/// `--ambiguous` got something else.
pub fn bad_ambiguous(lang: Lang, value: &str) -> String {
    let v = crate::sanitize::for_terminal(value);
    match lang {
        Lang::Zh => format!("--ambiguous 的值 '{v}' 无效：请用 auto、narrow 或 wide"),
        _ => format!("--ambiguous: unknown value '{v}' (use auto, narrow or wide)"),
    }
}

/// Ctrl-Z refused: stopping would lose the text, since nothing could bring the process back
/// (`ssh -t host tianbiao`, `xterm -e tianbiao`). Short enough for the status line at 80 columns.
pub fn suspend_refused(lang: Lang) -> &'static str {
    lang.pick(
        "无法挂起：没有作业控制，挂起后无法用 fg 返回；Ctrl-Q 保存并退出",
        "can't suspend without job control (no fg); Ctrl-Q saves and quits",
    )
}

/// The question when quitting and no save location works.
pub fn unsaved_title(lang: Lang) -> &'static str {
    lang.pick("无法保存", "Cannot save")
}

pub fn unsaved_body(lang: Lang, why: &str) -> String {
    match lang {
        Lang::Zh => format!(
            "草稿和紧急副本都无法写入任何位置（{why}）。退出后未保存的文字会丢失，除非把它打印到终端再复制下来。"
        ),
        Lang::En => format!(
            "Neither the draft nor an emergency copy could be written anywhere ({why}). Unsaved text is lost on quitting unless you print it to the terminal and copy it."
        ),
    }
}

pub fn unsaved_options(lang: Lang) -> Vec<String> {
    match lang {
        Lang::Zh => vec![
            "退出并把未保存的文字打印到终端".into(),
            "退出，不打印（文字丢失）".into(),
            "返回编辑".into(),
        ],
        Lang::En => vec![
            "Quit and print the unsaved text to the terminal".into(),
            "Quit without printing (the text is lost)".into(),
            "Back to editing".into(),
        ],
    }
}

/// The line above the printed text (the draft file's format, which can be saved as a `.ron` file
/// and opened with `tianbiao fill --draft FILE`).
pub fn unsaved_printed(lang: Lang) -> &'static str {
    lang.pick(
        "未能保存的文字如下（草稿文件格式，可存为 .ron 文件后用 tianbiao fill --draft 打开）：",
        "the unsaved text follows (draft file format: save it as a .ron file and open it with tianbiao fill --draft):",
    )
}

pub fn unsaved_lost(lang: Lang) -> &'static str {
    lang.pick(
        "已退出，未保存的文字没有写入任何地方",
        "quit; the unsaved text was not written anywhere",
    )
}
