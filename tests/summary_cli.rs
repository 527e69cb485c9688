//! `tianbiao summary`: the 附件2 table from received applications. Golden CSV and Markdown
//! (refresh with `UPDATE_GOLDEN=1 cargo test --test summary_cli`, then review the diff), the
//! xlsx read back with calamine, the 20-row limit, duplicates and failing files flagged,
//! `--strict`, `--draft`, and where it may write.

mod support;
use support::export as common;

use std::io::Read as _;
use std::path::{Path, PathBuf};

use calamine::{Data, Reader, Xlsx, open_workbook_from_rs};
use common::*;
use predicates::prelude::*;
use support::review::*;
use tianbiao::draft::Draft;
use tianbiao::form::Value;

/// Five applications: two clean, one with spreadsheet-formula and CSV-quoting bait, one with
/// the same name as the first, one hostile that also fails the check (over the limit).
fn five(dir: &Path) -> Vec<PathBuf> {
    let mut hostile = application(
        "智慧\u{1b}]52;c;Y3VybA==\u{7}城管\u{202e}场景\u{200b}",
        "|管道| 与 *星号* 单位\u{9b}31m",
        &["城市管理"],
        "",
    );
    hostile.answers.set("effect", Value::Text("字".repeat(523)));
    let drafts = [
        (
            "1-port.ron",
            application("智慧港口场景", "XX 港口研究院", &["交通运输"], ""),
        ),
        (
            "2-mine.ron",
            application(
                "-1 号矿区智能巡检",
                "=HYPERLINK(\"http://x\",\"点击\")",
                &["能源", "制造"],
                "",
            ),
        ),
        (
            "3-shipping.ron",
            application(
                "@港航 智能理货",
                "XX 物流集团, \"港航\" 分公司",
                &["物流", "其他"],
                "港航服务",
            ),
        ),
        (
            "4-port-again.ron",
            application("智慧港口 场景", "YY 港务集团", &["交通运输"], ""),
        ),
        ("5-hostile.ron", hostile),
    ];
    drafts
        .iter()
        .map(|(name, d)| write_draft(dir, name, d))
        .collect()
}

fn summary(data: &Path) -> assert_cmd::Command {
    let mut c = tb(data);
    c.arg("summary").args([
        "--zone",
        "XX 国家人工智能创新应用先导区",
        "--date",
        "2022-08-15",
    ]);
    c
}

const FLAGS: &str = "注意：第 4 行（";

#[test]
fn golden_markdown_and_csv_with_flags() {
    let data = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let files = five(dir.path());
    for (format, name) in [("md", "summary.md"), ("csv", "summary.csv")] {
        let out = summary(data.path())
            .args(["--format", format, "--key-domains", "交通运输,港航服务"])
            .args(&files)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{format}");
        assert_inert(format, &out.stdout);
        assert_inert("stderr", &out.stderr);
        golden(name, &out.stdout);
    }
}

#[test]
fn the_flags_are_on_stderr_too() {
    let data = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let files = five(dir.path());
    let out = summary(data.path())
        .args(["--key-domains", "交通运输、港航服务、航天"])
        .args(&files)
        .assert()
        .code(0)
        .get_output()
        .clone();
    let err = String::from_utf8(out.stderr).unwrap();
    let p = |i: usize| files[i].display().to_string();
    let expected = format!(
        "注意：重点领域 '航天' 不是“所属行业领域”的选项，也不是任何一行“其他”注明的领域（选项：制造、农业、能源、医疗健康、教育培训、交通运输、商贸、物流、金融、城市管理、政务服务、公共安全、环境保护、文化旅游、其他）
{FLAGS}{}）与第 1 行的场景名称相同：'智慧港口 场景'
注意：第 5 行（{}）未通过检查（1 个问题），已列入并在“核查”列标明
  (三) 应用效果: 523/500 字, 超出 23 字
注意：与重点应用领域相关的场景 2 个，少于通知要求的 10 个（仍已生成）
",
        p(3),
        p(4)
    );
    assert_eq!(err, expected);
}

