//! Drawing: a pure function of `&App`. The layout is computed by
//! [`call_layout`], which mouse handling reuses to know what was clicked.

use super::app::{App, Overlay, Screen};
use super::keys::{self, Context};
use super::screens;
use crate::playbook::Language;
use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

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
    /// Keys.
    pub footer: Rect,
}

/// The whole frame.
pub fn draw(frame: &mut Frame, app: &App) {
    frame.render_widget(AppView(app), frame.area());
}

/// The app as a widget.
pub struct AppView<'a>(pub &'a App);

impl Widget for AppView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let app = self.0;
        if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
            screens::too_small(app, area, buf);
            return;
        }
        match app.screen {
            Screen::Call => screens::call::render(app, area, buf),
            Screen::Summary { scroll } => screens::summary::render(app, scroll, area, buf),
        }
        // Overlays leave the header row and the footer (their keys) visible.
        let footer_h = footer_lines(app, area.width).len() as u16;
        let area = Rect {
            y: area.y + 1,
            height: area.height.saturating_sub(1 + footer_h),
            ..area
        };
        match &app.overlay {
            None => {}
            Some(Overlay::Help { scroll }) => screens::overlays::help(app, *scroll, area, buf),
            Some(Overlay::History { scroll }) => screens::history::render(app, *scroll, area, buf),
            Some(Overlay::Decision { selected }) => {
                screens::overlays::decision(app, *selected, area, buf)
            }
            Some(Overlay::Form(form)) => screens::overlays::form(app, form, area, buf),
            Some(Overlay::Agreements { selected }) => {
                screens::overlays::agreements(app, *selected, area, buf)
            }
            Some(Overlay::ConfirmSkip { items, .. }) => {
                screens::overlays::confirm_skip(app, items, area, buf)
            }
        }
    }
}

/// Columns before a checklist item's text: `1 [x] ! `.
pub const ITEM_PREFIX: usize = 8;

/// Splits `text` into lines of at most `width` columns at spaces (a word
/// longer than a line is cut).
pub fn wrap_words(text: &str, width: usize) -> Vec<String> {
    use unicode_width::UnicodeWidthStr;
    let width = width.max(1);
    let mut lines = vec![String::new()];
    for word in text.split_whitespace() {
        let Some(cur) = lines.last_mut() else { break };
        let need = if cur.is_empty() {
            word.width()
        } else {
            cur.width() + 1 + word.width()
        };
        if need <= width {
            if !cur.is_empty() {
                cur.push(' ');
            }
            cur.push_str(word);
        } else if cur.is_empty() {
            cur.push_str(&truncate(word, width));
        } else {
            lines.push(truncate(word, width));
        }
    }
    lines
}

/// Cuts `s` to `width` columns, ending in `…` when cut.
pub fn truncate(s: &str, width: usize) -> String {
    use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};
    if s.width() <= width {
        return s.to_owned();
    }
    let mut out = String::new();
    let mut w = 0;
    for c in s.chars() {
        let cw = c.width().unwrap_or(0);
        if w + cw + 1 > width {
            break;
        }
        out.push(c);
        w += cw;
    }
    out.push('…');
    out
}

/// The text lines of each checklist item of the current stage in a pane
/// whose inside is `width`×`height`: wrapped when everything fits that
/// way, otherwise one truncated line per item.
pub fn checklist_rows(app: &App, width: u16, height: u16) -> Vec<Vec<String>> {
    let text_w = usize::from(width).saturating_sub(ITEM_PREFIX).max(1);
    let items = &app.pb().stage(app.state.stage).checklist;
    let wrapped: Vec<Vec<String>> = items
        .iter()
        .map(|i| wrap_words(&crate::text::sanitize_line(&i.text), text_w))
        .collect();
    let total: usize = wrapped.iter().map(Vec::len).sum();
    if total <= usize::from(height) {
        wrapped
    } else {
        items
            .iter()
            .map(|i| vec![truncate(&crate::text::sanitize_line(&i.text), text_w)])
            .collect()
    }
}

/// Height of the checklist pane (borders + items + legend), capped.
fn checklist_height(app: &App, width: u16, max: u16) -> u16 {
    let inner_w = width.saturating_sub(2);
    let rows: usize = checklist_rows(app, inner_w, max.saturating_sub(3))
        .iter()
        .map(Vec::len)
        .sum();
    (rows.max(1) as u16 + 3).min(max)
}

