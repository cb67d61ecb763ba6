//! Overlays over the call screen: help, decision panel, forms, skip confirm,
//! the box of notes saved nowhere.

use crate::text::sanitize_line;
use crate::tui::call::content;
use crate::tui::call::form::{Field, FieldKind, Form, FormKind};
use crate::tui::call::keys::Context;
use crate::tui::call::layout::hint_line;
use crate::tui::call::state::App;
use crate::tui::widgets::{popup, truncate, wrap_words};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

/// The help overlay: every key of the screen it was opened from (the call
/// screen and the notes editor, or the summary), from the key table, plus
/// the note markers and rail marks.
pub fn help(app: &App, scroll: u16, area: Rect, buf: &mut Buffer) {
    let w = app.words();
    let inner = popup(
        &app.setup.theme,
        area,
        96,
        area.height.saturating_sub(2),
        w.help_title,
        buf,
    );
    let lines = content::help_lines(app);
    super::render_scrolled(app, lines, inner, scroll, buf);
}

/// The keep-or-part-ways decision panel.
pub fn decision(app: &App, selected: usize, scroll: u16, area: Rect, buf: &mut Buffer) {
    let d = &app.pb().decision;
    let inner = popup(
        &app.setup.theme,
        area,
        100,
        area.height,
        &sanitize_line(&d.title),
        buf,
    );
    let lines = content::decision_lines(app, selected);
    super::render_scrolled(app, lines, inner, scroll, buf);
}

/// A form: fields, the focused one marked, hints, error and keys.
pub fn form(app: &App, form: &Form, area: Rect, buf: &mut Buffer) {
    let w = app.words();
    let t = &app.setup.theme;
    let rw = crate::i18n::record::words(app.setup.lang);
    let title = match form.kind {
        FormKind::Agreement => w.agreement_form.to_owned(),
        FormKind::FollowUp => w.followup_form.to_owned(),
        FormKind::FollowUpResult => w.followup_result_form.to_owned(),
        FormKind::Address => rw.address_form.to_owned(),
        FormKind::EditAgreement { id } => rw.edit_form.replace("{n}", &id.to_string()),
        FormKind::Evaluation => return evaluation(app, form, area, buf),
    };
    let extra = usize::from(form.kind == FormKind::FollowUpResult) * app.state.agreements.len();
    // One more row when an error (a past date's question) wraps.
    let h = (form.fields.len() * 2 + 6 + extra) as u16;
    let inner = popup(&app.setup.theme, area, 72, h, &title, buf);
    let mut lines = Vec::new();
    if form.kind == FormKind::FollowUpResult {
        for a in &app.state.agreements {
            lines.push(Line::raw(format!(
                "{}. {}: {}",
                a.id,
                sanitize_line(&a.who),
                sanitize_line(&a.what)
            )));
        }
    }
    for (i, f) in form.fields.iter().enumerate() {
        let focused = i == form.focus;
        let label_w = f.label.chars().count() + 4;
        let mut spans = vec![
            Span::styled(if focused { "▶ " } else { "  " }, t.current),
            Span::styled(format!("{}: ", f.label), t.title),
        ];
        spans.extend(field_spans(
            app,
            f,
            focused,
            68usize.saturating_sub(label_w),
        ));
        lines.push(Line::from(spans));
        let hint = match f.kind {
            FieldKind::Date { .. } => w.date_hint,
            _ => "",
        };
        lines.push(Line::styled(format!("    {hint}"), t.dim));
    }
    if let Some(e) = &form.error {
        lines.push(Line::styled(format!("✗ {e}"), t.error));
    } else {
        lines.push(Line::default());
    }
    Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .render(inner, buf);
}

/// The recorded agreements, the selected one marked and shown in full, to
/// edit or withdraw (keys on the last line and in the footer).
pub fn agreements(app: &App, selected: usize, area: Rect, buf: &mut Buffer) {
    let t = &app.setup.theme;
    let rw = crate::i18n::record::words(app.setup.lang);
    let width = 76.min(area.width);
    let text_w = usize::from(width.saturating_sub(6)).max(8);
    let mut rows: Vec<Vec<Line<'static>>> = Vec::new();
    for (i, a) in app.state.agreements.iter().enumerate() {
        let when = a.by_when.map(|d| format!(" — {d}")).unwrap_or_default();
        let text = format!(
            "{}. {}: {}{when}",
            a.id,
            sanitize_line(&a.who),
            sanitize_line(&a.what)
        );
        rows.push(if i == selected {
            wrap_words(&text, text_w)
                .into_iter()
                .enumerate()
                .map(|(j, l)| {
                    let mark = if j == 0 { "▶ " } else { "  " };
                    Line::from(vec![
                        Span::styled(mark, t.current),
                        Span::styled(l, t.current),
                    ])
                })
                .collect()
        } else {
            vec![Line::raw(format!("  {}", truncate(&text, text_w)))]
        });
    }
    let footer = vec![
        Line::default(),
        Line::styled(rw.agreements_hint, t.dim),
        Line::styled(hint_line(app, Context::Agreements), t.key),
    ];
    // Rows above the selected one leave when the list does not fit.
    let room = usize::from(area.height.saturating_sub(2)).saturating_sub(footer.len());
    let mut first = 0;
    let upto = |from: usize| -> usize {
        rows[from..=selected.min(rows.len().saturating_sub(1))]
            .iter()
            .map(Vec::len)
            .sum()
    };
    while first < selected && upto(first) > room {
        first += 1;
    }
    let mut lines: Vec<Line<'static>> = rows.into_iter().skip(first).flatten().collect();
    if first > 0 {
        lines.insert(0, Line::styled(app.words().more_above, t.dim));
    }
    lines.extend(footer);
    // The key line wraps on narrow screens: count the rows it takes.
    let rows = content::wrapped_len(&lines, width.saturating_sub(2));
    let inner = popup(
        t,
        area,
        width,
        u16::try_from(rows).unwrap_or(u16::MAX).saturating_add(2),
        rw.agreements_title,
        buf,
    );
    Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .render(inner, buf);
}

