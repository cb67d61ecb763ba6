//! Correcting the record on the call screen (pure update, no terminal):
//! withdrawing and editing agreements, dates in the past, the form of
//! address, the phrase marked as used, and what the summary and e-mail
//! then say.

use crate::support::tui::*;
use callcoach::engine::{CallState, EventKind, StageStatus};
use callcoach::playbook::Language;
use callcoach::stage::StageId;
use callcoach::tui::call::{App, Effect, Msg, Overlay, update};
use ratatui::crossterm::event::{KeyCode, KeyModifiers};

const NONE: KeyModifiers = KeyModifiers::NONE;
/// One step: well past the guard after a change of screen, so keys act.
const S: i64 = 1000;

fn key(app: &mut App, code: KeyCode, at: i64) -> Vec<Effect> {
    press(app, code, NONE, at)
}

/// Records an agreement with the F7 form.
fn agree(app: &mut App, what: &str, when: &str, at: i64) {
    fkey(app, 7, at);
    type_text(app, what, at + S / 2);
    key(app, KeyCode::Tab, at + S / 2);
    type_text(app, when, at + S / 2);
    key(app, KeyCode::Enter, at + S / 2);
}

fn persisted(fx: &[Effect]) -> Vec<EventKind> {
    fx.iter()
        .filter_map(|e| match e {
            Effect::Persist(ev) => Some(ev.iter().map(|e| e.kind.clone())),
            _ => None,
        })
        .flatten()
        .collect()
}

#[test]
fn a_withdrawn_agreement_is_gone_from_the_summary_and_the_email() {
    let mut a = app();
    agree(&mut a, "nieuwe jas sturen", "", T0 + S);
    agree(&mut a, "bon mailen", "", T0 + 2 * S);
    assert_eq!(a.state.agreements.len(), 2);
    // Shift-F7 lists them; ↓ picks the second, Del withdraws it.
    press(&mut a, KeyCode::F(7), KeyModifiers::SHIFT, T0 + 3 * S);
    assert_eq!(a.overlay, Some(Overlay::Agreements { selected: 0 }));
    let screen = render(&mut a, 120, 40);
    assert!(
        screen.contains("Afspraken wijzigen of intrekken"),
        "{screen}"
    );
    assert!(screen.contains("Del intrekken"), "{screen}");
    key(&mut a, KeyCode::Down, T0 + 4 * S);
    let fx = key(&mut a, KeyCode::Delete, T0 + 5 * S);
    assert_eq!(persisted(&fx), vec![EventKind::AgreementRemoved { id: 2 }]);
    let texts: Vec<&str> = a.state.agreements.iter().map(|x| x.what.as_str()).collect();
    assert_eq!(texts, vec!["nieuwe jas sturen"]);
    assert_eq!(a.overlay, Some(Overlay::Agreements { selected: 0 }));
    let sum = a.summary();
    assert!(sum.agreements.iter().all(|x| x.what != "bon mailen"));
    assert!(!sum.email(a.pb()).body.contains("bon mailen"));
    // The last one withdrawn closes the list.
    key(&mut a, KeyCode::Delete, T0 + 6 * S);
    assert!(a.state.agreements.is_empty());
    assert_eq!(a.overlay, None);
    assert_eq!(CallState::replay(&a.log).as_ref(), Some(&a.state));
}

#[test]
fn typing_closes_the_agreement_list_and_goes_to_the_notes() {
    let mut a = app();
    agree(&mut a, "jas", "", T0 + S);
    alt(&mut a, 'w', T0 + 2 * S);
    assert!(matches!(a.overlay, Some(Overlay::Agreements { .. })));
    let fx = type_text(&mut a, "dank", T0 + 3 * S);
    assert_eq!(a.overlay, None);
    assert_eq!(a.notes_text(), "dank");
    assert!(persisted(&fx).is_empty(), "typing recorded nothing");
    assert_eq!(a.state.agreements.len(), 1);
}

