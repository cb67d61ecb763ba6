use super::*;
use crate::scenario::*;
use crate::stage::StageId;

/// A small valid scenario: start → calm (good path) or → rude (bad path).
pub(crate) const TINY: &str = r#"
id: tiny
language: en
title: Tiny
playbook: complaint-call
persona: { name: Pat, situation: "A parcel is late.", wants: "The parcel." }
mood: 6
sources:
  - { id: zes-stappen, title: Six steps, author: A trainer, summary: The six stages. }
start: start
beats:
  - id: start
    says: ["Where is my parcel?"]
    options:
      - { text: "Go on, I'm listening.", move: listen, mood: -1, next: heard, feedback: Good listening., source: zes-stappen }
      - { text: "It's your fault.", move: blame_customer, mood: 3, end: customer_lost, feedback: Blame., source: zes-stappen }
  - id: heard
    says: ["It was due Monday!"]
    options:
      - { text: "I understand, that's annoying.", move: acknowledge, mood: -2, next: solve, feedback: Acknowledged., source: zes-stappen }
  - id: solve
    says: ["So what now?"]
    options:
      - { text: "What would help you?", move: propose_solution, mood: -1, next: agree, feedback: Together., source: zes-stappen }
  - id: agree
    says: ["Send it tomorrow."]
    options:
      - { text: "Agreed: it ships tomorrow, I'll call you Friday.", move: make_agreement, mood: -1, next: follow, feedback: Concrete., source: zes-stappen }
  - id: follow
    says: ["Fine."]
    options:
      - { text: "I'll call you Friday to check.", move: plan_follow_up, mood: -1, end: resolved_with_follow_up, feedback: Follow-up., source: zes-stappen }
endings:
  resolved_with_follow_up: { says: "Thanks." }
  customer_lost: { says: "Bye." }
"#;

pub(crate) fn tiny() -> Scenario {
    serde_yaml::from_str(TINY).expect("tiny fixture parses")
}

fn paths(problems: &[Problem]) -> Vec<&str> {
    problems.iter().map(|p| p.path.as_str()).collect()
}

#[test]
fn builtin_scenarios_are_valid_and_sound() {
    for (file, _) in load::BUILTIN {
        let sc = match load::builtin(file) {
            Some(Ok(s)) => s,
            other => panic!("{file}: {other:?}"),
        };
        let sound = soundness(&sc).expect("followable");
        assert!(sound.problems.is_empty(), "{file}: {:?}", sound.problems);
        assert!(sound.best >= sc.pass_mark(), "{file}: best {}", sound.best);
        assert!(
            sound.worst < sc.pass_mark(),
            "{file}: worst {}",
            sound.worst
        );
        assert!(range_problems(&sc, &sound).is_empty());
    }
}

#[test]
fn the_tiny_fixture_is_valid() {
    assert_eq!(validate(&tiny()), vec![]);
}

#[test]
fn dangling_next_is_reported_with_a_suggestion() {
    let mut s = tiny();
    s.beats[0].options[0].next = Some("heardd".into());
    let p = validate(&s);
    assert_eq!(paths(&p), vec!["beats[0].options[0].next"]);
    assert_eq!(p[0].hint.as_deref(), Some("did you mean `heard`?"));
    assert!(soundness(&s).is_none(), "paths cannot be followed");
}

#[test]
fn shape_rules_each_report_their_path() {
    let mut s = tiny();
    s.beats[1].id = "start".into();
    // Duplicate id; `heard` is gone, so start's `next` dangles too.
    assert_eq!(
        paths(&validate(&s)),
        vec!["beats[0].options[0].next", "beats[1].id"]
    );

    let mut s = tiny();
    s.beats[0].options[0].end = Some(EndingId::Resolved);
    assert_eq!(paths(&validate(&s)), vec!["beats[0].options[0].end"]);

    let mut s = tiny();
    s.beats[0].options[0].next = None;
    assert_eq!(paths(&validate(&s)), vec!["beats[0].options[0]"]);

    let mut s = tiny();
    s.beats[2].options[0].next = None;
    s.beats[2].options[0].end = Some(EndingId::Resolved); // not defined
    assert_eq!(paths(&validate(&s)), vec!["beats[2].options[0].end"]);

    let mut s = tiny();
    s.beats[1].says.clear();
    assert_eq!(paths(&validate(&s)), vec!["beats[1].says"]);

    let mut s = tiny();
    s.beats[1].options.clear();
    assert_eq!(paths(&validate(&s)), vec!["beats[1].options"]);

    let mut s = tiny();
    s.beats[0].options[1].mood = 6;
    assert_eq!(paths(&validate(&s)), vec!["beats[0].options[1].mood"]);

    let mut s = tiny();
    s.mood = 11;
    s.pass_mark = Some(0);
    assert_eq!(paths(&validate(&s)), vec!["mood", "pass_mark"]);

    let mut s = tiny();
    s.beats[0].options[1].source = "lastige".into();
    assert_eq!(paths(&validate(&s)), vec!["beats[0].options[1].source"]);

    let mut s = tiny();
    s.beats[0].says[0] = "evil \u{1b}[2J".into();
    s.title = "  ".into();
    assert_eq!(paths(&validate(&s)), vec!["title", "beats[0].says[0]"]);

    let mut s = tiny();
    s.id = "Tiny Scenario".into();
    s.start = "nowhere".into();
    assert_eq!(paths(&validate(&s)), vec!["id", "start"]);

    let mut s = tiny();
    s.classifier.acknowledge = vec!["...".into()];
    s.beats[0].options[0].cues = vec!["".into()];
    assert_eq!(
        paths(&validate(&s)),
        vec!["beats[0].options[0].cues[0]", "classifier.acknowledge[0]"]
    );

    let mut s = tiny();
    let extra = s.beats[0].options[0].clone();
    s.beats[0].options = vec![extra; 10];
    assert_eq!(paths(&validate(&s)), vec!["beats[0].options"]);
}

