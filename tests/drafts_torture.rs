//! Kill -9 torture: a child process saves versions of growing size (up to
//! about 2.5 MB of UTF-8 Chinese text) in a loop and is killed with SIGKILL at random moments, at
//! least 200 times. The moment is drawn uniformly inside a save (after letting a save finish
//! now and then), using the save times the child reported for that size, so kills land while
//! serializing, writing, syncing and renaming, whatever the machine's speed. After every kill the draft must parse and be exactly the last version the
//! child reported saved or the one it was saving; the backup must parse and be the previous
//! version (or the same one); temp files left by a kill are cleaned by the next start.
//!
//! `TB_TORTURE_KILLS` raises the number of kills; `TB_TORTURE_SEED` repeats a run.

mod drafts_common;
use drafts_common as common;

use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::sync::mpsc;
use std::time::Duration;

use common::*;
use tianbiao::draft::{self, Draft, OpenMode, OpenNote};
use tianbiao::form::Value;

/// How many paragraphs version `k` holds: grows (cubically) from 1 to 13,501 (~2.5 MB) over each
/// cycle of 16 versions.
fn paragraphs(k: u64) -> usize {
    let j = (k % 16) as usize;
    1 + j * j * j * 4
}

/// The one answer that differs between versions: `v{k}:` then Chinese text (a paragraph rotated
/// by `k`, repeated; built by copying, so checking it is cheap even in a debug build).
fn text_of(k: u64) -> String {
    let p: Vec<char> = PARAGRAPH.chars().collect();
    let r = k as usize % p.len();
    let rotated: String = p[r..].iter().chain(&p[..r]).collect();
    format!("v{k}:{}", rotated.repeat(paragraphs(k)))
}

const PARAGRAPH: &str = "本场景面向城市交通管理，构建了“感知—分析—决策”一体化的AI视频智能分析平台，接入5G摄像头12000路，识别准确率达到98.5%以上。";

