//! Drafts in one process: saving with a backup, private modes, locks, external changes,
//! corruption and recovery, older form versions, encodings, hostile paths.

mod support;
use support::drafts as common;

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::time::{Duration, Instant};

use common::*;
use tianbiao::draft::{
    self, Cause, Draft, OpenError, OpenMode, OpenNote, Opener, SaveError, SaveOk, Stage,
};
use tianbiao::form::{Kind, Value};
use tianbiao::fsio::ReadError;

fn opener() -> Opener {
    Opener::with_clock(fixed_clock())
}

fn parse(p: &Path) -> Draft {
    Draft::from_ron(&fs::read_to_string(p).unwrap()).unwrap()
}

fn text_of(d: &Draft, id: &str) -> String {
    d.answers.text(id).to_string()
}

/// A saved draft with two versions (so it has a backup): v1 then v2 in `intro`.
fn two_versions(dir: &Path) -> std::path::PathBuf {
    let form = flagship();
    let p = dir.join("草稿.ron");
    let mut o = opener().create(&p, &form, "智慧港口").unwrap();
    o.draft.answers.set("intro", Value::Text("v1".into()));
    o.session.save(&o.draft).unwrap();
    o.draft.answers.set("intro", Value::Text("v2".into()));
    o.session.save(&o.draft).unwrap();
    p
}

#[test]
fn new_draft_lives_in_a_private_directory_and_keeps_one_backup() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("data/drafts");
    let p = dir.join("智慧港口.ron");
    let form = flagship();
    let mut o = opener().create(&p, &form, "智慧港口").unwrap();
    assert!(o.notes.is_empty(), "{:?}", o.notes);
    assert_eq!(mode_of(&dir), 0o700);
    // Nothing is written before the first save; the lock is already there.
    assert!(!p.exists());
    assert!(dir.join("智慧港口.ron.lock").exists());
    assert!(!o.session.is_on_disk());
    for v in ["一", "二", "三"] {
        o.draft.answers.set("intro", Value::Text(v.into()));
        let ok = o.session.save(&o.draft).unwrap();
        assert_eq!(
            ok,
            SaveOk::Saved {
                at: at("2026-11-25T20:00:00+08:00")
            }
        );
    }
    assert_eq!(mode_of(&p), 0o600);
    assert_eq!(mode_of(&dir.join("智慧港口.ron.bak")), 0o600);
    assert_eq!(text_of(&parse(&p), "intro"), "三");
    assert_eq!(
        text_of(&parse(&dir.join("智慧港口.ron.bak")), "intro"),
        "二"
    );
    assert_eq!(parse(&p).updated, "2026-11-25T20:00:00+08:00");
    // Closing removes the lock; the draft, its backup and nothing else remain.
    drop(o);
    assert_eq!(names(&dir), ["智慧港口.ron", "智慧港口.ron.bak"]);
}

#[test]
fn save_then_open_gives_the_same_draft() {
    let tmp = tempfile::tempdir().unwrap();
    let p = tmp.path().join("a.ron");
    let form = flagship();
    let mut o = opener().create(&p, &form, "完整").unwrap();
    let full = full_flagship(&form);
    o.draft.answers = full.answers.clone();
    o.session.save(&o.draft).unwrap();
    drop(o);
    let again = opener().open(&p, &form, OpenMode::Normal).unwrap();
    assert!(again.notes.is_empty(), "{:?}", again.notes);
    assert_eq!(again.draft.answers, full.answers);
    assert_eq!(again.draft.name, "完整");
}

