//! The one keymap: every binding with its help text. `lookup` turns a key into a command for
//! the current context; the help overlay and the status-line hints are generated from the same
//! table. Pure.
//!
//! Every key works over SSH in a plain xterm-compatible terminal: nothing needs Shift-Enter or
//! the kitty keyboard protocol. Text-editing keys (Emacs and arrows) belong to the textarea and
//! are listed in the help from `EDITING`.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use super::action::Command;
use crate::lang::Lang;

/// Where the focus is, as far as key bindings care.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ctx {
    /// A one-line text, or the words of a choice's 其他.
    Text,
    /// A long-text field.
    Long,
    Choice,
    List,
    Grid,
    Confirm,
    Help,
    Overview,
    ExportMenu,
    /// Writing a reviewer's note.
    Note,
    /// A dialog: a question with numbered options.
    Dialog,
    /// Typing a file's path (importing a file into a field).
    Prompt,
}

impl Ctx {
    /// A field has the focus (not an overlay, a dialog or a note).
    pub fn is_field(self) -> bool {
        matches!(
            self,
            Ctx::Text | Ctx::Long | Ctx::Choice | Ctx::List | Ctx::Grid | Ctx::Confirm
        )
    }
}

/// When a binding applies.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum When {
    /// In the editor, whatever field has focus.
    Editing,
    /// Only in these contexts.
    In(&'static [Ctx]),
    /// Only while the 示例 panel is open.
    Example,
    /// Only in review mode, wherever the focus is.
    Review,
    /// In the dialogs before editing (which draft, a locked or damaged draft) and the questions
    /// asked over the editor.
    Dialog,
}

const NONE: KeyModifiers = KeyModifiers::NONE;
const CTRL: KeyModifiers = KeyModifiers::CONTROL;
const ALT: KeyModifiers = KeyModifiers::ALT;
const SHIFT: KeyModifiers = KeyModifiers::SHIFT;

/// A key binding with its help text (Chinese, English).
pub struct Binding {
    pub keys: &'static [(KeyCode, KeyModifiers)],
    pub command: Command,
    pub when: When,
    pub help: (&'static str, &'static str),
    /// Short text for the status-line hints, for the few bindings shown there. A binding for
    /// some kinds of field only is hinted while a field of the first kind it lists has the
    /// focus (F9 is hinted in a long text; in a one-line text it only explains itself).
    pub hint: Option<(&'static str, &'static str)>,
    /// How the hint writes the keys, when not by the first key's name (`↑↓`).
    pub hint_keys: Option<&'static str>,
}

const ITEMS: &[Ctx] = &[Ctx::List, Ctx::Grid];
const TOGGLES: &[Ctx] = &[Ctx::Choice, Ctx::Confirm];

/// Lists of options: the dialogs, the export menu, the overview, the help page (scrolling).
const MENUS: &[Ctx] = &[Ctx::Dialog, Ctx::ExportMenu, Ctx::Overview, Ctx::Help];

const DIGITS: &[(KeyCode, KeyModifiers)] = &[
    (KeyCode::Char('1'), NONE),
    (KeyCode::Char('2'), NONE),
    (KeyCode::Char('3'), NONE),
    (KeyCode::Char('4'), NONE),
    (KeyCode::Char('5'), NONE),
    (KeyCode::Char('6'), NONE),
    (KeyCode::Char('7'), NONE),
    (KeyCode::Char('8'), NONE),
    (KeyCode::Char('9'), NONE),
];

