//! The form linter: what the parser cannot see (duplicate ids, a limit of 0, a choice without
//! options, a rule naming a missing field or column, an example over its own limit…). Pure.
//!
//! serde keeps no positions, so problems are placed by finding the entity's `id: "…"` in the
//! source text (the n-th occurrence for the n-th entity with that id).

use std::collections::{HashMap, HashSet};

use regex::Regex;

use super::error::{ErrorKind, FormError};
use super::schema::{ColumnKind, Field, Form, Kind, TableRule};
use crate::count;

struct Locator<'a> {
    src: &'a str,
    /// Byte offsets of every `id: "X"` in file order, per id.
    ids: HashMap<String, Vec<usize>>,
    seen: HashMap<String, usize>,
}

impl<'a> Locator<'a> {
    fn new(src: &'a str) -> Self {
        let mut ids: HashMap<String, Vec<usize>> = HashMap::new();
        if let Ok(re) = Regex::new(r#"\bid\s*:\s*"((?:[^"\\]|\\.)*)""#) {
            for cap in re.captures_iter(src) {
                if let (Some(all), Some(id)) = (cap.get(0), cap.get(1)) {
                    ids.entry(id.as_str().to_string())
                        .or_default()
                        .push(all.start());
                }
            }
        }
        Locator {
            src,
            ids,
            seen: HashMap::new(),
        }
    }

    /// Byte offset of the next entity with this id, in walk (= file) order.
    fn next(&mut self, id: &str) -> usize {
        let n = self.seen.entry(id.to_string()).or_insert(0);
        let at = self
            .ids
            .get(id)
            .and_then(|v| v.get(*n).or(v.last()))
            .copied()
            .unwrap_or(0);
        *n += 1;
        at
    }

    /// Byte offset of `key:` after `from`, or `from` when it is not written there.
    fn key_after(&self, from: usize, key: &str) -> usize {
        let Ok(re) = Regex::new(&format!(r"\b{key}\s*:")) else {
            return from;
        };
        self.src
            .get(from..)
            .and_then(|rest| re.find(rest))
            .map_or(from, |m| from + m.start())
    }

    fn error(&self, at: usize, kind: ErrorKind) -> FormError {
        let (line, col) = line_col(self.src, at);
        FormError::at(line, col, kind)
    }
}

/// 1-based line and column (in characters) of a byte offset.
pub fn line_col(src: &str, at: usize) -> (usize, usize) {
    let at = at.min(src.len());
    let mut start = at;
    while !src.is_char_boundary(start) {
        start -= 1;
    }
    let before = &src[..start];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
}

/// Every problem the parser could not see, in file order.
pub fn lint(form: &Form, src: &str) -> Vec<FormError> {
    let mut loc = Locator::new(src);
    let mut out = Vec::new();
    if !valid_id(&form.id) {
        let at = loc.next(&form.id);
        out.push(loc.error(
            at,
            ErrorKind::BadId {
                id: form.id.clone(),
            },
        ));
    } else {
        loc.next(&form.id);
    }
    if form.sections.is_empty() {
        out.push(loc.error(loc.key_after(0, "sections"), ErrorKind::NoSections));
    }
    let mut section_ids = HashSet::new();
    let mut field_ids = HashSet::new();
    let all_fields: HashMap<&str, &Field> =
        form.fields().map(|(_, f)| (f.id.as_str(), f)).collect();
    for section in &form.sections {
        let at = loc.next(&section.id);
        if !valid_id(&section.id) {
            out.push(loc.error(
                at,
                ErrorKind::BadId {
                    id: section.id.clone(),
                },
            ));
        } else if !section_ids.insert(section.id.as_str()) {
            out.push(loc.error(
                at,
                ErrorKind::DuplicateId {
                    id: section.id.clone(),
                    what: "section",
                },
            ));
        }
        if section.fields.is_empty() {
            out.push(loc.error(
                at,
                ErrorKind::EmptySection {
                    section: section.id.clone(),
                },
            ));
        }
        for field in &section.fields {
            let at = loc.next(&field.id);
            if !valid_id(&field.id) {
                out.push(loc.error(
                    at,
                    ErrorKind::BadId {
                        id: field.id.clone(),
                    },
                ));
            } else if !field_ids.insert(field.id.as_str()) {
                out.push(loc.error(
                    at,
                    ErrorKind::DuplicateId {
                        id: field.id.clone(),
                        what: "field",
                    },
                ));
            }
            lint_field(form, field, at, &all_fields, &mut loc, &mut out);
        }
    }
    out
}

