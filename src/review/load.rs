//! Reading a received file — a draft (RON) or a submission (JSON) — as hostile input.
//!
//! Every file goes through [`fsio::read_capped`]: regular files only (a FIFO, a socket or a
//! symlink to a device is refused without blocking), at most [`fsio::FILE_CAP`] bytes (a larger
//! file is refused from its size, without reading it). The kind is told by the content, not the
//! name: a file whose first non-blank character is `{` is a submission. Parse errors become a
//! [`LoadError`] whose text is safe for a terminal (serde_json quotes unknown keys raw; we never
//! show its message unsanitised).

use std::io::{Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::Serialize;

use super::docx_match::{self, DocxReport};
use crate::docx::{self, DocxError, Sniffed};
use crate::draft::{Draft, ParseError};
use crate::export::submission::{self, ImportError};
use crate::form::{self, Form};
use crate::fsio::{self, ReadError};

/// What a received file is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FileKind {
    /// A tianbiao draft (`Draft(...)` in RON).
    Draft,
    /// A submission exported by `tianbiao export` (JSON, `tianbiao.submission/1`).
    Submission,
    /// A Word document (.docx) filled in from the form's template, matched to the form.
    Docx,
}

/// A form ready to check against, with its hash computed once.
#[derive(Clone, Debug)]
pub struct LoadedForm {
    pub form: Arc<Form>,
    /// `Form::hash()`.
    pub hash: String,
    /// `Form::legacy_hash()`: files made before the hash was canonical carry it.
    pub legacy_hash: String,
    /// Its texts as Word documents are matched against them, worked out at the first document.
    pub texts: std::sync::OnceLock<docx_match::FormTexts>,
}

/// The forms received files may belong to, by id: the built-in ones, plus any the reviewer
/// adds (`--form FILE`). Loading a form and hashing it is done once, not once per file.
#[derive(Clone, Debug, Default)]
pub struct FormSet {
    forms: Vec<LoadedForm>,
    /// Word documents are matched to this form (`--form`) rather than the best-scoring one.
    pinned: Option<String>,
}

impl FormSet {
    /// Every built-in form (a built-in that fails to load is a build defect and is left out;
    /// the test suite checks them all).
    pub fn builtin() -> FormSet {
        let mut set = FormSet::default();
        for (id, _, _) in form::BUILTIN {
            if let Some(Ok(f)) = form::builtin(id) {
                set.add(f);
            }
        }
        set
    }

    /// Adds a form, replacing one with the same id.
    pub fn add(&mut self, form: Form) {
        let (hash, legacy_hash) = (form.hash(), form.legacy_hash());
        self.forms.retain(|f| f.form.id != form.id);
        self.forms.push(LoadedForm {
            form: Arc::new(form),
            hash,
            legacy_hash,
            texts: std::sync::OnceLock::new(),
        });
    }

    pub fn get(&self, id: &str) -> Option<&LoadedForm> {
        self.forms.iter().find(|f| f.form.id == id)
    }

    pub fn iter(&self) -> impl Iterator<Item = &LoadedForm> {
        self.forms.iter()
    }

    /// Only this form: received Word documents are matched to it instead of guessed.
    pub fn pin(&mut self, id: &str) {
        self.pinned = Some(id.to_string());
    }
}

/// What a submission said about itself (recomputed by `check`, never trusted).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Claim {
    pub valid: bool,
    pub findings: usize,
    /// The attachments it records with their size and sha256 (a bundle's, or an export's whose
    /// files were read), so `check` can tell a file changed or swapped since the export.
    pub attachments: Vec<Recorded>,
}

/// An attachment as a submission records it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Recorded {
    pub section: String,
    pub field: String,
    /// As the submission gives it: relative to the submission file.
    pub path: String,
    pub size: u64,
    pub sha256: String,
}

/// Every attachment of a submission that carries its size and sha256.
pub fn recorded_attachments(sub: &submission::Submission) -> Vec<Recorded> {
    let mut out = Vec::new();
    for section in &sub.sections {
        for field in &section.fields {
            let Some(serde_json::Value::Array(files)) = &field.value else {
                continue;
            };
            if field.kind != "Attachments" {
                continue;
            }
            for f in files {
                let (Some(path), Some(size), Some(sha256)) = (
                    f.get("path").and_then(|v| v.as_str()),
                    f.get("size").and_then(|v| v.as_u64()),
                    f.get("sha256").and_then(|v| v.as_str()),
                ) else {
                    continue;
                };
                out.push(Recorded {
                    section: section.id.clone(),
                    field: field.id.clone(),
                    path: path.to_string(),
                    size,
                    sha256: sha256.to_string(),
                });
            }
        }
    }
    out
}

