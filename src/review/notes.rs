//! Reviewer notes: a note per field of a received file, kept in the reviewer's own data
//! directory (`…/tianbiao/reviews/<sha256>.ron`), keyed by the file's hash, never inside or beside
//! the received file; and the notes document sent back to the applicant.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::check::Checked;
use super::load::ReceivedFile;
use crate::form::limits::{self, Exceeded, Item};
use crate::lang::Lang;

/// The notes of one reviewed file.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Notes {
    /// `sha256:…` of the reviewed file's bytes.
    pub file_hash: String,
    /// Where the file was when last reviewed (for people; the hash is the key).
    #[serde(default)]
    pub path: String,
    #[serde(default)]
    pub form_id: String,
    /// Field id → note; [`OVERALL`] holds the note on the file as a whole (总体意见).
    #[serde(default)]
    pub notes: BTreeMap<String, String>,
    #[serde(default)]
    pub updated: String,
}

/// The key of the note on the whole file (总体意见): no field id is empty.
pub const OVERALL: &str = "";

/// Folder of notes inside the data directory.
pub fn notes_dir(data_dir: &Path) -> PathBuf {
    data_dir.join("reviews")
}

/// The notes file of a file hash. Only the hex digits of the hash are used in the name.
pub fn notes_path(data_dir: &Path, file_hash: &str) -> PathBuf {
    let hex: String = file_hash
        .trim_start_matches("sha256:")
        .chars()
        .filter(char::is_ascii_hexdigit)
        .take(64)
        .collect();
    notes_dir(data_dir).join(format!("{hex}.ron"))
}

/// Why notes could not be read or written.
#[derive(Debug, thiserror::Error)]
pub enum NotesError {
    #[error("{path}: {message}")]
    Read { path: String, message: String },
    #[error("{path}: {error}")]
    Write { path: String, error: std::io::Error },
}

/// Largest notes file read: far above any real review (a note per field of a long form).
pub const NOTES_FILE_CAP: u64 = crate::fsio::FILE_CAP;

/// Nesting limit for a notes file (it is flat: a struct holding a map of strings).
const RECURSION_LIMIT: usize = 32;

/// Why a notes file's text does not parse.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NotesParseError {
    NotUtf8(crate::decode::NotUtf8),
    /// More notes, or a longer note, than a notes file may hold.
    Limit(Exceeded),
    /// Where RON stopped, and why (sanitised).
    Syntax {
        line: usize,
        col: usize,
        message: String,
    },
}

/// Parses the bytes of a notes file (BOM and CRLF accepted).
pub fn parse(bytes: &[u8]) -> Result<Notes, NotesParseError> {
    let text = crate::decode::text(bytes).map_err(NotesParseError::NotUtf8)?;
    let notes: Notes = ron::Options::default()
        .with_recursion_limit(RECURSION_LIMIT)
        .from_str(&text)
        .map_err(|e| NotesParseError::Syntax {
            line: e.span.start.line,
            col: e.span.start.col,
            message: crate::sanitize::for_terminal(&e.code.to_string()),
        })?;
    notes.check_limits().map_err(NotesParseError::Limit)?;
    Ok(notes)
}

impl Notes {
    /// The first size limit the notes pass: as many notes, and as long, as a draft's answers.
    pub fn check_limits(&self) -> Result<(), Exceeded> {
        let over = |what, place: &str, count, limit| {
            (count > limit).then(|| Exceeded {
                what,
                place: place.to_string(),
                count,
                limit,
            })
        };
        if let Some(e) = over(Item::Answers, "", self.notes.len(), limits::MAX_ANSWERS) {
            return Err(e);
        }
        let fields = [&self.file_hash, &self.path, &self.form_id, &self.updated];
        let texts = fields.into_iter().map(|s| ("", s)).chain(
            self.notes
                .iter()
                .flat_map(|(k, v)| [(k.as_str(), k), (k.as_str(), v)]),
        );
        for (place, s) in texts {
            if s.len() > limits::MAX_ANSWER_CHARS {
                let n = s.chars().count();
                if let Some(e) = over(Item::AnswerText, place, n, limits::MAX_ANSWER_CHARS) {
                    return Err(e);
                }
            }
        }
        Ok(())
    }
}

/// The text of a notes file. RON escapes control and bidi characters, so it is safe to `cat`.
pub fn to_ron(notes: &Notes) -> Result<String, ron::Error> {
    ron::ser::to_string_pretty(notes, ron::ser::PrettyConfig::new())
}

