//! Plain text in the template's order and headings, for reading, mailing or pasting. Hidden
//! characters are shown as markers; paragraphs are indented the Chinese way (two U+3000).

use std::fmt::Write as _;

use super::Prepared;
use super::layout::{self, Block, Line};
use super::vocab as doc;

const INDENT: &str = "　　";

/// A table as aligned columns (by display width: a Chinese character is two columns), a rule
/// under the header, so it reads as a table in any monospaced viewer.
fn aligned(s: &mut String, header: &[String], rows: &[Vec<String>]) {
    use unicode_width::UnicodeWidthStr;
    let all = || std::iter::once(header).chain(rows.iter().map(Vec::as_slice));
    let n = all().map(<[String]>::len).max().unwrap_or(0);
    let widths: Vec<usize> = (0..n)
        .map(|i| {
            all()
                .map(|r| r.get(i).map_or(0, |c| c.width()))
                .max()
                .unwrap_or(0)
        })
        .collect();
    let line = |s: &mut String, r: &[String]| {
        let mut l = String::new();
        for (i, w) in widths.iter().enumerate() {
            let c = r.get(i).map_or("", String::as_str);
            l.push_str(c);
            if i + 1 < n {
                l.push_str(&" ".repeat(w - c.width() + 2));
            }
        }
        let _ = writeln!(s, "{}", l.trim_end());
    };
    line(s, header);
    let total = widths.iter().sum::<usize>() + 2 * n.saturating_sub(1);
    let _ = writeln!(s, "{}", "-".repeat(total));
    for r in rows {
        line(s, r);
    }
}

/// The plain-text document of a prepared export.
pub fn render(p: &Prepared) -> String {
    let d = layout::build(p);
    let mut s = String::new();
    if let Some(sub) = &d.subtitle {
        let _ = writeln!(s, "{sub}\n");
    }
    let _ = writeln!(s, "{}\n", d.title);
    for (label, value) in &d.cover {
        let _ = writeln!(s, "{label}：{value}");
    }
    if !d.cover.is_empty() {
        s.push('\n');
    }
    for b in &d.blocks {
        match b {
            Block::Part(t) | Block::Section { title: t, .. } => {
                let _ = writeln!(s, "{t}\n");
            }
            Block::Rows(rows) => {
                for r in rows {
                    let mut lines = r.lines.iter();
                    if r.list {
                        let _ = writeln!(s, "{}：", r.label);
                        for (n, l) in lines.enumerate() {
                            let _ = writeln!(s, "    {}. {}", n + 1, l.text());
                        }
                        continue;
                    }
                    let first = lines.next().map(Line::text).unwrap_or("");
                    let _ = writeln!(s, "{}：{first}", r.label);
                    for l in lines {
                        let _ = writeln!(s, "    {}", l.text());
                    }
                }
                s.push('\n');
            }
            Block::Label(t) => {
                let _ = writeln!(s, "{t}：");
            }
            Block::Paragraphs(ps) => {
                for para in ps {
                    let _ = writeln!(s, "{INDENT}{para}");
                }
                s.push('\n');
            }
            Block::Blank => {
                let _ = writeln!(s, "{INDENT}{}\n", doc::BLANK);
            }
            Block::Figures(figs) => {
                for f in figs {
                    let _ = writeln!(s, "{INDENT}{}（{}：{}）", f.caption, doc::FILE, f.file);
                }
                s.push('\n');
            }
            Block::Table {
                caption,
                header,
                rows,
            } => {
                if let Some(c) = caption {
                    let _ = writeln!(s, "{INDENT}{c}");
                }
                aligned(&mut s, header, rows);
                s.push('\n');
            }
        }
    }
    while s.ends_with("\n\n") {
        s.pop();
    }
    s
}
