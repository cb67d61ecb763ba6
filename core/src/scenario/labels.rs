//! Endings in words, for people (their ids stay in YAML, JSON and the
//! database). The words live in [`crate::i18n`]; moves have
//! [`Move::label`](super::Move::label).

use super::EndingId;
use crate::playbook::Language;

impl EndingId {
    /// The ending in words of `lang` (for people; [`EndingId::as_str`] is the id).
    pub fn label(self, lang: Language) -> &'static str {
        crate::i18n::ending_label(self.as_str(), lang)
    }
}
