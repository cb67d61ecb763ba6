//! The accessible line mode end to end (the real binary in a
//! pseudo-terminal): `TERM=dumb` and `--plain` give lines, never escape
//! sequences; typed lines are the notes, saved; `/` lines are commands.
//! And the full screen's colours follow `--color` and `CLICOLOR`.

use crate::support::pty::{self, BIN, EXIT, Term};
use std::time::{Duration, Instant};

const FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/minimal.yaml");

/// Waits until the program has written `text` (anywhere in its output,
/// scrolled off or not); returns everything written so far.
fn wait_out(t: &Term, text: &str) -> String {
    let start = Instant::now();
    loop {
        let out = String::from_utf8_lossy(&t.raw_output()).into_owned();
        if out.contains(text) {
            return out;
        }
        assert!(
            start.elapsed() < pty::SCREEN,
            "timed out waiting for {text:?}; output:\n{out}"
        );
        std::thread::sleep(Duration::from_millis(30));
    }
}

/// The stored call's JSON export.
fn export(data: &str) -> serde_json::Value {
    let out = std::process::Command::new(BIN)
        .args([
            "--data-dir",
            data,
            "calls",
            "export",
            "last",
            "--format",
            "json",
        ])
        .env(
            "CALLCOACH_CONFIG",
            "/nonexistent/callcoach-test/config.yaml",
        )
        .output()
        .expect("export runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("json")
}

fn call_args<'a>(data: &'a str, lang: &'a str) -> Vec<&'a str> {
    vec![
        "--data-dir",
        data,
        "call",
        "--lang",
        lang,
        "--playbook",
        FIXTURE,
        "--customer",
        "K-1",
    ]
}

#[test]
fn term_dumb_gives_line_mode_and_the_notes_are_stored() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().to_str().expect("utf-8");
    let mut t = Term::spawn_env(&call_args(data, "nl"), &[("TERM", "dumb")], 100, 30);
    wait_out(&t, "Fase 1 van 6: Listen");
    wait_out(&t, "1. open, verplicht: Let the customer finish");
    t.send("klant boos over de jas\r");
    t.send("/volgende\r");
    wait_out(
        &t,
        "Verplichte punten staan nog open: Let the customer finish",
    );
    t.send("/vink 1\r");
    wait_out(&t, "Afgevinkt: Let the customer finish");
    t.send("/volgende\r");
    wait_out(&t, "Fase 2 van 6: Acknowledge");
    // A cue in a note ticks its item, and it is announced.
    t.send("ik zei: i understand\r");
    wait_out(
        &t,
        "Automatisch afgevinkt (uit je notities): Say you understand",
    );
    t.send("//8 uur gewacht\r");
    t.send("/afspraak wij | nieuwe jas sturen | 2026-12-01\r");
    wait_out(
        &t,
        "Afspraak vastgelegd: wij: nieuwe jas sturen (2026-12-01)",
    );
    t.send("/bestaatniet\r");
    wait_out(&t, "Geen opdracht: /bestaatniet");
    t.send("/einde\r");
    let out = wait_out(&t, "Het gesprek is beëindigd");
    assert!(out.contains("Samenvatting:"), "{out}");
    t.send("\x04");
    let status = t.wait_status(EXIT).expect("Ctrl-D ends line mode");
    assert!(status.success(), "{status:?}");
    let raw = t.raw_output();
    assert!(
        !raw.contains(&0x1b),
        "escape sequences in line mode:\n{:?}",
        String::from_utf8_lossy(&raw)
    );
    let call = export(data);
    assert_eq!(
        call["summary"]["notes"],
        "klant boos over de jas\nik zei: i understand\n/8 uur gewacht"
    );
    assert!(call["call"]["ended_at"].is_string(), "{call}");
    assert_eq!(
        call["summary"]["agreements"][0]["what"],
        "nieuwe jas sturen"
    );
}