#[test]
fn a_second_opener_is_told_who_holds_the_lock_and_may_read_or_take_over() {
    let tmp = tempfile::tempdir().unwrap();
    let p = two_versions(tmp.path());
    let form = flagship();
    let mut a = opener().open(&p, &form, OpenMode::Normal).unwrap();
    assert!(a.session.holds_lock());
    match opener().open(&p, &form, OpenMode::Normal) {
        Err(OpenError::Locked {
            holder, running, ..
        }) => {
            assert!(running);
            assert_eq!(holder.pid, std::process::id());
            assert_eq!(holder.host, tianbiao::draft::lock::host_name());
            assert!(!holder.user.is_empty());
            assert_eq!(holder.version, env!("CARGO_PKG_VERSION"));
            assert_eq!(holder.started, "2026-11-25T20:00:00+08:00");
        }
        other => panic!("{other:?}"),
    }
    // Read-only: allowed, told who edits it, creates nothing, cannot save.
    let before = names(tmp.path());
    let mut ro = opener().open(&p, &form, OpenMode::ReadOnly).unwrap();
    assert!(
        matches!(&ro.notes[..], [OpenNote::LockedByOther { holder }] if holder.pid == std::process::id())
    );
    assert!(matches!(
        ro.session.save(&ro.draft),
        Err(SaveError::ReadOnly { .. })
    ));
    assert_eq!(names(tmp.path()), before);
    // Explicit take-over: allowed with a note; both sides' saves are protected from each other.
    let mut b = opener().open(&p, &form, OpenMode::TakeOver).unwrap();
    assert!(matches!(&b.notes[..], [OpenNote::LockTakenOver { .. }]));
    assert!(!b.session.holds_lock());
    a.draft.answers.set("intro", Value::Text("A".into()));
    assert!(matches!(
        a.session.save(&a.draft).unwrap(),
        SaveOk::Saved { .. }
    ));
    b.draft.answers.set("intro", Value::Text("B".into()));
    let SaveOk::Conflict { copy, original } = b.session.save(&b.draft).unwrap() else {
        panic!("B must not overwrite A's save")
    };
    assert_eq!(original, p);
    assert_eq!(text_of(&parse(&p), "intro"), "A");
    assert_eq!(text_of(&parse(&copy), "intro"), "B");
    // A closes: B picks the lock up at its next save.
    drop(a);
    b.session.keep_mine();
    assert!(matches!(
        b.session.save(&b.draft).unwrap(),
        SaveOk::Saved { .. }
    ));
    assert!(b.session.holds_lock());
    assert_eq!(text_of(&parse(&p), "intro"), "B");
    assert_eq!(text_of(&parse(&b.session.backup_path()), "intro"), "A");
}

#[test]
fn an_external_change_is_never_overwritten_silently() {
    let tmp = tempfile::tempdir().unwrap();
    let p = two_versions(tmp.path());
    let form = flagship();
    let mut o = opener().open(&p, &form, OpenMode::Normal).unwrap();
    // Another program copies a different draft over it (in place, same inode).
    let mut other = Draft::new(&form, "别人的", "2026-01-01T00:00:00+08:00");
    other.answers.set("intro", Value::Text("外部修改".into()));
    let external = other.to_ron();
    fs::write(&p, &external).unwrap();
    assert!(o.session.changed_on_disk());
    o.draft.answers.set("intro", Value::Text("我的".into()));
    let SaveOk::Conflict { copy, original } = o.session.save(&o.draft).unwrap() else {
        panic!("expected a conflict")
    };
    assert_eq!(original, p);
    assert_eq!(
        copy.file_name().unwrap().to_str().unwrap(),
        "草稿.conflict-20261125-200000.ron"
    );
    assert_eq!(fs::read_to_string(&p).unwrap(), external);
    assert_eq!(text_of(&parse(&copy), "intro"), "我的");
    assert_eq!(mode_of(&copy), 0o600);
    // Later saves keep going to the same copy, never to the changed file.
    o.draft.answers.set("intro", Value::Text("我的2".into()));
    let SaveOk::Conflict { copy: copy2, .. } = o.session.save(&o.draft).unwrap() else {
        panic!()
    };
    assert_eq!(copy2, copy);
    assert_eq!(text_of(&parse(&copy), "intro"), "我的2");
    assert_eq!(fs::read_to_string(&p).unwrap(), external);
    assert_eq!(o.session.conflict_copy(), Some(copy.as_path()));
    // Taking theirs: reload; the next save goes to the file again.
    let (theirs, _) = o.session.reload(&form).unwrap();
    assert_eq!(text_of(&theirs, "intro"), "外部修改");
    assert!(o.session.conflict_copy().is_none());
    assert!(matches!(
        o.session.save(&theirs).unwrap(),
        SaveOk::Saved { .. }
    ));
}

