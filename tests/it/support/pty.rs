//! The real `callcoach` binary in a pseudo-terminal, its screen parsed by
//! vt100: the one harness of every end-to-end test (call, practice,
//! durability). Include it with `#[path = "support/pty.rs"] mod pty;`.
#![allow(dead_code)]

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};
use std::io::Write;
use std::os::fd::FromRawFd;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// The binary under test.
pub const BIN: &str = env!("CARGO_BIN_EXE_callcoach");

/// How long the screen may take to show something on a loaded machine.
pub const SCREEN: Duration = Duration::from_secs(30);

/// How long the program may take to exit (after a key, a signal or a
/// hang-up) on a loaded machine; one that hangs or spins never does.
pub const EXIT: Duration = Duration::from_secs(30);

/// Function and Alt keys as an xterm sends them.
pub mod keys {
    /// F2.
    pub const F2: &str = "\x1bOQ";
    /// F3.
    pub const F3: &str = "\x1bOR";
    /// F5.
    pub const F5: &str = "\x1b[15~";
    /// F7.
    pub const F7: &str = "\x1b[18~";
    /// F10.
    pub const F10: &str = "\x1b[21~";
    /// F12.
    pub const F12: &str = "\x1b[24~";
    /// Alt-1 (Esc then 1).
    pub const ALT1: &str = "\x1b1";
    /// Enter.
    pub const ENTER: &str = "\r";
    /// Page down.
    pub const PGDN: &str = "\x1b[6~";
    /// Ctrl-Q.
    pub const CTRL_Q: &str = "\x11";
    /// Alt-c.
    pub const ALT_C: &str = "\x1bc";
}

/// The binary running in a pseudo-terminal.
pub struct Term {
    master: Option<Box<dyn MasterPty + Send>>,
    /// Keystrokes go through our own descriptor of the master, not
    /// portable-pty's writer: dropping that one types `\n` and EOF into
    /// the terminal (for programs in line mode), and to a raw-mode program
    /// those are the keys Ctrl-J and Ctrl-D, which edit the notes — a real
    /// terminal that goes away types nothing.
    writer: Option<std::fs::File>,
    child: Box<dyn Child + Send + Sync>,
    screen: Arc<Mutex<vt100::Parser>>,
    /// Every byte the program wrote (escape sequences included).
    raw: Arc<Mutex<Vec<u8>>>,
    stop: Arc<AtomicBool>,
    reader: Option<JoinHandle<()>>,
    pid: i32,
}

impl Term {
    /// Starts `callcoach ARGS` in a `cols`×`rows` terminal, with a clean
    /// environment for it (no colours, UTF-8, no data directory or agent
    /// name from the environment of the test run).
    pub fn spawn(args: &[&str], cols: u16, rows: u16) -> Term {
        Term::spawn_env(args, &[], cols, rows)
    }

    /// Like [`Term::spawn`] with extra environment variables (set after the
    /// clean-up, so they win). The settings file is a path that does not
    /// exist unless `CALLCOACH_CONFIG` is among them, and the retention
    /// policy is off unless `CALLCOACH_RETENTION` is (stored test calls
    /// have fixed dates that age).
    pub fn spawn_env(args: &[&str], env: &[(&str, &str)], cols: u16, rows: u16) -> Term {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("openpty");
        let mut cmd = CommandBuilder::new(BIN);
        cmd.args(args);
        cmd.env("TERM", "xterm-256color");
        cmd.env("NO_COLOR", "1");
        cmd.env("LANG", "C.UTF-8");
        cmd.env_remove("CALLCOACH_DATA_DIR");
        cmd.env_remove("CALLCOACH_AGENT");
        cmd.env_remove("CALLCOACH_LANG");
        cmd.env(
            "CALLCOACH_CONFIG",
            "/nonexistent/callcoach-test/config.yaml",
        );
        cmd.env("CALLCOACH_RETENTION", "off");
        for (k, v) in env {
            cmd.env(k, v);
        }
        let child = pair.slave.spawn_command(cmd).expect("spawn");
        drop(pair.slave);
        let pid = child.process_id().map_or(0, |p| p as i32);
        let master_fd = pair.master.as_raw_fd().expect("master fd");
        // SAFETY: a fresh duplicate of the master, owned by the File from here on.
        let writer = unsafe { std::fs::File::from_raw_fd(libc::dup(master_fd)) };
        let screen = Arc::new(Mutex::new(vt100::Parser::new(
            std::num::NonZeroU16::new(rows).expect("rows"),
            std::num::NonZeroU16::new(cols).expect("cols"),
            0,
        )));
        let stop = Arc::new(AtomicBool::new(false));
        let raw = Arc::new(Mutex::new(Vec::new()));
        // Our own descriptor too, so closing the terminal is in our hands.
        // SAFETY: duplicating a descriptor we hold; the thread closes it.
        let fd = unsafe { libc::dup(master_fd) };
        let reader = {
            let (screen, stop, raw) = (screen.clone(), stop.clone(), raw.clone());
            std::thread::spawn(move || {
                let mut buf = [0u8; 8192];
                while !stop.load(Ordering::Relaxed) {
                    let mut p = libc::pollfd {
                        fd,
                        events: libc::POLLIN,
                        revents: 0,
                    };
                    // SAFETY: polling and reading our own descriptor into our buffer.
                    if unsafe { libc::poll(&mut p, 1, 50) } <= 0 {
                        continue;
                    }
                    let n = unsafe { libc::read(fd, buf.as_mut_ptr().cast(), buf.len()) };
                    if n <= 0 {
                        std::thread::sleep(Duration::from_millis(20));
                        continue;
                    }
                    if let Ok(mut s) = screen.lock() {
                        s.process(&buf[..n as usize]);
                    }
                    if let Ok(mut r) = raw.lock() {
                        r.extend_from_slice(&buf[..n as usize]);
                    }
                }
                // SAFETY: the descriptor dup'ed for this thread, closed once.
                unsafe { libc::close(fd) };
            })
        };
        Term {
            master: Some(pair.master),
            writer: Some(writer),
            child,
            screen,
            raw,
            stop,
            reader: Some(reader),
            pid,
        }
    }

