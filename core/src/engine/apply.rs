//! Applying: folding one event into the state. Total, and blind to the playbook.

use super::event::{Event, EventKind, TickSource, Timestamp};
use super::state::{CallState, SaidLine, Skip};
use crate::stage::StageId;

impl CallState {
    /// Folds one event into the state. Total: an event that no longer makes
    /// sense (e.g. removing an unknown agreement) changes nothing.
    pub fn apply(&mut self, e: &Event) {
        // Clocks never run backwards, even if the wall clock did.
        let at = e.at.max(self.last_event_at);
        self.last_event_at = at;
        match &e.kind {
            EventKind::Started(_) => {}
            EventKind::StageEntered { stage, skipped } => {
                self.resume_clock(at);
                if *stage > self.stage {
                    // Stages jumped over were never visited: not "done".
                    let visited = StageId::ALL[self.stage.index()..stage.index()]
                        .iter()
                        .filter(|s| self.reached.contains(s))
                        .copied()
                        .collect::<Vec<_>>();
                    self.passed.extend(visited);
                }
                self.switch_stage(*stage, at);
                if !skipped.is_empty() {
                    self.skips.push(Skip {
                        at,
                        to: *stage,
                        items: skipped.clone(),
                    });
                }
            }
            EventKind::ItemChecked { item, by } => {
                self.checked.insert(item.clone(), *by);
            }
            EventKind::ItemUnchecked { item } => {
                if self
                    .checked
                    .remove(item)
                    .is_some_and(TickSource::is_automatic)
                {
                    self.dismissed_cues.insert(item.clone());
                }
            }
            EventKind::PhraseUsed { stage, index } => {
                self.phrases_used.insert((*stage, *index));
            }
            EventKind::Escalated { from } => {
                self.escalations.push((at, *from));
                // Back to square one (`zes-stappen`): the customer must be
                // heard and acknowledged again.
                self.checked
                    .retain(|k, _| !matches!(k.stage, StageId::Listen | StageId::Acknowledge));
                self.dismissed_cues
                    .retain(|k| !matches!(k.stage, StageId::Listen | StageId::Acknowledge));
                // Every stage from here on has to be gone through again.
                self.passed.clear();
                self.switch_stage(StageId::Listen, at);
            }
            EventKind::DecisionAnswered { question, yes } => {
                self.decision.insert(question.clone(), *yes);
            }
            EventKind::MarkedDifficult { difficult } => self.marked_difficult = *difficult,
            EventKind::AgreementRecorded(a) => {
                self.next_agreement = self.next_agreement.max(a.id.saturating_add(1));
                self.agreements.retain(|x| x.id != a.id);
                self.agreements.push(a.clone());
            }
            EventKind::AgreementRemoved { id } => self.agreements.retain(|a| a.id != *id),
            EventKind::AgreementChanged(a) => {
                if let Some(x) = self.agreements.iter_mut().find(|x| x.id == a.id) {
                    *x = a.clone();
                }
            }
            EventKind::AddressSet { address } => self.address = address.clone(),
            EventKind::FollowUpPlanned(f) => self.follow_up = Some(f.clone()),
            EventKind::FollowUpClosed(r) => self.follow_up_result = Some(r.clone()),
            EventKind::EvaluationAnswered { question, answer } => {
                self.evaluation.insert(question.clone(), answer.clone());
            }
            EventKind::CauseSet { cause } => self.cause = Some(cause.clone()),
            EventKind::Paused => {
                if self.paused_since.is_none() && self.ended.is_none() {
                    self.stop_clock(at);
                    self.paused_since = Some(at);
                }
            }
            EventKind::Resumed => self.resume_clock(at),
            EventKind::Ended { outcome } => {
                self.resume_clock(at);
                self.stop_clock(at);
                self.ended = Some((at, *outcome));
            }
            EventKind::Reopened => {
                if self.ended.take().is_some() {
                    self.running_since = Some(at);
                }
            }
            EventKind::Said { speaker, text } => self.transcript.push(SaidLine {
                at,
                speaker: speaker.clone(),
                text: text.clone(),
            }),
        }
    }

    pub(super) fn stop_clock(&mut self, at: Timestamp) {
        if let Some(since) = self.running_since.take() {
            self.stage_ms[self.stage.index()] += (at - since).max(0);
        }
    }

    pub(super) fn resume_clock(&mut self, at: Timestamp) {
        if let Some(since) = self.paused_since.take() {
            self.paused_ms += (at - since).max(0);
            if self.ended.is_none() {
                self.running_since = Some(at);
            }
        }
    }

    fn switch_stage(&mut self, stage: StageId, at: Timestamp) {
        let running = self.running_since.is_some();
        self.stop_clock(at);
        self.stage = stage;
        self.reached.insert(stage);
        self.path.push((stage, at));
        if running {
            self.running_since = Some(at);
        }
    }
}
