//! The nine checks of the rubric. Each returns the share of its points
//! earned (0–1) and whether it applies, and records its mistakes.

use super::advice::{
    ANTI_MOVE_COST, DISRESPECT_COST, INTERRUPT_COST, OVERPROMISE_COST, auto_fail_what, better_than,
    overpromise_mistake, tr,
};
use super::{Check, Mistake, Moment, Trace};
use crate::playbook::Language;
use crate::scenario::{EndingId, Move};

/// Mistakes found so far, with their sort key (time order, end last).
#[derive(Default)]
pub struct Found {
    /// `(sort key, mistake)`.
    pub mistakes: Vec<((u8, i64), Mistake)>,
    /// The anti-moves that fail outright: their mistakes say so.
    pub auto_fail: Vec<Move>,
}

impl Found {
    fn add(&mut self, key: (u8, i64), m: Mistake) {
        self.mistakes.push((key, m));
    }

    fn reported(&self, check: Check, moment: &str) -> bool {
        self.mistakes
            .iter()
            .any(|(_, m)| m.check == check && m.moment == moment)
    }
}

/// True for the anti-moves of the courtesy check: disrespect and interrupting.
pub fn is_discourteous(m: Move) -> bool {
    matches!(
        m,
        Move::BlameCustomer | Move::LectureCustomer | Move::JoinHysteria | Move::Interrupt
    )
}

/// Runs `check` on `t`: `(share earned, applies)`.
pub fn run(check: Check, t: &Trace, found: &mut Found) -> (f64, bool) {
    match check {
        Check::StageOrder => stage_order(t, found),
        Check::HeardFirst => heard_first(t, found),
        Check::Courtesy => courtesy(t, found),
        Check::AntiMoves => pitfalls(t, found),
        Check::Skipped => skipped(t, found),
        Check::Agreements => agreements(t, found),
        Check::FollowUp => follow_up(t, found),
        Check::FinalMood => final_mood(t, found),
        Check::Ending => ending(t, found),
    }
}

fn first(t: &Trace, m: Move) -> Option<usize> {
    t.steps.iter().position(|s| s.act == m)
}

fn end(lang: Language) -> String {
    Moment::End.describe(lang)
}

const END: (u8, i64) = (1, 0);

/// Listen and acknowledge before the first question, solution or agreement.
fn stage_order(t: &Trace, found: &mut Found) -> (f64, bool) {
    let lang = t.lang;
    let first_task = t.steps.iter().position(|s| {
        matches!(
            s.act,
            Move::Ask | Move::ProposeSolution | Move::MakeAgreement
        )
    });
    let limit = first_task.unwrap_or(t.steps.len());
    let listened = first(t, Move::Listen).is_some_and(|i| i < limit);
    let acknowledged = first(t, Move::Acknowledge).is_some_and(|i| i < limit);
    let at = first_task.and_then(|i| t.steps.get(i));
    let key = at.map_or(END, |s| s.moment.order());
    let moment = at.map_or_else(|| end(lang), |s| s.moment.describe(lang));
    if !listened {
        found.add(key, Mistake {
            check: Check::StageOrder,
            moment: moment.clone(),
            what: tr(lang, "Je ging verder zonder eerst te luisteren.", "You moved on without listening first."),
            better: tr(lang, "Laat de klant eerst uitspreken, met korte signalen als \"ja\" of \"ik hoor het\".", "Let the customer finish first, with short cues like \"yes\" or \"I hear you\"."),
            source: "zes-stappen".into(),
        });
    }
    if !acknowledged {
        found.add(key, Mistake {
            check: Check::StageOrder,
            moment,
            what: tr(lang, "Je vroeg door of zocht een oplossing zonder eerst begrip te tonen.", "You asked or solved without showing understanding first."),
            better: tr(lang, "Toon eerst kort en oprecht begrip: \"Ik snap dat dit vervelend is.\" Sla de eerste twee stappen niet over.", "First show understanding, short and sincere: \"I understand this is annoying.\" Don't skip the first two steps."),
            source: "zes-stappen".into(),
        });
    }
    (
        f64::from(u8::from(listened) + u8::from(acknowledged)) / 2.0,
        true,
    )
}

