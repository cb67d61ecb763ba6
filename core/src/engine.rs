//! The stage engine: an event-sourced state machine over the six stages.
//!
//! Pure: no terminal, files or clock. Time arrives as a [`Timestamp`] with
//! every command. The shell calls [`CallState::decide`] with a [`Command`];
//! when the stage machine's rules allow it, that yields the [`Event`]s to
//! store, and [`CallState::apply`] folds each one into the state. `apply` is
//! total and never consults the playbook, so replaying a stored log always
//! reproduces exactly the live state, even after the playbook has changed.

use crate::playbook::{Channel, Playbook};
use crate::stage::StageId;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// Milliseconds since the Unix epoch, supplied by the caller.
pub type Timestamp = i64;

/// A calendar date (follow-up due dates, agreement deadlines).
pub type Date = jiff::civil::Date;

/// How a checklist item got ticked.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TickSource {
    /// The agent ticked it.
    Manual,
    /// A cue phrase in the notes ticked it.
    Cue,
}

/// A checklist item in a stage.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct ItemRef {
    /// The stage the item belongs to.
    pub stage: StageId,
    /// The item's id within the stage.
    pub item: String,
}

impl ItemRef {
    /// Builds a reference to `item` in `stage`.
    pub fn new(stage: StageId, item: impl Into<String>) -> Self {
        ItemRef {
            stage,
            item: item.into(),
        }
    }
}

/// An agreement made during the call: who does what, by when.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Agreement {
    /// Number, unique within the call, stable once given.
    pub id: u32,
    /// Who does it (e.g. "wij", "klant", a name).
    pub who: String,
    /// What will be done.
    pub what: String,
    /// Deadline, if agreed.
    pub by_when: Option<Date>,
}

/// A planned follow-up: when to check, and what.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FollowUp {
    /// The day to check.
    pub due: Date,
    /// What to check.
    pub what: String,
}

/// The result of a follow-up check (stage 6).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FollowUpResult {
    /// Were the agreements kept?
    pub agreements_kept: bool,
    /// Is the customer satisfied with how it was handled?
    pub customer_satisfied: bool,
    /// Anything still open (empty when nothing).
    pub still_open: String,
}

/// How a call ended, as the agent records it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CallOutcome {
    /// Solved during the call.
    Resolved,
    /// Solved, with a follow-up planned to check it.
    ResolvedWithFollowUp,
    /// The relationship ended, respectfully.
    PartedWays,
    /// No solution yet.
    Unresolved,
}

impl CallOutcome {
    /// Stable identifier.
    pub fn as_str(self) -> &'static str {
        match self {
            CallOutcome::Resolved => "resolved",
            CallOutcome::ResolvedWithFollowUp => "resolved_with_follow_up",
            CallOutcome::PartedWays => "parted_ways",
            CallOutcome::Unresolved => "unresolved",
        }
    }
}

/// The recommendation of the keep-or-part-ways decision.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DecisionOutcome {
    /// At least one yes: save the relationship.
    Keep,
    /// All no: part ways respectfully.
    PartWays,
}

/// Facts fixed when the call starts.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CallMeta {
    /// Id of the playbook in use.
    pub playbook_id: String,
    /// Version of the playbook in use.
    pub playbook_version: String,
    /// Customer reference, if given.
    pub customer: Option<String>,
    /// Phone or in person.
    pub channel: Channel,
    /// The customer was marked difficult in an earlier call.
    pub difficult_before: bool,
}

