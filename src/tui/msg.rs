//! Strings of the editor (status line, counters, messages, dialogs), of the terminal layer
//! (what start-up found out about the terminal) and of the event loop (the driver's questions
//! and exit lines), Chinese and English.

use super::backend::Ambiguous;
use crate::count::Mode;
use crate::lang::Lang;
use crate::paste::PasteReport;
use crate::sanitize::for_terminal;

fn zh(lang: Lang) -> bool {
    lang == Lang::Zh
}

pub fn saved_at(lang: Lang, time: &str) -> String {
    if time.is_empty() {
        return lang.pick("已保存", "saved").into();
    }
    if zh(lang) {
        format!("已保存 {time}")
    } else {
        format!("saved {time}")
    }
}

pub fn new_draft(lang: Lang) -> &'static str {
    lang.pick("新草稿", "new draft")
}

pub fn unsaved(lang: Lang) -> &'static str {
    lang.pick("未保存", "unsaved")
}

pub fn saving(lang: Lang) -> &'static str {
    lang.pick("保存中…", "saving…")
}

pub fn save_failed(lang: Lang) -> &'static str {
    lang.pick("保存失败，稍后重试", "save failed, will retry")
}

pub fn save_failed_detail(lang: Lang, why: &str) -> String {
    if zh(lang) {
        format!(
            "保存失败：{}。内容仍在内存中，将自动重试。",
            for_terminal(why)
        )
    } else {
        format!(
            "could not save: {}. Your text is kept in memory; retrying.",
            for_terminal(why)
        )
    }
}

pub fn read_only(lang: Lang) -> &'static str {
    lang.pick("只读", "read-only")
}

pub fn read_only_notice(lang: Lang) -> &'static str {
    lang.pick(
        "只读打开：不能修改（另一个 tianbiao 正在编辑，或以只读方式打开）",
        "opened read-only: nothing can be changed",
    )
}

pub fn nothing_to_save(lang: Lang) -> &'static str {
    lang.pick("没有需要保存的修改", "nothing to save")
}

pub fn conflict(lang: Lang, copy: &str) -> String {
    if zh(lang) {
        format!(
            "草稿文件在外部被修改过；你的内容已另存为 {}，原文件未被覆盖",
            for_terminal(copy)
        )
    } else {
        format!(
            "the draft changed on disk; your text was saved to {} and the file was not overwritten",
            for_terminal(copy)
        )
    }
}

/// The header's mark while saves go to a conflict copy: `→ 写入 conf.conflict-….ron`.
pub fn writing_to(lang: Lang, file: &str) -> String {
    match lang {
        Lang::Zh => format!("→ 写入 {file}"),
        Lang::En => format!("→ writing {file}"),
    }
}

/// The save status while saves go to a conflict copy (the draft file is left as it is).
pub fn saved_to_copy(lang: Lang, file: &str) -> String {
    match lang {
        Lang::Zh => format!("已存到 {file}"),
        Lang::En => format!("saved to {file}"),
    }
}

/// Ctrl-O when an earlier export already holds exactly this text: nothing new is written.
pub fn export_unchanged(lang: Lang, path: &str) -> String {
    let path = for_terminal(path);
    match lang {
        Lang::Zh => format!("内容与已导出的文件相同，未重复写入：{path}"),
        Lang::En => format!("same as the file already exported, not written again: {path}"),
    }
}

/// Before a reminder under a field (a rule that never refuses an export).
pub fn reminder(lang: Lang) -> &'static str {
    lang.pick("注意：", "Note: ")
}

pub fn no_problems(lang: Lang) -> &'static str {
    lang.pick("没有发现问题", "no problems found")
}

pub fn no_example(lang: Lang) -> &'static str {
    lang.pick("本项没有示例", "this field has no example")
}

pub fn at_most_items(lang: Lang, max: usize) -> String {
    if zh(lang) {
        format!("最多 {max} 项/行，不能再添加")
    } else {
        format!("at most {max} items/rows")
    }
}

pub fn confirm_remove(lang: Lang, n: usize) -> String {
    if zh(lang) {
        format!("第 {n} 项有内容：再按 F8 确认删除")
    } else {
        format!("item {n} has content: press F8 again to delete it")
    }
}

pub fn removed_item(lang: Lang, n: usize) -> String {
    if zh(lang) {
        format!("已删除第 {n} 项")
    } else {
        format!("deleted item {n}")
    }
}

