//! Snapshots of every screen at 120×40, 80×24 and 60×20, with a fixed clock.

use crate::support::tui as support;

use callcoach::tui::call::App;
use ratatui::crossterm::event::{KeyCode, KeyModifiers};
use support::*;

const SIZES: [(u16, u16); 3] = [(120, 40), (80, 24), (60, 20)];

/// A call in progress: notes with markers, listen done, in acknowledge.
fn in_progress() -> App {
    let mut a = app();
    type_text(
        &mut a,
        "Klant belt over de jas, let them finish.\n! jas kapot na één week\nA: wij | nieuwe jas sturen | 2026-12-01\n? bon nog nodig",
        T0 + 30_000,
    );
    alt(&mut a, '2', T0 + 40_000);
    fkey(&mut a, 3, T0 + 95_000);
    a.now = T0 + 125_000;
    a.notice = None;
    a
}

fn snap(name: &str, mut make: impl FnMut() -> App) {
    for (w, h) in SIZES {
        let mut a = make();
        insta::assert_snapshot!(format!("{name}_{w}x{h}"), render(&mut a, w, h));
    }
}

#[test]
fn call_screen() {
    snap("call", in_progress);
}

#[test]
fn call_screen_empty_en() {
    snap("call_empty_en", || {
        App::new_call(setup(callcoach::playbook::Language::En), meta(false), T0).0
    });
}

#[test]
fn help_overlay() {
    snap("help", || {
        let mut a = in_progress();
        {
            let n = a.now;
            fkey(&mut a, 1, n);
        }
        a
    });
}

/// Every key label in the help stands apart from its description, however
/// long (Dutch "Ctrl-W/Alt-Backspace/Ctrl-Backspace" once ran into it).
#[test]
fn help_keys_never_run_into_their_descriptions() {
    for lang in [
        callcoach::playbook::Language::Nl,
        callcoach::playbook::Language::En,
    ] {
        let a = App::new_call(setup(lang), meta(false), T0).0;
        let lines = callcoach::tui::call::content::help_lines(&a);
        let mut labels = 0;
        for line in &lines {
            let [key, desc] = &line.spans[..] else {
                continue;
            };
            labels += 1;
            let k = key.content.as_ref();
            assert!(
                k.ends_with("  ") && !desc.content.starts_with(' '),
                "{lang:?}: label {k:?} runs into {:?}",
                desc.content
            );
        }
        // Long labels sit alone on their line, the description below it.
        let long = lines
            .iter()
            .position(|l| l.to_string() == "Ctrl-W/Alt-Backspace/Ctrl-Backspace");
        let Some(i) = long else {
            panic!("{lang:?}: long label not on a line of its own")
        };
        assert!(
            lines[i + 1].to_string().starts_with("   "),
            "{}",
            lines[i + 1]
        );
        assert!(labels > 20, "{lang:?}: only {labels} key rows");
    }
}

#[test]
fn decision_panel() {
    snap("decision", || {
        let mut a = in_progress();
        let n = a.now;
        fkey(&mut a, 6, n);
        alt(&mut a, 'n', n + 1000);
        alt(&mut a, 'j', n + 1100);
        a.now = n;
        a
    });
}

#[test]
fn agreement_form() {
    snap("agreement_form", || {
        let mut a = in_progress();
        {
            let n = a.now;
            fkey(&mut a, 7, n);
        }
        {
            let n = a.now;
            type_text(&mut a, "bon opsturen", n);
        }
        a
    });
}

#[test]
fn follow_up_form() {
    snap("follow_up_form", || {
        let mut a = in_progress();
        {
            let n = a.now;
            fkey(&mut a, 8, n);
        }
        {
            let n = a.now;
            press(&mut a, KeyCode::Tab, KeyModifiers::NONE, n);
        }
        {
            let n = a.now;
            type_text(&mut a, "is de jas aangekomen?", n);
        }
        a
    });
}

#[test]
fn skip_confirm() {
    snap("skip_confirm", || {
        let mut a = in_progress();
        {
            let n = a.now;
            fkey(&mut a, 3, n);
        }
        a
    });
}

#[test]
fn summary_screen() {
    snap("summary", || {
        let mut a = in_progress();
        let now = a.now;
        fkey(&mut a, 7, now);
        type_text(&mut a, "bellen", now);
        press(&mut a, KeyCode::Enter, KeyModifiers::NONE, now + 1000);
        fkey(&mut a, 5, now + 2000);
        fkey(&mut a, 10, now + 60_000);
        a.notice = None;
        a
    });
}

#[test]
fn too_small() {
    let mut a = in_progress();
    insta::assert_snapshot!("too_small_39x9", render(&mut a, 39, 9));
}

#[test]
fn follow_up_result_form() {
    snap("follow_up_result_form", || {
        let mut a = in_progress();
        let n = a.now;
        fkey(&mut a, 7, n);
        type_text(&mut a, "nieuwe jas sturen", n);
        press(&mut a, KeyCode::Enter, KeyModifiers::NONE, n + 1000);
        a.now = n;
        a.open_at(Some(callcoach::stage::StageId::FollowUp));
        a.notice = None;
        fkey(&mut a, 8, n);
        type_text(&mut a, "ja", n);
        a
    });
}

#[test]
fn history_overlay_at_the_start_of_a_call_with_a_known_customer() {
    snap("history", app_with_history);
}

#[test]
fn call_screen_of_a_known_customer_after_the_history() {
    snap("call_known_customer", || {
        let mut a = app_with_history();
        let n = a.now;
        press(&mut a, KeyCode::Esc, KeyModifiers::NONE, n);
        a
    });
}

/// The summary after the agent chose a cause, changed the outcome and
/// answered an evaluation question.
#[test]
fn summary_with_evaluation_and_cause() {
    snap("summary_evaluated", || {
        let mut a = in_progress();
        let now = a.now;
        fkey(&mut a, 10, now);
        for c in ['o', 'o', 'r'] {
            alt(&mut a, c, now + 1000);
        }
        alt(&mut a, 'v', now + 1000);
        type_text(&mut a, "nee, verwachting", now + 1000);
        press(&mut a, KeyCode::Enter, KeyModifiers::NONE, now + 2000);
        a.notice = None;
        a
    });
}

/// The evaluation form on the built-in playbook (eight long questions).
#[test]
fn evaluation_form() {
    snap("evaluation_form", || {
        let mut s = setup(callcoach::playbook::Language::Nl);
        s.playbook = callcoach::playbook::load::builtin("klachtgesprek")
            .expect("built-in playbook")
            .expect("valid");
        let mut a = App::new_call(s, meta(false), T0).0;
        fkey(&mut a, 10, T0 + 60_000);
        let n = a.now + 1000;
        alt(&mut a, 'v', n);
        type_text(&mut a, "nee", n);
        press(&mut a, KeyCode::Tab, KeyModifiers::NONE, n);
        type_text(&mut a, "ja: levertijd", n);
        a.notice = None;
        a
    });
}
