//! The one scoring rubric, for practice sessions and real calls alike.
//!
//! Both are first turned into a [`Trace`] — a sequence of moves with the
//! moment each happened, plus flare-ups, skipped steps, the final mood and
//! the ending — and [`grade`] scores that. A practice session yields every
//! field; a real call's event log has no mood and no anti-moves, so those
//! checks are "not applicable" and the score is taken over the rest.
//! The checks and their weights are documented in the README ("Scoring").

use crate::engine::{CallOutcome, Event, EventKind, Timestamp};
use crate::playbook::{Language, Playbook};
use crate::practice::Session;
use crate::scenario::{EndingId, Move};
use crate::stage::StageId;
use serde::{Deserialize, Serialize};

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
    fn order(&self) -> (u8, i64) {
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
                    Language::Nl => format!("na {at} in fase {stage}"),
                    Language::En => format!("at {at} in stage {stage}"),
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
}

/// The rubric's checks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Check {
    /// Listened and acknowledged before asking and solving.
    StageOrder,
    /// No explaining or defending before the customer felt heard; no flare-ups.
    HeardFirst,
    /// No anti-moves.
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
    pub const ALL: [Check; 8] = [
        Check::StageOrder,
        Check::HeardFirst,
        Check::AntiMoves,
        Check::Skipped,
        Check::Agreements,
        Check::FollowUp,
        Check::FinalMood,
        Check::Ending,
    ];

    /// Maximum points.
    pub fn weight(self) -> u32 {
        match self {
            Check::StageOrder | Check::AntiMoves => 20,
            Check::HeardFirst | Check::Agreements => 15,
            Check::Skipped | Check::FollowUp | Check::FinalMood | Check::Ending => 10,
        }
    }

    /// Stable identifier.
    pub fn as_str(self) -> &'static str {
        match self {
            Check::StageOrder => "stage_order",
            Check::HeardFirst => "heard_first",
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
            Check::AntiMoves => (
                "Geen valkuilen (onderbreken, verwijten, opvoeden…)",
                "No pitfalls (interrupting, blaming, lecturing…)",
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

/// The result of one check.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckResult {
    /// Which check.
    pub check: Check,
    /// Points earned.
    pub earned: u32,
    /// Points possible.
    pub max: u32,
    /// False when the trace cannot say (e.g. mood in a real call).
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
    /// `score >= pass_mark`.
    pub passed: bool,
    /// Per check, in rubric order.
    pub checks: Vec<CheckResult>,
    /// Mistakes in the order they happened (rubric order for end-of-call ones).
    pub mistakes: Vec<Mistake>,
}

fn tr(lang: Language, nl: &str, en: &str) -> String {
    match lang {
        Language::Nl => nl.to_owned(),
        Language::En => en.to_owned(),
    }
}

impl Trace {
    /// The trace of a (finished or unfinished) practice session.
    pub fn from_session(s: &Session<'_>) -> Trace {
        let mut steps = Vec::new();
        let mut skipped = Vec::new();
        let mut highest: Option<StageId> = None;
        let mut seen = std::collections::BTreeSet::new();
        for t in &s.turns {
            let moment = Moment::Turn {
                number: t.number,
                beat: t.beat.clone(),
            };
            if let Some(st) = t.act.stage() {
                // Stages between the highest reached and this one were jumped over.
                // Listen and acknowledge are judged by the stage-order check,
                // follow-up by its own.
                let from = highest.map_or(0, |h| h.index() + 1);
                for i in from..st.index() {
                    if let Some(gap) = StageId::from_index(i)
                        && !seen.contains(&gap)
                        && gap > StageId::Acknowledge
                        && gap != StageId::FollowUp
                    {
                        let name = crate::i18n::stage_name(gap, s.scenario.language);
                        skipped.push((moment.clone(), name.to_owned()));
                        seen.insert(gap);
                    }
                }
                seen.insert(st);
                highest = highest.max(Some(st));
            }
            steps.push(Step {
                act: t.act,
                moment,
                tip: Some(Tip {
                    text: t.feedback.clone(),
                    source: t.source.clone(),
                }),
            });
        }
        Trace {
            lang: s.scenario.language,
            steps,
            flare_ups: Vec::new(),
            skipped,
            completed_later: Vec::new(),
            anti_moves_known: true,
            final_mood: Some(s.mood),
            ending: s.ending,
        }
    }

    /// The trace of a real call's event log. `pb` (when given) supplies the
    /// texts of skipped checklist items; `lang` the message language.
    pub fn from_events(events: &[Event], pb: Option<&Playbook>, lang: Language) -> Trace {
        let start: Timestamp = events.first().map_or(0, |e| e.at);
        let mut stage = StageId::Listen;
        let mut steps: Vec<Step> = Vec::new();
        let mut flare_ups = Vec::new();
        let mut skipped = Vec::new();
        let mut completed_later = Vec::new();
        let mut ending = None;
        let mut has_follow_up = false;
        // The call as it stands: which skipped items were ticked since.
        let last = crate::engine::CallState::replay(events);
        for e in events {
            let moment = Moment::Call {
                offset_ms: e.at - start,
                stage,
            };
            match &e.kind {
                EventKind::Started(_) => steps.push(Step {
                    act: Move::Listen,
                    moment,
                    tip: None,
                }),
                EventKind::StageEntered {
                    stage: to,
                    skipped: s,
                } => {
                    for item in s {
                        // A stage whose required items were skipped was not
                        // really done: drop its move.
                        let m = Move::of_stage(item.stage);
                        steps.retain(|st| st.act != m);
                        let text = pb.and_then(|p| p.item(item.stage, &item.item)).map_or_else(
                            || {
                                format!(
                                    "{}/{}",
                                    crate::i18n::stage_name(item.stage, lang),
                                    item.item
                                )
                            },
                            |i| crate::text::sanitize_line(&i.text),
                        );
                        if last.as_ref().is_some_and(|st| st.completed_later(item)) {
                            completed_later.push((moment.clone(), text));
                        } else {
                            skipped.push((moment.clone(), text));
                        }
                    }
                    stage = *to;
                    let m = Move::of_stage(*to);
                    // Agreements and follow-ups count when recorded, not on entering.
                    if !matches!(m, Move::MakeAgreement | Move::PlanFollowUp) {
                        steps.push(Step {
                            act: m,
                            moment: Moment::Call {
                                offset_ms: e.at - start,
                                stage,
                            },
                            tip: None,
                        });
                    }
                }
                EventKind::Escalated { .. } => {
                    flare_ups.push(moment);
                    stage = StageId::Listen;
                }
                EventKind::AgreementRecorded(_) => steps.push(Step {
                    act: Move::MakeAgreement,
                    moment,
                    tip: None,
                }),
                EventKind::FollowUpPlanned(_) => {
                    has_follow_up = true;
                    steps.push(Step {
                        act: Move::PlanFollowUp,
                        moment,
                        tip: None,
                    });
                }
                EventKind::Ended { outcome } => {
                    ending = match outcome {
                        CallOutcome::Resolved if has_follow_up => {
                            Some(EndingId::ResolvedWithFollowUp)
                        }
                        CallOutcome::Resolved => Some(EndingId::Resolved),
                        CallOutcome::ResolvedWithFollowUp => Some(EndingId::ResolvedWithFollowUp),
                        CallOutcome::PartedWays => Some(EndingId::PartedRespectfully),
                        CallOutcome::Unresolved => None,
                    }
                }
                EventKind::Reopened => ending = None,
                _ => {}
            }
        }
        Trace {
            lang,
            steps,
            flare_ups,
            skipped,
            completed_later,
            anti_moves_known: false,
            final_mood: None,
            ending,
        }
    }
}

/// Grades a practice session with its scenario's pass mark.
pub fn grade_session(s: &Session<'_>) -> Grade {
    grade(&Trace::from_session(s), s.scenario.pass_mark())
}

/// Grades a real call's event log (pass mark: the default 70).
pub fn grade_call(events: &[Event], pb: Option<&Playbook>, lang: Language) -> Grade {
    grade(
        &Trace::from_events(events, pb, lang),
        crate::scenario::DEFAULT_PASS_MARK,
    )
}

/// What `m` costs on the "No pitfalls" check.
pub fn anti_move_cost(m: Move) -> u32 {
    match m {
        Move::Overpromise => OVERPROMISE_COST,
        _ => ANTI_MOVE_COST,
    }
}

mod advice;
mod grading;

pub use grading::{ANTI_MOVE_COST, OVERPROMISE_COST, grade};

use advice::{better_than, overpromise_mistake};

#[cfg(test)]
mod tests;
