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

/// Scores a trace with the rubric.
pub fn grade(t: &Trace, pass_mark: u8) -> Grade {
    let lang = t.lang;
    let mut mistakes: Vec<((u8, i64), Mistake)> = Vec::new();
    let mut checks = Vec::new();
    let mut add = |check: Check, earned: u32, applicable: bool| {
        checks.push(CheckResult {
            check,
            earned: earned.min(check.weight()),
            max: check.weight(),
            applicable,
        });
    };
    let first = |m: Move| t.steps.iter().position(|s| s.act == m);
    let end = || Moment::End.describe(lang);

    // 1. Stage order: listen and acknowledge before asking or solving.
    let first_task = t.steps.iter().position(|s| {
        matches!(
            s.act,
            Move::Ask | Move::ProposeSolution | Move::MakeAgreement
        )
    });
    let limit = first_task.unwrap_or(t.steps.len());
    let listened = first(Move::Listen).is_some_and(|i| i < limit);
    let acknowledged = first(Move::Acknowledge).is_some_and(|i| i < limit);
    let key_of = |i: Option<usize>| {
        i.and_then(|i| t.steps.get(i))
            .map_or((1, 0), |s| s.moment.order())
    };
    let moment_of = |i: Option<usize>| {
        i.and_then(|i| t.steps.get(i))
            .map_or_else(end, |s| s.moment.describe(lang))
    };
    if !listened {
        mistakes.push((key_of(first_task), Mistake {
            check: Check::StageOrder,
            moment: moment_of(first_task),
            what: tr(lang, "Je ging verder zonder eerst te luisteren.", "You moved on without listening first."),
            better: tr(lang, "Laat de klant eerst uitspreken, met korte signalen als \"ja\" of \"ik hoor het\".", "Let the customer finish first, with short cues like \"yes\" or \"I hear you\"."),
            source: "zes-stappen".into(),
        }));
    }
    if !acknowledged {
        mistakes.push((key_of(first_task), Mistake {
            check: Check::StageOrder,
            moment: moment_of(first_task),
            what: tr(lang, "Je vroeg door of zocht een oplossing zonder eerst begrip te tonen.", "You asked or solved without showing understanding first."),
            better: tr(lang, "Toon eerst kort en oprecht begrip: \"Ik snap dat dit vervelend is.\" Sla de eerste twee stappen niet over.", "First show understanding, short and sincere: \"I understand this is annoying.\" Don't skip the first two steps."),
            source: "zes-stappen".into(),
        }));
    }
    add(
        Check::StageOrder,
        u32::from(listened) * 10 + u32::from(acknowledged) * 10,
        true,
    );

    // 2. Heard first: no explaining/defending before the first acknowledgement; no flare-ups.
    let heard_at = first(Move::Acknowledge).unwrap_or(usize::MAX);
    let mut violations = 0u32;
    for (i, s) in t.steps.iter().enumerate() {
        if s.act.is_explaining() && i < heard_at {
            violations += 1;
            mistakes.push((s.moment.order(), Mistake {
                check: Check::HeardFirst,
                moment: s.moment.describe(lang),
                what: s.tip.as_ref().map_or_else(
                    || tr(lang, "Je legde uit of verdedigde voordat de klant zich gehoord voelde.", "You explained or defended before the customer felt heard."),
                    |tip| tip.text.clone(),
                ),
                better: tr(lang, "Eerst luisteren en begrip tonen; pas daarna vragen stellen, zonder uitleg of verdediging. Anders beland je weer bij stap 1.", "Listen and acknowledge first; then ask, without explaining or defending. Otherwise you are back at step 1."),
                source: s.tip.as_ref().map_or_else(|| "zes-stappen".into(), |tip| tip.source.clone()),
            }));
        }
    }
    for m in &t.flare_ups {
        violations += 1;
        mistakes.push((m.order(), Mistake {
            check: Check::HeardFirst,
            moment: m.describe(lang),
            what: tr(lang, "De klant laaide weer op: terug naar luisteren.", "The customer flared up again: back to listening."),
            better: tr(lang, "Eerst luisteren en begrip tonen; stel daarna alleen vragen, zonder uitleg of verdediging.", "Listen and acknowledge first; then only ask, without explaining or defending."),
            source: "zes-stappen".into(),
        }));
    }
    add(
        Check::HeardFirst,
        Check::HeardFirst.weight().saturating_sub(violations * 8),
        true,
    );

    // 3. Anti-moves; an over-promise costs more (see `anti_move_cost`).
    let mut anti = 0u32;
    if t.anti_moves_known {
        for s in &t.steps {
            if s.act.is_anti() {
                anti += anti_move_cost(s.act);
                // Explaining before heard is already reported under heard_first.
                let reported = s.act.is_explaining()
                    && mistakes.iter().any(|(_, m)| {
                        m.check == Check::HeardFirst && m.moment == s.moment.describe(lang)
                    });
                if s.act == Move::Overpromise {
                    mistakes.push((s.moment.order(), overpromise_mistake(s, lang)));
                } else if !reported {
                    mistakes.push((
                        s.moment.order(),
                        Mistake {
                            check: Check::AntiMoves,
                            moment: s.moment.describe(lang),
                            what: s
                                .tip
                                .as_ref()
                                .map_or_else(|| s.act.as_str().to_owned(), |tip| tip.text.clone()),
                            better: better_than(s.act, lang),
                            source: s
                                .tip
                                .as_ref()
                                .map_or_else(|| "lastige-klant".into(), |tip| tip.source.clone()),
                        },
                    ));
                }
            }
        }
    }
    add(
        Check::AntiMoves,
        Check::AntiMoves.weight().saturating_sub(anti),
        t.anti_moves_known,
    );

    // 4. Skipped steps.
    for (m, what) in &t.skipped {
        mistakes.push((
            m.order(),
            Mistake {
                check: Check::Skipped,
                moment: m.describe(lang),
                what: match lang {
                    Language::Nl => format!("Overgeslagen: {what}."),
                    Language::En => format!("Skipped: {what}."),
                },
                better: tr(
                    lang,
                    "Doorloop de stappen op volgorde; elke stap heeft een doel.",
                    "Go through the steps in order; each has a purpose.",
                ),
                source: "zes-stappen".into(),
            },
        ));
    }
    for (m, what) in &t.completed_later {
        mistakes.push((
            m.order(),
            Mistake {
                check: Check::Skipped,
                moment: m.describe(lang),
                what: match lang {
                    Language::Nl => format!("Overgeslagen, later afgerond: {what}."),
                    Language::En => format!("Skipped, completed later: {what}."),
                },
                better: tr(
                    lang,
                    "Goed dat je het alsnog deed; doe het de volgende keer op zijn moment, dan voelt de klant zich meteen gehoord.",
                    "Good that you made up for it; next time do it at its moment, so the customer feels heard straight away.",
                ),
                source: "zes-stappen".into(),
            },
        ));
    }
    add(
        Check::Skipped,
        Check::Skipped
            .weight()
            .saturating_sub(t.skipped.len() as u32 * 5 + t.completed_later.len() as u32 * 2),
        true,
    );

    // 5. Agreements: a solution, then a concrete agreement.
    let proposed = first(Move::ProposeSolution);
    let agreed = first(Move::MakeAgreement);
    let earned = match (proposed, agreed) {
        (Some(p), Some(a)) if p < a => 15,
        (_, Some(_)) => 10,
        (Some(_), None) => 5,
        (None, None) => 0,
    };
    if earned < 15 {
        mistakes.push(((1, 0), Mistake {
            check: Check::Agreements,
            moment: end(),
            what: match (proposed, agreed) {
                (None, Some(_)) | (Some(_), Some(_)) => tr(lang, "Je maakte afspraken zonder eerst samen een oplossing te zoeken.", "You made agreements without first finding a solution together."),
                (Some(_), None) => tr(lang, "Er kwam een oplossing, maar geen concrete afspraak.", "A solution came up, but no concrete agreement."),
                (None, None) => tr(lang, "Er kwam geen oplossing en geen afspraak.", "No solution and no agreement."),
            },
            better: tr(lang, "Vraag wat de klant als oplossing ziet en maak daarna concrete afspraken: wie doet wat, wanneer. Vat ze samen en bied een bevestiging per e-mail aan.", "Ask what the customer sees as a solution, then make concrete agreements: who does what, when. Summarise them and offer a confirmation e-mail."),
            source: "zes-stappen".into(),
        }));
    }
    add(Check::Agreements, earned, true);

    // 6. Follow-up (not expected when parting ways).
    let follow_up_applies = t.ending != Some(EndingId::PartedRespectfully);
    let planned = first(Move::PlanFollowUp).is_some();
    if follow_up_applies && !planned {
        mistakes.push(((1, 0), Mistake {
            check: Check::FollowUp,
            moment: end(),
            what: tr(lang, "Er is geen controle gepland of de afspraken zijn nagekomen.", "No check was planned that the agreements were kept."),
            better: tr(lang, "Plan een kort vervolgcontact: een klacht is pas opgelost als de afspraken zijn nagekomen.", "Plan a short follow-up: a complaint is only solved once the agreements were kept."),
            source: "zes-stappen".into(),
        }));
    }
    add(
        Check::FollowUp,
        if planned || !follow_up_applies { 10 } else { 0 },
        follow_up_applies,
    );

    // 7. Final mood.
    let mood_points = match t.final_mood {
        Some(m) if m <= 3 => 10,
        Some(m) if m <= 6 => 5,
        _ => 0,
    };
    if let Some(m) = t.final_mood
        && mood_points < 10
    {
        mistakes.push(((1, 0), Mistake {
            check: Check::FinalMood,
            moment: end(),
            what: match lang {
                Language::Nl => format!("De klant eindigde met stemming {m}/10."),
                Language::En => format!("The customer ended at mood {m}/10."),
            },
            better: tr(lang, "Blijf weg van verwijten, opvoeden en meegaan in de hysterie; dat gooit olie op het vuur.", "Stay away from blaming, lecturing and joining the hysteria; it pours oil on the fire."),
            source: "lastige-klant".into(),
        }));
    }
    add(Check::FinalMood, mood_points, t.final_mood.is_some());

    // 8. Ending: the customer was not lost.
    let kept = matches!(
        t.ending,
        Some(EndingId::Resolved | EndingId::ResolvedWithFollowUp | EndingId::PartedRespectfully)
    );
    if !kept {
        mistakes.push(((1, 0), Mistake {
            check: Check::Ending,
            moment: end(),
            what: if t.ending == Some(EndingId::CustomerLost) {
                tr(lang, "De klant is verloren.", "The customer was lost.")
            } else {
                tr(lang, "Het gesprek eindigde zonder oplossing.", "The conversation ended without a solution.")
            },
            better: tr(lang, "Een klacht die zorgvuldig wordt afgehandeld kan de relatie juist versterken: luister, toon begrip en zoek samen een oplossing.", "A complaint handled with care can strengthen the relationship: listen, acknowledge and find a solution together."),
            source: "zes-stappen".into(),
        }));
    }
    add(Check::Ending, if kept { 10 } else { 0 }, true);

    // Mistakes in the order they happened; end-of-conversation ones last.
    let mut keyed = mistakes;
    keyed.sort_by_key(|(k, _)| *k);
    let mistakes: Vec<Mistake> = keyed.into_iter().map(|(_, m)| m).collect();
    let (earned, max) = checks
        .iter()
        .filter(|c| c.applicable)
        .fold((0u32, 0u32), |(e, m), c| (e + c.earned, m + c.max));
    let score = (earned * 100 + max / 2)
        .checked_div(max)
        .map_or(0, |v| v.min(100) as u8);
    Grade {
        score,
        pass_mark,
        passed: score >= pass_mark,
        checks,
        mistakes,
    }
}

