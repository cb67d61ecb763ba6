//! The store: recording, recovery, history, follow-ups, modes, migrations.

use crate::support::store as store_support;

use callcoach::engine::{CallOutcome, EventKind};
use callcoach::store::{CallFilter, CallSink, Recorder, SaveStatus, Store, schema};
use store_support::*;

#[test]
fn records_and_recovers_a_call() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("data");
    let store = Store::open(&dir).unwrap();
    let (mut rec, st) = store.start_call(&started(Some("K-1"), T0));
    assert_eq!(st, SaveStatus::Saved);
    let id = rec.call_id().clone();
    assert_eq!(
        rec.append(&body(T0, "nieuwe jas sturen")),
        SaveStatus::Saved
    );
    assert_eq!(rec.save_notes("eerste", T0 + 5_000), SaveStatus::Saved);
    assert_eq!(
        rec.save_notes("eerste versie\n! kapotte rits", T0 + 6_000),
        SaveStatus::Saved
    );
    // An older save arriving late (journal import) never overwrites newer notes.
    drop(rec);

    assert_eq!(store.unfinished_calls().unwrap(), vec![id.clone()]);
    let call = store.load_call(&id).unwrap();
    assert_eq!(call.events.len(), 5);
    assert_eq!(call.notes, "eerste versie\n! kapotte rits");
    assert_eq!(call.notes_saved_at, Some(T0 + 6_000));
    assert_eq!(call.last_activity, T0 + 6_000);
    let state = call.state().unwrap();
    assert_eq!(state.agreements.len(), 1);
    assert!(state.marked_difficult);
    // The start's facts, read without a replay, are the replayed state's.
    assert_eq!(call.meta(), Some(&state.meta));
    assert_eq!(call.playbook_hash(), state.meta.playbook_hash.as_deref());
    assert_eq!(call.info.follow_up_due.as_deref(), Some("2026-12-02"));

    // Resume: positions continue, and ending shows in the row.
    let mut rec = store.recorder(&id).unwrap();
    assert_eq!(rec.append(&[ended(T0 + 9_000)]), SaveStatus::Saved);
    drop(rec);
    let info = store.call_info(&id).unwrap().unwrap();
    assert_eq!(info.outcome, Some(CallOutcome::ResolvedWithFollowUp));
    assert_eq!(info.ended_at, Some(T0 + 9_000));
    assert!(store.unfinished_calls().unwrap().is_empty());
    let call = store.load_call(&id).unwrap();
    assert_eq!(call.events.len(), 6);
    assert!(matches!(call.events[5].kind, EventKind::Ended { .. }));
}

#[test]
fn history_finding_and_followups() {
    let tmp = tempfile::tempdir().unwrap();
    let store = Store::open(tmp.path()).unwrap();
    let (mut a, _) = store.start_call(&started(Some("K-7"), T0));
    a.append(&body(T0, "geld terug"));
    a.save_notes("A: klant | stuurt de bon", T0 + 5_000);
    a.append(&[ended(T0 + 10_000)]);
    let (mut b, _) = store.start_call(&started(Some("K-8"), T0 + 100_000));
    b.append(&[ended(T0 + 110_000)]);
    let (c, _) = store.start_call(&started(Some("K-7"), T0 + 200_000));
    let (a, b, c) = (
        a.call_id().clone(),
        b.call_id().clone(),
        c.call_id().clone(),
    );

    let h = store.customer_history("K-7").unwrap();
    assert_eq!(h.calls.len(), 2);
    assert_eq!(h.calls[0].id, c, "newest first");
    assert_eq!(h.calls[1].agreements[0].what, "geld terug");
    assert_eq!(h.calls[1].note_agreements[0].what, "stuurt de bon");
    assert!(h.difficult_before);
    assert!(!store.customer_history("K-8").unwrap().difficult_before);
    // Resuming `a`: its own history leaves it out (not read again).
    let h = store.customer_history_except("K-7", Some(&a)).unwrap();
    assert_eq!(h.calls.iter().map(|p| &p.id).collect::<Vec<_>>(), vec![&c]);
    assert!(!h.difficult_before, "only `a` was marked difficult");
    // A call's row, with and without a journal: as its events say.
    assert_eq!(
        store.call_info(&a).unwrap().unwrap().ended_at,
        Some(T0 + 10_000)
    );
    assert!(store.call_info(&c).unwrap().unwrap().is_unfinished());
    assert!(store.customer_history("nobody").unwrap().calls.is_empty());

    assert_eq!(store.find_call("last").unwrap(), c);
    assert_eq!(store.find_call(a.as_str()).unwrap(), a);
    assert!(store.find_call("zzz").is_err());
    assert!(store.find_call("../etc").is_err());
    let listed = store
        .calls(&CallFilter {
            customer: Some("K-8".into()),
            since: None,
        })
        .unwrap();
    assert_eq!(listed.iter().map(|c| &c.id).collect::<Vec<_>>(), vec![&b]);
    let since = store
        .calls(&CallFilter {
            customer: None,
            since: Some(T0 + 50_000),
        })
        .unwrap();
    assert_eq!(since.len(), 2);
    assert!(since.iter().any(|i| i.id == c && i.is_unfinished()));

    let f = store.open_followups().unwrap();
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].call, a);
    assert_eq!(f[0].what, "check delivery");
    assert_eq!(f[0].agreements.len(), 1);
    assert_eq!(f[0].note_agreements[0].who, "klant");
}

