//! What each action of the call screen's key table does: the body of the
//! pure update, one small function per group of actions.

use super::checklist;
use super::content;
use super::form::{Form, FormKind};
use super::keys::{Action, Context};
use super::layout;
use super::record;
use super::state::{App, CTRL_C_MS, Effect, Overlay, Screen};
use super::summary;
use crate::engine::{CallOutcome, Command, ItemRef, Refusal};
use crate::stage::StageId;
use crate::tui::keymap;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;

/// Lines a page key scrolls.
const PAGE: u16 = 10;

/// Does what `action` asks; `key` is the key that asked (for its digit).
pub(super) fn act(app: &mut App, action: Action, key: &KeyEvent, fx: &mut Vec<Effect>) {
    match action {
        Action::Help => toggle_help(app),
        Action::PrevStage | Action::NextStage | Action::Escalate | Action::EndCall => {
            stage_action(app, action, fx)
        }
        Action::ToggleItem => toggle_item(app, keymap::digit(key), fx),
        Action::SelectUp | Action::SelectDown => {
            let n = app.pb().stage(app.state.stage).checklist.len();
            let cur = checklist::selected(app);
            let next = if action == Action::SelectDown {
                (cur + 1).min(n.saturating_sub(1))
            } else {
                cur.saturating_sub(1)
            };
            app.checklist_cursor = Some((app.state.stage, next));
        }
        Action::NextPhrase => app.phrase_cursor = app.phrase_cursor.wrapping_add(1),
        // The phrase stays on screen with its mark (F4 moves on).
        Action::UsePhrase => record::use_phrase(app, fx),
        Action::AddressForm => record::open_address(app),
        Action::Agreements => record::open_agreements(app),
        Action::Withdraw => record::withdraw(app, fx),
        Action::Decision => {
            app.overlay = Some(Overlay::Decision {
                selected: 0,
                scroll: 0,
            })
        }
        Action::AgreementForm | Action::FollowUpForm | Action::EvaluationForm => {
            open_form(app, action)
        }
        Action::Quit | Action::Interrupt | Action::Suspend | Action::Finish => {
            leave(app, action, fx)
        }
        Action::EscPrefix => app.esc_at = Some(app.now),
        Action::History => toggle_history(app),
        Action::TranscriptPane => app.live.pane = !app.live.pane && app.live.active(),
        Action::CycleOutcome => cycle_outcome(app, fx),
        Action::CycleCause => cycle_cause(app, fx),
        Action::Close => close(app, fx),
        Action::Up if app.context() == Context::Decision => select(app, false),
        Action::Down if app.context() == Context::Decision => select(app, true),
        Action::Up if app.context() == Context::Agreements => record::select(app, false),
        Action::Down if app.context() == Context::Agreements => record::select(app, true),
        Action::Up => scroll(app, -1),
        Action::Down => scroll(app, 1),
        Action::PageUp => scroll(app, -i32::from(PAGE)),
        Action::PageDown => scroll(app, i32::from(PAGE)),
        Action::Yes | Action::No => answer(app, action == Action::Yes, fx),
        Action::MarkDifficult => {
            let mark = !app.state.marked_difficult;
            app.command(Command::MarkDifficult(mark), fx).ok();
        }
        Action::NextField | Action::PrevField => {
            if let Some(Overlay::Form(f)) = &mut app.overlay {
                f.move_focus(if action == Action::NextField { 1 } else { -1 });
            }
        }
        Action::DateShortcut => {
            let now = app.now;
            if let (Some(Overlay::Form(f)), Some(d)) = (&mut app.overlay, keymap::digit(key)) {
                f.set_days(d, now);
            }
        }
        Action::Confirm => confirm(app, fx),
        Action::CopySummary | Action::CopyEmail | Action::SaveFile => export(app, action, fx),
        Action::CopyNotes | Action::RetrySave | Action::QuitUnsaved => {
            super::unsaved::act(app, action, fx)
        }
    }
}

fn toggle_help(app: &mut App) {
    app.overlay = match app.overlay {
        Some(Overlay::Help { .. }) => None,
        _ => Some(Overlay::Help { scroll: 0 }),
    }
}

