//! Forms: the description language, loading and linting, the answers model and validation.
//! Pure: never imports a terminal library, `directories` or `std::fs`; callers read files.

pub mod answers;
pub mod error;
pub mod limits;
pub mod lint;
pub mod load;
pub mod msg;
pub mod scan;
pub mod schema;
pub mod validate;

pub use answers::{Answers, Attachment, Cell, Row, Value};
pub use error::{ErrorKind, FormError};
pub use load::{decode, load_str};
pub use schema::{Column, ColumnKind, Condition, Field, Form, Kind, Section, TableRule};
pub use validate::{Finding, Problem, validate};

use std::sync::atomic::Ordering;

use sha2::{Digest, Sha256};

/// The forms compiled into the binary: (id, file name, source). The flagship comes first.
pub const BUILTIN: &[(&str, &str, &str)] = &[
    (
        "ai-scenario",
        "ai-scenario.ron",
        include_str!("../../forms/ai-scenario.ron"),
    ),
    (
        "ai-scenario-summary",
        "ai-scenario-summary.ron",
        include_str!("../../forms/ai-scenario-summary.ron"),
    ),
];

/// The id of the form a bare `tianbiao` opens.
pub const FLAGSHIP: &str = "ai-scenario";

/// A built-in form by id. The sources are checked by the test suite, so failing to load one
/// is a build defect, reported as the errors it has.
pub fn builtin(id: &str) -> Option<Result<Form, Vec<FormError>>> {
    BUILTIN
        .iter()
        .find(|(bid, _, _)| *bid == id)
        .map(|(_, _, src)| load_str(src))
}

impl Form {
    /// A hash of the form's meaning (not its comments or layout): drafts record it so a changed
    /// form is noticed. `sha256:` followed by 64 hex digits.
    ///
    /// It hashes a canonical JSON of the form: keys sorted, and keys holding a default (`null`,
    /// `false`, `[]`, `{}`) left out, so that adding an optional key to the schema does not
    /// change the hash of every form that does not use it.
    pub fn hash(&self) -> String {
        let memo = &self.hash_memo.0;
        if !memo.started.load(Ordering::Acquire) {
            return self.compute_hash();
        }
        let hash = memo.hash.get_or_init(|| self.compute_hash()).clone();
        debug_assert_eq!(
            hash,
            self.compute_hash(),
            "a form was changed after its hash was primed"
        );
        hash
    }

    /// Works the hash out now and keeps it for this form and its copies, so that
    /// [`Form::hash`] later costs nothing (or waits for this rather than starting over): the
    /// editor does this on a second thread during start-up. Only for a form that is not
    /// changed afterwards.
    pub fn prime_hash(&self) {
        let memo = &self.hash_memo.0;
        memo.started.store(true, Ordering::Release);
        memo.hash.get_or_init(|| self.compute_hash());
    }

    /// Says that [`Form::prime_hash`] is about to run on a copy: from now on this form and its
    /// copies wait for that hash rather than working it out themselves.
    pub fn promise_hash(&self) {
        self.hash_memo.0.started.store(true, Ordering::Release);
    }

    /// Whether the hash is known or being worked out.
    pub fn hash_is_known(&self) -> bool {
        self.hash_memo.0.started.load(Ordering::Acquire)
    }

    fn compute_hash(&self) -> String {
        let value = serde_json::to_value(self).unwrap_or_default();
        let mut canonical = String::new();
        write_canonical(&value, &mut canonical);
        sha256_hex(canonical.as_bytes())
    }

    /// The hash earlier versions recorded (the struct's JSON as serde writes it). Drafts and
    /// submissions that carry it were made from this very form.
    pub fn legacy_hash(&self) -> String {
        sha256_hex(serde_json::to_string(self).unwrap_or_default().as_bytes())
    }

    /// Whether `hash`, as a draft recorded it, names this form: its hash or its legacy hash.
    pub fn has_hash(&self, hash: &str) -> bool {
        hash == self.hash() || hash == self.legacy_hash()
    }
}

fn sha256_hex(bytes: &[u8]) -> String {
    format!("sha256:{:x}", Sha256::digest(bytes))
}

