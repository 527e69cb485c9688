//! The shape of the crate, read from its source: the top-level modules import each other in one
//! direction only (no cycle), nothing below the editor and the commands reaches up into
//! `crate::tui` or `crate::cli`, and sentences in the interface language are made only in the
//! `msg.rs` files, `lang.rs` and the keymap. `docs/design.md` draws the arrows these tests keep.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

fn src_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = fs::read_dir(dir)
        .expect("src is readable")
        .map(|e| e.expect("entry").path())
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            src_files(&p, out);
        } else if p.extension().is_some_and(|e| e == "rs") {
            out.push(p);
        }
    }
}

fn src_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// The file's path below `src/`, with `/` separators.
fn rel(p: &Path) -> String {
    p.strip_prefix(src_root())
        .expect("under src")
        .to_string_lossy()
        .replace('\\', "/")
}

/// The top-level module a file belongs to (`tui` for `src/tui/view/pane.rs`), `None` for the
/// crate root, the binary and the build script (which is not part of the crate).
fn top_module(rel: &str) -> Option<String> {
    let first = rel.split('/').next()?;
    let name = first.strip_suffix(".rs").unwrap_or(first);
    (!matches!(name, "lib" | "main" | "build")).then(|| name.to_string())
}

/// The code of a file without comments (line comments and doc comments), so that a comment
/// naming a module does not count as an import. Strings are kept: a `//` inside one only ever
/// shortens what is searched.
fn code(text: &str) -> String {
    text.lines()
        .map(|l| match l.find("//") {
            Some(i) if !l[..i].contains('"') => &l[..i],
            _ => l,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The top-level modules a piece of code names through `crate::`: paths (`crate::form::Form`)
/// and groups (`use crate::{draft, export::Note}`).
fn referenced(code: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let ident = |s: &str| -> String {
        s.chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect()
    };
    let mut rest = code;
    while let Some(i) = rest.find("crate::") {
        let before = rest[..i].chars().next_back();
        rest = &rest[i + "crate::".len()..];
        // `tianbiao::` or `some_crate::` is another crate; `$crate::` is a macro path.
        if before.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$') {
            continue;
        }
        if let Some(group) = rest.strip_prefix('{') {
            // Top-level names at depth 0 of the group.
            let mut depth = 0;
            let mut item = String::new();
            for c in group.chars() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => break,
                    '}' => depth -= 1,
                    ',' if depth == 0 => {
                        out.insert(ident(item.trim()));
                        item.clear();
                        continue;
                    }
                    _ => {}
                }
                if depth == 0 {
                    item.push(c);
                }
            }
            out.insert(ident(item.trim()));
        } else {
            out.insert(ident(rest));
        }
    }
    out.retain(|m| !m.is_empty() && m != "self");
    out
}

/// Edges between top-level modules, each with one file that makes it.
fn module_graph() -> BTreeMap<String, BTreeMap<String, String>> {
    let mut files = Vec::new();
    src_files(&src_root(), &mut files);
    let tops: BTreeSet<String> = files.iter().filter_map(|f| top_module(&rel(f))).collect();
    let mut graph: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();
    for f in &files {
        let r = rel(f);
        let Some(from) = top_module(&r) else {
            continue;
        };
        graph.entry(from.clone()).or_default();
        let text = fs::read_to_string(f).expect("source is UTF-8");
        for to in referenced(&code(&text)) {
            if to != from && tops.contains(&to) {
                graph
                    .entry(from.clone())
                    .or_default()
                    .entry(to)
                    .or_insert_with(|| r.clone());
            }
        }
    }
    graph
}

/// A cycle through `start`, if there is one, as the list of modules on it.
fn cycle_from(
    graph: &BTreeMap<String, BTreeMap<String, String>>,
    start: &str,
) -> Option<Vec<String>> {
    fn walk(
        graph: &BTreeMap<String, BTreeMap<String, String>>,
        start: &str,
        at: &str,
        path: &mut Vec<String>,
        seen: &mut BTreeSet<String>,
    ) -> bool {
        for next in graph.get(at).into_iter().flat_map(|e| e.keys()) {
            if next == start {
                path.push(next.clone());
                return true;
            }
            if seen.insert(next.clone()) {
                path.push(next.clone());
                if walk(graph, start, next, path, seen) {
                    return true;
                }
                path.pop();
            }
        }
        false
    }
    let mut path = vec![start.to_string()];
    let mut seen = BTreeSet::new();
    walk(graph, start, start, &mut path, &mut seen).then_some(path)
}

