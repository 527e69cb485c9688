//! Fault injection that needs a process of its own: a file-size limit (a full disk), a read-only
//! directory (also when the tests run as root), `umask 000`, and two processes on one draft.
//!
//! Each test re-runs this test binary as a child that runs only `child_process_entry` with
//! `TB_CHILD` naming what to do; the child checks what it can see itself (panicking on failure,
//! so it exits non-zero) and reports the rest as `@@` lines.

mod support;
use support::drafts as common;

use std::fs;
use std::io::{BufRead, BufReader, Write};
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::time::Duration;

use common::*;
use tianbiao::draft::{
    self, Cause, Draft, EmergencyOutcome, OpenError, OpenMode, OpenNote, Opener, SaveError,
    SaveEvent, SaveOk, Saver, Stage, Store,
};
use tianbiao::form::Value;

fn opener() -> Opener {
    Opener::with_clock(fixed_clock())
}

/// A draft with a backup in `dir`: intro "v1" then "v2".
fn prepared(dir: &Path) -> PathBuf {
    let form = flagship();
    let p = dir.join("草稿.ron");
    let mut o = opener().create(&p, &form, "故障").unwrap();
    o.draft.answers.set("intro", Value::Text("v1".into()));
    o.session.save(&o.draft).unwrap();
    o.draft.answers.set("intro", Value::Text("v2".into()));
    o.session.save(&o.draft).unwrap();
    p
}

fn run_child(mode: &str, env: &[(&str, &str)]) -> (Vec<String>, String) {
    let child = spawn_child("child_process_entry", mode, env);
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        out.status.success(),
        "child {mode} failed: {:?}\nstdout:\n{stdout}\nstderr:\n{stderr}",
        out.status
    );
    (protocol(&out.stdout), stderr)
}

/// Not a test: the body of the child processes (does nothing in a normal run).
#[test]
fn child_process_entry() {
    let Some(mode) = child_mode() else { return };
    let path = std::env::var("TB_DRAFT").map(PathBuf::from);
    match mode.as_str() {
        "fsize" => child_fsize(&path.unwrap()),
        "readonly" => child_readonly(&path.unwrap()),
        "umask" => child_umask(),
        "holder" => child_holder(&path.unwrap()),
        other => panic!("unknown child mode {other}"),
    }
}

fn child_fsize(p: &Path) {
    // SAFETY: plain libc calls on this (single-purpose) child process.
    unsafe {
        libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
        let lim = libc::rlimit {
            rlim_cur: 64 * 1024,
            rlim_max: libc::RLIM_INFINITY,
        };
        assert_eq!(libc::setrlimit(libc::RLIMIT_FSIZE, &lim), 0);
    }
    let dir = p.parent().unwrap();
    let form = flagship();
    let mut o = opener().open(p, &form, OpenMode::Normal).unwrap();
    let before = fs::read(p).unwrap();
    let files_before = names(dir);
    o.draft.answers.set("intro", Value::Text(cjk(100_000, 0)));
    let err = o.session.save(&o.draft).unwrap_err();
    let SaveError::Failed { cause, stage, .. } = &err else {
        panic!("{err:?}")
    };
    assert_eq!(
        (*cause, *stage),
        (Cause::FileTooLarge, Stage::Write),
        "{err:?}"
    );
    println!("@@error {}", err.describe(tianbiao::lang::Lang::Zh));
    assert_eq!(
        fs::read(p).unwrap(),
        before,
        "the old draft must be byte-identical"
    );
    assert_eq!(names(dir), files_before, "no temp file may remain");
    // Under the limit the same session saves again.
    o.draft.answers.set("intro", Value::Text("小一点".into()));
    assert!(matches!(
        o.session.save(&o.draft).unwrap(),
        SaveOk::Saved { .. }
    ));
    println!("@@ok");
}

#[test]
fn a_full_disk_file_size_limit_fails_the_save_and_keeps_the_old_draft() {
    let tmp = tempfile::tempdir().unwrap();
    let p = prepared(tmp.path());
    let (lines, _) = run_child("fsize", &[("TB_DRAFT", p.to_str().unwrap())]);
    assert!(
        lines.iter().any(|l| l.starts_with("error ")
            && l.contains("超过了允许的文件大小")
            && l.contains("原文件未改动")),
        "{lines:?}"
    );
    assert_eq!(lines.last().map(String::as_str), Some("ok"));
    let d = Draft::from_ron(&fs::read_to_string(&p).unwrap()).unwrap();
    assert_eq!(d.answers.text("intro"), "小一点");
    let bak =
        Draft::from_ron(&fs::read_to_string(tmp.path().join("草稿.ron.bak")).unwrap()).unwrap();
    assert_eq!(bak.answers.text("intro"), "v2");
}

const NOBODY: u32 = 65534;

fn is_root() -> bool {
    // SAFETY: geteuid cannot fail.
    unsafe { libc::geteuid() == 0 }
}