#[test]
fn a_touched_file_with_the_same_bytes_is_not_a_conflict() {
    let tmp = tempfile::tempdir().unwrap();
    let p = two_versions(tmp.path());
    let form = flagship();
    let mut o = opener().open(&p, &form, OpenMode::Normal).unwrap();
    let bytes = fs::read(&p).unwrap();
    // Rewritten (new inode, new time) with identical content, as `cp --remove-destination` does.
    fs::remove_file(&p).unwrap();
    fs::write(&p, &bytes).unwrap();
    assert!(!o.session.changed_on_disk());
    assert!(matches!(
        o.session.save(&o.draft).unwrap(),
        SaveOk::Saved { .. }
    ));
}

#[test]
fn a_file_appearing_at_a_new_drafts_path_is_not_overwritten() {
    let tmp = tempfile::tempdir().unwrap();
    let p = tmp.path().join("新.ron");
    let form = flagship();
    let mut o = opener().create(&p, &form, "新").unwrap();
    fs::write(&p, "someone else's file").unwrap();
    let SaveOk::Conflict { copy, .. } = o.session.save(&o.draft).unwrap() else {
        panic!()
    };
    assert_eq!(fs::read_to_string(&p).unwrap(), "someone else's file");
    assert_eq!(parse(&copy).name, "新");
}

#[test]
fn a_corrupt_draft_is_reported_kept_and_recovered_from_its_backup() {
    let tmp = tempfile::tempdir().unwrap();
    let p = two_versions(tmp.path());
    let form = flagship();
    // Truncated in the middle of a string.
    let full = fs::read(&p).unwrap();
    let cut = full.len() - 30;
    fs::write(&p, &full[..cut]).unwrap();
    let damaged = fs::read(&p).unwrap();
    let err = opener().open(&p, &form, OpenMode::Normal).unwrap_err();
    let OpenError::Corrupt {
        path,
        line,
        col,
        backup,
        ..
    } = &err
    else {
        panic!("{err:?}")
    };
    assert_eq!(path, &p);
    assert!(*line > 1 && *col >= 1, "{line}:{col}");
    assert_eq!(
        backup.as_deref(),
        Some(tmp.path().join("草稿.ron.bak").as_path())
    );
    let msg = err.describe(tianbiao::lang::Lang::Zh);
    assert!(msg.contains(&format!("草稿.ron:{line}:{col}")), "{msg}");
    assert!(msg.contains("备份"), "{msg}");
    // Reporting touched nothing, and left no lock behind.
    assert_eq!(fs::read(&p).unwrap(), damaged);
    assert!(!tmp.path().join("草稿.ron.lock").exists());
    // Recovery: the damaged file is kept under a new name, the backup's text is the draft.
    let o = opener().recover_from_backup(&p, &form).unwrap();
    let kept = tmp.path().join("草稿.corrupt-20261125-200000.ron");
    assert!(matches!(
        &o.notes[..],
        [OpenNote::RecoveredFromBackup { corrupt_kept: Some(k), .. }] if *k == kept
    ));
    assert_eq!(fs::read(&kept).unwrap(), damaged);
    assert_eq!(text_of(&o.draft, "intro"), "v1");
    assert_eq!(text_of(&parse(&p), "intro"), "v1");
    drop(o);
    // A second recovery in the same second never overwrites the first kept file.
    fs::write(&p, b"(broken").unwrap();
    let o = opener().recover_from_backup(&p, &form).unwrap();
    let kept2 = tmp.path().join("草稿.corrupt-20261125-200000-2.ron");
    assert_eq!(fs::read(&kept).unwrap(), damaged);
    assert_eq!(fs::read(&kept2).unwrap(), b"(broken");
    drop(o);
}

