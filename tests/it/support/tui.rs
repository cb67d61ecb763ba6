//! Shared helpers for the call-screen tests: a fixed playbook, a fixed
//! clock, key helpers and a `TestBackend` renderer.
#![allow(dead_code)]

use callcoach::engine::{CallMeta, Timestamp};
use callcoach::playbook::{Channel, Language, Playbook, load};
use callcoach::tui::call::view as ui;
use callcoach::tui::call::{App, Effect, Msg, Setup, update};
use callcoach::tui::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// 2026-11-22 10:00:00 UTC.
pub const T0: Timestamp = 1_795_341_600_000;

pub fn playbook() -> Playbook {
    load::parse(
        "minimal.yaml",
        include_bytes!("../../fixtures/minimal.yaml"),
    )
    .unwrap_or_else(|e| panic!("fixture invalid: {e:?}"))
}

pub fn setup(lang: Language) -> Setup {
    Setup {
        playbook: playbook(),
        playbook_file: None,
        lang,
        agent: Some("Eva".into()),
        persistent: true,
        history: None,
        utc_offset_secs: 0,
        theme: Theme::mono(),
    }
}

pub fn meta(difficult_before: bool) -> CallMeta {
    CallMeta {
        playbook_id: "klachtgesprek".into(),
        playbook_version: "1.0".into(),
        playbook_hash: None,
        customer: Some("K-123".into()),
        channel: Channel::Phone,
        difficult_before,
        agent: None,
        address: None,
    }
}

pub fn app() -> App {
    App::new_call(setup(Language::Nl), meta(false), T0).0
}

pub fn press(app: &mut App, code: KeyCode, mods: KeyModifiers, at: Timestamp) -> Vec<Effect> {
    update(app, Msg::Key(KeyEvent::new(code, mods)), at)
}

pub fn fkey(app: &mut App, n: u8, at: Timestamp) -> Vec<Effect> {
    press(app, KeyCode::F(n), KeyModifiers::NONE, at)
}

pub fn alt(app: &mut App, c: char, at: Timestamp) -> Vec<Effect> {
    press(app, KeyCode::Char(c), KeyModifiers::ALT, at)
}

/// Types `text` one key at a time (newline = Enter), all at `at`.
pub fn type_text(app: &mut App, text: &str, at: Timestamp) -> Vec<Effect> {
    let mut fx = Vec::new();
    for c in text.chars() {
        let code = if c == '\n' {
            KeyCode::Enter
        } else {
            KeyCode::Char(c)
        };
        fx.extend(press(app, code, KeyModifiers::NONE, at));
    }
    fx
}

pub fn render(app: &mut App, w: u16, h: u16) -> String {
    update(app, Msg::Resize(w, h), app.now);
    let mut term = Terminal::new(TestBackend::new(w, h)).expect("test backend");
    term.draw(|f| ui::draw(f, app)).expect("draw");
    let buf = term.backend().buffer();
    let mut out = String::new();
    for y in 0..h {
        let mut line = String::new();
        for x in 0..w {
            line.push_str(buf[(x, y)].symbol());
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// Two earlier calls of customer K-123: one ended with agreements from
/// the form and the notes (marked difficult), one left unfinished.
pub fn history() -> callcoach::tui::call::History {
    use callcoach::engine::{Agreement, CallOutcome};
    use callcoach::notes::NoteAgreement;
    use callcoach::store::{CallId, PastCall};
    let day = 24 * 3600 * 1000;
    callcoach::tui::call::History {
        calls: vec![
            PastCall {
                id: CallId("20261120-143000-aaaa".into()),
                started_at: T0 - 2 * day + 4 * 3600 * 1000,
                ended_at: Some(T0 - 2 * day + 5 * 3600 * 1000),
                outcome: Some(CallOutcome::ResolvedWithFollowUp),
                agreements: vec![Agreement {
                    id: 1,
                    who: "wij".into(),
                    what: "nieuwe jas sturen".into(),
                    by_when: Some(jiff::civil::date(2026, 11, 25)),
                }],
                note_agreements: vec![NoteAgreement {
                    line: 3,
                    who: "klant".into(),
                    what: "bon mailen".into(),
                    by_when: None,
                }],
                marked_difficult: true,
            },
            PastCall {
                id: CallId("20261101-090000-bbbb".into()),
                started_at: T0 - 21 * day,
                ended_at: None,
                outcome: None,
                agreements: Vec::new(),
                note_agreements: Vec::new(),
                marked_difficult: false,
            },
        ],
        difficult_before: true,
    }
}

/// A new call of a customer with [`history`].
pub fn app_with_history() -> App {
    let mut s = setup(Language::Nl);
    s.history = Some(history());
    App::new_call(s, meta(true), T0).0
}
