//! `tianbiao drafts`: list, show, rm, path; exit codes; Chinese by default, English with
//! `--lang en`; text from files is made safe for the terminal.

mod support;
use support::drafts as common;

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use common::*;
use predicates::prelude::*;
use tianbiao::draft::{OpenMode, Opener, Store};
use tianbiao::form::Value;

struct Env {
    _tmp: tempfile::TempDir,
    data: PathBuf,
    store: Store,
}

fn env() -> Env {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let store = Store::at(data.join("drafts"));
    Env {
        _tmp: tmp,
        data,
        store,
    }
}

impl Env {
    fn tb(&self) -> Command {
        let mut c = Command::cargo_bin("tianbiao").unwrap();
        c.env_remove("LANG")
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .env("TIANBIAO_DATA_DIR", &self.data)
            .env("HOME", self.data.join("home"));
        c
    }

    fn add(&self, name: &str, intro: &str) -> PathBuf {
        let form = flagship();
        let p = self.store.unused_path_for(name);
        let mut o = Opener::with_clock(fixed_clock())
            .create(&p, &form, name)
            .unwrap();
        o.draft.answers.set("intro", Value::Text(intro.into()));
        o.session.save(&o.draft).unwrap();
        o.session.save(&o.draft).unwrap();
        p
    }

    fn add_full(&self) -> PathBuf {
        let form = flagship();
        let p = self.store.path_for("智慧港口");
        let mut o = Opener::with_clock(fixed_clock())
            .create(&p, &form, "智慧港口")
            .unwrap();
        o.session.save(&full_flagship(&form)).unwrap();
        p
    }
}

#[test]
fn path_prints_where_drafts_live() {
    let e = env();
    e.tb()
        .args(["drafts", "path"])
        .assert()
        .success()
        .stdout(format!("{}\n", e.data.join("drafts").display()));
}

#[test]
fn an_empty_list_says_so() {
    let e = env();
    e.tb()
        .arg("drafts")
        .assert()
        .success()
        .stdout(predicate::str::contains("还没有草稿"));
    e.tb()
        .args(["--lang", "en", "drafts", "list"])
        .assert()
        .success()
        .stdout(predicate::str::contains("no drafts yet"));
}