/// The table. Order matters: the first match wins, and the help lists bindings in this order.
pub const BINDINGS: &[Binding] = &[
    Binding {
        keys: &[(KeyCode::Up, NONE), (KeyCode::Char('k'), NONE)],
        command: Command::OptionUp,
        when: When::In(MENUS),
        help: ("上一个选项", "previous option"),
        hint: Some(("选择", "choose")),
        hint_keys: Some("↑↓"),
    },
    Binding {
        keys: &[
            (KeyCode::Down, NONE),
            (KeyCode::Char('j'), NONE),
            (KeyCode::Tab, NONE),
        ],
        command: Command::OptionDown,
        when: When::In(MENUS),
        help: ("下一个选项", "next option"),
        hint: None,
        hint_keys: None,
    },
    Binding {
        keys: &[(KeyCode::Enter, NONE)],
        command: Command::Pick,
        when: When::In(&[Ctx::Dialog, Ctx::ExportMenu, Ctx::Overview]),
        help: ("选定光标所在的选项", "pick the option under the cursor"),
        hint: Some(("确定", "pick")),
        hint_keys: None,
    },
    Binding {
        keys: DIGITS,
        command: Command::PickNumber,
        when: When::Dialog,
        help: ("选定这个编号的选项", "pick the option with this number"),
        hint: None,
        hint_keys: None,
    },
    Binding {
        keys: &[
            (KeyCode::Esc, NONE),
            (KeyCode::Char('c'), CTRL),
            (KeyCode::Char('q'), CTRL),
        ],
        command: Command::Cancel,
        when: When::Dialog,
        help: ("不选，离开", "leave without picking"),
        hint: Some(("退出", "leave")),
        hint_keys: None,
    },
    Binding {
        keys: &[(KeyCode::PageDown, NONE), (KeyCode::Char(' '), NONE)],
        command: Command::PageDown,
        when: When::In(&[Ctx::Help]),
        help: ("帮助页向下翻", "help: page down"),
        hint: None,
        hint_keys: None,
    },
    Binding {
        keys: &[(KeyCode::PageUp, NONE)],
        command: Command::PageUp,
        when: When::In(&[Ctx::Help]),
        help: ("帮助页向上翻", "help: page up"),
        hint: None,
        hint_keys: None,
    },
    Binding {
        keys: &[(KeyCode::Char('q'), NONE)],
        command: Command::Close,
        when: When::In(&[Ctx::Help]),
        help: ("关闭帮助", "close help"),
        hint: None,
        hint_keys: None,
    },
    Binding {
        keys: &[(KeyCode::Char(']'), NONE), (KeyCode::F(7), NONE)],
        command: Command::NextFile,
        when: When::Review,
        help: ("评审：下一份文件", "review: next file"),
        hint: Some(("下一份", "next file")),
        hint_keys: None,
    },
    Binding {
        keys: &[
            (KeyCode::Char('['), NONE),
            (KeyCode::F(7), SHIFT),
            (KeyCode::F(19), NONE),
        ],
        command: Command::PrevFile,
        when: When::Review,
        help: ("评审：上一份文件", "review: previous file"),
        hint: None,
        hint_keys: None,
    },
    Binding {
        keys: &[(KeyCode::Char('n'), NONE), (KeyCode::F(4), NONE)],
        command: Command::EditNote,
        when: When::Review,
        help: (
            "评审：给当前项写批注（Esc 保存并关闭）",
            "review: note on this field (Esc saves and closes)",
        ),
        hint: Some(("批注", "note")),
        hint_keys: None,
    },
    Binding {
        keys: &[(KeyCode::Char('o'), NONE)],
        command: Command::EditOverallNote,
        when: When::Review,
        help: (
            "评审：写总体意见（对整份文件，Esc 保存并关闭）",
            "review: overall note on the whole file (Esc saves and closes)",
        ),
        hint: None,
        hint_keys: None,
    },
    Binding {
        keys: &[(KeyCode::Tab, NONE)],
        command: Command::Complete,
        when: When::In(&[Ctx::Prompt]),
        help: (
            "补全文件名（再按一次列出候选）",
            "complete the file name (again: list the candidates)",
        ),
        hint: Some(("补全", "complete")),
        hint_keys: None,
    },
    Binding {
        keys: &[(KeyCode::Enter, NONE)],
        command: Command::Pick,
        when: When::In(&[Ctx::Prompt]),
        help: ("导入这个文件", "import this file"),
        hint: Some(("导入", "import")),
        hint_keys: None,
    },
    Binding {
        keys: &[
            (KeyCode::Esc, NONE),
            (KeyCode::Char('c'), CTRL),
            (KeyCode::Char('q'), CTRL),
        ],
        command: Command::Cancel,
        when: When::In(&[Ctx::Prompt]),
        help: ("不导入，关闭", "close without importing"),
        hint: Some(("取消", "cancel")),
        hint_keys: None,
    },
    Binding {
        keys: &[(KeyCode::Tab, NONE)],
        command: Command::NextField,
        when: When::Editing,
        help: ("下一项", "next field"),
        hint: Some(("下一项", "next")),
        hint_keys: None,
    },
    Binding {
        keys: &[(KeyCode::BackTab, SHIFT), (KeyCode::BackTab, NONE)],
        command: Command::PrevField,
        when: When::Editing,
        help: ("上一项", "previous field"),
        hint: None,
        hint_keys: None,
    },
    Binding {
        keys: &[(KeyCode::PageDown, NONE)],
        command: Command::NextSection,
        when: When::Editing,
        help: ("下一节", "next section"),
        hint: Some(("下一节", "section")),
        hint_keys: None,
    },
    Binding {
        keys: &[(KeyCode::PageUp, NONE)],
        command: Command::PrevSection,
        when: When::Editing,
        help: ("上一节", "previous section"),
        hint: None,
        hint_keys: None,
    },
    Binding {
        keys: &[(KeyCode::F(6), NONE)],
        command: Command::NextProblem,
        when: When::Editing,
        help: (
            "跳到下一个问题（超限、必填、格式）",
            "jump to the next problem",
        ),
        hint: None,
        hint_keys: None,
    },
    Binding {
        keys: &[(KeyCode::F(6), SHIFT), (KeyCode::F(18), NONE)],
        command: Command::PrevProblem,
        when: When::Editing,
        help: ("跳到上一个问题", "jump to the previous problem"),
        hint: None,
        hint_keys: None,
    },
    Binding {
        keys: &[(KeyCode::Char('t'), CTRL), (KeyCode::F(2), NONE)],
        command: Command::ToggleExample,
        when: When::Editing,
        help: (
            "显示/隐藏本项的示例（只读）",
            "show/hide the example (read-only)",
        ),
        hint: Some(("示例", "example")),
        hint_keys: None,
    },
    Binding {
        keys: &[(KeyCode::PageDown, ALT)],
        command: Command::ScrollExampleDown,
        when: When::Example,
        help: ("示例向下翻", "scroll the example down"),
        hint: None,
        hint_keys: None,
    },
    Binding {
        keys: &[(KeyCode::PageUp, ALT)],
        command: Command::ScrollExampleUp,
        when: When::Example,
        help: ("示例向上翻", "scroll the example up"),
        hint: None,
        hint_keys: None,
    },
    Binding {
        keys: &[(KeyCode::Char(' '), NONE), (KeyCode::Enter, NONE)],
        command: Command::Toggle,
        when: When::In(TOGGLES),
        help: (
            "勾选/取消（选择项、承诺）",
            "tick/untick (choices, statements)",
        ),
        hint: None,
        hint_keys: None,
    },
    Binding {
        keys: &[(KeyCode::Char('n'), CTRL)],
        command: Command::AddItem,
        when: When::In(ITEMS),
        help: ("添加一项/一行", "add an item/row"),
        hint: None,
        hint_keys: None,
    },
    Binding {
        keys: &[(KeyCode::Enter, NONE)],
        command: Command::ListEnter,
        when: When::In(&[Ctx::List]),
        help: (
            "列表：在下方添加一项；在空的末项上按则离开列表",
            "list: add an item below; on an empty last item, leave the list",
        ),
        hint: None,
        hint_keys: None,
    },
    Binding {
        keys: &[(KeyCode::F(8), NONE)],
        command: Command::RemoveItem,
        when: When::In(ITEMS),
        help: ("删除当前项/行", "delete the item/row"),
        hint: None,
        hint_keys: None,
    },
    Binding {
        keys: &[(KeyCode::Up, ALT), (KeyCode::Char('p'), ALT)],
        command: Command::MoveItemUp,
        when: When::In(ITEMS),
        help: ("当前项上移", "move the item up"),
        hint: None,
        hint_keys: None,
    },
    Binding {
        keys: &[(KeyCode::Down, ALT), (KeyCode::Char('n'), ALT)],
        command: Command::MoveItemDown,
        when: When::In(ITEMS),
        help: ("当前项下移", "move the item down"),
        hint: None,
        hint_keys: None,
    },
    Binding {
        keys: &[(KeyCode::F(9), NONE), (KeyCode::Char('e'), ALT)],
        command: Command::ExternalEditor,
        when: When::In(&[Ctx::Long, Ctx::Text]),
        help: (
            "用自己的编辑器（$VISUAL/$EDITOR）编辑长文本",
            "edit a long text in your own editor ($VISUAL/$EDITOR)",
        ),
        hint: Some(("编辑器", "editor")),
        hint_keys: None,
    },
    Binding {
        keys: &[(KeyCode::Char('i'), ALT)],
        command: Command::ImportFile,
        when: When::In(&[Ctx::Long, Ctx::Text]),
        help: (
            "从文本文件导入长文本（输入路径，Tab 补全）",
            "import a long text from a text file (type the path, Tab completes)",
        ),
        hint: Some(("导入", "import")),
        hint_keys: None,
    },
    Binding {
        keys: &[(KeyCode::Char('h'), ALT)],
        command: Command::StripHidden,
        when: When::In(&[Ctx::Text, Ctx::Long]),
        help: (
            "删除本项的不可见字符（显示为 ·）",
            "remove invisible characters (shown as ·)",
        ),
        hint: None,
        hint_keys: None,
    },
    Binding {
        keys: &[(KeyCode::Char('s'), CTRL)],
        command: Command::Save,
        when: When::Editing,
        help: (
            "立即保存（平时自动保存）",
            "save now (autosave runs anyway)",
        ),
        hint: None,
        hint_keys: None,
    },
    Binding {
        keys: &[(KeyCode::Char('o'), CTRL), (KeyCode::F(5), NONE)],
        command: Command::Export,
        when: When::Editing,
        help: ("导出（JSON、Word 等）", "export (JSON, Word…)"),
        hint: None,
        hint_keys: None,
    },
    Binding {
        keys: &[(KeyCode::F(3), NONE)],
        command: Command::ToggleOverview,
        when: When::In(&[
            Ctx::Text,
            Ctx::Long,
            Ctx::Choice,
            Ctx::List,
            Ctx::Grid,
            Ctx::Confirm,
            Ctx::Overview,
        ]),
        help: ("总览（窄屏时）", "overview (narrow screens)"),
        hint: None,
        hint_keys: None,
    },
    Binding {
        keys: &[(KeyCode::F(1), NONE), (KeyCode::Char('g'), CTRL)],
        command: Command::Help,
        when: When::In(&[
            Ctx::Text,
            Ctx::Long,
            Ctx::Choice,
            Ctx::List,
            Ctx::Grid,
            Ctx::Confirm,
            Ctx::Overview,
            Ctx::Help,
        ]),
        help: ("帮助（本页）", "help (this page)"),
        hint: Some(("帮助", "help")),
        hint_keys: None,
    },
    Binding {
        keys: &[(KeyCode::Char('?'), NONE)],
        command: Command::Help,
        when: When::In(&[Ctx::Choice, Ctx::Confirm, Ctx::Overview]),
        help: ("帮助（不在输入文字时）", "help (when not typing text)"),
        hint: None,
        hint_keys: None,
    },
    Binding {
        keys: &[(KeyCode::Esc, NONE)],
        command: Command::Close,
        when: When::In(&[
            Ctx::Text,
            Ctx::Long,
            Ctx::Choice,
            Ctx::List,
            Ctx::Grid,
            Ctx::Confirm,
            Ctx::Help,
            Ctx::Overview,
            Ctx::ExportMenu,
            Ctx::Note,
        ]),
        help: (
            "关闭帮助、总览、示例、菜单或批注",
            "close help, overview, example, menu or note",
        ),
        hint: None,
        hint_keys: None,
    },
    Binding {
        keys: &[(KeyCode::Char('l'), CTRL)],
        command: Command::Redraw,
        when: When::Editing,
        help: ("重画屏幕", "redraw the screen"),
        hint: None,
        hint_keys: None,
    },
    Binding {
        keys: &[(KeyCode::Char('z'), CTRL)],
        command: Command::Suspend,
        when: When::Editing,
        help: ("挂起到后台（fg 返回）", "suspend (fg to return)"),
        hint: None,
        hint_keys: None,
    },
    Binding {
        keys: &[(KeyCode::Char('q'), CTRL), (KeyCode::Char('c'), CTRL)],
        command: Command::Quit,
        when: When::In(&[
            Ctx::Text,
            Ctx::Long,
            Ctx::Choice,
            Ctx::List,
            Ctx::Grid,
            Ctx::Confirm,
            Ctx::Help,
            Ctx::Overview,
            Ctx::ExportMenu,
            Ctx::Note,
        ]),
        help: ("保存并退出", "save and quit"),
        hint: Some(("退出", "quit")),
        hint_keys: None,
    },
];

