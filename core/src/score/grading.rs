//! Grading a trace: every check of the rubric, its points and the mistakes
//! it reports.

use super::*;

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
