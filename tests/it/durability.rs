//! Durability end to end: the real binary in a pseudo-terminal, a unique
//! phrase typed into the notes, then the process is killed (SIGKILL),
//! hung up (SIGHUP) or loses its terminal, and what the store kept is
//! checked — directly and by restarting callcoach, which resumes the call.

use crate::support::store as store_support;

use crate::support::pty;

use callcoach::store::Store;
use pty::{EXIT, SCREEN};
use std::path::Path;
use std::time::{Duration, Instant};

/// The binary in a 120×40 pseudo-terminal on data directory `dir`.
fn spawn(dir: &Path, args: &[&str]) -> pty::Term {
    let dir = dir.to_str().expect("utf-8 path");
    let mut all = vec!["--data-dir", dir];
    all.extend_from_slice(args);
    pty::Term::spawn(&all, 120, 40)
}

/// A new call on a fresh screen, ready for typing into the notes.
fn start_call(dir: &Path) -> pty::Term {
    let t = spawn(
        dir,
        &["call", "--customer", "DUR-1", "--playbook", "klachtgesprek"],
    );
    assert!(
        t.shows_within("DUR-1", SCREEN),
        "screen did not open:\n{}",
        t.contents()
    );
    t.wait_stable(Duration::from_millis(300), Duration::from_secs(5));
    t
}

/// The notes of the one call in `dir`, as stored.
fn stored_notes(dir: &Path) -> String {
    let store = Store::open(dir).unwrap();
    let calls = store.calls(&Default::default()).unwrap();
    assert_eq!(calls.len(), 1, "one call expected");
    store.load_call(&calls[0].id).unwrap().notes
}

/// Restarts callcoach on `dir`: it offers the unfinished call, F2
/// resumes it, and the call screen shows `phrase`.
fn restart_shows(dir: &Path, phrase: &str) {
    let mut t = spawn(dir, &[]);
    assert!(
        t.shows_within("dit gesprek hervatten", SCREEN),
        "no resume choice:\n{}",
        t.contents()
    );
    t.send(pty::keys::F2);
    assert!(
        t.shows_within("Notities", SCREEN) && t.shows_within(phrase, SCREEN),
        "the resumed call does not show the phrase:\n{}",
        t.contents()
    );
    t.signal(libc::SIGTERM);
    assert!(t.wait_exit(EXIT).is_some(), "no exit on SIGTERM");
}

fn type_slowly(t: &mut pty::Term, text: &str, per_char: Duration) {
    for b in text.bytes() {
        t.send_bytes(&[b]);
        std::thread::sleep(per_char);
    }
}

fn unique(tag: &str) -> String {
    let n = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .subsec_nanos();
    format!("{tag}{n:x} rits kapot jas ruilen")
}

#[test]
fn sigkill_after_a_second_and_a_half_keeps_the_phrase() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("data");
    let mut t = start_call(&dir);
    let phrase = unique("kill");
    type_slowly(&mut t, &phrase, Duration::from_millis(15));
    // The promise is about what the program has: a second and a half after
    // the last keystroke reached it (it shows), so a slow start under load
    // does not count against it.
    assert!(t.shows_within(&phrase, SCREEN), "{}", t.contents());
    std::thread::sleep(Duration::from_millis(1500));
    t.signal(libc::SIGKILL);
    assert!(t.wait_exit(EXIT).is_some());
    drop(t);
    assert_eq!(stored_notes(&dir).trim_end(), phrase);
    restart_shows(&dir, &phrase);
}

/// A signal right after the last keystroke: everything typed is kept.
fn signal_right_after_typing_keeps_everything(sig: i32, name: &str) {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("data");
    let mut t = start_call(&dir);
    let phrase = unique(name);
    type_slowly(&mut t, &phrase, Duration::from_millis(10));
    // The moment the last keystroke shows, and no later. (Keys still in the
    // terminal's buffer when the signal lands are not read: see the report
    // on draining input at hang-up.)
    assert!(t.shows_within(&phrase, SCREEN), "{}", t.contents());
    t.signal(sig);
    assert!(t.wait_exit(EXIT).is_some(), "no exit on {name}");
    drop(t);
    assert_eq!(stored_notes(&dir).trim_end(), phrase, "after {name}");
    restart_shows(&dir, &phrase);
    // Everything a real session left in the data directory is private.
    for (p, m) in store_support::all_files(&dir) {
        assert_eq!(m, if p.is_dir() { 0o700 } else { 0o600 }, "{}", p.display());
    }
}

#[test]
fn sighup_right_after_the_last_keystroke_keeps_everything() {
    signal_right_after_typing_keeps_everything(libc::SIGHUP, "hup");
}

