//! Key handling and app updates of the call screen, without a terminal.

use crate::support::tui as support;

use callcoach::engine::{CallOutcome, CallState, Event, EventKind, ItemRef, TickSource};
use callcoach::playbook::Language;
use callcoach::stage::StageId;
use callcoach::tui::call::update::CUE_IDLE_MS;
use callcoach::tui::call::{App, Effect, Msg, Overlay, Screen, update};
use proptest::prelude::*;
use ratatui::crossterm::event::{KeyCode, KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
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

fn saved_notes(fx: &[Effect]) -> Option<String> {
    fx.iter().rev().find_map(|e| match e {
        Effect::SaveNotes { text, .. } => Some(text.clone()),
        _ => None,
    })
}

#[test]
fn new_call_emits_started() {
    let (_, fx) = App::new_call(setup(Language::Nl), meta(false), T0);
    assert!(
        matches!(events(&fx).as_slice(), [EventKind::Started(m)] if m.customer.as_deref() == Some("K-123"))
    );
}

#[test]
fn typing_reaches_the_notes_including_accents_and_punctuation() {
    let mut a = app();
    let fx = type_text(&mut a, "é ë ĳ ? ! 123 q\nA: wij | bellen", T0 + 10);
    assert_eq!(a.notes_text(), "é ë ĳ ? ! 123 q\nA: wij | bellen");
    // Typing never changes the stage or ticks anything by itself.
    assert!(events(&fx).is_empty());
    assert_eq!(a.state.stage, StageId::Listen);
    // Shifted letters type as well.
    press(&mut a, KeyCode::Char('Q'), KeyModifiers::SHIFT, T0 + 20);
    assert!(a.notes_text().ends_with("bellenQ"));
}

#[test]
fn a_bare_line_feed_starts_a_new_line_and_deletes_nothing() {
    let mut a = app();
    type_text(&mut a, "jas kapot", T0 + 10);
    press(&mut a, KeyCode::Char('j'), KeyModifiers::CONTROL, T0 + 20);
    type_text(&mut a, "bon kwijt", T0 + 30);
    assert_eq!(a.notes_text(), "jas kapot\nbon kwijt");
}

#[test]
fn chords_and_function_keys_do_not_type() {
    let mut a = app();
    let fx = alt(&mut a, '1', T0 + 10);
    assert_eq!(a.notes_text(), "");
    assert_eq!(
        events(&fx),
        vec![EventKind::ItemChecked {
            item: ItemRef::new(StageId::Listen, "no_interrupt"),
            by: TickSource::Manual
        }]
    );
    fkey(&mut a, 4, T0 + 20);
    press(&mut a, KeyCode::Char('c'), KeyModifiers::CONTROL, T0 + 30);
    assert_eq!(a.notes_text(), "");
    // Alt-1 again unticks.
    let fx = alt(&mut a, '1', T0 + 40);
    assert!(matches!(
        events(&fx).as_slice(),
        [EventKind::ItemUnchecked { .. }]
    ));
}

#[test]
fn esc_prefix_acts_as_alt() {
    let mut a = app();
    press(&mut a, KeyCode::Esc, KeyModifiers::NONE, T0 + 1);
    assert!(a.esc_pending());
    press(&mut a, KeyCode::Char('1'), KeyModifiers::NONE, T0 + 2);
    // It acts once no more typing follows.
    let fx = update(
        &mut a,
        Msg::Tick,
        T0 + 2 + callcoach::tui::call::state::ESC_HOLD_MS + 1,
    );
    assert_eq!(events(&fx).len(), 1);
    assert_eq!(a.notes_text(), "");
    // Esc Esc cancels; the next key types.
    press(&mut a, KeyCode::Esc, KeyModifiers::NONE, T0 + 600);
    press(&mut a, KeyCode::Esc, KeyModifiers::NONE, T0 + 700);
    type_text(&mut a, "1", T0 + 1000);
    assert_eq!(a.notes_text(), "1");
}

#[test]
fn cue_phrases_in_the_notes_tick_items_automatically() {
    let tick = EventKind::ItemChecked {
        item: ItemRef::new(StageId::Listen, "no_interrupt"),
        by: TickSource::Cue,
    };
    // When the word ends.
    let mut a = app();
    let fx = type_text(&mut a, "ik liet ze uitpraten: let them finish.", T0 + 10);
    assert!(events(&fx).contains(&tick));
    // Or when the typing pauses in the last word, not before.
    let mut a = app();
    let fx = type_text(&mut a, "ik liet ze uitpraten: let them finish", T0 + 10);
    assert!(!events(&fx).contains(&tick), "mid-word: not looked at yet");
    assert_eq!(a.next_deadline(), Some(T0 + 10 + CUE_IDLE_MS));
    let early = update(&mut a, Msg::Tick, T0 + 10 + CUE_IDLE_MS - 1);
    assert!(!events(&early).contains(&tick));
    let fx = update(&mut a, Msg::Tick, T0 + 10 + CUE_IDLE_MS);
    assert!(events(&fx).contains(&tick));
    // Or when anything else happens first: an arrow key, before it moves.
    let mut a = app();
    type_text(&mut a, "let them finish\nverder", T0 + 10);
    press(&mut a, KeyCode::Up, KeyModifiers::NONE, T0 + 20);
    type_text(&mut a, "x", T0 + 30);
    let fx = press(&mut a, KeyCode::Down, KeyModifiers::NONE, T0 + 40);
    assert!(!events(&fx).contains(&tick), "ticked once, on Enter");
    assert!(
        a.state
            .checked
            .contains_key(&ItemRef::new(StageId::Listen, "no_interrupt"))
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    /// Typing at any pace, with any mix of words, spaces, punctuation, new
    /// lines and backspaces: once the typing pauses, every cue phrase on a
    /// line of the notes (with the line before it) is ticked, as if each
    /// keystroke had been looked at.
    #[test]
    fn once_the_typing_pauses_every_cue_on_a_line_is_ticked(
        keys in prop::collection::vec(
            prop_oneof![
                // The test playbook's cues are "let them finish" and "i
                // understand"; whole phrases come often, words mix them.
                prop::sample::select(vec![
                    "let them finish", "i understand", "let", "them", "finish",
                    "i", "understand", "not", "jas", "kapot",
                ]).prop_map(|w| w.to_owned()),
                Just(" ".to_owned()),
                Just(", ".to_owned()),
                Just("\n".to_owned()),
                Just("\u{8}".to_owned()),
            ],
            0..40,
        ),
        gaps in prop::collection::vec(0i64..600, 40),
    ) {
        let mut a = app();
        let mut at = T0 + 10;
        for (i, k) in keys.iter().enumerate() {
            at += gaps[i % gaps.len()];
            if k == "\u{8}" {
                press(&mut a, KeyCode::Backspace, KeyModifiers::NONE, at);
            } else {
                type_text(&mut a, k, at);
            }
        }
        update(&mut a, Msg::Tick, at + CUE_IDLE_MS);
        let lines: Vec<String> = a.notes_text().split('\n').map(str::to_owned).collect();
        for (i, line) in lines.iter().enumerate() {
            let prev = if i == 0 { "" } else { lines[i - 1].as_str() };
            for item in callcoach::notes::cue_hits(a.pb(), &format!("{prev}\n{line}")) {
                prop_assert!(
                    a.state.checked.contains_key(&item),
                    "{item:?} on line {i} of {:?}", a.notes_text()
                );
            }
        }
    }
}

#[test]
fn guarded_next_stage_asks_and_records_the_skip() {
    let mut a = app();
    let fx = fkey(&mut a, 3, T0 + 1000);
    assert!(events(&fx).is_empty());
    assert_eq!(a.state.stage, StageId::Listen);
    assert!(
        matches!(&a.overlay, Some(Overlay::ConfirmSkip { to: StageId::Acknowledge, items }) if items == &["Let the customer finish".to_owned()])
    );
    // Esc goes back without moving.
    press(&mut a, KeyCode::Esc, KeyModifiers::NONE, T0 + 1100);
    assert!(a.overlay.is_none());
    assert_eq!(a.state.stage, StageId::Listen);
    // The prompt takes only the keys it shows: typing cancels it and is typed.
    fkey(&mut a, 3, T0 + 1200);
    let fx = type_text(&mut a, "jaarlijks", T0 + 2500);
    assert!(events(&fx).is_empty());
    assert!(a.overlay.is_none());
    assert_eq!(a.notes_text(), "jaarlijks");
    fkey(&mut a, 3, T0 + 3000);
    // Enter right after the prompt appeared is typing, not "yes".
    let fx = press(&mut a, KeyCode::Enter, KeyModifiers::NONE, T0 + 3100);
    assert!(events(&fx).is_empty());
    assert_eq!(a.notes_text(), "jaarlijks\n");
    fkey(&mut a, 3, T0 + 4000);
    let fx = press(&mut a, KeyCode::Enter, KeyModifiers::NONE, T0 + 5000);
    assert_eq!(
        events(&fx),
        vec![EventKind::StageEntered {
            stage: StageId::Acknowledge,
            skipped: vec![ItemRef::new(StageId::Listen, "no_interrupt")]
        }]
    );
    assert_eq!(a.state.skipped_items().len(), 1);
    // Nothing open: moving on needs no confirmation.
    alt(&mut a, '1', T0 + 6000);
    fkey(&mut a, 3, T0 + 6100);
    assert_eq!(a.state.stage, StageId::Ask);
    assert!(a.overlay.is_none());
    fkey(&mut a, 2, T0 + 6200);
    assert_eq!(a.state.stage, StageId::Acknowledge);
}

#[test]
fn escalation_goes_back_to_listen_and_counts() {
    let mut a = app();
    alt(&mut a, '1', T0 + 10);
    fkey(&mut a, 3, T0 + 20);
    assert_eq!(a.state.stage, StageId::Acknowledge);
    let fx = fkey(&mut a, 5, T0 + 30);
    assert_eq!(
        events(&fx),
        vec![EventKind::Escalated {
            from: StageId::Acknowledge
        }]
    );
    assert_eq!(a.state.stage, StageId::Listen);
    assert_eq!(a.state.escalations.len(), 1);
    // Listen must be done again.
    assert!(a.state.checked.is_empty());
}

#[test]
fn decision_answers_lead_to_the_recommended_outcome() {
    let mut a = app();
    fkey(&mut a, 6, T0 + 10);
    assert!(matches!(
        a.overlay,
        Some(Overlay::Decision { selected: 0, .. })
    ));
    for _ in 0..3 {
        alt(&mut a, 'n', T0 + 1000);
    }
    assert_eq!(
        a.state.decision_outcome(a.pb()),
        Some(callcoach::engine::DecisionOutcome::PartWays)
    );
    let screen = render(&mut a, 120, 40);
    assert!(screen.contains("Part ways"), "{screen}");
    // One yes flips it to keep.
    press(&mut a, KeyCode::Up, KeyModifiers::NONE, T0 + 1100);
    alt(&mut a, 'j', T0 + 1200);
    assert_eq!(
        a.state.decision_outcome(a.pb()),
        Some(callcoach::engine::DecisionOutcome::Keep)
    );
    let fx = alt(&mut a, 'm', T0 + 1300);
    assert_eq!(
        events(&fx),
        vec![EventKind::MarkedDifficult { difficult: true }]
    );
    assert_eq!(a.notes_text(), "");
    // A plain letter is typing: it closes the panel and reaches the notes.
    let fx = press(&mut a, KeyCode::Char('n'), KeyModifiers::NONE, T0 + 1400);
    assert!(events(&fx).is_empty());
    assert!(a.overlay.is_none());
    assert_eq!(a.notes_text(), "n");
}

#[test]
fn repeat_difficult_customers_get_the_other_variant() {
    let (mut a, _) = App::new_call(setup(Language::En), meta(true), T0);
    fkey(&mut a, 6, T0 + 10);
    for _ in 0..3 {
        alt(&mut a, 'n', T0 + 1000);
    }
    let screen = render(&mut a, 120, 40);
    assert!(screen.contains("Give in, refer elsewhere"), "{screen}");
    assert!(screen.contains("difficult before"));
}

#[test]
fn agreement_form_records_an_engine_agreement() {
    let mut a = app();
    fkey(&mut a, 7, T0 + 10);
    assert!(matches!(a.overlay, Some(Overlay::Form(_))));
    type_text(&mut a, "nieuwe jas sturen", T0 + 20);
    press(&mut a, KeyCode::Tab, KeyModifiers::NONE, T0 + 30);
    type_text(&mut a, "2026-12-01", T0 + 40);
    // Enter right after the form opened is not taken as "save"…
    assert!(events(&press(&mut a, KeyCode::Enter, KeyModifiers::NONE, T0 + 50)).is_empty());
    assert!(a.overlay.is_some());
    // …a moment later it is.
    let fx = press(&mut a, KeyCode::Enter, KeyModifiers::NONE, T0 + 1000);
    assert!(a.overlay.is_none());
    match events(&fx).as_slice() {
        [EventKind::AgreementRecorded(ag)] => {
            assert_eq!(ag.who, "wij");
            assert_eq!(ag.what, "nieuwe jas sturen");
            assert_eq!(ag.by_when, Some(jiff::civil::date(2026, 12, 1)));
        }
        other => panic!("{other:?}"),
    }
    // The form's typing never reached the notes.
    assert_eq!(a.notes_text(), "");
}

#[test]
fn follow_up_form_uses_date_shortcuts() {
    let mut a = app();
    fkey(&mut a, 8, T0 + 10);
    alt(&mut a, '7', T0 + 20);
    press(&mut a, KeyCode::Tab, KeyModifiers::NONE, T0 + 30);
    type_text(&mut a, "bellen of de jas er is", T0 + 40);
    press(&mut a, KeyCode::Enter, KeyModifiers::NONE, T0 + 1000);
    let f = a.state.follow_up.clone().expect("planned");
    assert_eq!(f.due, jiff::civil::date(2026, 11, 29));
    assert_eq!(f.what, "bellen of de jas er is");
}

#[test]
fn note_agreement_lines_appear_as_agreements_and_in_the_email() {
    let mut a = app();
    type_text(
        &mut a,
        "A: wij | nieuwe jas sturen | 2026-12-01\n! jas kapot",
        T0 + 10,
    );
    assert_eq!(a.markers.agreements.len(), 1);
    let screen = render(&mut a, 120, 40);
    assert!(screen.contains("wij: nieuwe jas sturen"), "{screen}");
    let email = a.summary().email(a.pb());
    assert!(email.body.contains("nieuwe jas sturen"), "{}", email.body);
}

#[test]
fn ending_shows_the_summary_and_esc_reopens() {
    let mut a = app();
    type_text(&mut a, "hallo", T0 + 10);
    let fx = fkey(&mut a, 10, T0 + 60_000);
    assert_eq!(saved_notes(&fx).as_deref(), Some("hallo"));
    assert!(
        events(&fx)
            .iter()
            .any(|e| matches!(e, EventKind::Ended { .. }))
    );
    assert_eq!(a.screen, Screen::Summary { scroll: 0 });
    assert!(!a.wants_tick(), "no ticking on the summary screen");
    let fx = press(&mut a, KeyCode::Esc, KeyModifiers::NONE, T0 + 70_000);
    assert_eq!(events(&fx), vec![EventKind::Reopened]);
    assert_eq!(a.screen, Screen::Call);
    fkey(&mut a, 10, T0 + 80_000);
    let fx = alt(&mut a, 'e', T0 + 81_000);
    assert!(matches!(fx.as_slice(), [Effect::Clipboard(t)] if t.contains("Our agreements")));
    // Typing on the summary goes into the notes, Enter too.
    let fx = type_text(&mut a, "e\n", T0 + 82_000);
    assert!(events(&fx).is_empty());
    assert_eq!(a.notes_text(), "halloe\n");
    let fx = fkey(&mut a, 10, T0 + 83_000);
    assert_eq!(fx.last(), Some(&Effect::Quit));
}

#[test]
fn notes_are_saved_half_a_second_after_typing_and_every_second_while_typing() {
    let mut a = app();
    let fx = type_text(&mut a, "a", T0 + 1000);
    assert_eq!(saved_notes(&fx), None);
    // First the word is looked at for cues, then the notes are saved.
    assert_eq!(a.next_deadline(), Some(T0 + 1000 + CUE_IDLE_MS));
    assert_eq!(saved_notes(&update(&mut a, Msg::Tick, T0 + 1400)), None);
    assert_eq!(a.next_deadline(), Some(T0 + 1500));
    assert_eq!(
        saved_notes(&update(&mut a, Msg::Tick, T0 + 1500)).as_deref(),
        Some("a")
    );
    assert!(!a.notes_unsaved());
    // Continuous typing every 200 ms: every keystroke is saved within a second.
    let mut saves = Vec::new();
    let keys: Vec<i64> = (0..20).map(|i| T0 + 2000 + i * 200).collect();
    for &at in &keys {
        if saved_notes(&type_text(&mut a, "x", at)).is_some() {
            saves.push(at);
        }
    }
    let last = *keys.last().unwrap_or(&T0);
    if saved_notes(&update(&mut a, Msg::Tick, last + 500)).is_some() {
        saves.push(last + 500);
    }
    for k in keys {
        assert!(
            saves.iter().any(|&s| s >= k && s - k <= 1000),
            "keystroke at {k} not saved within a second: {saves:?}"
        );
    }
    // And not on every keystroke.
    assert!(saves.len() <= 6, "{saves:?}");
}

#[test]
fn ctrl_c_explains_and_a_second_one_quits_with_everything_saved() {
    let mut a = app();
    type_text(&mut a, "notitie", T0 + 10);
    let fx = press(&mut a, KeyCode::Char('c'), KeyModifiers::CONTROL, T0 + 20);
    assert!(!fx.contains(&Effect::Quit));
    assert!(a.notice.as_ref().is_some_and(|(t, _)| t.contains("Ctrl-Q")));
    let fx = press(&mut a, KeyCode::Char('c'), KeyModifiers::CONTROL, T0 + 500);
    assert_eq!(saved_notes(&fx).as_deref(), Some("notitie"));
    assert!(events(&fx).contains(&EventKind::Paused));
    assert_eq!(fx.last(), Some(&Effect::Quit));
}

#[test]
fn quitting_without_a_store_warns_first() {
    let mut s = setup(Language::Nl);
    s.persistent = false;
    let (mut a, _) = App::new_call(s, meta(false), T0);
    type_text(&mut a, "x", T0 + 1);
    let fx = press(&mut a, KeyCode::Char('q'), KeyModifiers::CONTROL, T0 + 2);
    assert!(!fx.contains(&Effect::Quit));
    let fx = press(&mut a, KeyCode::Char('q'), KeyModifiers::CONTROL, T0 + 3);
    assert_eq!(fx.last(), Some(&Effect::Quit));
}

#[test]
fn hangup_saves_and_quits_at_once() {
    let mut a = app();
    type_text(&mut a, "laatste woord", T0 + 10);
    let fx = update(&mut a, Msg::Hangup, T0 + 11);
    assert_eq!(saved_notes(&fx).as_deref(), Some("laatste woord"));
    assert_eq!(fx.last(), Some(&Effect::Quit));
}

#[test]
fn resume_pauses_the_gap_and_keeps_progress() {
    let mut a = app();
    alt(&mut a, '1', T0 + 10_000);
    fkey(&mut a, 3, T0 + 20_000);
    let log: Vec<Event> = a.log.clone();
    // Crashed at T0+30s; restarted an hour later.
    let later = T0 + 3_600_000;
    let (b, fx) = App::resume(
        setup(Language::Nl),
        log,
        "oude notities",
        T0 + 30_000,
        later,
    )
    .expect("resumes");
    assert_eq!(b.state.stage, StageId::Acknowledge);
    assert_eq!(b.notes_text(), "oude notities");
    assert_eq!(events(&fx), vec![EventKind::Paused, EventKind::Resumed]);
    assert_eq!(
        b.state.total_time(later),
        30_000,
        "the gap is not talk time"
    );
    assert!(b.notice.is_some());
}

proptest! {
    /// A call rebuilt while the resume question is read and continued at
    /// the answer is the call resumed at the answer: the same state, log,
    /// events to store and notice, however long the agent took to answer
    /// (the time away counts up to the answer, never to the rebuild).
    #[test]
    fn rebuilt_then_continued_equals_resumed_at_the_answer(
        left_after in 0i64..100_000,
        rebuilt_after in 0i64..10_000_000,
        answered_after in 0i64..10_000_000,
        ended in any::<bool>(),
    ) {
        let mut a = app();
        alt(&mut a, '1', T0 + 10_000);
        fkey(&mut a, 3, T0 + 20_000);
        if ended {
            fkey(&mut a, 10, T0 + 25_000);
        }
        let log: Vec<Event> = a.log.clone();
        let last = T0 + 30_000 + left_after;
        let rebuilt_at = last + rebuilt_after;
        let answer = rebuilt_at + answered_after;
        let mut early = App::restore(setup(Language::Nl), log.clone(), "notities", rebuilt_at)
            .expect("restores");
        let fx = early.continue_at(last, answer);
        let (resumed, resumed_fx) =
            App::resume(setup(Language::Nl), log, "notities", last, answer).expect("resumes");
        prop_assert_eq!(&fx, &resumed_fx);
        prop_assert_eq!(&early.log, &resumed.log);
        prop_assert_eq!(&early.state, &resumed.state);
        prop_assert_eq!(early.now, resumed.now);
        prop_assert_eq!(&early.notice, &resumed.notice);
        prop_assert_eq!(early.state.total_time(answer), resumed.state.total_time(answer));
    }
}

#[test]
fn reload_keeps_progress_and_errors_keep_the_old_playbook() {
    let mut a = app();
    alt(&mut a, '1', T0 + 10);
    fkey(&mut a, 3, T0 + 20);
    update(
        &mut a,
        Msg::ReloadFailed("pb.yaml:3:7: error: bad".into()),
        T0 + 30,
    );
    assert_eq!(a.reload_error.as_deref(), Some("pb.yaml:3:7: error: bad"));
    assert!(render(&mut a, 120, 40).contains("pb.yaml:3:7"));
    let mut pb = playbook();
    pb.stages.acknowledge.title = "Erkennen (nieuw)".into();
    update(&mut a, Msg::PlaybookReloaded(Box::new(pb)), T0 + 40);
    assert_eq!(a.reload_error, None);
    assert_eq!(a.state.stage, StageId::Acknowledge);
    assert_eq!(a.state.checked.len(), 1);
    assert!(render(&mut a, 120, 40).contains("Erkennen (nieuw)"));
}

#[test]
fn clicking_a_checklist_item_ticks_it() {
    let mut a = app();
    render(&mut a, 120, 40);
    let layout =
        callcoach::tui::call::layout::call_layout(&a, ratatui::layout::Rect::new(0, 0, 120, 40));
    let click = MouseEvent {
        kind: MouseEventKind::Down(MouseButton::Left),
        column: layout.checklist.x + 5,
        row: layout.checklist.y + 2,
        modifiers: KeyModifiers::NONE,
    };
    let fx = update(&mut a, Msg::Mouse(click), T0 + 10);
    assert_eq!(
        events(&fx),
        vec![EventKind::ItemChecked {
            item: ItemRef::new(StageId::Listen, "cues"),
            by: TickSource::Manual
        }]
    );
}

#[test]
fn paste_goes_into_the_notes_without_control_characters() {
    let mut a = app();
    update(
        &mut a,
        Msg::Paste("regel 1\r\nregel\x1b[2J 2".into()),
        T0 + 10,
    );
    assert_eq!(a.notes_text(), "regel 1\nregel[2J 2");
}

#[test]
fn engine_commands_only_through_the_app_log() {
    // The app's log replays to exactly its state (the engine invariant holds through the UI).
    let mut a = app();
    type_text(&mut a, "let them finish\n", T0 + 10);
    fkey(&mut a, 3, T0 + 1000);
    fkey(&mut a, 3, T0 + 2000);
    press(&mut a, KeyCode::Enter, KeyModifiers::NONE, T0 + 3000);
    fkey(&mut a, 5, T0 + 4000);
    let replayed = callcoach::engine::CallState::replay(&a.log).expect("replay");
    assert_eq!(replayed, a.state);
}

#[test]
fn follow_up_check_reopens_at_follow_up_and_records_the_result() {
    let mut a = app();
    fkey(&mut a, 7, T0 + 10);
    type_text(&mut a, "nieuwe jas sturen", T0 + 20);
    press(&mut a, KeyCode::Enter, KeyModifiers::NONE, T0 + 1000);
    fkey(&mut a, 10, T0 + 2000);
    let log = a.log.clone();
    // A week later.
    let later = T0 + 7 * 86_400_000;
    let (mut b, _) = App::resume(setup(Language::Nl), log, "", T0 + 2000, later).expect("resumes");
    assert!(b.state.is_ended());
    let fx = b.open_at(Some(StageId::FollowUp));
    let kinds = events(&fx);
    assert_eq!(kinds.first(), Some(&EventKind::Reopened));
    assert!(matches!(
        kinds.last(),
        Some(EventKind::StageEntered {
            stage: StageId::FollowUp,
            ..
        })
    ));
    let screen = render(&mut b, 120, 40);
    assert!(screen.contains("1. wij: nieuwe jas sturen"), "{screen}");
    fkey(&mut b, 8, later + 10);
    type_text(&mut b, "ja", later + 20);
    press(&mut b, KeyCode::Tab, KeyModifiers::NONE, later + 30);
    type_text(&mut b, "nee", later + 40);
    press(&mut b, KeyCode::Tab, KeyModifiers::NONE, later + 50);
    type_text(&mut b, "bon nog niet binnen", later + 60);
    let fx = press(&mut b, KeyCode::Enter, KeyModifiers::NONE, later + 1000);
    match events(&fx).as_slice() {
        [EventKind::FollowUpClosed(r)] => {
            assert!(r.agreements_kept);
            assert!(!r.customer_satisfied);
            assert_eq!(r.still_open, "bon nog niet binnen");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn agreements_follow_edits_of_marker_lines() {
    let mut a = app();
    type_text(&mut a, "gewone regel\nA: bellen", T0 + 10);
    assert_eq!(a.markers.agreements.len(), 1);
    // Deleting back to "A:" (nothing agreed) removes it; typing again restores it.
    for _ in 0..7 {
        press(&mut a, KeyCode::Backspace, KeyModifiers::NONE, T0 + 20);
    }
    assert_eq!(a.notes_text(), "gewone regel\nA:");
    assert!(a.markers.agreements.is_empty());
    type_text(&mut a, " mailen", T0 + 30);
    assert_eq!(a.markers.agreements[0].what, "mailen");
    // Undo takes back the word, and the agreement with it.
    press(&mut a, KeyCode::Char('u'), KeyModifiers::CONTROL, T0 + 40);
    assert_eq!(a.notes_text(), "gewone regel\nA: ");
    assert_eq!(*a.markers, callcoach::notes::markers(&a.notes_text()));
    assert!(a.markers.agreements.is_empty());
    // Editing an ordinary line leaves the agreements alone.
    press(&mut a, KeyCode::Up, KeyModifiers::NONE, T0 + 50);
    type_text(&mut a, "x", T0 + 60);
    assert_eq!(*a.markers, callcoach::notes::markers(&a.notes_text()));
}

#[test]
fn a_call_with_only_note_agreements_ends_resolved() {
    let mut a = app();
    type_text(&mut a, "A: wij | bedrag terugstorten", T0 + 10);
    let fx = fkey(&mut a, 10, T0 + 20);
    assert!(events(&fx).contains(&EventKind::Ended {
        outcome: callcoach::engine::CallOutcome::Resolved
    }));
    // Without any agreement it stays unresolved.
    let mut b = app();
    let fx = fkey(&mut b, 10, T0 + 20);
    assert!(events(&fx).contains(&EventKind::Ended {
        outcome: callcoach::engine::CallOutcome::Unresolved
    }));
}

/// A key a second after the last message (past the guard of a screen change).
fn key(a: &mut App, c: char) -> Vec<Effect> {
    key_code(a, KeyCode::Char(c), KeyModifiers::NONE)
}

/// An Alt chord a second after the last message.
fn alt_key(a: &mut App, c: char) -> Vec<Effect> {
    key_code(a, KeyCode::Char(c), KeyModifiers::ALT)
}

fn key_code(a: &mut App, code: KeyCode, mods: KeyModifiers) -> Vec<Effect> {
    let n = a.now + 1000;
    press(a, code, mods, n)
}

fn footer_text(a: &App) -> String {
    callcoach::tui::call::layout::footer_lines(a, 200)
        .iter()
        .map(|l| l.to_string())
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn a_known_customer_opens_with_their_history_once() {
    let mut a = app_with_history();
    assert_eq!(a.overlay, Some(Overlay::History { scroll: 0 }));
    assert!(footer_text(&a).contains("Esc"));
    // Esc closes it without touching the call.
    let fx = press(&mut a, KeyCode::Esc, KeyModifiers::NONE, T0 + 10);
    assert_eq!(a.overlay, None);
    assert!(events(&fx).is_empty());
    // It is in the footer now, and Alt-h / F11 open and close it again.
    assert!(footer_text(&a).contains("F11 historie"));
    alt(&mut a, 'h', T0 + 20);
    assert_eq!(a.overlay, Some(Overlay::History { scroll: 0 }));
    press(&mut a, KeyCode::Down, KeyModifiers::NONE, T0 + 25);
    assert_eq!(a.overlay, Some(Overlay::History { scroll: 1 }));
    fkey(&mut a, 11, T0 + 30);
    assert_eq!(a.overlay, None);
    // A customer without earlier calls: no overlay, no footer entry, and
    // the key says why nothing opens.
    let mut b = app();
    assert_eq!(b.overlay, None);
    assert!(!footer_text(&b).contains("F11"));
    fkey(&mut b, 11, T0 + 10);
    assert_eq!(b.overlay, None);
    assert_eq!(
        b.notice.as_ref().map(|(t, _)| t.as_str()),
        Some(callcoach::i18n::NL.no_history)
    );
}

#[test]
fn typing_over_the_history_closes_it_and_loses_no_key() {
    let mut a = app_with_history();
    type_text(&mut a, "Klant belt", T0 + 10);
    assert_eq!(a.overlay, None);
    assert_eq!(a.notes_text(), "Klant belt");
    // A call key works at once too.
    let mut b = app_with_history();
    alt(&mut b, '1', T0 + 10);
    assert_eq!(b.overlay, None);
    assert!(
        b.state
            .checked
            .contains_key(&ItemRef::new(StageId::Listen, "no_interrupt"))
    );
}

#[test]
fn history_from_the_store_leaves_out_the_reopened_call() {
    use callcoach::store::CustomerHistory;
    use callcoach::tui::call::History;
    let h = history();
    let store = CustomerHistory {
        calls: h.calls.clone(),
        difficult_before: true,
    };
    let all = History::from_store(store.clone(), None);
    assert_eq!(all.earlier_calls(), 2);
    assert!(all.difficult_before);
    // Reopening the call that marked the customer difficult: the other
    // call is the only earlier one, and it did not.
    let other = History::from_store(store, Some(&h.calls[0].id));
    assert_eq!(other.earlier_calls(), 1);
    assert!(!other.difficult_before);
}

/// Ends the in-progress call of `app()` with an `A:` line (suggested: resolved).
fn ended() -> App {
    let mut a = app();
    type_text(&mut a, "A: wij | nieuwe jas sturen", T0 + 10_000);
    fkey(&mut a, 10, T0 + 60_000);
    a
}

#[test]
fn the_outcome_can_be_changed_on_the_summary_and_replay_agrees() {
    let mut a = ended();
    assert_eq!(a.state.ended.map(|e| e.1), Some(CallOutcome::Resolved));
    let talk = a.state.total_time(T0 + 90_000);
    a.now = T0 + 70_000;
    let fx = alt_key(&mut a, 'o');
    assert_eq!(
        events(&fx),
        vec![
            EventKind::Reopened,
            EventKind::Ended {
                outcome: CallOutcome::ResolvedWithFollowUp
            }
        ]
    );
    let seen: Vec<_> = (0..4)
        .map(|_| {
            alt_key(&mut a, 'o');
            a.state.ended.map(|e| e.1)
        })
        .collect();
    assert_eq!(
        seen,
        vec![
            Some(CallOutcome::PartedWays),
            Some(CallOutcome::Unresolved),
            Some(CallOutcome::Resolved),
            Some(CallOutcome::ResolvedWithFollowUp),
        ]
    );
    // Still on the summary, no talk time added, and the stored log
    // rebuilds exactly this state.
    assert!(matches!(a.screen, Screen::Summary { .. }));
    assert_eq!(a.state.total_time(T0 + 90_000), talk);
    assert_eq!(CallState::replay(&a.log), Some(a.state.clone()));
    let rows = callcoach::tui::call::summary::summary_text(&a);
    assert!(
        rows.contains("Afloop: opgelost, opvolging gepland"),
        "{rows}"
    );
    // During the call the key types.
    let mut b = app();
    key(&mut b, 'o');
    assert_eq!(b.notes_text(), "o");
    assert!(!b.state.is_ended());
}

#[test]
fn the_cause_is_chosen_on_the_summary_and_reaches_the_export() {
    let mut a = ended();
    let rows = callcoach::tui::call::summary::summary_text(&a);
    assert!(rows.contains("Oorzaak: nog niet gekozen"), "{rows}");
    let fx = alt_key(&mut a, 'r');
    assert_eq!(
        events(&fx),
        vec![EventKind::CauseSet {
            cause: "expectations".into()
        }]
    );
    // One cause in the fixture: choosing again changes nothing.
    assert!(events(&alt_key(&mut a, 'r')).is_empty());
    let s = a.summary();
    assert_eq!(
        s.cause,
        Some(("expectations".to_owned(), "Expectations".to_owned()))
    );
    let md = callcoach::export::markdown::render(&callcoach::store::CallId("x".into()), &s);
    assert!(md.contains("Cause: Expectations"), "{md}");
    assert_eq!(CallState::replay(&a.log), Some(a.state.clone()));
}

#[test]
fn evaluation_questions_are_answered_from_the_summary() {
    let mut a = ended();
    alt_key(&mut a, 'v');
    assert!(matches!(&a.overlay, Some(Overlay::Form(f)) if f.fields.len() == 1));
    // An empty form records nothing.
    let fx = key_code(&mut a, KeyCode::Enter, KeyModifiers::NONE);
    assert!(events(&fx).is_empty());
    assert_eq!(a.overlay, None);
    alt_key(&mut a, 'v');
    let n = a.now;
    type_text(&mut a, "nee, verwachting", n);
    let fx = key_code(&mut a, KeyCode::Enter, KeyModifiers::NONE);
    assert_eq!(
        events(&fx),
        vec![EventKind::EvaluationAnswered {
            question: "real_shortcoming".into(),
            answer: "nee, verwachting".into()
        }]
    );
    assert_eq!(
        a.summary().evaluation[0].answer.as_deref(),
        Some("nee, verwachting")
    );
    let md =
        callcoach::export::markdown::render(&callcoach::store::CallId("x".into()), &a.summary());
    assert!(md.contains("nee, verwachting"), "{md}");
    // Reopening shows the answer; clearing it removes it from the summary.
    alt_key(&mut a, 'v');
    assert!(
        matches!(&a.overlay, Some(Overlay::Form(f)) if f.fields[0].text() == "nee, verwachting")
    );
    key_code(&mut a, KeyCode::Home, KeyModifiers::NONE);
    key_code(&mut a, KeyCode::Char('k'), KeyModifiers::CONTROL);
    let fx = key_code(&mut a, KeyCode::Enter, KeyModifiers::NONE);
    assert_eq!(events(&fx).len(), 1);
    assert_eq!(a.summary().evaluation[0].answer, None);
    assert_eq!(CallState::replay(&a.log), Some(a.state.clone()));
}

#[test]
fn ctrl_z_stops_the_clocks_until_the_shell_continues_us() {
    let mut a = app();
    type_text(&mut a, "notities", T0 + 5_000);
    let fx = press(
        &mut a,
        KeyCode::Char('z'),
        KeyModifiers::CONTROL,
        T0 + 10_000,
    );
    assert_eq!(saved_notes(&fx).as_deref(), Some("notities"));
    assert_eq!(events(&fx), vec![EventKind::Paused]);
    assert!(fx.contains(&Effect::Suspend));
    // Ten minutes at the shell.
    let fx = update(&mut a, Msg::Continued, T0 + 610_000);
    assert_eq!(events(&fx), vec![EventKind::Resumed]);
    assert_eq!(a.state.total_time(T0 + 615_000), 15_000);
    // A continue without a suspend of ours records nothing.
    assert!(events(&update(&mut a, Msg::Continued, T0 + 620_000)).is_empty());
    assert_eq!(CallState::replay(&a.log), Some(a.state.clone()));
}

#[test]
fn a_ctrl_chord_after_a_stray_esc_still_works() {
    let mut a = app();
    press(&mut a, KeyCode::Esc, KeyModifiers::NONE, T0 + 10);
    let fx = press(&mut a, KeyCode::Char('z'), KeyModifiers::CONTROL, T0 + 20);
    assert!(fx.contains(&Effect::Suspend));
    assert_eq!(a.notes_text(), "");
}

#[test]
fn help_on_the_summary_lists_the_summary_keys() {
    let mut a = ended();
    key_code(&mut a, KeyCode::F(1), KeyModifiers::NONE);
    let screen = render(&mut a, 120, 40);
    for text in [
        "afloop wijzigen",
        "oorzaak van de klacht kiezen",
        "evaluatievragen beantwoorden",
    ] {
        assert!(screen.contains(text), "{text} missing:\n{screen}");
    }
    let mut b = app();
    fkey(&mut b, 1, T0 + 10);
    assert!(!render(&mut b, 120, 40).contains("afloop wijzigen"));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]
    /// The notes' markers are kept up to date without reading the whole
    /// notes on every key: after any typing, new lines, joins, deletions
    /// and moves they equal the markers read from the whole text.
    #[test]
    fn the_markers_always_equal_those_of_the_whole_notes(
        steps in prop::collection::vec(
            prop_oneof![
                prop::sample::select(vec![
                    "jas", " ", "A: wij | bellen | 2026-12-01", "A:", "a: klant", "!", "! kern",
                    "?", "? bon", "|", "x",
                ]).prop_map(|t| (Some(t.to_owned()), KeyCode::Null)),
                prop::sample::select(vec![
                    KeyCode::Enter, KeyCode::Backspace, KeyCode::Delete, KeyCode::Up,
                    KeyCode::Down, KeyCode::Left, KeyCode::Right, KeyCode::Home, KeyCode::End,
                ]).prop_map(|k| (None, k)),
            ],
            0..60,
        ),
    ) {
        let mut a = app();
        for (i, (text, key)) in steps.into_iter().enumerate() {
            let at = T0 + 10 + i as i64;
            match text {
                Some(t) => { type_text(&mut a, &t, at); }
                None => { press(&mut a, key, KeyModifiers::NONE, at); }
            }
            prop_assert_eq!(&*a.markers, &callcoach::notes::markers(&a.notes_text()), "after step {}: {:?}", i, a.notes_text());
        }
    }
}