#[test]
fn directory_and_every_file_are_private_whatever_the_umask() {
    // A permissive umask must not leak into the files.
    let old = unsafe { libc::umask(0o000) };
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("nested").join("data");
    let store = Store::open(&dir).unwrap();
    let (mut rec, _) = store.start_call(&started(Some("K-1"), T0));
    rec.save_notes("x", T0 + 1);
    assert!(dir.join("callcoach.db-wal").exists(), "WAL mode");
    assert!(dir.join("callcoach.db-shm").exists());
    // A journal too: hold a write lock so the recorder falls back.
    let blocker = rusqlite::Connection::open(dir.join("callcoach.db")).unwrap();
    blocker.execute_batch("BEGIN IMMEDIATE").unwrap();
    assert!(matches!(
        rec.save_notes("y", T0 + 2),
        SaveStatus::Fallback { .. }
    ));
    unsafe { libc::umask(old) };
    assert_eq!(mode(&dir), 0o700);
    assert_eq!(mode(&tmp.path().join("nested")), 0o700);
    let files = all_files(&dir);
    assert!(files.len() >= 5, "{files:?}");
    for (p, m) in files {
        let want = if p.is_dir() { 0o700 } else { 0o600 };
        assert_eq!(m, want, "{}", p.display());
    }
}

#[test]
fn every_earlier_schema_version_migrates() {
    for v in 0..schema::LATEST {
        let tmp = tempfile::tempdir().unwrap();
        let db = tmp.path().join("callcoach.db");
        {
            let mut conn = rusqlite::Connection::open(&db).unwrap();
            schema::migrate_to(&mut conn, v).unwrap();
            assert_eq!(schema::version(&conn).unwrap(), v);
            if v >= 1 {
                conn.execute(
                    "INSERT INTO calls (id, playbook_id, playbook_version, customer, channel, started_at, last_activity) \
                     VALUES ('20260101-000000-abcd', 'klachtgesprek', '1.0', 'K-1', 'phone', 5, 5)",
                    [],
                )
                .unwrap();
            }
        }
        let store = Store::open(tmp.path()).unwrap();
        assert_eq!(
            schema::version_of(&store).unwrap(),
            schema::LATEST,
            "from v{v}"
        );
        let calls = store.calls(&CallFilter::default()).unwrap();
        assert_eq!(calls.len(), usize::from(v >= 1), "data kept from v{v}");
        // The latest tables work.
        store
            .record_practice(&callcoach::store::PracticeRecord {
                trainee: "t".into(),
                scenario_id: "s".into(),
                started_at: 1,
                finished_at: 2,
                moves_json: "[]".into(),
                score: 80,
                passed: true,
                breakdown_json: "{}".into(),
            })
            .unwrap();
        assert_eq!(
            store.practice_records(&Default::default()).unwrap().len(),
            1
        );
    }
}

