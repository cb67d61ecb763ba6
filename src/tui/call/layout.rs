//! Where everything of the call screen goes. Pure functions of `&App`:
//! the view draws with them, and the update uses [`call_layout`] to know
//! what a mouse click hit. The lines whose size decides it (rail, banners,
//! nudge, agreements, footer) are built in `lines`.

mod lines;

pub use lines::{agreement_lines, banners, footer_lines, hint_line, nudge_lines, rail_spans};

use super::checklist;
use super::content;
use super::state::App;
use crate::tui::widgets::wrap_words;
use lines::{agreement_lines_shared, footer_lines_shared, rail_spans_shared, spans_width};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use std::rc::Rc;

/// Below this size the screen says it is too small instead of drawing garbage.
pub const MIN_WIDTH: u16 = 40;
/// See [`MIN_WIDTH`].
pub const MIN_HEIGHT: u16 = 10;

/// Where each part of the call screen goes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CallLayout {
    /// Title, customer, channel, timers.
    pub header: Rect,
    /// The six stages.
    pub rail: Rect,
    /// Warnings and notices.
    pub banner: Rect,
    /// Checklist of the current stage (bordered; items from the first inner row).
    pub checklist: Rect,
    /// Suggested phrase.
    pub phrases: Rect,
    /// Pitfall / nudge and mindset reminder.
    pub nudge: Rect,
    /// Agreements and follow-up.
    pub agreements: Rect,
    /// Notes editor (bordered).
    pub notes: Rect,
    /// Live transcript pane (bordered; empty when hidden).
    pub transcript: Rect,
    /// Keys.
    pub footer: Rect,
}

/// Lays out the call screen in `area`. Two columns (panes left, notes
/// right) from 80 columns; below that the panes stack above the notes.
/// The checklist, the phrase and the pitfall come first; when they need
/// the room, the agreements move under the notes (wide) or give way to
/// the notes (narrow; their count stays in the notes' title).
pub fn call_layout(app: &App, area: Rect) -> CallLayout {
    call_layout_and_parts(app, area).0
}

/// The lines that decided the layout, which the screen then draws.
pub struct Parts {
    /// The stage rail (as it fits the rail's rows).
    pub rail: Rc<Vec<Span<'static>>>,
    /// Warnings and notices.
    pub banners: Vec<Line<'static>>,
    /// The nudge pane.
    pub nudge: Vec<Line<'static>>,
    /// The agreements pane's first lines (at least as many as it has rows).
    pub agreements: Rc<Vec<Line<'static>>>,
    /// The footer.
    pub footer: Rc<Vec<Line<'static>>>,
}

/// [`call_layout`], with the lines it measured (so a frame builds them once).
pub fn call_layout_and_parts(app: &App, area: Rect) -> (CallLayout, Parts) {
    // Every agreement line takes at least one row: more lines than the
    // screen has rows can change no height below, so no more are formatted.
    layout_with(app, area, usize::from(area.height) + 2)
}