/// Something that happened in a call. Events are what the store appends and
/// what replay folds; they carry every fact `apply` needs.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum EventKind {
    /// The call began at `listen`.
    Started(CallMeta),
    /// The agent moved to `stage`. `skipped` lists the required items left
    /// open in the stages moved past (non-empty only with an override).
    StageEntered {
        /// The stage entered.
        stage: StageId,
        /// Required items left open, recorded as skipped.
        #[serde(default)]
        skipped: Vec<ItemRef>,
    },
    /// A checklist item was ticked.
    ItemChecked {
        /// The item.
        item: ItemRef,
        /// Manual or by a note cue.
        by: TickSource,
    },
    /// A checklist item was unticked.
    ItemUnchecked {
        /// The item.
        item: ItemRef,
    },
    /// The agent used suggested phrase `index` of `stage`.
    PhraseUsed {
        /// The stage whose phrase list it is in.
        stage: StageId,
        /// Index in the stage's phrase list.
        index: usize,
    },
    /// The customer flared up again: back to `listen`; the listen and
    /// acknowledge items must be done again.
    Escalated {
        /// The stage the call was in.
        from: StageId,
    },
    /// A decision question was answered.
    DecisionAnswered {
        /// The question's id.
        question: String,
        /// Yes or no.
        yes: bool,
    },
    /// The customer was marked (or unmarked) as difficult in this call.
    MarkedDifficult {
        /// The new mark.
        difficult: bool,
    },
    /// An agreement was recorded.
    AgreementRecorded(Agreement),
    /// An agreement was withdrawn.
    AgreementRemoved {
        /// Its id.
        id: u32,
    },
    /// A follow-up was planned (replacing any earlier plan).
    FollowUpPlanned(FollowUp),
    /// The follow-up check was done.
    FollowUpClosed(FollowUpResult),
    /// An evaluation question was answered after the call.
    EvaluationAnswered {
        /// The question's id.
        question: String,
        /// The answer.
        answer: String,
    },
    /// The complaint cause was categorised.
    CauseSet {
        /// The cause id.
        cause: String,
    },
    /// Clocks stop (the program ended uncleanly or the call was put aside).
    Paused,
    /// Clocks run again.
    Resumed,
    /// The call ended.
    Ended {
        /// How it ended.
        outcome: CallOutcome,
    },
    /// An ended call was opened again (back from the summary, or for the follow-up).
    Reopened,
}

/// An [`EventKind`] with the moment it happened.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Event {
    /// When it happened.
    pub at: Timestamp,
    /// What happened.
    #[serde(flatten)]
    pub kind: EventKind,
}

/// What the agent (or a cue) asks the engine to do.
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    /// Go to `stage`. Moving forward past open required items needs `force`.
    GoTo {
        /// Target stage.
        stage: StageId,
        /// Accept skipping open required items.
        force: bool,
    },
    /// Tick an item.
    Check(ItemRef, TickSource),
    /// Untick an item.
    Uncheck(ItemRef),
    /// Tick if open, untick if ticked.
    Toggle(ItemRef),
    /// Mark a suggested phrase as used.
    UsePhrase {
        /// Stage of the phrase.
        stage: StageId,
        /// Index in the stage's phrase list.
        index: usize,
    },
    /// The customer flared up again.
    Escalate,
    /// Answer a decision question.
    AnswerDecision {
        /// Question id.
        question: String,
        /// Yes or no.
        yes: bool,
    },
    /// Mark the customer as difficult (or not).
    MarkDifficult(bool),
    /// Record an agreement.
    RecordAgreement {
        /// Who does it.
        who: String,
        /// What.
        what: String,
        /// Deadline.
        by_when: Option<Date>,
    },
    /// Withdraw an agreement.
    RemoveAgreement(u32),
    /// Plan the follow-up.
    PlanFollowUp(FollowUp),
    /// Record the follow-up check's result.
    CloseFollowUp(FollowUpResult),
    /// Answer an evaluation question.
    AnswerEvaluation {
        /// Question id.
        question: String,
        /// The answer.
        answer: String,
    },
    /// Categorise the complaint.
    SetCause(String),
    /// Stop the clocks.
    Pause,
    /// Restart the clocks.
    Resume,
    /// End the call.
    End(CallOutcome),
    /// Reopen an ended call.
    Reopen,
    /// Open a call (ended or not) at `follow_up` to check its agreements
    /// later. Not a skip: the call's own stages were settled when it ran.
    OpenFollowUp,
}

/// Why a command was refused. The shell shows it; nothing is stored.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    /// Moving on would leave required items open; repeat with `force`.
    #[error("required items still open")]
    RequiredOpen(Vec<ItemRef>),
    /// The item does not exist in the playbook.
    #[error("no such checklist item")]
    UnknownItem(ItemRef),
    /// The phrase index is out of range.
    #[error("no such phrase")]
    UnknownPhrase,
    /// The decision question does not exist.
    #[error("no such decision question")]
    UnknownQuestion(String),
    /// The evaluation question or cause does not exist.
    #[error("no such evaluation question or cause")]
    UnknownEvaluation(String),
    /// The agreement does not exist.
    #[error("no such agreement")]
    UnknownAgreement(u32),
    /// An agreement needs a non-empty `what` (and `who`).
    #[error("an agreement needs who and what")]
    EmptyAgreement,
    /// The call has ended; reopen it first.
    #[error("the call has ended")]
    Ended,
    /// The call has not ended.
    #[error("the call is still running")]
    NotEnded,
    /// Already in that state (no event needed).
    #[error("nothing to do")]
    NoChange,
}

