//! The form linter on forms with many problems: 10,000 and 90,000 invalid column ids, each on its
//! own line (placing a problem must not rescan the file, so time grows linearly).
//!
//! Run: `cargo bench --bench lint`. Figures in docs/benchmarks.md.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};

/// A form with `tables` tables of 100 columns whose ids are all invalid.
fn form(tables: usize) -> String {
    let mut src = String::from(
        "Form(id: \"f\", version: \"1\", title: \"t\", sections: [Section(id: \"s\", title: \"s\", fields: [\n",
    );
    for t in 0..tables {
        src.push_str(&format!(
            "  Field(id: \"t{t}\", label: \"表\", kind: Table(columns: [\n"
        ));
        for c in 0..100 {
            src.push_str(&format!(
                "    (label: \"第{c}列\", id: \"bad id {t} {c}\", kind: Text()),\n"
            ));
        }
        src.push_str("  ])),\n");
    }
    src.push_str("])])\n");
    src
}

fn lint(c: &mut Criterion) {
    let mut g = c.benchmark_group("lint");
    g.sample_size(10);
    for (name, tables) in [("10k_errors", 100), ("90k_errors", 900)] {
        let src = form(tables);
        g.bench_function(name, |b| {
            b.iter(|| {
                let errors = tianbiao::form::load_str(black_box(&src)).unwrap_err();
                assert_eq!(errors.len(), tables * 100);
            })
        });
    }
    g.finish();
}

criterion_group!(benches, lint);
criterion_main!(benches);