#[test]
fn sigterm_right_after_the_last_keystroke_keeps_everything() {
    signal_right_after_typing_keeps_everything(libc::SIGTERM, "term");
}

#[test]
fn sigint_right_after_the_last_keystroke_keeps_everything() {
    signal_right_after_typing_keeps_everything(libc::SIGINT, "int");
}

#[test]
fn closing_the_terminal_keeps_everything() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("data");
    let mut t = start_call(&dir);
    let phrase = unique("gone");
    type_slowly(&mut t, &phrase, Duration::from_millis(10));
    // Once the keystrokes reached the program, take its terminal away.
    assert!(t.shows_within(&phrase, SCREEN), "{}", t.contents());
    t.close_pty();
    assert!(
        t.wait_exit(EXIT).is_some(),
        "no exit when the terminal closed"
    );
    drop(t);
    assert_eq!(stored_notes(&dir).trim_end(), phrase);
    restart_shows(&dir, &phrase);
}

/// SIGKILL at random moments while typing: what comes back is always a
/// prefix of what was typed, missing at most about the last second.
#[test]
fn sigkill_at_random_moments_loses_at_most_the_last_second() {
    // Slack for a loaded test machine on top of the one-second promise.
    const SLACK: Duration = Duration::from_millis(300);
    let text = "de klant belt voor de derde keer over de kapotte rits van haar winterjas en wil nu echt een oplossing zien";
    for run in 0..5 {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("data");
        let mut t = start_call(&dir);
        // Replay a failure with CALLCOACH_TEST_SEED=<the seed printed>.
        let seed = std::env::var("CALLCOACH_TEST_SEED")
            .ok()
            .and_then(|s| s.parse::<u32>().ok())
            .unwrap_or_else(|| {
                std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .unwrap()
                    .subsec_nanos()
            });
        eprintln!("sigkill_at_random_moments run {run}: seed {seed}");
        // Kill somewhere between 0.3 s and 2.8 s of continuous typing (~40 chars/s).
        let kill_after = Duration::from_millis(300 + u64::from(seed % 2500));
        let start = Instant::now();
        let mut sent_at: Vec<Instant> = Vec::new();
        for b in text.bytes() {
            if start.elapsed() >= kill_after {
                break;
            }
            t.send_bytes(&[b]);
            sent_at.push(Instant::now());
            std::thread::sleep(Duration::from_millis(25));
        }
        let killed_at = Instant::now();
        t.signal(libc::SIGKILL);
        assert!(t.wait_exit(EXIT).is_some());
        drop(t);
        let typed = &text[..sent_at.len()];
        let got = {
            let store = Store::open(&dir).unwrap();
            let calls = store.calls(&Default::default()).unwrap();
            store.load_call(&calls[0].id).unwrap().notes
        };
        assert!(
            typed.starts_with(&got),
            "run {run} (seed {seed}): {got:?} is not a prefix of {typed:?}"
        );
        let must_have = sent_at
            .iter()
            .filter(|at| killed_at.duration_since(**at) > Duration::from_secs(1) + SLACK)
            .count();
        assert!(
            got.len() >= must_have,
            "run {run} (seed {seed}): kept {} of {} typed characters; {} were typed more than a second before the kill",
            got.len(),
            typed.len(),
            must_have
        );
    }
}

/// `callcoach followups open ID` reopens a stored call at `follow_up`, with
/// its agreements on screen, and records that in the call's events.
#[test]
fn followups_open_reopens_the_call_at_follow_up() {
    use callcoach::engine::EventKind;
    use callcoach::stage::StageId;
    use callcoach::store::CallSink;
    use store_support::*;
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("data");
    let id = {
        let store = Store::open(&dir).unwrap();
        let (mut rec, _) = store.start_call(&started(Some("FU-1"), T0));
        rec.append(&body(T0, "nieuwe jas sturen"));
        rec.append(&[ended(T0 + 60_000)]);
        rec.call_id().clone()
    };
    let mut t = spawn(&dir, &["followups", "open", id.as_str()]);
    assert!(
        t.shows_within("nieuwe jas sturen", SCREEN),
        "agreements not shown:\n{}",
        t.contents()
    );
    t.signal(libc::SIGTERM);
    assert!(t.wait_exit(EXIT).is_some());
    drop(t);
    let store = Store::open(&dir).unwrap();
    let call = store.load_call(&id).unwrap();
    assert!(
        call.events
            .iter()
            .any(|e| matches!(e.kind, EventKind::Reopened))
    );
    assert_eq!(call.state().unwrap().stage, StageId::FollowUp);
}