/// Moving among the options of a choice, which its field module handles, for the help page.
pub const CHOICE_MOVES: &[(&str, &str, &str)] = &[(
    "↑↓←→ Home End",
    "选项中：↑↓ 到上一行/下一行的选项，←→ 前一个/后一个，Home/End 第一个/最后一个",
    "in options: ↑↓ the option in the row above/below, ←→ previous/next, Home/End first/last",
)];

/// The first `EDITING_MOVES` lines of [`EDITING`] only move the caret (they work read-only too);
/// the rest change the text.
pub const EDITING_MOVES: usize = 4;

/// Text-editing keys handled by the textarea, for the help page: the moves first.
pub const EDITING: &[(&str, &str, &str)] = &[
    (
        "←→↑↓ Home End",
        "移动光标（↑↓ 按屏幕行）",
        "move the cursor (↑↓ by screen row)",
    ),
    (
        "Ctrl-Home / Ctrl-End",
        "到全文开头 / 结尾",
        "start / end of the text",
    ),
    ("Ctrl-B/F/P/N/A/E", "Emacs 式移动", "Emacs-style moves"),
    (
        "Alt-B/F",
        "按词移动（在标点、中英文数字交界处停）",
        "move by word (stops at punctuation and script changes)",
    ),
    ("Shift-方向键", "选择文字", "select text (Shift-arrows)"),
    ("Enter", "长文本中换行", "new line in long text"),
    ("Backspace Del Ctrl-H/D", "删除字符", "delete a character"),
    (
        "Ctrl-K / Ctrl-J",
        "删到行尾 / 行首",
        "delete to end / start of line",
    ),
    ("Ctrl-W Alt-D", "删除词", "delete a word"),
    (
        "Ctrl-U / Ctrl-R",
        "撤销 / 重做（一次撤销一段连续输入）",
        "undo / redo (a typed run at a time)",
    ),
    (
        "Ctrl-X / Ctrl-Y",
        "剪切 / 粘贴所选",
        "cut / paste the selection",
    ),
    ("Ctrl-V / Alt-V", "向下 / 向上翻页", "page down / up"),
];