#[test]
fn a_clean_table_is_exactly_the_template() {
    let data = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let files = &five(dir.path())[..3];
    let out = summary(data.path())
        .args(["-f", "md"])
        .args(files)
        .assert()
        .code(0)
        .stderr("提示：未给出 --key-domains，核查表没有“重点领域”一列，也无法核对“重点领域相关场景不少于 10 个”\n")
        .get_output()
        .stdout
        .clone();
    golden("summary-clean.md", &out);
}

fn cell(range: &calamine::Range<Data>, row: u32, col: u32) -> String {
    match range.get_value((row, col)) {
        Some(Data::String(s)) => s.clone(),
        Some(Data::Float(f)) => f.to_string(),
        Some(Data::Int(i)) => i.to_string(),
        Some(Data::Empty) | None => String::new(),
        Some(other) => format!("{other:?}"),
    }
}

#[test]
fn xlsx_reads_back_like_the_template() {
    let data = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let files = five(dir.path());
    let out = dir.path().join("汇总表.xlsx");
    summary(data.path())
        .args(["--key-domains", "交通运输,港航服务", "-o"])
        .arg(&out)
        .args(&files)
        .assert()
        .code(0)
        .stderr(predicate::str::contains(format!(
            "已写入 {}（5 行，xlsx，",
            out.display()
        )));
    let bytes = std::fs::read(&out).unwrap();
    let mut wb: Xlsx<_> = open_workbook_from_rs(std::io::Cursor::new(bytes.clone())).unwrap();
    // The table sent on, and the office's own checks on a second sheet that is not sent.
    assert_eq!(wb.sheet_names(), ["推荐汇总表", "核查（不报送）"]);
    let r = wb.worksheet_range("推荐汇总表").unwrap();
    assert_eq!(cell(&r, 0, 0), "附件2");
    assert_eq!(
        cell(&r, 1, 0),
        "国家人工智能创新应用先导区人工智能典型应用场景推荐汇总表"
    );
    assert_eq!(
        cell(&r, 2, 0),
        "先导区名称：XX 国家人工智能创新应用先导区（加盖公章）"
    );
    assert_eq!(cell(&r, 3, 0), "填报日期：2022 年 8 月 15 日");
    // The template's columns only: nothing after 申报单位.
    let header: Vec<String> = (0..5).map(|c| cell(&r, 4, c)).collect();
    assert_eq!(header, ["序号", "应用场景名称", "所属领域", "申报单位", ""]);
    let row = |y: u32| (0..4).map(|c| cell(&r, y, c)).collect::<Vec<_>>();
    assert_eq!(row(5), ["1", "智慧港口场景", "交通运输", "XX 港口研究院"]);
    assert_eq!(
        row(6),
        [
            "2",
            "-1 号矿区智能巡检",
            "制造、能源",
            "=HYPERLINK(\"http://x\",\"点击\")"
        ],
        "a string cell, never a formula, so no quote is needed"
    );
    assert_eq!(
        row(7),
        [
            "3",
            "@港航 智能理货",
            "物流、其他（港航服务）",
            "XX 物流集团, \"港航\" 分公司"
        ]
    );
    assert_eq!(
        row(9),
        [
            "5",
            "智慧]52;c;Y3VybA==城管场景",
            "城市管理",
            "|管道| 与 *星号* 单位31m"
        ]
    );
    assert_eq!(cell(&r, 11, 0), "", "no count under the table sent on");
    let k = wb.worksheet_range("核查（不报送）").unwrap();
    let krow = |y: u32| (0..5).map(|c| cell(&k, y, c)).collect::<Vec<_>>();
    assert_eq!(
        krow(0),
        ["序号", "应用场景名称", "重点领域", "核查", "来源文件"]
    );
    assert_eq!(
        krow(1),
        [
            "1".to_string(),
            "智慧港口场景".into(),
            "是".into(),
            "通过".into(),
            files[0].display().to_string()
        ]
    );
    assert_eq!(krow(4)[3], "与第 1 行场景名称相同");
    assert_eq!(krow(5)[3], "不通过（1 个问题）");
    // Counted over the accepted, unique rows: rows 1 and 3 (row 4 repeats row 1).
    assert_eq!(
        cell(&k, 7, 0),
        "重点领域相关场景 2 个（要求不少于 10 个；只计通过核查且不重复的）"
    );
    // The title, zone and date lines are merged across the table; no formula anywhere.
    let merges = wb.worksheet_merge_cells("推荐汇总表").unwrap().unwrap();
    for y in 1..=3 {
        assert!(
            merges.iter().any(|m| m.start == (y, 0) && m.end == (y, 3)),
            "row {y} merged: {merges:?}"
        );
    }
    assert!(
        wb.worksheet_formula("推荐汇总表")
            .unwrap()
            .used_cells()
            .count()
            == 0
    );
    // Bold title and header, thin borders (styles.xml of the package).
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut styles = String::new();
    zip.by_name("xl/styles.xml")
        .unwrap()
        .read_to_string(&mut styles)
        .unwrap();
    assert!(styles.contains("<b/>") && styles.contains("style=\"thin\""));
    assert!(styles.contains("宋体"));
    // Printed as the template is: A4 landscape, one page wide, the header row on every page.
    let mut sheet = String::new();
    zip.by_name("xl/worksheets/sheet1.xml")
        .unwrap()
        .read_to_string(&mut sheet)
        .unwrap();
    for want in [
        "paperSize=\"9\"",
        "orientation=\"landscape\"",
        "fitToWidth=\"1\" fitToHeight=\"0\"",
        "<pageSetUpPr fitToPage=\"1\"/>",
        "horizontalCentered=\"1\"",
    ] {
        assert!(sheet.contains(want), "{want} in {sheet}");
    }
    let mut book = String::new();
    zip.by_name("xl/workbook.xml")
        .unwrap()
        .read_to_string(&mut book)
        .unwrap();
    assert!(
        book.contains("<definedName name=\"_xlnm.Print_Titles\" localSheetId=\"0\">'推荐汇总表'!$5:$5</definedName>"),
        "{book}"
    );
}

