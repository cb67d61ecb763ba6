use super::*;
use crate::scenario::load;

fn builtin(file: &str) -> Scenario {
    match load::builtin(file) {
        Some(Ok(s)) => s,
        other => panic!("{other:?}"),
    }
}

fn lines(s: &Session<'_>) -> Vec<String> {
    s.transcript
        .iter()
        .map(|l| match l.speaker {
            Speaker::Customer => format!("C: {}", l.text),
            Speaker::Trainee => format!("T: {}", l.text),
        })
        .collect()
}

#[test]
fn an_answer_sequence_gives_the_exact_transcript_and_score() {
    let sc = builtin("sweat-stains.en.yaml");
    // Explain too early, recover, skip asking, overpromise.
    let s = Session::play(&sc, &[1, 3, 1, 2]).expect("plays to the end");
    assert_eq!(
        lines(&s),
        vec![
            "C: I want my money back for this blouse. Look at it, rubbish fabric!",
            "C: And don't give me your little rules.",
            "T: Under our policy we don't take back worn clothes with sweat stains.",
            "C: Policy? Quality? I didn't come here for a lecture!",
            "C: Are you even listening to me?",
            "T: Sorry, you're right. I understand you don't feel heard. Please tell me what happened.",
            "C: Yes. Well. I just want my money back.",
            "T: What would be a good solution for you?",
            "C: My money back. Or… a new blouse is fine too, if it doesn't stain straight away.",
            "T: No problem, you get everything back and I promise this will never happen again.",
            "C: OK. Thank you.",
        ]
    );
    assert_eq!(s.ending, Some(EndingId::Resolved));
    // 7 +2 -2 +0 -1
    assert_eq!(s.mood, 6);
    assert_eq!(
        s.turns.iter().map(|t| t.act).collect::<Vec<_>>(),
        vec![
            Move::ExplainTooEarly,
            Move::Acknowledge,
            Move::ProposeSolution,
            Move::Overpromise
        ]
    );
    assert!(s.turns[0].back_to_listen);
    let g = crate::score::grade_session(&s);
    // stage order 10 (never listened), heard-first 7, anti-moves 0 (explaining
    // 7 + over-promise 15), skipped 5 (ask), agreements 5, follow-up 0, mood 5,
    // ending 10 = 42 of 110.
    assert_eq!(g.score, 38);
    assert!(!g.passed);
    let over = g
        .mistakes
        .iter()
        .find(|m| m.moment == "turn 4")
        .expect("the over-promise is a mistake");
    assert!(over.what.starts_with("Over-promise: "), "{}", over.what);
    assert!(over.better.starts_with("Agreements must be realistic"));
    assert_eq!(over.source, "zes-stappen");
    // Deterministic: the same answers give the same result.
    let again = Session::play(&sc, &[1, 3, 1, 2]).expect("plays");
    assert_eq!(again.transcript, s.transcript);
    assert_eq!(crate::score::grade_session(&again), g);
}

#[test]
fn the_best_path_passes_in_both_languages() {
    for file in ["sweat-stains.nl.yaml", "sweat-stains.en.yaml"] {
        let sc = builtin(file);
        let s = Session::play(&sc, &[2, 1, 3, 2, 1, 2]).expect("plays");
        assert_eq!(s.ending, Some(EndingId::ResolvedWithFollowUp));
        assert_eq!(s.mood, 0);
        let g = crate::score::grade_session(&s);
        assert_eq!((g.score, g.passed), (100, true), "{file}");
        assert!(g.mistakes.is_empty());
    }
}

#[test]
fn wrong_answer_counts_are_clear_errors() {
    let sc = builtin("sweat-stains.nl.yaml");
    assert_eq!(
        Session::play(&sc, &[2, 7]).unwrap_err(),
        PlayError::NoSuchOption {
            turn: 2,
            given: 7,
            available: 3
        }
    );
    assert_eq!(
        Session::play(&sc, &[0]).unwrap_err(),
        PlayError::NoSuchOption {
            turn: 1,
            given: 0,
            available: 3
        }
    );
    assert_eq!(
        Session::play(&sc, &[2, 1]).unwrap_err(),
        PlayError::TooFewAnswers { given: 2 }
    );
    assert_eq!(
        Session::play(&sc, &[3, 1, 1]).unwrap_err(),
        PlayError::Finished { turns: 2 }
    );
    let msg = PlayError::NoSuchOption {
        turn: 2,
        given: 7,
        available: 3,
    }
    .to_string();
    assert!(msg.contains("choose 1–3"), "{msg}");
}

#[test]
fn stage_progress_follows_the_moves_and_flare_ups_send_you_back() {
    let sc = builtin("sweat-stains.nl.yaml");
    let mut s = Session::new(&sc);
    assert_eq!(s.stage_status(StageId::Listen), StageStatus::Current);
    s.choose(1).expect("listen");
    s.choose(0).expect("acknowledge");
    assert!(s.heard);
    assert_eq!(s.stage, StageId::Acknowledge);
    assert_eq!(s.stage_status(StageId::Listen), StageStatus::Done);
    s.choose(0).expect("propose without asking");
    assert_eq!(s.stage, StageId::AgreeSolution);
    assert_eq!(s.stage_status(StageId::Ask), StageStatus::Skipped);
    assert_eq!(s.stage_status(StageId::FollowUp), StageStatus::NotReached);
    s.choose(2).expect("defend: lost");
    assert!(s.is_finished());
    assert_eq!(s.ending, Some(EndingId::CustomerLost));
    assert!(
        !s.turns[3].back_to_listen,
        "defending after being heard is no flare-up"
    );
    assert_eq!(s.answers(), vec![2, 1, 1, 3]);
    assert!(matches!(s.choose(0), Err(PlayError::Finished { turns: 4 })));

    let mut s = Session::new(&sc);
    s.choose(2).expect("blame");
    assert!(s.turns[0].back_to_listen);
    assert_eq!(s.stage, StageId::Listen);
    assert_eq!(s.mood, 10);
}

#[test]
fn typed_replies_continue_along_the_matching_option_or_ask_to_pick() {
    let sc = builtin("sweat-stains.nl.yaml");
    let cues = crate::classify::Classifier::for_scenario(&sc);
    let mut s = Session::new(&sc);
    match s.reply("Vertelt u maar, ik luister", &cues) {
        Ok(ReplyResult::Taken(c)) => assert_eq!(c.act, Some(Move::Listen)),
        other => panic!("{other:?}"),
    }
    assert_eq!(s.turns[0].said, "Vertelt u maar, ik luister");
    assert!(s.turns[0].typed);
    // Nothing recognisable: unsure, nothing played.
    match s.reply("blauwe banaan", &cues) {
        Ok(ReplyResult::Unsure(c)) => {
            assert_eq!(c.unsure, Some(crate::classify::Unsure::NothingHeard))
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(s.turns.len(), 1);
    match s.reply("Wat naar, ik begrijp dat u baalt.", &cues) {
        Ok(ReplyResult::Taken(c)) => {
            assert_eq!(c.option, Some(0));
            let why = c.explain(crate::playbook::Language::Nl);
            assert!(why.starts_with("gehoord: "), "{why}");
            assert!(why.contains("'wat naar' → begrip tonen"), "{why}");
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(s.turns[1].beat, "vent");
    assert_eq!(s.current_beat().map(|b| b.id.as_str()), Some("calmer"));
}
