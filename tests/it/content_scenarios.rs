//! Content checks on the shipped practice scenarios 2–5 (scenario 1 is
//! practice's own and tested there): they load as built-ins, train the
//! playbook of their language, cite only the five tip articles (with the same
//! titles as the playbooks), can be passed and failed, end where the issue
//! says, and the Dutch and English versions of one scenario play alike.

use callcoach::check::{position_warning, same_position, soundness};
use callcoach::playbook::load::builtin as builtin_playbook;
use callcoach::practice::Session;
use callcoach::scenario::{EndingId, Move, Scenario, load};
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
        let sound = soundness(&sc).expect("followable");
        let session = Session::play(&sc, &sound.best_path).expect("best path plays");
        assert_eq!(session.ending, Some(want), "{file}");
        let grade = grade_session(&session);
        assert_eq!(grade.score, 100, "{file}: {:?}", grade.mistakes);
        let lost = sc.endings.customer_lost.as_ref();
        assert!(lost.is_some(), "{file}: needs a way to lose the customer");
    }
}

/// "Always press 1" (or any one number) must not be a strategy: in every
/// shipped scenario the best path takes different option numbers, and
/// neither always-the-same-number path passes.
#[test]
fn no_shipped_scenario_rewards_always_pressing_the_same_number() {
    for (file, _) in load::BUILTIN {
        let sc = scenario(file);
        let sound = soundness(&sc).expect("followable");
        assert_eq!(
            same_position(&sc, &sound.best_path),
            None,
            "{file}: best path {:?}",
            sound.best_path
        );
        assert!(position_warning(&sc, &sound).is_none(), "{file}");
        for n in 1..=4 {
            // Press n wherever it exists (else the last option), to the end;
            // a strategy that goes round a loop forever never passes either.
            let mut session = Session::new(&sc);
            while let Some(beat) = session.current_beat() {
                if session.turns.len() >= 30 {
                    break;
                }
                let pick = (n - 1).min(beat.options.len() - 1);
                session.choose(pick).expect("the option exists");
            }
            if !session.is_finished() {
                continue;
            }
            let grade = grade_session(&session);
            assert!(
                !grade.passed,
                "{file}: always pressing {n} passes with {}",
                grade.score
            );
        }
    }
}

/// The Dutch and English versions of one scenario play alike: the same
/// beats, the options in the same order with the same moves, moods, targets
/// and sources, so one `--answers` sequence means the same in both.
#[test]
fn dutch_and_english_versions_play_alike() {
    for id in ["sweat-stains", "wrong-delivery"] {
        let (nl, en) = (
            scenario(&format!("{id}.nl.yaml")),
            scenario(&format!("{id}.en.yaml")),
        );
        assert_eq!(
            (nl.mood, nl.channel, nl.pass_mark),
            (en.mood, en.channel, en.pass_mark),
            "{id}"
        );
        assert_eq!(nl.start, en.start, "{id}");
        assert_eq!(nl.beats.len(), en.beats.len(), "{id}");
        for (a, b) in nl.beats.iter().zip(&en.beats) {
            assert_eq!(a.id, b.id, "{id}");
            assert_eq!(a.says.len(), b.says.len(), "{id} beat {}", a.id);
            let shape = |o: &callcoach::scenario::Choice| {
                (o.act, o.mood, o.next.clone(), o.end, o.source.clone())
            };
            let (sa, sb): (Vec<_>, Vec<_>) = (
                a.options.iter().map(shape).collect(),
                b.options.iter().map(shape).collect(),
            );
            assert_eq!(sa, sb, "{id} beat {}", a.id);
            for (oa, ob) in a.options.iter().zip(&b.options) {
                assert_ne!(
                    oa.text, ob.text,
                    "{id} beat {}: option not translated",
                    a.id
                );
            }
        }
        let (sn, se) = (soundness(&nl).expect("nl"), soundness(&en).expect("en"));
        assert_eq!(
            (sn.best, sn.worst, &sn.best_path, &sn.worst_path),
            (se.best, se.worst, &se.best_path, &se.worst_path),
            "{id}"
        );
    }
}
