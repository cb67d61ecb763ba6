use super::advice::better_than;
use super::*;
use crate::engine::{Agreement, CallMeta, CallOutcome, EventKind, FollowUp, ItemRef};
use crate::playbook::Channel;
use crate::practice::Session;

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
        sources: vec![],
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
    assert!(g.mistakes.is_empty() && g.failed_by.is_empty());
    assert_eq!(g.checks.len(), Check::ALL.len());
    let total: u32 = Check::ALL.iter().map(|c| c.default_weight()).sum();
    assert_eq!(total, 125);
    assert_eq!(
        Check::ALL.iter().max_by_key(|c| c.default_weight()),
        Some(&Check::Courtesy),
        "how the customer is treated weighs most"
    );
}

#[test]
fn stage_order_needs_listening_and_acknowledging_before_asking() {
    let mut t = good();
    t.steps.swap(1, 2); // ask before acknowledge
    let g = grade(&t, 70);
    assert_eq!(earned(&g, Check::StageOrder), 8);
    let m = mistakes_of(&g, Check::StageOrder);
    assert_eq!(m.len(), 1);
    assert_eq!(
        m[0].moment, "turn 3",
        "names the moment of the first question"
    );
    assert_eq!(m[0].source, "zes-stappen");
    t.steps.remove(0); // no listening either
    assert_eq!(earned(&grade(&t, 70), Check::StageOrder), 0);
}

#[test]
fn heard_first_fails_on_explaining_before_acknowledging() {
    let mut t = good();
    t.steps.insert(1, step(9, Move::ExplainTooEarly));
    let g = grade(&t, 70);
    assert_eq!(earned(&g, Check::HeardFirst), 8);
    let m = mistakes_of(&g, Check::HeardFirst);
    assert_eq!(m[0].what, "tip 9", "the scenario's own feedback");
    assert_eq!(m[0].source, "src");
    // Reported once, but still a pitfall.
    assert_eq!(earned(&g, Check::AntiMoves), 10);
    assert!(mistakes_of(&g, Check::AntiMoves).is_empty());
    // After acknowledging, explaining is only a pitfall.
    let mut t = good();
    t.steps.insert(3, step(9, Move::Defend));
    let g = grade(&t, 70);
    assert_eq!(earned(&g, Check::HeardFirst), 15);
    assert_eq!(mistakes_of(&g, Check::AntiMoves).len(), 1);
}

#[test]
fn courtesy_costs_most_for_blaming_lecturing_and_joining_the_hysteria() {
    for m in [
        Move::BlameCustomer,
        Move::LectureCustomer,
        Move::JoinHysteria,
    ] {
        let mut t = good();
        t.steps.insert(3, step(9, m));
        let g = grade(&t, 70);
        assert_eq!(earned(&g, Check::Courtesy), 10, "{m}");
        let c = mistakes_of(&g, Check::Courtesy);
        assert_eq!(c.len(), 1);
        assert_eq!(c[0].better, better_than(m, Language::En));
        // Auto-fail by default: not passed, the score capped below the mark.
        assert!(!g.passed, "{m}");
        assert_eq!(g.failed_by, vec![m]);
        assert_eq!(g.score, 69);
        assert!(c[0].what.starts_with("Fails outright ("), "{}", c[0].what);
        // Without auto-fail it still costs points: 15 of 125 → 88.
        let no_fail = Rubric {
            auto_fail: vec![],
            ..Rubric::default()
        };
        let g = grade_with(&t, &no_fail, 70);
        assert_eq!(g.score, 88);
        assert!(g.passed);
        assert_eq!(mistakes_of(&g, Check::Courtesy)[0].what, "tip 9");
    }
    // Twice loses the whole check; interrupting costs less.
    let mut t = good();
    t.steps.insert(3, step(9, Move::Interrupt));
    assert_eq!(earned(&grade(&t, 70), Check::Courtesy), 18);
    t.steps.insert(3, step(8, Move::BlameCustomer));
    t.steps.insert(3, step(7, Move::BlameCustomer));
    assert_eq!(earned(&grade(&t, 70), Check::Courtesy), 0);
}