/// [`call_layout_and_parts`] looking at the first `agreement_limit` agreement lines.
fn layout_with(app: &App, area: Rect, agreement_limit: usize) -> (CallLayout, Parts) {
    let footer = footer_lines_shared(app, area.width);
    let footer_h = footer.len() as u16;
    // Two rows for the rail on a tall screen, one on a small one.
    let rail_rows = if area.height >= 30 { 2 } else { 1 };
    // (Drawn in the rows this gives, the same spans fit: see `rail_spans`.)
    let rail = rail_spans_shared(app, area.width, rail_rows);
    let rail_h = wrapped_rows(spans_width(&rail), area.width).min(3);
    // Banners wrap (a reload error names file:line:col and the key, which
    // must stay readable at 80 columns); at most four rows in all.
    let banner_lines = banners(app);
    let banner_h = banner_lines
        .iter()
        .map(|l| wrapped_rows(l.width(), area.width))
        .sum::<u16>()
        .min(4);
    let [header, rail_area, banner, body, footer_area] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(rail_h),
        Constraint::Length(banner_h),
        Constraint::Min(0),
        Constraint::Length(footer_h),
    ])
    .areas(area);
    let wide = area.width >= 80;
    let (panes, right) = if wide {
        let left = (area.width * 45 / 100).max(38);
        let [p, n] =
            Layout::horizontal([Constraint::Length(left), Constraint::Min(20)]).areas(body);
        (p, n)
    } else {
        (body, Rect::default())
    };
    let inner_w = panes.width.saturating_sub(2);
    let phrase_h = phrase_height(app, panes.width);
    let nudge = nudge_lines(app);
    let nudge_want = to_u16(content::wrapped_len(&nudge, panes.width));
    let check_want = to_u16(checklist::wanted_rows(app, inner_w)) + 2;
    let check_min = to_u16(checklist::compact_rows(app, inner_w)) + 2;
    let agree_lines = agreement_lines_shared(app, agreement_limit);
    let agree_want = |w: u16| {
        to_u16(content::wrapped_len_shared(
            &agree_lines,
            w.saturating_sub(2),
        )) + 2
    };
    // Narrow: the notes keep three lines below the panes.
    let notes_min = if wide { 0 } else { 5.min(body.height) };
    let avail = panes.height.saturating_sub(notes_min);
    let agreements_left =
        wide && check_want + phrase_h + nudge_want + agree_want(panes.width).max(4) <= avail;
    let (check_h, phrase_h, nudge_h) = if agreements_left {
        (check_want, phrase_h, nudge_want)
    } else {
        share(avail, check_want, check_min, phrase_h, nudge_want)
    };
    let used = check_h + phrase_h + nudge_h;
    let [checklist, phrases, nudge_area, rest] = Layout::vertical([
        Constraint::Length(check_h),
        Constraint::Length(phrase_h),
        Constraint::Length(nudge_h),
        Constraint::Min(0),
    ])
    .areas(panes);
    let (notes, agreements) = if agreements_left {
        (right, rest)
    } else if wide {
        // Under the notes, a third of the column at most.
        let h = agree_want(right.width)
            .min(right.height / 3)
            .max(3.min(right.height));
        let [n, a] = Layout::vertical([Constraint::Min(0), Constraint::Length(h)]).areas(right);
        (n, a)
    } else {
        // Narrow: the agreements only when the notes keep eight rows.
        let below = body.height.saturating_sub(used);
        let want = agree_want(panes.width).min(5);
        let h = if below >= 8 + want { want } else { 0 };
        let [n, a] = Layout::vertical([Constraint::Min(0), Constraint::Length(h)]).areas(rest);
        (n, a)
    };
    // The transcript pane takes the lower part of the notes when shown.
    let (notes, transcript) = if app.live.pane && notes.height >= 8 {
        let h = (notes.height / 2).min(10);
        let [n, t] = Layout::vertical([Constraint::Min(0), Constraint::Length(h)]).areas(notes);
        (n, t)
    } else {
        (notes, Rect::default())
    };
    let layout = CallLayout {
        header,
        rail: rail_area,
        banner,
        checklist,
        phrases,
        nudge: nudge_area,
        agreements,
        notes,
        transcript,
        footer: footer_area,
    };
    let parts = Parts {
        rail,
        banners: banner_lines,
        nudge,
        agreements: agree_lines,
        footer,
    };
    (layout, parts)
}

fn to_u16(n: usize) -> u16 {
    u16::try_from(n).unwrap_or(u16::MAX)
}

/// Shares `avail` rows between checklist, phrase and nudge when not all
/// fit: the checklist keeps every item on a line (the selected in full)
/// where it can, the phrase three rows, the nudge at least two lines.
fn share(
    avail: u16,
    check_want: u16,
    check_min: u16,
    phrase_h: u16,
    nudge_want: u16,
) -> (u16, u16, u16) {
    let phrase_min = phrase_h.min(3);
    let nudge_min = nudge_want.min(2);
    let hi = avail
        .saturating_sub(phrase_min + nudge_min)
        .max(3.min(avail));
    let check_h = check_want
        .min(
            avail
                .saturating_sub(phrase_h + nudge_want)
                .max(check_min.min(hi)),
        )
        .min(hi);
    let phrase_h = phrase_h.min(avail.saturating_sub(check_h + nudge_min));
    let nudge_h = nudge_want.min(avail.saturating_sub(check_h + phrase_h));
    (check_h, phrase_h, nudge_h)
}

/// Rows of the phrase pane: the shown phrase wrapped (at most four lines)
/// and the borders.
fn phrase_height(app: &App, width: u16) -> u16 {
    let lines = app.current_phrase().map_or(1, |(index, _, _)| {
        let text = app.fill(&app.pb().stage(app.state.stage).phrases[index].text);
        // -7: borders, the quotes and the "used" mark before the text.
        wrap_words(&text, usize::from(width.saturating_sub(7))).len()
    });
    to_u16(lines.clamp(1, 4)) + 2
}

/// Rows a line of `width` columns takes when word-wrapped into `cols`
/// (one spare row once it wraps: word wrapping loses part of each row).
pub(super) fn wrapped_rows(width: usize, cols: u16) -> u16 {
    let cols = usize::from(cols.max(1));
    if width <= cols {
        1
    } else {
        u16::try_from(width / cols + 1).unwrap_or(u16::MAX)
    }
}

#[cfg(test)]
mod tests;
