//! Word documents on the command line: `check`, `summary` and `import` on a folder mixing
//! .docx, .doc, .xlsx, drafts and submissions (exit codes, a line per unreadable file, the .xlsx
//! never hangs), `check --structure`, `check --format json`, English, and `--convert` where
//! LibreOffice is installed.

mod support;
use support::export as common;
use support::review as review_common;

use std::path::{Path, PathBuf};
use std::time::Duration;

use common::*;
use review_common::assert_inert;
use tianbiao::export::{self, Format};
use tianbiao::lang::Lang;

fn fixtures() -> PathBuf {
    root().join("tests/fixtures/docx")
}

/// A folder with two filled Word documents, a .doc, an .xlsx, a draft and a submission.
fn inbox() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for f in ["typed.docx", "adversarial.docx", "legacy.doc", "sheet.xlsx"] {
        std::fs::copy(fixtures().join(f), dir.path().join(f)).unwrap();
    }
    write_draft(dir.path(), "draft.ron", &example_moved());
    let form = flagship();
    let draft = example_moved();
    let files = export::check_files(&form, &draft.answers, None);
    let p = export::prepare(&form, &draft, EXPORTED, files);
    std::fs::write(
        dir.path().join("sub.json"),
        export::render(&p, Format::Json, Lang::Zh),
    )
    .unwrap();
    dir
}