    /// The screen's text now.
    pub fn contents(&self) -> String {
        self.screen
            .lock()
            .map(|p| p.screen().contents())
            .unwrap_or_default()
    }

    /// Waits until the screen shows `text` and returns the screen; fails
    /// the test after [`SCREEN`], printing what the screen showed.
    pub fn wait_for(&self, text: &str) -> String {
        let start = Instant::now();
        loop {
            let c = self.contents();
            if c.contains(text) {
                return c;
            }
            assert!(
                start.elapsed() < SCREEN,
                "timed out waiting for {text:?}; screen:\n{c}"
            );
            std::thread::sleep(Duration::from_millis(30));
        }
    }

    /// True when the screen shows `text` within `timeout`.
    pub fn shows_within(&self, text: &str, timeout: Duration) -> bool {
        let end = Instant::now() + timeout;
        while Instant::now() < end {
            if self.contents().contains(text) {
                return true;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        false
    }

    /// Waits until the screen has not changed for `quiet` (at most `timeout`).
    pub fn wait_stable(&self, quiet: Duration, timeout: Duration) {
        let end = Instant::now() + timeout;
        let mut last = self.contents();
        let mut since = Instant::now();
        while Instant::now() < end {
            std::thread::sleep(Duration::from_millis(50));
            let now = self.contents();
            if now != last {
                last = now;
                since = Instant::now();
            } else if since.elapsed() >= quiet {
                return;
            }
        }
    }

    /// Types `keys` as one write, then pauses so the next key arrives as
    /// its own read (Esc sequences are not merged).
    pub fn send(&mut self, keys: &str) {
        self.send_bytes(keys.as_bytes());
        std::thread::sleep(Duration::from_millis(60));
    }

    /// Writes `bytes` to the terminal at once, without pausing.
    pub fn send_bytes(&mut self, bytes: &[u8]) {
        let w = self.writer.as_mut().expect("terminal still open");
        w.write_all(bytes).expect("write");
        w.flush().expect("flush");
    }

    /// The process id of the program.
    pub fn pid(&self) -> i32 {
        self.pid
    }

    /// Sends signal `sig` to the program.
    pub fn signal(&self, sig: i32) {
        // SAFETY: sending a signal to our own child process.
        unsafe { libc::kill(self.pid, sig) };
    }

    /// Closes every master descriptor: the terminal is gone.
    pub fn close_pty(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(r) = self.reader.take() {
            let _ = r.join();
        }
        self.writer = None;
        self.master = None;
    }

    /// Every byte the program wrote so far, escape sequences included.
    pub fn raw_output(&self) -> Vec<u8> {
        self.raw.lock().map(|r| r.clone()).unwrap_or_default()
    }

    /// Waits at most `limit` for the program to end; returns its exit
    /// code, or `None` when it did not end (or was killed by a signal:
    /// portable-pty reports that as code 1 with the signal's name).
    pub fn wait_status(&mut self, limit: Duration) -> Option<portable_pty::ExitStatus> {
        let start = Instant::now();
        while start.elapsed() < limit {
            if let Ok(Some(st)) = self.child.try_wait() {
                return Some(st);
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        None
    }

    /// Waits at most `limit` for the program to end; returns how long it took.
    pub fn wait_exit(&mut self, limit: Duration) -> Option<Duration> {
        let start = Instant::now();
        while start.elapsed() < limit {
            if let Ok(Some(_)) = self.child.try_wait() {
                return Some(start.elapsed());
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        None
    }
}

impl Drop for Term {
    fn drop(&mut self) {
        if !matches!(self.child.try_wait(), Ok(Some(_))) {
            self.signal(libc::SIGKILL);
            let _ = self.child.wait();
        }
        self.close_pty();
    }
}