/// A received file that parsed: its form, its answers as a draft, and the hash of its bytes.
#[derive(Clone, Debug)]
pub struct ReceivedFile {
    pub path: PathBuf,
    pub kind: FileKind,
    /// The form with the file's form id (built in or added to the [`FormSet`]).
    pub form: Arc<Form>,
    /// `Form::hash()` of `form`.
    pub form_hash: String,
    /// The answers. A submission is turned into a draft with `export::submission::to_draft`,
    /// keeping its name, times and the form version/hash it was made from.
    pub draft: Draft,
    /// `sha256:` and 64 hex digits, of the file's bytes (duplicates are found by it). Empty for
    /// a Word document read with [`Hashing::Skip`].
    pub file_hash: String,
    /// Size in bytes.
    pub size: u64,
    /// A submission's own verdict, to compare with ours.
    pub claim: Option<Claim>,
    /// For a Word document: where each answer was found.
    pub docx: Option<Arc<DocxReport>>,
}

impl ReceivedFile {
    /// The draft was made from another version of its form (checked with the current one).
    pub fn form_changed(&self) -> bool {
        self.draft.form_hash != self.form_hash || self.draft.form_version != self.form.version
    }

    /// The directory relative attachment paths are resolved against.
    pub fn base_dir(&self) -> PathBuf {
        match self.path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        }
    }
}

/// Why a received file cannot be checked. Every variant is the "cannot be read" class (exit 2);
/// [`LoadError::describe`] gives one line safe for a terminal.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// Missing, no permission, not a regular file, too large.
    #[error("{0}")]
    Read(#[from] ReadError),
    /// Not UTF-8; the offset of the first bad byte.
    #[error("not UTF-8 at byte {offset}")]
    NotUtf8 { offset: usize },
    /// Nothing but white space.
    #[error("empty file")]
    Empty,
    /// A draft (RON) that does not parse; the message is already sanitised.
    #[error("{0}")]
    Draft(ParseError),
    /// A submission (JSON) that does not parse or has the wrong layout or values.
    #[error("{0}")]
    Submission(ImportError),
    /// A form id that is neither built in nor given with `--form`.
    #[error("unknown form {0}")]
    UnknownForm(String),
    /// Not a readable Word document (a .doc, an encrypted file, an .xlsx, a hostile package).
    #[error("{0}")]
    Docx(#[from] DocxError),
    /// A Word document in which no form's headings or labels were found.
    #[error("no form matches")]
    NoForm,
    /// A Word document holding more than one application (filled templates put in one file):
    /// the paragraph where each begins. Checking it as one would merge their answers.
    #[error("several applications in one document")]
    SeveralApplications { starts: Vec<usize> },
}

impl LoadError {
    /// A .doc/.wps that `--convert` could turn into a .docx.
    pub fn convertible(&self) -> bool {
        matches!(self, LoadError::Docx(e) if e.convertible())
    }
}

/// Tells a draft from a submission by its first non-blank character (after a BOM).
pub fn detect(text: &str) -> FileKind {
    let t = text.strip_prefix('\u{feff}').unwrap_or(text);
    match t.trim_start().chars().next() {
        Some('{') => FileKind::Submission,
        _ => FileKind::Draft,
    }
}

/// Largest Word document read (its photos are never read, so size alone costs little).
pub const DOCX_FILE_CAP: u64 = 1024 * 1024 * 1024;

/// Whether a Word document's bytes are hashed while it is read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Hashing {
    /// `summary` and `review` need the hash (duplicates, the review notes' key).
    Full,
    /// `check` and `import` never show it: a document with 50 MB of photos is then read
    /// without touching the photos at all. Drafts and submissions are small and always hashed.
    Skip,
}

/// Reads and parses one received file (see the module documentation for what is refused). A
/// zip or OLE file is read as a Word document, by seeking, without loading it whole.
pub fn load_file(path: &Path, forms: &FormSet) -> Result<ReceivedFile, LoadError> {
    load_file_with(path, forms, Hashing::Full)
}