pub fn field_too_long(lang: Lang, cap: usize) -> String {
    if zh(lang) {
        format!("本项已超过 {cap} 字符，编辑可能变慢；建议拆分")
    } else {
        format!("this field is over {cap} characters; editing may get slow")
    }
}

pub fn paste_too_large(lang: Lang, got: usize, cap: usize) -> String {
    if zh(lang) {
        format!("粘贴内容过大（{got} 字符，单项上限 {cap}），未插入")
    } else {
        format!("paste too large ({got} characters, field limit {cap}); nothing inserted")
    }
}

pub fn paste_nowhere(lang: Lang) -> &'static str {
    lang.pick(
        "这里不能粘贴文字（请先选中文字输入项）",
        "nothing here takes text (move to a text field first)",
    )
}

/// "已粘贴 120 字；已统一 3 处换行、移除 2 个控制字符".
pub fn pasted(lang: Lang, n: usize, r: &PasteReport) -> String {
    let parts = crate::textfile::msg::changes(lang, r);
    match (zh(lang), parts.is_empty()) {
        (true, true) => format!("已粘贴 {n} 字"),
        (true, false) => format!("已粘贴 {n} 字；已{}", parts.join("、")),
        (false, true) => format!("pasted {n} zi"),
        (false, false) => format!("pasted {n} zi; {}", parts.join(", ")),
    }
}

/// A problem under a field. The editor says a missing attachment its own short way (the path
/// after the words, as the author typed it); everything else as validation words it.
pub fn problem(lang: Lang, form: &crate::form::Form, f: &crate::form::Finding) -> String {
    use crate::form::Problem;
    match &f.problem {
        Problem::AttachmentMissing { path } => file_missing(lang, path),
        Problem::AttachmentNotRegular { path } => file_not_regular(lang, path),
        Problem::BadExtension { path, allowed } => type_refused(lang, path, allowed),
        _ => crate::form::msg::problem(lang, form, f),
    }
}

fn file_missing(lang: Lang, path: &str) -> String {
    if zh(lang) {
        format!("文件不存在：{}", for_terminal(path))
    } else {
        format!("no such file: {}", for_terminal(path))
    }
}

/// What is accepted comes first: a long path after it may wrap, the remedy stays in sight.
fn type_refused(lang: Lang, path: &str, allowed: &[String]) -> String {
    if zh(lang) {
        format!(
            "不接受此类型（可用：{}）：{}",
            allowed.join("、"),
            for_terminal(path)
        )
    } else {
        format!(
            "type not accepted (use {}): {}",
            allowed.join(", "),
            for_terminal(path)
        )
    }
}

fn file_not_regular(lang: Lang, path: &str) -> String {
    if zh(lang) {
        format!("不是普通文件：{}", for_terminal(path))
    } else {
        format!("not a regular file: {}", for_terminal(path))
    }
}

/// The counter: `386/400 字`.
pub fn counter(lang: Lang, n: usize, limit: usize, mode: Mode) -> String {
    format!("{n}/{limit} {}", crate::lang::unit(lang, mode))
}

pub fn remaining(lang: Lang, n: usize, mode: Mode) -> String {
    let u = crate::lang::unit(lang, mode);
    if zh(lang) {
        format!("还可输入 {n} {u}")
    } else {
        format!("{n} {u} left")
    }
}

pub fn at_limit(lang: Lang) -> &'static str {
    lang.pick("已达上限", "at the limit")
}

pub fn over_by(lang: Lang, n: usize, mode: Mode) -> String {
    let u = crate::lang::unit(lang, mode);
    if zh(lang) {
        format!("超出 {n} {u}")
    } else {
        format!("{n} {u} over")
    }
}

/// Secondary count when characters differ from 字数: `· 字符 402`.
pub fn chars_note(lang: Lang, chars: usize) -> String {
    if zh(lang) {
        format!("字符 {chars}")
    } else {
        format!("{chars} chars")
    }
}

pub fn too_small(lang: Lang, w: u16, h: u16, min_w: u16, min_h: u16) -> String {
    if zh(lang) {
        format!("终端太小（{w}×{h}），至少需要 {min_w}×{min_h}。请放大窗口；内容已自动保存。")
    } else {
        format!(
            "Terminal too small ({w}×{h}); need at least {min_w}×{min_h}. Enlarge it; your text is autosaved."
        )
    }
}

