//! Bytes sent to the terminal per typed CJK character (live counter included), measured through
//! a real pseudo-terminal: the cost of every keystroke over a slow SSH link.
//! Peers found on PATH (nano, vim) are measured the same way for comparison.
//!
//! Run: `cargo bench --bench pty_bytes` (builds the release binary first).

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

const TEXT: &str = "智慧港口场景聚焦先导区特色行业领域紧密结合人工智能物联网等新一代信息技术通过对传统码头进行自动化运输精细化管理智能化安监等智能应用改造全面提升生产运营自动化智能化水平树立行业标杆";

/// Starts `argv` in an 80×24 pty; returns a writer fd, the shared output buffer and the child.
struct Session {
    out: Arc<Mutex<Vec<u8>>>,
    fd: i32,
    child: Box<dyn portable_pty::Child + Send + Sync>,
    stop: Arc<AtomicBool>,
    _master: Box<dyn portable_pty::MasterPty + Send>,
}

fn start(argv: &[&str], env: &[(&str, &Path)], cwd: &Path) -> Session {
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
    cmd.cwd(cwd);
    for (k, v) in env {
        cmd.env(k, v);
    }
    let child = pair.slave.spawn_command(cmd).unwrap();
    drop(pair.slave);
    let out = Arc::new(Mutex::new(Vec::new()));
    let stop = Arc::new(AtomicBool::new(false));
    // SAFETY: dup of a descriptor we own.
    let rfd = unsafe { libc::dup(pair.master.as_raw_fd().unwrap()) };
    {
        let out = out.clone();
        let stop = stop.clone();
        std::thread::spawn(move || {
            let mut buf = [0u8; 65536];
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
                // SAFETY: our buffer, our descriptor.
                let n = unsafe { libc::read(rfd, buf.as_mut_ptr().cast(), buf.len()) };
                if n <= 0 {
                    break;
                }
                out.lock().unwrap().extend_from_slice(&buf[..n as usize]);
            }
            // SAFETY: closing our own descriptor.
            unsafe { libc::close(rfd) };
        });
    }
    // SAFETY: dup of a descriptor we own.
    let fd = unsafe { libc::dup(pair.master.as_raw_fd().unwrap()) };
    Session {
        out,
        fd,
        child,
        stop,
        _master: pair.master,
    }
}

impl Session {
    fn send(&self, b: &[u8]) {
        // SAFETY: writing a live slice to our descriptor.
        unsafe { libc::write(self.fd, b.as_ptr().cast(), b.len()) };
    }
    fn len(&self) -> usize {
        self.out.lock().unwrap().len()
    }
    /// Waits until output has been quiet for `quiet`.
    fn settle(&self, quiet: Duration) {
        let mut last = self.len();
        let mut since = Instant::now();
        let deadline = Instant::now() + Duration::from_secs(5);
        while Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(5));
            let n = self.len();
            if n != last {
                last = n;
                since = Instant::now();
            } else if since.elapsed() >= quiet {
                return;
            }
        }
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        let _ = self.child.kill();
        // SAFETY: closing our own descriptor.
        unsafe { libc::close(self.fd) };
    }
}

/// Types TEXT one character at a time, letting the program answer each; returns the bytes it
/// wrote per character (median, mean).
fn measure(s: &Session) -> (usize, f64) {
    let mut per = Vec::new();
    for c in TEXT.chars() {
        let before = s.len();
        let mut b = [0u8; 4];
        s.send(c.encode_utf8(&mut b).as_bytes());
        s.settle(Duration::from_millis(60));
        per.push(s.len() - before);
    }
    let mean = per.iter().sum::<usize>() as f64 / per.len() as f64;
    per.sort_unstable();
    (per[per.len() / 2], mean)
}

fn which(name: &str) -> Option<PathBuf> {
    std::env::var_os("PATH")?
        .to_str()?
        .split(':')
        .map(|d| Path::new(d).join(name))
        .find(|p| p.is_file())
}

fn main() {
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let bin = env!("CARGO_BIN_EXE_tianbiao");
    let draft = dir.path().join("d.ron");
    let s = start(
        &[bin, "fill", "--draft", draft.to_str().unwrap()],
        &[("TIANBIAO_DATA_DIR", dir.path())],
        dir.path(),
    );
    s.settle(Duration::from_millis(300));
    let startup = s.len();
    // To (一) 场景简介, a limited long text: the counter changes with every character.
    s.send(b"\x1b[6~\x1b[6~");
    s.settle(Duration::from_millis(300));
    let (median, mean) = measure(&s);
    println!(
        "tianbiao: first screen {startup} bytes; per typed CJK character: median {median} bytes, mean {mean:.1} bytes ({} characters)",
        TEXT.chars().count()
    );
    drop(s);
    for peer in ["nano", "vim"] {
        let Some(path) = which(peer) else {
            println!("{peer}: not installed");
            continue;
        };
        let file = dir.path().join(format!("{peer}.txt"));
        let p = path.to_str().unwrap().to_string();
        let args: Vec<&str> = if peer == "vim" {
            vec![
                &p,
                "-u",
                "NONE",
                "-N",
                "-i",
                "NONE",
                "-c",
                "startinsert",
                file.to_str().unwrap(),
            ]
        } else {
            vec![&p, "--ignorercfiles", file.to_str().unwrap()]
        };
        let s = start(&args, &[], dir.path());
        s.settle(Duration::from_millis(500));
        let (median, mean) = measure(&s);
        println!("{peer}: per typed CJK character: median {median} bytes, mean {mean:.1} bytes");
    }
}
