//! The call screen's pure update: a message in, effects out. Engine
//! changes go only through [`App::command`](super::App); what the shell
//! must do (store events, save notes, copy, quit) comes back as an
//! [`Effect`]. Keys are routed in [`super::input`]; what each action does
//! is in [`super::actions`].

use super::checklist;
use super::input;
use super::keys::{self, Context};
use super::layout;
use super::state::{App, Effect, Msg, Overlay, SAVE_IDLE_MS, SAVE_MAX_MS, Screen};
use crate::engine::{Command, TickSource, Timestamp};
use crate::notes;
use crate::tui::keymap;
use ratatui::crossterm::event::{MouseButton, MouseEvent, MouseEventKind};
use ratatui::layout::{Position, Rect};

/// Handles one message at time `now`; returns what the shell must do.
pub fn update(app: &mut App, msg: Msg, now: Timestamp) -> Vec<Effect> {
    app.now = now.max(app.now);
    let mut fx = Vec::new();
    if app
        .notice
        .as_ref()
        .is_some_and(|(_, until)| *until <= app.now)
    {
        app.notice = None;
    }
    // A word being typed is looked at for cues once it ends; anything but
    // the next letter of it ends it (before that message acts, so the
    // row still holds the word).
    let word_goes_on = continues_word(app, &msg);
    if !word_goes_on {
        check_pending_cues(app, &mut fx);
    }
    if !matches!(msg, Msg::Key(_)) {
        input::settle_held(app, &mut fx, matches!(msg, Msg::Hangup));
    }
    match msg {
        Msg::Key(key) if !keymap::is_release(&key) => input::on_key(app, key, &mut fx),
        Msg::Key(_) => {}
        Msg::Paste(s) => on_paste(app, &s, &mut fx),
        Msg::Mouse(m) => on_mouse(app, m, &mut fx),
        Msg::Resize(w, h) => app.size = (w, h),
        Msg::Tick => {}
        Msg::PlaybookReloaded(pb) => {
            app.setup.playbook = *pb;
            app.reload_error = None;
            let w = app.words();
            app.notify(w.reloaded);
        }
        Msg::ReloadFailed(e) => app.reload_error = Some(crate::text::sanitize_line(&e)),
        Msg::SaveResult(s) => app.save_status = s,
        Msg::Info(text) => app.notify(&crate::text::sanitize_line(&text)),
        Msg::Continued => {
            if std::mem::take(&mut app.suspended_pause) {
                app.command(Command::Resume, &mut fx).ok();
            }
        }
        Msg::Unsaved(reason) => super::unsaved::open(app, &reason),
        Msg::StillUnsaved => super::unsaved::still_unsaved(app),
        Msg::Transcript(r) => super::heard::on_report(app, r, &mut fx),
        Msg::NotesMasked {
            from,
            masked,
            found,
        } => super::mask::show_masked(app, &from, &masked, &found),
        Msg::Hangup => {
            app.quit(&mut fx);
            return fx;
        }
    }
    if app.notes_edited_now() {
        let (row, _) = app.notes.position();
        if word_goes_on {
            // Mid-word: the cues are looked for when the word ends or
            // the typing pauses (a keystroke stays cheap).
            app.cues_pending = Some((row, app.now + CUE_IDLE_MS));
        } else {
            app.cues_pending = None;
            detect_cues(app, row, &mut fx);
        }
    }
    if app.cues_pending.is_some_and(|(_, due)| due <= app.now) {
        check_pending_cues(app, &mut fx);
    }
    if let Some(since) = app.notes_dirty_since
        && (app.now - app.last_edit >= SAVE_IDLE_MS || app.now - since >= SAVE_MAX_MS)
    {
        app.flush_notes(&mut fx);
    }
    fx
}

/// After the last letter of a word, the typing pauses this long before
/// the word is looked at for cues.
pub const CUE_IDLE_MS: Timestamp = 400;

/// True when `msg` is the next letter of a word typed into the notes (or
/// the release of a key): it leaves a pending cue check pending.
fn continues_word(app: &App, msg: &Msg) -> bool {
    match msg {
        // A timer changes no text (a due check runs after the message).
        Msg::Tick => true,
        Msg::Key(k) if keymap::is_release(k) => true,
        Msg::Key(k) => {
            keys::is_word_char(k)
                && app.context() == Context::Call
                && !app.esc_pending()
                && app.esc_held.is_none()
        }
        _ => false,
    }
}