/// [`load_file`], hashing a Word document only when asked to.
pub fn load_file_with(
    path: &Path,
    forms: &FormSet,
    hashing: Hashing,
) -> Result<ReceivedFile, LoadError> {
    let (mut file, meta) = fsio::open_regular(path)?;
    let mut head = [0u8; 8];
    let mut got = 0;
    while got < head.len() {
        match file.read(&mut head[got..]) {
            Ok(0) => break,
            Ok(n) => got += n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(LoadError::Read(ReadError::Io(e))),
        }
    }
    file.seek(SeekFrom::Start(0))
        .map_err(|e| LoadError::Read(ReadError::Io(e)))?;
    if docx::sniff(&head[..got]) != Sniffed::Other {
        if meta.len() > DOCX_FILE_CAP {
            return Err(LoadError::Read(ReadError::TooLarge {
                size: meta.len(),
                cap: DOCX_FILE_CAP,
            }));
        }
        // The hash straight from the file in large blocks; the zip's headers and parts through
        // a buffer, as they come in many small reads.
        let file_hash = match hashing {
            Hashing::Full => {
                let hash =
                    sha256_reader(&mut file).map_err(|e| LoadError::Read(ReadError::Io(e)))?;
                file.seek(SeekFrom::Start(0))
                    .map_err(|e| LoadError::Read(ReadError::Io(e)))?;
                Some(hash)
            }
            Hashing::Skip => None,
        };
        let file = std::io::BufReader::with_capacity(64 * 1024, file);
        let mut rf = load_docx(path, file, meta.len(), forms, Hashing::Skip)?;
        rf.file_hash = file_hash.unwrap_or_default();
        return Ok(rf);
    }
    if meta.len() > fsio::FILE_CAP {
        return Err(LoadError::Read(ReadError::TooLarge {
            size: meta.len(),
            cap: fsio::FILE_CAP,
        }));
    }
    let bytes = fsio::read_limited(file, fsio::FILE_CAP)?;
    load_bytes(path, &bytes, forms)
}

/// Reads a Word document (zip or OLE) and matches it to its form: the pinned one, or the form
/// whose headings and labels score best.
pub fn load_docx<R: Read + Seek>(
    path: &Path,
    mut reader: R,
    size: u64,
    forms: &FormSet,
    hashing: Hashing,
) -> Result<ReceivedFile, LoadError> {
    let mut head = [0u8; 8];
    let n = reader.read(&mut head).unwrap_or(0);
    reader
        .seek(SeekFrom::Start(0))
        .map_err(|e| LoadError::Read(ReadError::Io(e)))?;
    if docx::sniff(&head[..n]) == Sniffed::Ole {
        let mut bytes = Vec::new();
        (&mut reader)
            .take(fsio::FILE_CAP)
            .read_to_end(&mut bytes)
            .map_err(|e| LoadError::Read(ReadError::Io(e)))?;
        return Err(LoadError::Docx(docx::package::classify_ole(&bytes)));
    }
    let doc = docx::read(&mut reader, &docx::Limits::default())?;
    let file_hash = match hashing {
        Hashing::Skip => String::new(),
        Hashing::Full => {
            reader
                .seek(SeekFrom::Start(0))
                .map_err(|e| LoadError::Read(ReadError::Io(e)))?;
            sha256_reader(&mut reader).map_err(|e| LoadError::Read(ReadError::Io(e)))?
        }
    };
    let name = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let now = chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string();
    let candidates: Vec<&LoadedForm> = match &forms.pinned {
        Some(id) => forms.get(id).into_iter().collect(),
        None => forms.iter().collect(),
    };
    let normed = docx_match::Normalised::of(&doc);
    let mut best: Option<(&LoadedForm, docx_match::Matched)> = None;
    for lf in candidates {
        let m = docx_match::match_document_hashed(
            &doc,
            &normed,
            &lf.form,
            lf.texts.get_or_init(|| docx_match::FormTexts::of(&lf.form)),
            &lf.hash,
            &name,
            &now,
        );
        if best
            .as_ref()
            .is_none_or(|(_, b)| m.report.score > b.report.score)
        {
            best = Some((lf, m));
        }
    }
    let Some((loaded, mut matched)) = best else {
        return Err(LoadError::NoForm);
    };
    if matched.report.score == 0 {
        return Err(LoadError::NoForm);
    }
    if matched.report.applications.len() > 1 {
        return Err(LoadError::SeveralApplications {
            starts: matched.report.applications,
        });
    }
    matched.report.form_guessed = forms.pinned.is_none();
    Ok(ReceivedFile {
        path: path.to_path_buf(),
        kind: FileKind::Docx,
        form: Arc::clone(&loaded.form),
        form_hash: loaded.hash.clone(),
        draft: matched.draft,
        file_hash,
        size,
        claim: None,
        docx: Some(Arc::new(matched.report)),
    })
}

