//! The one scoring rubric, for practice sessions and real calls alike.
//!
//! Both are first turned into a [`Trace`] — a sequence of moves with the
//! moment each happened, plus flare-ups, skipped steps, the final mood and
//! the ending ([`trace`]) — and [`grade_with`] scores that with a
//! [`Rubric`]: nine checks ([`checks`]), each worth the points the playbook
//! gives it (defaults in [`Check::default_weight`]), and the anti-moves that
//! fail a session outright. A check that cannot apply (the mood of a real
//! call, a follow-up after parting ways, a weight of 0) is "not applicable"
//! and left out of the score. The checks are documented in the README
//! ("Scoring").
//!
//! Imports run one way: this module uses [`crate::practice`] (to read a
//! session), never the other way round.

pub mod advice;
pub mod checks;
pub mod trace;

use crate::engine::Event;
use crate::playbook::{Language, Playbook, RubricConfig};
use crate::practice::Session;
use crate::scenario::{EndingId, Move};
use crate::stage::StageId;
use serde::{Deserialize, Serialize};

pub use advice::{ANTI_MOVE_COST, DISRESPECT_COST, INTERRUPT_COST, OVERPROMISE_COST};

/// When something happened: a practice turn or a moment in a real call.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Moment {
    /// Practice: the `number`th answer, at beat `beat`.
    Turn {
        /// 1-based answer number.
        number: usize,
        /// Beat id.
        beat: String,
    },
    /// Real call: `offset_ms` after the start, in `stage`.
    Call {
        /// Milliseconds since the call started.
        offset_ms: i64,
        /// The stage the call was in.
        stage: StageId,
    },
    /// The end of the conversation.
    End,
}

impl Moment {
    /// Sort key: turns and call moments in time order, the end last.
    pub(crate) fn order(&self) -> (u8, i64) {
        match self {
            Moment::Turn { number, .. } => (0, i64::try_from(*number).unwrap_or(i64::MAX)),
            Moment::Call { offset_ms, .. } => (0, *offset_ms),
            Moment::End => (1, 0),
        }
    }

    /// Human wording in `lang`, e.g. "beurt 3" (the beat's id is for
    /// authors, not shown).
    pub fn describe(&self, lang: Language) -> String {
        match (self, lang) {
            (Moment::Turn { number, .. }, Language::Nl) => format!("beurt {number}"),
            (Moment::Turn { number, .. }, Language::En) => format!("turn {number}"),
            (Moment::Call { offset_ms, stage }, l) => {
                let s = offset_ms.max(&0) / 1000;
                let at = format!("{}:{:02}", s / 60, s % 60);
                let stage = crate::i18n::stage_name(*stage, l);
                match l {
                    Language::Nl => format!("na {at} bij {stage}"),
                    Language::En => format!("at {at} in {stage}"),
                }
            }
            (Moment::End, Language::Nl) => "aan het eind".into(),
            (Moment::End, Language::En) => "at the end".into(),
        }
    }
}

/// The feedback that came with a move, and its source id.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tip {
    /// The explanation.
    pub text: String,
    /// Source id.
    pub source: String,
}

/// One move in a trace.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Step {
    /// What was done.
    #[serde(rename = "move")]
    pub act: Move,
    /// When.
    pub moment: Moment,
    /// The scenario's feedback on it, if any.
    pub tip: Option<Tip>,
}

/// What the rubric grades: the common form of a session and a call.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Trace {
    /// Language of the messages.
    pub lang: Language,
    /// Moves in order.
    pub steps: Vec<Step>,
    /// Moments the customer flared up for another reason than an explaining
    /// move (a real call's escalations).
    pub flare_ups: Vec<Moment>,
    /// Steps skipped: practice stages jumped over, or a call's required
    /// checklist items left open (described).
    pub skipped: Vec<(Moment, String)>,
    /// A call's skipped required items that were ticked later in the call
    /// ("skipped, completed later"; they cost less than a plain skip).
    #[serde(default)]
    pub completed_later: Vec<(Moment, String)>,
    /// Whether anti-moves are known (practice) or not recorded (real calls).
    pub anti_moves_known: bool,
    /// The customer's final mood (0–10), when known.
    pub final_mood: Option<u8>,
    /// How it ended; `None` when no solution was reached.
    pub ending: Option<EndingId>,
    /// The source ids feedback may cite (the scenario's or the playbook's);
    /// empty: any.
    #[serde(default)]
    pub sources: Vec<String>,
}

/// The rubric's checks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Check {
    /// Listened and acknowledged before asking and solving.
    StageOrder,
    /// No explaining or defending before the customer felt heard; no flare-ups.
    HeardFirst,
    /// Courtesy and respect: no blaming, lecturing, joining the hysteria or
    /// interrupting.
    Courtesy,
    /// No other pitfalls: explaining too early, defending, over-promising.
    AntiMoves,
    /// No stages or required steps skipped.
    Skipped,
    /// A solution agreed and made concrete.
    Agreements,
    /// A follow-up planned.
    FollowUp,
    /// The customer calmed down.
    FinalMood,
    /// The customer was not lost.
    Ending,
}

