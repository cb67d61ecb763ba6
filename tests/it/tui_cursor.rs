//! The terminal's own cursor on the call screen: where typing goes in the
//! notes (screen magnifiers and readers follow it), hidden when something
//! else has focus.

use crate::support::tui::{T0, app, fkey, type_text};
use callcoach::tui::call::layout::call_layout;
use callcoach::tui::call::view as ui;
use callcoach::tui::call::{App, Msg, update};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::{Position, Rect};
use ratatui::style::Modifier;

/// Draws `app` at `w`×`h`; the hardware cursor (None when hidden) and the
/// cell the notes editor draws as its cursor (reversed, in the notes pane).
fn draw(app: &mut App, w: u16, h: u16) -> (Option<Position>, Option<Position>) {
    update(app, Msg::Resize(w, h), app.now);
    let mut term = Terminal::new(TestBackend::new(w, h)).expect("test backend");
    term.draw(|f| ui::draw(f, app)).expect("draw");
    let backend = term.backend();
    let hw = backend.cursor_visible().then(|| backend.cursor_position());
    let notes = call_layout(app, Rect::new(0, 0, w, h)).notes;
    let buf = backend.buffer();
    let mut drawn = None;
    for y in notes.y + 1..notes.bottom().saturating_sub(1) {
        for x in notes.x + 1..notes.right().saturating_sub(1) {
            if buf[(x, y)].modifier.contains(Modifier::REVERSED) {
                drawn.get_or_insert(Position::new(x, y));
            }
        }
    }
    (hw, drawn)
}

#[test]
fn the_terminal_cursor_stands_where_the_notes_are_typed() {
    for (w, h) in [(120, 40), (80, 24), (60, 20)] {
        let mut a = app();
        let (hw, drawn) = draw(&mut a, w, h);
        assert!(hw.is_some(), "{w}x{h}: cursor hidden in empty notes");
        assert_eq!(hw, drawn, "{w}x{h}: empty notes");
        type_text(
            &mut a,
            "Klant belt over de jas die na één week kapot ging; ze wil geld terug en is boos.\nTweede regel",
            T0 + 1000,
        );
        let (hw, drawn) = draw(&mut a, w, h);
        assert!(hw.is_some(), "{w}x{h}: cursor hidden while typing");
        assert_eq!(hw, drawn, "{w}x{h}: after typing");
    }
}

#[test]
fn the_terminal_cursor_is_hidden_when_the_notes_lose_focus() {
    let mut a = app();
    type_text(&mut a, "notitie", T0 + 1000);
    // The help overlay has focus.
    fkey(&mut a, 1, T0 + 2000);
    assert_eq!(draw(&mut a, 120, 40).0, None, "help open");
    fkey(&mut a, 1, T0 + 3000);
    assert!(draw(&mut a, 120, 40).0.is_some(), "help closed");
    // The summary screen: no editor there.
    fkey(&mut a, 10, T0 + 4000);
    assert_eq!(draw(&mut a, 120, 40).0, None, "summary");
}

#[test]
fn in_a_form_the_terminal_cursor_stands_in_the_focused_field() {
    for (w, h) in [(120, 40), (80, 24), (60, 20)] {
        let mut a = app();
        type_text(&mut a, "notitie over de jas", T0 + 1000);
        // The agreement form: "who" is filled in ("wij"), "what" gets typing.
        fkey(&mut a, 7, T0 + 2000);
        type_text(&mut a, "\t", T0 + 3000);
        type_text(&mut a, "jas sturen", T0 + 4000);
        let now = a.now;
        update(&mut a, Msg::Resize(w, h), now);
        let mut term = Terminal::new(TestBackend::new(w, h)).expect("test backend");
        term.draw(|f| ui::draw(f, &a)).expect("draw");
        let backend = term.backend();
        assert!(
            backend.cursor_visible(),
            "{w}x{h}: cursor hidden in the form"
        );
        let at = backend.cursor_position();
        let buf = backend.buffer();
        let row: String = (0..w).map(|x| buf[(x, at.y)].symbol()).collect();
        let before: String = (0..at.x).map(|x| buf[(x, at.y)].symbol()).collect();
        assert!(
            before.trim_end().ends_with("jas sturen") && row.contains('▶'),
            "{w}x{h}: cursor at {at:?} on {row:?}"
        );
    }
}
