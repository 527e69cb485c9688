//! End-to-end: the built binary in a real pseudo-terminal, the screen read back through vt100.
//! Typing Chinese, pasting with `\r`, going over a limit, resizing, hang-ups and signals, kill -9
//! and recovery, a tiny terminal.

mod support;

use std::time::Duration;

use support::pty::*;

fn draft_path(dir: &std::path::Path) -> std::path::PathBuf {
    dir.join("d.ron")
}

/// A new draft at a path that does not exist: no prompt, straight into the editor.
fn open_new(dir: &std::path::Path, cols: u16, rows: u16) -> Pty {
    let p = draft_path(dir);
    let pty = Pty::spawn(&["fill", "--draft", p.to_str().unwrap()], dir, cols, rows);
    pty.wait_text("申报单位");
    pty
}

const PGDN: &[u8] = b"\x1b[6~";

#[test]
fn typing_chinese_shows_the_live_counter() {
    let dir = tempfile::tempdir().unwrap();
    let mut t = open_new(dir.path(), 80, 24);
    t.wait_text("新草稿");
    t.send(PGDN);
    t.send(PGDN);
    t.wait_text("(一) 场景简介");
    t.type_str("智慧港口场景聚焦先导区特色行业领域");
    t.wait_text("17/400 字");
    t.wait_text("还可输入 383 字");
    // The real cursor follows the caret, right after the last character.
    let (row, col) = t.parser.lock().unwrap().screen().cursor_position();
    let line = t
        .screen()
        .lines()
        .nth(row as usize)
        .unwrap_or("")
        .to_string();
    assert!(
        line.contains("智慧港口场景聚焦先导区特色行业领域"),
        "{line}"
    );
    assert!(col > 40, "cursor column {col}");
    t.send(b"\x11"); // Ctrl-Q
    assert_eq!(t.wait_exit(Duration::from_secs(10)), 0);
    assert!(draft_text(&draft_path(dir.path())).contains("智慧港口场景聚焦先导区特色行业领域"));
}

#[test]
fn pasted_text_with_carriage_returns_arrives_as_lines() {
    let dir = tempfile::tempdir().unwrap();
    let mut t = open_new(dir.path(), 80, 24);
    t.send(PGDN);
    t.send(PGDN);
    t.send(PGDN); // (二) 人工智能应用内容
    t.wait_text("(二) 人工智能应用内容");
    t.paste("第一行\r第二行\r\n第三行");
    t.wait_text("统一 2 处换行");
    let s = t.screen();
    let rows: Vec<&str> = s.lines().collect();
    let first = rows.iter().position(|l| l.contains("第一行")).unwrap();
    assert!(
        rows[first + 1].contains("第二行") && rows[first + 2].contains("第三行"),
        "{s}"
    );
    t.send(b"\x11");
    assert_eq!(t.wait_exit(Duration::from_secs(10)), 0);
    assert!(draft_text(&draft_path(dir.path())).contains("第一行\\n第二行\\n第三行"));
}

#[test]
fn exceeding_a_limit_shows_the_excess_and_keeps_every_character() {
    let dir = tempfile::tempdir().unwrap();
    let mut t = open_new(dir.path(), 80, 24);
    for _ in 0..7 {
        t.send(PGDN);
    }
    t.wait_text("(六) 支持举措");
    t.paste(&"支".repeat(303));
    t.wait_text("超出 3 字");
    t.wait_text("! 303/300 字");
    t.send(b"\x11");
    assert_eq!(t.wait_exit(Duration::from_secs(10)), 0);
    assert!(draft_text(&draft_path(dir.path())).contains(&"支".repeat(303)));
}

#[test]
fn resizing_adapts_the_screen() {
    let dir = tempfile::tempdir().unwrap();
    let mut t = open_new(dir.path(), 80, 24);
    t.send(PGDN);
    t.send(PGDN);
    t.type_str("港口");
    t.wait_text("2/400 字");
    t.resize(40, 12);
    // At 40 columns the overview gives way to the pane, the header says which section.
    t.wait_text("(3/9)");
    t.wait_text("2/400 字");
    t.resize(20, 6);
    t.wait_text("终端太小");
    t.resize(100, 30);
    t.wait_for("overview back", |s| s.contains("✓ (一) 场景简介"));
    t.type_str("码头");
    t.wait_text("4/400 字");
    t.send(b"\x11");
    assert_eq!(t.wait_exit(Duration::from_secs(10)), 0);
}

