use super::rules::{Brace, braces};
use super::*;
use crate::playbook::Playbook;

fn fixture() -> Playbook {
    crate::yaml::from_str(
        "minimal.yaml",
        include_str!("../../../../tests/fixtures/minimal.yaml"),
    )
    .unwrap()
}

fn paths(pb: &Playbook) -> Vec<String> {
    validate(pb).into_iter().map(|p| p.path).collect()
}

#[test]
fn fixture_and_shipped_playbooks_are_valid() {
    assert_eq!(validate(&fixture()), vec![]);
    for (_, _, yaml) in crate::playbook::builtin::ALL {
        let pb: Playbook = crate::yaml::from_str("built-in", yaml).unwrap();
        assert_eq!(validate(&pb), vec![]);
    }
}

#[test]
fn unknown_sources_are_reported_everywhere_with_did_you_mean() {
    let mut pb = fixture();
    pb.stages.listen.checklist[1].source = "scr".into();
    pb.email.source = "other".into();
    pb.decision.first_time.part_ways.source = "nope".into();
    let problems = validate(&pb);
    assert_eq!(
        paths(&pb),
        vec![
            "stages.listen.checklist[1].source",
            "decision.first_time.part_ways.source",
            "email.source"
        ]
    );
    assert_eq!(problems[0].hint.as_deref(), Some("did you mean `src`?"));
    assert_eq!(problems[0].expected.as_deref(), Some("one of `src`"));
}

#[test]
fn duplicate_ids_within_scope_only() {
    let mut pb = fixture();
    pb.stages.listen.checklist[1].id = "no_interrupt".into();
    // The same id in another stage is fine.
    pb.stages.ask.checklist[0].id = "no_interrupt".into();
    pb.decision.questions[2].id = "share_blame".into();
    pb.evaluation.causes.push(pb.evaluation.causes[0].clone());
    pb.sources.push(pb.sources[0].clone());
    let p = paths(&pb);
    assert_eq!(
        p,
        vec![
            "sources[1].id",
            "stages.listen.checklist[1].id",
            "decision.questions[2].id",
            "evaluation.causes[1].id"
        ]
    );
}

#[test]
fn texts_must_be_non_empty_clean_and_one_line_where_required() {
    let mut pb = fixture();
    pb.title = "  ".into();
    pb.mindset[0].text = "calm\u{1b}[31m".into();
    pb.stages.listen.goal = "two\nlines".into();
    pb.stages.listen.phrases[1].text = "\u{202e}reversed".into();
    pb.email.subject = "x".repeat(MAX_LINE_CHARS + 1);
    let problems = validate(&pb);
    let p: Vec<&str> = problems.iter().map(|p| p.path.as_str()).collect();
    assert_eq!(
        p,
        vec![
            "title",
            "mindset[0].text",
            "stages.listen.goal",
            "stages.listen.phrases[1].text",
            "email.subject"
        ]
    );
    assert!(problems[1].message.contains("U+001B"));
    assert!(problems[3].message.contains("U+202E"));
}

#[test]
fn time_hints_ids_and_question_counts() {
    let mut pb = fixture();
    pb.stages.listen.time_hint_secs = Some(0);
    pb.stages.ask.time_hint_secs = Some(MAX_TIME_HINT_SECS + 1);
    pb.id = "My Playbook".into();
    pb.stages.ask.checklist[0].id = "Summarise!".into();
    pb.decision.questions.clear();
    let problems = validate(&pb);
    let p: Vec<&str> = problems.iter().map(|p| p.path.as_str()).collect();
    assert_eq!(
        p,
        vec![
            "id",
            "stages.listen.time_hint_secs",
            "stages.ask.time_hint_secs",
            "stages.ask.checklist[0].id",
            "decision.questions"
        ]
    );
    assert_eq!(problems[0].hint.as_deref(), Some("e.g. `my-playbook`"));
    let mut pb = fixture();
    let q = pb.decision.questions[0].clone();
    pb.decision.questions = (0..10)
        .map(|i| {
            let mut q = q.clone();
            q.id = format!("q{i}");
            q
        })
        .collect();
    assert_eq!(paths(&pb), vec!["decision.questions"]);
}

