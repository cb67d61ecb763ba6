//! The call screen's safety net, kept apart from the screens: the
//! terminal session that never aborts when the window is gone, redaction of
//! everything on its way to the store, the clipboard or a file (with the
//! screen showing the masked form), and the last stop before quitting with
//! notes that could be saved nowhere.

use super::app::{App, Msg};
use crate::engine::CallState;
use crate::i18n::{SafetyWords, safety_words};
use crate::redact::Kind;
use crate::store::{CallSink, Rescue, redaction};
use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{KeyCode, KeyEventKind, KeyModifiers};
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};
use ratatui_textarea::{CursorMove, DataCursor};
use std::sync::mpsc::Receiver;

/// How long the masking notice stays.
const NOTICE_MS: i64 = 6000;

// ---------------------------------------------------------------------------
// The terminal session.

/// Takes over the terminal (raw mode, alternate screen). The panic hook
/// restores it without printing: `ratatui::try_init`'s hook prints, and a
/// print to a terminal that is gone panics inside the hook, which aborts
/// the process (SIGABRT, a core dump with the notes in it).
pub fn open_terminal() -> std::io::Result<DefaultTerminal> {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = ratatui::try_restore();
        previous(info);
    }));
    ratatui::crossterm::terminal::enable_raw_mode()?;
    ratatui::crossterm::execute!(
        std::io::stdout(),
        ratatui::crossterm::terminal::EnterAlternateScreen
    )?;
    ratatui::Terminal::new(ratatui::backend::CrosstermBackend::new(std::io::stdout()))
}

/// Gives the terminal back: shows the cursor and restores the screen,
/// ignoring errors (the window may be gone). The terminal is not dropped:
/// its `Drop` prints "Failed to show the cursor" to a terminal that is
/// gone, and that print panics.
pub fn close_terminal(mut terminal: DefaultTerminal) {
    let _ = terminal.show_cursor();
    let _ = ratatui::try_restore();
    std::mem::forget(terminal);
}

// ---------------------------------------------------------------------------
// Redaction on the way out.

/// The playbook's own shapes.
fn shapes(app: &App) -> Vec<crate::redact::Shape> {
    app.pb().redact_shapes()
}

/// What was masked, in words, for the notice.
fn describe(app: &App, found: &[Kind]) -> String {
    let w = safety_words(app.setup.lang);
    let mut names: Vec<String> = Vec::new();
    for k in found {
        let name = match k {
            Kind::Card => w.card.to_owned(),
            Kind::SecurityCode => w.security_code.to_owned(),
            Kind::Iban => w.iban.to_owned(),
            Kind::Bsn => w.bsn.to_owned(),
            Kind::Custom(i) => app
                .pb()
                .redact
                .get(*i)
                .map(|p| crate::text::sanitize_line(&p.name))
                .unwrap_or_default(),
        };
        if !name.is_empty() && !names.contains(&name) {
            names.push(name);
        }
    }
    w.masked.replace("{what}", &names.join(", "))
}

fn notify(app: &mut App, text: String) {
    app.notice = Some((text, app.now + NOTICE_MS));
}

/// The notes as they may be stored: masked. When something was masked the
/// editor shows the masked form too (the cursor stays where it was; undo
/// cannot bring the number back) and a one-line notice says what.
pub fn notes_for_store(app: &mut App, text: &str) -> String {
    let (masked, found) = redaction::redact_text(text, &shapes(app));
    if found.is_empty() {
        return masked;
    }
    if app.notes_text() == text {
        show_masked_notes(app, &masked);
    }
    let notice = describe(app, &found);
    notify(app, notice);
    masked
}

/// Replaces the editor's lines that differ from `masked` (masking keeps
/// every line's length, so the cursor stays valid).
fn show_masked_notes(app: &mut App, masked: &str) {
    let DataCursor(row, col) = app.notes.cursor();
    let old: Vec<String> = app.notes.lines().to_vec();
    for (i, (was, now)) in old.iter().zip(masked.split('\n')).enumerate() {
        if was == now {
            continue;
        }
        let r = u16::try_from(i).unwrap_or(u16::MAX);
        app.notes.move_cursor(CursorMove::Jump(r, 0));
        app.notes.start_selection();
        app.notes.move_cursor(CursorMove::End);
        app.notes.insert_str(now);
        app.notes.cancel_selection();
    }
    // Undo would bring the number back on screen.
    let histories = app.notes.max_histories();
    app.notes.set_max_histories(histories);
    app.notes.set_yank_text("");
    app.notes.move_cursor(CursorMove::Jump(
        u16::try_from(row).unwrap_or(u16::MAX),
        u16::try_from(col).unwrap_or(u16::MAX),
    ));
    app.markers = crate::notes::markers(&app.notes_text());
}

