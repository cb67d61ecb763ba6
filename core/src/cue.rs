//! Cue matching, shared by the typed-reply classifier ([`crate::classify`])
//! and the notes' checklist auto-ticks ([`crate::notes`]).
//!
//! Text is *analysed* once: folded (lower case, no accents), split into
//! sentences and comma segments, everyday spellings and contractions
//! expanded ("'t" → "het", "don't" → "do not"), every word stemmed with the
//! Snowball stemmer of its language ("oplossingen" and "oplossing" share a
//! stem), and every word marked when a negation word governs it ("niet",
//! "geen", "not", "never"…: the next few words of its segment, or the words
//! before a negation that closes its segment, "dat klopt niet"). A
//! contrast word ("maar", "but") starts a clause that weighs more.
//!
//! A *pattern* is a cue phrase with a little syntax (documented in the
//! shipped cue files and the README):
//!
//! | syntax | matches |
//! |---|---|
//! | `word` | any word with the same Snowball stem |
//! | `=word` | exactly this word (after folding and spelling) |
//! | `word*` | any word beginning with `word` |
//! | `a\|b` | one of the alternatives (each as above) |
//! | `...` | up to three other words, within the sentence |
//! | `^` first | the match starts a sentence or follows a comma |
//! | `?` last | the sentence ends with a question mark |
//!
//! A pattern without a negation word does not match plainly where its words
//! are negated by a negation word outside it: such a [`Hit`] is `negated`,
//! and the caller decides what that means ("niet uw schuld" is no blame).

use crate::playbook::Language;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Most words a `...` gap may skip.
pub const GAP: usize = 4;

/// How a language is read: negation, contrast and spelling. Part of the
/// shipped cue files (`words:`), editable by a team lead.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Lexicon {
    /// Words that negate what follows them ("niet", "geen", "not"). English
    /// "n't" always counts as "not".
    #[serde(default)]
    pub negators: Vec<String>,
    /// How many words after a negation word it governs (within its segment).
    #[serde(default = "default_reach")]
    pub negation_reach: usize,
    /// Words that start a contrasting clause ("maar", "but"); a leading `^`
    /// means only at the start of a sentence or after a comma ("^alleen").
    #[serde(default)]
    pub contrast: Vec<String>,
    /// Words after which a contrast word is a mere particle ("vertelt u
    /// maar", "zeg het maar even"): it then starts no clause.
    #[serde(default)]
    pub particle_before: Vec<String>,
    /// Words after which a contrast word is no contrast: Dutch "maar één
    /// keer" (only once), "maar even".
    #[serde(default)]
    pub particle_after: Vec<String>,
    /// Whether a negation word that closes its clause governs the words
    /// before it (Dutch "dat klopt niet"; not English "it says no").
    #[serde(default)]
    pub negation_backward: bool,
    /// Whether a negation word also governs the word right before it
    /// (Dutch "klant begrijpt niet waarom": the verb comes first).
    #[serde(default)]
    pub negation_back_one: bool,
    /// Words that may follow a negation word closing its clause ("ik
    /// onderbreek u niet hoor"): the negation then governs the words before.
    #[serde(default)]
    pub tail_particles: Vec<String>,
    /// Weight of the words in a contrasting clause (other words weigh 1).
    #[serde(default = "default_contrast_weight")]
    pub contrast_weight: f32,
    /// Everyday spellings and contractions, replaced word by word before
    /// stemming: `{"'t": het, ff: even, dont: do not}`.
    #[serde(default)]
    pub spelling: BTreeMap<String, String>,
}

fn default_reach() -> usize {
    5
}

fn default_contrast_weight() -> f32 {
    2.0
}

impl Default for Lexicon {
    fn default() -> Self {
        Lexicon {
            negators: Vec::new(),
            negation_reach: default_reach(),
            contrast: Vec::new(),
            particle_before: Vec::new(),
            particle_after: Vec::new(),
            negation_backward: false,
            negation_back_one: false,
            tail_particles: Vec::new(),
            contrast_weight: default_contrast_weight(),
            spelling: BTreeMap::new(),
        }
    }
}

/// The shipped cue file for Dutch (its `words:` part is the Dutch lexicon).
pub const DEFAULT_CUES_NL: &str = include_str!("../../playbooks/scenarios/cues/nl.yaml");
/// The shipped cue file for English.
pub const DEFAULT_CUES_EN: &str = include_str!("../../playbooks/scenarios/cues/en.yaml");

/// The shipped cue file of `lang`.
pub fn default_cue_file(lang: Language) -> &'static str {
    match lang {
        Language::Nl => DEFAULT_CUES_NL,
        Language::En => DEFAULT_CUES_EN,
    }
}

#[derive(Deserialize)]
struct WordsOnly {
    #[serde(default)]
    words: Lexicon,
}

