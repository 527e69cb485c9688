//! Importing a text file into a long-text field from the editor: the path prompt with Tab
//! completion, and the question asked before words already in the field are replaced. Pure:
//! the driver lists directories and reads the file (effects), `update` applies what came back
//! through `crate::textfile` (the decoding `fill --set` uses too).

pub mod msg;

use crate::textfile::Imported;
use crate::tui::choose::Choice;

/// One directory entry, for completion.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    pub name: String,
    pub dir: bool,
}

/// The open path prompt.
#[derive(Clone, Debug)]
pub struct Prompt {
    /// The field the file goes into (its id): the prompt holds every key, so the focus cannot
    /// move meanwhile, but the answer is matched by id all the same.
    pub field: String,
    pub label: String,
    pub path: String,
    /// Caret, in characters from the start of `path`.
    pub cursor: usize,
    /// Tabs pressed since the path was last edited: the second lists the candidates.
    pub tabs: u8,
    /// The candidates, once a second Tab asked for them.
    pub listing: Option<Vec<String>>,
    /// The file is read and decoded, and the field already has words: replace or append?
    pub ask: Option<Ask>,
}

/// The question before replacing, with what it is about.
#[derive(Clone, Debug)]
pub struct Ask {
    pub choice: Choice,
    pub path: String,
    pub imported: Imported,
}

/// What to do with the words already in the field.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Merge {
    Replace,
    Append,
}

impl Prompt {
    pub fn new(field: String, label: String) -> Prompt {
        Prompt {
            field,
            label,
            path: String::new(),
            cursor: 0,
            tabs: 0,
            listing: None,
            ask: None,
        }
    }

    fn byte_at(&self, chars: usize) -> usize {
        self.path
            .char_indices()
            .nth(chars)
            .map_or(self.path.len(), |(b, _)| b)
    }

    fn edited(&mut self) {
        self.tabs = 0;
        self.listing = None;
    }

    pub fn insert(&mut self, s: &str) {
        let at = self.byte_at(self.cursor);
        self.path.insert_str(at, s);
        self.cursor += s.chars().count();
        self.edited();
    }

    pub fn backspace(&mut self) {
        if self.cursor == 0 {
            return;
        }
        let a = self.byte_at(self.cursor - 1);
        let b = self.byte_at(self.cursor);
        self.path.replace_range(a..b, "");
        self.cursor -= 1;
        self.edited();
    }

    pub fn delete(&mut self) {
        let a = self.byte_at(self.cursor);
        let b = self.byte_at(self.cursor + 1);
        if a < b {
            self.path.replace_range(a..b, "");
            self.edited();
        }
    }

    /// Ctrl-W: back to the previous `/` (the last path component).
    pub fn delete_component(&mut self) {
        let end = self.byte_at(self.cursor);
        let head = self.path[..end].trim_end_matches('/');
        let start = head.rfind('/').map_or(0, |i| i + 1);
        let removed = self.path[start..end].chars().count();
        self.path.replace_range(start..end, "");
        self.cursor -= removed;
        self.edited();
    }

    /// Ctrl-U: clear the path.
    pub fn clear(&mut self) {
        self.path.clear();
        self.cursor = 0;
        self.edited();
    }

    pub fn left(&mut self) {
        self.cursor = self.cursor.saturating_sub(1);
    }

    pub fn right(&mut self) {
        self.cursor = (self.cursor + 1).min(self.path.chars().count());
    }

    pub fn home(&mut self) {
        self.cursor = 0;
    }

    pub fn end(&mut self) {
        self.cursor = self.path.chars().count();
    }

    fn set_path(&mut self, p: String) {
        self.cursor = p.chars().count();
        self.path = p;
    }

    /// The directory part of the path as typed (up to and with its last `/`) and the name
    /// being completed.
    pub fn split(&self) -> (&str, &str) {
        let end = self.byte_at(self.cursor);
        let head = &self.path[..end];
        match head.rfind('/') {
            Some(i) => (&head[..=i], &head[i + 1..]),
            None => ("", head),
        }
    }

