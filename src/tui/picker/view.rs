//! Drawing the scenario picker: a pure function of its state.

use super::keys;
use super::state::Picker;
use crate::i18n::PracticeWords;
use crate::text::sanitize_line;
use crate::tui::widgets::truncate;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Widget};
use unicode_width::UnicodeWidthStr;

impl Picker {
    /// Draws the list.
    pub fn render(&self, area: Rect, buf: &mut Buffer) {
        let t = &self.theme;
        let w = PracticeWords::for_language(self.lang);
        let title = w.pick_title;
        let footer = format!("{}   ({})", keys::footer(self.lang), w.pick_broken);
        let [list, foot] =
            Layout::vertical([Constraint::Min(3), Constraint::Length(1)]).areas(area);
        let idw = self
            .entries
            .iter()
            .map(|e| e.id.chars().count())
            .max()
            .unwrap_or(0)
            .min(28);
        // Room inside the border: a title that does not fit ends in `…`,
        // and the place is shown only when it fits whole (never cut).
        let room = usize::from(list.width.saturating_sub(2));
        let lines: Vec<Line> = self
            .entries
            .iter()
            .enumerate()
            .map(|(i, e)| {
                let key = if i < 9 {
                    format!("{} ", i + 1)
                } else {
                    "  ".into()
                };
                let mark = if e.ok { " " } else { "✗" };
                let style = if i == self.selected {
                    t.current
                } else if e.ok {
                    ratatui::style::Style::default()
                } else {
                    t.dim
                };
                let pointer = if i == self.selected { "▶ " } else { "  " };
                let head = format!(
                    " {:<idw$}  {}  ",
                    sanitize_line(&e.id),
                    sanitize_line(&e.lang)
                );
                let used = pointer.width() + key.width() + mark.width() + head.width();
                let title = sanitize_line(&e.title);
                let origin = format!("  {}", sanitize_line(&e.origin));
                let left = room.saturating_sub(used);
                let (title, origin) = if title.width() + origin.width() <= left {
                    (title, origin)
                } else {
                    (truncate(&title, left), String::new())
                };
                Line::from(vec![
                    Span::styled(pointer, t.current),
                    Span::styled(key, t.key),
                    Span::styled(mark, t.warn),
                    Span::styled(head + &title, style),
                    Span::styled(origin, t.dim),
                ])
            })
            .collect();
        Paragraph::new(lines)
            .block(
                Block::bordered()
                    .border_style(t.border)
                    .title(Span::styled(format!(" {title} "), t.title)),
            )
            .render(list, buf);
        Paragraph::new(Line::styled(footer, t.dim)).render(foot, buf);
    }
}
