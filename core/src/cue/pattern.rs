//! Cue patterns: compiling a cue phrase and finding where it matches in
//! an analysed text (see the syntax in the parent module's docs).

use super::words::{Piece, pieces};
use super::{Analysis, GAP, Reader, Token};

/// Where a pattern matched.
#[derive(Clone, Debug, PartialEq)]
pub struct Hit {
    /// First token of the match (including a governing negation word when
    /// negated).
    pub start: usize,
    /// One past the last token.
    pub end: usize,
    /// True when a negation word outside the pattern governs its words.
    pub negated: bool,
    /// The clause weight of the match (the highest of its words).
    pub weight: f32,
    /// The contrast word of its clause, when it is in a contrasting clause.
    pub contrast: Option<usize>,
    /// Positions of the pattern's own words (and of the governing negation
    /// word when negated), without the words skipped by gaps.
    pub words: Vec<usize>,
    /// The governing negation word, when negated.
    pub negator: Option<usize>,
    /// True when the match's sentence ends with a question mark.
    pub question: bool,
}

impl Reader {
    /// True when one of `cues` is heard plainly (not negated) in `a`: the
    /// matching behind the checklist's auto-ticks, in notes and in practice.
    pub fn heard_any(&self, a: &Analysis, cues: &[String]) -> bool {
        cues.iter().any(|c| {
            let p = self.pattern(c);
            p.hits(a).iter().any(|h| !h.negated)
        })
    }
}

impl Reader {
    /// Compiles a cue phrase (see the module docs for its syntax).
    pub fn pattern(&self, cue: &str) -> Pattern {
        let mut slots = Vec::new();
        let mut anchored = false;
        let mut question = false;
        let raw: Vec<&str> = cue.split_whitespace().collect();
        for (i, part) in raw.iter().enumerate() {
            let mut part = *part;
            if i == 0
                && let Some(rest) = part.strip_prefix('^')
            {
                anchored = true;
                part = rest;
            }
            if i + 1 == raw.len()
                && let Some(rest) = part.strip_suffix('?')
            {
                question = true;
                part = rest;
            }
            if part.is_empty() {
                continue;
            }
            if part == "..." || part == "…" {
                if !matches!(slots.last(), None | Some(Slot::Gap)) {
                    slots.push(Slot::Gap);
                }
                continue;
            }
            // A word slot, possibly with alternatives; a plain word may
            // expand to several ("don't" → "do not").
            let alts: Vec<&str> = part.split('|').filter(|a| !a.is_empty()).collect();
            if alts.len() == 1 && !part.starts_with('=') && !part.ends_with('*') {
                // Split like the text is ("e-mail" → "e", "mail").
                for piece in pieces(&crate::text::fold(part)) {
                    if let Piece::Word(word) = piece {
                        for w in self.expand(&word) {
                            let neg = self.is_negator(&w);
                            slots.push(Slot::Word(vec![Alt::Stem(self.stem(&w))], neg));
                        }
                    }
                }
                continue;
            }
            let mut v = Vec::new();
            let mut neg = false;
            for a in alts {
                let a = crate::text::fold(a);
                if let Some(x) = a.strip_prefix('=') {
                    let x = clean(x);
                    neg |= self.is_negator(&x);
                    v.push(Alt::Exact(x));
                } else if let Some(x) = a.strip_suffix('*') {
                    v.push(Alt::Prefix(clean(x)));
                } else {
                    let x = clean(&a);
                    neg |= self.is_negator(&x);
                    v.push(Alt::Stem(self.stem(&x)));
                }
            }
            if !v.is_empty() {
                slots.push(Slot::Word(v, neg));
            }
        }
        while matches!(slots.last(), Some(Slot::Gap)) {
            slots.pop();
        }
        let has_negator = slots.iter().any(|s| matches!(s, Slot::Word(_, true)));
        Pattern {
            text: cue.trim().to_owned(),
            slots,
            anchored,
            question,
            has_negator,
        }
    }
}

fn clean(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric() || *c == '\'')
        .collect::<String>()
        .replace('\'', "")
}

#[derive(Clone, Debug, PartialEq)]
enum Alt {
    Stem(String),
    Exact(String),
    Prefix(String),
}

