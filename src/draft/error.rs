//! What can go wrong opening and saving a draft, and what the user should be told after
//! opening, as data. `msg` words them.

use std::io;
use std::path::{Path, PathBuf};

use super::atomic::Stage;
use super::lock::LockInfo;
use super::migrate::FormChange;
use crate::fsio::ReadError;

/// Something the user should be told after opening.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OpenNote {
    /// A lock left by a process that is gone (a crash, kill -9) was taken over.
    StaleLockTakenOver { previous: LockInfo },
    /// [`super::OpenMode::TakeOver`] while another process still holds the lock.
    LockTakenOver { holder: LockInfo },
    /// No lock could be created (read-only directory, file system without locks). Editing goes
    /// on; saving will say whether it can write.
    LockUnavailable { reason: String },
    /// Opened read-only while another process edits the draft.
    LockedByOther { holder: LockInfo },
    /// The draft was made from another version of the form.
    FormChanged(FormChange),
    /// Temp files of an interrupted save were removed.
    TempFilesRemoved { files: Vec<PathBuf> },
    /// The path is a symbolic link; the draft it points to is used (and its directory holds the
    /// lock and backup).
    SymlinkFollowed { link: PathBuf, target: PathBuf },
    /// The draft was restored from its backup; the file that was there is kept.
    RecoveredFromBackup {
        backup: PathBuf,
        corrupt_kept: Option<PathBuf>,
    },
}

/// Why a draft could not be opened.
#[derive(Debug)]
pub enum OpenError {
    NotFound {
        path: PathBuf,
    },
    /// [`super::Opener::create`] on a path that exists.
    AlreadyExists {
        path: PathBuf,
    },
    /// Another process edits the draft. `running` is false when the holder is on another host
    /// and cannot be checked.
    Locked {
        path: PathBuf,
        holder: Box<LockInfo>,
        running: bool,
    },
    /// The file does not parse. It is left exactly as it is; `backup` is a backup that parses.
    Corrupt {
        path: PathBuf,
        line: usize,
        col: usize,
        message: Box<super::format::ParseProblem>,
        backup: Option<PathBuf>,
    },
    /// A FIFO, device, directory, a file too large, or an I/O error while reading.
    Unreadable {
        path: PathBuf,
        error: ReadError,
    },
    /// A draft of another form.
    WrongForm {
        path: PathBuf,
        expected: String,
        found: String,
    },
    /// Creating a directory or setting a corrupt file aside failed.
    Io {
        path: PathBuf,
        error: io::Error,
    },
}

impl OpenError {
    pub fn path(&self) -> &Path {
        match self {
            OpenError::NotFound { path }
            | OpenError::AlreadyExists { path }
            | OpenError::Locked { path, .. }
            | OpenError::Corrupt { path, .. }
            | OpenError::Unreadable { path, .. }
            | OpenError::WrongForm { path, .. }
            | OpenError::Io { path, .. } => path,
        }
    }
}

/// Why writing failed, from the system's error.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cause {
    /// ENOSPC: the disk is full.
    NoSpace,
    /// EDQUOT: the user's quota is used up.
    Quota,
    /// EFBIG: over the file-size limit.
    FileTooLarge,
    /// EACCES/EPERM.
    PermissionDenied,
    /// EROFS.
    ReadOnlyFs,
    /// ENOENT/ENOTDIR: the directory is gone.
    DirMissing,
    Other,
}

impl Cause {
    pub fn of(e: &io::Error) -> Cause {
        match e.raw_os_error() {
            Some(libc::ENOSPC) => Cause::NoSpace,
            Some(libc::EDQUOT) => Cause::Quota,
            Some(libc::EFBIG) => Cause::FileTooLarge,
            Some(libc::EACCES | libc::EPERM) => Cause::PermissionDenied,
            Some(libc::EROFS) => Cause::ReadOnlyFs,
            Some(libc::ENOENT | libc::ENOTDIR) => Cause::DirMissing,
            _ => Cause::Other,
        }
    }
}

/// A failed save. The draft file on disk is as it was (except after [`Stage::SyncDir`], where
/// the new file is in place but the system could not confirm it is durable); the caller keeps
/// the text in memory, marked unsaved, and retries.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SaveError {
    /// The draft was opened read-only.
    ReadOnly { path: PathBuf },
    /// The draft could not be turned into text (a bug); nothing was written.
    Encode { detail: String },
    /// The draft would be larger than any draft file is read back (`size` > `cap` bytes): it is
    /// not written, so a saved draft can always be reopened.
    TooLarge { size: u64, cap: u64 },
    Failed {
        /// The file that was being written (the draft, or its conflict copy).
        path: PathBuf,
        stage: Stage,
        cause: Cause,
        /// The system's message.
        detail: String,
    },
}

impl SaveError {
    pub(super) fn failed(path: &Path, stage: Stage, e: &io::Error) -> SaveError {
        SaveError::Failed {
            path: path.to_path_buf(),
            stage,
            cause: Cause::of(e),
            detail: e.to_string(),
        }
    }
}