#[test]
fn a_corrupt_draft_without_backup_is_left_alone() {
    let tmp = tempfile::tempdir().unwrap();
    let p = tmp.path().join("x.ron");
    fs::write(&p, "// tianbiao draft\nDraft(format: 1, name: \"半截").unwrap();
    let err = opener()
        .open(&p, &flagship(), OpenMode::Normal)
        .unwrap_err();
    assert!(
        matches!(
            err,
            OpenError::Corrupt {
                backup: None,
                line: 2,
                ..
            }
        ),
        "{err:?}"
    );
    assert!(matches!(
        opener().recover_from_backup(&p, &flagship()),
        Err(OpenError::NotFound { .. })
    ));
    assert_eq!(
        fs::read_to_string(&p).unwrap(),
        "// tianbiao draft\nDraft(format: 1, name: \"半截"
    );
    assert_eq!(names(tmp.path()), ["x.ron"]);
}

#[test]
fn a_corrupt_draft_can_be_set_aside_to_start_again() {
    let tmp = tempfile::tempdir().unwrap();
    let p = tmp.path().join("x.ron");
    fs::write(&p, "(damaged").unwrap();
    let kept = opener().set_aside_corrupt(&p).unwrap();
    assert_eq!(kept, tmp.path().join("x.corrupt-20261125-200000.ron"));
    assert_eq!(fs::read_to_string(&kept).unwrap(), "(damaged");
    assert!(!p.exists());
    let mut o = opener().create(&p, &flagship(), "重新开始").unwrap();
    o.session.save(&o.draft).unwrap();
    drop(o);
    // Again in the same second: a new name, the first kept file untouched.
    fs::write(&p, "(damaged again").unwrap();
    let kept2 = opener().set_aside_corrupt(&p).unwrap();
    assert_eq!(kept2, tmp.path().join("x.corrupt-20261125-200000-2.ron"));
    assert_eq!(fs::read_to_string(&kept).unwrap(), "(damaged");
    assert_eq!(
        names(tmp.path()),
        [
            "x.corrupt-20261125-200000-2.ron",
            "x.corrupt-20261125-200000.ron"
        ]
    );
}

#[test]
fn a_draft_from_an_older_form_version_says_what_changed_and_keeps_answers() {
    let tmp = tempfile::tempdir().unwrap();
    let p = tmp.path().join("old.ron");
    let old = flagship();
    let mut o = opener().create(&p, &old, "旧版").unwrap();
    o.draft
        .answers
        .set("region", Value::Text("浦东新区".into()));
    o.draft
        .answers
        .set("support", Value::Text("政策支持".into()));
    o.session.save(&o.draft).unwrap();
    drop(o);
    // Version 2 of the form: 实施区域 removed, 支持举措 re-labelled and re-limited, a field added.
    let mut new = old.clone();
    new.version = "2.0".into();
    let basic = new.sections.iter_mut().find(|s| s.id == "basic").unwrap();
    basic.fields.retain(|f| f.id != "region");
    let mut added = basic.fields[0].clone();
    added.id = "budget".into();
    added.label = "投资规模".into();
    basic.fields.push(added);
    let support = new.sections.iter_mut().find(|s| s.id == "support").unwrap();
    support.fields[0].label = "政策支持举措".into();
    if let Kind::LongText { limit, .. } = &mut support.fields[0].kind {
        *limit = Some(200);
    }
    let mut o = opener().open(&p, &new, OpenMode::Normal).unwrap();
    let [OpenNote::FormChanged(change)] = &o.notes[..] else {
        panic!("{:?}", o.notes)
    };
    assert_eq!(change.to_version, "2.0");
    assert_eq!(change.diff.removed[0].label, "实施区域");
    assert_eq!(change.diff.added[0].label, "投资规模");
    assert_eq!(change.diff.renamed[0].new_label, "政策支持举措");
    assert_eq!(
        (change.diff.relimited[0].old, change.diff.relimited[0].new),
        (Some(300), Some(200))
    );
    let note = o.notes[0].describe(tianbiao::lang::Lang::Zh);
    assert!(
        note.contains("删除字段：实施区域（已填写的内容保留在草稿中）"),
        "{note}"
    );
    assert!(
        note.contains("字数上限改变：政策支持举措 300 → 200"),
        "{note}"
    );
    // The removed field's answer is kept, in memory and through a save.
    assert_eq!(text_of(&o.draft, "region"), "浦东新区");
    o.session.save(&o.draft).unwrap();
    let saved = parse(&p);
    assert_eq!(text_of(&saved, "region"), "浦东新区");
    assert_eq!(saved.form_version, "2.0");
    drop(o);
    // Now it is a draft of version 2: no more notes.
    assert!(
        opener()
            .open(&p, &new, OpenMode::Normal)
            .unwrap()
            .notes
            .is_empty()
    );
}

