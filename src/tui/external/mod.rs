//! A long-text field edited in the user's own editor: the private temp file named after the
//! field, which editor to run (`$VISUAL`, `$EDITOR`, `nano`, `vi`), running it while the
//! terminal is given back, and what came of it. The driver calls [`run`] between restoring and
//! retaking the terminal; `update` applies the [`Outcome`] to the field it came from.

pub mod msg;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Why the editor's text was not taken. The field keeps its text and the temp file is kept.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Failure {
    /// The temp file could not be made.
    TempFile { error: String },
    /// No editor could be started.
    Spawn { editor: String, error: String },
    /// The editor exited with a non-zero status.
    Exit { editor: String, code: i32 },
    /// The editor was killed by a signal (a crash, kill -9).
    Signal { editor: String, signal: i32 },
    /// The file could not be read back (deleted, replaced by a directory, too large).
    Unreadable { error: String },
    /// The file is no longer UTF-8 (saved in GBK, say).
    NotUtf8,
    /// More text than a field may hold.
    TooLong { chars: usize, cap: usize },
    /// The field it was opened on is no longer a long text here.
    FieldGone,
}

/// What came of one editing session.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// The file's text (not yet normalised); the driver removes the temp file once it knows
    /// the text will be applied.
    Edited(String),
    Failed {
        failure: Failure,
        /// The temp file, kept so nothing typed there is lost.
        kept: Option<PathBuf>,
    },
}

/// Where the temp file goes: the user's runtime directory (private, in memory) when there is
/// one, else the system temp directory.
pub fn temp_dir() -> PathBuf {
    std::env::var_os("XDG_RUNTIME_DIR")
        .map(PathBuf::from)
        .filter(|d| d.is_dir())
        .unwrap_or_else(std::env::temp_dir)
}

/// The editor to run: `$VISUAL`, `$EDITOR`, then `nano` or `vi` when on `PATH`.
pub fn editor_command(env: impl Fn(&str) -> Option<String>) -> String {
    for var in ["VISUAL", "EDITOR"] {
        if let Some(e) = env(var).filter(|e| !e.trim().is_empty()) {
            return e;
        }
    }
    let on_path = |name: &str| {
        env("PATH").is_some_and(|p| std::env::split_paths(&p).any(|d| d.join(name).is_file()))
    };
    if on_path("nano") { "nano" } else { "vi" }.to_string()
}

/// A file name part from a field id: letters, digits, `-` and `_` only.
fn safe_stem(id: &str) -> String {
    let s: String = id
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .take(40)
        .collect();
    if s.is_empty() { "field".into() } else { s }
}

/// Writes `text` to a new private file (0600) named after the field.
pub fn write_temp(dir: &Path, field_id: &str, text: &str) -> std::io::Result<PathBuf> {
    let mut f = tempfile::Builder::new()
        .prefix(&format!("tianbiao-{}-", safe_stem(field_id)))
        .suffix(".txt")
        .tempfile_in(dir)?;
    f.write_all(text.as_bytes())?;
    if !text.is_empty() && !text.ends_with('\n') {
        // Editors expect a final newline and add one; it is taken off again on the way back.
        f.write_all(b"\n")?;
    }
    f.as_file().sync_all()?;
    let (_, path) = f.keep().map_err(|e| e.error)?;
    Ok(path)
}

/// Runs the editor on `path` and waits for it. The terminal must be in its normal state.
/// The command is run by `sh` so `EDITOR="code --wait"` works as it does for git.
pub fn edit(editor: &str, path: &Path) -> Outcome {
    let failed = |failure| Outcome::Failed {
        failure,
        kept: Some(path.to_path_buf()),
    };
    let status = Command::new("sh")
        .arg("-c")
        .arg(format!("{editor} \"$@\""))
        .arg(editor)
        .arg(path)
        .status();
    let status = match status {
        Ok(s) => s,
        Err(e) => {
            return failed(Failure::Spawn {
                editor: editor.to_string(),
                error: e.to_string(),
            });
        }
    };
    use std::os::unix::process::ExitStatusExt;
    if let Some(signal) = status.signal() {
        return failed(Failure::Signal {
            editor: editor.to_string(),
            signal,
        });
    }
    match status.code() {
        Some(0) => {}
        // `sh` reports a command killed by a signal as 128+n; 127: not found.
        Some(code) if code > 128 && code < 160 => {
            return failed(Failure::Signal {
                editor: editor.to_string(),
                signal: code - 128,
            });
        }
        Some(code) => {
            return failed(Failure::Exit {
                editor: editor.to_string(),
                code,
            });
        }
        None => {
            return failed(Failure::Exit {
                editor: editor.to_string(),
                code: -1,
            });
        }
    }
    let bytes = match crate::fsio::read_capped(path, crate::textfile::FILE_CAP_BYTES) {
        Ok(b) => b,
        Err(e) => {
            return failed(Failure::Unreadable { error: e.english() });
        }
    };
    match String::from_utf8(bytes) {
        Ok(mut text) => {
            if text.ends_with('\n') {
                text.pop();
                if text.ends_with('\r') {
                    text.pop();
                }
            }
            Outcome::Edited(text)
        }
        Err(_) => failed(Failure::NotUtf8),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn editor_order_visual_editor_nano_vi() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |k: &str| {
                pairs
                    .iter()
                    .find(|(n, _)| *n == k)
                    .map(|(_, v)| v.to_string())
            }
        };
        assert_eq!(
            editor_command(env(&[("VISUAL", "vim"), ("EDITOR", "ed")])),
            "vim"
        );
        assert_eq!(
            editor_command(env(&[("VISUAL", " "), ("EDITOR", "ed")])),
            "ed"
        );
        assert_eq!(editor_command(env(&[("PATH", "/nonexistent")])), "vi");
    }

    #[test]
    fn temp_file_is_private_and_named_after_the_field() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let p = write_temp(dir.path(), "intro/../x", "简介").unwrap();
        let name = p.file_name().unwrap().to_string_lossy().into_owned();
        assert!(
            name.starts_with("tianbiao-intro____x-") && name.ends_with(".txt"),
            "{name}"
        );
        let mode = std::fs::metadata(&p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "简介\n");
    }
}
