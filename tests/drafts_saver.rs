//! Saving off the UI thread: coalescing, retries, flush, and the emergency save from a panic
//! hook. (Saving on a hang-up is tested end to end, in a real pty, by `e2e_editor`.)

mod support;
use support::drafts as common;

use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use common::*;
use tianbiao::draft::{
    Draft, EmergencyOutcome, Flush, OpenMode, Opener, SaveError, SaveEvent, Saver,
};
use tianbiao::form::Value;

fn opener() -> Opener {
    Opener::with_clock(fixed_clock())
}

fn with_intro(d: &Draft, t: &str) -> Draft {
    let mut d = d.clone();
    d.answers.set("intro", Value::Text(t.into()));
    d
}

fn intro_on_disk(p: &Path) -> String {
    Draft::from_ron(&fs::read_to_string(p).unwrap())
        .unwrap()
        .answers
        .text("intro")
        .to_string()
}

/// A saved draft and a saver for it.
fn saver_in(dir: &Path) -> (PathBuf, Draft, Saver) {
    let p = dir.join("草稿.ron");
    let mut o = opener().create(&p, &flagship(), "后台保存").unwrap();
    o.draft.answers.set("intro", Value::Text("v0".into()));
    o.session.save(&o.draft).unwrap();
    let saver = Saver::spawn(o.session).unwrap();
    (p, o.draft, saver)
}

fn next_event(saver: &Saver, secs: u64) -> SaveEvent {
    let mut got = None;
    assert!(
        wait_until(secs, || {
            got = saver.try_event();
            got.is_some()
        }),
        "no save event in {secs} s"
    );
    got.unwrap()
}

#[test]
fn saves_coalesce_to_the_newest_snapshot() {
    let tmp = tempfile::tempdir().unwrap();
    let (p, d, saver) = saver_in(tmp.path());
    // Hold the session (as a slow save would) while the UI hands in 200 snapshots.
    let (held_tx, held_rx) = std::sync::mpsc::channel();
    let (go_tx, go_rx) = std::sync::mpsc::channel::<()>();
    std::thread::scope(|s| {
        let saver = &saver;
        s.spawn(move || {
            saver.with_session(|_| {
                held_tx.send(()).unwrap();
                go_rx.recv().unwrap();
            })
        });
        held_rx.recv().unwrap();
        let mut last = 0;
        for i in 1..=200 {
            last = saver.save(with_intro(&d, &format!("第{i}版")));
        }
        assert_eq!(last, 200);
        assert!(saver.has_unsaved());
        go_tx.send(()).unwrap();
    });
    assert_eq!(saver.flush(Duration::from_secs(10)), Flush::Saved);
    // Exactly one save, of the newest snapshot; nothing older is written after it.
    assert!(matches!(
        next_event(&saver, 5),
        SaveEvent::Saved {
            seq: 200,
            backup_warning: None,
            ..
        }
    ));
    assert_eq!(saver.try_event(), None);
    assert!(saver.is_saved(200) && !saver.has_unsaved());
    assert_eq!(intro_on_disk(&p), "第200版");
    assert_eq!(intro_on_disk(&tmp.path().join("草稿.ron.bak")), "v0");
    assert_eq!(saver.flush(Duration::from_secs(1)), Flush::NothingToSave);
}

#[test]
fn a_failed_save_is_reported_retried_and_then_succeeds() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("d");
    fs::create_dir(&dir).unwrap();
    let (p, d, saver) = saver_in(&dir);
    let before = fs::read(&p).unwrap();
    // The directory is gone (a regular file in its place): saving fails, for root too.
    let moved = tmp.path().join("moved");
    fs::rename(&dir, &moved).unwrap();
    fs::write(&dir, "").unwrap();
    let seq = saver.save(with_intro(&d, "重要的新文字"));
    let SaveEvent::Failed {
        seq: s,
        error,
        retry_in,
    } = next_event(&saver, 5)
    else {
        panic!()
    };
    assert_eq!((s, retry_in), (seq, Duration::from_millis(500)));
    assert!(matches!(error, SaveError::Failed { .. }));
    assert!(!saver.is_saved(seq) && saver.has_unsaved());
    assert!(matches!(
        saver.flush(Duration::from_secs(5)),
        Flush::Failed(_)
    ));
    assert_eq!(fs::read(moved.join("草稿.ron")).unwrap(), before);
    // The directory comes back: a retry (no new snapshot needed) saves the text.
    fs::remove_file(&dir).unwrap();
    fs::rename(&moved, &dir).unwrap();
    let mut saved = false;
    assert!(wait_until(10, || {
        while let Some(ev) = saver.try_event() {
            match ev {
                SaveEvent::Failed { .. } => {}
                SaveEvent::Saved { seq: s, .. } => saved = s == seq,
                other => panic!("{other:?}"),
            }
        }
        saved
    }));
    assert!(saver.is_saved(seq));
    assert_eq!(intro_on_disk(&p), "重要的新文字");
}

