//! Running the real binary in a pseudo-terminal and reading its screen through the `vt100`
//! terminal emulator: the end-to-end harness ("our real browser").
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

pub struct Pty {
    pub master: Box<dyn MasterPty + Send>,
    pub child: Box<dyn Child + Send + Sync>,
    /// Our own duplicate of the master for writing: portable-pty's writer sends "\n" and EOF
    /// (Ctrl-J, Ctrl-D in raw mode) when dropped, which a real hang-up never does.
    writer: Option<i32>,
    pub parser: Arc<Mutex<vt100::Parser>>,
    /// Every byte the program wrote to the terminal.
    pub raw: Arc<Mutex<Vec<u8>>>,
    pub data: PathBuf,
    stop: Arc<AtomicBool>,
    reader: Option<JoinHandle<()>>,
}

pub fn bin() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_tianbiao"))
}

fn size(cols: u16, rows: u16) -> PtySize {
    PtySize {
        rows,
        cols,
        pixel_width: 0,
        pixel_height: 0,
    }
}

impl Pty {
    /// Starts `program args` in a `cols`×`rows` terminal with a private data directory.
    pub fn spawn_cmd(program: &Path, args: &[&str], data: &Path, cols: u16, rows: u16) -> Pty {
        Pty::spawn_env(program, args, data, cols, rows, &[])
    }

    /// As `spawn_cmd`, with extra environment variables.
    pub fn spawn_env(
        program: &Path,
        args: &[&str],
        data: &Path,
        cols: u16,
        rows: u16,
        env: &[(&str, &str)],
    ) -> Pty {
        let pair = native_pty_system().openpty(size(cols, rows)).unwrap();
        let mut cmd = CommandBuilder::new(program);
        cmd.args(args);
        cmd.env("TIANBIAO_DATA_DIR", data);
        cmd.env("TERM", "xterm-256color");
        cmd.env_remove("LANG");
        cmd.env_remove("LC_ALL");
        cmd.env_remove("LC_MESSAGES");
        cmd.env_remove("NO_COLOR");
        cmd.env_remove("RUST_BACKTRACE");
        cmd.env_remove("RUST_LIB_BACKTRACE");
        cmd.cwd(data);
        for (k, v) in env {
            cmd.env(k, v);
        }
        let child = pair.slave.spawn_command(cmd).unwrap();
        drop(pair.slave);
        let parser = Arc::new(Mutex::new(vt100::Parser::new(rows, cols, 0)));
        let raw = Arc::new(Mutex::new(Vec::new()));
        // Our own duplicate of the master, read with a timeout, so that `hang_up` can close every
        // handle on the master (a blocking reader would keep the terminal alive).
        let stop = Arc::new(AtomicBool::new(false));
        // SAFETY: dup of a descriptor we own.
        let fd = unsafe { libc::dup(pair.master.as_raw_fd().unwrap()) };
        let reader = {
            let parser = parser.clone();
            let raw = raw.clone();
            let stop = stop.clone();
            std::thread::spawn(move || {
                let mut buf = [0u8; 8192];
                while !stop.load(Ordering::SeqCst) {
                    let mut p = libc::pollfd {
                        fd,
                        events: libc::POLLIN,
                        revents: 0,
                    };
                    // SAFETY: one valid pollfd.
                    if unsafe { libc::poll(&mut p, 1, 50) } <= 0 {
                        continue;
                    }
                    // SAFETY: reading into our own buffer from our own descriptor.
                    let n = unsafe { libc::read(fd, buf.as_mut_ptr().cast(), buf.len()) };
                    if n <= 0 {
                        if p.revents & libc::POLLIN == 0 {
                            std::thread::sleep(Duration::from_millis(20));
                        }
                        if n == 0 || stop.load(Ordering::SeqCst) {
                            break;
                        }
                        continue;
                    }
                    let n = n as usize;
                    parser.lock().unwrap().process(&buf[..n]);
                    raw.lock().unwrap().extend_from_slice(&buf[..n]);
                }
                // SAFETY: closing the descriptor this thread owns.
                unsafe { libc::close(fd) };
            })
        };
        // SAFETY: dup of a descriptor we own.
        let writer = unsafe { libc::dup(pair.master.as_raw_fd().unwrap()) };
        Pty {
            master: pair.master,
            child,
            writer: Some(writer),
            parser,
            raw,
            data: data.to_path_buf(),
            stop,
            reader: Some(reader),
        }
    }