#[test]
fn more_than_twenty_files_are_refused_before_reading_them() {
    let data = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    // The files do not even exist: the count alone refuses.
    let files: Vec<PathBuf> = (1..=23)
        .map(|i| dir.path().join(format!("{i}.ron")))
        .collect();
    let out = dir.path().join("x.csv");
    summary(data.path())
        .arg("-o")
        .arg(&out)
        .args(&files)
        .assert()
        .code(1)
        .stdout("")
        .stderr("给出了 23 个文件，但汇总表最多 20 行（每个先导区推荐不超过 20 个场景）；请挑选后再生成，未写入任何文件\n");
    assert!(!out.exists());
    tb(data.path())
        .args(["--lang", "en", "summary", "--zone", "X"])
        .args(&files)
        .assert()
        .code(1)
        .stderr("23 files given, but the summary table has at most 20 rows (a zone recommends at most 20 scenarios); choose, then run again; nothing written\n");
}

#[test]
fn twenty_is_fine() {
    let data = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    for i in 1..=20 {
        write_draft(
            dir.path(),
            &format!("{i:02}.ron"),
            &application(&format!("场景 {i}"), "XX 研究院", &["制造"], ""),
        );
    }
    let out = summary(data.path())
        .args(["-f", "csv", "--key-domains", "制造"])
        .arg(dir.path())
        .assert()
        .code(0)
        .stderr("与重点应用领域相关的场景 20 个（通知要求不少于 10 个；只计通过检查且不重复的）\n")
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    assert_eq!(text.lines().count(), 21);
    assert!(text.ends_with("20,场景 20,制造,XX 研究院\r\n"));
}