#[test]
fn an_agreement_is_edited_in_place() {
    let mut a = app();
    agree(&mut a, "jas sturen", "", T0 + S);
    alt(&mut a, 'w', T0 + 2 * S);
    key(&mut a, KeyCode::Enter, T0 + 3 * S);
    let Some(Overlay::Form(f)) = &a.overlay else {
        panic!("edit form expected: {:?}", a.overlay);
    };
    assert_eq!(f.fields[1].text(), "jas sturen");
    assert!(render(&mut a, 120, 40).contains("Afspraak 1 wijzigen"));
    type_text(&mut a, " vandaag", T0 + 4 * S);
    let fx = key(&mut a, KeyCode::Enter, T0 + 5 * S);
    assert!(matches!(
        persisted(&fx).as_slice(),
        [EventKind::AgreementChanged(x)] if x.id == 1 && x.what == "jas sturen vandaag"
    ));
    assert_eq!(a.state.agreements.len(), 1);
    assert!(
        a.notice
            .as_ref()
            .is_some_and(|n| n.0 == "Afspraak 1 gewijzigd")
    );
}

#[test]
fn a_deadline_in_the_past_asks_for_confirmation() {
    let mut a = app();
    fkey(&mut a, 7, T0 + S);
    type_text(&mut a, "jas sturen", T0 + S);
    key(&mut a, KeyCode::Tab, T0 + S);
    type_text(&mut a, "2020-01-01", T0 + S);
    let fx = key(&mut a, KeyCode::Enter, T0 + 2 * S);
    assert!(persisted(&fx).is_empty(), "not saved yet");
    let screen = render(&mut a, 120, 40);
    assert!(
        screen.contains("2020-01-01 ligt in het verleden"),
        "{screen}"
    );
    // Changing the date asks again; a second Enter on the same date saves.
    key(&mut a, KeyCode::Backspace, T0 + 3 * S);
    type_text(&mut a, "2", T0 + 3 * S);
    assert!(persisted(&key(&mut a, KeyCode::Enter, T0 + 4 * S)).is_empty());
    let fx = key(&mut a, KeyCode::Enter, T0 + 5 * S);
    assert!(
        matches!(persisted(&fx).as_slice(), [EventKind::AgreementRecorded(x)]
        if x.by_when == Some(jiff::civil::date(2020, 1, 2)))
    );
    // A date from today on is saved at once.
    fkey(&mut a, 8, T0 + 6 * S);
    key(&mut a, KeyCode::Tab, T0 + 6 * S);
    type_text(&mut a, "jas binnen?", T0 + 6 * S);
    let fx = key(&mut a, KeyCode::Enter, T0 + 7 * S);
    assert!(matches!(
        persisted(&fx).first(),
        Some(EventKind::FollowUpPlanned(_))
    ));
}

#[test]
fn the_form_of_address_fills_the_phrases_and_can_be_cleared() {
    let mut a = app();
    // The fixture's first phrase: "I hear you, {customer}." — never the reference.
    assert!(render(&mut a, 120, 40).contains("„I hear you.”"));
    alt(&mut a, 'k', T0 + S);
    type_text(&mut a, "mevrouw Jansen", T0 + S);
    let fx = key(&mut a, KeyCode::Enter, T0 + 2 * S);
    assert_eq!(
        persisted(&fx),
        vec![EventKind::AddressSet {
            address: Some("mevrouw Jansen".into())
        }]
    );
    let screen = render(&mut a, 120, 40);
    assert!(screen.contains("„I hear you, mevrouw Jansen.”"), "{screen}");
    assert!(screen.contains("klant K-123 (mevrouw Jansen)"), "{screen}");
    assert!(
        a.summary()
            .email(a.pb())
            .body
            .starts_with("Dear mevrouw Jansen,")
    );
    alt(&mut a, 'k', T0 + 3 * S);
    // Empty the field: to its start, then delete to its end.
    press(&mut a, KeyCode::Home, NONE, T0 + 3 * S);
    press(
        &mut a,
        KeyCode::Char('k'),
        KeyModifiers::CONTROL,
        T0 + 3 * S,
    );
    key(&mut a, KeyCode::Enter, T0 + 4 * S);
    assert_eq!(a.state.address, None);
    assert!(render(&mut a, 120, 40).contains("„I hear you.”"));
}