pub fn draft_label(lang: Lang) -> &'static str {
    lang.pick("草稿", "draft")
}

/// The one hint a narrow status line keeps: `F1 帮助`.
pub fn help_word(lang: Lang) -> &'static str {
    lang.pick("帮助", "help")
}

pub fn help_title(lang: Lang) -> &'static str {
    lang.pick(" 帮助：按键（Esc 关闭）", " Help: keys (Esc closes) ")
}

/// Beside an overview row whose field has a reviewer's note: one wide character, whatever the
/// terminal's ambiguous width.
pub fn noted_mark() -> &'static str {
    "批"
}

/// The overview marks' legend in review, with the note mark.
pub fn help_markers_review(lang: Lang) -> &'static str {
    lang.pick(
        "总览标记：✓ 已填  - 未填  * 必填未填  ~ 接近上限  ! 超出上限  ✗ 格式有误  批 有批注",
        "Overview marks: ✓ done  - empty  * required, empty  ~ near limit  ! over limit  ✗ invalid  批 has a note",
    )
}

pub fn help_markers(lang: Lang) -> &'static str {
    lang.pick(
        "总览标记：✓ 已填  - 未填  * 必填未填  ~ 接近上限  ! 超出上限  ✗ 格式有误",
        "Overview marks: ✓ done  - empty  * required, empty  ~ near limit  ! over limit  ✗ invalid",
    )
}

pub fn example_title(lang: Lang) -> &'static str {
    lang.pick(
        " 示例（只读，不会计入答案）",
        " Example (read-only, not part of your answer) ",
    )
}

pub fn example_over_limit(lang: Lang, n: usize, limit: usize, mode: Mode) -> String {
    let u = crate::lang::unit(lang, mode);
    if zh(lang) {
        format!("注意：模板示例本身 {n} {u}，已超过上限 {limit} {u}")
    } else {
        format!("note: the template's own example is {n} {u}, over the limit of {limit}")
    }
}

pub fn overview_title(lang: Lang) -> &'static str {
    lang.pick(" 总览 ", " Overview ")
}

pub fn export_title(lang: Lang) -> &'static str {
    lang.pick(
        " 导出格式（Enter 选择，Esc 取消）",
        " Export as (Enter picks, Esc cancels) ",
    )
}

pub fn export_format_name(lang: Lang, f: &str) -> &'static str {
    match f {
        "json" => lang.pick("JSON 结构化提交文件", "JSON submission"),
        "docx" => lang.pick("Word 文档（.docx，可打印盖章）", "Word document (.docx)"),
        "md" => lang.pick("Markdown", "Markdown"),
        "txt" => lang.pick("纯文本", "plain text"),
        "ron" => lang.pick("RON 结构化提交文件", "RON submission"),
        _ => "",
    }
}

pub fn empty_value(lang: Lang) -> &'static str {
    lang.pick("（未填写）", "(empty)")
}

pub fn required_mark() -> &'static str {
    "*"
}

pub fn confirm_box(lang: Lang) -> &'static str {
    lang.pick(
        "我已阅读并确认上述承诺",
        "I have read and accept the statement",
    )
}

pub fn list_empty(lang: Lang) -> &'static str {
    lang.pick(
        "（暂无。直接输入即可添加，Enter 添加下一项）",
        "(none yet: type to add, Enter adds another)",
    )
}

pub fn grid_empty(lang: Lang) -> &'static str {
    lang.pick(
        "（暂无。Ctrl-N 添加一行，或直接输入）",
        "(no rows: Ctrl-N adds one, or start typing)",
    )
}

pub fn rows_count(lang: Lang, n: usize, max: Option<usize>) -> String {
    match (max, zh(lang)) {
        (Some(m), true) => format!("{n}/{m} 行"),
        (None, true) => format!("{n} 行"),
        (Some(m), false) => format!("{n}/{m} rows"),
        (None, false) => format!("{n} rows"),
    }
}

pub fn attachment_headers(lang: Lang) -> (&'static str, &'static str) {
    (
        lang.pick("文件路径", "file path"),
        lang.pick("图题/说明", "caption"),
    )
}

pub fn other_specify(lang: Lang) -> &'static str {
    lang.pick("请注明", "specify")
}

