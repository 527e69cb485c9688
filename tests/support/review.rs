//! Shared helpers of the `check` and `summary` tests: received fixtures, application variants,
//! golden files, and the "nothing dangerous reached the terminal" assertion.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use tianbiao::draft::Draft;
use tianbiao::form::Value;

use super::export::{example_moved, root};

/// `tests/fixtures/received`.
pub fn received() -> PathBuf {
    root().join("tests/fixtures/received")
}

/// An application like the example (absolute attachment paths, so it passes anywhere) with
/// another name, applicant and domains.
pub fn application(name: &str, applicant: &str, domains: &[&str], other: &str) -> Draft {
    let mut d = example_moved();
    d.name = name.to_string();
    d.answers
        .set("scenario_name", Value::Text(name.to_string()));
    d.answers
        .set("applicant_unit", Value::Text(applicant.to_string()));
    d.answers.set(
        "domains",
        Value::Choice {
            selected: domains.iter().map(|s| s.to_string()).collect(),
            other: String::new(),
        },
    );
    if !other.is_empty() {
        d.answers
            .set("domain_other", Value::Text(other.to_string()));
    }
    d
}

/// Compares with `tests/golden/NAME`, or rewrites it with `UPDATE_GOLDEN=1`.
pub fn golden(name: &str, actual: &[u8]) {
    let path = root().join("tests/golden").join(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read(&path)
        .unwrap_or_else(|_| panic!("missing {path:?}: run with UPDATE_GOLDEN=1 and review it"));
    assert_eq!(
        String::from_utf8_lossy(actual),
        String::from_utf8_lossy(&expected),
        "{name} differs from the golden file (UPDATE_GOLDEN=1 refreshes it; review the diff)"
    );
}

/// Asserts that output holds nothing a terminal would act on or reorder: no ESC, BEL or other
/// C0 control but newline and tab, no UTF-8-encoded C1 control (C2 80..C2 9F), no DEL, no bidi
/// control, no raw zero-width space. A CR is allowed only before LF (CSV line ends) and a BOM
/// only at the start (CSV for Excel).
pub fn assert_inert(what: &str, bytes: &[u8]) {
    let bytes = bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(bytes);
    for (i, w) in bytes.windows(2).enumerate() {
        assert!(
            !(w[0] == 0xC2 && (0x80..=0x9F).contains(&w[1])),
            "{what}: a C1 control at byte {i}"
        );
    }
    for (i, b) in bytes.iter().enumerate() {
        assert!(
            *b >= 0x20 && *b != 0x7f
                || *b == b'\n'
                || *b == b'\t'
                || (*b == b'\r' && bytes.get(i + 1) == Some(&b'\n')),
            "{what}: control byte {b:#04x} at {i}: {:?}",
            String::from_utf8_lossy(&bytes[i.saturating_sub(40)..(i + 40).min(bytes.len())])
        );
    }
    let text = String::from_utf8_lossy(bytes);
    for c in text.chars() {
        assert!(
            !matches!(c as u32, 0x061C | 0x200B..=0x200F | 0x202A..=0x202E | 0x2066..=0x2069 | 0xFEFF),
            "{what}: raw U+{:04X}",
            c as u32
        );
    }
}

/// Writes `bytes` to `dir/name` and returns the path.
pub fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}