#[test]
fn a_draft_of_another_form_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let p = tmp.path().join("s.ron");
    let summary = tianbiao::form::builtin("ai-scenario-summary")
        .unwrap()
        .unwrap();
    let mut o = opener().create(&p, &summary, "汇总").unwrap();
    o.session.save(&o.draft).unwrap();
    drop(o);
    let err = opener()
        .open(&p, &flagship(), OpenMode::Normal)
        .unwrap_err();
    assert!(
        matches!(err, OpenError::WrongForm { ref found, .. } if found == "ai-scenario-summary")
    );
    assert!(!tmp.path().join("s.ron.lock").exists());
}

#[test]
fn bom_and_crlf_are_accepted_and_invalid_utf8_is_located() {
    let tmp = tempfile::tempdir().unwrap();
    let form = flagship();
    let mut d = Draft::new(&form, "编码", "2026-11-25T20:00:00+08:00");
    d.answers.set("intro", Value::Text("第一行\n第二行".into()));
    let p = tmp.path().join("bom.ron");
    fs::write(&p, format!("\u{feff}{}", d.to_ron().replace('\n', "\r\n"))).unwrap();
    let mut o = opener().open(&p, &form, OpenMode::Normal).unwrap();
    assert_eq!(o.draft.answers, d.answers);
    // Saving is not a conflict (we read that file), and writes plain UTF-8 with LF.
    assert!(matches!(
        o.session.save(&o.draft).unwrap(),
        SaveOk::Saved { .. }
    ));
    let text = fs::read_to_string(&p).unwrap();
    assert!(!text.starts_with('\u{feff}') && !text.contains('\r'));
    drop(o);

    let bad = tmp.path().join("bad.ron");
    let mut bytes = d.to_ron().into_bytes();
    let third_line = bytes
        .iter()
        .enumerate()
        .filter(|(_, b)| **b == b'\n')
        .nth(1)
        .unwrap()
        .0
        + 1;
    bytes.splice(third_line + 2..third_line + 2, [0xff, 0xfe]);
    fs::write(&bad, &bytes).unwrap();
    let err = opener().open(&bad, &form, OpenMode::Normal).unwrap_err();
    let OpenError::Corrupt {
        line, col, message, ..
    } = &err
    else {
        panic!("{err:?}")
    };
    assert_eq!((*line, *col), (3, 3));
    assert!(message.to_string().contains("UTF-8"), "{message}");
    assert_eq!(fs::read(&bad).unwrap(), bytes);
}

/// Runs `f` on a thread and fails the test if it takes longer than `secs` (a hang).
fn within<T: Send + 'static>(secs: u64, f: impl FnOnce() -> T + Send + 'static) -> T {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(f());
    });
    rx.recv_timeout(Duration::from_secs(secs))
        .expect("did not return in time (hung?)")
}

