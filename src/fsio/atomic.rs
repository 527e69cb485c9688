//! The one atomic, durable writer: a temp file beside the target (exclusive, never following a
//! link, 0600 until its mode is set), written and fsynced, renamed over the target, then the
//! directory fsynced. Drafts (with their backup generation, in `draft::atomic`), notes, themes
//! and every exported file go through it.
//!
//! Written by hand rather than with a crate because we need to know the temp file's name (so a
//! draft's writer can clean up exactly its own leftovers), to remove it when the rename fails,
//! to set the mode exactly, and to slot a draft's backup link between the fsync and the rename.

use std::ffi::OsString;
use std::fs::{self, File, OpenOptions, Permissions};
use std::io::{self, Write};
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use super::SpecialTarget;

/// Which step of a write failed, for messages.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stage {
    /// Creating the temporary file in the draft's directory.
    Create,
    /// Writing the bytes.
    Write,
    /// `fsync` of the file.
    Sync,
    /// Renaming the temporary file over the draft.
    Rename,
    /// `fsync` of the directory (the new file is in place but may not be durable yet).
    SyncDir,
}

/// The directory and file name of a path (`.` for a bare name).
pub fn split(path: &Path) -> io::Result<(&Path, &std::ffi::OsStr)> {
    let name = path
        .file_name()
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "the path has no file name"))?;
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    Ok((dir, name))
}

pub(crate) fn temp_prefix(name: &std::ffi::OsStr) -> Vec<u8> {
    let mut p = b".".to_vec();
    p.extend_from_slice(name.as_bytes());
    p.extend_from_slice(b".tmp-");
    p
}

static COUNTER: AtomicU64 = AtomicU64::new(0);

/// Creates a new temp file beside `target` (exclusive, no symlink following, 0600).
fn create_temp(dir: &Path, name: &std::ffi::OsStr) -> io::Result<(File, PathBuf)> {
    let prefix = temp_prefix(name);
    let pid = std::process::id();
    let mut last = None;
    for _ in 0..64 {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos());
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let mut file_name = prefix.clone();
        file_name.extend_from_slice(format!("{pid}-{n}-{nanos:x}").as_bytes());
        let path = dir.join(OsString::from(std::ffi::OsStr::from_bytes(&file_name)));
        match OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .custom_flags(libc::O_CLOEXEC | libc::O_NOFOLLOW)
            .open(&path)
        {
            Ok(f) => return Ok((f, path)),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => last = Some(e),
            Err(e) => return Err(e),
        }
    }
    Err(last.unwrap_or_else(|| io::Error::other("could not create a temporary file")))
}

/// Removes a temp file unless disarmed.
pub(crate) struct TempGuard(pub(crate) Option<PathBuf>);

impl TempGuard {
    pub(crate) fn disarm(&mut self) {
        self.0 = None;
    }
}

impl Drop for TempGuard {
    fn drop(&mut self) {
        if let Some(p) = self.0.take() {
            let _ = fs::remove_file(p);
        }
    }
}

/// `fsync` of a directory. File systems that cannot sync directories (EINVAL) are accepted.
pub fn sync_dir(dir: &Path) -> io::Result<()> {
    let d = File::open(dir)?;
    match d.sync_all() {
        Err(e) if e.raw_os_error() == Some(libc::EINVAL) => Ok(()),
        r => r,
    }
}

/// The mode a replacement gets: the existing file's permission bits (never widened), or `new`.
pub(crate) fn mode_for(target: &Path, new: u32) -> u32 {
    match fs::symlink_metadata(target) {
        Ok(m) if m.file_type().is_file() => m.permissions().mode() & 0o777,
        _ => new,
    }
}

/// Writes the bytes to a new, synced temp file beside `target`; returns it still guarded, or
/// the step that failed.
pub(crate) fn write_temp(
    target: &Path,
    bytes: &[u8],
    mode: u32,
) -> Result<(TempGuard, PathBuf, fs::Metadata), (Stage, io::Error)> {
    let at = |stage| move |e| (stage, e);
    let (dir, name) = split(target).map_err(at(Stage::Create))?;
    let (mut file, tmp) = create_temp(dir, name).map_err(at(Stage::Create))?;
    let guard = TempGuard(Some(tmp.clone()));
    file.set_permissions(Permissions::from_mode(mode))
        .map_err(at(Stage::Create))?;
    file.write_all(bytes).map_err(at(Stage::Write))?;
    file.sync_all().map_err(at(Stage::Sync))?;
    let meta = file.metadata().map_err(at(Stage::Sync))?;
    Ok((guard, tmp, meta))
}

/// Writes `bytes` to `path` atomically and durably (see the module documentation). A new file
/// gets `mode`; an existing regular file keeps its own mode. A symbolic link at `path` is
/// replaced by the new file, never written through: the link's target stays untouched, and the
/// file gets `mode` and our ownership, not the link's. A FIFO, device or socket is refused with
/// [`SpecialTarget`].
pub fn write_atomic(path: &Path, bytes: &[u8], mode: u32) -> io::Result<()> {
    let mode = match fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => mode,
        Ok(m) if !m.is_file() && !m.is_dir() => return Err(io::Error::other(SpecialTarget)),
        _ => mode_for(path, mode),
    };
    let (dir, _) = split(path)?;
    let (mut guard, tmp, _) = write_temp(path, bytes, mode).map_err(|(_, e)| e)?;
    fs::rename(&tmp, path)?;
    guard.disarm();
    sync_dir(dir)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(dir: &Path) -> Vec<String> {
        let mut v: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    }

    #[test]
    fn a_new_file_gets_the_mode_and_an_existing_one_keeps_its_own() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("out.json");
        write_atomic(&p, b"one", 0o644).unwrap();
        assert_eq!(
            fs::metadata(&p).unwrap().permissions().mode() & 0o777,
            0o644
        );
        fs::set_permissions(&p, Permissions::from_mode(0o600)).unwrap();
        write_atomic(&p, b"two", 0o644).unwrap();
        assert_eq!(fs::read(&p).unwrap(), b"two");
        assert_eq!(
            fs::metadata(&p).unwrap().permissions().mode() & 0o777,
            0o600
        );
        assert_eq!(names(dir.path()), ["out.json"]);
    }

    #[test]
    fn a_failed_rename_leaves_the_target_and_no_temp_file() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("taken");
        fs::create_dir(&target).unwrap();
        fs::write(target.join("inside"), b"kept").unwrap();
        assert!(write_atomic(&target, b"new", 0o644).is_err());
        assert_eq!(names(dir.path()), ["taken"]);
        assert_eq!(fs::read(target.join("inside")).unwrap(), b"kept");
    }
}
