//! Every way out of the program, through a real pseudo-terminal, on every screen of the event
//! loop: the three dialogs before editing (resume, locked draft, damaged draft), the editor and
//! review. Each is tried with SIGHUP at its default action, ignored (nohup) and blocked, against
//! SIGTERM, SIGINT, SIGQUIT, SIGHUP and a real hang-up (the pty closed). After a signal the
//! terminal is given back (cooked mode, main screen, cursor shown, bracketed paste off) and no
//! frame follows the restore; after a hang-up the process ends at once instead of spinning.

mod support;
use support::drafts as drafts_common;
use support::pty as pty_common;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use pty_common::*;
use tianbiao::draft::{self, OpenMode};

/// How the launcher leaves SIGHUP for the program it starts.
#[derive(Clone, Copy, Debug)]
enum Hup {
    Default,
    Ignored,
    Blocked,
}

impl Hup {
    fn name(self) -> &'static str {
        match self {
            Hup::Default => "default",
            Hup::Ignored => "ignored",
            Hup::Blocked => "blocked",
        }
    }
}

/// Not a test: re-executed in the pty as a launcher that sets SIGHUP's disposition (or blocks
/// it) and then becomes tianbiao, as `nohup` or a service manager would start it.
#[test]
fn launcher_entry() {
    let Ok(mode) = std::env::var("TB_LAUNCH_HUP") else {
        return;
    };
    let joined = std::env::var("TB_LAUNCH_ARGS").unwrap();
    let args: Vec<&str> = joined.split('\u{1f}').filter(|a| !a.is_empty()).collect();
    // SAFETY: signal disposition and mask changes for this thread, then exec; no memory shared.
    unsafe {
        match mode.as_str() {
            "ignored" => {
                libc::signal(libc::SIGHUP, libc::SIG_IGN);
            }
            "blocked" => {
                let mut set: libc::sigset_t = std::mem::zeroed();
                libc::sigemptyset(&mut set);
                libc::sigaddset(&mut set, libc::SIGHUP);
                libc::pthread_sigmask(libc::SIG_BLOCK, &set, std::ptr::null_mut());
            }
            _ => {}
        }
    }
    let err = std::os::unix::process::CommandExt::exec(
        std::process::Command::new(bin())
            .args(&args)
            .env_remove("TB_LAUNCH_HUP"),
    );
    panic!("exec failed: {err}");
}

fn launch(hup: Hup, args: &[&str], data: &Path) -> Pty {
    let exe = std::env::current_exe().unwrap();
    let joined = args.join("\u{1f}");
    Pty::spawn_env(
        &exe,
        &[
            "launcher_entry",
            "--exact",
            "--nocapture",
            "--test-threads=1",
            "-q",
        ],
        data,
        80,
        24,
        &[("TB_LAUNCH_HUP", hup.name()), ("TB_LAUNCH_ARGS", &joined)],
    )
}

/// The screens to leave.
#[derive(Clone, Copy, Debug)]
enum Screen {
    Resume,
    Locked,
    Corrupt,
    Editor,
    Review,
}

/// What holds a screen open (the lock of the "locked" dialog lives in the test process).
struct Setup {
    _dir: tempfile::TempDir,
    data: PathBuf,
    draft: PathBuf,
    _held: Option<draft::Opened>,
}

fn setup(screen: Screen) -> (Setup, Vec<String>, &'static str) {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().to_path_buf();
    let form = drafts_common::flagship();
    let drafts = data.join("drafts");
    std::fs::create_dir_all(&drafts).unwrap();
    let draft = drafts.join("港口.ron");
    let write = |p: &Path| {
        let mut o = draft::open_or_create(p, &form, "港口", OpenMode::Normal).unwrap();
        o.draft.answers.set(
            "intro",
            tianbiao::form::Value::Text("已经保存的文字".into()),
        );
        o.session.save(&o.draft).unwrap();
    };
    let d = draft.to_str().unwrap().to_string();
    let mut held = None;
    let (args, wait): (Vec<String>, &str) = match screen {
        Screen::Resume => {
            write(&draft);
            (vec![], "继续编辑还是新建？")
        }
        Screen::Locked => {
            write(&draft);
            held = Some(draft::open(&draft, &form, OpenMode::Normal).unwrap());
            (vec!["fill".into(), "--draft".into(), d], "草稿正在被编辑")
        }
        Screen::Corrupt => {
            std::fs::write(&draft, "(这不是草稿").unwrap();
            (vec!["fill".into(), "--draft".into(), d], "草稿文件已损坏")
        }
        Screen::Editor => {
            write(&draft);
            (
                vec!["fill".into(), "--draft".into(), d],
                "申报单位与填报日期",
            )
        }
        Screen::Review => {
            write(&draft);
            (vec!["review".into(), d], "申报单位与填报日期")
        }
    };
    (
        Setup {
            _dir: dir,
            data,
            draft,
            _held: held,
        },
        args,
        wait,
    )
}

