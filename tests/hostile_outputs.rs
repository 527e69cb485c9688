//! Every command and output format on hostile input: a received draft, a submission, a form
//! file and a file name that carry escape sequences (OSC title and clipboard writes, a terminal
//! reset, a charset switch, a DCS query, C1 controls, NUL, DEL, bidi overrides, zero-width
//! characters). Nothing a terminal would act on may reach stdout, stderr or a written file, and
//! documents meant to be printed or sent hold no marker text such as `⟨U+202E⟩` either.
//!
//! The table must name every subcommand: a new command fails
//! `every_subcommand_is_in_the_table` until it is added here.

mod support;
use support::export as common;
use support::review as review_common;

use std::collections::BTreeSet;
use std::io::Read as _;
use std::path::{Path, PathBuf};

use common::*;
use review_common::assert_inert;
use tianbiao::form::Value;

/// What a hostile sender puts into text: a title change, a terminal reset, a charset switch, a
/// DCS query, an 8-bit CSI asking for the cursor position, NUL, DEL, bidi and zero-width.
const PAYLOAD: &str = "\u{1b}]0;PWNED\u{7}\u{1b}c\u{1b}(0\u{1b}P+q544e\u{1b}\\\u{9b}6n\u{0}\u{7f}\u{202e}\u{2066}\u{200b}\u{feff}";

fn hostile(s: &str) -> String {
    format!("{s}{PAYLOAD}{s}")
}

/// The example draft with the payload in its name, one-line fields, a list and long texts.
fn hostile_draft() -> tianbiao::draft::Draft {
    let mut d = example();
    d.name = hostile("恶意");
    for id in ["scenario_name", "applicant_unit", "region"] {
        d.answers.set(id, Value::Text(hostile("智慧港口")));
    }
    d.answers.set(
        "intro",
        Value::Text(format!("第一段{PAYLOAD}\n第二段\u{1b}[2J\u{1b}[8m隐藏")),
    );
    d
}

/// A form file whose title, a section title, a label and a help text carry the payload (RON
/// `\u{…}` escapes, so the file itself is plain text).
fn hostile_form_text() -> String {
    let src = std::fs::read_to_string(root().join("forms/ai-scenario.ron")).unwrap();
    let esc: String = PAYLOAD
        .chars()
        .map(|c| {
            if c.is_control() || !c.is_ascii() && tianbiao::sanitize::classify(c).is_some() {
                format!("\\u{{{:x}}}", c as u32)
            } else if c == '\\' {
                "\\\\".to_string()
            } else {
                c.to_string()
            }
        })
        .collect();
    let out = src
        .replacen("id: \"ai-scenario\"", "id: \"evil-form\"", 1)
        .replacen(
            "label: \"场景名称\"",
            &format!("label: \"场景{esc}名称\""),
            1,
        )
        .replacen(
            "title: \"一、基本情况\"",
            &format!("title: \"一、{esc}基本情况\""),
            1,
        );
    assert_ne!(
        out, src,
        "the flagship form's text changed: update the test"
    );
    out
}

/// What a check sees of one output.
enum Kind {
    /// A terminal stream or a file a terminal may `cat`: nothing a terminal acts on.
    Stream,
    /// A document meant to be printed or sent: inert, and no marker text.
    Document,
}

fn assert_document(what: &str, bytes: &[u8]) {
    assert_inert(what, bytes);
    let text = String::from_utf8_lossy(bytes);
    for marker in ["⟨U+", "⟨ESC⟩", "⟨BEL⟩", "⟨NUL⟩", "⟨DEL⟩"] {
        assert!(
            !text.contains(marker),
            "{what}: marker text {marker} in a document: {text}"
        );
    }
}

/// The parts of a zip (docx, xlsx) as text, each checked like a document.
fn zip_parts(what: &str, bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .unwrap_or_else(|e| panic!("{what}: not a zip: {e}"));
    let mut out = Vec::new();
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).unwrap();
        let name = f.name().to_string();
        if !name.ends_with(".xml") && !name.ends_with(".rels") {
            continue;
        }
        let mut b = Vec::new();
        f.read_to_end(&mut b).unwrap();
        out.push((format!("{what}:{name}"), b));
    }
    assert!(!out.is_empty(), "{what}: no XML parts");
    out
}

fn check_file(what: &str, path: &Path, kind: &Kind) {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{what}: {path:?}: {e}"));
    let zipped = bytes.starts_with(b"PK");
    match (kind, zipped) {
        (_, true) => {
            for (part, b) in zip_parts(what, &bytes) {
                assert_document(&part, &b);
            }
        }
        (Kind::Stream, false) => assert_inert(what, &bytes),
        (Kind::Document, false) => assert_document(what, &bytes),
    }
}

struct Fixture {
    _dirs: Vec<tempfile::TempDir>,
    data: PathBuf,
    work: PathBuf,
    draft: PathBuf,
    submission: PathBuf,
    form: PathBuf,
    evil_name: PathBuf,
    text: PathBuf,
}

