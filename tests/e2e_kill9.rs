//! Kill -9 while typing: the real editor in a pty, fed one Chinese character every 20 ms into a
//! long text field, is killed with SIGKILL at a random moment. After every kill the draft file
//! (if one was due) must parse, hold a prefix of what was typed, and lack at most the last 2 s of
//! typing: autosave runs at least every second while typing goes on, off the UI thread.
//!
//! A few rounds run in `cargo test`. The full torture (the figure quoted in the README):
//!
//! ```text
//! TB_KILL9_ROUNDS=100 cargo test --test e2e_kill9 -- --nocapture
//! ```
//!
//! `TB_KILL9_SEED` repeats a run; the worst loss of the run is printed.

mod support;
use support::pty as pty_common;

use std::path::Path;
use std::time::{Duration, Instant};

use pty_common::*;

const PGDN: &[u8] = b"\x1b[6~";
const CHARS: &[char] = &['甲', '乙', '丙', '丁', '戊', '己', '庚', '辛', '壬', '癸'];
const LIMIT: Duration = Duration::from_secs(2);

/// xorshift64*: enough to spread kill moments, and repeatable from a seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    /// Uniform in `lo..hi` milliseconds.
    fn millis(&mut self, lo: u64, hi: u64) -> Duration {
        Duration::from_millis(lo + self.next() % (hi - lo))
    }
}

/// What one round lost: the time between the first character missing from the draft being typed
/// and the kill (zero when nothing was missing).
fn round(rng: &mut Rng) -> Duration {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("d.ron");
    let mut t = Pty::spawn(
        &["fill", "--draft", path.to_str().unwrap()],
        dir.path(),
        80,
        24,
    );
    t.wait_text("申报单位");
    t.send(PGDN);
    t.send(PGDN);
    t.wait_text("(一) 场景简介");
    let typing = rng.millis(300, 4000);
    // The moment each character was sent, by index.
    let mut sent: Vec<Instant> = Vec::new();
    let start = Instant::now();
    let mut i = 0;
    while start.elapsed() < typing {
        let mut b = [0u8; 4];
        t.send(CHARS[i % CHARS.len()].encode_utf8(&mut b).as_bytes());
        sent.push(Instant::now());
        i += 1;
        std::thread::sleep(Duration::from_millis(20));
    }
    t.signal(libc::SIGKILL);
    let killed = Instant::now();
    t.wait_exit(Duration::from_secs(10));
    let saved = saved_text(&path);
    let typed: String = (0..sent.len()).map(|k| CHARS[k % CHARS.len()]).collect();
    let n = saved.chars().count();
    assert!(
        typed.starts_with(&saved),
        "the draft holds text that was not typed: {saved:?}"
    );
    if n >= sent.len() {
        Duration::ZERO
    } else {
        killed.duration_since(sent[n])
    }
}

/// The text of the long field in the draft; "" when no draft was written yet. A draft that
/// exists must parse.
fn saved_text(path: &Path) -> String {
    if !path.exists() {
        return String::new();
    }
    let d = tianbiao::draft::read_draft(path)
        .unwrap_or_else(|e| panic!("the draft does not parse after kill -9: {e:?}"));
    d.answers.text("intro").to_string()
}

#[test]
fn kill_9_while_typing_loses_at_most_two_seconds() {
    let rounds: usize = std::env::var("TB_KILL9_ROUNDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(4);
    let seed: u64 = std::env::var("TB_KILL9_SEED")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap()
                .as_nanos() as u64
                | 1
        });
    let mut rng = Rng(seed);
    let mut worst = Duration::ZERO;
    for r in 0..rounds {
        let lost = round(&mut rng);
        assert!(
            lost <= LIMIT,
            "round {r} (TB_KILL9_SEED={seed}): {lost:?} of typing lost"
        );
        worst = worst.max(lost);
    }
    eprintln!("kill -9: {rounds} rounds, worst loss {worst:?} (TB_KILL9_SEED={seed})");
}