#[test]
fn placeholders_are_checked_per_context() {
    let mut pb = fixture();
    pb.stages.listen.phrases[0].text = "Hello {custmer}, see {agreements}".into();
    pb.email.body = "Dear {customer}, {agreements} {follow_up_date} {{literal}}".into();
    pb.email.subject = "About {complaint".into();
    let problems = validate(&pb);
    let msgs: Vec<(&str, &str)> = problems
        .iter()
        .map(|p| (p.path.as_str(), p.message.as_str()))
        .collect();
    assert_eq!(
        msgs,
        vec![
            (
                "stages.listen.phrases[0].text",
                "unknown placeholder `{custmer}`"
            ),
            (
                "stages.listen.phrases[0].text",
                "unknown placeholder `{agreements}`"
            ),
            ("email.subject", "a `{` that opens no placeholder"),
        ]
    );
    assert_eq!(
        problems[0].hint.as_deref(),
        Some("did you mean `{customer}`?")
    );
    // Each problem knows its spot in the text.
    assert_eq!(problems[0].offset, Some(6));
    assert_eq!(problems[2].offset, Some(6));
}

#[test]
fn braces_are_placeholders_literals_or_strays() {
    use Brace::*;
    assert_eq!(
        braces("a {x} {{ }} b"),
        vec![Placeholder { name: "x", at: 2 }]
    );
    assert_eq!(braces("a } b"), vec![Close(2)]);
    assert_eq!(braces("a {x"), vec![Open(2)]);
    assert_eq!(
        braces("a {x{y}"),
        vec![Open(2), Placeholder { name: "y", at: 4 }]
    );
    // A placeholder closes on its own line; offsets count characters.
    assert_eq!(
        braces("é {\n{x}\n}"),
        vec![Open(2), Placeholder { name: "x", at: 4 }, Close(8)]
    );
    assert_eq!(braces("{{x}}"), vec![]);
    assert_eq!(braces("{}"), vec![Placeholder { name: "", at: 0 }]);
}

#[test]
fn detect_cues_must_match_something_once_per_stage() {
    let mut pb = fixture();
    pb.stages.listen.checklist[0].detect = vec!["Let them finish".into(), "  ".into()];
    pb.stages.listen.checklist[1].detect = vec!["let them FINISH!".into(), "?!".into()];
    let p = paths(&pb);
    assert_eq!(
        p,
        vec![
            "stages.listen.checklist[0].detect[1]",
            "stages.listen.checklist[1].detect[0]",
            "stages.listen.checklist[1].detect[1]"
        ]
    );
}

#[test]
fn transcript_policy_is_read_and_checked_where_it_is_written() {
    let base = include_str!("../../../../tests/fixtures/minimal.yaml");
    let pb = crate::playbook::load::parse(
        "p.yaml",
        format!("{base}transcript:\n  store: true\n").as_bytes(),
    );
    let Ok(pb) = pb else { panic!("{pb:?}") };
    assert_eq!(
        pb.transcript,
        Some(crate::playbook::TranscriptPolicy { store: true })
    );
    // Left out: not stored.
    assert_eq!(fixture().transcript, None);
    let lines = base.lines().count() + 2;
    for (bad, why) in [
        ("transcript:\n  keep: true\n", "store"),
        ("transcript:\n  store: ja\n", "store"),
        ("transcript: {}\n", "store"),
    ] {
        let err = crate::playbook::load::parse("p.yaml", format!("{base}{bad}").as_bytes())
            .err()
            .unwrap_or_default();
        let text: Vec<String> = err.iter().map(ToString::to_string).collect();
        let text = text.join("\n");
        assert!(text.contains(why), "{bad}: {text}");
        assert!(
            text.contains(&format!("p.yaml:{}:", lines - 1))
                || text.contains(&format!("p.yaml:{lines}:")),
            "{bad}: {text}"
        );
    }
}
