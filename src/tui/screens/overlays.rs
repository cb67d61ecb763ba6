//! Overlays over the call screen: help, decision panel, forms, skip confirm.

use crate::playbook::Language;
use crate::text::sanitize_line;
use crate::tui::app::App;
use crate::tui::form::{FieldKind, Form, FormKind};
use crate::tui::keys::{self, Context};
use crate::tui::ui::{centered, truncate, wrap_words};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Widget, Wrap};

/// Clears a centred `w`×`h` box with a titled border; returns its inside.
pub fn popup(app: &App, area: Rect, w: u16, h: u16, title: &str, buf: &mut Buffer) -> Rect {
    let r = centered(area, w, h);
    Clear.render(r, buf);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(app.setup.theme.current)
        .title(Span::styled(format!(" {title} "), app.setup.theme.title));
    let inner = block.inner(r);
    block.render(r, buf);
    inner
}

fn desc(app: &App, b: &keys::Binding) -> &'static str {
    match app.setup.lang {
        Language::Nl => b.nl,
        Language::En => b.en,
    }
}

/// The help overlay: every key of the screen it was opened from (the call
/// screen and the notes editor, or the summary), from the key table, plus
/// the note markers and rail marks.
pub fn help(app: &App, scroll: u16, area: Rect, buf: &mut Buffer) {
    let w = app.words();
    let t = &app.setup.theme;
    let inner = popup(
        app,
        area,
        96,
        area.height.saturating_sub(2),
        w.help_title,
        buf,
    );
    let mut lines = Vec::new();
    // From the summary: its own keys; from the call: the call's and the editor's.
    let contexts: &[Context] = match app.screen {
        crate::tui::app::Screen::Summary { .. } => &[Context::Summary],
        crate::tui::app::Screen::Call => &[Context::Call, Context::Notes],
    };
    for &ctx in contexts {
        for b in keys::bindings(ctx) {
            lines.push(Line::from(vec![
                Span::styled(format!("{:<22}", b.label), t.key),
                Span::raw(desc(app, b)),
            ]));
        }
        lines.push(Line::default());
    }
    lines.push(Line::raw(w.help_markers));
    lines.push(Line::raw(w.rail_legend));
    lines.push(Line::raw(w.checklist_legend));
    lines.push(Line::default());
    lines.push(Line::styled(w.close, t.dim));
    Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .scroll((scroll, 0))
        .render(inner, buf);
}

/// The keep-or-part-ways decision panel.
pub fn decision(app: &App, selected: usize, area: Rect, buf: &mut Buffer) {
    let w = app.words();
    let t = &app.setup.theme;
    let d = &app.pb().decision;
    let inner = popup(app, area, 100, area.height, &sanitize_line(&d.title), buf);
    let repeat = app.state.repeat_difficult();
    let mut lines = vec![
        Line::raw(sanitize_line(&d.intro)),
        Line::styled(
            if repeat {
                w.repeat_variant
            } else {
                w.first_variant
            },
            t.dim,
        ),
        Line::default(),
    ];
    for (i, q) in d.questions.iter().enumerate() {
        let answer = match app.state.decision.get(&q.id) {
            Some(true) => w.yes,
            Some(false) => w.no,
            None => w.unanswered,
        };
        let sel = i == selected;
        let style = if sel {
            t.current
        } else {
            ratatui::style::Style::default()
        };
        lines.push(Line::from(vec![
            Span::styled(if sel { "▶ " } else { "  " }, t.current),
            Span::styled(format!("{}. {}", i + 1, sanitize_line(&q.text)), style),
            Span::styled(format!("  [{answer}]"), t.title),
        ]));
        if sel && let Some(h) = &q.hint {
            lines.push(Line::styled(format!("     {}", sanitize_line(h)), t.dim));
        }
    }
    lines.push(Line::default());
    let outcomes = if repeat {
        &d.repeat_difficult
    } else {
        &d.first_time
    };
    match app.state.decision_outcome(app.pb()) {
        None => lines.push(Line::styled(w.decision_pending, t.dim)),
        Some(o) => {
            let part_ways = o == crate::engine::DecisionOutcome::PartWays;
            let out = if part_ways {
                &outcomes.part_ways
            } else {
                &outcomes.keep
            };
            lines.push(Line::from(vec![
                Span::styled(format!("{}: ", w.recommended), t.title),
                Span::styled(sanitize_line(&out.title), t.current),
            ]));
            lines.push(Line::raw(sanitize_line(&out.guidance)));
            for p in out
                .phrases
                .iter()
                .filter(|p| p.fits(app.state.meta.channel))
            {
                lines.push(Line::raw(format!("  „{}”", app.fill(&p.text))));
            }
            if part_ways && let Some(c) = &d.caution {
                lines.push(Line::styled(
                    format!("⚠ {}", sanitize_line(&c.text)),
                    t.warn,
                ));
            }
        }
    }
    if app.state.marked_difficult {
        lines.push(Line::styled(format!("● {}", w.marked_difficult), t.warn));
    }
    lines.push(Line::default());
    lines.push(Line::styled(w.decision_keys, t.dim));
    Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .render(inner, buf);
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
    let h = (form.fields.len() * 2 + 6 + extra) as u16;
    let inner = popup(app, area, 72, h, &title, buf);
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
        let cursor = if focused { "▏" } else { "" };
        lines.push(Line::from(vec![
            Span::styled(if focused { "▶ " } else { "  " }, t.current),
            Span::styled(format!("{}: ", f.label), t.title),
            Span::raw(format!("{}{cursor}", f.value)),
        ]));
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
    lines.push(Line::styled(w.form_keys, t.dim));
    Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .render(inner, buf);
}

