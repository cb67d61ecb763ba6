//! When the database cannot be written, nothing typed is lost: it goes to
//! the fallback journal (or stays in memory) and reaches the database later.

use crate::support::store as store_support;

use callcoach::store::{CallSink, Recorder, SaveStatus, Store};
use std::path::Path;
use store_support::*;

fn journals(dir: &Path) -> Vec<std::path::PathBuf> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.file_name()
                .unwrap()
                .to_str()
                .unwrap()
                .starts_with("journal-")
        })
        .collect()
}

fn fallback_path(st: &SaveStatus) -> String {
    match st {
        SaveStatus::Fallback { path, reason } => {
            assert!(!reason.is_empty());
            path.clone()
        }
        other => panic!("expected a fallback, got {other:?}"),
    }
}

#[test]
fn locked_database_falls_back_then_catches_up_in_order() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let (mut rec, _) = Recorder::start(dir, &started(Some("K-1"), T0));
    let id = rec.call_id().clone();
    let blocker = rusqlite::Connection::open(dir.join("callcoach.db")).unwrap();
    blocker.execute_batch("BEGIN IMMEDIATE").unwrap();
    let st = rec.append(&body(T0, "SECRET-NOTE-TEXT")[..2]);
    let path = fallback_path(&st);
    assert!(path.ends_with(&format!("journal-{id}.jsonl")));
    let st = rec.save_notes("SECRET-NOTE-TEXT typed while locked", T0 + 2_500);
    fallback_path(&st);
    if let SaveStatus::Fallback { reason, .. } = &st {
        assert!(
            !reason.contains("SECRET"),
            "no notes text in the reason: {reason}"
        );
    }
    assert!(rec.in_fallback());
    blocker.execute_batch("COMMIT").unwrap();
    drop(blocker);
    // The next save imports the journal first, so positions stay in order.
    assert_eq!(rec.append(&body(T0, "x")[2..]), SaveStatus::Saved);
    assert!(!rec.in_fallback());
    assert!(journals(dir).is_empty(), "journal removed after import");
    drop(rec);
    let store = Store::open(dir).unwrap();
    let call = store.load_call(&id).unwrap();
    assert_eq!(call.events.len(), 5);
    let ats: Vec<i64> = call.events.iter().map(|e| e.at).collect();
    let mut sorted = ats.clone();
    sorted.sort();
    assert_eq!(ats, sorted);
    assert_eq!(call.notes, "SECRET-NOTE-TEXT typed while locked");
}

#[test]
fn corrupt_database_is_reported_never_replaced_and_nothing_is_lost() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let garbage = b"this is not a database, but it is the user's file".repeat(100);
    std::fs::write(dir.join("callcoach.db"), &garbage).unwrap();

    let err = Store::open(dir).unwrap_err().to_string().to_lowercase();
    assert!(
        err.contains("damaged") && err.contains("move it aside"),
        "{err}"
    );
    assert_eq!(
        std::fs::read(dir.join("callcoach.db")).unwrap(),
        garbage,
        "untouched"
    );

    // A call still records: into the journal.
    let (mut rec, st) = Recorder::start(dir, &started(Some("K-2"), T0));
    fallback_path(&st);
    fallback_path(&rec.append(&body(T0, "ruilen")));
    fallback_path(&rec.save_notes("notities", T0 + 9_000));
    let id = rec.call_id().clone();
    drop(rec);
    assert_eq!(
        std::fs::read(dir.join("callcoach.db")).unwrap(),
        garbage,
        "still untouched"
    );
    assert_eq!(mode(&journals(dir)[0]), 0o600);

    // The agent moves the damaged file aside: the next open imports the journal.
    std::fs::rename(dir.join("callcoach.db"), dir.join("callcoach.db.damaged")).unwrap();
    let store = Store::open(dir).unwrap();
    assert!(
        store.notices().iter().any(|n| n.contains("imported")),
        "{:?}",
        store.notices()
    );
    let call = store.load_call(&id).unwrap();
    assert_eq!(call.events.len(), 5);
    assert_eq!(call.notes, "notities");
    assert!(journals(dir).is_empty());
}