fn child_readonly(p: &Path) {
    if is_root() {
        // Root ignores permissions: drop to nobody so the read-only directory means something.
        // SAFETY: plain libc calls; failures are asserted.
        unsafe {
            assert_eq!(libc::setgroups(0, std::ptr::null()), 0);
            assert_eq!(libc::setgid(NOBODY), 0);
            assert_eq!(libc::setuid(NOBODY), 0);
            assert_ne!(libc::geteuid(), 0);
        }
    }
    let dir = p.parent().unwrap();
    // The setup must really be read-only for us, or this test proves nothing.
    let probe = fs::File::create(dir.join("probe"));
    assert_eq!(
        probe.map(|_| ()).unwrap_err().kind(),
        std::io::ErrorKind::PermissionDenied,
        "the directory is writable: the test setup is broken"
    );
    let form = flagship();
    let o = opener().open(p, &form, OpenMode::Normal).unwrap();
    assert!(
        o.notes
            .iter()
            .any(|n| matches!(n, OpenNote::LockUnavailable { .. })),
        "{:?}",
        o.notes
    );
    let before = fs::read(p).unwrap();
    let files_before = names(dir);
    let mut session = o.session;
    let mut d = o.draft;
    d.answers
        .set("intro", Value::Text("只读目录里写的字".into()));
    let err = session.save(&d).unwrap_err();
    assert!(
        matches!(
            err,
            SaveError::Failed {
                cause: Cause::PermissionDenied,
                stage: Stage::Create,
                ..
            }
        ),
        "{err:?}"
    );
    println!("@@error {}", err.describe(tianbiao::lang::Lang::En));
    assert_eq!(fs::read(p).unwrap(), before);
    assert_eq!(names(dir), files_before);
    // The saver retries with backoff and never claims the text is saved.
    let saver = Saver::spawn(session).unwrap();
    let seq = saver.save(d.clone());
    let mut delays = Vec::new();
    assert!(wait_until(10, || {
        while let Some(ev) = saver.try_event() {
            match ev {
                SaveEvent::Failed { retry_in, .. } => delays.push(retry_in),
                other => panic!("{other:?}"),
            }
        }
        delays.len() >= 2
    }));
    assert_eq!(
        delays[..2],
        [Duration::from_millis(500), Duration::from_secs(1)]
    );
    assert!(!saver.is_saved(seq) && saver.has_unsaved());
    assert_eq!(fs::read(p).unwrap(), before);
    // The emergency save cannot write beside the draft: it goes to the drafts directory.
    match saver.emergency().save_now(Duration::from_secs(1)) {
        EmergencyOutcome::Copy { path, .. } => println!("@@emergency {}", path.display()),
        other => panic!("{other:?}"),
    }
    assert!(saver.is_saved(seq));
    println!("@@ok");
}

fn chown(p: &Path, uid: u32) {
    let c = std::ffi::CString::new(p.to_str().unwrap()).unwrap();
    // SAFETY: a valid C string.
    assert_eq!(unsafe { libc::lchown(c.as_ptr(), uid, uid) }, 0);
}

#[test]
fn a_read_only_directory_fails_the_save_keeps_the_draft_and_retries() {
    let tmp = tempfile::tempdir().unwrap();
    let ro = tmp.path().join("ro");
    fs::create_dir(&ro).unwrap();
    let p = prepared(&ro);
    let data = tmp.path().join("data");
    fs::create_dir(&data).unwrap();
    if is_root() {
        fs::set_permissions(tmp.path(), fs::Permissions::from_mode(0o755)).unwrap();
        for f in [&ro, &p, &ro.join("草稿.ron.bak"), &data] {
            chown(f, NOBODY);
        }
    }
    let before = fs::read(&p).unwrap();
    fs::set_permissions(&ro, fs::Permissions::from_mode(0o500)).unwrap();
    let (lines, _) = run_child(
        "readonly",
        &[
            ("TB_DRAFT", p.to_str().unwrap()),
            ("TIANBIAO_DATA_DIR", data.to_str().unwrap()),
        ],
    );
    fs::set_permissions(&ro, fs::Permissions::from_mode(0o700)).unwrap();
    assert!(
        lines.iter().any(|l| l.starts_with("error ")
            && l.contains("permission denied")
            && l.contains("the old file is unchanged")),
        "{lines:?}"
    );
    assert_eq!(fs::read(&p).unwrap(), before);
    assert_eq!(names(&ro), ["草稿.ron", "草稿.ron.bak"]);
    let em = lines
        .iter()
        .find_map(|l| l.strip_prefix("emergency "))
        .map(PathBuf::from)
        .unwrap();
    assert!(em.starts_with(data.join("drafts")), "{em:?}");
    assert_eq!(mode_of(&em), 0o600);
    let saved = Draft::from_ron(&fs::read_to_string(&em).unwrap()).unwrap();
    assert_eq!(saved.answers.text("intro"), "只读目录里写的字");
    assert_eq!(lines.last().map(String::as_str), Some("ok"));
}

