//! Drawing the call screen, its overlays and its summary: a pure function
//! of `&App` (no I/O, no update).

mod history;
mod overlays;
mod screen;
mod summary;
mod transcript;

use super::keys::Context;
use super::layout::{
    CallLayout, MIN_HEIGHT, MIN_WIDTH, Parts, call_layout_and_parts, footer_lines,
};
use super::state::{App, Overlay, Screen};
use crate::tui::term::Drawn;
use crate::tui::widgets::scrolled;
use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Widget, Wrap};

/// The whole frame. While the notes or a form field have focus, the
/// terminal's own cursor stands where typing goes (screen magnifiers and
/// readers follow it); otherwise it is hidden.
pub fn draw(frame: &mut Frame, app: &App) {
    let area = frame.area();
    // Laid out once per frame: drawing and the cursor use the same layout.
    let laid = call_screen_layout(app, area);
    let layout = laid.as_ref().map(|(l, _)| *l);
    app.panes.borrow_mut().same_frame::<CallLayout>(None);
    app.panes.borrow_mut().begin(false);
    render_app(app, area, laid, frame.buffer_mut());
    app.panes.borrow_mut().finish();
    if let Some(at) = cursor(app, frame.buffer_mut(), layout.as_ref()) {
        frame.set_cursor_position(at);
    }
}

/// Draws the frame into `buf`, which holds the frame this function drew
/// last unless `fresh` (then it is empty), drawing only the panes that
/// changed when it can: the call screen with nothing over it, laid out as
/// in the last frame. Says where the cursor goes and what was drawn.
pub fn draw_changed(app: &App, buf: &mut Buffer, fresh: bool) -> Drawn {
    let area = buf.area;
    let laid = call_screen_layout(app, area);
    let layout = laid.as_ref().map(|(l, _)| *l);
    let plain = layout.filter(|_| app.overlay.is_none());
    let only_changes = {
        let mut cache = app.panes.borrow_mut();
        let same = cache.same_frame(plain);
        let only_changes = same && !fresh;
        cache.begin(only_changes);
        only_changes
    };
    if !only_changes && !fresh {
        buf.reset();
    }
    render_app(app, area, laid, buf);
    let areas = app.panes.borrow_mut().finish();
    Drawn {
        cursor: cursor(app, buf, layout.as_ref()),
        areas: if only_changes { areas } else { None },
    }
}

/// Where the terminal's cursor goes after drawing `buf`.
fn cursor(app: &App, buf: &Buffer, layout: Option<&CallLayout>) -> Option<Position> {
    match app.context() {
        Context::Call => layout.and_then(|l| notes_cursor_in(app, l)),
        Context::Form => form_cursor(app, buf, buf.area, layout),
        _ => None,
    }
}

/// The call screen's layout and the lines it measured, when the call
/// screen is drawn in `area`.
fn call_screen_layout(app: &App, area: Rect) -> Option<(CallLayout, Parts)> {
    (app.screen == Screen::Call && area.width >= MIN_WIDTH && area.height >= MIN_HEIGHT)
        .then(|| call_layout_and_parts(app, area))
}

/// Where the focused form field's cursor was drawn: the one cell of the
/// overlay drawn in the editor's cursor style, other than the notes'
/// cursor (which a form may leave in sight). Call after drawing `area`.
fn form_cursor(
    app: &App,
    buf: &Buffer,
    area: Rect,
    layout: Option<&CallLayout>,
) -> Option<Position> {
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        return None;
    }
    let cursor = app.setup.theme.cursor;
    let notes = layout.and_then(|l| notes_cursor_in(app, l));
    let mut found = None;
    for y in area.top()..area.bottom() {
        for x in area.left()..area.right() {
            let p = Position::new(x, y);
            let cell = &buf[(x, y)];
            let styled = cell.modifier == cursor.add_modifier
                && cursor.fg.is_none_or(|c| c == cell.fg)
                && cursor.bg.is_none_or(|c| c == cell.bg);
            if styled && Some(p) != notes {
                if found.is_some() {
                    // Not one cursor: say nothing rather than mislead.
                    return None;
                }
                found = Some(p);
            }
        }
    }
    found
}

