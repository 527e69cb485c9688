//! The command line's help and usage errors in Chinese. The clap definitions are written in
//! English (doc comments on the argument structs); for a Chinese interface the command tree is
//! rewritten before parsing: every about and help text is looked up by its English wording, the
//! headings become Chinese, and clap's usage errors are reworded. A help text without a
//! translation is a test failure, so the two languages cannot drift apart.

use clap::error::{ContextKind, ContextValue, ErrorKind};

use crate::lang::Lang;

/// The command tree in the interface language (unchanged for English).
pub fn localize(cmd: clap::Command, lang: Lang) -> clap::Command {
    match lang {
        Lang::En => cmd,
        Lang::Zh => zh_command(cmd),
    }
}

const TEMPLATE: &str = "\
{before-help}{about-with-newline}
用法：{usage}

{all-args}{after-help}";

fn zh_command(mut cmd: clap::Command) -> clap::Command {
    cmd.build();
    cmd = cmd
        .help_template(TEMPLATE)
        .subcommand_help_heading("命令")
        .subcommand_value_name("命令");
    if let Some(about) = cmd.get_about().map(|a| a.to_string()) {
        cmd = cmd.about(zh_or_same(&about).to_string());
    }
    if let Some(long) = cmd.get_long_about().map(|a| a.to_string()) {
        cmd = cmd.long_about(zh_or_same(&long).to_string());
    }
    let ids: Vec<String> = cmd
        .get_arguments()
        .map(|a| a.get_id().to_string())
        .collect();
    for id in ids {
        cmd = cmd.mut_arg(id, zh_arg);
    }
    let subs: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for name in subs {
        cmd = cmd.mut_subcommand(name, zh_command);
    }
    cmd
}

fn zh_arg(mut arg: clap::Arg) -> clap::Arg {
    let heading = if arg.is_positional() {
        "参数"
    } else {
        "选项"
    };
    arg = arg.help_heading(heading);
    let mut help = arg
        .get_help()
        .map(|h| zh_or_same(&h.to_string()).to_string())
        .unwrap_or_default();
    if let Some(long) = arg.get_long_help().map(|h| h.to_string()) {
        arg = arg.long_help(zh_or_same(&long).to_string());
    }
    // clap writes "[default: …]" and "[possible values: …]" in English: say them here instead.
    let values: Vec<String> = arg
        .get_possible_values()
        .iter()
        .filter(|p| !p.is_hide_set())
        .map(|p| p.get_name().to_string())
        .collect();
    let takes_value = arg.get_num_args().is_some_and(|n| n.takes_values());
    if takes_value && !values.is_empty() {
        help.push_str(&format!("（可选：{}）", values.join("、")));
        arg = arg.hide_possible_values(true);
    }
    let defaults: Vec<String> = arg
        .get_default_values()
        .iter()
        .map(|d| d.to_string_lossy().into_owned())
        .collect();
    if takes_value && !defaults.is_empty() {
        help.push_str(&format!("（默认：{}）", defaults.join("、")));
        arg = arg.hide_default_value(true);
    }
    // Values with their own explanations are listed one per line in the long help.
    let explained: Vec<String> = arg
        .get_possible_values()
        .iter()
        .filter(|p| !p.is_hide_set())
        .filter_map(|p| {
            let h = p.get_help()?.to_string();
            Some(format!("  {}：{}", p.get_name(), zh_or_same(&h)))
        })
        .collect();
    if !explained.is_empty() {
        arg = arg.long_help(format!("{help}\n\n{}", explained.join("\n")));
    }
    if !help.is_empty() {
        arg = arg.help(help);
    }
    arg
}

fn zh_or_same(en: &str) -> &str {
    zh(en).unwrap_or(en)
}

/// The Chinese wording of an English help text, if there is one.
pub fn zh(en: &str) -> Option<&'static str> {
    ZH.iter().find(|(e, _)| *e == en).map(|(_, z)| *z)
}

