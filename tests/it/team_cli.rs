//! The team commands as a user runs them: the real binary, two agents on
//! two data directories against one throwaway PostgreSQL cluster.

use crate::support::pg;
use crate::support::store::found_anywhere;
use crate::support::store::{T0, body, ended, started};
use callcoach::store::{CallSink, Store};
use std::path::Path;
use std::process::{Command, Output};

fn callcoach(dir: &Path, url: Option<&str>, args: &[&str]) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_callcoach"));
    c.arg("--data-dir").arg(dir).args(team_in_english(args));
    c.env_remove("CALLCOACH_TEAM_URL").env_remove("PGPASSWORD");
    // The stored test calls have fixed dates that age: no retention.
    c.env("CALLCOACH_RETENTION", "off");
    if let Some(u) = url {
        c.env("CALLCOACH_TEAM_URL", u);
    }
    c
}

fn run(dir: &Path, url: Option<&str>, args: &[&str]) -> Output {
    callcoach(dir, url, args).output().unwrap()
}

/// The team commands' messages are matched in English: `--lang en` before
/// a `team` subcommand (the interface's default language is Dutch).
fn team_in_english<'a>(args: &[&'a str]) -> Vec<&'a str> {
    let mut all = Vec::new();
    if args.first() == Some(&"team") {
        all.extend(["--lang", "en"]);
    }
    all.extend(args);
    all
}

fn text(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

fn record(dir: &Path, prefix: &str, n: usize) {
    let store = Store::open(dir).unwrap();
    for i in 0..n {
        let t = T0 + (i as i64) * 60_000;
        let (mut rec, _) = store.start_call(&started(Some(&format!("K-{prefix}-{i}")), t));
        rec.append(&body(t, "nieuwe jas sturen"));
        rec.save_notes(&format!("notes {prefix} {i}"), t + 6_000);
        rec.append(&[ended(t + 9_000)]);
    }
}

#[test]
fn without_a_url_nothing_is_sent() {
    let tmp = tempfile::tempdir().unwrap();
    let o = run(tmp.path(), None, &["team", "status"]);
    assert!(o.status.success());
    assert!(text(&o).contains("Local only"), "{}", text(&o));
    let o = run(tmp.path(), None, &["team", "sync"]);
    assert!(!o.status.success());
    assert!(text(&o).contains("CALLCOACH_TEAM_URL"), "{}", text(&o));
    let o = run(tmp.path(), None, &["report", "--team"]);
    assert!(!o.status.success());
}

#[test]
fn two_agents_sync_and_the_lead_reports_both() {
    let db = pg::team_db();
    let ann = db.role("ann", "callcoach_agent");
    let bob = db.role("bob", "callcoach_agent");
    let lee = db.role("lee", "callcoach_lead");
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    record(a.path(), "ann", 2);
    record(b.path(), "bob", 1);
    // A password in the URL is used but never stored or printed.
    let ann_url = format!("{} password=canary-s3cret", db.url_as(&ann));
    let o = run(a.path(), Some(&ann_url), &["team", "sync"]);
    assert!(o.status.success(), "{}", text(&o));
    assert!(text(&o).contains("Sent 2 call(s)"), "{}", text(&o));
    assert!(!text(&o).contains("canary"), "{}", text(&o));
    let o = run(a.path(), Some(&ann_url), &["team", "status"]);
    assert!(text(&o).contains("Pending: 0 call(s)"), "{}", text(&o));
    assert!(text(&o).contains("password=***"), "{}", text(&o));
    assert!(found_anywhere(a.path(), b"canary").is_empty());
    let o = run(b.path(), Some(&db.url_as(&bob)), &["team", "sync"]);
    assert!(o.status.success(), "{}", text(&o));

    let o = run(
        a.path(),
        Some(&db.url_as(&lee)),
        &["report", "--team", "--format", "csv"],
    );
    assert!(o.status.success(), "{}", text(&o));
    let csv = String::from_utf8_lossy(&o.stdout);
    assert!(csv.contains(&format!("calls,{ann},calls,2")), "{csv}");
    assert!(csv.contains(&format!("calls,{bob},calls,1")), "{csv}");
    let o = run(
        a.path(),
        Some(&db.url_as(&lee)),
        &["report", "--team", "--format", "json", "--only-agent", &bob],
    );
    let json: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(json["agents"].as_array().unwrap().len(), 1);
    // Bob's own credentials report only Bob.
    let o = run(
        b.path(),
        Some(&db.url_as(&bob)),
        &["report", "--team", "--format", "csv"],
    );
    let csv = String::from_utf8_lossy(&o.stdout);
    assert!(!csv.contains(&ann), "{csv}");

    // Erase on Bob's machine removes the customer from the team database,
    // Ann's rows included.
    let o = run(
        b.path(),
        Some(&db.url_as(&bob)),
        &["erase", "--customer", "K-ann-1"],
    );
    assert!(o.status.success(), "{}", text(&o));
    assert!(
        text(&o).contains("1 rij(en) uit de teamdatabase verwijderd"),
        "{}",
        text(&o)
    );
    let left: i64 = db
        .admin()
        .query_one(
            "SELECT count(*) FROM callcoach.calls WHERE customer = 'K-ann-1'",
            &[],
        )
        .unwrap()
        .get(0);
    assert_eq!(left, 0);
}

#[test]
fn killing_a_sync_and_syncing_again_loses_and_duplicates_nothing() {
    let db = pg::team_db();
    let ann = db.role("ann", "callcoach_agent");
    let url = db.url_as(&ann);
    let tmp = tempfile::tempdir().unwrap();
    let n = 150;
    record(tmp.path(), "k", n);
    let events: i64 = Store::open(tmp.path())
        .unwrap()
        .all_calls()
        .unwrap()
        .iter()
        .map(|c| c.events.len() as i64)
        .sum();
    // Kill it at several moments (SIGKILL: no cleanup of any kind).
    for ms in [30u64, 120, 250] {
        let mut child = callcoach(tmp.path(), Some(&url), &["team", "sync", "--quiet"])
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(ms));
        let _ = child.kill();
        let _ = child.wait();
    }
    let o = run(tmp.path(), Some(&url), &["team", "sync"]);
    assert!(o.status.success(), "{}", text(&o));
    let mut c = db.admin();
    let calls: i64 = c
        .query_one("SELECT count(*) FROM callcoach.calls", &[])
        .unwrap()
        .get(0);
    let evs: i64 = c
        .query_one("SELECT count(*) FROM callcoach.events", &[])
        .unwrap()
        .get(0);
    assert_eq!((calls, evs), (n as i64, events));
    let o = run(tmp.path(), Some(&url), &["team", "status"]);
    assert!(text(&o).contains("Pending: 0 call(s)"), "{}", text(&o));
}

#[test]
fn an_unreachable_team_database_is_reported_in_status() {
    let tmp = tempfile::tempdir().unwrap();
    record(tmp.path(), "x", 1);
    let url = format!(
        "host={} dbname=nope user=nobody sslmode=disable",
        tmp.path().join("no-socket-here").display()
    );
    let o = run(tmp.path(), Some(&url), &["team", "sync"]);
    assert!(!o.status.success());
    let o = run(tmp.path(), Some(&url), &["team", "status"]);
    let t = text(&o);
    assert!(t.contains("Pending: 1 call(s)"), "{t}");
    assert!(t.contains("Last error: could not connect"), "{t}");
}
