//! Parsing a form description from text, and the errors a form author sees. Pure: the caller
//! reads the file and puts its name in front of `LINE:COL: message`.

use ron::error::{Error as RonError, SpannedError};
use ron::extensions::Extensions;

pub use super::error::{ErrorKind, Expect, FormError, RegexKind, RegexProblem};
use super::lint;
use super::schema::{Field, Form, Kind, Section};

/// RON's default nesting limit, stated here so it can never silently become unlimited.
const RECURSION_LIMIT: usize = 128;

/// Text as a form file may arrive: a UTF-8 BOM and CRLF line ends are accepted as if absent.
pub fn normalize_source(src: &str) -> String {
    crate::decode::normalize(src).into_owned()
}

/// Bytes → form text; invalid UTF-8 is an error at the line and column of the first bad byte.
pub fn decode(bytes: &[u8]) -> Result<String, FormError> {
    crate::decode::text(bytes)
        .map(std::borrow::Cow::into_owned)
        .map_err(|e| FormError::at(e.line, e.col, ErrorKind::NotUtf8 { offset: e.offset }))
}

/// Parses and lints a form. All lint problems are returned together; a parse error stops early
/// (there is no form to lint).
pub fn load_str(src: &str) -> Result<Form, Vec<FormError>> {
    let src = normalize_source(src);
    let options = ron::Options::default()
        .with_default_extension(Extensions::IMPLICIT_SOME)
        .with_recursion_limit(RECURSION_LIMIT);
    if super::scan::is_blank(&src) {
        return Err(vec![FormError::at(1, 1, ErrorKind::EmptyFile)]);
    }
    let mut form: Form = parse(&options, &src)?;
    if let Err(e) = super::limits::check_form(&form) {
        let (line, col) = lint::place_of(&src, &e.place);
        return Err(vec![FormError::at(line, col, ErrorKind::Limit(e))]);
    }
    tidy_form(&mut form);
    let problems = lint::lint(&form, &src);
    if problems.is_empty() {
        Ok(form)
    } else {
        Err(problems)
    }
}

/// How many misspelt keys one run reports at most.
const MAX_UNKNOWN_KEYS: usize = 50;

/// Parses, and on an unknown key keeps going without it so that every misspelt key is reported
/// in one run. Only the unknown keys are reported then: what follows from leaving them out (a
/// required key now missing) is not the author's mistake.
fn parse(options: &ron::Options, src: &str) -> Result<Form, Vec<FormError>> {
    let mut text = std::borrow::Cow::Borrowed(src);
    let mut unknown = Vec::new();
    loop {
        let e = match options.from_str::<Form>(&text) {
            Ok(form) if unknown.is_empty() => return Ok(form),
            Ok(_) => return Err(unknown),
            Err(e) => e,
        };
        let error = explain(&text, &e);
        let is_unknown = matches!(error.kind, ErrorKind::UnknownKey { .. });
        if !is_unknown {
            if unknown.is_empty() {
                return Err(vec![error]);
            }
            return Err(unknown);
        }
        let entry = super::scan::entry_at(&text, error.line, error.col);
        unknown.push(error);
        match entry {
            Some(range) if unknown.len() < MAX_UNKNOWN_KEYS => {
                text = std::borrow::Cow::Owned(super::scan::blank_out(&text, range));
            }
            _ => return Err(unknown),
        }
    }
}

/// RON's error, made precise: an unclosed string or bracket is reported where it was opened.
fn explain(src: &str, e: &SpannedError) -> FormError {
    if let Some(u) = unclosed_string(src, e.span.start.line) {
        return u;
    }
    let error = from_ron(e);
    let syntax = matches!(
        error.kind,
        ErrorKind::Expected(_)
            | ErrorKind::UnexpectedEnd
            | ErrorKind::Trailing
            | ErrorKind::Syntax(_)
    );
    if syntax && let Some(u) = super::scan::unclosed(src, (e.span.start.line, e.span.start.col)) {
        return FormError::at(
            u.at_line,
            u.at_col,
            ErrorKind::Unclosed {
                open: u.open,
                line: u.line,
                col: u.col,
            },
        );
    }
    error
}

fn names(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| (*s).to_string()).collect()
}

fn place(outer: &Option<String>) -> String {
    outer.clone().unwrap_or_default()
}

/// Turns RON's error into words for a form author.
fn from_ron(e: &SpannedError) -> FormError {
    FormError::at(e.span.start.line, e.span.start.col, ron_error_kind(&e.code))
}

