//! Typing is never stolen (issue 9, item 1): printable keys go to the notes
//! whatever came before them, the Esc prefix expires, prompts take only the
//! keys they show, and keys right after a screen change are not commands of
//! the new screen. Also: form fields edit with a cursor, and undo goes by
//! word.

use crate::support::tui as support;

use callcoach::engine::{EventKind, TickSource};
use callcoach::tui::call::keys::{Context, TABLE};
use callcoach::tui::call::state::{ESC_HOLD_MS, ESC_WINDOW_MS, GUARD_MS};
use callcoach::tui::call::{App, Effect, Msg, Overlay, Screen, update};
use proptest::prelude::*;
use ratatui::crossterm::event::{KeyCode, KeyModifiers};
use support::*;

fn events(fx: &[Effect]) -> Vec<EventKind> {
    fx.iter()
        .filter_map(|e| match e {
            Effect::Persist(evs) => Some(evs.iter().map(|e| e.kind.clone())),
            _ => None,
        })
        .flatten()
        .collect()
}

/// Engine events other than checklist ticks from cue phrases (which are
/// what typing in the notes is meant to do).
fn commands(fx: &[Effect]) -> Vec<EventKind> {
    events(fx)
        .into_iter()
        .filter(|e| {
            !matches!(
                e,
                EventKind::ItemChecked {
                    by: TickSource::Cue,
                    ..
                }
            )
        })
        .collect()
}

/// Types `text` with `gap` milliseconds between keys, from `at`.
fn type_slowly(a: &mut App, text: &str, at: i64, gap: i64) -> Vec<Effect> {
    let mut fx = Vec::new();
    for (i, c) in text.chars().enumerate() {
        fx.extend(press(
            a,
            KeyCode::Char(c),
            KeyModifiers::NONE,
            at + gap * i as i64,
        ));
    }
    fx
}

#[test]
fn esc_then_typing_later_is_typing() {
    let mut a = app();
    press(&mut a, KeyCode::Esc, KeyModifiers::NONE, T0 + 1000);
    let fx = type_slowly(&mut a, "2 excuses aangeboden namens ons", T0 + 3000, 50);
    assert!(commands(&fx).is_empty(), "{:?}", commands(&fx));
    assert_eq!(a.notes_text(), "2 excuses aangeboden namens ons");
    // After 1.5 s as well (the window is one second).
    press(&mut a, KeyCode::Esc, KeyModifiers::NONE, T0 + 10_000);
    let fx = type_slowly(&mut a, "xtra", T0 + 11_500, 50);
    assert!(commands(&fx).is_empty());
    assert!(a.notes_text().ends_with("xtra"));
    assert_eq!(a.screen, Screen::Call);
}

#[test]
fn esc_then_typing_at_once_is_typing() {
    for gap in [0, 50, 200, 340] {
        let mut a = app();
        press(&mut a, KeyCode::Esc, KeyModifiers::NONE, T0 + 1000);
        let mut fx = type_slowly(
            &mut a,
            "excuses aangeboden namens ons",
            T0 + 1000 + gap,
            gap,
        );
        fx.extend(update(&mut a, Msg::Tick, T0 + 20_000));
        assert!(commands(&fx).is_empty(), "{gap}: {:?}", commands(&fx));
        assert_eq!(a.notes_text(), "excuses aangeboden namens ons", "{gap}");
        assert_eq!(a.state.escalations.len(), 0);
    }
    // Also when the terminal hangs up while the first key waits.
    let mut a = app();
    press(&mut a, KeyCode::Esc, KeyModifiers::NONE, T0 + 1000);
    press(&mut a, KeyCode::Char('x'), KeyModifiers::NONE, T0 + 1010);
    update(&mut a, Msg::Hangup, T0 + 1020);
    assert_eq!(a.notes_text(), "x");
    assert_eq!(a.screen, Screen::Call);
}

#[test]
fn esc_takes_only_the_keys_it_maps() {
    let mut a = app();
    // Alt-z means nothing: Esc z types the z.
    press(&mut a, KeyCode::Esc, KeyModifiers::NONE, T0 + 1000);
    let fx = press(&mut a, KeyCode::Char('z'), KeyModifiers::NONE, T0 + 1100);
    assert!(events(&fx).is_empty());
    assert_eq!(a.notes_text(), "z");
    // Within the window a mapped key is its Alt chord.
    press(&mut a, KeyCode::Esc, KeyModifiers::NONE, T0 + 2000);
    assert!(a.esc_pending());
    press(&mut a, KeyCode::Char('1'), KeyModifiers::NONE, T0 + 2900);
    let fx = update(&mut a, Msg::Tick, T0 + 2900 + ESC_HOLD_MS + 1);
    assert_eq!(events(&fx).len(), 1, "Esc 1 = Alt-1 ticks item 1");
    // The pending Esc shows until the window ends, and a tick is asked for.
    press(&mut a, KeyCode::Esc, KeyModifiers::NONE, T0 + 4000);
    assert!(a.esc_pending());
    assert!(
        a.next_deadline()
            .is_some_and(|d| d <= T0 + 4000 + ESC_WINDOW_MS + 1)
    );
    a.now = T0 + 4000 + ESC_WINDOW_MS + 1;
    assert!(!a.esc_pending());
}

