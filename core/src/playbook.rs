//! The playbook model: what a team lead writes in YAML and the coach shows
//! during a call. Pure data; loading and validation live in [`load`] and
//! [`validate`].
//!
//! Every element cites the article it was compiled from through `source`,
//! which must name an entry of [`Playbook::sources`].

pub mod load;
pub mod schema;
mod speech;
pub mod validate;

pub use speech::{FlareUp, TranscriptPolicy};

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
    #[schemars(regex(pattern = schema::PLAYBOOK_ID), length(max = schema::ID_MAX))]
    pub id: String,
    /// Language of the content and of the interface while it is open.
    pub language: Language,
    /// Title shown in the header.
    #[schemars(regex(pattern = schema::one_line()), length(max = validate::MAX_LINE_CHARS))]
    pub title: String,
    /// Version of the content, e.g. `1.0`; stored with every call.
    #[schemars(regex(pattern = schema::one_line()), length(max = validate::MAX_LINE_CHARS))]
    pub version: String,
    /// One or two sentences on what this playbook is for.
    #[schemars(regex(pattern = schema::any_text()))]
    pub description: String,
    /// The articles or documents the content was compiled from. Every
    /// `source:` field elsewhere names one of these ids.
    #[schemars(length(min = 1))]
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
    /// What `{customer}` becomes in phrases when the agent gave no form of
    /// address. Empty (the default) leaves the name out together with the
    /// comma or space before it: "Take your time, {customer}." reads "Take
    /// your time." Never the customer reference.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer_fallback: Option<String>,
    /// How sessions and calls on this playbook are scored; the default
    /// rubric (README "Scoring") when omitted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rubric: Option<RubricConfig>,
    /// Numbers of your own to mask before anything is stored, besides the
    /// card numbers, security codes, IBANs and BSNs always masked (e.g. a
    /// loyalty card number). Optional.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub redact: Vec<RedactPattern>,
    /// Words that show a customer is flaring up, heard in a live transcript
    /// (`callcoach call --transcript`): the coach then suggests escalating
    /// (it never escalates by itself).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub flare_up: Option<FlareUp>,
    /// What happens to a call's live transcript: `store: true` keeps its
    /// final lines with the call (redacted; in exports). Not stored when
    /// omitted; the agent's settings file decides first.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transcript: Option<TranscriptPolicy>,
}

/// How calls and practice sessions on a playbook are scored: the points of
/// each check of the rubric and the anti-moves that fail a session outright.
#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RubricConfig {
    /// Points per check; a check left out keeps its default, 0 turns it off
    /// ("not applicable").
    #[serde(default)]
    pub weights: CheckWeights,
    /// Anti-moves that fail a session whatever its score. Omitted: the
    /// default `[blame_customer, lecture_customer, join_hysteria]`
    /// (`lastige-klant`: whatever you do, stay away from them); `[]`: none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub auto_fail: Option<Vec<crate::stage::Move>>,
}

/// Points per check of the rubric (0–100 each); omitted keeps the default.
#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CheckWeights {
    /// Listen and acknowledge first (default 15).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stage_order: Option<u32>,
    /// No explaining or defending before the customer feels heard (default 15).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub heard_first: Option<u32>,
    /// Courtesy and respect: no blaming, lecturing, joining the hysteria or
    /// interrupting (default 25).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub courtesy: Option<u32>,
    /// No other pitfalls: explaining too early, defending, over-promising (default 15).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub anti_moves: Option<u32>,
    /// No steps skipped (default 10).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub skipped: Option<u32>,
    /// A solution and concrete agreements (default 15).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agreements: Option<u32>,
    /// A follow-up planned (default 10).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub follow_up: Option<u32>,
    /// The customer calmed down (default 10).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub final_mood: Option<u32>,
    /// The customer was not lost (default 10).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ending: Option<u32>,
}

/// Highest points a playbook may give one check.
pub const MAX_CHECK_WEIGHT: u32 = 100;

impl CheckWeights {
    /// Every weight set, with its key.
    pub fn set(&self) -> Vec<(&'static str, u32)> {
        [
            ("stage_order", self.stage_order),
            ("heard_first", self.heard_first),
            ("courtesy", self.courtesy),
            ("anti_moves", self.anti_moves),
            ("skipped", self.skipped),
            ("agreements", self.agreements),
            ("follow_up", self.follow_up),
            ("final_mood", self.final_mood),
            ("ending", self.ending),
        ]
        .into_iter()
        .filter_map(|(k, v)| v.map(|v| (k, v)))
        .collect()
    }
}