impl Check {
    /// All checks in rubric order.
    pub const ALL: [Check; 9] = [
        Check::StageOrder,
        Check::HeardFirst,
        Check::Courtesy,
        Check::AntiMoves,
        Check::Skipped,
        Check::Agreements,
        Check::FollowUp,
        Check::FinalMood,
        Check::Ending,
    ];

    /// Points when the playbook does not set them. How the customer is
    /// treated weighs most: in service-recovery research, courtesy and
    /// respect weigh most on whether a complaining customer returns.
    pub fn default_weight(self) -> u32 {
        match self {
            Check::Courtesy => 25,
            Check::StageOrder | Check::HeardFirst | Check::AntiMoves | Check::Agreements => 15,
            Check::Skipped | Check::FollowUp | Check::FinalMood | Check::Ending => 10,
        }
    }

    /// Stable identifier (also the key under `rubric.weights`).
    pub fn as_str(self) -> &'static str {
        match self {
            Check::StageOrder => "stage_order",
            Check::HeardFirst => "heard_first",
            Check::Courtesy => "courtesy",
            Check::AntiMoves => "anti_moves",
            Check::Skipped => "skipped",
            Check::Agreements => "agreements",
            Check::FollowUp => "follow_up",
            Check::FinalMood => "final_mood",
            Check::Ending => "ending",
        }
    }

    /// Label in `lang`.
    pub fn label(self, lang: Language) -> &'static str {
        let (nl, en) = match self {
            Check::StageOrder => (
                "Eerst luisteren en begrip tonen",
                "Listen and acknowledge first",
            ),
            Check::HeardFirst => (
                "Geen uitleg of verdediging voordat de klant zich gehoord voelt",
                "No explaining or defending before the customer feels heard",
            ),
            Check::Courtesy => (
                "Respect: geen verwijten, opvoeden, hysterie of onderbreken",
                "Courtesy and respect: no blame, lecture, hysteria, cutting in",
            ),
            Check::AntiMoves => (
                "Geen andere valkuilen (uitleg, verdediging, te veel beloven)",
                "No other pitfalls (explaining early, defending, over-promising)",
            ),
            Check::Skipped => ("Geen stappen overgeslagen", "No steps skipped"),
            Check::Agreements => (
                "Oplossing en concrete afspraken",
                "Solution and concrete agreements",
            ),
            Check::FollowUp => ("Opvolging gepland", "Follow-up planned"),
            Check::FinalMood => ("Klant gekalmeerd", "Customer calmed down"),
            Check::Ending => ("Klant niet kwijtgeraakt", "Customer not lost"),
        };
        match lang {
            Language::Nl => nl,
            Language::En => en,
        }
    }
}

/// The anti-moves that fail a session outright unless a playbook says
/// otherwise (`lastige-klant`: whatever you do, stay away from blaming the
/// customer, lecturing them or joining any form of hysteria).
pub const DEFAULT_AUTO_FAIL: [Move; 3] = [
    Move::BlameCustomer,
    Move::LectureCustomer,
    Move::JoinHysteria,
];

/// The rubric in effect: points per check and the auto-fail anti-moves.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rubric {
    /// Points per check, in rubric order.
    pub weights: Vec<(Check, u32)>,
    /// Anti-moves that fail a session whatever its score.
    pub auto_fail: Vec<Move>,
}

impl Default for Rubric {
    fn default() -> Self {
        Rubric {
            weights: Check::ALL
                .iter()
                .map(|c| (*c, c.default_weight()))
                .collect(),
            auto_fail: DEFAULT_AUTO_FAIL.to_vec(),
        }
    }
}

impl Rubric {
    /// The rubric a playbook configures (defaults where it is silent).
    pub fn from_config(config: Option<&RubricConfig>) -> Rubric {
        let mut r = Rubric::default();
        let Some(c) = config else { return r };
        let set = c.weights.set();
        for (check, w) in &mut r.weights {
            if let Some((_, v)) = set.iter().find(|(k, _)| *k == check.as_str()) {
                *w = (*v).min(crate::playbook::MAX_CHECK_WEIGHT);
            }
        }
        if let Some(list) = &c.auto_fail {
            r.auto_fail = list.iter().copied().filter(|m| m.is_anti()).collect();
        }
        r
    }

    /// The rubric of `pb` (defaults when `None`).
    pub fn of_playbook(pb: Option<&Playbook>) -> Rubric {
        Rubric::from_config(pb.and_then(|p| p.rubric.as_ref()))
    }

