//! `--bundle DIR`: a submission folder with `submission.json`, the Word document and the
//! attachments copied into `attachments/`, each recorded in the JSON with its size and sha256.
//!
//! The folder is built next to DIR under a temporary name and renamed into place, so a
//! half-written bundle never appears under DIR. An existing non-empty DIR is refused unless
//! `force`; then the bundle's files are renamed into it one by one (each atomically) and nothing
//! else in it is touched.

use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use super::{
    ExportError, ExportReport, FileState, Format, Options, check_files, gate, prepare, render,
};
use crate::draft::Draft;
use crate::form::Form;

/// The JSON's file name inside a bundle.
pub const SUBMISSION: &str = "submission.json";
/// The attachments folder inside a bundle.
pub const ATTACHMENTS: &str = "attachments";

/// A file name made safe: no separators, controls, hidden characters or leading dot.
fn safe_name(name: &str) -> String {
    crate::sanitize::file_name(name, 120, "file")
}

/// The Word document's name in a bundle: the draft's name.
pub fn docx_name(draft: &Draft) -> String {
    let base = crate::draft::store::file_name_for(&draft.name);
    format!("{}.docx", base.strip_suffix(".ron").unwrap_or(&base))
}

/// Writes a bundle folder. See the module documentation.
pub fn write_bundle(
    form: &Form,
    draft: &Draft,
    dir: &Path,
    opts: &Options,
    now: &str,
) -> Result<ExportReport, ExportError> {
    let existing_nonempty = match fs::symlink_metadata(dir) {
        Ok(m) if !m.is_dir() => {
            return Err(ExportError::Write(
                dir.to_path_buf(),
                std::io::Error::from(std::io::ErrorKind::NotADirectory),
            ));
        }
        Ok(_) => {
            let nonempty = fs::read_dir(dir)
                .map_err(|e| ExportError::Write(dir.to_path_buf(), e))?
                .next()
                .is_some();
            if nonempty && !opts.force {
                return Err(ExportError::NotEmpty(dir.to_path_buf()));
            }
            nonempty
        }
        Err(_) => false,
    };

    let mut files = check_files(form, &draft.answers, opts.base_dir.as_deref());
    let mut n = 0;
    for (path, check) in files.iter_mut() {
        if matches!(check.state, FileState::Ok { .. }) {
            n += 1;
            let name = super::layout::file_name(path);
            check.bundled_as = Some(format!("{ATTACHMENTS}/{n:02}-{}", safe_name(&name)));
        }
    }
    let p = prepare(form, draft, now, files);
    gate(&p, opts.force)?;
    let json = render(&p, Format::Json, opts.lang);
    let docx = render(&p, Format::Docx, opts.lang);
    let docx_name = docx_name(draft);

    let staging = staging_dir(dir);
    let result = (|| {
        let werr = |path: &Path| {
            let path = path.to_path_buf();
            move |e| ExportError::Write(path, e)
        };
        fs::create_dir(&staging).map_err(werr(&staging))?;
        write_synced(&staging.join(SUBMISSION), &json)?;
        write_synced(&staging.join(&docx_name), &docx)?;
        let mut copies = Vec::new();
        for check in p.files.values() {
            let (Some(name), FileState::Ok { sha256, .. }) = (&check.bundled_as, &check.state)
            else {
                continue;
            };
            if copies.is_empty() {
                let a = staging.join(ATTACHMENTS);
                fs::create_dir(&a).map_err(werr(&a))?;
            }
            let bytes = crate::fsio::read_capped(&check.resolved, super::ATTACHMENT_CAP)
                .map_err(|e| ExportError::Copy(check.resolved.clone(), e.to_string()))?;
            if super::sha256(&bytes) != *sha256 {
                return Err(ExportError::Copy(
                    check.resolved.clone(),
                    "changed while exporting".into(),
                ));
            }
            write_synced(&staging.join(name), &bytes)?;
            copies.push(name.clone());
        }
        if !copies.is_empty() {
            sync_dir(&staging.join(ATTACHMENTS))?;
        }
        sync_dir(&staging)?;
        if existing_nonempty {
            // Forced into a non-empty folder: move our files in one by one.
            let mut names = vec![SUBMISSION.to_string(), docx_name.clone()];
            names.extend(copies);
            if names.len() > 2 {
                let a = dir.join(ATTACHMENTS);
                if !a.is_dir() {
                    fs::create_dir(&a).map_err(werr(&a))?;
                }
            }
            for name in &names {
                fs::rename(staging.join(name), dir.join(name)).map_err(werr(&dir.join(name)))?;
            }
            if names.len() > 2 {
                sync_dir(&dir.join(ATTACHMENTS))?;
            }
            sync_dir(dir)?;
            let _ = fs::remove_dir_all(&staging);
        } else {
            // Replaces a missing or empty folder in one step.
            fs::rename(&staging, dir).map_err(werr(dir))?;
            if let Some(parent) = parent_of(dir) {
                sync_dir(&parent)?;
            }
        }
        Ok(())
    })();
    if result.is_err() {
        // Only our own staging folder is removed.
        let _ = fs::remove_dir_all(&staging);
    }
    result?;
    Ok(ExportReport {
        path: dir.to_path_buf(),
        format: Format::Json,
        bytes: json.len() + docx.len(),
        valid: p.valid(),
        findings: p.findings,
        notes: p.notes,
        unchanged: false,
    })
}

fn parent_of(p: &Path) -> Option<PathBuf> {
    match p.parent() {
        Some(q) if q.as_os_str().is_empty() => Some(PathBuf::from(".")),
        Some(q) => Some(q.to_path_buf()),
        None => None,
    }
}

/// `.NAME.tianbiao-PID-NANOS` beside the bundle folder.
fn staging_dir(dir: &Path) -> PathBuf {
    let name = dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "bundle".into());
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or(0);
    let staged = format!(".{name}.tianbiao-{}-{nanos}", std::process::id());
    parent_of(dir).unwrap_or_default().join(staged)
}

fn write_synced(path: &Path, bytes: &[u8]) -> Result<(), ExportError> {
    let err = |e| ExportError::Write(path.to_path_buf(), e);
    let mut f = fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(err)?;
    f.write_all(bytes).map_err(err)?;
    f.sync_all().map_err(err)
}

fn sync_dir(path: &Path) -> Result<(), ExportError> {
    fs::File::open(path)
        .and_then(|d| d.sync_all())
        .map_err(|e| ExportError::Write(path.to_path_buf(), e))
}
