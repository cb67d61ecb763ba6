//! The six stages of handling a complaint: a closed set shared by playbooks,
//! the engine, scoring and reports.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// One of the six stages of a complaint call, in their natural order
/// (`zes-stappen`: listen, acknowledge, ask, agree a solution, make agreements,
/// check the execution).
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum StageId {
    /// Let the customer vent without interrupting.
    Listen,
    /// Show understanding; apologise on behalf of the organisation when something went wrong.
    Acknowledge,
    /// Summarise and ask open questions, without explaining or defending.
    Ask,
    /// Agree a solution together.
    AgreeSolution,
    /// Make concrete agreements: who does what, when.
    RecordAgreements,
    /// Check that the agreements were carried out.
    FollowUp,
}

impl StageId {
    /// All six stages in call order.
    pub const ALL: [StageId; 6] = [
        StageId::Listen,
        StageId::Acknowledge,
        StageId::Ask,
        StageId::AgreeSolution,
        StageId::RecordAgreements,
        StageId::FollowUp,
    ];

    /// Position in the call, 0 for `listen` … 5 for `follow_up`.
    pub fn index(self) -> usize {
        self as usize
    }

    /// The stage at `index`, if any.
    pub fn from_index(index: usize) -> Option<StageId> {
        Self::ALL.get(index).copied()
    }

    /// The stage after this one, if any.
    pub fn next(self) -> Option<StageId> {
        Self::from_index(self.index() + 1)
    }

    /// The stage before this one, if any.
    pub fn prev(self) -> Option<StageId> {
        self.index().checked_sub(1).and_then(Self::from_index)
    }

    /// The stable identifier used in YAML, JSON and the database.
    pub fn as_str(self) -> &'static str {
        match self {
            StageId::Listen => "listen",
            StageId::Acknowledge => "acknowledge",
            StageId::Ask => "ask",
            StageId::AgreeSolution => "agree_solution",
            StageId::RecordAgreements => "record_agreements",
            StageId::FollowUp => "follow_up",
        }
    }

    /// Parses a stable identifier (see [`StageId::as_str`]).
    pub fn parse(s: &str) -> Option<StageId> {
        Self::ALL.into_iter().find(|st| st.as_str() == s)
    }
}

impl std::fmt::Display for StageId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn order_and_navigation() {
        assert_eq!(StageId::Listen.next(), Some(StageId::Acknowledge));
        assert_eq!(StageId::FollowUp.next(), None);
        assert_eq!(StageId::Listen.prev(), None);
        assert_eq!(StageId::FollowUp.prev(), Some(StageId::RecordAgreements));
        for (i, s) in StageId::ALL.iter().enumerate() {
            assert_eq!(s.index(), i);
            assert_eq!(StageId::parse(s.as_str()), Some(*s));
        }
        assert_eq!(StageId::parse("listening"), None);
    }
}

/// What a reply does: one of the six stages' moves or an anti-move.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Move {
    /// Let the customer talk; listening cues ("ja", "ik hoor het").
    Listen,
    /// Show understanding; apologise on behalf of the organisation.
    Acknowledge,
    /// Summarise and ask open questions.
    Ask,
    /// Look for a solution together (ask what the customer would like).
    ProposeSolution,
    /// Make a concrete agreement: who does what, when (and summarise it).
    MakeAgreement,
    /// Plan a check that the agreement was carried out.
    PlanFollowUp,
    /// Anti-move: cut the customer off.
    Interrupt,
    /// Anti-move: explain the rules or the cause before the customer feels heard.
    ExplainTooEarly,
    /// Anti-move: defend yourself or the shop.
    Defend,
    /// Anti-move: put the blame on the customer.
    BlameCustomer,
    /// Anti-move: lecture the customer on how to behave.
    LectureCustomer,
    /// Anti-move: go along with the hysteria (raise your voice, get upset too).
    JoinHysteria,
    /// Anti-move: promise what cannot be kept.
    Overpromise,
}

impl Move {
    /// Every move, stage moves first.
    pub const ALL: [Move; 13] = [
        Move::Listen,
        Move::Acknowledge,
        Move::Ask,
        Move::ProposeSolution,
        Move::MakeAgreement,
        Move::PlanFollowUp,
        Move::Interrupt,
        Move::ExplainTooEarly,
        Move::Defend,
        Move::BlameCustomer,
        Move::LectureCustomer,
        Move::JoinHysteria,
        Move::Overpromise,
    ];

    /// The stable identifier used in YAML, JSON and the database.
    pub fn as_str(self) -> &'static str {
        match self {
            Move::Listen => "listen",
            Move::Acknowledge => "acknowledge",
            Move::Ask => "ask",
            Move::ProposeSolution => "propose_solution",
            Move::MakeAgreement => "make_agreement",
            Move::PlanFollowUp => "plan_follow_up",
            Move::Interrupt => "interrupt",
            Move::ExplainTooEarly => "explain_too_early",
            Move::Defend => "defend",
            Move::BlameCustomer => "blame_customer",
            Move::LectureCustomer => "lecture_customer",
            Move::JoinHysteria => "join_hysteria",
            Move::Overpromise => "overpromise",
        }
    }

    /// The stage this move belongs to; `None` for anti-moves.
    pub fn stage(self) -> Option<StageId> {
        match self {
            Move::Listen => Some(StageId::Listen),
            Move::Acknowledge => Some(StageId::Acknowledge),
            Move::Ask => Some(StageId::Ask),
            Move::ProposeSolution => Some(StageId::AgreeSolution),
            Move::MakeAgreement => Some(StageId::RecordAgreements),
            Move::PlanFollowUp => Some(StageId::FollowUp),
            _ => None,
        }
    }

    /// The move that represents `stage`.
    pub fn of_stage(stage: StageId) -> Move {
        match stage {
            StageId::Listen => Move::Listen,
            StageId::Acknowledge => Move::Acknowledge,
            StageId::Ask => Move::Ask,
            StageId::AgreeSolution => Move::ProposeSolution,
            StageId::RecordAgreements => Move::MakeAgreement,
            StageId::FollowUp => Move::PlanFollowUp,
        }
    }

    /// True for the moves the articles warn against.
    pub fn is_anti(self) -> bool {
        self.stage().is_none()
    }

    /// True for explaining or defending: harmful before the customer feels heard.
    pub fn is_explaining(self) -> bool {
        matches!(self, Move::ExplainTooEarly | Move::Defend)
    }
}

impl std::fmt::Display for Move {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}
