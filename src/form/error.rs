//! What can be wrong with a form file, as data: where ([`FormError`]) and what ([`ErrorKind`]).
//! Loading (`load`) and linting (`lint`) both produce these; `msg` words them.

/// One problem in a form file, with where it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FormError {
    pub line: usize,
    pub col: usize,
    pub kind: ErrorKind,
}

/// What is wrong, in terms a form author understands. Worded by `form::msg::form_error`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ErrorKind {
    // Found by the parser.
    /// Not UTF-8 from this byte offset on.
    NotUtf8 {
        offset: usize,
    },
    UnknownKey {
        key: String,
        place: String,
        expected: Vec<String>,
    },
    MissingKey {
        key: String,
        place: String,
    },
    UnknownVariant {
        found: String,
        place: String,
        expected: Vec<String>,
    },
    DuplicateKey {
        key: String,
        place: String,
    },
    WrongType {
        expected: String,
        found: String,
    },
    /// A simpler "expected X here" from the RON grammar.
    Expected(Expect),
    UnclosedString,
    UnexpectedEnd,
    TooDeep,
    Trailing,
    Syntax(String),
    // Found by the linter.
    BadId {
        id: String,
    },
    DuplicateId {
        id: String,
        what: &'static str,
    },
    ZeroLimit {
        field: String,
    },
    NoOptions {
        field: String,
    },
    DuplicateOption {
        field: String,
        option: String,
    },
    OtherNotAnOption {
        field: String,
        other: String,
    },
    MissingField {
        field: String,
        target: String,
    },
    ConditionValue {
        field: String,
        target: String,
        value: String,
    },
    MissingColumn {
        field: String,
        column: String,
    },
    RuleNotBool {
        field: String,
        column: String,
    },
    RuleOverMax {
        field: String,
        count: usize,
        max: usize,
    },
    ExampleOverLimit {
        field: String,
        count: usize,
        limit: usize,
        unit: &'static str,
    },
    /// `example_over_limit: true` on an example that is within its limit.
    ExampleWithinLimit {
        field: String,
        count: usize,
        limit: usize,
    },
    BadRegex {
        field: String,
        problem: RegexProblem,
    },
    MinOverMax {
        field: String,
        min: usize,
        max: usize,
    },
    BadWarnRatio {
        field: String,
    },
    EmptySection {
        section: String,
    },
    NoSections,
    NoColumns {
        field: String,
    },
    RequiredNote {
        field: String,
    },
    /// Fields whose `visible_when` conditions go round in a circle (the first is named again
    /// at the end): none of them could ever be shown.
    ConditionCycle {
        fields: Vec<String>,
    },
    /// More of something, or a longer text, than a form may hold.
    Limit(super::limits::Exceeded),
    /// Nothing in the file but white space and comments.
    EmptyFile,
    /// A bracket opened at `line`:`col` and never closed (reported where it should have been).
    Unclosed {
        open: char,
        line: usize,
        col: usize,
    },
}

/// Why a `Pattern` field's regular expression does not compile.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RegexProblem {
    /// A mistake at a character position (1-based) in the pattern.
    At { kind: RegexKind, at: usize },
    /// It parses but would be too big to run.
    TooBig,
    /// Something rarer, in the regex library's own (English) words.
    Other(String),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RegexKind {
    UnclosedGroup,
    UnopenedGroup,
    UnclosedClass,
    BadRange,
    NothingToRepeat,
    BadCount,
    BadEscape,
    /// `\p{Han}` and other Unicode property classes, which this build does not carry.
    UnicodeClass,
    Other(String),
}

/// What the RON grammar wanted at the error position.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Expect {
    Text,
    Integer,
    Number,
    Bool,
    List,
    ListEnd,
    Comma,
    Colon,
    GroupEnd,
    Group,
    KeyName,
}

impl FormError {
    pub fn at(line: usize, col: usize, kind: ErrorKind) -> Self {
        FormError { line, col, kind }
    }
}