/// Points an anti-move costs on the "No pitfalls" check.
pub const ANTI_MOVE_COST: u32 = 7;
/// Points an over-promise costs on the "No pitfalls" check. More than other
/// anti-moves: the customer leaves content, but the promise will be broken
/// and the complaint comes back worse ("afspraken moeten realistisch zijn",
/// zes-stappen and moeilijke-klanten). About 14 of the 100: enough to fail
/// a path that would score in the low 80s without it.
pub const OVERPROMISE_COST: u32 = 15;

/// What `m` costs on the "No pitfalls" check.
pub fn anti_move_cost(m: Move) -> u32 {
    match m {
        Move::Overpromise => OVERPROMISE_COST,
        _ => ANTI_MOVE_COST,
    }
}

/// The articles behind "agreements must be realistic".
const REALISTIC_SOURCES: [&str; 2] = ["zes-stappen", "moeilijke-klanten"];

/// The mistake for an over-promise: named as such, with the scenario's own
/// feedback, the rule, and its source — the scenario's when that is one of
/// the articles behind the rule, else `zes-stappen`.
fn overpromise_mistake(s: &Step, lang: Language) -> Mistake {
    let label = tr(lang, "Te veel beloofd", "Over-promise");
    let what = match &s.tip {
        Some(tip) => format!("{label}: {}", tip.text),
        None => format!(
            "{label}: {}",
            tr(
                lang,
                "je zegde iets toe wat niet waar te maken is.",
                "you promised something that cannot be kept."
            )
        ),
    };
    let source = s
        .tip
        .as_ref()
        .map(|tip| tip.source.as_str())
        .filter(|src| REALISTIC_SOURCES.contains(src))
        .unwrap_or(REALISTIC_SOURCES[0]);
    Mistake {
        check: Check::AntiMoves,
        moment: s.moment.describe(lang),
        what,
        better: better_than(Move::Overpromise, lang),
        source: source.to_owned(),
    }
}

