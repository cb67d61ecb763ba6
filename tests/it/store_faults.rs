//! Store faults of issue 10, each reproduced: another process holding the
//! database lock across a restart, a read-only or damaged database, a
//! database overwritten under an open connection, a journal with lines
//! that cannot be read, nowhere at all to write. Nothing typed is lost.

use crate::support::store::*;
use callcoach::store::{CallSink, Recorder, Rescue, SaveStatus, Store};
use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

/// Another process holding SQLite's write lock on the database in `dir`
/// until dropped.
pub struct LockHolder(Child, Option<std::thread::JoinHandle<()>>);

impl LockHolder {
    pub fn start(dir: &Path) -> LockHolder {
        let mut child = Command::new(std::env::current_exe().unwrap())
            .args([
                "store_faults::lock_holder_process",
                "--exact",
                "--ignored",
                "--nocapture",
                "--test-threads=1",
            ])
            .env("CC_LOCK_DB", dir.join("callcoach.db"))
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .unwrap();
        // Wait until it holds the lock.
        let out = child.stdout.take().unwrap();
        let mut lines = std::io::BufReader::new(out).lines();
        loop {
            match lines.next() {
                Some(Ok(l)) if l.contains("LOCKED") => break,
                Some(Ok(_)) => continue,
                other => panic!("lock holder did not start: {other:?}"),
            }
        }
        // Keep reading its output to the end (its test harness still talks).
        let drain = std::thread::spawn(move || for _ in lines {});
        LockHolder(child, Some(drain))
    }
}

impl Drop for LockHolder {
    fn drop(&mut self) {
        // Closing its input makes it roll back and end.
        drop(self.0.stdin.take());
        let _ = self.0.wait();
        if let Some(d) = self.1.take() {
            let _ = d.join();
        }
    }
}

/// The lock holder: a separate process (this test binary again) that
/// takes the write lock of `CC_LOCK_DB` and keeps it until its input closes.
#[test]
#[ignore = "run as a child process by LockHolder"]
fn lock_holder_process() {
    let Ok(db) = std::env::var("CC_LOCK_DB") else {
        return;
    };
    let conn = rusqlite::Connection::open(db).unwrap();
    conn.execute_batch("BEGIN IMMEDIATE").unwrap();
    println!("LOCKED");
    std::io::stdout().flush().unwrap();
    let mut buf = String::new();
    while std::io::stdin()
        .read_line(&mut buf)
        .map(|n| n > 0)
        .unwrap_or(false)
    {}
    conn.execute_batch("ROLLBACK").unwrap();
}

fn fallback(st: &SaveStatus) -> bool {
    matches!(st, SaveStatus::Fallback { .. })
}

/// Issue 10, item 2: a restart while another process still holds the
/// database lock resumes from the database and the journal together, so
/// the journal's newer notes are not overwritten by later saves.
#[test]
fn a_restart_under_a_held_lock_keeps_the_journals_newer_notes() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let (mut rec, _) = Recorder::start(dir, &started(Some("LOCK-1"), T0));
    let id = rec.call_id().clone();
    assert_eq!(rec.save_notes("AAAA ", T0 + 1_000), SaveStatus::Saved);
    let holder = LockHolder::start(dir);
    assert!(fallback(&rec.save_notes("AAAA BBBB ", T0 + 2_000)));
    drop(rec); // the first window ends (quit or crash)

    // Restart, the lock still held: the call shows the newest text.
    let view = Store::open(dir).unwrap();
    assert_eq!(view.unfinished_calls().unwrap(), vec![id.clone()]);
    assert_eq!(view.load_call(&id).unwrap().notes, "AAAA BBBB ");
    drop(view);
    let mut rec = resume_when_free(dir, &id).unwrap();
    assert!(fallback(&rec.save_notes("AAAA BBBB CCCC ", T0 + 3_000)));
    drop(holder);
    assert_eq!(rec.flush(), SaveStatus::Saved);
    drop(rec);

    let store = Store::open(dir).unwrap();
    let calls = store.calls(&Default::default()).unwrap();
    assert_eq!(calls.len(), 1, "one call, not two");
    assert_eq!(store.load_call(&id).unwrap().notes, "AAAA BBBB CCCC ");
    assert!(
        std::fs::read_dir(dir).unwrap().all(|e| !e
            .unwrap()
            .file_name()
            .to_string_lossy()
            .starts_with("journal-")),
        "journal imported and removed"
    );
}