/// The notes for a file (empty when there are none yet).
pub fn load(data_dir: &Path, file_hash: &str) -> Result<Notes, NotesError> {
    let path = notes_path(data_dir, file_hash);
    let shown = crate::sanitize::for_terminal(&path.display().to_string());
    let bytes = match crate::fsio::read_capped(&path, NOTES_FILE_CAP) {
        Ok(b) => b,
        Err(crate::fsio::ReadError::Io(e)) if e.kind() == std::io::ErrorKind::NotFound => {
            return Ok(Notes {
                file_hash: file_hash.to_string(),
                ..Notes::default()
            });
        }
        Err(e) => {
            return Err(NotesError::Read {
                path: shown,
                message: e.english(),
            });
        }
    };
    parse(&bytes).map_err(|e| NotesError::Read {
        path: shown,
        message: e.english(),
    })
}

/// Saves notes atomically, private to the user (0600 in a 0700 folder). An unreadable notes file
/// already there is set aside as `HEX.damaged-STAMP.ron` first.
pub fn save(data_dir: &Path, notes: &Notes) -> Result<PathBuf, NotesError> {
    let path = notes_path(data_dir, &notes.file_hash);
    let werr = |error| NotesError::Write {
        path: crate::sanitize::for_terminal(&path.display().to_string()),
        error,
    };
    crate::fsio::create_private_dir(&notes_dir(data_dir)).map_err(werr)?;
    // A notes file this version cannot read (damaged, or written by a newer version with a key
    // we do not know) is kept under another name, as damaged drafts are, never replaced.
    if path.exists()
        && let Err(NotesError::Read { .. }) = load(data_dir, &notes.file_hash)
    {
        let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S").to_string();
        crate::draft::atomic::set_aside(&path, "damaged", &stamp, false).map_err(werr)?;
    }
    let text = to_ron(notes).map_err(|e| werr(std::io::Error::other(e.to_string())))?;
    crate::fsio::write_private(&path, text.as_bytes()).map_err(werr)?;
    Ok(path)
}