/// Events as they may be stored: every text masked. When something was
/// masked, the call on screen (its log and state) shows the masked form.
pub fn events_for_store(
    app: &mut App,
    events: Vec<crate::engine::Event>,
) -> Vec<crate::engine::Event> {
    let shapes = shapes(app);
    let mut found = Vec::new();
    let redacted: Vec<_> = events
        .iter()
        .map(|e| {
            let (r, f) = redaction::redact_event(e, &shapes);
            found.extend(f);
            r
        })
        .collect();
    if found.is_empty() {
        return redacted;
    }
    // The events are the last ones of the log: swap in the masked forms
    // and rebuild the state from the log (replay equals live state).
    let n = redacted.len().min(app.log.len());
    let start = app.log.len() - n;
    for (slot, r) in app.log[start..].iter_mut().zip(&redacted) {
        *slot = r.clone();
    }
    if let Some(state) = CallState::replay(&app.log) {
        app.state = state;
    }
    let notice = describe(app, &found);
    notify(app, notice);
    redacted
}

/// Text for the clipboard or a file: masked.
pub fn text_for_output(app: &App, text: &str) -> String {
    redaction::redact_text(text, &shapes(app)).0
}

// ---------------------------------------------------------------------------
// Quitting with unsaved notes.

/// Called when the program is about to end with data that could be saved
/// nowhere. Rescues it into an emergency file if any place can be written;
/// otherwise, unless the terminal is gone (`hangup`), keeps the agent on a
/// box that offers to copy the notes and quits only once they confirm.
/// Returns false when the agent went back to the call.
pub fn before_quit(
    terminal: &mut DefaultTerminal,
    app: &mut App,
    sink: &mut dyn CallSink,
    rx: &Receiver<Msg>,
    hangup: bool,
) -> bool {
    let reason = match sink.rescue() {
        Rescue::NotNeeded | Rescue::Saved(_) | Rescue::Written(_) => return true,
        Rescue::Nowhere(reason) => reason,
    };
    if hangup {
        return true;
    }
    let w = safety_words(app.setup.lang);
    let mut status: Option<String> = None;
    let mut confirm = false;
    loop {
        let body = w
            .unsaved_body
            .replace("{reason}", &crate::text::sanitize_line(&reason));
        let drawn = terminal.draw(|f| {
            super::ui::draw(f, app);
            draw_box(f, w, &body, status.as_deref());
        });
        if drawn.is_err() {
            return true;
        }
        let Ok(msg) = rx.recv() else { return true };
        match msg {
            Msg::Hangup => return true,
            Msg::Resize(wd, h) => app.size = (wd, h),
            Msg::Key(k) if k.kind != KeyEventKind::Release => {
                let ctrl = k.modifiers.contains(KeyModifiers::CONTROL);
                match k.code {
                    KeyCode::Char('c' | 'C') if !ctrl => {
                        let text = text_for_output(app, &app.notes_text());
                        super::run::osc52(&text);
                        status = Some(w.copied.replace("{n}", &text.chars().count().to_string()));
                        confirm = false;
                    }
                    KeyCode::Char('r' | 'R') if !ctrl => match sink.rescue() {
                        Rescue::Nowhere(_) => status = Some(w.still_unsaved.to_owned()),
                        _ => return true,
                    },
                    KeyCode::Esc => return false,
                    KeyCode::Char('q' | 'Q') => {
                        if confirm {
                            return true;
                        }
                        confirm = true;
                        status = Some(w.quit_confirm.to_owned());
                    }
                    _ => {}
                }
            }
            _ => {}
        }
    }
}

fn draw_box(f: &mut ratatui::Frame, w: &SafetyWords, body: &str, status: Option<&str>) {
    let area = f.area();
    let width = area.width.saturating_sub(4).min(76);
    let mut lines: Vec<Line> = vec![Line::from(body.to_owned()), Line::from("")];
    lines.extend(w.unsaved_keys.iter().map(|k| Line::from(*k)));
    if let Some(s) = status {
        lines.push(Line::from(""));
        lines.push(Line::from(s.to_owned()));
    }
    let text_rows = lines
        .iter()
        .map(|l| {
            let len = l.width() as u16;
            let inner = width.saturating_sub(2).max(1);
            len.div_ceil(inner).max(1)
        })
        .sum::<u16>();
    let height = (text_rows + 2).min(area.height);
    let r = Rect::new(
        area.x + (area.width.saturating_sub(width)) / 2,
        area.y + (area.height.saturating_sub(height)) / 2,
        width,
        height,
    );
    f.render_widget(Clear, r);
    f.render_widget(
        Paragraph::new(lines).wrap(Wrap { trim: false }).block(
            Block::default()
                .borders(Borders::ALL)
                .title(w.unsaved_title),
        ),
        r,
    );
}