#[test]
fn strict_refuses_a_flagged_table() {
    let data = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let files = five(dir.path());
    let out = dir.path().join("x.md");
    summary(data.path())
        .arg("--strict")
        .arg("-o")
        .arg(&out)
        .args(&files)
        .assert()
        .code(1)
        .stderr(predicate::str::ends_with(
            "--strict：2 行未通过检查或重复，未写入任何文件\n",
        ));
    assert!(!out.exists());
    summary(data.path())
        .arg("--strict")
        .arg("-o")
        .arg(&out)
        .args(&files[..3])
        .assert()
        .code(0);
    assert!(out.exists());
}

#[test]
fn the_same_file_twice_is_flagged() {
    let data = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let files = five(dir.path());
    let copy = dir.path().join("copy.ron");
    std::fs::copy(&files[0], &copy).unwrap();
    summary(data.path())
        .args(["-f", "csv"])
        .arg(&files[0])
        .arg(&copy)
        .assert()
        .code(0)
        .stdout(predicate::str::ends_with(
            "2,智慧港口场景,交通运输,XX 港口研究院\r\n",
        ))
        .stderr(predicate::str::contains(format!(
            "注意：第 2 行（{}）与第 1 行是同一个文件（内容完全相同）\n",
            copy.display()
        )));
}

#[test]
fn exclude_failing_leaves_failing_and_duplicate_rows_out_of_the_copy_sent_on() {
    let data = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let files = five(dir.path());
    let out = summary(data.path())
        .args([
            "-f",
            "csv",
            "--exclude-failing",
            "--key-domains",
            "交通运输",
        ])
        .args(&files)
        .assert()
        .code(0)
        .get_output()
        .clone();
    let csv = String::from_utf8(out.stdout).unwrap();
    // Rows 4 (same name as row 1) and 5 (fails the check) are gone; the rest numbered 1..3.
    assert_eq!(
        csv.trim_start_matches('\u{feff}'),
        "序号,应用场景名称,所属领域,申报单位\r\n\
         1,智慧港口场景,交通运输,XX 港口研究院\r\n\
         2,'-1 号矿区智能巡检,制造、能源,\"'=HYPERLINK(\"\"http://x\"\",\"\"点击\"\")\"\r\n\
         3,'@港航 智能理货,物流、其他（港航服务）,\"XX 物流集团, \"\"港航\"\" 分公司\"\r\n"
    );
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("--exclude-failing：2 行未通过检查或重复，未列入报送的汇总表（仍在核查表中）"),
        "{err}"
    );
    // The same files without the flag: every row is in the copy.
    let all = summary(data.path())
        .args(["-f", "csv"])
        .args(&files)
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    assert_eq!(String::from_utf8(all).unwrap().lines().count(), 6);
}

#[test]
fn strict_refuses_too_few_accepted_key_domain_rows_and_says_how_many() {
    let data = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let files = five(dir.path());
    let out = dir.path().join("x.csv");
    summary(data.path())
        .args(["--strict", "--key-domains", "交通运输", "-o"])
        .arg(&out)
        .args(&files[..3])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "--strict：通过检查的重点领域相关场景只有 1 个，少于通知要求的 10 个，未写入任何文件",
        ));
    assert!(!out.exists());
}

#[test]
fn unreadable_inputs_stop_the_table() {
    let data = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let files = five(dir.path());
    let out = dir.path().join("x.md");
    let bad = received().join("corrupt.ron");
    let summary_draft = dir.path().join("s.ron");
    let form = tianbiao::form::builtin("ai-scenario-summary")
        .unwrap()
        .unwrap();
    std::fs::write(
        &summary_draft,
        Draft::new(&form, "汇总", "2022-08-15T00:00:00Z").to_ron(),
    )
    .unwrap();
    summary(data.path())
        .arg("-o")
        .arg(&out)
        .arg(&files[0])
        .arg(&bad)
        .arg(&summary_draft)
        .assert()
        .code(2)
        .stderr(format!(
            "{}: 不是有效的草稿：第 156 行第 20 列：字符串没有结束：缺少右双引号 \"\n{}: 不是申报表（附件1），而是表单 'ai-scenario-summary'，不能列入汇总表\n2 个文件无法读取，未生成汇总表（去掉或修好这些文件后再试）\n",
            bad.display(),
            summary_draft.display()
        ));
    assert!(!out.exists());
}