/// No explaining or defending before the first acknowledgement; no flare-ups.
fn heard_first(t: &Trace, found: &mut Found) -> (f64, bool) {
    let lang = t.lang;
    let heard_at = first(t, Move::Acknowledge).unwrap_or(usize::MAX);
    let mut violations = 0u32;
    for (i, s) in t.steps.iter().enumerate() {
        if s.act.is_explaining() && i < heard_at {
            violations += 1;
            found.add(s.moment.order(), Mistake {
                check: Check::HeardFirst,
                moment: s.moment.describe(lang),
                what: s.tip.as_ref().map_or_else(
                    || tr(lang, "Je legde uit of verdedigde voordat de klant zich gehoord voelde.", "You explained or defended before the customer felt heard."),
                    |tip| tip.text.clone(),
                ),
                better: tr(lang, "Eerst luisteren en begrip tonen; pas daarna vragen stellen, zonder uitleg of verdediging. Anders beland je weer bij stap 1.", "Listen and acknowledge first; then ask, without explaining or defending. Otherwise you are back at step 1."),
                source: s.tip.as_ref().map_or_else(|| "zes-stappen".into(), |tip| tip.source.clone()),
            });
        }
    }
    for m in &t.flare_ups {
        violations += 1;
        found.add(m.order(), Mistake {
            check: Check::HeardFirst,
            moment: m.describe(lang),
            what: tr(lang, "De klant laaide weer op: terug naar luisteren.", "The customer flared up again: back to listening."),
            better: tr(lang, "Eerst luisteren en begrip tonen; stel daarna alleen vragen, zonder uitleg of verdediging.", "Listen and acknowledge first; then only ask, without explaining or defending."),
            source: "zes-stappen".into(),
        });
    }
    (1.0 - 0.5 * f64::from(violations), true)
}

fn anti_mistake(t: &Trace, s: &super::Step, check: Check, auto_fail: &[Move]) -> Mistake {
    let what = s
        .tip
        .as_ref()
        .map_or_else(|| s.act.label(t.lang).to_owned(), |tip| tip.text.clone());
    Mistake {
        check,
        moment: s.moment.describe(t.lang),
        what: if auto_fail.contains(&s.act) {
            auto_fail_what(s.act, &what, t.lang)
        } else {
            what
        },
        better: better_than(s.act, t.lang),
        source: s
            .tip
            .as_ref()
            .map_or_else(|| "lastige-klant".into(), |tip| tip.source.clone()),
    }
}

/// Courtesy and respect: blaming, lecturing and joining the hysteria cost
/// [`DISRESPECT_COST`] each, interrupting [`INTERRUPT_COST`] (shares of the
/// check). Not applicable when anti-moves are not recorded (real calls).
fn courtesy(t: &Trace, found: &mut Found) -> (f64, bool) {
    if !t.anti_moves_known {
        return (1.0, false);
    }
    let mut lost = 0.0;
    for s in t.steps.iter().filter(|s| is_discourteous(s.act)) {
        lost += if s.act == Move::Interrupt {
            INTERRUPT_COST
        } else {
            DISRESPECT_COST
        };
        let m = anti_mistake(t, s, Check::Courtesy, &found.auto_fail);
        found.add(s.moment.order(), m);
    }
    (1.0 - lost, true)
}

/// The other pitfalls: explaining too early and defending ([`ANTI_MOVE_COST`]
/// each, also when already reported under heard-first), over-promising
/// ([`OVERPROMISE_COST`]).
fn pitfalls(t: &Trace, found: &mut Found) -> (f64, bool) {
    if !t.anti_moves_known {
        return (1.0, false);
    }
    let mut lost = 0.0;
    for s in t
        .steps
        .iter()
        .filter(|s| s.act.is_anti() && !is_discourteous(s.act))
    {
        if s.act == Move::Overpromise {
            lost += OVERPROMISE_COST;
            let mut m = overpromise_mistake(s, t.lang);
            if found.auto_fail.contains(&s.act) {
                m.what = auto_fail_what(s.act, &m.what, t.lang);
            }
            found.add(s.moment.order(), m);
        } else {
            lost += ANTI_MOVE_COST;
            // Explaining before heard is already reported under heard_first.
            if !found.reported(Check::HeardFirst, &s.moment.describe(t.lang)) {
                let m = anti_mistake(t, s, Check::AntiMoves, &found.auto_fail);
                found.add(s.moment.order(), m);
            }
        }
    }
    (1.0 - lost, true)
}

/// No steps skipped: half the check per skip.
fn skipped(t: &Trace, found: &mut Found) -> (f64, bool) {
    let lang = t.lang;
    for (m, what) in &t.skipped {
        found.add(
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
        );
    }
    for (m, what) in &t.completed_later {
        found.add(
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
        );
    }
    // A skip costs half the check; one made up for later a fifth.
    (
        1.0 - 0.5 * t.skipped.len() as f64 - 0.2 * t.completed_later.len() as f64,
        true,
    )
}

