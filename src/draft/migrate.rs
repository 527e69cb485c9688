//! A draft made from another version of its form: what changed, and bringing the draft to the
//! current form without dropping any answer.

use super::format::{Draft, FieldSummary, outline_of};
use crate::form::Form;

/// A field whose label or id changed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Renamed {
    pub old_id: String,
    pub new_id: String,
    pub old_label: String,
    pub new_label: String,
}

/// A field whose limit changed (`None`: no limit).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Relimited {
    pub id: String,
    pub label: String,
    pub old: Option<usize>,
    pub new: Option<usize>,
}

/// A field whose kind changed (its answer is kept; validation says if it no longer fits).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rekinded {
    pub id: String,
    pub label: String,
    pub old: String,
    pub new: String,
}

/// What changed between the form a draft was made from and the current one.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct FormDiff {
    pub added: Vec<FieldSummary>,
    /// Fields the form no longer has. Their answers stay in the draft (see
    /// [`crate::form::Answers::orphans`]) and their labels stay in its outline.
    pub removed: Vec<FieldSummary>,
    /// Same id with a new label, or (one to one, same label and kind) a new id: the answer moves.
    pub renamed: Vec<Renamed>,
    pub relimited: Vec<Relimited>,
    pub rekinded: Vec<Rekinded>,
}

impl FormDiff {
    pub fn is_empty(&self) -> bool {
        self.added.is_empty()
            && self.removed.is_empty()
            && self.renamed.is_empty()
            && self.relimited.is_empty()
            && self.rekinded.is_empty()
    }
}

/// A draft opened with a form other than the one it was made from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FormChange {
    pub from_version: String,
    pub to_version: String,
    pub diff: FormDiff,
    /// Ids of removed fields whose answers are kept in the draft.
    pub kept: Vec<String>,
    /// The draft had no outline of its old form (written by hand): the diff is unknown.
    pub outline_missing: bool,
}

/// The differences between two outlines.
pub fn diff(old: &[FieldSummary], new: &[FieldSummary]) -> FormDiff {
    let mut d = FormDiff::default();
    let find = |list: &[FieldSummary], id: &str| list.iter().position(|f| f.id == id);
    let mut removed: Vec<&FieldSummary> = Vec::new();
    for o in old {
        match find(new, &o.id) {
            None => removed.push(o),
            Some(i) => {
                let n = &new[i];
                if n.label != o.label {
                    d.renamed.push(Renamed {
                        old_id: o.id.clone(),
                        new_id: n.id.clone(),
                        old_label: o.label.clone(),
                        new_label: n.label.clone(),
                    });
                }
                if n.kind != o.kind {
                    d.rekinded.push(Rekinded {
                        id: n.id.clone(),
                        label: n.label.clone(),
                        old: o.kind.clone(),
                        new: n.kind.clone(),
                    });
                }
                if n.limit != o.limit {
                    d.relimited.push(Relimited {
                        id: n.id.clone(),
                        label: n.label.clone(),
                        old: o.limit,
                        new: n.limit,
                    });
                }
            }
        }
    }
    let mut added: Vec<&FieldSummary> = new.iter().filter(|n| find(old, &n.id).is_none()).collect();
    // An id change: exactly one removed and one added field with the same label and kind.
    removed.retain(|r| {
        let same = |f: &&FieldSummary| f.label == r.label && f.kind == r.kind;
        let candidates: Vec<usize> = added
            .iter()
            .enumerate()
            .filter(|(_, a)| same(a))
            .map(|(i, _)| i)
            .collect();
        let rivals = old
            .iter()
            .filter(|o| find(new, &o.id).is_none() && same(o))
            .count();
        if candidates.len() == 1 && rivals == 1 {
            let a = added.remove(candidates[0]);
            d.renamed.push(Renamed {
                old_id: r.id.clone(),
                new_id: a.id.clone(),
                old_label: r.label.clone(),
                new_label: a.label.clone(),
            });
            false
        } else {
            true
        }
    });
    d.removed = removed.into_iter().cloned().collect();
    d.added = added.into_iter().cloned().collect();
    d
}

