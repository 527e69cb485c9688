//! Which form a draft is used with: the form named with `--form`, else the form file the draft
//! remembers, else the built-in form with the draft's form id.

use std::path::Path;

use super::{FormLoadError, UNREADABLE, load_form_arg, load_form_file};
use crate::draft::Draft;
use crate::form::{self, Form};

/// Why no form could be found for a draft.
#[derive(Debug)]
pub enum DraftFormError {
    /// The form named (or remembered) could not be read or is invalid.
    Load(FormLoadError),
    /// The form found is another form than the draft's: named with `--form` (`file: None`) or
    /// the remembered file, which now holds another form.
    Mismatch {
        file: Option<String>,
        file_id: String,
        draft_id: String,
    },
    /// The form file the draft was made from is no longer where it was.
    Moved { was: String, id: String },
    /// No form file is remembered and no built-in form has the draft's form id.
    Unknown { id: String },
    /// A built-in form that does not load (a build defect, reported as its errors).
    Builtin {
        id: String,
        errors: Vec<form::FormError>,
    },
}

impl DraftFormError {
    pub fn exit_code(&self) -> u8 {
        match self {
            DraftFormError::Load(e) => e.exit_code(),
            _ => UNREADABLE,
        }
    }
}

/// The form to use with `draft`; `explicit` is a `--form` argument (a built-in id or a file).
pub fn form_of_draft(draft: &Draft, explicit: Option<&Path>) -> Result<Form, DraftFormError> {
    if let Some(arg) = explicit {
        let form = load_form_arg(arg).map_err(DraftFormError::Load)?;
        return same_form(form, draft, None);
    }
    if let Some(file) = &draft.form_file {
        let path = Path::new(file);
        if std::fs::symlink_metadata(path).is_ok() {
            let form = load_form_file(path).map_err(DraftFormError::Load)?;
            return same_form(form, draft, Some(file));
        }
        // A copy of a built-in form that is gone: the built-in one serves if it is the very form
        // the draft was made from.
        return match super::builtin_form(&draft.form_id) {
            Some(Ok(f)) if f.hash() == draft.form_hash => Ok(f),
            _ => Err(DraftFormError::Moved {
                was: file.clone(),
                id: draft.form_id.clone(),
            }),
        };
    }
    match super::builtin_form(&draft.form_id) {
        Some(Ok(f)) => Ok(f),
        Some(Err(errors)) => Err(DraftFormError::Builtin {
            id: draft.form_id.clone(),
            errors,
        }),
        None => Err(DraftFormError::Unknown {
            id: draft.form_id.clone(),
        }),
    }
}

fn same_form(form: Form, draft: &Draft, file: Option<&String>) -> Result<Form, DraftFormError> {
    if form.id == draft.form_id {
        Ok(form)
    } else {
        Err(DraftFormError::Mismatch {
            file: file.cloned(),
            file_id: form.id,
            draft_id: draft.form_id.clone(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn summary_draft() -> Draft {
        let f = form::builtin("ai-scenario-summary").unwrap().unwrap();
        Draft::new(&f, "江城汇总", "2026-12-01T18:35:00+08:00")
    }

    #[test]
    fn a_built_in_draft_finds_its_own_form() {
        let f = form_of_draft(&summary_draft(), None).unwrap();
        assert_eq!(f.id, "ai-scenario-summary");
    }

    #[test]
    fn a_remembered_file_that_is_gone_is_named() {
        let mut d = summary_draft();
        d.form_id = "xm".into();
        d.form_file = Some("/nonexistent/表单/xm.ron".into());
        match form_of_draft(&d, None) {
            Err(DraftFormError::Moved { was, id }) => {
                assert_eq!(
                    (was.as_str(), id.as_str()),
                    ("/nonexistent/表单/xm.ron", "xm")
                );
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_gone_copy_of_a_built_in_form_falls_back_to_it_when_identical() {
        let mut d = summary_draft();
        d.form_file = Some("/nonexistent/ai-scenario-summary.ron".into());
        assert!(form_of_draft(&d, None).is_ok());
        d.form_hash = "sha256:other".into();
        assert!(matches!(
            form_of_draft(&d, None),
            Err(DraftFormError::Moved { .. })
        ));
    }
}
