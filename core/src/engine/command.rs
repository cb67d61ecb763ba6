//! Commands: what the agent (or a cue) asks of the engine, and why it may refuse.

use super::event::{CallOutcome, Date, FollowUp, FollowUpResult, ItemRef, TickSource};
use crate::stage::StageId;

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
    /// Correct a recorded agreement (keeps its id and place in the list).
    EditAgreement {
        /// The agreement's id.
        id: u32,
        /// Who does it.
        who: String,
        /// What.
        what: String,
        /// Deadline.
        by_when: Option<Date>,
    },
    /// Set or clear how the customer is addressed.
    SetAddress(Option<String>),
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
    /// Keep a final line of the live transcript with the call.
    Say {
        /// `agent`, `customer`, or another label.
        speaker: String,
        /// What was said.
        text: String,
    },
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

impl Command {
    /// The date this command records that lies before `today` (an
    /// agreement's deadline or a follow-up's day), if any: the shell asks
    /// the agent to confirm such a date before running the command.
    pub fn past_date(&self, today: Date) -> Option<Date> {
        let date = match self {
            Command::RecordAgreement { by_when, .. } | Command::EditAgreement { by_when, .. } => {
                *by_when
            }
            Command::PlanFollowUp(f) => Some(f.due),
            _ => None,
        };
        date.filter(|d| *d < today)
    }
}
