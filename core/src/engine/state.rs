//! The state of one call and the questions the shell asks of it.

use super::event::{
    Agreement, CallMeta, CallOutcome, DecisionOutcome, Event, EventKind, FollowUp, FollowUpResult,
    ItemRef, TickSource, Timestamp,
};
use crate::playbook::Playbook;
use crate::stage::StageId;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// How a stage looks on the stage rail.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum StageStatus {
    /// Not reached yet, or to be done again (after an escalation, or
    /// when the agent went back before finishing it).
    NotReached,
    /// The current stage.
    Current,
    /// Moved forward past with all required items done.
    Done,
    /// Left with required items open (override), still open.
    Skipped,
    /// Skipped, and every required item left open then was ticked later:
    /// "skipped, completed later".
    CompletedLater,
}

/// A recorded skip: required items left open when moving on.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Skip {
    /// When.
    pub at: Timestamp,
    /// The stage moved to.
    pub to: StageId,
    /// The open required items.
    pub items: Vec<ItemRef>,
}

/// A stored line of the live transcript ([`super::EventKind::Said`]).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct SaidLine {
    /// When it was heard.
    pub at: Timestamp,
    /// `agent`, `customer`, or the recogniser's own label.
    pub speaker: String,
    /// What was said (redacted).
    pub text: String,
}

/// The state of one call, derived only from its events.
#[derive(Clone, Debug, PartialEq)]
pub struct CallState {
    /// Facts fixed at the start.
    pub meta: CallMeta,
    /// When the call started.
    pub started_at: Timestamp,
    /// The current stage.
    pub stage: StageId,
    /// Stages entered at least once.
    pub reached: BTreeSet<StageId>,
    /// Every stage entry in order, with its time (the first is `listen` at start).
    pub path: Vec<(StageId, Timestamp)>,
    /// Stages the call has moved forward past (and not been sent back to
    /// redo by an escalation).
    pub passed: BTreeSet<StageId>,
    /// Ticked items and how.
    pub checked: BTreeMap<ItemRef, TickSource>,
    /// Cue-ticked items the agent unticked: cues leave them alone afterwards.
    pub dismissed_cues: BTreeSet<ItemRef>,
    /// Every skip recorded.
    pub skips: Vec<Skip>,
    /// Times the customer flared up again, with the stage it happened in.
    pub escalations: Vec<(Timestamp, StageId)>,
    /// Phrases used.
    pub phrases_used: BTreeSet<(StageId, usize)>,
    /// Decision answers by question id.
    pub decision: BTreeMap<String, bool>,
    /// The customer was marked difficult in this call.
    pub marked_difficult: bool,
    /// How the customer is addressed now (set at the start, changeable).
    pub address: Option<String>,
    /// Agreements in order of recording.
    pub agreements: Vec<Agreement>,
    pub(super) next_agreement: u32,
    /// The planned follow-up.
    pub follow_up: Option<FollowUp>,
    /// The follow-up check's result.
    pub follow_up_result: Option<FollowUpResult>,
    /// Evaluation answers by question id.
    pub evaluation: BTreeMap<String, String>,
    /// Complaint-cause category.
    pub cause: Option<String>,
    /// The stored lines of the live transcript, oldest first (empty unless
    /// the call stores its transcript).
    pub transcript: Vec<SaidLine>,
    /// Milliseconds spent in each stage, excluding the running stint.
    pub(super) stage_ms: [i64; 6],
    /// Since when the current stage's clock runs; `None` when paused or ended.
    pub(super) running_since: Option<Timestamp>,
    /// Total paused time.
    pub paused_ms: i64,
    pub(super) paused_since: Option<Timestamp>,
    /// When the call ended (if it has) and how.
    pub ended: Option<(Timestamp, CallOutcome)>,
    /// Time of the latest event.
    pub last_event_at: Timestamp,
}

impl CallState {
    /// The state right after `Started`.
    pub fn start(meta: CallMeta, at: Timestamp) -> Self {
        let address = meta.address.clone();
        CallState {
            meta,
            started_at: at,
            stage: StageId::Listen,
            reached: BTreeSet::from([StageId::Listen]),
            path: vec![(StageId::Listen, at)],
            passed: BTreeSet::new(),
            checked: BTreeMap::new(),
            dismissed_cues: BTreeSet::new(),
            skips: Vec::new(),
            escalations: Vec::new(),
            phrases_used: BTreeSet::new(),
            decision: BTreeMap::new(),
            marked_difficult: false,
            address,
            agreements: Vec::new(),
            next_agreement: 1,
            follow_up: None,
            follow_up_result: None,
            evaluation: BTreeMap::new(),
            cause: None,
            transcript: Vec::new(),
            stage_ms: [0; 6],
            running_since: Some(at),
            paused_ms: 0,
            paused_since: None,
            ended: None,
            last_event_at: at,
        }
    }