fn applies(when: When, ctx: Ctx, example_open: bool, review: bool) -> bool {
    let editing = ctx.is_field();
    match when {
        When::Editing => editing,
        When::In(list) => list.contains(&ctx),
        When::Example => editing && example_open,
        When::Review => editing && review,
        When::Dialog => ctx == Ctx::Dialog,
    }
}

/// Key events compared the way terminals deliver them: Shift on a printable character is part
/// of the character, so it is ignored.
fn same_key(a: (KeyCode, KeyModifiers), ev: &KeyEvent) -> bool {
    let mut mods = ev.modifiers;
    if matches!(ev.code, KeyCode::Char(_)) {
        mods.remove(SHIFT);
    }
    a.0 == ev.code && a.1 == mods
}

/// The command bound to a key in a context, if any. `review`: the review screen is open.
pub fn lookup(ctx: Ctx, example_open: bool, review: bool, ev: &KeyEvent) -> Option<Command> {
    if ev.kind == KeyEventKind::Release {
        return None;
    }
    BINDINGS
        .iter()
        .find(|b| {
            applies(b.when, ctx, example_open, review) && b.keys.iter().any(|k| same_key(*k, ev))
        })
        .map(|b| b.command)
}

/// How a key is written in help and hints: `Ctrl-Q`, `F1`, `Shift-Tab`, `Alt-↑`, `PgDn`.
pub fn key_name(code: KeyCode, mods: KeyModifiers) -> String {
    let base = match code {
        KeyCode::Char(' ') => "Space".to_string(),
        // Ctrl-Q, Alt-P: letters with a modifier are written in capitals, as keyboards print them;
        // a plain key is written as typed.
        KeyCode::Char(c) if mods.intersects(CTRL | ALT) => c.to_ascii_uppercase().to_string(),
        KeyCode::Char(c) => c.to_string(),
        KeyCode::F(n) => format!("F{n}"),
        KeyCode::Tab => "Tab".into(),
        KeyCode::BackTab => return "Shift-Tab".into(),
        KeyCode::Enter => "Enter".into(),
        KeyCode::Esc => "Esc".into(),
        KeyCode::PageDown => "PgDn".into(),
        KeyCode::PageUp => "PgUp".into(),
        KeyCode::Up => "↑".into(),
        KeyCode::Down => "↓".into(),
        KeyCode::Left => "←".into(),
        KeyCode::Right => "→".into(),
        other => format!("{other:?}"),
    };
    let mut s = String::new();
    if mods.contains(CTRL) {
        s.push_str("Ctrl-");
    }
    if mods.contains(ALT) {
        s.push_str("Alt-");
    }
    if mods.contains(SHIFT) {
        s.push_str("Shift-");
    }
    s.push_str(&base);
    s
}

