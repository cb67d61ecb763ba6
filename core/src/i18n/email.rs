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
    /// `{follow_up}` on the phone: who calls (`{agent}`).
    pub call_from: &'static str,
    /// `{follow_up}` in person.
    pub talk_with: &'static str,
    /// Who, when the agent's name is unknown.
    pub us: &'static str,
}

const NL: EmailWords = EmailWords {
    customer_gap: "[naam klant]",
    agent_gap: "[uw naam]",
    complaint_gap: "[kern van de klacht]",
    no_follow_up: "[nog te plannen]",
    no_agreements: "(nog geen afspraken vastgelegd)",
    by: "uiterlijk",
    call_from: "een telefoontje van {agent}",
    talk_with: "een gesprek met {agent}",
    us: "ons",
};

const EN: EmailWords = EmailWords {
    customer_gap: "[customer name]",
    agent_gap: "[your name]",
    complaint_gap: "[core of the complaint]",
    no_follow_up: "[to be planned]",
    no_agreements: "(no agreements recorded yet)",
    by: "by",
    call_from: "a call from {agent}",
    talk_with: "a conversation with {agent}",
    us: "us",
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
