//! Saving a full flagship draft (附件1, every field answered, 2,990 字 in the six narrative
//! sections): serialize, write a temp file, fsync, keep the backup (hard link), rename over the
//! draft, fsync the directory — what every autosave costs. Also its parts: serializing alone,
//! and opening (read + parse + hash + lock).
//!
//! Run: `cargo bench --bench save` (the temp directory is on the file system of `$TMPDIR`).

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use tianbiao::draft::{self, OpenMode};

#[path = "../tests/support/drafts.rs"]
mod common;

fn bench_save(c: &mut Criterion) {
    let form = common::flagship();
    let full = common::full_flagship(&form);
    let zi: usize = [
        "intro",
        "ai_content",
        "effect",
        "prospect",
        "needs",
        "support",
    ]
    .iter()
    .map(|id| tianbiao::count::count(full.answers.text(id), form.count_options()).zishu)
    .sum();
    let bytes = full.to_ron().len();
    eprintln!("full flagship draft: {zi} 字 in the six sections, {bytes} bytes on disk");
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("智慧港口.ron");
    let mut opened = draft::create(&path, &form, "智慧港口").unwrap();
    opened.session.save(&full).unwrap();

    c.bench_function("save full flagship draft (fsync, backup)", |b| {
        b.iter(|| opened.session.save(black_box(&full)).unwrap())
    });
    c.bench_function("serialize full flagship draft (to_ron)", |b| {
        b.iter(|| black_box(&full).try_to_ron().unwrap())
    });
    drop(opened);
    c.bench_function("open full flagship draft (read, parse, hash, lock)", |b| {
        b.iter(|| draft::open(black_box(&path), &form, OpenMode::Normal).unwrap())
    });
}

criterion_group!(benches, bench_save);
criterion_main!(benches);
