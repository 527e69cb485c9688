//! The words only the commands print (the `drafts`, `export`, `import` and `summary` commands),
//! in Chinese (default) and English. Words about a module's own types live in its `msg.rs`.

/// `drafts` command strings.
pub mod drafts {

    use crate::lang::Lang;

    pub fn headers(lang: Lang) -> [&'static str; 5] {
        match lang {
            Lang::Zh => ["名称", "表单", "最后保存", "完成度", "问题"],
            Lang::En => ["name", "form", "last saved", "complete", "problems"],
        }
    }

    pub fn no_drafts(lang: Lang, dir: &str) -> String {
        match lang {
            Lang::Zh => format!("还没有草稿（{dir}）"),
            Lang::En => format!("no drafts yet ({dir})"),
        }
    }

    pub fn unknown_form(lang: Lang) -> &'static str {
        lang.pick("未知表单", "unknown form")
    }

    /// `超字数 1 · 必填 3 · 其他 2`, or `无` / `none`.
    pub fn problems(lang: Lang, over: usize, required: usize, other: usize) -> String {
        if over + required + other == 0 {
            return lang.pick("无", "none").into();
        }
        let mut parts = Vec::new();
        if over > 0 {
            parts.push(match lang {
                Lang::Zh => format!("超字数 {over}"),
                Lang::En => format!("{over} over limit"),
            });
        }
        if required > 0 {
            parts.push(match lang {
                Lang::Zh => format!("必填未填 {required}"),
                Lang::En => format!("{required} required missing"),
            });
        }
        if other > 0 {
            parts.push(match lang {
                Lang::Zh => format!("其他 {other}"),
                Lang::En => format!("{other} other"),
            });
        }
        parts.join(" · ")
    }

    pub fn corrupt_kept(lang: Lang, n: usize) -> String {
        match lang {
            Lang::Zh => format!("另有 {n} 个损坏后保留的文件（*.corrupt-*.ron）"),
            Lang::En => format!("also {n} damaged file(s) kept aside (*.corrupt-*.ron)"),
        }
    }

    pub fn no_data_dir(lang: Lang) -> &'static str {
        lang.pick(
            "找不到用户数据目录；请设置 TIANBIAO_DATA_DIR",
            "no user data directory found; set TIANBIAO_DATA_DIR",
        )
    }

    pub fn rm_confirm(lang: Lang, name: &str, path: &str) -> String {
        match lang {
            Lang::Zh => format!("删除草稿“{name}”（{path}）？会保留一份可恢复的副本。[y/N] "),
            Lang::En => {
                format!("Remove the draft '{name}' ({path})? A recoverable copy is kept. [y/N] ")
            }
        }
    }

    pub fn rm_needs_yes(lang: Lang) -> &'static str {
        lang.pick(
            "没有终端可以确认：请加 --yes 确认删除",
            "no terminal to confirm on: add --yes to remove",
        )
    }

    pub fn rm_cancelled(lang: Lang) -> &'static str {
        lang.pick("未删除", "not removed")
    }

    pub fn rm_done(lang: Lang, path: &str, kept: &str) -> String {
        match lang {
            Lang::Zh => format!("已删除 {path}；可从 {kept} 恢复"),
            Lang::En => format!("removed {path}; recoverable from {kept}"),
        }
    }

    pub fn rm_locked(lang: Lang, path: &str, holder: &str) -> String {
        match lang {
            Lang::Zh => format!("{path}：正在被 {holder} 编辑，未删除"),
            Lang::En => format!("{path}: being edited by {holder}; not removed"),
        }
    }

    pub fn show_labels(lang: Lang) -> [&'static str; 7] {
        match lang {
            Lang::Zh => ["名称", "文件", "表单", "创建", "最后保存", "完成度", "问题"],
            Lang::En => [
                "name",
                "file",
                "form",
                "created",
                "last saved",
                "complete",
                "problems",
            ],
        }
    }

    pub fn answers_heading(lang: Lang) -> &'static str {
        lang.pick("已填写的内容", "answers")
    }

    pub fn orphans_heading(lang: Lang) -> &'static str {
        lang.pick(
            "表单中已没有的字段（内容保留）",
            "fields the form no longer has (kept)",
        )
    }

    pub fn no_problems(lang: Lang) -> &'static str {
        lang.pick("没有问题", "no problems")
    }

    pub fn yes(lang: Lang) -> &'static str {
        lang.pick("是", "yes")
    }

    pub fn no(lang: Lang) -> &'static str {
        lang.pick("否", "no")
    }

    pub fn skipped(lang: Lang) -> &'static str {
        lang.pick("无法读取，已跳过", "could not be read, skipped")
    }
}

