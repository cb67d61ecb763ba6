//! The words of the team lead's live view (`callcoach team live`).

use crate::playbook::Language;

/// Words of the live view: its title, columns, flags and connection status.
#[derive(Debug)]
pub struct LiveWords {
    /// The screen's title; `{n}` is the number of calls in progress.
    pub title: &'static str,
    /// Column: the agent.
    pub agent: &'static str,
    /// Column: the customer reference.
    pub customer: &'static str,
    /// Column: the stage.
    pub stage: &'static str,
    /// Column: time in the current stage.
    pub in_stage: &'static str,
    /// Column: escalations.
    pub escalations: &'static str,
    /// Column: the flags.
    pub flags: &'static str,
    /// Flag: past the stage's time hint.
    pub over_time: &'static str,
    /// Flag: required items skipped and still open.
    pub skipped: &'static str,
    /// Flag: no update for a while; `{min}` is minutes.
    pub no_news: &'static str,
    /// A stage this version does not know.
    pub unknown_stage: &'static str,
    /// Shown for a call without a customer reference.
    pub no_customer: &'static str,
    /// The list is empty.
    pub empty: &'static str,
    /// Connection status: connecting.
    pub connecting: &'static str,
    /// Connection status: connected, updates arrive as they happen.
    pub live: &'static str,
    /// Connection status: not connected (failed or dropped); `{s}` is the
    /// seconds until the next try.
    pub lost: &'static str,
    /// Connection status: not connected, trying again now.
    pub retrying: &'static str,
    /// Shown beside a list that may be out of date (connection lost).
    pub stale_list: &'static str,
}

/// Dutch.
pub const NL: LiveWords = LiveWords {
    title: "Lopende gesprekken ({n})",
    agent: "Medewerker",
    customer: "Klant",
    stage: "Fase",
    in_stage: "In fase",
    escalations: "Escal.",
    flags: "Signalen",
    over_time: "over tijd",
    skipped: "overgeslagen",
    no_news: "{min} min geen nieuws",
    unknown_stage: "onbekende fase",
    no_customer: "–",
    empty: "Geen lopende gesprekken.",
    connecting: "verbinden…",
    live: "live",
    lost: "geen verbinding; opnieuw over {s} s",
    retrying: "geen verbinding; opnieuw verbinden…",
    stale_list: "de lijst is mogelijk verouderd",
};

/// English.
pub const EN: LiveWords = LiveWords {
    title: "Calls in progress ({n})",
    agent: "Agent",
    customer: "Customer",
    stage: "Stage",
    in_stage: "In stage",
    escalations: "Escal.",
    flags: "Flags",
    over_time: "over time",
    skipped: "skipped",
    no_news: "no news for {min} min",
    unknown_stage: "unknown stage",
    no_customer: "–",
    empty: "No calls in progress.",
    connecting: "connecting…",
    live: "live",
    lost: "no connection; retrying in {s} s",
    retrying: "no connection; reconnecting…",
    stale_list: "the list may be out of date",
};

/// The live view's words in `lang`.
pub fn live_words(lang: Language) -> &'static LiveWords {
    match lang {
        Language::Nl => &NL,
        Language::En => &EN,
    }
}

/// The live view's footer word for its scroll keys.
pub const SCROLL: crate::i18n::Tr = crate::i18n::Tr {
    nl: "scrollen",
    en: "scroll",
};
