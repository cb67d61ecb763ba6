//! Deciding: whether a command is allowed now, and which events record it.
//!
//! `decide` only checks the ended-call guard and routes the command to a
//! helper where a check needs more than a line. Each
//! helper answers with the event kinds to store; `decide` stamps them with
//! the time.

use super::command::{Command, Refusal};
use super::event::{Agreement, Event, EventKind, ItemRef, TickSource, Timestamp};
use super::state::CallState;
use crate::playbook::{Playbook, RecordAction};
use crate::stage::StageId;

/// What a helper decides: the kinds of the events to store, or a refusal.
type Kinds = Result<Vec<EventKind>, Refusal>;

/// One event kind, allowed.
fn one(kind: EventKind) -> Kinds {
    Ok(vec![kind])
}

/// Refuses with `NoChange` when `same` holds, else yields `kind`.
fn unless_same(same: bool, kind: EventKind) -> Kinds {
    if same {
        Err(Refusal::NoChange)
    } else {
        one(kind)
    }
}

impl CallState {
    /// Decides whether `cmd` is allowed now and which events record it.
    /// Returns an empty list for a harmless no-op (e.g. a dismissed cue).
    pub fn decide(
        &self,
        pb: &Playbook,
        cmd: Command,
        now: Timestamp,
    ) -> Result<Vec<Event>, Refusal> {
        if self.is_ended() && !allowed_after_end(&cmd) {
            return Err(Refusal::Ended);
        }
        let kinds = match cmd {
            Command::GoTo { stage, force } => self.decide_go_to(pb, stage, force),
            Command::Escalate => one(EventKind::Escalated { from: self.stage }),
            Command::Reopen => self.decide_reopen(),
            Command::OpenFollowUp => self.decide_open_follow_up(),
            Command::Check(item, by) => self.decide_check(pb, item, by),
            Command::Uncheck(item) => self.decide_uncheck(item),
            Command::Toggle(item) => {
                if self.checked.contains_key(&item) {
                    self.decide_uncheck(item)
                } else {
                    self.decide_check(pb, item, TickSource::Manual)
                }
            }
            Command::UsePhrase { stage, index } => {
                if index >= pb.stage(stage).phrases.len() {
                    return Err(Refusal::UnknownPhrase);
                }
                let used = self.phrases_used.contains(&(stage, index));
                unless_same(used, EventKind::PhraseUsed { stage, index })
            }
            Command::RecordAgreement { who, what, by_when } => {
                let agreement = agreement(self.next_agreement, &who, &what, by_when)?;
                let mut kinds = vec![EventKind::AgreementRecorded(agreement)];
                kinds.extend(self.ticks_for(pb, RecordAction::RecordAgreement));
                Ok(kinds)
            }
            Command::EditAgreement {
                id,
                who,
                what,
                by_when,
            } => {
                let Some(old) = self.agreements.iter().find(|a| a.id == id) else {
                    return Err(Refusal::UnknownAgreement(id));
                };
                let new = agreement(id, &who, &what, by_when)?;
                unless_same(*old == new, EventKind::AgreementChanged(new))
            }
            Command::SetAddress(address) => {
                let address = address
                    .map(|a| a.trim().to_owned())
                    .filter(|a| !a.is_empty());
                unless_same(self.address == address, EventKind::AddressSet { address })
            }
            Command::RemoveAgreement(id) => {
                if !self.agreements.iter().any(|a| a.id == id) {
                    return Err(Refusal::UnknownAgreement(id));
                }
                one(EventKind::AgreementRemoved { id })
            }
            Command::PlanFollowUp(f) => {
                if self.follow_up.as_ref() == Some(&f) {
                    return Err(Refusal::NoChange);
                }
                let mut kinds = vec![EventKind::FollowUpPlanned(f)];
                kinds.extend(self.ticks_for(pb, RecordAction::PlanFollowUp));
                Ok(kinds)
            }
            Command::CloseFollowUp(r) => one(EventKind::FollowUpClosed(r)),
            Command::AnswerDecision { question, yes } => self.decide_answer(pb, question, yes),
            Command::MarkDifficult(difficult) => unless_same(
                self.marked_difficult == difficult,
                EventKind::MarkedDifficult { difficult },
            ),
            Command::AnswerEvaluation { question, answer } => {
                self.decide_evaluation(pb, question, answer)
            }
            Command::SetCause(cause) => self.decide_cause(pb, cause),
            Command::Pause => unless_same(self.paused_since.is_some(), EventKind::Paused),
            Command::Resume => unless_same(self.paused_since.is_none(), EventKind::Resumed),
            Command::End(outcome) => one(EventKind::Ended { outcome }),
            Command::Say { speaker, text } => {
                let text = text.trim().to_owned();
                unless_same(text.is_empty(), EventKind::Said { speaker, text })
            }
        };
        Ok(kinds?
            .into_iter()
            .map(|kind| Event { at: now, kind })
            .collect())
    }

