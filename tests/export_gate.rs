//! The validation gate, the form a draft needs, and where export may write: exact messages and
//! exit codes (0 written, 1 refused by the gate, 2 cannot read or write).

mod support;
use support::export as common;

use std::os::unix::fs::PermissionsExt;

use common::*;
use predicates::prelude::*;
use tianbiao::form::{Attachment, Value};

/// The example with three problems: 申报单位联系人 empty, a bad phone, (三) over its limit.
fn broken() -> tianbiao::draft::Draft {
    let mut d = example_moved();
    d.answers.0.remove("contact_name");
    d.answers.set("contact_phone", Value::Text("12345".into()));
    d.answers.set("effect", Value::Text("字".repeat(523)));
    d
}

const GATE_ZH: &str =
    "未导出：有 3 个问题需要修改（加 --force 仍可导出，文件中会标明 \"valid\": false）：
  一、基本情况 · 申报单位联系人 姓名: 必填，尚未填写
  一、基本情况 · 联系电话: 联系电话格式不对，应为手机号（如 138-0000-0000）或带区号的座机（如 010-68205250）
  (三) 应用效果: 523/500 字, 超出 23 字
";

#[test]
fn the_gate_lists_every_problem_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let draft = write_draft(dir.path(), "broken.ron", &broken());
    for format in ["json", "ron", "md", "txt"] {
        tb(dir.path())
            .arg("export")
            .arg(&draft)
            .args(["--format", format])
            .assert()
            .code(1)
            .stdout("")
            .stderr(GATE_ZH);
    }
    let out = dir.path().join("out.docx");
    tb(dir.path())
        .arg("export")
        .arg(&draft)
        .args(["--format", "docx", "-o"])
        .arg(&out)
        .assert()
        .code(1)
        .stderr(GATE_ZH);
    assert!(!out.exists());
}

#[test]
fn the_gate_speaks_english_when_asked() {
    let dir = tempfile::tempdir().unwrap();
    let draft = write_draft(dir.path(), "broken.ron", &broken());
    tb(dir.path())
        .args(["--lang", "en", "export"])
        .arg(&draft)
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "not exported: 3 problem(s) to fix",
        ))
        .stderr(predicate::str::contains(
            "(三) 应用效果: 523/500 zi, 23 over",
        ));
}

#[test]
fn force_exports_with_the_findings_inside() {
    let dir = tempfile::tempdir().unwrap();
    let draft = write_draft(dir.path(), "broken.ron", &broken());
    let out = tb(dir.path())
        .arg("export")
        .arg(&draft)
        .arg("--force")
        .assert()
        .code(0)
        .stderr(predicate::str::contains(
            "注意：按 --force 导出，仍有 3 个问题",
        ))
        .stderr(predicate::str::contains(
            "(三) 应用效果: 523/500 字, 超出 23 字",
        ))
        .get_output()
        .stdout
        .clone();
    let json: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(json["valid"], false);
    let findings = json["findings"].as_array().unwrap();
    assert_eq!(findings.len(), 3);
    assert_eq!(
        findings[2],
        serde_json::json!({
            "section": "effect",
            "field": "effect",
            "problem": {"type": "over_limit", "count": 523, "limit": 500, "mode": "zishu"},
            "message": "(三) 应用效果: 523/500 字, 超出 23 字"
        })
    );
    assert_eq!(findings[0]["problem"]["type"], "required");
    assert_eq!(findings[1]["problem"]["type"], "invalid_phone");
    // The over-long text is exported whole, never cut.
    let effect = &json["sections"][4]["fields"][0];
    assert_eq!(effect["value"].as_str().unwrap().chars().count(), 523);
    assert_eq!(effect["count"], 523);
}

#[test]
fn a_missing_attachment_is_a_finding() {
    let dir = tempfile::tempdir().unwrap();
    let mut d = example_moved();
    d.answers.set(
        "figures",
        Value::Attachments(vec![Attachment {
            path: "图2.png".into(),
            caption: "图 2 系统架构".into(),
        }]),
    );
    let draft = write_draft(dir.path(), "d.ron", &d);
    tb(dir.path())
        .arg("export")
        .arg(&draft)
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "  (二) 人工智能应用内容 · 插图（如图 1）: 文件 '图2.png' 不存在",
        ));
    let out = tb(dir.path())
        .arg("export")
        .arg(&draft)
        .arg("--force")
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let json: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(
        json["findings"][0]["problem"],
        serde_json::json!({"type": "attachment_missing", "path": "图2.png"})
    );
}

#[test]
fn huge_sections_are_exported_whole() {
    let dir = tempfile::tempdir().unwrap();
    let mut d = example_moved();
    let huge = "港口智能化。".repeat(100_000);
    d.answers.set("intro", Value::Text(huge.clone()));
    let draft = write_draft(dir.path(), "huge.ron", &d);
    tb(dir.path())
        .arg("export")
        .arg(&draft)
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "(一) 场景简介: 600000/400 字, 超出 599600 字",
        ));
    for format in ["json", "md", "txt"] {
        let out = tb(dir.path())
            .arg("export")
            .arg(&draft)
            .args(["--force", "--format", format])
            .assert()
            .code(0)
            .get_output()
            .stdout
            .clone();
        assert!(String::from_utf8(out).unwrap().contains(&huge), "{format}");
    }
}

