//! `tianbiao check`: output and exit codes on received fixtures (valid, over-limit,
//! missing-required, corrupt, hostile, unknown form), special files (FIFO, a symlink to
//! /dev/zero, a 100 MB sparse file), submissions, directories and the JSON report.
//!
//! The whole text report on the fixtures is a golden file, `tests/golden/check-received.txt`
//! (refresh with `UPDATE_GOLDEN=1 cargo test --test check_cli`, then review the diff).

mod support;
use support::export as common;

use std::os::unix::fs::symlink;
use std::path::Path;
use std::time::{Duration, Instant};

use common::*;
use predicates::prelude::*;
use support::review::*;
use tianbiao::export::{self, Format};
use tianbiao::form::Value;
use tianbiao::lang::Lang;

const VALID_BLOCK: &str = "valid.ron（草稿，ai-scenario 1.0）
  场景名称：智慧港口场景
  申报单位：XX 港口研究院
  (一) 场景简介          215/400 字
  (二) 人工智能应用内容  391/500 字
  (三) 应用效果          468/500 字
  (四) 场景推广应用前景  348/400 字
  (五) 未来应用需求      150/400 字
  (六) 支持举措          257/300 字
  缺少必填：无
  ✓ 通过
";

const OVER_BLOCK: &str = "over-limit.ron（草稿，ai-scenario 1.0）
  场景名称：智慧港口场景（超限）
  申报单位：XX 港口研究院
  (一) 场景简介          215/400 字
  (二) 人工智能应用内容  391/500 字
  (三) 应用效果          523/500 字  ✗ 超出 23 字
  (四) 场景推广应用前景  348/400 字
  (五) 未来应用需求      150/400 字
  (六) 支持举措          301/300 字  ✗ 超出 1 字
  缺少必填：无
  问题：
    (三) 应用效果: 523/500 字, 超出 23 字
    (六) 支持举措: 301/300 字, 超出 1 字
  ✗ 不通过（2 个问题）
";

const CORRUPT_ERR: &str =
    "corrupt.ron: 不是有效的草稿：第 156 行第 20 列：字符串没有结束：缺少右双引号 \"\n";

/// `tianbiao check` run inside the fixtures folder, so paths print as given.
fn check_in(dir: &Path, data: &Path) -> assert_cmd::Command {
    let mut c = tb(data);
    c.current_dir(dir)
        .arg("check")
        .timeout(Duration::from_secs(30));
    c
}

#[test]
fn a_valid_draft_passes_with_exit_0() {
    let data = tempfile::tempdir().unwrap();
    check_in(&received(), data.path())
        .arg("valid.ron")
        .assert()
        .code(0)
        .stdout(format!(
            "{VALID_BLOCK}\n共 1 个文件：1 个通过，0 个不通过，0 个无法读取\n"
        ))
        .stderr("");
}

#[test]
fn over_limit_fields_fail_with_exit_1_and_their_counts() {
    let data = tempfile::tempdir().unwrap();
    check_in(&received(), data.path())
        .args(["valid.ron", "over-limit.ron"])
        .assert()
        .code(1)
        .stdout(format!(
            "{VALID_BLOCK}\n{OVER_BLOCK}\n共 2 个文件：1 个通过，1 个不通过，0 个无法读取\n"
        ))
        .stderr("");
}

#[test]
fn missing_required_fields_are_listed() {
    let data = tempfile::tempdir().unwrap();
    check_in(&received(), data.path())
        .arg("missing-required.ron")
        .assert()
        .code(1)
        .stdout(predicate::str::contains("  (五) 未来应用需求      0/400 字\n"))
        .stdout(predicate::str::contains(
            "  缺少必填：申报单位联系人 姓名、电子邮箱、未来应用需求\n  问题：\n    一、基本情况 · 申报单位联系人 姓名: 必填，尚未填写\n    一、基本情况 · 电子邮箱: 必填，尚未填写\n    (五) 未来应用需求: 必填，尚未填写\n  ✗ 不通过（3 个问题）\n",
        ));
}

