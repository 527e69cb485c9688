//! Forms: the description language, loading and linting, the answers model and validation.
//! Pure: never imports a terminal library, `directories` or `std::fs`; callers read files.

pub mod answers;
pub mod limits;
pub mod lint;
pub mod load;
pub(crate) mod msg;
pub mod scan;
pub mod schema;
pub mod validate;

pub use answers::{Answers, Attachment, Cell, Row, Value};
pub use load::{ErrorKind, FormError, decode, load_str};
pub use schema::{Column, ColumnKind, Condition, Field, Form, Kind, Section, TableRule};
pub use validate::{Finding, Problem, validate};

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
    pub fn hash(&self) -> String {
        let canonical = serde_json::to_string(self).unwrap_or_default();
        let digest = Sha256::digest(canonical.as_bytes());
        let mut out = String::from("sha256:");
        for b in digest {
            out.push_str(&format!("{b:02x}"));
        }
        out
    }
}