/// What to do instead of an anti-move.
fn better_than(m: Move, lang: Language) -> String {
    let (nl, en) = match m {
        Move::Interrupt => (
            "Laat de klant uitspreken; geef alleen korte luistersignalen.",
            "Let the customer finish; give only short listening cues.",
        ),
        Move::ExplainTooEarly | Move::Defend => (
            "Stel vragen zonder uitleg of verdediging; begrip tonen is geen uitgebreide toelichting.",
            "Ask without explaining or defending; acknowledging is not a long explanation.",
        ),
        Move::BlameCustomer => (
            "Benoem het probleem zonder de schuld bij de klant te leggen.",
            "Name the problem without blaming the customer.",
        ),
        Move::LectureCustomer => (
            "Wil de klant niet opvoeden; blijf rustig en bij de zaak.",
            "Don't lecture the customer; stay calm and on the issue.",
        ),
        Move::JoinHysteria => (
            "Ga niet mee in de hysterie; adem, blijf kalm en professioneel.",
            "Don't join the hysteria; breathe, stay calm and professional.",
        ),
        Move::Overpromise => (
            "Afspraken moeten realistisch zijn: bespreek wat haalbaar is voor beide kanten en beloof alleen wat je kunt nakomen. Een gebroken belofte brengt de klacht terug.",
            "Agreements must be realistic: discuss what is feasible for both sides and promise only what you can keep. A broken promise brings the complaint back.",
        ),
        _ => ("", ""),
    };
    tr(lang, nl, en)
}

#[cfg(test)]
mod tests;
