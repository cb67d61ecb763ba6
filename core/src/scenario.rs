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

use crate::playbook::validate::Problem;
use crate::playbook::{Channel, Language, Source};
use crate::stage::StageId;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

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
    pub id: String,
    /// Language of the customer's lines, the options and the feedback.
    pub language: Language,
    /// Title shown in the scenario list and the header.
    pub title: String,
    /// Id of the playbook this scenario trains, e.g. `klachtgesprek`; its
    /// stage titles and checklist are shown beside the conversation.
    pub playbook: String,
    /// Who the customer is and what they want.
    pub persona: Persona,
    /// Phone or in person.
    #[serde(default)]
    pub channel: Channel,
    /// The customer's mood at the start: 0 calm … 10 furious.
    pub mood: u8,
    /// Score (0–100) needed to pass; 70 when omitted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pass_mark: Option<u8>,
    /// The articles the feedback cites. Every `source:` names one of these ids.
    pub sources: Vec<Source>,
    /// Id of the first beat.
    pub start: String,
    /// The beats: what the customer says and the trainee's options.
    pub beats: Vec<Beat>,
    /// How the conversation can end, each with the customer's closing line.
    /// Define at least the endings your options lead to.
    pub endings: Endings,
    /// Extra cue phrases per move for typed replies, added to the shipped
    /// defaults for the scenario's language (`playbooks/scenarios/cues/`).
    #[serde(default, skip_serializing_if = "Cues::is_empty")]
    pub classifier: Cues,
}

/// The customer the trainee talks to.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Persona {
    /// The customer's name as shown in the transcript.
    pub name: String,
    /// What happened before the call: shown to the trainee at the start.
    pub situation: String,
    /// What the customer wants (shown in coached mode).
    pub wants: String,
}

/// One moment in the conversation: the customer speaks, the trainee answers.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Beat {
    /// Identifier, unique in the scenario (lower-case letters, digits, `_`, `-`).
    pub id: String,
    /// What the customer says: one or more lines.
    pub says: Vec<String>,
    /// The trainee's possible replies (one to nine), picked by number.
    pub options: Vec<Choice>,
}

/// One reply the trainee can give.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Choice {
    /// The reply as the trainee would say it.
    pub text: String,
    /// What this reply does in the conversation (scored by the rubric).
    #[serde(rename = "move")]
    pub act: Move,
    /// Change of the customer's mood, -5 … 5 (negative calms down).
    #[serde(default)]
    pub mood: i8,
    /// Id of the beat that follows. Give exactly one of `next` and `end`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next: Option<String>,
    /// The ending this reply leads to. Give exactly one of `next` and `end`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<EndingId>,
    /// Why this reply works or not: shown as feedback.
    pub feedback: String,
    /// Id of the source (in `sources`) the feedback's tip comes from.
    pub source: String,
    /// Extra cue phrases that select exactly this option when the trainee
    /// types a reply (whole words, ignoring case and accents).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cues: Vec<String>,
}

/// What a reply does: one of the six stages' moves or an anti-move.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Move {
    /// Let the customer talk; listening cues ("ja", "ik hoor het").
    Listen,
    /// Show understanding; apologise on behalf of the organisation.
    Acknowledge,
    /// Summarise and ask open questions.
    Ask,
    /// Look for a solution together (ask what the customer would like).
    ProposeSolution,
    /// Make a concrete agreement: who does what, when (and summarise it).
    MakeAgreement,
    /// Plan a check that the agreement was carried out.
    PlanFollowUp,
    /// Anti-move: cut the customer off.
    Interrupt,
    /// Anti-move: explain the rules or the cause before the customer feels heard.
    ExplainTooEarly,
    /// Anti-move: defend yourself or the shop.
    Defend,
    /// Anti-move: put the blame on the customer.
    BlameCustomer,
    /// Anti-move: lecture the customer on how to behave.
    LectureCustomer,
    /// Anti-move: go along with the hysteria (raise your voice, get upset too).
    JoinHysteria,
    /// Anti-move: promise what cannot be kept.
    Overpromise,
}

impl Move {
    /// Every move, stage moves first.
    pub const ALL: [Move; 13] = [
        Move::Listen,
        Move::Acknowledge,
        Move::Ask,
        Move::ProposeSolution,
        Move::MakeAgreement,
        Move::PlanFollowUp,
        Move::Interrupt,
        Move::ExplainTooEarly,
        Move::Defend,
        Move::BlameCustomer,
        Move::LectureCustomer,
        Move::JoinHysteria,
        Move::Overpromise,
    ];

