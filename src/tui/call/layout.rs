//! Where everything of the call screen goes, and the lines whose size
//! decides it (rail, banners, footer). Pure functions of `&App`: the view
//! draws with them, and the update uses [`call_layout`] to know what a
//! mouse click hit.

use super::form::FieldKind;
use super::keys::{self, Action, CallBinding, Context};
use super::state::{App, Overlay};
use crate::engine::StageStatus;
use crate::stage::StageId;
use crate::store::SaveStatus;
use crate::text::sanitize_line;
use crate::tui::widgets::{clock, truncate, wrap_words};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};

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

/// Columns before a checklist item's text: `1 [x] ! `.
pub const ITEM_PREFIX: usize = 8;

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
    let banner_h = banners(app)
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
            wrap_words(
                &format!("⚠ {}: {}", app.words().pitfall, p.text),
                usize::from(panes.width),
            )
            .len()
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
    Line::from(rail_spans(app)).width()
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

/// The stage rail: mark, title and time per stage. Marks carry the meaning
/// (✓ done, ▶ current, ✗ skipped, · not reached); colour only repeats it.
pub fn rail_spans(app: &App) -> Vec<Span<'static>> {
    let t = &app.setup.theme;
    let mut spans = Vec::new();
    for (i, stage) in StageId::ALL.iter().enumerate() {
        if i > 0 {
            spans.push(Span::styled(" › ", t.dim));
        }
        let status = app.state.status(*stage);
        let (mark, style) = match status {
            StageStatus::Done => ("✓", t.ok),
            StageStatus::Current => ("▶", t.current),
            StageStatus::Skipped => ("✗", t.warn),
            StageStatus::NotReached => ("·", t.dim),
        };
        let title = sanitize_line(&app.pb().stage(*stage).title);
        let time = if app.state.reached.contains(stage) {
            format!(" {}", clock(app.state.stage_time(*stage, app.now)))
        } else {
            String::new()
        };
        spans.push(Span::styled(
            format!("{mark} {}. {title}{time}", i + 1),
            style,
        ));
    }
    spans
}

/// Warnings and notices, errors first.
pub fn banners(app: &App) -> Vec<Line<'static>> {
    let w = app.words();
    let t = &app.setup.theme;
    let mut out = Vec::new();
    match &app.save_status {
        SaveStatus::Saved => {}
        SaveStatus::Fallback { path, reason } => out.push(Line::styled(
            format!(
                "⚠ {}: {} ({})",
                w.save_fallback,
                sanitize_line(path),
                sanitize_line(reason)
            ),
            t.warn,
        )),
        SaveStatus::Failed { reason } => out.push(Line::styled(
            format!("✗ {} ({})", w.save_failed, sanitize_line(reason)),
            t.error,
        )),
    }
    if let Some(e) = &app.reload_error {
        out.push(Line::styled(format!("✗ {}: {e}", w.reload_error), t.error));
    }
    if let Some((text, _)) = &app.notice {
        out.push(Line::styled(format!("» {text}"), t.warn));
    }
    out
}

/// The footer: keys of the current context, wrapped to `width` (at most
/// two rows). On the call and summary screens each binding shows its first
/// key (F1 lists them all); an overlay's few bindings show every key.
pub fn footer_lines(app: &App, width: u16) -> Vec<Line<'static>> {
    let t = &app.setup.theme;
    let lang = app.setup.lang;
    let ctx = app.context();
    let full = !matches!(ctx, Context::Call | Context::Summary);
    let mut items: Vec<(String, String)> = keys::bindings(ctx)
        .filter(|b| in_footer_now(app, b))
        .filter_map(|b| {
            let short = b.footer?.get(lang);
            let label = if full { b.label() } else { b.first_label() };
            Some((label, short.to_owned()))
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
fn in_footer_now(app: &App, b: &CallBinding) -> bool {
    match b.action {
        Action::History => app.has_history(),
        Action::DateShortcut => match &app.overlay {
            Some(Overlay::Form(f)) => f
                .fields
                .iter()
                .any(|f| matches!(f.kind, FieldKind::Date { .. })),
            _ => true,
        },
        _ => true,
    }
}

/// Every key of `ctx` with what it does, on one line (the hint inside an
/// overlay).
pub fn hint_line(app: &App, ctx: Context) -> String {
    keys::bindings(ctx)
        .filter(|b| in_footer_now(app, b))
        .map(|b| format!("{} {}", b.label(), b.describe(app.setup.lang)))
        .collect::<Vec<_>>()
        .join("   ")
}
