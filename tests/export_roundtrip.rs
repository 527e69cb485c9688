//! export → import → export gives the same submission (property test), and `tianbiao import`
//! on the command line: where the draft goes, what it refuses.

mod support;
use support::export as common;

use std::os::unix::fs::PermissionsExt;

use common::*;
use predicates::prelude::*;
use proptest::prelude::*;
use tianbiao::draft::Draft;
use tianbiao::export::{self, Format, submission};
use tianbiao::form::{Answers, Attachment, Cell, Kind, Value};
use tianbiao::lang::Lang;

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[a-z 中文“”，。\n|#<>*_`\\-]{0,30}",
        Just("\u{1b}[2J\u{9b}\u{202e}\u{2028}\u{0}".to_string()),
        Just(String::new()),
    ]
}

/// Any value, of any shape (to cover answers that do not fit their field).
fn any_value() -> impl Strategy<Value = Value> {
    prop_oneof![
        text().prop_map(Value::Text),
        text().prop_map(Value::Date),
        any::<bool>().prop_map(Value::Confirm),
        prop::collection::vec(text(), 0..4).prop_map(Value::List),
        (prop::collection::vec(text(), 0..3), text())
            .prop_map(|(selected, other)| Value::Choice { selected, other }),
        prop::collection::vec((text(), text()), 0..3).prop_map(|v| Value::Attachments(
            v.into_iter()
                .map(|(path, caption)| Attachment { path, caption })
                .collect()
        )),
        prop::collection::vec(
            prop::collection::btree_map(
                "[a-z]{1,6}",
                prop_oneof![
                    text().prop_map(Cell::Text),
                    any::<bool>().prop_map(Cell::Bool)
                ],
                0..3
            ),
            0..3
        )
        .prop_map(Value::Table),
    ]
}

/// A value of the shape a field kind takes.
fn value_for(kind: &Kind) -> BoxedStrategy<Value> {
    match kind {
        Kind::Choice { options, .. } => (
            prop::sample::subsequence(options.clone(), 0..=options.len()),
            text(),
        )
            .prop_map(|(selected, other)| Value::Choice { selected, other })
            .boxed(),
        Kind::Date => prop_oneof![Just("2022-08-10".to_string()), text()]
            .prop_map(Value::Date)
            .boxed(),
        Kind::List { .. } => prop::collection::vec(text(), 0..4)
            .prop_map(Value::List)
            .boxed(),
        Kind::Attachments { .. } => prop::collection::vec((text(), text()), 0..3)
            .prop_map(|v| {
                Value::Attachments(
                    v.into_iter()
                        .map(|(path, caption)| Attachment { path, caption })
                        .collect(),
                )
            })
            .boxed(),
        Kind::Confirm { .. } => any::<bool>().prop_map(Value::Confirm).boxed(),
        _ => text().prop_map(Value::Text).boxed(),
    }
}

fn answers() -> impl Strategy<Value = Answers> {
    let form = flagship();
    let fields: Vec<BoxedStrategy<Option<Value>>> = form
        .fields()
        .map(|(_, f)| {
            prop_oneof![
                4 => value_for(&f.kind).prop_map(Some),
                1 => Just(None),
                1 => any_value().prop_map(Some),
            ]
            .boxed()
        })
        .collect();
    let ids: Vec<String> = form.fields().map(|(_, f)| f.id.clone()).collect();
    (
        fields,
        prop::collection::btree_map("zz_[a-z]{1,5}", any_value(), 0..2),
    )
        .prop_map(move |(values, orphans)| {
            let mut a = Answers::default();
            for (id, v) in ids.iter().zip(values) {
                if let Some(v) = v {
                    a.set(id.clone(), v);
                }
            }
            for (id, v) in orphans {
                a.set(id, v);
            }
            a
        })
}

fn export_json(d: &Draft) -> String {
    let form = flagship();
    let p = export::prepare(&form, d, EXPORTED, Default::default());
    String::from_utf8(export::render(&p, Format::Json, Lang::Zh)).unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn export_import_export_is_identical(answers in answers(), name in text(), hashed in any::<bool>()) {
        let form = flagship();
        let mut d = Draft::new(&form, &name, "2022-08-10T09:00:00+08:00");
        if hashed {
            d.form_hash = "sha256:old".into();
            d.form_version = "0.9".into();
        }
        d.answers = answers;
        let first = export_json(&d);
        let sub = submission::parse_json(&first).unwrap();
        let back = submission::to_draft(&sub, &form, &sub.draft.name).unwrap();
        // A submission carries no path from the author's machine: an absolute path or one
        // climbing out with `..` comes back as its file name; everything else as it was.
        let mut expected = d.answers.clone();
        for v in expected.0.values_mut() {
            if let Value::Attachments(files) = v {
                for a in files {
                    a.path = submission::portable_path(&a.path, None);
                }
            }
        }
        prop_assert_eq!(&back.answers, &expected);
        prop_assert_eq!(&back.name, &d.name);
        let second = export_json(&back);
        prop_assert_eq!(first, second);
    }
}

