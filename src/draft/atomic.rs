//! Atomic, durable file replacement and the names of the files that live
//! beside a draft.
//!
//! The sequence for replacing a draft `D` in directory `dir`:
//! 1. create `dir/.D.tmp-PID-N` with `O_CREAT|O_EXCL|O_NOFOLLOW|O_CLOEXEC`, mode 0600, then
//!    `fchmod` it to the mode the draft already has (never wider) or 0600 for a new draft;
//! 2. write everything, `fsync` the temp file;
//! 3. keep one backup generation: `link(D, dir/.D.bak.tmp)` and `rename` that over `D.bak` (a copy
//!    when the file system has no hard links). Both steps are atomic and `D` is never missing;
//! 4. `rename` the temp file over `D`, then `fsync(dir)`.
//!
//! The live draft is never opened for writing, so it is never truncated. Any failure before the
//! rename removes the temp file and leaves `D` byte-identical. A process killed between 1 and 4
//! leaves a temp file behind; [`cleanup_temps`] removes those when the next writer takes the lock.
//!
//! The temp file, its fsync, the rename and the directory fsync are `fsio::atomic`'s, the one
//! atomic writer of the crate; this module adds the backup generation between the fsync and the
//! rename, and the names of the files beside a draft.

use std::fs::{self, OpenOptions, Permissions};
use std::io::{self, Write};
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::{MetadataExt, OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};

pub use crate::fsio::atomic::{Stage, split, sync_dir};
use crate::fsio::atomic::{TempGuard, mode_for, temp_prefix, write_temp};

use sha2::{Digest, Sha256};

/// What a file was when we last read or wrote it: identity, size, time and a hash of its bytes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DiskState {
    pub dev: u64,
    pub ino: u64,
    pub size: u64,
    pub mtime_ns: i128,
    pub hash: [u8; 32],
}

impl DiskState {
    pub fn of(meta: &fs::Metadata, bytes: &[u8]) -> DiskState {
        DiskState {
            dev: meta.dev(),
            ino: meta.ino(),
            size: meta.size(),
            mtime_ns: mtime_ns(meta),
            hash: hash(bytes),
        }
    }

    /// Same inode, size and modification time: the file is taken as unchanged without reading it.
    pub fn same_stat(&self, meta: &fs::Metadata) -> bool {
        self.dev == meta.dev()
            && self.ino == meta.ino()
            && self.size == meta.size()
            && self.mtime_ns == mtime_ns(meta)
    }
}

fn mtime_ns(meta: &fs::Metadata) -> i128 {
    i128::from(meta.mtime()) * 1_000_000_000 + i128::from(meta.mtime_nsec())
}

/// SHA-256 of some bytes.
pub fn hash(bytes: &[u8]) -> [u8; 32] {
    Sha256::digest(bytes).into()
}

/// A failed write: the step and the system's error.
#[derive(Debug)]
pub struct WriteError {
    pub stage: Stage,
    pub error: io::Error,
    /// When only the directory fsync failed, the new file is already in place: this is it.
    pub in_place: Option<DiskState>,
}

impl WriteError {
    fn at(stage: Stage) -> impl FnOnce(io::Error) -> WriteError {
        move |error| WriteError {
            stage,
            error,
            in_place: None,
        }
    }
}

/// A successful replacement.
#[derive(Debug)]
pub struct Written {
    pub state: DiskState,
    /// The backup could not be made (the draft itself was saved).
    pub backup_error: Option<io::Error>,
}

fn sibling(path: &Path, f: impl FnOnce(&str) -> String) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    path.with_file_name(f(&name))
}

/// `NAME.lock`: the lock beside a draft.
pub fn lock_path(draft: &Path) -> PathBuf {
    sibling(draft, |n| format!("{n}.lock"))
}

/// `NAME.bak`: the previous generation of a draft.
pub fn backup_path(draft: &Path) -> PathBuf {
    sibling(draft, |n| format!("{n}.bak"))
}

fn backup_tmp_path(draft: &Path) -> PathBuf {
    sibling(draft, |n| format!(".{n}.bak.tmp"))
}

/// `STEM.TAG-STAMP.ron` beside a draft (`智慧港口.conflict-20261125-200000.ron`), with `-2`, `-3`…
/// for `n > 1`. The stem is the file name without a final `.ron`.
pub fn tagged_sibling(draft: &Path, tag: &str, stamp: &str, n: u32) -> PathBuf {
    sibling(draft, |name| {
        let stem = name.strip_suffix(".ron").unwrap_or(name);
        if n <= 1 {
            format!("{stem}.{tag}-{stamp}.ron")
        } else {
            format!("{stem}.{tag}-{stamp}-{n}.ron")
        }
    })
}