/// A value left out of canonical objects: what a defaulted key holds.
fn is_default(v: &serde_json::Value) -> bool {
    use serde_json::Value as J;
    match v {
        J::Null | J::Bool(false) => true,
        J::Array(a) => a.is_empty(),
        J::Object(o) => o.is_empty(),
        _ => false,
    }
}

/// JSON with sorted keys and without defaulted keys (see [`Form::hash`]).
fn write_canonical(v: &serde_json::Value, out: &mut String) {
    use serde_json::Value as J;
    match v {
        J::Object(o) => {
            let mut keys: Vec<&String> = o.keys().filter(|k| !is_default(&o[*k])).collect();
            keys.sort();
            out.push('{');
            for (i, k) in keys.into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(&serde_json::to_string(k).unwrap_or_default());
                out.push(':');
                write_canonical(&o[k], out);
            }
            out.push('}');
        }
        J::Array(a) => {
            out.push('[');
            for (i, x) in a.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_canonical(x, out);
            }
            out.push(']');
        }
        other => out.push_str(&other.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The hash worked out ahead on another thread is the one a draft would record, and the
    /// editor's copy of the form finds it there.
    #[test]
    fn a_hash_worked_out_ahead_is_the_hash_and_copies_find_it() {
        let form = builtin(FLAGSHIP).expect("built in").expect("loads");
        let fresh = form.hash();
        let copy = form.clone();
        assert!(!copy.hash_is_known());
        std::thread::spawn(move || form.prime_hash())
            .join()
            .unwrap();
        assert!(copy.hash_is_known());
        assert_eq!(copy.hash(), fresh);
        // A form read anew knows nothing yet.
        assert!(!builtin(FLAGSHIP).unwrap().unwrap().hash_is_known());
    }

    #[test]
    fn a_copy_handed_over_before_its_hash_is_ready_gets_the_same_hash() {
        let form = builtin(FLAGSHIP).expect("built in").expect("loads");
        let fresh = form.hash();
        form.promise_hash();
        let handed = form.clone();
        assert!(handed.hash_is_known(), "a promised hash is known to copies");
        let hasher = std::thread::spawn(move || form.prime_hash());
        // Asked while the other thread may still be working it out: one answer, the right one.
        assert_eq!(handed.hash(), fresh);
        hasher.join().unwrap();
        assert_eq!(handed.hash(), fresh);
    }

    fn canonical_hash(v: &serde_json::Value) -> String {
        let mut s = String::new();
        write_canonical(v, &mut s);
        sha256_hex(s.as_bytes())
    }

    /// Adds `key: value` to every object inside `v` (every section, field, column, rule…),
    /// as a new optional key in the schema would appear in each of them.
    fn add_everywhere(v: &mut serde_json::Value, key: &str, value: &serde_json::Value) {
        match v {
            serde_json::Value::Object(o) => {
                for x in o.values_mut() {
                    add_everywhere(x, key, value);
                }
                o.insert(key.to_string(), value.clone());
            }
            serde_json::Value::Array(a) => a.iter_mut().for_each(|x| add_everywhere(x, key, value)),
            _ => {}
        }
    }

    #[test]
    fn a_new_defaulted_key_keeps_the_hash() {
        let form = builtin(FLAGSHIP).expect("built in").expect("loads");
        let value = serde_json::to_value(&form).unwrap();
        assert_eq!(canonical_hash(&value), form.hash());
        for default in [
            serde_json::Value::Null,
            serde_json::Value::Bool(false),
            serde_json::json!([]),
            serde_json::json!({}),
        ] {
            let mut grown = value.clone();
            add_everywhere(&mut grown, "a_key_added_later", &default);
            assert_eq!(canonical_hash(&grown), form.hash(), "{default}");
        }
        // A key that is used does change the meaning, and the hash.
        let mut used = value.clone();
        add_everywhere(&mut used, "a_key_added_later", &serde_json::json!(true));
        assert_ne!(canonical_hash(&used), form.hash());
    }

    #[test]
    fn the_hash_before_canonical_hashing_still_names_the_form() {
        let form = builtin(FLAGSHIP).expect("built in").expect("loads");
        let legacy = form.legacy_hash();
        assert_ne!(legacy, form.hash());
        assert!(form.has_hash(&legacy));
        assert!(form.has_hash(&form.hash()));
        assert!(!form.has_hash("sha256:0000"));
        assert_eq!(form.hash().len(), "sha256:".len() + 64);
    }
}