#[test]
fn the_list_shows_form_time_completeness_and_problems_and_reports_bad_files() {
    let e = env();
    e.add_full();
    e.add("半成品", "只写了一点");
    // A hostile name: escape sequences must not reach the terminal.
    e.add("坏\u{1b}]52;c;aGk=\u{7}名", "x");
    // A draft of a form this tianbiao does not know.
    let mut other = tianbiao::draft::Draft::new(&flagship(), "别的表", "2026-11-25T20:00:00+08:00");
    other.form_id = "unknown-form".into();
    fs::write(e.store.dir().join("别的表.ron"), other.to_ron()).unwrap();
    // A damaged one.
    fs::write(
        e.store.dir().join("坏了.ron"),
        "// x\nDraft(\n  format: 1,\n  name: 3,\n)",
    )
    .unwrap();
    let out = e.tb().arg("drafts").assert().code(1);
    let out = out.get_output();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    let lines: Vec<&str> = stdout.lines().collect();
    assert!(
        lines[0].starts_with("名称")
            && lines[0].contains("最后保存")
            && lines[0].contains("完成度"),
        "{stdout}"
    );
    let full = lines.iter().find(|l| l.starts_with("智慧港口")).unwrap();
    assert!(
        full.contains("ai-scenario 1") && full.contains("2026-11-25 20:00"),
        "{full}"
    );
    assert!(full.contains("超字数 6"), "{full}");
    let partial = lines.iter().find(|l| l.starts_with("半成品")).unwrap();
    assert!(
        partial.contains("1/") && partial.contains("必填未填"),
        "{partial}"
    );
    assert!(stdout.contains("坏⟨ESC⟩]52;c;aGk=⟨BEL⟩名"), "{stdout}");
    assert!(!stdout.contains('\u{1b}') && !stdout.contains('\u{7}'));
    assert!(stdout.contains("unknown-form 1.0 (未知表单)"), "{stdout}");
    assert!(stderr.contains("坏了.ron:4:8: 草稿文件已损坏"), "{stderr}");
    e.tb()
        .args(["--lang", "en", "drafts"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("last saved").and(predicate::str::contains("over limit")))
        .stderr(predicate::str::contains("the draft is damaged"));
}

#[test]
fn show_prints_details_problems_and_everything_written() {
    let e = env();
    let p = e.add_full();
    let out = e
        .tb()
        .args(["drafts", "show", "智慧港口"])
        .assert()
        .success();
    let stdout = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    assert!(stdout.contains("人工智能典型应用场景"), "{stdout}");
    assert!(stdout.contains(&p.display().to_string()));
    let form = flagship();
    let intro = full_flagship(&form).answers.text("intro").to_string();
    let n = tianbiao::count::count(&intro, form.count_options()).zishu;
    assert!(n > 400);
    assert!(
        stdout.contains(&format!("(一) 场景简介: {n}/400 字, 超出 {} 字", n - 400)),
        "{stdout}"
    );
    assert!(
        stdout.contains("【场景名称】\n  港口集装箱智能调度"),
        "{stdout}"
    );
    assert!(
        stdout.contains("【技术产品提供单位（可填写多个）】\n  - 某科技有限公司"),
        "{stdout}"
    );
    assert!(stdout.contains("图1.png — 图1 系统架构"), "{stdout}");
    // By path too, and in English.
    e.tb()
        .args(["--lang", "en", "drafts", "show"])
        .arg(&p)
        .assert()
        .success()
        .stdout(
            predicate::str::contains("last saved").and(predicate::str::contains(format!(
                "{n}/400 zi, {} over",
                n - 400
            ))),
        );
}

#[test]
fn show_exit_codes_missing_is_2_damaged_is_1() {
    let e = env();
    e.store.ensure_dir().unwrap();
    e.tb()
        .args(["drafts", "show", "没有这个"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("草稿不存在"));
    fs::write(e.store.dir().join("坏.ron"), "(").unwrap();
    e.tb()
        .args(["drafts", "show", "坏"])
        .assert()
        .code(1)
        .stderr(
            predicate::str::contains("坏.ron:1:").and(predicate::str::contains("没有可用的备份")),
        );
    let fifo = e.store.dir().join("管道.ron");
    let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
    // SAFETY: a valid C string path.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
    e.tb()
        .args(["drafts", "show"])
        .arg(&fifo)
        .timeout(std::time::Duration::from_secs(10))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("不是普通文件"));
}

fn trash(store: &Store) -> Vec<String> {
    names(&store.dir().join(".trash"))
}

#[test]
fn rm_asks_needs_yes_without_a_terminal_and_keeps_a_recoverable_copy() {
    let e = env();
    let p = e.add("要删的", "内容");
    e.tb()
        .args(["drafts", "rm", "要删的"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("--yes"));
    assert!(p.exists());
    let out = e
        .tb()
        .args(["drafts", "rm", "要删的", "--yes"])
        .assert()
        .success();
    let stdout = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    assert!(
        stdout.contains("已删除") && stdout.contains("可从"),
        "{stdout}"
    );
    assert!(!p.exists());
    assert!(!Path::new(&format!("{}.bak", p.display())).exists());
    let kept = trash(&e.store);
    assert_eq!(kept.len(), 2, "{kept:?}");
    assert!(
        kept[0].starts_with("要删的.deleted-") && kept[0].ends_with(".ron"),
        "{kept:?}"
    );
    assert!(kept[1].ends_with(".ron.bak"), "{kept:?}");
    let back = tianbiao::draft::read_draft(&e.store.dir().join(".trash").join(&kept[0])).unwrap();
    assert_eq!(back.answers.text("intro"), "内容");
    // The trash is not listed as drafts.
    e.tb()
        .arg("drafts")
        .assert()
        .success()
        .stdout(predicate::str::contains("还没有草稿"));
    e.tb()
        .args(["drafts", "rm", "要删的", "--yes"])
        .assert()
        .code(2);
}

#[test]
fn rm_refuses_a_draft_being_edited() {
    let e = env();
    let p = e.add("正在编辑", "x");
    let _open = Opener::with_clock(fixed_clock())
        .open(&p, &flagship(), OpenMode::Normal)
        .unwrap();
    e.tb()
        .args(["drafts", "rm", "正在编辑", "--yes"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("正在被").and(predicate::str::contains("未删除")));
    assert!(p.exists());
}

#[test]
fn rm_of_a_draft_outside_the_store_renames_it_beside_itself() {
    let e = env();
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("外面.ron");
    let mut o = Opener::with_clock(fixed_clock())
        .create(&p, &flagship(), "外面")
        .unwrap();
    o.session.save(&o.draft).unwrap();
    drop(o);
    e.tb()
        .args(["drafts", "rm", "--yes"])
        .arg(&p)
        .assert()
        .success();
    let left = names(dir.path());
    assert_eq!(left.len(), 1, "{left:?}");
    assert!(left[0].starts_with("外面.deleted-"), "{left:?}");
}

/// Runs `tianbiao drafts rm NAME` on a pseudo-terminal, answers the prompt with `answer`, and
/// returns (exit code, everything shown).
fn rm_on_a_terminal(e: &Env, name: &str, answer: &str) -> (u32, String) {
    use portable_pty::{CommandBuilder, PtySize, native_pty_system};
    use std::io::{Read, Write};
    use std::sync::{Arc, Mutex};
    let pty = native_pty_system()
        .openpty(PtySize {
            rows: 24,
            cols: 80,
            pixel_width: 0,
            pixel_height: 0,
        })
        .unwrap();
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_tianbiao"));
    cmd.args(["drafts", "rm", name]);
    cmd.cwd(&e.data);
    cmd.env("TIANBIAO_DATA_DIR", &e.data);
    cmd.env("HOME", e.data.join("home"));
    cmd.env_remove("LANG");
    cmd.env_remove("LC_ALL");
    cmd.env_remove("LC_MESSAGES");
    let mut child = pty.slave.spawn_command(cmd).unwrap();
    drop(pty.slave);
    let shown = Arc::new(Mutex::new(Vec::new()));
    let mut reader = pty.master.try_clone_reader().unwrap();
    let sink = shown.clone();
    std::thread::spawn(move || {
        let mut buf = [0u8; 1024];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 {
                break;
            }
            sink.lock().unwrap().extend_from_slice(&buf[..n]);
        }
    });
    let text = || String::from_utf8_lossy(&shown.lock().unwrap()).into_owned();
    assert!(
        wait_until(10, || text().contains("[y/N]")),
        "no prompt: {}",
        text()
    );
    let mut w = pty.master.take_writer().unwrap();
    w.write_all(format!("{answer}\r").as_bytes()).unwrap();
    w.flush().unwrap();
    let code = child.wait().unwrap().exit_code();
    wait_until(2, || text().lines().count() >= 2);
    (code, text())
}

#[test]
fn rm_asks_on_a_terminal_and_only_yes_removes() {
    let e = env();
    let p = e.add("问一下", "内容");
    let (code, shown) = rm_on_a_terminal(&e, "问一下", "n");
    assert_eq!(code, 1, "{shown}");
    assert!(
        shown.contains("删除草稿“问一下”") && shown.contains("未删除"),
        "{shown}"
    );
    assert!(p.exists());
    let (code, shown) = rm_on_a_terminal(&e, "问一下", "y");
    assert_eq!(code, 0, "{shown}");
    assert!(shown.contains("已删除"), "{shown}");
    assert!(!p.exists());
}

const XM_FORM: &str = r#"Form(
    id: "xm",
    version: "1.0",
    title: "项目申报表",
    sections: [
        Section(
            id: "s",
            title: "基本情况",
            fields: [
                Field(id: "name", label: "项目名称", kind: Text(limit: 30), required: true),
                Field(id: "desc", label: "项目简介", kind: LongText(limit: 100)),
            ],
        ),
    ],
)
"#;

#[test]
fn a_draft_of_a_form_file_finds_its_form_without_form_and_says_where_it_was_when_moved() {
    let e = env();
    let work = e.data.parent().unwrap().join("工作");
    fs::create_dir_all(work.join("子目录")).unwrap();
    fs::write(work.join("xm.ron"), XM_FORM).unwrap();
    // Started elsewhere, with a relative path: the draft must still find the file later.
    e.tb()
        .current_dir(work.join("子目录"))
        .args(["fill", "--form", "../xm.ron", "--draft", "项目一"])
        .args(["--set", "name=智慧园区", "--no-edit"])
        .assert()
        .success();
    e.tb()
        .args(["drafts", "list"])
        .assert()
        .success()
        .stdout(predicate::str::contains("未知表单").not())
        .stdout(predicate::str::is_match(r"项目一\s+xm 1\.0\s+\S+ \S+\s+1/2\s+无").unwrap());
    e.tb()
        .args(["drafts", "show", "项目一"])
        .assert()
        .success()
        .stdout(predicate::str::contains("项目申报表"))
        .stdout(predicate::str::contains("【项目名称】\n  智慧园区"));
    e.tb()
        .args(["export", "-f", "md", "--force", "项目一"])
        .assert()
        .success()
        .stdout(predicate::str::contains("项目申报表"))
        .stdout(predicate::str::contains("智慧园区"));
    e.tb()
        .args(["fill", "--draft", "项目一", "--plain"])
        .write_stdin("")
        .assert()
        .success()
        .stdout(predicate::str::contains("项目申报表"));

    // The form file moves: every command names where it was and accepts --form.
    fs::rename(work.join("xm.ron"), work.join("xm-新.ron")).unwrap();
    let was = fs::canonicalize(&work).unwrap().join("xm.ron");
    e.tb()
        .args(["export", "-f", "md", "--force", "项目一"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(format!(
            "草稿的表单文件不在原处：{}",
            was.display()
        )))
        .stderr(predicate::str::contains("--form"));
    e.tb()
        .args(["drafts", "list"])
        .assert()
        .success()
        .stdout(predicate::str::contains("xm 1.0 (表单文件不在原处)"));
    e.tb()
        .args(["fill", "--draft", "项目一", "--plain"])
        .write_stdin("")
        .assert()
        .code(2)
        .stderr(predicate::str::contains(was.display().to_string()));
    e.tb()
        .args(["export", "-f", "md", "--force", "项目一", "--form"])
        .arg(work.join("xm-新.ron"))
        .assert()
        .success()
        .stdout(predicate::str::contains("智慧园区"));
    // Opened with the moved file, the draft remembers the new place.
    e.tb()
        .args(["fill", "--draft", "项目一", "--form"])
        .arg(work.join("xm-新.ron"))
        .args(["--set", "desc=简介", "--no-edit"])
        .assert()
        .success();
    e.tb()
        .args(["export", "-f", "md", "--force", "项目一"])
        .assert()
        .success()
        .stdout(predicate::str::contains("简介"));
}

#[test]
fn fill_draft_of_the_summary_form_opens_that_form() {
    let e = env();
    e.tb()
        .args([
            "fill",
            "--form",
            "ai-scenario-summary",
            "--draft",
            "江城汇总",
        ])
        .args(["--set", "zone=江城", "--no-edit"])
        .assert()
        .success();
    e.tb()
        .args(["fill", "--draft", "江城汇总"])
        .args(["--set", "zone=江夏", "--force", "--no-edit"])
        .assert()
        .success()
        .stderr(predicate::str::contains("不是 ai-scenario").not());
    e.tb()
        .args(["fill", "--draft", "江城汇总", "--plain"])
        .write_stdin("")
        .assert()
        .success()
        .stdout(predicate::str::contains("推荐汇总表"))
        .stdout(predicate::str::contains("江夏"));
    // A draft of a built-in form does not write the new key: older tianbiao still reads it.
    let text = fs::read_to_string(e.store.path_for("江城汇总")).unwrap();
    assert!(!text.contains("form_file"), "{text}");
}