#[test]
fn hostile_paths_are_refused_quickly_without_reading_them() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().to_path_buf();
    let fifo = dir.join("fifo.ron");
    let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
    // SAFETY: a valid C string path.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
    let zero = dir.join("zero.ron");
    std::os::unix::fs::symlink("/dev/zero", &zero).unwrap();
    let big = dir.join("big.ron");
    fs::File::create(&big)
        .unwrap()
        .set_len(100 * 1024 * 1024)
        .unwrap();
    let subdir = dir.join("dir.ron");
    fs::create_dir(&subdir).unwrap();
    let before = names(&dir);
    for (p, big_expected) in [(fifo, false), (zero, false), (subdir, false), (big, true)] {
        for mode in [OpenMode::Normal, OpenMode::ReadOnly] {
            let p2 = p.clone();
            let start = Instant::now();
            let r = within(5, move || opener().open(&p2, &flagship(), mode).map(|_| ()));
            assert!(start.elapsed() < Duration::from_secs(2), "{p:?} was slow");
            match r {
                Err(OpenError::Unreadable {
                    error: ReadError::TooLarge { size, .. },
                    ..
                }) if big_expected => assert_eq!(size, 100 * 1024 * 1024),
                Err(OpenError::Unreadable {
                    error: ReadError::NotRegular,
                    ..
                }) if !big_expected => {}
                other => panic!("{p:?}: {other:?}"),
            }
        }
        let p2 = p.clone();
        assert!(within(5, move || draft::read_draft(&p2).is_err()));
    }
    // Nothing was created beside them (no locks, no temp files).
    assert_eq!(names(&dir), before);
}

#[test]
fn a_symlinked_draft_is_followed_and_its_lock_lives_beside_the_target() {
    let tmp = tempfile::tempdir().unwrap();
    let real_dir = tmp.path().join("real");
    fs::create_dir(&real_dir).unwrap();
    let p = two_versions(&real_dir);
    let link = tmp.path().join("link.ron");
    std::os::unix::fs::symlink(&p, &link).unwrap();
    let mut o = opener().open(&link, &flagship(), OpenMode::Normal).unwrap();
    assert!(matches!(&o.notes[..], [OpenNote::SymlinkFollowed { .. }]));
    assert!(real_dir.join("草稿.ron.lock").exists());
    o.draft.answers.set("intro", Value::Text("经由链接".into()));
    o.session.save(&o.draft).unwrap();
    // The link still points at the draft, which has the new text.
    assert!(
        fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(text_of(&parse(&link), "intro"), "经由链接");
    assert_eq!(names(tmp.path()), ["link.ron", "real"]);
}

#[test]
fn leftover_temp_files_are_cleaned_by_the_next_writer_only() {
    let tmp = tempfile::tempdir().unwrap();
    let p = two_versions(tmp.path());
    let form = flagship();
    let t1 = tmp.path().join(".草稿.ron.tmp-123-4-5");
    let t2 = tmp.path().join(".草稿.ron.bak.tmp");
    fs::write(&t1, "half a save").unwrap();
    fs::write(&t2, "half a backup").unwrap();
    // A reader leaves them (they could belong to a live writer).
    drop(opener().open(&p, &form, OpenMode::ReadOnly).unwrap());
    assert!(t1.exists() && t2.exists());
    let o = opener().open(&p, &form, OpenMode::Normal).unwrap();
    assert!(matches!(&o.notes[..], [OpenNote::TempFilesRemoved { files }] if files.len() == 2));
    assert!(!t1.exists() && !t2.exists());
}

#[test]
fn a_lock_left_by_a_dead_process_is_taken_over_with_a_note() {
    let tmp = tempfile::tempdir().unwrap();
    let p = two_versions(tmp.path());
    let mut child = std::process::Command::new("true").spawn().unwrap();
    let dead = child.id();
    child.wait().unwrap();
    fs::write(
        tmp.path().join("草稿.ron.lock"),
        format!(
            "(user:\"someone\",host:\"{}\",pid:{dead},started:\"2026-11-24T09:00:00+08:00\",version:\"0.1.0\")\n",
            tianbiao::draft::lock::host_name()
        ),
    )
    .unwrap();
    let o = opener().open(&p, &flagship(), OpenMode::Normal).unwrap();
    let [OpenNote::StaleLockTakenOver { previous }] = &o.notes[..] else {
        panic!("{:?}", o.notes)
    };
    assert_eq!(previous.pid, dead);
    assert_eq!(previous.user, "someone");
    assert!(o.session.holds_lock());
    let note = o.notes[0].describe(tianbiao::lang::Lang::En);
    assert!(
        note.contains("no longer running") && note.contains("someone@"),
        "{note}"
    );
}

#[test]
fn a_failed_save_leaves_the_old_draft_byte_identical_and_says_why() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("d");
    fs::create_dir(&dir).unwrap();
    let p = two_versions(&dir);
    let form = flagship();
    let mut o = opener().open(&p, &form, OpenMode::Normal).unwrap();
    let before = fs::read(&p).unwrap();
    // The directory disappears under the editor (unmounted, moved): a regular file takes its
    // place. This fails for root too, unlike chmod.
    let moved = tmp.path().join("moved");
    fs::rename(&dir, &moved).unwrap();
    fs::write(&dir, "not a directory").unwrap();
    o.draft.answers.set("intro", Value::Text("新的文字".into()));
    let err = o.session.save(&o.draft).unwrap_err();
    let SaveError::Failed { cause, stage, .. } = &err else {
        panic!("{err:?}")
    };
    assert_eq!((*cause, *stage), (Cause::DirMissing, Stage::Create));
    let zh = err.describe(tianbiao::lang::Lang::Zh);
    assert!(
        zh.contains("未能保存") && zh.contains("原文件未改动") && zh.contains("文字仍在内存中"),
        "{zh}"
    );
    assert_eq!(fs::read(moved.join("草稿.ron")).unwrap(), before);
    assert_eq!(names(&moved), ["草稿.ron", "草稿.ron.bak", "草稿.ron.lock"]);
    // Once the directory is back, the same session saves.
    fs::remove_file(&dir).unwrap();
    fs::rename(&moved, &dir).unwrap();
    assert!(matches!(
        o.session.save(&o.draft).unwrap(),
        SaveOk::Saved { .. }
    ));
    assert_eq!(text_of(&parse(&p), "intro"), "新的文字");
}