fn toggle_history(app: &mut App) {
    app.overlay = match app.overlay {
        Some(Overlay::History { .. }) => None,
        _ if app.has_history() => Some(Overlay::History { scroll: 0 }),
        _ => {
            let w = app.words();
            app.notify(w.no_history);
            None
        }
    }
}

/// Moving through the stages: back, on, back to listen, or the end.
fn stage_action(app: &mut App, action: Action, fx: &mut Vec<Effect>) {
    let w = app.words();
    match action {
        Action::PrevStage => {
            if let Some(prev) = app.state.stage.prev() {
                goto(app, prev, false, fx);
            }
        }
        Action::NextStage => match app.state.stage.next() {
            Some(next) => goto(app, next, false, fx),
            None => app.notify(w.last_stage),
        },
        Action::Escalate => {
            if app.command(Command::Escalate, fx).is_ok() {
                app.phrase_cursor = 0;
                app.notify(w.escalated);
            } else {
                app.notify(w.not_now);
            }
        }
        _ => end_call(app, fx),
    }
}

pub(super) fn end_call(app: &mut App, fx: &mut Vec<Effect>) {
    app.flush_notes(fx);
    let mut outcome = app.state.suggested_outcome(app.pb());
    // Agreements typed as `A:` lines count as much as the form's.
    if outcome == CallOutcome::Unresolved && !app.markers.agreements.is_empty() {
        outcome = if app.state.follow_up.is_some() {
            CallOutcome::ResolvedWithFollowUp
        } else {
            CallOutcome::Resolved
        };
    }
    app.command(Command::End(outcome), fx).ok();
    app.overlay = None;
    app.screen = Screen::Summary { scroll: 0 };
}

/// Ticks or unticks item `digit` (1-based) of the current stage, when the
/// agent can see it.
fn toggle_item(app: &mut App, digit: Option<usize>, fx: &mut Vec<Effect>) {
    let stage = app.state.stage;
    let area = Rect::new(0, 0, app.size.0, app.size.1);
    let pane = layout::call_layout(app, area).checklist;
    let view = checklist::view(
        app,
        pane.width.saturating_sub(2),
        pane.height.saturating_sub(2),
    );
    if let Some(d) = digit
        && d <= app.pb().stage(stage).checklist.len()
        && !view.shows(d - 1)
    {
        let w = app.words();
        app.notify(w.item_not_visible);
        return;
    }
    let item = digit
        .and_then(|d| app.pb().stage(stage).checklist.get(d - 1))
        .map(|i| ItemRef::new(stage, i.id.clone()));
    if let Some(item) = item
        && app.command(Command::Toggle(item), fx).is_err()
    {
        let w = app.words();
        app.notify(w.not_now);
    }
}

fn open_form(app: &mut App, action: Action) {
    let w = app.words();
    let form = match action {
        Action::AgreementForm => Form::new(FormKind::Agreement, w),
        Action::FollowUpForm if app.follow_up_mode => Form::new(FormKind::FollowUpResult, w),
        Action::FollowUpForm => Form::new(FormKind::FollowUp, w),
        _ if app.pb().evaluation.questions.is_empty() => {
            app.notify(w.no_evaluation);
            return;
        }
        _ => Form::evaluation(&app.setup.playbook, &app.state, w),
    };
    app.overlay = Some(Overlay::Form(form));
}

/// Quitting, Ctrl-C, suspending, and finishing on the summary.
fn leave(app: &mut App, action: Action, fx: &mut Vec<Effect>) {
    let w = app.words();
    let now = app.now;
    match action {
        Action::Quit => {
            if !app.setup.persistent && !app.notes.is_empty() && !app.quit_armed {
                app.quit_armed = true;
                app.notify(w.unsaved_quit);
            } else {
                app.quit(fx);
            }
        }
        Action::Interrupt => {
            if app.last_ctrl_c.is_some_and(|t| now - t <= CTRL_C_MS) {
                app.quit_armed = true;
                app.quit(fx);
            } else {
                app.last_ctrl_c = Some(now);
                app.notify(w.ctrl_c);
            }
        }
        Action::Suspend => {
            app.flush_notes(fx);
            // Time at the shell is not talk time.
            app.suspended_pause = app.command(Command::Pause, fx).is_ok();
            fx.push(Effect::Suspend);
        }
        _ => {
            app.flush_notes(fx);
            fx.push(Effect::Quit);
        }
    }
}

