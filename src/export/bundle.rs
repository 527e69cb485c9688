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

/// Why an attachment is not copied into a bundle.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// The path climbs out with `..`.
    ParentDir,
    /// An absolute path outside the draft's folder.
    Outside,
    /// A symbolic link on the way (a link to a secret would be copied in).
    Symlink,
}

/// Whether the attachment `path` (as written in the draft) may be copied: the same rule `check`
/// applies to received files, inside the draft's folder `base`, no `..`, no symbolic link on the
/// way from `base` to the file. Absolute paths inside `base` are allowed.
pub fn refusal(path: &str, base: &Path) -> Option<Refusal> {
    use std::path::Component;
    let p = Path::new(path);
    if p.components().any(|c| c == Component::ParentDir) {
        return Some(Refusal::ParentDir);
    }
    let rel = if p.is_absolute() {
        let canon = fs::canonicalize(base).unwrap_or_else(|_| base.to_path_buf());
        match p.strip_prefix(&canon).or_else(|_| p.strip_prefix(base)) {
            Ok(r) => r.to_path_buf(),
            Err(_) => return Some(Refusal::Outside),
        }
    } else {
        p.to_path_buf()
    };
    let mut at = base.to_path_buf();
    for c in rel.components() {
        if let Component::Normal(part) = c {
            at.push(part);
            if fs::symlink_metadata(&at).is_ok_and(|m| m.file_type().is_symlink()) {
                return Some(Refusal::Symlink);
            }
        }
    }
    None
}

/// [`refusal`], and an absolute path is also taken from below `start`, the directory the
/// command was started in: the editor stores the path the author picked there, while the draft
/// itself usually lives in the hidden drafts folder. Below `start` no part of the path may be
/// hidden (`.ssh`, `.config`), so a start in the home directory does not open its secrets.
pub fn refusal_from(path: &str, base: &Path, start: Option<&Path>) -> Option<Refusal> {
    let first = refusal(path, base);
    let (Some(Refusal::Outside), Some(start)) = (first, start) else {
        return first;
    };
    let p = Path::new(path);
    let canon = fs::canonicalize(start).unwrap_or_else(|_| start.to_path_buf());
    let Ok(rel) = p.strip_prefix(&canon).or_else(|_| p.strip_prefix(start)) else {
        return first;
    };
    let hidden = rel
        .components()
        .any(|c| c.as_os_str().to_string_lossy().starts_with('.'));
    if hidden {
        return first;
    }
    refusal(path, start)
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

    let base = match &opts.base_dir {
        Some(b) => b.clone(),
        None => std::env::current_dir().unwrap_or_else(|_| PathBuf::from(".")),
    };
    let start = std::env::current_dir().ok();
    for (path, check) in &p.files {
        if matches!(check.state, FileState::Ok { .. })
            && let Some(why) = refusal_from(path, &base, start.as_deref())
        {
            return Err(ExportError::Refused(check.resolved.clone(), why));
        }
    }
    let json = render(&p, Format::Json, opts.lang);
    let docx = render(&p, Format::Docx, opts.lang);
    let docx_name = docx_name(draft);

    let staging = staging_dir(dir);
    let result = (|| {
        let werr = |path: &Path| {
            let path = path.to_path_buf();
            move |e| ExportError::Write(path, e)
        };
        create_dir(&staging).map_err(werr(&staging))?;
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
                create_dir(&a).map_err(werr(&a))?;
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
                    create_dir(&a).map_err(werr(&a))?;
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

/// Mode of every file in a bundle, whatever the umask (under umask 000 a plain create would give
/// 0666): a submission is meant to be read by others, never written by them.
const FILE_MODE: u32 = 0o644;
/// Mode of the bundle's folders.
const DIR_MODE: u32 = 0o755;

fn write_synced(path: &Path, bytes: &[u8]) -> Result<(), ExportError> {
    use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
    let err = |e| ExportError::Write(path.to_path_buf(), e);
    let mut f = fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(FILE_MODE)
        .open(path)
        .map_err(err)?;
    f.set_permissions(fs::Permissions::from_mode(FILE_MODE))
        .map_err(err)?;
    f.write_all(bytes).map_err(err)?;
    f.sync_all().map_err(err)
}

/// Creates a bundle folder with [`DIR_MODE`] exactly.
fn create_dir(path: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::{DirBuilderExt, PermissionsExt};
    fs::DirBuilder::new().mode(DIR_MODE).create(path)?;
    fs::set_permissions(path, fs::Permissions::from_mode(DIR_MODE))
}

fn sync_dir(path: &Path) -> Result<(), ExportError> {
    fs::File::open(path)
        .and_then(|d| d.sync_all())
        .map_err(|e| ExportError::Write(path.to_path_buf(), e))
}