#[test]
fn where_it_writes() {
    let data = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let files = &five(dir.path())[..2];
    // xlsx is binary: it needs -o.
    summary(data.path())
        .args(["-f", "xlsx"])
        .args(files)
        .assert()
        .code(2)
        .stdout("")
        .stderr("xlsx 和 docx 是二进制格式，请用 -o 文件名.xlsx 或 -o 文件名.docx 指定输出文件\n");
    // An existing different file is kept unless --force; the same bytes are fine.
    let out = dir.path().join("表.csv");
    std::fs::write(&out, "old").unwrap();
    summary(data.path())
        .arg("-o")
        .arg(&out)
        .args(files)
        .assert()
        .code(2)
        .stderr(predicate::str::ends_with(format!(
            "{} 已存在且内容不同；未覆盖（加 --force 覆盖）\n",
            out.display()
        )));
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "old");
    summary(data.path())
        .arg("--force")
        .arg("-o")
        .arg(&out)
        .args(files)
        .assert()
        .code(0);
    let csv = std::fs::read(&out).unwrap();
    assert!(
        csv.starts_with("\u{feff}序号,".as_bytes()),
        "CSV from the extension"
    );
    summary(data.path())
        .arg("-o")
        .arg(&out)
        .args(files)
        .assert()
        .code(0)
        .stderr(predicate::str::contains("内容相同，未改动"));
    // Bad arguments are refused before anything is read.
    tb(data.path())
        .args(["summary", "--zone", "XX", "--date", "明天"])
        .args(files)
        .assert()
        .code(2)
        .stderr("--date '明天' 不是有效日期（如 2022-08-15）\n");
    tb(data.path())
        .args(["summary", "--zone", "  "])
        .args(files)
        .assert()
        .code(2)
        .stderr("--zone 不能为空（先导区名称）\n");
}

#[test]
fn json_says_where_each_row_came_from() {
    let data = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let files = five(dir.path());
    let out = summary(data.path())
        .args(["-f", "json", "--key-domains", "交通运输"])
        .args(&files)
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    assert_inert("json", &out);
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(v["format"], "tianbiao.summary/1");
    assert_eq!(v["form"]["id"], "ai-scenario-summary");
    assert_eq!(v["zone"], "XX 国家人工智能创新应用先导区");
    assert_eq!(v["date"], "2022-08-15");
    assert_eq!(v["key_domains"], serde_json::json!(["交通运输"]));
    // Accepted, unique rows only: row 4 repeats row 1's name.
    assert_eq!(v["key_domain_count"], 1);
    assert_eq!(v["key_domain_needed"], 10);
    let rows = v["rows"].as_array().unwrap();
    assert_eq!(rows.len(), 5);
    assert_eq!(rows[0]["seq"], 1);
    assert_eq!(rows[0]["source"]["path"], files[0].display().to_string());
    assert_eq!(rows[0]["source"]["kind"], "draft");
    assert_eq!(
        rows[3]["duplicate"],
        serde_json::json!({"type": "same_name", "of": 1})
    );
    assert_eq!(
        rows[4]["findings"],
        serde_json::json!(["(三) 应用效果: 523/500 字, 超出 23 字"])
    );
    assert_eq!(
        rows[4]["name"], "智慧\u{1b}]52;c;Y3VybA==\u{7}城管\u{202e}场景\u{200b}",
        "the JSON keeps the text; only its encoding escapes it"
    );
}