#[test]
fn the_emergency_save_writes_the_newest_text_and_never_waits_for_a_stuck_saver() {
    let tmp = tempfile::tempdir().unwrap();
    let (p, d, saver) = saver_in(tmp.path());
    let em = saver.emergency();
    assert_eq!(
        em.save_now(Duration::from_millis(100)),
        EmergencyOutcome::NothingToSave
    );
    // Free saver: the newest remembered text goes into the draft itself.
    let seq = saver.remember(with_intro(&d, "记住的文字"));
    assert!(!saver.is_saved(seq));
    assert_eq!(
        em.save_now(Duration::from_secs(1)),
        EmergencyOutcome::Saved { path: p.clone() }
    );
    assert!(saver.is_saved(seq));
    assert_eq!(intro_on_disk(&p), "记住的文字");
    assert_eq!(
        em.save_now(Duration::from_secs(1)),
        EmergencyOutcome::NothingToSave
    );
    // A saver stuck inside a save (a hung disk, a panicking thread) holds the session: the
    // emergency save gives up waiting after the bound and writes a copy beside the draft.
    let before = fs::read(&p).unwrap();
    let (held_tx, held_rx) = std::sync::mpsc::channel();
    let (go_tx, go_rx) = std::sync::mpsc::channel::<()>();
    std::thread::scope(|s| {
        let saver = &saver;
        s.spawn(move || {
            saver.with_session(|_| {
                held_tx.send(()).unwrap();
                go_rx.recv().unwrap();
            })
        });
        held_rx.recv().unwrap();
        let seq = saver.remember(with_intro(&d, "卡住时的文字"));
        let start = Instant::now();
        let outcome = em.save_now(Duration::from_millis(200));
        assert!(
            start.elapsed() < Duration::from_secs(2),
            "{:?}",
            start.elapsed()
        );
        let EmergencyOutcome::Copy { path, reason } = outcome else {
            panic!("{outcome:?}")
        };
        assert!(reason.contains("busy or stuck"), "{reason}");
        assert_eq!(path, tmp.path().join("草稿.emergency-20261125-200000.ron"));
        assert_eq!(intro_on_disk(&path), "卡住时的文字");
        assert_eq!(mode_of(&path), 0o600);
        assert!(saver.is_saved(seq));
        go_tx.send(()).unwrap();
    });
    assert_eq!(fs::read(&p).unwrap(), before);
}

#[test]
fn finish_flushes_and_gives_the_session_back() {
    let tmp = tempfile::tempdir().unwrap();
    let (p, d, saver) = saver_in(tmp.path());
    saver.remember(with_intro(&d, "退出前"));
    let (flush, session) = saver.finish(Duration::from_secs(10));
    assert_eq!(flush, Flush::Saved);
    assert_eq!(intro_on_disk(&p), "退出前");
    let session = session.unwrap();
    assert!(session.holds_lock());
    drop(session);
    assert_eq!(names(tmp.path()), ["草稿.ron", "草稿.ron.bak"]);
    // The draft can be opened again now.
    opener().open(&p, &flagship(), OpenMode::Normal).unwrap();
}

