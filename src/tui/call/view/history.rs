//! The history overlay: a known customer's earlier calls — when, how they
//! ended, their agreements, and whether the customer was marked difficult.

use crate::tui::call::content;
use crate::tui::call::state::App;
use crate::tui::widgets::popup;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

/// Draws the customer's earlier calls, scrolled down `scroll` lines.
pub fn render(app: &App, scroll: u16, area: Rect, buf: &mut Buffer) {
    let w = app.words();
    let Some(history) = &app.setup.history else {
        return;
    };
    let lines = content::history_lines(app, history);
    let width = area.width.min(90).saturating_sub(2);
    let h = u16::try_from(content::wrapped_len(&lines, width))
        .unwrap_or(u16::MAX)
        .saturating_add(2);
    let inner = popup(&app.setup.theme, area, 90, h, w.history_title, buf);
    super::render_scrolled(app, lines, inner, scroll, buf);
}
