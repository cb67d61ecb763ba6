//! The real binary in a pseudo-terminal: a trainee plays a scenario to its
//! end with picked and typed answers; the result is stored and reported.

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_callcoach");

struct Term {
    child: Box<dyn Child + Send + Sync>,
    _master: Box<dyn MasterPty + Send>,
    writer: Box<dyn Write + Send>,
    screen: Arc<Mutex<vt100::Parser>>,
}

impl Term {
    fn spawn(args: &[&str], cols: u16, rows: u16) -> Term {
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
        let child = pair.slave.spawn_command(cmd).expect("spawn");
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().expect("reader");
        let writer = pair.master.take_writer().expect("writer");
        let screen = Arc::new(Mutex::new(vt100::Parser::new(
            std::num::NonZeroU16::new(rows).expect("rows"),
            std::num::NonZeroU16::new(cols).expect("cols"),
            0,
        )));
        let s = Arc::clone(&screen);
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                if let Ok(mut p) = s.lock() {
                    p.process(&buf[..n]);
                }
            }
        });
        Term {
            child,
            _master: pair.master,
            writer,
            screen,
        }
    }

    fn contents(&self) -> String {
        self.screen
            .lock()
            .map(|p| p.screen().contents())
            .unwrap_or_default()
    }

    fn wait_for(&self, text: &str) -> String {
        let start = Instant::now();
        loop {
            let c = self.contents();
            if c.contains(text) {
                return c;
            }
            assert!(
                start.elapsed() < Duration::from_secs(10),
                "timed out waiting for {text:?}; screen:\n{c}"
            );
            std::thread::sleep(Duration::from_millis(30));
        }
    }

    fn send(&mut self, bytes: &str) {
        self.writer.write_all(bytes.as_bytes()).expect("write");
        self.writer.flush().expect("flush");
        std::thread::sleep(Duration::from_millis(60));
    }

    fn wait_exit(&mut self, limit: Duration) -> bool {
        let start = Instant::now();
        while start.elapsed() < limit {
            if let Ok(Some(_)) = self.child.try_wait() {
                return true;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        false
    }
}

impl Drop for Term {
    fn drop(&mut self) {
        let _ = self.child.kill();
    }
}

#[test]
fn a_trainee_plays_a_scenario_to_the_end_and_the_result_is_stored() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().to_str().expect("utf-8 path");
    let mut t = Term::spawn(
        &[
            "--data-dir",
            data,
            "practice",
            "sweat-stains",
            "--trainee",
            "Pty",
        ],
        80,
        24,
    );
    let s = t.wait_for("Jouw antwoord");
    assert!(s.contains("Stemming ███████░░░ 7/10"), "{s}");
    assert!(s.contains("▶ 1. Luisteren"), "{s}");
    t.send("2");
    t.wait_for("Zestig euro");
    // A typed reply, classified with its evidence.
    t.send("Wat vervelend, sorry!\r");
    t.wait_for("Ik wil gewoon mijn geld terug.");
    assert!(
        t.contents()
            .contains("gehoord: 'vervelend' → acknowledge, 'sorry' → acknowledge")
    );
    for (key, wait) in [
        ("3", "sollicitatiegesprek"),
        ("2", "nieuwe blouse is ook goed"),
        ("1", "graag per e-mail"),
    ] {
        t.send(key);
        t.wait_for(wait);
    }
    t.send("2");
    let s = t.wait_for("Score 100/100");
    assert!(s.contains("geslaagd"), "{s}");
    assert!(s.contains("Resultaat opgeslagen."), "{s}");
    t.send("q");
    assert!(t.wait_exit(Duration::from_secs(5)), "quits on q");

    let out = std::process::Command::new(BIN)
        .args(["--data-dir", data, "report", "--format", "csv"])
        .output()
        .expect("report runs");
    let csv = String::from_utf8_lossy(&out.stdout);
    assert!(
        csv.contains("practice,Pty,sweat-stains,,1,100,100,true,"),
        "{csv}"
    );
}

#[test]
fn a_closed_terminal_ends_the_practice_screen() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().to_str().expect("utf-8 path");
    let mut t = Term::spawn(&["--data-dir", data, "practice", "sweat-stains"], 120, 40);
    t.wait_for("Jouw antwoord");
    if let Some(pid) = t.child.process_id() {
        let _ = std::process::Command::new("kill")
            .args(["-HUP", &pid.to_string()])
            .status();
    }
    assert!(t.wait_exit(Duration::from_secs(5)), "exits on SIGHUP");
}