/// Every help text of the command line, English → Chinese.
const ZH: &[(&str, &str)] = &[
    // The program.
    (
        "填表 tianbiao: fill long Chinese application forms in a terminal",
        "填表 tianbiao：在终端里填写长篇中文申报表",
    ),
    (
        "填表 tianbiao：在终端里填写长篇中文申报表。\nA keyboard-driven terminal form filler for long Chinese application forms.\nWithout a command it opens the built-in 附件1 form.",
        "填表 tianbiao：在终端里填写长篇中文申报表，全程键盘操作。\n不带命令时打开内置的附件1表单。",
    ),
    ("Print help", "显示帮助"),
    (
        "Print help (see more with '--help')",
        "显示帮助（--help 显示更多）",
    ),
    (
        "Print help (see a summary with '-h')",
        "显示帮助（-h 显示摘要）",
    ),
    ("Print version", "显示版本"),
    (
        "Print this message or the help of the given subcommand(s)",
        "显示本帮助或指定命令的帮助",
    ),
    // Global options.
    (
        "Interface language: zh (default) or en. Without it an English LANG gives English",
        "界面语言：zh（默认）或 en。不指定时，LANG 为英文则用英文",
    ),
    (
        "Colour theme: dark (default), light, high-contrast, mono, or a theme file. Without it the terminal's background picks dark or light; NO_COLOR gives mono",
        "配色：dark（默认）、light、high-contrast、mono，或主题文件。不指定时按终端背景选 dark 或 light；设置了 NO_COLOR 则为 mono",
    ),
    (
        "How wide the terminal draws ambiguous-width characters (“ ” — … ─): auto asks the terminal at start-up; also TIANBIAO_AMBIGUOUS",
        "终端把宽度不定的字符（“ ” — … ─）画成几列：auto 在启动时询问终端；也可用环境变量 TIANBIAO_AMBIGUOUS",
    ),
    (
        "Editor and review: click a field or a section in the overview to go there, the wheel scrolls. Off by default, so selecting text with the mouse keeps working (most terminals still select with Shift held when it is on)",
        "编辑器和评审界面可用鼠标：点击总览中的节或项即跳到那里，滚轮滚动。默认关闭，以免影响用鼠标选取复制文字（开启后多数终端按住 Shift 仍可选取）",
    ),
    // fill
    (
        "Fill a form in the editor (what a bare `tianbiao` does with the 附件1 form)",
        "在编辑器里填写表单（不带命令的 `tianbiao` 即用附件1表单这样做）",
    ),
    (
        "The form: a built-in id (ai-scenario, ai-scenario-summary) or a form file",
        "表单：内置表单编号（ai-scenario、ai-scenario-summary）或表单文件",
    ),
    (
        "The draft: a name in the drafts folder or a path. A path that does not exist yet starts a new draft there",
        "草稿：草稿目录中的名称或路径。路径尚不存在时，在那里新建草稿",
    ),
    (
        "Open without changing anything (no lock, no saves)",
        "只读打开，不做任何改动（不加锁，不保存）",
    ),
    (
        "Walk the form line by line with plain prompts (screen readers, dumb terminals, scripts). Chosen by itself when TERM=dumb or standard input or output is not a terminal",
        "逐行提问填写（适合读屏软件、哑终端和脚本）。TERM=dumb 或标准输入、输出不是终端时自动选用",
    ),
    (
        "Answer a field before editing: FIELD=TEXT, or FIELD=@FILE for a text file in UTF-8, UTF-16 or GB18030/GBK. FIELD is a field id or label. Repeatable",
        "编辑前先填一个字段：字段=文字，或 字段=@文件（UTF-8、UTF-16 或 GB18030/GBK 文本文件）。字段可写编号或标签。可重复",
    ),
    (
        "With --set: write the draft and exit without opening the editor",
        "与 --set 同用：写入草稿后退出，不打开编辑器",
    ),
    (
        "With --set: replace answers that are already there",
        "与 --set 同用：覆盖已有的内容",
    ),
    (
        "With --set: add to answers that are already there (a new paragraph, more items)",
        "与 --set 同用：追加到已有内容之后（新起一段，或增加条目）",
    ),
    // forms, form
    (
        "List the built-in forms (id, title, version)",
        "列出内置表单（编号、标题、版本）",
    ),
    ("Work with form description files", "处理表单描述文件"),
    (
        "Check form files: exit 0 when all are valid, 1 listing every error, 2 when one can't be read",
        "检查表单文件：全部有效退出码 0；有错误时列出每一处，退出码 1；无法读取时退出码 2",
    ),
    (
        "Print the outline of a form (a built-in id or a file): sections, fields, limits",
        "显示表单的结构（内置编号或文件）：各部分、字段、字数限制",
    ),
    // count
    (
        "Count 字 the way Word does (and characters), for a file or standard input",
        "按 Word 的方法统计字数（及字符数），对象为文件或标准输入",
    ),
    (
        "The text file to count; standard input when absent",
        "要统计的文本文件；省略时读标准输入",
    ),
    (
        "Print exactly {\"zishu\":N,\"chars\":N,\"chars_with_spaces\":N} (plus the limit state with --limit)",
        "只输出 {\"zishu\":N,\"chars\":N,\"chars_with_spaces\":N}（带 --limit 时另加限额状态）",
    ),
    (
        "Check the text against a limit and say how much is left or over",
        "对照字数上限，说明还可输入多少或超出多少",
    ),
    ("Counting mode the limit is in", "上限所用的计数方式"),
    (
        "Count Chinese-style ambiguous punctuation (“” —— ……) as ordinary characters, not 字",
        "把中文的宽度不定标点（“” —— ……）按普通字符计，不计为字",
    ),
    // export, import
    (
        "Export a draft: submission JSON/RON, Markdown, plain text, Word (.docx), or a bundle folder",
        "导出草稿：提交用 JSON/RON、Markdown、纯文本、Word（.docx）或打包文件夹",
    ),
    (
        "The draft: a name in the drafts directory or a path to a draft file. Without it, the most recently changed draft",
        "草稿：草稿目录中的名称或草稿文件路径。省略时为最近修改的草稿",
    ),
    ("Output format", "输出格式"),
    (
        "Output file; standard output when absent or `-` (not for docx)",
        "输出文件；省略或为 `-` 时写到标准输出（docx 除外）",
    ),
    (
        "Write a submission folder: submission.json, the .docx and the attachments",
        "写出提交文件夹：submission.json、.docx 文档和附件",
    ),
    (
        "Export even with problems (the file says \"valid\": false), and replace an existing file",
        "有问题也导出（文件中标明 \"valid\": false），并覆盖已有文件",
    ),
    (
        "The form description file to use instead of the built-in form with the draft's form id",
        "使用此表单描述文件，而不用与草稿表单编号相同的内置表单",
    ),
    (
        "Turn a submission (JSON from `export`) back into a draft",
        "把提交文件（`export` 导出的 JSON）还原为草稿",
    ),
    (
        "A submission file (JSON) made by `tianbiao export`, or a Word document (.docx) filled in from the form's template (told by the content)",
        "`tianbiao export` 生成的提交文件（JSON），或按表单模板填写的 Word 文档（.docx）（按内容识别）",
    ),
    (
        "Name of the new draft (default: the draft name in the submission)",
        "新草稿的名称（默认：提交文件中的草稿名）",
    ),
    (
        "Write the draft to this path instead of the drafts directory",
        "把草稿写到此路径，而不是草稿目录",
    ),
    ("Replace an existing draft", "覆盖已有的草稿"),
    (
        "The form: a built-in id or a form description file. For a Word document it is guessed from the content when not given (the choice is printed)",
        "表单：内置编号或表单描述文件。Word 文档不指定时按内容推断（会显示所选表单）",
    ),
    // drafts
    (
        "List, show and remove drafts; `drafts path` prints where they live",
        "列出、查看和删除草稿；`drafts path` 显示草稿所在目录",
    ),
    (
        "List the drafts: name, form, last saved, how complete, how many problems (the default)",
        "列出草稿：名称、表单、最后保存时间、完成程度、问题数（默认）",
    ),
    (
        "Show one draft: its details, its problems and everything written in it",
        "查看一份草稿：基本信息、问题和填写的全部内容",
    ),
    (
        "Remove a draft, keeping a recoverable copy (asks first unless --yes)",
        "删除草稿，保留可恢复的副本（除非 --yes，否则先询问）",
    ),
    ("Do not ask", "不询问"),
    (
        "Print the directory where drafts live",
        "显示草稿所在的目录",
    ),
    // check
    (
        "Check received drafts and submissions in batch: counts, missing fields, every finding and a verdict per file. Exit 0 all pass, 1 any fails, 2 any cannot be read",
        "批量检查收到的草稿和提交文件：字数、缺填字段、每个问题，并逐个文件给出结论。全部通过退出码 0，有未通过的 1，有无法读取的 2",
    ),
    (
        "Drafts (.ron), submissions (.json) or Word documents (.docx) to check; a directory means the *.ron, *.json, *.docx, *.doc and *.wps files directly inside it. The kind is told by the content, not the name",
        "要检查的草稿（.ron）、提交文件（.json）或 Word 文档（.docx）；目录表示其中直接包含的 *.ron、*.json、*.docx、*.doc 和 *.wps 文件。文件类型按内容识别，不看文件名",
    ),
    (
        "A block per file and a verdict line, readable at 80 columns",
        "每个文件一段，外加一行结论，80 列宽可读",
    ),
    (
        "An array with one object per file",
        "数组，每个文件一个对象",
    ),
    (
        "A form description file for files whose form is not built in (may be repeated)",
        "表单不是内置表单时所用的表单描述文件（可重复）",
    ),
    (
        "Do not look for attachment files beside the received files",
        "不在收到的文件旁查找附件",
    ),
    (
        "For Word documents: print what was detected (each field and section with paragraph numbers, ticked options, text measured apart) instead of the report",
        "用于 Word 文档：不出报告，改为显示识别结果（每个字段和部分及其段落号、勾选的选项、另计字数的文字）",
    ),
    (
        "Convert .doc/.wps files to .docx with LibreOffice (soffice on the PATH) and check them",
        "用 LibreOffice（PATH 中的 soffice）把 .doc/.wps 转为 .docx 再检查",
    ),
    // summary
    (
        "Build the 附件2 summary table (推荐汇总表) from received applications: xlsx, csv, md, json",
        "用收到的申报材料生成附件2推荐汇总表：xlsx、csv、md、json",
    ),
    (
        "The applications (附件1 drafts or submissions), at most 20; a directory means the *.ron and *.json files directly inside it. Rows follow this order",
        "申报材料（附件1的草稿或提交文件），最多 20 份；目录表示其中直接包含的 *.ron 和 *.json 文件。各行按此顺序排列",
    ),
    ("先导区名称: the pilot zone's name", "先导区名称"),
    (
        "填报日期 (default: today; SOURCE_DATE_EPOCH when set)",
        "填报日期（默认：今天；设置了 SOURCE_DATE_EPOCH 时用它）",
    ),
    (
        "Output format (default: from the -o extension, else md)",
        "输出格式（默认：按 -o 的扩展名，否则为 md）",
    ),
    (
        "Output file; standard output when absent or `-` (not for xlsx or docx)",
        "输出文件；省略或为 `-` 时写到标准输出（xlsx 和 docx 除外）",
    ),
    (
        "The zone's key application domains, e.g. 交通运输,物流 (the review sheet gets a 重点领域 column and the \"at least 10\" rule is checked, over accepted rows only)",
        "先导区的重点应用领域，如 交通运输,物流（核查表增加“重点领域”一列，并按通过核查的行检查“不少于 10 个”的要求）",
    ),
    (
        "Leave rows that fail the check or are duplicates out of the table sent on (they stay in the review sheet and on standard error)",
        "未通过检查或重复的行不列入报送的汇总表（仍列在核查表和标准错误输出中）",
    ),
    (
        "Also write the table as a draft of the summary form (a name in the drafts directory or a path), to finish in the editor",
        "同时把汇总表写成汇总表单的草稿（草稿目录中的名称或路径），以便在编辑器中完成",
    ),
    (
        "Refuse (exit 1, nothing written) when a file fails the check or is a duplicate, or fewer key-domain scenarios than the notice asks for are accepted",
        "有文件未通过检查或重复，或通过核查的重点领域场景少于通知要求时，拒绝生成（退出码 1，不写任何文件）",
    ),
    (
        "Replace an existing output file or draft",
        "覆盖已有的输出文件或草稿",
    ),
    // review
    (
        "Review received drafts/submissions read-only, with notes per field; `--notes` writes the notes as a document to send back",
        "只读审阅收到的草稿和提交文件，可逐字段写意见；`--notes` 把意见写成文档以便退回",
    ),
    (
        "Received drafts (.ron), submissions (.json) or Word documents (.docx); a directory means the files inside it",
        "收到的草稿（.ron）、提交文件（.json）或 Word 文档（.docx）；目录表示其中的文件",
    ),
    (
        "Do not open the screen: write the notes (with every problem found) as a Markdown document to send back",
        "不打开界面：把意见（连同发现的每个问题）写成 Markdown 文档以便退回",
    ),
    (
        "Where `--notes` writes (standard output when absent or `-`)",
        "`--notes` 的输出位置（省略或为 `-` 时写到标准输出）",
    ),
    (
        "Replace an existing different output file",
        "覆盖内容不同的已有输出文件",
    ),
    (
        "With --notes: the reviewing office, printed at the top of the document (评审单位)",
        "与 --notes 同用：评审单位，印在文档开头",
    ),
];

