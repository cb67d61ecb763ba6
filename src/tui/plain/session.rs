//! One typed line through the call: a note into the notes, a command into
//! the engine (through the same [`App`] as the full screen), and the lines
//! to say back. Pure: time comes in, effects and lines go out.

use super::announce::{self, words};
use super::parse::{Cmd, Line};
use crate::engine::{Command, ItemRef, Refusal, Timestamp};
use crate::text::sanitize_line;
use crate::tui::call::{App, Effect, Msg, update};

/// What a line did.
#[derive(Debug, Default)]
pub struct Reply {
    /// What the shell must do (store events, save notes, quit).
    pub effects: Vec<Effect>,
    /// Lines to say (besides what [`announce::changes`] finds).
    pub lines: Vec<String>,
    /// The agent asked to leave.
    pub quit: bool,
}

/// Handles one typed line at `now`.
pub fn on_line(app: &mut App, line: Line, now: Timestamp) -> Reply {
    let mut r = Reply::default();
    match line {
        Line::Note(text) => r.effects = app.append_note_line(&text, now),
        Line::Unknown(text) => r
            .lines
            .push(words(app).unknown.replace("{line}", &sanitize_line(&text))),
        Line::Command(cmd) => command(app, cmd, now, &mut r),
    }
    r
}

fn command(app: &mut App, cmd: Cmd, now: Timestamp, r: &mut Reply) {
    let w = words(app);
    let stage = app.state.stage;
    match cmd {
        Cmd::Help => r.lines = announce::help_lines(app),
        Cmd::Stage => r.lines = announce::stage_lines(app),
        Cmd::Phrases => r.lines = announce::phrase_lines(app),
        Cmd::Next | Cmd::Skip => match stage.next() {
            Some(next) => goto(app, next, cmd == Cmd::Skip, now, r),
            None => r.lines.push(w.last_stage.to_owned()),
        },
        Cmd::Back => match stage.prev() {
            Some(prev) => goto(app, prev, false, now, r),
            None => r.lines.push(w.first_stage.to_owned()),
        },
        Cmd::Tick(None) => r.lines.push(announce::needs_number(app, 3)),
        Cmd::Tick(Some(n)) => {
            let item = n
                .checked_sub(1)
                .and_then(|i| app.pb().stage(stage).checklist.get(i))
                .map(|i| ItemRef::new(stage, i.id.clone()));
            match item {
                Some(item) => {
                    run(app, Command::Toggle(item), now, r);
                }
                None => r.lines.push(w.no_such_item.replace("{n}", &n.to_string())),
            }
        }
        Cmd::Used(None) => r.lines.push(announce::needs_number(app, 6)),
        Cmd::Used(Some(n)) => {
            let index = n
                .checked_sub(1)
                .and_then(|i| app.phrase_indices().get(i).copied());
            let rw = crate::i18n::record::words(app.setup.lang);
            match index {
                Some(index) => match app.run_command(Command::UsePhrase { stage, index }, now) {
                    Ok(fx) => {
                        r.effects.extend(fx);
                        r.lines.push(rw.phrase_marked.to_owned());
                    }
                    Err(Refusal::Ended) => r.lines.push(w.ended.to_owned()),
                    Err(_) => r.lines.push(rw.phrase_already.to_owned()),
                },
                None => r
                    .lines
                    .push(w.no_such_phrase.replace("{n}", &n.to_string())),
            }
        }
        Cmd::Agree(text) => agree(app, &text, now, r),
        Cmd::Flare => {
            let text = app.words().escalated;
            if run(app, Command::Escalate, now, r) {
                r.lines.push(text.to_owned());
            }
        }
        Cmd::Difficult => {
            let mark = !app.state.marked_difficult;
            if run(app, Command::MarkDifficult(mark), now, r) {
                r.lines.push(
                    if mark {
                        w.difficult_on
                    } else {
                        w.difficult_off
                    }
                    .to_owned(),
                );
            }
        }
        Cmd::End => {
            if app.state.is_ended() {
                r.lines.push(w.ended.to_owned());
            } else {
                r.effects.extend(app.end_call(now));
                r.lines = announce::summary_lines(app);
                r.lines.push(w.ended.to_owned());
            }
        }
        Cmd::Quit => {
            // As a closed window does: notes saved, an open call paused.
            r.effects.extend(update(app, Msg::Hangup, now));
            r.quit = true;
        }
    }
}

/// Runs `cmd`; a refusal is said. True when it ran.
fn run(app: &mut App, cmd: Command, now: Timestamp, r: &mut Reply) -> bool {
    match app.run_command(cmd, now) {
        Ok(fx) => {
            r.effects.extend(fx);
            true
        }
        Err(refusal) => {
            r.lines.push(refused(app, &refusal));
            false
        }
    }
}

fn refused(app: &App, refusal: &Refusal) -> String {
    match refusal {
        Refusal::Ended => words(app).ended.to_owned(),
        _ => app.words().not_now.to_owned(),
    }
}

fn goto(app: &mut App, to: crate::stage::StageId, force: bool, now: Timestamp, r: &mut Reply) {
    match app.run_command(Command::GoTo { stage: to, force }, now) {
        Ok(fx) => {
            app.phrase_cursor = 0;
            r.effects.extend(fx);
        }
        Err(Refusal::RequiredOpen(items)) => {
            let texts: Vec<String> = items
                .iter()
                .map(|i| {
                    app.pb()
                        .item(i.stage, &i.item)
                        .map_or_else(|| i.item.clone(), |it| sanitize_line(&it.text))
                })
                .collect();
            r.lines.push(
                words(app)
                    .required_open
                    .replace("{items}", &texts.join("; ")),
            );
        }
        Err(refusal) => r.lines.push(refused(app, &refusal)),
    }
}

/// `/agree who | what | YYYY-MM-DD` (or just what): the agreement form's
/// command, read the way an `A:` line of the notes is.
fn agree(app: &mut App, text: &str, now: Timestamp, r: &mut Reply) {
    let w = words(app);
    let parsed = crate::notes::markers(&format!("A: {}", sanitize_line(text)))
        .agreements
        .into_iter()
        .next();
    let Some(a) = parsed else {
        r.lines.push(w.needs_agreement.to_owned());
        return;
    };
    let who = if a.who.trim().is_empty() {
        app.words().we.to_owned()
    } else {
        a.who
    };
    let by_when = a.by_when;
    let cmd = Command::RecordAgreement {
        who: who.clone(),
        what: a.what.clone(),
        by_when,
    };
    match app.run_command(cmd, now) {
        Ok(fx) => {
            r.effects.extend(fx);
            let mut said = crate::export::agreement_line(&who, &a.what);
            if let Some(d) = by_when {
                said.push_str(&format!(" ({d})"));
            }
            r.lines.push(w.agreed.replace("{text}", &said));
            if let Some(d) = by_when.filter(|d| *d < app.today()) {
                r.lines.push(w.past_date.replace("{date}", &d.to_string()));
            }
        }
        Err(Refusal::EmptyAgreement) => r.lines.push(w.needs_agreement.to_owned()),
        Err(refusal) => r.lines.push(refused(app, &refusal)),
    }
}