/// Cooked mode as the pty's own settings say (the master reports the slave's termios).
fn cooked(t: &Pty) -> bool {
    let fd = t.master.as_raw_fd().unwrap();
    // SAFETY: tcgetattr into a zeroed struct we own, on a descriptor we own.
    let mut tio: libc::termios = unsafe { std::mem::zeroed() };
    assert_eq!(unsafe { libc::tcgetattr(fd, &mut tio) }, 0);
    let l = tio.c_lflag;
    l & libc::ICANON != 0
        && l & libc::ECHO != 0
        && l & libc::ISIG != 0
        && tio.c_oflag & libc::OPOST != 0
}

fn assert_restored(t: &Pty, what: &str) {
    // The reader thread may still be taking in the last bytes.
    let deadline = Instant::now() + Duration::from_secs(2);
    while t.parser.lock().unwrap().screen().alternate_screen() && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(cooked(t), "{what}: terminal left in raw mode");
    let raw = t.raw.lock().unwrap().clone();
    let parser = t.parser.lock().unwrap();
    let screen = parser.screen();
    assert!(
        !screen.alternate_screen(),
        "{what}: still on the alternate screen"
    );
    assert!(!screen.hide_cursor(), "{what}: cursor hidden");
    assert!(!screen.bracketed_paste(), "{what}: bracketed paste on");
    // No frame after the restore: nothing but plain text follows leaving the alternate screen.
    let leave = b"\x1b[?1049l";
    let at = raw
        .windows(leave.len())
        .rposition(|w| w == leave)
        .unwrap_or_else(|| panic!("{what}: never left the alternate screen"));
    let after = &raw[at + leave.len()..];
    assert!(
        !after.contains(&0x1b),
        "{what}: output after the restore: {:?}",
        String::from_utf8_lossy(after)
    );
}

fn cpu_ticks(pid: i32) -> Option<u64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    let rest = &stat[stat.rfind(')')? + 2..];
    let f: Vec<&str> = rest.split(' ').collect();
    Some(f.get(11)?.parse::<u64>().ok()? + f.get(12)?.parse::<u64>().ok()?)
}

fn open(screen: Screen, hup: Hup) -> (Setup, Pty) {
    let (s, args, wait) = setup(screen);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let t = launch(hup, &args, &s.data);
    t.wait_text(wait);
    (s, t)
}

fn signals_for(hup: Hup) -> &'static [i32] {
    match hup {
        Hup::Default | Hup::Ignored => &[libc::SIGTERM, libc::SIGINT, libc::SIGQUIT, libc::SIGHUP],
        // A blocked SIGHUP is never delivered: that is the caller's choice.
        Hup::Blocked => &[libc::SIGTERM, libc::SIGINT, libc::SIGQUIT],
    }
}

fn signal_exits(screen: Screen) {
    for hup in [Hup::Default, Hup::Ignored, Hup::Blocked] {
        for &sig in signals_for(hup) {
            let (s, mut t) = open(screen, hup);
            t.signal(sig);
            let what = format!("{screen:?}, SIGHUP {}, signal {sig}", hup.name());
            assert_eq!(
                t.wait_exit(Duration::from_secs(10)),
                128 + sig as u32,
                "{what}"
            );
            assert_restored(&t, &what);
            assert!(
                !draft::atomic::lock_path(&s.draft).exists() || matches!(screen, Screen::Locked),
                "{what}: lock file left behind"
            );
        }
    }
}

