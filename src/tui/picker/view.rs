//! Drawing the scenario picker: a pure function of its state.

use super::keys;
use super::state::Picker;
use crate::i18n::PracticeWords;
use crate::text::sanitize_line;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Widget};

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
                let used = width(pointer) + width(&key) + width(mark) + width(&head);
                let title = sanitize_line(&e.title);
                let origin = format!("  {}", sanitize_line(&e.origin));
                let left = room.saturating_sub(used);
                let (title, origin) = if width(&title) + width(&origin) <= left {
                    (title, origin)
                } else {
                    (cut(&title, left), String::new())
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

/// The columns `s` takes on the terminal.
fn width(s: &str) -> usize {
    unicode_width::UnicodeWidthStr::width(s)
}

/// `s` cut to at most `max` columns, ending in `…` when cut.
fn cut(s: &str, max: usize) -> String {
    if width(s) <= max {
        return s.to_owned();
    }
    let mut out = String::new();
    let mut used = 0;
    for ch in s.chars() {
        let w = unicode_width::UnicodeWidthChar::width(ch).unwrap_or(0);
        if used + w + 1 > max {
            break;
        }
        out.push(ch);
        used += w;
    }
    if max > 0 {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cut_title_fits_its_columns_and_says_so() {
        assert_eq!(cut("Blouse met zweetplekken", 10), "Blouse me…");
        assert_eq!(width(&cut("犬犬犬犬", 5)), 5);
        assert_eq!(cut("kort", 10), "kort");
        assert_eq!(cut("iets", 0), "");
    }
}