/// `export` and `import` command strings.
pub mod export {
    use crate::lang::{Lang, q};
    use crate::sanitize::for_terminal;

    fn path(p: &std::path::Path) -> String {
        for_terminal(&p.display().to_string())
    }

    /// `已导出 智慧港口.docx（docx，12345 字节）`.
    pub fn exported(lang: Lang, what: &str, format: &str, bytes: usize, unchanged: bool) -> String {
        match (lang, unchanged) {
            (Lang::Zh, false) => format!("已导出 {}（{format}，{bytes} 字节）", for_terminal(what)),
            (Lang::Zh, true) => format!("{} 内容相同，未改动（{format}）", for_terminal(what)),
            (Lang::En, false) => {
                format!("exported {} ({format}, {bytes} bytes)", for_terminal(what))
            }
            (Lang::En, true) => format!(
                "{} is already identical; left as is ({format})",
                for_terminal(what)
            ),
        }
    }

    /// Heading of the findings printed when exporting anyway.
    pub fn forced(lang: Lang, n: usize) -> String {
        if lang == Lang::Zh {
            format!("注意：按 --force 导出，仍有 {n} 个问题（文件中 \"valid\": false）：")
        } else {
            format!(
                "note: exported with --force despite {n} problem(s) (\"valid\": false in the file):"
            )
        }
    }

    pub fn docx_needs_path(lang: Lang) -> String {
        lang.pick(
            "docx 是二进制格式，请用 -o 文件名.docx 指定输出文件",
            "docx is binary: name an output file with -o FILE.docx",
        )
        .into()
    }

    pub fn no_data_dir(lang: Lang) -> String {
        lang.pick(
            "找不到数据目录（设置 TIANBIAO_DATA_DIR，或给出草稿文件的路径）",
            "no data directory (set TIANBIAO_DATA_DIR, or give the draft's path)",
        )
        .into()
    }

    pub fn draft_unreadable(lang: Lang, p: &std::path::Path, why: &str) -> String {
        if lang == Lang::Zh {
            format!("{}：无法读取草稿：{why}", path(p))
        } else {
            format!("{}: cannot read the draft: {why}", path(p))
        }
    }

    pub fn draft_invalid(
        lang: Lang,
        p: &std::path::Path,
        line: usize,
        col: usize,
        why: &str,
    ) -> String {
        if lang == Lang::Zh {
            format!(
                "{}:{line}:{col}: 草稿文件无效：{}",
                path(p),
                for_terminal(why)
            )
        } else {
            format!(
                "{}:{line}:{col}: not a valid draft: {}",
                path(p),
                for_terminal(why)
            )
        }
    }

    pub fn unknown_form(lang: Lang, id: &str) -> String {
        if lang == Lang::Zh {
            format!(
                "未知的表单 {}：不是内置表单（tianbiao forms 列出内置表单）；可用 --form 文件 指定表单描述文件",
                q(id)
            )
        } else {
            format!(
                "unknown form {}: not a built-in form (see tianbiao forms); name a form file with --form FILE",
                q(id)
            )
        }
    }

    pub fn form_mismatch(lang: Lang, file_id: &str, draft_id: &str) -> String {
        if lang == Lang::Zh {
            format!(
                "表单文件的 id 是 {}，但该文件属于表单 {}",
                q(file_id),
                q(draft_id)
            )
        } else {
            format!(
                "the form file is {}, but the file belongs to form {}",
                q(file_id),
                q(draft_id)
            )
        }
    }

    pub fn submission_invalid(lang: Lang, p: &std::path::Path, why: &str) -> String {
        if lang == Lang::Zh {
            format!("{}：不是有效的提交文件：{}", path(p), for_terminal(why))
        } else {
            format!("{}: not a valid submission: {}", path(p), for_terminal(why))
        }
    }