impl Lexicon {
    /// The shipped lexicon of `lang` (the `words:` of its cue file). The
    /// files are compiled in and tested; should one fail to parse, an empty
    /// lexicon is used (no negation or contrast) rather than panicking.
    pub fn builtin(lang: Language) -> Lexicon {
        crate::yaml::from_str::<WordsOnly>("cue file", default_cue_file(lang))
            .map(|w| w.words)
            .unwrap_or_default()
    }
}

/// A [`Lexicon`] ready for use in one language.
pub struct Reader {
    /// The language (picks the stemmer).
    pub lang: Language,
    lex: Lexicon,
    negators: Vec<String>,
    stemmer: rust_stemmers::Stemmer,
}

impl std::fmt::Debug for Reader {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Reader")
            .field("lang", &self.lang)
            .field("lex", &self.lex)
            .finish()
    }
}

impl Clone for Reader {
    fn clone(&self) -> Self {
        Reader::new(self.lang, self.lex.clone())
    }
}

/// One word of an analysed text.
#[derive(Clone, Debug, PartialEq)]
pub struct Token {
    /// The word as typed (folded), for showing what was heard.
    pub surface: String,
    /// The word after spelling expansion (folded).
    pub form: String,
    /// Its Snowball stem.
    pub stem: String,
    /// 0-based sentence number.
    pub sentence: usize,
    /// True for the first word of a sentence or after a comma.
    pub segment_start: bool,
    /// The index of the negation word governing this word, if any.
    pub negated_by: Option<usize>,
    /// True for a negation word.
    pub negator: bool,
    /// Weight of its clause: 1, or the contrast weight after "maar"/"but".
    pub weight: f32,
    /// Index of the contrast word that opened its clause, if any.
    pub contrast: Option<usize>,
}

/// An analysed text.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Analysis {
    /// The words in order.
    pub tokens: Vec<Token>,
    /// Per sentence: does it end with a question mark?
    pub questions: Vec<bool>,
}

impl Analysis {
    /// The words `start..end` as typed, joined by spaces.
    pub fn span(&self, start: usize, end: usize) -> String {
        self.tokens
            .get(start..end.min(self.tokens.len()))
            .unwrap_or_default()
            .iter()
            .map(|t| t.surface.as_str())
            .filter(|w| !w.is_empty())
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// The surface of token `i` (empty when out of range).
    pub fn word(&self, i: usize) -> &str {
        self.tokens.get(i).map_or("", |t| t.surface.as_str())
    }
}

impl Reader {
    /// A reader for `lang` with `lex`.
    pub fn new(lang: Language, lex: Lexicon) -> Reader {
        let algo = match lang {
            Language::Nl => rust_stemmers::Algorithm::Dutch,
            Language::En => rust_stemmers::Algorithm::English,
        };
        let negators = lex
            .negators
            .iter()
            .map(|n| crate::text::fold(n.trim()))
            .collect();
        Reader {
            lang,
            lex,
            negators,
            stemmer: rust_stemmers::Stemmer::create(algo),
        }
    }

    /// The shipped reader of `lang`.
    pub fn builtin(lang: Language) -> Reader {
        Reader::new(lang, Lexicon::builtin(lang))
    }

    /// The shipped reader of `lang`, built once per process (the notes'
    /// auto-ticks run on every edit).
    pub fn shared(lang: Language) -> &'static Reader {
        static NL: std::sync::OnceLock<Reader> = std::sync::OnceLock::new();
        static EN: std::sync::OnceLock<Reader> = std::sync::OnceLock::new();
        match lang {
            Language::Nl => NL.get_or_init(|| Reader::builtin(Language::Nl)),
            Language::En => EN.get_or_init(|| Reader::builtin(Language::En)),
        }
    }

    /// The lexicon in use.
    pub fn lexicon(&self) -> &Lexicon {
        &self.lex
    }

    /// The Snowball stem of a folded word.
    pub fn stem(&self, word: &str) -> String {
        self.stemmer.stem(word).into_owned()
    }

    /// The words a typed word stands for: the spelling table first (as
    /// typed, then without apostrophes), then contractions.
    fn expand(&self, w: &str) -> Vec<String> {
        let key = w.to_owned();
        if let Some(full) = self.lex.spelling.get(&key) {
            return crate::text::words(full);
        }
        let bare = w.replace('\'', "");
        if let Some(full) = self.lex.spelling.get(&bare) {
            return crate::text::words(full);
        }
        expand_contraction(w)
            .into_iter()
            .flat_map(|p| match self.lex.spelling.get(&p) {
                Some(full) => crate::text::words(full),
                None => vec![p],
            })
            .filter(|p| !p.is_empty())
            .collect()
    }

    fn is_negator(&self, form: &str) -> bool {
        form == "not" || self.negators.iter().any(|n| n == form)
    }

    fn is_contrast(&self, form: &str, segment_start: bool) -> bool {
        self.lex.contrast.iter().any(|c| match c.strip_prefix('^') {
            Some(c) => segment_start && c == form,
            None => c == form,
        })
    }

