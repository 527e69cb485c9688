//! Words of the terminal layer: what start-up found out about the terminal.

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
