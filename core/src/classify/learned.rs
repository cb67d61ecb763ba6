//! The learned back-off: a linear model over word stems whose weights are
//! learned from the labelled corpus (naive Bayes with add-one smoothing,
//! centred per word) and shipped as readable YAML
//! (`playbooks/scenarios/cues/learned.<lang>.yaml`). It only speaks when the
//! rules are unsure, and says which words decided: "learned: 'stoppen'
//! +1.9, 'praten' +1.2 → onderbreken".
//!
//! Features are the Snowball stems of the words; a negated word is `~stem`;
//! a word in the part after "maar"/"but" counts twice. The shipped files are
//! regenerated from `tests/fixtures/replies/*.{train,dev}.txt` by
//! `CALLCOACH_BLESS=1 cargo test -p callcoach-core learned` and a test
//! fails when they are out of date.

use crate::cue::{Analysis, Reader};
use crate::playbook::Language;
use crate::scenario::Move;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// The shipped learned weights for Dutch.
pub const LEARNED_NL: &str = include_str!("../../../playbooks/scenarios/cues/learned.nl.yaml");
/// The shipped learned weights for English.
pub const LEARNED_EN: &str = include_str!("../../../playbooks/scenarios/cues/learned.en.yaml");

/// Weights of one move.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MoveWeights {
    /// Added to every reply's score for this move.
    pub bias: f32,
    /// Weight per feature (stem, or `~stem` when negated).
    #[serde(default)]
    pub words: BTreeMap<String, f32>,
}

/// A learned linear model and when to trust it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Learned {
    /// The lowest probability at which the model decides on a stage move.
    pub min_probability: f32,
    /// The lowest probability at which it decides on an anti-move (higher:
    /// a good reply must not be punished on a guess).
    pub anti_min_probability: f32,
    /// The least number of known words a reply needs before the model speaks.
    pub min_known_words: usize,
    /// Weights per move.
    pub moves: BTreeMap<Move, MoveWeights>,
}

/// A move, its score and the features that made it.
type Scored = (Move, f32, Vec<(String, f32)>);

/// The model's view of a reply.
#[derive(Clone, Debug, PartialEq)]
pub struct Guess {
    /// The most likely move.
    pub act: Move,
    /// Its probability (softmax over the moves' scores).
    pub probability: f32,
    /// The features that counted most for it, with their weights.
    pub because: Vec<(String, f32)>,
    /// How many of the reply's features the model knows.
    pub known: usize,
}

impl Learned {
    /// Parses a learned-weights file.
    pub fn parse(text: &str) -> Result<Learned, String> {
        crate::yaml::from_str("learned weights", text).map_err(|d| {
            d.iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("\n")
        })
    }

    /// The shipped model of `lang` (empty — never speaking — should it fail
    /// to parse; a test guards both files).
    pub fn builtin(lang: Language) -> Learned {
        let text = match lang {
            Language::Nl => LEARNED_NL,
            Language::En => LEARNED_EN,
        };
        Learned::parse(text).unwrap_or_default()
    }

    /// The model's guess for an analysed reply, when it knows any word.
    pub fn guess(&self, a: &Analysis) -> Option<Guess> {
        let feats = features(a);
        let vocab: BTreeSet<&str> = self
            .moves
            .values()
            .flat_map(|w| w.words.keys().map(String::as_str))
            .collect();
        let known = feats
            .iter()
            .filter(|(f, _)| vocab.contains(f.as_str()))
            .count();
        if known == 0 {
            return None;
        }
        let mut scores: Vec<Scored> = self
            .moves
            .iter()
            .map(|(m, w)| {
                let mut parts = Vec::new();
                let mut s = w.bias;
                for (f, times) in &feats {
                    if let Some(x) = w.words.get(f) {
                        s += x * times;
                        parts.push((f.clone(), *x));
                    }
                }
                (*m, s, parts)
            })
            .collect();
        let max = scores.iter().map(|s| s.1).fold(f32::NEG_INFINITY, f32::max);
        let total: f32 = scores.iter().map(|s| (s.1 - max).exp()).sum();
        scores.sort_by(|x, y| y.1.partial_cmp(&x.1).unwrap_or(std::cmp::Ordering::Equal));
        let (act, best, mut because) = scores.into_iter().next()?;
        because.sort_by(|x, y| y.1.partial_cmp(&x.1).unwrap_or(std::cmp::Ordering::Equal));
        because.retain(|(_, w)| *w > 0.0);
        because.truncate(3);
        Some(Guess {
            act,
            probability: (best - max).exp() / total,
            because,
            known,
        })
    }

