//! Checking answers against a form's rules: required, limits, patterns, items, rows. Pure; the
//! one place editor, export, review and `check` get their findings from. File existence of
//! attachments is not checked here (no file system): callers add that.

use std::sync::OnceLock;

use chrono::{Datelike, NaiveDate};
use regex::Regex;
use serde::{Deserialize, Serialize};

use super::answers::{Answers, Cell, Value};
use super::schema::{ColumnKind, Field, Form, Kind, TableRule};
use crate::count::{self, Mode};

/// One problem with the answers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    pub section: String,
    pub field: String,
    pub problem: Problem,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Problem {
    /// A required field is empty.
    Required,
    /// A limited text is longer than its limit.
    OverLimit {
        count: usize,
        limit: usize,
        mode: Mode,
    },
    InvalidEmail,
    InvalidPhone,
    InvalidDate,
    /// A pattern field does not match; the form's own message says what is expected.
    Pattern {
        message: String,
    },
    /// "Other" was picked but not specified.
    OtherEmpty,
    /// A selected option the form does not offer (an edited or foreign file).
    UnknownOption {
        option: String,
    },
    TooFewItems {
        min: usize,
        got: usize,
    },
    TooManyItems {
        max: usize,
        got: usize,
    },
    TooFewRows {
        min: usize,
        got: usize,
    },
    TooManyRows {
        max: usize,
        got: usize,
    },
    /// A required cell of a table row is empty (rows counted from 1).
    CellRequired {
        row: usize,
        column: String,
    },
    /// A cell over its column's limit or not a number / date.
    CellInvalid {
        row: usize,
        column: String,
    },
    /// An `AtLeast` rule on rows is not met.
    RowRule {
        column: String,
        need: usize,
        got: usize,
        message: Option<String>,
    },
    /// An attachment whose extension the form does not accept.
    BadExtension {
        path: String,
        allowed: Vec<String>,
    },
    /// An attachment without a caption.
    CaptionMissing {
        path: String,
    },
    /// The stored answer has the wrong shape for the field (an edited or foreign file).
    WrongShape,
    /// The text holds characters a printed page can neither show nor obey: controls, bidi
    /// controls, invisible characters. Raised by the export gate, not while editing.
    HiddenCharacters {
        control: usize,
        bidi: usize,
        invisible: usize,
    },
    /// An attachment file is not where the answer says (found by whoever looked at the disk:
    /// export, `check`, the editor; validation itself never touches files).
    AttachmentMissing {
        path: String,
    },
    /// An attachment is a directory, a FIFO or a device.
    AttachmentNotRegular {
        path: String,
    },
    AttachmentTooLarge {
        path: String,
        size: u64,
        limit: u64,
    },
    AttachmentUnreadable {
        path: String,
        error: String,
    },
    /// The file is there but is not the one the submission recorded (size or sha256 differ).
    AttachmentChanged {
        path: String,
    },
}

impl Problem {
    /// The attachment path the problem names, if any.
    pub fn path(&self) -> Option<&str> {
        match self {
            Problem::BadExtension { path, .. }
            | Problem::CaptionMissing { path }
            | Problem::AttachmentMissing { path }
            | Problem::AttachmentNotRegular { path }
            | Problem::AttachmentTooLarge { path, .. }
            | Problem::AttachmentUnreadable { path, .. }
            | Problem::AttachmentChanged { path } => Some(path),
            _ => None,
        }
    }

    /// The attachment path the problem names, if any (a submission rewrites it so that it
    /// carries no path from the author's machine).
    pub fn path_mut(&mut self) -> Option<&mut String> {
        match self {
            Problem::BadExtension { path, .. }
            | Problem::CaptionMissing { path }
            | Problem::AttachmentMissing { path }
            | Problem::AttachmentNotRegular { path }
            | Problem::AttachmentTooLarge { path, .. }
            | Problem::AttachmentUnreadable { path, .. }
            | Problem::AttachmentChanged { path } => Some(path),
            _ => None,
        }
    }
}

