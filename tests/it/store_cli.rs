//! The `calls`, `followups`, `purge` and `erase` commands on the real binary.

use crate::support::store as store_support;

use callcoach::store::{CallSink, Store};
use std::path::Path;
use std::process::{Command, Output};
use store_support::*;

fn run(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_callcoach"))
        .arg("--data-dir")
        .arg(dir)
        .args(args)
        .env_remove("CALLCOACH_AGENT")
        // These tests read the English listings.
        .env("CALLCOACH_LANG", "en")
        .output()
        .unwrap()
}

fn ok(o: &Output) -> String {
    assert!(
        o.status.success(),
        "failed: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn seed(dir: &Path) -> (String, String) {
    let store = Store::open(dir).unwrap();
    let (mut a, _) = store.start_call(&started(Some("K-100"), T0));
    a.append(&body(T0, "nieuwe jas sturen"));
    a.save_notes("! rits kapot\nGEHEIM-CANARY-991 privé", T0 + 5_000);
    a.append(&[ended(T0 + 300_000)]);
    let (mut b, _) = store.start_call(&started(Some("K-200"), T0 + 1_000_000));
    b.save_notes("lopend gesprek", T0 + 1_000_500);
    (a.call_id().to_string(), b.call_id().to_string())
}

#[test]
fn list_show_and_export() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("data");
    let (a, b) = seed(&dir);

    let list = ok(&run(&dir, &["calls", "list"]));
    assert!(list.contains(&a) && list.contains(&b), "{list}");
    assert!(list.contains("UNFINISHED"), "{list}");
    assert!(list.contains("2026-12-02"), "follow-up column: {list}");
    let only = ok(&run(&dir, &["calls", "list", "--customer", "K-100"]));
    assert!(only.contains(&a) && !only.contains(&b));
    let none = ok(&run(&dir, &["calls", "list", "--since", "2099-01-01"]));
    assert!(none.contains("No calls"), "{none}");
    let bad = run(&dir, &["calls", "list", "--since", "gisteren"]);
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("YYYY-MM-DD"));

    let show = ok(&run(&dir, &["calls", "show", &a]));
    assert!(
        show.contains("nieuwe jas sturen") && show.contains("rits kapot"),
        "{show}"
    );
    let last = ok(&run(&dir, &["calls", "show", "last"]));
    // A call's own page is in its playbook's language (Dutch here).
    assert!(
        last.contains(&b) && last.contains("niet afgerond"),
        "{last}"
    );
    let missing = run(&dir, &["calls", "show", "nope"]);
    assert!(!missing.status.success());

    // Exports to files are 0600, even over an existing world-readable file.
    let out = tmp.path().join("bevestiging.eml");
    std::fs::write(&out, "old").unwrap();
    std::fs::set_permissions(&out, std::os::unix::fs::PermissionsExt::from_mode(0o644)).unwrap();
    ok(&run(
        &dir,
        &[
            "calls",
            "export",
            &a,
            "--format",
            "eml",
            "-o",
            out.to_str().unwrap(),
        ],
    ));
    assert_eq!(mode(&out), 0o600);
    let eml = std::fs::read(&out).unwrap();
    let msg = mail_parser::MessageParser::default().parse(&eml).unwrap();
    assert!(msg.body_text(0).unwrap().contains("nieuwe jas sturen"));
    for fmt in ["markdown", "json"] {
        let f = tmp.path().join(format!("x.{fmt}"));
        ok(&run(
            &dir,
            &[
                "calls",
                "export",
                "last",
                "--format",
                fmt,
                "--output",
                f.to_str().unwrap(),
            ],
        ));
        assert_eq!(mode(&f), 0o600);
    }
    let json = ok(&run(&dir, &["calls", "export", &a, "--format", "json"]));
    let back = callcoach::export::json::CallExport::from_json(&json).unwrap();
    assert_eq!(back.call.id.as_str(), a);
}

