//! Issue 10 on the command line: output errors and exit codes, erase and
//! purge naming exports written outside the data directory, a customer
//! reference with control characters, the right of access (`calls export
//! --customer`), and the retention policy with `callcoach privacy`.

use crate::support::store::*;
use callcoach::store::retention::Policy;
use callcoach::store::{Age, CallSink, Store};
use std::os::unix::process::ExitStatusExt;
use std::path::Path;
use std::process::{Command, Output, Stdio};

fn cmd(dir: &Path, args: &[&str]) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_callcoach"));
    c.arg("--data-dir")
        .arg(dir)
        .args(args)
        .env_remove("CALLCOACH_AGENT")
        .env(
            "CALLCOACH_CONFIG",
            "/nonexistent/callcoach-test/config.yaml",
        )
        .env_remove("CALLCOACH_RETENTION");
    c
}

fn run(dir: &Path, args: &[&str]) -> Output {
    cmd(dir, args).output().unwrap()
}

fn ok(o: &Output) -> String {
    assert!(
        o.status.success(),
        "failed: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn seed(dir: &Path) -> (String, String, String) {
    let store = Store::open(dir).unwrap();
    let (mut a, _) = store.start_call(&started(Some("K-100"), T0));
    a.append(&body(T0, "nieuwe jas sturen"));
    a.save_notes("eerste gesprek", T0 + 5_000);
    a.append(&[ended(T0 + 300_000)]);
    let (mut b, _) = store.start_call(&started(Some("K-100"), T0 + 1_000_000));
    b.save_notes("tweede gesprek", T0 + 1_000_500);
    let (mut c, _) = store.start_call(&started(Some("K-200"), T0 + 2_000_000));
    c.save_notes("CANARY-K200-notes", T0 + 2_000_500);
    (
        a.call_id().to_string(),
        b.call_id().to_string(),
        c.call_id().to_string(),
    )
}

/// Issue 10, item 7: output errors never panic; usage errors exit 2.
#[test]
fn output_errors_and_usage_errors() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("data");
    seed(&dir);
    // A full device: exit 1 with a message.
    for args in [
        vec!["calls", "list"],
        vec!["schema", "playbook"],
        vec!["completions", "bash"],
        vec!["privacy"],
    ] {
        let full = std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .unwrap();
        let o = cmd(&dir, &args).stdout(full).output().unwrap();
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(1), "{args:?}: {err}");
        assert!(
            err.contains("could not write to standard output"),
            "{args:?}: {err}"
        );
        assert!(!err.contains("panicked"), "{args:?}: {err}");
    }
    // A reader that went away: quiet, ended by SIGPIPE like other tools.
    for args in [vec!["schema", "playbook"], vec!["calls", "list"]] {
        let mut fds = [0; 2];
        // SAFETY: a fresh pipe; its read end is closed before the child runs.
        assert_eq!(unsafe { libc::pipe(fds.as_mut_ptr()) }, 0);
        unsafe { libc::close(fds[0]) };
        // SAFETY: the write end, owned by the Stdio from here on.
        let write_end = unsafe { std::os::fd::OwnedFd::from_raw_fd(fds[1]) };
        let o = cmd(&dir, &args)
            .stdout(Stdio::from(write_end))
            .output()
            .unwrap();
        assert_eq!(
            o.status.signal(),
            Some(libc::SIGPIPE),
            "{args:?}: {:?}",
            o.status
        );
        assert!(
            o.stderr.is_empty(),
            "{}",
            String::from_utf8_lossy(&o.stderr)
        );
    }
    // Usage errors: exit 2, as the README says.
    for args in [
        vec!["purge", "--older-than", "5x"],
        vec!["calls", "list", "--since", "2026-13-01"],
        vec![
            "calls",
            "export",
            "--customer",
            "K-100",
            "--format",
            "markdown",
        ],
    ] {
        let o = run(&dir, &args);
        assert_eq!(
            o.status.code(),
            Some(2),
            "{args:?}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
    }
}

use std::os::fd::FromRawFd;

/// Issue 10, item 8: erase and purge name the exports written outside the
/// data directory that hold the removed calls.
#[test]
fn erase_and_purge_name_exports_written_outside() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("data");
    let outside = tmp.path().join("elsewhere");
    std::fs::create_dir(&outside).unwrap();
    let (a, _b, c) = seed(&dir);
    let md = outside.join("k100.md");
    ok(&run(
        &dir,
        &["calls", "export", &a, "-o", md.to_str().unwrap()],
    ));
    let other = outside.join("k200.json");
    ok(&run(
        &dir,
        &[
            "calls",
            "export",
            &c,
            "--format",
            "json",
            "-o",
            other.to_str().unwrap(),
        ],
    ));

    let dry = ok(&run(&dir, &["erase", "--customer", "K-100", "--dry-run"]));
    assert!(dry.contains(&md.display().to_string()), "{dry}");
    assert!(!dry.contains("k200.json"), "{dry}");
    let done = ok(&run(&dir, &["erase", "--customer", "K-100"]));
    assert!(done.contains("verwijder ze zelf"), "{done}");
    assert!(done.contains(&md.display().to_string()), "{done}");
    assert!(md.exists(), "never deleted outside the data directory");
    // Forgotten with the calls: not named again, and not in the database.
    let again = ok(&run(&dir, &["erase", "--customer", "K-100"]));
    assert!(!again.contains("k100.md"), "{again}");
    assert!(found_anywhere(&dir, b"k100.md").is_empty());

    let purged = ok(&run(&dir, &["purge", "--older-than", "1d"]));
    assert!(purged.contains(&other.display().to_string()), "{purged}");
}

