//! The practice scenario model: a scripted customer as a small graph of
//! beats. Each beat is what the customer says and the trainee's options;
//! each option is a *move* (one of the six stages' moves or an anti-move
//! the articles warn against), a mood change and where the talk goes next.
//!
//! Pure data plus its rules: [`validate`] checks the shape and references,
//! [`soundness`] proves every beat is reachable and every path can end and
//! computes the best and worst reachable score. Loading from YAML lives in
//! the shell (`commands::practice`) on top of `crate::yaml`.

mod labels;
pub mod load;
pub mod refs;
mod validate;

use crate::playbook::validate::Problem;
use crate::playbook::{Channel, Language, Source};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
pub(crate) use validate::problem_x;
pub use validate::{validate, validate_cues};

/// The pass mark when a scenario does not set one.
pub const DEFAULT_PASS_MARK: u8 = 70;
/// Highest mood: furious. 0 is calm.
pub const MAX_MOOD: u8 = 10;
/// Largest mood change one option may cause, up or down.
pub const MAX_MOOD_CHANGE: i8 = 5;
/// Most options a beat may offer (they are picked with the digits 1–9).
pub const MAX_OPTIONS: usize = 9;

/// A practice scenario, as written in `playbooks/scenarios/*.yaml`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    /// Stable identifier, e.g. `sweat-stains`; used by `callcoach practice ID`
    /// and stored with every result. Lower-case letters, digits and `-`.
    /// The Dutch and English versions of one scenario may share an id when
    /// the file names differ (`sweat-stains.nl.yaml`, `sweat-stains.en.yaml`).
    #[schemars(regex(pattern = crate::playbook::schema::SCENARIO_ID))]
    pub id: String,
    /// Language of the customer's lines, the options and the feedback.
    pub language: Language,
    /// Title shown in the scenario list and the header.
    #[schemars(regex(pattern = crate::playbook::schema::strict_line()))]
    pub title: String,
    /// Id of the playbook this scenario trains, e.g. `klachtgesprek`; its
    /// stage titles and checklist are shown beside the conversation.
    #[schemars(regex(pattern = crate::playbook::schema::SCENARIO_ID))]
    pub playbook: String,
    /// Who the customer is and what they want.
    pub persona: Persona,
    /// Phone or in person.
    #[serde(default)]
    pub channel: Channel,
    /// The customer's mood at the start: 0 calm … 10 furious.
    #[schemars(range(max = MAX_MOOD))]
    pub mood: u8,
    /// Score (0–100) needed to pass; 70 when omitted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 1, max = 100))]
    pub pass_mark: Option<u8>,
    /// The articles the feedback cites. Every `source:` names one of these ids.
    #[schemars(length(min = 1))]
    pub sources: Vec<Source>,
    /// Id of the first beat.
    #[schemars(regex(pattern = crate::playbook::schema::SOURCE_ID))]
    pub start: String,
    /// The beats: what the customer says and the trainee's options.
    #[schemars(length(min = 1))]
    pub beats: Vec<Beat>,
    /// How the conversation can end, each with the customer's closing line.
    /// Define at least the endings your options lead to.
    pub endings: Endings,
    /// Extra cue phrases per move for typed replies, added to the shipped
    /// defaults for the scenario's language (`playbooks/scenarios/cues/`).
    #[serde(default, skip_serializing_if = "Cues::is_empty")]
    pub classifier: Cues,
    /// Anti-moves that fail a session of this scenario whatever its score,
    /// on top of the playbook's (e.g. `[overpromise]`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub auto_fail: Vec<Move>,
}

/// The customer the trainee talks to.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Persona {
    /// The customer's name as shown in the transcript.
    #[schemars(regex(pattern = crate::playbook::schema::strict_line()))]
    pub name: String,
    /// What happened before the call: shown to the trainee at the start.
    #[schemars(regex(pattern = crate::playbook::schema::any_text()))]
    pub situation: String,
    /// What the customer wants (shown in coached mode).
    #[schemars(regex(pattern = crate::playbook::schema::any_text()))]
    pub wants: String,
}

