//! The call screen's state and its pure `update`: a message in, effects out.
//! No terminal, file or clock here: time arrives with every message, and
//! everything the shell must do (store events, save notes, copy, quit) comes
//! back as an [`Effect`]. Engine changes go only through [`execute`].

use super::form::{Form, FormKind};

mod record;
use super::keys::{self, Action, Context};
use super::theme::Theme;
use crate::engine::{
    CallMeta, CallOutcome, CallState, Command, Date, Event, EventKind, Refusal, TickSource,
    Timestamp, execute,
};
use crate::i18n::{self, Words};
use crate::notes::{self, NoteMarkers};
use crate::playbook::{Language, Playbook};
use crate::stage::StageId;
use crate::store::{CallId, CustomerHistory, PastCall, SaveStatus};
use crate::summary::CallSummary;
use ratatui::crossterm::event::{
    KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};
use ratatui::layout::{Position, Rect};
use ratatui_textarea::{Input, Key, TextArea, WrapMode};

/// Save the notes this long after the last keystroke…
pub const SAVE_IDLE_MS: i64 = 500;
/// …and at least this often during continuous typing.
pub const SAVE_MAX_MS: i64 = 1000;
/// How long a notice stays on screen.
const NOTICE_MS: i64 = 4000;
/// A second Ctrl-C within this time quits.
const CTRL_C_MS: i64 = 2000;

/// Something that happened: input, time, the file watcher, a signal.
#[derive(Clone, Debug)]
pub enum Msg {
    /// A key press.
    Key(KeyEvent),
    /// Bracketed paste.
    Paste(String),
    /// A mouse event.
    Mouse(MouseEvent),
    /// The terminal was resized.
    Resize(u16, u16),
    /// A second passed (sent only while a timer is visible) or a deadline came.
    Tick,
    /// The watched playbook file changed and loaded fine.
    PlaybookReloaded(Box<Playbook>),
    /// The watched playbook file changed but is invalid (`file:line:col: …`).
    ReloadFailed(String),
    /// The result of the last save.
    SaveResult(SaveStatus),
    /// SIGHUP, SIGTERM, or the input ended: save everything and quit now.
    Hangup,
    /// A message for the agent from the shell (e.g. where a file was saved).
    Info(String),
    /// The shell continued the program after a Ctrl-Z suspend (`fg`).
    Continued,
}

/// What the shell must do after an update.
#[derive(Clone, Debug, PartialEq)]
pub enum Effect {
    /// Append these events to the call's log in the store.
    Persist(Vec<Event>),
    /// Save the full notes text.
    SaveNotes {
        /// The notes.
        text: String,
        /// When.
        at: Timestamp,
    },
    /// Put text on the clipboard (OSC 52).
    Clipboard(String),
    /// Write a file in the data directory.
    SaveFile {
        /// Suggested file name (no directory).
        name: String,
        /// Contents.
        contents: String,
    },
    /// Suspend to the shell (Ctrl-Z).
    Suspend,
    /// Leave the program.
    Quit,
}

/// Which full screen is shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Screen {
    /// The live call.
    Call,
    /// The summary after ending the call.
    Summary {
        /// Lines scrolled down.
        scroll: u16,
    },
}

/// An overlay over the call screen.
#[derive(Clone, Debug, PartialEq)]
pub enum Overlay {
    /// Help: every key.
    Help {
        /// Lines scrolled down.
        scroll: u16,
    },
    /// The keep-or-part-ways decision.
    Decision {
        /// The selected question.
        selected: usize,
    },
    /// A form.
    Form(Form),
    /// The customer's earlier calls.
    History {
        /// Lines scrolled down.
        scroll: u16,
    },
    /// The recorded agreements, to edit or withdraw one.
    Agreements {
        /// The selected agreement (index into the call's agreements).
        selected: usize,
    },
    /// Moving on would skip required items.
    ConfirmSkip {
        /// Target stage.
        to: StageId,
        /// Texts of the open required items.
        items: Vec<String>,
    },
}

