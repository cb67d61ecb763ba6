//! The typed-reply classifier: transparent rules, read from YAML.
//!
//! Every rule comes from a cue file (the shipped defaults per language,
//! `playbooks/scenarios/cues/<lang>.yaml`), the scenario's `classifier:`
//! and an option's own `cues:`. Patterns match through [`crate::cue`]:
//! Snowball stems, gaps, negation scope and contrast clauses.
//!
//! [`Classifier::judge`] decides on a move from the text alone:
//! 1. the rules score each move: each pattern heard adds its weight to its
//!    move, doubled (the cue file's `contrast_weight`) in the part after
//!    "maar"/"but"; a pattern heard under negation ("niet uw schuld") adds
//!    to the move the cue file's `negated:` names (blame → acknowledge), or
//!    to nothing ([`Classifier::rules_verdict`]);
//! 2. the learned model ([`learned`]) weighs the reply's features together
//!    with those rule scores and gives each move a probability; it decides
//!    a stage move above `min_probability`, an anti-move above
//!    `anti_min_probability` and with a lead of `anti_margin` over the best
//!    stage move (a trainee's good reply must not be punished on a guess) —
//!    otherwise the verdict is unsure;
//! 3. a scenario's own `classifier:` cue that the rules decide on keeps its
//!    say; without learned weights the rules decide alone, by the cue file's
//!    `decide:` thresholds.
//!
//! [`classify`] adds the beat: an option whose own `cues:` are heard is
//! taken first; otherwise the option with the verdict's move.

pub mod eval;
mod evidence;
pub mod learned;

pub use evidence::Evidence;

use crate::cue::{Analysis, Hit, Lexicon, Pattern, Reader};
use crate::playbook::Language;
use crate::scenario::{Beat, Cues, Move};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

pub use crate::cue::{DEFAULT_CUES_EN, DEFAULT_CUES_NL};

/// When the classifier is sure enough (the cue file's `decide:`).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Decide {
    /// The lowest score that decides.
    pub min_score: f32,
    /// How far the best move must lead the runner-up.
    pub margin: f32,
    /// How far an anti-move must lead the best stage move.
    pub anti_margin: f32,
}

impl Default for Decide {
    fn default() -> Self {
        Decide {
            min_score: 1.5,
            margin: 1.0,
            anti_margin: 1.0,
        }
    }
}

/// A cue file: how the language is read, the negation table, the decision
/// thresholds and the weighted patterns per move.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CueFile {
    /// Negation, contrast and spelling.
    #[serde(default)]
    pub words: Lexicon,
    /// What a move heard under negation counts as (absent: nothing).
    #[serde(default)]
    pub negated: BTreeMap<Move, Move>,
    /// Decision thresholds.
    #[serde(default)]
    pub decide: Decide,
    /// Per move, patterns grouped by weight (`3: [...]`, `2: [...]`).
    #[serde(default)]
    pub moves: BTreeMap<Move, BTreeMap<u8, Vec<String>>>,
}

impl CueFile {
    /// Parses a cue file.
    pub fn parse(text: &str) -> Result<CueFile, String> {
        crate::yaml::from_str("cue file", text).map_err(|d| {
            d.iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("\n")
        })
    }

    /// The shipped cue file of `lang` (empty should it ever fail to parse;
    /// a test guards both files).
    pub fn builtin(lang: Language) -> CueFile {
        CueFile::parse(crate::cue::default_cue_file(lang)).unwrap_or_default()
    }
}

/// Weight of a scenario's `classifier:` cue and of an option's `cues:`.
pub const SCENARIO_CUE_WEIGHT: f32 = 3.0;

/// Where a rule comes from.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Origin {
    /// The language's cue file (or the learned model).
    #[default]
    Defaults,
    /// The scenario's `classifier:`.
    Scenario,
}

#[derive(Clone, Debug)]
struct Rule {
    pattern: Pattern,
    act: Move,
    weight: f32,
    origin: Origin,
}

/// A compiled classifier for one language.
#[derive(Clone, Debug)]
pub struct Classifier {
    reader: Reader,
    rules: Vec<Rule>,
    negated: BTreeMap<Move, Move>,
    decide: Decide,
    learned: learned::Learned,
}

