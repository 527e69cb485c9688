//! An open draft: its lock, what is on disk, and saving.
//!
//! ```text
//! open(path, form, mode) ──► Opened { session, draft, notes }      (or OpenError)
//! session.save(&draft)   ──► Saved { at } | Conflict { copy, original }   (or SaveError)
//! ```
//!
//! Promises:
//! - a save is atomic and durable and keeps one backup generation (`NAME.bak`);
//! - a save never overwrites a draft that changed on disk since it was read or written (another
//!   program, a copy): it writes `STEM.conflict-STAMP.ron` beside it and says so;
//! - a failed save leaves the old file byte-identical and says why ([`SaveError::describe`]);
//! - a draft that does not parse is reported with line and column and is never overwritten:
//!   [`Opener::recover_from_backup`] keeps it as `STEM.corrupt-STAMP.ron`;
//! - a draft opened [`OpenMode::ReadOnly`] gets nothing created beside it (no lock, backup,
//!   temp or conflict file) and cannot be saved.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::{DateTime, FixedOffset, Local, SecondsFormat};

use super::atomic::{self, DiskState, Stage};
pub use super::error::{Cause, OpenError, OpenNote, SaveError};
use super::format::Draft;
use super::lock::{self, Acquired, HeldLock, LockInfo};
use super::migrate::migrate;
use super::read::parse_bytes;
pub use super::read::read_draft;
use crate::form::Form;
use crate::fsio::{self, ReadError};

/// Where the current time comes from; tests fix it.
pub type Clock = Arc<dyn Fn() -> DateTime<FixedOffset> + Send + Sync>;

/// The local time with its offset.
pub fn system_clock() -> Clock {
    Arc::new(|| Local::now().fixed_offset())
}

/// The time as drafts store it: RFC 3339 with the local offset, whole seconds.
pub fn rfc3339(t: &DateTime<FixedOffset>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Secs, false)
}

/// The time as file names carry it: `20261125-200000`.
pub fn file_stamp(t: &DateTime<FixedOffset>) -> String {
    t.format("%Y%m%d-%H%M%S").to_string()
}

/// How to open a draft.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OpenMode {
    /// Take the lock; fail with [`OpenError::Locked`] if someone else edits the draft.
    Normal,
    /// Only read: no lock, nothing created beside the file, saving is refused.
    ReadOnly,
    /// Edit even though someone else holds the lock (the user chose to). Their later saves and
    /// ours are still protected from each other by the external-change check.
    TakeOver,
}

/// An opened draft.
#[derive(Debug)]
pub struct Opened {
    pub session: Session,
    /// The draft, brought to the current form (see [`OpenNote::FormChanged`]).
    pub draft: Draft,
    pub notes: Vec<OpenNote>,
}

/// From this size on a saved draft is close to the cap every draft file is read within
/// (`fsio::FILE_CAP`): the editor says so while saving still works.
pub const SIZE_WARN: u64 = crate::fsio::FILE_CAP / 10 * 9;

/// A successful save.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SaveOk {
    /// The draft file now holds this draft (stamped `updated = at`).
    Saved { at: DateTime<FixedOffset> },
    /// The draft changed on disk since we read or wrote it, so it was not touched: this draft is
    /// in `copy` instead. Later saves go on updating `copy` until the user decides
    /// ([`Session::keep_mine`] or [`Session::reload`]).
    Conflict { copy: PathBuf, original: PathBuf },
}

/// An open draft file: its lock (unless read-only) and what is on disk.
///
/// `Session` is `Send`: the editor hands it to a [`super::Saver`] thread.
pub struct Session {
    path: PathBuf,
    read_only: bool,
    lock: Option<HeldLock>,
    me: LockInfo,
    /// What we last read or wrote; `None` while a new draft has not been written.
    disk: Option<DiskState>,
    conflict_copy: Option<PathBuf>,
    clock: Clock,
    backup_warning: Option<String>,
    /// Bytes of the draft file as the last save wrote it.
    saved_size: u64,
}