#[test]
fn an_unknown_form_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let mut d = example_moved();
    d.form_id = "no-such-form".into();
    let draft = write_draft(dir.path(), "d.ron", &d);
    tb(dir.path())
        .arg("export")
        .arg(&draft)
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("未知的表单 'no-such-form'"))
        .stderr(predicate::str::contains("--form"));
}

#[test]
fn a_form_file_can_be_named_and_must_be_the_drafts_form() {
    let dir = tempfile::tempdir().unwrap();
    tb(dir.path())
        .arg("export")
        .arg(example_path())
        .arg("--form")
        .arg(root().join("forms/ai-scenario.ron"))
        .assert()
        .code(0);
    tb(dir.path())
        .arg("export")
        .arg(example_path())
        .arg("--form")
        .arg(root().join("forms/ai-scenario-summary.ron"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "表单文件的 id 是 'ai-scenario-summary'，但该文件属于表单 'ai-scenario'",
        ));
}

#[test]
fn a_draft_of_another_form_version_exports_with_a_note() {
    let dir = tempfile::tempdir().unwrap();
    let mut d = example_moved();
    d.form_version = "0.9".into();
    d.form_hash = format!("sha256:{}", "0".repeat(64));
    let draft = write_draft(dir.path(), "old.ron", &d);
    let out = tb(dir.path())
        .arg("export")
        .arg(&draft)
        .assert()
        .code(0)
        .stderr(predicate::str::contains(
            "注意：草稿基于表单 'ai-scenario' 版本 0.9",
        ))
        .get_output()
        .stdout
        .clone();
    let json: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(json["valid"], true);
    assert_eq!(json["notes"][0]["code"], "form_changed");
    assert_eq!(json["draft"]["form_version"], "0.9");
}

#[test]
fn unreadable_and_corrupt_drafts() {
    let dir = tempfile::tempdir().unwrap();
    tb(dir.path())
        .args(["export", "no-such-draft"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("无法读取草稿：文件不存在"));
    let bad = dir.path().join("bad.ron");
    std::fs::write(&bad, "Draft(format: 1, name: \"x\", \u{1b}]52;c;x\u{7})").unwrap();
    tb(dir.path())
        .arg("export")
        .arg(&bad)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("草稿文件无效"))
        .stderr(predicate::str::contains("\u{1b}").not());
}

#[test]
fn drafts_by_name_and_the_latest_by_default() {
    let dir = tempfile::tempdir().unwrap();
    let drafts = dir.path().join("drafts");
    std::fs::create_dir_all(&drafts).unwrap();
    let mut d = example_moved();
    // Relative attachment paths are resolved against the draft's directory.
    d.answers.0.remove("figures");
    d.answers.0.remove("materials");
    write_draft(&drafts, "智慧港口.ron", &d);
    tb(dir.path())
        .args(["export", "智慧港口", "--format", "txt"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("场景名称：智慧港口场景"));
    tb(dir.path())
        .args(["export", "--format", "txt"])
        .assert()
        .code(0)
        .stderr(predicate::str::contains("未指定草稿，使用最近修改的"));
}

#[test]
fn an_existing_different_file_is_not_overwritten_without_force() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.json");
    std::fs::write(&out, "old").unwrap();
    std::fs::set_permissions(&out, std::fs::Permissions::from_mode(0o600)).unwrap();
    tb(dir.path())
        .arg("export")
        .arg(example_path())
        .arg("-o")
        .arg(&out)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "已存在且内容不同；未覆盖（加 --force 覆盖）",
        ));
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "old");
    tb(dir.path())
        .arg("export")
        .arg(example_path())
        .arg("-o")
        .arg(&out)
        .arg("--force")
        .assert()
        .code(0);
    let written = std::fs::read(&out).unwrap();
    assert!(written.starts_with(b"{\n  \"format\": \"tianbiao.submission/1\""));
    // The file's mode is kept, never widened.
    let mode = std::fs::metadata(&out).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
    // The same bytes again: nothing to refuse.
    tb(dir.path())
        .arg("export")
        .arg(example_path())
        .arg("-o")
        .arg(&out)
        .assert()
        .code(0)
        .stderr(predicate::str::contains("内容相同，未改动"));
    // A new file is 0644 and no temporary file is left behind.
    let fresh = dir.path().join("fresh.md");
    tb(dir.path())
        .arg("export")
        .arg(example_path())
        .args(["--format", "md", "-o"])
        .arg(&fresh)
        .assert()
        .code(0);
    let mode = std::fs::metadata(&fresh).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode & 0o644, 0o644);
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 2, "{names:?}");
}

#[test]
fn an_unwritable_path_is_a_clear_error_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    // A path under a regular file fails for root too (chmod would not).
    let file = dir.path().join("plain");
    std::fs::write(&file, "x").unwrap();
    let out = file.join("out.json");
    tb(dir.path())
        .arg("export")
        .arg(example_path())
        .arg("-o")
        .arg(&out)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("无法写入"))
        .stderr(predicate::str::contains("没有写下任何内容"));
    tb(dir.path())
        .arg("export")
        .arg(example_path())
        .arg("-o")
        .arg(dir.path().join("no/such/dir/out.json"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("目录不存在"));
    tb(dir.path())
        .arg("export")
        .arg(example_path())
        .arg("-o")
        .arg(dir.path())
        .assert()
        .code(2);
    let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(names.len(), 1);
}

#[test]
fn docx_needs_an_output_file() {
    let dir = tempfile::tempdir().unwrap();
    tb(dir.path())
        .arg("export")
        .arg(example_path())
        .args(["--format", "docx"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("请用 -o 文件名.docx 指定输出文件"));
}
