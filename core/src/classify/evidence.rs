//! What the classifier heard, and how it is told to the trainee.

use super::Origin;
use crate::playbook::Language;
use crate::scenario::Move;

/// A pattern that was heard, and what it counted for.
#[derive(Clone, Debug, PartialEq)]
pub struct Evidence {
    /// The words heard, as typed.
    pub heard: String,
    /// The cue pattern as written in the YAML.
    pub phrase: String,
    /// The move the pattern belongs to.
    pub cue_move: Move,
    /// The move it counted for (`None`: a negated cue that counts for nothing).
    pub act: Option<Move>,
    /// True when heard under negation.
    pub negated: bool,
    /// The contrast word when heard in the part after it ("maar").
    pub contrast: Option<String>,
    /// Points added.
    pub points: f32,
    /// Set when the cue belongs to one option (1-based number).
    pub option: Option<usize>,
    /// Positions of the words heard in the analysed text (gaps excluded).
    pub words: Vec<usize>,
    /// Position of the governing negation word, when negated.
    pub negator: Option<usize>,
    /// True for the learned model's evidence: `heard` lists its words.
    pub learned: bool,
    /// Where the cue comes from.
    pub origin: Origin,
}

impl Evidence {
    /// One line for the trainee, in `lang`: "'niet uw schuld' (ontkend:
    /// klant de schuld geven) → begrip tonen".
    pub fn describe(&self, lang: Language) -> String {
        let heard = crate::text::sanitize_line(&self.heard);
        if self.learned {
            let word = match lang {
                Language::Nl => "geleerd",
                Language::En => "learned",
            };
            let to = self.act.map_or("—", |m| m.label(lang));
            return format!("{word}: {heard} → {to}");
        }
        let mut s = format!("'{heard}'");
        if self.negated {
            let word = match lang {
                Language::Nl => "ontkend",
                Language::En => "negated",
            };
            s.push_str(&format!(" ({word}: {})", self.cue_move.label(lang)));
        }
        if let Some(c) = &self.contrast {
            let word = match lang {
                Language::Nl => "na",
                Language::En => "after",
            };
            s.push_str(&format!(
                " ({word} '{}', ×2)",
                crate::text::sanitize_line(c)
            ));
        }
        match self.act {
            Some(m) => format!("{s} → {}", m.label(lang)),
            None => {
                let word = match lang {
                    Language::Nl => "telt niet",
                    Language::En => "does not count",
                };
                format!("{s} → {word}")
            }
        }
    }
}

impl std::fmt::Display for Evidence {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.describe(Language::En))
    }
}