fn hang_ups(screen: Screen) {
    for hup in [Hup::Default, Hup::Ignored, Hup::Blocked] {
        let (s, mut t) = open(screen, hup);
        let pid = t.pid();
        let what = format!("{screen:?}, SIGHUP {}, hang-up", hup.name());
        let before = cpu_ticks(pid).unwrap_or(0);
        let started = Instant::now();
        t.hang_up();
        // A spinning process never exits; one that noticed the hang-up does within a second.
        let mut last = before;
        let code = loop {
            if let Some(status) = t.child.try_wait().unwrap() {
                break status.exit_code();
            }
            if let Some(c) = cpu_ticks(pid) {
                last = c;
            }
            assert!(
                started.elapsed() < Duration::from_secs(3),
                "{what}: still running 3 s after the hang-up ({} CPU ticks)",
                last - before
            );
            std::thread::sleep(Duration::from_millis(20));
        };
        assert!(last - before < 100, "{what}: {} CPU ticks", last - before);
        assert_ne!(code, 0, "{what}");
        if matches!(screen, Screen::Editor) {
            assert!(
                !draft::atomic::lock_path(&s.draft).exists(),
                "{what}: lock file left behind"
            );
        }
    }
}

#[test]
fn signals_in_the_resume_dialog_restore_the_terminal() {
    signal_exits(Screen::Resume);
}

#[test]
fn signals_in_the_lock_dialog_restore_the_terminal() {
    signal_exits(Screen::Locked);
}

#[test]
fn signals_in_the_damaged_draft_dialog_restore_the_terminal() {
    signal_exits(Screen::Corrupt);
}

#[test]
fn signals_in_the_editor_restore_the_terminal_and_remove_the_lock() {
    signal_exits(Screen::Editor);
}

#[test]
fn signals_in_review_restore_the_terminal() {
    signal_exits(Screen::Review);
}

#[test]
fn a_hang_up_in_any_dialog_ends_the_program_without_spinning() {
    hang_ups(Screen::Resume);
    hang_ups(Screen::Locked);
    hang_ups(Screen::Corrupt);
}

#[test]
fn a_hang_up_in_the_editor_or_review_ends_the_program_without_spinning() {
    hang_ups(Screen::Editor);
    hang_ups(Screen::Review);
}

#[test]
fn a_hang_up_saves_once_leaving_no_copies_or_temp_files() {
    // With SIGHUP at its default both the signal thread and the hang-up watcher see a hang-up:
    // one saves, the other waits, so the draft gets the text and nothing else is written.
    for round in 0..3 {
        let (s, mut t) = open(Screen::Editor, Hup::Default);
        let text = format!("断线前第{round}轮");
        t.type_str(&text);
        t.wait_text(&text);
        t.hang_up();
        let code = t.wait_exit(Duration::from_secs(10));
        assert_ne!(code, 0, "round {round}");
        assert!(draft_text(&s.draft).contains(&text), "round {round}");
        let stray: Vec<String> = std::fs::read_dir(s.draft.parent().unwrap())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.contains("emergency") || n.contains(".tmp") || n.ends_with(".lock"))
            .collect();
        assert!(stray.is_empty(), "round {round}: {stray:?}");
    }
}

#[test]
fn leaving_each_dialog_with_esc_restores_the_terminal() {
    for screen in [Screen::Resume, Screen::Locked, Screen::Corrupt] {
        let (_s, mut t) = open(screen, Hup::Default);
        t.send(b"\x1b");
        let what = format!("{screen:?}, Esc");
        assert_eq!(t.wait_exit(Duration::from_secs(10)), 0, "{what}");
        assert_restored(&t, &what);
    }
}

#[test]
fn a_saved_quit_leaves_no_lock() {
    let (s, mut t) = open(Screen::Editor, Hup::Default);
    t.type_str("再加几个字");
    t.wait_text("再加几个字");
    t.send(b"\x11");
    assert_eq!(t.wait_exit(Duration::from_secs(10)), 0);
    assert_restored(&t, "Ctrl-Q");
    assert!(!draft::atomic::lock_path(&s.draft).exists());
    assert!(draft_text(&s.draft).contains("再加几个字"));
}

#[test]
fn sigterm_saves_unsaved_typing_and_removes_the_lock() {
    let (s, mut t) = open(Screen::Editor, Hup::Ignored);
    t.type_str("信号之前");
    t.wait_text("信号之前");
    t.signal(libc::SIGTERM);
    assert_eq!(t.wait_exit(Duration::from_secs(10)), 128 + 15);
    assert!(draft_text(&s.draft).contains("信号之前"));
    assert!(!draft::atomic::lock_path(&s.draft).exists());
}

