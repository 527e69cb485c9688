//! Shared helpers of the export tests: the example draft, a hermetic `tianbiao` command, and the
//! text of an exported .docx.
#![allow(dead_code)]

use std::io::Read;
use std::path::{Path, PathBuf};

use assert_cmd::Command;

/// The fixed export time of every export test (2022-08-10T09:00:00Z).
pub const EPOCH: &str = "1660122000";
pub const EXPORTED: &str = "2022-08-10T09:00:00Z";

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The shipped example draft.
pub fn example_path() -> PathBuf {
    root().join("docs/examples/smart-port.ron")
}

pub fn example() -> tianbiao::draft::Draft {
    let text = std::fs::read_to_string(example_path()).unwrap();
    tianbiao::draft::Draft::from_ron(&text).unwrap()
}

/// The example with absolute attachment paths, for drafts written elsewhere.
pub fn example_moved() -> tianbiao::draft::Draft {
    let mut d = example();
    for id in ["figures", "materials"] {
        if let Some(tianbiao::form::Value::Attachments(files)) = d.answers.0.get_mut(id) {
            for a in files {
                a.path = root()
                    .join("docs/examples")
                    .join(&a.path)
                    .display()
                    .to_string();
            }
        }
    }
    d
}

pub fn flagship() -> tianbiao::form::Form {
    tianbiao::form::builtin("ai-scenario").unwrap().unwrap()
}

/// `tianbiao` with no locale, a private data directory and the fixed export time.
pub fn tb(data: &Path) -> Command {
    let mut c = Command::cargo_bin("tianbiao").unwrap();
    c.env_remove("LANG")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("TIANBIAO_DATA_DIR", data)
        .env("SOURCE_DATE_EPOCH", EPOCH);
    c
}

/// Writes a draft file into `dir` and returns its path.
pub fn write_draft(dir: &Path, name: &str, draft: &tianbiao::draft::Draft) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, draft.to_ron()).unwrap();
    p
}

/// The text of `word/document.xml` of a .docx: every `<w:t>`, paragraphs on their own lines.
pub fn docx_xml_text(bytes: &[u8]) -> String {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip file");
    let mut xml = String::new();
    zip.by_name("word/document.xml")
        .expect("word/document.xml")
        .read_to_string(&mut xml)
        .unwrap();
    let para = regex::Regex::new(r"(?s)<w:p[ >].*?</w:p>").unwrap();
    let text = regex::Regex::new(r"(?s)<w:t(?: [^>]*)?>(.*?)</w:t>").unwrap();
    let mut out = String::new();
    for p in para.find_iter(&xml) {
        for t in text.captures_iter(p.as_str()) {
            out.push_str(&unescape(&t[1]));
        }
        out.push('\n');
    }
    out
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// The document's text as LibreOffice reads it (`soffice --convert-to txt`), when LibreOffice is
/// installed; `None` otherwise.
pub fn soffice_text(docx: &Path) -> Option<String> {
    let found = std::env::var_os("PATH")
        .map(|p| std::env::split_paths(&p).any(|d| d.join("soffice").is_file()))
        .unwrap_or(false);
    if !found {
        return None;
    }
    let out = tempfile::tempdir().unwrap();
    let status = std::process::Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            out.path().join("profile").display()
        ))
        .args(["--headless", "--convert-to", "txt:Text", "--outdir"])
        .arg(out.path())
        .arg(docx)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .expect("run soffice");
    assert!(status.success(), "soffice failed to convert {docx:?}");
    let stem = docx.file_stem().unwrap().to_string_lossy().into_owned();
    let txt = std::fs::read_to_string(out.path().join(format!("{stem}.txt")))
        .expect("LibreOffice wrote no text: the document did not open");
    Some(txt)
}

/// Text with all whitespace removed, for containment checks across line and cell breaks.
pub fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The text of each page of a document as printed by LibreOffice; `None` (with the reason
/// printed) where soffice or pdftotext is missing.
pub fn pdf_pages(bytes: &[u8]) -> Option<Vec<String>> {
    for tool in ["soffice", "pdftotext"] {
        let found = std::env::var_os("PATH")
            .is_some_and(|p| std::env::split_paths(&p).any(|d| d.join(tool).is_file()));
        if !found {
            println!(
                "skipped: {tool} is not installed (apt-get install libreoffice-writer poppler-utils)"
            );
            return None;
        }
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("doc.docx");
    std::fs::write(&path, bytes).unwrap();
    let status = std::process::Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            dir.path().join("profile").display()
        ))
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(dir.path())
        .arg(&path)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .unwrap();
    assert!(status.success(), "soffice could not convert the document");
    let out = std::process::Command::new("pdftotext")
        .args(["-layout"])
        .arg(dir.path().join("doc.pdf"))
        .arg("-")
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    let mut pages: Vec<String> = text.split('\u{c}').map(String::from).collect();
    if pages.last().is_some_and(|p| p.trim().is_empty()) {
        pages.pop();
    }
    Some(pages)
}