/// Makes `path` unwritable even for root (immutable attribute), or with
/// mode bits for other users. Returns false when neither is possible here.
fn make_read_only(path: &Path, on: bool) -> bool {
    let root = unsafe { libc::geteuid() } == 0;
    if root {
        Command::new("chattr")
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

/// Issue 10, item 2: a read-only database followed by a restart resumes
/// the call in the journal instead of starting a second one.
#[test]
fn a_read_only_database_and_a_restart_keep_one_call() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    drop(Store::open(dir).unwrap());
    let db = dir.join("callcoach.db");
    assert!(
        make_read_only(&db, true),
        "cannot make the database read-only here"
    );
    let (mut rec, st) = Recorder::start(dir, &started(Some("RO-1"), T0));
    assert!(fallback(&st), "{st:?}");
    let id = rec.call_id().clone();
    rec.save_notes("first part ", T0 + 1_000);
    drop(rec);

    // Restart: the database still read-only. The call is found and resumed.
    assert!(
        Store::open(dir).is_err(),
        "a read-only database is not opened for writing"
    );
    let view = Store::open_any(dir);
    assert_eq!(view.unfinished_calls().unwrap(), vec![id.clone()]);
    assert_eq!(view.load_call(&id).unwrap().notes, "first part ");
    drop(view);
    let mut rec = resume_when_free(dir, &id).unwrap();
    rec.save_notes("first part second part", T0 + 2_000);
    drop(rec);

    assert!(make_read_only(&db, false));
    let store = Store::open(dir).unwrap();
    assert_eq!(store.calls(&Default::default()).unwrap().len(), 1);
    assert_eq!(
        store.load_call(&id).unwrap().notes,
        "first part second part"
    );
}

/// Issue 10, item 3: the database file overwritten while a call records
/// is noticed before the next write; the call goes on in the journal, and
/// the damaged file is never written or checkpointed into.
#[test]
fn a_database_overwritten_mid_call_is_never_written_into() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let store = Store::open(dir).unwrap(); // another connection, like the call screen's
    let (mut rec, _) = store.start_call(&started(Some("DMG-1"), T0));
    let id = rec.call_id().clone();
    assert_eq!(rec.save_notes("AAAA ", T0 + 1_000), SaveStatus::Saved);
    // Overwrite the file in place (same inode), as another program would.
    let db = dir.join("callcoach.db");
    let len = std::fs::metadata(&db).unwrap().len() as usize;
    let garbage = vec![0x5au8; len.max(8192)];
    {
        let mut f = std::fs::OpenOptions::new().write(true).open(&db).unwrap();
        f.write_all(&garbage).unwrap();
        f.sync_all().unwrap();
    }
    let st = rec.save_notes("AAAA BBBB ", T0 + 2_000);
    match &st {
        SaveStatus::Fallback { reason, .. } => assert!(reason.contains("damaged"), "{reason}"),
        other => panic!("expected the journal, got {other:?}"),
    }
    assert!(rec.damage().is_some());
    rec.append(&body(T0 + 3_000, "nieuwe rits"));
    drop(rec);
    drop(store);
    assert_eq!(std::fs::read(&db).unwrap(), garbage, "never written into");

    // The agent moves the damaged file aside: everything comes back.
    std::fs::rename(&db, dir.join("callcoach.db.damaged")).unwrap();
    for suffix in ["-wal", "-shm"] {
        let _ = std::fs::rename(
            dir.join(format!("callcoach.db{suffix}")),
            dir.join(format!("callcoach.db.damaged{suffix}")),
        );
    }
    let store = Store::open(dir).unwrap();
    let call = store.load_call(&id).unwrap();
    assert_eq!(call.notes, "AAAA BBBB ");
    assert_eq!(
        call.events.len(),
        5,
        "the start and the body, from the journal"
    );
}

