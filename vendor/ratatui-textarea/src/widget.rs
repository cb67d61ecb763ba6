use crate::cursor::ScreenCursor;
use crate::textarea::TextArea;
use crate::util::{char_width, num_digits};
use crate::cursor::DataCursor;
use crate::wrap::{WrapMode, WrappedLine};
#[cfg(feature = "portable-atomic")]
use portable_atomic::{AtomicU64, Ordering};
use ratatui_core::buffer::{Buffer, Cell, CellWidth as _};
use ratatui_core::layout::{Alignment, Rect};
use ratatui_core::style::Style;
use ratatui_core::text::{Line, Span, Text};
use ratatui_core::widgets::Widget;
use ratatui_widgets::paragraph::Paragraph;
use std::cmp;
#[cfg(not(feature = "portable-atomic"))]
use std::sync::atomic::{AtomicU64, Ordering};
use unicode_segmentation::UnicodeSegmentation as _;

// &mut 'a (u16, u16, u16, u16) is not available since `render` method takes immutable reference of TextArea
// instance. In the case, the TextArea instance cannot be accessed from any other objects since it is mutablly
// borrowed.
//
// `ratatui::Frame::render_stateful_widget` would be an assumed way to render a stateful widget. But at this
// point we stick with using `ratatui::Frame::render_widget` because it is simpler API. Users don't need to
// manage states of textarea instances separately.
// https://docs.rs/ratatui/latest/ratatui/terminal/struct.Frame.html#method.render_stateful_widget
#[derive(Default, Debug)]
pub struct Viewport(AtomicU64);

impl Clone for Viewport {
    fn clone(&self) -> Self {
        let u = self.0.load(Ordering::Relaxed);
        Viewport(AtomicU64::new(u))
    }
}

impl Viewport {
    pub fn scroll_top(&self) -> (u16, u16) {
        let u = self.0.load(Ordering::Relaxed);
        ((u >> 16) as u16, u as u16)
    }

    pub fn rect(&self) -> (u16, u16, u16, u16) {
        let u = self.0.load(Ordering::Relaxed);
        let width = (u >> 48) as u16;
        let height = (u >> 32) as u16;
        let row = (u >> 16) as u16;
        let col = u as u16;
        (row, col, width, height)
    }

    pub fn position(&self) -> (u16, u16, u16, u16) {
        let (row_top, col_top, width, height) = self.rect();
        let row_bottom = row_top.saturating_add(height).saturating_sub(1);
        let col_bottom = col_top.saturating_add(width).saturating_sub(1);

        (
            row_top,
            col_top,
            cmp::max(row_top, row_bottom),
            cmp::max(col_top, col_bottom),
        )
    }

    pub(crate) fn store(&self, row: u16, col: u16, width: u16, height: u16) {
        // Pack four u16 values into one u64 value
        let u =
            ((width as u64) << 48) | ((height as u64) << 32) | ((row as u64) << 16) | col as u64;
        self.0.store(u, Ordering::Relaxed);
    }

    pub fn scroll(&mut self, rows: i16, cols: i16) {
        fn apply_scroll(pos: u16, delta: i16) -> u16 {
            if delta >= 0 {
                pos.saturating_add(delta as u16)
            } else {
                pos.saturating_sub(-delta as u16)
            }
        }

        let u = self.0.get_mut();
        let row = apply_scroll((*u >> 16) as u16, rows);
        let col = apply_scroll(*u as u16, cols);
        *u = (*u & 0xffff_ffff_0000_0000) | ((row as u64) << 16) | (col as u64);
    }
}

#[inline]
fn next_scroll_top(prev_top: u16, cursor: u16, len: u16) -> u16 {
    if cursor < prev_top {
        cursor
    } else if prev_top + len <= cursor {
        cursor + 1 - len
    } else {
        prev_top
    }
}

