//! The form linter: what the parser cannot see (duplicate ids, a limit of 0, a choice without
//! options, a rule naming a missing field or column, an example over its own limit…). Pure.
//!
//! serde keeps no positions, so problems are placed by finding the entity's `id: "…"` in the
//! source text (the n-th occurrence for the n-th entity with that id).

use std::collections::{HashMap, HashSet};

use regex::Regex;

use super::error::{ErrorKind, FormError, RegexKind, RegexProblem};
use super::schema::{ColumnKind, Field, Form, Kind, TableRule};
use crate::count;

/// The keys problems are placed at (`limit: 0` is reported at `limit`).
const KEYS: &[&str] = &[
    "example_over_limit",
    "example",
    "limit",
    "max_rows",
    "min_rows",
    "max",
    "min",
    "warn_ratio",
    "options",
    "other",
    "regex",
    "columns",
    "rules",
    "required",
    "visible_when",
    "sections",
];

/// Finds where things are written in the source. Everything is indexed once, so placing each of
/// many problems costs a lookup, not a scan of the file.
struct Locator<'a> {
    src: &'a str,
    /// Byte offsets of every `id: "X"` in file order, per id.
    ids: HashMap<String, Vec<usize>>,
    seen: HashMap<String, usize>,
    /// Byte offsets of every `KEY:` in file order, per key of [`KEYS`].
    keys: HashMap<&'static str, Vec<usize>>,
    lines: LineIndex,
}

impl<'a> Locator<'a> {
    /// A locator that places nothing: the first pass of [`lint`], which only asks whether there
    /// is any problem (for a sound form, the built-in ones on every start, there is none, and
    /// indexing the source is skipped).
    fn dry(src: &'a str) -> Self {
        Locator {
            src,
            ids: HashMap::new(),
            seen: HashMap::new(),
            keys: HashMap::new(),
            lines: LineIndex::new(""),
        }
    }

    fn new(src: &'a str) -> Self {
        let mut ids: HashMap<String, Vec<usize>> = HashMap::new();
        let mut keys: HashMap<&'static str, Vec<usize>> = HashMap::new();
        // Two scans, as two regular expressions would make them (`\bid\s*:\s*"…"` and
        // `\b(KEY|…)\s*:`), written out: this runs on every start for the built-in form, and
        // the regex engine without its optional accelerators took 70 % of start-up here.
        for (at, word, after) in words(src) {
            if word == "id"
                && let Some((value, _)) = id_value(&src[after..])
            {
                ids.entry(value.to_string()).or_default().push(at);
            }
        }
        for (at, word, after) in words(src) {
            if let Some(k) = KEYS.iter().find(|k| **k == word)
                && src[after..].trim_start().starts_with(':')
            {
                keys.entry(*k).or_default().push(at);
            }
        }
        Locator {
            src,
            ids,
            seen: HashMap::new(),
            keys,
            lines: LineIndex::new(src),
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
        self.keys
            .get(key)
            .and_then(|v| v.get(v.partition_point(|&at| at < from)))
            .copied()
            .unwrap_or(from)
    }

    fn error(&self, at: usize, kind: ErrorKind) -> FormError {
        let (line, col) = self.lines.line_col(self.src, at);
        FormError::at(line, col, kind)
    }
}

/// A word character as the regex crate's Unicode `\w` sees it, near enough for placing errors.
fn is_word(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Every maximal run of word characters: its start, the run, and where it ends.
fn words(src: &str) -> impl Iterator<Item = (usize, &str, usize)> {
    let mut rest = 0;
    std::iter::from_fn(move || {
        let tail = &src[rest..];
        let start = rest + tail.find(is_word)?;
        let len = src[start..]
            .find(|c: char| !is_word(c))
            .unwrap_or(src.len() - start);
        rest = start + len;
        Some((start, &src[start..start + len], start + len))
    })
}

/// After the word `id`: optional spaces, `:`, optional spaces and a quoted string with `\`
/// escapes; the raw text between the quotes and the length consumed.
fn id_value(s: &str) -> Option<(&str, usize)> {
    let t = s.trim_start();
    let t = t.strip_prefix(':')?.trim_start();
    let body = t.strip_prefix('"')?;
    let mut escaped = false;
    for (i, c) in body.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '"' => return Some((&body[..i], s.len() - body.len() + i + 1)),
            _ => {}
        }
    }
    None
}

