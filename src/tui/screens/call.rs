//! The live call screen: header, stage rail, checklist, phrase, nudge,
//! agreements, notes and footer.

use crate::engine::{StageStatus, TickSource};
use crate::notes::NoteAgreement;
use crate::playbook::Channel;
use crate::stage::StageId;
use crate::store::SaveStatus;
use crate::text::sanitize_line;
use crate::tui::app::App;
use crate::tui::ui::{self, clock};
use ratatui::buffer::Buffer;
use ratatui::layout::{Alignment, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Widget, Wrap};

/// Draws the call screen.
pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let l = ui::call_layout(app, area);
    header(app, l.header, buf);
    Paragraph::new(Line::from(rail_spans(app)))
        .wrap(Wrap { trim: true })
        .render(l.rail, buf);
    Paragraph::new(ui::banner_lines(app))
        .wrap(Wrap { trim: true })
        .render(l.banner, buf);
    checklist(app, l.checklist, buf);
    phrase(app, l.phrases, buf);
    nudge(app, l.nudge, buf);
    agreements(app, l.agreements, buf);
    notes(app, l.notes, buf);
    ui::render_footer(app, l.footer, buf);
}

fn pane<'a>(app: &App, title: String) -> Block<'a> {
    Block::default()
        .borders(Borders::ALL)
        .border_style(app.setup.theme.border)
        .title(Span::styled(title, app.setup.theme.title))
}

fn header(app: &App, area: Rect, buf: &mut Buffer) {
    let w = app.words();
    let t = &app.setup.theme;
    let meta = &app.state.meta;
    // The reference (for the record) and how the customer is addressed.
    let customer = match (meta.customer.as_deref(), app.state.address.as_deref()) {
        (Some(c), Some(a)) => format!("{} {} ({})", w.customer, sanitize_line(c), sanitize_line(a)),
        (Some(c), None) => format!("{} {}", w.customer, sanitize_line(c)),
        (None, Some(a)) => format!("{} {}", w.customer, sanitize_line(a)),
        (None, None) => w.no_customer.to_owned(),
    };
    let channel = match meta.channel {
        Channel::Phone => w.phone,
        Channel::InPerson => w.in_person,
    };
    let mut left = vec![
        Span::styled(sanitize_line(&app.pb().title), t.title),
        Span::raw(format!(" · {customer}")),
        Span::raw(format!(" · {channel}")),
    ];
    if app.state.repeat_difficult() {
        left.push(Span::styled(format!(" · {}", w.difficult_before), t.warn));
    }
    if let Some(h) = &app.setup.history
        && h.earlier_calls() > 0
    {
        left.push(Span::raw(format!(
            " · {}",
            w.earlier_count(h.earlier_calls())
        )));
    }
    let now = app.now;
    let mut right = format!(
        "{} {}  {} {}",
        w.call_timer,
        clock(app.state.total_time(now)),
        w.stage_timer,
        clock(app.state.stage_time(app.state.stage, now)),
    );
    if app.state.is_paused() {
        right = format!("{} ({})", right, w.paused);
    } else if app.state.is_ended() {
        right = format!("{} ({})", right, w.ended);
    }
    let right_w = right.chars().count() as u16;
    // Too narrow: the playbook title goes first, then the channel; the
    // customer and their history stay.
    let room = usize::from(area.width.saturating_sub(right_w + 1));
    for drop in [0, 1] {
        if Line::from(left.clone()).width() <= room {
            break;
        }
        left.remove(drop);
        if let Some(first) = left.first_mut()
            && let Some(rest) = first.content.strip_prefix(" · ")
        {
            first.content = rest.to_owned().into();
        }
    }
    Paragraph::new(Line::from(left)).render(
        Rect {
            width: area.width.saturating_sub(right_w + 1),
            ..area
        },
        buf,
    );
    Paragraph::new(Span::styled(right, t.title))
        .alignment(Alignment::Right)
        .render(area, buf);
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
            StageStatus::CompletedLater => ("↺", t.ok),
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

fn checklist(app: &App, area: Rect, buf: &mut Buffer) {
    let w = app.words();
    let t = &app.setup.theme;
    let stage = app.state.stage;
    let content = app.pb().stage(stage);
    let title = format!("{} — {} ", w.checklist, sanitize_line(&content.title));
    let block = pane(app, title);
    let inner = block.inner(area);
    block.render(area, buf);
    let mut lines: Vec<Line> = Vec::new();
    let rows = ui::checklist_rows(app, inner.width, inner.height.saturating_sub(1));
    for (i, (item, text)) in content.checklist.iter().zip(rows).enumerate() {
        let r = crate::engine::ItemRef::new(stage, item.id.clone());
        let (mark, style) = match app.state.checked.get(&r) {
            Some(TickSource::Manual) => ("[x]", t.ok),
            Some(TickSource::Cue) => ("[a]", t.ok),
            None => ("[ ]", ratatui::style::Style::default()),
        };
        let key = if i < 9 {
            format!("{}", i + 1)
        } else {
            " ".into()
        };
        let req = if item.required { "!" } else { " " };
        for (n, part) in text.into_iter().enumerate() {
            let mut spans = if n == 0 {
                vec![
                    Span::styled(key.clone(), t.dim),
                    Span::raw(" "),
                    Span::styled(mark, style),
                    Span::styled(format!(" {req} "), t.warn),
                ]
            } else {
                vec![Span::raw(" ".repeat(ui::ITEM_PREFIX))]
            };
            spans.push(Span::styled(part, style));
            lines.push(Line::from(spans));
        }
    }
    let n = lines.len();
    if lines.is_empty() {
        lines.push(Line::styled(w.no_items, t.dim));
    }
    if usize::from(inner.height) > n {
        lines.push(Line::styled(w.checklist_legend, t.dim));
    }
    Paragraph::new(lines).render(inner, buf);
}

fn phrase(app: &App, area: Rect, buf: &mut Buffer) {
    let w = app.words();
    let t = &app.setup.theme;
    let (title, body) = match app.current_phrase() {
        Some((index, pos, count)) => {
            let p = &app.pb().stage(app.state.stage).phrases[index];
            let used = app.state.phrases_used.contains(&(app.state.stage, index));
            // The mark leads (and is in the title), so a long phrase never
            // wraps it out of sight.
            let mut spans = Vec::new();
            let mut title = format!("{} {}/{} (F4) ", w.phrases, pos + 1, count);
            if used {
                spans.push(Span::styled("✓ ", t.ok));
                title = format!("{} {}/{} ✓ {} (F4) ", w.phrases, pos + 1, count, w.used);
            }
            spans.push(Span::raw(format!("„{}”", app.fill(&p.text))));
            (title, Line::from(spans))
        }
        None => (format!("{} ", w.phrases), Line::styled(w.no_phrases, t.dim)),
    };
    Paragraph::new(body)
        .wrap(Wrap { trim: true })
        .block(pane(app, title))
        .render(area, buf);
}

fn nudge(app: &App, area: Rect, buf: &mut Buffer) {
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
    } else if app.state.square_one_risk() && !app.follow_up_mode {
        lines.push(Line::styled(format!("⚠ {}", w.square_one), t.warn));
    } else if let Some(p) = stage.pitfalls.first() {
        lines.push(Line::from(vec![
            Span::styled(format!("⚠ {}: ", w.pitfall), t.warn),
            Span::raw(sanitize_line(&p.text)),
        ]));
    }
    if !pb.mindset.is_empty() {
        // A calm reminder that changes every minute and a half.
        let i =
            usize::try_from((app.now / 90_000).rem_euclid(pb.mindset.len() as i64)).unwrap_or(0);
        lines.push(Line::styled(
            format!("☼ {}", sanitize_line(&pb.mindset[i].text)),
            t.dim,
        ));
    }
    // The reminder goes last and is cut first when space is short.
    Paragraph::new(lines)
        .wrap(Wrap { trim: true })
        .render(area, buf);
}

