//! Where drafts live: the user data directory from `directories` (…/tianbiao/drafts), or
//! `$TIANBIAO_DATA_DIR/drafts` when set; and how a draft name maps to a file there.

use std::path::{Path, PathBuf};

use super::atomic;
use super::error::OpenError;
use super::format::Draft;
use super::lock::{self, Acquired, LockInfo};
use super::read::read_draft;
use crate::fsio::create_private_dir;

/// Environment variable that moves all of tianbiao's data (tests always set it).
pub const DATA_DIR_ENV: &str = "TIANBIAO_DATA_DIR";

/// The data directory: `$TIANBIAO_DATA_DIR`, else the platform's user data directory.
pub fn data_dir() -> Option<PathBuf> {
    if let Some(d) = std::env::var_os(DATA_DIR_ENV).filter(|d| !d.is_empty()) {
        return Some(PathBuf::from(d));
    }
    directories::ProjectDirs::from("", "", "tianbiao").map(|p| p.data_dir().to_path_buf())
}

/// The drafts directory inside the data directory.
pub fn drafts_dir() -> Option<PathBuf> {
    data_dir().map(|d| d.join("drafts"))
}

/// File name for a draft name: path separators, control and leading-dot characters are
/// replaced so a name can never point outside the drafts directory.
pub fn file_name_for(name: &str) -> String {
    // Within common limits (255 bytes) with room for suffixes.
    format!(
        "{}.ron",
        crate::sanitize::file_name(name.trim(), 200, "draft")
    )
}

fn generated_base(form: &crate::form::Form) -> String {
    form.subtitle.clone().unwrap_or_else(|| form.id.clone())
}

/// Whether `name` is one [`Store::create_new`] made up (`附件1-20261201-1835`, `附件1-…-2`).
pub fn is_generated_name(form: &crate::form::Form, name: &str) -> bool {
    let Some(rest) = name
        .strip_prefix(generated_base(form).as_str())
        .and_then(|r| r.strip_prefix('-'))
    else {
        return false;
    };
    let b = rest.as_bytes();
    b.len() >= 13
        && b[..8].iter().all(u8::is_ascii_digit)
        && b[8] == b'-'
        && b[9..13].iter().all(u8::is_ascii_digit)
        && (b.len() == 13
            || (b.len() > 14 && b[13] == b'-' && b[14..].iter().all(u8::is_ascii_digit)))
}

/// The name a draft should take once `field` (the form's name field, e.g. 场景名称) is
/// answered, while it still has a made-up name: the answer's first line, trimmed, at most 60
/// characters. `None` for a name the author chose.
pub fn name_from_answer(
    form: &crate::form::Form,
    draft: &super::Draft,
    field: &str,
) -> Option<String> {
    if !is_generated_name(form, &draft.name) {
        return None;
    }
    let line = draft
        .answers
        .text(field)
        .lines()
        .next()
        .unwrap_or("")
        .trim();
    let line: String = line.chars().take(60).collect();
    (!line.is_empty()).then_some(line)
}

/// A `NAME|PATH` argument: an existing file or anything that looks like a path is a path;
/// otherwise it is a draft name in the drafts directory.
pub fn resolve(arg: impl AsRef<std::ffi::OsStr>, drafts: &Path) -> PathBuf {
    use std::os::unix::ffi::OsStrExt;
    // Bytes, not `str`: a file name from a Windows zip may be GBK, not UTF-8.
    let arg = arg.as_ref();
    let p = Path::new(arg);
    let b = arg.as_bytes();
    if p.exists() || b.contains(&b'/') || b.ends_with(b".ron") || b.ends_with(b".json") {
        p.to_path_buf()
    } else {
        drafts.join(file_name_for(&arg.to_string_lossy()))
    }
}

/// A draft found in a drafts directory.
#[derive(Clone, Debug)]
pub struct Entry {
    pub path: PathBuf,
    pub draft: Draft,
}

/// A file in a drafts directory that looks like a draft but could not be read.
#[derive(Debug)]
pub struct Skipped {
    pub path: PathBuf,
    pub error: OpenError,
}

/// What [`Store::list`] found.
#[derive(Debug, Default)]
pub struct Listing {
    /// Newest first (by the `updated` time inside the draft).
    pub entries: Vec<Entry>,
    /// Unreadable or corrupt files, reported rather than failing the list.
    pub skipped: Vec<Skipped>,
    /// Copies kept aside (`*.corrupt-*.ron`, `*.emergency-*.ron`) and conflict copies are
    /// drafts too; corrupt ones are listed here instead of as problems.
    pub corrupt_kept: Vec<PathBuf>,
}

