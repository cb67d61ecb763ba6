//! Readable at 80×24 and smaller (issue 9, item 5), on the shipped
//! playbook's long texts: the selected checklist item in full, Alt-N only
//! for items on screen, pitfalls wrapped, panels that scroll say so, and a
//! header that never shows half a word.

use crate::support::tui as support;

use callcoach::playbook::Language;
use callcoach::tui::call::App;
use ratatui::crossterm::event::{KeyCode, KeyModifiers};
use support::*;

fn builtin_app(lang: Language) -> App {
    let mut s = setup(lang);
    s.playbook = callcoach::playbook::load::builtin("klachtgesprek")
        .expect("built-in playbook")
        .expect("valid");
    App::new_call(s, meta(false), T0).0
}

/// The checklist pane's text with borders, marks and line breaks folded
/// into single spaces.
fn checklist_text(screen: &str) -> String {
    let mut out = String::new();
    let mut inside = false;
    for line in screen.lines() {
        if line.contains("Checklist —") {
            inside = true;
            continue;
        }
        if inside && line.starts_with('└') {
            break;
        }
        if inside {
            // The left pane only (the notes may be beside it).
            let pane: String = line.split('│').nth(1).unwrap_or_default().to_owned();
            out.push(' ');
            out.push_str(&pane.replace("[ ]", " ").replace('!', " "));
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn every_checklist_item_can_be_read_in_full_at_80x24_and_60x20() {
    for (w, h) in [(80, 24), (60, 20)] {
        let mut a = builtin_app(Language::Nl);
        let items: Vec<String> = a
            .pb()
            .stage(a.state.stage)
            .checklist
            .iter()
            .map(|i| i.text.clone())
            .collect();
        for (n, item) in items.iter().enumerate() {
            let screen = render(&mut a, w, h);
            let text = checklist_text(&screen);
            assert!(
                text.contains(item.as_str()),
                "{w}x{h}: item {} not in full:\n{screen}",
                n + 1
            );
            let now = a.now + 1000;
            press(&mut a, KeyCode::Down, KeyModifiers::ALT, now);
        }
    }
}

#[test]
fn alt_digits_tick_only_items_on_screen() {
    let mut a = builtin_app(Language::Nl);
    let screen = render(&mut a, 60, 20);
    assert!(
        screen.contains("▼ nog"),
        "hidden items are announced:\n{screen}"
    );
    let fx = alt(&mut a, '6', T0 + 1000);
    assert!(
        fx.iter()
            .all(|e| !matches!(e, callcoach::tui::call::Effect::Persist(_)))
    );
    assert!(a.state.checked.is_empty());
    assert!(
        a.notice
            .as_ref()
            .is_some_and(|(t, _)| t.contains("niet op het scherm"))
    );
    // Item 1 is on screen: Alt-1 ticks it.
    alt(&mut a, '1', T0 + 2000);
    assert_eq!(a.state.checked.len(), 1);
}

#[test]
fn the_pitfall_wraps_instead_of_stopping_mid_sentence() {
    let mut a = builtin_app(Language::Nl);
    let pitfall = a.pb().stage(a.state.stage).pitfalls[0].text.clone();
    let last = pitfall
        .split_whitespace()
        .last()
        .unwrap_or_default()
        .to_owned();
    let screen = render(&mut a, 80, 24);
    assert!(screen.contains(&last), "pitfall cut at 80×24:\n{screen}");
}

#[test]
fn help_and_decision_say_when_they_scroll() {
    let mut a = builtin_app(Language::Nl);
    fkey(&mut a, 1, T0 + 1000);
    let screen = render(&mut a, 80, 24);
    assert!(screen.contains("▼ nog"), "{screen}");
    for i in 0..30 {
        press(&mut a, KeyCode::PageDown, KeyModifiers::NONE, T0 + 2000 + i);
    }
    let screen = render(&mut a, 80, 24);
    assert!(
        screen.contains("▲") && !screen.contains("▼ nog"),
        "{screen}"
    );
    // The Dutch help is Dutch.
    assert!(!screen.contains("wheel"), "{screen}");
    press(&mut a, KeyCode::Esc, KeyModifiers::NONE, T0 + 5000);
    fkey(&mut a, 6, T0 + 6000);
    for i in 0..3 {
        alt(&mut a, 'n', T0 + 7000 + i);
    }
    let screen = render(&mut a, 80, 24);
    assert!(
        screen.contains("▼ nog"),
        "decision overflows and says so:\n{screen}"
    );
}

#[test]
fn the_header_never_shows_half_a_word() {
    let mut s = setup(Language::Nl);
    s.history = Some(history());
    let (mut a, _) = App::new_call(s, meta(false), T0);
    for w in 40..=120 {
        let screen = render(&mut a, w, 24);
        let header = screen.lines().next().unwrap_or_default();
        if header.contains("1 e") || header.contains("2 e") {
            assert!(header.contains("2 eerdere gesprekken"), "{w}: {header}");
        }
        assert!(header.contains("K-123"), "{w}: {header}");
    }
}

#[test]
fn snapshots_of_the_shipped_playbook_at_small_sizes() {
    for (w, h) in [(120, 40), (80, 24), (60, 20)] {
        let mut a = builtin_app(Language::Nl);
        insta::assert_snapshot!(format!("builtin_call_{w}x{h}"), render(&mut a, w, h));
    }
}

/// What a step of the property below does to the call screen.
#[derive(Clone, Debug)]
enum Step {
    Type(String),
    Key(KeyCode, KeyModifiers),
    Paste(String),
    /// Time passes (the timers, the mindset reminder and notices change).
    Wait(i64),
    Resize(u16, u16),
}

fn step() -> impl proptest::strategy::Strategy<Value = Step> {
    use proptest::prelude::*;
    prop_oneof![
        4 => proptest::sample::select(vec!["jas kapot ", "ik begrijp het", "\n", "A: wij | bellen\n", "? bon\n", "! kern\n"])
            .prop_map(|t| Step::Type(t.to_owned())),
        3 => proptest::sample::select(vec![
            (KeyCode::F(1), KeyModifiers::NONE),
            (KeyCode::F(2), KeyModifiers::NONE),
            (KeyCode::F(3), KeyModifiers::NONE),
            (KeyCode::F(4), KeyModifiers::NONE),
            (KeyCode::F(5), KeyModifiers::NONE),
            (KeyCode::F(6), KeyModifiers::NONE),
            (KeyCode::F(7), KeyModifiers::NONE),
            (KeyCode::F(10), KeyModifiers::NONE),
            (KeyCode::Esc, KeyModifiers::NONE),
            (KeyCode::Enter, KeyModifiers::NONE),
            (KeyCode::Backspace, KeyModifiers::NONE),
            (KeyCode::Up, KeyModifiers::NONE),
            (KeyCode::Char('1'), KeyModifiers::ALT),
            (KeyCode::Char('2'), KeyModifiers::ALT),
            (KeyCode::Char('p'), KeyModifiers::CONTROL),
            (KeyCode::Char('z'), KeyModifiers::CONTROL),
        ])
        .prop_map(|(c, m)| Step::Key(c, m)),
        1 => Just(Step::Paste("A: klant | stuurt bon | 2026-12-01\nnog een regel".to_owned())),
        2 => (1i64..200_000).prop_map(Step::Wait),
        1 => proptest::sample::select(vec![(120u16, 40u16), (80, 24), (60, 20), (100, 30)])
            .prop_map(|(w, h)| Step::Resize(w, h)),
    ]
}

/// The screen as a fresh ratatui frame draws it, cell by cell.
fn frame(app: &App, w: u16, h: u16) -> ratatui::buffer::Buffer {
    let mut term =
        ratatui::Terminal::new(ratatui::backend::TestBackend::new(w, h)).expect("test backend");
    term.draw(|f| callcoach::tui::call::draw(f, app))
        .expect("draw");
    term.backend().buffer().clone()
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(48))]

    /// Panes whose content did not change are copied from the frame that
    /// drew them: whatever the agent does, in any order and at any size,
    /// every frame equals one drawn with nothing remembered.
    #[test]
    fn a_frame_with_remembered_panes_equals_a_fresh_one(
        steps in proptest::collection::vec(step(), 1..40),
    ) {
        let mut app = builtin_app(Language::Nl);
        // The same call, drawn the way the program draws it: each frame
        // over the last, only the panes that changed.
        let mut live = builtin_app(Language::Nl);
        let (mut w, mut h) = (120u16, 40u16);
        let mut now = T0;
        let mut screen = ratatui::buffer::Buffer::empty(ratatui::layout::Rect::new(0, 0, w, h));
        let mut fresh = true;
        for a in [&mut app, &mut live] {
            callcoach::tui::call::update(a, callcoach::tui::call::Msg::Resize(w, h), now);
        }
        frame(&app, w, h);
        for (i, s) in steps.into_iter().enumerate() {
            let shown = format!("{s:?}");
            now += 50;
            for a in [&mut app, &mut live] {
                match s.clone() {
                    Step::Type(t) => { type_text(a, &t, now); }
                    Step::Key(c, m) => { press(a, c, m, now); }
                    Step::Paste(t) => {
                        callcoach::tui::call::update(a, callcoach::tui::call::Msg::Paste(t), now);
                    }
                    Step::Wait(ms) => {
                        callcoach::tui::call::update(a, callcoach::tui::call::Msg::Tick, now + ms);
                    }
                    Step::Resize(nw, nh) => {
                        callcoach::tui::call::update(a, callcoach::tui::call::Msg::Resize(nw, nh), now);
                    }
                }
            }
            if let Step::Wait(ms) = s { now += ms; }
            if let Step::Resize(nw, nh) = s {
                (w, h) = (nw, nh);
                if screen.area.width != w || screen.area.height != h {
                    screen = ratatui::buffer::Buffer::empty(ratatui::layout::Rect::new(0, 0, w, h));
                    fresh = true;
                }
            }
            let remembered = frame(&app, w, h);
            app.forget_drawn();
            let new = frame(&app, w, h);
            proptest::prop_assert_eq!(&remembered, &new, "after step {} {}", i, shown);
            // Over the last frame: the same cells, and all that changed
            // lies in the areas the frame says it drew.
            let last = screen.clone();
            let drawn = callcoach::tui::call::draw_changed(&live, &mut screen, fresh);
            fresh = false;
            proptest::prop_assert_eq!(&screen, &new, "drawn over the last frame, after step {} {}", i, shown);
            if let Some(areas) = drawn.areas {
                for y in 0..h {
                    for x in 0..w {
                        let inside = areas.iter().any(|r| r.contains(ratatui::layout::Position::new(x, y)));
                        proptest::prop_assert!(
                            inside || last[(x, y)] == screen[(x, y)],
                            "({}, {}) changed outside the areas drawn, after step {} {}", x, y, i, shown
                        );
                    }
                }
            }
        }
    }
}
