//! The practice screen: key handling and snapshots of each state at
//! 120×40, 80×24 and 60×20.

use callcoach::playbook::Playbook;
use callcoach::scenario::{Scenario, load};
use callcoach::tui::practice::{Effect, PracticeApp, render};
use callcoach::tui::theme::Theme;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;

const SIZES: [(u16, u16); 3] = [(120, 40), (80, 24), (60, 20)];

fn scenario(file: &str) -> Scenario {
    match load::builtin(file) {
        Some(Ok(s)) => s,
        other => panic!("{other:?}"),
    }
}

/// The test fixture playbook: stable checklist texts for the snapshots.
fn playbook() -> Playbook {
    match callcoach::playbook::load::parse(
        "minimal.yaml",
        include_bytes!("../fixtures/minimal.yaml"),
    ) {
        Ok(p) => p,
        Err(e) => panic!("{e:?}"),
    }
}

fn key(app: &mut PracticeApp<'_>, code: KeyCode) -> Vec<Effect> {
    app.key(KeyEvent::new(code, KeyModifiers::NONE))
}

fn typed(app: &mut PracticeApp<'_>, text: &str) -> Vec<Effect> {
    for c in text.chars() {
        key(app, KeyCode::Char(c));
    }
    key(app, KeyCode::Enter)
}

