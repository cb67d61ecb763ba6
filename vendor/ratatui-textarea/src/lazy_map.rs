//! Drawing a long text without laying out all of it first.
//!
//! The screen map numbers screen rows from the top of the text, so drawing the end of a long
//! text (where an editor usually opens it) needs the rows of every line before it: a text of a
//! megabyte is word-wrapped whole before its first frame. The widget instead lays out the lines
//! from the end of the text back to the cursor and a viewport's height above it, and leaves the
//! first `lazy` lines out of the map. Each of those counts as one row while it is left out; the
//! rows drawn and the viewport's scroll position are in that numbering, which differs from the
//! full map's by the same amount everywhere, so the drawing is the same.
//!
//! Everything else sees the whole map: any other reader lays out the lines left out first
//! ([`TextArea::screen_map_complete`]) and moves the stored scroll position to the full map's
//! numbering. An edit never reaches the lines left out (the cursor and the selection stay below
//! them, see [`TextArea::screen_map_keep_lazy`]), so typing at the end of a long text never lays
//! out the rest.

use crate::cursor::ScreenCursor;
use crate::screen_map::{DataLine, ScreenLine};
use crate::textarea::TextArea;
use crate::wrap::WrapMode;

fn next_scroll_top(prev_top: usize, cursor: usize, len: usize) -> usize {
    if cursor < prev_top {
        cursor
    } else if prev_top + len <= cursor {
        cursor + 1 - len
    } else {
        prev_top
    }
}

impl TextArea<'_> {
    /// Lay out the lines left out of the map, if any, at the current wrap width.
    pub(crate) fn screen_map_complete(&self) {
        self.screen_map_complete_at(self.wrap_width(self.lines.len()));
    }

    /// Lay out the lines left out of the map at `wrap_width` (the width they would have had),
    /// and move the viewport's scroll position from counting them as one row each to their rows.
    pub(crate) fn screen_map_complete_at(&self, wrap_width: Option<usize>) {
        let lazy = self.screen_map_lazy.get();
        if lazy == 0 {
            return;
        }
        let (mut screen_lines, mut data_pointers) = self.screen_map_rows(0..lazy, wrap_width, 0);
        let rows = screen_lines.len();
        {
            let mut have = self.screen_lines.borrow_mut();
            screen_lines.append(&mut have);
            *have = screen_lines;
            let mut have = self.data_pointers.borrow_mut();
            for data_line in have.iter_mut() {
                data_line.first_screen_line += rows;
            }
            data_pointers.append(&mut have);
            *have = data_pointers;
        }
        self.screen_map_lazy.set(0);
        let (top_row, top_col, width, height) = self.viewport.rect();
        let top_row = (usize::from(top_row) + rows).saturating_sub(lazy);
        self.viewport.store(
            u16::try_from(top_row).unwrap_or(u16::MAX),
            top_col,
            width,
            height,
        );
    }

    /// Keep the lines left out of the map out of reach of edits: lay them out when the cursor or
    /// the selection's start comes onto the last of them or above (joining a line with the one
    /// above it edits that one too). Called after the cursor or the selection moved.
    pub(crate) fn screen_map_keep_lazy(&self) {
        let lazy = self.screen_map_lazy.get();
        if lazy == 0 {
            return;
        }
        let cursor = self.cursor();
        let selection = self.selection_start;
        if cursor.0 <= lazy || selection.is_some_and(|s| s.0 <= lazy) {
            self.screen_map_complete();
        }
    }

    /// The map for drawing `height` rows whose previous top row was `prev_top`: returns the
    /// cursor on the screen and the top row to draw, in the map's numbering. Builds an out of
    /// date map from the end of the text back, as far as the drawing needs, when that gives the
    /// same drawing as the whole map (see the module documentation).
    pub(crate) fn screen_map_for_view(&self, prev_top: u16, height: u16) -> (ScreenCursor, usize) {
        let height = usize::from(height);
        if self.screen_map_stale.get() {
            if prev_top == 0
                && height > 0
                && self.lazy_layout
                && self.wrap_mode() != WrapMode::None
            {
                self.screen_map_load_from_end(height);
            } else {
                self.screen_map_load();
            }
        }
        if self.screen_map_lazy.get() > 0 {
            let cursor = self.array_to_screen_in_map(self.cursor());
            let top = next_scroll_top(usize::from(prev_top), cursor.row, height);
            if top > self.screen_map_lazy.get() {
                return (cursor, top);
            }
            self.screen_map_complete();
        }
        let cursor = self.array_to_screen_in_map(self.cursor());
        let top = next_scroll_top(usize::from(prev_top), cursor.row, height);
        (cursor, top)
    }

    /// Lay out the lines from the end of the text back until the cursor's line (and the
    /// selection's start) are below the first line laid out and at least `height` rows are above
    /// the cursor's line: then a drawing with the viewport at the top row so far shows the
    /// cursor's row at the bottom, whatever the rows of the lines left out. Lines before are left
    /// out of the map.
    fn screen_map_load_from_end(&self, height: usize) {
        let wrap_width = self.wrap_width(self.lines.len());
        let cursor = self.cursor().0;
        let selection = self.selection_start.map_or(cursor, |s| s.0);
        let lowest = cursor.min(selection);
        let mut chunks: Vec<(Vec<ScreenLine>, Vec<DataLine>)> = Vec::new();
        let mut start = self.lines.len();
        let mut rows_from_cursor_line = 0usize;
        while start > 0 {
            // A viewport's height of lines at a time: each is at least one row.
            let from = start.saturating_sub(height);
            let (screen_lines, data_pointers) = self.screen_map_rows(from..start, wrap_width, 0);
            // Rows of the lines in this chunk above the cursor's line.
            rows_from_cursor_line += data_pointers
                .iter()
                .enumerate()
                .filter(|(i, _)| from + i < cursor)
                .map(|(_, d)| d.screen_line_count)
                .sum::<usize>();
            chunks.push((screen_lines, data_pointers));
            start = from;
            if start < lowest && rows_from_cursor_line >= height {
                break;
            }
        }
        let mut screen_lines = Vec::new();
        let mut data_pointers = Vec::new();
        for (rows, mut pointers) in chunks.into_iter().rev() {
            for data_line in &mut pointers {
                data_line.first_screen_line += screen_lines.len();
            }
            screen_lines.extend(rows);
            data_pointers.extend(pointers);
        }
        *self.screen_lines.borrow_mut() = screen_lines;
        *self.data_pointers.borrow_mut() = data_pointers;
        self.screen_map_stale.set(false);
        self.screen_map_lazy.set(start);
    }

    /// The screen line at `row` of the map's numbering, which must be laid out (for drawing).
    pub(crate) fn screen_line_in_map(&self, row: usize) -> ScreenLine {
        self.screen_lines.borrow()[row - self.screen_map_lazy.get()]
    }

    /// How many lines at the start of the text the screen map leaves out (for tests).
    #[doc(hidden)]
    pub fn debug_lines_left_out(&self) -> usize {
        self.screen_map_lazy.get()
    }

    /// Turn the lazy layout of a drawing off (`false`: every drawing lays out the whole text, as
    /// the crate did before), for tests that compare the two.
    #[doc(hidden)]
    pub fn debug_set_lazy_layout(&mut self, on: bool) {
        self.screen_map_complete();
        self.lazy_layout = on;
    }

    /// Screen rows in the map's numbering (for drawing).
    pub(crate) fn screen_lines_count_in_map(&self) -> usize {
        self.screen_map_lazy.get() + self.screen_lines.borrow().len()
    }
}