impl Finding {
    /// Whether the finding is about an attachment file on disk rather than the answers.
    pub fn is_about_a_file(&self) -> bool {
        matches!(
            self.problem,
            Problem::AttachmentMissing { .. }
                | Problem::AttachmentNotRegular { .. }
                | Problem::AttachmentTooLarge { .. }
                | Problem::AttachmentUnreadable { .. }
                | Problem::AttachmentChanged { .. }
        )
    }

    pub fn is_over_limit(&self) -> bool {
        matches!(self.problem, Problem::OverLimit { .. })
    }
    pub fn is_required(&self) -> bool {
        matches!(self.problem, Problem::Required)
    }
}

/// Findings of the answers and findings about files, merged in template order: by field, a
/// field's answer findings before its file findings, each group keeping its own order; fields
/// the form does not have come last.
pub fn in_template_order(form: &Form, answers: Vec<Finding>, files: Vec<Finding>) -> Vec<Finding> {
    let position = |field: &str| form.fields().position(|(_, f)| f.id == field);
    let mut all: Vec<(usize, u8, Finding)> = answers
        .into_iter()
        .map(|f| (0, f))
        .chain(files.into_iter().map(|f| (1, f)))
        .map(|(kind, f)| (position(&f.field).unwrap_or(usize::MAX), kind, f))
        .collect();
    // Stable: findings of one field keep their order.
    all.sort_by_key(|(pos, kind, _)| (*pos, *kind));
    all.into_iter().map(|(_, _, f)| f).collect()
}

fn email_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"^[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}$")
            .expect("static regex")
    })
}

fn phone_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    // Mainland mobile (optionally +86), or a landline with area code and optional extension:
    // 010-68205250, (010)68205250, 0755-1234567-8001, 010 6820 5250 转 801.
    RE.get_or_init(|| {
        Regex::new(
            r"^(?:(?:\+?86)?1[3-9]\d{9}|(?:0\d{2,3}|\(0\d{2,3}\)|（0\d{2,3}）)-?\d{7,8}(?:(?:-|转|ext\.?)\d{1,6})?)$",
        )
        .expect("static regex")
    })
}

/// Whether a text is an email address.
pub fn is_email(s: &str) -> bool {
    email_re().is_match(to_half_width(s).replace('。', ".").trim())
}

/// Whether a text is a mainland mobile number or a landline with area code (spaces ignored;
/// a mobile number may be grouped with dashes: 138-0000-0000, +86-138-0000-0000).
pub fn is_phone(s: &str) -> bool {
    let compact: String = to_half_width(s)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let mobile: String = compact.chars().filter(|&c| c != '-').collect();
    let is_mobile = mobile.trim_start_matches('+').starts_with("861") || mobile.starts_with('1');
    phone_re().is_match(&compact) || (is_mobile && phone_re().is_match(&mobile))
}

/// What a Chinese IME gives in full width, in half width: `０２７－８６５５１２３４` →
/// `027-86551234`, `ａ＠ｂ．ｃｎ` → `a@b.cn`, the ideographic space → a space. For phone, date and
/// email fields only; other text is kept exactly as typed.
pub fn to_half_width(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '\u{3000}' => ' ',
            '—' | '–' | '―' => '-',
            _ => c,
        })
        .collect()
}

/// A phone, email or date answer as it is kept: in half width, and for an email the `。` an IME
/// in Chinese mode types for a domain's dot made a dot. Other kinds keep what was typed (`None`).
pub fn half_width_answer(kind: &Kind, s: &str) -> Option<String> {
    match kind {
        Kind::Phone | Kind::Date => Some(to_half_width(s)),
        Kind::Email => Some(to_half_width(s).replace('。', ".").trim().to_string()),
        _ => None,
    }
}