/// A clap usage error in the interface language; `None`: clap's own (English) wording.
pub fn usage_error(e: &clap::Error, cmd: &clap::Command, lang: Lang) -> Option<String> {
    match lang {
        Lang::Zh => zh_error(e, cmd),
        Lang::En => None,
    }
}

/// A clap usage error in Chinese: what was wrong, a suggestion when clap has one, the usage line
/// and where to read more. `None` for kinds that are not errors (help, version) or that clap words
/// better than a generic sentence would.
fn zh_error(e: &clap::Error, cmd: &clap::Command) -> Option<String> {
    let ctx = |k: ContextKind| -> Option<String> {
        match e.get(k)? {
            ContextValue::String(s) => Some(s.clone()),
            ContextValue::Strings(v) => Some(v.join("、")),
            ContextValue::StyledStr(s) => Some(s.to_string()),
            ContextValue::StyledStrs(v) => Some(
                v.iter()
                    .map(|s| s.to_string())
                    .collect::<Vec<_>>()
                    .join("、"),
            ),
            ContextValue::Number(n) => Some(n.to_string()),
            _ => None,
        }
    };
    let arg = ctx(ContextKind::InvalidArg).unwrap_or_default();
    let value = ctx(ContextKind::InvalidValue).unwrap_or_default();
    let head = match e.kind() {
        ErrorKind::UnknownArgument => format!("无法识别的参数 '{arg}'"),
        ErrorKind::InvalidSubcommand => {
            let sub = ctx(ContextKind::InvalidSubcommand).unwrap_or_default();
            format!("无法识别的命令 '{sub}'")
        }
        ErrorKind::InvalidValue => {
            let valid = ctx(ContextKind::ValidValue)
                .map(|v| format!("（可选：{v}）"))
                .unwrap_or_default();
            if value.is_empty() {
                format!("{arg} 需要一个值{valid}")
            } else {
                format!("{arg} 的值 '{value}' 无效{valid}")
            }
        }
        ErrorKind::ValueValidation => {
            let why = std::error::Error::source(e)
                .map(|s| format!("：{}", zh_reason(&s.to_string())))
                .unwrap_or_default();
            format!("{arg} 的值 '{value}' 无效{why}")
        }
        ErrorKind::MissingRequiredArgument => format!("缺少必需的参数：{arg}"),
        ErrorKind::ArgumentConflict => {
            let other = ctx(ContextKind::PriorArg).unwrap_or_default();
            format!("参数 '{arg}' 不能与 '{other}' 同用")
        }
        ErrorKind::TooManyValues => format!("{arg} 给出的值太多（'{value}'）"),
        ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => {
            format!("{arg} 给出的值个数不对")
        }
        ErrorKind::NoEquals => format!("{arg} 的值须用 = 连接"),
        ErrorKind::InvalidUtf8 => "参数不是 UTF-8 文本".to_string(),
        ErrorKind::MissingSubcommand => {
            let name = ctx(ContextKind::InvalidSubcommand).unwrap_or_default();
            format!("缺少命令{name}")
        }
        _ => return None,
    };
    let mut out = format!("错误：{head}\n");
    if let Some(s) = ctx(ContextKind::SuggestedArg) {
        out.push_str(&format!("\n  提示：有相近的参数 '{s}'\n"));
    }
    if let Some(s) = ctx(ContextKind::SuggestedSubcommand) {
        out.push_str(&format!("\n  提示：有相近的命令 '{s}'\n"));
    }
    let usage = ctx(ContextKind::Usage)
        .map(|u| u.trim().trim_start_matches("Usage:").trim().to_string())
        .filter(|u| !u.is_empty())
        .unwrap_or_else(|| cmd.get_name().to_string());
    out.push_str(&format!("\n用法：{usage}\n\n更多信息请用 '--help'。\n"));
    Some(out)
}