/// Line starts and character counts at checkpoints, so a byte offset becomes a line and column
/// in time independent of the file's size (a column costs at most one checkpoint's stride of
/// counting, however long the line).
pub struct LineIndex {
    /// Byte offset of the start of every line.
    starts: Vec<usize>,
    /// (byte offset, characters before it) about every `STRIDE` bytes, at char boundaries.
    chars: Vec<(usize, usize)>,
}

const STRIDE: usize = 4096;

impl LineIndex {
    pub fn new(src: &str) -> LineIndex {
        let mut starts = vec![0];
        starts.extend(src.match_indices('\n').map(|(i, _)| i + 1));
        let mut chars = Vec::with_capacity(src.len() / STRIDE + 1);
        let mut count = 0;
        let mut from = 0;
        while from <= src.len() {
            chars.push((from, count));
            let mut to = (from + STRIDE).min(src.len());
            while !src.is_char_boundary(to) {
                to -= 1;
            }
            if to <= from {
                break;
            }
            count += src[from..to].chars().count();
            from = to;
        }
        LineIndex { starts, chars }
    }

    /// Characters before byte `at` (a char boundary).
    fn chars_before(&self, src: &str, at: usize) -> usize {
        let i = self
            .chars
            .partition_point(|&(b, _)| b <= at)
            .saturating_sub(1);
        let (b, n) = self.chars.get(i).copied().unwrap_or((0, 0));
        n + src.get(b..at).map_or(0, |s| s.chars().count())
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, src: &str, at: usize) -> (usize, usize) {
        let mut at = at.min(src.len());
        while !src.is_char_boundary(at) {
            at -= 1;
        }
        let line = self.starts.partition_point(|&s| s <= at);
        let start = self.starts.get(line - 1).copied().unwrap_or(0);
        let col = self.chars_before(src, at) - self.chars_before(src, start) + 1;
        (line, col)
    }
}

/// 1-based line and column (in characters) of a byte offset, for one position (many positions in
/// one text: use a [`LineIndex`]).
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

/// Where the entity with this id is first written (`id: "X"`), or 1:1 when nowhere.
pub fn place_of(src: &str, id: &str) -> (usize, usize) {
    if id.is_empty() {
        return (1, 1);
    }
    let at = Locator::new(src).next(id);
    line_col(src, at)
}

/// What is wrong with a regular expression, from the parser's own error kind (its messages are
/// English only), with the 1-based character position in the pattern.
pub fn regex_problem(pattern: &str, e: &regex::Error) -> RegexProblem {
    use regex_syntax::ast::ErrorKind as A;
    let Err(ast) = regex_syntax::ast::parse::Parser::new().parse(pattern) else {
        return match e {
            regex::Error::CompiledTooBig(_) => RegexProblem::TooBig,
            _ => RegexProblem::Other(
                e.to_string()
                    .lines()
                    .last()
                    .unwrap_or("")
                    .trim()
                    .to_string(),
            ),
        };
    };
    let at = pattern[..ast.span().start.offset.min(pattern.len())]
        .chars()
        .count()
        + 1;
    let kind = match ast.kind() {
        A::GroupUnclosed => RegexKind::UnclosedGroup,
        A::GroupUnopened => RegexKind::UnopenedGroup,
        A::ClassUnclosed => RegexKind::UnclosedClass,
        A::ClassRangeInvalid | A::ClassRangeLiteral => RegexKind::BadRange,
        A::RepetitionMissing => RegexKind::NothingToRepeat,
        A::RepetitionCountUnclosed | A::RepetitionCountInvalid | A::RepetitionCountDecimalEmpty => {
            RegexKind::BadCount
        }
        A::EscapeUnrecognized
        | A::EscapeUnexpectedEof
        | A::EscapeHexEmpty
        | A::EscapeHexInvalid
        | A::EscapeHexInvalidDigit => RegexKind::BadEscape,
        other => RegexKind::Other(other.to_string()),
    };
    RegexProblem::At { kind, at }
}