    /// Starts `tianbiao args`.
    pub fn spawn(args: &[&str], data: &Path, cols: u16, rows: u16) -> Pty {
        Pty::spawn_cmd(&bin(), args, data, cols, rows)
    }

    pub fn screen(&self) -> String {
        self.parser.lock().unwrap().screen().contents()
    }

    pub fn raw_len(&self) -> usize {
        self.raw.lock().unwrap().len()
    }

    /// Waits until the screen satisfies `pred`, or fails the test with the screen shown.
    pub fn wait_for(&self, what: &str, pred: impl Fn(&str) -> bool) {
        self.wait_for_within(Duration::from_secs(30), what, pred)
    }

    /// `wait_text` for slow steps (megabytes of draft parsed and saved by a debug build).
    pub fn wait_text_within(&self, timeout: Duration, text: &str) {
        self.wait_for_within(timeout, text, |s| s.contains(text))
    }

    fn wait_for_within(&self, timeout: Duration, what: &str, pred: impl Fn(&str) -> bool) {
        let deadline = Instant::now() + timeout;
        loop {
            let s = self.screen();
            if pred(&s) {
                return;
            }
            if Instant::now() > deadline {
                panic!("timed out waiting for {what}; screen:\n{s}");
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    pub fn wait_text(&self, text: &str) {
        self.wait_for(text, |s| s.contains(text));
    }

    pub fn send(&mut self, bytes: &[u8]) {
        let fd = self.writer.expect("writer");
        let mut rest = bytes;
        while !rest.is_empty() {
            // SAFETY: writing from a live slice to our own descriptor.
            let n = unsafe { libc::write(fd, rest.as_ptr().cast(), rest.len()) };
            assert!(n > 0, "write to the pty failed");
            rest = &rest[n as usize..];
        }
    }

    fn close_writer(&mut self) {
        if let Some(fd) = self.writer.take() {
            // SAFETY: closing our own descriptor once.
            unsafe { libc::close(fd) };
        }
    }

    pub fn type_str(&mut self, s: &str) {
        // One character at a time, as an input method commits text.
        for c in s.chars() {
            let mut b = [0u8; 4];
            self.send(c.encode_utf8(&mut b).as_bytes());
        }
    }

    pub fn paste(&mut self, s: &str) {
        let mut v = b"\x1b[200~".to_vec();
        v.extend_from_slice(s.as_bytes());
        v.extend_from_slice(b"\x1b[201~");
        self.send(&v);
    }

    pub fn resize(&mut self, cols: u16, rows: u16) {
        self.parser
            .lock()
            .unwrap()
            .screen_mut()
            .set_size(rows, cols);
        self.master.resize(size(cols, rows)).unwrap();
    }

    pub fn pid(&self) -> i32 {
        self.child.process_id().unwrap() as i32
    }

    pub fn signal(&self, sig: i32) {
        // SAFETY: kill(2) on our own child.
        unsafe {
            libc::kill(self.pid(), sig);
        }
    }

    /// Waits for the program to exit; returns its exit code (signals give 128+n).
    pub fn wait_exit(&mut self, timeout: Duration) -> u32 {
        let deadline = Instant::now() + timeout;
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status.exit_code();
            }
            if Instant::now() > deadline {
                let _ = self.child.kill();
                panic!(
                    "program did not exit in {timeout:?}; screen:\n{}",
                    self.screen()
                );
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Closes our end of the terminal, as sshd does when the link drops.
    pub fn hang_up(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        if let Some(r) = self.reader.take() {
            let _ = r.join();
        }
        self.close_writer();
        let pair = native_pty_system().openpty(size(1, 1)).unwrap();
        // Replacing the master drops the old one: the last handle, so the pty hangs up.
        self.master = pair.master;
    }
}

impl Drop for Pty {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        self.close_writer();
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// The one draft file in `dir/drafts` (or the given path), as text.
pub fn draft_text(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_default()
}
