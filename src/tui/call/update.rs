//! The call screen's pure update: a message in, effects out. Engine
//! changes go only through [`App::command`](super::App); what the shell
//! must do (store events, save notes, copy, quit) comes back as an
//! [`Effect`]. Keys are looked up in [`super::keys`]; what each action does
//! is in [`super::actions`].

use super::actions::act;
use super::keys::{self, Context};
use super::layout;
use super::state::{App, Effect, Msg, Overlay, SAVE_IDLE_MS, SAVE_MAX_MS, Screen};
use crate::engine::{Command, TickSource, Timestamp};
use crate::notes::{self, NoteMarkers};
use crate::tui::keymap;
use ratatui::crossterm::event::{KeyEvent, MouseButton, MouseEvent, MouseEventKind};
use ratatui::layout::{Position, Rect};
use ratatui_textarea::{Input, Key};

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
    match msg {
        Msg::Key(key) if !keymap::is_release(&key) => on_key(app, key, &mut fx),
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
        Msg::Hangup => {
            app.quit(&mut fx);
            return fx;
        }
    }
    if app.notes_edited_now() {
        detect_cues(app, &mut fx);
    }
    if let Some(since) = app.notes_dirty_since
        && (app.now - app.last_edit >= SAVE_IDLE_MS || app.now - since >= SAVE_MAX_MS)
    {
        app.flush_notes(&mut fx);
    }
    fx
}

impl App {
    pub(super) fn notes_edited_now(&self) -> bool {
        self.notes_dirty_since.is_some() && self.last_edit == self.now
    }

    fn mark_edited(&mut self) {
        self.notes_dirty_since.get_or_insert(self.now);
        self.last_edit = self.now;
        self.markers = notes::markers(&self.notes_text());
        self.quit_armed = false;
    }

    /// Like [`App::mark_edited`] after an edit confined to one line that was
    /// and still is no marker line: the markers cannot have changed, so the
    /// whole notes are not rescanned (a keystroke stays cheap with megabytes).
    fn mark_line_edited(&mut self, before: &LineSnapshot) {
        let ratatui_textarea::DataCursor(row, _) = self.notes.cursor();
        let after = self.notes.lines().get(row).map_or("", String::as_str);
        let same_shape = row == before.row && self.notes.lines().len() == before.count;
        if same_shape && !is_marker_line(&before.text) && !is_marker_line(after) {
            self.notes_dirty_since.get_or_insert(self.now);
            self.last_edit = self.now;
            self.quit_armed = false;
        } else {
            self.mark_edited();
        }
    }
}

/// The cursor line before an edit.
struct LineSnapshot {
    row: usize,
    count: usize,
    text: String,
}

/// True when `line` means something to [`notes::markers`].
fn is_marker_line(line: &str) -> bool {
    notes::markers(line) != NoteMarkers::default()
}

/// Ticks checklist items whose cue phrases occur on the line being edited
/// (the whole notes were checked when the call opened). Checking only the
/// current line keeps a keystroke cheap with megabytes of notes.
fn detect_cues(app: &mut App, fx: &mut Vec<Effect>) {
    if app.state.is_ended() {
        return;
    }
    let ratatui_textarea::DataCursor(row, _) = app.notes.cursor();
    let Some(line) = app.notes.lines().get(row).cloned() else {
        return;
    };
    // The previous line too: Enter often completes a cue phrase.
    let prev = row
        .checked_sub(1)
        .and_then(|r| app.notes.lines().get(r).cloned())
        .unwrap_or_default();
    let text = format!("{prev}\n{line}");
    for item in notes::cue_hits(app.pb(), &text) {
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
    match (&mut app.overlay, app.screen) {
        (Some(Overlay::Form(f)), _) => f.paste(&clean),
        (None, Screen::Call) if !app.state.is_ended() && app.notes.insert_str(&clean) => {
            app.mark_edited();
            // Pasted cues are recorded like typed ones.
            fx.extend(detect_all_cues(app));
        }
        _ => {}
    }
}

fn on_key(app: &mut App, key: KeyEvent, fx: &mut Vec<Effect>) {
    let ctx = app.context();
    let mut key = key;
    if ctx == Context::Call && app.esc_pending {
        app.esc_pending = false;
        if keys::is_esc(&key) {
            return;
        }
        // A Ctrl chord (Ctrl-Z, Ctrl-Q …) after Esc is just that chord.
        if !keys::is_ctrl_chord(&key) {
            key = keys::with_alt(key);
        }
    }
    let binding = keys::lookup(ctx, &key);
    // The history overlay never holds up the call: any key it does not
    // use closes it and then does what it does on the call screen.
    if ctx == Context::History && binding.is_none() {
        app.overlay = None;
        on_key(app, key, fx);
        return;
    }
    // Forms and the notes editor get printable keys first.
    if ctx == Context::Form
        && let Some(ch) = keymap::typed_char(&key)
    {
        if let Some(Overlay::Form(f)) = &mut app.overlay {
            f.type_char(ch);
        }
        return;
    }
    if ctx == Context::Call && keymap::is_typing(&key) {
        type_into_notes(app, key);
        return;
    }
    match binding {
        Some(b) => act(app, b.action, &key, fx),
        None if ctx == Context::Call => type_into_notes(app, key),
        None => {}
    }
}

fn type_into_notes(app: &mut App, key: KeyEvent) {
    if app.state.is_ended() {
        return;
    }
    let mut input = Input::from(key);
    // AltGr characters arrive as Ctrl+Alt+char: type them.
    if input.ctrl && input.alt && matches!(input.key, Key::Char(_)) {
        input.ctrl = false;
        input.alt = false;
    }
    // A bare line feed (Ctrl-J: what some terminals and paste tools send for
    // a new line) is a new line, not the editor's "delete to line start".
    if keys::is_line_feed(&key) {
        input = Input {
            key: Key::Enter,
            ..Input::default()
        };
    }
    if let Key::Char(c) = input.key
        && crate::text::is_forbidden_char(c)
    {
        return;
    }
    let ratatui_textarea::DataCursor(row, _) = app.notes.cursor();
    let before = LineSnapshot {
        row,
        count: app.notes.lines().len(),
        text: app.notes.lines().get(row).cloned().unwrap_or_default(),
    };
    if app.notes.input(input) {
        app.mark_line_edited(&before);
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
            app.notes.scroll((delta, 0));
        }
        MouseEventKind::Down(MouseButton::Left) if layout.checklist.contains(pos) => {
            // Items are drawn from the pane's first inner row, each over
            // as many rows as its text was wrapped to.
            let inner_w = layout.checklist.width.saturating_sub(2);
            let inner_h = layout.checklist.height.saturating_sub(3);
            let mut row = usize::from(pos.y.saturating_sub(layout.checklist.y + 1));
            let mut index = None;
            for (i, lines) in layout::checklist_rows(app, inner_w, inner_h)
                .iter()
                .enumerate()
            {
                if row < lines.len() {
                    index = Some(i);
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