impl std::fmt::Debug for Session {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Session")
            .field("path", &self.path)
            .field("read_only", &self.read_only)
            .field("locked", &self.lock.is_some())
            .field("on_disk", &self.disk.is_some())
            .field("conflict_copy", &self.conflict_copy)
            .finish()
    }
}

enum DiskCheck {
    /// As we left it (or gone: then it is simply written again).
    Same,
    Changed,
}

impl Session {
    /// The draft file (symbolic links resolved).
    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    /// Whether this session holds the lock (it may edit without it: take-over, no lock support).
    pub fn holds_lock(&self) -> bool {
        self.lock.is_some()
    }

    /// Gives the lock up now (removing the lock file) instead of when the session is dropped:
    /// for an exit that cannot run destructors, once the newest text is on disk.
    pub fn release_lock(&mut self) {
        self.lock = None;
    }

    /// Whether the draft has been written (a new draft is not, until its first save).
    pub fn is_on_disk(&self) -> bool {
        self.disk.is_some()
    }

    /// The conflict copy saves currently go to, if the draft changed on disk.
    pub fn conflict_copy(&self) -> Option<&Path> {
        self.conflict_copy.as_deref()
    }

    /// Moves the draft (and its backup) to `to`, where no file may be yet: the lock there is
    /// taken first and the old one given up after. Refused read-only, without the lock or while
    /// saves go to a conflict copy; on failure the draft stays where it was.
    pub fn rename_to(&mut self, to: &Path) -> io::Result<()> {
        if self.read_only || self.lock.is_none() || self.conflict_copy.is_some() {
            return Err(io::Error::from(io::ErrorKind::PermissionDenied));
        }
        if fs::symlink_metadata(to).is_ok() {
            return Err(io::Error::from(io::ErrorKind::AlreadyExists));
        }
        let lock = match lock::acquire(&atomic::lock_path(to), &self.me, false) {
            Acquired::Held { lock, .. } => lock,
            Acquired::Unavailable(e) => return Err(e),
            _ => return Err(io::Error::from(io::ErrorKind::WouldBlock)),
        };
        if self.disk.is_some() {
            // A hard link never replaces a file that appeared meanwhile, and keeps the inode
            // that conflict detection knows.
            fs::hard_link(&self.path, to)?;
            if let Err(e) = fs::remove_file(&self.path) {
                let _ = fs::remove_file(to);
                return Err(e);
            }
            let bak = atomic::backup_path(&self.path);
            if fs::hard_link(&bak, atomic::backup_path(to)).is_ok() {
                let _ = fs::remove_file(&bak);
            }
            if let Some(dir) = to.parent() {
                let _ = atomic::sync_dir(dir);
            }
        }
        self.path = to.to_path_buf();
        // The old lock file goes when the old lock is dropped here.
        self.lock = Some(lock);
        Ok(())
    }

    /// The backup file of this draft.
    pub fn backup_path(&self) -> PathBuf {
        atomic::backup_path(&self.path)
    }

    /// Why the last save could not refresh the backup, if it could not (the draft was saved).
    pub fn backup_warning(&self) -> Option<&str> {
        self.backup_warning.as_deref()
    }

    /// Bytes of the draft file as the last save wrote it (0 before the first save).
    pub fn saved_size(&self) -> u64 {
        self.saved_size
    }

    pub fn set_clock(&mut self, clock: Clock) {
        self.clock = clock;
    }

    pub fn now(&self) -> DateTime<FixedOffset> {
        (self.clock)()
    }

    pub fn clock(&self) -> Clock {
        self.clock.clone()
    }

