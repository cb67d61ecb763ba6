//! The live transcript pane: the last lines heard, with speaker labels,
//! newest at the bottom.

use crate::tui::call::speech;
use crate::tui::call::state::App;
use crate::tui::widgets::pane as bordered;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Widget, Wrap};

/// What the pane shows: its title and lines.
pub fn content(app: &App) -> (String, Vec<Line<'static>>) {
    if !app.live.pane {
        return (String::new(), Vec::new());
    }
    (speech::pane_title(app), speech::pane_lines(app))
}

/// Draws the pane with `title` and `lines` in `area` (nothing when the
/// area is empty).
pub fn pane(app: &App, title: &str, lines: &[Line<'static>], area: Rect, buf: &mut Buffer) {
    if area.height < 3 || area.width < 4 {
        return;
    }
    let block = bordered(&app.setup.theme, title.to_owned());
    let inner = block.inner(area);
    block.render(area, buf);
    // Newest at the bottom: keep only the lines that fit (wrapped).
    let width = usize::from(inner.width.max(1));
    let mut rows = 0usize;
    let mut start = lines.len();
    while start > 0 {
        let w = lines[start - 1].width().max(1);
        let need = w.div_ceil(width);
        if rows + need > usize::from(inner.height) {
            break;
        }
        rows += need;
        start -= 1;
    }
    Paragraph::new(lines[start..].to_vec())
        .wrap(Wrap { trim: false })
        .render(inner, buf);
}