fn child_umask() {
    // SAFETY: umask cannot fail.
    unsafe { libc::umask(0) };
    let store = Store::default_location().unwrap();
    store.ensure_dir().unwrap();
    assert_eq!(mode_of(store.dir()), 0o700);
    assert_eq!(mode_of(store.dir().parent().unwrap()), 0o700);
    let form = flagship();
    let p = store.path_for("权限");
    let mut o = opener().create(&p, &form, "权限").unwrap();
    assert_eq!(mode_of(&draft::atomic::lock_path(&p)), 0o600);
    o.session.save(&o.draft).unwrap();
    o.session.save(&o.draft).unwrap();
    assert_eq!(mode_of(&p), 0o600);
    assert_eq!(mode_of(&draft::atomic::backup_path(&p)), 0o600);
    let em = o.session.write_emergency_copy(&o.draft).unwrap();
    assert_eq!(mode_of(&em), 0o600);
    fs::remove_file(&em).unwrap();
    // A conflict copy.
    fs::write(&p, "changed elsewhere").unwrap();
    fs::set_permissions(&p, fs::Permissions::from_mode(0o600)).unwrap();
    let SaveOk::Conflict { copy, .. } = o.session.save(&o.draft).unwrap() else {
        panic!()
    };
    assert_eq!(mode_of(&copy), 0o600);
    fs::remove_file(&copy).unwrap();
    drop(o);
    // Recovery keeps the damaged file with its own mode; the restored draft is private.
    let o = opener().recover_from_backup(&p, &form).unwrap();
    let Some(OpenNote::RecoveredFromBackup {
        corrupt_kept: Some(kept),
        ..
    }) = o.notes.last()
    else {
        panic!("{:?}", o.notes)
    };
    assert_eq!(mode_of(kept), 0o600);
    assert_eq!(mode_of(&p), 0o600);
    drop(o);
    // Removing keeps a copy in a private trash directory.
    let removed = store.remove(&p, "20261125-200000").unwrap();
    assert_eq!(mode_of(&store.dir().join(".trash")), 0o700);
    assert_eq!(mode_of(&removed.kept), 0o600);
    println!("@@ok");
}

#[test]
fn under_umask_000_every_file_is_private() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let (lines, _) = run_child("umask", &[("TIANBIAO_DATA_DIR", data.to_str().unwrap())]);
    assert_eq!(lines, ["ok"]);
}

fn child_holder(p: &Path) {
    let form = flagship();
    let mut o = opener().open(p, &form, OpenMode::Normal).unwrap();
    // Save once so the draft's inode is replaced: the lock must not depend on it.
    o.draft.answers.set("intro", Value::Text("A 写的".into()));
    o.session.save(&o.draft).unwrap();
    println!("@@ready {}", std::process::id());
    std::io::stdout().flush().unwrap();
    let mut line = String::new();
    std::io::stdin().read_line(&mut line).unwrap();
    println!("@@released");
}

#[test]
fn two_processes_on_one_draft_the_second_is_told_and_a_killed_holder_is_stale() {
    let tmp = tempfile::tempdir().unwrap();
    let p = prepared(tmp.path());
    let mut child = spawn_child(
        "child_process_entry",
        "holder",
        &[("TB_DRAFT", p.to_str().unwrap())],
    );
    let pid = child.id();
    let mut out = BufReader::new(child.stdout.take().unwrap());
    let mut line = String::new();
    while !line.starts_with("@@ready") {
        line.clear();
        assert!(out.read_line(&mut line).unwrap() > 0, "child ended early");
    }
    let form = flagship();
    match opener().open(&p, &form, OpenMode::Normal) {
        Err(OpenError::Locked {
            holder, running, ..
        }) => {
            assert!(running);
            assert_eq!(holder.pid, pid);
            let msg = OpenError::Locked {
                path: p.clone(),
                holder,
                running,
            }
            .describe(tianbiao::lang::Lang::Zh);
            assert!(
                msg.contains(&format!("进程 {pid}")) && msg.contains("仍在运行"),
                "{msg}"
            );
        }
        other => panic!("{other:?}"),
    }
    let ro = opener().open(&p, &form, OpenMode::ReadOnly).unwrap();
    assert!(matches!(&ro.notes[..], [OpenNote::LockedByOther { holder }] if holder.pid == pid));
    assert_eq!(ro.draft.answers.text("intro"), "A 写的");
    drop(ro);
    // kill -9: the lock file stays, naming a dead process; the next opener takes it over.
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(tmp.path().join("草稿.ron.lock").exists());
    let o = opener().open(&p, &form, OpenMode::Normal).unwrap();
    assert!(
        matches!(&o.notes[..], [OpenNote::StaleLockTakenOver { previous }] if previous.pid == pid),
        "{:?}",
        o.notes
    );
    assert!(o.session.holds_lock());
}
