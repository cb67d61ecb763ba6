use super::*;
use crate::engine::{Agreement, CallMeta, FollowUp, ItemRef};
use crate::playbook::Channel;

fn step(n: usize, act: Move) -> Step {
    Step {
        act,
        moment: Moment::Turn {
            number: n,
            beat: format!("b{n}"),
        },
        tip: Some(Tip {
            text: format!("tip {n}"),
            source: "src".into(),
        }),
    }
}

/// A trace of the six good moves, ending resolved with follow-up, calm.
fn good() -> Trace {
    Trace {
        lang: Language::En,
        steps: [
            Move::Listen,
            Move::Acknowledge,
            Move::Ask,
            Move::ProposeSolution,
            Move::MakeAgreement,
            Move::PlanFollowUp,
        ]
        .into_iter()
        .enumerate()
        .map(|(i, m)| step(i + 1, m))
        .collect(),
        flare_ups: vec![],
        skipped: vec![],
        completed_later: vec![],
        anti_moves_known: true,
        final_mood: Some(1),
        ending: Some(EndingId::ResolvedWithFollowUp),
    }
}

fn earned(g: &Grade, c: Check) -> u32 {
    g.checks
        .iter()
        .find(|r| r.check == c)
        .map_or(999, |r| r.earned)
}

fn mistakes_of(g: &Grade, c: Check) -> Vec<&Mistake> {
    g.mistakes.iter().filter(|m| m.check == c).collect()
}

#[test]
fn a_clean_trace_scores_full_marks() {
    let g = grade(&good(), 70);
    assert_eq!(g.score, 100);
    assert!(g.passed);
    assert!(g.mistakes.is_empty());
    assert_eq!(g.checks.len(), Check::ALL.len());
    let total: u32 = Check::ALL.iter().map(|c| c.weight()).sum();
    assert_eq!(total, 110);
}

#[test]
fn stage_order_fails_when_asking_before_acknowledging() {
    let mut t = good();
    t.steps.swap(1, 2); // ask before acknowledge
    let g = grade(&t, 70);
    assert_eq!(earned(&g, Check::StageOrder), 10);
    let m = mistakes_of(&g, Check::StageOrder);
    assert_eq!(m.len(), 1);
    assert_eq!(
        m[0].moment, "turn 3",
        "names the moment of the first question"
    );
    assert_eq!(m[0].source, "zes-stappen");
}

#[test]
fn heard_first_fails_on_explaining_before_acknowledging() {
    let mut t = good();
    t.steps.insert(1, step(9, Move::ExplainTooEarly));
    let g = grade(&t, 70);
    assert_eq!(earned(&g, Check::HeardFirst), 7);
    let m = mistakes_of(&g, Check::HeardFirst);
    assert_eq!(m[0].what, "tip 9", "the scenario's own feedback");
    assert_eq!(m[0].source, "src");
    // Counted once as a mistake, but it is still an anti-move.
    assert_eq!(earned(&g, Check::AntiMoves), 13);
    assert!(mistakes_of(&g, Check::AntiMoves).is_empty());

    // After acknowledging, explaining is only an anti-move.
    let mut t = good();
    t.steps.insert(3, step(9, Move::Defend));
    let g = grade(&t, 70);
    assert_eq!(earned(&g, Check::HeardFirst), 15);
    assert_eq!(mistakes_of(&g, Check::AntiMoves).len(), 1);
}

#[test]
fn anti_moves_cost_points_each() {
    let mut t = good();
    for m in [Move::Interrupt, Move::LectureCustomer, Move::JoinHysteria] {
        t.steps.push(step(7, m));
    }
    let g = grade(&t, 70);
    assert_eq!(earned(&g, Check::AntiMoves), 0);
    let m = mistakes_of(&g, Check::AntiMoves);
    assert_eq!(m.len(), 3);
    assert_eq!(m[2].better, better_than(Move::JoinHysteria, Language::En));
    // Unknown in a real call: not applicable, not counted.
    t.anti_moves_known = false;
    let g = grade(&t, 70);
    let r = g
        .checks
        .iter()
        .find(|c| c.check == Check::AntiMoves)
        .expect("check");
    assert!(!r.applicable);
}