/// Replaces `target` atomically and durably with `bytes`, keeping the old file as `target.bak`
/// when `backup` is set. On error `target` is untouched and no temp file remains.
pub fn replace(target: &Path, bytes: &[u8], backup: bool) -> Result<Written, WriteError> {
    let (dir, _) = split(target).map_err(WriteError::at(Stage::Create))?;
    let (mut guard, tmp, meta) = write_temp(target, bytes, mode_for(target, 0o600))
        .map_err(|(stage, error)| WriteError::at(stage)(error))?;
    let backup_error = if backup {
        make_backup(target).err()
    } else {
        None
    };
    fs::rename(&tmp, target).map_err(WriteError::at(Stage::Rename))?;
    guard.disarm();
    let state = DiskState::of(&meta, bytes);
    if let Err(error) = sync_dir(dir) {
        return Err(WriteError {
            stage: Stage::SyncDir,
            error,
            in_place: Some(state),
        });
    }
    Ok(Written {
        state,
        backup_error,
    })
}

/// Keeps the current `target` as `target.bak`: a hard link renamed into place, or a synced copy
/// where hard links are not supported. Nothing to do when `target` does not exist.
fn make_backup(target: &Path) -> io::Result<()> {
    match fs::symlink_metadata(target) {
        Ok(m) if m.file_type().is_file() => {}
        Ok(_) => return Ok(()),
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(e),
    }
    let tmp = backup_tmp_path(target);
    match fs::remove_file(&tmp) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(e),
        _ => {}
    }
    if fs::hard_link(target, &tmp).is_err() {
        // No hard links here (some FUSE, FAT, network file systems): copy, synced.
        let bytes =
            crate::fsio::read_capped(target, crate::fsio::FILE_CAP).map_err(|e| match e {
                crate::fsio::ReadError::Io(e) => e,
                other => io::Error::other(other.to_string()),
            })?;
        let mut f = OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .custom_flags(libc::O_CLOEXEC | libc::O_NOFOLLOW)
            .open(&tmp)?;
        let mut guard = TempGuard(Some(tmp.clone()));
        f.set_permissions(Permissions::from_mode(mode_for(target, 0o600)))?;
        f.write_all(&bytes)?;
        f.sync_all()?;
        guard.disarm();
    }
    fs::rename(&tmp, backup_path(target)).inspect_err(|_| {
        let _ = fs::remove_file(&tmp);
    })
}

