//! The words of export: the notes of an export or a check, and why an export did not happen, in
//! Chinese (default) and English. The fixed words printed in documents are in `vocab`.

use super::bundle::Refusal;
use super::{ExportError, Note};
use crate::form::Form;
use crate::form::msg::{finding_lines, place};
use crate::lang::{Lang, q};
use crate::sanitize::for_terminal;

fn path(p: &std::path::Path) -> String {
    for_terminal(&p.display().to_string())
}

/// The lines of an export error; `form` places the findings of the gate (without it, for an
/// error of writing alone, only their number is said).
pub fn error_lines(lang: Lang, form: Option<&Form>, e: &ExportError) -> Vec<String> {
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
            if let Some(form) = form {
                v.extend(
                    finding_lines(lang, form, findings)
                        .into_iter()
                        .map(|f| format!("  {f}")),
                );
            }
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
        ExportError::Refused(p, why) => {
            ExportError::Copy(p.clone(), bundle_refused(lang, *why)).lines(lang, None)
        }
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

/// Why an attachment was not copied into a bundle.
fn bundle_refused(lang: Lang, why: Refusal) -> String {
    match why {
        Refusal::ParentDir => lang.pick(
            "路径含 ..，指向草稿所在文件夹之外，不复制进提交包（请把文件放进草稿所在文件夹）",
            "the path climbs out with ..; not copied into the bundle (put the file in the draft's folder)",
        ),
        Refusal::Outside => lang.pick(
            "绝对路径不在草稿所在文件夹或启动目录之下（或在隐藏文件夹中），不复制进提交包（请把文件放进草稿所在文件夹）",
            "an absolute path outside the draft's folder and the start directory (or in a hidden folder); not copied into the bundle (put the file in the draft's folder)",
        ),
        Refusal::Symlink => lang.pick(
            "路径经过符号链接，不复制进提交包（请换成文件本身）",
            "the path goes through a symbolic link; not copied into the bundle (use the file itself)",
        ),
    }
    .into()
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

/// `注意：...` before a note.
pub fn note(lang: Lang, message: &str) -> String {
    format!("{}{message}", lang.pick("注意：", "note: "))
}

/// Where a note is read: in an export of one's own draft, or in the check of a received file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Context {
    Export,
    Check,
}

impl Note {
    /// The note in words, safe for a terminal; `form` is the form the draft was read with.
    pub fn describe(&self, lang: Lang, form: &Form, context: Context) -> String {
        match self {
            Note::FormChanged {
                form: id,
                draft_version,
                draft_hash,
                version,
                hash,
            } => form_version_note(
                lang,
                [id, draft_version, draft_hash, version, hash],
                context,
            ),
            Note::UnknownFields { ids } => orphans_note(lang, ids),
            Note::AttachmentsNotChecked { paths } => attachments_not_checked(lang, paths),
            Note::HiddenCharacters {
                section,
                field,
                counts,
            } => hidden_note(lang, &place(form, section, field), *counts),
            Note::ClaimDiffers {
                claimed_valid,
                found,
            } => claim_differs(lang, *claimed_valid, *found),
            Note::HiddenDropped { count } => hidden_dropped(lang, *count),
            Note::RowRule { finding } => {
                let line = crate::form::msg::finding_line(lang, form, finding);
                match (lang, context) {
                    (Lang::Zh, Context::Export) => format!("{line}；仅作提醒，仍已导出"),
                    (Lang::Zh, Context::Check) => format!("{line}；仅作提醒，不算未通过"),
                    (Lang::En, Context::Export) => {
                        format!("{line}; a reminder only, exported anyway")
                    }
                    (Lang::En, Context::Check) => format!("{line}; a reminder only, not a failure"),
                }
            }
        }
    }
}

/// The note when a draft or file was made from another version of its form.
fn form_version_note(
    lang: Lang,
    [id, old_v, old_h, new_v, new_h]: [&String; 5],
    context: Context,
) -> String {
    let short = |h: &str| for_terminal(h.get(..15).unwrap_or(h));
    let (id, old_v, old_h, new_v, new_h) = (
        q(id),
        for_terminal(old_v),
        short(old_h),
        for_terminal(new_v),
        short(new_h),
    );
    match (lang, context) {
        (Lang::Zh, Context::Export) => format!(
            "草稿基于表单 {id} 版本 {old_v}（{old_h}），与当前表单版本 {new_v}（{new_h}）不同；已按当前表单导出"
        ),
        (Lang::Zh, Context::Check) => format!(
            "该文件基于表单 {id} 版本 {old_v}（{old_h}），与当前表单版本 {new_v}（{new_h}）不同；已按当前表单检查"
        ),
        (Lang::En, Context::Export) => format!(
            "the draft was made from form {id} version {old_v} ({old_h}), not the current version {new_v} ({new_h}); exported with the current form"
        ),
        (Lang::En, Context::Check) => format!(
            "the file was made from form {id} version {old_v} ({old_h}), not the current version {new_v} ({new_h}); checked with the current form"
        ),
    }
}

/// The note when a draft holds answers for fields the form does not have.
fn orphans_note(lang: Lang, ids: &[String]) -> String {
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

/// The note for hidden characters in a field; `place` already sanitised; counts of control,
/// bidi and invisible characters.
fn hidden_note(lang: Lang, place: &str, counts: [usize; 3]) -> String {
    let zh = lang == Lang::Zh;
    let names = if zh {
        ["控制字符", "双向控制符", "不可见字符"]
    } else {
        ["control", "bidi control", "invisible"]
    };
    let parts: Vec<String> = counts
        .iter()
        .zip(names)
        .filter(|(n, _)| **n > 0)
        .map(|(n, name)| {
            if zh {
                format!("{n} 个{name}")
            } else {
                format!("{n} {name}")
            }
        })
        .collect();
    if zh {
        format!("{place}：含 {}（显示为 ⟨…⟩ 标记）", parts.join("、"))
    } else {
        format!(
            "{place}: contains {} character(s) (shown as ⟨…⟩ markers)",
            parts.join(", ")
        )
    }
}

/// The note when a submission's own verdict differs from the check's.
fn claim_differs(lang: Lang, claimed_valid: bool, found: usize) -> String {
    match (lang, claimed_valid) {
        (Lang::Zh, true) => format!("提交文件自称 \"valid\": true，但复核发现 {found} 个问题"),
        (Lang::Zh, false) => "提交文件自称 \"valid\": false，但复核未发现问题".into(),
        (Lang::En, true) => {
            format!("the submission says \"valid\": true, but the check finds {found} problem(s)")
        }
        (Lang::En, false) => {
            "the submission says \"valid\": false, but the check finds no problem".into()
        }
    }
}

/// The note for attachments not looked up (absolute, outside the file's folder, Windows paths).
fn attachments_not_checked(lang: Lang, paths: &[String]) -> String {
    let list = paths.iter().map(|p| q(p)).collect::<Vec<_>>().join(", ");
    if lang == Lang::Zh {
        format!("附件路径指向发送方的电脑或本文件夹之外，未核对：{list}")
    } else {
        format!(
            "attachments outside the file's folder (the sender's paths) were not looked up: {list}"
        )
    }
}

/// The note of a forced document export that left hidden characters out.
fn hidden_dropped(lang: Lang, n: usize) -> String {
    if lang == Lang::Zh {
        format!("已去掉 {n} 个不可见或控制字符（文档中不保留）")
    } else {
        format!("{n} hidden characters were left out of the document")
    }
}