/// The drafts directory and the drafts in it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Store {
    dir: PathBuf,
}

/// Why a draft could not be removed.
#[derive(Debug)]
pub enum RemoveError {
    NotFound(PathBuf),
    /// Someone edits it.
    Locked {
        path: PathBuf,
        holder: Box<LockInfo>,
    },
    Io {
        path: PathBuf,
        error: std::io::Error,
    },
}

/// Where a removed draft went.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Removed {
    /// The draft, now here (recoverable by moving it back).
    pub kept: PathBuf,
    /// Its backup, if it had one.
    pub backup_kept: Option<PathBuf>,
}

impl Store {
    /// The default store: `$TIANBIAO_DATA_DIR/drafts` or the user data directory's `drafts`.
    /// `None` when there is no home directory to put it in.
    pub fn default_location() -> Option<Store> {
        drafts_dir().map(|dir| Store { dir })
    }

    /// A store in a given directory.
    pub fn at(dir: impl Into<PathBuf>) -> Store {
        Store { dir: dir.into() }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Creates the directory (and missing parents) with mode 0700; an existing one is left as is.
    pub fn ensure_dir(&self) -> std::io::Result<()> {
        create_private_dir(&self.dir)
    }

    /// The path of a draft by name (see [`file_name_for`]).
    pub fn path_for(&self, name: &str) -> PathBuf {
        self.dir.join(file_name_for(name))
    }

    /// A path for a new draft called `name` that no file uses yet (`NAME-2.ron`, … if taken).
    pub fn unused_path_for(&self, name: &str) -> PathBuf {
        let file = file_name_for(name);
        let stem = file.strip_suffix(".ron").unwrap_or(&file);
        crate::fsio::unused_path(&self.dir, stem, "ron")
    }

    /// Starts a new draft of `form` here, named after the form's subtitle (附件1) or id and
    /// the local time, in a file no other draft uses.
    pub fn create_new(&self, form: &crate::form::Form) -> Result<super::Opened, OpenError> {
        let stamp = chrono::Local::now().format("%Y%m%d-%H%M").to_string();
        let name = format!("{}-{stamp}", generated_base(form));
        self.ensure_dir().map_err(|error| OpenError::Io {
            path: self.dir.clone(),
            error,
        })?;
        super::create(&self.unused_path_for(&name), form, &name)
    }

    /// A `NAME|PATH` argument (see [`resolve`]).
    pub fn resolve(&self, arg: impl AsRef<std::ffi::OsStr>) -> PathBuf {
        resolve(arg, &self.dir)
    }

    /// Every draft in the directory (`*.ron`, not hidden), newest first. Files that cannot be
    /// read are listed in `skipped`; a missing directory is an empty list.
    pub fn list(&self) -> std::io::Result<Listing> {
        let mut listing = Listing::default();
        let entries = match std::fs::read_dir(&self.dir) {
            Ok(e) => e,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(listing),
            Err(e) => return Err(e),
        };
        for entry in entries {
            let entry = entry?;
            let name = entry.file_name();
            let name = name.to_string_lossy();
            if name.starts_with('.') || !name.ends_with(".ron") {
                continue;
            }
            let path = entry.path();
            if name.contains(".corrupt-") {
                listing.corrupt_kept.push(path);
                continue;
            }
            match read_draft(&path) {
                Ok(draft) => listing.entries.push(Entry { path, draft }),
                Err(error) => listing.skipped.push(Skipped { path, error }),
            }
        }
        listing.entries.sort_by(|a, b| {
            updated_key(&b.draft)
                .cmp(&updated_key(&a.draft))
                .then(a.path.cmp(&b.path))
        });
        listing.skipped.sort_by(|a, b| a.path.cmp(&b.path));
        listing.corrupt_kept.sort();
        Ok(listing)
    }

    /// The drafts of one form, newest first (for "resume a draft of this form").
    pub fn list_form(&self, form_id: &str) -> std::io::Result<Vec<Entry>> {
        Ok(self
            .list()?
            .entries
            .into_iter()
            .filter(|e| e.draft.form_id == form_id)
            .collect())
    }

    /// Removes a draft, keeping it recoverable: a draft in this store moves to `.trash/` inside
    /// it (as `NAME-STAMP.ron`, with its backup); a draft elsewhere is renamed beside itself to
    /// `STEM.deleted-STAMP.ron`. Refused while someone holds its lock. Never overwrites.
    pub fn remove(&self, path: &Path, stamp: &str) -> Result<Removed, RemoveError> {
        let io_err = |path: &Path| {
            let path = path.to_path_buf();
            move |error| RemoveError::Io { path, error }
        };
        if std::fs::symlink_metadata(path).is_err() {
            return Err(RemoveError::NotFound(path.to_path_buf()));
        }
        let me = LockInfo::current("");
        let _lock = match lock::acquire(&atomic::lock_path(path), &me, false) {
            Acquired::Held { lock, .. } => Some(lock),
            Acquired::Busy { holder, .. } => {
                return Err(RemoveError::Locked {
                    path: path.to_path_buf(),
                    holder: Box::new(holder),
                });
            }
            // A lock file we cannot create (read-only directory): the move will fail anyway, or
            // its process is gone.
            Acquired::StaleHeld { .. } | Acquired::Unavailable(_) => None,
        };
        let bak = atomic::backup_path(path);
        let has_bak = std::fs::symlink_metadata(&bak).is_ok();
        let in_store = path
            .parent()
            .and_then(|p| p.canonicalize().ok())
            .zip(self.dir.canonicalize().ok())
            .is_some_and(|(a, b)| a == b);
        // In the store: `.trash/STEM.deleted-STAMP.ron`; elsewhere: beside the draft.
        let like = if in_store {
            let trash = self.dir.join(".trash");
            create_private_dir(&trash).map_err(io_err(&trash))?;
            trash.join(path.file_name().unwrap_or_default())
        } else {
            path.to_path_buf()
        };
        let kept = atomic::move_unique(path, &like, "deleted", stamp).map_err(io_err(path))?;
        let backup_kept = if has_bak {
            let target = PathBuf::from(format!("{}.bak", kept.display()));
            atomic::move_no_replace(&bak, &target).map_err(io_err(&bak))?;
            Some(target)
        } else {
            None
        };
        if let Ok((dir, _)) = atomic::split(path) {
            let _ = atomic::sync_dir(dir);
        }
        Ok(Removed { kept, backup_kept })
    }
}

fn updated_key(d: &Draft) -> i64 {
    chrono::DateTime::parse_from_rfc3339(&d.updated).map_or(i64::MIN, |t| t.timestamp())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn made_up_names_are_told_from_chosen_ones() {
        let form = crate::form::builtin("ai-scenario").unwrap().unwrap();
        for yes in ["附件1-20261201-1835", "附件1-20261201-1835-2"] {
            assert!(is_generated_name(&form, yes), "{yes}");
        }
        for no in [
            "智慧港口",
            "附件1",
            "附件1-2026",
            "附件1-20261201-1835x",
            "附件1-20261201-1835-",
            "附件1-2026120a-1835",
        ] {
            assert!(!is_generated_name(&form, no), "{no}");
        }
    }

    #[test]
    fn a_made_up_name_gives_way_to_the_first_line_of_the_answer() {
        let form = crate::form::builtin("ai-scenario").unwrap().unwrap();
        let mut d = Draft::new(&form, "附件1-20261201-1835", "2026-12-01T18:35:00+08:00");
        assert_eq!(name_from_answer(&form, &d, "scenario_name"), None);
        d.answers
            .set("scenario_name", crate::form::Value::Text("  \n".into()));
        assert_eq!(name_from_answer(&form, &d, "scenario_name"), None);
        d.answers.set(
            "scenario_name",
            crate::form::Value::Text("  江城智慧港口 \n第二行".into()),
        );
        assert_eq!(
            name_from_answer(&form, &d, "scenario_name").as_deref(),
            Some("江城智慧港口")
        );
        d.name = "我的申报".into();
        assert_eq!(name_from_answer(&form, &d, "scenario_name"), None);
    }

    #[test]
    fn names_cannot_escape_the_directory() {
        assert_eq!(file_name_for("智慧港口"), "智慧港口.ron");
        assert_eq!(file_name_for("../../etc/passwd"), "_._.._etc_passwd.ron");
        assert_eq!(file_name_for(".hidden"), "_hidden.ron");
        assert_eq!(file_name_for("a\u{1b}[2Jb"), "a_[2Jb.ron");
        assert_eq!(file_name_for("  "), "draft.ron");
    }

    #[test]
    fn names_and_paths() {
        let d = Path::new("/data/drafts");
        assert_eq!(resolve("智慧港口", d), d.join("智慧港口.ron"));
        assert_eq!(resolve("./x.ron", d), PathBuf::from("./x.ron"));
        assert_eq!(resolve("/tmp/y", d), PathBuf::from("/tmp/y"));
    }
}
