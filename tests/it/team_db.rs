//! The team database against a real PostgreSQL (a throwaway cluster, see
//! support/pg.rs): roles and row-level security, exactly-once sync,
//! erase and purge reaching the team database, the team report.

use crate::support::pg;
use crate::support::store::{T0, body, ended, started};
use callcoach::engine::{Event, EventKind};
use callcoach::store::{CallSink, PracticeRecord, Store};
use callcoach::team::{report, sync};

/// Records `n` ended calls (customers `K-<prefix>-<i>`) and one practice
/// result; returns the store.
fn store_with_calls(dir: &std::path::Path, prefix: &str, n: usize) -> Store {
    let store = Store::open(dir).unwrap();
    for i in 0..n {
        let t = T0 + (i as i64) * 60_000;
        let (mut rec, _) = store.start_call(&started(Some(&format!("K-{prefix}-{i}")), t));
        rec.append(&body(t, "nieuwe jas sturen"));
        rec.append(&[Event {
            at: t + 5_000,
            kind: EventKind::CauseSet {
                cause: "delivery".into(),
            },
        }]);
        rec.save_notes(&format!("notes of call {i}"), t + 6_000);
        rec.append(&[ended(t + 9_000)]);
    }
    store
        .record_practice(&PracticeRecord {
            trainee: format!("trainee-{prefix}"),
            scenario_id: "late-delivery".into(),
            started_at: T0,
            finished_at: T0 + 120_000,
            moves_json: "[]".into(),
            score: 80,
            passed: true,
            breakdown_json: "{}".into(),
        })
        .unwrap();
    store
}

fn count(c: &mut postgres::Client, sql: &str) -> i64 {
    c.query_one(sql, &[]).unwrap().get(0)
}

#[test]
fn an_agent_reads_and_writes_only_their_own_rows() {
    let db = pg::team_db();
    let ann = db.role("ann", "callcoach_agent");
    let bob = db.role("bob", "callcoach_agent");
    let lee = db.role("lee", "callcoach_lead");
    let tmp = tempfile::tempdir().unwrap();
    let mut store = store_with_calls(tmp.path(), "ann", 2);
    let mut as_ann = db.connect_as(&ann);
    let rep = sync::run(&mut store, &mut as_ann, &mut |_| {}).unwrap();
    assert_eq!((rep.calls, rep.practice, rep.pending), (2, 1, 0));
    assert_eq!(
        count(&mut as_ann, "SELECT count(*) FROM callcoach.calls"),
        2
    );

    // Bob's role sees nothing of Ann's, by table or by key.
    let mut as_bob = db.connect_as(&bob);
    for table in ["calls", "events", "practice"] {
        assert_eq!(
            count(
                &mut as_bob,
                &format!("SELECT count(*) FROM callcoach.{table}")
            ),
            0,
            "bob sees ann's {table}"
        );
    }
    assert!(
        as_bob
            .query(
                "SELECT notes FROM callcoach.calls WHERE customer = 'K-ann-0'",
                &[]
            )
            .unwrap()
            .is_empty()
    );
    // Nor can he write in her name, change or delete her rows.
    let forged = as_bob.execute(
        "INSERT INTO callcoach.calls (agent, call_id, playbook_id, playbook_version, channel, \
         started_at, last_activity) VALUES ($1, 'x', 'p', '1', 'phone', 0, 0)",
        &[&ann],
    );
    assert!(forged.is_err(), "bob inserted a row as ann");
    let changed = as_bob
        .execute("UPDATE callcoach.calls SET notes = 'x'", &[])
        .unwrap();
    assert_eq!(changed, 0);
    assert!(as_bob.execute("DELETE FROM callcoach.calls", &[]).is_err());
    assert!(as_ann.execute("DELETE FROM callcoach.calls", &[]).is_err());

    // The lead reads everyone's, and cannot write.
    let mut as_lee = db.connect_as(&lee);
    assert_eq!(
        count(&mut as_lee, "SELECT count(*) FROM callcoach.calls"),
        2
    );
    assert_eq!(
        count(&mut as_lee, "SELECT count(*) FROM callcoach.practice"),
        1
    );
    assert!(
        as_lee
            .execute("UPDATE callcoach.calls SET notes = 'x'", &[])
            .is_err()
    );

    // Erase goes through the function, for whoever's rows hold the customer.
    let gone: i64 = as_bob
        .query_one("SELECT callcoach.erase_customer('K-ann-1')", &[])
        .unwrap()
        .get(0);
    assert_eq!(gone, 1);
    assert_eq!(
        count(&mut as_lee, "SELECT count(*) FROM callcoach.calls"),
        1
    );
    assert_eq!(
        count(
            &mut as_lee,
            "SELECT count(*) FROM callcoach.events e WHERE NOT EXISTS \
             (SELECT 1 FROM callcoach.calls c WHERE c.call_id = e.call_id)"
        ),
        0
    );
    // Purge by an agent reaches only their own rows; by the lead, everyone's.
    let n: i64 = as_bob
        .query_one("SELECT callcoach.purge_before($1)", &[&(T0 + 10_000_000)])
        .unwrap()
        .get(0);
    assert_eq!(n, 0);
    let n: i64 = as_lee
        .query_one("SELECT callcoach.purge_before($1)", &[&(T0 + 10_000_000)])
        .unwrap()
        .get(0);
    assert_eq!(n, 2, "one call and one practice result");
}