    /// Saves `draft` (stamped with `updated` = now): atomically and durably over the draft file,
    /// keeping the previous file as the backup; or, if the file changed on disk since we last
    /// read or wrote it, into a conflict copy beside it, leaving the file alone.
    ///
    /// On error nothing on disk changed; keep the text, show the error, retry later.
    pub fn save(&mut self, draft: &Draft) -> Result<SaveOk, SaveError> {
        if self.read_only {
            return Err(SaveError::ReadOnly {
                path: self.path.clone(),
            });
        }
        if self.lock.is_none() {
            // Taken over, or no lock before: pick it up quietly once it is free.
            if let Acquired::Held { lock, .. } =
                lock::acquire(&atomic::lock_path(&self.path), &self.me, false)
            {
                self.lock = Some(lock);
            }
        }
        let at = self.now();
        let mut d = draft.clone();
        d.updated = rfc3339(&at);
        if d.created.is_empty() {
            d.created = d.updated.clone();
        }
        let bytes = d
            .try_to_ron()
            .map_err(|e| SaveError::Encode {
                detail: e.to_string(),
            })?
            .into_bytes();
        // The reader refuses files over the cap: never write one it would refuse (the editor
        // warns from `SIZE_WARN` on, so this is rarely the first word about it).
        if bytes.len() as u64 > fsio::FILE_CAP {
            return Err(SaveError::TooLarge {
                size: bytes.len() as u64,
                cap: fsio::FILE_CAP,
            });
        }
        match self.check_disk() {
            DiskCheck::Same => match atomic::replace(&self.path, &bytes, true) {
                Ok(w) => {
                    self.disk = Some(w.state);
                    self.backup_warning = w.backup_error.map(|e| e.to_string());
                    self.saved_size = bytes.len() as u64;
                    // Saves go to the draft file again (it was removed, or put back as it was).
                    self.conflict_copy = None;
                    Ok(SaveOk::Saved { at })
                }
                Err(e) => {
                    if let Some(state) = e.in_place {
                        self.disk = Some(state);
                    }
                    Err(SaveError::failed(&self.path, e.stage, &e.error))
                }
            },
            DiskCheck::Changed => {
                let copy = match &self.conflict_copy {
                    Some(c) if fs::symlink_metadata(c).is_ok_and(|m| m.is_file()) => {
                        atomic::replace(c, &bytes, false)
                            .map(|_| c.clone())
                            .map_err(|e| SaveError::failed(c, e.stage, &e.error))?
                    }
                    _ => atomic::write_new_beside(&self.path, "conflict", &file_stamp(&at), &bytes)
                        .map_err(|e| SaveError::failed(&self.path, Stage::Create, &e))?,
                };
                self.conflict_copy = Some(copy.clone());
                Ok(SaveOk::Conflict {
                    copy,
                    original: self.path.clone(),
                })
            }
        }
    }

    fn check_disk(&mut self) -> DiskCheck {
        let meta = match fs::symlink_metadata(&self.path) {
            Ok(m) => m,
            // Gone (deleted or moved away): nothing to overwrite, write it again.
            Err(e) if e.kind() == io::ErrorKind::NotFound => return DiskCheck::Same,
            // Cannot even look: let the write report the problem.
            Err(_) => return DiskCheck::Same,
        };
        let Some(known) = &self.disk else {
            // A new draft, and a file appeared at its path meanwhile.
            return DiskCheck::Changed;
        };
        if !meta.file_type().is_file() {
            return DiskCheck::Changed;
        }
        if known.same_stat(&meta) {
            return DiskCheck::Same;
        }
        match fsio::read_capped_meta(&self.path, fsio::FILE_CAP) {
            Ok((bytes, meta)) if atomic::hash(&bytes) == known.hash => {
                // Touched or copied over with the same bytes: nothing is lost by writing.
                self.disk = Some(DiskState::of(&meta, &bytes));
                DiskCheck::Same
            }
            _ => DiskCheck::Changed,
        }
    }

