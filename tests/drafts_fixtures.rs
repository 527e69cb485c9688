//! Draft files: every valid fixture reads and opens against the flagship form; every invalid
//! fixture is refused with its own message at its own line:column, in both languages, naming the
//! file and leaving it as it was.

use std::path::{Path, PathBuf};

use tianbiao::draft::{self, OpenError};
use tianbiao::lang::Lang;

fn fixtures(kind: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/drafts")
        .join(kind);
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "ron"))
        .collect();
    files.sort();
    files
}

#[test]
fn every_valid_fixture_reads_and_validates_against_its_form() {
    let files = fixtures("valid");
    assert!(files.len() >= 3);
    let form = tianbiao::form::builtin("ai-scenario").unwrap().unwrap();
    for f in files {
        let d = draft::read_draft(&f).unwrap_or_else(|e| panic!("{}", e.describe(Lang::En)));
        assert_eq!(d.form_id, form.id, "{}", f.display());
        // Made from this very form (the fixtures carry the hash earlier versions computed).
        assert!(form.has_hash(&d.form_hash), "{}", f.display());
        tianbiao::form::validate(&form, &d.answers);
    }
}

/// (file, line, column, what the message says is wrong in English and in Chinese).
const INVALID: &[(&str, usize, usize, &str, &str)] = &[
    (
        "attributes.ron",
        1,
        1,
        "RON extension attributes are not allowed in drafts",
        "草稿中不允许 RON 扩展属性（#![enable(...)]）",
    ),
    (
        "missing-name.ron",
        11,
        1,
        "missing key 'name' in Draft",
        "缺少必填的键 'name'（在 Draft 中）",
    ),
    (
        "newer-format.ron",
        1,
        1,
        "draft format 99 is newer than this tianbiao understands (1); update tianbiao",
        "草稿格式 99 比本程序能读的（1）新，请更新 tianbiao",
    ),
    (
        "not-a-draft.ron",
        1,
        1,
        "wrong type: expected Draft, found Form",
        "类型不对：这里应是 Draft，实际是 Form",
    ),
    (
        "truncated.ron",
        145,
        24,
        "unclosed text: a closing \" is missing",
        "字符串没有结束：缺少右双引号 \"",
    ),
    (
        "unknown-key.ron",
        5,
        3,
        "unknown key 'colour' in Draft; expected one of: format, name",
        "未知的键 'colour'（在 Draft 中）；可用的键：format, name",
    ),
    (
        "unknown-value-kind.ron",
        12,
        23,
        "unknown value 'Paragraph' in Value",
        "未知的取值 'Paragraph'（在 Value 中）",
    ),
    (
        "wrong-type.ron",
        3,
        10,
        "expected a whole number here",
        "这里应是一个整数",
    ),
];

#[test]
fn every_invalid_fixture_fails_with_its_own_message() {
    let files = fixtures("invalid");
    let names: Vec<String> = files
        .iter()
        .map(|f| f.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    let listed: Vec<&str> = INVALID.iter().map(|(n, ..)| *n).collect();
    assert_eq!(
        names, listed,
        "every invalid fixture has its expected message"
    );
    for (name, line, col, en_words, zh_words) in INVALID {
        let path = files.iter().find(|f| f.ends_with(name)).unwrap();
        let before = std::fs::read(path).unwrap();
        let err = draft::read_draft(path).expect_err(name);
        let OpenError::Corrupt {
            line: l, col: c, ..
        } = &err
        else {
            panic!("{name}: {err:?}");
        };
        let en = err.describe(Lang::En);
        assert_eq!((*l, *c), (*line, *col), "{name}: {en}");
        assert!(en.contains(en_words), "{name}: {en}");
        assert!(
            en.contains(&format!("{name}:{line}:{col}: the draft is damaged")),
            "{en}"
        );
        let zh = err.describe(Lang::Zh);
        assert!(
            zh.contains(&format!("{name}:{line}:{col}: 草稿文件已损坏")),
            "{zh}"
        );
        assert!(zh.contains(zh_words), "{zh}");
        assert_eq!(std::fs::read(path).unwrap(), before, "{name} was changed");
    }
}
