//! Purge and erase remove records completely: a canary string from an
//! erased call is in no byte of any file in the data directory afterwards.

use crate::support::store as store_support;

use callcoach::store::{CallSink, Recorder, SaveStatus, Store};
use store_support::*;

const CANARY: &str = "CANARY-7f3e9b-kapotte-rits";
const KEEP: &str = "KEEPME-41d2-andere-klant";

#[test]
fn erase_leaves_no_trace_of_the_customer() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let store = Store::open(dir).unwrap();

    // Customer A: the canary in notes (saved many times), in an agreement,
    // and in a journal written while the database was locked.
    let (mut a, _) = store.start_call(&started(Some("KLANT-A"), T0));
    for i in 0..50 {
        assert_eq!(
            a.save_notes(
                &format!("{CANARY} versie {i} {}", "x".repeat(i * 40)),
                T0 + i as i64
            ),
            SaveStatus::Saved
        );
    }
    a.append(&body(T0, &format!("{CANARY} vervangen")));
    // A valid card number typed into the notes and an agreement is never
    // stored, not even before the erase (issue 10, item 10).
    const CARD: &str = "4000 0566 5566 5556";
    a.save_notes(&format!("{CANARY} kaart {CARD}"), T0 + 60);
    a.append(&body(T0 + 70, &format!("terugboeken op {CARD}"))[2..3]);
    for needle in [CARD, "4000056655665556"] {
        assert_eq!(
            found_anywhere(dir, needle.as_bytes()),
            Vec::<std::path::PathBuf>::new(),
            "{needle}"
        );
    }
    let a_id = a.call_id().clone();
    let blocker = rusqlite::Connection::open(dir.join("callcoach.db")).unwrap();
    blocker.execute_batch("BEGIN IMMEDIATE").unwrap();
    assert!(matches!(
        a.save_notes(&format!("{CANARY} tijdens lock"), T0 + 99),
        SaveStatus::Fallback { .. }
    ));
    blocker.execute_batch("COMMIT").unwrap();
    drop(blocker);
    drop(a);
    // A second journal of A's call that cannot be imported (a conflicting
    // event at a taken position): it stays until erase removes it.
    let bad = serde_json::json!({
        "call": a_id.as_str(), "time": T0, "kind": "event",
        "payload": {"seq": 0, "event": {"at": 1, "type": "paused", "note": CANARY}}
    });
    let stuck = dir.join(format!("journal-{a_id}.jsonl"));
    // The first journal is imported on the next open; write the stuck one after.
    let (mut b, _) = Recorder::start(dir, &started(Some("KLANT-B"), T0 + 1_000));
    b.save_notes(&format!("{KEEP} notities"), T0 + 2_000);
    let b_id = b.call_id().clone();
    drop(b);
    drop(store);
    let store = Store::open(dir).unwrap();
    assert!(!stuck.exists(), "the locked-time journal was imported");
    std::fs::write(&stuck, format!("{bad}\n")).unwrap();
    drop(store);

    let mut store = Store::open(dir).unwrap();
    assert!(
        store.notices().iter().any(|n| n.contains("kept")),
        "{:?}",
        store.notices()
    );
    assert!(stuck.exists());
    assert!(!found_anywhere(dir, CANARY.as_bytes()).is_empty());

    // Dry run: nothing changes.
    let sel = store.select_customer("KLANT-A").unwrap();
    assert_eq!(sel.calls.len(), 1);
    assert_eq!(sel.journals, vec![stuck.clone()]);
    assert!(!found_anywhere(dir, CANARY.as_bytes()).is_empty());

    let report = store.erase(&sel).unwrap();
    assert_eq!(report.calls, 1);
    assert_eq!(report.journals, 1);
    assert!(report.warnings.is_empty(), "{:?}", report.warnings);
    assert_eq!(
        found_anywhere(dir, CANARY.as_bytes()),
        Vec::<std::path::PathBuf>::new()
    );
    assert_eq!(
        found_anywhere(dir, b"KLANT-A"),
        Vec::<std::path::PathBuf>::new()
    );
    // The other customer is untouched.
    assert!(store.call_info(&a_id).unwrap().is_none());
    assert_eq!(
        store.load_call(&b_id).unwrap().notes,
        format!("{KEEP} notities")
    );
    assert!(!found_anywhere(dir, KEEP.as_bytes()).is_empty());
    // Still private, still usable.
    for (p, m) in all_files(dir) {
        assert_eq!(m, if p.is_dir() { 0o700 } else { 0o600 }, "{}", p.display());
    }
    let (mut c, st) = store.start_call(&started(Some("KLANT-C"), T0 + 5_000));
    assert_eq!(st, SaveStatus::Saved);
    assert_eq!(c.save_notes("na erase", T0 + 6_000), SaveStatus::Saved);
}

