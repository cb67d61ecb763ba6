//! The live transcript pane: the last lines heard, with speaker labels,
//! newest at the bottom.

use crate::tui::call::speech;
use crate::tui::call::state::App;
use crate::tui::widgets::pane as bordered;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::{Paragraph, Widget, Wrap};

/// Draws the pane in `area` (nothing when the area is empty).
pub fn pane(app: &App, area: Rect, buf: &mut Buffer) {
    if area.height < 3 || area.width < 4 {
        return;
    }
    let block = bordered(&app.setup.theme, speech::pane_title(app));
    let inner = block.inner(area);
    block.render(area, buf);
    let lines = speech::pane_lines(app);
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