fn run(dir: &Path, data: &Path, args: &[&str]) -> (i32, String, String) {
    let out = tb(data)
        .current_dir(dir)
        .args(args)
        .timeout(Duration::from_secs(60))
        .output()
        .unwrap();
    assert_inert("stdout", &out.stdout);
    assert_inert("stderr", &out.stderr);
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn check_reads_word_documents_beside_drafts_and_refuses_the_rest_per_file() {
    let data = tempfile::tempdir().unwrap();
    let dir = inbox();
    // A directory means its drafts, submissions and Word files; the .xlsx beside them (the
    // 附件2 table) is left alone unless named.
    let (code, out, err) = run(dir.path(), data.path(), &["check", "."]);
    assert_eq!(code, 2, "an unreadable file wins: {out}{err}");
    assert!(!err.contains("sheet.xlsx"), "{err}");
    assert!(out.contains("./sub.json（提交文件"), "{out}");
    assert!(
        out.contains("./typed.docx（Word 文档，ai-scenario 1.0）"),
        "{out}"
    );
    assert!(
        out.contains("./adversarial.docx（Word 文档，ai-scenario 1.0）"),
        "{out}"
    );
    assert!(out.contains("./draft.ron（草稿"), "{out}");
    assert!(
        err.contains("./legacy.doc: 这是旧版 Word（.doc）或 WPS（.wps）文件"),
        "{err}"
    );
    assert!(
        err.contains("soffice --headless --convert-to docx"),
        "{err}"
    );
    assert!(
        out.contains("找不到（五）未来应用需求（不超过 400 字）"),
        "{out}"
    );
    assert!(
        out.contains("请在 Word 中把标题改成单独一段“（五）未来应用需求”后重新检查。"),
        "{out}"
    );
    assert!(out.contains("按文档内容判断为表单 ai-scenario"), "{out}");
    let (code, _, err) = run(
        dir.path(),
        data.path(),
        &["check", "sheet.xlsx", "typed.docx"],
    );
    assert_eq!(code, 2);
    assert!(
        err.contains("sheet.xlsx: 这不是 Word 文档，而是Excel 表格（.xlsx）"),
        "{err}"
    );
    // Only Word documents: the adversarial one fails, so exit 1.
    let (code, _, _) = run(
        dir.path(),
        data.path(),
        &["check", "typed.docx", "adversarial.docx"],
    );
    assert_eq!(code, 1);
}

#[test]
fn excluded_parts_are_shown_beside_the_count() {
    let data = tempfile::tempdir().unwrap();
    let (_, out, _) = run(&fixtures(), data.path(), &["check", "controls.docx"]);
    let line = out
        .lines()
        .find(|l| l.contains("(二) 人工智能应用内容"))
        .unwrap();
    assert!(line.contains("另有文本框"), "{line}");
    let line = out.lines().find(|l| l.contains("(三) 应用效果")).unwrap();
    assert!(line.contains("脚注"), "{line}");
    let line = out
        .lines()
        .find(|l| l.contains("(四) 场景推广应用前景"))
        .unwrap();
    assert!(line.contains("另有尾注 6 字、批注 6 字未计入"), "{line}");
    assert!(out.contains("文档含未接受的修订"), "{out}");
    assert!(
        out.contains("第 6 段（电子邮箱）有内容控件的提示文字，提示文字不算作回答"),
        "{out}"
    );
    assert!(
        out.contains("第 6 段（其他（请注明））有内容控件的提示文字，提示文字不算作回答"),
        "{out}"
    );
}

#[test]
fn structure_shows_what_was_detected() {
    let data = tempfile::tempdir().unwrap();
    let (code, out, _) = run(
        &fixtures(),
        data.path(),
        &["check", "--structure", "adversarial.docx"],
    );
    assert_eq!(code, 1);
    assert!(out.contains("所属行业领域  勾选：交通运输"), "{out}");
    assert!(
        out.contains("(三) 应用效果  标题「（三）应用成效」"),
        "{out}"
    );
    assert!(out.contains("[标题已改名]"), "{out}");
    assert!(out.contains("未找到  (五) 未来应用需求"), "{out}");
    let (_, out, _) = run(
        &fixtures(),
        data.path(),
        &["check", "--structure", "wingdings.docx"],
    );
    assert!(
        out.contains("所属行业领域  勾选：制造、医疗健康、金融、城市管理、其他（港航服务）"),
        "{out}"
    );
    let (_, en, _) = run(
        &fixtures(),
        data.path(),
        &["--lang", "en", "check", "--structure", "adversarial.docx"],
    );
    assert!(en.contains("missing  (五) 未来应用需求"), "{en}");
    assert!(en.contains("ticked: 交通运输"), "{en}");
}

#[test]
fn the_json_report_carries_where_each_answer_was_found() {
    let data = tempfile::tempdir().unwrap();
    let (_, out, _) = run(
        &fixtures(),
        data.path(),
        &[
            "check",
            "--format",
            "json",
            "adversarial.docx",
            "legacy.doc",
        ],
    );
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v[0]["kind"], "docx");
    // The text report skips hashing a document's bytes (its photos are never read); the JSON
    // report still carries the hash of the whole file.
    let bytes = std::fs::read(fixtures().join("adversarial.docx")).unwrap();
    assert_eq!(v[0]["sha256"], export::sha256(&bytes));
    let sections = v[0]["docx"]["sections"].as_array().unwrap();
    let needs = sections.iter().find(|s| s["section"] == "needs").unwrap();
    assert_eq!(needs["status"], "missing");
    assert_eq!(needs["after"][0], "prospect");
    assert_eq!(needs["before"][0], "support");
    let effect = sections.iter().find(|s| s["section"] == "effect").unwrap();
    assert_eq!(effect["renamed"], true);
    assert_eq!(v[1]["readable"], false);
    assert!(v[1]["error"].as_str().unwrap().contains(".doc"));
    assert!(v[1].get("docx").is_none());
}

#[test]
fn summary_takes_word_documents() {
    let data = tempfile::tempdir().unwrap();
    let dir = inbox();
    let (code, out, err) = run(
        dir.path(),
        data.path(),
        &[
            "summary",
            "--zone",
            "天津",
            "--format",
            "csv",
            "typed.docx",
            "draft.ron",
        ],
    );
    assert_ne!(code, 2, "{out}{err}");
    assert!(
        out.contains("XX港口研究院"),
        "the Word document's 申报单位: {out}"
    );
    assert!(
        out.contains("制造、交通运输、商贸、物流、公共安全"),
        "{out}"
    );
    let (code, _, err) = run(
        dir.path(),
        data.path(),
        &[
            "summary",
            "--zone",
            "天津",
            "--format",
            "csv",
            "typed.docx",
            "sheet.xlsx",
        ],
    );
    assert_eq!(code, 2);
    assert!(err.contains("sheet.xlsx"), "{err}");
    // The whole folder: the .doc is named as unreadable and no table is made; the .xlsx
    // beside them is left alone. Without the .doc, its Word documents, draft and submission
    // are all in the table.
    let args = ["summary", "--zone", "天津", "--format", "csv", "."];
    let (code, out, err) = run(dir.path(), data.path(), &args);
    assert_eq!(code, 2, "{out}{err}");
    assert!(err.contains("./legacy.doc: 这是旧版 Word"), "{err}");
    assert!(err.contains("未生成汇总表"), "{err}");
    assert!(!err.contains("sheet.xlsx"), "{err}");
    std::fs::remove_file(dir.path().join("legacy.doc")).unwrap();
    let (code, out, err) = run(dir.path(), data.path(), &args);
    assert_ne!(code, 2, "{out}{err}");
    assert!(out.contains("XX港口研究院"), "{out}");
    assert_eq!(
        out.lines().count(),
        5,
        "a header and the two Word documents, the draft and the submission: {out}"
    );
}

