use super::eval::{measure, parse_corpus};
use super::*;
use crate::scenario::Choice;

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
        ticks: vec![],
    }
}

fn beat(options: Vec<Choice>) -> Beat {
    Beat {
        id: "b".into(),
        says: vec!["…".into()],
        options,
    }
}

fn nl() -> Classifier {
    Classifier::builtin(Language::Nl)
}

fn en() -> Classifier {
    Classifier::builtin(Language::En)
}

#[test]
fn shipped_cue_files_parse_and_cover_every_move() {
    for (lang, text) in [
        (Language::Nl, DEFAULT_CUES_NL),
        (Language::En, DEFAULT_CUES_EN),
    ] {
        let file = CueFile::parse(text).expect("cue file parses");
        for m in Move::ALL {
            let groups = file.moves.get(&m).expect("every move has cues");
            assert!(groups.values().any(|l| !l.is_empty()), "{lang:?}: {m}");
        }
        // A weight listed twice under one move would silently drop a group.
        let mut seen = std::collections::BTreeSet::new();
        let mut current = "";
        for line in text.lines() {
            if let Some(m) = line
                .strip_prefix("  ")
                .filter(|l| !l.starts_with(' ') && l.ends_with(':'))
            {
                current = m;
            } else if let Some(w) = line
                .strip_prefix("    ")
                .filter(|l| l.ends_with(':') && !l.starts_with('-'))
            {
                assert!(
                    seen.insert((current.to_owned(), w.to_owned())),
                    "{lang:?}: {current} {w} twice"
                );
            }
        }
        let c = Classifier::new(lang, &file);
        let cues: usize = file
            .moves
            .values()
            .flat_map(|g| g.values())
            .map(Vec::len)
            .sum();
        assert_eq!(c.rules.len(), cues, "{lang:?}: every pattern has words");
    }
}

fn judged(c: &Classifier, text: &str) -> Option<Move> {
    c.judge(text).act
}

#[test]
fn the_issue_examples_are_heard_right() {
    let (n, e) = (nl(), en());
    assert_eq!(judged(&n, "Het is niet uw schuld"), Some(Move::Acknowledge));
    assert_eq!(judged(&e, "Sorry you had to wait"), Some(Move::Acknowledge));
    assert_eq!(
        judged(&n, "Mag ik even samenvatten wat u zei?"),
        Some(Move::Ask)
    );
    assert_eq!(
        judged(&e, "I always like to hear the full story"),
        Some(Move::Listen)
    );
    assert_eq!(
        judged(
            &n,
            "Excuses voor het ongemak, maar ons beleid is dat we dat niet terugnemen."
        ),
        Some(Move::ExplainTooEarly)
    );
    assert_eq!(
        judged(&e, "I'm sorry, but our policy doesn't allow that."),
        Some(Move::ExplainTooEarly)
    );
    assert_eq!(
        judged(&n, "Morgen neem ik contact met u op."),
        Some(Move::PlanFollowUp)
    );
    assert_eq!(
        judged(&n, "Welke oplossingen ziet u zelf?"),
        Some(Move::ProposeSolution)
    );
    assert_eq!(
        judged(&e, "you really should've read the label"),
        Some(Move::BlameCustomer)
    );
    // Single common words decide nothing on their own.
    for (c, w) in [
        (&n, "altijd"),
        (&n, "morgen"),
        (&e, "always"),
        (&e, "tomorrow"),
    ] {
        assert_ne!(judged(c, w).map(Move::is_anti), Some(true), "{w}");
    }
}

#[test]
fn the_trainee_sees_why() {
    let v = nl().judge("Het is niet uw schuld");
    let why: Vec<String> = v
        .evidence
        .iter()
        .map(|e| e.describe(Language::Nl))
        .collect();
    assert!(
        why.contains(
            &"'niet uw schuld' (ontkend: de klant de schuld geven) → begrip tonen".to_owned()
        ),
        "{why:?}"
    );
    let v = en().judge("Sorry, but our policy says no.");
    let why: Vec<String> = v
        .evidence
        .iter()
        .map(|e| e.describe(Language::En))
        .collect();
    assert!(
        why.contains(&"'policy' (after 'but', ×2) → explain too early".to_owned()),
        "{why:?}"
    );
    assert!(v.confidence > 0.0 && v.confidence <= 1.0);
}

#[test]
fn a_polite_anti_move_is_an_anti_move_and_a_stray_word_is_not() {
    let e = en();
    assert_eq!(
        judged(&e, "I understand, but you should have read the label."),
        Some(Move::BlameCustomer)
    );
    assert_eq!(
        judged(&nl(), "Ik begrijp het, maar u had moeten opletten."),
        Some(Move::BlameCustomer)
    );
    // An anti-move that does not clearly lead a stage move is unsure, not punished.
    let v = e.judge(
        "I'm so sorry about this, I can imagine how annoying it is, the rules were confusing",
    );
    assert_ne!(v.act.map(Move::is_anti), Some(true), "{:?}", v.scores);
}