/// The write-ahead log overwritten mid-call is damage too.
#[test]
fn a_wal_overwritten_mid_call_is_damage() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let (mut rec, _) = Recorder::start(dir, &started(Some("DMG-2"), T0));
    let id = rec.call_id().clone();
    assert_eq!(rec.save_notes("één ", T0 + 1_000), SaveStatus::Saved);
    let wal = dir.join("callcoach.db-wal");
    assert!(wal.exists());
    {
        let mut f = std::fs::OpenOptions::new().write(true).open(&wal).unwrap();
        f.write_all(&[0xa5; 64]).unwrap();
    }
    let st = rec.save_notes("één twee ", T0 + 2_000);
    assert!(fallback(&st), "{st:?}");
    drop(rec);
    // Whatever the database kept, the journal has the whole call.
    let journal = dir.join(format!("journal-{id}.jsonl"));
    let text = std::fs::read_to_string(journal).unwrap();
    assert!(text.contains("\"started\""), "the whole call: {text}");
    assert!(text.contains("één twee "));
}

/// Issue 10, item 9: a journal line cut short by a crash is skipped with a
/// notice; an unreadable line does not turn every save into "database
/// unavailable".
#[test]
fn journal_lines_that_cannot_be_read() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let (mut rec, _) = Recorder::start(dir, &started(Some("J-1"), T0));
    let id = rec.call_id().clone();
    rec.save_notes("saved", T0 + 1);
    drop(rec);
    let journal = dir.join(format!("journal-{id}.jsonl"));
    // A torn last line: imported with a notice naming the skipped line.
    std::fs::write(
        &journal,
        format!(
            "{{\"call\":\"{id}\",\"time\":1,\"kind\":\"notes\",\"payload\":{{\"text\":\"newer\",\"saved_at\":{}}}}}\n{{\"call\":\"{id}\",\"ti",
            T0 + 5
        ),
    )
    .unwrap();
    let store = Store::open(dir).unwrap();
    assert!(
        store
            .notices()
            .iter()
            .any(|n| n.contains("incomplete line")),
        "{:?}",
        store.notices()
    );
    assert_eq!(store.load_call(&id).unwrap().notes, "newer");
    drop(store);

    // A line from a newer version: kept, and saves still reach the database.
    std::fs::write(
        &journal,
        format!("{{\"call\":\"{id}\",\"kind\":\"future\"}}\n"),
    )
    .unwrap();
    let mut rec = resume_when_free(dir, &id).unwrap();
    assert_eq!(rec.save_notes("newest", T0 + 9), SaveStatus::Saved);
    drop(rec);
    assert!(
        journal.exists(),
        "a journal with an unreadable line is kept"
    );
    assert_eq!(
        Store::open(dir).unwrap().load_call(&id).unwrap().notes,
        "newest"
    );
}