    /// Whether the file differs from what we last read or wrote (cheap unless it was touched).
    pub fn changed_on_disk(&mut self) -> bool {
        matches!(self.check_disk(), DiskCheck::Changed)
    }

    /// After a conflict, the user keeps their version: the file as it is now becomes the base, so
    /// the next save replaces it (and the backup keeps what was there).
    pub fn keep_mine(&mut self) {
        self.disk = match fsio::read_capped_meta(&self.path, fsio::FILE_CAP) {
            Ok((bytes, meta)) => Some(DiskState::of(&meta, &bytes)),
            Err(_) => None,
        };
        if self.disk.is_none() && fs::symlink_metadata(&self.path).is_ok() {
            // Not a readable regular file: the next save writes a conflict copy again.
            return;
        }
        self.conflict_copy = None;
    }

    /// After a conflict, the user takes the version on disk: it is read, checked and brought to
    /// `form`, and becomes the base for the next save.
    pub fn reload(&mut self, form: &Form) -> Result<(Draft, Vec<OpenNote>), OpenError> {
        let (bytes, meta) =
            fsio::read_capped_meta(&self.path, fsio::FILE_CAP).map_err(|error| {
                OpenError::Unreadable {
                    path: self.path.clone(),
                    error,
                }
            })?;
        let mut draft = parse_bytes(&self.path, &bytes)?;
        let notes = check_form(&self.path, &mut draft, form)?;
        self.disk = Some(DiskState::of(&meta, &bytes));
        self.conflict_copy = None;
        Ok((draft, notes))
    }

    /// Writes `draft` to a new file `STEM.emergency-STAMP.ron` beside the draft (or, when that
    /// directory refuses, in the drafts directory or the temp directory). For a save that could
    /// not go through the normal path; never overwrites anything.
    pub fn write_emergency_copy(&self, draft: &Draft) -> io::Result<PathBuf> {
        emergency_copy(&self.path, draft, &self.now(), !self.read_only)
    }
}

/// The emergency-copy path used by [`Session::write_emergency_copy`] and the saver's emergency
/// save, usable without the session. `beside`: try the draft's own directory first (not for a
/// read-only draft, which gets nothing created beside it).
pub(crate) fn emergency_copy(
    draft_path: &Path,
    draft: &Draft,
    now: &DateTime<FixedOffset>,
    beside: bool,
) -> io::Result<PathBuf> {
    let mut d = draft.clone();
    d.updated = rfc3339(now);
    let bytes = d.try_to_ron().map_err(io::Error::other)?.into_bytes();
    let stamp = file_stamp(now);
    let mut first_error = None;
    if beside {
        match atomic::write_new_beside(draft_path, "emergency", &stamp, &bytes) {
            Ok(p) => return Ok(p),
            Err(e) => first_error = Some(e),
        }
    }
    let name = draft_path
        .file_name()
        .map_or_else(|| std::ffi::OsString::from("draft.ron"), |n| n.to_owned());
    let mut fallbacks = Vec::new();
    if let Some(d) = super::store::drafts_dir() {
        fallbacks.push(d);
    }
    fallbacks.push(std::env::temp_dir());
    for dir in fallbacks {
        if create_private_dir(&dir).is_err() {
            continue;
        }
        match atomic::write_new_beside(&dir.join(&name), "emergency", &stamp, &bytes) {
            Ok(p) => return Ok(p),
            Err(e) => {
                first_error.get_or_insert(e);
            }
        }
    }
    Err(first_error.unwrap_or_else(|| io::Error::other("no directory to write to")))
}

pub use crate::fsio::create_private_dir;

fn check_form(path: &Path, draft: &mut Draft, form: &Form) -> Result<Vec<OpenNote>, OpenError> {
    if draft.form_id != form.id {
        return Err(OpenError::WrongForm {
            path: path.to_path_buf(),
            expected: form.id.clone(),
            found: draft.form_id.clone(),
        });
    }
    // The draft follows the form it is opened with (a moved form file named with `--form`).
    draft.form_file = form.file.clone();
    let mut notes = Vec::new();
    if let Some(change) = migrate(draft, form)
        && (change.from_version != change.to_version || !change.diff.is_empty())
    {
        notes.push(OpenNote::FormChanged(change));
    }
    Ok(notes)
}