/// One moment in the conversation: the customer speaks, the trainee answers.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Beat {
    /// Identifier, unique in the scenario (lower-case letters, digits, `_`, `-`).
    #[schemars(regex(pattern = crate::playbook::schema::SOURCE_ID))]
    pub id: String,
    /// What the customer says: one or more lines.
    #[schemars(length(min = 1), inner(regex(pattern = crate::playbook::schema::strict_line())))]
    pub says: Vec<String>,
    /// The trainee's possible replies (one to nine), picked by number.
    #[schemars(length(min = 1, max = MAX_OPTIONS))]
    pub options: Vec<Choice>,
}

/// One reply the trainee can give.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(extend("oneOf" = [
    {"type": "object", "properties": {"next": {}}, "required": ["next"]},
    {"type": "object", "properties": {"end": {}}, "required": ["end"]},
]))]
pub struct Choice {
    /// The reply as the trainee would say it.
    #[schemars(regex(pattern = crate::playbook::schema::strict_line()))]
    pub text: String,
    /// What this reply does in the conversation (scored by the rubric).
    #[serde(rename = "move")]
    pub act: Move,
    /// Change of the customer's mood, -5 … 5 (negative calms down).
    #[serde(default)]
    #[schemars(range(min = -MAX_MOOD_CHANGE, max = MAX_MOOD_CHANGE))]
    pub mood: i8,
    /// Id of the beat that follows. Give exactly one of `next` and `end`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(regex(pattern = crate::playbook::schema::SOURCE_ID))]
    pub next: Option<String>,
    /// The ending this reply leads to. Give exactly one of `next` and `end`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<EndingId>,
    /// Why this reply works or not: shown as feedback.
    #[schemars(regex(pattern = crate::playbook::schema::any_text()))]
    pub feedback: String,
    /// Id of the source (in `sources`) the feedback's tip comes from.
    #[schemars(regex(pattern = crate::playbook::schema::SOURCE_ID))]
    pub source: String,
    /// Extra cue phrases that select exactly this option when the trainee
    /// types a reply (whole words, ignoring case and accents).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(inner(regex(pattern = crate::playbook::schema::strict_line())))]
    pub cues: Vec<String>,
    /// Ids of the checklist items of the move's stage this reply ticks.
    /// Omitted: the items whose `detect` cues are heard in the reply, else
    /// the stage's first required item.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ticks: Vec<String>,
}

pub use crate::stage::Move;

impl Move {
    /// The move's name in `lang`, as the trainee sees it.
    pub fn label(self, lang: crate::playbook::Language) -> &'static str {
        use crate::playbook::Language::{En, Nl};
        match (self, lang) {
            (Move::Listen, Nl) => "luisteren",
            (Move::Listen, En) => "listen",
            (Move::Acknowledge, Nl) => "begrip tonen",
            (Move::Acknowledge, En) => "acknowledge",
            (Move::Ask, Nl) => "vragen stellen",
            (Move::Ask, En) => "ask",
            (Move::ProposeSolution, Nl) => "oplossing zoeken",
            (Move::ProposeSolution, En) => "look for a solution",
            (Move::MakeAgreement, Nl) => "afspraak maken",
            (Move::MakeAgreement, En) => "make an agreement",
            (Move::PlanFollowUp, Nl) => "opvolging plannen",
            (Move::PlanFollowUp, En) => "plan a follow-up",
            (Move::Interrupt, Nl) => "onderbreken",
            (Move::Interrupt, En) => "interrupt",
            (Move::ExplainTooEarly, Nl) => "te vroeg uitleggen",
            (Move::ExplainTooEarly, En) => "explain too early",
            (Move::Defend, Nl) => "verdedigen",
            (Move::Defend, En) => "defend",
            (Move::BlameCustomer, Nl) => "de klant de schuld geven",
            (Move::BlameCustomer, En) => "blame the customer",
            (Move::LectureCustomer, Nl) => "de klant opvoeden",
            (Move::LectureCustomer, En) => "lecture the customer",
            (Move::JoinHysteria, Nl) => "meegaan in de hysterie",
            (Move::JoinHysteria, En) => "join the hysteria",
            (Move::Overpromise, Nl) => "te veel beloven",
            (Move::Overpromise, En) => "over-promise",
        }
    }
}

/// The fixed ids of the four endings.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum EndingId {
    /// The complaint is solved.
    Resolved,
    /// Solved, and a check that the agreement was kept is planned.
    ResolvedWithFollowUp,
    /// The relationship ends, respectfully, without a bad feeling on either side.
    PartedRespectfully,
    /// The customer leaves angry: a lost customer.
    CustomerLost,
}

