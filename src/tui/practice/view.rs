//! Drawing the practice screen and its score screen: a pure function of
//! the state.

use super::keys::{self, Context};
use super::state::{PracticeApp, cite};
use crate::classify::Unsure;
use crate::engine::StageStatus;
use crate::i18n::{self, PracticeWords};
use crate::playbook::Language;
use crate::practice::{Session, Speaker};
use crate::score::{self, Grade};
use crate::stage::StageId;
use crate::text::sanitize_line;
use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Widget, Wrap};

fn words(lang: Language) -> &'static PracticeWords {
    PracticeWords::for_language(lang)
}

/// The keys of `ctx` with their short descriptions, for a footer line.
fn footer(ctx: Context, lang: Language) -> String {
    keys::bindings(ctx)
        .filter_map(|b| Some(format!("{} {}", b.label(), b.footer?.get(lang))))
        .collect::<Vec<_>>()
        .join(" · ")
}

/// Draws the practice screen.
pub fn draw(frame: &mut Frame, app: &PracticeApp<'_>) {
    let area = frame.area();
    render(app, area, frame.buffer_mut());
}

/// Renders into a buffer (used by [`draw`] and by snapshot tests).
pub fn render(app: &PracticeApp<'_>, area: Rect, buf: &mut Buffer) {
    if app.grade.is_some() {
        render_result(app, area, buf);
    } else {
        render_play(app, area, buf);
    }
}

fn mood_meter(mood: u8, width: usize) -> String {
    let width = width.max(5);
    let filled = usize::from(mood) * width / 10;
    format!(
        "{}{} {mood}/10",
        "█".repeat(filled),
        "░".repeat(width - filled)
    )
}