/// Where the first Unicode property class (`\p{Han}`, `\pL`, `[\p{Greek}a]`) stands, 1-based, in
/// characters. The shipped binary leaves their tables out; a form using one is refused in every
/// build alike, with the range to write instead.
fn unicode_class_at(pattern: &str) -> Option<usize> {
    use regex_syntax::ast::{self, Ast, ClassSetItem, Visitor};
    struct Find(Option<usize>);
    impl Visitor for Find {
        type Output = Option<usize>;
        type Err = ();
        fn finish(self) -> Result<Option<usize>, ()> {
            Ok(self.0)
        }
        fn visit_pre(&mut self, ast: &Ast) -> Result<(), ()> {
            if let Ast::ClassUnicode(c) = ast {
                self.0.get_or_insert(c.span.start.offset);
            }
            Ok(())
        }
        fn visit_class_set_item_pre(&mut self, item: &ClassSetItem) -> Result<(), ()> {
            if let ClassSetItem::Unicode(c) = item {
                self.0.get_or_insert(c.span.start.offset);
            }
            Ok(())
        }
    }
    let parsed = ast::parse::Parser::new().parse(pattern).ok()?;
    let offset = ast::visit(&parsed, Find(None)).ok()??;
    Some(pattern[..offset.min(pattern.len())].chars().count() + 1)
}

fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
}

/// Every problem the parser could not see, in file order.
pub fn lint(form: &Form, src: &str) -> Vec<FormError> {
    if lint_with(form, Locator::dry(src)).is_empty() {
        return Vec::new();
    }
    lint_with(form, Locator::new(src))
}

fn lint_with(form: &Form, mut loc: Locator) -> Vec<FormError> {
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
    condition_cycles(form, &loc, &mut out);
    out
}

