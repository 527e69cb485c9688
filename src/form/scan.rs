//! A light reading of RON source text that knows only strings, comments and brackets: enough to
//! say which bracket was never closed, and to step over one `key: value` entry. The real parser
//! stops at the first problem; these let a form author get a precise message and all misspelt
//! keys in one run. Pure.

/// A bracket that was opened and not closed where it should have been.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Unclosed {
    /// `(`, `[` or `{`.
    pub open: char,
    /// Where it was opened (1-based line and column in characters).
    pub line: usize,
    pub col: usize,
    /// Where the problem shows: the wrong closing bracket, or the end of the file.
    pub at_line: usize,
    pub at_col: usize,
}

/// The closing bracket of an opening one.
pub fn closer(open: char) -> char {
    match open {
        '(' => ')',
        '[' => ']',
        _ => '}',
    }
}

/// Visits every character outside strings and comments with its byte offset and 1-based line
/// and column; stops when `visit` returns false. Returns the position just past the end.
fn walk(src: &str, mut visit: impl FnMut(usize, char, usize, usize) -> bool) -> (usize, usize) {
    let (mut line, mut col) = (1, 1);
    let mut chars = src.char_indices().peekable();
    let advance = |c: char, line: &mut usize, col: &mut usize| {
        if c == '\n' {
            *line += 1;
            *col = 1;
        } else {
            *col += 1;
        }
    };
    while let Some((at, c)) = chars.next() {
        match c {
            '"' => {
                advance(c, &mut line, &mut col);
                while let Some((_, c)) = chars.next() {
                    advance(c, &mut line, &mut col);
                    match c {
                        '\\' => {
                            if let Some((_, e)) = chars.next() {
                                advance(e, &mut line, &mut col);
                            }
                        }
                        '"' => break,
                        _ => {}
                    }
                }
            }
            '/' if chars.peek().is_some_and(|(_, n)| *n == '/') => {
                for (_, c) in chars.by_ref() {
                    advance(c, &mut line, &mut col);
                    if c == '\n' {
                        break;
                    }
                }
            }
            '/' if chars.peek().is_some_and(|(_, n)| *n == '*') => {
                advance(c, &mut line, &mut col);
                let mut prev = '\0';
                for (_, c) in chars.by_ref() {
                    advance(c, &mut line, &mut col);
                    if prev == '*' && c == '/' {
                        break;
                    }
                    prev = c;
                }
            }
            c => {
                if !visit(at, c, line, col) {
                    return (line, col);
                }
                advance(c, &mut line, &mut col);
            }
        }
    }
    (line, col)
}

/// The first bracket left open, looking no further than `upto` (1-based line and column): a
/// closing bracket that does not match the one open, or, when the text ends first, the
/// innermost bracket still open.
pub fn unclosed(src: &str, upto: (usize, usize)) -> Option<Unclosed> {
    let mut stack: Vec<(char, usize, usize)> = Vec::new();
    let mut found = None;
    let mut stopped = false;
    let end = walk(src, |_, c, line, col| {
        if (line, col) > upto {
            stopped = true;
            return false;
        }
        match c {
            '(' | '[' | '{' => stack.push((c, line, col)),
            ')' | ']' | '}' => match stack.last() {
                Some(&(open, l, k)) if closer(open) != c => {
                    found = Some(Unclosed {
                        open,
                        line: l,
                        col: k,
                        at_line: line,
                        at_col: col,
                    });
                    return false;
                }
                Some(_) => {
                    stack.pop();
                }
                None => {}
            },
            _ => {}
        }
        true
    });
    if found.is_some() {
        return found;
    }
    // Brackets still open count only when the text really ended before `upto`.
    if stopped {
        return None;
    }
    let (open, line, col) = *stack.last()?;
    Some(Unclosed {
        open,
        line,
        col,
        at_line: end.0,
        at_col: end.1,
    })
}