fn header_lines(app: &PracticeApp<'_>) -> Vec<Line<'static>> {
    let w = words(app.lang());
    let t = &app.theme;
    let sc = app.session.scenario;
    let mode = if app.exam { w.exam } else { w.coached };
    let mood = app.session.mood;
    let mood_style = if mood >= 7 {
        t.error
    } else if mood >= 4 {
        t.warn
    } else {
        t.ok
    };
    vec![
        Line::from(vec![
            Span::styled(format!("{} · ", w.practice), t.dim),
            Span::styled(sanitize_line(&sc.title), t.title),
            Span::styled(
                format!(" · {} ({mode})", sanitize_line(&sc.persona.name)),
                t.dim,
            ),
        ]),
        Line::from(vec![
            Span::styled(format!("{} ", w.mood), t.dim),
            Span::styled(mood_meter(mood, 10), mood_style),
        ]),
    ]
}

fn rail_line(app: &PracticeApp<'_>, width: u16) -> Line<'static> {
    let full = rail_spans(app, false);
    if Line::from(full.clone()).width() <= usize::from(width) {
        Line::from(full)
    } else {
        Line::from(rail_spans(app, true))
    }
}

/// The stage rail like the call screen's (✓ done, ▶ current, ✗ skipped, ·
/// not reached); `compact` names only the current stage.
fn rail_spans(app: &PracticeApp<'_>, compact: bool) -> Vec<Span<'static>> {
    let t = &app.theme;
    let mut spans = Vec::new();
    for (i, st) in StageId::ALL.iter().enumerate() {
        if i > 0 {
            spans.push(Span::styled(" › ", t.dim));
        }
        let (mark, style) = match app.session.stage_status(*st) {
            StageStatus::Done => ("✓", t.ok),
            StageStatus::Current => ("▶", t.current),
            StageStatus::Skipped => ("✗", t.warn),
            StageStatus::CompletedLater => ("↺", t.ok),
            StageStatus::NotReached => ("·", t.dim),
        };
        let status = app.session.stage_status(*st);
        let text = if compact && status != StageStatus::Current {
            format!("{mark} {}", i + 1)
        } else {
            format!("{mark} {}. {}", i + 1, app.stage_title(*st))
        };
        spans.push(Span::styled(text, style));
    }
    spans
}

fn pane(app: &PracticeApp<'_>, title: String) -> Block<'static> {
    Block::bordered()
        .border_style(app.theme.border)
        .title(Span::styled(format!(" {title} "), app.theme.title))
}

fn transcript_lines(app: &PracticeApp<'_>) -> Vec<Line<'static>> {
    let w = words(app.lang());
    let t = &app.theme;
    let sc = app.session.scenario;
    let name = sanitize_line(&sc.persona.name);
    let mut lines = vec![Line::styled(
        format!("{}: {}", w.situation, sanitize_line(&sc.persona.situation)),
        t.dim,
    )];
    if !app.exam {
        lines.push(Line::styled(
            format!("{}: {}", w.wants, sanitize_line(&sc.persona.wants)),
            t.dim,
        ));
    }
    lines.push(Line::raw(""));
    for l in &app.session.transcript {
        match l.speaker {
            Speaker::Customer => lines.push(Line::from(vec![
                Span::styled(format!("{name}: "), t.title),
                Span::raw(sanitize_line(&l.text)),
            ])),
            Speaker::Trainee => lines.push(Line::from(vec![
                Span::styled(format!("{}: ", w.you), t.current),
                Span::raw(sanitize_line(&l.text)),
            ])),
        }
    }
    lines
}

fn render_play(app: &PracticeApp<'_>, area: Rect, buf: &mut Buffer) {
    let w = words(app.lang());
    let t = &app.theme;
    let wide = area.width >= 100;
    let beat = app.session.current_beat();
    let n_opts = beat.map_or(0, |b| b.options.len());
    // Options: one line each when wide, wrapped lines counted otherwise.
    let opt_lines: Vec<Line> = beat
        .map(|b| {
            b.options
                .iter()
                .enumerate()
                .map(|(i, o)| {
                    Line::from(vec![
                        Span::styled(format!("{} ", i + 1), t.key),
                        Span::raw(sanitize_line(&o.text)),
                    ])
                })
                .collect()
        })
        .unwrap_or_default();
    let inner_w = area.width.saturating_sub(2);
    // Every option stays in view, however the verdict below them wraps:
    // the conversation gives way first (it keeps three rows).
    let opts_h = line_count(&opt_lines, inner_w).max(u16::try_from(n_opts).unwrap_or(9));
    let bottom_h = line_count(&answer_lines(app), inner_w);
    let rail_h = u16::from(!app.exam);
    let answer_h = (opts_h + bottom_h + 2).min(area.height.saturating_sub(2 + rail_h + 1 + 3));
    let [head, rail, body, answer, foot_area] = Layout::vertical([
        Constraint::Length(2),
        Constraint::Length(rail_h),
        Constraint::Min(3),
        Constraint::Length(answer_h),
        Constraint::Length(1),
    ])
    .areas(area);
    Paragraph::new(header_lines(app)).render(head, buf);
    if !app.exam {
        Paragraph::new(rail_line(app, rail.width)).render(rail, buf);
    }
    let show_side = wide && !app.exam;
    let [conv, side] = if show_side {
        Layout::horizontal([Constraint::Min(40), Constraint::Length(44)]).areas(body)
    } else {
        Layout::horizontal([Constraint::Min(1), Constraint::Length(0)]).areas(body)
    };
    // Conversation, scrolled to the bottom; in narrow coached mode the
    // coach's feedback follows it.
    let mut lines = transcript_lines(app);
    if !app.exam
        && !show_side
        && let Some(c) = &app.coaching
    {
        lines.push(Line::raw(""));
        lines.push(Line::styled(
            format!(
                "{}: {} ({})",
                w.coach,
                sanitize_line(&c.feedback),
                app.cite(&c.source)
            ),
            t.warn,
        ));
    }
    let block = pane(app, w.conversation.to_owned());
    let inner = block.inner(conv);
    block.render(conv, buf);
    let h = line_count(&lines, inner.width);
    let scroll = h.saturating_sub(inner.height);
    Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .scroll((scroll, 0))
        .render(inner, buf);
    if show_side {
        render_side(app, side, buf);
    }
    render_answer(app, answer, opt_lines, buf);
    let foot = if app.confirm_quit {
        Line::styled(
            format!(
                "{}  {}",
                w.confirm_quit,
                footer(Context::ConfirmQuit, app.lang())
            ),
            t.warn,
        )
    } else {
        Line::styled(footer(Context::Play, app.lang()), t.dim)
    };
    Paragraph::new(foot).render(foot_area, buf);
}

fn render_side(app: &PracticeApp<'_>, area: Rect, buf: &mut Buffer) {
    let w = words(app.lang());
    let t = &app.theme;
    let [list, coach] =
        Layout::vertical([Constraint::Percentage(50), Constraint::Percentage(50)]).areas(area);
    let st = app.session.stage;
    let block = pane(app, format!("{} — {}", w.checklist, app.stage_title(st)));
    let mut lines = Vec::new();
    if let Some(pb) = app.pb {
        for item in &pb.stage(st).checklist {
            let mark = if app.session.is_ticked(st, &item.id) {
                "[x]"
            } else {
                "[ ]"
            };
            let req = if item.required { "!" } else { " " };
            lines.push(Line::from(vec![
                Span::styled(mark, if mark == "[x]" { t.ok } else { t.dim }),
                Span::styled(format!(" {req} "), t.warn),
                Span::raw(sanitize_line(&item.text)),
            ]));
        }
        if let Some(p) = pb.stage(st).pitfalls.first() {
            lines.push(Line::raw(""));
            lines.push(Line::styled(
                format!("⚠ {}", sanitize_line(&p.text)),
                t.warn,
            ));
        }
    }
    Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .block(block)
        .render(list, buf);
    let block = pane(app, w.coach.to_owned());
    let lines = match &app.coaching {
        Some(c) => vec![
            Line::raw(sanitize_line(&c.feedback)),
            Line::styled(format!("{}: {}", w.source, app.cite(&c.source)), t.dim),
        ],
        None => vec![],
    };
    Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .block(block)
        .render(coach, buf);
}

/// The reply line and the classifier's verdict under the options.
fn answer_lines(app: &PracticeApp<'_>) -> Vec<Line<'static>> {
    let w = words(app.lang());
    let t = &app.theme;
    let mut bottom = Vec::new();
    let prompt = if app.input.is_empty() {
        Line::from(vec![
            Span::styled("› ", t.key),
            Span::styled(w.type_hint, t.dim),
        ])
    } else {
        Line::from(vec![
            Span::styled("› ", t.key),
            Span::raw(app.input.clone()),
            Span::styled(" ", t.cursor),
        ])
    };
    bottom.push(prompt);
    if let Some(c) = &app.heard {
        let mut spans = vec![Span::styled(
            format!("{}: {}", w.heard, c.evidence_text(app.lang())),
            t.dim,
        )];
        if let Some(why) = &c.unsure {
            let msg = match why {
                Unsure::NothingHeard => w.unsure_nothing,
                Unsure::Tie(_) => w.unsure_tie,
                Unsure::NoOptionFor(_) => w.unsure_none,
                Unsure::SeveralOptions(_) => w.unsure_several,
            };
            spans.push(Span::styled(format!("  {msg}"), t.warn));
        }
        bottom.push(Line::from(spans));
    }
    bottom
}

/// The cues the classifier heard, with the moves in words:
/// "'ik begrijp' → begrip tonen", or "—".
/// Exact rows `lines` take word-wrapped into `width` columns.
fn line_count(lines: &[Line<'_>], width: u16) -> u16 {
    let n = Paragraph::new(lines.to_vec())
        .wrap(Wrap { trim: false })
        .line_count(width.max(1));
    u16::try_from(n).unwrap_or(u16::MAX)
}

fn render_answer(app: &PracticeApp<'_>, area: Rect, options: Vec<Line<'static>>, buf: &mut Buffer) {
    let w = words(app.lang());
    let block = pane(app, w.answer.to_owned());
    let inner = block.inner(area);
    block.render(area, buf);
    let bottom = answer_lines(app);
    // The prompt and the verdict stay visible; the options get the rest.
    let bottom_h = line_count(&bottom, inner.width).min(inner.height);
    let [top, low] =
        Layout::vertical([Constraint::Min(0), Constraint::Length(bottom_h)]).areas(inner);
    Paragraph::new(options)
        .wrap(Wrap { trim: false })
        .render(top, buf);
    Paragraph::new(bottom)
        .wrap(Wrap { trim: false })
        .render(low, buf);
}

/// The score screen's lines: score, ending, breakdown, mistakes and the
/// feedback per turn. Also printed by `callcoach practice --answers`.
pub fn result_lines(
    s: &Session<'_>,
    grade: &Grade,
    t: &Theme,
    saved: Option<&Result<(), String>>,
) -> Vec<Line<'static>> {
    let lang = s.scenario.language;
    let w = words(lang);
    let cite = |id: &str| cite(s.scenario, id);
    let mut lines = vec![
        Line::from(vec![
            Span::styled(format!("{} {}/100", w.score, grade.score), t.title),
            Span::raw(" — "),
            if grade.passed {
                Span::styled(format!("✓ {}", w.passed), t.ok)
            } else {
                Span::styled(format!("✗ {}", w.failed), t.error)
            },
            Span::styled(format!(" ({} {})", w.pass_mark, grade.pass_mark), t.dim),
        ]),
        Line::raw(format!(
            "{}: {} · {} {}",
            w.ending,
            s.ending
                .map_or_else(|| "—".to_owned(), |e| i18n::ending_name(e.as_str(), lang)),
            w.mood,
            mood_meter(s.mood, 10)
        )),
    ];
    match saved {
        Some(Ok(())) => lines.push(Line::styled(w.saved, t.dim)),
        Some(Err(e)) => lines.push(Line::styled(
            format!("{}: {}", w.not_saved, sanitize_line(e)),
            t.error,
        )),
        None => {}
    }
    lines.push(Line::raw(""));
    for c in &grade.checks {
        let (mark, style) = if !c.applicable {
            ("–", t.dim)
        } else if c.earned == c.max {
            ("✓", t.ok)
        } else {
            ("✗", t.warn)
        };
        let pts = if c.applicable {
            format!("{:>2}/{}", c.earned, c.max)
        } else {
            w.na.to_owned()
        };
        lines.push(Line::from(vec![
            Span::styled(format!("{mark} "), style),
            Span::raw(format!("{:<64}", c.check.label(lang))),
            Span::styled(pts, style),
        ]));
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled(format!("{}:", w.mistakes), t.title));
    if grade.mistakes.is_empty() {
        lines.push(Line::raw(w.none));
    }
    for m in &grade.mistakes {
        lines.push(Line::from(vec![
            Span::styled(format!("• {}: ", m.moment), t.warn),
            Span::raw(sanitize_line(&m.what)),
        ]));
        lines.push(Line::styled(
            format!(
                "  {}: {} ({}: {})",
                w.better,
                sanitize_line(&m.better),
                w.source,
                cite(&m.source)
            ),
            t.dim,
        ));
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled(format!("{}:", w.feedback), t.title));
    for turn in &s.turns {
        lines.push(Line::from(vec![
            Span::styled(
                format!(
                    "{} {} → {}: ",
                    score::Moment::Turn {
                        number: turn.number,
                        beat: turn.beat.clone()
                    }
                    .describe(lang),
                    turn.option,
                    i18n::move_name(turn.act.as_str(), lang)
                ),
                t.current,
            ),
            Span::raw(sanitize_line(&turn.feedback)),
            Span::styled(format!(" ({}: {})", w.source, cite(&turn.source)), t.dim),
        ]));
    }
    lines
}

fn render_result(app: &PracticeApp<'_>, area: Rect, buf: &mut Buffer) {
    let Some(grade) = &app.grade else { return };
    let w = words(app.lang());
    let [head, body, foot] = Layout::vertical([
        Constraint::Length(2),
        Constraint::Min(3),
        Constraint::Length(1),
    ])
    .areas(area);
    Paragraph::new(header_lines(app)).render(head, buf);
    let block = pane(app, w.score.to_owned());
    Paragraph::new(result_lines(
        &app.session,
        grade,
        &app.theme,
        app.saved.as_ref(),
    ))
    .wrap(Wrap { trim: false })
    .scroll((app.scroll, 0))
    .block(block)
    .render(body, buf);
    Paragraph::new(Line::styled(
        footer(Context::Result, app.lang()),
        app.theme.dim,
    ))
    .render(foot, buf);
}
