//! Where a key goes. The rule: typing is never stolen.
//!
//! - On the call screen every printable key goes to the notes; commands
//!   are keys that cannot type (function keys, Ctrl/Alt chords).
//! - Esc starts a prefix for terminals without Alt: the next key within
//!   [`ESC_WINDOW_MS`] acts as its Alt chord if that chord is bound; any
//!   other key, or any key later, is just itself (typed when printable).
//!   A printable key after Esc waits [`ESC_HOLD_MS`]: when more typing
//!   follows, it was the start of a word and is typed with it.
//! - Panels over the call (help, history, decision, the skip prompt) take
//!   only the keys they show; a typing key closes the panel and goes to the
//!   notes. The summary takes no typing keys either: they edit the notes.
//! - For [`GUARD_MS`] after a key changed what is on screen, typing keys
//!   are not commands of the new screen: they go to the notes (a form
//!   takes printable keys as its text, and ignores Enter meanwhile).
//!
//! Time is data here: the `now` of the message being handled.

use super::actions::act;
use super::keys::{self, Context};
use super::state::{App, ESC_HOLD_MS, ESC_WINDOW_MS, Effect, GUARD_MS, Overlay, Screen};
use super::typing::edit_notes;
use crate::tui::editor::{Edit, keys as editor_keys};
use ratatui::crossterm::event::KeyEvent;

/// Handles a key press.
pub(super) fn on_key(app: &mut App, key: KeyEvent, fx: &mut Vec<Effect>) {
    let before = (app.context(), app.screen);
    // A printable key held after Esc: more typing makes it typing.
    if let Some((chord, at)) = app.esc_held.take() {
        if typing_edit(&key).is_some() && app.now - at <= ESC_HOLD_MS {
            if let Some(c) = keys::chord_char(&chord) {
                edit_notes(app, Edit::Insert(c));
            }
        } else {
            run_chord(app, chord, fx);
        }
    }
    route(app, key, fx);
    if (app.context(), app.screen) != before {
        app.context_changed_at = Some(app.now);
    }
}

/// Runs a held Esc chord once its time is up (no typing followed it), or
/// types it when the program must stop now (`hangup`).
pub(super) fn settle_held(app: &mut App, fx: &mut Vec<Effect>, hangup: bool) {
    match app.esc_held {
        Some((chord, _)) if hangup => {
            app.esc_held = None;
            if let Some(c) = keys::chord_char(&chord) {
                edit_notes(app, Edit::Insert(c));
            }
        }
        Some((chord, at)) if app.now - at > ESC_HOLD_MS => {
            app.esc_held = None;
            let before = (app.context(), app.screen);
            run_chord(app, chord, fx);
            if (app.context(), app.screen) != before {
                app.context_changed_at = Some(app.now);
            }
        }
        _ => {}
    }
}

fn run_chord(app: &mut App, chord: KeyEvent, fx: &mut Vec<Effect>) {
    if app.context() == Context::Call
        && let Some(b) = keys::lookup(Context::Call, &chord)
    {
        act(app, b.action, &chord, fx);
    }
}

/// True within [`GUARD_MS`] of the last change of screen.
fn guarded(app: &App) -> bool {
    app.context_changed_at
        .is_some_and(|at| app.now - at < GUARD_MS)
}

/// A key that edits text: printable, Enter, Backspace.
fn typing_edit(key: &KeyEvent) -> Option<Edit> {
    editor_keys::edit_for(key)
        .filter(|e| matches!(e, Edit::Insert(_) | Edit::Newline | Edit::Backspace))
}

fn route(app: &mut App, key: KeyEvent, fx: &mut Vec<Effect>) {
    let ctx = app.context();
    if ctx == Context::Call {
        return on_call(app, key, fx);
    }
    if guarded(app)
        && let Some(edit) = typing_edit(&key)
    {
        match (&mut app.overlay, ctx) {
            (Some(Overlay::Form(form)), _) => {
                if let Edit::Insert(_) = edit {
                    form.edit(edit, app.now);
                }
            }
            (_, Context::Summary) => edit_notes(app, edit),
            _ => {
                close_for_typing(app, fx);
                edit_notes(app, edit);
            }
        }
        return;
    }
    if let Some(b) = keys::lookup(ctx, &key) {
        return act(app, b.action, &key, fx);
    }
    match ctx {
        Context::Form => {
            if let (Some(Overlay::Form(form)), Some(edit)) =
                (&mut app.overlay, editor_keys::edit_for(&key))
            {
                form.edit(edit, app.now);
            }
        }
        Context::Summary => {
            if let Some(edit) = editor_keys::edit_for(&key) {
                edit_notes(app, edit);
                let w = app.words();
                app.notify(w.typed_into_notes);
            }
        }
        // The history and the list of agreements never hold up the call:
        // any key they do not use closes them and then does what it does
        // on the call screen.
        Context::History | Context::Agreements => {
            app.overlay = None;
            on_call(app, key, fx);
        }
        // Other panels take only the keys they show; typing closes them
        // and goes to the notes.
        _ => {
            if typing_edit(&key).is_some() && app.screen == Screen::Call {
                close_for_typing(app, fx);
                on_call(app, key, fx);
            }
        }
    }
}

/// Typing closes a panel and goes to the notes; after the box of unsaved
/// notes that is back to the call, whose clocks run again.
fn close_for_typing(app: &mut App, fx: &mut Vec<Effect>) {
    if let Some(Overlay::Unsaved { .. }) = app.overlay.take() {
        super::unsaved::back(app, fx);
    }
}

/// The call screen: Esc prefix, commands, and everything else to the notes.
fn on_call(app: &mut App, key: KeyEvent, fx: &mut Vec<Effect>) {
    if let Some(at) = app.esc_at.take()
        && app.now - at <= ESC_WINDOW_MS
    {
        if keys::is_esc(&key) {
            // Esc Esc: nothing.
            return;
        }
        // A Ctrl chord (Ctrl-Z, Ctrl-Q …) after Esc is just that chord.
        if !keys::is_ctrl_chord(&key) {
            let chord = keys::with_alt(key);
            if let Some(b) = keys::lookup(Context::Call, &chord) {
                // A printable key waits: if typing follows, it was typing.
                if typing_edit(&key).is_some() {
                    app.esc_held = Some((chord, app.now));
                    return;
                }
                return act(app, b.action, &chord, fx);
            }
        }
        // Any other key after Esc is itself.
    }
    // Esc right after closing a panel (pressed twice to be sure) does not
    // start a prefix.
    if keys::is_esc(&key) && guarded(app) {
        return;
    }
    match keys::lookup(Context::Call, &key) {
        Some(b) => act(app, b.action, &key, fx),
        None => {
            if let Some(edit) = editor_keys::edit_for(&key) {
                edit_notes(app, edit);
            }
        }
    }
}