fn cycle_cause(app: &mut App, fx: &mut Vec<Effect>) {
    let causes = &app.pb().evaluation.causes;
    let next = match &app.state.cause {
        Some(id) => causes
            .iter()
            .position(|c| &c.id == id)
            .map_or(0, |i| (i + 1) % causes.len()),
        None => 0,
    };
    match causes.get(next).map(|c| c.id.clone()) {
        Some(id) => {
            app.command(Command::SetCause(id), fx).ok();
        }
        None => {
            let w = app.words();
            app.notify(w.no_causes);
        }
    }
}

/// Moves the selection in the decision panel by one question.
fn select(app: &mut App, down: bool) {
    let nq = app.pb().decision.questions.len().max(1);
    if let Some(Overlay::Decision { selected, .. }) = &mut app.overlay {
        *selected = if down {
            (*selected + 1) % nq
        } else {
            (*selected + nq - 1) % nq
        };
    }
}

/// Scrolls the help, history, decision panel or summary by `delta` lines,
/// stopping where the last line is at the top.
fn scroll(app: &mut App, delta: i32) {
    let cols = app.size.0;
    let inner = |popup_w: u16| popup_w.min(cols).saturating_sub(2);
    let len = match (&app.overlay, app.screen) {
        (Some(Overlay::Help { .. }), _) => {
            content::wrapped_len(&content::help_lines(app), inner(96))
        }
        (Some(Overlay::History { .. }), _) => match &app.setup.history {
            Some(h) => content::wrapped_len(&content::history_lines(app, h), inner(90)),
            None => 0,
        },
        (Some(Overlay::Decision { selected, .. }), _) => {
            content::wrapped_len(&content::decision_lines(app, *selected), inner(100))
        }
        (None, Screen::Summary { .. }) => summary::rows(app).len(),
        _ => 0,
    };
    let max = u16::try_from(len.saturating_sub(1)).unwrap_or(u16::MAX);
    let step = |v: u16| {
        let moved = i32::from(v) + delta;
        u16::try_from(moved.max(0)).unwrap_or(u16::MAX).min(max)
    };
    match (&mut app.overlay, &mut app.screen) {
        (
            Some(
                Overlay::Help { scroll }
                | Overlay::History { scroll }
                | Overlay::Decision { scroll, .. },
            ),
            _,
        )
        | (None, Screen::Summary { scroll }) => *scroll = step(*scroll),
        _ => {}
    }
}

/// Answers the selected decision question and selects the next one.
fn answer(app: &mut App, yes: bool, fx: &mut Vec<Effect>) {
    if let Some(Overlay::Decision { selected, scroll }) = app.overlay {
        let q = app
            .pb()
            .decision
            .questions
            .get(selected)
            .map(|q| q.id.clone());
        if let Some(question) = q {
            app.command(Command::AnswerDecision { question, yes }, fx)
                .ok();
            let nq = app.pb().decision.questions.len().max(1);
            app.overlay = Some(Overlay::Decision {
                selected: (selected + 1).min(nq - 1),
                scroll,
            });
        }
    }
}

/// Copies or saves the summary or the e-mail.
fn export(app: &mut App, action: Action, fx: &mut Vec<Effect>) {
    let w = app.words();
    match action {
        Action::CopySummary => {
            fx.push(Effect::Clipboard(summary::summary_text(app)));
            app.notify(w.copied);
        }
        Action::CopyEmail => {
            let email = app.summary().email(app.pb());
            fx.push(Effect::Clipboard(format!(
                "{}\n\n{}",
                email.subject, email.body
            )));
            app.notify(w.copied);
        }
        _ => {
            let name = summary::file_name(app);
            let contents = summary::markdown(app);
            fx.push(Effect::SaveFile { name, contents });
        }
    }
}