/// How a stage looks on the stage rail.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StageStatus {
    /// Not reached yet, or to be done again (after an escalation, or
    /// when the agent went back before finishing it).
    NotReached,
    /// The current stage.
    Current,
    /// Moved forward past with all required items done.
    Done,
    /// Left with required items open (override).
    Skipped,
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
    /// Agreements in order of recording.
    pub agreements: Vec<Agreement>,
    next_agreement: u32,
    /// The planned follow-up.
    pub follow_up: Option<FollowUp>,
    /// The follow-up check's result.
    pub follow_up_result: Option<FollowUpResult>,
    /// Evaluation answers by question id.
    pub evaluation: BTreeMap<String, String>,
    /// Complaint-cause category.
    pub cause: Option<String>,
    /// Milliseconds spent in each stage, excluding the running stint.
    stage_ms: [i64; 6],
    /// Since when the current stage's clock runs; `None` when paused or ended.
    running_since: Option<Timestamp>,
    /// Total paused time.
    pub paused_ms: i64,
    paused_since: Option<Timestamp>,
    /// When the call ended (if it has) and how.
    pub ended: Option<(Timestamp, CallOutcome)>,
    /// Time of the latest event.
    pub last_event_at: Timestamp,
}

impl CallState {
    /// The state right after `Started`.
    pub fn start(meta: CallMeta, at: Timestamp) -> Self {
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
            agreements: Vec::new(),
            next_agreement: 1,
            follow_up: None,
            follow_up_result: None,
            evaluation: BTreeMap::new(),
            cause: None,
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

    /// Decides whether `cmd` is allowed now and which events record it.
    /// Returns an empty list for a harmless no-op (e.g. a dismissed cue).
    pub fn decide(
        &self,
        pb: &Playbook,
        cmd: Command,
        now: Timestamp,
    ) -> Result<Vec<Event>, Refusal> {
        let ev = |kind| Ok(vec![Event { at: now, kind }]);
        let allowed_after_end = matches!(
            cmd,
            Command::Reopen
                | Command::AnswerEvaluation { .. }
                | Command::SetCause(_)
                | Command::CloseFollowUp(_)
                | Command::PlanFollowUp(_)
                | Command::MarkDifficult(_)
                | Command::OpenFollowUp
        );
        if self.is_ended() && !allowed_after_end {
            return Err(Refusal::Ended);
        }
        match cmd {
            Command::GoTo { stage, force } => {
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
                ev(EventKind::StageEntered {
                    stage,
                    skipped: open,
                })
            }
            Command::Check(item, by) => {
                if pb.item(item.stage, &item.item).is_none() {
                    return Err(Refusal::UnknownItem(item));
                }
                if self.checked.contains_key(&item) {
                    return Err(Refusal::NoChange);
                }
                if by == TickSource::Cue && self.dismissed_cues.contains(&item) {
                    return Ok(Vec::new());
                }
                ev(EventKind::ItemChecked { item, by })
            }
            Command::Uncheck(item) => {
                if !self.checked.contains_key(&item) {
                    return Err(Refusal::NoChange);
                }
                ev(EventKind::ItemUnchecked { item })
            }
            Command::Toggle(item) => {
                if self.checked.contains_key(&item) {
                    self.decide(pb, Command::Uncheck(item), now)
                } else {
                    self.decide(pb, Command::Check(item, TickSource::Manual), now)
                }
            }
            Command::UsePhrase { stage, index } => {
                if index >= pb.stage(stage).phrases.len() {
                    return Err(Refusal::UnknownPhrase);
                }
                if self.phrases_used.contains(&(stage, index)) {
                    return Err(Refusal::NoChange);
                }
                ev(EventKind::PhraseUsed { stage, index })
            }
            Command::Escalate => ev(EventKind::Escalated { from: self.stage }),
            Command::AnswerDecision { question, yes } => {
                if !pb.decision.questions.iter().any(|q| q.id == question) {
                    return Err(Refusal::UnknownQuestion(question));
                }
                if self.decision.get(&question) == Some(&yes) {
                    return Err(Refusal::NoChange);
                }
                ev(EventKind::DecisionAnswered { question, yes })
            }
            Command::MarkDifficult(difficult) => {
                if self.marked_difficult == difficult {
                    return Err(Refusal::NoChange);
                }
                ev(EventKind::MarkedDifficult { difficult })
            }
            Command::RecordAgreement { who, what, by_when } => {
                let (who, what) = (who.trim().to_owned(), what.trim().to_owned());
                if what.is_empty() || who.is_empty() {
                    return Err(Refusal::EmptyAgreement);
                }
                ev(EventKind::AgreementRecorded(Agreement {
                    id: self.next_agreement,
                    who,
                    what,
                    by_when,
                }))
            }
            Command::RemoveAgreement(id) => {
                if !self.agreements.iter().any(|a| a.id == id) {
                    return Err(Refusal::UnknownAgreement(id));
                }
                ev(EventKind::AgreementRemoved { id })
            }
            Command::PlanFollowUp(f) => {
                if self.follow_up.as_ref() == Some(&f) {
                    return Err(Refusal::NoChange);
                }
                ev(EventKind::FollowUpPlanned(f))
            }
            Command::CloseFollowUp(r) => ev(EventKind::FollowUpClosed(r)),
            Command::AnswerEvaluation { question, answer } => {
                if !pb.evaluation.questions.iter().any(|q| q.id == question) {
                    return Err(Refusal::UnknownEvaluation(question));
                }
                if self.evaluation.get(&question) == Some(&answer) {
                    return Err(Refusal::NoChange);
                }
                ev(EventKind::EvaluationAnswered { question, answer })
            }
            Command::SetCause(cause) => {
                if !pb.evaluation.causes.iter().any(|c| c.id == cause) {
                    return Err(Refusal::UnknownEvaluation(cause));
                }
                if self.cause.as_deref() == Some(cause.as_str()) {
                    return Err(Refusal::NoChange);
                }
                ev(EventKind::CauseSet { cause })
            }
            Command::Pause => {
                if self.paused_since.is_some() {
                    return Err(Refusal::NoChange);
                }
                ev(EventKind::Paused)
            }
            Command::Resume => {
                if self.paused_since.is_none() {
                    return Err(Refusal::NoChange);
                }
                ev(EventKind::Resumed)
            }
            Command::End(outcome) => ev(EventKind::Ended { outcome }),
            Command::Reopen => {
                if !self.is_ended() {
                    return Err(Refusal::NotEnded);
                }
                ev(EventKind::Reopened)
            }
            Command::OpenFollowUp => {
                let mut events = Vec::new();
                if self.is_ended() {
                    events.push(Event {
                        at: now,
                        kind: EventKind::Reopened,
                    });
                }
                if self.stage != StageId::FollowUp {
                    events.push(Event {
                        at: now,
                        kind: EventKind::StageEntered {
                            stage: StageId::FollowUp,
                            skipped: Vec::new(),
                        },
                    });
                }
                if events.is_empty() {
                    return Err(Refusal::NoChange);
                }
                Ok(events)
            }
        }
    }

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
                if self.checked.remove(item) == Some(TickSource::Cue) {
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
        }
    }