/// A kind of number masked in notes and forms before anything is stored.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RedactPattern {
    /// What it is, shown when one is masked, e.g. `loyalty card`.
    pub name: String,
    /// Its shape: `#` a digit, `@` a letter, `?` a letter or digit, `\x`
    /// the character `x`, anything else itself, e.g. `KL-######`.
    pub shape: String,
}

impl Playbook {
    /// The shapes of [`Playbook::redact`] that parse (the loader rejects a
    /// playbook with one that does not).
    pub fn redact_shapes(&self) -> Vec<crate::redact::Shape> {
        self.redact
            .iter()
            .filter_map(|p| crate::redact::Shape::parse(&p.shape).ok())
            .collect()
    }
}

/// An article or document that playbook content was compiled from.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// Short id cited by `source:` fields, e.g. `zes-stappen`.
    #[schemars(regex(pattern = schema::SOURCE_ID))]
    pub id: String,
    /// Title of the article.
    #[schemars(regex(pattern = schema::one_line()))]
    pub title: String,
    /// Author and/or publisher.
    #[schemars(regex(pattern = schema::one_line()))]
    pub author: String,
    /// One-line summary of what it contributes.
    #[schemars(regex(pattern = schema::any_text()))]
    pub summary: String,
    /// Optional location (web address or document reference).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(regex(pattern = schema::one_line()))]
    pub url: Option<String>,
}

/// A short mindset reminder shown during the call.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Reminder {
    /// The reminder itself, one short sentence.
    #[schemars(regex(pattern = schema::any_text()))]
    pub text: String,
    /// Id of the source it comes from.
    #[schemars(regex(pattern = schema::SOURCE_ID))]
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
    #[schemars(regex(pattern = schema::one_line()), length(max = validate::MAX_LINE_CHARS))]
    pub title: String,
    /// One line: what this stage must achieve.
    #[schemars(regex(pattern = schema::one_line()), length(max = validate::MAX_LINE_CHARS))]
    pub goal: String,
    /// Seconds after which the coach nudges the agent to move on (positive).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 1, max = validate::MAX_TIME_HINT_SECS))]
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
    #[schemars(regex(pattern = schema::ITEM_ID), length(max = schema::ID_MAX))]
    pub id: String,
    /// What to do, short enough for one line.
    #[schemars(regex(pattern = schema::one_line()), length(max = validate::MAX_LINE_CHARS))]
    pub text: String,
    /// When true, moving on with this item open needs an explicit override,
    /// which is recorded as a skipped step.
    #[serde(default)]
    pub required: bool,
    /// Cue phrases: when one appears in the agent's notes (whole words,
    /// ignoring case and accents) the item is ticked automatically.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(inner(regex(pattern = schema::one_line()), length(max = validate::MAX_LINE_CHARS)))]
    pub detect: Vec<String>,
    /// A longer explanation shown on request.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(regex(pattern = schema::any_text()))]
    pub tip: Option<String>,
    /// The call-screen action that satisfies this item: doing it ticks the
    /// item (e.g. `plan_follow_up` on "plan a moment to check"). Each action
    /// may satisfy at most one item of the playbook.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ticked_by: Option<RecordAction>,
    /// Id of the source it comes from.
    #[schemars(regex(pattern = schema::SOURCE_ID))]
    pub source: String,
}

/// An action of the call screen that can satisfy a checklist item
/// ([`ChecklistItem::ticked_by`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum RecordAction {
    /// Recording an agreement with the agreement form.
    RecordAgreement,
    /// Planning the follow-up with the follow-up form.
    PlanFollowUp,
}

impl RecordAction {
    /// The identifier used in YAML.
    pub fn as_str(self) -> &'static str {
        match self {
            RecordAction::RecordAgreement => "record_agreement",
            RecordAction::PlanFollowUp => "plan_follow_up",
        }
    }
}

/// A suggested sentence.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Phrase {
    /// The sentence. May use `{customer}` and `{agent}`.
    #[schemars(regex(pattern = schema::text(schema::Lines::Many, Some(PHRASE_PLACEHOLDERS))))]
    pub text: String,
    /// Only suggest on this channel; omit for both.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channel: Option<Channel>,
    /// Id of the source it comes from.
    #[schemars(regex(pattern = schema::SOURCE_ID))]
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
    #[schemars(regex(pattern = schema::any_text()))]
    pub text: String,
    /// Id of the source it comes from.
    #[schemars(regex(pattern = schema::SOURCE_ID))]
    pub source: String,
}

