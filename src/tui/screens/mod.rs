//! The screens and overlays, each a pure drawing of `&App`.

pub mod call;
pub mod history;
pub mod overlays;
pub mod summary;

use super::app::App;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::{Paragraph, Widget, Wrap};

/// Shown instead of the screen below 40×10.
pub fn too_small(app: &App, area: Rect, buf: &mut Buffer) {
    let msg = format!("{} — {}×{}", app.words().too_small, area.width, area.height);
    Paragraph::new(msg)
        .wrap(Wrap { trim: true })
        .render(area, buf);
}
