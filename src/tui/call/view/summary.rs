//! The summary screen after the call ended.

use crate::tui::call::layout::{banners, footer_lines};
use crate::tui::call::state::App;
use crate::tui::call::summary::{Row, rows};
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Widget, Wrap};

/// Draws the summary, scrolled down `scroll` lines.
pub fn render(app: &App, scroll: u16, area: Rect, buf: &mut Buffer) {
    let t = &app.setup.theme;
    let w = app.words();
    let footer_h = footer_lines(app, area.width).len() as u16;
    let banner = banners(app);
    let [banner_area, body, footer] = Layout::vertical([
        Constraint::Length(banner.len().min(2) as u16),
        Constraint::Min(0),
        Constraint::Length(footer_h),
    ])
    .areas(area);
    Paragraph::new(banner).render(banner_area, buf);
    let lines: Vec<Line> = rows(app)
        .into_iter()
        .map(|r| match r {
            Row::Heading(h) => Line::styled(h, t.title),
            Row::Text(s) => Line::raw(s),
            Row::Warn(s) => Line::styled(s, t.warn),
            Row::Blank => Line::default(),
        })
        .collect();
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(t.border)
        .title(Span::styled(format!(" {} ", w.summary_title), t.title));
    Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .scroll((scroll, 0))
        .block(block)
        .render(body, buf);
    Paragraph::new(footer_lines(app, footer.width)).render(footer, buf);
}