#[test]
fn esc_twice_to_close_a_panel_starts_no_prefix() {
    let mut a = app();
    fkey(&mut a, 6, T0 + 1000);
    press(&mut a, KeyCode::Esc, KeyModifiers::NONE, T0 + 2000);
    assert!(a.overlay.is_none());
    press(&mut a, KeyCode::Esc, KeyModifiers::NONE, T0 + 2100);
    assert!(!a.esc_pending());
    let fx = type_slowly(&mut a, "afspraak", T0 + 2200, 30);
    assert!(events(&fx).is_empty());
    assert_eq!(a.notes_text(), "afspraak");
}

#[test]
fn f3_then_typing_keeps_every_character() {
    for delay in [0, 100, 2000] {
        let mut a = app();
        fkey(&mut a, 3, T0 + 1000);
        assert!(matches!(a.overlay, Some(Overlay::ConfirmSkip { .. })));
        let fx = type_slowly(
            &mut a,
            "jaarlijks contract; klant wil",
            T0 + 1000 + delay,
            40,
        );
        assert!(commands(&fx).is_empty(), "{delay}: {:?}", commands(&fx));
        assert_eq!(a.notes_text(), "jaarlijks contract; klant wil");
        assert!(a.overlay.is_none());
        assert_eq!(a.state.skipped_items().len(), 0);
    }
}

#[test]
fn f10_then_typing_keeps_every_character() {
    for delay in [0, 300, 2000] {
        let mut a = app();
        fkey(&mut a, 10, T0 + 1000);
        let fx = type_slowly(&mut a, "xtra: klant wil creditnota", T0 + 1000 + delay, 40);
        assert!(events(&fx).is_empty(), "{delay}: {:?}", events(&fx));
        assert!(
            fx.iter()
                .all(|e| !matches!(e, Effect::Clipboard(_) | Effect::Quit))
        );
        assert_eq!(a.notes_text(), "xtra: klant wil creditnota");
        assert!(matches!(a.screen, Screen::Summary { .. }));
    }
}

#[test]
fn a_command_of_a_new_screen_waits_for_the_guard() {
    let mut a = app();
    fkey(&mut a, 10, T0 + 1000);
    // Enter within the guard is a new line in the notes, not "finish".
    let fx = press(
        &mut a,
        KeyCode::Enter,
        KeyModifiers::NONE,
        T0 + 1000 + GUARD_MS - 1,
    );
    assert!(!fx.contains(&Effect::Quit));
    assert_eq!(a.notes_text(), "\n");
}

#[test]
fn form_fields_edit_at_the_cursor_and_ctrl_u_undoes() {
    let mut a = app();
    fkey(&mut a, 7, T0 + 1000);
    type_slowly(&mut a, "refund", T0 + 2000, 50);
    press(&mut a, KeyCode::Home, KeyModifiers::NONE, T0 + 3000);
    press(&mut a, KeyCode::Left, KeyModifiers::NONE, T0 + 3100);
    press(&mut a, KeyCode::Right, KeyModifiers::NONE, T0 + 3200);
    press(&mut a, KeyCode::Right, KeyModifiers::NONE, T0 + 3300);
    press(&mut a, KeyCode::Char('X'), KeyModifiers::SHIFT, T0 + 3400);
    let text = |a: &App| match &a.overlay {
        Some(Overlay::Form(f)) => f.fields[f.focus].text(),
        _ => String::new(),
    };
    assert_eq!(text(&a), "reXfund");
    // Ctrl-U is undo here as in the notes.
    press(&mut a, KeyCode::Char('u'), KeyModifiers::CONTROL, T0 + 3500);
    assert_eq!(text(&a), "refund");
    press(&mut a, KeyCode::Char('u'), KeyModifiers::CONTROL, T0 + 3600);
    assert_eq!(text(&a), "");
    assert_eq!(a.notes_text(), "");
}

#[test]
fn undo_in_the_notes_takes_back_a_word_or_a_pause() {
    let mut a = app();
    type_slowly(&mut a, "Dank u voor uw geduld", T0 + 1000, 100);
    let presses = (1..=10)
        .take_while(|_| {
            press(&mut a, KeyCode::Char('u'), KeyModifiers::CONTROL, T0 + 9000);
            !a.notes_text().is_empty()
        })
        .count()
        + 1;
    assert_eq!(presses, 5, "five words, five undo steps");
    // Typing with pauses: each pause starts a step.
    type_slowly(&mut a, "ab", T0 + 20_000, 2000);
    press(
        &mut a,
        KeyCode::Char('u'),
        KeyModifiers::CONTROL,
        T0 + 30_000,
    );
    assert_eq!(a.notes_text(), "a");
}