/// Issue 10, item 9: a customer reference with control characters is
/// stored sanitised; erase and list with the original string find it.
#[test]
fn a_customer_reference_with_control_characters_is_found() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("data");
    // The call screen stores the reference cleaned (one line, no controls).
    let stored = callcoach::commands::privacy::customer_ref("K\u{7}-9\u{1b}[31m ");
    assert_eq!(stored, "K-9[31m");
    {
        let store = Store::open(&dir).unwrap();
        let (mut r, _) = store.start_call(&started(Some(&stored), T0));
        r.save_notes("belletje", T0 + 1);
    }
    let list = ok(&run(
        &dir,
        &["calls", "list", "--customer", "K\u{7}-9\u{1b}[31m"],
    ));
    assert!(list.contains("K-9[31m"), "{list}");
    let erased = ok(&run(&dir, &["erase", "--customer", "K\u{7}-9\u{1b}[31m"]));
    assert!(erased.contains("Verwijderd: 1 gesprek(ken)"), "{erased}");
    assert!(found_anywhere(&dir, b"belletje").is_empty());
}

/// Issue 10, item 12: everything stored about one customer in one file.
#[test]
fn export_everything_about_one_customer() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("data");
    let (a, b, _c) = seed(&dir);
    let earlier = tmp.path().join("earlier.md");
    ok(&run(
        &dir,
        &["calls", "export", &a, "-o", earlier.to_str().unwrap()],
    ));
    let out = ok(&run(
        &dir,
        &["calls", "export", "--customer", "K-100", "--format", "json"],
    ));
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["format"], "callcoach-customer");
    assert_eq!(v["customer"], "K-100");
    let calls = v["calls"].as_array().unwrap();
    let ids: Vec<&str> = calls
        .iter()
        .map(|c| c["call"]["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids,
        vec![a.as_str(), b.as_str()],
        "oldest first, only K-100"
    );
    assert_eq!(calls[0]["summary"]["notes"], "eerste gesprek");
    assert_eq!(calls[1]["summary"]["notes"], "tweede gesprek");
    assert!(calls[0]["events"].as_array().unwrap().len() >= 5);
    let outside = v["exports_outside"].as_array().unwrap();
    assert!(
        outside
            .iter()
            .any(|e| e["path"].as_str().unwrap().ends_with("earlier.md")),
        "{outside:?}"
    );
    assert!(!out.contains("CANARY-K200-notes"));
    // Written to a file, it is itself remembered for erase.
    let file = tmp.path().join("access.json");
    ok(&run(
        &dir,
        &[
            "calls",
            "export",
            "--customer",
            "K-100",
            "--format",
            "json",
            "-o",
            file.to_str().unwrap(),
        ],
    ));
    let dry = ok(&run(&dir, &["erase", "--customer", "K-100", "--dry-run"]));
    assert!(dry.contains("access.json"), "{dry}");
}