// The graphemes of a span that ratatui draws, with their widths in cells. Ratatui draws no
// control chars, so they take no columns here either.
fn drawn_graphemes<'s>(span: &'s Span<'_>) -> impl Iterator<Item = (&'s str, usize)> {
    span.content
        .graphemes(true)
        .filter(|g| !g.contains(char::is_control))
        .map(|g| (g, g.cell_width().into()))
}

// Cut the columns `left..left + width` out of a line. A wide char cut by either edge
// becomes blank cells in its own style, so the other cells keep their columns and a
// cursor on that char is still drawn.
fn clip_line(line: Line<'_>, left: usize, width: usize) -> Line<'_> {
    // `Line::width` gives no cells to the halfwidth sound marks ﾞ and ﾟ, so count the cells
    // ratatui draws.
    let line_width: usize = line
        .spans
        .iter()
        .flat_map(drawn_graphemes)
        .map(|(_, w)| w)
        .sum();
    if left == 0 && line_width <= width {
        return line;
    }

    let right = left + width;
    let mut col = 0;
    let mut spans = Vec::with_capacity(line.spans.len());
    for span in &line.spans {
        let mut text = String::new();
        for (grapheme, grapheme_width) in drawn_graphemes(span) {
            let start = col;
            col += grapheme_width;
            if left <= start && col <= right {
                text.push_str(grapheme);
            } else if start < right && left < col {
                let cells = cmp::min(col, right) - cmp::max(start, left);
                text.extend(std::iter::repeat_n(' ', cells));
            }
        }
        if !text.is_empty() {
            spans.push(Span::styled(text, span.style));
        }
    }
    Line { spans, ..line }
}

impl<'a> TextArea<'a> {
    /// The visible rows' lines, `None` for a row that `unchanged` says is drawn already, with
    /// the key of each row drawn (when `keyed`).
    fn text_rows(
        &'a self,
        (top_row, height, top_col, width): (usize, usize, u16, u16),
        keyed: bool,
        unchanged: impl Fn(usize, &RowKeyRef<'_>) -> bool,
    ) -> (Vec<Option<Line<'a>>>, Vec<Option<RowKey>>) {
        let lnum_len = num_digits(self.lines().len());
        // The map is as `screen_map_for_view` left it: it holds these rows.
        let bottom_row = cmp::min(top_row + height, self.screen_lines_count_in_map());
        let mut lines = Vec::with_capacity(bottom_row.saturating_sub(top_row));
        let mut keys = Vec::with_capacity(bottom_row.saturating_sub(top_row));
        for (i, row) in (top_row..bottom_row).enumerate() {
            let row = self.screen_line_in_map(row);
            let line = &self.lines()[row.wrapped.row];
            let key = RowKeyRef {
                wrapped: row.wrapped,
                text: &line[row.wrapped.start_byte..row.wrapped.end_byte],
                cursor: {
                    let DataCursor(r, c) = self.cursor();
                    (row.wrapped.row == r).then_some(c)
                },
            };
            if unchanged(i, &key) {
                lines.push(None);
                keys.push(None);
                continue;
            }
            keys.push(keyed.then(|| key.to_owned()));
            let mut spans = self.line_spans_segment(line, &row.wrapped, lnum_len);
            // Scroll here, not with `Paragraph::scroll`, which draws a wide char cut by the left
            // edge whole and drops one cut by the right edge. Like that scroll, only left-aligned
            // text is scrolled. A wrapped row already fits (and is not scrolled): measuring it
            // again would cost a pass over its graphemes.
            if self.alignment() == Alignment::Left
                && (top_col > 0 || self.wrap_mode() == WrapMode::None)
            {
                spans = clip_line(spans, top_col.into(), width.into());
            }
            lines.push(Some(spans));
        }
        (lines, keys)
    }

    /// Everything besides a row's own text, place and cursor that decides its line; `None`
    /// when a selection or a search highlights rows (then every row is built).
    fn row_params(&self, top_col: u16, width: u16) -> Option<RowParams> {
        #[cfg(feature = "search")]
        let searching = self.search_pattern().is_some();
        #[cfg(not(feature = "search"))]
        let searching = false;
        if self.selection_range().is_some() || searching {
            return None;
        }
        Some(RowParams {
            // (The selection style does not count: no row is selected.)
            styles: [self.cursor_style, self.cursor_line_style(), self.style()],
            line_number_style: self.line_number_style(),
            tab_len: self.tab_length(),
            mask: self.mask_char(),
            lnum_len: num_digits(self.lines().len()),
            top_col,
            width,
            alignment: self.alignment(),
            wrap_mode: self.wrap_mode(),
        })
    }

    fn scroll_top_col(&self, screen: ScreenCursor, prev_top: u16, width: u16) -> u16 {
        let mut cursor = screen.col as u16;
        // Adjust the cursor position due to the width of line number.
        if self.line_number_style().is_some() {
            let lnum = self.line_number_width();
            if cursor <= lnum {
                cursor *= 2; // Smoothly slide the line number into the screen on scrolling left
            } else {
                cursor += lnum; // The cursor position is shifted by the line number part
            };
        }
        // Scrolling right brings the whole char under the cursor into view, not just its
        // first column. A char wider than the viewport keeps its first column in view.
        // A masked line draws the mask char, so that is the char whose width counts.
        let glyph = screen.char.map(|c| self.mask_char().unwrap_or(c));
        let glyph_width = glyph.map_or(1, char_width).max(1) as u16;
        let right = cursor + glyph_width - 1;
        next_scroll_top(next_scroll_top(prev_top, right, width), cursor, width)
    }
}

impl TextArea<'_> {
    /// Renders like [`Widget::render`] into a buffer that holds exactly what the last render
    /// of this text area drew in `area`, nothing drawn over it since (the last frame, kept):
    /// only the rows whose line changed are drawn again, the others are left as they are.
    /// (callcoach; not for upstream.)
    /// Returns the rows it drew (all others are as they were).
    #[doc(hidden)]
    pub fn render_over_last(&self, area: Rect, buf: &mut Buffer) -> Vec<Rect> {
        self.drawn.borrow_mut().over_last = true;
        Widget::render(self, area, buf);
        let mut drawn = self.drawn.borrow_mut();
        drawn.over_last = false;
        std::mem::take(&mut drawn.redrawn)
    }
}

impl Widget for &TextArea<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let inner_area = if let Some(b) = self.block() {
            b.inner(area)
        } else {
            area
        };
        let Rect { width, height, .. } = inner_area;

        // Only the width changes the wrapping. Lines left out of the map are laid out at the old
        // width first, so the scroll position moves to the whole map's numbering.
        if self.area.get().width != inner_area.width {
            self.screen_map_complete();
            self.screen_map_stale.set(true);
        }
        self.area.set(inner_area);

        let (prev_top_row, prev_top_col) = self.viewport.scroll_top();
        let (text, top_row, top_col) = if self.is_empty() && !self.placeholder.lines.is_empty() {
            let mut placeholder = self.placeholder.clone();
            let cursor = Span::styled(" ", self.cursor_style);
            if let Some(first_line) = placeholder.lines.first_mut() {
                first_line.spans.insert(0, cursor);
            } else {
                placeholder.lines.push(Line::from(vec![cursor]));
            }
            let rows = placeholder.lines.into_iter().map(Some).collect();
            self.drawn.borrow_mut().params = None;
            ((rows, Vec::new(), placeholder.style), 0u16, 0u16)
        } else {
            let (cursor, top_row) = self.screen_map_for_view(prev_top_row, height);
            let top_row = u16::try_from(top_row).unwrap_or(u16::MAX);
            let top_col = if self.wrap_mode() == WrapMode::None {
                self.scroll_top_col(cursor, prev_top_col, width)
            } else {
                0
            };
            // Drawn over the last render with the same settings, a row with the same text,
            // place and cursor is left alone without even building its line.
            let params = self.row_params(top_col, width);
            let drawn = self.drawn.replace(DrawnRows::default());
            let reuse = drawn.over_last
                && params.is_some()
                && drawn.params == params
                && drawn.area == inner_area.intersection(buf.area);
            let (rows, keys) = self.text_rows(
                (top_row as _, height as _, top_col, width),
                params.is_some(),
                |i, key| reuse && drawn.rows.get(i).and_then(|r| r.key.as_ref()).is_some_and(|k| k.is(key)),
            );
            let mut drawn = drawn;
            drawn.params = params;
            self.drawn.replace(drawn);
            ((rows, keys, self.style()), top_row, top_col)
        };

        // To get fine control over the text color and the surrrounding block they have to be rendered separately
        // see https://github.com/ratatui/ratatui/issues/144
        let mut text_area = area;
        if let Some(b) = self.block() {
            text_area = b.inner(area);
            b.render(area, buf)
        }

        // Store scroll top position for rendering on the next tick
        self.viewport.store(top_row, top_col, width, height);

        let (rows, keys, style) = text;
        self.drawn
            .borrow_mut()
            .render(rows, keys, style, self.alignment(), text_area, buf);
    }
}

