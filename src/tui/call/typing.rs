//! Editing the notes and keeping what depends on them current: the cached
//! note markers, the save deadline, the armed quit.

use super::state::App;
use crate::notes::{self, NoteMarkers};
use crate::tui::editor::Edit;

impl App {
    pub(super) fn notes_edited_now(&self) -> bool {
        self.notes_dirty_since.is_some() && self.last_edit == self.now
    }

    pub(super) fn mark_edited(&mut self) {
        self.notes_dirty_since.get_or_insert(self.now);
        self.last_edit = self.now;
        // Shared: the agreements pane knows it unchanged by the pointer.
        self.markers = std::sync::Arc::new(notes::markers(&self.notes_text()));
        self.quit_armed = false;
    }

    /// Like [`App::mark_edited`] after an edit confined to one line that was
    /// and still is no marker line: the markers cannot have changed, so the
    /// whole notes are not rescanned (a keystroke stays cheap with megabytes).
    pub(super) fn mark_line_edited(&mut self, before: &LineSnapshot) {
        let (row, _) = self.notes.position();
        let lines = self.notes.lines();
        let line = |r: usize| lines.get(r).map_or("", String::as_str);
        let plain = |r: usize| !is_marker_line(line(r));
        let count = lines.len();
        // Only when no marker line was or is involved: the markers stay,
        // but for the line numbers of the agreements after the edit.
        let shift = if is_marker_line(&before.text) {
            None
        } else if count == before.count && row == before.row && plain(row) {
            Some(0)
        } else if count == before.count + 1
            && (row == before.row || row == before.row + 1)
            && plain(before.row)
            && plain(before.row + 1)
        {
            // A line split in two (Enter): the lines after it move down.
            Some(1)
        } else if count + 1 == before.count
            && row + 1 == before.row
            && plain(row)
            && !self.markers.agreements.iter().any(|a| a.line == row)
        {
            // The line joined to the one above (Backspace at its start),
            // which was no agreement either (a joined text can spoil one).
            Some(-1)
        } else {
            None
        };
        match shift {
            Some(d) => {
                let moved = self
                    .markers
                    .agreements
                    .last()
                    .is_some_and(|a| a.line > before.row);
                if d != 0 && moved {
                    // Lines after `before.row` (a split) or after the
                    // removed `before.row` (a join) moved by `d`.
                    let mut m = (*self.markers).clone();
                    for a in m.agreements.iter_mut().filter(|a| a.line > before.row) {
                        a.line = a.line.saturating_add_signed(d);
                    }
                    self.markers = std::sync::Arc::new(m);
                }
                self.notes_dirty_since.get_or_insert(self.now);
                self.last_edit = self.now;
                self.quit_armed = false;
            }
            None => self.mark_edited(),
        }
    }
}

/// The cursor line before an edit.
pub(super) struct LineSnapshot {
    row: usize,
    count: usize,
    text: String,
}

/// True when `line` means something to [`notes::markers`].
fn is_marker_line(line: &str) -> bool {
    notes::markers(line) != NoteMarkers::default()
}

/// Applies an edit to the notes (also after the call ended: typing is
/// never lost, whatever is on screen).
pub(super) fn edit_notes(app: &mut App, edit: Edit) {
    if let Edit::Insert(c) = edit
        && crate::text::is_forbidden_char(c)
    {
        return;
    }
    let (row, _) = app.notes.position();
    let before = LineSnapshot {
        row,
        count: app.notes.lines().len(),
        text: app.notes.lines().get(row).cloned().unwrap_or_default(),
    };
    let now = app.now;
    if app.notes.apply(edit, now) {
        app.mark_line_edited(&before);
    }
}
