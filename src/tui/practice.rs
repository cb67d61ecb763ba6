//! The practice screen: a scripted customer, a mood meter, the stage rail
//! and checklist of the playbook trained (hidden in exam mode), the options
//! and a typed-reply line; at the end, the score screen.
//!
//! Elm-style like the call screen: [`PracticeApp`] is the state,
//! [`PracticeApp::key`] the pure update returning [`Effect`]s, and
//! [`draw`] a pure function of the state. [`run`] is the thin event loop.

use crate::classify::{Classification, Unsure};
use crate::engine::StageStatus;
use crate::playbook::{Language, Playbook};
use crate::practice::{ReplyResult, Session, Speaker};
use crate::scenario::{Cues, Scenario};
use crate::score::{self, Grade};
use crate::stage::StageId;
use crate::text::sanitize_line;
use crate::tui::theme::Theme;
use ratatui::Frame;

pub mod pick;
pub mod term;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Widget, Wrap};

/// What the shell should do after an update.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Effect {
    /// The session just finished: store the result.
    SaveResult,
    /// Leave the screen.
    Quit,
}

/// Feedback shown to the trainee after an answer (coached mode).
#[derive(Clone, Debug, PartialEq)]
pub struct Coaching {
    /// The option's feedback.
    pub feedback: String,
    /// Its source id.
    pub source: String,
}

/// The practice screen's state.
pub struct PracticeApp<'a> {
    /// The session played.
    pub session: Session<'a>,
    /// The playbook trained, for stage titles and checklists (if found).
    pub pb: Option<&'a Playbook>,
    /// Exam mode: no rail, no checklist, no feedback until the end.
    pub exam: bool,
    /// Styles.
    pub theme: Theme,
    /// Default classifier cues for the scenario's language.
    pub cues: Cues,
    /// The typed reply being written.
    pub input: String,
    /// The classifier's last verdict (shown with its evidence).
    pub heard: Option<Classification>,
    /// Feedback on the last answer (coached mode).
    pub coaching: Option<Coaching>,
    /// The grade, once finished.
    pub grade: Option<Grade>,
    /// Scroll offset of the score screen.
    pub scroll: u16,
    /// Outcome of storing the result, shown on the score screen.
    pub saved: Option<Result<(), String>>,
    /// Asked to confirm leaving an unfinished session.
    pub confirm_quit: bool,
    /// The classifier was unsure about the typed reply: digits now pick.
    pub awaiting_pick: bool,
}

/// Interface words of the practice screen and the printed result.
pub(crate) struct Words {
    pub(crate) practice: &'static str,
    pub(crate) exam: &'static str,
    pub(crate) coached: &'static str,
    pub(crate) mood: &'static str,
    pub(crate) conversation: &'static str,
    pub(crate) you: &'static str,
    pub(crate) checklist: &'static str,
    pub(crate) coach: &'static str,
    pub(crate) answer: &'static str,
    pub(crate) type_hint: &'static str,
    pub(crate) heard: &'static str,
    pub(crate) unsure_nothing: &'static str,
    pub(crate) unsure_tie: &'static str,
    pub(crate) unsure_none: &'static str,
    pub(crate) unsure_several: &'static str,
    pub(crate) footer: &'static str,
    pub(crate) footer_end: &'static str,
    pub(crate) confirm_quit: &'static str,
    pub(crate) score: &'static str,
    pub(crate) passed: &'static str,
    pub(crate) failed: &'static str,
    pub(crate) pass_mark: &'static str,
    pub(crate) ending: &'static str,
    pub(crate) feedback: &'static str,
    pub(crate) mistakes: &'static str,
    pub(crate) better: &'static str,
    pub(crate) source: &'static str,
    pub(crate) none: &'static str,
    pub(crate) saved: &'static str,
    pub(crate) not_saved: &'static str,
    pub(crate) na: &'static str,
    pub(crate) situation: &'static str,
    pub(crate) wants: &'static str,
}

