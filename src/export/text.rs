//! Plain text in the template's order and headings, for reading, mailing or pasting. Hidden
//! characters are shown as markers; paragraphs are indented the Chinese way (two U+3000).

use std::fmt::Write as _;

use super::Prepared;
use super::layout::{self, Block, Line};
use super::vocab as doc;

const INDENT: &str = "　　";

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
                for (caption, file) in figs {
                    let _ = writeln!(s, "{INDENT}{caption}（{}：{file}）", doc::FILE);
                }
                s.push('\n');
            }
            Block::Table { header, rows } => {
                let _ = writeln!(s, "{}", header.join(" | "));
                for r in rows {
                    let _ = writeln!(s, "{}", r.join(" | "));
                }
                s.push('\n');
            }
        }
    }
    while s.ends_with("\n\n") {
        s.pop();
    }
    s
}
