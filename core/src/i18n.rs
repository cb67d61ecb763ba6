//! Every interface word of callcoach, in Dutch and English: the call
//! screen and its overlays ([`Words`], [`NL`], [`EN`]), the key table's
//! descriptions ([`keys`]), the practice screen and picker
//! ([`PracticeWords`]), masking and unsaved notes ([`SafetyWords`]), and the words the summary writes into an e-mail
//! ([`EmailWords`]).
//!
//! The playbook's language picks the set (`--lang` overrides). Content
//! (stage titles, phrases, pitfalls) comes from the playbook itself; only
//! the words of the interface around it live here. Adding a language means
//! adding a field to [`Tr`] and a word set beside [`NL`] and [`EN`].

mod call;
pub mod cli;
mod email;
mod en;
pub mod keys;
pub mod library;
mod live;
mod nl;
pub mod plain;
mod practice;
pub mod privacy;
pub mod record;
mod safety;
pub mod show;
mod speech;
pub mod team;

pub use call::Words;
pub use email::EmailWords;
pub use en::EN;
pub use live::{LiveWords, SCROLL as LIVE_SCROLL, live_words};
pub use nl::NL;
pub use practice::{PracticeWords, ending_label, ending_name, move_name, stage_name};
pub use safety::{EN_SAFETY, NL_SAFETY, SafetyWords, safety_words};
pub use speech::{SpeechWords, speech_words};

use crate::engine::CallOutcome;
use crate::playbook::Language;

/// One text in both languages (used where a table needs a constant, such
/// as the key table's descriptions).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Tr {
    /// Dutch.
    pub nl: &'static str,
    /// English.
    pub en: &'static str,
}

impl Tr {
    /// The text in `lang`.
    pub const fn get(&self, lang: Language) -> &'static str {
        match lang {
            Language::Nl => self.nl,
            Language::En => self.en,
        }
    }
}

/// The word set for `lang`.
pub fn words(lang: Language) -> &'static Words {
    match lang {
        Language::Nl => &NL,
        Language::En => &EN,
    }
}

impl Words {
    /// "3 earlier calls" / "1 earlier call".
    pub fn earlier_count(&self, n: usize) -> String {
        let noun = if n == 1 {
            self.earlier_call
        } else {
            self.earlier_calls
        };
        format!("{n} {noun}")
    }
}

/// `text` between the quotation marks of `lang`: „…” in Dutch, “…” in
/// English.
pub fn quote(text: &str, lang: Language) -> String {
    match lang {
        Language::Nl => format!("„{text}”"),
        Language::En => format!("“{text}”"),
    }
}

/// How a call ended, in words: the one label the summary screen, the
/// history panel and the exports share.
pub fn outcome(o: CallOutcome, lang: Language) -> &'static str {
    match (o, lang) {
        (CallOutcome::Resolved, Language::Nl) => "opgelost",
        (CallOutcome::ResolvedWithFollowUp, Language::Nl) => "opgelost, opvolging gepland",
        (CallOutcome::PartedWays, Language::Nl) => "afscheid genomen",
        (CallOutcome::Unresolved, Language::Nl) => "nog niet opgelost",
        (CallOutcome::Resolved, Language::En) => "resolved",
        (CallOutcome::ResolvedWithFollowUp, Language::En) => "resolved, follow-up planned",
        (CallOutcome::PartedWays, Language::En) => "parted ways",
        (CallOutcome::Unresolved, Language::En) => "unresolved",
    }
}

/// How a stage went, in words (rail legend, summaries, exports).
pub fn stage_status(status: crate::engine::StageStatus, lang: Language) -> &'static str {
    use crate::engine::StageStatus as S;
    match (status, lang) {
        (S::NotReached, Language::Nl) => "nog niet bereikt",
        (S::Current, Language::Nl) => "huidig",
        (S::Done, Language::Nl) => "klaar",
        (S::Skipped, Language::Nl) => "overgeslagen",
        (S::CompletedLater, Language::Nl) => "overgeslagen, later afgerond",
        (S::NotReached, Language::En) => "not reached",
        (S::Current, Language::En) => "current",
        (S::Done, Language::En) => "done",
        (S::Skipped, Language::En) => "skipped",
        (S::CompletedLater, Language::En) => "skipped, completed later",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn earlier_calls_are_counted_in_singular_and_plural() {
        assert_eq!(NL.earlier_count(1), "1 eerder gesprek");
        assert_eq!(NL.earlier_count(3), "3 eerdere gesprekken");
        assert_eq!(EN.earlier_count(1), "1 earlier call");
    }

    #[test]
    fn languages_differ_and_templates_keep_placeholders() {
        assert_ne!(words(Language::Nl).notes, words(Language::En).notes);
        for w in [&NL, &EN] {
            assert!(w.over_time.contains("{min}"));
            assert!(w.not_said.contains("{items}"));
            assert!(w.checklist_legend.contains("[s]"));
            assert!(w.saved_to.contains("{path}"));
        }
    }

    #[test]
    fn quotation_marks_follow_the_language() {
        assert_eq!(quote("Dank u", Language::Nl), "„Dank u”");
        assert_eq!(quote("Thank you", Language::En), "“Thank you”");
    }

    #[test]
    fn every_practice_and_email_word_is_translated() {
        let nl = PracticeWords::for_language(Language::Nl);
        let en = PracticeWords::for_language(Language::En);
        assert_ne!(nl.mood, en.mood);
        assert_ne!(
            EmailWords::for_language(Language::Nl).by,
            EmailWords::for_language(Language::En).by
        );
    }
}