#[test]
fn an_over_promise_costs_more_than_other_pitfalls_and_is_named_with_its_source() {
    // The agreement replaced by an over-promise: otherwise calm and resolved.
    let mut t = good();
    t.steps[4] = step(5, Move::Overpromise);
    t.steps.truncate(5);
    t.ending = Some(EndingId::Resolved);
    let g = grade(&t, 70);
    assert_eq!(earned(&g, Check::AntiMoves), 20 - OVERPROMISE_COST);
    // 20 + 15 + 5 + 10 + 5 (solution, no agreement) + 0 + 10 + 10 = 75 of 110.
    assert_eq!(g.score, 68);
    assert!(!g.passed, "one over-promise fails a mediocre path");
    // The same path with a lesser pitfall instead would pass.
    let mut lesser = t.clone();
    lesser.steps[4].act = Move::Interrupt;
    assert!(grade(&lesser, 70).passed);

    let m = mistakes_of(&g, Check::AntiMoves);
    assert_eq!(m.len(), 1);
    assert_eq!(m[0].what, "Over-promise: tip 5");
    assert_eq!(m[0].moment, "turn 5");
    assert!(m[0].better.starts_with("Agreements must be realistic"));
    // The scenario's source is not one of the articles behind the rule.
    assert_eq!(m[0].source, "zes-stappen");

    // …but when it is, it is kept; Dutch wording; no tip at all.
    let mut nl = t.clone();
    nl.lang = Language::Nl;
    if let Some(tip) = nl.steps[4].tip.as_mut() {
        tip.source = "moeilijke-klanten".into();
    }
    let g = grade(&nl, 70);
    let m = mistakes_of(&g, Check::AntiMoves);
    assert_eq!(m[0].source, "moeilijke-klanten");
    assert_eq!(m[0].what, "Te veel beloofd: tip 5");
    assert!(m[0].better.starts_with("Afspraken moeten realistisch zijn"));
    nl.steps[4].tip = None;
    let g = grade(&nl, 70);
    let m = mistakes_of(&g, Check::AntiMoves);
    assert_eq!(
        m[0].what,
        "Te veel beloofd: je zegde iets toe wat niet waar te maken is."
    );
    assert_eq!(m[0].source, "zes-stappen");

    // An over-promise that was put right (a realistic agreement and a
    // follow-up after it) costs its 15 points but can still pass.
    let mut mended = good();
    mended.steps.insert(4, step(9, Move::Overpromise));
    let g = grade(&mended, 70);
    assert_eq!(g.score, 86);
    assert!(g.passed);
}

#[test]
fn skipped_steps_cost_points() {
    let mut t = good();
    t.skipped = vec![(Moment::End, "ask".into()), (Moment::End, "listen".into())];
    let g = grade(&t, 70);
    assert_eq!(earned(&g, Check::Skipped), 0);
    assert_eq!(mistakes_of(&g, Check::Skipped)[0].what, "Skipped: ask.");
}

#[test]
fn agreements_need_a_solution_first() {
    let mut t = good();
    t.steps.retain(|s| s.act != Move::MakeAgreement);
    assert_eq!(earned(&grade(&t, 70), Check::Agreements), 5);
    let mut t = good();
    t.steps.retain(|s| s.act != Move::ProposeSolution);
    assert_eq!(earned(&grade(&t, 70), Check::Agreements), 10);
    let mut t = good();
    t.steps
        .retain(|s| !matches!(s.act, Move::ProposeSolution | Move::MakeAgreement));
    let g = grade(&t, 70);
    assert_eq!(earned(&g, Check::Agreements), 0);
    assert_eq!(mistakes_of(&g, Check::Agreements)[0].moment, "at the end");
}

#[test]
fn follow_up_is_required_unless_parting_ways() {
    let mut t = good();
    t.steps.retain(|s| s.act != Move::PlanFollowUp);
    t.ending = Some(EndingId::Resolved);
    let g = grade(&t, 70);
    assert_eq!(earned(&g, Check::FollowUp), 0);
    assert_eq!(mistakes_of(&g, Check::FollowUp).len(), 1);
    t.ending = Some(EndingId::PartedRespectfully);
    let g = grade(&t, 70);
    assert!(mistakes_of(&g, Check::FollowUp).is_empty());
    assert_eq!(g.score, 100);
}

#[test]
fn final_mood_and_ending() {
    let mut t = good();
    t.final_mood = Some(5);
    assert_eq!(earned(&grade(&t, 70), Check::FinalMood), 5);
    t.final_mood = Some(8);
    let g = grade(&t, 70);
    assert_eq!(earned(&g, Check::FinalMood), 0);
    assert_eq!(
        mistakes_of(&g, Check::FinalMood)[0].what,
        "The customer ended at mood 8/10."
    );
    t.ending = Some(EndingId::CustomerLost);
    let g = grade(&t, 70);
    assert_eq!(earned(&g, Check::Ending), 0);
    assert_eq!(
        mistakes_of(&g, Check::Ending)[0].what,
        "The customer was lost."
    );
    // 110 - 10 (mood) - 10 (ending) = 90/110 → 82.
    assert_eq!(g.score, 82);
    assert!(!grade(&t, 90).passed);
}

#[test]
fn mistakes_come_in_the_order_they_happened_in_dutch() {
    let mut t = good();
    t.lang = Language::Nl;
    t.steps.insert(0, step(0, Move::Interrupt));
    t.final_mood = Some(9);
    let g = grade(&t, 70);
    let moments: Vec<&str> = g.mistakes.iter().map(|m| m.moment.as_str()).collect();
    assert_eq!(moments, vec!["beurt 0", "aan het eind"]);
}