/// Where the notes editor's cursor is drawn on the call screen laid out
/// as `layout`, focused or not. Call after the notes were drawn: the
/// editor's scroll position is the one of that drawing.
fn notes_cursor_in(app: &App, layout: &CallLayout) -> Option<Position> {
    let pane = layout.notes;
    let inner = crate::tui::widgets::pane(&app.setup.theme, String::new()).inner(pane);
    if inner.width == 0 || inner.height == 0 {
        return None;
    }
    let (row, col) = if app.notes.is_empty() {
        (0, 0)
    } else {
        // Relative to the drawing: the editor need not lay out the notes above it.
        app.notes.cursor_in_viewport()?
    };
    let row = u16::try_from(row).ok().filter(|r| *r < inner.height)?;
    // After the last character of a full row the cursor stays on its last cell.
    let col = u16::try_from(col).unwrap_or(u16::MAX).min(inner.width - 1);
    Some(Position::new(inner.x + col, inner.y + row))
}

/// The app as a widget.
pub struct AppView<'a>(pub &'a App);

impl Widget for AppView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let laid = call_screen_layout(self.0, area);
        render_app(self.0, area, laid, buf);
    }
}

/// Draws the app in `area`; `laid` is the call screen's layout and lines
/// when it is shown.
fn render_app(app: &App, area: Rect, laid: Option<(CallLayout, Parts)>, buf: &mut Buffer) {
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        too_small(app, area, buf);
        return;
    }
    let footer_h = match (app.screen, laid) {
        (Screen::Call, Some((l, parts))) => {
            screen::render(app, &l, parts, buf);
            l.footer.height
        }
        (Screen::Summary { scroll }, _) => {
            summary::render(app, scroll, area, buf);
            footer_lines(app, area.width).len() as u16
        }
        // Not reached: the call screen always comes with its layout.
        (Screen::Call, None) => return,
    };
    // Overlays leave the header row and the footer (their keys) visible.
    let area = Rect {
        y: area.y + 1,
        height: area.height.saturating_sub(1 + footer_h),
        ..area
    };
    match &app.overlay {
        None => {}
        Some(Overlay::Help { scroll }) => overlays::help(app, *scroll, area, buf),
        Some(Overlay::History { scroll }) => history::render(app, *scroll, area, buf),
        Some(Overlay::Decision { selected, scroll }) => {
            overlays::decision(app, *selected, *scroll, area, buf)
        }
        Some(Overlay::Form(form)) => overlays::form(app, form, area, buf),
        Some(Overlay::Agreements { selected }) => overlays::agreements(app, *selected, area, buf),
        Some(Overlay::ConfirmSkip { items, .. }) => overlays::confirm_skip(app, items, area, buf),
        Some(Overlay::Unsaved { reason, status, .. }) => {
            overlays::unsaved(app, reason, status.as_deref(), area, buf)
        }
    }
}

/// Draws an overlay's lines scrolled, with the scroll indicator.
fn render_scrolled(
    app: &App,
    lines: Vec<Line<'static>>,
    area: Rect,
    scroll: u16,
    buf: &mut Buffer,
) {
    let w = app.words();
    scrolled(
        lines,
        area,
        scroll,
        &app.setup.theme,
        w.more_above,
        w.more_below,
        buf,
    );
}

/// Shown instead of the screen below 40×10.
fn too_small(app: &App, area: Rect, buf: &mut Buffer) {
    let msg = format!("{} — {}×{}", app.words().too_small, area.width, area.height);
    Paragraph::new(msg)
        .wrap(Wrap { trim: true })
        .render(area, buf);
}