/// The rows drawn by the last render: each row's line, the cells under it before and after it
/// was drawn. Without wrapping a paragraph draws each line on its own row, independently of
/// the others, so a row whose line and cells before are those of the last render is drawn by
/// copying the cells after: a keystroke draws one row instead of the whole text area.
#[derive(Clone, Debug, Default)]
pub struct DrawnRows {
    /// Set by [`TextArea::render_over_last`] for one render.
    over_last: bool,
    /// The settings the rows' keys were built with.
    params: Option<RowParams>,
    /// The rows that render drew.
    redrawn: Vec<Rect>,
    area: Rect,
    alignment: Alignment,
    style: Style,
    rows: Vec<DrawnRow>,
}

#[derive(Clone, Debug)]
struct DrawnRow {
    line: Line<'static>,
    /// What the line was built from (see [`RowParams`]).
    key: Option<RowKey>,
    before: Vec<Cell>,
    after: Vec<Cell>,
}

/// What a row's line is built from besides the settings in [`RowParams`].
#[derive(Clone, Debug, PartialEq)]
struct RowKey {
    wrapped: WrappedLine,
    text: String,
    /// The cursor's column when it is on the row's line.
    cursor: Option<usize>,
}

/// [`RowKey`], borrowed.
struct RowKeyRef<'t> {
    wrapped: WrappedLine,
    text: &'t str,
    cursor: Option<usize>,
}