    fn stop_clock(&mut self, at: Timestamp) {
        if let Some(since) = self.running_since.take() {
            self.stage_ms[self.stage.index()] += (at - since).max(0);
        }
    }

    fn resume_clock(&mut self, at: Timestamp) {
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

    /// The rail status of `stage`.
    pub fn status(&self, stage: StageId) -> StageStatus {
        if stage == self.stage && !self.is_ended() {
            StageStatus::Current
        } else if self
            .skips
            .iter()
            .flat_map(|s| &s.items)
            .any(|i| i.stage == stage)
            && !self.stage_done_since_skip(stage)
        {
            StageStatus::Skipped
        } else if self.passed.contains(&stage) || (stage == self.stage && self.is_ended()) {
            // The stage a call ended in counts as done.
            StageStatus::Done
        } else {
            StageStatus::NotReached
        }
    }

    /// A skipped stage counts as done again once its skipped items are all ticked.
    fn stage_done_since_skip(&self, stage: StageId) -> bool {
        self.skips
            .iter()
            .flat_map(|s| &s.items)
            .filter(|i| i.stage == stage)
            .all(|i| self.checked.contains_key(i))
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

/// Applies `cmd` to `state`, appending the resulting events to `log`.
/// The one way the shell changes a call.
pub fn execute(
    state: &mut CallState,
    log: &mut Vec<Event>,
    pb: &Playbook,
    cmd: Command,
    now: Timestamp,
) -> Result<Vec<Event>, Refusal> {
    let events = state.decide(pb, cmd, now)?;
    for e in &events {
        state.apply(e);
        log.push(e.clone());
    }
    Ok(events)
}

#[cfg(test)]
mod tests;
