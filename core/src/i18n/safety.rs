//! The words of the call screen's safety net: masked numbers, and
//! quitting when the notes could be saved nowhere.

use crate::playbook::Language;

/// The call screen's words for keeping data safe: masked numbers, and
/// quitting when the notes could be saved nowhere. (A block of its own so
/// the store's part of the interface stays together.)
pub struct SafetyWords {
    /// Notice after masking: `{what}` lists what was masked.
    pub masked: &'static str,
    /// A payment card number.
    pub card: &'static str,
    /// A card security code.
    pub security_code: &'static str,
    /// A bank account number.
    pub iban: &'static str,
    /// A citizen service number.
    pub bsn: &'static str,
    /// Title of the box shown when quitting with notes saved nowhere.
    pub unsaved_title: &'static str,
    /// Its explanation; `{reason}` says what failed (no notes text).
    pub unsaved_body: &'static str,
    /// After a copy: `{n}` characters went to the clipboard.
    pub copied: &'static str,
    /// Asked before quitting without saving.
    pub quit_confirm: &'static str,
    /// Saving again failed too.
    pub still_unsaved: &'static str,
}

/// Dutch safety words.
pub const NL_SAFETY: SafetyWords = SafetyWords {
    masked: "Gemaskeerd vóór opslaan: {what}",
    card: "kaartnummer",
    security_code: "beveiligingscode",
    iban: "IBAN",
    bsn: "BSN",
    unsaved_title: "Notities niet opgeslagen",
    unsaved_body: "De database, het noodbestand en elke andere plek (gegevensmap, configuratiemap, tijdelijke map, thuismap) konden niet worden beschreven: {reason}. Je notities staan alleen nog in het geheugen. Kopieer ze voordat je stopt.",
    copied: "{n} tekens gekopieerd. Plak ze op een veilige plek en druk dan twee keer op Ctrl-Q.",
    quit_confirm: "Druk nog eens op Ctrl-Q om te stoppen: de niet-opgeslagen notities gaan verloren.",
    still_unsaved: "Opslaan lukt nog steeds nergens.",
};

/// English safety words.
pub const EN_SAFETY: SafetyWords = SafetyWords {
    masked: "Masked before saving: {what}",
    card: "card number",
    security_code: "security code",
    iban: "IBAN",
    bsn: "BSN",
    unsaved_title: "Notes not saved",
    unsaved_body: "The database, the fallback journal and every other place (data, config, temporary and home directory) could not be written: {reason}. Your notes are only in memory. Copy them before you quit.",
    copied: "{n} characters copied. Paste them somewhere safe, then press Ctrl-Q twice.",
    quit_confirm: "Press Ctrl-Q again to quit: the unsaved notes will be lost.",
    still_unsaved: "Saving still works nowhere.",
};

/// The safety words for `lang`.
pub fn safety_words(lang: Language) -> &'static SafetyWords {
    match lang {
        Language::Nl => &NL_SAFETY,
        Language::En => &EN_SAFETY,
    }
}