#[test]
fn other_pitfalls_cost_points_and_an_over_promise_most() {
    let mut t = good();
    t.steps.push(step(7, Move::Defend));
    let g = grade(&t, 70);
    assert_eq!(earned(&g, Check::AntiMoves), 10);
    assert!(
        g.passed,
        "one defensive remark after acknowledging is a lesser pitfall"
    );
    t.steps.push(step(8, Move::ExplainTooEarly));
    t.steps.push(step(9, Move::Defend));
    assert_eq!(earned(&grade(&t, 70), Check::AntiMoves), 0);
    // Unknown in a real call: not applicable.
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
fn an_over_promise_is_named_with_its_source_and_fails_a_mediocre_path() {
    // The agreement replaced by an over-promise: otherwise calm and resolved.
    let mut t = good();
    t.steps[4] = step(5, Move::Overpromise);
    t.steps.truncate(5);
    t.ending = Some(EndingId::Resolved);
    let g = grade(&t, 70);
    assert_eq!(earned(&g, Check::AntiMoves), 4);
    // 15 + 15 + 25 + 4 + 10 + 5 + 0 + 10 + 10 = 94 of 125.
    assert_eq!(g.score, 75);
    assert!(!grade(&t, 80).passed);
    let m = mistakes_of(&g, Check::AntiMoves);
    assert_eq!(m.len(), 1);
    assert_eq!(m[0].what, "Over-promise: tip 5");
    assert_eq!(m[0].moment, "turn 5");
    assert!(m[0].better.starts_with("Agreements must be realistic"));
    assert_eq!(m[0].source, "zes-stappen");
    let mut nl = t.clone();
    nl.lang = Language::Nl;
    if let Some(tip) = nl.steps[4].tip.as_mut() {
        tip.source = "moeilijke-klanten".into();
    }
    let m = grade(&nl, 70).mistakes;
    assert_eq!(m[0].source, "moeilijke-klanten");
    assert_eq!(m[0].what, "Te veel beloofd: tip 5");
    // A scenario may make it fail outright.
    let strict = Rubric::default().with_auto_fail(&[Move::Overpromise, Move::Listen]);
    assert_eq!(strict.auto_fail.len(), 4, "only anti-moves are added");
    let g = grade_with(&t, &strict, 70);
    assert!(!g.passed);
    assert!(g.mistakes.iter().any(|m| {
        m.what
            .starts_with("Fails outright (over-promise): Over-promise")
    }));
}

#[test]
fn skipped_steps_cost_points() {
    let mut t = good();
    t.skipped = vec![(Moment::End, "ask".into())];
    assert_eq!(earned(&grade(&t, 70), Check::Skipped), 5);
    t.skipped.push((Moment::End, "listen".into()));
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
    let r = g
        .checks
        .iter()
        .find(|c| c.check == Check::FollowUp)
        .expect("check");
    assert!(!r.applicable, "not applicable when parting ways");
    assert_eq!(g.score, 100);
}

#[test]
fn final_mood_counts_when_known() {
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
    t.final_mood = None;
    let g = grade(&t, 70);
    assert!(
        g.checks
            .iter()
            .any(|c| c.check == Check::FinalMood && !c.applicable)
    );
}

#[test]
fn ending_lost_or_unresolved_costs_its_points() {
    let mut t = good();
    t.ending = Some(EndingId::CustomerLost);
    let g = grade(&t, 70);
    assert_eq!(earned(&g, Check::Ending), 0);
    assert_eq!(
        mistakes_of(&g, Check::Ending)[0].what,
        "The customer was lost."
    );
    t.ending = None;
    assert_eq!(earned(&grade(&t, 70), Check::Ending), 0);
}

#[test]
fn a_playbook_sets_the_weights_and_a_zero_weight_is_not_applicable() {
    let config = crate::playbook::RubricConfig {
        weights: crate::playbook::CheckWeights {
            courtesy: Some(50),
            final_mood: Some(0),
            ..Default::default()
        },
        auto_fail: Some(vec![]),
    };
    let r = Rubric::from_config(Some(&config));
    assert_eq!(r.weight(Check::Courtesy), 50);
    assert_eq!(r.weight(Check::Ending), 10, "unset keeps the default");
    assert!(r.auto_fail.is_empty());
    let mut t = good();
    t.final_mood = Some(9);
    t.steps.insert(3, step(9, Move::JoinHysteria));
    let g = grade_with(&t, &r, 70);
    let mood = g
        .checks
        .iter()
        .find(|c| c.check == Check::FinalMood)
        .expect("check");
    assert!(!mood.applicable && mood.max == 0);
    assert_eq!(earned(&g, Check::Courtesy), 20);
    // 140 points applicable (125 - 10 - 25 + 50), 30 lost: 79.
    assert_eq!(g.score, 79);
    assert!(g.passed, "auto-fail switched off");
    assert_eq!(Rubric::of_playbook(None), Rubric::default());
}

#[test]
fn feedback_cites_only_sources_the_scenario_defines() {
    let mut t = good();
    t.steps.retain(|s| s.act != Move::PlanFollowUp);
    t.final_mood = Some(9);
    t.sources = vec!["hoofd-koel".into(), "moeilijke-klanten".into()];
    let g = grade(&t, 70);
    for m in &g.mistakes {
        assert!(t.sources.contains(&m.source), "{m:?}");
    }
    // zes-stappen → hoofd-koel; lastige-klant → moeilijke-klanten.
    assert_eq!(mistakes_of(&g, Check::FollowUp)[0].source, "hoofd-koel");
    assert_eq!(
        mistakes_of(&g, Check::FinalMood)[0].source,
        "moeilijke-klanten"
    );
    t.sources = vec!["eigen-bron".into()];
    assert_eq!(grade(&t, 70).mistakes[0].source, "eigen-bron");
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
        playbook_hash: None,
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
    // Mood, courtesy and pitfalls are not recorded in a real call.
    for c in [Check::FinalMood, Check::Courtesy, Check::AntiMoves] {
        assert!(
            g.checks.iter().any(|r| r.check == c && !r.applicable),
            "{c:?}"
        );
    }

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
    assert_eq!(earned(&g, Check::StageOrder), 8, "acknowledge was skipped");
    assert_eq!(earned(&g, Check::HeardFirst), 8);
    assert_eq!(earned(&g, Check::Skipped), 5);
    assert_eq!(earned(&g, Check::Agreements), 0);
    assert_eq!(earned(&g, Check::FollowUp), 0);
    assert_eq!(earned(&g, Check::Ending), 0);
    assert!(!g.passed);
    let flare = mistakes_of(&g, Check::HeardFirst);
    assert_eq!(flare[0].moment, "na 1:35 bij Vragen stellen");
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
        playbook_hash: None,
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

fn builtin(file: &str) -> crate::scenario::Scenario {
    match crate::scenario::load::builtin(file) {
        Some(Ok(s)) => s,
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_played_session_is_graded() {
    let sc = builtin("sweat-stains.en.yaml");
    // Explain too early, recover, skip asking, over-promise.
    let s = Session::play(&sc, &[1, 3, 1, 2]).expect("plays to the end");
    let g = grade_session(&s);
    // stage order 8 (never listened), heard-first 8, courtesy 25, other
    // pitfalls 0 (explaining and over-promising), skipped 5 (ask),
    // agreements 5, follow-up 0, mood 5, ending 10 = 66 of 125.
    assert_eq!(g.score, 53);
    assert!(!g.passed);
    let over = g
        .mistakes
        .iter()
        .find(|m| m.moment == "turn 4")
        .expect("the over-promise is a mistake");
    assert!(over.what.starts_with("Over-promise: "), "{}", over.what);
    assert!(over.better.starts_with("Agreements must be realistic"));
    assert_eq!(over.source, "zes-stappen");
    assert_eq!(
        grade_session(&Session::play(&sc, &[1, 3, 1, 2]).expect("plays")),
        g
    );
}

#[test]
fn the_best_path_passes_in_both_languages() {
    for file in ["sweat-stains.nl.yaml", "sweat-stains.en.yaml"] {
        let sc = builtin(file);
        let s = Session::play(&sc, &[2, 1, 3, 2, 1, 2]).expect("plays");
        assert_eq!(s.ending, Some(EndingId::ResolvedWithFollowUp));
        assert_eq!(s.mood, 0);
        let g = grade_session(&s);
        assert_eq!((g.score, g.passed), (100, true), "{file}");
        assert!(g.mistakes.is_empty());
    }
}