/// What a RON parse error means, in the terms every RON file of ours is explained in (forms,
/// drafts, themes).
pub fn ron_error_kind(code: &RonError) -> ErrorKind {
    match code {
        RonError::Utf8Error(e) => ErrorKind::NotUtf8 {
            offset: e.valid_up_to(),
        },
        RonError::NoSuchStructField {
            expected,
            found,
            outer,
        } => ErrorKind::UnknownKey {
            key: found.clone(),
            place: place(outer),
            expected: names(expected),
        },
        RonError::MissingStructField { field, outer } => ErrorKind::MissingKey {
            key: (*field).to_string(),
            place: place(outer),
        },
        RonError::NoSuchEnumVariant {
            expected,
            found,
            outer,
        } => ErrorKind::UnknownVariant {
            found: found.clone(),
            place: place(outer),
            expected: names(expected),
        },
        RonError::DuplicateStructField { field, outer } => ErrorKind::DuplicateKey {
            key: (*field).to_string(),
            place: place(outer),
        },
        RonError::InvalidValueForType { expected, found } => ErrorKind::WrongType {
            expected: expected.clone(),
            found: found.clone(),
        },
        RonError::ExpectedString => ErrorKind::Expected(Expect::Text),
        RonError::ExpectedInteger | RonError::IntegerOutOfBounds => {
            ErrorKind::Expected(Expect::Integer)
        }
        RonError::ExpectedFloat => ErrorKind::Expected(Expect::Number),
        RonError::ExpectedBoolean => ErrorKind::Expected(Expect::Bool),
        RonError::ExpectedArray => ErrorKind::Expected(Expect::List),
        RonError::ExpectedArrayEnd => ErrorKind::Expected(Expect::ListEnd),
        RonError::ExpectedComma => ErrorKind::Expected(Expect::Comma),
        RonError::ExpectedMapColon => ErrorKind::Expected(Expect::Colon),
        RonError::ExpectedStructLikeEnd => ErrorKind::Expected(Expect::GroupEnd),
        RonError::ExpectedStructLike | RonError::ExpectedNamedStructLike(_) => {
            ErrorKind::Expected(Expect::Group)
        }
        RonError::ExpectedIdentifier => ErrorKind::Expected(Expect::KeyName),
        RonError::ExpectedStringEnd => ErrorKind::UnclosedString,
        RonError::Eof => ErrorKind::UnexpectedEnd,
        RonError::ExceededRecursionLimit => ErrorKind::TooDeep,
        RonError::TrailingCharacters => ErrorKind::Trailing,
        RonError::ExpectedDifferentStructName { expected, found } => ErrorKind::WrongType {
            expected: (*expected).to_string(),
            found: found.clone(),
        },
        RonError::Message(m) => ErrorKind::Syntax(m.clone()),
        other => ErrorKind::Syntax(other.to_string()),
    }
}

/// RON reads an unclosed string up to the next quote, often lines later, and then complains
/// about something that is not the author's mistake. A line before the error that opens a
/// string, has text after the quote and ends like a finished entry (`,` or `)`) is almost
/// certainly the real culprit: report that instead.
fn unclosed_string(src: &str, error_line: usize) -> Option<FormError> {
    let mut in_string = false;
    let mut suspect = None;
    for (i, line) in src.lines().enumerate().take(error_line) {
        let started_inside = in_string;
        let mut quotes = Vec::new();
        let mut chars = line.char_indices().peekable();
        while let Some((at, c)) = chars.next() {
            match c {
                '\\' if in_string => {
                    chars.next();
                }
                '/' if !in_string && chars.peek().is_some_and(|(_, n)| *n == '/') => break,
                '"' => {
                    in_string = !in_string;
                    quotes.push(at);
                }
                _ => {}
            }
        }
        if let Some(&open) = quotes.last()
            && in_string
            && !started_inside
            && suspect.is_none()
            && !line[open + 1..].trim().is_empty()
            && line.trim_end().ends_with([',', ')'])
        {
            let col = line[..open].chars().count() + 1;
            suspect = Some(FormError::at(i + 1, col, ErrorKind::UnclosedString));
        }
    }
    suspect
}

/// Multi-line texts in a form file are written indented inside the file; authors see them
/// without that indentation and without the blank first and last lines.
pub fn tidy(s: &str) -> String {
    let s = s.replace("\r\n", "\n");
    let mut lines: Vec<&str> = s.split('\n').collect();
    if lines.len() == 1 {
        return s.trim().to_string();
    }
    while lines.first().is_some_and(|l| l.trim().is_empty()) {
        lines.remove(0);
    }
    while lines.last().is_some_and(|l| l.trim().is_empty()) {
        lines.pop();
    }
    let indent = lines
        .iter()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.len() - l.trim_start_matches([' ', '\t']).len())
        .min()
        .unwrap_or(0);
    lines
        .iter()
        .map(|l| l.get(indent..).unwrap_or("").trim_end())
        .collect::<Vec<_>>()
        .join("\n")
}

fn tidy_opt(s: &mut Option<String>) {
    if let Some(v) = s {
        *v = tidy(v);
    }
}

fn tidy_form(form: &mut Form) {
    form.title = tidy(&form.title);
    for s in [
        &mut form.subtitle,
        &mut form.issuer,
        &mut form.doc_number,
        &mut form.deadline,
        &mut form.submit_to,
        &mut form.notes,
    ] {
        tidy_opt(s);
    }
    form.sections.iter_mut().for_each(tidy_section);
}

fn tidy_section(section: &mut Section) {
    section.title = tidy(&section.title);
    tidy_opt(&mut section.part);
    tidy_opt(&mut section.help);
    section.fields.iter_mut().for_each(tidy_field);
}

fn tidy_field(field: &mut Field) {
    field.label = tidy(&field.label);
    tidy_opt(&mut field.help);
    tidy_opt(&mut field.example);
    tidy_opt(&mut field.placeholder);
    match &mut field.kind {
        Kind::Confirm { statement } => *statement = tidy(statement),
        Kind::Note { text } => *text = tidy(text),
        Kind::Pattern { message, .. } => *message = tidy(message),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tidy_removes_file_indentation_and_blank_edges() {
        let s = "\n        第一段，\n          缩进的第二行。\n\n        第三段。\n    ";
        assert_eq!(tidy(s), "第一段，\n  缩进的第二行。\n\n第三段。");
        assert_eq!(tidy("  一行  "), "一行");
    }

    #[test]
    fn invalid_utf8_reports_line_and_column() {
        let bytes = b"Form(\n  id: \"a\xff\"";
        let e = decode(bytes).unwrap_err();
        assert_eq!((e.line, e.col), (2, 9));
        assert_eq!(e.kind, ErrorKind::NotUtf8 { offset: 14 });
    }

    #[test]
    fn bom_and_crlf_are_ignored() {
        assert_eq!(normalize_source("\u{feff}a\r\nb"), "a\nb");
    }
}