#[test]
fn damaged_pages_inside_a_real_database_fall_back() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    {
        let store = Store::open(dir).unwrap();
        let (mut rec, _) = store.start_call(&started(Some("K-3"), T0));
        for i in 0..200 {
            rec.save_notes(&"padding ".repeat(50 + i), T0 + i as i64);
            rec.append(&body(T0 + i as i64 * 10_000, "x")[..1]);
        }
    }
    // Keep the header, scribble over every page after the first.
    let db = dir.join("callcoach.db");
    let mut bytes = std::fs::read(&db).unwrap();
    assert!(bytes.len() > 8192);
    for b in &mut bytes[4096..] {
        *b = 0xA5;
    }
    std::fs::write(&db, &bytes).unwrap();
    let (mut rec, st) = Recorder::start(dir, &started(Some("K-4"), T0));
    fallback_path(&st);
    fallback_path(&rec.save_notes("still safe", T0 + 1));
    assert_eq!(std::fs::read(&db).unwrap(), bytes, "never rewritten");
    let (entries, _) = (journals(dir), ());
    assert_eq!(entries.len(), 1);
    let text = std::fs::read_to_string(&entries[0]).unwrap();
    assert!(text.contains("still safe"));
}

/// Makes `path` unwritable even for root (immutable attribute), or with
/// mode bits for other users. Returns false when neither is possible here.
fn make_read_only(path: &Path, on: bool) -> bool {
    let root = unsafe { libc::geteuid() } == 0;
    if root {
        std::process::Command::new("chattr")
            .arg(if on { "+i" } else { "-i" })
            .arg(path)
            .status()
            .is_ok_and(|s| s.success())
    } else {
        use std::os::unix::fs::PermissionsExt;
        let m = if path.is_dir() { 0o700 } else { 0o600 };
        let m = if on { m & 0o500 } else { m };
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(m)).is_ok()
    }
}

#[test]
fn read_only_database_falls_back_to_the_journal() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    drop(Store::open(dir).unwrap());
    let db = dir.join("callcoach.db");
    assert!(
        make_read_only(&db, true),
        "cannot make the database read-only here"
    );
    let (mut rec, st) = Recorder::start(dir, &started(Some("K-5"), T0));
    let id = rec.call_id().clone();
    let outcome = (
        fallback_path(&st),
        fallback_path(&rec.save_notes("ro notes", T0 + 1)),
    );
    drop(rec);
    assert!(make_read_only(&db, false));
    assert!(outcome.1.ends_with(".jsonl"));
    let store = Store::open(dir).unwrap();
    assert_eq!(store.load_call(&id).unwrap().notes, "ro notes");
}

#[test]
fn nowhere_to_write_keeps_data_in_memory_until_it_works() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("data");
    drop(Store::open(&dir).unwrap());
    let (mut rec, _) = Recorder::start(&dir, &started(Some("K-6"), T0));
    let id = rec.call_id().clone();
    // Database locked and the directory unwritable: no journal either.
    let blocker = rusqlite::Connection::open(dir.join("callcoach.db")).unwrap();
    blocker.execute_batch("BEGIN IMMEDIATE").unwrap();
    assert!(make_read_only(&dir, true));
    let st = rec.append(&body(T0, "vergoeding"));
    let held = rec.save_notes("in memory only", T0 + 7_000);
    assert!(make_read_only(&dir, false));
    assert!(matches!(st, SaveStatus::Failed { .. }), "{st:?}");
    assert!(matches!(held, SaveStatus::Failed { .. }), "{held:?}");
    assert!(rec.has_unsaved());
    blocker.execute_batch("COMMIT").unwrap();
    drop(blocker);
    assert_eq!(rec.flush(), SaveStatus::Saved);
    assert!(!rec.has_unsaved());
    drop(rec);
    let store = Store::open(&dir).unwrap();
    let call = store.load_call(&id).unwrap();
    assert_eq!(call.events.len(), 5);
    assert_eq!(call.notes, "in memory only");
}