/// Reads a date as people write it: 2022-08-15, 2022/8/15, 2022.8.15, 2022年8月15日, 20220815.
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let half = to_half_width(s);
    let s = half.trim();
    if s.len() == 8 && s.bytes().all(|b| b.is_ascii_digit()) {
        return NaiveDate::parse_from_str(s, "%Y%m%d").ok();
    }
    let parts: Vec<&str> = s
        .split(['-', '/', '.', '年', '月', '日'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    if parts.len() != 3 || parts.iter().any(|p| !p.bytes().all(|b| b.is_ascii_digit())) {
        return None;
    }
    let y: i32 = parts[0].parse().ok()?;
    let m: u32 = parts[1].parse().ok()?;
    let d: u32 = parts[2].parse().ok()?;
    if !(1900..=2200).contains(&y) {
        return None;
    }
    NaiveDate::from_ymd_opt(y, m, d)
}

/// A date in the stored form `YYYY-MM-DD`.
pub fn format_date(d: NaiveDate) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
}

/// The count of a textual field in its counting mode, with its limit, when it has one.
pub fn field_count(form: &Form, field: &Field, answers: &Answers) -> Option<(usize, usize, Mode)> {
    let (limit, mode) = form.limit_of(field)?;
    let text = answers.text(&field.id);
    Some((
        count::count_mode(text, mode, form.count_options()),
        limit,
        mode,
    ))
}

/// Every finding for the visible fields, in template order.
pub fn validate(form: &Form, answers: &Answers) -> Vec<Finding> {
    let mut out = Vec::new();
    for (section, field) in form.fields() {
        if !answers.is_visible(form, field) {
            continue;
        }
        for problem in check_field(form, field, answers) {
            out.push(Finding {
                section: section.id.clone(),
                field: field.id.clone(),
                problem,
            });
        }
    }
    out
}

/// The problems of one field (empty when it is fine).
pub fn check_field(form: &Form, field: &Field, answers: &Answers) -> Vec<Problem> {
    check_field_counted(form, field, answers, None)
}

