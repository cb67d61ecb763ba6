//! Issue 10, item 1 on the call screen: quitting when the notes could be
//! saved nowhere opens a box that takes only the keys it shows — a copy of
//! all notes (masked), saving again, back to the call, and quit only on a
//! second Ctrl-Q. Masking on the way out: the screen shows the masked form.

use crate::support::tui as support;

use callcoach::engine::EventKind;
use callcoach::tui::call::mask;
use callcoach::tui::call::{App, Effect, Msg, Overlay, update};
use ratatui::crossterm::event::{KeyCode, KeyModifiers};
use support::*;

const CTRL: KeyModifiers = KeyModifiers::CONTROL;

/// An app with notes, after Ctrl-Q found them saved nowhere.
fn boxed() -> (App, i64) {
    let mut a = app();
    type_text(&mut a, "klant belt over factuur", T0 + 1000);
    let fx = press(&mut a, KeyCode::Char('q'), CTRL, T0 + 2000);
    assert!(fx.contains(&Effect::Quit));
    update(&mut a, Msg::Unsaved("disk full".into()), T0 + 2000);
    assert!(matches!(a.overlay, Some(Overlay::Unsaved { .. })));
    (a, T0 + 3000)
}

#[test]
fn the_box_quits_only_on_a_second_ctrl_q() {
    let (mut a, t) = boxed();
    let fx = press(&mut a, KeyCode::Char('q'), CTRL, t);
    assert!(fx.is_empty(), "{fx:?}");
    assert!(render(&mut a, 120, 40).contains("Druk nog eens op Ctrl-Q"));
    let fx = press(&mut a, KeyCode::Char('q'), CTRL, t + 100);
    assert_eq!(fx, vec![Effect::QuitUnsaved]);
}

#[test]
fn the_box_copies_all_notes_and_a_copy_disarms_the_quit() {
    let (mut a, t) = boxed();
    press(&mut a, KeyCode::Char('q'), CTRL, t);
    let fx = alt(&mut a, 'c', t + 100);
    assert_eq!(
        fx,
        vec![Effect::Clipboard("klant belt over factuur".into())]
    );
    assert!(render(&mut a, 120, 40).contains("23 tekens gekopieerd"));
    // The copy started over: one Ctrl-Q only asks again.
    let fx = press(&mut a, KeyCode::Char('q'), CTRL, t + 200);
    assert!(fx.is_empty(), "{fx:?}");
    assert_eq!(alt(&mut a, 'r', t + 300), vec![Effect::Rescue]);
    update(&mut a, Msg::StillUnsaved, t + 300);
    assert!(render(&mut a, 120, 40).contains("Opslaan lukt nog steeds nergens"));
}

#[test]
fn esc_goes_back_to_the_call_and_its_clocks_run_again() {
    let (mut a, t) = boxed();
    assert!(a.state.is_paused());
    let fx = press(&mut a, KeyCode::Esc, KeyModifiers::NONE, t);
    assert!(a.overlay.is_none());
    assert!(!a.state.is_paused());
    assert!(fx.iter().any(|e| matches!(
        e,
        Effect::Persist(evs) if evs.iter().any(|e| e.kind == EventKind::Resumed)
    )));
}

#[test]
fn typing_is_never_a_key_of_the_box() {
    let (mut a, t) = boxed();
    // Plain letters (also c, r and q) are not the box's keys: they close it
    // and go to the notes, never copying or quitting.
    let fx = type_text(&mut a, " cq", t + 1000);
    assert!(a.overlay.is_none());
    assert!(a.notes_text().ends_with("factuur cq"));
    assert!(
        !fx.iter()
            .any(|e| matches!(e, Effect::Quit | Effect::QuitUnsaved | Effect::Clipboard(_)))
    );
}

#[test]
fn the_box_at_three_sizes() {
    for (w, h) in [(120, 40), (80, 24), (60, 20)] {
        let (mut a, _) = boxed();
        insta::assert_snapshot!(format!("unsaved_box_{w}x{h}"), render(&mut a, w, h));
    }
}

#[test]
fn masked_notes_show_on_screen_and_leave_nothing_to_undo() {
    let mut a = app();
    type_text(&mut a, "kaart 4111 1111 1111 1111 ok", T0 + 1000);
    let text = a.notes_text();
    let stored = mask::notes_for_store(&mut a, &text);
    assert!(!stored.contains("4111 1111 1111 1111"), "{stored}");
    assert_eq!(a.notes_text(), stored);
    press(&mut a, KeyCode::Char('u'), CTRL, T0 + 5000);
    assert!(!a.notes_text().contains("4111 1111 1111 1111"));
    let screen = render(&mut a, 120, 40);
    assert!(
        screen.contains("Gemaskeerd vóór opslaan: kaartnummer"),
        "{screen}"
    );
}

/// The saver masks beside the typing: its answer masks the lines still as
/// it saw them, and leaves a line typed into since for the next save.
#[test]
fn masking_from_the_saver_spares_lines_edited_since() {
    let mut a = app();
    type_text(&mut a, "kaart 4111 1111 1111 1111 ok", T0 + 1000);
    press(&mut a, KeyCode::Enter, KeyModifiers::NONE, T0 + 1100);
    type_text(&mut a, "ook 5500 0000 0000 0004", T0 + 1200);
    let seen = a.notes_text();
    let (masked, found) = callcoach::store::redaction::redact_text(&seen, &[]);
    assert_eq!(found.len(), 2, "{masked}");
    // Typing goes on in the second line before the saver answers.
    type_text(&mut a, " x", T0 + 1300);
    update(
        &mut a,
        Msg::NotesMasked {
            from: seen,
            masked,
            found,
        },
        T0 + 1400,
    );
    let now = a.notes_text();
    let lines: Vec<&str> = now.lines().collect();
    assert!(!lines[0].contains("4111 1111"), "{now}");
    assert!(lines[0].ends_with("1111 ok"), "{now}");
    assert_eq!(lines[1], "ook 5500 0000 0000 0004 x", "{now}");
    // The cursor stayed at the end of the typing.
    type_text(&mut a, "y", T0 + 1500);
    assert!(a.notes_text().ends_with("0004 xy"), "{}", a.notes_text());
}
