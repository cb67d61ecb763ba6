//! Words of the practice screen, its score screen (also printed by
//! `callcoach practice --answers`) and the scenario picker.

use super::Tr;
use crate::playbook::Language;
use crate::stage::StageId;

/// Every fixed word of the practice screens, in one language.
#[derive(Debug)]
pub struct PracticeWords {
    /// Header: "Practice".
    pub practice: &'static str,
    /// Header: exam mode.
    pub exam: &'static str,
    /// Header: coached mode.
    pub coached: &'static str,
    /// The mood meter's label.
    pub mood: &'static str,
    /// Title of the conversation pane.
    pub conversation: &'static str,
    /// The trainee's name in the transcript.
    pub you: &'static str,
    /// Title of the checklist pane.
    pub checklist: &'static str,
    /// Title of the coach pane.
    pub coach: &'static str,
    /// Title of the answer pane.
    pub answer: &'static str,
    /// Placeholder of the empty reply line.
    pub type_hint: &'static str,
    /// "heard:" before the classifier's verdict.
    pub heard: &'static str,
    /// The classifier recognised nothing.
    pub unsure_nothing: &'static str,
    /// The classifier was torn between moves.
    pub unsure_tie: &'static str,
    /// No option does what the reply does.
    pub unsure_none: &'static str,
    /// Several options fit the reply.
    pub unsure_several: &'static str,
    /// Asked before leaving an unfinished session.
    pub confirm_quit: &'static str,
    /// "Score".
    pub score: &'static str,
    /// Passed.
    pub passed: &'static str,
    /// Not passed.
    pub failed: &'static str,
    /// The pass mark.
    pub pass_mark: &'static str,
    /// "Ending" label.
    pub ending: &'static str,
    /// Heading: feedback per turn.
    pub feedback: &'static str,
    /// Heading: mistakes.
    pub mistakes: &'static str,
    /// "Better:" before the better move.
    pub better: &'static str,
    /// "source" before a cited source.
    pub source: &'static str,
    /// No mistakes.
    pub none: &'static str,
    /// The result was stored.
    pub saved: &'static str,
    /// The result could not be stored.
    pub not_saved: &'static str,
    /// A check that does not apply.
    pub na: &'static str,
    /// The persona's situation.
    pub situation: &'static str,
    /// What the persona wants.
    pub wants: &'static str,
    /// Title of the scenario picker.
    pub pick_title: &'static str,
    /// The picker's note on entries marked ✗.
    pub pick_broken: &'static str,
}

const NL: PracticeWords = PracticeWords {
    practice: "Oefenen",
    exam: "examen",
    coached: "met coaching",
    mood: "Stemming",
    conversation: "Gesprek",
    you: "Jij",
    checklist: "Checklist",
    coach: "Coach",
    answer: "Jouw antwoord",
    type_hint: "typ een eigen antwoord en druk Enter, of kies een nummer",
    heard: "gehoord",
    unsure_nothing: "Niets herkend — kies een optie met een cijfer.",
    unsure_tie: "Twijfel tussen meerdere zetten — kies een optie met een cijfer.",
    unsure_none: "Geen optie doet dat hier — kies een optie met een cijfer.",
    unsure_several: "Meerdere opties passen — kies er een met een cijfer.",
    confirm_quit: "Stoppen zonder resultaat?",
    score: "Score",
    passed: "geslaagd",
    failed: "niet geslaagd",
    pass_mark: "grens",
    ending: "Einde",
    feedback: "Feedback per beurt",
    mistakes: "Verbeterpunten",
    better: "Beter",
    source: "bron",
    none: "Geen — netjes gedaan.",
    saved: "Resultaat opgeslagen.",
    not_saved: "Resultaat niet opgeslagen",
    na: "n.v.t.",
    situation: "Situatie",
    wants: "Wil",
    pick_title: "Kies een oefenscenario",
    pick_broken: "✗: bestand met fouten — callcoach scenario check",
};