#[test]
fn import_makes_a_draft_and_says_which_form() {
    let data = tempfile::tempdir().unwrap();
    let out_dir = tempfile::tempdir().unwrap();
    let target = out_dir.path().join("typed.ron");
    let (code, _, err) = run(
        &fixtures(),
        data.path(),
        &["import", "typed.docx", "-o", target.to_str().unwrap()],
    );
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("按文档内容选定表单 ai-scenario"), "{err}");
    let draft =
        tianbiao::draft::Draft::from_ron(&std::fs::read_to_string(&target).unwrap()).unwrap();
    assert_eq!(draft.answers.text("scenario_name"), "智慧港口场景");
    assert!(draft.answers.text("intro").starts_with("本场景聚焦"));
    let target2 = out_dir.path().join("given.ron");
    let (code, _, err) = run(
        &fixtures(),
        data.path(),
        &[
            "import",
            "wingdings.docx",
            "--form",
            "ai-scenario",
            "-o",
            target2.to_str().unwrap(),
        ],
    );
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("按指定表单 ai-scenario"), "{err}");
    let (code, _, err) = run(
        &fixtures(),
        data.path(),
        &["import", "sheet.xlsx", "-o", "/nonexistent/x.ron"],
    );
    assert_eq!(code, 2);
    assert!(err.contains("Excel"), "{err}");
}

#[test]
fn convert_turns_a_real_doc_into_a_docx_where_libreoffice_is_installed() {
    let data = tempfile::tempdir().unwrap();
    if tianbiao_has_soffice().is_none() {
        eprintln!("skipped: LibreOffice (soffice) is not installed");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let status = std::process::Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            dir.path().join("p").display()
        ))
        .args(["--headless", "--convert-to", "doc", "--outdir"])
        .arg(dir.path())
        .arg(fixtures().join("typed.docx"))
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .unwrap();
    assert!(status.success());
    let (code, _, err) = run(dir.path(), data.path(), &["check", "typed.doc"]);
    assert_eq!(code, 2, "{err}");
    let (code, out, err) = run(
        dir.path(),
        data.path(),
        &["check", "--convert", "typed.doc"],
    );
    assert!(
        err.contains("已用 LibreOffice 转换为 .docx 后检查"),
        "{err}"
    );
    assert!(
        out.contains("typed.doc（Word 文档，ai-scenario 1.0）"),
        "{out}"
    );
    assert!(code <= 1, "{out}{err}");
}

fn tianbiao_has_soffice() -> Option<()> {
    std::env::var_os("PATH")
        .map(|p| std::env::split_paths(&p).any(|d| d.join("soffice").is_file()))
        .unwrap_or(false)
        .then_some(())
}

#[test]
fn a_file_of_two_applications_is_refused_and_the_others_still_checked() {
    let data = tempfile::tempdir().unwrap();
    let (code, out, err) = run(
        &fixtures(),
        data.path(),
        &["check", "twice.docx", "typed.docx"],
    );
    assert_eq!(code, 2, "{out}{err}");
    assert!(
        err.contains("twice.docx: 这个文件里有 2 份申报书（分别从第 5 段、第 29 段起）"),
        "{err}"
    );
    assert!(
        err.contains("请在 Word 中把每份申报书另存为单独的 .docx 文件"),
        "{err}"
    );
    assert!(!out.contains("twice.docx（Word 文档"), "{out}");
    assert!(
        out.contains("typed.docx（Word 文档，ai-scenario 1.0）"),
        "{out}"
    );
    let (code, _, err) = run(
        &fixtures(),
        data.path(),
        &["import", "twice.docx", "-o", "/nonexistent/x.ron"],
    );
    assert_eq!(code, 2);
    assert!(err.contains("2 份申报书"), "{err}");
}

