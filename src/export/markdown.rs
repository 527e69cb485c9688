//! Markdown in the template's order and headings. Every piece of user text is escaped
//! ([`super::md_escape`]): it can never become a heading, HTML, a link, a code span or fence,
//! a list or a table; hidden characters are shown as markers.

use std::fmt::Write as _;

use super::Prepared;
use super::clean::md_escape;
use super::layout::{self, Block};
use super::vocab as doc;

/// The Markdown document of a prepared export.
pub fn render(p: &Prepared) -> String {
    let d = layout::build(p);
    let mut s = String::new();
    if let Some(sub) = &d.subtitle {
        let _ = writeln!(s, "{}\n", md_escape(sub));
    }
    let _ = writeln!(s, "# {}\n", md_escape(&d.title));
    for (label, value) in &d.cover {
        let _ = writeln!(s, "{}：{}\n", md_escape(label), md_escape(value));
    }
    for b in &d.blocks {
        match b {
            Block::Part(t) => {
                let _ = writeln!(s, "## {}\n", md_escape(t));
            }
            Block::Section { title, in_part } => {
                let hashes = if *in_part { "###" } else { "##" };
                let _ = writeln!(s, "{hashes} {}\n", md_escape(title));
            }
            Block::Rows(rows) => {
                let _ = writeln!(s, "| {} | {} |", doc::ITEM, doc::CONTENT);
                let _ = writeln!(s, "| --- | --- |");
                for r in rows {
                    let sep = if r.list { "；" } else { "　" };
                    let cell = r
                        .lines
                        .iter()
                        .map(|l| md_escape(l.text()))
                        .collect::<Vec<_>>()
                        .join(sep);
                    let _ = writeln!(s, "| {} | {} |", md_escape(&r.label), cell);
                }
                s.push('\n');
            }
            Block::Label(t) => {
                let _ = writeln!(s, "**{}**\n", md_escape(t));
            }
            Block::Paragraphs(ps) => {
                for para in ps {
                    let _ = writeln!(s, "{}\n", md_escape(para));
                }
            }
            Block::Blank => {
                let _ = writeln!(s, "{}\n", doc::BLANK);
            }
            Block::Figures(figs) => {
                for f in figs {
                    let _ = writeln!(
                        s,
                        "- {}（{}：{}）",
                        md_escape(&f.caption),
                        doc::FILE,
                        md_escape(&f.file)
                    );
                }
                s.push('\n');
            }
            Block::Table {
                caption,
                header,
                rows,
            } => {
                if let Some(c) = caption {
                    let _ = writeln!(s, "{}\n", md_escape(c));
                }
                let cells = |v: &[String]| {
                    v.iter()
                        .map(|c| md_escape(c))
                        .collect::<Vec<_>>()
                        .join(" | ")
                };
                let _ = writeln!(s, "| {} |", cells(header));
                let _ = writeln!(s, "|{}", " --- |".repeat(header.len()));
                for r in rows {
                    let _ = writeln!(s, "| {} |", cells(r));
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
