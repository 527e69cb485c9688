//! The basic commands: `count`, `forms`, `form check`, `form show`, exit codes and output.

use assert_cmd::Command;
use predicates::prelude::*;

fn tb() -> Command {
    let mut c = Command::cargo_bin("tianbiao").unwrap();
    c.env_remove("LANG")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES");
    c
}

fn fixture(p: &str) -> String {
    format!("{}/tests/fixtures/forms/{p}", env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn count_json_is_exactly_the_three_counts() {
    tb().args(["count", "--json"])
        .write_stdin("Hello 世界")
        .assert()
        .success()
        .stdout("{\"zishu\":3,\"chars\":7,\"chars_with_spaces\":8}\n");
}

#[test]
fn count_reads_a_file_and_prints_human_counts_in_chinese_by_default() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("a.txt");
    std::fs::write(&p, "降低20%的整体运营成本\r\n").unwrap();
    tb().arg("count")
        .arg(&p)
        .assert()
        .success()
        .stdout(predicate::str::contains("字数").and(predicate::str::contains("10")))
        .stdout(predicate::str::contains("字符数(不计空格)"));
    tb().args(["--lang", "en", "count"])
        .arg(&p)
        .assert()
        .success()
        .stdout(predicate::str::contains("zishu (Word words)"));
}

#[test]
fn count_limit_states_and_exit_codes() {
    let text = "字".repeat(395);
    tb().args(["count", "--json", "--limit", "400"])
        .write_stdin(text.clone())
        .assert()
        .success()
        .stdout(
            "{\"zishu\":395,\"chars\":395,\"chars_with_spaces\":395,\"limit\":400,\"mode\":\"zishu\",\"state\":\"near\",\"remaining\":5}\n",
        );
    tb().args(["count", "--limit", "390"])
        .write_stdin(text.clone())
        .assert()
        .code(1)
        .stdout(predicate::str::contains("395/390 字：超出 5 字"));
    tb().args(["count", "--limit", "1000"])
        .write_stdin(text)
        .assert()
        .success()
        .stdout(predicate::str::contains("还可输入 605 字"));
}

#[test]
fn count_refuses_binary_and_invalid_utf8() {
    tb().arg("count")
        .write_stdin(vec![0xffu8, 0xfe, 0x00, 0x41])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("不是 UTF-8"));
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("x.bin");
    std::fs::write(&p, [0x89u8, b'P', b'N', b'G', 0x0d, 0x0a, 0x1a, 0x0a, 0xff]).unwrap();
    tb().args(["--lang", "en", "count"])
        .arg(&p)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("not UTF-8"));
    tb().args(["count", "/definitely/not/here"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("文件不存在"));
}

#[test]
fn count_strips_a_bom() {
    tb().args(["count", "--json"])
        .write_stdin("\u{feff}中文测试")
        .assert()
        .success()
        .stdout("{\"zishu\":4,\"chars\":4,\"chars_with_spaces\":4}\n");
}