/// Lays out the call screen in `area`. Two columns (panes left, notes
/// right) from 80 columns; below that the panes stack above the notes.
pub fn call_layout(app: &App, area: Rect) -> CallLayout {
    let footer_h = footer_lines(app, area.width).len() as u16;
    let rail_h = wrapped_rows(rail_width(app), area.width).min(3);
    // Banners wrap (a reload error names file:line:col and the key, which
    // must stay readable at 80 columns); at most four rows in all.
    let banner_h = banner_lines(app)
        .iter()
        .map(|l| wrapped_rows(l.width(), area.width))
        .sum::<u16>()
        .min(4);
    let [header, rail, banner, body, footer] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(rail_h),
        Constraint::Length(banner_h),
        Constraint::Min(0),
        Constraint::Length(footer_h),
    ])
    .areas(area);
    let (panes, notes) = if area.width >= 80 {
        let left = (area.width * 45 / 100).max(38);
        let [p, n] =
            Layout::horizontal([Constraint::Length(left), Constraint::Min(20)]).areas(body);
        (p, n)
    } else {
        let panes_h = (body.height / 2).max(body.height.saturating_sub(8));
        let [p, n] =
            Layout::vertical([Constraint::Length(panes_h), Constraint::Min(0)]).areas(body);
        (p, n)
    };
    let check_h = checklist_height(app, panes.width, panes.height.saturating_sub(5).max(3));
    let phrase_lines = app.current_phrase().map_or(1, |(index, _, _)| {
        let text = app.fill(&app.pb().stage(app.state.stage).phrases[index].text);
        // +3: the quotes and the "used" mark.
        wrap_words(&text, usize::from(panes.width.saturating_sub(5))).len()
    });
    let phrase_h = (phrase_lines.clamp(1, 4) + 2) as u16;
    // The pitfall wraps; the mindset reminder takes one more line; the
    // agreements pane keeps at least four rows.
    let pitfall_lines = app
        .pb()
        .stage(app.state.stage)
        .pitfalls
        .first()
        .map_or(1, |p| {
            wrap_words(&format!("⚠ Valkuil: {}", p.text), usize::from(panes.width)).len()
        });
    let room = panes.height.saturating_sub(check_h + phrase_h + 4);
    let nudge_h = (pitfall_lines as u16 + 1).min(3).min(room).max(1);
    let [checklist, phrases, nudge, agreements] = Layout::vertical([
        Constraint::Length(check_h),
        Constraint::Length(phrase_h),
        Constraint::Length(nudge_h),
        Constraint::Min(0),
    ])
    .areas(panes);
    CallLayout {
        header,
        rail,
        banner,
        checklist,
        phrases,
        nudge,
        agreements,
        notes,
        footer,
    }
}

/// Width of the stage rail on one line.
fn rail_width(app: &App) -> usize {
    Line::from(screens::call::rail_spans(app)).width()
}

/// Rows a line of `width` columns takes when word-wrapped into `cols`
/// (one spare row once it wraps: word wrapping loses part of each row).
fn wrapped_rows(width: usize, cols: u16) -> u16 {
    let cols = usize::from(cols.max(1));
    if width <= cols {
        1
    } else {
        u16::try_from(width / cols + 1).unwrap_or(u16::MAX)
    }
}

/// Active banner lines (errors first).
pub fn banner_lines(app: &App) -> Vec<Line<'static>> {
    screens::call::banners(app)
}

/// The footer: keys of the current context, wrapped to `width`.
pub fn footer_lines(app: &App, width: u16) -> Vec<Line<'static>> {
    let t = &app.setup.theme;
    let ctx = app.context();
    let mut items: Vec<(String, String)> = keys::bindings(ctx)
        .filter(|b| in_footer_now(app, b))
        .filter_map(|b| {
            let (nl, en) = b.footer?;
            let short = match app.setup.lang {
                Language::Nl => nl,
                Language::En => en,
            };
            let desc = if short.is_empty() {
                match app.setup.lang {
                    Language::Nl => b.nl,
                    Language::En => b.en,
                }
            } else {
                short
            };
            // The footer shows only the first of alternative keys; help lists all.
            let label = b.label.split('/').next().unwrap_or(b.label);
            Some((label.to_owned(), desc.to_owned()))
        })
        .collect();
    if ctx == Context::Call && app.esc_pending() {
        items.insert(0, ("Esc".into(), app.words().esc_pending.into()));
    }
    let mut lines = vec![Line::default()];
    let mut used = 0usize;
    for (label, desc) in items {
        let w = label.chars().count() + desc.chars().count() + 3;
        if used + w > usize::from(width) && used > 0 {
            if lines.len() == 2 {
                break;
            }
            lines.push(Line::default());
            used = 0;
        }
        if let Some(line) = lines.last_mut() {
            line.spans.push(Span::styled(label, t.key));
            line.spans.push(Span::raw(format!(" {desc}  ")));
        }
        used += w;
    }
    lines
}

/// False for a key that does nothing useful on screen now: the history
/// without earlier calls, date shortcuts in a form without a date.
fn in_footer_now(app: &App, b: &keys::Binding) -> bool {
    match b.action {
        keys::Action::History => app.has_history(),
        keys::Action::DateShortcut => match &app.overlay {
            Some(Overlay::Form(f)) => f
                .fields
                .iter()
                .any(|f| matches!(f.kind, super::form::FieldKind::Date { .. })),
            _ => true,
        },
        _ => true,
    }
}

/// Formats milliseconds as `m:ss` or `h:mm:ss`.
pub fn clock(ms: i64) -> String {
    let s = ms.max(0) / 1000;
    let (h, m, s) = (s / 3600, (s / 60) % 60, s % 60);
    if h > 0 {
        format!("{h}:{m:02}:{s:02}")
    } else {
        format!("{m}:{s:02}")
    }
}

/// A centred rectangle of at most `w`×`h` inside `area`.
pub fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    )
}

/// Renders the footer lines into `area`.
pub fn render_footer(app: &App, area: Rect, buf: &mut Buffer) {
    Paragraph::new(footer_lines(app, area.width)).render(area, buf);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clock_formats() {
        assert_eq!(clock(0), "0:00");
        assert_eq!(clock(65_000), "1:05");
        assert_eq!(clock(3_725_000), "1:02:05");
        assert_eq!(clock(-5), "0:00");
    }
}
