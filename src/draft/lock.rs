//! The lock beside a draft (`NAME.lock`): `flock` through
//! [`std::fs::File::try_lock`] on a separate, stable file (the draft's own inode changes at every
//! save), with `user@host`, pid, start time and version written into it so a second opener can be
//! told who holds it.
//!
//! The kernel drops a `flock` when its process dies, so a free lock whose file still names a
//! process is a leftover of a crash: it is taken over with a note. A held lock whose recorded
//! process is dead on this host (the descriptor leaked to another process, or a lock manager that
//! lies) is stale too and is taken over with a note. A record from another host with the lock
//! free cannot be checked (NFS): it counts as held until the user takes over explicitly.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Read, Seek, Write};
use std::os::unix::fs::{MetadataExt, OpenOptionsExt};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// Who holds (or held) a lock.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LockInfo {
    pub user: String,
    pub host: String,
    pub pid: u32,
    /// RFC 3339 time the holder opened the draft.
    pub started: String,
    /// tianbiao version of the holder.
    pub version: String,
}

impl LockInfo {
    /// This process, now.
    pub fn current(started: &str) -> LockInfo {
        LockInfo {
            user: user_name(),
            host: host_name(),
            pid: std::process::id(),
            started: started.to_string(),
            version: env!("CARGO_PKG_VERSION").to_string(),
        }
    }

    /// A holder we know nothing about (the lock is held but its file is empty or unreadable).
    pub fn unknown() -> LockInfo {
        LockInfo {
            user: String::new(),
            host: String::new(),
            pid: 0,
            started: String::new(),
            version: String::new(),
        }
    }

    pub fn is_unknown(&self) -> bool {
        self.pid == 0 && self.host.is_empty()
    }

    /// Whether the record is from this machine (so its pid can be checked).
    pub fn is_this_host(&self) -> bool {
        !self.host.is_empty() && self.host == host_name()
    }

    /// Whether the recorded process runs: `Some(false)` only when it is on this host and gone.
    pub fn is_running(&self) -> Option<bool> {
        if !self.is_this_host() || self.pid == 0 {
            return None;
        }
        Some(pid_alive(self.pid))
    }

    fn to_text(&self) -> String {
        ron::ser::to_string(self).unwrap_or_default() + "\n"
    }

    fn parse(text: &str) -> Option<LockInfo> {
        ron::Options::default()
            .with_recursion_limit(8)
            .from_str(text.trim())
            .ok()
    }
}

fn pid_alive(pid: u32) -> bool {
    let Ok(pid) = libc::pid_t::try_from(pid) else {
        return false;
    };
    if pid <= 0 {
        return false;
    }
    // SAFETY: kill with signal 0 only checks for existence and permission.
    let r = unsafe { libc::kill(pid, 0) };
    r == 0 || io::Error::last_os_error().raw_os_error() == Some(libc::EPERM)
}

/// The login name: `$USER`/`$LOGNAME`, else the password database, else the uid.
pub fn user_name() -> String {
    // Asked once: the password database may be a network service (nsswitch), and a session
    // writes its lock record more than once.
    static NAME: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    NAME.get_or_init(look_up_user_name).clone()
}

fn look_up_user_name() -> String {
    for var in ["USER", "LOGNAME"] {
        if let Ok(v) = std::env::var(var)
            && !v.is_empty()
        {
            return v;
        }
    }
    // SAFETY: getuid cannot fail; getpwuid_r writes into our buffer only.
    unsafe {
        let uid = libc::getuid();
        let mut pw: libc::passwd = std::mem::zeroed();
        let mut buf = vec![0 as libc::c_char; 1024];
        let mut out: *mut libc::passwd = std::ptr::null_mut();
        if libc::getpwuid_r(uid, &mut pw, buf.as_mut_ptr(), buf.len(), &mut out) == 0
            && !out.is_null()
            && !pw.pw_name.is_null()
        {
            return std::ffi::CStr::from_ptr(pw.pw_name)
                .to_string_lossy()
                .into_owned();
        }
        format!("uid{uid}")
    }
}

/// This machine's host name.
pub fn host_name() -> String {
    let mut buf = [0u8; 256];
    // SAFETY: the buffer is valid for its length; gethostname NUL-terminates or truncates.
    let r = unsafe { libc::gethostname(buf.as_mut_ptr().cast(), buf.len() - 1) };
    if r != 0 {
        return "localhost".into();
    }
    let end = buf.iter().position(|&b| b == 0).unwrap_or(buf.len());
    String::from_utf8_lossy(&buf[..end]).into_owned()
}

/// A lock this process holds. Dropping it removes the lock file and releases the lock.
#[derive(Debug)]
pub struct HeldLock {
    file: File,
    path: PathBuf,
}

