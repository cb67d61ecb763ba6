//! What the rubric remembers of a practice path so far, in a few bytes.
//!
//! [`crate::score::grade_with`] scores a whole path, but each of its
//! checks depends on the path only through a handful of facts: whether the
//! trainee listened and acknowledged before the first task, how many times
//! they explained before acknowledging, how many discourteous and other
//! anti-moves they made (and of which cost), the stages reached and jumped
//! over, whether a solution came before the agreement, whether a follow-up
//! was planned, whether an auto-fail anti-move was made, and the mood.
//! [`Progress`] keeps exactly those facts (counts capped, and losses kept
//! at 1, where a check has nothing left to lose), so two paths that reach a beat with the same
//! `Progress` have the same best and worst completion, and the scenario
//! check can search the graph over (beat, progress) pairs instead of paths.
//!
//! [`Progress::score`] then computes each check's share with the same
//! arithmetic as `score::checks`, weighs it with the [`Rubric`] (the
//! playbook's points, a check at 0 left out) and caps an auto-failed
//! session below the pass mark, as `grade_with` does. The property test in
//! `check::tests` compares it with grading every path of random graphs with
//! random rubrics, so the two cannot drift apart unnoticed.

use crate::scenario::{EndingId, MAX_MOOD, Move};
use crate::score::checks::is_discourteous;
use crate::score::{
    ANTI_MOVE_COST, Check, DISRESPECT_COST, INTERRUPT_COST, OVERPROMISE_COST, Rubric,
};
use crate::stage::StageId;

/// The share of a check one explanation before the customer feels heard,
/// or one jumped-over stage, costs (`score::checks`).
const HALF: f64 = 0.5;

/// How many of something costing `cost` (a share of a check) a check
/// counts before it has nothing left to lose: more cannot change a score.
fn cap(cost: f64) -> u8 {
    let mut n: u8 = 0;
    let mut lost = 0.0;
    while lost < 1.0 && n < u8::MAX {
        lost += cost;
        n += 1;
    }
    n
}

/// The rubric as the search uses it: points per check in rubric order,
/// the auto-fail anti-moves, and the pass mark an auto-fail caps below.
pub(crate) struct Scoring {
    weights: [u32; Check::ALL.len()],
    auto_fail: Vec<Move>,
    pass_mark: u8,
}

impl Scoring {
    /// `rubric` with `pass_mark`.
    pub(crate) fn new(rubric: &Rubric, pass_mark: u8) -> Scoring {
        Scoring {
            weights: Check::ALL.map(|c| rubric.weight(c)),
            auto_fail: rubric.auto_fail.clone(),
            pass_mark,
        }
    }
}

/// `lost` plus `cost`, as a check adds it; 1 once the check has nothing
/// left to lose (more cannot change its points: its share is clamped at 0).
fn lose(lost: f64, cost: f64) -> f64 {
    let sum = lost + cost;
    if sum >= 1.0 { 1.0 } else { sum }
}

