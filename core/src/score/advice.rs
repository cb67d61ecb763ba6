//! The advice texts of the rubric's mistakes: what an over-promise costs
//! and which reply would have been better than an anti-move.

use super::*;

/// The articles behind "agreements must be realistic".
const REALISTIC_SOURCES: [&str; 2] = ["zes-stappen", "moeilijke-klanten"];

/// The mistake for an over-promise: named as such, with the scenario's own
/// feedback, the rule, and its source — the scenario's when that is one of
/// the articles behind the rule, else `zes-stappen`.
pub(super) fn overpromise_mistake(s: &Step, lang: Language) -> Mistake {
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
pub(super) fn better_than(m: Move, lang: Language) -> String {
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
