//! Where drafts live: the user data directory from `directories` (…/tianbiao/drafts), or
//! `$TIANBIAO_DATA_DIR/drafts` when set; and how a draft name maps to a file there.

use std::path::{Path, PathBuf};

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
    let mut s: String = name
        .trim()
        .chars()
        .map(|c| {
            if c == '/' || c == '\\' || c.is_control() || crate::sanitize::classify(c).is_some() {
                '_'
            } else {
                c
            }
        })
        .collect();
    while s.starts_with('.') {
        s.replace_range(..1, "_");
    }
    if s.is_empty() {
        s.push_str("draft");
    }
    // Keep file names within common limits (255 bytes) with room for suffixes.
    while s.len() > 200 {
        s.pop();
    }
    format!("{s}.ron")
}

/// A `NAME|PATH` argument: an existing file or anything that looks like a path is a path;
/// otherwise it is a draft name in the drafts directory.
pub fn resolve(arg: &str, drafts: &Path) -> PathBuf {
    let p = Path::new(arg);
    if p.exists() || arg.contains('/') || arg.ends_with(".ron") || arg.ends_with(".json") {
        p.to_path_buf()
    } else {
        drafts.join(file_name_for(arg))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