#[test]
fn a_corrupt_file_gives_one_line_and_the_others_are_still_checked() {
    let data = tempfile::tempdir().unwrap();
    check_in(&received(), data.path())
        .args(["corrupt.ron", "valid.ron", "over-limit.ron"])
        .assert()
        .code(2)
        .stderr(CORRUPT_ERR)
        .stdout(format!(
            "corrupt.ron\n  ✗ 无法读取：不是有效的草稿：第 156 行第 20 列：字符串没有结束：缺少右双引号 \"\n\n{VALID_BLOCK}\n{OVER_BLOCK}\n共 3 个文件：1 个通过，1 个不通过，1 个无法读取\n"
        ));
}

#[test]
fn exit_codes_0_1_2_and_2_wins_over_1() {
    let data = tempfile::tempdir().unwrap();
    let run = |files: &[&str]| {
        check_in(&received(), data.path())
            .args(files)
            .output()
            .unwrap()
            .status
            .code()
    };
    assert_eq!(run(&["valid.ron"]), Some(0));
    assert_eq!(run(&["valid.ron", "over-limit.ron"]), Some(1));
    assert_eq!(run(&["missing-required.ron"]), Some(1));
    assert_eq!(run(&["over-limit.ron", "corrupt.ron"]), Some(2));
    assert_eq!(
        run(&["corrupt.ron", "over-limit.ron", "valid.ron"]),
        Some(2)
    );
    assert_eq!(run(&["unknown-form.ron"]), Some(2));
    assert_eq!(run(&["valid.ron", "no-such-file.ron"]), Some(2));
}

#[test]
fn the_whole_report_on_the_fixtures_is_golden() {
    let data = tempfile::tempdir().unwrap();
    let out = check_in(&received(), data.path())
        .args([
            "valid.ron",
            "over-limit.ron",
            "missing-required.ron",
            "corrupt.ron",
            "hostile.ron",
            "hostile-key.json",
            "unknown-form.ron",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    golden("check-received.txt", &out.stdout);
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        format!(
            "{CORRUPT_ERR}hostile-key.json: 不是有效的提交文件：第 3 行第 57 列：unknown field `⟨ESC⟩]52;c;Y3VybCBldmlsLnNofHNo⟨BEL⟩⟨U+009B⟩31m⟨U+202E⟩`, expected one of `format`, `form`, `draft`, `exported`, `generator`, `valid`, `sections`, `findings`, `notes`, `other_answers`\nunknown-form.ron: 未知的表单 'other-form'：不是内置表单（可用 --form 文件 指定表单描述文件）\n"
        )
    );
}

#[test]
fn hostile_text_never_reaches_the_terminal() {
    let data = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    // A file whose very name is an escape sequence.
    let evil_name = "evil\u{1b}]0;owned\u{7}\u{9b}2J\u{202e}.ron";
    std::fs::copy(received().join("hostile.ron"), dir.path().join(evil_name)).unwrap();
    std::fs::write(
        dir.path().join("corrupt\u{1b}[2J.ron"),
        "Draft(\u{1b}]52;c;x\u{7}",
    )
    .unwrap();
    for lang in ["zh", "en"] {
        for format in ["table", "json"] {
            let out = tb(data.path())
                .args(["--lang", lang, "check", "--format", format])
                .arg(received().join("hostile.ron"))
                .arg(received().join("hostile-key.json"))
                .arg(dir.path().join(evil_name))
                .arg(dir.path().join("corrupt\u{1b}[2J.ron"))
                .output()
                .unwrap();
            assert_eq!(out.status.code(), Some(2), "{lang} {format}");
            assert_inert(&format!("stdout {lang} {format}"), &out.stdout);
            assert_inert(&format!("stderr {lang} {format}"), &out.stderr);
        }
    }
    // The payloads are shown as markers, not dropped.
    let out = tb(data.path())
        .arg("check")
        .arg(dir.path().join(evil_name))
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("evil⟨ESC⟩]0;owned⟨BEL⟩⟨U+009B⟩2J⟨U+202E⟩.ron（草稿"),
        "{text}"
    );
    assert!(text.contains("申报单位：XX ⟨U+009B⟩31m港口研究院⟨ESC⟩]0;pwned⟨BEL⟩"));
    assert!(text.contains("选项 '⟨ESC⟩[6n恶意选项⟨U+009B⟩' 不在表单的选项中"));
    assert!(text.contains(
        "一、基本情况 · 场景名称：含 4 个控制字符、1 个双向控制符、1 个不可见字符（显示为 ⟨…⟩ 标记）"
    ));
}

