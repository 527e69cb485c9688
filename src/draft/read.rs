//! Reading a draft file as it is, without a lock or a form: for opening, listing and `show`.
//! A failure says where the file stops parsing and whether a backup that parses exists.

use std::io;
use std::path::{Path, PathBuf};

use super::atomic;
use super::error::OpenError;
use super::format::{Draft, ParseError};
use crate::fsio::{self, ReadError};

/// Parses a draft file's bytes; a failure is [`OpenError::Corrupt`] with the line and column
/// and a backup that parses, if there is one.
pub(crate) fn parse_bytes(path: &Path, bytes: &[u8]) -> Result<Draft, OpenError> {
    let corrupt = |e: ParseError| OpenError::Corrupt {
        path: path.to_path_buf(),
        line: e.line,
        col: e.col,
        message: Box::new(e.message),
        backup: usable_backup(path),
    };
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let good = String::from_utf8_lossy(&bytes[..e.valid_up_to()]);
            let (line, col) = crate::form::lint::line_col(&good, good.len());
            return Err(corrupt(ParseError {
                line,
                col,
                message: super::format::ParseProblem::NotUtf8 {
                    offset: e.valid_up_to(),
                },
            }));
        }
    };
    Draft::from_ron(text).map_err(corrupt)
}

/// The backup of a draft, if it exists and parses.
pub fn usable_backup(path: &Path) -> Option<PathBuf> {
    let bak = atomic::backup_path(path);
    let bytes = fsio::read_capped(&bak, fsio::FILE_CAP).ok()?;
    let text = std::str::from_utf8(&bytes).ok()?;
    Draft::from_ron(text).ok().map(|_| bak)
}

/// Reads and parses a draft without a form and without creating anything (listing, `show`).
pub fn read_draft(path: &Path) -> Result<Draft, OpenError> {
    let bytes = fsio::read_capped(path, fsio::FILE_CAP).map_err(|error| match error {
        ReadError::Io(e) if e.kind() == io::ErrorKind::NotFound => OpenError::NotFound {
            path: path.to_path_buf(),
        },
        error => OpenError::Unreadable {
            path: path.to_path_buf(),
            error,
        },
    })?;
    parse_bytes(path, &bytes)
}