#[test]
fn purge_removes_only_old_calls() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let mut store = Store::open(dir).unwrap();
    let day = 86_400_000i64;
    let now = T0 + 400 * day;
    let (mut old, _) = store.start_call(&started(Some("OUD"), T0));
    old.save_notes(CANARY, T0 + 1);
    old.append(&[ended(T0 + 2)]);
    // Old start, but reopened for its follow-up recently: kept.
    let (mut reopened, _) = store.start_call(&started(Some("HEROPEND"), T0));
    reopened.save_notes(KEEP, now - day);
    let (recent, _) = store.start_call(&started(Some("NIEUW"), now - 10 * day));
    let ids = (
        old.call_id().clone(),
        reopened.call_id().clone(),
        recent.call_id().clone(),
    );
    drop((old, reopened, recent));

    let cutoff = callcoach::store::Age::parse("90d")
        .unwrap()
        .before(
            &jiff::Timestamp::from_millisecond(now)
                .unwrap()
                .to_zoned(jiff::tz::TimeZone::UTC),
        )
        .unwrap();
    let sel = store.select_older_than(cutoff).unwrap();
    assert_eq!(
        sel.calls.iter().map(|c| &c.id).collect::<Vec<_>>(),
        vec![&ids.0]
    );
    store.erase(&sel).unwrap();
    assert!(found_anywhere(dir, CANARY.as_bytes()).is_empty());
    assert!(store.call_info(&ids.1).unwrap().is_some());
    assert!(store.call_info(&ids.2).unwrap().is_some());
}

#[test]
fn saved_exports_in_the_data_directory_are_private_and_erased_too() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let store = Store::open(dir).unwrap();
    let (mut a, _) = store.start_call(&started(Some("KLANT-EXP"), T0));
    a.save_notes(CANARY, T0 + 1);
    let a_id = a.call_id().clone();
    drop(a);
    drop(store);
    // As a summary saved from the call screen might be, under a loose umask.
    let exports = dir.join("exports");
    std::fs::create_dir(&exports).unwrap();
    std::fs::set_permissions(
        &exports,
        std::os::unix::fs::PermissionsExt::from_mode(0o755),
    )
    .unwrap();
    std::fs::write(
        exports.join("call-2026-09-21.md"),
        format!("Klant: KLANT-EXP\n{CANARY}\n"),
    )
    .unwrap();
    std::fs::write(exports.join(format!("call-{a_id}.eml")), "Subject: x\n").unwrap();
    std::fs::write(
        exports.join("other.md"),
        format!("Klant: KLANT-B\n{KEEP}\n"),
    )
    .unwrap();
    let mut store = Store::open(dir).unwrap();
    assert_eq!(mode(&exports), 0o700);
    assert_eq!(mode(&exports.join("other.md")), 0o600);
    let sel = store.select_customer("KLANT-EXP").unwrap();
    assert_eq!(sel.exports.len(), 2, "{:?}", sel.exports);
    let report = store.erase(&sel).unwrap();
    assert_eq!(report.exports, 2);
    assert!(found_anywhere(dir, CANARY.as_bytes()).is_empty());
    assert!(exports.join("other.md").exists());
}

#[test]
fn errors_and_notices_never_carry_stored_text() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let store = Store::open(dir).unwrap();
    let (mut a, _) = store.start_call(&started(Some("K-ERR"), T0));
    a.save_notes(CANARY, T0 + 1);
    let id = a.call_id().clone();
    drop(a);
    // A damaged event row and an unreadable journal line, both holding text.
    store
        .conn_for_tests()
        .unwrap()
        .execute(
            "INSERT INTO events (call_id, seq, at, kind, json) VALUES (?1, 99, 5, 'x', ?2)",
            rusqlite::params![
                id.as_str(),
                format!("{{\"at\":5,\"type\":\"bogus\",\"text\":\"{CANARY}\"}}")
            ],
        )
        .unwrap();
    drop(store);
    std::fs::write(
        dir.join("journal-20260101-000000-beef.jsonl"),
        format!("{{\"call\":\"20260101-000000-beef\",\"kind\":\"notes\",\"payload\":{{\"text\":\"{CANARY}\"\n"),
    )
    .unwrap();
    let store = Store::open(dir).unwrap();
    for n in store.notices() {
        assert!(!n.contains(CANARY), "{n}");
    }
    let err = format!("{:#}", store.load_call(&id).unwrap_err());
    assert!(err.contains(id.as_str()) && !err.contains(CANARY), "{err}");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_callcoach"))
        .arg("--data-dir")
        .arg(dir)
        .args(["calls", "show", id.as_str()])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        !stderr.contains(CANARY) && stderr.contains("cannot be read"),
        "{stderr}"
    );
}
