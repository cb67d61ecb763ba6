//! Events: what happened in a call, and the facts they carry.

use crate::playbook::Channel;
use crate::stage::StageId;
use serde::{Deserialize, Serialize};

/// Milliseconds since the Unix epoch, supplied by the caller.
pub type Timestamp = i64;

/// A calendar date (follow-up due dates, agreement deadlines).
pub type Date = jiff::civil::Date;

/// How a checklist item got ticked.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum TickSource {
    /// The agent ticked it.
    Manual,
    /// A cue phrase in the notes ticked it.
    Cue,
    /// A cue phrase the agent said (live transcript) ticked it.
    Spoken,
}

impl TickSource {
    /// True for ticks the coach made (notes or speech), not the agent's hand:
    /// unticking one dismisses its cue for the rest of the call.
    pub fn is_automatic(self) -> bool {
        matches!(self, TickSource::Cue | TickSource::Spoken)
    }
}

/// A checklist item in a stage.
#[derive(
    Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, schemars::JsonSchema,
)]
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
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
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
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct FollowUp {
    /// The day to check.
    pub due: Date,
    /// What to check.
    pub what: String,
}

/// The result of a follow-up check (stage 6).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct FollowUpResult {
    /// Were the agreements kept?
    pub agreements_kept: bool,
    /// Is the customer satisfied with how it was handled?
    pub customer_satisfied: bool,
    /// Anything still open (empty when nothing).
    pub still_open: String,
}

/// How a call ended, as the agent records it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
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
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum DecisionOutcome {
    /// At least one yes: save the relationship.
    Keep,
    /// All no: part ways respectfully.
    PartWays,
}

/// Facts fixed when the call starts.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct CallMeta {
    /// Id of the playbook in use.
    pub playbook_id: String,
    /// Version of the playbook in use.
    pub playbook_version: String,
    /// Content hash of the playbook file the call ran on (`sha256:` and 64
    /// hex digits of its exact bytes); the local store keeps that text, so
    /// exports of the call use exactly this version. Absent in calls
    /// recorded before hashes were kept.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub playbook_hash: Option<String>,
    /// Customer reference (ticket or account number, for the record), if given.
    pub customer: Option<String>,
    /// Phone or in person.
    pub channel: Channel,
    /// The customer was marked difficult in an earlier call.
    pub difficult_before: bool,
    /// The agent who took the call (signs the e-mail, also when it is
    /// exported later by someone else). Absent in calls recorded before
    /// agents were stored.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agent: Option<String>,
    /// How to address the customer (a name or salutation) as given at the
    /// start; `{customer}` in phrases and the e-mail. Changed later by
    /// [`EventKind::AddressSet`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
}

/// Something that happened in a call. Events are what the store appends and
/// what replay folds; they carry every fact `apply` needs.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
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
    /// A recorded agreement was corrected: same id, new who, what or deadline.
    AgreementChanged(Agreement),
    /// The form of address was set (`None`: none, phrases read without a name).
    AddressSet {
        /// The new form of address.
        #[serde(default)]
        address: Option<String>,
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
    /// A final line of the live transcript. Recorded only when the call
    /// stores its transcript (settings file or playbook allow it); the
    /// ticks speech causes are `ItemChecked` events either way.
    Said {
        /// `agent`, `customer`, or the recogniser's own label.
        speaker: String,
        /// What was said (redacted before it is stored).
        text: String,
    },
}

/// An [`EventKind`] with the moment it happened.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Event {
    /// When it happened.
    pub at: Timestamp,
    /// What happened.
    #[serde(flatten)]
    pub kind: EventKind,
}
