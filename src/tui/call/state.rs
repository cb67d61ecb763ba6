//! The call screen's state: the call, the notes editor, what is on screen,
//! and the messages and effects the pure update trades in. No
//! terminal, file or clock here: time arrives with every message.

use super::form::Form;
use super::keys::Context;
use crate::engine::{CallState, Command, Date, Event, Refusal, Timestamp, execute};
use crate::i18n::{self, Words};
use crate::notes::NoteMarkers;
use crate::playbook::{Language, Playbook};
use crate::stage::StageId;
use crate::store::{CallId, CustomerHistory, PastCall, SaveStatus};
use crate::summary::CallSummary;
use crate::tui::editor::Editor;
use crate::tui::theme::Theme;
use ratatui::crossterm::event::{KeyEvent, MouseEvent};

/// Save the notes this long after the last keystroke…
pub const SAVE_IDLE_MS: i64 = 500;
/// …and at least this often during continuous typing.
pub const SAVE_MAX_MS: i64 = 1000;
/// How long a notice stays on screen.
pub(super) const NOTICE_MS: i64 = 4000;
/// After Esc on the call screen, a key within this time (milliseconds)
/// acts as its Alt chord, if that chord is bound; later, Esc is forgotten.
pub const ESC_WINDOW_MS: i64 = 1000;
/// A printable key after Esc acts as its Alt chord only when no further
/// typing follows within this time: Esc then a word is the word.
pub const ESC_HOLD_MS: i64 = 350;
/// For this long after a key changed what is on screen, typing keys are
/// not taken as commands of the new screen: they go to the notes.
pub const GUARD_MS: i64 = 400;
/// A second Ctrl-C within this time quits.
pub(super) const CTRL_C_MS: i64 = 2000;

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
    /// Quitting found data that could be written nowhere (`reason`, no
    /// notes text): the box that offers a copy opens.
    Unsaved(String),
    /// Saving again (from that box) failed too.
    StillUnsaved,
    /// A live transcript source reported.
    Transcript(crate::transcript::Report),
    /// The saver masked numbers in the notes it was given (`from`): the
    /// editor shows `masked` if it still holds `from`, and a notice says
    /// what was masked.
    NotesMasked {
        /// The notes as handed to the saver.
        from: String,
        /// The same, masked.
        masked: String,
        /// What was masked.
        found: Vec<crate::redact::Kind>,
    },
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
    /// Try once more to save what could be saved nowhere; leave the
    /// program when it worked.
    Rescue,
    /// Leave the program although some data could be saved nowhere (the
    /// agent confirmed, after the offer to copy the notes).
    QuitUnsaved,
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
        /// Lines scrolled down.
        scroll: u16,
    },
    /// A form.
    Form(Form),
    /// The customer's earlier calls.
    History {
        /// Lines scrolled down.
        scroll: u16,
    },
    /// Quitting with notes that could be saved nowhere: a copy is offered,
    /// and the program ends only when the agent confirms.
    Unsaved {
        /// What failed (no notes text).
        reason: String,
        /// The last thing done in the box (copied, still not saved, confirm).
        status: Option<String>,
        /// The next quit key quits.
        armed: bool,
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
    pub notes: Editor,
    /// Marker lines of the notes (cached; updated on every edit).
    pub markers: std::sync::Arc<NoteMarkers>,
    /// The latest time seen.
    pub now: Timestamp,
    /// Terminal size.
    pub size: (u16, u16),
    /// The full screen shown.
    pub screen: Screen,
    /// The overlay shown, if any.
    pub overlay: Option<Overlay>,
    /// The selected checklist item (stage, index), once the agent moved it.
    pub checklist_cursor: Option<(StageId, usize)>,
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
    pub(super) notes_dirty_since: Option<Timestamp>,
    pub(super) last_edit: Timestamp,
    /// When Esc was pressed on the call screen, until the next key.
    pub(super) esc_at: Option<Timestamp>,
    /// A printable key that came after Esc (as its Alt chord) and when: it
    /// acts only if no more typing follows within [`ESC_HOLD_MS`].
    pub(super) esc_held: Option<(KeyEvent, Timestamp)>,
    /// When the last key changed what is on screen (the guard starts).
    pub(super) context_changed_at: Option<Timestamp>,
    pub(super) last_ctrl_c: Option<Timestamp>,
    pub(super) quit_armed: bool,
    /// Ctrl-Z stopped the clocks: `Msg::Continued` restarts them.
    pub(super) suspended_pause: bool,
    /// The live transcript feed (inactive without `--transcript`).
    pub live: super::live::Live,
    /// The playbook's cue phrases, compiled for detection while typing.
    pub(super) cues: super::cues::CueCache,
    /// A word typed on this row is looked at for cues when it ends, or at
    /// the time given (see `update::CUE_IDLE_MS`).
    pub(super) cues_pending: Option<(usize, Timestamp)>,
    /// Panes drawn in earlier frames (a view cache; never state).
    pub(super) panes: std::cell::RefCell<crate::tui::pane_cache::PaneCache>,
    /// The id the call is stored under, once the shell knows it (it names
    /// the summary's saved file).
    pub call_id: Option<CallId>,
}

impl App {
    /// Forgets the panes drawn before: the next frame draws every pane
    /// afresh (what a frame shows never depends on it).
    pub fn forget_drawn(&self) {
        self.panes.borrow_mut().clear();
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
        self.notes.text()
    }

    /// True when the Esc prefix is waiting for its key.
    pub fn esc_pending(&self) -> bool {
        self.esc_held.is_some() || self.esc_at.is_some_and(|at| self.now - at <= ESC_WINDOW_MS)
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
            (Some(Overlay::Unsaved { .. }), _) => Context::Unsaved,
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
        // The footer stops showing the Esc prefix when it expires.
        let esc = self
            .esc_pending()
            .then(|| self.esc_at.map(|at| at + ESC_WINDOW_MS + 1))
            .flatten();
        // A held Esc chord acts when no typing followed it.
        let held = self.esc_held.map(|(_, at)| at + ESC_HOLD_MS + 1);
        // A word typed is looked at for cues when the typing pauses.
        let cues = self.cues_pending.map(|(_, due)| due);
        [save, notice, esc, held, cues].into_iter().flatten().min()
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

    pub(super) fn notify(&mut self, text: &str) {
        self.notice = Some((text.to_owned(), self.now + NOTICE_MS));
    }

    /// Runs an engine command; its events become a `Persist` effect.
    pub(super) fn command(&mut self, cmd: Command, fx: &mut Vec<Effect>) -> Result<(), Refusal> {
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

    pub(super) fn flush_notes(&mut self, fx: &mut Vec<Effect>) {
        if self.notes_dirty_since.take().is_some() {
            fx.push(Effect::SaveNotes {
                text: self.notes_text(),
                at: self.now,
            });
        }
    }

    pub(super) fn quit(&mut self, fx: &mut Vec<Effect>) {
        self.flush_notes(fx);
        // A call left open keeps its clocks stopped until it is resumed.
        if !self.state.is_ended() {
            self.command(Command::Pause, fx).ok();
        }
        fx.push(Effect::Quit);
    }
}