fn describe(graph: &BTreeMap<String, BTreeMap<String, String>>) -> String {
    graph
        .iter()
        .map(|(from, to)| {
            let to: Vec<&str> = to.keys().map(String::as_str).collect();
            format!("{from} → {{{}}}", to.join(", "))
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn top_level_modules_import_each_other_without_a_cycle() {
    let graph = module_graph();
    println!("{}", describe(&graph));
    for start in graph.keys() {
        if let Some(cycle) = cycle_from(&graph, start) {
            let steps: Vec<String> = cycle
                .windows(2)
                .map(|w| format!("{} → {} (in src/{})", w[0], w[1], graph[&w[0]][&w[1]]))
                .collect();
            panic!("import cycle:\n  {}", steps.join("\n  "));
        }
    }
}

#[test]
fn nothing_below_the_editor_and_the_commands_imports_them() {
    let graph = module_graph();
    let mut wrong = Vec::new();
    for (from, to) in &graph {
        for (target, file) in to {
            let allowed = match target.as_str() {
                "cli" => false,
                // `plain` is the line-by-line interface beside the editor and shares its words.
                "tui" => from == "cli" || from == "plain",
                _ => true,
            };
            if !allowed {
                wrong.push(format!("src/{file} imports crate::{target}"));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn the_cycle_check_sees_paths_groups_and_cycles() {
    let found = referenced(&code(
        "use crate::{draft::Draft, lang::{self, Lang}};\nlet x = crate::form::validate(f);\n\
         // crate::tui in a comment\nuse tianbiao::cli;",
    ));
    assert_eq!(
        found.into_iter().collect::<Vec<_>>(),
        ["draft", "form", "lang"]
    );
    let mut g: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();
    for (a, b) in [("a", "b"), ("b", "c"), ("c", "a"), ("c", "d")] {
        g.entry(a.into())
            .or_default()
            .insert(b.into(), format!("{a}.rs"));
    }
    assert_eq!(cycle_from(&g, "a").expect("a cycle"), ["a", "b", "c", "a"]);
    assert!(cycle_from(&g, "d").is_none());
}

/// Files that may hold words in both languages: every `msg.rs`, `lang.rs`, and the keymap (each
/// binding keeps its hint text beside it).
fn may_word(rel: &str) -> bool {
    rel.ends_with("/msg.rs") || rel == "lang.rs" || rel == "tui/keymap.rs"
}

#[test]
fn words_in_both_languages_live_only_in_msg_files() {
    let mut files = Vec::new();
    src_files(&src_root(), &mut files);
    let mut wrong = Vec::new();
    for f in &files {
        let r = rel(f);
        if may_word(&r) {
            continue;
        }
        let text = fs::read_to_string(f).expect("source is UTF-8");
        for (n, line) in code(&text).lines().enumerate() {
            if line.contains("Lang::En") || line.contains(".pick(") {
                wrong.push(format!("src/{r}:{}: {}", n + 1, line.trim()));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "words belong in the module's msg.rs:\n{}",
        wrong.join("\n")
    );
}

/// The detailed arrows as `docs/design.md` lists them, one `from → to, to, …` entry per module
/// (an entry may go on over several lines; `a, b → (nothing)` names leaves).
fn documented_graph() -> BTreeMap<String, BTreeSet<String>> {
    let doc = fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/design.md"))
        .expect("docs/design.md is readable");
    let start = doc
        .find("\n```\ncli ")
        .expect("the detailed arrows in docs/design.md")
        + 5;
    let end = start + doc[start..].find("```").expect("the end of the arrows");
    let mut entries: Vec<String> = Vec::new();
    for line in doc[start..end].lines() {
        if line.contains('→') {
            entries.push(line.to_string());
        } else if let Some(last) = entries.last_mut() {
            last.push(' ');
            last.push_str(line.trim());
        }
    }
    let mut out = BTreeMap::new();
    for e in entries {
        let (from, to) = e.split_once('→').expect("an arrow");
        let to: BTreeSet<String> = to
            .split(',')
            .map(|t| t.trim().to_string())
            .filter(|t| !t.is_empty() && t != "(nothing)")
            .collect();
        for f in from.split(',') {
            out.insert(f.trim().to_string(), to.clone());
        }
    }
    out
}

#[test]
fn the_design_document_lists_the_arrows_the_source_has() {
    let actual: BTreeMap<String, BTreeSet<String>> = module_graph()
        .into_iter()
        .map(|(from, to)| (from, to.into_keys().collect()))
        .collect();
    assert_eq!(
        documented_graph(),
        actual,
        "docs/design.md, \"Dependency direction\", should read:\n{}",
        describe(&module_graph())
    );
}