    pub fn submission_format(lang: Lang, p: &std::path::Path, found: &str) -> String {
        let found = if found.is_empty() { "-" } else { found };
        if lang == Lang::Zh {
            format!(
                "{}：格式 {} 不受支持（应为 {}）",
                path(p),
                q(found),
                crate::export::FORMAT
            )
        } else {
            format!(
                "{}: format {} is not supported (expected {})",
                path(p),
                q(found),
                crate::export::FORMAT
            )
        }
    }

    pub fn draft_exists(lang: Lang, p: &std::path::Path) -> String {
        if lang == Lang::Zh {
            format!(
                "草稿 {} 已存在；未覆盖（加 --force 覆盖，或用 --name 另起名字）",
                path(p)
            )
        } else {
            format!(
                "draft {} already exists; not overwritten (--force replaces it, --name picks another name)",
                path(p)
            )
        }
    }

    pub fn imported(lang: Lang, p: &std::path::Path, findings: usize) -> String {
        match (lang, findings) {
            (Lang::Zh, 0) => format!("已导入为草稿 {}", path(p)),
            (Lang::Zh, n) => format!("已导入为草稿 {}（有 {n} 个问题待修改）", path(p)),
            (Lang::En, 0) => format!("imported as draft {}", path(p)),
            (Lang::En, n) => format!("imported as draft {} ({n} problem(s) to fix)", path(p)),
        }
    }

    pub fn no_drafts(lang: Lang, dir: &std::path::Path) -> String {
        if lang == Lang::Zh {
            format!("{} 中没有草稿；请给出草稿名或路径", path(dir))
        } else {
            format!("no drafts in {}; name a draft or give its path", path(dir))
        }
    }

    pub fn using_latest(lang: Lang, p: &std::path::Path) -> String {
        if lang == Lang::Zh {
            format!("未指定草稿，使用最近修改的 {}", path(p))
        } else {
            format!(
                "no draft named; using the most recently changed one, {}",
                path(p)
            )
        }
    }

    pub fn draft_too_large(lang: Lang, p: &std::path::Path, size: usize, cap: u64) -> String {
        if lang == Lang::Zh {
            format!(
                "{}：导入后的草稿有 {size} 字节，超过草稿上限 {cap} 字节，未导入",
                path(p)
            )
        } else {
            format!(
                "{}: the draft would be {size} bytes, over the draft limit of {cap}; not imported",
                path(p)
            )
        }
    }
}

/// `summary` command strings.
pub mod summary {
    use crate::lang::{Lang, q};
    use crate::review::msg::{path, qs};

    /// More files than the table allows.
    pub fn too_many(lang: Lang, count: usize, max: usize) -> String {
        if lang == Lang::Zh {
            format!(
                "给出了 {count} 个文件，但汇总表最多 {max} 行（每个先导区推荐不超过 {max} 个场景）；请挑选后再生成，未写入任何文件"
            )
        } else {
            format!(
                "{count} files given, but the summary table has at most {max} rows (a zone recommends at most {max} scenarios); choose, then run again; nothing written"
            )
        }
    }

    /// Some inputs could not be read: no table.
    pub fn inputs_unreadable(lang: Lang, n: usize) -> String {
        if lang == Lang::Zh {
            format!("{n} 个文件无法读取，未生成汇总表（去掉或修好这些文件后再试）")
        } else {
            format!(
                "{n} file(s) cannot be read; no summary written (remove or fix them, then retry)"
            )
        }
    }

    /// A file whose form is not 附件1.
    pub fn not_application(lang: Lang, p: &std::path::Path, form_id: &str) -> String {
        if lang == Lang::Zh {
            format!(
                "{}: 不是申报表（附件1），而是表单 {}，不能列入汇总表",
                path(p),
                q(form_id)
            )
        } else {
            format!(
                "{}: not an application (附件1) but form {}; it cannot be a row",
                path(p),
                q(form_id)
            )
        }
    }

    /// A row whose file fails the check.
    pub fn row_fails(lang: Lang, seq: usize, p: &std::path::Path, n: usize) -> String {
        if lang == Lang::Zh {
            format!(
                "注意：第 {seq} 行（{}）未通过检查（{n} 个问题），已列入并在“核查”列标明",
                path(p)
            )
        } else {
            format!(
                "note: row {seq} ({}) fails the check ({n} problem(s)); listed, marked in the 核查 column",
                path(p)
            )
        }
    }