/// `visible_when` conditions that go round in a circle (a → b → a, or a field on itself): each
/// field names at most one other, so following the names from every field finds every circle.
/// Reported once per circle, at its first field in file order.
fn condition_cycles(form: &Form, loc: &Locator<'_>, out: &mut Vec<FormError>) {
    let fields: Vec<&Field> = form.fields().map(|(_, f)| f).collect();
    let index: HashMap<&str, usize> = fields
        .iter()
        .enumerate()
        .rev()
        .map(|(i, f)| (f.id.as_str(), i))
        .collect();
    let next = |i: usize| {
        fields[i]
            .visible_when
            .as_ref()
            .and_then(|c| index.get(c.field.as_str()).copied())
    };
    // 0: not visited, 1: on the current path, 2: done.
    let mut state = vec![0u8; fields.len()];
    let mut cycles = Vec::new();
    for start in 0..fields.len() {
        let mut path = Vec::new();
        let mut i = Some(start);
        while let Some(n) = i {
            match state[n] {
                0 => {
                    state[n] = 1;
                    path.push(n);
                    i = next(n);
                }
                1 => {
                    if let Some(from) = path.iter().position(|&p| p == n) {
                        cycles.push(path[from..].to_vec());
                    }
                    break;
                }
                _ => break,
            }
        }
        for p in path {
            state[p] = 2;
        }
    }
    for cycle in cycles {
        let Some(&first) = cycle.iter().min() else {
            continue;
        };
        let turn = cycle.iter().position(|&c| c == first).unwrap_or(0);
        let mut names: Vec<String> = cycle[turn..]
            .iter()
            .chain(&cycle[..turn])
            .map(|&c| fields[c].id.clone())
            .collect();
        names.push(fields[first].id.clone());
        let field_at = loc
            .ids
            .get(&fields[first].id)
            .and_then(|v| v.first())
            .copied();
        let at = loc.key_after(field_at.unwrap_or(0), "visible_when");
        out.push(loc.error(at, ErrorKind::ConditionCycle { fields: names }));
    }
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
            let problem = unicode_class_at(regex)
                .map(|at| RegexProblem::At {
                    kind: RegexKind::UnicodeClass,
                    at,
                })
                .or_else(|| Regex::new(regex).err().map(|e| regex_problem(regex, &e)));
            if let Some(problem) = problem {
                out.push(loc.error(
                    loc.key_after(at, "regex"),
                    ErrorKind::BadRegex {
                        field: id(),
                        problem,
                    },
                ));
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The written-out scans find what the two regular expressions they replace found, on the
    /// built-in forms and on text made to trip them.
    #[test]
    fn the_locator_finds_what_the_regular_expressions_found() {
        let tricky = "id:\"a\\\"b\" xid: \"no\" 标id: \"no\" id : \"c\"\nlimit :3 min_rows: 1 min\u{3000}: 2 limits: 4 id: \"open";
        let mut sources: Vec<String> = crate::form::BUILTIN
            .iter()
            .map(|(_, _, src)| src.to_string())
            .collect();
        sources.push(tricky.to_string());
        let id_re = Regex::new(r#"\bid\s*:\s*"((?:[^"\\]|\\.)*)""#).unwrap();
        let key_re = Regex::new(&format!(r"\b({})\s*:", KEYS.join("|"))).unwrap();
        for src in &sources {
            let loc = Locator::new(src);
            let mut ids: HashMap<String, Vec<usize>> = HashMap::new();
            for cap in id_re.captures_iter(src) {
                ids.entry(cap[1].to_string())
                    .or_default()
                    .push(cap.get(0).unwrap().start());
            }
            assert_eq!(loc.ids, ids);
            let mut keys: HashMap<&'static str, Vec<usize>> = HashMap::new();
            for cap in key_re.captures_iter(src) {
                let k = KEYS.iter().find(|k| **k == &cap[1]).unwrap();
                keys.entry(*k)
                    .or_default()
                    .push(cap.get(0).unwrap().start());
            }
            assert_eq!(loc.keys, keys);
        }
    }

    fn form_with(fields: &str) -> String {
        format!(
            "Form(id: \"f\", version: \"1\", title: \"t\", sections: [Section(id: \"s\", title: \"s\", fields: [\n{fields}])])"
        )
    }

    fn cycles(src: &str) -> Vec<(usize, Vec<String>)> {
        let errors = crate::form::load_str(src).unwrap_err();
        errors
            .into_iter()
            .filter_map(|e| match e.kind {
                ErrorKind::ConditionCycle { fields } => Some((e.line, fields)),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn every_condition_circle_is_reported_once_at_its_first_field() {
        let f = |id: &str, on: &str| {
            format!(
                "Field(id: \"{id}\", label: \"{id}\", kind: Text(), visible_when: (field: \"{on}\", equals: \"x\")),\n"
            )
        };
        // d leads into the circle b → c → a → b without being part of it; e waits on itself.
        let src = form_with(
            &[
                f("d", "b"),
                f("a", "b"),
                f("b", "c"),
                f("c", "a"),
                f("e", "e"),
            ]
            .concat(),
        );
        let names = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(
            cycles(&src),
            vec![(3, names(&["a", "b", "c", "a"])), (6, names(&["e", "e"]))]
        );
        // A chain that ends is fine.
        let chain = form_with(
            &[
                f("a", "b"),
                f("b", "c"),
                "Field(id: \"c\", label: \"c\", kind: Text()),".into(),
            ]
            .concat(),
        );
        assert!(crate::form::load_str(&chain).is_ok());
    }

    #[test]
    fn line_index_agrees_with_scanning_everywhere() {
        let src = format!("甲乙\n\nabc{}\n末行é", "长".repeat(5000));
        let index = LineIndex::new(&src);
        for at in 0..=src.len() + 2 {
            assert_eq!(index.line_col(&src, at), line_col(&src, at), "at {at}");
        }
    }
}