#[test]
fn a_marked_phrase_stays_on_screen_with_its_mark() {
    let mut a = app();
    alt(&mut a, 'u', T0 + S);
    assert!(a.state.phrases_used.contains(&(StageId::Listen, 0)));
    assert_eq!(a.current_phrase().map(|p| p.0), Some(0), "not moved on");
    let screen = render(&mut a, 80, 24);
    assert!(screen.contains("1/2 ✓ gebruikt"), "{screen}");
    // A second press marks nothing else.
    let fx = alt(&mut a, 'u', T0 + 2 * S);
    assert!(persisted(&fx).is_empty());
    assert_eq!(a.state.phrases_used.len(), 1);
}

#[test]
fn a_skipped_stage_completed_later_reads_so_on_rail_and_summary() {
    let mut a = app();
    // F3 with the required item open, confirmed: listen is skipped.
    fkey(&mut a, 3, T0 + S);
    key(&mut a, KeyCode::Enter, T0 + 2 * S);
    assert_eq!(a.state.status(StageId::Listen), StageStatus::Skipped);
    // Back in listen, ticked, forward again.
    fkey(&mut a, 2, T0 + 3 * S);
    alt(&mut a, '1', T0 + 4 * S);
    fkey(&mut a, 3, T0 + 5 * S);
    assert_eq!(a.state.status(StageId::Listen), StageStatus::CompletedLater);
    let screen = render(&mut a, 120, 40);
    assert!(screen.contains("↺ 1. Listen"), "{screen}");
    fkey(&mut a, 10, T0 + 6 * S);
    let screen = render(&mut a, 120, 40);
    assert!(
        screen.contains("(overgeslagen, later afgerond)"),
        "{screen}"
    );
    assert!(
        screen.contains("↺ overgeslagen, later afgerond: Let the customer finish"),
        "{screen}"
    );
}

#[test]
fn english_words_for_the_english_interface() {
    let mut a = App::new_call(setup(Language::En), meta(false), T0).0;
    alt(&mut a, 'k', T0 + S);
    assert!(render(&mut a, 120, 40).contains("How to address the customer"));
    update(&mut a, Msg::Tick, T0 + 2 * S);
    key(&mut a, KeyCode::Esc, T0 + 2 * S);
    alt(&mut a, 'w', T0 + 3 * S);
    assert!(
        a.notice
            .as_ref()
            .is_some_and(|n| n.0 == "No recorded agreements yet (F7 records one)")
    );
}

/// The list of agreements at every size: the selected one in full, the
/// keys on the last line (wrapped, never cut).
#[test]
fn the_agreement_list_at_every_size() {
    for (w, h) in [(120, 40), (80, 24), (60, 20)] {
        let mut a = app();
        agree(
            &mut a,
            "nieuwe jas sturen in maat 40, dezelfde kleur als de vorige, met retourlabel",
            "+3",
            T0 + S,
        );
        agree(&mut a, "bon mailen", "", T0 + 2 * S);
        alt(&mut a, 'w', T0 + 3 * S);
        let screen = render(&mut a, w, h);
        assert!(screen.contains("retourlabel"), "{screen}");
        insta::assert_snapshot!(format!("agreement_list_{w}x{h}"), screen);
    }
}

/// An `A:` line in the notes cannot ask about a past date (that would stop
/// the typing): the agreements pane flags it, and only it.
#[test]
fn a_note_agreement_with_a_past_date_is_flagged_in_the_pane() {
    let mut a = app();
    // T0 is 2026-11-23; one date before it, one after, one without.
    type_text(
        &mut a,
        "A: wij | terugbellen | 2026-11-20\nA: wij | jas sturen | 2026-12-01\nA: klant | bon mailen\n",
        T0 + S,
    );
    let screen = render(&mut a, 120, 40);
    let flagged: Vec<&str> = screen
        .lines()
        .filter(|l| l.contains("2026-11-20 ⚠ voorbij (notitie)"))
        .collect();
    assert_eq!(flagged.len(), 1, "{screen}");
    assert!(flagged[0].contains("terugbellen"), "{}", flagged[0]);
    assert!(screen.contains("jas sturen"), "{screen}");
}