/// A Word document is as untrusted as a received draft: its bidi overrides and zero-width
/// characters reach the terminal as markers, never raw (`run` checks every byte written).
#[test]
fn hidden_characters_in_a_word_document_are_shown_as_markers() {
    use std::io::Write;
    let data = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let para = |t: &str| format!("<w:p><w:r><w:t>{t}</w:t></w:r></w:p>");
    let cell = |t: &str| format!("<w:tc>{}</w:tc>", para(t));
    let body = format!(
        "<w:tbl><w:tr>{}{}</w:tr></w:tbl>{}{}",
        cell("场景名称"),
        cell("智慧\u{202e}港口\u{200b}场景"),
        para("（一）场景简介"),
        para("正文\u{202e}反向。")
    );
    let xml = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>{body}</w:body></w:document>"
    );
    let path = dir.path().join("hidden.docx");
    let mut zip = zip::ZipWriter::new(std::fs::File::create(&path).unwrap());
    let opts = zip::write::SimpleFileOptions::default();
    zip.start_file("[Content_Types].xml", opts).unwrap();
    zip.write_all(b"<Types/>").unwrap();
    zip.start_file("word/document.xml", opts).unwrap();
    zip.write_all(xml.as_bytes()).unwrap();
    zip.finish().unwrap();
    let (code, out, err) = run(dir.path(), data.path(), &["check", "hidden.docx"]);
    assert_eq!(code, 1, "{out}{err}");
    assert!(out.contains("智慧⟨U+202E⟩港口⟨U+200B⟩场景"), "{out}");
    // Each missing field says where it was looked for.
    assert!(
        out.contains(
            "一、基本情况 · 联系电话: 必填，尚未填写\n      文档的表格和段落中都没有“联系电话”这一栏。"
        ),
        "{out}"
    );
    assert!(
        out.contains(
            "文档中没有承诺原文“我单位承诺以上申报材料真实可靠，并对内容真实性承担法律责任。”"
        ),
        "{out}"
    );
    let (_, out, _) = run(
        dir.path(),
        data.path(),
        &["check", "--structure", "hidden.docx"],
    );
    assert!(out.contains("(一) 场景简介"), "{out}");
}

/// A FIFO or a device named .docx is refused at once (never opened for reading, so never
/// waited on), and `--convert` never hands a .docx, even an unreadable one, to LibreOffice.
#[test]
fn a_fifo_or_device_named_docx_is_refused_quickly_and_a_docx_is_never_converted() {
    let data = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("pipe.docx");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    if !made.is_ok_and(|s| s.success()) {
        println!("skipped: mkfifo is not available");
        return;
    }
    std::os::unix::fs::symlink("/dev/zero", dir.path().join("zero.docx")).unwrap();
    std::fs::copy(
        fixtures().join("encrypted.docx"),
        dir.path().join("locked.docx"),
    )
    .unwrap();
    let started = std::time::Instant::now();
    let (code, out, err) = run(
        dir.path(),
        data.path(),
        &[
            "check",
            "--convert",
            "pipe.docx",
            "zero.docx",
            "locked.docx",
        ],
    );
    assert!(
        started.elapsed() < Duration::from_secs(10),
        "took {:?}",
        started.elapsed()
    );
    assert_eq!(code, 2, "{out}{err}");
    assert!(
        err.contains("pipe.docx: 不是普通文件（目录、管道或设备），已拒绝读取"),
        "{err}"
    );
    assert!(
        err.contains("zero.docx: 不是普通文件（目录、管道或设备），已拒绝读取"),
        "{err}"
    );
    assert!(err.contains("locked.docx: "), "{err}");
    assert!(!err.contains("LibreOffice"), "nothing was converted: {err}");
}