#[test]
fn a_tiny_terminal_shows_the_too_small_message() {
    let dir = tempfile::tempdir().unwrap();
    let p = draft_path(dir.path());
    let mut t = Pty::spawn(&["fill", "--draft", p.to_str().unwrap()], dir.path(), 30, 8);
    t.wait_text("终端太小");
    // Typing on that screen goes nowhere, and the screen says so.
    t.type_str("测试");
    t.wait_for("keys counted", |s| s.replace('\n', "").contains("2 个按键"));
    t.resize(80, 24);
    t.wait_text("2 个键未输入到表单");
    assert!(!t.screen().contains("测试"), "{}", t.screen());
    t.send(b"\x11");
    assert_eq!(t.wait_exit(Duration::from_secs(10)), 0);
    assert!(!draft_text(&p).contains("测试"));
}

#[test]
fn sighup_saves_every_typed_character() {
    let dir = tempfile::tempdir().unwrap();
    let mut t = open_new(dir.path(), 80, 24);
    t.send(PGDN);
    t.send(PGDN);
    t.wait_text("(一) 场景简介");
    t.type_str("断线之前的每一个字都要保存下来");
    t.wait_text("15/400 字");
    // No autosave yet: the draft file does not even exist.
    t.signal(libc::SIGHUP);
    let code = t.wait_exit(Duration::from_secs(10));
    assert_eq!(code, 128 + 1);
    assert!(draft_text(&draft_path(dir.path())).contains("断线之前的每一个字都要保存下来"));
}

#[test]
fn sigterm_saves_and_restores_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let mut t = open_new(dir.path(), 80, 24);
    t.send(PGDN);
    t.send(PGDN);
    t.type_str("收到终止信号");
    t.wait_text("6/400 字");
    t.signal(libc::SIGTERM);
    assert_eq!(t.wait_exit(Duration::from_secs(10)), 128 + 15);
    assert!(draft_text(&draft_path(dir.path())).contains("收到终止信号"));
    let parser = t.parser.lock().unwrap();
    assert!(!parser.screen().alternate_screen(), "main screen restored");
    assert!(!parser.screen().bracketed_paste(), "bracketed paste off");
    assert!(!parser.screen().hide_cursor(), "cursor visible");
}

#[test]
fn a_hang_up_is_noticed_even_when_sighup_is_ignored() {
    let dir = tempfile::tempdir().unwrap();
    let p = draft_path(dir.path());
    let script = format!(
        "trap '' HUP; exec '{}' fill --draft '{}'",
        bin().display(),
        p.display()
    );
    let mut t = Pty::spawn_cmd(
        std::path::Path::new("/bin/sh"),
        &["-c", &script],
        dir.path(),
        80,
        24,
    );
    t.wait_text("申报单位");
    t.send(PGDN);
    t.send(PGDN);
    t.type_str("忽略挂断信号也要保存");
    t.wait_text("10/400 字");
    let started = std::time::Instant::now();
    t.hang_up();
    let code = t.wait_exit(Duration::from_secs(5));
    assert!(started.elapsed() < Duration::from_secs(5));
    let files: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert!(
        draft_text(&p).contains("忽略挂断信号也要保存"),
        "exit {code}, files {files:?}: {}",
        draft_text(&p)
    );
}

#[test]
fn after_kill_9_a_restart_offers_the_autosaved_draft() {
    let dir = tempfile::tempdir().unwrap();
    let mut t = Pty::spawn(&[], dir.path(), 80, 24);
    t.wait_text("申报单位");
    t.type_str("XX 港口研究院");
    t.send(b"\t");
    t.wait_text("✓ 已保存"); // leaving the field saves
    t.signal(libc::SIGKILL);
    t.wait_exit(Duration::from_secs(5));
    drop(t);
    let mut t = Pty::spawn(&[], dir.path(), 80, 24);
    t.wait_text("继续编辑还是新建？");
    t.wait_text("已填 1/21");
    t.send(b"\r");
    t.wait_text("XX 港口研究院");
    // The dead editor's lock was taken over, and the author is told.
    t.wait_for("stale-lock note", |s| s.contains("上次编辑此草稿的程序"));
    t.send(b"\x11");
    assert_eq!(t.wait_exit(Duration::from_secs(10)), 0);
}