/// Facts from the store about this customer's earlier calls.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct History {
    /// Earlier calls, newest first.
    pub calls: Vec<PastCall>,
    /// Marked difficult in an earlier call.
    pub difficult_before: bool,
}

impl History {
    /// The store's history of a customer, leaving out call `except` (the
    /// call being reopened is not an earlier call of itself).
    pub fn from_store(h: CustomerHistory, except: Option<&CallId>) -> History {
        let calls: Vec<PastCall> = h
            .calls
            .into_iter()
            .filter(|c| Some(&c.id) != except)
            .collect();
        History {
            difficult_before: calls.iter().any(|c| c.marked_difficult),
            calls,
        }
    }

    /// Number of earlier calls.
    pub fn earlier_calls(&self) -> usize {
        self.calls.len()
    }
}

/// Settings fixed when the screen opens.
#[derive(Clone, Debug)]
pub struct Setup {
    /// The playbook.
    pub playbook: Playbook,
    /// The watched playbook file, when one was given.
    pub playbook_file: Option<String>,
    /// Interface language.
    pub lang: Language,
    /// The agent's name for `{agent}`.
    pub agent: Option<String>,
    /// True when a store saves the call (otherwise quitting warns).
    pub persistent: bool,
    /// Earlier calls of the customer.
    pub history: Option<History>,
    /// Offset of local time from UTC in seconds (for "today").
    pub utc_offset_secs: i32,
    /// Colours or monochrome.
    pub theme: Theme,
}