    /// Ticks of the open items the playbook says `action` satisfies.
    fn ticks_for(&self, pb: &Playbook, action: RecordAction) -> Vec<EventKind> {
        pb.ticked_by(action)
            .into_iter()
            .map(|(stage, i)| ItemRef::new(stage, i.id.clone()))
            .filter(|item| !self.checked.contains_key(item))
            .map(|item| EventKind::ItemChecked {
                item,
                by: TickSource::Manual,
            })
            .collect()
    }

    /// Moving between stages: forward past open required items needs `force`.
    fn decide_go_to(&self, pb: &Playbook, stage: StageId, force: bool) -> Kinds {
        if stage == self.stage {
            return Err(Refusal::NoChange);
        }
        let mut open = Vec::new();
        if stage > self.stage {
            for s in StageId::ALL[self.stage.index()..stage.index()].iter() {
                open.extend(self.open_required(pb, *s));
            }
        }
        if !open.is_empty() && !force {
            return Err(Refusal::RequiredOpen(open));
        }
        // Entering a stage also restarts paused clocks (see `apply`).
        one(EventKind::StageEntered {
            stage,
            skipped: open,
        })
    }

    fn decide_reopen(&self) -> Kinds {
        if !self.is_ended() {
            return Err(Refusal::NotEnded);
        }
        one(EventKind::Reopened)
    }

    /// Opening at `follow_up` reopens an ended call and enters the stage
    /// without recording a skip.
    fn decide_open_follow_up(&self) -> Kinds {
        let mut kinds = Vec::new();
        if self.is_ended() {
            kinds.push(EventKind::Reopened);
        }
        if self.stage != StageId::FollowUp {
            kinds.push(EventKind::StageEntered {
                stage: StageId::FollowUp,
                skipped: Vec::new(),
            });
        }
        if kinds.is_empty() {
            return Err(Refusal::NoChange);
        }
        Ok(kinds)
    }

    fn decide_check(&self, pb: &Playbook, item: ItemRef, by: TickSource) -> Kinds {
        if pb.item(item.stage, &item.item).is_none() {
            return Err(Refusal::UnknownItem(item));
        }
        if self.checked.contains_key(&item) {
            return Err(Refusal::NoChange);
        }
        if by.is_automatic() && self.dismissed_cues.contains(&item) {
            return Ok(Vec::new());
        }
        one(EventKind::ItemChecked { item, by })
    }

    fn decide_uncheck(&self, item: ItemRef) -> Kinds {
        let open = !self.checked.contains_key(&item);
        unless_same(open, EventKind::ItemUnchecked { item })
    }

    fn decide_answer(&self, pb: &Playbook, question: String, yes: bool) -> Kinds {
        if !pb.decision.questions.iter().any(|q| q.id == question) {
            return Err(Refusal::UnknownQuestion(question));
        }
        let same = self.decision.get(&question) == Some(&yes);
        unless_same(same, EventKind::DecisionAnswered { question, yes })
    }

    fn decide_evaluation(&self, pb: &Playbook, question: String, answer: String) -> Kinds {
        if !pb.evaluation.questions.iter().any(|q| q.id == question) {
            return Err(Refusal::UnknownEvaluation(question));
        }
        let same = self.evaluation.get(&question) == Some(&answer);
        unless_same(same, EventKind::EvaluationAnswered { question, answer })
    }

    fn decide_cause(&self, pb: &Playbook, cause: String) -> Kinds {
        if !pb.evaluation.causes.iter().any(|c| c.id == cause) {
            return Err(Refusal::UnknownEvaluation(cause));
        }
        let same = self.cause.as_deref() == Some(cause.as_str());
        unless_same(same, EventKind::CauseSet { cause })
    }
}

/// An agreement with trimmed texts; who and what must not be empty.
fn agreement(
    id: u32,
    who: &str,
    what: &str,
    by_when: Option<crate::engine::Date>,
) -> Result<Agreement, Refusal> {
    let (who, what) = (who.trim().to_owned(), what.trim().to_owned());
    if what.is_empty() || who.is_empty() {
        return Err(Refusal::EmptyAgreement);
    }
    Ok(Agreement {
        id,
        who,
        what,
        by_when,
    })
}

/// Commands that still make sense once the call has ended.
fn allowed_after_end(cmd: &Command) -> bool {
    matches!(
        cmd,
        Command::Reopen
            | Command::AnswerEvaluation { .. }
            | Command::SetCause(_)
            | Command::CloseFollowUp(_)
            | Command::PlanFollowUp(_)
            | Command::MarkDifficult(_)
            | Command::SetAddress(_)
            | Command::OpenFollowUp
    )
}