#[test]
fn a_second_editor_is_told_who_holds_the_draft_and_can_read() {
    let dir = tempfile::tempdir().unwrap();
    let first = open_new(dir.path(), 80, 24);
    let mut first = first;
    first.type_str("甲");
    first.send(b"\t");
    first.wait_text("✓ 已保存");
    let p = draft_path(dir.path());
    let mut second = Pty::spawn(
        &["fill", "--draft", p.to_str().unwrap()],
        dir.path(),
        80,
        24,
    );
    second.wait_text("草稿正在被编辑");
    second.wait_text(&format!("pid {}", first.pid()));
    // Since when, in local time as people read it, not an RFC 3339 stamp.
    second.wait_for("the lock's local time", |s| {
        s.contains("月") && s.contains("日 ") && s.contains(" 起）") && !s.contains("+00:00")
    });
    second.send(b"\r"); // read-only
    second.wait_text("[只读]");
    second.type_str("乙");
    second.wait_text("只读打开");
    second.send(b"\x11");
    assert_eq!(second.wait_exit(Duration::from_secs(10)), 0);
    first.send(b"\x11");
    assert_eq!(first.wait_exit(Duration::from_secs(10)), 0);
    assert!(!draft_text(&p).contains('乙'));
}

#[test]
fn ctrl_z_suspends_with_the_terminal_restored_and_fg_redraws() {
    let dir = tempfile::tempdir().unwrap();
    let p = draft_path(dir.path());
    let mut t = Pty::spawn_cmd(
        std::path::Path::new("/bin/bash"),
        &["--norc", "--noprofile", "-i"],
        dir.path(),
        80,
        24,
    );
    t.send(b"PS1='$ '\r");
    t.send(format!("'{}' fill --draft '{}'\r", bin().display(), p.display()).as_bytes());
    t.wait_text("申报单位");
    t.type_str("挂起前");
    t.send(b"\x1a"); // Ctrl-Z
    t.wait_for("shell prompt", |s| {
        s.contains("Stopped") || s.contains("已停止")
    });
    assert!(!t.parser.lock().unwrap().screen().alternate_screen());
    let mark = t.raw_len();
    t.send(b"fg\r");
    t.wait_text("挂起前");
    t.wait_text("申报单位与填报日期");
    // Resuming never asks the terminal where its cursor is (DSR): a slow link would stall.
    let after = t.raw.lock().unwrap()[mark..].to_vec();
    assert!(!after.windows(4).any(|w| w == b"\x1b[6n"));
    t.send(b"\x11");
    t.wait_for("back at the prompt", |s| s.contains("草稿已保存"));
}

#[test]
fn a_panic_saves_the_draft_then_restores_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let p = draft_path(dir.path());
    let script = format!(
        "TIANBIAO_TEST_PANIC_KEY=1 exec '{}' fill --draft '{}'",
        bin().display(),
        p.display()
    );
    let mut t = Pty::spawn_cmd(
        std::path::Path::new("/bin/sh"),
        &["-c", &script],
        dir.path(),
        80,
        24,
    );
    t.wait_text("申报单位");
    t.type_str("崩溃前的文字");
    t.wait_text("崩溃前的文字");
    t.send(b"\x1b[24~"); // F12: a debug-build-only test panic
    assert_eq!(t.wait_exit(Duration::from_secs(10)), 101);
    assert!(draft_text(&p).contains("崩溃前的文字"));
    t.wait_text("test panic requested");
    t.wait_text("紧急保存");
    let parser = t.parser.lock().unwrap();
    assert!(!parser.screen().alternate_screen());
    assert!(!parser.screen().bracketed_paste());
    assert!(!parser.screen().hide_cursor());
}

/// CPU time (user + system, in clock ticks) a process has used.
fn cpu_ticks(pid: i32) -> u64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap();
    let after = &stat[stat.rfind(')').unwrap() + 2..];
    let f: Vec<&str> = after.split(' ').collect();
    f[11].parse::<u64>().unwrap() + f[12].parse::<u64>().unwrap()
}