/// Issue 10, item 11: the retention policy removes ended calls older than
/// the period (not unfinished ones, not one whose follow-up waits), logs
/// each run, and `callcoach privacy` shows policy, last run and removals.
#[test]
fn retention_removes_old_ended_calls_and_privacy_shows_it() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("data");
    let day = 86_400_000;
    let now: jiff::Zoned = "2027-06-01T12:00:00+00:00[UTC]".parse().unwrap();
    let now_ms = now.timestamp().as_millisecond();
    let old = now_ms - 200 * day;
    let store = Store::open(&dir).unwrap();
    let mk = |customer: &str, at: i64, end: bool, follow_up: bool| {
        let (mut r, _) = store.start_call(&started(Some(customer), at));
        r.save_notes(&format!("notities {customer}"), at + 1);
        if follow_up {
            r.append(&body(at, "x")[3..4]);
        }
        if end {
            r.append(&[ended(at + 60_000)]);
        }
        r.call_id().clone()
    };
    let gone = mk("OLD-ENDED", old, true, false);
    let waiting = mk("OLD-FOLLOWUP", old, true, true);
    let open = mk("OLD-OPEN", old, false, false);
    let recent = mk("NEW-ENDED", now_ms - 10 * day, true, false);
    drop(store);
    let mut store = Store::open(&dir).unwrap();
    let (run1, report) = store
        .apply_retention(Policy::Keep(Age::Days(90)), &now)
        .unwrap();
    assert_eq!(run1.calls, 1);
    assert_eq!(report.calls, 1);
    assert!(store.call_info(&gone).unwrap().is_none());
    for id in [&waiting, &open, &recent] {
        assert!(store.call_info(id).unwrap().is_some(), "{id} kept");
    }
    assert!(
        found_anywhere(&dir, b"notities OLD-ENDED").is_empty(),
        "removed completely"
    );
    let (run2, _) = store.apply_retention(Policy::Off, &now).unwrap();
    assert_eq!(run2.calls, 0);
    drop(store);

    // The policy from the settings file (other keys are the settings
    // module's), the log of runs.
    let config = tmp.path().join("config.yaml");
    std::fs::write(&config, "agent: Eva de Vries\nretention: 30d\n").unwrap();
    let o = cmd(&dir, &["privacy"])
        .env("CALLCOACH_CONFIG", &config)
        .output()
        .unwrap();
    let text = ok(&o);
    assert!(
        text.contains("Bewaartermijn: 30d (uit `retention` in"),
        "{text}"
    );
    assert!(text.contains("verwijderd 1 gesprek(ken)"), "{text}");
    assert!(text.contains("termijn 90d"), "{text}");
    assert!(text.contains("termijn off"), "{text}");
    // The default, documented.
    let text = ok(&run(&dir, &["privacy"]));
    assert!(text.contains("Bewaartermijn: 90d (de standaard"), "{text}");
    // In English when asked, and then only in English.
    let text = ok(&run(&dir, &["--lang", "en", "privacy"]));
    assert!(text.contains("Retention: 90d (the default"), "{text}");
    for nl in callcoach::i18n::privacy::privacy_words(callcoach::playbook::Language::Nl).all() {
        let head = nl.split('{').next().unwrap_or(nl).trim();
        if head.len() > 12 {
            assert!(
                !text.contains(head),
                "Dutch {head:?} in English output:\n{text}"
            );
        }
    }
    // A wrong value names the file.
    std::fs::write(&config, "retention: soon\n").unwrap();
    let o = cmd(&dir, &["privacy"])
        .env("CALLCOACH_CONFIG", &config)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("config.yaml") && err.contains("retention"),
        "{err}"
    );
    // The environment wins.
    let o = cmd(&dir, &["--lang", "en", "privacy"])
        .env("CALLCOACH_RETENTION", "off")
        .output()
        .unwrap();
    assert!(ok(&o).contains("Retention: off (from CALLCOACH_RETENTION)"));
}

/// The policy runs when the call screen starts, and says so on the screen.
#[test]
fn retention_runs_when_the_call_screen_starts() {
    use crate::support::pty;
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("data");
    let old = callcoach::store::now_ms() - 400 * 86_400_000;
    let id = {
        let store = Store::open(&dir).unwrap();
        let (mut r, _) = store.start_call(&started(Some("ANCIENT"), old));
        r.save_notes("oude notities", old + 1);
        r.append(&[ended(old + 60_000)]);
        r.call_id().clone()
    };
    let d = dir.to_str().unwrap();
    let mut t = pty::Term::spawn_env(
        &[
            "--data-dir",
            d,
            "call",
            "--customer",
            "NOW-1",
            "--playbook",
            "klachtgesprek",
        ],
        &[("CALLCOACH_RETENTION", "1y")],
        120,
        40,
    );
    let screen = t.wait_for("NOW-1");
    assert!(
        t.shows_within("bewaartermijn (1y): 1 afgesloten gesprek(ken)", pty::SCREEN),
        "{screen}"
    );
    t.signal(libc::SIGTERM);
    assert!(t.wait_exit(pty::EXIT).is_some());
    drop(t);
    let store = Store::open(&dir).unwrap();
    assert!(store.call_info(&id).unwrap().is_none());
    assert!(found_anywhere(&dir, b"oude notities").is_empty());
    assert_eq!(store.retention_runs(1).unwrap()[0].calls, 1);
}

/// The policy runs at every call start; a run that removed nothing is
/// logged once a day (each log row is a write and fsyncs before the screen
/// opens), while every run that removed something is logged.
#[test]
fn empty_retention_runs_are_logged_once_a_day() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("data");
    let mut store = Store::open(&dir).unwrap();
    let now = jiff::Zoned::now();
    let policy = Policy::Keep(Age::Days(90));
    for minutes in [0, 1, 60, 23 * 60] {
        let at = now.checked_add(jiff::Span::new().minutes(minutes)).unwrap();
        store.apply_retention(policy, &at).unwrap();
    }
    assert_eq!(store.retention_runs(10).unwrap().len(), 1);
    let later = now.checked_add(jiff::Span::new().hours(25)).unwrap();
    store.apply_retention(policy, &later).unwrap();
    assert_eq!(store.retention_runs(10).unwrap().len(), 2);
    // Another policy is logged at once.
    store.apply_retention(Policy::Off, &later).unwrap();
    assert_eq!(store.retention_runs(10).unwrap().len(), 3);
    // A run that removes a call is always logged.
    let old = later.timestamp().as_millisecond() - 400 * 86_400_000;
    let (mut r, _) = store.start_call(&started(Some("OLD"), old));
    r.append(&[ended(old + 60_000)]);
    drop(r);
    let (run, _) = store.apply_retention(policy, &later).unwrap();
    assert_eq!(run.calls, 1);
    assert_eq!(store.retention_runs(10).unwrap().len(), 4);
}