fn agreement_line(a: &NoteAgreement, w: &crate::i18n::Words) -> String {
    let who = if a.who.is_empty() {
        String::new()
    } else {
        format!("{}: ", a.who)
    };
    let when = a.by_when.map(|d| format!(" — {d}")).unwrap_or_default();
    format!("• {who}{}{when} ({})", a.what, w.from_notes)
}

fn agreements(app: &App, area: Rect, buf: &mut Buffer) {
    if area.height < 3 {
        return;
    }
    let w = app.words();
    let t = &app.setup.theme;
    let mut lines = Vec::new();
    for a in &app.state.agreements {
        let when = a.by_when.map(|d| format!(" — {d}")).unwrap_or_default();
        lines.push(Line::raw(format!(
            "{}. {}: {}{when}",
            a.id,
            sanitize_line(&a.who),
            sanitize_line(&a.what)
        )));
    }
    for a in &app.markers.agreements {
        lines.push(Line::raw(agreement_line(a, w)));
    }
    if lines.is_empty() {
        lines.push(Line::styled(w.no_agreements, t.dim));
    }
    if let Some(f) = &app.state.follow_up {
        lines.push(Line::styled(
            format!("↻ {}: {} — {}", w.followup, f.due, sanitize_line(&f.what)),
            t.ok,
        ));
    }
    let count = app.state.agreements.len() + app.markers.agreements.len();
    Paragraph::new(lines)
        .wrap(Wrap { trim: true })
        .block(pane(app, format!("{} ({count}) ", w.agreements)))
        .render(area, buf);
}

fn notes(app: &App, area: Rect, buf: &mut Buffer) {
    let w = app.words();
    let block = pane(app, format!("{} ", w.notes));
    let inner = block.inner(area);
    block.render(area, buf);
    (&app.notes).render(inner, buf);
}