fn ev(at: i64, kind: EventKind) -> Event {
    Event { at, kind }
}

#[test]
fn a_real_call_is_graded_by_the_same_rubric() {
    let meta = CallMeta {
        playbook_id: "klachtgesprek".into(),
        playbook_version: "1".into(),
        customer: None,
        channel: Channel::Phone,
        difficult_before: false,
        agent: None,
        address: None,
    };
    let good_call = vec![
        ev(0, EventKind::Started(meta.clone())),
        ev(
            60_000,
            EventKind::StageEntered {
                stage: StageId::Acknowledge,
                skipped: vec![],
            },
        ),
        ev(
            90_000,
            EventKind::StageEntered {
                stage: StageId::Ask,
                skipped: vec![],
            },
        ),
        ev(
            150_000,
            EventKind::StageEntered {
                stage: StageId::AgreeSolution,
                skipped: vec![],
            },
        ),
        ev(
            200_000,
            EventKind::StageEntered {
                stage: StageId::RecordAgreements,
                skipped: vec![],
            },
        ),
        ev(
            210_000,
            EventKind::AgreementRecorded(Agreement {
                id: 1,
                who: "wij".into(),
                what: "ruilen".into(),
                by_when: None,
            }),
        ),
        ev(
            220_000,
            EventKind::StageEntered {
                stage: StageId::FollowUp,
                skipped: vec![],
            },
        ),
        ev(
            230_000,
            EventKind::FollowUpPlanned(FollowUp {
                due: jiff::civil::date(2026, 12, 1),
                what: "bellen".into(),
            }),
        ),
        ev(
            240_000,
            EventKind::Ended {
                outcome: CallOutcome::ResolvedWithFollowUp,
            },
        ),
    ];
    let g = grade_call(&good_call, None, Language::Nl);
    assert_eq!(g.score, 100, "{:?}", g.mistakes);
    assert!(
        g.checks
            .iter()
            .any(|c| c.check == Check::FinalMood && !c.applicable)
    );

    // Skipping acknowledge's required item, an escalation, no agreement, unresolved.
    let bad_call = vec![
        ev(0, EventKind::Started(meta)),
        ev(
            30_000,
            EventKind::StageEntered {
                stage: StageId::Acknowledge,
                skipped: vec![],
            },
        ),
        ev(
            40_000,
            EventKind::StageEntered {
                stage: StageId::Ask,
                skipped: vec![ItemRef::new(StageId::Acknowledge, "understand")],
            },
        ),
        ev(95_000, EventKind::Escalated { from: StageId::Ask }),
        ev(
            100_000,
            EventKind::Ended {
                outcome: CallOutcome::Unresolved,
            },
        ),
    ];
    let g = grade_call(&bad_call, None, Language::Nl);
    assert_eq!(earned(&g, Check::StageOrder), 10, "acknowledge was skipped");
    assert_eq!(earned(&g, Check::HeardFirst), 7);
    assert_eq!(earned(&g, Check::Skipped), 5);
    assert_eq!(earned(&g, Check::Agreements), 0);
    assert_eq!(earned(&g, Check::FollowUp), 0);
    assert_eq!(earned(&g, Check::Ending), 0);
    assert!(!g.passed);
    let flare = mistakes_of(&g, Check::HeardFirst);
    assert_eq!(flare[0].moment, "na 1:35 in fase Vragen stellen");
    assert_eq!(
        mistakes_of(&g, Check::Skipped)[0].what,
        "Overgeslagen: Begrip tonen/understand."
    );
}

#[test]
fn a_skip_completed_later_costs_less_and_says_so() {
    let meta = CallMeta {
        playbook_id: "klachtgesprek".into(),
        playbook_version: "1".into(),
        customer: None,
        channel: Channel::Phone,
        difficult_before: false,
        agent: None,
        address: None,
    };
    let item = ItemRef::new(StageId::Acknowledge, "understand");
    let mut call = vec![
        ev(0, EventKind::Started(meta)),
        ev(
            40_000,
            EventKind::StageEntered {
                stage: StageId::Ask,
                skipped: vec![item.clone()],
            },
        ),
    ];
    let skipped = grade_call(&call, None, Language::En);
    call.push(ev(
        50_000,
        EventKind::ItemChecked {
            item,
            by: crate::engine::TickSource::Manual,
        },
    ));
    let later = grade_call(&call, None, Language::En);
    assert_eq!(earned(&skipped, Check::Skipped), 5);
    assert_eq!(earned(&later, Check::Skipped), 8);
    let what: Vec<&str> = mistakes_of(&later, Check::Skipped)
        .iter()
        .map(|m| m.what.as_str())
        .collect();
    assert_eq!(
        what,
        vec!["Skipped, completed later: Acknowledge/understand."]
    );
}