impl EndingId {
    /// All four, best first.
    pub const ALL: [EndingId; 4] = [
        EndingId::ResolvedWithFollowUp,
        EndingId::Resolved,
        EndingId::PartedRespectfully,
        EndingId::CustomerLost,
    ];

    /// The stable identifier used in YAML and JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            EndingId::Resolved => "resolved",
            EndingId::ResolvedWithFollowUp => "resolved_with_follow_up",
            EndingId::PartedRespectfully => "parted_respectfully",
            EndingId::CustomerLost => "customer_lost",
        }
    }
}

impl std::fmt::Display for EndingId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The endings, each under its fixed id; define those your options use.
#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(extend("minProperties" = 1))]
pub struct Endings {
    /// The complaint is solved.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resolved: Option<Ending>,
    /// Solved, with a follow-up planned.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resolved_with_follow_up: Option<Ending>,
    /// The relationship ends respectfully.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parted_respectfully: Option<Ending>,
    /// The customer is lost.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer_lost: Option<Ending>,
}

impl Endings {
    /// The ending `id`, if defined.
    pub fn get(&self, id: EndingId) -> Option<&Ending> {
        match id {
            EndingId::Resolved => self.resolved.as_ref(),
            EndingId::ResolvedWithFollowUp => self.resolved_with_follow_up.as_ref(),
            EndingId::PartedRespectfully => self.parted_respectfully.as_ref(),
            EndingId::CustomerLost => self.customer_lost.as_ref(),
        }
    }

    /// The defined endings with their ids.
    pub fn iter(&self) -> impl Iterator<Item = (EndingId, &Ending)> {
        EndingId::ALL
            .into_iter()
            .filter_map(|id| self.get(id).map(|e| (id, e)))
    }
}

/// How the conversation ends.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Ending {
    /// The customer's closing line.
    #[schemars(regex(pattern = crate::playbook::schema::any_text()))]
    pub says: String,
}

/// Cue phrases per move, for classifying typed replies: whole words,
/// ignoring case, accents and punctuation. Used in a scenario's
/// `classifier:` and in the shipped defaults `playbooks/scenarios/cues/<lang>.yaml`.
#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(transform = crate::playbook::schema::one_line_items)]
pub struct Cues {
    /// Cues for `listen`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub listen: Vec<String>,
    /// Cues for `acknowledge`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub acknowledge: Vec<String>,
    /// Cues for `ask`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ask: Vec<String>,
    /// Cues for `propose_solution`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub propose_solution: Vec<String>,
    /// Cues for `make_agreement`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub make_agreement: Vec<String>,
    /// Cues for `plan_follow_up`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub plan_follow_up: Vec<String>,
    /// Cues for `interrupt`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub interrupt: Vec<String>,
    /// Cues for `explain_too_early`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub explain_too_early: Vec<String>,
    /// Cues for `defend`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub defend: Vec<String>,
    /// Cues for `blame_customer`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub blame_customer: Vec<String>,
    /// Cues for `lecture_customer`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub lecture_customer: Vec<String>,
    /// Cues for `join_hysteria`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub join_hysteria: Vec<String>,
    /// Cues for `overpromise`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub overpromise: Vec<String>,
}

impl Cues {
    /// The cue list of `m`.
    pub fn get(&self, m: Move) -> &[String] {
        match m {
            Move::Listen => &self.listen,
            Move::Acknowledge => &self.acknowledge,
            Move::Ask => &self.ask,
            Move::ProposeSolution => &self.propose_solution,
            Move::MakeAgreement => &self.make_agreement,
            Move::PlanFollowUp => &self.plan_follow_up,
            Move::Interrupt => &self.interrupt,
            Move::ExplainTooEarly => &self.explain_too_early,
            Move::Defend => &self.defend,
            Move::BlameCustomer => &self.blame_customer,
            Move::LectureCustomer => &self.lecture_customer,
            Move::JoinHysteria => &self.join_hysteria,
            Move::Overpromise => &self.overpromise,
        }
    }

    /// Every move with its cues.
    pub fn iter(&self) -> impl Iterator<Item = (Move, &[String])> {
        Move::ALL.into_iter().map(|m| (m, self.get(m)))
    }