pub fn yes(lang: Lang) -> &'static str {
    lang.pick("是", "yes")
}

pub fn no(lang: Lang) -> &'static str {
    lang.pick("否", "no")
}

pub fn exported(lang: Lang, path: &str) -> String {
    if zh(lang) {
        format!("已导出：{}", for_terminal(path))
    } else {
        format!("exported: {}", for_terminal(path))
    }
}

pub fn export_refused(lang: Lang, n: usize, first: &str) -> String {
    if zh(lang) {
        format!(
            "未导出：有 {n} 个问题（F6 逐个查看）。首个：{}",
            for_terminal(first)
        )
    } else {
        format!(
            "not exported: {n} problems (F6 visits them). First: {}",
            for_terminal(first)
        )
    }
}

pub fn quit_blocked(lang: Lang) -> &'static str {
    lang.pick(
        "未退出：最新内容还没有保存成功。修复后重试，或再按一次 Ctrl-Q 将内容另存到应急文件后退出",
        "not quitting: the latest text is not saved. Fix it and retry, or press Ctrl-Q again to write an emergency copy and quit",
    )
}

pub fn nothing_written(lang: Lang) -> &'static str {
    lang.pick(
        "没有输入任何内容，未创建草稿文件",
        "nothing was typed; no draft file was created",
    )
}

pub fn resumed(lang: Lang) -> &'static str {
    lang.pick("已恢复", "resumed")
}

pub fn review_read_only(lang: Lang) -> &'static str {
    lang.pick(
        "评审模式：文件只读，按 n 给本项写批注",
        "review: the file is read-only; press n to write a note on this field",
    )
}

/// Header of the review screen: `评审 1/3 · path`.
pub fn review_header(lang: Lang, i: usize, n: usize, path: &str) -> String {
    match lang {
        Lang::Zh => format!("评审 {}/{n} · {path}", i + 1),
        Lang::En => format!("review {}/{n} · {path}", i + 1),
    }
}

/// `隐藏字符 3（控制 1，双向 2）`.
pub fn hidden_summary(lang: Lang, counts: &[(crate::sanitize::Hidden, usize)]) -> String {
    use crate::sanitize::Hidden;
    let total: usize = counts.iter().map(|(_, n)| n).sum();
    let parts: Vec<String> = counts
        .iter()
        .map(|(k, n)| {
            let name = match (k, lang) {
                (Hidden::Control, Lang::Zh) => "控制",
                (Hidden::Bidi, Lang::Zh) => "双向",
                (Hidden::Invisible, Lang::Zh) => "零宽",
                (Hidden::Control, Lang::En) => "control",
                (Hidden::Bidi, Lang::En) => "bidi",
                (Hidden::Invisible, Lang::En) => "invisible",
            };
            format!("{name} {n}")
        })
        .collect();
    match lang {
        Lang::Zh => format!("隐藏字符 {total}（{}）", parts.join("，")),
        Lang::En => format!("{total} hidden characters ({})", parts.join(", ")),
    }
}

/// Under a field: `含 3 个隐藏字符（已用 ⟨…⟩ 标出）`.
pub fn field_hidden(lang: Lang, n: usize) -> String {
    match lang {
        Lang::Zh => format!("含 {n} 个隐藏字符（已用 ⟨⟩ 标出）"),
        Lang::En => format!("{n} hidden characters (shown in ⟨⟩)"),
    }
}

pub fn note_label(lang: Lang) -> &'static str {
    lang.pick("批注：", "Note: ")
}

pub fn note_title(lang: Lang, label: &str) -> String {
    match lang {
        Lang::Zh => format!(" 批注：{}（Esc 保存并关闭） ", for_terminal(label)),
        Lang::En => format!(" Note: {} (Esc saves and closes) ", for_terminal(label)),
    }
}

pub fn overall_note_title(lang: Lang) -> &'static str {
    lang.pick(
        " 总体意见：整份文件（Esc 保存并关闭） ",
        " Overall note: the whole file (Esc saves and closes) ",
    )
}

/// The header's mark of a file with an overall note: `[有总体意见]`.
pub fn has_overall_note(lang: Lang) -> &'static str {
    lang.pick("有总体意见", "overall note")
}

pub fn notes_saved(lang: Lang, path: &str) -> String {
    match lang {
        Lang::Zh => format!("批注已保存：{}", for_terminal(path)),
        Lang::En => format!("notes saved: {}", for_terminal(path)),
    }
}