/// A save waits for another writer's lock (up to the busy timeout); on a
/// machine so loaded that the other writer holds it longer, the save lands
/// in the journal, which reaches the database once the writer is done. So
/// the promise checked after this is "nothing lost", not "never journaled".
fn flush_until_saved(rec: &mut Recorder) {
    let end = std::time::Instant::now() + std::time::Duration::from_secs(30);
    while std::time::Instant::now() < end {
        if rec.flush() == SaveStatus::Saved {
            assert!(!rec.in_fallback() && !rec.has_unsaved());
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    panic!("the journal never reached the database");
}

/// Regression: a save that reads before it writes (every event append
/// checks its position first) used a deferred transaction, which SQLite
/// cannot make wait for the write lock: while another window was saving,
/// it failed at once with "database is locked" and went to the journal.
/// Now it waits for the other writer, as the busy timeout promises.
#[test]
fn a_save_waits_for_another_writer_instead_of_falling_back() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().to_path_buf();
    let (mut rec, st) = Recorder::start(&dir, &started(Some("K-W"), T0));
    assert_eq!(st, SaveStatus::Saved);
    let id = rec.call_id().clone();
    let (locked_tx, locked) = std::sync::mpsc::channel();
    let other = {
        let dir = dir.clone();
        std::thread::spawn(move || {
            let other = Store::open(&dir).unwrap();
            other
                .conn_for_tests()
                .unwrap()
                .execute_batch("BEGIN IMMEDIATE")
                .unwrap();
            locked_tx.send(()).unwrap();
            // Another window's save in progress: well within the busy timeout.
            std::thread::sleep(std::time::Duration::from_millis(200));
            other
                .conn_for_tests()
                .unwrap()
                .execute_batch("COMMIT")
                .unwrap();
        })
    };
    locked.recv().unwrap();
    let waited = std::time::Instant::now();
    let st = rec.append(&body(T0, "w")[..2]);
    let waited = waited.elapsed();
    other.join().unwrap();
    assert_eq!(st, SaveStatus::Saved, "after waiting {waited:?}");
    assert!(!rec.in_fallback());
    assert!(journals(&dir).is_empty());
    drop(rec);
    assert_eq!(
        Store::open(&dir)
            .unwrap()
            .load_call(&id)
            .unwrap()
            .events
            .len(),
        3
    );
}

/// Several windows opening a new data directory at the same moment: each
/// opens it, and the schema is created once (a migration decided outside
/// the write lock ran twice and failed with "table already exists").
#[test]
fn windows_opening_a_new_database_at_once_all_succeed() {
    for _ in 0..5 {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("data");
        let start = std::sync::Arc::new(std::sync::Barrier::new(4));
        let openers: Vec<_> = (0..4)
            .map(|_| {
                let (dir, start) = (dir.clone(), start.clone());
                std::thread::spawn(move || {
                    start.wait();
                    Store::open(&dir).map(|_| ()).map_err(|e| format!("{e:#}"))
                })
            })
            .collect();
        for o in openers {
            assert_eq!(o.join().unwrap(), Ok(()));
        }
        let store = Store::open(&dir).unwrap();
        assert_eq!(
            callcoach::store::schema::version_of(&store).unwrap(),
            callcoach::store::schema::LATEST
        );
    }
}

#[test]
fn two_stores_write_concurrently_without_losing_anything() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().to_path_buf();
    drop(Store::open(&dir).unwrap());
    let worker = |n: i64| {
        let dir = dir.clone();
        std::thread::spawn(move || {
            let store = Store::open(&dir).unwrap();
            let (mut rec, _) = store.start_call(&started(Some(&format!("K-{n}")), T0 + n));
            for i in 0..150 {
                let st = rec.save_notes(&format!("worker {n} line {i}"), T0 + i);
                assert!(!matches!(st, SaveStatus::Failed { .. }), "{st:?}");
                let st = rec.append(&body(T0 + i * 10_000, "w")[..1]);
                assert!(!matches!(st, SaveStatus::Failed { .. }), "{st:?}");
            }
            flush_until_saved(&mut rec);
            rec.call_id().clone()
        })
    };
    let (a, b) = (worker(1), worker(2));
    let (a, b) = (a.join().unwrap(), b.join().unwrap());
    let store = Store::open(&dir).unwrap();
    for (id, n) in [(a, 1), (b, 2)] {
        let call = store.load_call(&id).unwrap();
        assert_eq!(call.events.len(), 151);
        assert_eq!(call.notes, format!("worker {n} line 149"));
    }
    let ok: String = store
        .conn_for_tests()
        .unwrap()
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(ok, "ok");
}

