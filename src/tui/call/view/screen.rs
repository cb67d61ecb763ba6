//! The live call screen: header, stage rail, checklist, phrase, nudge,
//! agreements, notes and footer.

use crate::engine::{ItemRef, TickSource};
use crate::i18n;
use crate::playbook::Channel;
use crate::text::sanitize_line;
use crate::tui::call::checklist::{self as cl, ITEM_PREFIX};
use crate::tui::call::content;
use crate::tui::call::layout::{CallLayout, Parts};
use crate::tui::call::state::App;
use crate::tui::memo::Shared;
use crate::tui::pane_cache::PaneCache;
use crate::tui::widgets::{clock, pane};
use ratatui::buffer::Buffer;
use ratatui::layout::{Alignment, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};
use std::rc::Rc;

/// Cache slots of the call screen's panes.
mod slot {
    pub const HEADER: usize = 0;
    pub const RAIL: usize = 1;
    pub const BANNER: usize = 2;
    pub const CHECKLIST: usize = 3;
    pub const PHRASE: usize = 4;
    pub const NUDGE: usize = 5;
    pub const AGREEMENTS: usize = 6;
    pub const TRANSCRIPT: usize = 7;
    pub const FOOTER: usize = 8;
    pub const NOTES: usize = 9;
}

/// Draws the call screen laid out as `l`. Every pane but the notes is
/// drawn through the app's pane cache: a keystroke in the notes copies
/// the unchanged panes instead of wrapping and drawing them again.
pub fn render(app: &App, l: &CallLayout, parts: Parts, buf: &mut Buffer) {
    let mut cache = app.panes.borrow_mut();
    header(app, l.header, buf, &mut cache);
    // (Shared lines compare by pointer first: unchanged, they cost nothing.)
    cache.draw(slot::RAIL, Shared(parts.rail), l.rail, buf, |rail, b| {
        Paragraph::new(Line::from((*rail.0).clone()))
            .wrap(Wrap { trim: true })
            .render(l.rail, b)
    });
    let banner = Paragraph::new(parts.banners).wrap(Wrap { trim: true });
    cache.draw(slot::BANNER, banner, l.banner, buf, |p, b| {
        p.render(l.banner, b)
    });
    checklist(app, l.checklist, buf, &mut cache);
    phrase(app, l.phrases, buf, &mut cache);
    nudge(app, parts.nudge, l.nudge, buf, &mut cache);
    agreements(app, parts.agreements, l.agreements, buf, &mut cache);
    notes(app, l.notes, buf, l.agreements.height >= 3, &mut cache);
    let t = l.transcript;
    let key = super::transcript::content(app);
    cache.draw(slot::TRANSCRIPT, key, t, buf, |(title, lines), b| {
        super::transcript::pane(app, title, lines, t, b)
    });
    cache.draw(
        slot::FOOTER,
        Shared(parts.footer),
        l.footer,
        buf,
        |lines, b| Paragraph::new((*lines.0).clone()).render(l.footer, b),
    );
}

fn header(app: &App, area: Rect, buf: &mut Buffer, cache: &mut PaneCache) {
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
    if let Some(status) = crate::tui::call::speech::status_text(app) {
        right = format!("{status} · {right}");
    }
    let right_w = right.chars().count() as u16;
    // Too narrow: the playbook title goes first, then the channel, then the
    // count of earlier calls; the customer and "difficult before" stay. A
    // part never shows cut in the middle of a word.
    let room = usize::from(area.width.saturating_sub(right_w + 1));
    let mut drop_order: Vec<usize> = vec![0, 2];
    if left.len() > 3 {
        drop_order.push(left.len() - 1);
    }
    let mut dropped = Vec::new();
    for i in drop_order {
        let shown: Vec<Span> = left
            .iter()
            .enumerate()
            .filter(|(j, _)| !dropped.contains(j))
            .map(|(_, s)| s.clone())
            .collect();
        if Line::from(shown).width() <= room {
            break;
        }
        dropped.push(i);
    }
    let mut left: Vec<Span> = left
        .into_iter()
        .enumerate()
        .filter(|(j, _)| !dropped.contains(j))
        .map(|(_, s)| s)
        .collect();
    if let Some(first) = left.first_mut()
        && let Some(rest) = first.content.strip_prefix(" · ")
    {
        first.content = rest.to_owned().into();
    }
    // Still too long (a long customer reference): cut with an ellipsis.
    if Line::from(left.clone()).width() > room {
        let text: String = left.iter().map(|s| s.content.as_ref()).collect();
        left = vec![Span::raw(crate::tui::widgets::truncate(&text, room))];
    }
    let left_area = Rect {
        width: area.width.saturating_sub(right_w + 1),
        ..area
    };
    let left = Paragraph::new(Line::from(left));
    let right = Paragraph::new(Span::styled(right, t.title)).alignment(Alignment::Right);
    cache.draw(slot::HEADER, (left, right), area, buf, |(l, r), b| {
        l.render(left_area, b);
        r.render(area, b);
    });
}

