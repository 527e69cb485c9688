//! End-to-end: F9 opens the field in the user's own editor (a fake `$EDITOR` script here), in
//! a real pseudo-terminal. Success is one undoable change; a failing, killed or GBK-saving
//! editor leaves the field and the draft as they were and names the kept temp file.

mod support;
use support::pty as pty_common;

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use pty_common::*;

const PGDN: &[u8] = b"\x1b[6~";
const F9: &[u8] = b"\x1b[20~";
const OLD: &str = "原来的场景简介";

/// Writes an executable editor script into `dir`.
fn script(dir: &Path, name: &str, body: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, format!("#!/bin/sh\n{body}\n")).unwrap();
    std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o755)).unwrap();
    p
}

/// The editor on a draft whose 场景简介 holds `OLD`, focused there, with `editor` as $EDITOR
/// and temp files in `run`.
fn open(dir: &Path, run: &Path, editor: &Path) -> Pty {
    let draft = dir.join("d.ron");
    let t = Pty::spawn_env(
        &bin(),
        &["fill", "--draft", draft.to_str().unwrap()],
        dir,
        200,
        24,
        &[
            ("EDITOR", editor.to_str().unwrap()),
            ("VISUAL", ""),
            ("XDG_RUNTIME_DIR", run.to_str().unwrap()),
        ],
    );
    t.wait_text("申报单位");
    t
}

fn to_intro(t: &mut Pty) {
    t.send(PGDN);
    t.send(PGDN);
    t.wait_text("(一) 场景简介");
}

fn temp_files(run: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(run)
        .map(|r| r.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default()
}

fn wait_until(what: &str, t: &Pty, cond: impl Fn() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(15);
    while !cond() {
        assert!(
            Instant::now() < deadline,
            "timed out waiting for {what}; screen:\n{}",
            t.screen()
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// A draft with `OLD` in 场景简介, made with `--set`.
fn seeded() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let run = dir.path().join("run");
    std::fs::create_dir(&run).unwrap();
    let ok = std::process::Command::new(bin())
        .args(["fill", "--no-edit", "--draft"])
        .arg(dir.path().join("d.ron"))
        .arg("--set")
        .arg(format!("intro={OLD}"))
        .env("TIANBIAO_DATA_DIR", dir.path())
        .output()
        .unwrap();
    assert!(ok.status.success());
    (dir, run)
}

fn draft(dir: &Path) -> String {
    draft_text(&dir.join("d.ron"))
}

#[test]
fn an_edit_is_applied_as_one_undoable_change() {
    let (dir, run) = seeded();
    let ed = script(
        dir.path(),
        "ed.sh",
        "printf '追加的第二段文字。\\n' >> \"$1\"",
    );
    let mut t = open(dir.path(), &run, &ed);
    to_intro(&mut t);
    t.wait_text(OLD);
    t.send(F9);
    t.wait_text("已从编辑器更新：+9 字");
    t.wait_text("追加的第二段文字。");
    t.wait_text("16/400 字");
    // The temp file is gone after a successful edit.
    assert!(temp_files(&run).is_empty(), "{:?}", temp_files(&run));
    // One undo step restores the old text.
    t.send(b"\x15"); // Ctrl-U
    t.wait_text("7/400 字");
    assert!(!t.screen().contains("追加的第二段文字"));
    t.send(b"\x11"); // Ctrl-Q
    assert_eq!(t.wait_exit(Duration::from_secs(10)), 0);
    assert!(draft(dir.path()).contains(OLD));
    assert!(!draft(dir.path()).contains("追加"));
}

fn failing(body: &str, says: &str) {
    let (dir, run) = seeded();
    let before = draft(dir.path());
    let ed = script(dir.path(), "ed.sh", body);
    let mut t = open(dir.path(), &run, &ed);
    to_intro(&mut t);
    t.send(F9);
    t.wait_text(says);
    t.wait_text("本项未改动");
    let kept = temp_files(&run);
    assert_eq!(kept.len(), 1, "the temp file is kept: {kept:?}");
    let name = kept[0].file_name().unwrap().to_string_lossy().into_owned();
    assert!(name.starts_with("tianbiao-intro-"), "{name}");
    let mode = std::fs::metadata(&kept[0]).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
    // The message names the file (the status line may cut a long path: its start is there).
    let screen = t.screen().replace('\n', "");
    assert!(screen.contains("tianbiao-intro-"), "{screen}");
    assert!(t.screen().contains("7/400 字"), "field unchanged");
    t.send(b"\x11");
    assert_eq!(t.wait_exit(Duration::from_secs(10)), 0);
    assert_eq!(
        tianbiao::draft::Draft::from_ron(&draft(dir.path()))
            .unwrap()
            .answers,
        tianbiao::draft::Draft::from_ron(&before).unwrap().answers
    );
}

#[test]
fn a_failing_editor_changes_nothing_and_keeps_the_file() {
    failing("printf '不要' >> \"$1\"; exit 3", "异常退出（代码 3）");
}

#[test]
fn a_killed_editor_changes_nothing_and_keeps_the_file() {
    failing("printf '不要' >> \"$1\"; kill -9 $$", "被信号 9 终止");
}

#[test]
fn a_file_saved_as_gbk_changes_nothing_and_keeps_the_file() {
    // 中文 in GBK: not UTF-8.
    failing("printf '\\326\\320\\316\\304' >> \"$1\"", "不是 UTF-8");
}

#[test]
fn the_draft_is_saved_before_the_editor_starts_and_a_hang_up_keeps_it() {
    let (dir, run) = seeded();
    let ed = script(dir.path(), "ed.sh", "sleep 30");
    let mut t = open(dir.path(), &run, &ed);
    to_intro(&mut t);
    t.type_str("新打的字");
    t.wait_text("11/400 字");
    t.send(F9);
    wait_until("the temp file", &t, || !temp_files(&run).is_empty());
    // Saved before the editor started: typing has not been idle long enough for autosave.
    assert!(
        draft(dir.path()).contains("新打的字"),
        "{}",
        draft(dir.path())
    );
    t.hang_up();
    let code = t.wait_exit(Duration::from_secs(10));
    assert!(code == 129 || code == 0, "exit {code}");
    assert!(draft(dir.path()).contains("新打的字"));
}