/// As [`check_field`], with the field's count in its counting mode when the caller already has
/// it (the editor keeps counts current; counting again on every frame is wasted work).
pub fn check_field_counted(
    form: &Form,
    field: &Field,
    answers: &Answers,
    known_count: Option<usize>,
) -> Vec<Problem> {
    let mut out = Vec::new();
    let value = answers.get(&field.id);
    if matches!(field.kind, Kind::Note { .. }) {
        return out;
    }
    let empty = value.is_none_or(Value::is_empty);
    if let Some(v) = value
        && !v.fits(&field.kind)
    {
        out.push(Problem::WrongShape);
        return out;
    }
    if empty {
        if field.required {
            out.push(Problem::Required);
        }
        // Minimums on lists and tables apply even when not required only if something is there.
        return out;
    }
    let Some(value) = value else { return out };
    match (&field.kind, value) {
        (Kind::Text { .. } | Kind::LongText { .. }, Value::Text(_)) => {
            let counted = match (known_count, form.limit_of(field)) {
                (Some(n), Some((limit, mode))) => Some((n, limit, mode)),
                _ => field_count(form, field, answers),
            };
            if let Some((count, limit, mode)) = counted
                && count > limit
            {
                out.push(Problem::OverLimit { count, limit, mode });
            }
        }
        (Kind::Email, Value::Text(s)) if !is_email(s) => out.push(Problem::InvalidEmail),
        (Kind::Phone, Value::Text(s)) if !is_phone(s) => out.push(Problem::InvalidPhone),
        (Kind::Pattern { regex, message }, Value::Text(s)) => {
            // A broken regex is a lint error; treat it as "no constraint" here.
            if let Ok(re) = Regex::new(regex)
                && !re.is_match(s.trim())
            {
                out.push(Problem::Pattern {
                    message: message.clone(),
                });
            }
        }
        (Kind::Date, Value::Date(s)) if parse_date(s).is_none() => out.push(Problem::InvalidDate),
        (
            Kind::Choice {
                options,
                other: other_label,
                min,
                max,
                multiple,
            },
            Value::Choice { selected, other },
        ) => {
            for s in selected {
                if !options.contains(s) {
                    out.push(Problem::UnknownOption { option: s.clone() });
                }
            }
            if let Some(label) = other_label
                && selected.contains(label)
                && other.trim().is_empty()
                && form.other_field(&field.id).is_none()
            {
                out.push(Problem::OtherEmpty);
            }
            let max = if *multiple { *max } else { Some(1) };
            items(selected.len(), *min, max, &mut out);
        }
        (Kind::List { min, max, .. }, Value::List(list)) => {
            let n = list.iter().filter(|i| !i.trim().is_empty()).count();
            items(n, *min, *max, &mut out);
        }
        (
            Kind::Attachments {
                extensions,
                caption,
                min,
                max,
            },
            Value::Attachments(files),
        ) => {
            items(files.len(), *min, *max, &mut out);
            for file in files {
                if !extension_ok(&file.path, extensions) {
                    out.push(Problem::BadExtension {
                        path: file.path.clone(),
                        allowed: extensions.clone(),
                    });
                }
                if *caption && file.caption.trim().is_empty() {
                    out.push(Problem::CaptionMissing {
                        path: file.path.clone(),
                    });
                }
            }
        }
        (
            Kind::Table {
                columns,
                min_rows,
                max_rows,
                rules,
            },
            Value::Table(rows),
        ) => {
            let n = rows.len();
            if let Some(min) = min_rows
                && n < *min
            {
                out.push(Problem::TooFewRows { min: *min, got: n });
            }
            if let Some(max) = max_rows
                && n > *max
            {
                out.push(Problem::TooManyRows { max: *max, got: n });
            }
            for (i, row) in rows.iter().enumerate() {
                for column in columns {
                    let cell = row.get(&column.id);
                    let text = match cell {
                        Some(Cell::Text(t)) => t.trim(),
                        _ => "",
                    };
                    let blank = match cell {
                        Some(Cell::Bool(_)) => false,
                        _ => text.is_empty(),
                    };
                    if column.required && blank && column.kind != ColumnKind::Serial {
                        out.push(Problem::CellRequired {
                            row: i + 1,
                            column: column.id.clone(),
                        });
                        continue;
                    }
                    let invalid = match (&column.kind, cell) {
                        (ColumnKind::Text { limit: Some(l) }, Some(Cell::Text(t))) => {
                            count::count_mode(t, form.counting, form.count_options()) > *l
                        }
                        (ColumnKind::Number, Some(Cell::Text(_))) if !blank => {
                            text.parse::<f64>().map_or(true, |f| !f.is_finite())
                        }
                        (ColumnKind::Date, Some(Cell::Text(_))) if !blank => {
                            parse_date(text).is_none()
                        }
                        // Without an "other" option only the listed options are answers.
                        (
                            ColumnKind::Choice {
                                options,
                                other: None,
                            },
                            Some(Cell::Text(_)),
                        ) if !blank => !options.iter().any(|o| o.trim() == text),
                        (ColumnKind::Bool, Some(Cell::Text(_)))
                        | (
                            ColumnKind::Text { .. } | ColumnKind::Choice { .. },
                            Some(Cell::Bool(_)),
                        ) => true,
                        _ => false,
                    };
                    if invalid {
                        out.push(Problem::CellInvalid {
                            row: i + 1,
                            column: column.id.clone(),
                        });
                    }
                }
            }
            for rule in rules {
                let TableRule::AtLeast {
                    count,
                    column,
                    message,
                } = rule;
                let got = rows
                    .iter()
                    .filter(|r| matches!(r.get(column), Some(Cell::Bool(true))))
                    .count();
                if got < *count {
                    out.push(Problem::RowRule {
                        column: column.clone(),
                        need: *count,
                        got,
                        message: message.clone(),
                    });
                }
            }
        }
        _ => {}
    }
    out
}