#[test]
fn the_example_round_trips_through_the_command_line() {
    let data = tempfile::tempdir().unwrap();
    let json = data.path().join("smart-port.json");
    tb(data.path())
        .arg("export")
        .arg(example_path())
        .arg("-o")
        .arg(&json)
        .assert()
        .code(0);
    tb(data.path())
        .arg("import")
        .arg(&json)
        .assert()
        .code(0)
        .stderr(predicate::str::contains("已导入为草稿"));
    let draft = data.path().join("drafts/智慧港口.ron");
    let mode = std::fs::metadata(&draft).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600, "drafts are private");
    let imported = Draft::from_ron(&std::fs::read_to_string(&draft).unwrap()).unwrap();
    assert_eq!(imported.answers, example().answers);
    // The imported draft sits elsewhere, so its attachments are not found: the same
    // submission apart from that finding.
    let again = tb(data.path())
        .args(["export", "智慧港口", "--force"])
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&again).unwrap();
    assert_eq!(v["findings"][0]["problem"]["type"], "attachment_missing");
    // Importing again refuses to replace the draft; --force replaces, --name picks another.
    tb(data.path())
        .arg("import")
        .arg(&json)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("已存在；未覆盖"));
    tb(data.path())
        .arg("import")
        .arg(&json)
        .arg("--force")
        .assert()
        .code(0);
    tb(data.path())
        .arg("import")
        .arg(&json)
        .args(["--name", "副本"])
        .assert()
        .code(0);
    assert!(data.path().join("drafts/副本.ron").exists());
    // -o puts the draft anywhere; exporting it from next to the example gives the golden file.
    let beside = root().join("target/export-roundtrip-test.ron");
    let _ = std::fs::remove_file(&beside);
    // `target/` is missing when the build goes to another CARGO_TARGET_DIR.
    std::fs::create_dir_all(beside.parent().unwrap()).unwrap();
    tb(data.path())
        .arg("import")
        .arg(&json)
        .arg("-o")
        .arg(&beside)
        .assert()
        .code(0);
    let d = Draft::from_ron(&std::fs::read_to_string(&beside).unwrap()).unwrap();
    std::fs::remove_file(&beside).unwrap();
    let form = flagship();
    let files = export::check_files(&form, &d.answers, Some(&root().join("docs/examples")));
    let p = export::prepare(&form, &d, EXPORTED, files);
    assert_eq!(
        export::render(&p, Format::Json, Lang::Zh),
        std::fs::read(root().join("tests/golden/smart-port.json")).unwrap()
    );
}

#[test]
fn import_refuses_what_it_cannot_use() {
    let data = tempfile::tempdir().unwrap();
    let golden = std::fs::read_to_string(root().join("tests/golden/smart-port.json")).unwrap();
    let write = |name: &str, text: &str| {
        let p = data.path().join(name);
        std::fs::write(&p, text).unwrap();
        p
    };
    let unknown = write(
        "unknown.json",
        &golden.replace("\"id\": \"ai-scenario\"", "\"id\": \"no-such-form\""),
    );
    tb(data.path())
        .arg("import")
        .arg(&unknown)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("未知的表单 'no-such-form'"));
    let other = write(
        "other.json",
        &golden.replace("tianbiao.submission/1", "tianbiao.submission/9"),
    );
    tb(data.path())
        .arg("import")
        .arg(&other)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "格式 'tianbiao.submission/9' 不受支持（应为 tianbiao.submission/1）",
        ));
    let extra = write(
        "extra.json",
        &golden.replace(
            "\"valid\": true,",
            "\"valid\": true,\n  \"evil\u{202e}\": 1,",
        ),
    );
    tb(data.path())
        .arg("import")
        .arg(&extra)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("不是有效的提交文件"))
        .stderr(predicate::str::contains("unknown field"))
        .stderr(predicate::str::contains("\u{202e}").not());
    let broken = write(
        "broken.json",
        &golden[..golden.floor_char_boundary(golden.len() / 2)],
    );
    tb(data.path())
        .arg("import")
        .arg(&broken)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("不是有效的提交文件"));
    let shape = write(
        "shape.json",
        &golden.replace("\"value\": true", "\"value\": \"yes\""),
    );
    tb(data.path())
        .arg("import")
        .arg(&shape)
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "field pledge: expected true or false",
        ));
    tb(data.path())
        .arg("import")
        .arg(data.path().join("missing.json"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("文件不存在"));
    assert!(!data.path().join("drafts").join("智慧港口.ron").exists());
}