    /// This rubric plus the auto-fail anti-moves a scenario adds.
    pub fn with_auto_fail(mut self, extra: &[Move]) -> Rubric {
        for m in extra {
            if m.is_anti() && !self.auto_fail.contains(m) {
                self.auto_fail.push(*m);
            }
        }
        self
    }

    /// Points of `check`.
    pub fn weight(&self, check: Check) -> u32 {
        self.weights
            .iter()
            .find(|(c, _)| *c == check)
            .map_or(0, |(_, w)| *w)
    }
}

/// The result of one check.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckResult {
    /// Which check.
    pub check: Check,
    /// Points earned.
    pub earned: u32,
    /// Points possible.
    pub max: u32,
    /// False when the check cannot apply (e.g. mood in a real call, or a
    /// weight of 0).
    pub applicable: bool,
}

/// A mistake: when, what happened, what would have been better, and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mistake {
    /// The check it cost points on.
    pub check: Check,
    /// When it happened (described in the trace's language).
    pub moment: String,
    /// What happened.
    pub what: String,
    /// What would have been better.
    pub better: String,
    /// The tip's source id.
    pub source: String,
}

/// A graded session or call.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Grade {
    /// 0–100.
    pub score: u8,
    /// The pass mark used.
    pub pass_mark: u8,
    /// `score >= pass_mark` and no auto-fail anti-move.
    pub passed: bool,
    /// Per check, in rubric order.
    pub checks: Vec<CheckResult>,
    /// Mistakes in the order they happened (rubric order for end-of-call ones).
    pub mistakes: Vec<Mistake>,
    /// The auto-fail anti-moves made (the score is then capped just below
    /// the pass mark).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub failed_by: Vec<Move>,
}

/// Grades a practice session with the default rubric plus the scenario's
/// auto-fail anti-moves, and its pass mark.
pub fn grade_session(s: &Session<'_>) -> Grade {
    grade_session_with(s, &Rubric::default())
}

/// Grades a practice session with `rubric` (the playbook's; the scenario's
/// auto-fail anti-moves are added) and the scenario's pass mark.
pub fn grade_session_with(s: &Session<'_>, rubric: &Rubric) -> Grade {
    let rubric = rubric.clone().with_auto_fail(&s.scenario.auto_fail);
    grade_with(&Trace::from_session(s), &rubric, s.scenario.pass_mark())
}

/// Grades a real call's event log with the playbook's rubric (pass mark:
/// the default 70).
pub fn grade_call(events: &[Event], pb: Option<&Playbook>, lang: Language) -> Grade {
    grade_with(
        &Trace::from_events(events, pb, lang),
        &Rubric::of_playbook(pb),
        crate::scenario::DEFAULT_PASS_MARK,
    )
}

/// Scores a trace with the default rubric.
pub fn grade(t: &Trace, pass_mark: u8) -> Grade {
    grade_with(t, &Rubric::default(), pass_mark)
}

/// Scores a trace with `rubric`.
pub fn grade_with(t: &Trace, rubric: &Rubric, pass_mark: u8) -> Grade {
    let failed_by: Vec<Move> = if t.anti_moves_known {
        let mut v: Vec<Move> = Vec::new();
        for s in &t.steps {
            if rubric.auto_fail.contains(&s.act) && !v.contains(&s.act) {
                v.push(s.act);
            }
        }
        v
    } else {
        Vec::new()
    };
    let mut found = checks::Found {
        mistakes: Vec::new(),
        auto_fail: failed_by.clone(),
    };
    let mut results = Vec::new();
    for check in Check::ALL {
        let max = rubric.weight(check);
        let (fraction, applies) = checks::run(check, t, &mut found);
        let applicable = applies && max > 0;
        let earned = if applicable {
            (fraction.clamp(0.0, 1.0) * f64::from(max)).round() as u32
        } else {
            0
        };
        results.push(CheckResult {
            check,
            earned: earned.min(max),
            max,
            applicable,
        });
    }
    let mut mistakes = found.mistakes;
    for (_, m) in &mut mistakes {
        m.source = advice::citable(&m.source, t);
    }
    mistakes.sort_by_key(|(k, _)| *k);
    let mistakes: Vec<Mistake> = mistakes.into_iter().map(|(_, m)| m).collect();
    let (earned, max) = results
        .iter()
        .filter(|c| c.applicable)
        .fold((0u32, 0u32), |(e, m), c| (e + c.earned, m + c.max));
    let mut score = (earned * 100 + max / 2)
        .checked_div(max)
        .map_or(0, |v| v.min(100) as u8);
    if !failed_by.is_empty() {
        score = score.min(pass_mark.saturating_sub(1));
    }
    Grade {
        score,
        pass_mark,
        passed: score >= pass_mark && failed_by.is_empty(),
        checks: results,
        mistakes,
        failed_by,
    }
}

#[cfg(test)]
mod tests;
