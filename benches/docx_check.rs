//! `check` over received Word documents: 1,000 filled templates of about 15 KB each, and one
//! document carrying 50 MB of photos (stored, as Word stores JPEGs), which must cost no more
//! than a small one because images are never read.
//!
//! Run: `cargo bench --bench docx_check`. It writes the documents once into
//! `target/bench-docx/` (variations of `tests/fixtures/docx/typed.docx` with longer, varied
//! section texts), then measures over all 1,000 files:
//! - `docx/check_path`: read + match + validate + report, what `tianbiao check` does per file;
//! - `docx/photos_50mb`: the same for the one document with 50 MB of photos;
//! - `cli/check_dir`: the release binary, `tianbiao check target/bench-docx/many`.
//!
//! Memory of the photo document, by hand:
//! `/usr/bin/time -v target/release/tianbiao check target/bench-docx/photos.docx` (maximum
//! resident set size).

use std::hint::black_box;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use criterion::{Criterion, criterion_group, criterion_main};
use tianbiao::review::{self, CheckOptions, FormSet};
use zip::write::SimpleFileOptions;

const N: usize = 1000;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The entries of the base fixture.
fn base_entries() -> Vec<(String, Vec<u8>)> {
    let bytes = std::fs::read(root().join("tests/fixtures/docx/typed.docx")).unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    (0..zip.len())
        .map(|i| {
            let mut f = zip.by_index(i).unwrap();
            let mut data = Vec::new();
            f.read_to_end(&mut data).unwrap();
            (f.name().to_string(), data)
        })
        .collect()
}

/// A paragraph of varied Chinese text (a cheap generator: no two files compress alike).
fn varied_paragraph(seed: &mut u64, chars: usize) -> String {
    let mut s = String::from("<w:p><w:r><w:t>");
    for _ in 0..chars {
        *seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let c = char::from_u32(0x4E00 + ((*seed >> 33) % 2000) as u32).unwrap();
        s.push(c);
    }
    s.push_str("。</w:t></w:r></w:p>");
    s
}

fn write_docx(path: &Path, entries: &[(String, Vec<u8>)], extra_xml: &str, photos: usize) {
    let f = std::fs::File::create(path).unwrap();
    let mut z = zip::ZipWriter::new(f);
    let deflate = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    let stored = SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Stored)
        .large_file(false);
    for (name, data) in entries {
        z.start_file(name.as_str(), deflate).unwrap();
        if name == "word/document.xml" {
            let xml = String::from_utf8(data.clone()).unwrap();
            // Longer texts inside (二), before its caption.
            let at = xml
                .find("<w:p w:rsidR=\"00C4D5E6\"><w:pPr></w:pPr><w:r><w:drawing>")
                .unwrap_or(xml.len() / 2);
            z.write_all(&xml.as_bytes()[..at]).unwrap();
            z.write_all(extra_xml.as_bytes()).unwrap();
            z.write_all(&xml.as_bytes()[at..]).unwrap();
        } else {
            z.write_all(data).unwrap();
        }
    }
    let mut seed = 7u64;
    for i in 0..photos {
        z.start_file(format!("word/media/photo{i}.jpg"), stored)
            .unwrap();
        let mut chunk = vec![0u8; 1024 * 1024];
        for b in chunk.iter_mut() {
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1);
            *b = (seed >> 56) as u8;
        }
        z.write_all(&chunk).unwrap();
    }
    z.finish().unwrap();
}

/// Writes the corpus once: 1,000 documents and the photo document.
fn corpus() -> (Vec<PathBuf>, PathBuf) {
    let dir = root().join("target/bench-docx");
    let many = dir.join("many");
    std::fs::create_dir_all(&many).unwrap();
    let entries = base_entries();
    let mut paths = Vec::with_capacity(N);
    for i in 0..N {
        let path = many.join(format!("{i:04}.docx"));
        paths.push(path.clone());
        if path.exists() {
            continue;
        }
        let mut seed = i as u64 + 1;
        let extra: String = (0..3).map(|_| varied_paragraph(&mut seed, 120)).collect();
        write_docx(&path, &entries, &extra, 0);
    }
    let photos = dir.join("photos.docx");
    if !photos.exists() {
        write_docx(&photos, &entries, "", 50);
    }
    (paths, photos)
}

fn bench(c: &mut Criterion) {
    let (paths, photos) = corpus();
    let forms = FormSet::builtin();
    let opts = CheckOptions::default();
    let mut g = c.benchmark_group("docx");
    g.sample_size(10);
    g.bench_function("check_path", |b| {
        b.iter(|| {
            let mut readable = 0;
            for p in &paths {
                let r = review::check_path(p, &forms, &opts);
                if r.result.is_ok() {
                    readable += 1;
                }
            }
            assert_eq!(readable, N);
            black_box(readable)
        })
    });
    g.bench_function("photos_50mb", |b| {
        b.iter(|| {
            let r = review::check_path(&photos, &forms, &opts);
            assert!(r.result.is_ok());
            black_box(r)
        })
    });
    g.finish();
    let bin = root().join("target/release/tianbiao");
    if bin.is_file() {
        let mut g = c.benchmark_group("cli");
        g.sample_size(10);
        g.bench_function("check_dir", |b| {
            b.iter(|| {
                let status = Command::new(&bin)
                    .arg("check")
                    .arg(root().join("target/bench-docx/many"))
                    .stdout(Stdio::null())
                    .stderr(Stdio::null())
                    .status()
                    .unwrap();
                black_box(status)
            })
        });
        g.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
