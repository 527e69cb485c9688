//! The words of drafts: open and save errors, notes after opening, emergency saves, lock
//! holders, in Chinese (default) and English. Every path and every string that came from a file
//! passes through `for_terminal`.

use std::path::Path;

use crate::draft::format::{FORMAT, ParseProblem};
use crate::draft::migrate::FormChange;
use crate::draft::{Cause, EmergencyOutcome, LockInfo, OpenError, OpenNote, SaveError, Stage};
use crate::lang::Lang;
use crate::sanitize::for_terminal;

/// A path, safe to print.
pub fn path(p: &Path) -> String {
    for_terminal(&p.display().to_string())
}

/// Who holds a lock: `user@host，进程 123，自 … 起` / `user@host, pid 123, since …`.
pub fn holder(lang: Lang, h: &LockInfo, running: bool) -> String {
    if h.is_unknown() {
        return lang.pick("未知的程序", "an unknown program").into();
    }
    let who = for_terminal(&format!("{}@{}", h.user, h.host));
    let since = when(lang, &h.started);
    let state = match (lang, running, h.is_this_host()) {
        (Lang::Zh, true, true) => "，仍在运行",
        (Lang::En, true, true) => ", still running",
        (Lang::Zh, _, false) => "，在另一台机器上，无法确认是否仍在运行",
        (Lang::En, _, false) => ", on another machine (cannot check whether it still runs)",
        (Lang::Zh, false, true) => "，已不在运行",
        (Lang::En, false, true) => ", no longer running",
    };
    match lang {
        Lang::Zh => format!("{who}（进程 {}，自 {since} 起{state}）", h.pid),
        Lang::En => format!("{who} (pid {}, since {since}{state})", h.pid),
    }
}

/// When a lock was taken, in the reader's local time: `12月1日 18:40` / `Dec 1 18:40`; the text
/// as it was when it is not an RFC 3339 time.
pub fn when(lang: Lang, rfc3339: &str) -> String {
    match chrono::DateTime::parse_from_rfc3339(rfc3339.trim()) {
        Ok(t) => local_when(lang, &t.with_timezone(&chrono::Local).naive_local()),
        Err(_) => for_terminal(rfc3339),
    }
}

fn local_when(lang: Lang, t: &chrono::NaiveDateTime) -> String {
    match lang {
        Lang::Zh => t.format("%-m月%-d日 %H:%M").to_string(),
        Lang::En => t.format("%b %-d %H:%M").to_string(),
    }
}

fn cause(lang: Lang, c: Cause) -> &'static str {
    match c {
        Cause::NoSpace => lang.pick("磁盘已满", "the disk is full"),
        Cause::Quota => lang.pick("磁盘配额已用完", "the disk quota is used up"),
        Cause::FileTooLarge => {
            lang.pick("超过了允许的文件大小", "the file size limit was exceeded")
        }
        Cause::PermissionDenied => lang.pick("没有写入权限", "permission denied"),
        Cause::ReadOnlyFs => lang.pick("文件系统是只读的", "the file system is read-only"),
        Cause::DirMissing => lang.pick("所在目录不存在", "its directory does not exist"),
        Cause::Other => lang.pick("写入出错", "a write error"),
    }
}

fn stage(lang: Lang, s: Stage) -> &'static str {
    match s {
        Stage::Create => lang.pick("创建临时文件时", "creating the temporary file"),
        Stage::Write => lang.pick("写入时", "writing"),
        Stage::Sync => lang.pick("同步到磁盘时", "syncing to disk"),
        Stage::Rename => lang.pick("替换草稿文件时", "replacing the draft file"),
        Stage::SyncDir => lang.pick("同步目录时", "syncing the directory"),
    }
}