/// Whether the text holds nothing but white space and comments.
pub fn is_blank(src: &str) -> bool {
    let mut blank = true;
    walk(src, |_, c, _, _| {
        if !c.is_whitespace() {
            blank = false;
            return false;
        }
        true
    });
    blank
}

/// The byte range of the `key: value` entry whose key starts at 1-based `line`/`col`, with the
/// comma after it: the value is one string, one bracketed group (with a name in front, like
/// `Text(…)`), or one bare word or number.
pub fn entry_at(src: &str, line: usize, col: usize) -> Option<std::ops::Range<usize>> {
    let mut start = None;
    walk(src, |at, _, l, c| {
        if (l, c) == (line, col) {
            start = Some(at);
            return false;
        }
        true
    });
    let start = start?;
    let rest = &src[start..];
    let colon = rest.find(':')?;
    if !rest[..colon]
        .trim()
        .chars()
        .all(|c| c.is_alphanumeric() || c == '_')
    {
        return None;
    }
    // From the colon on: one value at depth 0, then an optional comma.
    let mut depth = 0usize;
    let mut end = None;
    let base = start + colon + 1;
    walk(&src[base..], |at, c, _, _| {
        match c {
            '(' | '[' | '{' => depth += 1,
            ')' | ']' | '}' => {
                if depth == 0 {
                    end = Some(at);
                    return false;
                }
                depth -= 1;
            }
            ',' if depth == 0 => {
                end = Some(at + 1);
                return false;
            }
            _ => {}
        }
        true
    });
    // A string value is skipped by `walk` itself; its end is the next comma or closer.
    let end = base + end.unwrap_or(src.len() - base);
    Some(start..end)
}

/// The text with `range` blanked out: every character but line breaks becomes a space, so every
/// other position in the text stays where it was.
pub fn blank_out(src: &str, range: std::ops::Range<usize>) -> String {
    let mut out = String::with_capacity(src.len());
    out.push_str(&src[..range.start]);
    out.extend(
        src[range.clone()]
            .chars()
            .map(|c| if c == '\n' { '\n' } else { ' ' }),
    );
    out.push_str(&src[range.end..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_wrong_closer_names_the_bracket_left_open() {
        let src = "Form(sections: [\n  Section(fields: [\n    Field(id: \"f\"),\n  ),\n])";
        let u = unclosed(src, (9, 9)).unwrap();
        assert_eq!((u.open, u.line, u.col), ('[', 2, 19));
        assert_eq!((u.at_line, u.at_col), (4, 3));
    }

    #[test]
    fn brackets_in_strings_and_comments_do_not_count() {
        let src = "Form(title: \"(\\\"[\", // ]\n /* ) */ notes: [])";
        assert_eq!(unclosed(src, (9, 99)), None);
        let src = "Form(title: \"x\", sections: [";
        let u = unclosed(src, (1, 99)).unwrap();
        assert_eq!((u.open, u.line, u.col), ('[', 1, 28));
    }

    #[test]
    fn entries_are_stepped_over_whole() {
        let src = "Form(id: \"x\", verson: \"1\", kind: Text(limit: 3), titel: \"t, (\")";
        let r = entry_at(src, 1, 15).unwrap();
        assert_eq!(&src[r], "verson: \"1\",");
        let r = entry_at(src, 1, 28).unwrap();
        assert_eq!(&src[r], "kind: Text(limit: 3),");
        let r = entry_at(src, 1, 50).unwrap();
        assert_eq!(&src[r], "titel: \"t, (\"");
        let blanked = blank_out(src, entry_at(src, 1, 15).unwrap());
        assert_eq!(blanked.len(), src.len());
        assert!(blanked.starts_with("Form(id: \"x\",              kind"));
    }

    #[test]
    fn comments_and_spaces_are_blank() {
        assert!(is_blank(""));
        assert!(is_blank("  // 表单\n /* 空 */ \n"));
        assert!(!is_blank("// x\nForm()"));
    }
}
