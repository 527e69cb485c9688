//! Replays the fuzz targets' seed corpus (`fuzz/seeds/<target>/`) through the same entry points
//! the fuzzers call, so every `cargo test` exercises them without a nightly toolchain. A seed
//! that once crashed a target is kept there, so this is also the fuzzers' regression suite.

#[path = "../fuzz/src/lib.rs"]
mod harness;

use std::path::PathBuf;

fn seeds(target: &str) -> Vec<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz/seeds")
        .join(target);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    files
}

#[test]
fn every_target_has_seeds_and_survives_them() {
    for (target, run) in harness::TARGETS {
        let files = seeds(target);
        assert!(!files.is_empty(), "no seeds for {target}");
        for f in files {
            let bytes = std::fs::read(&f).unwrap();
            let outcome = std::panic::catch_unwind(|| run(&bytes));
            assert!(outcome.is_ok(), "{target} failed on {}", f.display());
        }
    }
}

#[test]
fn every_fuzz_target_is_replayed() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fuzz/fuzz_targets");
    let mut on_disk: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let p = e.unwrap().path();
            p.file_stem().unwrap().to_string_lossy().into_owned()
        })
        .collect();
    on_disk.sort();
    let mut replayed: Vec<String> = harness::TARGETS
        .iter()
        .map(|(t, _)| t.to_string())
        .collect();
    replayed.sort();
    assert_eq!(on_disk, replayed);
}