    pub fn row_same_file(lang: Lang, seq: usize, p: &std::path::Path, of: usize) -> String {
        if lang == Lang::Zh {
            format!(
                "注意：第 {seq} 行（{}）与第 {of} 行是同一个文件（内容完全相同）",
                path(p)
            )
        } else {
            format!(
                "note: row {seq} ({}) is the same file as row {of} (identical bytes)",
                path(p)
            )
        }
    }

    pub fn row_same_name(
        lang: Lang,
        seq: usize,
        p: &std::path::Path,
        of: usize,
        name: &str,
    ) -> String {
        if lang == Lang::Zh {
            format!(
                "注意：第 {seq} 行（{}）与第 {of} 行的场景名称相同：{}",
                path(p),
                qs(name)
            )
        } else {
            format!(
                "note: row {seq} ({}) has the same scenario name as row {of}: {}",
                path(p),
                qs(name)
            )
        }
    }

    /// The key-domain count against the form's rule.
    pub fn key_domains_short(lang: Lang, got: usize, need: usize) -> String {
        if lang == Lang::Zh {
            format!("注意：与重点应用领域相关的场景 {got} 个，少于通知要求的 {need} 个（仍已生成）")
        } else {
            format!(
                "note: {got} scenario(s) in the key domains, fewer than the {need} the notice asks for (written anyway)"
            )
        }
    }

    /// The key-domain count when the rule is met (it goes to standard error: the table sent
    /// on has no column for it).
    pub fn key_domains_count(lang: Lang, got: usize, need: usize) -> String {
        if lang == Lang::Zh {
            format!(
                "与重点应用领域相关的场景 {got} 个（通知要求不少于 {need} 个；只计通过检查且不重复的）"
            )
        } else {
            format!(
                "{got} scenario(s) in the key domains (the notice asks for at least {need}; accepted, unique rows only)"
            )
        }
    }

    /// `--strict` and too few accepted key-domain scenarios.
    pub fn strict_refused_key_domains(lang: Lang, got: usize, need: usize) -> String {
        if lang == Lang::Zh {
            format!(
                "--strict：通过检查的重点领域相关场景只有 {got} 个，少于通知要求的 {need} 个，未写入任何文件"
            )
        } else {
            format!(
                "--strict: only {got} accepted scenario(s) in the key domains, fewer than the {need} the notice asks for; nothing written"
            )
        }
    }

    /// `--exclude-failing` left rows out of the table sent on.
    pub fn rows_excluded(lang: Lang, n: usize) -> String {
        if lang == Lang::Zh {
            format!("--exclude-failing：{n} 行未通过检查或重复，未列入报送的汇总表（仍在核查表中）")
        } else {
            format!(
                "--exclude-failing: {n} row(s) fail the check or are duplicates and are left out of the table sent on (they stay in the review sheet)"
            )
        }
    }

    pub fn key_domains_missing(lang: Lang) -> String {
        lang.pick(
            "提示：未给出 --key-domains，核查表没有“重点领域”一列，也无法核对“重点领域相关场景不少于 10 个”",
            "hint: without --key-domains the review sheet has no 重点领域 column and the \"at least 10 in key domains\" rule is not checked",
        )
        .into()
    }

    pub fn unknown_key_domain(lang: Lang, d: &str, options: &[String]) -> String {
        if lang == Lang::Zh {
            format!(
                "注意：重点领域 {} 不是“所属行业领域”的选项，也不是任何一行“其他”注明的领域（选项：{}）",
                q(d),
                options.join("、")
            )
        } else {
            format!(
                "note: key domain {} is neither a 所属行业领域 option nor any row's \"other\" domain (options: {})",
                q(d),
                options.join(", ")
            )
        }
    }

    /// `--strict` refused a flagged table.
    pub fn strict_refused(lang: Lang, n: usize) -> String {
        if lang == Lang::Zh {
            format!("--strict：{n} 行未通过检查或重复，未写入任何文件")
        } else {
            format!("--strict: {n} row(s) fail the check or are duplicates; nothing written")
        }
    }

