//! The editor as a slow link and an old machine see it, beside the programs a user would pick
//! instead (GNU nano for text, dialog for terminal forms), in one run on one machine, each in a
//! real 80×24 pseudo-terminal:
//!
//! - bytes written per typed CJK character in a long-text field with its counter visible;
//! - the same for an IME-style commit of 2–4 characters at once;
//! - time from start to the first complete screen (the last byte before output goes quiet);
//! - peak memory (VmHWM) and CPU used while idle for 10 s;
//! - the release binary's size;
//! - a simulated 9,600 bit/s link (the terminal side drains 1,200 bytes/s) while 100 CJK
//!   characters are typed at 10 per second: how many bytes are still queued on the link after
//!   each keystroke and when typing stops (the backlog, beside one keystroke's frame), what
//!   came after the stop, and whether every character arrived.
//!
//! Run: `cargo bench --bench terminal` (builds the release binary first; to measure the binary
//! `cargo build --release` ships, add `TIANBIAO_BIN=target/release/tianbiao`). Peers that are not
//! installed are skipped with a note (`apt-get install nano dialog`). The terminal side answers
//! the start-up queries (cursor position, background colour, device attributes) the way xterm
//! does, so no program waits for an answer that a real terminal would give at once.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

/// The notice's example for (一) 场景简介, as typed.
const TEXT: &str = "智慧港口场景聚焦先导区特色行业领域紧密结合人工智能物联网等新一代信息技术通过对传统码头进行自动化运输精细化管理智能化安监等智能应用改造全面提升生产运营自动化智能化水平树立行业标杆";

struct Session {
    out: Arc<Mutex<Vec<u8>>>,
    /// When each chunk of output arrived.
    stamps: Arc<Mutex<Vec<(Instant, usize)>>>,
    fd: i32,
    pid: u32,
    start: Instant,
    child: Box<dyn portable_pty::Child + Send + Sync>,
    stop: Arc<AtomicBool>,
    _master: Box<dyn portable_pty::MasterPty + Send>,
}

/// Starts `argv` in an 80×24 pty. `drain`: bytes per second the terminal side reads (a slow
/// link), or `None` for as fast as it comes.
fn start(argv: &[&str], env: &[(&str, &Path)], cwd: &Path, drain: Option<usize>) -> Session {
    let pair = native_pty_system()
        .openpty(PtySize {
            rows: 24,
            cols: 80,
            pixel_width: 0,
            pixel_height: 0,
        })
        .unwrap();
    let mut cmd = CommandBuilder::new(argv[0]);
    cmd.args(&argv[1..]);
    cmd.env("TERM", "xterm-256color");
    cmd.env("LANG", "C.UTF-8");
    cmd.env_remove("NO_COLOR");
    cmd.cwd(cwd);
    for (k, v) in env {
        cmd.env(k, v);
    }
    let begin = Instant::now();
    let child = pair.slave.spawn_command(cmd).unwrap();
    let pid = child.process_id().unwrap_or(0);
    drop(pair.slave);
    let out = Arc::new(Mutex::new(Vec::new()));
    let stamps = Arc::new(Mutex::new(Vec::new()));
    let stop = Arc::new(AtomicBool::new(false));
    // SAFETY: dup of a descriptor we own.
    let rfd = unsafe { libc::dup(pair.master.as_raw_fd().unwrap()) };
    // SAFETY: dup of a descriptor we own.
    let fd = unsafe { libc::dup(pair.master.as_raw_fd().unwrap()) };
    {
        let out = out.clone();
        let stamps = stamps.clone();
        let stop = stop.clone();
        std::thread::spawn(move || {
            let mut buf = vec![0u8; 65536];
            let mut answered = 0usize;
            let tick = Duration::from_millis(10);
            while !stop.load(Ordering::SeqCst) {
                let mut p = libc::pollfd {
                    fd: rfd,
                    events: libc::POLLIN,
                    revents: 0,
                };
                // SAFETY: one valid pollfd.
                if unsafe { libc::poll(&mut p, 1, 20) } <= 0 {
                    continue;
                }
                let want = match drain {
                    Some(rate) => (rate / 100).max(1),
                    None => buf.len(),
                };
                // SAFETY: our buffer, our descriptor.
                let n = unsafe { libc::read(rfd, buf.as_mut_ptr().cast(), want) };
                if n <= 0 {
                    break;
                }
                let now = Instant::now();
                let mut o = out.lock().unwrap();
                o.extend_from_slice(&buf[..n as usize]);
                stamps.lock().unwrap().push((now, o.len()));
                // Answer start-up queries as xterm would (narrow, black, VT220-ish).
                let text = &o[answered..];
                let mut replies: Vec<u8> = Vec::new();
                let q6n = count(text, b"\x1b[6n");
                let qda = count(text, b"\x1b[c");
                let q11 = count(text, b"\x1b]11;?");
                for _ in 0..q11 {
                    replies.extend_from_slice(b"\x1b]11;rgb:0000/0000/0000\x1b\\");
                }
                for _ in 0..q6n {
                    replies.extend_from_slice(b"\x1b[1;2R");
                }
                for _ in 0..qda {
                    replies.extend_from_slice(b"\x1b[?62;22c");
                }
                if q6n + qda + q11 > 0 {
                    answered = o.len();
                    // SAFETY: writing our own buffer to our descriptor.
                    unsafe { libc::write(fd, replies.as_ptr().cast(), replies.len()) };
                }
                drop(o);
                if drain.is_some() {
                    std::thread::sleep(tick);
                }
            }
            // SAFETY: closing our own descriptor.
            unsafe { libc::close(rfd) };
        });
    }
    Session {
        out,
        stamps,
        fd,
        pid,
        start: begin,
        child,
        stop,
        _master: pair.master,
    }
}

