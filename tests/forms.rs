//! Form files: every valid fixture and every shipped form loads and lints clean; every invalid
//! fixture fails with its own message at its own line:column; the flagship matches the notice.

use std::path::{Path, PathBuf};

use tianbiao::cli::{FormLoadError, load_form_file};
use tianbiao::count::Mode;
use tianbiao::form::{self, ColumnKind, Kind, TableRule};
use tianbiao::lang::Lang;

fn fixture(kind: &str, name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/forms")
        .join(kind)
        .join(name)
}

fn ron_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "ron"))
        .collect();
    files.sort();
    files
}

#[test]
fn every_valid_fixture_loads() {
    let files = ron_files(&fixture("valid", ""));
    assert!(files.len() >= 3);
    for path in files {
        if let Err(e) = load_form_file(&path) {
            panic!("{}: {:?}", path.display(), e.lines(Lang::En));
        }
    }
}

#[test]
fn every_shipped_form_loads_and_lints_clean() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("forms");
    let files = ron_files(&dir);
    assert!(files.len() >= 2);
    for path in files {
        if let Err(e) = load_form_file(&path) {
            panic!("{}: {:?}", path.display(), e.lines(Lang::En));
        }
    }
    // The embedded copies are the same files.
    for (id, _, _) in form::BUILTIN {
        let f = form::builtin(id).unwrap().unwrap();
        assert_eq!(f.id, *id);
    }
}

/// (file, line, column, part of the English message)
const INVALID: &[(&str, usize, usize, &str)] = &[
    ("bad_id.ron", 3, 5, "invalid id '坏 id'"),
    ("bad_regex.ron", 12, 58, "the regex of 'b' is invalid"),
    (
        "bad_warn_ratio.ron",
        11,
        71,
        "warn_ratio of 'a' must be between 0 and 1",
    ),
    ("choice_no_options.ron", 12, 57, "choice 'b' has no options"),
    (
        "condition_missing_field.ron",
        12,
        79,
        "names a field that does not exist: 'nope'",
    ),
    (
        "condition_value.ron",
        11,
        72,
        "waits for '也许', which field 'b' can never hold",
    ),
    (
        "condition_cycle.ron",
        11,
        58,
        "visible_when conditions go round in a circle (a → b → a)",
    ),
    ("deep_nesting.ron", 6, 16, "expected `(` starting a group"),
    ("duplicate_field_id.ron", 12, 23, "duplicate field id 'a'"),
    (
        "duplicate_key.ron",
        11,
        44,
        "key 'label' is written twice in Field",
    ),
    (
        "duplicate_section_id.ron",
        15,
        17,
        "duplicate section id 's'",
    ),
    ("empty_section.ron", 8, 13, "section 's' has no fields"),
    ("empty.ron", 1, 1, "the file is empty"),
    (
        "missing_bracket.ron",
        12,
        9,
        "missing ] (the [ at 10:21 is not closed)",
    ),
    (
        "example_over_limit.ron",
        11,
        70,
        "the example of field 'a' is 10, over its own limit of 5",
    ),
    (
        "min_over_max.ron",
        12,
        55,
        "'b': min 3 is greater than max 2",
    ),
    ("missing_key.ron", 11, 58, "missing key 'label' in Field"),
    ("not_utf8.ron", 4, 13, "not UTF-8"),
    (
        "other_not_option.ron",
        12,
        78,
        "other '其他' of 'b' is not one of its options",
    ),
    ("required_note.ron", 12, 68, "note 'b' cannot be required"),
    (
        "rule_missing_column.ron",
        12,
        108,
        "names a column that does not exist: 'y'",
    ),
    ("rule_not_bool.ron", 12, 110, "needs column 'x' to be Bool"),
    ("syntax_missing_comma.ron", 12, 17, "expected a comma"),
    (
        "trailing.ron",
        16,
        2,
        "extra text after the form's closing parenthesis",
    ),
    ("unclosed_string.ron", 5, 12, "unclosed text"),
    (
        "unknown_key.ron",
        11,
        32,
        "unknown key 'lable' in Field; expected one of: id, label,",
    ),
    (
        "unknown_kind.ron",
        11,
        50,
        "unknown value 'LongTxt' in Kind; expected one of: Text, LongText,",
    ),
    ("wrong_type.ron", 11, 65, "expected a whole number"),
    ("zero_limit.ron", 11, 59, "field 'a' has a limit of 0"),
];