#[test]
fn an_idle_editor_uses_almost_no_cpu() {
    let dir = tempfile::tempdir().unwrap();
    let mut t = open_new(dir.path(), 80, 24);
    t.type_str("闲置");
    t.wait_text("✓ 已保存");
    let before = cpu_ticks(t.pid());
    std::thread::sleep(Duration::from_secs(3));
    let used = cpu_ticks(t.pid()) - before;
    // A busy loop would use ~300 ticks here; waking twice a second uses about none.
    assert!(used < 30, "{used} ticks in 3 s idle");
    let bytes = t.raw_len();
    std::thread::sleep(Duration::from_secs(1));
    assert_eq!(t.raw_len(), bytes, "nothing is redrawn while idle");
    t.send(b"\x11");
    t.wait_exit(Duration::from_secs(10));
}

#[test]
fn no_color_means_no_colour_codes_at_all() {
    let dir = tempfile::tempdir().unwrap();
    let p = draft_path(dir.path());
    let mut t = Pty::spawn_env(
        &bin(),
        &["fill", "--draft", p.to_str().unwrap()],
        dir.path(),
        80,
        24,
        &[("NO_COLOR", "1")],
    );
    t.wait_text("申报单位");
    for _ in 0..7 {
        t.send(PGDN);
    }
    t.paste(&"超".repeat(305));
    t.wait_text("超出 5 字");
    t.send(b"\x11");
    t.wait_exit(Duration::from_secs(10));
    let raw = String::from_utf8_lossy(&t.raw.lock().unwrap()).into_owned();
    // SGR colour parameters: 30-37, 90-97 (fg), 40-47, 100-107 (bg), 38;/48; (extended).
    let re = regex::Regex::new(r"\x1b\[([0-9;]*)m").unwrap();
    for cap in re.captures_iter(&raw) {
        for p in cap[1].split(';').filter(|p| !p.is_empty()) {
            let n: u32 = p.parse().unwrap();
            assert!(
                !matches!(n, 30..=38 | 40..=48 | 90..=97 | 100..=107),
                "colour code {n} in {:?}",
                &cap[0]
            );
        }
    }
}

#[test]
fn an_english_locale_gives_an_english_interface() {
    let dir = tempfile::tempdir().unwrap();
    let p = draft_path(dir.path());
    let t = Pty::spawn_env(
        &bin(),
        &["fill", "--draft", p.to_str().unwrap()],
        dir.path(),
        80,
        24,
        &[("LANG", "en_US.UTF-8")],
    );
    t.wait_text("new draft");
    t.wait_text("F1 help");
}

#[test]
fn after_another_program_changed_the_draft_status_header_and_quit_name_the_copy() {
    let dir = tempfile::tempdir().unwrap();
    let mut t = open_new(dir.path(), 80, 24);
    t.type_str("江城");
    t.send(b"\x13"); // Ctrl-S
    t.wait_text("已保存");
    let theirs = "另一个程序写的内容\n";
    std::fs::write(draft_path(dir.path()), theirs).unwrap();
    t.type_str("港务局");
    // The status row starts with the save state (the warning beside it may wrap below).
    t.wait_for("the status names the copy", |s| {
        s.lines().any(|l| l.starts_with("✓ 已存到 d.conflict-"))
            && !s.lines().any(|l| l.starts_with("✓ 已保存"))
    });
    t.wait_for("the header names the copy", |s| {
        s.lines()
            .next()
            .unwrap_or("")
            .contains("→ 写入 d.conflict-")
    });
    // Everything is in the copy already: quitting has nothing left to save, and still says
    // where the text is.
    t.send(b"\x11");
    assert_eq!(t.wait_exit(Duration::from_secs(10)), 0);
    t.wait_for("the quit line names the copy", |s| {
        s.contains("另存为") && s.contains("d.conflict-")
    });
    assert!(!t.screen().contains("草稿已保存"), "{}", t.screen());
    assert_eq!(
        std::fs::read_to_string(draft_path(dir.path())).unwrap(),
        theirs
    );
    let copy = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.to_string_lossy().contains(".conflict-"))
        .expect("a conflict copy");
    assert!(draft_text(&copy).contains("江城港务局"));
}

