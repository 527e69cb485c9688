//! Tables inside a long text. A table copied from Word or WPS arrives as tab-separated lines, so
//! that is the rule here: two or more consecutive lines that each hold a tab are a table, its
//! first line the header, each tab a cell boundary. A single line with a tab is an ordinary line;
//! lines written with `|` are ordinary text (and count their `|`), never a table.
//!
//! Pure: the documents (docx, Markdown, text) print these as real tables and the editor can align
//! them. Counting needs no help from here: a tab is whitespace to [`crate::count`], so a section
//! counts exactly its cells' text, as Word counts a table.

/// One piece of a long text, in order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Piece<'a> {
    /// A line that is not part of a table (may be empty).
    Line(&'a str),
    /// A table: rows of cells, the first row its header, every row as wide as the widest (short
    /// rows padded with empty cells, columns empty in every row at the right dropped).
    Table(Vec<Vec<&'a str>>),
}

/// Whether a line is a table row: it holds a tab.
pub fn is_row(line: &str) -> bool {
    line.contains('\t')
}

/// The trimmed cells of a row.
pub fn cells(line: &str) -> Vec<&str> {
    line.split('\t').map(str::trim).collect()
}

/// Splits lines into ordinary lines and tables.
pub fn pieces<'a, I>(lines: I) -> Vec<Piece<'a>>
where
    I: IntoIterator<Item = &'a str>,
{
    let lines: Vec<&str> = lines.into_iter().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let mut j = i;
        while j < lines.len() && is_row(lines[j]) {
            j += 1;
        }
        if j - i >= 2 {
            out.push(Piece::Table(grid(&lines[i..j])));
            i = j;
        } else {
            out.push(Piece::Line(lines[i]));
            i += 1;
        }
    }
    out
}

fn grid<'a>(rows: &[&'a str]) -> Vec<Vec<&'a str>> {
    let mut rows: Vec<Vec<&str>> = rows.iter().map(|l| cells(l)).collect();
    let used = rows
        .iter()
        .map(|r| r.iter().rposition(|c| !c.is_empty()).map_or(0, |p| p + 1))
        .max()
        .unwrap_or(0)
        .max(1);
    for r in &mut rows {
        r.resize(used, "");
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(s: &str) -> Vec<Piece<'_>> {
        pieces(s.split('\n'))
    }

    #[test]
    fn tab_lines_are_tables_and_other_lines_stay_lines() {
        let cases: &[(&str, Vec<Piece>)] = &[
            // Header and one row.
            (
                "表 1 排名\n地区\t港口\n东亚\t上海\n说明",
                vec![
                    Piece::Line("表 1 排名"),
                    Piece::Table(vec![vec!["地区", "港口"], vec!["东亚", "上海"]]),
                    Piece::Line("说明"),
                ],
            ),
            // One tab line alone is a line.
            ("a\tb\nc", vec![Piece::Line("a\tb"), Piece::Line("c")]),
            // Pipes are text.
            (
                "地区 | 港口\n东亚 | 上海",
                vec![Piece::Line("地区 | 港口"), Piece::Line("东亚 | 上海")],
            ),
            // Ragged rows are padded; trailing empty columns (Word's trailing tabs) dropped.
            (
                "序号\t名称\t\t\n1\t\t\t\n2\t港口\t\t",
                vec![Piece::Table(vec![
                    vec!["序号", "名称"],
                    vec!["1", ""],
                    vec!["2", "港口"],
                ])],
            ),
            // A blank line ends a table; two tables in one text.
            (
                "a\tb\n1\t2\n\nc\td\te\n3\t4\t5",
                vec![
                    Piece::Table(vec![vec!["a", "b"], vec!["1", "2"]]),
                    Piece::Line(""),
                    Piece::Table(vec![vec!["c", "d", "e"], vec!["3", "4", "5"]]),
                ],
            ),
            // Cells are trimmed.
            (
                " a \t b\n1\t 2 ",
                vec![Piece::Table(vec![vec!["a", "b"], vec!["1", "2"]])],
            ),
            ("", vec![Piece::Line("")]),
        ];
        for (text, want) in cases {
            assert_eq!(&split(text), want, "{text:?}");
        }
    }
}