#[test]
fn every_invalid_fixture_fails_with_its_own_message_and_position() {
    let files = ron_files(&fixture("invalid", ""));
    // Every file in the folder is covered by the table, and each has exactly one defect.
    assert_eq!(
        files.len(),
        INVALID.len(),
        "fixtures without an expectation"
    );
    for (name, line, col, message) in INVALID {
        let path = fixture("invalid", name);
        let err = load_form_file(&path).expect_err(name);
        let FormLoadError::Invalid(_, errors) = &err else {
            panic!("{name}: not an invalid-form error");
        };
        let lines = err.lines(Lang::En);
        assert_eq!(errors.len(), 1, "{name}: {lines:?}");
        let expected_prefix = format!("{}:{line}:{col}: ", path.display());
        assert!(
            lines[0].starts_with(&expected_prefix) && lines[0].contains(message),
            "{name}: got {:?}, want {expected_prefix}…{message}…",
            lines[0]
        );
    }
}

/// A form author sees every misspelt key of a file in one run, each where it is, and not the
/// "missing key" that only follows from the misspelling.
#[test]
fn every_misspelt_key_is_reported_in_one_run() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("misspelt.ron");
    let text = std::fs::read_to_string(fixture("invalid", "unknown_key.ron"))
        .unwrap()
        .replace("version:", "verison:")
        .replace("title: \"第一节\"", "titel: \"第一节\"");
    std::fs::write(&path, text).unwrap();
    let err = load_form_file(&path).unwrap_err();
    let lines = err.lines(Lang::Zh);
    let keys: Vec<&str> = ["'verison'", "'titel'", "'lable'"].to_vec();
    assert_eq!(lines.len(), 3, "{lines:#?}");
    for (line, key) in lines.iter().zip(keys) {
        assert!(line.contains(&format!("未知的键 {key}")), "{line}");
    }
    assert!(
        lines[0].starts_with(&format!("{}:4:5: ", path.display())),
        "{}",
        lines[0]
    );
    assert!(lines[2].contains(":11:32: "), "{}", lines[2]);
}

#[test]
fn empty_files_and_unclosed_brackets_are_named_in_chinese() {
    let err = load_form_file(&fixture("invalid", "empty.ron")).unwrap_err();
    assert!(err.lines(Lang::Zh)[0].ends_with(":1:1: 文件为空：表单描述应以 Form( 开始"));
    let err = load_form_file(&fixture("invalid", "missing_bracket.ron")).unwrap_err();
    assert!(
        err.lines(Lang::Zh)[0].ends_with(":12:9: 缺少 ]（第 10 行第 21 列的 [ 没有闭合）"),
        "{:?}",
        err.lines(Lang::Zh)
    );
}