    pub fn xlsx_needs_path(lang: Lang) -> String {
        lang.pick(
            "xlsx 和 docx 是二进制格式，请用 -o 文件名.xlsx 或 -o 文件名.docx 指定输出文件",
            "xlsx and docx are binary: name an output file with -o FILE.xlsx or -o FILE.docx",
        )
        .into()
    }

    pub fn bad_date(lang: Lang, s: &str) -> String {
        if lang == Lang::Zh {
            format!("--date {} 不是有效日期（如 2022-08-15）", q(s))
        } else {
            format!("--date {} is not a valid date (e.g. 2022-08-15)", q(s))
        }
    }

    pub fn empty_zone(lang: Lang) -> String {
        lang.pick(
            "--zone 不能为空（先导区名称）",
            "--zone must not be empty (the pilot zone's name)",
        )
        .into()
    }

    /// `已写入 汇总表.xlsx（12 行，xlsx，8123 字节）`.
    pub fn written(
        lang: Lang,
        p: &std::path::Path,
        rows: usize,
        format: &str,
        bytes: usize,
    ) -> String {
        if lang == Lang::Zh {
            format!("已写入 {}（{rows} 行，{format}，{bytes} 字节）", path(p))
        } else {
            format!("wrote {} ({rows} rows, {format}, {bytes} bytes)", path(p))
        }
    }

    pub fn unchanged(lang: Lang, p: &std::path::Path) -> String {
        if lang == Lang::Zh {
            format!("{} 内容相同，未改动", path(p))
        } else {
            format!("{} is already identical; left as is", path(p))
        }
    }

    pub fn draft_written(lang: Lang, p: &std::path::Path) -> String {
        if lang == Lang::Zh {
            format!("已写入汇总表草稿 {}（可用编辑器继续填写）", path(p))
        } else {
            format!(
                "wrote the summary draft {} (finish it in the editor)",
                path(p)
            )
        }
    }
}

/// `check` command strings.
pub mod check {
    use crate::lang::Lang;

    pub fn no_files(lang: Lang) -> &'static str {
        lang.pick(
            "没有找到要检查的文件（目录中没有 .ron、.json 或 .docx 文件）",
            "no files to check (no .ron, .json or .docx files in the directory)",
        )
    }
}

/// `count` command strings.
pub mod count {
    use crate::count::LimitState;
    use crate::lang::Lang;

    pub fn not_utf8(lang: Lang) -> &'static str {
        lang.pick("不是 UTF-8 文本，无法计数", "not UTF-8 text, cannot count")
    }

    /// `523/500 字：超出 23 字`.
    pub fn limit_line(lang: Lang, n: usize, limit: usize, u: &str, st: LimitState) -> String {
        match (st, lang) {
            (LimitState::Ok { remaining }, Lang::Zh) => {
                format!("{n}/{limit} {u}：未超出，还可输入 {remaining} {u}")
            }
            (LimitState::Near { remaining }, Lang::Zh) => {
                format!("{n}/{limit} {u}：接近上限，还可输入 {remaining} {u}")
            }
            (LimitState::Over { excess }, Lang::Zh) => {
                format!("{n}/{limit} {u}：超出 {excess} {u}")
            }
            (LimitState::Ok { remaining }, Lang::En) => {
                format!("{n}/{limit} {u}: within the limit, {remaining} left")
            }
            (LimitState::Near { remaining }, Lang::En) => {
                format!("{n}/{limit} {u}: near the limit, {remaining} left")
            }
            (LimitState::Over { excess }, Lang::En) => {
                format!("{n}/{limit} {u}: over by {excess}")
            }
        }
    }
}

/// `forms` and `form check` command strings.
pub mod forms {
    use crate::lang::Lang;

    pub fn valid(lang: Lang) -> &'static str {
        lang.pick("有效", "valid")
    }

    /// Issuer, document number, deadline, send to.
    pub fn metadata_labels(lang: Lang) -> [&'static str; 4] {
        [
            lang.pick("发文单位", "Issuer"),
            lang.pick("文号", "Document"),
            lang.pick("截止", "Deadline"),
            lang.pick("报送", "Send to"),
        ]
    }
}

