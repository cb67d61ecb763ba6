//! The playbook model: what a team lead writes in YAML and the coach shows
//! during a call. Pure data; loading and validation live in [`load`] and
//! [`validate`].
//!
//! Every element cites the article it was compiled from through `source`,
//! which must name an entry of [`Playbook::sources`].

pub mod load;
pub mod validate;

use crate::stage::StageId;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Placeholders a phrase or decision phrase may use.
pub const PHRASE_PLACEHOLDERS: &[&str] = &["customer", "agent"];

/// Placeholders the confirmation e-mail template may use.
pub const EMAIL_PLACEHOLDERS: &[&str] = &[
    "customer",
    "agent",
    "agreements",
    "follow_up_date",
    "follow_up",
    "complaint",
    "date",
];

/// The interface and content language of a playbook.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Language {
    /// Dutch.
    Nl,
    /// English.
    En,
}

impl Language {
    /// The ISO 639-1 code.
    pub fn code(self) -> &'static str {
        match self {
            Language::Nl => "nl",
            Language::En => "en",
        }
    }
}

/// How the customer is in contact with the agent.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema, Default)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    /// On the telephone: listening cues are spoken ("yes", "I hear you").
    #[default]
    Phone,
    /// Face to face: eye contact, nodding, phone put away.
    InPerson,
}

impl Channel {
    /// The stable identifier used in YAML and the database.
    pub fn as_str(self) -> &'static str {
        match self {
            Channel::Phone => "phone",
            Channel::InPerson => "in_person",
        }
    }
}

/// A complaint-call playbook: sources, mindset, the six stages' content, the
/// keep-or-part-ways decision, the evaluation and the confirmation e-mail.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Playbook {
    /// Stable identifier of this playbook, e.g. `klachtgesprek`. Lower-case
    /// letters, digits and `-`; stored with every call.
    pub id: String,
    /// Language of the content and of the interface while it is open.
    pub language: Language,
    /// Title shown in the header.
    pub title: String,
    /// Version of the content, e.g. `1.0`; stored with every call.
    pub version: String,
    /// One or two sentences on what this playbook is for.
    pub description: String,
    /// The articles or documents the content was compiled from. Every
    /// `source:` field elsewhere names one of these ids.
    pub sources: Vec<Source>,
    /// Short reminders shown (rotating) during the call: stay calm, it is not personal…
    pub mindset: Vec<Reminder>,
    /// Content for each of the six stages. All six keys are required.
    pub stages: Stages,
    /// The keep-or-part-ways check for a customer who goes too far.
    pub decision: Decision,
    /// Questions for after the call, and complaint-cause categories.
    pub evaluation: Evaluation,
    /// Template of the confirmation e-mail of agreements.
    pub email: EmailTemplate,
    /// Words that show a customer is flaring up, heard in a live transcript
    /// (`callcoach call --transcript`): the coach then suggests escalating
    /// (it never escalates by itself).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub flare_up: Option<FlareUp>,
}

/// Flare-up cues for the live transcript.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FlareUp {
    /// Cue phrases: when the customer says one (whole words, ignoring case
    /// and accents), the coach suggests escalating.
    pub cues: Vec<String>,
    /// Id of the source it comes from.
    pub source: String,
}

/// An article or document that playbook content was compiled from.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// Short id cited by `source:` fields, e.g. `zes-stappen`.
    pub id: String,
    /// Title of the article.
    pub title: String,
    /// Author and/or publisher.
    pub author: String,
    /// One-line summary of what it contributes.
    pub summary: String,
    /// Optional location (web address or document reference).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

/// A short mindset reminder shown during the call.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Reminder {
    /// The reminder itself, one short sentence.
    pub text: String,
    /// Id of the source it comes from.
    pub source: String,
}

/// The six stages, each under its fixed id.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Stages {
    /// Stage 1: let the customer tell their story without interrupting.
    pub listen: Stage,
    /// Stage 2: show understanding, apologise where something went wrong.
    pub acknowledge: Stage,
    /// Stage 3: summarise and ask open questions, no explaining or defending.
    pub ask: Stage,
    /// Stage 4: find a solution together.
    pub agree_solution: Stage,
    /// Stage 5: concrete agreements — who does what, when; offer a confirmation e-mail.
    pub record_agreements: Stage,
    /// Stage 6: check that the agreements were carried out.
    pub follow_up: Stage,
}

impl Stages {
    /// The content of `stage`.
    pub fn get(&self, stage: StageId) -> &Stage {
        match stage {
            StageId::Listen => &self.listen,
            StageId::Acknowledge => &self.acknowledge,
            StageId::Ask => &self.ask,
            StageId::AgreeSolution => &self.agree_solution,
            StageId::RecordAgreements => &self.record_agreements,
            StageId::FollowUp => &self.follow_up,
        }
    }

    /// All stages with their ids, in call order.
    pub fn iter(&self) -> impl Iterator<Item = (StageId, &Stage)> {
        StageId::ALL.into_iter().map(|s| (s, self.get(s)))
    }
}

/// The content of one stage.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Stage {
    /// Title shown on the stage rail, e.g. `Luisteren`.
    pub title: String,
    /// One line: what this stage must achieve.
    pub goal: String,
    /// Seconds after which the coach nudges the agent to move on (positive).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time_hint_secs: Option<u32>,
    /// What the agent should do in this stage.
    #[serde(default)]
    pub checklist: Vec<ChecklistItem>,
    /// Suggested sentences for this stage.
    #[serde(default)]
    pub phrases: Vec<Phrase>,
    /// What not to do in this stage. The first one is shown during the call.
    #[serde(default)]
    pub pitfalls: Vec<Pitfall>,
}