#[test]
fn unknown_keys_are_errors() {
    let bad = TINY.replace("    says: [\"Fine.\"]", "    say: [\"Fine.\"]");
    let e = serde_yaml::from_str::<Scenario>(&bad).unwrap_err();
    assert!(e.to_string().contains("unknown field `say`"), "{e}");
}

#[test]
fn unreachable_beats_and_loops_without_exit_are_unsound() {
    let mut s = tiny();
    // `heard` now loops to `solve` and back, and nothing leads out.
    s.beats[2].options[0].next = Some("heard".into());
    let sound = soundness(&s).expect("followable");
    let p = paths(&sound.problems);
    // agree and follow became unreachable; heard and solve cannot end.
    assert_eq!(
        p,
        vec![
            "beats[3].id",
            "beats[4].id",
            "beats[1].options",
            "beats[2].options"
        ]
    );
    // Only the blame path ends.
    assert_eq!(sound.paths, 1);
    assert!(sound.bounded, "the loop was cut");
}

#[test]
fn a_loop_with_an_exit_is_sound_and_bounded() {
    let mut s = tiny();
    // From `solve` one may go back to `heard`: a loop with an exit.
    let mut back = s.beats[2].options[0].clone();
    back.next = Some("heard".into());
    back.act = Move::Ask;
    s.beats[2].options.push(back);
    let sound = soundness(&s).expect("followable");
    assert!(sound.problems.is_empty(), "{:?}", sound.problems);
    assert!(sound.bounded);
    // blame; straight; once round the loop.
    assert_eq!(sound.paths, 3);
}

#[test]
fn best_and_worst_scores_and_their_paths() {
    let s = tiny();
    let sound = soundness(&s).expect("followable");
    assert_eq!(sound.best_path, vec![1, 1, 1, 1, 1]);
    assert_eq!(sound.worst_path, vec![2]);
    // The tiny scenario has no `ask` beat: its best path skips a step.
    assert_eq!(sound.best, 96);
    assert!(sound.worst <= 40, "worst {}", sound.worst);
    assert!(range_problems(&s, &sound).is_empty());

    // A scenario nobody can fail is reported at `pass_mark`.
    // (Blaming fails outright, so its path is made a mere interruption.)
    let mut easy = tiny();
    easy.pass_mark = Some(1);
    for b in &mut easy.beats {
        for o in &mut b.options {
            if o.act == Move::BlameCustomer {
                o.act = Move::Interrupt;
            }
        }
    }
    let p = range_problems(&easy, &soundness(&easy).expect("followable"));
    assert_eq!(paths(&p), vec!["pass_mark"]);
    assert!(p[0].message.contains("worst"), "{}", p[0].message);

    // …and one nobody can pass.
    let mut hard = tiny();
    hard.pass_mark = Some(100);
    hard.beats[4].options[0].act = Move::Overpromise;
    let p = range_problems(&hard, &soundness(&hard).expect("followable"));
    assert!(p[0].message.contains("best"), "{}", p[0].message);
}