/// `fill` command strings.
pub mod fill {
    use crate::lang::Lang;

    /// Between the items of one line of findings.
    pub fn list_sep(lang: Lang) -> &'static str {
        lang.pick("；", "; ")
    }
}

/// Words of the command line that describe a form to its author (`form show`).
pub mod show {
    use crate::count::Mode;
    use crate::form::{ColumnKind, Field, Form, Kind, TableRule};
    use crate::lang::{self, Lang};
    use crate::sanitize::for_terminal;

    fn join(lang: Lang, items: impl IntoIterator<Item = String>) -> String {
        items
            .into_iter()
            .collect::<Vec<_>>()
            .join(lang.pick("、", ", "))
    }

    fn quoted(lang: Lang, s: &str) -> String {
        match lang {
            Lang::Zh => format!("“{}”", for_terminal(s)),
            Lang::En => format!("'{}'", for_terminal(s)),
        }
    }

    fn mode_name(lang: Lang, m: Mode) -> String {
        lang::mode_name(lang, m).to_string()
    }

    /// How many: `1–20`, `≥1`, `≤3`; `None` when unbounded.
    fn range(min: Option<usize>, max: Option<usize>) -> Option<String> {
        match (min, max) {
            (Some(a), Some(b)) if a == b => Some(format!("{a}")),
            (Some(a), Some(b)) => Some(format!("{a}–{b}")),
            (Some(a), None) => Some(format!("≥{a}")),
            (None, Some(b)) => Some(format!("≤{b}")),
            (None, None) => None,
        }
    }