    /// The stable identifier used in YAML, JSON and the database.
    pub fn as_str(self) -> &'static str {
        match self {
            Move::Listen => "listen",
            Move::Acknowledge => "acknowledge",
            Move::Ask => "ask",
            Move::ProposeSolution => "propose_solution",
            Move::MakeAgreement => "make_agreement",
            Move::PlanFollowUp => "plan_follow_up",
            Move::Interrupt => "interrupt",
            Move::ExplainTooEarly => "explain_too_early",
            Move::Defend => "defend",
            Move::BlameCustomer => "blame_customer",
            Move::LectureCustomer => "lecture_customer",
            Move::JoinHysteria => "join_hysteria",
            Move::Overpromise => "overpromise",
        }
    }

    /// The stage this move belongs to; `None` for anti-moves.
    pub fn stage(self) -> Option<StageId> {
        match self {
            Move::Listen => Some(StageId::Listen),
            Move::Acknowledge => Some(StageId::Acknowledge),
            Move::Ask => Some(StageId::Ask),
            Move::ProposeSolution => Some(StageId::AgreeSolution),
            Move::MakeAgreement => Some(StageId::RecordAgreements),
            Move::PlanFollowUp => Some(StageId::FollowUp),
            _ => None,
        }
    }

    /// The move that represents `stage`.
    pub fn of_stage(stage: StageId) -> Move {
        match stage {
            StageId::Listen => Move::Listen,
            StageId::Acknowledge => Move::Acknowledge,
            StageId::Ask => Move::Ask,
            StageId::AgreeSolution => Move::ProposeSolution,
            StageId::RecordAgreements => Move::MakeAgreement,
            StageId::FollowUp => Move::PlanFollowUp,
        }
    }

    /// True for the moves the articles warn against.
    pub fn is_anti(self) -> bool {
        self.stage().is_none()
    }

    /// True for explaining or defending: harmful before the customer feels heard.
    pub fn is_explaining(self) -> bool {
        matches!(self, Move::ExplainTooEarly | Move::Defend)
    }
}

impl std::fmt::Display for Move {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
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
    pub says: String,
}

/// Cue phrases per move, for classifying typed replies: whole words,
/// ignoring case, accents and punctuation. Used in a scenario's
/// `classifier:` and in the shipped defaults `playbooks/scenarios/cues/<lang>.yaml`.
#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
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

    /// The source with id `id`.
    pub fn source(&self, id: &str) -> Option<&Source> {
        self.sources.iter().find(|s| s.id == id)
    }
}

/// True for a valid scenario id: lower-case ASCII letters, digits and `-`.
fn valid_id(s: &str, extra: &[char]) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || extra.contains(&c))
}

fn problem(path: impl Into<String>, message: impl Into<String>) -> Problem {
    Problem {
        path: path.into(),
        message: message.into(),
        expected: None,
        hint: None,
    }
}

pub(crate) fn problem_x(
    path: impl Into<String>,
    message: impl Into<String>,
    expected: &str,
    hint: Option<&str>,
) -> Problem {
    Problem {
        path: path.into(),
        message: message.into(),
        expected: Some(expected.into()),
        hint: hint.map(Into::into),
    }
}

/// Checks a text field: non-empty, no control characters, one line unless
/// `multiline`.
fn check_text(out: &mut Vec<Problem>, path: String, text: &str, multiline: bool) {
    if text.trim().is_empty() {
        out.push(problem_x(path, "empty text", "a non-empty text", None));
    } else if let Some((i, c)) = crate::text::find_forbidden(text) {
        out.push(problem(
            path,
            format!(
                "control character U+{:04X} at character {}",
                c as u32,
                i + 1
            ),
        ));
    } else if !multiline && text.contains('\n') {
        out.push(problem_x(
            path,
            "line break in a one-line text",
            "one line",
            None,
        ));
    }
}

