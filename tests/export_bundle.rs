//! `--bundle DIR`: submission.json, the Word document and the attachments with their sha256.

mod support;
use support::export as common;

use common::*;
use predicates::prelude::*;
use tianbiao::form::{Attachment, Value};

fn names(dir: &std::path::Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

#[test]
fn a_bundle_holds_the_submission_the_document_and_the_attachments() {
    let data = tempfile::tempdir().unwrap();
    let dir = data.path().join("申报材料");
    tb(data.path())
        .arg("export")
        .arg(example_path())
        .arg("--bundle")
        .arg(&dir)
        .assert()
        .code(0)
        .stderr(predicate::str::contains("已导出"));
    assert_eq!(
        names(&dir),
        ["attachments", "submission.json", "智慧港口.docx"]
    );
    assert_eq!(names(&dir.join("attachments")), ["01-smart-port-fig1.png"]);
    assert_eq!(names(data.path()), ["申报材料"], "no staging folder left");
    let copied = std::fs::read(dir.join("attachments/01-smart-port-fig1.png")).unwrap();
    let original = std::fs::read(root().join("docs/examples/smart-port-fig1.png")).unwrap();
    assert_eq!(copied, original);
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.join("submission.json")).unwrap()).unwrap();
    assert_eq!(json["valid"], true);
    let fig = &json["sections"][3]["fields"][1]["value"][0];
    assert_eq!(fig["file"], "attachments/01-smart-port-fig1.png");
    assert_eq!(fig["sha256"], tianbiao::export::sha256(&copied));
    assert_eq!(fig["size"], copied.len());
    // The same file listed twice is copied once and both entries point at it.
    let mat = &json["sections"][8]["fields"][0]["value"][0];
    assert_eq!(mat["file"], fig["file"]);
    // The document in the bundle holds the answers.
    let docx = std::fs::read(dir.join("智慧港口.docx")).unwrap();
    assert!(docx_xml_text(&docx).contains("智慧港口场景"));

    // A non-empty folder is refused; --force writes our files into it and leaves others alone.
    std::fs::write(dir.join("说明.txt"), "keep").unwrap();
    tb(data.path())
        .arg("export")
        .arg(example_path())
        .arg("--bundle")
        .arg(&dir)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("已存在且不为空"));
    tb(data.path())
        .arg("export")
        .arg(example_path())
        .arg("--bundle")
        .arg(&dir)
        .arg("--force")
        .assert()
        .code(0);
    assert_eq!(
        names(&dir),
        [
            "attachments",
            "submission.json",
            "智慧港口.docx",
            "说明.txt"
        ]
    );
    assert_eq!(
        std::fs::read_to_string(dir.join("说明.txt")).unwrap(),
        "keep"
    );
    assert_eq!(names(data.path()), ["申报材料"]);
}

#[test]
fn a_missing_attachment_stops_the_bundle() {
    let data = tempfile::tempdir().unwrap();
    // The example's attachments beside the draft: only files in the draft's folder are bundled.
    for e in std::fs::read_dir(root().join("docs/examples")).unwrap() {
        let p = e.unwrap().path();
        if p.extension().is_some_and(|x| x != "ron") {
            std::fs::copy(&p, data.path().join(p.file_name().unwrap())).unwrap();
        }
    }
    let mut d = example();
    d.answers.set(
        "materials",
        Value::Attachments(vec![Attachment {
            path: data.path().join("不存在.png").display().to_string(),
            caption: "图 2".into(),
        }]),
    );
    let draft = write_draft(data.path(), "d.ron", &d);
    let dir = data.path().join("bundle");
    tb(data.path())
        .arg("export")
        .arg(&draft)
        .arg("--bundle")
        .arg(&dir)
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "(七) 其他辅助材料 · 图片文件: 文件",
        ))
        .stderr(predicate::str::contains("不存在.png' 不存在"));
    assert!(!dir.exists());
    // Forced: the bundle is written, the missing file is a finding in the JSON.
    tb(data.path())
        .arg("export")
        .arg(&draft)
        .arg("--bundle")
        .arg(&dir)
        .arg("--force")
        .assert()
        .code(0);
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.join("submission.json")).unwrap()).unwrap();
    assert_eq!(json["valid"], false);
    assert_eq!(json["findings"][0]["problem"]["type"], "attachment_missing");
    assert_eq!(names(&dir.join("attachments")), ["01-smart-port-fig1.png"]);
}

#[test]
fn an_unwritable_bundle_leaves_nothing_behind() {
    let data = tempfile::tempdir().unwrap();
    let file = data.path().join("plain");
    std::fs::write(&file, "x").unwrap();
    tb(data.path())
        .arg("export")
        .arg(example_path())
        .arg("--bundle")
        .arg(file.join("bundle"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("无法写入"));
    tb(data.path())
        .arg("export")
        .arg(example_path())
        .arg("--bundle")
        .arg(&file)
        .assert()
        .code(2);
    assert_eq!(names(data.path()), ["plain"]);
}

/// A reviewer's `check` on a received bundle verifies every attachment against the size and
/// sha256 its submission recorded: a deleted file and a replaced one are both findings, named.
/// And the submission carries no path from the author's machine.
#[test]
fn check_verifies_a_bundles_attachments_and_the_bundle_holds_no_absolute_path() {
    let data = tempfile::tempdir().unwrap();
    let fig = root().join("docs/examples/smart-port-fig1.png");
    std::fs::copy(&fig, data.path().join("smart-port-fig1.png")).unwrap();
    let mut other = std::fs::read(&fig).unwrap();
    other.extend_from_slice(b"\0second picture");
    std::fs::write(data.path().join("现场照片.png"), &other).unwrap();
    let mut d = example();
    d.answers.set(
        "materials",
        Value::Attachments(vec![Attachment {
            // Written as an absolute path, as the file picker stores it.
            path: data.path().join("现场照片.png").display().to_string(),
            caption: "图 2 现场照片".into(),
        }]),
    );
    let draft = write_draft(data.path(), "d.ron", &d);
    let dir = data.path().join("bundle");
    tb(data.path())
        .arg("export")
        .arg(&draft)
        .arg("--bundle")
        .arg(&dir)
        .assert()
        .code(0);
    let json = std::fs::read_to_string(dir.join("submission.json")).unwrap();
    let home = data.path().display().to_string();
    assert!(!json.contains(&home), "an absolute path in {json}");
    let check = |expect: i32| {
        tb(data.path())
            .arg("check")
            .arg(&dir)
            .arg("--format")
            .arg("json")
            .assert()
            .code(expect)
    };
    // As sent: every attachment is there and the same.
    let out = check(0);
    let report: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    let sub = report
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["path"].as_str().unwrap().ends_with("submission.json"))
        .unwrap();
    assert_eq!(sub["pass"], true, "{sub}");
    // One picture deleted, the other replaced.
    let files = names(&dir.join("attachments"));
    assert_eq!(files.len(), 2, "{files:?}");
    std::fs::remove_file(dir.join("attachments").join(&files[0])).unwrap();
    std::fs::write(dir.join("attachments").join(&files[1]), b"another picture").unwrap();
    let out = tb(data.path()).arg("check").arg(&dir).assert().code(1);
    let text = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    assert!(
        text.contains(&format!("文件 'attachments/{}' 不存在", files[0])),
        "{text}"
    );
    assert!(
        text.contains(&format!(
            "文件 'attachments/{}' 与提交文件记录的不一致",
            files[1]
        )),
        "{text}"
    );
}