#[test]
fn nothing_heard_and_ties_are_unsure() {
    let v = nl().judge("blauwe banaan");
    assert_eq!((v.act, v.unsure), (None, Some(Unsure::NothingHeard)));
    assert_eq!(v.confidence, 0.0);
    // (The rules alone: the learned back-off may break a tie.)
    let rules_only = Classifier::new(Language::En, &CueFile::builtin(Language::En));
    let v = rules_only.judge("Go on. What exactly happened?");
    assert!(matches!(v.unsure, Some(Unsure::Tie(_))), "{:?}", v.scores);
}

#[test]
fn at_a_beat_option_cues_come_first_then_the_move() {
    let c = nl();
    let b = beat(vec![
        opt(Move::Acknowledge, &["fijn dat u"]),
        opt(Move::Acknowledge, &["excuses namens"]),
    ]);
    let r = classify("Excuses namens de winkel.", &b, &c);
    assert_eq!(r.option, Some(1));
    assert_eq!(r.evidence[0].option, Some(2));
    // Two options with the move heard: the trainee picks.
    let r = classify("Wat vervelend, sorry.", &b, &c);
    assert_eq!(r.unsure, Some(Unsure::SeveralOptions(Move::Acknowledge)));
    // Heard, but no option makes that move here.
    let b = beat(vec![opt(Move::Ask, &[]), opt(Move::ProposeSolution, &[])]);
    let r = classify("Ik beloof het u, gegarandeerd.", &b, &c);
    assert_eq!(r.unsure, Some(Unsure::NoOptionFor(Move::Overpromise)));
    let r = classify("Wat zou voor u een goede oplossing zijn?", &b, &c);
    assert_eq!(r.option, Some(1));
    assert!(
        r.explain(Language::Nl)
            .starts_with("gehoord: 'oplossing' → oplossing zoeken"),
        "{}",
        r.explain(Language::Nl)
    );
    // A negated option cue does not select the option.
    let b = beat(vec![
        opt(Move::Listen, &["ik onderbreek"]),
        opt(Move::Ask, &[]),
    ]);
    let r = classify("Wanneer was dat? Ik onderbreek u niet hoor.", &b, &c);
    assert_ne!(r.evidence.first().and_then(|e| e.option), Some(1));
}

#[test]
fn scenario_cues_add_to_the_defaults() {
    let extra = Cues {
        propose_solution: vec!["xylofoon zeppelin".into()],
        ..Cues::default()
    };
    // Words neither the rules nor the learned model know.
    assert_eq!(judged(&nl(), "xylofoon zeppelin"), None);
    let c = nl().with_extra(&extra);
    assert_eq!(judged(&c, "xylofoon zeppelin"), Some(Move::ProposeSolution));
}

#[test]
fn a_team_lead_can_change_a_rule_in_yaml() {
    let yaml = "words: {negators: [niet]}\nnegated: {blame_customer: acknowledge}\nmoves:\n  blame_customer:\n    3: [\"uw schuld\"]\n  listen:\n    2: [\"zeg het maar\"]\n";
    let file = CueFile::parse(yaml).expect("parses");
    let c = Classifier::new(Language::Nl, &file);
    assert_eq!(judged(&c, "dat is uw schuld"), Some(Move::BlameCustomer));
    assert_eq!(judged(&c, "dat is niet uw schuld"), Some(Move::Acknowledge));
    assert_eq!(judged(&c, "Zeg het maar"), Some(Move::Listen));
    assert!(CueFile::parse("moves: {dance: {3: [x]}}").is_err());
}

/// The training and development parts stay well above the thresholds (the
/// held-out part is measured through the real binary in `tests/it`).
#[test]
fn training_and_development_parts_stay_above_the_thresholds() {
    for (lang, text) in [
        (
            Language::Nl,
            include_str!("../../../tests/fixtures/replies/nl.train.txt"),
        ),
        (
            Language::En,
            include_str!("../../../tests/fixtures/replies/en.train.txt"),
        ),
        (
            Language::Nl,
            include_str!("../../../tests/fixtures/replies/nl.dev.txt"),
        ),
        (
            Language::En,
            include_str!("../../../tests/fixtures/replies/en.dev.txt"),
        ),
    ] {
        let items = parse_corpus(text, lang).expect("corpus");
        let c = Classifier::builtin(lang);
        let f = measure(&items, |it| c.judge(&it.text).act);
        assert!(
            f.accuracy() >= 90.0 && f.unsure_rate() <= 10.0 && f.good_as_anti_rate() <= 2.0,
            "{lang:?}: {}\n{:#?}",
            f.summary(),
            f.wrong
        );
    }
}