    /// Applies a directory listing for the directory part `dir`: completes the name to the
    /// longest prefix the candidates share (a single one in full, `/` after a directory) and,
    /// on the second Tab, lists them. Returns the number of candidates; a stale listing (the
    /// path changed meanwhile) changes nothing and returns `None`.
    pub fn complete(&mut self, dir: &str, entries: &[Entry]) -> Option<usize> {
        let (typed_dir, base) = self.split();
        if typed_dir != dir {
            return None;
        }
        let base = base.to_string();
        let tail: String = self.path[self.byte_at(self.cursor)..].to_string();
        let mut found: Vec<&Entry> = entries
            .iter()
            .filter(|e| e.name.starts_with(&base))
            // Hidden files only when asked for with a leading dot, as shells do.
            .filter(|e| base.starts_with('.') || !e.name.starts_with('.'))
            .collect();
        found.sort_by(|a, b| a.name.cmp(&b.name));
        match found.as_slice() {
            [] => {
                self.listing = None;
            }
            [one] => {
                let slash = if one.dir { "/" } else { "" };
                self.set_path(format!("{dir}{}{slash}", one.name));
                self.path.push_str(&tail);
                self.tabs = 0;
                self.listing = None;
            }
            many => {
                let common = common_prefix(many.iter().map(|e| e.name.as_str()));
                if common.len() > base.len() {
                    self.set_path(format!("{dir}{common}"));
                    self.path.push_str(&tail);
                }
                if self.tabs >= 2 {
                    self.listing = Some(
                        many.iter()
                            .map(|e| {
                                let slash = if e.dir { "/" } else { "" };
                                format!("{}{slash}", e.name)
                            })
                            .collect(),
                    );
                }
            }
        }
        Some(found.len())
    }
}

/// The longest prefix every name shares, on character boundaries.
fn common_prefix<'a>(mut names: impl Iterator<Item = &'a str>) -> String {
    let Some(first) = names.next() else {
        return String::new();
    };
    let mut len = first.len();
    for n in names {
        let shared = first
            .char_indices()
            .zip(n.chars())
            .take_while(|((_, a), b)| a == b)
            .last()
            .map_or(0, |((i, a), _)| i + a.len_utf8());
        len = len.min(shared);
    }
    first[..len].to_string()
}

/// The field's new text: the file's, or the file's after what is there (on a line of its own).
pub fn merged(old: &str, imported: &str, how: Merge) -> String {
    match how {
        Merge::Replace => imported.to_string(),
        Merge::Append if old.is_empty() => imported.to_string(),
        Merge::Append if old.ends_with('\n') => format!("{old}{imported}"),
        Merge::Append => format!("{old}\n{imported}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn e(name: &str, dir: bool) -> Entry {
        Entry {
            name: name.into(),
            dir,
        }
    }

    fn typed(s: &str) -> Prompt {
        let mut p = Prompt::new("intro".into(), "场景简介".into());
        p.insert(s);
        p
    }

    #[test]
    fn common_prefix_on_characters() {
        assert_eq!(
            common_prefix(["简介-一.txt", "简介-二.txt"].into_iter()),
            "简介-"
        );
        assert_eq!(common_prefix(["abc", "ab"].into_iter()), "ab");
        assert_eq!(common_prefix(["x"].into_iter()), "x");
    }

    #[test]
    fn completes_the_shared_prefix_then_lists() {
        let entries = [
            e("简介-一.txt", false),
            e("简介-二.txt", false),
            e("图片", true),
        ];
        let mut p = typed("简");
        p.tabs = 1;
        assert_eq!(p.complete("", &entries), Some(2));
        assert_eq!(p.path, "简介-");
        assert!(p.listing.is_none());
        p.tabs = 2;
        p.complete("", &entries);
        assert_eq!(
            p.listing.as_deref(),
            Some(&["简介-一.txt".to_string(), "简介-二.txt".to_string()][..])
        );
        let mut p = typed("图");
        p.tabs = 1;
        assert_eq!(p.complete("", &entries), Some(1));
        assert_eq!((p.path.as_str(), p.tabs), ("图片/", 0));
    }

    #[test]
    fn a_stale_listing_changes_nothing() {
        let mut p = typed("docs/a");
        assert_eq!(p.complete("", &[e("abc", false)]), None);
        assert_eq!(p.path, "docs/a");
        assert_eq!(p.complete("docs/", &[e("abc", false)]), Some(1));
        assert_eq!(p.path, "docs/abc");
    }

    #[test]
    fn hidden_files_only_with_a_dot() {
        let entries = [e(".secret", false), e("a.txt", false)];
        let mut p = typed("");
        assert_eq!(p.complete("", &entries), Some(1));
        assert_eq!(p.path, "a.txt");
        let mut p = typed(".");
        assert_eq!(p.complete("", &entries), Some(1));
        assert_eq!(p.path, ".secret");
    }

    #[test]
    fn editing_keys() {
        let mut p = typed("docs/简介.txt");
        p.delete_component();
        assert_eq!(p.path, "docs/");
        p.backspace();
        assert_eq!((p.path.as_str(), p.cursor), ("docs", 4));
        p.home();
        p.delete();
        p.insert("D");
        assert_eq!(p.path, "Docs");
        p.clear();
        assert_eq!((p.path.as_str(), p.cursor), ("", 0));
    }

    #[test]
    fn append_goes_on_a_line_of_its_own() {
        assert_eq!(merged("甲", "乙", Merge::Append), "甲\n乙");
        assert_eq!(merged("甲\n", "乙", Merge::Append), "甲\n乙");
        assert_eq!(merged("", "乙", Merge::Append), "乙");
        assert_eq!(merged("甲", "乙", Merge::Replace), "乙");
    }
}
