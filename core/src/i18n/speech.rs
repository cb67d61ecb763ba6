//! The words of the live transcript feed on the call screen.

use crate::playbook::Language;

/// Words of the live transcript: its status, pane and suggestions.
#[derive(Debug)]
pub struct SpeechWords {
    /// Header label before the feed's status.
    pub label: &'static str,
    /// The source does not exist (yet).
    pub missing: &'static str,
    /// Waiting for a writer or connection.
    pub waiting: &'static str,
    /// Reading.
    pub open: &'static str,
    /// The writer closed; waiting for the next.
    pub closed: &'static str,
    /// The source cannot be read.
    pub failed: &'static str,
    /// "{n} unreadable" lines.
    pub malformed: &'static str,
    /// "{n} dropped" lines (too fast).
    pub dropped: &'static str,
    /// Title of the transcript pane.
    pub pane: &'static str,
    /// Shown in the pane before anything was heard.
    pub nothing_yet: &'static str,
    /// Speaker label: the agent.
    pub agent: &'static str,
    /// Speaker label: the customer.
    pub customer: &'static str,
    /// The flare-up suggestion; `{cue}` is what was heard, `{key}` the escalate key.
    pub flare_up: &'static str,
}

/// Dutch.
pub const NL: SpeechWords = SpeechWords {
    label: "spraak",
    missing: "bron ontbreekt",
    waiting: "wacht op spraak",
    open: "luistert",
    closed: "gestopt, wacht",
    failed: "fout",
    malformed: "onleesbaar",
    dropped: "overgeslagen",
    pane: "Transcript",
    nothing_yet: "Nog niets gehoord.",
    agent: "jij",
    customer: "klant",
    flare_up: "Klant loopt op? (hoorde {cue}) {key}: opnieuw luisteren — jij beslist",
};

/// English.
pub const EN: SpeechWords = SpeechWords {
    label: "speech",
    missing: "source missing",
    waiting: "waiting for speech",
    open: "listening",
    closed: "stopped, waiting",
    failed: "error",
    malformed: "unreadable",
    dropped: "dropped",
    pane: "Transcript",
    nothing_yet: "Nothing heard yet.",
    agent: "you",
    customer: "customer",
    flare_up: "Customer flaring up? (heard {cue}) {key}: back to listening — your call",
};

/// The transcript words of `lang`.
pub fn speech_words(lang: Language) -> &'static SpeechWords {
    match lang {
        Language::Nl => &NL,
        Language::En => &EN,
    }
}
