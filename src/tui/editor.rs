//! The one text editor of the program: the notes and every form field are
//! an [`Editor`], edited with the same keys ([`keys`]), so a key means the
//! same everywhere (Ctrl-U is undo in the notes and in a form).
//!
//! Built on `ratatui-textarea`; what it adds is undo by word or pause: a
//! run of typed letters (and the space after them) or a run of deletions is
//! one undo step, as long as no more than [`PAUSE_MS`] pass between the
//! keys and the cursor is not moved in between.

pub mod keys;

use crate::engine::Timestamp;
use ratatui_textarea::{CursorMove, DataCursor, Scrolling, TextArea, WrapMode};
use std::ops::Deref;

/// A pause this long (milliseconds) between two keys starts a new undo step.
pub const PAUSE_MS: i64 = 1000;
/// Undo steps remembered.
const MAX_STEPS: usize = 500;
/// Edits the text area remembers (several per step).
const MAX_EDITS: usize = 5000;

/// One editing operation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Edit {
    /// Type a character.
    Insert(char),
    /// A new line (the notes; a form field ignores it).
    Newline,
    /// Indent (the notes; a form field ignores it).
    Tab,
    /// Delete the character before the cursor.
    Backspace,
    /// Delete the character under the cursor.
    Delete,
    /// Delete the word before the cursor.
    DeleteWordBack,
    /// Delete the word after the cursor.
    DeleteWordForward,
    /// Delete to the end of the line.
    DeleteToEnd,
    /// Undo the last step.
    Undo,
    /// Redo the step undone last.
    Redo,
    /// Paste what was deleted last.
    Yank,
    /// Cursor one character left.
    Left,
    /// Cursor one character right.
    Right,
    /// Cursor one line up.
    Up,
    /// Cursor one line down.
    Down,
    /// Cursor one word left.
    WordLeft,
    /// Cursor one word right.
    WordRight,
    /// Cursor to the start of the line.
    Home,
    /// Cursor to the end of the line.
    End,
    /// Cursor to the first line.
    Top,
    /// Cursor to the last line.
    Bottom,
    /// A page up.
    PageUp,
    /// A page down.
    PageDown,
}

/// What kind of change an undo step is made of.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Run {
    /// Letters of a word.
    Word,
    /// Spaces after a word.
    Space,
    /// Deletions backwards.
    Back,
    /// Deletions forwards.
    Forward,
    /// Anything else: always a step of its own.
    Single,
}

/// A text editor with undo by word or pause.
#[derive(Clone, Debug)]
pub struct Editor {
    area: TextArea<'static>,
    single_line: bool,
    /// Edits (text-area history entries) per undo step, oldest first.
    steps: Vec<usize>,
    /// Steps undone, for redo.
    undone: Vec<usize>,
    /// The run the last step is made of, and when it was last extended.
    last: Option<(Run, Timestamp)>,
}

impl Deref for Editor {
    type Target = TextArea<'static>;
    fn deref(&self) -> &TextArea<'static> {
        &self.area
    }
}

impl PartialEq for Editor {
    fn eq(&self, other: &Editor) -> bool {
        self.area.lines() == other.area.lines() && self.area.cursor() == other.area.cursor()
    }
}

impl Eq for Editor {}

impl Editor {
    /// A multi-line editor holding `text`, the cursor at its end.
    pub fn multi_line(text: &str) -> Editor {
        // Sized exactly: a megabyte of notes is some 20,000 lines, and a
        // vector grown by doubling would keep up to twice their pointers.
        let mut lines = Vec::with_capacity(text.bytes().filter(|&b| b == b'\n').count() + 1);
        lines.extend(text.split('\n').map(str::to_owned));
        let mut area = TextArea::new(lines);
        area.set_wrap_mode(WrapMode::WordOrGlyph);
        area.set_max_histories(MAX_EDITS);
        area.move_cursor(CursorMove::Bottom);
        area.move_cursor(CursorMove::End);
        Editor {
            area,
            single_line: false,
            steps: Vec::new(),
            undone: Vec::new(),
            last: None,
        }
    }

    /// A one-line editor (a form field) holding `text`, the cursor at its end.
    pub fn single_line(text: &str) -> Editor {
        let mut e = Editor::multi_line(&text.replace(['\n', '\r'], " "));
        e.single_line = true;
        e
    }