impl HeldLock {
    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for HeldLock {
    fn drop(&mut self) {
        // Unlink while still holding the lock, and only if the name is still our file; an
        // opener that locked the unlinked inode meanwhile notices (see `acquire`) and retries.
        if let (Ok(a), Ok(b)) = (self.file.metadata(), fs::symlink_metadata(&self.path))
            && a.dev() == b.dev()
            && a.ino() == b.ino()
        {
            let _ = fs::remove_file(&self.path);
        }
        let _ = self.file.unlock();
    }
}

/// The result of trying to lock.
#[derive(Debug)]
pub enum Acquired {
    /// We hold it. `previous` is what a dead holder left in the file (a crash), if anything.
    Held {
        lock: HeldLock,
        previous: Option<LockInfo>,
    },
    /// Held by a live process on this host, or recorded by another host (cannot be checked).
    Busy { holder: LockInfo, running: bool },
    /// Held, but its recorded process is dead on this host: stale; we did not get the `flock`.
    StaleHeld { holder: LockInfo },
    /// The lock file cannot be created or locked (read-only directory, no locking support).
    Unavailable(io::Error),
}

fn read_info(file: &mut File) -> Option<LockInfo> {
    let mut text = String::new();
    file.seek(io::SeekFrom::Start(0)).ok()?;
    file.take(4096).read_to_string(&mut text).ok()?;
    LockInfo::parse(&text)
}

fn open_lock_file(path: &Path) -> io::Result<File> {
    OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .mode(0o600)
        .custom_flags(libc::O_CLOEXEC | libc::O_NOFOLLOW | libc::O_NONBLOCK)
        .open(path)
}

/// Tries to take the lock at `path` for `me`, without waiting for a live holder. `force` takes a
/// lock whose holder cannot be checked (another host) as if it were free.
pub fn acquire(path: &Path, me: &LockInfo, force: bool) -> Acquired {
    for _ in 0..8 {
        let mut file = match open_lock_file(path) {
            Ok(f) => f,
            Err(e) => return Acquired::Unavailable(e),
        };
        if !file.metadata().is_ok_and(|m| m.is_file()) {
            return Acquired::Unavailable(io::Error::other("the lock path is not a regular file"));
        }
        match file.try_lock() {
            Ok(()) => {
                // The previous holder may have unlinked this inode between our open and lock.
                let same = match (file.metadata(), fs::symlink_metadata(path)) {
                    (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
                    _ => false,
                };
                if !same {
                    continue;
                }
                let previous = read_info(&mut file);
                if let Some(prev) = &previous
                    && !prev.host.is_empty()
                    && !prev.is_this_host()
                    && !force
                {
                    let _ = file.unlock();
                    return Acquired::Busy {
                        holder: prev.clone(),
                        running: false,
                    };
                }
                let written = file
                    .set_len(0)
                    .and_then(|()| file.seek(io::SeekFrom::Start(0)))
                    .and_then(|_| file.write_all(me.to_text().as_bytes()));
                if let Err(e) = written {
                    let _ = file.unlock();
                    return Acquired::Unavailable(e);
                }
                return Acquired::Held {
                    lock: HeldLock {
                        file,
                        path: path.to_path_buf(),
                    },
                    previous,
                };
            }
            Err(std::fs::TryLockError::WouldBlock) => {
                // The holder writes its record right after locking: give it a moment.
                let mut holder = read_info(&mut file);
                for _ in 0..20 {
                    if holder.is_some() {
                        break;
                    }
                    std::thread::sleep(std::time::Duration::from_millis(10));
                    holder = read_info(&mut file);
                }
                let holder = holder.unwrap_or_else(LockInfo::unknown);
                if holder.is_running() == Some(false) {
                    return Acquired::StaleHeld { holder };
                }
                return Acquired::Busy {
                    holder,
                    running: true,
                };
            }
            Err(std::fs::TryLockError::Error(e)) => return Acquired::Unavailable(e),
        }
    }
    Acquired::Unavailable(io::Error::other("the lock file keeps changing"))
}

/// Who holds the lock of a draft, without creating anything (for read-only openers): the record
/// when the lock is held by someone else, `None` when it is free or absent.
pub fn holder(path: &Path) -> Option<LockInfo> {
    let mut file = OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_CLOEXEC | libc::O_NOFOLLOW | libc::O_NONBLOCK)
        .open(path)
        .ok()?;
    if !file.metadata().is_ok_and(|m| m.is_file()) {
        return None;
    }
    let info = read_info(&mut file)?;
    (info.is_running() != Some(false)).then_some(info)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn me() -> LockInfo {
        LockInfo::current("2026-01-01T00:00:00+08:00")
    }

    #[test]
    fn second_opener_is_told_who_and_lock_file_goes_on_drop() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.ron.lock");
        let Acquired::Held { lock, previous } = acquire(&p, &me(), false) else {
            panic!("first lock")
        };
        assert!(previous.is_none());
        match acquire(&p, &me(), false) {
            Acquired::Busy { holder, running } => {
                assert!(running);
                assert_eq!(holder.pid, std::process::id());
            }
            other => panic!("{other:?}"),
        }
        drop(lock);
        assert!(!p.exists());
        assert!(matches!(acquire(&p, &me(), false), Acquired::Held { .. }));
    }

    #[test]
    fn leftover_record_is_reported_as_previous() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.ron.lock");
        let mut dead = me();
        dead.pid = 999_999_999;
        fs::write(&p, dead.to_text()).unwrap();
        match acquire(&p, &me(), false) {
            Acquired::Held { previous, .. } => assert_eq!(previous, Some(dead)),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn another_hosts_record_needs_force() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.ron.lock");
        let mut other = me();
        other.host = "elsewhere.example".into();
        fs::write(&p, other.to_text()).unwrap();
        assert!(matches!(
            acquire(&p, &me(), false),
            Acquired::Busy { running: false, .. }
        ));
        assert!(matches!(acquire(&p, &me(), true), Acquired::Held { .. }));
    }
}