#[test]
fn a_best_reply_always_at_the_same_position_is_warned_about() {
    // The tiny fixture offers one real choice: a single pick proves nothing.
    let s = tiny();
    let sound = soundness(&s).expect("followable");
    assert_eq!(same_position(&s, &sound.best_path), None);
    assert_eq!(position_warning(&s, &sound), None);

    // A second choice with the best reply first again: always option 1.
    let mut first = tiny();
    let mut over = first.beats[2].options[0].clone();
    over.act = Move::Overpromise;
    first.beats[2].options.push(over);
    let sound = soundness(&first).expect("followable");
    assert_eq!(sound.best_path, vec![1, 1, 1, 1, 1]);
    assert_eq!(same_position(&first, &sound.best_path), Some(1));
    let w = position_warning(&first, &sound).expect("warned");
    assert!(
        w.message.contains("option 1 at every choice"),
        "{}",
        w.message
    );
    // A warning, not an error: the scenario stays valid and sound.
    assert!(load::rules(&first).is_empty());

    // Best reply second in that beat: the positions vary, no warning.
    let mut varied = first.clone();
    varied.beats[2].options.swap(0, 1);
    let sound = soundness(&varied).expect("followable");
    assert_eq!(sound.best_path, vec![1, 1, 2, 1, 1]);
    assert_eq!(position_warning(&varied, &sound), None);

    // Always option 2 is just as learnable; forced single-option turns don't count.
    let mut second = varied.clone();
    second.beats[0].options.swap(0, 1);
    assert_eq!(same_position(&second, &[2, 1, 2, 1, 1]), Some(2));
    // A path that cannot be followed gives no verdict.
    assert_eq!(same_position(&second, &[7]), None);
}

#[test]
fn moves_map_onto_the_six_stages() {
    for st in StageId::ALL {
        assert_eq!(Move::of_stage(st).stage(), Some(st));
    }
    let anti: Vec<Move> = Move::ALL.into_iter().filter(|m| m.is_anti()).collect();
    assert_eq!(anti.len(), 7);
    assert!(Move::Defend.is_explaining() && !Move::BlameCustomer.is_explaining());
}

/// A large, densely looping graph: nine options per beat, all but one
/// pointing back into the graph.
fn dense(beats: usize) -> Scenario {
    let mut s = tiny();
    let template = s.beats[0].options[0].clone();
    s.beats = (0..beats)
        .map(|i| Beat {
            id: format!("b{i}"),
            says: vec!["…".into()],
            options: (0..MAX_OPTIONS)
                .map(|k| {
                    let mut o = template.clone();
                    o.act = Move::ALL[(i + k) % Move::ALL.len()];
                    if k == 0 && i % 5 == 4 {
                        o.next = None;
                        o.end = Some(EndingId::CustomerLost);
                    } else {
                        o.next = Some(format!("b{}", (i * 7 + k * 3 + 1) % beats));
                    }
                    o
                })
                .collect(),
        })
        .collect();
    s.start = "b0".into();
    s
}

#[test]
fn the_search_is_bounded_on_a_large_looping_graph() {
    let s = dense(40);
    assert_eq!(validate(&s), vec![]);
    let started = thread_cpu_time();
    let sound = soundness(&s).expect("followable");
    assert!(sound.bounded);
    assert!(sound.paths <= MAX_PATHS);
    // CPU time, not wall time: on a loaded test machine this thread may
    // wait for a core far longer than it computes (about 2.5 s here).
    let spent = thread_cpu_time() - started;
    assert!(
        spent < std::time::Duration::from_secs(20),
        "took {spent:?} of CPU"
    );
}

/// CPU time used by the calling thread so far.
fn thread_cpu_time() -> std::time::Duration {
    let mut t = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `t` is a valid timespec for the call to fill.
    let rc = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut t) };
    assert_eq!(rc, 0, "no thread CPU clock");
    std::time::Duration::new(t.tv_sec as u64, t.tv_nsec as u32)
}

mod props {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        /// Arbitrary bytes never panic the loader and always give a located
        /// (or file-level) diagnostic when they are not a scenario.
        #[test]
        fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
            if let Err(d) = load::parse("fuzz.yaml", &bytes) {
                prop_assert!(!d.is_empty());
                prop_assert!(d.iter().all(|d| d.file == "fuzz.yaml"));
            }
        }

        /// Rewiring the tiny scenario's `next`s arbitrarily never panics the
        /// checker or the player, and any path it reports plays to its end.
        #[test]
        fn rewired_graphs_are_checked_without_panics(
            targets in proptest::collection::vec(0usize..6, 6),
            answers in proptest::collection::vec(1usize..4, 0..12),
        ) {
            let mut s = tiny();
            let ids = ["start", "heard", "solve", "agree", "follow", "nowhere"];
            let mut t = targets.iter();
            for b in &mut s.beats {
                for o in &mut b.options {
                    if o.next.is_some()
                        && let Some(&k) = t.next()
                    {
                        o.next = Some(ids[k].into());
                    }
                }
            }
            let valid = validate(&s).is_empty();
            match soundness(&s) {
                Some(sound) => {
                    prop_assert!(valid);
                    if sound.paths > 0 {
                        prop_assert!(crate::practice::Session::play(&s, &sound.best_path).is_ok());
                        prop_assert!(crate::practice::Session::play(&s, &sound.worst_path).is_ok());
                    }
                }
                None => prop_assert!(!valid),
            }
            let _ = crate::practice::Session::play(&s, &answers);
        }
    }
}