#[test]
fn the_json_report_escapes_what_serde_json_would_write_raw() {
    let data = tempfile::tempdir().unwrap();
    let out = check_in(&received(), data.path())
        .args([
            "--format",
            "json",
            "hostile.ron",
            "valid.ron",
            "corrupt.ron",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let raw = String::from_utf8(out.stdout).unwrap();
    assert!(raw.contains(r"\u001b]52;c;"), "ESC is escaped");
    assert!(raw.contains(r"\u009b31m") && raw.contains(r"\u202e"));
    let v: serde_json::Value = serde_json::from_str(&raw).unwrap();
    let files = v.as_array().unwrap();
    assert_eq!(files.len(), 3);
    let hostile = &files[0];
    assert_eq!(hostile["path"], "hostile.ron");
    assert_eq!(hostile["readable"], true);
    assert_eq!(hostile["kind"], "draft");
    assert_eq!(hostile["pass"], false);
    assert_eq!(hostile["findings"].as_array().unwrap().len(), 2);
    assert!(
        hostile["scenario"]
            .as_str()
            .unwrap()
            .starts_with("智慧\u{1b}]52;c;"),
        "the JSON keeps the text exactly; only its encoding is escaped"
    );
    let valid = &files[1];
    assert_eq!(valid["pass"], true);
    assert_eq!(valid["scenario"], "智慧港口场景");
    assert_eq!(valid["applicant"], "XX 港口研究院");
    assert_eq!(valid["form"]["id"], "ai-scenario");
    assert_eq!(valid["counts"].as_array().unwrap().len(), 6);
    assert_eq!(
        valid["counts"][2],
        serde_json::json!({"field": "effect", "label": "(三) 应用效果", "count": 468, "limit": 500, "mode": "zishu", "over": false})
    );
    assert_eq!(valid["missing"], serde_json::json!([]));
    assert!(valid["sha256"].as_str().unwrap().starts_with("sha256:"));
    let corrupt = &files[2];
    assert_eq!(corrupt["readable"], false);
    assert_eq!(corrupt["pass"], false);
    assert_eq!(
        corrupt["error"],
        "不是有效的草稿：第 156 行第 20 列：字符串没有结束：缺少右双引号 \""
    );

    let over = check_in(&received(), data.path())
        .args(["-f", "json", "over-limit.ron"])
        .output()
        .unwrap();
    assert_eq!(over.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&over.stdout).unwrap();
    assert_eq!(
        v[0]["findings"][0],
        serde_json::json!({
            "section": "effect",
            "field": "effect",
            "message": "(三) 应用效果: 523/500 字, 超出 23 字",
            "problem": {"type": "over_limit", "count": 523, "limit": 500, "mode": "zishu"}
        })
    );
}

#[test]
fn fifos_device_symlinks_and_huge_files_are_refused_without_hanging() {
    let data = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("fifo.ron");
    let status = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(status.success());
    symlink("/dev/zero", dir.path().join("zero.ron")).unwrap();
    let big = std::fs::File::create(dir.path().join("big.json")).unwrap();
    big.set_len(100 * 1024 * 1024).unwrap();
    std::fs::create_dir(dir.path().join("sub.ron")).unwrap();
    let started = Instant::now();
    check_in(dir.path(), data.path())
        .args(["fifo.ron", "zero.ron", "big.json"])
        .timeout(Duration::from_secs(10))
        .assert()
        .code(2)
        .stderr(
            "fifo.ron: 不是普通文件（目录、管道或设备），已拒绝读取
zero.ron: 不是普通文件（目录、管道或设备），已拒绝读取
big.json: 文件过大（104857600 字节，上限 8388608 字节），已拒绝读取
",
        )
        .stdout(predicate::str::ends_with(
            "big.json\n  ✗ 无法读取：文件过大（104857600 字节，上限 8388608 字节），已拒绝读取\n\n共 3 个文件：0 个通过，0 个不通过，3 个无法读取\n",
        ));
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "took {:?}",
        started.elapsed()
    );
}

#[test]
fn a_directory_means_its_ron_and_json_files() {
    let data = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    write_draft(dir.path(), "b.ron", &example_moved());
    write_draft(dir.path(), "a.ron", &example_moved());
    write(dir.path(), ".hidden.ron", b"junk");
    write(dir.path(), "notes.txt", b"junk");
    std::fs::create_dir(dir.path().join("deeper")).unwrap();
    write(&dir.path().join("deeper"), "c.ron", b"junk");
    let out = check_in(dir.path(), data.path())
        .arg(".")
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    let a = text.find("./a.ron（草稿").unwrap();
    let b = text.find("./b.ron（草稿").unwrap();
    assert!(a < b, "sorted by name");
    assert!(text.ends_with("共 2 个文件：2 个通过，0 个不通过，0 个无法读取\n"));
}

/// The example exported as a submission through the export API.
fn submission_bytes(draft: &tianbiao::draft::Draft) -> Vec<u8> {
    let form = flagship();
    let files = export::check_files(&form, &draft.answers, None);
    let p = export::prepare(&form, draft, EXPORTED, files);
    export::render(&p, Format::Json, Lang::Zh)
}

#[test]
fn submissions_are_checked_like_drafts() {
    let data = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    // Named .ron on purpose: the kind is told by the content.
    let bytes = submission_bytes(&example_moved());
    // The author's absolute paths do not travel: the submission names the file only, and the
    // reviewer keeps the picture beside it.
    let home = root().join("docs/examples").display().to_string();
    assert!(!String::from_utf8_lossy(&bytes).contains(&home));
    write(dir.path(), "sub.ron", &bytes);
    std::fs::copy(
        root().join("docs/examples/smart-port-fig1.png"),
        dir.path().join("smart-port-fig1.png"),
    )
    .unwrap();
    let out = check_in(dir.path(), data.path())
        .arg("sub.ron")
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    assert!(text.starts_with("sub.ron（提交文件，ai-scenario 1.0）\n  场景名称：智慧港口场景\n"));
    assert!(!text.contains("未核对"), "{text}");
    assert!(text.contains("\n  ✓ 通过\n"), "{text}");

    // A submission that says it is valid but is not: our check wins, and says so.
    let mut bad = example_moved();
    bad.answers.set("effect", Value::Text("字".repeat(523)));
    let mut json: serde_json::Value = serde_json::from_slice(&submission_bytes(&bad)).unwrap();
    json["valid"] = serde_json::Value::Bool(true);
    json["findings"] = serde_json::json!([]);
    write(dir.path(), "liar.json", json.to_string().as_bytes());
    check_in(dir.path(), data.path())
        .arg("liar.json")
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "    (三) 应用效果: 523/500 字, 超出 23 字\n",
        ))
        .stdout(predicate::str::contains(
            "  注意：提交文件自称 \"valid\": true，但复核发现 1 个问题\n  ✗ 不通过（1 个问题）\n",
        ));
}