/// The recorded agreements, the selected one marked, to edit or withdraw
/// (keys in the footer).
pub fn agreements(app: &App, selected: usize, area: Rect, buf: &mut Buffer) {
    let t = &app.setup.theme;
    let rw = crate::i18n::record::words(app.setup.lang);
    let list = &app.state.agreements;
    let h = (list.len() as u16).saturating_add(4);
    let inner = popup(app, area, 72, h, rw.agreements_title, buf);
    let text_w = usize::from(inner.width.saturating_sub(2));
    let mut lines = Vec::new();
    for (i, a) in list.iter().enumerate() {
        let when = a.by_when.map(|d| format!(" — {d}")).unwrap_or_default();
        let text = format!(
            "{}. {}: {}{when}",
            a.id,
            sanitize_line(&a.who),
            sanitize_line(&a.what)
        );
        let (mark, style) = if i == selected {
            ("▶ ", t.current)
        } else {
            ("  ", ratatui::style::Style::default())
        };
        lines.push(Line::from(vec![
            Span::styled(mark, t.current),
            Span::styled(truncate(&text, text_w), style),
        ]));
    }
    lines.push(Line::default());
    lines.push(Line::styled(rw.agreements_hint, t.dim));
    Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .render(inner, buf);
}

/// Confirmation before moving on with required items open.
pub fn confirm_skip(app: &App, items: &[String], area: Rect, buf: &mut Buffer) {
    let w = app.words();
    let t = &app.setup.theme;
    let inner = popup(app, area, 70, items.len() as u16 + 6, w.skip_title, buf);
    let mut lines = vec![Line::raw(w.skip_text)];
    for i in items {
        lines.push(Line::styled(format!("  ✗ {}", sanitize_line(i)), t.warn));
    }
    lines.push(Line::default());
    lines.push(Line::styled(w.skip_keys, t.key));
    Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .render(inner, buf);
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
        let mark = if f.value.trim().is_empty() {
            "·"
        } else {
            "✓"
        };
        let mut text = format!("{mark} {}. {}", i + 1, f.label);
        if !f.value.trim().is_empty() {
            text = format!("{text} — {}", f.value);
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
        lines.push(Line::from(vec![
            Span::styled("› ", t.current),
            Span::raw(format!("{}▏", f.value)),
        ]));
    }
    lines.push(Line::default());
    lines.push(Line::styled(w.evaluation_keys, t.dim));
    let inner = popup(
        app,
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
