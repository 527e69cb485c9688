//! Strings of drafts: open and save errors, notes after opening, emergency saves, and the
//! `tianbiao drafts` command. Every path and every string that came from a file passes through
//! `for_terminal`.

use std::path::Path;

use super::Lang;
use crate::draft::migrate::FormChange;
use crate::draft::{Cause, EmergencyOutcome, LockInfo, OpenError, OpenNote, SaveError, Stage};
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
    let since = for_terminal(&h.started);
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
pub fn save_error(lang: Lang, e: &SaveError) -> String {
    match e {
        SaveError::TooLarge { size, cap } => crate::draft::msg::too_large(lang, *size, *cap),
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
pub fn open_error(lang: Lang, e: &OpenError) -> String {
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
pub fn open_note(lang: Lang, n: &OpenNote) -> String {
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
pub fn emergency(lang: Lang, o: &EmergencyOutcome) -> String {
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

/// `drafts` command strings.
pub mod cli {
    use super::Lang;

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