    /// The text area, for settings and drawing.
    pub fn area_mut(&mut self) -> &mut TextArea<'static> {
        &mut self.area
    }

    /// The whole text.
    pub fn text(&self) -> String {
        self.area.lines().join("\n")
    }

    /// The cursor as (row, column in characters).
    pub fn position(&self) -> (usize, usize) {
        let DataCursor(row, col) = self.area.cursor();
        (row, col)
    }

    /// Replaces the whole text (one undo step), the cursor at its end.
    pub fn set_text(&mut self, text: &str, now: Timestamp) {
        if self.text() == text {
            return;
        }
        self.area.select_all();
        let mut edits = usize::from(self.area.cut());
        if !text.is_empty() && self.area.insert_str(text) {
            edits += 1;
        }
        self.push_step(edits, Run::Single, now);
    }

    /// Shows `masked` instead of the text where they differ, line by line
    /// (masking keeps every line and its length, so the cursor stays where
    /// it was), and forgets every undo step and the yank buffer: nothing
    /// brings the unmasked text back on screen.
    pub fn show_masked(&mut self, masked: &str) {
        let DataCursor(row, col) = self.area.cursor();
        let old: Vec<String> = self.area.lines().to_vec();
        for (i, (was, now)) in old.iter().zip(masked.split('\n')).enumerate() {
            if was == now {
                continue;
            }
            let r = u16::try_from(i).unwrap_or(u16::MAX);
            self.area.move_cursor(CursorMove::Jump(r, 0));
            self.area.start_selection();
            self.area.move_cursor(CursorMove::End);
            self.area.insert_str(now);
            self.area.cancel_selection();
        }
        // Setting the limit again empties the text area's history.
        self.area.set_max_histories(MAX_EDITS);
        self.area.set_yank_text("");
        self.steps.clear();
        self.undone.clear();
        self.last = None;
        self.area.move_cursor(CursorMove::Jump(
            u16::try_from(row).unwrap_or(u16::MAX),
            u16::try_from(col).unwrap_or(u16::MAX),
        ));
    }

    /// Scrolls the view without moving the text.
    pub fn scroll(&mut self, rows: i16) {
        self.area.scroll(Scrolling::Delta { rows, cols: 0 });
    }

    /// Inserts pasted text (one undo step); true when the text changed.
    pub fn paste(&mut self, text: &str, now: Timestamp) -> bool {
        let text = if self.single_line {
            text.replace(['\n', '\r'], " ")
        } else {
            text.to_owned()
        };
        let changed = self.area.insert_str(&text);
        if changed {
            self.push_step(1, Run::Single, now);
        }
        changed
    }

    /// Applies `edit` at time `now`; true when the text changed.
    pub fn apply(&mut self, edit: Edit, now: Timestamp) -> bool {
        let a = &mut self.area;
        let (changed, run) = match edit {
            Edit::Insert(c) if c == '\n' || c == '\r' => return self.apply(Edit::Newline, now),
            Edit::Insert(c) => {
                a.insert_char(c);
                (
                    true,
                    if c.is_whitespace() {
                        Run::Space
                    } else {
                        Run::Word
                    },
                )
            }
            Edit::Newline if self.single_line => (false, Run::Single),
            Edit::Newline => {
                a.insert_newline();
                (true, Run::Single)
            }
            Edit::Tab if self.single_line => (false, Run::Single),
            Edit::Tab => (a.insert_tab(), Run::Single),
            Edit::Backspace => (a.delete_char(), Run::Back),
            Edit::Delete => (a.delete_next_char(), Run::Forward),
            Edit::DeleteWordBack => (a.delete_word(), Run::Single),
            Edit::DeleteWordForward => (a.delete_next_word(), Run::Single),
            Edit::DeleteToEnd => (a.delete_line_by_end(), Run::Single),
            Edit::Yank => (a.paste(), Run::Single),
            Edit::Undo => return self.undo(),
            Edit::Redo => return self.redo(),
            movement => {
                let m = match movement {
                    Edit::Left => CursorMove::Back,
                    Edit::Right => CursorMove::Forward,
                    Edit::Up => CursorMove::Up,
                    Edit::Down => CursorMove::Down,
                    Edit::WordLeft => CursorMove::WordBack,
                    Edit::WordRight => CursorMove::WordForward,
                    Edit::Home => CursorMove::Head,
                    Edit::End => CursorMove::End,
                    Edit::Top => CursorMove::Top,
                    Edit::Bottom => CursorMove::Bottom,
                    Edit::PageUp => {
                        a.scroll(Scrolling::PageUp);
                        CursorMove::InViewport
                    }
                    _ => {
                        a.scroll(Scrolling::PageDown);
                        CursorMove::InViewport
                    }
                };
                a.move_cursor(m);
                // A moved cursor ends the step being typed.
                self.last = None;
                return false;
            }
        };
        if changed {
            self.push_step(1, run, now);
        }
        changed
    }

    /// Records `edits` new text-area edits of kind `run`: they extend the
    /// last step when they continue its run without a pause.
    fn push_step(&mut self, edits: usize, run: Run, now: Timestamp) {
        if edits == 0 {
            return;
        }
        self.undone.clear();
        let continues = match self.last {
            Some((last, at)) if now - at <= PAUSE_MS => matches!(
                (last, run),
                (Run::Word, Run::Word)
                    | (Run::Word | Run::Space, Run::Space)
                    | (Run::Back, Run::Back)
                    | (Run::Forward, Run::Forward)
            ),
            _ => false,
        };
        match self.steps.last_mut() {
            Some(n) if continues => *n += edits,
            _ => {
                self.steps.push(edits);
                if self.steps.len() > MAX_STEPS {
                    self.steps.remove(0);
                }
            }
        }
        self.last = (run != Run::Single).then_some((run, now));
    }

    fn undo(&mut self) -> bool {
        self.last = None;
        let Some(n) = self.steps.pop() else {
            return false;
        };
        let mut done = 0;
        while done < n && self.area.undo() {
            done += 1;
        }
        if done > 0 {
            self.undone.push(done);
        }
        done > 0
    }

    fn redo(&mut self) -> bool {
        self.last = None;
        let Some(n) = self.undone.pop() else {
            return false;
        };
        let mut done = 0;
        while done < n && self.area.redo() {
            done += 1;
        }
        if done > 0 {
            self.steps.push(done);
        }
        done > 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed(e: &mut Editor, s: &str, at: Timestamp) {
        for c in s.chars() {
            e.apply(Edit::Insert(c), at);
        }
    }

    #[test]
    fn masking_keeps_the_cursor_and_leaves_nothing_to_undo() {
        let mut e = Editor::multi_line("");
        typed(&mut e, "kaart 4111 1111 1111 1111\nklaar", 0);
        e.apply(Edit::Up, 10);
        let before = e.position();
        e.show_masked("kaart **** **** **** 1111\nklaar");
        assert_eq!(e.text(), "kaart **** **** **** 1111\nklaar");
        assert_eq!(e.position(), before);
        assert!(!e.apply(Edit::Undo, 20));
        assert!(!e.apply(Edit::Yank, 30));
        assert_eq!(e.text(), "kaart **** **** **** 1111\nklaar");
    }

    #[test]
    fn undo_takes_back_a_word_at_a_time() {
        let mut e = Editor::multi_line("");
        typed(&mut e, "klant wil creditnota", 0);
        assert!(e.apply(Edit::Undo, 10));
        assert_eq!(e.text(), "klant wil ");
        assert!(e.apply(Edit::Undo, 10));
        assert_eq!(e.text(), "klant ");
        assert!(e.apply(Edit::Redo, 10));
        assert_eq!(e.text(), "klant wil ");
        e.apply(Edit::Undo, 10);
        e.apply(Edit::Undo, 10);
        assert_eq!(e.text(), "");
        assert!(!e.apply(Edit::Undo, 10));
    }

    #[test]
    fn a_pause_or_a_cursor_move_starts_a_new_step() {
        let mut e = Editor::multi_line("");
        typed(&mut e, "jaar", 0);
        typed(&mut e, "lijks", 5000);
        e.apply(Edit::Undo, 5000);
        assert_eq!(e.text(), "jaar");
        typed(&mut e, "lijks", 5000);
        e.apply(Edit::Left, 5000);
        typed(&mut e, "x", 5000);
        e.apply(Edit::Undo, 5000);
        assert_eq!(e.text(), "jaarlijks");
    }

    #[test]
    fn backspaces_undo_together_and_fields_stay_one_line() {
        let mut e = Editor::single_line("refund");
        for _ in 0..3 {
            e.apply(Edit::Backspace, 0);
        }
        assert_eq!(e.text(), "ref");
        e.apply(Edit::Undo, 0);
        assert_eq!(e.text(), "refund");
        assert!(!e.apply(Edit::Newline, 0));
        e.paste("a\nb", 0);
        assert_eq!(e.text(), "refunda b");
    }

    #[test]
    fn the_cursor_edits_in_the_middle() {
        let mut e = Editor::single_line("refund");
        e.apply(Edit::Home, 0);
        e.apply(Edit::Right, 0);
        e.apply(Edit::Right, 0);
        typed(&mut e, "X", 0);
        assert_eq!(e.text(), "reXfund");
        assert_eq!(e.position(), (0, 3));
    }
}
