//! The live call screen: header, stage rail, checklist, phrase, nudge,
//! agreements, notes and footer.

use crate::engine::{ItemRef, TickSource};
use crate::i18n::{self, Words};
use crate::notes::NoteAgreement;
use crate::playbook::Channel;
use crate::text::sanitize_line;
use crate::tui::call::layout::{self, ITEM_PREFIX, banners, footer_lines, rail_spans};
use crate::tui::call::state::App;
use crate::tui::widgets::{clock, pane};
use ratatui::buffer::Buffer;
use ratatui::layout::{Alignment, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

/// Draws the call screen.
pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let l = layout::call_layout(app, area);
    header(app, l.header, buf);
    Paragraph::new(Line::from(rail_spans(app)))
        .wrap(Wrap { trim: true })
        .render(l.rail, buf);
    Paragraph::new(banners(app))
        .wrap(Wrap { trim: true })
        .render(l.banner, buf);
    checklist(app, l.checklist, buf);
    phrase(app, l.phrases, buf);
    nudge(app, l.nudge, buf);
    agreements(app, l.agreements, buf);
    notes(app, l.notes, buf);
    Paragraph::new(footer_lines(app, l.footer.width)).render(l.footer, buf);
}

fn header(app: &App, area: Rect, buf: &mut Buffer) {
    let w = app.words();
    let t = &app.setup.theme;
    let meta = &app.state.meta;
    let customer = meta.customer.as_deref().map_or_else(
        || w.no_customer.to_owned(),
        |c| format!("{} {}", w.customer, sanitize_line(c)),
    );
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

fn checklist(app: &App, area: Rect, buf: &mut Buffer) {
    let w = app.words();
    let t = &app.setup.theme;
    let stage = app.state.stage;
    let content = app.pb().stage(stage);
    let title = format!("{} — {} ", w.checklist, sanitize_line(&content.title));
    let block = pane(&app.setup.theme, title);
    let inner = block.inner(area);
    block.render(area, buf);
    let mut lines: Vec<Line> = Vec::new();
    let rows = layout::checklist_rows(app, inner.width, inner.height.saturating_sub(1));
    for (i, (item, text)) in content.checklist.iter().zip(rows).enumerate() {
        let r = ItemRef::new(stage, item.id.clone());
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
                vec![Span::raw(" ".repeat(ITEM_PREFIX))]
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
            let mut spans = vec![Span::raw(i18n::quote(&app.fill(&p.text), app.setup.lang))];
            if used {
                spans.push(Span::styled(format!("  ✓ {}", w.used), t.ok));
            }
            (
                format!("{} {}/{} (F4) ", w.phrases, pos + 1, count),
                Line::from(spans),
            )
        }
        None => (format!("{} ", w.phrases), Line::styled(w.no_phrases, t.dim)),
    };
    Paragraph::new(body)
        .wrap(Wrap { trim: true })
        .block(pane(&app.setup.theme, title))
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

fn agreement_line(a: &NoteAgreement, w: &Words) -> String {
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
        .block(pane(
            &app.setup.theme,
            format!("{} ({count}) ", w.agreements),
        ))
        .render(area, buf);
}

fn notes(app: &App, area: Rect, buf: &mut Buffer) {
    let w = app.words();
    let block = pane(&app.setup.theme, format!("{} ", w.notes));
    let inner = block.inner(area);
    block.render(area, buf);
    (&app.notes).render(inner, buf);
}
