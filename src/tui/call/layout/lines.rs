//! The lines whose size decides the call screen's layout — the stage
//! rail, banners, nudge, agreements and footer — and the keys' hint line.
//! Built once per frame (the layout measures them, the panes draw them);
//! the rail, agreements and footer are remembered by what they show.

use super::super::form::FieldKind;
use super::super::keys::{self, Action, CallBinding, Context};
use super::super::state::{App, Overlay};
use super::wrapped_rows;
use crate::engine::StageStatus;
use crate::stage::StageId;
use crate::store::SaveStatus;
use crate::text::sanitize_line;
use crate::tui::memo::{Memo, Shared};
use crate::tui::widgets::clock;
use ratatui::text::{Line, Span};
use std::rc::Rc;

/// The nudge: an over-time warning (with the required items neither said
/// nor noted) or a square-one warning, else the stage's first
/// pitfall; then the mindset reminder (changing every minute and a half).
pub fn nudge_lines(app: &App) -> Vec<Line<'static>> {
    let w = app.words();
    let t = &app.setup.theme;
    let pb = app.pb();
    let stage = pb.stage(app.state.stage);
    let mut lines = Vec::new();
    if app.state.over_time_hint(pb, app.now) {
        let min = app.state.current_stint(app.now) / 60_000;
        lines.push(Line::styled(
            format!("⏰ {}", w.over_time.replace("{min}", &min.to_string())),
            t.warn,
        ));
        let open = app.state.not_said(pb, app.now);
        if !open.is_empty() {
            let items: Vec<String> = open
                .iter()
                .filter_map(|r| pb.item(r.stage, &r.item))
                .map(|i| sanitize_line(&i.text))
                .collect();
            lines.push(Line::styled(
                format!("⚑ {}", w.not_said.replace("{items}", &items.join(" · "))),
                t.warn,
            ));
        }
    } else if app.state.square_one_risk() && !app.follow_up_mode {
        lines.push(Line::styled(format!("⚠ {}", w.square_one), t.warn));
    } else if let Some(p) = stage.pitfalls.first() {
        lines.push(Line::from(vec![
            Span::styled(format!("⚠ {}: ", w.pitfall), t.warn),
            Span::raw(sanitize_line(&p.text)),
        ]));
    }
    if !pb.mindset.is_empty() {
        let i =
            usize::try_from((app.now / 90_000).rem_euclid(pb.mindset.len() as i64)).unwrap_or(0);
        lines.push(Line::styled(
            format!("☼ {}", sanitize_line(&pb.mindset[i].text)),
            t.dim,
        ));
    }
    lines
}

/// [`agreement_lines`], remembered by what they show: with hundreds of
/// `A:` lines in the notes they were formatted again on every keystroke.
pub(super) fn agreement_lines_shared(app: &App, limit: usize) -> Rc<Vec<Line<'static>>> {
    thread_local! {
        // One entry: it holds the notes' markers (megabytes of notes: a
        // large list), never an older copy of them for long.
        static MEMO: std::cell::RefCell<Memo<AgreeKey, Rc<Vec<Line<'static>>>>> =
            const { std::cell::RefCell::new(Memo::new(1)) };
    }
    let t = &app.setup.theme;
    let key = AgreeKey {
        // Shared and replaced when an edit changes them: compared by pointer first.
        markers: Shared(std::sync::Arc::clone(&app.markers)),
        recorded: app.state.agreements.clone(),
        follow_up: app.state.follow_up.clone(),
        today: app.today(),
        lang: app.setup.lang,
        styles: [t.warn, t.dim, t.ok],
        limit,
    };
    MEMO.with_borrow_mut(|m| m.get(key, |_| Rc::new(agreement_lines(app, limit))))
}

/// Everything the agreements pane's lines depend on.
#[derive(PartialEq)]
struct AgreeKey {
    markers: Shared<std::sync::Arc<crate::notes::NoteMarkers>>,
    recorded: Vec<crate::engine::Agreement>,
    follow_up: Option<crate::engine::FollowUp>,
    today: jiff::civil::Date,
    lang: crate::playbook::Language,
    styles: [ratatui::style::Style; 3],
    limit: usize,
}

/// The agreements pane's lines: recorded agreements, `A:` lines of the
/// notes, and the planned follow-up — the first `limit` of them (the full
/// list begins with exactly these lines).
pub fn agreement_lines(app: &App, limit: usize) -> Vec<Line<'static>> {
    let w = app.words();
    let t = &app.setup.theme;
    // Lazily formatted: only the first `limit` lines are ever built, so a
    // frame costs the same with 3 or 3,000 `A:` lines in the notes.
    let recorded = app.state.agreements.iter().map(|a| {
        let when = a.by_when.map(|d| format!(" — {d}")).unwrap_or_default();
        Line::raw(format!(
            "{}. {}: {}{when}",
            a.id,
            sanitize_line(&a.who),
            sanitize_line(&a.what)
        ))
    });
    let today = app.today();
    let from_notes = app.markers.agreements.iter().map(move |a| {
        let who = if a.who.is_empty() {
            String::new()
        } else {
            format!("{}: ", sanitize_line(&a.who))
        };
        let when = a.by_when.map(|d| format!(" — {d}")).unwrap_or_default();
        let what = format!("• {who}{}{when}", sanitize_line(&a.what));
        let source = format!(" ({})", w.from_notes);
        // The form asks about a past date; a note line cannot without
        // stopping the typing, so the pane flags it instead.
        if a.by_when.is_some_and(|d| d < today) {
            let passed = format!(" ⚠ {}", w.date_passed);
            Line::from(vec![
                Span::raw(what),
                Span::styled(passed, t.warn),
                Span::raw(source),
            ])
        } else {
            Line::raw(what + &source)
        }
    });
    let none = (app.state.agreements.is_empty() && app.markers.agreements.is_empty())
        .then(|| Line::styled(w.no_agreements, t.dim));
    let follow_up = app.state.follow_up.as_ref().map(|f| {
        Line::styled(
            format!("↻ {}: {} — {}", w.followup, f.due, sanitize_line(&f.what)),
            t.ok,
        )
    });
    recorded
        .chain(from_notes)
        .chain(none)
        .chain(follow_up)
        .take(limit)
        .collect()
}