#[test]
fn a_call_live_elsewhere_cannot_be_taken_over() {
    let tmp = tempfile::tempdir().unwrap();
    let (rec, _) = Recorder::start(tmp.path(), &started(None, T0));
    let id = rec.call_id().clone();
    let err = Recorder::resume(tmp.path(), &id).unwrap_err().to_string();
    assert!(err.contains("another callcoach window"), "{err}");
    assert!(callcoach::store::is_live_elsewhere(tmp.path(), &id));
    drop(rec);
    assert!(lock_released(tmp.path(), &id));
    assert!(resume_when_free(tmp.path(), &id).is_ok());
}

#[test]
fn a_journal_torn_by_a_crash_imports_its_complete_lines() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let (mut rec, _) = Recorder::start(dir, &started(Some("K-9"), T0));
    let id = rec.call_id().clone();
    let blocker = rusqlite::Connection::open(dir.join("callcoach.db")).unwrap();
    blocker.execute_batch("BEGIN IMMEDIATE").unwrap();
    fallback_path(&rec.save_notes("complete line", T0 + 1));
    blocker.execute_batch("COMMIT").unwrap();
    drop(blocker);
    std::mem::forget(rec); // as if killed: no last flush, lock released below
    let journal = dir.join(format!("journal-{id}.jsonl"));
    let mut f = std::fs::OpenOptions::new()
        .append(true)
        .open(&journal)
        .unwrap();
    std::io::Write::write_all(&mut f, b"{\"call\":\"").unwrap();
    drop(f);
    // The forgotten recorder still holds the call's lock in this process;
    // a recorder resuming the call imports its own journal regardless.
    let store = Store::open(dir).unwrap();
    assert!(
        journal.exists(),
        "a live call's journal is left to its recorder"
    );
    drop(store);
    let _ = std::fs::remove_file(dir.join("locks").join(format!("{id}.lock")));
    let store = Store::open(dir).unwrap();
    let notice = store.notices().join("\n");
    assert!(notice.contains("1 incomplete line"), "{notice}");
    assert_eq!(store.load_call(&id).unwrap().notes, "complete line");
    assert!(!journal.exists());
}

/// The worker of `two_processes_write_concurrently`: run as a separate
/// process (this test binary again), it records one call into the
/// directory named by `CC_WORKER_DIR` and prints its id.
#[test]
#[ignore = "run as a child process by two_processes_write_concurrently"]
fn worker_process() {
    let (Ok(dir), Ok(n)) = (std::env::var("CC_WORKER_DIR"), std::env::var("CC_WORKER_N")) else {
        return;
    };
    let store = Store::open(Path::new(&dir)).unwrap();
    let (mut rec, _) = store.start_call(&started(Some(&format!("P-{n}")), T0));
    for i in 0..150 {
        let st = rec.save_notes(&format!("process {n} line {i}"), T0 + i);
        assert!(!matches!(st, SaveStatus::Failed { .. }), "{st:?}");
        let st = rec.append(&body(T0 + i * 10_000, "w")[..1]);
        assert!(!matches!(st, SaveStatus::Failed { .. }), "{st:?}");
    }
    flush_until_saved(&mut rec);
    println!("CALL-ID={}", rec.call_id());
}