#[test]
fn a_bad_regex_is_explained_in_chinese_with_its_position() {
    let err = load_form_file(&fixture("invalid", "bad_regex.ron")).unwrap_err();
    let zh = &err.lines(Lang::Zh)[0];
    assert!(
        zh.ends_with("'b' 的正则表达式无效：第 1 个字符处：( 没有闭合，缺少 )"),
        "{zh}"
    );
    assert!(!zh.contains("error"), "{zh}");
    // Other mistakes, each in words.
    let lint = |regex: &str| {
        let src = format!(
            "Form(id: \"x\", version: \"1\", title: \"t\", sections: [Section(id: \"s\", title: \"s\", fields: [Field(id: \"p\", label: \"p\", kind: Pattern(regex: {regex:?}, message: \"m\"))])])"
        );
        let errors = tianbiao::form::load_str(&src).unwrap_err();
        tianbiao::form::msg::form_error(Lang::Zh, &errors[0].kind)
    };
    assert!(lint("[0-9").ends_with("第 1 个字符处：[ 没有闭合，缺少 ]"));
    let nothing = lint("ab(*)");
    assert!(nothing.contains("第 4 个字符处：重复符号"), "{nothing}");
    assert!(lint("[9-0]").contains("第 2 个字符处：字符范围写法有误"));
    assert!(lint("\\q").contains("无法识别的转义"));
    // Unicode property classes are not carried; the message says what to write instead, and the
    // range it suggests works.
    let han = lint("^\\p{Han}+$");
    assert!(
        han.ends_with("第 2 个字符处：不支持 Unicode 属性类 \\p{…}，请改用字符范围，例如汉字写作 [\\u4e00-\\u9fff]"),
        "{han}"
    );
    assert!(lint("\\pL").contains("Unicode 属性类"));
    let ok = "Form(id: \"x\", version: \"1\", title: \"t\", sections: [Section(id: \"s\", title: \"s\", fields: [Field(id: \"p\", label: \"p\", kind: Pattern(regex: \"^[\\\\u4e00-\\\\u9fff]+$\", message: \"m\"))])])";
    assert!(tianbiao::form::load_str(ok).is_ok());
    // \w and \d still know Chinese and other scripts.
    let re = regex::Regex::new(r"^\w+$").unwrap();
    assert!(re.is_match("智慧港口"));
}

#[test]
fn chinese_messages_for_the_same_defects() {
    let err = load_form_file(&fixture("invalid", "unknown_key.ron")).unwrap_err();
    assert!(err.lines(Lang::Zh)[0].contains("未知的键 'lable'"));
    let err = load_form_file(&fixture("invalid", "zero_limit.ron")).unwrap_err();
    assert!(err.lines(Lang::Zh)[0].contains("上限为 0"));
}

#[test]
fn bom_crlf_and_multiline_examples_are_tidied() {
    let f = load_form_file(&fixture("valid", "bom_crlf.ron")).unwrap();
    assert_eq!(f.id, "bom-crlf");
    let ex = f.field("a").unwrap().example.as_deref().unwrap();
    assert_eq!(ex, "两行\n示例");
    let all = load_form_file(&fixture("valid", "all_kinds.ron")).unwrap();
    let ex = all.field("lt").unwrap().example.as_deref().unwrap();
    assert_eq!(ex, "含有 \"引号\" 的示例，\n第二段。");
    assert_eq!(all.notes.as_deref(), Some("多行说明，\n第二行。"));
    assert_eq!(all.counting, Mode::Chars);
    assert!(!all.zh_punct);
}

#[test]
fn hostile_sizes_and_types_are_refused_not_read() {
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("big.ron");
    let f = std::fs::File::create(&big).unwrap();
    f.set_len(100 * 1024 * 1024).unwrap();
    let err = load_form_file(&big).unwrap_err();
    assert_eq!(err.exit_code(), 2);
    assert!(err.lines(Lang::En)[0].contains("too large"));

    let fifo = dir.path().join("fifo.ron");
    let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
    let err = load_form_file(&fifo).unwrap_err();
    assert!(err.lines(Lang::En)[0].contains("not a regular file"));

    let link = dir.path().join("zero.ron");
    std::os::unix::fs::symlink("/dev/zero", &link).unwrap();
    let err = load_form_file(&link).unwrap_err();
    assert!(err.lines(Lang::En)[0].contains("not a regular file"));
}

#[test]
fn deep_nesting_and_garbage_never_panic() {
    for src in [
        "[".repeat(100_000),
        "Form(".repeat(10_000),
        format!(
            "Form(id: \"x\", version: \"1\", title: \"t\", notes: {}",
            "Some(".repeat(10_000)
        ),
        "\u{0}\u{1}\u{1b}]52;c;AAAA\u{7}".to_string(),
        String::new(),
    ] {
        assert!(form::load_str(&src).is_err());
    }
}