    /// Analyses `text` (see the module docs).
    pub fn analyse(&self, text: &str) -> Analysis {
        let folded = crate::text::fold(text);
        let mut a = Analysis::default();
        let mut sentence = 0usize;
        let mut seg_start = true;
        let mut sentence_has_words = false;
        for p in pieces(&folded) {
            match p {
                Piece::Word(w) => {
                    let parts = self.expand(&w);
                    for (k, form) in parts.iter().enumerate() {
                        a.tokens.push(Token {
                            surface: if k == 0 { w.clone() } else { String::new() },
                            stem: self.stem(form),
                            form: form.clone(),
                            sentence,
                            segment_start: seg_start && k == 0,
                            negated_by: None,
                            negator: self.is_negator(form),
                            weight: 1.0,
                            contrast: None,
                        });
                    }
                    seg_start = false;
                    sentence_has_words = true;
                }
                Piece::Comma => seg_start = true,
                Piece::End(q) => {
                    if sentence_has_words {
                        a.questions.push(q);
                        sentence += 1;
                        sentence_has_words = false;
                    } else if q && let Some(last) = a.questions.last_mut() {
                        *last = true;
                    }
                    seg_start = true;
                }
            }
        }
        if sentence_has_words {
            a.questions.push(false);
        }
        // Surfaces of expanded words: the first part carries the typed word.
        self.mark_clauses(&mut a);
        self.mark_negation(&mut a);
        a
    }

    /// Contrast clauses: from a contrast word to the end of its sentence.
    fn mark_clauses(&self, a: &mut Analysis) {
        let n = a.tokens.len();
        for i in 0..n {
            let t = &a.tokens[i];
            if !self.is_contrast(&t.form, t.segment_start) {
                continue;
            }
            let sentence = t.sentence;
            let next = a.tokens.get(i + 1).filter(|x| x.sentence == sentence);
            // A particle: last word of its sentence or segment, or after an
            // imperative such as "vertelt u maar", "zeg het maar".
            let last_in_segment = next.is_none_or(|x| x.segment_start);
            let prev_particle = i > 0 && {
                let p = &a.tokens[i - 1];
                p.sentence == sentence
                    && !t.segment_start
                    && self.lex.particle_before.contains(&p.form)
            };
            let next_particle = next.is_some_and(|x| {
                self.lex
                    .particle_after
                    .iter()
                    .any(|w| crate::text::fold(w) == x.form)
            });
            if last_in_segment || prev_particle || next_particle {
                continue;
            }
            for t in a.tokens[i..]
                .iter_mut()
                .take_while(|x| x.sentence == sentence)
            {
                t.weight = self.lex.contrast_weight;
                t.contrast = Some(i);
            }
        }
    }

    /// Negation scope: the next `negation_reach` words of the segment (up
    /// to a contrast word), or — when the negation word (nearly) closes its
    /// segment and the language allows it ("dat klopt niet", "kern nog niet
    /// duidelijk") — the three words before it and the one after.
    fn mark_negation(&self, a: &mut Analysis) {
        let n = a.tokens.len();
        for i in 0..n {
            if !a.tokens[i].negator {
                continue;
            }
            let sentence = a.tokens[i].sentence;
            // At most one word other than tail particles follows in the
            // segment: a closing negation ("dat klopt niet", "kern nog niet
            // duidelijk"). It governs the words before it, and the one after.
            let after = a.tokens[i + 1..]
                .iter()
                .take_while(|t| t.sentence == sentence && !t.segment_start)
                .filter(|t| !self.lex.tail_particles.contains(&t.form))
                .count();
            let closing = self.lex.negation_backward && after <= 1;
            let mut governed = 0usize;
            let mut j = i + 1;
            let reach = if closing {
                after
            } else {
                self.lex.negation_reach
            };
            while j < n && governed < reach {
                let t = &a.tokens[j];
                if t.sentence != sentence
                    || t.segment_start
                    || t.negator
                    || self.is_contrast(&t.form, t.segment_start)
                {
                    break;
                }
                if a.tokens[j].negated_by.is_none() {
                    a.tokens[j].negated_by = Some(i);
                }
                governed += 1;
                j += 1;
            }
            if self.lex.negation_back_one
                && !closing
                && !a.tokens[i].segment_start
                && i > 0
                && !a.tokens[i - 1].negator
                && a.tokens[i - 1].negated_by.is_none()
            {
                a.tokens[i - 1].negated_by = Some(i);
            }
            if closing && self.lex.negation_backward && !a.tokens[i].segment_start {
                let mut k = i;
                let mut back = 0;
                while k > 0 && back < 3 {
                    k -= 1;
                    let t = &a.tokens[k];
                    if t.sentence != sentence || t.negator {
                        break;
                    }
                    if t.negated_by.is_none() {
                        a.tokens[k].negated_by = Some(i);
                    }
                    back += 1;
                    if a.tokens[k].segment_start {
                        break;
                    }
                }
            }
        }
    }
}

pub mod pattern;
mod words;

pub use pattern::{Hit, Pattern};
use words::{Piece, expand_contraction, pieces};

#[cfg(test)]
mod tests;