/// The classifier's view of a text, before any beat.
#[derive(Clone, Debug, PartialEq)]
pub struct Verdict {
    /// The move decided on, when sure.
    pub act: Option<Move>,
    /// The best-scoring move, sure or not.
    pub best: Option<Move>,
    /// 0–1: how clearly the best move leads (0 when nothing was heard).
    pub confidence: f32,
    /// Every cue heard, strongest first.
    pub evidence: Vec<Evidence>,
    /// Score per move heard, best first.
    pub scores: Vec<(Move, f32)>,
    /// Why not sure, when `act` is `None`.
    pub unsure: Option<Unsure>,
}

/// Why the classifier is not sure.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Unsure {
    /// No cue was heard (or too little).
    NothingHeard,
    /// Several moves scored about the same.
    Tie(Vec<Move>),
    /// The move heard is not one of this beat's options.
    NoOptionFor(Move),
    /// Several options have the move heard.
    SeveralOptions(Move),
}

impl Classifier {
    /// Compiles `file` for `lang`.
    pub fn new(lang: Language, file: &CueFile) -> Classifier {
        let reader = Reader::new(lang, file.words.clone());
        let mut rules = Vec::new();
        for (m, groups) in &file.moves {
            for (w, list) in groups {
                for cue in list {
                    let pattern = reader.pattern(cue);
                    if !pattern.is_empty() {
                        rules.push(Rule {
                            pattern,
                            act: *m,
                            weight: f32::from(*w),
                            origin: Origin::Defaults,
                        });
                    }
                }
            }
        }
        Classifier {
            reader,
            rules,
            negated: file.negated.clone(),
            decide: file.decide,
            learned: learned::Learned::default(),
        }
    }

    /// This classifier with a learned back-off for when the rules are unsure.
    pub fn with_learned(mut self, model: learned::Learned) -> Classifier {
        self.learned = model;
        self
    }

    /// The shipped classifier of `lang`: its cue file and learned weights.
    pub fn builtin(lang: Language) -> Classifier {
        Classifier::new(lang, &CueFile::builtin(lang)).with_learned(learned::Learned::builtin(lang))
    }

    /// The shipped classifier of the scenario's language plus its
    /// `classifier:` cues.
    pub fn for_scenario(sc: &crate::scenario::Scenario) -> Classifier {
        Classifier::builtin(sc.language).with_extra(&sc.classifier)
    }

    /// This classifier plus a scenario's `classifier:` cues.
    pub fn with_extra(&self, extra: &Cues) -> Classifier {
        let mut c = self.clone();
        for (m, list) in extra.iter() {
            for cue in list {
                let pattern = c.reader.pattern(cue);
                if !pattern.is_empty() {
                    c.rules.push(Rule {
                        pattern,
                        act: m,
                        weight: SCENARIO_CUE_WEIGHT,
                        origin: Origin::Scenario,
                    });
                }
            }
        }
        c
    }

    /// The reader (language, lexicon) in use.
    pub fn reader(&self) -> &Reader {
        &self.reader
    }

    fn evidence(
        &self,
        a: &Analysis,
        hit: &Hit,
        cue_move: Move,
        phrase: &str,
        weight: f32,
    ) -> Evidence {
        let act = if hit.negated {
            self.negated.get(&cue_move).copied()
        } else {
            Some(cue_move)
        };
        let contrast = hit.contrast.map(|i| a.word(i).to_owned());
        Evidence {
            heard: a.span(hit.start, hit.end),
            phrase: phrase.to_owned(),
            cue_move,
            act,
            negated: hit.negated,
            contrast,
            // A question does not explain ("What size do you normally take?").
            points: match act {
                Some(Move::ExplainTooEarly) if hit.question => weight * hit.weight / 2.0,
                Some(_) => weight * hit.weight,
                None => 0.0,
            },
            option: None,
            words: hit.words.clone(),
            negator: hit.negator,
            learned: false,
            origin: Origin::Defaults,
        }
    }