#[test]
fn hostile_names_in_errors_are_escaped() {
    let src = "Form(id: \"x\", version: \"1\", title: \"t\", sections: [], \u{1b}]0;pwned\u{7}: 1)";
    let errs = form::load_str(src).unwrap_err();
    let msg = tianbiao::form::msg::form_error(Lang::En, &errs[0].kind);
    assert!(!msg.contains('\u{1b}') && !msg.contains('\u{7}'), "{msg:?}");
}

/// The flagship 附件1 against the notice: sections, fields, kinds, limits, the 15 domains.
#[test]
fn flagship_matches_the_notice() {
    let f = form::builtin("ai-scenario").unwrap().unwrap();
    assert_eq!(f.title, "人工智能典型应用场景");
    assert_eq!(f.subtitle.as_deref(), Some("附件1"));
    assert_eq!(f.doc_number.as_deref(), Some("工科函〔2022〕520号"));
    assert!(f.deadline.as_deref().unwrap().contains("8 月 15 日"));
    assert!(
        f.submit_to
            .as_deref()
            .unwrap()
            .contains("fanzhenrui@cstc.org.cn")
    );
    assert_eq!(f.counting, Mode::Zishu);

    let titles: Vec<&str> = f.sections.iter().map(|s| s.title.as_str()).collect();
    assert_eq!(
        titles,
        [
            "申报单位与填报日期",
            "一、基本情况",
            "(一) 场景简介",
            "(二) 人工智能应用内容",
            "(三) 应用效果",
            "(四) 场景推广应用前景",
            "(五) 未来应用需求",
            "(六) 支持举措",
            "(七) 其他辅助材料",
        ]
    );
    let labels: Vec<(&str, &str)> = f
        .fields()
        .map(|(_, fl)| (fl.label.as_str(), fl.kind.name()))
        .collect();
    assert_eq!(
        labels,
        [
            ("申报单位", "Text"),
            ("填报日期", "Date"),
            ("场景名称", "Text"),
            ("实施区域", "Text"),
            ("主要用户单位", "Text"),
            ("技术产品提供单位（可填写多个）", "List"),
            ("所属行业领域", "Choice"),
            ("其他（请注明）", "Text"),
            ("申报单位联系人 姓名", "Text"),
            ("联系电话", "Phone"),
            ("电子邮箱", "Email"),
            ("真实性承诺", "Confirm"),
            ("申报单位法定代表人", "Text"),
            ("承诺日期", "Date"),
            ("场景简介", "LongText"),
            ("人工智能应用内容", "LongText"),
            ("插图（如图 1）", "Attachments"),
            ("应用效果", "LongText"),
            ("场景推广应用前景", "LongText"),
            ("未来应用需求", "LongText"),
            ("支持举措", "LongText"),
            ("图片文件", "Attachments"),
        ]
    );
    let limits: Vec<(&str, usize)> = f
        .fields()
        .filter_map(|(_, fl)| f.limit_of(fl).map(|(l, _)| (fl.id.as_str(), l)))
        .collect();
    assert_eq!(
        limits,
        [
            ("intro", 400),
            ("ai_content", 500),
            ("effect", 500),
            ("prospect", 400),
            ("needs", 400),
            ("support", 300)
        ]
    );
    let Kind::Choice {
        options,
        multiple,
        other,
        ..
    } = &f.field("domains").unwrap().kind
    else {
        panic!("domains is not a choice")
    };
    assert_eq!(
        options.join(" "),
        "制造 农业 能源 医疗健康 教育培训 交通运输 商贸 物流 金融 城市管理 政务服务 公共安全 环境保护 文化旅游 其他"
    );
    assert!(*multiple);
    assert_eq!(other.as_deref(), Some("其他"));
    let other_field = f.field("domain_other").unwrap();
    assert_eq!(other_field.visible_when.as_ref().unwrap().equals, "其他");

    let Kind::Confirm { statement } = &f.field("pledge").unwrap().kind else {
        panic!()
    };
    assert_eq!(
        statement,
        "我单位承诺以上申报材料真实可靠，并对内容真实性承担法律责任。"
    );
    // Instructions as help, 示例 verbatim as examples.
    let intro = f.field("intro").unwrap();
    assert_eq!(
        f.sections[2].help.as_deref(),
        Some("包括场景基本情况、场景的开放性体现。不超过 400 字。")
    );
    assert!(
        intro
            .example
            .as_deref()
            .unwrap()
            .starts_with("智慧港口场景聚焦先导区特色行业领域")
    );
    assert!(
        f.field("support")
            .unwrap()
            .example
            .as_deref()
            .unwrap()
            .ends_with("对场景建设形成促进作用。")
    );
    assert!(
        f.field("prospect")
            .unwrap()
            .example
            .as_deref()
            .unwrap()
            .contains("西亚\t阿联酋\t10\t巴生\t1495")
    );
    for id in ["figures", "materials"] {
        let Kind::Attachments {
            extensions,
            caption,
            ..
        } = &f.field(id).unwrap().kind
        else {
            panic!()
        };
        assert_eq!(extensions, &["png", "jpg", "jpeg"]);
        assert!(caption);
    }
}