/// Opens and creates drafts. [`Opener::default`] uses the system clock; tests can fix it.
#[derive(Clone)]
pub struct Opener {
    clock: Clock,
}

impl Default for Opener {
    fn default() -> Self {
        Opener {
            clock: system_clock(),
        }
    }
}

/// [`Opener::open`] with the system clock.
pub fn open(path: &Path, form: &Form, mode: OpenMode) -> Result<Opened, OpenError> {
    Opener::default().open(path, form, mode)
}

/// [`Opener::create`] with the system clock.
pub fn create(path: &Path, form: &Form, name: &str) -> Result<Opened, OpenError> {
    Opener::default().create(path, form, name)
}

/// [`Opener::open_or_create`] with the system clock.
pub fn open_or_create(
    path: &Path,
    form: &Form,
    name: &str,
    mode: OpenMode,
) -> Result<Opened, OpenError> {
    Opener::default().open_or_create(path, form, name, mode)
}

/// [`Opener::recover_from_backup`] with the system clock.
pub fn recover_from_backup(path: &Path, form: &Form) -> Result<Opened, OpenError> {
    Opener::default().recover_from_backup(path, form)
}

/// [`Opener::set_aside_corrupt`] with the system clock.
pub fn set_aside_corrupt(path: &Path) -> Result<PathBuf, OpenError> {
    Opener::default().set_aside_corrupt(path)
}

impl Opener {
    pub fn with_clock(clock: Clock) -> Opener {
        Opener { clock }
    }

    fn session(&self, path: PathBuf, read_only: bool, lock: Option<HeldLock>) -> Session {
        Session {
            path,
            read_only,
            lock,
            me: LockInfo::current(&rfc3339(&(self.clock)())),
            disk: None,
            conflict_copy: None,
            clock: self.clock.clone(),
            backup_warning: None,
            saved_size: 0,
        }
    }

    /// Opens an existing draft of `form`.
    ///
    /// Refuses quickly, without reading them, FIFOs, devices, directories and files over
    /// [`fsio::FILE_CAP`]. Takes the lock unless `ReadOnly`; a lock left by a dead process is
    /// taken over with a note. Cleans up temp files of an interrupted save (only when holding the
    /// lock). A draft of another version of the form is brought to this one, with a note of what
    /// changed; answers of removed fields are kept.
    pub fn open(&self, path: &Path, form: &Form, mode: OpenMode) -> Result<Opened, OpenError> {
        let (path, mut notes) = resolve_link(path)?;
        precheck(&path)?;
        let lock = self.lock_for(&path, mode, &mut notes)?;
        let (bytes, meta) =
            fsio::read_capped_meta(&path, fsio::FILE_CAP).map_err(|error| match error {
                ReadError::Io(e) if e.kind() == io::ErrorKind::NotFound => {
                    OpenError::NotFound { path: path.clone() }
                }
                error => OpenError::Unreadable {
                    path: path.clone(),
                    error,
                },
            })?;
        let mut draft = parse_bytes(&path, &bytes)?;
        notes.extend(check_form(&path, &mut draft, form)?);
        if lock.is_some() {
            let files = atomic::cleanup_temps(&path);
            if !files.is_empty() {
                notes.push(OpenNote::TempFilesRemoved { files });
            }
        }
        let mut session = self.session(path, mode == OpenMode::ReadOnly, lock);
        session.disk = Some(DiskState::of(&meta, &bytes));
        Ok(Opened {
            session,
            draft,
            notes,
        })
    }

