//! What the overlays say, as lines: the help, the decision panel and the
//! customer's history. Pure; the view draws them and the update uses their
//! length to stop scrolling at the end.

use super::keys::{self, Context};
use super::state::{App, History, Screen};
use crate::i18n;
use crate::summary::AgreementLine;
use crate::text::sanitize_line;
use crate::tui::editor;
use crate::tui::memo::{Memo, Shared};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

/// Lines `lines` take when wrapped into `width` columns.
/// Lines shared between a frame's layout and its panes.
pub type SharedLines = std::rc::Rc<Vec<Line<'static>>>;

/// [`wrapped_len`] of shared lines, remembered by them (compared by
/// pointer first: unchanged lines cost nothing).
pub fn wrapped_len_shared(lines: &SharedLines, width: u16) -> usize {
    thread_local! {
        static MEMO: std::cell::RefCell<Memo<(Shared<SharedLines>, u16), usize>> =
            const { std::cell::RefCell::new(Memo::new(8)) };
    }
    MEMO.with_borrow_mut(|m| {
        m.get(
            (Shared(std::rc::Rc::clone(lines)), width),
            |(lines, width)| {
                Paragraph::new((*lines.0).clone())
                    .wrap(Wrap { trim: false })
                    .line_count((*width).max(1))
            },
        )
    })
}

/// Lines `lines` take when wrapped into `width` columns.
pub fn wrapped_len(lines: &[Line<'static>], width: u16) -> usize {
    // The nudge and the agreements are measured on every frame; they
    // rarely change.
    thread_local! {
        static MEMO: std::cell::RefCell<Memo<(Vec<Line<'static>>, u16), usize>> =
            const { std::cell::RefCell::new(Memo::new(16)) };
    }
    MEMO.with_borrow_mut(|m| {
        m.get((lines.to_vec(), width), |(lines, width)| {
            Paragraph::new(lines.clone())
                .wrap(Wrap { trim: false })
                .line_count((*width).max(1))
        })
    })
}

/// Widest key label the help lines up in a column; longer ones get a line
/// of their own.
const KEY_COLUMN: usize = 22;

/// The help: every key of the screen it was opened from, by section, then
/// the note markers and the marks of the rail and the checklist.
pub fn help_lines(app: &App) -> Vec<Line<'static>> {
    let w = app.words();
    let t = &app.setup.theme;
    let lang = app.setup.lang;
    let mut lines = Vec::new();
    if app.screen == Screen::Call {
        stage_section(app, &mut lines);
    }
    let rows = |ctx: Context| -> Vec<(String, &'static str)> {
        keys::bindings(ctx)
            .map(|b| (b.label(), b.describe(lang)))
            .collect()
    };
    let editor_rows: Vec<(String, &'static str)> = editor::keys::bindings()
        .map(|b| (b.label(), b.describe(lang)))
        .collect();
    let sections = match app.screen {
        Screen::Summary { .. } => vec![
            (w.help_summary, rows(Context::Summary)),
            (w.help_editor, editor_rows),
            (w.help_forms, rows(Context::Form)),
        ],
        Screen::Call => vec![
            (w.help_call, rows(Context::Call)),
            (w.help_editor, editor_rows),
            (w.help_decision, rows(Context::Decision)),
            (w.help_forms, rows(Context::Form)),
            (w.help_confirm, rows(Context::Confirm)),
            (w.help_history, rows(Context::History)),
        ],
    };
    // Descriptions line up in one column after the keys; a label longer
    // than the column gets a line of its own so it never runs into its
    // description.
    let column = sections
        .iter()
        .flat_map(|(_, rows)| rows.iter().map(|(label, _)| label.chars().count()))
        .filter(|&n| n <= KEY_COLUMN)
        .max()
        .unwrap_or(0)
        + 2;
    for (title, rows) in sections {
        lines.push(Line::styled(title.to_owned(), t.title));
        for (label, desc) in rows {
            if label.chars().count() + 2 > column {
                lines.push(Line::styled(label, t.key));
                lines.push(Line::raw(format!("{:column$}{desc}", "")));
            } else {
                lines.push(Line::from(vec![
                    Span::styled(format!("{label:<column$}"), t.key),
                    Span::raw(desc),
                ]));
            }
        }
        lines.push(Line::default());
    }
    lines.push(Line::raw(w.help_markers));
    lines.push(Line::raw(w.rail_legend));
    lines.push(Line::raw(w.checklist_legend));
    lines
}

/// This stage in full: every checklist item, pitfall and reminder (what a
/// small terminal may have had to shorten on the call screen).
fn stage_section(app: &App, lines: &mut Vec<Line<'static>>) {
    let w = app.words();
    let t = &app.setup.theme;
    let pb = app.pb();
    let stage = pb.stage(app.state.stage);
    lines.push(Line::styled(
        format!("{}: {}", w.help_stage, sanitize_line(&stage.title)),
        t.title,
    ));
    for (i, item) in stage.checklist.iter().enumerate() {
        let req = if item.required { "!" } else { " " };
        lines.push(Line::raw(format!(
            "{} {req} {}",
            i + 1,
            sanitize_line(&item.text)
        )));
    }
    for p in &stage.pitfalls {
        lines.push(Line::styled(
            format!("⚠ {}: {}", w.pitfall, sanitize_line(&p.text)),
            t.warn,
        ));
    }
    for m in &pb.mindset {
        lines.push(Line::styled(format!("☼ {}", sanitize_line(&m.text)), t.dim));
    }
    lines.push(Line::default());
}

/// The keep-or-part-ways decision panel, `selected` question marked.
pub fn decision_lines(app: &App, selected: usize) -> Vec<Line<'static>> {
    let w = app.words();
    let t = &app.setup.theme;
    let d = &app.pb().decision;
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
                lines.push(Line::raw(format!(
                    "  {}",
                    i18n::quote(&app.fill(&p.text), app.setup.lang)
                )));
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
    lines
}

/// The customer's earlier calls.
pub fn history_lines(app: &App, history: &History) -> Vec<Line<'static>> {
    let w = app.words();
    let t = &app.setup.theme;
    let lang = app.setup.lang;
    let mut lines = Vec::new();
    let customer = app
        .state
        .meta
        .customer
        .as_deref()
        .map_or_else(|| w.no_customer.to_owned(), sanitize_line);
    lines.push(Line::styled(
        format!(
            "{} {customer} · {}",
            w.customer,
            w.earlier_count(history.earlier_calls())
        ),
        t.title,
    ));
    if history.difficult_before {
        lines.push(Line::styled(format!("● {}", w.history_difficult), t.warn));
    }
    for call in &history.calls {
        lines.push(Line::default());
        let when = app.local_time(call.started_at).strftime("%Y-%m-%d %H:%M");
        let outcome = match (call.ended_at, call.outcome) {
            (Some(_), Some(o)) => i18n::outcome(o, lang),
            _ => w.unfinished,
        };
        let mut head = vec![Span::styled(format!("{when}  "), t.key), Span::raw(outcome)];
        if call.marked_difficult {
            head.push(Span::styled(format!(" · ● {}", w.history_marked), t.warn));
        }
        lines.push(Line::from(head));
        let agreements = AgreementLine::all(&call.agreements, &call.note_agreements);
        if agreements.is_empty() {
            lines.push(Line::styled(
                format!("  {}: {}", w.agreements, w.none),
                t.dim,
            ));
        }
        for a in &agreements {
            lines.push(Line::raw(format!("  - {}", a.text(lang))));
        }
    }
    lines
}