/// Not a test: the body of the child processes (does nothing in a normal run).
#[test]
fn child_process_entry() {
    let Some(mode) = child_mode() else { return };
    let p = PathBuf::from(std::env::var("TB_DRAFT").unwrap());
    let form = flagship();
    let read_only = mode == "readonly-emergency";
    let o = opener()
        .open(
            &p,
            &form,
            if read_only {
                OpenMode::ReadOnly
            } else {
                OpenMode::Normal
            },
        )
        .unwrap();
    let saver = Saver::spawn(o.session).unwrap();
    let em = saver.emergency();
    match mode.as_str() {
        "no-spin" => {
            // A failed save leaves a retry pending; then the text is saved by other means.
            let dir = p.parent().unwrap();
            let moved = dir.with_extension("moved");
            fs::rename(dir, &moved).unwrap();
            fs::write(dir, "").unwrap();
            saver.save(with_intro(&o.draft, "先失败"));
            assert!(matches!(next_event(&saver, 5), SaveEvent::Failed { .. }));
            fs::remove_file(dir).unwrap();
            fs::rename(&moved, dir).unwrap();
            assert!(matches!(
                em.save_now(Duration::from_secs(1)),
                EmergencyOutcome::Saved { .. }
            ));
            // The pending retry finds nothing to do; the worker must go back to sleep.
            std::thread::sleep(Duration::from_millis(700));
            let before = saver_cpu_ticks();
            std::thread::sleep(Duration::from_millis(500));
            let used = saver_cpu_ticks() - before;
            println!("@@ticks {used}");
            assert!(used < 10, "the saver thread spins: {used} ticks in 0.5 s");
        }
        "panic" => {
            em.install_panic_hook();
            saver.remember(with_intro(&o.draft, "崩溃前的文字"));
            panic!("a bug in the editor");
        }
        "readonly-emergency" => {
            saver.remember(with_intro(&o.draft, "只读草稿上的改动"));
            match em.save_now(Duration::from_secs(1)) {
                EmergencyOutcome::Copy { path, .. } => println!("@@copy {}", path.display()),
                other => panic!("{other:?}"),
            }
        }
        other => panic!("unknown child mode {other}"),
    }
}

/// CPU time (clock ticks) used so far by this process's saver thread.
fn saver_cpu_ticks() -> u64 {
    for t in fs::read_dir("/proc/self/task").unwrap().flatten() {
        let stat = fs::read_to_string(t.path().join("stat")).unwrap_or_default();
        if stat.contains("(tianbiao-saver)") {
            let after = &stat[stat.rfind(')').unwrap() + 2..];
            let f: Vec<&str> = after.split(' ').collect();
            // Fields 14 and 15 of stat (utime, stime), counted from the state field (3).
            return f[11].parse::<u64>().unwrap() + f[12].parse::<u64>().unwrap();
        }
    }
    panic!("no saver thread")
}

#[test]
fn after_a_retry_finds_nothing_to_save_the_worker_sleeps() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("d");
    fs::create_dir(&dir).unwrap();
    let (p, _, saver) = saver_in(&dir);
    drop(saver.finish(Duration::from_secs(5)));
    let child = spawn_child(
        "child_process_entry",
        "no-spin",
        &[("TB_DRAFT", p.to_str().unwrap())],
    );
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(intro_on_disk(&p), "先失败");
}

#[test]
fn a_panic_saves_the_newest_text_and_says_where() {
    let tmp = tempfile::tempdir().unwrap();
    let (p, _, saver) = saver_in(tmp.path());
    drop(saver.finish(Duration::from_secs(5)));
    let child = spawn_child(
        "child_process_entry",
        "panic",
        &[("TB_DRAFT", p.to_str().unwrap()), ("LANG", "en_US.UTF-8")],
    );
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(101));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("a bug in the editor"), "{stderr}");
    assert!(
        stderr.contains("emergency save: the text is saved in") && stderr.contains("草稿.ron"),
        "{stderr}"
    );
    assert_eq!(intro_on_disk(&p), "崩溃前的文字");
}

#[test]
fn an_emergency_save_of_a_read_only_draft_creates_nothing_beside_it() {
    let tmp = tempfile::tempdir().unwrap();
    let drafts = tmp.path().join("received");
    fs::create_dir(&drafts).unwrap();
    let (p, _, saver) = saver_in(&drafts);
    drop(saver.finish(Duration::from_secs(5)));
    let before = names(&drafts);
    let data = tmp.path().join("data");
    let child = spawn_child(
        "child_process_entry",
        "readonly-emergency",
        &[
            ("TB_DRAFT", p.to_str().unwrap()),
            ("TIANBIAO_DATA_DIR", data.to_str().unwrap()),
        ],
    );
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let copy = protocol(&out.stdout)
        .iter()
        .find_map(|l| l.strip_prefix("copy ").map(PathBuf::from))
        .unwrap();
    assert!(copy.starts_with(data.join("drafts")), "{copy:?}");
    assert_eq!(intro_on_disk(&copy), "只读草稿上的改动");
    assert_eq!(names(&drafts), before);
}

#[test]
fn the_types_the_editor_shares_between_threads_are_send_and_sync() {
    fn send<T: Send>() {}
    fn send_sync<T: Send + Sync>() {}
    send::<tianbiao::draft::Session>();
    send::<tianbiao::draft::Opened>();
    send_sync::<Saver>();
    send_sync::<tianbiao::draft::EmergencySaver>();
    send_sync::<tianbiao::draft::SaveError>();
}