    /// Starts a new draft of `form` named `name` at a path that does not exist yet (creating its
    /// directory, 0700, if needed) and takes its lock. Nothing is written until the first save.
    pub fn create(&self, path: &Path, form: &Form, name: &str) -> Result<Opened, OpenError> {
        if fs::symlink_metadata(path).is_ok() {
            return Err(OpenError::AlreadyExists {
                path: path.to_path_buf(),
            });
        }
        let (dir, _) = atomic::split(path).map_err(|error| OpenError::Io {
            path: path.to_path_buf(),
            error,
        })?;
        create_private_dir(dir).map_err(|error| OpenError::Io {
            path: dir.to_path_buf(),
            error,
        })?;
        let mut notes = Vec::new();
        let lock = self.lock_for(path, OpenMode::Normal, &mut notes)?;
        let draft = Draft::new(form, name, &rfc3339(&(self.clock)()));
        Ok(Opened {
            session: self.session(path.to_path_buf(), false, lock),
            draft,
            notes,
        })
    }

    /// [`Opener::open`] if `path` exists, else [`Opener::create`] (what `--draft PATH` does).
    pub fn open_or_create(
        &self,
        path: &Path,
        form: &Form,
        name: &str,
        mode: OpenMode,
    ) -> Result<Opened, OpenError> {
        if mode != OpenMode::ReadOnly && fs::symlink_metadata(path).is_err() {
            self.create(path, form, name)
        } else {
            self.open(path, form, mode)
        }
    }

    /// Restores a draft from its backup: the file at `path` (corrupt, or simply unwanted) is kept
    /// under a new name `STEM.corrupt-STAMP.ron` (never overwriting anything), then the backup's
    /// content is written to `path` atomically and opened. The backup itself stays.
    pub fn recover_from_backup(&self, path: &Path, form: &Form) -> Result<Opened, OpenError> {
        let (path, mut notes) = match resolve_link(path) {
            Ok(r) => r,
            Err(OpenError::NotFound { path }) => (path, Vec::new()),
            Err(e) => return Err(e),
        };
        let lock = self.lock_for(&path, OpenMode::Normal, &mut notes)?;
        let bak = atomic::backup_path(&path);
        let bytes = fsio::read_capped(&bak, fsio::FILE_CAP).map_err(|error| match error {
            ReadError::Io(e) if e.kind() == io::ErrorKind::NotFound => {
                OpenError::NotFound { path: bak.clone() }
            }
            error => OpenError::Unreadable {
                path: bak.clone(),
                error,
            },
        })?;
        let mut draft = parse_bytes(&bak, &bytes).map_err(|e| match e {
            OpenError::Corrupt {
                path,
                line,
                col,
                message,
                ..
            } => OpenError::Corrupt {
                path,
                line,
                col,
                message,
                backup: None,
            },
            e => e,
        })?;
        notes.extend(check_form(&path, &mut draft, form)?);
        let stamp = file_stamp(&(self.clock)());
        let corrupt_kept =
            match fs::symlink_metadata(&path) {
                Ok(_) => Some(atomic::set_aside(&path, "corrupt", &stamp, true).map_err(
                    |error| OpenError::Io {
                        path: path.clone(),
                        error,
                    },
                )?),
                Err(_) => None,
            };
        let written = atomic::replace(&path, &bytes, false).map_err(|e| OpenError::Io {
            path: path.clone(),
            error: e.error,
        })?;
        notes.push(OpenNote::RecoveredFromBackup {
            backup: bak,
            corrupt_kept,
        });
        if lock.is_some() {
            let files = atomic::cleanup_temps(&path);
            if !files.is_empty() {
                notes.push(OpenNote::TempFilesRemoved { files });
            }
        }
        let mut session = self.session(path, false, lock);
        session.disk = Some(written.state);
        Ok(Opened {
            session,
            draft,
            notes,
        })
    }