#[test]
fn the_draft_option_writes_a_valid_summary_draft() {
    let data = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let domains = [
        "交通运输",
        "物流",
        "交通运输",
        "制造",
        "交通运输",
        "物流",
        "交通运输",
        "物流",
        "交通运输",
        "物流",
        "能源",
        "交通运输",
    ];
    for (i, d) in domains.iter().enumerate() {
        write_draft(
            dir.path(),
            &format!("{:02}.ron", i + 1),
            &application(&format!("场景 {}", i + 1), "XX 研究院", &[d], ""),
        );
    }
    summary(data.path())
        .args([
            "-f",
            "md",
            "--key-domains",
            "交通运输,物流",
            "--draft",
            "XX 先导区汇总表",
        ])
        .arg(dir.path())
        .assert()
        .code(0)
        .stderr(predicate::str::contains("已写入汇总表草稿"));
    let path = data.path().join("drafts/XX 先导区汇总表.ron");
    let meta = std::fs::metadata(&path).unwrap();
    use std::os::unix::fs::PermissionsExt;
    assert_eq!(meta.permissions().mode() & 0o777, 0o600);
    let draft = Draft::from_ron(&std::fs::read_to_string(&path).unwrap()).unwrap();
    assert_eq!(draft.form_id, "ai-scenario-summary");
    assert_eq!(draft.name, "XX 先导区汇总表");
    let form = tianbiao::form::builtin("ai-scenario-summary")
        .unwrap()
        .unwrap();
    assert_eq!(draft.form_hash, form.hash());
    assert_eq!(tianbiao::form::validate(&form, &draft.answers), []);
    let Some(Value::Table(rows)) = draft.answers.get("scenarios") else {
        panic!("no table")
    };
    assert_eq!(rows.len(), 12);
    assert_eq!(
        rows[3].get("key_domain"),
        Some(&tianbiao::form::Cell::Bool(false))
    );
    assert_eq!(
        rows[0].get("name"),
        Some(&tianbiao::form::Cell::Text("场景 1".into()))
    );
    assert_eq!(draft.answers.text("zone"), "XX 国家人工智能创新应用先导区");
    assert_eq!(
        draft.answers.get("filled_date"),
        Some(&Value::Date("2022-08-15".into()))
    );
    // Never overwritten without --force; nothing else is written either.
    let md = dir.path().join("out.md");
    summary(data.path())
        .args(["--draft", "XX 先导区汇总表", "-o"])
        .arg(&md)
        .arg(dir.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("已存在；未覆盖"));
    assert!(!md.exists());
    // A path works too; its name is the file's stem.
    let p = dir.path().join("drafts-here/汇总.ron");
    std::fs::create_dir(dir.path().join("drafts-here")).unwrap();
    summary(data.path())
        .arg("--draft")
        .arg(&p)
        .arg(dir.path())
        .assert()
        .code(0);
    let d = Draft::from_ron(&std::fs::read_to_string(&p).unwrap()).unwrap();
    assert_eq!(d.name, "汇总");
}

#[test]
fn markdown_cells_stay_cells() {
    use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
    let md = std::fs::read_to_string(common::root().join("tests/golden/summary.md")).unwrap();
    let mut rows = 0;
    let mut cells = 0;
    let mut in_table = false;
    for e in Parser::new_ext(&md, Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH) {
        match e {
            Event::Start(Tag::Table(_)) => in_table = true,
            Event::End(TagEnd::Table) => in_table = false,
            Event::Start(Tag::TableRow) => rows += 1,
            Event::Start(Tag::TableCell) if in_table => cells += 1,
            Event::Html(h) | Event::InlineHtml(h) => panic!("HTML from user text: {h}"),
            Event::Start(
                t @ (Tag::Link { .. }
                | Tag::Emphasis
                | Tag::Strong
                | Tag::List(_)
                | Tag::CodeBlock(_)),
            ) => panic!("structure from user text: {t:?}"),
            Event::Code(c) => panic!("code from user text: {c}"),
            _ => {}
        }
    }
    // The header row is a TableHead, not a TableRow: five data rows of the template's four
    // cells, plus the head.
    assert_eq!(rows, 5);
    assert_eq!(cells, 24);
}