#[test]
fn two_processes_write_concurrently() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    drop(Store::open(dir).unwrap());
    let children: Vec<_> = (1..=2)
        .map(|n| {
            std::process::Command::new(std::env::current_exe().unwrap())
                .args([
                    "store_fallback::worker_process",
                    "--exact",
                    "--ignored",
                    "--nocapture",
                    "--test-threads=1",
                ])
                .env("CC_WORKER_DIR", dir)
                .env("CC_WORKER_N", n.to_string())
                .stdout(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    let store_ids: Vec<(String, usize)> = children
        .into_iter()
        .enumerate()
        .map(|(i, c)| {
            let out = c.wait_with_output().unwrap();
            assert!(out.status.success());
            let text = String::from_utf8(out.stdout).unwrap();
            // The test harness may print its own words before ours on the line.
            let id = text
                .split("CALL-ID=")
                .nth(1)
                .and_then(|rest| rest.split_whitespace().next())
                .unwrap_or_else(|| panic!("no id in {text}"))
                .to_owned();
            (id, i + 1)
        })
        .collect();
    let store = Store::open(dir).unwrap();
    for (id, n) in store_ids {
        let call = store.load_call(&callcoach::store::CallId(id)).unwrap();
        assert_eq!(call.events.len(), 151);
        assert_eq!(call.notes, format!("process {n} line 149"));
    }
    let ok: String = store
        .conn_for_tests()
        .unwrap()
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(ok, "ok");
}

/// This process's POSIX locks on `path`, from /proc/locks.
fn own_locks_on(path: &Path) -> usize {
    use std::os::unix::fs::MetadataExt;
    let ino = std::fs::metadata(path).unwrap().ino();
    let pid = std::process::id().to_string();
    std::fs::read_to_string("/proc/locks")
        .unwrap()
        .lines()
        .filter(|l| {
            let f: Vec<&str> = l.split_whitespace().collect();
            f.len() > 5 && f[1] == "POSIX" && f[4] == pid && f[5].ends_with(&format!(":{ino}"))
        })
        .count()
}

/// Regression: opening another connection (a recorder reconnecting after a
/// failed save) must not touch the database file outside SQLite: closing
/// any descriptor of it drops this process's POSIX locks, held for the
/// other connections, and another program closing its connection then
/// deletes the WAL under them (seen with Python's sqlite3 holding a lock).
#[test]
fn reconnecting_keeps_this_process_locks_on_the_database() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let store = Store::open(dir).unwrap();
    let (rec, _) = store.start_call(&started(Some("K-L"), T0));
    let id = rec.call_id().clone();
    drop(rec);
    store.load_call(&id).unwrap();
    let db = dir.join("callcoach.db");
    let before = own_locks_on(&db);
    assert!(
        before > 0,
        "a WAL connection holds a shared lock on the database file"
    );
    for _ in 0..3 {
        let rec = resume_when_free(dir, &id).unwrap();
        drop(rec);
        let (mut rec, _) = Recorder::start(dir, &started(None, T0));
        rec.save_notes("x", T0 + 1);
    }
    assert_eq!(
        own_locks_on(&db),
        before,
        "locks dropped by a stray open/close"
    );
}

#[test]
fn a_journal_with_unreadable_lines_is_kept_not_thrown_away() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let (rec, _) = Recorder::start(dir, &started(Some("K-10"), T0));
    let id = rec.call_id().clone();
    drop(rec);
    let journal = dir.join(format!("journal-{id}.jsonl"));
    let notes = format!(
        "{{\"call\":\"{id}\",\"time\":1,\"kind\":\"notes\",\"payload\":{{\"text\":\"kept\",\"saved_at\":{}}}}}\n",
        T0 + 5
    );
    // A line from some future format, then a good one.
    std::fs::write(
        &journal,
        format!("{{\"call\":\"{id}\",\"kind\":\"future\"}}\n{notes}"),
    )
    .unwrap();
    let store = Store::open(dir).unwrap();
    assert!(journal.exists(), "kept");
    assert!(
        store
            .notices()
            .iter()
            .any(|n| n.contains("could not be read")),
        "{:?}",
        store.notices()
    );
    assert_eq!(
        store.load_call(&id).unwrap().notes,
        "kept",
        "the readable part is imported"
    );
}