/// The state of the call screen.
pub struct App {
    /// Settings.
    pub setup: Setup,
    /// The call.
    pub state: CallState,
    /// The call's events so far.
    pub log: Vec<Event>,
    /// The notes editor.
    pub notes: TextArea<'static>,
    /// Marker lines of the notes (cached; updated on every edit).
    pub markers: NoteMarkers,
    /// The latest time seen.
    pub now: Timestamp,
    /// Terminal size.
    pub size: (u16, u16),
    /// The full screen shown.
    pub screen: Screen,
    /// The overlay shown, if any.
    pub overlay: Option<Overlay>,
    /// Index among the current stage's phrases that fit the channel.
    pub phrase_cursor: usize,
    /// A transient message and when it disappears.
    pub notice: Option<(String, Timestamp)>,
    /// The playbook reload error, until a reload succeeds.
    pub reload_error: Option<String>,
    /// The last save's result.
    pub save_status: SaveStatus,
    /// Opened to check a follow-up (F8 records the result).
    pub follow_up_mode: bool,
    notes_dirty_since: Option<Timestamp>,
    last_edit: Timestamp,
    esc_pending: bool,
    last_ctrl_c: Option<Timestamp>,
    quit_armed: bool,
    /// Ctrl-Z stopped the clocks: `Msg::Continued` restarts them.
    suspended_pause: bool,
}

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
        let state = CallState::replay(&events)?;
        let mut app = App::build(setup, state, events, notes, now);
        let mut fx = Vec::new();
        if !app.state.is_ended() {
            if !app.state.is_paused() {
                let at = last_activity.clamp(app.state.last_event_at, now);
                let paused = Event {
                    at,
                    kind: EventKind::Paused,
                };
                app.state.apply(&paused);
                app.log.push(paused.clone());
                fx.push(Effect::Persist(vec![paused]));
            }
            app.command(Command::Resume, &mut fx).ok();
        }
        let w = app.words();
        app.notify(w.resumed);
        Some((app, fx))
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
        let lines: Vec<String> = if notes.is_empty() {
            vec![String::new()]
        } else {
            notes.split('\n').map(str::to_owned).collect()
        };
        let mut ta = TextArea::new(lines);
        ta.set_wrap_mode(WrapMode::WordOrGlyph);
        ta.set_placeholder_text(i18n::words(setup.lang).notes_placeholder);
        ta.set_placeholder_style(setup.theme.dim);
        ta.set_cursor_line_style(ratatui::style::Style::default());
        ta.set_cursor_style(setup.theme.cursor);
        ta.move_cursor(ratatui_textarea::CursorMove::Bottom);
        ta.move_cursor(ratatui_textarea::CursorMove::End);
        let markers = notes::markers(notes);
        App {
            setup,
            state,
            log,
            notes: ta,
            markers,
            now,
            size: (120, 40),
            screen: Screen::Call,
            overlay: None,
            phrase_cursor: 0,
            notice: None,
            reload_error: None,
            save_status: SaveStatus::Saved,
            follow_up_mode: false,
            notes_dirty_since: None,
            last_edit: now,
            esc_pending: false,
            last_ctrl_c: None,
            quit_armed: false,
            suspended_pause: false,
        }
    }

    /// The playbook in use.
    pub fn pb(&self) -> &Playbook {
        &self.setup.playbook
    }

    /// Interface words in the chosen language.
    pub fn words(&self) -> &'static Words {
        i18n::words(self.setup.lang)
    }

    /// The notes as one string.
    pub fn notes_text(&self) -> String {
        self.notes.lines().join("\n")
    }

    /// True when the Esc prefix is waiting for its key.
    pub fn esc_pending(&self) -> bool {
        self.esc_pending
    }

    /// True when the customer had earlier calls.
    pub fn has_history(&self) -> bool {
        self.setup
            .history
            .as_ref()
            .is_some_and(|h| h.earlier_calls() > 0)
    }

    /// The key context of what is on screen now.
    pub fn context(&self) -> Context {
        match (&self.overlay, self.screen) {
            (Some(Overlay::Help { .. }), _) => Context::Help,
            (Some(Overlay::History { .. }), _) => Context::History,
            (Some(Overlay::Decision { .. }), _) => Context::Decision,
            (Some(Overlay::Form(_)), _) => Context::Form,
            (Some(Overlay::ConfirmSkip { .. }), _) => Context::Confirm,
            (Some(Overlay::Agreements { .. }), _) => Context::Agreements,
            (None, Screen::Summary { .. }) => Context::Summary,
            (None, Screen::Call) => Context::Call,
        }
    }

    /// True while a clock is on screen and running: the shell ticks once a second.
    pub fn wants_tick(&self) -> bool {
        self.screen == Screen::Call && !self.state.is_ended() && !self.state.is_paused()
    }

    /// The next moment `update` needs a [`Msg::Tick`] (a save deadline or a
    /// notice expiring), besides the once-a-second timer.
    pub fn next_deadline(&self) -> Option<Timestamp> {
        let save = self
            .notes_dirty_since
            .map(|since| (self.last_edit + SAVE_IDLE_MS).min(since + SAVE_MAX_MS));
        let notice = self.notice.as_ref().map(|(_, until)| *until);
        match (save, notice) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
    }

    /// True when notes typed since the last save are not saved yet.
    pub fn notes_unsaved(&self) -> bool {
        self.notes_dirty_since.is_some()
    }

    /// Today's date in the agent's time zone.
    pub fn today(&self) -> Date {
        self.local_time(self.now).date()
    }

    /// `at` as the agent's local date and time.
    pub fn local_time(&self, at: Timestamp) -> jiff::civil::DateTime {
        let ts = jiff::Timestamp::from_millisecond(at).unwrap_or(jiff::Timestamp::UNIX_EPOCH);
        let offset = jiff::tz::Offset::from_seconds(self.setup.utc_offset_secs)
            .unwrap_or(jiff::tz::Offset::UTC);
        ts.to_zoned(jiff::tz::TimeZone::fixed(offset)).datetime()
    }

    /// Indices (into the stage's phrase list) of the current stage's phrases
    /// that suit the call's channel.
    pub fn phrase_indices(&self) -> Vec<usize> {
        let channel = self.state.meta.channel;
        self.pb()
            .stage(self.state.stage)
            .phrases
            .iter()
            .enumerate()
            .filter(|(_, p)| p.fits(channel))
            .map(|(i, _)| i)
            .collect()
    }

    /// The phrase shown now, as (index in the stage's list, position, count).
    pub fn current_phrase(&self) -> Option<(usize, usize, usize)> {
        let idx = self.phrase_indices();
        if idx.is_empty() {
            return None;
        }
        let pos = self.phrase_cursor % idx.len();
        Some((idx[pos], pos, idx.len()))
    }

    /// Fills `{customer}` (the form of address, never the reference) and
    /// `{agent}` in a phrase; without a form of address the playbook's
    /// fallback, or the phrase without the name.
    pub fn fill(&self, template: &str) -> String {
        crate::summary::fill_phrase(
            self.pb(),
            template,
            self.state.address.as_deref(),
            self.setup.agent.as_deref(),
            self.words().agent_fallback,
        )
    }

    /// The call summary (built from the state, notes and playbook).
    pub fn summary(&self) -> CallSummary {
        CallSummary::build(
            self.pb(),
            &self.state,
            &self.notes_text(),
            self.now,
            self.setup.agent.as_deref(),
        )
    }

    fn notify(&mut self, text: &str) {
        self.notice = Some((text.to_owned(), self.now + NOTICE_MS));
    }

    /// Runs an engine command; its events become a `Persist` effect.
    fn command(&mut self, cmd: Command, fx: &mut Vec<Effect>) -> Result<(), Refusal> {
        let events = execute(
            &mut self.state,
            &mut self.log,
            &self.setup.playbook,
            cmd,
            self.now,
        )?;
        if !events.is_empty() {
            fx.push(Effect::Persist(events));
        }
        Ok(())
    }

    fn flush_notes(&mut self, fx: &mut Vec<Effect>) {
        if self.notes_dirty_since.take().is_some() {
            fx.push(Effect::SaveNotes {
                text: self.notes_text(),
                at: self.now,
            });
        }
    }

    fn quit(&mut self, fx: &mut Vec<Effect>) {
        self.flush_notes(fx);
        // A call left open keeps its clocks stopped until it is resumed.
        if !self.state.is_ended() {
            self.command(Command::Pause, fx).ok();
        }
        fx.push(Effect::Quit);
    }
}

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
        Msg::Key(key) if key.kind != KeyEventKind::Release => on_key(app, key, &mut fx),
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
    fn notes_edited_now(&self) -> bool {
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
    if ctx == Context::Call {
        if app.esc_pending {
            app.esc_pending = false;
            if key.code == KeyCode::Esc {
                return;
            }
            // A Ctrl chord (Ctrl-Z, Ctrl-Q …) after Esc is just that chord.
            if !key.modifiers.contains(KeyModifiers::CONTROL) {
                key.modifiers |= KeyModifiers::ALT;
            }
        } else if key.code == KeyCode::Esc && key.modifiers.is_empty() {
            app.esc_pending = true;
            return;
        }
    }
    // The history overlay never holds up the call: any key it does not
    // use closes it and then does what it does on the call screen.
    if matches!(ctx, Context::History | Context::Agreements) && keys::lookup(ctx, &key).is_none() {
        app.overlay = None;
        on_key(app, key, fx);
        return;
    }
    // Forms and the notes editor get printable keys first.
    if ctx == Context::Form && keys::is_typing(&key) {
        if let (Some(Overlay::Form(f)), KeyCode::Char(c)) = (&mut app.overlay, key.code) {
            f.type_char(c);
        }
        return;
    }
    if ctx == Context::Call && keys::is_typing(&key) {
        type_into_notes(app, key);
        return;
    }
    match keys::lookup(ctx, &key) {
        Some(b) => act(app, b.action, &key, fx),
        None => match ctx {
            Context::Call => type_into_notes(app, key),
            Context::Form => {
                if let Some(Overlay::Form(f)) = &mut app.overlay {
                    match (key.code, key.modifiers) {
                        (KeyCode::Backspace, _) => f.backspace(),
                        (KeyCode::Char('u'), KeyModifiers::CONTROL) => f.clear_field(),
                        _ => {}
                    }
                }
            }
            _ => {}
        },
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
    if input.ctrl && !input.alt && input.key == Key::Char('j') {
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

fn act(app: &mut App, action: Action, key: &KeyEvent, fx: &mut Vec<Effect>) {
    let w = app.words();
    let now = app.now;
    match action {
        Action::Help => {
            app.overlay = match app.overlay {
                Some(Overlay::Help { .. }) => None,
                _ => Some(Overlay::Help { scroll: 0 }),
            }
        }
        Action::PrevStage => {
            if let Some(prev) = app.state.stage.prev() {
                goto(app, prev, false, fx);
            }
        }
        Action::NextStage => match app.state.stage.next() {
            Some(next) => goto(app, next, false, fx),
            None => app.notify(w.last_stage),
        },
        Action::ToggleItem => {
            let stage = app.state.stage;
            let item = keys::digit(key)
                .and_then(|d| app.pb().stage(stage).checklist.get(d - 1))
                .map(|i| crate::engine::ItemRef::new(stage, i.id.clone()));
            if let Some(item) = item
                && app.command(Command::Toggle(item), fx).is_err()
            {
                app.notify(w.not_now);
            }
        }
        Action::NextPhrase => app.phrase_cursor = app.phrase_cursor.wrapping_add(1),
        // The phrase stays on screen with its mark (F4 moves on).
        Action::UsePhrase => record::use_phrase(app, fx),
        Action::AddressForm => record::open_address(app),
        Action::Agreements => record::open_agreements(app),
        Action::Withdraw => record::withdraw(app, fx),
        Action::Escalate => {
            if app.command(Command::Escalate, fx).is_ok() {
                app.phrase_cursor = 0;
                app.notify(w.escalated);
            } else {
                app.notify(w.not_now);
            }
        }
        Action::Decision => app.overlay = Some(Overlay::Decision { selected: 0 }),
        Action::AgreementForm => {
            app.overlay = Some(Overlay::Form(Form::new(FormKind::Agreement, w)));
        }
        Action::FollowUpForm => {
            let kind = if app.follow_up_mode {
                FormKind::FollowUpResult
            } else {
                FormKind::FollowUp
            };
            app.overlay = Some(Overlay::Form(Form::new(kind, w)));
        }
        Action::EndCall => {
            app.flush_notes(fx);
            let mut outcome = app.state.suggested_outcome(app.pb());
            // Agreements typed as `A:` lines count as much as the form's.
            if outcome == CallOutcome::Unresolved && !app.markers.agreements.is_empty() {
                outcome = if app.state.follow_up.is_some() {
                    CallOutcome::ResolvedWithFollowUp
                } else {
                    CallOutcome::Resolved
                };
            }
            app.command(Command::End(outcome), fx).ok();
            app.overlay = None;
            app.screen = Screen::Summary { scroll: 0 };
        }
        Action::Quit => {
            if !app.setup.persistent && !app.notes.is_empty() && !app.quit_armed {
                app.quit_armed = true;
                app.notify(w.unsaved_quit);
            } else {
                app.quit(fx);
            }
        }
        Action::Interrupt => {
            if app.last_ctrl_c.is_some_and(|t| now - t <= CTRL_C_MS) {
                app.quit_armed = true;
                app.quit(fx);
            } else {
                app.last_ctrl_c = Some(now);
                app.notify(w.ctrl_c);
            }
        }
        Action::Suspend => {
            app.flush_notes(fx);
            // Time at the shell is not talk time.
            app.suspended_pause = app.command(Command::Pause, fx).is_ok();
            fx.push(Effect::Suspend);
        }
        Action::History => {
            app.overlay = match app.overlay {
                Some(Overlay::History { .. }) => None,
                _ if app.has_history() => Some(Overlay::History { scroll: 0 }),
                _ => {
                    app.notify(w.no_history);
                    None
                }
            }
        }
        Action::CycleOutcome => cycle_outcome(app, fx),
        Action::CycleCause => {
            let causes = &app.pb().evaluation.causes;
            let next = match &app.state.cause {
                Some(id) => causes
                    .iter()
                    .position(|c| &c.id == id)
                    .map_or(0, |i| (i + 1) % causes.len()),
                None => 0,
            };
            match causes.get(next).map(|c| c.id.clone()) {
                Some(id) => {
                    app.command(Command::SetCause(id), fx).ok();
                }
                None => app.notify(w.no_causes),
            }
        }
        Action::EvaluationForm => {
            if app.pb().evaluation.questions.is_empty() {
                app.notify(w.no_evaluation);
            } else {
                let form = Form::evaluation(&app.setup.playbook, &app.state, w);
                app.overlay = Some(Overlay::Form(form));
            }
        }
        Action::Close => close(app, fx),
        Action::Up | Action::Down => {
            let down = action == Action::Down;
            let step = |v: u16| {
                if down {
                    v.saturating_add(1)
                } else {
                    v.saturating_sub(1)
                }
            };
            let nq = app.pb().decision.questions.len().max(1);
            // Scrolling stops when the last line of the summary is at the top.
            let summary_len = match app.screen {
                Screen::Summary { .. } => {
                    u16::try_from(super::summary_view::rows(app).len()).unwrap_or(u16::MAX)
                }
                Screen::Call => 0,
            };
            let na = app.state.agreements.len().max(1);
            match (&mut app.overlay, &mut app.screen) {
                (Some(Overlay::Help { scroll } | Overlay::History { scroll }), _) => {
                    *scroll = step(*scroll)
                }
                (Some(Overlay::Agreements { selected }), _) => {
                    *selected = if down {
                        (*selected + 1) % na
                    } else {
                        (*selected + na - 1) % na
                    }
                }
                (Some(Overlay::Decision { selected }), _) => {
                    *selected = if down {
                        (*selected + 1) % nq
                    } else {
                        (*selected + nq - 1) % nq
                    }
                }
                (None, Screen::Summary { scroll }) => {
                    let page = if matches!(key.code, KeyCode::PageDown | KeyCode::PageUp) {
                        10
                    } else {
                        1
                    };
                    for _ in 0..page {
                        *scroll = step(*scroll).min(summary_len.saturating_sub(1));
                    }
                }
                _ => {}
            }
        }
        Action::Yes | Action::No => {
            if let Some(Overlay::Decision { selected }) = app.overlay {
                let q = app
                    .pb()
                    .decision
                    .questions
                    .get(selected)
                    .map(|q| q.id.clone());
                if let Some(question) = q {
                    let yes = action == Action::Yes;
                    app.command(Command::AnswerDecision { question, yes }, fx)
                        .ok();
                    let nq = app.pb().decision.questions.len().max(1);
                    app.overlay = Some(Overlay::Decision {
                        selected: (selected + 1).min(nq - 1),
                    });
                }
            }
        }
        Action::MarkDifficult => {
            let mark = !app.state.marked_difficult;
            app.command(Command::MarkDifficult(mark), fx).ok();
        }
        Action::NextField | Action::PrevField => {
            if let Some(Overlay::Form(f)) = &mut app.overlay {
                f.move_focus(if action == Action::NextField { 1 } else { -1 });
            }
        }
        Action::DateShortcut => {
            if let (Some(Overlay::Form(f)), Some(d)) = (&mut app.overlay, keys::digit(key)) {
                f.set_days(d);
            }
        }
        Action::Confirm => confirm(app, fx),
        Action::CopySummary => {
            fx.push(Effect::Clipboard(super::summary_view::summary_text(app)));
            app.notify(w.copied);
        }
        Action::CopyEmail => {
            let email = app.summary().email(app.pb());
            fx.push(Effect::Clipboard(format!(
                "{}\n\n{}",
                email.subject, email.body
            )));
            app.notify(w.copied);
        }
        Action::SaveFile => {
            let name = format!("call-{}.md", app.today());
            let contents = super::summary_view::summary_text(app);
            fx.push(Effect::SaveFile { name, contents });
        }
        Action::Finish => {
            app.flush_notes(fx);
            fx.push(Effect::Quit);
        }
        Action::EditorInfo => {}
    }
}

fn goto(app: &mut App, to: StageId, force: bool, fx: &mut Vec<Effect>) {
    let w = app.words();
    match app.command(Command::GoTo { stage: to, force }, fx) {
        Ok(()) => {
            app.phrase_cursor = 0;
            app.overlay = None;
        }
        Err(Refusal::RequiredOpen(items)) => {
            let texts = items
                .iter()
                .map(|i| {
                    app.pb()
                        .item(i.stage, &i.item)
                        .map_or_else(|| i.item.clone(), |it| it.text.clone())
                })
                .collect();
            app.overlay = Some(Overlay::ConfirmSkip { to, items: texts });
        }
        Err(_) => app.notify(w.not_now),
    }
}

/// The order the summary's `o` key walks through.
const OUTCOMES: [CallOutcome; 4] = [
    CallOutcome::Resolved,
    CallOutcome::ResolvedWithFollowUp,
    CallOutcome::PartedWays,
    CallOutcome::Unresolved,
];

/// Changes the ended call's outcome to the next one. The engine only ends
/// an open call, so this reopens and ends it again at the same moment: the
/// log says what happened, replay gives the same state, and no talk time
/// is added.
fn cycle_outcome(app: &mut App, fx: &mut Vec<Effect>) {
    let Some(current) = app.state.ended.map(|(_, o)| o) else {
        return;
    };
    let i = OUTCOMES.iter().position(|o| *o == current).unwrap_or(0);
    let next = OUTCOMES[(i + 1) % OUTCOMES.len()];
    if app.command(Command::Reopen, fx).is_ok() {
        app.command(Command::End(next), fx).ok();
    }
}

fn close(app: &mut App, fx: &mut Vec<Effect>) {
    if app.overlay.take().is_some() {
        return;
    }
    if let Screen::Summary { .. } = app.screen {
        app.command(Command::Reopen, fx).ok();
        app.screen = Screen::Call;
    }
}

fn confirm(app: &mut App, fx: &mut Vec<Effect>) {
    let w = app.words();
    let today = app.today();
    match app.overlay.take() {
        Some(Overlay::ConfirmSkip { to, .. }) => goto(app, to, true, fx),
        Some(Overlay::Agreements { selected }) => record::edit_selected(app, selected),
        Some(Overlay::Form(mut form)) => match form.submit(today, w) {
            Some(cmds) if record::past_date_unconfirmed(app, &mut form, &cmds, today) => {
                app.overlay = Some(Overlay::Form(form));
            }
            Some(cmds) => {
                let done = match form.kind {
                    FormKind::Agreement => w.agreement_added.to_owned(),
                    FormKind::FollowUp => w.followup_planned.to_owned(),
                    FormKind::FollowUpResult => w.followup_closed.to_owned(),
                    FormKind::Evaluation => w.evaluation_saved.to_owned(),
                    FormKind::Address | FormKind::EditAgreement { .. } => {
                        record::done_text(app, &cmds)
                    }
                };
                let mut result = Ok(());
                for cmd in cmds {
                    // An evaluation question left empty is not an answer
                    // (unless it clears an earlier one).
                    if let Command::AnswerEvaluation { question, answer } = &cmd
                        && answer.is_empty()
                        && !app.state.evaluation.contains_key(question)
                    {
                        continue;
                    }
                    match app.command(cmd, fx) {
                        Ok(()) | Err(Refusal::NoChange) => {}
                        Err(e) => result = Err(e),
                    }
                }
                match result {
                    Ok(()) => app.notify(&done),
                    Err(_) => {
                        form.error = Some(w.not_now.to_owned());
                        app.overlay = Some(Overlay::Form(form));
                    }
                }
            }
            None => app.overlay = Some(Overlay::Form(form)),
        },
        other => app.overlay = other,
    }
}

fn on_mouse(app: &mut App, m: MouseEvent, fx: &mut Vec<Effect>) {
    if app.overlay.is_some() || app.screen != Screen::Call {
        return;
    }
    let layout = super::ui::call_layout(app, Rect::new(0, 0, app.size.0, app.size.1));
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
            for (i, lines) in super::ui::checklist_rows(app, inner_w, inner_h)
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
