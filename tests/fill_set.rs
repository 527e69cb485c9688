//! `tianbiao fill --set FIELD=@FILE|TEXT --no-edit`: text files in every encoding an office
//! saves, refusals that change nothing, and replacing only when asked.

mod support;
use support::export as common;

use std::path::{Path, PathBuf};

use common::tb;
use tianbiao::draft::Draft;
use tianbiao::form::Value;

const INTRO: &str = "智慧港口场景聚焦先导区特色行业领域，紧密结合人工智能、物联网等新一代信息技术。\n场景建设过程中面向先导区内外企业征集解决方案。";

/// Writes one fixture per encoding into `dir` and returns (encoding name, path).
fn fixtures(dir: &Path) -> Vec<(&'static str, PathBuf)> {
    let crlf = INTRO.replace('\n', "\r\n");
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend_from_slice(INTRO.as_bytes());
    let utf16 = |le: bool| {
        let mut v = if le {
            vec![0xFF, 0xFE]
        } else {
            vec![0xFE, 0xFF]
        };
        for u in INTRO.encode_utf16() {
            v.extend(if le { u.to_le_bytes() } else { u.to_be_bytes() });
        }
        v
    };
    let (gbk, _, _) = encoding_rs::GB18030.encode(&crlf);
    let files: Vec<(&str, &str, Vec<u8>)> = vec![
        ("UTF-8", "utf8.txt", INTRO.as_bytes().to_vec()),
        ("UTF-8 BOM", "utf8-bom.txt", bom),
        ("UTF-16LE", "utf16le.txt", utf16(true)),
        ("UTF-16BE", "utf16be.txt", utf16(false)),
        ("GB18030", "简介-gbk.txt", gbk.into_owned()),
    ];
    files
        .into_iter()
        .map(|(name, file, bytes)| {
            let p = dir.join(file);
            std::fs::write(&p, bytes).unwrap();
            (name, p)
        })
        .collect()
}

