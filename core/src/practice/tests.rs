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
    // Deterministic: the same answers give the same result.
    let again = Session::play(&sc, &[1, 3, 1, 2]).expect("plays");
    assert_eq!(again.transcript, s.transcript);
    assert_eq!(again.turns, s.turns);
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

fn builtin_pb(name: &str) -> crate::playbook::Playbook {
    match crate::playbook::load::builtin(name) {
        Some(Ok(pb)) => pb,
        other => panic!("{other:?}"),
    }
}

#[test]
fn the_checklist_ticks_item_by_item() {
    let sc = builtin("sweat-stains.nl.yaml");
    let pb = builtin_pb("klachtgesprek");
    let mut s = Session::with_playbook(&sc, Some(&pb));
    // Listening: no cue of an item heard → the stage's first required item only.
    s.choose(1).expect("listen");
    assert!(s.is_ticked(StageId::Listen, "let_finish"));
    let listen_items = pb.stage(StageId::Listen).checklist.len();
    assert_eq!(
        s.ticked.len(),
        1,
        "one of {listen_items} items, not the whole stage"
    );
    // A typed acknowledgement ticks the items whose cues it says: "sorry"
    // → apologise, "snap" → show_understanding.
    let model = crate::classify::Classifier::for_scenario(&sc);
    match s.reply("Sorry, ik snap dat dit heel vervelend is.", &model) {
        Ok(ReplyResult::Taken(_)) => {}
        other => panic!("{other:?}"),
    }
    assert!(s.is_ticked(StageId::Acknowledge, "apologise"));
    assert!(s.is_ticked(StageId::Acknowledge, "show_understanding"));
    assert!(!s.is_ticked(StageId::Acknowledge, "empathy"));
    assert_eq!(s.ticked.iter().map(|(_, turn)| *turn).max(), Some(2));
    // Anti-moves tick nothing; without a playbook nothing is ticked.
    let mut plain = Session::new(&sc);
    plain.choose(1).expect("listen");
    assert!(plain.ticked.is_empty());
}

#[test]
fn an_option_can_name_the_items_it_ticks() {
    let mut sc = builtin("sweat-stains.nl.yaml");
    sc.beats[0].options[1].ticks = vec!["listening_cues".into(), "hear_unreasonable".into()];
    let pb = builtin_pb("klachtgesprek");
    let mut s = Session::with_playbook(&sc, Some(&pb));
    s.choose(1).expect("listen");
    assert!(s.is_ticked(StageId::Listen, "listening_cues"));
    assert!(s.is_ticked(StageId::Listen, "hear_unreasonable"));
    assert!(!s.is_ticked(StageId::Listen, "let_finish"));
}
