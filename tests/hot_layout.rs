//! The release layout (src/link/hot.ld) still names the editor's code. It lists, by symbol-name
//! pattern, the functions an editing session runs, so the release binary keeps them together and
//! the kernel maps little of the rest (peak memory in `cargo bench --bench terminal`). A pattern
//! that names a function which no longer exists is harmless to the build but lost to the layout:
//! when too many of our own have gone, the file is stale and must be written again.

use std::path::{Path, PathBuf};

fn script() -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("src/link/hot.ld"))
        .expect("src/link/hot.ld")
}

/// The section-name patterns, in order.
fn patterns(text: &str) -> Vec<String> {
    text.lines()
        .filter_map(|l| l.trim().strip_prefix("*(.text."))
        .filter_map(|l| l.split_whitespace().next())
        .map(str::to_string)
        .collect()
}

/// A legacy-mangled path (`_ZN8tianbiao3tui4view4draw17h*`) as its plain segments, or `None`
/// when a segment is not a plain identifier (impl blocks, closures, generics).
fn segments(pattern: &str) -> Option<Vec<String>> {
    let mut rest = pattern.strip_prefix("_ZN")?;
    let mut out = Vec::new();
    while !rest.starts_with("17h*") {
        let digits = rest.chars().take_while(char::is_ascii_digit).count();
        let len: usize = rest[..digits].parse().ok()?;
        let body = rest.get(digits..digits + len)?;
        if !body.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
            return None;
        }
        out.push(body.to_string());
        rest = &rest[digits + len..];
    }
    Some(out)
}

/// The source files a path's item could be written in: its module's file, and for a module
/// with a folder, every file under it.
fn files_for(src: &Path, path: &[String]) -> Option<(Vec<PathBuf>, String)> {
    let (name, modules) = path.split_last()?;
    let mut dir = src.to_path_buf();
    let mut file = src.join("lib.rs");
    for seg in modules.iter().skip(1) {
        let as_file = dir.join(format!("{seg}.rs"));
        let as_dir = dir.join(seg);
        if as_dir.join("mod.rs").exists() {
            file = as_dir.join("mod.rs");
            dir = as_dir;
        } else if as_file.exists() {
            file = as_file;
            dir = dir.join(seg);
        } else {
            break; // a type: the rest is an item inside `file`
        }
    }
    let mut files = vec![file.clone()];
    if file == src.join("lib.rs") {
        files.push(src.join("main.rs")); // the binary's crate has the same name
    }
    if file.ends_with("mod.rs") {
        let mut stack = vec![file.parent()?.to_path_buf()];
        while let Some(d) = stack.pop() {
            for entry in std::fs::read_dir(&d).ok()?.flatten() {
                let p = entry.path();
                if p.is_dir() {
                    stack.push(p);
                } else if p.extension().is_some_and(|e| e == "rs") {
                    files.push(p);
                }
            }
        }
    }
    Some((files, name.clone()))
}

#[test]
fn the_layout_script_adds_to_the_linkers_layout_and_never_replaces_it() {
    let text = script();
    // Every SECTIONS block is followed by an INSERT: without one, the linker would take the
    // script as the whole layout of the binary.
    let blocks = text.matches("SECTIONS").count();
    assert_eq!(blocks, 2, "the code block and the cold-constants block");
    assert_eq!(text.matches("INSERT ").count(), blocks);
    assert!(text.contains(".text.hot : {") && text.contains("INSERT BEFORE .text;"));
    assert!(text.contains(".rodata.cold : {") && text.contains("INSERT AFTER .rodata;"));
    let open = text.matches('{').count();
    assert_eq!(open, text.matches('}').count(), "unbalanced braces");
    let pats = patterns(&text);
    assert!(pats.len() > 500, "only {} functions listed", pats.len());
    for p in &pats {
        assert!(
            !p.contains(['(', ')', '{', '}', ';', '"']),
            "a pattern the linker would misread: {p}"
        );
    }
}

#[test]
fn the_layout_names_the_editors_entry_points() {
    let pats = patterns(&script());
    for entry in [
        "_ZN8tianbiao3cli4main17h*",
        "_ZN8tianbiao3tui6driver8run_loop17h*",
        "_ZN8tianbiao3tui4view4draw17h*",
        "_ZN8tianbiao3tui6update6update17h*",
        "_ZN8tianbiao5count",
    ] {
        assert!(
            pats.iter().any(|p| p.starts_with(entry)),
            "src/link/hot.ld lacks {entry}: write it again with `python3 benches/hot_layout.py`"
        );
    }
}

#[test]
fn most_of_our_functions_in_the_layout_still_exist() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut checked = 0;
    let mut gone = Vec::new();
    for p in patterns(&script()) {
        let Some(path) = segments(&p) else { continue };
        if path.first().map(String::as_str) != Some("tianbiao") || path.len() < 2 {
            continue;
        }
        let Some((files, name)) = files_for(&src, &path) else {
            continue;
        };
        checked += 1;
        let needle = format!("fn {name}");
        let found = files.iter().any(|f| {
            std::fs::read_to_string(f).is_ok_and(|t| {
                t.match_indices(&needle).any(|(i, _)| {
                    !t[i + needle.len()..].starts_with(|c: char| c.is_alphanumeric() || c == '_')
                })
            })
        });
        if !found {
            gone.push(path.join("::"));
        }
    }
    assert!(
        checked > 100,
        "only {checked} of our functions could be checked"
    );
    assert!(
        gone.len() * 10 <= checked,
        "{} of {checked} functions in src/link/hot.ld are gone (e.g. {:?}): write it again with \
         `python3 benches/hot_layout.py`",
        gone.len(),
        &gone[..gone.len().min(5)]
    );
}
