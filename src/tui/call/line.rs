//! The call's state driven by typed lines instead of keys: what the
//! accessible line mode ([`crate::tui::plain`]) asks of it. The same
//! [`App`], the same engine commands and the same effects as the full
//! screen — no second state machine.

use super::state::{App, Effect};
use crate::engine::{Command, Refusal, Timestamp};
use crate::tui::editor::Edit;

impl App {
    /// Appends `text` to the notes as their new last line (control
    /// characters removed), ticks items whose cues it completes, and saves
    /// the notes at once: in line mode each line is a natural save point.
    pub fn append_note_line(&mut self, text: &str, now: Timestamp) -> Vec<Effect> {
        self.now = now.max(self.now);
        let now = self.now;
        let clean = crate::text::sanitize_line(text);
        self.notes.apply(Edit::Bottom, now);
        self.notes.apply(Edit::End, now);
        let piece = if self.notes.is_empty() && self.notes.lines().len() <= 1 {
            clean
        } else {
            format!("\n{clean}")
        };
        let mut fx = Vec::new();
        if self.notes.paste(&piece, now) {
            self.mark_edited();
            fx.extend(super::update::detect_all_cues(self));
        }
        self.flush_notes(&mut fx);
        fx
    }

    /// Runs an engine command at `now`; its events come back as effects.
    pub fn run_command(&mut self, cmd: Command, now: Timestamp) -> Result<Vec<Effect>, Refusal> {
        self.now = now.max(self.now);
        let mut fx = Vec::new();
        self.command(cmd, &mut fx)?;
        Ok(fx)
    }

    /// Ends the call as the end key does (with the outcome it suggests)
    /// and turns to the summary.
    pub fn end_call(&mut self, now: Timestamp) -> Vec<Effect> {
        self.now = now.max(self.now);
        let mut fx = Vec::new();
        super::actions::end_call(self, &mut fx);
        fx
    }
}
