//! The real binary in a pseudo-terminal: a whole call from listen to the
//! summary, and a closed terminal (SIGHUP) ending the process promptly.

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_callcoach");
const FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/minimal.yaml");

/// The binary running in a pseudo-terminal, with its screen parsed by vt100.
struct Term {
    child: Box<dyn Child + Send + Sync>,
    _master: Box<dyn MasterPty + Send>,
    writer: Box<dyn Write + Send>,
    screen: Arc<Mutex<vt100::Parser>>,
}

impl Term {
    fn spawn(args: &[&str], cols: u16, rows: u16) -> Term {
        let pty = native_pty_system();
        let pair = pty
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
        cmd.env_remove("CALLCOACH_AGENT");
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

    /// Waits until the screen shows `text` (fails after 30 s, printing the screen).
    fn wait_for(&self, text: &str) -> String {
        let start = Instant::now();
        loop {
            let c = self.contents();
            if c.contains(text) {
                return c;
            }
            assert!(
                start.elapsed() < Duration::from_secs(30),
                "timed out waiting for {text:?}; screen:\n{c}"
            );
            std::thread::sleep(Duration::from_millis(30));
        }
    }

    fn send(&mut self, bytes: &str) {
        self.writer.write_all(bytes.as_bytes()).expect("write");
        self.writer.flush().expect("flush");
        // Let the key arrive as its own read, so Esc sequences are not merged.
        std::thread::sleep(Duration::from_millis(60));
    }

    fn pid(&self) -> i32 {
        self.child.process_id().map_or(0, |p| p as i32)
    }

    fn wait_exit(&mut self, limit: Duration) -> Option<Duration> {
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
        let _ = self.child.kill();
    }
}

const F2: &str = "\x1bOQ";
const F3: &str = "\x1bOR";
const F5: &str = "\x1b[15~";
const F7: &str = "\x1b[18~";
const F10: &str = "\x1b[21~";
const ALT1: &str = "\x1b1";
const ENTER: &str = "\r";

#[test]
fn a_whole_call_from_listen_to_the_summary() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().to_str().expect("utf-8 path");
    let mut t = Term::spawn(
        &[
            "--data-dir",
            data,
            "call",
            "--lang",
            "nl",
            "--playbook",
            FIXTURE,
            "--customer",
            "K-77",
            "--agent",
            "Eva",
        ],
        120,
        50,
    );
    let screen = t.wait_for("Notities");
    for stage in [
        "Listen",
        "Acknowledge",
        "Ask",
        "Agree solution",
        "Record agreements",
        "Follow up",
    ] {
        assert!(screen.contains(stage), "stage {stage} missing:\n{screen}");
    }
    // Notes with markers; accents type as text.
    t.send("Klant boos over de jas, één week oud.\r! jas kapot na één week\rA: wij | nieuwe jas sturen | 2026-12-01\r");
    t.wait_for("nieuwe jas sturen — 2026-12-01 (notitie)");

    // listen → acknowledge (tick the required item first).
    t.send(ALT1);
    t.wait_for("[x] ! Let the customer finish");
    t.send(F3);
    t.wait_for("▶ 2. Acknowledge");
    // The customer flares up: back to listen, counted.
    t.send(F5);
    t.wait_for("▶ 1. Listen");
    t.send(ALT1);
    t.wait_for("[x] ! Let the customer finish");
    t.send(F3);
    t.wait_for("▶ 2. Acknowledge");
    t.send(ALT1);
    t.wait_for("[x] ! Say you understand");
    t.send(F3);
    t.wait_for("▶ 3. Ask");
    // Required item open: confirm the override with one key.
    t.send(F3);
    t.wait_for("Verplichte punten staan nog open");
    t.send(ENTER);
    t.wait_for("▶ 4. Agree solution");
    t.send(F3);
    t.wait_for("▶ 5. Record agreements");
    // An agreement from the form as well.
    t.send(F7);
    t.wait_for("Afspraak vastleggen");
    t.send("bon opsturen");
    t.send(ENTER);
    t.wait_for("1. wij: bon opsturen");
    t.send(ALT1);
    t.send(F3);
    let screen = t.wait_for("Checklist — Follow up");
    assert!(
        screen.contains("✗ 3. Ask"),
        "skipped stage marked:\n{screen}"
    );
    // F2 goes back, F3 forward again.
    t.send(F2);
    t.wait_for("▶ 5. Record agreements");
    t.send(F3);
    t.wait_for("Checklist — Follow up");

