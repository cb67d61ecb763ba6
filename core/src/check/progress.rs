//! What the rubric remembers of a practice path so far, in a few bits.
//!
//! [`crate::score::grade`] scores a whole path, but every one of its
//! checks depends on the path only through a handful of facts: whether the
//! trainee listened and acknowledged before the first task, how many times
//! they explained before acknowledging, the anti-move points lost, the
//! stages reached and jumped over, whether a solution came before the
//! agreement, whether a follow-up was planned, and the mood. [`Progress`]
//! keeps exactly those facts (counts capped where the rubric stops
//! counting), so two paths that reach a beat with the same `Progress` have
//! the same best and worst completion, and the scenario check can search
//! the graph over (beat, progress) pairs instead of over paths.
//!
//! This mirrors the rubric in `crate::score`; the property test in
//! `check::tests` compares it with scoring every path of random graphs, so
//! the two cannot drift apart unnoticed.

use crate::scenario::{EndingId, MAX_MOOD, Move};
use crate::score::{Check, anti_move_cost};
use crate::stage::StageId;

/// Points one explanation before the customer feels heard costs (the
/// rubric's "heard first" check).
const HEARD_FIRST_COST: u32 = 8;
/// Points one jumped-over stage costs (the rubric's "skipped" check).
const SKIPPED_COST: u32 = 5;

/// The rubric's memory of a path (see the module docs), packed in a `u32`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) struct Progress {
    /// A task (ask, propose a solution, make an agreement) was done.
    task_seen: bool,
    /// The trainee listened before the first task.
    listened: bool,
    /// The trainee acknowledged before the first task.
    acknowledged_early: bool,
    /// The trainee acknowledged at some point.
    acknowledged: bool,
    /// Explanations before the first acknowledgement, capped where the
    /// check has no points left.
    explained: u8,
    /// Points lost to anti-moves, capped at the check's weight.
    anti: u8,
    /// The highest stage reached by a move, as index + 1 (0: none). The
    /// stages below it that can be jumped over (ask, agree on a solution,
    /// record agreements) have all been reached or counted as skipped, and
    /// none above it has, so this also says which stages are still open.
    highest: u8,
    /// Stages jumped over, capped where the check has no points left.
    skipped: u8,
    /// A solution was proposed.
    proposed: bool,
    /// 0: no agreement yet; 1: the first came after a proposal; 2: before.
    agreed: u8,
    /// A follow-up was planned.
    planned: bool,
    /// The customer's mood, 0 calm … 10 furious.
    mood: u8,
}

impl Progress {
    /// The start of a path with the customer at `mood`.
    pub(crate) fn start(mood: u8) -> Progress {
        Progress {
            task_seen: false,
            listened: false,
            acknowledged_early: false,
            acknowledged: false,
            explained: 0,
            anti: 0,
            highest: 0,
            skipped: 0,
            proposed: false,
            agreed: 0,
            planned: false,
            mood: mood.min(MAX_MOOD),
        }
    }

    /// After a move with mood change `mood` (as `Session::choose` and
    /// `Trace::from_session` see it).
    pub(crate) fn after(mut self, act: Move, mood: i8) -> Progress {
        self.mood = (i16::from(self.mood) + i16::from(mood)).clamp(0, i16::from(MAX_MOOD)) as u8;
        // Stages jumped over (Trace::from_session): those between the
        // highest reached and this move's, past acknowledge and other than
        // follow-up (none of them seen yet: see `highest`).
        if let Some(st) = act.stage() {
            for i in usize::from(self.highest)..st.index() {
                if let Some(gap) = StageId::from_index(i)
                    && gap > StageId::Acknowledge
                    && gap != StageId::FollowUp
                {
                    self.skipped = (self.skipped + 1).min(cap(Check::Skipped, SKIPPED_COST));
                }
            }
            self.highest = self.highest.max(st.index() as u8 + 1);
        }
        // Stage order: listen and acknowledge before the first task.
        let task = matches!(act, Move::Ask | Move::ProposeSolution | Move::MakeAgreement);
        if !self.task_seen {
            self.listened |= act == Move::Listen;
            self.acknowledged_early |= act == Move::Acknowledge;
            self.task_seen = task;
        }
        // Heard first: explaining before the first acknowledgement.
        if act.is_explaining() && !self.acknowledged {
            self.explained = (self.explained + 1).min(cap(Check::HeardFirst, HEARD_FIRST_COST));
        }
        self.acknowledged |= act == Move::Acknowledge;
        if act.is_anti() {
            let weight = Check::AntiMoves.weight();
            self.anti = (u32::from(self.anti) + anti_move_cost(act)).min(weight) as u8;
        }
        // Agreements: was the first agreement preceded by a proposal?
        if act == Move::MakeAgreement && self.agreed == 0 {
            self.agreed = if self.proposed { 1 } else { 2 };
        }
        // Once there is an agreement, an earlier proposal no longer matters:
        // forgetting it merges states with the same future.
        self.proposed = self.agreed == 0 && (self.proposed || act == Move::ProposeSolution);
        self.planned |= act == Move::PlanFollowUp;
        self
    }