/// Checks every rule on shape and references (not reachability; see
/// [`soundness`]) and returns all problems found, each at its YAML path.
pub fn validate(s: &Scenario) -> Vec<Problem> {
    let mut out = Vec::new();
    if !valid_id(&s.id, &[]) {
        out.push(problem_x(
            "id",
            format!("invalid id `{}`", crate::text::sanitize_line(&s.id)),
            "lower-case letters, digits and `-`, e.g. `sweat-stains`",
            None,
        ));
    }
    check_text(&mut out, "title".into(), &s.title, false);
    if !valid_id(&s.playbook, &[]) {
        out.push(problem_x(
            "playbook",
            "invalid playbook id",
            "the id of a playbook, e.g. `klachtgesprek`",
            None,
        ));
    }
    check_text(&mut out, "persona.name".into(), &s.persona.name, false);
    check_text(
        &mut out,
        "persona.situation".into(),
        &s.persona.situation,
        true,
    );
    check_text(&mut out, "persona.wants".into(), &s.persona.wants, true);
    if s.mood > MAX_MOOD {
        out.push(problem_x(
            "mood",
            format!("mood {} is out of range", s.mood),
            "0 (calm) … 10 (furious)",
            None,
        ));
    }
    if let Some(p) = s.pass_mark
        && !(1..=100).contains(&p)
    {
        out.push(problem_x(
            "pass_mark",
            format!("pass mark {p} is out of range"),
            "1 … 100",
            None,
        ));
    }
    validate_sources(s, &mut out);
    validate_beats(s, &mut out);
    for (id, e) in s.endings.iter() {
        check_text(&mut out, format!("endings.{id}.says"), &e.says, true);
    }
    if s.endings.iter().next().is_none() {
        out.push(problem_x(
            "endings",
            "no ending defined",
            "at least one of resolved, resolved_with_follow_up, parted_respectfully, customer_lost",
            None,
        ));
    }
    validate_cues(&s.classifier, "classifier", &mut out);
    out
}

fn validate_sources(s: &Scenario, out: &mut Vec<Problem>) {
    if s.sources.is_empty() {
        out.push(problem_x(
            "sources",
            "no sources",
            "at least one source the feedback cites",
            None,
        ));
    }
    let mut seen = BTreeSet::new();
    for (i, src) in s.sources.iter().enumerate() {
        if !valid_id(&src.id, &[]) {
            out.push(problem_x(
                format!("sources[{i}].id"),
                "invalid source id",
                "lower-case letters, digits and `-`, e.g. `lastige-klant`",
                None,
            ));
        } else if !seen.insert(src.id.as_str()) {
            out.push(problem(
                format!("sources[{i}].id"),
                format!("duplicate source id `{}`", src.id),
            ));
        }
        check_text(out, format!("sources[{i}].title"), &src.title, false);
        check_text(out, format!("sources[{i}].author"), &src.author, false);
        check_text(out, format!("sources[{i}].summary"), &src.summary, true);
        if let Some(url) = &src.url {
            check_text(out, format!("sources[{i}].url"), url, false);
        }
    }
}

fn validate_beats(s: &Scenario, out: &mut Vec<Problem>) {
    if s.beats.is_empty() {
        out.push(problem_x("beats", "no beats", "at least one beat", None));
    }
    let ids: Vec<&str> = s.beats.iter().map(|b| b.id.as_str()).collect();
    if s.beat(&s.start).is_none() {
        out.push(unknown_beat("start", &s.start, &ids));
    }
    let mut seen = BTreeSet::new();
    for (bi, beat) in s.beats.iter().enumerate() {
        let at = format!("beats[{bi}]");
        if !valid_id(&beat.id, &['_']) {
            out.push(problem_x(
                format!("{at}.id"),
                "invalid beat id",
                "lower-case letters, digits, `_` and `-`",
                None,
            ));
        } else if !seen.insert(beat.id.as_str()) {
            out.push(problem(
                format!("{at}.id"),
                format!("duplicate beat id `{}`", beat.id),
            ));
        }
        if beat.says.is_empty() {
            out.push(problem_x(
                format!("{at}.says"),
                "the customer says nothing",
                "one or more lines",
                None,
            ));
        }
        for (li, line) in beat.says.iter().enumerate() {
            check_text(out, format!("{at}.says[{li}]"), line, false);
        }
        if beat.options.is_empty() || beat.options.len() > MAX_OPTIONS {
            out.push(problem_x(
                format!("{at}.options"),
                format!("{} options", beat.options.len()),
                "one to nine options",
                None,
            ));
        }
        for (oi, opt) in beat.options.iter().enumerate() {
            validate_option(s, &ids, &format!("{at}.options[{oi}]"), opt, out);
        }
    }
}