fn read(path: &Path) -> Draft {
    Draft::from_ron(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn set(data: &Path, draft: &Path, args: &[&str]) -> assert_cmd::assert::Assert {
    let mut c = tb(data);
    c.arg("fill").arg("--draft").arg(draft).arg("--no-edit");
    for a in args {
        c.arg(a);
    }
    c.assert()
}

#[test]
fn every_encoding_imports_the_same_text() {
    let tmp = tempfile::tempdir().unwrap();
    for (name, file) in fixtures(tmp.path()) {
        let draft = tmp.path().join(format!("{name}.ron"));
        let out = set(
            tmp.path(),
            &draft,
            &["--set", &format!("intro=@{}", file.display())],
        )
        .success();
        let stdout = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
        let want = match name {
            "UTF-8" => "UTF-8 编码",
            "UTF-8 BOM" => "UTF-8 编码（带 BOM，已去掉）",
            "GB18030" => "GB18030 编码，已转换；统一 1 处换行",
            other => other,
        };
        assert!(stdout.contains(want), "{name}: {stdout}");
        assert!(stdout.contains("场景简介"), "{stdout}");
        assert!(stdout.contains("/400 字，还可输入"), "{stdout}");
        assert_eq!(read(&draft).answers.text("intro"), INTRO, "{name}");
    }
}

#[test]
fn gbk_with_controls_says_what_it_changed_and_labels_work() {
    let tmp = tempfile::tempdir().unwrap();
    let (bytes, _, _) = encoding_rs::GB18030.encode("第一行\u{7}文字\u{1b}。");
    let file = tmp.path().join("简介.txt");
    std::fs::write(&file, &bytes).unwrap();
    let draft = tmp.path().join("d.ron");
    let out = set(
        tmp.path(),
        &draft,
        &["--set", &format!("场景简介=@{}", file.display())],
    )
    .success();
    let stdout = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    assert!(
        stdout.contains("GB18030 编码，已转换；移除 1 个控制字符、去掉 1 段终端转义序列"),
        "{stdout}"
    );
    assert!(stdout.contains("草稿已保存"), "{stdout}");
    assert_eq!(read(&draft).answers.text("intro"), "第一行文字。");
}

#[test]
fn binary_garbage_and_oversize_files_change_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let draft = tmp.path().join("d.ron");
    set(tmp.path(), &draft, &["--set", "intro=原来的简介"]).success();
    let before = std::fs::read(&draft).unwrap();

    let png = tmp.path().join("图1.png");
    std::fs::write(&png, b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01\0\0\0\x01\0").unwrap();
    let noise = tmp.path().join("noise.txt");
    let mut x: u32 = 7;
    let bytes: Vec<u8> = (0..8000)
        .map(|_| {
            x = x.wrapping_mul(1_103_515_245).wrapping_add(12345);
            ((x >> 16) as u8).max(1)
        })
        .collect();
    std::fs::write(&noise, bytes).unwrap();
    let huge = tmp.path().join("huge.txt");
    std::fs::write(&huge, "字".repeat(200_001)).unwrap();

    for (file, says) in [
        (&png, "二进制"),
        (&noise, "未导入"),
        (&huge, "文本过长（200001 个字符"),
    ] {
        let out = set(
            tmp.path(),
            &draft,
            &["--force", "--set", &format!("intro=@{}", file.display())],
        )
        .code(1);
        let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
        let name = file.file_name().unwrap().to_string_lossy().into_owned();
        assert!(stderr.contains(&name), "names the file: {stderr}");
        assert!(stderr.contains(says), "{stderr}");
        assert!(stderr.contains("草稿未改动"), "{stderr}");
        assert_eq!(std::fs::read(&draft).unwrap(), before, "{name}");
    }
    // A missing file cannot be read: exit 2, nothing changed.
    let out = set(tmp.path(), &draft, &["--force", "--set", "intro=@nope.txt"]).code(2);
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(
        stderr.contains("nope.txt") && stderr.contains("文件不存在"),
        "{stderr}"
    );
    assert_eq!(std::fs::read(&draft).unwrap(), before);
}

#[test]
fn existing_text_is_replaced_only_with_force_or_appended() {
    let tmp = tempfile::tempdir().unwrap();
    let draft = tmp.path().join("d.ron");
    set(tmp.path(), &draft, &["--set", "intro=第一段。"]).success();
    let out = set(tmp.path(), &draft, &["--set", "intro=第二段。"]).code(1);
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(
        stderr.contains("“场景简介”已有内容") && stderr.contains("--force"),
        "{stderr}"
    );
    assert_eq!(read(&draft).answers.text("intro"), "第一段。");

    set(tmp.path(), &draft, &["--append", "--set", "intro=第二段。"]).success();
    assert_eq!(read(&draft).answers.text("intro"), "第一段。\n第二段。");
    set(tmp.path(), &draft, &["--force", "--set", "intro=重写。"]).success();
    assert_eq!(read(&draft).answers.text("intro"), "重写。");
}

#[test]
fn several_fields_at_once_all_or_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let draft = tmp.path().join("d.ron");
    set(
        tmp.path(),
        &draft,
        &[
            "--set",
            "scenario_name=智慧港口场景",
            "--set",
            "所属行业领域=6,8",
            "--set",
            "filled_date=2022年8月10日",
        ],
    )
    .success();
    let d = read(&draft);
    assert_eq!(d.answers.text("scenario_name"), "智慧港口场景");
    assert_eq!(
        d.answers.get("domains"),
        Some(&Value::Choice {
            selected: vec!["交通运输".into(), "物流".into()],
            other: String::new()
        })
    );
    assert_eq!(
        d.answers.get("filled_date"),
        Some(&Value::Date("2022-08-10".into()))
    );
    let before = std::fs::read(&draft).unwrap();
    // One bad --set: nothing of the others is written either.
    let out = set(
        tmp.path(),
        &draft,
        &["--set", "region=上海", "--set", "没有这项=文字"],
    )
    .code(1);
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(stderr.contains("表中没有“没有这项”这一项"), "{stderr}");
    assert_eq!(std::fs::read(&draft).unwrap(), before);
}

#[test]
fn english_messages() {
    let tmp = tempfile::tempdir().unwrap();
    let (bytes, _, _) = encoding_rs::GB18030.encode("简介文字");
    let file = tmp.path().join("intro.txt");
    std::fs::write(&file, &bytes).unwrap();
    let draft = tmp.path().join("d.ron");
    let out = tb(tmp.path())
        .args(["--lang", "en", "fill", "--no-edit", "--draft"])
        .arg(&draft)
        .arg("--set")
        .arg(format!("intro=@{}", file.display()))
        .assert()
        .success();
    let stdout = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    assert!(stdout.contains("GB18030 encoding, converted"), "{stdout}");
    assert!(stdout.contains("draft saved"), "{stdout}");
}

#[test]
fn a_new_draft_is_named_after_its_scenario_once_it_is_known() {
    let dir = tempfile::tempdir().unwrap();
    let drafts = dir.path().join("drafts");
    tb(dir.path())
        .args(["fill", "--no-edit", "--set", "region=江城市"])
        .assert()
        .success();
    // No scenario yet: the made-up name.
    let names = || -> Vec<String> {
        let mut v: Vec<String> = std::fs::read_dir(&drafts)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".ron") && !n.starts_with('.'))
            .collect();
        v.sort();
        v
    };
    let first = names();
    assert_eq!(first.len(), 1);
    assert!(first[0].starts_with("附件1-"), "{first:?}");
    tb(dir.path())
        .args(["fill", "--no-edit", "--set", "scenario_name=江城智慧港口"])
        .assert()
        .success()
        .stdout(predicates::str::contains("江城智慧港口.ron"));
    assert_eq!(names(), vec!["江城智慧港口.ron".to_string()]);
    // Nothing of the made-up name is left: no lock, no backup.
    let left: Vec<String> = std::fs::read_dir(&drafts)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(&first[0]))
        .collect();
    assert!(left.is_empty(), "{left:?}");
    let d = read(&drafts.join("江城智慧港口.ron"));
    assert_eq!(d.name, "江城智慧港口");
    assert_eq!(d.answers.get("region"), Some(&Value::Text("江城市".into())));
    // A name the author chose is kept.
    tb(dir.path())
        .args(["fill", "--no-edit", "--draft", "我的申报"])
        .args(["--set", "scenario_name=别的名字"])
        .assert()
        .success();
    assert!(drafts.join("我的申报.ron").exists());
}