pub(crate) fn words(lang: Language) -> Words {
    match lang {
        Language::Nl => Words {
            practice: "Oefenen",
            exam: "examen",
            coached: "met coaching",
            mood: "Stemming",
            conversation: "Gesprek",
            you: "Jij",
            checklist: "Checklist",
            coach: "Coach",
            answer: "Jouw antwoord",
            type_hint: "typ een eigen antwoord en druk Enter, of kies een nummer",
            heard: "gehoord",
            unsure_nothing: "Niets herkend — kies een optie met een cijfer.",
            unsure_tie: "Twijfel tussen meerdere zetten — kies een optie met een cijfer.",
            unsure_none: "Geen optie doet dat hier — kies een optie met een cijfer.",
            unsure_several: "Meerdere opties passen — kies er een met een cijfer.",
            footer: "1–9 kies · typen + Enter eigen antwoord · Esc wissen · Ctrl-C stoppen",
            footer_end: "↑↓ PgUp PgDn scrollen · q of Esc afsluiten",
            confirm_quit: "Stoppen zonder resultaat? j = ja, andere toets = verder",
            score: "Score",
            passed: "geslaagd",
            failed: "niet geslaagd",
            pass_mark: "grens",
            ending: "Einde",
            feedback: "Feedback per beurt",
            mistakes: "Verbeterpunten",
            better: "Beter",
            source: "bron",
            none: "Geen — netjes gedaan.",
            saved: "Resultaat opgeslagen.",
            not_saved: "Resultaat niet opgeslagen",
            na: "n.v.t.",
            situation: "Situatie",
            wants: "Wil",
        },
        Language::En => Words {
            practice: "Practice",
            exam: "exam",
            coached: "coached",
            mood: "Mood",
            conversation: "Conversation",
            you: "You",
            checklist: "Checklist",
            coach: "Coach",
            answer: "Your answer",
            type_hint: "type your own answer and press Enter, or pick a number",
            heard: "heard",
            unsure_nothing: "Nothing recognised — pick an option with a digit.",
            unsure_tie: "Torn between moves — pick an option with a digit.",
            unsure_none: "No option here does that — pick an option with a digit.",
            unsure_several: "Several options fit — pick one with a digit.",
            footer: "1–9 pick · type + Enter own answer · Esc clear · Ctrl-C stop",
            footer_end: "↑↓ PgUp PgDn scroll · q or Esc quit",
            confirm_quit: "Stop without a result? y = yes, any other key = continue",
            score: "Score",
            passed: "passed",
            failed: "not passed",
            pass_mark: "pass mark",
            ending: "Ending",
            feedback: "Feedback per turn",
            mistakes: "To improve",
            better: "Better",
            source: "source",
            none: "None — well done.",
            saved: "Result saved.",
            not_saved: "Result not saved",
            na: "n/a",
            situation: "Situation",
            wants: "Wants",
        },
    }
}

impl<'a> PracticeApp<'a> {
    /// A new session of `scenario`.
    pub fn new(scenario: &'a Scenario, pb: Option<&'a Playbook>, exam: bool, theme: Theme) -> Self {
        PracticeApp {
            session: Session::new(scenario),
            pb,
            exam,
            theme,
            cues: crate::classify::default_cues(scenario.language),
            input: String::new(),
            heard: None,
            coaching: None,
            grade: None,
            scroll: 0,
            saved: None,
            confirm_quit: false,
            awaiting_pick: false,
        }
    }

    fn lang(&self) -> Language {
        self.session.scenario.language
    }