/// The rubric's memory of a path (see the module docs).
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Progress {
    /// A task (ask, propose a solution, make an agreement) was done.
    task_seen: bool,
    /// The trainee listened before the first task.
    listened: bool,
    /// The trainee acknowledged before the first task.
    acknowledged_early: bool,
    /// The trainee acknowledged at some point.
    acknowledged: bool,
    /// Explanations before the first acknowledgement (capped).
    explained: u8,
    /// Share of the courtesy check lost so far, summed move by move as the
    /// check sums it (so the same float), and 1 once it is all lost.
    courtesy_lost: f64,
    /// Share of the other-pitfalls check lost so far, likewise.
    pitfalls_lost: f64,
    /// An auto-fail anti-move was made.
    failed: bool,
    /// The highest stage reached by a move, as index + 1 (0: none). The
    /// stages below it that can be jumped over (ask, agree on a solution,
    /// record agreements) have all been reached or counted as skipped, and
    /// none above it has, so this also says which stages are still open.
    highest: u8,
    /// Stages jumped over (capped).
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
            courtesy_lost: 0.0,
            pitfalls_lost: 0.0,
            failed: false,
            highest: 0,
            skipped: 0,
            proposed: false,
            agreed: 0,
            planned: false,
            mood: mood.min(MAX_MOOD),
        }
    }

    /// After a move with mood change `mood` (as `Session::choose` and
    /// `Trace::from_session` see it), under `rubric`'s auto-fail list.
    pub(crate) fn after(mut self, act: Move, mood: i8, rubric: &Scoring) -> Progress {
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
                    self.skipped = (self.skipped + 1).min(cap(HALF));
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
            self.explained = (self.explained + 1).min(cap(HALF));
        }
        self.acknowledged |= act == Move::Acknowledge;
        // Courtesy and the other pitfalls.
        // (Float addition is monotone, so a smaller loss stays smaller
        // whatever is added later: what `covers` relies on.)
        if act == Move::Interrupt {
            self.courtesy_lost = lose(self.courtesy_lost, INTERRUPT_COST);
        } else if is_discourteous(act) {
            self.courtesy_lost = lose(self.courtesy_lost, DISRESPECT_COST);
        } else if act == Move::Overpromise {
            self.pitfalls_lost = lose(self.pitfalls_lost, OVERPROMISE_COST);
        } else if act.is_anti() {
            self.pitfalls_lost = lose(self.pitfalls_lost, ANTI_MOVE_COST);
        }
        self.failed |= rubric.auto_fail.contains(&act);
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

    /// Each check's share (0–1, before clamping) and whether it applies,
    /// for a path that ends here with `ending`: the arithmetic of
    /// `score::checks`.
    fn share(&self, check: Check, ending: EndingId) -> (f64, bool) {
        match check {
            Check::StageOrder => (
                f64::from(u8::from(self.listened) + u8::from(self.acknowledged_early)) / 2.0,
                true,
            ),
            Check::HeardFirst => (1.0 - HALF * f64::from(self.explained), true),
            Check::Courtesy => (1.0 - self.courtesy_lost, true),
            Check::AntiMoves => (1.0 - self.pitfalls_lost, true),
            Check::Skipped => (1.0 - HALF * f64::from(self.skipped), true),
            Check::Agreements => {
                let share = match (self.proposed, self.agreed) {
                    (_, 1) => 1.0,
                    (_, 2) => 2.0 / 3.0,
                    (true, _) => 1.0 / 3.0,
                    (false, _) => 0.0,
                };
                (share, true)
            }
            Check::FollowUp => (
                if self.planned { 1.0 } else { 0.0 },
                ending != EndingId::PartedRespectfully,
            ),
            Check::FinalMood => {
                let share = match self.mood {
                    0..=3 => 1.0,
                    4..=6 => 0.5,
                    _ => 0.0,
                };
                (share, true)
            }
            Check::Ending => {
                let kept = matches!(
                    ending,
                    EndingId::Resolved
                        | EndingId::ResolvedWithFollowUp
                        | EndingId::PartedRespectfully
                );
                (if kept { 1.0 } else { 0.0 }, true)
            }
        }
    }

    /// The score (0–100) of a path that ends here with `ending`, as
    /// `score::grade_with` gives it with `rubric` and `pass_mark`.
    pub(crate) fn score(&self, ending: EndingId, rubric: &Scoring) -> u8 {
        let (mut earned, mut max) = (0u32, 0u32);
        for (check, &weight) in Check::ALL.iter().zip(&rubric.weights) {
            let check = *check;
            let (share, applies) = self.share(check, ending);
            if applies && weight > 0 {
                let points = (share.clamp(0.0, 1.0) * f64::from(weight)).round() as u32;
                earned += points.min(weight);
                max += weight;
            }
        }
        let score = (earned * 100 + max / 2)
            .checked_div(max)
            .map_or(0, |v| v.min(100) as u8);
        if self.failed {
            score.min(rubric.pass_mark.saturating_sub(1))
        } else {
            score
        }
    }

    /// A score no path on from here can beat: every check as good as it can
    /// still become (listen and acknowledge while no task was done, an
    /// agreement after a proposal, a follow-up, a calm customer), with the
    /// best ending for it (resolved, or parting ways where a follow-up does
    /// not count).
    pub(crate) fn upper_bound(&self, rubric: &Scoring) -> u8 {
        let mut best = *self;
        if !best.task_seen {
            best.listened = true;
            best.acknowledged_early = true;
        }
        if best.agreed == 0 {
            best.agreed = 1;
        }
        best.planned = true;
        best.mood = 0;
        best.score(EndingId::Resolved, rubric)
            .max(best.score(EndingId::PartedRespectfully, rubric))
    }

    /// A score every path on from here reaches at least: every check as bad
    /// as it can still become (more explaining before the customer is
    /// heard, every courtesy and pitfall point lost, an auto-fail move,
    /// stages skipped, a furious customer), with the worst ending for it.
    pub(crate) fn lower_bound(&self, rubric: &Scoring) -> u8 {
        let mut worst = *self;
        if !worst.acknowledged {
            worst.explained = cap(HALF);
        }
        worst.courtesy_lost = 1.0;
        worst.pitfalls_lost = 1.0;
        worst.failed |= !rubric.auto_fail.is_empty();
        worst.skipped = cap(HALF);
        worst.mood = MAX_MOOD;
        worst
            .score(EndingId::CustomerLost, rubric)
            .min(worst.score(EndingId::PartedRespectfully, rubric))
    }

    /// True when every path on from here scores at least as much as the
    /// same path on from `other`: every check's part of the progress is at
    /// least as good, now and whatever comes next. (Each check's points
    /// come from its own part and only grow or shrink with it, the score
    /// grows with their sum, and the auto-fail cap only lowers it.)
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
            && a.courtesy_lost <= b.courtesy_lost
            && a.pitfalls_lost <= b.pitfalls_lost
            && a.failed <= b.failed
            && skipped
            && agreements
            && a.planned >= b.planned
            && a.mood <= b.mood
    }
}