#[derive(Clone, Debug, PartialEq)]
enum Slot {
    /// Alternatives; true when one of them is a negation word.
    Word(Vec<Alt>, bool),
    Gap,
}

/// A compiled cue phrase.
#[derive(Clone, Debug, PartialEq)]
pub struct Pattern {
    /// The cue as written.
    pub text: String,
    slots: Vec<Slot>,
    anchored: bool,
    question: bool,
    /// True when the pattern itself contains a negation word.
    pub has_negator: bool,
}

impl Pattern {
    /// True when the pattern has at least one word (an empty cue never matches).
    pub fn is_empty(&self) -> bool {
        !self.slots.iter().any(|s| matches!(s, Slot::Word(..)))
    }

    /// Every place the pattern matches in `a` (one per start word).
    pub fn hits(&self, a: &Analysis) -> Vec<Hit> {
        if self.is_empty() {
            return Vec::new();
        }
        let mut out = Vec::new();
        for start in 0..a.tokens.len() {
            if self.anchored && !a.tokens[start].segment_start {
                continue;
            }
            let mut words = Vec::new();
            if let Some(end) = self.match_at(a, start, 0, a.tokens[start].sentence, &mut words)
                && (!self.question || a.questions.get(a.tokens[start].sentence) == Some(&true))
            {
                out.push(self.hit(a, start, end, &words));
            }
        }
        out
    }

    /// The best hit: a plain one before a negated one, then the heaviest.
    pub fn best(&self, a: &Analysis) -> Option<Hit> {
        self.hits(a).into_iter().max_by(|x, y| {
            (!x.negated, x.weight)
                .partial_cmp(&(!y.negated, y.weight))
                .unwrap_or(std::cmp::Ordering::Equal)
        })
    }

    fn hit(&self, a: &Analysis, start: usize, end: usize, words: &[usize]) -> Hit {
        // Negated: a negation word that is not one of the pattern's own
        // words (before it, or inside one of its gaps) governs one of them.
        let negator = if self.has_negator {
            None
        } else {
            words
                .iter()
                .filter_map(|&i| a.tokens[i].negated_by)
                .find(|n| !words.contains(n))
        };
        // The clause the match starts in decides its weight.
        let first = &a.tokens[start];
        let weight = first.weight;
        let contrast = first.contrast;
        let mut own = words.to_vec();
        own.extend(negator);
        // Show a negation from where it was typed ("isn't" → "is" + "not").
        let negator_at = negator.map(|n| {
            let mut k = n;
            while k > 0 && a.tokens[k].surface.is_empty() {
                k -= 1;
            }
            k
        });
        Hit {
            start: negator_at.map_or(start, |n| n.min(start)),
            end,
            negated: negator.is_some(),
            weight,
            contrast,
            words: own,
            negator,
            question: a.questions.get(first.sentence) == Some(&true),
        }
    }

    /// Matches slots from `slot` at token `at`; returns the end token and
    /// leaves the positions of the matched words in `words`.
    fn match_at(
        &self,
        a: &Analysis,
        at: usize,
        slot: usize,
        sentence: usize,
        words: &mut Vec<usize>,
    ) -> Option<usize> {
        let Some(s) = self.slots.get(slot) else {
            return Some(at);
        };
        match s {
            Slot::Gap => (0..=GAP).find_map(|skip| {
                let pos = at + skip;
                if skip > 0 && a.tokens.get(pos - 1).is_none_or(|t| t.sentence != sentence) {
                    return None;
                }
                let keep = words.len();
                let r = self.match_at(a, pos, slot + 1, sentence, words);
                if r.is_none() {
                    words.truncate(keep);
                }
                r
            }),
            Slot::Word(alts, _) => {
                let t = a.tokens.get(at)?;
                if t.sentence != sentence || !alts.iter().any(|x| alt_matches(x, t)) {
                    return None;
                }
                words.push(at);
                let r = self.match_at(a, at + 1, slot + 1, sentence, words);
                if r.is_none() {
                    words.pop();
                }
                r
            }
        }
    }
}

fn alt_matches(alt: &Alt, t: &Token) -> bool {
    match alt {
        Alt::Stem(s) => *s == t.stem || *s == t.form,
        Alt::Exact(w) => *w == t.form,
        Alt::Prefix(p) => t.form.starts_with(p.as_str()),
    }
}