/// The keys of a binding joined for display (`F1/Ctrl-G`). Keys that are another name for the
/// same thing (F18 = Shift-F6 on some terminals) are left out.
pub fn keys_text(b: &Binding) -> String {
    b.keys
        .iter()
        .filter(|(c, _)| !matches!(c, KeyCode::F(n) if *n > 12))
        .filter(|(c, m)| !(*c == KeyCode::BackTab && *m == NONE))
        .map(|(c, m)| key_name(*c, *m))
        .collect::<Vec<_>>()
        .join("/")
}

/// Lines of the help page: (keys, what they do). Review keys are listed only in review, and
/// review lists only keys that do something there: none that would change the file.
pub fn help_lines(lang: Lang, review: bool) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = BINDINGS
        .iter()
        .filter(|b| (review || b.when != When::Review) && !in_menus(b))
        .filter(|b| !(review && changes_answers(b.command)))
        .map(|b| {
            let help = match (review, b.command) {
                (true, Command::Quit) => REVIEW_QUIT,
                _ => b.help,
            };
            (keys_text(b), lang.pick(help.0, help.1).to_string())
        })
        .collect();
    out.extend(
        CHOICE_MOVES
            .iter()
            .map(|(k, zh, en)| ((*k).to_string(), lang.pick(zh, en).to_string())),
    );
    let editing = if review {
        &EDITING[..EDITING_MOVES]
    } else {
        EDITING
    };
    out.extend(
        editing
            .iter()
            .map(|(k, zh, en)| ((*k).to_string(), lang.pick(zh, en).to_string())),
    );
    out
}

