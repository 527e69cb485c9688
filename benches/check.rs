//! `check` over 1,000 flagship drafts: the reviewer's batch. Variations of the
//! shipped example (its six narrative sections near their limits, one figure beside it), one in
//! ten over a limit, one in twenty missing a required field, written to a folder once.
//!
//! Run: `cargo bench --bench check`. It measures, each over all 1,000 files:
//! - `library/check_path`: read + parse + validate + report, what `tianbiao check` does per file;
//! - `library/load_file`: read + parse only; `library/check_received`: the check of loaded files;
//! - `cli/check_dir`: the release binary, `tianbiao check DIR` (process start and output included).
//!
//! The drafts stay in `target/bench-check/` so the CLI can also be timed by hand:
//! `hyperfine -N --warmup 2 'target/release/tianbiao check target/bench-check'`.

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use criterion::{Criterion, criterion_group, criterion_main};
use tianbiao::draft::Draft;
use tianbiao::form::Value;
use tianbiao::review::{self, CheckOptions, FormSet};

const N: usize = 1000;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Writes the 1,000 drafts (once) and returns their paths in name order.
fn corpus() -> Vec<PathBuf> {
    let dir = root().join("target/bench-check");
    let example = root().join("docs/examples/smart-port.ron");
    let base = Draft::from_ron(&std::fs::read_to_string(&example).unwrap()).unwrap();
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::copy(
        root().join("docs/examples/smart-port-fig1.png"),
        dir.join("smart-port-fig1.png"),
    )
    .unwrap();
    let mut paths = Vec::with_capacity(N);
    for i in 0..N {
        let path = dir.join(format!("{i:04}.ron"));
        paths.push(path.clone());
        if path.exists() {
            continue;
        }
        let mut d = base.clone();
        d.name = format!("场景 {i:04}");
        let name = format!("智慧港口场景 {i:04}");
        d.answers.set("scenario_name", Value::Text(name));
        // Vary the texts so no two files are alike.
        for id in ["intro", "needs"] {
            let t = d.answers.text(id).to_string();
            d.answers.set(id, Value::Text(format!("{t}（第 {i} 号）")));
        }
        if i % 10 == 3 {
            d.answers.set("effect", Value::Text("字".repeat(520)));
        }
        if i % 20 == 7 {
            d.answers.0.remove("contact_email");
        }
        std::fs::write(&path, d.to_ron()).unwrap();
    }
    paths
}

fn bench_check(c: &mut Criterion) {
    let paths = corpus();
    let forms = FormSet::builtin();
    let opts = CheckOptions::default();
    let mut g = c.benchmark_group("library");
    g.sample_size(10);
    g.bench_function("check_path", |b| {
        b.iter(|| {
            let mut failed = 0;
            for p in &paths {
                let r = review::check_path(p, &forms, &opts);
                if r.verdict() != review::Verdict::Pass {
                    failed += 1;
                }
            }
            assert_eq!(failed, 150);
            black_box(failed)
        })
    });
    g.bench_function("load_file", |b| {
        b.iter(|| {
            for p in &paths {
                black_box(review::load_file(p, &forms).unwrap());
            }
        })
    });
    let loaded: Vec<_> = paths
        .iter()
        .map(|p| review::load_file(p, &forms).unwrap())
        .collect();
    g.bench_function("check_received", |b| {
        b.iter(|| {
            for rf in &loaded {
                black_box(review::check_received(rf, &opts));
            }
        })
    });
    g.finish();

    let bin = Path::new(env!("CARGO_BIN_EXE_tianbiao"));
    let dir = root().join("target/bench-check");
    let mut g = c.benchmark_group("cli");
    g.sample_size(10);
    g.bench_function("check_dir", |b| {
        b.iter(|| {
            let status = Command::new(bin)
                .arg("check")
                .arg(&dir)
                .env("TIANBIAO_DATA_DIR", &dir)
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status()
                .unwrap();
            assert_eq!(status.code(), Some(1));
        })
    });
    g.finish();
}

criterion_group!(benches, bench_check);
criterion_main!(benches);