/// A failed save, with what it means for the text.
fn save_error(lang: Lang, e: &SaveError) -> String {
    match e {
        SaveError::TooLarge { size, cap } => too_large(lang, *size, *cap),
        SaveError::ReadOnly { path: p } => match lang {
            Lang::Zh => format!("{}：以只读方式打开，不能保存", path(p)),
            Lang::En => format!("{}: opened read-only, cannot save", path(p)),
        },
        SaveError::Encode { detail } => match lang {
            Lang::Zh => format!(
                "未能保存：草稿无法转换为文本（{}）；文字仍在内存中",
                for_terminal(detail)
            ),
            Lang::En => format!(
                "not saved: the draft could not be turned into text ({}); the text is kept in memory",
                for_terminal(detail)
            ),
        },
        SaveError::Failed {
            path: p,
            stage: s,
            cause: c,
            detail,
        } => {
            let detail = for_terminal(detail);
            match (lang, s) {
                (Lang::Zh, Stage::SyncDir) => format!(
                    "{}：已写入，但系统未能确认已落盘（{}：{detail}）；文字仍在内存中，稍后重试",
                    path(p),
                    stage(lang, *s)
                ),
                (Lang::En, Stage::SyncDir) => format!(
                    "{}: written, but the system could not confirm it is on disk ({}: {detail}); the text is kept in memory and saving is retried",
                    path(p),
                    stage(lang, *s)
                ),
                (Lang::Zh, _) => format!(
                    "{}：未能保存，{}（{}：{detail}）；原文件未改动，文字仍在内存中，稍后重试",
                    path(p),
                    cause(lang, *c),
                    stage(lang, *s)
                ),
                (Lang::En, _) => format!(
                    "{}: not saved, {} ({}: {detail}); the old file is unchanged, the text is kept in memory and saving is retried",
                    path(p),
                    cause(lang, *c),
                    stage(lang, *s)
                ),
            }
        }
    }
}

/// Why a draft could not be opened (one line, starting with the file).
fn open_error(lang: Lang, e: &OpenError) -> String {
    match e {
        OpenError::NotFound { path: p } => match lang {
            Lang::Zh => format!("{}：草稿不存在", path(p)),
            Lang::En => format!("{}: no such draft", path(p)),
        },
        OpenError::AlreadyExists { path: p } => match lang {
            Lang::Zh => format!("{}：文件已存在，不会覆盖", path(p)),
            Lang::En => format!("{}: the file exists; it is not overwritten", path(p)),
        },
        OpenError::Locked {
            path: p,
            holder: h,
            running,
        } => match lang {
            Lang::Zh => format!(
                "{}：正在被 {} 编辑；可以只读打开，或明确接管",
                path(p),
                holder(lang, h, *running)
            ),
            Lang::En => format!(
                "{}: being edited by {}; open it read-only, or take it over explicitly",
                path(p),
                holder(lang, h, *running)
            ),
        },
        OpenError::Corrupt {
            path: p,
            line,
            col,
            message,
            backup,
        } => {
            let head = format!("{}:{line}:{col}", path(p));
            let msg = for_terminal(&message.describe(lang));
            match (lang, backup) {
                (Lang::Zh, Some(b)) => format!(
                    "{head}: 草稿文件已损坏（{msg}）；原文件保持不动。可用备份 {} 恢复",
                    path(b)
                ),
                (Lang::Zh, None) => {
                    format!("{head}: 草稿文件已损坏（{msg}）；原文件保持不动，没有可用的备份")
                }
                (Lang::En, Some(b)) => format!(
                    "{head}: the draft is damaged ({msg}); the file is left as it is. The backup {} can restore it",
                    path(b)
                ),
                (Lang::En, None) => format!(
                    "{head}: the draft is damaged ({msg}); the file is left as it is, and there is no usable backup"
                ),
            }
        }
        OpenError::Unreadable { path: p, error } => {
            format!("{}: {}", path(p), error.describe(lang))
        }
        OpenError::WrongForm {
            path: p,
            expected,
            found,
        } => match lang {
            Lang::Zh => format!(
                "{}：这是表单 {} 的草稿，不是 {}",
                path(p),
                for_terminal(found),
                for_terminal(expected)
            ),
            Lang::En => format!(
                "{}: a draft of form {}, not {}",
                path(p),
                for_terminal(found),
                for_terminal(expected)
            ),
        },
        OpenError::Io { path: p, error } => {
            let detail = for_terminal(&error.to_string());
            match lang {
                Lang::Zh => format!("{}：操作失败（{detail}）", path(p)),
                Lang::En => format!("{}: failed ({detail})", path(p)),
            }
        }
    }
}