#[test]
fn plain_on_a_colour_terminal_gives_lines_and_ctrl_d_keeps_the_call_open() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().to_str().expect("utf-8");
    let mut args = call_args(data, "en");
    args.push("--plain");
    let mut t = Term::spawn_env(
        &args,
        &[
            ("TERM", "xterm-256color"),
            ("NO_COLOR", ""),
            ("CLICOLOR_FORCE", "1"),
        ],
        100,
        30,
    );
    wait_out(&t, "Stage 1 of 6: Listen");
    t.send("first line\r");
    t.send("second line\r");
    // Ctrl-Z: the clocks stop and the process stops until it is continued.
    t.send("\x1a");
    let start = Instant::now();
    while !stopped(t.pid()) {
        assert!(
            start.elapsed() < pty::SCREEN,
            "Ctrl-Z does not stop line mode"
        );
        std::thread::sleep(Duration::from_millis(30));
    }
    t.signal(libc::SIGCONT);
    t.send("/help\r");
    wait_out(&t, "/tick N — tick item N");
    t.send("/next\r");
    wait_out(&t, "Type /skip to move on anyway");
    t.send("/skip\r");
    wait_out(&t, "Stage 2 of 6: Acknowledge");
    // Ctrl-D at the prompt: saved, the call stays open to resume.
    t.send("\x04");
    let status = t.wait_status(EXIT).expect("Ctrl-D ends line mode");
    assert!(status.success(), "{status:?}");
    let out = String::from_utf8_lossy(&t.raw_output()).into_owned();
    assert!(out.contains("Call saved and still open"), "{out}");
    assert!(!out.contains('\x1b'), "escape sequences:\n{out:?}");
    let call = export(data);
    assert_eq!(call["summary"]["notes"], "first line\nsecond line");
    assert!(call["call"]["ended_at"].is_null(), "{call}");
    assert_eq!(call["summary"]["stage"], "acknowledge");
    let kinds: Vec<&str> = call["events"]
        .as_array()
        .expect("events")
        .iter()
        .filter_map(|e| e["type"].as_str())
        .collect();
    let paused = kinds
        .iter()
        .position(|k| *k == "paused")
        .expect("Ctrl-Z paused");
    assert_eq!(kinds.get(paused + 1), Some(&"resumed"), "{kinds:?}");

    // Next time the open call is offered as lines; only /resume, /new or
    // /quit answer, a note typed too early asks again.
    let mut t = Term::spawn_env(&args, &[("TERM", "xterm-256color")], 100, 30);
    wait_out(&t, "Type /resume");
    t.send("third line\r");
    let start = Instant::now();
    while String::from_utf8_lossy(&t.raw_output())
        .matches("Type /resume")
        .count()
        < 2
    {
        assert!(
            start.elapsed() < pty::SCREEN,
            "the question is not asked again"
        );
        std::thread::sleep(Duration::from_millis(30));
    }
    t.send("/resume\r");
    wait_out(&t, "Stage 2 of 6: Acknowledge");
    t.send("third line\r");
    t.send("/end\r");
    wait_out(&t, "The call has ended");
    t.send("\x04");
    assert!(t.wait_status(EXIT).expect("ends").success());
    assert!(!t.raw_output().contains(&0x1b));
    let call = export(data);
    assert_eq!(
        call["summary"]["notes"],
        "first line\nsecond line\nthird line"
    );
    assert!(call["call"]["ended_at"].is_string(), "{call}");
}

/// True when process `pid` is stopped (state `T` in /proc).
fn stopped(pid: i32) -> bool {
    std::fs::read_to_string(format!("/proc/{pid}/stat"))
        .ok()
        .and_then(|s| s.rsplit_once(") ").map(|(_, rest)| rest.starts_with('T')))
        .unwrap_or(false)
}

/// Colour codes crossterm writes for the call screen's named colours.
fn coloured(raw: &[u8]) -> bool {
    let text = String::from_utf8_lossy(raw);
    text.contains("[38;5;") || text.contains("[38;2;")
}

/// The call screen's bytes under `env` and extra global options, after
/// the screen showed.
fn call_screen(global: &[&str], env: &[(&str, &str)]) -> Vec<u8> {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().to_str().expect("utf-8");
    let mut args: Vec<&str> = global.to_vec();
    args.extend(call_args(data, "en"));
    let mut t = Term::spawn_env(&args, env, 120, 40);
    t.wait_for("Notes");
    t.wait_stable(Duration::from_millis(300), Duration::from_secs(5));
    t.send(pty::keys::CTRL_Q);
    t.wait_status(EXIT).expect("Ctrl-Q quits");
    t.raw_output()
}

#[test]
fn the_call_screen_follows_color_and_clicolor() {
    let tty = [("TERM", "xterm-256color"), ("NO_COLOR", "")];
    assert!(
        coloured(&call_screen(&[], &tty)),
        "auto on a colour terminal"
    );
    assert!(
        !coloured(&call_screen(&["--color", "never"], &tty)),
        "--color never"
    );
    assert!(
        !coloured(&call_screen(&[], &[tty[0], tty[1], ("CLICOLOR", "0")])),
        "CLICOLOR=0"
    );
    assert!(
        coloured(&call_screen(
            &["--color", "always"],
            &[tty[0], ("NO_COLOR", "1")]
        )),
        "--color always wins over NO_COLOR"
    );
    assert!(
        !coloured(&call_screen(&[], &[tty[0], ("NO_COLOR", "1")])),
        "NO_COLOR"
    );
}

/// A call in line mode shows in the team's live view like one on the full
/// screen (the same status sender), and leaves it when it ends.
#[test]
fn a_line_mode_call_sends_its_live_status() {
    use crate::support::pg;
    let db = pg::team_db();
    let ann = db.role("ann_plain", "callcoach_agent");
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().to_str().expect("utf-8");
    let mut args = call_args(data, "en");
    args[8] = "K-PLAIN-LIVE";
    args.push("--plain");
    let url = db.url_as(&ann);
    let mut t = Term::spawn_env(&args, &[("CALLCOACH_TEAM_URL", &url)], 100, 30);
    wait_out(&t, "Stage 1 of 6: Listen");
    let rows = |db: &pg::Db| -> i64 {
        db.admin()
            .query_one(
                "SELECT count(*) FROM callcoach.live_calls AS r WHERE r::text LIKE '%K-PLAIN-LIVE%'",
                &[],
            )
            .expect("query")
            .get(0)
    };
    let until = Instant::now() + Duration::from_secs(10);
    while rows(&db) == 0 {
        assert!(Instant::now() < until, "the live status never arrived");
        std::thread::sleep(Duration::from_millis(50));
    }
    t.send("/end\r");
    wait_out(&t, "The call has ended");
    let until = Instant::now() + Duration::from_secs(10);
    while rows(&db) != 0 {
        assert!(
            Instant::now() < until,
            "the ended call stays in the live view"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    t.send("\x04");
    assert!(t.wait_status(EXIT).expect("ends").success());
}