#[test]
fn init_is_versioned_and_idempotent() {
    let db = pg::fresh_db();
    let mut admin = db.admin();
    assert_eq!(callcoach::team::schema::version(&mut admin).unwrap(), 0);
    let latest = callcoach::team::schema::LATEST;
    assert_eq!(
        callcoach::team::schema::migrate(&mut admin).unwrap(),
        (0, latest)
    );
    assert_eq!(
        callcoach::team::schema::migrate(&mut admin).unwrap(),
        (latest, latest)
    );
    // A newer database is refused, not silently used.
    admin
        .execute(
            "INSERT INTO callcoach.schema_version (version) VALUES ($1)",
            &[&(latest + 1)],
        )
        .unwrap();
    assert!(callcoach::team::schema::migrate(&mut admin).is_err());
    assert!(callcoach::team::schema::require_current(&mut admin).is_err());
}

#[test]
fn an_interrupted_sync_repeated_loses_and_duplicates_nothing() {
    let db = pg::team_db();
    let ann = db.role("ann", "callcoach_agent");
    let tmp = tempfile::tempdir().unwrap();
    let mut store = store_with_calls(tmp.path(), "ann", 6);
    let events_local: usize = store
        .all_calls()
        .unwrap()
        .iter()
        .map(|c| c.events.len())
        .sum();
    let mut client = db.connect_as(&ann);
    // Stop after the third item reached the team database but before it
    // was marked sent: the worst moment.
    let mut seen = 0;
    let stopped = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        sync::run(&mut store, &mut client, &mut |_| {
            seen += 1;
            if seen == 3 {
                panic!("killed mid-sync");
            }
        })
    }));
    assert!(stopped.is_err());
    let status = store.outbox_status().unwrap();
    assert_eq!(status.sent, 2);
    assert_eq!(status.pending_calls + status.pending_practice, 5);

    let mut client = db.connect_as(&ann);
    let rep = sync::run(&mut store, &mut client, &mut |_| {}).unwrap();
    assert_eq!(rep.calls + rep.practice, 5);
    assert_eq!(rep.pending, 0);
    assert_eq!(
        count(&mut client, "SELECT count(*) FROM callcoach.calls"),
        6
    );
    assert_eq!(
        count(&mut client, "SELECT count(*) FROM callcoach.events"),
        events_local as i64
    );
    assert_eq!(
        count(&mut client, "SELECT count(*) FROM callcoach.practice"),
        1
    );
    // Everything arrived as recorded.
    let row = client
        .query_one(
            "SELECT notes, outcome, cause, jsonb_array_length(agreements), follow_up->>'due', \
             playbook_id, agent FROM callcoach.calls WHERE customer = 'K-ann-4'",
            &[],
        )
        .unwrap();
    assert_eq!(row.get::<_, String>(0), "notes of call 4");
    assert_eq!(row.get::<_, String>(1), "resolved_with_follow_up");
    assert_eq!(row.get::<_, String>(2), "delivery");
    assert_eq!(row.get::<_, i32>(3), 1);
    assert_eq!(row.get::<_, String>(4), "2026-12-02");
    assert_eq!(row.get::<_, String>(5), "klachtgesprek");
    assert_eq!(row.get::<_, String>(6), ann);

    // A third run sends nothing; a reopened call is sent again with its new events.
    let rep = sync::run(&mut store, &mut client, &mut |_| {}).unwrap();
    assert_eq!((rep.calls, rep.practice), (0, 0));
    let id = store.all_calls().unwrap()[0].id.clone();
    let mut rec = store.recorder(&id).unwrap();
    rec.append(&[Event {
        at: T0 + 20_000,
        kind: EventKind::Reopened,
    }]);
    rec.save_notes("notes, amended", T0 + 21_000);
    rec.append(&[ended(T0 + 22_000)]);
    drop(rec);
    let rep = sync::run(&mut store, &mut client, &mut |_| {}).unwrap();
    assert_eq!(rep.calls, 1);
    assert_eq!(
        count(&mut client, "SELECT count(*) FROM callcoach.events"),
        events_local as i64 + 2
    );
    let notes: String = client
        .query_one(
            "SELECT notes FROM callcoach.calls WHERE call_id = $1",
            &[&id.as_str()],
        )
        .unwrap()
        .get(0);
    assert_eq!(notes, "notes, amended");
}

