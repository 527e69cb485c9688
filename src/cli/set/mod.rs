//! `tianbiao fill --set FIELD=@FILE` / `--set FIELD=TEXT`: answers from the command line,
//! written into the draft before the editor opens (or instead of it, with `--no-edit`).
//!
//! All or nothing: every `--set` is read, decoded and checked first; only when all of them can
//! be applied is the draft changed and saved, once. A field that already has an answer is only
//! replaced with `--force`, or added to with `--append`.

pub mod msg;

use std::io::Write;
use std::path::{Path, PathBuf};

use super::{INVALID, UNREADABLE};
use crate::draft::{self, OpenError, Opened, SaveOk, Store};
use crate::form::{Form, Value};
use crate::fsio;
use crate::lang::Lang;
use crate::plain::answer::{self, Merge};
use crate::textfile;
use crate::tui::update::FIELD_CAP_CHARS;

/// One `--set` argument.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SetArg {
    pub field: String,
    pub source: Source,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Source {
    /// `@FILE`.
    File(PathBuf),
    /// The text itself (`@@…` stands for a text starting with `@`).
    Text(String),
}

/// Parses `FIELD=@FILE` / `FIELD=TEXT` (for clap).
pub fn parse_set(s: &str) -> Result<SetArg, String> {
    let Some((field, value)) = s.split_once('=') else {
        return Err(format!("expected FIELD=TEXT or FIELD=@FILE, got '{s}'"));
    };
    if field.trim().is_empty() {
        return Err(format!("no field name before '=' in '{s}'"));
    }
    let source = if let Some(rest) = value.strip_prefix("@@") {
        Source::Text(format!("@{rest}"))
    } else if let Some(path) = value.strip_prefix('@') {
        Source::File(PathBuf::from(path))
    } else {
        Source::Text(value.to_string())
    };
    Ok(SetArg {
        field: field.trim().to_string(),
        source,
    })
}

/// Why `--set` changed nothing.
#[derive(Debug)]
pub enum SetError {
    NoDataDir,
    /// More than one draft of the form and no `--draft`: which one is not guessed.
    WhichDraft {
        drafts: Vec<PathBuf>,
    },
    Open(OpenError),
    UnknownField {
        key: String,
    },
    /// A note, which holds no answer.
    NotAnswerable {
        label: String,
    },
    Unreadable {
        path: PathBuf,
        error: fsio::ReadError,
    },
    Refused {
        path: PathBuf,
        error: textfile::ImportError,
    },
    BadAnswer {
        label: String,
        error: answer::AnswerError,
    },
    /// The field has an answer and neither `--force` nor `--append` was given.
    AlreadyAnswered {
        label: String,
    },
    Save(draft::SaveError),
}

impl SetError {
    pub fn exit_code(&self) -> u8 {
        match self {
            SetError::NoDataDir
            | SetError::Open(_)
            | SetError::Unreadable { .. }
            | SetError::Save(_) => UNREADABLE,
            _ => INVALID,
        }
    }
}

/// What was done, to print.
pub struct Applied {
    pub path: PathBuf,
    /// Per field: its label, where the text came from, what decoding changed, and the count.
    pub lines: Vec<String>,
    /// A save that went to a conflict copy.
    pub conflict: Option<PathBuf>,
}

/// The draft `--set` and plain mode write: `--draft`, else the one draft of this form, else a
/// new one. Several drafts and no `--draft` is an error for `--set` (`ask` = None) or a
/// question in plain mode.
pub fn draft_path(
    store: &Store,
    form: &Form,
    arg: Option<&std::ffi::OsStr>,
) -> Result<Option<PathBuf>, SetError> {
    if let Some(a) = arg {
        return Ok(Some(store.resolve(a)));
    }
    let entries = store.list_form(&form.id).unwrap_or_default();
    match entries.len() {
        0 => Ok(None),
        1 => Ok(Some(entries[0].path.clone())),
        _ => Err(SetError::WhichDraft {
            drafts: entries.into_iter().map(|e| e.path).collect(),
        }),
    }
}

/// Opens a draft for writing, creating it when the path does not exist yet (or a new draft in
/// the store when there is no path).
pub fn open_for_edit(store: &Store, form: &Form, path: Option<&Path>) -> Result<Opened, OpenError> {
    match path {
        None => store.create_new(form),
        Some(p) if p.exists() || p.symlink_metadata().is_ok() => {
            draft::open(p, form, draft::OpenMode::Normal)
        }
        Some(p) => {
            let name = p
                .file_stem()
                .map_or_else(|| "draft".to_string(), |s| s.to_string_lossy().into_owned());
            draft::create(p, form, &name)
        }
    }
}