fn lint_field(
    form: &Form,
    field: &Field,
    at: usize,
    all: &HashMap<&str, &Field>,
    loc: &mut Locator<'_>,
    out: &mut Vec<FormError>,
) {
    let id = || field.id.clone();
    let min_max = |min: Option<usize>, max: Option<usize>, out: &mut Vec<FormError>| {
        if let (Some(min), Some(max)) = (min, max)
            && min > max
        {
            out.push(loc.error(
                loc.key_after(at, "min"),
                ErrorKind::MinOverMax {
                    field: field.id.clone(),
                    min,
                    max,
                },
            ));
        }
    };
    match &field.kind {
        Kind::Text { limit, .. } | Kind::LongText { limit, .. } if *limit == Some(0) => {
            out.push(loc.error(
                loc.key_after(at, "limit"),
                ErrorKind::ZeroLimit { field: id() },
            ));
        }
        Kind::List { max: Some(0), .. }
        | Kind::Attachments { max: Some(0), .. }
        | Kind::Choice { max: Some(0), .. } => {
            out.push(loc.error(
                loc.key_after(at, "max"),
                ErrorKind::ZeroLimit { field: id() },
            ));
        }
        Kind::Table {
            max_rows: Some(0), ..
        } => {
            out.push(loc.error(
                loc.key_after(at, "max_rows"),
                ErrorKind::ZeroLimit { field: id() },
            ));
        }
        _ => {}
    }
    match &field.kind {
        Kind::LongText {
            warn_ratio: Some(r),
            ..
        } if !(*r > 0.0 && *r <= 1.0) => {
            out.push(loc.error(
                loc.key_after(at, "warn_ratio"),
                ErrorKind::BadWarnRatio { field: id() },
            ));
        }
        Kind::Choice {
            options,
            other,
            min,
            max,
            ..
        } => {
            lint_options(field, options, other.as_deref(), at, loc, out);
            min_max(*min, *max, out);
        }
        Kind::List { min, max, .. } | Kind::Attachments { min, max, .. } => {
            min_max(*min, *max, out);
        }
        Kind::Pattern { regex, .. } => {
            if let Err(e) = Regex::new(regex) {
                out.push(
                    loc.error(
                        loc.key_after(at, "regex"),
                        ErrorKind::BadRegex {
                            field: id(),
                            error: e
                                .to_string()
                                .lines()
                                .last()
                                .unwrap_or("")
                                .trim()
                                .to_string(),
                        },
                    ),
                );
            }
        }
        Kind::Table {
            columns,
            min_rows,
            max_rows,
            rules,
        } => {
            if columns.is_empty() {
                out.push(loc.error(
                    loc.key_after(at, "columns"),
                    ErrorKind::NoColumns { field: id() },
                ));
            }
            if let (Some(min), Some(max)) = (min_rows, max_rows)
                && min > max
            {
                out.push(loc.error(
                    loc.key_after(at, "min_rows"),
                    ErrorKind::MinOverMax {
                        field: id(),
                        min: *min,
                        max: *max,
                    },
                ));
            }
            let mut column_ids = HashSet::new();
            for column in columns {
                let cat = loc.next(&column.id);
                if !valid_id(&column.id) {
                    out.push(loc.error(
                        cat,
                        ErrorKind::BadId {
                            id: column.id.clone(),
                        },
                    ));
                } else if !column_ids.insert(column.id.as_str()) {
                    out.push(loc.error(
                        cat,
                        ErrorKind::DuplicateId {
                            id: column.id.clone(),
                            what: "column",
                        },
                    ));
                }
                match &column.kind {
                    ColumnKind::Choice { options, other } => {
                        lint_options(field, options, other.as_deref(), cat, loc, out);
                    }
                    ColumnKind::Text { limit: Some(0) } => out.push(loc.error(
                        loc.key_after(cat, "limit"),
                        ErrorKind::ZeroLimit { field: id() },
                    )),
                    _ => {}
                }
            }
            for rule in rules {
                let TableRule::AtLeast { count, column, .. } = rule;
                let rat = loc.key_after(at, "rules");
                match columns.iter().find(|c| c.id == *column) {
                    None => out.push(loc.error(
                        rat,
                        ErrorKind::MissingColumn {
                            field: id(),
                            column: column.clone(),
                        },
                    )),
                    Some(c) if c.kind != ColumnKind::Bool => out.push(loc.error(
                        rat,
                        ErrorKind::RuleNotBool {
                            field: id(),
                            column: column.clone(),
                        },
                    )),
                    _ => {}
                }
                if let Some(max) = max_rows
                    && count > max
                {
                    out.push(loc.error(
                        rat,
                        ErrorKind::RuleOverMax {
                            field: id(),
                            count: *count,
                            max: *max,
                        },
                    ));
                }
            }
        }
        Kind::Note { .. } if field.required => {
            out.push(loc.error(
                loc.key_after(at, "required"),
                ErrorKind::RequiredNote { field: id() },
            ));
        }
        _ => {}
    }
    if let Some(cond) = &field.visible_when {
        let cat = loc.key_after(at, "visible_when");
        match all.get(cond.field.as_str()) {
            None => out.push(loc.error(
                cat,
                ErrorKind::MissingField {
                    field: id(),
                    target: cond.field.clone(),
                },
            )),
            Some(target) => {
                let ok = match &target.kind {
                    Kind::Choice { options, .. } => options.contains(&cond.equals),
                    Kind::Confirm { .. } => cond.equals == "true" || cond.equals == "false",
                    _ => true,
                };
                if !ok {
                    out.push(loc.error(
                        cat,
                        ErrorKind::ConditionValue {
                            field: id(),
                            target: cond.field.clone(),
                            value: cond.equals.clone(),
                        },
                    ));
                }
            }
        }
    }
    if let (Some(example), Some((limit, mode))) = (&field.example, form.limit_of(field))
        && limit > 0
    {
        let n = count::count_mode(example, mode, form.count_options());
        if n <= limit && field.example_over_limit {
            out.push(loc.error(
                loc.key_after(at, "example_over_limit"),
                ErrorKind::ExampleWithinLimit {
                    field: id(),
                    count: n,
                    limit,
                },
            ));
        }
        if n > limit && !field.example_over_limit {
            out.push(loc.error(
                loc.key_after(at, "example"),
                ErrorKind::ExampleOverLimit {
                    field: id(),
                    count: n,
                    limit,
                    unit: mode.unit_zh(),
                },
            ));
        }
    }
}

fn lint_options(
    field: &Field,
    options: &[String],
    other: Option<&str>,
    at: usize,
    loc: &Locator<'_>,
    out: &mut Vec<FormError>,
) {
    if options.is_empty() {
        out.push(loc.error(
            loc.key_after(at, "options"),
            ErrorKind::NoOptions {
                field: field.id.clone(),
            },
        ));
    }
    let mut seen = HashSet::new();
    for option in options {
        if !seen.insert(option.as_str()) {
            out.push(loc.error(
                loc.key_after(at, "options"),
                ErrorKind::DuplicateOption {
                    field: field.id.clone(),
                    option: option.clone(),
                },
            ));
        }
    }
    if let Some(other) = other
        && !options.iter().any(|o| o == other)
    {
        out.push(loc.error(
            loc.key_after(at, "other"),
            ErrorKind::OtherNotAnOption {
                field: field.id.clone(),
                other: other.to_string(),
            },
        ));
    }
}