#[test]
fn ctrl_z_without_job_control_is_refused_with_a_reason() {
    // Started straight in the pty, tianbiao leads its session: no shell could `fg` it.
    let (s, mut t) = open(Screen::Editor, Hup::Default);
    t.send(b"\x1a");
    t.wait_text("无法挂起");
    t.type_str("还在");
    t.wait_text("还在");
    t.send(b"\x11");
    assert_eq!(t.wait_exit(Duration::from_secs(10)), 0);
    assert!(draft_text(&s.draft).contains("还在"));
}

#[test]
fn a_huge_window_size_is_clamped() {
    let (s, mut t) = open(Screen::Editor, Hup::Default);
    // The parser keeps its size: only the program is told 20000×20000.
    t.master
        .resize(portable_pty::PtySize {
            rows: 20000,
            cols: 20000,
            pixel_width: 0,
            pixel_height: 0,
        })
        .unwrap();
    let mark = t.raw_len();
    t.type_str("巨大");
    // A frame drawn at the huge size (clamped) shows the program lived through it, and the
    // autosave shows the keys typed at that size were taken.
    let deadline = Instant::now() + Duration::from_secs(30);
    while t.raw_len() == mark || !draft_text(&s.draft).contains("巨大") {
        assert!(
            Instant::now() < deadline,
            "no frame or no save after the resize"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(t.child.try_wait().unwrap().is_none(), "died on a huge size");
    t.resize(80, 24);
    // A whole 80×24 frame again: the status line is at the bottom.
    t.wait_for("an 80×24 frame", |s| {
        s.contains("巨大") && s.lines().nth(23).is_some_and(|l| l.contains("退出"))
    });
    t.send(b"\x11");
    assert_eq!(t.wait_exit(Duration::from_secs(20)), 0);
    assert!(draft_text(&s.draft).contains("巨大"));
}

/// The editor where no file can be written at all (`ulimit -f 0`, SIGXFSZ ignored): not the
/// draft, not an emergency copy beside it, in the drafts directory or in `$TMPDIR`.
fn unwritable_editor(dir: &Path) -> Pty {
    let p = dir.join("d.ron");
    let script = format!(
        "trap '' XFSZ; ulimit -f 0; exec '{}' fill --draft '{}'",
        bin().display(),
        p.display()
    );
    let t = Pty::spawn_env(
        Path::new("/bin/sh"),
        &["-c", &script],
        dir,
        80,
        24,
        &[("TMPDIR", dir.to_str().unwrap())],
    );
    t.wait_text("申报单位");
    t
}

#[test]
fn when_nothing_can_be_saved_ctrl_q_offers_to_print_the_text() {
    let dir = tempfile::tempdir().unwrap();
    let mut t = unwritable_editor(dir.path());
    t.type_str("无处可存的字");
    t.wait_text("无处可存的字");
    t.send(b"\x11");
    t.wait_text("未退出");
    t.send(b"\x11");
    t.wait_text("无法保存");
    t.wait_text("打印");
    t.send(b"1");
    assert_eq!(t.wait_exit(Duration::from_secs(10)), 1);
    assert_restored_text(&t, "无处可存的字");
}

#[test]
fn when_nothing_can_be_saved_sigterm_prints_the_text() {
    let dir = tempfile::tempdir().unwrap();
    let mut t = unwritable_editor(dir.path());
    t.type_str("信号时无处可存");
    t.wait_text("信号时无处可存");
    t.signal(libc::SIGTERM);
    assert_eq!(t.wait_exit(Duration::from_secs(10)), 128 + 15);
    assert_restored_text(&t, "信号时无处可存");
}

/// The terminal is back and the text was printed on it (as RON escapes it: `\u{…}` is not used
/// for CJK, so the characters show as typed).
fn assert_restored_text(t: &Pty, text: &str) {
    assert_restored(t, "unsaved text printed");
    let raw = t.raw.lock().unwrap().clone();
    let shown = String::from_utf8_lossy(&raw);
    let after = &shown[shown.rfind("\x1b[?1049l").unwrap()..];
    assert!(after.contains(text), "not printed: {after:?}");
}
