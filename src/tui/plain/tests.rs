//! Line mode without a terminal: typed lines through the call's own state,
//! and what is said back.

use super::announce::{Seen, changes, help_lines, stage_lines, summary_lines};
use super::parse::parse;
use super::session::on_line;
use crate::engine::Timestamp;
use crate::playbook::Language;
use crate::tui::call::{App, Effect, Setup, test_support};
use crate::tui::theme::Theme;

/// 2026-11-22 10:00:00 UTC.
const T0: Timestamp = 1_795_341_600_000;
const S: i64 = 1000;

fn app(lang: Language) -> App {
    let playbook = crate::playbook::load::parse(
        "minimal.yaml",
        include_bytes!("../../../tests/fixtures/minimal.yaml"),
    )
    .unwrap_or_else(|e| panic!("fixture: {e:?}"));
    let setup = Setup {
        agent: Some("Eva".into()),
        persistent: true,
        ..test_support::setup(playbook, lang, Theme::mono())
    };
    App::new_call(setup, test_support::meta("test-playbook", "1.0"), T0).0
}

/// Types `line` at `at`; the lines said back, then what changed.
fn say(app: &mut App, seen: &mut Seen, line: &str, at: Timestamp) -> (Vec<String>, Vec<Effect>) {
    let r = on_line(app, parse(line), at);
    let mut lines = r.lines;
    lines.extend(changes(app, seen));
    (lines, r.effects)
}

fn saved_notes(fx: &[Effect]) -> Option<&str> {
    fx.iter().find_map(|e| match e {
        Effect::SaveNotes { text, .. } => Some(text.as_str()),
        _ => None,
    })
}

#[test]
fn every_line_is_saved_at_once_and_a_doubled_slash_is_a_note() {
    let mut a = app(Language::En);
    let mut seen = Seen::default();
    changes(&a, &mut seen);
    let (said, fx) = say(&mut a, &mut seen, "customer angry", T0 + S);
    assert!(said.is_empty(), "{said:?}");
    assert_eq!(saved_notes(&fx), Some("customer angry"));
    let (_, fx) = say(&mut a, &mut seen, "", T0 + 2 * S);
    assert_eq!(saved_notes(&fx), Some("customer angry\n"));
    let (_, fx) = say(&mut a, &mut seen, "//8 hours \u{1b}[31mwaiting", T0 + 3 * S);
    assert_eq!(
        saved_notes(&fx),
        Some("customer angry\n\n/8 hours [31mwaiting")
    );
}

#[test]
fn stages_are_announced_once_when_they_change() {
    let mut a = app(Language::En);
    let mut seen = Seen::default();
    let first = changes(&a, &mut seen);
    assert_eq!(first[0], "Stage 1 of 6: Listen");
    assert!(first.contains(&"  1. open, required: Let the customer finish".to_owned()));
    // The phrase for the phone, without a name (no form of address), and the pitfall.
    assert!(
        first.contains(&"Phrase: I hear you.".to_owned()),
        "{first:?}"
    );
    assert!(
        first.contains(&"Pitfall: Interrupting.".to_owned()),
        "{first:?}"
    );
    assert!(changes(&a, &mut seen).is_empty(), "nothing new");
    let (said, _) = say(&mut a, &mut seen, "/next", T0 + S);
    assert_eq!(said.len(), 1, "{said:?}");
    assert!(said[0].contains("Let the customer finish") && said[0].contains("/skip"));
    let (said, _) = say(&mut a, &mut seen, "/tick 1", T0 + 2 * S);
    assert_eq!(said, ["Ticked: Let the customer finish"]);
    let (said, fx) = say(&mut a, &mut seen, "/next", T0 + 3 * S);
    assert!(fx.iter().any(|e| matches!(e, Effect::Persist(_))));
    assert_eq!(said[0], "Stage 2 of 6: Acknowledge");
    // A cue typed in the notes ticks and is announced as automatic.
    let (said, _) = say(&mut a, &mut seen, "I understand, really", T0 + 4 * S);
    assert_eq!(
        said,
        ["Ticked automatically (from your notes): Say you understand"]
    );
    let (said, _) = say(&mut a, &mut seen, "/back", T0 + 5 * S);
    assert_eq!(said[0], "Stage 1 of 6: Listen");
}