/// The keep-or-part-ways decision (`lastige-klant`): when any question is
/// answered yes, work on saving the relationship; when all are no, part ways
/// respectfully.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Decision {
    /// Title of the decision panel.
    #[schemars(regex(pattern = schema::one_line()), length(max = validate::MAX_LINE_CHARS))]
    pub title: String,
    /// Short introduction shown above the questions.
    #[schemars(regex(pattern = schema::any_text()))]
    pub intro: String,
    /// The yes/no questions (one to nine).
    #[schemars(length(min = 1, max = validate::MAX_DECISION_QUESTIONS))]
    pub questions: Vec<DecisionQuestion>,
    /// Outcomes for a customer who is difficult for the first time.
    pub first_time: DecisionOutcomes,
    /// Outcomes for a customer who has been difficult before.
    pub repeat_difficult: DecisionOutcomes,
    /// A warning shown with the part-ways outcome (e.g. parting ways should be rare).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub caution: Option<Reminder>,
    /// Id of the source the decision comes from.
    #[schemars(regex(pattern = schema::SOURCE_ID))]
    pub source: String,
}

/// One yes/no question of the decision.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DecisionQuestion {
    /// Identifier, unique among the questions.
    #[schemars(regex(pattern = schema::ITEM_ID), length(max = schema::ID_MAX))]
    pub id: String,
    /// The question.
    #[schemars(regex(pattern = schema::one_line()), length(max = validate::MAX_LINE_CHARS))]
    pub text: String,
    /// Optional help to answer it honestly.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(regex(pattern = schema::any_text()))]
    pub hint: Option<String>,
    /// Id of the source it comes from.
    #[schemars(regex(pattern = schema::SOURCE_ID))]
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
    #[schemars(regex(pattern = schema::one_line()), length(max = validate::MAX_LINE_CHARS))]
    pub title: String,
    /// What to do.
    #[schemars(regex(pattern = schema::any_text()))]
    pub guidance: String,
    /// Suggested sentences. May use `{customer}` and `{agent}`.
    #[serde(default)]
    pub phrases: Vec<Phrase>,
    /// Id of the source it comes from.
    #[schemars(regex(pattern = schema::SOURCE_ID))]
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
    #[schemars(regex(pattern = schema::ITEM_ID), length(max = schema::ID_MAX))]
    pub id: String,
    /// The question.
    #[schemars(regex(pattern = schema::any_text()))]
    pub text: String,
    /// Id of the source it comes from.
    #[schemars(regex(pattern = schema::SOURCE_ID))]
    pub source: String,
}

/// A complaint-cause category.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Cause {
    /// Identifier, unique among the causes.
    #[schemars(regex(pattern = schema::ITEM_ID), length(max = schema::ID_MAX))]
    pub id: String,
    /// Label shown to the agent and in reports.
    #[schemars(regex(pattern = schema::one_line()), length(max = validate::MAX_LINE_CHARS))]
    pub label: String,
    /// Id of the source it comes from.
    #[schemars(regex(pattern = schema::SOURCE_ID))]
    pub source: String,
}

/// The confirmation e-mail of agreements. Placeholders: `{customer}` (the
/// form of address), `{agent}`, `{agreements}` (a bulleted list),
/// `{follow_up_date}`, `{follow_up}` (who will contact the customer — never
/// the agent's internal note of what to check), `{complaint}`, `{date}`. A
/// paragraph that uses `{follow_up}` or `{follow_up_date}` is left out when
/// no follow-up is planned. Write `{{` or `}}` for a literal brace.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EmailTemplate {
    /// Subject line (one line).
    #[schemars(regex(pattern = schema::text(schema::Lines::One, Some(EMAIL_PLACEHOLDERS))), length(max = validate::MAX_LINE_CHARS))]
    pub subject: String,
    /// Body text.
    #[schemars(regex(pattern = schema::text(schema::Lines::Many, Some(EMAIL_PLACEHOLDERS))))]
    pub body: String,
    /// What `{customer}` becomes in the e-mail when the agent gave no form
    /// of address, e.g. `klant` ("Beste klant,"). Empty leaves the name out
    /// with the space or comma before it. Without this key the e-mail shows
    /// a visible gap to fill in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer_fallback: Option<String>,
    /// Id of the source it comes from.
    #[schemars(regex(pattern = schema::SOURCE_ID))]
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

    /// The items `action` satisfies, with their stages (validation allows
    /// at most one).
    pub fn ticked_by(&self, action: RecordAction) -> Vec<(StageId, &ChecklistItem)> {
        self.stages
            .iter()
            .flat_map(|(s, st)| st.checklist.iter().map(move |i| (s, i)))
            .filter(|(_, i)| i.ticked_by == Some(action))
            .collect()
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