#[test]
fn summary_form_caps_rows_and_asks_for_key_domains() {
    let f = form::builtin("ai-scenario-summary").unwrap().unwrap();
    assert_eq!(f.subtitle.as_deref(), Some("附件2"));
    let Kind::Table {
        columns,
        max_rows,
        rules,
        ..
    } = &f.field("scenarios").unwrap().kind
    else {
        panic!()
    };
    let cols: Vec<&str> = columns.iter().map(|c| c.label.as_str()).collect();
    assert_eq!(
        cols,
        ["序号", "应用场景名称", "所属领域", "申报单位", "重点领域"]
    );
    assert_eq!(columns[0].kind, ColumnKind::Serial);
    assert_eq!(*max_rows, Some(20));
    assert_eq!(
        rules[0],
        TableRule::AtLeast {
            count: 10,
            column: "key_domain".into(),
            message: Some("与先导区创建批复中明确的重点应用领域相关场景不少于 10 个".into()),
        }
    );
    assert!(f.field("zone").unwrap().required);
}

/// A form with `tables` tables of 100 columns, every column id invalid: `tables * 100` problems,
/// each on its own line. Returns the text and the (line, col) of every column's `id:`.
fn form_with_bad_columns(tables: usize) -> (String, Vec<(usize, usize)>) {
    let mut src = String::from(
        "Form(id: \"f\", version: \"1\", title: \"t\", sections: [Section(id: \"s\", title: \"s\", fields: [\n",
    );
    let mut places = Vec::new();
    let mut line = 2;
    for t in 0..tables {
        src.push_str(&format!(
            "  Field(id: \"t{t}\", label: \"表\", kind: Table(columns: [\n"
        ));
        line += 1;
        for c in 0..100 {
            // CJK before the id: the column is counted in characters, not bytes.
            let prefix = format!("    (label: \"第{c}列\", ");
            places.push((line, prefix.chars().count() + 1));
            src.push_str(&format!("{prefix}id: \"bad id {t} {c}\", kind: Text()),\n"));
            line += 1;
        }
        src.push_str("  ])),\n");
        line += 1;
    }
    src.push_str("])])\n");
    (src, places)
}

#[test]
fn ninety_thousand_problems_are_all_reported_in_place() {
    let (src, places) = form_with_bad_columns(900);
    assert_eq!(places.len(), 90_000);
    let errors = form::load_str(&src).unwrap_err();
    let got: Vec<(usize, usize)> = errors.iter().map(|e| (e.line, e.col)).collect();
    assert_eq!(got, places);
    assert!(
        errors
            .iter()
            .all(|e| matches!(&e.kind, form::ErrorKind::BadId { id } if id.starts_with("bad id")))
    );
}