/// Reads every `--set`, applies them to the draft and saves it.
pub fn apply(
    lang: Lang,
    form: &Form,
    draft_arg: Option<&std::ffi::OsStr>,
    sets: &[SetArg],
    how: Option<Merge>,
) -> Result<Applied, SetError> {
    let store = Store::default_location().ok_or(SetError::NoDataDir)?;
    // Read and check everything before touching the draft.
    let mut ready = Vec::new();
    for set in sets {
        let field = form
            .find_field(&set.field)
            .ok_or_else(|| SetError::UnknownField {
                key: set.field.clone(),
            })?;
        if matches!(field.kind, crate::form::Kind::Note { .. }) {
            return Err(SetError::NotAnswerable {
                label: field.label.clone(),
            });
        }
        let single =
            !matches!(field.kind, crate::form::Kind::LongText { .. }) && field.kind.is_textual();
        let (text, from) = match &set.source {
            Source::Text(t) => (t.clone(), None),
            Source::File(p) => {
                let bytes = fsio::read_capped(p, textfile::FILE_CAP_BYTES).map_err(|error| {
                    SetError::Unreadable {
                        path: p.clone(),
                        error,
                    }
                })?;
                let imported =
                    textfile::decode(&bytes, single, FIELD_CAP_CHARS).map_err(|error| {
                        SetError::Refused {
                            path: p.clone(),
                            error,
                        }
                    })?;
                let note = imported.describe(lang);
                (imported.text, Some((p.clone(), note)))
            }
        };
        let lines: Vec<String> = text.split('\n').map(str::to_string).collect();
        ready.push((field, lines, from));
    }
    let path = draft_path(&store, form, draft_arg)?;
    let mut opened = open_for_edit(&store, form, path.as_deref()).map_err(SetError::Open)?;
    let mut out_lines = Vec::new();
    for (field, lines, from) in ready {
        let current = opened.draft.answers.get(&field.id).cloned();
        let value = answer::parse(field, &lines, current.as_ref()).map_err(|error| {
            SetError::BadAnswer {
                label: field.label.clone(),
                error,
            }
        })?;
        if answer::has_content(current.as_ref()) && how.is_none() {
            return Err(SetError::AlreadyAnswered {
                label: field.label.clone(),
            });
        }
        let merged = answer::merge(
            field,
            current.as_ref(),
            value,
            how.unwrap_or(Merge::Replace),
        );
        if let Value::Text(t) = &merged
            && t.chars().count() > FIELD_CAP_CHARS
        {
            return Err(SetError::Refused {
                path: from.as_ref().map(|(p, _)| p.clone()).unwrap_or_default(),
                error: textfile::ImportError::TooLong {
                    chars: t.chars().count(),
                    cap: FIELD_CAP_CHARS,
                },
            });
        }
        opened.draft.answers.set(field.id.clone(), merged);
        out_lines.push(msg::applied(
            lang,
            form,
            field,
            opened.draft.answers.get(&field.id),
            from.as_ref().map(|(p, n)| (p.as_path(), n.as_str())),
        ));
    }
    // A draft still called `附件1-20261201-1835` takes its scenario's name once it is known.
    if let Some(name) =
        draft::store::name_from_answer(form, &opened.draft, crate::review::check::SCENARIO_FIELD)
        && opened.session.path().parent() == Some(store.dir())
    {
        let to = store.unused_path_for(&name);
        if opened.session.rename_to(&to).is_ok() {
            opened.draft.name = name;
        }
    }
    let conflict = match opened.session.save(&opened.draft).map_err(SetError::Save)? {
        SaveOk::Saved { .. } => None,
        SaveOk::Conflict { copy, .. } => Some(copy),
    };
    Ok(Applied {
        path: opened.session.path().to_path_buf(),
        lines: out_lines,
        conflict,
    })
}

/// Runs `--set` and prints what happened; `Ok(path)` of the draft written.
pub fn run(
    lang: Lang,
    form: &Form,
    draft_arg: Option<&std::ffi::OsStr>,
    sets: &[SetArg],
    how: Option<Merge>,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<PathBuf, u8> {
    match apply(lang, form, draft_arg, sets, how) {
        Ok(a) => {
            for l in &a.lines {
                let _ = writeln!(out, "{l}");
            }
            match &a.conflict {
                Some(copy) => {
                    let _ = writeln!(err, "{}", msg::conflict(lang, copy));
                }
                None => {
                    let _ = writeln!(out, "{}", msg::saved(lang, &a.path));
                }
            }
            Ok(a.path)
        }
        Err(e) => {
            let _ = writeln!(err, "{}", e.describe(lang));
            Err(e.exit_code())
        }
    }
}