    /// Handles a key; returns what the shell should do.
    pub fn key(&mut self, k: KeyEvent) -> Vec<Effect> {
        if k.kind == KeyEventKind::Release {
            return vec![];
        }
        let ctrl = k.modifiers.contains(KeyModifiers::CONTROL);
        if self.grade.is_some() {
            return self.key_end(k, ctrl);
        }
        if self.confirm_quit {
            self.confirm_quit = false;
            return match k.code {
                KeyCode::Char('y' | 'j' | 'Y' | 'J') => vec![Effect::Quit],
                _ => vec![],
            };
        }
        match k.code {
            KeyCode::Char('c' | 'q') if ctrl => {
                self.confirm_quit = true;
                vec![]
            }
            // Digits pick when nothing is typed, after an unsure verdict, or with Alt.
            KeyCode::Char(d @ '1'..='9')
                if !ctrl
                    && (self.input.is_empty()
                        || self.awaiting_pick
                        || k.modifiers.contains(KeyModifiers::ALT)) =>
            {
                let index = (d as usize) - ('1' as usize);
                self.pick(index)
            }
            KeyCode::Char(c) if !ctrl => {
                if !crate::text::is_forbidden_char(c) && self.input.chars().count() < 300 {
                    self.input.push(c);
                }
                self.awaiting_pick = false;
                vec![]
            }
            KeyCode::Backspace => {
                self.input.pop();
                self.awaiting_pick = false;
                vec![]
            }
            KeyCode::Esc => {
                if self.input.is_empty() {
                    self.confirm_quit = true;
                } else {
                    self.input.clear();
                    self.awaiting_pick = false;
                }
                vec![]
            }
            KeyCode::Enter if !self.input.trim().is_empty() => self.submit(),
            _ => vec![],
        }
    }

    /// Pastes text into the reply line (one line; controls dropped).
    pub fn paste(&mut self, text: &str) {
        let clean = sanitize_line(text);
        for c in clean.chars() {
            if self.input.chars().count() >= 300 {
                break;
            }
            self.input.push(c);
        }
    }

    fn key_end(&mut self, k: KeyEvent, ctrl: bool) -> Vec<Effect> {
        match k.code {
            KeyCode::Char('q') | KeyCode::Esc | KeyCode::Enter => vec![Effect::Quit],
            KeyCode::Char('c') if ctrl => vec![Effect::Quit],
            KeyCode::Down | KeyCode::Char('j') => {
                self.scroll = self.scroll.saturating_add(1);
                vec![]
            }
            KeyCode::Up | KeyCode::Char('k') => {
                self.scroll = self.scroll.saturating_sub(1);
                vec![]
            }
            KeyCode::PageDown | KeyCode::Char(' ') => {
                self.scroll = self.scroll.saturating_add(10);
                vec![]
            }
            KeyCode::PageUp => {
                self.scroll = self.scroll.saturating_sub(10);
                vec![]
            }
            KeyCode::Home => {
                self.scroll = 0;
                vec![]
            }
            _ => vec![],
        }
    }

    fn pick(&mut self, index: usize) -> Vec<Effect> {
        if self.session.choose(index).is_err() {
            return vec![];
        }
        self.heard = None;
        self.after_turn()
    }

    fn submit(&mut self) -> Vec<Effect> {
        let text = sanitize_line(self.input.trim());
        match self.session.reply(&text, &self.cues) {
            Ok(ReplyResult::Taken(c)) => {
                self.heard = Some(c);
                self.input.clear();
                self.after_turn()
            }
            Ok(ReplyResult::Unsure(c)) => {
                self.heard = Some(c);
                self.awaiting_pick = true;
                vec![]
            }
            Err(_) => vec![],
        }
    }

    fn after_turn(&mut self) -> Vec<Effect> {
        self.input.clear();
        self.awaiting_pick = false;
        self.coaching = self.session.turns.last().map(|t| Coaching {
            feedback: t.feedback.clone(),
            source: t.source.clone(),
        });
        if self.session.is_finished() {
            self.grade = Some(score::grade_session(&self.session));
            vec![Effect::SaveResult]
        } else {
            vec![]
        }
    }

    fn stage_title(&self, st: StageId) -> String {
        self.pb.map_or_else(
            || st.as_str().to_owned(),
            |p| sanitize_line(&p.stage(st).title),
        )
    }