/// Looks for cues on the row of a word typed earlier, if any.
fn check_pending_cues(app: &mut App, fx: &mut Vec<Effect>) {
    if let Some((row, _)) = app.cues_pending.take() {
        detect_cues(app, row, fx);
    }
}

/// Ticks checklist items whose cue phrases occur on `row` of the notes,
/// the line being edited (the whole notes were checked when the call
/// opened). Checking only that line keeps a keystroke cheap with
/// megabytes of notes.
fn detect_cues(app: &mut App, row: usize, fx: &mut Vec<Effect>) {
    if app.state.is_ended() {
        return;
    }
    let Some(line) = app.notes.lines().get(row).cloned() else {
        return;
    };
    // The previous line too: Enter often completes a cue phrase.
    let prev = row
        .checked_sub(1)
        .and_then(|r| app.notes.lines().get(r).cloned())
        .unwrap_or_default();
    let text = format!("{prev}\n{line}");
    for item in app.cues.hits(&app.setup.playbook, &text) {
        if !app.state.checked.contains_key(&item) {
            app.command(Command::Check(item, TickSource::Cue), fx).ok();
        }
    }
}

/// Runs cue detection over the whole notes (on open and after a paste).
pub fn detect_all_cues(app: &mut App) -> Vec<Effect> {
    let mut fx = Vec::new();
    if app.state.is_ended() {
        return fx;
    }
    for item in notes::cue_hits(app.pb(), &app.notes_text()) {
        if !app.state.checked.contains_key(&item) {
            app.command(Command::Check(item, TickSource::Cue), &mut fx)
                .ok();
        }
    }
    fx
}

fn on_paste(app: &mut App, s: &str, fx: &mut Vec<Effect>) {
    let clean = crate::text::sanitize(&s.replace("\r\n", "\n").replace('\r', "\n"));
    if let Some(Overlay::Form(f)) = &mut app.overlay {
        f.paste(&clean, app.now);
        return;
    }
    // A paste is typing: it closes a panel over the call and goes to the notes.
    if app.screen == Screen::Call {
        app.overlay = None;
    }
    let now = app.now;
    if app.notes.paste(&clean, now) {
        app.mark_edited();
        // Pasted cues are recorded like typed ones.
        fx.extend(detect_all_cues(app));
    }
}

/// Scrolls the notes with the wheel; a click on a checklist item ticks it.
fn on_mouse(app: &mut App, m: MouseEvent, fx: &mut Vec<Effect>) {
    if app.overlay.is_some() || app.screen != Screen::Call {
        return;
    }
    let layout = layout::call_layout(app, Rect::new(0, 0, app.size.0, app.size.1));
    let pos = Position::new(m.column, m.row);
    match m.kind {
        MouseEventKind::ScrollDown | MouseEventKind::ScrollUp if layout.notes.contains(pos) => {
            let delta = if m.kind == MouseEventKind::ScrollDown {
                3
            } else {
                -3
            };
            app.notes.scroll(delta);
        }
        MouseEventKind::Down(MouseButton::Left) if layout.checklist.contains(pos) => {
            // Items are drawn from the pane's first inner row (after a
            // "more above" row), each over as many rows as it was wrapped to.
            let view = checklist::view(
                app,
                layout.checklist.width.saturating_sub(2),
                layout.checklist.height.saturating_sub(2),
            );
            let mut row = usize::from(pos.y.saturating_sub(layout.checklist.y + 1));
            if view.above > 0 {
                if row == 0 {
                    return;
                }
                row -= 1;
            }
            let mut index = None;
            for (i, lines) in &view.rows {
                if row < lines.len() {
                    index = Some(*i);
                    break;
                }
                row -= lines.len();
            }
            let stage = app.state.stage;
            let item = index
                .and_then(|i| app.pb().stage(stage).checklist.get(i))
                .map(|i| crate::engine::ItemRef::new(stage, i.id.clone()));
            if let Some(item) = item {
                app.command(Command::Toggle(item), fx).ok();
            }
        }
        _ => {}
    }
}
