//! The report's per-call facts cache (issue 13, item 5): the figures from
//! the cache equal the figures from replaying every call, after calls are
//! added, grow new events, or end.

use callcoach::engine::{CallMeta, CallOutcome, Event, EventKind, ItemRef};
use callcoach::playbook::{Channel, Playbook};
use callcoach::report::{self, CallFigures};
use callcoach::stage::StageId;
use callcoach::store::{CallSink, Recorder, Store};
use proptest::prelude::*;

const T0: i64 = 1_700_000_000_000;

fn playbooks() -> Vec<Playbook> {
    callcoach::playbook::builtin::ALL
        .iter()
        .filter_map(|(name, _, _)| callcoach::playbook::load::builtin(name).and_then(Result::ok))
        .collect()
}

fn replayed(store: &Store, pbs: &[Playbook]) -> CallFigures {
    let calls = store.all_calls().expect("calls");
    let with_pb: Vec<(Vec<Event>, Option<&Playbook>)> = calls
        .into_iter()
        .map(|c| {
            let pb = pbs.iter().find(|p| p.id == c.info.playbook_id);
            (c.events, pb)
        })
        .collect();
    report::call_figures(&with_pb)
}

fn cached(store: &Store, pbs: &[Playbook]) -> CallFigures {
    report::figures_from_facts(&store.call_facts(pbs).expect("facts"))
}

/// One step of a call: the next stage after `gap` seconds (skipping the
/// first listen item or not), or the end with a cause.
fn step(at: i64, stage: usize, skip: bool, end: bool) -> Vec<Event> {
    if end {
        return vec![
            Event {
                at,
                kind: EventKind::Ended {
                    outcome: CallOutcome::Unresolved,
                },
            },
            Event {
                at: at + 1,
                kind: EventKind::CauseSet {
                    cause: "expectations_mismatch".into(),
                },
            },
        ];
    }
    let skipped = if skip && stage == 1 {
        vec![ItemRef::new(StageId::Listen, "let_finish")]
    } else {
        vec![]
    };
    vec![Event {
        at,
        kind: EventKind::StageEntered {
            stage: StageId::ALL[stage],
            skipped,
        },
    }]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(8))]

    #[test]
    fn cached_facts_equal_replaying_every_call(
        calls in prop::collection::vec((any::<bool>(), 1i64..200, any::<bool>()), 1..5),
        rounds in prop::collection::vec(prop::collection::vec(any::<bool>(), 5), 1..4),
    ) {
        let dir = tempfile::tempdir().expect("tempdir");
        let store = Store::open(dir.path()).expect("store");
        let pbs = playbooks();
        let mut live: Vec<(Recorder, usize, i64, bool, bool)> = Vec::new();
        for (k, (dutch, gap, skip)) in calls.iter().enumerate() {
            let (rec, _) = store.start_call(&Event {
                at: T0 + k as i64,
                kind: EventKind::Started(CallMeta {
                    playbook_id: if *dutch { "klachtgesprek" } else { "complaint-call" }.into(),
                    playbook_version: "1".into(),
                    playbook_hash: None,
                    customer: None,
                    channel: Channel::Phone,
                    difficult_before: false,
                    agent: None,
                    address: None,
                }),
            });
            live.push((rec, 0, T0 + k as i64 + gap * 1000, *skip, false));
        }
        prop_assert_eq!(cached(&store, &pbs), replayed(&store, &pbs));
        for round in rounds {
            // Some calls move on a stage or end; the others stay as cached.
            for ((rec, stage, at, skip, ended), go) in live.iter_mut().zip(round) {
                if !go || *ended {
                    continue;
                }
                *stage += 1;
                *ended = *stage == 5;
                rec.append(&step(*at, *stage, *skip, *ended));
                rec.flush();
                *at += 37_000;
            }
            let want = replayed(&store, &pbs);
            prop_assert_eq!(cached(&store, &pbs), want.clone());
            // Served from the cache the second time, still the same.
            prop_assert_eq!(cached(&store, &pbs), want);
        }
    }
}

#[test]
fn the_cache_is_used_and_erased_with_its_call() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::open(dir.path()).expect("store");
    let (mut rec, _) = store.start_call(&Event {
        at: T0,
        kind: EventKind::Started(CallMeta {
            playbook_id: "klachtgesprek".into(),
            playbook_version: "1".into(),
            playbook_hash: None,
            customer: Some("K-9".into()),
            channel: Channel::Phone,
            difficult_before: false,
            agent: None,
            address: None,
        }),
    });
    rec.append(&step(T0 + 60_000, 1, true, false));
    rec.flush();
    let pbs = playbooks();
    let figures = cached(&store, &pbs);
    assert_eq!(figures.calls, 1);
    let conn = store.conn_for_tests().expect("a database");
    let count = |conn: &rusqlite::Connection| -> i64 {
        conn.query_row("SELECT COUNT(*) FROM call_facts", [], |r| r.get(0))
            .expect("count")
    };
    assert_eq!(count(conn), 1, "the facts were cached");
    // A cached record that no longer matches the stored facts would show:
    // spoil it (same stamp and key) and the report follows the cache.
    conn.execute(
        "UPDATE call_facts SET facts = replace(facts, '\"cause\":null', '\"cause\":\"x\"')",
        [],
    )
    .expect("update");
    assert_eq!(cached(&store, &pbs).causes, vec![("x".to_owned(), 1)]);
    // Erasing the call takes its cached facts along.
    conn.execute("DELETE FROM calls", []).expect("delete");
    assert_eq!(count(conn), 0);
}