#[test]
fn attachments_are_looked_up_only_beside_the_file() {
    let data = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    // The example names smart-port-fig1.png relative to itself; here it is missing.
    write_draft(dir.path(), "alone.ron", &example());
    check_in(dir.path(), data.path())
        .arg("alone.ron")
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "    (二) 人工智能应用内容 · 插图（如图 1）: 文件 'smart-port-fig1.png' 不存在\n    (七) 其他辅助材料 · 图片文件: 文件 'smart-port-fig1.png' 不存在\n  ✗ 不通过（2 个问题）\n",
        ));
    check_in(dir.path(), data.path())
        .args(["--skip-attachments", "alone.ron"])
        .assert()
        .code(0);
    // A FIFO in the attachment's place is not opened (it would block) and is reported.
    std::process::Command::new("mkfifo")
        .arg(dir.path().join("smart-port-fig1.png"))
        .status()
        .unwrap();
    check_in(dir.path(), data.path())
        .arg("alone.ron")
        .timeout(Duration::from_secs(10))
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "'smart-port-fig1.png' 不是普通文件",
        ));
    // Paths into the sender's machine or out of the folder are not looked up.
    let mut d = example();
    if let Some(Value::Attachments(files)) = d.answers.0.get_mut("figures") {
        files[0].path = "../../etc/passwd.png".into();
    }
    if let Some(Value::Attachments(files)) = d.answers.0.get_mut("materials") {
        files[0].path = "C:\\Users\\李某某\\图1.png".into();
    }
    write_draft(dir.path(), "foreign.ron", &d);
    check_in(dir.path(), data.path())
        .arg("foreign.ron")
        .assert()
        .code(0)
        .stdout(predicate::str::contains(
            "  注意：附件路径指向发送方的电脑或本文件夹之外，未核对：'../../etc/passwd.png', 'C:\\Users\\李某某\\图1.png'\n",
        ));
}