fn fixture() -> Fixture {
    let data = tempfile::tempdir().unwrap();
    let work = tempfile::tempdir().unwrap();
    // The example's attachment beside the draft: bundles copy only files in the draft's folder.
    std::fs::copy(
        root().join("docs/examples/smart-port-fig1.png"),
        work.path().join("smart-port-fig1.png"),
    )
    .unwrap();
    let draft = write_draft(work.path(), "hostile.ron", &hostile_draft());
    // A submission made by a forced export, as a hostile sender could send it.
    let submission = work.path().join("hostile.json");
    tb(data.path())
        .args(["export", "--force", "--format", "json", "-o"])
        .arg(&submission)
        .arg(&draft)
        .assert()
        .code(0);
    let form = work.path().join("evil-form.ron");
    std::fs::write(&form, hostile_form_text()).unwrap();
    // A received file whose very name is an attack on a terminal that lists it.
    let evil_name = work.path().join("--x\u{1b}]2;PWNED\u{7}\u{1b}[2J.ron");
    std::fs::copy(&draft, &evil_name).unwrap();
    let text = work.path().join("hostile.txt");
    std::fs::write(&text, format!("正文{PAYLOAD}结束\n")).unwrap();
    // The drafts folder holds the hostile draft too (for `drafts list/show`).
    std::fs::create_dir_all(data.path().join("drafts")).unwrap();
    Fixture {
        data: data.path().to_path_buf(),
        work: work.path().to_path_buf(),
        draft,
        submission,
        form,
        evil_name,
        text,
        _dirs: vec![data, work],
    }
}

/// One row of the table: the subcommand it covers, its arguments, and the files it writes
/// with how they are checked.
struct Case {
    command: &'static str,
    args: Vec<std::ffi::OsString>,
    outputs: Vec<(PathBuf, Kind)>,
}

fn case(command: &'static str, args: &[&dyn AsRef<std::ffi::OsStr>]) -> Case {
    Case {
        command,
        args: args.iter().map(|a| a.as_ref().to_os_string()).collect(),
        outputs: Vec::new(),
    }
}

impl Case {
    fn writes(mut self, path: PathBuf, kind: Kind) -> Case {
        self.outputs.push((path, kind));
        self
    }
}

fn table(f: &Fixture) -> Vec<Case> {
    let out = |name: &str| f.work.join(name);
    let mut cases = vec![
        case("count", &[&"count", &f.text]),
        case("count", &[&"count", &"--json", &f.text]),
        case("count", &[&"count", &f.evil_name.with_extension("missing")]),
        case("forms", &[&"forms"]),
        case("form", &[&"form", &"check", &f.form]),
        case("form", &[&"form", &"show", &f.form]),
        case("form", &[&"form", &"check", &f.evil_name]),
        case(
            "import",
            &[&"import", &f.submission, &"-o", &out("imported.ron")],
        )
        .writes(out("imported.ron"), Kind::Stream),
        case("import", &[&"import", &f.evil_name]),
        case("drafts", &[&"drafts", &"list"]),
        case("drafts", &[&"drafts", &"show", &f.draft]),
        case("drafts", &[&"drafts", &"path"]),
        case("drafts", &[&"drafts", &"show", &f.evil_name]),
        case("check", &[&"check", &f.draft, &f.submission, &f.evil_name]),
        case(
            "check",
            &[&"check", &"--format", &"json", &f.draft, &f.submission],
        ),
        case("check", &[&"check", &"--form", &f.form, &f.draft]),
        case(
            "review",
            &[&"review", &"--notes", &f.draft, &f.submission, &f.evil_name],
        ),
        case(
            "review",
            &[&"review", &"--notes", &f.draft, &"-o", &out("notes.md")],
        )
        .writes(out("notes.md"), Kind::Document),
        case("fill", &[&"fill", &"--form", &f.evil_name]),
        case(
            "fill",
            &[
                &"fill",
                &"--draft",
                &f.work.join("missing-dir/\u{1b}]0;x\u{7}/d.ron"),
            ],
        ),
        // clap's own messages: an unknown flag that is a hostile file name, a bad value.
        case("check", &[&"check", &f.evil_name.file_name().unwrap()]),
        case(
            "export",
            &[&"export", &"--format", &"\u{1b}]0;PWNED\u{7}", &f.draft],
        ),
        case("summary", &[&"summary", &"--bogus\u{1b}[2J"]),
    ];
    for fmt in ["json", "ron", "md", "txt", "docx"] {
        let path = out(&format!("export.{fmt}"));
        let kind = if matches!(fmt, "md" | "txt" | "docx") {
            Kind::Document
        } else {
            Kind::Stream
        };
        // Refused by the gate (hidden characters are a finding) ...
        cases.push(case(
            "export",
            &[
                &"export",
                &"--format",
                &fmt,
                &"-o",
                &out("refused.out"),
                &f.draft,
            ],
        ));
        // ... and exported with --force, without them.
        cases.push(
            case(
                "export",
                &[
                    &"export",
                    &"--force",
                    &"--format",
                    &fmt,
                    &"-o",
                    &path,
                    &f.draft,
                ],
            )
            .writes(path, kind),
        );
    }
    cases.push(case(
        "export",
        &[&"export", &"--force", &"--format", &"md", &f.draft],
    ));
    cases.push(
        case(
            "export",
            &[&"export", &"--force", &"--bundle", &out("bundle"), &f.draft],
        )
        .writes(out("bundle/submission.json"), Kind::Stream),
    );
    for fmt in ["csv", "md", "json", "xlsx", "docx"] {
        let path = out(&format!("summary.{fmt}"));
        let kind = if fmt == "json" {
            Kind::Stream
        } else {
            Kind::Document
        };
        cases.push(
            case(
                "summary",
                &[
                    &"summary",
                    &"--zone",
                    // An argument cannot hold NUL; everything else of the payload goes in.
                    &hostile("先导区").replace('\0', ""),
                    &"--date",
                    &"2022-08-15",
                    &"--format",
                    &fmt,
                    &"--skip-attachments",
                    &"-o",
                    &path,
                    &f.draft,
                    &f.submission,
                    &f.evil_name,
                ],
            )
            .writes(path, kind),
        );
    }
    cases.push(case(
        "summary",
        &[
            &"summary",
            &"--zone",
            &"区",
            &"--format",
            &"md",
            &f.draft,
            &f.evil_name,
        ],
    ));
    cases
}