/// The stage rail: mark, title and time per stage. Marks carry the meaning
/// (✓ done, ▶ current, ✗ skipped, · not reached); colour only repeats it.
/// When that does not fit in `rows` rows of `width` columns, only the
/// current stage is named and the others keep their mark, number and time.
pub fn rail_spans(app: &App, width: u16, rows: u16) -> Vec<Span<'static>> {
    (*rail_spans_shared(app, width, rows)).clone()
}

/// [`rail_spans`], remembered by what they show (built on every frame,
/// changed once a second at most).
pub(super) fn rail_spans_shared(app: &App, width: u16, rows: u16) -> Rc<Vec<Span<'static>>> {
    thread_local! {
        static MEMO: std::cell::RefCell<Memo<RailKey, Rc<Vec<Span<'static>>>>> =
            const { std::cell::RefCell::new(Memo::new(4)) };
    }
    let t = &app.setup.theme;
    let key = RailKey {
        stages: StageId::ALL
            .iter()
            .map(|s| {
                let time = app
                    .state
                    .reached
                    .contains(s)
                    .then(|| app.state.stage_time(*s, app.now) / 1000);
                (app.state.status(*s), time, app.pb().stage(*s).title.clone())
            })
            .collect(),
        styles: [t.ok, t.current, t.warn, t.dim],
        width,
        rows,
    };
    MEMO.with_borrow_mut(|m| {
        m.get(key, |_| {
            let full = rail(app, false);
            Rc::new(if wrapped_rows(spans_width(&full), width) <= rows.max(1) {
                full
            } else {
                rail(app, true)
            })
        })
    })
}

/// Everything the rail shows: per stage its status, whole seconds in it
/// (when reached) and title; the styles; the room.
#[derive(PartialEq)]
struct RailKey {
    stages: Vec<(StageStatus, Option<i64>, String)>,
    styles: [ratatui::style::Style; 4],
    width: u16,
    rows: u16,
}

pub(super) fn spans_width(spans: &[Span<'_>]) -> usize {
    spans.iter().map(Span::width).sum()
}

fn rail(app: &App, compact: bool) -> Vec<Span<'static>> {
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
            StageStatus::CompletedLater => ("↺", t.ok),
            StageStatus::NotReached => ("·", t.dim),
        };
        let title = sanitize_line(&app.pb().stage(*stage).title);
        let time = if app.state.reached.contains(stage) {
            format!(" {}", clock(app.state.stage_time(*stage, app.now)))
        } else {
            String::new()
        };
        let text = if compact && status != StageStatus::Current {
            format!("{mark} {}{time}", i + 1)
        } else {
            format!("{mark} {}. {title}{time}", i + 1)
        };
        spans.push(Span::styled(text, style));
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
    if let Some(cue) = app.live.flare_at(app.now) {
        out.push(Line::styled(
            format!("» {}", super::super::speech::flare_text(app, cue)),
            t.warn,
        ));
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
    (*footer_lines_shared(app, width)).clone()
}

/// [`footer_lines`], remembered by what they depend on (drawn on every
/// frame, changed by a few things).
pub(super) fn footer_lines_shared(app: &App, width: u16) -> Rc<Vec<Line<'static>>> {
    thread_local! {
        static MEMO: std::cell::RefCell<Memo<FooterKey, Rc<Vec<Line<'static>>>>> =
            const { std::cell::RefCell::new(Memo::new(8)) };
    }
    let ctx = app.context();
    let key = FooterKey {
        ctx,
        lang: app.setup.lang,
        key_style: app.setup.theme.key,
        width,
        esc_pending: ctx == Context::Call && app.esc_pending(),
        shown: keys::bindings(ctx).map(|b| in_footer_now(app, b)).collect(),
    };
    MEMO.with_borrow_mut(|m| m.get(key, |k| Rc::new(footer_lines_now(k))))
}

/// Everything the footer's lines depend on.
#[derive(PartialEq)]
struct FooterKey {
    ctx: Context,
    lang: crate::playbook::Language,
    key_style: ratatui::style::Style,
    width: u16,
    esc_pending: bool,
    /// Which of the context's bindings are in the footer now.
    shown: Vec<bool>,
}

fn footer_lines_now(k: &FooterKey) -> Vec<Line<'static>> {
    let (ctx, lang, width) = (k.ctx, k.lang, k.width);
    let full = !matches!(ctx, Context::Call | Context::Summary);
    let mut items: Vec<(String, String)> = keys::bindings(ctx)
        .zip(&k.shown)
        .filter(|(_, shown)| **shown)
        .filter_map(|(b, _)| {
            let short = b.footer?.get(lang);
            let label = if full { b.label() } else { b.first_label() };
            Some((label, short.to_owned()))
        })
        .collect();
    if k.esc_pending {
        items.insert(
            0,
            ("Esc".into(), crate::i18n::words(lang).esc_pending.into()),
        );
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
            line.spans.push(Span::styled(label, k.key_style));
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
        Action::TranscriptPane => app.live.active(),
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