#[test]
fn a_draft_from_another_form_version_is_noted_and_still_checked() {
    let data = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let mut d = example_moved();
    d.form_version = "0.9".into();
    d.form_hash = "sha256:0000000000000000000000000000000000000000000000000000000000000000".into();
    write_draft(dir.path(), "old.ron", &d);
    let form = tianbiao::form::builtin("ai-scenario").unwrap().unwrap();
    let current = &form.hash()[..15];
    check_in(dir.path(), data.path())
        .arg("old.ron")
        .assert()
        .code(0)
        .stdout(predicate::str::contains(format!(
            "  注意：该文件基于表单 'ai-scenario' 版本 0.9（sha256:00000000），与当前表单版本 1.0（{current}）不同；已按当前表单检查\n",
        )));
}

#[test]
fn files_carrying_the_hash_earlier_versions_computed_are_the_same_form_version() {
    let form = tianbiao::form::builtin("ai-scenario").unwrap().unwrap();
    let text = std::fs::read_to_string(received().join("valid.ron")).unwrap();
    // The received fixtures were written before the hash became canonical.
    assert!(text.contains(&format!("form_hash: \"{}\"", form.legacy_hash())));
    assert!(!text.contains(&form.hash()));
    let data = tempfile::tempdir().unwrap();
    check_in(&received(), data.path())
        .arg("valid.ron")
        .assert()
        .code(0)
        .stdout(predicate::str::contains("基于表单").not());
}

#[test]
fn english_when_asked() {
    let data = tempfile::tempdir().unwrap();
    check_in(&received(), data.path())
        .args(["--lang", "en"])
        .current_dir(received())
        .args(["over-limit.ron", "corrupt.ron"])
        .assert()
        .code(2)
        .stderr("corrupt.ron: not a valid draft: line 156, column 20: unclosed text: a closing \" is missing\n")
        .stdout(predicate::str::contains(
            "  (三) 应用效果          523/500 zi  ✗ 23 over\n",
        ))
        .stdout(predicate::str::contains("  ✗ fail (2 problems)\n"))
        .stdout(predicate::str::contains(
            "  ✗ cannot read: not a valid draft: line 156, column 20: unclosed text: a closing \" is missing\n",
        ))
        .stdout(predicate::str::ends_with(
            "2 files: 0 pass, 1 fail, 1 cannot be read\n",
        ));
}