fn limit(lang: Lang, l: Option<usize>) -> String {
    match l {
        Some(n) => format!("{n}"),
        None => lang.pick("不限", "none").into(),
    }
}

/// What changed in the form since the draft was made, several lines.
pub fn form_change(lang: Lang, c: &FormChange) -> Vec<String> {
    let mut out = Vec::new();
    let v = |s: &str| for_terminal(s);
    out.push(match lang {
        Lang::Zh => format!(
            "表单已从版本 {} 更新到 {}：",
            v(&c.from_version),
            v(&c.to_version)
        ),
        Lang::En => format!(
            "the form changed from version {} to {}:",
            v(&c.from_version),
            v(&c.to_version)
        ),
    });
    let d = &c.diff;
    for f in &d.added {
        out.push(match lang {
            Lang::Zh => format!("  新增字段：{}", v(&f.label)),
            Lang::En => format!("  added: {}", v(&f.label)),
        });
    }
    for f in &d.removed {
        let kept = c.kept.contains(&f.id);
        out.push(match (lang, kept) {
            (Lang::Zh, true) => format!("  删除字段：{}（已填写的内容保留在草稿中）", v(&f.label)),
            (Lang::Zh, false) => format!("  删除字段：{}", v(&f.label)),
            (Lang::En, true) => format!(
                "  removed: {} (what you wrote there is kept in the draft)",
                v(&f.label)
            ),
            (Lang::En, false) => format!("  removed: {}", v(&f.label)),
        });
    }
    for r in &d.renamed {
        out.push(match lang {
            Lang::Zh => format!("  改名：{} → {}", v(&r.old_label), v(&r.new_label)),
            Lang::En => format!("  renamed: {} → {}", v(&r.old_label), v(&r.new_label)),
        });
    }
    for r in &d.relimited {
        out.push(match lang {
            Lang::Zh => format!(
                "  字数上限改变：{} {} → {}",
                v(&r.label),
                limit(lang, r.old),
                limit(lang, r.new)
            ),
            Lang::En => format!(
                "  limit changed: {} {} → {}",
                v(&r.label),
                limit(lang, r.old),
                limit(lang, r.new)
            ),
        });
    }
    for r in &d.rekinded {
        out.push(match lang {
            Lang::Zh => format!(
                "  类型改变：{}（{} → {}），内容保留",
                v(&r.label),
                v(&r.old),
                v(&r.new)
            ),
            Lang::En => format!(
                "  kind changed: {} ({} → {}), the answer is kept",
                v(&r.label),
                v(&r.old),
                v(&r.new)
            ),
        });
    }
    if c.outline_missing {
        out.push(
            lang.pick(
                "  （草稿未记录旧表单的字段，无法列出全部变化）",
                "  (the draft does not record the old form's fields; the changes cannot all be listed)",
            )
            .into(),
        );
    }
    out
}