fn items(n: usize, min: Option<usize>, max: Option<usize>, out: &mut Vec<Problem>) {
    if let Some(min) = min
        && n < min
    {
        out.push(Problem::TooFewItems { min, got: n });
    }
    if let Some(max) = max
        && n > max
    {
        out.push(Problem::TooManyItems { max, got: n });
    }
}

/// Whether a path has one of the allowed extensions (case-insensitive); any when none listed.
pub fn extension_ok(path: &str, allowed: &[String]) -> bool {
    if allowed.is_empty() {
        return true;
    }
    let name = path.rsplit(['/', '\\']).next().unwrap_or(path);
    let Some((_, ext)) = name.rsplit_once('.') else {
        return false;
    };
    allowed
        .iter()
        .any(|a| a.trim_start_matches('.').eq_ignore_ascii_case(ext))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phones_people_write() {
        for ok in [
            "18210608622",
            "+86 182 1060 8622",
            "010-68205250",
            "010-88559273",
            "(010)68205250",
            "0755-12345678-8001",
            "010 6820 5250 转 801",
        ] {
            assert!(is_phone(ok), "{ok}");
        }
        for bad in ["12345", "1821060862", "abc", "010-123", "28210608622", ""] {
            assert!(!is_phone(bad), "{bad}");
        }
    }

    #[test]
    fn full_width_and_grouped_forms_are_understood() {
        for ok in [
            "138-0000-0000",
            "138 0000 0000",
            "+86 138-0000-0000",
            "+86-13800000000",
            "０２７-８６５５１２３４",
            "１３８００００００００",
        ] {
            assert!(is_phone(ok), "{ok}");
        }
        assert!(!is_phone("138-0000-000"));
        assert!(!is_phone("010-6820-52501234"));
        assert_eq!(to_half_width("０２７－８６５５１２３４"), "027-86551234");
        assert!(is_email("ｆａｎ＠ｃｓｔｃ．ｏｒｇ．ｃｎ"));
        assert!(is_email("fan@cstc。org。cn"));
        assert_eq!(
            parse_date("２０２２－０８－１０"),
            NaiveDate::from_ymd_opt(2022, 8, 10)
        );
        // Only the ASCII look-alikes change.
        assert_eq!(to_half_width("中文（括号）"), "中文(括号)");
    }

    #[test]
    fn emails() {
        assert!(is_email("fanzhenrui@cstc.org.cn"));
        assert!(is_email(" a.b+c@x-y.com "));
        for bad in ["a@b", "a b@c.cn", "@c.cn", "a@@c.cn", "中文@c.cn"] {
            assert!(!is_email(bad), "{bad}");
        }
    }

    #[test]
    fn dates_as_people_write_them() {
        let d = NaiveDate::from_ymd_opt(2022, 8, 15).unwrap();
        for s in [
            "2022-08-15",
            "2022/8/15",
            "2022.8.15",
            "2022年8月15日",
            "20220815",
        ] {
            assert_eq!(parse_date(s), Some(d), "{s}");
        }
        for bad in ["2022-02-30", "15/08", "明天", "2022-8", ""] {
            assert_eq!(parse_date(bad), None, "{bad}");
        }
        assert_eq!(format_date(d), "2022-08-15");
    }

    #[test]
    fn extensions() {
        let allowed = vec!["png".to_string(), "jpg".to_string()];
        assert!(extension_ok("图1.PNG", &allowed));
        assert!(extension_ok("/a/b.c/x.jpg", &allowed));
        assert!(!extension_ok("x.gif", &allowed));
        assert!(!extension_ok("png", &allowed));
        assert!(extension_ok("anything", &[]));
    }
}
