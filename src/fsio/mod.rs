//! Reading files that may be hostile or huge: regular files only, size-capped, never hanging on
//! a FIFO or a device. Everything that reads a user-named file goes through here.

use std::fs::File;
use std::io::{self, Read};
use std::os::unix::fs::OpenOptionsExt;
use std::path::Path;

pub mod atomic;
mod msg;

pub use atomic::write_atomic;

/// Why a file could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("{0}")]
    Io(#[from] io::Error),
    /// A FIFO, socket, device or directory: refused without reading.
    #[error("not a regular file")]
    NotRegular,
    /// Larger than the cap: refused without reading it all.
    #[error("too large ({size} bytes, limit {cap})")]
    TooLarge { size: u64, cap: u64 },
}

/// Cap for form descriptions and drafts.
pub const FILE_CAP: u64 = 8 * 1024 * 1024;

/// Reads a regular file of at most `cap` bytes. Opens non-blocking so a FIFO cannot hang us,
/// checks the type and size on the open descriptor, and reads at most `cap + 1` bytes in case
/// the file grows meanwhile.
pub fn read_capped(path: &Path, cap: u64) -> Result<Vec<u8>, ReadError> {
    read_capped_meta(path, cap).map(|(bytes, _)| bytes)
}

/// [`read_capped`], also returning the metadata of the descriptor the bytes were read from (so a
/// caller can remember which file, of which size and time, it read).
pub fn read_capped_meta(path: &Path, cap: u64) -> Result<(Vec<u8>, std::fs::Metadata), ReadError> {
    let (file, meta) = open_regular(path)?;
    if meta.len() > cap {
        return Err(ReadError::TooLarge {
            size: meta.len(),
            cap,
        });
    }
    read_limited(file, cap).map(|bytes| (bytes, meta))
}

/// Opens a regular file for reading without ever blocking on a FIFO or a device: the type is
/// checked on the open descriptor. For readers that seek (a zip package) instead of reading
/// everything.
pub fn open_regular(path: &Path) -> Result<(File, std::fs::Metadata), ReadError> {
    let file = std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK | libc::O_CLOEXEC | libc::O_NOCTTY)
        .open(path)?;
    let meta = file.metadata()?;
    if !meta.is_file() {
        return Err(ReadError::NotRegular);
    }
    Ok((file, meta))
}

/// Reads the rest of an open file, at most `cap` bytes.
pub fn read_limited(file: File, cap: u64) -> Result<Vec<u8>, ReadError> {
    let mut buf = Vec::new();
    file.take(cap + 1).read_to_end(&mut buf)?;
    if buf.len() as u64 > cap {
        return Err(ReadError::TooLarge {
            size: buf.len() as u64,
            cap,
        });
    }
    Ok(buf)
}

/// Reads standard input up to `cap` bytes.
pub fn read_stdin_capped(cap: u64) -> Result<Vec<u8>, ReadError> {
    let mut buf = Vec::new();
    io::stdin().lock().take(cap + 1).read_to_end(&mut buf)?;
    if buf.len() as u64 > cap {
        return Err(ReadError::TooLarge {
            size: buf.len() as u64,
            cap,
        });
    }
    Ok(buf)
}

/// Creates a directory (and its parents) private to the user: 0700. An existing directory is
/// left as it is.
pub fn create_private_dir(dir: &Path) -> io::Result<()> {
    use std::os::unix::fs::{DirBuilderExt, PermissionsExt};
    if dir.is_dir() {
        return Ok(());
    }
    std::fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(dir)?;
    // The umask may have narrowed it further (fine) but never widened it; make it exactly 0700.
    std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700))
}

/// Writes a private file (0600) atomically and durably: temp file, fsync, rename, fsync of the
/// directory. An existing file keeps its own mode. See [`write_atomic`] for links and devices.
pub fn write_private(path: &Path, bytes: &[u8]) -> io::Result<()> {
    write_atomic(path, bytes, 0o600)
}

/// The path names a FIFO, a device or a socket: never replaced by a file, not even with
/// `--force` (as root, `-o /dev/null --force` would otherwise replace `/dev/null`).
#[derive(Debug, thiserror::Error)]
#[error("not a regular file (a pipe, device or socket); it is never replaced")]
pub struct SpecialTarget;

/// `DIR/STEM.EXT`, or `STEM-2.EXT`, `STEM-3.EXT`… when taken: for files that must never
/// replace an existing one.
pub fn unused_path(dir: &Path, stem: &str, ext: &str) -> std::path::PathBuf {
    (1..)
        .map(|n| {
            if n == 1 {
                dir.join(format!("{stem}.{ext}"))
            } else {
                dir.join(format!("{stem}-{n}.{ext}"))
            }
        })
        .find(|p| std::fs::symlink_metadata(p).is_err())
        .unwrap_or_else(|| dir.join(format!("{stem}.{ext}")))
}