/// Issue 10, item 1 (the store's part): with the database and the journal
/// unwritable, quitting rescues everything into the first place that can
/// be written, and that file brings the call back.
#[test]
fn nothing_writable_in_the_data_directory_rescues_elsewhere() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("data");
    let elsewhere = tmp.path().join("config");
    let (mut rec, _) = Recorder::start(&dir, &started(Some("FULL-1"), T0));
    let id = rec.call_id().clone();
    rec.save_notes("typed before", T0 + 1);
    let holder = LockHolder::start(&dir);
    assert!(make_read_only(&dir, true));
    let st = rec.save_notes("typed before and after the fault", T0 + 2);
    assert!(matches!(st, SaveStatus::Failed { .. }), "{st:?}");
    assert!(rec.unsaved());
    let unwritable = dir.clone();
    let rescue = rec.rescue_with(&[unwritable, elsewhere.clone()]);
    assert!(make_read_only(&dir, false));
    let path = match rescue {
        Rescue::Written(p) => p,
        other => panic!("{other:?}"),
    };
    assert!(path.starts_with(&elsewhere), "{}", path.display());
    assert!(!rec.unsaved());
    drop(rec);
    drop(holder);
    // Moved into the data directory, it is imported at the next start.
    let name = path.file_name().unwrap();
    std::fs::rename(&path, dir.join(name)).unwrap();
    let store = Store::open(&dir).unwrap();
    assert_eq!(
        store.load_call(&id).unwrap().notes,
        "typed before and after the fault"
    );
    assert_eq!(store.calls(&Default::default()).unwrap().len(), 1);
}

/// Nowhere at all to write: the rescue says so and keeps the data.
#[test]
fn nowhere_at_all_to_write_is_reported_not_hidden() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("data");
    let (mut rec, _) = Recorder::start(&dir, &started(Some("FULL-2"), T0));
    let holder = LockHolder::start(&dir);
    assert!(make_read_only(&dir, true));
    rec.save_notes("only in memory", T0 + 1);
    let other: PathBuf = tmp.path().join("ro");
    std::fs::create_dir(&other).unwrap();
    assert!(make_read_only(&other, true));
    let rescue = rec.rescue_with(&[dir.clone(), other.clone()]);
    assert!(make_read_only(&other, false));
    assert!(make_read_only(&dir, false));
    assert!(matches!(rescue, Rescue::Nowhere(_)), "{rescue:?}");
    assert!(rec.unsaved());
    drop(holder);
    assert_eq!(rec.flush(), SaveStatus::Saved);
}

/// Issue 10, item 5: a read-only store is still readable: `calls list`,
/// `show` and `export` work and say the store is read-only; nothing in it
/// changes.
#[test]
fn a_read_only_store_can_be_read() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("data");
    let id = {
        let (mut rec, _) = Recorder::start(&dir, &started(Some("RO-READ"), T0));
        rec.append(&body(T0, "leesbaar"));
        rec.save_notes("mijn notities", T0 + 5_000);
        rec.call_id().clone()
    };
    let db = dir.join("callcoach.db");
    // Group- and world-readable, like a file from another user's umask.
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&db, std::fs::Permissions::from_mode(0o644)).unwrap();
    assert!(make_read_only(&db, true));
    assert!(make_read_only(&dir, true));
    let before = std::fs::read(&db).unwrap();
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_callcoach"))
            .arg("--data-dir")
            .arg(&dir)
            .args(args)
            .env("CALLCOACH_RETENTION", "off")
            .output()
            .unwrap()
    };
    let list = run(&["calls", "list"]);
    let show = run(&["calls", "show", id.as_str()]);
    let export = run(&["calls", "export", id.as_str(), "--format", "json"]);
    let mode = std::fs::metadata(&db).unwrap().permissions().mode() & 0o777;
    assert!(make_read_only(&dir, false));
    assert!(make_read_only(&db, false));
    for (name, o) in [("list", &list), ("show", &show), ("export", &export)] {
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(o.status.success(), "{name}: {err}");
        assert!(err.contains("read-only"), "{name}: {err}");
    }
    assert!(String::from_utf8_lossy(&list.stdout).contains("RO-READ"));
    assert!(String::from_utf8_lossy(&show.stdout).contains("mijn notities"));
    assert!(String::from_utf8_lossy(&export.stdout).contains("leesbaar"));
    assert_eq!(std::fs::read(&db).unwrap(), before, "nothing written");
    assert_eq!(mode, 0o644, "modes are repaired only when writing");
}