fn count(hay: &[u8], needle: &[u8]) -> usize {
    hay.windows(needle.len()).filter(|w| *w == needle).count()
}

impl Session {
    fn send(&self, b: &[u8]) {
        // SAFETY: writing a live slice to our descriptor.
        unsafe { libc::write(self.fd, b.as_ptr().cast(), b.len()) };
    }
    fn len(&self) -> usize {
        self.out.lock().unwrap().len()
    }
    /// Waits until output has been quiet for `quiet` (at most 10 s).
    fn settle(&self, quiet: Duration) {
        let mut last = self.len();
        let mut since = Instant::now();
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(2));
            let n = self.len();
            if n != last {
                last = n;
                since = Instant::now();
            } else if since.elapsed() >= quiet {
                return;
            }
        }
    }
    /// When the last byte so far arrived, from the start.
    fn last_byte_at(&self) -> Duration {
        self.stamps
            .lock()
            .unwrap()
            .last()
            .map_or(Duration::ZERO, |(t, _)| t.duration_since(self.start))
    }
    fn status_kb(&self, key: &str) -> Option<u64> {
        let s = std::fs::read_to_string(format!("/proc/{}/status", self.pid)).ok()?;
        let line = s.lines().find(|l| l.starts_with(key))?;
        line.split_whitespace().nth(1)?.parse().ok()
    }
    /// User + system CPU time used so far, in clock ticks.
    fn cpu_ticks(&self) -> Option<u64> {
        let s = std::fs::read_to_string(format!("/proc/{}/stat", self.pid)).ok()?;
        let rest = &s[s.rfind(')')? + 2..];
        let f: Vec<&str> = rest.split_whitespace().collect();
        Some(f.get(11)?.parse::<u64>().ok()? + f.get(12)?.parse::<u64>().ok()?)
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        let _ = self.child.kill();
        let _ = self.child.wait();
        // SAFETY: closing our own descriptor.
        unsafe { libc::close(self.fd) };
    }
}

fn median(mut v: Vec<f64>) -> f64 {
    if v.is_empty() {
        return f64::NAN;
    }
    v.sort_by(|a, b| a.partial_cmp(b).unwrap());
    v[v.len() / 2]
}

/// Types TEXT one character at a time, letting the program answer each; bytes per character.
fn per_char(s: &Session) -> Vec<f64> {
    let mut per = Vec::new();
    for c in TEXT.chars() {
        let before = s.len();
        let mut b = [0u8; 4];
        s.send(c.encode_utf8(&mut b).as_bytes());
        s.settle(Duration::from_millis(60));
        per.push((s.len() - before) as f64);
    }
    per
}