fn goto(app: &mut App, to: StageId, force: bool, fx: &mut Vec<Effect>) {
    let w = app.words();
    match app.command(Command::GoTo { stage: to, force }, fx) {
        Ok(()) => {
            app.phrase_cursor = 0;
            app.overlay = None;
        }
        Err(Refusal::RequiredOpen(items)) => {
            let texts = items
                .iter()
                .map(|i| {
                    app.pb()
                        .item(i.stage, &i.item)
                        .map_or_else(|| i.item.clone(), |it| it.text.clone())
                })
                .collect();
            app.overlay = Some(Overlay::ConfirmSkip { to, items: texts });
        }
        Err(_) => app.notify(w.not_now),
    }
}

/// The order the summary's `o` key walks through.
const OUTCOMES: [CallOutcome; 4] = [
    CallOutcome::Resolved,
    CallOutcome::ResolvedWithFollowUp,
    CallOutcome::PartedWays,
    CallOutcome::Unresolved,
];

/// Changes the ended call's outcome to the next one. The engine only ends
/// an open call, so this reopens and ends it again at the same moment: the
/// log says what happened, replay gives the same state, and no talk time
/// is added.
fn cycle_outcome(app: &mut App, fx: &mut Vec<Effect>) {
    let Some(current) = app.state.ended.map(|(_, o)| o) else {
        return;
    };
    let i = OUTCOMES.iter().position(|o| *o == current).unwrap_or(0);
    let next = OUTCOMES[(i + 1) % OUTCOMES.len()];
    if app.command(Command::Reopen, fx).is_ok() {
        app.command(Command::End(next), fx).ok();
    }
}

fn close(app: &mut App, fx: &mut Vec<Effect>) {
    match app.overlay.take() {
        Some(Overlay::Unsaved { .. }) => return super::unsaved::back(app, fx),
        Some(_) => return,
        None => {}
    }
    if let Screen::Summary { .. } = app.screen {
        app.command(Command::Reopen, fx).ok();
        app.screen = Screen::Call;
    }
}

fn confirm(app: &mut App, fx: &mut Vec<Effect>) {
    let w = app.words();
    let today = app.today();
    match app.overlay.take() {
        Some(Overlay::ConfirmSkip { to, .. }) => goto(app, to, true, fx),
        Some(Overlay::Agreements { selected }) => record::edit_selected(app, selected),
        Some(Overlay::Form(mut form)) => match form.submit(today, w) {
            Some(cmds) if record::past_date_unconfirmed(app, &mut form, &cmds, today) => {
                app.overlay = Some(Overlay::Form(form));
            }
            Some(cmds) => {
                let done = match form.kind {
                    FormKind::Agreement => w.agreement_added.to_owned(),
                    FormKind::FollowUp => w.followup_planned.to_owned(),
                    FormKind::FollowUpResult => w.followup_closed.to_owned(),
                    FormKind::Evaluation => w.evaluation_saved.to_owned(),
                    FormKind::Address | FormKind::EditAgreement { .. } => {
                        record::done_text(app, &cmds)
                    }
                };
                let mut result = Ok(());
                for cmd in cmds {
                    // An evaluation question left empty is not an answer
                    // (unless it clears an earlier one).
                    if let Command::AnswerEvaluation { question, answer } = &cmd
                        && answer.is_empty()
                        && !app.state.evaluation.contains_key(question)
                    {
                        continue;
                    }
                    match app.command(cmd, fx) {
                        Ok(()) | Err(Refusal::NoChange) => {}
                        Err(e) => result = Err(e),
                    }
                }
                match result {
                    Ok(()) => app.notify(&done),
                    Err(_) => {
                        form.error = Some(w.not_now.to_owned());
                        app.overlay = Some(Overlay::Form(form));
                    }
                }
            }
            None => app.overlay = Some(Overlay::Form(form)),
        },
        other => app.overlay = other,
    }
}