/// A solution, then a concrete agreement: all; an agreement without a
/// solution first: two thirds; a solution without agreement: one third.
fn agreements(t: &Trace, found: &mut Found) -> (f64, bool) {
    let lang = t.lang;
    let proposed = first(t, Move::ProposeSolution);
    let agreed = first(t, Move::MakeAgreement);
    let share = match (proposed, agreed) {
        (Some(p), Some(a)) if p < a => 1.0,
        (_, Some(_)) => 2.0 / 3.0,
        (Some(_), None) => 1.0 / 3.0,
        (None, None) => 0.0,
    };
    if share < 1.0 {
        found.add(END, Mistake {
            check: Check::Agreements,
            moment: end(lang),
            what: match (proposed, agreed) {
                (_, Some(_)) => tr(lang, "Je maakte afspraken zonder eerst samen een oplossing te zoeken.", "You made agreements without first finding a solution together."),
                (Some(_), None) => tr(lang, "Er kwam een oplossing, maar geen concrete afspraak.", "A solution came up, but no concrete agreement."),
                (None, None) => tr(lang, "Er kwam geen oplossing en geen afspraak.", "No solution and no agreement."),
            },
            better: tr(lang, "Vraag wat de klant als oplossing ziet en maak daarna concrete afspraken: wie doet wat, wanneer. Vat ze samen en bied een bevestiging per e-mail aan.", "Ask what the customer sees as a solution, then make concrete agreements: who does what, when. Summarise them and offer a confirmation e-mail."),
            source: "zes-stappen".into(),
        });
    }
    (share, true)
}

/// A follow-up planned; not applicable when parting ways.
fn follow_up(t: &Trace, found: &mut Found) -> (f64, bool) {
    let lang = t.lang;
    let applies = t.ending != Some(EndingId::PartedRespectfully);
    let planned = first(t, Move::PlanFollowUp).is_some();
    if applies && !planned {
        found.add(END, Mistake {
            check: Check::FollowUp,
            moment: end(lang),
            what: tr(lang, "Er is geen controle gepland of de afspraken zijn nagekomen.", "No check was planned that the agreements were kept."),
            better: tr(lang, "Plan een kort vervolgcontact: een klacht is pas opgelost als de afspraken zijn nagekomen.", "Plan a short follow-up: a complaint is only solved once the agreements were kept."),
            source: "zes-stappen".into(),
        });
    }
    (if planned { 1.0 } else { 0.0 }, applies)
}

/// Final mood ≤ 3: all; ≤ 6: half. Not applicable when unknown.
fn final_mood(t: &Trace, found: &mut Found) -> (f64, bool) {
    let lang = t.lang;
    let Some(m) = t.final_mood else {
        return (1.0, false);
    };
    let share = match m {
        0..=3 => 1.0,
        4..=6 => 0.5,
        _ => 0.0,
    };
    if share < 1.0 {
        found.add(END, Mistake {
            check: Check::FinalMood,
            moment: end(lang),
            what: match lang {
                Language::Nl => format!("De klant eindigde met stemming {m}/10."),
                Language::En => format!("The customer ended at mood {m}/10."),
            },
            better: tr(lang, "Blijf weg van verwijten, opvoeden en meegaan in de hysterie; dat gooit olie op het vuur.", "Stay away from blaming, lecturing and joining the hysteria; it pours oil on the fire."),
            source: "lastige-klant".into(),
        });
    }
    (share, true)
}

/// The customer was not lost.
fn ending(t: &Trace, found: &mut Found) -> (f64, bool) {
    let lang = t.lang;
    let kept = matches!(
        t.ending,
        Some(EndingId::Resolved | EndingId::ResolvedWithFollowUp | EndingId::PartedRespectfully)
    );
    if !kept {
        found.add(END, Mistake {
            check: Check::Ending,
            moment: end(lang),
            what: if t.ending == Some(EndingId::CustomerLost) {
                tr(lang, "De klant is verloren.", "The customer was lost.")
            } else {
                tr(lang, "Het gesprek eindigde zonder oplossing.", "The conversation ended without a solution.")
            },
            better: tr(lang, "Een klacht die zorgvuldig wordt afgehandeld kan de relatie juist versterken: luister, toon begrip en zoek samen een oplossing.", "A complaint handled with care can strengthen the relationship: listen, acknowledge and find a solution together."),
            source: "zes-stappen".into(),
        });
    }
    (if kept { 1.0 } else { 0.0 }, true)
}