#[test]
fn followups_and_calendar() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("data");
    let (a, _) = seed(&dir);
    let text = ok(&run(&dir, &["followups"]));
    assert!(
        text.contains(&a) && text.contains("check delivery"),
        "{text}"
    );
    let ics_path = tmp.path().join("f.ics");
    ok(&run(
        &dir,
        &["followups", "--ics", "-o", ics_path.to_str().unwrap()],
    ));
    assert_eq!(mode(&ics_path), 0o600);
    let ics = std::fs::read_to_string(&ics_path).unwrap();
    let unfolded = icalendar::parser::unfold(&ics);
    let cal = icalendar::parser::read_calendar(&unfolded).unwrap();
    assert_eq!(
        cal.components.iter().filter(|c| c.name == "VTODO").count(),
        1
    );
    // Without a terminal the live screen refuses cleanly (the durability
    // tests drive it in a pseudo-terminal); an unknown id is an error first.
    let unknown = run(&dir, &["followups", "open", "19990101-000000-0000"]);
    assert!(!unknown.status.success());
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("no stored call"));
}

#[test]
fn erase_and_purge_from_the_command_line() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("data");
    let (a, b) = seed(&dir);
    let dry = ok(&run(&dir, &["erase", "--customer", "K-100", "--dry-run"]));
    assert!(dry.contains(&a) && !dry.contains(&b), "{dry}");
    assert!(!found_anywhere(&dir, b"GEHEIM-CANARY-991").is_empty());
    let done = ok(&run(&dir, &["erase", "--customer", "K-100"]));
    assert!(done.contains("Removed 1 call"), "{done}");
    assert!(found_anywhere(&dir, b"GEHEIM-CANARY-991").is_empty());
    assert!(ok(&run(&dir, &["calls", "list"])).contains(&b));

    let bad = run(&dir, &["purge", "--older-than", "3 weken"]);
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("90d"));
    // The seeded calls are from 2026-09: a purge of anything older than a day removes them.
    let dry = ok(&run(&dir, &["purge", "--older-than", "1d", "--dry-run"]));
    assert!(dry.contains(&b), "{dry}");
    ok(&run(&dir, &["purge", "--older-than", "1d"]));
    assert!(ok(&run(&dir, &["calls", "list"])).contains("No calls"));
}

#[test]
fn a_call_open_in_another_window_is_shown_live_and_left_alone_by_erase() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("data");
    let (_, b) = seed(&dir);
    // This test process plays the other window recording call b. The
    // recorder that seeded b is gone, but a program another test thread is
    // starting may still hold a copy of its lock for a moment (see below).
    let id = callcoach::store::CallId(b.clone());
    let end = std::time::Instant::now() + std::time::Duration::from_secs(30);
    let live = loop {
        match callcoach::store::Recorder::resume(&dir, &id) {
            Ok(r) => break r,
            Err(e) if std::time::Instant::now() > end => panic!("{e:#}"),
            Err(_) => std::thread::sleep(std::time::Duration::from_millis(100)),
        }
    };
    let list = ok(&run(&dir, &["calls", "list"]));
    assert!(
        list.lines().any(|l| l.contains(&b) && l.contains("LIVE")),
        "{list}"
    );
    let out = run(&dir, &["erase", "--customer", "K-200"]);
    assert!(
        !out.status.success(),
        "a call left alone is not a complete erase"
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("open in another callcoach window"));
    drop(live);
    // The lock goes with the recorder. But the other tests in this process
    // start programs all the time, and a program being started holds a copy
    // of every descriptor of this process (the lock's too) until it has
    // replaced itself (fork, then exec): on a loaded machine that can still
    // be the case for a moment, so the window counts as closed once no
    // such copy is left.
    let end = std::time::Instant::now() + std::time::Duration::from_secs(30);
    let list = loop {
        let list = ok(&run(&dir, &["calls", "list"]));
        if !list.contains("LIVE") || std::time::Instant::now() > end {
            break list;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    };
    assert!(
        list.contains("UNFINISHED") && !list.contains("LIVE"),
        "{list}"
    );
    ok(&run(&dir, &["erase", "--customer", "K-200"]));
    assert!(!ok(&run(&dir, &["calls", "list"])).contains(&b));
}
