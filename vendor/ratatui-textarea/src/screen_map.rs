use crate::cursor::{DataCursor, ScreenCursor};
use crate::textarea::TextArea;
use crate::util::{char_width, num_digits};
use crate::wrap::{WrapMode, WrappedLine, effective_wrap_width, wrapped_rows};
use std::ops::Range;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct ScreenLine {
    pub wrapped: WrappedLine,
    pub screen_width: usize,
    pub cursor_max_col: usize,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct DataLine {
    pub first_screen_line: usize,
    pub screen_line_count: usize,
    pub pure_ascii: bool,
}

fn is_pure_ascii(line: &str) -> bool {
    line.is_ascii() && !line.contains('\t')
}

fn char_display_width(c: char, col: usize, tab_len: u8, mask: Option<char>) -> usize {
    // A masked line is drawn as one mask character per char, so each char is as wide as the mask.
    if let Some(mask) = mask {
        char_width(mask)
    } else if c == '\t' {
        let tab = tab_len.max(1) as usize;
        let pad = tab - (col % tab);
        pad.max(1)
    } else {
        char_width(c)
    }
}

fn display_width(text: &str, tab_len: u8, mask: Option<char>) -> usize {
    if mask.is_none() && text.bytes().all(|b| (b' '..=b'~').contains(&b)) {
        // Printable ASCII: one cell per byte.
        return text.len();
    }
    let mut col = 0usize;
    for c in text.chars() {
        col += char_display_width(c, col, tab_len, mask);
    }
    col
}

fn screen_col_for_char_offset(
    text: &str,
    char_offset: usize,
    tab_len: u8,
    mask: Option<char>,
) -> usize {
    let mut col = 0usize;
    for c in text.chars().take(char_offset) {
        col += char_display_width(c, col, tab_len, mask);
    }
    col
}

fn char_offset_for_screen_col(
    text: &str,
    screen_col: usize,
    tab_len: u8,
    mask: Option<char>,
) -> usize {
    let mut col = 0usize;
    let mut chars = 0usize;
    for c in text.chars() {
        if col >= screen_col {
            break;
        }
        let width = char_display_width(c, col, tab_len, mask);
        if col + width > screen_col {
            break;
        }
        col += width;
        chars += 1;
    }
    chars
}

impl TextArea<'_> {
    fn fallback_rows(&self, rows: Range<usize>) -> Vec<WrappedLine> {
        self.lines[rows.clone()]
            .iter()
            .zip(rows)
            .map(|(line, row)| WrappedLine {
                row,
                start_byte: 0,
                end_byte: line.len(),
                start_col: 0,
                end_col: line.chars().count(),
                first_in_row: true,
                last_in_row: true,
            })
            .collect()
    }

    /// The width the lines are wrapped at when the text has `line_count` lines, or `None` when
    /// they are not wrapped.
    pub(crate) fn wrap_width(&self, line_count: usize) -> Option<usize> {
        if self.wrap_mode() == WrapMode::None {
            return None;
        }
        let width = self.area.get().width;
        if width == 0 {
            return None;
        }
        let line_number_len = self.line_number_style().map(|_| num_digits(line_count));
        Some(effective_wrap_width(width, line_number_len))
    }

    /// Lay out the data lines `rows` alone: their screen lines, the first of which is screen line
    /// `first_screen_line`, and their data pointers.
    pub(crate) fn screen_map_rows(
        &self,
        rows: Range<usize>,
        wrap_width: Option<usize>,
        first_screen_line: usize,
    ) -> (Vec<ScreenLine>, Vec<DataLine>) {
        let wrapped_lines = match wrap_width {
            Some(width) => wrapped_rows(
                &self.lines[rows.clone()],
                rows.start,
                self.wrap_mode(),
                width,
                self.tab_length(),
                self.mask_char(),
            ),
            None => self.fallback_rows(rows.clone()),
        };

        let mut screen_lines = Vec::with_capacity(wrapped_lines.len());
        let mut data_pointers = vec![DataLine::default(); rows.len()];

        for (i, wrapped) in wrapped_lines.into_iter().enumerate() {
            let data_line = &mut data_pointers[wrapped.row - rows.start];
            if data_line.screen_line_count == 0 {
                data_line.first_screen_line = first_screen_line + i;
                data_line.pure_ascii = is_pure_ascii(&self.lines[wrapped.row]);
            }
            data_line.screen_line_count += 1;

            let fragment = &self.lines[wrapped.row][wrapped.start_byte..wrapped.end_byte];
            let char_count = wrapped.end_col.saturating_sub(wrapped.start_col);
            let screen_width = display_width(fragment, self.tab_length(), self.mask_char());
            let cursor_max_col = if wrapped.last_in_row {
                screen_width
            } else {
                screen_col_for_char_offset(
                    fragment,
                    char_count.saturating_sub(1),
                    self.tab_length(),
                    self.mask_char(),
                )
            };
            screen_lines.push(ScreenLine {
                wrapped,
                screen_width,
                cursor_max_col,
            });
        }

        (screen_lines, data_pointers)
    }

    pub(crate) fn screen_map_load(&self) {
        let wrap_width = self.wrap_width(self.lines.len());
        let (screen_lines, data_pointers) =
            self.screen_map_rows(0..self.lines.len(), wrap_width, 0);
        *self.screen_lines.borrow_mut() = screen_lines;
        *self.data_pointers.borrow_mut() = data_pointers;
        self.screen_map_stale.set(false);
        self.screen_map_lazy.set(0);
    }

    /// Build the screen map if it is out of date. The map is built when it is first read, not
    /// when the text, the wrap mode or the width is set: a text set before the widget is drawn
    /// (and so before its width is known) is laid out once, at the width it is drawn at.
    ///
    /// Also lays out the lines a drawing left out (see [`TextArea::screen_map_for_view`]): every
    /// reader but the widget sees the map of the whole text.
    pub(crate) fn screen_map_fresh(&self) {
        if self.screen_map_stale.get() {
            self.screen_map_load();
        } else {
            self.screen_map_complete();
        }
    }

    /// Update the screen map after an edit replaced the `old` data lines from `row` by the `new`
    /// lines now there. Only those lines are wrapped again; the screen lines and data pointers
    /// after them are shifted. Falls back to [`TextArea::screen_map_load`] when the change does
    /// not fit the map or moves the wrap width (the width of the line numbers can change).
    pub(crate) fn screen_map_splice(&self, row: usize, old: usize, new: usize) {
        if self.screen_map_stale.get() {
            // Built afresh when it is next read.
            return;
        }
        // The map may leave out the first `lazy` lines (see `screen_map_for_view`); an edit
        // never reaches them (`screen_map_keep_lazy`), so the rest is spliced as it is.
        let lazy = self.screen_map_lazy.get();
        debug_assert!(row >= lazy, "edit at row {row} inside the {lazy} lines not laid out");
        let old_len = self.data_pointers.borrow().len();
        let old_lines = lazy + old_len;
        let fits = old > 0
            && row >= lazy
            && row + old <= old_lines
            && row + new <= self.lines.len()
            && old_lines - old + new == self.lines.len();
        debug_assert!(
            fits,
            "edit of {old} lines into {new} at row {row} does not fit"
        );
        let wrap_width = self.wrap_width(self.lines.len());
        let old_wrap_width = self.wrap_width(old_lines);
        if !fits || wrap_width != old_wrap_width {
            // The lines left out are as they were: lay them out at the old width first, so the
            // viewport keeps its place.
            self.screen_map_complete_at(old_wrap_width);
            self.screen_map_load();
            return;
        }
        let row_in_map = row - lazy;

        let (first_screen_line, old_screen_end) = {
            let data_pointers = self.data_pointers.borrow();
            let last = &data_pointers[row_in_map + old - 1];
            (
                data_pointers[row_in_map].first_screen_line,
                last.first_screen_line + last.screen_line_count,
            )
        };
        let (new_screen_lines, new_data_pointers) =
            self.screen_map_rows(row..row + new, wrap_width, first_screen_line);
        let new_screen_end = first_screen_line + new_screen_lines.len();

        let mut screen_lines = self.screen_lines.borrow_mut();
        screen_lines.splice(first_screen_line..old_screen_end, new_screen_lines);
        if new != old {
            for line in &mut screen_lines[new_screen_end..] {
                line.wrapped.row = line.wrapped.row + new - old;
            }
        }

        let mut data_pointers = self.data_pointers.borrow_mut();
        data_pointers.splice(row_in_map..row_in_map + old, new_data_pointers);
        if new_screen_end != old_screen_end {
            for data_line in &mut data_pointers[row_in_map + new..] {
                data_line.first_screen_line =
                    data_line.first_screen_line + new_screen_end - old_screen_end;
            }
        }
    }

    /// Check the screen map against one built afresh from the whole text. Returns a description
    /// of the first difference. For tests of the incremental update.
    #[doc(hidden)]
    pub fn debug_check_screen_map(&self) -> Result<(), String> {
        if self.screen_map_stale.get() {
            // Nothing to compare: it is built afresh when it is next read.
            return Ok(());
        }
        let wrap_width = self.wrap_width(self.lines.len());
        // A map that leaves out the first lines holds the rows of the others, from 0.
        let lazy = self.screen_map_lazy.get();
        if lazy >= self.lines.len() {
            return Err(format!(
                "{lazy} of {} lines left out of the map",
                self.lines.len()
            ));
        }
        let (screen_lines, data_pointers) =
            self.screen_map_rows(lazy..self.lines.len(), wrap_width, 0);
        let have_screen = self.screen_lines.borrow();
        let have_data = self.data_pointers.borrow();
        if let Some(i) = (0..screen_lines.len().max(have_screen.len()))
            .find(|&i| screen_lines.get(i) != have_screen.get(i))
        {
            return Err(format!(
                "screen line {i} of {}: {:?}, a full rebuild has {:?} of {}",
                have_screen.len(),
                have_screen.get(i),
                screen_lines.get(i),
                screen_lines.len(),
            ));
        }
        if let Some(i) = (0..data_pointers.len().max(have_data.len()))
            .find(|&i| data_pointers.get(i) != have_data.get(i))
        {
            return Err(format!(
                "data line {i} of {}: {:?}, a full rebuild has {:?} of {}",
                have_data.len(),
                have_data.get(i),
                data_pointers.get(i),
                data_pointers.len(),
            ));
        }
        Ok(())
    }

    pub(crate) fn screen_lines_count(&self) -> usize {
        self.screen_map_fresh();
        self.screen_lines.borrow().len()
    }

    pub(crate) fn screen_line_width(&self, row: usize) -> usize {
        self.screen_map_fresh();
        self.screen_lines.borrow()[row].screen_width
    }

    pub(crate) fn screen_line_max_cursor_col(&self, row: usize) -> usize {
        self.screen_map_fresh();
        self.screen_lines.borrow()[row].cursor_max_col
    }

    pub(crate) fn screen_line(&self, row: usize) -> ScreenLine {
        self.screen_map_fresh();
        self.screen_lines.borrow()[row]
    }

    pub(crate) fn screen_to_array(&self, screen: ScreenCursor) -> DataCursor {
        if let Some(dc) = screen.dc {
            return dc;
        }

        let line = self.screen_line(screen.row);
        let fragment =
            &self.lines[line.wrapped.row][line.wrapped.start_byte..line.wrapped.end_byte];
        let char_offset =
            char_offset_for_screen_col(fragment, screen.col, self.tab_length(), self.mask_char());
        DataCursor(line.wrapped.row, line.wrapped.start_col + char_offset)
    }

    pub(crate) fn array_to_screen(&self, array: DataCursor) -> ScreenCursor {
        self.screen_map_fresh();
        self.array_to_screen_in_map(array)
    }

    /// [`TextArea::array_to_screen`] on the map as it is: with the first lines left out of it
    /// (see [`TextArea::screen_map_for_view`]), rows count each of them as one row. `array` must
    /// be on a line of the map.
    pub(crate) fn array_to_screen_in_map(&self, array: DataCursor) -> ScreenCursor {
        let lazy = self.screen_map_lazy.get();
        let data_line = &self.data_pointers.borrow()[array.0 - lazy];
        let screen_lines = self.screen_lines.borrow();

        let mut screen_idx = data_line.first_screen_line;
        for idx in
            data_line.first_screen_line..data_line.first_screen_line + data_line.screen_line_count
        {
            let line = screen_lines[idx];
            let contains = if line.wrapped.last_in_row {
                line.wrapped.start_col <= array.1 && array.1 <= line.wrapped.end_col
            } else {
                line.wrapped.start_col <= array.1 && array.1 < line.wrapped.end_col
            };
            if contains {
                screen_idx = idx;
                break;
            }
        }

        let line = screen_lines[screen_idx];
        let fragment = &self.lines[array.0][line.wrapped.start_byte..line.wrapped.end_byte];
        let char_offset = array.1.saturating_sub(line.wrapped.start_col);
        let col =
            screen_col_for_char_offset(fragment, char_offset, self.tab_length(), self.mask_char());

        ScreenCursor {
            row: lazy + screen_idx,
            col,
            char: self.lines[array.0].chars().nth(array.1),
            dc: Some(array),
        }
    }

    pub(crate) fn data_cursor(&self, screen: ScreenCursor) -> DataCursor {
        screen.to_array_cursor(self)
    }

    pub(crate) fn increment_screen_cursor(&self, screen: ScreenCursor) -> ScreenCursor {
        let dc = self.data_cursor(screen);
        self.array_to_screen(DataCursor(dc.0, dc.1 + 1))
    }

    pub(crate) fn decrement_screen_cursor(&self, screen: ScreenCursor) -> ScreenCursor {
        let dc = self.data_cursor(screen);
        self.array_to_screen(DataCursor(dc.0, dc.1 - 1))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui_core::layout::Rect;

    fn make_textarea(lines: &[&str], wrap_mode: WrapMode, width: u16) -> TextArea<'static> {
        let mut textarea = TextArea::from(lines.iter().copied());
        textarea.set_wrap_mode(wrap_mode);
        textarea.area.set(Rect {
            x: 0,
            y: 0,
            width,
            height: 40,
        });
        textarea.screen_map_load();
        textarea
    }

    fn assert_round_trips(textarea: &TextArea<'_>) {
        for (row, line) in textarea.lines.iter().enumerate() {
            for col in 0..=line.chars().count() {
                let dc = DataCursor(row, col);
                let sc = textarea.array_to_screen(dc);
                assert_eq!(textarea.screen_to_array(sc), dc);

                let detached = ScreenCursor { dc: None, ..sc };
                assert_eq!(textarea.screen_to_array(detached), dc);
                assert_eq!(
                    textarea.array_to_screen(textarea.screen_to_array(detached)),
                    sc
                );
            }
        }
    }

    #[test]
    fn incremental_screen_map_equals_full_rebuild() {
        use crate::cursor::CursorMove;
        use ratatui_core::style::Style;

        let mut seed = 0x2545_f491_4f6c_dd1d_u64;
        let mut next = move |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n as u64) as usize
        };
        let modes = [
            WrapMode::None,
            WrapMode::Word,
            WrapMode::Glyph,
            WrapMode::WordOrGlyph,
        ];
        for (mode, line_numbers) in modes.into_iter().flat_map(|m| [(m, false), (m, true)]) {
            let mut textarea = make_textarea(
                &["Lorem ipsum dolor sit amet,", "", "犬猫 e\u{301} tab\there"],
                mode,
                12,
            );
            if line_numbers {
                textarea.set_line_number_style(Style::default());
            }
            for step in 0..3000 {
                match next(12) {
                    0 => textarea.insert_char([' ', 'a', '犬', '\t', '-'][next(5)]),
                    1 => textarea.insert_newline(),
                    2 => _ = textarea.insert_str(["one two\nthree 四五六\n", "xyz"][next(2)]),
                    3 => _ = textarea.delete_char(),
                    4 => _ = textarea.delete_next_char(),
                    5 => _ = textarea.delete_word(),
                    6 => _ = textarea.delete_line_by_end(),
                    7 => _ = textarea.undo(),
                    8 => _ = textarea.redo(),
                    9 => {
                        textarea.start_selection();
                        textarea.move_cursor([CursorMove::Down, CursorMove::Up][next(2)]);
                        textarea.cut();
                    }
                    10 => _ = textarea.paste(),
                    _ => {
                        let row = next(textarea.lines.len() + 1) as u16;
                        textarea.move_cursor(CursorMove::Jump(row, next(30) as u16));
                    }
                }
                if let Err(e) = textarea.debug_check_screen_map() {
                    panic!("{mode:?}, step {step}: {e}");
                }
            }
        }
    }

    #[test]
    fn screen_map_round_trips_ascii_word_wrap() {
        let textarea = make_textarea(
            &[
                "Lorem ipsum dolor sit amet, consectetur adipiscing elit.",
                "Sed do eiusmod tempor incididunt ut labore et dolore magna aliqua.",
            ],
            WrapMode::Word,
            24,
        );

        assert!(textarea.screen_lines_count() > textarea.lines.len());
        assert_round_trips(&textarea);
    }

    #[test]
    fn screen_map_round_trips_cjk_glyph_wrap() {
        let textarea = make_textarea(
            &["混合中文字符和ASCIIabc来验证屏幕坐标与数据坐标的往返转换。"],
            WrapMode::Glyph,
            12,
        );

        assert!(textarea.screen_lines_count() > textarea.lines.len());
        assert_round_trips(&textarea);
    }

    #[test]
    fn screen_map_round_trips_multilingual_word_or_glyph_wrap() {
        let textarea = make_textarea(
            &[
                "ASCII and русский текст can share one buffer.",
                "第二行 mixed-width 内容 with English words.",
            ],
            WrapMode::WordOrGlyph,
            18,
        );

        assert!(textarea.screen_lines_count() > textarea.lines.len());
        assert_round_trips(&textarea);
    }
}