#[test]
fn a_nudge_is_announced_once_not_every_minute() {
    let mut a = app(Language::En);
    let mut seen = Seen::default();
    changes(&a, &mut seen);
    // listen's time hint is two minutes.
    crate::tui::call::update(&mut a, crate::tui::call::Msg::Tick, T0 + 121 * S);
    let said = changes(&a, &mut seen);
    assert_eq!(said.len(), 1, "{said:?}");
    assert!(said[0].contains("2 min"), "{said:?}");
    crate::tui::call::update(&mut a, crate::tui::call::Msg::Tick, T0 + 200 * S);
    assert!(changes(&a, &mut seen).is_empty());
}

#[test]
fn commands_that_cannot_run_say_why() {
    let mut a = app(Language::Nl);
    let mut seen = Seen::default();
    changes(&a, &mut seen);
    let said = |a: &mut App, seen: &mut Seen, line: &str| say(a, seen, line, T0 + S).0;
    assert_eq!(
        said(&mut a, &mut seen, "/vink"),
        ["Geef het nummer erbij, bijvoorbeeld /vink 1."]
    );
    assert_eq!(
        said(&mut a, &mut seen, "/gebruikt"),
        ["Geef het nummer erbij, bijvoorbeeld /gebruikt 1."]
    );
    assert_eq!(
        said(&mut a, &mut seen, "/tick 9"),
        ["Er is geen punt 9 in deze fase."]
    );
    assert_eq!(
        said(&mut a, &mut seen, "/terug"),
        ["Dit is de eerste fase."]
    );
    let unknown = said(&mut a, &mut seen, "/etc/passwd");
    assert!(unknown[0].starts_with("Geen opdracht: /etc/passwd.") && unknown[0].contains("//"));
    assert_eq!(
        said(&mut a, &mut seen, "/afspraak"),
        [crate::i18n::plain::NL.needs_agreement]
    );
    let agreed = said(&mut a, &mut seen, "/afspraak nieuwe jas sturen");
    assert_eq!(agreed, ["Afspraak vastgelegd: wij: nieuwe jas sturen"]);
    assert_eq!(a.state.agreements.len(), 1);
}

#[test]
fn ending_says_the_summary_without_keys_and_quitting_keeps_the_call() {
    let mut a = app(Language::En);
    let mut seen = Seen::default();
    changes(&a, &mut seen);
    say(&mut a, &mut seen, "! coat broken", T0 + S);
    let (said, fx) = say(&mut a, &mut seen, "/end", T0 + 2 * S);
    assert!(a.state.is_ended());
    assert!(fx.iter().any(|e| matches!(e, Effect::Persist(_))));
    let text = said.join("\n");
    assert!(text.contains("coat broken"), "{text}");
    for key in ["Alt-", "F10", "Esc", "Ctrl"] {
        assert!(!text.contains(key), "{key} in {text}");
    }
    // Notes after the end are still kept.
    let (_, fx) = say(&mut a, &mut seen, "called back later", T0 + 3 * S);
    assert_eq!(saved_notes(&fx), Some("! coat broken\ncalled back later"));
    let r = on_line(&mut a, parse("/quit"), T0 + 4 * S);
    assert!(r.quit && r.effects.contains(&Effect::Quit));
}

#[test]
fn nothing_said_carries_a_control_character() {
    let mut a = app(Language::En);
    a.setup.playbook.stages.listen.title = "Lis\u{1b}[2Jten".into();
    a.setup.playbook.stages.listen.checklist[0].text = "Let\u{7} them\u{9b}finish".into();
    let mut lines = stage_lines(&a);
    lines.extend(help_lines(&a));
    lines.extend(summary_lines(&a));
    lines.extend(say(&mut a, &mut Seen::default(), "/tick 1", T0 + S).0);
    for l in &lines {
        assert!(!l.chars().any(char::is_control), "{l:?}");
    }
}

#[test]
fn every_word_follows_the_interface_language() {
    let nl = help_lines(&app(Language::Nl)).join("\n");
    let en = help_lines(&app(Language::En)).join("\n");
    assert!(nl.contains("/volgende") && !nl.contains("/next"), "{nl}");
    assert!(en.contains("/next") && !en.contains("/volgende"), "{en}");
    assert!(stage_lines(&app(Language::Nl))[0].starts_with("Fase 1 van 6"));
}