fn version_in(d: &Draft) -> u64 {
    let t = d.answers.text("intro");
    t.strip_prefix('v')
        .and_then(|r| r.split(':').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or(0)
}

/// Not a test: the saving child (does nothing in a normal run).
#[test]
fn child_process_entry() {
    if child_mode().as_deref() != Some("torture") {
        return;
    }
    let p = std::path::PathBuf::from(std::env::var("TB_DRAFT").unwrap());
    let form = flagship();
    let mut o = draft::open_or_create(&p, &form, "torture", OpenMode::Normal).unwrap();
    let removed: usize = o
        .notes
        .iter()
        .map(|n| match n {
            OpenNote::TempFilesRemoved { files } => files.len(),
            _ => 0,
        })
        .sum();
    let mut k = version_in(&o.draft);
    let mut out = std::io::stdout().lock();
    writeln!(out, "@@start {k} {removed}").unwrap();
    out.flush().unwrap();
    loop {
        k += 1;
        o.draft.answers.set("intro", Value::Text(text_of(k)));
        let t = std::time::Instant::now();
        o.session.save(&o.draft).unwrap();
        writeln!(out, "@@saved {k} {}", t.elapsed().as_micros()).unwrap();
        out.flush().unwrap();
    }
}

fn temp_files(dir: &Path) -> usize {
    names(dir).iter().filter(|n| n.starts_with('.')).count()
}

fn read_version(p: &Path) -> (u64, Draft) {
    let text = std::fs::read_to_string(p).unwrap_or_else(|e| panic!("{p:?}: {e}"));
    let d = Draft::from_ron(&text).unwrap_or_else(|e| panic!("{p:?} does not parse: {e}"));
    let k = version_in(&d);
    assert_eq!(
        d.answers.text("intro"),
        text_of(k),
        "{p:?}: content of v{k}"
    );
    (k, d)
}

#[test]
fn kill_9_at_random_moments_never_loses_or_damages_a_draft() {
    if child_mode().is_some() {
        return;
    }
    let kills: usize = std::env::var("TB_TORTURE_KILLS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(200)
        .max(200);
    let seed: u64 = std::env::var("TB_TORTURE_SEED")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap()
                .as_nanos() as u64
        });
    eprintln!("kill -9 torture: {kills} kills, TB_TORTURE_SEED={seed}");
    let mut rng = Rng::new(seed);
    let tmp = tempfile::tempdir().unwrap();
    let p = tmp.path().join("torture.ron");
    let bak = tmp.path().join("torture.ron.bak");
    let mut interrupted_writes = 0;
    let mut cleaned = 0;
    let mut max_bytes = 0u64;
    let mut last_k = 0u64;
    // The last save time (µs) the child reported for each size class (0: not seen yet).
    let mut save_micros = [0.0f64; 16];
    for i in 0..kills {
        let mut child = spawn_child(
            "child_process_entry",
            "torture",
            &[("TB_DRAFT", p.to_str().unwrap())],
        );
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = mpsc::channel();
        let reader = std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if let Some(l) = line.strip_prefix("@@") {
                    let _ = tx.send(l.to_string());
                }
            }
        });
        let start = rx
            .recv_timeout(Duration::from_secs(30))
            .unwrap_or_else(|_| panic!("kill {i}: the child did not start"));
        let mut parts = start.split(' ').skip(1);
        let k0: u64 = parts.next().unwrap().parse().unwrap();
        cleaned += parts.next().unwrap().parse::<usize>().unwrap();
        assert_eq!(
            k0, last_k,
            "kill {i}: the child resumed from another version"
        );
        // Let a save finish now and then (a third of the time), then kill somewhere inside the
        // next one.
        let mut reported = k0;
        let record = |line: &str, seen: &mut [f64; 16]| -> Option<u64> {
            let mut f = line.strip_prefix("saved ")?.split(' ');
            let k: u64 = f.next()?.parse().ok()?;
            seen[(k % 16) as usize] = f.next()?.parse().ok()?;
            Some(k)
        };
        if rng.below(3) == 0 {
            let line = rx
                .recv_timeout(Duration::from_secs(60))
                .unwrap_or_else(|_| panic!("kill {i}: no save finished"));
            reported = record(&line, &mut save_micros).unwrap();
        }
        let next = ((reported + 1) % 16) as usize;
        let expected = if save_micros[next] > 0.0 {
            save_micros[next]
        } else {
            // Until this size was seen: a guess (fixed cost + debug-build serializing).
            5_000.0 + 50.0 * paragraphs(reported + 1) as f64
        };
        std::thread::sleep(Duration::from_micros(rng.below(expected as u64 + 1)));
        child.kill().unwrap();
        child.wait().unwrap();
        reader.join().unwrap();
        for line in rx.try_iter() {
            if let Some(k) = record(&line, &mut save_micros) {
                reported = reported.max(k);
            }
        }
        if temp_files(tmp.path()) > 0 {
            interrupted_writes += 1;
        }
        if !p.exists() {
            // Killed before the very first save finished: nothing was promised yet.
            assert_eq!(reported, 0, "kill {i}: the draft vanished");
            continue;
        }
        let (kd, _) = read_version(&p);
        assert!(
            kd == reported || kd == reported + 1,
            "kill {i}: draft is v{kd}, the child had reported v{reported} saved"
        );
        if bak.exists() {
            let (kb, _) = read_version(&bak);
            assert!(
                kb + 1 == kd || kb == kd,
                "kill {i}: backup is v{kb}, draft is v{kd}"
            );
        } else {
            assert!(kd <= 1, "kill {i}: no backup after v{kd}");
        }
        max_bytes = max_bytes.max(std::fs::metadata(&p).unwrap().len());
        last_k = kd;
    }
    // The next start cleans what the last kill left.
    let o = draft::open(&p, &flagship(), OpenMode::Normal).unwrap();
    assert_eq!(version_in(&o.draft), last_k);
    drop(o);
    assert_eq!(temp_files(tmp.path()), 0, "{:?}", names(tmp.path()));
    eprintln!(
        "{kills} kills: reached v{last_k}, largest draft {max_bytes} bytes, \
         {interrupted_writes} kills interrupted a write, {cleaned} temp files cleaned at start"
    );
    assert!(
        last_k > 16,
        "the drafts never grew through a whole size cycle"
    );
    assert!(max_bytes > 2_000_000, "the drafts never reached a few MB");
    assert!(
        interrupted_writes > 0,
        "no kill ever interrupted a write: the test did not test"
    );
}
