//! Words the call summary writes into the confirmation e-mail and its
//! agreement list.

use crate::playbook::Language;

/// Gaps and small words of the e-mail, in one language.
#[derive(Debug)]
pub struct EmailWords {
    /// `{customer}` when no customer is known.
    pub customer_gap: &'static str,
    /// `{agent}` when no agent name is known.
    pub agent_gap: &'static str,
    /// `{complaint}` when the notes have no `!` line.
    pub complaint_gap: &'static str,
    /// `{follow_up…}` when nothing is planned.
    pub no_follow_up: &'static str,
    /// The agreement list when it is empty.
    pub no_agreements: &'static str,
    /// "by" before an agreement's date.
    pub by: &'static str,
}

const NL: EmailWords = EmailWords {
    customer_gap: "[naam klant]",
    agent_gap: "[uw naam]",
    complaint_gap: "[kern van de klacht]",
    no_follow_up: "[nog te plannen]",
    no_agreements: "(nog geen afspraken vastgelegd)",
    by: "uiterlijk",
};

const EN: EmailWords = EmailWords {
    customer_gap: "[customer name]",
    agent_gap: "[your name]",
    complaint_gap: "[core of the complaint]",
    no_follow_up: "[to be planned]",
    no_agreements: "(no agreements recorded yet)",
    by: "by",
};

impl EmailWords {
    /// The e-mail words of `lang`.
    pub fn for_language(lang: Language) -> &'static EmailWords {
        match lang {
            Language::Nl => &NL,
            Language::En => &EN,
        }
    }
}