/// Commits of 2, 3 and 4 characters at once (what an IME sends); bytes per commit.
fn per_commit(s: &Session) -> Vec<f64> {
    let chars: Vec<char> = TEXT.chars().collect();
    let mut per = Vec::new();
    let mut i = 0;
    let mut k = 2;
    while i + k <= chars.len() {
        let chunk: String = chars[i..i + k].iter().collect();
        let before = s.len();
        s.send(chunk.as_bytes());
        s.settle(Duration::from_millis(60));
        per.push((s.len() - before) as f64);
        i += k;
        k = if k == 4 { 2 } else { k + 1 };
    }
    per
}

fn which(name: &str) -> Option<PathBuf> {
    std::env::var_os("PATH")?
        .to_str()?
        .split(':')
        .map(|d| Path::new(d).join(name))
        .find(|p| p.is_file())
}

#[derive(Default)]
struct Figures {
    per_char: f64,
    per_commit: f64,
    first_screen_ms: f64,
    first_screen_bytes: usize,
    rss_kb: u64,
    idle_cpu_pct: f64,
}

/// A program under test: how to start it fresh in `dir`, and the keys that bring it to a
/// long-text field ready for typing.
struct Program {
    name: &'static str,
    argv: Vec<String>,
    env: Vec<(&'static str, PathBuf)>,
    to_field: &'static [u8],
}

fn spawn(p: &Program, dir: &Path, drain: Option<usize>) -> Session {
    let argv: Vec<&str> = p.argv.iter().map(String::as_str).collect();
    let env: Vec<(&str, &Path)> = p.env.iter().map(|(k, v)| (*k, v.as_path())).collect();
    start(&argv, &env, dir, drain)
}

fn measure(p: &Program, dir: &Path, idle: bool) -> Figures {
    let mut f = Figures::default();
    // Start-up, median of 7 fresh starts.
    let mut starts = Vec::new();
    for run in 0..7 {
        let d = dir.join(format!("start-{}-{run}", p.name));
        std::fs::create_dir_all(&d).unwrap();
        let prog = fresh_program(p, &d);
        let s = spawn(&prog, &d, None);
        s.settle(Duration::from_millis(300));
        starts.push(s.last_byte_at().as_secs_f64() * 1000.0);
        f.first_screen_bytes = s.len();
    }
    f.first_screen_ms = median(starts);
    // Typing.
    let d = dir.join(format!("type-{}", p.name));
    std::fs::create_dir_all(&d).unwrap();
    let prog = fresh_program(p, &d);
    let s = spawn(&prog, &d, None);
    s.settle(Duration::from_millis(300));
    s.send(prog.to_field);
    s.settle(Duration::from_millis(300));
    f.per_char = median(per_char(&s));
    f.per_commit = median(per_commit(&s));
    if idle {
        let before = s.cpu_ticks();
        let t = Instant::now();
        std::thread::sleep(Duration::from_secs(10));
        let after = s.cpu_ticks();
        // SAFETY: sysconf has no memory effects.
        let hz = unsafe { libc::sysconf(libc::_SC_CLK_TCK) } as f64;
        if let (Some(a), Some(b)) = (before, after) {
            f.idle_cpu_pct = (b - a) as f64 / hz / t.elapsed().as_secs_f64() * 100.0;
        }
    }
    f.rss_kb = s.status_kb("VmHWM:").unwrap_or(0);
    f
}

/// The same program with its files in `dir`.
fn fresh_program(p: &Program, dir: &Path) -> Program {
    let argv = p
        .argv
        .iter()
        .map(|a| a.replace("{DIR}", &dir.display().to_string()))
        .collect();
    let env = p.env.iter().map(|(k, _)| (*k, dir.to_path_buf())).collect();
    Program {
        name: p.name,
        argv,
        env,
        to_field: p.to_field,
    }
}

/// The slow link: 100 characters at 10 per second through a 1,200 bytes/s terminal side.
/// What the slow link showed: bytes that came after typing stopped, how long they took, whether
/// every character arrived, and the most bytes written but not yet read by the terminal side
/// (queued on the link) after any keystroke, and when typing stopped.
struct Slow {
    after_stop: usize,
    catch_up_ms: f64,
    all_there: bool,
    queued_max: usize,
    queued_at_stop: usize,
}

/// Bytes the program wrote that the terminal side has not read yet.
fn queued(fd: i32) -> usize {
    let mut n: libc::c_int = 0;
    // SAFETY: FIONREAD writes one int.
    if unsafe { libc::ioctl(fd, libc::FIONREAD, &mut n) } < 0 {
        return 0;
    }
    n.max(0) as usize
}

fn slow_link(p: &Program, dir: &Path) -> Slow {
    let d = dir.join(format!("slow-{}", p.name));
    std::fs::create_dir_all(&d).unwrap();
    let prog = fresh_program(p, &d);
    let s = spawn(&prog, &d, Some(1200));
    s.settle(Duration::from_millis(1500));
    s.send(prog.to_field);
    s.settle(Duration::from_millis(1500));
    let text: Vec<char> = TEXT.chars().cycle().take(100).collect();
    let written = Arc::new(AtomicUsize::new(0));
    let mut queued_max = 0;
    for c in &text {
        let mut b = [0u8; 4];
        s.send(c.encode_utf8(&mut b).as_bytes());
        written.fetch_add(1, Ordering::SeqCst);
        std::thread::sleep(Duration::from_millis(100));
        queued_max = queued_max.max(queued(s.fd));
    }
    let stopped = Instant::now();
    let queued_at_stop = queued(s.fd);
    let at_stop = s.len();
    s.settle(Duration::from_millis(1500));
    let behind_bytes = s.len() - at_stop;
    let caught_up = s
        .last_byte_at()
        .saturating_sub(stopped.duration_since(s.start));
    let typed: String = text.iter().collect();
    // Every character arrived. tianbiao: its autosaved draft holds all of them in order (its
    // pane wraps the text between borders, so the screen's rows do not join into it). The
    // peers: the screen ends with the last characters typed.
    let all_there = if p.name == "tianbiao" {
        let draft = d.join("d.ron");
        let deadline = Instant::now() + Duration::from_secs(5);
        loop {
            let text = std::fs::read_to_string(&draft).unwrap_or_default();
            if text.contains(&typed) || Instant::now() > deadline {
                break text.contains(&typed);
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    } else {
        let out = s.out.lock().unwrap().clone();
        let mut parser = vt100::Parser::new(24, 80, 0);
        parser.process(&out);
        let screen: String = parser.screen().contents().split_whitespace().collect();
        let tail: String = text[text.len() - 12..].iter().collect();
        screen.contains(&tail)
    };
    Slow {
        after_stop: behind_bytes,
        catch_up_ms: caught_up.as_secs_f64() * 1000.0,
        all_there,
        queued_max,
        queued_at_stop,
    }
}

fn main() {
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    // The bench build carries the dev-dependencies' features (regex's Unicode tables and
    // engines among them); `TIANBIAO_BIN=target/release/tianbiao` measures the shipped binary.
    let bin_path =
        std::env::var("TIANBIAO_BIN").unwrap_or_else(|_| env!("CARGO_BIN_EXE_tianbiao").into());
    let bin = bin_path.as_str();
    let ours = Program {
        name: "tianbiao",
        argv: vec![
            bin.into(),
            "fill".into(),
            "--draft".into(),
            "{DIR}/d.ron".into(),
        ],
        env: vec![("TIANBIAO_DATA_DIR", PathBuf::new())],
        // To (一) 场景简介, a limited long text: the counter changes with every character.
        to_field: b"\x1b[6~\x1b[6~",
    };
    let mut peers = Vec::new();
    match which("nano") {
        Some(p) => peers.push(Program {
            name: "nano",
            argv: vec![
                p.display().to_string(),
                "--ignorercfiles".into(),
                "{DIR}/nano.txt".into(),
            ],
            env: vec![],
            to_field: b"",
        }),
        None => println!("nano: not installed, skipped (apt-get install nano)"),
    }
    match which("dialog") {
        Some(p) => {
            peers.push(Program {
                name: "dialog",
                argv: vec![
                    p.display().to_string(),
                    "--editbox".into(),
                    "{DIR}/dialog.txt".into(),
                    "20".into(),
                    "70".into(),
                ],
                env: vec![],
                to_field: b"",
            });
        }
        None => println!("dialog: not installed, skipped (apt-get install dialog)"),
    }
    for p in &peers {
        if p.name == "dialog" {
            // dialog reads the file it edits: it must exist.
            for sub in std::iter::once("type-dialog".to_string())
                .chain((0..7).map(|r| format!("start-dialog-{r}")))
                .chain(std::iter::once("slow-dialog".to_string()))
            {
                let d = dir.path().join(sub);
                std::fs::create_dir_all(&d).unwrap();
                std::fs::write(d.join("dialog.txt"), "").unwrap();
            }
        }
    }
    let size = std::fs::metadata(bin).map(|m| m.len()).unwrap_or(0);
    println!(
        "machine: {} cores, {}",
        std::thread::available_parallelism().map_or(0, |n| n.get()),
        std::fs::read_to_string("/proc/cpuinfo")
            .ok()
            .and_then(
                |s| s.lines().find(|l| l.starts_with("model name")).map(|l| l
                    .split(':')
                    .nth(1)
                    .unwrap_or("")
                    .trim()
                    .to_string())
            )
            .unwrap_or_default()
    );
    let mut all = vec![(ours.name, measure(&ours, dir.path(), true), size)];
    for p in &peers {
        let sz = std::fs::metadata(&p.argv[0]).map(|m| m.len()).unwrap_or(0);
        all.push((p.name, measure(p, dir.path(), true), sz));
    }
    println!();
    println!(
        "| program | bytes/typed char | bytes/2–4-char commit | first screen | first screen bytes | peak RSS | idle CPU (10 s) | binary |"
    );
    println!("|---|---|---|---|---|---|---|---|");
    for (name, f, sz) in &all {
        println!(
            "| {name} | {:.0} | {:.0} | {:.1} ms | {} | {:.1} MB | {:.2} % | {:.2} MB |",
            f.per_char,
            f.per_commit,
            f.first_screen_ms,
            f.first_screen_bytes,
            f.rss_kb as f64 / 1024.0,
            f.idle_cpu_pct,
            *sz as f64 / 1_000_000.0
        );
    }
    let ours_f = &all[0].1;
    if let Some((_, nano, _)) = all.iter().find(|(n, _, _)| *n == "nano") {
        println!();
        println!("ratios to nano (target):");
        println!(
            "  bytes per typed character: {:.2}× (≤ 1.5×)",
            ours_f.per_char / nano.per_char
        );
        println!(
            "  bytes per IME commit:      {:.2}×",
            ours_f.per_commit / nano.per_commit
        );
        println!(
            "  first complete screen:     {:.2}× (≤ 1×)",
            ours_f.first_screen_ms / nano.first_screen_ms
        );
        println!(
            "  peak RSS:                  {:.2}× (≤ 1.5×)",
            ours_f.rss_kb as f64 / nano.rss_kb as f64
        );
    }
    if let Some((_, dlg, _)) = all.iter().find(|(n, _, _)| *n == "dialog") {
        println!(
            "ratios to dialog: bytes/char {:.2}×, first screen {:.2}×, RSS {:.2}×",
            ours_f.per_char / dlg.per_char,
            ours_f.first_screen_ms / dlg.first_screen_ms,
            ours_f.rss_kb as f64 / dlg.rss_kb as f64
        );
    }
    println!(
        "binary: {:.2} MB (target < 5 MB); idle CPU {:.2} % (target < 1 %)",
        size as f64 / 1_000_000.0,
        ours_f.idle_cpu_pct
    );
    println!();
    println!("9,600 bit/s link (1,200 bytes/s), 100 characters at 10/s:");
    let mut slow = vec![(ours.name, slow_link(&ours, dir.path()))];
    for p in &peers {
        slow.push((p.name, slow_link(p, dir.path())));
    }
    for (name, r) in slow {
        println!(
            "  {name}: {} bytes came after typing stopped ({:.0} ms to catch up); every character arrived: {}",
            r.after_stop,
            r.catch_up_ms,
            if r.all_there { "yes" } else { "NO" }
        );
        // Behind means written but not yet through the link; what comes later is new output
        // (counters catching up when typing pauses, the autosave's status).
        let frame = all
            .iter()
            .find(|(n, _, _)| *n == name)
            .map_or(f64::NAN, |(_, f, _)| f.per_char);
        println!(
            "    queued on the link: at most {} bytes after any keystroke, {} when typing stopped (one keystroke's frame: {frame:.0} bytes)",
            r.queued_max, r.queued_at_stop
        );
    }
}