/// Confirmation before moving on with required items open.
pub fn confirm_skip(app: &App, items: &[String], area: Rect, buf: &mut Buffer) {
    let w = app.words();
    let t = &app.setup.theme;
    let inner = popup(
        &app.setup.theme,
        area,
        70,
        items.len() as u16 + 6,
        w.skip_title,
        buf,
    );
    let mut lines = vec![Line::raw(w.skip_text)];
    for i in items {
        lines.push(Line::styled(format!("  ✗ {}", sanitize_line(i)), t.warn));
    }
    lines.push(Line::default());
    lines.push(Line::styled(hint_line(app, Context::Confirm), t.key));
    Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .render(inner, buf);
}

/// The box shown when quitting with notes saved nowhere: what failed, the
/// keys it takes (from the key table) and what the last key did.
pub fn unsaved(app: &App, reason: &str, status: Option<&str>, area: Rect, buf: &mut Buffer) {
    let w = crate::i18n::safety_words(app.setup.lang);
    let t = &app.setup.theme;
    let width = 76.min(area.width.saturating_sub(2)).max(10);
    let text_w = usize::from(width.saturating_sub(4)).max(1);
    let body = w.unsaved_body.replace("{reason}", &sanitize_line(reason));
    let mut lines: Vec<Line> = wrap_words(&body, text_w)
        .into_iter()
        .map(Line::raw)
        .collect();
    lines.push(Line::default());
    for b in crate::tui::call::keys::bindings(Context::Unsaved) {
        let row = format!("{}  {}", b.label(), b.describe(app.setup.lang));
        lines.extend(
            wrap_words(&row, text_w)
                .into_iter()
                .map(|l| Line::styled(l, t.key)),
        );
    }
    if let Some(s) = status {
        lines.push(Line::default());
        lines.extend(
            wrap_words(&sanitize_line(s), text_w)
                .into_iter()
                .map(|l| Line::styled(l, t.warn)),
        );
    }
    let h = u16::try_from(lines.len() + 2).unwrap_or(u16::MAX);
    let inner = popup(t, area, width, h, w.unsaved_title, buf);
    Paragraph::new(lines).render(inner, buf);
}

/// The evaluation form: every question on one line with its answer so far,
/// and the focused question in full above its answer field.
fn evaluation(app: &App, form: &Form, area: Rect, buf: &mut Buffer) {
    let w = app.words();
    let t = &app.setup.theme;
    let width = 100.min(area.width);
    let text_w = usize::from(width.saturating_sub(4));
    let mut lines = Vec::new();
    for (i, f) in form.fields.iter().enumerate() {
        let focused = i == form.focus;
        let value = f.text();
        let mark = if value.trim().is_empty() { "·" } else { "✓" };
        let mut text = format!("{mark} {}. {}", i + 1, f.label);
        if !value.trim().is_empty() {
            text = format!("{text} — {value}");
        }
        lines.push(Line::from(vec![
            Span::styled(if focused { "▶ " } else { "  " }, t.current),
            Span::styled(
                truncate(&text, text_w),
                if focused {
                    t.current
                } else {
                    ratatui::style::Style::default()
                },
            ),
        ]));
    }
    lines.push(Line::default());
    if let Some(f) = form.fields.get(form.focus) {
        for l in wrap_words(&f.label, text_w) {
            lines.push(Line::styled(l, t.title));
        }
        let mut spans = vec![Span::styled("› ", t.current)];
        spans.extend(field_spans(app, f, true, text_w.saturating_sub(2)));
        lines.push(Line::from(spans));
    }
    let inner = popup(
        &app.setup.theme,
        area,
        width,
        (lines.len() as u16).saturating_add(2),
        w.evaluation_form,
        buf,
    );
    Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .render(inner, buf);
}

/// A form field's text in at most `width` columns, with the cursor shown
/// as a highlighted cell when `focused` (the text scrolls to keep it in
/// view).
fn field_spans(app: &App, f: &Field, focused: bool, width: usize) -> Vec<Span<'static>> {
    let text: Vec<char> = f.text().chars().collect();
    if !focused {
        let shown: String = text.iter().collect();
        return vec![Span::raw(truncate(&shown, width.max(1)))];
    }
    let (_, col) = f.value.position();
    let col = col.min(text.len());
    let width = width.max(2);
    // Keep the cursor in the last column at most.
    let start = (col + 1).saturating_sub(width);
    let before: String = text[start..col].iter().collect();
    let under = text.get(col).map_or(" ".to_owned(), char::to_string);
    let after: String = text
        .iter()
        .skip(col + 1)
        .take(width.saturating_sub(col - start + 1))
        .collect();
    vec![
        Span::raw(before),
        Span::styled(under, app.setup.theme.cursor),
        Span::raw(after),
    ]
}