fn docx_xml(path: &Path) -> String {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut xml = String::new();
    zip.by_name("word/document.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    xml
}

#[test]
fn a_summary_draft_exports_as_the_very_document_summary_writes() {
    let data = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let files = five(dir.path());
    let files = &files[..4];
    let draft = dir.path().join("汇总.ron");
    let (md_a, docx_a) = (dir.path().join("a.md"), dir.path().join("a.docx"));
    summary(data.path())
        .args(["--key-domains", "交通运输", "--draft"])
        .arg(&draft)
        .arg("-o")
        .arg(&docx_a)
        .args(files)
        .assert()
        .code(0);
    summary(data.path())
        .args(["--key-domains", "交通运输", "-o"])
        .arg(&md_a)
        .args(files)
        .assert()
        .code(0);
    // The draft of the summary form has 2 key-domain rows of the 10 the form asks for: a
    // reminder with the count, never a refusal.
    let (md_b, docx_b) = (dir.path().join("b.md"), dir.path().join("b.docx"));
    for (format, out) in [("md", &md_b), ("docx", &docx_b)] {
        tb(data.path())
            .arg("export")
            .arg(&draft)
            .args(["-f", format, "-o"])
            .arg(out)
            .assert()
            .code(0)
            .stderr(predicate::str::contains(
                "“重点领域”为是的行至少 10 个，现有 2 个（与先导区创建批复中明确的重点应用领域相关场景不少于 10 个）；仅作提醒，仍已导出",
            ));
    }
    assert_eq!(
        std::fs::read_to_string(&md_a).unwrap(),
        std::fs::read_to_string(&md_b).unwrap()
    );
    assert_eq!(
        std::fs::read(&docx_a).unwrap(),
        std::fs::read(&docx_b).unwrap()
    );
    tb(data.path())
        .arg("check")
        .arg(&draft)
        .assert()
        .code(0)
        .stdout(predicate::str::contains("仅作提醒，不算未通过"));
    // The template's page: A4 landscape, its head, its four columns with the header repeated.
    let xml = docx_xml(&docx_a);
    assert!(xml.contains(r#"<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/>"#));
    for words in [
        "附件2",
        "先导区名称：XX 国家人工智能创新应用先导区（加盖公章）",
        "填报日期：2022 年 8 月 15 日",
        "应用场景名称",
        "所属领域",
        "申报单位",
        "<w:tblHeader/>",
    ] {
        assert!(xml.contains(words), "{words} missing");
    }
    for not in ["重点领域", "核查", "通过"] {
        assert!(!xml.contains(not), "{not} in the copy sent on");
    }
}

#[test]
fn twenty_rows_print_on_one_landscape_page() {
    let data = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    for i in 1..=20 {
        write_draft(
            dir.path(),
            &format!("{i:02}.ron"),
            &application(
                &format!("基于人工智能的智慧港口集装箱码头无人化作业典型应用场景 {i}"),
                "XX 市港口与航运发展集团有限公司人工智能研究院",
                &["交通运输", "物流"],
                "",
            ),
        );
    }
    let out = dir.path().join("汇总表.docx");
    summary(data.path())
        .arg("-o")
        .arg(&out)
        .arg(dir.path())
        .assert()
        .code(0);
    let xml = docx_xml(&out);
    assert_eq!(xml.matches("<w:tr>").count(), 21, "a header and 20 rows");
    let Some(pages) = common::pdf_pages(&std::fs::read(&out).unwrap()) else {
        return;
    };
    assert_eq!(pages.len(), 1, "printed on {} pages", pages.len());
    let page: String = pages[0].chars().filter(|c| !c.is_whitespace()).collect();
    assert!(page.contains("20基于人工智能"), "{page}");
}