#[test]
fn export_from_the_editor_writes_beside_never_overwrites_and_never_copies() {
    let dir = tempfile::tempdir().unwrap();
    let examples = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/examples");
    std::fs::copy(examples.join("smart-port.ron"), dir.path().join("port.ron")).unwrap();
    std::fs::copy(
        examples.join("smart-port-fig1.png"),
        dir.path().join("smart-port-fig1.png"),
    )
    .unwrap();
    let p = dir.path().join("port.ron");
    let mut t = Pty::spawn(
        &["fill", "--draft", p.to_str().unwrap()],
        dir.path(),
        80,
        24,
    );
    t.wait_text("申报单位");
    t.send(b"\x0f"); // Ctrl-O
    t.wait_text("导出格式");
    t.send(b"\r"); // json
    t.wait_text("已导出");
    let md = |t: &mut Pty| {
        t.send(b"\x0f");
        t.wait_text("导出格式");
        t.send(b"\x1b[B\x1b[B\r"); // Down Down: md
    };
    md(&mut t);
    t.wait_for("md export", |s| {
        s.contains("已导出：") && s.contains("智慧港口.md")
    });
    // The same text again: nothing new is written, and the line says where it already is.
    md(&mut t);
    t.wait_for("unchanged", |s| s.contains("未重复写入"));
    assert!(!dir.path().join("智慧港口-2.md").exists());
    // Changed text: a second file beside the first, which is kept.
    t.type_str("甲");
    md(&mut t);
    t.wait_for("second export", |s| s.contains("智慧港口-2.md"));
    t.send(b"\x11");
    assert_eq!(t.wait_exit(Duration::from_secs(10)), 0);
    let json = std::fs::read_to_string(dir.path().join("智慧港口.json")).unwrap();
    assert!(json.contains("\"valid\": true"), "{json}");
    let first = std::fs::read_to_string(dir.path().join("智慧港口.md")).unwrap();
    let second = std::fs::read_to_string(dir.path().join("智慧港口-2.md")).unwrap();
    assert_ne!(first, second);
    assert!(!dir.path().join("智慧港口-3.md").exists());
}

#[test]
fn a_new_draft_and_its_exports_take_the_scenario_name() {
    let dir = tempfile::tempdir().unwrap();
    let examples = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/examples");
    // A draft as a new one is made (`附件1-DATE-TIME`), already filled in.
    let drafts = dir.path().join("drafts");
    std::fs::create_dir_all(&drafts).unwrap();
    let text = std::fs::read_to_string(examples.join("smart-port.ron"))
        .unwrap()
        .replace("name: \"智慧港口\"", "name: \"附件1-20261201-1835\"");
    let made_up = drafts.join("附件1-20261201-1835.ron");
    std::fs::write(&made_up, text).unwrap();
    std::fs::copy(
        examples.join("smart-port-fig1.png"),
        drafts.join("smart-port-fig1.png"),
    )
    .unwrap();
    let mut t = Pty::spawn(
        &["fill", "--draft", "附件1-20261201-1835"],
        dir.path(),
        80,
        24,
    );
    t.wait_text("申报单位");
    t.send(b"\x0f");
    t.wait_text("导出格式");
    t.send(b"\x1b[B\x1b[B\r"); // md
    t.wait_for("export named after the scenario", |s| {
        s.contains("智慧港口场景.md")
    });
    assert!(dir.path().join("智慧港口场景.md").exists());
    t.send(b"\x11");
    assert_eq!(t.wait_exit(Duration::from_secs(10)), 0);
    let renamed = drafts.join("智慧港口场景.ron");
    t.wait_for("the exit line names the new file", |s| {
        s.contains("草稿已保存") && s.contains("智慧港口场景.ron")
    });
    assert!(!made_up.exists(), "the made-up name is gone");
    assert!(draft_text(&renamed).contains("name: \"智慧港口场景\""));
}