fn checklist(app: &App, area: Rect, buf: &mut Buffer, cache: &mut PaneCache) {
    if area.height < 3 {
        return;
    }
    let w = app.words();
    let t = &app.setup.theme;
    let stage = app.state.stage;
    let content = app.pb().stage(stage);
    let title = format!("{} — {} ", w.checklist, sanitize_line(&content.title));
    let inner = pane(&app.setup.theme, String::new()).inner(area);
    let view = cl::view(app, inner.width, inner.height);
    let selected = cl::selected(app);
    let narrow = view.rows.len() < content.checklist.len()
        || view
            .rows
            .iter()
            .any(|(i, l)| *i != selected && l.len() == 1);
    let mut lines: Vec<Line> = Vec::new();
    // The marks on screen, for a legend that has to be shortened.
    let mut shown: Vec<&str> = Vec::new();
    if view.above > 0 {
        lines.push(Line::styled(
            w.items_above.replace("{n}", &view.above.to_string()),
            t.key,
        ));
    }
    for (i, text) in view.rows {
        let Some(item) = content.checklist.get(i) else {
            continue;
        };
        let r = ItemRef::new(stage, item.id.clone());
        let (mark, style) = match app.state.checked.get(&r) {
            Some(TickSource::Manual) => ("[x]", t.ok),
            Some(TickSource::Cue) => ("[a]", t.ok),
            Some(TickSource::Spoken) => ("[s]", t.ok),
            None => ("[ ]", ratatui::style::Style::default()),
        };
        // The selected item is marked when the others are shortened.
        let style = if narrow && i == selected {
            style.patch(t.current)
        } else {
            style
        };
        let key = if i < 9 {
            format!("{}", i + 1)
        } else {
            " ".into()
        };
        let req = if item.required { "!" } else { " " };
        shown.extend([mark, req]);
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
    if view.below > 0 {
        lines.push(Line::styled(
            w.items_below.replace("{n}", &view.below.to_string()),
            t.key,
        ));
    }
    if content.checklist.is_empty() {
        lines.push(Line::styled(w.no_items, t.dim));
    } else if view.legend {
        let legend = cl::legend(w.checklist_legend, &shown, usize::from(inner.width));
        lines.push(Line::styled(legend, t.dim));
    }
    let para = Paragraph::new(lines).block(pane(&app.setup.theme, title));
    cache.draw(slot::CHECKLIST, para, area, buf, |p, b| p.render(area, b));
}

fn phrase(app: &App, area: Rect, buf: &mut Buffer, cache: &mut PaneCache) {
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
            spans.push(Span::raw(i18n::quote(&app.fill(&p.text), app.setup.lang)));
            (title, Line::from(spans))
        }
        None => (format!("{} ", w.phrases), Line::styled(w.no_phrases, t.dim)),
    };
    let para = Paragraph::new(body)
        .wrap(Wrap { trim: true })
        .block(pane(&app.setup.theme, title));
    cache.draw(slot::PHRASE, para, area, buf, |p, b| p.render(area, b));
}

fn nudge(
    app: &App,
    lines: Vec<Line<'static>>,
    area: Rect,
    buf: &mut Buffer,
    cache: &mut PaneCache,
) {
    // The reminder goes last and is cut first when space is short; a cut
    // ends in "… F1" (the help shows this stage's pitfalls and reminders).
    let key = (lines, app.setup.theme.key);
    cache.draw(slot::NUDGE, key, area, buf, |(lines, key_style), buf| {
        let cut = content::wrapped_len(lines, area.width) > usize::from(area.height);
        Paragraph::new(lines.clone())
            .wrap(Wrap { trim: true })
            .render(area, buf);
        if cut && area.height > 0 && area.width > 6 {
            let mark = " … F1";
            let x = area.x + area.width - mark.chars().count() as u16;
            let y = area.y + area.height - 1;
            buf.set_string(x, y, mark, *key_style);
        }
    });
}

fn agreements(
    app: &App,
    lines: Rc<Vec<Line<'static>>>,
    area: Rect,
    buf: &mut Buffer,
    cache: &mut PaneCache,
) {
    if area.height < 3 {
        return;
    }
    let w = app.words();
    let count = app.state.agreements.len() + app.markers.agreements.len();
    let title = format!("{} ({count}) ", w.agreements);
    cache.draw(
        slot::AGREEMENTS,
        (Shared(lines), title),
        area,
        buf,
        |(lines, title), b| {
            // Each line takes at least one row: the rest would not show.
            let shown = lines.0.iter().take(usize::from(area.height)).cloned();
            Paragraph::new(shown.collect::<Vec<_>>())
                .wrap(Wrap { trim: true })
                .block(pane(&app.setup.theme, title.clone()))
                .render(area, b)
        },
    );
}

fn notes(app: &App, area: Rect, buf: &mut Buffer, agreements_shown: bool, cache: &mut PaneCache) {
    let w = app.words();
    // Without room for the agreements pane, their count stays in sight.
    let title = if agreements_shown {
        format!("{} ", w.notes)
    } else {
        let count = app.state.agreements.len() + app.markers.agreements.len();
        format!("{} · {} ({count}) ", w.notes, w.agreements)
    };
    let block = pane(&app.setup.theme, title);
    let inner = block.inner(area);
    // The frame around the notes, drawn when it changes; the editor draws
    // only the rows that changed (over the last frame's when it is there).
    let kept = cache.draw(slot::NOTES, block, area, buf, |b, buf| b.render(area, buf));
    if kept {
        for row in app.notes.render_over_last(inner, buf) {
            cache.drawn_outside(row);
        }
    } else {
        cache.drawn_outside(inner);
        (&app.notes).render(inner, buf);
    }
}