    /// The score (0–100) of a path that ends here with `ending`, as
    /// `crate::score::grade_session` gives it.
    pub(crate) fn score(self, ending: EndingId) -> u8 {
        let mut earned = 0u32;
        let mut max = 0u32;
        let mut add = |check: Check, points: u32, applicable: bool| {
            if applicable {
                earned += points.min(check.weight());
                max += check.weight();
            }
        };
        add(
            Check::StageOrder,
            u32::from(self.listened) * 10 + u32::from(self.acknowledged_early) * 10,
            true,
        );
        add(
            Check::HeardFirst,
            Check::HeardFirst
                .weight()
                .saturating_sub(u32::from(self.explained) * HEARD_FIRST_COST),
            true,
        );
        add(
            Check::AntiMoves,
            Check::AntiMoves
                .weight()
                .saturating_sub(u32::from(self.anti)),
            true,
        );
        add(
            Check::Skipped,
            Check::Skipped
                .weight()
                .saturating_sub(u32::from(self.skipped) * SKIPPED_COST),
            true,
        );
        let agreements = match (self.proposed, self.agreed) {
            (_, 1) => 15,
            (_, 2) => 10,
            (true, _) => 5,
            (false, _) => 0,
        };
        add(Check::Agreements, agreements, true);
        let follow_up_applies = ending != EndingId::PartedRespectfully;
        add(
            Check::FollowUp,
            if self.planned || !follow_up_applies {
                10
            } else {
                0
            },
            follow_up_applies,
        );
        let mood = match self.mood {
            m if m <= 3 => 10,
            m if m <= 6 => 5,
            _ => 0,
        };
        add(Check::FinalMood, mood, true);
        let kept = matches!(
            ending,
            EndingId::Resolved | EndingId::ResolvedWithFollowUp | EndingId::PartedRespectfully
        );
        add(Check::Ending, if kept { 10 } else { 0 }, true);
        (earned * 100 + max / 2)
            .checked_div(max)
            .map_or(0, |v| v.min(100) as u8)
    }

    /// True when every path on from here scores at least as much as the
    /// same path on from `other`: every check's part of the progress is at
    /// least as good, now and whatever comes next. (The checks add up, each
    /// from its own part, and the score grows with their sum.)
    pub(crate) fn covers(&self, other: &Progress) -> bool {
        let (a, b) = (self, other);
        // Listen and acknowledge before the first task: once a task was
        // done the flags are final; before it they can still be earned.
        let stage_order = a.listened >= b.listened
            && a.acknowledged_early >= b.acknowledged_early
            && (!a.task_seen || b.task_seen || (a.listened && a.acknowledged_early));
        // Explanations stop counting once the customer was acknowledged.
        let heard = a.explained <= b.explained && (a.acknowledged || !b.acknowledged);
        // A higher stage reached leaves fewer stages to jump over.
        let skipped = a.skipped <= b.skipped && a.highest >= b.highest;
        let agreements = match (a.agreed, b.agreed) {
            (1, _) => true,
            (2, 2) => true,
            (0, 0) => a.proposed >= b.proposed,
            _ => false,
        };
        stage_order
            && heard
            && a.anti <= b.anti
            && skipped
            && agreements
            && a.planned >= b.planned
            && a.mood <= b.mood
    }
}

/// How many of something a check counts before it has no points left.
fn cap(check: Check, cost: u32) -> u8 {
    check.weight().div_ceil(cost).min(3) as u8
}
