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