    fn cite(&self, id: &str) -> String {
        cite(self.session.scenario, id)
    }
}

/// A source id with its title, as feedback cites it.
pub fn cite(sc: &Scenario, id: &str) -> String {
    match sc.source(id) {
        Some(s) => format!("{} — {}", sanitize_line(id), sanitize_line(&s.title)),
        None => sanitize_line(id),
    }
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

/// Lines a paragraph of `lines` occupies when wrapped at `width` (approximate:
/// word wrapping can only add lines, so this may undercount slightly; the
/// transcript then scrolls a line less than needed, never more).
fn wrapped_height(lines: &[Line<'_>], width: u16) -> u16 {
    let w = usize::from(width.max(1));
    let n: usize = lines.iter().map(|l| l.width().max(1).div_ceil(w)).sum();
    u16::try_from(n).unwrap_or(u16::MAX)
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
    let opts_h = wrapped_height(&opt_lines, inner_w).max(u16::try_from(n_opts).unwrap_or(9));
    let answer_h = (opts_h + 4).min(area.height / 2);
    let rail_h = u16::from(!app.exam);
    let [head, rail, body, answer, footer] = Layout::vertical([
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
    let h = wrapped_height(&lines, inner.width);
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
        Line::styled(w.confirm_quit, t.warn)
    } else {
        Line::styled(w.footer, t.dim)
    };
    Paragraph::new(foot).render(footer, buf);
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
        let done = matches!(app.session.stage_status(st), StageStatus::Done);
        for item in &pb.stage(st).checklist {
            let mark = if done || app.session.reached.contains(&st) {
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

fn render_answer(app: &PracticeApp<'_>, area: Rect, options: Vec<Line<'static>>, buf: &mut Buffer) {
    let w = words(app.lang());
    let t = &app.theme;
    let block = pane(app, w.answer.to_owned());
    let inner = block.inner(area);
    block.render(area, buf);
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
            format!("{}: {}", w.heard, c.evidence_text()),
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
    // The prompt and the verdict stay visible; the options get the rest.
    let bottom_h = wrapped_height(&bottom, inner.width).min(inner.height);
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
            s.ending.map_or("—", |e| e.label(lang)),
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
                    turn.act.label(lang)
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
    let [head, body, footer] = Layout::vertical([
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
    Paragraph::new(Line::styled(w.footer_end, app.theme.dim)).render(footer, buf);
}

/// Runs the practice screen in `term` until the trainee leaves; `save`
/// stores a finished session and says whether that worked. Returns the grade
/// of a finished session.
pub fn run(
    term: &mut term::Term,
    app: &mut PracticeApp<'_>,
    save: &mut dyn FnMut(&Session<'_>, &Grade) -> Result<(), String>,
) -> anyhow::Result<Option<Grade>> {
    while let Some(input) = term.next(|f| draw(f, app))? {
        let fx = match input {
            term::Input::Key(k) => app.key(k),
            term::Input::Paste(s) => {
                app.paste(&s);
                vec![]
            }
        };
        for e in fx {
            match e {
                Effect::SaveResult => {
                    if let Some(g) = &app.grade {
                        app.saved = Some(save(&app.session, g));
                    }
                }
                Effect::Quit => return Ok(app.grade.clone()),
            }
        }
    }
    Ok(app.grade.clone())
}

/// Runs the picker in `term`; the chosen entry's index, or `None`.
pub fn run_picker(
    term: &mut term::Term,
    picker: &mut pick::Picker,
) -> anyhow::Result<Option<usize>> {
    while let Some(input) = term.next(|f| picker.render(f.area(), f.buffer_mut()))? {
        if let term::Input::Key(k) = input {
            match picker.key(k) {
                pick::Picked::Start(i) => return Ok(Some(i)),
                pick::Picked::Quit => return Ok(None),
                pick::Picked::Nothing => {}
            }
        }
    }
    Ok(None)
}
