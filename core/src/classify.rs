//! The typed-reply classifier: transparent, rule-based, no hidden words.
//!
//! Every cue phrase comes from YAML — the shipped defaults per language
//! (`playbooks/scenarios/cues/<lang>.yaml`), the scenario's `classifier:`
//! and an option's own `cues:` — and matches as whole words, ignoring case,
//! accents and punctuation. The rules, in order:
//!
//! 1. If the cues of exactly one option of the current beat are heard,
//!    that option is taken.
//! 2. Otherwise each move scores the number of words of its heard cues. An
//!    anti-move that is heard outweighs every stage move (one "maar u had…"
//!    spoils an apology). The move with the highest score wins; a tie is unsure.
//! 3. When exactly one option of the beat has the winning move, it is
//!    taken; none or several → unsure, and the trainee picks.

use crate::playbook::Language;
use crate::scenario::{Beat, Cues, Move};
use crate::text::{contains_phrase, words};
use std::collections::BTreeMap;

/// The shipped default cue phrases for Dutch.
pub const DEFAULT_CUES_NL: &str = include_str!("../../playbooks/scenarios/cues/nl.yaml");
/// The shipped default cue phrases for English.
pub const DEFAULT_CUES_EN: &str = include_str!("../../playbooks/scenarios/cues/en.yaml");

/// The shipped default cues for `lang`. The files are part of the binary and
/// covered by tests; should one ever fail to parse, no defaults are used
/// (typed replies then rely on the scenario's cues) rather than panicking.
pub fn default_cues(lang: Language) -> Cues {
    let text = match lang {
        Language::Nl => DEFAULT_CUES_NL,
        Language::En => DEFAULT_CUES_EN,
    };
    crate::yaml::from_str("default cues", text).unwrap_or_default()
}

/// A cue phrase that was heard, and the move it points to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Evidence {
    /// The cue phrase as written in the YAML.
    pub phrase: String,
    /// The move it stands for.
    pub act: Move,
    /// Set when the cue belongs to one option (1-based number).
    pub option: Option<usize>,
}

impl std::fmt::Display for Evidence {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "'{}' → {}",
            crate::text::sanitize_line(&self.phrase),
            self.act
        )
    }
}

/// Why the classifier is not sure.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Unsure {
    /// No cue phrase was heard.
    NothingHeard,
    /// Several moves scored equally.
    Tie(Vec<Move>),
    /// The move heard is not one of this beat's options.
    NoOptionFor(Move),
    /// Several options have the move heard.
    SeveralOptions(Move),
}

/// The classifier's verdict on a typed reply.
#[derive(Clone, Debug, PartialEq)]
pub struct Classification {
    /// Every cue heard, in the order of the rules.
    pub evidence: Vec<Evidence>,
    /// The move decided on, if any.
    pub act: Option<Move>,
    /// The option to continue with (0-based), when sure.
    pub option: Option<usize>,
    /// Why not sure, when `option` is `None`.
    pub unsure: Option<Unsure>,
}

impl Classification {
    /// The cues heard: "'ik begrijp' → acknowledge, …", or "—" for none.
    pub fn evidence_text(&self) -> String {
        if self.evidence.is_empty() {
            "—".into()
        } else {
            let heard: Vec<String> = self.evidence.iter().map(ToString::to_string).collect();
            heard.join(", ")
        }
    }

    /// One line for the trainee: "heard: 'ik begrijp' → acknowledge".
    pub fn explain(&self) -> String {
        format!("heard: {}", self.evidence_text())
    }
}

/// Classifies `reply` at `beat` (see the module docs for the rules).
pub fn classify(reply: &str, beat: &Beat, defaults: &Cues, extra: &Cues) -> Classification {
    let said = words(reply);
    // Rule 1: option cues.
    let mut evidence = Vec::new();
    let mut option_hits: Vec<usize> = Vec::new();
    for (i, opt) in beat.options.iter().enumerate() {
        for cue in &opt.cues {
            if contains_phrase(&said, cue) {
                evidence.push(Evidence {
                    phrase: cue.clone(),
                    act: opt.act,
                    option: Some(i + 1),
                });
                if !option_hits.contains(&i) {
                    option_hits.push(i);
                }
            }
        }
    }
    if let [only] = option_hits[..] {
        return Classification {
            evidence,
            act: beat.options.get(only).map(|o| o.act),
            option: Some(only),
            unsure: None,
        };
    }
    // Rule 2: move cues.
    let mut scores: BTreeMap<Move, usize> = BTreeMap::new();
    for m in Move::ALL {
        for cue in defaults.get(m).iter().chain(extra.get(m)) {
            if contains_phrase(&said, cue) {
                evidence.push(Evidence {
                    phrase: cue.clone(),
                    act: m,
                    option: None,
                });
                *scores.entry(m).or_insert(0) += words(cue).len();
            }
        }
    }
    let anti_heard = scores.keys().any(|m| m.is_anti());
    let candidates: Vec<(Move, usize)> = scores
        .into_iter()
        .filter(|(m, _)| !anti_heard || m.is_anti())
        .collect();
    let top = candidates.iter().map(|(_, n)| *n).max().unwrap_or(0);
    let winners: Vec<Move> = candidates
        .iter()
        .filter(|(_, n)| *n == top && top > 0)
        .map(|(m, _)| *m)
        .collect();
    let act = match winners[..] {
        [] => {
            return unsure(evidence, None, Unsure::NothingHeard);
        }
        [m] => m,
        _ => return unsure(evidence, None, Unsure::Tie(winners)),
    };
    // Rule 3: the beat's option with that move.
    let with_move: Vec<usize> = beat
        .options
        .iter()
        .enumerate()
        .filter(|(_, o)| o.act == act)
        .map(|(i, _)| i)
        .collect();
    match with_move[..] {
        [i] => Classification {
            evidence,
            act: Some(act),
            option: Some(i),
            unsure: None,
        },
        [] => unsure(evidence, Some(act), Unsure::NoOptionFor(act)),
        _ => unsure(evidence, Some(act), Unsure::SeveralOptions(act)),
    }
}

fn unsure(evidence: Vec<Evidence>, act: Option<Move>, why: Unsure) -> Classification {
    Classification {
        evidence,
        act,
        option: None,
        unsure: Some(why),
    }
}

#[cfg(test)]
mod tests;