impl RowKeyRef<'_> {
    fn to_owned(&self) -> RowKey {
        RowKey {
            wrapped: self.wrapped,
            text: self.text.to_owned(),
            cursor: self.cursor,
        }
    }
}

impl RowKey {
    fn is(&self, key: &RowKeyRef<'_>) -> bool {
        self.wrapped == key.wrapped && self.text == key.text && self.cursor == key.cursor
    }
}

/// The settings that decide every row's line besides its [`RowKey`].
#[derive(Clone, Debug, PartialEq)]
struct RowParams {
    styles: [Style; 3],
    line_number_style: Option<Style>,
    tab_len: u8,
    mask: Option<char>,
    lnum_len: u8,
    top_col: u16,
    width: u16,
    alignment: Alignment,
    wrap_mode: WrapMode,
}

impl DrawnRows {
    /// Draws `rows` into `area` exactly as `Paragraph::new(Text::from(rows).style(style))
    /// .alignment(alignment)` does; a `None` row is drawn already (over the last render).
    fn render(
        &mut self,
        rows: Vec<Option<Line<'_>>>,
        keys: Vec<Option<RowKey>>,
        style: Style,
        alignment: Alignment,
        area: Rect,
        buf: &mut Buffer,
    ) {
        let area = area.intersection(buf.area);
        if self.area != area || self.alignment != alignment || self.style != style {
            // Rows drawn another way (e.g. the placeholder's style) are put back first.
            if self.area == area && self.over_last {
                self.put_back_from(0, buf);
            }
            self.rows.clear();
            self.area = area;
            self.alignment = alignment;
            self.style = style;
        }
        if area.is_empty() {
            return;
        }
        let lines = rows.into_iter().take(usize::from(area.height));
        let mut keys = keys.into_iter();
        let mut count = 0;
        for (i, line) in lines.enumerate() {
            count = i + 1;
            let key = keys.next().flatten();
            let Some(line) = line else {
                if self.over_last && i < self.rows.len() {
                    continue;
                }
                // Not drawn before after all: nothing to keep (never happens).
                self.params = None;
                continue;
            };
            let row = Rect {
                y: area.y + i as u16,
                height: 1,
                ..area
            };
            let start = buf.index_of(row.x, row.y);
            let cells = start..start + usize::from(row.width);
            if let (Some(r), Some(now)) = (self.rows.get(i), buf.content.get_mut(cells.clone())) {
                if self.over_last {
                    // The buffer shows this row as last drawn: done if the line is the same,
                    // else put back what was under it and draw the new line there.
                    if r.line == line {
                        if let Some(r) = self.rows.get_mut(i) {
                            r.key = key;
                        }
                        continue;
                    }
                    now.clone_from_slice(&r.before);
                } else if r.line == line && *now == *r.before {
                    now.clone_from_slice(&r.after);
                    if let Some(r) = self.rows.get_mut(i) {
                        r.key = key;
                    }
                    continue;
                }
            }
            if self.over_last {
                self.redrawn.push(row);
            }
            let before = buf.content.get(cells.clone()).unwrap_or_default().to_vec();
            let owned = owned_line(&line);
            Paragraph::new(Text::from(line).style(style))
                .alignment(alignment)
                .render(row, buf);
            let after = buf.content.get(cells).unwrap_or_default().to_vec();
            let drawn = DrawnRow {
                line: owned,
                key,
                before,
                after,
            };
            match self.rows.get_mut(i) {
                Some(r) => *r = drawn,
                None => self.rows.push(drawn),
            }
        }
        if self.over_last {
            self.put_back_from(count, buf);
        }
        self.rows.truncate(count);
    }