/// Writes `bytes` to a new file `STEM.TAG-STAMP[-N].ron` beside `draft`, never overwriting an
/// existing file (the name is taken with `link`, which fails if it exists). Durable; 0600.
pub fn write_new_beside(draft: &Path, tag: &str, stamp: &str, bytes: &[u8]) -> io::Result<PathBuf> {
    let (dir, _) = split(draft)?;
    let (mut guard, tmp, _) = write_temp(draft, bytes, 0o600).map_err(|(_, e)| e)?;
    for n in 1..1000 {
        let candidate = tagged_sibling(draft, tag, stamp, n);
        match move_no_replace(&tmp, &candidate) {
            Ok(()) => {
                guard.disarm();
                sync_dir(dir)?;
                return Ok(candidate);
            }
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
    }
    Err(io::Error::new(
        io::ErrorKind::AlreadyExists,
        "no free file name",
    ))
}

/// Moves `from` to `to` unless `to` exists: `link` + `unlink` (atomic refusal), or, where hard
/// links are unsupported, a checked `rename`.
pub fn move_no_replace(from: &Path, to: &Path) -> io::Result<()> {
    match fs::hard_link(from, to) {
        Ok(()) => fs::remove_file(from),
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => Err(e),
        Err(_) => {
            if fs::symlink_metadata(to).is_ok() {
                return Err(io::Error::from(io::ErrorKind::AlreadyExists));
            }
            fs::rename(from, to)
        }
    }
}

/// Tries `STEM.TAG-STAMP[-N].ron` names beside `like` until `place` puts the file under one
/// that was free (`AlreadyExists` means taken: try the next), then syncs the directory.
fn place_unique(
    like: &Path,
    tag: &str,
    stamp: &str,
    mut place: impl FnMut(&Path) -> io::Result<()>,
) -> io::Result<PathBuf> {
    let (dir, _) = split(like)?;
    for n in 1..1000 {
        let candidate = tagged_sibling(like, tag, stamp, n);
        match place(&candidate) {
            Ok(()) => {
                sync_dir(dir)?;
                return Ok(candidate);
            }
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
    }
    Err(io::Error::new(
        io::ErrorKind::AlreadyExists,
        "no free file name",
    ))
}

/// Moves `from` to the first free `STEM.TAG-STAMP[-N].ron` named after `like` (in `like`'s
/// directory), never overwriting anything, and syncs that directory.
pub fn move_unique(from: &Path, like: &Path, tag: &str, stamp: &str) -> io::Result<PathBuf> {
    place_unique(like, tag, stamp, |candidate| {
        move_no_replace(from, candidate)
    })
}

/// Gives a file a second name `STEM.TAG-STAMP[-N].ron` beside it, never overwriting anything.
/// With `keep_original` the file stays under its old name too (a hard link; falls back to a
/// rename where links are unsupported, so check the old name afterwards).
pub fn set_aside(path: &Path, tag: &str, stamp: &str, keep_original: bool) -> io::Result<PathBuf> {
    if !keep_original {
        return move_unique(path, path, tag, stamp);
    }
    place_unique(path, tag, stamp, |candidate| {
        match fs::hard_link(path, candidate) {
            Err(e) if e.kind() != io::ErrorKind::AlreadyExists => {
                if fs::symlink_metadata(candidate).is_ok() {
                    Err(io::Error::from(io::ErrorKind::AlreadyExists))
                } else {
                    fs::rename(path, candidate)
                }
            }
            r => r,
        }
    })
}

/// Removes temp files a killed writer left beside `draft` (`.NAME.tmp-*`, `.NAME.bak.tmp`).
/// Only call while holding the draft's lock: a live writer's temp file looks the same.
pub fn cleanup_temps(draft: &Path) -> Vec<PathBuf> {
    let Ok((dir, name)) = split(draft) else {
        return Vec::new();
    };
    let prefix = temp_prefix(name);
    let bak_tmp = backup_tmp_path(draft);
    let bak_tmp_name = bak_tmp.file_name().map(|n| n.as_bytes().to_vec());
    let mut removed = Vec::new();
    let Ok(entries) = fs::read_dir(dir) else {
        return removed;
    };
    for entry in entries.flatten() {
        let file_name = entry.file_name();
        let bytes = file_name.as_bytes();
        let ours = (bytes.starts_with(&prefix) && bytes.len() > prefix.len())
            || bak_tmp_name.as_deref() == Some(bytes);
        if !ours {
            continue;
        }
        let path = entry.path();
        if fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_file())
            && fs::remove_file(&path).is_ok()
        {
            removed.push(path);
        }
    }
    if !removed.is_empty() {
        let _ = sync_dir(dir);
    }
    removed.sort();
    removed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replace_keeps_one_backup_and_leaves_no_temp() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path().join("草稿.ron");
        replace(&d, b"v1", true).unwrap();
        assert!(!backup_path(&d).exists());
        replace(&d, b"v2", true).unwrap();
        replace(&d, b"v3", true).unwrap();
        assert_eq!(fs::read(&d).unwrap(), b"v3");
        assert_eq!(fs::read(backup_path(&d)).unwrap(), b"v2");
        let names: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        assert_eq!(names.len(), 2, "{names:?}");
        assert_eq!(
            fs::metadata(&d).unwrap().permissions().mode() & 0o777,
            0o600
        );
    }

    #[test]
    fn existing_mode_is_kept_not_widened() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path().join("a.ron");
        fs::write(&d, "old").unwrap();
        fs::set_permissions(&d, Permissions::from_mode(0o640)).unwrap();
        replace(&d, b"new", true).unwrap();
        assert_eq!(
            fs::metadata(&d).unwrap().permissions().mode() & 0o777,
            0o640
        );
        fs::set_permissions(&d, Permissions::from_mode(0o400)).unwrap();
        replace(&d, b"newer", true).unwrap();
        assert_eq!(
            fs::metadata(&d).unwrap().permissions().mode() & 0o777,
            0o400
        );
        assert_eq!(fs::read(&d).unwrap(), b"newer");
    }

    #[test]
    fn failure_leaves_target_and_removes_temp() {
        let dir = tempfile::tempdir().unwrap();
        // A directory where the draft should be: the rename fails after the temp file is written.
        let d = dir.path().join("x.ron");
        fs::create_dir(&d).unwrap();
        fs::write(d.join("inside"), "keep").unwrap();
        let e = replace(&d, b"data", false).unwrap_err();
        assert_eq!(e.stage, Stage::Rename);
        let names: Vec<_> = fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(names.len(), 1);
    }

    #[test]
    fn new_files_never_overwrite_and_cleanup_finds_only_ours() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path().join("a.ron");
        let p1 = write_new_beside(&d, "conflict", "20260101-000000", b"1").unwrap();
        let p2 = write_new_beside(&d, "conflict", "20260101-000000", b"2").unwrap();
        assert_eq!(p1, dir.path().join("a.conflict-20260101-000000.ron"));
        assert_eq!(p2, dir.path().join("a.conflict-20260101-000000-2.ron"));
        assert_eq!(fs::read(&p1).unwrap(), b"1");
        fs::write(dir.path().join(".a.ron.tmp-1-2-3"), "x").unwrap();
        fs::write(dir.path().join(".a.ron.bak.tmp"), "x").unwrap();
        fs::write(dir.path().join(".b.ron.tmp-1-2-3"), "x").unwrap();
        let removed = cleanup_temps(&d);
        assert_eq!(removed.len(), 2);
        assert!(dir.path().join(".b.ron.tmp-1-2-3").exists());
    }

    #[test]
    fn set_aside_keeps_both_names_or_moves() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path().join("a.ron");
        fs::write(&d, "bad").unwrap();
        let kept = set_aside(&d, "corrupt", "s", true).unwrap();
        assert!(d.exists());
        assert_eq!(fs::read(&kept).unwrap(), b"bad");
        let moved = set_aside(&d, "corrupt", "s", false).unwrap();
        assert!(!d.exists());
        assert_ne!(kept, moved);
        assert_eq!(fs::read(&moved).unwrap(), b"bad");
    }
}
