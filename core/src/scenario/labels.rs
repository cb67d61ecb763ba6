//! Moves and endings in words, for people (their ids stay in YAML, JSON
//! and the database).

use super::{EndingId, Move};
use crate::playbook::Language;

impl Move {
    /// The move in words of `lang` (for people; [`Move::as_str`] is the id).
    pub fn label(self, lang: Language) -> &'static str {
        let (nl, en) = match self {
            Move::Listen => ("luisteren", "listen"),
            Move::Acknowledge => ("begrip tonen", "acknowledge"),
            Move::Ask => ("doorvragen", "ask"),
            Move::ProposeSolution => ("oplossing voorstellen", "propose a solution"),
            Move::MakeAgreement => ("afspraak maken", "make an agreement"),
            Move::PlanFollowUp => ("opvolging plannen", "plan a follow-up"),
            Move::Interrupt => ("onderbreken", "interrupt"),
            Move::ExplainTooEarly => ("te vroeg uitleggen", "explain too early"),
            Move::Defend => ("verdedigen", "defend"),
            Move::BlameCustomer => ("de klant verwijten", "blame the customer"),
            Move::LectureCustomer => ("de klant opvoeden", "lecture the customer"),
            Move::JoinHysteria => ("meegaan in de hysterie", "join the hysteria"),
            Move::Overpromise => ("te veel beloven", "over-promise"),
        };
        match lang {
            Language::Nl => nl,
            Language::En => en,
        }
    }
}

impl EndingId {
    /// The ending in words of `lang` (for people; [`EndingId::as_str`] is the id).
    pub fn label(self, lang: Language) -> &'static str {
        let (nl, en) = match self {
            EndingId::Resolved => ("opgelost", "resolved"),
            EndingId::ResolvedWithFollowUp => {
                ("opgelost, opvolging gepland", "resolved, follow-up planned")
            }
            EndingId::PartedRespectfully => ("met respect uit elkaar", "parted respectfully"),
            EndingId::CustomerLost => ("klant kwijt", "customer lost"),
        };
        match lang {
            Language::Nl => nl,
            Language::En => en,
        }
    }
}