/// Delivers the ticks the event loop would have sent before `now` (it
/// wakes at every deadline), then presses `key` at `now`.
fn press_in_time(a: &mut App, (code, mods): (KeyCode, KeyModifiers), now: i64) -> Vec<Effect> {
    let mut fx = Vec::new();
    for _ in 0..10 {
        match a.next_deadline() {
            Some(d) if d < now => fx.extend(update(a, Msg::Tick, d)),
            _ => break,
        }
    }
    fx.extend(press(a, code, mods, now));
    fx
}

/// Keys of the call screen that are commands, except those opening a form
/// (whose very purpose is to take the typing that follows).
fn action_keys() -> Vec<(KeyCode, KeyModifiers)> {
    use callcoach::tui::call::keys::Action;
    let mut keys: Vec<_> = TABLE
        .iter()
        .filter(|b| b.context == Context::Call)
        .filter(|b| {
            !matches!(
                b.action,
                Action::AgreementForm | Action::FollowUpForm | Action::AddressForm
            )
        })
        .flat_map(|b| b.keys.iter().copied())
        .collect();
    keys.sort_by_key(|k| format!("{k:?}"));
    keys.dedup();
    keys
}

/// Keys that move a call around before the property's action key.
fn prefix_key() -> impl Strategy<Value = (KeyCode, KeyModifiers)> {
    let mut keys = action_keys();
    keys.extend([
        (KeyCode::Char('a'), KeyModifiers::NONE),
        (KeyCode::Char(' '), KeyModifiers::NONE),
        (KeyCode::Enter, KeyModifiers::NONE),
        (KeyCode::Backspace, KeyModifiers::NONE),
        (KeyCode::Down, KeyModifiers::NONE),
        (KeyCode::F(7), KeyModifiers::NONE),
        (KeyCode::Tab, KeyModifiers::NONE),
        // In the list of agreements (Shift-F7): withdraw one.
        (KeyCode::Delete, KeyModifiers::NONE),
    ]);
    proptest::sample::select(keys)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    /// From reachable states of a call, printable text typed after any
    /// single action key, at any timing outside the Esc window, ends up
    /// verbatim in the notes and records nothing in the engine (other than
    /// checklist ticks from cue phrases in the text itself).
    #[test]
    fn typing_after_any_action_key_lands_in_the_notes(
        prefix in proptest::collection::vec((prefix_key(), 0i64..3000), 0..8),
        action in proptest::sample::select(action_keys()),
        delay in prop_oneof![0i64..GUARD_MS, GUARD_MS..3000],
        first in proptest::sample::select("yjnmqocrsvekhpdxafw1239 ".chars().collect::<Vec<_>>()),
        rest in "[a-zA-Z0-9 ,.:;!?'éëĳ-]{0,24}",
        gaps in proptest::collection::vec(0i64..400, 25),
    ) {
        let mut a = app_with_history();
        let mut now = T0 + 1000;
        for (key, gap) in prefix {
            now += gap;
            press_in_time(&mut a, key, now);
        }
        // Back to the call screen (Esc closes panels and reopens a summary).
        for _ in 0..4 {
            if a.context() == Context::Call {
                break;
            }
            now += 1500;
            press_in_time(&mut a, (KeyCode::Esc, KeyModifiers::NONE), now);
        }
        now += ESC_WINDOW_MS + 500;
        update(&mut a, Msg::Tick, now);
        prop_assume!(a.context() == Context::Call);
        let (code, _) = action;
        press_in_time(&mut a, action, now);
        // Outside the Esc window: after Esc, more than a second.
        now += if code == KeyCode::Esc { ESC_WINDOW_MS + 1 + delay } else { delay };
        // The first key is one that commands somewhere (or did before).
        let text = format!("{first}{rest}");
        let before = a.notes_text();
        let mut fx = Vec::new();
        for (c, gap) in text.chars().zip(gaps) {
            fx.extend(press_in_time(&mut a, (KeyCode::Char(c), KeyModifiers::NONE), now));
            now += gap;
        }
        fx.extend(update(&mut a, Msg::Tick, now + 5000));
        let after = a.notes_text();
        prop_assert!(commands(&fx).is_empty(), "{:?} after {:?}", commands(&fx), action);
        prop_assert_eq!(after.chars().count(), before.chars().count() + text.chars().count());
        let at = after.find(&text);
        prop_assert!(at.is_some(), "{:?} not in {:?} after {:?}", text, after, action);
        let found = (0..=after.len() - text.len())
            .filter(|i| after.is_char_boundary(*i) && after[*i..].starts_with(&text))
            .any(|i| format!("{}{}", &after[..i], &after[i + text.len()..]) == before);
        prop_assert!(found, "{:?} was not inserted verbatim into {:?}", text, before);
    }
}