    t.send(F10);
    let summary = t.wait_for("Samenvatting van het gesprek");
    assert!(summary.contains("! jas kapot na één week"), "{summary}");
    assert!(summary.contains("Escalaties: 1"), "{summary}");
    assert!(summary.contains("overgeslagen: Summarise"), "{summary}");
    // Scroll to the e-mail draft: both agreements are in it.
    let mut screen = t.contents();
    for _ in 0..6 {
        if screen.contains("Kind regards") {
            break;
        }
        t.send("\x1b[6~");
        screen = t.contents();
    }
    let email_part = screen
        .split("Onderwerp: Our agreements")
        .nth(1)
        .unwrap_or_else(|| panic!("no e-mail draft on screen:\n{screen}"))
        .to_owned();
    assert!(email_part.contains("- wij: bon opsturen"), "{screen}");
    assert!(email_part.contains("- wij: nieuwe jas sturen"), "{screen}");

    // Finish: the process ends and the call is stored as ended.
    t.send(ENTER);
    assert!(
        t.wait_exit(Duration::from_secs(30)).is_some(),
        "did not exit"
    );
    let out = std::process::Command::new(BIN)
        .args(["--data-dir", data, "calls", "list"])
        .output()
        .expect("calls list");
    let listed = String::from_utf8_lossy(&out.stdout);
    assert!(listed.contains("K-77"), "{listed}");
}

fn cpu_ticks(pid: i32) -> Option<u64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // Fields after the command name (which is in parentheses).
    let rest = stat.rsplit_once(')')?.1;
    let f: Vec<&str> = rest.split_whitespace().collect();
    Some(f.get(11)?.parse::<u64>().ok()? + f.get(12)?.parse::<u64>().ok()?)
}

#[test]
fn sighup_saves_and_exits_promptly_without_spinning() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().to_str().expect("utf-8 path");
    let args = [
        "--data-dir",
        data,
        "call",
        "--lang",
        "nl",
        "--playbook",
        FIXTURE,
        "--customer",
        "K-88",
    ];
    let mut t = Term::spawn(&args, 100, 30);
    t.wait_for("Notities");
    t.send("woord-voor-woord");
    t.wait_for("woord-voor-woord");
    // The last keys and the hang-up arrive together: they are kept too.
    t.writer.write_all(b"-bewaard").expect("write");
    t.writer.flush().expect("flush");
    let pid = t.pid();
    assert!(pid > 0);
    let before = cpu_ticks(pid).expect("stat readable");
    // SAFETY: sending a signal to our own child process.
    unsafe { libc::kill(pid, libc::SIGHUP) };
    // Generous for a loaded test machine; a program that spins or hangs
    // after the hang-up never exits.
    let took = t.wait_exit(Duration::from_secs(30));
    if took.is_none() {
        let after = cpu_ticks(pid).unwrap_or(before);
        panic!("still running 30 s after SIGHUP (cpu ticks {before} → {after})");
    }
    // Restarting resumes the call with the notes (saved on the way out).
    let mut t2 = Term::spawn(&["--data-dir", data], 100, 30);
    let screen = t2.wait_for("woord-voor-woord-bewaard");
    assert!(screen.contains("K-88"), "{screen}");
    t2.send("\x11");
    assert!(t2.wait_exit(Duration::from_secs(30)).is_some());
}