/// A note after opening (possibly several lines, joined with newlines).
fn open_note(lang: Lang, n: &OpenNote) -> String {
    match n {
        OpenNote::StaleLockTakenOver { previous } => match lang {
            Lang::Zh => format!(
                "上次编辑此草稿的程序 {} 已退出（可能崩溃），已接管其锁",
                holder(lang, previous, false)
            ),
            Lang::En => format!(
                "the program that last edited this draft, {}, is gone (perhaps it crashed); its lock was taken over",
                holder(lang, previous, false)
            ),
        },
        OpenNote::LockTakenOver { holder: h } => match lang {
            Lang::Zh => format!(
                "已接管正在被 {} 编辑的草稿；对方的保存不会覆盖你的（反之亦然），冲突时另存副本",
                holder(lang, h, true)
            ),
            Lang::En => format!(
                "took over a draft that {} is editing; neither side's saves overwrite the other's, a conflict goes to a copy",
                holder(lang, h, true)
            ),
        },
        OpenNote::LockUnavailable { reason } => match lang {
            Lang::Zh => format!(
                "无法创建锁文件（{}）；另一个程序同时编辑时不会得到提醒",
                for_terminal(reason)
            ),
            Lang::En => format!(
                "could not create the lock file ({}); a second program editing this draft would not be warned",
                for_terminal(reason)
            ),
        },
        OpenNote::LockedByOther { holder: h } => match lang {
            Lang::Zh => format!("只读打开；{} 正在编辑此草稿", holder(lang, h, true)),
            Lang::En => format!(
                "opened read-only; {} is editing this draft",
                holder(lang, h, true)
            ),
        },
        OpenNote::FormChanged(c) => form_change(lang, c).join("\n"),
        OpenNote::TempFilesRemoved { files } => match lang {
            Lang::Zh => format!(
                "清理了上次中断的保存留下的 {} 个临时文件（草稿本身完好）",
                files.len()
            ),
            Lang::En => format!(
                "removed {} temporary file(s) left by an interrupted save (the draft itself is intact)",
                files.len()
            ),
        },
        OpenNote::SymlinkFollowed { link, target } => match lang {
            Lang::Zh => format!("{} 是符号链接，打开的是 {}", path(link), path(target)),
            Lang::En => format!("{} is a symbolic link; opened {}", path(link), path(target)),
        },
        OpenNote::RecoveredFromBackup {
            backup,
            corrupt_kept,
        } => match (lang, corrupt_kept) {
            (Lang::Zh, Some(k)) => format!(
                "已从备份 {} 恢复；原来的文件保存在 {}",
                path(backup),
                path(k)
            ),
            (Lang::Zh, None) => format!("已从备份 {} 恢复", path(backup)),
            (Lang::En, Some(k)) => format!(
                "restored from the backup {}; the previous file is kept as {}",
                path(backup),
                path(k)
            ),
            (Lang::En, None) => format!("restored from the backup {}", path(backup)),
        },
    }
}

/// What an emergency save did (one line).
fn emergency(lang: Lang, o: &EmergencyOutcome) -> String {
    match o {
        EmergencyOutcome::NothingToSave => lang
            .pick("所有文字都已保存", "everything was already saved")
            .into(),
        EmergencyOutcome::Saved { path: p } => match lang {
            Lang::Zh => format!("紧急保存：文字已保存到 {}", path(p)),
            Lang::En => format!("emergency save: the text is saved in {}", path(p)),
        },
        EmergencyOutcome::Conflict { copy, original } => match lang {
            Lang::Zh => format!(
                "紧急保存：{} 已被其他程序修改，文字另存到 {}",
                path(original),
                path(copy)
            ),
            Lang::En => format!(
                "emergency save: {} was changed by another program; the text is in {}",
                path(original),
                path(copy)
            ),
        },
        EmergencyOutcome::Copy { path: p, reason } => match lang {
            Lang::Zh => format!(
                "紧急保存：无法写入草稿（{}），文字另存到 {}",
                for_terminal(reason),
                path(p)
            ),
            Lang::En => format!(
                "emergency save: could not write the draft ({}); the text is in {}",
                for_terminal(reason),
                path(p)
            ),
        },
        EmergencyOutcome::Failed { reason } => match lang {
            Lang::Zh => format!("紧急保存失败：{}", for_terminal(reason)),
            Lang::En => format!("emergency save failed: {}", for_terminal(reason)),
        },
    }
}