#[test]
fn unfinished_calls_stay_home() {
    let db = pg::team_db();
    let ann = db.role("ann", "callcoach_agent");
    let tmp = tempfile::tempdir().unwrap();
    let mut store = Store::open(tmp.path()).unwrap();
    let (mut rec, _) = store.start_call(&started(Some("K-live"), T0));
    rec.save_notes("still talking", T0 + 1_000);
    drop(rec);
    let mut client = db.connect_as(&ann);
    let rep = sync::run(&mut store, &mut client, &mut |_| {}).unwrap();
    assert_eq!((rep.calls, rep.pending), (0, 0));
    assert_eq!(
        count(&mut client, "SELECT count(*) FROM callcoach.calls"),
        0
    );
}

#[test]
fn a_failed_sync_is_reported_and_retried() {
    let db = pg::fresh_db(); // no `team init`: the push must fail
    let tmp = tempfile::tempdir().unwrap();
    let mut store = store_with_calls(tmp.path(), "x", 1);
    let mut client = db.admin();
    let err = sync::run(&mut store, &mut client, &mut |_| {}).unwrap_err();
    assert!(format!("{err:#}").contains("team init"), "{err:#}");
    sync::record_failure(&mut store, &err);
    let st = store.outbox_status().unwrap();
    assert_eq!((st.pending_calls, st.pending_practice), (1, 1));
    assert!(st.last_error.unwrap().contains("team init"));
    callcoach::team::schema::migrate(&mut client).unwrap();
    sync::run(&mut store, &mut client, &mut |_| {}).unwrap();
    let st = store.outbox_status().unwrap();
    assert_eq!((st.pending_calls, st.last_error), (0, None));
}

#[test]
fn the_team_report_covers_every_agent_for_a_lead() {
    let db = pg::team_db();
    let ann = db.role("ann", "callcoach_agent");
    let bob = db.role("bob", "callcoach_agent");
    let lee = db.role("lee", "callcoach_lead");
    for (who, n) in [(&ann, 3), (&bob, 2)] {
        let tmp = tempfile::tempdir().unwrap();
        let mut store = store_with_calls(tmp.path(), who, n);
        sync::run(&mut store, &mut db.connect_as(who), &mut |_| {}).unwrap();
    }
    let rep = report::build(&mut db.connect_as(&lee), None, None, "2030-01-01").unwrap();
    let per_agent: Vec<(String, i64)> = rep
        .agents
        .iter()
        .map(|a| (a.agent.clone(), a.calls))
        .collect();
    assert_eq!(per_agent, vec![(ann.clone(), 3), (bob.clone(), 2)]);
    assert_eq!(rep.causes[0].label, "delivery");
    assert_eq!(rep.causes[0].value, 5);
    assert_eq!(rep.practice.len(), 2);
    assert_eq!(rep.overdue_follow_ups.len(), 5);
    assert_eq!(rep.stage_average_ms[0].label, "listen");
    assert_eq!(rep.stage_average_ms[0].value, 1_000);
    // --agent and --since narrow it; an agent's own role sees only their rows.
    let only_bob = report::build(&mut db.connect_as(&lee), None, Some(&bob), "2030-01-01").unwrap();
    assert_eq!(only_bob.agents.len(), 1);
    let late = report::build(
        &mut db.connect_as(&lee),
        Some(T0 + 120_000),
        None,
        "2030-01-01",
    )
    .unwrap();
    assert_eq!(late.agents.iter().map(|a| a.calls).sum::<i64>(), 1);
    let own = report::build(&mut db.connect_as(&bob), None, None, "2030-01-01").unwrap();
    assert_eq!(own.agents.len(), 1);
    assert_eq!(own.agents[0].agent, bob);
    let csv = report::csv(&rep);
    assert!(csv.starts_with("section,agent,label,value\n"));
    assert!(csv.contains(&format!("calls,{ann},calls,3")));
    let en = report::table(
        &rep,
        callcoach::playbook::Language::En,
        &report::Names::default(),
    );
    assert!(
        en.contains("Overdue follow-ups") && en.contains("Agree a solution"),
        "{en}"
    );
    let nl = report::table(
        &rep,
        callcoach::playbook::Language::Nl,
        &report::Names::default(),
    );
    assert!(nl.contains("Achterstallige opvolging"), "{nl}");
    assert!(
        !nl.contains("Overdue") && !nl.contains("agree_solution"),
        "{nl}"
    );
}