#[test]
fn nothing_dangerous_reaches_a_terminal_or_a_document() {
    let f = fixture();
    for (lang, c) in [("zh", table(&f)), ("en", table(&f))]
        .into_iter()
        .flat_map(|(l, t)| t.into_iter().map(move |c| (l, c)))
    {
        let what = format!("tianbiao --lang {lang} {:?}", c.args);
        let out = tb(&f.data)
            .current_dir(&f.work)
            .arg("--lang")
            .arg(lang)
            .args(&c.args)
            .env("TERM", "xterm")
            .timeout(std::time::Duration::from_secs(60))
            .output()
            .unwrap();
        assert!(
            out.status.code().is_some_and(|c| c <= 2),
            "{what}: exit {:?}, stderr {}",
            out.status,
            String::from_utf8_lossy(&out.stderr)
        );
        assert_inert(&format!("{what} stdout"), &out.stdout);
        assert_inert(&format!("{what} stderr"), &out.stderr);
        for (path, kind) in &c.outputs {
            check_file(&what, path, kind);
        }
        if c.args.iter().any(|a| a == "md")
            && c.args.iter().any(|a| a == "--force")
            && c.outputs.is_empty()
        {
            assert_document(&format!("{what} (Markdown on stdout)"), &out.stdout);
        }
    }
}

#[test]
fn every_subcommand_is_in_the_table() {
    use clap::CommandFactory as _;
    let f = fixture();
    let covered: BTreeSet<&str> = table(&f).iter().map(|c| c.command).collect();
    for sub in tianbiao::cli::Cli::command().get_subcommands() {
        assert!(
            covered.contains(sub.get_name()),
            "the hostile-input table has no row for `tianbiao {}`: add one",
            sub.get_name()
        );
    }
}

#[test]
fn the_notes_document_drops_what_a_hostile_draft_hides() {
    let f = fixture();
    let out = tb(&f.data)
        .args(["review", "--notes"])
        .arg(&f.draft)
        .output()
        .unwrap();
    assert_document("review --notes", &out.stdout);
    let text = String::from_utf8_lossy(&out.stdout);
    // The visible words stay: the reviewer's document names the scenario.
    assert!(text.contains(r"智慧港口\]0;PWNED"), "{text}");
}

#[test]
fn the_export_gate_reports_hidden_characters_and_force_drops_them() {
    let f = fixture();
    let refused = tb(&f.data)
        .args(["export", "--format", "md", "-o"])
        .arg(f.work.join("x.md"))
        .arg(&f.draft)
        .output()
        .unwrap();
    assert_eq!(refused.status.code(), Some(1));
    let err = String::from_utf8_lossy(&refused.stderr);
    assert!(err.contains("个不可见或控制字符"), "{err}");
    assert!(
        err.contains("场景名称"),
        "the finding names the field: {err}"
    );
    assert!(!f.work.join("x.md").exists());
    let forced = tb(&f.data)
        .args(["export", "--force", "--format", "md", "-o"])
        .arg(f.work.join("x.md"))
        .arg(&f.draft)
        .output()
        .unwrap();
    assert_eq!(forced.status.code(), Some(0));
    let err = String::from_utf8_lossy(&forced.stderr);
    assert!(err.contains("已去掉"), "{err}");
    let md = std::fs::read_to_string(f.work.join("x.md")).unwrap();
    assert!(md.contains("第一段"));
    assert!(!md.chars().any(tianbiao::sanitize::is_forbidden_raw));
}