    /// The rules' verdict on an analysed text, without the learned model.
    pub fn rules_verdict(&self, a: &Analysis) -> Verdict {
        let mut evidence: Vec<Evidence> = Vec::new();
        for r in &self.rules {
            if let Some(hit) = r.pattern.best(a) {
                let mut e = self.evidence(a, &hit, r.act, &r.pattern.text, r.weight);
                e.origin = r.origin;
                evidence.push(e);
            }
        }
        // The longest match wins: a pattern heard inside a longer one adds
        // nothing ("understand" inside "if I understand correctly"; "spijt
        // me" inside "het spijt me").
        // A negation that is part of another cue of the same move ("you
        // didn't read…") does not turn that move around.
        let owned_negation = |e: &Evidence| {
            e.negator.is_some_and(|n| {
                evidence
                    .iter()
                    .any(|k| !k.negated && k.cue_move == e.cue_move && k.words.contains(&n))
            })
        };
        let covered = |i: usize, e: &Evidence| {
            owned_negation(e)
                || evidence.iter().enumerate().any(|(j, k)| {
                    let inside = e.words.iter().all(|w| k.words.contains(w));
                    let (lk, le) = (k.words.len(), e.words.len());
                    let same = k.cue_move == e.cue_move && lk == le;
                    inside
                        && (lk > le
                            || (same && (k.points > e.points || (k.points == e.points && j < i))))
                })
        };
        let mut kept: Vec<Evidence> = evidence
            .iter()
            .enumerate()
            .filter(|(i, e)| !covered(*i, e))
            .map(|(_, e)| e.clone())
            .collect();
        kept.sort_by(|x, y| {
            y.points
                .partial_cmp(&x.points)
                .unwrap_or(std::cmp::Ordering::Equal)
        });
        self.decide(kept)
    }

    /// Judges `text` on its own (see the module docs).
    pub fn judge(&self, text: &str) -> Verdict {
        let a = self.reader.analyse(text);
        let v = self.rules_verdict(&a);
        if self.learned.moves.is_empty() {
            return v;
        }
        match self.learned.guess(&a, &v.scores) {
            Some(g) => self.combine(v, &g),
            None => Verdict {
                act: None,
                unsure: Some(Unsure::NothingHeard),
                ..v
            },
        }
    }

    /// The learned model decides, with the rules' scores among its
    /// features; the rules' evidence for its move and its strongest words
    /// say why.
    fn combine(&self, mut v: Verdict, g: &learned::Guess) -> Verdict {
        // A scenario's own cue, heard plainly, is the team lead's word.
        let scenario_cue = |m: Move| {
            v.evidence
                .iter()
                .any(|e| e.origin == Origin::Scenario && e.act == Some(m) && e.points > 0.0)
        };
        if v.act.is_some_and(scenario_cue) {
            return v;
        }
        let words: Vec<String> = g
            .because
            .iter()
            .map(|(w, x)| format!("'{w}' +{x:.1}"))
            .collect();
        if !words.is_empty() {
            v.evidence.push(Evidence {
                heard: words.join(", "),
                phrase: String::new(),
                cue_move: g.act,
                act: Some(g.act),
                negated: false,
                contrast: None,
                points: 0.0,
                option: None,
                words: Vec::new(),
                negator: None,
                learned: true,
                origin: Origin::Defaults,
            });
        }
        v.best = Some(g.act);
        v.confidence = (g.probability * 100.0).round() / 100.0;
        if self.learned.trusted(g) {
            v.act = Some(g.act);
            v.unsure = None;
        } else {
            v.act = None;
            v.unsure = Some(Unsure::Tie(
                std::iter::once(g.act).chain(g.runner_up).collect(),
            ));
        }
        v
    }

    fn decide(&self, evidence: Vec<Evidence>) -> Verdict {
        let mut scores: BTreeMap<Move, f32> = BTreeMap::new();
        for e in &evidence {
            if let Some(m) = e.act {
                *scores.entry(m).or_insert(0.0) += e.points;
            }
        }
        let mut ranked: Vec<(Move, f32)> = scores.into_iter().filter(|(_, s)| *s > 0.0).collect();
        ranked.sort_by(|x, y| y.1.partial_cmp(&x.1).unwrap_or(std::cmp::Ordering::Equal));
        let d = self.decide;
        let (best, top) = match ranked.first() {
            Some(&(m, s)) => (Some(m), s),
            None => (None, 0.0),
        };
        let second = ranked.get(1).map_or(0.0, |r| r.1);
        let best_good = ranked
            .iter()
            .find(|(m, _)| !m.is_anti())
            .map_or(0.0, |r| r.1);
        let confidence = if top > 0.0 {
            ((top - second) / top).clamp(0.0, 1.0) * (top / (top + 1.0))
        } else {
            0.0
        };
        let unsure = match best {
            None => Some(Unsure::NothingHeard),
            Some(_) if top < d.min_score => Some(Unsure::NothingHeard),
            Some(_) if top - second < d.margin => Some(Unsure::Tie(
                ranked
                    .iter()
                    .filter(|(_, s)| top - s < d.margin)
                    .map(|(m, _)| *m)
                    .collect(),
            )),
            Some(m) if m.is_anti() && best_good > 0.0 && top - best_good < d.anti_margin => {
                Some(Unsure::Tie(
                    ranked
                        .iter()
                        .filter(|(x, s)| *x == m || (!x.is_anti() && *s == best_good))
                        .map(|(x, _)| *x)
                        .collect(),
                ))
            }
            Some(_) => None,
        };
        Verdict {
            act: if unsure.is_none() { best } else { None },
            best,
            confidence: (confidence * 100.0).round() / 100.0,
            evidence,
            scores: ranked,
            unsure,
        }
    }
}