impl OpenError {
    /// What happened, in words, one line.
    pub fn describe(&self, lang: Lang) -> String {
        open_error(lang, self)
    }
}

impl OpenNote {
    pub fn describe(&self, lang: Lang) -> String {
        open_note(lang, self)
    }
}

impl SaveError {
    /// What happened and what it means for the text, in words, one line.
    pub fn describe(&self, lang: Lang) -> String {
        save_error(lang, self)
    }

    /// The English wording, for the reason kept beside an emergency copy.
    pub fn english(&self) -> String {
        save_error(Lang::En, self)
    }
}

impl EmergencyOutcome {
    pub fn describe(&self, lang: Lang) -> String {
        emergency(lang, self)
    }
}

impl std::fmt::Display for ParseProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.describe(Lang::En))
    }
}

impl ParseProblem {
    /// `缺少逗号 ,`, `不允许 RON 扩展属性`…, without the position (the caller places it).
    pub fn describe(&self, lang: Lang) -> String {
        match self {
            ParseProblem::Syntax(kind) => crate::form::msg::form_error(lang, kind),
            ParseProblem::Attributes => lang
                .pick(
                    "草稿中不允许 RON 扩展属性（#![enable(...)]）",
                    "RON extension attributes are not allowed in drafts",
                )
                .into(),
            ParseProblem::Limit(e) => e.describe(lang),
            ParseProblem::NewerFormat { found } => match lang {
                Lang::Zh => {
                    format!("草稿格式 {found} 比本程序能读的（{FORMAT}）新，请更新 tianbiao")
                }
                Lang::En => format!(
                    "draft format {found} is newer than this tianbiao understands ({FORMAT}); update tianbiao"
                ),
            },
            ParseProblem::NotUtf8 { offset } => match lang {
                Lang::Zh => format!("不是 UTF-8 文本（第 {offset} 字节）"),
                Lang::En => format!("not UTF-8 text (byte {offset})"),
            },
        }
    }
}

/// A saved draft close to the draft file's size cap: saving stops past it.
pub fn near_cap(lang: Lang, size: u64, cap: u64) -> String {
    let mib = |b: u64| b as f64 / (1024.0 * 1024.0);
    let (size, cap) = (mib(size), mib(cap));
    match lang {
        Lang::Zh => format!(
            "草稿已有 {size:.1} MiB，接近草稿文件 {cap:.0} MiB 的上限：超过后无法保存，请删减长文本"
        ),
        Lang::En => format!(
            "the draft is {size:.1} MiB, close to the {cap:.0} MiB limit of a draft file: past it saving stops, shorten long texts"
        ),
    }
}

/// A save refused because the draft would be over the draft file's size cap.
fn too_large(lang: Lang, size: u64, cap: u64) -> String {
    match lang {
        Lang::Zh => format!(
            "未能保存：草稿有 {size} 字节，超过草稿文件 {cap} 字节的上限（超过上限的文件无法再打开）；文字仍在内存中，请删减长文本后再保存"
        ),
        Lang::En => format!(
            "not saved: the draft is {size} bytes, over the {cap}-byte limit of a draft file (a larger file could not be opened again); the text is kept in memory, shorten long texts to save"
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_lock_time_reads_as_a_local_date_and_time() {
        let t = chrono::NaiveDate::from_ymd_opt(2026, 12, 1)
            .unwrap()
            .and_hms_opt(18, 40, 32)
            .unwrap();
        assert_eq!(local_when(Lang::Zh, &t), "12月1日 18:40");
        assert_eq!(local_when(Lang::En, &t), "Dec 1 18:40");
        // Not a time: shown as it is, made safe.
        assert_eq!(when(Lang::Zh, "昨天\u{1b}[2J"), "昨天⟨ESC⟩[2J");
        assert!(!when(Lang::Zh, "2026-12-01T18:40:32+00:00").contains('T'));
    }
}
