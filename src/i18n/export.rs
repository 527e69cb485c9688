//! Strings of export and import (T4): messages in Chinese (default) and English, and the fixed
//! words printed in documents (always Chinese: the documents are the Chinese form).

use super::{Lang, finding_place};
use crate::draft::Draft;
use crate::export::{ExportError, FileFinding, FileProblem};
use crate::form::{Finding, Form, Problem};
use crate::sanitize::for_terminal;

/// Words printed in the documents, as the template has them.
pub mod doc {
    pub const CHECKED: &str = "☑";
    pub const UNCHECKED: &str = "☐";
    pub const SPECIFY: &str = "请注明";
    pub const BLANK: &str = "（未填写）";
    pub const BLANK_DATE: &str = "____ 年 __ 月 __ 日";
    pub const SIGNATURE: &str = "签字：________________　　（单位盖章）";
    pub const FILE: &str = "文件";
    pub const YES: &str = "是";
    pub const NO: &str = "否";
    pub const ITEM: &str = "项目";
    pub const CONTENT: &str = "内容";
    pub const ORPHANS: &str = "附：表单中已不存在的字段";
}

use super::q;

/// The note of a forced document export that left hidden characters out.
pub fn hidden_dropped(lang: Lang, n: usize) -> String {
    if lang == Lang::Zh {
        format!("已去掉 {n} 个不可见或控制字符（文档中不保留）")
    } else {
        format!("{n} hidden characters were left out of the document")
    }
}

/// A file finding on one line: `(二) 人工智能应用内容 · 插图（如图 1）: 文件 'fig1.png' 不存在`.
pub fn file_finding_line(lang: Lang, form: &Form, f: &FileFinding) -> String {
    let place = finding_place(
        form,
        &Finding {
            section: f.section.clone(),
            field: f.field.clone(),
            problem: Problem::Required,
        },
    );
    let zh = lang == Lang::Zh;
    let what = match &f.problem {
        FileProblem::AttachmentMissing { path } => {
            if zh {
                format!("文件 {} 不存在", q(path))
            } else {
                format!("file {} does not exist", q(path))
            }
        }
        FileProblem::AttachmentChanged { path } => {
            if zh {
                format!(
                    "文件 {} 与提交文件记录的不一致（大小或 sha256 不同），导出后被改动或替换过",
                    q(path)
                )
            } else {
                format!(
                    "file {} is not the one the submission recorded (size or sha256 differ): changed or replaced since the export",
                    q(path)
                )
            }
        }
        FileProblem::AttachmentNotRegular { path } => {
            if zh {
                format!("{} 不是普通文件", q(path))
            } else {
                format!("{} is not a regular file", q(path))
            }
        }
        FileProblem::AttachmentTooLarge { path, size, limit } => {
            if zh {
                format!("文件 {} 过大（{size} 字节，上限 {limit} 字节）", q(path))
            } else {
                format!(
                    "file {} is too large ({size} bytes, limit {limit})",
                    q(path)
                )
            }
        }
        FileProblem::AttachmentUnreadable { path, error } => {
            if zh {
                format!("文件 {} 无法读取（{}）", q(path), for_terminal(error))
            } else {
                format!("cannot read file {} ({})", q(path), for_terminal(error))
            }
        }
    };
    format!("{place}: {what}")
}

/// The note when a draft was made from another version of its form.
pub fn form_changed(lang: Lang, draft: &Draft, form: &Form, hash: &str) -> String {
    super::form_version_note(lang, draft, form, hash, super::VersionNote::Exported)
}

/// The note when a draft holds answers for fields the form does not have.
pub fn orphans_note(lang: Lang, ids: &[&str]) -> String {
    let list = ids
        .iter()
        .map(|i| for_terminal(i))
        .collect::<Vec<_>>()
        .join(", ");
    if lang == Lang::Zh {
        format!("草稿中有表单已不存在的字段，已原样保留：{list}")
    } else {
        format!("the draft has answers for fields the form does not have, kept as they are: {list}")
    }
}

fn path(p: &std::path::Path) -> String {
    for_terminal(&p.display().to_string())
}

/// The lines of an export error.
pub fn error_lines(lang: Lang, e: &ExportError) -> Vec<String> {
    let zh = lang == Lang::Zh;
    match e {
        ExportError::Invalid { findings } => {
            let mut v = vec![if zh {
                format!(
                    "未导出：有 {} 个问题需要修改（加 --force 仍可导出，文件中会标明 \"valid\": false）：",
                    findings.len()
                )
            } else {
                format!(
                    "not exported: {} problem(s) to fix (--force exports anyway, marked \"valid\": false):",
                    findings.len()
                )
            }];
            v.extend(findings.iter().map(|f| format!("  {f}")));
            v
        }
        ExportError::Exists(p) => vec![if zh {
            format!("{} 已存在且内容不同；未覆盖（加 --force 覆盖）", path(p))
        } else {
            format!(
                "{} exists with other content; not overwritten (--force replaces it)",
                path(p)
            )
        }],
        ExportError::NotEmpty(p) => vec![if zh {
            format!(
                "目录 {} 已存在且不为空；未写入（加 --force 写入其中）",
                path(p)
            )
        } else {
            format!(
                "directory {} exists and is not empty; nothing written (--force writes into it)",
                path(p)
            )
        }],
        ExportError::Write(p, err) => vec![if zh {
            format!(
                "无法写入 {}：{}；没有写下任何内容",
                path(p),
                io_reason(lang, err)
            )
        } else {
            format!(
                "cannot write {}: {}; nothing was written",
                path(p),
                io_reason(lang, err)
            )
        }],
        ExportError::Copy(p, err) => vec![if zh {
            format!(
                "无法复制附件 {}：{}；没有写下任何内容",
                path(p),
                for_terminal(err)
            )
        } else {
            format!(
                "cannot copy attachment {}: {}; nothing was written",
                path(p),
                for_terminal(err)
            )
        }],
    }
}

/// A short reason for an IO error.
pub fn io_reason(lang: Lang, e: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    if let Some(special) = e
        .get_ref()
        .and_then(|inner| inner.downcast_ref::<crate::fsio::SpecialTarget>())
    {
        return special.describe(lang);
    }
    let s = match e.kind() {
        K::NotFound => lang.pick("目录不存在", "the directory does not exist"),
        K::PermissionDenied => lang.pick("没有写入权限", "permission denied"),
        K::NotADirectory => lang.pick(
            "路径中有一段不是目录",
            "a part of the path is not a directory",
        ),
        K::IsADirectory => lang.pick("这是一个目录", "it is a directory"),
        K::StorageFull => lang.pick("磁盘已满", "the disk is full"),
        K::ReadOnlyFilesystem => lang.pick("文件系统只读", "read-only file system"),
        _ => return for_terminal(&e.to_string()),
    };
    s.to_string()
}

/// `已导出 智慧港口.docx（docx，12345 字节）`.
pub fn exported(lang: Lang, what: &str, format: &str, bytes: usize, unchanged: bool) -> String {
    match (lang, unchanged) {
        (Lang::Zh, false) => format!("已导出 {}（{format}，{bytes} 字节）", for_terminal(what)),
        (Lang::Zh, true) => format!("{} 内容相同，未改动（{format}）", for_terminal(what)),
        (Lang::En, false) => format!("exported {} ({format}, {bytes} bytes)", for_terminal(what)),
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

/// `注意：...` before a note.
pub fn note(lang: Lang, message: &str) -> String {
    format!("{}{message}", lang.pick("注意：", "note: "))
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