/// What Ctrl-Q does in review, where there is no draft to save.
const REVIEW_QUIT: (&str, &str) = (
    "退出评审（正在写的批注先保存）",
    "leave the review (a note being written is saved first)",
);

/// Commands that change the answers or write files: refused read-only, so the review help
/// leaves them out.
fn changes_answers(c: Command) -> bool {
    matches!(
        c,
        Command::AddItem
            | Command::RemoveItem
            | Command::MoveItemUp
            | Command::MoveItemDown
            | Command::Save
            | Command::Export
            | Command::Toggle
            | Command::StripHidden
            | Command::ExternalEditor
            | Command::ImportFile
            | Command::ListEnter
    )
}

/// Bindings that move in a list of options or a page (dialogs, menus, help scrolling), listed by
/// the dialog hint rather than on the help page.
fn in_menus(b: &Binding) -> bool {
    b.when == When::Dialog
        || matches!(
            b.command,
            Command::OptionUp | Command::OptionDown | Command::Pick
        )
        || (matches!(b.when, When::In(&[Ctx::Help])) && b.command != Command::Help)
        || matches!(b.when, When::In(&[Ctx::Prompt]))
}

/// Whether a binding is for some kinds of field only (F9 in a text, F8 in a list).
fn for_fields(b: &Binding) -> bool {
    matches!(b.when, When::In(list) if list.iter().all(|c| c.is_field()))
}

/// The hint line under a dialog's options: `↑↓ 选择  Enter 确定  Esc 退出`.
pub fn dialog_hint(lang: Lang) -> String {
    overlay_hint(lang, Ctx::Dialog)
}

/// The hint line of a dialog or the path prompt (`Tab 补全  Enter 导入  Esc 取消`).
pub fn overlay_hint(lang: Lang, ctx: Ctx) -> String {
    BINDINGS
        .iter()
        .filter(|b| applies(b.when, ctx, false, false))
        .filter_map(|b| {
            b.hint.map(|h| {
                let keys = b
                    .hint_keys
                    .map_or_else(|| key_name(b.keys[0].0, b.keys[0].1), ToString::to_string);
                format!("{keys} {}", lang.pick(h.0, h.1))
            })
        })
        .collect::<Vec<_>>()
        .join("  ")
}

/// One status-line hint: `F9 编辑器`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hint {
    pub keys: String,
    pub text: &'static str,
    /// Shown whatever else must go for lack of room (help, quit).
    pub essential: bool,
    /// For the focused field's kind (F9 in a long text): kept longer than the general ones.
    pub for_field: bool,
}