    /// The guess when it is trusted (see the thresholds).
    pub fn decide(&self, a: &Analysis) -> Option<Guess> {
        let g = self.guess(a)?;
        let min = if g.act.is_anti() {
            self.anti_min_probability
        } else {
            self.min_probability
        };
        (g.probability >= min && g.known >= self.min_known_words && !g.because.is_empty())
            .then_some(g)
    }
}

/// The features of an analysed reply with their counts.
pub fn features(a: &Analysis) -> BTreeMap<String, f32> {
    let mut out: BTreeMap<String, f32> = BTreeMap::new();
    for t in &a.tokens {
        if t.negator {
            continue;
        }
        let f = if t.negated_by.is_some() {
            format!("~{}", t.stem)
        } else {
            t.stem.clone()
        };
        *out.entry(f).or_insert(0.0) += t.weight;
    }
    out
}

/// Learns weights from labelled replies (naive Bayes, add-one smoothing,
/// each word's weights centred over the moves; words seen fewer than
/// `min_count` times and weights under `min_weight` are left out).
pub fn train(
    reader: &Reader,
    items: &[(String, Move)],
    min_count: usize,
    min_weight: f32,
) -> BTreeMap<Move, MoveWeights> {
    let mut counts: BTreeMap<Move, BTreeMap<String, f32>> = BTreeMap::new();
    let mut docs: BTreeMap<Move, f32> = BTreeMap::new();
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    for (text, m) in items {
        let f = features(&reader.analyse(text));
        for (k, v) in &f {
            *counts
                .entry(*m)
                .or_default()
                .entry(k.clone())
                .or_insert(0.0) += v;
            *seen.entry(k.clone()).or_insert(0) += 1;
        }
        *docs.entry(*m).or_insert(0.0) += 1.0;
    }
    let vocab: Vec<&String> = seen
        .iter()
        .filter(|(_, n)| **n >= min_count)
        .map(|(k, _)| k)
        .collect();
    let v = vocab.len() as f32;
    let n_docs: f32 = docs.values().sum();
    let moves: Vec<Move> = Move::ALL
        .into_iter()
        .filter(|m| docs.contains_key(m))
        .collect();
    let mut out: BTreeMap<Move, MoveWeights> = BTreeMap::new();
    let total_of = |m: &Move| -> f32 { counts.get(m).map_or(0.0, |c| c.values().sum()) };
    let mut logp: BTreeMap<(Move, &String), f32> = BTreeMap::new();
    for m in &moves {
        let total = total_of(m);
        for w in &vocab {
            let c = counts
                .get(m)
                .and_then(|c| c.get(*w))
                .copied()
                .unwrap_or(0.0);
            logp.insert((*m, *w), ((c + 1.0) / (total + v)).ln());
        }
    }
    for m in &moves {
        let prior = (docs.get(m).copied().unwrap_or(0.0) / n_docs).ln();
        out.insert(
            *m,
            MoveWeights {
                bias: round2(prior),
                words: BTreeMap::new(),
            },
        );
    }
    for w in &vocab {
        let mean: f32 = moves
            .iter()
            .map(|m| logp.get(&(*m, *w)).copied().unwrap_or(0.0))
            .sum::<f32>()
            / moves.len() as f32;
        for m in &moves {
            let x = logp.get(&(*m, *w)).copied().unwrap_or(0.0) - mean;
            if x >= min_weight
                && let Some(mw) = out.get_mut(m)
            {
                mw.words.insert((*w).clone(), round2(x));
            }
        }
    }
    out
}

fn round2(x: f32) -> f32 {
    (x * 100.0).round() / 100.0
}

#[cfg(test)]
mod tests;
