//! What the rubric says: costs of anti-moves, what would have been better,
//! and which source a mistake may cite.

use super::{Check, Mistake, Step, Trace};
use crate::playbook::Language;
use crate::scenario::Move;

/// Share of the "No other pitfalls" check an explaining or defending move costs.
pub const ANTI_MOVE_COST: f64 = 0.35;
/// Share of the "No other pitfalls" check an over-promise costs: more than
/// other pitfalls, because the customer leaves content but the promise will
/// be broken and the complaint comes back worse ("afspraken moeten
/// realistisch zijn", `zes-stappen` and `moeilijke-klanten`).
pub const OVERPROMISE_COST: f64 = 0.75;
/// Share of the courtesy check that blaming, lecturing or joining the
/// hysteria costs (each): most of it.
pub const DISRESPECT_COST: f64 = 0.6;
/// Share of the courtesy check interrupting costs.
pub const INTERRUPT_COST: f64 = 0.3;

/// `nl` or `en` as an owned string.
pub fn tr(lang: Language, nl: &str, en: &str) -> String {
    match lang {
        Language::Nl => nl.to_owned(),
        Language::En => en.to_owned(),
    }
}

/// The articles behind "agreements must be realistic".
const REALISTIC_SOURCES: [&str; 2] = ["zes-stappen", "moeilijke-klanten"];

/// The articles a rule may cite instead of `id`, best first: a rule from
/// one article is also taught by these (used when a scenario does not
/// define the rule's own source).
fn related(id: &str) -> &'static [&'static str] {
    match id {
        "zes-stappen" => &[
            "hoofd-koel",
            "moeilijke-klanten",
            "lastige-klant",
            "klagende-klant",
        ],
        "lastige-klant" => &[
            "moeilijke-klanten",
            "hoofd-koel",
            "zes-stappen",
            "klagende-klant",
        ],
        "moeilijke-klanten" => &[
            "zes-stappen",
            "lastige-klant",
            "hoofd-koel",
            "klagende-klant",
        ],
        "hoofd-koel" => &[
            "moeilijke-klanten",
            "zes-stappen",
            "lastige-klant",
            "klagende-klant",
        ],
        _ => &[
            "zes-stappen",
            "lastige-klant",
            "moeilijke-klanten",
            "hoofd-koel",
            "klagende-klant",
        ],
    }
}

/// The source a mistake cites: `id` when the trace's scenario (or
/// playbook) defines it, else a related article it defines, else the first
/// source it defines. Feedback never cites a source the scenario does not
/// define (it would show without a title).
pub fn citable(id: &str, t: &Trace) -> String {
    if t.sources.is_empty() || t.sources.iter().any(|s| s == id) {
        return id.to_owned();
    }
    related(id)
        .iter()
        .find(|r| t.sources.iter().any(|s| s == *r))
        .map(|r| (*r).to_owned())
        .or_else(|| t.sources.first().cloned())
        .unwrap_or_else(|| id.to_owned())
}

/// `what` of a mistake for an auto-fail anti-move: "Fails outright (blame
/// the customer): …".
pub fn auto_fail_what(m: Move, what: &str, lang: Language) -> String {
    match lang {
        Language::Nl => format!("Zakt direct ({}): {what}", m.label(lang)),
        Language::En => format!("Fails outright ({}): {what}", m.label(lang)),
    }
}

/// The mistake for an over-promise: named as such, with the scenario's own
/// feedback, the rule, and its source — the scenario's when that is one of
/// the articles behind the rule, else `zes-stappen`.
pub fn overpromise_mistake(s: &Step, lang: Language) -> Mistake {
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
pub fn better_than(m: Move, lang: Language) -> String {
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