/// Status-line hints in order: `Tab 下一项  PgDn 下一节  F1 帮助  Ctrl-Q 退出` (review: its own
/// keys), with the hints of the focused field's kind (`F9 编辑器` in a long text).
pub fn hints(lang: Lang, review: bool, ctx: Ctx) -> Vec<Hint> {
    BINDINGS
        .iter()
        .filter(|b| !in_menus(b))
        .filter(|b| (b.when == When::Review) == review || (review && b.command == Command::Help))
        .filter(|b| !(review && matches!(b.command, Command::ToggleExample)))
        .filter(|b| match b.when {
            When::In(list) if for_fields(b) => !review && list.first() == Some(&ctx),
            _ => true,
        })
        .filter_map(|b| {
            b.hint.map(|h| {
                let (c, m) = b.keys[0];
                Hint {
                    keys: key_name(c, m),
                    text: lang.pick(h.0, h.1),
                    essential: matches!(b.command, Command::Help | Command::Quit),
                    for_field: for_fields(b),
                }
            })
        })
        .collect()
}

/// The hints that fit in `width` cells, each taking `width_of(hint) + 2`: the general ones go
/// first (from the right), then the field's own; the essential ones stay. `None` when even
/// those do not fit.
pub fn fit_hints(
    mut hints: Vec<Hint>,
    width: usize,
    width_of: impl Fn(&Hint) -> usize,
) -> Option<Vec<Hint>> {
    let total = |h: &[Hint]| h.iter().map(|x| width_of(x) + 2).sum::<usize>();
    while total(&hints) > width {
        let drop = hints
            .iter()
            .rposition(|h| !h.essential && !h.for_field)
            .or_else(|| hints.iter().rposition(|h| !h.essential))?;
        hints.remove(drop);
    }
    Some(hints)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, mods)
    }

    #[test]
    fn global_keys_work_in_every_field_kind() {
        for ctx in [
            Ctx::Text,
            Ctx::Long,
            Ctx::Choice,
            Ctx::List,
            Ctx::Grid,
            Ctx::Confirm,
        ] {
            assert_eq!(
                lookup(ctx, false, false, &key(KeyCode::Tab, NONE)),
                Some(Command::NextField)
            );
            assert_eq!(
                lookup(ctx, false, false, &key(KeyCode::Char('q'), CTRL)),
                Some(Command::Quit)
            );
            assert_eq!(
                lookup(ctx, false, false, &key(KeyCode::Char('c'), CTRL)),
                Some(Command::Quit)
            );
            assert_eq!(
                lookup(ctx, false, false, &key(KeyCode::F(1), NONE)),
                Some(Command::Help)
            );
        }
    }

    #[test]
    fn typing_keys_reach_the_text() {
        // Enter, space, ? and letters are text in a text field, commands elsewhere.
        for code in [
            KeyCode::Enter,
            KeyCode::Char(' '),
            KeyCode::Char('?'),
            KeyCode::Char('中'),
        ] {
            assert_eq!(
                lookup(Ctx::Text, false, false, &key(code, NONE)),
                None,
                "{code:?}"
            );
        }
        assert_eq!(
            lookup(Ctx::Choice, false, false, &key(KeyCode::Char(' '), NONE)),
            Some(Command::Toggle)
        );
        assert_eq!(
            lookup(Ctx::List, false, false, &key(KeyCode::Enter, NONE)),
            Some(Command::ListEnter)
        );
        // Shift on a character is part of the character.
        assert_eq!(
            lookup(Ctx::Choice, false, false, &key(KeyCode::Char('?'), SHIFT)),
            Some(Command::Help)
        );
    }

    #[test]
    fn dialog_keys_and_their_hint_come_from_the_table() {
        let d = |code, mods| lookup(Ctx::Dialog, false, false, &key(code, mods));
        assert_eq!(d(KeyCode::Up, NONE), Some(Command::OptionUp));
        assert_eq!(d(KeyCode::Char('j'), NONE), Some(Command::OptionDown));
        assert_eq!(d(KeyCode::Tab, NONE), Some(Command::OptionDown));
        assert_eq!(d(KeyCode::Enter, NONE), Some(Command::Pick));
        assert_eq!(d(KeyCode::Char('3'), NONE), Some(Command::PickNumber));
        assert_eq!(d(KeyCode::Char('q'), CTRL), Some(Command::Cancel));
        assert_eq!(d(KeyCode::Esc, NONE), Some(Command::Cancel));
        // Editor keys do nothing in a dialog, dialog keys nothing in the editor.
        assert_eq!(d(KeyCode::PageDown, NONE), None);
        assert_eq!(
            lookup(Ctx::Text, false, false, &key(KeyCode::Char('1'), NONE)),
            None
        );
        assert_eq!(dialog_hint(Lang::Zh), "↑↓ 选择  Enter 确定  Esc 退出");
        assert_eq!(dialog_hint(Lang::En), "↑↓ choose  Enter pick  Esc leave");
    }

    #[test]
    fn example_scrolling_only_while_open() {
        let k = key(KeyCode::PageDown, ALT);
        assert_eq!(lookup(Ctx::Text, false, false, &k), None);
        assert_eq!(
            lookup(Ctx::Text, true, false, &k),
            Some(Command::ScrollExampleDown)
        );
    }

    #[test]
    fn help_is_generated_from_the_table() {
        let zh = help_lines(Lang::Zh, false);
        assert!(
            zh.iter()
                .any(|(k, d)| k == "Ctrl-Q/Ctrl-C" && d == "保存并退出")
        );
        assert!(
            zh.iter()
                .any(|(k, d)| k == "F1/Ctrl-G" && d == "帮助（本页）")
        );
        assert!(zh.iter().any(|(k, _)| k == "Shift-Tab"));
        let review_only = BINDINGS.iter().filter(|b| b.when == When::Review).count();
        let dialog_only = BINDINGS.iter().filter(|b| in_menus(b)).count();
        assert_eq!(
            zh.len(),
            BINDINGS.len() - review_only - dialog_only + CHOICE_MOVES.len() + EDITING.len()
        );
        assert!(!zh.iter().any(|(_, d)| d.starts_with("评审")));
        assert!(help_lines(Lang::Zh, true).iter().any(|(k, _)| k == "n/F4"));
        assert!(
            EDITING[..EDITING_MOVES]
                .iter()
                .all(|(_, zh, _)| zh.contains("移动") || zh.contains("到全文"))
        );
        assert!(
            !EDITING[EDITING_MOVES..]
                .iter()
                .any(|(_, zh, _)| zh.contains("移动"))
        );
        let words = |ctx| -> Vec<String> {
            hints(Lang::Zh, false, ctx)
                .into_iter()
                .map(|h| format!("{} {}", h.keys, h.text))
                .collect()
        };
        assert_eq!(
            words(Ctx::Text),
            [
                "Tab 下一项",
                "PgDn 下一节",
                "Ctrl-T 示例",
                "F1 帮助",
                "Ctrl-Q 退出"
            ]
        );
        assert_eq!(
            words(Ctx::Long),
            [
                "Tab 下一项",
                "PgDn 下一节",
                "Ctrl-T 示例",
                "F9 编辑器",
                "Alt-I 导入",
                "F1 帮助",
                "Ctrl-Q 退出"
            ]
        );
        assert!(
            help_lines(Lang::Zh, false)
                .iter()
                .any(|(k, _)| k == "F9/Alt-E")
        );
        assert!(
            help_lines(Lang::Zh, false)
                .iter()
                .any(|(k, _)| k == "Alt-I")
        );
    }

    #[test]
    fn hints_that_do_not_fit_go_general_first() {
        let all = hints(Lang::Zh, false, Ctx::Long);
        let w = |h: &Hint| h.keys.len() + 1 + h.text.chars().count() * 2;
        let full: usize = all.iter().map(|h| w(h) + 2).sum();
        assert_eq!(fit_hints(all.clone(), full, w).unwrap(), all);
        let fewer = fit_hints(all.clone(), full - 1, w).unwrap();
        let keys: Vec<&str> = fewer.iter().map(|h| h.keys.as_str()).collect();
        assert_eq!(keys, ["Tab", "PgDn", "F9", "Alt-I", "F1", "Ctrl-Q"]);
        let least = fit_hints(all, 33, w).unwrap();
        let keys: Vec<&str> = least.iter().map(|h| h.keys.as_str()).collect();
        assert_eq!(keys, ["F9", "F1", "Ctrl-Q"]);
        assert_eq!(fit_hints(hints(Lang::Zh, false, Ctx::Long), 5, w), None);
    }

    #[test]
    fn the_path_prompt_has_its_own_keys() {
        let p = |code| lookup(Ctx::Prompt, false, false, &key(code, NONE));
        assert_eq!(p(KeyCode::Tab), Some(Command::Complete));
        assert_eq!(p(KeyCode::Enter), Some(Command::Pick));
        assert_eq!(p(KeyCode::Esc), Some(Command::Cancel));
        assert_eq!(p(KeyCode::Char('a')), None);
        assert_eq!(
            overlay_hint(Lang::Zh, Ctx::Prompt),
            "Tab 补全  Enter 导入  Esc 取消"
        );
        assert_eq!(
            lookup(Ctx::Long, false, false, &key(KeyCode::Char('i'), ALT)),
            Some(Command::ImportFile)
        );
    }
}