    /// Puts back what was under the rows from `first` on, which the buffer shows as last
    /// drawn (rows drawn last time below the text now), and forgets them.
    fn put_back_from(&mut self, first: usize, buf: &mut Buffer) {
        let area = self.area;
        for (i, r) in self.rows.iter().enumerate().skip(first) {
            let y = area.y + i as u16;
            if y >= area.bottom() {
                break;
            }
            let start = buf.index_of(area.x, y);
            if let Some(now) = buf.content.get_mut(start..start + usize::from(area.width)) {
                now.clone_from_slice(&r.before);
                self.redrawn.push(Rect {
                    y,
                    height: 1,
                    ..area
                });
            }
        }
        self.rows.truncate(first);
    }
}

fn owned_line(line: &Line<'_>) -> Line<'static> {
    Line {
        spans: line
            .spans
            .iter()
            .map(|s| Span::styled(s.content.clone().into_owned(), s.style))
            .collect(),
        style: line.style,
        alignment: line.alignment,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn viewport_store_and_load() {
        let vp = Viewport::default();
        vp.store(3, 7, 80, 24);
        assert_eq!(vp.scroll_top(), (3, 7));
        let (row, col, width, height) = vp.rect();
        assert_eq!((row, col, width, height), (3, 7, 80, 24));
    }

    #[test]
    fn viewport_clone() {
        let vp = Viewport::default();
        vp.store(5, 2, 40, 10);
        let vp2 = vp.clone();
        assert_eq!(vp2.scroll_top(), (5, 2));
    }
}
