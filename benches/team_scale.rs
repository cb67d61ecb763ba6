//! The team database at scale (issue 14, item 9): a throwaway PostgreSQL
//! 15 cluster (the tests' harness), 200 simulated agents × 50 ended calls
//! each pushed through the real sync code (`team::sync::run`, one login
//! role per agent, so row-level security is on the path), then
//!
//! 1. sync throughput: events and calls per second;
//! 2. `report --team` over the 10,000 calls: the library's `build` as a
//!    team lead, and the real binary's `callcoach report --team`;
//! 3. the live view's update latency under load: while 150 agents upsert
//!    their live status twice a second each, a probe agent's status change
//!    is timed until (a) a bare LISTEN connection receives the
//!    notification and (b) the real reader thread (`team::live::watch`)
//!    delivers a snapshot showing it.
//!
//! Run: `cargo bench --bench team_scale` (figures in BENCHMARKS.md). Takes
//! about a minute; not part of `cargo test`. `TEAM_SCALE_AGENTS` and
//! `TEAM_SCALE_CALLS` shrink it for a quick try.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

#[path = "../tests/it/support/pg.rs"]
mod pg;

use callcoach::engine::{
    Agreement, CallMeta, CallOutcome, Event, EventKind, FollowUp, ItemRef, LiveStatus, TickSource,
};
use callcoach::playbook::Channel;
use callcoach::stage::StageId;
use callcoach::store::{CallSink, Store};
use callcoach::team::live::send::{PgPost, Post};
use callcoach::team::live::watch::{self, Feed};
use postgres::fallible_iterator::FallibleIterator as _;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, mpsc};
use std::time::{Duration, Instant};

const T0: i64 = 1_790_000_000_000;