#[test]
fn a_wrong_flag_is_a_usage_error() {
    tb().args(["count", "--limt", "3"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--limt"));
    tb().env("LANG", "en_US.UTF-8")
        .args(["--lang", "fr", "forms"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown language 'fr'"));
}

#[test]
fn forms_lists_builtins() {
    tb().arg("forms").assert().success().stdout(
        predicate::str::contains("ai-scenario\t1.0\t人工智能典型应用场景")
            .and(predicate::str::contains("ai-scenario-summary\t1.0")),
    );
}

#[test]
fn form_check_exit_codes() {
    tb().args(["form", "check"])
        .arg(fixture("valid/minimal.ron"))
        .arg(fixture("valid/all_kinds.ron"))
        .assert()
        .success()
        .stdout(predicate::str::contains("minimal.ron: 有效"));
    // One bad file among good ones: exit 1 and every error listed.
    tb().args(["--lang", "en", "form", "check"])
        .arg(fixture("valid/minimal.ron"))
        .arg(fixture("invalid/zero_limit.ron"))
        .arg(fixture("invalid/unknown_key.ron"))
        .assert()
        .code(1)
        .stderr(
            predicate::str::contains("zero_limit.ron:11:59: field 'a' has a limit of 0").and(
                predicate::str::contains("unknown_key.ron:11:32: unknown key 'lable'"),
            ),
        );
    // An unreadable file wins: exit 2.
    tb().args(["form", "check"])
        .arg(fixture("invalid/zero_limit.ron"))
        .arg("/no/such/form.ron")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("/no/such/form.ron: 文件不存在"));
}

#[test]
fn form_show_takes_an_id_or_a_path() {
    tb().args(["form", "show", "ai-scenario"])
        .assert()
        .success()
        .stdout(predicate::str::contains("(三) 应用效果").and(predicate::str::contains("≤500 字")));
    tb().args(["form", "show"])
        .arg(fixture("valid/minimal.ron"))
        .assert()
        .success()
        .stdout(predicate::str::contains("最小表单"));
    tb().args(["form", "show", "no-such-form"]).assert().code(2);
}

#[test]
fn a_broken_theme_is_refused_naming_the_key() {
    let dir = tempfile::tempdir().unwrap();
    let theme = dir.path().join("t.ron");
    std::fs::write(&theme, "(warn: (fg: \"chartreuse\"))").unwrap();
    tb().env("TIANBIAO_DATA_DIR", dir.path())
        .arg("--theme")
        .arg(&theme)
        .arg("fill")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("warn.fg：未知的颜色 'chartreuse'"));
    tb().env("TIANBIAO_DATA_DIR", dir.path())
        .args(["--theme", "no-such-theme", "fill"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no-such-theme"));
}

#[test]
fn without_a_terminal_the_form_is_asked_line_by_line() {
    let dir = tempfile::tempdir().unwrap();
    tb().env("TIANBIAO_DATA_DIR", dir.path())
        .write_stdin("")
        .assert()
        .code(0)
        .stdout(predicate::str::contains("第 1/22 项：申报单位（必填）"));
}

#[test]
fn form_options_take_a_builtin_id_too() {
    let dir = tempfile::tempdir().unwrap();
    let example = format!(
        "{}/docs/examples/smart-port.ron",
        env!("CARGO_MANIFEST_DIR")
    );
    tb().env("TIANBIAO_DATA_DIR", dir.path())
        .env("SOURCE_DATE_EPOCH", "1660122000")
        .args(["export", &example, "--form", "ai-scenario", "-f", "txt"])
        .assert()
        .success();
    tb().env("TIANBIAO_DATA_DIR", dir.path())
        .args(["check", &example, "--form", "ai-scenario"])
        .assert()
        .success();
}

/// The README's example, as a user sees it: the numbers line up in one column in both languages
/// (labels are padded by display width, where a Chinese character takes two columns).
#[test]
fn count_numbers_line_up_by_display_width() {
    use unicode_width::UnicodeWidthStr;
    for lang in ["zh", "en"] {
        let out = tb()
            .args(["--lang", lang, "count"])
            .write_stdin("降低20%的整体运营成本\n")
            .output()
            .unwrap();
        let text = String::from_utf8(out.stdout).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 3, "{text}");
        let ends: Vec<usize> = lines.iter().map(|l| l.width()).collect();
        assert!(ends.iter().all(|&w| w == ends[0]), "{lang}: {text}");
        let numbers: Vec<&str> = lines
            .iter()
            .map(|l| l.split_whitespace().last().unwrap())
            .collect();
        assert_eq!(numbers, ["10", "12", "12"], "{lang}: {text}");
    }
}

/// Help speaks the interface language: Chinese by default, English with `--lang en` or an
/// English LANG, for the program and for every subcommand.
#[test]
fn help_is_chinese_by_default_and_english_on_request() {
    let subcommands = [
        "fill", "forms", "form", "count", "export", "import", "drafts", "check", "summary",
        "review",
    ];
    for sub in std::iter::once(None).chain(subcommands.map(Some)) {
        let mut args: Vec<&str> = sub.into_iter().collect();
        args.push("--help");
        let zh = tb().args(&args).output().unwrap();
        assert!(zh.status.success());
        let zh = String::from_utf8(zh.stdout).unwrap();
        assert!(
            zh.contains("用法：") && zh.contains("选项"),
            "{args:?}\n{zh}"
        );
        assert!(!zh.contains("Usage:") && !zh.contains("Options:"), "{zh}");
        assert!(!zh.contains("Print help"), "{zh}");
        let en = tb().args(["--lang", "en"]).args(&args).output().unwrap();
        let en = String::from_utf8(en.stdout).unwrap();
        assert!(en.contains("Usage:") && en.contains("Print help"), "{en}");
        let en = tb()
            .env("LANG", "en_US.UTF-8")
            .args(&args)
            .output()
            .unwrap();
        let en = String::from_utf8(en.stdout).unwrap();
        assert!(en.contains("Usage:"), "{en}");
    }
    // Defaults and value lists are said in Chinese too.
    tb().args(["count", "--help"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "（可选：zishu、chars、chars-with-spaces）（默认：zishu）",
        ));
}

#[test]
fn usage_errors_are_chinese_by_default() {
    tb().args(["count", "--limt", "3"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("错误：无法识别的参数 '--limt'"))
        .stderr(predicate::str::contains("提示：有相近的参数 '--limit'"));
    tb().args(["--lang", "fr", "forms"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("未知的语言 'fr'（请用 zh 或 en）"));
    tb().arg("chek")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("无法识别的命令 'chek'"));
    tb().args(["--lang", "en", "count", "--limt", "3"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unexpected argument '--limt'"));
}

/// A form author's and a reviewer's mistakes are explained in the interface language: a theme
/// with a colour that does not exist, and a draft that does not parse.
#[test]
fn theme_and_draft_errors_are_worded_in_chinese() {
    let dir = tempfile::tempdir().unwrap();
    let theme = dir.path().join("th.ron");
    std::fs::write(&theme, "(base: (fg: \"purplish\"))").unwrap();
    tb().env("TIANBIAO_DATA_DIR", dir.path())
        .arg("--theme")
        .arg(&theme)
        .args(["fill", "--plain"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("主题无法使用："))
        .stderr(predicate::str::contains("base.fg：未知的颜色 'purplish'"));
    let draft = dir.path().join("d.ron");
    std::fs::write(&draft, "Draft(format: 1, name: \"n\" \"x\")").unwrap();
    tb().arg("check")
        .arg(&draft)
        .assert()
        .code(2)
        .stdout(predicate::str::contains("第 1 行第 28 列：这里应是逗号 ,"))
        .stdout(predicate::str::contains("Expected").not());
    tb().args(["--lang", "en", "check"])
        .arg(&draft)
        .assert()
        .code(2)
        .stdout(predicate::str::contains(
            "line 1, column 28: expected a comma `,` here",
        ));
}

/// A form author reads everything the form asks for without opening the file: ids, choice
/// options, table columns with their kinds, row counts and rules, conditions, formats, the
/// counting rule and the form's notes.
#[test]
fn form_show_lists_options_columns_limits_and_conditions() {
    let out = tb().args(["form", "show", "ai-scenario"]).output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    for expected in [
        "计数方式：字数",
        "说明：",
        "编号：intro",
        "选项（可多选）：制造、农业、",
        "选“其他”时须注明",
        "仅当“所属行业领域”为“其他”时显示",
        "格式：2022-08-10",
        "文件类型：png、jpg、jpeg",
        "上限按字数计",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in\n{text}");
    }
    let out = tb()
        .args(["form", "show", "ai-scenario-summary"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    for expected in [
        "列：",
        "序号 (seq)  序号，自动编号",
        "重点领域 (key_domain)  是/否",
        "行数：1–20",
        "规则：至少 10 行勾选“重点领域”",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in\n{text}");
    }
    let out = tb()
        .args(["--lang", "en", "form", "show", "ai-scenario-summary"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("rule: at least 10 rows tick '重点领域'"),
        "{text}"
    );
}