/// Brings a draft to `form` (same id, another version or hash): moves answers of fields whose id
/// changed, keeps answers of removed fields, records the new form's version, hash and outline
/// (plus the removed fields that still hold answers, so their labels are not forgotten).
/// Returns what changed, or `None` when the draft was made from this very form.
pub fn migrate(draft: &mut Draft, form: &Form) -> Option<FormChange> {
    let hash = form.hash();
    if draft.form_hash == hash {
        return None;
    }
    if draft.form_hash == form.legacy_hash() {
        // Made from this very form before its hash became canonical: the same version.
        draft.form_hash = hash;
        return None;
    }
    let new_outline = outline_of(form);
    let outline_missing = draft.outline.is_empty();
    let mut d = diff(&draft.outline, &new_outline);
    for r in &d.renamed {
        if r.old_id != r.new_id
            && draft.answers.get(&r.new_id).is_none()
            && let Some(v) = draft.answers.0.remove(&r.old_id)
        {
            draft.answers.set(r.new_id.clone(), v);
        }
    }
    // Answers whose field is gone, whether or not the old outline knew the field.
    let kept: Vec<String> = draft
        .answers
        .orphans(form)
        .map(|(id, _)| id.clone())
        .collect();
    if outline_missing {
        d.removed = kept
            .iter()
            .map(|id| FieldSummary {
                id: id.clone(),
                label: id.clone(),
                kind: String::new(),
                limit: None,
            })
            .collect();
    }
    let mut outline = new_outline;
    for id in &kept {
        let summary = draft
            .outline
            .iter()
            .find(|f| &f.id == id)
            .cloned()
            .unwrap_or_else(|| FieldSummary {
                id: id.clone(),
                label: id.clone(),
                kind: String::new(),
                limit: None,
            });
        outline.push(summary);
    }
    let change = FormChange {
        from_version: draft.form_version.clone(),
        to_version: form.version.clone(),
        diff: d,
        kept,
        outline_missing,
    };
    draft.form_version = form.version.clone();
    draft.form_hash = hash;
    draft.outline = outline;
    Some(change)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::form::{Kind, Value};

    fn flagship() -> Form {
        crate::form::builtin("ai-scenario").unwrap().unwrap()
    }

    #[test]
    fn same_form_is_no_change() {
        let f = flagship();
        let mut d = Draft::new(&f, "x", "2026-01-01T00:00:00+08:00");
        assert_eq!(migrate(&mut d, &f), None);
    }

    #[test]
    fn removed_renamed_relimited_added_and_answers_kept() {
        let old = flagship();
        let mut d = Draft::new(&old, "x", "2026-01-01T00:00:00+08:00");
        d.answers.set("region", Value::Text("上海".into()));
        d.answers.set("user_units", Value::Text("某某单位".into()));
        d.answers.set("support", Value::Text("支持举措".into()));
        let mut new = old.clone();
        new.version = "2".into();
        let basic = new.sections.iter_mut().find(|s| s.id == "basic").unwrap();
        basic.fields.retain(|f| f.id != "region");
        let users = basic
            .fields
            .iter_mut()
            .find(|f| f.id == "user_units")
            .unwrap();
        users.id = "main_users".into();
        let mut extra = basic.fields[0].clone();
        extra.id = "new_field".into();
        extra.label = "新字段".into();
        basic.fields.push(extra);
        let support = new.sections.iter_mut().find(|s| s.id == "support").unwrap();
        support.fields[0].label = "支持举措（新）".into();
        if let Kind::LongText { limit, .. } = &mut support.fields[0].kind {
            *limit = Some(350);
        }
        let change = migrate(&mut d, &new).unwrap();
        assert_eq!(change.to_version, "2");
        assert_eq!(change.diff.removed.len(), 1);
        assert_eq!(change.diff.removed[0].id, "region");
        assert_eq!(change.diff.added.len(), 1);
        assert_eq!(change.diff.added[0].id, "new_field");
        assert!(
            change
                .diff
                .renamed
                .iter()
                .any(|r| r.old_id == "user_units" && r.new_id == "main_users")
        );
        assert!(
            change
                .diff
                .renamed
                .iter()
                .any(|r| r.old_id == "support" && r.new_label == "支持举措（新）")
        );
        assert_eq!(change.diff.relimited.len(), 1);
        assert_eq!(change.diff.relimited[0].old, Some(300));
        assert_eq!(change.diff.relimited[0].new, Some(350));
        assert_eq!(change.kept, vec!["region".to_string()]);
        // The removed field's answer is still there, the moved one under its new id.
        assert_eq!(d.answers.text("region"), "上海");
        assert_eq!(d.answers.text("main_users"), "某某单位");
        assert!(d.answers.get("user_units").is_none());
        assert!(
            d.outline
                .iter()
                .any(|f| f.id == "region" && f.label == "实施区域")
        );
        assert_eq!(d.form_hash, new.hash());
        // Opening again with the same form: nothing more to say.
        assert_eq!(migrate(&mut d, &new), None);
    }
}