#[test]
fn a_newer_database_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    {
        let conn = rusqlite::Connection::open(tmp.path().join("callcoach.db")).unwrap();
        conn.pragma_update(None, "user_version", schema::LATEST + 1)
            .unwrap();
    }
    let err = Store::open(tmp.path()).unwrap_err().to_string();
    assert!(err.contains("newer"), "{err}");
}

#[test]
fn recorder_without_store_open_first() {
    let tmp = tempfile::tempdir().unwrap();
    let (mut rec, st) = Recorder::start(tmp.path(), &started(None, T0));
    assert_eq!(st, SaveStatus::Saved);
    assert_eq!(rec.save_notes("n", T0 + 1), SaveStatus::Saved);
    let id = rec.call_id().clone();
    drop(rec);
    let store = Store::open(tmp.path()).unwrap();
    assert_eq!(store.load_call(&id).unwrap().notes, "n");
}

/// Resuming from the copy read for the resume question: when the store
/// still holds exactly that copy, the recorder continues it without reading
/// it again (positions go on, the notes move into the recorder); when
/// another window recorded into the call meanwhile, the copy is read again
/// under the lock, so the screen and the recorder continue the same call.
#[test]
fn resuming_from_a_read_copy_rereads_it_only_when_it_changed() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("data");
    let store = Store::open(&dir).unwrap();
    let (mut rec, _) = store.start_call(&started(Some("K-1"), T0));
    let id = rec.call_id().clone();
    rec.append(&body(T0, "nieuwe jas sturen"));
    rec.save_notes("eerste versie", T0 + 5_000);
    drop(rec);

    // The copy is current: adopted as it is.
    let mut copy = store.load_call(&id).unwrap();
    assert!(store.is_current(&copy));
    let mut rec = Recorder::resume_from(&store, &mut copy).unwrap();
    assert_eq!(rec.notes(), "eerste versie");
    assert!(copy.notes.is_empty(), "the notes moved into the recorder");
    assert!(
        Recorder::resume(&dir, &id).is_err(),
        "resuming takes the call's lock"
    );
    assert_eq!(rec.append(&[ended(T0 + 9_000)]), SaveStatus::Saved);
    drop(rec);
    let call = store.load_call(&id).unwrap();
    assert_eq!(call.events.len(), 6, "the end came after the five events");
    assert!(matches!(call.events[5].kind, EventKind::Ended { .. }));
    assert_eq!(call.notes, "eerste versie");

    // A copy read before another window added events and notes is stale:
    // read again, and the recorder goes on after the newest event.
    let (mut rec, _) = store.start_call(&started(Some("K-2"), T0 + 20_000));
    let id = rec.call_id().clone();
    rec.save_notes("oud", T0 + 21_000);
    drop(rec);
    let mut stale = store.load_call(&id).unwrap();
    let mut other = store.recorder(&id).unwrap();
    other.append(&body(T0 + 22_000, "geld terug"));
    other.save_notes("nieuwer", T0 + 23_000);
    drop(other);
    assert!(!store.is_current(&stale));
    let mut rec = Recorder::resume_from(&store, &mut stale).unwrap();
    assert_eq!(stale.events.len(), 5, "read again");
    assert_eq!(rec.notes(), "nieuwer");
    assert_eq!(rec.append(&[ended(T0 + 30_000)]), SaveStatus::Saved);
    drop(rec);
    let call = store.load_call(&id).unwrap();
    assert_eq!(call.events.len(), 6);
    assert!(matches!(call.events[5].kind, EventKind::Ended { .. }));
    assert_eq!(call.notes, "nieuwer");

    // Only notes saved since: stale too.
    let mut copy = store.load_call(&id).unwrap();
    let mut other = store.recorder(&id).unwrap();
    other.save_notes("nog nieuwer", T0 + 40_000);
    drop(other);
    assert!(!store.is_current(&copy));
    let rec = Recorder::resume_from(&store, &mut copy).unwrap();
    assert_eq!(rec.notes(), "nog nieuwer");
}