fn env_or(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn ev(at: i64, kind: EventKind) -> Event {
    Event { at, kind }
}

/// One realistic call: all six stages, ticks, phrases, sometimes a skip
/// and an escalation, an agreement, a follow-up, a cause, the end.
fn call_events(k: usize, t: i64) -> Vec<Event> {
    let mut e = vec![ev(
        t,
        EventKind::Started(CallMeta {
            playbook_id: "complaint-call".into(),
            playbook_version: "1.0".into(),
            playbook_hash: None,
            customer: Some(format!("K-{}", 1000 + k)),
            channel: Channel::Phone,
            difficult_before: false,
            agent: None,
            address: None,
        }),
    )];
    let mut at = t;
    for (i, stage) in StageId::ALL.into_iter().enumerate() {
        at += 20_000 + (k as i64 % 7) * 5_000;
        e.push(ev(
            at,
            EventKind::ItemChecked {
                item: ItemRef::new(stage, "first"),
                by: TickSource::Manual,
            },
        ));
        e.push(ev(at + 500, EventKind::PhraseUsed { stage, index: 0 }));
        if i == 1 && k.is_multiple_of(5) {
            e.push(ev(at + 700, EventKind::Escalated { from: stage }));
        }
        if let Some(next) = stage.next() {
            let skipped = if k.is_multiple_of(4) && i == 2 {
                vec![ItemRef::new(stage, "second")]
            } else {
                vec![]
            };
            e.push(ev(
                at + 1_000,
                EventKind::StageEntered {
                    stage: next,
                    skipped,
                },
            ));
        }
    }
    e.push(ev(
        at + 2_000,
        EventKind::AgreementRecorded(Agreement {
            id: 1,
            who: "wij".into(),
            what: "nieuwe jas sturen".into(),
            by_when: Some("2026-12-01".parse().unwrap()),
        }),
    ));
    e.push(ev(
        at + 3_000,
        EventKind::FollowUpPlanned(FollowUp {
            due: "2026-12-02".parse().unwrap(),
            what: "levering nagaan".into(),
        }),
    ));
    e.push(ev(
        at + 4_000,
        EventKind::CauseSet {
            cause: ["delivery", "quality", "billing"][k % 3].into(),
        },
    ));
    e.push(ev(
        at + 5_000,
        EventKind::Ended {
            outcome: CallOutcome::ResolvedWithFollowUp,
        },
    ));
    e
}

/// A data directory with `calls` ended calls, recorded through the store.
fn template_store(dir: &Path, calls: usize) -> usize {
    let store = Store::open(dir).unwrap();
    let mut events = 0;
    for k in 0..calls {
        let ev = call_events(k, T0 + k as i64 * 3_600_000);
        events += ev.len();
        let (mut rec, _) = store.start_call(&ev[0]);
        rec.append(&ev[1..]);
        rec.save_notes(&format!("notities van gesprek {k}"), ev[1].at);
        rec.flush();
    }
    events
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        if e.file_type().unwrap().is_file() {
            std::fs::copy(e.path(), to.join(e.file_name())).unwrap();
        }
    }
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn main() {
    let agents = env_or("TEAM_SCALE_AGENTS", 200);
    let per_agent = env_or("TEAM_SCALE_CALLS", 50);
    let workers = env_or("TEAM_SCALE_WORKERS", 4);
    let db = pg::team_db();
    let tmp = tempfile::tempdir().unwrap();

    // --- Setup: one login role and one data directory per agent. -------
    let template = tmp.path().join("template");
    let events_per_agent = template_store(&template, per_agent);
    let mut admin = db.admin();
    let mut roles = Vec::new();
    let mut dirs: Vec<PathBuf> = Vec::new();
    for a in 0..agents {
        let name = format!("agent{a:03}_{}", db.name);
        admin
            .batch_execute(&format!("CREATE ROLE {name} LOGIN IN ROLE callcoach_agent"))
            .unwrap();
        let dir = tmp.path().join(format!("a{a}"));
        copy_dir(&template, &dir);
        roles.push(name);
        dirs.push(dir);
    }
    let lead = db.role("lead", "callcoach_lead");
    println!(
        "team_scale: {agents} agents × {per_agent} calls ({events_per_agent} events per agent), \
         {workers} sync workers"
    );

    // --- 1. Sync throughput through the real sync code. -----------------
    let next = Arc::new(AtomicUsize::new(0));
    let t = Instant::now();
    std::thread::scope(|s| {
        for _ in 0..workers {
            let (next, roles, dirs, db) = (next.clone(), &roles, &dirs, &db);
            s.spawn(move || {
                loop {
                    let i = next.fetch_add(1, Ordering::SeqCst);
                    if i >= roles.len() {
                        return;
                    }
                    let mut store = Store::open(&dirs[i]).unwrap();
                    let mut client = db.connect_as(&roles[i]);
                    let rep =
                        callcoach::team::sync::run(&mut store, &mut client, &mut |_| {}).unwrap();
                    assert_eq!((rep.calls, rep.failed), (per_agent as u64, 0));
                }
            });
        }
    });
    let sync_time = t.elapsed();
    let calls: i64 = admin
        .query_one("SELECT count(*) FROM callcoach.calls", &[])
        .unwrap()
        .get(0);
    let events: i64 = admin
        .query_one("SELECT count(*) FROM callcoach.events", &[])
        .unwrap()
        .get(0);
    assert_eq!(calls as usize, agents * per_agent);
    assert_eq!(events as usize, agents * events_per_agent);
    println!(
        "sync: {calls} calls, {events} events in {:.1} s = {:.0} events/s, {:.0} calls/s",
        sync_time.as_secs_f64(),
        events as f64 / sync_time.as_secs_f64(),
        calls as f64 / sync_time.as_secs_f64()
    );
    admin.batch_execute("ANALYZE").unwrap();

    // --- 2. The team report over every call. ----------------------------
    let mut as_lead = db.connect_as(&lead);
    let mut times = Vec::new();
    for _ in 0..7 {
        let t = Instant::now();
        let r = callcoach::team::report::build(&mut as_lead, None, None, "2026-11-30").unwrap();
        times.push(t.elapsed());
        assert_eq!(r.agents.len(), agents);
    }
    times.sort();
    println!(
        "report --team (library, lead, {calls} calls): median {:.0} ms, max {:.0} ms",
        ms(percentile(&times, 0.5)),
        ms(times[times.len() - 1])
    );
    let mut bin_times = Vec::new();
    for _ in 0..3 {
        let t = Instant::now();
        let o = std::process::Command::new(env!("CARGO_BIN_EXE_callcoach"))
            .arg("--data-dir")
            .arg(tmp.path().join("lead"))
            .args(["report", "--team", "--format", "csv"])
            .env("CALLCOACH_TEAM_URL", db.url_as(&lead))
            .env("CALLCOACH_CONFIG", "/nonexistent/config.yaml")
            .output()
            .unwrap();
        bin_times.push(t.elapsed());
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    }
    bin_times.sort();
    println!(
        "report --team (binary, whole process): median {:.0} ms, max {:.0} ms",
        ms(percentile(&bin_times, 0.5)),
        ms(bin_times[bin_times.len() - 1])
    );

    // --- 3. Live view latency under load. -------------------------------
    let busy = agents.min(150);
    let stop = Arc::new(AtomicBool::new(false));
    let upserts = Arc::new(AtomicUsize::new(0));
    let mut load = Vec::new();
    for w in 0..workers {
        let mine: Vec<String> = roles[..busy]
            .iter()
            .skip(w)
            .step_by(workers)
            .cloned()
            .collect();
        let (stop, upserts, url) = (stop.clone(), upserts.clone(), db.url_as("root"));
        let hosts: Vec<String> = mine
            .iter()
            .map(|r| url.replace("user=root", &format!("user={r}")))
            .collect();
        load.push(std::thread::spawn(move || {
            let mut posts: Vec<PgPost> = hosts
                .iter()
                .map(|u| PgPost {
                    client: postgres::Client::connect(u, postgres::NoTls).unwrap(),
                })
                .collect();
            let mut round = 0u32;
            while !stop.load(Ordering::Relaxed) {
                let start = Instant::now();
                for (i, p) in posts.iter_mut().enumerate() {
                    let s = LiveStatus {
                        customer: Some(format!("K-{i}")),
                        stage: StageId::ALL[(round as usize + i) % 6],
                        stage_entered_at: callcoach::store::now_ms() - 1_000,
                        escalations: round % 3,
                        over_time: round.is_multiple_of(5),
                        skipped: false,
                    };
                    p.upsert(&format!("live-{i}"), &s, 1_000).unwrap();
                    upserts.fetch_add(1, Ordering::Relaxed);
                }
                round += 1;
                // Each agent twice a second.
                if let Some(rest) = Duration::from_millis(500).checked_sub(start.elapsed()) {
                    std::thread::sleep(rest);
                }
            }
        }));
    }
    // The lead's real reader thread, and a bare listener.
    let (tx, rx) = mpsc::channel::<Feed>();
    watch::spawn(db.url_as(&lead), callcoach::playbook::Language::En, tx);
    let mut bare = db.connect_as(&lead);
    bare.batch_execute("LISTEN callcoach_live").unwrap();
    std::thread::sleep(Duration::from_secs(2));
    let probe_role = &roles[agents - 1];
    let mut probe = PgPost {
        client: db.connect_as(probe_role),
    };
    let probe_pid: i32 = probe
        .client
        .query_one("SELECT pg_backend_pid()", &[])
        .unwrap()
        .get(0);
    let samples = env_or("TEAM_SCALE_SAMPLES", 100);
    let (mut notified, mut shown) = (Vec::new(), Vec::new());
    let load_start = Instant::now();
    let load_before = upserts.load(Ordering::Relaxed);
    for n in 0..samples {
        // Drop what is already waiting.
        while bare.notifications().iter().next().unwrap().is_some() {}
        while rx.try_recv().is_ok() {}
        let marker = 1_000 + n as u32;
        let s = LiveStatus {
            customer: Some("PROBE".into()),
            stage: StageId::Ask,
            stage_entered_at: callcoach::store::now_ms(),
            escalations: marker,
            over_time: false,
            skipped: false,
        };
        let t = Instant::now();
        probe.upsert("probe", &s, 0).unwrap();
        // (a) the probe's own notification arrives (told apart from the
        // other agents' by the sending backend's process id).
        loop {
            let n = bare
                .notifications()
                .timeout_iter(Duration::from_secs(10))
                .next()
                .unwrap()
                .expect("a notification");
            if n.process_id() == probe_pid {
                break;
            }
        }
        notified.push(t.elapsed());
        // (b) the reader's snapshot shows the change.
        loop {
            match rx
                .recv_timeout(Duration::from_secs(10))
                .expect("a snapshot")
            {
                Feed::Snapshot(snap)
                    if snap
                        .rows
                        .iter()
                        .any(|r| r.agent == *probe_role && r.escalations == marker as i32) =>
                {
                    break;
                }
                _ => {}
            }
        }
        shown.push(t.elapsed());
        std::thread::sleep(Duration::from_millis(50));
    }
    let rate =
        (upserts.load(Ordering::Relaxed) - load_before) as f64 / load_start.elapsed().as_secs_f64();
    stop.store(true, Ordering::Relaxed);
    for h in load {
        h.join().unwrap();
    }
    notified.sort();
    shown.sort();
    println!(
        "live: {busy} agents upserting ({rate:.0} status updates/s), {samples} probes: \
         upsert→notification p50 {:.1} ms, p95 {:.1} ms, max {:.1} ms; \
         upsert→reader snapshot p50 {:.1} ms, p95 {:.1} ms, max {:.1} ms",
        ms(percentile(&notified, 0.5)),
        ms(percentile(&notified, 0.95)),
        ms(notified[notified.len() - 1]),
        ms(percentile(&shown, 0.5)),
        ms(percentile(&shown, 0.95)),
        ms(shown[shown.len() - 1]),
    );
}
