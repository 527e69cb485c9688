//! One attachment check: the editor, export and the check of received files find the same
//! problem for the same file (missing, not a regular file, over the size cap), by the same path
//! rule for a relative path (beside the draft).

mod support;

use std::path::Path;

use support::tui::{Harness, flagship_app};
use tianbiao::export::{self, ATTACHMENT_CAP, FileState};
use tianbiao::form::{Answers, Attachment, Problem, Value};
use tianbiao::lang::Lang;
use tianbiao::review::check::attachment_findings;
use tianbiao::tui::action::Action;

const FIELD: &str = "figures";

/// A folder with a missing, a directory, an oversized (sparse) and a good attachment.
fn folder() -> (tempfile::TempDir, Vec<&'static str>) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("dir.png")).unwrap();
    let big = std::fs::File::create(dir.path().join("big.png")).unwrap();
    big.set_len(ATTACHMENT_CAP + 1).unwrap();
    std::fs::write(dir.path().join("ok.png"), b"\x89PNG\r\n\x1a\n").unwrap();
    (dir, vec!["missing.png", "dir.png", "big.png", "ok.png"])
}

fn answers(paths: &[&str]) -> Answers {
    let mut a = Answers::default();
    a.set(
        FIELD,
        Value::Attachments(
            paths
                .iter()
                .map(|p| Attachment {
                    path: p.to_string(),
                    caption: "图".into(),
                })
                .collect(),
        ),
    );
    a
}

fn expected(path: &str) -> Option<Problem> {
    let path = path.to_string();
    match path.as_str() {
        "missing.png" => Some(Problem::AttachmentMissing { path }),
        "dir.png" => Some(Problem::AttachmentNotRegular { path }),
        "big.png" => Some(Problem::AttachmentTooLarge {
            path,
            size: ATTACHMENT_CAP + 1,
            limit: ATTACHMENT_CAP,
        }),
        _ => None,
    }
}

fn attachment_problems(problems: Vec<Problem>) -> Vec<Problem> {
    problems
        .into_iter()
        .filter(|p| {
            matches!(
                p,
                Problem::AttachmentMissing { .. }
                    | Problem::AttachmentNotRegular { .. }
                    | Problem::AttachmentTooLarge { .. }
                    | Problem::AttachmentUnreadable { .. }
            )
        })
        .collect()
}

#[test]
fn export_check_and_editor_find_the_same_attachment_problems() {
    let (dir, paths) = folder();
    let want: Vec<Problem> = paths.iter().filter_map(|p| expected(p)).collect();
    let form = tianbiao::form::builtin("ai-scenario").unwrap().unwrap();
    let answers = answers(&paths);

    // Export: every file read and hashed, relative paths beside the draft.
    let files = export::check_files(&form, &answers, Some(dir.path()));
    let by_export: Vec<Problem> = export::file_findings(&form, &answers, &files)
        .into_iter()
        .map(|f| f.problem)
        .collect();
    assert_eq!(by_export, want);
    assert!(matches!(
        files["ok.png"].state,
        FileState::Ok { size: 8, .. }
    ));

    // The check of a received file: looked at beside it, never opened.
    let mut notes = Vec::new();
    let by_check: Vec<Problem> = attachment_findings(&form, &answers, dir.path(), &mut notes)
        .into_iter()
        .map(|f| f.problem)
        .collect();
    assert_eq!(by_check, want);
    assert!(notes.is_empty(), "{notes:?}");

    // The editor: the driver's look at each path, as the field's problems show it.
    let mut h = Harness::new(flagship_app(Lang::Zh));
    h.app
        .draft
        .answers
        .set(FIELD, answers.get(FIELD).unwrap().clone());
    for p in &paths {
        let check = export::stat_attachment(&export::resolve_attachment(p, Some(dir.path())));
        h.act(Action::FileChecked {
            path: p.to_string(),
            resolved: p.to_string(),
            check,
        });
    }
    let i = h
        .app
        .fields
        .iter()
        .position(|f| h.app.form.sections[f.section].fields[f.index].id == FIELD)
        .unwrap();
    assert_eq!(attachment_problems(h.app.problems(i)), want);
}

#[test]
fn a_look_at_an_attachment_never_opens_it() {
    // A FIFO would block an open; the look at its metadata says what it is and returns.
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("pipe.png");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    if !made.is_ok_and(|s| s.success()) {
        println!("skipped: mkfifo is not available");
        return;
    }
    assert_eq!(
        export::stat_attachment(Path::new(&fifo)),
        Err(FileState::NotRegular)
    );
}