    /// Rebuilds a call from its event log. The first event must be
    /// `Started`; returns `None` for an empty or headless log.
    pub fn replay<'a>(events: impl IntoIterator<Item = &'a Event>) -> Option<Self> {
        let mut it = events.into_iter();
        let first = it.next()?;
        let EventKind::Started(meta) = &first.kind else {
            return None;
        };
        let mut state = CallState::start(meta.clone(), first.at);
        for e in it {
            state.apply(e);
        }
        Some(state)
    }

    /// Required items of `stage` that are not ticked.
    pub fn open_required(&self, pb: &Playbook, stage: StageId) -> Vec<ItemRef> {
        pb.stage(stage)
            .checklist
            .iter()
            .filter(|i| i.required)
            .map(|i| ItemRef::new(stage, i.id.clone()))
            .filter(|r| !self.checked.contains_key(r))
            .collect()
    }

    /// True when the call has ended.
    pub fn is_ended(&self) -> bool {
        self.ended.is_some()
    }

    /// True while the clocks are stopped by a pause.
    pub fn is_paused(&self) -> bool {
        self.paused_since.is_some()
    }

    /// Milliseconds spent in `stage` up to `now` (pauses excluded).
    pub fn stage_time(&self, stage: StageId, now: Timestamp) -> i64 {
        let mut ms = self.stage_ms[stage.index()];
        if stage == self.stage
            && let Some(since) = self.running_since
        {
            ms += (now - since).max(0);
        }
        ms
    }

    /// Talk time up to `now`: the sum of all stage times (pauses excluded).
    pub fn total_time(&self, now: Timestamp) -> i64 {
        StageId::ALL.iter().map(|s| self.stage_time(*s, now)).sum()
    }

    /// Milliseconds since the current stage was last entered (pauses included).
    pub fn current_stint(&self, now: Timestamp) -> i64 {
        self.running_since.map_or(0, |since| (now - since).max(0))
    }

    /// Whether the current stage has run past its time hint.
    pub fn over_time_hint(&self, pb: &Playbook, now: Timestamp) -> bool {
        pb.stage(self.stage)
            .time_hint_secs
            .is_some_and(|h| self.current_stint(now) > i64::from(h) * 1000)
    }

    /// The "not said" nudge at `now`: once the current stage has run past
    /// its time hint, its required checklist items that have `detect` cues
    /// and are still open, whose cue was neither spoken (live transcript)
    /// nor typed (notes) — an automatic tick the agent took back counts as
    /// heard. In checklist order; empty before the hint, after the end, or
    /// without a hint.
    pub fn not_said(&self, pb: &Playbook, now: Timestamp) -> Vec<ItemRef> {
        if self.is_ended() || !self.over_time_hint(pb, now) {
            return Vec::new();
        }
        pb.stage(self.stage)
            .checklist
            .iter()
            .filter(|item| item.required && !item.detect.is_empty())
            .map(|item| ItemRef::new(self.stage, item.id.clone()))
            .filter(|r| !self.checked.contains_key(r) && !self.dismissed_cues.contains(r))
            .collect()
    }

    /// The rail status of `stage`.
    pub fn status(&self, stage: StageId) -> StageStatus {
        let mut skipped = self.skipped_in(stage).peekable();
        if stage == self.stage && !self.is_ended() {
            StageStatus::Current
        } else if skipped.peek().is_some() {
            if skipped.all(|i| self.checked.contains_key(i)) {
                StageStatus::CompletedLater
            } else {
                StageStatus::Skipped
            }
        } else if self.passed.contains(&stage) || (stage == self.stage && self.is_ended()) {
            // The stage a call ended in counts as done.
            StageStatus::Done
        } else {
            StageStatus::NotReached
        }
    }

    /// The items of `stage` recorded as skipped (with repeats).
    fn skipped_in(&self, stage: StageId) -> impl Iterator<Item = &ItemRef> {
        self.skips
            .iter()
            .flat_map(|s| &s.items)
            .filter(move |i| i.stage == stage)
    }

    /// True when `item` was skipped and has been ticked since.
    pub fn completed_later(&self, item: &ItemRef) -> bool {
        self.checked.contains_key(item) && self.skips.iter().any(|s| s.items.contains(item))
    }

    /// Every required item ever skipped, without repeats, in skip order.
    pub fn skipped_items(&self) -> Vec<ItemRef> {
        let mut seen = BTreeSet::new();
        self.skips
            .iter()
            .flat_map(|s| s.items.iter())
            .filter(|i| seen.insert((*i).clone()))
            .cloned()
            .collect()
    }

    /// True when listen or acknowledge was skipped and the call has moved
    /// beyond them: the customer is likely to feel unheard and flare up
    /// again (`zes-stappen`: don't skip the first two steps).
    pub fn square_one_risk(&self) -> bool {
        self.stage > StageId::Acknowledge
            && self.skips.iter().flat_map(|s| &s.items).any(|i| {
                matches!(i.stage, StageId::Listen | StageId::Acknowledge)
                    && !self.checked.contains_key(i)
            })
    }

    /// The decision's recommendation so far: `Keep` as soon as any answer
    /// is yes, `PartWays` once all questions are answered no.
    pub fn decision_outcome(&self, pb: &Playbook) -> Option<DecisionOutcome> {
        let qs = &pb.decision.questions;
        if qs.iter().any(|q| self.decision.get(&q.id) == Some(&true)) {
            Some(DecisionOutcome::Keep)
        } else if !qs.is_empty() && qs.iter().all(|q| self.decision.get(&q.id) == Some(&false)) {
            Some(DecisionOutcome::PartWays)
        } else {
            None
        }
    }

    /// Whether the decision should use the repeat-difficult variant.
    pub fn repeat_difficult(&self) -> bool {
        self.meta.difficult_before
    }

    /// An outcome to suggest when ending the call.
    pub fn suggested_outcome(&self, pb: &Playbook) -> CallOutcome {
        if self.decision_outcome(pb) == Some(DecisionOutcome::PartWays) {
            CallOutcome::PartedWays
        } else if self.agreements.is_empty() {
            CallOutcome::Unresolved
        } else if self.follow_up.is_some() {
            CallOutcome::ResolvedWithFollowUp
        } else {
            CallOutcome::Resolved
        }
    }
}