pub fn review_status(lang: Lang) -> &'static str {
    lang.pick("评审（只读）", "review (read-only)")
}

/// The title of the question before review when some files could not be read.
pub fn review_unreadable_title(lang: Lang, n: usize) -> &'static str {
    match (lang, n) {
        (Lang::Zh, _) => "有文件无法读取",
        (Lang::En, 1) => "A file could not be read",
        (Lang::En, _) => "Some files could not be read",
    }
}

/// `另有 3 个文件无法读取，退出时全部列出`.
pub fn review_unreadable_more(lang: Lang, n: usize) -> String {
    match lang {
        Lang::Zh => format!("另有 {n} 个文件无法读取，退出时全部列出"),
        Lang::En => format!("{n} more could not be read; all are listed on leaving"),
    }
}

/// Go on with the `n` files that could be read, or leave.
pub fn review_unreadable_options(lang: Lang, n: usize) -> Vec<String> {
    match lang {
        Lang::Zh => vec![format!("评审其余 {n} 个文件"), "退出".into()],
        Lang::En => vec![format!("review the other {n} file(s)"), "leave".into()],
    }
}

// Before editing: the dialogs and the reasons the editor cannot start.

pub fn no_terminal(lang: Lang) -> &'static str {
    lang.pick(
        "tianbiao 需要在终端中运行（标准输入和输出都必须是终端）。导出、检查等功能请用 export、check 子命令。",
        "tianbiao needs a terminal (stdin and stdout). For scripts use the export and check commands.",
    )
}

pub fn no_data_dir(lang: Lang) -> &'static str {
    lang.pick(
        "找不到用户数据目录；请设置 TIANBIAO_DATA_DIR 或使用 --draft PATH",
        "no user data directory; set TIANBIAO_DATA_DIR or use --draft PATH",
    )
}

pub fn theme_unusable(lang: Lang) -> &'static str {
    lang.pick("主题无法使用", "theme unusable")
}

pub fn resume_title(lang: Lang) -> &'static str {
    lang.pick("继续编辑还是新建？", "Resume or start anew?")
}

pub fn resume_body(lang: Lang, n: usize, form_title: &str, dir: &str) -> String {
    match lang {
        Lang::Zh => format!("“{form_title}”已有 {n} 份草稿（保存在 {dir}）。"),
        Lang::En => format!("There are {n} drafts of “{form_title}” (in {dir})."),
    }
}

/// A draft in the resume list: name, when it was saved, how much is filled in.
pub fn resume_entry(lang: Lang, name: &str, updated: &str, done: usize, total: usize) -> String {
    match lang {
        Lang::Zh => format!("{name}（更新于 {updated}，已填 {done}/{total}）"),
        Lang::En => format!("{name} (updated {updated}, {done}/{total} filled)"),
    }
}

pub fn start_new(lang: Lang) -> &'static str {
    lang.pick("新建一份草稿", "start a new draft")
}

pub fn locked_title(lang: Lang) -> &'static str {
    lang.pick("草稿正在被编辑", "Draft in use")
}

/// The lock's holder for the dialog: `user@host（pid 123，12月1日 18:40 起）`, in local time.
pub fn lock_holder(lang: Lang, h: &crate::draft::lock::LockInfo) -> String {
    let who = crate::sanitize::for_terminal(&format!("{}@{}", h.user, h.host));
    let since = crate::draft::msg::when(lang, &h.started);
    match lang {
        Lang::Zh => format!("{who}（pid {}，{since} 起）", h.pid),
        Lang::En => format!("{who} (pid {}, since {since})", h.pid),
    }
}

/// The overview's line where rows are cut off: `下面还有 3 项` / `上面还有 2 项`.
pub fn overview_more(lang: Lang, n: usize, below: bool) -> String {
    match (lang, below) {
        (Lang::Zh, true) => format!("  下面还有 {n} 项"),
        (Lang::Zh, false) => format!("  上面还有 {n} 项"),
        (Lang::En, true) => format!("  {n} more below"),
        (Lang::En, false) => format!("  {n} more above"),
    }
}

