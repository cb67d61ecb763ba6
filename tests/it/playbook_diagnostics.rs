//! What a team lead sees for typical mistakes in a copy of the default
//! playbook, exactly (snapshots): location, the offending line with its
//! marker, what was expected and a hint.

use callcoach::diagnostic::render_all;
use callcoach::playbook::load;

/// A frozen copy of the Dutch playbook, so the snapshots do not depend on
/// edits of the shipped content.
const TEAM: &str = include_str!("../fixtures/team.yaml");

fn check(text: &str) -> String {
    match load::parse("team.yaml", text.as_bytes()) {
        Ok(_) => "valid".to_owned(),
        Err(d) => render_all(&d, false),
    }
}

fn mutate(pairs: &[(&str, &str)]) -> String {
    let mut text = TEAM.to_owned();
    for (from, to) in pairs {
        assert!(text.contains(from), "`{from}` not in the playbook");
        text = text.replacen(from, to, 1);
    }
    text
}

#[test]
fn the_fixture_is_valid() {
    assert_eq!(check(TEAM), "valid");
}

#[test]
fn misspelled_key() {
    insta::assert_snapshot!(check(&mutate(&[("\n    pitfalls:\n", "\n    pitfals:\n")])));
}

#[test]
fn tab_indentation() {
    insta::assert_snapshot!(check(&mutate(&[(
        "\n      - id: apologise",
        "\n\t- id: apologise"
    )])));
}

#[test]
fn several_rule_violations_at_once() {
    insta::assert_snapshot!(check(&mutate(&[
        ("source: klagende-klant\n", "source: klagende_klant\n"),
        ("{agreements}", "{afspraken}"),
        ("- id: listening_cues", "- id: let_finish"),
    ])));
}

/// 1-based line of the first line of `text` containing `needle`.
fn line_of(text: &str, needle: &str) -> usize {
    text.lines()
        .position(|l| l.contains(needle))
        .expect("needle")
        + 1
}

/// The `file:line:column` of the first diagnostic (its `-->` line).
fn first_location(text: &str) -> String {
    let out = check(text);
    out.lines()
        .find_map(|l| l.trim_start().strip_prefix("--> "))
        .unwrap_or("")
        .to_owned()
}

#[test]
fn a_stray_closing_brace_in_the_email_body_is_shown_on_its_own_line() {
    let text = mutate(&[("    Onze afspraken:\n", "    Onze afspraken: }\n")]);
    let line = line_of(&text, "Onze afspraken: }");
    // Not at the body's first placeholder (`{customer}`, many lines up).
    assert!(line > line_of(&text, "Beste {customer}") + 5);
    assert_eq!(first_location(&text), format!("team.yaml:{line}:21"));
    insta::assert_snapshot!(check(&text));
}

#[test]
fn an_unclosed_brace_in_the_email_body_is_shown_on_its_own_line() {
    let text = mutate(&[("    Onze afspraken:\n", "    Onze { afspraken:\n")]);
    let line = line_of(&text, "Onze { afspraken:");
    assert_eq!(first_location(&text), format!("team.yaml:{line}:10"));
    // One problem: the brace, not a made-up placeholder reaching to the
    // next line's `{agreements}`.
    insta::assert_snapshot!(check(&text));
}

#[test]
fn a_dedented_phrases_key_is_shown_on_its_own_line() {
    // Only the key moved: the parser stops at `pitfalls:` further down.
    let text = mutate(&[(
        "\n    phrases:\n      - text: Ja… ik hoor",
        "\n  phrases:\n      - text: Ja… ik hoor",
    )]);
    let line = line_of(&text, "  phrases:");
    assert!(line_of(&text, "    pitfalls:") > line);
    assert_eq!(first_location(&text), format!("team.yaml:{line}:3"));
    insta::assert_snapshot!(check(&text));
}

#[test]
fn a_dedented_block_of_keys_is_shown_at_its_first_key_with_the_stage_above() {
    // `phrases:` and everything after it in the stage moved left: they
    // become keys of `stages`.
    let start = TEAM.find("\n    phrases:\n").expect("phrases") + 1;
    let end = TEAM[start..]
        .find("\n  acknowledge:\n")
        .expect("next stage")
        + start
        + 1;
    let shifted: String = TEAM[start..end]
        .split_inclusive('\n')
        .map(|l| l.strip_prefix("  ").unwrap_or(l))
        .collect();
    let text = format!("{}{shifted}{}", &TEAM[..start], &TEAM[end..]);
    let line = line_of(&text, "  phrases:");
    assert_eq!(first_location(&text), format!("team.yaml:{line}:3"));
    let out = check(&text);
    assert!(out.contains("if it belongs to `listen:` above"), "{out}");
    insta::assert_snapshot!(out);
}