fn screen(app: &PracticeApp<'_>, w: u16, h: u16) -> String {
    let area = Rect::new(0, 0, w, h);
    let mut buf = Buffer::empty(area);
    render(app, area, &mut buf);
    (0..h)
        .map(|y| {
            let line: String = (0..w)
                .filter_map(|x| buf.cell((x, y)).map(|c| c.symbol().to_owned()))
                .collect();
            line.trim_end().to_owned()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn digits_pick_typing_classifies_and_unsure_asks_to_pick() {
    let sc = scenario("sweat-stains.nl.yaml");
    let pb = playbook();
    let mut app = PracticeApp::new(&sc, Some(&pb), false, Theme::mono());
    assert!(key(&mut app, KeyCode::Char('2')).is_empty());
    assert_eq!(app.session.turns.len(), 1);
    assert!(app.coaching.is_some());
    // Typing a digit inside a sentence types it.
    typed(&mut app, "ik bel om 3 uur");
    assert_eq!(app.session.turns.len(), 1, "unsure: nothing played");
    assert!(app.awaiting_pick);
    assert_eq!(app.input, "ik bel om 3 uur");
    // …then a digit picks.
    key(&mut app, KeyCode::Char('1'));
    assert_eq!(app.session.turns.len(), 2);
    assert!(app.input.is_empty());
    // A clear typed reply goes along its option.
    typed(&mut app, "Als ik het goed begrijp: wanneer was dat?");
    assert_eq!(app.session.turns.len(), 3);
    assert_eq!(app.session.turns[2].act, callcoach::scenario::Move::Ask);
    assert!(app.session.turns[2].typed);
    // Esc clears the input, a second Esc asks before quitting.
    key(&mut app, KeyCode::Char('x'));
    key(&mut app, KeyCode::Esc);
    assert!(app.input.is_empty() && !app.confirm_quit);
    key(&mut app, KeyCode::Esc);
    assert!(app.confirm_quit);
    assert!(key(&mut app, KeyCode::Char('n')).is_empty());
    key(&mut app, KeyCode::Esc);
    assert_eq!(key(&mut app, KeyCode::Char('j')), vec![Effect::Quit]);
}

#[test]
fn finishing_asks_to_save_once_and_shows_the_score() {
    let sc = scenario("sweat-stains.en.yaml");
    let mut app = PracticeApp::new(&sc, None, true, Theme::mono());
    for d in ['2', '1', '3', '2', '1'] {
        assert!(key(&mut app, KeyCode::Char(d)).is_empty());
    }
    assert_eq!(key(&mut app, KeyCode::Char('2')), vec![Effect::SaveResult]);
    assert_eq!(app.grade.as_ref().map(|g| g.score), Some(100));
    // Further digits do nothing; q quits.
    assert!(key(&mut app, KeyCode::Char('1')).is_empty());
    assert_eq!(key(&mut app, KeyCode::Char('q')), vec![Effect::Quit]);
}

#[test]
fn exam_mode_hides_coaching() {
    let sc = scenario("sweat-stains.en.yaml");
    let pb = playbook();
    let mut app = PracticeApp::new(&sc, Some(&pb), true, Theme::mono());
    key(&mut app, KeyCode::Char('1'));
    let s = screen(&app, 120, 40);
    assert!(!s.contains("Checklist"), "{s}");
    assert!(!s.contains("Coach"), "{s}");
    assert!(
        !s.contains("You start explaining"),
        "feedback waits for the end:\n{s}"
    );
    assert!(!s.contains("Wants:"), "{s}");
}

fn start(sc: &Scenario, pb: &Playbook, w: u16, h: u16) -> String {
    screen(&PracticeApp::new(sc, Some(pb), false, Theme::mono()), w, h)
}

fn midway_unsure(sc: &Scenario, pb: &Playbook, w: u16, h: u16) -> String {
    let mut app = PracticeApp::new(sc, Some(pb), false, Theme::mono());
    key(&mut app, KeyCode::Char('2'));
    typed(&mut app, "Wat vervelend, sorry!");
    key(&mut app, KeyCode::Char('x'));
    key(&mut app, KeyCode::Backspace);
    typed(&mut app, "ik bel om 3 uur");
    screen(&app, w, h)
}

fn exam(sc: &Scenario, pb: &Playbook, w: u16, h: u16) -> String {
    let mut app = PracticeApp::new(sc, Some(pb), true, Theme::mono());
    key(&mut app, KeyCode::Char('1'));
    screen(&app, w, h)
}

fn result(sc: &Scenario, pb: &Playbook, w: u16, h: u16) -> String {
    let mut app = PracticeApp::new(sc, Some(pb), false, Theme::mono());
    for d in ['1', '3', '1', '2'] {
        key(&mut app, KeyCode::Char(d));
    }
    app.saved = Some(Ok(()));
    screen(&app, w, h)
}

#[test]
fn snapshots() {
    let nl = scenario("sweat-stains.nl.yaml");
    let en = scenario("sweat-stains.en.yaml");
    let pb = playbook();
    for (w, h) in SIZES {
        insta::assert_snapshot!(format!("practice_start_{w}x{h}"), start(&nl, &pb, w, h));
        insta::assert_snapshot!(
            format!("practice_unsure_{w}x{h}"),
            midway_unsure(&nl, &pb, w, h)
        );
        insta::assert_snapshot!(format!("practice_exam_en_{w}x{h}"), exam(&en, &pb, w, h));
        insta::assert_snapshot!(
            format!("practice_result_en_{w}x{h}"),
            result(&en, &pb, w, h)
        );
    }
}

/// Options stay on screen when the verdict under them wraps (they used to
/// disappear, leaving the trainee to pick an option they could not see).
#[test]
fn every_option_stays_visible_under_a_long_verdict() {
    let nl = scenario("sweat-stains.nl.yaml");
    let pb = playbook();
    for (w, h) in SIZES {
        let mut app = PracticeApp::new(&nl, Some(&pb), false, Theme::mono());
        key(&mut app, KeyCode::Char('2'));
        typed(
            &mut app,
            "wat vervelend voor u, ik begrijp uw boosheid, mag ik vragen wanneer u hem kocht en wat u wilt",
        );
        let s = screen(&app, w, h);
        let beat = app.session.current_beat().expect("a beat");
        for (i, o) in beat.options.iter().enumerate() {
            let start: String = o.text.chars().take(12).collect();
            let last = o.text.split_whitespace().last().unwrap_or_default();
            let answer = s
                .split("Jouw antwoord")
                .nth(1)
                .and_then(|a| a.split('└').next())
                .unwrap_or_default();
            assert!(
                answer.contains(&format!("{} {start}", i + 1)) && answer.contains(last),
                "{w}x{h}: option {} not wholly shown:\n{s}",
                i + 1
            );
        }
    }
}

mod picker {
    use super::*;
    use callcoach::playbook::Language;
    use callcoach::tui::picker::{Entry, Picked, Picker};

    fn entry(id: &str, ok: bool) -> Entry {
        Entry {
            id: id.into(),
            lang: "nl".into(),
            title: format!("Title of {id}"),
            origin: format!("<built-in {id}.nl.yaml>"),
            ok,
        }
    }

    fn picker() -> Picker {
        Picker::new(
            vec![
                entry("broken", false),
                entry("one", true),
                entry("two", true),
            ],
            Language::En,
            Theme::mono(),
        )
    }

    fn press(p: &mut Picker, code: KeyCode) -> Picked {
        p.key(KeyEvent::new(code, KeyModifiers::NONE))
    }

    #[test]
    fn arrows_digits_and_enter_pick_only_loadable_scenarios() {
        let mut p = picker();
        assert_eq!(p.selected, 1, "the first loadable one");
        assert_eq!(press(&mut p, KeyCode::Down), Picked::Nothing);
        assert_eq!(press(&mut p, KeyCode::Enter), Picked::Start(2));
        assert_eq!(press(&mut p, KeyCode::Down), Picked::Nothing);
        assert_eq!(p.selected, 0, "wraps around");
        assert_eq!(
            press(&mut p, KeyCode::Enter),
            Picked::Nothing,
            "broken file"
        );
        assert_eq!(press(&mut p, KeyCode::Char('2')), Picked::Start(1));
        assert_eq!(press(&mut p, KeyCode::Char('9')), Picked::Nothing);
        assert_eq!(press(&mut p, KeyCode::Char('q')), Picked::Quit);
    }

    #[test]
    fn picker_snapshots() {
        let p = picker();
        for (w, h) in SIZES {
            let area = Rect::new(0, 0, w, h);
            let mut buf = Buffer::empty(area);
            p.render(area, &mut buf);
            let text: String = (0..h)
                .map(|y| {
                    let line: String = (0..w)
                        .filter_map(|x| buf.cell((x, y)).map(|c| c.symbol().to_owned()))
                        .collect();
                    format!("{}\n", line.trim_end())
                })
                .collect();
            insta::assert_snapshot!(format!("practice_picker_{w}x{h}"), text);
        }
    }
}

/// Moves, endings and stages have words in both languages (no raw ids on
/// the practice screens).
#[test]
fn moves_endings_and_stages_have_names() {
    use callcoach::i18n::{ending_name, move_name, stage_name};
    use callcoach::playbook::Language;
    for m in callcoach::scenario::Move::ALL {
        assert_ne!(move_name(m.as_str(), Language::Nl), m.as_str());
        assert!(!move_name(m.as_str(), Language::En).contains('_'));
    }
    for e in callcoach::scenario::EndingId::ALL {
        assert_ne!(ending_name(e.as_str(), Language::Nl), e.as_str());
        assert!(!ending_name(e.as_str(), Language::En).contains('_'));
    }
    for s in callcoach::stage::StageId::ALL {
        assert_ne!(stage_name(s, Language::Nl), s.as_str());
        assert_ne!(stage_name(s, Language::En), s.as_str());
    }
}
