//! Keystroke → update → render on a `TestBackend` at 80×24, with a 10,000-character section
//! being edited, and with 1,500 (a real section) and none. Reports p50/p99/max per keystroke,
//! as wall time and as the thread's own CPU time: on a shared machine the wall p99 is mostly
//! the time the scheduler gave to others, the CPU p99 is the keystroke's own work.
//! Run: `cargo bench --bench keystroke`.

use std::time::{Duration, Instant};

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use tianbiao::draft::Draft;
use tianbiao::form::{self, Value};
use tianbiao::lang::Lang;
use tianbiao::theme::Styles;
use tianbiao::tui::action::Action;
use tianbiao::tui::app::App;
use tianbiao::tui::update::{action_for_key, update};
use tianbiao::tui::view;

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i]
}

/// CPU time this thread has used (not counting time it waited for a processor).
fn thread_cpu() -> Duration {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: one valid timespec for the kernel to fill.
    unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    Duration::new(ts.tv_sec as u64, ts.tv_nsec as u32)
}

fn report(label: &str, what: &str, mut samples: Vec<Duration>) {
    samples.sort();
    println!(
        "{label:<44} {what:<4} p50 {:>7.3} ms   p99 {:>7.3} ms   max {:>7.3} ms",
        percentile(&samples, 0.5).as_secs_f64() * 1e3,
        percentile(&samples, 0.99).as_secs_f64() * 1e3,
        samples.last().unwrap().as_secs_f64() * 1e3,
    );
}

fn run(label: &str, chars: usize, over_limit: bool) {
    let f = form::builtin("ai-scenario").unwrap().unwrap();
    let mut d = Draft::new(&f, "bench", "2026-11-25T20:00:00+08:00");
    // Paragraphs of mixed Chinese, digits and English, like a real section pasted from Word.
    let para =
        "智慧港口场景聚焦先导区特色行业领域，结合AI视频智能分析平台，降低20%的整体运营成本。";
    let mut text = String::new();
    while text.chars().count() < chars {
        text.push_str(para);
        if text.chars().count() % 400 < para.chars().count() {
            text.push('\n');
        }
    }
    let text: String = text.chars().take(chars).collect();
    let id = if over_limit { "effect" } else { "intro" };
    d.answers.set(id, Value::Text(text));
    let mut app = App::new(f, d, Lang::Zh, false, "bench".into());
    let styles = Styles::default_theme();
    let mut term = Terminal::new(TestBackend::new(80, 24)).unwrap();
    let now = Instant::now();
    // Focus the section.
    while app.focused().id != id {
        let a = action_for_key(&app, KeyEvent::new(KeyCode::Tab, KeyModifiers::NONE)).unwrap();
        update(&mut app, a, now);
    }
    term.draw(|fr| view::draw(fr, &app, &styles)).unwrap();
    let keys: Vec<KeyEvent> = "人工智能技术赋能传统港口智能升级"
        .chars()
        .map(|c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE))
        .collect();
    let mut samples = Vec::new();
    let mut cpu = Vec::new();
    // Type a character, then delete it: every sample sees a section of the same size.
    for i in 0..4000 {
        let key = if i % 2 == 1 {
            KeyEvent::new(KeyCode::Backspace, KeyModifiers::NONE)
        } else {
            keys[(i / 2) % keys.len()]
        };
        let c0 = thread_cpu();
        let t0 = Instant::now();
        let a = action_for_key(&app, key).unwrap_or(Action::Tick);
        let _ = update(&mut app, a, now);
        term.draw(|fr| view::draw(fr, &app, &styles)).unwrap();
        samples.push(t0.elapsed());
        cpu.push(thread_cpu().saturating_sub(c0));
    }
    report(label, "wall", samples);
    report(label, "cpu", cpu);
}

fn main() {
    // `cargo test --benches` runs benches with --bench absent: keep that quick.
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    if std::env::var_os("ONLY_EMPTY").is_some() {
        run("typing into an empty section", 0, false);
        return;
    }
    run("typing at the end, 10,000 chars", 10_000, false);
    run(
        "typing, 10,000 chars, over the limit (marked)",
        10_000,
        true,
    );
    run("typing, 1,000 chars", 1_000, false);
    run("typing, 1,500 chars (a real 500-字 section)", 1_500, false);
    run("typing into an empty section", 0, false);
}