fn validate_option(s: &Scenario, ids: &[&str], at: &str, opt: &Choice, out: &mut Vec<Problem>) {
    check_text(out, format!("{at}.text"), &opt.text, false);
    check_text(out, format!("{at}.feedback"), &opt.feedback, true);
    if opt.mood.abs() > MAX_MOOD_CHANGE {
        out.push(problem_x(
            format!("{at}.mood"),
            format!("mood change {} is too large", opt.mood),
            "-5 … 5",
            None,
        ));
    }
    match (&opt.next, opt.end) {
        (Some(_), Some(_)) => out.push(problem_x(
            format!("{at}.end"),
            "both `next` and `end` given",
            "exactly one of `next` (a beat id) and `end` (an ending)",
            None,
        )),
        (None, None) => out.push(problem_x(
            at.to_owned(),
            "neither `next` nor `end` given",
            "exactly one of `next` (a beat id) and `end` (an ending)",
            None,
        )),
        (Some(next), None) if !ids.contains(&next.as_str()) => {
            out.push(unknown_beat(&format!("{at}.next"), next, ids))
        }
        (None, Some(end)) if s.endings.get(end).is_none() => out.push(problem_x(
            format!("{at}.end"),
            format!("ending `{end}` is not defined under `endings`"),
            "an ending defined under `endings`",
            Some("add it under `endings:` with the customer's closing line"),
        )),
        _ => {}
    }
    if s.source(&opt.source).is_none() {
        let known: Vec<&str> = s.sources.iter().map(|x| x.id.as_str()).collect();
        out.push(problem_x(
            format!("{at}.source"),
            format!(
                "unknown source `{}`",
                crate::text::sanitize_line(&opt.source)
            ),
            &format!("one of the ids under `sources`: {}", known.join(", ")),
            None,
        ));
    }
    for (ci, cue) in opt.cues.iter().enumerate() {
        check_cue(out, format!("{at}.cues[{ci}]"), cue);
    }
}

fn check_cue(out: &mut Vec<Problem>, path: String, cue: &str) {
    if crate::text::words(cue).is_empty() {
        out.push(problem_x(
            path,
            "a cue without words never matches",
            "one or more words",
            None,
        ));
    } else {
        check_text(out, path, cue, false);
    }
}

/// Checks a cue table (scenario `classifier:` or a shipped defaults file).
pub fn validate_cues(cues: &Cues, prefix: &str, out: &mut Vec<Problem>) {
    for (m, list) in cues.iter() {
        for (i, cue) in list.iter().enumerate() {
            let path = if prefix.is_empty() {
                format!("{m}[{i}]")
            } else {
                format!("{prefix}.{m}[{i}]")
            };
            check_cue(out, path, cue);
        }
    }
}

fn unknown_beat(path: &str, id: &str, ids: &[&str]) -> Problem {
    let best = ids
        .iter()
        .map(|k| (strsim::levenshtein(k, id), *k))
        .filter(|(d, _)| *d <= 3)
        .min();
    Problem {
        path: path.to_owned(),
        message: format!("no beat with id `{}`", crate::text::sanitize_line(id)),
        expected: Some("the id of a beat under `beats`".into()),
        hint: best.map(|(_, k)| format!("did you mean `{k}`?")),
    }
}

/// Graph problems of a *valid* scenario: beats that can never be reached
/// from `start`, and beats from which no ending can be reached (a loop
/// without an exit). `None` when the scenario is not valid (dangling
/// references), since paths cannot be followed then. Scoring paths is the
/// scenario check's (`crate::check`), which builds on the rubric.
pub fn graph_problems(s: &Scenario) -> Option<Vec<Problem>> {
    let start = s.beat_index(&s.start)?;
    // Successor beat indices per beat; dangling `next` → not valid.
    let mut succ: Vec<Vec<usize>> = Vec::with_capacity(s.beats.len());
    let mut exits: Vec<bool> = Vec::with_capacity(s.beats.len());
    for b in &s.beats {
        let mut v = Vec::new();
        let mut ends = false;
        for o in &b.options {
            match (&o.next, o.end) {
                (Some(n), None) => v.push(s.beat_index(n)?),
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
    // Can reach an ending: fixpoint over the small graph.
    let mut can_end = exits.clone();
    loop {
        let mut changed = false;
        for i in 0..s.beats.len() {
            if !can_end[i] && succ[i].iter().any(|&j| can_end[j]) {
                can_end[i] = true;
                changed = true;
            }
        }
        if !changed {
            break;
        }
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