    /// Moves a (damaged) draft out of the way as `STEM.corrupt-STAMP.ron` beside it, never
    /// overwriting anything, and returns where it is now; its backup stays. Then
    /// [`Opener::create`] can start a new draft at `path`. Refused while someone edits it.
    pub fn set_aside_corrupt(&self, path: &Path) -> Result<PathBuf, OpenError> {
        let (path, mut notes) = resolve_link(path)?;
        let _lock = self.lock_for(&path, OpenMode::Normal, &mut notes)?;
        let stamp = file_stamp(&(self.clock)());
        atomic::set_aside(&path, "corrupt", &stamp, false).map_err(|error| OpenError::Io {
            path: path.clone(),
            error,
        })
    }

    fn lock_for(
        &self,
        path: &Path,
        mode: OpenMode,
        notes: &mut Vec<OpenNote>,
    ) -> Result<Option<HeldLock>, OpenError> {
        let lock_path = atomic::lock_path(path);
        if mode == OpenMode::ReadOnly {
            if let Some(holder) = lock::holder(&lock_path) {
                notes.push(OpenNote::LockedByOther { holder });
            }
            return Ok(None);
        }
        let me = LockInfo::current(&rfc3339(&(self.clock)()));
        match lock::acquire(&lock_path, &me, mode == OpenMode::TakeOver) {
            Acquired::Held { lock, previous } => {
                if let Some(previous) = previous {
                    notes.push(OpenNote::StaleLockTakenOver { previous });
                }
                Ok(Some(lock))
            }
            Acquired::Busy { holder, .. } if mode == OpenMode::TakeOver => {
                notes.push(OpenNote::LockTakenOver { holder });
                Ok(None)
            }
            Acquired::Busy { holder, running } => Err(OpenError::Locked {
                path: path.to_path_buf(),
                holder: Box::new(holder),
                running,
            }),
            Acquired::StaleHeld { holder } => {
                notes.push(OpenNote::StaleLockTakenOver { previous: holder });
                Ok(None)
            }
            Acquired::Unavailable(e) => {
                notes.push(OpenNote::LockUnavailable {
                    reason: e.to_string(),
                });
                Ok(None)
            }
        }
    }
}

/// A symbolic link is followed to the draft it names (the lock and backup go beside that).
fn resolve_link(path: &Path) -> Result<(PathBuf, Vec<OpenNote>), OpenError> {
    match fs::symlink_metadata(path) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => Err(OpenError::NotFound {
            path: path.to_path_buf(),
        }),
        Err(e) => Err(OpenError::Unreadable {
            path: path.to_path_buf(),
            error: ReadError::Io(e),
        }),
        Ok(m) if m.file_type().is_symlink() => match fs::canonicalize(path) {
            Ok(target) => Ok((
                target.clone(),
                vec![OpenNote::SymlinkFollowed {
                    link: path.to_path_buf(),
                    target,
                }],
            )),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Err(OpenError::NotFound {
                path: path.to_path_buf(),
            }),
            Err(e) => Err(OpenError::Unreadable {
                path: path.to_path_buf(),
                error: ReadError::Io(e),
            }),
        },
        Ok(_) => Ok((path.to_path_buf(), Vec::new())),
    }
}

/// Refuses what must not be opened before any lock or read: not a regular file, or too large.
fn precheck(path: &Path) -> Result<(), OpenError> {
    let meta = fs::metadata(path).map_err(|e| OpenError::Unreadable {
        path: path.to_path_buf(),
        error: ReadError::Io(e),
    })?;
    if !meta.is_file() {
        return Err(OpenError::Unreadable {
            path: path.to_path_buf(),
            error: ReadError::NotRegular,
        });
    }
    if meta.len() > fsio::FILE_CAP {
        return Err(OpenError::Unreadable {
            path: path.to_path_buf(),
            error: ReadError::TooLarge {
                size: meta.len(),
                cap: fsio::FILE_CAP,
            },
        });
    }
    Ok(())
}
