//! The headings and labels of `callcoach playbook show`, in Dutch and
//! English. They follow the interface language; the playbook's own texts
//! stay in the playbook's.

use crate::playbook::Language;

/// Headings and labels of `playbook show`.
#[derive(Debug)]
pub struct ShowWords {
    /// The `version` label.
    pub version: &'static str,
    /// The `sources` label.
    pub sources: &'static str,
    /// The `mindset` label.
    pub mindset: &'static str,
    /// The `checklist` label.
    pub checklist: &'static str,
    /// The `required_legend` label.
    pub required_legend: &'static str,
    /// The `phrases` label.
    pub phrases: &'static str,
    /// The `pitfalls` label.
    pub pitfalls: &'static str,
    /// The `time_hint` label.
    pub time_hint: &'static str,
    /// The `cues` label.
    pub cues: &'static str,
    /// The `tip` label.
    pub tip: &'static str,
    /// The `decision` label.
    pub decision: &'static str,
    /// The `questions` label.
    pub questions: &'static str,
    /// The `first_time` label.
    pub first_time: &'static str,
    /// The `repeat_difficult` label.
    pub repeat_difficult: &'static str,
    /// The `keep` label.
    pub keep: &'static str,
    /// The `part_ways` label.
    pub part_ways: &'static str,
    /// The `caution` label.
    pub caution: &'static str,
    /// The `evaluation` label.
    pub evaluation: &'static str,
    /// The `causes` label.
    pub causes: &'static str,
    /// The `email` label.
    pub email: &'static str,
    /// The `subject` label.
    pub subject: &'static str,
    /// The `phone` label.
    pub phone: &'static str,
    /// The `in_person` label.
    pub in_person: &'static str,
    /// The `elements` label.
    pub elements: &'static str,
}

impl ShowWords {
    /// Every word of the set (for tests that check an output holds no
    /// word of the other language).
    pub fn all(&self) -> Vec<&'static str> {
        vec![
            self.version,
            self.sources,
            self.mindset,
            self.checklist,
            self.required_legend,
            self.phrases,
            self.pitfalls,
            self.time_hint,
            self.cues,
            self.tip,
            self.decision,
            self.questions,
            self.first_time,
            self.repeat_difficult,
            self.keep,
            self.part_ways,
            self.caution,
            self.evaluation,
            self.causes,
            self.email,
            self.subject,
            self.phone,
            self.in_person,
            self.elements,
        ]
    }
}

const NL: ShowWords = ShowWords {
    version: "versie",
    sources: "Bronnen",
    mindset: "Houding",
    checklist: "Checklist",
    required_legend: "* = verplicht",
    phrases: "Zinnen",
    pitfalls: "Valkuilen",
    time_hint: "tijdshint",
    cues: "herkent",
    tip: "tip",
    decision: "Beslissing",
    questions: "Vragen",
    first_time: "Eerste keer lastig",
    repeat_difficult: "Eerder lastig geweest",
    keep: "minstens één ja",
    part_ways: "alles nee",
    caution: "Let op",
    evaluation: "Evaluatie",
    causes: "Oorzaken",
    email: "Bevestigingsmail",
    subject: "Onderwerp",
    phone: "telefoon",
    in_person: "aan tafel",
    elements: "onderdelen",
};

const EN: ShowWords = ShowWords {
    version: "version",
    sources: "Sources",
    mindset: "Mindset",
    checklist: "Checklist",
    required_legend: "* = required",
    phrases: "Phrases",
    pitfalls: "Pitfalls",
    time_hint: "time hint",
    cues: "detects",
    tip: "tip",
    decision: "Decision",
    questions: "Questions",
    first_time: "First time difficult",
    repeat_difficult: "Difficult before",
    keep: "any yes",
    part_ways: "all no",
    caution: "Caution",
    evaluation: "Evaluation",
    causes: "Causes",
    email: "Confirmation e-mail",
    subject: "Subject",
    phone: "phone",
    in_person: "in person",
    elements: "elements",
};

/// The `playbook show` words of `lang`.
pub fn show_words(lang: Language) -> &'static ShowWords {
    match lang {
        Language::Nl => &NL,
        Language::En => &EN,
    }
}