    /// The form's counting rule: `计数方式：字数（中文标点计为字）`.
    /// The heading of a form's notes.
    pub fn notes_label(lang: Lang) -> &'static str {
        lang.pick("说明：", "Notes:")
    }

    pub fn counting_rule(lang: Lang, form: &Form) -> String {
        let mode = mode_name(lang, form.counting);
        match (lang, form.zh_punct) {
            (Lang::Zh, true) => format!("计数方式：{mode}（中文的宽度不定标点也计为字）"),
            (Lang::Zh, false) => format!("计数方式：{mode}（中文的宽度不定标点不计为字）"),
            (Lang::En, true) => format!("Counting: {mode} (Chinese ambiguous punctuation counts)"),
            (Lang::En, false) => {
                format!("Counting: {mode} (Chinese ambiguous punctuation does not count)")
            }
        }
    }

    fn column_kind(lang: Lang, k: &ColumnKind) -> String {
        match k {
            ColumnKind::Serial => lang
                .pick("序号，自动编号", "serial, numbered by itself")
                .into(),
            ColumnKind::Text { limit: Some(l) } => match lang {
                Lang::Zh => format!("文字，≤{l} 字"),
                Lang::En => format!("text, ≤{l}"),
            },
            ColumnKind::Text { limit: None } => lang.pick("文字", "text").into(),
            ColumnKind::Choice { options, other } => {
                let opts = join(lang, options.iter().map(|o| for_terminal(o)));
                let other = other
                    .as_ref()
                    .map(|o| match lang {
                        Lang::Zh => format!("；选“{}”须注明", for_terminal(o)),
                        Lang::En => format!("; '{}' needs details", for_terminal(o)),
                    })
                    .unwrap_or_default();
                match lang {
                    Lang::Zh => format!("选项：{opts}{other}"),
                    Lang::En => format!("one of: {opts}{other}"),
                }
            }
            ColumnKind::Bool => lang.pick("是/否", "yes/no").into(),
            ColumnKind::Date => lang
                .pick("日期，如 2022-08-10", "date, e.g. 2022-08-10")
                .into(),
            ColumnKind::Number => lang.pick("数字", "number").into(),
        }
    }

    /// Detail lines under a field in `form show`: its id, options, columns, counts, formats and the
    /// condition it is shown on.
    pub fn field_details(lang: Lang, form: &Form, field: &Field) -> Vec<String> {
        let zh = lang == Lang::Zh;
        let mut out = vec![match lang {
            Lang::Zh => format!("编号：{}", for_terminal(&field.id)),
            Lang::En => format!("id: {}", for_terminal(&field.id)),
        }];
        match &field.kind {
            Kind::Text { limit: Some(_), .. } | Kind::LongText { limit: Some(_), .. } => {
                if let Some((_, mode)) = form.limit_of(field) {
                    out.push(match lang {
                        Lang::Zh => format!("上限按{}计", mode_name(lang, mode)),
                        Lang::En => format!("limit counted in {}", mode_name(lang, mode)),
                    });
                }
                if let Kind::LongText {
                    warn_ratio: Some(r),
                    ..
                } = &field.kind
                {
                    let pct = (r * 100.0).round();
                    out.push(match lang {
                        Lang::Zh => format!("达到上限的 {pct}% 时提示"),
                        Lang::En => format!("warns at {pct}% of the limit"),
                    });
                }
            }
            Kind::Choice {
                options,
                multiple,
                other,
                min,
                max,
            } => {
                out.push(match lang {
                    Lang::Zh => format!(
                        "选项（{}）：{}",
                        if *multiple { "可多选" } else { "单选" },
                        join(lang, options.iter().map(|o| for_terminal(o)))
                    ),
                    Lang::En => format!(
                        "options ({}): {}",
                        if *multiple { "several" } else { "one" },
                        join(lang, options.iter().map(|o| for_terminal(o)))
                    ),
                });
                if let Some(o) = other {
                    out.push(match lang {
                        Lang::Zh => format!("选“{}”时须注明", for_terminal(o)),
                        Lang::En => format!("'{}' needs details", for_terminal(o)),
                    });
                }
                if let Some(r) = range(*min, *max) {
                    out.push(if zh {
                        format!("选择数：{r}")
                    } else {
                        format!("how many: {r}")
                    });
                }
            }
            Kind::Date => out.push(lang.pick("格式：2022-08-10", "format: 2022-08-10").into()),
            Kind::Email => out.push(
                lang.pick("格式：name@example.cn", "format: name@example.cn")
                    .into(),
            ),
            Kind::Phone => out.push(
                lang.pick(
                    "格式：手机 138 0000 0000，或座机 027-8655 1234",
                    "format: a mobile 138 0000 0000 or a landline 027-8655 1234",
                )
                .into(),
            ),
            Kind::Pattern { regex, message } => out.push(match lang {
                Lang::Zh => format!("格式：{}（{}）", for_terminal(regex), for_terminal(message)),
                Lang::En => format!(
                    "format: {} ({})",
                    for_terminal(regex),
                    for_terminal(message)
                ),
            }),
            Kind::List {
                min,
                max,
                item_label,
            } => {
                if let Some(r) = range(*min, *max) {
                    out.push(if zh {
                        format!("条目数：{r}")
                    } else {
                        format!("items: {r}")
                    });
                }
                if let Some(l) = item_label {
                    out.push(if zh {
                        format!("每条：{}", for_terminal(l))
                    } else {
                        format!("each item: {}", for_terminal(l))
                    });
                }
            }
            Kind::Table {
                columns,
                min_rows,
                max_rows,
                rules,
            } => {
                out.push(lang.pick("列：", "columns:").into());
                for c in columns {
                    let req = if c.required { " *" } else { "" };
                    out.push(format!(
                        "  {}{req} ({})  {}",
                        for_terminal(&c.label),
                        for_terminal(&c.id),
                        column_kind(lang, &c.kind)
                    ));
                }
                if let Some(r) = range(*min_rows, *max_rows) {
                    out.push(if zh {
                        format!("行数：{r}")
                    } else {
                        format!("rows: {r}")
                    });
                }
                for rule in rules {
                    let TableRule::AtLeast { count, column, .. } = rule;
                    let label = columns
                        .iter()
                        .find(|c| &c.id == column)
                        .map_or(column.as_str(), |c| c.label.as_str());
                    out.push(match lang {
                        Lang::Zh => format!("规则：至少 {count} 行勾选{}", quoted(lang, label)),
                        Lang::En => {
                            format!("rule: at least {count} rows tick {}", quoted(lang, label))
                        }
                    });
                }
            }
            Kind::Attachments {
                extensions,
                caption,
                min,
                max,
            } => {
                if !extensions.is_empty() {
                    out.push(if zh {
                        format!(
                            "文件类型：{}",
                            join(lang, extensions.iter().map(|e| for_terminal(e)))
                        )
                    } else {
                        format!(
                            "file types: {}",
                            join(lang, extensions.iter().map(|e| for_terminal(e)))
                        )
                    });
                }
                if let Some(r) = range(*min, *max) {
                    out.push(if zh {
                        format!("文件数：{r}")
                    } else {
                        format!("files: {r}")
                    });
                }
                if *caption {
                    out.push(
                        lang.pick("每个文件有图题", "each file has a caption")
                            .into(),
                    );
                }
            }
            Kind::Confirm { statement } => out.push(match lang {
                Lang::Zh => format!("承诺内容：{}", for_terminal(statement)),
                Lang::En => format!("statement: {}", for_terminal(statement)),
            }),
            Kind::Note { .. } | Kind::Text { .. } | Kind::LongText { .. } => {}
        }
        if let Some(cond) = &field.visible_when {
            let on = form
                .field(&cond.field)
                .map_or(cond.field.as_str(), |f| f.label.as_str());
            out.push(match lang {
                Lang::Zh => format!(
                    "仅当{}为{}时显示",
                    quoted(lang, on),
                    quoted(lang, &cond.equals)
                ),
                Lang::En => format!(
                    "shown only when {} is {}",
                    quoted(lang, on),
                    quoted(lang, &cond.equals)
                ),
            });
        }
        out
    }
}