#[test]
fn deep_nesting_and_huge_quotes_end_in_one_short_line() {
    let data = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let deep_json = format!(
        "{{\"format\": \"tianbiao.submission/1\", \"x\": {}}}",
        "[".repeat(100_000)
    );
    write(dir.path(), "deep.json", deep_json.as_bytes());
    write(
        dir.path(),
        "deep.ron",
        format!("Draft(format: 1, name: {}", "[".repeat(100_000)).as_bytes(),
    );
    // A 4 MB field name: serde_json quotes it in its error.
    let huge = format!(
        "{{\"format\": \"tianbiao.submission/1\", \"{}\u{1b}\": 1}}",
        "键".repeat(1_400_000)
    );
    write(dir.path(), "huge-key.json", huge.as_bytes());
    let started = Instant::now();
    let out = check_in(dir.path(), data.path())
        .args(["deep.json", "deep.ron", "huge-key.json"])
        .timeout(Duration::from_secs(20))
        .output()
        .unwrap();
    assert!(started.elapsed() < Duration::from_secs(10));
    assert_eq!(out.status.code(), Some(2));
    assert_inert("stderr", &out.stderr);
    assert_inert("stdout", &out.stdout);
    let err = String::from_utf8(out.stderr).unwrap();
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 3, "{err}");
    assert!(lines[0].starts_with("deep.json: 不是有效的提交文件："));
    assert!(lines[1].starts_with("deep.ron: 不是有效的草稿："));
    assert!(lines[2].starts_with("huge-key.json: 不是有效的提交文件：第 1 行"));
    for l in &lines {
        assert!(l.chars().count() < 400, "{} chars", l.chars().count());
    }
}

#[test]
fn a_form_file_makes_its_drafts_checkable() {
    let data = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let form_path = root().join("tests/fixtures/forms/valid/minimal.ron");
    let form = tianbiao::form::load_str(&std::fs::read_to_string(&form_path).unwrap()).unwrap();
    let mut d = tianbiao::draft::Draft::new(&form, "最小", "2022-08-10T00:00:00Z");
    d.answers.set("name", Value::Text("甲".into()));
    write_draft(dir.path(), "m.ron", &d);
    check_in(dir.path(), data.path())
        .arg("m.ron")
        .assert()
        .code(2)
        .stderr("m.ron: 未知的表单 'minimal'：不是内置表单（可用 --form 文件 指定表单描述文件）\n");
    check_in(dir.path(), data.path())
        .arg("--form")
        .arg(&form_path)
        .arg("m.ron")
        .assert()
        .code(0)
        .stdout(
            "m.ron（草稿，minimal 1）\n  名称：最小\n  缺少必填：无\n  ✓ 通过\n\n共 1 个文件：1 个通过，0 个不通过，0 个无法读取\n",
        );
}

/// The notes document sent back reads as plain text (Notepad, WeChat) as well as Markdown: a head
/// with the reviewing office, the date and the files; every received file, the unreadable ones
/// with their reason; each note and problem under `section · field`; no backslash before every
/// colon and no marker text.
#[test]
fn the_notes_document_reads_as_plain_text_and_lists_every_file() {
    let data = tempfile::tempdir().unwrap();
    let out = tb(data.path())
        .current_dir(root().join("tests/fixtures/received"))
        .args([
            "review",
            "--notes",
            "--reviewer",
            "江城市工业和信息化局",
            ".",
        ])
        .assert()
        .code(2)
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out.clone()).unwrap();
    assert!(
        text.starts_with("# 评审意见\n\n- 评审单位：江城市工业和信息化局\n- 日期："),
        "{text}"
    );
    assert!(
        text.contains("- 收到的文件：7 个（3 个无法读取）"),
        "{text}"
    );
    assert!(
        text.contains("## 1. ./corrupt.ron\n\n- 无法读取：不是有效的草稿：第 156 行"),
        "{text}"
    );
    assert!(text.contains("- 文件指纹：sha256:"), "{text}");
    assert!(!text.contains("\\:"), "{text}");
    assert!(!text.contains("⟨ESC⟩") && !text.contains("⟨U+"), "{text}");
    assert!(
        text.contains("### (三) 应用效果\n\n- 问题：523/500 字, 超出 23 字"),
        "{text}"
    );
    assert_inert("review --notes", &out);
    golden("review-notes.md", &out);
}
