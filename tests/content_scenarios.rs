//! Content checks on the shipped practice scenarios 2–5 (scenario 1 is
//! practice's own and tested there): they load as built-ins, train the
//! playbook of their language, cite only the five tip articles (with the same
//! titles as the playbooks), can be passed and failed, end where the issue
//! says, and the Dutch and English versions of one scenario play alike.

use callcoach::playbook::load::builtin as builtin_playbook;
use callcoach::practice::Session;
use callcoach::scenario::{EndingId, Move, Scenario, load, soundness};
use callcoach::score::grade_session;
use std::collections::BTreeSet;

/// `(file, the articles the issue names for it)`.
const SCENARIOS: [(&str, &[&str]); 5] = [
    ("expired-promotion.nl.yaml", &["lastige-klant"]),
    ("wrong-delivery.nl.yaml", &["zes-stappen"]),
    ("wrong-delivery.en.yaml", &["zes-stappen"]),
    (
        "outside-assignment.nl.yaml",
        &["klagende-klant", "moeilijke-klanten"],
    ),
    (
        "repeat-difficult.nl.yaml",
        &["lastige-klant", "moeilijke-klanten"],
    ),
];

fn scenario(file: &str) -> Scenario {
    match load::builtin(file) {
        Some(Ok(s)) => s,
        other => panic!("{file} must be a valid built-in scenario: {other:?}"),
    }
}

#[test]
fn scenarios_are_built_in_and_train_the_playbook_of_their_language() {
    for (file, _) in SCENARIOS {
        let sc = scenario(file);
        let pb = builtin_playbook(&sc.playbook)
            .unwrap_or_else(|| panic!("{file}: unknown playbook {}", sc.playbook))
            .expect("built-in playbook loads");
        assert_eq!(pb.language, sc.language, "{file}");
        assert!(
            file.ends_with(&format!(".{}.yaml", sc.language.code())),
            "{file}: file name and language disagree"
        );
        assert!(
            file.starts_with(&format!("{}.", sc.id)),
            "{file}: id {}",
            sc.id
        );
        // Sources are the playbook's articles, under the same titles.
        for src in &sc.sources {
            let in_pb = pb
                .source(&src.id)
                .unwrap_or_else(|| panic!("{file}: `{}` is not a playbook source", src.id));
            assert_eq!(in_pb.title, src.title, "{file}: title of {}", src.id);
        }
    }
}

#[test]
fn feedback_cites_the_articles_the_scenario_is_built_from() {
    for (file, articles) in SCENARIOS {
        let sc = scenario(file);
        let cited: BTreeSet<&str> = sc
            .beats
            .iter()
            .flat_map(|b| &b.options)
            .map(|o| o.source.as_str())
            .collect();
        for a in articles {
            assert!(cited.contains(a), "{file}: no feedback cites {a}");
        }
        assert!(cited.len() >= 2, "{file}: feedback cites only {cited:?}");
        for o in sc.beats.iter().flat_map(|b| &b.options) {
            assert!(
                o.feedback.trim().len() > 30,
                "{file}: thin feedback on {}",
                o.text
            );
        }
    }
}

#[test]
fn every_scenario_branches_and_can_be_passed_and_failed() {
    for (file, _) in SCENARIOS {
        let sc = scenario(file);
        assert!(sc.beats.len() >= 6, "{file}: too few beats");
        assert!(
            sc.beats.iter().filter(|b| b.options.len() >= 3).count() >= 3,
            "{file}: too few real choices"
        );
        let sound = soundness(&sc).expect("followable");
        assert!(sound.problems.is_empty(), "{file}: {:?}", sound.problems);
        let pass = sc.pass_mark();
        assert!(sound.best >= pass, "{file}: best {} < {pass}", sound.best);
        assert!(
            sound.worst < pass,
            "{file}: worst {} >= {pass}",
            sound.worst
        );
        // The worst path loses the customer; the best does not.
        let worst = Session::play(&sc, &sound.worst_path).expect("worst path plays");
        assert_eq!(worst.ending, Some(EndingId::CustomerLost), "{file}");
        let best = Session::play(&sc, &sound.best_path).expect("best path plays");
        assert!(grade_session(&best).passed);
        // Anti-moves the articles warn against are on offer, more than one kind.
        let anti: BTreeSet<Move> = sc
            .beats
            .iter()
            .flat_map(|b| &b.options)
            .map(|o| o.act)
            .filter(|m| m.is_anti())
            .collect();
        assert!(anti.len() >= 4, "{file}: anti-moves {anti:?}");
    }
}

/// The endings: a resolved call with a follow-up for 2–4, and a
/// respectful parting for the repeatedly difficult customer (5).
#[test]
fn best_paths_end_where_the_articles_say() {
    for (file, want) in [
        ("expired-promotion.nl.yaml", EndingId::ResolvedWithFollowUp),
        ("wrong-delivery.nl.yaml", EndingId::ResolvedWithFollowUp),
        ("wrong-delivery.en.yaml", EndingId::ResolvedWithFollowUp),
        ("outside-assignment.nl.yaml", EndingId::ResolvedWithFollowUp),
        ("repeat-difficult.nl.yaml", EndingId::PartedRespectfully),
    ] {
        let sc = scenario(file);
        // Always the first option: the scenarios put the textbook reply first.
        let mut session = Session::new(&sc);
        let mut turns = 0;
        while !session.is_finished() {
            session.choose(0).expect("the first option exists");
            turns += 1;
            assert!(turns < 20, "{file}: first options loop");
        }
        assert_eq!(session.ending, Some(want), "{file}");
        let grade = grade_session(&session);
        assert_eq!(grade.score, 100, "{file}: {:?}", grade.mistakes);
        let lost = sc.endings.customer_lost.as_ref();
        assert!(lost.is_some(), "{file}: needs a way to lose the customer");
    }
}

#[test]
fn dutch_and_english_wrong_delivery_play_alike() {
    let (nl, en) = (
        scenario("wrong-delivery.nl.yaml"),
        scenario("wrong-delivery.en.yaml"),
    );
    assert_eq!(
        (nl.mood, nl.channel, nl.pass_mark),
        (en.mood, en.channel, en.pass_mark)
    );
    assert_eq!(nl.start, en.start);
    assert_eq!(nl.beats.len(), en.beats.len());
    for (a, b) in nl.beats.iter().zip(&en.beats) {
        assert_eq!(a.id, b.id);
        assert_eq!(a.says.len(), b.says.len(), "beat {}", a.id);
        let shape = |o: &callcoach::scenario::Choice| {
            (o.act, o.mood, o.next.clone(), o.end, o.source.clone())
        };
        let (sa, sb): (Vec<_>, Vec<_>) = (
            a.options.iter().map(shape).collect(),
            b.options.iter().map(shape).collect(),
        );
        assert_eq!(sa, sb, "beat {}", a.id);
        for (oa, ob) in a.options.iter().zip(&b.options) {
            assert_ne!(oa.text, ob.text, "beat {}: option not translated", a.id);
        }
    }
    let (sn, se) = (soundness(&nl).expect("nl"), soundness(&en).expect("en"));
    assert_eq!((sn.best, sn.worst), (se.best, se.worst));
}
