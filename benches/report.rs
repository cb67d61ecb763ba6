//! `report` over 10,000 stored calls (issue 13, item 5): a temporary store
//! holding five kinds of real call, 2,000 of each, timed as the library
//! computes the figures (cold: nothing cached; warm: per-call facts
//! cached) and as the released binary's `callcoach report` runs.

// A benchmark may fail loudly, like a test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use callcoach::engine::{CallMeta, CallOutcome, Event, EventKind, ItemRef};
use callcoach::playbook::{Channel, Playbook};
use callcoach::report;
use callcoach::stage::StageId;
use callcoach::store::{CallSink, Store};
use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;
use std::path::Path;

const CALLS: usize = 10_000;
const T0: i64 = 1_700_000_000_000;

fn ev(at: i64, kind: EventKind) -> Event {
    Event { at, kind }
}

/// Five different calls: stage times, skips, causes and endings vary.
fn templates() -> Vec<Vec<Event>> {
    (0..5)
        .map(|k: i64| {
            let t = T0 + k * 1_000_000;
            let mut e = vec![ev(
                t,
                EventKind::Started(CallMeta {
                    playbook_id: if k % 2 == 0 {
                        "klachtgesprek"
                    } else {
                        "complaint-call"
                    }
                    .into(),
                    playbook_version: "1".into(),
                    playbook_hash: None,
                    customer: Some(format!("K-{k}")),
                    channel: Channel::Phone,
                    difficult_before: false,
                    agent: None,
                    address: None,
                }),
            )];
            let stages = [
                StageId::Acknowledge,
                StageId::Ask,
                StageId::AgreeSolution,
                StageId::RecordAgreements,
            ];
            for (i, stage) in stages.into_iter().enumerate().take(1 + k as usize % 4) {
                let skipped = if i == 0 && k % 3 == 0 {
                    vec![ItemRef::new(StageId::Listen, "let_finish")]
                } else {
                    vec![]
                };
                e.push(ev(
                    t + (i as i64 + 1) * (30_000 + k * 7_000),
                    EventKind::StageEntered { stage, skipped },
                ));
            }
            if k != 4 {
                e.push(ev(
                    t + 400_000,
                    EventKind::Ended {
                        outcome: CallOutcome::Unresolved,
                    },
                ));
                e.push(ev(
                    t + 410_000,
                    EventKind::CauseSet {
                        cause: "expectations_mismatch".into(),
                    },
                ));
            }
            e
        })
        .collect()
}

/// A store in `dir` with [`CALLS`] calls: the templates recorded as real
/// calls, then copied in SQL (recording 10,000 calls one fsync at a time
/// would take minutes).
fn build_store(dir: &Path) {
    let store = Store::open(dir).unwrap();
    let mut ids = Vec::new();
    for events in templates() {
        let (mut rec, _) = store.start_call(&events[0]);
        rec.append(&events[1..]);
        rec.flush();
        ids.push(rec.call_id().as_str().to_owned());
    }
    let conn = store.conn_for_tests().unwrap();
    conn.execute_batch("BEGIN").unwrap();
    let copies = CALLS / ids.len() - 1;
    for (k, id) in ids.iter().enumerate() {
        for n in 0..copies {
            let new = format!("copy-{k}-{n}");
            conn.execute(
                "INSERT INTO calls SELECT ?2, playbook_id, playbook_version, customer, channel,
                        started_at + ?3, ended_at, outcome, marked_difficult, follow_up_due,
                        follow_up_closed, last_activity FROM calls WHERE id = ?1",
                rusqlite::params![id, new, n as i64],
            )
            .unwrap();
            conn.execute(
                "INSERT INTO events SELECT ?2, seq, at, kind, json FROM events WHERE call_id = ?1",
                rusqlite::params![id, new],
            )
            .unwrap();
        }
    }
    conn.execute_batch("COMMIT").unwrap();
}

fn playbooks() -> Vec<Playbook> {
    callcoach::playbook::builtin::ALL
        .iter()
        .filter_map(|(name, _, _)| callcoach::playbook::load::builtin(name).and_then(Result::ok))
        .collect()
}

fn report_10k(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    build_store(dir.path());
    let pbs = playbooks();
    let mut group = c.benchmark_group("report_10000_calls");
    group.sample_size(10);
    group.bench_function("replay_every_call", |b| {
        b.iter(|| {
            let store = Store::open(dir.path()).unwrap();
            let calls = store.all_calls().unwrap();
            let with_pb: Vec<(Vec<Event>, Option<&Playbook>)> = calls
                .into_iter()
                .map(|c| {
                    let pb = pbs.iter().find(|p| p.id == c.info.playbook_id);
                    (c.events, pb)
                })
                .collect();
            black_box(report::call_figures(&with_pb))
        })
    });
    group.bench_function("facts_cold", |b| {
        b.iter(|| {
            let store = Store::open(dir.path()).unwrap();
            store.clear_call_facts().unwrap();
            black_box(report::figures_from_facts(&store.call_facts(&pbs).unwrap()))
        })
    });
    group.bench_function("facts_cached", |b| {
        b.iter(|| {
            let store = Store::open(dir.path()).unwrap();
            black_box(report::figures_from_facts(&store.call_facts(&pbs).unwrap()))
        })
    });
    // The command as an agent runs it (the cache is warm from above).
    let bin = env!("CARGO_BIN_EXE_callcoach");
    group.bench_function("callcoach_report_process", |b| {
        b.iter(|| {
            let out = std::process::Command::new(bin)
                .arg("--data-dir")
                .arg(dir.path())
                .args(["report", "--format", "json"])
                .output()
                .unwrap();
            assert!(out.status.success(), "{out:?}");
            black_box(out.stdout.len())
        })
    });
    group.finish();
}

criterion_group!(benches, report_10k);
criterion_main!(benches);