/// A value as the notes document carries it: hidden characters dropped, and only what would
/// change the meaning in a Markdown viewer escaped (a marker at the start of a line, HTML, links
/// and code), so that the same text reads cleanly in Notepad and WeChat, where a backslash
/// before every colon would be noise.
fn md(s: &str) -> String {
    let s = crate::sanitize::for_document(&crate::sanitize::drop_markers(s));
    let s = s.trim_start_matches([' ', '\t']);
    let mut out = String::with_capacity(s.len() + 4);
    let starts_with_marker = s.starts_with(['#', '>', '-', '+', '=', '*'])
        || s.split_once(['.', ')']).is_some_and(|(n, _)| {
            !n.is_empty() && n.len() <= 9 && n.chars().all(|c| c.is_ascii_digit())
        });
    if starts_with_marker {
        out.push('\\');
    }
    for c in s.chars() {
        if matches!(c, '\\' | '<' | '[' | ']' | '`') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Where a field is, for a heading: `(一) 场景简介` when the section is named after its one
/// field, else `申报单位与填报日期 · 申报单位`.
fn place(section: &crate::form::Section, field: &crate::form::Field) -> String {
    let t = section.title.as_str();
    let named_after = t == field.label
        || t.strip_suffix(field.label.as_str())
            .is_some_and(|head| head.ends_with([' ', ')', '）', '、']));
    if named_after {
        section.title.clone()
    } else {
        format!("{} · {}", section.title, field.label)
    }
}

/// The head of the notes document: who reviewed, when, and how many files were received.
pub fn document_head(
    lang: Lang,
    reviewer: Option<&str>,
    date: &str,
    files: usize,
    unreadable: usize,
) -> String {
    use std::fmt::Write as _;
    let w = super::msg::notes_words(lang);
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n", w.title);
    if let Some(r) = reviewer.filter(|r| !r.trim().is_empty()) {
        let _ = writeln!(out, "- {}{}", w.reviewer, md(r));
    }
    let _ = writeln!(out, "- {}{date}", w.date);
    let _ = writeln!(
        out,
        "- {}",
        super::msg::files_received(lang, files, unreadable)
    );
    out
}

/// A received file that could not be read, as the notes document lists it.
pub fn unreadable_block(lang: Lang, n: usize, path: &std::path::Path, why: &str) -> String {
    let w = super::msg::notes_words(lang);
    format!(
        "## {n}. {}\n\n- {}{}\n",
        md(&path.display().to_string()),
        w.unreadable,
        md(why)
    )
}

/// One received file in the document sent back: its facts and verdict, then for every field
/// with a note or a problem its place, the problems and the note, then the remarks (hidden
/// characters and the like). Markdown that reads as plain text, in the interface language.
pub fn to_markdown(lang: Lang, rf: &ReceivedFile, checked: &Checked, notes: &Notes) -> String {
    file_block(lang, 1, rf, checked, notes)
}

/// [`to_markdown`] numbered as the `n`-th file of the document.
pub fn file_block(
    lang: Lang,
    n: usize,
    rf: &ReceivedFile,
    checked: &Checked,
    notes: &Notes,
) -> String {
    use std::fmt::Write as _;
    let w = super::msg::notes_words(lang);
    let mut out = String::new();
    let _ = writeln!(out, "## {n}. {}\n", md(&rf.path.display().to_string()));
    let row = |k: &str, v: &str| format!("- {k}{}\n", md(v));
    out.push_str(&row(w.scenario, checked.scenario.as_deref().unwrap_or("")));
    out.push_str(&row(
        w.applicant,
        checked.applicant.as_deref().unwrap_or(""),
    ));
    out.push_str(&row(w.file_hash, &rf.file_hash));
    let verdict = if checked.pass() { w.pass } else { w.fail };
    out.push_str(&row(w.verdict, verdict));
    out.push('\n');
    let mut any = false;
    if let Some(n) = notes.notes.get(OVERALL).filter(|n| !n.trim().is_empty()) {
        any = true;
        let _ = writeln!(out, "### {}\n", w.overall);
        for line in n.lines() {
            let _ = writeln!(out, "  > {}", md(line));
        }
        out.push('\n');
    }
    let lines = checked.finding_lines(lang);
    for (section, field) in rf.form.fields() {
        let problems: Vec<String> = checked
            .findings
            .iter()
            .zip(&lines)
            .filter(|(f, _)| f.field == field.id)
            .map(|(_, line)| problem_text(line))
            .collect();
        let note = notes.notes.get(&field.id).filter(|n| !n.trim().is_empty());
        if problems.is_empty() && note.is_none() {
            continue;
        }
        any = true;
        let _ = writeln!(out, "### {}\n", md(&place(section, field)));
        for p in problems {
            let _ = writeln!(out, "- {}{}", w.problem, md(&p));
        }
        if let Some(n) = note {
            let _ = writeln!(out, "- {}", w.note);
            for line in n.lines() {
                let _ = writeln!(out, "  > {}", md(line));
            }
        }
        out.push('\n');
    }
    // Notes on fields the form does not have (a different form version) are kept, never dropped.
    for (id, n) in &notes.notes {
        if id != OVERALL && rf.form.field(id).is_none() && !n.trim().is_empty() {
            any = true;
            let _ = writeln!(out, "### {}\n\n  > {}\n", md(id), md(n));
        }
    }
    if !checked.notes.is_empty() {
        any = true;
        for n in &checked.notes {
            let _ = writeln!(out, "- {}{}", w.remark, md(&n.describe(lang, &rf.form)));
        }
        out.push('\n');
    }
    if !any {
        out.push_str(w.nothing);
    }
    out
}

/// A finding's message without its place, which the heading above it already gives
/// (`(三) 应用效果: 523/500 字, 超出 23 字` → `523/500 字, 超出 23 字`).
fn problem_text(message: &str) -> String {
    match message.split_once(": ") {
        Some((_, rest)) if !rest.is_empty() => rest.to_string(),
        _ => message.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_note_is_headed_by_its_field_unless_the_section_is_named_after_it() {
        let form = crate::form::builtin(crate::form::FLAGSHIP)
            .unwrap()
            .unwrap();
        let at = |id: &str| {
            let (s, f) = form.fields().find(|(_, f)| f.id == id).unwrap();
            place(s, f)
        };
        assert_eq!(at("applicant_unit"), "申报单位与填报日期 · 申报单位");
        assert_eq!(at("effect"), "(三) 应用效果");
        assert_eq!(at("domains"), "一、基本情况 · 所属行业领域");
    }

    #[test]
    fn notes_live_in_the_data_dir_keyed_by_hash() {
        let d = tempfile::tempdir().unwrap();
        let hash = "sha256:00ff".to_string();
        assert_eq!(
            notes_path(d.path(), &hash),
            d.path().join("reviews/00ff.ron")
        );
        // A hostile "hash" cannot walk out of the folder.
        assert_eq!(
            notes_path(d.path(), "../../etc/passwd"),
            d.path().join("reviews/ecad.ron")
        );
        let mut n = load(d.path(), &hash).unwrap();
        assert!(n.notes.is_empty());
        n.notes
            .insert("intro".into(), "请补充开放性体现\n第二行".into());
        let p = save(d.path(), &n).unwrap();
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(
            std::fs::metadata(&p).unwrap().permissions().mode() & 0o777,
            0o600
        );
        assert_eq!(load(d.path(), &hash).unwrap(), n);
    }
}