#[test]
fn an_existing_files_mode_is_kept_never_widened() {
    let tmp = tempfile::tempdir().unwrap();
    let p = two_versions(tmp.path());
    let form = flagship();
    for m in [0o640, 0o400, 0o600] {
        fs::set_permissions(&p, fs::Permissions::from_mode(m)).unwrap();
        let mut o = opener().open(&p, &form, OpenMode::Normal).unwrap();
        o.session.save(&o.draft).unwrap();
        assert_eq!(mode_of(&p), m);
        assert_eq!(mode_of(&tmp.path().join("草稿.ron.lock")), 0o600);
    }
}

#[test]
fn open_or_create_starts_a_new_draft_without_asking() {
    let tmp = tempfile::tempdir().unwrap();
    let p = tmp.path().join("新目录/我的草稿.ron");
    let form = flagship();
    let mut o = opener()
        .open_or_create(&p, &form, "我的草稿", OpenMode::Normal)
        .unwrap();
    o.session.save(&o.draft).unwrap();
    drop(o);
    let o = opener()
        .open_or_create(&p, &form, "ignored", OpenMode::Normal)
        .unwrap();
    assert_eq!(o.draft.name, "我的草稿");
    assert!(matches!(
        opener().open_or_create(&tmp.path().join("nope.ron"), &form, "x", OpenMode::ReadOnly),
        Err(OpenError::NotFound { .. })
    ));
    assert!(matches!(
        opener().create(&p, &form, "x"),
        Err(OpenError::AlreadyExists { .. })
    ));
}