/// `主题无法使用：FILE：what is wrong`.
pub fn theme_unusable(lang: crate::lang::Lang, e: &crate::theme::ThemeError) -> String {
    format!(
        "{}{}{}",
        crate::tui::msg::theme_unusable(lang),
        lang.pick("：", ": "),
        e.describe(lang)
    )
}

/// Why no form could be found for a draft, in words.
mod draft_form {
    use crate::cli::draft_form::DraftFormError as E;
    use crate::lang::{Lang, q};
    use crate::sanitize::for_terminal;

    impl E {
        /// One line per problem, naming the file and what to do.
        pub fn lines(&self, lang: Lang) -> Vec<String> {
            let path = |p: &str| for_terminal(p);
            match self {
                E::Load(e) => e.lines(lang),
                E::Mismatch {
                    file: None,
                    file_id,
                    draft_id,
                } => vec![super::export::form_mismatch(lang, file_id, draft_id)],
                E::Mismatch {
                    file: Some(f),
                    file_id,
                    draft_id,
                } => vec![match lang {
                    Lang::Zh => format!(
                        "草稿由表单文件 {} 制成，但它现在是表单 {}，不是草稿的表单 {}；请用 --form 指定草稿的表单文件",
                        path(f),
                        q(file_id),
                        q(draft_id)
                    ),
                    Lang::En => format!(
                        "the draft was made from the form file {}, which is now form {}, not the draft's form {}; name the draft's form file with --form",
                        path(f),
                        q(file_id),
                        q(draft_id)
                    ),
                }],
                E::Moved { was, id } => vec![match lang {
                    Lang::Zh => format!(
                        "草稿的表单文件不在原处：{}（表单 {}）；如已移动，请用 --form 新路径 指定",
                        path(was),
                        q(id)
                    ),
                    Lang::En => format!(
                        "the draft's form file is no longer where it was: {} (form {}); if it moved, name it with --form NEW-PATH",
                        path(was),
                        q(id)
                    ),
                }],
                E::Unknown { id } => vec![super::export::unknown_form(lang, id)],
                E::Builtin { id, errors } => errors
                    .iter()
                    .map(|e| {
                        format!(
                            "{}: {}",
                            for_terminal(id),
                            crate::form::msg::form_error(lang, &e.kind)
                        )
                    })
                    .collect(),
            }
        }

        /// A few words for a table cell (`drafts list`): `未知表单`, `表单文件不在原处`.
        pub fn tag(&self, lang: Lang) -> &'static str {
            match self {
                E::Unknown { .. } => super::drafts::unknown_form(lang),
                E::Moved { .. } => lang.pick("表单文件不在原处", "form file moved"),
                E::Mismatch { .. } => {
                    lang.pick("表单文件已是别的表单", "form file is another form")
                }
                E::Load(_) | E::Builtin { .. } => lang.pick("表单无法读取", "form unreadable"),
            }
        }
    }
}
