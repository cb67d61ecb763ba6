use super::*;
use crate::scenario::{Beat, Choice};

fn opt(act: Move, cues: &[&str]) -> Choice {
    Choice {
        text: format!("{act}"),
        act,
        mood: 0,
        next: Some("x".into()),
        end: None,
        feedback: "f".into(),
        source: "s".into(),
        cues: cues.iter().map(|c| (*c).to_owned()).collect(),
    }
}

fn beat(options: Vec<Choice>) -> Beat {
    Beat {
        id: "b".into(),
        says: vec!["…".into()],
        options,
    }
}

fn nl() -> Cues {
    default_cues(Language::Nl)
}

fn en() -> Cues {
    default_cues(Language::En)
}

#[test]
fn shipped_cue_files_parse_and_cover_every_move() {
    for (lang, text) in [
        (Language::Nl, DEFAULT_CUES_NL),
        (Language::En, DEFAULT_CUES_EN),
    ] {
        let cues: Cues = crate::yaml::from_str("cues", text).expect("cue file parses");
        for (m, list) in cues.iter() {
            assert!(!list.is_empty(), "{lang:?}: no cues for {m}");
        }
        let mut problems = Vec::new();
        crate::scenario::validate_cues(&cues, "", &mut problems);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(default_cues(lang), cues);
    }
}

#[test]
fn dutch_acknowledgement_is_heard_with_its_evidence() {
    let b = beat(vec![opt(Move::Defend, &[]), opt(Move::Acknowledge, &[])]);
    let c = classify(
        "Ik BEGRIJP het, écht vervelend!",
        &b,
        &nl(),
        &Cues::default(),
    );
    assert_eq!(c.act, Some(Move::Acknowledge));
    assert_eq!(c.option, Some(1));
    assert_eq!(
        c.explain(),
        "heard: 'ik begrijp' → acknowledge, 'vervelend' → acknowledge"
    );
}

#[test]
fn an_anti_move_outweighs_an_acknowledgement() {
    let b = beat(vec![
        opt(Move::Acknowledge, &[]),
        opt(Move::BlameCustomer, &[]),
    ]);
    let c = classify(
        "Ik begrijp het, maar u had moeten opletten.",
        &b,
        &nl(),
        &Cues::default(),
    );
    assert_eq!(c.act, Some(Move::BlameCustomer));
    assert_eq!(c.option, Some(1));
    let c = classify(
        "I understand, but you should have read the label.",
        &b,
        &en(),
        &Cues::default(),
    );
    assert_eq!(c.act, Some(Move::BlameCustomer));
}

#[test]
fn whole_words_only_and_nothing_heard_is_unsure() {
    let b = beat(vec![opt(Move::Listen, &[])]);
    // "jammer" contains "ja" but is not the word "ja".
    let c = classify("jammer", &b, &nl(), &Cues::default());
    assert_eq!(c.unsure, Some(Unsure::NothingHeard));
    assert_eq!(c.option, None);
    assert_eq!(c.explain(), "heard: —");
}

#[test]
fn english_moves_and_missing_options() {
    let b = beat(vec![opt(Move::Ask, &[]), opt(Move::ProposeSolution, &[])]);
    let c = classify(
        "Could you tell me what exactly happened?",
        &b,
        &en(),
        &Cues::default(),
    );
    assert_eq!((c.act, c.option), (Some(Move::Ask), Some(0)));
    // Heard clearly, but this beat has no such option: the trainee picks.
    let c = classify("I promise, guaranteed.", &b, &en(), &Cues::default());
    assert_eq!(c.act, Some(Move::Overpromise));
    assert_eq!(c.unsure, Some(Unsure::NoOptionFor(Move::Overpromise)));
}

#[test]
fn ties_and_duplicate_moves_are_unsure() {
    let b = beat(vec![opt(Move::Listen, &[]), opt(Move::Acknowledge, &[])]);
    // "go on" (2 words) vs "i see" (2 words): a tie.
    let c = classify("Go on, I see.", &b, &en(), &Cues::default());
    assert_eq!(
        c.unsure,
        Some(Unsure::Tie(vec![Move::Listen, Move::Acknowledge]))
    );
    let b = beat(vec![
        opt(Move::Acknowledge, &[]),
        opt(Move::Acknowledge, &[]),
    ]);
    let c = classify("Sorry.", &b, &en(), &Cues::default());
    assert_eq!(c.unsure, Some(Unsure::SeveralOptions(Move::Acknowledge)));
}

#[test]
fn option_cues_and_scenario_cues_come_first_and_add_up() {
    let b = beat(vec![
        opt(Move::Acknowledge, &["fijn dat u"]),
        opt(Move::Acknowledge, &["excuses namens"]),
    ]);
    let c = classify("Excuses namens de winkel.", &b, &nl(), &Cues::default());
    assert_eq!(c.option, Some(1));
    assert_eq!(c.evidence[0].option, Some(2));

    // A scenario cue makes a word the defaults don't know count.
    let b = beat(vec![
        opt(Move::ProposeSolution, &[]),
        opt(Move::Listen, &[]),
    ]);
    let extra = Cues {
        propose_solution: vec!["nieuwe blouse".into()],
        ..Cues::default()
    };
    assert_eq!(
        classify("Een nieuwe blouse?", &b, &nl(), &Cues::default()).option,
        None
    );
    let c = classify("Een nieuwe blouse?", &b, &nl(), &extra);
    assert_eq!(c.option, Some(0));
    assert_eq!(c.explain(), "heard: 'nieuwe blouse' → propose_solution");
}