/// Reasons our own value parsers give, in Chinese.
fn zh_reason(en: &str) -> String {
    if let Some(rest) = en.strip_prefix("unknown language '") {
        let v = rest.trim_end_matches("' (use zh or en)");
        return format!("未知的语言 '{v}'（请用 zh 或 en）");
    }
    en.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    fn walk(c: &clap::Command, path: &str, missing: &mut Vec<String>) {
        let texts = c
            .get_about()
            .into_iter()
            .chain(c.get_long_about())
            .map(|s| s.to_string());
        for t in texts {
            if zh(&t).is_none() {
                missing.push(format!("{path}: {t}"));
            }
        }
        for a in c.get_arguments() {
            let values = a.get_possible_values();
            let texts = a
                .get_help()
                .into_iter()
                .chain(a.get_long_help())
                .map(|s| s.to_string())
                .chain(
                    values
                        .iter()
                        .filter_map(|p| p.get_help().map(|h| h.to_string())),
                );
            for t in texts {
                if zh(&t).is_none() {
                    missing.push(format!("{path} {}: {t}", a.get_id()));
                }
            }
        }
        for s in c.get_subcommands() {
            walk(s, &format!("{path} {}", s.get_name()), missing);
        }
    }

    #[test]
    fn every_help_text_has_a_chinese_wording() {
        let mut cmd = crate::cli::Cli::command();
        cmd.build();
        let mut missing = Vec::new();
        walk(&cmd, "tianbiao", &mut missing);
        assert!(
            missing.is_empty(),
            "no Chinese for:\n{}",
            missing.join("\n")
        );
    }

    #[test]
    fn the_table_holds_no_wording_the_command_line_no_longer_has() {
        let mut cmd = crate::cli::Cli::command();
        cmd.build();
        let mut all = Vec::new();
        fn collect(c: &clap::Command, all: &mut Vec<String>) {
            all.extend(c.get_about().map(|s| s.to_string()));
            all.extend(c.get_long_about().map(|s| s.to_string()));
            for a in c.get_arguments() {
                all.extend(a.get_help().map(|s| s.to_string()));
                all.extend(a.get_long_help().map(|s| s.to_string()));
                for p in a.get_possible_values() {
                    all.extend(p.get_help().map(|h| h.to_string()));
                }
            }
            for s in c.get_subcommands() {
                collect(s, all);
            }
        }
        collect(&cmd, &mut all);
        let stale: Vec<&str> = ZH
            .iter()
            .map(|(e, _)| *e)
            .filter(|e| !all.iter().any(|a| a == e))
            .collect();
        assert!(stale.is_empty(), "stale: {stale:?}");
    }
}