#[test]
fn export_from_the_editor_is_refused_while_there_are_problems() {
    let dir = tempfile::tempdir().unwrap();
    let mut t = open_new(dir.path(), 80, 24);
    t.type_str("XX 港口研究院");
    t.send(b"\x0f");
    t.wait_text("导出格式");
    t.send(b"\r");
    t.wait_text("未导出");
    t.send(b"\x11");
    assert_eq!(t.wait_exit(Duration::from_secs(10)), 0);
    assert!(
        !std::fs::read_dir(dir.path()).unwrap().any(|e| e
            .unwrap()
            .file_name()
            .to_string_lossy()
            .ends_with(".json"))
    );
}

/// Attachment paths as the author's shell sees them: `架构图.png` in the directory tianbiao was
/// started in (not the hidden drafts folder), `~/现场照片.png` under `$HOME`; the draft keeps
/// the resolved path, and a missing file is named with the path that was tried.
#[test]
fn attachment_paths_are_resolved_from_the_start_directory_and_home() {
    let start = tempfile::tempdir().unwrap();
    let home = tempfile::tempdir().unwrap();
    std::fs::write(start.path().join("架构图.png"), b"\x89PNG").unwrap();
    std::fs::write(home.path().join("现场照片.png"), b"\x89PNG").unwrap();
    std::fs::write(
        start.path().join("att.ron"),
        r#"Form(id: "att", version: "1", title: "附件表", sections: [
            Section(id: "s", title: "材料", fields: [
                Field(id: "files", label: "附件", kind: Attachments(extensions: ["png"], caption: false)),
                Field(id: "name", label: "名称", kind: Text()),
            ]),
        ])"#,
    )
    .unwrap();
    let mut t = Pty::spawn_env(
        &bin(),
        &["fill", "--form", "att.ron"],
        start.path(),
        80,
        24,
        &[("HOME", home.path().to_str().unwrap())],
    );
    t.wait_text("文件路径");
    let add = |t: &mut Pty, path: &str| {
        t.send(b"\x0e"); // Ctrl-N: a row
        t.type_str(path);
        t.send(b"\t");
        t.wait_text("> 名称");
        t.send(b"\x1b[Z"); // back to the list
        t.wait_text("> 附件");
    };
    add(&mut t, "架构图.png");
    add(&mut t, "~/现场照片.png");
    add(&mut t, "缺失.png");
    let missing = start.path().join("缺失.png");
    t.wait_text(&format!("✗ 文件不存在：{}", missing.display()));
    t.send(b"\x11");
    assert_eq!(t.wait_exit(Duration::from_secs(10)), 0);
    let drafts = start.path().join("drafts");
    let draft = std::fs::read_dir(&drafts)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|e| e == "ron"))
        .expect("a draft");
    let text = draft_text(&draft);
    for want in [
        start.path().join("架构图.png"),
        home.path().join("现场照片.png"),
        missing,
    ] {
        assert!(text.contains(want.to_str().unwrap()), "{want:?} in\n{text}");
    }
}

/// Quit in the middle of a word in (三), open the draft again: the editor is back in (三) with
/// the caret where it was, so typing goes on there; moving alone is remembered too.
#[test]
fn resuming_reopens_at_the_section_field_and_caret() {
    let dir = tempfile::tempdir().unwrap();
    let p = draft_path(dir.path());
    let args = ["fill", "--draft", p.to_str().unwrap()];
    let mut t = open_new(dir.path(), 80, 24);
    for _ in 0..4 {
        t.send(PGDN);
    }
    t.wait_text("> 应用效果");
    t.type_str("吞吐量提升");
    t.wait_text("吞吐量提升");
    t.send(b"\x1b[D\x1b[D"); // ← ←
    t.send(b"\x11");
    assert_eq!(t.wait_exit(Duration::from_secs(10)), 0);

    let mut t = Pty::spawn(&args, dir.path(), 80, 24);
    t.wait_text("> 应用效果");
    t.type_str("大幅");
    t.wait_text("吞吐量大幅提升");
    t.send(PGDN); // to (四), without typing
    t.wait_text("> 场景推广");
    t.send(b"\x11");
    assert_eq!(t.wait_exit(Duration::from_secs(10)), 0);
    assert!(draft_text(&p).contains("吞吐量大幅提升"));

    let mut t = Pty::spawn(&args, dir.path(), 80, 24);
    t.wait_text("> 场景推广");
    t.send(b"\x11");
    assert_eq!(t.wait_exit(Duration::from_secs(10)), 0);
}