/// One thing to do in a stage.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ChecklistItem {
    /// Identifier, unique within the stage (lower-case, digits, `_` or `-`).
    pub id: String,
    /// What to do, short enough for one line.
    pub text: String,
    /// When true, moving on with this item open needs an explicit override,
    /// which is recorded as a skipped step.
    #[serde(default)]
    pub required: bool,
    /// Cue phrases: when one appears in the agent's notes (whole words,
    /// ignoring case and accents) the item is ticked automatically.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub detect: Vec<String>,
    /// A longer explanation shown on request.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tip: Option<String>,
    /// Id of the source it comes from.
    pub source: String,
}

/// A suggested sentence.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Phrase {
    /// The sentence. May use `{customer}` and `{agent}`.
    pub text: String,
    /// Only suggest on this channel; omit for both.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channel: Option<Channel>,
    /// Id of the source it comes from.
    pub source: String,
}

impl Phrase {
    /// True when this phrase suits `channel`.
    pub fn fits(&self, channel: Channel) -> bool {
        self.channel.is_none_or(|c| c == channel)
    }
}

/// Something not to do in a stage.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Pitfall {
    /// What not to do, and what happens if you do.
    pub text: String,
    /// Id of the source it comes from.
    pub source: String,
}

/// The keep-or-part-ways decision (`lastige-klant`): when any question is
/// answered yes, work on saving the relationship; when all are no, part ways
/// respectfully.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Decision {
    /// Title of the decision panel.
    pub title: String,
    /// Short introduction shown above the questions.
    pub intro: String,
    /// The yes/no questions (one to nine).
    pub questions: Vec<DecisionQuestion>,
    /// Outcomes for a customer who is difficult for the first time.
    pub first_time: DecisionOutcomes,
    /// Outcomes for a customer who has been difficult before.
    pub repeat_difficult: DecisionOutcomes,
    /// A warning shown with the part-ways outcome (e.g. parting ways should be rare).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub caution: Option<Reminder>,
    /// Id of the source the decision comes from.
    pub source: String,
}

/// One yes/no question of the decision.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DecisionQuestion {
    /// Identifier, unique among the questions.
    pub id: String,
    /// The question.
    pub text: String,
    /// Optional help to answer it honestly.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
    /// Id of the source it comes from.
    pub source: String,
}

/// The two outcomes of the decision.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DecisionOutcomes {
    /// When any answer is yes: save the relationship.
    pub keep: Outcome,
    /// When all answers are no: part ways respectfully.
    pub part_ways: Outcome,
}

/// Guidance for one outcome of the decision.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Outcome {
    /// Title, e.g. `Relatie redden`.
    pub title: String,
    /// What to do.
    pub guidance: String,
    /// Suggested sentences. May use `{customer}` and `{agent}`.
    #[serde(default)]
    pub phrases: Vec<Phrase>,
    /// Id of the source it comes from.
    pub source: String,
}

/// After-call evaluation.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Evaluation {
    /// Questions the agent answers after the call.
    pub questions: Vec<EvaluationQuestion>,
    /// Categories of complaint causes, for reports.
    pub causes: Vec<Cause>,
}

/// One after-call question.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EvaluationQuestion {
    /// Identifier, unique among the questions.
    pub id: String,
    /// The question.
    pub text: String,
    /// Id of the source it comes from.
    pub source: String,
}

/// A complaint-cause category.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Cause {
    /// Identifier, unique among the causes.
    pub id: String,
    /// Label shown to the agent and in reports.
    pub label: String,
    /// Id of the source it comes from.
    pub source: String,
}

/// The confirmation e-mail of agreements. Placeholders: `{customer}`,
/// `{agent}`, `{agreements}` (a bulleted list), `{follow_up_date}`,
/// `{follow_up}`, `{complaint}`, `{date}`. Write `{{` or `}}` for a literal brace.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EmailTemplate {
    /// Subject line (one line).
    pub subject: String,
    /// Body text.
    pub body: String,
    /// Id of the source it comes from.
    pub source: String,
}

impl Playbook {
    /// The content of `stage`.
    pub fn stage(&self, stage: StageId) -> &Stage {
        self.stages.get(stage)
    }

    /// The checklist item `item` of `stage`, if it exists.
    pub fn item(&self, stage: StageId, item: &str) -> Option<&ChecklistItem> {
        self.stage(stage).checklist.iter().find(|i| i.id == item)
    }

    /// The source with id `id`, if it exists.
    pub fn source(&self, id: &str) -> Option<&Source> {
        self.sources.iter().find(|s| s.id == id)
    }
}

/// The built-in playbooks, embedded in the binary.
pub mod builtin {
    /// The default Dutch playbook's YAML.
    pub const DUTCH: &str = include_str!("../../playbooks/klachtgesprek.nl.yaml");
    /// The English playbook's YAML.
    pub const ENGLISH: &str = include_str!("../../playbooks/complaint-call.en.yaml");

    /// `(name, file name, yaml)` of every built-in playbook; the first is the default.
    pub const ALL: &[(&str, &str, &str)] = &[
        ("klachtgesprek", "klachtgesprek.nl.yaml", DUTCH),
        ("complaint-call", "complaint-call.en.yaml", ENGLISH),
    ];
}