const EN: PracticeWords = PracticeWords {
    practice: "Practice",
    exam: "exam",
    coached: "coached",
    mood: "Mood",
    conversation: "Conversation",
    you: "You",
    checklist: "Checklist",
    coach: "Coach",
    answer: "Your answer",
    type_hint: "type your own answer and press Enter, or pick a number",
    heard: "heard",
    unsure_nothing: "Nothing recognised — pick an option with a digit.",
    unsure_tie: "Torn between moves — pick an option with a digit.",
    unsure_none: "No option here does that — pick an option with a digit.",
    unsure_several: "Several options fit — pick one with a digit.",
    confirm_quit: "Stop without a result?",
    score: "Score",
    passed: "passed",
    failed: "not passed",
    pass_mark: "pass mark",
    ending: "Ending",
    feedback: "Feedback per turn",
    mistakes: "To improve",
    better: "Better",
    source: "source",
    none: "None — well done.",
    saved: "Result saved.",
    not_saved: "Result not saved",
    na: "n/a",
    situation: "Situation",
    wants: "Wants",
    pick_title: "Pick a practice scenario",
    pick_broken: "✗: file with problems — callcoach scenario check",
};

impl PracticeWords {
    /// The practice words of `lang`.
    pub fn for_language(lang: Language) -> &'static PracticeWords {
        match lang {
            Language::Nl => &NL,
            Language::En => &EN,
        }
    }
}

/// Names of the practice moves, by their stable id.
const MOVES: &[(&str, Tr)] = &[
    ("listen", tr("luisteren", "listen")),
    ("acknowledge", tr("begrip tonen", "acknowledge")),
    ("ask", tr("vragen stellen", "ask")),
    (
        "propose_solution",
        tr("oplossing voorstellen", "propose a solution"),
    ),
    ("make_agreement", tr("afspraak maken", "make an agreement")),
    (
        "plan_follow_up",
        tr("opvolging plannen", "plan a follow-up"),
    ),
    ("interrupt", tr("onderbreken", "interrupt")),
    (
        "explain_too_early",
        tr("te vroeg uitleggen", "explain too early"),
    ),
    ("defend", tr("verdedigen", "defend")),
    (
        "blame_customer",
        tr("klant de schuld geven", "blame the customer"),
    ),
    (
        "lecture_customer",
        tr("klant de les lezen", "lecture the customer"),
    ),
    (
        "join_hysteria",
        tr("meegaan in de emotie", "join the hysteria"),
    ),
    ("overpromise", tr("te veel beloven", "overpromise")),
];

/// Names of the endings of a practice session, by their stable id.
const ENDINGS: &[(&str, Tr)] = &[
    ("resolved", tr("opgelost", "resolved")),
    (
        "resolved_with_follow_up",
        tr("opgelost, opvolging gepland", "resolved, follow-up planned"),
    ),
    (
        "parted_respectfully",
        tr("met respect afscheid genomen", "parted respectfully"),
    ),
    ("customer_lost", tr("klant verloren", "customer lost")),
];

/// Names of the six stages, by their stable id (when no playbook names them).
const STAGES: &[(&str, Tr)] = &[
    ("listen", tr("Luisteren", "Listen")),
    ("acknowledge", tr("Begrip tonen", "Acknowledge")),
    ("ask", tr("Vragen stellen", "Ask")),
    (
        "agree_solution",
        tr("Oplossing afstemmen", "Agree a solution"),
    ),
    (
        "record_agreements",
        tr("Afspraken maken", "Record agreements"),
    ),
    ("follow_up", tr("Uitvoering controleren", "Follow up")),
];

const fn tr(nl: &'static str, en: &'static str) -> Tr {
    Tr { nl, en }
}

fn lookup(table: &[(&str, Tr)], id: &str, lang: Language) -> String {
    table
        .iter()
        .find(|(k, _)| *k == id)
        .map_or_else(|| id.to_owned(), |(_, t)| t.get(lang).to_owned())
}

/// A practice move in words (`acknowledge` → "begrip tonen").
pub fn move_name(id: &str, lang: Language) -> String {
    lookup(MOVES, id, lang)
}

/// How a practice session ended, in words.
pub fn ending_name(id: &str, lang: Language) -> String {
    lookup(ENDINGS, id, lang)
}

/// How a practice session ended, for an ending id known at compile time.
pub fn ending_label(id: &'static str, lang: Language) -> &'static str {
    find(ENDINGS, id, lang)
}

/// A stage's generic name, for outputs that span playbooks (reports, lists)
/// or whose playbook is unknown; the same names as the built-in playbooks'
/// stage titles.
pub fn stage_name(stage: StageId, lang: Language) -> &'static str {
    find(STAGES, stage.as_str(), lang)
}

fn find(table: &[(&str, Tr)], id: &'static str, lang: Language) -> &'static str {
    table
        .iter()
        .find(|(k, _)| *k == id)
        .map_or(id, |(_, t)| t.get(lang))
}