/// Who holds the lock: `user@host（pid 123，since）`.
pub fn locked_body(lang: Lang, who: &str, running: bool) -> String {
    match (lang, running) {
        (Lang::Zh, true) => format!("另一个 tianbiao 正在编辑这份草稿：{who}。"),
        (Lang::Zh, false) => format!("这份草稿被 {who} 锁定（无法确认对方是否仍在运行）。"),
        (Lang::En, true) => format!("Another tianbiao is editing this draft: {who}."),
        (Lang::En, false) => {
            format!("This draft is locked by {who} (can't tell whether it still runs).")
        }
    }
}

/// Read-only, take over, leave.
pub fn locked_options(lang: Lang) -> Vec<String> {
    vec![
        lang.pick("只读打开（推荐）", "open read-only (recommended)")
            .into(),
        lang.pick(
            "强制接管编辑（若双方都保存，较晚的一方会得到冲突副本）",
            "take over editing (if both save, the later one gets a conflict copy)",
        )
        .into(),
        lang.pick("退出", "leave").into(),
    ]
}

pub fn corrupt_title(lang: Lang) -> &'static str {
    lang.pick("草稿文件已损坏", "Damaged draft")
}

pub fn corrupt_kept(lang: Lang) -> &'static str {
    lang.pick(
        "文件不会被覆盖，也不会被空表单替换。",
        "The file will not be overwritten or replaced by an empty form.",
    )
}

pub fn recover_option(lang: Lang, backup: &str) -> String {
    match lang {
        Lang::Zh => format!("从备份恢复（{backup}；损坏的文件会改名保留）"),
        Lang::En => format!("recover from the backup ({backup}; the damaged file is kept aside)"),
    }
}

pub fn leave_unchanged(lang: Lang) -> &'static str {
    lang.pick("退出（不做任何改动）", "leave (change nothing)")
}

pub fn draft_saved(lang: Lang, path: &str) -> String {
    match lang {
        Lang::Zh => format!("草稿已保存：{}", for_terminal(path)),
        Lang::En => format!("draft saved: {}", for_terminal(path)),
    }
}

pub fn review_nothing(lang: Lang) -> &'static str {
    lang.pick("没有可以评审的文件", "no file could be reviewed")
}

pub fn review_no_terminal(lang: Lang) -> &'static str {
    lang.pick(
        "review 需要在终端中运行；批量检查请用 tianbiao check",
        "review needs a terminal; for batch checks use tianbiao check",
    )
}

pub fn review_no_export(lang: Lang) -> &'static str {
    lang.pick(
        "评审时不导出；要导出请用 tianbiao export FILE",
        "review does not export; use tianbiao export FILE",
    )
}

pub fn review_no_data_dir(lang: Lang) -> &'static str {
    lang.pick(
        "找不到用户数据目录；请设置 TIANBIAO_DATA_DIR",
        "no user data directory; set TIANBIAO_DATA_DIR",
    )
}

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

/// Under the "terminal too small" line: typing goes nowhere until the form is shown again.
pub fn too_small_keys(lang: Lang, ignored: usize) -> String {
    match (lang, ignored) {
        (Lang::Zh, 0) => "表单未显示时按键不会输入到表单；Ctrl-Q 保存并退出。".into(),
        (Lang::Zh, n) => {
            format!("表单未显示时按键不会输入到表单（已忽略 {n} 个按键）；Ctrl-Q 保存并退出。")
        }
        (_, 0) => {
            "Keys typed while the form is hidden do not reach it; Ctrl-Q saves and quits.".into()
        }
        (_, n) => format!(
            "Keys typed while the form is hidden do not reach it ({n} ignored); Ctrl-Q saves and quits."
        ),
    }
}

/// Once the form is back: what happened to the keys typed while it was hidden.
pub fn keys_ignored(lang: Lang, n: usize) -> String {
    match lang {
        Lang::Zh => format!("终端太小时按下的 {n} 个键未输入到表单，请检查后重新输入"),
        Lang::En => format!(
            "{n} keys typed while the terminal was too small did not reach the form: check and type them again"
        ),
    }
}

/// After F6: which problem of how many, in which field, and what it is.
pub fn problem_at(lang: Lang, nth: usize, of: usize, label: &str, what: &str) -> String {
    match lang {
        Lang::Zh => format!("问题 {nth}/{of}：{label}：{what}（F6 下一个）"),
        Lang::En => format!("problem {nth}/{of}: {label}: {what} (F6 next)"),
    }
}
