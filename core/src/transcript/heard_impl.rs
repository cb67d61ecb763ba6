//! What a final utterance means for the call, all from the playbook: the
//! agent's words tick checklist items through the same `detect` cues as
//! the notes and mark suggested phrases as used; the customer's words may
//! match the playbook's flare-up cues. Nothing here escalates: the caller
//! shows a suggestion and the agent decides.

use super::{Kind, Speaker, Utterance};
use crate::engine::ItemRef;
use crate::notes;
use crate::playbook::Playbook;
use crate::stage::StageId;
use crate::text;

/// Share of a phrase's words (in order) the agent must say for it to count
/// as used; recognisers drop and mishear words.
const PHRASE_COVERAGE: f64 = 0.75;
/// Phrases shorter than this many words are never matched from speech
/// (too easily said by accident).
const PHRASE_MIN_WORDS: usize = 3;

/// What one utterance means for the call.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Heard {
    /// Checklist items whose cues the agent said.
    pub items: Vec<ItemRef>,
    /// Suggested phrases (stage, index) the agent said.
    pub phrases: Vec<(StageId, usize)>,
    /// The customer said this flare-up cue.
    pub flare_up: Option<String>,
}

/// What `u` means for a call with playbook `pb`. Partial utterances and
/// other speakers mean nothing (a partial may still change).
pub fn heard(pb: &Playbook, u: &Utterance) -> Heard {
    if u.kind != Kind::Final {
        return Heard::default();
    }
    match u.speaker {
        Speaker::Agent => {
            let said = text::words(&u.text);
            let phrases = pb
                .stages
                .iter()
                .flat_map(|(stage, content)| {
                    content
                        .phrases
                        .iter()
                        .enumerate()
                        .filter(|(_, p)| phrase_said(&p.text, &said))
                        .map(move |(i, _)| (stage, i))
                })
                .collect();
            Heard {
                items: notes::cue_hits(pb, &u.text),
                phrases,
                flare_up: None,
            }
        }
        Speaker::Customer => {
            let said = text::words(&u.text);
            let flare_up = pb
                .flare_up
                .as_ref()
                .and_then(|f| f.cues.iter().find(|c| text::contains_phrase(&said, c)))
                .cloned();
            Heard {
                flare_up,
                ..Heard::default()
            }
        }
        Speaker::Other(_) => Heard::default(),
    }
}

/// True when a stretch of `said` not much longer than `phrase` holds, in
/// order, at least [`PHRASE_COVERAGE`] of the phrase's words (its
/// `{placeholders}` left out).
fn phrase_said(phrase: &str, said: &[String]) -> bool {
    let bare = text::fill(phrase, |_| Some(String::new()));
    let want = text::words(&bare);
    if want.len() < PHRASE_MIN_WORDS || said.is_empty() {
        return false;
    }
    let needed = (want.len() as f64 * PHRASE_COVERAGE).ceil() as usize;
    // A stretch starts at a word of the phrase and spans at most half as
    // many words again (a few fillers, a misheard word).
    let span = want.len() + want.len() / 2 + 1;
    (0..said.len())
        .filter(|&i| want.contains(&said[i]))
        .any(|i| lcs(&want, &said[i..(i + span).min(said.len())]) >= needed)
}

/// Length of the longest common subsequence (words in order, gaps allowed).
fn lcs(a: &[String], b: &[String]) -> usize {
    let mut row = vec![0usize; b.len() + 1];
    for x in a {
        let mut diag = 0;
        for (j, y) in b.iter().enumerate() {
            let up = row[j + 1];
            row[j + 1] = if x == y { diag + 1 } else { up.max(row[j]) };
            diag = up;
        }
    }
    row[b.len()]
}