    /// True when no move has a cue.
    pub fn is_empty(&self) -> bool {
        self.iter().all(|(_, c)| c.is_empty())
    }
}

impl Scenario {
    /// The pass mark in effect.
    pub fn pass_mark(&self) -> u8 {
        self.pass_mark.unwrap_or(DEFAULT_PASS_MARK)
    }

    /// The beat with id `id`.
    pub fn beat(&self, id: &str) -> Option<&Beat> {
        self.beats.iter().find(|b| b.id == id)
    }

    /// Index of the beat with id `id`.
    pub fn beat_index(&self, id: &str) -> Option<usize> {
        self.beats.iter().position(|b| b.id == id)
    }

    /// Every beat id with its index (the first beat with that id), for
    /// lookups in constant time: a scenario file under the size limit can
    /// hold ten thousand beats, and looking each `next` up linearly made
    /// checking such a file quadratic.
    pub fn beat_indices(&self) -> HashMap<&str, usize> {
        let mut m = HashMap::with_capacity(self.beats.len());
        for (i, b) in self.beats.iter().enumerate() {
            m.entry(b.id.as_str()).or_insert(i);
        }
        m
    }

    /// The source with id `id`.
    pub fn source(&self, id: &str) -> Option<&Source> {
        self.sources.iter().find(|s| s.id == id)
    }
}

/// Graph problems of a *valid* scenario: beats that can never be reached
/// from `start`, and beats from which no ending can be reached (a loop
/// without an exit). `None` when the scenario is not valid (dangling
/// references), since paths cannot be followed then. Scoring paths is the
/// scenario check's (`crate::check`), which builds on the rubric.
pub fn graph_problems(s: &Scenario) -> Option<Vec<Problem>> {
    let index = s.beat_indices();
    let start = *index.get(s.start.as_str())?;
    // Successor beat indices per beat; dangling `next` → not valid.
    let mut succ: Vec<Vec<usize>> = Vec::with_capacity(s.beats.len());
    let mut exits: Vec<bool> = Vec::with_capacity(s.beats.len());
    for b in &s.beats {
        let mut v = Vec::new();
        let mut ends = false;
        for o in &b.options {
            match (&o.next, o.end) {
                (Some(n), None) => v.push(*index.get(n.as_str())?),
                (None, Some(e)) if s.endings.get(e).is_some() => ends = true,
                _ => return None,
            }
        }
        succ.push(v);
        exits.push(ends);
    }
    let mut problems = Vec::new();
    // Reachable from start.
    let mut reach = vec![false; s.beats.len()];
    let mut stack = vec![start];
    while let Some(i) = stack.pop() {
        if std::mem::replace(&mut reach[i], true) {
            continue;
        }
        stack.extend(succ[i].iter().copied());
    }
    for (i, b) in s.beats.iter().enumerate() {
        if !reach[i] {
            problems.push(problem_x(
                format!("beats[{i}].id"),
                format!("beat `{}` can never be reached from `{}`", b.id, s.start),
                "every beat reachable from `start` through some option's `next`",
                Some("point an option's `next` at it, or remove it"),
            ));
        }
    }
    // Can reach an ending: backwards from the beats with an exit, over the
    // reversed graph (linear in its size, whatever its loops).
    let mut pred: Vec<Vec<usize>> = vec![Vec::new(); s.beats.len()];
    for (i, v) in succ.iter().enumerate() {
        for &j in v {
            pred[j].push(i);
        }
    }
    let mut can_end = vec![false; s.beats.len()];
    let mut stack: Vec<usize> = (0..s.beats.len()).filter(|&i| exits[i]).collect();
    while let Some(i) = stack.pop() {
        if std::mem::replace(&mut can_end[i], true) {
            continue;
        }
        stack.extend(pred[i].iter().copied().filter(|&p| !can_end[p]));
    }
    for (i, b) in s.beats.iter().enumerate() {
        if reach[i] && !can_end[i] {
            problems.push(problem_x(
                format!("beats[{i}].options"),
                format!(
                    "no ending can be reached from beat `{}`: a loop without an exit",
                    b.id
                ),
                "at least one path from every beat to an `end`",
                Some("give one option of the loop an `end:` or a `next:` that leads out"),
            ));
        }
    }
    Some(problems)
}