/// The classifier's verdict on a typed reply at a beat.
#[derive(Clone, Debug, PartialEq)]
pub struct Classification {
    /// Every cue heard: option cues first, then the verdict's evidence.
    pub evidence: Vec<Evidence>,
    /// The move decided on, if any.
    pub act: Option<Move>,
    /// The option to continue with (0-based), when sure.
    pub option: Option<usize>,
    /// Why not sure, when `option` is `None`.
    pub unsure: Option<Unsure>,
    /// How clearly the move was heard, 0–1.
    pub confidence: f32,
}

impl Classification {
    /// The cues heard, in `lang`: "'ik begrijp' → begrip tonen, …", or "—".
    /// When a move was decided, the cues that made it (at most three);
    /// otherwise the strongest cues heard.
    pub fn evidence_text(&self, lang: Language) -> String {
        let heard: Vec<String> = self
            .evidence
            .iter()
            .filter(|e| e.points > 0.0 || e.negated || e.learned)
            .filter(|e| self.act.is_none() || e.act == self.act)
            .take(3)
            .map(|e| e.describe(lang))
            .collect();
        if heard.is_empty() {
            "—".into()
        } else {
            heard.join(", ")
        }
    }

    /// One line for the trainee: "heard: 'ik begrijp' → acknowledge".
    pub fn explain(&self, lang: Language) -> String {
        let word = match lang {
            Language::Nl => "gehoord",
            Language::En => "heard",
        };
        format!("{word}: {}", self.evidence_text(lang))
    }
}

/// Classifies `reply` at `beat` with `model` (defaults plus the scenario's
/// cues): an option whose own `cues:` are heard is taken when it is the only
/// one; otherwise the verdict's move picks the beat's option with that move.
pub fn classify(reply: &str, beat: &Beat, model: &Classifier) -> Classification {
    let a = model.reader.analyse(reply);
    let mut evidence = Vec::new();
    let mut option_hits: Vec<usize> = Vec::new();
    for (i, opt) in beat.options.iter().enumerate() {
        for cue in &opt.cues {
            let p = model.reader.pattern(cue);
            if let Some(hit) = p.best(&a)
                && !hit.negated
            {
                let mut e = model.evidence(&a, &hit, opt.act, cue, SCENARIO_CUE_WEIGHT);
                e.option = Some(i + 1);
                evidence.push(e);
                if !option_hits.contains(&i) {
                    option_hits.push(i);
                }
            }
        }
    }
    let v = model.judge(reply);
    evidence.extend(v.evidence.iter().cloned());
    if let [only] = option_hits[..] {
        return Classification {
            evidence,
            act: beat.options.get(only).map(|o| o.act),
            option: Some(only),
            unsure: None,
            confidence: 1.0,
        };
    }
    let Some(act) = v.act else {
        return Classification {
            evidence,
            act: None,
            option: None,
            unsure: v.unsure.or(Some(Unsure::NothingHeard)),
            confidence: v.confidence,
        };
    };
    let with_move: Vec<usize> = beat
        .options
        .iter()
        .enumerate()
        .filter(|(_, o)| o.act == act)
        .map(|(i, _)| i)
        .collect();
    let (option, unsure) = match with_move[..] {
        [i] => (Some(i), None),
        [] => (None, Some(Unsure::NoOptionFor(act))),
        _ => (None, Some(Unsure::SeveralOptions(act))),
    };
    Classification {
        evidence,
        act: Some(act),
        option,
        unsure,
        confidence: v.confidence,
    }
}

#[cfg(test)]
mod tests;
