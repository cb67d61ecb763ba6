//! Snapshots of every screen at 120×40 and 80×24, with a fixed clock.

#[path = "support/tui.rs"]
mod support;

use callcoach::tui::app::App;
use ratatui::crossterm::event::{KeyCode, KeyModifiers};
use support::*;

const SIZES: [(u16, u16); 2] = [(120, 40), (80, 24)];

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

#[test]
fn decision_panel() {
    snap("decision", || {
        let mut a = in_progress();
        {
            let n = a.now;
            fkey(&mut a, 6, n);
        }
        {
            let n = a.now;
            press(&mut a, KeyCode::Char('n'), KeyModifiers::NONE, n);
        }
        {
            let n = a.now;
            press(&mut a, KeyCode::Char('y'), KeyModifiers::NONE, n);
        }
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
        press(&mut a, KeyCode::Enter, KeyModifiers::NONE, now);
        fkey(&mut a, 5, now + 1000);
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
        press(&mut a, KeyCode::Enter, KeyModifiers::NONE, n);
        a.open_at(Some(callcoach::stage::StageId::FollowUp));
        a.notice = None;
        fkey(&mut a, 8, n);
        type_text(&mut a, "ja", n);
        a
    });
}