/// `sha256:` and 64 hex digits of everything `r` yields, read in blocks (a 50 MB document is
/// never held whole). 64 KB blocks stay in the CPU's cache between the kernel's copy and the
/// hash: with 256 KB ones the kernel's copy of a 50 MB file took three times as long here.
fn sha256_reader(r: &mut impl Read) -> std::io::Result<String> {
    use sha2::{Digest, Sha256};
    let mut h = Sha256::new();
    let mut buf = vec![0u8; 64 * 1024];
    loop {
        match r.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => h.update(&buf[..n]),
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(format!("sha256:{:x}", h.finalize()))
}

/// Parses the bytes of a received file; `path` is only recorded (and used for attachments).
pub fn load_bytes(path: &Path, bytes: &[u8], forms: &FormSet) -> Result<ReceivedFile, LoadError> {
    if docx::sniff(bytes) != Sniffed::Other {
        let size = bytes.len() as u64;
        return load_docx(
            path,
            std::io::Cursor::new(bytes),
            size,
            forms,
            Hashing::Full,
        );
    }
    let text = std::str::from_utf8(bytes).map_err(|e| LoadError::NotUtf8 {
        offset: e.valid_up_to(),
    })?;
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    if body.trim().is_empty() {
        return Err(LoadError::Empty);
    }
    let kind = detect(text);
    let file_hash = crate::export::sha256(bytes);
    let (draft, loaded, claim) = match kind {
        FileKind::Draft => {
            let draft = Draft::from_ron(text).map_err(LoadError::Draft)?;
            let loaded = forms
                .get(&draft.form_id)
                .ok_or_else(|| LoadError::UnknownForm(draft.form_id.clone()))?;
            (draft, loaded, None)
        }
        FileKind::Submission => {
            let sub = submission::parse_json(text).map_err(LoadError::Submission)?;
            let loaded = forms
                .get(&sub.form.id)
                .ok_or_else(|| LoadError::UnknownForm(sub.form.id.clone()))?;
            let draft = submission::to_draft(&sub, &loaded.form, &sub.draft.name)
                .map_err(LoadError::Submission)?;
            let claim = Claim {
                valid: sub.valid,
                findings: sub.findings.len(),
                attachments: recorded_attachments(&sub),
            };
            (draft, loaded, Some(claim))
        }
        // Told apart above: Word documents never reach the text parsers.
        FileKind::Docx => return Err(LoadError::Docx(DocxError::NotDocx)),
    };
    let mut draft = draft;
    if draft.form_hash == loaded.legacy_hash {
        // The same form, hashed the way earlier versions did.
        draft.form_hash.clone_from(&loaded.hash);
    }
    Ok(ReceivedFile {
        path: path.to_path_buf(),
        kind,
        form: Arc::clone(&loaded.form),
        form_hash: loaded.hash.clone(),
        draft,
        file_hash,
        size: bytes.len() as u64,
        claim,
        docx: None,
    })
}

/// The files named on a command line: files as given (in order), and for a directory the
/// `*.ron`, `*.json`, `*.docx`, `*.doc` and `*.wps` files directly inside it (not hidden ones, not recursing), sorted by
/// name. A directory that cannot be listed is kept as given, so it is reported as unreadable.
pub fn expand_inputs(args: &[PathBuf]) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for arg in args {
        let is_dir = std::fs::metadata(arg).is_ok_and(|m| m.is_dir());
        if !is_dir {
            out.push(arg.clone());
            continue;
        }
        let Ok(entries) = std::fs::read_dir(arg) else {
            out.push(arg.clone());
            continue;
        };
        let mut found: Vec<PathBuf> = entries
            .flatten()
            .filter(|e| {
                let name = e.file_name();
                let name = name.to_string_lossy();
                let lower = name.to_lowercase();
                !name.starts_with('.')
                    && [".ron", ".json", ".docx", ".doc", ".wps"]
                        .iter()
                        .any(|ext| lower.ends_with(ext))
            })
            .map(|e| e.path())
            .collect();
        found.sort();
        out.extend(found);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kind_is_told_by_content() {
        assert_eq!(detect("{\"format\": 1}"), FileKind::Submission);
        assert_eq!(detect("\u{feff}\n  {"), FileKind::Submission);
        assert_eq!(detect("// tianbiao draft\nDraft("), FileKind::Draft);
        assert_eq!(detect("Draft(format: 1)"), FileKind::Draft);
    }

    #[test]
    fn empty_and_non_utf8_files_are_refused() {
        let forms = FormSet::builtin();
        let p = Path::new("x.ron");
        assert!(matches!(
            load_bytes(p, b" \n\t", &forms),
            Err(LoadError::Empty)
        ));
        assert!(matches!(
            load_bytes(p, b"Draft(\xff)", &forms),
            Err(LoadError::NotUtf8 { offset: 6 })
        ));
    }

    #[test]
    fn unknown_form_ids_are_refused() {
        let forms = FormSet::builtin();
        let form = forms.get("ai-scenario").unwrap();
        let mut d = Draft::new(&form.form, "x", "2022-08-10T00:00:00Z");
        d.form_id = "nope".into();
        let e = load_bytes(Path::new("x.ron"), d.to_ron().as_bytes(), &forms).unwrap_err();
        assert!(matches!(e, LoadError::UnknownForm(id) if id == "nope"));
    }
}
