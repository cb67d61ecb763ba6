//! How a call screen's [`App`] begins: a new call, a stored call resumed
//! (or first only rebuilt, then continued), a stored call reopened at a
//! stage. Pure, as the rest of the state: time arrives as an argument.

use super::state::{App, Effect, NOTICE_MS, Overlay, Screen, Setup};
use crate::engine::{CallMeta, CallState, Command, Event, EventKind, Timestamp};
use crate::i18n;
use crate::notes;
use crate::stage::StageId;
use crate::store::SaveStatus;
use crate::tui::editor::Editor;

impl App {
    /// Starts a new call: the `Started` event is the first effect.
    pub fn new_call(setup: Setup, meta: CallMeta, now: Timestamp) -> (App, Vec<Effect>) {
        let started = Event {
            at: now,
            kind: EventKind::Started(meta.clone()),
        };
        let state = CallState::start(meta, now);
        let mut app = App::build(setup, state, vec![started.clone()], "", now);
        // A customer seen before: their history first, once (Esc or typing
        // dismisses it).
        if app.has_history() {
            app.overlay = Some(Overlay::History { scroll: 0 });
        }
        (app, vec![Effect::Persist(vec![started])])
    }

    /// Resumes a stored call from its events and notes. The gap since
    /// `last_activity` is recorded as a pause so it is not talk time.
    /// Returns `None` when the log has no `Started` event.
    pub fn resume(
        setup: Setup,
        events: Vec<Event>,
        notes: &str,
        last_activity: Timestamp,
        now: Timestamp,
    ) -> Option<(App, Vec<Effect>)> {
        let mut app = App::restore(setup, events, notes, now)?;
        let fx = app.continue_at(last_activity, now);
        Some((app, fx))
    }

    /// A stored call rebuilt from its events and notes as it was left, not
    /// yet resumed: nothing is recorded until [`App::continue_at`] (so it
    /// can be rebuilt while the agent is still deciding whether to resume
    /// it). `None` when the log has no `Started` event.
    pub fn restore(setup: Setup, events: Vec<Event>, notes: &str, now: Timestamp) -> Option<App> {
        let state = CallState::replay(&events)?;
        let mut app = App::build(setup, state, events, notes, now);
        // Already the notice it will show once resumed, so a frame drawn
        // ahead is laid out as the resumed screen will be.
        let w = app.words();
        app.notify(w.resumed);
        Some(app)
    }

    /// Resumes a [restored](App::restore) call at `now`: the gap since
    /// `last_activity` becomes a pause, then the call goes on. Returns the
    /// events to store.
    pub fn continue_at(&mut self, last_activity: Timestamp, now: Timestamp) -> Vec<Effect> {
        self.now = now;
        self.last_edit = now;
        let mut fx = Vec::new();
        if !self.state.is_ended() {
            if !self.state.is_paused() {
                let at = last_activity.clamp(self.state.last_event_at, now);
                let paused = Event {
                    at,
                    kind: EventKind::Paused,
                };
                self.state.apply(&paused);
                self.log.push(paused.clone());
                fx.push(Effect::Persist(vec![paused]));
            }
            self.command(Command::Resume, &mut fx).ok();
        }
        let w = self.words();
        self.notify(w.resumed);
        fx
    }

    /// Opens a stored call for more work: reopens it when it had ended and
    /// moves to `at`. Opening at `follow_up` (to check the agreements) is not
    /// a skip; moving to any other stage records open required items as
    /// skipped, as always.
    pub fn open_at(&mut self, at: Option<StageId>) -> Vec<Effect> {
        let mut fx = Vec::new();
        if at == Some(StageId::FollowUp) {
            // Reopens as well; checking agreements later is not skipping the
            // call's stages.
            self.command(Command::OpenFollowUp, &mut fx).ok();
            self.follow_up_mode = true;
            let w = self.words();
            // Long enough to read before the first keystroke.
            self.notice = Some((w.followup_open.to_owned(), self.now + 4 * NOTICE_MS));
            return fx;
        }
        if self.state.is_ended() {
            self.command(Command::Reopen, &mut fx).ok();
        }
        if let Some(stage) = at {
            self.command(Command::GoTo { stage, force: true }, &mut fx)
                .ok();
            self.follow_up_mode = false;
        }
        fx
    }

    fn build(setup: Setup, state: CallState, log: Vec<Event>, notes: &str, now: Timestamp) -> App {
        let mut editor = Editor::multi_line(notes);
        let ta = editor.area_mut();
        ta.set_placeholder_text(i18n::words(setup.lang).notes_placeholder);
        ta.set_placeholder_style(setup.theme.dim);
        ta.set_cursor_line_style(ratatui::style::Style::default());
        ta.set_cursor_style(setup.theme.cursor);
        let markers = std::sync::Arc::new(notes::markers(notes));
        App {
            setup,
            state,
            log,
            notes: editor,
            markers,
            now,
            size: (120, 40),
            screen: Screen::Call,
            overlay: None,
            checklist_cursor: None,
            phrase_cursor: 0,
            notice: None,
            reload_error: None,
            save_status: SaveStatus::Saved,
            follow_up_mode: false,
            notes_dirty_since: None,
            last_edit: now,
            esc_at: None,
            esc_held: None,
            context_changed_at: None,
            last_ctrl_c: None,
            quit_armed: false,
            suspended_pause: false,
            live: super::live::Live::default(),
            cues: super::cues::CueCache::default(),
            cues_pending: None,
            panes: Default::default(),
            call_id: None,
        }
    }
}
