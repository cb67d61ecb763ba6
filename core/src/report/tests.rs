use super::*;
use crate::engine::{CallMeta, CallOutcome, EventKind, ItemRef};
use crate::playbook::Channel;
use crate::playbook::Language;

fn attempt(trainee: &str, scenario: &str, at: i64, score: u8, mistakes: &[Check]) -> Attempt {
    Attempt {
        trainee: trainee.into(),
        scenario: scenario.into(),
        finished_at: at,
        score,
        passed: score >= 70,
        mistakes: mistakes.to_vec(),
    }
}

#[test]
fn attempts_are_grouped_with_best_last_and_common_mistakes() {
    let rows = practice_rows(&[
        attempt(
            "eva",
            "sweat-stains",
            3,
            55,
            &[Check::FollowUp, Check::AntiMoves],
        ),
        attempt("eva", "sweat-stains", 1, 90, &[Check::FollowUp]),
        attempt(
            "eva",
            "sweat-stains",
            2,
            40,
            &[Check::FollowUp, Check::Ending],
        ),
        attempt("bo", "sweat-stains", 1, 100, &[]),
    ]);
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0].trainee, "bo");
    let eva = &rows[1];
    assert_eq!((eva.attempts, eva.best, eva.last), (3, 90, 55));
    assert!(!eva.last_passed && eva.ever_passed);
    assert_eq!(
        eva.common_mistakes,
        vec![
            (Check::FollowUp, 3),
            (Check::AntiMoves, 1),
            (Check::Ending, 1)
        ]
    );
    let report = Report {
        practice: rows.clone(),
        calls: CallFigures::default(),
    };
    let text = table(&report, Language::En);
    assert!(
        text.contains("Follow-up planned ×3; No other pitfalls (explaining early, defending, over-promising) ×1; Customer not lost ×1"),
        "{text}"
    );
    let dutch = table(&report, Language::Nl);
    assert!(dutch.contains("Opvolging gepland ×3"), "{dutch}");
    for english in ["attempts", "follow_up", "Practice", "yes", "Real calls"] {
        assert!(!dutch.contains(english), "{english} in:\n{dutch}");
    }
    // CSV stays machine-readable: check ids.
    assert!(csv(&report).contains("follow_up ×3, anti_moves ×1, ending ×1"));
    assert!(text.contains("Real calls: 0"), "{text}");
}

#[test]
fn a_stored_breakdown_yields_the_mistakes() {
    let g = crate::score::grade(
        &crate::score::Trace {
            lang: crate::playbook::Language::En,
            steps: vec![],
            flare_ups: vec![],
            skipped: vec![],
            completed_later: vec![],
            anti_moves_known: true,
            final_mood: Some(9),
            ending: None,
            sources: vec![],
        },
        70,
    );
    let json = serde_json::to_string(&g).expect("json");
    let a = Attempt::from_stored("eva", "x", 1, g.score, g.passed, &json);
    assert!(a.mistakes.contains(&Check::FinalMood));
    assert!(
        Attempt::from_stored("eva", "x", 1, 0, false, "not json")
            .mistakes
            .is_empty()
    );
}

fn ev(at: i64, kind: EventKind) -> Event {
    Event { at, kind }
}

#[test]
fn call_figures_average_stage_times_and_count_skips_and_causes() {
    let meta = CallMeta {
        playbook_id: "x".into(),
        playbook_version: "1".into(),
        playbook_hash: None,
        customer: None,
        channel: Channel::Phone,
        difficult_before: false,
        agent: None,
        address: None,
    };
    let call = |listen_ms: i64, cause: &str| {
        vec![
            ev(0, EventKind::Started(meta.clone())),
            ev(
                listen_ms,
                EventKind::StageEntered {
                    stage: StageId::Acknowledge,
                    skipped: vec![ItemRef::new(StageId::Listen, "no_interrupt")],
                },
            ),
            ev(
                listen_ms + 1000,
                EventKind::CauseSet {
                    cause: cause.into(),
                },
            ),
            ev(
                listen_ms + 30_000,
                EventKind::Ended {
                    outcome: CallOutcome::Unresolved,
                },
            ),
        ]
    };
    let calls = vec![
        (call(60_000, "expectations"), None),
        (call(120_000, "expectations"), None),
    ];
    let f = call_figures(&calls);
    assert_eq!(f.calls, 2);
    assert_eq!(f.avg_stage_secs[0], (StageId::Listen, 90.0));
    assert_eq!(f.avg_stage_secs[1], (StageId::Acknowledge, 30.0));
    assert_eq!(
        f.skipped_items,
        vec![("Listen: no_interrupt".to_owned(), 2)]
    );
    assert!(f.completed_later_items.is_empty());
    assert_eq!(f.causes, vec![("expectations".to_owned(), 2)]);
    assert!(f.avg_score.is_some_and(|s| s < 70));
    let r = Report {
        practice: vec![],
        calls: f,
    };
    let t = table(&r, Language::Nl);
    assert!(t.contains("Luisteren                1:30"), "{t}");
    assert!(
        t.contains("vaakst overgeslagen punten:\n      2× Listen: no_interrupt"),
        "{t}"
    );
    let c = csv(&r);
    assert!(c.contains("stage_avg_secs,,,listen,,,,,90.0"), "{c}");
    assert!(c.contains("cause,,,expectations,,,,,2"), "{c}");
}

#[test]
fn skips_completed_later_are_counted_apart() {
    let meta = CallMeta {
        playbook_id: "x".into(),
        playbook_version: "1".into(),
        playbook_hash: None,
        customer: None,
        channel: Channel::Phone,
        difficult_before: false,
        agent: None,
        address: None,
    };
    let item = ItemRef::new(StageId::Listen, "no_interrupt");
    let call = vec![
        ev(0, EventKind::Started(meta)),
        ev(
            1000,
            EventKind::StageEntered {
                stage: StageId::Acknowledge,
                skipped: vec![item.clone()],
            },
        ),
        ev(
            2000,
            EventKind::ItemChecked {
                item,
                by: crate::engine::TickSource::Manual,
            },
        ),
    ];
    let f = call_figures(&[(call, None)]);
    assert!(f.skipped_items.is_empty());
    assert_eq!(
        f.completed_later_items,
        vec![("Listen: no_interrupt".to_owned(), 1)]
    );
    let t = table(
        &Report {
            practice: vec![],
            calls: f,
        },
        Language::En,
    );
    assert!(
        t.contains("skipped, completed later:\n      1× Listen: no_interrupt"),
        "{t}"
    );
}

#[test]
fn csv_quotes_and_neutralises_formulas() {
    assert_eq!(csv_field("a,b"), "\"a,b\"");
    assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
    assert_eq!(csv_field("=HYPERLINK(1)"), "'=HYPERLINK(1)");
    assert_eq!(csv_field("plain"), "plain");
}