#[test]
fn the_store_lists_drafts_and_reports_unreadable_ones() {
    let tmp = tempfile::tempdir().unwrap();
    let store = draft::Store::at(tmp.path().join("drafts"));
    assert!(store.list().unwrap().entries.is_empty());
    store.ensure_dir().unwrap();
    let form = flagship();
    for (name, t) in [
        ("甲", "2026-11-20T10:00:00+08:00"),
        ("乙", "2026-11-25T10:00:00+08:00"),
    ] {
        let clock: tianbiao::draft::Clock = {
            let t = at(t);
            std::sync::Arc::new(move || t)
        };
        let mut o = Opener::with_clock(clock)
            .create(&store.unused_path_for(name), &form, name)
            .unwrap();
        o.session.save(&o.draft).unwrap();
    }
    fs::write(store.dir().join("坏的.ron"), "(").unwrap();
    fs::write(store.dir().join("甲.corrupt-20261125-200000.ron"), "(").unwrap();
    fs::write(store.dir().join("notes.txt"), "not a draft").unwrap();
    let listing = store.list().unwrap();
    let names: Vec<&str> = listing
        .entries
        .iter()
        .map(|e| e.draft.name.as_str())
        .collect();
    assert_eq!(names, ["乙", "甲"]);
    assert_eq!(listing.skipped.len(), 1);
    assert!(matches!(
        listing.skipped[0].error,
        OpenError::Corrupt { .. }
    ));
    assert_eq!(listing.corrupt_kept.len(), 1);
    assert_eq!(store.list_form("ai-scenario").unwrap().len(), 2);
    assert!(store.list_form("other").unwrap().is_empty());
    assert_eq!(store.unused_path_for("甲"), store.dir().join("甲-2.ron"));
}

#[test]
fn once_the_changed_file_is_gone_saves_go_to_the_draft_file_and_the_copy_is_forgotten() {
    let tmp = tempfile::tempdir().unwrap();
    let p = two_versions(tmp.path());
    let form = flagship();
    let mut o = opener().open(&p, &form, OpenMode::Normal).unwrap();
    fs::write(&p, "别人写的").unwrap();
    o.draft.answers.set("intro", Value::Text("我的".into()));
    assert!(matches!(
        o.session.save(&o.draft).unwrap(),
        SaveOk::Conflict { .. }
    ));
    assert!(o.session.conflict_copy().is_some());
    fs::remove_file(&p).unwrap();
    o.draft.answers.set("intro", Value::Text("我的2".into()));
    assert!(matches!(
        o.session.save(&o.draft).unwrap(),
        SaveOk::Saved { .. }
    ));
    // The editor's quit line reads this: it must not name a copy the text no longer goes to.
    assert!(o.session.conflict_copy().is_none());
    assert_eq!(text_of(&parse(&p), "intro"), "我的2");
}

#[test]
fn a_draft_moves_to_its_new_name_with_its_backup_and_lock_and_saves_there() {
    let tmp = tempfile::tempdir().unwrap();
    let p = two_versions(tmp.path());
    let form = flagship();
    let mut o = opener().open(&p, &form, OpenMode::Normal).unwrap();
    let taken = tmp.path().join("已有.ron");
    fs::write(&taken, "别的草稿").unwrap();
    assert!(o.session.rename_to(&taken).is_err(), "never over a file");
    assert_eq!(fs::read_to_string(&taken).unwrap(), "别的草稿");
    let to = tmp.path().join("江城智慧港口.ron");
    o.session.rename_to(&to).unwrap();
    assert_eq!(o.session.path(), to);
    assert!(!p.exists());
    assert!(!tianbiao::draft::atomic::backup_path(&p).exists());
    assert!(!tianbiao::draft::atomic::lock_path(&p).exists());
    assert!(tianbiao::draft::atomic::lock_path(&to).exists());
    assert_eq!(text_of(&parse(&to), "intro"), "v2");
    assert_eq!(text_of(&parse(&o.session.backup_path()), "intro"), "v1");
    // The same file, so saving is no conflict.
    o.draft.answers.set("intro", Value::Text("v3".into()));
    assert!(matches!(
        o.session.save(&o.draft).unwrap(),
        SaveOk::Saved { .. }
    ));
    assert_eq!(text_of(&parse(&to), "intro"), "v3");
    // While saves go to a conflict copy, the draft stays where it is.
    fs::write(&to, "别人写的").unwrap();
    assert!(matches!(
        o.session.save(&o.draft).unwrap(),
        SaveOk::Conflict { .. }
    ));
    assert!(o.session.rename_to(&tmp.path().join("第三个.ron")).is_err());
    assert_eq!(fs::read_to_string(&to).unwrap(), "别人写的");
}
